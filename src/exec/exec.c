/* exec.c - the tree walker: Go's text/template exec.go, function for function.
 *
 * walk / walkIfOrWith / walkRange / walkTemplate produce output; evalPipeline,
 * evalCommand, evalField... compute values.  Function calls and the argument rules
 * live in call.c; Helm's include/tpl entry points are at the end of this file.
 * Errors are thrown as SG_ERR_EXEC records carrying Go's pieces (see errfmt.c).
 */
#include "../base/limits.h"
#include "call.h"
#include "../base/arena.h"
#include "../tmpl/node.h"
#include "../value/gofmt.h"
#include <math.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define INCLUDE_LIMIT 1000
#define MAX_EXEC_DEPTH 100000
#define STACK_LIMIT ((size_t)7 << 20)
#define LOCAL_VARS 4 /* variables of a template call kept on the C stack */

typedef enum { W_OK, W_BREAK, W_CONTINUE } wres;

static const xval invalid = { { 0 }, false };

static wres walk(struct sg_exec *s, xval dot, const sg_node *n);

/* ---------------------------------------------------------------- errors */

static sg_error *exec_error(struct sg_exec *s, const char *msg)
{
    sg_error *e = err_new(SG_ERR_EXEC, msg);
    e->tmpl = s->name;
    if (s->node && s->node->tree) {
        const sg_tree *t = s->node->tree;
        int line, col;
        err_linecol(t->text, s->node->pos, &line, &col);
        const char *pn = t->parse_name ? t->parse_name : t->name;
        e->loc = sg_sprintf("%s:%d:%d", pn, line, col);
        e->context = node_string(s->node);
    }
    return e;
}

_Noreturn void exec_errorf(struct sg_exec *s, const char *fmt, ...)
{
    sg_buf b;
    buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    sg_throw(exec_error(s, b.p));
}

_Noreturn void exec_error_cause(struct sg_exec *s, const char *msg, sg_error *cause)
{
    sg_error *e = exec_error(s, msg);
    e->cause = cause;
    sg_throw(e);
}

static const char *goquote(const char *p, size_t n)
{
    sg_buf b;
    buf_init(&b);
    gofmt_quote(&b, p, n);
    return b.p;
}

/* Stack guard: a clean error instead of a C stack overflow on runaway recursion. */
static void stack_check(struct sg_exec *s)
{
    char *here = (char *)__builtin_frame_address(0);
    char *base = s->eng->stack_base;
    size_t used = base > here ? (size_t)(base - here) : (size_t)(here - base);
    size_t lim = s->eng->stack_limit ? s->eng->stack_limit : STACK_LIMIT;
    if (used > lim)
        exec_errorf(s, "exceeded maximum template depth (%d)",
                    s->eng->max_depth ? s->eng->max_depth : MAX_EXEC_DEPTH);
}

/* ---------------------------------------------------------------- variables */

static size_t mark(struct sg_exec *s) { return s->nvars; }
static void pop(struct sg_exec *s, size_t m) { s->nvars = m; }

static void push(struct sg_exec *s, const char *name, xval v)
{
    if (s->nvars == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 8;
        s->vars = sg_realloc(s->vars, s->cap * sizeof *s->vars, nc * sizeof *s->vars);
        s->cap = nc;
    }
    s->vars[s->nvars].name = name;
    s->vars[s->nvars].v = v;
    s->nvars++;
}

static void set_var(struct sg_exec *s, const char *name, xval v)
{
    for (size_t i = s->nvars; i-- > 0;)
        if (strcmp(s->vars[i].name, name) == 0) {
            s->vars[i].v = v;
            return;
        }
    exec_errorf(s, "undefined variable: %s", name);
}

static void set_top_var(struct sg_exec *s, size_t n, xval v) { s->vars[s->nvars - n].v = v; }

static xval var_value(struct sg_exec *s, const char *name)
{
    for (size_t i = s->nvars; i-- > 0;)
        if (strcmp(s->vars[i].name, name) == 0) return s->vars[i].v;
    exec_errorf(s, "undefined variable: %s", name);
}

