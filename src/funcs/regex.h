/* regex.h - Go regexp (RE2 syntax, leftmost-first) on top of PCRE2.
 *
 * A Go pattern is parsed as Go's regexp/syntax does (Perl flags), rejected with Go's
 * exact error text where Go rejects it, and translated into an explicit PCRE2 pattern
 * (ASCII \d\s\w\b, `.` without \n, ^/$ as Go's text/line anchors, no PCRE2-only syntax).
 * Compiled patterns are cached for the life of the current arena (the PCRE2 code is
 * released by arena_defer).  The iteration helpers reproduce Go's handling of empty
 * matches (FindAll, ReplaceAll, Split) byte for byte.
 */
#ifndef SG_REGEX_H
#define SG_REGEX_H
#include "../base/buf.h"
#include "../value/value.h"
#include <stdbool.h>
#include <stddef.h>

typedef struct sg_regex sg_regex;

/* regexp.Compile: the compiled pattern, or NULL with *err set to Go's message
 * ("error parsing regexp: missing closing ): `(`"). */
sg_regex *regex_compile(const char *pat, size_t n, const char **err);
/* regexp.MustCompile: throws Go's panic text, "regexp: Compile(`(`): error parsing ...". */
sg_regex *regex_must_compile(const char *pat, size_t n);
/* Number of capture groups (Go's NumSubexp). */
int regex_numcap(const sg_regex *re);
/* Name of group i (1..numcap), "" when unnamed. */
const char *regex_capname(const sg_regex *re, int i);
/* Leftmost-first match starting the search at byte pos (context before pos is seen by
 * ^ and \b).  ovec gets 2*(numcap+1) offsets, -1 for unset groups; false if none. */
bool regex_exec(const sg_regex *re, const char *s, size_t n, size_t pos, long *ovec);
/* MatchString. */
bool regex_match(const sg_regex *re, const char *s, size_t n);
/* FindAllString(s, lim) as a []string value (nil-like empty list when no match). */
sg_value regex_find_all(const sg_regex *re, const char *s, size_t n, long lim);
/* ReplaceAllString (literal=false: $ expansion) / ReplaceAllLiteralString, appended to out. */
void regex_replace_all(sg_buf *out, const sg_regex *re, const char *s, size_t n,
                       const char *repl, size_t rn, bool literal);
/* Split(s, lim) as a []string value. */
sg_value regex_split(const sg_regex *re, const char *s, size_t n, long lim);
/* QuoteMeta, appended to out. */
void regex_quote_meta(sg_buf *out, const char *s, size_t n);

#endif
