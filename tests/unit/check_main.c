/* check_main.c - runs every unit suite (the list is generated from tests/unit/*.c). */
#include <check.h>
#include <stdlib.h>

#define X(name) Suite *name(void);
#include "check_suites.h"
#undef X

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define X(name) srunner_add_suite(sr, name());
#include "check_suites.h"
#undef X
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
