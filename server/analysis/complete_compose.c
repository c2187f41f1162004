/* The compose half of completion.  Where the cursor is in the document is
 * read from the indentation of the lines above it, not from the parsed
 * model: a key being typed is often not YAML yet, and the parser would
 * drop the whole mapping around it.  The key path found this way is then
 * followed through the compose key table (compose_schema_table.c and
 * compose_schema_service.c), the same table the compose-schema rule
 * checks and hover shows, so that completion offers exactly the keys the
 * rule accepts, with the descriptions hover shows.  Names (services,
 * networks …) come from the symbol index, stage names from the model of
 * the Dockerfile the service builds. */
#include <ctype.h>
#include <string.h>

#include "complete_internal.h"
#include "dockls/base/alloc.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/compose.h"
#include "dockls/model/dockerfile.h"
#include "dockls/workspace/files.h"
#include "index.h"
#include "rules/compose/compose_schema.h"
#include "rules/internal.h"

enum { PATH_MAX_DEPTH = 16 };

/* One line's shape: its indentation, the column of its content after an
 * optional `- `, and the key it opens, if any. */
typedef struct {
  size_t indent, content;
  bool dash;
  const char *key;
  size_t key_len;
} LineShape;

static LineShape line_shape(const char *text, size_t line, size_t end) {
  LineShape s = {0, 0, false, NULL, 0};
  size_t p = line;
  while (p < end && text[p] == ' ') p++;
  s.indent = p - line;
  if (p + 1 < end && text[p] == '-' && (text[p + 1] == ' ' || text[p + 1] == '\r')) {
    s.dash = true;
    p++;
    while (p < end && text[p] == ' ') p++;
  }
  s.content = p - line;
  size_t k = p;
  while (k < end && text[k] != ':' && text[k] != '#' && text[k] != '\r' && text[k] != ' ') k++;
  if (k > p && k < end && text[k] == ':' && (k + 1 == end || text[k + 1] == ' ' || text[k + 1] == '\r')) {
    s.key = text + p;
    s.key_len = k - p;
  }
  return s;
}

typedef struct {
  const char *names[PATH_MAX_DEPTH]; /* NULL: a sequence item */
  size_t lens[PATH_MAX_DEPTH];
  size_t depth;
} KeyPath;

/* The keys (and sequence items) that hold a line whose content starts at
 * column `need`, read upwards from `line`. */
static void key_path(const char *text, size_t line, size_t need, bool item, KeyPath *path) {
  const char *rev[PATH_MAX_DEPTH];
  size_t rev_len[PATH_MAX_DEPTH], n = 0;
  bool allow_equal = item; /* a sequence may sit at its key's indentation */
  if (item) rev[n] = NULL, rev_len[n++] = 0;
  while (line > 0 && need > 0 && n < PATH_MAX_DEPTH - 1) {
    size_t end = line - 1, start = end;
    while (start > 0 && text[start - 1] != '\n') start--;
    line = start;
    LineShape s = line_shape(text, start, end);
    if (start + s.content >= end || text[start + s.content] == '#' || text[start + s.content] == '\r') continue;
    if (s.dash && s.indent < need) {
      if (s.key && s.content < need) rev[n] = s.key, rev_len[n++] = s.key_len;
      rev[n] = NULL, rev_len[n++] = 0;
      need = s.indent;
      allow_equal = true;
    } else if (!s.dash && s.key && (s.indent < need || (allow_equal && s.indent == need))) {
      rev[n] = s.key, rev_len[n++] = s.key_len;
      need = s.indent;
      allow_equal = false;
    }
  }
  path->depth = n;
  for (size_t i = 0; i < n; i++) path->names[i] = rev[n - 1 - i], path->lens[i] = rev_len[n - 1 - i];
}

static bool path_is(const KeyPath *p, size_t i, const char *name) {
  return i < p->depth && p->names[i] && p->lens[i] == strlen(name) && strncmp(p->names[i], name, p->lens[i]) == 0;
}

