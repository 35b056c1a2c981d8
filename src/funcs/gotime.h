/* gotime.h - Go's time package as templates see it: time.Time values (a native object
 * "time.Time"), locations (UTC, Local from TZ, IANA zones from /usr/share/zoneinfo, fixed
 * zones), layout formatting and parsing, and time.Duration printing/parsing.
 */
#ifndef SG_GOTIME_H
#define SG_GOTIME_H
#include "../base/buf.h"
#include "../value/value.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct gotime_loc gotime_loc;

typedef struct gotime {
    int64_t sec;            /* Unix seconds */
    int32_t nsec;           /* 0..999999999 */
    const gotime_loc *loc;  /* NULL = UTC */
    bool mono;              /* has a monotonic clock reading (time.Now) */
    int64_t mono_ns;        /* the reading, ns since process start */
} gotime;

/* time.UTC / time.Local */
const gotime_loc *gotime_utc(void);
const gotime_loc *gotime_local(void);
/* time.LoadLocation: NULL if the name is not a loadable zone. */
const gotime_loc *gotime_load(const char *name);
/* time.FixedZone(name, offset) */
const gotime_loc *gotime_fixed(const char *name, int offset);

/* BurntSushi/toml's internal.LocalDatetime, LocalDate and LocalTime: fixed zones named
 * "datetime-local", "date-local" and "time-local", one location each for the process (the
 * TOML encoder recognises them by identity, as Go compares the *time.Location), at the
 * offset Local has at the first call (time.Now().Zone() at start-up, in toml v1.4.0 and
 * v1.6.0 alike). */
typedef enum { GOTIME_TOML_DATETIME, GOTIME_TOML_DATE, GOTIME_TOML_TIME } gotime_toml_kind;
const gotime_loc *gotime_toml_local(gotime_toml_kind k);

/* time.Now() (with a monotonic reading), time.Unix(sec, 0) in Local. */
gotime gotime_now(void);
gotime gotime_unix(int64_t sec);
/* t.In(loc): same instant, new location, monotonic reading dropped. */
gotime gotime_in(gotime t, const gotime_loc *loc);
/* t.Add(d) for d in nanoseconds. */
gotime gotime_add(gotime t, int64_t d);

/* t.AppendFormat(layout) */
void gotime_format(sg_buf *b, gotime t, const char *layout, size_t n);
/* t.String() */
void gotime_string(sg_buf *b, gotime t);
/* time.ParseInLocation(layout, value, loc); NULL on success, else Go's error text. */
const char *gotime_parse(const char *layout, size_t ln, const char *value, size_t vn,
                         const gotime_loc *loc, gotime *out);

/* time.Duration(d).String() */
void gotime_duration_string(sg_buf *b, int64_t d);
/* time.ParseDuration; NULL on success, else Go's error text. */
const char *gotime_parse_duration(const char *s, size_t n, int64_t *out);

/* The native template value of a time.Time, and the reverse (false if v is not one). */
sg_value gotime_value(gotime t);
bool gotime_from_value(sg_value v, gotime *out);

/* Accessors used by Sprig. */
int64_t gotime_unix_sec(gotime t);

#endif
