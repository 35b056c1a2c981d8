/* check_dicts.c - unit tests of Sprig's dict functions (fn_dict.c: mergo rules included),
 * reflection (fn_reflect.c) and flow (fn_flow.c).  Expected texts measured with helm
 * v4.1.4. */
#include "sprig_testutil.h"

static sg_value D(const char *k, sg_value v) { return CALL(fn_dict, S(k), v); }
static sg_value D2(const char *k1, sg_value v1, const char *k2, sg_value v2)
{
    return CALL(fn_dict, S(k1), v1, S(k2), v2);
}

/* A nil map as Go passes it to a map[string]interface{} parameter. */
static sg_value nilmap(void)
{
    sg_value m = { .kind = VK_MAP };
    m.u.m = NULL;
    return m;
}

START_TEST(t_dict_stringifies_keys_and_pads_a_missing_value)
{
    ck_assert_str_eq(show(CALL(fn_dict, S("a"), I(1), S("b"), S("x"))), "map[a:1 b:x]");
    ck_assert_str_eq(show(CALL(fn_dict, S("a"))), "map[a:]");
    ck_assert_str_eq(show(CALL(fn_dict, F(1.5), I(2), val_bool(true), I(3), sg_nil, I(4))),
                     "map[1.5:2 <nil>:4 true:3]");
    ck_assert_str_eq(val_typename(CALL0(fn_dict)), "map[string]interface {}");
}
END_TEST

START_TEST(t_get_set_unset_haskey)
{
    sg_value d = D("a", I(1));
    ck_assert_str_eq(show(CALL(fn_get, d, S("a"))), "1");
    sg_value miss = CALL(fn_get, d, S("z"));
    ck_assert_int_eq(miss.kind, VK_STRING);
    ck_assert_uint_eq(miss.u.s.n, 0);
    sg_value r = CALL(fn_set, d, S("b"), I(2));
    ck_assert_ptr_eq(r.u.m, d.u.m); /* set mutates and returns its argument */
    ck_assert_str_eq(show(d), "map[a:1 b:2]");
    CALL(fn_unset, d, S("a"));
    ck_assert_str_eq(show(d), "map[b:2]");
    ck_assert(CALL(fn_haskey, d, S("b")).u.b);
    ck_assert(!CALL(fn_haskey, d, S("a")).u.b);
    ck_assert(!CALL(fn_haskey, nilmap(), S("a")).u.b);
    ck_assert_str_eq(THROWS(fn_set, nilmap(), S("a"), I(1)), "assignment to entry in nil map");
    ck_assert_str_eq(show(CALL(fn_unset, nilmap(), S("a"))), "map[]");
}
END_TEST

START_TEST(t_set_returns_a_plain_map_even_for_values)
{
    sg_value v = D("a", I(1));
    v.gotype = GT_MAP_VALUES;
    ck_assert_str_eq(val_typename(CALL(fn_set, v, S("z"), I(1))), "map[string]interface {}");
    ck_assert_str_eq(val_typename(CALL(fn_merge, v)), "map[string]interface {}");
}
END_TEST

START_TEST(t_keys_values_pluck_pick_omit)
{
    sg_value m = D2("b", I(1), "a", I(2));
    sg_value k = CALL(fn_keys, m, D2("c", I(3), "a", I(4)));
    ck_assert_str_eq(show(k), "[a b a c]"); /* each dict's keys sorted (Go: random order) */
    ck_assert_str_eq(val_typename(k), "[]string");
    ck_assert_str_eq(show(CALL0(fn_keys)), "[]");
    ck_assert_str_eq(show(CALL(fn_values, m)), "[2 1]");
    ck_assert_str_eq(show(CALL(fn_values, nilmap())), "[]");
    ck_assert_str_eq(show(CALL(fn_pluck, S("a"), D("a", I(1)), D("b", I(2)), D("a", I(3)))), "[1 3]");
    sg_value m3 = CALL(fn_dict, S("a"), I(1), S("b"), I(2), S("c"), I(3));
    ck_assert_str_eq(show(CALL(fn_pick, m3, S("a"), S("c"), S("z"))), "map[a:1 c:3]");
    ck_assert_str_eq(show(CALL(fn_omit, m3, S("a"), S("c"), S("z"))), "map[b:2]");
    ck_assert_str_eq(show(CALL(fn_pick, nilmap(), S("a"))), "map[]");
    ck_assert_str_eq(show(CALL(fn_omit, nilmap(), S("a"))), "map[]");
}
END_TEST

