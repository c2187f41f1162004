/* Which of our languages a file is: by LSP languageId, by file name, or by
 * content, following the rules of the interface specification. */
#ifndef DOCKLS_WORKSPACE_DOC_KIND_H_
#define DOCKLS_WORKSPACE_DOC_KIND_H_

#include <stddef.h>

/* DOC_KIND_CONFIG is dockls's own `.dockls.yaml`, linted for its own
 * mistakes. */
typedef enum { DOC_KIND_OTHER, DOC_KIND_DOCKERFILE, DOC_KIND_COMPOSE, DOC_KIND_CONFIG } DocKind;

/* A Dockerfile is any name containing "Dockerfile" or "Containerfile" in
 * any case, except names ending in ".dockerignore"; a compose file is a
 * .yml/.yaml name containing "compose" (which wins when a name matches
 * both).  Only the last path component is looked at. */
DocKind doc_kind_from_name(const char *path);

/* Why an editor document got its kind (for the log). */
typedef enum {
  DOC_KIND_BY_LANGUAGE,      /* languageId "dockerfile" or "dockercompose" */
  DOC_KIND_BY_NAME,          /* another languageId: the file name decided */
  DOC_KIND_BY_NAME_OVER_LANGUAGE /* the name plainly says the other kind */
} DocKindReason;

/* The kind of an editor document.  A file name that plainly says what the
 * file is (Dockerfile, Containerfile, *.dockerfile, Dockerfile.*;
 * compose.yaml, compose.yml, docker-compose*.yml/yaml) wins over a
 * languageId that contradicts it, since editors guess languageIds from
 * looser patterns (and users mis-associate them).  Otherwise languageId
 * "dockerfile" or "dockercompose" decides, and any other id (including
 * "yaml") defers to doc_kind_from_name.  *why may be NULL. */
DocKind doc_kind_from_language(const char *language_id, const char *name, DocKindReason *why);

/* For a file named explicitly whose name says nothing: a top-level
 * `services:` key means compose; a first instruction (FROM, ARG, ...) or a
 * parser directive means Dockerfile; otherwise DOC_KIND_OTHER. */
DocKind doc_kind_from_content(const char *bytes, size_t len);

const char *doc_kind_name(DocKind kind);

#endif
