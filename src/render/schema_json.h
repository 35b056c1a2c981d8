/* schema_json.h - values.schema.json decoded as both validators see it: JSON with every
 * number kept as its source text (Go's json.Number, which santhosh-tekuri/jsonschema and
 * gojsonschema both decode with), so messages can print "1.10" or "1e3" as written and
 * keyword checks can tell 1 from 1.0. */
#ifndef SG_SCHEMA_JSON_H
#define SG_SCHEMA_JSON_H
#include "../value/value.h"
#include <stdbool.h>

/* jsonio_parse's result (and its error texts), with every number replaced by a
 * json.Number object (schema_num_text gives its text).  Returns 0 or -1 with *err. */
int schema_json_parse(const char *text, size_t len, sg_value *out, const char **err);

/* Whether v is a number: a Go int/int64/float64 or a json.Number object. */
bool schema_is_num(sg_value v);

/* The float64 value of a number (0 for anything else). */
double schema_num(sg_value v);

/* The source text of a json.Number object, or NULL for any other value. */
const char *schema_num_text(sg_value v);

/* v with every number (json.Number, int, int64) replaced by its float64 (a deep copy
 * where needed), as encoding/json hands it on after decoding into interface{}. */
sg_value schema_plain(sg_value v);

/* Whether x is an integer multiple of m, computed on their shortest decimal forms as
 * Go's big.Rat does (0.3 is a multiple of 0.1). */
bool schema_multiple_of(double x, double m);

#endif
