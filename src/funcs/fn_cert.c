/* fn_cert.c - Sprig's functions that generate their own keys (crypto.go, Sprig v3.3.0):
 * genPrivateKey (rsa 4096, dsa L2048N256, ecdsa P-256, ed25519 in Sprig's PEM blocks) and
 * genCA / genSelfSignedCert / genSignedCert (a fresh RSA-2048 key, then fn_pki.c's
 * certificate builder, the one the *WithKey functions use).  Keys come from libcrypto and
 * are released with the arena. */
#include "fn_ext.h"
#include "fn_pki.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include <openssl/dsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

static void free_pkey(void *p) { EVP_PKEY_free(p); }

static EVP_PKEY *owned(EVP_PKEY *k)
{
    ERR_clear_error();
    if (k) arena_defer(free_pkey, k);
    return k;
}

/* dsa.GenerateParameters(L2048N256) + dsa.GenerateKey; NULL on failure. */
static EVP_PKEY *dsa_keygen(void)
{
    EVP_PKEY *params = NULL, *k = NULL;
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
    if (pc && EVP_PKEY_paramgen_init(pc) == 1 && EVP_PKEY_CTX_set_dsa_paramgen_bits(pc, 2048) == 1 &&
        EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pc, 256) == 1)
        EVP_PKEY_paramgen(pc, &params);
    EVP_PKEY_CTX_free(pc);
    if (!params) return NULL;
    EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL);
    if (kc && EVP_PKEY_keygen_init(kc) == 1) EVP_PKEY_keygen(kc, &k);
    EVP_PKEY_CTX_free(kc);
    EVP_PKEY_free(params);
    return k;
}

/* rsa.GenerateKey(rand.Reader, bits) as an arena-owned key; throws `what: unexpected EOF`. */
static EVP_PKEY *rsa_key(size_t bits, const char *what)
{
    EVP_PKEY *k = owned(EVP_PKEY_Q_keygen(NULL, NULL, "RSA", bits));
    if (!k) sg_throwf("%s: unexpected EOF", what);
    return k;
}

/* genCA cn days */
sg_value fn_genca(sg_fcall *c, int argc, sg_value *argv)
{
    EVP_PKEY *k = rsa_key(2048, "error generating rsa key");
    return pki_cert_for_key(k, argv[0], sg_nil, sg_nil, argv[1].u.i, true, NULL, NULL);
}

/* genSelfSignedCert cn ips dns days */
sg_value fn_genselfsignedcert(sg_fcall *c, int argc, sg_value *argv)
{
    EVP_PKEY *k = rsa_key(2048, "error generating rsa key");
    return pki_cert_for_key(k, argv[0], argv[1], argv[2], argv[3].u.i, false, NULL, NULL);
}

/* genSignedCert cn ips dns days ca: any sprig.certificate (genCA's, buildCustomCert's,
 * the *WithKey functions') signs; the CA is converted before the key is made, as Go's
 * reflection does. */
sg_value fn_gensignedcert(sg_fcall *c, int argc, sg_value *argv)
{
    const char *cacert, *cakey;
    pki_cert_arg(argv[4], &cacert, &cakey);
    EVP_PKEY *k = rsa_key(2048, "error generating rsa key");
    return pki_cert_for_key(k, argv[0], argv[1], argv[2], argv[3].u.i, false, cacert, cakey);
}

/* genPrivateKey type: the PEM text, or Sprig's message as the result (never throws). */
sg_value fn_genprivatekey(sg_fcall *c, int argc, sg_value *argv)
{
    const char *t = SP(argv[0]);
    EVP_PKEY *k;
    if (SN(argv[0]) == 0 || !strcmp(t, "rsa")) {
        k = owned(EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)4096));
    } else if (!strcmp(t, "dsa")) {
        k = owned(dsa_keygen());
        if (!k) return val_cstr("failed to generate dsa params: unexpected EOF");
    } else if (!strcmp(t, "ecdsa")) {
        k = owned(EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256"));
    } else if (!strcmp(t, "ed25519")) {
        k = owned(EVP_PKEY_Q_keygen(NULL, NULL, "ED25519"));
    } else {
        sg_buf m;
        buf_init(&m);
        buf_puts(&m, "Unknown type ");
        buf_put(&m, SP(argv[0]), SN(argv[0]));
        return val_str_nocopy(m.p, m.len);
    }
    if (!k) return val_cstr("failed to generate private key: unexpected EOF");
    return val_cstr(pki_key_pem(k));
}
