/* check_chart.c - chart loading, .helmignore, and the .Files / .Capabilities / .Chart /
 * .Release objects (expectations measured with helm v4.1.4). */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/chart/chart.h"
#include "../../src/io/json.h"
#include "testutil.h"
#include "../../src/value/gofmt.h"

static void setup(void) { arena_push(); sg_helm_major = 4; }
static void teardown(void) { arena_pop(); }

#define F(p, d) { p, d, sizeof(d) - 1 }

static const char *str(sg_value v)
{
    size_t n;
    return gofmt_str(v, &n);
}

/* Load files, returning the chart or NULL with the error text in *err. */
static sg_helmchart *load(const sg_chartfile *f, size_t n, const char **err)
{
    sg_catch ct;
    sg_helmchart *volatile c = NULL;
    *err = NULL;
    if (SG_TRY(&ct)) {
        c = chart_load_files("c", f, n);
        catch_pop(&ct);
    } else {
        catch_pop(&ct);
        *err = ct.err->msg;
    }
    return c;
}

/* ---- loader ---- */

START_TEST(t_loader_classifies_templates_files_crds_and_subcharts)
{
    static const sg_chartfile f[] = {
        F("Chart.yaml", "apiVersion: v2\nname: p\nversion: 1.0\n"),
        F("values.yaml", "a: 1\n"),
        F("values.schema.json", "{}"),
        F("templates/a.yaml", "a"),
        F("crds/c.yaml", "c"),
        F("crds/readme.txt", "r"),
        F("README.md", "r"),
        F("charts/sub/Chart.yaml", "apiVersion: v2\nname: subname\nversion: 0.1.0\n"),
        F("charts/sub/templates/s.yaml", "s"),
        F("charts/x.prov", "p"),
        F("charts/_skip/Chart.yaml", "broken: ["),
    };
    const char *err;
    sg_helmchart *c = load(f, sizeof f / sizeof f[0], &err);
    ck_assert_msg(c != NULL, "%s", err);
    ck_assert_str_eq(c->name, "p");
    ck_assert_str_eq(chart_meta_str(c, "version"), "1");
    ck_assert_str_eq(tu_json(c->values), "{\"a\":1}");
    ck_assert_ptr_nonnull(c->schema);
    ck_assert_uint_eq(c->ntemplates, 1);
    ck_assert_uint_eq(c->nfiles, 4); /* README.md, charts/x.prov, crds/c.yaml, crds/readme.txt */
    ck_assert_str_eq(c->files[0].path, "crds/c.yaml"); /* load order is kept */
    ck_assert_uint_eq(c->ncrds, 1);
    ck_assert_uint_eq(c->ndeps, 1);
    ck_assert_str_eq(c->deps[0]->name, "subname");
    ck_assert_str_eq(chart_fullpath(c->deps[0]), "p/charts/subname");
    ck_assert_ptr_eq(c->deps[0]->parent, c);
}
END_TEST

typedef struct lcase { const char *chartyaml; const char *want; } lcase;

