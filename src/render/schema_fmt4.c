/* schema_fmt4.c - santhosh-tekuri/jsonschema v6's format checkers (format.go), with the
 * texts of the Go errors they wrap: time.Parse("2006-01-02") for dates,
 * netip.ParseAddr for ipv6, url.Parse (Go 1.25) for uri and uri-reference, regexp for
 * regex.  The url.Parse emulation covers its common errors and accepts what it does not
 * model (bracketed hosts). */
#include "schema_fmt4.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../funcs/regex.h"
#include "../value/gofmt.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Decode one UTF-8 rune at s[*i] (invalid bytes give U+FFFD, one byte). */
static const char *fmt_ipv6(const char *s, size_t n);

static int32_t next_rune(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t left = n - *i;
    int32_t r;
    size_t len;
    if (u[0] < 0x80) { r = u[0]; len = 1; }
    else if ((u[0] & 0xE0) == 0xC0 && left >= 2 && (u[1] & 0xC0) == 0x80) { r = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F); len = 2; if (r < 0x80) { r = 0xFFFD; len = 1; } }
    else if ((u[0] & 0xF0) == 0xE0 && left >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) { r = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F); len = 3; if (r < 0x800) { r = 0xFFFD; len = 1; } }
    else if ((u[0] & 0xF8) == 0xF0 && left >= 4 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) { r = ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F); len = 4; if (r < 0x10000 || r > 0x10FFFF) { r = 0xFFFD; len = 1; } }
    else { r = 0xFFFD; len = 1; }
    *i += len;
    return r;
}

static const char *rune_q(int32_t r)
{
    sg_buf b;
    buf_init(&b);
    gofmt_quote_rune(&b, r, false);
    return b.p;
}

/* Go strconv.Atoi's result for s[0..n): NULL and *out on success, else the error text. */
static const char *go_atoi(const char *s, size_t n, long long *out)
{
    sg_buf q;
    buf_init(&q);
    gofmt_quote(&q, s, n);
    size_t i = 0;
    bool neg = false;
    if (n && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; i = 1; }
    if (i == n) return sg_sprintf("strconv.Atoi: parsing %s: invalid syntax", q.p);
    unsigned long long v = 0;
    bool range = false;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return sg_sprintf("strconv.Atoi: parsing %s: invalid syntax", q.p);
        if (v > (9223372036854775808ULL - (unsigned)(s[i] - '0')) / 10) range = true;
        else v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (range || (!neg && v > 9223372036854775807ULL))
        return sg_sprintf("strconv.Atoi: parsing %s: value out of range", q.p);
    *out = neg ? (long long)(0 - v) : (long long)v;
    return NULL;
}

static const char *fmt_ipv4(const char *s, size_t n)
{
    size_t groups = 1;
    for (size_t i = 0; i < n; i++) groups += s[i] == '.';
    if (groups != 4) return "expected four decimals";
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') continue;
        const char *g = s + a;
        size_t gl = i - a;
        if (gl > 1 && g[0] == '0') return "leading zeros";
        long long v = 0;
        const char *e = go_atoi(g, gl, &v);
        if (e) return e;
        if (v < 0 || v > 255) return "decimal must be between 0 and 255";
        a = i + 1;
    }
    return NULL;
}

static const char *fmt_hostname(const char *s, size_t n)
{
    if (n && s[n - 1] == '.') n--;
    if (n > 253) return "more than 253 characters long";
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') continue;
        const char *l = s + a;
        size_t ll = i - a;
        a = i + 1;
        if (ll < 1 || ll > 63) return "label must be 1 to 63 characters long";
        if (l[0] == '-') return "label starts with hyphen";
        if (l[ll - 1] == '-') return "label ends with hyphen";
        for (size_t j = 0; j < ll;) {
            int32_t r = next_rune(l, ll, &j);
            if (!((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '-'))
                return sg_sprintf("invalid character %s", rune_q(r));
        }
    }
    return NULL;
}

