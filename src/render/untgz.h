/* untgz.h - read a packaged chart (.tgz: gzip + tar) into memory, as Helm's
 * loader.LoadArchive does for `helm template NAME chart-1.0.0.tgz`. */
#ifndef SG_UNTGZ_H
#define SG_UNTGZ_H
#include "../chart/chart.h"
#include <stddef.h>

/* Gunzip and untar `data`.  Regular files only; the first path component (the chart
 * directory inside the archive) is removed, as Helm does.  Files land in the arena
 * (NUL-terminated).  Returns 0, or -1 with *err set (e.g. "gzip: invalid header"). */
int untgz(const unsigned char *data, size_t len, sg_chartfile **files, size_t *n, const char **err);

/* RFC 1951 inflate of a raw deflate stream, appended to *out (arena); *used gets the
 * compressed bytes consumed.  Returns 0 or -1 with *err. */
int untgz_inflate(const unsigned char *in, size_t inlen, size_t *used, unsigned char **out, size_t *outlen,
                  const char **err);

#endif
