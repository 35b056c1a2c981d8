/* gotime.c - Go's time package: civil calendar arithmetic, zone lookup, Format/Parse with
 * Go's reference-time layouts, Time.String, Duration.String/ParseDuration, and the
 * "time.Time" native object.
 *
 * Zone offsets and abbreviations of IANA zones come from the system's tzfiles through
 * libc (TZ is switched to the zone file for the lookup and restored), the same files Go
 * reads on Linux.  Local follows Go's initLocal rules for TZ.
 */
#include "gotime.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include "../value/gonamed.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { LOC_UTC, LOC_FILE, LOC_FIXED };

struct gotime_loc {
    int kind;
    const char *name;   /* Location.String() */
    const char *path;   /* LOC_FILE: the tzfile */
    int offset;         /* LOC_FIXED */
};

static const gotime_loc utc_loc = { LOC_UTC, "UTC", NULL, 0 };
static gotime_loc local_loc;
static bool local_init;
static int64_t start_mono;

/* ---------------------------------------------------------------- locations */

static bool is_tzfile(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char m[4];
    bool ok = fread(m, 1, 4, f) == 4 && !memcmp(m, "TZif", 4);
    fclose(f);
    return ok;
}

static const char *const zone_dirs[] = {
    "/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/", NULL,
};

/* A malloc-free path (static storage lives as long as the process: locations are
 * process-wide like Go's). */
static char *dup_perm(const char *s)
{
    char *p = strdup(s);
    if (!p) abort();
    return p;
}

static const char *find_zone(const char *name)
{
    const char *zi = getenv("ZONEINFO");
    char buf[4096];
    if (zi && *zi) {
        snprintf(buf, sizeof buf, "%s/%s", zi, name);
        if (is_tzfile(buf)) return dup_perm(buf);
    }
    for (int i = 0; zone_dirs[i]; i++) {
        snprintf(buf, sizeof buf, "%s%s", zone_dirs[i], name);
        if (is_tzfile(buf)) return dup_perm(buf);
    }
    return NULL;
}

const gotime_loc *gotime_utc(void) { return &utc_loc; }

const gotime_loc *gotime_local(void)
{
    if (local_init) return &local_loc;
    local_init = true;
    local_loc = (gotime_loc){ LOC_UTC, "UTC", NULL, 0 };
    const char *tz = getenv("TZ");
    if (!tz) {
        if (is_tzfile("/etc/localtime")) local_loc = (gotime_loc){ LOC_FILE, "Local", "/etc/localtime", 0 };
        return &local_loc;
    }
    if (*tz == ':') tz++;
    if (*tz == '/') {
        if (is_tzfile(tz))
            local_loc = (gotime_loc){ LOC_FILE, strcmp(tz, "/etc/localtime") ? dup_perm(tz) : "Local", dup_perm(tz), 0 };
    } else if (*tz && strcmp(tz, "UTC")) {
        const char *p = find_zone(tz);
        if (p) local_loc = (gotime_loc){ LOC_FILE, dup_perm(tz), p, 0 };
    }
    return &local_loc;
}

typedef struct zcache { char *name; gotime_loc *loc; struct zcache *next; } zcache;
static zcache *zones;

const gotime_loc *gotime_load(const char *name)
{
    if (!*name || !strcmp(name, "UTC")) return &utc_loc;
    if (!strcmp(name, "Local")) return gotime_local();
    if (strstr(name, "..") || name[0] == '/' || name[0] == '\\') return NULL;
    for (zcache *z = zones; z; z = z->next)
        if (!strcmp(z->name, name)) return z->loc;
    const char *p = find_zone(name);
    if (!p) return NULL;
    zcache *z = calloc(1, sizeof *z);
    gotime_loc *l = calloc(1, sizeof *l);
    if (!z || !l) abort();
    *l = (gotime_loc){ LOC_FILE, dup_perm(name), p, 0 };
    z->name = dup_perm(name);
    z->loc = l;
    z->next = zones;
    zones = z;
    return l;
}

const gotime_loc *gotime_fixed(const char *name, int offset)
{
    gotime_loc *l = sg_alloc(sizeof *l);
    *l = (gotime_loc){ LOC_FIXED, sg_strdup(name), NULL, offset };
    return l;
}

/* Zone abbreviation, offset and daylight-saving flag in effect at Unix second `sec`. */
static const char *lookup_dst(const gotime_loc *loc, int64_t sec, int *offset, bool *isdst)
{
    *isdst = false;
    if (!loc || loc->kind == LOC_UTC) { *offset = 0; return "UTC"; }
    if (loc->kind == LOC_FIXED) { *offset = loc->offset; return loc->name; }
    const char *old = getenv("TZ");
    char *saved = old ? strdup(old) : NULL;
    char tzv[4200];
    snprintf(tzv, sizeof tzv, ":%s", loc->path);
    setenv("TZ", tzv, 1);
    tzset();
    time_t tt = (time_t)sec;
    struct tm tm;
    const char *abbr = "UTC";
    *offset = 0;
    if (localtime_r(&tt, &tm)) {
        *offset = (int)tm.tm_gmtoff;
        *isdst = tm.tm_isdst > 0;
        abbr = sg_strdup(tm.tm_zone ? tm.tm_zone : "");
    }
    if (saved) { setenv("TZ", saved, 1); free(saved); }
    else unsetenv("TZ");
    tzset();
    return abbr;
}

/* Zone abbreviation and offset in effect at Unix second `sec`. */
static const char *lookup(const gotime_loc *loc, int64_t sec, int *offset)
{
    bool dst;
    return lookup_dst(loc, sec, offset, &dst);
}

/* ---------------------------------------------------------------- calendar */

