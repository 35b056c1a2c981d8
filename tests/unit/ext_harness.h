/* ext_harness.h - table runner shared by the unit suites of the ext functions (regex, paths,
 * URLs, dates, crypto): each row calls a funcs_ext.def body with already-converted arguments
 * and compares fmt's %v of the result, or "ERR: " + the error the body throws (the text Go
 * prints after "error calling NAME: ").  Expected outputs were printed by helm v4.1.4. */
#ifndef EXT_HARNESS_H
#define EXT_HARNESS_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/buf.h"
#include "../../src/base/err.h"
#include "../../src/funcs/fn_ext.h"
#include "../../src/value/gofmt.h"

typedef struct ext_case {
    const char *fn;
    const char *args[6];   /* "s<text>" string, "i<n>" int, "I<n>" int64 */
    int argc;
    const char *want;
} ext_case;

static const sg_funcdef ext_fns[] = {
#define FN(name, fn, sig, flags) { name, fn, sig, flags },
#include "../../src/funcs/funcs_ext.def"
#undef FN
};

static inline const sg_funcdef *ext_find(const char *name)
{
    for (size_t i = 0; i < sizeof ext_fns / sizeof ext_fns[0]; i++)
        if (!strcmp(ext_fns[i].name, name)) return &ext_fns[i];
    return NULL;
}

static inline sg_value ext_arg(const char *a)
{
    switch (a[0]) {
    case 's': return val_cstr(a + 1);
    case 'i': return val_int(atoll(a + 1));
    case 'I': return val_int64(atoll(a + 1));
    }
    return sg_nil;
}

/* Run fn(args) and return the %v text or "ERR: msg". */
static inline const char *ext_call(const char *name, int argc, const sg_value *args)
{
    const sg_funcdef *f = ext_find(name);
    if (!f) return "NO SUCH FUNCTION";
    sg_value argv[8];
    memcpy(argv, args, sizeof(sg_value) * (size_t)argc);
    sg_fcall fc = { NULL, name };
    sg_catch c;
    sg_value out;
    if (SG_TRY(&c)) {
        out = f->fn(&fc, argc, argv);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        return sg_sprintf("ERR: %s", c.err->msg);
    }
    sg_buf b;
    buf_init(&b);
    gofmt_value(&b, out);
    return b.p;
}

static inline void ext_run(const ext_case *cases, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        sg_value argv[6];
        for (int k = 0; k < cases[i].argc; k++) argv[k] = ext_arg(cases[i].args[k]);
        const char *got = ext_call(cases[i].fn, cases[i].argc, argv);
        if (strcmp(got, cases[i].want)) {
            fprintf(stderr, "%s(%s%s%s...): got [%s] want [%s]\n", cases[i].fn, cases[i].args[0] ? cases[i].args[0] : "",
                    cases[i].argc > 1 ? ", " : "", cases[i].argc > 1 ? cases[i].args[1] : "", got, cases[i].want);
            bad++;
        }
    }
    ck_assert_int_eq(bad, 0);
}

#endif
