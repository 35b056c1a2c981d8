/* call.c - the calling convention: Go's evalCall / evalArg / validateType.
 *
 * A registry row's signature string (exec/functab.h) stands in for the Go function's
 * reflect.Type: it gives the arity checks, how each literal argument is converted
 * (evalArg: "expected string; found 5"), how each computed value is checked
 * (validateType: "wrong type for value; expected string; got float64"), and the
 * special forms and/or (short-circuit) and call.  Bodies throw to return a Go error;
 * the throw is caught here and wrapped as "error calling NAME: ..." at the command.
 * A body may instead throw an SG_ERR_EXEC with no template name: it is re-thrown as an
 * exec error of the current node (Go's errors raised by evalCall itself).
 */
#include "call.h"
#include "../base/arena.h"
#include "../io/yaml.h"
#include "../tmpl/node.h"
#include "../value/gofmt.h"
#include "../value/gonamed.h"
#include <string.h>

static const xval invalid = { { 0 }, false };

typedef struct sig {
    char codes[32];
    int n;         /* parameters */
    bool variadic; /* last parameter is ...T */
} sig;

static void parse_sig(const char *s, sig *g)
{
    g->n = 0;
    g->variadic = false;
    for (; s && *s && g->n < 31; s++) {
        if (*s == '*') g->variadic = true;
        else g->codes[g->n++] = *s;
    }
    g->codes[g->n] = 0;
}

/* Go type name of a parameter code (functab.h). */
const char *functab_typename(char code)
{
    switch (code) {
    case 's': return "string";
    case 'i': return "int";
    case 'I': return "int64";
    case 'u': return "uint32";
    case 'f': return "float64";
    case 'b': return "bool";
    case 'l': return "[]interface {}";
    case 'm': return "map[string]interface {}";
    case 'S': return "[]string";
    case 'B': return "[]uint8";
    case 'x': return "reflect.Value";
    case 'T': return "time.Time";
    case 'D': return "time.Duration";
    case 'L': return "*time.Location";
    case 'C': return "sprig.certificate";
    case 'V': return "*semver.Version";
    default: return "interface {}";
    }
}

/* Go's canBeNil(typ): interfaces, slices, maps and pointers. */
static bool can_be_nil(char code)
{
    return code == 'v' || code == 'x' || code == 'l' || code == 'm' || code == 'S' || code == 'B' || code == 'L' ||
           code == 'V';
}

/* reflect.Zero of a nillable parameter type: a nil interface, slice, map or pointer
 * (a nil map or slice is a VK_MAP / VK_LIST without storage: reads see it empty,
 * writes fail as in Go). */
static xval zero_of(char code)
{
    xval z = invalid;
    switch (code) {
    case 'v': z.iface = true; break;
    case 'x': z.v.gotype = GT_XINVALID; break;
    case 'l': z.v.kind = VK_LIST; break;
    case 'm': z.v.kind = VK_MAP; break;
    case 'S': z.v.kind = VK_LIST; z.v.gotype = GT_LIST_STRING; break;
    case 'B': z.v.kind = VK_LIST; z.v.gotype = GT_LIST_BYTES; break;
    }
    return z;
}

/* A native object of Go type `name`. */
static bool is_object(sg_value v, const char *name)
{
    return v.kind == VK_OBJECT && v.u.o->type->name && !strcmp(v.u.o->type->name, name);
}

static bool assignable(sg_value v, char code)
{
    switch (code) {
    case 's': return v.kind == VK_STRING;
    case 'i': return v.kind == VK_INT && v.gotype == GT_DEFAULT;
    case 'I': return v.kind == VK_INT64 && v.gotype == GT_DEFAULT;
    case 'u': return v.kind == VK_INT64 && v.gotype == GT_UINT32;
    case 'D': return v.kind == VK_INT64 && v.gotype == GT_DURATION;
    case 'f': return v.kind == VK_FLOAT;
    case 'b': return v.kind == VK_BOOL;
    case 'l': return v.kind == VK_LIST && v.gotype == GT_DEFAULT;
    case 'm': return v.kind == VK_MAP && (v.gotype == GT_DEFAULT || v.gotype == GT_MAP_VALUES);
    case 'S': return v.kind == VK_LIST && v.gotype == GT_LIST_STRING;
    case 'B': return v.kind == VK_LIST && v.gotype == GT_LIST_BYTES;
    case 'T': case 'L': case 'C': case 'V': return is_object(v, functab_typename(code));
    default: return true;
    }
}

