/* fn_dict.c - Sprig's dict functions (dict.go): dict, get/set/unset/hasKey, keys/values,
 * pluck/pick/omit, dig, deepCopy and merge/mergeOverwrite with dario.cat/mergo v1.0.1's
 * rules.
 *
 * Map parameters are Go's map[string]interface{}: a chartutil/common.Values argument is
 * converted to it (so results print their type as map[string]interface {}), and a nil
 * argument is a nil map.  set, unset and the merges MUTATE their first argument, which
 * is shared with the caller (maps are references in sg_value as in Go).  Go's map order
 * is random; keys and values are returned in sorted key order here.
 */
#include "../base/arena.h"
#include "../base/err.h"
#include "../value/conv.h"
#include "fn_sprig.h"
#include "../exec/functab.h"
#include <string.h>

/* The map[string]interface{} view of a map parameter (drops a Values type name). */
static sg_value plain(sg_value m)
{
    if (m.kind != VK_MAP) { m = (sg_value){ .kind = VK_MAP }; m.u.m = NULL; }
    m.gotype = GT_DEFAULT;
    return m;
}

/* dict k v ... : map[string]interface{}; keys through toString, a missing last value is "" */
sg_value fn_dict(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value m = val_map();
    for (int i = 0; i < argc; i += 2) {
        sg_value k = conv_tostring(argv[i]);
        map_setn(m, k.u.s.p, k.u.s.n, i + 1 < argc ? argv[i + 1] : val_cstr(""));
    }
    return m;
}

/* get d key : d[key], or "" when missing */
sg_value fn_get(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v;
    if (!fn_map_is_nil(argv[0]) && map_getn(argv[0], argv[1].u.s.p, argv[1].u.s.n, &v)) return v;
    return val_cstr("");
}

/* set d key value : d[key] = value, returns d (mutated) */
sg_value fn_set(sg_fcall *c, int argc, sg_value *argv)
{
    if (fn_map_is_nil(argv[0])) sg_throwf("assignment to entry in nil map");
    map_setn(argv[0], argv[1].u.s.p, argv[1].u.s.n, argv[2]);
    return plain(argv[0]);
}

/* unset d key : delete(d, key), returns d (mutated) */
sg_value fn_unset(sg_fcall *c, int argc, sg_value *argv)
{
    if (!fn_map_is_nil(argv[0]) && map_getn(argv[0], argv[1].u.s.p, argv[1].u.s.n, NULL))
        map_del(argv[0], sg_strndup(argv[1].u.s.p, argv[1].u.s.n));
    return plain(argv[0]);
}

/* hasKey d key */
sg_value fn_haskey(sg_fcall *c, int argc, sg_value *argv)
{
    return val_bool(!fn_map_is_nil(argv[0]) &&
                    map_getn(argv[0], argv[1].u.s.p, argv[1].u.s.n, NULL));
}

/* pluck key d... : the values of key in the dicts that have it */
sg_value fn_pluck(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value r = val_list(0), v;
    for (int i = 1; i < argc; i++)
        if (!fn_map_is_nil(argv[i]) && map_getn(argv[i], argv[0].u.s.p, argv[0].u.s.n, &v))
            list_push(r, v);
    return r;
}

/* keys d... : []string of every dict's keys (each dict's keys sorted, for determinism) */
sg_value fn_keys(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value r = val_list(0);
    r.gotype = GT_LIST_STRING;
    for (int i = 0; i < argc; i++) {
        size_t n;
        sg_mapent **e = map_sorted(argv[i], &n);
        for (size_t k = 0; k < n; k++) list_push(r, val_str_nocopy(e[k]->key, e[k]->klen));
    }
    return r;
}

/* values d : []interface{} of d's values (in sorted key order) */
sg_value fn_values(sg_fcall *c, int argc, sg_value *argv)
{
    size_t n;
    sg_mapent **e = map_sorted(argv[0], &n);
    sg_value r = val_list(n);
    for (size_t k = 0; k < n; k++) list_push(r, e[k]->val);
    return r;
}

/* pick d keys... : a new dict with only those keys */
sg_value fn_pick(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value r = val_map(), v;
    for (int i = 1; i < argc; i++)
        if (!fn_map_is_nil(argv[0]) && map_getn(argv[0], argv[i].u.s.p, argv[i].u.s.n, &v))
            map_setn(r, argv[i].u.s.p, argv[i].u.s.n, v);
    return r;
}

/* omit d keys... : a new dict without those keys */
sg_value fn_omit(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value r = val_map();
    size_t it = 0;
    sg_mapent *e;
    if (fn_map_is_nil(argv[0])) return r;
    while (map_next(argv[0], &it, &e)) {
        bool drop = false;
        for (int i = 1; i < argc && !drop; i++)
            drop = argv[i].u.s.n == e->klen && memcmp(argv[i].u.s.p, e->key, e->klen) == 0;
        if (!drop) map_setn(r, e->key, e->klen, e->val);
    }
    return r;
}

