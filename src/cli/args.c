/* args.c - pflag-compatible command-line parsing for `sparkgen template` and
 * `sparkgen render` (see args.h).
 *
 * pflag rules reproduced: `--flag=value` and `--flag value`; bool flags take a value
 * only with `=`; `-abc` clusters of bool shorthands, `-fVALUE`, `-f VALUE`, `-f=VALUE`;
 * `--` ends flags; a lone `-` is an argument; flags and arguments interleave.
 * Value types: string, bool, stringSlice (CSV-split), stringArray, duration, int,
 * float32, stringToString, and a few custom types of Helm (--wait, --dry-run,
 * --post-renderer).  Error texts are pflag's and Helm's, byte for byte.
 */
#include "args.h"
#include "../base/limits.h"
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum ftype {
    F_BOOL, F_STRING, F_SLICE, F_ARRAY, F_DURATION, F_INT, F_FLOAT32, F_STR2STR,
    F_WAIT, F_DRYRUN, F_POSTR, F_POSTRARGS, F_COMPAT,
} ftype;

/* Flag ids (what a flag sets). */
enum {
    X_NONE, X_VALUES, X_SET, X_SET_STRING, X_SET_JSON, X_SET_FILE, X_SET_LITERAL,
    X_NAMESPACE, X_KUBE_VERSION, X_API_VERSIONS, X_SHOW_ONLY, X_OUTPUT_DIR,
    X_INCLUDE_CRDS, X_SKIP_TESTS, X_NO_HOOKS, X_IS_UPGRADE, X_USE_RELEASE_NAME,
    X_RELEASE_NAME_STR, X_GENERATE_NAME, X_NAME_TEMPLATE, X_DEBUG, X_SKIP_SCHEMA,
    X_VALIDATE, X_HELP, X_DRY_RUN, X_CHART, X_COMPAT, X_REPO,
    X_MAX_MEMORY, X_MAX_OUTPUT, X_MAX_ITER, X_MAX_DOCS,
};

typedef struct flagdef {
    const char *name;
    char shorthand;      /* 0 = none */
    ftype type;
    int id;
    const char *deprecated; /* deprecation message, or NULL */
} flagdef;

