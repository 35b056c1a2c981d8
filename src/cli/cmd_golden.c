/* cmd_golden.c - `sparkgen golden check|update DIR`: golden files of rendered manifests.
 *
 * DIR holds one sub-directory per case:
 *   args            helm template's arguments, one per line ("# ..." comments), e.g.
 *                   "spark", "../../../charts/spark-standalone", "-f", "values.yaml";
 *                   relative paths are relative to the case directory
 *   (no args)       every *.yaml but expected.yaml is a values file (sorted), the chart is
 *                   the built-in one (or --chart DIR), the release is named after the case
 *   expected.yaml   what `helm template` prints for those arguments
 * All cases render in this one process.  check: a mismatch prints a unified diff per
 * document, headed by the document's kind/name and source, and the exit status is 1.
 * update: every case is rendered first; only when all succeed are the changed files
 * replaced (temporary file + rename each), so a failed update leaves the old files. */
#include "args.h"
#include "cmds.h"
#include "udiff.h"
#include "sparkgen.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern const sg_file sg_embedded_files[];
extern const size_t sg_embedded_nfiles;
extern const char sg_embedded_name[];

static const char usage_golden[] =
    "Check or update golden files of rendered manifests.\n"
    "\n"
    "Usage:\n"
    "  sparkgen golden check DIR [flags]\n"
    "  sparkgen golden update DIR [flags]\n"
    "\n"
    "Each sub-directory of DIR is a case: an `args` file (helm template arguments, one per\n"
    "line, paths relative to the case) or values files (*.yaml, rendered with the built-in\n"
    "chart or --chart), and expected.yaml, the expected output.\n"
    "\n"
    "Flags:\n"
    "      --chart string   chart for cases without an args file (default: the built-in chart)\n"
    "      --color string   auto, always or never (default \"auto\")\n"
    "  -h, --help           help for golden\n"
    "  -q, --quiet          print only failures\n";

typedef struct gcase {
    char *name, *dir;
    char *out;        /* rendered text (malloc'ed) */
    size_t outlen;
    char *err;        /* render/argument error (malloc'ed) or NULL */
    char *expected;   /* expected.yaml or NULL when missing */
    size_t explen;
} gcase;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 65536, n = 0, k;
    char *b = malloc(cap + 1);
    while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) { char *nb = realloc(b, cap * 2 + 1); if (!nb) { free(b); b = NULL; break; } b = nb; cap *= 2; }
    }
    fclose(f);
    if (!b) return NULL;
    b[n] = 0;
    *len = n;
    return b;
}

static char *dupn(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) { perror("sparkgen"); exit(2); }
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (!s) { perror("sparkgen"); exit(2); }
    snprintf(s, n, "%s/%s", a, b);
    return s;
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* sorted entries of dir; dirs_only selects sub-directories, else regular files */
static char **list_dir(const char *dir, bool dirs_only, size_t *n)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (!d) return NULL;
    char **v = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *p = join(dir, e->d_name);
        struct stat st;
        bool ok = stat(p, &st) == 0 && (dirs_only ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
        free(p);
        if (!ok) continue;
        char **nv = realloc(v, (*n + 1) * sizeof *v);
        if (!nv) break;
        v = nv;
        v[(*n)++] = dupn(e->d_name, strlen(e->d_name));
    }
    closedir(d);
    if (v) qsort(v, *n, sizeof *v, cmpstr);
    return v;
}

