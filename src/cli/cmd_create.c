/* cmd_create.c - `sparkgen create NAME` (placeholder until the starters land). */
#include "cmds.h"
int cmd_create(int argc, char **argv, int first) { (void)argc; (void)argv; (void)first; fputs("Error: create: not implemented\n", stderr); return 1; }