static const flagdef template_flags[] = {
    { "api-versions", 'a', F_SLICE, X_API_VERSIONS, NULL },
    { "atomic", 0, F_BOOL, X_NONE, "use --rollback-on-failure instead" },
    { "ca-file", 0, F_STRING, X_NONE, NULL },
    { "cert-file", 0, F_STRING, X_NONE, NULL },
    { "create-namespace", 0, F_BOOL, X_NONE, NULL },
    { "dependency-update", 0, F_BOOL, X_NONE, NULL },
    { "description", 0, F_STRING, X_NONE, NULL },
    { "devel", 0, F_BOOL, X_NONE, NULL },
    { "disable-openapi-validation", 0, F_BOOL, X_NONE, NULL },
    { "dry-run", 0, F_DRYRUN, X_DRY_RUN, NULL },
    { "enable-dns", 0, F_BOOL, X_NONE, NULL },
    { "force", 0, F_BOOL, X_NONE, "use --force-replace instead" },
    { "force-conflicts", 0, F_BOOL, X_NONE, NULL },
    { "force-replace", 0, F_BOOL, X_NONE, NULL },
    { "generate-name", 'g', F_BOOL, X_GENERATE_NAME, NULL },
    { "help", 'h', F_BOOL, X_HELP, NULL },
    { "hide-notes", 0, F_BOOL, X_NONE, NULL },
    { "include-crds", 0, F_BOOL, X_INCLUDE_CRDS, NULL },
    { "insecure-skip-tls-verify", 0, F_BOOL, X_NONE, NULL },
    { "is-upgrade", 0, F_BOOL, X_IS_UPGRADE, NULL },
    { "key-file", 0, F_STRING, X_NONE, NULL },
    { "keyring", 0, F_STRING, X_NONE, NULL },
    { "kube-version", 0, F_STRING, X_KUBE_VERSION, NULL },
    { "labels", 'l', F_STR2STR, X_NONE, NULL },
    { "name-template", 0, F_STRING, X_NAME_TEMPLATE, NULL },
    { "no-hooks", 0, F_BOOL, X_NO_HOOKS, NULL },
    { "output-dir", 0, F_STRING, X_OUTPUT_DIR, NULL },
    { "pass-credentials", 0, F_BOOL, X_NONE, NULL },
    { "password", 0, F_STRING, X_NONE, NULL },
    { "plain-http", 0, F_BOOL, X_NONE, NULL },
    { "post-renderer", 0, F_POSTR, X_NONE, NULL },
    { "post-renderer-args", 0, F_POSTRARGS, X_NONE, NULL },
    { "release-name", 0, F_BOOL, X_USE_RELEASE_NAME, NULL },
    { "render-subchart-notes", 0, F_BOOL, X_NONE, NULL },
    { "replace", 0, F_BOOL, X_NONE, NULL },
    { "repo", 0, F_STRING, X_REPO, NULL },
    { "rollback-on-failure", 0, F_BOOL, X_NONE, NULL },
    { "server-side", 0, F_BOOL, X_NONE, NULL },
    { "set", 0, F_ARRAY, X_SET, NULL },
    { "set-file", 0, F_ARRAY, X_SET_FILE, NULL },
    { "set-json", 0, F_ARRAY, X_SET_JSON, NULL },
    { "set-literal", 0, F_ARRAY, X_SET_LITERAL, NULL },
    { "set-string", 0, F_ARRAY, X_SET_STRING, NULL },
    { "show-only", 's', F_ARRAY, X_SHOW_ONLY, NULL },
    { "skip-crds", 0, F_BOOL, X_NONE, NULL },
    { "skip-schema-validation", 0, F_BOOL, X_SKIP_SCHEMA, NULL },
    { "skip-tests", 0, F_BOOL, X_SKIP_TESTS, NULL },
    { "take-ownership", 0, F_BOOL, X_NONE, NULL },
    { "timeout", 0, F_DURATION, X_NONE, NULL },
    { "username", 0, F_STRING, X_NONE, NULL },
    { "validate", 0, F_BOOL, X_VALIDATE, "use '--dry-run=server' instead" },
    { "values", 'f', F_SLICE, X_VALUES, NULL },
    { "verify", 0, F_BOOL, X_NONE, NULL },
    { "version", 0, F_STRING, X_NONE, NULL },
    { "wait", 0, F_WAIT, X_NONE, NULL },
    { "wait-for-jobs", 0, F_BOOL, X_NONE, NULL },
    /* global flags */
    { "burst-limit", 0, F_INT, X_NONE, NULL },
    { "color", 0, F_STRING, X_NONE, NULL },
    { "colour", 0, F_STRING, X_NONE, NULL },
    { "content-cache", 0, F_STRING, X_NONE, NULL },
    { "debug", 0, F_BOOL, X_DEBUG, NULL },
    { "kube-apiserver", 0, F_STRING, X_NONE, NULL },
    { "kube-as-group", 0, F_ARRAY, X_NONE, NULL },
    { "kube-as-user", 0, F_STRING, X_NONE, NULL },
    { "kube-ca-file", 0, F_STRING, X_NONE, NULL },
    { "kube-context", 0, F_STRING, X_NONE, NULL },
    { "kube-insecure-skip-tls-verify", 0, F_BOOL, X_NONE, NULL },
    { "kube-tls-server-name", 0, F_STRING, X_NONE, NULL },
    { "kube-token", 0, F_STRING, X_NONE, NULL },
    { "kubeconfig", 0, F_STRING, X_NONE, NULL },
    { "namespace", 'n', F_STRING, X_NAMESPACE, NULL },
    { "qps", 0, F_FLOAT32, X_NONE, NULL },
    { "registry-config", 0, F_STRING, X_NONE, NULL },
    { "repository-cache", 0, F_STRING, X_NONE, NULL },
    { "repository-config", 0, F_STRING, X_NONE, NULL },
    /* sparkgen's own */
    { "helm-compat", 0, F_COMPAT, X_COMPAT, NULL },
    { "max-memory", 0, F_STRING, X_MAX_MEMORY, NULL },
    { "max-output-bytes", 0, F_STRING, X_MAX_OUTPUT, NULL },
    { "max-iterations", 0, F_STRING, X_MAX_ITER, NULL },
    { "max-documents", 0, F_STRING, X_MAX_DOCS, NULL },
    { NULL, 0, 0, 0, NULL },
};

