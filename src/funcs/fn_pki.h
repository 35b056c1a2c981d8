/* fn_pki.h - Sprig's certificate functions with caller keys (fn_pki.c, libcrypto):
 * genCAWithKey, genSelfSignedCertWithKey, genSignedCertWithKey, buildCustomCert; and the
 * one certificate builder fn_cert.c's genCA / genSelfSignedCert / genSignedCert use. */
#ifndef SG_FN_PKI_H
#define SG_FN_PKI_H
#include "../exec/functab.h"

#define FN(name, fn, sig, flags) sg_value fn(sg_fcall *, int, sg_value *);
#include "funcs_pki.def"
#undef FN

/* Sprig's `certificate` struct as this module makes it (Go type "sprig.certificate"). */
extern const sg_objtype pki_cert_type;
/* A new certificate object {Cert, Key} (strings kept, not copied: arena strings). */
sg_value pki_cert_value(const char *cert, const char *key);
/* If v is any "sprig.certificate" object (this module's or fn_cert.c's), its Cert and
 * Key strings; false otherwise. */
bool pki_cert_fields(sg_value v, const char **cert, const char **key);

/* A `certificate` parameter as Go's reflection converts it: its Cert and Key, or throws
 * Sprig's "invalid value; expected sprig.certificate" / "wrong type for value; ..." */
void pki_cert_arg(sg_value v, const char **cert, const char **key);

struct evp_pkey_st; /* libcrypto's EVP_PKEY */
/* Sprig's generate*WithKeyInternal: a certificate object {Cert, Key} for key `k` (any
 * libcrypto key; the caller keeps ownership) with getBaseCertTemplate(cn, ips, dns, days).
 * Self-signed (is_ca: a CA) when cacert is NULL, else signed by the PEM certificate
 * `cacert` and PEM key `cakey` (both parsed here, with Sprig's error texts).  Throws. */
sg_value pki_cert_for_key(struct evp_pkey_st *k, sg_value cn, sg_value ips, sg_value dns, int64_t days,
                          bool is_ca, const char *cacert, const char *cakey);
/* Sprig's pemBlockForKey as PEM text (RSA PKCS#1, EC SEC 1, DSA sequence, else PKCS#8);
 * "" when libcrypto cannot encode the key. */
const char *pki_key_pem(struct evp_pkey_st *k);

#endif
