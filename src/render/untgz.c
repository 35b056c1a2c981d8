/* untgz.c - gzip (RFC 1952) + inflate (RFC 1951) + tar (ustar, pax/GNU long names)
 * reader for packaged charts (see untgz.h).  No zlib: the allowed libraries do not
 * include it, and a chart archive is small. */
#include "untgz.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- inflate */

typedef struct bits {
    const unsigned char *p;
    size_t n, pos;      /* byte position */
    uint32_t acc;
    int cnt;
    int eof;
} bits;

static uint32_t getbits(bits *b, int need)
{
    while (b->cnt < need) {
        if (b->pos >= b->n) { b->eof = 1; return 0; }
        b->acc |= (uint32_t)b->p[b->pos++] << b->cnt;
        b->cnt += 8;
    }
    uint32_t v = b->acc & ((need == 32) ? 0xFFFFFFFFu : ((1u << need) - 1));
    b->acc >>= need;
    b->cnt -= need;
    return v;
}

typedef struct huff {
    short count[16];
    short sym[320];
} huff;

static int build(huff *h, const short *lens, int n)
{
    short offs[16];
    memset(h->count, 0, sizeof h->count);
    for (int i = 0; i < n; i++) h->count[lens[i]]++;
    if (h->count[0] == n) return 0;
    int left = 1;
    for (int l = 1; l < 16; l++) {
        left <<= 1;
        left -= h->count[l];
        if (left < 0) return -1;
    }
    offs[1] = 0;
    for (int l = 1; l < 15; l++) offs[l + 1] = (short)(offs[l] + h->count[l]);
    for (int i = 0; i < n; i++)
        if (lens[i]) h->sym[offs[lens[i]]++] = (short)i;
    return left;
}

