/* exec.h - the template evaluator (Go's text/template exec.go as Helm configures it).
 *
 * Helm runs text/template with Option("missingkey=zero"): a missing map key yields a
 * nil interface{} and an action whose value is nil prints "<no value>" (the render
 * engine deletes that text afterwards, as Helm does).  Errors are thrown (err.h) as
 * SG_ERR_EXEC chains that carry Go's exact pieces; err_format() turns a chain into
 * Helm's text.
 */
#ifndef SG_EXEC_H
#define SG_EXEC_H
#include "../base/buf.h"
#include "../base/err.h"
#include "../tmpl/parse.h"
#include "../value/value.h"
#include <stdbool.h>
#include <stddef.h>

/* Render-wide state, filled by the render engine before the first exec_template. */
typedef struct sg_engine {
    sg_tset *set;             /* every parsed template of the release */
    int include_limit;        /* Helm: 1000 nested include/tpl of one name; 0 = 1000 */
    /* Parser callback used by `tpl` (NULL = fn_exists from the registry). */
    bool (*has_func)(const char *name);
    /* Go's maxExecDepth for nested {{template}} (0 = 100000). */
    int max_depth;
    /* Bytes of C stack the evaluator may use before it stops with an error.
     * exec_engine_init sets it from RLIMIT_STACK (the main thread's stack less a
     * margin; 7 MiB when unknown, at most 256 MiB).  When rendering on another thread,
     * set it to that thread's stack size less a margin. */
    size_t stack_limit;
    /* ---- private to exec ---- */
    sg_value incl_counts;     /* map name -> int: Helm's includedNames */
    char *stack_base;         /* address near the bottom of the evaluator's stack */
    int active;               /* nesting of exec_template calls */
} sg_engine;

/* Prepare an engine for set `set` (zeroes the struct and sets the defaults). */
void exec_engine_init(sg_engine *eng, sg_tset *set);

/* Execute template `name` of eng->set with dot `data`, appending output to out.
 * `$` is data.  Throws SG_ERR_EXEC chains (or SG_ERR_PLAIN "template: no template ..."
 * when `name` is not defined), exactly as text/template's ExecuteTemplate fails. */
void exec_template(sg_engine *eng, const char *name, sg_value data, sg_buf *out);

/* Helm's text for an error after "Error: " (no trailing newline), for sg_helm_major
 * 3 or 4 (value.h): parse errors as "parse error at (LOC): MSG", required/fail as
 * "execution error at (LOC): MSG", exec errors one-line (v3) or multi-line (v4). */
void err_format(const sg_error *e, sg_buf *out);

/* Go's err.Error() text of an error chain (appended to out): what Go's text/template
 * and Helm's wrappers would print before Helm reformats it. */
void err_gostring(const sg_error *e, sg_buf *out);

/* ---- conventions for function and method bodies ----
 * A body returns its result or throws: a thrown error becomes Go's
 * "error calling NAME: <error>" at the calling command.  To report an error the way
 * text/template's own reflection checks do (unwrapped, at the call site: e.g. "wrong
 * number of args for Get: want 1 got 2", "wrong type for value; expected string; got
 * int"), throw an SG_ERR_EXEC whose tmpl is NULL (see chart/objarg.h).  Native object
 * methods get their arguments evaluated as interface{}; a "wrong type for value;
 * expected string" refusal is re-targeted by exec to Go's literal-argument message
 * ("expected string; found 5", "cannot assign nil to string"). */

/* ---- for function bodies (funcs/) that need the evaluator ---- */
struct sg_exec;
/* The engine of an executing state. */
sg_engine *exec_engine(struct sg_exec *ex);
/* Helm's include: execute template `name` (looked up through tpl overlays) with
 * `data` into a new string.  Counts against include_limit. Throws Go's errors. */
sg_value exec_include(struct sg_exec *ex, const char *name, sg_value data);
/* Helm's tpl: parse `text` as template "gotpl" in an overlay of the current set and
 * execute it with `data`; "<no value>" is removed from the result. */
sg_value exec_tpl(struct sg_exec *ex, const char *text, size_t len, sg_value data);

#endif
