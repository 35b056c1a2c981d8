/* cryptoprim.c - SHA-256, HMAC-SHA256, PBKDF2, scrypt, Blowfish/bcrypt and the kernel's
 * random bytes, written from the specifications (FIPS 180-4, RFC 2104, RFC 8018, RFC 7914,
 * Schneier's Blowfish and the OpenBSD bcrypt scheme as x/crypto/bcrypt implements it). */
#include "cryptoprim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "blowfish_tab.h"

/* ---------------------------------------------------------------- SHA-256 */

typedef struct sha256 {
    uint32_t h[8];
    unsigned char buf[64];
    size_t nbuf;
    uint64_t len;
} sha256;

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(sha256 *s, const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
    s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha256_init(sha256 *s)
{
    static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(s->h, iv, sizeof iv);
    s->nbuf = 0;
    s->len = 0;
}

static void sha256_update(sha256 *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    s->len += n;
    while (n > 0) {
        size_t k = 64 - s->nbuf;
        if (k > n) k = n;
        memcpy(s->buf + s->nbuf, p, k);
        s->nbuf += k;
        p += k;
        n -= k;
        if (s->nbuf == 64) {
            sha256_block(s, s->buf);
            s->nbuf = 0;
        }
    }
}

static void sha256_final(sha256 *s, unsigned char out[32])
{
    uint64_t bits = s->len * 8;
    unsigned char pad = 0x80;
    sha256_update(s, &pad, 1);
    unsigned char z = 0;
    while (s->nbuf != 56) sha256_update(s, &z, 1);
    unsigned char l[8];
    for (int i = 0; i < 8; i++) l[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(s, l, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(s->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)s->h[i];
    }
}

void crypto_sha256(const void *data, size_t n, unsigned char out[32])
{
    sha256 s;
    sha256_init(&s);
    sha256_update(&s, data, n);
    sha256_final(&s, out);
}

/* HMAC state: inner and outer hashes primed with the padded key. */
typedef struct hmac { sha256 in, out; } hmac;

static void hmac_init(hmac *h, const void *key, size_t kn)
{
    unsigned char k[64] = { 0 };
    if (kn > 64) crypto_sha256(key, kn, k);
    else memcpy(k, key, kn);
    unsigned char ipad[64], opad[64];
    for (int i = 0; i < 64; i++) {
        ipad[i] = k[i] ^ 0x36;
        opad[i] = k[i] ^ 0x5c;
    }
    sha256_init(&h->in);
    sha256_update(&h->in, ipad, 64);
    sha256_init(&h->out);
    sha256_update(&h->out, opad, 64);
}

static void hmac_final(hmac *h, unsigned char out[32])
{
    unsigned char inner[32];
    sha256_final(&h->in, inner);
    sha256_update(&h->out, inner, 32);
    sha256_final(&h->out, out);
}

void crypto_hmac_sha256(const void *key, size_t kn, const void *msg, size_t mn, unsigned char out[32])
{
    hmac h;
    hmac_init(&h, key, kn);
    sha256_update(&h.in, msg, mn);
    hmac_final(&h, out);
}

/* PBKDF2-HMAC-SHA256 */
static void pbkdf2(const void *pw, size_t pn, const void *salt, size_t sn, uint32_t iter, unsigned char *out, size_t outlen)
{
    hmac base;
    hmac_init(&base, pw, pn);
    for (uint32_t blk = 1; outlen > 0; blk++) {
        unsigned char be[4] = { (unsigned char)(blk >> 24), (unsigned char)(blk >> 16), (unsigned char)(blk >> 8), (unsigned char)blk };
        hmac h = base;
        sha256_update(&h.in, salt, sn);
        sha256_update(&h.in, be, 4);
        unsigned char u[32], t[32];
        hmac_final(&h, u);
        memcpy(t, u, 32);
        for (uint32_t i = 1; i < iter; i++) {
            h = base;
            sha256_update(&h.in, u, 32);
            hmac_final(&h, u);
            for (int k = 0; k < 32; k++) t[k] ^= u[k];
        }
        size_t k = outlen < 32 ? outlen : 32;
        memcpy(out, t, k);
        out += k;
        outlen -= k;
    }
}

/* ---------------------------------------------------------------- scrypt */

#define R32(a, b) (((a) << (b)) | ((a) >> (32 - (b))))

static void salsa20_8(uint32_t b[16])
{
    uint32_t x[16];
    memcpy(x, b, sizeof x);
    for (int i = 0; i < 8; i += 2) {
        x[4] ^= R32(x[0] + x[12], 7);  x[8] ^= R32(x[4] + x[0], 9);
        x[12] ^= R32(x[8] + x[4], 13); x[0] ^= R32(x[12] + x[8], 18);
        x[9] ^= R32(x[5] + x[1], 7);   x[13] ^= R32(x[9] + x[5], 9);
        x[1] ^= R32(x[13] + x[9], 13); x[5] ^= R32(x[1] + x[13], 18);
        x[14] ^= R32(x[10] + x[6], 7); x[2] ^= R32(x[14] + x[10], 9);
        x[6] ^= R32(x[2] + x[14], 13); x[10] ^= R32(x[6] + x[2], 18);
        x[3] ^= R32(x[15] + x[11], 7); x[7] ^= R32(x[3] + x[15], 9);
        x[11] ^= R32(x[7] + x[3], 13); x[15] ^= R32(x[11] + x[7], 18);
        x[1] ^= R32(x[0] + x[3], 7);   x[2] ^= R32(x[1] + x[0], 9);
        x[3] ^= R32(x[2] + x[1], 13);  x[0] ^= R32(x[3] + x[2], 18);
        x[6] ^= R32(x[5] + x[4], 7);   x[7] ^= R32(x[6] + x[5], 9);
        x[4] ^= R32(x[7] + x[6], 13);  x[5] ^= R32(x[4] + x[7], 18);
        x[11] ^= R32(x[10] + x[9], 7); x[8] ^= R32(x[11] + x[10], 9);
        x[9] ^= R32(x[8] + x[11], 13); x[10] ^= R32(x[9] + x[8], 18);
        x[12] ^= R32(x[15] + x[14], 7); x[13] ^= R32(x[12] + x[15], 9);
        x[14] ^= R32(x[13] + x[12], 13); x[15] ^= R32(x[14] + x[13], 18);
    }
    for (int i = 0; i < 16; i++) b[i] += x[i];
}

/* BlockMix (Salsa20/8) of 2r 64-byte blocks: in -> out (y is scratch). */
static void blockmix(const uint32_t *in, uint32_t *out, uint32_t r)
{
    uint32_t x[16];
    memcpy(x, in + (2 * r - 1) * 16, 64);
    for (uint32_t i = 0; i < 2 * r; i++) {
        for (int k = 0; k < 16; k++) x[k] ^= in[i * 16 + (uint32_t)k];
        salsa20_8(x);
        /* even blocks go to the first half, odd ones to the second */
        uint32_t dst = (i % 2 == 0) ? (i / 2) : (r + i / 2);
        memcpy(out + dst * 16, x, 64);
    }
}

bool crypto_scrypt(const void *pw, size_t pn, const void *salt, size_t sn, uint64_t N, uint32_t r,
                   uint32_t p, unsigned char *out, size_t outlen)
{
    if (N <= 1 || (N & (N - 1)) || r == 0 || p == 0) return false;
    size_t blen = (size_t)p * 128 * r;
    unsigned char *B = malloc(blen);
    uint32_t *X = malloc(128 * r);
    uint32_t *Y = malloc(128 * r);
    uint32_t *V = malloc((size_t)N * 128 * r);
    if (!B || !X || !Y || !V) { free(B); free(X); free(Y); free(V); return false; }
    pbkdf2(pw, pn, salt, sn, 1, B, blen);
    size_t words = 32 * r;
    for (uint32_t i = 0; i < p; i++) {
        unsigned char *bi = B + (size_t)i * 128 * r;
        for (size_t k = 0; k < words; k++)
            X[k] = (uint32_t)bi[4 * k] | (uint32_t)bi[4 * k + 1] << 8 | (uint32_t)bi[4 * k + 2] << 16 | (uint32_t)bi[4 * k + 3] << 24;
        for (uint64_t j = 0; j < N; j++) {
            memcpy(V + j * words, X, 128 * r);
            blockmix(X, Y, r);
            memcpy(X, Y, 128 * r);
        }
        for (uint64_t j = 0; j < N; j++) {
            uint64_t idx = X[(2 * r - 1) * 16] & (N - 1);
            for (size_t k = 0; k < words; k++) X[k] ^= V[idx * words + k];
            blockmix(X, Y, r);
            memcpy(X, Y, 128 * r);
        }
        for (size_t k = 0; k < words; k++) {
            bi[4 * k] = (unsigned char)X[k];
            bi[4 * k + 1] = (unsigned char)(X[k] >> 8);
            bi[4 * k + 2] = (unsigned char)(X[k] >> 16);
            bi[4 * k + 3] = (unsigned char)(X[k] >> 24);
        }
    }
    pbkdf2(pw, pn, B, blen, 1, out, outlen);
    free(B); free(X); free(Y); free(V);
    return true;
}

/* ---------------------------------------------------------------- Blowfish / bcrypt */

typedef struct bf { uint32_t p[18]; uint32_t s[4][256]; } bf;

#define BF_F(c, x) ((((c)->s[0][(x) >> 24] + (c)->s[1][((x) >> 16) & 0xff]) ^ (c)->s[2][((x) >> 8) & 0xff]) + (c)->s[3][(x) & 0xff])

static void bf_encrypt(const bf *c, uint32_t *l, uint32_t *r)
{
    uint32_t xl = *l, xr = *r;
    xl ^= c->p[0];
    for (int i = 1; i <= 16; i += 2) {
        xr ^= BF_F(c, xl) ^ c->p[i];
        xl ^= BF_F(c, xr) ^ c->p[i + 1];
    }
    xr ^= c->p[17];
    *l = xr;
    *r = xl;
}

static uint32_t next_word(const unsigned char *b, size_t n, size_t *j)
{
    uint32_t w = 0;
    for (int i = 0; i < 4; i++) {
        w = w << 8 | b[*j];
        if (++*j >= n) *j = 0;
    }
    return w;
}

/* Go's expandKeyWithSalt (salt may be NULL: plain ExpandKey). */
static void bf_expand(bf *c, const unsigned char *key, size_t kn, const unsigned char *salt, size_t sn)
{
    size_t j = 0;
    for (int i = 0; i < 18; i++) c->p[i] ^= next_word(key, kn, &j);
    j = 0;
    uint32_t l = 0, r = 0;
    for (int i = 0; i < 18; i += 2) {
        if (salt) { l ^= next_word(salt, sn, &j); r ^= next_word(salt, sn, &j); }
        bf_encrypt(c, &l, &r);
        c->p[i] = l;
        c->p[i + 1] = r;
    }
    for (int b = 0; b < 4; b++)
        for (int i = 0; i < 256; i += 2) {
            if (salt) { l ^= next_word(salt, sn, &j); r ^= next_word(salt, sn, &j); }
            bf_encrypt(c, &l, &r);
            c->s[b][i] = l;
            c->s[b][i + 1] = r;
        }
}

static const char bcrypt_b64[] = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* base64 with the bcrypt alphabet, no padding */
static size_t b64(const unsigned char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < n) v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < n) v |= in[i + 2];
        out[o++] = bcrypt_b64[(v >> 18) & 63];
        out[o++] = bcrypt_b64[(v >> 12) & 63];
        if (i + 1 < n) out[o++] = bcrypt_b64[(v >> 6) & 63];
        if (i + 2 < n) out[o++] = bcrypt_b64[v & 63];
    }
    return o;
}

