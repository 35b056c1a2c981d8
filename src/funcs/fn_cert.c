/* fn_cert.c - Sprig's key and certificate functions genPrivateKey, genCA,
 * genSelfSignedCert and genSignedCert (crypto.go, Sprig v3.3.0): RSA-2048 keys, X.509 v3
 * certificates as Go's x509.CreateCertificate writes them for Sprig's templates (serial
 * < 2^128, CN subject, key usages, server+client auth, basic constraints, SAN IPs/DNS
 * names, key identifiers), signed with SHA256-RSA, PEM-encoded.  The result is Sprig's
 * `certificate` struct {Cert, Key}.  genPrivateKey writes rsa (4096), dsa, ecdsa (P-256)
 * and ed25519 keys in Sprig's PEM blocks. */
#include "fn_ext.h"
#include "cryptoprim.h"
#include "gotime.h"
#include "rsagen.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

/* ---------------------------------------------------------------- DER */

static void der_len(sg_buf *b, size_t n)
{
    if (n < 128) { buf_putc(b, (char)n); return; }
    unsigned char t[8];
    int k = 0;
    while (n) { t[k++] = (unsigned char)n; n >>= 8; }
    buf_putc(b, (char)(0x80 | k));
    while (k) buf_putc(b, (char)t[--k]);
}

static void der(sg_buf *b, unsigned char tag, const void *p, size_t n)
{
    buf_putc(b, (char)tag);
    der_len(b, n);
    buf_put(b, p, n);
}

static void der_buf(sg_buf *b, unsigned char tag, const sg_buf *in) { der(b, tag, in->p, in->len); }

/* INTEGER from a big-endian magnitude */
static void der_uint(sg_buf *b, const unsigned char *p, size_t n)
{
    while (n > 1 && p[0] == 0) { p++; n--; }
    sg_buf t;
    buf_init(&t);
    if (n == 0 || (p[0] & 0x80)) buf_putc(&t, 0);
    buf_put(&t, (const char *)p, n);
    der_buf(b, 0x02, &t);
}

static void der_small(sg_buf *b, unsigned v)
{
    unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v };
    der_uint(b, x, 4);
}

static void der_oid(sg_buf *b, const char *hex)
{
    sg_buf t;
    buf_init(&t);
    for (const char *p = hex; p[0] && p[1]; p += 2) {
        unsigned v;
        sscanf(p, "%2x", &v);
        buf_putc(&t, (char)v);
    }
    der_buf(b, 0x06, &t);
}

#define OID_RSA "2a864886f70d010101"
#define OID_SHA256RSA "2a864886f70d01010b"
#define OID_CN "550403"
#define OID_KEYUSAGE "551d0f"
#define OID_EXTKEYUSAGE "551d25"
#define OID_BASIC "551d13"
#define OID_SKID "551d0e"
#define OID_AKID "551d23"
#define OID_SAN "551d11"
#define OID_SERVERAUTH "2b06010505070301"
#define OID_CLIENTAUTH "2b06010505070302"

static void alg_id(sg_buf *b, const char *oid)
{
    sg_buf t;
    buf_init(&t);
    der_oid(&t, oid);
    der(&t, 0x05, "", 0);
    der_buf(b, 0x30, &t);
}

/* ---------------------------------------------------------------- keys and PEM */

static void pkcs1_private(sg_buf *b, const rsa_key *k)
{
    sg_buf t;
    buf_init(&t);
    der_small(&t, 0);
    der_uint(&t, k->n, k->nn);
    der_uint(&t, k->e, k->en);
    der_uint(&t, k->d, k->dn);
    der_uint(&t, k->p, k->pn);
    der_uint(&t, k->q, k->qn);
    der_uint(&t, k->dp, k->dpn);
    der_uint(&t, k->dq, k->dqn);
    der_uint(&t, k->qinv, k->qinvn);
    der_buf(b, 0x30, &t);
}

