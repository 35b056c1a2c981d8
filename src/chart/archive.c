/* archive.c - packaged charts (.tgz): gzip + tar read as Go's compress/gzip and
 * archive/tar do, under Helm's loader.LoadArchiveFiles rules (see archive.h).
 *
 * zlib does the raw inflate; the gzip framing (header, CRC-32 and size trailer, further
 * members) is read here, so the errors are Go's.  The tar reader pulls bytes lazily, as
 * Go's does: a damaged stream tail after the end-of-archive blocks is never seen, and a
 * corrupt or truncated member reports what Go reports at the point it is reached.
 * zlib allocates from the arena (nothing to release when an error is thrown). */
#include "archive.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../base/gopath.h"
#include "../value/gofmt.h"
#include <stdint.h>
#include <string.h>
#include <zlib.h>

/* ---------------------------------------------------------------- gzip stream */

typedef struct gzs {
    const unsigned char *in;
    size_t inlen, inpos;      /* compressed input and the next unread byte */
    z_stream z;
    int inmember;             /* inside a deflate member */
    uLong crc, isize;
    unsigned char *buf;       /* decompressed bytes [start, end) not consumed yet */
    size_t start, end, cap;
    int done;                 /* clean end of the gzip stream */
    const char *err;          /* sticky error (Go's text), returned by reads past the data */
} gzs;

static voidpf zarena(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return sg_alloc((size_t)items * size);
}

static void zfree_none(voidpf opaque, voidpf p) { (void)opaque; (void)p; }

/* gzip.Reader.readHeader: 0 = member started, 1 = clean end (no bytes left), -1 = error */
static int read_header(gzs *s)
{
    const unsigned char *p = s->in + s->inpos;
    size_t n = s->inlen - s->inpos;
    if (n == 0) return 1;
    if (n < 10) { s->err = "unexpected EOF"; return -1; }
    if (p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) { s->err = "gzip: invalid header"; return -1; }
    unsigned flg = p[3];
    size_t i = 10;
    if (flg & 4) {
        if (i + 2 > n) { s->err = "unexpected EOF"; return -1; }
        size_t xl = (size_t)p[i] | (size_t)p[i + 1] << 8;
        i += 2;
        if (i + xl > n) { s->err = "unexpected EOF"; return -1; }
        i += xl;
    }
    for (unsigned bit = 8; bit <= 16; bit <<= 1) /* FNAME, FCOMMENT: NUL-terminated */
        if (flg & bit) {
            while (i < n && p[i]) i++;
            if (i >= n) { s->err = "unexpected EOF"; return -1; }
            i++;
        }
    if (flg & 2) {
        if (i + 2 > n) { s->err = "unexpected EOF"; return -1; }
        uLong hc = crc32(0, p, (uInt)i) & 0xffff;
        if (hc != ((uLong)p[i] | (uLong)p[i + 1] << 8)) { s->err = "gzip: invalid header"; return -1; }
        i += 2;
    }
    s->inpos += i;
    memset(&s->z, 0, sizeof s->z);
    s->z.zalloc = zarena;
    s->z.zfree = zfree_none;
    if (inflateInit2(&s->z, -15) != Z_OK) { s->err = "gzip: out of memory"; return -1; }
    s->inmember = 1;
    s->crc = crc32(0, NULL, 0);
    s->isize = 0;
    return 0;
}

/* Make room for at least `want` more bytes after s->end (compacting consumed bytes). */
static void room(gzs *s, size_t want)
{
    if (s->start > 0 && s->start >= s->cap / 2) {
        memmove(s->buf, s->buf + s->start, s->end - s->start);
        s->end -= s->start;
        s->start = 0;
    }
    if (s->cap - s->end >= want) return;
    size_t cap = s->cap ? s->cap : 65536;
    while (cap - s->end < want) cap *= 2;
    s->buf = sg_realloc(s->buf, s->cap, cap);
    s->cap = cap;
}

