/* fn_path.c - Sprig's path functions: Go's path package (base, dir, clean, ext, isAbs) and
 * path/filepath (os*), which on Linux behave the same (separator '/'). */
#include "fn_ext.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/gopath.h"
#include <string.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

/* path.Clean (base/gopath.c) as a template string. */
static sg_value clean(const char *p, size_t n)
{
    size_t len;
    const char *c = gopath_clean(p, n, &len);
    return val_str(c, len);
}

/* path.Base */
static sg_value base(const char *p, size_t n)
{
    if (n == 0) return val_cstr(".");
    while (n > 0 && p[n - 1] == '/') n--;
    if (n == 0) return val_cstr("/");
    size_t i = n;
    while (i > 0 && p[i - 1] != '/') i--;
    return val_str(p + i, n - i);
}

/* path.Dir: Clean of everything up to the last slash. */
static sg_value dir(const char *p, size_t n)
{
    size_t i = n;
    while (i > 0 && p[i - 1] != '/') i--;
    return clean(p, i);
}

/* path.Ext: the suffix from the final dot of the last element. */
static sg_value ext(const char *p, size_t n)
{
    for (size_t i = n; i > 0 && p[i - 1] != '/'; i--)
        if (p[i - 1] == '.') return val_str(p + i - 1, n - i + 1);
    return val_str("", 0);
}

sg_value fn_base(sg_fcall *c, int argc, sg_value *argv) { return base(SP(argv[0]), SN(argv[0])); }
sg_value fn_dir(sg_fcall *c, int argc, sg_value *argv) { return dir(SP(argv[0]), SN(argv[0])); }
sg_value fn_clean(sg_fcall *c, int argc, sg_value *argv) { return clean(SP(argv[0]), SN(argv[0])); }
sg_value fn_ext(sg_fcall *c, int argc, sg_value *argv) { return ext(SP(argv[0]), SN(argv[0])); }
sg_value fn_isabs(sg_fcall *c, int argc, sg_value *argv)
{
    return val_bool(SN(argv[0]) > 0 && SP(argv[0])[0] == '/');
}
