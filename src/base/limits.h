/* limits.h - resource limits of one render (hardening): memory, output, loop work, string
 * size, nesting, YAML aliases, documents.
 *
 * Each limit only cuts in where helm would hang, crash or exhaust memory; inputs helm
 * renders quickly render the same.  Defaults (README.md, section Limits) can be changed by the CLI
 * flags --max-memory, --max-output-bytes, --max-iterations (0 = unlimited) or by the
 * environment (SPARKGEN_MAX_MEMORY, SPARKGEN_MAX_OUTPUT_BYTES, SPARKGEN_MAX_ITERATIONS),
 * read by limits_from_env().
 */
#ifndef SG_LIMITS_H
#define SG_LIMITS_H
#include <stddef.h>
#include <stdint.h>

typedef struct sg_limits {
    size_t max_memory;        /* bytes the render arena may hand out (default 4 GiB) */
    size_t max_output;        /* bytes of rendered output (default 1 GiB) */
    uint64_t max_iterations;  /* range iterations + template/include/tpl calls (default 1e8) */
    size_t max_string;        /* bytes of one string built by repeat/indent/replace... (1 GiB) */
    uint64_t iterations;      /* counter: work done so far in this render */
} sg_limits;

extern sg_limits sg_limit;

/* Read SPARKGEN_MAX_* from the environment into sg_limit (bad values are ignored). */
void limits_from_env(void);
/* Parse a size such as "4096", "512Mi", "2G", "1GiB"; returns 0 on success. */
int limits_parse_size(const char *s, uint64_t *out);
/* Count one unit of loop work; throws a clear error past max_iterations. */
void limits_step(void);
/* Throws a clear error when a string of `n` bytes (or an overflowing count*len: pass
 * SIZE_MAX) would exceed max_string; `what` names the function ("repeat"). */
void limits_check_string(const char *what, size_t n);
/* n*m, or SIZE_MAX on overflow. */
size_t limits_mul(size_t n, size_t m);

#endif
