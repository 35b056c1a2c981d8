/* cmd_golden.c - `sparkgen golden check|update DIR` (placeholder until the golden runner lands). */
#include "cmds.h"
int cmd_golden(int argc, char **argv, int first) { (void)argc; (void)argv; (void)first; fputs("Error: golden: not implemented\n", stderr); return 1; }
