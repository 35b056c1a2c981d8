/* lint.c - the lint driver: helm lint's rules (chart file, values, render, per-template
 * YAML/name/selector/deprecation rules) then the structural and Spark checks over every
 * rendered document; findings are mapped back to the template line they come from. */
#include "lint_int.h"
#include "../base/arena.h"
#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *lint_slurp(const char *path, size_t *len);
const char *lint_name_problem(const char *kind, const char *name);

void lint_add(lint_report *r, int sev, const char *path, int line, const char *rule,
              const char *object, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    char *msg = sg_alloc((size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 16;
        r->items = sg_realloc(r->items, r->cap * sizeof *r->items, nc * sizeof *r->items);
        r->cap = nc;
    }
    lint_finding *f = &r->items[r->n++];
    f->sev = sev;
    f->path = path ? sg_strdup(path) : "";
    f->line = line;
    f->rule = rule;
    f->object = object ? sg_strdup(object) : NULL;
    f->msg = msg;
    f->file = f->path;
    f->fline = line;
    if (sev > r->highest) r->highest = sev;
}

bool lint_failed(const lint_report *r, bool strict)
{
    return r->fatal || r->highest >= LINT_ERROR || (strict && r->highest >= LINT_WARNING);
}

/* line `ln` (1-based) of text, trimmed of indentation and a leading "- " */
static const char *line_at(const char *text, int ln, size_t *len)
{
    const char *p = text;
    for (int i = 1; i < ln && p; i++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return NULL;
    size_t n = strcspn(p, "\n");
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    if (n >= 2 && p[0] == '-' && p[1] == ' ') { p += 2; n -= 2; while (n && *p == ' ') p++, n--; }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\r')) n--;
    *len = n;
    return p;
}

static int count_lines(const char *t)
{
    int n = 1;
    for (; *t; t++) n += *t == '\n';
    return n;
}

static bool key_line(const char *l, size_t n, const char *key)
{
    size_t k = strlen(key);
    return n > k && !strncmp(l, key, k) && l[k] == ':';
}

static int locate_line(const lint_doc *d, int rline, const char *key);

static int indent_of(const char *text, int ln)
{
    const char *p = text;
    for (int i = 1; i < ln && p; i++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return -1;
    int k = 0;
    while (p[k] == ' ') k++;
    if (p[k] == '-' && p[k + 1] == ' ') k += 2;
    return p[k] == '\n' || !p[k] ? -1 : k;
}

int lint_locate(const lint_doc *d, const yt_node *n, const char *key)
{
    if (!d->tmpl || !n || !d->text) return 0;
    int l = locate_line(d, n->line, key);
    /* a field written by toYaml/include: the nearest enclosing key that is a template line */
    for (int ind = indent_of(d->text, n->line), ln = n->line - 1; !l && ind > 0 && ln > 0; ln--) {
        int k = indent_of(d->text, ln);
        if (k < 0 || k >= ind) continue;
        ind = k;
        l = locate_line(d, ln, NULL);
    }
    return l;
}

static int locate_line(const lint_doc *d, int rline, const char *key)
{
    const yt_node nn = { .line = rline }, *n = &nn;
    size_t len;
    const char *l = line_at(d->text, n->line, &len);
    int tl = count_lines(d->tmpl);
    if (l && len) {
        /* same text on a template line: the occurrence with the same index */
        int idx = 0;
        for (int i = 1; i < n->line; i++) {
            size_t m;
            const char *o = line_at(d->text, i, &m);
            if (o && m == len && !memcmp(o, l, len)) idx++;
        }
        int seen = 0, last = 0;
        for (int i = 1; i <= tl; i++) {
            size_t m;
            const char *o = line_at(d->tmpl, i, &m);
            if (o && m == len && !memcmp(o, l, len)) {
                last = i;
                if (seen++ == idx) return i;
            }
        }
        if (last) return last;
    }
    if (key) {
        int idx = 0;
        for (int i = 1; i < n->line; i++) {
            size_t m;
            const char *o = line_at(d->text, i, &m);
            if (o && key_line(o, m, key)) idx++;
        }
        int seen = 0, last = 0;
        for (int i = 1; i <= tl; i++) {
            size_t m;
            const char *o = line_at(d->tmpl, i, &m);
            if (o && key_line(o, m, key)) {
                last = i;
                if (seen++ == idx) return i;
            }
        }
        if (last) return last;
    }
    return 0;
}

void lint_at(lint_report *r, int sev, const lint_doc *d, const yt_node *n, const char *key,
             const char *rule, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    int line = lint_locate(d, n, key);
    lint_add(r, sev, d->path, line, rule, d->obj, "%s%s%s", d->obj ? d->obj : "", d->obj ? ": " : "", buf);
}

/* Kubernetes API deprecations helm lint warns about (a selection of the removed APIs). */
static const struct { const char *av, *kind, *dep, *gone, *repl; } deprecated[] = {
    { "extensions/v1beta1", "Deployment", "v1.8", "v1.16", "apps/v1 Deployment" },
    { "extensions/v1beta1", "DaemonSet", "v1.8", "v1.16", "apps/v1 DaemonSet" },
    { "extensions/v1beta1", "ReplicaSet", "v1.8", "v1.16", "apps/v1 ReplicaSet" },
    { "extensions/v1beta1", "Ingress", "v1.14", "v1.22", "networking.k8s.io/v1 Ingress" },
    { "extensions/v1beta1", "NetworkPolicy", "v1.9", "v1.16", "networking.k8s.io/v1 NetworkPolicy" },
    { "apps/v1beta1", "Deployment", "v1.9", "v1.16", "apps/v1 Deployment" },
    { "apps/v1beta1", "StatefulSet", "v1.9", "v1.16", "apps/v1 StatefulSet" },
    { "apps/v1beta2", "Deployment", "v1.9", "v1.16", "apps/v1 Deployment" },
    { "apps/v1beta2", "StatefulSet", "v1.9", "v1.16", "apps/v1 StatefulSet" },
    { "apps/v1beta2", "DaemonSet", "v1.9", "v1.16", "apps/v1 DaemonSet" },
    { "batch/v1beta1", "CronJob", "v1.21", "v1.25", "batch/v1 CronJob" },
    { "policy/v1beta1", "PodDisruptionBudget", "v1.21", "v1.25", "policy/v1 PodDisruptionBudget" },
    { "networking.k8s.io/v1beta1", "Ingress", "v1.19", "v1.22", "networking.k8s.io/v1 Ingress" },
    { "autoscaling/v2beta2", "HorizontalPodAutoscaler", "v1.23", "v1.26", "autoscaling/v2 HorizontalPodAutoscaler" },
};

/* helm lint's per-template rules for one rendered document */
static void helm_doc_rules(lint_report *r, lint_doc *d)
{
    const char *av = yt_str(yt_get(d->root, "apiVersion"));
    for (size_t i = 0; av && d->kind && i < sizeof deprecated / sizeof *deprecated; i++)
        if (!strcmp(av, deprecated[i].av) && !strcmp(d->kind, deprecated[i].kind))
            lint_add(r, LINT_WARNING, d->path, 0, "deprecated-api", d->obj, "%s %s is deprecated in %s+, unavailable in %s+; use %s",
                     av, d->kind, deprecated[i].dep, deprecated[i].gone, deprecated[i].repl);
    if (d->kind) {
        const char *nm = d->name ? d->name : "";
        const char *p = NULL;
        if (strlen(nm) > 253)
            lint_add(r, LINT_WARNING, d->path, 0, "helm", d->obj, "object name must be between 0 and 253 characters: \"%s\"", nm);
        else if ((p = lint_name_problem(d->kind, nm))) {
            /* helm's text exactly (no line in it); the line goes to json/github output */
            lint_add(r, LINT_WARNING, d->path, 0, "helm", d->obj,
                     "object name does not conform to Kubernetes naming requirements: \"%s\": metadata.name: Invalid value: \"%s\": %s", nm, nm, p);
            r->items[r->n - 1].fline = lint_locate(d, yt_path(d->root, "metadata.name"), "name");
        }
        static const char *const sel[] = { "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet" };
        for (int i = 0; i < 4; i++)
            if (!strcmp(d->kind, sel[i]) && av && strstr(av, "apps/v1") == av && !strcmp(av, "apps/v1")) {
                const yt_node *s = yt_path(d->root, "spec.selector");
                if (!yt_get(s, "matchLabels") && !yt_get(s, "matchExpressions"))
                    lint_add(r, LINT_ERROR, d->path, 0, "helm", d->obj, "a %s must contain matchLabels or matchExpressions, and \"%s\" does not", d->kind, nm);
            }
        if (!strcmp(av ? av : "", "extensions/v1beta1") || !strcmp(av ? av : "", "apps/v1beta2"))
            for (int i = 0; i < 4; i++)
                if (!strcmp(d->kind, sel[i])) {
                    const yt_node *s = yt_path(d->root, "spec.selector");
                    if (!yt_get(s, "matchLabels") && !yt_get(s, "matchExpressions"))
                        lint_add(r, LINT_ERROR, d->path, 0, "helm", d->obj, "a %s must contain matchLabels or matchExpressions, and \"%s\" does not", d->kind, nm);
                }
    }
}

static void fill_identity(lint_doc *d)
{
    if (!d->root || d->root->kind != YT_MAP) { d->root = NULL; return; }
    d->kind = yt_str(yt_get(d->root, "kind"));
    d->name = yt_str(yt_path(d->root, "metadata.name"));
    d->ns = yt_str(yt_path(d->root, "metadata.namespace"));
    d->obj = d->kind || d->name ? sg_sprintf("%s/%s", d->kind ? d->kind : "?", d->name ? d->name : "?") : NULL;
}

/* The rendered documents of one template file, linted as helm lint does. */
static void lint_template_text(lint_report *r, const char *path, const char *tmpl, const char *text,
                               lint_doc **docs, size_t *nd, size_t *cap)
{
    /* validateTopIndentLevel */
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        size_t k = 0;
        while (k < n && isspace((unsigned char)p[k])) k++;
        if (k < n) {
            if (p[0] == ' ' || p[0] == '\t')
                lint_add(r, LINT_WARNING, path, 0, "helm", NULL, "document starts with an illegal indent: \"%.*s\", which may cause parsing problems", (int)n, p);
            break;
        }
        p += n;
        if (*p) p++;
    }
    yt_node **roots;
    const char *err;
    int n = yt_parse(text, strlen(text), &roots, &err);
    if (n < 0) {
        lint_add(r, LINT_ERROR, path, 0, "helm", NULL, "unable to parse YAML: error converting YAML to JSON: yaml: %s", err);
        return;
    }
    for (int i = 0; i < n; i++) {
        if (yt_isnull(roots[i])) continue;
        if (*nd == *cap) {
            size_t nc = *cap ? *cap * 2 : 16;
            *docs = sg_realloc(*docs, *cap * sizeof **docs, nc * sizeof **docs);
            *cap = nc;
        }
        lint_doc *d = &(*docs)[(*nd)++];
        memset(d, 0, sizeof *d);
        d->path = path;
        d->tmpl = tmpl;
        d->text = text;
        d->root = roots[i];
        fill_identity(d);
        if (d->root) helm_doc_rules(r, d);
        else (*nd)--;
    }
}

static void walk_templates(lint_report *r, const char *dir, const char *rel)
{
    char *full = sg_sprintf("%s/%s", dir, rel);
    DIR *dh = opendir(full);
    if (!dh) return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) { size_t nc = cap ? cap * 2 : 16; names = sg_realloc(names, cap * sizeof *names, nc * sizeof *names); cap = nc; }
        names[n++] = sg_strdup(e->d_name);
    }
    closedir(dh);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[i], names[j]) > 0) { char *t = names[i]; names[i] = names[j]; names[j] = t; }
    for (size_t i = 0; i < n; i++) {
        char *r2 = sg_sprintf("%s/%s", rel, names[i]);
        struct stat st;
        if (stat(sg_sprintf("%s/%s", dir, r2), &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) { walk_templates(r, dir, r2); continue; }
        const char *dot = strrchr(names[i], '.');
        const char *ext = dot ? dot : "";
        if (strcmp(ext, ".yaml") && strcmp(ext, ".yml") && strcmp(ext, ".tpl") && strcmp(ext, ".txt"))
            lint_add(r, LINT_ERROR, r2, 0, "helm", NULL, "file extension '%s' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt", ext);
    }
}

