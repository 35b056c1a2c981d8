/* check_setparse.c - the --set family (strvals), expectations measured with helm v4.1.4:
 * each case parses into an empty map and compares its toJson, or the error text (without
 * Helm's "failed parsing --set data: " prefix). */
#include <check.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/chart/values.h"
#include "../../src/io/json.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

typedef struct scase { setparse_mode mode; const char *expr; const char *want; } scase;

static const scase cases[] = {
    { SETP_SET, "i=2", "{\"i\":2}" },
    { SETP_SET, "f=1.5", "{\"f\":\"1.5\"}" },
    { SETP_SET, "e=1e3", "{\"e\":\"1e3\"}" },
    { SETP_SET, "lead=007", "{\"lead\":\"007\"}" },
    { SETP_SET, "z=-0,p=+5,n=-3", "{\"n\":-3,\"p\":5,\"z\":0}" },
    { SETP_SET, "big=12345678901234567890", "{\"big\":\"12345678901234567890\"}" },
    { SETP_SET, "t=True,f=FALSE,n=NULL", "{\"f\":false,\"n\":null,\"t\":true}" },
    { SETP_SET, "empty=", "{\"empty\":\"\"}" },
    { SETP_SET, "a.b[0].c=x", "{\"a\":{\"b\":[{\"c\":\"x\"}]}}" },
    { SETP_SET, "a[2]=x", "{\"a\":[null,null,\"x\"]}" },
    { SETP_SET, "a=x\\,y", "{\"a\":\"x,y\"}" },
    { SETP_SET, "a\\.b=1", "{\"a.b\":1}" },
    { SETP_SET, "a={x,y,z}", "{\"a\":[\"x\",\"y\",\"z\"]}" },
    { SETP_SET, "a={}", "{\"a\":[\"\"]}" },
    { SETP_SET, "a=[]", "{\"a\":\"[]\"}" },
    { SETP_SET, "a[0]=1,a[1]=2", "{\"a\":[1,2]}" },
    { SETP_SET, "name=a=b", "{\"name\":\"a=b\"}" },
    { SETP_SET, "a[0][0]=x,a[0][1]=y", "{\"a\":[[\"x\",\"y\"]]}" },
    { SETP_SET, "a[0=1", "{}" },
    { SETP_SET, "a=1,", "{\"a\":1}" },
    { SETP_SET, "a", "!key \"a\" has no value" },
    { SETP_SET, "a.b.c", "!key \"c\" has no value" },
    { SETP_SET, "a,b=1", "!key \"a\" has no value (cannot end with ,)" },
    { SETP_SET, "a.=1", "!key map \"a\" has no value" },
    { SETP_SET, "a={1,{2}}", "!key \"}\" has no value" },
    { SETP_SET, "a={x,y", "!list must terminate with '}'" },
    { SETP_SET, "a[x]=1", "!error parsing index: strconv.Atoi: parsing \"x\": invalid syntax" },
    { SETP_SET, "a[-1]=1", "!negative -1 index not allowed" },
    { SETP_SET, "a[100000]=1", "!index of 100000 is greater than maximum supported index of 65536" },
    { SETP_SET, "a[0]x=1", "!unexpected data at end of array index: ['x']" },
    { SETP_SET, "a=x,a[0]=1",
      "!unable to parse key: interface conversion: interface {} is string, not []interface {}" },
    { SETP_SET, "a[0]=1,a.b=1",
      "!unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}" },
    { SETP_SET, "m=null,m.y=2",
      "!unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}" },
    { SETP_STRING, "a=1,b=true,c=null", "{\"a\":\"1\",\"b\":\"true\",\"c\":\"null\"}" },
    { SETP_STRING, "x={1,2}", "{\"x\":[\"1\",\"2\"]}" },
    { SETP_LITERAL, "a=x\\.y,z", "{\"a\":\"x\\\\.y,z\"}" },
    { SETP_LITERAL, "a[0].b=1,2", "{\"a\":[{\"b\":\"1,2\"}]}" },
    { SETP_JSON, "a={\"b\":[1,2.5,null],\"c\":true}", "{\"a\":{\"b\":[1,2.5,null],\"c\":true}}" },
    { SETP_JSON, "a.b[0]=\"x\"", "{\"a\":{\"b\":[\"x\"]}}" },
    { SETP_JSON, "a=[1,2],b=3", "{\"a\":[1,2],\"b\":3}" },
    { SETP_JSON, "a=,b=2", "{\"a\":null,\"b\":2}" },
    { SETP_JSON, "a=bad", "!" },
    { SETP_JSON, "a=1x", "!" },
};

START_TEST(t_set_expression_parses_like_helm)
{
    const scase *c = &cases[_i];
    sg_value m = val_map();
    sg_catch ct;
    if (SG_TRY(&ct)) {
        setparse_set(m, c->expr, c->mode);
        catch_pop(&ct);
        sg_buf b;
        buf_init(&b);
        const char *err;
        ck_assert_int_eq(jsonio_emit(&b, m, 0, &err), 0);
        ck_assert_msg(c->want[0] != '!', "%s: expected an error, got %s", c->expr, b.p);
        ck_assert_str_eq(b.p, c->want);
    } else {
        catch_pop(&ct);
        ck_assert_msg(c->want[0] == '!', "%s: unexpected error %s", c->expr, ct.err->msg);
        if (c->want[1]) ck_assert_str_eq(ct.err->msg, c->want + 1);
    }
}
END_TEST

START_TEST(t_set_parses_into_existing_lists)
{
    sg_value m = val_map(), l = val_list(2);
    list_push(l, val_int(1));
    list_push(l, val_int(2));
    map_set(m, "list", l);
    setparse_set(m, "list[1]=7", SETP_SET);
    sg_buf b;
    buf_init(&b);
    const char *err;
    jsonio_emit(&b, m, 0, &err);
    ck_assert_str_eq(b.p, "{\"list\":[1,7]}");
}
END_TEST

START_TEST(t_set_file_reads_the_file_or_fails_with_go_text)
{
    sg_value m = val_map();
    sg_catch ct;
    if (SG_TRY(&ct)) {
        setparse_set(m, "a=/nonexistent/nope.txt", SETP_FILE);
        catch_pop(&ct);
        ck_abort_msg("expected an error");
    } else {
        catch_pop(&ct);
        ck_assert_str_eq(ct.err->msg, "open /nonexistent/nope.txt: no such file or directory");
    }
}
END_TEST

Suite *setparse_suite(void);
Suite *setparse_suite(void)
{
    Suite *s = suite_create("setparse");
    TCase *tc = tcase_create("strvals");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, t_set_expression_parses_like_helm, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, t_set_parses_into_existing_lists);
    tcase_add_test(tc, t_set_file_reads_the_file_or_fails_with_go_text);
    suite_add_tcase(s, tc);
    return s;
}
