/* caps.c - the .Capabilities object (Helm's pkg/chart/common/capabilities.go, v3
 * pkg/chartutil/capabilities.go): KubeVersion, APIVersions (VersionSet with Has), and
 * HelmVersion (version.BuildInfo), with Go's printing and JSON forms.
 */
#include "chart.h"
#include "objarg.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../funcs/semver.h"
#include "../value/gofmt.h"
#include <stdlib.h>
#include <string.h>

/* Default API versions (scheme.Scheme.PrioritizedVersionsAllGroups) of helm v3.17.3. */
static const char *const api_v3[] = {
    "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
    "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
    "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
    "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
    "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1alpha1",
    "networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
    "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1alpha1", "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
    NULL,
};

/* helm v4.1.4 (57 entries). */
static const char *const api_v4[] = {
    "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
    "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
    "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
    "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1",
    "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
    "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
    NULL,
};

typedef struct kubever {
    const char *version;     /* Version (v4: the input with a "v"; v3: normalised) */
    const char *normalized;  /* v4 normalizedVersion (String()) */
    const char *major, *minor;
} kubever;

typedef struct caps {
    kubever kv;
    sg_value apis;           /* []string (GT_LIST_STRING) */
} caps;

/* ---- KubeVersion ---- */

static bool kv_field(sg_object *o, const char *name, sg_value *out)
{
    kubever *k = o->data;
    if (!strcmp(name, "Version")) { *out = val_cstr(k->version); return true; }
    if (!strcmp(name, "Major")) { *out = val_cstr(k->major); return true; }
    if (!strcmp(name, "Minor")) { *out = val_cstr(k->minor); return true; }
    return false;
}

static const char *kv_string_of(const kubever *k)
{
    if (sg_helm_major >= 4 && k->normalized && *k->normalized) return k->normalized;
    return k->version;
}

static bool kv_method(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out)
{
    kubever *k = o->data;
    if (!strcmp(name, "String") || !strcmp(name, "GitVersion")) {
        objarg_count(name, argc, 0);
        *out = val_cstr(name[0] == 'S' ? kv_string_of(k) : k->version);
        return true;
    }
    return false;
}

static const char *kv_string(sg_object *o) { return kv_string_of(o->data); }

/* The struct's %v form (inside .Capabilities printing, String() is not used). */
static const char *kv_struct(const kubever *k)
{
    if (sg_helm_major >= 4) return sg_sprintf("{%s %s %s %s}", k->version, k->normalized, k->major, k->minor);
    return sg_sprintf("{%s %s %s}", k->version, k->major, k->minor);
}

static sg_value kv_tojson(sg_object *o)
{
    kubever *k = o->data;
    sg_value m = val_map();
    m.gotype = GT_STRUCT;
    map_set(m, "Version", val_cstr(k->version));
    map_set(m, "Major", val_cstr(k->major));
    map_set(m, "Minor", val_cstr(k->minor));
    return m;
}

static const sg_objtype kv_type_v4 = { "common.KubeVersion", "struct", kv_field, kv_method, kv_string, kv_tojson,
                                       NULL, NULL };
static const sg_objtype kv_type_v3 = { "chartutil.KubeVersion", "struct", kv_field, kv_method, kv_string,
                                       kv_tojson, NULL, NULL };

/* ---- VersionSet ---- */

static bool vs_method(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out)
{
    sg_value l = *(sg_value *)o->data;
    if (!strcmp(name, "Has")) {
        objarg_count(name, argc, 1);
        objarg_str(argv[0]);
        bool has = false;
        for (size_t i = 0; i < list_len(l) && !has; i++) {
            sg_value s = list_get(l, i);
            has = s.u.s.n == argv[0].u.s.n && !memcmp(s.u.s.p, argv[0].u.s.p, s.u.s.n);
        }
        *out = val_bool(has);
        return true;
    }
    return false;
}

static sg_value vs_list(sg_object *o) { return *(sg_value *)o->data; }

static const char *vs_string(sg_object *o)
{
    size_t n;
    return gofmt_str(vs_list(o), &n);
}

static bool vs_truth(sg_object *o) { return list_len(vs_list(o)) > 0; }

static const sg_objtype vs_type_v4 = { "common.VersionSet", "slice", NULL, vs_method, vs_string, vs_list, vs_truth,
                                       vs_list };
