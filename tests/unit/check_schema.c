/* check_schema.c - unit tests of values.schema.json validation messages (v4 and v3),
 * expected texts taken from real helm v4.1.4 / v3.17.3. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/io/json.h"
#include "../../src/render/schema.h"
#include "../../src/render/schema_ref.h"
#include "../../src/value/value.h"

static int saved_major;
static void setup(void) { arena_push(); saved_major = sg_helm_major; sg_helm_major = 4; }
static void teardown(void) { sg_helm_major = saved_major; arena_pop(); }

static const char *check(const char *schema, const char *json)
{
    sg_value v;
    const char *err;
    ck_assert_int_eq(jsonio_parse(json, strlen(json), &v, &err), 0);
    return schema_errors(schema, strlen(schema), v);
}

START_TEST(t_valid_values_give_no_message)
{
    ck_assert_str_eq(check("{\"type\":\"object\",\"properties\":{\"r\":{\"type\":\"integer\"}}}", "{\"r\":2.0}"), "");
}
END_TEST

START_TEST(t_v4_messages_name_the_json_pointer)
{
    ck_assert_str_eq(check("{\"type\":\"object\",\"required\":[\"image\"]}", "{}"), "- at '': missing property 'image'\n");
    ck_assert_str_eq(check("{\"properties\":{\"replicas\":{\"minimum\":1}}}", "{\"replicas\":0}"),
                     "- at '/replicas': minimum: got 0, want 1\n");
    ck_assert_str_eq(check("{\"properties\":{\"r\":{\"type\":\"integer\"}}}", "{\"r\":\"1.5\"}"),
                     "- at '/r': got string, want integer\n");
    ck_assert_str_eq(check("{\"properties\":{\"e\":{\"type\":[\"string\",\"null\"]}}}", "{\"e\":1}"),
                     "- at '/e': got number, want null or string\n");
}
END_TEST

START_TEST(t_v4_groups_several_failures_of_one_location)
{
    /* the only failing property: its group is the root's single error, which helm flattens */
    ck_assert_str_eq(check("{\"properties\":{\"o\":{\"additionalProperties\":false,\"properties\":{\"a\":{\"type\":\"string\"}}}}}",
                           "{\"o\":{\"a\":1,\"b\":2}}"),
                     "- at '/o/a': got number, want string\n"
                     "- at '/o': additional properties 'b' not allowed\n");
    /* with a sibling failure one level up, the inner group stays */
    ck_assert_str_eq(check("{\"properties\":{\"p\":{\"minProperties\":3,\"properties\":{\"o\":{\"additionalProperties\":false,"
                           "\"properties\":{\"a\":{\"type\":\"string\"}}}}}}}",
                           "{\"p\":{\"o\":{\"a\":1,\"b\":2}}}"),
                     "- at '/p': minProperties: got 1, want 3\n"
                     "- at '/p/o': validation failed\n  - at '/p/o/a': got number, want string\n"
                     "  - at '/p/o': additional properties 'b' not allowed\n");
}
END_TEST

START_TEST(t_v4_numbers_are_printed_as_x_text_does)
{
    ck_assert_str_eq(check("{\"properties\":{\"p\":{\"maximum\":65535}}}", "{\"p\":1234567.5}"),
                     "- at '/p': maximum: got 1.2345675\u00d710\u2070\u2076, want 65,535\n");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"minLength\":1500}}}", "{\"a\":\"x\"}"),
                     "- at '/a': minLength: got 1, want 1,500\n");
}
END_TEST

START_TEST(t_v4_combinators_carry_their_causes)
{
    ck_assert_str_eq(check("{\"properties\":{\"x\":{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"boolean\"}]}}}", "{\"x\":\"s\"}"),
                     "- at '/x': 'anyOf' failed\n  - at '/x': got string, want integer\n  - at '/x': got string, want boolean\n");
    ck_assert_str_eq(check("{\"patternProperties\":{\"^n_\":{\"type\":\"number\"}},\"additionalProperties\":false}",
                           "{\"n_a\":\"x\"}"),
                     "- at '/n_a': got string, want number\n");
}
END_TEST

