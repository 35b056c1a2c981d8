/* args.h - command-line parsing with cobra/pflag's rules and error texts.
 *
 * `sparkgen template [NAME] [CHART] [flags]` takes every flag `helm template` takes
 * (v4.1.4 set; unknown flags fail exactly as pflag fails), `sparkgen render` takes the
 * product command's flags.  Parsing never prints: errors come back as text.
 */
#ifndef SG_CLI_ARGS_H
#define SG_CLI_ARGS_H
#include "sparkgen.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum cli_cmd { CMD_TEMPLATE, CMD_RENDER } cli_cmd;

typedef struct cli_opts {
    cli_cmd cmd;
    sg_render_opts ro;       /* what goes to sg_render */
    const char **args;       /* positional arguments, in order */
    size_t nargs;
    const char *name_template;
    bool generate_name;
    bool help;
    bool debug_given;        /* --debug appeared (HELM_DEBUG is then ignored) */
    bool validate;           /* deprecated --validate (needs a cluster) */
    bool dry_run_given;      /* --dry-run without a value (deprecation warning) */
    const char *dry_run;     /* --dry-run value */
    const char *chart_dir;   /* render: --chart DIR */
    const char *repo;        /* template: --repo URL (charts are never fetched) */
    int helm_compat;         /* --helm-compat 3|4, 0 = not given */
    const char *deprecations;/* "Flag --x has been deprecated, ..." lines for stderr */
} cli_opts;

/* Parse argv[first..argc) for command `cmd` into *o (o is initialised here).
 * Returns 0, or -1 with *err set to the text after "Error: " (e.g.
 * "unknown flag: --bogus", "flag needs an argument: 'f' in -f"). */
int args_parse(cli_cmd cmd, int argc, char **argv, int first, cli_opts *o, const char **err);

#endif
