/* err.c - throw/catch and error records (see err.h). */
#include "err.h"
#include "arena.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

sg_catch *sg_catch_top;

void catch_push(sg_catch *c)
{
    c->err = NULL;
    c->prev = sg_catch_top;
    sg_catch_top = c;
}

void catch_pop(sg_catch *c)
{
    if (sg_catch_top == c) sg_catch_top = c->prev;
}

sg_error *err_new(sg_errkind kind, const char *msg)
{
    sg_error *e = sg_alloc(sizeof *e);
    e->kind = kind;
    e->msg = msg;
    return e;
}

_Noreturn void sg_throw(sg_error *e)
{
    sg_catch *c = sg_catch_top;
    if (!c) {
        fprintf(stderr, "Error: %s\n", e->msg ? e->msg : "unknown error");
        exit(1);
    }
    c->err = e;
    longjmp(c->jb, 1);
}

_Noreturn void sg_throwf(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = sg_alloc((size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    sg_throw(err_new(SG_ERR_PLAIN, msg));
}

void err_linecol(const char *text, size_t pos, int *line, int *col)
{
    /* Go's parse.Tree.ErrorContext: byteNum counts bytes from the last newline before
     * pos; lineNum = 1 + newlines before pos. */
    int ln = 1;
    size_t last_nl = (size_t)-1;
    for (size_t i = 0; i < pos && text[i]; i++)
        if (text[i] == '\n') { ln++; last_nl = i; }
    *line = ln;
    *col = (int)(last_nl == (size_t)-1 ? pos : pos - last_nl - 1);
}
