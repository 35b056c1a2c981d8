/* gopath.h - Go's path.Clean: lexical cleaning of a '/'-separated path.  One copy for the
 * template function `clean`, the chart loaders and the --output-dir writer. */
#ifndef SG_GOPATH_H
#define SG_GOPATH_H
#include <stddef.h>

/* path.Clean of the n bytes at p (which may hold NULs): the shortest equivalent path,
 * "." for an empty result.  Returns a NUL-terminated string in the arena; *outlen (when
 * not NULL) gets its length. */
const char *gopath_clean(const char *p, size_t n, size_t *outlen);

#endif
