/* Which fixes may be offered and applied together, and fix-all.
 *
 * Three promises of the fix guarantees live here rather than in each
 * rule, so that a new rule cannot break them:
 *  - an insertion the parser would not see (inside a syntax error, an
 *    unterminated quote or heredoc, a YAML file that does not load) is not
 *    offered: the text would land in the broken part and the rule would
 *    fire again;
 *  - fixes applied together neither overlap nor create the same mapping
 *    key (two renames to `secrets:` are apart in bytes but not in
 *    meaning);
 *  - fix-all checks every round: the file parses at least as well as
 *    before and every fixed diagnostic is gone, else the round is undone
 *    and its fixes are tried one by one, and a fix that fails is not
 *    tried again. */
#include "fix.h"

#include <stdint.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/workspace/config.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/parse.h"

/* --- insertions the parser cannot see --------------------------------- */

/* True when offset `at` touches an ERROR or MISSING node, or lies after
 * an ERROR node that runs to the end of the file (an unterminated heredoc
 * swallows everything after it). */
static bool in_syntax_error(TSNode node, size_t at, size_t len) {
  /* A cursor, not ts_node_child(i): indexed access searches from the first
   * child each time, through every hidden level of the Dockerfile's
   * instruction list (one per instruction). */
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  bool found = false;
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more && !found;
       more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode child = ts_tree_cursor_current_node(&cursor);
    size_t s = ts_node_start_byte(child), e = ts_node_end_byte(child);
    /* ERROR nodes carry the runtime's built-in error symbol, (TSSymbol)-1
     * (Debian's tree-sitter 0.20 has no ts_node_is_error). */
    bool error = ts_node_symbol(child) == (TSSymbol)-1 || ts_node_is_missing(child);
    if (error && s <= at && (at <= e || e >= len)) found = true;
    else if (s <= at && at <= e && ts_node_has_error(child)) found = in_syntax_error(child, at, len);
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

static size_t trimmed_length(const TextDoc *text) {
  size_t len = text->len;
  while (len > 0 && (text->bytes[len - 1] == '\n' || text->bytes[len - 1] == '\r' ||
                     text->bytes[len - 1] == ' ' || text->bytes[len - 1] == '\t'))
    len--;
  return len;
}

/* What hides an insertion from the parser in one file, gathered once per
 * analysis: this runs on every keystroke, for every fix, so the usual case
 * (no error anywhere) must cost one look, not a walk per insertion. */
typedef struct {
  bool yaml_broken;  /* a compose file with a syntax error: every insertion */
  bool tree_error;   /* the tree has an ERROR or MISSING node somewhere */
  const Syntax *syntax;
  size_t text_len;   /* without trailing blanks, for errors that run to the end */
  Array(size_t) broken_runs; /* [start, end] pairs of RUNs whose shell does not parse */
} Unseen;

static void unseen_gather(Workspace *ws, FileId id, const DiagList *out, size_t first, Unseen *u) {
  memset(u, 0, sizeof *u);
  array_init(&u->broken_runs);
  /* A compose file that Compose cannot load gains nothing from new keys:
   * libyaml may stop before them (a NUL byte, a bad indent) and the rule
   * that asked for them fires again. */
  if (ws_kind(ws, id) == DOC_KIND_COMPOSE)
    for (size_t i = first; i < out->len; i++) u->yaml_broken |= out->items[i].rule == RULE_SYNTAX_ERROR;
  const Syntax *syntax = ws_syntax(ws, id);
  if (syntax && syntax_has_error(syntax)) {
    u->tree_error = true;
    u->syntax = syntax;
    u->text_len = trimmed_length(ws_text(ws, id));
  }
  /* A RUN whose shell text does not parse (an unterminated quote) takes in
   * whatever is appended to it. */
  const DockerfileModel *m = ws_kind(ws, id) == DOC_KIND_DOCKERFILE ? ws_dockerfile(ws, id) : NULL;
  for (size_t i = 0; m && i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (!df_shell(in) || !df_shell(in)->parse_error) continue;
    array_push(&u->broken_runs, in->start);
    array_push(&u->broken_runs, in->end);
  }
}

static bool insertion_unseen(const Unseen *u, size_t at) {
  if (u->yaml_broken) return true;
  if (u->tree_error && in_syntax_error(syntax_root_for(u->syntax, at), at, u->text_len)) return true;
  for (size_t i = 0; i + 1 < u->broken_runs.len; i += 2)
    if (u->broken_runs.items[i] <= at && at <= u->broken_runs.items[i + 1]) return true;
  return false;
}

void fix__drop_unseen(Workspace *ws, FileId id, DiagList *out, size_t first) {
  /* A publish builds no fixes: then there is nothing to drop, and the
   * facts below (which walk the whole model) are not gathered. */
  size_t any = first;
  while (any < out->len && !out->items[any].fixes.len) any++;
  if (any == out->len) return;
  Unseen u;
  unseen_gather(ws, id, out, first, &u);
  bool anything_hidden = u.yaml_broken || u.tree_error || u.broken_runs.len > 0;
  for (size_t i = first; anything_hidden && i < out->len; i++) {
    Diag *d = &out->items[i];
    for (size_t j = d->fixes.len; j-- > 0;) {
      const Fix *f = &d->fixes.items[j];
      bool unseen = false;
      for (size_t k = 0; k < f->edits.len && !unseen; k++) {
        const FixEdit *e = &f->edits.items[k];
        unseen = e->file == id && e->start == e->end && insertion_unseen(&u, e->start);
      }
      if (unseen) diag_remove_fix(d, j);
    }
  }
  array_delete(&u.broken_runs);
}

/* --- selection ---------------------------------------------------------- */

/* Edits conflict when they overlap or touch in `file`, the file whose
 * edits are being applied (what the fixes do to other files is applied,
 * if at all, by whoever owns those files). */
static bool edits_conflict(const Fix *a, const Fix *b, FileId file) {
  for (size_t i = 0; i < a->edits.len; i++)
    for (size_t j = 0; j < b->edits.len; j++) {
      const FixEdit *x = &a->edits.items[i], *y = &b->edits.items[j];
      /* Touching ranges conflict too: two insertions at one offset would
       * come out in an order neither fix asked for. */
      if (x->file == file && y->file == file && x->start <= y->end && y->start <= x->end) return true;
    }
  return false;
}

static bool keys_conflict(const Fix *a, const Fix *b) {
  for (size_t i = 0; i < a->keys.len; i++)
    for (size_t j = 0; j < b->keys.len; j++)
      if (a->keys.items[i].map_start == b->keys.items[j].map_start &&
          strcmp(a->keys.items[i].name, b->keys.items[j].name) == 0)
        return true;
  return false;
}

/* True when `fix` cannot be applied together with the fixes taken: an
 * edit in `file` overlaps or touches one of theirs, or it creates a key
 * one of them creates in the same mapping. */
static bool fix_conflicts(const Fix *fix, const FixPtrArray *taken, FileId file) {
  for (size_t i = 0; i < taken->len; i++)
    if (edits_conflict(fix, taken->items[i], file) || keys_conflict(fix, taken->items[i])) return true;
  return false;
}

/* The fixes of one attempt, with the diagnostics they repair. */
typedef struct {
  Array(const Diag *) diags;
  FixPtrArray fixes;
} Batch;

static void batch_add(Batch *b, const Diag *d, const Fix *f) {
  array_push(&b->diags, d);
  array_push(&b->fixes, f);
}

static void batch_clear(Batch *b) {
  array_delete(&b->diags);
  array_delete(&b->fixes);
}

/* The preferred fix of a diagnostic, if `how` lets it through: in place,
 * only one that fix-all may apply in place (all its edits in `file`, no
 * file to create, something to change). */
static const Fix *applicable_fix(const Diag *d, FileId file, FixChoice how) {
  if (how.rule >= 0 && d->rule != (RuleId)how.rule) return NULL;
  for (size_t j = 0; j < d->fixes.len; j++) {
    const Fix *f = &d->fixes.items[j];
    if (!f->preferred) continue;
    if (!how.in_place) return f;
    bool same_file = f->edits.len > 0 && f->creates.len == 0;
    for (size_t k = 0; k < f->edits.len; k++) same_file &= f->edits.items[k].file == file;
    return same_file ? f : NULL;
  }
  return NULL;
}

static bool only_inserts(const Fix *f) {
  for (size_t k = 0; k < f->edits.len; k++)
    if (f->edits.items[k].start != f->edits.items[k].end) return false;
  return true;
}

typedef bool (*FixFilter)(const Diag *d, const Fix *f, const void *arg);

/* Takes, in diagnostic order, each applicable fix that the filter lets
 * through and that conflicts with none taken.  Fixes that change what the
 * user wrote go first and insertions after: when a rename to `deploy:`
 * and an inserted `deploy:` block compete, the user's own key is mended
 * rather than doubled. */
static void select_fixes(const DiagList *diags, FileId file, FixChoice how, FixFilter filter, const void *arg,
                         Batch *out) {
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < diags->len; i++) {
      const Diag *d = &diags->items[i];
      const Fix *f = d->file == file ? applicable_fix(d, file, how) : NULL;
      if (!f || only_inserts(f) != (pass == 1) || (filter && !filter(d, f, arg))) continue;
      if (!fix_conflicts(f, &out->fixes, file)) batch_add(out, d, f);
    }
}

