/* fn_pki.c - Sprig's certificate functions that take caller keys (crypto.go, Sprig
 * v3.3.0): genCAWithKey, genSelfSignedCertWithKey, genSignedCertWithKey and
 * buildCustomCert, on OpenSSL's libcrypto.
 *
 * Keys are read as Sprig's parsePrivateKeyPEM does (the first PEM block: "PRIVATE KEY"
 * = PKCS#8, "RSA/EC/DSA PRIVATE KEY"), certificates are built as Go's
 * x509.CreateCertificate writes Sprig's template (v3, serial < 2^128, CN subject, key
 * usage, server+client auth, basic constraints, SKID for CAs as helm's Go computes it,
 * AKID from the signer, SAN DNS names then IPs), signed with the signer's algorithm
 * (SHA256-RSA, ECDSA with the curve's hash, Ed25519), and the key is re-encoded as
 * Sprig's pemBlockForKey does.  Results are `sprig.certificate` objects {Cert, Key}.
 * Every libcrypto object is released with the arena (arena_defer), so throwing is safe. */
#include "fn_pki.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

/* ---------------------------------------------------------------- arena-owned libcrypto objects */

static void free_pkey(void *p) { EVP_PKEY_free(p); }
static void free_x509(void *p) { X509_free(p); }
static void free_bio(void *p) { BIO_free(p); }

static EVP_PKEY *own_pkey(EVP_PKEY *k) { if (k) arena_defer(free_pkey, k); return k; }
static X509 *own_x509(X509 *x) { if (x) arena_defer(free_x509, x); return x; }

/* ---------------------------------------------------------------- PEM (encoding/pem) */

/* pem.EncodeToMemory: 64-column base64 lines. */
static void pem_encode(sg_buf *out, const char *type, const unsigned char *der, size_t n)
{
    buf_printf(out, "-----BEGIN %s-----\n", type);
    unsigned char line[80];
    for (size_t i = 0; i < n; i += 48) {
        size_t k = n - i < 48 ? n - i : 48;
        int w = EVP_EncodeBlock(line, der + i, (int)k);
        buf_put(out, (const char *)line, (size_t)w);
        buf_putc(out, '\n');
    }
    buf_printf(out, "-----END %s-----\n", type);
}

typedef struct pemblock { const char *type; unsigned char *der; size_t n; } pemblock;

/* pem.Decode of the first block; false when there is none. */
static bool pem_decode(const char *text, size_t len, pemblock *b)
{
    BIO *bio = BIO_new_mem_buf(text, (int)(len > 0x7fffffff ? 0x7fffffff : len));
    if (!bio) sg_throwf("out of memory");
    arena_defer(free_bio, bio);
    char *name = NULL, *header = NULL;
    unsigned char *data = NULL;
    long n = 0;
    int ok = PEM_read_bio(bio, &name, &header, &data, &n);
    if (ok) {
        b->type = sg_strdup(name);
        b->der = (unsigned char *)sg_strndup((const char *)data, (size_t)n);
        b->n = (size_t)n;
    }
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_free(data);
    ERR_clear_error();
    return ok != 0;
}

/* base64.StdEncoding.DecodeString (newlines ignored, padding required). */
static bool b64_decode(const char *s, size_t n, sg_buf *out)
{
    static const char *al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned acc = 0;
    int bits = 0, q = 0, pad = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r' || c == '\n') continue;
        if (c == '=') {
            if (q < 2) return false;
            pad++;
            q++;
            if (q == 4) { q = 0; }
            continue;
        }
        if (pad) return false;
        const char *p = strchr(al, c);
        if (!c || !p) return false;
        acc = acc << 6 | (unsigned)(p - al);
        bits += 6;
        q = (q + 1) % 4;
        if (bits >= 8) {
            bits -= 8;
            buf_putc(out, (char)(acc >> bits & 0xff));
        }
    }
    return q == 0;
}

/* ---------------------------------------------------------------- keys (parsePrivateKeyPEM) */

static const char *go_errmsg(const char *fallback) { ERR_clear_error(); return fallback; }

/* encoding/asn1's syntax error for a DER text whose outer element is cut short, or NULL
 * (then the caller's generic text stands: Go's structure errors are not reproduced). */