static const char *fmt_email(const char *s, size_t n)
{
    if (n > 254) return "more than 255 characters long";
    size_t at = n;
    for (size_t i = n; i-- > 0;)
        if (s[i] == '@') { at = i; break; }
    if (at == n) return "missing @";
    const char *loc = s, *dom = s + at + 1;
    size_t ll = at, dl = n - at - 1;
    if (ll > 64) return "local part more than 64 characters long";
    if (ll > 1 && loc[0] == '"') {
        for (size_t i = 1; i + 1 < ll; i++)
            if (loc[i] == '\\' || loc[i] == '"') return "backslash and quote are not allowed within quoted local part";
    } else {
        if (ll && loc[0] == '.') return "starts with dot";
        if (ll && loc[ll - 1] == '.') return "ends with dot";
        for (size_t i = 0; i + 1 < ll; i++)
            if (loc[i] == '.' && loc[i + 1] == '.') return "consecutive dots";
        for (size_t j = 0; j < ll;) {
            int32_t r = next_rune(loc, ll, &j);
            if (!((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') ||
                  (r < 0x80 && r && strchr(".!#$%&'*+-/=?^_`{|}~", (int)r))))
                return sg_sprintf("invalid character %s", rune_q(r));
        }
    }
    if (dl >= 2 && dom[0] == '[' && dom[dl - 1] == ']') {
        dom++;
        dl -= 2;
        if (dl >= 5 && !memcmp(dom, "IPv6:", 5)) {
            const char *e = fmt_ipv6(dom + 5, dl - 5);
            return e ? sg_sprintf("invalid ipv6 address: %s", e) : NULL;
        }
        const char *e = fmt_ipv4(dom, dl);
        return e ? sg_sprintf("invalid ipv4 address: %s", e) : NULL;
    }
    const char *e = fmt_hostname(dom, dl);
    return e ? sg_sprintf("invalid domain: %s", e) : NULL;
}

static const char *fmt_uuid(const char *s, size_t n)
{
    static const size_t want[] = { 8, 4, 4, 4, 12 };
    size_t groups = 1;
    for (size_t i = 0; i < n; i++) groups += s[i] == '-';
    if (groups != 5) return "must have 5 elements";
    size_t a = 0, g = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '-') continue;
        const char *p = s + a;
        size_t len = i - a;
        a = i + 1;
        if (len != want[g]) return sg_sprintf("element %zu must be %zu characters long", g + 1, want[g]);
        for (size_t j = 0; j < len;) {
            int32_t r = next_rune(p, len, &j);
            if (!((r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F')))
                return sg_sprintf("non-hex character %s", rune_q(r));
        }
        g++;
    }
    return NULL;
}


/* strconv.Quote of s[0..n). */
static const char *goq(const char *s, size_t n)
{
    sg_buf b;
    buf_init(&b);
    gofmt_quote(&b, s, n);
    return b.p;
}

static bool isdig(char c) { return c >= '0' && c <= '9'; }

/* ---------------------------------------------------------------- dates and times */

/* time's own quote(): bytes >= 0x80 and controls as \xNN. */
static const char *tquote(const char *s, size_t n)
{
    sg_buf b;
    buf_init(&b);
    buf_putc(&b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') buf_printf(&b, "\\x%02x", c);
        else {
            if (c == '"' || c == '\\') buf_putc(&b, '\\');
            buf_putc(&b, (char)c);
        }
    }
    buf_putc(&b, '"');
    return b.p;
}

static int days_in(int m, int y)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* time.Parse("2006-01-02", s): NULL or Go's error text. */
static const char *fmt_date(const char *s, size_t n)
{
    static const char layout[] = "\"2006-01-02\"";
    const char *v = s, *end = s + n;
    const char *whole = tquote(s, n);
#define BAD(elem, lelem) return sg_sprintf("parsing time %s as %s: cannot parse %s as \"%s\"", whole, layout, tquote(elem, (size_t)(end - (elem))), lelem)
    if (end - v < 4 || !isdig(v[0])) BAD(v, "2006");
    for (int i = 1; i < 4; i++)
        if (!isdig(v[i])) BAD(v, "2006");
    int year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    v += 4;
    if (v == end || *v != '-') BAD(v, "-");
    v++;
    if (end - v < 2 || !isdig(v[0]) || !isdig(v[1])) BAD(v, "01");
    int month = (v[0] - '0') * 10 + (v[1] - '0');
    v += 2;
    if (month < 1 || month > 12) return sg_sprintf("parsing time %s: month out of range", whole);
    if (v == end || *v != '-') BAD(v, "-");
    v++;
    if (end - v < 2 || !isdig(v[0]) || !isdig(v[1])) BAD(v, "02");
    int day = (v[0] - '0') * 10 + (v[1] - '0');
    v += 2;
    if (v != end) return sg_sprintf("parsing time %s: extra text: %s", whole, tquote(v, (size_t)(end - v)));
    if (day < 1 || day > days_in(month, year)) return sg_sprintf("parsing time %s: day out of range", whole);
#undef BAD
    return NULL;
}

/* strconv.Atoi accepting only what santhosh's time parts need: digits, optional sign. */
static bool atoi_ok(const char *s, size_t n, int *out)
{
    size_t i = 0;
    bool neg = false;
    if (n && (s[0] == '+' || s[0] == '-')) { neg = s[0] == '-'; i = 1; }
    if (i == n) return false;
    long v = 0;
    for (; i < n; i++) {
        if (!isdig(s[i])) return false;
        if (v < 100000000) v = v * 10 + (s[i] - '0');
    }
    *out = (int)(neg ? -v : v);
    return true;
}

static const char *fmt_time(const char *s, size_t n)
{
    if (n < 9) return "less than 9 characters long";
    if (s[2] != ':' || s[5] != ':') return "missing colon in correct place";
    int hms[3];
    for (int i = 0; i < 3; i++) {
        if (!atoi_ok(s + i * 3, 2, &hms[i])) return "invalid hour/min/sec";
        if (hms[i] < 0) return "non-positive hour/min/sec";
    }
    int h = hms[0], m = hms[1], sec = hms[2];
    if (h > 23 || m > 59 || sec > 60) return "hour/min/sec out of range";
    const char *p = s + 8, *end = s + n;
    if (*p == '.') {
        p++;
        const char *q = p;
        while (q < end && isdig(*q)) q++;
        if (q == p) return "no digits in second fraction";
        p = q;
    }
    size_t rest = (size_t)(end - p);
    if (!(rest == 1 && (*p == 'z' || *p == 'Z'))) {
        if (rest != 6) return "offset must be 6 characters long";
        int sign;
        if (*p == '+') sign = -1;
        else if (*p == '-') sign = 1;
        else return "offset must begin with plus/minus";
        p++;
        if (p[2] != ':') return "missing colon in offset in correct place";
        int zh, zm;
        if (!atoi_ok(p, 2, &zh) || !atoi_ok(p + 3, 2, &zm)) return "invalid hour/min in offset";
        if (zh < 0 || zm < 0) return "non-positive hour/min in offset";
        if (zh > 23 || zm > 59) return "hour/min in offset out of range";
        int hm = h * 60 + m + sign * (zh * 60 + zm);
        if (hm < 0) hm += 24 * 60;
        h = hm / 60;
        m = hm % 60;
    }
    if (sec >= 60 && (h != 23 || m != 59)) return "invalid leap second";
    return NULL;
}

static const char *fmt_datetime(const char *s, size_t n)
{
    if (n < 20) return "less than 20 characters long";
    if (s[10] != 't' && s[10] != 'T') return "11th character must be t or T";
    const char *e = fmt_date(s, 10);
    if (e) return sg_sprintf("invalid date element: %s", e);
    if ((e = fmt_time(s + 11, n - 11))) return sg_sprintf("invalid time element: %s", e);
    return NULL;
}

static const char *fmt_duration(const char *s, size_t n)
{
    if (!n || s[0] != 'P') return "must start with P";
    s++;
    n--;
    if (!n) return "nothing after P";
    if (s[n - 1] == 'W') {
        if (n == 1) return "no number in week";
        for (size_t i = 0; i + 1 < n; i++)
            if (!isdig(s[i])) return "invalid week";
        return NULL;
    }
    static const char *const all[] = { "YMD", "HMS" };
    size_t part = 0, a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != 'T') continue;
        const char *t = s + a;
        size_t tl = i - a;
        a = i + 1;
        if (part != 0 && tl == 0) return "no time elements";
        if (part >= 2) return "more than one T";
        const char *units = all[part];
        while (tl) {
            size_t d = 0;
            while (d < tl && isdig(t[d])) d++;
            if (!d) return "missing number";
            t += d;
            tl -= d;
            if (!tl) return "missing unit";
            char u = *t;
            const char *j = strchr(units, u);
            if (!j || !u) {
                if (strchr(all[part], u) && u) return sg_sprintf("unit %s out of order", rune_q((unsigned char)u));
                return sg_sprintf("invalid unit %s", rune_q((unsigned char)u));
            }
            units = j + 1;
            t++;
            tl--;
        }
        part++;
    }
    return NULL;
}

