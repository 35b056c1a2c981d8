/* fn_math.c - Sprig's arithmetic (functions.go and numeric.go).
 *
 * Integer functions convert every operand with cast.ToInt64 (bad input is 0, 1.9 is 1,
 * "0x10" is 16) and return int64; Go's wrap-around on overflow is kept.  The float
 * functions addf/subf/mulf/divf/add1f compute in shopspring/decimal (decimal.h) and
 * return float64; maxf/minf/floor/ceil/round use float64 math as Go's math package does.
 */
#include "../base/err.h"
#include "../value/conv.h"
#include "decimal.h"
#include "fn_sprig.h"
#include "../exec/functab.h"
#include <math.h>
#include <stdlib.h>

static int64_t wrap_add(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wrap_sub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static int64_t wrap_mul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

/* add v... : int64 sum */
sg_value fn_add(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t a = 0;
    for (int i = 0; i < argc; i++) a = wrap_add(a, conv_int64(argv[i]));
    return val_int64(a);
}

/* add1 v : v + 1 as int64 */
sg_value fn_add1(sg_fcall *c, int argc, sg_value *argv)
{
    return val_int64(wrap_add(conv_int64(argv[0]), 1));
}

/* sub a b : int64 */
sg_value fn_sub(sg_fcall *c, int argc, sg_value *argv)
{
    return val_int64(wrap_sub(conv_int64(argv[0]), conv_int64(argv[1])));
}

static void int_divisor(int64_t b)
{
    if (b == 0) sg_throwf("runtime error: integer divide by zero");
}

/* div a b : int64 quotient truncated toward zero */
sg_value fn_div(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t a = conv_int64(argv[0]), b = conv_int64(argv[1]);
    int_divisor(b);
    if (b == -1) return val_int64(wrap_sub(0, a)); /* Go: MinInt64 / -1 wraps */
    return val_int64(a / b);
}

/* mod a b : int64 remainder with the sign of a */
sg_value fn_mod(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t a = conv_int64(argv[0]), b = conv_int64(argv[1]);
    int_divisor(b);
    if (b == -1) return val_int64(0);
    return val_int64(a % b);
}

/* mul a v... : int64 product */
sg_value fn_mul(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t a = conv_int64(argv[0]);
    for (int i = 1; i < argc; i++) a = wrap_mul(a, conv_int64(argv[i]));
    return val_int64(a);
}

/* max a v... / biggest : int64 */
sg_value fn_max(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t a = conv_int64(argv[0]);
    for (int i = 1; i < argc; i++) {
        int64_t b = conv_int64(argv[i]);
        if (b > a) a = b;
    }
    return val_int64(a);
}

/* min a v... : int64 */
sg_value fn_min(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t a = conv_int64(argv[0]);
    for (int i = 1; i < argc; i++) {
        int64_t b = conv_int64(argv[i]);
        if (b < a) a = b;
    }
    return val_int64(a);
}

/* Go's math.Max / math.Min: NaN wins, and +0 beats -0 (Max) / -0 beats +0 (Min). */
static double go_max(double x, double y)
{
    if (isinf(x) && x > 0) return x;
    if (isinf(y) && y > 0) return y;
    if (isnan(x) || isnan(y)) return NAN;
    if (x == 0 && x == y) return signbit(x) ? y : x;
    return x > y ? x : y;
}

static double go_min(double x, double y)
{
    if (isinf(x) && x < 0) return x;
    if (isinf(y) && y < 0) return y;
    if (isnan(x) || isnan(y)) return NAN;
    if (x == 0 && x == y) return signbit(x) ? x : y;
    return x < y ? x : y;
}

/* maxf a v... : float64 */
sg_value fn_maxf(sg_fcall *c, int argc, sg_value *argv)
{
    double a = conv_float64(argv[0]);
    for (int i = 1; i < argc; i++) a = go_max(a, conv_float64(argv[i]));
    return val_float(a);
}

/* minf a v... : float64 */
sg_value fn_minf(sg_fcall *c, int argc, sg_value *argv)
{
    double a = conv_float64(argv[0]);
    for (int i = 1; i < argc; i++) a = go_min(a, conv_float64(argv[i]));
    return val_float(a);
}

/* floor v : float64 */
sg_value fn_floor(sg_fcall *c, int argc, sg_value *argv)
{
    return val_float(floor(conv_float64(argv[0])));
}

/* ceil v : float64 */
sg_value fn_ceil(sg_fcall *c, int argc, sg_value *argv)
{
    return val_float(ceil(conv_float64(argv[0])));
}

/* round v places [roundOn] : float64, Sprig's own rounding (0.5 by default) */
sg_value fn_round(sg_fcall *c, int argc, sg_value *argv)
{
    double round_on = argc > 2 ? argv[2].u.f : .5;
    double val = conv_float64(argv[0]);
    double pow10 = pow(10, (double)argv[1].u.i);
    double digit = pow10 * val, ip;
    double frac = modf(digit, &ip);
    double r = frac >= round_on ? ceil(digit) : floor(digit);
    return val_float(r / pow10);
}

typedef sg_decimal (*decop)(sg_decimal, sg_decimal);

/* Sprig's execDecimalOp: fold the operands through a decimal operation. */
static sg_value decimal_fold(sg_value first, int argc, sg_value *argv, decop op)
{
    sg_decimal acc = dec_from_float(conv_float64(first));
    for (int i = 0; i < argc; i++) acc = op(acc, dec_from_float(conv_float64(argv[i])));
    return val_float(dec_to_float(acc));
}

/* addf v... : float64 sum in decimal */
sg_value fn_addf(sg_fcall *c, int argc, sg_value *argv)
{
    return decimal_fold(val_float(0), argc, argv, dec_add);
}

/* add1f v : v + 1 in decimal */
sg_value fn_add1f(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value one = val_int(1);
    return decimal_fold(argv[0], 1, &one, dec_add);
}

/* subf a v... : float64 */
sg_value fn_subf(sg_fcall *c, int argc, sg_value *argv)
{
    return decimal_fold(argv[0], argc - 1, argv + 1, dec_sub);
}

/* mulf a v... : float64 */
sg_value fn_mulf(sg_fcall *c, int argc, sg_value *argv)
{
    return decimal_fold(argv[0], argc - 1, argv + 1, dec_mul);
}

/* divf a v... : float64 (each division rounded to 16 decimal places) */
sg_value fn_divf(sg_fcall *c, int argc, sg_value *argv)
{
    return decimal_fold(argv[0], argc - 1, argv + 1, dec_div);
}

/* randInt min max : int in [min, max) */
sg_value fn_randint(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t lo = argv[0].u.i, hi = argv[1].u.i;
    int64_t n = wrap_sub(hi, lo);
    if (n <= 0) sg_throwf("invalid argument to Intn");
    uint64_t r = ((uint64_t)random() << 31) ^ (uint64_t)random();
    r = (r << 2) ^ (uint64_t)random();
    return val_int(wrap_add((int64_t)(r % (uint64_t)n), lo));
}
