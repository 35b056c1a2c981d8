/* gounicode.c - Go's unicode classes and case mapping from a generated run table. */
#include "gounicode.h"
#include <stddef.h>

struct uni_run {
    uint32_t lo, hi;
    int flags;
    int32_t du, dl, dt;
};

#include "gounicode_tab.h"

enum { F_UPPER = 1, F_LOWER = 2, F_TITLE = 4, F_LETTER = 8, F_NUMBER = 16, F_DIGIT = 32, F_PUNCT = 64, F_SPACE = 128 };

static const struct uni_run *find(int32_t r)
{
    if (r < 0 || r > 0x10FFFF) return NULL;
    size_t lo = 0, hi = sizeof uni_runs / sizeof uni_runs[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((uint32_t)r < uni_runs[mid].lo) hi = mid;
        else if ((uint32_t)r > uni_runs[mid].hi) lo = mid + 1;
        else return &uni_runs[mid];
    }
    return NULL;
}

static bool has(int32_t r, int flag)
{
    const struct uni_run *e = find(r);
    return e && (e->flags & flag);
}

bool gouni_isupper(int32_t r) { return has(r, F_UPPER); }
bool gouni_islower(int32_t r) { return has(r, F_LOWER); }
bool gouni_istitle(int32_t r) { return has(r, F_TITLE); }
bool gouni_isletter(int32_t r) { return has(r, F_LETTER); }
bool gouni_isnumber(int32_t r) { return has(r, F_NUMBER); }
bool gouni_isdigit(int32_t r) { return has(r, F_DIGIT); }
bool gouni_ispunct(int32_t r) { return has(r, F_PUNCT); }
bool gouni_isspace(int32_t r) { return has(r, F_SPACE); }

int32_t gouni_toupper(int32_t r) { const struct uni_run *e = find(r); return e ? r + e->du : r; }
int32_t gouni_tolower(int32_t r) { const struct uni_run *e = find(r); return e ? r + e->dl : r; }
int32_t gouni_totitle(int32_t r) { const struct uni_run *e = find(r); return e ? r + e->dt : r; }