static const lcase lcases[] = {
    { "apiVersion: v2\nname: lc\nversion: 1.0\nappVersion: 1.10\nkeywords: [1, true, x]\nannotations: {a: 1}\n",
      "{\"APIVersion\":\"v2\",\"Annotations\":{\"a\":\"1\"},\"AppVersion\":\"1.1\",\"Condition\":\"\",\"Dependencies\":[],"
      "\"Deprecated\":false,\"Description\":\"\",\"Home\":\"\",\"Icon\":\"\",\"IsRoot\":true,\"Keywords\":[\"1\",\"true\","
      "\"x\"],\"KubeVersion\":\"\",\"Maintainers\":[],\"Name\":\"lc\",\"Sources\":[],\"Tags\":\"\",\"Type\":\"\",\"Version\":"
      "\"1\"}" },
    { "name: lc\nversion: 01.02.03\nappVersion: 1e3\nhome: 0.000001\nicon: 1.5e20\n",
      "{\"APIVersion\":\"v1\",\"Annotations\":null,\"AppVersion\":\"1000\",\"Condition\":\"\",\"Dependencies\":[],"
      "\"Deprecated\":false,\"Description\":\"\",\"Home\":\"1e-06\",\"Icon\":\"1.5e+20\",\"IsRoot\":true,\"Keywords\":[],"
      "\"KubeVersion\":\"\",\"Maintainers\":[],\"Name\":\"lc\",\"Sources\":[],\"Tags\":\"\",\"Type\":\"\",\"Version\":"
      "\"01.02.03\"}" },
    { "apiVersion: v2\nname: lc\nversion: notsemver\n", "!validation: chart.metadata.version \"notsemver\" is invalid" },
    { "apiVersion: v2\nname: lc\n", "!validation: chart.metadata.version is required" },
    { "apiVersion: v2\nversion: 1.0\n", "!validation: chart.metadata.name is required" },
    { "apiVersion: v2\nname: a/b\nversion: 1.0\n", "!validation: chart.metadata.name \"a/b\" is invalid" },
    { "apiVersion: v2\nname: lc\nversion: 1.0\ntype: foo\n",
      "!validation: chart.metadata.type must be application or library" },
    { "apiVersion: v2\nname: lc\nversion: 1.0\nmaintainers: [~]\n",
      "!validation: maintainers must not contain empty or null nodes" },
    { "apiVersion: v2\nname: lc\nversion: 1.0\nkeywords: x\n",
      "!cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go "
      "struct field Metadata.keywords of type []string" },
    { "apiVersion: v2\nname: lc\nversion: [1]\n",
      "!cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go "
      "struct field Metadata.version of type string" },
    { "apiVersion: v2\nname: lc\nversion: 1.0\ndeprecated: \"yes\"\n",
      "!cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go "
      "struct field Metadata.deprecated of type bool" },
    { "apiVersion: v2\nname: lc\nversion: 1.0\nfoo: [\n",
      "!cannot load Chart.yaml: error converting YAML to JSON: yaml: line 4: did not find expected node content" },
    { "apiVersion: v2\nname: lc\nversion: 1.0\ndependencies: [{name: x, alias: \"a b\"}]\n",
      "!validation: dependency \"x\" has disallowed characters in the alias" },
};

START_TEST(t_chart_yaml_is_typed_and_validated_like_helm)
{
    const lcase *lc = &lcases[_i];
    sg_chartfile f[] = { { "Chart.yaml", lc->chartyaml, strlen(lc->chartyaml) } };
    const char *err;
    sg_helmchart *c = load(f, 1, &err);
    if (lc->want[0] == '!') {
        ck_assert_msg(c == NULL, "expected error %s", lc->want + 1);
        ck_assert_str_eq(err, lc->want + 1);
    } else {
        ck_assert_msg(c != NULL, "%s", err);
        ck_assert_str_eq(tu_json(chart_meta_value(c)), lc->want);
    }
}
END_TEST

START_TEST(t_missing_chart_yaml_and_bad_subchart_are_reported)
{
    static const sg_chartfile f[] = { F("values.yaml", "a: 1\n") };
    const char *err;
    ck_assert_ptr_null(load(f, 1, &err));
    ck_assert_str_eq(err, "Chart.yaml file is missing");
    static const sg_chartfile g[] = {
        F("Chart.yaml", "apiVersion: v2\nname: vc\nversion: 1.0\n"),
        F("charts/README.md", "hi"),
    };
    ck_assert_ptr_null(load(g, 2, &err));
    ck_assert_str_eq(err, "error unpacking subchart README.md in vc: Chart.yaml file is missing");
    static const sg_chartfile h[] = {
        F("Chart.yaml", "apiVersion: v2\nname: vc\nversion: 1.0\n"),
        F("values.yaml", "x: [\n"),
    };
    ck_assert_ptr_null(load(h, 2, &err));
    ck_assert_str_eq(err, "cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: "
                          "yaml: line 1: did not find expected node content");
}
END_TEST


/* ---- loading a directory ---- */

