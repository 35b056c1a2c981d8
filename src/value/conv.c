/* conv.c - Sprig's conversions: spf13/cast v1.7.0 (ToInt64, ToInt, ToFloat64, ToBool) and
 * sprig's strval/strslice, with Go strconv's number syntax (ParseInt base 0, ParseFloat).
 */
#include "conv.h"
#include "gofmt.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

sg_value conv_tostring(sg_value v)
{
    if (v.kind == VK_STRING) return v;
    if (v.kind == VK_LIST && v.gotype == GT_LIST_BYTES) {
        size_t n = list_len(v);
        char *p = sg_alloc(n + 1);
        for (size_t i = 0; i < n; i++) p[i] = (char)list_get(v, i).u.i;
        return val_str_nocopy(p, n);
    }
    size_t n;
    const char *s = gofmt_str(v, &n);
    return val_str_nocopy(s, n);
}

bool conv_underscore_ok(const char *s, size_t n)
{
    char saw = '^';
    size_t i = 0;
    if (n >= 1 && (s[0] == '-' || s[0] == '+')) s++, n--;
    bool hex = false;
    if (n >= 2 && s[0] == '0') {
        char c = (char)tolower((unsigned char)s[1]);
        if (c == 'b' || c == 'o' || c == 'x') {
            hex = c == 'x';
            i = 2;
            saw = '0';
        }
    }
    for (; i < n; i++) {
        char c = s[i];
        if ((c >= '0' && c <= '9') || (hex && isxdigit((unsigned char)c))) { saw = '0'; continue; }
        if (c == '_') {
            if (saw != '0') return false;
            saw = '_';
            continue;
        }
        if (saw == '_') return false;
        saw = '!';
    }
    return saw != '_';
}

bool conv_parse_int(const char *s, size_t n, int base, int64_t *out)
{
    /* strconv.ParseInt(s, base, 64) */
    *out = 0;
    if (n == 0) return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i = 1; }
    bool base0 = base == 0;
    if (base == 0) {
        base = 10;
        if (i < n && s[i] == '0') {
            if (i + 2 <= n && i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X')) { base = 16; i += 2; }
            else if (i + 1 < n && (s[i + 1] == 'o' || s[i + 1] == 'O')) { base = 8; i += 2; }
            else if (i + 1 < n && (s[i + 1] == 'b' || s[i + 1] == 'B')) { base = 2; i += 2; }
            else { base = 8; i += 1; if (i == n) { *out = 0; return true; } }
        }
    }
    if (i >= n) return false;
    uint64_t cutoff = neg ? (UINT64_C(1) << 63) : (UINT64_C(1) << 63) - 1;
    uint64_t u = 0;
    bool underscores = false;
    for (; i < n; i++) {
        char c = s[i];
        int d;
        if (c == '_' && base0) { underscores = true; continue; }
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
        else return false;
        if (d >= base) return false;
        if (u > (cutoff - (uint64_t)d) / (uint64_t)base) return false; /* range */
        u = u * (uint64_t)base + (uint64_t)d;
    }
    if (underscores && !conv_underscore_ok(s, n)) return false;
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    return true;
}

static bool ieq(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n) return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)a[i]) != b[i]) return false;
    return true;
}

bool conv_parse_float(const char *s, size_t n, double *out)
{
    /* strconv.ParseFloat(s, 64): Go literal syntax (decimal or hex with p exponent),
     * inf/infinity/nan, underscores per Go syntax; overflow is an error. */
    *out = 0;
    if (n == 0) return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i = 1; }
    if (ieq(s + i, n - i, "inf") || ieq(s + i, n - i, "infinity")) { *out = neg ? -INFINITY : INFINITY; return true; }
    if (i == 0 && ieq(s, n, "nan")) { *out = NAN; return true; }
    bool hex = false;
    size_t start = i;
    if (n - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) { hex = true; i += 2; }
    bool digits = false, point = false, underscores = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '_') { underscores = true; continue; }
        if (c == '.') { if (point) return false; point = true; continue; }
        if ((c >= '0' && c <= '9') || (hex && isxdigit((unsigned char)c))) { digits = true; continue; }
        break;
    }
    if (!digits) return false;
    if (i < n && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        bool ed = false;
        for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++) {
            if (s[i] == '_') underscores = true;
            else ed = true;
        }
        if (!ed) return false;
    } else if (hex) return false;
    if (i != n) return false;
    if (underscores && !conv_underscore_ok(s, n)) return false;
    char *t = sg_alloc(n + 1);
    size_t k = 0;
    for (size_t j = start; j < n; j++)
        if (s[j] != '_') t[k++] = s[j];
    t[k] = 0;
    double d = strtod(t, NULL);
    if (isinf(d)) return false;
    *out = neg ? -d : d;
    return true;
}

