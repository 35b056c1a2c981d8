/* fn_string.c - Sprig's string functions (strings.go, goutils, xstrings as Sprig v3.3.0
 * calls them), with Go's byte/rune semantics and panics reproduced.
 */
#include "../base/limits.h"
#include "fn_strings.h"
#include "../value/conv.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/err.h"
#include "../value/gofmt.h"
#include "../value/gounicode.h"
#include <string.h>

#define SP(v) ((v).u.s.p)
#define SN(v) ((v).u.s.n)

static sg_value ret_buf(sg_buf *b) { return val_str_nocopy(b->p, b->len); }
static sg_value ret_sub(const char *p, size_t n) { return val_str(p, n); }

/* Append rune r, or U+FFFD for a decoding error (as string([]rune(s)) does). */
static void put_rune(sg_buf *b, int32_t r) { gofmt_put_rune(b, r); }

/* Decode one rune at s[i] (Go's range-over-string). */
static int32_t next_rune(const char *s, size_t n, size_t *i)
{
    int32_t r;
    int w = gofmt_decode_rune(s + *i, n - *i, &r);
    *i += (size_t)w;
    return r;
}

/* ------------------------------------------------------------------ goutils */

static bool abbreviate_full(const char *s, size_t n, long offset, long maxw, sg_buf *out)
{
    if (n == 0) return true;
    if (maxw < 4) return false;
    long len = (long)n;
    if (len <= maxw) { buf_put(out, s, n); return true; }
    if (offset > len) offset = len;
    if (len - offset < maxw - 3) offset = len - (maxw - 3);
    if (offset <= 4) {
        buf_put(out, s, (size_t)(maxw - 3));
        buf_puts(out, "...");
        return true;
    }
    if (maxw < 7) return false;
    if (offset + maxw - 3 < len) {
        buf_puts(out, "...");
        sg_buf t;
        buf_init(&t);
        if (abbreviate_full(s + offset, n - (size_t)offset, 0, maxw - 3, &t)) buf_put(out, t.p, t.len);
        return true;
    }
    buf_puts(out, "...");
    buf_put(out, s + (len - (maxw - 3)), (size_t)(maxw - 3));
    return true;
}

sg_value fn_abbrev(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t w = argv[0].u.i;
    sg_value s = argv[1];
    if (w < 4) return s;
    sg_buf b;
    buf_init(&b);
    if (!abbreviate_full(SP(s), SN(s), 0, (long)w, &b)) buf_truncate(&b, 0);
    return ret_buf(&b);
}

sg_value fn_abbrevboth(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t left = argv[0].u.i, right = argv[1].u.i;
    sg_value s = argv[2];
    if (right < 4 || (left > 0 && right < 7)) return s;
    sg_buf b;
    buf_init(&b);
    if (!abbreviate_full(SP(s), SN(s), (long)left, (long)right, &b)) buf_truncate(&b, 0);
    return ret_buf(&b);
}

/* unicode.IsSpace of a single byte taken as a rune (goutils iterates bytes). */
static bool byte_space(unsigned char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r') || ch == 0x85 || ch == 0xA0;
}

sg_value fn_nospace(sg_fcall *c, int argc, sg_value *argv)
{
    const char *s = SP(argv[0]);
    size_t n = SN(argv[0]);
    sg_buf b;
    buf_init(&b);
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (!byte_space(ch)) { put_rune(&b, ch); count++; }
    }
    if (count == n) return argv[0];
    return ret_buf(&b);
}

sg_value fn_initials(sg_fcall *c, int argc, sg_value *argv)
{
    const char *s = SP(argv[0]);
    size_t n = SN(argv[0]);
    sg_buf b;
    buf_init(&b);
    bool gap = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (byte_space(ch)) gap = true;
        else if (gap) { put_rune(&b, ch); gap = false; }
    }
    return ret_buf(&b);
}

