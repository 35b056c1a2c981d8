/* check_strfuncs.c - unit tests of Sprig's string, conversion, default, encoding, hash and
 * random functions (fn_string.c, fn_conv.c, fn_encoding.c, fn_hash.c, fn_random.c).
 *
 * The table's expected outputs were printed by Sprig v3.3.0 itself (with spf13/cast
 * v1.7.0, goutils v1.1.1, xstrings v1.5.0 as Helm v4.1.4 links them) through Go's
 * text/template: `{{ FN args }}`; "ERR: " marks the error text after "error calling FN: ".
 * It includes every string-function observation of HELM-FACTS 9.1 and 4.6.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/buf.h"
#include "../../src/base/err.h"
#include "../../src/funcs/fn_strings.h"
#include "../../src/value/gofmt.h"
#include "testutil.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

static const sg_funcdef fns[] = {
#define FN(name, fn, sig, flags) { name, fn, sig, flags },
#include "../../src/funcs/funcs_string.def"
#undef FN
};

static const struct { const char *in, *want; } cases[] = {
    { "quote\tsa\"b\ti5\tf8080\tn\ts\303\251\\t\\x01", "\"a\\\"b\" \"5\" \"8080\" \"\303\251\\t\\\\x01\"" },
    { "quote\tsa\tsb", "\"a\" \"b\"" },
    { "quote\tbt", "\"true\"" },
    { "quote", "" },
    { "squote\tsa'b\tn", "'a'b'" },
    { "squote\tf1.5", "'1.5'" },
    { "squote\tL:i1,sa", "'[1 a]'" },
    { "trunc\ti5\tsabcdefghijk", "abcde" },
    { "trunc\ti-3\tsabcdef", "def" },
    { "trunc\ti100\tsab", "ab" },
    { "trunc\ti-100\tsab", "ab" },
    { "trunc\ti0\tsab", "" },
    { "trimSuffix\ts-\tsabc--", "abc-" },
    { "trimAll\ts-\ts--a--", "a" },
    { "trimAll\ts-\303\251\ts-\303\251a\303\251-", "a" },
    { "trim\ts  a \\n", "a" },
    { "trim\ts\\x80 a \\n", "\200 a" },
    { "int\ts42", "42" },
    { "int\tf3.9", "3" },
    { "int\ts3.9", "0" },
    { "int\tsabc", "0" },
    { "int\tf8080", "8080" },
    { "int64\ts12", "12" },
    { "int\tn", "0" },
    { "int\tbt", "1" },
    { "int\ts0x10", "16" },
    { "int\ts010", "8" },
    { "int\ts0o17", "15" },
    { "int\ts0b101", "5" },
    { "int\ts1_000", "1000" },
    { "int\ts0x1_0", "16" },
    { "int\ts3.0", "3" },
    { "int\ts3.", "0" },
    { "int\ts-3.00", "-3" },
    { "int\ts+5", "5" },
    { "int\ts 5", "0" },
    { "int\ts99999999999999999999", "0" },
    { "int\tfNaN", "-9223372036854775808" },
    { "int\tf1e30", "-9223372036854775808" },
    { "int\tL:i1", "0" },
    { "int64\tI7", "7" },
    { "int\tsinf", "0" },
    { "float64\ts1.5", "1.5" },
    { "float64\ti3", "3" },
    { "float64\tsinf", "+Inf" },
    { "float64\ts1e400", "0" },
    { "float64\ts0x1p-2", "0.25" },
    { "float64\ts0x1.8", "0" },
    { "float64\ts1_000.5", "1000.5" },
    { "float64\ts_1", "0" },
    { "float64\ts.5", "0.5" },
    { "float64\ts5.", "5" },
    { "float64\ts+.5e+2", "50" },
    { "float64\tsNaN", "NaN" },
    { "float64\ts-Infinity", "-Inf" },
    { "float64\tbt", "1" },
    { "float64\tn", "0" },
    { "float64\tsabc", "0" },
    { "atoi\ts42", "42" },
    { "atoi\ts-42", "-42" },
    { "atoi\ts1_0", "0" },
    { "atoi\ts0x10", "0" },
    { "atoi\ts 1", "0" },
    { "toDecimal\ts777", "511" },
    { "toDecimal\ti777", "511" },
    { "toDecimal\ts0777", "511" },
    { "toDecimal\ts9", "0" },
    { "toDecimal\tf8", "0" },
    { "toString\tf1.5", "1.5" },
    { "toString\tf8080", "8080" },
    { "toString\tn", "<nil>" },
    { "toString\tL:f1,f2,f2,f3", "[1 2 2 3]" },
    { "toString\tB:hi", "hi" },
    { "toString\tM:a=i1", "map[a:1]" },
    { "toString\tbt", "true" },
    { "toStrings\tL:i1,sa,n", "[1 a]" },
    { "toStrings\tS:a,b", "[a b]" },
    { "toStrings\tn", "[]" },
    { "toStrings\ti5", "[5]" },
    { "toStrings\tB:hi", "[104 105]" },
    { "upper\tsa\303\251", "A\303\211" },
    { "lower\tsA\303\211", "a\303\251" },
    { "upper\ts\\xff", "\357\277\275" },
    { "title\tshello world", "Hello World" },
    { "title\tshello-world foo_bar x.y \303\251'a", "Hello-World Foo_bar X.Y \303\211'A" },
    { "title\ts\357\254\201sh \307\206a", "\357\254\201sh \307\205a" },
    { "untitle\tsHello World", "hello world" },
    { "untitle\tsHELLO", "hELLO" },
    { "camelcase\tsfoo_bar", "FooBar" },
    { "camelcase\ts_", "__" },
    { "camelcase\ts__a", "__A" },
    { "camelcase\tsfoo-bar baz", "FooBarBaz" },
    { "camelcase\tsFOO_BAR", "FooBar" },
    { "camelcase\tsa", "A" },
    { "camelcase\tsfooBar_baz", "FooBarBaz" },
    { "camelcase\ts-", "--" },
    { "camelcase\tsx_", "X_" },
    { "kebabcase\tsFooBar", "foo-bar" },
    { "snakecase\tsFooBar", "foo_bar" },
    { "snakecase\tsHTTPServer", "http_server" },
    { "snakecase\tsfoo2bar", "foo_2bar" },
    { "snakecase\tsFoo2Bar", "foo2_bar" },
    { "snakecase\tsa_b-c d", "a_b_c_d" },
    { "snakecase\tsid_123abc", "id_123abc" },
    { "snakecase\tsABC123def", "abc_123def" },
    { "snakecase\tsfoo.bar", "foo.bar" },
    { "snakecase\ts__Foo__Bar__", "__foo__bar__" },
    { "snakecase\tsXMLHttp2Request", "xml_http2_request" },
    { "snakecase\tsa1b2c3", "a_1b2c3" },
    { "snakecase\ts123", "123" },
    { "snakecase\ts\303\251Lan", "\303\251_lan" },
    { "snakecase\ts\346\227\245\346\234\254\350\252\236Foo", "\346\227\245\346\234\254\350\252\236_foo" },
    { "snakecase\ts\\xffFoo", "\357\277\275foo" },
    { "snakecase\tsFoo\\xff", "foo\357\277\275" },
    { "snakecase\tsfoo  bar", "foo__bar" },
    { "snakecase\tsTest_1A", "test_1_a" },
    { "snakecase\ts1A", "1_a" },
    { "snakecase\tsa1", "a1" },
    { "swapcase\tsHello World", "hELLO wORLD" },
    { "swapcase\tsabc DEF \307\205", "ABC def \307\206" },
    { "repeat\ti3\tsab", "ababab" },
    { "repeat\ti-1\tsab", "ERR: strings: negative Repeat count" },
    { "repeat\ti0\tsab", "" },
    { "substr\ti1\ti3\tsabcdef", "bc" },
    { "substr\ti-1\ti3\tsabcdef", "abc" },
    { "substr\ti-1\ti10\tsabc", "ERR: runtime error: slice bounds out of range [:10] with length 3" },
    { "substr\ti-1\ti-1\tsabc", "ERR: runtime error: slice bounds out of range [:-1]" },
    { "substr\ti2\ti-1\tsabcdef", "cdef" },
    { "substr\ti5\ti-1\tsabc", "ERR: runtime error: slice bounds out of range [5:3]" },
    { "substr\ti5\ti10\tsabc", "ERR: runtime error: slice bounds out of range [5:3]" },
    { "substr\ti3\ti1\tsabc", "ERR: runtime error: slice bounds out of range [3:1]" },
    { "substr\ti1\ti100\tsabc", "bc" },
    { "nospace\tsa b c", "abc" },
    { "nospace\ts\303\251 a", "\303\203\302\251a" },
    { "nospace\ts\303\251a", "\303\251a" },
    { "nospace\ts\\t \\n", "" },
    { "abbrev\ti5\tshello world", "he..." },
    { "abbrev\ti3\tshello world", "hello world" },
    { "abbrev\ti20\tshello world", "hello world" },
    { "abbrev\ti4\tshello world", "h..." },
    { "abbrevboth\ti5\ti10\ts1234567890abcdefghij", "...6789..." },
    { "abbrevboth\ti0\ti6\ts1234567890abcdefghij", "123..." },
    { "abbrevboth\ti10\ti6\ts1234567890abcdefghij", "1234567890abcdefghij" },
    { "abbrevboth\ti20\ti10\ts1234567890abcdefghij", "...defghij" },
    { "abbrevboth\ti1\ti10\ts1234567890abcdefghij", "1234567..." },
    { "abbrevboth\ti-5\ti10\ts1234567890abcdefghij", "1234567..." },
    { "initials\tsFirst Try", "FT" },
    { "initials\ts \303\251a  b", "\303\203b" },
    { "initials\ts", "" },
    { "wrap\ti5\tsa b c d e f g", "a b c\nd e f\ng" },
    { "wrap\ti3\tsabcdefgh ij", "abcdefgh\nij" },
    { "wrap\ti0\tsab cd", "ab\ncd" },
    { "wrap\ti10\ts   leading spaces here", "leading\nspaces\nhere" },
    { "wrapWith\ti5\ts<br>\tsa b c d e f g", "a b c<br>d e f<br>g" },
    { "wrapWith\ti3\ts|\tsabcdefgh ij", "abc|def|gh|ij" },
    { "plural\tsone\tsmany\ti2", "many" },
    { "plural\tsone\tsmany\ti1", "one" },
    { "cat\tsa\tn\tsb\ti1", "a b 1" },
    { "cat", "" },
    { "cat\tL:i1,sb\tf1.5", "[1 b] 1.5" },
    { "contains\tsfoo\tsfoobar", "true" },
    { "hasPrefix\tsfoo\tsfoobar", "true" },
    { "hasSuffix\tsbar\tsfoobar", "true" },
    { "replace\tsa\tsb\tsaaa", "bbb" },
    { "replace\ts\ts-\tsab\303\251", "-a-b-\303\251-" },
    { "replace\tsaa\tsb\tsaaaaa", "bba" },
    { "indent\ti4\tsa\\n\\nb\\n", "    a\n    \n    b\n    " },
    { "nindent\ti2\tsa\\nb", "\n  a\n  b" },
    { "indent\ti2\ts", "  " },
    { "nindent\ti2\ts", "\n  " },
    { "indent\ti-2\tsa\\nb", "ERR: strings: negative Repeat count" },
    { "b64enc\tshello", "aGVsbG8=" },
    { "b64dec\tsaGVsbG8=", "hello" },
    { "b64enc\ts", "" },
    { "b64dec\ts!!", "illegal base64 data at input byte 0" },
    { "b64dec\tsaGVsbG8", "illegal base64 data at input byte 4" },
    { "b64dec\tsaGVsbA=", "illegal base64 data at input byte 7" },
    { "b64dec\tsaGVsbA==", "hell" },
    { "b64dec\tsaGVs\\nbG8=", "hello" },
    { "b64dec\tsaGVsbA==x", "illegal base64 data at input byte 8" },
    { "b64dec\tsa===", "illegal base64 data at input byte 1" },
    { "b64dec\tsaGVsbA=x", "illegal base64 data at input byte 6" },
    { "b64dec\tsa", "illegal base64 data at input byte 0" },
    { "b64dec\tsab=", "illegal base64 data at input byte 3" },
    { "b64enc\tsab", "YWI=" },
    { "b32enc\tshello", "NBSWY3DP" },
    { "b32enc\tsa", "ME======" },
    { "b32enc\tsab", "MFRA====" },
    { "b32enc\tsabc", "MFRGG===" },
    { "b32enc\tsabcd", "MFRGGZA=" },
    { "b32dec\tsNBSWY3DP", "hello" },
    { "b32dec\tsME======", "a" },
    { "b32dec\tsMFRA====", "ab" },
    { "b32dec\ts!!", "illegal base32 data at input byte 0" },
    { "b32dec\tsME=", "illegal base32 data at input byte 3" },
    { "b32dec\tsMFRGG===", "abc" },
    { "b32dec\tsMFRGGZA=", "abcd" },
    { "b32dec\tsNBSWY3D", "illegal base32 data at input byte 0" },
    { "b32dec\tsM=======", "illegal base32 data at input byte 1" },
    { "b32dec\tsMFRGGZA=x", "abcd" },
    { "sha256sum\tshello", "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" },
    { "sha1sum\tsa", "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" },
    { "adler32sum\tsa", "6422626" },
    { "sha512sum\tsabc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
    { "sha1sum\ts", "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
    { "sha256sum\ts0123456789012345678901234567890123456789012345678901234567890123456789", "57445fa40b08c60cdcba7ca39c756de614d11482e3f15a925f548688c19e58f4" },
    { "sha512sum\ts0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567", "ac5b7cf7bd20e4324cd9b207632dcba349bb262aab0090eecb22ac56f343185a5f07e4fd9e28cbb4283a1cc92ecc9aae2252ccbfb0f088d586a20176a1075e0d" },
    { "adler32sum\ts0123456789012345678901234567890123456789012345678901234567890123456789", "4222750300" },
    { "default\tsd\tn", "d" },
    { "default\tsd\ti0", "d" },
    { "default\tsd\tsx", "x" },
    { "default\tsd", "d" },
    { "default\tsd\tL:", "d" },
    { "empty\ti0", "true" },
    { "empty\tsx", "false" },
    { "empty\tM:", "true" },
    { "coalesce\tn\ts\tsx", "x" },
    { "coalesce\tn\ti0", "<no value>" },
    { "all\ti1\tsa", "true" },
    { "all\ti1\ts", "false" },
    { "any\ti0\ts\ti1", "true" },
    { "any", "false" },
    { "ternary\tsa\tsb\tbt", "a" },
    { "ternary\tsa\tsb\tbf", "b" },
};

/* Call the function named by parts[0] on the parsed arguments; print the result as a
 * template would ("<no value>" for nil) or "ERR: msg". */
