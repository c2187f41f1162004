/* .dockls.yaml: lookup and parsing.  This is the one workspace file that
 * uses libyaml (the syntax layer's yaml_check is the other libyaml user):
 * the configuration is small and libyaml's document loader gives it to us
 * as nodes with marks, which is all that is needed.  Only two levels are
 * walked (the top mapping, then `rules` and `ignore_paths`), so aliases
 * cannot make the walk expensive. */
#include "dockls/workspace/config.h"

#include <string.h>
#include <yaml.h>

#include "dockls/base/strbuf.h"
#include "dockls/syntax/yaml_check.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "ws_internal.h"

void config_delete(Config *c) {
  if (!c) return;
  for (size_t i = 0; i < c->rules.len; i++) {
    xfree(c->rules.items[i].rule);
    xfree(c->rules.items[i].value);
  }
  array_delete(&c->rules);
  strarray_delete(&c->ignore_paths);
  for (size_t i = 0; i < c->problems.len; i++) xfree(c->problems.items[i].message);
  array_delete(&c->problems);
  xfree(c->dir);
  xfree(c);
}

static void config_problem(Config *c, size_t start, size_t end, const char *message) {
  ConfigProblem p = {start, end, xstrdup(message)};
  array_push(&c->problems, p);
}

typedef struct {
  const TextDoc *text;
  yaml_document_t *doc;
} Loader;

static size_t config_at(const Loader *l, yaml_mark_t mark) {
  return yaml_mark_offset(l->text->bytes, l->text->len, mark.index);
}

static char *config_scalar(const yaml_node_t *n) {
  return xstrndup((const char *)n->data.scalar.value, n->data.scalar.length);
}

static void config_read_rules(Config *c, const Loader *l, yaml_node_t *map) {
  if (map->type != YAML_MAPPING_NODE) {
    config_problem(c, config_at(l, map->start_mark), config_at(l, map->end_mark),
                   "`rules` must be a mapping of rule ids to off, error, warning, info or hint");
    return;
  }
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(l->doc, p->key), *v = yaml_document_get_node(l->doc, p->value);
    if (!k || !v || k->type != YAML_SCALAR_NODE || v->type != YAML_SCALAR_NODE) {
      yaml_node_t *at = k ? k : map;
      config_problem(c, config_at(l, at->start_mark), config_at(l, at->end_mark),
                     "each rule needs a level: off, error, warning, info or hint");
      continue;
    }
    ConfigRule r = {config_scalar(k), config_scalar(v), config_at(l, k->start_mark), config_at(l, k->end_mark),
                    config_at(l, v->start_mark), config_at(l, v->end_mark)};
    array_push(&c->rules, r);
  }
}

static void config_read_ignores(Config *c, const Loader *l, yaml_node_t *seq) {
  if (seq->type != YAML_SEQUENCE_NODE) {
    config_problem(c, config_at(l, seq->start_mark), config_at(l, seq->end_mark),
                   "`ignore_paths` must be a list of paths or glob patterns");
    return;
  }
  for (yaml_node_item_t *i = seq->data.sequence.items.start; i < seq->data.sequence.items.top; i++) {
    yaml_node_t *n = yaml_document_get_node(l->doc, *i);
    if (!n || n->type != YAML_SCALAR_NODE) {
      if (n) config_problem(c, config_at(l, n->start_mark), config_at(l, n->end_mark),
                            "an ignore_paths entry must be a string");
      continue;
    }
    array_push(&c->ignore_paths, config_scalar(n));
  }
}

/* hadolint's own configuration: `ignored: [DL3008, …]` turns codes off;
 * `override: {error: [...], warning: [...], info: [...], style: [...]}`
 * sets their levels (style is our hint); `disable-ignore-pragma` turns
 * its inline pragmas off.  Every other key is hadolint's
 * business (trusted registries, label schemas, …) and is left alone, as
 * are entries of other shapes: the file belongs to another tool, so
 * nothing in it is reported. */
static void config_read_hadolint_codes(Config *c, const Loader *l, yaml_node_t *list, const char *level) {
  if (list->type != YAML_SEQUENCE_NODE) return;
  for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
    yaml_node_t *code = yaml_document_get_node(l->doc, *it);
    if (!code || code->type != YAML_SCALAR_NODE) continue;
    size_t at = config_at(l, code->start_mark), end = config_at(l, code->end_mark);
    ConfigRule r = {config_scalar(code), xstrdup(level), at, end, at, end};
    array_push(&c->rules, r);
  }
}

