/* check_limits.c - unit tests of the resource limits (src/base/limits.c, arena caps). */
#include <check.h>
#include <stdint.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/base/limits.h"

START_TEST(sizes_parse_with_decimal_and_binary_suffixes)
{
    uint64_t v;
    ck_assert_int_eq(limits_parse_size("4096", &v), 0);
    ck_assert_uint_eq(v, 4096);
    ck_assert_int_eq(limits_parse_size("512Mi", &v), 0);
    ck_assert_uint_eq(v, 512ULL << 20);
    ck_assert_int_eq(limits_parse_size("2G", &v), 0);
    ck_assert_uint_eq(v, 2000000000ULL);
    ck_assert_int_eq(limits_parse_size("1GiB", &v), 0);
    ck_assert_uint_eq(v, 1ULL << 30);
    ck_assert_int_eq(limits_parse_size("0", &v), 0);
    ck_assert_uint_eq(v, 0);
}
END_TEST

START_TEST(bad_sizes_are_refused)
{
    uint64_t v;
    ck_assert_int_ne(limits_parse_size("", &v), 0);
    ck_assert_int_ne(limits_parse_size("lots", &v), 0);
    ck_assert_int_ne(limits_parse_size("-1", &v), 0);
    ck_assert_int_ne(limits_parse_size("5x", &v), 0);
    ck_assert_int_ne(limits_parse_size("99999999999999Ti", &v), 0);
}
END_TEST

START_TEST(multiplication_saturates_instead_of_wrapping)
{
    ck_assert_uint_eq(limits_mul(SIZE_MAX / 2, 3), SIZE_MAX);
    ck_assert_uint_eq(limits_mul(0, SIZE_MAX), 0);
    ck_assert_uint_eq(limits_mul(6, 7), 42);
}
END_TEST

static const char *caught(void (*fn)(void))
{
    sg_catch c;
    if (SG_TRY(&c)) {
        fn();
        catch_pop(&c);
        return NULL;
    }
    catch_pop(&c);
    return c.err->msg;
}

static void alloc_past_cap(void)
{
    arena_set_limit(1 << 20);
    for (int i = 0; i < 100; i++) sg_alloc(64 * 1024);
}
static void alloc_absurd(void) { sg_alloc(SIZE_MAX - 8); }
static void huge_string(void) { limits_check_string("repeat", SIZE_MAX); }

START_TEST(the_arena_cap_throws_a_clear_error)
{
    arena_push();
    const char *m = caught(alloc_past_cap);
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(m, "memory limit exceeded"));
    ck_assert_ptr_nonnull(strstr(m, "--max-memory"));
    arena_pop();
}
END_TEST

START_TEST(an_absurd_allocation_throws_instead_of_aborting)
{
    arena_push();
    const char *m = caught(alloc_absurd);
    ck_assert_ptr_nonnull(m);
    arena_pop();
}
END_TEST

START_TEST(an_oversized_string_is_refused_by_name)
{
    arena_push();
    const char *m = caught(huge_string);
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(m, "repeat: result too large"));
    arena_pop();
}
END_TEST

static int deferred_runs;
static void count_run(void *p) { (void)p; deferred_runs++; }

START_TEST(reset_gives_back_everything_since_the_mark)
{
    arena_push();
    char *keep = sg_strdup("kept");
    size_t before = arena_used();
    sg_amark m = arena_mark();
    for (int i = 0; i < 1000; i++) sg_alloc(100);  /* new small chunks */
    sg_alloc(1 << 20);                              /* a big block of its own */
    deferred_runs = 0;
    arena_defer(count_run, NULL);
    ck_assert_uint_gt(arena_used(), before + (1 << 20));
    arena_reset(m);
    ck_assert_uint_eq(arena_used(), before);
    ck_assert_int_eq(deferred_runs, 1);             /* cleanups since the mark ran once */
    ck_assert_str_eq(keep, "kept");
    char *after = sg_strdup("after");               /* the arena still works */
    ck_assert_str_eq(after, "after");
    arena_pop();
    ck_assert_int_eq(deferred_runs, 1);             /* ... and not again at the end */
}
END_TEST

START_TEST(a_released_big_block_is_no_longer_counted)
{
    arena_push();
    size_t before = arena_used();
    void *big = sg_alloc(1 << 20);
    arena_release(big, 1 << 20);
    ck_assert_uint_eq(arena_used(), before);
    void *small = sg_alloc(64);
    arena_release(small, 64);                       /* small blocks stay: harmless */
    ck_assert_uint_gt(arena_used(), before);
    arena_pop();
}
END_TEST

static void work_past_budget(void)
{
    sg_limit.max_iterations = 100;
    sg_limit.iterations = 0;
    limits_work(LIMITS_W_CALL * 5);
    limits_work(1);
}

START_TEST(loop_work_is_counted_in_weighted_units)
{
    arena_push();
    uint64_t saved = sg_limit.max_iterations;
    const char *m = caught(work_past_budget);
    sg_limit.max_iterations = saved;
    sg_limit.iterations = 0;
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(m, "iteration limit exceeded: more than 100 units of loop work"));
    arena_pop();
}
END_TEST

Suite *limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *t = tcase_create("limits");
    tcase_add_test(t, sizes_parse_with_decimal_and_binary_suffixes);
    tcase_add_test(t, bad_sizes_are_refused);
    tcase_add_test(t, multiplication_saturates_instead_of_wrapping);
    tcase_add_test(t, the_arena_cap_throws_a_clear_error);
    tcase_add_test(t, an_absurd_allocation_throws_instead_of_aborting);
    tcase_add_test(t, an_oversized_string_is_refused_by_name);
    tcase_add_test(t, reset_gives_back_everything_since_the_mark);
    tcase_add_test(t, a_released_big_block_is_no_longer_counted);
    tcase_add_test(t, loop_work_is_counted_in_weighted_units);
    suite_add_tcase(s, t);
    return s;
}