/* Render one case (the caller has chdir'ed into the case directory). */
static void render_case(gcase *c, const char *chart_opt)
{
    size_t alen;
    char *atext = slurp("args", &alen);
    static cli_opts o; /* args_parse keeps pointers into argv; lists stay reachable */
    sg_render_opts ro;
    sg_chart *chart;
    char **argv = NULL, **files = NULL;
    const char **vitems = NULL;
    size_t nf = 0;
    if (atext) {
        int argc = 1;
        argv = calloc(alen + 2, sizeof *argv);
        argv[0] = "template";
        for (char *line = strtok(atext, "\n"); line; line = strtok(NULL, "\n")) {
            while (*line == ' ' || *line == '\t') line++;
            size_t k = strlen(line);
            while (k && (line[k - 1] == ' ' || line[k - 1] == '\r' || line[k - 1] == '\t')) line[--k] = 0;
            if (!*line || *line == '#') continue;
            argv[argc++] = line;
        }
        const char *err;
        if (args_parse(CMD_TEMPLATE, argc, argv, 1, &o, &err) != 0) {
            c->err = dupn(err, strlen(err));
            free(argv);
            free(atext);
            return;
        }
        if (o.nargs < 1 || o.nargs > 2) {
            c->err = dupn("args: want [NAME] CHART and flags", 33);
            free(argv);
            free(atext);
            return;
        }
        ro = o.ro;
        ro.release_name = o.nargs == 2 ? o.args[0] : "release-name";
        if (o.helm_compat) sg_set_helm_version(o.helm_compat);
        chart = sg_chart_dir(o.args[o.nargs - 1]);
    } else {
        sg_render_opts_init(&ro);
        files = list_dir(".", false, &nf);
        ro.value_files.items = vitems = calloc(nf + 1, sizeof(char *));
        for (size_t i = 0; i < nf; i++) {
            size_t k = strlen(files[i]);
            if (k > 5 && !strcmp(files[i] + k - 5, ".yaml") && strcmp(files[i], "expected.yaml"))
                ro.value_files.items[ro.value_files.len++] = files[i];
        }
        ro.release_name = c->name;
        chart = chart_opt ? sg_chart_dir(chart_opt) : sg_chart_mem(sg_embedded_name, sg_embedded_files, sg_embedded_nfiles);
    }
    sg_result *r = sg_render(chart, &ro);
    size_t n;
    if (sg_result_ok(r)) {
        const char *out = sg_result_output(r, &n);
        c->out = dupn(out, n);
        c->outlen = n;
    } else {
        const char *e = sg_result_error(r);
        c->err = dupn(e ? e : "render failed", strlen(e ? e : "render failed"));
    }
    sg_result_free(r);
    sg_chart_free(chart);
    free(argv);
    free(atext); /* o's pointers into it are not used after this render */
    for (size_t i = 0; i < nf; i++) free(files[i]);
    free(files);
    free((void *)vitems);
}

typedef struct gdoc { const char *s; size_t n; char *key; } gdoc;

/* "Kind/name (source)" of one document */
static char *doc_key(const char *s, size_t n)
{
    char kind[256] = "?", name[256] = "?", src[512] = "";
    const char *p = s, *end = s + n;
    bool in_meta = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t k = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (k > 10 && !strncmp(p, "# Source: ", 10)) snprintf(src, sizeof src, "%.*s", (int)(k - 10), p + 10);
        else if (k > 6 && !strncmp(p, "kind: ", 6)) snprintf(kind, sizeof kind, "%.*s", (int)(k - 6), p + 6);
        else if (k >= 9 && !strncmp(p, "metadata:", 9)) in_meta = true;
        else if (in_meta && k > 8 && !strncmp(p, "  name: ", 8)) { snprintf(name, sizeof name, "%.*s", (int)(k - 8), p + 8); in_meta = false; }
        else if (k && p[0] != ' ' && p[0] != '#') in_meta = false;
        p = nl ? nl + 1 : end;
    }
    size_t m = strlen(kind) + strlen(name) + strlen(src) + 8;
    char *key = malloc(m);
    if (!key) exit(2);
    snprintf(key, m, "%s/%s%s%s%s", kind, name, *src ? " (" : "", src, *src ? ")" : "");
    return key;
}

/* documents start at lines "---" */
static gdoc *split_docs(const char *t, size_t len, size_t *n)
{
    gdoc *v = NULL;
    *n = 0;
    size_t i = 0, start = 0;
    while (i <= len) {
        bool sep = i < len && (i == 0 || t[i - 1] == '\n') && len - i >= 3 && !strncmp(t + i, "---", 3) && (i + 3 == len || t[i + 3] == '\n');
        if ((sep && i > start) || i == len) {
            if (i > start) {
                gdoc *nv = realloc(v, (*n + 1) * sizeof *v);
                if (!nv) exit(2);
                v = nv;
                v[*n] = (gdoc){ t + start, i - start, doc_key(t + start, i - start) };
                (*n)++;
            }
            start = i;
        }
        if (i == len) break;
        const char *nl = memchr(t + i, '\n', len - i);
        i = nl ? (size_t)(nl - t) + 1 : len;
    }
    return v;
}