static const char *der_truncation(const unsigned char *d, size_t n)
{
    size_t i = 0;
    if (i >= n) return "asn1: syntax error: truncated tag or length";
    if ((d[i++] & 0x1f) == 0x1f) {
        do {
            if (i >= n) return "asn1: syntax error: truncated tag or length";
        } while (d[i++] & 0x80);
    }
    if (i >= n) return "asn1: syntax error: truncated tag or length";
    size_t len = d[i++];
    if (len & 0x80) {
        size_t k = len & 0x7f;
        if (k == 0) return "asn1: syntax error: indefinite length found (not DER)";
        len = 0;
        for (size_t j = 0; j < k; j++) {
            if (i >= n) return "asn1: syntax error: truncated tag or length";
            if (len >> 23) return "asn1: structure error: length too large";
            len = len << 8 | d[i++];
        }
    }
    if (len > n - i) return "asn1: syntax error: data truncated";
    return NULL;
}

/* Sprig's parsePrivateKeyPEM; throws "PREFIX: reason" with Sprig's reasons. */
static EVP_PKEY *parse_key(const char *text, size_t len, const char *prefix)
{
    pemblock b;
    if (!pem_decode(text, len, &b)) sg_throwf("%s: no PEM data in input", prefix);
    const unsigned char *p = b.der;
    EVP_PKEY *k = NULL;
    size_t tl = strlen(b.type);
    if (!strcmp(b.type, "PRIVATE KEY")) {
        const char *trunc = der_truncation(b.der, b.n);
        if (trunc) sg_throwf("%s: decoding PEM as PKCS#8: %s", prefix, trunc);
        PKCS8_PRIV_KEY_INFO *inf = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)b.n);
        if (inf) {
            /* x509.ParsePKCS8PrivateKey knows RSA, ECDSA, Ed25519 and X25519 only */
            const ASN1_OBJECT *alg = NULL;
            char oid[128] = "";
            PKCS8_pkey_get0(&alg, NULL, NULL, NULL, inf);
            int nid = alg ? OBJ_obj2nid(alg) : NID_undef;
            if (nid != NID_rsaEncryption && nid != NID_X9_62_id_ecPublicKey && nid != NID_ED25519 &&
                nid != NID_X25519) {
                if (alg) OBJ_obj2txt(oid, sizeof oid, alg, 1);
                PKCS8_PRIV_KEY_INFO_free(inf);
                ERR_clear_error();
                sg_throwf("%s: decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown "
                          "algorithm: %s", prefix, oid);
            }
            k = EVP_PKCS82PKEY(inf);
            PKCS8_PRIV_KEY_INFO_free(inf);
        }
        if (!k) sg_throwf("%s: decoding PEM as PKCS#8: %s", prefix, go_errmsg("x509: failed to parse private key"));
        return own_pkey(k);
    }
    if (tl < 12 || strcmp(b.type + tl - 12, " PRIVATE KEY"))
        sg_throwf("%s: no private key data in PEM block of type %s", prefix, b.type);
    const char *kind = sg_strndup(b.type, tl - 12);
    const char *trunc = der_truncation(b.der, b.n);
    if (trunc && !strcmp(kind, "RSA")) sg_throwf("%s: parsing RSA private key from PEM: %s", prefix, trunc);
    if (trunc && !strcmp(kind, "EC"))
        sg_throwf("%s: parsing EC private key from PEM: x509: failed to parse EC private key: %s", prefix, trunc);
    if (trunc && !strcmp(kind, "DSA")) sg_throwf("%s: parsing DSA private key from PEM: %s", prefix, trunc);
    if (!strcmp(kind, "RSA")) {
        k = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &p, (long)b.n);
        if (!k) sg_throwf("%s: parsing RSA private key from PEM: %s", prefix,
                          go_errmsg("x509: failed to parse private key"));
    } else if (!strcmp(kind, "EC")) {
        k = d2i_PrivateKey(EVP_PKEY_EC, NULL, &p, (long)b.n);
        if (!k) sg_throwf("%s: parsing EC private key from PEM: %s", prefix,
                          go_errmsg("x509: failed to parse EC private key"));
    } else if (!strcmp(kind, "DSA")) {
        k = d2i_PrivateKey(EVP_PKEY_DSA, NULL, &p, (long)b.n);
        if (!k) sg_throwf("%s: parsing DSA private key from PEM: %s", prefix,
                          go_errmsg("asn1: structure error"));
    } else {
        sg_throwf("%s: invalid private key type %s", prefix, b.type);
    }
    return own_pkey(k);
}

