/* Cross-file fixes of the build-context rules: the data cases in
 * tests/rules/npm-script-dependency/workspace-edit (one .txt per case), whose preferred
 * fix is a workspace edit on package.json rather than on the Dockerfile.
 * tests/rules/test_rules.c applies only fixes whose edits stay in the
 * analysed file, so these cases live in a subfolder it does not read and
 * are run here with the same promises, extended to every file:
 *   - the rule's diagnostics are exactly the «rule-id:text» markers;
 *   - applying the first preferred fix of each diagnostic, to whichever
 *     files its edits name, yields every `@fix/<path>` golden, and files
 *     without a golden are left untouched;
 *   - afterwards the rule reports nothing and offers no fix, and the
 *     edited package.json still parses.
 * The last test drives the same cases from the model side: a change to
 * the open package.json buffer is what the next analysis reads. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "casefile.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/context_files.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"

static void write_file(const char *dir, const char *name, const char *content, size_t len) {
  cr_assert(test_write_file(dir, name, content, len), "cannot write %s/%s", dir, name);
}

static size_t count_rule(const DiagList *d, RuleId rule, bool with_fix) {
  size_t n = 0;
  for (size_t i = 0; i < d->len; i++) n += d->items[i].rule == rule && (!with_fix || d->items[i].fixes.len);
  return n;
}

/* Applies the first preferred fix of every diagnostic of `rule`, edits
 * grouped by file (a fix whose edits overlap one already taken is left,
 * as fix-all would). */
static void apply_fixes(Workspace *ws, const DiagList *diags, RuleId rule, StrBuf *why, const char *name) {
  typedef Array(TextReplacement) ReplArray;
  FileIdArray files;
  array_init(&files);
  Array(ReplArray) per_file;
  array_init(&per_file);
  for (size_t d = 0; d < diags->len; d++) {
    if (diags->items[d].rule != rule) continue;
    for (size_t f = 0; f < diags->items[d].fixes.len; f++) {
      const Fix *fix = &diags->items[d].fixes.items[f];
      if (!fix->preferred) continue;
      for (size_t e = 0; e < fix->edits.len; e++) {
        const FixEdit *ed = &fix->edits.items[e];
        size_t slot = files.len;
        for (size_t k = 0; k < files.len; k++)
          if (files.items[k] == ed->file) slot = k;
        if (slot == files.len) {
          array_push(&files, ed->file);
          ReplArray empty;
          array_init(&empty);
          array_push(&per_file, empty);
        }
        array_push(&per_file.items[slot], ((TextReplacement){ed->start, ed->end, ed->text}));
      }
      break;
    }
  }
  for (size_t k = 0; k < files.len; k++) {
    char *err = NULL;
    if (!ws_apply_replacements(ws, files.items[k], per_file.items[k].items, per_file.items[k].len, &err)) {
      strbuf_appendf(why, "%s: the fix does not apply to %s: %s\n", name, ws_path(ws, files.items[k]), err);
      xfree(err);
    }
    array_delete(&per_file.items[k]);
  }
  array_delete(&per_file);
  array_delete(&files);
}

static void run_case(const char *rule_id, const char *case_path, StrBuf *why) {
  RuleId rule;
  cr_assert(rule_from_id(rule_id, &rule));
  CaseFile cf;
  char *err = NULL;
  cr_assert(casefile_load(case_path, &cf, &err), "%s", err ? err : "");
  char dir[] = "/tmp/dockls-ctx-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  for (size_t i = 0; i < cf.sections.len; i++)
    if (cf.sections.items[i].name[0] != '@')
      write_file(dir, cf.sections.items[i].name, cf.sections.items[i].content, cf.sections.items[i].len);
  Workspace *ws = ws_new(dir);
  FileId df = 0;
  const CaseSection *dsec = casefile_section(&cf, "Dockerfile");
  cr_assert_not_null(dsec, "%s: the case needs a Dockerfile", case_path);
  char *dpath = path_append(dir, "Dockerfile");
  cr_assert(ws_load_file(ws, dpath, DOC_KIND_DOCKERFILE, &df, &err), "%s", err);
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, df, &diags);
  bool used[32] = {false};
  for (size_t d = 0; d < diags.len; d++) {
    const Diag *dg = &diags.items[d];
    if (dg->rule != rule) continue;
    bool found = false;
    for (size_t m = 0; m < dsec->markers.len && m < 32 && !found; m++)
      if (!used[m] && dsec->markers.items[m].start == dg->start && dsec->markers.items[m].end == dg->end)
        used[m] = found = true;
    if (!found) strbuf_appendf(why, "%s: unexpected diagnostic at %zu-%zu: %s\n", case_path, dg->start, dg->end, dg->message);
  }
  for (size_t m = 0; m < dsec->markers.len && m < 32; m++)
    if (!used[m]) strbuf_appendf(why, "%s: missing diagnostic at %zu-%zu\n", case_path, dsec->markers.items[m].start,
                                 dsec->markers.items[m].end);
  apply_fixes(ws, &diags, rule, why, case_path);
  /* Every file of the case now reads as its golden, or as it was. */
  for (size_t i = 0; i < cf.sections.len; i++) {
    const CaseSection *s = &cf.sections.items[i];
    if (s->name[0] == '@') continue;
    char golden_name[512];
    snprintf(golden_name, sizeof golden_name, "@fix/%s", s->name);
    const CaseSection *g = casefile_section(&cf, golden_name);
    char *path = path_append(dir, s->name);
    FileId id;
    const char *want = g ? g->content : s->content;
    size_t want_len = g ? g->len : s->len;
    if (!ws_read(ws, df, path, &id)) {
      strbuf_appendf(why, "%s: cannot read %s back\n", case_path, s->name);
    } else {
      const TextDoc *t = ws_text(ws, id);
      if (t->len != want_len || memcmp(t->bytes, want, want_len) != 0)
        strbuf_appendf(why, "%s: %s after the fix:\n%s\n--- expected ---\n%.*s\n", case_path, s->name, t->bytes,
                       (int)want_len, want);
      if (g && strstr(s->name, ".json")) {
        PackageJson *p = package_json_parse(t->bytes, t->len);
        if (!p->valid) strbuf_appendf(why, "%s: %s no longer parses\n", case_path, s->name);
        package_json_delete(p);
      }
    }
    xfree(path);
  }
  DiagList again;
  array_init(&again);
  analysis_file(ws, df, &again);
  if (count_rule(&again, rule, false)) strbuf_appendf(why, "%s: still reported after the fix\n", case_path);
  if (count_rule(&again, rule, true)) strbuf_appendf(why, "%s: the fix is offered again\n", case_path);
  diaglist_destroy(&again);
  diaglist_destroy(&diags);
  xfree(dpath);
  ws_delete(ws);
  casefile_destroy(&cf);
  StrBuf rm = STRBUF_INIT;
  strbuf_appendf(&rm, "rm -rf '%s'", dir);
  cr_assert_eq(system(rm.data), 0);
  strbuf_destroy(&rm);
}

