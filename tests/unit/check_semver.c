/* check_semver.c - unit tests of semver.c against Masterminds/semver v3.4.0.
 *
 * Expected results were produced by the real Go library (v3.4.0, as linked by Helm
 * v4.1.4, and v3.3.0 for Helm 3 mode) on the same inputs; differential runs of 200k
 * random constraints and versions matched both exactly.  Row kinds: C = NewConstraint(a).Check(NewVersion(b))
 * printed as "<bool> <Constraints.String()>", V = NewVersion(a) fields, S =
 * StrictNewVersion(a).String(), P = NewVersion(a).Compare(NewVersion(b)); "ERR <text>" is
 * the Go error text.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/buf.h"
#include "../../src/funcs/semver.h"
#include "../../src/value/value.h"
#include "sprig_testutil.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

typedef struct row { const char *kind, *a, *b, *want; } row;

static const row rows[] = {
    { "C", ">=1.2.3", "1.2.4", "true >=1.2.3" },
    { "C", "^1.2", "2.0.0", "false ^1.2" },
    { "C", ">=1.19-0", "v1.20.0-gke.1", "true >=1.19-0" },
    { "C", ">=1.19", "v1.20.0-gke.1", "false >=1.19" },
    { "C", ">=1.14.0-0", "1.29.0", "true >=1.14.0-0" },
    { "C", "<9.9.9-9", "1.29.0", "true <9.9.9-9" },
    { "C", ">= 1.19-0", "v1.32.0", "true >=1.19-0" },
    { "C", "~1.2.3", "1.2.9", "true ~1.2.3" },
    { "C", "~1.2.3", "1.3.0", "false ~1.2.3" },
    { "C", "~1", "1.9.0", "true ~1" },
    { "C", "^0.2.3", "0.2.9", "true ^0.2.3" },
    { "C", "^0.2.3", "0.3.0", "false ^0.2.3" },
    { "C", "^0.0.3", "0.0.4", "false ^0.0.3" },
    { "C", "^0", "0.9.9", "true ^0" },
    { "C", "1.2 - 1.4.5", "1.4.5", "true >=1.2 <=1.4.5" },
    { "C", "1.2 - 1.4.5", "1.4.6", "false >=1.2 <=1.4.5" },
    { "C", "1.x", "1.8.0", "true 1.x" },
    { "C", "*", "4.0.0", "true *" },
    { "C", ">1.x", "2.0.0", "true >1.x" },
    { "C", ">1.x", "1.9.0", "false >1.x" },
    { "C", "<=1.2", "1.2.9", "true <=1.2" },
    { "C", "<=1.2", "1.3.0", "false <=1.2" },
    { "C", "!=1.2.x", "1.2.5", "false !=1.2.x" },
    { "C", "!=1.2.x", "1.3.5", "true !=1.2.x" },
    { "C", ">=1.0, <2.0", "1.5.0", "true >=1.0 <2.0" },
    { "C", ">=1.0 <2.0", "2.0.0", "false >=1.0 <2.0" },
    { "C", "<1 || >=3", "3.0.0", "true <1 || >=3" },
    { "C", "<1 || >=3", "2.0.0", "false <1 || >=3" },
    { "C", "=1.2.3", "1.2.3+meta", "true =1.2.3" },
    { "C", ">=1.2.3", "1.2.4-beta", "false >=1.2.3" },
    { "C", ">=1.2.3-alpha", "1.2.3-beta", "true >=1.2.3-alpha" },
    { "C", ">=1.2.3-alpha", "1.2.4-beta", "true >=1.2.3-alpha" },
    { "C", "foo", "1.0.0", "ERR improper constraint: foo" },
    { "C", ">=1.2.3 foo", "1.0.0", "ERR improper constraint: >=1.2.3 foo" },
    { "C", "1x", "1.0.0", "ERR constraint parser error" },
    { "C", ">=1.0.0 || bar", "1.0.0", "ERR improper constraint:  bar" },
    { "C", ">=1.0", "1.2.3.4", "ERR invalid semantic version" },
    { "C", ">=1.0", "abc", "ERR invalid semantic version" },
    { "C", ">=1.0", "1.2.3-01", "ERR version segment starts with 0" },
    { "C", ">=1.0", "99999999999999999999.0.0", "ERR error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range" },
    { "C", "", "1.0.0", "ERR improper constraint: " },
    { "C", ",>=1", "1.0.0", "ERR improper constraint: ,>=1" },
    { "C", "~>1.2", "1.2.7", "true ~>1.2" },
    { "C", "=>1.2", "1.2.0", "true =>1.2" },
    { "C", "v1.2.x", "1.2.0", "true v1.2.x" },
    { "V", "v1.2", "", "1.2.0|1|2|0||" },
    { "V", "01.02.03-rc.1+b.2", "", "1.2.3-rc.1+b.2|1|2|3|rc.1|b.2" },
    { "V", "1.2.3-a..b", "", "ERR invalid semantic version" },
    { "V", "1.2.3+a..b", "", "ERR invalid semantic version" },
    { "V", "1.2.3-", "", "ERR invalid semantic version" },
    { "S", "1.2.3", "", "1.2.3" },
    { "S", "v1.2.3", "", "ERR invalid characters in version" },
    { "S", "1.2", "", "ERR invalid semantic version" },
    { "S", "01.2.3", "", "ERR version segment starts with 0" },
    { "S", "1..3", "", "ERR strconv.ParseUint: parsing \"\": invalid syntax" },
    { "S", "1.2.3-01", "", "ERR version segment starts with 0" },
    { "S", "", "", "ERR version string empty" },
    { "P", "1.0.0-alpha", "1.0.0-alpha.1", "-1" },
    { "P", "1.0.0-alpha.beta", "1.0.0-beta", "-1" },
    { "P", "1.0.0-beta.11", "1.0.0-beta.2", "1" },
    { "P", "1.0.0-rc.1", "1.0.0", "-1" },
    { "P", "1.0.0+a", "1.0.0+b", "0" },
    { "P", "1.0.0-01", "1.0.0-1", "ERR" },
};

/* Helm v3.17.3 links Masterminds/semver v3.3.0 (sg_helm_major 3); expected results from
 * that Go library. */
