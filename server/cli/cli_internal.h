/* This header is private to the CLI adapter: one `check` run and the
 * emitters that print it. */
#ifndef DOCKLS_CLI_CLI_INTERNAL_H_
#define DOCKLS_CLI_CLI_INTERNAL_H_

#include <stdio.h>

#include "dockls/analysis/analysis.h"
#include "dockls/workspace/workspace.h"

/* The position cursor of the file cli_position last converted for. */
typedef struct {
  bool set;
  FileId file;
  TextPosCursor cursor;
} CliPositions;

typedef struct {
  Workspace *ws;
  Array(FileId) files; /* in the order they were found */
  DiagList diags;      /* sorted by path, then position */
  /* A cache the emitters fill through their const run, hence a pointer:
   * they ask for positions file by file in order, and the cursor makes
   * the columns of a long line cost one pass over it. */
  CliPositions *positions;
} CheckRun;

/* 1-based line and UTF-16 column of a byte offset, as every output format
 * reports them. */
void cli_position(const CheckRun *run, FileId file, size_t offset, unsigned *line, unsigned *column);

/* A byte range as the JSON-based formats report it: `names` are the four
 * member names (start line, start column, end line, end column), written
 * on `obj` with 1-based lines and UTF-16 columns. */
struct cJSON;
void cli_add_range(const CheckRun *run, struct cJSON *obj, FileId file, size_t start, size_t end,
                   const char *const names[4]);

/* The path as given on the command line (or found under a given folder). */
const char *cli_path(const CheckRun *run, FileId file);

/* Writes a document's text over the file at `path`, through a temporary
 * file renamed into place so an interrupted write never leaves a truncated
 * file; on failure says why on err, prefixed with `dockls <command>`. */
bool cli_write_text(const char *command, const char *path, const TextDoc *text, FILE *err);

void emit_text(const CheckRun *run, FILE *out);
void emit_json(const CheckRun *run, FILE *out);
void emit_sarif(const CheckRun *run, FILE *out);

#endif
