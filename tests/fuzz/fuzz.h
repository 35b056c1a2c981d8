/* fuzz.h - shared harness of the fuzz targets (libFuzzer entry point, and the gcc
 * replayer in replay.c): each case runs in a fresh arena with small limits, and any
 * thrown error is an ordinary outcome - only crashes, sanitizer reports, leaks and hangs
 * are findings. */
#ifndef SG_FUZZ_H
#define SG_FUZZ_H
#include "../../src/base/arena.h"
#include "../../src/base/err.h"
#include "../../src/base/limits.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The body of one target: gets a NUL-terminated copy of the input. */
void fuzz_one(const char *text, size_t len);

#define FUZZ_MAIN                                                                   \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)                    \
    {                                                                               \
        if (size > 64 * 1024) return 0;                                             \
        arena_push();                                                               \
        arena_set_limit((size_t)256 << 20);                                         \
        sg_limit.max_iterations = 200000;                                           \
        sg_limit.iterations = 0;                                                    \
        sg_limit.max_string = (size_t)16 << 20;                                     \
        sg_limit.max_output = (size_t)16 << 20;                                     \
        char *text = sg_strndup((const char *)data, size);                          \
        sg_catch c;                                                                 \
        if (SG_TRY(&c)) {                                                           \
            fuzz_one(text, size);                                                   \
            catch_pop(&c);                                                          \
        } else {                                                                    \
            catch_pop(&c);                                                          \
        }                                                                           \
        arena_pop();                                                                \
        return 0;                                                                   \
    }

#endif
