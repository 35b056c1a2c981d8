/* fn_conv.c - Sprig's conversion and default functions: toString, toStrings, atoi, int,
 * int64, float64, toDecimal, default, empty, coalesce, all, any, ternary. */
#include "fn_strings.h"
#include "../value/conv.h"
#include "../value/gofmt.h"

sg_value fn_tostring(sg_fcall *c, int argc, sg_value *argv) { return conv_tostring(argv[0]); }
sg_value fn_tostrings(sg_fcall *c, int argc, sg_value *argv) { return conv_strslice(argv[0]); }

sg_value fn_atoi(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t r;
    if (!conv_parse_int(argv[0].u.s.p, argv[0].u.s.n, 10, &r)) r = 0;
    return val_int(r);
}

sg_value fn_int(sg_fcall *c, int argc, sg_value *argv) { return val_int(conv_int(argv[0])); }
sg_value fn_int64(sg_fcall *c, int argc, sg_value *argv) { return val_int64(conv_int64(argv[0])); }
sg_value fn_float64(sg_fcall *c, int argc, sg_value *argv) { return val_float(conv_float64(argv[0])); }

sg_value fn_todecimal(sg_fcall *c, int argc, sg_value *argv)
{
    /* strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on error */
    size_t n;
    const char *s = gofmt_str(argv[0], &n);
    int64_t r;
    if (!conv_parse_int(s, n, 8, &r)) r = 0;
    return val_int64(r);
}

sg_value fn_default(sg_fcall *c, int argc, sg_value *argv)
{
    if (argc < 2 || val_empty(argv[1])) return argv[0];
    return argv[1];
}

sg_value fn_empty(sg_fcall *c, int argc, sg_value *argv) { return val_bool(val_empty(argv[0])); }

sg_value fn_coalesce(sg_fcall *c, int argc, sg_value *argv)
{
    for (int i = 0; i < argc; i++)
        if (!val_empty(argv[i])) return argv[i];
    return sg_nil;
}

sg_value fn_all(sg_fcall *c, int argc, sg_value *argv)
{
    for (int i = 0; i < argc; i++)
        if (val_empty(argv[i])) return val_bool(false);
    return val_bool(true);
}

sg_value fn_any(sg_fcall *c, int argc, sg_value *argv)
{
    for (int i = 0; i < argc; i++)
        if (!val_empty(argv[i])) return val_bool(true);
    return val_bool(false);
}

sg_value fn_ternary(sg_fcall *c, int argc, sg_value *argv) { return argv[2].u.b ? argv[0] : argv[1]; }