static const char *fmt_period(const char *s, size_t n)
{
    const char *slash = memchr(s, '/', n);
    if (!slash) return "missing slash";
    const char *st = s, *en = slash + 1;
    size_t sl = (size_t)(slash - s), enl = n - sl - 1;
    const char *e;
    if (sl && st[0] == 'P') {
        if ((e = fmt_duration(st, sl))) return sg_sprintf("invalid start duration: %s", e);
        if ((e = fmt_datetime(en, enl))) return sg_sprintf("invalid end date-time: %s", e);
    } else {
        if ((e = fmt_datetime(st, sl))) return sg_sprintf("invalid start date-time: %s", e);
        if (enl && en[0] == 'P') {
            if ((e = fmt_duration(en, enl))) return sg_sprintf("invalid end duration: %s", e);
        } else if ((e = fmt_datetime(en, enl)))
            return sg_sprintf("invalid end date-time: %s", e);
    }
    return NULL;
}

/* ---------------------------------------------------------------- pointers, semver */

static const char *fmt_jsonptr(const char *s, size_t n)
{
    if (!n) return NULL;
    if (s[0] != '/') return "not starting with /";
    bool esc = false;
    for (size_t i = 1; i < n;) {
        if (s[i] == '/') {
            if (esc) return "~ must be followed by 0 or 1";
            i++;
            continue;
        }
        int32_t r = next_rune(s, n, &i);
        if (esc) {
            esc = false;
            if (r != '0' && r != '1') return "~ must be followed by 0 or 1";
            continue;
        }
        if (r == '~') { esc = true; continue; }
        if (!((r >= 0 && r <= 0x2E) || (r >= 0x30 && r <= 0x7D) || (r >= 0x7F && r <= 0x10FFFF)))
            return sg_sprintf("invalid character %s", rune_q(r));
    }
    return esc ? "~ must be followed by 0 or 1" : NULL;
}