void analysis_select_fixes(const DiagList *diags, FileId file, FixChoice how, FixPtrArray *fixes) {
  Batch b;
  memset(&b, 0, sizeof b);
  for (size_t i = 0; i < fixes->len; i++) batch_add(&b, NULL, fixes->items[i]);
  size_t had = b.fixes.len;
  select_fixes(diags, file, how, NULL, NULL, &b);
  for (size_t i = had; i < b.fixes.len; i++) array_push(fixes, b.fixes.items[i]);
  batch_clear(&b);
}

void analysis_compatible_fixes(const DiagList *diags, FileId file, FixPtrArray *fixes) {
  analysis_select_fixes(diags, file, (FixChoice){.rule = -1, .in_place = true}, fixes);
}

/* --- fix-all ------------------------------------------------------------ */

/* A fix that was applied and did not do its job (the file parsed worse,
 * or its diagnostic came back): by rule, message and title, which stay the
 * same from one round to the next while offsets move. */
typedef struct {
  RuleId rule;
  char *message;
  char *title;
} Rejected;
typedef Array(Rejected) RejectedArray;

static bool not_rejected(const Diag *d, const Fix *f, const void *arg) {
  const RejectedArray *rejected = arg;
  for (size_t i = 0; i < rejected->len; i++) {
    const Rejected *r = &rejected->items[i];
    if (r->rule == d->rule && strcmp(r->message, d->message) == 0 && strcmp(r->title, f->title) == 0) return false;
  }
  return true;
}

