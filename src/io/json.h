/* json.h - JSON in and out with Go encoding/json semantics. */
#ifndef SG_JSON_H
#define SG_JSON_H
#include <stddef.h>
#include "../base/buf.h"
#include "../value/value.h"

/* json.Unmarshal(text, &interface{}): objects → maps, arrays → lists, numbers → float64,
 * true/false/null.  Returns 0, or -1 with *err set to Go's text ("invalid character 'b'
 * looking for beginning of object key string", "unexpected end of JSON input"), or -2 when
 * the syntax is valid but a number overflows float64: *err is Go's error for the first one
 * and *out is what Go decodes anyway, nil in place of each such number. */
int jsonio_parse(const char *text, size_t len, sg_value *out, const char **err);

enum {
    JSONIO_PRETTY = 1,   /* json.MarshalIndent(v, "", "  ") */
    JSONIO_NOESCAPE = 2, /* SetEscapeHTML(false): keep < > & raw (sprig toRawJson) */
};

/* json.Marshal(v): sorted keys, Go float formatting, HTML escaping of <>& unless
 * JSONIO_NOESCAPE, U+2028/U+2029 escaped, invalid UTF-8 → U+FFFD, []uint8 → base64.
 * Returns 0, or -1 with *err ("json: unsupported value: NaN"); on error b is left as it
 * was.  No trailing newline. */
int jsonio_emit(sg_buf *b, sg_value v, int flags, const char **err);

/* Go's strconv.FormatFloat(f, 'g'/'e'... ) as encoding/json prints float64 (finite f). */
void jsonio_float(sg_buf *b, double f);

#endif
