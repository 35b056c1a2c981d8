/* kube.c - structural checks of rendered Kubernetes objects: identity (apiVersion, kind,
 * metadata.name), names and labels as Kubernetes validates them, duplicates, workload
 * selectors, containers (ports, resources, env, probes) and Service selectors. */
#include "lint_int.h"
#include "../base/arena.h"
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char msg_sub[] = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
static const char msg_1035[] = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
static const char msg_1123[] = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

static bool lab1123(const char *s, size_t n)
{
    if (n == 0 || n > 63) return false;
    for (size_t i = 0; i < n; i++)
        if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-')) return false;
    return s[0] != '-' && s[n - 1] != '-';
}

static bool sub1123(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 253) return false;
    while (*s) {
        size_t k = strcspn(s, ".");
        if (!lab1123(s, k)) return false;
        s += k;
        if (*s == '.') { s++; if (!*s) return false; }
    }
    return true;
}

static bool lab1035(const char *s) { return lab1123(s, strlen(s)) && islower((unsigned char)s[0]); }

/* label value: empty or <=63 of [A-Za-z0-9-_.] starting and ending alphanumeric */
static bool label_value_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0) return true;
    if (n > 63) return false;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_' || s[i] == '.')) return false;
    return isalnum((unsigned char)s[0]) && isalnum((unsigned char)s[n - 1]);
}

static bool label_key_ok(const char *s)
{
    const char *slash = strchr(s, '/');
    const char *name = s;
    if (slash) {
        char *pre = sg_strndup(s, (size_t)(slash - s));
        if (!sub1123(pre)) return false;
        name = slash + 1;
    }
    return *name && label_value_ok(name);
}

static bool env_name_ok(const char *s)
{
    if (!*s || isdigit((unsigned char)*s)) return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == '.')) return false;
    return true;
}

/* IANA_SVC_NAME: <=15, lowercase alnum and '-', a letter, no '--', no leading/trailing '-' */
static bool port_name_ok(const char *s)
{
    size_t n = strlen(s);
    bool letter = false;
    if (n == 0 || n > 15 || s[0] == '-' || s[n - 1] == '-' || strstr(s, "--")) return false;
    for (size_t i = 0; i < n; i++) {
        if (islower((unsigned char)s[i])) letter = true;
        else if (!isdigit((unsigned char)s[i]) && s[i] != '-') return false;
    }
    return letter;
}