static const flagdef render_flags[] = {
    { "values", 'f', F_SLICE, X_VALUES, NULL },
    { "set", 0, F_ARRAY, X_SET, NULL },
    { "set-string", 0, F_ARRAY, X_SET_STRING, NULL },
    { "set-json", 0, F_ARRAY, X_SET_JSON, NULL },
    { "set-file", 0, F_ARRAY, X_SET_FILE, NULL },
    { "set-literal", 0, F_ARRAY, X_SET_LITERAL, NULL },
    { "release-name", 0, F_STRING, X_RELEASE_NAME_STR, NULL },
    { "namespace", 'n', F_STRING, X_NAMESPACE, NULL },
    { "chart", 0, F_STRING, X_CHART, NULL },
    { "kube-version", 0, F_STRING, X_KUBE_VERSION, NULL },
    { "api-versions", 'a', F_SLICE, X_API_VERSIONS, NULL },
    { "show-only", 's', F_ARRAY, X_SHOW_ONLY, NULL },
    { "output-dir", 0, F_STRING, X_OUTPUT_DIR, NULL },
    { "include-crds", 0, F_BOOL, X_INCLUDE_CRDS, NULL },
    { "skip-tests", 0, F_BOOL, X_SKIP_TESTS, NULL },
    { "no-hooks", 0, F_BOOL, X_NO_HOOKS, NULL },
    { "is-upgrade", 0, F_BOOL, X_IS_UPGRADE, NULL },
    { "skip-schema-validation", 0, F_BOOL, X_SKIP_SCHEMA, NULL },
    { "debug", 0, F_BOOL, X_DEBUG, NULL },
    { "help", 'h', F_BOOL, X_HELP, NULL },
    { "max-memory", 0, F_STRING, X_MAX_MEMORY, NULL },
    { "max-output-bytes", 0, F_STRING, X_MAX_OUTPUT, NULL },
    { "max-iterations", 0, F_STRING, X_MAX_ITER, NULL },
    { "max-documents", 0, F_STRING, X_MAX_DOCS, NULL },
    { "helm-compat", 0, F_COMPAT, X_COMPAT, NULL },
    { NULL, 0, 0, 0, NULL },
};

/* ---------------------------------------------------------------- small helpers */

/* Every block the parser allocates stays listed here, reachable until exit (the
 * options live as long as the process; leak checkers see no leak). */
