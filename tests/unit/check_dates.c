/* check_dates.c - unit tests of Go's time formatting/parsing (gotime.c) and Sprig's date
 * functions (fn_date.c).  Expected outputs were printed by helm v4.1.4 with TZ=UTC; zone
 * cases read the system's tzfiles (as Go does on Linux).  "ERR: " marks the text after
 * "error calling FN: ". */
#include "ext_harness.h"
#include "../../src/funcs/gotime.h"

static void setup(void)
{
    setenv("TZ", "UTC", 1);
    arena_push();
}
static void teardown(void) { arena_pop(); }

static const ext_case cases[] = {
    { "toDate", { "s2006-01-02", "s2024-02-29" }, 2, "2024-02-29 00:00:00 +0000 UTC" },
    { "toDate", { "s2006-01-02", "s2023-02-29" }, 2, "0001-01-01 00:00:00 +0000 UTC" },
    { "mustToDate", { "s2006-01-02", "s2023-02-29" }, 2, "ERR: parsing time \"2023-02-29\": day out of range" },
    { "mustToDate", { "s2006-01-02", "sx" }, 2, "ERR: parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\"" },
    { "mustToDate", { "s2006-01-02 15:04", "s2024-01-01 25:00" }, 2, "ERR: parsing time \"2024-01-01 25:00\": hour out of range" },
    { "mustToDate", { "s2006-01-02", "s2024-01-01 extra" }, 2, "ERR: parsing time \"2024-01-01 extra\": extra text: \" extra\"" },
    { "toDate", { "s2006-01-02T15:04:05Z07:00", "s2024-01-01T10:20:30+05:30" }, 2, "2024-01-01 10:20:30 +0530 +0530" },
    { "toDate", { "s2006-01-02T15:04:05Z07:00", "s2024-01-01T10:20:30Z" }, 2, "2024-01-01 10:20:30 +0000 UTC" },
    { "toDate", { "s2006-01-02T15:04:05.999999999Z07:00", "s2024-01-01T10:20:30.123456789Z" }, 2, "2024-01-01 10:20:30.123456789 +0000 UTC" },
    { "toDate", { "s2006-01-02 15:04:05", "s2024-01-01 10:20:30.5" }, 2, "2024-01-01 10:20:30.5 +0000 UTC" },
    { "toDate", { "sJan 2 2006 3:04PM MST", "sFeb 3 2024 4:05PM PST" }, 2, "2024-02-03 16:05:00 +0000 PST" },
    { "toDate", { "sJan 2 2006 3:04PM MST", "sFeb 3 2024 4:05AM UTC" }, 2, "2024-02-03 04:05:00 +0000 UTC" },
    { "toDate", { "sMonday, 02-Jan-06", "sTuesday, 05-Mar-24" }, 2, "2024-03-05 00:00:00 +0000 UTC" },
    { "toDate", { "s002 2006", "s060 2024" }, 2, "2024-02-29 00:00:00 +0000 UTC" },
    { "toDate", { "s__2 2006", "s 60 2024" }, 2, "2024-02-29 00:00:00 +0000 UTC" },
    { "toDate", { "s2006-01-02 -0700", "s2024-01-01 +0000" }, 2, "2024-01-01 00:00:00 +0000 UTC" },
    { "toDate", { "s2006-01-02 MST", "s2024-01-01 GMT+3" }, 2, "2024-01-01 03:00:00 +0300 GMT+3" },
    { "toDate", { "s2006-01-02 MST", "s2024-01-01 CEST" }, 2, "2024-01-01 00:00:00 +0000 CEST" },
    { "toDate", { "s15:04:05", "s10:20:30" }, 2, "0000-01-01 10:20:30 +0000 UTC" },
    { "toDate", { "s2006-01-02", "s0000-01-01" }, 2, "0000-01-01 00:00:00 +0000 UTC" },
    { "toDate", { "s06-1-2", "s69-1-2" }, 2, "1969-01-02 00:00:00 +0000 UTC" },
    { "toDate", { "s06-1-2", "s68-1-2" }, 2, "2068-01-02 00:00:00 +0000 UTC" },
    { "date", { "s2006-01-02", "i0" }, 2, "1970-01-01" },
    { "date", { "s2006-01-02 15:04:05", "i1700000000" }, 2, "2023-11-14 22:13:20" },
    { "toDate", { "s2006-01-02", "sbad" }, 2, "0001-01-01 00:00:00 +0000 UTC" },
    { "duration", { "i90" }, 1, "0s" },
    { "duration", { "s90" }, 1, "1m30s" },
    { "duration", { "s3661" }, 1, "1h1m1s" },
    { "duration", { "s-1" }, 1, "-1s" },
    { "duration", { "s99999999999999999999" }, 1, "-1s" },
    { "duration", { "sx" }, 1, "0s" },
    { "durationRound", { "s2h10m" }, 1, "2h" },
    { "durationRound", { "s-49h" }, 1, "2d" },
    { "durationRound", { "s730h" }, 1, "1mo" },
    { "durationRound", { "s8761h" }, 1, "1y" },
    { "durationRound", { "sbad" }, 1, "0s" },
    { "durationRound", { "i5" }, 1, "0s" },
    { "dateInZone", { "s2006-01-02 15:04:05.000 MST -0700 Z07:00 Jan January Mon Monday 3 03 PM pm _2 __2 002", "i1700000000", "sAmerica/New_York" }, 3, "2023-11-14 17:13:20.000 EST -0500 -05:00 Nov November Tue Tuesday 5 05 PM pm 14 318 318" },
    { "dateInZone", { "s2006-01-02 15:04:05 MST Z07:00", "i1720000000", "sAmerica/New_York" }, 3, "2024-07-03 05:46:40 EDT -04:00" },
    { "dateInZone", { "s2006-01-02 15:04:05 MST Z07:00", "i1720000000", "sAsia/Kathmandu" }, 3, "2024-07-03 15:31:40 +0545 +05:45" },
    { "dateInZone", { "s2006-01-02 15:04:05 MST Z07:00", "i1720000000", "sNope/Zone" }, 3, "2024-07-03 09:46:40 UTC Z" },
    { "dateInZone", { "s2006-01-02 15:04:05 MST Z07:00", "i1720000000", "s../etc/passwd" }, 3, "2024-07-03 09:46:40 UTC Z" },
    { "dateInZone", { "s2006-01-02 15:04:05 MST Z07:00", "i-5000000000", "sEurope/Paris" }, 3, "1811-07-23 15:16:01 LMT +00:09" },
    { "dateInZone", { "sZ07:00:00 -07:00:00 Z070000 -070000 Z07 -07", "i1720000000", "sAsia/Kolkata" }, 3, "+05:30:00 +05:30:00 +053000 +053000 +05 +05" },
    { "dateInZone", { "sZ07:00:00 -07:00:00 Z070000 -070000 Z07 -07", "i1720000000", "sUTC" }, 3, "Z +00:00:00 Z +000000 Z +00" },
    { "date", { "sJan _2 15:04:05.000000", "i1720000000" }, 2, "Jul  3 09:46:40.000000" },
    { "date", { "s06 2006 1 01 2 02 3 03 4 04 5 05", "i1720000000" }, 2, "24 2024 7 07 3 03 9 09 46 46 40 40" },
    { "date", { "s.0 .00 .999 ,9", "i1720000000" }, 2, ".0 .00  " },
    { "date", { "sJanet Monkey MSTX", "i1720000000" }, 2, "Janet Monkey UTCX" },
    { "htmlDate", { "i1720000000" }, 1, "2024-07-03" },
    { "htmlDateInZone", { "i1720000000", "sPacific/Kiritimati" }, 2, "2024-07-03" },
};

