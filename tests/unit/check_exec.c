/* check_exec.c - unit tests of the evaluator: Go's text/template semantics as Helm runs it
 * (HELM-FACTS 8.1) and Helm's error text (HELM-FACTS 6).  Expected strings were captured
 * from real helm v4.1.4 / v3.17.3 on a chart `c` with the template in templates/a.yaml
 * and defines in templates/_h.tpl. */
#include <check.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/exec/exec.h"
#include "../../src/exec/functab.h"
#include "helmdot.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); sg_helm_major = 4; }

static const char *VALS =
    "m: {b: 2, a: 1, c: 3}\nl: [p, q, r]\nzero: 0\nf: false\nes: \"\"\nel: []\nem: {}\n"
    "n: null\ni: 3\nfl: 3.0\nstr: hello\nnested: {k: {v: 1}}\ns: str\nx: 1\n";
static const char *HELPERS =
    "{{ define \"t1\" }}T1 {{ .Values.str }}{{ end }}{{ define \"ie.x\" }}\n{{ .Values.a.b }}{{ end }}"
    "{{ define \"nested\" }}{{ include \"ie.x\" . }}{{ end }}";

/* Render `tmpl` as c/templates/a.yaml the way Helm does (dot with Values, Release,
 * Template; "<no value>" removed); errors come back as "Error: " + err_format. */
static const char *render(const char *tmpl)
{
    sg_value dot;
    ck_assert(helmdot(VALS, &dot));
    sg_buf out;
    buf_init(&out);
    sg_catch c;
    if (SG_TRY(&c)) {
        sg_tset *set = tset_new();
        parse_template(set, "c/templates/_h.tpl", HELPERS, strlen(HELPERS), fn_exists);
        parse_template(set, "c/templates/a.yaml", tmpl, strlen(tmpl), fn_exists);
        sg_engine eng;
        exec_engine_init(&eng, set);
        exec_template(&eng, "c/templates/a.yaml", dot, &out);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        sg_buf b;
        buf_init(&b);
        buf_puts(&b, "Error: ");
        err_format(c.err, &b);
        return b.p;
    }
    sg_buf o;
    buf_init(&o);
    for (size_t i = 0; i < out.len;) {
        if (out.len - i >= 10 && memcmp(out.p + i, "<no value>", 10) == 0) { i += 10; continue; }
        buf_putc(&o, out.p[i++]);
    }
    return o.p;
}

typedef struct tcase { const char *tmpl, *want; } tcase;

