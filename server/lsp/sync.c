/* Document synchronisation: didOpen / didChange / didClose / didSave,
 * watched-file and configuration changes update the workspace and publish
 * diagnostics at once.
 *
 * The cache policy.  Diagnostics are cached per document (by FileId) with
 * the version they were computed for, so a codeAction, hover or pull
 * request for the same version reuses the analysis; lsp_diagnostics runs
 * the rules again when the entry was invalidated or the version moved.
 * What invalidates an entry depends on what changed:
 *
 *  - didOpen and didChange invalidate the edited document and then, through
 *    the dependency edges its neighbours' last analyses recorded
 *    (ws_dependents), each open document that read it; those are
 *    re-published at once.  Other entries stay valid: nothing else read
 *    the edited text.
 *  - didClose, didSave, didChangeWatchedFiles and didChangeConfiguration
 *    invalidate every entry, because what they change (the disk copy a
 *    dependent now reads, files outside the editor, rule levels) can reach
 *    any document.  didClose and didChangeWatchedFiles re-publish the open
 *    documents that read the paths involved, didChangeConfiguration every
 *    document, and didSave only a saved document whose tree holds a
 *    syntax error, which is parsed afresh (ws_reparse_if_broken; any other
 *    saved text is the buffer the editor had already been shown
 *    diagnostics for); whatever is not re-published is analysed again on
 *    its next request.
 *  - didClose also frees the closed document's entry (lsp_forget).
 *
 * The workspace keeps what it learnt about the disk (which paths exist,
 * folder listings, where links lead) from one keystroke to the next, so a
 * keystroke costs no system call.  didClose, didSave and
 * didChangeWatchedFiles are the events that say the disk may differ: each
 * tells the workspace to forget the paths involved (ws_forget_disk) along
 * with the disk copies of those files (ws_refresh).
 *
 * For a client that pulls diagnostics (textDocument.diagnostic support),
 * "re-published" means that a workspace/diagnostic/refresh is asked for
 * instead of a push: the client then pulls what it shows. */
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/log.h"
#include "dockls/base/uri.h"
#include "dockls/workspace/files.h"
#include "lsp_internal.h"

DiagCache *lsp_cache_slot(LspSession *s, FileId id) {
  while (s->cache.len <= id) {
    DiagCache empty;
    memset(&empty, 0, sizeof empty);
    array_push(&s->cache, empty);
  }
  return &s->cache.items[id];
}

static void sync_invalidate(LspSession *s, FileId id) { lsp_cache_slot(s, id)->valid = false; }

static void sync_invalidate_all(LspSession *s) {
  for (size_t i = 0; i < s->cache.len; i++) s->cache.items[i].valid = false;
}

const DiagList *lsp_diagnostics(LspSession *s, FileId id, uint64_t *generation) {
  DiagCache *c = lsp_cache_slot(s, id);
  if (!c->valid || c->version != ws_version(s->ws, id)) {
    diaglist_clear(&c->diags);
    diag_loan_end(c->loan);
    analysis_file_borrowing(s->ws, id, &c->diags, &c->loan);
    array_clear(&c->fixed);
    c->valid = true;
    c->version = ws_version(s->ws, id);
    c->generation = ++s->generation;
  }
  if (generation) *generation = c->generation;
  return &c->diags;
}

static bool sync_same(const Diag *a, const Diag *b) {
  return a->file == b->file && a->rule == b->rule && a->start == b->start && a->end == b->end &&
         strcmp(a->message, b->message) == 0;
}

const DiagList *lsp_diagnostics_with_fixes(LspSession *s, FileId id, size_t start, size_t end) {
  DiagCache *c = lsp_cache_slot(s, id);
  lsp_diagnostics(s, id, NULL);
  while (c->fixed.len < c->diags.len) array_push(&c->fixed, false);
  bool want[RULE__COUNT] = {false}, any = false;
  for (size_t i = 0; i < c->diags.len; i++) {
    const Diag *d = &c->diags.items[i];
    if (diag_touches(d, id, start, end) && !c->fixed.items[i]) any = want[d->rule] = true;
  }
  if (!any) return &c->diags;
  /* The same version, the same rules: the same diagnostics (the lazy-fix
   * corpus test holds every rule to it), those in the range now with
   * fixes, which move onto the cached ones so that a pulling client's
   * generation stays current. */
  DiagList fresh;
  array_init(&fresh);
  analysis_file_rules(s->ws, id, want, start, end, &fresh);
  bool *taken = xcalloc(fresh.len + 1, sizeof *taken);
  for (size_t i = 0; i < c->diags.len; i++) {
    Diag *d = &c->diags.items[i];
    if (!want[d->rule] || !diag_touches(d, id, start, end) || c->fixed.items[i]) continue;
    for (size_t k = 0; k < fresh.len; k++)
      if (!taken[k] && sync_same(d, &fresh.items[k])) {
        FixArray fixes = d->fixes;
        d->fixes = fresh.items[k].fixes;
        fresh.items[k].fixes = fixes;
        taken[k] = true;
        break;
      }
    c->fixed.items[i] = true;
  }
  xfree(taken);
  diaglist_destroy(&fresh);
  return &c->diags;
}

