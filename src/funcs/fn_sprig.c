/* fn_sprig.c - reflection helpers shared by the Sprig families (see fn_sprig.h). */
#include "fn_sprig.h"
#include "../base/arena.h"
#include "../base/err.h"
#include <string.h>

const char *fn_kind_or_panic(sg_value v)
{
    if (v.kind == VK_NIL) sg_throwf("%s", FN_NILDEREF);
    return val_kindname(v);
}

sg_value fn_list_item(sg_value l, size_t i)
{
    sg_value x = list_get(l, i);
    if (l.gotype == GT_LIST_BYTES) x.gotype = GT_UINT8;
    return x;
}

sg_value fn_list_copy(sg_value l, size_t from, size_t to)
{
    sg_value r = val_list(to > from ? to - from : 0);
    for (size_t i = from; i < to; i++) list_push(r, fn_list_item(l, i));
    return r;
}

sg_value fn_nil_list(void)
{
    sg_value v = { .kind = VK_LIST };
    v.u.l = NULL;
    return v;
}

bool fn_is_empty(sg_value v)
{
    switch ((sg_kind)v.kind) {
    case VK_NIL: return true;
    case VK_BOOL: return !v.u.b;
    case VK_INT: case VK_INT64: return v.u.i == 0;
    case VK_FLOAT: return v.u.f == 0;
    case VK_STRING: return v.u.s.n == 0;
    case VK_LIST: return list_len(v) == 0;
    case VK_MAP: return map_len(v) == 0;
    case VK_OBJECT:
        /* a map-like native object (engine.files) has a length; pointers to structs are
         * never zero */
        if (v.u.o->type->asmap) return map_len(v.u.o->type->asmap(v.u.o)) == 0;
        return false;
    }
    return false;
}

bool fn_deep_equal(sg_value a, sg_value b)
{
    if (a.kind == VK_OBJECT && b.kind == VK_OBJECT && a.u.o->type == b.u.o->type &&
        (a.u.o->type == &fn_semver_ptr_type || a.u.o->type == &fn_semver_val_type))
        return fn_semver_deep_equal(a.u.o, b.u.o);
    if (a.kind == VK_LIST && b.kind == VK_LIST) {
        if (strcmp(val_typename(a), val_typename(b)) != 0) return false;
        if (!a.u.l != !b.u.l) return false; /* DeepEqual: nil slice != empty slice */
        if (list_len(a) != list_len(b)) return false;
        for (size_t i = 0; i < list_len(a); i++)
            if (!fn_deep_equal(fn_list_item(a, i), fn_list_item(b, i))) return false;
        return true;
    }
    if (a.kind == VK_MAP && b.kind == VK_MAP) {
        if (strcmp(val_typename(a), val_typename(b)) != 0) return false;
        if (!a.u.m != !b.u.m) return false; /* nil map != empty map */
        if (a.u.m == b.u.m) return true;
        if (map_len(a) != map_len(b)) return false;
        size_t it = 0;
        sg_mapent *e;
        while (map_next(a, &it, &e)) {
            sg_value o;
            if (!map_getn(b, e->key, e->klen, &o) || !fn_deep_equal(e->val, o)) return false;
        }
        return true;
    }
    return val_deep_equal(a, b);
}

void fn_assert_plain_map(sg_value v)
{
    if (v.kind == VK_MAP && v.gotype == GT_DEFAULT) return;
    sg_throwf("interface conversion: interface {} is %s, not map[string]interface {}",
              v.kind == VK_NIL ? "nil" : val_typename(v));
}