static const row rows3[] = {
    { "C", ">=1.19-0", "v1.20.0-gke.1", "true >=1.19-0" },
    { "C", ">=1.19-0, <2", "1.20.0-rc.1", "false >=1.19-0 <2" },
    { "C", ">=1.19", "1.20.0-rc.1", "false >=1.19" },
    { "C", "!=1.2.3", "1.2.4-rc.1", "true !=1.2.3" },
    { "C", "!=1.2.x", "1.2.4-rc.1", "false !=1.2.x" },
    { "C", ">=1.0.0-0 <=2.0.0", "1.5.0-beta", "false >=1.0.0-0 <=2.0.0" },
    { "C", "1x", "1.0.0", "ERR constraint Parser Error" },
    { "C", ">=1.0", "abc", "ERR Invalid Semantic Version" },
    { "C", ">=1.0", "99999999999999999999.0.0", "ERR Error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range" },
    { "S", "1.2.3-a..b", "", "1.2.3-a..b" },
    { "S", "1.2.3+a..b", "", "1.2.3+a..b" },
    { "S", "01.2.3", "", "ERR Version segment starts with 0" },
    { "S", "", "", "ERR Version string empty" },
    { "S", "1.a.3", "", "ERR Invalid characters in version" },
    { "V", "1.2.3-01", "", "ERR Version segment starts with 0" },
};