bool lint_quantity(const char *s, double *out)
{
    if (!s || !*s) return false;
    const char *p = s;
    if (*p == '+' || *p == '-') p++;
    char *end;
    if (!isdigit((unsigned char)*p) && *p != '.') return false;
    double v = strtod(s, &end);
    if (end == s) return false;
    /* strtod takes exponents and hex itself; Kubernetes only a decimal exponent suffix */
    for (const char *q = p; q < end; q++)
        if (!(isdigit((unsigned char)*q) || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-')) return false;
    static const struct { const char *suf; double mul; } sufs[] = {
        { "Ki", 1024.0 }, { "Mi", 1048576.0 }, { "Gi", 1073741824.0 }, { "Ti", 1099511627776.0 },
        { "Pi", 1125899906842624.0 }, { "Ei", 1152921504606846976.0 }, { "n", 1e-9 }, { "u", 1e-6 },
        { "m", 1e-3 }, { "k", 1e3 }, { "M", 1e6 }, { "G", 1e9 }, { "T", 1e12 }, { "P", 1e15 }, { "E", 1e18 }, { "", 1 },
    };
    for (size_t i = 0; i < sizeof sufs / sizeof *sufs; i++)
        if (!strcmp(end, sufs[i].suf)) { *out = v * sufs[i].mul; return isfinite(*out); }
    return false;
}

static bool is_workload(const char *k)
{
    return k && (!strcmp(k, "Deployment") || !strcmp(k, "StatefulSet") || !strcmp(k, "DaemonSet") ||
                 !strcmp(k, "ReplicaSet") || !strcmp(k, "Job") || !strcmp(k, "CronJob") || !strcmp(k, "Pod"));
}

/* The pod template (metadata + spec holder) of a workload, or the Pod itself. */
static yt_node *pod_template(const lint_doc *d)
{
    if (!d->kind || !d->root) return NULL;
    if (!strcmp(d->kind, "Pod")) return d->root;
    if (!strcmp(d->kind, "CronJob")) return yt_path(d->root, "spec.jobTemplate.spec.template");
    return yt_path(d->root, "spec.template");
}

static void check_labels(lint_report *r, const lint_doc *d, const yt_node *labels, const char *where)
{
    if (!labels || labels->kind != YT_MAP) return;
    for (size_t i = 0; i < labels->n; i++) {
        const char *k = yt_str(labels->keys[i]);
        const yt_node *v = labels->vals[i];
        if (k && !label_key_ok(k))
            lint_at(r, LINT_ERROR, d, labels->keys[i], k, "label-key", "%s: invalid label key %s", where, k);
        if (v->kind != YT_SCALAR && !yt_isnull(v))
            lint_at(r, LINT_ERROR, d, labels->keys[i], k, "label-value", "%s: label %s must be a string", where, k);
        else if (v->kind == YT_SCALAR && !label_value_ok(v->s))
            lint_at(r, LINT_ERROR, d, v, k, "label-value", "%s: invalid value %s for label %s: must be 63 characters or less, alphanumeric, '-', '_' or '.', starting and ending alphanumeric", where, v->s, k);
    }
}

/* matchLabels all present with equal values in labels */
static bool selects(const yt_node *sel, const yt_node *labels)
{
    if (!sel || sel->kind != YT_MAP || sel->n == 0) return false;
    for (size_t i = 0; i < sel->n; i++) {
        const char *k = yt_str(sel->keys[i]), *v = yt_str(sel->vals[i]);
        const char *lv = yt_str(yt_get(labels, k ? k : ""));
        if (!k || !v || !lv || strcmp(v, lv)) return false;
    }
    return true;
}

static double qty_of(const yt_node *n, bool *ok)
{
    double v = 0;
    *ok = n && n->kind == YT_SCALAR && lint_quantity(n->s, &v);
    return v;
}

static void check_resources(lint_report *r, const lint_doc *d, const yt_node *res, const char *cname)
{
    if (!res || res->kind != YT_MAP) return;
    const yt_node *req = yt_get(res, "requests"), *lim = yt_get(res, "limits");
    const yt_node *sets[2] = { req, lim };
    for (int s = 0; s < 2; s++) {
        if (!sets[s] || sets[s]->kind != YT_MAP) continue;
        for (size_t i = 0; i < sets[s]->n; i++) {
            bool ok;
            qty_of(sets[s]->vals[i], &ok);
            if (!ok)
                lint_at(r, LINT_ERROR, d, sets[s]->vals[i], yt_str(sets[s]->keys[i]), "quantity",
                        "container %s: resources.%s.%s: quantity \"%s\" does not parse", cname,
                        s ? "limits" : "requests", yt_str(sets[s]->keys[i]) ? yt_str(sets[s]->keys[i]) : "?",
                        yt_str(sets[s]->vals[i]) ? yt_str(sets[s]->vals[i]) : "(not a scalar)");
        }
    }
    if (!req || !lim || req->kind != YT_MAP) return;
    for (size_t i = 0; i < req->n; i++) {
        const char *k = yt_str(req->keys[i]);
        bool ok1, ok2;
        double a = qty_of(req->vals[i], &ok1), b = qty_of(yt_get(lim, k ? k : ""), &ok2);
        if (ok1 && ok2 && a > b)
            lint_at(r, LINT_ERROR, d, req->vals[i], k, "requests-le-limits",
                    "container %s: resources.requests.%s (%s) exceeds resources.limits.%s (%s)", cname, k,
                    yt_str(req->vals[i]), k, yt_str(yt_get(lim, k)));
    }
}

/* probe port: number among declared containerPorts, or a declared port name */
static void check_probe(lint_report *r, const lint_doc *d, const yt_node *c, const char *pname, const char *cname)
{
    const yt_node *pr = yt_get(c, pname);
    if (!pr) return;
    static const char *const kinds[] = { "httpGet", "tcpSocket", "grpc" };
    for (int i = 0; i < 3; i++) {
        const yt_node *port = yt_get(yt_get(pr, kinds[i]), "port");
        if (!port || port->kind != YT_SCALAR) continue;
        const yt_node *ports = yt_get(c, "ports");
        long long pn;
        bool found = false, isnum = yt_int(port, &pn);
        for (size_t j = 0; ports && ports->kind == YT_SEQ && j < ports->n; j++) {
            long long cp;
            if (isnum && yt_int(yt_get(ports->vals[j], "containerPort"), &cp) && cp == pn) found = true;
            const char *nm = yt_str(yt_get(ports->vals[j], "name"));
            if (!isnum && nm && !strcmp(nm, port->s)) found = true;
        }
        if (found) continue;
        if (isnum)
            lint_at(r, LINT_WARNING, d, port, "port", "probe-port", "container %s: %s.%s.port %lld is not a declared containerPort", cname, pname, kinds[i], pn);
        else
            lint_at(r, LINT_ERROR, d, port, "port", "probe-port", "container %s: %s.%s.port %s names no port of the container", cname, pname, kinds[i], port->s);
    }
}

static void check_container(lint_report *r, const lint_doc *d, const yt_node *c, const yt_node **seen_ports, size_t *nseen)
{
    const char *cname = yt_str(yt_get(c, "name"));
    if (!cname) {
        lint_at(r, LINT_ERROR, d, c, "name", "container-name", "container without a name");
        cname = "?";
    } else if (!lab1123(cname, strlen(cname)))
        lint_at(r, LINT_ERROR, d, yt_get(c, "name"), "name", "container-name", "container name \"%s\": %s", cname, msg_1123);
    const yt_node *img = yt_get(c, "image");
    if (!img || !yt_str(img) || !*yt_str(img))
        lint_at(r, LINT_ERROR, d, img ? img : c, "image", "container-image", "container %s: image is required", cname);
    const yt_node *ports = yt_get(c, "ports");
    if (ports && ports->kind == YT_SEQ) {
        for (size_t i = 0; i < ports->n; i++) {
            const yt_node *p = ports->vals[i];
            const yt_node *cp = yt_get(p, "containerPort");
            long long v;
            if (!cp)
                lint_at(r, LINT_ERROR, d, p, "containerPort", "container-port", "container %s: port without containerPort", cname);
            else if (!yt_int(cp, &v))
                lint_at(r, LINT_ERROR, d, cp, "containerPort", "container-port", "container %s: containerPort %s is not an integer", cname, yt_str(cp) ? yt_str(cp) : "(not a scalar)");
            else if (v < 1 || v > 65535)
                lint_at(r, LINT_ERROR, d, cp, "containerPort", "container-port", "container %s: containerPort %lld must be between 1 and 65535, inclusive", cname, v);
            else {
                const char *proto = yt_str(yt_get(p, "protocol"));
                if (!proto) proto = "TCP";
                for (size_t j = 0; j < *nseen; j++) {
                    long long w;
                    const char *pp = yt_str(yt_get(seen_ports[j], "protocol"));
                    if (yt_int(yt_get(seen_ports[j], "containerPort"), &w) && w == v && !strcmp(pp ? pp : "TCP", proto)) {
                        lint_at(r, LINT_ERROR, d, cp, "containerPort", "port-duplicate", "container %s: containerPort %lld/%s is declared twice in the pod", cname, v, proto);
                        break;
                    }
                }
                seen_ports[(*nseen)++] = p;
            }
            const yt_node *pn = yt_get(p, "name");
            if (pn && yt_str(pn)) {
                if (!port_name_ok(pn->s))
                    lint_at(r, LINT_ERROR, d, pn, "name", "port-name", "container %s: port name \"%s\" must be no more than 15 lowercase alphanumeric characters or '-', with at least one letter", cname, pn->s);
                for (size_t j = 0; j < i; j++) {
                    const char *o = yt_str(yt_get(ports->vals[j], "name"));
                    if (o && !strcmp(o, pn->s)) {
                        lint_at(r, LINT_ERROR, d, pn, "name", "port-duplicate", "container %s: port name \"%s\" is declared twice", cname, pn->s);
                        break;
                    }
                }
            }
        }
    }
    const yt_node *env = yt_get(c, "env");
    if (env && env->kind == YT_SEQ) {
        for (size_t i = 0; i < env->n; i++) {
            const yt_node *nm = yt_get(env->vals[i], "name");
            if (!yt_str(nm)) {
                lint_at(r, LINT_ERROR, d, env->vals[i], "name", "env-name", "container %s: env entry without a name", cname);
                continue;
            }
            if (!env_name_ok(nm->s))
                lint_at(r, LINT_ERROR, d, nm, "name", "env-name", "container %s: invalid env var name \"%s\": must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", cname, nm->s);
            for (size_t j = 0; j < i; j++)
                if (!strcmp(yt_str(yt_get(env->vals[j], "name")) ? yt_str(yt_get(env->vals[j], "name")) : "", nm->s)) {
                    lint_at(r, LINT_WARNING, d, nm, "name", "env-duplicate", "container %s: env var %s is set twice (the last one wins)", cname, nm->s);
                    break;
                }
            const yt_node *val = yt_get(env->vals[i], "value");
            if (val && val->kind != YT_SCALAR && !yt_isnull(val))
                lint_at(r, LINT_ERROR, d, val, "value", "env-value", "container %s: env var %s: value must be a string", cname, nm->s);
            else if (val && val->kind == YT_SCALAR && val->plain && !yt_isnull(val) && strspn(val->s, "0123456789.-+eEtruefalsTRUEFALS") == strlen(val->s))
                lint_at(r, LINT_ERROR, d, val, "value", "env-value", "container %s: env var %s: value %s is not a string (quote it)", cname, nm->s, val->s);
        }
    }
    check_resources(r, d, yt_get(c, "resources"), cname);
    check_probe(r, d, c, "livenessProbe", cname);
    check_probe(r, d, c, "readinessProbe", cname);
    check_probe(r, d, c, "startupProbe", cname);
}

static void check_pod(lint_report *r, const lint_doc *d, const yt_node *tmpl)
{
    const yt_node *spec = yt_get(tmpl, "spec");
    const yt_node *cs = yt_get(spec, "containers");
    if (!cs || cs->kind != YT_SEQ || cs->n == 0) {
        lint_at(r, LINT_ERROR, d, spec ? spec : d->root, "containers", "containers", "pod template has no containers");
        return;
    }
    size_t total = cs->n;
    const yt_node *ic = yt_get(spec, "initContainers");
    if (ic && ic->kind == YT_SEQ) total += ic->n;
    for (size_t i = 0; i < cs->n; i++) total += 0;
    size_t cap = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const yt_node *p = yt_get(cs->vals[i], "ports");
        if (p && p->kind == YT_SEQ) cap += p->n;
    }
    const yt_node **seen = sg_alloc((cap + 1) * sizeof *seen);
    size_t nseen = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const char *ni = yt_str(yt_get(cs->vals[i], "name"));
        for (size_t j = 0; ni && j < i; j++) {
            const char *nj = yt_str(yt_get(cs->vals[j], "name"));
            if (nj && !strcmp(ni, nj))
                lint_at(r, LINT_ERROR, d, yt_get(cs->vals[i], "name"), "name", "container-duplicate", "container name %s is used twice in the pod", ni);
        }
        check_container(r, d, cs->vals[i], seen, &nseen);
    }
    (void)total;
}