static void forget_rejected(RejectedArray *rejected) {
  for (size_t i = 0; i < rejected->len; i++) {
    xfree(rejected->items[i].message);
    xfree(rejected->items[i].title);
  }
  array_clear(rejected);
}

static size_t count_like(const DiagList *list, RuleId rule, const char *message) {
  size_t n = 0;
  for (size_t i = 0; i < list->len; i++)
    n += list->items[i].rule == rule && (!message || strcmp(list->items[i].message, message) == 0);
  return n;
}


/* Applies the batch, analyses again and keeps the result only when the
 * file has no more syntax errors than before and each repaired
 * diagnostic is gone (counted by rule and message, since identical
 * findings elsewhere in the file may remain).  Otherwise the text is put
 * back as it was. */
static bool apply_checked(Workspace *ws, FileId id, const DiagList *before, const Batch *batch,
                          const FixAllObserver *observer, DiagList *analysed) {
  /* The text as it was, byte for byte: a document may hold NUL bytes, so
   * no string copy (xstrndup would stop at the first). */
  const TextDoc *text = ws_text(ws, id);
  size_t saved_len = text->len;
  char *saved = xmalloc(saved_len + 1);
  memcpy(saved, text->bytes, saved_len);
  Array(TextReplacement) repls;
  array_init(&repls);
  for (size_t i = 0; i < batch->fixes.len; i++)
    for (size_t k = 0; k < batch->fixes.items[i]->edits.len; k++) {
      const FixEdit *e = &batch->fixes.items[i]->edits.items[k];
      array_push(&repls, ((TextReplacement){e->start, e->end, e->text}));
    }
  char *err = NULL;
  bool ok = ws_apply_replacements(ws, id, repls.items, repls.len, &err);
  xfree(err);
  array_delete(&repls);
  if (!ok) {
    xfree(saved);
    return false;
  }
  DiagList after;
  array_init(&after);
  analysis_file(ws, id, &after);
  bool good = count_like(&after, RULE_SYNTAX_ERROR, NULL) <= count_like(before, RULE_SYNTAX_ERROR, NULL);
  for (size_t i = 0; good && i < batch->diags.len; i++) {
    const Diag *d = batch->diags.items[i];
    size_t repaired = 0;
    for (size_t j = 0; j < batch->diags.len; j++)
      repaired += batch->diags.items[j]->rule == d->rule && strcmp(batch->diags.items[j]->message, d->message) == 0;
    size_t was = count_like(before, d->rule, d->message);
    good = count_like(&after, d->rule, d->message) + repaired <= was;
  }
  /* The analysis of the text that stays, for a caller that judges the next
   * fix against it. */
  if (good && analysed) {
    diaglist_destroy(analysed);
    *analysed = after;
  } else {
    diaglist_destroy(&after);
  }
  if (!good) {
    ws_restore_text(ws, id, saved, saved_len); /* the round is undone */
  } else if (observer) {
    const TextDoc *now = ws_text(ws, id);
    observer->applied(observer->ctx, saved, saved_len, batch->fixes.items, batch->fixes.len, now->bytes, now->len);
  }
  xfree(saved);
  return good;
}