Test(context_fixes, workspace_edit_cases) {
  const char *rule_id = "npm-script-dependency";
  char *root = path_append(test_source_dir(), "tests/rules/npm-script-dependency/workspace-edit");
  StrArray names;
  array_init(&names);
  char *err = NULL;
  cr_assert(fs_list_dir(root, &names, &err), "%s", err ? err : "");
  StrBuf why = STRBUF_INIT;
  size_t cases = 0;
  for (size_t i = 0; i < names.len; i++) {
    size_t n = strlen(names.items[i]);
    if (n < 4 || strcmp(names.items[i] + n - 4, ".txt") != 0) continue;
    char *path = path_append(root, names.items[i]);
    run_case(rule_id, path, &why);
    cases++;
    xfree(path);
  }
  strarray_delete(&names);
  xfree(root);
  cr_assert_geq(cases, 4);
  cr_assert_eq(why.len, 0, "%s", strbuf_cstr(&why));
  strbuf_destroy(&why);
}

/* An open package.json buffer wins over the file on disk: declaring the
 * tool in the buffer clears the diagnostic without touching the disk. */
Test(context_fixes, open_buffer_wins) {
  char dir[] = "/tmp/dockls-ctx-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  const char *df_text = "FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n";
  const char *pj_disk = "{\"scripts\": {\"postinstall\": \"patch-package\"}}";
  const char *pj_open = "{\"scripts\": {\"postinstall\": \"patch-package\"}, \"devDependencies\": {\"patch-package\": \"8\"}}";
  write_file(dir, "Dockerfile", df_text, strlen(df_text));
  write_file(dir, "package.json", pj_disk, strlen(pj_disk));
  write_file(dir, "package-lock.json", "{}", 2);
  Workspace *ws = ws_new(dir);
  char *dpath = path_append(dir, "Dockerfile"), *ppath = path_append(dir, "package.json");
  FileId df, pj;
  char *err = NULL;
  cr_assert(ws_load_file(ws, dpath, DOC_KIND_DOCKERFILE, &df, &err));
  DiagList d;
  array_init(&d);
  analysis_file(ws, df, &d);
  cr_expect_eq(count_rule(&d, RULE_NPM_SCRIPT_DEPENDENCY, false), 1);
  diaglist_clear(&d);
  StrBuf uri = STRBUF_INIT;
  strbuf_appendf(&uri, "file://%s", ppath);
  cr_assert(ws_open(ws, strbuf_cstr(&uri), DOC_KIND_OTHER, 1, pj_open, strlen(pj_open), &pj, &err), "%s", err ? err : "");
  FileIdArray dependents;
  array_init(&dependents);
  ws_dependents(ws, ppath, &dependents);
  cr_expect_eq(dependents.len, 1, "the Dockerfile read package.json, so it depends on it");
  array_delete(&dependents);
  analysis_file(ws, df, &d);
  cr_expect_eq(count_rule(&d, RULE_NPM_SCRIPT_DEPENDENCY, false), 0);
  diaglist_destroy(&d);
  strbuf_destroy(&uri);
  xfree(dpath);
  xfree(ppath);
  ws_delete(ws);
  StrBuf rm = STRBUF_INIT;
  strbuf_appendf(&rm, "rm -rf '%s'", dir);
  cr_assert_eq(system(rm.data), 0);
  strbuf_destroy(&rm);
}
