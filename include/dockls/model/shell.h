/* The shell model: the commands of one RUN, CMD, ENTRYPOINT or HEALTHCHECK
 * (shell form, exec form, or a heredoc script), with every word's range in
 * the Dockerfile.  Shell form is stitched from the grammar's fragments the
 * way Docker joins lines (line continuations removed, comment lines and
 * empty lines inside a continuation dropped), parsed with tree-sitter-bash,
 * and every position is mapped back through an offset map, so rules point
 * at the exact `npm ci` or `localhost` even across continuations. */
#ifndef DOCKLS_MODEL_SHELL_H_
#define DOCKLS_MODEL_SHELL_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "dockls/base/array.h"
#include "dockls/syntax/parse.h"

typedef struct {
  char *value;          /* the word with quotes removed; expansions kept as written */
  size_t start, end;    /* range in the Dockerfile */
  size_t sstart, send;  /* range in the stitched script */
  bool has_expansion;   /* contains $VAR, ${…} or $(…) */
} ShellWord;
typedef Array(ShellWord) ShellWordArray;

/* How a command is joined to the one before it in the same script. */
typedef enum {
  SHELL_JOIN_NONE, /* first command, or after a newline */
  SHELL_JOIN_AND,  /* && */
  SHELL_JOIN_OR,   /* || */
  SHELL_JOIN_SEMI, /* ; or & */
  SHELL_JOIN_PIPE  /* | */
} ShellJoin;

typedef struct {
  ShellWord name;        /* the command name (after any VAR=value prefixes) */
  ShellWordArray args;   /* its arguments, in order */
  ShellWordArray assigns; /* VAR=value words before the name */
  size_t start, end;     /* range of the whole command in the Dockerfile */
  ShellJoin join;
} ShellCommand;
typedef Array(ShellCommand) ShellCommandArray;

typedef struct {
  size_t sstart; /* offset in the stitched script */
  size_t start;  /* offset in the Dockerfile */
  size_t len;
} ShellSegment;

typedef struct { size_t start, end; } ShellSpan;
typedef Array(ShellSpan) ShellSpanArray;

typedef struct ShellScript {
  char *text;                  /* the stitched script (exec form: words joined by spaces) */
  size_t len;
  size_t start;                /* Dockerfile offset of the first shell text (exec form: the array) */
  Array(ShellSegment) map;     /* stitched → Dockerfile, sorted */
  ShellCommandArray commands;  /* in order of appearance, nested ones included */
  bool exec_form;              /* from a JSON array: no shell involved */
  bool parse_error;            /* tree-sitter-bash found an error in the script */
  size_t end;                  /* Dockerfile offset just after the last shell text */
  /* The shape of a shell-form script, read from the bash tree for the
   * refactors that rewrite it (computed with the script, since the tree is
   * not kept).  `plain`: the script is one command and nothing else, whose
   * words are all literal (no expansion, glob, brace, tilde, escape,
   * assignment, redirection, operator or comment), so commands[0] holds
   * every word exactly as the shell would pass it.  `chain`: the ranges in
   * the Dockerfile of the commands of a top-level list joined by `&&` only
   * (two or more); empty for any other script. */
  bool plain;
  ShellSpanArray chain;
} ShellScript;

/* Builds the script of a `shell_command` node (with the instruction's
 * heredoc_block siblings, if any), or of a `json_string_array` node.
 * `instruction` is the node holding them; the stitched script is parsed
 * with the bash parser of `parsers`.  Caller owns; free with
 * shell_script_delete.  Never fails: unparsable shell yields the commands
 * tree-sitter-bash could still find and parse_error = true. */
ShellScript *shell_script_build(SyntaxParsers *parsers, TSNode instruction, TSNode command,
                                const char *doc, size_t doc_len);

void shell_script_delete(ShellScript *self);

/* Moves every Dockerfile offset of the script by `delta` bytes: an
 * unchanged instruction that moved in the file keeps its script instead
 * of being parsed again. */
void shell_script_shift(ShellScript *self, ptrdiff_t delta);

/* Maps an offset of the stitched script to the Dockerfile.  `is_end`
 * picks the end of the previous segment at a segment boundary, so a range
 * that ends where a continuation begins does not swallow it. */
size_t shell_map(const ShellScript *self, size_t soffset, bool is_end);

/* True when the command has an argument equal to `flag` (or, for a flag
 * that takes a value, starting with "flag="). */
bool shell_has_arg(const ShellCommand *cmd, const char *arg);

/* The first argument at or after index `from` that does not start with
 * '-', or NULL. */
const ShellWord *shell_operand(const ShellCommand *cmd, size_t from);

/* True when `value`, written unquoted, is one shell word that the shell
 * passes on exactly as written: not empty, and without a character that
 * expands, globs, quotes, escapes, separates or starts a comment. */
bool shell_word_is_literal(const char *value);

/* True when the command's name is `name` (a path such as /usr/bin/apk
 * also matches "apk"). */
bool shell_is(const ShellCommand *cmd, const char *name);

#endif