/* Where a fix's edits begin and end. */
static void fix_span(const Fix *f, size_t *lo, size_t *hi) {
  *lo = SIZE_MAX;
  *hi = 0;
  for (size_t k = 0; k < f->edits.len; k++) {
    if (f->edits.items[k].start < *lo) *lo = f->edits.items[k].start;
    if (f->edits.items[k].end > *hi) *hi = f->edits.items[k].end;
  }
}

/* When a batch fails as a whole (a fix in it may reveal a finding like
 * one another fix repairs, which the counting check cannot tell apart),
 * its fixes are tried one by one from the end of the file backwards: a
 * fix applied there leaves the offsets of the fixes before it as they
 * were, so one round keeps every fix that works instead of one (a file
 * with dozens of such fixes ran out of rounds).  Each is judged against
 * the analysis of the text it is applied to.  A fix whose edits reach
 * into or past what was applied waits for the next round; one that fails
 * is rejected.  Returns how many were applied. */
static size_t apply_one_by_one(Workspace *ws, FileId id, const DiagList *diags, const Batch *all,
                               const FixAllObserver *observer, RejectedArray *rejected) {
  size_t n = all->fixes.len, applied = 0, limit = SIZE_MAX;
  size_t *order = xmalloc((n + 1) * sizeof *order);
  for (size_t i = 0; i < n; i++) order[i] = i;
  /* Insertion sort by first edit, last first: batches are small. */
  for (size_t i = 1; i < n; i++) {
    size_t key = order[i], lo_key, hi_key, j = i;
    fix_span(all->fixes.items[key], &lo_key, &hi_key);
    while (j > 0) {
      size_t lo_prev, hi_prev;
      fix_span(all->fixes.items[order[j - 1]], &lo_prev, &hi_prev);
      if (lo_prev >= lo_key) break;
      order[j] = order[j - 1];
      j--;
    }
    order[j] = key;
  }
  DiagList current;
  array_init(&current);
  const DiagList *before = diags;
  for (size_t k = 0; k < n; k++) {
    size_t i = order[k], lo, hi;
    fix_span(all->fixes.items[i], &lo, &hi);
    if (hi > limit || lo >= limit) continue;
    Batch one;
    memset(&one, 0, sizeof one);
    batch_add(&one, all->diags.items[i], all->fixes.items[i]);
    if (apply_checked(ws, id, before, &one, observer, &current)) {
      applied++;
      limit = lo;
      before = &current;
    } else {
      Rejected r = {all->diags.items[i]->rule, xstrdup(all->diags.items[i]->message),
                    xstrdup(all->fixes.items[i]->title)};
      array_push(rejected, r);
    }
    batch_clear(&one);
  }
  diaglist_destroy(&current);
  xfree(order);
  return applied;
}

size_t analysis_fix_all(Workspace *ws, FileId id, DiagList *final) { return analysis_fix_all_observed(ws, id, final, NULL); }

