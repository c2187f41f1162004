/* Data-driven rule cases: tests/rules/RULE-ID/CASE.txt.  Each case holds
 * files (sections named by relative path) with «rule-id:text» markers for
 * the expected diagnostics, and optionally `@fix/<path>` sections with the
 * file as it must read after the preferred fixes (and `@action/<path>`
 * ones with the file after the fixes offered but not preferred).  The files are put in
 * an in-memory file system (rules read neighbours through the workspace)
 * and every file whose
 * name makes it a Dockerfile or compose file is analysed.  The runner
 * checks, per case:
 *   - the diagnostics of the folder's rule and of syntax-error are exactly
 *     the marked ones (rule, file, byte range, and severity: the rule's
 *     default unless the marker says «rule@error:text»);
 *   - applying the preferred fixes of the folder's rule yields the golden;
 *   - after the preferred fixes the rule's fixed diagnostics are gone
 *     (those that came without a preferred fix remain), no preferred fix
 *     is offered again, and no new syntax-error appears;
 *   - a file with no golden gets no fix from the rule at all. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "casefile.h"
#include "diag_compare.h"
#include "memfs.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/path.h"
#include "dockls/text/edit.h"

static void update_golden(const char *case_path, const char *name, const char *text, size_t len, StrBuf *why);

/* The `@action/<path>` golden: the file after the first fix of each of
 * the rule's diagnostics that is offered but not preferred (what a user
 * gets by picking those code actions one by one; fix-all never applies
 * them).  It keeps the text of such fixes under test.  With
 * UPDATE_GOLDEN=1 it is rewritten when it exists; it is never added. */
static void check_actions(const CaseFile *cf, const char *case_path, const char *name, const TextDoc *text,
                          const DiagList *diags, RuleId rule, FileId id, StrBuf *why) {
  char action_name[512];
  snprintf(action_name, sizeof action_name, "@action/%s", name);
  const CaseSection *golden = casefile_section(cf, action_name);
  if (!golden) return;
  Array(TextReplacement) repls;
  array_init(&repls);
  for (size_t d = 0; d < diags->len; d++) {
    const Diag *dg = &diags->items[d];
    for (size_t f = 0; dg->rule == rule && f < dg->fixes.len; f++) {
      if (dg->fixes.items[f].preferred) continue;
      for (size_t e = 0; e < dg->fixes.items[f].edits.len; e++) {
        const FixEdit *ed = &dg->fixes.items[f].edits.items[e];
        if (ed->file == id) array_push(&repls, ((TextReplacement){ed->start, ed->end, ed->text}));
      }
      break;
    }
  }
  TextDoc after;
  text_init(&after, text->bytes, text->len);
  char *err = NULL;
  ByteEditArray edits;
  array_init(&edits);
  if (!text_apply_replacements(&after, repls.items, repls.len, &edits, &err)) {
    strbuf_appendf(why, "%s: the non-preferred fixes do not apply together: %s\n", case_path, err);
    xfree(err);
  } else if (after.len != golden->len || memcmp(after.bytes, golden->content, after.len) != 0) {
    if (getenv("UPDATE_GOLDEN")) update_golden(case_path, action_name, after.bytes, after.len, why);
    else
      strbuf_appendf(why, "%s: %s after the non-preferred fixes:\n%s\n--- expected ---\n%s\n", case_path, name,
                     after.bytes, golden->content);
  }
  array_delete(&edits);
  text_destroy(&after);
  array_delete(&repls);
}

/* True when a fix of the diagnostic edits `file`. */
static bool fix_edits_file(const Diag *d, FileId file) {
  for (size_t f = 0; f < d->fixes.len; f++)
    for (size_t e = 0; e < d->fixes.items[f].edits.len; e++)
      if (d->fixes.items[f].edits.items[e].file == file) return true;
  return false;
}

static size_t count_rule(const DiagList *diags, RuleId rule) {
  size_t n = 0;
  for (size_t i = 0; i < diags->len; i++) n += diags->items[i].rule == rule;
  return n;
}

/* Rewrites the `-- name --` section of the case file with `text` (or
 * appends the section when the case has none), for UPDATE_GOLDEN=1.  The
 * section runs to the next `-- … --` line or the end of the file. */