static int compare_case(const gcase *c, bool color)
{
    size_t ne, na;
    gdoc *e = split_docs(c->expected, c->explen, &ne), *a = split_docs(c->out, c->outlen, &na);
    bool *used = calloc(na + 1, 1);
    int bad = 0;
    char *lab1 = join(c->name, "expected.yaml");
    for (size_t i = 0; i < ne; i++) {
        size_t j = 0;
        while (j < na && (used[j] || strcmp(a[j].key, e[i].key))) j++;
        if (j == na) {
            printf("%s: missing document %s\n", c->name, e[i].key);
            udiff_print(stdout, e[i].s, e[i].n, "", 0, lab1, "sparkgen", color);
            bad = 1;
            continue;
        }
        used[j] = true;
        if (e[i].n != a[j].n || memcmp(e[i].s, a[j].s, e[i].n)) {
            printf("%s: document %s differs\n", c->name, e[i].key);
            udiff_print(stdout, e[i].s, e[i].n, a[j].s, a[j].n, lab1, "sparkgen", color);
            bad = 1;
        }
    }
    for (size_t j = 0; j < na; j++)
        if (!used[j]) {
            printf("%s: extra document %s\n", c->name, a[j].key);
            udiff_print(stdout, "", 0, a[j].s, a[j].n, lab1, "sparkgen", color);
            bad = 1;
        }
    if (!bad && (c->explen != c->outlen || memcmp(c->expected, c->out, c->outlen))) {
        printf("%s: documents in another order\n", c->name);
        udiff_print(stdout, c->expected, c->explen, c->out, c->outlen, lab1, "sparkgen", color);
        bad = 1;
    }
    for (size_t i = 0; i < ne; i++) free(e[i].key);
    for (size_t j = 0; j < na; j++) free(a[j].key);
    free(e);
    free(a);
    free(used);
    free(lab1);
    return bad;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int write_atomic(const char *path, const char *data, size_t n, char **tmp_out)
{
    size_t k = strlen(path) + 32;
    char *tmp = malloc(k);
    if (!tmp) return -1;
    snprintf(tmp, k, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { free(tmp); return -1; }
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, data + off, n - off);
        if (w <= 0) { close(fd); unlink(tmp); free(tmp); return -1; }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) { unlink(tmp); free(tmp); return -1; }
    *tmp_out = tmp;
    return 0;
}

static int golden_run(const char *mode, const char *dir, const char *abschart, bool quiet, bool color,
                      bool update, char **names, gcase *cs, char **tmps, size_t nc);

int cmd_golden(int argc, char **argv, int first)
{
    const char *mode = NULL, *dir = NULL, *chart = NULL, *color = "auto";
    bool quiet = false;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage_golden, stdout); return 0; }
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) quiet = true;
        else if (!strncmp(a, "--chart=", 8)) chart = a + 8;
        else if (!strcmp(a, "--chart") && i + 1 < argc) chart = argv[++i];
        else if (!strncmp(a, "--color=", 8)) color = a + 8;
        else if (!strcmp(a, "--color") && i + 1 < argc) color = argv[++i];
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "Error: unknown flag: %s\n", a); return 1; }
        else if (!mode) mode = a;
        else if (!dir) dir = a;
        else { fprintf(stderr, "Error: unexpected argument: %s\n", a); return 1; }
    }
    if (!mode || !dir || (strcmp(mode, "check") && strcmp(mode, "update"))) {
        fputs("Error: usage: sparkgen golden check|update DIR\n", stderr);
        return 1;
    }
    int col = cli_color(color, stdout);
    if (col < 0) { fprintf(stderr, "Error: invalid argument \"%s\" for \"--color\" flag: must be auto, always or never\n", color); return 1; }
    bool update = !strcmp(mode, "update");
    char *abschart = chart ? realpath(chart, NULL) : NULL;
    if (chart && !abschart) { fprintf(stderr, "Error: chart %s: not found\n", chart); return 1; }
    size_t nc;
    char **names = list_dir(dir, true, &nc);
    if (!names) { fprintf(stderr, "Error: golden directory %s: cannot read it\n", dir); free(abschart); return 1; }
    gcase *cs = calloc(nc + 1, sizeof *cs);
    char **tmps = calloc(nc + 1, sizeof *tmps);
    int rc = golden_run(mode, dir, abschart, quiet, col == 1, update, names, cs, tmps, nc);
    for (size_t i = 0; i < nc; i++) {
        free(cs[i].dir);
        free(cs[i].out);
        free(cs[i].err);
        free(cs[i].expected);
        free(tmps[i]);
        free(names[i]);
    }
    free(cs);
    free(tmps);
    free(names);
    free(abschart);
    return rc;
}

