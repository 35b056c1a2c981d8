/* node.h - the template syntax tree, mirroring Go's text/template/parse nodes.
 *
 * Every node records `pos`, the byte offset of its start in the template text (Go's
 * parse.Pos), and `tree`, the tree it was parsed in (for ErrorContext: name + text).
 * node_string() reproduces Go's Node.String(), used in "at <...>" error contexts.
 */
#ifndef SG_NODE_H
#define SG_NODE_H
#include "../value/value.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum sg_nodetype {
    N_TEXT, N_ACTION, N_BOOL, N_CHAIN, N_COMMAND, N_DOT, N_FIELD, N_IDENTIFIER,
    N_IF, N_LIST, N_NIL, N_NUMBER, N_PIPE, N_RANGE, N_STRING, N_TEMPLATE,
    N_VARIABLE, N_WITH, N_COMMENT, N_BREAK, N_CONTINUE,
} sg_nodetype;

typedef struct sg_tree sg_tree;
typedef struct sg_node sg_node;

typedef struct sg_nodelist { sg_node **items; size_t len, cap; } sg_nodelist;

struct sg_node {
    sg_nodetype type;
    size_t pos;          /* byte offset in tree->text */
    sg_tree *tree;
    union {
        struct { const char *text; size_t len; } text;              /* N_TEXT */
        struct { const char *text; } comment;                       /* N_COMMENT */
        struct { sg_node *pipe; } action;                           /* N_ACTION: pipe is N_PIPE */
        struct { bool val; } boolean;                               /* N_BOOL */
        /* N_CHAIN: (node).Field1.Field2 - node is an N_PIPE (parenthesised) or an
         * N_IDENTIFIER (`fn.X`); pos is the first ".Field" (field/variable terms become N_FIELD /
         * N_VARIABLE instead; literals with fields are parse errors) */
        struct { sg_node *node; const char **fields; size_t nfields; } chain;
        struct { sg_nodelist args; } command;                       /* N_COMMAND */
        /* N_FIELD: .A.B.C ; N_VARIABLE: $x.A.B (ident[0] is "$x", or "$").  As in Go,
         * a multi-part one has pos at its SECOND part (".a" in .Values.a.b, ".A" in $x.A):
         * Go rebuilds it from a chain; helm's column 13 in `x: {{ .Values.a.b }}`. */
        struct { const char **ident; size_t nident; } field;
        struct { const char *name; } ident;                         /* N_IDENTIFIER (function) */
        /* N_IF/N_RANGE/N_WITH (Go's BranchNode) */
        struct { sg_node *pipe; sg_node *list; sg_node *else_list; } branch;
        sg_nodelist list;                                           /* N_LIST */
        /* N_NUMBER: Go's NumberNode - which interpretations are valid, filled exactly as
         * Go's newNumber (text is the literal as written: "0x1F", "'a'", "1e6", "-0") */
        struct {
            bool is_int, is_uint, is_float, is_complex;
            int64_t i; uint64_t u; double f;
            const char *text;
            double cre, cim;  /* complex value when is_complex (added) */
        } number;
        /* N_PIPE: decl are N_VARIABLE nodes; is_assign for `=` */
        struct { bool is_assign; sg_nodelist decl; sg_nodelist cmds; } pipe;
        struct { const char *quoted; const char *text; size_t len; } string; /* N_STRING */
        struct { const char *name; sg_node *pipe; } tmpl;           /* N_TEMPLATE: pipe may be NULL */
    } u;
};

/* One parsed template (Go's parse.Tree): a name, the full text, and the root list. */
struct sg_tree {
    const char *name;       /* template name (define name or file name) */
    const char *parse_name; /* name of the top-level template being parsed (for errors) */
    const char *text;       /* the complete source text the positions refer to */
    size_t textlen;
    sg_node *root;          /* N_LIST */
};

/* Append to a node list (arena-allocated). */
void nodelist_push(sg_nodelist *l, sg_node *n);
/* Go's Node.String() of n, as an arena string. */
const char *node_string(const sg_node *n);

#endif
