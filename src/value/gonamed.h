/* gonamed.h - Go's named integer types that templates meet through time.Time's methods:
 * time.Duration (int64 kind), time.Month and time.Weekday (int kind).
 *
 * They are plain VK_INT64 / VK_INT values whose gotype (GT_DURATION, GT_MONTH,
 * GT_WEEKDAY) names the type, so that comparison, %d, toJson and kindOf see the integer
 * while %v, %s, toString and typeOf see the named type and its String method.  This
 * module owns their String forms and their methods (Duration.Hours ... Month.String).
 */
#ifndef SG_GONAMED_H
#define SG_GONAMED_H
#include "../base/buf.h"
#include "value.h"

/* Whether v is a value of one of these named types (it has a String method). */
bool gonamed_is(sg_value v);
/* Append v.String(): "1h2m3.5s", "March", "Monday" (Go's forms, including
 * "%!Month(13)" for an out-of-range month).  v must satisfy gonamed_is. */
void gonamed_string(sg_buf *b, sg_value v);
/* time.Duration(d).String() */
void gonamed_duration_string(sg_buf *b, int64_t d);
/* A time.Duration / time.Month / time.Weekday value. */
sg_value gonamed_duration(int64_t d);
sg_value gonamed_month(int m);
sg_value gonamed_weekday(int d);
/* Duration.Round(m) with Go's saturation. */
int64_t gonamed_duration_round(int64_t d, int64_t m);

/* The method `name` of named value v: its signature (sg_methodsig, value.h) and true, or
 * false when the type has no such method. */
bool gonamed_method_sig(sg_value v, const char *name, sg_methodsig *sig);
/* Call method `name` (gonamed_method_sig said it exists) with converted arguments. */
sg_value gonamed_method(sg_value v, const char *name, const sg_value *argv);

#endif