START_TEST(t_dig_walks_plain_maps_and_keeps_go_assertion_panics)
{
    sg_value m = D2("a", F(1), "b", D("c", F(2)));
    ck_assert_str_eq(show(CALL(fn_dig, S("b"), S("c"), S("def"), m)), "2");
    ck_assert_str_eq(show(CALL(fn_dig, S("b"), S("x"), S("def"), m)), "def");
    ck_assert_str_eq(THROWS(fn_dig, S("a"), I(1)), "dig needs at least three arguments");
    ck_assert_str_eq(THROWS(fn_dig, S("a"), S("b"), sg_nil),
                     "interface conversion: interface {} is nil, not map[string]interface {}");
    ck_assert_str_eq(THROWS(fn_dig, I(1), S("d"), val_map()),
                     "interface conversion: interface {} is int, not string");
    ck_assert_str_eq(THROWS(fn_dig, S("a"), S("b"), S("d"), m),
                     "interface conversion: interface {} is float64, not map[string]interface {}");
    sg_value v = m;
    v.gotype = GT_MAP_VALUES; /* even .Values itself is rejected by the type assertion */
    sg_helm_major = 4;
    ck_assert_str_eq(THROWS(fn_dig, S("a"), S("d"), v),
                     "interface conversion: interface {} is common.Values, not map[string]interface {}");
}
END_TEST

START_TEST(t_deep_copy_copies_containers_and_rejects_nil)
{
    sg_value inner = D("x", I(1));
    sg_value m = D("in", inner);
    sg_value c = CALL(fn_deepcopy, m);
    CALL(fn_set, inner, S("y"), I(2));
    ck_assert_str_eq(show(c), "map[in:map[x:1]]");
    ck_assert_str_eq(THROWS(fn_deepcopy, sg_nil), "reflect: call of reflect.Value.Type on zero Value");
    /* nil slices stay nil (toJson null), Go types are kept */
    sg_value d = CALL(fn_deepcopy, D("a", CALL(fn_rest, CALL0(fn_list))));
    sg_value a;
    ck_assert(map_get(d, "a", &a));
    ck_assert_ptr_null(a.u.l);
    ck_assert_str_eq(val_typename(CALL(fn_deepcopy, CALL(fn_split, S(","), S("a")))), "map[string]string");
}
END_TEST

START_TEST(t_merge_follows_mergo_rules)
{
    /* deep merge; dst non-empty values win */
    sg_value dst = D2("a", I(1), "b", D("c", I(2)));
    sg_value r = CALL(fn_merge, dst, CALL(fn_dict, S("a"), I(9), S("b"), D("d", I(3)), S("e"), I(5)));
    ck_assert_ptr_eq(r.u.m, dst.u.m);
    ck_assert_str_eq(show(dst), "map[a:1 b:map[c:2 d:3] e:5]");
    /* zero values in dst count as unset */
    ck_assert_str_eq(show(CALL(fn_merge, D2("a", I(0), "z", S("")), D2("a", I(7), "z", S("q")))),
                     "map[a:7 z:q]");
    /* a nil src value is never copied by merge */
    ck_assert_str_eq(show(CALL(fn_merge, val_map(), D("a", sg_nil))), "map[]");
    /* lists: dst wins unless empty */
    ck_assert_str_eq(show(CALL(fn_merge, D("l", CALL(fn_list, I(1))), D("l", CALL(fn_list, I(2), I(3))))),
                     "map[l:[1]]");
    ck_assert_str_eq(show(CALL(fn_merge, D("l", CALL0(fn_list)), D("l", CALL(fn_list, I(2))))),
                     "map[l:[2]]");
    /* map vs scalar: the non-empty dst value stays */
    ck_assert_str_eq(show(CALL(fn_merge, D("m", S("x")), D("m", D("a", I(1))))), "map[m:x]");
    ck_assert_str_eq(show(CALL(fn_merge, D("m", D("a", I(1))), D("m", S("x")))), "map[m:map[a:1]]");
    /* a nil dst becomes a new map */
    ck_assert_str_eq(show(CALL(fn_merge, nilmap(), D("a", I(1)))), "map[a:1]");
}
END_TEST