START_TEST(t_v3_messages_use_field_paths)
{
    sg_helm_major = 3;
    ck_assert_str_eq(check("{\"type\":\"object\",\"required\":[\"image\"]}", "{}"), "- (root): image is required\n");
    ck_assert_str_eq(check("{\"properties\":{\"port\":{\"enum\":[80,443]}}}", "{\"port\":81}"),
                     "- port: port must be one of the following: 80, 443\n");
    ck_assert_str_eq(check("{\"properties\":{\"o\":{\"properties\":{\"a\":{\"type\":\"string\"}}}}}", "{\"o\":{\"a\":1}}"),
                     "- o.a: Invalid type. Expected: string, given: integer\n");
}
END_TEST

START_TEST(t_v4_asserts_format_only_before_draft_2019)
{
    ck_assert_str_eq(check("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"properties\":{\"a\":{\"format\":\"email\"}}}",
                           "{\"a\":\"x\"}"),
                     "- at '/a': 'x' is not valid email: missing @\n");
    ck_assert_str_eq(check("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"properties\":{\"a\":{\"format\":\"ipv4\"}}}",
                           "{\"a\":\"a.2.3.4\"}"),
                     "- at '/a': 'a.2.3.4' is not valid ipv4: strconv.Atoi: parsing \"a\": invalid syntax\n");
    ck_assert_str_eq(check("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"properties\":{\"a\":{\"format\":\"hostname\"}}}",
                           "{\"a\":\"h\u00e9\"}"),
                     "- at '/a': 'h\u00e9' is not valid hostname: invalid character '\u00e9'\n");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"format\":\"email\"}}}", "{\"a\":\"x\"}"), "");
}
END_TEST

START_TEST(t_v4_contains_bounds_list_the_matching_indices)
{
    ck_assert_str_eq(check("{\"contains\":{\"type\":\"string\"},\"maxContains\":1}", "[\"x\",1,\"y\"]"),
                     "- at '': max 1 items required to match contains schema, but matched 2 items at 0 2\n");
}
END_TEST

START_TEST(t_v3_format_and_bounds_as_gojsonschema_prints_them)
{
    sg_helm_major = 3;
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"format\":\"uri\"}}}", "{\"a\":\"/p\"}"),
                     "- a: Does not match format 'uri'\n");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"format\":\"date\"}}}", "{\"a\":7}"),
                     "- a: Does not match format 'date'\n");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"format\":\"date-time\"}}}", "{\"a\":\"2020-01-01T10:00:00Z\"}"), "");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"maximum\":1000000}}}", "{\"a\":2000000}"),
                     "- a: Must be less than or equal to 1e+06\n");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"uniqueItems\":true}}}", "{\"a\":[1,1,1]}"),
                     "- a: array items[0,1] must be unique\n- a: array items[1,2] must be unique\n");
}
END_TEST

START_TEST(t_ref_fragments_are_url_decoded)
{
    ck_assert_str_eq(check("{\"$defs\":{\"a b\":{\"type\":\"string\"}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/a%20b\"}}}",
                           "{\"a\":1}"),
                     "- at '/a': got number, want string\n");
}
END_TEST

START_TEST(t_v4_unevaluated_properties_skip_what_passing_subschemas_evaluated)
{
    ck_assert_str_eq(check("{\"unevaluatedProperties\":false,\"allOf\":[{\"properties\":{\"a\":{}}}]}", "{\"a\":1,\"c\":2}"),
                     "- at '/c': false schema\n");
    ck_assert_str_eq(check("{\"$defs\":{\"b\":{\"properties\":{\"a\":{}}}},\"$ref\":\"#/$defs/b\",\"unevaluatedProperties\":false}",
                           "{\"a\":1}"), "");
    sg_helm_major = 3;
    ck_assert_str_eq(check("{\"unevaluatedProperties\":false}", "{\"c\":2}"), "");
}
END_TEST

