/* check_manifest.c - unit tests of Helm's manifest assembly (splitter, trim, kind order,
 * hooks, framing, --show-only, --output-dir plan). Expected texts come from real helm. */
#include <check.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/render/manifest.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

static const char *piece(const char **p, size_t *l, size_t i) { return sg_strndup(p[i], l[i]); }

/* Build with the given files; returns stdout text, or "ERR:" + message. */
static const char *build(const mf_file *f, size_t n, const mf_file *crds, size_t nc, const mf_opts *o, mf_result *res)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        manifest_build(f, n, crds, nc, o, res);
        catch_pop(&c);
        return res->out.p;
    }
    catch_pop(&c);
    return sg_sprintf("ERR:%s", c.err->msg);
}

#define FILE1(p, t) { p, t, sizeof(t) - 1 }

START_TEST(t_split_follows_go_regexp_split)
{
    size_t *l, n;
    const char *t = "a: 1\n---\nb: 2";
    const char **p = manifest_split(t, strlen(t), &l, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(piece(p, l, 0), "a: 1");
    ck_assert_str_eq(piece(p, l, 1), "b: 2");

    t = "---\na: 1";
    p = manifest_split(t, strlen(t), &l, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(piece(p, l, 0), "");
    ck_assert_str_eq(piece(p, l, 1), "a: 1");
}
END_TEST

START_TEST(t_split_back_to_back_separators_leave_a_dash_document)
{
    size_t *l, n;
    const char *t = "x: 1   \n\n\n---   \n---\n--- # c\nkind: Secret\n---foo: bar";
    const char **p = manifest_split(t, strlen(t), &l, &n);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(piece(p, l, 0), "x: 1");
    ck_assert_str_eq(piece(p, l, 1), "---");
    ck_assert_str_eq(piece(p, l, 2), "# c\nkind: Secret");
    ck_assert_str_eq(piece(p, l, 3), "foo: bar");
}
END_TEST

START_TEST(t_split_ignores_indented_dashes_and_splits_four_dashes)
{
    size_t *l, n;
    const char *t = "a:\n  ---\nb: 1\n----\nc: 2";
    const char **p = manifest_split(t, strlen(t), &l, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(piece(p, l, 0), "a:\n  ---\nb: 1");
    ck_assert_str_eq(piece(p, l, 1), "-\nc: 2");
}
END_TEST

START_TEST(t_trim_strips_unicode_space_like_go)
{
    size_t a, b;
    const char *t = "\xc2\xa0 \n x \t\xe3\x80\x80";
    manifest_trim(t, strlen(t), &a, &b);
    ck_assert_uint_eq(a, 5);
    ck_assert_uint_eq(b, 6);
    manifest_trim("   ", 3, &a, &b);
    ck_assert_uint_eq(a, b);
}
END_TEST

START_TEST(t_kind_rank_knows_v4_webhooks_only_in_v4)
{
    ck_assert_int_eq(manifest_kind_rank("PriorityClass", 4), 0);
    ck_assert_int_lt(manifest_kind_rank("ConfigMap", 4), manifest_kind_rank("Deployment", 4));
    ck_assert_int_eq(manifest_kind_rank("MutatingWebhookConfiguration", 3), -1);
    ck_assert_int_gt(manifest_kind_rank("ValidatingWebhookConfiguration", 4), manifest_kind_rank("APIService", 4));
    ck_assert_int_eq(manifest_kind_rank("configmap", 4), -1);
}
END_TEST

START_TEST(t_glob_matches_like_filepath_match)
{
    ck_assert_int_eq(manifest_glob("templates/*", "templates/cm.yaml"), 1);
    ck_assert_int_eq(manifest_glob("templates/*", "templates/sub/cm.yaml"), 0);
    ck_assert_int_eq(manifest_glob("templates/c?.yaml", "templates/cm.yaml"), 1);
    ck_assert_int_eq(manifest_glob("templates/[a-c]m.yaml", "templates/cm.yaml"), 1);
    ck_assert_int_eq(manifest_glob("templates/[^c]m.yaml", "templates/cm.yaml"), 0);
    ck_assert_int_eq(manifest_glob("templates/*.yaml", "templates/cm.yaml"), 1);
    ck_assert_int_eq(manifest_glob("*/cm.yaml", "templates/cm.yaml"), 1);
    ck_assert_int_eq(manifest_glob("templates/[", "templates/cm.yaml"), -1);
    ck_assert_int_eq(manifest_glob("templates/cm.yaml", "templates/cm.yaml"), 1);
    ck_assert_int_eq(manifest_glob("templates/cm", "templates/cm.yaml"), 0);
}
END_TEST

START_TEST(t_build_frames_sorts_by_path_then_kind)
{
    mf_file f[] = {
        FILE1("c/templates/z.yaml", "kind: Deployment\nmetadata:\n  name: z\n"),
        FILE1("c/templates/a.yaml", "kind: Service\n---\nkind: ConfigMap\n"),
        FILE1("c/templates/NOTES.txt", "notes"),
        FILE1("c/templates/empty.yaml", "  \n\n"),
        FILE1("c/templates/B.yaml", "kind: Foo"),
        FILE1("c/templates/c.yaml", "# just a comment\n"),
    };
    mf_opts o = { .helm_major = 4 };
    mf_result r;
    ck_assert_str_eq(build(f, 6, NULL, 0, &o, &r),
        "---\n# Source: c/templates/a.yaml\nkind: ConfigMap\n"
        "---\n# Source: c/templates/a.yaml\nkind: Service\n"
        "---\n# Source: c/templates/z.yaml\nkind: Deployment\nmetadata:\n  name: z\n"
        "---\n# Source: c/templates/c.yaml\n# just a comment\n"
        "---\n# Source: c/templates/B.yaml\nkind: Foo\n");
}
END_TEST

START_TEST(t_build_with_no_documents_prints_one_newline)
{
    mf_file f[] = { FILE1("c/templates/a.yaml", "---\n") };
    mf_opts o = { .helm_major = 4 };
    mf_result r;
    ck_assert_str_eq(build(f, 1, NULL, 0, &o, &r), "\n");
}
END_TEST

START_TEST(t_hooks_follow_manifests_and_unknown_hooks_are_logged)
{
    mf_file f[] = {
        FILE1("c/templates/h.yaml",
              "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: post-install\n---\n"
              "kind: Secret\nmetadata:\n  annotations:\n    helm.sh/hook: bogus-hook\n---\n"
              "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: ' Test-Success '\n"),
    };
    mf_opts o = { .helm_major = 4 };
    mf_result r;
    ck_assert_str_eq(build(f, 1, NULL, 0, &o, &r),
        "\n---\n# Source: c/templates/h.yaml\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: ' Test-Success '\n"
        "---\n# Source: c/templates/h.yaml\nkind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: post-install\n");
    ck_assert_str_eq(r.log.p, "level=INFO msg=\"skipping unknown hooks\" hookTypes=bogus-hook\n");
    o.skip_tests = true;
    build(f, 1, NULL, 0, &o, &r);
    ck_assert_str_eq(r.out.p, "\n---\n# Source: c/templates/h.yaml\nkind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: post-install\n");
    o.no_hooks = true;
    build(f, 1, NULL, 0, &o, &r);
    ck_assert_str_eq(r.out.p, "\n");
}
END_TEST

START_TEST(t_yaml_errors_name_the_file)
{
    mf_file f[] = { FILE1("tr/templates/a.yaml", "   a: 1\n   b: 2\n") };
    mf_opts o = { .helm_major = 4 };
    mf_result r;
    ck_assert_str_eq(build(f, 1, NULL, 0, &o, &r),
        "ERR:YAML parse error on tr/templates/a.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context");
    mf_file g[] = { FILE1("e/templates/a.yaml", "just a string") };
    ck_assert_str_eq(build(g, 1, NULL, 0, &o, &r),
        "ERR:YAML parse error on e/templates/a.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type util.SimpleHead");
    mf_file h[] = { FILE1("e/templates/a.yaml", "kind: [a]") };
    ck_assert_str_eq(build(h, 1, NULL, 0, &o, &r),
        "ERR:YAML parse error on e/templates/a.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field SimpleHead.kind of type string");
}
END_TEST

START_TEST(t_crds_come_first_with_raw_bytes)
{
    mf_file f[] = { FILE1("p/templates/cm.yaml", "kind: ConfigMap") };
    mf_file c[] = { FILE1("p/crds/a.yaml", "kind: CustomResourceDefinition\n") };
    mf_opts o = { .helm_major = 4, .include_crds = true };
    mf_result r;
    ck_assert_str_eq(build(f, 1, c, 1, &o, &r),
        "---\n# Source: p/crds/a.yaml\nkind: CustomResourceDefinition\n\n"
        "---\n# Source: p/templates/cm.yaml\nkind: ConfigMap\n");
}
END_TEST

START_TEST(t_show_only_selects_in_flag_order_or_fails)
{
    mf_file f[] = {
        FILE1("p/templates/cm.yaml", "kind: ConfigMap"),
        FILE1("p/templates/svc.yaml", "kind: Service"),
    };
    const char *s1[] = { "templates/svc.yaml", "templates/cm.yaml" };
    mf_opts o = { .helm_major = 4, .show_only = s1, .n_show_only = 2 };
    mf_result r;
    ck_assert_str_eq(build(f, 2, NULL, 0, &o, &r),
        "---\n# Source: p/templates/svc.yaml\nkind: Service\n"
        "---\n# Source: p/templates/cm.yaml\nkind: ConfigMap\n");
    const char *s2[] = { "templates/nope.yaml" };
    o.show_only = s2;
    o.n_show_only = 1;
    ck_assert_str_eq(build(f, 2, NULL, 0, &o, &r), "ERR:could not find template templates/nope.yaml in chart");
}
END_TEST

START_TEST(t_output_dir_plans_one_write_per_document)
{
    mf_file f[] = { FILE1("p/templates/cm.yaml", "kind: ConfigMap\n---\nkind: Secret") };
    mf_opts o = { .helm_major = 4, .output_dir = "od" };
    mf_result r;
    ck_assert_str_eq(build(f, 1, NULL, 0, &o, &r), "wrote od/p/templates/cm.yaml\nwrote od/p/templates/cm.yaml\n\n");
    ck_assert_uint_eq(r.nwrites, 2);
    ck_assert_int_eq(r.writes[0].mode, MF_CREATE);
    ck_assert_int_eq(r.writes[1].mode, MF_APPEND);
    ck_assert_str_eq(r.writes[0].data, "---\n# Source: p/templates/cm.yaml\nkind: Secret\n");
    o.release_dir = "rel";
    o.output_dir = "./od/";
    build(f, 1, NULL, 0, &o, &r);
    ck_assert_str_eq(r.writes[0].path, "od/rel/p/templates/cm.yaml");
}
END_TEST

Suite *manifest_suite(void);
Suite *manifest_suite(void)
{
    Suite *s = suite_create("manifest");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_split_follows_go_regexp_split);
    tcase_add_test(tc, t_split_back_to_back_separators_leave_a_dash_document);
    tcase_add_test(tc, t_split_ignores_indented_dashes_and_splits_four_dashes);
    tcase_add_test(tc, t_trim_strips_unicode_space_like_go);
    tcase_add_test(tc, t_kind_rank_knows_v4_webhooks_only_in_v4);
    tcase_add_test(tc, t_glob_matches_like_filepath_match);
    tcase_add_test(tc, t_build_frames_sorts_by_path_then_kind);
    tcase_add_test(tc, t_build_with_no_documents_prints_one_newline);
    tcase_add_test(tc, t_hooks_follow_manifests_and_unknown_hooks_are_logged);
    tcase_add_test(tc, t_yaml_errors_name_the_file);
    tcase_add_test(tc, t_crds_come_first_with_raw_bytes);
    tcase_add_test(tc, t_show_only_selects_in_flag_order_or_fails);
    tcase_add_test(tc, t_output_dir_plans_one_write_per_document);
    suite_add_tcase(s, tc);
    return s;
}