static void check_identity(lint_report *r, lint_doc *d)
{
    const yt_node *av = yt_get(d->root, "apiVersion"), *k = yt_get(d->root, "kind");
    if (!yt_str(av) || !*yt_str(av))
        lint_at(r, LINT_ERROR, d, d->root, "apiVersion", "identity", "object has no apiVersion");
    if (!yt_str(k) || !*yt_str(k))
        lint_at(r, LINT_ERROR, d, d->root, "kind", "identity", "object has no kind");
    const yt_node *md = yt_get(d->root, "metadata");
    const yt_node *nm = yt_get(md, "name");
    if (!yt_str(nm) && !yt_str(yt_get(md, "generateName")))
        lint_at(r, LINT_ERROR, d, md ? md : d->root, "name", "identity", "object has no metadata.name");
    const char *ns = yt_str(yt_get(md, "namespace"));
    if (ns && *ns && !lab1123(ns, strlen(ns)))
        lint_at(r, LINT_ERROR, d, yt_get(md, "namespace"), "namespace", "namespace-dns1123", "metadata.namespace \"%s\": %s", ns, msg_1123);
    check_labels(r, d, yt_get(md, "labels"), "metadata.labels");
}

void lint_kube(lint_report *r, lint_doc *docs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        lint_doc *d = &docs[i];
        if (!d->root) continue;
        check_identity(r, d);
        /* duplicates */
        if (d->kind && d->name)
            for (size_t j = 0; j < i; j++)
                if (docs[j].kind && docs[j].name && !strcmp(docs[j].kind, d->kind) && !strcmp(docs[j].name, d->name) &&
                    !strcmp(docs[j].ns ? docs[j].ns : "", d->ns ? d->ns : "")) {
                    lint_at(r, LINT_ERROR, d, yt_path(d->root, "metadata.name"), "name", "duplicate",
                            "%s is defined twice (also in %s)", d->obj, docs[j].path);
                    break;
                }
        if (!d->kind) continue;
        yt_node *pt = pod_template(d);
        if (is_workload(d->kind) && strcmp(d->kind, "Pod") && strcmp(d->kind, "Job") && strcmp(d->kind, "CronJob")) {
            const yt_node *sel = yt_path(d->root, "spec.selector");
            const yt_node *ml = yt_get(sel, "matchLabels");
            const yt_node *labels = yt_path(pt, "metadata.labels");
            check_labels(r, d, labels, "spec.template.metadata.labels");
            if (ml && ml->kind == YT_MAP && !selects(ml, labels))
                lint_at(r, LINT_ERROR, d, ml, "matchLabels", "selector", "spec.selector.matchLabels does not match the pod template labels");
        }
        if (is_workload(d->kind) && pt) check_pod(r, d, pt);
        if (!strcmp(d->kind, "Service")) {
            const yt_node *sel = yt_path(d->root, "spec.selector");
            if (sel && sel->kind == YT_MAP && sel->n) {
                bool hit = false;
                for (size_t j = 0; j < n && !hit; j++)
                    if (is_workload(docs[j].kind)) hit = selects(sel, yt_path(pod_template(&docs[j]), "metadata.labels"));
                if (!hit)
                    lint_at(r, LINT_WARNING, d, sel, "selector", "service-selector", "Service selector matches no pod template in the release");
            }
            const yt_node *ports = yt_path(d->root, "spec.ports");
            for (size_t j = 0; ports && ports->kind == YT_SEQ && j < ports->n; j++) {
                const yt_node *p = yt_get(ports->vals[j], "port");
                long long v;
                if (!p) lint_at(r, LINT_ERROR, d, ports->vals[j], "port", "service-port", "Service port without a port number");
                else if (!yt_int(p, &v) || v < 1 || v > 65535)
                    lint_at(r, LINT_ERROR, d, p, "port", "service-port", "Service port %s must be an integer between 1 and 65535", yt_str(p) ? yt_str(p) : "?");
            }
        }
    }
}

/* helm lint's metadata.name rule (validateMetadataName), per kind. */
const char *lint_name_problem(const char *kind, const char *name);
const char *lint_name_problem(const char *kind, const char *name)
{
    if (!kind || !name) return NULL;
    if (!strcmp(kind, "Service")) {
        if (strlen(name) > 63) return "must be no more than 63 characters";
        return lab1035(name) ? NULL : msg_1035;
    }
    if (!strcmp(kind, "Namespace")) {
        if (strlen(name) > 63) return "must be no more than 63 characters";
        return lab1123(name, strlen(name)) ? NULL : msg_1123;
    }
    if (!strcmp(kind, "Role") || !strcmp(kind, "ClusterRole") || !strcmp(kind, "RoleBinding") || !strcmp(kind, "ClusterRoleBinding"))
        return strchr(name, '/') || strchr(name, '%') || !strcmp(name, ".") || !strcmp(name, "..") ? "may not contain '/' or '%'" : NULL;
    if (strlen(name) > 253) return "must be no more than 253 characters";
    return sub1123(name) ? NULL : msg_sub;
}
