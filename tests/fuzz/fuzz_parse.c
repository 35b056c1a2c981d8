/* fuzz_parse.c - libFuzzer target: the template lexer and parser on arbitrary text. */
#include "fuzz.h"
#include "../../src/funcs/registry.h"
#include "../../src/tmpl/parse.h"

void fuzz_one(const char *text, size_t len)
{
    sg_tset *set = tset_new();
    parse_template(set, "t.yaml", text, len, fn_exists);
}

FUZZ_MAIN
