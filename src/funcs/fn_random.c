/* fn_random.c - Sprig's random strings (randAlphaNum, randAlpha, randNumeric, randAscii),
 * shuffle and uuidv4, from /dev/urandom.  Output is random by nature (FN_NONDET). */
#include "fn_strings.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include <stdio.h>
#include <string.h>

static void random_bytes(unsigned char *p, size_t n)
{
    FILE *f = fopen("/dev/urandom", "rb");
    size_t got = 0;
    if (f) {
        got = fread(p, 1, n, f);
        fclose(f);
    }
    if (got != n) sg_throwf("crypto/rand: cannot read /dev/urandom");
}

/* uniform integer in [0, n) */
static uint32_t rand_below(uint32_t n)
{
    uint32_t lim = UINT32_MAX - UINT32_MAX % n, v;
    do {
        unsigned char b[4];
        random_bytes(b, 4);
        v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    } while (v >= lim);
    return v % n;
}

static sg_value rand_from(int64_t count, const char *set)
{
    if (count <= 0) return val_cstr("");
    size_t k = strlen(set);
    char *p = sg_alloc((size_t)count + 1);
    for (int64_t i = 0; i < count; i++) p[i] = set[rand_below((uint32_t)k)];
    return val_str_nocopy(p, (size_t)count);
}

#define ALPHA "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

sg_value fn_randalphanum(sg_fcall *c, int argc, sg_value *argv) { return rand_from(argv[0].u.i, ALPHA DIGITS); }
sg_value fn_randalpha(sg_fcall *c, int argc, sg_value *argv) { return rand_from(argv[0].u.i, ALPHA); }
sg_value fn_randnumeric(sg_fcall *c, int argc, sg_value *argv) { return rand_from(argv[0].u.i, DIGITS); }

sg_value fn_randascii(sg_fcall *c, int argc, sg_value *argv)
{
    static char set[96];
    if (!set[0])
        for (int i = 32; i < 127; i++) set[i - 32] = (char)i;
    return rand_from(argv[0].u.i, set);
}

sg_value fn_shuffle(sg_fcall *c, int argc, sg_value *argv)
{
    const char *s = argv[0].u.s.p;
    size_t n = argv[0].u.s.n, nr = 0;
    if (n == 0) return argv[0];
    int32_t *r = sg_alloc(sizeof *r * (n + 1));
    for (size_t i = 0; i < n;) i += (size_t)gofmt_decode_rune(s + i, n - i, &r[nr++]);
    for (size_t i = nr - 1; i > 0; i--) {
        size_t j = rand_below((uint32_t)(i + 1));
        int32_t t = r[i]; r[i] = r[j]; r[j] = t;
    }
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < nr; i++) gofmt_put_rune(&b, r[i]);
    return val_str_nocopy(b.p, b.len);
}

sg_value fn_uuidv4(sg_fcall *c, int argc, sg_value *argv)
{
    unsigned char u[16];
    random_bytes(u, 16);
    u[6] = (unsigned char)((u[6] & 0x0F) | 0x40);
    u[8] = (unsigned char)((u[8] & 0x3F) | 0x80);
    sg_buf b;
    buf_init(&b);
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) buf_putc(&b, '-');
        buf_printf(&b, "%02x", u[i]);
    }
    return val_str_nocopy(b.p, b.len);
}
