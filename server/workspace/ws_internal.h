/* This header is private to the workspace layer: the document store's
 * structures, shared by the store (workspace.c), neighbour reads
 * (files.c), dependency edges (deps.c) and the index of open compose
 * documents (compose_dirs.c). */
#ifndef DOCKLS_WORKSPACE_WS_INTERNAL_H_
#define DOCKLS_WORKSPACE_WS_INTERNAL_H_

#include "dockls/base/fs.h"
#include "dockls/base/fs_cache.h"
#include "dockls/model/compose.h"
#include "dockls/model/dockerfile.h"
#include "dockls/workspace/config.h"
#include "dockls/workspace/workspace.h"

/* A consumer's mark on a document's text (ws_text_mark_for). */
typedef struct {
  uint64_t gen;    /* text_gen when it was marked */
  TextDelta since; /* how the text differs from the marked one */
  bool known;      /* false until marked */
} WsTextMark;

typedef struct {
  char *uri;
  char *path; /* file-system path, NULL for non-file URIs */
  char *abs;  /* the same path made absolute and normalised, for matching */
  DocKind kind;
  bool open;  /* an editor buffer or a file named to the CLI */
  int64_t version;
  TextDoc text;
  Syntax *syntax;
  ComposeModel *compose;
  ComposeModel *compose_prev; /* the model before the last edit, for reuse */
  YamlChunks *yaml_chunks; /* compose files: libyaml's verdicts on unchanged pieces */
  ComposeRecovery *recovery; /* compose files: the last repaired copy of an invalid text */
  DockerfileModel *dockerfile;
  DockerfileModel *dockerfile_prev; /* the model before the last edit, for reuse */
  TextDelta since_prev;             /* how the text differs from dockerfile_prev's (or compose_prev's) */
  bool since_prev_known;            /* false after a change the edits do not describe */
  uint64_t own_changes;             /* how many of the workspace's `changes` were this document's edits */
  uint64_t text_gen;                /* the workspace's `changes` when the text last changed */
  WsTextMark marks[WS_MARK_COUNT];  /* one per consumer that carries results over edits */
  Config *config; /* for .dockls.yaml documents */
  /* The configuration ws_config found for this document (config_doc, or
   * none), while the workspace's changes outside it stay at
   * config_outside; config_reads are the paths the search read, to be
   * recorded as its dependencies again when the answer is taken. */
  bool config_known, config_none;
  FileId config_doc;
  uint64_t config_outside;
  StrArray config_reads;
  void *analysis_cache;                /* ws_set_analysis_cache's, owned through the hook */
  WsAnalysisCacheFree analysis_cache_free;
  WsAnalysisCacheReads analysis_cache_reads; /* NULL: its reads are all recorded edges */
  /* No tree yet (a new document, or ws_compact released it): ws_syntax
   * parses on use. */
  bool unparsed;
} Document;

typedef struct {
  FileId dependent;
  char *path;
} DepEdge;

typedef Array(FileId) FileIdBucket;

/* An open compose document and its folder (compose_dirs.c). */
typedef struct {
  char *dir;
  FileId id;
} ComposeDir;

struct Workspace {
  /* The parsers for every document of this workspace, made per language on
   * first use; only the struct is allocated by ws_new. */
  SyntaxParsers *parsers;
  /* Every read of a neighbour file goes through fs, which is the disk
   * cache over the file system the workspace was made with: the compose
   * rules ask the same questions on every keystroke, and only
   * ws_forget_disk (the file system changed) makes the answers stale. */
  FsCache *disk;
  const Fs *fs;
  char *root;
  char *real_root;          /* realpath of root, once; NULL when none or missing */
  Array(Document *) docs;
  Array(FileIdBucket) index; /* documents by the hash of their absolute path */
  /* Open compose documents sorted by folder, built on first use by
   * ws_open_composes_above and dropped whenever a document is opened or
   * an open one closed. */
  Array(ComposeDir) compose_dirs;
  bool compose_dirs_built;
  Array(DepEdge) deps;
  bool no_deps; /* ws_record_dependencies(false): deps stays empty */
  StrArray *deps_sink; /* ws_deps_capture's: every path recorded goes here too; NULL: none */
  /* Counts every change that can alter what an analysis reads: a document
   * opened, edited or closed, the disk forgotten, the root or the
   * configuration set (ws_outside_changes). */
  uint64_t changes;
  ConfigRuleArray overrides;
  /* The configuration every file uses instead of the upward search, set by
   * ws_use_config (the CLI's --config). */
  bool has_fixed_config;
  FileId fixed_config;
};

/* The live document with this absolute path, an open one first; false
 * when there is none.  O(1): the CLI holds thousands of documents. */
bool ws__index_find(const Workspace *self, const char *abs, FileId *out);

/* A live document, to change (ws__doc) or to read (ws__doc_view). */
Document *ws__doc(Workspace *self, FileId id);
const Document *ws__doc_view(const Workspace *self, FileId id);
/* A document not parsed yet (ws_syntax parses it on first use). */
Document *ws__new_doc(const char *uri, const char *path, DocKind kind,
                      int64_t version, const char *text, size_t len);
void ws__free_doc(Document *doc);
FileId ws__add(Workspace *self, Document *doc);
void ws__deps_destroy(Workspace *self);
/* Forgets the index of open compose documents (the set of open documents
 * changed); the next question rebuilds it. */
void ws__compose_dirs_clear(Workspace *ws);
/* Drops the tree and models of a document; ws_syntax parses it again, as
 * its kind, on first use. */
void ws__drop_tree(Document *doc);
/* Counts one change for ws_outside_changes; `own` is the document that
 * changed, NULL when the change is not one document's edit. */
void ws__note_change(Workspace *self, Document *own);
/* Records that `dependent` looked at `path`. */
void ws__deps_add(Workspace *self, FileId dependent, const char *path);

#endif
