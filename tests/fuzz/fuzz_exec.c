/* fuzz_exec.c - libFuzzer target: parse and execute a template against a fixed data
 * model (Values, Release, Template, a few helpers), as Helm's engine would. */
#include "fuzz.h"
#include "../unit/helmdot.h"
#include "../../src/exec/exec.h"
#include "../../src/funcs/registry.h"
#include "../../src/tmpl/parse.h"

static const char *VALS =
    "m: {b: 2, a: 1, c: 3}\nl: [p, q, r]\nzero: 0\nf: false\nes: \"\"\nel: []\nem: {}\n"
    "n: null\ni: 3\nfl: 3.5\nstr: hello\nnested: {k: {v: 1}}\nbig: 9223372036854775807\n"
    "neg: -12\nj: '{\"a\": [1, 2]}'\ny: 'a: b'\n";
static const char *HELPERS =
    "{{ define \"t1\" }}T1 {{ .Values.str }}{{ end }}{{ define \"rec\" }}{{ include \"rec\" . }}{{ end }}"
    "{{ define \"nested\" }}{{ include \"t1\" . }}{{ end }}";

void fuzz_one(const char *text, size_t len)
{
    sg_value dot;
    if (!helmdot(VALS, &dot)) return;
    sg_buf out;
    buf_init(&out);
    sg_tset *set = tset_new();
    parse_template(set, "c/templates/_h.tpl", HELPERS, strlen(HELPERS), fn_exists);
    parse_template(set, "c/templates/a.yaml", text, len, fn_exists);
    sg_engine eng;
    exec_engine_init(&eng, set);
    eng.max_depth = 2000;
    eng.include_limit = 50;
    exec_template(&eng, "c/templates/a.yaml", dot, &out);
}

FUZZ_MAIN
