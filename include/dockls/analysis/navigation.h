/* Navigation over the symbols of Dockerfiles and compose files: stage
 * names, ARG/ENV variables, compose services, networks, volumes, secrets
 * and configs, across a compose file and the Dockerfiles it builds.
 * Everything is in byte ranges of workspace documents; the adapters turn
 * them into positions. */
#ifndef DOCKLS_ANALYSIS_NAVIGATION_H_
#define DOCKLS_ANALYSIS_NAVIGATION_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

/* One place a symbol's name is written. */
typedef struct {
  FileId file;
  size_t start, end;
  bool declaration; /* where it is declared (FROM … AS, ARG/ENV, a top-level key) */
} NavSpan;
typedef Array(NavSpan) NavSpanArray;

/* The declaration(s) of the symbol at `offset`, appended to *out.  For a
 * variable it is the definition the builder uses there (the nearest one
 * before the reference).  False when no symbol is at the offset. */
bool analysis_definition(Workspace *ws, FileId id, size_t offset, NavSpanArray *out);

/* Every place of the symbol at `offset`, in this file and the linked ones
 * (a stage named by a compose `build.target` is referenced there);
 * declarations only with `include_declaration`. */
bool analysis_references(Workspace *ws, FileId id, size_t offset, bool include_declaration,
                         NavSpanArray *out);

/* The places of the symbol at `offset` in this file only. */
bool analysis_highlights(Workspace *ws, FileId id, size_t offset, NavSpanArray *out);

/* prepareRename: the name of the symbol at `offset` (*range, in `id`)
 * and the text to offer for editing (*placeholder, owned).  False, with
 * the reason in *why (owned), when no symbol is there. */
bool analysis_prepare_rename(Workspace *ws, FileId id, size_t offset, NavSpan *range, char **placeholder,
                             char **why);

/* Rename: every place of the symbol at `offset`, in this file and the
 * linked ones, to be replaced by `new_name`.  False, with the reason in
 * *why (owned), when no symbol is there, when the name is not one its kind
 * may have, or when another symbol of the same kind and namespace has it. */
bool analysis_rename(Workspace *ws, FileId id, size_t offset, const char *new_name, NavSpanArray *out,
                     char **why);

/* A documentLink: a range of the document and what it opens, either a
 * file (`path`, absolute) or a web page (`url`); both owned, one NULL. */
typedef struct {
  size_t start, end;
  char *path, *url;
} DocLink;
typedef Array(DocLink) DocLinkArray;

/* The links of document `id`: in a compose file, the paths of
 * build.dockerfile, env_file, extends.file, include, configs/secrets
 * `file:` and bind-mount sources that exist inside the workspace root; in
 * a Dockerfile, base images on Docker Hub, ghcr.io, quay.io and
 * mcr.microsoft.com to their registry page. */
void analysis_document_links(Workspace *ws, FileId id, DocLinkArray *out);
void doclinks_free(DocLinkArray *links);

#endif
