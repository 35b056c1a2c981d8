/* check_schema.c - unit tests of values.schema.json validation messages (v4 and v3),
 * expected texts taken from real helm v4.1.4 / v3.17.3. */
#include <check.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/io/json.h"
#include "../../src/render/schema.h"
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
    suite_add_tcase(s, tc);
    return s;
}
