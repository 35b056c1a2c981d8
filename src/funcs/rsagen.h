/* rsagen.h - RSA key generation and PKCS#1 v1.5 SHA-256 signatures on a small bignum,
 * for Sprig's genCA / genSelfSignedCert / genSignedCert. */
#ifndef SG_RSAGEN_H
#define SG_RSAGEN_H
#include <stdbool.h>
#include <stddef.h>

/* Big-endian magnitudes of an RSA private key (arena memory). */
typedef struct rsa_key {
    const unsigned char *n, *e, *d, *p, *q, *dp, *dq, *qinv;
    size_t nn, en, dn, pn, qn, dpn, dqn, qinvn;
} rsa_key;

/* A fresh key of `bits` (2048 or 4096) with e = 65537; false if entropy failed. */
bool rsa_generate(int bits, rsa_key *k);
/* RSASSA-PKCS1-v1_5 signature with SHA-256 of msg; out gets nn bytes (arena). */
const unsigned char *rsa_sign_sha256(const rsa_key *k, const void *msg, size_t mn, size_t *outn);


/* DSA key with L=2048, N=256 parameters generated as Go's dsa.GenerateParameters does;
 * big-endian magnitudes. */
typedef struct dsa_key { const unsigned char *p, *q, *g, *y, *x; size_t pn, qn, gn, yn, xn; } dsa_key;
bool dsa_generate(dsa_key *k);
/* ECDSA P-256 key: d (32 bytes) and the public point X, Y (32 bytes each). */
bool ecdsa_p256_generate(unsigned char d[32], unsigned char x[32], unsigned char y[32]);

#endif