/* HELM-FACTS 8.1 (v4), restricted to Go builtins and include/tpl. */
static const tcase go_cases[] = {
    { "[  {{- \"a\" -}}  ] [ {{- /* comment */ -}} ] [{{/* c2 */}}]", "[a] [] []" },
    { "[{{ .Values.nope }}] [{{ .Values.n }}] [{{ .nope }}] [{{ printf \"%v\" .Values.nope }}] [{{ printf \"%s\" .Values.nope }}] [{{ printf \"%d\" .Values.nope }}]",
      "[] [] [] [<nil>] [%!s(<nil>)] [%!d(<nil>)]" },
    { "{{ .Values.m }} {{ .Values.l }} {{ .Values.em }} {{ .Values.el }} {{ .Values.nested }}",
      "map[a:1 b:2 c:3] [p q r] map[] [] map[k:map[v:1]]" },
    { "{{ printf \"%v|%s|%d|%q|%T\" .Values.i .Values.str 5 \"q\" .Values.l }} {{ printf \"%d\" .Values.i }}",
      "3|hello|5|\"q\"|[]interface {} %!d(float64=3)" },
    { "{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }},{{ end }}", "a=1,b=2,c=3," },
    { "{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }},{{ end }}", "0=p,1=q,2=r," },
    { "{{ range .Values.el }}x{{ else }}EMPTY{{ end }} {{ range .Values.nope }}x{{ else }}NIL{{ end }}", "EMPTY NIL" },
    { "{{ range 3 }}{{ . }}{{ end }} {{ range $i := 2 }}[{{ $i }}]{{ end }}", "012 [0][1]" },
    { "{{ range .Values.l }}{{ if eq . \"q\" }}{{ continue }}{{ end }}{{ if eq . \"r\" }}{{ break }}{{ end }}{{ . }}{{ end }}", "p" },
    { "{{ if .Values.f }}A{{ else if .Values.i }}B{{ else }}C{{ end }}", "B" },
    { "{{ with .Values.nope }}A{{ else with .Values.str }}B:{{ . }}{{ else }}C{{ end }}", "B:hello" },
    { "{{ with .Values.nested.k }}{{ .v }}{{ end }} {{ with .Values.zero }}Z{{ else }}zero-is-false{{ end }}", "1 zero-is-false" },
    { "{{ $x := 1 }}{{ range .Values.l }}{{ $x = . }}{{ end }}{{ $x }} {{ $y := \"o\" }}{{ with .Values.str }}{{ $y := \"inner\" }}{{ end }}{{ $y }}", "r o" },
    { "{{ range .Values.l }}{{ $.Release.Name }}{{ end }}", "release-namerelease-namerelease-name" },
    { "{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ and 1 2 }} {{ or 0 false }} {{ and .Values.nope .Values.nope.x }} {{ or .Values.str .Values.nope.x }}",
      "0 x 2 false  hello" },
    { "{{ eq .Values.i 3.0 }} {{ eq .Values.fl 3.0 }} {{ eq 1 1 }} {{ eq \"a\" \"b\" \"a\" }}", "true true true true" },
    { "{{ lt 1 2 }} {{ lt \"a\" \"b\" }} {{ gt .Values.i 2.0 }} {{ ne .Values.str \"x\" }} {{ le 2 2 }}", "true true true true true" },
    { "{{ if 0 }}T{{else}}F{{end}}{{ if false }}T{{else}}F{{end}}{{ if \"\" }}T{{else}}F{{end}}{{ if .Values.el }}T{{else}}F{{end}}{{ if .Values.em }}T{{else}}F{{end}}{{ if .Values.n }}T{{else}}F{{end}}{{ if .Values.nope }}T{{else}}F{{end}}{{ if \"0\" }}T{{else}}F{{end}}",
      "FFFFFFFT" },
    { "{{ len .Values.l }} {{ len .Values.m }} {{ len \"hello\" }} {{ index .Values.l 1 }} {{ index .Values.m \"a\" }} {{ index .Values.nested \"k\" \"v\" }} [{{ index .Values.m \"zz\" }}]",
      "3 3 5 q 1 1 []" },
    { "{{ not .Values.zero }} {{ not .Values.str }}", "true false" },
    { "{{ html \"<a&b>\" }} {{ js \"a'b\\\"c<\" }} {{ urlquery \"a b&c\" }}", "&lt;a&amp;b&gt; a\\'b\\\"c\\u003C a+b%26c" },
    { "{{ html .Values.missing }} {{ html 1 \"a\" nil }} {{ urlquery \"\xc3\xa9~-._*\" }}", "&lt;no value&gt; 1a&lt;no value&gt; %C3%A9~-._%2A" },
    { "{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3" },
    { "{{ printf \"%v\" nil }}", "<nil>" },
    { "{{ 1.0 }} {{ 1e6 }} {{ 0x10 }} {{ 'a' }} {{ 1_000 }} {{ -5 }} {{ 123456789.0 }} {{-3}}", "1 1e+06 16 97 1000 -5 1.23456789e+08 -3" },
    { "{{ (.Values.a).b }}|{{ 3 | printf \"%d %d\" 4 }}|{{ \"x\" | and 0 }}|{{ \"x\" | or 0 }}", "|4 3|0|x" },
    { "{{ template \"t1\" . }}|{{ include \"t1\" . }}", "T1 hello|T1 hello" },
    { "{{ block \"blk\" . }}default block{{ end }}", "default block" },
    { "{{ tpl \"{{ define \\\"intpl\\\" }}IN{{ end }}{{ include \\\"intpl\\\" . }}\" . }}", "IN" },
    { "{{ tpl \"{{ .Values.str }}-{{ .Template.Name }}\" . }}|{{ tpl \"[{{ .Values.nope }}]\" . }}", "hello-c/templates/a.yaml|[]" },
    { "{{ define \"z\" }}{{ $ }}{{ end }}{{ template \"z\" \"zz\" }}", "zz" },
    /* methods of Helm's Values type shadow keys of the same name */
    { "{{ (.Values.Table \"nested.k\").v }} {{ .Values.PathValue \"nested.k.v\" }} {{ printf \"%T\" .Values.AsMap }} {{ .Values.nested.YAML }}",
      "1 1 map[string]interface {} " },
    { "{{ 1i }} {{ 2+3i }} {{ printf \"%T\" 1i }}", "(0+1i) (2+3i) complex128" },
};

START_TEST(t_go_template_semantics_match_helm)
{
    const tcase *c = &go_cases[_i];
    ck_assert_str_eq(render(c->tmpl), c->want);
}
END_TEST

