/* gopath.c - Go's path.Clean (see gopath.h): Rob Pike's lexical rules, in one pass. */
#include "gopath.h"
#include "arena.h"
#include <stdbool.h>

const char *gopath_clean(const char *p, size_t n, size_t *outlen)
{
    bool rooted = n > 0 && p[0] == '/';
    char *out = sg_alloc(n + 2);
    size_t w = 0, r = 0, dotdot = 0; /* out[0:dotdot] cannot be backtracked over */
    if (rooted) { out[w++] = '/'; r = 1; dotdot = 1; }
    while (r < n) {
        if (p[r] == '/') r++;                                         /* empty element */
        else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) r++; /* . element */
        else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
            r += 2;                                                   /* .. element */
            if (w > dotdot) {
                w--;
                while (w > dotdot && out[w] != '/') w--;
            } else if (!rooted) {
                if (w > 0) out[w++] = '/';
                out[w++] = '.';
                out[w++] = '.';
                dotdot = w;
            }
        } else {
            if ((rooted && w != 1) || (!rooted && w != 0)) out[w++] = '/';
            for (; r < n && p[r] != '/'; r++) out[w++] = p[r];
        }
    }
    if (w == 0) out[w++] = '.';
    out[w] = 0;
    if (outlen) *outlen = w;
    return out;
}
