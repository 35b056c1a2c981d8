/* check_parse.c - unit tests of the template parser (src/tmpl/parse.c, node.c, tset.c):
 * node shapes and positions, NumberNode flags, Node.String() round trips, Go's exact parse
 * error messages and lines, template-set (AddParseTree) rules and nesting limits.
 * Expected texts come from Go 1.25's text/template/parse and real helm v4.1.4. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/buf.h"
#include "../../src/base/err.h"
#include "../../src/tmpl/node.h"
#include "../../src/tmpl/parse.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

static bool known_func(const char *n)
{
    static const char *const names[] = {
        "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
        "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne", "upper", "include",
        "default", "quote", "tpl", "toYaml", "list", "dict", "required", "fail", NULL,
    };
    for (int i = 0; names[i]; i++) if (strcmp(names[i], n) == 0) return true;
    return false;
}

/* Parse into set; return NULL on success or "template: LOC: MSG" (Go's error text). */
static const char *try_parse(sg_tset *set, const char *name, const char *text, sg_tree **out)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        sg_tree *t = parse_template(set, name, text, strlen(text), known_func);
        catch_pop(&c);
        if (out) *out = t;
        return NULL;
    }
    catch_pop(&c);
    ck_assert_int_eq(c.err->kind, SG_ERR_PARSE);
    return sg_sprintf("template: %s: %s", c.err->loc, c.err->msg);
}

/* The error thrown when parsing text, or NULL. */
static sg_error *parse_err(const char *name, const char *text)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        parse_template(tset_new(), name, text, strlen(text), known_func);
        catch_pop(&c);
        return NULL;
    }
    catch_pop(&c);
    return c.err;
}

/* The tree's String(), or the error text. */
static const char *parse_str(const char *text)
{
    sg_tree *t;
    const char *err = try_parse(tset_new(), "t.yaml", text, &t);
    return err ? err : node_string(t->root);
}

static sg_node *first_action_arg(sg_tree *t, size_t idx)
{
    sg_node *a = t->root->u.list.items[idx];
    ck_assert_int_eq(a->type, N_ACTION);
    sg_node *cmd = a->u.action.pipe->u.pipe.cmds.items[0];
    return cmd->u.command.args.items[0];
}

