/* fsio.h - the chart layer's file-system access: whole-file reads and directory walks,
 * with Go's error texts ("open PATH: no such file or directory"). */
#ifndef SG_FSIO_H
#define SG_FSIO_H
#include <stdbool.h>
#include <stddef.h>

/* Read a whole file ("-" = stdin) into the arena (NUL-terminated).  Returns 0, or -1
 * with *err = Go's os.ReadFile error text. */
int fsio_read(const char *path, const char **data, size_t *len, const char **err);

/* Entries of a directory (names, without "." and ".."), sorted bytewise; *isdir[i] says
 * whether entry i is a directory (following symlinks).  Returns 0, or -1 with *err. */
int fsio_list(const char *dir, const char ***names, bool **isdir, size_t *n, const char **err);

/* Go's syscall.Errno text for errno e ("no such file or directory"). */
const char *fsio_strerror(int e);

#endif
