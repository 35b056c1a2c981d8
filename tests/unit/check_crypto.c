/* check_crypto.c - unit tests of the crypto primitives (cryptoprim.c) and Sprig's crypto
 * functions (fn_crypto.c).  derivePassword outputs were printed by helm v4.1.4; bcrypt and
 * scrypt are checked against published vectors (OpenBSD/Openwall bcrypt, RFC 7914). */
#include "ext_harness.h"
#include "../../src/funcs/cryptoprim.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

static const ext_case cases[] = {
    { "derivePassword", { "i1", "slong", "spassword", "suser", "sexample.com" }, 5, "ZedaFaxcZaso9*" },
    { "derivePassword", { "i2", "smaximum", "spw", "s", "s" }, 5, "fyGF)zirNrD9GeU9316?" },
    { "derivePassword", { "i0", "smedium", "sp\303\244ssw\303\266rd", "s\303\274ser", "ssite" }, 5, "Rex8=Ben" },
    { "derivePassword", { "i4294967295", "sshort", "sa", "sb", "sc" }, 5, "Tuz3" },
    { "derivePassword", { "i3", "sbasic", "sa", "sb", "sc" }, 5, "hR68jrH4" },
    { "derivePassword", { "i3", "spin", "sa", "sb", "sc" }, 5, "0768" },
    { "derivePassword", { "i3", "snope", "sa", "sb", "sc" }, 5, "cannot find password template nope" },
    { "bcrypt", { "s0123456789012345678901234567890123456789012345678901234567890123456789012" }, 1, "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes" },
    { "htpasswd", { "sa:b", "sx" }, 2, "invalid username: a:b" },
    { "derivePassword", { "i4294967296", "spin", "sa", "sb", "sc" }, 5, "8689" },
    { "randBytes", { "i0" }, 1, "" },
    { "decryptAES", { "ssecretkey", "sWpA6zBHD8uyVPuMCnqCZhE/c2lrbG7D6l5d6nT9pYbA=" }, 2, "ERR: runtime error: slice bounds out of range [:-103]" },
    { "decryptAES", { "sk", "s" }, 2, "" },
    { "decryptAES", { "sk", "s!!!!" }, 2, "ERR: illegal base64 data at input byte 0" },
    { "decryptAES", { "sk", "sAAAA" }, 2, "ERR: runtime error: slice bounds out of range [:16] with capacity 3" },
    { "decryptAES", { "sk", "sAAAAAAAAAAAAAAAAAAAAAA==" }, 2, "ERR: runtime error: index out of range [-1]" },
    { "decryptAES", { "sk", "sAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" }, 2, "ERR: runtime error: slice bounds out of range [:-19]" },
    { "decryptAES", { "sk", "sAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, 2, "ERR: crypto/cipher: input not full blocks" },
    { "decryptAES", { "sk", "sAAAAAAAAAAAAAAAAAAAAAA=" }, 2, "ERR: illegal base64 data at input byte 23" },
    { "decryptAES", { "sk", "sAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, 2, "ERR: crypto/cipher: input not full blocks" },
    { "encryptAES", { "sk", "s" }, 2, "" },
    { "decryptAES", { "sp\303\244ssw\303\266rd", "sRlLb1g3XFinncGNgUOnv16o6qAmPb3eRe5ivO02jbxsA85ZTmd6zAekNCzFyv6bZXD7rYn5OGGe7lASk6LbhBQ==" }, 2, "The quick brown fox jumps over the lazy dog" },
    { "decryptAES", { "sp\303\244ssw\303\266rd", "sFl1Z1Ik63GVP31gI792PodYwcpFkjXmFVgA90ehoUBKpmt3iRz0SzL1l9ecFHSOx2EVxib+C5qfl/u1fZfQwtw==" }, 2, "The quick brown fox jumps over the lazy dog" },
    { "randBytes", { "i-1" }, 1, "ERR: runtime error: makeslice: len out of range" },
};

START_TEST(crypto_functions_match_helm_byte_for_byte)
{
    ext_run(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

START_TEST(bcrypt_matches_the_openwall_vectors)
{
    /* salt "CCCCCCCCCCCCCCCCCCCCC." decoded from bcrypt's base64 */
    static const unsigned char salt[16] = { 0x10, 0x41, 0x04, 0x10, 0x41, 0x04, 0x10, 0x41,
                                            0x04, 0x10, 0x41, 0x04, 0x10, 0x41, 0x04, 0x10 };
    char out[61];
    crypto_bcrypt("U*U", 3, salt, 5, out);
    ck_assert_str_eq(out, "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
    crypto_bcrypt("", 0, salt, 5, out);
    ck_assert_str_eq(out, "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy");
}
END_TEST

START_TEST(scrypt_matches_rfc_7914)
{
    unsigned char k[64];
    ck_assert(crypto_scrypt("password", 8, "NaCl", 4, 1024, 8, 16, k, 64));
    static const unsigned char want[8] = { 0xfd, 0xba, 0xbe, 0x1c, 0x9d, 0x34, 0x72, 0x00 };
    ck_assert_mem_eq(k, want, 8);
}
END_TEST

START_TEST(aes256_matches_fips_197)
{
    unsigned char key[32], pt[16], ct[16], back[16];
    for (int i = 0; i < 32; i++) key[i] = (unsigned char)i;
    for (int i = 0; i < 16; i++) pt[i] = (unsigned char)(i * 0x11);
    crypto_aes a;
    crypto_aes256_init(&a, key);
    crypto_aes_encrypt(&a, pt, ct);
    static const unsigned char want[16] = { 0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf,
                                            0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89 };
    ck_assert_mem_eq(ct, want, 16);
    crypto_aes_decrypt(&a, ct, back);
    ck_assert_mem_eq(back, pt, 16);
}
END_TEST

START_TEST(encryptAES_output_decrypts_back)
{
    sg_value e[2] = { val_cstr("k"), val_cstr("hello, world") };
    const char *ct = ext_call("encryptAES", 2, e);
    ck_assert_int_eq((int)strlen(ct), 44);
    sg_value d[2] = { val_cstr("k"), val_cstr(ct) };
    ck_assert_str_eq(ext_call("decryptAES", 2, d), "hello, world");
}
END_TEST

START_TEST(htpasswd_and_bcrypt_produce_go_bcrypt_hashes)
{
    sg_value a[2] = { val_cstr("user"), val_cstr("pw") };
    const char *h = ext_call("htpasswd", 2, a);
    ck_assert_int_eq((int)strlen(h), 65);
    ck_assert(!strncmp(h, "user:$2a$10$", 12));
    sg_value b = val_cstr("012345678901234567890123456789012345678901234567890123456789012345678901");
    ck_assert_int_eq((int)strlen(ext_call("bcrypt", 1, &b)), 60);
}
END_TEST

START_TEST(genCA_and_genSignedCert_return_pem_certificates_and_rsa_keys)
{
    sg_value a[2] = { val_cstr("my-ca"), val_int(365) };
    sg_fcall fc = { NULL, "genCA" };
    sg_value ca = ext_find("genCA")->fn(&fc, 2, a);
    ck_assert_str_eq(val_typename(ca), "sprig.certificate");
    sg_value cert, key;
    ck_assert(ca.u.o->type->field(ca.u.o, "Cert", &cert));
    ck_assert(ca.u.o->type->field(ca.u.o, "Key", &key));
    ck_assert(!strncmp(cert.u.s.p, "-----BEGIN CERTIFICATE-----\n", 28));
    ck_assert(!strncmp(key.u.s.p, "-----BEGIN RSA PRIVATE KEY-----\n", 32));
    sg_value ips = val_list(0), dns = val_list(0);
    list_push(ips, val_cstr("10.0.0.1"));
    list_push(dns, val_cstr("svc.ns.svc"));
    sg_value b[5] = { val_cstr("svc"), ips, dns, val_int(30), ca };
    sg_value leaf = ext_find("genSignedCert")->fn(&fc, 5, b);
    ck_assert(leaf.u.o->type->field(leaf.u.o, "Cert", &cert));
    ck_assert_ptr_nonnull(strstr(cert.u.s.p, "-----END CERTIFICATE-----\n"));
    list_push(ips, val_cstr("300.1.1.1"));
    ck_assert_str_eq(ext_call("genSelfSignedCert", 4, (sg_value[]){ val_cstr("x"), ips, dns, val_int(1) }),
                     "ERR: error parsing ip: 300.1.1.1");
}
END_TEST

START_TEST(genPrivateKey_writes_each_key_type_as_sprig_pem_blocks)
{
    sg_value t = val_cstr("ecdsa");
    ck_assert(!strncmp(ext_call("genPrivateKey", 1, &t), "-----BEGIN EC PRIVATE KEY-----\n", 31));
    t = val_cstr("ed25519");
    const char *ed = ext_call("genPrivateKey", 1, &t);
    ck_assert(!strncmp(ed, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI", 49));
    t = val_cstr("x");
    ck_assert_str_eq(ext_call("genPrivateKey", 1, &t), "Unknown type x");
}
END_TEST

Suite *crypto_suite(void)
{
    Suite *s = suite_create("crypto");
    TCase *tc = tcase_create("crypto");
    tcase_set_timeout(tc, 30);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, crypto_functions_match_helm_byte_for_byte);
    tcase_add_test(tc, bcrypt_matches_the_openwall_vectors);
    tcase_add_test(tc, scrypt_matches_rfc_7914);
    tcase_add_test(tc, htpasswd_and_bcrypt_produce_go_bcrypt_hashes);
    tcase_add_test(tc, aes256_matches_fips_197);
    tcase_add_test(tc, encryptAES_output_decrypts_back);
    tcase_add_test(tc, genCA_and_genSignedCert_return_pem_certificates_and_rsa_keys);
    tcase_add_test(tc, genPrivateKey_writes_each_key_type_as_sprig_pem_blocks);
    suite_add_tcase(s, tc);
    return s;
}