/* Generated from Go: input, then Root.String() or Go's error. */
static const struct { const char *in, *want; } go_cases[] = {
    { "x: {{ .Values.a.b }}",
      "x: {{.Values.a.b}}" },
    { "{{ include \"ie.x\" . }}",
      "{{include \"ie.x\" .}}" },
    { "{{ template \"nonexist\" }}",
      "{{template \"nonexist\"}}" },
    { "{{ eq .Values.x 1 }}",
      "{{eq .Values.x 1}}" },
    { "{{ 5 }}{{ 0x1F }}{{ 1_000 }}{{ 'a' }}{{ 1e6 }}{{ -3 }}",
      "{{5}}{{0x1F}}{{1_000}}{{'a'}}{{1e6}}{{-3}}" },
    { "{{ $x := 1 }}{{ $x = 2 }}{{ $x }}",
      "{{$x := 1}}{{$x = 2}}{{$x}}" },
    { "{{ range $i, $v := .l }}{{ $i }}={{ $v }}{{ else }}none{{ end }}",
      "{{range $i, $v := .l}}{{$i}}={{$v}}{{else}}none{{end}}" },
    { "{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}",
      "{{if .a}}A{{else}}{{if .b}}B{{else}}C{{end}}{{end}}" },
    { "{{ with .a }}A{{ else with .b }}B{{ end }}",
      "{{with .a}}A{{else}}{{with .b}}B{{end}}{{end}}" },
    { "{{ (.a).b.c }}{{ ($).x }}{{ $.y.z }}",
      "{{(.a).b.c}}{{($).x}}{{$.y.z}}" },
    { "{{ printf \"%s-%d\" (upper .a) 3 | quote }}",
      "{{printf \"%s-%d\" (upper .a) 3 | quote}}" },
    { "{{ `raw` }}{{ \"esc\\n\\t\" }}{{ nil | default 1 }}{{ true }}{{ false }}",
      "{{`raw`}}{{\"esc\\n\\t\"}}{{nil | default 1}}{{true}}{{false}}" },
    { "{{ template \"a\" .x }}{{ block \"b\" . }}body{{ end }}",
      "{{template \"a\" .x}}{{template \"b\" .}}" },
    { "{{ range . }}{{ if . }}{{ break }}{{ end }}{{ continue }}{{ end }}",
      "{{range .}}{{if .}}{{break}}{{end}}{{continue}}{{end}}" },
    { "a  {{- .x -}}  b {{/* c */}} c {{- /* d */ -}} e",
      "a{{.x}}b  ce" },
    { "{{ (1 | printf \"%v\") }}{{ ((.a)) }}",
      "{{(1 | printf \"%v\")}}{{((.a))}}" },
    { "{{ define \"x\" }}in define{{ end }}top",
      "top" },
    { "{{ $a, $b := . }}",
      "template: t.yaml:1: too many declarations in command" },
    { "{{ range $x := . }}{{ end }}{{ $x }}",
      "template: t.yaml:1: undefined variable \"$x\"" },
    { "{{ 1 | 2 }}",
      "template: t.yaml:1: non executable command in pipeline stage 2" },
    { "{{ \"a\".b }}",
      "template: t.yaml:1: unexpected . after term \"\\\"a\\\"\"" },
    { "{{ .a | }}",
      "{{.a}}" },
    { "{{ 089 }}",
      "template: t.yaml:1: integer overflow: \"089\"" },
    { "{{ 1e400 }}",
      "template: t.yaml:1: illegal number syntax: \"1e400\"" },
    { "{{ 99999999999999999999 }}",
      "template: t.yaml:1: integer overflow: \"99999999999999999999\"" },
    { "{{ '' }}",
      "template: t.yaml:1: invalid syntax" },
    { "{{ 'ab' }}",
      "template: t.yaml:1: malformed character constant: 'ab'" },
    { "{{ \"a\\qb\" }}",
      "template: t.yaml:1: invalid syntax" },
    { "{{ `abc }}",
      "template: t.yaml:1: unterminated raw quoted string" },
    { "{{ 'a }}",
      "template: t.yaml:1: unterminated character constant" },
    { "{{ 1x }}",
      "template: t.yaml:1: bad number syntax: \"1x\"" },
    { "{{ @ }}",
      "template: t.yaml:1: unexpected \"@\" in command" },
    { "{{ .a\342\202\254 }}",
      "template: t.yaml:1: bad character U+20AC '\342\202\254'" },
    { "{{ 3 }",
      "template: t.yaml:1: unexpected \"}\" in operand" },
    { "{{ ) }}",
      "template: t.yaml:1: unexpected right paren" },
    { "{{ (( .a ) }}",
      "template: t.yaml:1: unclosed left paren" },
    { "{{ :x }}",
      "template: t.yaml:1: expected :=" },
    { "{{ break }}",
      "template: t.yaml:1: {{break}} outside {{range}}" },
    { "{{ continue }}",
      "template: t.yaml:1: {{continue}} outside {{range}}" },
    { "{{ range . }}{{ else }}{{ break }}{{ end }}",
      "template: t.yaml:1: {{break}} outside {{range}}" },
    { "{{ range $i, $v, $w := . }}{{ end }}",
      "template: t.yaml:1: too many declarations in range" },
    { "{{ range $i, 1 := . }}{{ end }}",
      "template: t.yaml:1: range can only initialize variables" },
    { "{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}",
      "template: t.yaml:1: template: multiple definition of template \"x\"" },
    { "{{ define x }}{{ end }}",
      "template: t.yaml:1: unexpected \"x\" in define clause" },
    { "{{ define \"x\" }}{{ else }}{{ end }}",
      "template: t.yaml:1: unexpected {{else}} in define clause" },
    { "{{ block \"b\" . }}d{{ else }}{{ end }}",
      "template: t.yaml:1: unexpected {{else}} in block clause" },
    { "{{ if 1 }}{{ else }}{{ else }}{{ end }}",
      "template: t.yaml:1: expected end; found {{else}}" },
    { "{{ if 1 }}{{ $y := 2 }}{{ end }}{{ $y }}",
      "template: t.yaml:1: undefined variable \"$y\"" },
    { "{{/* unclosed",
      "template: t.yaml:1: unclosed comment" },
    { "{{/* c */ x}}",
      "template: t.yaml:1: comment ends before closing delimiter" },
    { "{{ upper\n\"x\" \n nosuch }}",
      "template: t.yaml:3: function \"nosuch\" not defined" },
    { "a\n{{ if .x }}\nb\n",
      "template: t.yaml:4: unexpected EOF" },
    { "a\n{{ .x\n\n",
      "template: t.yaml:4: unclosed action started at t.yaml:2" },
    { "{{ \"a\nb\" }}",
      "template: t.yaml:1: unterminated quoted string" },
    { "{{ (\n1\n",
      "template: t.yaml:3: unclosed action started at t.yaml:1" },
    { "{{ ..a }}",
      "template: t.yaml:1: unexpected . after term \".\"" },
    { "{{ 1+2i }}{{ 2i }}",
      "{{1+2i}}{{2i}}" },
    { "{{ 1+i }}",
      "template: t.yaml:1: syntax error scanning complex number" },
    { "{{ .a.1 }}",
      "template: t.yaml:1: unexpected \".1\" in operand" },
    { "{{ $x }}{{ $x := 1 }}",
      "template: t.yaml:1: undefined variable \"$x\"" },
    { "{{ $x := 1 }}{{ define \"y\" }}{{ $x }}{{ end }}",
      "template: t.yaml:1: undefined variable \"$x\"" },
    { "{{ template x }}",
      "template: t.yaml:1: unexpected \"x\" in template clause" },
    { "{{ . 1 }}",
      "{{. 1}}" },
    { "{{ if }}{{ end }}",
      "template: t.yaml:1: missing value for if" },
    { "{{ 'ab }}",
      "template: t.yaml:1: unterminated character constant" },
    { "{{ \"\\xff\" }}{{ \"\\u00e9\" }}",
      "{{\"\\xff\"}}{{\"\\u00e9\"}}" },
    { "{{ '\\400' }}",
      "template: t.yaml:1: invalid syntax" },
    { "{{ \"\\U00110000\" }}",
      "template: t.yaml:1: invalid syntax" },
    { "{{ (nil).a }}",
      "{{(nil).a}}" },
    { "{{ ($x := 1) }}{{ $x }}",
      "{{($x := 1)}}{{$x}}" },
    { "{{ template \"a\" $x := 1 }}",
      "{{template \"a\" $x := 1}}" },
    { "{{ $x = 1 }}",
      "{{$x = 1}}" },
};

