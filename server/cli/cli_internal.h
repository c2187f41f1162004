/* This header is private to the CLI adapter: one `check` run and the
 * emitters that print it. */
#ifndef DOCKLS_CLI_CLI_INTERNAL_H_
#define DOCKLS_CLI_CLI_INTERNAL_H_

#include <stdio.h>

#include "dockls/analysis/analysis.h"
#include "dockls/workspace/config.h"
#include "dockls/workspace/workspace.h"

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_SARIF,
  FORMAT_CODECLIMATE,
  FORMAT_CHECKSTYLE,
  FORMAT_JUNIT,
  FORMAT_GITHUB,
  FORMAT_GNU,
} Format;

/* The options of one `dockls check`, as parsed from its arguments.
 * Strings are borrowed from argv unless an array owns them. */
typedef struct {
  Format format;
  bool fix;
  bool fix_dry_run;    /* --fix-dry-run: print the diff of --fix, write nothing */
  bool quiet;          /* -q: errors only */
  bool no_fail;        /* --no-fail: findings never make the exit code 1 */
  bool help;
  Severity fail_on;
  long max_warnings;   /* --max-warnings N; -1 when not given */
  DocKind forced_kind; /* DOC_KIND_OTHER when --kind was not given */
  const char *config;  /* --config FILE, or NULL */
  const char *output;  /* -o FILE, or NULL for stdout */
  const char *stdin_name; /* --stdin-filename NAME, or NULL */
  StrArray paths;      /* "-" stands for stdin */
  StrArray excludes;   /* --exclude GLOB, in order */
  ConfigRuleArray rules; /* --rule ID=LEVEL and --disable ID, validated */
} CheckOptions;

/* Fills `o` from the arguments after `check`; on a usage error says what
 * is wrong on err and returns false.  check_options_free releases what
 * the parse allocated, whatever its result. */
bool check_options_parse(int argc, char **argv, CheckOptions *o, FILE *err);
void check_options_free(CheckOptions *o);
void check_usage(FILE *out);

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
  char *cwd;           /* the working directory, absolute: reports' paths are relative to it */
  FileId stdin_file;   /* the document read from stdin, when has_stdin */
  bool has_stdin;
} CheckRun;

/* Loads every file the options name into run->files; false (after
 * saying why on err) when any input problem was met. */
bool check_collect(CheckRun *run, const CheckOptions *o, FILE *err);

/* 1-based line and UTF-16 column of a byte offset, as every output format
 * reports them. */
void cli_position(const CheckRun *run, FileId file, size_t offset, unsigned *line, unsigned *column);

/* A byte range as the JSON-based formats report it: `names` are the four
 * member names (start line, start column, end line, end column), written
 * on `obj` with 1-based lines and UTF-16 columns. */
struct cJSON;
void cli_add_range(const CheckRun *run, struct cJSON *obj, FileId file, size_t start, size_t end,
                   const char *const names[4]);

/* The path as given on the command line (or found under a given folder);
 * `<stdin>`, or the --stdin-filename, for the text read from stdin. */
const char *cli_path(const CheckRun *run, FileId file);

/* The path relative to the working directory when the file is inside it,
 * else absolute: what CI dashboards (Code Quality, code scanning) resolve
 * against the repository they run in.  Caller frees. */
char *cli_repo_path(const CheckRun *run, FileId file);


/* Writes a document's text over the file at `path`, through a temporary
 * file renamed into place so an interrupted write never leaves a truncated
 * file; on failure says why on err, prefixed with `dockls <command>`. */
bool cli_write_text(const char *command, const char *path, const TextDoc *text, FILE *err);

void emit_text(const CheckRun *run, FILE *out);
void emit_json(const CheckRun *run, FILE *out);
void emit_sarif(const CheckRun *run, FILE *out);
void emit_codeclimate(const CheckRun *run, FILE *out);
void emit_checkstyle(const CheckRun *run, FILE *out);
void emit_junit(const CheckRun *run, FILE *out);
void emit_github(const CheckRun *run, FILE *out);
void emit_gnu(const CheckRun *run, FILE *out);

/* Writes `text` with the five XML special characters escaped, and
 * characters XML 1.0 cannot carry (control characters other than tab and
 * line breaks) replaced by U+FFFD. */
void xml_write_escaped(FILE *out, const char *text);

/* Prints a unified diff (`--- a/PATH`, `+++ b/PATH`, hunks with three lines
 * of context) from `before` to `after`; prints nothing when they are
 * equal.  Returns whether they differ. */
bool cli_write_diff(FILE *out, const char *path, const char *before, size_t before_len, const char *after,
                    size_t after_len);

#endif
