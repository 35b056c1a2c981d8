/* sprig_testutil.h - helpers for the Sprig family unit tests (check_lists/dicts/math/semver):
 * call a body with literal arguments, print results the way Go's %v does, and capture
 * the text of a thrown error.  Expected texts were measured with helm v4.1.4. */
#ifndef SG_SPRIG_TESTUTIL_H
#define SG_SPRIG_TESTUTIL_H
#include <check.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/funcs/fn_sprig.h"
#include "../../src/value/gofmt.h"

typedef sg_value (*sprig_fn)(sg_fcall *, int, sg_value *);

#define ARGS(...) (int)(sizeof((sg_value[]){ __VA_ARGS__ }) / sizeof(sg_value)), (sg_value[]){ __VA_ARGS__ }
/* Call body f with the given sg_value arguments. */
#define CALL(f, ...) (f)(NULL, ARGS(__VA_ARGS__))
#define CALL0(f) (f)(NULL, 0, NULL)

static inline sg_value I(int64_t i) { return val_int(i); }
static inline sg_value F(double f) { return val_float(f); }
static inline sg_value S(const char *s) { return val_cstr(s); }

/* fmt.Sprint(v). */
static inline const char *show(sg_value v)
{
    size_t n;
    return gofmt_str(v, &n);
}

/* The message a call throws, or NULL if it returns. */
static inline const char *throws(sprig_fn f, int argc, sg_value *argv)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        f(NULL, argc, argv);
        catch_pop(&c);
        return NULL;
    }
    catch_pop(&c);
    return c.err->msg;
}
#define THROWS(f, ...) throws((f), ARGS(__VA_ARGS__))

static inline void sprig_setup(void) { arena_push(); }
static inline void sprig_teardown(void) { arena_pop(); }

#endif