void crypto_bcrypt(const void *pw, size_t pn, const unsigned char salt[16], int cost, char out[61])
{
    unsigned char key[73];
    memcpy(key, pw, pn);
    key[pn] = 0; /* the C implementations' trailing NUL */
    size_t kn = pn + 1;
    bf *c = malloc(sizeof *c);
    if (!c) abort();
    memcpy(c->p, bf_init_p, sizeof c->p);
    memcpy(c->s, bf_init_s, sizeof c->s);
    bf_expand(c, key, kn, salt, 16);
    uint64_t rounds = 1ULL << cost;
    for (uint64_t i = 0; i < rounds; i++) {
        bf_expand(c, key, kn, NULL, 0);
        bf_expand(c, salt, 16, NULL, 0);
    }
    static const char magic[] = "OrpheanBeholderScryDoubt";
    uint32_t data[6];
    for (int i = 0; i < 6; i++)
        data[i] = (uint32_t)(unsigned char)magic[4 * i] << 24 | (uint32_t)(unsigned char)magic[4 * i + 1] << 16 |
                  (uint32_t)(unsigned char)magic[4 * i + 2] << 8 | (unsigned char)magic[4 * i + 3];
    for (int i = 0; i < 6; i += 2)
        for (int k = 0; k < 64; k++) bf_encrypt(c, &data[i], &data[i + 1]);
    free(c);
    unsigned char hash[24];
    for (int i = 0; i < 6; i++) {
        hash[4 * i] = (unsigned char)(data[i] >> 24);
        hash[4 * i + 1] = (unsigned char)(data[i] >> 16);
        hash[4 * i + 2] = (unsigned char)(data[i] >> 8);
        hash[4 * i + 3] = (unsigned char)data[i];
    }
    int o = snprintf(out, 61, "$2a$%02d$", cost);
    o += (int)b64(salt, 16, out + o);
    o += (int)b64(hash, 23, out + o);
    out[o] = 0;
}

