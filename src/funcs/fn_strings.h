/* fn_strings.h - prototypes of the function bodies listed in funcs_string.def
 * (fn_string.c, fn_conv.c, fn_encoding.c, fn_hash.c, fn_random.c). */
#ifndef SG_FN_STRINGS_H
#define SG_FN_STRINGS_H
#include "../exec/functab.h"

#define FN(name, fn, sig, flags) sg_value fn(sg_fcall *c, int argc, sg_value *argv);
#include "funcs_string.def"
#undef FN

#endif
