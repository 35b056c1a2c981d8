/* check_values.c - coalescing of user values with chart defaults, subchart scoping and
 * globals (expectations measured with helm v4.1.4, HELM-FACTS 3.4 and 3.5). */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/chart/values.h"
#include "../../src/io/json.h"
#include "testutil.h"
#include "../../src/io/yaml.h"

static void setup(void) { arena_push(); sg_helm_major = 4; }
static void teardown(void) { arena_pop(); }

#define F(p, d) { p, d, sizeof(d) - 1 }

static sg_value yaml(const char *s)
{
    sg_value v;
    const char *err;
    ck_assert_int_eq(yamlio_load(s, strlen(s), &v, &err), 0);
    return v;
}

static const sg_chartfile cw[] = {
    F("Chart.yaml", "apiVersion: v2\nname: cw\nversion: 0.1.0\n"),
    F("values.yaml", "a: {b: 1, c: 2, d: {e: 3}}\nlist: [1, 2, 3]\nkeep: base\ngone: x\nm: {x: 1}\n"),
};

START_TEST(t_user_values_override_and_null_deletes_defaults)
{
    sg_helmchart *c = chart_load_files("cw", cw, 2);
    sg_value f1 = yaml("a: {c: 20, d: null}\nlist: [9]\ngone: null\nnew1: f1\nm: scalar\n");
    sg_value f2 = yaml("a: {b: null}\nnew1: f2\n");
    sg_value user = values_merge_maps(values_merge_maps(val_map(), f1), f2);
    sg_buf log;
    buf_init(&log);
    sg_value v = values_coalesce(c, user, &log);
    ck_assert_str_eq(tu_json(v), "{\"a\":{\"c\":20},\"keep\":\"base\",\"list\":[9],\"m\":\"scalar\",\"new1\":\"f2\"}");
    ck_assert_str_eq(log.p, "");
    ck_assert_int_eq(v.gotype, GT_MAP_VALUES);
}
END_TEST

START_TEST(t_set_edits_lists_from_files_and_set_string_wins)
{
    sg_helmchart *c = chart_load_files("cw", cw, 2);
    sg_value user = values_merge_maps(val_map(), yaml("a: {c: 20, d: null}\nlist: [9]\ngone: null\nnew1: f1\nm: scalar\n"));
    setparse_set(user, "a.c=null", SETP_SET);
    setparse_set(user, "list[1]=7", SETP_SET);
    setparse_set(user, "keep=5", SETP_STRING);
    sg_value v = values_coalesce(c, user, NULL);
    ck_assert_str_eq(tu_json(v), "{\"a\":{\"b\":1},\"keep\":\"5\",\"list\":[9,7],\"m\":\"scalar\",\"new1\":\"f1\"}");
}
END_TEST

START_TEST(t_map_over_scalar_default_warns_in_helm_format)
{
    static const sg_chartfile ch[] = {
        F("Chart.yaml", "apiVersion: v2\nname: cw\nversion: 0.1.0\n"),
        F("values.yaml", "s: str\n"),
    };
    sg_helmchart *c = chart_load_files("cw", ch, 2);
    sg_value user = val_map();
    setparse_set(user, "s.x=1", SETP_SET);
    sg_buf log;
    buf_init(&log);
    sg_value v = values_coalesce(c, user, &log);
    ck_assert_str_eq(tu_json(v), "{\"s\":{\"x\":1}}");
    ck_assert_str_eq(log.p, "level=INFO msg=\"warning: skipped value for cw.s: Not a table.\"\n");
    sg_helm_major = 3;
    buf_init(&log);
    values_coalesce(c, user, &log);
    ck_assert_str_eq(log.p, "coalesce.go:237: warning: skipped value for cw.s: Not a table.\n");
}
END_TEST

static const sg_chartfile pc[] = {
    F("Chart.yaml", "apiVersion: v2\nname: parent\nversion: 0.1.0\n"),
    F("values.yaml", "global: {g1: parent, gm: {a: 1}}\npv: 1\nsub: {s1: fromparent, sl: [p], global: {g2: subscoped}}\n"),
    F("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n"),
    F("charts/sub/values.yaml", "global: {g1: sub, g3: subdefault, gm: {b: 2}}\ns1: subdefault\ns2: subdefault\nsl: [s1, s2]\n"),
};

