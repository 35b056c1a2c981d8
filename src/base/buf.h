/* buf.h - growable byte buffer in the current arena; binary-safe and always NUL-terminated. */
#ifndef SG_BUF_H
#define SG_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct sg_buf { char *p; size_t len, cap; } sg_buf;

void buf_init(sg_buf *b);                 /* empty buffer; p is "" */
void buf_put(sg_buf *b, const char *s, size_t n);
void buf_puts(sg_buf *b, const char *s);
void buf_putc(sg_buf *b, char c);
void buf_printf(sg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(sg_buf *b, const char *fmt, va_list ap);
void buf_reserve(sg_buf *b, size_t extra);
void buf_truncate(sg_buf *b, size_t len);

#endif