static void **pool;
static size_t npool, cappool;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) { fputs("sparkgen: out of memory\n", stderr); abort(); }
    if (p) {
        for (size_t i = 0; i < npool; i++)
            if (pool[i] == p) { pool[i] = q; return q; }
    }
    if (npool == cappool) {
        size_t nc = cappool ? cappool * 2 : 64;
        void **np = realloc(pool, nc * sizeof *np);
        if (!np) { fputs("sparkgen: out of memory\n", stderr); abort(); }
        pool = np;
        cappool = nc;
    }
    pool[npool++] = q;
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xrealloc(NULL, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

static void push(sg_strlist *l, const char *s)
{
    l->items = xrealloc(l->items, (l->len + 1) * sizeof *l->items);
    l->items[l->len++] = s;
}

/* strconv.ParseBool */
static int parse_bool(const char *s, bool *out)
{
    static const char *const t[] = { "1", "t", "T", "TRUE", "true", "True" };
    static const char *const f[] = { "0", "f", "F", "FALSE", "false", "False" };
    for (int i = 0; i < 6; i++) {
        if (strcmp(s, t[i]) == 0) { *out = true; return 0; }
        if (strcmp(s, f[i]) == 0) { *out = false; return 0; }
    }
    return -1;
}

/* encoding/csv reading of one line, as pflag's stringSlice does.  Returns -1 on a
 * CSV syntax error (message in *err). */
static int csv_split(const char *s, sg_strlist *out, const char **err)
{
    if (!*s) return 0;
    const char *p = s;
    for (;;) {
        char *field = xrealloc(NULL, strlen(p) + 1);
        size_t n = 0;
        if (*p == '"') {
            p++;
            for (;;) {
                if (!*p) { *err = "extraneous or missing \" in quoted-field"; return -1; }
                if (*p == '"') {
                    if (p[1] == '"') { field[n++] = '"'; p += 2; continue; }
                    p++;
                    break;
                }
                field[n++] = *p++;
            }
            if (*p && *p != ',') { *err = "extraneous or missing \" in quoted-field"; return -1; }
        } else {
            while (*p && *p != ',') {
                if (*p == '"') { *err = "bare \" in non-quoted-field"; return -1; }
                field[n++] = *p++;
            }
        }
        field[n] = 0;
        push(out, field);
        if (!*p) break;
        p++; /* comma */
    }
    return 0;
}

/* time.ParseDuration validity (the value itself is unused). */
static int valid_duration(const char *s)
{
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (strcmp(p, "0") == 0) return 1;
    if (!*p) return 0;
    while (*p) {
        int digits = 0;
        while (*p >= '0' && *p <= '9') { p++; digits++; }
        if (*p == '.') { p++; while (*p >= '0' && *p <= '9') { p++; digits++; } }
        if (!digits) return 0;
        static const char *const units[] = { "ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s", "m", "h" };
        size_t best = 0;
        for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
            size_t l = strlen(units[i]);
            if (strncmp(p, units[i], l) == 0 && l > best) best = l;
        }
        if (!best) return 0;
        p += best;
    }
    return 1;
}

static const char *flag_display(const flagdef *f)
{
    if (f->shorthand) return xprintf("-%c, --%s", f->shorthand, f->name);
    return xprintf("--%s", f->name);
}

static char *deps_buf;

