/* schema_v3.h - values.schema.json validation as helm v3.17.3 does it (xeipuuv/
 * gojsonschema v1.2.0): its schema parsing rules, error order and message texts. */
#ifndef SG_SCHEMA_V3_H
#define SG_SCHEMA_V3_H
#include "../value/value.h"
#include <stdbool.h>

/* The message lines ("- field: description\n" each, "" when valid) for values against
 * the decoded schema sch (schema_json_parse), or gojsonschema's schema error (one line,
 * no trailing newline) when sch does not parse as a schema. */
const char *schema_v3_errors(sg_value sch, sg_value values);

/* gojsonschema's FormatCheckers.IsFormat(format, v): true for unknown formats; a
 * non-string never matches a known one. */
bool schema_format_ok3(const char *format, sg_value v);

#endif