/* ---------------------------------------------------------------- templates */

static sg_tree *lookup(const tchain *c, const char *name)
{
    for (; c; c = c->up) {
        sg_tree *t = tset_get(c->set, name);
        if (!t) continue;
        /* Go's associate(): an empty tree never replaced a non-empty one below it. */
        if (c->up && t->root && parse_is_empty_tree(t->root)) {
            sg_tree *below = lookup(c->up, name);
            if (below) return below;
        }
        return t;
    }
    return NULL;
}

/* ---------------------------------------------------------------- printing */

void exec_print_value(sg_buf *b, sg_value v)
{
    if (v.kind == VK_NIL) {
        buf_puts(b, "<no value>");
        return;
    }
    gofmt_value(b, v);
}

static void check_output(struct sg_exec *s);
static void check_output_room(struct sg_exec *s, size_t n);

static void print_value(struct sg_exec *s, const sg_node *n, xval v)
{
    exec_at(s, n);
    if (v.v.kind == VK_STRING) check_output_room(s, v.v.u.s.n); /* before the buffer grows */
    exec_print_value(s->out, v.v);
    check_output(s);
}

/* ---------------------------------------------------------------- walk */

static wres walk_if_with(struct sg_exec *s, bool is_with, xval dot, const sg_node *n)
{
    size_t m = mark(s);
    xval val = exec_eval_pipeline(s, dot, n->u.branch.pipe);
    bool truth = val_truth(val.v);
    wres r = W_OK;
    if (truth)
        r = walk(s, is_with ? val : dot, n->u.branch.list);
    else if (n->u.branch.else_list)
        r = walk(s, dot, n->u.branch.else_list);
    pop(s, m);
    return r;
}

/* Loop work and output size are bounded (limits.h): helm would hang or exhaust memory.
 * `units` are the LIMITS_W_* weights of the step. */
static void count_step(struct sg_exec *s, uint64_t units)
{
    if (limits_over(units)) exec_errorf(s, LIMITS_WORK_MSG, (unsigned long long)sg_limit.max_iterations);
}

/* The output limit, checked before `n` more bytes are written. */
static void check_output_room(struct sg_exec *s, size_t n)
{
    if (sg_limit.max_output && n > sg_limit.max_output - (s->out->len < sg_limit.max_output ? s->out->len : sg_limit.max_output))
        exec_errorf(s, "output limit exceeded: more than %zu bytes (raise it with --max-output-bytes)",
                    sg_limit.max_output);
}

static void check_output(struct sg_exec *s)
{
    if (sg_limit.max_output && s->out->len > sg_limit.max_output)
        exec_errorf(s, "output limit exceeded: more than %zu bytes (raise it with --max-output-bytes)",
                    sg_limit.max_output);
}

/* One iteration of range; returns true when the body said {{break}}. */
static bool one_iteration(struct sg_exec *s, const sg_node *r, size_t m, xval index, xval elem)
{
    exec_at(s, r->u.branch.pipe);
    count_step(s, LIMITS_W_RANGE);
    const sg_node *pipe = r->u.branch.pipe;
    size_t nd = pipe->u.pipe.decl.len;
    if (nd > 0) {
        if (pipe->u.pipe.is_assign)
            set_var(s, pipe->u.pipe.decl.items[0]->u.field.ident[0], nd > 1 ? index : elem);
        else
            set_top_var(s, 1, elem);
    }
    if (nd > 1) {
        if (pipe->u.pipe.is_assign)
            set_var(s, pipe->u.pipe.decl.items[1]->u.field.ident[0], elem);
        else
            set_top_var(s, 2, index);
    }
    /* the body is a list node: walk its items here (one call less a loop step) */
    const sg_node *body = r->u.branch.list;
    wres w = W_OK;
    if (body->type == N_LIST) {
        for (size_t i = 0; i < body->u.list.len && w == W_OK; i++) w = walk(s, elem, body->u.list.items[i]);
    } else {
        w = walk(s, elem, body);
    }
    pop(s, m);
    return w == W_BREAK;
}