static const SchemaKey *schema_key(const SchemaObj *obj, const char *key, size_t len) {
  if (!obj) return NULL;
  if (!obj->keys) return obj->each;
  for (const SchemaKey *k = obj->keys; k->key; k++)
    if (strlen(k->key) == len && strncmp(k->key, key, len) == 0) return k;
  return NULL;
}

/* Follows the path through the table: the object it ends in (NULL when
 * the path leaves the table) and the key whose value or item it is. */
static const SchemaObj *schema_follow(const KeyPath *path, const SchemaKey **last) {
  const SchemaObj *obj = &schema_top;
  *last = NULL;
  for (size_t i = 0; i < path->depth; i++) {
    if (!path->names[i]) {
      obj = *last ? (*last)->items : NULL;
      continue;
    }
    *last = schema_key(obj, path->names[i], path->lens[i]);
    if (!*last) return NULL;
    obj = (*last)->map;
  }
  return obj;
}

typedef struct {
  Workspace *ws;
  FileId id;
  const char *text;
  size_t len, offset;
  CompletionList *out;
  KeyPath path;
  char *service; /* the service the cursor is in, owned; NULL outside services */
} ComposeCtx;

static const char *const section_of_kind[] = {
    [SYM_SERVICE] = "services", [SYM_NETWORK] = "networks", [SYM_VOLUME] = "volumes",
    [SYM_SECRET] = "secrets",   [SYM_CONFIG] = "configs",
};

/* The names declared under a top-level section, read from the lines: the
 * fallback while the file does not parse, which is often the case in the
 * middle of typing (`network_mode: service:` is not YAML yet). */
static void add_declared_by_lines(ComposeCtx *c, SymKind kind, const char *skip) {
  const char *section = section_of_kind[kind];
  size_t section_len = strlen(section), child_indent = 0;
  bool inside = false;
  for (size_t line = 0; line < c->len;) {
    const char *nl = memchr(c->text + line, '\n', c->len - line);
    size_t end = nl ? (size_t)(nl - c->text) : c->len;
    LineShape s = line_shape(c->text, line, end);
    if (s.key && s.indent == 0) {
      inside = s.key_len == section_len && strncmp(s.key, section, section_len) == 0;
      child_indent = 0;
    } else if (inside && s.key && !s.dash && (child_indent == 0 || s.indent == child_indent) &&
               strncmp(s.key, "x-", 2) != 0 && s.key[0] != '<') {
      child_indent = s.indent;
      char *name = xstrndup(s.key, s.key_len);
      if (!skip || strcmp(name, skip) != 0)
        complete__add(c->out, false, COMPLETE_REFERENCE, name, sym_kind_name(kind), NULL);
      xfree(name);
    }
    line = end + 1;
  }
}

/* The names declared for `kind`, from the symbol index, or from the lines
 * when the file does not parse; `skip` (the service being edited) is left
 * out. */
static void add_declared(ComposeCtx *c, SymKind kind, const char *skip) {
  const ComposeModel *m = ws_compose(c->ws, c->id);
  if (!m || !m->root) {
    add_declared_by_lines(c, kind, skip);
    return;
  }
  SymIndex ix;
  sym_index_build(c->ws, c->id, false, &ix);
  for (size_t i = 0; i < ix.occs.len; i++) {
    const SymOcc *o = &ix.occs.items[i];
    if (o->kind == kind && o->declaration && (!skip || strcmp(o->name, skip) != 0))
      complete__add(c->out, false, COMPLETE_REFERENCE, o->name, sym_kind_name(kind), NULL);
  }
  sym_index_free(&ix);
}

/* The stages of the Dockerfile the current service builds. */
static void add_target_stages(ComposeCtx *c) {
  const ComposeModel *m = ws_compose(c->ws, c->id);
  const char *path = ws_path(c->ws, c->id);
  const ComposeNode *svc = m && c->service ? compose_get(m->services, c->service) : NULL;
  if (!svc || !path) return;
  char *abs = path_absolute(path), *dir = path_dirname(abs), *ctx_dir, *df;
  const char *target;
  FileId dfid;
  if (rules__service_build(svc, dir, &ctx_dir, &df, &target)) {
    const DockerfileModel *dm =
        ws_read_as(c->ws, c->id, df, DOC_KIND_DOCKERFILE, &dfid) ? ws_dockerfile(c->ws, dfid) : NULL;
    for (size_t i = 0; dm && i < dm->stages.len; i++)
      if (dm->stages.items[i].alias)
        complete__add(c->out, false, COMPLETE_STAGE, dm->stages.items[i].alias, "stage", NULL);
    xfree(ctx_dir);
    xfree(df);
  }
  xfree(abs);
  xfree(dir);
}

