/* testutil.h - helpers shared by the unit suites that run tables of Go observations
 * (check_gofmt.c, check_strfuncs.c, check_chart.c, check_values.c): a one-letter argument
 * mini-language for sg_values, a tab splitter for the table rows, and JSON of a value. */
#ifndef SG_TESTUTIL_H
#define SG_TESTUTIL_H
#include "../../src/value/value.h"

/* Test argument mini-language: iN int, IN int64, fX float64 (also +Inf, -Inf, NaN), sTEXT
 * string (\n \t \x80 \xff escapes), n nil, bt/bf bool, L:a,b []interface{}, S:a,b []string,
 * B:text []uint8, M:k=v,... map[string]interface{} (items use the same codes).  The value
 * lives in the current arena. */
sg_value tu_parse_arg(const char *a);

/* Split a case line at tabs, in place, into at most max parts: parts[0] is the format /
 * function name.  Returns the number of parts. */
int tu_split_case(char *line, char **parts, int max);

/* The value as JSON (io/json's jsonio_emit, compact), in the current arena. */
const char *tu_json(sg_value v);

#endif
