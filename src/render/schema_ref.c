/* schema_ref.c - $ref resolution inside one schema document (see schema_ref.h). */
#include "schema_ref.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include <string.h>

/* ---------------------------------------------------------------- URLs */

typedef struct url {
    const char *scheme, *host, *path, *query, *frag, *opaque;
    bool has_auth, has_query;
} url;

static const char *sub(const char *s, size_t n) { return sg_strndup(s, n); }

static url url_parse(const char *s)
{
    url u = { "", "", "", "", "", "", false, false };
    const char *h = strchr(s, '#');
    if (h) { u.frag = h + 1; s = sub(s, (size_t)(h - s)); }
    size_t i = 0;
    for (; s[i]; i++) {
        char c = s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) continue;
        if (((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') && i) continue;
        break;
    }
    if (i && s[i] == ':') { /* net/url lowercases the scheme */
        char *sc = sg_strndup(s, i);
        for (char *p = sc; *p; p++)
            if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
        u.scheme = sc;
        s += i + 1;
    }
    const char *q = strchr(s, '?');
    if (q) { u.query = q + 1; u.has_query = true; s = sub(s, (size_t)(q - s)); }
    if (*u.scheme && *s != '/') { u.opaque = s; return u; }
    if ((*u.scheme || strncmp(s, "///", 3)) && !strncmp(s, "//", 2)) {
        s += 2;
        const char *sl = strchr(s, '/');
        size_t n = sl ? (size_t)(sl - s) : strlen(s);
        u.host = sub(s, n);
        u.has_auth = true;
        s += n;
    }
    u.path = s;
    return u;
}

/* url.resolvePath */
static const char *resolve_path(const char *base, const char *ref)
{
    const char *full;
    if (!*ref) full = base;
    else if (*ref != '/') {
        const char *sl = strrchr(base, '/');
        full = sg_sprintf("%.*s%s", sl ? (int)(sl - base + 1) : 0, base, ref);
    } else full = ref;
    if (!*full) return "";
    sg_buf dst;
    buf_init(&dst);
    buf_putc(&dst, '/');
    bool first = true, found = true;
    const char *rem = full, *elem = "";
    size_t elen = 0;
    while (found) {
        const char *sl = strchr(rem, '/');
        elem = rem;
        elen = sl ? (size_t)(sl - rem) : strlen(rem);
        found = sl != NULL;
        rem = sl ? sl + 1 : rem + elen;
        if (elen == 1 && elem[0] == '.') { first = false; continue; }
        if (elen == 2 && elem[0] == '.' && elem[1] == '.') {
            const char *str = dst.p + 1;
            const char *last = strrchr(str, '/');
            const char *keep = last ? sub(str, (size_t)(last - str)) : NULL;
            buf_init(&dst);
            buf_putc(&dst, '/');
            if (!keep) first = true;
            else buf_puts(&dst, keep);
        } else {
            if (!first) buf_putc(&dst, '/');
            buf_put(&dst, elem, elen);
            first = false;
        }
    }
    if ((elen == 1 && elem[0] == '.') || (elen == 2 && elem[0] == '.' && elem[1] == '.')) buf_putc(&dst, '/');
    const char *r = dst.p;
    if (strlen(r) > 1 && r[1] == '/') r++;
    return r;
}

static const char *url_string(const url *u)
{
    sg_buf b;
    buf_init(&b);
    if (*u->scheme) buf_printf(&b, "%s:", u->scheme);
    if (*u->opaque) buf_puts(&b, u->opaque);
    else {
        if (*u->scheme || *u->host || u->has_auth) {
            buf_puts(&b, "//");
            buf_puts(&b, u->host);
        }
        if (*u->path && u->path[0] != '/' && *u->host) buf_putc(&b, '/');
        buf_puts(&b, u->path);
    }
    if (u->has_query) buf_printf(&b, "?%s", u->query);
    if (*u->frag) buf_printf(&b, "#%s", u->frag);
    return b.p;
}

const char *schema_url_resolve(const char *base, const char *ref)
{
    url b = url_parse(base), r = url_parse(ref), o = r;
    if (!*r.scheme) o.scheme = b.scheme;
    if (*r.scheme || r.has_auth) {
        o.path = resolve_path(r.path, "");
        return url_string(&o);
    }
    if (*r.opaque) return url_string(&o);
    if (!*r.path && !r.has_query) {
        o.query = b.query;
        o.has_query = b.has_query;
        if (!*r.frag) o.frag = b.frag;
    }
    if (!*r.path && *b.opaque) {
        o.opaque = b.opaque;
        return url_string(&o);
    }
    o.host = b.host;
    o.has_auth = b.has_auth;
    o.path = resolve_path(b.path, r.path);
    return url_string(&o);
}

/* santhosh's url.join: ResolveReference, but a relative reference keeps an opaque
 * base's opaque part (golang/go#66084: "other" against "urn:root" is "urn:root"). */
static const char *join4(const char *base, const char *ref)
{
    const char *res = schema_url_resolve(base, ref);
    url b = url_parse(base), r = url_parse(ref);
    if (*r.scheme || !*b.opaque) return res;
    url o = url_parse(res);
    o.opaque = b.opaque;
    return url_string(&o);
}

/* ---------------------------------------------------------------- the walk */

typedef struct ent { const char *key; sg_value node; const void *map; } ent;

struct schema_refs {
    ent *docs;    /* URI (with a fragment for anchors) -> subschema */
    size_t ndocs, capdocs;
    ent *refs;    /* map node -> absolute $ref */
    size_t nrefs, caprefs;
    ent *locs;    /* map node -> its JSON pointer in the document */
    size_t nlocs, caplocs;
    int draft;
    bool v3;
};

static void push(ent **v, size_t *n, size_t *cap, ent e)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        *v = sg_realloc(*v, *cap * sizeof **v, nc * sizeof **v);
        *cap = nc;
    }
    (*v)[(*n)++] = e;
}