START_TEST(t_trees_print_and_fail_exactly_as_go)
{
    for (size_t i = 0; i < sizeof go_cases / sizeof go_cases[0]; i++) {
        const char *got = parse_str(go_cases[i].in);
        if (strcmp(got, go_cases[i].want) != 0)
            ck_abort_msg("case %zu %s: got [%s] want [%s]", i, go_cases[i].in, got, go_cases[i].want);
    }
}
END_TEST

/* HELM-FACTS section 6: helm prints "parse error at (LOC): <last ': ' part of MSG>". */
START_TEST(t_helm_fact_sheet_parse_errors_come_out_right)
{
    static const struct { const char *in, *loc, *msg; } cases[] = {
        { "{{ if true }}\n", "ws/templates/a.yaml:2", "unexpected EOF" },
        { "{{ end }}", "ws/templates/a.yaml:1", "unexpected {{end}}" },
        { "{{ .Values.a\n", "ws/templates/a.yaml:2", "unclosed action started at ws/templates/a.yaml:1" },
        { "{{ $x }}", "ws/templates/a.yaml:1", "undefined variable \"$x\"" },
        { "{{ \"abc }}", "ws/templates/a.yaml:1", "unterminated quoted string" },
        { "{{ 1.2.3 }}", "ws/templates/a.yaml:1", "unexpected \".3\" in operand" },
        { "{{ else }}", "ws/templates/a.yaml:1", "unexpected {{else}}" },
        { "{{ | upper }}", "ws/templates/a.yaml:1", "unexpected \"|\" in command" },
        { "{{ }}", "ws/templates/a.yaml:1", "missing value for command" },
        { "{{ (1 }}", "ws/templates/a.yaml:1", "unclosed left paren" },
        { "{{ range }}{{ end }}", "ws/templates/a.yaml:1", "missing value for range" },
        { "{{ with }}{{ end }}", "ws/templates/a.yaml:1", "missing value for with" },
        { "{{ template }}", "ws/templates/a.yaml:1", "unexpected \"}}\" in template clause" },
        { "{{ /* c */ }}", "ws/templates/a.yaml:1", "unexpected \"/\" in command" },
        { "line1: x\nx: {{ .Values.a\ny: 2\n", "ws/templates/a.yaml:3", "function \"y\" not defined" },
        { "x: {{ nosuchfunc .Values.a }}", "ws/templates/a.yaml:1", "function \"nosuchfunc\" not defined" },
        { "{{ define \"x\" }}a{{ end }}\n{{ define \"x\" }}b{{ end }}", "ws/templates/a.yaml:2",
          "template: multiple definition of template \"x\"" },
        { "{{ 3 }", "ws/templates/a.yaml:1", "unexpected \"}\" in operand" },
        { "{{ `abc }}", "ws/templates/a.yaml:1", "unterminated raw quoted string" },
        { "{{ 'ab }}", "ws/templates/a.yaml:1", "unterminated character constant" },
        { "{{ 0x }}", "ws/templates/a.yaml:1", "illegal number syntax: \"0x\"" },
        { "{{ 1z }}", "ws/templates/a.yaml:1", "bad number syntax: \"1z\"" },
        { "a\n\n{{ range . }}{{ else }}\n{{ break }}{{ end }}", "ws/templates/a.yaml:4",
          "{{break}} outside {{range}}" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sg_error *e = parse_err("ws/templates/a.yaml", cases[i].in);
        if (!e) ck_abort_msg("case %zu parsed", i);
        ck_assert_int_eq(e->kind, SG_ERR_PARSE);
        ck_assert_str_eq(e->tmpl, "ws/templates/a.yaml");
        ck_assert_str_eq(e->loc, cases[i].loc);
        ck_assert_str_eq(e->msg, cases[i].msg);
    }
}
END_TEST

START_TEST(t_field_chain_is_one_field_node_at_its_second_name)
{
    sg_tree *t;
    ck_assert_ptr_null(try_parse(tset_new(), "errc/templates/a.yaml", "x: {{ .Values.a.b }}", &t));
    ck_assert_str_eq(t->name, "errc/templates/a.yaml");
    ck_assert_str_eq(t->parse_name, "errc/templates/a.yaml");
    sg_node *act = t->root->u.list.items[1];
    ck_assert_uint_eq(act->pos, 6);
    sg_node *f = first_action_arg(t, 1);
    ck_assert_int_eq(f->type, N_FIELD);
    ck_assert_uint_eq(f->u.field.nident, 3);
    ck_assert_str_eq(f->u.field.ident[0], "Values");
    ck_assert_str_eq(f->u.field.ident[2], "b");
    ck_assert_ptr_eq(f->tree, t);
    int line, col;
    err_linecol(t->text, f->pos, &line, &col);
    ck_assert_int_eq(line, 1);
    ck_assert_int_eq(col, 13); /* helm: errc/templates/a.yaml:1:13 */
    ck_assert_str_eq(node_string(f), ".Values.a.b");
}
END_TEST

START_TEST(t_variables_chains_and_decls_have_go_shapes)
{
    sg_tree *t;
    ck_assert_ptr_null(try_parse(tset_new(), "t",
        "{{ range $i, $v := .l }}{{ $v.a }}{{ end }}{{ (.a).b.c }}{{ $x = 1 }}{{ $.z }}", &t));
    sg_node *r = t->root->u.list.items[0];
    ck_assert_int_eq(r->type, N_RANGE);
    sg_node *pipe = r->u.branch.pipe;
    ck_assert_uint_eq(pipe->u.pipe.decl.len, 2);
    ck_assert(!pipe->u.pipe.is_assign);
    ck_assert_str_eq(pipe->u.pipe.decl.items[1]->u.field.ident[0], "$v");
    ck_assert_uint_eq(r->pos, pipe->pos);
    sg_node *v = r->u.branch.list->u.list.items[0]->u.action.pipe->u.pipe.cmds.items[0]->u.command.args.items[0];
    ck_assert_int_eq(v->type, N_VARIABLE);
    ck_assert_uint_eq(v->u.field.nident, 2);
    ck_assert_str_eq(v->u.field.ident[0], "$v");
    ck_assert_str_eq(v->u.field.ident[1], "a");
    ck_assert_uint_eq(v->pos, 29); /* the ".a" */
    sg_node *ch = first_action_arg(t, 1);
    ck_assert_int_eq(ch->type, N_CHAIN);
    ck_assert_int_eq(ch->u.chain.node->type, N_PIPE);
    ck_assert_uint_eq(ch->u.chain.nfields, 2);
    ck_assert_str_eq(ch->u.chain.fields[1], "c");
    ck_assert_str_eq(node_string(ch), "(.a).b.c");
    sg_node *as = t->root->u.list.items[2]->u.action.pipe;
    ck_assert(as->u.pipe.is_assign);
    ck_assert_str_eq(node_string(as), "$x = 1");
    sg_node *d = first_action_arg(t, 3);
    ck_assert_str_eq(d->u.field.ident[0], "$");
    ck_assert_str_eq(d->u.field.ident[1], "z");
}
END_TEST

static sg_node *num(const char *text)
{
    sg_tree *t;
    const char *err = try_parse(tset_new(), "t", sg_sprintf("{{ %s }}", text), &t);
    if (err) ck_abort_msg("%s: %s", text, err);
    sg_node *n = first_action_arg(t, 0);
    ck_assert_int_eq(n->type, N_NUMBER);
    ck_assert_str_eq(n->u.number.text, text);
    return n;
}

START_TEST(t_numbers_are_typed_like_go_ideal_constants)
{
    sg_node *n = num("42");
    ck_assert(n->u.number.is_int && n->u.number.is_uint && n->u.number.is_float && !n->u.number.is_complex);
    ck_assert_int_eq(n->u.number.i, 42);
    n = num("-7");
    ck_assert(n->u.number.is_int && !n->u.number.is_uint && n->u.number.is_float);
    n = num("1.5");
    ck_assert(!n->u.number.is_int && !n->u.number.is_uint && n->u.number.is_float);
    ck_assert(n->u.number.f == 1.5);
    n = num("1e3");
    ck_assert(n->u.number.is_int && n->u.number.is_uint && n->u.number.is_float && n->u.number.i == 1000);
    n = num("1.0");
    ck_assert(n->u.number.is_int && n->u.number.i == 1);
    ck_assert_int_eq(num("0x1F")->u.number.i, 31);
    ck_assert_int_eq(num("0o17")->u.number.i, 15);
    ck_assert_int_eq(num("017")->u.number.i, 15);
    ck_assert_int_eq(num("0b101")->u.number.i, 5);
    ck_assert_int_eq(num("1_000")->u.number.i, 1000);
    ck_assert(num("0x1p-2")->u.number.f == 0.25);
    n = num("'a'");
    ck_assert(n->u.number.is_int && n->u.number.is_uint && n->u.number.is_float && n->u.number.i == 97);
    ck_assert_int_eq(num("'\\n'")->u.number.i, 10);
    ck_assert_int_eq(num("'\\x41'")->u.number.i, 65);
    ck_assert_int_eq(num("'\\u00e9'")->u.number.i, 0xe9);
    ck_assert_int_eq(num("'\xc3\xa9'")->u.number.i, 0xe9);
    n = num("18446744073709551615");
    ck_assert(!n->u.number.is_int && n->u.number.is_uint && n->u.number.is_float);
    ck_assert(n->u.number.u == UINT64_MAX);
    n = num("-0");
    ck_assert(n->u.number.is_int && n->u.number.is_uint && n->u.number.is_float);
    n = num("2i");
    ck_assert(n->u.number.is_complex && !n->u.number.is_float && n->u.number.cim == 2);
    n = num("1+0i");
    ck_assert(n->u.number.is_complex && n->u.number.is_float && n->u.number.is_int && n->u.number.i == 1);
    n = num("123456789.0");
    ck_assert(n->u.number.is_int && n->u.number.f == 123456789.0);
}
END_TEST

START_TEST(t_strings_are_unquoted_with_go_rules)
{
    sg_tree *t;
    ck_assert_ptr_null(try_parse(tset_new(), "t",
        "{{ \"a\\tb\\x41\\101\\u00e9\\\"\" }}{{ `x\r\\ny` }}{{ \"\xff\" }}", &t));
    sg_node *s = first_action_arg(t, 0);
    ck_assert_int_eq(s->type, N_STRING);
    ck_assert_str_eq(s->u.string.text, "a\tbAA\xc3\xa9\"");
    ck_assert_str_eq(s->u.string.quoted, "\"a\\tb\\x41\\101\\u00e9\\\"\"");
    s = first_action_arg(t, 1);
    ck_assert_str_eq(s->u.string.text, "x\\ny"); /* raw: \r dropped, backslash kept */
    s = first_action_arg(t, 2);
    ck_assert_str_eq(s->u.string.text, "\xef\xbf\xbd"); /* a bad byte becomes U+FFFD */
    /* "\x00" keeps its NUL: the length says so */
    ck_assert_ptr_null(try_parse(tset_new(), "t", "{{ \"a\\x00b\" }}", &t));
    ck_assert_uint_eq(first_action_arg(t, 0)->u.string.len, 3);
}
END_TEST

START_TEST(t_text_nodes_and_positions_follow_trimming)
{
    sg_tree *t;
    ck_assert_ptr_null(try_parse(tset_new(), "t", "a  {{- .x }}  \n b {{ .y -}}\n c", &t));
    sg_nodelist *l = &t->root->u.list;
    ck_assert_uint_eq(l->len, 5);
    ck_assert_int_eq(l->items[0]->type, N_TEXT);
    ck_assert_uint_eq(l->items[0]->u.text.len, 1);
    ck_assert_uint_eq(l->items[2]->pos, 12);
    ck_assert_uint_eq(l->items[2]->u.text.len, 6);
    ck_assert_uint_eq(l->items[4]->u.text.len, 1);
    ck_assert_str_eq(node_string(t->root), "a{{.x}}  \n b {{.y}}c");
}
END_TEST

START_TEST(t_template_and_block_nodes)
{
    sg_tset *set = tset_new();
    sg_tree *t;
    ck_assert_ptr_null(try_parse(set, "f.yaml",
        "{{ template \"a\" .x }}{{ block \"b\" . }}body{{ end }}{{ define \"c\" }}C{{ end }}", &t));
    sg_node *n = t->root->u.list.items[0];
    ck_assert_int_eq(n->type, N_TEMPLATE);
    ck_assert_str_eq(n->u.tmpl.name, "a");
    ck_assert_uint_eq(n->pos, 12); /* the name string */
    ck_assert_str_eq(node_string(n), "{{template \"a\" .x}}");
    n = t->root->u.list.items[1];
    ck_assert_int_eq(n->type, N_TEMPLATE);
    ck_assert_ptr_nonnull(n->u.tmpl.pipe);
    sg_tree *b = tset_get(set, "b");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(node_string(b->root), "body");
    ck_assert_str_eq(b->parse_name, "f.yaml");
    ck_assert_ptr_eq(b->text, t->text);
    ck_assert_ptr_eq(tset_get(set, "f.yaml"), t);
    ck_assert_str_eq(node_string(tset_get(set, "c")->root), "C");
    size_t nn;
    tset_names(set, &nn);
    ck_assert_uint_eq(nn, 3);
}
END_TEST

START_TEST(t_add_parse_tree_keeps_nonempty_over_empty)
{
    sg_tset *set = tset_new();
    ck_assert_ptr_null(try_parse(set, "a.tpl", "{{ define \"x\" }}first{{ end }}", NULL));
    /* an empty (space/comment only) redefinition in another file does not replace */
    ck_assert_ptr_null(try_parse(set, "b.tpl", "{{ define \"x\" }} \n {{/* c */}}{{ end }}", NULL));
    ck_assert_str_eq(node_string(tset_get(set, "x")->root), "first");
    /* a non-empty one in another file does */
    ck_assert_ptr_null(try_parse(set, "c.tpl", "{{ define \"x\" }}second{{ end }}", NULL));
    ck_assert_str_eq(node_string(tset_get(set, "x")->root), "second");
    ck_assert_str_eq(tset_get(set, "x")->parse_name, "c.tpl");
    /* within one file: empty then non-empty is fine, non-empty then empty keeps the first */
    ck_assert_ptr_null(try_parse(set, "d.tpl", "{{ define \"y\" }} {{ end }}{{ define \"y\" }}Y{{ end }}", NULL));
    ck_assert_str_eq(node_string(tset_get(set, "y")->root), "Y");
    ck_assert_ptr_null(try_parse(set, "e.tpl", "{{ define \"z\" }}Z{{ end }}{{ define \"z\" }} {{ end }}", NULL));
    ck_assert_str_eq(node_string(tset_get(set, "z")->root), "Z");
    ck_assert_str_eq(try_parse(set, "f.tpl", "{{ define \"w\" }}1{{ end }}{{ define \"w\" }}2{{ end }}", NULL),
                     "template: f.tpl:1: template: multiple definition of template \"w\"");
    /* a failed parse adds nothing */
    ck_assert_ptr_null(tset_get(set, "f.tpl"));
    ck_assert_ptr_null(tset_get(set, "w"));
    /* a file of only defines is an empty tree, still registered */
    ck_assert(parse_is_empty_tree(tset_get(set, "a.tpl")->root));
}
END_TEST

START_TEST(t_function_check_is_skipped_without_callback)
{
    const char *src = "{{ anything 1 }}{{ range . }}{{ break }}{{ end }}";
    sg_catch c;
    if (SG_TRY(&c)) {
        sg_tree *t = parse_template(tset_new(), "t", src, strlen(src), NULL);
        catch_pop(&c);
        ck_assert_str_eq(node_string(t->root), "{{anything 1}}{{range .}}{{break}}{{end}}");
    } else {
        catch_pop(&c);
        ck_abort_msg("%s", c.err->msg);
    }
}
END_TEST

static bool has_break_func(const char *n) { return strcmp(n, "break") == 0 || known_func(n); }

START_TEST(t_a_function_named_break_disables_the_keyword)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        sg_tree *t = parse_template(tset_new(), "t", "{{ break 1 }}", 13, has_break_func);
        catch_pop(&c);
        ck_assert_int_eq(first_action_arg(t, 0)->type, N_IDENTIFIER);
    } else {
        catch_pop(&c);
        ck_abort_msg("%s", c.err->msg);
    }
}
END_TEST

