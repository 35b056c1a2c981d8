/* decimal.h - the part of shopspring/decimal v1.4.0 that Sprig's float math (addf, subf,
 * mulf, divf, add1f) goes through: exact decimal arithmetic on the shortest decimal form
 * of each float64, division rounded half away from zero to 16 places, and conversion
 * back to the nearest float64.  That is why `addf 0.1 0.2` is 0.3 and not
 * 0.30000000000000004.
 */
#ifndef SG_DECIMAL_H
#define SG_DECIMAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* value = (neg ? -1 : 1) * digits * 10^exp; digits are ASCII, most significant first,
 * no leading zeros (n == 0 means zero). Arena memory. */
typedef struct sg_decimal {
    bool neg;
    const char *d;
    size_t n;
    int64_t exp;
} sg_decimal;

/* decimal.NewFromFloat; throws "Cannot create a Decimal from +Inf" (-Inf, NaN) as it panics. */
sg_decimal dec_from_float(double f);
sg_decimal dec_add(sg_decimal a, sg_decimal b);
sg_decimal dec_sub(sg_decimal a, sg_decimal b);
sg_decimal dec_mul(sg_decimal a, sg_decimal b);
/* Decimal.Div: a / b rounded to 16 decimal places; throws "decimal division by 0". */
sg_decimal dec_div(sg_decimal a, sg_decimal b);
/* Decimal.Float64: the nearest float64 (+0 for zero). */
double dec_to_float(sg_decimal a);

#endif