static bool elem_is_iface_list(sg_value l)
{
    return l.gotype != GT_LIST_STRING && l.gotype != GT_LIST_INT && l.gotype != GT_LIST_BYTES;
}

static xval list_elem(sg_value l, size_t i)
{
    xval e = { list_get(l, i), elem_is_iface_list(l) };
    if (l.gotype == GT_LIST_BYTES) e.v.gotype = GT_UINT8;
    return e;
}

/* True when a range pipeline is one call of until/untilStep: the list it makes is
 * reachable from nothing but the loop (the variables get its elements), so it can be
 * given back to the arena once the loop is done (a nested range over until would
 * otherwise keep every inner list). */
static bool pipe_is_fresh_int_list(const sg_node *pipe, sg_value v)
{
    if (v.gotype != GT_LIST_INT || pipe->u.pipe.cmds.len != 1) return false;
    const sg_node *cmd = pipe->u.pipe.cmds.items[0];
    const sg_node *f = cmd->u.command.args.items[0];
    return f->type == N_IDENTIFIER &&
           (!strcmp(f->u.ident.name, "until") || !strcmp(f->u.ident.name, "untilStep"));
}

static wres walk_range(struct sg_exec *s, xval dot, const sg_node *r)
{
    exec_at(s, r);
    size_t m0 = mark(s);
    xval val = exec_eval_pipeline(s, dot, r->u.branch.pipe);
    val.iface = false; /* indirect() */
    size_t m = mark(s);
    sg_value v = val.v;
    if (v.kind == VK_OBJECT && v.u.o->type->asmap) v = v.u.o->type->asmap(v.u.o);
    switch ((sg_kind)v.kind) {
    case VK_LIST:
        if (list_len(v) == 0) break;
        for (size_t i = 0; i < list_len(v); i++) {
            xval idx = { val_int((int64_t)i), false };
            if (one_iteration(s, r, m, idx, list_elem(v, i))) break;
        }
        if (pipe_is_fresh_int_list(r->u.branch.pipe, v)) {
            arena_release(v.u.l->items, v.u.l->cap * sizeof(sg_value));
            v.u.l->items = NULL;
            v.u.l->len = v.u.l->cap = 0;
        }
        pop(s, m0);
        return W_OK;
    case VK_MAP: {
        if (map_len(v) == 0) break;
        size_t n;
        sg_mapent **ents = map_sorted(v, &n);
        bool iface = v.gotype != GT_MAP_STRING;
        for (size_t i = 0; i < n; i++) {
            xval key = { val_str_nocopy(ents[i]->key, ents[i]->klen), false };
            xval el = { ents[i]->val, iface };
            if (one_iteration(s, r, m, key, el)) break;
        }
        pop(s, m0);
        return W_OK;
    }
    case VK_NIL:
        break;
    case VK_INT:
    case VK_INT64:
        if (sg_helm_major >= 4) {
            if (r->u.branch.pipe->u.pipe.decl.len > 1) {
                sg_buf b;
                buf_init(&b);
                gofmt_value(&b, v);
                exec_errorf(s, "can't use %s to iterate over more than one variable", b.p);
            }
            int64_t n = v.u.i;
            if (n <= 0 && !(v.gotype == GT_UINT64 && n != 0)) break;
            for (int64_t i = 0; i < n; i++) {
                sg_value e = v;
                e.u.i = i;
                xval el = { e, false };
                if (one_iteration(s, r, m, invalid, el)) break;
            }
            pop(s, m0);
            return W_OK;
        }
        /* fall through */
    default: {
        sg_buf b;
        buf_init(&b);
        gofmt_value(&b, v);
        exec_errorf(s, "range can't iterate over %s", b.p);
    }
    }
    wres w = W_OK;
    if (r->u.branch.else_list) w = walk(s, dot, r->u.branch.else_list);
    pop(s, m0);
    return w;
}

