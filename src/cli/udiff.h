/* udiff.h - unified line diffs of two texts (golden file mismatches). */
#ifndef SG_CLI_UDIFF_H
#define SG_CLI_UDIFF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Print a unified diff (3 lines of context) turning text a into text b, with headers
 * "--- alabel" / "+++ blabel"; `color` colors removed/added lines.  Prints nothing and
 * returns 0 when equal, else returns 1. */
int udiff_print(FILE *f, const char *a, size_t alen, const char *b, size_t blen,
                const char *alabel, const char *blabel, bool color);
#endif
