/* check_pki.c - unit tests of fn_pki.c (genCAWithKey, genSelfSignedCertWithKey,
 * genSignedCertWithKey, buildCustomCert): the certificates are parsed and verified with
 * libcrypto, their x509 contents checked against what Sprig's template makes (helm v4.1.4
 * output was compared field by field with openssl), keys re-encoded as Go's
 * pemBlockForKey, and the error texts are those helm printed. */
#include <check.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/funcs/fn_pki.h"

static const char *EC_PEM =
    "-----BEGIN EC PRIVATE KEY-----\n"
    "MHcCAQEEIIkWvdO1USJe7IgiKydsjIvtywxUUVK3ikeD9/G93h67oAoGCCqGSM49\n"
    "AwEHoUQDQgAEBvHQlqljM4fPz1kxBgblnrEdKCoRfZlPoF06QmHmTbc6MCOFyO4N\n"
    "EyNhzSQL2XTmgqpikzUdTHGbJZ5GlRDtxg==\n"
    "-----END EC PRIVATE KEY-----\n";
static const char *ED_PEM =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINDGAqfLiyGzZ2R8oknqxcobC7jm01l9hXV1ncgLGPQR\n"
    "-----END PRIVATE KEY-----\n";
static const char *RSA_PKCS8 =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIICdQIBADANBgkqhkiG9w0BAQEFAASCAl8wggJbAgEAAoGBAMZKwQhJKRtJwQdv\n"
    "bHbks6koj1u1ij6/Sydrarfu6+JctNry/24oIKLjQ4+5tR5ZFEa2IWjTObj+7Ybw\n"
    "JzuQsnJYV9YMVxDjk992GBEdjJFrHDTupOdbSSo25GBqVYzjiFvRx+mvHxPTb9Rx\n"
    "7S/4SDmnOBj+iVDQy3j3lVpZHtK7AgMBAAECgYAihQb/u0TFtFw/QB2AwSWpsB7s\n"
    "1zi+3axmq2ODq7syx/LQHvdqpN+xm6C6V5j5NIa8HJ7KUeM9mludXxdlXjZCNRwH\n"
    "VHnIuSL2IyJ5ukl9fLKQUhEQEgM701yO06ZlcKqPvjCqSWQYNVstDvKNYqBSJRgY\n"
    "U4vvrf5OWyuqPWCRyQJBAO70q9/iHinyWtlFsWNSUBK2j7UhdQP96HE5YKfUFLhU\n"
    "vBQAh2p2OoR5tN9AQNCcjX+5JHUgie+VgEmHJL0BJU0CQQDUb5A2WYBhdHpbJzd6\n"
    "biNRh53lRWD+kMwXeEiz03UX4dOloD2UgmX8vQfaTsZs2tfa4sB81n7mGkwHKHQC\n"
    "mLQnAkBRnz2+YcyP43ro0IeBN7KmUbnQ0zbXQDnPwxui+CyDsl30LyISWYQvkCsa\n"
    "PyZkm7UxtZogcBbtwZFqjEEeVm/ZAkAlJoF8z7gg0uLW8AvGsF4i0ums/64PtrjK\n"
    "XfGw6QjwLUD7FQPP5eH6CgDGj8IppTfcgo0RB93XVb/3/H4VOik/AkB0Ft9W7w+8\n"
    "xQ4BnIGq2t3HQeLcYn0WXiLDtgt9J17vTbrSoTFj7mADJlxJJMhzBFb+i6uI9mDi\n"
    "zmtwDx1sh7na\n"
    "-----END PRIVATE KEY-----\n"
    ;
