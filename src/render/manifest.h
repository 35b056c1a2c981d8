/* manifest.h - Helm's manifest assembly: from rendered template files to the exact stdout
 * of `helm template` (HELM-FACTS sections 1 and 2).
 *
 * Split each file into YAML documents (regex `(?:^|\s*\n)---\s*`), read each document's
 * head (kind, metadata.name, annotations), separate hooks, sort by Helm's install order,
 * frame as "---\n# Source: PATH\n" + doc + "\n", add CRDs, apply --show-only, and plan
 * the --output-dir writes.  Everything is built in memory; manifest_commit() performs
 * the planned writes.
 */
#ifndef SG_MANIFEST_H
#define SG_MANIFEST_H
#include "../base/buf.h"
#include <stdbool.h>
#include <stddef.h>

/* A rendered template file or a raw CRD file. */
typedef struct mf_file {
    const char *path; /* "<chart>/templates/x.yaml", "<chart>/crds/a.yaml" */
    const char *text;
    size_t len;
} mf_file;

typedef struct mf_opts {
    bool include_crds, skip_tests, no_hooks;
    const char **show_only;
    size_t n_show_only;
    const char *output_dir;   /* NULL = stdout */
    const char *release_dir;  /* with --release-name: the release name, else NULL */
    int helm_major;           /* 3 or 4 (kind order, log format) */
} mf_opts;

/* One document after sorting. */
typedef struct mf_doc {
    const char *path;   /* source path */
    const char *text;   /* trimmed document text */
    size_t len;
    const char *kind;
    bool hook;
} mf_doc;

/* How a planned --output-dir write treats an existing file. */
enum mf_wmode {
    MF_CREATE,          /* create or truncate (first write of a path in this run) */
    MF_APPEND,          /* append (the path was written before in this run) */
    MF_APPEND_EXISTING, /* hooks: append if the file exists (on disk or written by this run) */
};

/* A planned --output-dir write of `data` to `path`. */
typedef struct mf_write {
    const char *path;
    const char *data;
    size_t len;
    int mode;           /* enum mf_wmode */
} mf_write;

typedef struct mf_result {
    sg_buf out;         /* stdout text */
    sg_buf log;         /* stderr log lines */
    mf_doc *docs;       /* manifests then (emitted) hooks */
    size_t ndocs;
    mf_write *writes;   /* --output-dir plan, in order */
    size_t nwrites;
    /* An error Helm reports only after the --output-dir writes (--show-only with
     * --output-dir never finds anything); NULL normally. */
    const char *late_error;
} mf_result;

/* Assemble `helm template` output from rendered `files` (any order; NOTES.txt and
 * empty files are dropped here) and raw `crds` (in Helm's CRD order).  Throws
 * (err.h) Helm's errors: "YAML parse error on PATH: ...", "could not find template X
 * in chart". */
void manifest_build(const mf_file *files, size_t nfiles, const mf_file *crds, size_t ncrds,
                    const mf_opts *o, mf_result *res);

/* Perform res->writes: each target file is produced in full in memory, written to a
 * temporary file beside it and renamed into place.  Returns 0, or -1 (a manifest/CRD
 * file failed: Helm adds its --debug hint) or -2 (a hook-only file failed) with
 * *errmsg set to Go's text ("mkdir /x: permission denied", "stat d/c: not a
 * directory", "open d/x: permission denied"). */
int manifest_commit(const mf_result *res, const char **errmsg);

/* Append `s` as Go's log/slog TextHandler prints a string value (quoted with
 * strconv.Quote when empty or when it holds spaces, '=', '"' or non-printables). */
void manifest_slog_value(sg_buf *b, const char *s);

/* ---- pieces, exported for tests ---- */

/* Split `text` as Go's regexp.MustCompile(`(?:^|\s*\n)---\s*`).Split(text, -1) does.
 * Returns an arena array of *n pieces (pointers into text, lengths in lens). */
const char **manifest_split(const char *text, size_t len, size_t **lens, size_t *n);
/* Go strings.TrimSpace bounds of [s, s+len): sets start and end offsets. */
void manifest_trim(const char *s, size_t len, size_t *start, size_t *end);
/* Index of `kind` in Helm's install order for `helm_major`, or -1 if unknown. */
int manifest_kind_rank(const char *kind, int helm_major);
/* filepath.Match(pattern, name) (Go semantics, '/' separator). Returns 1 match, 0 no
 * match, -1 bad pattern (Go's ErrBadPattern, treated as no match by Helm). */
int manifest_glob(const char *pattern, const char *name);

#endif
