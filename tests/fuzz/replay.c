/* replay.c - runs fuzz inputs through a fuzz target without libFuzzer (built with gcc,
 * under ASan/UBSan in `make fuzz-replay`): `replay-TARGET FILE|DIR...`.  Prints how many
 * inputs ran; a crash or sanitizer report fails the run. */
#include "fuzz.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return -1; }
    size_t cap = 4096, n = 0;
    uint8_t *d = malloc(cap);
    size_t got;
    while (d && (got = fread(d + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) d = realloc(d, cap *= 2);
    }
    fclose(f);
    if (!d) return -1;
    LLVMFuzzerTestOneInput(d, n);
    free(d);
    return 0;
}

int main(int argc, char **argv)
{
    size_t ran = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) { perror(argv[i]); return 1; }
        if (S_ISDIR(st.st_mode)) {
            DIR *dir = opendir(argv[i]);
            struct dirent *e;
            while (dir && (e = readdir(dir))) {
                if (e->d_name[0] == '.') continue;
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", argv[i], e->d_name);
                if (run_file(p) == 0) ran++;
            }
            if (dir) closedir(dir);
        } else if (run_file(argv[i]) == 0) ran++;
    }
    printf("%s: %zu inputs replayed\n", argv[0], ran);
    return 0;
}