START_TEST(t_v4_const_and_enum_print_integral_literals_as_digits)
{
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"const\":1000000}}}", "{\"a\":2}"), "- at '/a': value must be 1000000\n");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"enum\":[100000,0.00001]}}}", "{\"a\":2}"),
                     "- at '/a': value must be one of 100000, 0.00001\n");
}
END_TEST

START_TEST(t_schema_literals_keep_their_text)
{
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"enum\":[1.10,1e3]}}}", "{\"a\":2}"),
                     "- at '/a': value must be one of 1.10, 1e3\n");
    sg_helm_major = 3; /* gojsonschema prints them after a float64 round trip */
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"enum\":[1.10,1e3]}}}", "{\"a\":2}"),
                     "- a: a must be one of the following: 1.1, 1000\n");
    ck_assert_str_eq(check("{\"properties\":{\"a\":{\"minLength\":1.0}}}", "{\"a\":\"\"}"), "minLength must be of an integer");
}
END_TEST

START_TEST(t_v3_follows_gojsonschema_order_and_best_scores)
{
    sg_helm_major = 3;
    /* items before minItems; anyOf's line, then its best-scoring subschema's errors */
    ck_assert_str_eq(check("{\"properties\":{\"l\":{\"items\":{\"type\":\"string\"},\"minItems\":3}}}", "{\"l\":[\"a\",2]}"),
                     "- l.1: Invalid type. Expected: string, given: integer\n- l: Array must have at least 3 items\n");
    ck_assert_str_eq(check("{\"properties\":{\"p\":{\"anyOf\":[{\"type\":\"integer\"},{\"type\":\"string\",\"minLength\":5}]}}}",
                           "{\"p\":\"abc\"}"),
                     "- p: Must validate at least one schema (anyOf)\n- p: String length must be greater than or equal to 5\n");
    /* a $ref replaces its siblings in every draft; the first use does not even parse them */
    ck_assert_str_eq(check("{\"definitions\":{\"x\":{\"minimum\":10}},\"properties\":{\"p\":{\"$ref\":\"#/definitions/x\","
                           "\"minLength\":-1,\"maximum\":1}}}", "{\"p\":5}"),
                     "- p: Must be greater than or equal to 10\n");
    ck_assert_str_eq(check("{\"$defs\":{\"x\":{\"minLength\":-1}}}", "{}"), "");
    ck_assert_str_eq(check("{\"allOf\":[{\"required\":\"a\"}]}", "{}"), "required must be of an array");
}
END_TEST

START_TEST(t_url_resolution_follows_go)
{
    ck_assert_str_eq(schema_url_resolve("", "values.schema.json#/a"), "/values.schema.json#/a");
    ck_assert_str_eq(schema_url_resolve("", "#/definitions/x"), "#/definitions/x");
    ck_assert_str_eq(schema_url_resolve("file:///values.schema.json", "#foo"), "file:///values.schema.json#foo");
    ck_assert_str_eq(schema_url_resolve("http://ex.com/a/b.json", "../c/./d.json"), "http://ex.com/c/d.json");
    ck_assert_str_eq(schema_url_resolve("http://ex.com/a/b.json", "http://x.org"), "http://x.org");
    ck_assert_str_eq(schema_url_resolve("http://ex.com/a/b.json#f", ""), "http://ex.com/a/b.json#f");
}
END_TEST

