/* check_pathurl.c - unit tests of Sprig's path functions (fn_path.c: Go's path and
 * path/filepath) and URL functions (fn_url.c: Go's net/url).  Expected outputs were printed
 * by helm v4.1.4; "ERR: " marks the text after "error calling FN: ". */
#include "ext_harness.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

static const ext_case cases[] = {
    { "base", { "s" }, 1, "." },
    { "base", { "s/" }, 1, "/" },
    { "base", { "sa/b.txt" }, 1, "b.txt" },
    { "base", { "sa/b/c/" }, 1, "c" },
    { "base", { "s//a//b//" }, 1, "b" },
    { "base", { "sa//b/../c" }, 1, "c" },
    { "base", { "s../../a/./b/.." }, 1, ".." },
    { "base", { "s/../x" }, 1, "x" },
    { "base", { "sx.tar.gz" }, 1, "x.tar.gz" },
    { "base", { "sa.b/c" }, 1, "c" },
    { "base", { "s.hidden" }, 1, ".hidden" },
    { "base", { "sa/.." }, 1, ".." },
    { "base", { "s./" }, 1, "." },
    { "base", { "sa/b/../../.." }, 1, ".." },
    { "base", { "s/a/b/" }, 1, "b" },
    { "base", { "sfile." }, 1, "file." },
    { "base", { "sa/b/c.d/" }, 1, "c.d" },
    { "base", { "s../a/.." }, 1, ".." },
    { "dir", { "s" }, 1, "." },
    { "dir", { "s/" }, 1, "/" },
    { "dir", { "sa/b.txt" }, 1, "a" },
    { "dir", { "sa/b/c/" }, 1, "a/b/c" },
    { "dir", { "s//a//b//" }, 1, "/a/b" },
    { "dir", { "sa//b/../c" }, 1, "a" },
    { "dir", { "s../../a/./b/.." }, 1, "../../a/b" },
    { "dir", { "s/../x" }, 1, "/" },
    { "dir", { "sx.tar.gz" }, 1, "." },
    { "dir", { "sa.b/c" }, 1, "a.b" },
    { "dir", { "s.hidden" }, 1, "." },
    { "dir", { "sa/.." }, 1, "a" },
    { "dir", { "s./" }, 1, "." },
    { "dir", { "sa/b/../../.." }, 1, "." },
    { "dir", { "s/a/b/" }, 1, "/a/b" },
    { "dir", { "sfile." }, 1, "." },
    { "dir", { "sa/b/c.d/" }, 1, "a/b/c.d" },
    { "dir", { "s../a/.." }, 1, "../a" },
    { "clean", { "s" }, 1, "." },
    { "clean", { "s/" }, 1, "/" },
    { "clean", { "sa/b.txt" }, 1, "a/b.txt" },
    { "clean", { "sa/b/c/" }, 1, "a/b/c" },
    { "clean", { "s//a//b//" }, 1, "/a/b" },
    { "clean", { "sa//b/../c" }, 1, "a/c" },
    { "clean", { "s../../a/./b/.." }, 1, "../../a" },
    { "clean", { "s/../x" }, 1, "/x" },
    { "clean", { "sx.tar.gz" }, 1, "x.tar.gz" },
    { "clean", { "sa.b/c" }, 1, "a.b/c" },
    { "clean", { "s.hidden" }, 1, ".hidden" },
    { "clean", { "sa/.." }, 1, "." },
    { "clean", { "s./" }, 1, "." },
    { "clean", { "sa/b/../../.." }, 1, ".." },
    { "clean", { "s/a/b/" }, 1, "/a/b" },
    { "clean", { "sfile." }, 1, "file." },
    { "clean", { "sa/b/c.d/" }, 1, "a/b/c.d" },
    { "clean", { "s../a/.." }, 1, ".." },
    { "ext", { "s" }, 1, "" },
    { "ext", { "s/" }, 1, "" },
    { "ext", { "sa/b.txt" }, 1, ".txt" },
    { "ext", { "sa/b/c/" }, 1, "" },
    { "ext", { "s//a//b//" }, 1, "" },
    { "ext", { "sa//b/../c" }, 1, "" },
    { "ext", { "s../../a/./b/.." }, 1, "." },
    { "ext", { "s/../x" }, 1, "" },
    { "ext", { "sx.tar.gz" }, 1, ".gz" },
    { "ext", { "sa.b/c" }, 1, "" },
    { "ext", { "s.hidden" }, 1, ".hidden" },
    { "ext", { "sa/.." }, 1, "." },
    { "ext", { "s./" }, 1, "" },
    { "ext", { "sa/b/../../.." }, 1, "." },
    { "ext", { "s/a/b/" }, 1, "" },
    { "ext", { "sfile." }, 1, "." },
    { "ext", { "sa/b/c.d/" }, 1, "" },
    { "ext", { "s../a/.." }, 1, "." },
    { "isAbs", { "s" }, 1, "false" },
    { "isAbs", { "s/" }, 1, "true" },
    { "isAbs", { "sa/b.txt" }, 1, "false" },
    { "isAbs", { "sa/b/c/" }, 1, "false" },
    { "isAbs", { "s//a//b//" }, 1, "true" },
    { "isAbs", { "sa//b/../c" }, 1, "false" },
    { "isAbs", { "s../../a/./b/.." }, 1, "false" },
    { "isAbs", { "s/../x" }, 1, "true" },
    { "isAbs", { "sx.tar.gz" }, 1, "false" },
    { "isAbs", { "sa.b/c" }, 1, "false" },
    { "isAbs", { "s.hidden" }, 1, "false" },
    { "isAbs", { "sa/.." }, 1, "false" },
    { "isAbs", { "s./" }, 1, "false" },
    { "isAbs", { "sa/b/../../.." }, 1, "false" },
    { "isAbs", { "s/a/b/" }, 1, "true" },
    { "isAbs", { "sfile." }, 1, "false" },
    { "isAbs", { "sa/b/c.d/" }, 1, "false" },
    { "isAbs", { "s../a/.." }, 1, "false" },
    { "osBase", { "s" }, 1, "." },
    { "osBase", { "s/" }, 1, "/" },
    { "osBase", { "sa/b.txt" }, 1, "b.txt" },
    { "osBase", { "sa/b/c/" }, 1, "c" },
    { "osBase", { "s//a//b//" }, 1, "b" },
    { "osBase", { "sa//b/../c" }, 1, "c" },
    { "osBase", { "s../../a/./b/.." }, 1, ".." },
    { "osBase", { "s/../x" }, 1, "x" },
    { "osBase", { "sx.tar.gz" }, 1, "x.tar.gz" },
    { "osBase", { "sa.b/c" }, 1, "c" },
    { "osBase", { "s.hidden" }, 1, ".hidden" },
    { "osBase", { "sa/.." }, 1, ".." },
    { "osBase", { "s./" }, 1, "." },
    { "osBase", { "sa/b/../../.." }, 1, ".." },
    { "osBase", { "s/a/b/" }, 1, "b" },
    { "osBase", { "sfile." }, 1, "file." },
    { "osBase", { "sa/b/c.d/" }, 1, "c.d" },
    { "osBase", { "s../a/.." }, 1, ".." },
    { "osDir", { "s" }, 1, "." },
    { "osDir", { "s/" }, 1, "/" },
    { "osDir", { "sa/b.txt" }, 1, "a" },
    { "osDir", { "sa/b/c/" }, 1, "a/b/c" },
    { "osDir", { "s//a//b//" }, 1, "/a/b" },
    { "osDir", { "sa//b/../c" }, 1, "a" },
    { "osDir", { "s../../a/./b/.." }, 1, "../../a/b" },
    { "osDir", { "s/../x" }, 1, "/" },
    { "osDir", { "sx.tar.gz" }, 1, "." },
    { "osDir", { "sa.b/c" }, 1, "a.b" },
    { "osDir", { "s.hidden" }, 1, "." },
    { "osDir", { "sa/.." }, 1, "a" },
    { "osDir", { "s./" }, 1, "." },
    { "osDir", { "sa/b/../../.." }, 1, "." },
    { "osDir", { "s/a/b/" }, 1, "/a/b" },
    { "osDir", { "sfile." }, 1, "." },
    { "osDir", { "sa/b/c.d/" }, 1, "a/b/c.d" },
    { "osDir", { "s../a/.." }, 1, "../a" },
    { "osClean", { "s" }, 1, "." },
    { "osClean", { "s/" }, 1, "/" },
    { "osClean", { "sa/b.txt" }, 1, "a/b.txt" },
    { "osClean", { "sa/b/c/" }, 1, "a/b/c" },
    { "osClean", { "s//a//b//" }, 1, "/a/b" },
    { "osClean", { "sa//b/../c" }, 1, "a/c" },
    { "osClean", { "s../../a/./b/.." }, 1, "../../a" },
    { "osClean", { "s/../x" }, 1, "/x" },
    { "osClean", { "sx.tar.gz" }, 1, "x.tar.gz" },
    { "osClean", { "sa.b/c" }, 1, "a.b/c" },
    { "osClean", { "s.hidden" }, 1, ".hidden" },
    { "osClean", { "sa/.." }, 1, "." },
    { "osClean", { "s./" }, 1, "." },
    { "osClean", { "sa/b/../../.." }, 1, ".." },
    { "osClean", { "s/a/b/" }, 1, "/a/b" },
    { "osClean", { "sfile." }, 1, "file." },
    { "osClean", { "sa/b/c.d/" }, 1, "a/b/c.d" },
    { "osClean", { "s../a/.." }, 1, ".." },
    { "osExt", { "s" }, 1, "" },
    { "osExt", { "s/" }, 1, "" },
    { "osExt", { "sa/b.txt" }, 1, ".txt" },
    { "osExt", { "sa/b/c/" }, 1, "" },
    { "osExt", { "s//a//b//" }, 1, "" },
    { "osExt", { "sa//b/../c" }, 1, "" },
    { "osExt", { "s../../a/./b/.." }, 1, "." },
    { "osExt", { "s/../x" }, 1, "" },
    { "osExt", { "sx.tar.gz" }, 1, ".gz" },
    { "osExt", { "sa.b/c" }, 1, "" },
    { "osExt", { "s.hidden" }, 1, ".hidden" },
    { "osExt", { "sa/.." }, 1, "." },
    { "osExt", { "s./" }, 1, "" },
    { "osExt", { "sa/b/../../.." }, 1, "." },
    { "osExt", { "s/a/b/" }, 1, "" },
    { "osExt", { "sfile." }, 1, "." },
    { "osExt", { "sa/b/c.d/" }, 1, "" },
    { "osExt", { "s../a/.." }, 1, "." },
    { "osIsAbs", { "s" }, 1, "false" },
    { "osIsAbs", { "s/" }, 1, "true" },
    { "osIsAbs", { "sa/b.txt" }, 1, "false" },
    { "osIsAbs", { "sa/b/c/" }, 1, "false" },
    { "osIsAbs", { "s//a//b//" }, 1, "true" },
    { "osIsAbs", { "sa//b/../c" }, 1, "false" },
    { "osIsAbs", { "s../../a/./b/.." }, 1, "false" },
    { "osIsAbs", { "s/../x" }, 1, "true" },
    { "osIsAbs", { "sx.tar.gz" }, 1, "false" },
    { "osIsAbs", { "sa.b/c" }, 1, "false" },
    { "osIsAbs", { "s.hidden" }, 1, "false" },
    { "osIsAbs", { "sa/.." }, 1, "false" },
    { "osIsAbs", { "s./" }, 1, "false" },
    { "osIsAbs", { "sa/b/../../.." }, 1, "false" },
    { "osIsAbs", { "s/a/b/" }, 1, "true" },
    { "osIsAbs", { "sfile." }, 1, "false" },
    { "osIsAbs", { "sa/b/c.d/" }, 1, "false" },
    { "osIsAbs", { "s../a/.." }, 1, "false" },
    { "urlParse", { "shttps://u:p@h:8/p?q=1#f" }, 1, "map[fragment:f host:h:8 hostname:h opaque: path:/p query:q=1 scheme:https userinfo:u:p]" },
    { "urlParse", { "shttps://u:p@h:8/p?q=1#f" }, 1, "map[fragment:f host:h:8 hostname:h opaque: path:/p query:q=1 scheme:https userinfo:u:p]" },
    { "urlParse", { "shttps://u:p@h:8/p?q=1#f" }, 1, "map[fragment:f host:h:8 hostname:h opaque: path:/p query:q=1 scheme:https userinfo:u:p]" },
    { "urlParse", { "s" }, 1, "map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]" },
    { "urlParse", { "smailto:joe@x.com?subject=hi" }, 1, "map[fragment: host: hostname: opaque:joe@x.com path: query:subject=hi scheme:mailto userinfo:]" },
    { "urlParse", { "shttp://[::1]:80/a%20b/%2fc?x=%20#fr%20ag" }, 1, "map[fragment:fr ag host:[::1]:80 hostname:::1 opaque: path:/a b//c query:x=%20 scheme:http userinfo:]" },
    { "urlParse", { "shttp://h:port/" }, 1, "ERR: unable to parse url: parse \"http://h:port/\": invalid port \":port\" after host" },
    { "urlParse", { "shttp://a b/" }, 1, "ERR: unable to parse url: parse \"http://a b/\": invalid character \" \" in host name" },
    { "urlParse", { "s:foo" }, 1, "ERR: unable to parse url: parse \":foo\": missing protocol scheme" },
    { "urlParse", { "sa:b/c" }, 1, "map[fragment: host: hostname: opaque:b/c path: query: scheme:a userinfo:]" },
    { "urlParse", { "sx/a:b" }, 1, "map[fragment: host: hostname: opaque: path:x/a:b query: scheme: userinfo:]" },
    { "urlParse", { "s./a:b" }, 1, "map[fragment: host: hostname: opaque: path:./a:b query: scheme: userinfo:]" },
    { "urlParse", { "s//host/path" }, 1, "map[fragment: host:host hostname:host opaque: path:/path query: scheme: userinfo:]" },
    { "urlParse", { "s///path" }, 1, "map[fragment: host: hostname: opaque: path:///path query: scheme: userinfo:]" },
    { "urlParse", { "shttp://%41/" }, 1, "ERR: unable to parse url: parse \"http://%41/\": invalid URL escape \"%41\"" },
    { "urlParse", { "shttp://h/%zz" }, 1, "ERR: unable to parse url: parse \"http://h/%zz\": invalid URL escape \"%zz\"" },
    { "urlParse", { "shttp://h/p#%zz" }, 1, "ERR: unable to parse url: parse \"http://h/p#%zz\": invalid URL escape \"%zz\"" },
    { "urlParse", { "shttp://u%40:p%3A@h/" }, 1, "map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:u%40:p%3A]" },
    { "urlParse", { "shttp://u@h/" }, 1, "map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:u]" },
    { "urlParse", { "shttp://u:@h/" }, 1, "map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:u:]" },
    { "urlParse", { "shttp://u^x@h/" }, 1, "ERR: unable to parse url: parse \"http://u^x@h/\": net/url: invalid userinfo" },
    { "urlParse", { "sHTTP://H/?" }, 1, "map[fragment: host:H hostname:H opaque: path:/ query: scheme:http userinfo:]" },
    { "urlParse", { "shttp://[fe80::1%25en0]:8/" }, 1, "map[fragment: host:[fe80::1%en0]:8 hostname:fe80::1%en0 opaque: path:/ query: scheme:http userinfo:]" },
    { "urlParse", { "shttp://[::1/" }, 1, "ERR: unable to parse url: parse \"http://[::1/\": missing ']' in host" },
    { "urlParse", { "s*" }, 1, "map[fragment: host: hostname: opaque: path:* query: scheme: userinfo:]" },
    { "urlParse", { "shttp://h\303\251llo/\303\251?\303\251#\303\251" }, 1, "map[fragment:\303\251 host:h\303\251llo hostname:h\303\251llo opaque: path:/\303\251 query:\303\251 scheme:http userinfo:]" },
};

