/* The peer table of analysis/peers.def.  Rows name dockls rules by id and
 * are resolved on each lookup rather than once: a lookup compares the id
 * first and resolves only the one or two rows that match it, so no
 * process-wide cache is needed. */
#include "dockls/analysis/peers.h"

#include <string.h>

static const PeerRow peer_table[] = {
#define PEER(tool, id, flags, rule, note) {PEER_##tool, id, flags, rule, note},
#include "dockls/analysis/peers.def"
#undef PEER
};

const PeerRow *peer_rows(size_t *count) {
  *count = sizeof peer_table / sizeof *peer_table;
  return peer_table;
}

const char *peer_tool_name(PeerTool tool) {
  switch (tool) {
    case PEER_BUILDKIT: return "BuildKit checks";
    case PEER_DOCKERFILE_UTILS: return "docker-langserver (dockerfile-utils)";
    case PEER_HADOLINT: return "hadolint";
    case PEER_DCLINT: return "dclint";
    case PEER__COUNT: break;
  }
  return "?";
}

bool peer_row_rule(const PeerRow *row, RuleId *out) { return row->rule && rule_from_id(row->rule, out); }

bool peer_mark(PeerTool tool, const char *id, size_t len, bool rules[RULE__COUNT]) {
  bool known = false;
  for (size_t i = 0; i < sizeof peer_table / sizeof *peer_table; i++) {
    const PeerRow *row = &peer_table[i];
    if (row->tool != tool || strlen(row->id) != len || memcmp(row->id, id, len) != 0) continue;
    known = true;
    RuleId r;
    if (peer_row_rule(row, &r)) rules[r] = true;
  }
  return known;
}

void peer_mark_tool(PeerTool tool, bool rules[RULE__COUNT]) {
  for (size_t i = 0; i < sizeof peer_table / sizeof *peer_table; i++) {
    RuleId r;
    if (peer_table[i].tool == tool && peer_row_rule(&peer_table[i], &r)) rules[r] = true;
  }
}

bool peer_names_rule(PeerTool tool, const char *id, RuleId rule) {
  bool rules[RULE__COUNT] = {false};
  return peer_mark(tool, id, strlen(id), rules) && rules[rule];
}
