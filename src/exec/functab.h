/* functab.h - the function table: every function a template can call.
 *
 * The interface exec consumes (exec/call.c looks functions up here); the table itself
 * is built in src/funcs/registry.c from the function families' rows, so the exec layer
 * does not include funcs.
 *
 * Rows live in X-macro files in src/funcs/, one per family owner:
 *   funcs_go.def    Go's text/template builtins (and, or, not, len, index, printf, eq ...)
 *   funcs_helm.def  Helm's functions (include, tpl, required, toYaml ...)
 *   funcs_string.def Sprig's strings, conversions and defaults
 *   funcs_sprig.def Sprig's lists, dicts, math, semver, reflection, flow ...
 *   funcs_ext.def   Sprig's regex, paths, URLs, dates, crypto
 * Each row is  FN(name, c_function, signature, flags).
 *
 * Signature: one code per parameter, as the Go function's parameter types, so that
 * exec/call.c can do what Go's reflection does (arity checks, conversions, and the
 * exact "wrong type for value; expected string; got int" errors):
 *   v  interface{}        s  string       i  int        I  int64      f  float64
 *   u  uint32             b  bool         l  []interface{}          m  map[string]interface{}
 *   S  []string           B  []uint8      x  reflect.Value-style special (and/or: exec handles them)
 *   T  time.Time          D  time.Duration            L  *time.Location
 *   C  sprig.certificate  V  *semver.Version  (T, L, C, V: native objects of that Go type name)
 * A nil argument to l, m, S or B is Go's nil slice/map: a VK_LIST/VK_MAP without storage
 * (readable as empty; bodies must not write to it: set fails "assignment to entry in nil map").
 * A trailing '*' makes the last parameter variadic ("sv*" = func(string, ...interface{})).
 * Bodies receive already-converted arguments and throw (err.h) to return a Go error;
 * exec wraps it as "error calling NAME: MSG".
 */
#ifndef SG_FUNCTAB_H
#define SG_FUNCTAB_H
#include "../value/value.h"
#include <stdbool.h>

struct sg_exec;

/* The call context given to every function body. */
typedef struct sg_fcall {
    struct sg_exec *ex;     /* executing state (include/tpl re-enter exec through it) */
    const char *name;       /* the function's name */
} sg_fcall;

typedef sg_value (*sg_fnimpl)(sg_fcall *c, int argc, sg_value *argv);

enum sg_fnflags {
    FN_NONDET = 1,   /* output differs between runs (rand*, now, genCA ...) */
    FN_HELM = 2,     /* needs the Helm engine */
    FN_V4ONLY = 4,   /* exists only in Helm 4 (mustToYaml ...) */
    FN_SPECIAL = 8,  /* evaluated by exec itself (and, or, call) */
};

typedef struct sg_funcdef {
    const char *name;
    sg_fnimpl fn;
    const char *sig;
    unsigned flags;
} sg_funcdef;

/* The function called `name` for the Helm version in force, or NULL. */
const sg_funcdef *fn_lookup(const char *name);
/* Parser callback: whether `name` is a function. */
bool fn_exists(const char *name);
/* All rows, sorted by name; *n gets the count. */
const sg_funcdef *fn_table(size_t *n);
/* Go's type name of one signature code ("string", "[]interface {}" ...); implemented by
 * exec/call.c, which converts arguments to those types. */
const char *functab_typename(char code);

#endif