/* dig k1 k2 ... default d : d[k1][k2]..., default when a key is missing.  Go's type
 * assertions panic on a non-map step (even chartutil/common.Values) or a non-string key. */
sg_value fn_dig(sg_fcall *c, int argc, sg_value *argv)
{
    if (argc < 3) sg_throwf("dig needs at least three arguments");
    sg_value d = argv[argc - 1], def = argv[argc - 2];
    fn_assert_plain_map(d);
    for (int i = 0; i < argc - 2; i++)
        if (argv[i].kind != VK_STRING)
            sg_throwf("interface conversion: interface {} is %s, not string",
                      argv[i].kind == VK_NIL ? "nil" : val_typename(argv[i]));
    for (int i = 0; i < argc - 2; i++) {
        sg_value step;
        if (!d.u.m || !map_getn(d, argv[i].u.s.p, argv[i].u.s.n, &step)) return def;
        if (i == argc - 3) return step;
        fn_assert_plain_map(step);
        d = step;
    }
    return def;
}

/* copystructure.Copy: maps and lists copied recursively with their Go types; nil maps
 * and slices stay nil (toJson null); scalars and native objects are shared. */
static sg_value deep_copy(sg_value v, int depth)
{
    if (depth > 10000) sg_throwf("runtime: goroutine stack exceeds 1000000000-byte limit");
    if (v.kind == VK_LIST && v.u.l) {
        sg_value c = val_list(list_len(v));
        c.gotype = v.gotype;
        for (size_t i = 0; i < list_len(v); i++) list_push(c, deep_copy(list_get(v, i), depth + 1));
        return c;
    }
    if (v.kind == VK_MAP && v.u.m) {
        sg_value c = val_map();
        c.gotype = v.gotype;
        size_t it = 0;
        sg_mapent *e;
        while (map_next(v, &it, &e)) map_setn(c, e->key, e->klen, deep_copy(e->val, depth + 1));
        return c;
    }
    return v;
}

/* deepCopy v / mustDeepCopy v : a deep copy of maps and lists (copystructure) */
sg_value fn_deepcopy(sg_fcall *c, int argc, sg_value *argv)
{
    if (argv[0].kind == VK_NIL) sg_throwf("reflect: call of reflect.Value.Type on zero Value");
    return deep_copy(argv[0], 0);
}

/* ---- mergo ---- */

static bool is_map(sg_value v) { return v.kind == VK_MAP; }

/* mergo's deepMerge for two maps (dst non-nil): see the file comment of fn_dict.c and
 * mergo v1.0.1 merge.go.  Map values recurse into an existing dst map in place; a nil
 * src value is only copied when overwriting; lists and scalars replace a dst value
 * that is missing or empty (or any value when overwriting). */
static void merge_map(sg_value dst, sg_value src, bool overwrite, int depth)
{
    if (depth > 10000) sg_throwf("runtime: goroutine stack exceeds 1000000000-byte limit");
    size_t it = 0;
    sg_mapent *e;
    while (map_next(src, &it, &e)) {
        sg_value sv = e->val, dv;
        bool has = map_getn(dst, e->key, e->klen, &dv);
        if (sv.kind == VK_NIL) {
            if (overwrite) map_setn(dst, e->key, e->klen, sv);
            continue;
        }
        if (is_map(sv)) {
            if (has && is_map(dv) && dv.u.m && sv.u.m) merge_map(dv, sv, overwrite, depth + 1);
        } else if (sv.kind == VK_LIST) {
            sg_value ds;
            if (overwrite || map_len(dst) == 0) ds = sv;
            else if (has && dv.kind != VK_NIL) ds = dv;
            else { ds = val_list(0); ds.gotype = sv.gotype; }
            map_setn(dst, e->key, e->klen, ds);
        }
        if (has && !fn_is_empty(dv)) {
            if (sv.kind == VK_LIST) continue;
            if (is_map(sv) && is_map(dv)) continue;
        }
        if (overwrite || !has || fn_is_empty(dv)) map_setn(dst, e->key, e->klen, sv);
    }
}

static sg_value merge_all(int argc, sg_value *argv, bool overwrite)
{
    sg_value dst = plain(argv[0]);
    for (int i = 1; i < argc; i++) {
        if (fn_map_is_nil(argv[i])) continue;
        if (!dst.u.m) dst = val_map();
        merge_map(dst, argv[i], overwrite, 0);
    }
    return dst;
}

/* merge dst src... : deep merge into dst, existing non-empty values win (mutates dst) */
sg_value fn_merge(sg_fcall *c, int argc, sg_value *argv) { return merge_all(argc, argv, false); }

/* mergeOverwrite dst src... : deep merge into dst, later values win (mutates dst) */
sg_value fn_mergeoverwrite(sg_fcall *c, int argc, sg_value *argv)
{
    return merge_all(argc, argv, true);
}
