/* fn_url.c - Sprig's urlParse and urlJoin: Go's net/url Parse, URL.String, Userinfo and
 * Hostname, with their escaping rules and error texts. */
#include "fn_ext.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include <string.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

enum { ENC_PATH = 1, ENC_SEGMENT, ENC_HOST, ENC_ZONE, ENC_USER, ENC_QUERY, ENC_FRAGMENT };

typedef struct str { const char *p; size_t n; } str;

typedef struct gourl {
    str scheme, opaque, host, path, rawpath, rawquery, fragment, rawfragment;
    bool has_user, pass_set, force_query;
    str user, pass;
} gourl;

static str S(const char *p, size_t n) { return (str){ p, n }; }
static bool eq(str a, str b) { return a.n == b.n && !memcmp(a.p, b.p, a.n); }
static long idx(str s, char c)
{
    const char *q = memchr(s.p, c, s.n);
    return q ? q - s.p : -1;
}
static long lastidx(str s, char c)
{
    for (size_t i = s.n; i > 0; i--)
        if (s.p[i - 1] == c) return (long)i - 1;
    return -1;
}

static bool ishex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static int unhex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
}

static bool should_escape(unsigned char c, int mode)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return false;
    if (mode == ENC_HOST || mode == ENC_ZONE) {
        if (strchr("!$&'()*+,;=:[]<>\"", c) && c) return false;
    }
    switch (c) {
    case '-': case '_': case '.': case '~': return false;
    case '$': case '&': case '+': case ',': case '/': case ':': case ';': case '=': case '?': case '@':
        switch (mode) {
        case ENC_PATH: return c == '?';
        case ENC_SEGMENT: return c == '/' || c == ';' || c == ',' || c == '?';
        case ENC_USER: return c == '@' || c == '/' || c == '?' || c == ':';
        case ENC_QUERY: return true;
        case ENC_FRAGMENT: return false;
        }
    }
    if (mode == ENC_FRAGMENT && (c == '!' || c == '(' || c == ')' || c == '*')) return false;
    return true;
}

/* Go error strings are built here; NULL = ok. */
static const char *escape_error(const char *p, size_t n)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "invalid URL escape ");
    gofmt_quote(&b, p, n);
    return b.p;
}

static const char *unescape(str s, int mode, str *out)
{
    size_t n = 0;
    bool plus = false;
    for (size_t i = 0; i < s.n;) {
        unsigned char c = (unsigned char)s.p[i];
        if (c == '%') {
            n++;
            if (i + 2 >= s.n || !ishex(s.p[i + 1]) || !ishex(s.p[i + 2])) {
                size_t l = s.n - i > 3 ? 3 : s.n - i;
                return escape_error(s.p + i, l);
            }
            if (mode == ENC_HOST && unhex(s.p[i + 1]) < 8 && memcmp(s.p + i, "%25", 3))
                return escape_error(s.p + i, 3);
            if (mode == ENC_ZONE) {
                unsigned char v = (unsigned char)(unhex(s.p[i + 1]) << 4 | unhex(s.p[i + 2]));
                if (memcmp(s.p + i, "%25", 3) && v != ' ' && should_escape(v, ENC_HOST))
                    return escape_error(s.p + i, 3);
            }
            i += 3;
        } else if (c == '+') {
            plus = mode == ENC_QUERY;
            i++;
        } else {
            if ((mode == ENC_HOST || mode == ENC_ZONE) && c < 0x80 && should_escape(c, mode)) {
                sg_buf b;
                buf_init(&b);
                buf_puts(&b, "invalid character ");
                gofmt_quote(&b, s.p + i, 1);
                buf_puts(&b, " in host name");
                return b.p;
            }
            i++;
        }
    }
    if (n == 0 && !plus) { *out = s; return NULL; }
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] == '%') {
            buf_putc(&b, (char)(unhex(s.p[i + 1]) << 4 | unhex(s.p[i + 2])));
            i += 2;
        } else if (s.p[i] == '+') buf_putc(&b, mode == ENC_QUERY ? ' ' : '+');
        else buf_putc(&b, s.p[i]);
    }
    *out = S(b.p, b.len);
    return NULL;
}

static str escape(str s, int mode)
{
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if (c == ' ' && mode == ENC_QUERY) buf_putc(&b, '+');
        else if (should_escape(c, mode)) buf_printf(&b, "%%%c%c", "0123456789ABCDEF"[c >> 4], "0123456789ABCDEF"[c & 15]);
        else buf_putc(&b, (char)c);
    }
    return S(b.p, b.len);
}

