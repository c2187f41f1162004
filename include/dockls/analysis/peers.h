/* The rules of other Dockerfile and compose linters, and the dockls rule
 * that replaces each (analysis/peers.def).  One table serves the pragmas
 * and configuration dockls carries over from those tools and the
 * migration page of the documentation. */
#ifndef DOCKLS_ANALYSIS_PEERS_H_
#define DOCKLS_ANALYSIS_PEERS_H_

#include <stdbool.h>
#include <stddef.h>

#include "dockls/analysis/rules.h"

typedef enum {
  PEER_BUILDKIT,          /* BuildKit's build checks (`docker build --check`) */
  PEER_DOCKERFILE_UTILS,  /* dockerfile-utils, the validator of docker-langserver */
  PEER_HADOLINT,
  PEER_DCLINT,
  PEER__COUNT
} PeerTool;

typedef struct {
  PeerTool tool;
  const char *id;    /* the peer's own name for its rule (DL3008, StageNameCasing) */
  const char *flags; /* what the peer rule reports, in a few words */
  const char *rule;  /* the dockls rule id that replaces it, or NULL */
  const char *note;  /* how the dockls rule differs, or why none replaces it */
} PeerRow;

/* Every row, in the order of peers.def (borrowed, static). */
const PeerRow *peer_rows(size_t *count);

/* The tool's name as its users know it ("hadolint"). */
const char *peer_tool_name(PeerTool tool);

/* The registered rule a row names; false when it names none, or names a
 * rule the registry does not have. */
bool peer_row_rule(const PeerRow *row, RuleId *out);

/* Sets rules[r] for every registered dockls rule that the tool's rule
 * `id` (len bytes, compared exactly) maps to.  Returns whether the tool
 * has a rule of that id, mapped or not. */
bool peer_mark(PeerTool tool, const char *id, size_t len, bool rules[RULE__COUNT]);

/* Sets rules[r] for every registered dockls rule that replaces some rule
 * of the tool (what "all of that tool's rules" means in dockls). */
void peer_mark_tool(PeerTool tool, bool rules[RULE__COUNT]);

/* Whether the tool's rule `id` (a NUL-terminated string) maps to `rule`. */
bool peer_names_rule(PeerTool tool, const char *id, RuleId rule);

#endif
