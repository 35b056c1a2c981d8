/* parse.h - text/template parser (mirrors Go's text/template/parse) and template sets.
 *
 * A template set maps names to trees, as Go's *template.Template "common" does.  Parsing a
 * text adds a tree under its own name plus one per {{define}}/{{block}}; redefinition
 * follows Go's AddParseTree rules (a non-empty new tree replaces; an empty one does not
 * replace a non-empty one).
 *
 * Errors are thrown as SG_ERR_PARSE with Go's exact message, e.g.
 *   tmpl = "c/templates/a.yaml", loc = "c/templates/a.yaml:3",
 *   msg  = "function \"y\" not defined"
 * which Go prints as "template: c/templates/a.yaml:3: function \"y\" not defined".
 */
#ifndef SG_PARSE_H
#define SG_PARSE_H
#include "node.h"
#include <stdbool.h>

typedef struct sg_tset sg_tset;

sg_tset *tset_new(void);
/* The tree named `name`, or NULL. */
sg_tree *tset_get(sg_tset *set, const char *name);
/* Add or replace (Go AddParseTree semantics) a tree. */
void tset_add(sg_tset *set, sg_tree *t);
/* Names in the set (arena array), for debugging/tests. */
const char **tset_names(sg_tset *set, size_t *n);
/* Store t under t->name unconditionally (no AddParseTree rule; added for the parser). */
void tset_put(sg_tset *set, sg_tree *t);

/* Parse `text` (len bytes, need not be NUL-terminated) as template `name` into `set`.
 * `has_func(name)` says whether a function exists (Go checks at parse time:
 * `function "x" not defined`).  Returns the top-level tree.  Throws SG_ERR_PARSE. */
sg_tree *parse_template(sg_tset *set, const char *name, const char *text, size_t len,
                        bool (*has_func)(const char *name));

/* Go's parse.IsEmptyTree: n (a list) holds nothing but space-only text and comments. */
bool parse_is_empty_tree(const sg_node *n);

/* Nesting guards, all giving the parse error "max expression depth exceeded":
 * parenthesised pipelines nested deeper than Go's maxStackDepth (10000, as Go);
 * if/with/range/block nested deeper than PARSE_MAX_NEST_DEPTH (ours: Go has no limit but
 * overflows its 1GB stack near a million); and, as a last resort, a C stack budget.
 * So a tree never nests control nodes deeper than PARSE_MAX_NEST_DEPTH. */
#define PARSE_MAX_PAREN_DEPTH 10000
#define PARSE_MAX_NEST_DEPTH 10000

#endif
