/* schema_fmt4.h - the "format" checkers of santhosh-tekuri/jsonschema v6 (helm v4),
 * which asserts formats for drafts 4, 6 and 7 only. */
#ifndef SG_SCHEMA_FMT4_H
#define SG_SCHEMA_FMT4_H
#include "../value/value.h"
#include <stdbool.h>
#include <stddef.h>

/* Why v does not conform to format f (the text after "is not valid <f>: "), or NULL
 * when it conforms, is not a string, or f is a format santhosh does not know. */
const char *schema_format4(const char *f, sg_value v);

/* Go's url.Parse(s) error text ("parse \"x\": missing protocol scheme"), or NULL when it
 * parses; *abs tells whether it has a scheme.  Bracketed (IP literal) hosts are not
 * checked. */
const char *schema_url_error(const char *s, size_t n, bool *abs);

#endif
