/* check_math.c - unit tests of Sprig's arithmetic (fn_math.c) and of the decimal
 * arithmetic behind addf/subf/mulf/divf (decimal.c).  Expected texts measured with helm
 * v4.1.4; decimal.c also matched shopspring/decimal v1.4.0 on 30k random operations. */
#include "sprig_testutil.h"
#include "../../src/funcs/decimal.h"

static const char *typ(sg_value v) { return val_typename(v); }

START_TEST(t_integer_math_casts_operands_and_returns_int64)
{
    ck_assert_str_eq(show(CALL0(fn_add)), "0");
    ck_assert_str_eq(typ(CALL0(fn_add)), "int64");
    ck_assert_str_eq(show(CALL(fn_add, I(1), I(2), I(3))), "6");
    ck_assert_str_eq(show(CALL(fn_add, S("3"), S("4x"), F(1.9), val_bool(true), sg_nil)), "5");
    ck_assert_str_eq(show(CALL(fn_add, F(8080), I(1))), "8081");
    ck_assert_str_eq(show(CALL(fn_add1, S("x"))), "1");
    ck_assert_str_eq(show(CALL(fn_sub, I(5), I(2))), "3");
    ck_assert_str_eq(show(CALL(fn_sub, F(1.9), F(0.5))), "1");
    ck_assert_str_eq(show(CALL(fn_mul, I(2), I(3), I(4))), "24");
    ck_assert_str_eq(show(CALL(fn_mul, F(1.5), F(2.5))), "2");
    ck_assert_str_eq(show(CALL(fn_mul, I(2))), "2");
    ck_assert_str_eq(show(CALL(fn_div, I(7), I(2))), "3");
    ck_assert_str_eq(show(CALL(fn_div, I(-7), I(2))), "-3");
    ck_assert_str_eq(show(CALL(fn_mod, I(7), I(3))), "1");
    ck_assert_str_eq(show(CALL(fn_mod, I(-7), I(3))), "-1");
    ck_assert_str_eq(show(CALL(fn_add, I(INT64_MAX), I(1))), "-9223372036854775808");
}
END_TEST

START_TEST(t_integer_division_by_zero_is_go_runtime_error)
{
    ck_assert_str_eq(THROWS(fn_div, I(1), I(0)), "runtime error: integer divide by zero");
    ck_assert_str_eq(THROWS(fn_mod, I(1), I(0)), "runtime error: integer divide by zero");
}
END_TEST

START_TEST(t_max_min_are_int64_and_maxf_minf_float64)
{
    ck_assert_str_eq(show(CALL(fn_max, I(1), I(5), I(3))), "5");
    ck_assert_str_eq(typ(CALL(fn_max, I(1))), "int64");
    ck_assert_str_eq(show(CALL(fn_min, I(3), S("1"), F(2.5))), "1");
    ck_assert_str_eq(show(CALL(fn_maxf, I(1), F(2.5), S("3"))), "3");
    ck_assert_str_eq(typ(CALL(fn_maxf, I(1))), "float64");
    ck_assert_str_eq(show(CALL(fn_maxf, S("nan"), I(1))), "NaN");
    ck_assert_str_eq(show(CALL(fn_minf, F(-0.0), F(0))), "-0");
    ck_assert_str_eq(show(CALL(fn_maxf, F(-0.0), F(0))), "0");
}
END_TEST

START_TEST(t_floor_ceil_round)
{
    ck_assert_str_eq(show(CALL(fn_floor, S("1.5"))), "1");
    ck_assert_str_eq(typ(CALL(fn_floor, I(1))), "float64");
    ck_assert_str_eq(show(CALL(fn_ceil, F(-0.5))), "-0");
    ck_assert_str_eq(show(CALL(fn_floor, S("inf"))), "+Inf");
    ck_assert_str_eq(show(CALL(fn_round, F(1.555), I(2))), "1.56");
    ck_assert_str_eq(show(CALL(fn_round, F(2.5), I(0))), "3");
    ck_assert_str_eq(show(CALL(fn_round, F(-2.5), I(0))), "-3");
    ck_assert_str_eq(show(CALL(fn_round, F(1.234), I(1), F(0.3))), "1.3");
    ck_assert_str_eq(show(CALL(fn_round, F(1.25), I(1), F(0.5))), "1.3");
}
END_TEST

