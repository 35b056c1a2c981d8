/* buf.c - growable byte buffer (see buf.h). */
#include "buf.h"
#include "arena.h"
#include <stdio.h>
#include <string.h>

void buf_init(sg_buf *b)
{
    b->cap = 32;
    b->p = sg_alloc(b->cap);
    b->len = 0;
}

void buf_reserve(sg_buf *b, size_t extra)
{
    if (!b->p) buf_init(b);
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap * 2;
    while (cap < b->len + extra + 1) cap *= 2;
    b->p = sg_realloc(b->p, b->len + 1, cap);
    b->cap = cap;
}

void buf_put(sg_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void buf_puts(sg_buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(sg_buf *b, char c) { buf_put(b, &c, 1); }

void buf_vprintf(sg_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    buf_reserve(b, (size_t)n);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(sg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void buf_truncate(sg_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->p[len] = 0;
    }
}