sg_value fn_untitle(sg_fcall *c, int argc, sg_value *argv)
{
    const char *s = SP(argv[0]);
    size_t n = SN(argv[0]);
    if (n == 0) return argv[0];
    sg_buf b;
    buf_init(&b);
    bool next = true;
    for (size_t i = 0; i < n;) {
        int32_t r = next_rune(s, n, &i);
        if (gouni_isspace(r)) next = true;
        else if (next) { r = gouni_tolower(r); next = false; }
        put_rune(&b, r);
    }
    return ret_buf(&b);
}

sg_value fn_swapcase(sg_fcall *c, int argc, sg_value *argv)
{
    const char *s = SP(argv[0]);
    size_t n = SN(argv[0]);
    if (n == 0) return argv[0];
    sg_buf b;
    buf_init(&b);
    bool ws = true;
    for (size_t i = 0; i < n;) {
        int32_t r = next_rune(s, n, &i);
        if (gouni_isupper(r)) { r = gouni_tolower(r); ws = false; }
        else if (gouni_istitle(r)) { r = gouni_tolower(r); ws = false; }
        else if (gouni_islower(r)) {
            if (ws) { r = gouni_totitle(r); ws = false; }
            else r = gouni_toupper(r);
        } else ws = gouni_isspace(r);
        put_rune(&b, r);
    }
    return ret_buf(&b);
}

/* goutils WrapCustom */
static sg_value wrap_custom(const char *s, size_t n, long wl, const char *nl, size_t nll, bool longwords)
{
    if (n == 0) return val_cstr("");
    if (nll == 0) { nl = "\n"; nll = 1; }
    if (wl < 1) wl = 1;
    long len = (long)n, off = 0;
    sg_buf b;
    buf_init(&b);
    while (len - off > wl) {
        if (s[off] == ' ') { off++; continue; }
        long end = wl + off + 1;
        long sp = -1;
        for (long k = end - 1; k >= off; k--)
            if (s[k] == ' ') { sp = k; break; }
        if (sp >= off) {
            buf_put(&b, s + off, (size_t)(sp - off));
            buf_put(&b, nl, nll);
            off = sp + 1;
        } else if (longwords) {
            buf_put(&b, s + off, (size_t)wl);
            buf_put(&b, nl, nll);
            off += wl;
        } else {
            long e = wl + off;
            const char *q = memchr(s + e, ' ', (size_t)(len - e));
            if (!q) {
                buf_put(&b, s + off, (size_t)(len - off));
                off = len;
            } else {
                long at = q - s;
                buf_put(&b, s + off, (size_t)(at - off));
                buf_put(&b, nl, nll);
                off = at + 1;
            }
        }
    }
    buf_put(&b, s + off, (size_t)(len - off));
    return ret_buf(&b);
}

sg_value fn_wrap(sg_fcall *c, int argc, sg_value *argv)
{
    return wrap_custom(SP(argv[1]), SN(argv[1]), (long)argv[0].u.i, "", 0, false);
}

sg_value fn_wrapwith(sg_fcall *c, int argc, sg_value *argv)
{
    return wrap_custom(SP(argv[2]), SN(argv[2]), (long)argv[0].u.i, SP(argv[1]), SN(argv[1]), true);
}

/* ------------------------------------------------------------------ xstrings */

static bool is_connector(int32_t r) { return r == '-' || r == '_' || gouni_isspace(r); }

static bool is_alphabet(int32_t r)
{
    if (!gouni_isletter(r)) return false;
    if (r < 0x2E80) return true; /* minCJKCharacter */
    if (r >= 0x4E00 && r <= 0x9FCC) return false;
    if (r >= 0x3400 && r <= 0x4DB5) return false;
    if (r >= 0x20000 && r <= 0x2B734) return false;
    if (r >= 0x2B740 && r <= 0x2B81D) return false;
    if (r >= 0x2B820 && r <= 0x2CEAF) return false;
    if (r >= 0x2CEB0 && r <= 0x2EBEF) return false;
    return true;
}