START_TEST(path_and_urlparse_functions_match_helm_byte_for_byte)
{
    ext_run(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

static const char *join(sg_value d)
{
    return ext_call("urlJoin", 1, &d);
}

static sg_value dict(const char *const *kv)
{
    sg_value m = val_map();
    for (; kv[0]; kv += 2) map_set(m, kv[0], val_cstr(kv[1]));
    return m;
}

START_TEST(urlJoin_escapes_each_part_as_url_String_does)
{
    const char *full[] = { "scheme", "https", "host", "h:8", "path", "/a b", "query", "q=1 2",
                           "fragment", "f g", "userinfo", "u:p@x", NULL };
    ck_assert_str_eq(join(dict(full)), "https://u:p%40x@h:8/a%20b?q=1 2#f%20g");
    const char *colon[] = { "path", "a:b", NULL };
    ck_assert_str_eq(join(dict(colon)), "./a:b");
    const char *opaque[] = { "scheme", "mailto", "opaque", "joe@x", NULL };
    ck_assert_str_eq(join(dict(opaque)), "mailto:joe@x");
    const char *nohost[] = { "scheme", "http", "path", "p", NULL };
    ck_assert_str_eq(join(dict(nohost)), "http://p");
    const char *user[] = { "userinfo", "u", NULL };
    ck_assert_str_eq(join(dict(user)), "//u@");
    const char *frag[] = { "userinfo", "a#b", NULL };
    ck_assert_str_eq(join(dict(frag)), "");
    const char *bad[] = { "userinfo", "a b", NULL };
    ck_assert_str_eq(join(dict(bad)), "ERR: unable to parse userinfo in dict: parse \"proto://a b@host\": net/url: invalid userinfo");
    const char *uni[] = { "host", "h\xc3\xa9llo", "fragment", "\xc3\xa9!*'", NULL };
    ck_assert_str_eq(join(dict(uni)), "//h%C3%A9llo#%C3%A9!*%27");
}
END_TEST

START_TEST(urlJoin_rejects_non_string_entries_as_sprig_panics)
{
    sg_value m = val_map();
    map_set(m, "host", val_int(1));
    ck_assert_str_eq(join(m), "ERR: unable to parse host key, must be of type string, but int found");
    map_set(m, "host", sg_nil);
    ck_assert_str_eq(join(m), "ERR: runtime error: invalid memory address or nil pointer dereference");
}
END_TEST

Suite *pathurl_suite(void)
{
    Suite *s = suite_create("pathurl");
    TCase *tc = tcase_create("pathurl");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, path_and_urlparse_functions_match_helm_byte_for_byte);
    tcase_add_test(tc, urlJoin_escapes_each_part_as_url_String_does);
    tcase_add_test(tc, urlJoin_rejects_non_string_entries_as_sprig_panics);
    suite_add_tcase(s, tc);
    return s;
}
