/* check_value.c - unit tests of the value model (maps, lists, truthiness, type names). */
#include <check.h>
#include <stdio.h>
#include "../../src/base/arena.h"
#include "../../src/value/value.h"

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

Suite *value_suite(void)
{
    Suite *s = suite_create("value");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_map_keeps_insertion_and_sorts);
    tcase_add_test(tc, t_map_grows_past_many_keys);
    tcase_add_test(tc, t_truth_follows_go);
    tcase_add_test(tc, t_typenames);
    suite_add_tcase(s, tc);
    return s;
}