static void pkcs1_public(sg_buf *b, const rsa_key *k)
{
    sg_buf t;
    buf_init(&t);
    der_uint(&t, k->n, k->nn);
    der_uint(&t, k->e, k->en);
    der_buf(b, 0x30, &t);
}

static void pem(sg_buf *out, const char *type, const sg_buf *der_bytes)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    buf_printf(out, "-----BEGIN %s-----\n", type);
    const unsigned char *p = (const unsigned char *)der_bytes->p;
    size_t n = der_bytes->len;
    int col = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < n) v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < n) v |= p[i + 2];
        char q[4] = { tab[(v >> 18) & 63], tab[(v >> 12) & 63], i + 1 < n ? tab[(v >> 6) & 63] : '=',
                      i + 2 < n ? tab[v & 63] : '=' };
        for (int k = 0; k < 4; k++) {
            buf_putc(out, q[k]);
            if (++col == 64) { buf_putc(out, '\n'); col = 0; }
        }
    }
    if (col) buf_putc(out, '\n');
    buf_printf(out, "-----END %s-----\n", type);
}

/* ---------------------------------------------------------------- certificates */

typedef struct certreq {
    const char *cn;
    size_t cnn;
    sg_buf ips;      /* raw 4- or 16-byte addresses, each prefixed by its length */
    sg_value dns;    /* list of strings */
    int64_t days;
    bool is_ca;
} certreq;

static void name_cn(sg_buf *b, const char *cn, size_t n)
{
    /* Go writes PrintableString when every byte is printable, else UTF8String */
    bool printable = true;
    for (size_t i = 0; i < n; i++) {
        char c = cn[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(" '()+,-./:=?*&", c)) || !c)
            printable = false;
    }
    sg_buf atv, set, seq;
    buf_init(&atv);
    der_oid(&atv, OID_CN);
    der(&atv, printable ? 0x13 : 0x0c, cn, n);
    buf_init(&seq);
    der_buf(&seq, 0x30, &atv);
    buf_init(&set);
    if (n > 0) der_buf(&set, 0x31, &seq);
    der_buf(b, 0x30, &set);
}

static void der_time(sg_buf *b, int64_t sec)
{
    gotime t = gotime_in(gotime_unix(sec), gotime_utc());
    sg_buf s;
    buf_init(&s);
    gotime_format(&s, t, "2006", 4);
    int year = atoi(s.p);
    buf_init(&s);
    if (year >= 1950 && year < 2050) {
        gotime_format(&s, t, "060102150405Z", 13);
        der(b, 0x17, s.p, s.len);
    } else {
        gotime_format(&s, t, "20060102150405Z", 15);
        der(b, 0x18, s.p, s.len);
    }
}

static void ext(sg_buf *b, const char *oid, bool critical, const sg_buf *val)
{
    sg_buf t;
    buf_init(&t);
    der_oid(&t, oid);
    if (critical) der(&t, 0x01, "\xff", 1);
    der_buf(&t, 0x04, val);
    der_buf(b, 0x30, &t);
}

static void key_id(const rsa_key *k, unsigned char out[20], size_t *n)
{
    /* a 160-bit hash of the public key: keys are random, so Go's exact bytes cannot be
     * compared anyway; any stable identifier is valid */
    sg_buf pub;
    buf_init(&pub);
    pkcs1_public(&pub, k);
    unsigned char h[32];
    crypto_sha256(pub.p, pub.len, h);
    memcpy(out, h, 20);
    *n = 20;
}