/* trimZeroDecimal: "3.00" -> "3" */
static size_t trim_zero_decimal(const char *s, size_t n)
{
    bool zero = false;
    for (size_t i = n; i > 0; i--) {
        char c = s[i - 1];
        if (c == '.') {
            if (zero) return i - 1;
        } else if (c == '0') zero = true;
        else return n;
    }
    return n;
}

/* Go's int64(f) on amd64: NaN and out-of-range give the "integer indefinite" value. */
static int64_t float_to_int64(double f)
{
    if (isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0) return INT64_MIN;
    return (int64_t)f;
}

static bool is_unsigned64(sg_value v) { return v.gotype == GT_UINT64; }

/* A type spf13/cast does not know (time.Duration): its conversions fail, Sprig uses 0. */
static bool cast_unknown(sg_value v) { return v.kind == VK_INT64 && v.gotype == GT_DURATION; }

int64_t conv_int64(sg_value v)
{
    if (cast_unknown(v)) return 0;
    switch ((sg_kind)v.kind) {
    case VK_INT: case VK_INT64: return v.u.i;
    case VK_FLOAT: return float_to_int64(v.u.f);
    case VK_BOOL: return v.u.b ? 1 : 0;
    case VK_STRING: {
        int64_t r;
        if (conv_parse_int(v.u.s.p, trim_zero_decimal(v.u.s.p, v.u.s.n), 0, &r)) return r;
        return 0;
    }
    default: return 0;
    }
}

int64_t conv_int(sg_value v) { return conv_int64(v); }

double conv_float64(sg_value v)
{
    if (cast_unknown(v)) return 0;
    switch ((sg_kind)v.kind) {
    case VK_INT: return (double)v.u.i;
    case VK_INT64: return is_unsigned64(v) ? (double)(uint64_t)v.u.i : (double)v.u.i;
    case VK_FLOAT: return v.u.f;
    case VK_BOOL: return v.u.b ? 1 : 0;
    case VK_STRING: {
        double d;
        if (conv_parse_float(v.u.s.p, v.u.s.n, &d)) return d;
        return 0;
    }
    default: return 0;
    }
}

bool conv_bool(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_BOOL: return v.u.b;
    case VK_INT: case VK_INT64: return v.u.i != 0;
    case VK_FLOAT: return v.u.f != 0;
    case VK_STRING: {
        static const char *t[] = { "1", "t", "T", "TRUE", "true", "True" };
        for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
            if (strlen(t[i]) == v.u.s.n && memcmp(t[i], v.u.s.p, v.u.s.n) == 0) return true;
        return false;
    }
    default: return false;
    }
}

sg_value conv_strslice(sg_value v)
{
    sg_value out;
    if (v.kind == VK_LIST && v.gotype == GT_LIST_STRING) return v;
    if (v.kind == VK_LIST) {
        out = val_list(list_len(v));
        out.gotype = GT_LIST_STRING;
        for (size_t i = 0; i < list_len(v); i++) {
            sg_value e = list_get(v, i);
            if (e.kind == VK_NIL) continue;
            if (v.gotype == GT_LIST_BYTES) e.gotype = GT_UINT8;
            list_push(out, conv_tostring(e));
        }
        return out;
    }
    out = val_list(1);
    out.gotype = GT_LIST_STRING;
    if (v.kind != VK_NIL) list_push(out, conv_tostring(v));
    return out;
}
