/* main.c - the sparkgen command: `template` (helm template, byte for byte), `render`
 * (the embedded Spark chart), help and version.  Talks to the library only through
 * include/sparkgen.h; prints only after the whole render succeeded. */
#include "args.h"
#include "cmds.h"
#include "out.h"
#include "sparkgen.h"
#include "../base/limits.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const sg_file sg_embedded_files[];
extern const size_t sg_embedded_nfiles;
extern const char sg_embedded_name[];

static const char usage_root[] =
    "sparkgen renders Helm charts exactly as `helm template` does.\n"
    "\n"
    "Usage:\n"
    "  sparkgen [command]\n"
    "\n"
    "Available Commands:\n"
    "  functions   list every template function with its parameter types\n"
    "  help        Help about any command\n"
    "  render      render the built-in Spark standalone chart\n"
    "  template    locally render templates (helm template)\n"
    "  version     print the sparkgen version\n"
    "\n"
    "Flags:\n"
    "  -h, --help                 help for sparkgen\n"
    "      --helm-compat string   Helm version to emulate: v4 (default) or v3; env SPARKGEN_HELM_COMPAT\n"
    "      --version              print the sparkgen version\n"
    "\n"
    "Use \"sparkgen [command] --help\" for more information about a command.\n";

static const char usage_template[] =
    "\n"
    "Render chart templates locally and display the output.\n"
    "\n"
    "Any values that would normally be looked up or retrieved in-cluster will be\n"
    "faked locally. Additionally, none of the server-side testing of chart validity\n"
    "(e.g. whether an API is supported) is done.\n"
    "\n"
    "Usage:\n"
    "  sparkgen template [NAME] [CHART] [flags]\n"
    "\n"
    "Flags:\n"
    "  -a, --api-versions strings      Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)\n"
    "  -g, --generate-name             generate the name (and omit the NAME parameter)\n"
    "  -h, --help                      help for template\n"
    "      --include-crds              include CRDs in the templated output\n"
    "      --is-upgrade                set .Release.IsUpgrade instead of .Release.IsInstall\n"
    "      --kube-version string       Kubernetes version used for Capabilities.KubeVersion\n"
    "      --name-template string      specify template used to name the release\n"
    "      --no-hooks                  prevent hooks from running during install\n"
    "      --output-dir string         writes the executed templates to files in output-dir instead of stdout\n"
    "      --release-name              use release name in the output-dir path.\n"
    "      --set stringArray           set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)\n"
    "      --set-file stringArray      set values from respective files specified via the command line\n"
    "      --set-json stringArray      set JSON values on the command line\n"
    "      --set-literal stringArray   set a literal STRING value on the command line\n"
    "      --set-string stringArray    set STRING values on the command line\n"
    "  -s, --show-only stringArray     only show manifests rendered from the given templates\n"
    "      --skip-schema-validation    if set, disables JSON schema validation\n"
    "      --skip-tests                skip tests from templated output\n"
    "  -f, --values strings            specify values in a YAML file (can specify multiple)\n"
    "\n"
    "Global Flags:\n"
    "      --debug                     enable verbose output\n"
    "      --helm-compat string        Helm version to emulate: v4 (default) or v3\n"
    "  -n, --namespace string          namespace scope for this request\n"
    "\n"
    "Limits (README.md, section Limits; 0 = none):\n"
    "      --max-documents n           YAML documents in the release (default 200000)\n"
    "      --max-iterations n          units of loop work: range iterations, function and template calls,\n"
    "                                  list elements (default 100000000)\n"
    "      --max-memory size           memory the render may use (default 4Gi)\n"
    "      --max-output-bytes size     rendered output (default 1Gi)\n"
    "\n"
    "Every other flag of `helm template` is accepted and ignored.\n";

static const char usage_render[] =
    "Render the built-in Spark standalone chart (or --chart DIR).\n"
    "\n"
    "Usage:\n"
    "  sparkgen render [VALUES_FILE...] [flags]\n"
    "\n"
    "Flags:\n"
    "      --chart string              render this chart directory instead of the built-in one\n"
    "  -f, --values strings            values files (after the positional ones)\n"
    "      --set stringArray           set values on the command line\n"
    "      --set-file stringArray      set values from files\n"
    "      --set-json stringArray      set JSON values\n"
    "      --set-literal stringArray   set literal string values\n"
    "      --set-string stringArray    set STRING values\n"
    "      --release-name string       release name (default \"spark\")\n"
    "  -n, --namespace string          namespace (default \"default\")\n"
    "      --kube-version string       Kubernetes version for Capabilities.KubeVersion\n"
    "  -a, --api-versions strings      extra Capabilities.APIVersions\n"
    "  -s, --show-only stringArray     only show manifests rendered from the given templates\n"
    "      --output-dir string         write the manifests to files in this directory\n"
    "      --include-crds              include CRDs\n"
    "      --skip-tests                skip test hooks\n"
    "      --no-hooks                  leave hooks out\n"
    "      --helm-compat string        Helm version to emulate: v4 (default) or v3\n"
    "  -h, --help                      help for render\n";

