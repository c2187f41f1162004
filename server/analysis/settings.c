/* Configuration applied to diagnostics, and the config-invalid rule that
 * reports what in a .dockls.yaml cannot be used.  An invalid entry is
 * ignored (defaults apply for it); the rest of the file still works, so a
 * typo in one rule id does not switch everything back on. */
#include "settings.h"

#include <fnmatch.h>
#include <string.h>

#include "dockls/analysis/peers.h"
#include "dockls/base/strbuf.h"
#include "dockls/workspace/config.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "rules/internal.h"

/* The level a rule entry sets: 0 for off, a Severity, or -1 if invalid. */
static int settings_level(const char *value) {
  Severity sev;
  if (strcmp(value, "off") == 0 || strcmp(value, "false") == 0) return 0;
  if (severity_from_name(value, &sev)) return (int)sev;
  return -1;
}

/* Whether an entry names the rule: by its id, or in a .hadolint.yaml by a
 * hadolint code that maps to it (codes with no dockls rule name nothing). */
static bool settings_names(const char *entry, bool hadolint, RuleId rule) {
  if (!hadolint) return strcmp(entry, rule_info(rule)->id) == 0;
  return peer_names_rule(PEER_HADOLINT, entry, rule);
}

/* -2 when no entry names the rule, else its level. */
static int settings_lookup(const ConfigRuleArray *rules, bool hadolint, RuleId rule) {
  int level = -2;
  for (size_t i = 0; i < rules->len; i++)
    if (settings_names(rules->items[i].rule, hadolint, rule)) {
      int l = settings_level(rules->items[i].value);
      if (l >= 0) level = l;
    }
  return level;
}

/* True when an ignore_paths entry matches `rel` (relative to the config's
 * folder). */
static bool settings_match(const Config *cfg, const char *rel) {
  for (size_t i = 0; i < cfg->ignore_paths.len; i++) {
    const char *pat = cfg->ignore_paths.items[i];
    size_t pn = strlen(pat);
    while (pn > 0 && pat[pn - 1] == '/') pn--;
    if (fnmatch(pat, rel, 0) == 0) return true;
    /* A folder (written with or without a trailing slash or a trailing
     * double-star pattern) covers what is in it. */
    if (pn >= 3 && strncmp(pat + pn - 3, "/**", 3) == 0) pn -= 3;
    if (pn > 0 && strncmp(rel, pat, pn) == 0 && rel[pn] == '/') return true;
  }
  return false;
}

static bool settings_ignored(const Config *cfg, const char *file_path) {
  char *path = path_absolute(file_path);
  size_t n = strlen(cfg->dir);
  bool ignored = strncmp(path, cfg->dir, n) == 0 && path[n] == '/' && settings_match(cfg, path + n + 1);
  xfree(path);
  return ignored;
}

void settings_apply(Workspace *ws, FileId file, DiagList *list, size_t first) {
  const Config *cfg = ws_config(ws, file);
  const ConfigRuleArray *over = ws_overrides(ws);
  const char *path = ws_path(ws, file);
  bool ignore_all = cfg && path && settings_ignored(cfg, path);
  /* Without an entry or an ignored path every finding keeps its level,
   * which spares a publish a look at each of its thousands of findings. */
  if (!ignore_all && !over->len && (!cfg || !cfg->rules.len)) return;
  /* Each rule's level is looked up once: a compose publish holds
   * thousands of findings of a few dozen rules, and the lookups compare
   * every entry's text with the rule's id. */
  int level_of[RULE__COUNT];
  bool known[RULE__COUNT] = {false};
  size_t keep = first;
  for (size_t i = first; i < list->len; i++) {
    Diag *d = &list->items[i];
    if (!known[d->rule]) {
      level_of[d->rule] = settings_lookup(over, false, d->rule);
      if (level_of[d->rule] == -2 && cfg) level_of[d->rule] = settings_lookup(&cfg->rules, cfg->hadolint, d->rule);
      known[d->rule] = true;
    }
    int level = level_of[d->rule];
    bool drop = d->file == file && (ignore_all || level == 0);
    if (drop) {
      DiagList one = {d, 1, 1};
      diaglist_clear(&one);
      continue;
    }
    if (level > 0) d->severity = (Severity)level;
    if (keep != i) list->items[keep] = *d;
    keep++;
  }
  list->len = keep;
}

/* config-invalid: what the configuration file says that dockls cannot
 * use: YAML errors, wrong shapes, unknown keys, unknown rule ids, and
 * levels other than off/error/warning/info/hint. */
void settings_check_config(RuleCtx *ctx) {
  const Config *cfg = ws_config_of(ctx->ws, ctx->file);
  for (size_t i = 0; i < cfg->problems.len; i++) {
    const ConfigProblem *p = &cfg->problems.items[i];
    diag_add(ctx->out, RULE_CONFIG_INVALID, ctx->file, p->start, p->end, "%s", p->message);
  }
  for (size_t i = 0; i < cfg->rules.len; i++) {
    const ConfigRule *r = &cfg->rules.items[i];
    RuleId id;
    if (!rule_from_id(r->rule, &id))
      diag_add(ctx->out, RULE_CONFIG_INVALID, ctx->file, r->start, r->end,
               "unknown rule `%s` (`dockls rules` lists them); this entry is ignored", r->rule);
    else if (settings_level(r->value) < 0)
      diag_add(ctx->out, RULE_CONFIG_INVALID, ctx->file, r->value_start, r->value_end,
               "`%s` is not a level: use off, error, warning, info or hint", r->value);
  }
}
