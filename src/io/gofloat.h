/* gofloat.h - Go strconv float formatting needed by the YAML/JSON writers (io-private). */
#ifndef SG_GOFLOAT_H
#define SG_GOFLOAT_H
#include "../base/buf.h"

/* Shortest decimal digits that read back as |f| at `bits` (32 or 64) precision: digits
 * (no dot, no trailing zeros, NUL-terminated; f finite and nonzero) and the decimal exponent
 * of the first digit (value = d.ddd * 10^*exp10).  Returns the digit count. */
int gofloat_digits(double f, int bits, char *d, int *exp10);

/* strconv.FormatFloat(f, fmtc, -1, bits) for fmtc 'e', 'f' or 'g', including "NaN",
 * "+Inf", "-Inf". */
void gofloat_format(sg_buf *b, double f, char fmtc, int bits);

#endif
