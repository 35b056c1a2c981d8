/* yaml_decode.h - io-private: go-yaml v2 decoding before the JSON round trip. */
#ifndef SG_YAML_DECODE_H
#define SG_YAML_DECODE_H
#include <stdbool.h>
#include <stddef.h>
#include "../value/value.h"

/* go-yaml v2 Unmarshal into interface{} of the first document (all=false) or of every
 * document, with map keys stringified as sigs.k8s.io/yaml does.  Values keep go-yaml's
 * types: ints are VK_INT64 (GT_UINT64 for uint64), floats may be NaN/Inf.  *docs gets a
 * list.  Errors: go-yaml's text ("yaml: line 2: ..."), without the sigs prefix. */
int yl_decode(const char *text, size_t len, bool all, sg_value *docs, const char **err);

/* go-yaml v2 resolve("", in): the tag ("!!str", "!!int", "!!float", "!!bool", "!!null",
 * "!!timestamp", "!!merge") a plain scalar resolves to, and its value. */
const char *yl_resolve_plain(const char *in, sg_value *out);
bool yl_is_timestamp(const char *s);

/* encoding/json's name for the JSON type of a decoded value ("array", "object"...). */
const char *yl_json_kind(sg_value v);

#endif
