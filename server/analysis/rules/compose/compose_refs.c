/* compose-unknown-service: a reference to a service that does not exist,
 * in `depends_on`, `links` (`SERVICE[:ALIAS]`), `extends.service` (same
 * file only), `network_mode: service:X` and `volumes_from` (`X[:ro|rw]`,
 * not `container:X`).
 *
 * Compose projects are often split over several files (a base file plus
 * `docker-compose.override.yml` or `compose.prod.yaml`), and a reference
 * in one file may name a service of another.  So the known services are
 * those of every compose file in the same folder (read through ws_read,
 * which records the dependency) and of the files it `include:`s; when an
 * included file cannot be read the file is not checked.
 *
 * Fix: when exactly one known service is within edit distance 2, rename
 * the reference to it. */
#include <string.h>

#include "compose_rules.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"

typedef Array(const char *) NameArray;

/* False when the file's list of services is incomplete (a partial model
 * of a file being edited), so that no name can be called unknown. */
static bool refs_add_services(const ComposeModel *model, NameArray *names) {
  if (!model || !model->services) return !model || !model->partial;
  for (size_t i = 0; i < model->services->npairs; i++) array_push(names, model->services->pairs[i].key);
  return !model->partial;
}

/* A folder with more compose files than this is a collection of examples,
 * not one project split over files; its siblings are not read (and the
 * rule stays silent there, since it cannot know which belong together). */
#define REFS_MAX_SIBLINGS 16

/* The services of the sibling compose files; false when there are too
 * many siblings to tell. */
static bool refs_sibling_services(RuleCtx *ctx, NameArray *names) {
  char *dir = compose__dir(ctx);
  if (!dir) return true;
  bool ok = true;
  const StrArray *entries = ws_list(ctx->ws, ctx->file, dir);
  if (entries) {
    /* Counting stops once the folder is known to be a collection: in a
     * folder of hundreds of compose files, naming the kind of every entry
     * for each of them made `dockls check` quadratic in the folder. */
    size_t siblings = 0;
    for (size_t i = 0; i < entries->len && siblings <= REFS_MAX_SIBLINGS; i++)
      siblings += doc_kind_from_name(entries->items[i]) == DOC_KIND_COMPOSE;
    if (siblings > REFS_MAX_SIBLINGS) ok = false;
    for (size_t i = 0; ok && i < entries->len; i++) {
      if (doc_kind_from_name(entries->items[i]) != DOC_KIND_COMPOSE) continue;
      char *path = path_join(dir, entries->items[i]);
      FileId id;
      const char *own = ws_path(ctx->ws, ctx->file);
      if ((!own || strcmp(own, path) != 0) && ws_read(ctx->ws, ctx->file, path, &id))
        ok = refs_add_services(ws_compose(ctx->ws, id), names);
      xfree(path);
    }
  }
  xfree(dir);
  return ok;
}

/* Adds the services of one included file; false when it cannot be read. */
static bool refs_include_one(RuleCtx *ctx, const char *dir, const ComposeNode *path, NameArray *names) {
  if (!compose_is_scalar(path) || strchr(path->text, '$')) return false;
  char *full = path_join(dir, path->text);
  FileId id;
  bool ok = ws_read_as(ctx->ws, ctx->file, full, DOC_KIND_COMPOSE, &id);
  xfree(full);
  return ok && refs_add_services(ws_compose(ctx->ws, id), names);
}

/* The services of the files named by top-level `include:` (a list of
 * paths, or of `{path: … | [ … ]}` entries, relative to this file's
 * folder); false when one cannot be read, since a reference may then
 * name a service we cannot see. */
static bool refs_include_services(RuleCtx *ctx, const ComposeNode *include, NameArray *names) {
  if (include->kind != COMPOSE_NODE_SEQ) return false;
  char *dir = compose__dir(ctx);
  if (!dir) return false;
  bool ok = true;
  for (size_t i = 0; ok && i < include->nitems; i++) {
    const ComposeNode *item = include->items[i];
    const ComposeNode *path = item->kind == COMPOSE_NODE_MAP ? compose_get(item, "path") : item;
    if (path && path->kind == COMPOSE_NODE_SEQ) {
      for (size_t k = 0; ok && k < path->nitems; k++) ok = refs_include_one(ctx, dir, path->items[k], names);
    } else {
      ok = path && refs_include_one(ctx, dir, path, names);
    }
  }
  xfree(dir);
  return ok;
}

static bool refs_known(const NameArray *names, const char *name, size_t len) {
  for (size_t i = 0; i < names->len; i++)
    if (strlen(names->items[i]) == len && memcmp(names->items[i], name, len) == 0) return true;
  return false;
}