static void config_read_hadolint(Config *c, const Loader *l, yaml_node_t *root) {
  static const struct {
    const char *hadolint, *level;
  } levels[] = {{"error", "error"}, {"warning", "warning"}, {"info", "info"}, {"style", "hint"}};
  c->hadolint = true;
  if (!root || root->type != YAML_MAPPING_NODE) return;
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(l->doc, p->key), *v = yaml_document_get_node(l->doc, p->value);
    if (!k || !v || k->type != YAML_SCALAR_NODE) continue;
    const char *key = (const char *)k->data.scalar.value;
    if (strcmp(key, "ignored") == 0) config_read_hadolint_codes(c, l, v, "off");
    /* hadolint reads YAML 1.2 booleans; its inline pragmas are then not
     * honoured, and neither are they by dockls under that file. */
    if (strcmp(key, "disable-ignore-pragma") == 0 && v->type == YAML_SCALAR_NODE) {
      const char *b = (const char *)v->data.scalar.value;
      c->hadolint_no_pragmas = strcmp(b, "true") == 0 || strcmp(b, "True") == 0 || strcmp(b, "TRUE") == 0;
    }
    if (strcmp(key, "override") != 0 || v->type != YAML_MAPPING_NODE) continue;
    for (yaml_node_pair_t *o = v->data.mapping.pairs.start; o < v->data.mapping.pairs.top; o++) {
      yaml_node_t *ok = yaml_document_get_node(l->doc, o->key), *ov = yaml_document_get_node(l->doc, o->value);
      if (!ok || !ov || ok->type != YAML_SCALAR_NODE) continue;
      for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
        if (strcmp((const char *)ok->data.scalar.value, levels[i].hadolint) == 0)
          config_read_hadolint_codes(c, l, ov, levels[i].level);
    }
  }
}

static bool config_is_hadolint(const char *path) {
  const char *base = path ? strrchr(path, '/') : NULL;
  base = base ? base + 1 : path;
  return base && (strcmp(base, ".hadolint.yaml") == 0 || strcmp(base, ".hadolint.yml") == 0);
}

static Config *config_parse(FileId file, const char *path, const TextDoc *text) {
  Config *c = xcalloc(1, sizeof *c);
  c->file = file;
  char *abs = path ? path_absolute(path) : NULL;
  c->dir = abs ? path_dirname(abs) : xstrdup(".");
  xfree(abs);
  yaml_parser_t parser;
  yaml_document_t doc;
  if (!yaml_parser_initialize(&parser)) return c;
  yaml_parser_set_input_string(&parser, (const unsigned char *)text->bytes, text->len);
  if (!yaml_parser_load(&parser, &doc)) {
    YamlProblem problem;
    if (!yaml_check(text->bytes, text->len, &problem)) {
      /* Like syntax-error: from libyaml's position to the end of its line. */
      size_t end = problem.offset;
      while (end < text->len && text->bytes[end] != '\n' && text->bytes[end] != '\r') end++;
      config_problem(c, problem.offset, end, problem.message);
      xfree(problem.message);
    } else {
      config_problem(c, 0, 0, parser.problem ? parser.problem : "invalid YAML");
    }
    yaml_parser_delete(&parser);
    return c;
  }
  Loader l = {text, &doc};
  yaml_node_t *root = yaml_document_get_root_node(&doc);
  if (config_is_hadolint(path)) {
    config_read_hadolint(c, &l, root);
  } else if (root && root->type != YAML_MAPPING_NODE) {
    config_problem(c, config_at(&l, root->start_mark), config_at(&l, root->end_mark),
                   "the configuration must be a mapping with `rules` and `ignore_paths`");
  } else if (root) {
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
      yaml_node_t *k = yaml_document_get_node(&doc, p->key), *v = yaml_document_get_node(&doc, p->value);
      if (!k || !v) continue;
      const char *key = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : "";
      if (strcmp(key, "rules") == 0) {
        config_read_rules(c, &l, v);
      } else if (strcmp(key, "ignore_paths") == 0) {
        config_read_ignores(c, &l, v);
      } else {
        StrBuf m = STRBUF_INIT;
        strbuf_appendf(&m, "unknown key `%s` (the configuration knows `rules` and `ignore_paths`)", key);
        config_problem(c, config_at(&l, k->start_mark), config_at(&l, k->end_mark), strbuf_cstr(&m));
        strbuf_destroy(&m);
      }
    }
  }
  yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
  return c;
}

