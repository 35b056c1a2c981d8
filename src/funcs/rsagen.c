/* rsagen.c - RSA key generation (random probable primes, e = 65537) and PKCS#1 v1.5
 * SHA-256 signing, DSA (L2048/N256, Go's parameter search) and ECDSA P-256 key generation,
 * on a fixed-capacity bignum with Montgomery exponentiation. */
#include "rsagen.h"
#include "cryptoprim.h"
#include "../base/arena.h"
#include <string.h>

#define BN_MAX 140

typedef struct bn { uint32_t v[BN_MAX]; int n; } bn;

static void norm(bn *a)
{
    while (a->n > 0 && a->v[a->n - 1] == 0) a->n--;
}

static void set_u32(bn *a, uint32_t x)
{
    memset(a, 0, sizeof *a);
    a->v[0] = x;
    a->n = x ? 1 : 0;
}

static void from_bytes(bn *a, const unsigned char *p, size_t len)
{
    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < len; i++) {
        size_t bit = (len - 1 - i) * 8;
        a->v[bit / 32] |= (uint32_t)p[i] << (bit % 32);
    }
    a->n = (int)((len + 3) / 4);
    norm(a);
}

static const unsigned char *to_bytes(const bn *a, size_t *len)
{
    size_t nb = (size_t)a->n * 4;
    unsigned char *out = sg_alloc(nb + 1);
    for (size_t i = 0; i < nb; i++) out[nb - 1 - i] = (unsigned char)(a->v[i / 4] >> (8 * (i % 4)));
    size_t skip = 0;
    while (skip + 1 < nb && out[skip] == 0) skip++;
    if (nb == 0) { *len = 1; return out; } /* zero */
    *len = nb - skip;
    return out + skip;
}

static int cmp(const bn *a, const bn *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->v[i] != b->v[i]) return a->v[i] < b->v[i] ? -1 : 1;
    return 0;
}

static void add(bn *r, const bn *a, const bn *b)
{
    int n = a->n > b->n ? a->n : b->n;
    uint64_t c = 0;
    bn t;
    memset(&t, 0, sizeof t);
    for (int i = 0; i < n; i++) {
        c += (uint64_t)a->v[i] + b->v[i];
        t.v[i] = (uint32_t)c;
        c >>= 32;
    }
    t.v[n] = (uint32_t)c;
    t.n = n + 1;
    norm(&t);
    *r = t;
}

/* r = a - b, a >= b */
static void sub(bn *r, const bn *a, const bn *b)
{
    int64_t br = 0;
    bn t;
    memset(&t, 0, sizeof t);
    for (int i = 0; i < a->n; i++) {
        int64_t d = (int64_t)a->v[i] - (i < b->n ? b->v[i] : 0) - br;
        br = d < 0;
        t.v[i] = (uint32_t)(d + (br ? ((int64_t)1 << 32) : 0));
    }
    t.n = a->n;
    norm(&t);
    *r = t;
}

static void mul(bn *r, const bn *a, const bn *b)
{
    bn t;
    memset(&t, 0, sizeof t);
    for (int i = 0; i < a->n; i++) {
        uint64_t c = 0;
        for (int j = 0; j < b->n; j++) {
            c += (uint64_t)a->v[i] * b->v[j] + t.v[i + j];
            t.v[i + j] = (uint32_t)c;
            c >>= 32;
        }
        t.v[i + b->n] = (uint32_t)c;
    }
    t.n = a->n + b->n;
    norm(&t);
    *r = t;
}

static int bits(const bn *a)
{
    if (a->n == 0) return 0;
    uint32_t top = a->v[a->n - 1];
    int b = 0;
    while (top) { b++; top >>= 1; }
    return (a->n - 1) * 32 + b;
}

static int bit(const bn *a, int i) { return (int)((a->v[i / 32] >> (i % 32)) & 1); }