static int64_t floordiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/* days since 1970-01-01 -> y/m/d (proleptic Gregorian) */
static void civil(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floordiv(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floordiv(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

static int days_in(int m, int64_t y)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && is_leap(y)) return 29;
    return dm[m - 1];
}

static const char *const long_days[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const long_months[] = { "January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December" };

/* ---------------------------------------------------------------- constructors */

static int64_t mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

__attribute__((constructor)) static void record_start(void) { start_mono = mono_now() - 1; }

gotime gotime_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    gotime t = { ts.tv_sec, (int32_t)ts.tv_nsec, gotime_local(), true, mono_now() - start_mono };
    return t;
}

gotime gotime_unix(int64_t sec)
{
    gotime t = { sec, 0, gotime_local(), false, 0 };
    return t;
}

gotime gotime_in(gotime t, const gotime_loc *loc)
{
    t.loc = loc;
    t.mono = false;
    return t;
}

gotime gotime_add(gotime t, int64_t d)
{
    int64_t ds = d / 1000000000;
    int64_t nsec = t.nsec + d % 1000000000;
    if (nsec >= 1000000000) { ds++; nsec -= 1000000000; }
    else if (nsec < 0) { ds--; nsec += 1000000000; }
    /* addSec: Go's internal seconds (since year 1) saturate at +-(2^63-1); a time with a
     * monotonic reading keeps it only while its wall seconds since 1885 fit 33 bits */
    int64_t internal = (int64_t)((uint64_t)t.sec + 62135596800ULL);
    if (t.mono) {
        int64_t wall = internal - 59453308800LL; /* seconds since 1885-01-01 */
        if (ds < -wall || ds > (1LL << 33) - 1 - wall) t.mono = false;
    }
    int64_t sum = (int64_t)((uint64_t)internal + (uint64_t)ds);
    if ((sum > internal) != (ds > 0)) sum = ds > 0 ? INT64_MAX : -INT64_MAX;
    t.sec = (int64_t)((uint64_t)sum - 62135596800ULL);
    t.nsec = (int32_t)nsec;
    if (t.mono) {
        int64_t te = (int64_t)((uint64_t)t.mono_ns + (uint64_t)d);
        if ((d < 0 && te > t.mono_ns) || (d > 0 && te < t.mono_ns)) t.mono = false;
        else t.mono_ns = te;
    }
    return t;
}

int64_t gotime_unix_sec(gotime t) { return t.sec; }

typedef __int128 i128;

/* Go's norm(hi, lo, base) with int's wrapping arithmetic. */
static void norm(int64_t *hi, int64_t *lo, int64_t base)
{
    if (*lo < 0) {
        int64_t n = (int64_t)(((uint64_t)0 - (uint64_t)*lo - 1) / (uint64_t)base) + 1;
        *hi = (int64_t)((uint64_t)*hi - (uint64_t)n);
        *lo = (int64_t)((uint64_t)*lo + (uint64_t)n * (uint64_t)base);
    }
    if (*lo >= base) {
        int64_t n = *lo / base;
        *hi = (int64_t)((uint64_t)*hi + (uint64_t)n);
        *lo -= n * base;
    }
}

/* Go's time.Date (Go 1.25's dateToAbsDays; unsigned arithmetic wraps around for absurd
 * dates exactly as Go's does), then the zone offset in force. */
static gotime make_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
                        int64_t nsec, const gotime_loc *loc)
{
    const uint64_t absolute_years = 292277022400ULL;
    const int64_t absolute_to_unix = -(int64_t)9223372028741760000LL;
    int64_t m = (int64_t)((uint64_t)month - 1);
    norm(&year, &m, 12);
    norm(&sec, &nsec, 1000000000);
    norm(&min, &sec, 60);
    norm(&hour, &min, 60);
    norm(&day, &hour, 24);
    uint32_t amonth = (uint32_t)(m + 1), janfeb = amonth < 3;
    amonth += 12 * janfeb;
    uint64_t y = (uint64_t)year - janfeb + absolute_years;
    uint32_t ayday = (979 * amonth - 2919) >> 5;
    uint64_t century = y / 100;
    uint32_t cyear = (uint32_t)(y % 100);
    uint32_t cday = 1461 * cyear / 4;
    uint64_t centurydays = 146097 * century / 4;
    uint64_t days = centurydays + (uint64_t)((int64_t)(cday + ayday) + day - 1);
    uint64_t u = days * 86400 + (uint64_t)(hour * 3600 + min * 60 + sec) + (uint64_t)absolute_to_unix;
    int64_t unix = (int64_t)u;
    int off;
    lookup(loc, unix, &off);
    if (off != 0) {
        int64_t utc = (int64_t)((uint64_t)unix - (uint64_t)(int64_t)off);
        int off2;
        lookup(loc, utc, &off2);
        if (off2 != off) off = off2;
        unix = (int64_t)((uint64_t)unix - (uint64_t)(int64_t)off);
    }
    gotime t = { unix, (int32_t)nsec, loc, false, 0 };
    return t;
}

/* ---------------------------------------------------------------- layouts */

enum {
    STD_NONE, STD_LONGMONTH, STD_MONTH, STD_NUMMONTH, STD_ZEROMONTH, STD_LONGWEEKDAY, STD_WEEKDAY,
    STD_DAY, STD_UNDERDAY, STD_ZERODAY, STD_UNDERYEARDAY, STD_ZEROYEARDAY, STD_HOUR, STD_HOUR12,
    STD_ZEROHOUR12, STD_MINUTE, STD_ZEROMINUTE, STD_SECOND, STD_ZEROSECOND, STD_LONGYEAR, STD_YEAR,
    STD_PM, STD_pm, STD_TZ, STD_ISO8601TZ, STD_ISO8601SECONDSTZ, STD_ISO8601SHORTTZ, STD_ISO8601COLONTZ,
    STD_ISO8601COLONSECONDSTZ, STD_NUMTZ, STD_NUMSECONDSTZ, STD_NUMSHORTTZ, STD_NUMCOLONTZ,
    STD_NUMCOLONSECONDSTZ, STD_FRAC0, STD_FRAC9,
};

typedef struct chunk {
    size_t prefix;   /* bytes of literal text before the std */
    int std;
    size_t stdlen;   /* bytes of the std element */
    int digits;      /* fractional digits */
    char sep;        /* fractional separator */
} chunk;

static bool has(const char *l, size_t n, size_t i, const char *s)
{
    size_t k = strlen(s);
    return n >= i + k && !memcmp(l + i, s, k);
}

static bool lower_at(const char *l, size_t n, size_t i) { return i < n && l[i] >= 'a' && l[i] <= 'z'; }

/* Go's nextStdChunk */
static chunk next_chunk(const char *l, size_t n)
{
    chunk c = { n, STD_NONE, 0, 0, '.' };
    for (size_t i = 0; i < n; i++) {
#define RET(code, len) do { c.prefix = i; c.std = (code); c.stdlen = (len); return c; } while (0)
        switch (l[i]) {
        case 'J':
            if (has(l, n, i, "Jan")) {
                if (has(l, n, i, "January")) RET(STD_LONGMONTH, 7);
                if (!lower_at(l, n, i + 3)) RET(STD_MONTH, 3);
            }
            break;
        case 'M':
            if (n >= i + 3) {
                if (has(l, n, i, "Mon")) {
                    if (has(l, n, i, "Monday")) RET(STD_LONGWEEKDAY, 6);
                    if (!lower_at(l, n, i + 3)) RET(STD_WEEKDAY, 3);
                }
                if (has(l, n, i, "MST")) RET(STD_TZ, 3);
            }
            break;
        case '0':
            if (n >= i + 2 && l[i + 1] >= '1' && l[i + 1] <= '6') {
                static const int std0x[] = { STD_ZEROMONTH, STD_ZERODAY, STD_ZEROHOUR12, STD_ZEROMINUTE, STD_ZEROSECOND, STD_YEAR };
                RET(std0x[l[i + 1] - '1'], 2);
            }
            if (n >= i + 3 && l[i + 1] == '0' && l[i + 2] == '2') RET(STD_ZEROYEARDAY, 3);
            break;
        case '1':
            if (n >= i + 2 && l[i + 1] == '5') RET(STD_HOUR, 2);
            RET(STD_NUMMONTH, 1);
        case '2':
            if (has(l, n, i, "2006")) RET(STD_LONGYEAR, 4);
            RET(STD_DAY, 1);
        case '_':
            if (n >= i + 2 && l[i + 1] == '2') {
                if (n >= i + 5 && !memcmp(l + i + 1, "2006", 4)) { c.prefix = i + 1; c.std = STD_LONGYEAR; c.stdlen = 4; return c; }
                RET(STD_UNDERDAY, 2);
            }
            if (n >= i + 3 && l[i + 1] == '_' && l[i + 2] == '2') RET(STD_UNDERYEARDAY, 3);
            break;
        case '3': RET(STD_HOUR12, 1);
        case '4': RET(STD_MINUTE, 1);
        case '5': RET(STD_SECOND, 1);
        case 'P':
            if (n >= i + 2 && l[i + 1] == 'M') RET(STD_PM, 2);
            break;
        case 'p':
            if (n >= i + 2 && l[i + 1] == 'm') RET(STD_pm, 2);
            break;
        case '-':
            if (has(l, n, i, "-070000")) RET(STD_NUMSECONDSTZ, 7);
            if (has(l, n, i, "-07:00:00")) RET(STD_NUMCOLONSECONDSTZ, 9);
            if (has(l, n, i, "-0700")) RET(STD_NUMTZ, 5);
            if (has(l, n, i, "-07:00")) RET(STD_NUMCOLONTZ, 6);
            if (has(l, n, i, "-07")) RET(STD_NUMSHORTTZ, 3);
            break;
        case 'Z':
            if (has(l, n, i, "Z070000")) RET(STD_ISO8601SECONDSTZ, 7);
            if (has(l, n, i, "Z07:00:00")) RET(STD_ISO8601COLONSECONDSTZ, 9);
            if (has(l, n, i, "Z0700")) RET(STD_ISO8601TZ, 5);
            if (has(l, n, i, "Z07:00")) RET(STD_ISO8601COLONTZ, 6);
            if (has(l, n, i, "Z07")) RET(STD_ISO8601SHORTTZ, 3);
            break;
        case '.': case ',':
            if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
                char ch = l[i + 1];
                size_t j = i + 1;
                while (j < n && l[j] == ch) j++;
                if (!(j < n && l[j] >= '0' && l[j] <= '9')) {
                    c.prefix = i;
                    c.std = ch == '9' ? STD_FRAC9 : STD_FRAC0;
                    c.stdlen = j - i;
                    c.digits = (int)((j - (i + 1)) & 0xfff);
                    c.sep = l[i];
                    return c;
                }
            }
            break;
        }
#undef RET
    }
    return c;
}

