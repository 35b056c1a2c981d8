/* check_regex.c - unit tests of Go regexp on PCRE2 (regex.c) and Sprig's regex functions
 * (fn_regex.c).  The table's expected outputs were printed by helm v4.1.4 (Sprig v3.3.0,
 * Go 1.25) through `{{ FN args }}`; "ERR: " marks the text after "error calling FN: ". */
#include "ext_harness.h"
#include "../../src/funcs/regex.h"

static void setup(void) { arena_push(); }
static void teardown(void) { arena_pop(); }

static const ext_case cases[] = {
    { "regexFind", { "s(", "sx" }, 2, "ERR: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`" },
    { "mustRegexFind", { "s(", "sx" }, 2, "ERR: error parsing regexp: missing closing ): `(`" },
    { "regexMatch", { "s(", "sx" }, 2, "false" },
    { "mustRegexMatch", { "s(", "sx" }, 2, "ERR: error parsing regexp: missing closing ): `(`" },
    { "regexReplaceAll", { "sa*", "sbaaac", "sx" }, 3, "xbxcx" },
    { "regexFindAll", { "sa*", "sbaaac", "i-1" }, 3, "[ aaa ]" },
    { "regexSplit", { "sa*", "sbaaac", "i-1" }, 3, "[b c]" },
    { "regexSplit", { "s", "sabc", "i-1" }, 3, "[a b c]" },
    { "regexFindAll", { "s(?=a)", "sx", "i-1" }, 3, "ERR: regexp: Compile(`(?=a)`): error parsing regexp: invalid or unsupported Perl syntax: `(?=`" },
    { "regexFindAll", { "s\\1", "sx", "i-1" }, 3, "ERR: regexp: Compile(`\\1`): error parsing regexp: invalid escape sequence: `\\1`" },
    { "regexFind", { "sa{1001}", "sx" }, 2, "ERR: regexp: Compile(`a{1001}`): error parsing regexp: invalid repeat count: `{1001}`" },
    { "regexFind", { "s(a{500}){3}", "sx" }, 2, "ERR: regexp: Compile(`(a{500}){3}`): error parsing regexp: invalid repeat count: `{3}`" },
    { "regexFind", { "sa**", "sx" }, 2, "ERR: regexp: Compile(`a**`): error parsing regexp: invalid nested repetition operator: `**`" },
    { "regexFind", { "s\\Qa.b\\E", "sa.b" }, 2, "a.b" },
    { "regexFind", { "s(?P<1a>x)", "sx" }, 2, "x" },
    { "regexFind", { "sx\\", "sx" }, 2, "ERR: regexp: Compile(`x\\`): error parsing regexp: trailing backslash at end of expression: ``" },
    { "regexQuoteMeta", { "sa.b*c" }, 1, "a\\.b\\*c" },
    { "regexReplaceAll", { "s(?P<n>a)(b)", "sabab", "s[$n $2 ${1}x $1x $$ $3 $ ${n}]" }, 3, "[a b ax  $  $ a][a b ax  $  $ a]" },
    { "regexFind", { "s(?i)\303\237", "s\341\272\236" }, 2, "\341\272\236" },
    { "regexFind", { "s\\p{Old_Italic}", "sx" }, 2, "ERR: regexp: Compile(`\\p{Old_Italic}`): error parsing regexp: invalid character class range: `\\p{Old_Italic}`" },
    { "regexFind", { "s\\p{greek}", "s\316\261" }, 2, "\316\261" },
    { "regexFind", { "s\\p{Greek}", "s\316\261" }, 2, "\316\261" },
    { "regexFind", { "s\\p{Letter}", "s\316\261" }, 2, "\316\261" },
    { "regexFind", { "s\\p{Cn}", "s\316\261" }, 2, "" },
    { "regexFind", { "s\\p{L}+", "s\316\261b1" }, 2, "\316\261b" },
    { "regexFind", { "s\\pL+", "s\316\261b1" }, 2, "\316\261b" },
    { "regexFind", { "s\\p{Lu}", "s\316\261" }, 2, "" },
    { "regexFind", { "s\\p{Any}+", "s\316\261\n" }, 2, "\316\261\n" },
    { "regexFind", { "s\\p{ASCII}+", "sab\n" }, 2, "ab\n" },
    { "regexFind", { "s\\p{Xan}", "sa" }, 2, "ERR: regexp: Compile(`\\p{Xan}`): error parsing regexp: invalid character class range: `\\p{Xan}`" },
    { "regexFind", { "s\\p{Grek}", "sa" }, 2, "ERR: regexp: Compile(`\\p{Grek}`): error parsing regexp: invalid character class range: `\\p{Grek}`" },
    { "regexFindAll", { "s(?m)^", "sa\nb\n", "i-1" }, 3, "[  ]" },
    { "regexFindAll", { "s(?m)$", "sa\nb\n", "i-1" }, 3, "[  ]" },
    { "regexFindAll", { "s$", "sa\n", "i-1" }, 3, "[]" },
    { "regexFindAll", { "s^a", "sa\na", "i-1" }, 3, "[a]" },
    { "regexFindAll", { "s.", "sa\nb", "i-1" }, 3, "[a b]" },
    { "regexFindAll", { "s(?s).", "sa\nb", "i-1" }, 3, "[a \n b]" },
    { "regexFindAll", { "s\\s", "sa\013b c\td", "i-1" }, 3, "[  \t]" },
    { "regexFindAll", { "s[[:space:]]", "sa\013b c\td", "i-1" }, 3, "[\013   \t]" },
    { "regexFindAll", { "s\\w+", "sh\303\251llo w\303\266rld_1", "i-1" }, 3, "[h llo w rld_1]" },
    { "regexFindAll", { "s\\bw", "sw \303\251w w", "i-1" }, 3, "[w w w]" },
    { "regexFindAll", { "s(?i)k", "skK\342\204\252", "i-1" }, 3, "[k K \342\204\252]" },
    { "regexFindAll", { "s(?i)[k]", "skK\342\204\252", "i-1" }, 3, "[k K \342\204\252]" },
    { "regexFindAll", { "s(?U)a+", "saaa", "i-1" }, 3, "[a a a]" },
    { "regexFindAll", { "s(?U)a+?", "saaa", "i-1" }, 3, "[aaa]" },
    { "regexFindAll", { "sa{2,3}", "saaaaaaa", "i-1" }, 3, "[aaa aaa]" },
    { "regexFindAll", { "sa{2,}?", "saaaaaaa", "i-1" }, 3, "[aa aa aa]" },
    { "regexFindAll", { "sa{,2}", "sa{,2}", "i-1" }, 3, "[a{,2}]" },
    { "regexFindAll", { "sa{2", "sa{2", "i-1" }, 3, "[a{2]" },
    { "regexFindAll", { "sx{01}", "sx{01}", "i-1" }, 3, "[x{01}]" },
    { "regexFindAll", { "s[^a]", "sab\nc", "i-1" }, 3, "[b \n c]" },
    { "regexFindAll", { "s[a-]", "sa-b", "i-1" }, 3, "[a -]" },
    { "regexFindAll", { "s[]a]", "s]a", "i-1" }, 3, "[] a]" },
    { "regexFindAll", { "s[\\d\\-z]", "s1-z", "i-1" }, 3, "[1 - z]" },
    { "regexFindAll", { "s[\\D]", "s1-z", "i-1" }, 3, "[- z]" },
    { "regexFindAll", { "s[[:^alpha:]]", "s1-z", "i-1" }, 3, "[1 -]" },
    { "regexFindAll", { "s[[:foo:]]", "s1-z", "i-1" }, 3, "ERR: regexp: Compile(`[[:foo:]]`): error parsing regexp: invalid character class range: `[:foo:]`" },
    { "regexFindAll", { "s[z-a]", "s1-z", "i-1" }, 3, "ERR: regexp: Compile(`[z-a]`): error parsing regexp: invalid character class range: `z-a`" },
    { "regexFindAll", { "s[a", "s1-z", "i-1" }, 3, "ERR: regexp: Compile(`[a`): error parsing regexp: missing closing ]: `[a`" },
    { "regexFindAll", { "sa)", "sa", "i-1" }, 3, "ERR: regexp: Compile(`a)`): error parsing regexp: unexpected ): `a)`" },
    { "regexFindAll", { "s(?i", "sa", "i-1" }, 3, "ERR: regexp: Compile(`(?i`): error parsing regexp: invalid or unsupported Perl syntax: `(?i`" },
    { "regexFindAll", { "s(?P<n", "sa", "i-1" }, 3, "ERR: regexp: Compile(`(?P<n`): error parsing regexp: invalid named capture: `(?P<n`" },
    { "regexFindAll", { "s(?P<>a)", "sa", "i-1" }, 3, "ERR: regexp: Compile(`(?P<>a)`): error parsing regexp: invalid named capture: `(?P<>`" },
    { "regexFindAll", { "s(?<n>a)", "sa", "i-1" }, 3, "[a]" },
    { "regexFindAll", { "s(?P=n)", "sa", "i-1" }, 3, "ERR: regexp: Compile(`(?P=n)`): error parsing regexp: invalid or unsupported Perl syntax: `(?P`" },
    { "regexFindAll", { "s(?<=a)b", "sab", "i-1" }, 3, "ERR: regexp: Compile(`(?<=a)b`): error parsing regexp: invalid named capture: `(?<=a)b`" },
    { "regexFindAll", { "s(?!a)", "sab", "i-1" }, 3, "ERR: regexp: Compile(`(?!a)`): error parsing regexp: invalid or unsupported Perl syntax: `(?!`" },
    { "regexFindAll", { "s(?>a)", "sab", "i-1" }, 3, "ERR: regexp: Compile(`(?>a)`): error parsing regexp: invalid or unsupported Perl syntax: `(?>`" },
    { "regexFindAll", { "sa++", "sab", "i-1" }, 3, "ERR: regexp: Compile(`a++`): error parsing regexp: invalid nested repetition operator: `++`" },
    { "regexFindAll", { "sa*?+", "sab", "i-1" }, 3, "ERR: regexp: Compile(`a*?+`): error parsing regexp: invalid nested repetition operator: `*?+`" },
    { "regexFindAll", { "sa{2}{3}", "sab", "i-1" }, 3, "ERR: regexp: Compile(`a{2}{3}`): error parsing regexp: invalid nested repetition operator: `{2}{3}`" },
    { "regexFindAll", { "s*a", "sab", "i-1" }, 3, "ERR: regexp: Compile(`*a`): error parsing regexp: missing argument to repetition operator: `*`" },
    { "regexFindAll", { "s(*)", "sab", "i-1" }, 3, "ERR: regexp: Compile(`(*)`): error parsing regexp: missing argument to repetition operator: `*`" },
    { "regexFindAll", { "sa|*", "sab", "i-1" }, 3, "ERR: regexp: Compile(`a|*`): error parsing regexp: missing argument to repetition operator: `*`" },
    { "regexFindAll", { "s^*a", "sab", "i-1" }, 3, "[a]" },
    { "regexFindAll", { "s\\8", "sab", "i-1" }, 3, "ERR: regexp: Compile(`\\8`): error parsing regexp: invalid escape sequence: `\\8`" },
    { "regexFindAll", { "s\\12", "sa\nb", "i-1" }, 3, "[\n]" },
    { "regexFindAll", { "s\\x41\\x{42}", "sAB", "i-1" }, 3, "[AB]" },
    { "regexFindAll", { "s\\x{110000}", "sAB", "i-1" }, 3, "ERR: regexp: Compile(`\\x{110000}`): error parsing regexp: invalid escape sequence: `\\x{110000`" },
    { "regexFindAll", { "s\\xZZ", "sAB", "i-1" }, 3, "ERR: regexp: Compile(`\\xZZ`): error parsing regexp: invalid escape sequence: `\\xZZ`" },
    { "regexFindAll", { "s\\e", "sAB", "i-1" }, 3, "ERR: regexp: Compile(`\\e`): error parsing regexp: invalid escape sequence: `\\e`" },
    { "regexFindAll", { "s\\Z", "sAB", "i-1" }, 3, "ERR: regexp: Compile(`\\Z`): error parsing regexp: invalid escape sequence: `\\Z`" },
    { "regexFindAll", { "s\\C", "sAB", "i-1" }, 3, "ERR: regexp: Compile(`\\C`): error parsing regexp: invalid escape sequence: `\\C`" },
    { "regexFindAll", { "s\\\303\251", "sAB", "i-1" }, 3, "ERR: regexp: Compile(`\\\303\251`): error parsing regexp: invalid escape sequence: `\\\303\251`" },
    { "regexFindAll", { "s\\pN", "sa1", "i-1" }, 3, "[1]" },
    { "regexFindAll", { "s\\p", "sa1", "i-1" }, 3, "ERR: regexp: Compile(`\\p`): error parsing regexp: invalid character class range: `\\p`" },
    { "regexFindAll", { "s\\p{", "sa1", "i-1" }, 3, "ERR: regexp: Compile(`\\p{`): error parsing regexp: invalid character class range: `\\p{`" },
    { "regexFindAll", { "s\\p{^L}", "sa1", "i-1" }, 3, "[1]" },
    { "regexFindAll", { "s\\PL", "sa1", "i-1" }, 3, "[1]" },
    { "regexFindAll", { "s[\\p{Lu}\\d]", "saB1", "i-1" }, 3, "[B 1]" },
    { "regexFindAll", { "s\\Qa.b", "sa.b", "i-1" }, 3, "[a.b]" },
    { "regexFindAll", { "s(a)|b", "sab", "i-1" }, 3, "[a b]" },
    { "regexFindAll", { "s(a|ab)(c|bcd)(d*)", "sabcd", "i-1" }, 3, "[abcd]" },
    { "regexFindAll", { "s", "sh\303\251llo", "i-1" }, 3, "[     ]" },
    { "regexFindAll", { "sx*", "sh\303\251llo", "i2" }, 3, "[ ]" },
    { "regexFindAll", { "sa", "saaaa", "i0" }, 3, "[]" },
    { "regexFindAll", { "szz", "saaaa", "i-1" }, 3, "[]" },
    { "regexSplit", { "sa", "sbanana", "i2" }, 3, "[b nana]" },
    { "regexSplit", { "sa", "sbanana", "i0" }, 3, "[]" },
    { "regexSplit", { "sa", "s", "i-1" }, 3, "[]" },
    { "regexSplit", { "s", "s", "i-1" }, 3, "[]" },
    { "regexSplit", { "sx*", "saxbxc", "i-1" }, 3, "[a b c]" },
    { "regexSplit", { "s^", "sabc", "i-1" }, 3, "[abc]" },
    { "regexReplaceAll", { "s", "sabc", "s-" }, 3, "-a-b-c-" },
    { "regexReplaceAll", { "sx*", "sh\303\251llo", "s-" }, 3, "-h-\303\251-l-l-o-" },
    { "regexReplaceAll", { "s(?P<first>\\w+) (?P<last>\\w+)", "sJohn Smith", "s$last, $first" }, 3, "Smith, John" },
    { "regexReplaceAll", { "s(\\w+)", "sab cd", "s$1x" }, 3, " " },
    { "regexReplaceAll", { "s(\\w+)", "sab cd", "s${1}x $0 $01 $10 ${} ${x" }, 3, "abx ab   ${} ${x cdx cd   ${} ${x" },
    { "regexReplaceAllLiteral", { "s(\\w+)", "sab cd", "s${1}" }, 3, "${1} ${1}" },
    { "regexReplaceAll", { "sa|(b)", "sab", "s[$1]" }, 3, "[][b]" },
    { "regexQuoteMeta", { "s\\.+*?()|[]{}^$ \303\251-" }, 1, "\\\\\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$ \303\251-" },
    { "regexMatch", { "s^[a-z]+\\[[0-9]+\\]$", "sadam[23]" }, 2, "true" },
    { "regexMatch", { "sab(", "sab" }, 2, "false" },
    { "mustRegexMatch", { "s(?i)AB", "sxab" }, 2, "true" },
    { "regexFind", { "sa.c", "sa\303\251c" }, 2, "a\303\251c" },
    { "regexFind", { "s(?i)stra\303\237e", "sSTRASSE" }, 2, "" },
    { "regexFind", { "s(?i)\317\203", "s\317\202" }, 2, "\317\202" },
    { "regexFind", { "s(?i)\\W", "s\305\277" }, 2, "" },
    { "regexFind", { "s(a)\\1", "saa" }, 2, "ERR: regexp: Compile(`(a)\\1`): error parsing regexp: invalid escape sequence: `\\1`" },
    { "regexFind", { "s[[:word:]]+", "sab_1-" }, 2, "ab_1" },
    { "regexFind", { "s\\A\\z", "s" }, 2, "" },
    { "regexFind", { "s(?m:^b)", "sa\nb" }, 2, "b" },
    { "regexFind", { "s(?ims-U:a.)", "sA\n" }, 2, "A\n" },
    { "regexFind", { "s(?i)(?-i)a", "sA" }, 2, "" },
    { "regexFind", { "s(?-)a", "sA" }, 2, "ERR: regexp: Compile(`(?-)a`): error parsing regexp: invalid or unsupported Perl syntax: `(?-)`" },
    { "regexFind", { "s(?i-)a", "sA" }, 2, "ERR: regexp: Compile(`(?i-)a`): error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`" },
    { "regexFind", { "s(?)a", "sa" }, 2, "a" },
    { "regexFind", { "s(?:)", "sa" }, 2, "" },
    { "regexFind", { "s()", "sa" }, 2, "" },
    { "regexFind", { "sa{1000}", "sa" }, 2, "" },
    { "regexFind", { "s(a{10}){100}", "sa" }, 2, "" },
    { "regexFind", { "s((a{10}){10}){11}", "sa" }, 2, "ERR: regexp: Compile(`((a{10}){10}){11}`): error parsing regexp: invalid repeat count: `{11}`" },
    { "regexFind", { "s(a{0}){1001}", "sa" }, 2, "ERR: regexp: Compile(`(a{0}){1001}`): error parsing regexp: invalid repeat count: `{1001}`" },
    { "regexFind", { "sa{99999999999}", "sa" }, 2, "ERR: regexp: Compile(`a{99999999999}`): error parsing regexp: invalid repeat count: `{99999999999}`" },
    { "regexFind", { "sa{2,1}", "sa" }, 2, "ERR: regexp: Compile(`a{2,1}`): error parsing regexp: invalid repeat count: `{2,1}`" },
    { "regexReplaceAll", { "s(a*)+", "sb", "s<$1>" }, 3, "<>b<>" },
    { "regexReplaceAll", { "s(a*)*", "sb", "s<$1>" }, 3, "<>b<>" },
    { "regexReplaceAll", { "s(a|b)*", "sab", "s<$1>" }, 3, "<b>" },
    { "regexReplaceAll", { "s(a*)+$", "saab", "s<$1>" }, 3, "aab<>" },
    { "regexReplaceAll", { "s(a?)((ab)?)(b?)", "sab", "s<$1|$2|$3|$4>" }, 3, "<a|||b>" },
    { "regexReplaceAll", { "s(?:(a)|b)+", "sab", "s<$1>" }, 3, "<a>" },
    { "regexReplaceAll", { "s(?:(a)|(b))+", "sab", "s<$1|$2>" }, 3, "<a|b>" },
    { "regexMatch", { "s(a*)*b", "saaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, 2, "false" },
    { "regexMatch", { "s(a|aa)*c", "saaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, 2, "false" },
    { "regexMatch", { "s(x+x+)+y", "sxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }, 2, "false" },
    { "regexMatch", { "s^(\\w+\\s?)*$", "sAn input string that takes a long time or even makes this regex to hang!" }, 2, "false" },
    { "regexFindAll", { "sa|ab", "sabab", "i-1" }, 3, "[a a]" },
    { "regexFindAll", { "s(?U)a|ab", "sabab", "i-1" }, 3, "[a a]" },
    { "regexFind", { "sa*?", "saaa" }, 2, "" },
    { "regexFind", { "s(?i)\316\243", "s\317\202" }, 2, "\317\202" },
    { "regexFind", { "s[[:^space:][:digit:]]+", "sab 12" }, 2, "ab" },
    { "regexFind", { "s[^\\S\\n]+", "sa \t\nb" }, 2, " \t" },
    { "regexFind", { "s\\x{1F600}", "s\360\237\230\200" }, 2, "\360\237\230\200" },
    { "regexFind", { "s[\\x{1F600}-\\x{1F64F}]+", "sx\360\237\230\200\360\237\230\203" }, 2, "\360\237\230\200\360\237\230\203" },
    { "regexFind", { "s.", "s\377" }, 2, "\377" }, /* helm printed U+FFFD via toJson */
    { "regexFindAll", { "s", "s\377\376", "i-1" }, 3, "[  ]" },
    { "regexSplit", { "s", "sh\377i", "i-1" }, 3, "[h \377 i]" }, /* toJson showed U+FFFD */
};

START_TEST(regex_functions_match_helm_byte_for_byte)
{
    ext_run(cases, sizeof cases / sizeof cases[0]);
}
END_TEST

static const char *find(const char *fn, const char *pat, const char *s)
{
    sg_value a[2] = { val_cstr(pat), val_cstr(s) };
    return ext_call(fn, 2, a);
}

START_TEST(plain_variants_panic_with_the_pattern_quoted_and_regexMatch_returns_false)
{
    ck_assert_str_eq(find("regexFind", "a\n(", "x"),
                     "ERR: regexp: Compile(\"a\\n(\"): error parsing regexp: missing closing ): `a\n(`");
    ck_assert_str_eq(find("regexMatch", "(", "x"), "false");
    ck_assert_str_eq(find("mustRegexFind", "(?=x)", "x"),
                     "ERR: error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
}
END_TEST

START_TEST(perl_only_syntax_is_rejected_with_go_error_text)
{
    ck_assert_str_eq(find("mustRegexFind", "a++", "a"), "ERR: error parsing regexp: invalid nested repetition operator: `++`");
    ck_assert_str_eq(find("mustRegexFind", "(?>a)", "a"), "ERR: error parsing regexp: invalid or unsupported Perl syntax: `(?>`");
    ck_assert_str_eq(find("mustRegexFind", "(?<=a)b", "a"), "ERR: error parsing regexp: invalid named capture: `(?<=a)b`");
    ck_assert_str_eq(find("mustRegexFind", "\\1", "a"), "ERR: error parsing regexp: invalid escape sequence: `\\1`");
    ck_assert_str_eq(find("mustRegexFind", "\\Z", "a"), "ERR: error parsing regexp: invalid escape sequence: `\\Z`");
    ck_assert_str_eq(find("mustRegexFind", "(a{500}){3}", "a"), "ERR: error parsing regexp: invalid repeat count: `{3}`");
    ck_assert_str_eq(find("mustRegexFind", "\\p{Old_Italic}", "a"),
                     "ERR: error parsing regexp: invalid character class range: `\\p{Old_Italic}`");
}
END_TEST

START_TEST(go_semantics_differ_from_pcre_defaults)
{
    /* $ without (?m) is \z, not "before a final newline" */
    ck_assert_str_eq(find("regexFind", "a$", "a\n"), "");
    /* (?m)^ matches after a trailing newline */
    sg_value a[3] = { val_cstr("(?m)^"), val_cstr("a\n"), val_int(-1) };
    ck_assert_str_eq(ext_call("regexFindAll", 3, a), "[ ]");
    /* \s is ASCII [\t\n\f\r ] without \v; \w and \b are ASCII */
    ck_assert_str_eq(find("regexFind", "\\s", "\v"), "");
    ck_assert_str_eq(find("regexFind", "\\w+", "\xc3\xa9t\xc3\xa9"), "t");
    /* Go allows group names starting with a digit */
    sg_value r[3] = { val_cstr("(?P<1a>x)"), val_cstr("x"), val_cstr("[${1a}]") };
    ck_assert_str_eq(ext_call("regexReplaceAll", 3, r), "[x]");
    /* (?i)\W excludes the long s and the Kelvin sign, which fold into \w */
    ck_assert_str_eq(find("regexFind", "(?i)\\W", "\xc5\xbf"), "");
}
END_TEST

START_TEST(helm_v3_built_with_go_1_23_looks_unicode_class_names_up_exactly)
{
    int saved = sg_helm_major;
    sg_helm_major = 3;
    arena_push();
    ck_assert_str_eq(find("regexFind", "\\p{Old_Italic}", "x"), "");
    ck_assert_str_eq(find("mustRegexFind", "\\p{greek}", "x"),
                     "ERR: error parsing regexp: invalid character class range: `\\p{greek}`");
    ck_assert_str_eq(find("mustRegexFind", "\\p{Cn}", "x"),
                     "ERR: error parsing regexp: invalid character class range: `\\p{Cn}`");
    arena_pop();
    sg_helm_major = saved;
    ck_assert_str_eq(find("regexFind", "\\p{Kawi}+", "a\xf0\x91\xbc\x80" "b"), "\xf0\x91\xbc\x80");
}
END_TEST

START_TEST(compiled_patterns_are_cached_per_arena)
{
    const char *err;
    sg_regex *a = regex_compile("x+", 2, &err);
    sg_regex *b = regex_compile("x+", 2, &err);
    ck_assert_ptr_eq(a, b);
    arena_push();
    sg_regex *c = regex_compile("y+", 2, &err);
    ck_assert_ptr_nonnull(c);
    arena_pop();
    ck_assert_ptr_eq(regex_compile("x+", 2, &err), a);
}
END_TEST

Suite *regex_suite(void)
{
    Suite *s = suite_create("regex");
    TCase *tc = tcase_create("regex");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, regex_functions_match_helm_byte_for_byte);
    tcase_add_test(tc, plain_variants_panic_with_the_pattern_quoted_and_regexMatch_returns_false);
    tcase_add_test(tc, perl_only_syntax_is_rejected_with_go_error_text);
    tcase_add_test(tc, go_semantics_differ_from_pcre_defaults);
    tcase_add_test(tc, compiled_patterns_are_cached_per_arena);
    tcase_add_test(tc, helm_v3_built_with_go_1_23_looks_unicode_class_names_up_exactly);
    suite_add_tcase(s, tc);
    return s;
}
