/* fn_pki.h - Sprig's certificate functions with caller keys (fn_pki.c, libcrypto):
 * genCAWithKey, genSelfSignedCertWithKey, genSignedCertWithKey, buildCustomCert. */
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

#endif