static void put(const char *dir, const char *rel, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    for (char *q = p + strlen(dir) + 1; *q; q++)
        if (*q == '/') { *q = 0; mkdir(p, 0755); *q = '/'; }
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

START_TEST(t_directory_walk_applies_helmignore_bom_and_symlinks)
{
    char dir[] = "/tmp/sg_check_chart_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    put(dir, "Chart.yaml", "\xEF\xBB\xBF" "apiVersion: v2\nname: d\nversion: 0.1.0\n");
    put(dir, ".helmignore", "*.log\nsecret/\n");
    put(dir, "templates/a.yaml", "a");
    put(dir, "templates/.hidden", "h");
    put(dir, "files/x.txt", "x");
    put(dir, "files/y.log", "y");
    put(dir, "secret/k", "k");
    put(dir, "charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
    char target[600], link[600];
    snprintf(target, sizeof target, "%s/files/x.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    ck_assert_int_eq(symlink(target, link), 0);
    sg_helmchart *c = chart_load_dir(dir);
    ck_assert_str_eq(c->name, "d");
    ck_assert_uint_eq(c->ntemplates, 1);
    ck_assert_uint_eq(c->ndeps, 1);
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < c->nfiles; i++) buf_printf(&b, "%s ", c->files[i].path);
    ck_assert_str_eq(b.p, ".helmignore files/x.txt link.txt ");
    ck_assert_ptr_nonnull(c->log);
    ck_assert_msg(strstr(c->log, "level=INFO msg=\"found symbolic link in path. Contents of linked file included and "
                                 "used\" path=") == c->log, "%s", c->log);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(t_missing_chart_paths_fail_like_locate_chart)
{
    static const char *const cases[][2] = {
        { "/nonexistent/x", "path \"/nonexistent/x\" not found" },
        { "./nonexistent", "path \"./nonexistent\" not found" },
        { "nonexistent", "non-absolute URLs should be in form of repo_name/path_to_chart, got: nonexistent" },
        { "repo/chart", "repo repo not found" },
    };
    for (volatile size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_catch ct;
        if (SG_TRY(&ct)) { chart_load_dir(cases[i][0]); catch_pop(&ct); ck_abort_msg("%s", cases[i][0]); }
        else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, cases[i][1]); }
    }
}
END_TEST

/* ---- .helmignore ---- */

START_TEST(t_helmignore_rules_follow_pkg_ignore)
{
    const char *r = "*.txt\n/top.md\nlogs/\ndocs/*.md\n# comment\n";
    sg_ignore *ig = ignore_parse(r, strlen(r));
    ck_assert(ignore_match(ig, "files/a.txt", false));   /* no '/': base name only */
    ck_assert(ignore_match(ig, "top.md", false));        /* anchored */
    ck_assert(!ignore_match(ig, "x/top.md", false));
    ck_assert(ignore_match(ig, "logs", true));           /* trailing '/': directories only */
    ck_assert(!ignore_match(ig, "logs", false));
    ck_assert(ignore_match(ig, "docs/a.md", false));
    ck_assert(!ignore_match(ig, "docs/x/a.md", false));
    ck_assert(ignore_match(ig, "templates/.hidden", false)); /* built-in rule */
    ck_assert(!ignore_match(ig, "templates/sub/.h2", false)); /* ... which does not cross '/' */
    ck_assert(!ignore_match(ig, ".", true));
    /* a negated rule ignores every path it does not match */
    const char *n = "!keep.md\n";
    sg_ignore *neg = ignore_parse(n, strlen(n));
    ck_assert(!ignore_match(neg, "keep.md", false));
    ck_assert(ignore_match(neg, "other.md", false));
}
END_TEST

START_TEST(t_bad_helmignore_patterns_fail_with_helm_text)
{
    sg_catch ct;
    if (SG_TRY(&ct)) { ignore_parse("[\n", 2); catch_pop(&ct); ck_abort(); }
    else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, "syntax error in pattern"); }
    if (SG_TRY(&ct)) { ignore_parse("a/**\n", 5); catch_pop(&ct); ck_abort(); }
    else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, "double-star (**) syntax is not supported"); }
}
END_TEST

