/* cmd_create.c - `sparkgen create NAME [--starter generic|spark-app]`: scaffold a chart
 * from a starter of the top-level templates/ folder (embedded in the binary at build
 * time as sg_starter_files: paths "<starter>/<file>"), replacing "<CHARTNAME>" with the
 * chart name (the last element of NAME), as `helm create` does with its starters. */
#include "cmds.h"
#include "sparkgen.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const sg_file sg_starter_files[];
extern const size_t sg_starter_nfiles;

static const char usage_create[] =
    "Create a new chart directory from a starter.\n"
    "\n"
    "Usage:\n"
    "  sparkgen create NAME [flags]\n"
    "\n"
    "Starters:\n"
    "  generic     a Deployment + Service + ServiceAccount chart in the spirit of `helm create`\n"
    "  spark-app   a Job that submits a Spark application to a spark-standalone master\n"
    "\n"
    "Flags:\n"
    "  -h, --help             help for create\n"
    "  -p, --starter string   the starter to scaffold from (default \"generic\")\n";

/* mkdir -p of the directories leading to path */
static int mkparents(const char *path)
{
    char *p = strdup(path);
    if (!p) return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = 0;
        if (mkdir(p, 0755) != 0 && errno != EEXIST) { free(p); return -1; }
        *s = '/';
    }
    free(p);
    return 0;
}

static bool starter_exists(const char *st)
{
    size_t k = strlen(st);
    for (size_t i = 0; i < sg_starter_nfiles; i++)
        if (!strncmp(sg_starter_files[i].path, st, k) && sg_starter_files[i].path[k] == '/') return true;
    return false;
}

int cmd_create(int argc, char **argv, int first)
{
    const char *name = NULL, *starter = "generic";
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage_create, stdout); return 0; }
        else if (!strncmp(a, "--starter=", 10)) starter = a + 10;
        else if ((!strcmp(a, "--starter") || !strcmp(a, "-p")) && i + 1 < argc) starter = argv[++i];
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "Error: unknown flag: %s\n", a); return 1; }
        else if (!name) name = a;
        else { fprintf(stderr, "Error: accepts 1 arg(s), received %d\n", argc - first); return 1; }
    }
    if (!name) { fputs("Error: the name of the new chart is required\n", stderr); return 1; }
    if (!starter_exists(starter)) {
        fprintf(stderr, "Error: unknown starter \"%s\": use generic or spark-app\n", starter);
        return 1;
    }
    size_t nl = strlen(name);
    while (nl > 1 && name[nl - 1] == '/') nl--;
    char *dir = strndup(name, nl);
    const char *base = strrchr(dir, '/');
    base = base ? base + 1 : dir;
    for (const char *c = base; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.')) {
            fprintf(stderr, "Error: chart name \"%s\" is invalid: use letters, digits, '-', '_' and '.'\n", base);
            free(dir);
            return 1;
        }
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "Error: file '%s' already exists and is not a directory\n", dir);
        free(dir);
        return 1;
    }
    printf("Creating %s\n", dir);
    size_t sl = strlen(starter);
    int rc = 0;
    for (size_t i = 0; i < sg_starter_nfiles && !rc; i++) {
        const sg_file *f = &sg_starter_files[i];
        if (strncmp(f->path, starter, sl) || f->path[sl] != '/') continue;
        size_t plen = strlen(dir) + strlen(f->path) + 2;
        char *path = malloc(plen);
        if (!path) return 1;
        snprintf(path, plen, "%s/%s", dir, f->path + sl + 1);
        FILE *out = mkparents(path) == 0 ? fopen(path, "wb") : NULL;
        if (!out) { fprintf(stderr, "Error: cannot write %s: %s\n", path, strerror(errno)); free(path); rc = 1; break; }
        /* copy, replacing <CHARTNAME> */
        static const char tag[] = "<CHARTNAME>";
        const char *s = (const char *)f->data, *end = s + f->len;
        while (s < end) {
            const char *hit = NULL;
            for (const char *q = s; q + sizeof tag - 1 <= end; q++)
                if (*q == '<' && !memcmp(q, tag, sizeof tag - 1)) { hit = q; break; }
            size_t k = hit ? (size_t)(hit - s) : (size_t)(end - s);
            fwrite(s, 1, k, out);
            if (!hit) break;
            fputs(base, out);
            s = hit + sizeof tag - 1;
        }
        if (fclose(out) != 0) { fprintf(stderr, "Error: cannot write %s\n", path); rc = 1; }
        free(path);
    }
    free(dir);
    return rc;
}