const Config *ws_config_of(Workspace *ws, FileId config_file) {
  Document *doc = ws__doc(ws, config_file);
  /* Parsed on first use after each change, like the other models. */
  if (!doc->config) doc->config = config_parse(config_file, doc->path, &doc->text);
  return doc->config;
}

void ws_use_config(Workspace *ws, FileId config_file) {
  ws__note_change(ws, NULL);
  ws->has_fixed_config = true;
  ws->fixed_config = config_file;
}

static const char *const dockls_names[2] = {".dockls.yaml", ".dockls.yml"};
static const char *const hadolint_names[2] = {".hadolint.yaml", ".hadolint.yml"};

/* The nearest of `names` from `start` up to `root` (or `start` alone
 * without a root); every candidate read is a dependency of `file`. */
static const Config *config_search(Workspace *ws, FileId file, const char *start, const char *root,
                                   const char *const names[2]) {
  const Config *found = NULL;
  char *dir = xstrdup(start);
  for (int depth = 0; depth < 64 && !found; depth++) {
    for (size_t i = 0; i < 2 && !found; i++) {
      char *candidate = path_join(dir, names[i]);
      FileId id;
      if (ws_read(ws, file, candidate, &id)) found = ws_config_of(ws, id);
      xfree(candidate);
    }
    /* Stop at the root (or, without one, after the file's own folder). */
    if (!root || strcmp(dir, root) == 0 || strcmp(dir, "/") == 0) break;
    size_t n = strlen(root);
    if (strncmp(dir, root, n) != 0 || dir[n] != '/') break; /* outside the root already */
    char *up = path_dirname(dir);
    xfree(dir);
    dir = up;
  }
  xfree(dir);
  return found;
}

static const Config *config_find(Workspace *ws, FileId file, const char *path) {
  char *abs = path_absolute(path);
  char *dir = path_dirname(abs);
  char *root = ws_root(ws) ? path_absolute(ws_root(ws)) : NULL;
  const Config *found = config_search(ws, file, dir, root, dockls_names);
  if (!found) found = config_search(ws, file, dir, root, hadolint_names);
  xfree(dir);
  xfree(abs);
  xfree(root);
  return found;
}

/* Every analysis asks for its document's configuration, and the search
 * joins and looks up two names in every folder up to the root: the answer
 * is kept on the document while nothing outside it changes (a
 * configuration file edited, written or removed on disk, the root or
 * settings changed all count), and the paths it read are recorded as
 * dependencies again. */
const Config *ws_config(Workspace *ws, FileId file) {
  if (ws->has_fixed_config) {
    const char *config_path = ws_path(ws, ws->fixed_config);
    if (config_path) ws__deps_add(ws, file, config_path);
    return ws_config_of(ws, ws->fixed_config);
  }
  const char *path = ws_path(ws, file);
  if (!path) return NULL;
  Document *doc = ws__doc(ws, file);
  uint64_t outside = ws_outside_changes(ws, file);
  if (doc->config_known && doc->config_outside == outside &&
      (doc->config_none || ws_is_live(ws, doc->config_doc))) {
    ws_deps_record_all(ws, file, &doc->config_reads);
    return doc->config_none ? NULL : ws_config_of(ws, doc->config_doc);
  }
  StrArray reads;
  array_init(&reads);
  StrArray *outer = ws_deps_capture(ws, &reads);
  const Config *found = config_find(ws, file, path);
  ws_deps_capture_end(ws, outer, &reads);
  strarray_delete(&doc->config_reads);
  doc->config_reads = reads;
  doc->config_known = true;
  doc->config_outside = outside;
  doc->config_none = !found;
  doc->config_doc = found ? found->file : 0;
  return found;
}


void ws_set_overrides(Workspace *ws, const ConfigRule *rules, size_t count) {
  ws__note_change(ws, NULL);
  for (size_t i = 0; i < ws->overrides.len; i++) {
    xfree(ws->overrides.items[i].rule);
    xfree(ws->overrides.items[i].value);
  }
  array_clear(&ws->overrides);
  for (size_t i = 0; i < count; i++) {
    ConfigRule r = {xstrdup(rules[i].rule), xstrdup(rules[i].value), 0, 0, 0, 0};
    array_push(&ws->overrides, r);
  }
}

const ConfigRuleArray *ws_overrides(const Workspace *ws) { return &ws->overrides; }