bool crypto_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t k = getrandom(p, n, 0);
        if (k <= 0) return false;
        p += k;
        n -= (size_t)k;
    }
    return true;
}

/* ---------------------------------------------------------------- AES-256 */

static unsigned char sbox[256], inv_sbox[256];
static bool aes_ready;

static unsigned char xtime(unsigned char x) { return (unsigned char)((x << 1) ^ ((x & 0x80) ? 0x1b : 0)); }

static unsigned char gmul(unsigned char a, unsigned char b)
{
    unsigned char r = 0;
    while (b) {
        if (b & 1) r ^= a;
        a = xtime(a);
        b >>= 1;
    }
    return r;
}

/* The S-box from its definition: multiplicative inverse in GF(2^8), then the affine map. */
static void aes_tables(void)
{
    if (aes_ready) return;
    for (int i = 0; i < 256; i++) {
        unsigned char inv = 0;
        if (i)
            for (int j = 1; j < 256; j++)
                if (gmul((unsigned char)i, (unsigned char)j) == 1) { inv = (unsigned char)j; break; }
        unsigned char s = inv, x = inv;
        for (int k = 0; k < 4; k++) {
            x = (unsigned char)((x << 1) | (x >> 7));
            s ^= x;
        }
        s ^= 0x63;
        sbox[i] = s;
        inv_sbox[s] = (unsigned char)i;
    }
    aes_ready = true;
}

