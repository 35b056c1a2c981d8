/* fn_date.c - Sprig's date functions (date.go, Sprig v3.3.0) on gotime.h: now, date,
 * dateInZone, htmlDate*, dateModify, toDate, duration, durationRound, ago, unixEpoch.
 *
 * Sprig switches on the dynamic Go type of its interface{} arguments, so int, int64 and
 * int32 are told apart (an untyped template constant is an int; `duration` accepts only
 * string and int64, and anything else counts as 0).
 */
#include "fn_ext.h"
#include "gotime.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/conv.h"
#include "../value/gonamed.h"
#include <string.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

static sg_value ret(sg_buf *b) { return val_str_nocopy(b->p, b->len); }

/* A time.Time parameter (exec/call.c checked its type). */
static gotime time_arg(sg_value v)
{
    gotime t;
    gotime_from_value(v, &t);
    return t;
}

static bool is_int(sg_value v) { return v.kind == VK_INT && v.gotype == GT_DEFAULT; }
static bool is_int32(sg_value v) { return v.kind == VK_INT && v.gotype == GT_INT32; }
static bool is_int64(sg_value v) { return v.kind == VK_INT64 && v.gotype == GT_DEFAULT; }

/* dateInZone's type switch: time.Time, int64, int, int32, else now. */
static gotime date_of(sg_value v, bool with_int32)
{
    gotime t;
    if (gotime_from_value(v, &t)) return t;
    if (is_int64(v) || is_int(v) || (with_int32 && is_int32(v))) return gotime_unix(v.u.i);
    return gotime_now();
}

static sg_value in_zone(const char *layout, size_t ln, sg_value date, const char *zone)
{
    gotime t = date_of(date, true);
    const gotime_loc *loc = gotime_load(zone);
    if (!loc) loc = gotime_utc();
    sg_buf b;
    buf_init(&b);
    gotime_format(&b, gotime_in(t, loc), layout, ln);
    return ret(&b);
}

sg_value fn_now(sg_fcall *c, int argc, sg_value *argv) { return gotime_value(gotime_now()); }

sg_value fn_date(sg_fcall *c, int argc, sg_value *argv)
{
    return in_zone(SP(argv[0]), SN(argv[0]), argv[1], "Local");
}

sg_value fn_dateinzone(sg_fcall *c, int argc, sg_value *argv)
{
    return in_zone(SP(argv[0]), SN(argv[0]), argv[1], SP(argv[2]));
}

sg_value fn_htmldate(sg_fcall *c, int argc, sg_value *argv) { return in_zone("2006-01-02", 10, argv[0], "Local"); }

sg_value fn_htmldateinzone(sg_fcall *c, int argc, sg_value *argv)
{
    return in_zone("2006-01-02", 10, argv[0], SP(argv[1]));
}

sg_value fn_datemodify(sg_fcall *c, int argc, sg_value *argv)
{
    gotime t = time_arg(argv[1]);
    int64_t d;
    if (gotime_parse_duration(SP(argv[0]), SN(argv[0]), &d)) return gotime_value(t);
    return gotime_value(gotime_add(t, d));
}

sg_value fn_mustdatemodify(sg_fcall *c, int argc, sg_value *argv)
{
    gotime t = time_arg(argv[1]);
    int64_t d;
    const char *err = gotime_parse_duration(SP(argv[0]), SN(argv[0]), &d);
    if (err) sg_throwf("%s", err);
    return gotime_value(gotime_add(t, d));
}

sg_value fn_todate(sg_fcall *c, int argc, sg_value *argv)
{
    gotime t;
    if (gotime_parse(SP(argv[0]), SN(argv[0]), SP(argv[1]), SN(argv[1]), gotime_local(), &t)) {
        memset(&t, 0, sizeof t);
        t.sec = -62135596800LL;
        t.loc = gotime_utc();
    }
    return gotime_value(t);
}

