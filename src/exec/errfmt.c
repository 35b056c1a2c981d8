/* errfmt.c - Helm's text for template errors, made the way Helm makes it.
 *
 * First the Go error string of each link of the chain is rebuilt exactly as Go's
 * text/template (and Helm's include/tpl wrappers) print it; then Helm's own
 * post-processing is applied to those strings, step for step:
 *   parse errors   cleanupParseError  -> "parse error at (LOC): MSG"
 *   exec errors    v3 cleanupExecError / v4 reformatExecErrorMsg: required/fail text
 *                  "execution error at (LOC): MSG"; v4 then rebuilds the multi-line
 *                  TraceableError form when every link of the chain parses as a
 *                  text/template error, and keeps Go's one-line text otherwise.
 */
#include "exec.h"
#include "../base/arena.h"
#include <string.h>

#define WARN_START "HELM_ERR_START"
#define WARN_END "HELM_ERR_END"

void err_gostring(const sg_error *e, sg_buf *out)
{
    for (; e; e = e->cause) {
        switch (e->kind) {
        case SG_ERR_PARSE:
            buf_puts(out, "template: ");
            if (e->loc) {
                buf_puts(out, e->loc);
                buf_puts(out, ": ");
            }
            break;
        case SG_ERR_EXEC:
            buf_puts(out, "template: ");
            if (e->loc) {
                buf_printf(out, "%s: executing \"%s\" at <%s>: ", e->loc, e->tmpl ? e->tmpl : "",
                           e->context ? e->context : "");
            } else {
                buf_puts(out, e->tmpl ? e->tmpl : "");
                buf_puts(out, ": ");
            }
            break;
        case SG_ERR_FAIL:
            buf_puts(out, WARN_START);
            buf_puts(out, e->msg ? e->msg : "");
            buf_puts(out, WARN_END);
            continue;
        case SG_ERR_PLAIN:
            break;
        }
        buf_puts(out, e->msg ? e->msg : "");
    }
}

static const char *gostr(const sg_error *e)
{
    sg_buf b;
    buf_init(&b);
    err_gostring(e, &b);
    return b.p;
}

/* ---- Helm's TraceableError (pkg/engine/engine.go, v4) ---- */

typedef struct traceable {
    const char *location, *message, *executed;
} traceable;

static bool tr_eq(const traceable *a, const traceable *b)
{
    return strcmp(a->location, b->location) == 0 && strcmp(a->message, b->message) == 0 &&
           strcmp(a->executed, b->executed) == 0;
}

static const char *dup_n(const char *p, size_t n) { return sg_strndup(p, n); }

static const char *cut_template(const char *msg)
{
    const char *c = strstr(msg, " template:");
    return c ? dup_n(msg, (size_t)(c - msg)) : msg;
}

/* parseTemplateExecErrorString */
static bool parse_exec_string(const char *s, traceable *t)
{
    static const char prefix[] = "template: ";
    t->location = t->message = t->executed = "";
    if (strncmp(s, prefix, sizeof prefix - 1) != 0) return false;
    const char *rem = s + sizeof prefix - 1;
    if (strncmp(rem, "no template ", 12) == 0) {
        t->message = s;
        return true;
    }
    const char *ex = strstr(rem, ": executing ");
    if (ex) {
        const char *after = ex + strlen(": executing ");
        bool ok = false;
        if (after[0] == '"') {
            const char *eq = strchr(after + 1, '"');
            if (eq) {
                const char *fn = after + 1;
                size_t fnlen = (size_t)(eq - fn);
                const char *af = eq + 1;
                if (strncmp(af, " at <", 5) == 0) {
                    const char *aa = af + 5;
                    const char *el = strstr(aa, ">: ");
                    if (el) {
                        t->location = dup_n(rem, (size_t)(ex - rem));
                        t->message = cut_template(el + 3);
                        t->executed = sg_sprintf("executing \"%.*s\" at <%.*s>:", (int)fnlen, fn,
                                                 (int)(el - aa), aa);
                        ok = true;
                    }
                }
            }
        }
        if (ok) return true;
    }
    /* simple form "<name>: <msg>", split at the LAST ": " */
    const char *sep = NULL;
    for (const char *p = rem; (p = strstr(p, ": ")) != NULL; p++) sep = p;
    if (sep) {
        t->location = dup_n(rem, (size_t)(sep - rem));
        t->message = cut_template(sep + 2);
        t->executed = "";
        return true;
    }
    return false;
}

