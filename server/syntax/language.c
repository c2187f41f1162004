/* The only file that names the grammar entry points.  Grammars compiled
 * from npm carry their own copy of tree-sitter's parser.h, so their
 * declarations are repeated here instead of including their headers. */
#include "dockls/syntax/language.h"

#include <stddef.h>

#include "dockls/base/alloc.h"
#include "syntax_internal.h"

const TSLanguage *tree_sitter_bash(void);
#ifdef DOCKLS_HAVE_DOCKERFILE_GRAMMAR
const TSLanguage *tree_sitter_dockerfile(void);
#endif

const TSLanguage *language_get(LangId id) {
  switch (id) {
    case LANG_YAML:
      return yaml_language_position_free();
    case LANG_BASH:
      return tree_sitter_bash();
    case LANG_DOCKERFILE:
#ifdef DOCKLS_HAVE_DOCKERFILE_GRAMMAR
      return tree_sitter_dockerfile();
#else
      return NULL;
#endif
    case LANG__COUNT:
      break;
  }
  return NULL;
}

const char *language_name(LangId id) {
  static const char *const names[LANG__COUNT] = {"dockerfile", "yaml", "bash"};
  return id < LANG__COUNT ? names[id] : "unknown";
}

void syntax_install_allocator(void) {
  static bool installed;
  if (installed) return;
  installed = true;
  ts_set_allocator(xmalloc, xcalloc, xrealloc, xfree);
}
