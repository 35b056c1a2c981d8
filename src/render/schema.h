/* schema.h - values.schema.json validation as `helm template` reports it
 * (pkg/chart/common/util ValidateAgainstSchema; v4 santhosh-tekuri/jsonschema v6
 * messages, v3 xeipuuv/gojsonschema messages).
 *
 * A subset of JSON Schema: type, enum, const, minimum, maximum, exclusiveMinimum,
 * exclusiveMaximum, multipleOf, minLength, maxLength, pattern, minItems, maxItems,
 * uniqueItems, items, minProperties, maxProperties, required, properties,
 * additionalProperties, allOf, anyOf, oneOf, not, and local "#/..." $ref.
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