static const char *fmt_reljsonptr(const char *s, size_t n)
{
    size_t d = 0;
    while (d < n && isdig(s[d])) d++;
    if (!d) return "must start with non-negative integer";
    if (d > 1 && s[0] == '0') return "starts with zero";
    if (n - d == 1 && s[d] == '#') return NULL;
    return fmt_jsonptr(s + d, n - d);
}

static const char *fmt_semver(const char *s, size_t n)
{
    const char *plus = memchr(s, '+', n);
    if (plus) {
        const char *b = plus + 1;
        size_t bl = n - (size_t)(b - s);
        if (!bl) return "build is empty";
        size_t a = 0;
        for (size_t i = 0; i <= bl; i++) {
            if (i < bl && b[i] != '.') continue;
            if (i == a) return "build identifier is empty";
            for (size_t j = a; j < i;) {
                int32_t r = next_rune(b, i, &j);
                if (!(isdig((char)r) || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '-'))
                    return sg_sprintf("invalid character %s in build identifier", rune_q(r));
            }
            a = i + 1;
        }
        n = (size_t)(plus - s);
    }
    const char *dash = memchr(s, '-', n);
    if (dash) {
        const char *p = dash + 1;
        size_t pl = n - (size_t)(p - s), a = 0;
        for (size_t i = 0; i <= pl; i++) {
            if (i < pl && p[i] != '.') continue;
            if (i == a) return "pre-release identifier is empty";
            bool digits = true;
            for (size_t j = a; j < i;) {
                int32_t r = next_rune(p, i, &j);
                if (r >= '0' && r <= '9') continue;
                if ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '-') digits = false;
                else return sg_sprintf("invalid character %s in pre-release identifier", rune_q(r));
            }
            if (digits && i - a > 1 && p[a] == '0') return "pre-release numeric identifier starts with zero";
            a = i + 1;
        }
        n = (size_t)(dash - s);
    }
    static const char *const names[] = { "major", "minor", "patch" };
    size_t parts = 1;
    for (size_t i = 0; i < n; i++) parts += s[i] == '.';
    if (parts != 3) return "versionCore must have 3 numbers separated by dot";
    size_t a = 0, k = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') continue;
        if (i == a) return sg_sprintf("%s is empty", names[k]);
        if (i - a > 1 && s[a] == '0') return sg_sprintf("%s starts with zero", names[k]);
        for (size_t j = a; j < i; j++)
            if (!isdig(s[j])) return sg_sprintf("%s contains non-digit", names[k]);
        a = i + 1;
        k++;
    }
    return NULL;
}

