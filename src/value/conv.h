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

#endif