static const char *strip_frag(const char *u)
{
    const char *h = strchr(u, '#');
    return h ? sub(u, (size_t)(h - u)) : u;
}

/* loc + "/" + the escaped token */
static const char *loc_child(const char *loc, const char *tok)
{
    sg_buf b;
    buf_init(&b);
    buf_puts(&b, loc);
    buf_putc(&b, '/');
    for (const char *p = tok; *p; p++) {
        if (*p == '~') buf_puts(&b, "~0");
        else if (*p == '/') buf_puts(&b, "~1");
        else buf_putc(&b, *p);
    }
    return b.p;
}

static void walk(schema_refs *r, sg_value v, const char *base, const char *loc)
{
    if (v.kind == VK_LIST) {
        for (size_t i = 0; i < list_len(v); i++) walk(r, list_get(v, i), base, loc_child(loc, sg_sprintf("%zu", i)));
        return;
    }
    if (v.kind != VK_MAP) return;
    push(&r->locs, &r->nlocs, &r->caplocs, (ent){ loc, v, v.u.m });
    sg_value id;
    const char *idkw = r->v3 ? (map_get(v, "id", NULL) ? "id" : "$id") : r->draft == 4 ? "id" : "$id";
    if (map_get(v, idkw, &id) && id.kind == VK_STRING) {
        const char *abs = r->v3 ? schema_url_resolve(base, id.u.s.p) : join4(base, id.u.s.p);
        push(&r->docs, &r->ndocs, &r->capdocs, (ent){ abs, v, NULL });
        /* santhosh: an "$id" with a plain-name fragment is an anchor in its base */
        if (!r->v3) base = strip_frag(abs);
        else base = abs;
    }
    sg_value anchor;
    if (!r->v3 && r->draft >= 2019 && map_get(v, "$anchor", &anchor) && anchor.kind == VK_STRING)
        push(&r->docs, &r->ndocs, &r->capdocs, (ent){ sg_sprintf("%s#%s", strip_frag(base), anchor.u.s.p), v, NULL });
    sg_value ref;
    if (map_get(v, "$ref", &ref) && ref.kind == VK_STRING)
        push(&r->refs, &r->nrefs, &r->caprefs, (ent){ r->v3 ? schema_url_resolve(base, ref.u.s.p) : join4(base, ref.u.s.p), v, v.u.m });
    for (size_t it = 0;;) {
        sg_mapent *e;
        if (!map_next(v, &it, &e)) break;
        if (!strcmp(e->key, "const") || !strcmp(e->key, "enum")) continue;
        if (!r->v3 && (!strcmp(e->key, "default") || !strcmp(e->key, "examples"))) continue;
        if ((!strcmp(e->key, "properties") || !strcmp(e->key, "dependencies") || !strcmp(e->key, "patternProperties") ||
             (!r->v3 && (!strcmp(e->key, "$defs") || !strcmp(e->key, "definitions") || !strcmp(e->key, "dependentSchemas")))) &&
            e->val.kind == VK_MAP) {
            for (size_t jt = 0;;) {
                sg_mapent *f;
                if (!map_next(e->val, &jt, &f)) break;
                walk(r, f->val, base, loc_child(loc_child(loc, e->key), f->key));
            }
        } else
            walk(r, e->val, base, loc_child(loc, e->key));
    }
}

schema_refs *schema_refs_build(sg_value root, const char *root_base, int draft, bool v3)
{
    schema_refs *r = sg_alloc(sizeof *r);
    memset(r, 0, sizeof *r);
    r->draft = draft;
    r->v3 = v3;
    push(&r->docs, &r->ndocs, &r->capdocs, (ent){ root_base, root, NULL });
    walk(r, root, root_base, "");
    return r;
}

const char *schema_refs_abs(const schema_refs *r, sg_value node)
{
    if (node.kind != VK_MAP) return NULL;
    for (size_t i = 0; i < r->nrefs; i++)
        if (r->refs[i].map == node.u.m) return r->refs[i].key;
    return NULL;
}

bool schema_refs_lookup(const schema_refs *r, const char *abs, sg_value *doc, const char **frag)
{
    for (size_t i = 0; i < r->ndocs; i++)
        if (!strcmp(r->docs[i].key, abs)) { *doc = r->docs[i].node; *frag = NULL; return true; }
    const char *h = strchr(abs, '#');
    const char *base = h ? sub(abs, (size_t)(h - abs)) : abs;
    for (size_t i = 0; i < r->ndocs; i++)
        if (!strcmp(r->docs[i].key, base)) { *doc = r->docs[i].node; *frag = h ? h + 1 : ""; return true; }
    return false;
}

const char *schema_refs_location(const schema_refs *r, sg_value node)
{
    if (node.kind != VK_MAP) return NULL;
    for (size_t i = 0; i < r->nlocs; i++)
        if (r->locs[i].map == node.u.m) return r->locs[i].key;
    return NULL;
}