/* pemBlockForKey: RSA as PKCS#1, EC as SEC 1, DSA as OpenSSL's DSA sequence, others PKCS#8. */
const char *pki_key_pem(EVP_PKEY *k)
{
    sg_buf out;
    buf_init(&out);
    unsigned char *der = NULL;
    int n;
    const char *type;
    switch (EVP_PKEY_get_base_id(k)) {
    case EVP_PKEY_RSA: type = "RSA PRIVATE KEY"; n = i2d_PrivateKey(k, &der); break;
    case EVP_PKEY_EC: type = "EC PRIVATE KEY"; n = i2d_PrivateKey(k, &der); break;
    case EVP_PKEY_DSA: type = "DSA PRIVATE KEY"; n = i2d_PrivateKey(k, &der); break;
    default: {
        type = "PRIVATE KEY";
        PKCS8_PRIV_KEY_INFO *inf = EVP_PKEY2PKCS8(k);
        n = inf ? i2d_PKCS8_PRIV_KEY_INFO(inf, &der) : -1;
        PKCS8_PRIV_KEY_INFO_free(inf);
    }
    }
    if (n < 0) {
        ERR_clear_error();
        return "";
    }
    pem_encode(&out, type, der, (size_t)n);
    OPENSSL_free(der);
    return out.p;
}

/* ---------------------------------------------------------------- the template (getBaseCertTemplate) */

typedef struct tmpl {
    const char *cn;
    size_t cnn;
    sg_value dns;       /* list of strings */
    sg_buf ips;         /* (len byte, address) pairs */
    int64_t days;
    bool is_ca;
} tmpl;

static const char *vstr(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    gofmt_value(&b, v);
    return b.p;
}

/* getNetIPs / getAlternateDNSStrs; net.ParseIP + To4 for the encoding. */
static void tmpl_init(tmpl *t, sg_value cn, sg_value ips, sg_value dns, int64_t days, bool is_ca)
{
    t->cn = SP(cn);
    t->cnn = SN(cn);
    t->days = days;
    t->is_ca = is_ca;
    buf_init(&t->ips);
    for (size_t i = 0; i < list_len(ips); i++) {
        sg_value v = list_get(ips, i);
        if (v.kind != VK_STRING) sg_throwf("error parsing ip: %s is not a string", vstr(v));
        unsigned char a[16];
        char *s = sg_strndup(SP(v), SN(v));
        if (strlen(s) == SN(v) && inet_pton(AF_INET, s, a) == 1) {
            buf_putc(&t->ips, 4);
            buf_put(&t->ips, (char *)a, 4);
        } else if (strlen(s) == SN(v) && !strchr(s, '%') && inet_pton(AF_INET6, s, a) == 1) {
            static const unsigned char v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
            if (!memcmp(a, v4mapped, 12)) {
                buf_putc(&t->ips, 4);
                buf_put(&t->ips, (char *)a + 12, 4);
            } else {
                buf_putc(&t->ips, 16);
                buf_put(&t->ips, (char *)a, 16);
            }
        } else {
            sg_throwf("error parsing ip: %s", s);
        }
    }
    t->dns = val_list(0);
    for (size_t i = 0; i < list_len(dns); i++) {
        sg_value v = list_get(dns, i);
        if (v.kind != VK_STRING) sg_throwf("error processing alternate dns name: %s is not a string", vstr(v));
        list_push(t->dns, v);
    }
}

/* Go's asn1 PrintableString alphabet (plus '*' and '&', which Go also accepts). */
static bool printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              strchr(" '()+,-./:=?*&", c)) || !c)
            return false;
    }
    return true;
}

/* time.Now().Add(24h * days) in whole seconds, Duration overflow wrapping as Go's. */
static void set_validity(X509 *x, int64_t days)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t dur = (int64_t)((uint64_t)days * (uint64_t)86400000000000ULL);
    int64_t ns = (int64_t)ts.tv_nsec + dur % 1000000000;
    int64_t after = (int64_t)ts.tv_sec + dur / 1000000000 + (ns >= 1000000000 ? 1 : ns < 0 ? -1 : 0);
    ASN1_TIME *nb = ASN1_TIME_set(NULL, ts.tv_sec);
    ASN1_TIME *na = ASN1_TIME_set(NULL, (time_t)after);
    if (nb) X509_set1_notBefore(x, nb);
    if (na) X509_set1_notAfter(x, na);
    ASN1_TIME_free(nb);
    ASN1_TIME_free(na);
}

/* The Subject Key Identifier Go computes from the public key bits: SHA-256 truncated to
 * 160 bits since Go 1.25 (helm v4.1.4), SHA-1 before (helm v3.17.3, Go 1.23). */