/* Decompress more: returns false when nothing more can come (done or error). */
static bool more(gzs *s)
{
    if (s->err || s->done) return false;
    if (!s->inmember) {
        int r = read_header(s);
        if (r == 1) s->done = 1;
        if (r != 0) return false;
    }
    room(s, 65536);
    s->z.next_in = (Bytef *)(s->in + s->inpos);
    s->z.avail_in = (uInt)((s->inlen - s->inpos) > 0x40000000u ? 0x40000000u : s->inlen - s->inpos);
    s->z.next_out = s->buf + s->end;
    s->z.avail_out = (uInt)(s->cap - s->end);
    uInt in0 = s->z.avail_in, out0 = s->z.avail_out;
    int r = inflate(&s->z, Z_NO_FLUSH);
    size_t got = out0 - s->z.avail_out;
    s->crc = crc32(s->crc, s->buf + s->end, (uInt)got);
    s->isize += (uLong)got;
    s->end += got;
    s->inpos += in0 - s->z.avail_in;
    if (r == Z_STREAM_END) {
        s->inmember = 0;
        if (s->inlen - s->inpos < 8) { s->err = "unexpected EOF"; return got > 0; }
        const unsigned char *t = s->in + s->inpos;
        uLong c = (uLong)t[0] | (uLong)t[1] << 8 | (uLong)t[2] << 16 | (uLong)t[3] << 24;
        uLong z = (uLong)t[4] | (uLong)t[5] << 8 | (uLong)t[6] << 16 | (uLong)t[7] << 24;
        s->inpos += 8;
        if (c != (s->crc & 0xffffffffu) || z != (s->isize & 0xffffffffu)) s->err = "gzip: invalid checksum";
        return true;
    }
    if (r == Z_OK) return true;
    if (r == Z_BUF_ERROR && s->inpos >= s->inlen) { s->err = "unexpected EOF"; return got > 0; }
    if (r == Z_BUF_ERROR) return true;
    s->err = sg_sprintf("flate: corrupt input before offset %lu", (unsigned long)s->z.total_in);
    return got > 0;
}

/* Ensure n unconsumed bytes are buffered: 1 yes; 0 the stream ended cleanly first;
 * -1 a gzip/flate error (s->err). */
static int need(gzs *s, size_t n)
{
    while (s->end - s->start < n)
        if (!more(s) && s->end - s->start < n) return s->err ? -1 : 0;
    return 1;
}

/* io.ReadFull semantics for n bytes: NULL with *why = "EOF" (nothing there),
 * "unexpected EOF" (part there) or the stream's error. */
static const unsigned char *take(gzs *s, size_t n, const char **why)
{
    int r = need(s, n);
    if (r == 1) {
        const unsigned char *p = s->buf + s->start;
        s->start += n;
        return p;
    }
    if (r < 0) *why = s->err;
    else *why = s->end == s->start ? "EOF" : "unexpected EOF";
    return NULL;
}

/* ---------------------------------------------------------------- tar (archive/tar) */

#define ERR_HEADER "archive/tar: invalid tar header"

static const char *cfield(const unsigned char *p, size_t n)
{
    size_t l = 0;
    while (l < n && p[l]) l++;
    return sg_strndup((const char *)p, l);
}

/* parseNumeric: octal (spaces/NULs trimmed) or base-256; false on a bad field. */
static bool numeric(const unsigned char *p, size_t n, int64_t *out)
{
    if (n && (p[0] & 0x80)) {
        unsigned char inv = (p[0] & 0x40) ? 0xff : 0;
        uint64_t x = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)(p[i] ^ inv);
            if (i == 0) c &= 0x7f;
            if (x >> 56) return false;
            x = x << 8 | c;
        }
        if (x >> 63) return false;
        *out = inv ? ~(int64_t)x : (int64_t)x;
        return true;
    }
    size_t a = 0, b = n;
    while (b > a && (p[b - 1] == ' ' || p[b - 1] == 0)) b--;
    while (a < b && (p[a] == ' ' || p[a] == 0)) a++;
    int64_t v = 0;
    for (size_t i = a; i < b; i++) {
        if (p[i] < '0' || p[i] > '7') return false;
        if (v > (INT64_MAX >> 3)) return false;
        v = v * 8 + (p[i] - '0');
    }
    *out = v;
    return true;
}