/* The references a name in the list (or map) under `key` may be. */
static bool add_names_for(ComposeCtx *c, const char *key) {
  if (!c->service) return false;
  if (!strcmp(key, "depends_on") || !strcmp(key, "links") || !strcmp(key, "volumes_from"))
    add_declared(c, SYM_SERVICE, c->service);
  else if (!strcmp(key, "networks")) add_declared(c, SYM_NETWORK, NULL);
  else if (!strcmp(key, "secrets")) add_declared(c, SYM_SECRET, NULL);
  else if (!strcmp(key, "configs")) add_declared(c, SYM_CONFIG, NULL);
  else if (!strcmp(key, "volumes")) add_declared(c, SYM_VOLUME, NULL);
  else return false;
  return true;
}

static bool word_char(char ch) { return ch && !isspace((unsigned char)ch) && ch != '"' && ch != '\''; }

static void set_range(ComposeCtx *c, size_t start) {
  size_t end = c->offset;
  while (end < c->len && word_char(c->text[end])) end++;
  c->out->start = start;
  c->out->end = end;
}

/* Whether the mapping the line at `line` is in (its keys at column
 * `column`) already has `key` on another line: offering it again would
 * write a duplicate key, which YAML rejects. */
static bool key_present(const ComposeCtx *c, size_t line, size_t column, const char *key) {
  size_t key_len = strlen(key);
  for (int dir = -1; dir <= 1; dir += 2) {
    size_t at = line;
    for (;;) {
      size_t start, end;
      if (dir < 0) {
        if (at == 0) break;
        end = at - 1;
        start = end;
        while (start > 0 && c->text[start - 1] != '\n') start--;
      } else {
        const char *nl = memchr(c->text + at, '\n', c->len - at);
        if (!nl) break;
        start = (size_t)(nl - c->text) + 1;
        const char *next = memchr(c->text + start, '\n', c->len - start);
        end = next ? (size_t)(next - c->text) : c->len;
      }
      at = start;
      LineShape s = line_shape(c->text, start, end);
      if (start + s.content >= end || c->text[start + s.content] == '#' || c->text[start + s.content] == '\r')
        continue;
      if (dir > 0 && s.dash && s.indent < column) break; /* the next item of a list */
      if (s.content == column && s.key && s.key_len == key_len && strncmp(s.key, key, key_len) == 0) return true;
      /* A `- ` at the key's own column is an item of a compact sequence
       * under the key above, not the end of the mapping. */
      if (s.indent < column || s.content < column || (s.dash && s.indent < column)) break;
    }
  }
  return false;
}

/* The keys of `obj` missing from the mapping; `bare` when the colon is
 * already written after the word. */
static void add_keys(ComposeCtx *c, const SchemaObj *obj, size_t line, size_t column, bool bare) {
  for (const SchemaKey *k = obj->keys; k->key; k++) {
    if (key_present(c, line, column, k->key)) continue;
    StrBuf detail = STRBUF_INIT, text = STRBUF_INIT;
    compose__schema_types(k->types, &detail);
    strbuf_appendf(&text, bare ? "%s" : "%s: ", k->key);
    CompletionItem *item = complete__add(c->out, false, COMPLETE_KEY, k->key, strbuf_cstr(&detail), strbuf_cstr(&text));
    if (item && k->doc) item->doc = xstrdup(k->doc);
    strbuf_destroy(&detail);
    strbuf_destroy(&text);
  }
}