START_TEST(t_filepath_match_is_gos)
{
    ck_assert_int_eq(ignore_fnmatch("*.txt", "a.txt"), 1);
    ck_assert_int_eq(ignore_fnmatch("*.txt", "d/a.txt"), 0);
    ck_assert_int_eq(ignore_fnmatch("[a-c]?", "bz"), 1);
    ck_assert_int_eq(ignore_fnmatch("[^a-c]", "b"), 0);
    ck_assert_int_eq(ignore_fnmatch("\\*", "*"), 1);
    ck_assert_int_eq(ignore_fnmatch("[", "abc"), -1);
    ck_assert_int_eq(ignore_fnmatch("a*b*c", "axxbyyc"), 1);
}
END_TEST

/* ---- .Files ---- */

static const sg_chartfile fc[] = {
    F("Chart.yaml", "apiVersion: v2\nname: fc\nversion: 0.1.0\n"),
    F("files/x.txt", "line1\nline2\n"),
    F("files/a/y.txt", "y\n"),
    F("files/a/b/z.txt", "z\n"),
    F("top.txt", "t\n"),
    F("files/b.yaml", "x: 1\n"),
    F("files/empty.txt", ""),
    F("files/nonl.txt", "no-nl"),
};

static sg_value call(sg_value o, const char *m, const char *arg)
{
    sg_value a = arg ? val_cstr(arg) : sg_nil, out;
    ck_assert(o.u.o->type->method(o.u.o, m, arg ? 1 : 0, &a, &out));
    return out;
}

static const char *keys(sg_value files)
{
    sg_value m = files.u.o->type->asmap(files.u.o);
    size_t n;
    sg_mapent **e = map_sorted(m, &n);
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) buf_printf(&b, "%s ", e[i]->key);
    return b.p;
}

static const char *const globs[][2] = {
    { "files/*", "files/b.yaml files/empty.txt files/nonl.txt files/x.txt " },
    { "files/**", "files/a/b/z.txt files/a/y.txt files/b.yaml files/empty.txt files/nonl.txt files/x.txt " },
    { "files/**/*.txt", "files/a/b/z.txt files/a/y.txt " },
    { "**.txt", "files/a/b/z.txt files/a/y.txt files/empty.txt files/nonl.txt files/x.txt top.txt " },
    { "*.txt", "top.txt " },
    { "files/{x,a/y}.txt", "files/a/y.txt files/x.txt " },
    { "files", "" },
    { "files/", "" },
    { "[", "files/a/b/z.txt files/a/y.txt files/b.yaml files/empty.txt files/nonl.txt files/x.txt top.txt " },
    { "files/[a-x].txt", "files/x.txt " },
    { "files/[!x].txt", "" },
    { "files/?.txt", "files/x.txt " },
    { "{", "" },
    { "files/{x,a/{y,b/z}}.txt", "files/a/b/z.txt files/a/y.txt files/x.txt " },
    { "*", "top.txt " },
    { "f*/**", "files/a/b/z.txt files/a/y.txt files/b.yaml files/empty.txt files/nonl.txt files/x.txt " },
    { "files/*/*", "files/a/y.txt " },
    { "files/[x", "files/a/b/z.txt files/a/y.txt files/b.yaml files/empty.txt files/nonl.txt files/x.txt top.txt " },
    { "{files/x.txt,top.txt}", "files/x.txt top.txt " },
    { "files/**/y.txt", "files/a/y.txt " },      /* PrefixSuffix: prefix and suffix may overlap */
    { "files/a/**/z.txt", "files/a/b/z.txt " },
    { "files/{x.txt", "files/x.txt " },          /* unclosed brace closed at the end */
    { "*{", "" },
    { "files/[]x].txt", "files/a/b/z.txt files/a/y.txt files/b.yaml files/empty.txt files/nonl.txt files/x.txt top.txt " },
    { "files/[x-].txt", "files/a/b/z.txt files/a/y.txt files/b.yaml files/empty.txt files/nonl.txt files/x.txt top.txt " },
    { "files/\\", "" },
    { "files/[^x].txt", "files/x.txt " },        /* only '!' negates */
};

