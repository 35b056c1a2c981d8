/* check_json.c - unit tests of io/json.c (Go encoding/json); expected texts printed by
 * real helm v4.1.4 (toJson / toPrettyJson / toRawJson / fromJson, HELM-FACTS §4.2-4.3). */
#include <check.h>
#include <math.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/io/json.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

static const char *emit(sg_value v, int flags)
{
    sg_buf b = { 0 };
    const char *err;
    buf_init(&b);
    if (jsonio_emit(&b, v, flags, &err) < 0) return err;
    return b.p;
}

static const struct { double f; const char *out; } floats[] = {
    { 1.5, "1.5" }, { 1e6, "1000000" }, { 1e20, "100000000000000000000" }, { 1e21, "1e+21" },
    { 1.5e300, "1.5e+300" }, { 0.000001, "0.000001" }, { 1e-7, "1e-7" }, { -0.0, "-0" },
    { 12345678901234567890.0, "12345678901234567000" }, { 0.1, "0.1" }, { 123456.7, "123456.7" },
};

START_TEST(t_floats_print_as_encoding_json)
{
    ck_assert_str_eq(emit(val_float(floats[_i].f), 0), floats[_i].out);
}
END_TEST

START_TEST(t_strings_escape_html_and_line_separators)
{
    ck_assert_str_eq(emit(val_cstr("<a&b>\t\n\"\\\x01\x7fé\xe2\x80\xa8"), 0),
                     "\"\\u003ca\\u0026b\\u003e\\t\\n\\\"\\\\\\u0001\x7fé\\u2028\"");
    ck_assert_str_eq(emit(val_cstr("<&>"), JSONIO_NOESCAPE), "\"<&>\"");
    ck_assert_str_eq(emit(val_str("a\xff", 2), 0), "\"a\\ufffd\"");
}
END_TEST

START_TEST(t_maps_sort_bytewise_and_pretty_indents_two)
{
    sg_value m = val_map();
    sg_value l = val_list(0);
    list_push(l, val_float(1));
    list_push(l, val_float(2));
    map_set(m, "b", val_cstr("x"));
    map_set(m, "a", l);
    map_set(m, "c", val_map());
    map_set(m, "B", sg_nil);
    ck_assert_str_eq(emit(m, 0), "{\"B\":null,\"a\":[1,2],\"b\":\"x\",\"c\":{}}");
    map_del(m, "B");
    ck_assert_str_eq(emit(m, JSONIO_PRETTY), "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": \"x\",\n  \"c\": {}\n}");
    ck_assert_str_eq(emit(val_list(0), 0), "[]");
    ck_assert_str_eq(emit(sg_nil, 0), "null");
    ck_assert_str_eq(emit(val_float(NAN), 0), "json: unsupported value: NaN");
    ck_assert_str_eq(emit(val_float(-INFINITY), 0), "json: unsupported value: -Inf");
}
END_TEST

static const struct { const char *in, *out; } parses[] = {
    { "{\"a\": 1, \"c\": 12345678901234567890}", "{\"a\":1,\"c\":12345678901234567000}" },
    { " [1, \"\\u00e9\\ud83d\\ude00\", true, null, {}] ", "[1,\"é😀\",true,null,{}]" },
    { "{bad", "invalid character 'b' looking for beginning of object key string" },
    { "[1,2", "unexpected end of JSON input" },
    { "", "unexpected end of JSON input" },
    { "{\"a\":1} x", "invalid character 'x' after top-level value" },
    { "{\"a\" 1}", "invalid character '1' after object key" },
    { "[1 2]", "invalid character '2' after array element" },
    { "tru", "unexpected end of JSON input" },
    { "trux", "invalid character 'x' in literal true (expecting 'e')" },
    { "01", "invalid character '1' after top-level value" },
    { "1.", "unexpected end of JSON input" },
    { "1.x", "invalid character 'x' after decimal point in numeric literal" },
    { "\"a\nb\"", "invalid character '\\n' in string literal" },
    { "\"\\x\"", "invalid character 'x' in string escape code" },
};

START_TEST(t_parse_follows_encoding_json)
{
    sg_value v;
    const char *err;
    const char *in = parses[_i].in;
    if (jsonio_parse(in, strlen(in), &v, &err) < 0) {
        ck_assert_str_eq(err, parses[_i].out);
        return;
    }
    ck_assert_str_eq(emit(v, JSONIO_NOESCAPE), parses[_i].out);
}
END_TEST

Suite *json_suite(void);
Suite *json_suite(void)
{
    Suite *s = suite_create("json");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, t_floats_print_as_encoding_json, 0, (int)(sizeof floats / sizeof floats[0]));
    tcase_add_test(tc, t_strings_escape_html_and_line_separators);
    tcase_add_test(tc, t_maps_sort_bytewise_and_pretty_indents_two);
    tcase_add_loop_test(tc, t_parse_follows_encoding_json, 0, (int)(sizeof parses / sizeof parses[0]));
    suite_add_tcase(s, tc);
    return s;
}