/* r = a mod m (shift-subtract) */
static void mod(bn *r, const bn *a, const bn *m)
{
    bn t;
    set_u32(&t, 0);
    for (int i = bits(a) - 1; i >= 0; i--) {
        /* t = 2t + bit */
        uint32_t c = (uint32_t)bit(a, i);
        for (int k = 0; k < t.n; k++) {
            uint32_t nc = t.v[k] >> 31;
            t.v[k] = t.v[k] << 1 | c;
            c = nc;
        }
        if (c) t.v[t.n++] = c;
        if (cmp(&t, m) >= 0) sub(&t, &t, m);
    }
    *r = t;
}

static uint32_t mod_small(const bn *a, uint32_t m)
{
    uint64_t r = 0;
    for (int i = a->n - 1; i >= 0; i--) r = ((r << 32) | a->v[i]) % m;
    return (uint32_t)r;
}

/* r = a / m, returning the remainder */
static uint32_t div_small(bn *r, const bn *a, uint32_t m)
{
    uint64_t rem = 0;
    bn t;
    memset(&t, 0, sizeof t);
    for (int i = a->n - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | a->v[i];
        t.v[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
    t.n = a->n;
    norm(&t);
    *r = t;
    return (uint32_t)rem;
}

/* ---- Montgomery arithmetic modulo an odd m of k limbs ---- */

typedef struct mont { bn m; int k; uint32_t minv; bn rr; } mont;

static void mont_init(mont *c, const bn *m)
{
    c->m = *m;
    c->k = m->n;
    uint32_t x = m->v[0];
    for (int i = 0; i < 5; i++) x *= 2 - m->v[0] * x;
    c->minv = (uint32_t)(0 - x);
    /* R^2 mod m by doubling 1 (2 * 32k times) */
    bn r;
    set_u32(&r, 1);
    for (int i = 0; i < 64 * c->k; i++) {
        add(&r, &r, &r);
        if (cmp(&r, m) >= 0) sub(&r, &r, m);
    }
    c->rr = r;
}

static void mont_mul(const mont *c, bn *r, const bn *a, const bn *b)
{
    int k = c->k;
    uint32_t t[2 * BN_MAX + 2];
    memset(t, 0, sizeof(uint32_t) * (size_t)(k + 2));
    for (int i = 0; i < k; i++) {
        uint64_t C = 0;
        uint32_t bi = b->v[i]; /* limbs past n are always zero */
        for (int j = 0; j < k; j++) {
            C += (uint64_t)t[j] + (uint64_t)a->v[j] * bi;
            t[j] = (uint32_t)C;
            C >>= 32;
        }
        C += t[k];
        t[k] = (uint32_t)C;
        t[k + 1] = (uint32_t)(C >> 32);
        uint32_t mm = t[0] * c->minv;
        C = (uint64_t)t[0] + (uint64_t)mm * c->m.v[0];
        C >>= 32;
        for (int j = 1; j < k; j++) {
            C += (uint64_t)t[j] + (uint64_t)mm * c->m.v[j];
            t[j - 1] = (uint32_t)C;
            C >>= 32;
        }
        C += t[k];
        t[k - 1] = (uint32_t)C;
        t[k] = t[k + 1] + (uint32_t)(C >> 32);
    }
    bn res;
    memset(&res, 0, sizeof res);
    memcpy(res.v, t, sizeof(uint32_t) * (size_t)(k + 1));
    res.n = k + 1;
    norm(&res);
    if (cmp(&res, &c->m) >= 0) sub(&res, &res, &c->m);
    *r = res;
}

/* r = base^exp mod m (m odd) */
static void modexp(bn *r, const bn *base, const bn *exp, const mont *c)
{
    bn b, x, one;
    mod(&b, base, &c->m);
    mont_mul(c, &b, &b, &c->rr);        /* b R */
    set_u32(&one, 1);
    mont_mul(c, &x, &one, &c->rr);      /* R */
    for (int i = bits(exp) - 1; i >= 0; i--) {
        mont_mul(c, &x, &x, &x);
        if (bit(exp, i)) mont_mul(c, &x, &x, &b);
    }
    mont_mul(c, r, &x, &one);
}

static bool random_bn(bn *a, int nbits)
{
    unsigned char buf[BN_MAX * 4];
    size_t nb = (size_t)(nbits + 7) / 8;
    if (!crypto_random(buf, nb)) return false;
    int extra = (int)(nb * 8) - nbits;
    buf[0] &= (unsigned char)(0xff >> extra);
    from_bytes(a, buf, nb);
    return true;
}

static uint16_t sieve_primes[3300];
static size_t nsieve;

/* Odd primes below 30000, for trial division before Miller-Rabin. */
static void init_sieve(void)
{
    if (nsieve) return;
    static unsigned char comp[30000];
    for (int i = 3; i < 30000; i += 2) {
        if (comp[i]) continue;
        sieve_primes[nsieve++] = (uint16_t)i;
        for (int j = i * i; j < 30000; j += 2 * i) comp[j] = 1;
    }
}

static bool has_small_factor(const bn *a)
{
    init_sieve();
    for (size_t i = 0; i < nsieve; i++)
        if (mod_small(a, sieve_primes[i]) == 0) return true;
    return false;
}

static const uint16_t small_primes[] = {
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193,
    197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281, 283, 293, 307,
    311, 313, 317, 331, 337, 347, 349, 353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421,
    431, 433, 439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509, 521, 523, 541, 547,
    557, 563, 569, 571, 577, 587, 593, 599, 601, 607, 613, 617, 619, 631, 641, 643, 647, 653, 659,
    661, 673, 677, 683, 691, 701, 709, 719, 727, 733, 739, 743, 751, 757, 761, 769, 773, 787, 797,
    809, 811, 821, 823, 827, 829, 839, 853, 857, 859, 863, 877, 881, 883, 887, 907, 911, 919, 929,
    937, 941, 947, 953, 967, 971, 977, 983, 991, 997,
};

/* Miller-Rabin with `rounds` random bases (the first is 2). */
static bool probably_prime(const bn *n, int rounds, bool *ok)
{
    bn nm1, d, one, x, a, nm3;
    set_u32(&one, 1);
    sub(&nm1, n, &one);
    d = nm1;
    int s = 0;
    while (d.n > 0 && !(d.v[0] & 1)) {
        div_small(&d, &d, 2);
        s++;
    }
    mont c;
    mont_init(&c, n);
    bn three;
    set_u32(&three, 3);
    sub(&nm3, n, &three);
    for (int r = 0; r < rounds; r++) {
        if (r == 0) set_u32(&a, 2);
        else {
            if (!random_bn(&a, bits(n))) { *ok = false; return false; }
            mod(&a, &a, &nm3);
            bn two;
            set_u32(&two, 2);
            add(&a, &a, &two);
        }
        modexp(&x, &a, &d, &c);
        if (cmp(&x, &one) == 0 || cmp(&x, &nm1) == 0) continue;
        bool witness = true;
        for (int i = 1; i < s; i++) {
            mont_mul(&c, &x, &x, &x);        /* x^2 R^-1 */
            mont_mul(&c, &x, &x, &c.rr);     /* back to x^2 */
            if (cmp(&x, &nm1) == 0) { witness = false; break; }
        }
        if (witness) return false;
    }
    return true;
}

static bool gen_prime(bn *p, int nbits)
{
    for (;;) {
        if (!random_bn(p, nbits)) return false;
        p->v[(nbits - 1) / 32] |= 1u << ((nbits - 1) % 32);
        p->v[(nbits - 2) / 32] |= 1u << ((nbits - 2) % 32);
        p->v[0] |= 1;
        p->n = (nbits + 31) / 32;
        if (has_small_factor(p)) continue;
        if (mod_small(p, 65537) == 1) continue; /* e must be invertible mod p-1 */
        bool ok = true;
        if (probably_prime(p, 20, &ok)) return true;
        if (!ok) return false;
    }
}

static uint64_t powmod64(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1;
    b %= m;
    while (e) {
        if (e & 1) r = r * b % m;
        b = b * b % m;
        e >>= 1;
    }
    return r;
}

bool rsa_generate(int nbits, rsa_key *k)
{
    bn p, q, n, one, pm1, qm1, phi, d, dp, dq, qinv, e;
    set_u32(&one, 1);
    set_u32(&e, 65537);
    do {
        if (!gen_prime(&p, nbits / 2) || !gen_prime(&q, nbits - nbits / 2)) return false;
        mul(&n, &p, &q);
    } while (cmp(&p, &q) == 0 || bits(&n) != nbits);
    sub(&pm1, &p, &one);
    sub(&qm1, &q, &one);
    mul(&phi, &pm1, &qm1);
    /* d = (1 + k*phi) / e with k = -phi^-1 mod e */
    uint64_t f = mod_small(&phi, 65537);
    uint64_t finv = powmod64(f, 65537 - 2, 65537);
    uint32_t kk = (uint32_t)((65537 - finv) % 65537);
    bn kb, t;
    set_u32(&kb, kk);
    mul(&t, &phi, &kb);
    add(&t, &t, &one);
    div_small(&d, &t, 65537);
    mod(&dp, &d, &pm1);
    mod(&dq, &d, &qm1);
    /* qinv = q^(p-2) mod p */
    mont cp;
    mont_init(&cp, &p);
    bn pm2, two;
    set_u32(&two, 2);
    sub(&pm2, &p, &two);
    modexp(&qinv, &q, &pm2, &cp);
    k->n = to_bytes(&n, &k->nn);
    k->e = to_bytes(&e, &k->en);
    k->d = to_bytes(&d, &k->dn);
    k->p = to_bytes(&p, &k->pn);
    k->q = to_bytes(&q, &k->qn);
    k->dp = to_bytes(&dp, &k->dpn);
    k->dq = to_bytes(&dq, &k->dqn);
    k->qinv = to_bytes(&qinv, &k->qinvn);
    return true;
}

const unsigned char *rsa_sign_sha256(const rsa_key *k, const void *msg, size_t mn, size_t *outn)
{
    static const unsigned char prefix[] = { 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                            0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20 };
    size_t len = k->nn;
    unsigned char *em = sg_alloc(len);
    unsigned char h[32];
    crypto_sha256(msg, mn, h);
    size_t tlen = sizeof prefix + 32;
    em[0] = 0;
    em[1] = 1;
    memset(em + 2, 0xff, len - tlen - 3);
    em[len - tlen - 1] = 0;
    memcpy(em + len - tlen, prefix, sizeof prefix);
    memcpy(em + len - 32, h, 32);
    bn m, n, d, s;
    from_bytes(&m, em, len);
    from_bytes(&n, k->n, k->nn);
    from_bytes(&d, k->d, k->dn);
    mont c;
    mont_init(&c, &n);
    modexp(&s, &m, &d, &c);
    size_t sl;
    const unsigned char *sb = to_bytes(&s, &sl);
    unsigned char *out = sg_alloc(len);
    memset(out, 0, len - sl);
    memcpy(out + len - sl, sb, sl);
    *outn = len;
    return out;
}

/* ---------------------------------------------------------------- DSA */

static void put_fixed(const bn *a, unsigned char *out, size_t len)
{
    size_t l;
    const unsigned char *b = to_bytes(a, &l);
    memset(out, 0, len);
    if (a->n == 0) return;
    memcpy(out + len - l, b, l);
}

bool dsa_generate(dsa_key *k)
{
    bn q, p, one, pm1, e, g, h, x, y;
    set_u32(&one, 1);
    for (;;) {
        if (!random_bn(&q, 256)) return false;
        q.v[7] |= 0x80000000u;
        q.v[0] |= 1;
        q.n = 8;
        bool composite = false;
        for (size_t i = 0; i < sizeof small_primes / sizeof small_primes[0] && !composite; i++)
            if (mod_small(&q, small_primes[i]) == 0) composite = true;
        bool ok = true;
        if (composite || !probably_prime(&q, 20, &ok)) {
            if (!ok) return false;
            continue;
        }
        bool found = false;
        for (int i = 0; i < 4 * 2048 && !found; i++) {
            if (!random_bn(&p, 2048)) return false;
            p.v[63] |= 0x80000000u;
            p.v[0] |= 1;
            p.n = 64;
            /* p -= (p mod q) - 1, so that p = 1 mod q */
            bn r0;
            mod(&r0, &p, &q);
            if (r0.n == 0) add(&p, &p, &one);
            else { sub(&r0, &r0, &one); sub(&p, &p, &r0); }
            if (bits(&p) < 2048) continue;
            if (has_small_factor(&p)) continue;
            if (probably_prime(&p, 20, &ok)) found = true;
            else if (!ok) return false;
        }
        if (found) break;
    }
    sub(&pm1, &p, &one);
    /* e = (p-1)/q by long division (shift-subtract) */
    bn quo;
    set_u32(&quo, 0);
    {
        bn r;
        set_u32(&r, 0);
        memset(&quo, 0, sizeof quo);
        for (int i = bits(&pm1) - 1; i >= 0; i--) {
            uint32_t c = (uint32_t)bit(&pm1, i);
            for (int kk = 0; kk < r.n; kk++) {
                uint32_t nc = r.v[kk] >> 31;
                r.v[kk] = r.v[kk] << 1 | c;
                c = nc;
            }
            if (c) r.v[r.n++] = c;
            if (cmp(&r, &q) >= 0) {
                sub(&r, &r, &q);
                quo.v[i / 32] |= 1u << (i % 32);
            }
        }
        quo.n = BN_MAX;
        norm(&quo);
    }
    e = quo;
    mont cp;
    mont_init(&cp, &p);
    set_u32(&h, 2);
    for (;;) {
        modexp(&g, &h, &e, &cp);
        if (cmp(&g, &one) != 0) break;
        add(&h, &h, &one);
    }
    for (;;) {
        if (!random_bn(&x, 256)) return false;
        if (x.n != 0 && cmp(&x, &q) < 0) break;
    }
    modexp(&y, &g, &x, &cp);
    k->p = to_bytes(&p, &k->pn);
    k->q = to_bytes(&q, &k->qn);
    k->g = to_bytes(&g, &k->gn);
    k->y = to_bytes(&y, &k->yn);
    k->x = to_bytes(&x, &k->xn);
    return true;
}

/* ---------------------------------------------------------------- ECDSA P-256 */

static const unsigned char P256_P[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const unsigned char P256_N[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51 };
static const unsigned char P256_B[32] = {
    0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc,
    0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6, 0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b };
static const unsigned char P256_GX[32] = {
    0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2,
    0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96 };
static const unsigned char P256_GY[32] = {
    0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16,
    0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5 };

static bn FP;

static void fmul(bn *r, const bn *a, const bn *b) { bn t; mul(&t, a, b); mod(r, &t, &FP); }
static void fadd(bn *r, const bn *a, const bn *b) { add(r, a, b); if (cmp(r, &FP) >= 0) sub(r, r, &FP); }
static void fsub(bn *r, const bn *a, const bn *b)
{
    if (cmp(a, b) >= 0) sub(r, a, b);
    else { bn t; add(&t, a, &FP); sub(r, &t, b); }
}

typedef struct jpt { bn x, y, z; bool inf; } jpt;

static void pdouble(jpt *r, const jpt *p)
{
    if (p->inf || p->y.n == 0) { r->inf = true; return; }
    bn delta, gamma, beta, alpha, t1, t2, x3, y3, z3;
    fmul(&delta, &p->z, &p->z);
    fmul(&gamma, &p->y, &p->y);
    fmul(&beta, &p->x, &gamma);
    fsub(&t1, &p->x, &delta);
    fadd(&t2, &p->x, &delta);
    fmul(&alpha, &t1, &t2);
    fadd(&t1, &alpha, &alpha);
    fadd(&alpha, &t1, &alpha);
    fmul(&x3, &alpha, &alpha);
    fadd(&t1, &beta, &beta); fadd(&t1, &t1, &t1); fadd(&t2, &t1, &t1); /* t1 = 4b, t2 = 8b */
    fsub(&x3, &x3, &t2);
    fadd(&z3, &p->y, &p->z);
    fmul(&z3, &z3, &z3);
    fsub(&z3, &z3, &gamma);
    fsub(&z3, &z3, &delta);
    fsub(&t1, &t1, &x3);
    fmul(&y3, &alpha, &t1);
    fmul(&t2, &gamma, &gamma);
    fadd(&t2, &t2, &t2); fadd(&t2, &t2, &t2); fadd(&t2, &t2, &t2);
    fsub(&y3, &y3, &t2);
    r->x = x3; r->y = y3; r->z = z3; r->inf = false;
}

static void padd(jpt *r, const jpt *p, const jpt *q)
{
    if (p->inf) { *r = *q; return; }
    if (q->inf) { *r = *p; return; }
    bn z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t, x3, y3, z3;
    fmul(&z1z1, &p->z, &p->z);
    fmul(&z2z2, &q->z, &q->z);
    fmul(&u1, &p->x, &z2z2);
    fmul(&u2, &q->x, &z1z1);
    fmul(&t, &q->z, &z2z2);
    fmul(&s1, &p->y, &t);
    fmul(&t, &p->z, &z1z1);
    fmul(&s2, &q->y, &t);
    fsub(&h, &u2, &u1);
    fsub(&rr, &s2, &s1);
    if (h.n == 0) {
        if (rr.n == 0) { pdouble(r, p); return; }
        r->inf = true;
        return;
    }
    fadd(&i, &h, &h);
    fmul(&i, &i, &i);
    fmul(&j, &h, &i);
    fadd(&rr, &rr, &rr);
    fmul(&v, &u1, &i);
    fmul(&x3, &rr, &rr);
    fsub(&x3, &x3, &j);
    fsub(&x3, &x3, &v);
    fsub(&x3, &x3, &v);
    fsub(&t, &v, &x3);
    fmul(&y3, &rr, &t);
    fmul(&t, &s1, &j);
    fadd(&t, &t, &t);
    fsub(&y3, &y3, &t);
    fadd(&z3, &p->z, &q->z);
    fmul(&z3, &z3, &z3);
    fsub(&z3, &z3, &z1z1);
    fsub(&z3, &z3, &z2z2);
    fmul(&z3, &z3, &h);
    r->x = x3; r->y = y3; r->z = z3; r->inf = false;
}

bool ecdsa_p256_generate(unsigned char dout[32], unsigned char xout[32], unsigned char yout[32])
{
    bn n, d, one;
    from_bytes(&FP, P256_P, 32);
    from_bytes(&n, P256_N, 32);
    set_u32(&one, 1);
    for (;;) {
        if (!random_bn(&d, 256)) return false;
        if (d.n != 0 && cmp(&d, &n) < 0) break;
    }
    jpt g, r;
    from_bytes(&g.x, P256_GX, 32);
    from_bytes(&g.y, P256_GY, 32);
    g.z = one;
    g.inf = false;
    r.inf = true;
    for (int i = bits(&d) - 1; i >= 0; i--) {
        pdouble(&r, &r);
        if (bit(&d, i)) padd(&r, &r, &g);
    }
    /* affine: x = X / Z^2, y = Y / Z^3 with Z^-1 = Z^(p-2) */
    mont c;
    mont_init(&c, &FP);
    bn pm2, two, zi, zi2, zi3, x, y;
    set_u32(&two, 2);
    sub(&pm2, &FP, &two);
    modexp(&zi, &r.z, &pm2, &c);
    fmul(&zi2, &zi, &zi);
    fmul(&zi3, &zi2, &zi);
    fmul(&x, &r.x, &zi2);
    fmul(&y, &r.y, &zi3);
    /* sanity: y^2 == x^3 - 3x + b */
    bn b, lhs, rhs, t;
    from_bytes(&b, P256_B, 32);
    fmul(&lhs, &y, &y);
    fmul(&rhs, &x, &x);
    fmul(&rhs, &rhs, &x);
    fadd(&t, &x, &x);
    fadd(&t, &t, &x);
    fsub(&rhs, &rhs, &t);
    fadd(&rhs, &rhs, &b);
    if (cmp(&lhs, &rhs) != 0) return false;
    put_fixed(&d, dout, 32);
    put_fixed(&x, xout, 32);
    put_fixed(&y, yout, 32);
    return true;
}
