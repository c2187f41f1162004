/* The suppressions of other tools that dockls honours, read through the
 * peer table (analysis/peers.def): a rule of that tool turned off turns
 * off the dockls rules that replace it.
 *
 *   # hadolint ignore=DL3008,DL3015       the next instruction
 *   # hadolint global ignore=DL3059       the whole file
 *   # check=skip=StageNameCasing;error=true   BuildKit's parser directive
 *   # dclint disable[-file] [rule …]      first line of a compose file
 *   # dclint disable-line [rule …]        the next line, or its own line
 *
 * Ids a tool has but dockls does not replace (DL3059, SC2086) are
 * accepted and do nothing, so a file written for the other tool reads
 * without complaint. */
#include <string.h>

#include "dockls/analysis/peers.h"
#include "suppress.h"

static bool suppress_blank(char c) { return c == ' ' || c == '\t'; }

/* Consumes `word` at *p, and then at least one blank when `blanks` (else
 * any number of them); false, leaving *p alone, when the text differs. */
static bool suppress_word(const char **p, const char *end, const char *word, bool blanks) {
  size_t n = strlen(word);
  const char *q = *p;
  if ((size_t)(end - q) < n || memcmp(q, word, n) != 0) return false;
  q += n;
  const char *after = q;
  while (q < end && suppress_blank(*q)) q++;
  if (blanks && q == after) return false;
  *p = q;
  return true;
}

/* Marks the rules that the ids of [p, end) map to, ids separated by
 * commas and/or blanks; stops at `stop` (hadolint allows a trailing
 * `# comment`).  Returns whether any id mapped to a dockls rule. */
static bool suppress_ids(PeerTool tool, const char *p, const char *end, char stop, bool rules[RULE__COUNT]) {
  bool any = false;
  while (p < end && *p != stop) {
    while (p < end && (*p == ',' || suppress_blank(*p))) p++;
    const char *w = p;
    while (p < end && *p != ',' && *p != stop && !suppress_blank(*p)) p++;
    if (p == w) break;
    bool mapped[RULE__COUNT] = {false};
    peer_mark(tool, w, (size_t)(p - w), mapped);
    for (int r = 0; r < RULE__COUNT; r++)
      if (mapped[r]) any = rules[r] = true;
  }
  return any;
}

bool suppress__hadolint(const char *c, const char *end, bool *global, bool rules[RULE__COUNT]) {
  /* hadolint's grammar: `hadolint`, blanks, optionally `global` and
   * blanks, `ignore`, `=` with optional blanks around it, then the ids. */
  if (!suppress_word(&c, end, "hadolint", true)) return false;
  *global = suppress_word(&c, end, "global", true);
  if (!suppress_word(&c, end, "ignore", false) || !suppress_word(&c, end, "=", false)) return false;
  return suppress_ids(PEER_HADOLINT, c, end, '#', rules);
}

SuppressDclint suppress__dclint(const char *c, const char *end, bool rules[RULE__COUNT]) {
  if (!suppress_word(&c, end, "dclint", true)) return DCLINT_NONE;
  SuppressDclint kind;
  if (suppress_word(&c, end, "disable-line", false)) kind = DCLINT_LINE;
  else if (suppress_word(&c, end, "disable-file", false)) kind = DCLINT_FILE;
  else if (suppress_word(&c, end, "disable", false)) kind = DCLINT_DISABLE;
  else return DCLINT_NONE;
  /* No ids (and disable-file always) mean every dclint rule. */
  if (kind == DCLINT_FILE || c == end) peer_mark_tool(PEER_DCLINT, rules);
  else suppress_ids(PEER_DCLINT, c, end, '\0', rules);
  return kind;
}

/* Go's strconv.ParseBool, which BuildKit reads `error=` with: 1 t T TRUE
 * true True, or 0 f F FALSE false False; false for anything else. */
static bool suppress_go_bool(const char *v, size_t n, bool *out) {
  static const char *const words[] = {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == n && memcmp(v, words[i], n) == 0) {
      *out = i < 6;
      return true;
    }
  return false;
}

bool suppress__check_directive(const char *v, size_t len, bool rules[RULE__COUNT], bool *error) {
  /* BuildKit splits the value on the first `;` into at most two options,
   * each `key=value`: `skip` takes `all` or comma-separated check names
   * (compared exactly, blanks trimmed), `error` a boolean.  A malformed
   * option makes BuildKit refuse the build; dockls then honours nothing
   * of the directive (the build fails before any check runs).  Keys
   * BuildKit added later (`experimental`) are skipped rather than
   * refused, so a newer directive still carries its skip list. */
  const char *p = v, *end = v + len;
  bool skip[RULE__COUNT] = {false}, err = false;
  for (int part = 0; part < 2 && p < end; part++) {
    const char *stop = part == 0 ? memchr(p, ';', (size_t)(end - p)) : NULL;
    const char *opt_end = stop ? stop : end;
    const char *eq = memchr(p, '=', (size_t)(opt_end - p));
    if (!eq) return false;
    const char *k = p, *ke = eq, *val = eq + 1, *ve = opt_end;
    while (k < ke && suppress_blank(*k)) k++;
    while (ke > k && suppress_blank(ke[-1])) ke--;
    while (val < ve && suppress_blank(*val)) val++;
    while (ve > val && suppress_blank(ve[-1])) ve--;
    size_t kn = (size_t)(ke - k), vn = (size_t)(ve - val);
    if (kn == 4 && memcmp(k, "skip", 4) == 0) {
      if (vn == 3 && memcmp(val, "all", 3) == 0) peer_mark_tool(PEER_BUILDKIT, skip);
      else suppress_ids(PEER_BUILDKIT, val, ve, '\0', skip);
    } else if (kn == 5 && memcmp(k, "error", 5) == 0 && !suppress_go_bool(val, vn, &err)) {
      return false;
    }
    p = stop ? stop + 1 : end;
  }
  for (int r = 0; r < RULE__COUNT; r++)
    if (skip[r]) rules[r] = true;
  *error = err;
  return true;
}