/* Go's appendInt(x, width) */
static void put_int(sg_buf *b, int64_t x, int width)
{
    char tmp[32];
    uint64_t u = (uint64_t)x;
    if (x < 0) { buf_putc(b, '-'); u = -u; }
    int k = 0;
    do { tmp[k++] = (char)('0' + u % 10); u /= 10; } while (u);
    for (int p = width - k; p > 0; p--) buf_putc(b, '0');
    while (k) buf_putc(b, tmp[--k]);
}

static void put_nano(sg_buf *b, int nsec, int std, int digits, char sep)
{
    bool trim = std == STD_FRAC9;
    if (trim && (digits == 0 || nsec == 0)) return;
    size_t start = b->len;
    buf_putc(b, sep);
    put_int(b, nsec, 9);
    if (digits < 9) buf_truncate(b, b->len - 9 + (size_t)digits);
    if (trim) {
        while (b->len > start && b->p[b->len - 1] == '0') buf_truncate(b, b->len - 1);
        if (b->len > start && b->p[b->len - 1] == sep) buf_truncate(b, b->len - 1);
    }
}

void gotime_format(sg_buf *b, gotime t, const char *l, size_t n)
{
    int offset;
    const char *name = lookup(t.loc, t.sec, &offset);
    int64_t abs = (int64_t)((uint64_t)t.sec + (uint64_t)(int64_t)offset);
    int64_t days = floordiv(abs, 86400);
    int64_t secs = abs - days * 86400;
    int64_t year;
    int month, day;
    civil(days, &year, &month, &day);
    int yday = (int)(days - days_from_civil(year, 1, 1)) + 1;
    int hour = (int)(secs / 3600), min = (int)(secs / 60 % 60), sec = (int)(secs % 60);
    int wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    while (n > 0) {
        chunk c = next_chunk(l, n);
        buf_put(b, l, c.prefix);
        if (c.std == STD_NONE) break;
        l += c.prefix + c.stdlen;
        n -= c.prefix + c.stdlen;
        switch (c.std) {
        case STD_YEAR: put_int(b, (year < 0 ? -year : year) % 100, 2); break;
        case STD_LONGYEAR: put_int(b, year, 4); break;
        case STD_MONTH: buf_put(b, long_months[month - 1], 3); break;
        case STD_LONGMONTH: buf_puts(b, long_months[month - 1]); break;
        case STD_NUMMONTH: put_int(b, month, 0); break;
        case STD_ZEROMONTH: put_int(b, month, 2); break;
        case STD_WEEKDAY: buf_put(b, long_days[wday], 3); break;
        case STD_LONGWEEKDAY: buf_puts(b, long_days[wday]); break;
        case STD_DAY: put_int(b, day, 0); break;
        case STD_UNDERDAY: if (day < 10) buf_putc(b, ' '); put_int(b, day, 0); break;
        case STD_ZERODAY: put_int(b, day, 2); break;
        case STD_UNDERYEARDAY:
            if (yday < 100) { buf_putc(b, ' '); if (yday < 10) buf_putc(b, ' '); }
            put_int(b, yday, 0);
            break;
        case STD_ZEROYEARDAY: put_int(b, yday, 3); break;
        case STD_HOUR: put_int(b, hour, 2); break;
        case STD_HOUR12: put_int(b, hour % 12 == 0 ? 12 : hour % 12, 0); break;
        case STD_ZEROHOUR12: put_int(b, hour % 12 == 0 ? 12 : hour % 12, 2); break;
        case STD_MINUTE: put_int(b, min, 0); break;
        case STD_ZEROMINUTE: put_int(b, min, 2); break;
        case STD_SECOND: put_int(b, sec, 0); break;
        case STD_ZEROSECOND: put_int(b, sec, 2); break;
        case STD_PM: buf_puts(b, hour >= 12 ? "PM" : "AM"); break;
        case STD_pm: buf_puts(b, hour >= 12 ? "pm" : "am"); break;
        case STD_ISO8601TZ: case STD_ISO8601COLONTZ: case STD_ISO8601SECONDSTZ: case STD_ISO8601SHORTTZ:
        case STD_ISO8601COLONSECONDSTZ: case STD_NUMTZ: case STD_NUMCOLONTZ: case STD_NUMSECONDSTZ:
        case STD_NUMSHORTTZ: case STD_NUMCOLONSECONDSTZ: {
            bool iso = c.std == STD_ISO8601TZ || c.std == STD_ISO8601COLONTZ || c.std == STD_ISO8601SECONDSTZ ||
                       c.std == STD_ISO8601SHORTTZ || c.std == STD_ISO8601COLONSECONDSTZ;
            if (offset == 0 && iso) { buf_putc(b, 'Z'); break; }
            int zone = offset / 60, absoff = offset;
            if (zone < 0) { buf_putc(b, '-'); zone = -zone; absoff = -absoff; }
            else buf_putc(b, '+');
            put_int(b, zone / 60, 2);
            bool colon = c.std == STD_ISO8601COLONTZ || c.std == STD_NUMCOLONTZ ||
                         c.std == STD_ISO8601COLONSECONDSTZ || c.std == STD_NUMCOLONSECONDSTZ;
            if (colon) buf_putc(b, ':');
            if (c.std != STD_NUMSHORTTZ && c.std != STD_ISO8601SHORTTZ) put_int(b, zone % 60, 2);
            if (c.std == STD_ISO8601SECONDSTZ || c.std == STD_NUMSECONDSTZ || c.std == STD_NUMCOLONSECONDSTZ ||
                c.std == STD_ISO8601COLONSECONDSTZ) {
                if (c.std == STD_NUMCOLONSECONDSTZ || c.std == STD_ISO8601COLONSECONDSTZ) buf_putc(b, ':');
                put_int(b, absoff % 60, 2);
            }
            break;
        }
        case STD_TZ:
            if (name && *name) { buf_puts(b, name); break; }
            {
                int zone = offset / 60;
                if (zone < 0) { buf_putc(b, '-'); zone = -zone; }
                else buf_putc(b, '+');
                put_int(b, zone / 60, 2);
                put_int(b, zone % 60, 2);
            }
            break;
        case STD_FRAC0: case STD_FRAC9: put_nano(b, t.nsec, c.std, c.digits, c.sep); break;
        }
    }
}

void gotime_string(sg_buf *b, gotime t)
{
    static const char layout[] = "2006-01-02 15:04:05.999999999 -0700 MST";
    gotime_format(b, t, layout, sizeof layout - 1);
    if (t.mono) {
        uint64_t m2 = (uint64_t)t.mono_ns;
        char sign = '+';
        if (t.mono_ns < 0) { sign = '-'; m2 = -m2; }
        uint64_t m1 = m2 / 1000000000;
        m2 %= 1000000000;
        uint64_t m0 = m1 / 1000000000;
        m1 %= 1000000000;
        buf_puts(b, " m=");
        buf_putc(b, sign);
        int wid = 0;
        if (m0) { put_int(b, (int64_t)m0, 0); wid = 9; }
        put_int(b, (int64_t)m1, wid);
        buf_putc(b, '.');
        put_int(b, (int64_t)m2, 9);
    }
}

/* ---------------------------------------------------------------- parsing */

