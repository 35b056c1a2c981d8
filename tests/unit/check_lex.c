/* check_lex.c - unit tests of the template lexer (src/tmpl/lex.c): tokens, positions and
 * lines, trim markers, comments, literals, Go's error items and item/quote printing. */
#include <check.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/tmpl/lex.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

/* All items of s as "TYPE:val@pos/line" joined by spaces (EOF ends the list). */
static const char *const tnames[] = {
    "ERROR", "BOOL", "CHAR", "CHARCONST", "COMMENT", "COMPLEX", "ASSIGN", "DECLARE", "EOF",
    "FIELD", "IDENT", "LEFT", "LPAREN", "NUMBER", "PIPE", "RAW", "RIGHT", "RPAREN", "SPACE",
    "STRING", "TEXT", "VAR", "KEYWORD", "BLOCK", "BREAK", "CONTINUE", "DOT", "DEFINE", "ELSE",
    "END", "IF", "NIL", "RANGE", "TEMPLATE", "WITH",
};

static const char *lexall(const char *s, bool comments)
{
    sg_lexer l;
    lex_init(&l, s, strlen(s));
    l.emit_comment = comments;
    sg_buf b;
    buf_init(&b);
    for (int guard = 0; guard < 1000; guard++) {
        sg_item it = lex_next(&l);
        if (b.len) buf_putc(&b, ' ');
        buf_printf(&b, "%s:%.*s@%zu/%d", tnames[it.type], (int)it.len, it.val, it.pos, it.line);
        if (it.type == ITEM_EOF || it.type == ITEM_ERROR) break;
    }
    return b.p;
}

START_TEST(t_simple_action_gives_go_tokens_with_offsets)
{
    ck_assert_str_eq(lexall("x: {{ .Values.a.b | quote }}", false),
                     "TEXT:x: @0/1 LEFT:{{@3/1 SPACE: @5/1 FIELD:.Values@6/1 FIELD:.a@13/1 "
                     "FIELD:.b@15/1 SPACE: @17/1 PIPE:|@18/1 SPACE: @19/1 IDENT:quote@20/1 "
                     "SPACE: @25/1 RIGHT:}}@26/1 EOF:@28/1");
}
END_TEST

START_TEST(t_trim_markers_eat_surrounding_space)
{
    ck_assert_str_eq(lexall("a \n {{- 3 -}} \n b", false),
                     "TEXT:a@0/1 LEFT:{{@4/2 NUMBER:3@8/2 RIGHT:}}@11/2 TEXT:b@16/3 EOF:@17/3");
}
END_TEST

START_TEST(t_minus_without_space_is_a_number)
{
    ck_assert_str_eq(lexall("{{-3}}", false), "LEFT:{{@0/1 NUMBER:-3@2/1 RIGHT:}}@4/1 EOF:@6/1");
    ck_assert_str_eq(lexall("{{.a-}}", false),
                     "LEFT:{{@0/1 ERROR:bad character U+002D '-'@2/1");
}
END_TEST

START_TEST(t_comments_are_skipped_or_emitted)
{
    ck_assert_str_eq(lexall("a {{/* c */}} b", false), "TEXT:a @0/1 TEXT: b@13/1 EOF:@15/1");
    ck_assert_str_eq(lexall("a {{- /* c */ -}} b", false), "TEXT:a@0/1 TEXT:b@18/1 EOF:@19/1");
    ck_assert_str_eq(lexall("{{/* c */}}", true), "COMMENT:/* c */@2/1 EOF:@11/1");
    ck_assert_str_eq(lexall("{{/* c */ x}}", false),
                     "ERROR:comment ends before closing delimiter@2/1");
    ck_assert_str_eq(lexall("{{/* c", false), "ERROR:unclosed comment@2/1");
    /* a comment must follow the delimiter directly */
    ck_assert_str_eq(lexall("{{ /* c */ }}", false),
                     "LEFT:{{@0/1 SPACE: @2/1 CHAR:/@3/1 CHAR:*@4/1 SPACE: @5/1 IDENT:c@6/1 "
                     "SPACE: @7/1 CHAR:*@8/1 CHAR:/@9/1 SPACE: @10/1 RIGHT:}}@11/1 EOF:@13/1");
}
END_TEST