/* ---------------------------------------------------------------- ip addresses */

static const char *addr_err(const char *in, size_t inl, const char *msg, const char *at, size_t atl)
{
    if (at && atl) return sg_sprintf("ParseAddr(%s): %s (at %s)", goq(in, inl), msg, goq(at, atl));
    return sg_sprintf("ParseAddr(%s): %s", goq(in, inl), msg);
}

/* netip's parseIPv4Fields over in[off..end). */
static const char *ipv4_fields(const char *in, size_t inl, size_t off, size_t end)
{
    const char *s = in + off;
    size_t n = end - off;
    int val = 0, pos = 0, dig = 0;
    for (size_t i = 0; i < n; i++) {
        if (isdig(s[i])) {
            if (dig == 1 && val == 0) return addr_err(in, inl, "IPv4 field has octet with leading zero", NULL, 0);
            val = val * 10 + (s[i] - '0');
            dig++;
            if (val > 255) return addr_err(in, inl, "IPv4 field has value >255", NULL, 0);
        } else if (s[i] == '.') {
            if (i == 0 || i == n - 1 || s[i - 1] == '.')
                return addr_err(in, inl, "IPv4 field must have at least one digit", s + i, n - i);
            if (pos == 3) return addr_err(in, inl, "IPv4 address too long", NULL, 0);
            pos++;
            val = 0;
            dig = 0;
        } else
            return addr_err(in, inl, "unexpected character", s + i, n - i);
    }
    if (pos < 3) return addr_err(in, inl, "IPv4 address too short", NULL, 0);
    return NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* netip.ParseAddr's parseIPv6; *zone set when a %zone is present. */
static const char *parse_ipv6(const char *in, size_t inl, bool *zone)
{
    const char *s = in;
    size_t n = inl, zl = 0;
    const char *pct = memchr(in, '%', inl);
    *zone = false;
    if (pct) {
        n = (size_t)(pct - in);
        zl = inl - n - 1;
        if (!zl) return addr_err(in, inl, "zone must be a non-empty string", NULL, 0);
        *zone = true;
    }
    int ellipsis = -1, i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        s += 2;
        n -= 2;
        if (!n) return NULL;
    }
    while (i < 16) {
        size_t off = 0;
        unsigned acc = 0;
        for (; off < n; off++) {
            int h = hexval(s[off]);
            if (h < 0) break;
            acc = (acc << 4) + (unsigned)h;
            if (off > 3) return addr_err(in, inl, "each group must have 4 or less digits", s, n);
            if (acc > 0xffff) return addr_err(in, inl, "IPv6 field has value >=2^16", s, n);
        }
        if (off == 0) return addr_err(in, inl, "each colon-separated field must have at least one digit", s, n);
        if (off < n && s[off] == '.') {
            if (ellipsis < 0 && i != 12)
                return addr_err(in, inl, "embedded IPv4 address must replace the final 2 fields of the address", s, n);
            if (i + 4 > 16)
                return addr_err(in, inl, "too many hex fields to fit an embedded IPv4 at the end of the address", s, n);
            size_t end = inl - (zl ? zl + 1 : 0);
            const char *e = ipv4_fields(in, inl, end - n, end);
            if (e) return e;
            n = 0;
            i += 4;
            break;
        }
        i += 2;
        s += off;
        n -= off;
        if (!n) break;
        if (s[0] != ':') return addr_err(in, inl, "unexpected character, want colon", s, n);
        if (n == 1) return addr_err(in, inl, "colon must be followed by more characters", s, n);
        s++;
        n--;
        if (s[0] == ':') {
            if (ellipsis >= 0) return addr_err(in, inl, "multiple :: in address", s, n);
            ellipsis = i;
            s++;
            n--;
            if (!n) break;
        }
    }
    if (n) return addr_err(in, inl, "trailing garbage after address", s, n);
    if (i < 16) {
        if (ellipsis < 0) return addr_err(in, inl, "address string too short", NULL, 0);
    } else if (ellipsis >= 0)
        return addr_err(in, inl, "the :: must expand to at least one field of zeros", NULL, 0);
    return NULL;
}

