/* schema_fmt3.c - the "format" checkers of gojsonschema v1.2.0 (helm v3): Go's
 * time.Parse layouts, net.ParseIP, url.Parse, mail.ParseAddress and its regexps, in the
 * approximations below. */
#include "schema_v3.h"
#include "schema_fmt4.h"
#include "../base/arena.h"
#include "../funcs/regex.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static int num2(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

/* Go net.ParseIP's dotted-quad rule (no leading zeros, 0-255). */
static bool ip4_ok(const char *s, size_t n)
{
    int parts = 0;
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') continue;
        size_t l = i - a;
        if (l < 1 || l > 3 || !digits(s + a, l) || (l > 1 && s[a] == '0')) return false;
        if (atoi(sg_strndup(s + a, l)) > 255) return false;
        parts++;
        a = i + 1;
    }
    return parts == 4;
}

/* Go net.ParseIP for an IPv6 text (optionally ending in a dotted quad; no zone). */
static bool ip6_ok(const char *s, size_t n)
{
    int groups = 0;
    bool ellipsis = false;
    size_t i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') { ellipsis = true; i = 2; if (i == n) return true; }
    while (i < n) {
        size_t j = i;
        while (j < n && j - i < 5 && isxdigit((unsigned char)s[j])) j++;
        if (j < n && s[j] == '.') {
            if (!ip4_ok(s + i, n - i)) return false;
            groups += 2;
            i = n;
            break;
        }
        if (j == i || j - i > 4) return false;
        groups++;
        i = j;
        if (i == n) break;
        if (s[i] != ':' || i + 1 == n) return false;
        i++;
        if (s[i] == ':') {
            if (ellipsis) return false;
            ellipsis = true;
            i++;
            if (i == n) break;
        }
        if (groups > 8) return false;
    }
    return ellipsis ? groups < 8 : groups == 8;
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* time.Parse("2006-01-02") */
static bool date_ok(const char *s, size_t n)
{
    if (n != 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2)) return false;
    int y = atoi(sg_strndup(s, 4)), m = num2(s + 5), d = num2(s + 8);
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12 || d < 1) return false;
    return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* time.Parse("15:04:05" [+ fraction] [+ "Z07:00" when zone]) for s[0..n). */
static bool clock_ok(const char *s, size_t n, bool zone)
{
    if (n < 8 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' || !digits(s + 6, 2)) return false;
    if (num2(s) > 23 || num2(s + 3) > 59 || num2(s + 6) > 59) return false;
    size_t i = 8;
    if (i < n && (s[i] == '.' || s[i] == ',') && i + 1 < n && isdigit((unsigned char)s[i + 1])) {
        i++;
        while (i < n && isdigit((unsigned char)s[i])) i++;
    }
    if (!zone) return i == n;
    if (i + 1 == n && s[i] == 'Z') return true;
    if (n - i != 6 || (s[i] != '+' && s[i] != '-') || !digits(s + i + 1, 2) || s[i + 3] != ':' || !digits(s + i + 4, 2))
        return false;
    return num2(s + i + 1) <= 24 && num2(s + i + 4) <= 59;
}

static bool re_full(const char *pat, const char *s, size_t n)
{
    const char *err;
    sg_regex *re = regex_compile(pat, strlen(pat), &err);
    return re && regex_match(re, s, n);
}

/* Go url.Parse succeeding (schema_url_error) and, when want_scheme, a scheme present;
 * gojsonschema also refuses a backslash. */
static bool url_ok(const char *s, size_t n, bool want_scheme)
{
    bool abs;
    if (schema_url_error(s, n, &abs) || memchr(s, '\\', n)) return false;
    return abs || !want_scheme;
}

/* mail.ParseAddress (approximately): [display name] <local@domain> or local@domain,
 * dot-atom local part and domain. */
static bool email_ok(const char *s, size_t n)
{
    const char *lt = memchr(s, '<', n);
    if (lt) {
        if (s[n - 1] != '>') return false;
        const char *end = s + n - 1;
        s = lt + 1;
        n = (size_t)(end - s);
    }
    if (!re_full("^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*|\"[^\"\\\\]*\")@"
                 "([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*|\\[[^\\[\\]\\\\]*\\])$", s, n))
        return false;
    /* a domain literal must be an IP address (net.ParseIP) */
    if (n && s[n - 1] == ']') {
        size_t lb = n - 1;
        while (lb > 0 && s[lb] != '[') lb--;
        return ip4_ok(s + lb + 1, n - lb - 2) || ip6_ok(s + lb + 1, n - lb - 2);
    }
    return true;
}

/* gojsonschema's FormatCheckers.IsFormat. */
bool schema_format_ok3(const char *f, sg_value v)
{
    static const char *const known[] = { "date", "time", "date-time", "hostname", "email", "idn-email", "ipv4", "ipv6",
                                         "uri", "uri-reference", "iri", "iri-reference", "uri-template", "uuid", "regex",
                                         "json-pointer", "relative-json-pointer" };
    if (v.kind != VK_STRING) { /* v1.2.0: a number never matches a known format */
        for (size_t i = 0; i < sizeof known / sizeof *known; i++)
            if (!strcmp(f, known[i])) return false;
        return true;
    }
    const char *s = v.u.s.p;
    size_t n = v.u.s.n;
    if (!strcmp(f, "date")) return date_ok(s, n);
    if (!strcmp(f, "time")) return clock_ok(s, n, true) || clock_ok(s, n, false);
    if (!strcmp(f, "date-time"))
        return clock_ok(s, n, false) || clock_ok(s, n, true) || date_ok(s, n) ||
               (n > 11 && date_ok(s, 10) && s[10] == 'T' && clock_ok(s + 11, n - 11, true));
    if (!strcmp(f, "hostname"))
        return n < 256 && re_full("^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9]))*$", s, n);
    if (!strcmp(f, "email") || !strcmp(f, "idn-email")) return email_ok(s, n);
    if (!strcmp(f, "ipv4")) return memchr(s, '.', n) && (ip4_ok(s, n) || ip6_ok(s, n));
    if (!strcmp(f, "ipv6")) return memchr(s, ':', n) && ip6_ok(s, n);
    if (!strcmp(f, "uri") || !strcmp(f, "iri")) return url_ok(s, n, true);
    if (!strcmp(f, "uri-reference") || !strcmp(f, "iri-reference")) return url_ok(s, n, false);
    if (!strcmp(f, "uuid")) return re_full("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$", s, n);
    if (!strcmp(f, "regex")) {
        const char *err;
        return n == 0 || regex_compile(s, n, &err) != NULL;
    }
    if (!strcmp(f, "json-pointer")) return re_full("^(?:/(?:[^~/]|~0|~1)*)*$", s, n);
    if (!strcmp(f, "relative-json-pointer")) return re_full("^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$", s, n);
    return true;
}
