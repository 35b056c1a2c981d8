/* fn_semver.c - Sprig's semver and semverCompare, and the *semver.Version objects that
 * `semver` returns: printed by String() ("1.2.0"), marshalled to JSON as that string,
 * with Masterminds' methods (.Major, .Prerelease, .Compare (semver "2"), .IncMinor ...).
 * IncX/SetX return a semver.Version value, which has only the value-receiver methods.
 */
#include "../base/arena.h"
#include "../base/err.h"
#include "fn_sprig.h"
#include "../exec/functab.h"
#include "semver.h"
#include <string.h>

static const char *sv_string(sg_object *o) { return semver_string(o->data); }
static sg_value sv_tojson(sg_object *o) { return val_cstr(semver_string(o->data)); }

static sg_value make_obj(const sg_objtype *t, const sg_semver *v)
{
    sg_semver *copy = sg_alloc(sizeof *copy);
    *copy = *v;
    return val_object(t, copy);
}

sg_value fn_semver_value(const sg_semver *v) { return make_obj(&fn_semver_ptr_type, v); }

bool fn_semver_deep_equal(sg_object *a, sg_object *b)
{
    const sg_semver *x = a->data, *y = b->data;
    return x->major == y->major && x->minor == y->minor && x->patch == y->patch &&
           !strcmp(x->pre, y->pre) && !strcmp(x->metadata, y->metadata) &&
           !strcmp(x->original, y->original);
}

static void want_args(const char *name, int argc, int want)
{
    if (argc != want) sg_throwf("wrong number of args for %s: want %d got %d", name, want, argc);
}

/* The *Version argument of Compare & co.; nil is a nil pointer. */
static const sg_semver *version_arg(sg_value v)
{
    if (v.kind == VK_NIL) return NULL;
    if (v.kind == VK_OBJECT && v.u.o->type == &fn_semver_ptr_type) return v.u.o->data;
    sg_throwf("wrong type for value; expected *semver.Version; got %s", val_typename(v));
}

/* Version.originalVPrefix() + String(), the original of an IncX/SetX result. */
static sg_semver derived(const sg_semver *from, sg_semver next)
{
    const char *s = semver_string(&next);
    next.original = from->original[0] == 'v' ? sg_sprintf("v%s", s) : s;
    return next;
}

static bool method(sg_object *o, const char *name, int argc, const sg_value *argv,
                   sg_value *out, bool is_ptr)
{
    const sg_semver *v = o->data;
    if (!strcmp(name, "Major") || !strcmp(name, "Minor") || !strcmp(name, "Patch")) {
        want_args(name, argc, 0);
        uint64_t x = name[1] == 'a' ? (name[2] == 'j' ? v->major : v->patch) : v->minor;
        *out = val_int64((int64_t)x);
        out->gotype = GT_UINT64;
        return true;
    }
    if (!strcmp(name, "Prerelease")) { want_args(name, argc, 0); *out = val_cstr(v->pre); return true; }
    if (!strcmp(name, "Metadata")) { want_args(name, argc, 0); *out = val_cstr(v->metadata); return true; }
    if (!strcmp(name, "String") || !strcmp(name, "Value")) {
        want_args(name, argc, 0);
        *out = val_cstr(semver_string(v));
        return true;
    }
    if (!strcmp(name, "MarshalJSON") || !strcmp(name, "MarshalText")) {
        /* json.Marshal(v.String()) / []byte(v.String()): a version needs no escaping */
        const char *str = semver_string(v);
        if (name[7] == 'J') str = sg_sprintf("\"%s\"", str);
        sg_value l = val_list(strlen(str));
        l.gotype = GT_LIST_BYTES;
        for (const char *p = str; *p; p++) list_push(l, val_int((unsigned char)*p));
        *out = l;
        return true;
    }
    if (!strcmp(name, "IncPatch") || !strcmp(name, "IncMinor") || !strcmp(name, "IncMajor")) {
        want_args(name, argc, 0);
        sg_semver n = *v;
        n.metadata = "";
        if (name[3] == 'P') {
            if (!*v->pre) n.patch++;
            n.pre = "";
        } else if (name[4] == 'i') {
            n.pre = "";
            n.patch = 0;
            n.minor++;
        } else {
            n.pre = "";
            n.patch = n.minor = 0;
            n.major++;
        }
        *out = make_obj(&fn_semver_val_type, &(sg_semver){ 0 });
        *(sg_semver *)out->u.o->data = derived(v, n);
        return true;
    }
    if (!strcmp(name, "SetPrerelease") || !strcmp(name, "SetMetadata")) {
        want_args(name, argc, 1);
        if (argv[0].kind != VK_STRING)
            sg_throwf("wrong type for value; expected string; got %s", val_typename(argv[0]));
        sg_semver n = *v;
        const char *s = sg_strndup(argv[0].u.s.p, argv[0].u.s.n), *err = NULL;
        if (*s) err = name[3] == 'P' ? semver_validate_prerelease(s, strlen(s))
                                     : semver_validate_metadata(s, strlen(s));
        if (err) sg_throwf("%s", err);
        if (name[3] == 'P') n.pre = s;
        else n.metadata = s;
        *out = make_obj(&fn_semver_val_type, &(sg_semver){ 0 });
        *(sg_semver *)out->u.o->data = derived(v, n);
        return true;
    }
    if (!is_ptr) return false;
    if (!strcmp(name, "Original")) { want_args(name, argc, 0); *out = val_cstr(v->original); return true; }
    static const char *const cmps[] = { "LessThan", "LessThanEqual", "GreaterThan",
                                        "GreaterThanEqual", "Equal", "Compare" };
    for (int k = 0; k < 6; k++) {
        if (strcmp(name, cmps[k])) continue;
        want_args(name, argc, 1);
        const sg_semver *w = version_arg(argv[0]);
        if (!w) {
            if (k == 4) { *out = val_bool(false); return true; }
            sg_throwf("%s", FN_NILDEREF);
        }
        int d = semver_compare(v, w);
        switch (k) {
        case 0: *out = val_bool(d < 0); break;
        case 1: *out = val_bool(d <= 0); break;
        case 2: *out = val_bool(d > 0); break;
        case 3: *out = val_bool(d >= 0); break;
        case 4: *out = val_bool(d == 0); break;
        default: *out = val_int(d); break;
        }
        return true;
    }
    return false;
}