static void skid_of(EVP_PKEY *k, unsigned char out[20])
{
    X509_PUBKEY *xp = NULL;
    const unsigned char *bits = NULL;
    int n = 0;
    unsigned char h[32];
    memset(out, 0, 20);
    if (X509_PUBKEY_set(&xp, k) == 1 && X509_PUBKEY_get0_param(NULL, &bits, &n, NULL, xp) == 1 &&
        EVP_Digest(bits, (size_t)n, h, NULL, sg_helm_major < 4 ? EVP_sha1() : EVP_sha256(), NULL) == 1)
        memcpy(out, h, 20);
    X509_PUBKEY_free(xp);
    ERR_clear_error();
}

static void add_ext(X509 *x, int nid, bool crit, void *v)
{
    if (X509_add1_ext_i2d(x, nid, v, crit ? 1 : 0, X509V3_ADD_APPEND) != 1) {
        ERR_clear_error();
        sg_throwf("error creating certificate: x509: cannot encode extension");
    }
}

/* The digest x509.CreateCertificate signs with for this key (NULL for Ed25519). */
static const EVP_MD *sign_md(EVP_PKEY *k)
{
    if (EVP_PKEY_get_base_id(k) != EVP_PKEY_EC) return EVP_PKEY_get_base_id(k) == EVP_PKEY_ED25519 ? NULL : EVP_sha256();
    int bits = EVP_PKEY_get_bits(k);
    return bits > 384 ? EVP_sha512() : bits > 256 ? EVP_sha384() : EVP_sha256();
}

/* getCertAndKey: the certificate of `t` for `key`, signed by (parent, signer); parent
 * NULL = self-signed. */