static const char *RSA_PKCS1 =
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIICWwIBAAKBgQDGSsEISSkbScEHb2x25LOpKI9btYo+v0sna2q37uviXLTa8v9u\n"
    "KCCi40OPubUeWRRGtiFo0zm4/u2G8Cc7kLJyWFfWDFcQ45PfdhgRHYyRaxw07qTn\n"
    "W0kqNuRgalWM44hb0cfprx8T02/Uce0v+Eg5pzgY/olQ0Mt495VaWR7SuwIDAQAB\n"
    "AoGAIoUG/7tExbRcP0AdgMElqbAe7Nc4vt2sZqtjg6u7Msfy0B73aqTfsZuguleY\n"
    "+TSGvByeylHjPZpbnV8XZV42QjUcB1R5yLki9iMiebpJfXyykFIREBIDO9NcjtOm\n"
    "ZXCqj74wqklkGDVbLQ7yjWKgUiUYGFOL763+Tlsrqj1gkckCQQDu9Kvf4h4p8lrZ\n"
    "RbFjUlASto+1IXUD/ehxOWCn1BS4VLwUAIdqdjqEebTfQEDQnI1/uSR1IInvlYBJ\n"
    "hyS9ASVNAkEA1G+QNlmAYXR6Wyc3em4jUYed5UVg/pDMF3hIs9N1F+HTpaA9lIJl\n"
    "/L0H2k7GbNrX2uLAfNZ+5hpMByh0Api0JwJAUZ89vmHMj+N66NCHgTeyplG50NM2\n"
    "10A5z8Mbovgsg7Jd9C8iElmEL5ArGj8mZJu1MbWaIHAW7cGRaoxBHlZv2QJAJSaB\n"
    "fM+4INLi1vALxrBeItLprP+uD7a4yl3xsOkI8C1A+xUDz+Xh+goAxo/CKaU33IKN\n"
    "EQfd11W/9/x+FTopPwJAdBbfVu8PvMUOAZyBqtrdx0Hi3GJ9Fl4iw7YLfSde7026\n"
    "0qExY+5gAyZcSSTIcwRW/ouriPZg4s5rcA8dbIe52g==\n"
    "-----END RSA PRIVATE KEY-----\n"
    ;

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

typedef sg_value (*pkifn)(sg_fcall *, int, sg_value *);

/* Call a body; NULL error or the thrown message in *err. */
static sg_value call(pkifn fn, int argc, sg_value *argv, const char **err)
{
    sg_fcall fc = { NULL, "pki" };
    sg_catch c;
    sg_value out = sg_nil;
    *err = NULL;
    if (SG_TRY(&c)) {
        out = fn(&fc, argc, argv);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        *err = c.err->msg;
    }
    return out;
}

static sg_value strlist(const char *a, const char *b)
{
    sg_value l = val_list(2);
    if (a) list_push(l, val_cstr(a));
    if (b) list_push(l, val_cstr(b));
    return l;
}

static const char *field(sg_value cert, const char *name)
{
    sg_value v;
    ck_assert_int_eq(cert.kind, VK_OBJECT);
    ck_assert(cert.u.o->type->field(cert.u.o, name, &v));
    return v.u.s.p;
}

static X509 *parse_cert(const char *pem)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    ck_assert_ptr_nonnull(x);
    return x;
}

static EVP_PKEY *parse_key(const char *pem)
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    BIO_free(b);
    ck_assert_ptr_nonnull(k);
    return k;
}

static const char *cn_of(X509 *x)
{
    static char buf[256];
    buf[0] = 0;
    X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, buf, sizeof buf);
    return buf;
}

START_TEST(a_ca_made_with_a_given_ec_key_is_self_signed_and_keeps_the_key)
{
    const char *err;
    sg_value argv[3] = { val_cstr("my-ca"), val_int(30), val_cstr(EC_PEM) };
    sg_value ca = call(fn_gencawithkey, 3, argv, &err);
    ck_assert_ptr_null(err);
    ck_assert_str_eq(ca.u.o->type->name, "sprig.certificate");
    ck_assert_str_eq(field(ca, "Key"), EC_PEM); /* SEC 1 re-encoded identically */
    const char *pem = field(ca, "Cert");
    ck_assert(!strncmp(pem, "-----BEGIN CERTIFICATE-----\n", 28));
    ck_assert(strstr(pem, "\n-----END CERTIFICATE-----\n") == pem + strlen(pem) - 27);
    X509 *x = parse_cert(pem);
    EVP_PKEY *k = parse_key(EC_PEM);
    ck_assert_int_eq(X509_verify(x, k), 1);
    ck_assert_int_eq(X509_get_version(x), 2);
    ck_assert_str_eq(cn_of(x), "my-ca");
    ck_assert_int_eq(X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)), 0);
    ck_assert_int_eq(X509_check_ca(x), 1);
    ck_assert_uint_eq(X509_get_key_usage(x), KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_CERT_SIGN);
    ck_assert_uint_eq(X509_get_extended_key_usage(x), XKU_SSL_SERVER | XKU_SSL_CLIENT);
    ck_assert_ptr_nonnull(X509_get0_subject_key_id(x));
    ck_assert_int_eq(ASN1_STRING_length(X509_get0_subject_key_id(x)), 20);
    /* about 30 days of validity */
    int days = 0, secs = 0;
    ck_assert(ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x), X509_get0_notAfter(x)));
    ck_assert_int_eq(days, 30);
    ck_assert_int_eq(secs, 0);
    ck_assert_int_eq(X509_get_signature_nid(x), NID_ecdsa_with_SHA256);
    X509_free(x);
    EVP_PKEY_free(k);
}
END_TEST