static void run_tree(sg_engine *eng, const tchain *chain, const char *name, sg_tree *t,
                     sg_value data, sg_buf *out, int depth);

static void walk_template(struct sg_exec *s, xval dot, const sg_node *t)
{
    exec_at(s, t);
    count_step(s, LIMITS_W_TEMPLATE);
    sg_tree *tree = lookup(s->chain, t->u.tmpl.name);
    if (!tree) exec_errorf(s, "template %s not defined", goquote(t->u.tmpl.name, strlen(t->u.tmpl.name)));
    int maxd = s->eng->max_depth ? s->eng->max_depth : MAX_EXEC_DEPTH;
    if (s->depth >= maxd) exec_errorf(s, "exceeded maximum template depth (%d)", maxd);
    xval ndot = exec_eval_pipeline(s, dot, t->u.tmpl.pipe);
    struct sg_exec ns = *s;
    ns.depth++;
    ns.name = t->u.tmpl.name;
    xvar local[LOCAL_VARS]; /* the common case allocates nothing (push() moves to the arena) */
    ns.vars = local;
    ns.nvars = 0;
    ns.cap = LOCAL_VARS;
    push(&ns, "$", ndot);
    if (tree->root) walk(&ns, ndot, tree->root);
}

static wres walk(struct sg_exec *s, xval dot, const sg_node *n)
{
    stack_check(s);
    exec_at(s, n);
    switch (n->type) {
    case N_ACTION: {
        xval val = exec_eval_pipeline(s, dot, n->u.action.pipe);
        if (n->u.action.pipe->u.pipe.decl.len == 0) print_value(s, n, val);
        return W_OK;
    }
    case N_COMMENT:
        return W_OK;
    case N_IF:
        return walk_if_with(s, false, dot, n);
    case N_WITH:
        return walk_if_with(s, true, dot, n);
    case N_LIST:
        for (size_t i = 0; i < n->u.list.len; i++) {
            wres r = walk(s, dot, n->u.list.items[i]);
            if (r != W_OK) return r;
        }
        return W_OK;
    case N_RANGE:
        return walk_range(s, dot, n);
    case N_TEMPLATE:
        walk_template(s, dot, n);
        return W_OK;
    case N_TEXT:
        check_output_room(s, n->u.text.len);
        buf_put(s->out, n->u.text.text, n->u.text.len);
        check_output(s);
        return W_OK;
    case N_BREAK:
        return W_BREAK;
    case N_CONTINUE:
        return W_CONTINUE;
    default:
        exec_errorf(s, "unknown node: %s", node_string(n));
    }
}

/* ---------------------------------------------------------------- eval */

static void not_a_function(struct sg_exec *s, const sg_node *const *args, size_t nargs, const xval *final)
{
    if (nargs > 1 || final) exec_errorf(s, "can't give argument to non-function %s", node_string(args[0]));
}