static uint32_t sub_word(uint32_t w)
{
    return (uint32_t)sbox[w >> 24] << 24 | (uint32_t)sbox[(w >> 16) & 0xff] << 16 |
           (uint32_t)sbox[(w >> 8) & 0xff] << 8 | sbox[w & 0xff];
}

void crypto_aes256_init(crypto_aes *a, const unsigned char key[32])
{
    aes_tables();
    for (int i = 0; i < 8; i++)
        a->ek[i] = (uint32_t)key[4 * i] << 24 | (uint32_t)key[4 * i + 1] << 16 | (uint32_t)key[4 * i + 2] << 8 | key[4 * i + 3];
    unsigned char rcon = 1;
    for (int i = 8; i < 60; i++) {
        uint32_t t = a->ek[i - 1];
        if (i % 8 == 0) {
            t = sub_word((t << 8) | (t >> 24)) ^ ((uint32_t)rcon << 24);
            rcon = xtime(rcon);
        } else if (i % 8 == 4) {
            t = sub_word(t);
        }
        a->ek[i] = a->ek[i - 8] ^ t;
    }
    memcpy(a->dk, a->ek, sizeof a->dk);
}

static void add_round_key(unsigned char st[16], const uint32_t *k)
{
    for (int c = 0; c < 4; c++) {
        st[4 * c] ^= (unsigned char)(k[c] >> 24);
        st[4 * c + 1] ^= (unsigned char)(k[c] >> 16);
        st[4 * c + 2] ^= (unsigned char)(k[c] >> 8);
        st[4 * c + 3] ^= (unsigned char)k[c];
    }
}