START_TEST(t_v4_refs_use_ids_and_anchors)
{
    ck_assert_str_eq(check("{\"$defs\":{\"a\":{\"$anchor\":\"foo\",\"minimum\":3}},\"properties\":{\"p\":{\"$ref\":\"#foo\"}}}",
                           "{\"p\":1}"),
                     "- at '/p': minimum: got 1, want 3\n");
    ck_assert_str_eq(check("{\"properties\":{\"p\":{\"$ref\":\"#nope\"}}}", "{\"p\":1}"),
                     "anchor in \"file:///values.schema.json#nope\" not found in schema \"file:///values.schema.json\"");
    ck_assert_str_eq(check("{\"$defs\":{\"a\":{\"$id\":\"http://ex.com/a.json\",\"maximum\":3}},"
                           "\"properties\":{\"p\":{\"$ref\":\"http://ex.com/a.json\"}}}", "{\"p\":4}"),
                     "- at '/p': maximum: got 4, want 3\n");
}
END_TEST

START_TEST(t_v4_formats_wrap_go_errors)
{
    const char *d7 = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"properties\":{\"a\":{\"format\":\"%s\"}}}";
    char sch[256];
    snprintf(sch, sizeof sch, d7, "date");
    ck_assert_str_eq(check(sch, "{\"a\":\"2020-13-01\"}"),
                     "- at '/a': '2020-13-01' is not valid date: parsing time \"2020-13-01\": month out of range\n");
    snprintf(sch, sizeof sch, d7, "ipv6");
    ck_assert_str_eq(check(sch, "{\"a\":\"1::2::3\"}"),
                     "- at '/a': '1::2::3' is not valid ipv6: ParseAddr(\"1::2::3\"): multiple :: in address (at \":3\")\n");
    snprintf(sch, sizeof sch, d7, "uri");
    ck_assert_str_eq(check(sch, "{\"a\":\"foo\"}"), "- at '/a': 'foo' is not valid uri: relative url\n");
    snprintf(sch, sizeof sch, d7, "duration");
    ck_assert_str_eq(check(sch, "{\"a\":\"P1D2M\"}"), "- at '/a': 'P1D2M' is not valid duration: unit 'M' out of order\n");
}
END_TEST

START_TEST(t_v4_unevaluated_items)
{
    ck_assert_str_eq(check("{\"prefixItems\":[{\"type\":\"integer\"}],\"unevaluatedItems\":{\"type\":\"string\"}}", "[1,2]"),
                     "- at '/1': got number, want string\n");
    ck_assert_str_eq(check("{\"allOf\":[{\"prefixItems\":[true,true]}],\"unevaluatedItems\":false}", "[1,2]"), "");
}
END_TEST

Suite *schema_suite(void);
Suite *schema_suite(void)
{
    Suite *s = suite_create("schema");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_valid_values_give_no_message);
    tcase_add_test(tc, t_v4_messages_name_the_json_pointer);
    tcase_add_test(tc, t_v4_groups_several_failures_of_one_location);
    tcase_add_test(tc, t_v4_numbers_are_printed_as_x_text_does);
    tcase_add_test(tc, t_v4_combinators_carry_their_causes);
    tcase_add_test(tc, t_v3_messages_use_field_paths);
    tcase_add_test(tc, t_v4_asserts_format_only_before_draft_2019);
    tcase_add_test(tc, t_v4_contains_bounds_list_the_matching_indices);
    tcase_add_test(tc, t_v3_format_and_bounds_as_gojsonschema_prints_them);
    tcase_add_test(tc, t_ref_fragments_are_url_decoded);
    tcase_add_test(tc, t_v4_const_and_enum_print_integral_literals_as_digits);
    tcase_add_test(tc, t_v4_unevaluated_properties_skip_what_passing_subschemas_evaluated);
    tcase_add_test(tc, t_schema_literals_keep_their_text);
    tcase_add_test(tc, t_v3_follows_gojsonschema_order_and_best_scores);
    tcase_add_test(tc, t_url_resolution_follows_go);
    tcase_add_test(tc, t_v4_refs_use_ids_and_anchors);
    tcase_add_test(tc, t_v4_formats_wrap_go_errors);
    tcase_add_test(tc, t_v4_unevaluated_items);
    suite_add_tcase(s, tc);
    return s;
}
