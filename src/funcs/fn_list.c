/* fn_list.c - Sprig's list functions (list.go, plus until/seq from numeric.go and the
 * split/join family of strings.go), with Go's results types and panic texts.
 *
 * Sprig reaches list items through reflection, so any slice type is accepted
 * ([]interface{}, []string, []int, []uint8) and the error for anything else names the
 * reflect kind ("Cannot push on type string").  reflect.TypeOf(nil).Kind() is a nil
 * dereference in Go, hence FN_NILDEREF for nil lists.  Results are new
 * []interface{} lists unless Sprig's Go signature says otherwise.
 */
#include "../base/limits.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../value/conv.h"
#include "fn_sprig.h"
#include "../exec/functab.h"
#include "../base/buf.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The list argument of a must* body: a slice, or Go's error naming the kind. */
static sg_value need_list(sg_value v, const char *what)
{
    const char *k = fn_kind_or_panic(v);
    if (!fn_is_list(v)) sg_throwf("%s%s", what, k);
    return v;
}

/* list v... : []interface{} of the arguments */
sg_value fn_list(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = val_list((size_t)argc);
    for (int i = 0; i < argc; i++) list_push(l, argv[i]);
    return l;
}

/* append/push list v : a new []interface{} with v at the end */
sg_value fn_push(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot push on type ");
    size_t n = list_len(l);
    limits_work(n * LIMITS_W_LIST_COPY); /* append in a loop copies O(n^2) elements */
    sg_value r = val_list(n + 1);         /* (no doubling: a copy is n+1 elements) */
    for (size_t i = 0; i < n; i++) list_push(r, fn_list_item(l, i));
    list_push(r, argv[1]);
    return r;
}

/* prepend list v : a new []interface{} with v in front */
sg_value fn_prepend(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot prepend on type ");
    limits_work(list_len(l) * LIMITS_W_LIST_COPY);
    sg_value r = val_list(list_len(l) + 1);
    list_push(r, argv[1]);
    for (size_t i = 0; i < list_len(l); i++) list_push(r, fn_list_item(l, i));
    return r;
}

/* chunk size list : [][]interface{} of size-long pieces (Go's float arithmetic kept,
 * so size 0 or a negative size ends in makeslice's panic, as in Go) */
sg_value fn_chunk(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t size = argv[0].u.i;
    sg_value l = need_list(argv[1], "Cannot chunk type ");
    double n = (double)list_len(l);
    double cs = floor((n - 1) / (double)size) + 1;
    if (!(cs >= 0 && cs < 1e15)) sg_throwf("runtime error: makeslice: len out of range");
    size_t ncs = (size_t)cs;
    sg_value r = val_list(ncs);
    r.gotype = GT_LIST_LIST; /* [][]interface {} */
    for (size_t i = 0; i < ncs; i++) {
        int64_t clen = size;
        if (i == ncs - 1) {
            clen = (int64_t)floor(fmod(n, (double)size));
            if (clen == 0) clen = size;
        }
        if (clen < 0) sg_throwf("runtime error: makeslice: len out of range");
        sg_value part = val_list((size_t)clen);
        for (int64_t j = 0; j < clen; j++) {
            int64_t ix = (int64_t)i * size + j;
            if (ix < 0 || (size_t)ix >= list_len(l)) sg_throwf("reflect: slice index out of range");
            list_push(part, fn_list_item(l, (size_t)ix));
        }
        list_push(r, part);
    }
    return r;
}

/* first list : item 0, nil for an empty list */
sg_value fn_first(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot find first on type ");
    return list_len(l) ? fn_list_item(l, 0) : sg_nil;
}

/* last list : the last item, nil for an empty list */
sg_value fn_last(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot find last on type ");
    return list_len(l) ? fn_list_item(l, list_len(l) - 1) : sg_nil;
}

/* rest list : all but the first item; a nil []interface{} for an empty list */
sg_value fn_rest(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot find rest on type ");
    if (!list_len(l)) return fn_nil_list();
    return fn_list_copy(l, 1, list_len(l));
}