/* A value after `key: `. */
static void complete_value(ComposeCtx *c, const SchemaObj *obj, const char *key, size_t key_len, size_t word) {
  const SchemaKey *spec = schema_key(obj, key, key_len);
  char *name = xstrndup(key, key_len);
  size_t depth = c->path.depth;
  set_range(c, word);
  if (spec && obj && obj->keys && spec->values) {
    for (size_t i = 0; spec->values[i]; i++)
      complete__add(c->out, false, COMPLETE_VALUE, spec->values[i], name, NULL);
  } else if (!strcmp(name, "network_mode") && depth == 2) {
    if (c->offset - word >= 8 && strncmp(c->text + word, "service:", 8) == 0) {
      set_range(c, word + 8);
      add_declared(c, SYM_SERVICE, c->service);
    } else {
      /* `service:` alone is not valid YAML, so the services come as
       * whole values; `container:` needs a name dockls cannot know. */
      static const char *const modes[] = {"host", "none", "bridge", NULL};
      for (size_t i = 0; modes[i]; i++) complete__add(c->out, false, COMPLETE_VALUE, modes[i], name, NULL);
      size_t first = c->out->items.len;
      add_declared(c, SYM_SERVICE, c->service);
      for (size_t i = first; i < c->out->items.len; i++) {
        CompletionItem *it = &c->out->items.items[i];
        StrBuf b = STRBUF_INIT;
        strbuf_appendf(&b, "service:%s", it->label);
        xfree(it->label);
        xfree(it->text);
        it->label = xstrdup(strbuf_cstr(&b));
        it->text = strbuf_take(&b);
      }
    }
  } else if ((!strcmp(name, "extends") && depth == 2) ||
             (!strcmp(name, "service") && path_is(&c->path, 2, "extends"))) {
    add_declared(c, SYM_SERVICE, c->service);
  } else if (!strcmp(name, "target") && path_is(&c->path, 2, "build")) {
    add_target_stages(c);
  } else if (!strcmp(name, "source") && depth == 4 && c->path.names[2] && !c->path.names[3]) {
    char *list = xstrndup(c->path.names[2], c->path.lens[2]);
    if (!strcmp(list, "secrets") || !strcmp(list, "configs")) add_names_for(c, list);
    xfree(list);
  }
  xfree(name);
}

/* -------------------------------------------------------------- paths */

typedef enum { PATH_NONE, PATH_ANY, PATH_DIRS, PATH_DOCKERFILE, PATH_BIND } PathRole;

/* The values that name a path, by where they sit: `*` is any name, `-` a
 * list item.  A bind-mount source is a path only when it starts like one
 * (`./`, `../`, `/`); otherwise it names a volume. */
static const struct {
  const char *where;
  PathRole role;
} path_values[] = {
    {"services.*.build", PATH_DIRS},         {"services.*.build.context", PATH_DIRS},
    {"services.*.build.dockerfile", PATH_DOCKERFILE}, {"services.*.env_file", PATH_ANY},
    {"services.*.env_file.-", PATH_ANY},     {"services.*.env_file.-.path", PATH_ANY},
    {"services.*.extends.file", PATH_ANY},   {"services.*.volumes.-", PATH_BIND},
    {"services.*.volumes.-.source", PATH_BIND}, {"configs.*.file", PATH_ANY},
    {"secrets.*.file", PATH_ANY},            {"include.-", PATH_ANY},
    {"include.-.path", PATH_ANY},            {"include.-.path.-", PATH_ANY},
};

/* Whether the path (plus `key`, NULL for a list item's own value) is the
 * place `where` describes. */
static bool path_matches(const KeyPath *p, const char *key, size_t key_len, const char *where) {
  size_t n = p->depth + (key ? 1 : 0);
  for (size_t i = 0; i < n; i++) {
    size_t part = strcspn(where, ".");
    if (part == 0) return false;
    const char *name = i < p->depth ? p->names[i] : key;
    size_t len = i < p->depth ? p->lens[i] : key_len;
    bool ok = (part == 1 && where[0] == '-') ? !name
              : (part == 1 && where[0] == '*') ? name != NULL
                                               : name && len == part && strncmp(name, where, part) == 0;
    if (!ok) return false;
    where += part;
    if (*where == '.') where++;
    else if (i + 1 < n) return false;
  }
  return *where == '\0';
}

