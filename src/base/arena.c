/* arena.c - chunked bump allocator with deferred cleanups (see arena.h). */
#include "arena.h"
#include "err.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chunk { struct chunk *next; size_t cap, used; max_align_t data[]; } chunk;
typedef struct defer { struct defer *next; void (*fn)(void *); void *p; } defer;

struct sg_arena {
    sg_arena *prev;
    chunk *chunks;
    defer *defers;
    size_t used, limit;
};

static sg_arena *cur;
enum { CHUNK_MIN = 64 * 1024, ALIGN = sizeof(max_align_t) };

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fputs("sparkgen: out of memory\n", stderr);
        abort();
    }
    return p;
}

sg_arena *arena_push(void)
{
    sg_arena *a = xmalloc(sizeof *a);
    memset(a, 0, sizeof *a);
    a->prev = cur;
    cur = a;
    return a->prev;
}

void arena_pop(void)
{
    sg_arena *a = cur;
    if (!a) return;
    for (defer *d = a->defers; d; d = d->next) d->fn(d->p);
    for (chunk *c = a->chunks, *n; c; c = n) { n = c->next; free(c); }
    cur = a->prev;
    free(a);
}

size_t arena_used(void) { return cur ? cur->used : 0; }
void arena_set_limit(size_t bytes) { if (cur) cur->limit = bytes; }

void *sg_alloc(size_t n)
{
    if (!cur) arena_push();
    if (n == 0) n = 1;
    if (n > SIZE_MAX / 4 || (cur->limit && n > cur->limit - (cur->used < cur->limit ? cur->used : cur->limit))) {
        size_t lim = cur->limit;
        cur->limit = 0; /* let the error itself be allocated */
        if (lim)
            sg_throwf("memory limit exceeded: the render needs more than %zu MiB (raise it with --max-memory)",
                      lim >> 20);
        sg_throwf("out of memory: cannot allocate %zu bytes", n);
    }
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    cur->used += need;
    if (cur->limit && cur->used > cur->limit) {
        size_t lim = cur->limit;
        cur->limit = 0; /* let the error itself be allocated */
        sg_throwf("memory limit exceeded: the render needs more than %zu MiB (raise it with --max-memory)",
                  lim >> 20);
    }
#ifdef SG_ARENA_MALLOC
    chunk *c = xmalloc(sizeof(chunk) + need);
    c->cap = c->used = need;
    c->next = cur->chunks;
    cur->chunks = c;
    memset(c->data, 0, need);
    return c->data;
#else
    chunk *c = cur->chunks;
    if (!c || c->cap - c->used < need) {
        size_t cap = need > CHUNK_MIN ? need : CHUNK_MIN;
        c = xmalloc(sizeof(chunk) + cap);
        c->cap = cap;
        c->used = 0;
        if (cur->chunks && need > CHUNK_MIN) {
            /* big block: keep the current chunk open for small ones */
            c->next = cur->chunks->next;
            cur->chunks->next = c;
        } else {
            c->next = cur->chunks;
            cur->chunks = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += need;
    memset(p, 0, need);
    return p;
#endif
}

void *sg_realloc(void *p, size_t oldn, size_t newn)
{
    if (newn <= oldn && p) return p;
    void *q = sg_alloc(newn);
    if (p && oldn) memcpy(q, p, oldn);
    return q;
}

void arena_release(void *p, size_t n)
{
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (!cur || !p || need <= CHUNK_MIN) return;
    /* a big block sits alone in its chunk, near the head of the list: look a little way */
    chunk **pp = &cur->chunks;
    for (int i = 0; *pp && i < 64; i++, pp = &(*pp)->next) {
        chunk *c = *pp;
        if ((void *)c->data == p && c->used == need) {
            *pp = c->next;
            free(c);
            cur->used -= need < cur->used ? need : cur->used;
            return;
        }
    }
}

sg_amark arena_mark(void)
{
    sg_amark m = { 0 };
    if (!cur) arena_push();
    m.head = cur->chunks;
    m.next = cur->chunks ? cur->chunks->next : NULL;
    m.head_used = cur->chunks ? cur->chunks->used : 0;
    m.used = cur->used;
    m.defers = cur->defers;
    return m;
}

void arena_reset(sg_amark m)
{
    /* cleanups registered since the mark run now; their records are about to go */
    while (cur->defers != m.defers) {
        defer *d = cur->defers;
        cur->defers = d->next;
        d->fn(d->p);
    }
    /* chunks started since the mark sit in front of its head chunk, big blocks made while
     * the head was current right behind it (sg_alloc inserts them there) */
    while (cur->chunks != m.head) {
        chunk *c = cur->chunks;
        cur->chunks = c->next;
        free(c);
    }
    if (m.head) {
        chunk *h = m.head;
        while (h->next != m.next) {
            chunk *c = h->next;
            h->next = c->next;
            free(c);
        }
        h->used = m.head_used;
    }
    cur->used = m.used;
}

void *arena_grow(void *p, size_t n, size_t *cap, size_t elem, size_t first)
{
    if (n < *cap) return p;
    size_t nc = *cap ? *cap * 2 : first;
    if (nc < *cap || nc > SIZE_MAX / elem) nc = SIZE_MAX / elem; /* sg_alloc then throws */
    p = sg_realloc(p, *cap * elem, nc * elem);
    *cap = nc;
    return p;
}

char *sg_strndup(const char *s, size_t n)
{
    char *p = sg_alloc(n + 1);
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *sg_strdup(const char *s) { return sg_strndup(s, strlen(s)); }

char *sg_sprintf(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = sg_alloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void arena_defer(void (*fn)(void *), void *p)
{
    defer *d = sg_alloc(sizeof *d);
    d->fn = fn;
    d->p = p;
    d->next = cur->defers;
    cur->defers = d;
}
