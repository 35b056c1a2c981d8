/* schema_ext.c - "$ref" documents outside values.schema.json (see schema_ext.h).
 *
 * Helm loads them: v4 through santhosh's SchemeURLLoader ("file" opens the URL's path,
 * "http"/"https" fetch, "urn" asks helm's URNResolver, which resolves nothing, warns
 * once per URN and yields `true`; any other scheme is "no URLLoader registered"); v3
 * through gojsonschema, which loads only a canonical reference (a file: URL with an
 * absolute path, or any other scheme with a host) and opens the file: URL's text minus
 * "file://", query-unescaped.  sparkgen reproduces every failure to open such a file
 * (it only stats the path) but never reads a file outside the chart: an existing file
 * fails with a message of its own.  http(s) documents are not fetched (offline); they
 * are taken as accepting everything.
 */
#include "schema_ext.h"
#include "../base/arena.h"
#include "../value/gofmt.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The scheme of u, lowercased as net/url does ("" when u has none). */
static const char *scheme_of(const char *u)
{
    size_t i = 0;
    for (; u[i]; i++) {
        char c = u[i];
        if (isalpha((unsigned char)c)) continue;
        if ((isdigit((unsigned char)c) || c == '+' || c == '-' || c == '.') && i) continue;
        break;
    }
    if (!i || u[i] != ':') return "";
    char *s = sg_strndup(u, i);
    for (char *p = s; *p; p++) *p = (char)tolower((unsigned char)*p);
    return s;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* %XX decoded (and '+' as a space when plus); NULL on a bad escape, *bad then at its '%'. */
static const char *unescape(const char *s, size_t n, bool plus, const char **bad)
{
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int h = i + 2 < n ? hexval(s[i + 1]) : -1, l = h < 0 ? -1 : hexval(s[i + 2]);
            if (h < 0 || l < 0) { *bad = s + i; return NULL; }
            buf_putc(&b, (char)(h * 16 + l));
            i += 2;
        } else buf_putc(&b, plus && s[i] == '+' ? ' ' : s[i]);
    }
    return b.p ? b.p : "";
}

/* Go's os.Open/read error for path, found with stat (the file is never read). */
static const char *file_error(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        const char *why;
        switch (errno) {
        case ENOENT: why = "no such file or directory"; break;
        case ENOTDIR: why = "not a directory"; break;
        case EACCES: why = "permission denied"; break;
        case ELOOP: why = "too many levels of symbolic links"; break;
        case ENAMETOOLONG: why = "file name too long"; break;
        default: why = "cannot open"; break;
        }
        return sg_sprintf("open %s: %s", path, why);
    }
    if (S_ISDIR(st.st_mode)) return sg_sprintf("read %s: is a directory", path);
    return sg_sprintf("open %s: not read (sparkgen loads no schema file outside the chart)", path);
}

/* u up to its '#'. */
static const char *doc_of(const char *u)
{
    const char *h = strchr(u, '#');
    return h ? sg_strndup(u, (size_t)(h - u)) : u;
}

/* The host and path of a hierarchical URL's remainder r (after "scheme:"), query dropped. */
static void host_path(const char *r, const char **host, const char **path, size_t *plen)
{
    *host = "";
    if (!strncmp(r, "//", 2)) {
        r += 2;
        size_t n = strcspn(r, "/?");
        *host = sg_strndup(r, n);
        r += n;
    }
    *path = r;
    *plen = strcspn(r, "?");
}

static void slog_value(sg_buf *log, const char *v)
{
    bool q = !*v;
    for (const char *p = v; *p && !q; p++)
        if (*p == ' ' || *p == '"' || *p == '=' || (unsigned char)*p < 0x20 || *p == 0x7f) q = true;
    if (q) gofmt_quote(log, v, strlen(v));
    else buf_puts(log, v);
}

const char *schema_ext_load4(const char *abs, sg_buf *log, bool *is_true)
{
    const char *doc = doc_of(abs), *scheme = scheme_of(doc);
    sg_buf e;
    buf_init(&e);
    *is_true = false;
    if (!strcmp(scheme, "urn")) {
        *is_true = true;
        if (log) {
            sg_buf line;
            buf_init(&line);
            buf_puts(&line, "level=WARN msg=\"unresolved URN reference ignored; using permissive schema\" urn=");
            slog_value(&line, doc);
            buf_putc(&line, '\n');
            if (!log->p || !strstr(log->p, line.p)) buf_puts(log, line.p);
        }
        return NULL;
    }
    if (!strcmp(scheme, "http") || !strcmp(scheme, "https") || !*scheme) return NULL;
    buf_puts(&e, "failing loading ");
    gofmt_quote(&e, doc, strlen(doc));
    buf_puts(&e, ": ");
    if (strcmp(scheme, "file")) {
        buf_puts(&e, "no URLLoader registered for ");
        gofmt_quote(&e, doc, strlen(doc));
        return e.p;
    }
    const char *host, *path;
    size_t plen;
    host_path(doc + 5, &host, &path, &plen);
    const char *bad, *p = unescape(path, plen, false, &bad);
    if (!p) return NULL; /* url.Parse would have failed first: not reproduced */
    buf_puts(&e, file_error(p));
    return e.p;
}

const char *schema_ext_load3(const char *abs)
{
    const char *doc = doc_of(abs), *scheme = scheme_of(doc);
    /* url.Parse unescapes a hierarchical URL's host and path (not an opaque part, not
     * the query) */
    const char *rest = *scheme ? doc + strlen(scheme) + 1 : doc;
    if (*scheme && *rest != '/') rest = "";
    rest = sg_strndup(rest, strcspn(rest, "?"));
    for (const char *q = rest; (q = strchr(q, '%')); q++)
        if (hexval(q[1]) < 0 || hexval(q[2]) < 0) { /* url.Parse's error, before anything */
            sg_buf e;
            buf_init(&e);
            buf_puts(&e, "parse ");
            gofmt_quote(&e, doc, strlen(doc));
            buf_puts(&e, ": invalid URL escape ");
            gofmt_quote(&e, q, strnlen(q, 3));
            return e.p;
        }
    const char *host = "", *path = "";
    size_t plen = 0;
    if (*scheme) host_path(doc + strlen(scheme) + 1, &host, &path, &plen);
    bool file = !strcmp(scheme, "file");
    bool canonical = file ? path[0] == '/' : (*scheme && *host);
    if (!canonical) return sg_sprintf("Reference %s must be canonical", abs);
    if (!file) return NULL;
    const char *name = strncmp(doc, "file://", 7) ? doc : doc + 7;
    const char *bad, *p = unescape(name, strlen(name), true, &bad);
    if (!p) { /* url.QueryUnescape's error: the escape, at most 3 bytes */
        sg_buf e;
        buf_init(&e);
        buf_puts(&e, "invalid URL escape ");
        gofmt_quote(&e, bad, strnlen(bad, 3));
        return e.p;
    }
    return file_error(p);
}