size_t analysis_fix_all_observed(Workspace *ws, FileId id, DiagList *final, const FixAllObserver *observer) {
  /* A fix can make room for another (or reveal one), so rounds repeat
   * until nothing applies.  Every failed attempt rejects at least one fix
   * for good and every good round removes diagnostics, so the loop ends;
   * the bound is a second guard against two fixes that undo each other.
   * The attempt that changes nothing has analysed the text as it stays, so
   * its diagnostics are the final ones. */
  size_t applied = 0;
  bool settled = false;
  /* Whether the rejections may be forgotten once more (see below). */
  bool may_forget = true;
  RejectedArray rejected;
  array_init(&rejected);
  for (int attempt = 0; attempt < 32; attempt++) {
    DiagList diags;
    array_init(&diags);
    analysis_file(ws, id, &diags);
    Batch all;
    memset(&all, 0, sizeof all);
    select_fixes(&diags, id, (FixChoice){.rule = -1, .in_place = true}, not_rejected, &rejected, &all);
    bool progress = false;
    if (all.fixes.len > 0 && apply_checked(ws, id, &diags, &all, observer, NULL)) {
      applied += all.fixes.len;
      progress = true;
    } else {
      size_t one_by_one = apply_one_by_one(ws, id, &diags, &all, observer, &rejected);
      applied += one_by_one;
      progress = one_by_one > 0;
    }
    batch_clear(&all);
    settled = !progress;
    if (progress) may_forget = true;
    /* A fix rejected earlier was judged on an older text (and by rule and
     * message, which identical findings elsewhere share), so a second
     * fix-all, starting with no rejections, could still apply it.  Before
     * settling, the rejections are forgotten and the fixes tried again
     * once: fix-all then ends where a second run would change nothing. */
    if (settled && rejected.len > 0 && may_forget) {
      forget_rejected(&rejected);
      may_forget = false;
      settled = false;
      diaglist_destroy(&diags);
      continue;
    }
    if (settled && final) {
      /* The diagnostics move to the caller whole; only the array is freed. */
      for (size_t i = 0; i < diags.len; i++) array_push(final, diags.items[i]);
      array_delete(&diags);
    } else {
      diaglist_destroy(&diags);
    }
    if (settled) break;
  }
  if (!settled && final) analysis_file(ws, id, final);
  forget_rejected(&rejected);
  array_delete(&rejected);
  return applied;
}

/* --- fix-all for an editor ---------------------------------------------- */

bool analysis_fix_all_edit(Workspace *ws, FileId id, FixEdit *out) {
  /* The rounds of fix-all each rewrite the document and analyse it again.
   * An editor's document must not change under it (the client owns its
   * text and version), so the rounds run on a scratch workspace that has
   * the same root and editor settings, as `dockls check --fix` would see
   * the file; other files come from the disk there, as they do for the
   * CLI.  Only the difference between the two texts leaves: one edit from
   * the first changed byte to the last. */
  const TextDoc *text = ws_text(ws, id);
  Workspace *scratch = ws_new(ws_root(ws));
  const ConfigRuleArray *overrides = ws_overrides(ws);
  ws_set_overrides(scratch, overrides->items, overrides->len);
  FileId copy;
  char *err = NULL;
  bool changed = false;
  if (ws_open(scratch, ws_uri(ws, id), ws_kind(ws, id), ws_version(ws, id), text->bytes, text->len, &copy,
              &err) &&
      analysis_fix_all(scratch, copy, NULL) > 0) {
    const TextDoc *after = ws_text(scratch, copy);
    size_t prefix = 0, suffix = 0;
    while (prefix < text->len && prefix < after->len && text->bytes[prefix] == after->bytes[prefix]) prefix++;
    while (suffix < text->len - prefix && suffix < after->len - prefix &&
           text->bytes[text->len - 1 - suffix] == after->bytes[after->len - 1 - suffix])
      suffix++;
    /* A shared suffix may not cut a UTF-8 sequence or a CRLF in two:
     * positions are sent in characters, so the edit widens to whole ones. */
    while (prefix > 0 && prefix < text->len && (((unsigned char)text->bytes[prefix] & 0xC0) == 0x80 ||
                          (text->bytes[prefix] == '\n' && text->bytes[prefix - 1] == '\r')))
      prefix--;
    while (suffix > 0 && (((unsigned char)text->bytes[text->len - suffix] & 0xC0) == 0x80 ||
                          (text->bytes[text->len - suffix] == '\n' && text->bytes[text->len - suffix - 1] == '\r')))
      suffix--;
    changed = prefix + suffix < text->len || prefix + suffix < after->len;
    /* An edit's text is a C string: a NUL byte between the first and last
     * change would cut it there, and the client would delete the rest of
     * the range.  No edit is better than a shortened file. */
    size_t n = after->len - prefix - suffix;
    if (changed && memchr(after->bytes + prefix, '\0', n)) changed = false;
    if (changed)
      *out = (FixEdit){id, prefix, text->len - suffix,
                       xstrndup(after->bytes + prefix, n)};
  }
  xfree(err);
  ws_delete(scratch);
  return changed;
}
