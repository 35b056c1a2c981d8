/* helmdot.h - the dot Helm's engine hands a template of chart `c` (templates/a.yaml):
 * Values (from YAML text), Release (release-name in default) and Template.  Shared by
 * the evaluator's unit tests and the exec fuzz target.  Header-only: the fuzz build links
 * no test objects. */
#ifndef SG_TEST_HELMDOT_H
#define SG_TEST_HELMDOT_H
#include "../../src/io/yaml.h"
#include "../../src/value/value.h"
#include <string.h>

/* The dot for values_yaml; false when the YAML does not load. */
static inline bool helmdot(const char *values_yaml, sg_value *dot)
{
    sg_value vals;
    const char *err = NULL;
    if (yamlio_load_values(values_yaml, strlen(values_yaml), &vals, &err) != 0) return false;
    vals.gotype = GT_MAP_VALUES;
    *dot = val_map();
    dot->gotype = GT_MAP_VALUES;
    map_set(*dot, "Values", vals);
    sg_value rel = val_map();
    map_set(rel, "Name", val_cstr("release-name"));
    map_set(rel, "Namespace", val_cstr("default"));
    map_set(*dot, "Release", rel);
    sg_value tm = val_map();
    tm.gotype = GT_MAP_VALUES;
    map_set(tm, "Name", val_cstr("c/templates/a.yaml"));
    map_set(tm, "BasePath", val_cstr("c/templates"));
    map_set(*dot, "Template", tm);
    return true;
}
#endif