/* HELM-FACTS 6 and measured v4 error text. */
static const tcase v4_errors[] = {
    { "x: {{ .Values.a.b }}",
      "Error: c/templates/a.yaml:1:13\n  executing \"c/templates/a.yaml\" at <.Values.a.b>:\n    nil pointer evaluating interface {}.b" },
    { "x: {{ .Values.s.b }}",
      "Error: c/templates/a.yaml:1:13\n  executing \"c/templates/a.yaml\" at <.Values.s.b>:\n    can't evaluate field b in type interface {}" },
    { "x: {{ (.Values.str).x }}",
      "Error: c/templates/a.yaml:1:14\n  executing \"c/templates/a.yaml\" at <.Values.str>:\n    can't evaluate field x in type string" },
    { "x: {{ upper 5 }}",
      "Error: c/templates/a.yaml:1:12\n  executing \"c/templates/a.yaml\" at <5>:\n    expected string; found 5" },
    { "x: {{ upper .Values.missing }}",
      "Error: c/templates/a.yaml:1:19\n  executing \"c/templates/a.yaml\" at <.Values.missing>:\n    wrong type for value; expected string; got interface {}" },
    { "x: {{ .Values.missing | upper }}",
      "Error: c/templates/a.yaml:1:24\n  executing \"c/templates/a.yaml\" at <upper>:\n    invalid value; expected string" },
    { "x: {{ include \"x\" }}",
      "Error: c/templates/a.yaml:1:6\n  executing \"c/templates/a.yaml\" at <include>:\n    wrong number of args for include: want 2 got 1" },
    { "x: {{ printf }}",
      "Error: c/templates/a.yaml:1:6\n  executing \"c/templates/a.yaml\" at <printf>:\n    wrong number of args for printf: want at least 1 got 0" },
    { "x: {{ nil }}",
      "Error: c/templates/a.yaml:1:6\n  executing \"c/templates/a.yaml\" at <nil>:\n    nil is not a command" },
    { "x: {{ \"s\" 5 }}",
      "Error: c/templates/a.yaml:1:6\n  executing \"c/templates/a.yaml\" at <\"s\">:\n    can't give argument to non-function \"s\"" },
    { "x: {{ .Values.str 5 }}",
      "Error: c/templates/a.yaml:1:13\n  executing \"c/templates/a.yaml\" at <.Values.str>:\n    str is not a method but has arguments" },
    { "x: {{ template \"nonexist\" }}",
      "Error: c/templates/a.yaml:1:15\n  executing \"c/templates/a.yaml\" at <{{template \"nonexist\"}}>:\n    template \"nonexist\" not defined" },
    { "x: {{ include \"ie.x\" . }}",
      "Error: c/templates/a.yaml:1:6\n  executing \"c/templates/a.yaml\" at <include \"ie.x\" .>:\n    error calling include:\n"
      "c/templates/_h.tpl:2:10\n  executing \"ie.x\" at <.Values.a.b>:\n    nil pointer evaluating interface {}.b" },
    { "x: {{ include \"zz\" . }}",
      "Error: c/templates/a.yaml:1:6\n  executing \"c/templates/a.yaml\" at <include \"zz\" .>:\n    error calling include:\n"
      "template: no template \"zz\" associated with template \"gotpl\"" },
    { "x: {{ index .Values.l 4 }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <index .Values.l 4>: error calling index: index out of range: 4" },
    { "x: {{ index .Values.l 3 }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <index .Values.l 3>: error calling index: reflect: slice index out of range" },
    { "x: {{ index .Values.list 5 }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <index .Values.list 5>: error calling index: index of untyped nil" },
    { "x: {{ index .Values \"a\" \"b\" }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <index .Values \"a\" \"b\">: error calling index: index of nil pointer" },
    { "x: {{ len .Values.missing }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <len .Values.missing>: error calling len: len of nil pointer" },
    { "x: {{ eq .Values.x 1 }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <eq .Values.x 1>: error calling eq: incompatible types for comparison: float64 and int" },
    { "x: {{ lt nil 1 }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <lt nil 1>: error calling lt: invalid type for comparison" },
    { "x: {{ call .Values.str }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <call .Values.str>: error calling call: non-function .Values.str of type string" },
    { "x: {{ .Values.Table \"nope\" }}",
      "Error: template: c/templates/a.yaml:1:13: executing \"c/templates/a.yaml\" at <.Values.Table>: error calling Table: \"nope\" is not a table" },
    { "x: {{ .Values.Table }}",
      "Error: c/templates/a.yaml:1:13\n  executing \"c/templates/a.yaml\" at <.Values.Table>:\n    wrong number of args for Table: want 1 got 0" },
    { "x: {{ tpl \"{{ .x\" . }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <tpl \"{{ .x\" .>: error calling tpl: cannot parse template \"{{ .x\": template: gotpl:1: unclosed action" },
    { "x: {{ tpl \"{{ .a.b }}\" . }}",
      "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <tpl \"{{ .a.b }}\" .>: error calling tpl: error during tpl function execution for \"{{ .a.b }}\": template: gotpl:1:5: executing \"gotpl\" at <.a.b>: nil pointer evaluating interface {}.b" },
};