static const char *run_line(const char *in)
{
    char *line = sg_strdup(in), *parts[20];
    int np = tu_split_case(line, parts, 20);
    sg_value args[20];
    int na = 0;
    for (int i = 1; i < np; i++) args[na++] = tu_parse_arg(parts[i]);
    const sg_funcdef *f = NULL;
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (strcmp(fns[i].name, parts[0]) == 0) f = &fns[i];
    if (!f) return "NOFUNC";
    sg_fcall fc = { NULL, f->name };
    sg_catch c;
    if (SG_TRY(&c)) {
        sg_value r = f->fn(&fc, na, args);
        catch_pop(&c);
        sg_buf b;
        buf_init(&b);
        if (r.kind == VK_NIL) buf_puts(&b, "<no value>");
        else gofmt_value(&b, r);
        return b.p;
    }
    catch_pop(&c);
    return sg_sprintf("ERR: %s", c.err->msg);
}

START_TEST(t_functions_match_sprig_output_and_errors)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = run_line(cases[i].in);
        ck_assert_msg(strcmp(got, cases[i].want) == 0, "case %s: got [%s] want [%s]", cases[i].in, got, cases[i].want);
    }
}
END_TEST

START_TEST(t_default_treats_every_zero_value_as_unset)
{
    /* HELM-FACTS 8.1: 0 false "" [] {} null -> d; "hello" kept */
    ck_assert_str_eq(run_line("default\tsd\ti0"), "d");
    ck_assert_str_eq(run_line("default\tsd\tbf"), "d");
    ck_assert_str_eq(run_line("default\tsd\ts"), "d");
    ck_assert_str_eq(run_line("default\tsd\tL:"), "d");
    ck_assert_str_eq(run_line("default\tsd\tM:"), "d");
    ck_assert_str_eq(run_line("default\tsd\tn"), "d");
    ck_assert_str_eq(run_line("default\tsd\tshello"), "hello");
    ck_assert_str_eq(run_line("default\tsd\tf0"), "d");
}
END_TEST

