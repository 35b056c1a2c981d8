/* fn_crypto.c - Sprig's crypto functions that need no foreign library (crypto.go, Sprig
 * v3.3.0): bcrypt, htpasswd, derivePassword (Master Password's scrypt + HMAC scheme),
 * randBytes and encryptAES/decryptAES (AES-256-CBC, zero-padded key, PKCS#7 padding, with
 * Go's panics on malformed input).  Keys and certificates are in fn_cert.c. */
#include "fn_ext.h"
#include "cryptoprim.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include <string.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

/* Sprig's bcrypt(): GenerateFromPassword(input, DefaultCost); errors come back as text. */
static const char *bcrypt_text(const char *pw, size_t n)
{
    if (n > 72) return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
    unsigned char salt[16];
    if (!crypto_random(salt, sizeof salt)) sg_throwf("randBytes: no entropy available");
    char out[61];
    crypto_bcrypt(pw, n, salt, 10, out);
    return sg_strdup(out);
}

sg_value fn_bcrypt(sg_fcall *c, int argc, sg_value *argv)
{
    return val_cstr(bcrypt_text(SP(argv[0]), SN(argv[0])));
}

sg_value fn_htpasswd(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    if (memchr(SP(argv[0]), ':', SN(argv[0]))) {
        buf_puts(&b, "invalid username: ");
        buf_put(&b, SP(argv[0]), SN(argv[0]));
    } else {
        buf_put(&b, SP(argv[0]), SN(argv[0]));
        buf_putc(&b, ':');
        buf_puts(&b, bcrypt_text(SP(argv[1]), SN(argv[1])));
    }
    return val_str_nocopy(b.p, b.len);
}

sg_value fn_randbytes(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t n = argv[0].u.i;
    if (n < 0) sg_throwf("runtime error: makeslice: len out of range");
    unsigned char *raw = sg_alloc((size_t)n + 1);
    if (!crypto_random(raw, (size_t)n)) sg_throwf("unexpected EOF");
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    sg_buf b;
    buf_init(&b);
    for (int64_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)raw[i] << 16;
        if (i + 1 < n) v |= (uint32_t)raw[i + 1] << 8;
        if (i + 2 < n) v |= raw[i + 2];
        buf_putc(&b, tab[(v >> 18) & 63]);
        buf_putc(&b, tab[(v >> 12) & 63]);
        buf_putc(&b, i + 1 < n ? tab[(v >> 6) & 63] : '=');
        buf_putc(&b, i + 2 < n ? tab[v & 63] : '=');
    }
    return val_str_nocopy(b.p, b.len);
}

/* ---------------------------------------------------------------- derivePassword */

typedef struct ptype { const char *name; const char *const *tmpl; int n; } ptype;

static const char *const t_maximum[] = { "anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno" };
static const char *const t_long[] = {
    "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
    "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
    "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
    "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
    "CvccCvcvCvccno",
};
static const char *const t_medium[] = { "CvcnoCvc", "CvcCvcno" };
static const char *const t_short[] = { "Cvcn" };
static const char *const t_basic[] = { "aaanaaan", "aannaaan", "aaannaaa" };
static const char *const t_pin[] = { "nnnn" };

static const ptype ptypes[] = {
    { "maximum", t_maximum, 2 }, { "long", t_long, 21 }, { "medium", t_medium, 2 },
    { "short", t_short, 1 },     { "basic", t_basic, 3 }, { "pin", t_pin, 1 },
};

static const char *template_chars(char c)
{
    switch (c) {
    case 'V': return "AEIOU";
    case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v': return "aeiou";
    case 'c': return "bcdfghjklmnpqrstvwxyz";
    case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n': return "0123456789";
    case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
    case 'x': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
    }
    return "";
}

static void put_be32(sg_buf *b, uint32_t v)
{
    char x[4] = { (char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v };
    buf_put(b, x, 4);
}

/* The uint32 counter (exec/call.c converted it: a uint32 value). */
static uint32_t counter_arg(sg_value v) { return (uint32_t)v.u.i; }

sg_value fn_derivepassword(sg_fcall *c, int argc, sg_value *argv)
{
    uint32_t counter = counter_arg(argv[0]);
    sg_value typ = argv[1], pw = argv[2], user = argv[3], site = argv[4];
    const ptype *pt = NULL;
    for (size_t i = 0; i < sizeof ptypes / sizeof ptypes[0]; i++)
        if (strlen(ptypes[i].name) == SN(typ) && !memcmp(ptypes[i].name, SP(typ), SN(typ))) pt = &ptypes[i];
    if (!pt) {
        sg_buf b;
        buf_init(&b);
        buf_puts(&b, "cannot find password template ");
        buf_put(&b, SP(typ), SN(typ));
        return val_str_nocopy(b.p, b.len);
    }
    static const char seed[] = "com.lyndir.masterpassword";
    sg_buf salt;
    buf_init(&salt);
    buf_puts(&salt, seed);
    put_be32(&salt, (uint32_t)SN(user));
    buf_put(&salt, SP(user), SN(user));
    unsigned char key[64];
    if (!crypto_scrypt(SP(pw), SN(pw), salt.p, salt.len, 32768, 8, 2, key, sizeof key))
        sg_throwf("failed to derive password: scrypt: out of memory");
    sg_buf msg;
    buf_init(&msg);
    buf_puts(&msg, seed);
    put_be32(&msg, (uint32_t)SN(site));
    buf_put(&msg, SP(site), SN(site));
    put_be32(&msg, counter);
    unsigned char mac[32];
    crypto_hmac_sha256(key, sizeof key, msg.p, msg.len, mac);
    const char *tmpl = pt->tmpl[mac[0] % pt->n];
    sg_buf out;
    buf_init(&out);
    for (size_t i = 0; tmpl[i]; i++) {
        const char *chars = template_chars(tmpl[i]);
        buf_putc(&out, chars[mac[i + 1] % strlen(chars)]);
    }
    return val_str_nocopy(out.p, out.len);
}

/* ---------------------------------------------------------------- AES-CBC */

static const char b64tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64_encode(sg_buf *b, const unsigned char *raw, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)raw[i] << 16;
        if (i + 1 < n) v |= (uint32_t)raw[i + 1] << 8;
        if (i + 2 < n) v |= raw[i + 2];
        buf_putc(b, b64tab[(v >> 18) & 63]);
        buf_putc(b, b64tab[(v >> 12) & 63]);
        buf_putc(b, i + 1 < n ? b64tab[(v >> 6) & 63] : '=');
        buf_putc(b, i + 2 < n ? b64tab[v & 63] : '=');
    }
}