static const char *run(const row *r)
{
    const char *err;
    sg_buf b;
    buf_init(&b);
    if (!strcmp(r->kind, "C")) {
        sg_semver_constraints *c = semver_constraint_parse(r->a, strlen(r->a), &err);
        sg_semver v;
        if (!c) buf_printf(&b, "ERR %s", err);
        else if (semver_parse(r->b, strlen(r->b), &v, &err)) buf_printf(&b, "ERR %s", err);
        else buf_printf(&b, "%s %s", semver_check(c, &v) ? "true" : "false", semver_constraint_string(c));
    } else if (!strcmp(r->kind, "V")) {
        sg_semver v;
        if (semver_parse(r->a, strlen(r->a), &v, &err)) buf_printf(&b, "ERR %s", err);
        else buf_printf(&b, "%s|%llu|%llu|%llu|%s|%s", semver_string(&v),
                        (unsigned long long)v.major, (unsigned long long)v.minor,
                        (unsigned long long)v.patch, v.pre, v.metadata);
    } else if (!strcmp(r->kind, "S")) {
        sg_semver v;
        if (semver_parse_strict(r->a, strlen(r->a), &v, &err)) buf_printf(&b, "ERR %s", err);
        else buf_puts(&b, semver_string(&v));
    } else {
        sg_semver x, y;
        if (semver_parse(r->a, strlen(r->a), &x, &err) || semver_parse(r->b, strlen(r->b), &y, &err))
            buf_puts(&b, "ERR");
        else buf_printf(&b, "%d", semver_compare(&x, &y));
    }
    return b.p;
}

START_TEST(t_semver_matches_masterminds_on_each_row)
{
    const row *r = &rows[_i];
    const char *got = run(r);
    ck_assert_msg(!strcmp(got, r->want), "%s [%s] [%s]: got \"%s\", want \"%s\"", r->kind, r->a,
                  r->b, got, r->want);
}
END_TEST

START_TEST(t_semver_helm3_mode_matches_masterminds_3_3_0)
{
    const row *r = &rows3[_i];
    sg_helm_major = 3;
    const char *got = run(r);
    sg_helm_major = 4;
    ck_assert_msg(!strcmp(got, r->want), "v3 %s [%s] [%s]: got \"%s\", want \"%s\"", r->kind, r->a,
                  r->b, got, r->want);
}
END_TEST

START_TEST(t_semver_satisfies_parses_constraint_first)
{
    bool ok = false;
    const char *err = NULL;
    ck_assert_int_eq(semver_satisfies("bad", "also bad", &ok, &err), -1);
    ck_assert_str_eq(err, "improper constraint: bad");
    ck_assert_int_eq(semver_satisfies(">=1.19-0", "v1.20.0-gke.1", &ok, &err), 0);
    ck_assert(ok);
    ck_assert_int_eq(semver_satisfies(">= 1.19", "1.20.0-gke.1", &ok, &err), 0);
    ck_assert(!ok);
}
END_TEST

START_TEST(t_semver_constraint_newlines_are_go_whitespace)
{
    /* Go's \s includes \n; results checked against the Go library */
    const char *err = NULL;
    sg_semver_constraints *c = semver_constraint_parse(">=1.0\n", 6, &err);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(semver_constraint_string(c), ">=1.0");
    c = semver_constraint_parse("1.0\nx", 5, &err);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(semver_constraint_string(c), "1.0 x");
    c = semver_constraint_parse(">=1.0\v", 6, &err);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(err, "improper constraint: >=1.0\v");
}
END_TEST

/* Call method `name` of a semver object; the result in *out. */
static bool call_m(sg_value o, const char *name, int argc, sg_value *argv, sg_value *out)
{
    return o.u.o->type->method(o.u.o, name, argc, argv, out);
}

/* The message a method call throws, or NULL. */
static const char *method_error(sg_value o, const char *name, int argc, sg_value *argv)
{
    sg_catch c;
    sg_value r;
    if (SG_TRY(&c)) {
        call_m(o, name, argc, argv, &r);
        catch_pop(&c);
        return NULL;
    }
    catch_pop(&c);
    return c.err->msg;
}