static bool valid_optional_port(str p)
{
    if (p.n == 0) return true;
    if (p.p[0] != ':') return false;
    for (size_t i = 1; i < p.n; i++)
        if (p.p[i] < '0' || p.p[i] > '9') return false;
    return true;
}

static const char *port_error(str p)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "invalid port ");
    gofmt_quote(&b, p.p, p.n);
    buf_puts(&b, " after host");
    return b.p;
}

static const char *parse_host(str host, str *out)
{
    if (host.n > 0 && host.p[0] == '[') {
        long i = lastidx(host, ']');
        if (i < 0) return "missing ']' in host";
        str colon_port = S(host.p + i + 1, host.n - (size_t)i - 1);
        if (!valid_optional_port(colon_port)) return port_error(colon_port);
        long zone = -1;
        for (long k = 0; k + 2 < i; k++)
            if (!memcmp(host.p + k, "%25", 3)) { zone = k; break; }
        if (zone >= 0) {
            str h1, h2, h3;
            const char *e;
            if ((e = unescape(S(host.p, (size_t)zone), ENC_HOST, &h1))) return e;
            if ((e = unescape(S(host.p + zone, (size_t)(i - zone)), ENC_ZONE, &h2))) return e;
            if ((e = unescape(S(host.p + i, host.n - (size_t)i), ENC_HOST, &h3))) return e;
            sg_buf b;
            buf_init(&b);
            buf_put(&b, h1.p, h1.n);
            buf_put(&b, h2.p, h2.n);
            buf_put(&b, h3.p, h3.n);
            *out = S(b.p, b.len);
            return NULL;
        }
    } else {
        long i = lastidx(host, ':');
        if (i >= 0) {
            str colon_port = S(host.p + i, host.n - (size_t)i);
            if (!valid_optional_port(colon_port)) return port_error(colon_port);
        }
    }
    return unescape(host, ENC_HOST, out);
}

static bool valid_userinfo(str s)
{
    for (size_t i = 0; i < s.n;) {
        int32_t r;
        int w = gofmt_decode_rune(s.p + i, s.n - i, &r);
        i += (size_t)w;
        if ((r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')) continue;
        if (r < 0x80 && strchr("-._:~!$&'()*+,;=%@", (int)r) && r) continue;
        return false;
    }
    return true;
}

static const char *parse_authority(str a, gourl *u)
{
    long i = lastidx(a, '@');
    const char *e = parse_host(i < 0 ? a : S(a.p + i + 1, a.n - (size_t)i - 1), &u->host);
    if (e) return e;
    if (i < 0) return NULL;
    str ui = S(a.p, (size_t)i);
    if (!valid_userinfo(ui)) return "net/url: invalid userinfo";
    long c = idx(ui, ':');
    u->has_user = true;
    if (c < 0) return unescape(ui, ENC_USER, &u->user);
    if ((e = unescape(S(ui.p, (size_t)c), ENC_USER, &u->user))) return e;
    if ((e = unescape(S(ui.p + c + 1, ui.n - (size_t)c - 1), ENC_USER, &u->pass))) return e;
    u->pass_set = true;
    return NULL;
}

static const char *set_path(gourl *u, str p)
{
    const char *e = unescape(p, ENC_PATH, &u->path);
    if (e) return e;
    str esc = escape(u->path, ENC_PATH);
    u->rawpath = eq(esc, p) ? S("", 0) : p;
    return NULL;
}

static const char *parse(str raw, gourl *u)
{
    for (size_t i = 0; i < raw.n; i++)
        if ((unsigned char)raw.p[i] < ' ' || raw.p[i] == 0x7f) return "net/url: invalid control character in URL";
    if (raw.n == 1 && raw.p[0] == '*') { u->path = raw; return NULL; }
    str rest = raw;
    /* getScheme */
    for (size_t i = 0; i < raw.n; i++) {
        char c = raw.p[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
            if (i == 0) break;
            continue;
        }
        if (c == ':') {
            if (i == 0) return "missing protocol scheme";
            char *sc = sg_strndup(raw.p, i);
            for (size_t k = 0; k < i; k++)
                if (sc[k] >= 'A' && sc[k] <= 'Z') sc[k] = (char)(sc[k] + 32);
            u->scheme = S(sc, i);
            rest = S(raw.p + i + 1, raw.n - i - 1);
        }
        break;
    }
    size_t nq = 0;
    for (size_t i = 0; i < rest.n; i++) nq += rest.p[i] == '?';
    if (rest.n > 0 && rest.p[rest.n - 1] == '?' && nq == 1) {
        u->force_query = true;
        rest.n--;
    } else {
        long q = idx(rest, '?');
        if (q >= 0) {
            u->rawquery = S(rest.p + q + 1, rest.n - (size_t)q - 1);
            rest.n = (size_t)q;
        }
    }
    if (!(rest.n > 0 && rest.p[0] == '/')) {
        if (u->scheme.n) { u->opaque = rest; return NULL; }
        long sl = idx(rest, '/');
        str seg = S(rest.p, sl < 0 ? rest.n : (size_t)sl);
        if (idx(seg, ':') >= 0) return "first path segment in URL cannot contain colon";
    }
    bool triple = rest.n >= 3 && !memcmp(rest.p, "///", 3);
    if ((u->scheme.n || !triple) && rest.n >= 2 && !memcmp(rest.p, "//", 2)) {
        str auth = S(rest.p + 2, rest.n - 2);
        rest = S("", 0);
        long sl = idx(auth, '/');
        if (sl >= 0) {
            rest = S(auth.p + sl, auth.n - (size_t)sl);
            auth.n = (size_t)sl;
        }
        const char *e = parse_authority(auth, u);
        if (e) return e;
    }
    return set_path(u, rest);
}

static void throw_parse(const char *url, size_t n, const char *msg)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, "unable to parse url: parse ");
    gofmt_quote(&b, url, n);
    buf_puts(&b, ": ");
    buf_puts(&b, msg);
    sg_throwf("%s", b.p);
}