/* time's quote(): ASCII printable kept, others as \x escapes. */
static void tquote(sg_buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        int32_t r;
        int w = gofmt_decode_rune(s + i, n - i, &r);
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') {
            int width = w;
            if (r == 0xFFFD) {
                width = 1;
                if (i + 2 < n && !memcmp(s + i, "\xef\xbf\xbd", 3)) width = 3;
            }
            for (int j = 0; j < width; j++) buf_printf(b, "\\x%02x", (unsigned char)s[i + (size_t)j]);
            i += (size_t)width;
        } else {
            if (c == '"' || c == '\\') buf_putc(b, '\\');
            buf_putc(b, (char)c);
            i++;
        }
    }
    buf_putc(b, '"');
}

static const char *parse_error(const char *layout, size_t ln, const char *value, size_t vn,
                               const char *lelem, size_t lelen, const char *velem, size_t velen, const char *msg)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "parsing time ");
    tquote(&b, value, vn);
    if (msg) {
        buf_puts(&b, msg);
        return b.p;
    }
    buf_puts(&b, " as ");
    tquote(&b, layout, ln);
    buf_puts(&b, ": cannot parse ");
    tquote(&b, velem, velen);
    buf_puts(&b, " as ");
    tquote(&b, lelem, lelen);
    return b.p;
}

static bool isdig(const char *s, size_t n, size_t i) { return i < n && s[i] >= '0' && s[i] <= '9'; }

/* getnum: 1 or 2 digits (fixed: exactly 2) */
static bool getnum(const char **s, size_t *n, bool fixed, int *out)
{
    if (!isdig(*s, *n, 0)) return false;
    if (!isdig(*s, *n, 1)) {
        if (fixed) return false;
        *out = (*s)[0] - '0';
        (*s)++; (*n)--;
        return true;
    }
    *out = ((*s)[0] - '0') * 10 + ((*s)[1] - '0');
    *s += 2; *n -= 2;
    return true;
}

static bool getnum3(const char **s, size_t *n, bool fixed, int *out)
{
    int v = 0;
    size_t i;
    for (i = 0; i < 3 && isdig(*s, *n, i); i++) v = v * 10 + ((*s)[i] - '0');
    if (i == 0 || (fixed && i != 3)) return false;
    *out = v;
    *s += i; *n -= i;
    return true;
}

/* leadingInt; false on overflow */
static bool leading_int(const char *s, size_t n, uint64_t *x, size_t *used)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (v > (1ULL << 63) / 10) return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
        if (v > (1ULL << 63)) return false;
    }
    *x = v;
    *used = i;
    return true;
}

/* Go's atoi on a short string: optional sign, digits only. */
static bool tatoi(const char *s, size_t n, int64_t *out)
{
    bool neg = false;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; s++; n--; }
    uint64_t q;
    size_t used;
    if (!leading_int(s, n, &q, &used) || used != n) return false;
    *out = neg ? -(int64_t)q : (int64_t)q;
    return true;
}

static int match_tab(const char *const *tab, int cnt, int len, const char **s, size_t *n)
{
    for (int i = 0; i < cnt; i++) {
        size_t k = len ? (size_t)len : strlen(tab[i]);
        if (*n < k) continue;
        bool ok = true;
        for (size_t j = 0; j < k && ok; j++) {
            unsigned char c1 = (unsigned char)(*s)[j], c2 = (unsigned char)tab[i][j];
            if (c1 != c2) {
                c1 |= 0x20; c2 |= 0x20;
                if (c1 != c2 || c1 < 'a' || c1 > 'z') ok = false;
            }
        }
        if (ok) { *s += k; *n -= k; return i; }
    }
    return -1;
}

static size_t parse_signed_offset(const char *v, size_t n)
{
    if (n == 0 || (v[0] != '-' && v[0] != '+')) return 0;
    uint64_t x;
    size_t used;
    if (!leading_int(v + 1, n - 1, &x, &used) || used == 0) return 0;
    if (x > 23) return 0;
    return 1 + used;
}

static bool parse_tz(const char *v, size_t n, size_t *len)
{
    if (n < 3) return false;
    if (n >= 4 && (!memcmp(v, "ChST", 4) || !memcmp(v, "MeST", 4))) { *len = 4; return true; }
    if (!memcmp(v, "GMT", 3)) { *len = n == 3 ? 3 : 3 + parse_signed_offset(v + 3, n - 3); return true; }
    if (v[0] == '+' || v[0] == '-') { *len = parse_signed_offset(v, n); return *len > 0; }
    size_t up = 0;
    for (; up < 6 && up < n && v[up] >= 'A' && v[up] <= 'Z'; up++) {}
    switch (up) {
    case 5: if (v[4] == 'T') { *len = 5; return true; } return false;
    case 4: if (v[3] == 'T' || !memcmp(v, "WITA", 4)) { *len = 4; return true; } return false;
    case 3: *len = 3; return true;
    default: return false;
    }
}

static bool parse_nanos(const char *v, size_t nb, int *ns, const char **rangeerr)
{
    if (v[0] != '.' && v[0] != ',') return false;
    if (nb > 10) nb = 10;
    int64_t x;
    if (!tatoi(v + 1, nb - 1, &x)) return false;
    if (x < 0) { *rangeerr = "fractional second"; return true; }
    for (size_t i = 0; i < 10 - nb; i++) x *= 10;
    *ns = (int)x;
    return true;
}

