/* fsio.c - whole-file reads and directory listings for chart loading and -f files. */
#include "fsio.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <fcntl.h>

const char *fsio_strerror(int e)
{
    /* Go's errors table (zerrors_linux) is libc's text with a lower-case first letter. */
    const char *s = strerror(e);
    char *c = sg_strdup(s);
    if (c[0] >= 'A' && c[0] <= 'Z') c[0] = (char)(c[0] - 'A' + 'a');
    return c;
}

int fsio_read(const char *path, const char **data, size_t *len, const char **err)
{
    int fd;
    bool is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) fd = 0;
    else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            *err = sg_sprintf("open %s: %s", path, fsio_strerror(errno));
            return -1;
        }
    }
    sg_buf b;
    buf_init(&b);
    for (;;) {
        buf_reserve(&b, 65536);
        ssize_t r = read(fd, b.p + b.len, b.cap - b.len - 1);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            if (!is_stdin) close(fd);
            *err = sg_sprintf("read %s: %s", is_stdin ? "/dev/stdin" : path, fsio_strerror(e));
            return -1;
        }
        if (r == 0) break;
        b.len += (size_t)r;
        b.p[b.len] = 0;
    }
    if (!is_stdin) close(fd);
    *data = b.p;
    *len = b.len;
    return 0;
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int fsio_list(const char *dir, const char ***names, bool **isdir, size_t *n, const char **err)
{
    DIR *d = opendir(dir);
    if (!d) {
        *err = sg_sprintf("open %s: %s", dir, fsio_strerror(errno));
        return -1;
    }
    size_t cap = 16, cnt = 0;
    const char **v = sg_alloc(cap * sizeof *v);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
        if (cnt == cap) {
            v = sg_realloc(v, cap * sizeof *v, cap * 2 * sizeof *v);
            cap *= 2;
        }
        v[cnt++] = sg_strdup(de->d_name);
    }
    closedir(d);
    qsort(v, cnt, sizeof *v, cmpstr);
    bool *dirs = sg_alloc((cnt ? cnt : 1) * sizeof *dirs);
    for (size_t i = 0; i < cnt; i++) {
        struct stat st;
        const char *p = sg_sprintf("%s/%s", dir, v[i]);
        dirs[i] = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    }
    *names = v;
    *isdir = dirs;
    *n = cnt;
    return 0;
}