/* x509.CreateCertificate(template, parent, pub, parentKey) for Sprig's templates. */
static void create_cert(sg_buf *out, const certreq *r, const rsa_key *key, const sg_buf *issuer,
                        const unsigned char *parent_skid, size_t parent_skidn, const rsa_key *signer)
{
    sg_buf tbs, t, u;
    buf_init(&tbs);
    /* version [0] EXPLICIT 2 */
    buf_init(&t);
    der_small(&t, 2);
    der_buf(&tbs, 0xa0, &t);
    /* serial: random below 2^128 */
    unsigned char serial[16];
    if (!crypto_random(serial, sizeof serial)) sg_throwf("error generating serial number: unexpected EOF");
    der_uint(&tbs, serial, sizeof serial);
    alg_id(&tbs, OID_SHA256RSA);
    buf_put(&tbs, issuer->p, issuer->len);
    /* validity */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    int64_t nb = now.tv_sec, na = now.tv_sec + r->days * 86400;
    buf_init(&t);
    der_time(&t, nb);
    der_time(&t, na);
    der_buf(&tbs, 0x30, &t);
    name_cn(&tbs, r->cn, r->cnn);
    /* subjectPublicKeyInfo */
    buf_init(&t);
    alg_id(&t, OID_RSA);
    sg_buf pub, bits;
    buf_init(&pub);
    pkcs1_public(&pub, key);
    buf_init(&bits);
    buf_putc(&bits, 0);
    buf_put(&bits, pub.p, pub.len);
    der_buf(&t, 0x03, &bits);
    der_buf(&tbs, 0x30, &t);
    /* extensions */
    sg_buf exts;
    buf_init(&exts);
    /* keyUsage: digitalSignature(0) keyEncipherment(2) [certSign(5)] */
    buf_init(&t);
    if (r->is_ca) der(&t, 0x03, "\x02\xa4", 2);
    else der(&t, 0x03, "\x05\xa0", 2);
    ext(&exts, OID_KEYUSAGE, true, &t);
    buf_init(&t);
    buf_init(&u);
    der_oid(&u, OID_SERVERAUTH);
    der_oid(&u, OID_CLIENTAUTH);
    der_buf(&t, 0x30, &u);
    ext(&exts, OID_EXTKEYUSAGE, false, &t);
    buf_init(&t);
    buf_init(&u);
    if (r->is_ca) der(&u, 0x01, "\xff", 1);
    der_buf(&t, 0x30, &u);
    ext(&exts, OID_BASIC, true, &t);
    unsigned char skid[20];
    size_t skidn = 0;
    if (r->is_ca) {
        key_id(key, skid, &skidn);
        buf_init(&t);
        der(&t, 0x04, skid, skidn);
        ext(&exts, OID_SKID, false, &t);
    }
    if (parent_skidn) {
        buf_init(&t);
        buf_init(&u);
        der(&u, 0x80, parent_skid, parent_skidn);
        der_buf(&t, 0x30, &u);
        ext(&exts, OID_AKID, false, &t);
    }
    if (list_len(r->dns) > 0 || r->ips.len > 0) {
        buf_init(&u);
        for (size_t i = 0; i < list_len(r->dns); i++) {
            sg_value d = list_get(r->dns, i);
            der(&u, 0x82, SP(d), SN(d));
        }
        for (size_t i = 0; i < r->ips.len;) {
            size_t l = (unsigned char)r->ips.p[i];
            der(&u, 0x87, r->ips.p + i + 1, l);
            i += 1 + l;
        }
        buf_init(&t);
        der_buf(&t, 0x30, &u);
        ext(&exts, OID_SAN, false, &t);
    }
    buf_init(&t);
    der_buf(&t, 0x30, &exts);
    der_buf(&tbs, 0xa3, &t);
    sg_buf tbsseq;
    buf_init(&tbsseq);
    der_buf(&tbsseq, 0x30, &tbs);
    size_t sn;
    const unsigned char *sig = rsa_sign_sha256(signer, tbsseq.p, tbsseq.len, &sn);
    sg_buf cert, sbits;
    buf_init(&cert);
    buf_put(&cert, tbsseq.p, tbsseq.len);
    alg_id(&cert, OID_SHA256RSA);
    buf_init(&sbits);
    buf_putc(&sbits, 0);
    buf_put(&sbits, (const char *)sig, sn);
    der_buf(&cert, 0x03, &sbits);
    der_buf(out, 0x30, &cert);
}