/* Block.getFormat: a valid checksum (unsigned or signed sum). */
static bool checksum_ok(const unsigned char *h)
{
    int64_t want;
    if (!numeric(h + 148, 8, &want)) return false;
    int64_t u = 0, sg = 0;
    for (int i = 0; i < 512; i++) {
        unsigned char c = (i >= 148 && i < 156) ? ' ' : h[i];
        u += c;
        sg += (signed char)c;
    }
    return want == u || want == sg;
}

static _Noreturn void fail(const char *msg) { sg_throwf("%s", msg); }

typedef struct fvec { sg_chartfile *v; size_t n, cap; } fvec;

static void push(fvec *f, sg_chartfile x)
{
    f->v = arena_grow(f->v, f->n, &f->cap, sizeof *f->v, 16);
    f->v[f->n++] = x;
}

/* Helm's checks on one entry name; returns the chart-relative path. */
static const char *entry_path(const char *name)
{
    char delim = strchr(name, '\\') ? '\\' : '/';
    const char *first = strchr(name, delim);
    size_t p0 = first ? (size_t)(first - name) : strlen(name);
    char *n = sg_strdup(first ? first + 1 : "");
    for (char *q = n; *q; q++)
        if (*q == delim) *q = '/';
    if (n[0] == '/') fail("chart illegally contains absolute paths");
    const char *c = gopath_clean(n, strlen(n), NULL);
    if (!strcmp(c, ".")) {
        sg_buf q;
        buf_init(&q);
        gofmt_quote(&q, name, strlen(name));
        sg_throwf("chart illegally contains content outside the base directory: %s", q.p);
    }
    if (!strncmp(c, "..", 2)) fail("chart illegally references parent directory");
    if (((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= 'A' && c[0] <= 'Z')) && c[1] == ':' && c[2] == '/')
        fail("chart contains illegally named files");
    if (p0 == 10 && !strncmp(name, "Chart.yaml", 10)) fail("chart yaml not in base directory");
    return c;
}

