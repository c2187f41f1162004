/* realpath is X/Open, beyond the POSIX.1-2008 base the build selects. */
#define _XOPEN_SOURCE 700

/* The document store.  Documents live in a slot array indexed by FileId;
 * a closed document's slot is emptied and never reused, so a stale FileId
 * held by a cache can be detected with ws_is_live instead of silently
 * naming another file.  Each document owns its text, its syntax tree (when
 * a grammar exists for its kind) and lazily built models, which are dropped
 * whenever the text changes. */
#include "dockls/workspace/workspace.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/array.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/uri.h"
#include "dockls/base/utf.h"
#include "dockls/model/compose.h"
#include "dockls/syntax/yaml_chunks.h"
#include "dockls/workspace/config.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "ws_internal.h"

/* --- Path index --- */

static size_t ws_hash(const char *s) {
  size_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static void ws_index_put(Workspace *self, FileId id);

static void ws_index_grow(Workspace *self) {
  size_t n = self->index.len ? self->index.len * 4 : 256;
  for (size_t i = 0; i < self->index.len; i++) array_delete(&self->index.items[i]);
  array_delete(&self->index);
  array_reserve(&self->index, n);
  for (size_t i = 0; i < n; i++) array_init(&self->index.items[i]);
  self->index.len = n;
  for (FileId id = 0; id < self->docs.len; id++)
    if (self->docs.items[id]) ws_index_put(self, id);
}

static void ws_index_put(Workspace *self, FileId id) {
  const char *abs = self->docs.items[id]->abs;
  if (!abs) return;
  if (self->docs.len > self->index.len * 2) {
    ws_index_grow(self); /* re-adds every live document, this one included */
    return;
  }
  array_push(&self->index.items[ws_hash(abs) % self->index.len], id);
}

static void ws_index_drop(Workspace *self, FileId id) {
  const char *abs = self->docs.items[id] ? self->docs.items[id]->abs : NULL;
  if (!abs || !self->index.len) return;
  FileIdBucket *b = &self->index.items[ws_hash(abs) % self->index.len];
  for (size_t i = 0; i < b->len; i++)
    if (b->items[i] == id) {
      b->items[i] = b->items[--b->len];
      return;
    }
}

bool ws__index_find(const Workspace *self, const char *abs, FileId *out) {
  if (!self->index.len) return false;
  const FileIdBucket *b = &self->index.items[ws_hash(abs) % self->index.len];
  bool found = false;
  for (size_t i = 0; i < b->len; i++) {
    const Document *doc = self->docs.items[b->items[i]];
    if (!doc || strcmp(doc->abs, abs) != 0) continue;
    if (!found || doc->open) *out = b->items[i];
    found = true;
    if (doc->open) break;
  }
  return found;
}

Workspace *ws_new(const char *root) { return ws_new_with_fs(root, fs_real()); }

Workspace *ws_new_with_fs(const char *root, const Fs *fs) {
  Workspace *self = xcalloc(1, sizeof *self);
  self->parsers = syntax_parsers_new();
  self->disk = fs_cache_new(fs);
  self->fs = fs_cache_fs(self->disk);
  ws_set_root(self, root);
  return self;
}

static void ws_drop_models(Document *doc) {
  /* The compose model is kept one edit longer: the next one takes the
   * services the edits did not touch from it. */
  if (doc->compose) {
    compose_model_delete(doc->compose_prev);
    doc->compose_prev = doc->compose;
    doc->compose = NULL;
    doc->since_prev_known = false; /* ws_after_edit says what changed when it knows */
  }
  /* The Dockerfile model is kept one edit longer: the next one takes the
   * scripts of unchanged instructions from it. */
  if (doc->dockerfile) {
    dockerfile_model_delete(doc->dockerfile_prev);
    doc->dockerfile_prev = doc->dockerfile;
    doc->dockerfile = NULL;
    doc->since_prev_known = false; /* ws_after_edit says what changed when it knows */
  }
  config_delete(doc->config);
  doc->config = NULL;
}

static void ws_drop_analysis_cache(Document *doc) {
  if (doc->analysis_cache) doc->analysis_cache_free(doc->analysis_cache);
  doc->analysis_cache = NULL;
  doc->analysis_cache_free = NULL;
  doc->analysis_cache_reads = NULL;
}

void ws__free_doc(Document *doc) {
  if (!doc) return;
  strarray_delete(&doc->config_reads);
  ws_drop_analysis_cache(doc);
  ws_drop_models(doc);
  dockerfile_model_delete(doc->dockerfile_prev);
  compose_model_delete(doc->compose_prev);
  yaml_chunks_delete(doc->yaml_chunks);
  compose_recovery_delete(doc->recovery);
  syntax_delete(doc->syntax);
  text_destroy(&doc->text);
  xfree(doc->uri);
  xfree(doc->path);
  xfree(doc->abs);
  xfree(doc);
}

void ws_delete(Workspace *self) {
  if (!self) return;
  for (size_t i = 0; i < self->overrides.len; i++) {
    xfree(self->overrides.items[i].rule);
    xfree(self->overrides.items[i].value);
  }
  array_delete(&self->overrides);
  for (size_t i = 0; i < self->docs.len; i++) ws__free_doc(self->docs.items[i]);
  array_delete(&self->docs);
  for (size_t i = 0; i < self->index.len; i++) array_delete(&self->index.items[i]);
  array_delete(&self->index);
  ws__compose_dirs_clear(self);
  array_delete(&self->compose_dirs);
  xfree(self->real_root);
  ws__deps_destroy(self);
  xfree(self->root);
  syntax_parsers_delete(self->parsers);
  fs_cache_delete(self->disk);
  xfree(self);
}

const char *ws_root(const Workspace *self) { return self->root; }

void ws__note_change(Workspace *self, Document *own) {
  self->changes++;
  if (!own) return;
  own->own_changes++;
  /* Every change with a document of its own is a new text (an open, a
   * load, an edit), and the count makes its number unique. */
  own->text_gen = self->changes;
}

uint64_t ws_text_generation(const Workspace *self, FileId id) { return ws__doc_view(self, id)->text_gen; }

void ws_text_mark_for(Workspace *self, FileId id, WsMark consumer) {
  Document *doc = ws__doc(self, id);
  size_t len = doc->text.len;
  WsTextMark *mark = &doc->marks[consumer];
  mark->since = (TextDelta){len, len, len};
  mark->known = true;
  mark->gen = doc->text_gen;
}

bool ws_text_since_for(const Workspace *self, FileId id, WsMark consumer, uint64_t generation, TextDelta *out) {
  const WsTextMark *mark = &ws__doc_view(self, id)->marks[consumer];
  if (!mark->known || mark->gen != generation) return false;
  *out = mark->since;
  return true;
}

void ws_text_mark(Workspace *self, FileId id) { ws_text_mark_for(self, id, WS_MARK_PUBLISH); }

bool ws_text_since(const Workspace *self, FileId id, uint64_t generation, TextDelta *out) {
  return ws_text_since_for(self, id, WS_MARK_PUBLISH, generation, out);
}

uint64_t ws_outside_changes(const Workspace *self, FileId id) {
  return self->changes - ws__doc_view(self, id)->own_changes;
}

void ws_set_root(Workspace *self, const char *root) {
  ws__note_change(self, NULL);
  xfree(self->root);
  xfree(self->real_root);
  self->root = root ? xstrdup(root) : NULL;
  bool loop = false;
  self->real_root = root ? self->fs->resolve(self->fs, root, &loop) : NULL;
}

Document *ws__doc(Workspace *self, FileId id) {
  Document *doc = *array_get(&self->docs, id);
  assert(doc != NULL);
  return doc;
}

const Document *ws__doc_view(const Workspace *self, FileId id) {
  const Document *doc = *array_get(&self->docs, id);
  assert(doc != NULL);
  return doc;
}

bool ws_is_live(const Workspace *self, FileId id) {
  return id < self->docs.len && self->docs.items[id] != NULL;
}

FileId ws_id_limit(const Workspace *self) { return (FileId)self->docs.len; }

static LangId ws_lang_of(DocKind kind, bool *has) {
  *has = true;
  if (kind == DOC_KIND_DOCKERFILE) return LANG_DOCKERFILE;
  if (kind == DOC_KIND_COMPOSE || kind == DOC_KIND_CONFIG) return LANG_YAML;
  *has = false;
  return LANG_YAML;
}

void ws__drop_tree(Document *doc) {
  ws_drop_models(doc);
  doc->since_prev_known = false; /* the text may have been replaced in any way */
  syntax_delete(doc->syntax);
  doc->syntax = NULL;
  doc->unparsed = true;
}

static void ws_parse(Workspace *ws, Document *doc) {
  bool has;
  LangId lang = ws_lang_of(doc->kind, &has);
  doc->syntax = has ? syntax_parse(ws->parsers, lang, doc->text.bytes, doc->text.len) : NULL;
}

static bool ws_check_text(const char *text, size_t len, char **err) {
  if (len > DOCKLS_MAX_FILE_BYTES) {
    StrBuf msg = STRBUF_INIT;
    strbuf_appendf(&msg, "document is %zu bytes, above the limit of %zu bytes", len,
                   DOCKLS_MAX_FILE_BYTES);
    *err = strbuf_take(&msg);
    return false;
  }
  size_t bad;
  if (!utf8_validate(text, len, &bad)) {
    StrBuf msg = STRBUF_INIT;
    strbuf_appendf(&msg, "document is not valid UTF-8 (byte %zu)", bad);
    *err = strbuf_take(&msg);
    return false;
  }
  return true;
}

FileId ws__add(Workspace *self, Document *doc) {
  array_push(&self->docs, doc);
  FileId id = (FileId)(self->docs.len - 1);
  if (!self->index.len) ws_index_grow(self);
  else ws_index_put(self, id);
  return id;
}

Document *ws__new_doc(const char *uri, const char *path, DocKind kind,
                      int64_t version, const char *text, size_t len) {
  Document *doc = xcalloc(1, sizeof *doc);
  doc->uri = xstrdup(uri);
  doc->path = path ? xstrdup(path) : NULL;
  doc->abs = path ? path_absolute(path) : NULL;
  doc->kind = kind;
  doc->version = version;
  text_init(&doc->text, text, len);
  /* The tree is built on first use (ws_syntax): `dockls check` loads every
   * file before analysing the first, and holding thousands of trees at
   * once would cost more memory than their texts. */
  doc->unparsed = true;
  return doc;
}

bool ws_open(Workspace *self, const char *uri, DocKind kind, int64_t version, const char *text,
             size_t len, FileId *id, char **err) {
  if (!ws_check_text(text, len, err)) return false;
  char *path = uri_to_path(uri);
  Document *doc = ws__new_doc(uri, path, kind, version, text, len);
  doc->open = true;
  xfree(path);
  ws__note_change(self, doc);
  ws__compose_dirs_clear(self);
  FileId existing;
  if (ws_find(self, uri, &existing)) {
    ws_index_drop(self, existing);
    ws__free_doc(self->docs.items[existing]);
    self->docs.items[existing] = doc;
    ws_index_put(self, existing);
    *id = existing;
  } else {
    *id = ws__add(self, doc);
  }
  return true;
}

/* Narrows doc->since_prev and every mark by the edits just applied
 * to the text (each in the coordinates of the text just before it). */
static void ws_track_change(Document *doc, bool new_prev, const ByteEditArray *edits) {
  /* The length before each edit, from the length after the last one. */
  size_t len = doc->text.len;
  for (size_t i = edits->len; i-- > 0;)
    len = len - edits->items[i].new_end_byte + edits->items[i].old_end_byte;
  if (new_prev) {
    doc->since_prev = (TextDelta){len, len, len};
    doc->since_prev_known = true;
  }
  if (doc->since_prev_known) text_delta_narrow(&doc->since_prev, len, edits);
  for (size_t m = 0; m < WS_MARK_COUNT; m++) {
    WsTextMark *mark = &doc->marks[m];
    if (mark->known) text_delta_narrow(&mark->since, len, edits);
  }
}

static void ws_after_edit(Workspace *self, Document *doc, const ByteEditArray *edits) {
  bool new_prev = doc->dockerfile != NULL || doc->compose != NULL;
  ws__note_change(self, doc);
  ws_drop_models(doc);
  ws_track_change(doc, new_prev, edits);
  if (doc->unparsed) return; /* no old tree to reuse: parsed on first use */
  if (doc->syntax)
    syntax_reparse(self->parsers, doc->syntax, edits->items, edits->len, doc->text.bytes, doc->text.len);
}

bool ws_change(Workspace *self, FileId id, int64_t version, const TextChange *changes,
               size_t count, PosEncoding enc, char **err) {
  Document *doc = ws__doc(self, id);
  size_t bound = doc->text.len;
  for (size_t i = 0; i < count; i++) {
    if (!ws_check_text(changes[i].text, changes[i].len, err)) return false;
    bound += changes[i].len;
  }
  /* Only when the inserted text could push the document past the limit is
   * the result computed on a copy first, so the common keystroke edits the
   * text in place. */
  TextDoc scratch, *target = &doc->text;
  if (bound > DOCKLS_MAX_FILE_BYTES) {
    text_copy(&scratch, &doc->text);
    target = &scratch;
  }
  ByteEditArray edits;
  array_init(&edits);
  bool ok = text_apply_changes(target, changes, count, enc, &edits, err);
  if (ok && target == &scratch) {
    if (scratch.len > DOCKLS_MAX_FILE_BYTES) {
      StrBuf msg = STRBUF_INIT;
      strbuf_appendf(&msg, "the change would make the document %zu bytes, above the limit of %zu bytes",
                     scratch.len, DOCKLS_MAX_FILE_BYTES);
      *err = strbuf_take(&msg);
      ok = false;
    } else {
      text_destroy(&doc->text);
      doc->text = scratch;
      target = &doc->text;
    }
  }
  if (target == &scratch) text_destroy(&scratch);
  if (ok) {
    doc->version = version;
    ws_after_edit(self, doc, &edits);
  }
  array_delete(&edits);
  return ok;
}

bool ws_apply_replacements(Workspace *self, FileId id, TextReplacement *repls, size_t count,
                           char **err) {
  Document *doc = ws__doc(self, id);
  ByteEditArray edits;
  array_init(&edits);
  bool ok = text_apply_replacements(&doc->text, repls, count, &edits, err);
  if (ok) ws_after_edit(self, doc, &edits);
  array_delete(&edits);
  return ok;
}

void ws_restore_text(Workspace *self, FileId id, const char *bytes, size_t len) {
  Document *doc = ws__doc(self, id);
  ByteEditArray edits;
  array_init(&edits);
  ByteEdit e;
  text_replace(&doc->text, 0, doc->text.len, bytes, len, &e);
  array_push(&edits, e);
  ws_after_edit(self, doc, &edits);
  array_delete(&edits);
}

void ws_close(Workspace *self, FileId id) {
  if (!ws_is_live(self, id)) return;
  ws__note_change(self, NULL);
  if (self->docs.items[id]->open) ws__compose_dirs_clear(self);
  ws_deps_clear(self, id);
  ws_index_drop(self, id);
  ws__free_doc(self->docs.items[id]);
  self->docs.items[id] = NULL;
}

bool ws_load_file(Workspace *self, const char *path, DocKind kind, FileId *id, char **err) {
  char *bytes;
  size_t len;
  if (!self->fs->read_file(self->fs, path, DOCKLS_MAX_FILE_BYTES, &bytes, &len, err)) return false;
  *id = ws_load_text(self, path, path, kind, bytes, len);
  xfree(bytes);
  return true;
}

FileId ws_load_text(Workspace *self, const char *name, const char *path, DocKind kind, const char *bytes,
                    size_t len) {
  /* Files are linted even when they hold bytes that are not UTF-8 (Latin-1
   * comments exist in real Dockerfiles); positions then count each bad
   * byte as one character. */
  Document *doc = ws__new_doc(name, path, kind, 0, bytes, len);
  doc->open = true; /* named by the user: analysed, never refreshed away */
  ws__note_change(self, doc);
  ws__compose_dirs_clear(self);
  return ws__add(self, doc);
}

bool ws_find(const Workspace *self, const char *uri, FileId *id) {
  for (size_t i = 0; i < self->docs.len; i++) {
    Document *doc = self->docs.items[i];
    if (doc && strcmp(doc->uri, uri) == 0) {
      *id = (FileId)i;
      return true;
    }
  }
  return false;
}

const TextDoc *ws_text(const Workspace *self, FileId id) { return &ws__doc_view(self, id)->text; }
/* The tree, parsed on first use and again when ws_compact released it (a
 * cache of the text: see "Reading caches" in workspace.h). */
const Syntax *ws_syntax(Workspace *self, FileId id) {
  Document *doc = ws__doc(self, id);
  if (doc->unparsed) {
    doc->unparsed = false;
    ws_parse(self, doc);
  }
  return doc->syntax;
}

void ws_compact(Workspace *self, FileId id) {
  Document *doc = ws__doc(self, id);
  if (doc->open && ws_is_live(self, id) && doc->syntax) {
    ws_drop_analysis_cache(doc);
    ws_drop_models(doc);
    dockerfile_model_delete(doc->dockerfile_prev);
    doc->dockerfile_prev = NULL;
    compose_model_delete(doc->compose_prev);
    doc->compose_prev = NULL;
    yaml_chunks_delete(doc->yaml_chunks);
    doc->yaml_chunks = NULL;
    compose_recovery_delete(doc->recovery);
    doc->recovery = NULL;
    syntax_delete(doc->syntax);
    doc->syntax = NULL;
    doc->unparsed = true;
    /* The kept configuration search goes too: `dockls check` keeps every
     * document's text, and its paths read would add up over thousands. */
    strarray_delete(&doc->config_reads);
    array_init(&doc->config_reads);
    doc->config_known = false;
  }
}
bool ws_reparse_if_broken(Workspace *self, FileId id) {
  Document *doc = ws__doc(self, id);
  if (!doc->open || !ws_is_live(self, id) || !doc->syntax || !syntax_has_error(doc->syntax))
    return false;
  ws_compact(self, id);
  return true;
}

DocKind ws_kind(const Workspace *self, FileId id) { return ws__doc_view(self, id)->kind; }
int64_t ws_version(const Workspace *self, FileId id) { return ws__doc_view(self, id)->version; }
const char *ws_uri(const Workspace *self, FileId id) { return ws__doc_view(self, id)->uri; }
const char *ws_path(const Workspace *self, FileId id) { return ws__doc_view(self, id)->path; }
bool ws_is_open(const Workspace *self, FileId id) { return ws__doc_view(self, id)->open; }

const ComposeModel *ws_compose(Workspace *self, FileId id) {
  Document *doc = ws__doc(self, id);
  if (doc->kind != DOC_KIND_COMPOSE || !ws_syntax(self, id)) return NULL;
  if (!doc->compose) {
    if (!doc->recovery) doc->recovery = compose_recovery_new();
    doc->compose = compose_model_build_reusing(self->parsers, ws_yaml_chunks(self, id), doc->recovery, doc->syntax,
                                               &doc->text, doc->compose_prev,
                                               doc->since_prev_known ? &doc->since_prev : NULL);
    compose_model_delete(doc->compose_prev);
    doc->compose_prev = NULL;
  }
  return doc->compose;
}

YamlChunks *ws_yaml_chunks(Workspace *self, FileId id) {
  Document *doc = ws__doc(self, id);
  if (doc->kind != DOC_KIND_COMPOSE) return NULL;
  if (!doc->yaml_chunks) doc->yaml_chunks = yaml_chunks_new();
  return doc->yaml_chunks;
}

const DockerfileModel *ws_dockerfile(Workspace *self, FileId id) {
  Document *doc = ws__doc(self, id);
  if (doc->kind != DOC_KIND_DOCKERFILE || !ws_syntax(self, id)) return NULL;
  if (!doc->dockerfile) {
    doc->dockerfile = dockerfile_model_build(self->parsers, doc->syntax, &doc->text, doc->dockerfile_prev,
                                             doc->since_prev_known ? &doc->since_prev : NULL);
    dockerfile_model_delete(doc->dockerfile_prev);
    doc->dockerfile_prev = NULL;
  }
  return doc->dockerfile;
}

void *ws_analysis_cache(const Workspace *self, FileId id) { return ws__doc_view(self, id)->analysis_cache; }

void ws_set_analysis_cache(Workspace *self, FileId id, void *cache, WsAnalysisCacheFree destroy) {
  Document *doc = ws__doc(self, id);
  ws_drop_analysis_cache(doc);
  doc->analysis_cache = cache;
  doc->analysis_cache_free = destroy;
}

void ws_set_analysis_cache_reads(Workspace *self, FileId id, WsAnalysisCacheReads reads) {
  ws__doc(self, id)->analysis_cache_reads = reads;
}

SyntaxParsers *ws_parsers(Workspace *self) { return self->parsers; }