START_TEST(t_globals_flow_down_and_subchart_values_are_scoped)
{
    sg_helmchart *c = chart_load_files("parent", pc, 4);
    ck_assert_uint_eq(c->ndeps, 1);
    sg_value v = values_coalesce(c, val_map(), NULL);
    const char *sub = "{\"global\":{\"g1\":\"parent\",\"g2\":\"subscoped\",\"g3\":\"subdefault\",\"gm\":{\"a\":1,\"b\":2}},"
                      "\"s1\":\"fromparent\",\"s2\":\"subdefault\",\"sl\":[\"p\"]}";
    ck_assert_str_eq(tu_json(values_for_chart(c->deps[0], v)), sub);
    char want[1024];
    snprintf(want, sizeof want, "{\"global\":{\"g1\":\"parent\",\"gm\":{\"a\":1}},\"pv\":1,\"sub\":%s}", sub);
    ck_assert_str_eq(tu_json(v), want);
}
END_TEST

START_TEST(t_scalar_for_a_subchart_is_a_type_mismatch)
{
    sg_helmchart *c = chart_load_files("parent", pc, 4);
    sg_value user = val_map();
    setparse_set(user, "sub=5", SETP_SET);
    sg_catch ct;
    if (SG_TRY(&ct)) {
        values_coalesce(c, user, NULL);
        catch_pop(&ct);
        ck_abort_msg("expected an error");
    } else {
        catch_pop(&ct);
        ck_assert_str_eq(ct.err->msg, "type mismatch on sub: %!t(int64=5)");
    }
}
END_TEST

START_TEST(t_values_user_applies_flags_in_helm_order_and_prefixes_errors)
{
    sg_render_opts o;
    memset(&o, 0, sizeof o);
    const char *set[] = { "a=1" }, *sets[] = { "a=2" }, *bad[] = { "x" }, *nof[] = { "/nonexistent.yaml" };
    o.set_string = (sg_strlist){ sets, 1 };
    o.set = (sg_strlist){ set, 1 };
    ck_assert_str_eq(tu_json(values_user(&o)), "{\"a\":\"2\"}");
    o.set = (sg_strlist){ bad, 1 };
    sg_catch ct;
    if (SG_TRY(&ct)) { values_user(&o); catch_pop(&ct); ck_abort_msg("expected an error"); }
    else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, "failed parsing --set data: key \"x\" has no value"); }
    memset(&o, 0, sizeof o);
    o.value_files = (sg_strlist){ nof, 1 };
    if (SG_TRY(&ct)) { values_user(&o); catch_pop(&ct); ck_abort_msg("expected an error"); }
    else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, "open /nonexistent.yaml: no such file or directory"); }
}
END_TEST

START_TEST(t_set_json_object_form_is_v4_only)
{
    sg_render_opts o;
    memset(&o, 0, sizeof o);
    const char *sj[] = { "{\"x\":{\"y\":1}}" };
    o.set_json = (sg_strlist){ sj, 1 };
    ck_assert_str_eq(tu_json(values_user(&o)), "{\"x\":{\"y\":1}}");
    sg_helm_major = 3;
    sg_catch ct;
    if (SG_TRY(&ct)) { values_user(&o); catch_pop(&ct); ck_abort_msg("expected an error"); }
    else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, "failed parsing --set-json data {\"x\":{\"y\":1}}"); }
}
END_TEST


static const sg_chartfile dp[] = {
    F("Chart.yaml", "apiVersion: v2\nname: dp\nversion: 0.1.0\ndependencies:\n"
                    "  - {name: s1, version: 0.1.0, condition: \"s1.enabled,global.s1on\"}\n"
                    "  - {name: s2, version: \">=0.1.0\", tags: [t2]}\n"
                    "  - {name: s3, version: 0.1.0, alias: s3alias, import-values: [{child: exp, parent: imported}, data]}\n"),
    F("values.yaml", "s1: {enabled: true}\ntags: {t2: true}\n"),
    F("charts/s1/Chart.yaml", "apiVersion: v2\nname: s1\nversion: 0.1.0\n"),
    F("charts/s2/Chart.yaml", "apiVersion: v2\nname: s2\nversion: 0.1.0\n"),
    F("charts/s3/Chart.yaml", "apiVersion: v2\nname: s3\nversion: 0.1.0\n"),
    F("charts/s3/values.yaml", "exp: {e1: 1}\nexports: {data: {d1: 2}}\n"),
    F("charts/und/Chart.yaml", "apiVersion: v2\nname: und\nversion: 0.1.0\n"),
};