/* Set flag f from text value v.  Returns 0 or -1 with *err. */
static int set_flag(cli_opts *o, const flagdef *f, const char *v, const char **err)
{
    sg_render_opts *r = &o->ro;
    const char *bad = NULL;
    switch (f->type) {
    case F_BOOL: {
        bool b;
        if (parse_bool(v, &b) != 0) {
            *err = xprintf("invalid argument \"%s\" for \"%s\" flag: strconv.ParseBool: parsing \"%s\": invalid syntax",
                           v, flag_display(f), v);
            return -1;
        }
        switch (f->id) {
        case X_INCLUDE_CRDS: r->include_crds = b; break;
        case X_SKIP_TESTS: r->skip_tests = b; break;
        case X_NO_HOOKS: r->no_hooks = b; break;
        case X_IS_UPGRADE: r->is_upgrade = b; break;
        case X_USE_RELEASE_NAME: r->use_release_name = b; break;
        case X_GENERATE_NAME: o->generate_name = b; break;
        case X_DEBUG: r->debug = b; o->debug_given = true; break;
        case X_SKIP_SCHEMA: r->skip_schema_validation = b; break;
        case X_VALIDATE: o->validate = b; break;
        case X_HELP: o->help = b; break;
        }
        break;
    }
    case F_STRING:
        switch (f->id) {
        case X_NAMESPACE: r->namespace_name = v; break;
        case X_KUBE_VERSION: r->kube_version = v; break;
        case X_OUTPUT_DIR: r->output_dir = v; break;
        case X_NAME_TEMPLATE: o->name_template = v; break;
        case X_RELEASE_NAME_STR: r->release_name = v; break;
        case X_CHART: o->chart_dir = v; break;
        case X_REPO: o->repo = v; break;
        case X_MAX_MEMORY:
        case X_MAX_OUTPUT:
        case X_MAX_ITER:
        case X_MAX_DOCS: {
            /* limits.h: sizes take k/M/G (1000s) and Ki/Mi/Gi (1024s) suffixes; 0 = no limit */
            uint64_t n;
            if (limits_parse_size(v, &n) != 0) {
                *err = xprintf("invalid argument \"%s\" for \"%s\" flag: expected a number such as 512Mi or 2G",
                               v, flag_display(f));
                return -1;
            }
            size_t z = n > SIZE_MAX ? SIZE_MAX : (size_t)n;
            if (f->id == X_MAX_MEMORY) sg_limit.max_memory = z;
            else if (f->id == X_MAX_OUTPUT) {
                sg_limit.max_output = z; /* one string may then be as big as the output */
                if (!z || z > sg_limit.max_string) sg_limit.max_string = z;
            }
            else if (f->id == X_MAX_DOCS) sg_limit.max_documents = n;
            else sg_limit.max_iterations = n;
            break;
        }
        }
        break;
    case F_SLICE: {
        sg_strlist *l = f->id == X_VALUES ? &r->value_files : f->id == X_API_VERSIONS ? &r->api_versions : NULL;
        sg_strlist tmp = {0};
        const char *cerr = NULL;
        if (csv_split(v, l ? l : &tmp, &cerr) != 0) {
            *err = xprintf("invalid argument \"%s\" for \"%s\" flag: parse error on line 1, column %zu: %s",
                           v, flag_display(f), strlen(v) + 1, cerr);
            return -1;
        }
        break;
    }
    case F_ARRAY:
        switch (f->id) {
        case X_SET: push(&r->set, v); break;
        case X_SET_STRING: push(&r->set_string, v); break;
        case X_SET_JSON: push(&r->set_json, v); break;
        case X_SET_FILE: push(&r->set_file, v); break;
        case X_SET_LITERAL: push(&r->set_literal, v); break;
        case X_SHOW_ONLY: push(&r->show_only, v); break;
        }
        break;
    case F_DURATION:
        if (!valid_duration(v)) bad = xprintf("time: invalid duration \"%s\"", v);
        break;
    case F_INT: {
        char *end;
        errno = 0;
        long long x = strtoll(v, &end, 0);
        (void)x;
        if (!*v || *end || errno) bad = xprintf("strconv.ParseInt: parsing \"%s\": %s", v, errno == ERANGE ? "value out of range" : "invalid syntax");
        break;
    }
    case F_FLOAT32: {
        char *end;
        strtod(v, &end);
        if (!*v || *end) bad = xprintf("strconv.ParseFloat: parsing \"%s\": invalid syntax", v);
        break;
    }
    case F_STR2STR: {
        sg_strlist kv = {0};
        const char *cerr = NULL;
        if (csv_split(v, &kv, &cerr) != 0) { bad = cerr; break; }
        for (size_t i = 0; i < kv.len; i++)
            if (!strchr(kv.items[i], '=')) { bad = xprintf("%s must be formatted as key=value", kv.items[i]); break; }
        break;
    }
    case F_WAIT:
        if (strcmp(v, "watcher") && strcmp(v, "hookOnly") && strcmp(v, "legacy"))
            bad = xprintf("invalid wait input \"%s\". Valid inputs are watcher, hookOnly, and legacy", v);
        break;
    case F_DRYRUN:
        o->dry_run = v;
        break;
    case F_POSTR:
        bad = xprintf("plugin: {Name:%s Type:postrenderer/v1} not found", v);
        break;
    case F_POSTRARGS:
        break;
    case F_COMPAT:
        if (strcmp(v, "v3") == 0 || strcmp(v, "3") == 0) o->helm_compat = 3;
        else if (strcmp(v, "v4") == 0 || strcmp(v, "4") == 0) o->helm_compat = 4;
        else bad = xprintf("must be v3 or v4, got \"%s\"", v);
        break;
    }
    if (bad) {
        *err = xprintf("invalid argument \"%s\" for \"%s\" flag: %s", v, flag_display(f), bad);
        return -1;
    }
    if (f->deprecated) {
        deps_buf = xprintf("%sFlag --%s has been deprecated, %s\n", deps_buf ? deps_buf : "", f->name, f->deprecated);
        o->deprecations = deps_buf;
    }
    return 0;
}

