/* fn_hash.c - Sprig's sha1sum, sha256sum, sha512sum (hex digests) and adler32sum
 * (decimal checksum), with small self-contained implementations of SHA-1, SHA-512 and
 * Adler-32 (SHA-256 is cryptoprim.c's). */
#include "fn_strings.h"
#include "cryptoprim.h"
#include "../base/buf.h"
#include <string.h>

static sg_value hexstr(const unsigned char *d, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) { buf_putc(&b, hx[d[i] >> 4]); buf_putc(&b, hx[d[i] & 15]); }
    return val_str_nocopy(b.p, b.len);
}

/* Merkle-Damgard padding driver: feeds 64- or 128-byte blocks with the big-endian bit
 * length appended. */
static void md_run(const unsigned char *s, size_t n, size_t bsz, void (*block)(void *, const unsigned char *), void *st)
{
    size_t i = 0;
    for (; i + bsz <= n; i += bsz) block(st, s + i);
    unsigned char last[256];
    size_t r = n - i;
    memset(last, 0, sizeof last);
    memcpy(last, s + i, r);
    last[r] = 0x80;
    size_t lenbytes = bsz == 64 ? 8 : 16;
    size_t tot = (r + 1 + lenbytes <= bsz) ? bsz : 2 * bsz;
    uint64_t bits = (uint64_t)n * 8;
    for (int k = 0; k < 8; k++) last[tot - 1 - (size_t)k] = (unsigned char)(bits >> (8 * k));
    if (bsz == 128 && n >> 61) last[tot - 9] = (unsigned char)(n >> 61);
    block(st, last);
    if (tot == 2 * bsz) block(st, last + bsz);
}

#define ROL32(x, k) (((x) << (k)) | ((x) >> (32 - (k))))
#define ROR64(x, k) (((x) >> (k)) | ((x) << (64 - (k))))

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint64_t be64(const unsigned char *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

static void sha1_block(void *stv, const unsigned char *p)
{
    uint32_t *h = stv, w[80];
    for (int i = 0; i < 16; i++) w[i] = be32(p + 4 * i);
    for (int i = 16; i < 80; i++) w[i] = ROL32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
        else { f = b ^ c ^ d; k = 0xCA62C1D6; }
        uint32_t t = ROL32(a, 5) + f + e + k + w[i];
        e = d; d = c; c = ROL32(b, 30); b = a; a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

sg_value fn_sha1sum(sg_fcall *c, int argc, sg_value *argv)
{
    uint32_t h[5] = { 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0 };
    md_run((const unsigned char *)argv[0].u.s.p, argv[0].u.s.n, 64, sha1_block, h);
    unsigned char d[20];
    for (int i = 0; i < 20; i++) d[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
    return hexstr(d, 20);
}

sg_value fn_sha256sum(sg_fcall *c, int argc, sg_value *argv)
{
    unsigned char d[32];
    crypto_sha256(argv[0].u.s.p, argv[0].u.s.n, d); /* cryptoprim.c: the one SHA-256 */
    return hexstr(d, 32);
}

static const uint64_t K512[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL, 0x3956c25bf348b538ULL,
    0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL, 0xd807aa98a3030242ULL, 0x12835b0145706fbeULL,
    0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL, 0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL,
    0xc19bf174cf692694ULL, 0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL, 0x983e5152ee66dfabULL,
    0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL, 0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL,
    0x06ca6351e003826fULL, 0x142929670a0e6e70ULL, 0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL,
    0x53380d139d95b3dfULL, 0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL, 0xd192e819d6ef5218ULL,
    0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL, 0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL,
    0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL, 0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL,
    0x682e6ff3d6b2b8a3ULL, 0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL, 0xca273eceea26619cULL,
    0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL, 0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL,
    0x113f9804bef90daeULL, 0x1b710b35131c471bULL, 0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL,
    0x431d67c49c100d4cULL, 0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static void sha512_block(void *stv, const unsigned char *p)
{
    uint64_t *h = stv, w[80];
    for (int i = 0; i < 16; i++) w[i] = be64(p + 8 * i);
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t S1 = ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41);
        uint64_t ch = (e & f) ^ (~e & g);
        uint64_t t1 = hh + S1 + ch + K512[i] + w[i];
        uint64_t S0 = ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39);
        uint64_t mj = (a & b) ^ (a & c) ^ (b & c);
        uint64_t t2 = S0 + mj;
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

sg_value fn_sha512sum(sg_fcall *c, int argc, sg_value *argv)
{
    uint64_t h[8] = { 0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
                      0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL };
    md_run((const unsigned char *)argv[0].u.s.p, argv[0].u.s.n, 128, sha512_block, h);
    unsigned char d[64];
    for (int i = 0; i < 64; i++) d[i] = (unsigned char)(h[i / 8] >> (56 - 8 * (i % 8)));
    return hexstr(d, 64);
}

sg_value fn_adler32sum(sg_fcall *c, int argc, sg_value *argv)
{
    const unsigned char *s = (const unsigned char *)argv[0].u.s.p;
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < argv[0].u.s.n; i++) {
        a = (a + s[i]) % 65521;
        b = (b + a) % 65521;
    }
    sg_buf out;
    buf_init(&out);
    buf_printf(&out, "%lu", (unsigned long)(b << 16 | a));
    return val_str_nocopy(out.p, out.len);
}
