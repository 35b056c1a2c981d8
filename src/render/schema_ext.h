/* schema_ext.h - a "$ref" to a document outside values.schema.json: what helm's loaders
 * make of it (v4: santhosh's SchemeURLLoader with helm's file/http/https/urn loaders; v3:
 * gojsonschema's canonical-reference rule and file loader). */
#ifndef SG_SCHEMA_EXT_H
#define SG_SCHEMA_EXT_H
#include "../base/buf.h"
#include <stdbool.h>

/* v4: the compile error of loading the document of absolute reference `abs` (its
 * fragment ignored), or NULL when the document stands for the schema `true`: a urn:
 * (helm's permissive URN loader: its warning line is appended to log once per URN),
 * (*is_true set), or an http(s) document (not fetched: the caller takes it as accepting
 * everything). */
const char *schema_ext_load4(const char *abs, sg_buf *log, bool *is_true);

/* v3: gojsonschema's error for a reference `abs` no document of the schema defines, or
 * NULL for an http(s) document (not fetched: the caller takes it as accepting
 * everything). */
const char *schema_ext_load3(const char *abs);

#endif