xval exec_eval_pipeline(struct sg_exec *s, xval dot, const sg_node *pipe)
{
    if (!pipe) return invalid;
    stack_check(s);
    exec_at(s, pipe);
    xval value = invalid, fin = invalid;
    bool have_final = false;
    for (size_t i = 0; i < pipe->u.pipe.cmds.len; i++) {
        const sg_node *cmd = pipe->u.pipe.cmds.items[i];
        const xval *final = have_final ? &fin : NULL;
        const sg_node *const *args = (const sg_node *const *)cmd->u.command.args.items;
        size_t nargs = cmd->u.command.args.len;
        const sg_node *first = args[0];
        switch (first->type) {
        case N_FIELD:
            value = exec_eval_field_node(s, dot, first, args, nargs, final);
            break;
        case N_CHAIN:
            value = exec_eval_chain_node(s, dot, first, args, nargs, final);
            break;
        case N_IDENTIFIER:
            value = exec_eval_function(s, dot, first, cmd, args, nargs, final);
            break;
        case N_PIPE:
            not_a_function(s, args, nargs, final);
            value = exec_eval_pipeline(s, dot, first);
            break;
        case N_VARIABLE:
            value = exec_eval_variable_node(s, dot, first, args, nargs, final);
            break;
        default:
            exec_at(s, first);
            not_a_function(s, args, nargs, final);
            switch (first->type) {
            case N_BOOL: value = (xval){ val_bool(first->u.boolean.val), false }; break;
            case N_DOT: value = dot; break;
            case N_NIL: exec_errorf(s, "nil is not a command");
            case N_NUMBER: value = exec_ideal_constant(s, first); break;
            case N_STRING:
                value = (xval){ val_str(first->u.string.text, first->u.string.len), false };
                break;
            default: {
                const char *t = node_string(first);
                exec_errorf(s, "can't evaluate command %s", goquote(t, strlen(t)));
            }
            }
        }
        /* If the value has type interface{}, dig down to the thing inside. */
        value.iface = false;
        fin = value;
        have_final = true;
    }
    for (size_t i = 0; i < pipe->u.pipe.decl.len; i++) {
        const char *name = pipe->u.pipe.decl.items[i]->u.field.ident[0];
        if (pipe->u.pipe.is_assign)
            set_var(s, name, value);
        else
            push(s, name, value);
    }
    return value;
}

/* complex128 constants ({{ 1i }}): a native object printed as Go's %v does, "(0+1i)". */
typedef struct cplx { double re, im; } cplx;

static const char *cplx_string(sg_object *o)
{
    const cplx *c = o->data;
    sg_buf b;
    buf_init(&b);
    buf_putc(&b, '(');
    gofmt_float(&b, c->re, 'g', -1);
    if (!signbit(c->im) && !isinf(c->im)) buf_putc(&b, '+');
    gofmt_float(&b, c->im, 'g', -1);
    buf_puts(&b, "i)");
    return b.p;
}

static bool cplx_truth(sg_object *o)
{
    const cplx *c = o->data;
    return c->re != 0 || c->im != 0;
}

static const sg_objtype cplx_type = {
    .name = "complex128", .kindname = "complex128", .string = cplx_string, .truth = cplx_truth,
};

static bool is_hex_int(const char *t)
{
    size_t n = strlen(t);
    return n > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') && !strpbrk(t, "pP");
}

xval exec_ideal_constant(struct sg_exec *s, const sg_node *n)
{
    exec_at(s, n);
    const char *t = n->u.number.text ? n->u.number.text : "";
    if (n->u.number.is_complex) {
        cplx *c = sg_alloc(sizeof *c);
        c->re = n->u.number.cre;
        c->im = n->u.number.cim;
        return (xval){ val_object(&cplx_type, c), false };
    }
    if (n->u.number.is_float && !is_hex_int(t) && t[0] != '\'' && strpbrk(t, ".eEpP"))
        return (xval){ val_float(n->u.number.f), false };
    if (n->u.number.is_int) return (xval){ val_int(n->u.number.i), false };
    if (n->u.number.is_uint) exec_errorf(s, "%s overflows int", t);
    return invalid;
}

static const char *static_type(xval v)
{
    return v.iface ? "interface {}" : val_typename(v.v);
}

