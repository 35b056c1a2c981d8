/* fn_flow.c - flow control, and the cluster-facing functions as `helm template` answers them:
 * required and fail (Helm's overrides: they fail with an SG_ERR_FAIL error that Helm
 * prints as "execution error at (LOC): MSG"), lookup (always an empty map without a
 * cluster) and getHostByName ("" unless --enable-dns, which sparkgen does not offer).
 */
#include "../base/arena.h"
#include "../base/err.h"
#include "fn_sprig.h"
#include "../exec/functab.h"

static _Noreturn void fail_with(sg_value msg)
{
    sg_throw(err_new(SG_ERR_FAIL, sg_strndup(msg.u.s.p, msg.u.s.n)));
}

/* required msg v : v, unless v is nil or "" (then fail with msg; 0, false and empty
 * lists pass) */
sg_value fn_required(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value v = argv[1];
    if (v.kind == VK_NIL || (v.kind == VK_STRING && v.u.s.n == 0)) fail_with(argv[0]);
    return v;
}

/* fail msg : always fails with msg */
sg_value fn_fail(sg_fcall *c, int argc, sg_value *argv)
{
    fail_with(argv[0]);
}

/* lookup apiVersion kind namespace name : map[string]interface{}{} (no cluster) */
sg_value fn_helm_lookup(sg_fcall *c, int argc, sg_value *argv)
{
    return val_map();
}

/* getHostByName name : "" (DNS lookups are disabled, as in Helm by default) */
sg_value fn_gethostbyname(sg_fcall *c, int argc, sg_value *argv)
{
    return val_cstr("");
}
