/* schema.h - values.schema.json validation as `helm template` reports it
 * (pkg/chart/common/util ValidateAgainstSchema; v4 santhosh-tekuri/jsonschema v6
 * messages, v3 xeipuuv/gojsonschema messages).
 *
 * Keywords (v4): type, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum
 * (draft 4 booleans too), multipleOf, minLength, maxLength, pattern (Go regexp),
 * minItems, maxItems, uniqueItems, items (array form before 2020-12), additionalItems,
 * prefixItems, contains, minContains, maxContains, minProperties, maxProperties,
 * required, properties, patternProperties, additionalProperties, propertyNames,
 * dependencies, dependentRequired, dependentSchemas, unevaluatedProperties,
 * unevaluatedItems, allOf, anyOf, oneOf, not, if/then/else, and $ref inside the document
 * ($id bases and documents, "#name" ids before 2019-09, $anchor, JSON pointers).  format:
 * every santhosh format for drafts 4-7 (none from 2019-09).  The schema is checked
 * against the metaschema's keyword types and values.
 * v3: schema_v3.c, a port of gojsonschema v1.2.0's rules.
 * $ref documents outside the schema: schema_ext.c.
 * Not done: remote $ref (http), $dynamicRef/$recursiveRef, content* keywords.
 */
#ifndef SG_SCHEMA_H
#define SG_SCHEMA_H
#include "../base/buf.h"
#include "../chart/chart.h"
#include "../value/value.h"

/* Validate the root chart's final values against its schema, then every enabled
 * subchart's values against its own schema, recursively.  Throws Helm's error
 * ("values don't meet the specifications of the schema(s) in the following chart(s):\n
 * <chart>:\n- at '/x': ...\n") when anything fails.  Helm's log lines (v4's warning
 * for an unresolved urn: $ref, once per URN) are appended to log. */
void schema_validate_chart(const sg_helmchart *c, sg_value values, sg_buf *log);

/* The message lines for one schema/value pair ("" when valid), for tests. */
const char *schema_errors(const char *schema, size_t len, sg_value values);

#endif