const char *gotime_parse(const char *alayout, size_t aln, const char *avalue, size_t avn,
                         const gotime_loc *loc, gotime *out)
{
    const char *layout = alayout, *value = avalue;
    size_t ln = aln, vn = avn;
    const char *rangeerr = NULL;
    bool am = false, pm = false;
    int64_t year = 0;
    int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
    const gotime_loc *z = NULL;
    int zoff = -1;
    bool zoff_set = false;
    const char *zname = NULL;
    size_t znlen = 0;
    for (;;) {
        chunk c = next_chunk(layout, ln);
        const char *stdstr = layout + c.prefix;
        size_t stdlen = c.stdlen;
        /* skip(value, prefix) */
        {
            const char *p = layout;
            size_t pn = c.prefix;
            while (pn > 0) {
                if (p[0] == ' ') {
                    if (vn > 0 && value[0] != ' ')
                        return parse_error(alayout, aln, avalue, avn, layout, c.prefix, value, vn, NULL);
                    while (pn > 0 && p[0] == ' ') { p++; pn--; }
                    while (vn > 0 && value[0] == ' ') { value++; vn--; }
                    continue;
                }
                if (vn == 0 || value[0] != p[0])
                    return parse_error(alayout, aln, avalue, avn, layout, c.prefix, value, vn, NULL);
                p++; pn--; value++; vn--;
            }
        }
        if (c.std == STD_NONE) {
            if (vn != 0) {
                sg_buf m;
                buf_init(&m);
                buf_puts(&m, ": extra text: ");
                tquote(&m, value, vn);
                return parse_error(alayout, aln, avalue, avn, "", 0, value, vn, m.p);
            }
            break;
        }
        layout += c.prefix + c.stdlen;
        ln -= c.prefix + c.stdlen;
        const char *hold = value;
        size_t holdn = vn;
        bool err = false;
        int64_t x;
        switch (c.std) {
        case STD_YEAR:
            if (vn < 2) { err = true; break; }
            if (!tatoi(value, 2, &x)) { err = true; value += 2; vn -= 2; break; }
            value += 2; vn -= 2;
            year = x >= 69 ? x + 1900 : x + 2000;
            break;
        case STD_LONGYEAR:
            if (vn < 4 || !isdig(value, vn, 0)) { err = true; break; }
            if (!tatoi(value, 4, &x)) err = true;
            else year = x;
            value += 4; vn -= 4;
            break;
        case STD_MONTH: month = match_tab(long_months, 12, 3, &value, &vn); err = month < 0; month++; break;
        case STD_LONGMONTH: month = match_tab(long_months, 12, 0, &value, &vn); err = month < 0; month++; break;
        case STD_NUMMONTH: case STD_ZEROMONTH:
            err = !getnum(&value, &vn, c.std == STD_ZEROMONTH, &month);
            if (!err && (month <= 0 || month > 12)) rangeerr = "month";
            break;
        case STD_WEEKDAY: err = match_tab(long_days, 7, 3, &value, &vn) < 0; break;
        case STD_LONGWEEKDAY: err = match_tab(long_days, 7, 0, &value, &vn) < 0; break;
        case STD_DAY: case STD_UNDERDAY: case STD_ZERODAY:
            if (c.std == STD_UNDERDAY && vn > 0 && value[0] == ' ') { value++; vn--; }
            err = !getnum(&value, &vn, c.std == STD_ZERODAY, &day);
            break;
        case STD_UNDERYEARDAY: case STD_ZEROYEARDAY:
            for (int i = 0; i < 2; i++)
                if (c.std == STD_UNDERYEARDAY && vn > 0 && value[0] == ' ') { value++; vn--; }
            err = !getnum3(&value, &vn, c.std == STD_ZEROYEARDAY, &yday);
            break;
        case STD_HOUR:
            err = !getnum(&value, &vn, false, &hour);
            if (hour < 0 || hour >= 24) rangeerr = "hour";
            break;
        case STD_HOUR12: case STD_ZEROHOUR12:
            err = !getnum(&value, &vn, c.std == STD_ZEROHOUR12, &hour);
            if (hour < 0 || hour > 12) rangeerr = "hour";
            break;
        case STD_MINUTE: case STD_ZEROMINUTE:
            err = !getnum(&value, &vn, c.std == STD_ZEROMINUTE, &min);
            if (min < 0 || min >= 60) rangeerr = "minute";
            break;
        case STD_SECOND: case STD_ZEROSECOND:
            err = !getnum(&value, &vn, c.std == STD_ZEROSECOND, &sec);
            if (err) break;
            if (sec < 0 || sec >= 60) { rangeerr = "second"; break; }
            if (vn >= 2 && (value[0] == '.' || value[0] == ',') && isdig(value, vn, 1)) {
                chunk nc = next_chunk(layout, ln);
                if (nc.std == STD_FRAC0 || nc.std == STD_FRAC9) break;
                size_t k = 2;
                while (k < vn && isdig(value, vn, k)) k++;
                err = !parse_nanos(value, k, &nsec, &rangeerr);
                value += k; vn -= k;
            }
            break;
        case STD_PM: case STD_pm: {
            if (vn < 2) { err = true; break; }
            const char *P = c.std == STD_PM ? "PM" : "pm", *A = c.std == STD_PM ? "AM" : "am";
            if (!memcmp(value, P, 2)) pm = true;
            else if (!memcmp(value, A, 2)) am = true;
            else err = true;
            value += 2; vn -= 2;
            break;
        }
        case STD_ISO8601TZ: case STD_ISO8601SHORTTZ: case STD_ISO8601COLONTZ: case STD_ISO8601SECONDSTZ:
        case STD_ISO8601COLONSECONDSTZ:
            if (vn >= 1 && value[0] == 'Z') { value++; vn--; z = &utc_loc; break; }
            /* fallthrough */
        case STD_NUMTZ: case STD_NUMSHORTTZ: case STD_NUMCOLONTZ: case STD_NUMSECONDSTZ: case STD_NUMCOLONSECONDSTZ: {
            const char *sg, *hh, *mm, *ss = "00";
            int s = c.std;
            if (s == STD_ISO8601COLONTZ || s == STD_NUMCOLONTZ) {
                if (vn < 6 || value[3] != ':') { err = true; break; }
                sg = value; hh = value + 1; mm = value + 4; value += 6; vn -= 6;
            } else if (s == STD_NUMSHORTTZ || s == STD_ISO8601SHORTTZ) {
                if (vn < 3) { err = true; break; }
                sg = value; hh = value + 1; mm = "00"; value += 3; vn -= 3;
            } else if (s == STD_ISO8601COLONSECONDSTZ || s == STD_NUMCOLONSECONDSTZ) {
                if (vn < 9 || value[3] != ':' || value[6] != ':') { err = true; break; }
                sg = value; hh = value + 1; mm = value + 4; ss = value + 7; value += 9; vn -= 9;
            } else if (s == STD_ISO8601SECONDSTZ || s == STD_NUMSECONDSTZ) {
                if (vn < 7) { err = true; break; }
                sg = value; hh = value + 1; mm = value + 3; ss = value + 5; value += 7; vn -= 7;
            } else {
                if (vn < 5) { err = true; break; }
                sg = value; hh = value + 1; mm = value + 3; value += 5; vn -= 5;
            }
            int hr = 0, mi = 0, se = 0;
            const char *p;
            size_t pn;
            p = hh; pn = 2;
            err = !getnum(&p, &pn, true, &hr);
            if (!err) { p = mm; pn = 2; err = !getnum(&p, &pn, true, &mi); }
            if (!err) { p = ss; pn = 2; err = !getnum(&p, &pn, true, &se); }
            if (hr > 24) rangeerr = "time zone offset hour";
            if (mi > 60) rangeerr = "time zone offset minute";
            if (se > 60) rangeerr = "time zone offset second";
            zoff = (hr * 60 + mi) * 60 + se;
            zoff_set = true;
            if (sg[0] == '-') zoff = -zoff;
            else if (sg[0] != '+') err = true;
            break;
        }
        case STD_TZ: {
            if (vn >= 3 && !memcmp(value, "UTC", 3)) { z = &utc_loc; value += 3; vn -= 3; break; }
            size_t zl;
            if (!parse_tz(value, vn, &zl)) { err = true; break; }
            zname = value;
            znlen = zl;
            value += zl; vn -= zl;
            break;
        }
        case STD_FRAC0: {
            size_t nd = 1 + (size_t)c.digits;
            if (vn < nd) { err = true; break; }
            err = !parse_nanos(value, nd, &nsec, &rangeerr);
            value += nd; vn -= nd;
            break;
        }
        case STD_FRAC9: {
            if (vn < 2 || (value[0] != '.' && value[0] != ',') || value[1] < '0' || value[1] > '9') break;
            size_t i = 0;
            while (i + 1 < vn && value[i + 1] >= '0' && value[i + 1] <= '9') i++;
            err = !parse_nanos(value, 1 + i, &nsec, &rangeerr);
            value += 1 + i; vn -= 1 + i;
            break;
        }
        }
        if (rangeerr) {
            sg_buf m;
            buf_init(&m);
            buf_printf(&m, ": %s out of range", rangeerr);
            return parse_error(alayout, aln, avalue, avn, stdstr, stdlen, value, vn, m.p);
        }
        if (err) return parse_error(alayout, aln, avalue, avn, stdstr, stdlen, hold, holdn, NULL);
    }
    if (pm && hour < 12) hour += 12;
    else if (am && hour == 12) hour = 0;
    if (yday >= 0) {
        int d = 0, m = 0;
        if (is_leap(year)) {
            if (yday == 31 + 29) { m = 2; d = 29; }
            else if (yday > 31 + 29) yday--;
        }
        if (yday < 1 || yday > 365) return parse_error(alayout, aln, avalue, avn, "", 0, value, vn, ": day-of-year out of range");
        if (m == 0) {
            static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 };
            m = (yday - 1) / 31 + 1;
            if (before[m] < yday) m++;
            d = yday - before[m - 1];
        }
        if (month >= 0 && month != m) return parse_error(alayout, aln, avalue, avn, "", 0, value, vn, ": day-of-year does not match month");
        month = m;
        if (day >= 0 && day != d) return parse_error(alayout, aln, avalue, avn, "", 0, value, vn, ": day-of-year does not match day");
        day = d;
    } else {
        if (month < 0) month = 1;
        if (day < 0) day = 1;
    }
    if (day < 1 || day > days_in(month, year)) return parse_error(alayout, aln, avalue, avn, "", 0, value, vn, ": day out of range");
    if (z) { *out = make_date(year, month, day, hour, min, sec, nsec, z); return NULL; }
    if (zoff_set) {
        gotime t = make_date(year, month, day, hour, min, sec, nsec, &utc_loc);
        t.sec -= zoff;
        int off;
        const char *nm = lookup(loc, t.sec, &off);
        if (off == zoff && (!zname || (strlen(nm) == znlen && !memcmp(nm, zname, znlen)))) {
            t.loc = loc;
            *out = t;
            return NULL;
        }
        t.loc = gotime_fixed(zname ? sg_strndup(zname, znlen) : "", zoff);
        *out = t;
        return NULL;
    }
    if (zname) {
        gotime t = make_date(year, month, day, hour, min, sec, nsec, &utc_loc);
        /* Location.lookupName: a zone of that abbreviation in effect at the instant, else
         * any zone of that abbreviation (probed half a year around) */
        int off, cand = 0;
        bool have = false;
        static const int64_t probes[] = { 0, -182 * 86400, 182 * 86400 };
        for (int k = 0; k < 3; k++) {
            const char *nm = lookup(loc, t.sec + probes[k], &off);
            if (strlen(nm) != znlen || memcmp(nm, zname, znlen)) continue;
            int off2;
            const char *nm2 = lookup(loc, t.sec - off, &off2);
            if (strlen(nm2) == znlen && !memcmp(nm2, zname, znlen)) {
                t.sec -= off;
                t.loc = loc;
                *out = t;
                return NULL;
            }
            if (!have) { have = true; cand = off; }
        }
        if (have) {
            t.sec -= cand;
            t.loc = loc;
            *out = t;
            return NULL;
        }
        off = 0;
        if (znlen > 3 && !memcmp(zname, "GMT", 3)) {
            int64_t v = 0;
            tatoi(zname + 3, znlen - 3, &v);
            off = (int)v * 3600;
        }
        t.loc = gotime_fixed(sg_strndup(zname, znlen), off);
        *out = t;
        return NULL;
    }
    *out = make_date(year, month, day, hour, min, sec, nsec, loc);
    return NULL;
}