/* url.Parse; throws Sprig's panic text on error. */
static void url_parse(str raw, gourl *u)
{
    memset(u, 0, sizeof *u);
    long h = idx(raw, '#');
    str main = raw, frag = S("", 0);
    if (h >= 0) {
        main = S(raw.p, (size_t)h);
        frag = S(raw.p + h + 1, raw.n - (size_t)h - 1);
    }
    const char *e = parse(main, u);
    if (e) throw_parse(main.p, main.n, e);
    if (frag.n == 0) return;
    e = unescape(frag, ENC_FRAGMENT, &u->fragment);
    if (e) throw_parse(raw.p, raw.n, e);
    str esc = escape(u->fragment, ENC_FRAGMENT);
    u->rawfragment = eq(esc, frag) ? S("", 0) : frag;
}

static str userinfo_string(const gourl *u)
{
    sg_buf b;
    buf_init(&b);
    str x = escape(u->user, ENC_USER);
    buf_put(&b, x.p, x.n);
    if (u->pass_set) {
        buf_putc(&b, ':');
        x = escape(u->pass, ENC_USER);
        buf_put(&b, x.p, x.n);
    }
    return S(b.p, b.len);
}

/* URL.Hostname */
static str hostname(str host)
{
    long c = lastidx(host, ':');
    if (c >= 0 && valid_optional_port(S(host.p + c, host.n - (size_t)c))) host.n = (size_t)c;
    if (host.n >= 2 && host.p[0] == '[' && host.p[host.n - 1] == ']') host = S(host.p + 1, host.n - 2);
    return host;
}

static bool valid_encoded(str s, int mode)
{
    for (size_t i = 0; i < s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if (strchr("!$&'()*+,;=:@[]%", c) && c) continue;
        if (should_escape(c, mode)) return false;
    }
    return true;
}

static str escaped_path(const gourl *u)
{
    if (u->rawpath.n && valid_encoded(u->rawpath, ENC_PATH)) {
        str p;
        if (!unescape(u->rawpath, ENC_PATH, &p) && eq(p, u->path)) return u->rawpath;
    }
    if (u->path.n == 1 && u->path.p[0] == '*') return u->path;
    return escape(u->path, ENC_PATH);
}

static str escaped_fragment(const gourl *u)
{
    if (u->rawfragment.n && valid_encoded(u->rawfragment, ENC_FRAGMENT)) {
        str f;
        if (!unescape(u->rawfragment, ENC_FRAGMENT, &f) && eq(f, u->fragment)) return u->rawfragment;
    }
    return escape(u->fragment, ENC_FRAGMENT);
}