static xval eval_field(struct sg_exec *s, xval dot, const char *name, const sg_node *node,
                       const sg_node *const *args, size_t nargs, const xval *final, xval recv)
{
    if (recv.v.kind == VK_NIL && !recv.iface) return invalid;
    const char *typ = static_type(recv);
    if (recv.v.kind == VK_NIL) exec_errorf(s, "nil pointer evaluating %s.%s", typ, name);
    bool has_args = nargs > 1 || final;
    sg_value v = recv.v;
    if (v.kind == VK_OBJECT) {
        sg_object *o = v.u.o;
        xval out;
        const sg_node *at = s->node; /* Go's s.node: a chain's receiver may have moved it */
        if (o->type->method && call_method(s, dot, o, name, node, args, nargs, final, &out))
            return out;
        exec_at(s, at); /* (arguments evaluated for a method probe moved it) */
        sg_value fv;
        if (o->type->field && o->type->field(o, name, &fv)) {
            if (has_args) exec_errorf(s, "%s has arguments but cannot be invoked as function", name);
            return (xval){ fv, false };
        }
        if (!o->type->asmap) exec_errorf(s, "can't evaluate field %s in type %s", name, typ);
        v = o->type->asmap(o);
        if (v.kind == VK_MAP) {
            /* a Go map type of its own (engine.files is map[string][]byte) */
            if (has_args) exec_errorf(s, "%s is not a method but has arguments", name);
            sg_value mv;
            if (map_get(v, name, &mv)) return (xval){ mv, false };
            if (!strcmp(o->type->name, "engine.files")) {
                sg_value z = val_list(0);
                z.gotype = GT_LIST_BYTES;
                return (xval){ z, false };
            }
            return (xval){ sg_nil, true };
        }
    }
    if (v.kind == VK_INT || v.kind == VK_INT64) {
        xval mres;
        if (call_named_method(s, dot, v, name, node, args, nargs, final, &mres)) return mres;
    }
    if (v.kind == VK_MAP) {
        xval mres;
        if (v.gotype == GT_MAP_VALUES && call_values_method(s, dot, v, name, node, args, nargs, final, &mres))
            return mres;
        if (has_args) exec_errorf(s, "%s is not a method but has arguments", name);
        sg_value out;
        bool iface = v.gotype != GT_MAP_STRING;
        if (map_get(v, name, &out)) return (xval){ out, iface };
        if (!iface) return (xval){ val_str_nocopy("", 0), false };
        return (xval){ sg_nil, true };
    }
    exec_errorf(s, "can't evaluate field %s in type %s", name, typ);
}

static xval eval_field_chain(struct sg_exec *s, xval dot, xval recv, const sg_node *node,
                             const char *const *ident, size_t n, const sg_node *const *args,
                             size_t nargs, const xval *final)
{
    for (size_t i = 0; i + 1 < n; i++)
        recv = eval_field(s, dot, ident[i], node, NULL, 0, NULL, recv);
    return eval_field(s, dot, ident[n - 1], node, args, nargs, final, recv);
}

xval exec_eval_field_node(struct sg_exec *s, xval dot, const sg_node *field,
                          const sg_node *const *args, size_t nargs, const xval *final)
{
    exec_at(s, field);
    return eval_field_chain(s, dot, dot, field, field->u.field.ident, field->u.field.nident, args,
                            nargs, final);
}

xval exec_eval_chain_node(struct sg_exec *s, xval dot, const sg_node *chain,
                          const sg_node *const *args, size_t nargs, const xval *final)
{
    exec_at(s, chain);
    if (chain->u.chain.nfields == 0) exec_errorf(s, "internal error: no fields in evalChainNode");
    const sg_node *inner = chain->u.chain.node;
    if (inner->type == N_NIL)
        exec_errorf(s, "indirection through explicit nil in %s", node_string(chain));
    /* Go's evalArg(dot, nil, chain.Node) */
    xval pipe;
    exec_at(s, inner);
    const sg_node *self[1] = { inner };
    switch (inner->type) {
    case N_DOT: pipe = dot; break;
    case N_FIELD: pipe = exec_eval_field_node(s, dot, inner, self, 1, NULL); break;
    case N_VARIABLE: pipe = exec_eval_variable_node(s, dot, inner, NULL, 0, NULL); break;
    case N_PIPE: pipe = exec_eval_pipeline(s, dot, inner); break;
    case N_IDENTIFIER: pipe = exec_eval_function(s, dot, inner, inner, NULL, 0, NULL); break;
    case N_CHAIN: pipe = exec_eval_chain_node(s, dot, inner, NULL, 0, NULL); break;
    default: exec_errorf(s, "can't handle %s for arg of type <nil>", node_string(inner));
    }
    if (pipe.v.kind == VK_NIL && !pipe.iface) pipe = invalid;
    return eval_field_chain(s, dot, pipe, chain, chain->u.chain.fields, chain->u.chain.nfields,
                            args, nargs, final);
}

