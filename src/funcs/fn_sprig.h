/* fn_sprig.h - helpers shared by the Sprig families this owner implements (lists, dicts,
 * math, semver, reflection, flow): Go's reflection views of sg_value and the runtime
 * panics whose text Sprig's functions let through (text/template turns a panic in a
 * function into "error calling NAME: <panic text>").
 */
#ifndef SG_FN_SPRIG_H
#define SG_FN_SPRIG_H
#include "../value/value.h"
#include "../exec/functab.h"
#include <stdbool.h>

/* The bodies of every row of funcs_sprig.def. */
#define FN(name, fn, sig, flags) sg_value fn(sg_fcall *c, int argc, sg_value *argv);
#include "funcs_sprig.def"
#undef FN

/* Go's runtime error for a method call on a nil reflect.Type (reflect.TypeOf(nil).Kind()). */
#define FN_NILDEREF "runtime error: invalid memory address or nil pointer dereference"

/* reflect.TypeOf(v).Kind().String(); throws FN_NILDEREF for nil (Go panics there). */
const char *fn_kind_or_panic(sg_value v);
/* Whether v is a Go slice or array (reflect.Slice / reflect.Array kinds). */
static inline bool fn_is_list(sg_value v) { return v.kind == VK_LIST; }
/* Item i of a list as Go's l.Index(i).Interface() sees it ([]uint8 items are uint8). */
sg_value fn_list_item(sg_value l, size_t i);
/* A new []interface{} holding items [from, to) of list l. */
sg_value fn_list_copy(sg_value l, size_t from, size_t to);
/* A nil []interface{} (prints "[]", toJson "null"). */
sg_value fn_nil_list(void);
/* Go's zero-ness for mergo/sprig empty(): nil, false, 0, "", empty list/map. */
bool fn_is_empty(sg_value v);
/* reflect.DeepEqual, also looking through native objects with a deep-equal hook. */
bool fn_deep_equal(sg_value a, sg_value b);
/* Go's `x.(map[string]interface{})` on an interface{}: throws Go's interface
 * conversion panic text unless v is exactly a map[string]interface{}. */
void fn_assert_plain_map(sg_value v);
/* Whether a map-typed parameter received nil (a nil map). */
static inline bool fn_map_is_nil(sg_value m) { return m.kind != VK_MAP || !m.u.m; }

/* ---- semver objects (fn_semver.c) ---- */
struct sg_semver;
/* *semver.Version and semver.Version (what IncMajor & co. return). */
extern const sg_objtype fn_semver_ptr_type, fn_semver_val_type;
/* A *semver.Version object for parsed version v (copied). */
sg_value fn_semver_value(const struct sg_semver *v);
/* reflect.DeepEqual of two semver objects (all fields, including the original text). */
bool fn_semver_deep_equal(sg_object *a, sg_object *b);

#endif
