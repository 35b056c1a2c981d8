/* gofmt.h - Go's fmt and strconv formatting of sg_value, byte for byte.
 *
 * Everything appends to an sg_buf.  "%v" follows fmt's rules for each Go type:
 * float64 as strconv 'g' shortest (1e+06, 1.5, 1e-06), maps as map[k:v ...] with sorted
 * keys, lists as [a b], nil inside containers as <nil>, []uint8 as [1 2 3], objects via
 * their sg_objtype.string hook.
 */
#ifndef SG_GOFMT_H
#define SG_GOFMT_H
#include "../base/buf.h"
#include "value.h"

/* fmt.Sprint(v) for one operand (the %v form). */
void gofmt_value(sg_buf *b, sg_value v);
/* fmt.Sprint(args...): a space between operands when neither side is a string. */
void gofmt_sprint(sg_buf *b, int argc, const sg_value *argv);
/* fmt.Sprintln(args...): always spaces, then "\n". */
void gofmt_sprintln(sg_buf *b, int argc, const sg_value *argv);
/* fmt.Sprintf(format, args...) with all of Go's verbs, flags, widths, precisions,
 * argument indexes and error forms (%!d(string=x), %!v(MISSING), %!(EXTRA ...)). */
void gofmt_sprintf(sg_buf *b, const char *fmt, size_t fmtlen, int argc, const sg_value *argv);
/* strconv.Quote (ASCII-safe? no: Go's Quote keeps printable Unicode). */
void gofmt_quote(sg_buf *b, const char *s, size_t n);
/* strconv.FormatFloat(f, fmtc, prec, 64); fmtc in "eEfgGb"; prec -1 = shortest. */
void gofmt_float(sg_buf *b, double f, char fmtc, int prec);
/* fmt.Sprint(v) as an arena string (convenience). */
const char *gofmt_str(sg_value v, size_t *len);


/* ---- added by the gofmt owner: UTF-8 and strconv helpers shared with other modules ---- */
/* utf8.DecodeRune: the rune at s (n bytes available) and its width; invalid -> 0xFFFD, 1
 * (n == 0 -> 0xFFFD, 0). */
int gofmt_decode_rune(const char *s, size_t n, int32_t *r);
/* utf8.AppendRune (invalid runes and surrogates become U+FFFD). */
void gofmt_put_rune(sg_buf *b, int32_t r);
/* utf8.RuneCount. */
size_t gofmt_rune_count(const char *s, size_t n);
/* strconv.IsPrint. */
bool gofmt_isprint(int32_t r);
/* strconv.QuoteToASCII. */
void gofmt_quote_ascii(sg_buf *b, const char *s, size_t n);
/* strconv.QuoteRune / QuoteRuneToASCII. */
void gofmt_quote_rune(sg_buf *b, int32_t r, bool ascii);

#endif