sg_value fn_camelcase(sg_fcall *c, int argc, sg_value *argv)
{
    /* xstrings.ToPascalCase = toCamelCase(str, true) */
    const char *s = SP(argv[0]);
    size_t n = SN(argv[0]), i = 0;
    if (n == 0) return argv[0];
    sg_buf b;
    buf_init(&b);
    bool first_upper = false;
    int32_t r0 = 0, r1;
    int size = 0;
    while (i < n) {
        size = gofmt_decode_rune(s + i, n - i, &r0);
        i += (size_t)size;
        if (!is_connector(r0)) {
            first_upper = gouni_isupper(r0);
            r0 = gouni_toupper(r0);
            break;
        }
        put_rune(&b, r0);
    }
    if (i >= n) {
        if (size != 0) put_rune(&b, r0);
        return ret_buf(&b);
    }
    while (i < n) {
        r1 = r0;
        size = gofmt_decode_rune(s + i, n - i, &r0);
        i += (size_t)size;
        if (is_connector(r0) && is_connector(r1)) { put_rune(&b, r1); continue; }
        if (is_connector(r1)) {
            first_upper = gouni_isupper(r0);
            r0 = gouni_toupper(r0);
        } else {
            if (first_upper) {
                if (gouni_isupper(r0)) r0 = gouni_tolower(r0);
                else first_upper = false;
            }
            put_rune(&b, r1);
        }
    }
    put_rune(&b, r0);
    return ret_buf(&b);
}

enum { W_INVALID, W_NUMBER, W_UPPER, W_ALPHA, W_CONNECTOR, W_PUNCT, W_OTHER };

/* nextValidRune: skips runes that decode as U+FFFD; size counts them too. */
static int32_t next_valid_rune(const char *s, size_t n, int32_t prev, size_t *size)
{
    *size = 0;
    size_t i = 0;
    while (i < n) {
        int32_t r;
        int w = gofmt_decode_rune(s + i, n - i, &r);
        *size += (size_t)w;
        if (r != 0xFFFD) return r;
        i += (size_t)w;
    }
    return prev;
}

typedef struct word { int wt; const char *w; size_t wn; const char *rem; size_t remn; } word;

static word next_word(const char *str, size_t n)
{
    word W = { W_INVALID, str, 0, str, n };
    if (n == 0) { W.rem = str; W.remn = 0; return W; }
    size_t off = 0, size;
    const char *rem = str;
    size_t remn = n;
    int32_t r = next_valid_rune(rem, remn, 0xFFFD, &size);
    off += size;
    if (r == 0xFFFD) {
        W.wt = W_INVALID;
        W.wn = off;
        W.rem = str + off;
        W.remn = n - off;
        return W;
    }
#define ADV(k) do { rem += (k); remn -= (k); } while (0)
    if (is_connector(r)) {
        W.wt = W_CONNECTOR;
        ADV(size);
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!is_connector(r)) break;
            off += size;
            ADV(size);
        }
    } else if (gouni_ispunct(r)) {
        W.wt = W_PUNCT;
        ADV(size);
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!gouni_ispunct(r)) break;
            off += size;
            ADV(size);
        }
    } else if (gouni_isupper(r)) {
        W.wt = W_UPPER;
        ADV(size);
        if (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (gouni_isupper(r)) {
                size_t prev = size;
                off += size;
                ADV(size);
                while (remn > 0) {
                    r = next_valid_rune(rem, remn, r, &size);
                    if (!gouni_isupper(r)) break;
                    prev = size;
                    off += size;
                    ADV(size);
                }
                if (remn > 0 && is_alphabet(r)) {
                    off -= prev;
                    rem = str + off;
                    remn = n - off;
                }
            } else if (is_alphabet(r)) {
                off += size;
                ADV(size);
                while (remn > 0) {
                    r = next_valid_rune(rem, remn, r, &size);
                    if (!is_alphabet(r) || gouni_isupper(r)) break;
                    off += size;
                    ADV(size);
                }
            }
        }
    } else if (is_alphabet(r)) {
        W.wt = W_ALPHA;
        ADV(size);
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!is_alphabet(r) || gouni_isupper(r)) break;
            off += size;
            ADV(size);
        }
    } else if (gouni_isnumber(r)) {
        W.wt = W_NUMBER;
        ADV(size);
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (!gouni_isnumber(r)) break;
            off += size;
            ADV(size);
        }
    } else {
        W.wt = W_OTHER;
        ADV(size);
        while (remn > 0) {
            r = next_valid_rune(rem, remn, r, &size);
            if (size == 0 || is_connector(r) || is_alphabet(r) || gouni_isnumber(r) || gouni_ispunct(r)) break;
            off += size;
            ADV(size);
        }
    }
