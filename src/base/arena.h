/* arena.h - the render arena: every object of a render lives here and is freed at once.
 *
 * There is one current arena per process (a render is the life of the process, and tests
 * or fuzzers create and drop one per case).  Code allocates with sg_alloc() and never
 * frees; arena_drop() releases everything, running deferred cleanups first.
 *
 * Built with -DSG_ARENA_MALLOC (the sanitizer and valgrind builds), every allocation is a
 * separate malloc block so that ASan sees overflows between objects.
 */
#ifndef SG_ARENA_H
#define SG_ARENA_H
#include <stddef.h>

typedef struct sg_arena sg_arena;

/* Create an arena and make it current. Returns the previous current arena (or NULL). */
sg_arena *arena_push(void);
/* Free every allocation of the current arena, run its deferred cleanups, and make the
 * arena that was current before arena_push() current again. */
void arena_pop(void);
/* Bytes handed out by the current arena so far. */
size_t arena_used(void);
/* Set a cap on the bytes the current arena may hand out; 0 = no cap.  Past the cap,
 * sg_alloc() throws "memory limit exceeded" (see err.h). */
void arena_set_limit(size_t bytes);

/* Zeroed memory from the current arena; aborts with a message if the system is out of
 * memory. */
void *sg_alloc(size_t n);
/* Grow a block previously returned by sg_alloc (old contents copied). */
void *sg_realloc(void *p, size_t oldn, size_t newn);
/* Room for one more element in an arena array of `elem`-byte elements holding n with room
 * for *cap: when n == *cap it grows (to `first` elements, then doubling; *cap updated).
 * Returns the array, moved if it grew.  The push idiom:
 *     v->p = arena_grow(v->p, v->n, &v->cap, sizeof *v->p, 16); v->p[v->n++] = x; */
void *arena_grow(void *p, size_t n, size_t *cap, size_t elem, size_t first);
/* Give back a block of `n` bytes from sg_alloc that nothing references any more (a
 * temporary list a loop has finished with).  Only a large block, which has a chunk of
 * its own, is freed at once; anything else stays until the arena is dropped. */
void arena_release(void *p, size_t n);
/* A point in the current arena to come back to.  arena_reset() frees everything
 * allocated since arena_mark() and runs the cleanups deferred since; the caller
 * guarantees that nothing allocated in between is referenced any more (a YAML document
 * decoded only to read its kind).  No arena_release() in between. */
typedef struct sg_amark { void *head, *next, *defers; size_t head_used, used; } sg_amark;
sg_amark arena_mark(void);
void arena_reset(sg_amark m);
char *sg_strndup(const char *s, size_t n);
char *sg_strdup(const char *s);
/* printf into a fresh arena string. */
char *sg_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run fn(p) when the current arena is dropped (for libyaml, PCRE2, FILE...). */
void arena_defer(void (*fn)(void *), void *p);

#endif
