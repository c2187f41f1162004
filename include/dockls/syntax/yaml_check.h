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
} YamlProblem;

/* Runs libyaml's event parser over the text.  Returns true when libyaml
 * accepts it.  Otherwise fills *problem and returns false.  Aliases are not
 * expanded at this level, so alias bombs cost nothing here. */
bool yaml_check(const char *bytes, size_t len, YamlProblem *problem);

/* The byte offset of a libyaml mark index (code points from the start of
 * the stream, after any byte-order mark). */
size_t yaml_mark_offset(const char *bytes, size_t len, size_t index);

#endif