static const sg_objtype vs_type_v3 = { "chartutil.VersionSet", "slice", NULL, vs_method, vs_string, vs_list,
                                       vs_truth, vs_list };

/* ---- HelmVersion (version.BuildInfo) ---- */

typedef struct buildinfo { const char *version, *commit, *tree, *go, *kube; } buildinfo;

static const buildinfo bi_v4 = { "v4.1.4", "05fa37973dc9e42b76e1d2883494c87174b6074f", "clean", "go1.25.9", "v1.35" };
static const buildinfo bi_v3 = { "v3.17.3", "e4da49785aa6e6ee2b86efd5dd9e43400318262b", "clean", "go1.23.7", NULL };

static bool bi_field(sg_object *o, const char *name, sg_value *out)
{
    const buildinfo *b = o->data;
    const char *v = NULL;
    if (!strcmp(name, "Version")) v = b->version;
    else if (!strcmp(name, "GitCommit")) v = b->commit;
    else if (!strcmp(name, "GitTreeState")) v = b->tree;
    else if (!strcmp(name, "GoVersion")) v = b->go;
    else if (!strcmp(name, "KubeClientVersion") && b->kube) v = b->kube;
    if (!v) return false;
    *out = val_cstr(v);
    return true;
}

static const char *bi_string(sg_object *o)
{
    const buildinfo *b = o->data;
    if (b->kube) return sg_sprintf("{%s %s %s %s %s}", b->version, b->commit, b->tree, b->go, b->kube);
    return sg_sprintf("{%s %s %s %s}", b->version, b->commit, b->tree, b->go);
}

static sg_value bi_tojson(sg_object *o)
{
    const buildinfo *b = o->data;
    sg_value m = val_map();
    m.gotype = GT_STRUCT;
    map_set(m, "version", val_cstr(b->version));
    map_set(m, "git_commit", val_cstr(b->commit));
    map_set(m, "git_tree_state", val_cstr(b->tree));
    map_set(m, "go_version", val_cstr(b->go));
    if (b->kube) map_set(m, "kube_client_version", val_cstr(b->kube));
    return m;
}

static const sg_objtype bi_type = { "version.BuildInfo", "struct", bi_field, NULL, bi_string, bi_tojson, NULL,
                                    NULL };

/* ---- Capabilities ---- */

static bool caps_field(sg_object *o, const char *name, sg_value *out)
{
    caps *c = o->data;
    if (!strcmp(name, "KubeVersion")) {
        *out = val_object(sg_helm_major >= 4 ? &kv_type_v4 : &kv_type_v3, &c->kv);
        return true;
    }
    if (!strcmp(name, "APIVersions")) {
        *out = val_object(sg_helm_major >= 4 ? &vs_type_v4 : &vs_type_v3, &c->apis);
        return true;
    }
    if (!strcmp(name, "HelmVersion")) {
        *out = val_object(&bi_type, (void *)(sg_helm_major >= 4 ? &bi_v4 : &bi_v3));
        return true;
    }
    return false;
}

static const char *caps_string(sg_object *o)
{
    caps *c = o->data;
    size_t n;
    sg_object bo = { &bi_type, (void *)(sg_helm_major >= 4 ? &bi_v4 : &bi_v3) };
    return sg_sprintf("&{%s %s %s}", kv_struct(&c->kv), gofmt_str(c->apis, &n), bi_string(&bo));
}

static sg_value caps_tojson(sg_object *o)
{
    caps *c = o->data;
    sg_value m = val_map();
    m.gotype = GT_STRUCT;
    sg_object ko = { &kv_type_v4, &c->kv }, bo = { &bi_type, (void *)(sg_helm_major >= 4 ? &bi_v4 : &bi_v3) };
    map_set(m, "KubeVersion", kv_tojson(&ko));
    map_set(m, "APIVersions", c->apis);
    map_set(m, "HelmVersion", bi_tojson(&bo));
    return m;
}

static const sg_objtype caps_type_v4 = { "*common.Capabilities", "ptr", caps_field, NULL, caps_string, caps_tojson,
                                         NULL, NULL };
static const sg_objtype caps_type_v3 = { "*chartutil.Capabilities", "ptr", caps_field, NULL, caps_string,
                                         caps_tojson, NULL, NULL };

/* k8s.io/apimachinery version.ParseGeneric: "v1.35.0"-style normalised String(), or
 * NULL with *err. */
