/* conv.h - Sprig/cast conversions between Go types (toString, int64, float64 ...). */
#ifndef SG_CONV_H
#define SG_CONV_H
#include "value.h"

/* sprig strval / toString: strings as is, []byte as text, nil as "<nil>" ... fmt.Sprint. */
sg_value conv_tostring(sg_value v);
/* cast.ToInt64 semantics as sprig uses them (bad input -> 0; "0x10" parsed; floats truncate). */
int64_t conv_int64(sg_value v);
/* cast.ToInt */
int64_t conv_int(sg_value v);
/* cast.ToFloat64 */
double conv_float64(sg_value v);
/* cast.ToBool */
bool conv_bool(sg_value v);
/* sprig strslice: a list of strings from a list/[]string/nil/scalar (nil items dropped). */
sg_value conv_strslice(sg_value v);

/* ---- added by the conv owner ---- */
/* Go's strconv underscoreOK: in a number literal s (optional sign, optional 0b/0o/0x
 * prefix), every '_' stands between digits or right after the prefix. */
bool conv_underscore_ok(const char *s, size_t n);
/* strconv.ParseInt(s, base, 64) (base 0: 0x/0o/0b/0 prefixes and underscores); false on
 * syntax or range error (*out = 0). */
bool conv_parse_int(const char *s, size_t n, int base, int64_t *out);
/* strconv.ParseFloat(s, 64): Go float syntax, inf/nan; false on syntax error or overflow. */
bool conv_parse_float(const char *s, size_t n, double *out);

#endif
