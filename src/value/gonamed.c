/* gonamed.c - time.Duration, time.Month and time.Weekday: Go's named integer types with
 * String methods, as values (gotype GT_DURATION / GT_MONTH / GT_WEEKDAY), their String
 * forms and their methods (Go's time package, duration.go / time.go).
 */
#include "gonamed.h"
#include "../base/arena.h"
#include <string.h>

static const char *const long_days[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const long_months[] = { "January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December" };

bool gonamed_is(sg_value v)
{
    return (v.kind == VK_INT64 && v.gotype == GT_DURATION) ||
           (v.kind == VK_INT && (v.gotype == GT_MONTH || v.gotype == GT_WEEKDAY));
}

sg_value gonamed_duration(int64_t d)
{
    sg_value v = val_int64(d);
    v.gotype = GT_DURATION;
    return v;
}

sg_value gonamed_month(int m)
{
    sg_value v = val_int(m);
    v.gotype = GT_MONTH;
    return v;
}

sg_value gonamed_weekday(int d)
{
    sg_value v = val_int(d);
    v.gotype = GT_WEEKDAY;
    return v;
}

/* Duration.String's fmtFrac: the fraction of v/10^prec, trailing zeros dropped. */
static size_t fmt_frac(char *buf, size_t w, uint64_t *v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; i++) {
        int digit = (int)(*v % 10);
        print = print || digit != 0;
        if (print) buf[--w] = (char)('0' + digit);
        *v /= 10;
    }
    if (print) buf[--w] = '.';
    return w;
}

static size_t fmt_int(char *buf, size_t w, uint64_t v)
{
    if (v == 0) buf[--w] = '0';
    else
        while (v > 0) { buf[--w] = (char)('0' + v % 10); v /= 10; }
    return w;
}

void gonamed_duration_string(sg_buf *b, int64_t d)
{
    char buf[40];
    size_t w = sizeof buf;
    uint64_t u = (uint64_t)d;
    bool neg = d < 0;
    if (neg) u = -u;
    if (u < 1000000000ULL) {
        int prec = 0;
        buf[--w] = 's';
        if (u == 0) { buf_puts(b, "0s"); return; }
        if (u < 1000ULL) { prec = 0; buf[--w] = 'n'; }
        else if (u < 1000000ULL) { prec = 3; buf[--w] = (char)0xB5; buf[--w] = (char)0xC2; }
        else { prec = 6; buf[--w] = 'm'; }
        w = fmt_frac(buf, w, &u, prec);
        w = fmt_int(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fmt_frac(buf, w, &u, 9);
        w = fmt_int(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = fmt_int(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = fmt_int(buf, w, u);
            }
        }
    }
    if (neg) buf[--w] = '-';
    buf_put(b, buf + w, sizeof buf - w);
}

void gonamed_string(sg_buf *b, sg_value v)
{
    if (v.gotype == GT_DURATION) { gonamed_duration_string(b, v.u.i); return; }
    if (v.gotype == GT_MONTH) {
        if (v.u.i >= 1 && v.u.i <= 12) buf_puts(b, long_months[v.u.i - 1]);
        else buf_printf(b, "%%!Month(%lld)", (long long)v.u.i);
        return;
    }
    if (v.u.i >= 0 && v.u.i <= 6) buf_puts(b, long_days[v.u.i]);
    else buf_printf(b, "%%!Weekday(%lld)", (long long)v.u.i);
}

int64_t gonamed_duration_round(int64_t d, int64_t m)
{
    if (m <= 0) return d;
    int64_t r = d % m;
    if (d < 0) {
        r = -r;
        if ((uint64_t)r + (uint64_t)r < (uint64_t)m) return d + r;
        if (d >= INT64_MIN + (m - r)) return d - m + r;
        return INT64_MIN;
    }
    if ((uint64_t)r + (uint64_t)r < (uint64_t)m) return d - r;
    if (d <= INT64_MAX - (m - r)) return d + m - r;
    return INT64_MAX;
}

bool gonamed_method_sig(sg_value v, const char *name, sg_methodsig *sig)
{
    sig->bad = NULL;
    sig->params = "";
    if (!strcmp(name, "String")) return true;
    if (v.gotype != GT_DURATION) return false;
    static const char *const noargs[] = { "Hours", "Minutes", "Seconds", "Milliseconds", "Microseconds",
                                          "Nanoseconds", "Abs" };
    for (size_t i = 0; i < sizeof noargs / sizeof noargs[0]; i++)
        if (!strcmp(name, noargs[i])) return true;
    if (!strcmp(name, "Round") || !strcmp(name, "Truncate")) {
        sig->params = "D";
        return true;
    }
    return false;
}

sg_value gonamed_method(sg_value v, const char *name, const sg_value *argv)
{
    if (!strcmp(name, "String")) {
        sg_buf b;
        buf_init(&b);
        gonamed_string(&b, v);
        return val_str_nocopy(b.p, b.len);
    }
    int64_t d = v.u.i;
    const int64_t second = 1000000000, minute = 60 * second, hour = 60 * minute;
    if (!strcmp(name, "Hours")) return val_float((double)(d / hour) + (double)(d % hour) / (60 * 60e9));
    if (!strcmp(name, "Minutes")) return val_float((double)(d / minute) + (double)(d % minute) / (60 * 1e9));
    if (!strcmp(name, "Seconds")) return val_float((double)(d / second) + (double)(d % second) / 1e9);
    if (!strcmp(name, "Milliseconds")) return val_int64(d / 1000000);
    if (!strcmp(name, "Microseconds")) return val_int64(d / 1000);
    if (!strcmp(name, "Nanoseconds")) return val_int64(d);
    if (!strcmp(name, "Abs")) return gonamed_duration(d >= 0 ? d : d == INT64_MIN ? INT64_MAX : -d);
    int64_t m = argv[0].u.i;
    if (!strcmp(name, "Round")) return gonamed_duration(gonamed_duration_round(d, m));
    /* Truncate */
    return gonamed_duration(m <= 0 ? d : d - d % m);
}