void archive_load_files(const unsigned char *data, size_t len, sg_chartfile **files, size_t *nfiles)
{
    gzs *s = sg_alloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->in = data;
    s->inlen = len;
    /* gzip.NewReader reads the first header at once */
    int hr = read_header(s);
    if (hr == 1) fail("EOF");
    if (hr < 0) fail(s->err);

    fvec out = { 0 };
    size_t remaining = ARCHIVE_MAX_CHART;
    const char *why = NULL;
    const char *longname = NULL, *paxpath = NULL;
    int64_t paxsize = -1;
    for (;;) {
        /* tar.Reader.readHeader */
        const unsigned char *h = take(s, 512, &why);
        if (!h) {
            if (!strcmp(why, "EOF")) break;
            fail(why);
        }
        static const unsigned char zero[512];
        if (!memcmp(h, zero, 512)) {
            const unsigned char *h2 = take(s, 512, &why);
            if (!h2) {
                if (!strcmp(why, "EOF")) break;
                fail(why);
            }
            if (!memcmp(h2, zero, 512)) break;
            fail(ERR_HEADER);
        }
        if (!checksum_ok(h)) fail(ERR_HEADER);
        bool ustar = !memcmp(h + 257, "ustar\0" "00", 8);
        bool gnu = !memcmp(h + 257, "ustar  \0", 8);
        char type = (char)h[156];
        const char *name = cfield(h, 100);
        if (ustar && h[345]) name = sg_sprintf("%s/%s", cfield(h + 345, 155), name);
        int64_t size, mode = 0;
        if (!numeric(h + 124, 12, &size) || size < 0) fail(ERR_HEADER);
        if (!numeric(h + 100, 8, &mode)) fail(ERR_HEADER);
        (void)gnu;
        bool meta = type == 'x' || type == 'g' || type == 'L' || type == 'K';
        if (meta) {
            if (size > 1024 * 1024) fail("archive/tar: header field too long");
            size_t padded = ((size_t)size + 511) / 512 * 512;
            const unsigned char *body = take(s, padded, &why);
            if (!body) fail(!strcmp(why, "EOF") ? "unexpected EOF" : why);
            if (type == 'L') { longname = cfield(body, (size_t)size); continue; }
            if (type == 'K') continue;
            /* pax records "LEN key=value\n" */
            for (size_t i = 0; i < (size_t)size;) {
                size_t rl = 0, j = i;
                while (j < (size_t)size && body[j] >= '0' && body[j] <= '9' && rl < (size_t)size)
                    rl = rl * 10 + (size_t)(body[j++] - '0');
                if (rl == 0 || i + rl > (size_t)size || j >= i + rl || body[j] != ' ' || body[i + rl - 1] != '\n')
                    fail(ERR_HEADER);
                const unsigned char *kv = body + j + 1, *end = body + i + rl - 1;
                const unsigned char *eq = memchr(kv, '=', (size_t)(end - kv));
                if (!eq) fail(ERR_HEADER);
                if (type == 'x') {
                    if ((size_t)(eq - kv) == 4 && !memcmp(kv, "path", 4))
                        paxpath = sg_strndup((const char *)eq + 1, (size_t)(end - eq - 1));
                    else if ((size_t)(eq - kv) == 4 && !memcmp(kv, "size", 4)) {
                        int64_t v = 0;
                        for (const unsigned char *q = eq + 1; q < end; q++) {
                            if (*q < '0' || *q > '9' || v > INT64_MAX / 10) fail(ERR_HEADER);
                            v = v * 10 + (*q - '0');
                        }
                        paxsize = v;
                    }
                }
                i += rl;
            }
            if (type == 'g') { /* returned by Next, skipped by Helm */
                paxpath = NULL;
                paxsize = -1;
            }
            continue;
        }
        if (longname) name = longname;
        if (paxpath) name = paxpath;
        if (paxsize >= 0) size = paxsize;
        longname = paxpath = NULL;
        paxsize = -1;
        if (type == 0) type = (name[0] && name[strlen(name) - 1] == '/') ? '5' : '0';
        /* header-only types carry no data (isHeaderOnlyType) */
        size_t nb = (type >= '1' && type <= '6') ? 0 : (size_t)size;
        size_t pad = (nb + 511) / 512 * 512 - nb;
        bool isdir = type == '5' || (mode & 040000);
        if (isdir) {
            if (!take(s, nb, &why)) fail(!strcmp(why, "EOF") && nb ? "unexpected EOF" : why);
            if (pad && !take(s, pad, &why)) { if (!strcmp(why, "EOF")) break; fail(why); }
            continue;
        }
        const char *path = entry_path(name);
        if ((size_t)size > remaining)
            sg_throwf("decompressed chart is larger than the maximum file size %zu", ARCHIVE_MAX_CHART);
        if ((size_t)size > ARCHIVE_MAX_FILE) {
            sg_buf q;
            buf_init(&q);
            gofmt_quote(&q, name, strlen(name));
            sg_throwf("decompressed chart file %s is larger than the maximum file size %zu", q.p, ARCHIVE_MAX_FILE);
        }
        const unsigned char *body = nb ? take(s, nb, &why) : (const unsigned char *)"";
        if (!body) fail(!strcmp(why, "EOF") ? "unexpected EOF" : why);
        remaining -= nb;
        if (nb < (size_t)size || remaining == 0)
            sg_throwf("decompressed chart is larger than the maximum file size %zu", ARCHIVE_MAX_CHART);
        const unsigned char *d = body;
        size_t dl = nb;
        if (dl >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) { d += 3; dl -= 3; }
        push(&out, (sg_chartfile){ path, sg_strndup((const char *)d, dl), dl });
        /* the padding is discarded by the next Next(): a short one ends the archive */
        if (pad && !take(s, pad, &why)) {
            if (!strcmp(why, "EOF") || !strcmp(why, "unexpected EOF")) break;
            fail(why);
        }
    }
    if (out.n == 0) fail("no files in chart archive");
    *files = out.v;
    *nfiles = out.n;
}
