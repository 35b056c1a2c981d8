/* fn_encoding.c - Sprig's b64enc/b64dec/b32enc/b32dec (Go encoding/base64, base32
 * StdEncoding); a decoding error is returned as the string, as Sprig does. */
#include "fn_strings.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include <string.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static int dec64(unsigned char c)
{
    const char *p = c ? memchr(b64, c, 64) : NULL;
    return p ? (int)(p - b64) : -1;
}

static int dec32(unsigned char c)
{
    const char *p = c ? memchr(b32, c, 32) : NULL;
    return p ? (int)(p - b32) : -1;
}

sg_value fn_b64enc(sg_fcall *c, int argc, sg_value *argv)
{
    const unsigned char *s = (const unsigned char *)argv[0].u.s.p;
    size_t n = argv[0].u.s.n;
    sg_buf b;
    buf_init(&b);
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
        buf_putc(&b, b64[v >> 18 & 63]); buf_putc(&b, b64[v >> 12 & 63]);
        buf_putc(&b, b64[v >> 6 & 63]); buf_putc(&b, b64[v & 63]);
    }
    if (n - i == 1) {
        unsigned v = (unsigned)s[i] << 16;
        buf_putc(&b, b64[v >> 18 & 63]); buf_putc(&b, b64[v >> 12 & 63]); buf_puts(&b, "==");
    } else if (n - i == 2) {
        unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8;
        buf_putc(&b, b64[v >> 18 & 63]); buf_putc(&b, b64[v >> 12 & 63]);
        buf_putc(&b, b64[v >> 6 & 63]); buf_putc(&b, '=');
    }
    return val_str_nocopy(b.p, b.len);
}

static sg_value corrupt(long long at)
{
    sg_buf b;
    buf_init(&b);
    buf_printf(&b, "illegal base64 data at input byte %lld", at);
    return val_str_nocopy(b.p, b.len);
}

sg_value fn_b64dec(sg_fcall *c, int argc, sg_value *argv)
{
    /* Go's Encoding.Decode: quantum by quantum (decodeQuantum), \r and \n ignored. */
    const unsigned char *src = (const unsigned char *)argv[0].u.s.p;
    size_t len = argv[0].u.s.n, si = 0;
    sg_buf out;
    buf_init(&out);
    while (si < len) {
        unsigned char dbuf[4] = { 0, 0, 0, 0 };
        int dlen = 4;
        long long err = -1;
        for (int j = 0; j < 4; j++) {
            if (si == len) {
                if (j == 0) goto done;
                return corrupt((long long)si - j); /* padding required */
            }
            unsigned char in = src[si++];
            int d = dec64(in);
            if (d >= 0) { dbuf[j] = (unsigned char)d; continue; }
            if (in == '\n' || in == '\r') { j--; continue; }
            if (in != '=') return corrupt((long long)si - 1);
            switch (j) {
            case 0: case 1: return corrupt((long long)si - 1);
            case 2:
                while (si < len && (src[si] == '\n' || src[si] == '\r')) si++;
                if (si == len) return corrupt((long long)len);
                if (src[si] != '=') return corrupt((long long)si - 1);
                si++;
            }
            while (si < len && (src[si] == '\n' || src[si] == '\r')) si++;
            if (si < len) err = (long long)si;
            dlen = j;
            break;
        }
        unsigned v = (unsigned)dbuf[0] << 18 | (unsigned)dbuf[1] << 12 | (unsigned)dbuf[2] << 6 | dbuf[3];
        unsigned char o[3] = { (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v };
        buf_put(&out, (const char *)o, (size_t)(dlen - 1));
        if (err >= 0) return corrupt(err);
    }
done:
    return val_str_nocopy(out.p, out.len);
}

sg_value fn_b32enc(sg_fcall *c, int argc, sg_value *argv)
{
    const unsigned char *s = (const unsigned char *)argv[0].u.s.p;
    size_t n = argv[0].u.s.n;
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i += 5) {
        unsigned char blk[5] = { 0, 0, 0, 0, 0 };
        size_t k = n - i < 5 ? n - i : 5;
        memcpy(blk, s + i, k);
        uint64_t v = 0;
        for (int j = 0; j < 5; j++) v = v << 8 | blk[j];
        static const int nchars[6] = { 0, 2, 4, 5, 7, 8 };
        int nc = nchars[k];
        for (int j = 0; j < 8; j++) {
            if (j < nc) buf_putc(&b, b32[(v >> (35 - 5 * j)) & 31]);
            else buf_putc(&b, '=');
        }
    }
    return val_str_nocopy(b.p, b.len);
}

sg_value fn_b32dec(sg_fcall *c, int argc, sg_value *argv)
{
    /* Go's base32 DecodeString: strip \r \n, then decode 8-byte quanta. */
    size_t n0 = argv[0].u.s.n, olen = 0;
    unsigned char *src = sg_alloc(n0 + 1);
    for (size_t i = 0; i < n0; i++) {
        char ch = argv[0].u.s.p[i];
        if (ch != '\r' && ch != '\n') src[olen++] = (unsigned char)ch;
    }
    sg_buf out;
    buf_init(&out);
    size_t si = 0;
    bool end = false;
    sg_buf eb;
    buf_init(&eb);
#define B32ERR(at) do { buf_printf(&eb, "illegal base32 data at input byte %lld", (long long)(at)); return val_str_nocopy(eb.p, eb.len); } while (0)
    while (si < olen && !end) {
        unsigned char dbuf[8] = { 0 };
        int dlen = 8;
        for (int j = 0; j < 8;) {
            if (si == olen) B32ERR((long long)olen - (long long)(olen - si) - j);
            unsigned char in = src[si++];
            size_t rem = olen - si;
            if (in == '=' && j >= 2 && rem < 8) {
                if (rem + (size_t)j < 7) B32ERR(olen);
                for (int k = 0; k < 7 - j; k++)
                    if (rem > (size_t)k && src[si + (size_t)k] != '=') B32ERR((long long)olen - (long long)rem + k - 1);
                dlen = j;
                end = true;
                if (dlen == 1 || dlen == 3 || dlen == 6) B32ERR((long long)olen - (long long)rem - 1);
                break;
            }
            int d = dec32(in);
            if (d < 0) B32ERR((long long)olen - (long long)rem - 1);
            dbuf[j++] = (unsigned char)d;
        }
        unsigned char o[5];
        int k = 0;
        switch (dlen) {
        case 8: case 7: k = dlen == 8 ? 5 : 4; break;
        case 5: k = 3; break;
        case 4: k = 2; break;
        case 2: k = 1; break;
        }
        o[4] = (unsigned char)(dbuf[6] << 5 | dbuf[7]);
        o[3] = (unsigned char)(dbuf[4] << 7 | dbuf[5] << 2 | dbuf[6] >> 3);
        o[2] = (unsigned char)(dbuf[3] << 4 | dbuf[4] >> 1);
        o[1] = (unsigned char)(dbuf[1] << 6 | dbuf[2] << 1 | dbuf[3] >> 4);
        o[0] = (unsigned char)(dbuf[0] << 3 | dbuf[1] >> 2);
        buf_put(&out, (const char *)o, (size_t)k);
    }
#undef B32ERR
    return val_str_nocopy(out.p, out.len);
}