static int golden_run(const char *mode, const char *dir, const char *abschart, bool quiet, bool color,
                      bool update, char **names, gcase *cs, char **tmps, size_t nc)
{
    int home = open(".", O_RDONLY | O_DIRECTORY);
    if (home < 0) { perror("sparkgen: golden"); return 1; }
    double t0 = now();
    bool tty = isatty(2), progress = false;
    for (size_t i = 0; i < nc; i++) {
        gcase *c = &cs[i];
        c->name = names[i];
        c->dir = join(dir, names[i]);
        char *exp = join(c->dir, "expected.yaml");
        c->expected = slurp(exp, &c->explen);
        free(exp);
        if (chdir(c->dir) != 0) { c->err = dupn("cannot enter the case directory", 31); continue; }
        render_case(c, abschart);
        if (fchdir(home) != 0) { perror("sparkgen: golden"); return 1; }
        if (tty && now() - t0 > 1.0) {
            fprintf(stderr, "\rgolden %s: %zu/%zu cases", mode, i + 1, nc);
            progress = true;
        }
    }
    if (progress) fputs("\r\033[K", stderr);
    close(home);
    size_t failed = 0, changed = 0;
    if (update) {
        for (size_t i = 0; i < nc; i++)
            if (cs[i].err) { printf("%s: %s\n", cs[i].name, cs[i].err); failed++; }
        if (failed) {
            fprintf(stderr, "Error: golden update: %zu of %zu cases failed to render; nothing was written\n", failed, nc);
            return 1;
        }
        for (size_t i = 0; i < nc; i++) {
            gcase *c = &cs[i];
            if (c->expected && c->explen == c->outlen && !memcmp(c->expected, c->out, c->outlen)) continue;
            char *path = join(c->dir, "expected.yaml");
            if (write_atomic(path, c->out, c->outlen, &tmps[i]) != 0) {
                fprintf(stderr, "Error: golden update: cannot write %s.tmp; nothing was replaced\n", path);
                for (size_t j = 0; j < i; j++) if (tmps[j]) { unlink(tmps[j]); }
                return 1;
            }
            free(path);
        }
        for (size_t i = 0; i < nc; i++) {
            if (!tmps[i]) continue;
            char *path = join(cs[i].dir, "expected.yaml");
            if (rename(tmps[i], path) != 0) { fprintf(stderr, "Error: golden update: rename %s: failed\n", tmps[i]); return 1; }
            if (!quiet) printf("updated %s\n", path);
            changed++;
            free(path);
        }
        printf("golden update: %zu cases, %zu updated\n", nc, changed);
        return 0;
    }
    for (size_t i = 0; i < nc; i++) {
        gcase *c = &cs[i];
        int bad = 0;
        if (c->err) { printf("%s: render failed: %s\n", c->name, c->err); bad = 1; }
        else if (!c->expected) { printf("%s: missing %s/expected.yaml (run `sparkgen golden update %s`)\n", c->name, c->dir, dir); bad = 1; }
        else bad = compare_case(c, color);
        if (bad) failed++;
        else if (!quiet) printf("ok   %s\n", c->name);
    }
    printf("golden check: %zu cases, %zu passed, %zu failed (%.2fs)\n", nc, nc - failed, failed, now() - t0);
    return failed ? 1 : 0;
}