/* initial list : all but the last item; a nil []interface{} for an empty list */
sg_value fn_initial(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot find initial on type ");
    if (!list_len(l)) return fn_nil_list();
    return fn_list_copy(l, 0, list_len(l) - 1);
}

static int strcmp_go(const void *a, const void *b)
{
    const sg_value *x = a, *y = b;
    size_t n = x->u.s.n < y->u.s.n ? x->u.s.n : y->u.s.n;
    int d = memcmp(x->u.s.p, y->u.s.p, n);
    if (d) return d;
    return x->u.s.n < y->u.s.n ? -1 : x->u.s.n > y->u.s.n;
}

/* sortAlpha list : []string sorted byte-wise.  A []string argument is sorted in place
 * (Sprig's strslice hands back the same slice); a non-list gives [toString v]. */
sg_value fn_sortalpha(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v = argv[0];
    if (!fn_is_list(v)) {
        sg_value r = val_list(1);
        r.gotype = GT_LIST_STRING;
        list_push(r, conv_tostring(v));
        return r;
    }
    sg_value s = conv_strslice(v);
    if (list_len(s)) qsort(s.u.l->items, list_len(s), sizeof(sg_value), strcmp_go);
    return s;
}

/* reverse list : a new []interface{} in reverse order */
sg_value fn_reverse(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot find reverse on type ");
    size_t n = list_len(l);
    sg_value r = val_list(n);
    for (size_t i = n; i > 0; i--) list_push(r, fn_list_item(l, i - 1));
    return r;
}

/* compact list : the items that are not empty (sprig's empty()) */
sg_value fn_compact(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot compact on type ");
    sg_value r = val_list(0);
    for (size_t i = 0; i < list_len(l); i++) {
        sg_value x = fn_list_item(l, i);
        if (!fn_is_empty(x)) list_push(r, x);
    }
    return r;
}

static bool in_list(sg_value hay, sg_value needle)
{
    for (size_t i = 0; i < list_len(hay); i++)
        if (fn_deep_equal(needle, fn_list_item(hay, i))) return true;
    return false;
}

/* uniq list : first occurrences only (reflect.DeepEqual, so 1 and 1.0 differ) */
sg_value fn_uniq(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot find uniq on type ");
    sg_value r = val_list(0);
    for (size_t i = 0; i < list_len(l); i++) {
        sg_value x = fn_list_item(l, i);
        if (!in_list(r, x)) list_push(r, x);
    }
    return r;
}

/* without list omit... : the items not DeepEqual to any omitted value */
sg_value fn_without(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "Cannot find without on type ");
    sg_value omit = val_list((size_t)argc);
    for (int i = 1; i < argc; i++) list_push(omit, argv[i]);
    sg_value r = val_list(0);
    for (size_t i = 0; i < list_len(l); i++) {
        sg_value x = fn_list_item(l, i);
        if (!in_list(omit, x)) list_push(r, x);
    }
    return r;
}

/* has needle list : DeepEqual membership; false for a nil list */
sg_value fn_has(sg_fcall *c, int argc, sg_value *argv)
{
    if (argv[1].kind == VK_NIL) return val_bool(false);
    sg_value l = need_list(argv[1], "Cannot find has on type ");
    return val_bool(in_list(l, argv[0]));
}

/* slice list [start [end]] : list[start:end] of the same slice type; nil for an empty
 * list.  Replaces Go's builtin slice in Helm. */
sg_value fn_slice(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l = need_list(argv[0], "list should be type of slice or array but ");
    size_t n = list_len(l);
    if (!n) return sg_nil;
    int64_t start = 0, end = (int64_t)n;
    if (argc > 1) start = conv_int(argv[1]);
    if (argc > 2) end = conv_int(argv[2]);
    if (start < 0 || end < start || end > (int64_t)n)
        sg_throwf("reflect.Value.Slice: slice index out of bounds");
    sg_value r = val_list((size_t)(end - start));
    r.gotype = l.gotype;
    for (int64_t i = start; i < end; i++) list_push(r, list_get(l, (size_t)i));
    return r;
}

