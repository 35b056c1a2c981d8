/* value.h - sg_value: Go's dynamic values as Helm templates see them.
 *
 * Kinds mirror the Go types that show through in Helm output and errors:
 *   nil (interface{} nil / invalid), bool, int, int64, float64, string,
 *   list ([]interface{}, []string, []int, []uint8 ...), map (map[string]interface{},
 *   chartutil.Values, map[string]string ...), and native objects (.Capabilities,
 *   .Files, semver.Version ...) that have fields, methods and a printed form.
 * `gotype` refines list/map/string kinds to the exact Go type for %T, typeOf and the
 * element type used when printing (e.g. []string vs []interface {}).
 *
 * Values are small structs passed by value.  Lists and maps are shared, mutable
 * references (as Go slices/maps): copying an sg_value aliases the container.
 * Everything is allocated in the current arena (base/arena.h).
 */
#ifndef SG_VALUE_H
#define SG_VALUE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum sg_kind {
    VK_NIL = 0,  /* Go nil interface (also the "invalid"/<no value> result) */
    VK_BOOL,
    VK_INT,      /* Go int */
    VK_INT64,    /* Go int64 */
    VK_FLOAT,    /* Go float64 */
    VK_STRING,
    VK_LIST,
    VK_MAP,
    VK_OBJECT,
} sg_kind;

/* Exact Go type of a value, where the kind alone does not say it. */
typedef enum sg_gotype {
    GT_DEFAULT = 0,   /* the natural type: []interface {}, map[string]interface {}, string ... */
    GT_LIST_STRING,   /* []string */
    GT_LIST_INT,      /* []int */
    GT_LIST_BYTES,    /* []uint8 (.Files.GetBytes); items are VK_INT 0..255 */
    GT_MAP_VALUES,    /* chartutil.Values (v3) / common.Values (v4) */
    GT_MAP_STRING,    /* map[string]string */
    GT_UINT8,         /* uint8 element (VK_INT) */
    GT_INT32,         /* int32, e.g. a rune (VK_INT) */
    GT_UINT32,        /* uint32, e.g. adler32sum result (VK_INT64 holds it) */
    GT_UINT64,        /* uint64 (VK_INT64 holds it) */
    GT_STRUCT,        /* map standing for a Go struct's encoding/json form (returned by
                         sg_objtype.tojson hooks): JSON emits its keys in insertion
                         (= struct field) order instead of sorted */
    GT_LIST_LIST,     /* [][]interface {} (chunk); items are []interface {} lists */
    GT_DURATION,      /* time.Duration (VK_INT64), a Stringer (value/gonamed.h) */
    GT_MONTH,         /* time.Month (VK_INT) */
    GT_WEEKDAY,       /* time.Weekday (VK_INT) */
} sg_gotype;

typedef struct sg_list sg_list;
typedef struct sg_map sg_map;
typedef struct sg_object sg_object;

typedef struct sg_value {
    uint8_t kind;    /* sg_kind */
    uint8_t gotype;  /* sg_gotype */
    union {
        bool b;
        int64_t i;   /* VK_INT and VK_INT64 */
        double f;
        struct { const char *p; size_t n; } s; /* VK_STRING: bytes (p[n] == 0 always) */
        sg_list *l;
        sg_map *m;
        sg_object *o;
    } u;
} sg_value;

struct sg_list {
    sg_value *items;
    size_t len, cap;
};

/* Hash map with string keys; iteration in insertion order (map_sorted_keys for Go's
 * sorted printing/ranging).  Deleted slots are skipped. */
typedef struct sg_mapent {
    const char *key;
    size_t klen;
    sg_value val;
    bool live;
} sg_mapent;

struct sg_map {
    sg_mapent *ents;   /* insertion order, may contain dead entries */
    size_t nents, cap, live;
    int32_t *index;    /* open-addressing table of indexes into ents (-1 empty) */
    size_t isize;
};

/* A method's Go signature, for exec's argument conversion (Go's evalCall).  `params`
 * holds one code per parameter as in exec/functab.h's signature strings; `bad`, when
 * set, is Go's complaint about a method a template cannot call (goodFunc's "function X
 * has 3 return values; should be 1 or 2"), raised after the arity check; with params
 * NULL it is raised at once (an unexported struct field of that name). */
typedef struct sg_methodsig {
    const char *params;
    const char *bad;
} sg_methodsig;

