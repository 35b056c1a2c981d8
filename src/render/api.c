/* api.c - include/sparkgen.h: one render from chart source to Helm's exact output.
 *
 * The single catch point for thrown errors.  The steps and their order follow helm
 * v4.1.4's `helm template` (cmd/template.go, cmd/install.go runInstall, action.Install,
 * action.renderResources): capabilities (--kube-version), --name-template, locate the
 * chart, user values, load the chart, installable/deprecated checks, release name,
 * coalesced values, kubeVersion constraint, render, manifest assembly.  Errors from the
 * last three steps get Helm's "Use --debug flag to render out invalid YAML" hint.
 */
#include "sparkgen.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../base/limits.h"
#include "../chart/chart.h"
#include "../chart/values.h"
#include "../exec/exec.h"
#include "../exec/functab.h"
#include "../funcs/semver.h"
#include "../tmpl/parse.h"
#include "../value/gofmt.h"
#include "../value/value.h"
#include "engine.h"
#include "manifest.h"
#include "schema.h"
#include "../chart/archive.h"
#include "../chart/fsio.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sg_chart {
    char *dir;              /* directory source, or NULL */
    const char *name;       /* in-memory source */
    const sg_file *files;
    size_t nfiles;
};

struct sg_result {
    bool ok;
    bool committed;
    sg_buf out, log;
    const char *error;
    mf_result mf;
    bool has_mf;
    mf_file *files;      /* rendered files (for the --debug dump of a YAML error) */
    bool debug;
    size_t nfiles;
};

static int default_major = 4;

void sg_set_helm_version(int major) { default_major = major == 3 ? 3 : 4; sg_helm_major = default_major; }
int sg_helm_version(void) { return default_major; }
const char *sg_version(void) { return "sparkgen 0.1.0"; }

void sg_render_opts_init(sg_render_opts *o) { memset(o, 0, sizeof *o); }

char *sg_check_kube_version(const char *v)
{
    if (!v || !*v) return NULL;
    char *volatile msg = NULL;
    arena_push();
    sg_helm_major = default_major;
    sg_catch k;
    if (SG_TRY(&k)) {
        caps_new(v, NULL, 0);
        catch_pop(&k);
    } else {
        catch_pop(&k);
        const char *m = k.err->msg ? k.err->msg : "invalid kube version";
        msg = malloc(strlen(m) + 1);
        if (msg) strcpy(msg, m);
    }
    arena_pop();
    return msg;
}

static void *xcalloc(size_t n)
{
    void *p = calloc(1, n);
    if (!p) { fputs("sparkgen: out of memory\n", stderr); abort(); }
    return p;
}

sg_chart *sg_chart_dir(const char *dir)
{
    sg_chart *c = xcalloc(sizeof *c);
    c->dir = xcalloc(strlen(dir) + 1);
    strcpy(c->dir, dir);
    return c;
}

sg_chart *sg_chart_mem(const char *name, const sg_file *files, size_t nfiles)
{
    sg_chart *c = xcalloc(sizeof *c);
    c->name = name;
    c->files = files;
    c->nfiles = nfiles;
    return c;
}

void sg_chart_free(sg_chart *c)
{
    if (!c) return;
    free(c->dir);
    free(c);
}

/* ---------------------------------------------------------------- steps */

/* action.TemplateName: the --name-template executed with nil data (Go's error text). */
static const char *name_from_template(const char *tmpl)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        sg_tset *set = tset_new();
        parse_template(set, "name-template", tmpl, strlen(tmpl), fn_exists);
        sg_engine eng;
        exec_engine_init(&eng, set);
        sg_buf b;
        buf_init(&b);
        exec_template(&eng, "name-template", sg_nil, &b);
        catch_pop(&c);
        return b.p;
    }
    catch_pop(&c);
    sg_buf b;
    buf_init(&b);
    err_gostring(c.err, &b);
    sg_throwf("%s", b.p);
}

/* filepath.Abs */
static const char *abs_path(const char *p)
{
    if (p[0] == '/') return p;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return p;
    /* clean "./x" and trailing "/" the simple way */
    while (p[0] == '.' && p[1] == '/') p += 2;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/') n--;
    if (n == 1 && p[0] == '.') return sg_strdup(cwd);
    return sg_sprintf("%s/%.*s", cwd, (int)n, p);
}

/* ChartPathOptions.LocateChart for a local path; then the loader's choice between a
 * directory and an archive.  Returns true for a gzipped archive (packaged chart). */