/* The no-value default of a flag (pflag NoOptDefVal), or NULL if it needs a value. */
static const char *noopt(const flagdef *f)
{
    switch (f->type) {
    case F_BOOL: return "true";
    case F_WAIT: return "watcher";
    case F_DRYRUN: return "unset";
    default: return NULL;
    }
}

int args_parse(cli_cmd cmd, int argc, char **argv, int first, cli_opts *o, const char **err)
{
    memset(o, 0, sizeof *o);
    o->cmd = cmd;
    sg_render_opts_init(&o->ro);
    const flagdef *tab = cmd == CMD_TEMPLATE ? template_flags : render_flags;
    const char **args = NULL;
    size_t nargs = 0;
    bool only_args = false;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (only_args || a[0] != '-' || a[1] == 0) {
            args = xrealloc(args, (nargs + 1) * sizeof *args);
            args[nargs++] = a;
            continue;
        }
        if (a[1] == '-') {
            if (a[2] == 0) { only_args = true; continue; }
            const char *name = a + 2;
            const char *eq = strchr(name, '=');
            size_t nl = eq ? (size_t)(eq - name) : strlen(name);
            if (nl == 0 || name[0] == '-' || name[0] == '=') {
                *err = xprintf("bad flag syntax: %s", a);
                return -1;
            }
            const flagdef *f = NULL;
            for (const flagdef *t = tab; t->name; t++)
                if (strlen(t->name) == nl && strncmp(t->name, name, nl) == 0) { f = t; break; }
            if (!f) {
                *err = xprintf("unknown flag: --%s", xstrndup(name, nl));
                return -1;
            }
            const char *v;
            if (eq) v = eq + 1;
            else if (noopt(f)) {
                v = noopt(f);
                if (f->type == F_DRYRUN) o->dry_run_given = true;
            } else if (i + 1 < argc) v = argv[++i];
            else {
                *err = xprintf("flag needs an argument: --%s", f->name);
                return -1;
            }
            if (set_flag(o, f, v, err) != 0) return -1;
            continue;
        }
        /* shorthand cluster */
        const char *s = a + 1;
        while (*s) {
            char c = *s;
            const flagdef *f = NULL;
            for (const flagdef *t = tab; t->name; t++)
                if (t->shorthand == c) { f = t; break; }
            if (!f) {
                *err = xprintf("unknown shorthand flag: '%c' in %s", c, a);
                return -1;
            }
            const char *v;
            if (s[1] == '=') { v = s + 2; s += strlen(s); }
            else if (noopt(f)) { v = noopt(f); s++; }
            else if (s[1]) { v = s + 1; s += strlen(s); }
            else if (i + 1 < argc) { v = argv[++i]; s++; }
            else {
                *err = xprintf("flag needs an argument: '%c' in -%c", c, c);
                return -1;
            }
            if (set_flag(o, f, v, err) != 0) return -1;
        }
    }
    o->args = args;
    o->nargs = nargs;
    return 0;
}