START_TEST(t_literals_and_keywords)
{
    ck_assert_str_eq(lexall("{{\"a\\\"b\" `r\nx` 'c' '\\n' 0x1F 1_000 1e-3 0x1p-2 2i 1+2i true nil}}", false),
                     "LEFT:{{@0/1 STRING:\"a\\\"b\"@2/1 SPACE: @8/1 RAW:`r\nx`@9/1 SPACE: @14/2 "
                     "CHARCONST:'c'@15/2 SPACE: @18/2 CHARCONST:'\\n'@19/2 SPACE: @23/2 "
                     "NUMBER:0x1F@24/2 SPACE: @28/2 NUMBER:1_000@29/2 SPACE: @34/2 NUMBER:1e-3@35/2 "
                     "SPACE: @39/2 NUMBER:0x1p-2@40/2 SPACE: @46/2 NUMBER:2i@47/2 SPACE: @49/2 "
                     "COMPLEX:1+2i@50/2 SPACE: @54/2 BOOL:true@55/2 SPACE: @59/2 NIL:nil@60/2 "
                     "RIGHT:}}@63/2 EOF:@65/2");
    ck_assert_str_eq(lexall("{{if else end range with define block template break continue $ $x := = ( ) ,}}", false),
                     "LEFT:{{@0/1 IF:if@2/1 SPACE: @4/1 ELSE:else@5/1 SPACE: @9/1 END:end@10/1 "
                     "SPACE: @13/1 RANGE:range@14/1 SPACE: @19/1 WITH:with@20/1 SPACE: @24/1 "
                     "DEFINE:define@25/1 SPACE: @31/1 BLOCK:block@32/1 SPACE: @37/1 "
                     "TEMPLATE:template@38/1 SPACE: @46/1 BREAK:break@47/1 SPACE: @52/1 "
                     "CONTINUE:continue@53/1 SPACE: @61/1 VAR:$@62/1 SPACE: @63/1 VAR:$x@64/1 "
                     "SPACE: @66/1 DECLARE::=@67/1 SPACE: @69/1 ASSIGN:=@70/1 SPACE: @71/1 "
                     "LPAREN:(@72/1 SPACE: @73/1 RPAREN:)@74/1 SPACE: @75/1 CHAR:,@76/1 "
                     "RIGHT:}}@77/1 EOF:@79/1");
}
END_TEST

START_TEST(t_break_is_an_identifier_when_a_function_has_that_name)
{
    sg_lexer l;
    lex_init(&l, "{{break}}", 9);
    l.break_ok = false;
    lex_next(&l);
    ck_assert_int_eq(lex_next(&l).type, ITEM_IDENTIFIER);
}
END_TEST

START_TEST(t_lexing_errors_are_go_messages)
{
    ck_assert_str_eq(lexall("{{ .a", false), "LEFT:{{@0/1 SPACE: @2/1 FIELD:.a@3/1 ERROR:unclosed action@5/1");
    ck_assert_str_eq(lexall("{{ `x", false), "LEFT:{{@0/1 SPACE: @2/1 ERROR:unterminated raw quoted string@3/1");
    ck_assert_str_eq(lexall("{{ 'x", false), "LEFT:{{@0/1 SPACE: @2/1 ERROR:unterminated character constant@3/1");
    ck_assert_str_eq(lexall("{{ \"x\n\"}}", false), "LEFT:{{@0/1 SPACE: @2/1 ERROR:unterminated quoted string@3/1");
    ck_assert_str_eq(lexall("{{ 1x }}", false), "LEFT:{{@0/1 SPACE: @2/1 ERROR:bad number syntax: \"1x\"@3/1");
    ck_assert_str_eq(lexall("{{ (1 }}", false),
                     "LEFT:{{@0/1 SPACE: @2/1 LPAREN:(@3/1 NUMBER:1@4/1 SPACE: @5/1 ERROR:unclosed left paren@6/1");
    ck_assert_str_eq(lexall("{{ ) }}", false), "LEFT:{{@0/1 SPACE: @2/1 ERROR:unexpected right paren@3/1");
    ck_assert_str_eq(lexall("{{ :x }}", false), "LEFT:{{@0/1 SPACE: @2/1 ERROR:expected :=@3/1");
    ck_assert_str_eq(lexall("{{ \x01 }}", false),
                     "LEFT:{{@0/1 SPACE: @2/1 ERROR:unrecognized character in action: U+0001@3/1");
    ck_assert_str_eq(lexall("{{ \xe2\x82\xac }}", false),
                     "LEFT:{{@0/1 SPACE: @2/1 ERROR:unrecognized character in action: U+20AC '\xe2\x82\xac'@3/1");
}
END_TEST