#undef ADV
    W.wn = off;
    W.rem = rem;
    W.remn = remn;
    return W;
}

static void xlower(sg_buf *b, int wt, const char *s, size_t n, char conn)
{
    if (wt != W_UPPER && wt != W_CONNECTOR) { buf_put(b, s, n); return; }
    for (size_t i = 0; i < n;) {
        int32_t r = next_rune(s, n, &i);
        if (is_connector(r)) buf_putc(b, conn);
        else if (gouni_isupper(r)) put_rune(b, gouni_tolower(r));
        else put_rune(b, r);
    }
}

static sg_value camel_to_lower(sg_value sv, char conn)
{
    const char *str = SP(sv);
    size_t n = SN(sv);
    if (n == 0) return sv;
    sg_buf b;
    buf_init(&b);
    word w = next_word(str, n);
    while (w.remn > 0) {
        if (w.wt != W_CONNECTOR) xlower(&b, w.wt, w.w, w.wn, conn);
        int prev = w.wt;
        word last = w;
        w = next_word(w.rem, w.remn);
        switch (prev) {
        case W_NUMBER:
            while (w.wt == W_ALPHA || w.wt == W_NUMBER) {
                xlower(&b, w.wt, w.w, w.wn, conn);
                w = next_word(w.rem, w.remn);
            }
            if (w.wt != W_INVALID && w.wt != W_PUNCT && w.wt != W_CONNECTOR) buf_putc(&b, conn);
            break;
        case W_CONNECTOR:
            xlower(&b, prev, last.w, last.wn, conn);
            break;
        case W_PUNCT:
            break;
        default:
            if (w.wt != W_NUMBER) {
                if (w.wt != W_CONNECTOR && w.wt != W_PUNCT) buf_putc(&b, conn);
                break;
            }
            if (w.remn == 0) break;
            {
                word l2 = w;
                w = next_word(w.rem, w.remn);
                if (w.wt != W_ALPHA) {
                    xlower(&b, W_NUMBER, l2.w, l2.wn, conn);
                    if (w.wt != W_CONNECTOR && w.wt != W_PUNCT) buf_putc(&b, conn);
                    break;
                }
                buf_putc(&b, conn);
                xlower(&b, W_NUMBER, l2.w, l2.wn, conn);
                while (w.wt == W_ALPHA || w.wt == W_NUMBER) {
                    xlower(&b, w.wt, w.w, w.wn, conn);
                    w = next_word(w.rem, w.remn);
                }
                if (w.wt != W_INVALID && w.wt != W_CONNECTOR && w.wt != W_PUNCT) buf_putc(&b, conn);
            }
        }
    }
    xlower(&b, w.wt, w.w, w.wn, conn);
    return ret_buf(&b);
}

sg_value fn_snakecase(sg_fcall *c, int argc, sg_value *argv) { return camel_to_lower(argv[0], '_'); }
sg_value fn_kebabcase(sg_fcall *c, int argc, sg_value *argv) { return camel_to_lower(argv[0], '-'); }

