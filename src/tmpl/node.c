/* node.c - syntax tree helpers: node lists and Go's Node.String() (node.go writeTo). */
#include "node.h"
#include "lex.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include <string.h>

void nodelist_push(sg_nodelist *l, sg_node *n)
{
    if (l->len == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 4;
        l->items = sg_realloc(l->items, l->cap * sizeof *l->items, nc * sizeof *l->items);
        l->cap = nc;
    }
    l->items[l->len++] = n;
}

static void write_node(sg_buf *b, const sg_node *n);

static void write_pipe(sg_buf *b, const sg_node *p)
{
    if (p->u.pipe.decl.len > 0) {
        for (size_t i = 0; i < p->u.pipe.decl.len; i++) {
            if (i > 0) buf_puts(b, ", ");
            write_node(b, p->u.pipe.decl.items[i]);
        }
        buf_puts(b, p->u.pipe.is_assign ? " = " : " := ");
    }
    for (size_t i = 0; i < p->u.pipe.cmds.len; i++) {
        if (i > 0) buf_puts(b, " | ");
        write_node(b, p->u.pipe.cmds.items[i]);
    }
}

static void write_list(sg_buf *b, const sg_node *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->u.list.len; i++) write_node(b, l->u.list.items[i]);
}

static void write_node(sg_buf *b, const sg_node *n)
{
    if (!n) return;
    switch (n->type) {
    case N_TEXT: buf_put(b, n->u.text.text, n->u.text.len); break;
    case N_COMMENT: buf_puts(b, "{{"); buf_puts(b, n->u.comment.text); buf_puts(b, "}}"); break;
    case N_ACTION: buf_puts(b, "{{"); write_pipe(b, n->u.action.pipe); buf_puts(b, "}}"); break;
    case N_BOOL: buf_puts(b, n->u.boolean.val ? "true" : "false"); break;
    case N_CHAIN:
        if (n->u.chain.node && n->u.chain.node->type == N_PIPE) {
            buf_putc(b, '(');
            write_pipe(b, n->u.chain.node);
            buf_putc(b, ')');
        } else {
            write_node(b, n->u.chain.node);
        }
        for (size_t i = 0; i < n->u.chain.nfields; i++) {
            buf_putc(b, '.');
            buf_puts(b, n->u.chain.fields[i]);
        }
        break;
    case N_COMMAND:
        for (size_t i = 0; i < n->u.command.args.len; i++) {
            const sg_node *a = n->u.command.args.items[i];
            if (i > 0) buf_putc(b, ' ');
            if (a->type == N_PIPE) {
                buf_putc(b, '(');
                write_pipe(b, a);
                buf_putc(b, ')');
                continue;
            }
            write_node(b, a);
        }
        break;
    case N_DOT: buf_putc(b, '.'); break;
    case N_FIELD:
        for (size_t i = 0; i < n->u.field.nident; i++) {
            buf_putc(b, '.');
            buf_puts(b, n->u.field.ident[i]);
        }
        break;
    case N_VARIABLE:
        for (size_t i = 0; i < n->u.field.nident; i++) {
            if (i > 0) buf_putc(b, '.');
            buf_puts(b, n->u.field.ident[i]);
        }
        break;
    case N_IDENTIFIER: buf_puts(b, n->u.ident.name); break;
    case N_IF: case N_RANGE: case N_WITH:
        buf_puts(b, n->type == N_IF ? "{{if " : n->type == N_RANGE ? "{{range " : "{{with ");
        write_pipe(b, n->u.branch.pipe);
        buf_puts(b, "}}");
        write_list(b, n->u.branch.list);
        if (n->u.branch.else_list) {
            buf_puts(b, "{{else}}");
            write_list(b, n->u.branch.else_list);
        }
        buf_puts(b, "{{end}}");
        break;
    case N_LIST: write_list(b, n); break;
    case N_NIL: buf_puts(b, "nil"); break;
    case N_NUMBER: buf_puts(b, n->u.number.text); break;
    case N_PIPE: write_pipe(b, n); break;
    case N_STRING: buf_puts(b, n->u.string.quoted); break;
    case N_TEMPLATE:
        buf_puts(b, "{{template ");
        lex_quote(b, n->u.tmpl.name, strlen(n->u.tmpl.name));
        if (n->u.tmpl.pipe) {
            buf_putc(b, ' ');
            write_pipe(b, n->u.tmpl.pipe);
        }
        buf_puts(b, "}}");
        break;
    case N_BREAK: buf_puts(b, "{{break}}"); break;
    case N_CONTINUE: buf_puts(b, "{{continue}}"); break;
    }
}

const char *node_string(const sg_node *n)
{
    sg_buf b;
    buf_init(&b);
    write_node(&b, n);
    return b.p;
}
