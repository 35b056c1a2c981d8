/* yaml.h - YAML in and out with Helm's exact semantics.
 *
 * Loading follows sigs.k8s.io/yaml (YAML 1.1 via go-yaml v2, then a JSON round trip):
 * numbers become float64, map keys become strings (y/n/yes/on... keys become "true"/
 * "false"), `~`/null/empty become nil, yes/no/on/off/y/n become bools, timestamps stay
 * strings with their original text, anchors/aliases and merge keys `<<` work, duplicate
 * keys: last wins.  Errors carry go-yaml v2's text and line-numbering rules.
 *
 * Emitting follows go-yaml v2's Marshal (sorted "natural" key order, indent 2, sequences
 * not indented under their key, width-80 folding, libyaml quoting rules), byte for byte.
 */
#ifndef SG_YAML_H
#define SG_YAML_H
#include <stddef.h>
#include "../base/buf.h"
#include "../value/value.h"

/* yaml.Unmarshal(text, &interface{}) of sigs.k8s.io/yaml: the FIRST document of `text`
 * (an empty stream gives nil).  Returns 0 and sets *out, or -1 with *err set to Go's text,
 * e.g. "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in
 * this context" or "error converting YAML to JSON: json: unsupported value: +Inf".
 * Never throws for bad input (it may throw only on arena exhaustion). */
int yamlio_load(const char *text, size_t len, sg_value *out, const char **err);

/* Every document of a stream, each converted as yamlio_load converts one, appended to
 * the list *docs (created here).  Empty documents give nil items.  Helm v4 merges the
 * documents of a values file (later wins, maps merged recursively); that merge is the
 * caller's.  Errors as yamlio_load (the whole call fails). */
int yamlio_load_all(const char *text, size_t len, sg_value *docs, const char **err);

/* A values file as Helm reads it.  v3 (chartutil.ReadValues): yaml.Unmarshal of the
 * whole text, first document only.  v4 (sg_helm_major >= 4, LoadValues): the text is cut
 * into documents by k8s YAMLReader (lines starting with "---"; CRLF → LF; error lines are
 * relative to each document) and every document is merged in (later wins, maps merged
 * recursively).  Each document must be a map or empty (empty/~/comments give an empty
 * map).  *err on failure is the text after "cannot load values.yaml: " / "failed to parse
 * FILE: ", e.g. v3 "error converting YAML to JSON: ...", v4 "cannot unmarshal yaml
 * document: error converting YAML to JSON: ...", "... error unmarshaling JSON: while
 * decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface
 * {}" and "error reading yaml document: invalid Yaml document separator: x". */
int yamlio_load_values(const char *text, size_t len, sg_value *out, const char **err);

/* sigs.k8s.io/yaml.Marshal(v) = json.Marshal, parse that JSON as YAML, go-yaml v2 Marshal.
 * Appends the YAML text WITH its trailing "\n" (Helm's toYaml then trims one "\n"; an
 * empty map gives "{}\n", nil gives "null\n").  Returns 0, or -1 with *err set (json
 * errors such as "json: unsupported value: NaN"); on error nothing is appended. */
int yamlio_marshal(sg_buf *b, sg_value v, const char **err);

/* Helm's toYaml body: yamlio_marshal with one trailing "\n" removed; on error appends
 * nothing (Helm returns ""). */
void yamlio_emit(sg_buf *b, sg_value v);

/* go-yaml v2 Marshal of v as it is (no JSON round trip: floats print as %g shortest,
 * e.g. 1e+06).  Appends text with the trailing "\n"; appends nothing for a value nested
 * deeper than 10000 levels (a cycle). */
void yamlio_emit_raw(sg_buf *b, sg_value v);

/* Helm's toYamlPretty core: a go-yaml v3 Encoder with SetIndent(2) on v as it is (no
 * JSON round trip): sequences indented under their key, no line folding, tabs allowed in
 * literal blocks, invalid UTF-8 as !!binary.  Appends text with the trailing "\n";
 * appends nothing for a value nested deeper than 10000 levels (a cycle; Go overflows). */
void yamlio_emit_v3(sg_buf *b, sg_value v);

#endif