static const char *dep_names(const sg_helmchart *c)
{
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < c->ndeps; i++) buf_printf(&b, "%s%s", i ? " " : "", c->deps[i]->name);
    return b.p;
}

START_TEST(t_dependencies_are_ordered_aliased_and_imported)
{
    sg_helmchart *c = chart_load_files("dp", dp, sizeof dp / sizeof dp[0]);
    sg_buf log;
    buf_init(&log);
    sg_value v = values_coalesce(c, val_map(), &log);
    ck_assert_str_eq(dep_names(c), "und s1 s2 s3alias");
    ck_assert_str_eq(chart_fullpath(c->deps[3]), "dp/charts/s3alias");
    sg_value x;
    ck_assert(map_get(v, "imported", &x));
    ck_assert_str_eq(tu_json(x), "{\"e1\":1}");
    ck_assert(map_get(v, "d1", &x));
    ck_assert_str_eq(log.p, "");
}
END_TEST

START_TEST(t_conditions_and_tags_remove_subcharts)
{
    sg_helmchart *c = chart_load_files("dp", dp, sizeof dp / sizeof dp[0]);
    sg_value user = val_map();
    setparse_set(user, "s1.enabled=5,global.s1on=false,tags.t2=false", SETP_SET);
    sg_buf log;
    buf_init(&log);
    sg_value v = values_coalesce(c, user, &log);
    ck_assert_str_eq(dep_names(c), "und s3alias");
    ck_assert_str_eq(log.p, "level=WARN msg=\"returned non-bool value\" path=s1.enabled chart=s1\n");
    sg_value s1;
    ck_assert(map_get(v, "s1", &s1));
    ck_assert_str_eq(tu_json(s1), "{\"enabled\":5}"); /* left un-coalesced */
}
END_TEST

START_TEST(t_missing_dependencies_stop_the_render)
{
    static const sg_chartfile f[] = {
        F("Chart.yaml", "apiVersion: v2\nname: dp\nversion: 0.1.0\ndependencies: [{name: a}, {name: b}]\n"),
    };
    sg_helmchart *c = chart_load_files("dp", f, 1);
    sg_catch ct;
    if (SG_TRY(&ct)) { values_coalesce(c, val_map(), NULL); catch_pop(&ct); ck_abort_msg("expected an error"); }
    else {
        catch_pop(&ct);
        ck_assert_str_eq(ct.err->msg, "an error occurred while checking for chart dependencies. You may need to run "
                                      "`helm dependency build` to fetch missing dependencies: found in Chart.yaml, "
                                      "but missing in charts/ directory: a, b");
    }
}
END_TEST

Suite *values_suite(void);
Suite *values_suite(void)
{
    Suite *s = suite_create("values");
    TCase *tc = tcase_create("coalesce");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_user_values_override_and_null_deletes_defaults);
    tcase_add_test(tc, t_set_edits_lists_from_files_and_set_string_wins);
    tcase_add_test(tc, t_map_over_scalar_default_warns_in_helm_format);
    tcase_add_test(tc, t_globals_flow_down_and_subchart_values_are_scoped);
    tcase_add_test(tc, t_scalar_for_a_subchart_is_a_type_mismatch);
    tcase_add_test(tc, t_values_user_applies_flags_in_helm_order_and_prefixes_errors);
    tcase_add_test(tc, t_set_json_object_form_is_v4_only);
    tcase_add_test(tc, t_dependencies_are_ordered_aliased_and_imported);
    tcase_add_test(tc, t_conditions_and_tags_remove_subcharts);
    tcase_add_test(tc, t_missing_dependencies_stop_the_render);
    suite_add_tcase(s, tc);
    return s;
}