/* ---------------------------------------------------------------- the certificate struct */

typedef struct certificate { const char *cert, *key; } certificate;

static bool cert_field(sg_object *o, const char *name, sg_value *out)
{
    certificate *c = o->data;
    if (!strcmp(name, "Cert")) { *out = val_cstr(c->cert); return true; }
    if (!strcmp(name, "Key")) { *out = val_cstr(c->key); return true; }
    return false;
}

static const char *cert_string(sg_object *o)
{
    certificate *c = o->data;
    return sg_sprintf("{%s %s}", c->cert, c->key);
}

static sg_value cert_tojson(sg_object *o)
{
    certificate *c = o->data;
    sg_value m = val_map();
    map_set(m, "Cert", val_cstr(c->cert));
    map_set(m, "Key", val_cstr(c->key));
    return m;
}

static const sg_objtype cert_type = {
    .name = "sprig.certificate", .kindname = "struct", .field = cert_field,
    .string = cert_string, .tojson = cert_tojson,
};

/* The private key and Subject Key Identifier of a certificate made here (CA objects keep
 * them so genSignedCert need not parse PEM). */
typedef struct made { certificate pub; rsa_key key; sg_buf subject; unsigned char skid[20]; size_t skidn; } made;

static sg_value cert_value(made *m) { return val_object(&cert_type, m); }

static const char *vstr(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    gofmt_value(&b, v);
    return b.p;
}

/* Sprig's getNetIPs / getAlternateDNSStrs */
static void collect(certreq *r, sg_value ips, sg_value dns)
{
    buf_init(&r->ips);
    for (size_t i = 0; i < list_len(ips); i++) {
        sg_value v = list_get(ips, i);
        if (v.kind != VK_STRING) sg_throwf("error parsing ip: %s is not a string", vstr(v));
        unsigned char a[16];
        char *s = sg_strndup(SP(v), SN(v));
        if (inet_pton(AF_INET, s, a) == 1) {
            buf_putc(&r->ips, 4);
            buf_put(&r->ips, (char *)a, 4);
        } else if (inet_pton(AF_INET6, s, a) == 1) {
            buf_putc(&r->ips, 16);
            buf_put(&r->ips, (char *)a, 16);
        } else {
            sg_throwf("error parsing ip: %s", s);
        }
    }
    r->dns = val_list(0);
    for (size_t i = 0; i < list_len(dns); i++) {
        sg_value v = list_get(dns, i);
        if (v.kind != VK_STRING) sg_throwf("error processing alternate dns name: %s is not a string", vstr(v));
        list_push(r->dns, v);
    }
}

static made *make_cert(certreq *r, made *ca)
{
    made *m = sg_alloc(sizeof *m);
    if (!rsa_generate(2048, &m->key)) sg_throwf("error generating rsa key: unexpected EOF");
    buf_init(&m->subject);
    name_cn(&m->subject, r->cn, r->cnn);
    sg_buf der_cert;
    buf_init(&der_cert);
    if (ca) create_cert(&der_cert, r, &m->key, &ca->subject, ca->skid, ca->skidn, &ca->key);
    else create_cert(&der_cert, r, &m->key, &m->subject, NULL, 0, &m->key);
    if (r->is_ca) key_id(&m->key, m->skid, &m->skidn);
    sg_buf c, k, kder;
    buf_init(&c);
    pem(&c, "CERTIFICATE", &der_cert);
    buf_init(&kder);
    pkcs1_private(&kder, &m->key);
    buf_init(&k);
    pem(&k, "RSA PRIVATE KEY", &kder);
    m->pub.cert = c.p;
    m->pub.key = k.p;
    return m;
}

sg_value fn_genca(sg_fcall *c, int argc, sg_value *argv)
{
    certreq r = { SP(argv[0]), SN(argv[0]), { 0 }, { 0 }, argv[1].u.i, true };
    buf_init(&r.ips);
    r.dns = val_list(0);
    return cert_value(make_cert(&r, NULL));
}

