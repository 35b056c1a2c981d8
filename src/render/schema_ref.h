/* schema_ref.h - "$ref" targets inside values.schema.json: Go's RFC 3986 reference
 * resolution (url.ResolveReference), the base URI of every subschema from its "$id"
 * ("id" in draft 4), and the documents and anchors those define. */
#ifndef SG_SCHEMA_REF_H
#define SG_SCHEMA_REF_H
#include "../value/value.h"
#include <stdbool.h>

/* Go's url.Parse(base).ResolveReference(url.Parse(ref)).String(), for the URL forms
 * schemas use (no userinfo or IP-literal subtleties). */
const char *schema_url_resolve(const char *base, const char *ref);

typedef struct schema_refs schema_refs;

/* Walks the schema root (whose URI is root_base) as the validator of `v3` (gojsonschema:
 * "id" before "$id" in every draft, every value but const/enum walked, "$id": "#name"
 * anchors) or not (santhosh: "id" in draft 4, "$id" later, "$anchor" from 2019-09;
 * const, enum, default and examples skipped). */
schema_refs *schema_refs_build(sg_value root, const char *root_base, int draft, bool v3);

/* The absolute form of the "$ref" of subschema node (a map), or NULL if it has none. */
const char *schema_refs_abs(const schema_refs *r, sg_value node);

/* The subschema an absolute reference names: an identified document or anchor, or a
 * document plus the (still URL-encoded) fragment to apply as a JSON pointer (*frag is
 * NULL when the whole reference named a document or anchor).  False when no document
 * of that URI is known. */
bool schema_refs_lookup(const schema_refs *r, const char *abs, sg_value *doc, const char **frag);

/* The JSON pointer of subschema node (a map) in the document ("" for the root,
 * "/properties/a"), or NULL for a node the walk did not reach. */
const char *schema_refs_location(const schema_refs *r, sg_value node);

#endif