xval exec_eval_variable_node(struct sg_exec *s, xval dot, const sg_node *var,
                             const sg_node *const *args, size_t nargs, const xval *final)
{
    exec_at(s, var);
    xval value = var_value(s, var->u.field.ident[0]);
    if (var->u.field.nident == 1) {
        if (args) not_a_function(s, args, nargs, final);
        return value;
    }
    return eval_field_chain(s, dot, value, var, var->u.field.ident + 1, var->u.field.nident - 1,
                            args, nargs, final);
}

/* fn_lookup through a small cache keyed by the identifier node: a loop calls the same
 * few functions millions of times (the name is still compared, so a stale slot is
 * harmless). */
static const sg_funcdef *lookup_function(const sg_node *ident, const char *name)
{
    static struct { const sg_node *n; const sg_funcdef *f; int major; } cache[256];
    size_t h = ((uintptr_t)ident >> 4) & 255;
    if (cache[h].n == ident && cache[h].major == sg_helm_major && !strcmp(cache[h].f->name, name))
        return cache[h].f;
    const sg_funcdef *f = fn_lookup(name);
    if (f) {
        cache[h].n = ident;
        cache[h].f = f;
        cache[h].major = sg_helm_major;
    }
    return f;
}

xval exec_eval_function(struct sg_exec *s, xval dot, const sg_node *ident, const sg_node *cmd,
                        const sg_node *const *args, size_t nargs, const xval *final)
{
    exec_at(s, ident);
    const char *name = ident->u.ident.name;
    const sg_funcdef *f = lookup_function(ident, name);
    if (!f) exec_errorf(s, "%s is not a defined function", goquote(name, strlen(name)));
    count_step(s, LIMITS_W_CALL);
    return call_function(s, dot, f, cmd, args, nargs, final);
}

/* ---------------------------------------------------------------- entry points */

void exec_engine_init(sg_engine *eng, sg_tset *set)
{
    memset(eng, 0, sizeof *eng);
    eng->set = set;
    eng->include_limit = INCLUDE_LIMIT;
    eng->max_depth = MAX_EXEC_DEPTH;
    /* Budget: the main thread's stack limit less a safety margin (exec runs on it). */
    struct rlimit rl;
    size_t lim = STACK_LIMIT;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        size_t cur = (size_t)rl.rlim_cur;
        size_t margin = cur / 8 > ((size_t)1 << 20) ? cur / 8 : ((size_t)1 << 20);
        lim = cur > 2 * margin ? cur - margin : cur / 2;
    }
    if (lim > ((size_t)256 << 20)) lim = (size_t)256 << 20;
    eng->stack_limit = lim;
}

sg_engine *exec_engine(struct sg_exec *ex) { return ex->eng; }

static void run_tree(sg_engine *eng, const tchain *chain, const char *name, sg_tree *t,
                     sg_value data, sg_buf *out, int depth)
{
    struct sg_exec st = { 0 };
    xvar local[LOCAL_VARS];
    st.vars = local;
    st.cap = LOCAL_VARS;
    st.eng = eng;
    st.chain = chain;
    st.name = name;
    st.out = out;
    st.depth = depth;
    xval d = { data, false };
    push(&st, "$", d);
    if (!t->root) exec_errorf(&st, "%s is an incomplete or empty template", goquote(name, strlen(name)));
    limits_work(LIMITS_W_INCLUDE); /* (no location: the caller's "error calling include" has it) */
    walk(&st, d, t->root);
}

static _Noreturn void no_template(const char *name)
{
    sg_throw(err_new(SG_ERR_PLAIN, sg_sprintf("template: no template %s associated with template \"gotpl\"",
                                              goquote(name, strlen(name)))));
}