/* Go's validateType(value, typ). */
static xval validate(struct sg_exec *s, xval v, char code)
{
    if (v.v.kind == VK_NIL && !v.iface) {
        if (can_be_nil(code)) return zero_of(code);
        exec_errorf(s, "invalid value; expected %s", functab_typename(code));
    }
    if (code == 'v' || code == 'x') return v;
    if (v.v.kind != VK_NIL && assignable(v.v, code)) return (xval){ v.v, false };
    exec_errorf(s, "wrong type for value; expected %s; got %s", functab_typename(code),
                v.v.kind == VK_NIL ? "interface {}" : val_typename(v.v));
}

/* Go's evalArg(dot, typ, n). */
static xval eval_arg(struct sg_exec *s, xval dot, char code, const sg_node *n)
{
    exec_at(s, n);
    const sg_node *self[1] = { n };
    switch (n->type) {
    case N_DOT: return validate(s, dot, code);
    case N_NIL:
        if (can_be_nil(code)) return zero_of(code);
        exec_errorf(s, "cannot assign nil to %s", functab_typename(code));
    case N_FIELD: return validate(s, exec_eval_field_node(s, dot, n, self, 1, NULL), code);
    case N_VARIABLE: return validate(s, exec_eval_variable_node(s, dot, n, NULL, 0, NULL), code);
    case N_PIPE: return validate(s, exec_eval_pipeline(s, dot, n), code);
    case N_IDENTIFIER: return validate(s, exec_eval_function(s, dot, n, n, NULL, 0, NULL), code);
    case N_CHAIN: return validate(s, exec_eval_chain_node(s, dot, n, NULL, 0, NULL), code);
    default: break;
    }
    switch (code) {
    case 'b':
        if (n->type == N_BOOL) return (xval){ val_bool(n->u.boolean.val), false };
        exec_errorf(s, "expected bool; found %s", node_string(n));
    case 'f':
        if (n->type == N_NUMBER && n->u.number.is_float) return (xval){ val_float(n->u.number.f), false };
        exec_errorf(s, "expected float; found %s", node_string(n));
    case 'i':
    case 'I':
    case 'D':
        if (n->type == N_NUMBER && n->u.number.is_int) {
            sg_value iv = code == 'i' ? val_int(n->u.number.i) : val_int64(n->u.number.i);
            if (code == 'D') iv.gotype = GT_DURATION;
            return (xval){ iv, false };
        }
        exec_errorf(s, "expected integer; found %s", node_string(n));
    case 'u':
        /* evalUnsignedInteger: reflect's SetUint keeps the low 32 bits */
        if (n->type == N_NUMBER && n->u.number.is_uint) {
            sg_value uv = val_int64((int64_t)(uint32_t)n->u.number.u);
            uv.gotype = GT_UINT32;
            return (xval){ uv, false };
        }
        exec_errorf(s, "expected unsigned integer; found %s", node_string(n));
    case 's':
        if (n->type == N_STRING) return (xval){ val_str(n->u.string.text, n->u.string.len), false };
        exec_errorf(s, "expected string; found %s", node_string(n));
    case 'v':
    case 'x':
        /* Go's evalEmptyInterface */
        switch (n->type) {
        case N_BOOL: return (xval){ val_bool(n->u.boolean.val), false };
        case N_NUMBER: return exec_ideal_constant(s, n);
        case N_STRING: return (xval){ val_str(n->u.string.text, n->u.string.len), false };
        default: exec_errorf(s, "can't handle assignment of %s to empty interface argument", node_string(n));
        }
    default:
        exec_errorf(s, "can't handle %s for arg of type %s", node_string(n), functab_typename(code));
    }
}

/* The value a parameter receives. */
static sg_value argval(xval v)
{
    return v.v;
}

static sg_value values_body(sg_value recv, const char *name, const sg_value *argv);

/* A call to run under a catch frame: a function table entry, a named-integer method, an
 * object's method hook or a Values method. */
typedef struct {
    enum { PC_FN, PC_NAMED, PC_OBJECT, PC_VALUES } kind;
    sg_fnimpl fn;     /* PC_FN */
    sg_fcall *fc;     /* PC_FN */
    sg_object *o;     /* PC_OBJECT */
    bool *found;      /* PC_OBJECT: whether the hook knows the method */
    sg_value recv;    /* PC_NAMED, PC_VALUES */
    const char *name; /* all but PC_FN */
    int argc;
    sg_value *argv;
} pcall;

