/* Publishing analyses without fixes (analysis_file_without_fixes) and a
 * code action analyses the same version again with them (analysis_file),
 * then offers the fixes of the diagnostics that touch its range.  The
 * code actions are those of an eager analysis only if both analyses find
 * exactly the same diagnostics, which this test checks on every real
 * Dockerfile and compose file of ../shared/corpus, with the files of each
 * folder open together as `dockls check` opens them.  It skips when the
 * corpus is absent.  (The rule cases make the same comparison on every
 * case, test_rules.) */
#include <criterion/criterion.h>
#include <string.h>

#include "casefile.h"
#include "diag_compare.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"

/* Compares both analyses for every file of one corpus folder; returns
 * the number of fixes the eager analyses built. */
static size_t compare_folder(const char *name, DocKind kind, StrBuf *why) {
  char *dir = path_append(test_source_dir(), "../shared/corpus");
  char *folder = path_append(dir, name);
  if (fs_kind(folder, true, NULL) != FS_KIND_DIR) {
    xfree(folder);
    xfree(dir);
    cr_skip_test("../shared/corpus/%s is not present; the real-file test is skipped", name);
  }
  StrArray names;
  array_init(&names);
  char *err = NULL;
  cr_assert(fs_list_dir(folder, &names, &err), "%s", err);
  Workspace *ws = ws_new(folder);
  size_t fixes = 0, files = 0;
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(folder, names.items[i]);
    FileId id;
    if (fs_kind(path, true, NULL) == FS_KIND_FILE && ws_load_file(ws, path, kind, &id, &err)) {
      files++;
      DiagList eager, lazy;
      array_init(&eager);
      array_init(&lazy);
      analysis_file_without_fixes(ws, id, &lazy);
      analysis_file(ws, id, &eager);
      test_same_diagnostics(&eager, &lazy, path, why);
      for (size_t d = 0; d < eager.len; d++) fixes += eager.items[d].fixes.len;
      diaglist_destroy(&eager);
      diaglist_destroy(&lazy);
    }
    xfree(err);
    err = NULL;
    xfree(path);
  }
  cr_assert_gt(files, 100, "expected the corpus folder %s to hold real files", folder);
  ws_delete(ws);
  strarray_delete(&names);
  xfree(folder);
  xfree(dir);
  return fixes;
}

Test(lazy_fixes_corpus, dockerfiles_find_the_same_diagnostics_without_fixes) {
  StrBuf why = STRBUF_INIT;
  size_t fixes = compare_folder("dockerfiles", DOC_KIND_DOCKERFILE, &why);
  cr_assert_eq(why.len, 0, "%s", strbuf_cstr(&why));
  /* Fixes were built where they were asked for: the comparison covered
   * diagnostics that have them (809 in the corpus of 2026-12). */
  cr_assert_gt(fixes, 500);
  strbuf_destroy(&why);
}

Test(lazy_fixes_corpus, compose_files_find_the_same_diagnostics_without_fixes) {
  StrBuf why = STRBUF_INIT;
  size_t fixes = compare_folder("compose", DOC_KIND_COMPOSE, &why);
  cr_assert_eq(why.len, 0, "%s", strbuf_cstr(&why));
  cr_assert_gt(fixes, 3000); /* 5,316 in the corpus of 2026-12 */
  strbuf_destroy(&why);
}