/* ------------------------------------------------------------------ Go strings package */

sg_value fn_trim(sg_fcall *c, int argc, sg_value *argv)
{
    /* strings.TrimSpace */
    const char *s = SP(argv[0]);
    size_t n = SN(argv[0]), start = 0, end = n;
    while (start < end) {
        int32_t r;
        int w = gofmt_decode_rune(s + start, end - start, &r);
        if (!(w > 0 && gouni_isspace(r) && !(r == 0xFFFD && w == 1))) break;
        start += (size_t)w;
    }
    while (end > start) {
        /* decode the last rune */
        size_t k = end - 1;
        while (k > start && ((unsigned char)s[k] & 0xC0) == 0x80 && end - k < 4) k--;
        int32_t r;
        int w = gofmt_decode_rune(s + k, end - k, &r);
        if ((size_t)w != end - k) { k = end - 1; w = 1; r = 0xFFFD; }
        if (!gouni_isspace(r) || (r == 0xFFFD && w == 1)) break;
        end = k;
    }
    return ret_sub(s + start, end - start);
}

static sg_value map_runes(sg_value sv, int32_t (*fn)(int32_t))
{
    const char *s = SP(sv);
    size_t n = SN(sv);
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) { ascii = false; break; }
    sg_buf b;
    buf_init(&b);
    if (ascii) {
        buf_reserve(&b, n);
        for (size_t i = 0; i < n; i++) buf_putc(&b, (char)fn((unsigned char)s[i]));
        return ret_buf(&b);
    }
    for (size_t i = 0; i < n;) put_rune(&b, fn(next_rune(s, n, &i)));
    return ret_buf(&b);
}

sg_value fn_upper(sg_fcall *c, int argc, sg_value *argv) { return map_runes(argv[0], gouni_toupper); }
sg_value fn_lower(sg_fcall *c, int argc, sg_value *argv) { return map_runes(argv[0], gouni_tolower); }

static bool is_separator(int32_t r)
{
    if (r <= 0x7F) {
        if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_') return false;
        return true;
    }
    if (gouni_isletter(r) || gouni_isdigit(r)) return false;
    return gouni_isspace(r);
}

sg_value fn_title(sg_fcall *c, int argc, sg_value *argv)
{
    const char *s = SP(argv[0]);
    size_t n = SN(argv[0]);
    sg_buf b;
    buf_init(&b);
    int32_t prev = ' ';
    for (size_t i = 0; i < n;) {
        int32_t r = next_rune(s, n, &i);
        int32_t o = is_separator(prev) ? gouni_totitle(r) : r;
        prev = r;
        put_rune(&b, o);
    }
    return ret_buf(&b);
}

sg_value fn_trunc(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t k = argv[0].u.i;
    sg_value s = argv[1];
    int64_t n = (int64_t)SN(s);
    if (k < 0 && n + k > 0) return ret_sub(SP(s) + (n + k), (size_t)(-k));
    if (k >= 0 && n > k) return ret_sub(SP(s), (size_t)k);
    return s;
}

sg_value fn_substr(sg_fcall *c, int argc, sg_value *argv)
{
    /* Go's slice expressions panic out of range; text/template reports the panic. */
    long long start = argv[0].u.i, end = argv[1].u.i;
    sg_value sv = argv[2];
    long long len = (long long)SN(sv);
    if (start < 0) {
        if (end < 0) sg_throwf("runtime error: slice bounds out of range [:%lld]", end);
        if (end > len) sg_throwf("runtime error: slice bounds out of range [:%lld] with length %lld", end, len);
        return ret_sub(SP(sv), (size_t)end);
    }
    if (end < 0 || end > len) {
        if (start > len) sg_throwf("runtime error: slice bounds out of range [%lld:%lld]", start, len);
        return ret_sub(SP(sv) + start, (size_t)(len - start));
    }
    if (start > end) sg_throwf("runtime error: slice bounds out of range [%lld:%lld]", start, end);
    return ret_sub(SP(sv) + start, (size_t)(end - start));
}