static void update_golden(const char *case_path, const char *name, const char *text, size_t len, StrBuf *why) {
  size_t raw_len;
  char *raw = test_read_file(case_path, &raw_len);
  if (!raw) {
    strbuf_appendf(why, "%s: cannot read the case to update it\n", case_path);
    return;
  }
  StrBuf header = STRBUF_INIT, out = STRBUF_INIT;
  strbuf_appendf(&header, "-- %s --\n", name);
  const char *at = NULL;
  for (const char *p = raw; p && p < raw + raw_len; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (strncmp(p, header.data, header.len) == 0) {
      at = p;
      break;
    }
  if (at) {
    const char *body = at + header.len, *end = raw + raw_len;
    for (const char *p = body; p && p < raw + raw_len; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
      const char *eol = strchr(p, '\n');
      size_t n = eol ? (size_t)(eol - p) : strlen(p);
      if (n >= 6 && strncmp(p, "-- ", 3) == 0 && strncmp(p + n - 3, " --", 3) == 0) {
        end = p;
        break;
      }
    }
    strbuf_append_n(&out, raw, (size_t)(body - raw));
    strbuf_append_n(&out, text, len);
    strbuf_append_n(&out, end, (size_t)(raw + raw_len - end));
  } else {
    strbuf_append_n(&out, raw, raw_len);
    if (raw_len && raw[raw_len - 1] != '\n') strbuf_append_char(&out, '\n');
    strbuf_append(&out, header.data);
    strbuf_append_n(&out, text, len);
  }
  FILE *f = fopen(case_path, "wb");
  if (!f || fwrite(out.data, 1, out.len, f) != out.len) strbuf_appendf(why, "%s: cannot write the case\n", case_path);
  if (f) fclose(f);
  strbuf_destroy(&header);
  strbuf_destroy(&out);
  xfree(raw);
}

/* Checks one case; appends problems to *why. */
static void run_case(const char *rule_dir, const char *case_path, StrBuf *why) {
  RuleId rule;
  if (!rule_from_id(rule_dir, &rule)) {
    strbuf_appendf(why, "%s: folder names no rule\n", case_path);
    return;
  }
  CaseFile cf;
  char *err = NULL;
  if (!casefile_load(case_path, &cf, &err)) {
    strbuf_appendf(why, "%s\n", err);
    xfree(err);
    return;
  }
  /* The case's files live in memory: rules read neighbours through the
   * workspace, which reads through the Fs it is given. */
  const char *dir = "/case";
  MemFs *files = memfs_new();
  for (size_t i = 0; i < cf.sections.len; i++) {
    const CaseSection *s = &cf.sections.items[i];
    if (s->name[0] == '@') continue;
    char *at = path_join(dir, s->name);
    memfs_add(files, at, s->content, s->len);
    xfree(at);
  }
  Workspace *ws = ws_new_with_fs(dir, memfs_fs(files));
  size_t checked = 0;
  for (size_t i = 0; i < cf.sections.len; i++) {
    const CaseSection *s = &cf.sections.items[i];
    DocKind kind = doc_kind_from_name(s->name);
    if (s->name[0] == '@' || kind == DOC_KIND_OTHER) continue;
    checked++;
    char *path = path_append(dir, s->name);
    FileId id;
    cr_assert(ws_load_file(ws, path, kind, &id, &err), "%s", err);
    /* First as a publish analyses (without fixes), then with them, as a
     * code action does afterwards: the findings must be the same. */
    DiagList diags, lazy;
    array_init(&diags);
    array_init(&lazy);
    analysis_file_without_fixes(ws, id, &lazy);
    analysis_file(ws, id, &diags);
    char where[600];
    snprintf(where, sizeof where, "%s: %s", case_path, s->name);
    test_same_diagnostics(&diags, &lazy, where, why);
    diaglist_destroy(&lazy);
    /* Expected set: the markers.  Actual set: the folder's rule and
     * syntax-error.  Each must be found in the other. */
    bool *used = xcalloc(s->markers.len + 1, sizeof *used);
    for (size_t d = 0; d < diags.len; d++) {
      const Diag *dg = &diags.items[d];
      if (dg->rule != rule && dg->rule != RULE_SYNTAX_ERROR) continue;
      bool found = false;
      for (size_t m = 0; m < s->markers.len; m++) {
        const CaseMarker *mk = &s->markers.items[m];
        if (!used[m] && strcmp(mk->rule, rule_info(dg->rule)->id) == 0 && mk->start == dg->start &&
            mk->end == dg->end) {
          used[m] = found = true;
          /* The severity is what CI's --fail-on and the editor's colour
           * read, so a configuration that raises or lowers it is checked
           * like the range: the marker's @severity, else the default. */
          Severity want = (Severity)rule_info(dg->rule)->default_severity;
          if (mk->severity && !severity_from_name(mk->severity, &want))
            strbuf_appendf(why, "%s: %s: marker severity `%s` is not a level\n", case_path, s->name,
                           mk->severity);
          else if (dg->severity != want)
            strbuf_appendf(why, "%s: %s: %s at bytes %zu-%zu is %s, expected %s\n", case_path, s->name,
                           mk->rule, dg->start, dg->end, severity_name(dg->severity), severity_name(want));
          break;
        }
      }
      if (!found)
        strbuf_appendf(why, "%s: %s: unexpected %s at bytes %zu-%zu: %s\n", case_path, s->name,
                       rule_info(dg->rule)->id, dg->start, dg->end, dg->message);
    }
    for (size_t m = 0; m < s->markers.len; m++)
      if (!used[m])
        strbuf_appendf(why, "%s: %s: missing %s at bytes %zu-%zu\n", case_path, s->name,
                       s->markers.items[m].rule, s->markers.items[m].start, s->markers.items[m].end);
    xfree(used);
    check_actions(&cf, case_path, s->name, ws_text(ws, id), &diags, rule, id, why);
    size_t errors_before = count_rule(&diags, RULE_SYNTAX_ERROR);
    char fix_name[512];
    snprintf(fix_name, sizeof fix_name, "@fix/%s", s->name);
    const CaseSection *golden = casefile_section(&cf, fix_name);
    /* Fixes that only touch other files (a .env.example to create or
     * append to) leave this file as it is: no golden needed for them. */
    bool offered = false;
    for (size_t d = 0; d < diags.len; d++) offered |= diags.items[d].rule == rule && fix_edits_file(&diags.items[d], id);
    bool update = getenv("UPDATE_GOLDEN") != NULL;
    if (!golden && !(update && offered)) {
      if (offered)
        strbuf_appendf(why, "%s: %s: a fix is offered but the case has no @fix/%s golden\n", case_path, s->name,
                       s->name);
    } else {
      /* Apply the fixes of this rule's diagnostics as fix-all picks them
       * (its preferred fixes, none conflicting): their edits to this file.
       * Edits to other files and files they create are checked by the
       * cross-file fix tests. */
      FixPtrArray chosen;
      array_init(&chosen);
      analysis_select_fixes(&diags, id, (FixChoice){.rule = (int)rule, .in_place = false}, &chosen);
      Array(TextReplacement) repls;
      array_init(&repls);
      for (size_t c = 0; c < chosen.len; c++)
        for (size_t e = 0; e < chosen.items[c]->edits.len; e++) {
          const FixEdit *ed = &chosen.items[c]->edits.items[e];
          if (ed->file == id) array_push(&repls, ((TextReplacement){ed->start, ed->end, ed->text}));
        }
      array_delete(&chosen);
      char *apply_err = NULL;
      if (!ws_apply_replacements(ws, id, repls.items, repls.len, &apply_err)) {
        strbuf_appendf(why, "%s: fixes do not apply: %s\n", case_path, apply_err);
        xfree(apply_err);
      }
      array_delete(&repls);
      const TextDoc *after = ws_text(ws, id);
      bool same = golden && after->len == golden->len && memcmp(after->bytes, golden->content, golden->len) == 0;
      if (!same && update)
        update_golden(case_path, fix_name, after->bytes, after->len, why);
      else if (!same)
        strbuf_appendf(why, "%s: %s after the fix:\n%s\n--- expected ---\n%s\n", case_path, s->name,
                       after->bytes, golden->content);
      DiagList again;
      array_init(&again);
      analysis_file(ws, id, &again);
      /* What had a fix is gone; what had none (an ENV secret, shell form
       * that needs a shell) is still there, and nothing else appeared. */
      size_t unfixable = 0;
      for (size_t d = 0; d < diags.len; d++) {
        bool preferred = false;
        for (size_t f = 0; f < diags.items[d].fixes.len; f++) preferred |= diags.items[d].fixes.items[f].preferred;
        unfixable += diags.items[d].rule == rule && !preferred;
      }
      if (count_rule(&again, rule) != unfixable)
        strbuf_appendf(why, "%s: %zu %s reported after the fixes, expected the %zu without a fix\n",
                       case_path, count_rule(&again, rule), rule_dir, unfixable);
      for (size_t d = 0; d < again.len; d++)
        for (size_t f = 0; again.items[d].rule == rule && f < again.items[d].fixes.len; f++)
          if (again.items[d].fixes.items[f].preferred)
            strbuf_appendf(why, "%s: the fix is offered again\n", case_path);
      if (count_rule(&again, RULE_SYNTAX_ERROR) > errors_before)
        strbuf_appendf(why, "%s: the fix introduced a syntax error\n", case_path);
      diaglist_destroy(&again);
    }
    diaglist_destroy(&diags);
    xfree(path);
  }
  if (checked == 0) strbuf_appendf(why, "%s: no Dockerfile or compose file in the case\n", case_path);
  ws_delete(ws);
  memfs_delete(files);
  casefile_destroy(&cf);
}

Test(rules, data_cases) {
  char *root = path_append(test_source_dir(), "tests/rules");
  StrArray rule_dirs;
  array_init(&rule_dirs);
  char *err = NULL;
  cr_assert(fs_list_dir(root, &rule_dirs, &err), "%s", err);
  StrBuf why = STRBUF_INIT;
  size_t cases = 0;
  /* DOCKLS_CASE=user-root/ or DOCKLS_CASE=user-root/recipe.txt runs only
   * the cases whose path below tests/rules contains it; DOCKLS_CASE_FILE
   * names exactly one (ctest has an entry per case that sets it). */
  const char *only = getenv("DOCKLS_CASE");
  const char *exact = getenv("DOCKLS_CASE_FILE");
  for (size_t i = 0; i < rule_dirs.len; i++) {
    char *dir = path_append(root, rule_dirs.items[i]);
    if (fs_kind(dir, false, NULL) == FS_KIND_DIR) {
      StrArray files;
      array_init(&files);
      cr_assert(fs_list_dir(dir, &files, &err));
      for (size_t j = 0; j < files.len; j++) {
        size_t n = strlen(files.items[j]);
        if (n < 4 || strcmp(files.items[j] + n - 4, ".txt") != 0) continue;
        char *path = path_append(dir, files.items[j]);
        const char *rel = path + strlen(root) + 1;
        if ((only && !strstr(rel, only)) || (exact && strcmp(rel, exact) != 0)) {
          xfree(path);
          continue;
        }
        run_case(rule_dirs.items[i], path, &why);
        cases++;
        xfree(path);
      }
      strarray_delete(&files);
    }
    xfree(dir);
  }
  strarray_delete(&rule_dirs);
  xfree(root);
  if (exact) cr_assert_eq(cases, 1, "no case is tests/rules/%s", exact);
  else cr_assert_gt(cases, only ? 0 : 5, "no case matches DOCKLS_CASE=%s", only ? only : "");
  cr_assert_eq(why.len, 0, "%s", strbuf_cstr(&why));
  strbuf_destroy(&why);
}

/* Every rule of the table has its documentation page. */
Test(rules, every_rule_is_documented) {
  for (int r = 0; r < RULE__COUNT; r++) {
    const char *doc = rule_doc((RuleId)r);
    cr_assert_not_null(doc, "docs/rules/%s.md is missing", rule_info((RuleId)r)->id);
    char title[128];
    snprintf(title, sizeof title, "# %s\n", rule_info((RuleId)r)->id);
    cr_assert(strncmp(doc, title, strlen(title)) == 0, "%s.md must start with its id as title",
              rule_info((RuleId)r)->id);
  }
}

/* Every rule of the table is implemented by at least one checker: a rule
 * that only exists in the table would be a placeholder. */
Test(rules, every_rule_has_a_checker) {
  for (int r = 0; r < RULE__COUNT; r++)
    cr_assert(analysis_rule_has_checker((RuleId)r), "%s has no checker", rule_info((RuleId)r)->id);
}