const gotime_loc *gotime_toml_local(gotime_toml_kind k)
{
    static gotime_loc locs[] = {
        { LOC_FIXED, "datetime-local", NULL, 0 },
        { LOC_FIXED, "date-local", NULL, 0 },
        { LOC_FIXED, "time-local", NULL, 0 },
    };
    static bool init;
    if (!init) {
        init = true;
        int off = 0;
        lookup(gotime_local(), gotime_now().sec, &off);
        for (int i = 0; i < 3; i++) locs[i].offset = off;
    }
    return &locs[k];
}

/* ---------------------------------------------------------------- durations */

void gotime_duration_string(sg_buf *b, int64_t d) { gonamed_duration_string(b, d); }

static const char *dur_err(const char *pre, const char *unit, size_t un, const char *orig, size_t on)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, pre);
    if (unit) {
        tquote(&b, unit, un);
        buf_puts(&b, " in duration ");
    }
    tquote(&b, orig, on);
    return b.p;
}

const char *gotime_parse_duration(const char *orig, size_t on, int64_t *out)
{
    const char *s = orig;
    size_t n = on;
    uint64_t d = 0;
    bool neg = false;
    if (n > 0 && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; s++; n--; }
    if (n == 1 && s[0] == '0') { *out = 0; return NULL; }
    if (n == 0) return dur_err("time: invalid duration ", NULL, 0, orig, on);
    while (n > 0) {
        uint64_t v = 0, f = 0;
        double scale = 1;
        if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) return dur_err("time: invalid duration ", NULL, 0, orig, on);
        size_t used;
        if (!leading_int(s, n, &v, &used)) return dur_err("time: invalid duration ", NULL, 0, orig, on);
        bool pre = used > 0;
        s += used; n -= used;
        bool post = false;
        if (n > 0 && s[0] == '.') {
            s++; n--;
            size_t i = 0;
            bool overflow = false;
            for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
                if (overflow) continue;
                if (f > (((1ULL << 63) - 1) / 10)) { overflow = true; continue; }
                uint64_t y = f * 10 + (uint64_t)(s[i] - '0');
                if (y > (1ULL << 63)) { overflow = true; continue; }
                f = y;
                scale *= 10;
            }
            post = i > 0;
            s += i; n -= i;
        }
        if (!pre && !post) return dur_err("time: invalid duration ", NULL, 0, orig, on);
        size_t i = 0;
        for (; i < n; i++)
            if (s[i] == '.' || (s[i] >= '0' && s[i] <= '9')) break;
        if (i == 0) return dur_err("time: missing unit in duration ", NULL, 0, orig, on);
        const char *u = s;
        size_t un = i;
        s += i; n -= i;
        uint64_t unit = 0;
        if (un == 2 && !memcmp(u, "ns", 2)) unit = 1;
        else if ((un == 2 && !memcmp(u, "us", 2)) || (un == 3 && (!memcmp(u, "\xc2\xb5s", 3) || !memcmp(u, "\xce\xbcs", 3)))) unit = 1000;
        else if (un == 2 && !memcmp(u, "ms", 2)) unit = 1000000;
        else if (un == 1 && u[0] == 's') unit = 1000000000ULL;
        else if (un == 1 && u[0] == 'm') unit = 60000000000ULL;
        else if (un == 1 && u[0] == 'h') unit = 3600000000000ULL;
        else return dur_err("time: unknown unit ", u, un, orig, on);
        if (v > (1ULL << 63) / unit) return dur_err("time: invalid duration ", NULL, 0, orig, on);
        v *= unit;
        if (f > 0) {
            v += (uint64_t)((double)f * ((double)unit / scale));
            if (v > (1ULL << 63)) return dur_err("time: invalid duration ", NULL, 0, orig, on);
        }
        d += v;
        if (d > (1ULL << 63)) return dur_err("time: invalid duration ", NULL, 0, orig, on);
    }
    if (neg) { *out = (int64_t)(0 - d); return NULL; }
    if (d > (1ULL << 63) - 1) return dur_err("time: invalid duration ", NULL, 0, orig, on);
    *out = (int64_t)d;
    return NULL;
}

/* ---------------------------------------------------------------- the native objects */

static const char *obj_string(sg_object *o)
{
    sg_buf b;
    buf_init(&b);
    gotime_string(&b, *(gotime *)o->data);
    return b.p;
}

static void format_rfc3339nano(sg_buf *b, gotime t)
{
    static const char l[] = "2006-01-02T15:04:05.999999999Z07:00";
    gotime_format(b, t, l, sizeof l - 1);
}

static sg_value obj_tojson(sg_object *o)
{
    sg_buf b;
    buf_init(&b);
    format_rfc3339nano(&b, *(gotime *)o->data);
    return val_str_nocopy(b.p, b.len);
}

static bool is_utc(const gotime_loc *loc) { return !loc || loc == &utc_loc; }

/* Time.GoString: time.Date(2021, time.March, 4, 5, 6, 7, 0, time.Local) */
static const char *obj_gostring(sg_object *o)
{
    gotime t = *(gotime *)o->data;
    int offset;
    lookup(t.loc, t.sec, &offset);
    int64_t abs = (int64_t)((uint64_t)t.sec + (uint64_t)(int64_t)offset);
    int64_t days = floordiv(abs, 86400), secs = abs - days * 86400, year;
    int month, day;
    civil(days, &year, &month, &day);
    sg_buf b;
    buf_init(&b);
    buf_printf(&b, "time.Date(%lld, time.%s, %d, %d, %d, %d, %d, ", (long long)year, long_months[month - 1], day,
               (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), (int)t.nsec);
    if (is_utc(t.loc)) buf_puts(&b, "time.UTC");
    else if (t.loc == gotime_local()) buf_puts(&b, "time.Local");
    else {
        buf_puts(&b, "time.Location(");
        tquote(&b, t.loc->name, strlen(t.loc->name));
        buf_putc(&b, ')');
    }
    buf_putc(&b, ')');
    return b.p;
}

/* A []byte value holding n bytes of p after the bytes of list `pre` (nil: none). */
static sg_value bytes_value(sg_value pre, const char *p, size_t n)
{
    sg_value l = val_list(list_len(pre) + n);
    l.gotype = GT_LIST_BYTES;
    for (size_t i = 0; i < list_len(pre); i++) list_push(l, list_get(pre, i));
    for (size_t i = 0; i < n; i++) list_push(l, val_int((unsigned char)p[i]));
    return l;
}