sg_value fn_repeat(sg_fcall *c, int argc, sg_value *argv)
{
    int64_t count = argv[0].u.i;
    sg_value s = argv[1];
    if (count < 0) sg_throwf("strings: negative Repeat count");
    if (count == 0 || SN(s) == 0) return val_cstr("");
    if ((uint64_t)count > (uint64_t)INT64_MAX / SN(s)) sg_throwf("strings: Repeat output length overflow");
    size_t total = limits_mul(SN(s), (size_t)count);
    limits_check_string("repeat", total);
    char *p = sg_alloc(total + 1);
    for (int64_t i = 0; i < count; i++) memcpy(p + (size_t)i * SN(s), SP(s), SN(s));
    return val_str_nocopy(p, total);
}

/* strings.Trim(s, cutset) */
static bool in_cutset(int32_t r, const char *cs, size_t cn)
{
    for (size_t i = 0; i < cn;) {
        int32_t c = next_rune(cs, cn, &i);
        if (c == r) return true;
    }
    return false;
}

static sg_value trim_cutset(sg_value sv, sg_value cut, bool left, bool right)
{
    const char *s = SP(sv), *cs = SP(cut);
    size_t n = SN(sv), cn = SN(cut), start = 0, end = n;
    if (n == 0 || cn == 0) return sv;
    if (left) {
        while (start < end) {
            int32_t r;
            int w = gofmt_decode_rune(s + start, end - start, &r);
            if (!in_cutset(r, cs, cn)) break;
            start += (size_t)w;
        }
    }
    if (right) {
        while (end > start) {
            size_t k = end - 1;
            while (k > start && ((unsigned char)s[k] & 0xC0) == 0x80 && end - k < 4) k--;
            int32_t r;
            int w = gofmt_decode_rune(s + k, end - k, &r);
            if ((size_t)w != end - k) { k = end - 1; r = 0xFFFD; }
            if (!in_cutset(r, cs, cn)) break;
            end = k;
        }
    }
    return ret_sub(s + start, end - start);
}

sg_value fn_trimall(sg_fcall *c, int argc, sg_value *argv) { return trim_cutset(argv[1], argv[0], true, true); }

sg_value fn_trimsuffix(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value suf = argv[0], s = argv[1];
    if (SN(s) >= SN(suf) && memcmp(SP(s) + SN(s) - SN(suf), SP(suf), SN(suf)) == 0)
        return ret_sub(SP(s), SN(s) - SN(suf));
    return s;
}

sg_value fn_trimprefix(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value pre = argv[0], s = argv[1];
    if (SN(s) >= SN(pre) && memcmp(SP(s), SP(pre), SN(pre)) == 0)
        return ret_sub(SP(s) + SN(pre), SN(s) - SN(pre));
    return s;
}

static bool contains(const char *h, size_t hn, const char *nd, size_t nn)
{
    if (nn == 0) return true;
    if (nn > hn) return false;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == nd[0] && memcmp(h + i, nd, nn) == 0) return true;
    return false;
}

sg_value fn_contains(sg_fcall *c, int argc, sg_value *argv)
{
    return val_bool(contains(SP(argv[1]), SN(argv[1]), SP(argv[0]), SN(argv[0])));
}

sg_value fn_hasprefix(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value p = argv[0], s = argv[1];
    return val_bool(SN(s) >= SN(p) && memcmp(SP(s), SP(p), SN(p)) == 0);
}

sg_value fn_hassuffix(sg_fcall *c, int argc, sg_value *argv)
{
    sg_value p = argv[0], s = argv[1];
    return val_bool(SN(s) >= SN(p) && memcmp(SP(s) + SN(s) - SN(p), SP(p), SN(p)) == 0);
}

