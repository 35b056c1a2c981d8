/* udiff.c - unified diff by longest common subsequence over lines (documents are small;
 * past 4000x4000 lines the middle is shown as one replaced block). */
#include "udiff.h"
#include <stdlib.h>
#include <string.h>

typedef struct line { const char *s; size_t n; } line;

static line *split(const char *t, size_t len, size_t *n)
{
    size_t cap = 16;
    line *v = malloc(cap * sizeof *v);
    *n = 0;
    size_t i = 0;
    while (v && i < len) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t k = nl ? (size_t)(nl - (t + i)) + 1 : len - i;
        if (*n == cap) { line *nv = realloc(v, cap * 2 * sizeof *v); if (!nv) { free(v); return NULL; } v = nv; cap *= 2; }
        v[(*n)++] = (line){ t + i, k };
        i += k;
    }
    return v;
}

static bool eq(line a, line b) { return a.n == b.n && !memcmp(a.s, b.s, a.n); }

/* ops: ' ' keep, '-' delete (from a), '+' insert (from b) */
static char *script(line *a, size_t na, line *b, size_t nb, size_t *nops)
{
    size_t pre = 0, suf = 0;
    while (pre < na && pre < nb && eq(a[pre], b[pre])) pre++;
    while (suf < na - pre && suf < nb - pre && eq(a[na - 1 - suf], b[nb - 1 - suf])) suf++;
    size_t ma = na - pre - suf, mb = nb - pre - suf;
    char *ops = malloc(na + nb + 1);
    size_t k = 0;
    if (!ops) return NULL;
    for (size_t i = 0; i < pre; i++) ops[k++] = ' ';
    if ((ma + 1) * (mb + 1) > 16000000u) {
        for (size_t i = 0; i < ma; i++) ops[k++] = '-';
        for (size_t i = 0; i < mb; i++) ops[k++] = '+';
    } else {
        unsigned *L = calloc((ma + 1) * (mb + 1), sizeof *L);
        if (!L) { free(ops); return NULL; }
#define AT(i, j) L[(i) * (mb + 1) + (j)]
        for (size_t i = ma; i-- > 0;)
            for (size_t j = mb; j-- > 0;)
                AT(i, j) = eq(a[pre + i], b[pre + j]) ? AT(i + 1, j + 1) + 1 : (AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1));
        size_t i = 0, j = 0;
        while (i < ma || j < mb) {
            if (i < ma && j < mb && eq(a[pre + i], b[pre + j])) { ops[k++] = ' '; i++; j++; }
            else if (i < ma && (j == mb || AT(i + 1, j) >= AT(i, j + 1))) { ops[k++] = '-'; i++; }
            else { ops[k++] = '+'; j++; }
        }
#undef AT
        free(L);
    }
    for (size_t i = 0; i < suf; i++) ops[k++] = ' ';
    *nops = k;
    return ops;
}

static void put(FILE *f, char c, line l, bool color)
{
    const char *pre = color ? (c == '-' ? "\033[31m" : c == '+' ? "\033[32m" : "") : "";
    fprintf(f, "%s%c%.*s", pre, c, (int)(l.n && l.s[l.n - 1] == '\n' ? l.n - 1 : l.n), l.s);
    if (*pre) fputs("\033[0m", f);
    fputc('\n', f);
    if (!l.n || l.s[l.n - 1] != '\n') fputs("\\ No newline at end of file\n", f);
}

int udiff_print(FILE *f, const char *a, size_t alen, const char *b, size_t blen,
                const char *alabel, const char *blabel, bool color)
{
    if (alen == blen && !memcmp(a, b, alen)) return 0;
    size_t na, nb, nops;
    line *la = split(a, alen, &na), *lb = split(b, blen, &nb);
    char *ops = la && lb ? script(la, na, lb, nb, &nops) : NULL;
    if (!ops) { fprintf(f, "--- %s\n+++ %s\n(texts differ; out of memory for the diff)\n", alabel, blabel); free(la); free(lb); return 1; }
    fprintf(f, "%s--- %s\n+++ %s%s\n", color ? "\033[1m" : "", alabel, blabel, color ? "\033[0m" : "");
    const size_t ctx = 3;
    size_t k = 0;
    while (k < nops) {
        while (k < nops && ops[k] == ' ') k++;
        if (k >= nops) break;
        /* hunk: from k-ctx to the last change followed by fewer than 2*ctx equal lines */
        size_t start = k > ctx ? k - ctx : 0, end = k;
        for (;;) {
            while (end < nops && ops[end] != ' ') end++;
            size_t run = end;
            while (run < nops && ops[run] == ' ') run++;
            if (run < nops && run - end <= 2 * ctx) { end = run; continue; }
            end = end + ctx < nops ? end + ctx : nops;
            if (end > run) end = run;
            break;
        }
        size_t ai = 0, bi = 0;
        for (size_t i = 0; i < start; i++) { if (ops[i] != '+') ai++; if (ops[i] != '-') bi++; }
        size_t ac = 0, bc = 0;
        for (size_t i = start; i < end; i++) { if (ops[i] != '+') ac++; if (ops[i] != '-') bc++; }
        fprintf(f, "%s@@ -%zu,%zu +%zu,%zu @@%s\n", color ? "\033[36m" : "", ac ? ai + 1 : ai, ac, bc ? bi + 1 : bi, bc, color ? "\033[0m" : "");
        for (size_t i = start; i < end; i++) {
            if (ops[i] == ' ') { put(f, ' ', la[ai], color); ai++; bi++; }
            else if (ops[i] == '-') put(f, '-', la[ai++], color);
            else put(f, '+', lb[bi++], color);
        }
        k = end;
    }
    free(ops);
    free(la);
    free(lb);
    return 1;
}
