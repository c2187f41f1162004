/* A second opinion on YAML syntax from libyaml.  tree-sitter's error
 * recovery is built for editing and can fold the rest of a file into one
 * node after a single bad character (an unclosed `{` after a tab); libyaml
 * stops at the first error with a message a person can act on, so the
 * syntax-error rule reports libyaml's message and position. */
#ifndef DOCKLS_SYNTAX_YAML_CHECK_H_
#define DOCKLS_SYNTAX_YAML_CHECK_H_

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  size_t offset;  /* byte offset of the problem in the checked text */
  char *message;  /* caller owns (xfree): libyaml's problem and context */
  /* Where the mistake most likely starts: the start of the token or flow
   * collection libyaml was reading when it failed (an unclosed quote, a
   * key without `:`, an unclosed `[`), else `offset`.  libyaml often
   * notices such a mistake only on a later line, which may belong to a
   * neighbouring block; a block-mapping context is not used, since it is
   * the start of the whole enclosing mapping. */
  size_t origin;
  size_t context; /* byte offset of libyaml's context mark, SIZE_MAX when it names none */
  bool encoding;  /* the bytes are not text (a reader error), not a YAML mistake */
} YamlProblem;

/* Runs libyaml's event parser over the text.  Returns true when libyaml
 * accepts it.  Otherwise fills *problem and returns false.  Aliases are not
 * expanded at this level, so alias bombs cost nothing here. */
bool yaml_check(const char *bytes, size_t len, YamlProblem *problem);

/* yaml_check of a piece that starts on line `first_line` (0-based) of a
 * longer text: the line the message names is counted in that text. */
bool yaml_check_lines(const char *bytes, size_t len, size_t first_line, YamlProblem *problem);

/* One libyaml event, reduced to what yaml_chunks.c checks. */
typedef enum {
  YAML_EVENT_DOCUMENT_START,
  YAML_EVENT_DOCUMENT_END,
  YAML_EVENT_MAPPING_START,
  YAML_EVENT_MAPPING_END,
  YAML_EVENT_SEQUENCE_START,
  YAML_EVENT_SEQUENCE_END,
  YAML_EVENT_SCALAR,
  YAML_EVENT_ALIAS
} YamlEventKind;

typedef struct {
  YamlEventKind kind;
  size_t line, column; /* 0-based start mark */
  bool block;          /* a block (not flow) collection */
  bool implicit;       /* a document without `---` / `...` */
  bool decorated;      /* carries an anchor or a tag */
  bool empty_plain;    /* a plain scalar with no text (an implicit null) */
} YamlEvent;

/* Runs libyaml's event parser and hands each event between the stream's
 * start and end to `visit`.  Returns true when libyaml accepts the whole
 * text and `visit` returned true for every event; stops at the first
 * false. */
bool yaml_walk_events(const char *bytes, size_t len, bool (*visit)(const YamlEvent *event, void *data),
                      void *data);

/* The byte offset of a libyaml mark index (code points from the start of
 * the stream, after any byte-order mark). */
size_t yaml_mark_offset(const char *bytes, size_t len, size_t index);

#endif
