/* check_yaml.c - unit tests of io/yaml_load.c and io/yaml_emit.c.
 *
 * Expected texts were printed by real helm v4.1.4 (`helm template` of a chart whose
 * template is `{{ toYaml .Values }}` or `{{ toYaml .Values.x }}`), most of them are the
 * examples of HELM-FACTS sections 3.1, 4.1 and 6.
 */
#include <check.h>
#include <math.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/io/json.h"
#include "../../src/io/yaml.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

/* values text → toJson of the loaded value (Helm's view of values.yaml). */
static const char *load_json(const char *yaml)
{
    sg_value v;
    const char *err;
    if (yamlio_load(yaml, strlen(yaml), &v, &err) < 0) return err;
    sg_buf b = { 0 };
    buf_init(&b);
    if (jsonio_emit(&b, v, 0, &err) < 0) return err;
    return b.p;
}

/* values text → toYaml of the loaded value. */
static const char *roundtrip(const char *yaml)
{
    sg_value v;
    const char *err;
    if (yamlio_load(yaml, strlen(yaml), &v, &err) < 0) return err;
    sg_buf b = { 0 };
    buf_init(&b);
    yamlio_emit(&b, v);
    return b.p;
}

static const struct { const char *in, *json; } load_cases[] = {
    { "b: true\nbyes: yes\nn: null\ny: 2\non: 3\noff: 4\n", "{\"b\":true,\"byes\":true,\"false\":4,\"true\":3}" },
    { "big: 12345678901234567890", "{\"big\":12345678901234567000}" },
    { "dt: 2024-01-01\nts: 2001-12-14t21:59:43.10-05:00", "{\"dt\":\"2024-01-01\",\"ts\":\"2001-12-14t21:59:43.10-05:00\"}" },
    { "e3: 1e3\nf0: 1.0\nfbig: 1.5e20\nfsmall: 0.000001", "{\"e3\":1000,\"f0\":1,\"fbig\":150000000000000000000,\"fsmall\":0.000001}" },
    { "hex: 0x10\noct: 0o17\noct2: 017\nplus: +5\nunder: 1_000\nneg: -42", "{\"hex\":16,\"neg\":-42,\"oct\":15,\"oct2\":15,\"plus\":5,\"under\":1000}" },
    { "i64: 9223372036854775807", "{\"i64\":9223372036854776000}" },
    { "s: \"2\"\ntilde: ~\nl: [x, y, z]", "{\"l\":[\"x\",true,\"z\"],\"s\":\"2\",\"tilde\":null}" },
    { "1: a\n2.5: b\ntrue: c", "{\"1\":\"a\",\"2.5\":\"b\",\"true\":\"c\"}" },
    { "a: &x {p: 1}\nb: *x\nc:\n  <<: *x\n  q: 2\n", "{\"a\":{\"p\":1},\"b\":{\"p\":1},\"c\":{\"p\":1,\"q\":2}}" },
    { "a: 1\na: 2", "{\"a\":2}" },
    { "a: !!str 5\nb: !!binary aGVsbG8=\nc: !foo bar", "{\"a\":\"5\",\"b\":\"hello\",\"c\":\"bar\"}" },
    { "", "null" },
    { "# only a comment\n", "null" },
    { "a: 1\n---\nb: 2\n", "{\"a\":1}" },
    { "a: .inf", "error converting YAML to JSON: json: unsupported value: +Inf" },
    { "~: false", "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: false" },
    { "a: [", "error converting YAML to JSON: yaml: line 1: did not find expected node content" },
    { "a: b\n c: d", "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context" },
    { "x: [1, 2\ny: 3", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'" },
    { "a:\n\tb: 1", "error converting YAML to JSON: yaml: line 2: found character that cannot start any token" },
    { "x: %!d(string=a)", "error converting YAML to JSON: yaml: found character that cannot start any token" },
    { "a: *nope", "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced" },
    { "a: !!int x", "error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int" },
};

START_TEST(t_load_follows_sigs_yaml)
{
    ck_assert_str_eq(load_json(load_cases[_i].in), load_cases[_i].json);
}
END_TEST

START_TEST(t_values_v4_merges_documents_and_v3_takes_the_first)
{
    const char *text = "a: 1\nb: 1\n---\nb: 2\nc: 3\n";
    sg_value v;
    const char *err;
    sg_buf b = { 0 };
    buf_init(&b);
    sg_helm_major = 4;
    ck_assert_int_eq(yamlio_load_values(text, strlen(text), &v, &err), 0);
    jsonio_emit(&b, v, 0, &err);
    ck_assert_str_eq(b.p, "{\"a\":1,\"b\":2,\"c\":3}");
    sg_helm_major = 3;
    ck_assert_int_eq(yamlio_load_values(text, strlen(text), &v, &err), 0);
    buf_init(&b);
    jsonio_emit(&b, v, 0, &err);
    ck_assert_str_eq(b.p, "{\"a\":1,\"b\":1}");
    sg_helm_major = 4;
    ck_assert_int_eq(yamlio_load_values("- a\n", 4, &v, &err), -1);
    ck_assert_str_eq(err, "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: "
                          "cannot unmarshal array into Go value of type map[string]interface {}");
    ck_assert_int_eq(yamlio_load_values("a: 1\n--- x\n", 11, &v, &err), -1);
    ck_assert_str_eq(err, "error reading yaml document: invalid Yaml document separator: x");
    ck_assert_int_eq(yamlio_load_values("# c\n", 4, &v, &err), 0);
    ck_assert(v.kind == VK_MAP && map_len(v) == 0);
}
END_TEST

static const struct { const char *in, *out; } emit_cases[] = {
    /* key order: go-yaml v2 natural order */
    { "{\"\": empty, \"-\": dash, _u: u, \"1\": one, \"9\": nine, \"10\": ten, A: z, Zed: zz, a: 2, \"a b\": q, a-b: q, a.b: q, a2: y, a10: x, b: 1, zed: zz}",
      "\"\": empty\n'-': dash\n_u: u\n\"1\": one\n\"9\": nine\n\"10\": ten\nA: z\nZed: zz\na: 2\na b: q\na-b: q\na.b: q\na2: true\na10: x\nb: 1\nzed: zz" },
    /* strings that would resolve to something else are double-quoted */
    { "[\"true\", \"no\", \"y\", \"null\", \"~\", \"\", \"123\", \"1e3\", \"0x10\", \"012\", \"1_000\", \"+1\", \".5\", \"2024-01-01\", \"12:30\", \"1:30:00\", \".inf\", \"NULL\", \"Yes\"]",
      "- \"true\"\n- \"no\"\n- \"y\"\n- \"null\"\n- \"~\"\n- \"\"\n- \"123\"\n- \"1e3\"\n- \"0x10\"\n- \"012\"\n- \"1_000\"\n- \"+1\"\n- \".5\"\n- \"2024-01-01\"\n- \"12:30\"\n- \"1:30:00\"\n- \".inf\"\n- \"NULL\"\n- \"Yes\"" },
    /* libyaml downgrades plain to single-quoted */
    { "[\"-\", \"- a\", \"a: b\", \"#x\", \"a #b\", \"@x\", \"`x\", \"!x\", \"&x\", \"*x\", \"%x\", \"{x}\", \"[x]\", \" lead\", \"trail \", \"? x\", \"|x\", \">x\", \"'x\", \"\\\"x\"]",
      "- '-'\n- '- a'\n- 'a: b'\n- '#x'\n- 'a #b'\n- '@x'\n- '`x'\n- '!x'\n- '&x'\n- '*x'\n- '%x'\n- '{x}'\n- '[x]'\n- ' lead'\n- 'trail '\n- '? x'\n- '|x'\n- '>x'\n- '''x'\n- '\"x'" },
    { "[\"a:b\", \"x,y\", \"quote'x\", \"=\", \"<<\", \"?x\", \"é unicode ✓\", \"tab\\there\", \"ctrl\\u0001x\", \"emoji 😀\"]",
      "- a:b\n- x,y\n- quote'x\n- =\n- <<\n- ?x\n- é unicode ✓\n- \"tab\\there\"\n- \"ctrl\\x01x\"\n- \"emoji \\U0001F600\"" },
    /* multi-line strings */
    { "{multi: \"line1\\nline2\\n\", nofinal: \"line1\\nline2\", trail2: \"line1\\n\\n\", lead: \"  line1\\nline2\\n\", tab: \"a\\tb\\nc\\n\", tws: \"line1  \\nline2\\n\"}",
      "lead: |2\n    line1\n  line2\nmulti: |\n  line1\n  line2\nnofinal: |-\n  line1\n  line2\ntab: \"a\\tb\\nc\\n\"\ntrail2: |+\n  line1\n\ntws: \"line1  \\nline2\\n\"" },
    /* width-80 folding */
    { "{args: [\"--flag=aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh iiiiiiiii\"],"
      " dq: \"needs \\t double quotes because of tab and is long enough to be wrapped at some point in the line ok\","
      " q: \"it's a 'quoted' string with: colon and more words to make it long enough to wrap around the line\","
      " nospace: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}",
      "args:\n- --flag=aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff ggggggggg hhhhhhhhh\n  iiiiiiiii\n"
      "dq: \"needs \\t double quotes because of tab and is long enough to be wrapped at some\n  point in the line ok\"\n"
      "nospace: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
      "q: 'it''s a ''quoted'' string with: colon and more words to make it long enough to\n  wrap around the line'" },
    /* numbers after the JSON round trip */
    { "[1000000, 123456789, 1.5e20, 1e21, 0.00001, 0.0001, 1.5, -0.0, 1.0, 12345678901234567890]",
      "- 1000000\n- 123456789\n- 1.5e+20\n- 1e+21\n- 1e-05\n- 0.0001\n- 1.5\n- 0\n- 1\n- 12345678901234567000" },
    /* nesting, empty collections */
    { "{nested: [[a, b], [c], {x: 1, y: [1, 2]}, [], {}], em: {}, el: [], nul: null}",
      "el: []\nem: {}\nnested:\n- - a\n  - b\n- - c\n- \"true\":\n  - 1\n  - 2\n  x: 1\n- []\n- {}\nnul: null" },
    { "~", "null" },
    { "\"\"", "\"\"" },
    { "str", "str" },
    { "\"a\\nb\"", "|-\n  a\n  b" },
    { "\"a\\n\\n\"", "|+\n  a\n" },
};

START_TEST(t_emit_matches_go_yaml_v2)
{
    ck_assert_str_eq(roundtrip(emit_cases[_i].in), emit_cases[_i].out);
}
END_TEST

START_TEST(t_emit_keeps_marshal_newline_and_fails_on_nan)
{
    sg_buf b = { 0 };
    const char *err;
    buf_init(&b);
    ck_assert_int_eq(yamlio_marshal(&b, val_map(), &err), 0);
    ck_assert_str_eq(b.p, "{}\n");
    buf_init(&b);
    ck_assert_int_eq(yamlio_marshal(&b, val_float(NAN), &err), -1);
    ck_assert_str_eq(err, "json: unsupported value: NaN");
    ck_assert_uint_eq(b.len, 0);
    yamlio_emit(&b, val_float(NAN));
    ck_assert_str_eq(b.p, "");
}
END_TEST

START_TEST(t_toyamlpretty_indents_sequences_and_keeps_floats)
{
    sg_value m = val_map();
    sg_value l = val_list(0);
    list_push(l, val_float(1));
    list_push(l, val_cstr("two"));
    map_set(m, "l", l);
    map_set(m, "big", val_float(1e6));
    map_set(m, "s", val_cstr("line1\nline2"));
    map_set(m, "t", val_cstr("a\tb\nc"));
    sg_buf b = { 0 };
    buf_init(&b);
    yamlio_emit_v3(&b, m);
    ck_assert_str_eq(b.p, "big: 1e+06\nl:\n  - 1\n  - two\ns: |-\n  line1\n  line2\nt: |-\n  a\tb\n  c\n");
}
END_TEST

Suite *yaml_suite(void);
Suite *yaml_suite(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, t_load_follows_sigs_yaml, 0, (int)(sizeof load_cases / sizeof load_cases[0]));
    tcase_add_test(tc, t_values_v4_merges_documents_and_v3_takes_the_first);
    tcase_add_loop_test(tc, t_emit_matches_go_yaml_v2, 0, (int)(sizeof emit_cases / sizeof emit_cases[0]));
    tcase_add_test(tc, t_emit_keeps_marshal_newline_and_fails_on_nan);
    tcase_add_test(tc, t_toyamlpretty_indents_sequences_and_keeps_floats);
    suite_add_tcase(s, tc);
    return s;
}