START_TEST(a_signed_cert_verifies_against_its_ca_and_carries_the_sans)
{
    const char *err;
    sg_value a1[3] = { val_cstr("ca"), val_int(10), val_cstr(RSA_PKCS8) };
    sg_value ca = call(fn_gencawithkey, 3, a1, &err);
    ck_assert_ptr_null(err);
    /* a PKCS#8 RSA key comes back as PKCS#1, as pemBlockForKey writes it */
    ck_assert_str_eq(field(ca, "Key"), RSA_PKCS1);
    sg_value a2[6] = { val_cstr("srv"), strlist("10.0.0.1", "::ffff:1.2.3.4"), strlist("a.example", "b"),
                       val_int(5), ca, val_cstr(ED_PEM) };
    sg_value c = call(fn_gensignedcertwithkey, 6, a2, &err);
    ck_assert_ptr_null(err);
    ck_assert_str_eq(field(c, "Key"), ED_PEM);
    X509 *cax = parse_cert(field(ca, "Cert")), *x = parse_cert(field(c, "Cert"));
    ck_assert_int_eq(X509_check_issued(cax, x), X509_V_OK);
    EVP_PKEY *capub = X509_get_pubkey(cax);
    ck_assert_int_eq(X509_verify(x, capub), 1);
    ck_assert_int_eq(X509_get_signature_nid(x), NID_sha256WithRSAEncryption);
    ck_assert_str_eq(cn_of(x), "srv");
    ck_assert_int_eq(X509_check_ca(x), 0);
    ck_assert_uint_eq(X509_get_key_usage(x), KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
    ck_assert_ptr_null(X509_get0_subject_key_id(x));
    ck_assert_int_eq(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(x), X509_get0_subject_key_id(cax)), 0);
    ck_assert_int_eq(X509_check_host(x, "a.example", 0, 0, NULL), 1);
    ck_assert_int_eq(X509_check_host(x, "b", 0, 0, NULL), 1);
    ck_assert_int_eq(X509_check_ip_asc(x, "10.0.0.1", 0), 1);
    ck_assert_int_eq(X509_check_ip_asc(x, "1.2.3.4", 0), 1); /* v4-mapped stored as 4 bytes */
    GENERAL_NAMES *gn = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    ck_assert_int_eq(sk_GENERAL_NAME_num(gn), 4);
    ck_assert_int_eq(sk_GENERAL_NAME_value(gn, 0)->type, GEN_DNS); /* DNS names first */
    ck_assert_int_eq(sk_GENERAL_NAME_value(gn, 2)->type, GEN_IPADD);
    ck_assert_int_eq(ASN1_STRING_length(sk_GENERAL_NAME_value(gn, 3)->d.iPAddress), 4);
    GENERAL_NAMES_free(gn);
    EVP_PKEY_free(capub);
    X509_free(x);
    X509_free(cax);
}
END_TEST

START_TEST(an_empty_common_name_makes_an_empty_subject_and_a_critical_san)
{
    const char *err;
    sg_value argv[5] = { val_cstr(""), strlist(NULL, NULL), strlist("x.y", NULL), val_int(1), val_cstr(ED_PEM) };
    sg_value c = call(fn_genselfsignedcertwithkey, 5, argv, &err);
    ck_assert_ptr_null(err);
    X509 *x = parse_cert(field(c, "Cert"));
    ck_assert_int_eq(X509_NAME_entry_count(X509_get_subject_name(x)), 0);
    int idx = X509_get_ext_by_NID(x, NID_subject_alt_name, -1);
    ck_assert_int_ge(idx, 0);
    ck_assert_int_eq(X509_EXTENSION_get_critical(X509_get_ext(x, idx)), 1);
    ck_assert_int_eq(X509_get_signature_nid(x), NID_ED25519);
    EVP_PKEY *k = parse_key(ED_PEM);
    ck_assert_int_eq(X509_verify(x, k), 1);
    EVP_PKEY_free(k);
    X509_free(x);
}
END_TEST