static PathRole path_role(const KeyPath *p, const char *key, size_t key_len) {
  for (size_t i = 0; i < sizeof path_values / sizeof *path_values; i++)
    if (path_matches(p, key, key_len, path_values[i].where)) return path_values[i].role;
  return PATH_NONE;
}

/* The folder a service's `build.dockerfile` is relative to: its context. */
static char *service_context(ComposeCtx *c, const char *compose_dir) {
  const ComposeModel *m = ws_compose(c->ws, c->id);
  const ComposeNode *svc = m && m->services && c->service ? compose_get(m->services, c->service) : NULL;
  char *context = NULL, *dockerfile = NULL;
  const char *target;
  if (!svc || !rules__service_build(svc, compose_dir, &context, &dockerfile, &target)) return NULL;
  xfree(dockerfile);
  return context;
}

/* Completes the path value starting at `word` when the place it is
 * written names one; false when it does not (other completions apply). */
static bool complete_path_value(ComposeCtx *c, const char *key, size_t key_len, size_t word) {
  PathRole role = path_role(&c->path, key, key_len);
  const char *text = c->text;
  if (role == PATH_NONE) return false;
  /* A mount source that does not start like a path names a volume. */
  if (role == PATH_BIND && (word == c->offset || (text[word] != '.' && text[word] != '/'))) return false;
  const char *doc_path = ws_path(c->ws, c->id);
  /* A document that is no file has no folder to be relative to; past the
   * colon of `SOURCE:TARGET` is the container's side. */
  if (!doc_path || (role == PATH_BIND && memchr(text + word, ':', c->offset - word))) return true;
  size_t end = c->offset;
  while (end < c->len && word_char(text[end]) && !(role == PATH_BIND && text[end] == ':')) end++;
  char *abs = path_absolute(doc_path), *dir = path_dirname(abs);
  char *base = role == PATH_DOCKERFILE ? service_context(c, dir) : xstrdup(dir);
  complete__path(c->ws, c->id, base, text, word, c->offset, end, role == PATH_DIRS, c->out);
  xfree(base);
  xfree(dir);
  xfree(abs);
  return true;
}

/* Whether the key at column `column` of the line holding `offset` has its
 * value on the lines below (indented deeper): a scalar written after its
 * colon would make the file invalid. */
static bool has_block_value(const char *text, size_t len, size_t offset, size_t column) {
  const char *nl = memchr(text + offset, '\n', len - offset);
  for (size_t line = nl ? (size_t)(nl - text) + 1 : len; line < len;) {
    size_t p = line;
    while (p < len && text[p] == ' ') p++;
    if (p < len && text[p] != '\n' && text[p] != '\r' && text[p] != '#')
      return p - line > column || (p - line == column && text[p] == '-');
    nl = memchr(text + line, '\n', len - line);
    line = nl ? (size_t)(nl - text) + 1 : len;
  }
  return false;
}