static const char *parse_generic(const char *str, uint64_t *maj, uint64_t *min, const char **err)
{
    const char *p = str;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v') p++;
    if (*p == 'v') p++;
    if (!(*p >= '0' && *p <= '9')) {
        *err = sg_sprintf("could not parse \"%s\" as version", str);
        return NULL;
    }
    /* numbers: [0-9]+(\.[0-9]+)* */
    const char *comps[64];
    size_t lens[64], nc = 0;
    const char *q = p;
    for (;;) {
        const char *s = q;
        while (*q >= '0' && *q <= '9') q++;
        if (nc < 64) { comps[nc] = s; lens[nc] = (size_t)(q - s); nc++; }
        if (q[0] == '.' && q[1] >= '0' && q[1] <= '9') { q++; continue; }
        break;
    }
    if (nc < 2) {
        *err = sg_sprintf("illegal version string \"%s\"", str);
        return NULL;
    }
    sg_buf b;
    buf_init(&b);
    for (size_t i = 0; i < nc; i++) {
        const char *c = sg_strndup(comps[i], lens[i]);
        if (i == 0 && c[0] == '0' && c[1]) {
            *err = sg_sprintf("illegal zero-prefixed version component \"%s\" in \"%s\"", c, str);
            return NULL;
        }
        uint64_t v = 0;
        bool over = false;
        for (const char *d = c; *d; d++) {
            unsigned dig = (unsigned)(*d - '0');
            if (v > (UINT64_MAX - dig) / 10) over = true;
            v = v * 10 + dig;
        }
        if (over) {
            *err = sg_sprintf("illegal non-numeric version component \"%s\" in \"%s\": strconv.ParseUint: parsing "
                              "\"%s\": value out of range", c, str, c);
            return NULL;
        }
        if (i == 0) *maj = v;
        if (i == 1) *min = v;
        buf_printf(&b, "%s%llu", i ? "." : "", (unsigned long long)v);
    }
    return b.p;
}

sg_value caps_new(const char *kube_version, const char *const *api_versions, size_t n)
{
    caps *c = sg_alloc(sizeof *c);
    bool v4 = sg_helm_major >= 4;
    if (!kube_version || !*kube_version) {
        const char *d = v4 ? "v1.35.0" : "v1.32.0";
        c->kv = (kubever){ d, d, "1", v4 ? "35" : "32" };
    } else if (v4) {
        uint64_t maj = 0, min = 0;
        const char *err = "";
        const char *norm = parse_generic(kube_version, &maj, &min, &err);
        if (!norm) sg_throwf("invalid kube version '%s': %s", kube_version, err);
        c->kv.version = kube_version[0] == 'v' ? kube_version : sg_sprintf("v%s", kube_version);
        c->kv.normalized = sg_sprintf("v%s", norm);
        c->kv.major = sg_sprintf("%llu", (unsigned long long)maj);
        c->kv.minor = sg_sprintf("%llu", (unsigned long long)min);
    } else {
        sg_semver sv;
        const char *err;
        if (semver_parse(kube_version, strlen(kube_version), &sv, &err) != 0) {
            /* Masterminds/semver v3.3.0 (helm v3.17.3) capitalises this one */
            if (!strcmp(err, "invalid semantic version")) err = "Invalid Semantic Version";
            sg_throwf("invalid kube version '%s': %s", kube_version, err);
        }
        c->kv.version = sg_sprintf("v%s", semver_string(&sv));
        c->kv.normalized = c->kv.version;
        c->kv.major = sg_sprintf("%llu", (unsigned long long)sv.major);
        c->kv.minor = sg_sprintf("%llu", (unsigned long long)sv.minor);
    }
    c->apis = val_list(64);
    c->apis.gotype = GT_LIST_STRING;
    for (const char *const *a = v4 ? api_v4 : api_v3; *a; a++) list_push(c->apis, val_cstr(*a));
    for (size_t i = 0; i < n; i++) list_push(c->apis, val_cstr(api_versions[i]));
    return val_object(v4 ? &caps_type_v4 : &caps_type_v3, c);
}

const char *caps_kube_version(sg_value v)
{
    caps *c = v.u.o->data;
    return kv_string_of(&c->kv);
}

const char *caps_kube_semver(sg_value v)
{
    caps *c = v.u.o->data;
    return c->kv.version;
}
