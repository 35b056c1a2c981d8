/* check_lists.c - unit tests of Sprig's list functions (fn_list.c); every expected text
 * was measured with helm v4.1.4 (`helm template` on a scratch chart). */
#include "sprig_testutil.h"

static sg_value strs(const char *csv)
{
    return CALL(fn_splitlist, S(","), S(csv));
}

START_TEST(t_list_keeps_arguments_in_order_including_nil)
{
    sg_value l = CALL(fn_list, I(1), S("a"), sg_nil);
    ck_assert_str_eq(show(l), "[1 a <nil>]");
    ck_assert_str_eq(val_typename(l), "[]interface {}");
}
END_TEST

START_TEST(t_append_and_prepend_copy_into_new_interface_lists)
{
    sg_value src = strs("a,b");
    sg_value l = CALL(fn_push, src, I(1));
    ck_assert_str_eq(show(l), "[a b 1]");
    ck_assert_str_eq(val_typename(l), "[]interface {}");
    ck_assert_uint_eq(list_len(src), 2);
    ck_assert_str_eq(show(CALL(fn_prepend, CALL(fn_until, I(2)), S("x"))), "[x 0 1]");
}
END_TEST

START_TEST(t_list_functions_name_the_reflect_kind_they_reject)
{
    ck_assert_str_eq(THROWS(fn_push, S("a"), I(1)), "Cannot push on type string");
    ck_assert_str_eq(THROWS(fn_push, val_map(), I(1)), "Cannot push on type map");
    ck_assert_str_eq(THROWS(fn_prepend, I(1), I(1)), "Cannot prepend on type int");
    ck_assert_str_eq(THROWS(fn_first, S("abc")), "Cannot find first on type string");
    ck_assert_str_eq(THROWS(fn_last, I(1)), "Cannot find last on type int");
    ck_assert_str_eq(THROWS(fn_rest, F(1.5)), "Cannot find rest on type float64");
    ck_assert_str_eq(THROWS(fn_initial, val_bool(true)), "Cannot find initial on type bool");
    ck_assert_str_eq(THROWS(fn_reverse, S("x")), "Cannot find reverse on type string");
    ck_assert_str_eq(THROWS(fn_uniq, val_map()), "Cannot find uniq on type map");
    ck_assert_str_eq(THROWS(fn_compact, S("x")), "Cannot compact on type string");
    ck_assert_str_eq(THROWS(fn_has, I(1), S("abc")), "Cannot find has on type string");
    ck_assert_str_eq(THROWS(fn_concat, I(1)), "Cannot concat type int as list");
    ck_assert_str_eq(THROWS(fn_chunk, I(2), S("x")), "Cannot chunk type string");
}
END_TEST

START_TEST(t_nil_list_arguments_are_go_nil_pointer_panics)
{
    ck_assert_str_eq(THROWS(fn_first, sg_nil), FN_NILDEREF);
    ck_assert_str_eq(THROWS(fn_push, sg_nil, I(1)), FN_NILDEREF);
    ck_assert_str_eq(THROWS(fn_without, sg_nil, I(1)), FN_NILDEREF);
    ck_assert_str_eq(THROWS(fn_concat, CALL(fn_list, I(1)), sg_nil), FN_NILDEREF);
    /* but has tolerates a nil haystack */
    ck_assert(!CALL(fn_has, I(1), sg_nil).u.b);
}
END_TEST

START_TEST(t_sprig_slice_replaces_go_slice_and_rejects_strings)
{
    ck_assert_str_eq(THROWS(fn_slice, S("abc"), I(1), I(2)),
                     "list should be type of slice or array but string");
    sg_value l = CALL(fn_list, I(1), I(2), I(3));
    ck_assert_str_eq(show(CALL(fn_slice, l, I(1))), "[2 3]");
    ck_assert_str_eq(show(CALL(fn_slice, l, I(1), I(2))), "[2]");
    ck_assert_str_eq(THROWS(fn_slice, l, I(2), I(1)), "reflect.Value.Slice: slice index out of bounds");
    ck_assert_str_eq(THROWS(fn_slice, l, I(-1)), "reflect.Value.Slice: slice index out of bounds");
    /* the slice type is kept, and an empty list gives nil */
    ck_assert_str_eq(val_typename(CALL(fn_slice, strs("a,b,c"), I(1))), "[]string");
    ck_assert_int_eq(CALL(fn_slice, CALL0(fn_list)).kind, VK_NIL);
}
END_TEST