/* netip.ParseAddr */
static const char *parse_addr(const char *s, size_t n, bool *zone)
{
    *zone = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') return ipv4_fields(s, n, 0, n);
        if (s[i] == ':') return parse_ipv6(s, n, zone);
        if (s[i] == '%') return addr_err(s, n, "missing IPv6 address", NULL, 0);
    }
    return addr_err(s, n, "unable to parse IP", NULL, 0);
}

static const char *fmt_ipv6(const char *s, size_t n)
{
    if (!memchr(s, ':', n)) return "missing colon";
    bool zone;
    const char *e = parse_addr(s, n, &zone);
    if (e) return e;
    return zone ? "zone id is not a part of ipv6 address" : NULL;
}

/* ---------------------------------------------------------------- urls */

/* url's unescape check of s[0..n): NULL or "invalid URL escape ..." / host character. */
static const char *url_unescape_err(const char *s, size_t n, bool host)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
                size_t l = n - i > 3 ? 3 : n - i;
                return sg_sprintf("invalid URL escape %s", goq(s + i, l));
            }
            if (host && hexval(s[i + 1]) < 8 && memcmp(s + i, "%25", 3))
                return sg_sprintf("invalid URL escape %s", goq(s + i, 3));
            i += 2;
        } else if (host && (unsigned char)s[i] < 0x80 &&
                   !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || isdig(s[i]) ||
                     strchr("-._~!$&'()*+,;=:[]<>\"", s[i])))
            return sg_sprintf("invalid character %s in host name", goq(s + i, 1));
    }
    return NULL;
}