/* Run a call; false and *err when it threw. */
static bool protected_run(const pcall *pc, sg_value *out, sg_error **err)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        switch (pc->kind) {
        case PC_FN: *out = pc->fn(pc->fc, pc->argc, pc->argv); break;
        case PC_NAMED: *out = gonamed_method(pc->recv, pc->name, pc->argv); break;
        case PC_OBJECT: *pc->found = pc->o->type->method(pc->o, pc->name, pc->argc, pc->argv, out); break;
        case PC_VALUES: *out = values_body(pc->recv, pc->name, pc->argv); break;
        }
        catch_pop(&c);
        return true;
    }
    catch_pop(&c);
    *err = c.err;
    return false;
}

static _Noreturn void raise_call_error(struct sg_exec *s, const sg_node *node, const char *name, sg_error *e)
{
    if (e->kind == SG_ERR_EXEC && !e->tmpl) exec_errorf(s, "%s", e->msg);
    exec_at(s, node);
    exec_error_cause(s, sg_sprintf("error calling %s: ", name), e);
}

static bool truth(xval v) { return val_truth(v.v); }

xval call_function(struct sg_exec *s, xval dot, const sg_funcdef *f, const sg_node *node,
                   const sg_node *const *args, size_t nargs, const xval *final)
{
    const char *name = f->name;
    if (args && nargs > 0) {
        args++;
        nargs--;
    } else {
        nargs = 0;
    }
    sig g;
    parse_sig(f->sig, &g);
    size_t np = (size_t)g.n;
    size_t num_in = nargs + (final ? 1 : 0);
    size_t num_fixed = nargs;
    if (g.variadic) {
        num_fixed = np - 1;
        if (num_in < num_fixed)
            exec_errorf(s, "wrong number of args for %s: want at least %zu got %zu", name, np - 1, nargs);
    } else if (num_in != np) {
        exec_errorf(s, "wrong number of args for %s: want %zu got %zu", name, np, num_in);
    }

    if (f->flags & FN_SPECIAL) {
        bool is_or = strcmp(name, "or") == 0;
        if (is_or || strcmp(name, "and") == 0) {
            xval v = invalid;
            for (size_t i = 0; i < nargs; i++) {
                v = eval_arg(s, dot, 'x', args[i]);
                if (truth(v) == is_or) return v;
            }
            if (final) v = validate(s, *final, 'x');
            return v;
        }
    }

    xval *argv = sg_alloc((num_in ? num_in : 1) * sizeof *argv);
    size_t i = 0;
    for (; i < num_fixed && i < nargs; i++) argv[i] = eval_arg(s, dot, g.codes[i], args[i]);
    if (g.variadic)
        for (; i < nargs; i++) argv[i] = eval_arg(s, dot, g.codes[np - 1], args[i]);
    if (final) {
        char code = g.codes[np - 1];
        if (g.variadic && num_in - 1 < num_fixed) code = g.codes[num_in - 1];
        argv[i] = validate(s, *final, code);
    }

    if ((f->flags & FN_SPECIAL) && strcmp(name, "call") == 0) {
        /* Go's call(): our values are never functions. */
        const char *callee = nargs ? node_string(args[0]) : "";
        xval fn = argv[0];
        if (fn.v.kind == VK_NIL) {
            exec_at(s, node);
            exec_error_cause(s, "error calling call: ", err_new(SG_ERR_PLAIN, "call of nil"));
        }
        exec_at(s, node);
        exec_error_cause(s, "error calling call: ",
                         err_new(SG_ERR_PLAIN, sg_sprintf("non-function %s of type %s", callee,
                                                          val_typename(fn.v))));
    }

    sg_value *av = sg_alloc((num_in ? num_in : 1) * sizeof *av);
    for (size_t k = 0; k < num_in; k++) av[k] = argval(argv[k]);
    sg_fcall fc = { s, name };
    sg_value res;
    sg_error *err = NULL;
    if (!protected_run(&(pcall){ .kind = PC_FN, .fn = f->fn, .fc = &fc, .argc = (int)num_in, .argv = av }, &res, &err)) raise_call_error(s, node, name, err);
    if (res.kind == VK_NIL) res = sg_nil;
    return (xval){ res, res.kind == VK_NIL };
}

/* Go's evalCall up to the call itself, for a method of known signature g: the arity
 * check, goodFunc's complaint, then each argument converted to its parameter type
 * (evalArg / validateType); errors are at the current node, as Go's s.node is not moved
 * for the method itself.  Returns the converted arguments; *argc gets their count. */
