/* fuzz_json.c - libFuzzer target: the JSON parser (fromJson, --set-json) and the
 * encoder on whatever it parsed. */
#include "fuzz.h"
#include "../../src/io/json.h"

void fuzz_one(const char *text, size_t len)
{
    sg_value v;
    const char *err = NULL;
    if (jsonio_parse(text, len, &v, &err) == 0) {
        sg_buf b;
        buf_init(&b);
        jsonio_emit(&b, v, 0, &err);
    }
}

FUZZ_MAIN
