/* out.c - output for the CLI: everything is written in one go, and a failed write (a
 * full disk, a closed pipe) is reported instead of being silently lost. */
#include "out.h"
#include <string.h>

int out_write(FILE *f, const char *s, size_t n)
{
    if (n && fwrite(s, 1, n, f) != n) return -1;
    if (fflush(f) != 0 || ferror(f)) return -1;
    return 0;
}

int out_puts(FILE *f, const char *s) { return out_write(f, s, strlen(s)); }

void out_error(const char *msg)
{
    fputs("Error: ", stderr);
    fputs(msg, stderr);
    fputc('\n', stderr);
    fflush(stderr);
}
