/* tset.c - template sets: name -> tree, with Go's AddParseTree/associate replacement rule.
 * Open addressing over an insertion-ordered array of entries (names keep first-seen order). */
#include "parse.h"
#include "../base/arena.h"
#include <string.h>

typedef struct entry { const char *name; sg_tree *tree; } entry;

struct sg_tset {
    entry *ents;       /* insertion order */
    size_t n, cap;
    size_t *slots;     /* index+1 into ents, 0 = empty */
    size_t nslots;     /* power of two */
};

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

sg_tset *tset_new(void)
{
    sg_tset *s = sg_alloc(sizeof *s);
    s->nslots = 16;
    s->slots = sg_alloc(s->nslots * sizeof *s->slots);
    return s;
}

static size_t *find_slot(sg_tset *s, const char *name)
{
    size_t mask = s->nslots - 1, i = hash(name) & mask;
    for (;;) {
        size_t *sl = &s->slots[i];
        if (*sl == 0 || strcmp(s->ents[*sl - 1].name, name) == 0) return sl;
        i = (i + 1) & mask;
    }
}

static void grow(sg_tset *s)
{
    s->nslots *= 2;
    s->slots = sg_alloc(s->nslots * sizeof *s->slots);
    for (size_t k = 0; k < s->n; k++) *find_slot(s, s->ents[k].name) = k + 1;
}

sg_tree *tset_get(sg_tset *set, const char *name)
{
    size_t *sl = find_slot(set, name);
    return *sl ? set->ents[*sl - 1].tree : NULL;
}

void tset_put(sg_tset *set, sg_tree *t)
{
    size_t *sl = find_slot(set, t->name);
    if (*sl) {
        set->ents[*sl - 1].tree = t;
        return;
    }
    if (set->n == set->cap) {
        size_t nc = set->cap ? set->cap * 2 : 8;
        set->ents = sg_realloc(set->ents, set->cap * sizeof *set->ents, nc * sizeof *set->ents);
        set->cap = nc;
    }
    set->ents[set->n] = (entry){ t->name, t };
    *sl = ++set->n;
    if (set->n * 2 > set->nslots) grow(set);
}

void tset_add(sg_tset *set, sg_tree *t)
{
    /* Go's associate: an existing template is not replaced by an empty tree. */
    if (tset_get(set, t->name) && parse_is_empty_tree(t->root)) return;
    tset_put(set, t);
}

const char **tset_names(sg_tset *set, size_t *n)
{
    const char **v = sg_alloc((set->n ? set->n : 1) * sizeof *v);
    for (size_t k = 0; k < set->n; k++) v[k] = set->ents[k].name;
    *n = set->n;
    return v;
}