void exec_template(sg_engine *eng, const char *name, sg_value data, sg_buf *out)
{
    tchain root = { eng->set, NULL };
    sg_tree *t = tset_get(eng->set, name);
    if (!t) no_template(name);
    bool outer = eng->active == 0;
    if (outer) eng->stack_base = (char *)__builtin_frame_address(0);
    if (eng->incl_counts.kind != VK_MAP) eng->incl_counts = val_map();
    eng->active++;
    sg_catch c;
    if (SG_TRY(&c)) {
        run_tree(eng, &root, name, t, data, out, 0);
        catch_pop(&c);
        eng->active--;
    } else {
        catch_pop(&c);
        eng->active--;
        sg_throw(c.err);
    }
}

sg_value exec_include(struct sg_exec *ex, const char *name, sg_value data)
{
    sg_engine *eng = ex->eng;
    int limit = eng->include_limit ? eng->include_limit : INCLUDE_LIMIT;
    if (eng->incl_counts.kind != VK_MAP) eng->incl_counts = val_map();
    sg_value cnt;
    int64_t v = 0;
    if (map_get(eng->incl_counts, name, &cnt)) {
        v = cnt.u.i;
        if (v > limit) {
            sg_error *e = err_new(SG_ERR_PLAIN,
                                  sg_sprintf("rendering template has a nested reference name: %s: ", name));
            e->cause = err_new(SG_ERR_PLAIN, "unable to execute template");
            sg_throw(e);
        }
    }
    map_set(eng->incl_counts, name, val_int(v + 1));
    sg_tree *t = lookup(ex->chain, name);
    if (!t) {
        map_set(eng->incl_counts, name, val_int(v));
        no_template(name);
    }
    sg_buf out;
    buf_init(&out);
    sg_catch c;
    if (SG_TRY(&c)) {
        run_tree(eng, ex->chain, name, t, data, &out, 0);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        map_set(eng->incl_counts, name, val_int(v));
        sg_throw(c.err);
    }
    map_set(eng->incl_counts, name, val_int(v));
    return val_str_nocopy(out.p, out.len);
}

static sg_value strip_no_value(sg_buf *b)
{
    static const char nv[] = "<no value>";
    const size_t nl = sizeof nv - 1;
    sg_buf o;
    buf_init(&o);
    size_t i = 0;
    while (i < b->len) {
        if (b->len - i >= nl && memcmp(b->p + i, nv, nl) == 0) {
            i += nl;
            continue;
        }
        buf_putc(&o, b->p[i++]);
    }
    return val_str_nocopy(o.p, o.len);
}

sg_value exec_tpl(struct sg_exec *ex, const char *text, size_t len, sg_value data)
{
    sg_engine *eng = ex->eng;
    limits_work(LIMITS_W_TPL); /* helm clones every template for each tpl call */
    sg_tset *overlay = tset_new();
    sg_tree *volatile t = NULL;
    sg_catch c;
    if (SG_TRY(&c)) {
        t = parse_template(overlay, "gotpl", text, len, eng->has_func ? eng->has_func : fn_exists);
        catch_pop(&c);
    } else {
        catch_pop(&c);
        sg_error *e = err_new(SG_ERR_PLAIN, sg_sprintf("cannot parse template %s: ", goquote(text, len)));
        e->cause = c.err;
        sg_throw(e);
    }
    tchain *chain = sg_alloc(sizeof *chain);
    chain->set = overlay;
    chain->up = ex->chain;
    sg_buf out;
    buf_init(&out);
    sg_catch c2;
    if (SG_TRY(&c2)) {
        run_tree(eng, chain, "gotpl", t, data, &out, 0);
        catch_pop(&c2);
    } else {
        catch_pop(&c2);
        sg_error *e = err_new(SG_ERR_PLAIN,
                              sg_sprintf("error during tpl function execution for %s: ", goquote(text, len)));
        e->cause = c2.err;
        sg_throw(e);
    }
    return strip_no_value(&out);
}
