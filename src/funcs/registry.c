/* registry.c - the sorted function table and its lookup (see exec/functab.h). */
#include "../exec/functab.h"
#include <stdlib.h>
#include <string.h>

#define FN(name, fn, sig, flags) sg_value fn(sg_fcall *, int, sg_value *);
#include "funcs_go.def"
#include "funcs_helm.def"
#include "funcs_string.def"
#include "funcs_sprig.def"
#include "funcs_ext.def"
#include "funcs_pki.def"
#undef FN

static sg_funcdef table[] = {
#define FN(name, fn, sig, flags) { name, fn, sig, flags },
#include "funcs_go.def"
#include "funcs_helm.def"
#include "funcs_string.def"
#include "funcs_sprig.def"
#include "funcs_ext.def"
#include "funcs_pki.def"
#undef FN
};
static const size_t ntable = sizeof table / sizeof table[0];
static int sorted;

static int cmp(const void *a, const void *b)
{
    return strcmp(((const sg_funcdef *)a)->name, ((const sg_funcdef *)b)->name);
}

static void ensure_sorted(void)
{
    if (!sorted) {
        qsort(table, ntable, sizeof table[0], cmp);
        sorted = 1;
    }
}

const sg_funcdef *fn_lookup(const char *name)
{
    ensure_sorted();
    sg_funcdef key = { .name = name };
    const sg_funcdef *f = bsearch(&key, table, ntable, sizeof table[0], cmp);
    if (f && (f->flags & FN_V4ONLY) && sg_helm_major < 4) return NULL;
    return f;
}

bool fn_exists(const char *name) { return fn_lookup(name) != NULL; }

const sg_funcdef *fn_table(size_t *n)
{
    ensure_sorted();
    *n = ntable;
    return table;
}
