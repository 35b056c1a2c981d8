/* fuzz_set.c - libFuzzer target: the --set / --set-string / --set-json /
 * --set-literal parser (pkg/strvals).  --set-file is left out: it reads files. */
#include "fuzz.h"
#include "../../src/chart/values.h"

void fuzz_one(const char *text, size_t len)
{
    static const setparse_mode modes[] = { SETP_SET, SETP_STRING, SETP_JSON, SETP_LITERAL };
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        sg_catch c;
        if (SG_TRY(&c)) {
            setparse_set(val_map(), text, modes[i]);
            catch_pop(&c);
        } else
            catch_pop(&c);
    }
}

FUZZ_MAIN
