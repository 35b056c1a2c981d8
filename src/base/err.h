/* err.h - errors: structured records, and throw/catch on top of setjmp/longjmp.
 *
 * Inside parse/exec/funcs an error is thrown (sg_throw*) and caught at a catch point
 * (SG_TRY).  All memory lives in the arena, so a throw has nothing to unwind.  Below the
 * tree walk (io, chart) functions may also throw; the catch point is in render/api.
 *
 * An error is a chain: an exec error may wrap a cause (Go's `error calling include: ...`).
 * Formatting into Helm's exact text (v3 one-line / v4 multi-line) is done in one place,
 * err_format() in src/exec/errfmt.c.
 */
#ifndef SG_ERR_H
#define SG_ERR_H
#include <setjmp.h>
#include <stddef.h>

typedef enum sg_errkind {
    SG_ERR_PLAIN,  /* a bare message: "open x: no such file or directory", function errors */
    SG_ERR_PARSE,  /* template parse error: "template: NAME:LINE: MSG" (Go's parse.Tree.errorf) */
    SG_ERR_EXEC,   /* template exec error: "template: LOC: executing \"NAME\" at <CTX>: MSG" */
    SG_ERR_FAIL,   /* required/fail: Helm prints "execution error at (LOC): MSG" */
} sg_errkind;

typedef struct sg_error {
    sg_errkind kind;
    const char *msg;      /* message; for EXEC the part after "at <CTX>: " (before the cause) */
    const char *tmpl;     /* EXEC: name of the executing template; PARSE: template name */
    const char *loc;      /* EXEC/FAIL: "file:line:col"; PARSE: "file:line" */
    const char *context;  /* EXEC: node text shown in <...> */
    struct sg_error *cause; /* wrapped error (msg is then e.g. "error calling include: ") */
} sg_error;

typedef struct sg_catch {
    jmp_buf jb;
    struct sg_catch *prev;
    sg_error *err; /* set when an error was thrown to this catch point */
} sg_catch;

extern sg_catch *sg_catch_top;

/* Usage:
 *     sg_catch c;
 *     if (SG_TRY(&c)) { ... work ...; catch_pop(&c); }
 *     else { catch_pop(&c); handle c.err; }
 * catch_pop must be called on both paths (after a throw the catch is still pushed). */
#define SG_TRY(c) (catch_push(c), setjmp((c)->jb) == 0)
void catch_push(sg_catch *c);
void catch_pop(sg_catch *c);

/* Throw a structured error (allocated in the arena) to the innermost catch point.
 * With no catch point, prints the message and exits 1. */
_Noreturn void sg_throw(sg_error *e);
/* Throw an SG_ERR_PLAIN error with a printf-formatted message. */
_Noreturn void sg_throwf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
sg_error *err_new(sg_errkind kind, const char *msg);

/* 1-based line and Go-style column (0-based byte count from line start... as Go's
 * ErrorContext: byteNum is 1-based when nonzero) of byte offset `pos` in `text`. */
void err_linecol(const char *text, size_t pos, int *line, int *col);

#endif
