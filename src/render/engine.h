/* engine.h - Helm's render engine (pkg/engine/engine.go): the dot of every chart, one
 * template set parsed in Helm's order, every non-partial template executed. */
#ifndef SG_ENGINE_H
#define SG_ENGINE_H
#include "../chart/chart.h"
#include "../value/value.h"
#include "manifest.h"
#include <stddef.h>

/* Render the templates of `root` and of its enabled subcharts (recursively).
 * `values` is the coalesced root .Values; `release` and `caps` are the .Release and
 * .Capabilities objects.  Returns the rendered files (path = template name, text with
 * "<no value>" removed) in Helm's execution order; partials (`_*`) are not included,
 * NOTES.txt is.  Throws the parse/exec error chain (format it with err_format). */
mf_file *engine_render(sg_helmchart *root, sg_value values, sg_value release, sg_value caps, size_t *n);

/* Helm's sortTemplates order for template names: more '/' first, ties in reverse byte
 * order.  Sorts `names` in place. */
void engine_sort_names(const char **names, size_t n);

/* CRD files of `root` and its enabled subcharts in Helm's CRDObjects order, with paths
 * "<chart full path>/crds/<file>" (only .yaml/.yml/.json). */
mf_file *engine_crds(sg_helmchart *root, size_t *n);

#endif