START_TEST(t_exec_errors_read_as_helm_v4_prints_them)
{
    const tcase *c = &v4_errors[_i];
    ck_assert_str_eq(render(c->tmpl), c->want);
}
END_TEST

START_TEST(t_v3_keeps_go_one_line_errors_and_rejects_range_over_int)
{
    sg_helm_major = 3;
    ck_assert_str_eq(render("x: {{ .Values.a.b }}"),
                     "Error: template: c/templates/a.yaml:1:13: executing \"c/templates/a.yaml\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
    ck_assert_str_eq(render("x: {{ eq .Values.x 1 }}"),
                     "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <eq .Values.x 1>: error calling eq: incompatible types for comparison");
    ck_assert_str_eq(render("x: {{ range 3 }}{{ . }}{{ end }}"),
                     "Error: template: c/templates/a.yaml:1:12: executing \"c/templates/a.yaml\" at <3>: range can't iterate over 3");
    ck_assert_str_eq(render("x: {{ include \"ie.x\" . }}"),
                     "Error: template: c/templates/a.yaml:1:6: executing \"c/templates/a.yaml\" at <include \"ie.x\" .>: error calling include: template: c/templates/_h.tpl:2:10: executing \"ie.x\" at <.Values.a.b>: nil pointer evaluating interface {}.b");
}
END_TEST

START_TEST(t_required_and_fail_report_the_outermost_call_site)
{
    /* what the Helm functions throw, wrapped by include inside an outer call */
    sg_error *fail = err_new(SG_ERR_FAIL, "need rq");
    sg_error *inner = err_new(SG_ERR_EXEC, "error calling required: ");
    inner->tmpl = "rq";
    inner->loc = "c/templates/_h.tpl:1:20";
    inner->context = "required \"need rq\" .Values.nope";
    inner->cause = fail;
    sg_error *outer = err_new(SG_ERR_EXEC, "error calling include: ");
    outer->tmpl = "c/templates/a.yaml";
    outer->loc = "c/templates/a.yaml:1:6";
    outer->context = "include \"rq\" .";
    outer->cause = inner;
    sg_buf b;
    buf_init(&b);
    err_format(outer, &b);
    ck_assert_str_eq(b.p, "execution error at (c/templates/a.yaml:1:6): need rq");
    sg_helm_major = 3;
    buf_init(&b);
    err_format(outer, &b);
    ck_assert_str_eq(b.p, "execution error at (c/templates/a.yaml:1:6): need rq");
}
END_TEST

START_TEST(t_parse_errors_read_as_helm_prints_them)
{
    ck_assert_str_eq(render("line1: x\nx: {{ .Values.a\ny: 2\n"),
                     "Error: parse error at (c/templates/a.yaml:3): function \"y\" not defined");
    ck_assert_str_eq(render("{{ if true }}"), "Error: parse error at (c/templates/a.yaml:1): unexpected EOF");
}
END_TEST

START_TEST(t_self_recursion_ends_with_an_error_not_a_crash)
{
    const char *r = render("{{ define \"self\" }}{{ include \"self\" . }}{{ end }}{{ include \"self\" . }}");
    ck_assert_ptr_nonnull(strstr(r, "error calling include: rendering template has a nested reference name: self: unable to execute template"));
    r = render("{{ define \"selft\" }}{{ template \"selft\" . }}{{ end }}{{ template \"selft\" . }}");
    ck_assert_ptr_nonnull(strstr(r, "exceeded maximum template depth (100000)"));
}
END_TEST

Suite *exec_suite(void)
{
    Suite *s = suite_create("exec");
    TCase *tc = tcase_create("exec");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, t_go_template_semantics_match_helm, 0, (int)(sizeof go_cases / sizeof go_cases[0]));
    tcase_add_loop_test(tc, t_exec_errors_read_as_helm_v4_prints_them, 0, (int)(sizeof v4_errors / sizeof v4_errors[0]));
    tcase_add_test(tc, t_v3_keeps_go_one_line_errors_and_rejects_range_over_int);
    tcase_add_test(tc, t_required_and_fail_report_the_outermost_call_site);
    tcase_add_test(tc, t_parse_errors_read_as_helm_prints_them);
    tcase_add_test(tc, t_self_recursion_ends_with_an_error_not_a_crash);
    suite_add_tcase(s, tc);
    return s;
}