static const char *make_cert(const tmpl *t, EVP_PKEY *key, X509 *parent, EVP_PKEY *signer)
{
    int sid = EVP_PKEY_get_base_id(signer);
    if (sid != EVP_PKEY_RSA && sid != EVP_PKEY_EC && sid != EVP_PKEY_ED25519)
        sg_throwf("error creating certificate: x509: certificate private key does not implement crypto.Signer");
    int kid = EVP_PKEY_get_base_id(key);
    if (kid == EVP_PKEY_DSA)
        sg_throwf("error creating certificate: x509: unsupported public key type: *dsa.PublicKey");
    if (kid != EVP_PKEY_RSA && kid != EVP_PKEY_EC && kid != EVP_PKEY_ED25519 && kid != EVP_PKEY_X25519)
        sg_throwf("error creating certificate: x509: only RSA, ECDSA, Ed25519, and X25519 keys supported");
    X509 *x = own_x509(X509_new());
    if (!x) sg_throwf("out of memory");
    X509_set_version(x, 2);
    /* serial: rand.Int(rand.Reader, 2^128) */
    BIGNUM *bn = BN_new();
    ASN1_INTEGER *serial = NULL;
    if (bn && BN_rand(bn, 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1) serial = BN_to_ASN1_INTEGER(bn, NULL);
    BN_free(bn);
    if (!serial) { ERR_clear_error(); sg_throwf("unexpected EOF"); }
    X509_set_serialNumber(x, serial);
    ASN1_INTEGER_free(serial);
    /* subject: CN only (no attribute for an empty name) */
    X509_NAME *name = X509_get_subject_name(x);
    if (t->cnn)
        X509_NAME_add_entry_by_NID(name, NID_commonName,
                                   printable(t->cn, t->cnn) ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING,
                                   (const unsigned char *)t->cn, (int)t->cnn, -1, 0);
    X509_set_issuer_name(x, parent ? X509_get_subject_name(parent) : name);
    set_validity(x, t->days);
    X509_set_pubkey(x, key);
    /* extensions in Go's order: KeyUsage, ExtKeyUsage, BasicConstraints, SKID, AKID, SAN */
    ASN1_BIT_STRING *ku = ASN1_BIT_STRING_new();
    ASN1_BIT_STRING_set_bit(ku, 0, 1); /* digitalSignature */
    ASN1_BIT_STRING_set_bit(ku, 2, 1); /* keyEncipherment */
    if (t->is_ca) ASN1_BIT_STRING_set_bit(ku, 5, 1); /* keyCertSign */
    add_ext(x, NID_key_usage, true, ku);
    ASN1_BIT_STRING_free(ku);
    EXTENDED_KEY_USAGE *eku = sk_ASN1_OBJECT_new_null();
    sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_server_auth));
    sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_client_auth));
    add_ext(x, NID_ext_key_usage, false, eku);
    sk_ASN1_OBJECT_free(eku);
    BASIC_CONSTRAINTS *bc = BASIC_CONSTRAINTS_new();
    bc->ca = t->is_ca ? 0xff : 0;
    add_ext(x, NID_basic_constraints, true, bc);
    BASIC_CONSTRAINTS_free(bc);
    if (t->is_ca) {
        unsigned char id[20];
        skid_of(key, id);
        ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
        ASN1_OCTET_STRING_set(os, id, 20);
        add_ext(x, NID_subject_key_identifier, false, os);
        ASN1_OCTET_STRING_free(os);
    }
    if (parent) {
        /* the parent's SKID, when issuer and subject differ */
        const ASN1_OCTET_STRING *pid = X509_get0_subject_key_id(parent);
        if (pid && ASN1_STRING_length(pid) > 0 && X509_NAME_cmp(X509_get_subject_name(parent), name) != 0) {
            AUTHORITY_KEYID *ak = AUTHORITY_KEYID_new();
            ak->keyid = ASN1_OCTET_STRING_dup(pid);
            add_ext(x, NID_authority_key_identifier, false, ak);
            AUTHORITY_KEYID_free(ak);
        }
        ERR_clear_error();
    }
    if (list_len(t->dns) || t->ips.len) {
        GENERAL_NAMES *gn = sk_GENERAL_NAME_new_null();
        for (size_t i = 0; i < list_len(t->dns); i++) {
            sg_value d = list_get(t->dns, i);
            GENERAL_NAME *g = GENERAL_NAME_new();
            ASN1_IA5STRING *s = ASN1_IA5STRING_new();
            ASN1_STRING_set(s, SP(d), (int)SN(d));
            GENERAL_NAME_set0_value(g, GEN_DNS, s);
            sk_GENERAL_NAME_push(gn, g);
        }
        for (size_t i = 0; i < t->ips.len; i += 1 + (unsigned char)t->ips.p[i]) {
            GENERAL_NAME *g = GENERAL_NAME_new();
            ASN1_OCTET_STRING *s = ASN1_OCTET_STRING_new();
            ASN1_OCTET_STRING_set(s, (const unsigned char *)t->ips.p + i + 1, (unsigned char)t->ips.p[i]);
            GENERAL_NAME_set0_value(g, GEN_IPADD, s);
            sk_GENERAL_NAME_push(gn, g);
        }
        /* critical when the subject is empty (RFC 5280 4.2.1.6, as Go does) */
        add_ext(x, NID_subject_alt_name, t->cnn == 0, gn);
        GENERAL_NAMES_free(gn);
    }
    if (X509_sign(x, signer, sign_md(signer)) <= 0) {
        ERR_clear_error();
        sg_throwf("error creating certificate: x509: signature over certificate returned by signer is invalid");
    }
    unsigned char *der = NULL;
    int n = i2d_X509(x, &der);
    if (n < 0) { ERR_clear_error(); sg_throwf("error creating certificate: x509: cannot encode certificate"); }
    sg_buf out;
    buf_init(&out);
    pem_encode(&out, "CERTIFICATE", der, (size_t)n);
    OPENSSL_free(der);
    return out.p;
}

/* ---------------------------------------------------------------- the certificate struct */

typedef struct pkicert { const char *cert, *key; } pkicert;

static bool cert_field(sg_object *o, const char *name, sg_value *out)
{
    pkicert *c = o->data;
    if (!strcmp(name, "Cert")) { *out = val_cstr(c->cert); return true; }
    if (!strcmp(name, "Key")) { *out = val_cstr(c->key); return true; }
    return false;
}

static const char *cert_string(sg_object *o)
{
    pkicert *c = o->data;
    return sg_sprintf("{%s %s}", c->cert, c->key);
}

static sg_value cert_tojson(sg_object *o)
{
    pkicert *c = o->data;
    sg_value m = val_map();
    m.gotype = GT_STRUCT;
    map_set(m, "Cert", val_cstr(c->cert));
    map_set(m, "Key", val_cstr(c->key));
    return m;
}

const sg_objtype pki_cert_type = {
    .name = "sprig.certificate", .kindname = "struct", .field = cert_field,
    .string = cert_string, .tojson = cert_tojson,
};