/* "template: c/templates/x.yaml:3:7: executing \"...\" at <...>: msg" -> helm lint's shape */
static void render_error(lint_report *r, const char *err)
{
    static const char hint[] = "\n\nUse --debug flag to render out invalid YAML";
    size_t el = strlen(err);
    if (el >= sizeof hint - 1 && !strcmp(err + el - (sizeof hint - 1), hint)) err = sg_strndup(err, el - (sizeof hint - 1));
    if (strstr(err, "values don't meet the specifications of the schema(s)") == err) {
        /* helm lint's values.yaml rule validates the same values first: the top chart's lines */
        const char *p = strchr(err, '\n');
        p = p ? strchr(p + 1, '\n') : NULL;
        if (p) {
            const char *q = p + 1, *end = q;
            while (!strncmp(end, "- ", 2)) {
                const char *nl = strchr(end, '\n');
                end = nl ? nl + 1 : end + strlen(end);
            }
            if (end > q) lint_add(r, LINT_ERROR, "values.yaml", 0, "helm", NULL, "%.*s", (int)(end - q), q);
        }
    }
    const char *miss = strstr(err, "found in Chart.yaml, but missing in charts/ directory: ");
    if (miss) {
        char *abs = realpath(r->chart, NULL);
        lint_add(r, LINT_WARNING, abs ? abs : r->chart, 0, "helm", NULL, "chart directory is missing these dependencies: %s", miss + 55);
        free(abs);
        return;
    }
    if (!strncmp(err, "YAML parse error on ", 20)) {
        /* helm lint parses each template's output itself: "<file>: unable to parse YAML: ..." */
        const char *p = err + 20, *c = strstr(p, ": ");
        const char *slash = c ? memchr(p, '/', (size_t)(c - p)) : NULL;
        if (slash) {
            const char *rest = c + 2;
            const char *ln = strstr(rest, "yaml: line ");
            lint_add(r, LINT_ERROR, sg_strndup(slash + 1, (size_t)(c - slash - 1)), 0, "helm", NULL, "unable to parse YAML: %s", rest);
            if (ln) r->items[r->n - 1].fline = atoi(ln + 11);
            return;
        }
    }
    bool loader = strncmp(err, "template: ", 10) && strncmp(err, "execution error", 15) && strncmp(err, "values don't meet", 17) &&
                  strncmp(err, "parse error", 11) && strncmp(err, "YAML parse error", 16);
    const char *e = err;
    if (!strncmp(e, "template: ", 10)) e += 10;
    const char *ex = strstr(e, ": executing \"");
    const char *file = NULL;
    int line = 0;
    const char *colon = strchr(e, ':');
    if (colon && isdigit((unsigned char)colon[1])) {
        const char *slash = memchr(e, '/', (size_t)(colon - e));
        if (slash) file = sg_strndup(slash + 1, (size_t)(colon - slash - 1));
        line = atoi(colon + 1);
    }
    const char *msg = err;
    if (ex) {
        const char *at = strstr(ex, "> ");
        const char *gt = strstr(ex, ">: ");
        (void)at;
        if (gt) msg = sg_sprintf("%.*s\n  %.*s:\n    %s", (int)(ex - e), e, (int)(gt + 1 - (ex + 2)), ex + 2, gt + 3);
    }
    lint_add(r, LINT_ERROR, "templates/", 0, "helm", NULL, "%s", msg);
    if (file) { r->items[r->n - 1].file = file; r->items[r->n - 1].fline = line; }
    if (loader) lint_add(r, LINT_ERROR, "", 0, "helm", NULL, "unable to load chart\n\t%s", err);
}