sg_value fn_replace(sg_fcall *c, int argc, sg_value *argv)
{
    /* strings.Replace(src, old, new, -1) */
    sg_value old = argv[0], nw = argv[1], src = argv[2];
    const char *s = SP(src);
    size_t n = SN(src);
    sg_buf b;
    buf_init(&b);
    if (SN(old) == 0) {
        size_t i = 0;
        buf_put(&b, SP(nw), SN(nw));
        while (i < n) {
            size_t j = i;
            next_rune(s, n, &j);
            /* limits.h: checked before the buffer doubles past the string limit */
            if (b.len + (j - i) + SN(nw) > sg_limit.max_string) limits_check_string("replace", b.len + (j - i) + SN(nw));
            buf_put(&b, s + i, j - i);
            buf_put(&b, SP(nw), SN(nw));
            i = j;
        }
        return ret_buf(&b);
    }
    size_t i = 0;
    while (i < n) {
        if (i + SN(old) <= n && memcmp(s + i, SP(old), SN(old)) == 0) {
            if (b.len + SN(nw) > sg_limit.max_string) limits_check_string("replace", b.len + SN(nw));
            buf_put(&b, SP(nw), SN(nw));
            i += SN(old);
        } else buf_putc(&b, s[i++]);
    }
    return ret_buf(&b);
}

static sg_value indent_str(int64_t spaces, sg_value v, bool nl)
{
    if (spaces < 0) sg_throwf("strings: negative Repeat count");
    sg_buf b;
    buf_init(&b);
    if (nl) buf_putc(&b, '\n');
    size_t k = (size_t)spaces, lines = 1;
    for (size_t i = 0; i < SN(v); i++) lines += SP(v)[i] == '\n';
    size_t need = limits_mul(lines, k);
    need = need > SIZE_MAX - SN(v) - 1 ? SIZE_MAX : need + SN(v) + 1;
    limits_check_string(nl ? "nindent" : "indent", need);
    char *pad = sg_alloc(k + 1);
    memset(pad, ' ', k);
    buf_put(&b, pad, k);
    const char *s = SP(v);
    for (size_t i = 0; i < SN(v); i++) {
        buf_putc(&b, s[i]);
        if (s[i] == '\n') buf_put(&b, pad, k);
    }
    return ret_buf(&b);
}

sg_value fn_indent(sg_fcall *c, int argc, sg_value *argv) { return indent_str(argv[0].u.i, argv[1], false); }
sg_value fn_nindent(sg_fcall *c, int argc, sg_value *argv) { return indent_str(argv[0].u.i, argv[1], true); }

sg_value fn_plural(sg_fcall *c, int argc, sg_value *argv) { return argv[2].u.i == 1 ? argv[0] : argv[1]; }

sg_value fn_quote(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    bool first = true;
    for (int i = 0; i < argc; i++) {
        if (argv[i].kind == VK_NIL) continue;
        if (!first) buf_putc(&b, ' ');
        first = false;
        sg_value s = conv_tostring(argv[i]);
        gofmt_quote(&b, SP(s), SN(s));
    }
    return ret_buf(&b);
}

sg_value fn_squote(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    bool first = true;
    for (int i = 0; i < argc; i++) {
        if (argv[i].kind == VK_NIL) continue;
        if (!first) buf_putc(&b, ' ');
        first = false;
        buf_putc(&b, '\'');
        gofmt_value(&b, argv[i]);
        buf_putc(&b, '\'');
    }
    return ret_buf(&b);
}

sg_value fn_cat(sg_fcall *c, int argc, sg_value *argv)
{
    sg_buf b;
    buf_init(&b);
    bool first = true;
    for (int i = 0; i < argc; i++) {
        if (argv[i].kind == VK_NIL) continue;
        if (!first) buf_putc(&b, ' ');
        first = false;
        gofmt_value(&b, argv[i]);
    }
    return ret_buf(&b);
}

sg_value fn_hello(sg_fcall *c, int argc, sg_value *argv) { return val_cstr("Hello!"); }
