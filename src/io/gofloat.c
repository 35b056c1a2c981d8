/* gofloat.c - Go's shortest float formatting (strconv.FormatFloat with precision -1). */
#include "gofloat.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gofloat_digits(double f, int bits, char *d, int *exp10)
{
    char t[64];
    double a = fabs(f);
    int prec;
    for (prec = 0; prec < 17; prec++) {
        snprintf(t, sizeof t, "%.*e", prec, bits == 32 ? (double)(float)a : a);
        if (bits == 32 ? strtof(t, NULL) == (float)a : strtod(t, NULL) == a) break;
    }
    if (prec == 17) snprintf(t, sizeof t, "%.16e", a);
    int nd = 0;
    char *p = t;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') d[nd++] = *p;
    d[nd] = 0;
    *exp10 = atoi(p + 1);
    while (nd > 1 && d[nd - 1] == '0') d[--nd] = 0;
    return nd;
}

void gofloat_format(sg_buf *b, double f, char fmtc, int bits)
{
    if (isnan(f)) { buf_puts(b, "NaN"); return; }
    if (isinf(f)) { buf_puts(b, f > 0 ? "+Inf" : "-Inf"); return; }
    if (bits == 32) f = (double)(float)f;
    char d[40];
    int e = 0, nd;
    if (f == 0) { d[0] = '0'; d[1] = 0; nd = 1; }
    else nd = gofloat_digits(f, bits, d, &e);
    if (signbit(f)) buf_putc(b, '-');
    if (fmtc == 'g') fmtc = (e < -4 || e >= 21) ? 'e' : (e >= 6 ? 'e' : 'f');
    if (fmtc == 'e') {
        buf_putc(b, d[0]);
        if (nd > 1) { buf_putc(b, '.'); buf_put(b, d + 1, (size_t)nd - 1); }
        buf_printf(b, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
        return;
    }
    if (e < 0) {
        buf_puts(b, "0.");
        for (int k = 0; k < -e - 1; k++) buf_putc(b, '0');
        buf_put(b, d, (size_t)nd);
    } else {
        for (int k = 0; k <= e; k++) buf_putc(b, k < nd ? d[k] : '0');
        if (nd > e + 1) { buf_putc(b, '.'); buf_put(b, d + e + 1, (size_t)(nd - e - 1)); }
    }
}