START_TEST(t_semver_objects_have_masterminds_methods)
{
    sg_value v = CALL(fn_semver, S("v1.2.3-rc.1+b"));
    ck_assert_str_eq(val_typename(v), "*semver.Version");
    ck_assert_str_eq(val_kindname(v), "ptr");
    ck_assert_str_eq(show(v), "1.2.3-rc.1+b");
    sg_value r, arg[1];
    ck_assert(call_m(v, "Major", 0, NULL, &r));
    ck_assert_str_eq(val_typename(r), "uint64");
    ck_assert_int_eq(r.u.i, 1);
    ck_assert(call_m(v, "Original", 0, NULL, &r));
    ck_assert_str_eq(show(r), "v1.2.3-rc.1+b");
    ck_assert(call_m(v, "Prerelease", 0, NULL, &r));
    ck_assert_str_eq(show(r), "rc.1");
    /* IncPatch of a prerelease drops it and keeps the patch; results are values */
    ck_assert(call_m(v, "IncPatch", 0, NULL, &r));
    ck_assert_str_eq(show(r), "1.2.3");
    ck_assert_str_eq(val_typename(r), "semver.Version");
    ck_assert_str_eq(val_kindname(r), "struct");
    sg_value r2;
    ck_assert(!call_m(r, "Original", 0, NULL, &r2)); /* pointer method: absent on values */
    ck_assert(!call_m(r, "LessThan", 0, NULL, &r2));
    ck_assert(call_m(CALL(fn_semver, S("v1.2.3")), "IncMinor", 0, NULL, &r));
    ck_assert_str_eq(show(r), "1.3.0");
    arg[0] = CALL(fn_semver, S("1.3"));
    ck_assert(call_m(v, "Compare", 1, arg, &r));
    ck_assert_str_eq(show(r), "-1");
    ck_assert_str_eq(val_typename(r), "int");
    ck_assert(call_m(v, "LessThan", 1, arg, &r) && r.u.b);
    arg[0] = sg_nil;
    ck_assert(call_m(v, "Equal", 1, arg, &r) && !r.u.b);
    arg[0] = S("a..b");
    ck_assert_str_eq(method_error(v, "SetPrerelease", 1, arg), "invalid prerelease string");
    arg[0] = sg_nil;
    ck_assert_str_eq(method_error(v, "Compare", 1, arg), FN_NILDEREF);
    ck_assert_str_eq(show(v.u.o->type->tojson(v.u.o)), "1.2.3-rc.1+b");
}
END_TEST

START_TEST(t_semver_functions_throw_masterminds_errors)
{
    ck_assert_str_eq(THROWS(fn_semver, S("x")), "invalid semantic version");
    ck_assert_str_eq(THROWS(fn_semvercompare, S("foo"), S("1")), "improper constraint: foo");
    ck_assert_str_eq(THROWS(fn_semvercompare, S(">1"), S("y")), "invalid semantic version");
    ck_assert(CALL(fn_semvercompare, S("x"), S("1.0")).u.b); /* "x" is a wildcard */
}
END_TEST

Suite *semver_suite(void)
{
    Suite *s = suite_create("semver");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, t_semver_matches_masterminds_on_each_row, 0,
                        (int)(sizeof rows / sizeof rows[0]));
    tcase_add_loop_test(tc, t_semver_helm3_mode_matches_masterminds_3_3_0, 0,
                        (int)(sizeof rows3 / sizeof rows3[0]));
    tcase_add_test(tc, t_semver_satisfies_parses_constraint_first);
    tcase_add_test(tc, t_semver_objects_have_masterminds_methods);
    tcase_add_test(tc, t_semver_functions_throw_masterminds_errors);
    tcase_add_test(tc, t_semver_constraint_newlines_are_go_whitespace);
    suite_add_tcase(s, tc);
    return s;
}
