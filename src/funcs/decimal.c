/* decimal.c - exact decimal arithmetic for Sprig's float math (see decimal.h).
 *
 * Magnitudes are ASCII digit strings (schoolbook add, subtract, multiply and long
 * division); float64 inputs have at most 17 significant digits, so the strings stay
 * short except when exponents far apart are aligned (1e300 + 1e-300: ~600 digits).
 */
#include "decimal.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { DIV_PRECISION = 16 };

static sg_decimal make(bool neg, const char *d, size_t n, int64_t exp)
{
    while (n && *d == '0') d++, n--;
    /* strip trailing zeros into the exponent (value unchanged) */
    while (n && d[n - 1] == '0') n--, exp++;
    sg_decimal r = { n ? neg : false, n ? d : "", n, n ? exp : 0 };
    return r;
}

sg_decimal dec_from_float(double f)
{
    if (isnan(f) || isinf(f)) {
        sg_buf b;
        buf_init(&b);
        gofmt_float(&b, f, 'g', -1);
        sg_throwf("Cannot create a Decimal from %s", b.p);
    }
    if (f == 0) return make(false, "", 0, 0);
    sg_buf b;
    buf_init(&b);
    gofmt_float(&b, fabs(f), 'e', -1); /* shortest round-trip digits: d.ddde+XX */
    char *digits = sg_alloc(b.len + 1);
    size_t n = 0;
    const char *p = b.p;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') digits[n++] = *p;
    long e10 = *p == 'e' ? strtol(p + 1, NULL, 10) : 0;
    return make(f < 0, digits, n, (int64_t)e10 - (int64_t)(n - 1));
}

/* ---- magnitudes as digit strings ---- */

static int mag_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn) return an < bn ? -1 : 1;
    int c = memcmp(a, b, an);
    return c < 0 ? -1 : c > 0;
}

/* a * 10^k as a new digit string. */
static char *shift(const char *a, size_t an, size_t k, size_t *outn)
{
    char *r = sg_alloc(an + k + 1);
    memcpy(r, a, an);
    memset(r + an, '0', k);
    *outn = an + k;
    return r;
}

static char *mag_add(const char *a, size_t an, const char *b, size_t bn, size_t *outn)
{
    size_t n = (an > bn ? an : bn) + 1;
    char *r = sg_alloc(n + 1);
    int carry = 0;
    for (size_t i = 0; i < n; i++) {
        int x = carry;
        if (i < an) x += a[an - 1 - i] - '0';
        if (i < bn) x += b[bn - 1 - i] - '0';
        r[n - 1 - i] = (char)('0' + x % 10);
        carry = x / 10;
    }
    *outn = n;
    return r;
}

/* a - b for a >= b. */
static char *mag_sub(const char *a, size_t an, const char *b, size_t bn, size_t *outn)
{
    char *r = sg_alloc(an + 1);
    int borrow = 0;
    for (size_t i = 0; i < an; i++) {
        int x = a[an - 1 - i] - '0' - borrow;
        if (i < bn) x -= b[bn - 1 - i] - '0';
        borrow = x < 0;
        if (x < 0) x += 10;
        r[an - 1 - i] = (char)('0' + x);
    }
    *outn = an;
    return r;
}

static char *mag_mul(const char *a, size_t an, const char *b, size_t bn, size_t *outn)
{
    size_t n = an + bn;
    uint32_t *acc = sg_alloc((n + 1) * sizeof *acc);
    for (size_t i = 0; i < an; i++) {
        uint32_t x = (uint32_t)(a[an - 1 - i] - '0');
        if (!x) continue;
        for (size_t j = 0; j < bn; j++) acc[i + j] += x * (uint32_t)(b[bn - 1 - j] - '0');
        /* normalise every row so the accumulators cannot overflow */
        for (size_t k = i; k < n; k++)
            if (acc[k] >= 10) { acc[k + 1] += acc[k] / 10; acc[k] %= 10; }
    }
    char *r = sg_alloc(n + 1);
    for (size_t k = 0; k < n; k++) r[n - 1 - k] = (char)('0' + acc[k]);
    *outn = n;
    return r;
}