sg_value fn_genselfsignedcert(sg_fcall *c, int argc, sg_value *argv)
{
    certreq r = { SP(argv[0]), SN(argv[0]), { 0 }, { 0 }, argv[3].u.i, false };
    collect(&r, argv[1], argv[2]);
    return cert_value(make_cert(&r, NULL));
}

sg_value fn_gensignedcert(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value cav = argv[4];
    if (cav.kind != VK_OBJECT || cav.u.o->type != &cert_type) {
        if (cav.kind == VK_NIL) sg_throwf("invalid value; expected sprig.certificate");
        sg_throwf("wrong type for value; expected sprig.certificate; got %s", val_typename(cav));
    }
    certreq r = { SP(argv[0]), SN(argv[0]), { 0 }, { 0 }, argv[3].u.i, false };
    collect(&r, argv[1], argv[2]);
    return cert_value(make_cert(&r, cav.u.o->data));
}

/* ---------------------------------------------------------------- genPrivateKey */

sg_value fn_genprivatekey(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value typ = argv[0];
    sg_buf d, out;
    buf_init(&d);
    buf_init(&out);
    const char *t = SP(typ);
    if (SN(typ) == 0 || !strcmp(t, "rsa")) {
        rsa_key k;
        if (!rsa_generate(4096, &k)) return val_cstr("failed to generate private key: unexpected EOF");
        pkcs1_private(&d, &k);
        pem(&out, "RSA PRIVATE KEY", &d);
    } else if (!strcmp(t, "dsa")) {
        dsa_key k;
        if (!dsa_generate(&k)) return val_cstr("failed to generate dsa params: unexpected EOF");
        sg_buf s;
        buf_init(&s);
        der_small(&s, 0);
        der_uint(&s, k.p, k.pn);
        der_uint(&s, k.q, k.qn);
        der_uint(&s, k.g, k.gn);
        der_uint(&s, k.y, k.yn);
        der_uint(&s, k.x, k.xn);
        der_buf(&d, 0x30, &s);
        pem(&out, "DSA PRIVATE KEY", &d);
    } else if (!strcmp(t, "ecdsa")) {
        unsigned char dk[32], x[32], y[32];
        if (!ecdsa_p256_generate(dk, x, y)) return val_cstr("failed to generate private key: unexpected EOF");
        sg_buf s, u, pt;
        buf_init(&s);
        der_small(&s, 1);
        der(&s, 0x04, dk, 32);
        buf_init(&u);
        der_oid(&u, "2a8648ce3d030107");
        der_buf(&s, 0xa0, &u);
        buf_init(&pt);
        buf_putc(&pt, 0);
        buf_putc(&pt, 4);
        buf_put(&pt, (const char *)x, 32);
        buf_put(&pt, (const char *)y, 32);
        buf_init(&u);
        der_buf(&u, 0x03, &pt);
        der_buf(&s, 0xa1, &u);
        der_buf(&d, 0x30, &s);
        pem(&out, "EC PRIVATE KEY", &d);
    } else if (!strcmp(t, "ed25519")) {
        unsigned char seed[32];
        if (!crypto_random(seed, sizeof seed)) return val_cstr("failed to generate private key: unexpected EOF");
        sg_buf s, u, inner;
        buf_init(&s);
        der_small(&s, 0);
        buf_init(&u);
        der_oid(&u, "2b6570");
        der_buf(&s, 0x30, &u);
        buf_init(&inner);
        der(&inner, 0x04, seed, 32);
        der_buf(&s, 0x04, &inner);
        der_buf(&d, 0x30, &s);
        pem(&out, "PRIVATE KEY", &d);
    } else {
        sg_buf m;
        buf_init(&m);
        buf_puts(&m, "Unknown type ");
        buf_put(&m, SP(typ), SN(typ));
        return val_str_nocopy(m.p, m.len);
    }
    return val_str_nocopy(out.p, out.len);
}