/* concat lists... : one []interface{}; nil when there is nothing to concatenate */
sg_value fn_concat(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value r = fn_nil_list();
    for (int i = 0; i < argc; i++) {
        const char *k = fn_kind_or_panic(argv[i]);
        if (!fn_is_list(argv[i])) sg_throwf("Cannot concat type %s as list", k);
        for (size_t j = 0; j < list_len(argv[i]); j++) {
            if (!r.u.l) r = val_list(list_len(argv[i]));
            list_push(r, fn_list_item(argv[i], j));
        }
    }
    return r;
}

/* ---- integer sequences (numeric.go) ---- */

static sg_value int_list(void)
{
    sg_value v = val_list(0);
    v.gotype = GT_LIST_INT;
    return v;
}

/* Sprig's untilStep as a []int. */
static sg_value until_step(int64_t start, int64_t stop, int64_t step)
{
    /* limits.h: a huge list is refused up front (helm would run out of memory); the
     * list is allocated at its final size (24 bytes an element, no doubling copies) */
    sg_value v = int_list();
    if (step != 0 && (stop < start) == (step < 0) && stop != start) {
        uint64_t span = stop > start ? (uint64_t)stop - (uint64_t)start : (uint64_t)start - (uint64_t)stop;
        uint64_t st = step > 0 ? (uint64_t)step : 0 - (uint64_t)step;
        uint64_t count = span / st + (span % st != 0);
        uint64_t left = sg_limit.iterations < sg_limit.max_iterations ? sg_limit.max_iterations - sg_limit.iterations : 0;
        if (sg_limit.max_iterations && count > left / LIMITS_W_LIST_ELEM)
            sg_throwf("iteration limit exceeded: a list of %llu integers takes the render over %llu units of "
                      "loop work (range iterations, function and template calls, list elements) (raise it "
                      "with --max-iterations)", (unsigned long long)count, (unsigned long long)sg_limit.max_iterations);
        limits_work(count * LIMITS_W_LIST_ELEM);
        if (count <= SIZE_MAX / sizeof(sg_value)) {
            v.u.l->items = sg_alloc((size_t)count * sizeof(sg_value));
            v.u.l->cap = (size_t)count;
        }
    }
    if (stop < start) {
        if (step >= 0) return v;
        for (int64_t i = start; i > stop; i += step) {
            list_push(v, val_int(i));
            if (i < INT64_MIN - step) break; /* Go would wrap; stop instead */
        }
        return v;
    }
    if (step <= 0) return v;
    for (int64_t i = start; i < stop; i += step) {
        list_push(v, val_int(i));
        if (i > INT64_MAX - step) break;
    }
    return v;
}

/* until n : []int 0..n-1 (or 0 down to n+1 for negative n) */
sg_value fn_until(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t n = argv[0].u.i;
    return until_step(0, n, n < 0 ? -1 : 1);
}

/* untilStep start stop step : []int */
sg_value fn_untilstep(sg_fcall *c, int argc, sg_value *argv)
{
    return until_step(argv[0].u.i, argv[1].u.i, argv[2].u.i);
}

/* Go's wrapping int addition. */
static int64_t wrap_add(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }

/* seq [start [step]] end : space-separated integers, like the Unix tool */
sg_value fn_seq(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value l;
    int64_t inc = 1;
    if (argc == 1) {
        int64_t start = 1, end = argv[0].u.i;
        if (end < start) inc = -1;
        l = until_step(start, wrap_add(end, inc), inc);
    } else if (argc == 2) {
        int64_t start = argv[0].u.i, end = argv[1].u.i, step = 1;
        if (end < start) step = -1;
        l = until_step(start, wrap_add(end, step), step);
    } else if (argc == 3) {
        int64_t start = argv[0].u.i, step = argv[1].u.i, end = argv[2].u.i;
        if (end < start) {
            inc = -1;
            if (step > 0) return val_cstr("");
        }
        l = until_step(start, wrap_add(end, inc), step);
    } else {
        return val_cstr("");
    }
    /* limits.h: helm's seq formats its list through fmt (~120 ns an element, 5 units) */
    limits_work((uint64_t)list_len(l) * (LIMITS_W_SEQ_ELEM - LIMITS_W_LIST_ELEM));
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < list_len(l); i++) {
        char d[24], *e = d + sizeof d, *q = e; /* decimal by hand: printf is most of seq's time */
        int64_t x = list_get(l, i).u.i;
        uint64_t u = x < 0 ? 0 - (uint64_t)x : (uint64_t)x;
        do *--q = (char)('0' + u % 10); while (u /= 10);
        if (x < 0) *--q = '-';
        if (i) *--q = ' ';
        buf_put(&b, q, (size_t)(e - q));
    }
    if (l.u.l) arena_release(l.u.l->items, l.u.l->cap * sizeof(sg_value)); /* a temporary */
    return val_str_nocopy(b.p, b.len);
}

