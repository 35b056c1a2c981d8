/* fn_helm.h - prototypes of the function bodies listed in funcs_helm.def. */
#ifndef SG_FN_HELM_H
#define SG_FN_HELM_H
#include "../exec/functab.h"

#define FN(name, fn, sig, flags) sg_value fn(sg_fcall *c, int argc, sg_value *argv);
#include "funcs_helm.def"
#undef FN

#endif
