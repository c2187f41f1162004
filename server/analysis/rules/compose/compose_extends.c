/* `extends`: a service takes another's configuration (in the same file,
 * or `extends: {file: other.yaml, service: x}`) and overrides it.  Rules
 * that ask "does this service set X?" follow the chain: the first service
 * of the chain (the extending one first) that sets the path answers.
 * Mappings are merged by Compose, so a path set anywhere in the chain is
 * set.  Other files are read through ws_read, so editing a base file
 * re-publishes the files that extend it.  A chain that cannot be followed
 * (a missing file or service, a cycle, too deep) makes the answer
 * unknown, and rules stay silent. */
#include <string.h>

#include "compose_rules.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"

#define EXTENDS_MAX_DEPTH 8

/* The service `service` (in `file`) extends.  *base is NULL when it
 * extends nothing; false when the base cannot be found. */
static bool extends_base(const RuleCtx *ctx, FileId file, const ComposeNode *service, FileId *base_file,
                         const ComposeNode **base) {
  *base = NULL;
  const ComposeNode *ext = compose_get(service, "extends");
  if (!ext) return true;
  const char *name = NULL, *other = NULL;
  if (compose_is_scalar(ext)) {
    name = ext->text;
  } else if (ext->kind == COMPOSE_NODE_MAP) {
    name = compose_get_text(ext, "service");
    other = compose_get_text(ext, "file");
  }
  if (!name || strchr(name, '$') || (other && strchr(other, '$'))) return false;
  *base_file = file;
  if (other) {
    const char *own = ws_path(ctx->ws, file);
    if (!own) return false;
    char *dir = path_dirname(own);
    char *path = path_join(dir, other);
    bool read = ws_read_as(ctx->ws, ctx->file, path, DOC_KIND_COMPOSE, base_file);
    xfree(path);
    xfree(dir);
    if (!read) return false;
  }
  const ComposeModel *m = ws_compose(ctx->ws, *base_file);
  *base = m && m->services ? compose_get(m->services, name) : NULL;
  return *base != NULL && (*base)->kind == COMPOSE_NODE_MAP;
}

const ComposeNode *compose__service_lookup(const RuleCtx *ctx, const ComposeNode *service,
                                           const char *const *path, size_t depth_of_path,
                                           FileId *where, bool *unknown) {
  FileId file = ctx->file;
  const ComposeNode *chain[EXTENDS_MAX_DEPTH + 1];
  size_t n = 0;
  *unknown = false;
  for (const ComposeNode *s = service; s;) {
    for (size_t i = 0; i < n; i++)
      if (chain[i] == s) {
        *unknown = true; /* a cycle: Compose refuses it */
        return NULL;
      }
    if (n > EXTENDS_MAX_DEPTH) {
      *unknown = true;
      return NULL;
    }
    chain[n++] = s;
    const ComposeNode *node = s;
    for (size_t k = 0; node && k < depth_of_path; k++) node = compose_get(node, path[k]);
    if (node) {
      if (where) *where = file;
      return node;
    }
    const ComposeNode *base;
    FileId base_file = file;
    if (!extends_base(ctx, file, s, &base_file, &base)) {
      *unknown = true;
      return NULL;
    }
    s = base;
    file = base_file;
  }
  return NULL;
}
