/* yaml_check for a compose file being typed in, without running libyaml
 * over the whole file on every keystroke.
 *
 * libyaml has no incremental mode, and tree-sitter-yaml's verdict cannot
 * replace it: it accepts mistakes libyaml (and so Compose) refuses, such
 * as a tab in an indentation, an empty key (`: x`), a backtick, a
 * malformed anchor or tag (docs/performance.md).  So the file is cut into
 * pieces whose verdicts together decide the whole one: each service under
 * a top-level `services:` key, and the rest of the file with the services
 * left out.  A piece libyaml accepted before is not checked again.  When
 * every piece passes, the file is valid; otherwise (or when the file does
 * not have the shape the argument needs) libyaml checks the whole text as
 * before, so that its error and position are exactly yaml_check's. */
#ifndef DOCKLS_SYNTAX_YAML_CHUNKS_H_
#define DOCKLS_SYNTAX_YAML_CHUNKS_H_

#include <stdint.h>

#include "dockls/syntax/yaml_check.h"
#include "dockls/text/edit.h"

typedef struct YamlChunks YamlChunks;

/* An empty cache.  Free with yaml_chunks_delete. */
YamlChunks *yaml_chunks_new(void);
void yaml_chunks_delete(YamlChunks *self);

/* yaml_check's answer for the text (the same result and problem), using
 * and refreshing the pieces `self` remembers as valid. */
bool yaml_chunks_check(YamlChunks *self, const char *bytes, size_t len, YamlProblem *problem);

/* yaml_chunks_check of a text the caller names with `text_id` (not 0; a
 * new number whenever the text changes, ws_text_generation).  `since`,
 * when not NULL, says how this text differs from the last one checked,
 * which was the text named yaml_chunks_text_id(self): with it, an edit
 * inside one service is found without comparing the two texts, which
 * read every byte of the file on each keystroke. */
bool yaml_chunks_check_since(YamlChunks *self, const char *bytes, size_t len, uint64_t text_id,
                             const TextDelta *since, YamlProblem *problem);
/* The text_id of the last text checked, 0 when that text had none (a
 * check without one, or a repaired copy given to yaml_chunks_locate). */
uint64_t yaml_chunks_text_id(const YamlChunks *self);

/* For compose_model_build_recovering, which needs to know where a mistake
 * is but not libyaml's first error in the whole text: true when the text
 * is valid; otherwise *origin is a YamlProblem.origin inside the first
 * service libyaml refuses alone, or the whole text's when none does (the
 * mistake is outside the services, or the file does not cut). */
bool yaml_chunks_locate(YamlChunks *self, const char *bytes, size_t len, size_t *origin);

#endif