/* ---- strings <-> lists (strings.go) ---- */

/* join sep list : toStrings of list joined with sep (nil items skipped) */
sg_value fn_join(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value s = conv_strslice(argv[1]);
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < list_len(s); i++) {
        if (i) buf_put(&b, argv[0].u.s.p, argv[0].u.s.n);
        sg_value x = list_get(s, i);
        buf_put(&b, x.u.s.p, x.u.s.n);
    }
    return val_str_nocopy(b.p, b.len);
}

/* Length of the UTF-8 sequence at s[0..n) as Go's DecodeRuneInString consumes it
 * (1 for an invalid byte). */
static size_t rune_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) k = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) k = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) k = 4, min = 0x10000;
    else return 1;
    if (n < k) return 1;
    unsigned r = c & (0xFF >> (k + 1));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) return 1;
        r = (r << 6) | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) return 1;
    return k;
}

/* strings.SplitN(s, sep, n) (n < 0: all) as a []string. */
static sg_value go_split(const char *s, size_t sn, const char *sep, size_t sepn, int64_t n)
{
    sg_value r = val_list(0);
    r.gotype = GT_LIST_STRING;
    if (n == 0) { r.u.l = NULL; return r; }
    size_t i = 0;
    if (sepn == 0) { /* explode into UTF-8 sequences */
        while (i < sn) {
            if (n > 0 && (int64_t)list_len(r) == n - 1) {
                list_push(r, val_str(s + i, sn - i));
                return r;
            }
            size_t k = rune_len((const unsigned char *)s + i, sn - i);
            list_push(r, val_str(s + i, k));
            i += k;
        }
        return r;
    }
    size_t start = 0;
    while (n < 0 || (int64_t)list_len(r) < n - 1) {
        const char *hit = NULL;
        for (size_t j = start; j + sepn <= sn; j++)
            if (memcmp(s + j, sep, sepn) == 0) { hit = s + j; break; }
        if (!hit) break;
        list_push(r, val_str(s + start, (size_t)(hit - s) - start));
        start = (size_t)(hit - s) + sepn;
    }
    list_push(r, val_str(s + start, sn - start));
    return r;
}

/* splitList sep s : []string */
sg_value fn_splitlist(sg_fcall *c, int argc, sg_value *argv)
{
    return go_split(argv[1].u.s.p, argv[1].u.s.n, argv[0].u.s.p, argv[0].u.s.n, -1);
}

static sg_value parts_map(sg_value parts)
{
    sg_value m = val_map();
    m.gotype = GT_MAP_STRING;
    for (size_t i = 0; i < list_len(parts); i++) {
        char key[32];
        snprintf(key, sizeof key, "_%zu", i);
        map_set(m, key, list_get(parts, i));
    }
    return m;
}

/* split sep s : map[string]string {_0: .., _1: ..} */
sg_value fn_split(sg_fcall *c, int argc, sg_value *argv)
{
    return parts_map(go_split(argv[1].u.s.p, argv[1].u.s.n, argv[0].u.s.p, argv[0].u.s.n, -1));
}

/* splitn sep n s : like split, at most n parts */
sg_value fn_splitn(sg_fcall *c, int argc, sg_value *argv)
{
    return parts_map(go_split(argv[2].u.s.p, argv[2].u.s.n, argv[0].u.s.p, argv[0].u.s.n,
                              argv[1].u.i));
}