static sg_value *typed_args(struct sg_exec *s, xval dot, const char *name, const sg_methodsig *g,
                            const sg_node *node, const sg_node *const *args, size_t nargs,
                            const xval *final, int *argc)
{
    if (!g->params) exec_errorf(s, "%s", g->bad);
    size_t na = args && nargs > 0 ? nargs - 1 : 0;
    size_t num_in = na + (final ? 1 : 0);
    size_t np = strlen(g->params);
    if (num_in != np) exec_errorf(s, "wrong number of args for %s: want %zu got %zu", name, np, num_in);
    if (g->bad) exec_errorf(s, "%s", g->bad);
    sg_value *av = sg_alloc((num_in ? num_in : 1) * sizeof *av);
    for (size_t i = 0; i < na; i++) av[i] = eval_arg(s, dot, g->params[i], args[i + 1]).v;
    if (final) av[na] = validate(s, *final, g->params[np - 1]).v;
    *argc = (int)num_in;
    return av;
}

bool call_method(struct sg_exec *s, xval dot, sg_object *o, const char *name, const sg_node *node,
                 const sg_node *const *args, size_t nargs, const xval *final, xval *out)
{
    sg_methodsig g;
    if (o->type->msig) {
        /* the object declares every method's signature */
        if (!o->type->msig(o, name, &g)) return false;
        int argc;
        sg_value *av = typed_args(s, dot, name, &g, node, args, nargs, final, &argc);
        sg_value res = sg_nil;
        bool found = false;
        sg_error *err = NULL;
        if (!protected_run(&(pcall){ .kind = PC_OBJECT, .o = o, .found = &found, .name = name, .argc = argc, .argv = av }, &res, &err)) raise_call_error(s, node, name, err);
        *out = (xval){ res, false };
        return true;
    }
    const sg_node *at = s->node;
    size_t na = args && nargs > 0 ? nargs - 1 : 0;
    size_t num_in = na + (final ? 1 : 0);
    sg_value *av = sg_alloc((num_in ? num_in : 1) * sizeof *av);
    for (size_t i = 0; i < na; i++) av[i] = eval_arg(s, dot, 'v', args[i + 1]).v;
    if (final) av[na] = validate(s, *final, 'v').v;
    sg_value res = sg_nil;
    bool found = false;
    sg_error *err = NULL;
    if (!protected_run(&(pcall){ .kind = PC_OBJECT, .o = o, .found = &found, .name = name, .argc = (int)num_in, .argv = av }, &res, &err)) {
        /* A string parameter refused an argument: Go blames the first non-string argument,
         * and a literal there fails evalArg ("expected string; found 5"). */
        if (err->kind == SG_ERR_EXEC && !err->tmpl && err->msg &&
            strncmp(err->msg, "wrong type for value; expected string;", 38) == 0) {
            for (size_t i = 0; i < na; i++) {
                if (av[i].kind == VK_STRING) continue;
                const sg_node *an = args[i + 1];
                exec_at(s, an);
                if (an->type == N_NIL) exec_errorf(s, "cannot assign nil to string");
                if (an->type == N_NUMBER || an->type == N_BOOL)
                    exec_errorf(s, "expected string; found %s", node_string(an));
                exec_errorf(s, "%s", err->msg);
            }
        }
        if (err->kind == SG_ERR_EXEC && !err->tmpl && err->msg && strncmp(err->msg, "wrong number of args", 20) == 0)
            exec_at(s, at); /* Go checks the arity before evaluating arguments */
        raise_call_error(s, node, name, err);
    }
    if (!found) return false;
    *out = (xval){ res, false };
    return true;
}


bool call_named_method(struct sg_exec *s, xval dot, sg_value recv, const char *name, const sg_node *node,
                       const sg_node *const *args, size_t nargs, const xval *final, xval *out)
{
    sg_methodsig g;
    if (!gonamed_is(recv) || !gonamed_method_sig(recv, name, &g)) return false;
    int argc;
    sg_value *av = typed_args(s, dot, name, &g, node, args, nargs, final, &argc);
    sg_value res = sg_nil;
    sg_error *err = NULL;
    if (!protected_run(&(pcall){ .kind = PC_NAMED, .name = name, .recv = recv, .argv = av }, &res, &err)) raise_call_error(s, node, name, err);
    *out = (xval){ res, false };
    return true;
}

