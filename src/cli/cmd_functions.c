/* cmd_functions.c - `sparkgen functions`: every function a template can call under the
 * Helm version in force (--helm-compat / SPARKGEN_HELM_COMPAT), one per line, sorted, as
 * NAME(PARAMETER TYPES) with Go's type names (the chart author's checklist). */
#include "cmds.h"
#include "out.h"
#include "../exec/functab.h"
#include <stdio.h>
#include <string.h>

int cmd_functions(int argc, char **argv, int first)
{
    if (first < argc) {
        fprintf(stderr, "Error: unknown command \"%s\" for \"sparkgen functions\"\n", argv[first]);
        return 1;
    }
    size_t n;
    const sg_funcdef *t = fn_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (sg_helm_major == 3 && (t[i].flags & FN_V4ONLY)) continue;
        char line[512];
        size_t len = (size_t)snprintf(line, sizeof line, "%s(", t[i].name);
        const char *sig = t[i].sig ? t[i].sig : "";
        for (const char *p = sig; *p && len < sizeof line - 64; p++) {
            if (*p == '*') continue;
            bool variadic = p[1] == '*';
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s%s", p == sig ? "" : ", ",
                                    variadic ? "..." : "", functab_typename(*p));
        }
        snprintf(line + len, sizeof line - len, ")\n");
        if (out_puts(stdout, line)) return 1;
    }
    return 0;
}