static int compat_from(const char *s)
{
    if (!s) return 0;
    if (!strcmp(s, "v3") || !strcmp(s, "3")) return 3;
    if (!strcmp(s, "v4") || !strcmp(s, "4")) return 4;
    return 0;
}

/* Helm's environment defaults (cli.EnvSettings): HELM_NAMESPACE, HELM_DEBUG. */
static void env_defaults(sg_render_opts *ro, bool debug_given)
{
    const char *ns = getenv("HELM_NAMESPACE");
    if (!ro->namespace_name && ns && *ns) ro->namespace_name = ns;
    const char *dbg = getenv("HELM_DEBUG");
    if (!debug_given && dbg) {
        static const char *const t[] = { "1", "t", "T", "TRUE", "true", "True" };
        for (int i = 0; i < 6; i++)
            if (!strcmp(dbg, t[i])) ro->debug = true;
    }
}

/* Render, print the log, then the output or the error.  Returns the exit code. */
static int run(sg_chart *chart, sg_render_opts *ro)
{
    sg_result *r = sg_render(chart, ro);
    size_t n;
    const char *log = sg_result_log(r, &n);
    if (n) out_write(stderr, log, n);
    int rc = 0;
    if (sg_result_ok(r) && sg_result_commit(r) == 0) {
        const char *out = sg_result_output(r, &n);
        if (out_write(stdout, out, n) != 0) {
            out_error("write /dev/stdout: write error");
            rc = 1;
        }
    } else {
        const char *out = sg_result_output(r, &n);
        if (n) out_write(stdout, out, n); /* --debug dump */
        out_error(sg_result_error(r));
        rc = 1;
    }
    sg_result_free(r);
    sg_chart_free(chart);
    return rc;
}

static int cmd_template(int argc, char **argv, int first)
{
    static cli_opts o; /* static: its malloc'ed lists stay reachable until exit */
    const char *err;
    if (args_parse(CMD_TEMPLATE, argc, argv, first, &o, &err) != 0) {
        out_error(err);
        return 1;
    }
    if (o.deprecations) fputs(o.deprecations, stderr);
    if (o.help) return out_puts(stdout, usage_template) ? 1 : 0;
    if (o.helm_compat) sg_set_helm_version(o.helm_compat);
    if (o.nargs < 1) {
        fputs("Error: \"helm template\" requires at least 1 argument\n\nUsage:  helm template [NAME] [CHART] [flags]\n", stderr);
        return 1;
    }
    /* RunE: --kube-version is parsed before anything else */
    char *kverr = sg_check_kube_version(o.ro.kube_version);
    if (kverr) {
        out_error(kverr);
        free(kverr);
        return 1;
    }
    if (o.dry_run) {
        /* cmdGetDryRunFlagStrategy(cmd, isTemplate=true) */
        const char *d = o.dry_run;
        if (!strcmp(d, "unset"))
            fputs(sg_helm_version() == 3 ? "" : "level=WARN msg=\"--dry-run is deprecated and should be replaced with '--dry-run=client'\"\n", stderr);
        else if (!strcmp(d, "true"))
            fputs(sg_helm_version() == 3 ? "" : "level=WARN msg=\"boolean '--dry-run=true' flag is deprecated and must be replaced with '--dry-run=client'\"\n", stderr);
        else if (!strcmp(d, "false") || !strcmp(d, "none")) {
            fprintf(stderr, "Error: invalid dry-run value (\"%s\"). Must be \"server\" or \"client\"\n", d);
            return 1;
        } else if (strcmp(d, "client") && strcmp(d, "server")) {
            fprintf(stderr, "Error: invalid dry-run value (\"%s\"). Must be \"none\", \"server\", or \"client\"\n", d);
            return 1;
        }
        if (!strcmp(d, "server")) o.validate = true;
    }
    if (o.validate) {
        const char *msg = "cluster reachability check failed: kubernetes cluster unreachable: Get \"http://localhost:8080/version\": dial tcp 127.0.0.1:8080: connect: connection refused";
        fprintf(stderr, "level=ERROR msg=\"cluster reachability check failed: kubernetes cluster unreachable: Get \\\"http://localhost:8080/version\\\": dial tcp 127.0.0.1:8080: connect: connection refused\"\n");
        out_error(msg);
        return 1;
    }
    /* action.Install.NameAndChart */
    const char *chart;
    if (o.nargs > 2) {
        size_t len = 0;
        for (size_t i = 2; i < o.nargs; i++) len += strlen(o.args[i]) + 2;
        char *list = calloc(1, len + 1);
        for (size_t i = 2; i < o.nargs; i++) {
            if (i > 2) strcat(list, ", ");
            strcat(list, o.args[i]);
        }
        fprintf(stderr, "Error: expected at most two arguments, unexpected arguments: %s\n", list);
        free(list);
        return 1;
    }
    if (o.nargs == 2) {
        if (o.generate_name) { out_error("cannot set --generate-name and also specify a name"); return 1; }
        if (o.name_template) { out_error("cannot set --name-template and also specify a name"); return 1; }
        o.ro.release_name = o.args[0];
        chart = o.args[1];
    } else {
        chart = o.args[0];
        o.ro.release_name = "release-name";
        o.ro.name_template = o.name_template;
    }
    env_defaults(&o.ro, o.debug_given);
    if (o.repo && *o.repo) {
        /* LocateChart with --repo: a repository is never contacted */
        const char *colon = strstr(o.repo, "://");
        fprintf(stderr, "Error: could not find protocol handler for: %.*s\n", colon ? (int)(colon - o.repo) : 0, o.repo);
        return 1;
    }
    return run(sg_chart_dir(chart), &o.ro);
}

