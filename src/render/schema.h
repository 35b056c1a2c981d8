/* schema.h - values.schema.json validation as `helm template` reports it
 * (pkg/chart/common/util ValidateAgainstSchema; v4 santhosh-tekuri/jsonschema v6
 * messages, v3 xeipuuv/gojsonschema messages).
 *
 * Keywords: type, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum
 * (draft 4 booleans too), multipleOf, minLength, maxLength, pattern (Go regexp),
 * minItems, maxItems, uniqueItems, items (array form before 2020-12), additionalItems,
 * prefixItems, contains, minContains, maxContains, minProperties, maxProperties,
 * required, properties, patternProperties, additionalProperties, propertyNames,
 * dependencies, dependentRequired, dependentSchemas, unevaluatedProperties (v4), allOf,
 * anyOf, oneOf, not, if/then/else and local "#/..." $ref ($defs/definitions, URL-decoded).
 * format: v4 asserts email, ipv4, hostname, uuid for drafts before 2019-09; v3 asserts
 * gojsonschema v1.2.0's formats.  Metaschema keyword-type errors (v4 2020-12/07/06, v3).
 * Not done: other v4 formats (date-time, uri, ipv6...), $id-based and remote $ref,
 * unevaluatedItems, $dynamicRef, schema number literals kept verbatim (1.0, 1e3).
 */
#ifndef SG_SCHEMA_H
#define SG_SCHEMA_H
#include "../chart/chart.h"
#include "../value/value.h"

/* Validate the root chart's final values against its schema, then every enabled
 * subchart's values against its own schema, recursively.  Throws Helm's error
 * ("values don't meet the specifications of the schema(s) in the following chart(s):\n
 * <chart>:\n- at '/x': ...\n") when anything fails. */
void schema_validate_chart(const sg_helmchart *c, sg_value values);

/* The message lines for one schema/value pair ("" when valid), for tests. */
const char *schema_errors(const char *schema, size_t len, sg_value values);

#endif
