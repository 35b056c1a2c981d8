/* fuzz_yaml.c - libFuzzer target: the YAML loader (values files, multi-document
 * manifests) and the emitter on whatever it loaded (toYaml round trip). */
#include "fuzz.h"
#include "../../src/io/yaml.h"

void fuzz_one(const char *text, size_t len)
{
    sg_value v, docs;
    const char *err = NULL;
    if (yamlio_load_values(text, len, &v, &err) == 0) {
        sg_buf b;
        buf_init(&b);
        yamlio_emit(&b, v);
        sg_value again;
        yamlio_load(b.p, b.len, &again, &err);
    }
    yamlio_load(text, len, &v, &err);
    yamlio_load_all(text, len, &docs, &err);
}

FUZZ_MAIN
