/* cmd_lint.c - `sparkgen lint [CHART...] [-f values]... [--set ...] [--strict]
 * [--output text|json|github] [--color auto|always|never] [--manifests FILE]`:
 * helm lint's checks and output shape plus sparkgen's structural and Spark checks. */
#include "cmds.h"
#include "../lint/lint.h"
#include "sparkgen.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_lint[] =
    "Lint a chart: helm lint's checks plus structural checks of every rendered manifest\n"
    "and Spark-aware checks.  Exit status 1 on errors (with --strict also on warnings).\n"
    "\n"
    "Usage:\n"
    "  sparkgen lint [CHART...] [flags]\n"
    "\n"
    "Flags:\n"
    "      --color string          auto, always or never (default \"auto\")\n"
    "  -h, --help                  help for lint\n"
    "      --kube-version string   Kubernetes version used for Capabilities.KubeVersion\n"
    "      --manifests string      lint rendered manifests (helm template output; - = stdin) instead of a chart\n"
    "  -n, --namespace string      namespace of the release\n"
    "  -o, --output string         text (default), json or github (workflow annotations)\n"
    "      --quiet                 print only warnings and errors\n"
    "      --release-name string   release name (default \"release-name\")\n"
    "      --set stringArray       set values on the command line\n"
    "      --set-file stringArray  set values from files\n"
    "      --set-json stringArray  set JSON values\n"
    "      --set-literal stringArray  set literal string values\n"
    "      --set-string stringArray   set STRING values\n"
    "      --strict                fail on lint warnings\n"
    "  -f, --values strings        values files (can specify multiple)\n";

void cli_push(const char ***items, size_t *len, const char *s)
{
    const char **n = realloc((void *)*items, (*len + 1) * sizeof *n);
    if (!n) { perror("sparkgen"); exit(2); }
    n[(*len)++] = s;
    *items = n;
}

int cli_color(const char *mode, FILE *f)
{
    if (!mode || !strcmp(mode, "auto")) {
        const char *nc = getenv("NO_COLOR");
        return isatty(fileno(f)) && !(nc && *nc) ? 1 : 0;
    }
    if (!strcmp(mode, "always")) return 1;
    if (!strcmp(mode, "never")) return 0;
    return -1;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) return NULL;
    size_t cap = 65536, n = 0, k;
    char *b = malloc(cap);
    while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) { char *nb = realloc(b, cap * 2); if (!nb) { free(b); b = NULL; break; } b = nb; cap *= 2; }
    }
    if (f != stdin) fclose(f);
    *len = n;
    return b;
}

int cmd_lint(int argc, char **argv, int first)
{
    sg_render_opts ro;
    sg_render_opts_init(&ro);
    const char **charts = NULL;
    size_t ncharts = 0;
    bool strict = false, quiet = false;
    const char *output = "text", *color = "auto", *manifests = NULL;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        const char *eq = !strncmp(a, "--", 2) ? strchr(a, '=') : NULL;
        char flag[64];
        if (eq && (size_t)(eq - a) < sizeof flag) { memcpy(flag, a, (size_t)(eq - a)); flag[eq - a] = 0; a = flag; v = eq + 1; }
#define TAKE() (v ? v : (i + 1 < argc ? argv[++i] : (fprintf(stderr, "Error: flag needs an argument: %s\n", a), (const char *)NULL)))
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage_lint, stdout); return 0; }
        else if (!strcmp(a, "--strict")) strict = true;
        else if (!strcmp(a, "--quiet")) quiet = true;
        else if (!strcmp(a, "--with-subcharts")) continue;
        else if (!strcmp(a, "-f") || !strcmp(a, "--values")) { if (!(v = TAKE())) return 1; cli_push(&ro.value_files.items, &ro.value_files.len, v); }
        else if (!strcmp(a, "--set")) { if (!(v = TAKE())) return 1; cli_push(&ro.set.items, &ro.set.len, v); }
        else if (!strcmp(a, "--set-string")) { if (!(v = TAKE())) return 1; cli_push(&ro.set_string.items, &ro.set_string.len, v); }
        else if (!strcmp(a, "--set-json")) { if (!(v = TAKE())) return 1; cli_push(&ro.set_json.items, &ro.set_json.len, v); }
        else if (!strcmp(a, "--set-file")) { if (!(v = TAKE())) return 1; cli_push(&ro.set_file.items, &ro.set_file.len, v); }
        else if (!strcmp(a, "--set-literal")) { if (!(v = TAKE())) return 1; cli_push(&ro.set_literal.items, &ro.set_literal.len, v); }
        else if (!strcmp(a, "-n") || !strcmp(a, "--namespace")) { if (!(v = TAKE())) return 1; ro.namespace_name = v; }
        else if (!strcmp(a, "--kube-version")) { if (!(v = TAKE())) return 1; ro.kube_version = v; }
        else if (!strcmp(a, "--release-name")) { if (!(v = TAKE())) return 1; ro.release_name = v; }
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) { if (!(output = TAKE())) return 1; }
        else if (!strcmp(a, "--color")) { if (!(color = TAKE())) return 1; }
        else if (!strcmp(a, "--manifests")) { if (!(manifests = TAKE())) return 1; }
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "Error: unknown flag: %s\n", a); return 1; }
        else cli_push(&charts, &ncharts, a);