void lsp_forget(LspSession *s, FileId id) {
  DiagCache *c = lsp_cache_slot(s, id);
  diaglist_destroy(&c->diags);
  diag_loan_end(c->loan);
  c->loan = NULL;
  array_delete(&c->fixed);
  c->valid = false;
  array_delete(&c->tokens);
  c->tokens_id[0] = '\0';
  diag_json_cache_destroy(&c->json);
}

/* How many documents keep the wire text of their diagnostics.  The text
 * pays off while a user types in a document (and in the one or two its
 * edits publish again, such as the compose file that builds an edited
 * Dockerfile); for the other open documents it is memory for nothing,
 * and a document typed in again pays one publish without it. */
#define SYNC_JSON_KEPT 4

void lsp_json_caches_age(DiagCache *caches, size_t count, size_t keep) {
  for (;;) {
    size_t kept = 0;
    DiagCache *oldest = NULL;
    for (size_t i = 0; i < count; i++) {
      DiagCache *c = &caches[i];
      if (!c->json.entries.len && !c->json.written.data) continue;
      kept++;
      if (!oldest || c->json_publish < oldest->json_publish) oldest = c;
    }
    if (kept <= keep) return;
    diag_json_cache_destroy(&oldest->json);
  }
}

/* Pushes the diagnostics of a document, unless the client pulls them. */
static void sync_publish(LspSession *s, FileId id) {
  if (s->pull_mode || ws_kind(s->ws, id) == DOC_KIND_OTHER) return;
  proto_publish_diagnostics(s, id, lsp_diagnostics(s, id, NULL));
  lsp_cache_slot(s, id)->json_publish = ++s->publishes;
  lsp_json_caches_age(s->cache.items, s->cache.len, SYNC_JSON_KEPT);
}

/* A document's diagnostics changed without the client editing it (a
 * dependency edge fired, or the settings changed): pushed again, or, for
 * a pulling client, a refresh is asked for once the message is handled. */
static void sync_republish(LspSession *s, FileId id) {
  if (ws_kind(s->ws, id) == DOC_KIND_OTHER) return;
  if (s->pull_mode) s->refresh_wanted = true;
  else sync_publish(s, id);
}

void lsp_flush_refresh(LspSession *s) {
  if (!s->refresh_wanted) return;
  s->refresh_wanted = false;
  /* Without refreshSupport the client re-pulls on its own schedule. */
  if (!s->caps.diagnostic_refresh) return;
  log_debug("dependent diagnostics changed: asking the client to pull again");
  proto_request_diagnostic_refresh(s);
}

/* Re-publishes the open documents whose last analysis read `path` (or a
 * folder above it): a Dockerfile that a compose file builds, a
 * package.json a Dockerfile's rules read, and so on. */
static void sync_publish_dependents(LspSession *s, const char *path, FileId except) {
  if (!path) return;
  FileIdArray deps;
  array_init(&deps);
  ws_dependents(s->ws, path, &deps);
  for (size_t i = 0; i < deps.len; i++) {
    FileId d = deps.items[i];
    if (d == except || !ws_is_live(s->ws, d) || !ws_is_open(s->ws, d)) continue;
    sync_invalidate(s, d);
    sync_republish(s, d);
  }
  array_delete(&deps);
}

/* Re-publishes every open document of ours: what a change outside the
 * editor's buffers (the configuration) can affect. */
static void sync_publish_all(LspSession *s) {
  for (FileId id = 0; id < ws_id_limit(s->ws); id++)
    if (ws_is_live(s->ws, id) && ws_kind(s->ws, id) != DOC_KIND_OTHER) sync_republish(s, id);
}

/* Logs which kind a document was given and why; a file name overruling
 * the languageId is said once per document, not at every reopening. */
static void sync_log_kind(LspSession *s, const DidOpenParams *params, DocKind kind,
                          DocKindReason why) {
  if (why == DOC_KIND_BY_NAME_OVER_LANGUAGE) {
    bool noted = false;
    for (size_t i = 0; i < s->kind_notes.len && !noted; i++)
      noted = strcmp(s->kind_notes.items[i], params->uri) == 0;
    if (!noted) {
      log_info("%s: the file name says %s, which wins over languageId \"%s\"", params->uri,
               doc_kind_name(kind), params->language_id);
      array_push(&s->kind_notes, xstrdup(params->uri));
    }
  }
  log_info("opened %s as %s (%s \"%s\")", params->uri, doc_kind_name(kind),
           why == DOC_KIND_BY_LANGUAGE ? "by languageId" : "by file name; languageId",
           params->language_id);
}