static int b64_val(unsigned char c)
{
    const char *p = c ? strchr(b64tab, c) : NULL;
    return p ? (int)(p - b64tab) : -1;
}

/* base64.StdEncoding.DecodeString: bytes into out (capacity DecodedLen = n/4*3), their
 * count in *len; on error returns Go's byte position (else -1). */
static long b64_decode(const char *s, size_t n, unsigned char *out, size_t *len)
{
    size_t si = 0, o = 0;
    for (;;) {
        int dbuf[4] = { 0, 0, 0, 0 };
        int dlen = 4;
        long err = -1;
        int j;
        for (j = 0; j < 4; j++) {
            if (si == n) {
                if (j == 0) { *len = o; return -1; }
                *len = o;
                return (long)(si - (size_t)j);
            }
            unsigned char in = (unsigned char)s[si++];
            int v = b64_val(in);
            if (v >= 0) { dbuf[j] = v; continue; }
            if (in == '\n' || in == '\r') { j--; continue; }
            if (in != '=') { *len = o; return (long)si - 1; }
            if (j == 0 || j == 1) { *len = o; return (long)si - 1; }
            if (j == 2) {
                while (si < n && (s[si] == '\n' || s[si] == '\r')) si++;
                if (si == n) { *len = o; return (long)n; }
                if (s[si] != '=') { *len = o; return (long)si - 1; }
                si++;
            }
            while (si < n && (s[si] == '\n' || s[si] == '\r')) si++;
            if (si < n) err = (long)si;
            dlen = j;
            break;
        }
        uint32_t val = (uint32_t)dbuf[0] << 18 | (uint32_t)dbuf[1] << 12 | (uint32_t)dbuf[2] << 6 | (uint32_t)dbuf[3];
        unsigned char b0 = (unsigned char)(val >> 16), b1 = (unsigned char)(val >> 8), b2 = (unsigned char)val;
        if (dlen >= 2) out[o++] = b0;
        if (dlen >= 3) out[o++] = b1;
        if (dlen >= 4) out[o++] = b2;
        if (err >= 0) { *len = o; return err; }
        if (dlen < 4) { *len = o; return -1; }
    }
}

static void aes_key(crypto_aes *a, sg_value pw)
{
    unsigned char key[32] = { 0 };
    memcpy(key, SP(pw), SN(pw) < 32 ? SN(pw) : 32);
    crypto_aes256_init(a, key);
}

sg_value fn_encryptaes(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value pt = argv[1];
    if (SN(pt) == 0) return val_str("", 0);
    crypto_aes a;
    aes_key(&a, argv[0]);
    size_t pad = 16 - SN(pt) % 16, n = SN(pt) + pad;
    unsigned char *buf = sg_alloc(16 + n);
    if (!crypto_random(buf, 16)) sg_throwf("unexpected EOF");
    memcpy(buf + 16, SP(pt), SN(pt));
    memset(buf + 16 + SN(pt), (int)pad, pad);
    for (size_t i = 16; i < 16 + n; i += 16) {
        for (int k = 0; k < 16; k++) buf[i + (size_t)k] ^= buf[i - 16 + (size_t)k];
        crypto_aes_encrypt(&a, buf + i, buf + i);
    }
    sg_buf b;
    buf_init(&b);
    b64_encode(&b, buf, 16 + n);
    return val_str_nocopy(b.p, b.len);
}

sg_value fn_decryptaes(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value in = argv[1];
    if (SN(in) == 0) return val_str("", 0);
    size_t cap = SN(in) / 4 * 3, n;
    unsigned char *raw = sg_alloc(cap + 1);
    long bad = b64_decode(SP(in), SN(in), raw, &n);
    if (bad >= 0) sg_throwf("illegal base64 data at input byte %ld", bad);
    /* Go's slicing: crypt[:16] may reach into the capacity, crypt[16:] may not */
    if (cap < 16) sg_throwf("runtime error: slice bounds out of range [:16] with capacity %zu", cap);
    if (n < 16) sg_throwf("runtime error: slice bounds out of range [16:%zu]", n);
    size_t cn = n - 16;
    if (cn % 16) sg_throwf("crypto/cipher: input not full blocks");
    if (cn == 0) sg_throwf("runtime error: index out of range [-1]");
    crypto_aes a;
    aes_key(&a, argv[0]);
    unsigned char *out = sg_alloc(cn);
    for (size_t i = 0; i < cn; i += 16) {
        crypto_aes_decrypt(&a, raw + 16 + i, out + i);
        for (int k = 0; k < 16; k++) out[i + (size_t)k] ^= raw[i + (size_t)k];
    }
    long keep = (long)cn - (long)out[cn - 1];
    if (keep < 0) sg_throwf("runtime error: slice bounds out of range [:%ld]", keep);
    return val_str((const char *)out, (size_t)keep);
}
