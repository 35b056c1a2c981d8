/* fn_go.c - Go's text/template builtins (funcs.go) and Helm's include/tpl.
 *
 * Parameters typed 'x' in funcs_go.def are Go's reflect.Value parameters: they arrive
 * unconverted, and an invalid reflect.Value (a `nil` literal) carries the GT_XINVALID
 * marker.  Errors are thrown with Go's exact text; exec wraps them in
 * "error calling NAME: ".  and/or/call are evaluated by exec itself (FN_SPECIAL).
 */
#include "../exec/call.h"
#include "../base/arena.h"
#include "../value/gofmt.h"
#include "../exec/functab.h"
#include <string.h>

sg_value fn_go_and(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_or(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_call(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_not(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_len(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_index(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_print(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_printf(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_println(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_eq(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_ne(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_lt(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_le(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_gt(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_ge(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_html(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_js(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_urlquery(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_include(sg_fcall *c, int argc, sg_value *argv);
sg_value fn_go_tpl(sg_fcall *c, int argc, sg_value *argv);

static bool is_invalid(sg_value v) { return v.kind == VK_NIL && v.gotype == GT_XINVALID; }

static sg_value bufval(sg_buf *b) { return val_str_nocopy(b->p, b->len); }

/* ---- special forms: never called (exec evaluates them) ---- */
sg_value fn_go_and(sg_fcall *c, int argc, sg_value *argv) { sg_throwf("unreachable"); }
sg_value fn_go_or(sg_fcall *c, int argc, sg_value *argv) { sg_throwf("unreachable"); }
sg_value fn_go_call(sg_fcall *c, int argc, sg_value *argv) { sg_throwf("unreachable"); }

sg_value fn_go_not(sg_fcall *c, int argc, sg_value *argv) { return val_bool(!val_truth(argv[0])); }

sg_value fn_go_len(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v = argv[0];
    switch ((sg_kind)v.kind) {
    case VK_NIL:
        if (is_invalid(v)) sg_throwf("reflect: call of reflect.Value.Type on zero Value");
        sg_throwf("len of nil pointer");
    case VK_STRING: return val_int((int64_t)v.u.s.n);
    case VK_LIST: return val_int((int64_t)list_len(v));
    case VK_MAP: return val_int((int64_t)map_len(v));
    case VK_OBJECT:
        if (v.u.o->type->asmap) {
            sg_value cv = v.u.o->type->asmap(v.u.o);
            return val_int((int64_t)(cv.kind == VK_LIST ? list_len(cv) : cv.kind == VK_MAP ? map_len(cv) : 0));
        }
        break;
    default: break;
    }
    sg_throwf("len of type %s", val_typename(v));
}

/* ---- index ---- */

static bool is_uint(sg_value v)
{
    return v.gotype == GT_UINT8 || v.gotype == GT_UINT32 || v.gotype == GT_UINT64;
}

static size_t index_arg(sg_value idx, size_t cap)
{
    int64_t x;
    if (idx.kind == VK_INT || idx.kind == VK_INT64) {
        x = idx.u.i;
        if (idx.gotype == GT_UINT64 && x < 0) sg_throwf("index out of range: %llu", (unsigned long long)x);
    } else if (idx.kind == VK_NIL) {
        sg_throwf("cannot index slice/array with nil");
    } else {
        sg_throwf("cannot index slice/array with type %s", val_typename(idx));
    }
    if (x < 0 || (uint64_t)x > cap) sg_throwf("index out of range: %lld", (long long)x);
    return (size_t)x;
}

static const char *map_key(sg_value idx)
{
    if (idx.kind == VK_NIL) sg_throwf("value is nil; should be of type string");
    if (idx.kind != VK_STRING) sg_throwf("value has type %s; should be string", val_typename(idx));
    return idx.u.s.p;
}

sg_value fn_go_index(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value item = argv[0];
    if (item.kind == VK_NIL) sg_throwf("index of untyped nil");
    for (int i = 1; i < argc; i++) {
        sg_value idx = argv[i];
        if (item.kind == VK_NIL) sg_throwf("index of nil pointer");
        bool files = false;
        if (item.kind == VK_OBJECT && item.u.o->type->asmap) {
            files = !strcmp(item.u.o->type->name, "engine.files"); /* map[string][]byte */
            item = item.u.o->type->asmap(item.u.o);
        }
        switch ((sg_kind)item.kind) {
        case VK_LIST: {
            size_t n = list_len(item);
            size_t x = index_arg(idx, n);
            if (x == n) sg_throwf("reflect: slice index out of range");
            sg_value e = list_get(item, x);
            if (item.gotype == GT_LIST_BYTES) e.gotype = GT_UINT8;
            item = e;
            break;
        }
        case VK_STRING: {
            size_t n = item.u.s.n;
            size_t x = index_arg(idx, n);
            if (x == n) sg_throwf("reflect: string index out of range");
            sg_value e = val_int((unsigned char)item.u.s.p[x]);
            e.gotype = GT_UINT8;
            item = e;
            break;
        }
        case VK_MAP: {
            const char *k = map_key(idx);
            sg_value out;
            if (map_getn(item, k, idx.u.s.n, &out)) item = out;
            else if (files) {
                item = val_list(0);
                item.gotype = GT_LIST_BYTES;
            } else item = item.gotype == GT_MAP_STRING ? val_str_nocopy("", 0) : sg_nil;
            break;
        }
        default: {
            const char *tn = val_typename(item);
            if (item.kind == VK_OBJECT && tn[0] == '*') tn++; /* index() indirects pointers */
            sg_throwf("can't index item of type %s", tn);
        }
        }
    }
    return item;
}

/* ---- printing ---- */

sg_value fn_go_print(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    gofmt_sprint(&b, argc, argv);
    return bufval(&b);
}

sg_value fn_go_printf(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    gofmt_sprintf(&b, argv[0].u.s.p, argv[0].u.s.n, argc - 1, argv + 1);
    return bufval(&b);
}

sg_value fn_go_println(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    gofmt_sprintln(&b, argc, argv);
    return bufval(&b);
}

/* ---- comparison ---- */

enum { K_INVALID, K_BOOL, K_COMPLEX, K_INT, K_FLOAT, K_STRING, K_UINT };

static int basic_kind(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_BOOL: return K_BOOL;
    case VK_INT:
    case VK_INT64: return is_uint(v) ? K_UINT : K_INT;
    case VK_FLOAT: return K_FLOAT;
    case VK_STRING: return K_STRING;
    default: return K_INVALID;
    }
}

static _Noreturn void incompatible(sg_value a, sg_value b)
{
    if (sg_helm_major >= 4)
        sg_throwf("incompatible types for comparison: %s and %s", val_typename(a), val_typename(b));
    sg_throwf("incompatible types for comparison");
}

static const char *kind_of(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_NIL: return "invalid";
    case VK_LIST: return "slice";
    case VK_MAP: return "map";
    case VK_OBJECT: return v.u.o->type->kindname ? v.u.o->type->kindname : "ptr";
    default: return val_kindname(v);
    }
}

static bool is_nil_value(sg_value v) { return v.kind == VK_NIL || (v.kind == VK_LIST && !v.u.l) || (v.kind == VK_MAP && !v.u.m); }

static int strcmp_n(sg_value a, sg_value b)
{
    size_t n = a.u.s.n < b.u.s.n ? a.u.s.n : b.u.s.n;
    int r = memcmp(a.u.s.p, b.u.s.p, n);
    if (r) return r;
    return a.u.s.n < b.u.s.n ? -1 : a.u.s.n > b.u.s.n ? 1 : 0;
}

static _Noreturn void throw_fmt(const char *fmt, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    gofmt_sprintf(&b, fmt, strlen(fmt), argc, argv);
    sg_throw(err_new(SG_ERR_PLAIN, b.p));
}

static bool eq_values(sg_value a1, int n, sg_value *rest)
{
    if (n == 0) sg_throwf("missing argument for comparison");
    int k1 = basic_kind(a1);
    for (int i = 0; i < n; i++) {
        sg_value a = rest[i];
        int k2 = basic_kind(a);
        bool truth = false;
        if (k1 != k2) {
            if (k1 == K_INT && k2 == K_UINT)
                truth = a1.u.i >= 0 && (uint64_t)a1.u.i == (uint64_t)a.u.i;
            else if (k1 == K_UINT && k2 == K_INT)
                truth = a.u.i >= 0 && (uint64_t)a1.u.i == (uint64_t)a.u.i;
            else if (a1.kind != VK_NIL && a.kind != VK_NIL)
                incompatible(a1, a);
        } else {
            switch (k1) {
            case K_BOOL: truth = a1.u.b == a.u.b; break;
            case K_FLOAT: truth = a1.u.f == a.u.f; break;
            case K_INT:
            case K_UINT: truth = a1.u.i == a.u.i; break;
            case K_STRING: truth = strcmp_n(a1, a) == 0; break;
            default:
                if (strcmp(kind_of(a1), kind_of(a)) != 0 && a1.kind != VK_NIL && a.kind != VK_NIL) {
                    sg_value fa[4] = { a1, val_cstr(val_typename(a1)), val_cstr(val_typename(a)), a };
                    throw_fmt("non-comparable types %s: %v, %s: %v", 4, fa);
                }
                if (is_nil_value(a1) || is_nil_value(a)) {
                    truth = is_nil_value(a) == is_nil_value(a1);
                } else {
                    if (a.kind == VK_LIST || a.kind == VK_MAP) {
                        sg_value fa[2] = { a, val_cstr(val_typename(a)) };
                        throw_fmt("non-comparable type %s: %v", 2, fa);
                    }
                    truth = a1.kind == VK_OBJECT && a.kind == VK_OBJECT && a1.u.o == a.u.o;
                }
            }
        }
        if (truth) return true;
    }
    return false;
}

static bool lt_values(sg_value a1, sg_value a2)
{
    int k1 = basic_kind(a1);
    if (k1 == K_INVALID) sg_throwf("invalid type for comparison");
    int k2 = basic_kind(a2);
    if (k2 == K_INVALID) sg_throwf("invalid type for comparison");
    if (k1 != k2) {
        if (k1 == K_INT && k2 == K_UINT) return a1.u.i < 0 || (uint64_t)a1.u.i < (uint64_t)a2.u.i;
        if (k1 == K_UINT && k2 == K_INT) return a2.u.i >= 0 && (uint64_t)a1.u.i < (uint64_t)a2.u.i;
        incompatible(a1, a2);
    }
    switch (k1) {
    case K_BOOL: sg_throwf("invalid type for comparison");
    case K_FLOAT: return a1.u.f < a2.u.f;
    case K_INT: return a1.u.i < a2.u.i;
    case K_UINT: return (uint64_t)a1.u.i < (uint64_t)a2.u.i;
    default: return strcmp_n(a1, a2) < 0;
    }
}

sg_value fn_go_eq(sg_fcall *c, int argc, sg_value *argv) { return val_bool(eq_values(argv[0], argc - 1, argv + 1)); }
sg_value fn_go_ne(sg_fcall *c, int argc, sg_value *argv) { return val_bool(!eq_values(argv[0], 1, argv + 1)); }
sg_value fn_go_lt(sg_fcall *c, int argc, sg_value *argv) { return val_bool(lt_values(argv[0], argv[1])); }

static bool le_values(sg_value a, sg_value b) { return lt_values(a, b) || eq_values(a, 1, &b); }

sg_value fn_go_le(sg_fcall *c, int argc, sg_value *argv) { return val_bool(le_values(argv[0], argv[1])); }
sg_value fn_go_gt(sg_fcall *c, int argc, sg_value *argv) { return val_bool(!le_values(argv[0], argv[1])); }
sg_value fn_go_ge(sg_fcall *c, int argc, sg_value *argv) { return val_bool(!lt_values(argv[0], argv[1])); }

/* ---- escapers ---- */

/* Go's evalArgs: the one string argument as is, else fmt.Sprint with nil as "<no value>". */
static sg_value eval_args(int argc, sg_value *argv)
{
    if (argc == 1 && argv[0].kind == VK_STRING) return argv[0];
    sg_value *a = sg_alloc((size_t)(argc ? argc : 1) * sizeof *a);
    for (int i = 0; i < argc; i++)
        a[i] = argv[i].kind == VK_NIL ? val_cstr("<no value>") : argv[i];
    sg_buf b;
    buf_init(&b);
    gofmt_sprint(&b, argc, a);
    return bufval(&b);
}

sg_value fn_go_html(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value s = eval_args(argc, argv);
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < s.u.s.n; i++) {
        char ch = s.u.s.p[i];
        switch (ch) {
        case '\0': buf_puts(&b, "\xEF\xBF\xBD"); break;
        case '"': buf_puts(&b, "&#34;"); break;
        case '\'': buf_puts(&b, "&#39;"); break;
        case '&': buf_puts(&b, "&amp;"); break;
        case '<': buf_puts(&b, "&lt;"); break;
        case '>': buf_puts(&b, "&gt;"); break;
        default: buf_putc(&b, ch);
        }
    }
    return bufval(&b);
}

sg_value fn_go_js(sg_fcall *c, int argc, sg_value *argv)
{
    static const char hex[] = "0123456789ABCDEF";
    sg_value s = eval_args(argc, argv);
    const char *p = s.u.s.p;
    size_t n = s.u.s.n;
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch < 0x80) {
            switch (ch) {
            case '\\': buf_puts(&b, "\\\\"); break;
            case '\'': buf_puts(&b, "\\'"); break;
            case '"': buf_puts(&b, "\\\""); break;
            case '<': buf_puts(&b, "\\u003C"); break;
            case '>': buf_puts(&b, "\\u003E"); break;
            case '&': buf_puts(&b, "\\u0026"); break;
            case '=': buf_puts(&b, "\\u003D"); break;
            default:
                if (ch < ' ') {
                    buf_puts(&b, "\\u00");
                    buf_putc(&b, hex[ch >> 4]);
                    buf_putc(&b, hex[ch & 15]);
                } else {
                    buf_putc(&b, (char)ch);
                }
            }
            continue;
        }
        int32_t r;
        int w = gofmt_decode_rune(p + i, n - i, &r);
        if (w < 1) w = 1;
        if (gofmt_isprint(r)) buf_put(&b, p + i, (size_t)w);
        else buf_printf(&b, "\\u%04X", (unsigned)r);
        i += (size_t)w - 1;
    }
    return bufval(&b);
}

sg_value fn_go_urlquery(sg_fcall *c, int argc, sg_value *argv)
{
    static const char hex[] = "0123456789ABCDEF";
    sg_value s = eval_args(argc, argv);
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < s.u.s.n; i++) {
        unsigned char ch = (unsigned char)s.u.s.p[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
            ch == '_' || ch == '.' || ch == '~') {
            buf_putc(&b, (char)ch);
        } else if (ch == ' ') {
            buf_putc(&b, '+');
        } else {
            buf_putc(&b, '%');
            buf_putc(&b, hex[ch >> 4]);
            buf_putc(&b, hex[ch & 15]);
        }
    }
    return bufval(&b);
}

/* ---- Helm ---- */

sg_value fn_go_include(sg_fcall *c, int argc, sg_value *argv)
{
    return exec_include(c->ex, argv[0].u.s.p, argv[1]);
}

sg_value fn_go_tpl(sg_fcall *c, int argc, sg_value *argv)
{
    return exec_tpl(c->ex, argv[0].u.s.p, argv[0].u.s.n, argv[1]);
}
