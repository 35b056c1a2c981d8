/* fn_regex.c - Sprig's regex functions (regex.go, Sprig v3.3.0) on regex.h.
 *
 * The plain variants use regexp.MustCompile, so a bad pattern panics; text/template turns
 * the panic into "error calling regexFind: regexp: Compile(`(`): error parsing regexp: ...".
 * regexMatch alone swallows the error and returns false.  The must* variants return
 * regexp.Compile's error as is.
 */
#include "fn_ext.h"
#include "regex.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

static sg_regex *compile_must(sg_value pat)
{
    return regex_must_compile(SP(pat), SN(pat));
}

static sg_regex *compile_err(sg_value pat)
{
    const char *err;
    sg_regex *re = regex_compile(SP(pat), SN(pat), &err);
    if (!re) sg_throwf("%s", err);
    return re;
}

sg_value fn_regexmatch(sg_fcall *c, int argc, sg_value *argv)
{
    const char *err;
    sg_regex *re = regex_compile(SP(argv[0]), SN(argv[0]), &err);
    return val_bool(re && regex_match(re, SP(argv[1]), SN(argv[1])));
}

sg_value fn_mustregexmatch(sg_fcall *c, int argc, sg_value *argv)
{
    sg_regex *re = compile_err(argv[0]);
    return val_bool(regex_match(re, SP(argv[1]), SN(argv[1])));
}

static sg_value find(sg_regex *re, sg_value s)
{
    long *ov = sg_alloc(sizeof(long) * 2 * ((size_t)regex_numcap(re) + 1));
    if (!regex_exec(re, SP(s), SN(s), 0, ov)) return val_str("", 0);
    return val_str(SP(s) + ov[0], (size_t)(ov[1] - ov[0]));
}

sg_value fn_regexfind(sg_fcall *c, int argc, sg_value *argv) { return find(compile_must(argv[0]), argv[1]); }
sg_value fn_mustregexfind(sg_fcall *c, int argc, sg_value *argv) { return find(compile_err(argv[0]), argv[1]); }

sg_value fn_regexfindall(sg_fcall *c, int argc, sg_value *argv)
{
    return regex_find_all(compile_must(argv[0]), SP(argv[1]), SN(argv[1]), (long)argv[2].u.i);
}

sg_value fn_mustregexfindall(sg_fcall *c, int argc, sg_value *argv)
{
    return regex_find_all(compile_err(argv[0]), SP(argv[1]), SN(argv[1]), (long)argv[2].u.i);
}

static sg_value replace(sg_regex *re, sg_value s, sg_value repl, bool literal)
{
    sg_buf b;
    buf_init(&b);
    regex_replace_all(&b, re, SP(s), SN(s), SP(repl), SN(repl), literal);
    return val_str_nocopy(b.p, b.len);
}

sg_value fn_regexreplaceall(sg_fcall *c, int argc, sg_value *argv)
{
    return replace(compile_must(argv[0]), argv[1], argv[2], false);
}

sg_value fn_mustregexreplaceall(sg_fcall *c, int argc, sg_value *argv)
{
    return replace(compile_err(argv[0]), argv[1], argv[2], false);
}

sg_value fn_regexreplaceallliteral(sg_fcall *c, int argc, sg_value *argv)
{
    return replace(compile_must(argv[0]), argv[1], argv[2], true);
}

sg_value fn_mustregexreplaceallliteral(sg_fcall *c, int argc, sg_value *argv)
{
    return replace(compile_err(argv[0]), argv[1], argv[2], true);
}

sg_value fn_regexsplit(sg_fcall *c, int argc, sg_value *argv)
{
    return regex_split(compile_must(argv[0]), SP(argv[1]), SN(argv[1]), (long)argv[2].u.i);
}

sg_value fn_mustregexsplit(sg_fcall *c, int argc, sg_value *argv)
{
    return regex_split(compile_err(argv[0]), SP(argv[1]), SN(argv[1]), (long)argv[2].u.i);
}

sg_value fn_regexquotemeta(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    regex_quote_meta(&b, SP(argv[0]), SN(argv[0]));
    return val_str_nocopy(b.p, b.len);
}