START_TEST(date_functions_match_helm_byte_for_byte)
{
    ext_run(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

static const char *dur(int64_t d)
{
    sg_buf b;
    buf_init(&b);
    gotime_duration_string(&b, d);
    return b.p;
}

START_TEST(durations_print_as_go_time_Duration)
{
    ck_assert_str_eq(dur(0), "0s");
    ck_assert_str_eq(dur(1), "1ns");
    ck_assert_str_eq(dur(1500), "1.5\xc2\xb5s");
    ck_assert_str_eq(dur(1500000), "1.5ms");
    ck_assert_str_eq(dur(3723500000000LL), "1h2m3.5s");
    ck_assert_str_eq(dur(-60000000000LL), "-1m0s");
    ck_assert_str_eq(dur(INT64_MIN), "-2562047h47m16.854775808s");
}
END_TEST

START_TEST(parse_duration_reports_go_errors)
{
    int64_t d;
    ck_assert_ptr_null(gotime_parse_duration("1h30m", 5, &d));
    ck_assert_int_eq(d, 5400000000000LL);
    ck_assert_ptr_null(gotime_parse_duration(".5s", 3, &d));
    ck_assert_int_eq(d, 500000000);
    ck_assert_str_eq(gotime_parse_duration("1x", 2, &d), "time: unknown unit \"x\" in duration \"1x\"");
    ck_assert_str_eq(gotime_parse_duration("1", 1, &d), "time: missing unit in duration \"1\"");
    ck_assert_str_eq(gotime_parse_duration("", 0, &d), "time: invalid duration \"\"");
    ck_assert_str_eq(gotime_parse_duration("9999999999h", 11, &d), "time: invalid duration \"9999999999h\"");
}
END_TEST

START_TEST(time_values_print_as_Time_String_and_marshal_as_RFC3339Nano)
{
    gotime t;
    ck_assert_ptr_null(gotime_parse("2006-01-02T15:04:05Z07:00", 25, "2024-01-01T10:20:30+05:30", 25, gotime_local(), &t));
    sg_buf b;
    buf_init(&b);
    gotime_string(&b, t);
    ck_assert_str_eq(b.p, "2024-01-01 10:20:30 +0530 +0530");
    sg_value v = gotime_value(gotime_add(t, 1500000000));
    buf_init(&b);
    gofmt_value(&b, v);
    ck_assert_str_eq(b.p, "2024-01-01 10:20:31.5 +0530 +0530");
    ck_assert_str_eq(v.u.o->type->tojson(v.u.o).u.s.p, "2024-01-01T10:20:31.5+05:30");
    ck_assert_str_eq(val_typename(v), "time.Time");
}
END_TEST

START_TEST(now_carries_a_monotonic_reading_that_In_drops)
{
    gotime t = gotime_now();
    sg_buf b;
    buf_init(&b);
    gotime_string(&b, t);
    ck_assert_ptr_nonnull(strstr(b.p, " +0000 UTC m=+"));
    buf_init(&b);
    gotime_string(&b, gotime_in(t, gotime_utc()));
    ck_assert_ptr_null(strstr(b.p, "m="));
}
END_TEST

START_TEST(equal_times_are_one_object_as_go_compares_time_Time_by_value)
{
    sg_value a[2] = { val_cstr("2006-01-02"), val_cstr("2024-01-01") };
    const sg_funcdef *f = ext_find("toDate");
    sg_fcall fc = { NULL, "toDate" };
    sg_value x = f->fn(&fc, 2, a), y = f->fn(&fc, 2, a);
    ck_assert_ptr_eq(x.u.o, y.u.o);
    ck_assert(val_deep_equal(x, y));
}
END_TEST

Suite *dates_suite(void)
{
    Suite *s = suite_create("dates");
    TCase *tc = tcase_create("dates");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, date_functions_match_helm_byte_for_byte);
    tcase_add_test(tc, durations_print_as_go_time_Duration);
    tcase_add_test(tc, parse_duration_reports_go_errors);
    tcase_add_test(tc, time_values_print_as_Time_String_and_marshal_as_RFC3339Nano);
    tcase_add_test(tc, now_carries_a_monotonic_reading_that_In_drops);
    tcase_add_test(tc, equal_times_are_one_object_as_go_compares_time_Time_by_value);
    suite_add_tcase(s, tc);
    return s;
}