static bool ptr_method(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out)
{
    return method(o, name, argc, argv, out, true);
}

static bool val_method(sg_object *o, const char *name, int argc, const sg_value *argv, sg_value *out)
{
    return method(o, name, argc, argv, out, false);
}

/* Method signatures (exec/call.c converts arguments as Go does: "can't handle "x" for
 * arg of type *semver.Version", arity before evaluation); the struct's fields are
 * unexported. */
static bool msig(const char *name, sg_methodsig *sig, bool is_ptr)
{
    static const char *const noargs[] = { "Major", "Minor", "Patch", "Prerelease", "Metadata", "String",
                                          "IncPatch", "IncMinor", "IncMajor", "Value", "MarshalJSON",
                                          "MarshalText" };
    static const char *const cmps[] = { "LessThan", "LessThanEqual", "GreaterThan", "GreaterThanEqual",
                                        "Equal", "Compare" };
    static const char *const fields[] = { "major", "minor", "patch", "pre", "metadata", "original" };
    sig->params = "";
    sig->bad = NULL;
    for (size_t i = 0; i < sizeof noargs / sizeof noargs[0]; i++)
        if (!strcmp(name, noargs[i])) return true;
    if (!strcmp(name, "SetPrerelease") || !strcmp(name, "SetMetadata")) { sig->params = "s"; return true; }
    if (is_ptr && !strcmp(name, "Original")) return true;
    for (size_t i = 0; is_ptr && i < sizeof cmps / sizeof cmps[0]; i++)
        if (!strcmp(name, cmps[i])) { sig->params = "V"; return true; }
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!strcmp(name, fields[i])) {
            sig->params = NULL;
            sig->bad = sg_sprintf("%s is an unexported field of struct type %ssemver.Version", name, is_ptr ? "*" : "");
            return true;
        }
    return false;
}

static bool ptr_msig(sg_object *o, const char *name, sg_methodsig *sig) { return msig(name, sig, true); }
static bool val_msig(sg_object *o, const char *name, sg_methodsig *sig) { return msig(name, sig, false); }

const sg_objtype fn_semver_ptr_type = {
    .name = "*semver.Version",
    .kindname = "ptr",
    .method = ptr_method,
    .msig = ptr_msig,
    .string = sv_string,
    .tojson = sv_tojson,
};

const sg_objtype fn_semver_val_type = {
    .name = "semver.Version",
    .kindname = "struct",
    .method = val_method,
    .msig = val_msig,
    .string = sv_string,
    .tojson = sv_tojson,
};

/* semver version : *semver.Version, or Masterminds' parse error */
sg_value fn_semver(sg_fcall *c, int argc, sg_value *argv)
{
    sg_semver v;
    const char *err;
    if (semver_parse(argv[0].u.s.p, argv[0].u.s.n, &v, &err)) sg_throwf("%s", err);
    return fn_semver_value(&v);
}

/* semverCompare constraint version : whether version satisfies constraint */
sg_value fn_semvercompare(sg_fcall *c, int argc, sg_value *argv)
{
    const char *err;
    sg_semver_constraints *cs = semver_constraint_parse(argv[0].u.s.p, argv[0].u.s.n, &err);
    if (!cs) sg_throwf("%s", err);
    sg_semver v;
    if (semver_parse(argv[1].u.s.p, argv[1].u.s.n, &v, &err)) sg_throwf("%s", err);
    return val_bool(semver_check(cs, &v));
}