static const char *repeat3(const char *a, const char *mid, const char *b, int n)
{
    sg_buf s;
    buf_init(&s);
    for (int i = 0; i < n; i++) buf_puts(&s, a);
    buf_puts(&s, mid);
    for (int i = 0; i < n; i++) buf_puts(&s, b);
    return s.p;
}

START_TEST(t_deep_nesting_gives_a_parse_error_not_a_crash)
{
    /* Go's limit: 10000 nested parentheses parse, 10001 do not */
    ck_assert_str_eq(parse_str(sg_sprintf("{{ %s }}", repeat3("(", "1", ")", 10000))),
                     sg_sprintf("{{%s}}", repeat3("(", "1", ")", 10000)));
    ck_assert_str_eq(parse_str(sg_sprintf("{{ %s }}", repeat3("(", "1", ")", 10001))),
                     "template: t.yaml:1: max expression depth exceeded");
    /* ours: control structures nest at most PARSE_MAX_NEST_DEPTH deep */
    ck_assert_str_eq(parse_str(repeat3("{{ if 1 }}", "x", "{{ end }}", PARSE_MAX_NEST_DEPTH + 1)),
                     "template: t.yaml:1: max expression depth exceeded");
    ck_assert_str_eq(parse_str(repeat3("{{ with 1 }}", "", "{{ end }}", 500000)),
                     "template: t.yaml:1: max expression depth exceeded");
    const char *ok = parse_str(repeat3("{{ range . }}", "x", "{{ end }}", 5000));
    ck_assert(strncmp(ok, "{{range .}}{{range .}}", 22) == 0);
}
END_TEST