/* Reports node->text[off, off+len) when it names no known service. */
static void refs_check(RuleCtx *ctx, const NameArray *names, const ComposeNode *node, size_t off,
                       size_t len, const char *where) {
  if (!compose_is_scalar(node) || len == 0) return;
  const char *name = node->text + off;
  if (memchr(name, '$', len) || refs_known(names, name, len)) return;
  size_t start = node->start, end = node->end;
  bool exact = compose_text_offset(node, off, &start) && compose_text_offset(node, off + len, &end);
  if (compose__reported(ctx, RULE_COMPOSE_UNKNOWN_SERVICE, start, end)) return;
  char *shown = xstrndup(name, len);
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_UNKNOWN_SERVICE, ctx->file, start, end,
                     "%s names `%s`, which is not a service of this project", where, shown);
  const char *best = NULL;
  size_t near = 0;
  for (size_t i = 0; i < names->len; i++) {
    if (compose__distance(shown, names->items[i], 2) > 2) continue;
    if (best && strcmp(best, names->items[i]) == 0) continue;
    best = names->items[i];
    near++;
  }
  char *written = exact && near == 1 ? compose__scalar_text(node, start, end, best) : NULL;
  if (written) {
    StrBuf title = STRBUF_INIT;
    strbuf_appendf(&title, "Rename to `%s`", best);
    Fix *fix = rules__add_fix(ctx, d, title.data, true);
    fix_add_edit(fix, ctx->file, start, end, written);
    strbuf_destroy(&title);
    xfree(written);
  }
  xfree(shown);
}

/* A depends_on entry in map form is a key, not a scalar node: build a
 * stand-in scalar over the key's range so the same check applies. */
static void refs_check_key(RuleCtx *ctx, const NameArray *names, const ComposePair *pair,
                           const char *where) {
  ComposeNode key = {.kind = COMPOSE_NODE_SCALAR, .text = pair->key, .start = pair->key_start,
                     .end = pair->key_end};
  const char *src = ctx->text->bytes + pair->key_start;
  size_t klen = strlen(pair->key);
  key.verbatim = pair->key_end - pair->key_start == klen && memcmp(src, pair->key, klen) == 0;
  if (!key.verbatim && pair->key_end - pair->key_start == klen + 2 && memcmp(src + 1, pair->key, klen) == 0) {
    key.verbatim = true;
    key.style = COMPOSE_STYLE_DOUBLE;
  }
  refs_check(ctx, names, &key, 0, klen, where);
}

static void refs_service(RuleCtx *ctx, const NameArray *names, const ComposeNode *service) {
  const ComposeNode *deps = compose_get(service, "depends_on");
  if (deps && deps->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < deps->nitems; i++)
      if (compose_is_scalar(deps->items[i]))
        refs_check(ctx, names, deps->items[i], 0, strlen(deps->items[i]->text), "depends_on");
  } else if (deps && deps->kind == COMPOSE_NODE_MAP) {
    for (size_t i = 0; i < deps->npairs; i++) refs_check_key(ctx, names, &deps->pairs[i], "depends_on");
  }
  const ComposeNode *links = compose_get(service, "links");
  if (links && links->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < links->nitems; i++) {
      const ComposeNode *item = links->items[i];
      if (!compose_is_scalar(item)) continue;
      const char *colon = strchr(item->text, ':');
      refs_check(ctx, names, item, 0, colon ? (size_t)(colon - item->text) : strlen(item->text), "links");
    }
  }
  const ComposeNode *extends = compose_get(service, "extends");
  if (extends && extends->kind == COMPOSE_NODE_MAP && !compose_get(extends, "file")) {
    const ComposeNode *svc = compose_get(extends, "service");
    if (compose_is_scalar(svc)) refs_check(ctx, names, svc, 0, strlen(svc->text), "extends");
  } else if (compose_is_scalar(extends)) {
    refs_check(ctx, names, extends, 0, strlen(extends->text), "extends");
  }
  const ComposeNode *mode = compose_get(service, "network_mode");
  if (compose_is_scalar(mode) && strncmp(mode->text, "service:", 8) == 0)
    refs_check(ctx, names, mode, 8, strlen(mode->text) - 8, "network_mode");
  const ComposeNode *from = compose_get(service, "volumes_from");
  if (from && from->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < from->nitems; i++) {
      const ComposeNode *item = from->items[i];
      if (!compose_is_scalar(item) || strncmp(item->text, "container:", 10) == 0) continue;
      const char *colon = strchr(item->text, ':');
      refs_check(ctx, names, item, 0, colon ? (size_t)(colon - item->text) : strlen(item->text),
                 "volumes_from");
    }
  }
}

/* What the rule reads: of each service its name and references, of the
 * rest of the file the `include:` list and whether the model is partial
 * (the sibling files are outside the document). */
void compose__unknown_service_facts(RuleCtx *ctx, const ComposePair *service, StrBuf *out) {
  static const char *const keys[] = {"depends_on", "links", "extends", "network_mode", "volumes_from", NULL};
  if (service) {
    compose__service_facts(service, keys, out);
    return;
  }
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  strbuf_append_char(out, model && model->partial ? 'p' : 'w');
  compose__value_facts(model ? compose_get(model->root, "include") : NULL, out);
}

void compose__unknown_service(RuleCtx *ctx) {
  const ComposeModel *model = ws_compose(ctx->ws, ctx->file);
  /* A partial model lost a damaged entry with its name: any name not
   * found might be that one. */
  if (!model || !model->services || model->partial) return;
  NameArray names;
  array_init(&names);
  refs_add_services(model, &names);
  const ComposeNode *include = compose_get(model->root, "include");
  if (include && !refs_include_services(ctx, include, &names)) {
    array_delete(&names);
    return;
  }
  if (!refs_sibling_services(ctx, &names)) {
    array_delete(&names);
    return;
  }
  for (size_t i = 0; i < model->services->npairs; i++)
    refs_service(ctx, &names, model->services->pairs[i].value);
  array_delete(&names);
}