/* Time.appendStrictRFC3339: RFC 3339 with nanoseconds, or Go's complaint. */
static const char *strict_rfc3339(sg_buf *b, gotime t)
{
    size_t n0 = b->len;
    format_rfc3339nano(b, t);
    if (b->p[n0 + 4] != '-') return "year outside of range [0,9999]";
    if (b->p[b->len - 1] != 'Z') {
        char c = b->p[b->len - 6];
        const char *h = b->p + b->len - 5;
        if ((c >= '0' && c <= '9') || 10 * (h[0] - '0') + (h[1] - '0') >= 24)
            return "timezone hour outside of range [0,23]";
    }
    return NULL;
}

/* Time.appendBinary (MarshalBinary, GobEncode, AppendBinary). */
static sg_value marshal_binary(sg_value pre, gotime t)
{
    int offset = 0;
    int16_t offmin = -1;
    int8_t offsec = 0;
    int version = 1;
    if (!is_utc(t.loc)) {
        lookup(t.loc, t.sec, &offset);
        if (offset % 60 != 0) {
            version = 2;
            offsec = (int8_t)(offset % 60);
        }
        offset /= 60;
        if (offset < -32768 || offset == -1 || offset > 32767)
            sg_throwf("Time.MarshalBinary: unexpected zone offset");
        offmin = (int16_t)offset;
    }
    uint64_t sec = (uint64_t)t.sec + 62135596800ULL;
    uint32_t nsec = (uint32_t)t.nsec;
    char buf[16];
    size_t n = 0;
    buf[n++] = (char)version;
    for (int i = 56; i >= 0; i -= 8) buf[n++] = (char)(sec >> i);
    for (int i = 24; i >= 0; i -= 8) buf[n++] = (char)(nsec >> i);
    buf[n++] = (char)((uint16_t)offmin >> 8);
    buf[n++] = (char)(uint16_t)offmin;
    if (version == 2) buf[n++] = (char)offsec;
    return bytes_value(pre, buf, n);
}

/* Time.Compare, with the monotonic readings when both have one. */
static int tcompare(gotime t, gotime u)
{
    if (t.mono && u.mono) return t.mono_ns < u.mono_ns ? -1 : t.mono_ns > u.mono_ns;
    if (t.sec != u.sec) return t.sec < u.sec ? -1 : 1;
    return t.nsec < u.nsec ? -1 : t.nsec > u.nsec;
}

/* Time.Sub: t-u as a Duration, saturated. */
static int64_t tsub(gotime t, gotime u)
{
    i128 d;
    if (t.mono && u.mono) d = (i128)t.mono_ns - u.mono_ns;
    else d = ((i128)t.sec - u.sec) * 1000000000 + (t.nsec - u.nsec);
    if (d > INT64_MAX) return INT64_MAX;
    if (d < INT64_MIN) return INT64_MIN;
    return (int64_t)d;
}

/* Time.Truncate / Time.Round: the remainder of t since the zero Time modulo d. */
static gotime tround(gotime t, int64_t d, bool round)
{
    t.mono = false;
    if (d <= 0) return t;
    i128 abs = ((i128)t.sec + 62135596800LL) * 1000000000 + t.nsec;
    i128 r128 = abs % d;
    if (r128 < 0) r128 += d;
    int64_t r = (int64_t)r128;
    if (!round || (uint64_t)r + (uint64_t)r < (uint64_t)d) return gotime_add(t, -r);
    return gotime_add(t, d - r);
}

/* Time.AddDate */
static gotime add_date(gotime t, int64_t years, int64_t months, int64_t days)
{
    int offset;
    lookup(t.loc, t.sec, &offset);
    int64_t abs = (int64_t)((uint64_t)t.sec + (uint64_t)(int64_t)offset);
    int64_t dd = floordiv(abs, 86400), secs = abs - dd * 86400, year;
    int month, day;
    civil(dd, &year, &month, &day);
    const gotime_loc *loc = t.loc ? t.loc : &utc_loc;
    return make_date((int64_t)((uint64_t)year + (uint64_t)years), (int64_t)((uint64_t)month + (uint64_t)months),
                     (int64_t)((uint64_t)day + (uint64_t)days), secs / 3600, secs / 60 % 60, secs % 60, t.nsec,
                     loc);
}

static sg_value location_value(const gotime_loc *loc);

/* MarshalJSON's complaint about this time, or NULL. */
static const char *obj_jsonerr(sg_object *o)
{
    sg_buf b;
    buf_init(&b);
    const char *err = strict_rfc3339(&b, *(gotime *)o->data);
    return err ? sg_sprintf("Time.MarshalJSON: %s", err) : NULL;
}

static bool obj_method(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out)
{
    gotime t = *(gotime *)o->data, u;
    bool isdst;
    int offset;
    lookup_dst(t.loc, t.sec, &offset, &isdst);
    int64_t abs = (int64_t)((uint64_t)t.sec + (uint64_t)(int64_t)offset);
    int64_t days = floordiv(abs, 86400);
    int64_t secs = abs - days * 86400;
    int64_t year;
    int month, day;
    civil(days, &year, &month, &day);
    uint64_t usec = (uint64_t)t.sec;
    if (argc > 0 && argv[0].kind == VK_OBJECT && argv[0].u.o->type == o->type) u = *(gotime *)argv[0].u.o->data;
    else memset(&u, 0, sizeof u);
    if (!strcmp(name, "Year")) *out = val_int(year);
    else if (!strcmp(name, "Month")) *out = gonamed_month(month);
    else if (!strcmp(name, "Day")) *out = val_int(day);
    else if (!strcmp(name, "Hour")) *out = val_int(secs / 3600);
    else if (!strcmp(name, "Minute")) *out = val_int(secs / 60 % 60);
    else if (!strcmp(name, "Second")) *out = val_int(secs % 60);
    else if (!strcmp(name, "Nanosecond")) *out = val_int(t.nsec);
    else if (!strcmp(name, "YearDay")) *out = val_int(days - days_from_civil(year, 1, 1) + 1);
    else if (!strcmp(name, "Weekday")) *out = gonamed_weekday((int)(((days % 7) + 11) % 7));
    else if (!strcmp(name, "Unix")) *out = val_int64(t.sec);
    else if (!strcmp(name, "UnixMilli")) *out = val_int64((int64_t)(usec * 1000 + (uint64_t)(t.nsec / 1000000)));
    else if (!strcmp(name, "UnixMicro")) *out = val_int64((int64_t)(usec * 1000000 + (uint64_t)(t.nsec / 1000)));
    else if (!strcmp(name, "UnixNano")) *out = val_int64((int64_t)(usec * 1000000000 + (uint64_t)t.nsec));
    else if (!strcmp(name, "UTC")) *out = gotime_value(gotime_in(t, &utc_loc));
    else if (!strcmp(name, "Local")) *out = gotime_value(gotime_in(t, gotime_local()));
    else if (!strcmp(name, "In")) {
        if (argv[0].kind != VK_OBJECT) sg_throwf("time: missing Location in call to Time.In");
        *out = gotime_value(gotime_in(t, argv[0].u.o->data));
    } else if (!strcmp(name, "Location")) *out = location_value(t.loc ? t.loc : &utc_loc);
    else if (!strcmp(name, "IsZero")) *out = val_bool(t.sec == -62135596800LL && t.nsec == 0);
    else if (!strcmp(name, "IsDST")) *out = val_bool(isdst);
    else if (!strcmp(name, "String")) *out = val_cstr(obj_string(o));
    else if (!strcmp(name, "GoString")) *out = val_cstr(obj_gostring(o));
    else if (!strcmp(name, "Add")) *out = gotime_value(gotime_add(t, argv[0].u.i));
    else if (!strcmp(name, "AddDate")) *out = gotime_value(add_date(t, argv[0].u.i, argv[1].u.i, argv[2].u.i));
    else if (!strcmp(name, "Sub")) *out = gonamed_duration(tsub(t, u));
    else if (!strcmp(name, "After")) *out = val_bool(tcompare(t, u) > 0);
    else if (!strcmp(name, "Before")) *out = val_bool(tcompare(t, u) < 0);
    else if (!strcmp(name, "Equal")) *out = val_bool(tcompare(t, u) == 0);
    else if (!strcmp(name, "Compare")) *out = val_int(tcompare(t, u));
    else if (!strcmp(name, "Truncate")) *out = gotime_value(tround(t, argv[0].u.i, false));
    else if (!strcmp(name, "Round")) *out = gotime_value(tround(t, argv[0].u.i, true));
    else if (!strcmp(name, "Format") || !strcmp(name, "AppendFormat")) {
        sg_value layout = argv[argc - 1];
        sg_buf b;
        buf_init(&b);
        gotime_format(&b, t, layout.u.s.p, layout.u.s.n);
        *out = argc == 1 ? val_str_nocopy(b.p, b.len) : bytes_value(argv[0], b.p, b.len);
    } else if (!strcmp(name, "MarshalJSON")) {
        sg_buf b;
        buf_init(&b);
        buf_putc(&b, '"');
        const char *err = strict_rfc3339(&b, t);
        if (err) sg_throwf("Time.MarshalJSON: %s", err);
        buf_putc(&b, '"');
        *out = bytes_value(sg_nil, b.p, b.len);
    } else if (!strcmp(name, "MarshalText") || !strcmp(name, "AppendText")) {
        sg_buf b;
        buf_init(&b);
        const char *err = strict_rfc3339(&b, t);
        if (err) sg_throwf("Time.MarshalText: %s", err);
        *out = bytes_value(argc ? argv[0] : sg_nil, b.p, b.len);
    } else if (!strcmp(name, "MarshalBinary") || !strcmp(name, "GobEncode") || !strcmp(name, "AppendBinary")) {
        *out = marshal_binary(argc ? argv[0] : sg_nil, t);
    } else return false;
    return true;
}