/* URL.String */
static void url_string(sg_buf *b, const gourl *u)
{
    if (u->scheme.n) {
        buf_put(b, u->scheme.p, u->scheme.n);
        buf_putc(b, ':');
    }
    if (u->opaque.n) {
        buf_put(b, u->opaque.p, u->opaque.n);
    } else {
        if (u->scheme.n || u->host.n || u->has_user) {
            if (u->host.n || u->path.n || u->has_user) buf_puts(b, "//");
            if (u->has_user) {
                str ui = userinfo_string(u);
                buf_put(b, ui.p, ui.n);
                buf_putc(b, '@');
            }
            if (u->host.n) {
                str h = escape(u->host, ENC_HOST);
                buf_put(b, h.p, h.n);
            }
        }
        str path = escaped_path(u);
        if (path.n && path.p[0] != '/' && u->host.n) buf_putc(b, '/');
        if (b->len == 0) {
            long sl = idx(path, '/');
            str seg = S(path.p, sl < 0 ? path.n : (size_t)sl);
            if (idx(seg, ':') >= 0) buf_puts(b, "./");
        }
        buf_put(b, path.p, path.n);
    }
    if (u->force_query || u->rawquery.n) {
        buf_putc(b, '?');
        buf_put(b, u->rawquery.p, u->rawquery.n);
    }
    if (u->fragment.n) {
        buf_putc(b, '#');
        str f = escaped_fragment(u);
        buf_put(b, f.p, f.n);
    }
}

static sg_value sv(str s) { return val_str(s.p, s.n); }

sg_value fn_urlparse(sg_fcall *c, int argc, sg_value *argv)
{
    gourl u;
    url_parse(S(SP(argv[0]), SN(argv[0])), &u);
    sg_value m = val_map();
    map_set(m, "scheme", sv(u.scheme));
    map_set(m, "host", sv(u.host));
    map_set(m, "hostname", sv(hostname(u.host)));
    map_set(m, "path", sv(u.path));
    map_set(m, "query", sv(u.rawquery));
    map_set(m, "opaque", sv(u.opaque));
    map_set(m, "fragment", sv(u.fragment));
    map_set(m, "userinfo", u.has_user ? sv(userinfo_string(&u)) : val_str("", 0));
    return m;
}

/* Sprig's dictGetOrEmpty: a string entry, "" when missing; other kinds panic. */
static str get_or_empty(sg_value d, const char *key)
{
    sg_value v;
    if (!map_get(d, key, &v)) return S("", 0);
    if (v.kind == VK_NIL) sg_throwf("runtime error: invalid memory address or nil pointer dereference");
    if (v.kind != VK_STRING)
        sg_throwf("unable to parse %s key, must be of type string, but %s found", key, val_kindname(v));
    return S(SP(v), SN(v));
}

sg_value fn_urljoin(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value d = argv[0];
    gourl u;
    memset(&u, 0, sizeof u);
    u.scheme = get_or_empty(d, "scheme");
    u.host = get_or_empty(d, "host");
    u.path = get_or_empty(d, "path");
    u.rawquery = get_or_empty(d, "query");
    u.opaque = get_or_empty(d, "opaque");
    u.fragment = get_or_empty(d, "fragment");
    str ui = get_or_empty(d, "userinfo");
    if (ui.n) {
        sg_buf t;
        buf_init(&t);
        buf_puts(&t, "proto://");
        buf_put(&t, ui.p, ui.n);
        buf_puts(&t, "@host");
        gourl tu;
        memset(&tu, 0, sizeof tu);
        str raw = S(t.p, t.len);
        long h = idx(raw, '#');
        const char *e = NULL;
        if (h >= 0) raw.n = (size_t)h; /* the fragment part is dropped with the userinfo */
        e = parse(raw, &tu);
        if (!e && h >= 0) {
            str f;
            e = unescape(S(t.p + h + 1, t.len - (size_t)h - 1), ENC_FRAGMENT, &f);
            if (e) raw = S(t.p, t.len);
        }
        if (e) {
            sg_buf b;
            buf_init(&b);
            buf_puts(&b, "unable to parse userinfo in dict: parse ");
            gofmt_quote(&b, raw.p, raw.n);
            buf_puts(&b, ": ");
            buf_puts(&b, e);
            sg_throwf("%s", b.p);
        }
        u.has_user = tu.has_user;
        u.user = tu.user;
        u.pass = tu.pass;
        u.pass_set = tu.pass_set;
    }
    sg_buf b;
    buf_init(&b);
    url_string(&b, &u);
    return val_str_nocopy(b.p, b.len);
}