sg_value fn_musttodate(sg_fcall *c, int argc, sg_value *argv)
{
    gotime t;
    const char *err = gotime_parse(SP(argv[0]), SN(argv[0]), SP(argv[1]), SN(argv[1]), gotime_local(), &t);
    if (err) sg_throwf("%s", err);
    return gotime_value(t);
}

sg_value fn_unixepoch(sg_fcall *c, int argc, sg_value *argv)
{
    gotime t = time_arg(argv[0]);
    sg_buf b;
    buf_init(&b);
    buf_printf(&b, "%lld", (long long)gotime_unix_sec(t));
    return ret(&b);
}

/* time.Since(t) in nanoseconds (saturating as Go's Sub). */
static int64_t since(gotime t)
{
    gotime now = gotime_now();
    __int128 d = ((__int128)now.sec - t.sec) * 1000000000 + (now.nsec - t.nsec);
    if (d > INT64_MAX) return INT64_MAX;
    if (d < INT64_MIN) return INT64_MIN;
    return (int64_t)d;
}

sg_value fn_ago(sg_fcall *c, int argc, sg_value *argv)
{
    gotime t;
    sg_value v = argv[0];
    if (!gotime_from_value(v, &t)) {
        if (is_int64(v) || is_int(v)) t = gotime_unix(v.u.i);
        else t = gotime_now();
    }
    sg_buf b;
    buf_init(&b);
    gotime_duration_string(&b, gonamed_duration_round(since(t), 1000000000));
    return ret(&b);
}

sg_value fn_duration(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v = argv[0];
    int64_t n = 0;
    if (v.kind == VK_STRING) {
        if (!conv_parse_int(SP(v), SN(v), 10, &n)) n = 0;
        /* strconv.ParseInt returns the clamped value on a range error */
        if (n == 0 && SN(v) > 0) {
            const char *p = SP(v);
            size_t k = (*p == '-' || *p == '+') ? 1 : 0;
            bool digits = k < SN(v);
            for (size_t i = k; i < SN(v); i++) digits = digits && p[i] >= '0' && p[i] <= '9';
            if (digits && !(SN(v) - k == 1 && p[k] == '0')) {
                bool allzero = true;
                for (size_t i = k; i < SN(v); i++) allzero = allzero && p[i] == '0';
                if (!allzero) n = *p == '-' ? INT64_MIN : INT64_MAX;
            }
        }
    } else if (is_int64(v)) {
        n = v.u.i;
    }
    sg_buf b;
    buf_init(&b);
    gotime_duration_string(&b, (int64_t)((uint64_t)n * 1000000000ULL));
    return ret(&b);
}

sg_value fn_durationround(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v = argv[0];
    int64_t d = 0;
    gotime t;
    if (v.kind == VK_STRING) {
        if (gotime_parse_duration(SP(v), SN(v), &d)) d = 0;
    } else if (is_int64(v)) {
        d = v.u.i;
    } else if (gotime_from_value(v, &t)) {
        d = since(t);
    }
    uint64_t u = (uint64_t)d;
    if (d < 0) u = -u;
    const uint64_t hour = 3600000000000ULL;
    const uint64_t year = hour * 24 * 365, month = hour * 24 * 30, day = hour * 24, minute = 60000000000ULL,
                   second = 1000000000ULL;
    sg_buf b;
    buf_init(&b);
    if (u > year) buf_printf(&b, "%lluy", (unsigned long long)(u / year));
    else if (u > month) buf_printf(&b, "%llumo", (unsigned long long)(u / month));
    else if (u > day) buf_printf(&b, "%llud", (unsigned long long)(u / day));
    else if (u > hour) buf_printf(&b, "%lluh", (unsigned long long)(u / hour));
    else if (u > minute) buf_printf(&b, "%llum", (unsigned long long)(u / minute));
    else if (u > second) buf_printf(&b, "%llus", (unsigned long long)(u / second));
    else buf_puts(&b, "0s");
    return ret(&b);
}
