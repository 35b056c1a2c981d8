/* fn_ext.h - prototypes of the function bodies listed in funcs_ext.def
 * (fn_regex.c, fn_path.c, fn_url.c, fn_date.c, fn_crypto.c). */
#ifndef SG_FN_EXT_H
#define SG_FN_EXT_H
#include "../exec/functab.h"

#define FN(name, fn, sig, flags) sg_value fn(sg_fcall *c, int argc, sg_value *argv);
#include "funcs_ext.def"
#undef FN

#endif