START_TEST(t_files_glob_uses_gobwas_semantics)
{
    const char *err;
    sg_helmchart *c = load(fc, sizeof fc / sizeof fc[0], &err);
    sg_value f = files_new(c);
    ck_assert_str_eq(keys(call(f, "Glob", globs[_i][0])), globs[_i][1]);
}
END_TEST

START_TEST(t_files_methods_match_helm)
{
    const char *err;
    sg_helmchart *c = load(fc, sizeof fc / sizeof fc[0], &err);
    sg_value f = files_new(c);
    ck_assert_str_eq(val_typename(f), "engine.files");
    ck_assert_str_eq(call(f, "Get", "files/x.txt").u.s.p, "line1\nline2\n");
    ck_assert_str_eq(call(f, "Get", "nope").u.s.p, "");
    ck_assert_str_eq(str(call(f, "GetBytes", "files/x.txt")), "[108 105 110 101 49 10 108 105 110 101 50 10]");
    ck_assert_str_eq(val_typename(call(f, "GetBytes", "nope")), "[]uint8");
    ck_assert_str_eq(tu_json(call(f, "Lines", "files/x.txt")), "[\"line1\",\"line2\"]");
    ck_assert_str_eq(tu_json(call(f, "Lines", "nope")), "[]");
    ck_assert_str_eq(tu_json(call(f, "Lines", "files/nonl.txt")), "[\"no-nl\"]");
    ck_assert_str_eq(val_typename(call(f, "Lines", "nope")), "[]string");
    sg_value g = call(f, "Glob", "files/*.{txt,yaml}");
    ck_assert_str_eq(call(g, "AsConfig", NULL).u.s.p,
                     "b.yaml: |\n  x: 1\nempty.txt: \"\"\nnonl.txt: no-nl\nx.txt: |\n  line1\n  line2");
    ck_assert_str_eq(call(call(f, "Glob", "files/*.txt"), "AsSecrets", NULL).u.s.p,
                     "empty.txt: \"\"\nnonl.txt: bm8tbmw=\nx.txt: bGluZTEKbGluZTIK");
    ck_assert_str_eq(call(call(f, "Glob", "nomatch"), "AsConfig", NULL).u.s.p, "{}");
    ck_assert_str_eq(str(call(f, "Glob", "top.txt")), "map[top.txt:[116 10]]");
    ck_assert_str_eq(tu_json(call(f, "Glob", "top.txt")), "{\"top.txt\":\"dAo=\"}");
    sg_catch ct;
    if (SG_TRY(&ct)) { call(f, "Lines", "files/empty.txt"); catch_pop(&ct); ck_abort(); }
    else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, "runtime error: index out of range [-1]"); }
}
END_TEST

/* ---- .Capabilities ---- */

static sg_value field(sg_value o, const char *name)
{
    sg_value out;
    ck_assert_msg(o.u.o->type->field(o.u.o, name, &out), "no field %s", name);
    return out;
}

START_TEST(t_capabilities_defaults_match_helm_v4)
{
    sg_value caps = caps_new(NULL, NULL, 0);
    sg_value kv = field(caps, "KubeVersion");
    ck_assert_str_eq(str(kv), "v1.35.0");
    ck_assert_str_eq(field(kv, "Major").u.s.p, "1");
    ck_assert_str_eq(field(kv, "Minor").u.s.p, "35");
    ck_assert_str_eq(tu_json(kv), "{\"Version\":\"v1.35.0\",\"Major\":\"1\",\"Minor\":\"35\"}"); /* Go field order */
    ck_assert_str_eq(val_typename(kv), "common.KubeVersion");
    sg_value hv = field(caps, "HelmVersion");
    ck_assert_str_eq(str(hv), "{v4.1.4 05fa37973dc9e42b76e1d2883494c87174b6074f clean go1.25.9 v1.35}");
    sg_value av = field(caps, "APIVersions");
    ck_assert_uint_eq(list_len(av.u.o->type->asmap(av.u.o)), 57);
    ck_assert(call(av, "Has", "apps/v1").u.b);
    ck_assert(!call(av, "Has", "apps/v1/Deployment").u.b);
    ck_assert(call(av, "Has", "batch/v1beta1").u.b);
    ck_assert(!call(av, "Has", "networking.k8s.io/v1alpha1").u.b);
    ck_assert_str_eq(val_typename(caps), "*common.Capabilities");
    ck_assert_str_eq(caps_kube_version(caps), "v1.35.0");
}
END_TEST

