/* spark.c - Spark-aware checks of Spark standalone pods (spark-standalone chart style):
 * memory strings in Spark's format, worker memory + daemon heap within the memory limit,
 * worker cores within the CPU limit, SPARK_MASTER_HOST naming a Service of the release
 * that exposes the master port. */
#include "lint_int.h"
#include "../base/arena.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* JavaUtils.byteStringAs: "<digits><unit>" (unit b, k, kb, m, mb, g, gb, t, tb, p, pb, any
 * case; none = MiB for Spark's *_MEMORY settings).  Returns MiB, or -1 when invalid. */
static double spark_mib(const char *s)
{
    while (isspace((unsigned char)*s)) s++;
    if (!isdigit((unsigned char)*s)) return -1;
    char *end;
    double v = (double)strtoull(s, &end, 10);
    char unit[4] = "";
    size_t k = 0;
    while (*end && !isspace((unsigned char)*end)) {
        if (k >= 2) return -1;
        unit[k++] = (char)tolower((unsigned char)*end++);
    }
    while (isspace((unsigned char)*end)) end++;
    if (*end) return -1;
    unit[k] = 0;
    static const struct { const char *u; double mib; } us[] = {
        { "", 1 }, { "b", 1.0 / 1048576 }, { "k", 1.0 / 1024 }, { "kb", 1.0 / 1024 }, { "m", 1 }, { "mb", 1 },
        { "g", 1024 }, { "gb", 1024 }, { "t", 1048576 }, { "tb", 1048576 }, { "p", 1073741824.0 }, { "pb", 1073741824.0 },
    };
    for (size_t i = 0; i < sizeof us / sizeof *us; i++)
        if (!strcmp(unit, us[i].u)) return v * us[i].mib;
    return -1;
}

static const yt_node *env_node(const yt_node *c, const char *name)
{
    const yt_node *env = yt_get(c, "env");
    const yt_node *hit = NULL;
    for (size_t i = 0; env && env->kind == YT_SEQ && i < env->n; i++) {
        const char *n = yt_str(yt_get(env->vals[i], "name"));
        if (n && !strcmp(n, name)) hit = yt_get(env->vals[i], "value");
    }
    return hit;
}

static yt_node *pod_spec(const lint_doc *d)
{
    if (!d->kind) return NULL;
    if (!strcmp(d->kind, "Pod")) return yt_get(d->root, "spec");
    if (!strcmp(d->kind, "CronJob")) return yt_path(d->root, "spec.jobTemplate.spec.template.spec");
    return yt_path(d->root, "spec.template.spec");
}

static void check_container(lint_report *r, const lint_doc *d, const yt_node *c, lint_doc *docs, size_t n)
{
    static const char *const mems[] = { "SPARK_WORKER_MEMORY", "SPARK_DAEMON_MEMORY", "SPARK_DRIVER_MEMORY", "SPARK_EXECUTOR_MEMORY" };
    double mib[4];
    const char *cname = yt_str(yt_get(c, "name"));
    if (!cname) cname = "?";
    for (int i = 0; i < 4; i++) {
        const yt_node *v = env_node(c, mems[i]);
        mib[i] = 0;
        if (!yt_str(v)) continue;
        mib[i] = spark_mib(v->s);
        if (mib[i] < 0)
            lint_at(r, LINT_ERROR, d, v, "value", "spark-memory", "container %s: %s=\"%s\" is not a Spark memory string (a whole number with an optional unit: 512m, 2g)", cname, mems[i], v->s);
    }
    const yt_node *mode = env_node(c, "SPARK_MODE");
    bool worker = env_node(c, "SPARK_WORKER_MEMORY") || (yt_str(mode) && !strcmp(mode->s, "worker"));
    bool master = yt_str(mode) && !strcmp(mode->s, "master");
    const yt_node *lim = yt_path(c, "resources.limits");
    const yt_node *mlim = yt_get(lim, "memory");
    double limbytes;
    if ((worker || master) && yt_str(mlim) && lint_quantity(mlim->s, &limbytes)) {
        double daemon = env_node(c, "SPARK_DAEMON_MEMORY") ? mib[1] : 1024; /* Spark's default daemon heap: 1g */
        double work = worker ? (env_node(c, "SPARK_WORKER_MEMORY") ? mib[0] : 1024) : 0;
        if (daemon >= 0 && work >= 0 && (daemon + work) * 1048576.0 > limbytes) {
            if (worker)
                lint_at(r, LINT_ERROR, d, mlim, "memory", "spark-memory-limit",
                        "container %s: worker memory (%.0fMi) plus daemon heap (%.0fMi) exceed resources.limits.memory %s", cname, work, daemon, mlim->s);
            else
                lint_at(r, LINT_ERROR, d, mlim, "memory", "spark-memory-limit",
                        "container %s: daemon heap (%.0fMi) exceeds resources.limits.memory %s", cname, daemon, mlim->s);
        }
    }
    const yt_node *cores = env_node(c, "SPARK_WORKER_CORES");
    const yt_node *clim = yt_get(lim, "cpu");
    double cpu;
    long long ncores;
    if (yt_str(cores)) {
        char *end;
        ncores = strtoll(cores->s, &end, 10);
        if (*end || ncores < 1)
            lint_at(r, LINT_ERROR, d, cores, "value", "spark-cores", "container %s: SPARK_WORKER_CORES=\"%s\" is not a whole number >= 1", cname, cores->s);
        else if (yt_str(clim) && lint_quantity(clim->s, &cpu) && (double)ncores > cpu)
            lint_at(r, LINT_ERROR, d, clim, "cpu", "spark-cores-limit", "container %s: SPARK_WORKER_CORES=%lld exceeds resources.limits.cpu %s", cname, ncores, clim->s);
    }
    const yt_node *host = env_node(c, "SPARK_MASTER_HOST");
    if (yt_str(host) && !master) {
        long long port = 7077;
        const yt_node *pv = env_node(c, "SPARK_MASTER_PORT");
        if (yt_str(pv)) port = strtoll(pv->s, NULL, 10);
        size_t k = strcspn(host->s, ".");
        char *svc = sg_strndup(host->s, k);
        const lint_doc *hit = NULL;
        for (size_t i = 0; i < n && !hit; i++)
            if (docs[i].kind && !strcmp(docs[i].kind, "Service") && docs[i].name && !strcmp(docs[i].name, svc)) hit = &docs[i];
        if (!hit)
            lint_at(r, LINT_ERROR, d, host, "value", "spark-master-host", "container %s: SPARK_MASTER_HOST=%s names no Service of the release", cname, host->s);
        else {
            const yt_node *ports = yt_path(hit->root, "spec.ports");
            bool ok = false;
            for (size_t i = 0; ports && ports->kind == YT_SEQ && i < ports->n; i++) {
                long long p;
                if (yt_int(yt_get(ports->vals[i], "port"), &p) && p == port) ok = true;
            }
            if (!ok)
                lint_at(r, LINT_ERROR, d, host, "value", "spark-master-port", "container %s: Service %s does not expose the master port %lld (SPARK_MASTER_PORT)", cname, svc, port);
        }
    }
}

void lint_spark(lint_report *r, lint_doc *docs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const yt_node *cs = yt_get(pod_spec(&docs[i]), "containers");
        for (size_t j = 0; cs && cs->kind == YT_SEQ && j < cs->n; j++) check_container(r, &docs[i], cs->vals[j], docs, n);
    }
}