START_TEST(t_first_last_rest_initial_on_empty_lists)
{
    sg_value e = CALL0(fn_list);
    ck_assert_int_eq(CALL(fn_first, e).kind, VK_NIL);
    ck_assert_int_eq(CALL(fn_last, e).kind, VK_NIL);
    sg_value r = CALL(fn_rest, e); /* a nil []interface{}: prints [], toJson null */
    ck_assert_int_eq(r.kind, VK_LIST);
    ck_assert_ptr_null(r.u.l);
    ck_assert_ptr_null(CALL(fn_initial, e).u.l);
    sg_value l = CALL(fn_list, I(1), I(2), I(2), I(3));
    ck_assert_str_eq(show(CALL(fn_first, l)), "1");
    ck_assert_str_eq(show(CALL(fn_last, l)), "3");
    ck_assert_str_eq(show(CALL(fn_rest, l)), "[2 2 3]");
    ck_assert_str_eq(show(CALL(fn_initial, l)), "[1 2 2]");
    ck_assert_str_eq(val_typename(CALL(fn_first, CALL(fn_until, I(2)))), "int");
}
END_TEST

START_TEST(t_has_uniq_without_use_deep_equal_so_int_is_not_float)
{
    sg_value l = CALL(fn_list, F(1), F(2), F(2), F(3)); /* values.yaml numbers are float64 */
    ck_assert(!CALL(fn_has, I(2), l).u.b);
    ck_assert(CALL(fn_has, F(2), l).u.b);
    ck_assert_str_eq(show(CALL(fn_without, l, I(2))), "[1 2 2 3]");
    ck_assert_str_eq(show(CALL(fn_without, l, F(2))), "[1 3]");
    ck_assert_str_eq(show(CALL(fn_uniq, l)), "[1 2 3]");
    ck_assert_str_eq(show(CALL(fn_uniq, CALL(fn_list, I(1), F(1), S("1"), I(1)))), "[1 1 1]");
    ck_assert(CALL(fn_has, S("a"), strs("a,b")).u.b);
}
END_TEST

START_TEST(t_compact_drops_empty_values)
{
    sg_value l = CALL(fn_list, I(0), F(0), val_bool(false), S(""), sg_nil, CALL0(fn_list),
                      val_map(), S("x"), I(1));
    ck_assert_str_eq(show(CALL(fn_compact, l)), "[x 1]");
}
END_TEST

START_TEST(t_concat_is_nil_without_items)
{
    ck_assert_ptr_null(CALL0(fn_concat).u.l);
    ck_assert_str_eq(show(CALL(fn_concat, CALL(fn_until, I(2)), strs("x"), CALL(fn_list, sg_nil))),
                     "[0 1 x <nil>]");
}
END_TEST

START_TEST(t_chunk_splits_and_keeps_go_makeslice_panics)
{
    ck_assert_str_eq(show(CALL(fn_chunk, I(2), CALL(fn_list, I(1), I(2), I(3)))), "[[1 2] [3]]");
    ck_assert_str_eq(show(CALL(fn_chunk, I(3), CALL(fn_until, I(7)))), "[[0 1 2] [3 4 5] [6]]");
    ck_assert_uint_eq(list_len(CALL(fn_chunk, I(2), CALL0(fn_list))), 0);
    ck_assert_str_eq(THROWS(fn_chunk, I(0), CALL(fn_list, I(1), I(2))),
                     "runtime error: makeslice: len out of range");
    ck_assert_str_eq(THROWS(fn_chunk, I(-1), CALL(fn_list, I(1), I(2), I(3))),
                     "runtime error: makeslice: len out of range");
    ck_assert_str_eq(THROWS(fn_chunk, I(0), CALL0(fn_list)), "runtime error: makeslice: len out of range");
}
END_TEST

START_TEST(t_sort_alpha_sorts_bytewise_and_in_place_for_string_lists)
{
    ck_assert_str_eq(show(CALL(fn_sortalpha, CALL(fn_list, S("b"), S("a"), S("C"), S("10"), S("9")))),
                     "[10 9 C a b]");
    ck_assert_str_eq(show(CALL(fn_sortalpha, CALL(fn_list, I(3), I(1), S("b"), sg_nil))), "[1 3 b]");
    ck_assert_str_eq(show(CALL(fn_sortalpha, S("b"))), "[b]");
    ck_assert_str_eq(show(CALL(fn_sortalpha, sg_nil)), "[<nil>]");
    sg_value s = strs("c,a,b");
    CALL(fn_sortalpha, s);
    ck_assert_str_eq(show(s), "[a b c]"); /* sprig's strslice hands back the []string itself */
    sg_value l = CALL(fn_list, I(3), I(1));
    CALL(fn_sortalpha, l);
    ck_assert_str_eq(show(l), "[3 1]");
    ck_assert_str_eq(val_typename(CALL(fn_sortalpha, CALL(fn_list, I(1)))), "[]string");
}
END_TEST