/* ---- methods of chartutil.Values / common.Values (the dot, .Values, .Template) ---- */

static const char *quote_key(const char *k)
{
    sg_buf b;
    buf_init(&b);
    gofmt_quote(&b, k, strlen(k));
    return b.p;
}

/* Values.Table: walk a dotted path of nested maps; ErrNoTable on the first miss. */
static bool values_table(sg_value v, const char *path, sg_value *out, const char **missing)
{
    const char *p = path;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        const char *key = sg_strndup(p, n);
        sg_value x;
        if (!map_getn(v, key, n, &x)) {
            *missing = key;
            return false;
        }
        if (x.kind != VK_MAP || x.gotype == GT_MAP_STRING) {
            *missing = key;
            return false;
        }
        v = x;
        if (!dot) break;
        p = dot + 1;
    }
    *out = v;
    return true;
}

static bool is_table(sg_value v) { return v.kind == VK_MAP && v.gotype == GT_DEFAULT; }

/* Run a Values method body; throws Go's error text. */
static sg_value values_body(sg_value recv, const char *name, const sg_value *argv)
{
    if (!strcmp(name, "YAML")) {
        sg_buf b;
        buf_init(&b);
        const char *err = NULL;
        if (yamlio_marshal(&b, recv, &err) != 0) sg_throwf("%s", err ? err : "yaml error");
        return val_str_nocopy(b.p, b.len);
    }
    if (!strcmp(name, "AsMap")) {
        if (map_len(recv) == 0) return val_map();
        sg_value m = recv;
        m.gotype = GT_DEFAULT;
        return m;
    }
    if (!strcmp(name, "Table")) {
        sg_value t;
        const char *missing;
        if (!values_table(recv, argv[0].u.s.p, &t, &missing)) sg_throwf("%s is not a table", quote_key(missing));
        t.gotype = GT_MAP_VALUES;
        return t;
    }
    /* PathValue */
    const char *path = argv[0].u.s.p;
    if (!*path) sg_throwf("YAML path cannot be empty");
    const char *last = strrchr(path, '.');
    sg_value t = recv, x;
    const char *key = last ? last + 1 : path;
    if (last) {
        const char *missing;
        if (!values_table(recv, sg_strndup(path, (size_t)(last - path)), &t, &missing))
            sg_throwf("%s is not a value", quote_key(key));
    }
    if (map_get(t, key, &x) && !is_table(x)) return x;
    sg_throwf("%s is not a value", quote_key(key));
}

bool call_values_method(struct sg_exec *s, xval dot, sg_value recv, const char *name, const sg_node *node,
                        const sg_node *const *args, size_t nargs, const xval *final, xval *out)
{
    int np;
    if (!strcmp(name, "YAML") || !strcmp(name, "AsMap")) np = 0;
    else if (!strcmp(name, "Table") || !strcmp(name, "PathValue") || !strcmp(name, "Encode")) np = 1;
    else return false;
    size_t na = args && nargs > 0 ? nargs - 1 : 0;
    size_t num_in = na + (final ? 1 : 0);
    if (num_in != (size_t)np) exec_errorf(s, "wrong number of args for %s: want %d got %zu", name, np, num_in);
    sg_value argv[1] = { sg_nil };
    if (!strcmp(name, "Encode")) {
        xval a;
        if (na) {
            const sg_node *n = args[1];
            exec_at(s, n);
            if (n->type == N_BOOL || n->type == N_NUMBER || n->type == N_STRING)
                exec_errorf(s, "can't handle %s for arg of type io.Writer", node_string(n));
            a = n->type == N_NIL ? (xval){ sg_nil, true } : eval_arg(s, dot, 'v', n);
        } else {
            a = *final;
        }
        if (a.v.kind != VK_NIL)
            exec_errorf(s, "wrong type for value; expected io.Writer; got %s", val_typename(a.v));
        exec_at(s, node);
        exec_error_cause(s, "error calling Encode: ",
                         err_new(SG_ERR_PLAIN, "runtime error: invalid memory address or nil pointer dereference"));
    }
    if (np == 1) argv[0] = na ? eval_arg(s, dot, 's', args[1]).v : validate(s, *final, 's').v;
    sg_error *err = NULL;
    sg_value res = sg_nil;
    if (!protected_run(&(pcall){ .kind = PC_VALUES, .recv = recv, .name = name, .argv = argv }, &res, &err))
        raise_call_error(s, node, name, err);
    *out = (xval){ res, !strcmp(name, "PathValue") };
    return true;
}