void complete__compose(Workspace *ws, FileId id, size_t offset, CompletionList *out) {
  const char *text = ws_text(ws, id)->bytes;
  size_t line = offset;
  while (line > 0 && text[line - 1] != '\n') line--;
  LineShape s = line_shape(text, line, offset);
  for (size_t p = line + s.content; p < offset; p++)
    if (text[p] == '#' && (p == line || text[p - 1] == ' ')) return;
  ComposeCtx c = {ws, id, text, ws_text(ws, id)->len, offset, out, {{0}, {0}, 0}, NULL};
  key_path(text, line, s.dash ? s.indent : s.content, s.dash, &c.path);
  if (path_is(&c.path, 0, "services") && c.path.depth > 1 && c.path.names[1])
    c.service = xstrndup(c.path.names[1], c.path.lens[1]);
  const SchemaKey *last;
  const SchemaObj *obj = schema_follow(&c.path, &last);
  size_t content = line + s.content;
  if (s.key) {
    /* `key: value`: the value being typed. */
    size_t word = content + s.key_len + 1;
    while (word < offset && (text[word] == ' ' || text[word] == '"' || text[word] == '\'')) word++;
    /* Past a closing quote, the value is complete. */
    for (size_t p = word; p < offset; p++)
      if (text[p] == '"' || text[p] == '\'') goto done;
    if (word < offset && text[word] == '[') {
      /* A flow sequence (`depends_on: [db, cache]`): the item after the
       * last bracket or comma. */
      /* Past the closing bracket, the sequence is complete. */
      if (memchr(text + word, ']', offset - word)) goto done;
      size_t item = offset;
      while (item > word && text[item - 1] != '[' && text[item - 1] != ',') item--;
      while (item < offset && text[item] == ' ') item++;
      size_t end = offset;
      while (end < c.len && text[end] != ',' && text[end] != ']' && !isspace((unsigned char)text[end])) end++;
      out->start = item;
      out->end = end;
      char *key = xstrndup(s.key, s.key_len);
      if (c.path.depth == 2) add_names_for(&c, key);
      xfree(key);
    } else if (!has_block_value(text, c.len, offset, s.content) &&
               (c.path.depth == 0 || c.path.names[c.path.depth - 1] || obj)) {
      size_t first = out->items.len;
      if (!complete_path_value(&c, s.key, s.key_len, word)) complete_value(&c, obj, s.key, s.key_len, word);
      /* Right after the colon, a value needs the blank YAML requires. */
      for (size_t i = first; word == content + s.key_len + 1 && i < out->items.len; i++) {
        CompletionItem *it = &out->items.items[i];
        StrBuf b = STRBUF_INIT;
        strbuf_appendf(&b, " %s", it->text);
        xfree(it->text);
        it->text = strbuf_take(&b);
      }
    }
  } else {
    /* A list item that names a path (`- ./data:/data`, `- .env`). */
    if (s.dash) {
      size_t word = content;
      if (word < offset && (text[word] == '"' || text[word] == '\'')) word++;
      bool closed = false;
      for (size_t p = word; p < offset; p++) closed = closed || text[p] == '"' || text[p] == '\'';
      if (!closed && complete_path_value(&c, NULL, 0, word)) goto done;
    }
    for (size_t p = content; p < offset; p++)
      if (!word_char(text[p])) goto done;
    /* The word ends at a colon: a key being renamed keeps its own. */
    size_t end = offset;
    while (end < c.len && word_char(text[end]) && text[end] != ':') end++;
    out->start = content;
    out->end = end;
    bool colon_follows = end < c.len && text[end] == ':';
    /* In the blanks before a line's text, anything inserted would run
     * into it. */
    if (!colon_follows && !complete__rest_blank(text, c.len, end)) goto done;
    /* On a blank line above deeper-indented lines, a key written here would
     * take them as its value. */
    if (!colon_follows && has_block_value(text, c.len, offset, s.content)) goto done;
    size_t d = c.path.depth;
    /* A name in a list of references, or a key of a map of them. */
    const char *holder = NULL;
    if (s.dash && d >= 2 && c.path.names[d - 2]) holder = c.path.names[d - 2];
    else if (!s.dash && d >= 1 && c.path.names[d - 1] && obj && !obj->keys) holder = c.path.names[d - 1];
    if (holder && d >= 3 && c.service) {
      char *key = xstrndup(holder, (size_t)(s.dash ? c.path.lens[d - 2] : c.path.lens[d - 1]));
      size_t first = out->items.len;
      add_names_for(&c, key);
      xfree(key);
      /* As keys of a mapping (`depends_on: {db: …}`), the names already
       * there would be written twice. */
      size_t kept = first;
      for (size_t i = first; i < out->items.len; i++) {
        CompletionItem *it = &out->items.items[i];
        if (!s.dash && key_present(&c, line, s.content, it->label)) {
          complete__item_free(it);
        } else {
          out->items.items[kept++] = *it;
        }
      }
      out->items.len = kept;
    }
    if (obj && obj->keys) add_keys(&c, obj, line, s.content, colon_follows);
  }
done:
  xfree(c.service);
}
