/* out.h - writing the command's output: stdout/stderr with write-error detection. */
#ifndef SG_CLI_OUT_H
#define SG_CLI_OUT_H
#include <stddef.h>
#include <stdio.h>

/* Write n bytes to f and flush.  Returns 0, or -1 if any write or the flush failed. */
int out_write(FILE *f, const char *s, size_t n);
/* out_write of a C string. */
int out_puts(FILE *f, const char *s);
/* Print "Error: MSG\n" to stderr (Helm/cobra's error line). */
void out_error(const char *msg);

#endif
