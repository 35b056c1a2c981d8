/* fn_reflect.c - Sprig's reflection functions (reflect.go) and reflect.DeepEqual.
 *
 * typeOf is fmt's %T ("<nil>" for nil), kindOf is reflect.Kind's name ("invalid" for
 * nil, "ptr" for *semver.Version, "slice", "map" ...), from value.h's type names.
 */
#include "../base/arena.h"
#include "fn_sprig.h"
#include "../exec/functab.h"
#include <string.h>

static bool str_is(sg_value s, const char *t)
{
    size_t n = strlen(t);
    return s.u.s.n == n && memcmp(s.u.s.p, t, n) == 0;
}

/* typeOf v : Go type name as %T prints it */
sg_value fn_typeof(sg_fcall *c, int argc, sg_value *argv)
{
    return val_cstr(val_typename(argv[0]));
}

/* typeIs name v */
sg_value fn_typeis(sg_fcall *c, int argc, sg_value *argv)
{
    return val_bool(str_is(argv[0], val_typename(argv[1])));
}

/* typeIsLike name v : the type or a pointer to it */
sg_value fn_typeislike(sg_fcall *c, int argc, sg_value *argv)
{
    const char *t = val_typename(argv[1]);
    return val_bool(str_is(argv[0], t) || (t[0] == '*' && str_is(argv[0], t + 1)));
}

/* kindOf v : reflect kind name */
sg_value fn_kindof(sg_fcall *c, int argc, sg_value *argv)
{
    return val_cstr(val_kindname(argv[0]));
}

/* kindIs name v */
sg_value fn_kindis(sg_fcall *c, int argc, sg_value *argv)
{
    return val_bool(str_is(argv[0], val_kindname(argv[1])));
}

/* deepEqual a b : reflect.DeepEqual (types must match: 1 and 1.0 differ) */
sg_value fn_deepequal(sg_fcall *c, int argc, sg_value *argv)
{
    return val_bool(fn_deep_equal(argv[0], argv[1]));
}
