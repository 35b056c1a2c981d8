/* check_lint.c - unit tests of the lint layer: quantities, the line-annotated YAML tree,
 * template line mapping, structural and Spark checks over rendered manifests. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/lint/lint_int.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

/* the findings of `text` as "SEV path:line: msg" lines */
static const char *findings(const char *text)
{
    lint_report *r = lint_run_manifests("m.yaml", text, strlen(text));
    size_t cap = 1;
    for (size_t i = 0; i < r->n; i++) cap += strlen(r->items[i].msg) + strlen(r->items[i].path) + 32;
    char *out = malloc(cap), *w = out;
    *w = 0;
    for (size_t i = 0; i < r->n; i++)
        w += sprintf(w, "%d %s:%d: %s\n", r->items[i].sev, r->items[i].path, r->items[i].line, r->items[i].msg);
    lint_report_free(r);
    char *s = sg_strdup(out);
    free(out);
    return s;
}

START_TEST(t_quantities_parse_as_kubernetes_reads_them)
{
    double v;
    ck_assert(lint_quantity("500m", &v) && v == 0.5);
    ck_assert(lint_quantity("2Gi", &v) && v == 2147483648.0);
    ck_assert(lint_quantity("1e3", &v) && v == 1000);
    ck_assert(lint_quantity("1.5", &v) && v == 1.5);
    ck_assert(!lint_quantity("1GB", &v));
    ck_assert(!lint_quantity("", &v));
    ck_assert(!lint_quantity("0x10", &v));
    ck_assert(!lint_quantity("Gi", &v));
}
END_TEST

START_TEST(t_yaml_tree_keeps_lines_and_plain_scalars)
{
    yt_node **docs;
    const char *err;
    const char *t = "a: 1\nb:\n  c: \"2\"\n---\n- x\n";
    ck_assert_int_eq(yt_parse(t, strlen(t), &docs, &err), 2);
    long long v;
    ck_assert(yt_int(yt_get(docs[0], "a"), &v) && v == 1);
    ck_assert(!yt_int(yt_path(docs[0], "b.c"), &v));
    ck_assert_int_eq(yt_path(docs[0], "b.c")->line, 3);
    ck_assert_int_eq(docs[1]->kind, YT_SEQ);
    ck_assert_int_eq(yt_parse("a: [1", 5, &docs, &err), -1);
}
END_TEST

START_TEST(t_a_finding_points_at_the_template_line_of_its_field)
{
    lint_doc d = { 0 };
    d.tmpl = "kind: Pod\nspec:\n  containers:\n    - name: {{ .Values.n }}\n      image: x\n";
    d.text = "kind: Pod\nspec:\n  containers:\n    - name: web\n      image: x\n";
    yt_node **docs;
    const char *err;
    yt_parse(d.text, strlen(d.text), &docs, &err);
    const yt_node *c = yt_path(docs[0], "spec.containers")->vals[0];
    ck_assert_int_eq(lint_locate(&d, yt_get(c, "name"), "name"), 4);
    ck_assert_int_eq(lint_locate(&d, yt_get(c, "image"), "image"), 5);
}
END_TEST

START_TEST(t_a_clean_deployment_has_no_finding)
{
    const char *t = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n"
                    "  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx\n"
                    "          ports:\n            - name: http\n              containerPort: 80\n          readinessProbe:\n            httpGet:\n              port: http\n";
    ck_assert_str_eq(findings(t), "");
}
END_TEST

START_TEST(t_duplicate_objects_are_errors)
{
    const char *t = "---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
                    "---\n# Source: c/templates/b.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
    ck_assert_str_eq(findings(t), "4 templates/b.yaml:0: ConfigMap/x: ConfigMap/x is defined twice (also in templates/a.yaml)\n");
}
END_TEST

START_TEST(t_requests_above_limits_are_errors)
{
    const char *t = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: i\n"
                    "      resources:\n        requests:\n          memory: 2Gi\n        limits:\n          memory: 1Gi\n";
    ck_assert_str_eq(findings(t), "4 m.yaml:0: Pod/p: container c: resources.requests.memory (2Gi) exceeds resources.limits.memory (1Gi)\n");
}
END_TEST

START_TEST(t_spark_worker_memory_must_fit_the_limit_with_the_daemon_heap)
{
    const char *t = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  containers:\n    - name: w\n      image: i\n"
                    "      env:\n        - name: SPARK_WORKER_MEMORY\n          value: 3g\n        - name: SPARK_DAEMON_MEMORY\n          value: 512m\n"
                    "      resources:\n        limits:\n          memory: 3Gi\n";
    ck_assert_str_eq(findings(t), "4 m.yaml:0: Pod/w: container w: worker memory (3072Mi) plus daemon heap (512Mi) exceed resources.limits.memory 3Gi\n");
}
END_TEST

START_TEST(t_spark_memory_strings_need_whole_numbers)
{
    const char *t = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\nspec:\n  containers:\n    - name: w\n      image: i\n"
                    "      env:\n        - name: SPARK_EXECUTOR_MEMORY\n          value: 2Gi\n";
    ck_assert_str_eq(findings(t), "4 m.yaml:0: Pod/w: container w: SPARK_EXECUTOR_MEMORY=\"2Gi\" is not a Spark memory string (a whole number with an optional unit: 512m, 2g)\n");
}
END_TEST

Suite *lint_suite(void);
Suite *lint_suite(void)
{
    Suite *s = suite_create("lint");
    TCase *tc = tcase_create("lint");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_quantities_parse_as_kubernetes_reads_them);
    tcase_add_test(tc, t_yaml_tree_keeps_lines_and_plain_scalars);
    tcase_add_test(tc, t_a_finding_points_at_the_template_line_of_its_field);
    tcase_add_test(tc, t_a_clean_deployment_has_no_finding);
    tcase_add_test(tc, t_duplicate_objects_are_errors);
    tcase_add_test(tc, t_requests_above_limits_are_errors);
    tcase_add_test(tc, t_spark_worker_memory_must_fit_the_limit_with_the_daemon_heap);
    tcase_add_test(tc, t_spark_memory_strings_need_whole_numbers);
    suite_add_tcase(s, tc);
    return s;
}
