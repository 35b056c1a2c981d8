/* archive.h - packaged charts (.tgz): Helm's loader.LoadArchiveFiles on zlib.
 *
 * gzip (multistream, CRC-checked as Go's compress/gzip) + tar (ustar, GNU and pax long
 * names, as Go's archive/tar), then Helm's path rules: the first path component (the
 * chart directory inside the archive) is dropped, absolute paths, ".." and drive letters
 * are refused, a Chart.yaml at the archive top is refused, and the size limits hold
 * (100 MiB in all, 5 MiB a file).  Errors carry Go's / Helm's texts. */
#ifndef SG_ARCHIVE_H
#define SG_ARCHIVE_H
#include "chart.h"
#include <stddef.h>

/* Helm's MaxDecompressedChartSize / MaxDecompressedFileSize. */
#define ARCHIVE_MAX_CHART ((size_t)100 * 1024 * 1024)
#define ARCHIVE_MAX_FILE ((size_t)5 * 1024 * 1024)

/* Read the files of the gzipped tar `data` (paths relative to the chart root, UTF-8 BOMs
 * trimmed, data NUL-terminated in the arena), in archive order.  Throws an SG_ERR_PLAIN
 * error with the text LoadArchiveFiles returns, e.g. "gzip: invalid header",
 * "unexpected EOF", "chart illegally references parent directory",
 * "no files in chart archive". */
void archive_load_files(const unsigned char *data, size_t len, sg_chartfile **files, size_t *n);

#endif
