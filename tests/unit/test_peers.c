/* The peer table (analysis/peers.def): every rule of the four tools is
 * there once, every dockls rule it names exists, and the lookups that the
 * pragmas and .hadolint.yaml go through find what the table says. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/analysis/peers.h"
#include "dockls/base/strbuf.h"

/* A row names a dockls rule by its id string so that the table can be
 * written ahead of a rule; this is the check that the rule arrived. */
Test(peers, every_rule_named_is_registered) {
  size_t n;
  const PeerRow *rows = peer_rows(&n);
  StrBuf missing = STRBUF_INIT;
  for (size_t i = 0; i < n; i++) {
    RuleId r;
    if (!rows[i].rule || rule_from_id(rows[i].rule, &r)) continue;
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++) seen = rows[j].rule && strcmp(rows[j].rule, rows[i].rule) == 0;
    if (!seen) strbuf_appendf(&missing, " %s", rows[i].rule);
  }
  cr_expect_eq(missing.len, 0, "peers.def names rules that `dockls rules` does not have:%s", strbuf_cstr(&missing));
  strbuf_destroy(&missing);
}

/* How many distinct rule ids each tool has (BuildKit's rule set,
 * dockerfile-utils' codes with its one deprecated alias, hadolint's DL
 * rules, dclint's rules): a tool's rule left out, or a typo that makes
 * two ids of one, changes the count. */
Test(peers, every_peer_rule_once) {
  static const size_t expected[PEER__COUNT] = {22, 54, 71, 15};
  size_t n, counts[PEER__COUNT] = {0};
  const PeerRow *rows = peer_rows(&n);
  for (size_t i = 0; i < n; i++) {
    bool again = false;
    for (size_t j = 0; j < i; j++) {
      if (rows[j].tool != rows[i].tool || strcmp(rows[j].id, rows[i].id) != 0) continue;
      again = true;
      /* A second row of one id must name another dockls rule. */
      cr_expect(rows[i].rule && rows[j].rule && strcmp(rows[i].rule, rows[j].rule) != 0,
                "%s %s is listed twice for the same rule", peer_tool_name(rows[i].tool), rows[i].id);
    }
    if (!again) counts[rows[i].tool]++;
  }
  for (int t = 0; t < PEER__COUNT; t++)
    cr_expect_eq(counts[t], expected[t], "%s: %zu rules, expected %zu", peer_tool_name((PeerTool)t), counts[t],
                 expected[t]);
}

/* The rules no dockls rule replaces are the decisions of the rule
 * parity study (BuildKit 2, dockerfile-utils 1, hadolint 20, dclint 7):
 * a row turned to NULL by mistake, or a skip given a rule, shows here. */
Test(peers, every_unreplaced_rule_says_why) {
  static const size_t expected[PEER__COUNT] = {2, 1, 20, 7};
  size_t n, unreplaced[PEER__COUNT] = {0};
  const PeerRow *rows = peer_rows(&n);
  for (size_t i = 0; i < n; i++) {
    cr_expect(rows[i].flags[0] != '\0', "%s has no description", rows[i].id);
    if (rows[i].rule) continue;
    unreplaced[rows[i].tool]++;
    cr_expect(rows[i].note[0] != '\0', "%s is not replaced and says no reason", rows[i].id);
  }
  for (int t = 0; t < PEER__COUNT; t++)
    cr_expect_eq(unreplaced[t], expected[t], "%s: %zu rules without a replacement, expected %zu",
                 peer_tool_name((PeerTool)t), unreplaced[t], expected[t]);
}

Test(peers, lookups_follow_the_rows) {
  RuleId apk, secret, image;
  cr_assert(rule_from_id("apk-no-cache", &apk) && rule_from_id("secret-in-image", &secret) &&
            rule_from_id("image-unpinned", &image));
  cr_expect(peer_names_rule(PEER_HADOLINT, "DL3019", apk));
  cr_expect_not(peer_names_rule(PEER_HADOLINT, "DL3018", apk));
  /* One id, two dockls rules: both are named. */
  cr_expect(peer_names_rule(PEER_HADOLINT, "DL3064", secret));
  cr_expect(peer_names_rule(PEER_DCLINT, "service-image-require-explicit-tag", image));
  /* Ids are compared exactly, as the tools do. */
  cr_expect_not(peer_names_rule(PEER_HADOLINT, "dl3019", apk));
  cr_expect_not(peer_names_rule(PEER_BUILDKIT, "DL3019", apk));
  bool rules[RULE__COUNT] = {false};
  cr_expect(peer_mark(PEER_HADOLINT, "DL3059", 6, rules), "DL3059 is a hadolint rule, replaced by none");
  for (int r = 0; r < RULE__COUNT; r++) cr_expect_not(rules[r]);
  cr_expect_not(peer_mark(PEER_HADOLINT, "DL9999", 6, rules));
  bool all[RULE__COUNT] = {false};
  peer_mark_tool(PEER_DCLINT, all);
  cr_expect(all[image]);
  cr_expect_not(all[apk]);
}
