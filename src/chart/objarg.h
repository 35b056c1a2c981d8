/* objarg.h - argument checks for the methods of the chart's native objects (.Files,
 * .Capabilities.APIVersions ...), with Go text/template's reflection errors.  They are
 * thrown as SG_ERR_EXEC without a template so that the evaluator reports them at the call
 * site unwrapped (exec/call.c), as Go does; a method's own runtime failures are thrown
 * as plain errors and become "error calling NAME: ...". */
#ifndef SG_OBJARG_H
#define SG_OBJARG_H
#include "../base/arena.h"
#include "../base/err.h"
#include "../value/value.h"

static inline _Noreturn void objarg_fail(const char *msg)
{
    sg_throw(err_new(SG_ERR_EXEC, msg));
}

/* Exactly `want` arguments. */
static inline void objarg_count(const char *meth, int argc, int want)
{
    if (argc != want) objarg_fail(sg_sprintf("wrong number of args for %s: want %d got %d", meth, want, argc));
}

/* A string argument (Go's validateType for a `string` parameter). */
static inline const char *objarg_str(sg_value v)
{
    if (v.kind == VK_NIL) objarg_fail("wrong type for value; expected string; got interface {}");
    if (v.kind != VK_STRING)
        objarg_fail(sg_sprintf("wrong type for value; expected string; got %s", val_typename(v)));
    return v.u.s.p;
}

#endif
