/* chartfile.c - helm lint's Chart.yaml and values.yaml rules (pkg/chart/v2/lint/rules
 * chartfile.go, values.go), in helm's order and with its messages. */
#include "lint_int.h"
#include "../base/arena.h"
#include "../funcs/semver.h"
#include "../io/yaml.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *b = sg_alloc(cap);
    size_t k;
    while ((k = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n - 1 == 0) { b = sg_realloc(b, cap, cap * 2); cap *= 2; }
    }
    fclose(f);
    b[n] = 0;
    if (len) *len = n;
    return b;
}

char *lint_slurp(const char *path, size_t *len);
char *lint_slurp(const char *path, size_t *len) { return slurp(path, len); }

/* govalidator.IsRequestURL, approximately: scheme://host... */
static bool request_url(const char *s)
{
    const char *p = strstr(s, "://");
    if (!p || p == s) return false;
    for (const char *q = s; q < p; q++)
        if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '+' || *q == '-' || *q == '.')) return false;
    return p[3] && !strchr(s, ' ');
}

static bool email_ok(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at != s && strchr(at + 1, '.') && !strchr(at + 1, '@') && !strchr(s, ' ');
}

static const char *go_type(const yt_node *n)
{
    if (n->kind == YT_MAP) return "map[string]interface {}";
    if (n->kind == YT_SEQ) return "[]interface {}";
    if (yt_isnull(n)) return "<nil>";
    if (!n->plain) return "string";
    long long v;
    if (yt_int(n, &v)) return "int64";
    if (!strcmp(n->s, "true") || !strcmp(n->s, "false")) return "bool";
    char *end;
    strtod(n->s, &end);
    if (!*end) return "float64";
    return "string";
}

bool lint_chartfile(lint_report *r, const char *dir)
{
    char *path = sg_sprintf("%s/Chart.yaml", dir);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "should be a file, not a directory");
        return false;
    }
    size_t len;
    char *text = slurp(path, &len);
    if (!text) {
        r->fatal = true;
        r->fatal_msg = sg_sprintf("unable to check Chart.yaml file in chart: stat %s: no such file or directory", path);
        return false;
    }
    yt_node **docs;
    const char *err;
    int nd = yt_parse(text, len, &docs, &err);
    if (nd < 0 || (nd > 0 && docs[0]->kind != YT_MAP && !yt_isnull(docs[0]))) {
        sg_value v;
        const char *gerr = NULL;
        if (yamlio_load(text, len, &v, &gerr) != 0 && gerr)
            lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "unable to parse YAML\n\t%s", gerr);
        else
            lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "unable to parse YAML\n\terror converting YAML to JSON: yaml: %s", nd < 0 ? err : "not a map");
        return true; /* helm goes on: the render reports the loader's error */
    }
    yt_node *cf = nd > 0 ? docs[0] : NULL;
    const char *name = yt_str(yt_get(cf, "name")), *api = yt_str(yt_get(cf, "apiVersion"));
    const char *version = yt_str(yt_get(cf, "version")), *icon = yt_str(yt_get(cf, "icon"));
    if (!name || !*name) lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "name is required");
    else if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
        lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "chart name \"%s\" is invalid", name);
    if (!api || !*api) lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "apiVersion is required. The value must be either \"v1\" or \"v2\"");
    else if (strcmp(api, "v1") && strcmp(api, "v2"))
        lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "apiVersion '%s' is not valid. The value must be either \"v1\" or \"v2\"", api);
    static const char *const typed[] = { "version", "appVersion" };
    for (int i = 0; i < 2; i++) {
        const yt_node *v = yt_get(cf, typed[i]);
        if (v && strcmp(go_type(v), "string")) {
            lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "%s should be of type string but it's of type %s", typed[i], go_type(v));
            /* the metadata struct sees the JSON number: 1.0 -> "1" */
            char *end;
            double d = v->kind == YT_SCALAR ? strtod(v->s, &end) : 0;
            if (i == 0 && v->kind == YT_SCALAR && !*end && d == (double)(long long)d) version = sg_sprintf("%lld", (long long)d);
        }
        if (i == 0) {
            sg_semver sv;
            const char *e;
            if (!version || !*version) lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "version is required");
            else if (semver_parse(version, strlen(version), &sv, &e) != 0)
                lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "version '%s' is not a valid SemVer", version);
        }
    }
    const yt_node *ms = yt_get(cf, "maintainers");
    for (size_t i = 0; ms && ms->kind == YT_SEQ && i < ms->n; i++) {
        const yt_node *m = ms->vals[i];
        const char *mn = yt_str(yt_get(m, "name")), *em = yt_str(yt_get(m, "email")), *url = yt_str(yt_get(m, "url"));
        if (yt_isnull(m)) { lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "a maintainer entry is empty"); break; }
        if (!mn || !*mn) { lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "each maintainer requires a name"); break; }
        if (em && *em && !email_ok(em)) { lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "invalid email '%s' for maintainer '%s'", em, mn); break; }
        if (url && *url && !request_url(url)) { lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "invalid url '%s' for maintainer '%s'", url, mn); break; }
    }
    const yt_node *src = yt_get(cf, "sources");
    for (size_t i = 0; src && src->kind == YT_SEQ && i < src->n; i++) {
        const char *s = yt_str(src->vals[i]);
        if (!s || !request_url(s)) { lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "invalid source URL '%s'", s ? s : ""); break; }
    }
    if (!icon || !*icon) lint_add(r, LINT_INFO, "Chart.yaml", 0, "helm", NULL, "icon is recommended");
    else if (!request_url(icon)) lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "invalid icon URL '%s'", icon);
    const char *type = yt_str(yt_get(cf, "type"));
    if (type && *type && (!api || strcmp(api, "v2")))
        lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "chart type is not valid in apiVersion '%s'. It is valid in apiVersion 'v2'", api ? api : "");
    const yt_node *deps = yt_get(cf, "dependencies");
    if (deps && deps->kind == YT_SEQ && deps->n && (!api || strcmp(api, "v2")))
        lint_add(r, LINT_ERROR, "Chart.yaml", 0, "helm", NULL, "dependencies are not valid in the Chart file with apiVersion '%s'. They are valid in apiVersion 'v2'", api ? api : "");
    {
        sg_semver sv;
        const char *e;
        if (!version) version = "";
        if (semver_parse_strict(version, strlen(version), &sv, &e) != 0)
            lint_add(r, LINT_WARNING, "Chart.yaml", 0, "helm", NULL, "version '%s' is not a valid SemVerV2", version);
    }
    /* values.yaml (rules/values.go) */
    char *vpath = sg_sprintf("%s/values.yaml", dir);
    char *vtext = slurp(vpath, &len);
    if (!vtext) lint_add(r, LINT_INFO, "values.yaml", 0, "helm", NULL, "file does not exist");
    else {
        sg_value v;
        const char *gerr = NULL;
        if (yamlio_load(vtext, len, &v, &gerr) != 0)
            lint_add(r, LINT_ERROR, "values.yaml", 0, "helm", NULL, "unable to parse YAML: %s", gerr ? gerr : "invalid YAML");
    }
    /* an unknown apiVersion stops helm's loader before anything it reports */
    return !(api && *api && strcmp(api, "v1") && strcmp(api, "v2"));
}