void crypto_aes_encrypt(const crypto_aes *a, const unsigned char in[16], unsigned char out[16])
{
    unsigned char st[16], t[16];
    memcpy(st, in, 16);
    add_round_key(st, a->ek);
    for (int round = 1; round <= 14; round++) {
        for (int i = 0; i < 16; i++) st[i] = sbox[st[i]];
        /* ShiftRows: state is column-major (st[4c + r]) */
        for (int c = 0; c < 4; c++)
            for (int r = 0; r < 4; r++) t[4 * c + r] = st[4 * ((c + r) % 4) + r];
        if (round != 14) {
            for (int c = 0; c < 4; c++) {
                unsigned char *col = t + 4 * c, a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
                st[4 * c] = (unsigned char)(xtime(a0) ^ xtime(a1) ^ a1 ^ a2 ^ a3);
                st[4 * c + 1] = (unsigned char)(a0 ^ xtime(a1) ^ xtime(a2) ^ a2 ^ a3);
                st[4 * c + 2] = (unsigned char)(a0 ^ a1 ^ xtime(a2) ^ xtime(a3) ^ a3);
                st[4 * c + 3] = (unsigned char)(xtime(a0) ^ a0 ^ a1 ^ a2 ^ xtime(a3));
            }
        } else {
            memcpy(st, t, 16);
        }
        add_round_key(st, a->ek + 4 * round);
    }
    memcpy(out, st, 16);
}

void crypto_aes_decrypt(const crypto_aes *a, const unsigned char in[16], unsigned char out[16])
{
    unsigned char st[16], t[16];
    memcpy(st, in, 16);
    add_round_key(st, a->dk + 56);
    for (int round = 13; round >= 0; round--) {
        /* InvShiftRows + InvSubBytes */
        for (int c = 0; c < 4; c++)
            for (int r = 0; r < 4; r++) t[4 * ((c + r) % 4) + r] = inv_sbox[st[4 * c + r]];
        memcpy(st, t, 16);
        add_round_key(st, a->dk + 4 * round);
        if (round > 0) {
            for (int c = 0; c < 4; c++) {
                unsigned char *col = st + 4 * c, a0 = col[0], a1 = col[1], a2 = col[2], a3 = col[3];
                col[0] = (unsigned char)(gmul(a0, 14) ^ gmul(a1, 11) ^ gmul(a2, 13) ^ gmul(a3, 9));
                col[1] = (unsigned char)(gmul(a0, 9) ^ gmul(a1, 14) ^ gmul(a2, 11) ^ gmul(a3, 13));
                col[2] = (unsigned char)(gmul(a0, 13) ^ gmul(a1, 9) ^ gmul(a2, 14) ^ gmul(a3, 11));
                col[3] = (unsigned char)(gmul(a0, 11) ^ gmul(a1, 13) ^ gmul(a2, 9) ^ gmul(a3, 14));
            }
        }
    }
    memcpy(out, st, 16);
}
