/* Workspace: every document dockls knows, whether the editor has it open
 * (its buffer is the truth) or it was read from disk (by the CLI, or as a
 * neighbour of an open file).
 *
 * Reading caches.  Only the adapters change what the workspace means: open
 * buffers, their text and versions, the root and the settings.  Analysis
 * nevertheless takes a plain `Workspace *`, because reading is allowed to
 * fill caches, and that is part of the contract of the functions that take
 * a non-const workspace below and in files.h and config.h:
 *  - trees and models are built on first use after each change (ws_syntax,
 *    ws_compose, ws_dockerfile) and configurations likewise (ws_config);
 *  - neighbour files are read from disk and kept as documents until
 *    ws_refresh (ws_read, ws_read_as);
 *  - every such read, stat or listing records a dependency edge
 *    (ws_dependents answers from them).
 * None of these changes a result a reader could see, except that the
 * edges (and new FileIds of disk copies) appear.  Functions that take a
 * `const Workspace *` fill no cache. */
#ifndef DOCKLS_WORKSPACE_WORKSPACE_H_
#define DOCKLS_WORKSPACE_WORKSPACE_H_

#include <stdbool.h>
#include <stdint.h>

#include "dockls/text/edit.h"
#include "dockls/text/text.h"
#include "dockls/workspace/doc_kind.h"

/* Declared, not included: the adapters include this header and must not
 * see the syntax layer or tree-sitter through it (docs/architecture.md). */
typedef struct Syntax Syntax;
typedef struct SyntaxParsers SyntaxParsers;

typedef uint32_t FileId;
typedef struct Workspace Workspace;
typedef struct ComposeModel ComposeModel;
typedef struct YamlChunks YamlChunks;
typedef struct DockerfileModel DockerfileModel;

/* root: the workspace folder (absolute path) outside which nothing is
 * read, or NULL for none (the CLI reads what it is told to).  Caller owns
 * the result; free with ws_delete. */
Workspace *ws_new(const char *root);

/* The same over another file system (tests use an in-memory one); `fs` is
 * borrowed and must outlive the workspace. */
struct Fs;
Workspace *ws_new_with_fs(const char *root, const struct Fs *fs);
void ws_delete(Workspace *self);
/* Borrowed; NULL when there is no root. */
const char *ws_root(const Workspace *self);
void ws_set_root(Workspace *self, const char *root);

/* Opens (or re-opens, replacing the text of) an editor document.  name is
 * the URI or path used for messages and for file-name rules.  Fails with
 * *err (caller owns) when the text is larger than DOCKLS_MAX_FILE_BYTES or
 * is not valid UTF-8; the workspace is then unchanged. */
bool ws_open(Workspace *self, const char *uri, DocKind kind, int64_t version, const char *text,
             size_t len, FileId *id, char **err);

/* Applies a didChange.  On failure the document keeps its text, tree and
 * version, and *err (caller owns) says why. */
bool ws_change(Workspace *self, FileId id, int64_t version, const TextChange *changes,
               size_t count, PosEncoding enc, char **err);

/* Applies non-overlapping replacements (quick-fixes) to a document and
 * reparses it; the version is left alone (the editor will send its own).
 * Fails as text_apply_replacements does, leaving the document unchanged. */
bool ws_apply_replacements(Workspace *self, FileId id, TextReplacement *repls, size_t count,
                           char **err);

/* Puts back a text the document held before (fix-all undoing a round):
 * the whole document becomes bytes[0, len), NUL bytes included, and is
 * reparsed; the version is left alone. */
void ws_restore_text(Workspace *self, FileId id, const char *bytes, size_t len);

/* Releases a document's syntax tree and models (they are rebuilt on next
 * use): the CLI calls it once a file is analysed, so checking thousands of
 * files holds the text of each, not its trees. */
void ws_compact(Workspace *self, FileId id);

/* Parses an open document afresh when its tree holds a syntax error
 * (dropping the models built on that tree); true when it did.  tree-sitter
 * recovers from an error according to the subtrees an incremental parse
 * reuses, so while a file holds one, its edited tree can differ from a
 * fresh parse of the same text, and so can the findings; a fresh parse
 * makes them agree with `dockls check` again. */
bool ws_reparse_if_broken(Workspace *self, FileId id);

/* Forgets an open document. */
void ws_close(Workspace *self, FileId id);

/* Reads a file from disk as a document (the CLI's way in).  Fails with
 * *err naming the path and the reason. */
bool ws_load_file(Workspace *self, const char *path, DocKind kind, FileId *id, char **err);

/* Adds a text the user handed over (`dockls check -` reads stdin) as the
 * document `name`; `path`, when not NULL, is the file it stands for, so
 * its neighbours (build context, .dockls.yaml) are found as for that file.
 * The length is the caller's to bound. */
FileId ws_load_text(Workspace *self, const char *name, const char *path, DocKind kind, const char *bytes,
                    size_t len);