static int cmd_render(int argc, char **argv, int first)
{
    static cli_opts o; /* static: its malloc'ed lists stay reachable until exit */
    const char *err;
    if (args_parse(CMD_RENDER, argc, argv, first, &o, &err) != 0) {
        out_error(err);
        return 1;
    }
    if (o.help) return out_puts(stdout, usage_render) ? 1 : 0;
    if (o.helm_compat) sg_set_helm_version(o.helm_compat);
    /* positional values files come first, then -f */
    if (o.nargs) {
        sg_strlist vf = { calloc(o.nargs + o.ro.value_files.len + 1, sizeof(char *)), 0 };
        for (size_t i = 0; i < o.nargs; i++) vf.items[vf.len++] = o.args[i];
        for (size_t i = 0; i < o.ro.value_files.len; i++) vf.items[vf.len++] = o.ro.value_files.items[i];
        o.ro.value_files = vf;
    }
    if (!o.ro.release_name) o.ro.release_name = "spark";
    sg_chart *chart = o.chart_dir ? sg_chart_dir(o.chart_dir)
                                  : sg_chart_mem(sg_embedded_name, sg_embedded_files, sg_embedded_nfiles);
    return run(chart, &o.ro);
}

int main(int argc, char **argv)
{
    /* a closed stdout (`| head -c1`) is a write error reported by out_write, not a kill */
    signal(SIGPIPE, SIG_IGN);
    limits_from_env();
    const char *env = getenv("SPARKGEN_HELM_COMPAT");
    if (!compat_from(env)) env = getenv("SPARKGEN_HELM_MAJOR");
    sg_set_helm_version(compat_from(env) ? compat_from(env) : 4);
    int i = 1;
    /* root-level flags before the command */
    while (i < argc && argv[i][0] == '-') {
        const char *a = argv[i];
        if (!strcmp(a, "--version")) return out_puts(stdout, sg_version()) || out_puts(stdout, "\n") ? 1 : 0;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) return out_puts(stdout, usage_root) ? 1 : 0;
        if (!strncmp(a, "--helm-compat=", 14) || (!strcmp(a, "--helm-compat") && i + 1 < argc)) {
            const char *v = a[13] == '=' ? a + 14 : argv[++i];
            if (!compat_from(v)) {
                fprintf(stderr, "Error: invalid argument \"%s\" for \"--helm-compat\" flag: must be v3 or v4\n", v);
                return 1;
            }
            sg_set_helm_version(compat_from(v));
            i++;
            continue;
        }
        if (!strncmp(a, "--", 2)) {
            const char *eq = strchr(a, '=');
            fprintf(stderr, "Error: unknown flag: %.*s\n", eq ? (int)(eq - a) : (int)strlen(a), a);
        } else
            fprintf(stderr, "Error: unknown shorthand flag: '%c' in %s\n", a[1], a);
        return 1;
    }
    if (i >= argc) return out_puts(stdout, usage_root) ? 1 : 0;
    const char *cmd = argv[i];
    if (!strcmp(cmd, "template")) return cmd_template(argc, argv, i + 1);
    if (!strcmp(cmd, "render")) return cmd_render(argc, argv, i + 1);
    if (!strcmp(cmd, "lint")) return cmd_lint(argc, argv, i + 1);
    if (!strcmp(cmd, "golden")) return cmd_golden(argc, argv, i + 1);
    if (!strcmp(cmd, "create")) return cmd_create(argc, argv, i + 1);
    if (!strcmp(cmd, "functions")) return cmd_functions(argc, argv, i + 1);
    if (!strcmp(cmd, "version")) return out_puts(stdout, sg_version()) || out_puts(stdout, "\n") ? 1 : 0;
    if (!strcmp(cmd, "help")) {
        const char *what = i + 1 < argc ? argv[i + 1] : "";
        const char *text = !strcmp(what, "template") ? usage_template : !strcmp(what, "render") ? usage_render : usage_root;
        return out_puts(stdout, text) ? 1 : 0;
    }
    fprintf(stderr, "Error: unknown command \"%s\" for \"sparkgen\"\nRun 'sparkgen --help' for usage.\n", cmd);
    return 1;
}