/* Native objects: a small vtable. Every hook is optional (NULL = not supported). */
typedef struct sg_objtype {
    const char *name;     /* Go type for %T / typeOf, e.g. "*chartutil.Capabilities" */
    const char *kindname; /* reflect kind for kindOf: "ptr", "struct", "map" ... */
    /* Field access (.Name). Return true and set *out if the field exists. */
    bool (*field)(sg_object *o, const char *name, sg_value *out);
    /* Method call (.Name args...). Return true if the method exists; throws on error. */
    bool (*method)(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out);
    /* The %v / print form (Go's Stringer or struct printing). */
    const char *(*string)(sg_object *o);
    /* Conversion for toJson/toYaml (a map/list/string value), or NIL if none. */
    sg_value (*tojson)(sg_object *o);
    /* Truthiness (structs are always true; maps by length). NULL = true. */
    bool (*truth)(sg_object *o);
    /* Range/len/index support (e.g. engine.files is a map). NULL = not a map. */
    sg_value (*asmap)(sg_object *o);
    /* The %#v form (Go's GoStringer), or NULL. */
    const char *(*gostring)(sg_object *o);
    /* Optional: the signature of method `name` (true), so exec converts its arguments as
     * Go's reflection does before calling `method`; false leaves them to `method`. */
    bool (*msig)(sg_object *o, const char *name, sg_methodsig *sig);
    /* Optional: the error of the type's MarshalJSON for this value (NULL: none), which
     * encoding/json reports as "json: error calling MarshalJSON for type T: ..." */
    const char *(*jsonerr)(sg_object *o);
} sg_objtype;

struct sg_object {
    const sg_objtype *type;
    void *data;
};

/* ---- constructors ---- */
extern const sg_value sg_nil;
sg_value val_bool(bool b);
sg_value val_int(int64_t i);       /* Go int */
sg_value val_int64(int64_t i);     /* Go int64 */
sg_value val_float(double f);
sg_value val_str(const char *p, size_t n);   /* copies into the arena */
sg_value val_cstr(const char *s);            /* copies into the arena */
sg_value val_str_nocopy(const char *p, size_t n); /* p must live in the arena, p[n]==0 */
sg_value val_list(size_t cap);               /* new empty []interface{} */
sg_value val_map(void);                      /* new empty map[string]interface{} */
sg_value val_object(const sg_objtype *t, void *data);

/* ---- lists ---- */
void list_push(sg_value list, sg_value v);
static inline size_t list_len(sg_value l) { return l.u.l ? l.u.l->len : 0; }
static inline sg_value list_get(sg_value l, size_t i) { return l.u.l->items[i]; }

/* ---- maps ---- */
bool map_get(sg_value m, const char *key, sg_value *out);        /* false if missing */
bool map_getn(sg_value m, const char *key, size_t klen, sg_value *out);
void map_set(sg_value m, const char *key, sg_value v);             /* key copied */
void map_setn(sg_value m, const char *key, size_t klen, sg_value v);
bool map_del(sg_value m, const char *key);
static inline size_t map_len(sg_value m) { return m.u.m ? m.u.m->live : 0; }
/* Keys in Go's sorted order (byte-wise), as an arena array of n entries. */
sg_mapent **map_sorted(sg_value m, size_t *n);
/* Live entries in insertion order (Go struct field order for GT_STRUCT maps). */
sg_mapent **map_ordered(sg_value m, size_t *n);
/* Iterate live entries in insertion order:  for (size_t i=0; map_next(m,&i,&e);) */
bool map_next(sg_value m, size_t *it, sg_mapent **e);

/* ---- predicates ---- */
/* Go template truthiness (text/template isTrue). */
bool val_truth(sg_value v);
/* Sprig `empty`. */
bool val_empty(sg_value v);
/* Go type name as %T prints it ("int", "float64", "[]interface {}", "map[string]interface {}",
 * "<nil>" for nil). `helm_major` picks chartutil (3) vs common (4) for Values. */
const char *val_typename(sg_value v);
/* reflect.Kind name as Sprig's kindOf prints it ("int", "float64", "string", "slice",
 * "map", "bool", "invalid", "ptr", "struct"). */
const char *val_kindname(sg_value v);
/* Deep equality as reflect.DeepEqual (types must match). */
bool val_deep_equal(sg_value a, sg_value b);
/* Deep copy of maps and lists (objects and scalars are shared). */
sg_value val_deep_copy(sg_value v);
static inline bool val_is_str(sg_value v) { return v.kind == VK_STRING; }
static inline bool val_is_int(sg_value v) { return v.kind == VK_INT || v.kind == VK_INT64; }

/* The Helm major version being emulated (4 by default, 3 in compat mode). Affects type
 * names and a few behaviours; set once by the CLI. */
extern int sg_helm_major;

#endif