START_TEST(t_kube_version_flag_parses_like_helm_v4)
{
    static const char *const kc[][3] = {
        { "1.28.3-gke.100", "v1.28.3", "v1.28.3-gke.100" },
        { "1.2.3.4", "v1.2.3.4", "v1.2.3.4" },
        { "1.29", "v1.29", "v1.29" },
        { "v1.30.2+k3s1", "v1.30.2", "v1.30.2+k3s1" },
        { " 1.2", "v1.2", "v 1.2" },
        { "1.2.x", "v1.2", "v1.2.x" },
    };
    for (size_t i = 0; i < sizeof kc / sizeof kc[0]; i++) {
        const char *api[] = { "bar/v2/Baz" };
        sg_value caps = caps_new(kc[i][0], api, 1);
        sg_value kv = field(caps, "KubeVersion");
        ck_assert_str_eq(str(kv), kc[i][1]);
        ck_assert_str_eq(field(kv, "Version").u.s.p, kc[i][2]);
        ck_assert(call(field(caps, "APIVersions"), "Has", "bar/v2/Baz").u.b);
    }
    static const char *const bad[][2] = {
        { "1", "invalid kube version '1': illegal version string \"1\"" },
        { "abc", "invalid kube version 'abc': could not parse \"abc\" as version" },
        { "v1.x", "invalid kube version 'v1.x': illegal version string \"v1.x\"" },
        { "01.02", "invalid kube version '01.02': illegal zero-prefixed version component \"01\" in \"01.02\"" },
    };
    for (volatile size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sg_catch ct;
        if (SG_TRY(&ct)) { caps_new(bad[i][0], NULL, 0); catch_pop(&ct); ck_abort_msg("%s", bad[i][0]); }
        else { catch_pop(&ct); ck_assert_str_eq(ct.err->msg, bad[i][1]); }
    }
}
END_TEST

/* ---- .Release ---- */

START_TEST(t_release_is_a_plain_map)
{
    sg_value r = chart_release_value(NULL, NULL, false);
    ck_assert_str_eq(str(r), "map[IsInstall:true IsUpgrade:false Name:release-name Namespace:default Revision:1 "
                             "Service:Helm]");
    sg_value rev;
    ck_assert(map_get(r, "Revision", &rev));
    ck_assert_str_eq(val_typename(rev), "int");
}
END_TEST

Suite *chart_suite(void);
Suite *chart_suite(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("load");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_loader_classifies_templates_files_crds_and_subcharts);
    tcase_add_loop_test(tc, t_chart_yaml_is_typed_and_validated_like_helm, 0, (int)(sizeof lcases / sizeof lcases[0]));
    tcase_add_test(tc, t_missing_chart_yaml_and_bad_subchart_are_reported);
    tcase_add_test(tc, t_directory_walk_applies_helmignore_bom_and_symlinks);
    tcase_add_test(tc, t_missing_chart_paths_fail_like_locate_chart);
    tcase_add_test(tc, t_helmignore_rules_follow_pkg_ignore);
    tcase_add_test(tc, t_bad_helmignore_patterns_fail_with_helm_text);
    tcase_add_test(tc, t_filepath_match_is_gos);
    suite_add_tcase(s, tc);
    TCase *to = tcase_create("objects");
    tcase_add_checked_fixture(to, setup, teardown);
    tcase_add_loop_test(to, t_files_glob_uses_gobwas_semantics, 0, (int)(sizeof globs / sizeof globs[0]));
    tcase_add_test(to, t_files_methods_match_helm);
    tcase_add_test(to, t_capabilities_defaults_match_helm_v4);
    tcase_add_test(to, t_kube_version_flag_parses_like_helm_v4);
    tcase_add_test(to, t_release_is_a_plain_map);
    suite_add_tcase(s, to);
    return s;
}
