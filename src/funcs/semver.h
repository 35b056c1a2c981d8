/* semver.h - semantic versions and constraints exactly as Masterminds/semver v3.4.0
 * (the version Helm v4.1.4 links; Sprig's `semver`/`semverCompare`, Chart.yaml
 * `kubeVersion:` checks and --kube-version parsing all go through it).  With
 * sg_helm_major == 3 (value.h) it behaves as v3.3.0, which Helm v3.17.3 links: the same
 * texts capitalised ("Invalid Semantic Version", "constraint Parser Error" ...) and the
 * older per-constraint prerelease rule.
 *
 * Parsing never throws: it returns 0 on success, or -1 and sets *err to Masterminds'
 * exact error text (Go's err.Error()), e.g.
 *   "invalid semantic version"            NewVersion("1.2.3.4"), NewVersion("abc")
 *   "version string empty"                StrictNewVersion("")
 *   "invalid characters in version"       StrictNewVersion("1.a.3")
 *   "version segment starts with 0"       NewVersion("1.2.3-01"), StrictNewVersion("01.2.3")
 *   "invalid prerelease string"           NewVersion("1.2.3-a..b") (loose regex fails first:
 *                                          that one is "invalid semantic version")
 *   "invalid metadata string"
 *   "error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range"
 *   "improper constraint: >=1.2.3 foo"     NewConstraint, the offending `||` segment
 *   "constraint parser error"             NewConstraint("1x") and similar
 * Everything returned lives in the current arena (base/arena.h).
 */
#ifndef SG_SEMVER_H
#define SG_SEMVER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct sg_semver {
    uint64_t major, minor, patch;
    const char *pre;       /* prerelease without the '-', "" if none */
    const char *metadata;  /* build metadata without the '+', "" if none */
    const char *original;  /* the text as given (Version.Original()) */
} sg_semver;

/* A parsed constraint string (Masterminds' *Constraints); opaque. */
typedef struct sg_semver_constraints sg_semver_constraints;

/* semver.NewVersion (with CoerceNewVersion = true, the default): accepts "v1.2",
 * "1", "01.02.03", "1.2.3-rc.1+build". Returns 0 and fills *out, or -1 and sets *err. */
int semver_parse(const char *s, size_t n, sg_semver *out, const char **err);
/* semver.StrictNewVersion: exactly X.Y.Z[-pre][+meta], no "v", no leading zeros. */
int semver_parse_strict(const char *s, size_t n, sg_semver *out, const char **err);
/* Version.Compare: -1, 0 or 1 (metadata ignored; a prerelease sorts before its release). */
int semver_compare(const sg_semver *a, const sg_semver *b);
/* Version.String(): "1.2.3[-pre][+meta]" (no "v"), an arena string. */
const char *semver_string(const sg_semver *v);

/* Masterminds' validatePrerelease / validateMetadata (SetPrerelease, SetMetadata): NULL
 * when valid, else the error text. */
const char *semver_validate_prerelease(const char *s, size_t n);
const char *semver_validate_metadata(const char *s, size_t n);

/* semver.NewConstraint: ranges ("1.2 - 1.4"), "~", "~>", "^", "x"/"X"/"*" wildcards, "||",
 * comma or space separated AND, "v" prefixes, "!=", "=", "=>", "=<". Returns NULL and sets
 * *err on error. */
sg_semver_constraints *semver_constraint_parse(const char *s, size_t n, const char **err);
/* Constraints.Check: whether v satisfies the constraints (prereleases only match an AND
 * group that itself names a prerelease, e.g. ">=1.19-0"). */
bool semver_check(const sg_semver_constraints *c, const sg_semver *v);
/* Constraints.String(): the constraints as Masterminds prints them. */
const char *semver_constraint_string(const sg_semver_constraints *c);

/* Sprig's semverCompare / Helm's chartutil.IsCompatibleRange in one call: parses the
 * constraint, then the version (in that order, as sprig does). Returns 0 and sets *ok,
 * or -1 and sets *err to the first parse error. */
int semver_satisfies(const char *cons, const char *version, bool *ok, const char **err);

#endif