START_TEST(t_many_sequential_actions_parse_in_linear_time)
{
    sg_buf s;
    buf_init(&s);
    for (int i = 0; i < 100000; i++) buf_puts(&s, "a: {{ .Values.x | default \"y\" | quote }}\n");
    sg_tree *t;
    ck_assert_ptr_null(try_parse(tset_new(), "big", s.p, &t));
    ck_assert_uint_eq(t->root->u.list.len, 200001);
}
END_TEST

Suite *parse_suite(void);
Suite *parse_suite(void)
{
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, t_trees_print_and_fail_exactly_as_go);
    tcase_add_test(tc, t_helm_fact_sheet_parse_errors_come_out_right);
    tcase_add_test(tc, t_field_chain_is_one_field_node_at_its_second_name);
    tcase_add_test(tc, t_variables_chains_and_decls_have_go_shapes);
    tcase_add_test(tc, t_numbers_are_typed_like_go_ideal_constants);
    tcase_add_test(tc, t_strings_are_unquoted_with_go_rules);
    tcase_add_test(tc, t_text_nodes_and_positions_follow_trimming);
    tcase_add_test(tc, t_template_and_block_nodes);
    tcase_add_test(tc, t_add_parse_tree_keeps_nonempty_over_empty);
    tcase_add_test(tc, t_function_check_is_skipped_without_callback);
    tcase_add_test(tc, t_a_function_named_break_disables_the_keyword);
    tcase_add_test(tc, t_deep_nesting_gives_a_parse_error_not_a_crash);
    tcase_add_test(tc, t_many_sequential_actions_parse_in_linear_time);
    suite_add_tcase(s, tc);
    return s;
}