START_TEST(t_merge_overwrite_lets_src_win_even_with_zero_values)
{
    sg_value dst = D2("a", I(1), "b", D("c", I(2)));
    CALL(fn_mergeoverwrite, dst, CALL(fn_dict, S("a"), I(9), S("b"), D("d", I(3)), S("e"), I(5)));
    ck_assert_str_eq(show(dst), "map[a:9 b:map[c:2 d:3] e:5]");
    ck_assert_str_eq(show(CALL(fn_mergeoverwrite, D("a", I(5)), D("a", I(0)))), "map[a:0]");
    ck_assert_str_eq(show(CALL(fn_mergeoverwrite, D("a", I(1)), D("a", sg_nil))), "map[a:<nil>]");
    ck_assert_str_eq(show(CALL(fn_mergeoverwrite, D("l", CALL(fn_list, I(1))), D("l", CALL0(fn_list)))),
                     "map[l:[]]");
    ck_assert_str_eq(show(CALL(fn_mergeoverwrite, D("m", S("x")), D("m", D("a", I(1))))),
                     "map[m:map[a:1]]");
    ck_assert_str_eq(show(CALL(fn_mergeoverwrite, D("m", D("a", I(1))), D("m", S("x")))), "map[m:x]");
    sg_value three = CALL(fn_mergeoverwrite, D("a", D("b", I(1))), D("a", D("c", I(2))), D("a", D("b", I(3))));
    ck_assert_str_eq(show(three), "map[a:map[b:3 c:2]]");
}
END_TEST

START_TEST(t_merge_shares_nested_maps_of_dst)
{
    sg_value src = D("x", D("y", I(1)));
    sg_value n = CALL(fn_merge, val_map(), src);
    sg_value x;
    ck_assert(map_get(n, "x", &x));
    CALL(fn_set, x, S("z"), I(2));
    ck_assert_str_eq(show(src), "map[x:map[y:1 z:2]]"); /* as in Go: the nested map is shared */
}
END_TEST

START_TEST(t_type_and_kind_names)
{
    ck_assert_str_eq(show(CALL(fn_typeof, I(1))), "int");
    ck_assert_str_eq(show(CALL(fn_typeof, sg_nil)), "<nil>");
    ck_assert_str_eq(show(CALL(fn_kindof, sg_nil)), "invalid");
    ck_assert_str_eq(show(CALL(fn_kindof, CALL(fn_splitlist, S(","), S("a")))), "slice");
    ck_assert_str_eq(show(CALL(fn_kindof, CALL(fn_split, S(","), S("a")))), "map");
    ck_assert_str_eq(show(CALL(fn_typeof, CALL(fn_split, S(","), S("a")))), "map[string]string");
    ck_assert(CALL(fn_typeis, S("int"), I(1)).u.b);
    ck_assert(CALL(fn_kindis, S("invalid"), sg_nil).u.b);
    sg_value v = CALL(fn_semver, S("1.2"));
    ck_assert(CALL(fn_typeislike, S("semver.Version"), v).u.b);
    ck_assert(CALL(fn_typeislike, S("*semver.Version"), v).u.b);
    ck_assert(CALL(fn_kindis, S("ptr"), v).u.b);
}
END_TEST

