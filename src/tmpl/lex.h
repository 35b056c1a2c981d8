/* lex.h - the template lexer: Go's text/template/parse lexer (lex.go, Go 1.25), as a pull
 * scanner over a byte buffer.
 *
 * Items carry the byte offset and the 1-based line where they start, exactly as Go's
 * item{typ, pos, val, line}.  Trim markers ("{{- ", " -}}") and comments are handled here,
 * so the parser never sees them.  A lexing error is returned as an ITEM_ERROR item whose
 * val is Go's message ("unclosed action", "bad number syntax: \"1x\"" ...); after it the
 * lexer only returns ITEM_EOF.
 */
#ifndef SG_LEX_H
#define SG_LEX_H
#include "../base/buf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Same order as Go's itemType: keywords come after ITEM_KEYWORD. */
typedef enum sg_itemtype {
    ITEM_ERROR, ITEM_BOOL, ITEM_CHAR, ITEM_CHAR_CONSTANT, ITEM_COMMENT, ITEM_COMPLEX,
    ITEM_ASSIGN, ITEM_DECLARE, ITEM_EOF, ITEM_FIELD, ITEM_IDENTIFIER, ITEM_LEFT_DELIM,
    ITEM_LEFT_PAREN, ITEM_NUMBER, ITEM_PIPE, ITEM_RAW_STRING, ITEM_RIGHT_DELIM,
    ITEM_RIGHT_PAREN, ITEM_SPACE, ITEM_STRING, ITEM_TEXT, ITEM_VARIABLE,
    ITEM_KEYWORD, /* delimits the keywords */
    ITEM_BLOCK, ITEM_BREAK, ITEM_CONTINUE, ITEM_DOT, ITEM_DEFINE, ITEM_ELSE, ITEM_END,
    ITEM_IF, ITEM_NIL, ITEM_RANGE, ITEM_TEMPLATE, ITEM_WITH,
} sg_itemtype;

typedef struct sg_item {
    sg_itemtype type;
    size_t pos;        /* byte offset of the item's start in the input */
    const char *val;   /* the item's text (points into the input), or the error message */
    size_t len;        /* length of val */
    int line;          /* 1-based line at the item's start */
} sg_item;

typedef struct sg_lexer {
    const char *input;
    size_t len;          /* set to 0 after an error, as Go truncates its input */
    size_t pos, start;
    bool at_eof;
    bool inside_action;
    int paren_depth;
    int line, start_line;
    sg_item item;        /* item being returned */
    /* options (Go's lexOptions) */
    bool emit_comment;   /* return ITEM_COMMENT items */
    bool break_ok;       /* "break" is a keyword (no function named break) */
    bool continue_ok;    /* "continue" is a keyword */
} sg_lexer;

/* Start scanning input[0..len).  Options default to: no comments, break/continue allowed. */
void lex_init(sg_lexer *l, const char *input, size_t len);
/* The next item.  Never fails: errors come back as ITEM_ERROR items. */
sg_item lex_next(sg_lexer *l);
/* Go's item.String(): EOF, the error text, <keyword>, "quoted" or "first10ch"... (arena). */
const char *lex_item_string(const sg_item *it);

/* --- Go helpers shared by the parser and node printer --- */

/* strconv.Quote(s): Go double-quoted form, printable Unicode kept, \x for bad UTF-8
 * (value/gofmt's gofmt_quote). */
void lex_quote(sg_buf *b, const char *s, size_t n);
/* utf8.DecodeRuneInString: rune at s (n > 0 bytes), width in *w; bad UTF-8 -> U+FFFD, 1. */
int32_t lex_decode_rune(const char *s, size_t n, int *w);
/* unicode.IsLetter / unicode.IsDigit / strconv.IsPrint (gofmt_isprint) for any rune. */
bool lex_is_letter(int32_t r);
bool lex_is_digit(int32_t r);
bool lex_is_print(int32_t r);

#endif