#undef TAKE
    }
    int fmt = !strcmp(output, "text") ? LINT_OUT_TEXT : !strcmp(output, "json") ? LINT_OUT_JSON
            : !strcmp(output, "github") ? LINT_OUT_GITHUB : -1;
    if (fmt < 0) { fprintf(stderr, "Error: invalid argument \"%s\" for \"--output\" flag: must be text, json or github\n", output); return 1; }
    int col = cli_color(color, stdout);
    if (col < 0) { fprintf(stderr, "Error: invalid argument \"%s\" for \"--color\" flag: must be auto, always or never\n", color); return 1; }
    char *kv = sg_check_kube_version(ro.kube_version);
    if (kv) { fprintf(stderr, "Error: %s\n", kv); free(kv); return 1; }
    if (!ro.release_name) ro.release_name = "release-name";
    if (!ncharts && !manifests) cli_push(&charts, &ncharts, ".");
    size_t total = ncharts + (manifests ? 1 : 0);
    lint_report **rs = calloc(total + 1, sizeof *rs);
    size_t failed = 0;
    for (size_t i = 0; i < total; i++) {
        if (i == ncharts) {
            size_t len = 0;
            char *text = read_all(manifests, &len);
            if (!text) { fprintf(stderr, "Error: open %s: no such file or directory\n", manifests); free(rs); return 1; }
            rs[i] = lint_run_manifests(manifests, text, len);
            free(text);
        } else
            rs[i] = lint_run(charts[i], &ro);
        if (rs[i]->values_error) {
            /* helm lint merges the user's values before linting: "Error: ..." and stop */
            fprintf(stderr, "Error: %s\n", rs[i]->fatal_msg);
            for (size_t j = i + 1; j-- > 0;) lint_report_free(rs[j]);
            free(rs);
            free((void *)charts);
            return 1;
        }
        if (lint_failed(rs[i], strict)) failed++;
    }
    if (fmt == LINT_OUT_JSON) lint_print_json(stdout, rs, total);
    else
        for (size_t i = 0; i < total; i++) {
            if (quiet && rs[i]->highest < LINT_WARNING && !rs[i]->fatal) continue;
            lint_print(stdout, rs[i], fmt, col == 1);
        }
    /* reports are arenas on a stack: free in reverse order */
    for (size_t i = total; i-- > 0;) lint_report_free(rs[i]);
    free(rs);
    free((void *)charts);
    free((void *)ro.value_files.items);
    free((void *)ro.set.items);
    free((void *)ro.set_string.items);
    free((void *)ro.set_json.items);
    free((void *)ro.set_file.items);
    free((void *)ro.set_literal.items);
    fflush(stdout);
    if (failed) {
        if (fmt == LINT_OUT_TEXT) fprintf(stderr, "Error: %zu chart(s) linted, %zu chart(s) failed\n", total, failed);
        return 1;
    }
    if (fmt == LINT_OUT_TEXT) printf("%zu chart(s) linted, 0 chart(s) failed\n", total);
    return 0;
}
