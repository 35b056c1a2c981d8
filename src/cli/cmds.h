/* cmds.h - the CI subcommands beyond template/render: lint, golden, create.  Each takes
 * argv with its own arguments starting at argv[first] and returns the exit status. */
#ifndef SG_CLI_CMDS_H
#define SG_CLI_CMDS_H
#include <stdbool.h>
#include <stdio.h>

int cmd_lint(int argc, char **argv, int first);
int cmd_golden(int argc, char **argv, int first);
int cmd_create(int argc, char **argv, int first);
/* `sparkgen functions`: every template function with its Go parameter types. */
int cmd_functions(int argc, char **argv, int first);

/* --color auto|always|never for stream f: 1 = colors, 0 = none, -1 = invalid value. */
int cli_color(const char *mode, FILE *f);
/* Append to a growable (malloc'ed) list of strings. */
void cli_push(const char ***items, size_t *len, const char *s);
#endif
