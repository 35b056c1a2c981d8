/* check_archive.c - unit tests of archive.c (packaged charts): archives are built here
 * (ustar headers + zlib gzip) and read back; error texts are those of Helm's
 * LoadArchiveFiles / Go's archive/tar and compress/gzip (helm v4.1.4 printed the same
 * texts for the archives of tests/diff/cases/68x). */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/chart/archive.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

typedef struct tarb { unsigned char *p; size_t n; } tarb;

/* Append a ustar entry; `size` may claim more than `len` bytes of data. */
static void entry(tarb *t, const char *name, char type, const char *data, size_t len, size_t size)
{
    unsigned char h[512] = { 0 };
    snprintf((char *)h, 100, "%s", name);
    snprintf((char *)h + 100, 8, "%07o", 0644);
    snprintf((char *)h + 124, 12, "%011zo", size);
    memcpy(h + 257, "ustar\0" "00", 8);
    h[156] = (unsigned char)type;
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++) sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    size_t pad = (len + 511) / 512 * 512;
    t->p = sg_realloc(t->p, t->n, t->n + 512 + pad);
    memcpy(t->p + t->n, h, 512);
    memcpy(t->p + t->n + 512, data, len);
    t->n += 512 + pad;
}

static void finish(tarb *t)
{
    t->p = sg_realloc(t->p, t->n, t->n + 1024);
    t->n += 1024;
}

static unsigned char *gz(const tarb *t, size_t *outn)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, t->n) + 64;
    unsigned char *out = sg_alloc(cap);
    z.next_in = t->p;
    z.avail_in = (uInt)t->n;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    *outn = cap - z.avail_out;
    deflateEnd(&z);
    return out;
}

/* Load and return NULL, or the error text. */
static const char *load(const unsigned char *d, size_t n, sg_chartfile **files, size_t *nf)
{
    sg_catch c;
    if (SG_TRY(&c)) {
        archive_load_files(d, n, files, nf);
        catch_pop(&c);
        return NULL;
    }
    catch_pop(&c);
    return c.err->msg;
}

static const char *load_tar(tarb *t)
{
    size_t n, nf;
    sg_chartfile *f;
    finish(t);
    unsigned char *d = gz(t, &n);
    return load(d, n, &f, &nf);
}

START_TEST(files_lose_the_chart_directory_and_their_byte_order_mark)
{
    tarb t = { 0 };
    entry(&t, "sub/Chart.yaml", '0', "name: sub\n", 10, 10);
    entry(&t, "sub/templates/", '5', "", 0, 0);
    entry(&t, "sub/./templates//a.yaml", '0', "\xEF\xBB\xBFx: 1\n", 8, 8);
    finish(&t);
    size_t n, nf;
    sg_chartfile *f;
    unsigned char *d = gz(&t, &n);
    ck_assert_ptr_null(load(d, n, &f, &nf));
    ck_assert_uint_eq(nf, 2);
    ck_assert_str_eq(f[0].path, "Chart.yaml");
    ck_assert_str_eq(f[0].data, "name: sub\n");
    ck_assert_str_eq(f[1].path, "templates/a.yaml");
    ck_assert_str_eq(f[1].data, "x: 1\n");
    ck_assert_uint_eq(f[1].len, 5);
}
END_TEST

START_TEST(hostile_paths_are_refused_with_helms_texts)
{
    tarb a = { 0 };
    entry(&a, "sub/../../etc/passwd", '0', "x", 1, 1);
    ck_assert_str_eq(load_tar(&a), "chart illegally references parent directory");
    tarb b = { 0 };
    entry(&b, "sub//abs", '0', "x", 1, 1);
    ck_assert_str_eq(load_tar(&b), "chart illegally contains absolute paths");
    tarb c = { 0 };
    entry(&c, "sub", '0', "x", 1, 1);
    ck_assert_str_eq(load_tar(&c), "chart illegally contains content outside the base directory: \"sub\"");
    tarb d = { 0 };
    entry(&d, "sub/c:/x", '0', "x", 1, 1);
    ck_assert_str_eq(load_tar(&d), "chart contains illegally named files");
    tarb e = { 0 };
    entry(&e, "Chart.yaml/x", '0', "x", 1, 1);
    ck_assert_str_eq(load_tar(&e), "chart yaml not in base directory");
    tarb w = { 0 };
    entry(&w, "sub\\..\\..\\x", '0', "x", 1, 1);
    ck_assert_str_eq(load_tar(&w), "chart illegally references parent directory");
}
END_TEST

START_TEST(size_limits_are_checked_before_reading)
{
    tarb a = { 0 };
    entry(&a, "sub/big", '0', "", 0, ARCHIVE_MAX_FILE + 1);
    ck_assert_str_eq(load_tar(&a), "decompressed chart file \"sub/big\" is larger than the maximum file size 5242880");
    tarb b = { 0 };
    entry(&b, "sub/huge", '0', "", 0, ARCHIVE_MAX_CHART + 1);
    ck_assert_str_eq(load_tar(&b), "decompressed chart is larger than the maximum file size 104857600");
}
END_TEST

START_TEST(damaged_streams_report_gos_errors)
{
    size_t nf;
    sg_chartfile *f;
    ck_assert_str_eq(load((const unsigned char *)"", 0, &f, &nf), "EOF");
    ck_assert_str_eq(load((const unsigned char *)"PK\3\4xxxxxxxxxxxxxx", 18, &f, &nf), "gzip: invalid header");
    ck_assert_str_eq(load((const unsigned char *)"\x1f\x8b\x08\0\0\0", 6, &f, &nf), "unexpected EOF");
    tarb t = { 0 };
    entry(&t, "sub/Chart.yaml", '0', "name: sub\n", 10, 10);
    finish(&t);
    size_t n;
    unsigned char *d = gz(&t, &n);
    ck_assert_str_eq(load(d, n / 2, &f, &nf), "unexpected EOF");
    /* a bad CRC is never reached: Go's tar reader stops at the end-of-archive blocks */
    d[n - 8] ^= 1;
    ck_assert_ptr_null(load(d, n, &f, &nf));
    tarb e = { 0 };
    ck_assert_str_eq(load_tar(&e), "no files in chart archive");
    /* a header with a bad checksum */
    tarb h = { 0 };
    entry(&h, "sub/a", '0', "x", 1, 1);
    h.p[0] ^= 1;
    ck_assert_str_eq(load_tar(&h), "archive/tar: invalid tar header");
}
END_TEST

Suite *archive_suite(void)
{
    Suite *s = suite_create("archive");
    TCase *t = tcase_create("archive");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, files_lose_the_chart_directory_and_their_byte_order_mark);
    tcase_add_test(t, hostile_paths_are_refused_with_helms_texts);
    tcase_add_test(t, size_limits_are_checked_before_reading);
    tcase_add_test(t, damaged_streams_report_gos_errors);
    suite_add_tcase(s, t);
    return s;
}