START_TEST(t_deep_equal_needs_equal_types)
{
    ck_assert(!CALL(fn_deepequal, I(1), F(1)).u.b);
    ck_assert(CALL(fn_deepequal, CALL(fn_list, I(1)), CALL(fn_list, I(1))).u.b);
    ck_assert(CALL(fn_deepequal, sg_nil, sg_nil).u.b);
    ck_assert(!CALL(fn_deepequal, val_map(), sg_nil).u.b);
    ck_assert(!CALL(fn_deepequal, CALL0(fn_list), CALL(fn_rest, CALL0(fn_list))).u.b);
    ck_assert(CALL(fn_deepequal, CALL(fn_semver, S("1.2")), CALL(fn_semver, S("1.2"))).u.b);
    ck_assert(!CALL(fn_deepequal, CALL(fn_semver, S("1.2")), CALL(fn_semver, S("v1.2"))).u.b);
}
END_TEST

static sg_error *caught(sprig_fn f, int argc, sg_value *argv)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        f(NULL, argc, argv);
        catch_pop(&c);
        return NULL;
    }
    catch_pop(&c);
    return c.err;
}

START_TEST(t_required_fails_only_for_nil_and_empty_string)
{
    sg_error *e = caught(fn_required, ARGS(S("need it"), sg_nil));
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->kind, SG_ERR_FAIL);
    ck_assert_str_eq(e->msg, "need it");
    ck_assert_ptr_nonnull(caught(fn_required, ARGS(S("m"), S(""))));
    ck_assert_ptr_null(caught(fn_required, ARGS(S("m"), I(0))));
    ck_assert_ptr_null(caught(fn_required, ARGS(S("m"), val_bool(false))));
    ck_assert_ptr_null(caught(fn_required, ARGS(S("m"), CALL0(fn_list))));
    ck_assert_str_eq(show(CALL(fn_required, S("m"), S("x"))), "x");
    e = caught(fn_fail, ARGS(S("boom")));
    ck_assert_int_eq(e->kind, SG_ERR_FAIL);
    ck_assert_str_eq(e->msg, "boom");
}
END_TEST

START_TEST(t_lookup_and_get_host_by_name_are_offline_stubs)
{
    sg_value m = CALL(fn_helm_lookup, S("v1"), S("Secret"), S("ns"), S("name"));
    ck_assert_str_eq(show(m), "map[]");
    ck_assert_str_eq(val_typename(m), "map[string]interface {}");
    ck_assert_str_eq(show(CALL(fn_gethostbyname, S("localhost"))), "");
}
END_TEST

Suite *dicts_suite(void)
{
    Suite *s = suite_create("dicts");
    TCase *tc = tcase_create("dicts");
    tcase_add_checked_fixture(tc, sprig_setup, sprig_teardown);
    tcase_add_test(tc, t_dict_stringifies_keys_and_pads_a_missing_value);
    tcase_add_test(tc, t_get_set_unset_haskey);
    tcase_add_test(tc, t_set_returns_a_plain_map_even_for_values);
    tcase_add_test(tc, t_keys_values_pluck_pick_omit);
    tcase_add_test(tc, t_dig_walks_plain_maps_and_keeps_go_assertion_panics);
    tcase_add_test(tc, t_deep_copy_copies_containers_and_rejects_nil);
    tcase_add_test(tc, t_merge_follows_mergo_rules);
    tcase_add_test(tc, t_merge_overwrite_lets_src_win_even_with_zero_values);
    tcase_add_test(tc, t_merge_shares_nested_maps_of_dst);
    suite_add_tcase(s, tc);
    TCase *tr = tcase_create("reflection and flow");
    tcase_add_checked_fixture(tr, sprig_setup, sprig_teardown);
    tcase_add_test(tr, t_type_and_kind_names);
    tcase_add_test(tr, t_deep_equal_needs_equal_types);
    tcase_add_test(tr, t_required_fails_only_for_nil_and_empty_string);
    tcase_add_test(tr, t_lookup_and_get_host_by_name_are_offline_stubs);
    suite_add_tcase(s, tr);
    return s;
}