static void tr_string(const traceable *t, sg_buf *b)
{
    if (*t->location) buf_printf(b, "%s\n  ", t->location);
    if (*t->executed) buf_printf(b, "%s\n    ", t->executed);
    if (*t->message) buf_printf(b, "%s\n", t->message);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

/* v4: the multi-line form, or false when a link does not parse. */
static bool reformat_v4(const sg_error *e, sg_buf *out)
{
    /* Fail fast (before building long strings) on a link that cannot parse. */
    for (const sg_error *cur = e; cur; cur = cur->cause) {
        if (cur->kind == SG_ERR_FAIL) return false;
        if (cur->kind == SG_ERR_PLAIN && strncmp(cur->msg ? cur->msg : "", "template: ", 10) != 0) return false;
    }
    traceable list[64];
    size_t n = 0;
    sg_buf all;
    buf_init(&all);
    for (const sg_error *cur = e; cur; cur = cur->cause) {
        traceable t;
        if (!parse_exec_string(gostr(cur), &t)) return false;
        if (n == 0 || !tr_eq(&list[n - 1], &t)) {
            if (n == sizeof list / sizeof list[0]) {
                tr_string(&list[0], &all);
                memmove(list, list + 1, (n - 1) * sizeof *list);
                n--;
            }
            list[n++] = t;
        }
    }
    for (size_t i = 0; i < n; i++) tr_string(&list[i], &all);
    size_t a = 0, z = all.len;
    while (a < z && is_space(all.p[a])) a++;
    while (z > a && is_space(all.p[z - 1])) z--;
    buf_put(out, all.p + a, z - a);
    return true;
}

/* The i-th ": "-separated token boundaries. */
static void format_parse(const sg_error *e, sg_buf *out)
{
    const char *s = gostr(e);
    const char *first = strstr(s, ": ");
    if (!first) {
        buf_printf(out, "parse error in (%s): %s", e->tmpl ? e->tmpl : "", s);
        return;
    }
    const char *loc = first + 2;
    const char *second = strstr(loc, ": ");
    const char *last = first;
    for (const char *p = first; (p = strstr(p, ": ")) != NULL; p++) last = p;
    size_t loclen = second ? (size_t)(second - loc) : strlen(loc);
    buf_printf(out, "parse error at (%.*s): %s", (int)loclen, loc, last + 2);
}

static void format_exec(const sg_error *e, sg_buf *out)
{
    const char *s = gostr(e);
    const char *t1 = strstr(s, ": ");
    const char *t2 = t1 ? strstr(t1 + 2, ": ") : NULL;
    if (!t2) {
        buf_printf(out, "execution error in (%s): %s", e->tmpl ? e->tmpl : "", s);
        return;
    }
    const char *loc = t1 + 2;
    size_t loclen = (size_t)(t2 - loc);
    const char *rest = t2 + 2;
    const char *ws = strstr(rest, WARN_START);
    if (ws) {
        const char *body = ws + strlen(WARN_START);
        const char *we = NULL;
        for (const char *p = body; (p = strstr(p, WARN_END)) != NULL; p++) we = p;
        if (we) {
            buf_printf(out, "execution error at (%.*s): %.*s", (int)loclen, loc, (int)(we - body), body);
            return;
        }
    }
    if (sg_helm_major >= 4 && reformat_v4(e, out)) return;
    buf_puts(out, s);
}

void err_format(const sg_error *e, sg_buf *out)
{
    if (!e) return;
    switch (e->kind) {
    case SG_ERR_PARSE: format_parse(e, out); return;
    case SG_ERR_EXEC: format_exec(e, out); return;
    case SG_ERR_FAIL: buf_puts(out, e->msg ? e->msg : ""); return;
    case SG_ERR_PLAIN: err_gostring(e, out); return;
    }
}
