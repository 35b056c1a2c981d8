/* cryptoprim.h - the primitives behind Sprig's crypto functions: SHA-256, HMAC-SHA256,
 * scrypt (for derivePassword), bcrypt as golang.org/x/crypto/bcrypt produces it, and
 * random bytes from the kernel. */
#ifndef SG_CRYPTOPRIM_H
#define SG_CRYPTOPRIM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SHA-256 of data into out[32]. */
void crypto_sha256(const void *data, size_t n, unsigned char out[32]);
/* HMAC-SHA256(key, msg) into out[32]. */
void crypto_hmac_sha256(const void *key, size_t kn, const void *msg, size_t mn, unsigned char out[32]);
/* scrypt.Key(password, salt, N, r, p, keyLen); false if the parameters are invalid or memory
 * is short. */
bool crypto_scrypt(const void *pw, size_t pn, const void *salt, size_t sn, uint64_t N, uint32_t r,
                   uint32_t p, unsigned char *out, size_t outlen);
/* bcrypt hash "$2a$CC$<22 salt><31 hash>" (60 chars + NUL into out[61]) of password with
 * the 16-byte salt and cost 4..31.  The password must be at most 72 bytes. */
void crypto_bcrypt(const void *pw, size_t pn, const unsigned char salt[16], int cost, char out[61]);
/* n random bytes (getrandom / /dev/urandom); false on failure. */
bool crypto_random(void *buf, size_t n);

/* AES-256 (FIPS 197) single-block encryption/decryption with a 32-byte key; the expanded
 * key is kept in `ks` (60 words). */
typedef struct crypto_aes { uint32_t ek[60], dk[60]; } crypto_aes;
void crypto_aes256_init(crypto_aes *a, const unsigned char key[32]);
void crypto_aes_encrypt(const crypto_aes *a, const unsigned char in[16], unsigned char out[16]);
void crypto_aes_decrypt(const crypto_aes *a, const unsigned char in[16], unsigned char out[16]);

#endif
