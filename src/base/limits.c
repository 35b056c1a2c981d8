/* limits.c - resource limits of one render (see limits.h). */
#include "limits.h"
#include "err.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

sg_limits sg_limit = {
    .max_memory = (size_t)4 << 30,
    .max_output = (size_t)1 << 30,
    .max_iterations = 100000000,
    .max_string = (size_t)1 << 30,
    .max_documents = 200000,
};

int limits_parse_size(const char *s, uint64_t *out)
{
    if (!s || !*s) return -1;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || s[0] == '-') return -1;
    uint64_t mul = 1;
    if (*end) {
        static const struct { const char *suf; uint64_t mul; } t[] = {
            { "k", 1000ULL }, { "K", 1000ULL }, { "Ki", 1ULL << 10 }, { "KiB", 1ULL << 10 }, { "KB", 1000ULL },
            { "M", 1000000ULL }, { "Mi", 1ULL << 20 }, { "MiB", 1ULL << 20 }, { "MB", 1000000ULL },
            { "G", 1000000000ULL }, { "Gi", 1ULL << 30 }, { "GiB", 1ULL << 30 }, { "GB", 1000000000ULL },
            { "T", 1000000000000ULL }, { "Ti", 1ULL << 40 }, { "TiB", 1ULL << 40 }, { "TB", 1000000000000ULL },
        };
        size_t i;
        for (i = 0; i < sizeof t / sizeof t[0]; i++)
            if (!strcmp(end, t[i].suf)) { mul = t[i].mul; break; }
        if (i == sizeof t / sizeof t[0]) return -1;
    }
    if (v && mul > UINT64_MAX / v) return -1;
    *out = v * mul;
    return 0;
}

static void env_size(const char *name, size_t *dst)
{
    uint64_t v;
    const char *s = getenv(name);
    if (s && limits_parse_size(s, &v) == 0) *dst = v > SIZE_MAX ? SIZE_MAX : (size_t)v;
}

void limits_from_env(void)
{
    env_size("SPARKGEN_MAX_MEMORY", &sg_limit.max_memory);
    env_size("SPARKGEN_MAX_OUTPUT_BYTES", &sg_limit.max_output);
    size_t it = (size_t)sg_limit.max_iterations;
    env_size("SPARKGEN_MAX_ITERATIONS", &it);
    sg_limit.max_iterations = it;
    size_t nd = (size_t)sg_limit.max_documents;
    env_size("SPARKGEN_MAX_DOCUMENTS", &nd);
    sg_limit.max_documents = nd;
}

void limits_work(uint64_t units)
{
    if (limits_over(units)) sg_throwf(LIMITS_WORK_MSG, (unsigned long long)sg_limit.max_iterations);
}

void limits_check_string(const char *what, size_t n)
{
    if (sg_limit.max_string && n > sg_limit.max_string)
        sg_throwf("%s: result too large: over the %zu-byte string limit", what, sg_limit.max_string);
}

size_t limits_mul(size_t n, size_t m)
{
    if (n && m > SIZE_MAX / n) return SIZE_MAX;
    return n * m;
}