static void lint_docs(lint_report *r, lint_doc *docs, size_t nd)
{
    lint_kube(r, docs, nd);
    lint_spark(r, docs, nd);
}

lint_report *lint_run(const char *dir, const sg_render_opts *o)
{
    arena_push();
    lint_report *r = sg_alloc(sizeof *r);
    r->chart = sg_strdup(dir);
    if (!lint_chartfile(r, dir)) return r;
    struct stat st;
    char *tdir = sg_sprintf("%s/templates", dir);
    if (stat(tdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        lint_add(r, LINT_WARNING, "templates/", 0, "helm", NULL, "directory does not exist");
        return r;
    }
    sg_render_opts ro = *o;
    ro.show_only.len = 0;
    ro.output_dir = NULL;
    sg_chart *c = sg_chart_dir(dir);
    sg_result *res = sg_render(c, &ro);
    sg_chart_free(c);
    r->priv = res;
    if (!sg_result_ok(res)) {
        const char *err = sg_result_error(res);
        bool user = err && (!strncmp(err, "failed parsing --set", 20) || !strncmp(err, "failed to parse ", 16));
        for (size_t i = 0; err && !user && i < o->value_files.len; i++) {
            const char *vf = o->value_files.items[i];
            size_t k = strlen(vf);
            user = !strncmp(err, "open ", 5) && !strncmp(err + 5, vf, k) && err[5 + k] == ':';
        }
        if (user) {
            r->fatal = r->values_error = true;
            r->fatal_msg = sg_strdup(err);
            return r;
        }
        render_error(r, err ? err : "render failed");
        return r;
    }
    walk_templates(r, dir, "templates");
    /* group documents by template: helm lint parses each template's whole output */
    size_t nres = sg_result_count(res), nd = 0, cap = 0;
    lint_doc *docs = NULL;
    const char **done = sg_alloc((nres + 1) * sizeof *done);
    size_t ndone = 0;
    for (size_t i = 0; i < nres; i++) {
        const char *src;
        sg_result_doc(res, i, &src);
        bool seen = false;
        for (size_t j = 0; j < ndone; j++) seen |= !strcmp(done[j], src);
        if (seen) continue;
        done[ndone++] = src;
        size_t tot = 0;
        for (size_t j = i; j < nres; j++) {
            const char *s2, *t = sg_result_doc(res, j, &s2);
            if (!strcmp(s2, src)) tot += strlen(t) + 5;
        }
        char *text = sg_alloc(tot + 1), *w = text;
        for (size_t j = i; j < nres; j++) {
            const char *s2, *t = sg_result_doc(res, j, &s2);
            if (strcmp(s2, src)) continue;
            if (w != text) { memcpy(w, "\n---\n", 5); w += 5; }
            size_t k = strlen(t);
            memcpy(w, t, k);
            w += k;
        }
        *w = 0;
        const char *slash = strchr(src, '/');
        const char *rel = slash ? slash + 1 : src;
        char *tmpl = lint_slurp(sg_sprintf("%s/%s", dir, rel), NULL);
        lint_template_text(r, rel, tmpl, text, &docs, &nd, &cap);
    }
    lint_docs(r, docs, nd);
    return r;
}

lint_report *lint_run_manifests(const char *path, const char *text, size_t len)
{
    arena_push();
    lint_report *r = sg_alloc(sizeof *r);
    r->chart = sg_strdup(path);
    char *t = sg_strndup(text, len);
    lint_doc *docs = NULL;
    size_t nd = 0, cap = 0;
    /* split at "---" lines; "# Source: chart/templates/x.yaml" names each document */
    char *p = t;
    while (*p) {
        char *start = p, *end = p;
        while (*end) {
            if (!strncmp(end, "---", 3) && (end[3] == '\n' || end[3] == 0 || end[3] == ' ') && (end == t || end[-1] == '\n') && end != start) break;
            char *nl = strchr(end, '\n');
            end = nl ? nl + 1 : end + strlen(end);
        }
        char *doc = sg_strndup(start, (size_t)(end - start));
        if (!strncmp(doc, "---", 3)) doc += strcspn(doc, "\n") + (doc[strcspn(doc, "\n")] ? 1 : 0);
        const char *src = strstr(doc, "# Source: ");
        const char *rel = path;
        if (src) {
            src += 10;
            const char *slash = strchr(src, '/');
            size_t k = strcspn(src, "\n");
            rel = slash && (size_t)(slash - src) < k ? sg_strndup(slash + 1, k - (size_t)(slash + 1 - src)) : sg_strndup(src, k);
        }
        lint_template_text(r, rel, NULL, doc, &docs, &nd, &cap);
        p = end;
    }
    lint_docs(r, docs, nd);
    return r;
}

void lint_report_free(lint_report *r)
{
    if (!r) return;
    if (r->priv) sg_result_free(r->priv);
    arena_pop();
}
