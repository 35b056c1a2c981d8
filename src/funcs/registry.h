/* registry.h - kept only so that includes written before the move keep compiling: the
 * function-table interface is src/exec/functab.h (exec consumes it; funcs/registry.c
 * implements it).  Include that header; delete this one when nothing includes it. */
#ifndef SG_REGISTRY_H
#define SG_REGISTRY_H
#include "../exec/functab.h"
#endif
