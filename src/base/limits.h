/* limits.h - resource limits of one render (hardening): memory, output, loop work, string
 * size, nesting, YAML aliases, documents.
 *
 * Each limit only cuts in where helm would hang, crash or exhaust memory; inputs helm
 * renders quickly render the same.  Defaults (README.md, section Limits) can be changed by the CLI
 * flags --max-memory, --max-output-bytes, --max-iterations, --max-documents (0 = unlimited)
 * or by the environment (SPARKGEN_MAX_MEMORY, SPARKGEN_MAX_OUTPUT_BYTES,
 * SPARKGEN_MAX_ITERATIONS, SPARKGEN_MAX_DOCUMENTS),
 * read by limits_from_env().
 */
#ifndef SG_LIMITS_H
#define SG_LIMITS_H
#include <stddef.h>
#include <stdint.h>

typedef struct sg_limits {
    size_t max_memory;        /* bytes the render arena may hand out (default 4 GiB) */
    size_t max_output;        /* bytes of rendered output (default 1 GiB) */
    uint64_t max_iterations;  /* units of loop work, LIMITS_W_* below (default 1e8) */
    size_t max_string;        /* bytes of one string built by repeat/indent/replace... (1 GiB) */
    uint64_t max_documents;   /* YAML documents in the rendered release (default 200000) */
    uint64_t iterations;      /* counter: work done so far in this render */
} sg_limits;

extern sg_limits sg_limit;

/* Units of loop work, weighted by what each step costs helm 4.1.4 itself (measured, README
 * section Limits): one range iteration, the cheapest step helm takes (~25 ns), is 1 unit,
 * so the default budget of 1e8 units is a few seconds of helm's own work whatever the loop
 * is made of.  A function call costs helm ~0.6-0.8 us, a {{template}} call ~0.25 us, an
 * include ~1.2 us, a tpl ~70 us (it clones the whole template set), an element of an
 * until/untilStep list ~50 ns, one copied by append ~40 ns, one of a seq ~120 ns. */
#define LIMITS_W_RANGE 1
#define LIMITS_W_LIST_ELEM 1
#define LIMITS_W_SEQ_ELEM 5   /* seq also formats each element (~120 ns in helm) */
#define LIMITS_W_LIST_COPY 2  /* an element append/prepend copies (~40 ns in helm) */
#define LIMITS_W_CALL 20
#define LIMITS_W_TEMPLATE 10
#define LIMITS_W_INCLUDE 30   /* on top of the function call */
#define LIMITS_W_TPL 1000
/* The message of an exceeded work budget (no location): "iteration limit exceeded: ...". */
#define LIMITS_WORK_MSG "iteration limit exceeded: more than %llu units of loop work (range iterations, " \
                        "function and template calls, list elements) (raise it with --max-iterations)"

/* Read SPARKGEN_MAX_* from the environment into sg_limit (bad values are ignored). */
void limits_from_env(void);
/* Parse a size such as "4096", "512Mi", "2G", "1GiB"; returns 0 on success. */
int limits_parse_size(const char *s, uint64_t *out);
/* Count `units` of loop work; throws a clear error past max_iterations. */
void limits_work(uint64_t units);
/* True when `units` more would take the render past max_iterations (then the caller
 * throws with its own location; limits_work() throws without one). */
static inline int limits_over(uint64_t units)
{
    extern sg_limits sg_limit;
    sg_limit.iterations += units;
    return sg_limit.iterations > sg_limit.max_iterations && sg_limit.max_iterations;
}
/* Throws a clear error when a string of `n` bytes (or an overflowing count*len: pass
 * SIZE_MAX) would exceed max_string; `what` names the function ("repeat"). */
void limits_check_string(const char *what, size_t n);
/* n*m, or SIZE_MAX on overflow. */
size_t limits_mul(size_t n, size_t m);

#endif