START_TEST(t_unicode_letters_make_identifiers)
{
    ck_assert_str_eq(lexall("{{.\xc3\xa9t\xc3\xa9}}", false), "LEFT:{{@0/1 FIELD:.\xc3\xa9t\xc3\xa9@2/1 RIGHT:}}@8/1 EOF:@10/1");
    ck_assert(lex_is_letter(0x4E2D) && !lex_is_letter(0x20AC) && lex_is_digit(0x0663));
    ck_assert(lex_is_print(0xE9) && !lex_is_print(0xAD) && !lex_is_print(0x7F));
}
END_TEST

START_TEST(t_item_strings_follow_go)
{
    sg_item it = { ITEM_STRING, 0, "\"abcdefghijklmnop\"", 18, 1 };
    ck_assert_str_eq(lex_item_string(&it), "\"\\\"abcdefghi\"...");
    sg_item kw = { ITEM_END, 0, "end", 3, 1 };
    ck_assert_str_eq(lex_item_string(&kw), "<end>");
    sg_item eof = { ITEM_EOF, 0, "", 0, 1 };
    ck_assert_str_eq(lex_item_string(&eof), "EOF");
    sg_item rd = { ITEM_RIGHT_DELIM, 0, "}}", 2, 1 };
    ck_assert_str_eq(lex_item_string(&rd), "\"}}\"");
}
END_TEST

START_TEST(t_quote_is_strconv_quote)
{
    sg_buf b;
    buf_init(&b);
    lex_quote(&b, "a\"\\\n\t\x01\x7f\xff\xc3\xa9\xc2\xad\xf0\x9f\x98\x80", 16);
    ck_assert_str_eq(b.p, "\"a\\\"\\\\\\n\\t\\x01\\x7f\\xff\xc3\xa9\\u00ad\xf0\x9f\x98\x80\"");
}
END_TEST

START_TEST(t_line_numbers_count_newlines_everywhere)
{
    ck_assert_str_eq(lexall("a\nb{{\n.x\n}}\nc{{/*\n*/}}{{.y}}", false),
                     "TEXT:a\nb@0/1 LEFT:{{@3/2 SPACE:\n@5/2 FIELD:.x@6/3 SPACE:\n@8/3 RIGHT:}}@9/4 "
                     "TEXT:\nc@11/4 LEFT:{{@22/6 FIELD:.y@24/6 RIGHT:}}@26/6 EOF:@28/6");
}
END_TEST

Suite *lex_suite(void);
Suite *lex_suite(void)
{
    Suite *s = suite_create("lex");
    TCase *tc = tcase_create("lex");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, t_simple_action_gives_go_tokens_with_offsets);
    tcase_add_test(tc, t_trim_markers_eat_surrounding_space);
    tcase_add_test(tc, t_minus_without_space_is_a_number);
    tcase_add_test(tc, t_comments_are_skipped_or_emitted);
    tcase_add_test(tc, t_literals_and_keywords);
    tcase_add_test(tc, t_break_is_an_identifier_when_a_function_has_that_name);
    tcase_add_test(tc, t_lexing_errors_are_go_messages);
    tcase_add_test(tc, t_unicode_letters_make_identifiers);
    tcase_add_test(tc, t_item_strings_follow_go);
    tcase_add_test(tc, t_quote_is_strconv_quote);
    tcase_add_test(tc, t_line_numbers_count_newlines_everywhere);
    suite_add_tcase(s, tc);
    return s;
}