/* After a document's text changed: its cached analysis is stale, so it
 * and every open document that depends on it are analysed and published
 * again. */
static void sync_text_changed(LspSession *s, FileId id) {
  sync_invalidate(s, id);
  sync_publish(s, id);
  sync_publish_dependents(s, ws_path(s->ws, id), id);
}

bool lsp_did_open(LspSession *s, const DidOpenParams *params, LspError *err) {
  char *path = uri_to_path(params->uri);
  DocKindReason reason;
  DocKind kind = doc_kind_from_language(params->language_id, path ? path : params->uri, &reason);
  xfree(path);
  sync_log_kind(s, params, kind, reason);
  FileId id;
  char *why = NULL;
  if (!ws_open(s->ws, params->uri, kind, params->version, params->text, strlen(params->text), &id,
               &why)) {
    lsp_fail(err, LSP_ERR_INVALID_PARAMS, "textDocument/didOpen %s: %s", params->uri, why);
    xfree(why);
    return false;
  }
  sync_text_changed(s, id);
  return true;
}

bool lsp_did_change(LspSession *s, const DidChangeParams *params, LspError *err) {
  FileId id;
  if (!lsp_document(s, params->uri, &id, err)) return false;
  char *why = NULL;
  if (!ws_change(s->ws, id, params->version, params->changes.items, params->changes.len, s->enc,
                 &why)) {
    lsp_fail(err, LSP_ERR_INVALID_PARAMS,
             "textDocument/didChange %s (version %lld) rejected, document left at version %lld: %s",
             ws_uri(s->ws, id), (long long)params->version, (long long)ws_version(s->ws, id), why);
    xfree(why);
    return false;
  }
  sync_text_changed(s, id);
  return true;
}

bool lsp_did_close(LspSession *s, const DocumentParams *params, LspError *err) {
  FileId id;
  if (!lsp_document(s, params->uri, &id, err)) return false;
  bool ours = ws_kind(s->ws, id) != DOC_KIND_OTHER;
  char *uri = xstrdup(ws_uri(s->ws, id));
  char *path = ws_path(s->ws, id) ? xstrdup(ws_path(s->ws, id)) : NULL;
  lsp_forget(s, id);
  ws_close(s->ws, id);
  /* Clear what we showed: the editor keeps published diagnostics until
   * they are replaced. */
  if (ours && !s->pull_mode) proto_publish_cleared(s, uri);
  xfree(uri);
  /* Dependents read the buffer until now; from here on they read the
   * disk, which may differ (unsaved edits were discarded). */
  if (path) {
    ws_refresh(s->ws, path);
    ws_forget_disk(s->ws, path);
    sync_invalidate_all(s);
    sync_publish_dependents(s, path, (FileId)-1);
  }
  xfree(path);
  return true;
}

bool lsp_did_save(LspSession *s, const DocumentParams *params, LspError *err) {
  FileId id;
  if (!lsp_document(s, params->uri, &id, err)) return false;
  /* A cached disk copy of the saved file is now out of date. */
  if (ws_path(s->ws, id)) {
    char *path = xstrdup(ws_path(s->ws, id));
    ws_refresh(s->ws, path);
    ws_forget_disk(s->ws, path);
    sync_invalidate_all(s);
    xfree(path);
  }
  /* Saving is when a user expects the editor to agree with `dockls check`;
   * an edited tree with a syntax error may not (ws_reparse_if_broken says
   * why), so that document is parsed afresh and published again. */
  if (ws_reparse_if_broken(s->ws, id)) {
    sync_invalidate(s, id);
    sync_republish(s, id);
  }
  return true;
}

void lsp_did_change_watched(LspSession *s, const WatchedFilesParams *params) {
  /* First forget every changed file, then re-publish: a dependent that
   * read two of them is analysed once, against the new state of both. */
  for (size_t i = 0; i < params->paths.len; i++) {
    ws_refresh(s->ws, params->paths.items[i]);
    ws_forget_disk(s->ws, params->paths.items[i]);
  }
  sync_invalidate_all(s);
  FileIdArray deps;
  array_init(&deps);
  for (size_t i = 0; i < params->paths.len; i++) ws_dependents(s->ws, params->paths.items[i], &deps);
  for (size_t i = 0; i < deps.len; i++)
    if (ws_is_live(s->ws, deps.items[i]) && ws_is_open(s->ws, deps.items[i])) sync_republish(s, deps.items[i]);
  array_delete(&deps);
}

void lsp_did_change_config(LspSession *s, const ConfigurationParams *params) {
  lsp_apply_settings(s, &params->settings);
  sync_invalidate_all(s);
  sync_publish_all(s);
}
