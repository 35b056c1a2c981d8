/* check_value.c - unit tests of the value model (maps, lists, truthiness, type names). */
#include <check.h>
#include <stdio.h>
#include "../../src/base/arena.h"
#include "../../src/value/value.h"
#include "../../src/value/gofmt.h"
#include "../../src/value/gonamed.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

START_TEST(t_map_keeps_insertion_and_sorts)
{
    sg_value m = val_map();
    map_set(m, "b", val_int(2));
    map_set(m, "a", val_int(1));
    map_set(m, "c", val_int(3));
    map_set(m, "a", val_int(9));
    ck_assert_uint_eq(map_len(m), 3);
    sg_value v;
    ck_assert(map_get(m, "a", &v) && v.u.i == 9);
    size_t n;
    sg_mapent **s = map_sorted(m, &n);
    ck_assert_str_eq(s[0]->key, "a");
    ck_assert_str_eq(s[2]->key, "c");
    ck_assert(map_del(m, "b"));
    ck_assert(!map_get(m, "b", NULL));
    ck_assert(map_get(m, "c", &v) && v.u.i == 3);
    ck_assert_uint_eq(map_len(m), 2);
}
END_TEST

START_TEST(t_map_grows_past_many_keys)
{
    sg_value m = val_map();
    char k[16];
    for (int i = 0; i < 5000; i++) { snprintf(k, sizeof k, "k%d", i); map_set(m, k, val_int(i)); }
    for (int i = 0; i < 5000; i += 7) {
        sg_value v;
        snprintf(k, sizeof k, "k%d", i);
        ck_assert(map_get(m, k, &v) && v.u.i == i);
    }
}
END_TEST

START_TEST(t_truth_follows_go)
{
    ck_assert(!val_truth(sg_nil));
    ck_assert(!val_truth(val_int(0)));
    ck_assert(!val_truth(val_float(0)));
    ck_assert(!val_truth(val_cstr("")));
    ck_assert(val_truth(val_cstr("0")));
    ck_assert(!val_truth(val_list(0)));
    ck_assert(!val_truth(val_map()));
}
END_TEST

START_TEST(t_typenames)
{
    ck_assert_str_eq(val_typename(val_int(1)), "int");
    ck_assert_str_eq(val_typename(val_int64(1)), "int64");
    ck_assert_str_eq(val_typename(val_float(1)), "float64");
    ck_assert_str_eq(val_typename(val_list(0)), "[]interface {}");
    ck_assert_str_eq(val_typename(val_map()), "map[string]interface {}");
    ck_assert_str_eq(val_typename(sg_nil), "<nil>");
}
END_TEST

static const char *sprint(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    gofmt_value(&b, v);
    return b.p;
}

START_TEST(t_time_named_ints_print_their_names_and_count_as_ints)
{
    ck_assert_str_eq(sprint(gonamed_duration(3723000000000)), "1h2m3s");
    ck_assert_str_eq(sprint(gonamed_duration(-1500)), "-1.5\xc2\xb5s");
    ck_assert_str_eq(sprint(gonamed_duration(0)), "0s");
    ck_assert_str_eq(sprint(gonamed_duration(INT64_MIN)), "-2562047h47m16.854775808s");
    ck_assert_str_eq(sprint(gonamed_month(3)), "March");
    ck_assert_str_eq(sprint(gonamed_month(13)), "%!Month(13)");
    ck_assert_str_eq(sprint(gonamed_weekday(0)), "Sunday");
    ck_assert_str_eq(val_typename(gonamed_duration(1)), "time.Duration");
    ck_assert_str_eq(val_kindname(gonamed_duration(1)), "int64");
    ck_assert_str_eq(val_typename(gonamed_weekday(1)), "time.Weekday");
    ck_assert_str_eq(val_kindname(gonamed_month(1)), "int");
    sg_buf b;
    buf_init(&b);
    gofmt_sprintf(&b, "%d|%t", 5, 2, (sg_value[]){ gonamed_month(3), gonamed_duration(5) });
    ck_assert_str_eq(b.p, "3|%!t(time.Duration=5)");
}
END_TEST

START_TEST(t_duration_round_saturates_like_go)
{
    ck_assert_int_eq(gonamed_duration_round(5400000000000, 3600000000000), 7200000000000);
    ck_assert_int_eq(gonamed_duration_round(-5400000000000, 3600000000000), -7200000000000);
    ck_assert_int_eq(gonamed_duration_round(INT64_MAX, 7), INT64_MAX);
    ck_assert_int_eq(gonamed_duration_round(INT64_MIN, 7), INT64_MIN + 1);
    ck_assert_int_eq(gonamed_duration_round(INT64_MIN, 3), INT64_MIN);
    ck_assert_int_eq(gonamed_duration_round(42, 0), 42);
}
END_TEST

Suite *value_suite(void)
{
    Suite *s = suite_create("value");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_map_keeps_insertion_and_sorts);
    tcase_add_test(tc, t_map_grows_past_many_keys);
    tcase_add_test(tc, t_truth_follows_go);
    tcase_add_test(tc, t_typenames);
    tcase_add_test(tc, t_time_named_ints_print_their_names_and_count_as_ints);
    tcase_add_test(tc, t_duration_round_saturates_like_go);
    suite_add_tcase(s, tc);
    return s;
}