START_TEST(t_conversions_return_go_types)
{
    sg_fcall fc = { NULL, "x" };
    sg_value a = val_cstr("42");
    ck_assert_int_eq(fn_int(&fc, 1, &a).kind, VK_INT);
    ck_assert_int_eq(fn_int64(&fc, 1, &a).kind, VK_INT64);
    ck_assert_int_eq(fn_float64(&fc, 1, &a).kind, VK_FLOAT);
    ck_assert_int_eq(fn_atoi(&fc, 1, &a).kind, VK_INT);
    sg_value l = fn_tostrings(&fc, 1, &a);
    ck_assert_int_eq(l.gotype, GT_LIST_STRING);
    ck_assert_str_eq(val_typename(l), "[]string");
}
END_TEST

START_TEST(t_random_strings_have_the_requested_length_and_alphabet)
{
    sg_fcall fc = { NULL, "x" };
    sg_value n = val_int(64);
    sg_value s = fn_randalphanum(&fc, 1, &n);
    ck_assert_uint_eq(s.u.s.n, 64);
    for (size_t i = 0; i < 64; i++) ck_assert(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", s.u.s.p[i]));
    s = fn_randnumeric(&fc, 1, &n);
    for (size_t i = 0; i < 64; i++) ck_assert(s.u.s.p[i] >= '0' && s.u.s.p[i] <= '9');
    s = fn_randascii(&fc, 1, &n);
    for (size_t i = 0; i < 64; i++) ck_assert(s.u.s.p[i] >= 32 && s.u.s.p[i] < 127);
    n = val_int(-1);
    ck_assert_uint_eq(fn_randalpha(&fc, 1, &n).u.s.n, 0);
    s = fn_uuidv4(&fc, 0, NULL);
    ck_assert_uint_eq(s.u.s.n, 36);
    ck_assert_int_eq(s.u.s.p[14], '4');
    ck_assert(strchr("89ab", s.u.s.p[19]));
    sg_value w = val_cstr("h\xc3\xa9llo");
    ck_assert_uint_eq(fn_shuffle(&fc, 1, &w).u.s.n, 6);
}
END_TEST

Suite *strfuncs_suite(void)
{
    Suite *s = suite_create("strfuncs");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_functions_match_sprig_output_and_errors);
    tcase_add_test(tc, t_default_treats_every_zero_value_as_unset);
    tcase_add_test(tc, t_conversions_return_go_types);
    tcase_add_test(tc, t_random_strings_have_the_requested_length_and_alphabet);
    suite_add_tcase(s, tc);
    return s;
}