START_TEST(build_custom_cert_returns_the_decoded_texts)
{
    const char *err;
    sg_value a1[3] = { val_cstr("ca"), val_int(10), val_cstr(EC_PEM) };
    sg_value ca = call(fn_gencawithkey, 3, a1, &err);
    ck_assert_ptr_null(err);
    const char *cert = field(ca, "Cert");
    unsigned char b64c[4096], b64k[1024];
    EVP_EncodeBlock(b64c, (const unsigned char *)cert, (int)strlen(cert));
    EVP_EncodeBlock(b64k, (const unsigned char *)EC_PEM, (int)strlen(EC_PEM));
    sg_value a2[2] = { val_cstr((char *)b64c), val_cstr((char *)b64k) };
    sg_value c = call(fn_buildcustomcert, 2, a2, &err);
    ck_assert_ptr_null(err);
    ck_assert_str_eq(field(c, "Cert"), cert);
    ck_assert_str_eq(field(c, "Key"), EC_PEM);
    const char *cc, *kk;
    ck_assert(pki_cert_fields(c, &cc, &kk));
    ck_assert_str_eq(cc, cert);
    ck_assert(!pki_cert_fields(val_map(), &cc, &kk));
}
END_TEST

/* Texts helm v4.1.4 printed after "error calling NAME: ". */
START_TEST(bad_inputs_give_sprigs_errors)
{
    const char *err;
    sg_value a[3] = { val_cstr("x"), val_int(1), val_cstr("junk") };
    call(fn_gencawithkey, 3, a, &err);
    ck_assert_str_eq(err, "parsing private key: no PEM data in input");
    a[2] = val_cstr("-----BEGIN FOO PRIVATE KEY-----\nYQ==\n-----END FOO PRIVATE KEY-----\n");
    call(fn_gencawithkey, 3, a, &err);
    ck_assert_str_eq(err, "parsing private key: invalid private key type FOO PRIVATE KEY");
    a[2] = val_cstr("-----BEGIN FOO-----\nYQ==\n-----END FOO-----\n");
    call(fn_gencawithkey, 3, a, &err);
    ck_assert_str_eq(err, "parsing private key: no private key data in PEM block of type FOO");
    sg_value b[5] = { val_cstr("x"), strlist("1.2.3", NULL), strlist(NULL, NULL), val_int(1), val_cstr(EC_PEM) };
    call(fn_genselfsignedcertwithkey, 5, b, &err);
    ck_assert_str_eq(err, "error parsing ip: 1.2.3");
    sg_value c[2] = { val_cstr("a"), val_cstr("b") };
    call(fn_buildcustomcert, 2, c, &err);
    ck_assert_str_eq(err, "unable to decode base64 certificate");
    c[0] = val_cstr("YQ==");
    call(fn_buildcustomcert, 2, c, &err);
    ck_assert_str_eq(err, "unable to decode base64 private key");
    c[1] = val_cstr("YQ==");
    call(fn_buildcustomcert, 2, c, &err);
    ck_assert_str_eq(err, "unable to decode certificate");
}
END_TEST

/* helm v4.1.4 (Go 1.25): truncated SHA-256 of the key bits; helm v3.17.3 (Go 1.23): SHA-1
 * (both measured on helm-made CAs). */
START_TEST(the_ca_subject_key_id_is_the_hash_helms_go_uses)
{
    for (int major = 3; major <= 4; major++) {
        int saved = sg_helm_major;
        sg_helm_major = major;
        const char *err;
        sg_value argv[3] = { val_cstr("ca"), val_int(1), val_cstr(RSA_PKCS8) };
        sg_value ca = call(fn_gencawithkey, 3, argv, &err);
        sg_helm_major = saved;
        ck_assert_ptr_null(err);
        X509 *x = parse_cert(field(ca, "Cert"));
        const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(x);
        unsigned char h[32];
        EVP_Digest(ASN1_STRING_get0_data(bits), (size_t)ASN1_STRING_length(bits), h, NULL,
                   major == 3 ? EVP_sha1() : EVP_sha256(), NULL);
        const ASN1_OCTET_STRING *id = X509_get0_subject_key_id(x);
        ck_assert_int_eq(ASN1_STRING_length(id), 20);
        ck_assert_int_eq(memcmp(ASN1_STRING_get0_data(id), h, 20), 0);
        X509_free(x);
    }
}
END_TEST

Suite *pki_suite(void)
{
    Suite *s = suite_create("pki");
    TCase *t = tcase_create("pki");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 30);
    tcase_add_test(t, a_ca_made_with_a_given_ec_key_is_self_signed_and_keeps_the_key);
    tcase_add_test(t, a_signed_cert_verifies_against_its_ca_and_carries_the_sans);
    tcase_add_test(t, an_empty_common_name_makes_an_empty_subject_and_a_critical_san);
    tcase_add_test(t, build_custom_cert_returns_the_decoded_texts);
    tcase_add_test(t, bad_inputs_give_sprigs_errors);
    tcase_add_test(t, the_ca_subject_key_id_is_the_hash_helms_go_uses);
    suite_add_tcase(s, t);
    return s;
}