/* The signatures of time.Time's value methods (Go 1.23: Helm 3; Go 1.25: Helm 4). */
static bool obj_msig(sg_object *o, const char *name, sg_methodsig *sig)
{
    static const char *const noargs[] = {
        "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "YearDay", "Weekday", "Unix",
        "UnixMilli", "UnixMicro", "UnixNano", "UTC", "Local", "Location", "IsZero", "IsDST", "String",
        "GoString", "MarshalJSON", "MarshalText", "MarshalBinary", "GobEncode",
    };
    static const struct { const char *name, *params; } withargs[] = {
        { "Add", "D" }, { "AddDate", "iii" }, { "Sub", "T" }, { "After", "T" }, { "Before", "T" },
        { "Equal", "T" }, { "Compare", "T" }, { "Truncate", "D" }, { "Round", "D" }, { "In", "L" },
        { "Format", "s" }, { "AppendFormat", "Bs" },
    };
    sig->params = "";
    sig->bad = NULL;
    for (size_t i = 0; i < sizeof noargs / sizeof noargs[0]; i++)
        if (!strcmp(name, noargs[i])) return true;
    for (size_t i = 0; i < sizeof withargs / sizeof withargs[0]; i++)
        if (!strcmp(name, withargs[i].name)) {
            sig->params = withargs[i].params;
            return true;
        }
    if (sg_helm_major >= 4 && (!strcmp(name, "AppendText") || !strcmp(name, "AppendBinary"))) {
        sig->params = "B";
        return true;
    }
    if (!strcmp(name, "Clock") || !strcmp(name, "Date")) {
        sig->bad = sg_sprintf("function %s has 3 return values; should be 1 or 2", name);
        return true;
    }
    if (!strcmp(name, "Zone") || !strcmp(name, "ISOWeek") || !strcmp(name, "ZoneBounds")) {
        sig->bad = sg_sprintf("invalid function signature for %s: second return value should be error; is %s", name,
                              name[4] == 'B' ? "time.Time" : "int");
        return true;
    }
    if (!strcmp(name, "wall") || !strcmp(name, "ext") || !strcmp(name, "loc")) {
        sig->params = NULL;
        sig->bad = sg_sprintf("%s is an unexported field of struct type time.Time", name);
        return true;
    }
    return false;
}

static const sg_objtype time_type = {
    .name = "time.Time", .kindname = "struct", .method = obj_method, .msig = obj_msig,
    .string = obj_string, .gostring = obj_gostring, .tojson = obj_tojson, .jsonerr = obj_jsonerr,
};

/* *time.Location: prints its name; its fields are unexported. */
static const char *loc_string(sg_object *o) { return ((const gotime_loc *)o->data)->name; }

static sg_value loc_tojson(sg_object *o)
{
    sg_value m = val_map();
    m.gotype = GT_STRUCT;
    return m;
}

static bool loc_method(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out)
{
    if (strcmp(name, "String")) return false;
    *out = val_cstr(loc_string(o));
    return true;
}

static bool loc_msig(sg_object *o, const char *name, sg_methodsig *sig)
{
    static const char *const fields[] = { "name", "zone", "tx", "extend", "cacheStart", "cacheEnd", "cacheZone" };
    sig->params = "";
    sig->bad = NULL;
    if (!strcmp(name, "String")) return true;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!strcmp(name, fields[i])) {
            sig->params = NULL;
            sig->bad = sg_sprintf("%s is an unexported field of struct type *time.Location", name);
            return true;
        }
    return false;
}

static const sg_objtype loc_type = {
    .name = "*time.Location", .kindname = "ptr", .method = loc_method, .msig = loc_msig,
    .string = loc_string, .tojson = loc_tojson,
};

/* Location objects are interned per arena (eq compares pointers, as Go does). */
typedef struct lnode { const gotime_loc *loc; sg_value v; struct lnode *next, **prevp; } lnode;
static lnode *locs;

static void lnode_free(void *p)
{
    lnode *n = p;
    if (n->next) n->next->prevp = n->prevp;
    *n->prevp = n->next;
    free(n);
}

static sg_value location_value(const gotime_loc *loc)
{
    for (lnode *n = locs; n; n = n->next)
        if (n->loc == loc) return n->v;
    lnode *n = malloc(sizeof *n);
    if (!n) abort();
    n->loc = loc;
    n->next = locs;
    n->prevp = &locs;
    if (locs) locs->prevp = &n->next;
    locs = n;
    n->v = val_object(&loc_type, (void *)loc);
    arena_defer(lnode_free, n);
    return n->v;
}

/* Time values are interned per arena so that equal ones share their data: eq and
 * deepEqual compare object data by identity, and Go's == on time.Time compares the wall
 * clock, the monotonic reading and the *Location pointer. */
typedef struct tnode { gotime t; sg_value v; struct tnode *next, **prevp; } tnode;
static tnode *interned;
static size_t ninterned;

static void tnode_free(void *p)
{
    tnode *n = p;
    if (n->next) n->next->prevp = n->prevp;
    *n->prevp = n->next;
    ninterned--;
    free(n);
}

sg_value gotime_value(gotime t)
{
    if (!t.mono) t.mono_ns = 0;
    for (tnode *n = interned; n; n = n->next)
        if (n->t.sec == t.sec && n->t.nsec == t.nsec && n->t.loc == t.loc && n->t.mono == t.mono &&
            n->t.mono_ns == t.mono_ns)
            return n->v;
    if (ninterned >= 4096) {
        gotime *p = sg_alloc(sizeof *p);
        *p = t;
        return val_object(&time_type, p);
    }
    tnode *n = malloc(sizeof *n);
    if (!n) abort();
    n->t = t;
    n->next = interned;
    n->prevp = &interned;
    if (interned) interned->prevp = &n->next;
    interned = n;
    ninterned++;
    n->v = val_object(&time_type, &n->t);
    arena_defer(tnode_free, n);
    return n->v;
}

bool gotime_from_value(sg_value v, gotime *out)
{
    if (v.kind != VK_OBJECT || v.u.o->type != &time_type) return false;
    *out = *(gotime *)v.u.o->data;
    return true;
}