/* Looks up a document by the URI (or path) it was opened with. */
bool ws_find(const Workspace *self, const char *uri, FileId *id);

/* Accessors; the id must name a live document.  Pointers are borrowed and
 * valid until the next change of that document. */
const TextDoc *ws_text(const Workspace *self, FileId id);
const Syntax *ws_syntax(Workspace *self, FileId id); /* NULL: no grammar */
DocKind ws_kind(const Workspace *self, FileId id);
int64_t ws_version(const Workspace *self, FileId id);

/* What a consumer that keeps something per text position (the LSP
 * adapter's wire text of published diagnostics, libyaml's verdicts by
 * pieces, the per-service results) needs to carry it over an edit: a
 * number that is new whenever the text of `id` changes (and unique among
 * documents); ws_text_mark_for records the current text for one
 * consumer, and ws_text_since_for then says how the text differs from
 * the text that consumer marked, provided `generation` is the number the
 * text had when marked (false otherwise: the consumer marked another
 * text, or never).  Each consumer has its own mark, so that one marking
 * the text does not make another's knowledge of the change unusable;
 * ws_text_mark and ws_text_since are the publish's. */
typedef enum { WS_MARK_PUBLISH, WS_MARK_YAML_CHUNKS, WS_MARK_SERVICES, WS_MARK_COUNT } WsMark;
uint64_t ws_text_generation(const Workspace *self, FileId id);
void ws_text_mark_for(Workspace *self, FileId id, WsMark consumer);
bool ws_text_since_for(const Workspace *self, FileId id, WsMark consumer, uint64_t generation, TextDelta *out);
void ws_text_mark(Workspace *self, FileId id);
bool ws_text_since(const Workspace *self, FileId id, uint64_t generation, TextDelta *out);
const char *ws_uri(const Workspace *self, FileId id);
const char *ws_path(const Workspace *self, FileId id); /* NULL: not a file URI */
bool ws_is_live(const Workspace *self, FileId id);
/* True for documents the editor has open or the CLI was asked to check;
 * false for neighbours read from disk for cross-file rules. */
bool ws_is_open(const Workspace *self, FileId id);
/* One past the largest FileId ever handed out: iterate ids below it and
 * skip those that are not live. */
FileId ws_id_limit(const Workspace *self);
/* The compose model, built on first use after each change (NULL when the
 * document is not a compose file).  Borrowed. */
const ComposeModel *ws_compose(Workspace *self, FileId id);
/* The compose document's cache of libyaml verdicts for
 * yaml_chunks_check (NULL when not a compose file).  It lives as long as
 * the document, across changes, since it is keyed by content.  Borrowed. */
YamlChunks *ws_yaml_chunks(Workspace *self, FileId id);
/* The Dockerfile model, likewise (NULL when not a Dockerfile or when this
 * build has no Dockerfile grammar).  Borrowed. */
const DockerfileModel *ws_dockerfile(Workspace *self, FileId id);
/* The workspace's parsers, for a rule that parses a string found inside a
 * document (the script of `sh -c "…"`, a compose `CMD-SHELL` test).
 * Borrowed; trees parsed with them must be deleted before ws_delete. */
SyntaxParsers *ws_parsers(Workspace *self);

/* A cache the analysis layer keeps per document from one analysis to the
 * next (its per-instruction rule results).  The workspace only owns it:
 * it calls `destroy` when the document is closed, re-opened or compacted,
 * or when another cache replaces it, and never looks inside.  What the
 * cache holds must therefore be keyed by content, since the document's
 * text changes under it.  NULL until set. */
typedef void (*WsAnalysisCacheFree)(void *cache);
void *ws_analysis_cache(const Workspace *self, FileId id);
void ws_set_analysis_cache(Workspace *self, FileId id, void *cache, WsAnalysisCacheFree destroy);
/* A cache that gives kept results out without running the checkers that
 * made them again may declare what those results read instead of
 * recording their dependency edges on every analysis: `reads` says
 * whether one of the paths they read is `abs` (absolute) or a folder
 * above it, and ws_dependents asks it besides the recorded edges.  Like
 * the edges, the declaration is cleared when an analysis of the document
 * begins (ws_deps_clear) and goes with the cache (a cache set later has
 * none): the analysis that keeps results declares it again. */
typedef bool (*WsAnalysisCacheReads)(void *cache, const char *abs); /* may remember its answer */
void ws_set_analysis_cache_reads(Workspace *self, FileId id, WsAnalysisCacheReads reads);

/* A number that changes whenever something other than this document's own
 * text changes what an analysis of it could read: another document opened,
 * edited or closed, the disk forgotten or refreshed (ws_forget_disk,
 * ws_refresh), the root or the configuration set.  A cache of results
 * that read outside the document is valid while it stays the same. */
uint64_t ws_outside_changes(const Workspace *self, FileId id);

#endif