static bool locate_chart(const char *name)
{
    struct stat st;
    if (stat(name, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return false;
        FILE *f = fopen(name, "rb");
        unsigned char magic[3] = { 0, 0, 0 };
        if (f) {
            /* Helm's isGzip: the gzip magic plus the deflate method byte */
            size_t got = fread(magic, 1, 3, f);
            fclose(f);
            if (got == 3 && magic[0] == 0x1f && magic[1] == 0x8b && magic[2] == 8) return true;
        }
        const char *dot = strrchr(name, '.');
        if (dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml")))
            sg_throwf("file '%s' seems to be a YAML file, but expected a gzipped archive", abs_path(name));
        sg_throwf("file '%s' does not appear to be a gzipped archive; got 'application/octet-stream'", abs_path(name));
    }
    if (name[0] == '/' || name[0] == '.') {
        sg_buf b;
        buf_init(&b);
        gofmt_quote(&b, name, strlen(name));
        sg_throwf("path %s not found", b.p);
    }
    const char *slash = strchr(name, '/');
    if (slash) sg_throwf("repo %.*s not found", (int)(slash - name), name);
    sg_throwf("non-absolute URLs should be in form of repo_name/path_to_chart, got: %s", name);
}

/* chartutil.ValidateReleaseName: NULL or the message. */
static const char *release_name_error(const char *name)
{
    if (!*name) return "no name provided";
    size_t n = strlen(name);
    bool ok = n <= 53;
    const char *p = name;
    while (ok) {
        const char *q = p;
        while (*q && *q != '.') {
            if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9') || *q == '-')) ok = false;
            q++;
        }
        if (q == p || *p == '-' || q[-1] == '-') ok = false;
        if (!*q) break;
        p = q + 1;
    }
    if (ok) return NULL;
    return "invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53";
}

static sg_chartfile *mem_files(const sg_chart *c)
{
    sg_chartfile *f = sg_alloc((c->nfiles + 1) * sizeof *f);
    for (size_t i = 0; i < c->nfiles; i++) {
        f[i].path = c->files[i].path;
        f[i].data = (const char *)c->files[i].data;
        f[i].len = c->files[i].len;
    }
    return f;
}

/* --debug: Helm's DEBUG log line (v4 slog; v3 log.Printf with a timestamp). */
static void debug_line(sg_buf *log, const char *msg, const char *key, const char *val, const char *v3text)
{
    if (sg_helm_major == 3) {
        buf_puts(log, v3text);
        return;
    }
    buf_printf(log, "level=DEBUG msg=\"%s\"", msg);
    if (key) {
        buf_printf(log, " %s=", key);
        manifest_slog_value(log, val);
    }
    buf_putc(log, '\n');
}

/* Count of each chart's loaded subcharts before dependency processing. */
typedef struct depcount { const sg_helmchart *c; size_t n; } depcount;

static void count_deps(const sg_helmchart *c, depcount **v, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        *v = sg_realloc(*v, *cap * sizeof **v, nc * sizeof **v);
        *cap = nc;
    }
    (*v)[*n].c = c;
    (*v)[(*n)++].n = c->ndeps;
    for (size_t i = 0; i < c->ndeps; i++) count_deps(c->deps[i], v, n, cap);
}

/* v4's "number of dependencies in the chart" lines (processDependencyEnabled): enabled
 * charts in pre-order, each with its count of loaded subcharts. */
static void debug_deps(sg_buf *log, const sg_helmchart *c, const depcount *v, size_t n)
{
    size_t cnt = c->ndeps;
    for (size_t i = 0; i < n; i++)
        if (v[i].c == c) { cnt = v[i].n; break; }
    buf_puts(log, "level=DEBUG msg=\"number of dependencies in the chart\" chart=");
    manifest_slog_value(log, c->name);
    buf_printf(log, " dependencies=%zu\n", cnt);
    for (size_t i = 0; i < c->ndeps; i++)
        if (!c->deps[i]->disabled) debug_deps(log, c->deps[i], v, n);
}

static void render_steps(sg_chart *src, const sg_render_opts *o, sg_result *r, volatile int *stage)
{
    int major = sg_helm_major;
    /* 1. --kube-version and --api-versions */
    *stage = 0;
    sg_value caps = caps_new(o->kube_version, o->api_versions.items, o->api_versions.len);
    if (o->debug)
        debug_line(&r->log, "Original chart version", "version", "",
                   "install.go:225: [debug] Original chart version: \"\"\n");

    /* 2. release name from --name-template */
    const char *relname = o->release_name ? o->release_name : "release-name";
    if (o->name_template) relname = name_from_template(o->name_template);

    /* 3. locate, 4. user values, 5. load */
    bool archive = src->dir ? locate_chart(src->dir) : false;
    if (o->debug) {
        const char *p = src->dir ? abs_path(src->dir) : src->name;
        debug_line(&r->log, "Chart path", "path", p, sg_sprintf("install.go:242: [debug] CHART PATH: %s\n\n", p));
    }
    sg_value user = values_user(o);
    sg_helmchart *ch;
    if (archive) {
        const char *data, *err = NULL;
        size_t len, nf;
        sg_chartfile *files;
        if (fsio_read(src->dir, &data, &len, &err) != 0) sg_throwf("%s", err);
        sg_catch ak;
        if (SG_TRY(&ak)) {
            archive_load_files((const unsigned char *)data, len, &files, &nf);
            catch_pop(&ak);
        } else {
            catch_pop(&ak);
            if (major == 3) sg_throw(ak.err);          /* helm v3: LoadArchiveFiles' own text */
            sg_throwf("unable to load chart archive"); /* helm v4's text for any bad archive */
        }
        ch = chart_load_files(src->dir, files, nf);
    } else
        ch = src->dir ? chart_load_dir(src->dir) : chart_load_files(src->name, mem_files(src), src->nfiles);
    if (ch->log) buf_puts(&r->log, ch->log); /* loader lines: symlinks followed or refused */

    /* 6. installable, deprecated */
    const char *type = chart_meta_str(ch, "type");
    if (*type && strcmp(type, "application") != 0) sg_throwf("%s charts are not installable", type);
    if (ch->deprecated)
        buf_puts(&r->log, major == 3 ? "WARNING: This chart is deprecated\n" : "level=WARN msg=\"this chart is deprecated\"\n");

    /* missing dependencies (runInstall's CheckDependencies, before the name check) */
    deps_check(ch);

    /* 7. release name */
    const char *why = release_name_error(relname);
    if (why) {
        sg_buf q;
        buf_init(&q);
        const char *inner = sg_sprintf("release name \"%s\": %s", relname, why);
        if (major == 3) sg_throwf("%s", inner);
        gofmt_quote(&q, inner, strlen(inner));
        buf_printf(&r->log, "level=ERROR msg=\"release name check failed\" error=%s\n", q.p);
        sg_throwf("release name check failed: %s", inner);
    }

    /* 8. values (dependency processing first, inside values_coalesce) */
    depcount *dc = NULL;
    size_t ndc = 0, capdc = 0;
    if (o->debug) count_deps(ch, &dc, &ndc, &capdc);
    sg_buf vlog;
    buf_init(&vlog);
    sg_value vals = values_coalesce(ch, user, &vlog);
    if (o->debug && major != 3) debug_deps(&r->log, ch, dc, ndc);
    buf_put(&r->log, vlog.p, vlog.len);
    if (!o->skip_schema_validation) schema_validate_chart(ch, vals, &r->log);
    const char *ns = o->namespace_name ? o->namespace_name : "default";
    sg_value release = chart_release_value(relname, ns, o->is_upgrade);

    /* 9. kubeVersion constraint (renderResources: errors get the --debug hint) */
    *stage = 1;
    const char *kv = chart_meta_str(ch, "kubeVersion");
    if (*kv) {
        bool ok = false;
        const char *err = NULL;
        const char *have = caps_kube_version(caps);
        if (semver_satisfies(kv, have, &ok, &err) != 0) ok = false;
        if (!ok) sg_throwf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", kv, have);
    }

    /* 10. render */
    size_t nf;
    mf_file *files = engine_render(ch, vals, release, caps, &nf);
    r->files = files;
    r->nfiles = nf;

    /* 11. manifests */
    size_t ncrds;
    mf_file *crds = engine_crds(ch, &ncrds);
    mf_opts mo;
    memset(&mo, 0, sizeof mo);
    mo.include_crds = o->include_crds;
    mo.skip_tests = o->skip_tests;
    mo.no_hooks = o->no_hooks;
    mo.show_only = o->show_only.items;
    mo.n_show_only = o->show_only.len;
    mo.output_dir = o->output_dir && *o->output_dir ? o->output_dir : NULL;
    mo.release_dir = o->use_release_name ? relname : NULL;
    mo.helm_major = major;
    manifest_build(files, nf, crds, ncrds, &mo, &r->mf);
    r->has_mf = true;
}

sg_result *sg_render(sg_chart *c, const sg_render_opts *o)
{
    sg_result *r = xcalloc(sizeof *r);
    arena_push();
    arena_set_limit(sg_limit.max_memory); /* limits.h: a clear error instead of the OOM killer */
    sg_limit.iterations = 0;
    buf_init(&r->out);
    buf_init(&r->log);
    sg_helm_major = o->helm_major == 3 || o->helm_major == 4 ? o->helm_major : default_major;
    r->debug = o->debug;
    volatile int stage = 0;
    sg_catch k;
    if (SG_TRY(&k)) {
        render_steps(c, o, r, &stage);
        if (sg_limit.max_output && r->mf.out.len > sg_limit.max_output)
            sg_throwf("output limit exceeded: more than %zu bytes (raise it with --max-output-bytes)",
                      sg_limit.max_output);
        catch_pop(&k);
        buf_put(&r->log, r->mf.log.p, r->mf.log.len);
        buf_put(&r->out, r->mf.out.p, r->mf.out.len);
        r->ok = true;
        return r;
    }
    catch_pop(&k);
    /* log lines of a manifest assembly that failed half-way were printed by helm */
    if (r->mf.log.len) buf_put(&r->log, r->mf.log.p, r->mf.log.len);
    sg_buf e;
    buf_init(&e);
    if (k.err->kind == SG_ERR_PLAIN && !k.err->cause) buf_puts(&e, k.err->msg ? k.err->msg : "unknown error");
    else err_format(k.err, &e);
    /* show-only's "could not find template" comes from the template command itself */
    int is_show_only = strncmp(e.p, "could not find template ", 24) == 0 && o->show_only.len;
    if (stage == 1 && !is_show_only) {
        if (!o->debug) buf_puts(&e, "\n\nUse --debug flag to render out invalid YAML");
        else {
            /* --debug prints the release manifest: after a YAML error every rendered
             * file (Helm's map order; sorted here), else nothing; trimmed + "\n". */
            sg_buf dump;
            buf_init(&dump);
            if (strncmp(e.p, "YAML parse error on ", 20) == 0) {
                for (size_t i = 0; i < r->nfiles; i++) {
                    const char *p = r->files[i].path;
                    size_t pl = strlen(p), ta, tb;
                    if (pl >= 9 && strcmp(p + pl - 9, "NOTES.txt") == 0) continue;
                    manifest_trim(r->files[i].text, r->files[i].len, &ta, &tb);
                    if (ta == tb) continue;
                    buf_printf(&dump, "---\n# Source: %s\n", p);
                    buf_put(&dump, r->files[i].text, r->files[i].len);
                    buf_putc(&dump, '\n');
                }
            }
            size_t a, b;
            manifest_trim(dump.p, dump.len, &a, &b);
            buf_put(&r->out, dump.p + a, b - a);
            buf_putc(&r->out, '\n');
        }
    }
    if (o->debug && sg_helm_major == 3) buf_printf(&r->log, "helm.go:86: [debug] %s\n", e.p);
    r->error = e.p;
    r->ok = false;
    return r;
}

bool sg_result_ok(const sg_result *r) { return r && r->ok; }

int sg_result_commit(sg_result *r)
{
    if (!r->ok) return -1;
    if (r->committed || !r->has_mf) return 0;
    if (r->mf.nwrites == 0 && r->mf.late_error) {
        r->ok = false;
        r->error = r->mf.late_error;
        return -1;
    }
    r->committed = true;
    const char *err = NULL;
    int rc = manifest_commit(&r->mf, &err);
    if (rc != 0) {
        r->ok = false;
        r->error = rc == -1 && !r->debug ? sg_sprintf("%s\n\nUse --debug flag to render out invalid YAML", err) : err;
        buf_truncate(&r->out, 0);
        return -1;
    }
    if (r->mf.late_error) {
        r->ok = false;
        r->error = r->mf.late_error;
        return -1;
    }
    return 0;
}

const char *sg_result_output(const sg_result *r, size_t *len)
{
    if (len) *len = r->out.len;
    return r->out.p;
}

const char *sg_result_log(const sg_result *r, size_t *len)
{
    if (len) *len = r->log.len;
    return r->log.p;
}

const char *sg_result_error(const sg_result *r) { return r->ok ? NULL : r->error; }

size_t sg_result_count(const sg_result *r) { return r->ok && r->has_mf ? r->mf.ndocs : 0; }

const char *sg_result_doc(const sg_result *r, size_t i, const char **source)
{
    if (i >= sg_result_count(r)) return NULL;
    if (source) *source = r->mf.docs[i].path;
    return r->mf.docs[i].text;
}

void sg_result_free(sg_result *r)
{
    if (!r) return;
    arena_pop();
    free(r);
}
