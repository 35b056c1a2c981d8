/* testutil.c - helpers shared by the table-driven unit suites (see testutil.h). */
#include "testutil.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/base/arena.h"
#include "../../src/base/buf.h"
#include "../../src/io/json.h"

sg_value tu_parse_arg(const char *a)
{
    if (!*a) return val_cstr("");
    switch (a[0]) {
    case 'i': return val_int(atoll(a + 1));
    case 'I': return val_int64(atoll(a + 1));
    case 'f':
        if (!strcmp(a + 1, "+Inf")) return val_float(INFINITY);
        if (!strcmp(a + 1, "-Inf")) return val_float(-INFINITY);
        if (!strcmp(a + 1, "NaN")) return val_float(NAN);
        return val_float(strtod(a + 1, NULL));
    case 's': {
        sg_buf b;
        buf_init(&b);
        for (const char *p = a + 1; *p; p++) {
            if (p[0] == '\\' && p[1] == 'n') { buf_putc(&b, '\n'); p++; }
            else if (p[0] == '\\' && p[1] == 't') { buf_putc(&b, '\t'); p++; }
            else if (!strncmp(p, "\\x80", 4)) { buf_putc(&b, (char)0x80); p += 3; }
            else if (!strncmp(p, "\\xff", 4)) { buf_putc(&b, (char)0xff); p += 3; }
            else buf_putc(&b, *p);
        }
        return val_str(b.p, b.len);
    }
    case 'n': return sg_nil;
    case 'b': return val_bool(a[1] == 't');
    case 'L': {
        sg_value l = val_list(0);
        const char *rest = a + 2;
        if (!*rest) return l;
        if (!strncmp(rest, "L:", 2)) { list_push(l, tu_parse_arg(rest)); return l; }
        char *c = sg_strdup(rest), *sv;
        for (char *t = strtok_r(c, ",", &sv); t; t = strtok_r(NULL, ",", &sv)) list_push(l, tu_parse_arg(t));
        return l;
    }
    case 'S': {
        sg_value l = val_list(0);
        l.gotype = GT_LIST_STRING;
        char *c = sg_strdup(a + 2), *sv;
        for (char *t = strtok_r(c, ",", &sv); t; t = strtok_r(NULL, ",", &sv)) list_push(l, val_cstr(t));
        return l;
    }
    case 'B': {
        sg_value l = val_list(0);
        l.gotype = GT_LIST_BYTES;
        for (const char *p = a + 2; *p; p++) {
            sg_value x = val_int((unsigned char)*p);
            x.gotype = GT_UINT8;
            list_push(l, x);
        }
        return l;
    }
    case 'M': {
        sg_value m = val_map();
        char *c = sg_strdup(a + 2), *sv;
        for (char *t = strtok_r(c, ",", &sv); t; t = strtok_r(NULL, ",", &sv)) {
            char *eq = strchr(t, '=');
            *eq = 0;
            map_set(m, t, tu_parse_arg(eq + 1));
        }
        return m;
    }
    }
    return sg_nil;
}

int tu_split_case(char *line, char **parts, int max)
{
    int np = 0;
    char *p = line;
    for (;;) {
        parts[np++] = p;
        char *t = strchr(p, '\t');
        if (!t || np == max) break;
        *t = 0;
        p = t + 1;
    }
    return np;
}

const char *tu_json(sg_value v)
{
    sg_buf b;
    buf_init(&b);
    const char *err;
    jsonio_emit(&b, v, 0, &err);
    return b.p;
}