/* Long division: q = a / b, rem = a % b (b non-zero, no leading zeros). */
static char *mag_divmod(const char *a, size_t an, const char *b, size_t bn, size_t *qn,
                        char **rem, size_t *remn)
{
    char *q = sg_alloc(an + 1);
    char *r = sg_alloc(an + bn + 2);
    size_t rn = 0;
    for (size_t i = 0; i < an; i++) {
        if (rn == 0 && a[i] == '0') { q[i] = '0'; continue; }
        r[rn++] = a[i];
        int digit = 0;
        while (mag_cmp(r, rn, b, bn) >= 0) {
            /* r -= b in place, then drop leading zeros */
            int borrow = 0;
            for (size_t k = 0; k < rn; k++) {
                int x = r[rn - 1 - k] - '0' - borrow;
                if (k < bn) x -= b[bn - 1 - k] - '0';
                borrow = x < 0;
                r[rn - 1 - k] = (char)('0' + (x < 0 ? x + 10 : x));
            }
            size_t z = 0;
            while (z < rn && r[z] == '0') z++;
            memmove(r, r + z, rn - z);
            rn -= z;
            digit++;
        }
        q[i] = (char)('0' + digit);
    }
    *qn = an;
    *rem = r;
    *remn = rn;
    return q;
}

/* Align a and b to the smaller exponent. */
static void align(sg_decimal *a, sg_decimal *b)
{
    if (a->n && b->n && a->exp != b->exp) {
        sg_decimal *hi = a->exp > b->exp ? a : b, *lo = hi == a ? b : a;
        size_t n;
        hi->d = shift(hi->d, hi->n, (size_t)(hi->exp - lo->exp), &n);
        hi->n = n;
        hi->exp = lo->exp;
    }
}

sg_decimal dec_add(sg_decimal a, sg_decimal b)
{
    if (!a.n) return b;
    if (!b.n) return a;
    align(&a, &b);
    size_t n = 0;
    if (a.neg == b.neg) {
        char *r = mag_add(a.d, a.n, b.d, b.n, &n);
        return make(a.neg, r, n, a.exp);
    }
    int c = mag_cmp(a.d, a.n, b.d, b.n);
    if (c == 0) return make(false, "", 0, 0);
    char *r = c > 0 ? mag_sub(a.d, a.n, b.d, b.n, &n) : mag_sub(b.d, b.n, a.d, a.n, &n);
    return make(c > 0 ? a.neg : b.neg, r, n, a.exp);
}

sg_decimal dec_sub(sg_decimal a, sg_decimal b)
{
    b.neg = b.n ? !b.neg : false;
    return dec_add(a, b);
}

sg_decimal dec_mul(sg_decimal a, sg_decimal b)
{
    if (!a.n || !b.n) return make(false, "", 0, 0);
    size_t n;
    char *r = mag_mul(a.d, a.n, b.d, b.n, &n);
    return make(a.neg != b.neg, r, n, a.exp + b.exp);
}

sg_decimal dec_div(sg_decimal a, sg_decimal b)
{
    if (!b.n) sg_throwf("decimal division by 0");
    if (!a.n) return make(false, "", 0, 0);
    /* quotient scaled by 10^16: (a.d * 10^(a.exp - b.exp + 16)) / b.d, or with the
     * power moved onto the divisor when negative (decimal.QuoRem) */
    int64_t e = a.exp - b.exp + DIV_PRECISION;
    const char *num = a.d, *den = b.d;
    size_t nn = a.n, dn = b.n;
    if (e > 0) num = shift(a.d, a.n, (size_t)e, &nn);
    else if (e < 0) den = shift(b.d, b.n, (size_t)-e, &dn);
    size_t qn, rn;
    char *rem;
    char *q = mag_divmod(num, nn, den, dn, &qn, &rem, &rn);
    /* round half away from zero: compare 2*rem with the divisor */
    size_t r2n;
    char *r2 = mag_add(rem, rn, rem, rn, &r2n);
    size_t z = 0;
    while (z < r2n && r2[z] == '0') z++;
    if (mag_cmp(r2 + z, r2n - z, den, dn) >= 0) {
        size_t n1;
        q = mag_add(q, qn, "1", 1, &n1);
        qn = n1;
    }
    return make(a.neg != b.neg, q, qn, -DIV_PRECISION);
}

double dec_to_float(sg_decimal a)
{
    if (!a.n) return 0;
    if (a.exp > 100000) return a.neg ? -HUGE_VAL : HUGE_VAL;
    if (a.exp + (int64_t)a.n < -100000) return a.neg ? -0.0 : 0.0;
    char *s = sg_sprintf("%s%.*se%lld", a.neg ? "-" : "", (int)a.n, a.d, (long long)a.exp);
    return strtod(s, NULL);
}