sg_value pki_cert_value(const char *cert, const char *key)
{
    pkicert *c = sg_alloc(sizeof *c);
    c->cert = cert;
    c->key = key;
    return val_object(&pki_cert_type, c);
}

bool pki_cert_fields(sg_value v, const char **cert, const char **key)
{
    if (v.kind != VK_OBJECT || !v.u.o->type || !v.u.o->type->name || !v.u.o->type->field ||
        strcmp(v.u.o->type->name, "sprig.certificate"))
        return false;
    sg_value c = sg_nil, k = sg_nil;
    v.u.o->type->field(v.u.o, "Cert", &c);
    v.u.o->type->field(v.u.o, "Key", &k);
    *cert = c.kind == VK_STRING ? SP(c) : "";
    *key = k.kind == VK_STRING ? SP(k) : "";
    return true;
}

/* A `certificate` parameter as Go's reflection converts it (see fn_pki.h). */
void pki_cert_arg(sg_value v, const char **cert, const char **key)
{
    if (pki_cert_fields(v, cert, key)) return;
    if (v.kind == VK_NIL) sg_throwf("invalid value; expected sprig.certificate");
    sg_throwf("wrong type for value; expected sprig.certificate; got %s", val_typename(v));
}

/* ---------------------------------------------------------------- the functions */

sg_value pki_cert_for_key(EVP_PKEY *k, sg_value cn, sg_value ips, sg_value dns, int64_t days, bool is_ca,
                          const char *cacert, const char *cakey)
{
    X509 *ca = NULL;
    EVP_PKEY *signer = k;
    if (cacert) {
        pemblock b;
        if (!pem_decode(cacert, strlen(cacert), &b)) sg_throwf("unable to decode certificate");
        const unsigned char *p = b.der;
        ca = own_x509(d2i_X509(NULL, &p, (long)b.n));
        if (!ca) {
            ERR_clear_error();
            sg_throwf("error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate");
        }
        signer = parse_key(cakey, strlen(cakey), "error parsing private key");
    }
    tmpl t;
    tmpl_init(&t, cn, ips, dns, days, is_ca);
    return pki_cert_value(make_cert(&t, k, ca, signer), pki_key_pem(k));
}

/* genCAWithKey cn days key (the key is parsed first, as Sprig does) */
sg_value fn_gencawithkey(sg_fcall *c, int argc, sg_value *argv)
{
    EVP_PKEY *k = parse_key(SP(argv[2]), SN(argv[2]), "parsing private key");
    return pki_cert_for_key(k, argv[0], sg_nil, sg_nil, argv[1].u.i, true, NULL, NULL);
}

/* genSelfSignedCertWithKey cn ips dns days key */
sg_value fn_genselfsignedcertwithkey(sg_fcall *c, int argc, sg_value *argv)
{
    EVP_PKEY *k = parse_key(SP(argv[4]), SN(argv[4]), "parsing private key");
    return pki_cert_for_key(k, argv[0], argv[1], argv[2], argv[3].u.i, false, NULL, NULL);
}

/* genSignedCertWithKey cn ips dns days ca key */
sg_value fn_gensignedcertwithkey(sg_fcall *c, int argc, sg_value *argv)
{
    const char *cacert, *cakey;
    pki_cert_arg(argv[4], &cacert, &cakey);
    EVP_PKEY *k = parse_key(SP(argv[5]), SN(argv[5]), "parsing private key");
    return pki_cert_for_key(k, argv[0], argv[1], argv[2], argv[3].u.i, false, cacert, cakey);
}

/* buildCustomCert b64cert b64key */
sg_value fn_buildcustomcert(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf cert, key;
    buf_init(&cert);
    buf_init(&key);
    if (!b64_decode(SP(argv[0]), SN(argv[0]), &cert)) sg_throwf("unable to decode base64 certificate");
    if (!b64_decode(SP(argv[1]), SN(argv[1]), &key)) sg_throwf("unable to decode base64 private key");
    pemblock b;
    if (!pem_decode(cert.p, cert.len, &b)) sg_throwf("unable to decode certificate");
    const unsigned char *p = b.der;
    X509 *x = own_x509(d2i_X509(NULL, &p, (long)b.n));
    if (!x) {
        ERR_clear_error();
        sg_throwf("error parsing certificate: decodedCert.Bytes: x509: malformed certificate");
    }
    parse_key(key.p, key.len, "error parsing private key");
    return pki_cert_value(sg_strndup(cert.p, cert.len), sg_strndup(key.p, key.len));
}
