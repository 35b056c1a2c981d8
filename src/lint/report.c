/* report.c - printing lint reports: helm lint's text shape, GitHub workflow annotations,
 * and a stable JSON list. */
#include "lint.h"
#include <stdlib.h>
#include <string.h>

static const char *sev_name(int s) { return s == LINT_ERROR ? "ERROR" : s == LINT_WARNING ? "WARNING" : "INFO"; }

static void github_escape(FILE *f, const char *s, bool prop)
{
    for (; *s; s++) {
        if (*s == '%') fputs("%25", f);
        else if (*s == '\r') fputs("%0D", f);
        else if (*s == '\n') fputs("%0A", f);
        else if (prop && *s == ':') fputs("%3A", f);
        else if (prop && *s == ',') fputs("%2C", f);
        else fputc(*s, f);
    }
}

void lint_print(FILE *f, const lint_report *r, int fmt, bool color)
{
    if (fmt == LINT_OUT_GITHUB) {
        if (r->fatal) {
            fputs("::error title=sparkgen lint::", f);
            github_escape(f, r->fatal_msg, false);
            fputc('\n', f);
        }
        for (size_t i = 0; i < r->n; i++) {
            const lint_finding *x = &r->items[i];
            fprintf(f, "::%s file=", x->sev == LINT_ERROR ? "error" : x->sev == LINT_WARNING ? "warning" : "notice");
            char *path = NULL;
            size_t k = strlen(r->chart) + strlen(x->file) + 2;
            path = malloc(k);
            if (!path) return;
            snprintf(path, k, "%s/%s", r->chart, x->file);
            github_escape(f, path, true);
            free(path);
            if (x->fline) fprintf(f, ",line=%d", x->fline);
            fprintf(f, ",title=sparkgen lint (%s)::", x->rule ? x->rule : "helm");
            github_escape(f, x->msg, false);
            fputc('\n', f);
        }
        return;
    }
    fprintf(f, "==> Linting %s\n", r->chart);
    if (r->fatal) {
        fprintf(f, "Error %s\n\n", r->fatal_msg);
        return;
    }
    for (size_t i = 0; i < r->n; i++) {
        const lint_finding *x = &r->items[i];
        const char *c = x->sev == LINT_ERROR ? "\033[31m" : x->sev == LINT_WARNING ? "\033[33m" : "\033[36m";
        fprintf(f, "%s[%s]%s %s", color ? c : "", sev_name(x->sev), color ? "\033[0m" : "", x->path);
        if (x->line) fprintf(f, ":%d", x->line);
        fprintf(f, ": %s\n", x->msg);
    }
    fputc('\n', f);
}

static void json_str(FILE *f, const char *s)
{
    if (!s) { fputs("null", f); return; }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c == '\n') fputs("\\n", f);
        else if (c == '\t') fputs("\\t", f);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

void lint_print_json(FILE *f, lint_report *const *rs, size_t n)
{
    bool first = true;
    fputs("[", f);
    for (size_t k = 0; k < n; k++) {
        const lint_report *r = rs[k];
        if (r->fatal) {
            fputs(first ? "\n  " : ",\n  ", f);
            first = false;
            fputs("{\"chart\": ", f);
            json_str(f, r->chart);
            fputs(", \"severity\": \"error\", \"path\": \"Chart.yaml\", \"line\": 0, \"rule\": \"helm\", \"object\": null, \"message\": ", f);
            json_str(f, r->fatal_msg);
            fputs("}", f);
        }
        for (size_t i = 0; i < r->n; i++) {
            const lint_finding *x = &r->items[i];
            fputs(first ? "\n  " : ",\n  ", f);
            first = false;
            fputs("{\"chart\": ", f);
            json_str(f, r->chart);
            fprintf(f, ", \"severity\": \"%s\", \"path\": ", x->sev == LINT_ERROR ? "error" : x->sev == LINT_WARNING ? "warning" : "info");
            json_str(f, x->file);
            fprintf(f, ", \"line\": %d, \"rule\": ", x->fline);
            json_str(f, x->rule ? x->rule : "helm");
            fputs(", \"object\": ", f);
            json_str(f, x->object);
            fputs(", \"message\": ", f);
            json_str(f, x->msg);
            fputs("}", f);
        }
    }
    fputs(first ? "]\n" : "\n]\n", f);
}
