/* call.h - the evaluator's private state, shared by exec.c, call.c and funcs/fn_go.c.
 *
 * Not for other modules: they use exec.h.  An xval is a value plus the one bit of Go's
 * static type that text/template can observe: whether it sits in an interface{} (a map
 * element or []interface{} item).  {nil, iface=false} is Go's invalid reflect.Value
 * (what a pipeline yields for nil and prints as "<no value>"); {nil, iface=true} is a
 * nil interface{} (what a missing map key yields under missingkey=zero).
 */
#ifndef SG_EXEC_CALL_H
#define SG_EXEC_CALL_H
#include "functab.h"
#include "exec.h"

typedef struct xval {
    sg_value v;
    bool iface;
} xval;

/* Marker in sg_value.gotype for an invalid reflect.Value passed to an 'x' parameter
 * (only Go builtins with 'x' parameters ever see it). */
#define GT_XINVALID 0xFF

typedef struct xvar {
    const char *name;
    xval v;
} xvar;

/* Template lookup: tpl overlays its own set on top of the one it was called from. */
typedef struct tchain {
    sg_tset *set;
    const struct tchain *up;
} tchain;

struct sg_exec {
    sg_engine *eng;
    const tchain *chain;
    const char *name;     /* Go's s.tmpl.Name(): the template being executed */
    sg_buf *out;
    const sg_node *node;  /* Go's s.node: current node, for error context */
    xvar *vars;
    size_t nvars, cap;
    int depth;            /* nesting of {{template}} */
};

/* Go's s.at(n). */
static inline void exec_at(struct sg_exec *s, const sg_node *n) { s->node = n; }
/* Go's s.errorf: throw an SG_ERR_EXEC at s->node. */
_Noreturn void exec_errorf(struct sg_exec *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Throw an SG_ERR_EXEC at s->node whose message `msg` is followed by `cause`
 * (Go's "error calling X: %w"). */
_Noreturn void exec_error_cause(struct sg_exec *s, const char *msg, sg_error *cause);

/* Evaluation entry points used by call.c (mirroring exec.go). */
xval exec_eval_pipeline(struct sg_exec *s, xval dot, const sg_node *pipe);
xval exec_eval_field_node(struct sg_exec *s, xval dot, const sg_node *field,
                          const sg_node *const *args, size_t nargs, const xval *final);
xval exec_eval_chain_node(struct sg_exec *s, xval dot, const sg_node *chain,
                          const sg_node *const *args, size_t nargs, const xval *final);
xval exec_eval_variable_node(struct sg_exec *s, xval dot, const sg_node *var,
                             const sg_node *const *args, size_t nargs, const xval *final);
xval exec_eval_function(struct sg_exec *s, xval dot, const sg_node *ident, const sg_node *cmd,
                        const sg_node *const *args, size_t nargs, const xval *final);
xval exec_ideal_constant(struct sg_exec *s, const sg_node *n);
/* Go's printableValue + %v: "<no value>" for invalid, else fmt.Sprint form. */
void exec_print_value(sg_buf *b, sg_value v);

/* Go's evalCall for registry function f (call.c).  args[0] is the function's own node
 * (args may be NULL with nargs 0); final is the piped value or NULL. */
xval call_function(struct sg_exec *s, xval dot, const sg_funcdef *f, const sg_node *node,
                   const sg_node *const *args, size_t nargs, const xval *final);
/* Go's evalCall for a method of a native object (call.c): arguments are evaluated as
 * interface{} and handed to the object's method hook.  Returns false (evaluating
 * nothing) when the object has no such method. */
bool call_method(struct sg_exec *s, xval dot, sg_object *o, const char *name,
                 const sg_node *node, const sg_node *const *args, size_t nargs,
                 const xval *final, xval *out);

/* Go's evalCall for a method of a named integer value (time.Duration, time.Month,
 * time.Weekday: value/gonamed.h).  Returns false (evaluating nothing) when recv is not
 * one or has no such method. */
bool call_named_method(struct sg_exec *s, xval dot, sg_value recv, const char *name,
                       const sg_node *node, const sg_node *const *args, size_t nargs,
                       const xval *final, xval *out);

/* Methods of Helm's Values map type (YAML, AsMap, Table, PathValue, Encode), which
 * shadow map keys of the same name on the dot, .Values and .Template.  Returns false
 * (evaluating nothing) for other names. */
bool call_values_method(struct sg_exec *s, xval dot, sg_value recv, const char *name,
                        const sg_node *node, const sg_node *const *args, size_t nargs,
                        const xval *final, xval *out);

#endif
