/* fuzz_schema.c - libFuzzer target: the JSON-schema validator, helm v4's (santhosh) and
 * helm v3's (the gojsonschema port) on every input.  The input is a schema, then a line
 * "---", then values YAML (no separator: the values are {}). */
#include "fuzz.h"
#include "../../src/io/yaml.h"
#include "../../src/render/schema.h"

void fuzz_one(const char *text, size_t len)
{
    const char *sep = strstr(text, "\n---\n");
    size_t slen = sep ? (size_t)(sep - text) : len;
    sg_value vals = val_map();
    const char *err = NULL;
    if (sep && yamlio_load_values(sep + 5, len - slen - 5, &vals, &err) != 0) return;
    sg_helm_major = 4;
    schema_errors(text, slen, vals);
    sg_helm_major = 3;
    schema_errors(text, slen, vals);
    sg_helm_major = 4;
}

FUZZ_MAIN