static int decode(bits *b, const huff *h)
{
    int code = 0, first = 0, index = 0;
    for (int l = 1; l < 16; l++) {
        code |= (int)getbits(b, 1);
        if (b->eof) return -1;
        int count = h->count[l];
        if (code - count < first) return h->sym[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    return -1;
}

static const short lbase[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const short lext[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const short dbase[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const short dext[30] = { 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static int codes(bits *b, sg_buf *out, const huff *lc, const huff *dc)
{
    for (;;) {
        int sym = decode(b, lc);
        if (sym < 0) return -1;
        if (sym < 256) { buf_putc(out, (char)sym); continue; }
        if (sym == 256) return 0;
        sym -= 257;
        if (sym >= 29) return -1;
        size_t len = (size_t)lbase[sym] + getbits(b, lext[sym]);
        int ds = decode(b, dc);
        if (ds < 0 || ds >= 30) return -1;
        size_t dist = (size_t)dbase[ds] + getbits(b, dext[ds]);
        if (b->eof || dist > out->len) return -1;
        buf_reserve(out, len);
        for (size_t i = 0; i < len; i++) buf_putc(out, out->p[out->len - dist]);
    }
}

int untgz_inflate(const unsigned char *in, size_t inlen, size_t *used, unsigned char **outp, size_t *outlen,
                  const char **err)
{
    bits b = { in, inlen, 0, 0, 0, 0 };
    sg_buf out;
    buf_init(&out);
    static const char *bad = "flate: corrupt input";
    int last;
    do {
        last = (int)getbits(&b, 1);
        int type = (int)getbits(&b, 2);
        if (b.eof) { *err = "unexpected EOF"; return -1; }
        if (type == 0) {
            b.acc = 0;
            b.cnt = 0;
            if (b.pos + 4 > b.n) { *err = "unexpected EOF"; return -1; }
            unsigned len = b.p[b.pos] | (unsigned)b.p[b.pos + 1] << 8;
            unsigned nlen = b.p[b.pos + 2] | (unsigned)b.p[b.pos + 3] << 8;
            b.pos += 4;
            if (len != (~nlen & 0xFFFF)) { *err = bad; return -1; }
            if (b.pos + len > b.n) { *err = "unexpected EOF"; return -1; }
            buf_put(&out, (const char *)b.p + b.pos, len);
            b.pos += len;
        } else if (type == 1) {
            static huff lc, dc;
            static int init;
            if (!init) {
                short l[288];
                int i = 0;
                for (; i < 144; i++) l[i] = 8;
                for (; i < 256; i++) l[i] = 9;
                for (; i < 280; i++) l[i] = 7;
                for (; i < 288; i++) l[i] = 8;
                build(&lc, l, 288);
                for (i = 0; i < 30; i++) l[i] = 5;
                build(&dc, l, 30);
                init = 1;
            }
            if (codes(&b, &out, &lc, &dc) != 0) { *err = bad; return -1; }
        } else if (type == 2) {
            int nlen = (int)getbits(&b, 5) + 257, ndist = (int)getbits(&b, 5) + 1, ncode = (int)getbits(&b, 4) + 4;
            static const short order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
            short lens[320];
            memset(lens, 0, sizeof lens);
            if (nlen > 286 || ndist > 30) { *err = bad; return -1; }
            for (int i = 0; i < ncode; i++) lens[order[i]] = (short)getbits(&b, 3);
            huff lc, dc;
            if (build(&lc, lens, 19) != 0) { *err = bad; return -1; }
            int idx = 0;
            while (idx < nlen + ndist) {
                int sym = decode(&b, &lc);
                if (sym < 0) { *err = bad; return -1; }
                if (sym < 16) { lens[idx++] = (short)sym; continue; }
                short len = 0;
                int rep;
                if (sym == 16) {
                    if (idx == 0) { *err = bad; return -1; }
                    len = lens[idx - 1];
                    rep = 3 + (int)getbits(&b, 2);
                } else if (sym == 17) rep = 3 + (int)getbits(&b, 3);
                else rep = 11 + (int)getbits(&b, 7);
                if (idx + rep > nlen + ndist) { *err = bad; return -1; }
                while (rep--) lens[idx++] = len;
            }
            if (lens[256] == 0) { *err = bad; return -1; }
            int r = build(&lc, lens, nlen);
            if (r < 0 || (r > 0 && nlen - lc.count[0] != 1)) { *err = bad; return -1; }
            r = build(&dc, lens + nlen, ndist);
            if (r < 0 || (r > 0 && ndist - dc.count[0] != 1)) { *err = bad; return -1; }
            if (codes(&b, &out, &lc, &dc) != 0) { *err = bad; return -1; }
        } else {
            *err = bad;
            return -1;
        }
    } while (!last);
    *used = b.pos;
    *outp = (unsigned char *)out.p;
    *outlen = out.len;
    return 0;
}

/* ---------------------------------------------------------------- gzip + tar */

static size_t octal(const unsigned char *p, size_t n)
{
    size_t v = 0;
    for (size_t i = 0; i < n && p[i]; i++) {
        if (p[i] == ' ') continue;
        if (p[i] < '0' || p[i] > '7') break;
        v = v * 8 + (size_t)(p[i] - '0');
    }
    return v;
}

static const char *field(const unsigned char *p, size_t n)
{
    size_t l = 0;
    while (l < n && p[l]) l++;
    return sg_strndup((const char *)p, l);
}

int untgz(const unsigned char *data, size_t len, sg_chartfile **files, size_t *nfiles, const char **err)
{
    if (len < 18 || data[0] != 0x1f || data[1] != 0x8b || data[2] != 8) { *err = "gzip: invalid header"; return -1; }
    int flg = data[3];
    size_t pos = 10;
    if (flg & 4) { if (pos + 2 > len) goto trunc; pos += 2 + (size_t)(data[pos] | data[pos + 1] << 8); }
    if (flg & 8) { while (pos < len && data[pos]) pos++; pos++; }
    if (flg & 16) { while (pos < len && data[pos]) pos++; pos++; }
    if (flg & 2) pos += 2;
    if (pos >= len) goto trunc;
    unsigned char *tar;
    size_t tarlen, used;
    if (untgz_inflate(data + pos, len - pos, &used, &tar, &tarlen, err) != 0) return -1;

    size_t cap = 16, n = 0;
    sg_chartfile *v = sg_alloc(cap * sizeof *v);
    const char *longname = NULL;
    for (size_t off = 0; off + 512 <= tarlen;) {
        const unsigned char *h = tar + off;
        int zero = 1;
        for (int i = 0; i < 512; i++) if (h[i]) { zero = 0; break; }
        if (zero) break;
        size_t size = octal(h + 124, 12);
        char type = (char)h[156];
        const char *name = field(h, 100);
        if (memcmp(h + 257, "ustar", 5) == 0 && h[345]) name = sg_sprintf("%s/%s", field(h + 345, 155), name);
        off += 512;
        if (off + size > tarlen) { *err = "unexpected EOF"; return -1; }
        const unsigned char *body = tar + off;
        off += (size + 511) / 512 * 512;
        if (type == 'L') { longname = field(body, size); continue; }
        if (type == 'x') {
            /* pax records "LEN path=VALUE\n" */
            size_t i = 0;
            while (i < size) {
                size_t rl = 0, j = i;
                while (j < size && body[j] >= '0' && body[j] <= '9') rl = rl * 10 + (size_t)(body[j++] - '0');
                if (rl == 0 || i + rl > size) break;
                if (j + 6 <= i + rl && memcmp(body + j, " path=", 6) == 0)
                    longname = sg_strndup((const char *)body + j + 6, i + rl - (j + 6) - 1);
                i += rl;
            }
            continue;
        }
        if (type == 'g') continue;
        if (longname) { name = longname; longname = NULL; }
        if (type != '0' && type != '\0' && type != '7') continue;
        /* drop the first path component */
        const char *slash = strchr(name, '/');
        if (!slash || !slash[1]) continue;
        if (n == cap) {
            v = sg_realloc(v, cap * sizeof *v, 2 * cap * sizeof *v);
            cap *= 2;
        }
        v[n].path = sg_strdup(slash + 1);
        v[n].data = sg_strndup((const char *)body, size);
        v[n].len = size;
        n++;
    }
    *files = v;
    *nfiles = n;
    return 0;
trunc:
    *err = "unexpected EOF";
    return -1;
}