START_TEST(t_float_math_is_decimal_exact)
{
    ck_assert_str_eq(show(CALL0(fn_addf)), "0");
    ck_assert_str_eq(show(CALL(fn_addf, F(0.1), F(0.2))), "0.3");
    ck_assert_str_eq(show(CALL(fn_addf, F(1.5), I(1))), "2.5");
    ck_assert_str_eq(show(CALL(fn_subf, I(1))), "1");
    ck_assert_str_eq(show(CALL(fn_subf, I(1), F(0.9))), "0.1");
    ck_assert_str_eq(show(CALL(fn_subf, F(0.3), F(0.1))), "0.2");
    ck_assert_str_eq(show(CALL(fn_mulf, F(0.1), I(3))), "0.3");
    ck_assert_str_eq(show(CALL(fn_mulf, F(1.1), F(1.1))), "1.21");
    ck_assert_str_eq(show(CALL(fn_mulf, F(123456789.123), F(987654321.987))), "1.219326313559686e+17");
    ck_assert_str_eq(show(CALL(fn_mulf, F(1e308), I(10))), "+Inf");
    ck_assert_str_eq(show(CALL(fn_mulf, S("abc"), I(2))), "0");
    ck_assert_str_eq(show(CALL(fn_add1f, F(1.5))), "2.5");
    ck_assert_str_eq(show(CALL(fn_addf, F(1e300), F(1e-300))), "1e+300");
    ck_assert_str_eq(show(CALL(fn_addf, F(5e-324), I(1))), "1");
}
END_TEST

START_TEST(t_divf_rounds_to_sixteen_places_half_away_from_zero)
{
    ck_assert_str_eq(show(CALL(fn_divf, I(1), I(3))), "0.3333333333333333");
    ck_assert_str_eq(show(CALL(fn_divf, I(2), I(3))), "0.6666666666666667");
    ck_assert_str_eq(show(CALL(fn_divf, I(-2), I(3))), "-0.6666666666666667");
    ck_assert_str_eq(show(CALL(fn_divf, I(10), I(4), I(2))), "1.25");
    ck_assert_str_eq(show(CALL(fn_divf, I(1), I(7), I(3))), "0.0476190476190476");
    ck_assert_str_eq(show(CALL(fn_divf, F(1e-300), F(1e300))), "0");
    ck_assert_str_eq(THROWS(fn_divf, I(1), I(0)), "decimal division by 0");
}
END_TEST

START_TEST(t_decimal_refuses_inf_and_nan_like_shopspring)
{
    ck_assert_str_eq(THROWS(fn_addf, S("inf"), I(1)), "Cannot create a Decimal from +Inf");
    ck_assert_str_eq(THROWS(fn_addf, S("-inf")), "Cannot create a Decimal from -Inf");
    ck_assert_str_eq(THROWS(fn_addf, S("nan")), "Cannot create a Decimal from NaN");
}
END_TEST

START_TEST(t_rand_int_needs_a_positive_range)
{
    ck_assert_str_eq(THROWS(fn_randint, I(1), I(1)), "invalid argument to Intn");
    for (int i = 0; i < 100; i++) {
        sg_value r = CALL(fn_randint, I(-3), I(4));
        ck_assert_str_eq(typ(r), "int");
        ck_assert(r.u.i >= -3 && r.u.i < 4);
    }
}
END_TEST

Suite *math_suite(void)
{
    Suite *s = suite_create("math");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, sprig_setup, sprig_teardown);
    tcase_add_test(tc, t_integer_math_casts_operands_and_returns_int64);
    tcase_add_test(tc, t_integer_division_by_zero_is_go_runtime_error);
    tcase_add_test(tc, t_max_min_are_int64_and_maxf_minf_float64);
    tcase_add_test(tc, t_floor_ceil_round);
    tcase_add_test(tc, t_float_math_is_decimal_exact);
    tcase_add_test(tc, t_divf_rounds_to_sixteen_places_half_away_from_zero);
    tcase_add_test(tc, t_decimal_refuses_inf_and_nan_like_shopspring);
    tcase_add_test(tc, t_rand_int_needs_a_positive_range);
    suite_add_tcase(s, tc);
    return s;
}