const char *schema_url_error(const char *raw, size_t rawn, bool *abs)
{
    *abs = false;
    const char *hash = memchr(raw, '#', rawn);
    size_t un = hash ? (size_t)(hash - raw) : rawn;
    const char *u = raw;
#define FAIL(url, urln, msg) return sg_sprintf("parse %s: %s", goq(url, urln), msg)
    for (size_t i = 0; i < un; i++)
        if ((unsigned char)u[i] < 0x20 || u[i] == 0x7f) FAIL(u, un, "net/url: invalid control character in URL");
    if (un == 1 && u[0] == '*') return NULL;
    size_t rest = 0, scheme = 0;
    for (size_t i = 0; i < un; i++) {
        char c = u[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if (isdig(c) || c == '+' || c == '-' || c == '.') {
            if (i == 0) break;
            continue;
        }
        if (c == ':') {
            if (i == 0) FAIL(u, un, "missing protocol scheme");
            scheme = i;
            rest = i + 1;
        }
        break;
    }
    *abs = scheme > 0;
    const char *r = u + rest;
    size_t rn = un - rest;
    /* the query is cut off ("?" alone is ForceQuery) */
    const char *q = memchr(r, '?', rn);
    if (q) rn = (size_t)(q - r);
    if (!(rn && r[0] == '/')) {
        if (scheme) goto frag; /* opaque */
        const char *sl = memchr(r, '/', rn);
        size_t seg = sl ? (size_t)(sl - r) : rn;
        if (memchr(r, ':', seg)) FAIL(u, un, "first path segment in URL cannot contain colon");
    }
    const char *path = r;
    size_t pn = rn;
    if ((scheme || !(rn >= 3 && !memcmp(r, "///", 3))) && rn >= 2 && r[0] == '/' && r[1] == '/') {
        const char *auth = r + 2;
        size_t an = rn - 2;
        const char *sl = memchr(auth, '/', an);
        if (sl) an = (size_t)(sl - auth);
        path = auth + an;
        pn = rn - 2 - an;
        const char *host = auth;
        size_t hn = an;
        for (size_t i = an; i-- > 0;)
            if (auth[i] == '@') { host = auth + i + 1; hn = an - i - 1; break; }
        if (memchr(host, '[', hn)) goto frag; /* IP literals: not modelled */
        const char *colon = NULL;
        for (size_t i = hn; i-- > 0;)
            if (host[i] == ':') { colon = host + i; break; }
        if (colon) {
            size_t cl = hn - (size_t)(colon - host);
            for (size_t i = 1; i < cl; i++)
                if (!isdig(colon[i])) FAIL(u, un, sg_sprintf("invalid port %s after host", goq(colon, cl)));
        }
        const char *e = url_unescape_err(host, hn, true);
        if (e) FAIL(u, un, e);
    }
    {
        const char *e = url_unescape_err(path, pn, false);
        if (e) FAIL(u, un, e);
    }
frag:
    if (hash) {
        const char *e = url_unescape_err(hash + 1, rawn - un - 1, false);
        if (e) FAIL(raw, rawn, e);
    }
#undef FAIL
    return NULL;
}

static const char *fmt_uri(const char *s, size_t n)
{
    bool abs;
    const char *e = schema_url_error(s, n, &abs);
    if (e) return e;
    return abs ? NULL : "relative url";
}

static const char *fmt_uriref(const char *s, size_t n)
{
    if (memchr(s, '\\', n)) return "contains \\";
    bool abs;
    return schema_url_error(s, n, &abs);
}

/* ---------------------------------------------------------------- entry */

const char *schema_format4(const char *f, sg_value v)
{
    if (v.kind != VK_STRING) return NULL;
    const char *s = v.u.s.p;
    size_t n = v.u.s.n;
    if (!strcmp(f, "regex")) {
        const char *err;
        return regex_compile(s, n, &err) ? NULL : err;
    }
    static const struct { const char *name; const char *(*fn)(const char *, size_t); } tab[] = {
        { "json-pointer", fmt_jsonptr }, { "relative-json-pointer", fmt_reljsonptr }, { "uuid", fmt_uuid },
        { "duration", fmt_duration }, { "period", fmt_period }, { "ipv4", fmt_ipv4 }, { "ipv6", fmt_ipv6 },
        { "hostname", fmt_hostname }, { "email", fmt_email }, { "date", fmt_date }, { "time", fmt_time },
        { "date-time", fmt_datetime }, { "uri", fmt_uri }, { "iri", fmt_uri }, { "uri-reference", fmt_uriref },
        { "iri-reference", fmt_uriref }, { "semver", fmt_semver },
    };
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++)
        if (!strcmp(f, tab[i].name)) return tab[i].fn(s, n);
    return NULL;
}