START_TEST(t_until_untilstep_give_int_lists)
{
    sg_value u = CALL(fn_until, I(3));
    ck_assert_str_eq(show(u), "[0 1 2]");
    ck_assert_str_eq(val_typename(u), "[]int");
    ck_assert_str_eq(show(CALL(fn_until, I(-3))), "[0 -1 -2]");
    ck_assert_uint_eq(list_len(CALL(fn_until, I(0))), 0);
    ck_assert_str_eq(show(CALL(fn_untilstep, I(0), I(10), I(3))), "[0 3 6 9]");
    ck_assert_str_eq(show(CALL(fn_untilstep, I(10), I(0), I(-3))), "[10 7 4 1]");
    ck_assert_str_eq(show(CALL(fn_untilstep, I(0), I(10), I(0))), "[]");
}
END_TEST

START_TEST(t_seq_behaves_like_the_unix_tool)
{
    ck_assert_str_eq(show(CALL(fn_seq, I(3))), "1 2 3");
    ck_assert_str_eq(show(CALL(fn_seq, I(2), I(5))), "2 3 4 5");
    ck_assert_str_eq(show(CALL(fn_seq, I(0))), "1 0");
    ck_assert_str_eq(show(CALL(fn_seq, I(-2))), "1 0 -1 -2");
    ck_assert_str_eq(show(CALL(fn_seq, I(1), I(2), I(10))), "1 3 5 7 9");
    ck_assert_str_eq(show(CALL(fn_seq, I(10), I(-3), I(1))), "10 7 4 1");
    ck_assert_str_eq(show(CALL(fn_seq, I(5), I(1))), "5 4 3 2 1");
    ck_assert_str_eq(show(CALL(fn_seq, I(1), I(-1), I(5))), "");
    ck_assert_str_eq(show(CALL0(fn_seq)), "");
    ck_assert_str_eq(show(CALL(fn_seq, I(1), I(2), I(3), I(4))), "");
}
END_TEST

START_TEST(t_join_and_split_family)
{
    ck_assert_str_eq(show(CALL(fn_join, S(","), CALL(fn_list, F(1), F(2), F(2), F(3)))), "1,2,2,3");
    ck_assert_str_eq(show(CALL(fn_join, S("-"), CALL(fn_list, S("a"), I(1), sg_nil, val_bool(true)))),
                     "a-1-true");
    sg_value l = strs("a,b,,c");
    ck_assert_str_eq(show(l), "[a b  c]");
    ck_assert_str_eq(val_typename(l), "[]string");
    sg_value m = CALL(fn_split, S(","), S("a,b"));
    ck_assert_str_eq(show(m), "map[_0:a _1:b]");
    ck_assert_str_eq(val_typename(m), "map[string]string");
    ck_assert_str_eq(show(CALL(fn_splitn, S(","), I(2), S("a,b,c"))), "map[_0:a _1:b,c]");
    ck_assert_str_eq(show(CALL(fn_splitlist, S(""), S("h\xc3\xa9llo"))), "[h \xc3\xa9 l l o]");
    ck_assert_str_eq(show(CALL(fn_splitn, S(""), I(2), S("h\xc3\xa9llo"))), "map[_0:h _1:\xc3\xa9llo]");
    ck_assert_str_eq(show(CALL(fn_split, S(","), S(""))), "map[_0:]");
    ck_assert_uint_eq(map_len(CALL(fn_splitn, S(","), I(0), S("a,b"))), 0);
}
END_TEST

Suite *lists_suite(void)
{
    Suite *s = suite_create("lists");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, sprig_setup, sprig_teardown);
    tcase_add_test(tc, t_list_keeps_arguments_in_order_including_nil);
    tcase_add_test(tc, t_append_and_prepend_copy_into_new_interface_lists);
    tcase_add_test(tc, t_list_functions_name_the_reflect_kind_they_reject);
    tcase_add_test(tc, t_nil_list_arguments_are_go_nil_pointer_panics);
    tcase_add_test(tc, t_sprig_slice_replaces_go_slice_and_rejects_strings);
    tcase_add_test(tc, t_first_last_rest_initial_on_empty_lists);
    tcase_add_test(tc, t_has_uniq_without_use_deep_equal_so_int_is_not_float);
    tcase_add_test(tc, t_compact_drops_empty_values);
    tcase_add_test(tc, t_concat_is_nil_without_items);
    tcase_add_test(tc, t_chunk_splits_and_keeps_go_makeslice_panics);
    tcase_add_test(tc, t_sort_alpha_sorts_bytewise_and_in_place_for_string_lists);
    tcase_add_test(tc, t_until_untilstep_give_int_lists);
    tcase_add_test(tc, t_seq_behaves_like_the_unix_tool);
    tcase_add_test(tc, t_join_and_split_family);
    suite_add_tcase(s, tc);
    return s;
}
