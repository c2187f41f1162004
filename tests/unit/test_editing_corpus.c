/* Folding ranges, semantic tokens and formatting edits over the real files
 * of ../shared/corpus, reduced to one digest per feature and file kind.
 *
 * The digests were taken from the implementations that walked every
 * syntax node, before those walks were made cheaper (docs/performance.md,
 * "Editing requests on 2,000-line files").  A speed-up must not change a
 * single range, token or edit, so any difference fails here.  When a
 * change of results is intended, run the test, read what changed with the
 * editor or `dockls format`, and record the digests it prints. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "dockls/analysis/format.h"
#include "dockls/analysis/structure.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"

/* FNV-1a over 64 bits: order-sensitive, so a range that moves or two
 * results that swap change the digest. */
typedef struct {
  uint64_t folds, tokens, edits;
} Digests;

static void digest_bytes(uint64_t *h, const void *data, size_t len) {
  const unsigned char *p = data;
  for (size_t i = 0; i < len; i++) {
    *h ^= p[i];
    *h *= UINT64_C(1099511628211);
  }
}

static void digest_number(uint64_t *h, uint64_t n) {
  unsigned char b[8];
  for (int i = 0; i < 8; i++) b[i] = (unsigned char)(n >> (8 * i));
  digest_bytes(h, b, sizeof b);
}

static void digest_file(Workspace *ws, FileId id, DocKind kind, Digests *d) {
  FoldArray folds;
  array_init(&folds);
  analysis_folding(ws, id, &folds);
  digest_number(&d->folds, folds.len);
  for (size_t i = 0; i < folds.len; i++) {
    digest_number(&d->folds, folds.items[i].start);
    digest_number(&d->folds, folds.items[i].end);
    digest_number(&d->folds, folds.items[i].kind);
  }
  array_delete(&folds);
  SemanticTokenArray tokens;
  array_init(&tokens);
  analysis_semantic_tokens(ws, id, &tokens);
  digest_number(&d->tokens, tokens.len);
  for (size_t i = 0; i < tokens.len; i++) {
    digest_number(&d->tokens, tokens.items[i].start);
    digest_number(&d->tokens, tokens.items[i].end);
    digest_number(&d->tokens, tokens.items[i].type);
    digest_number(&d->tokens, tokens.items[i].modifiers);
  }
  array_delete(&tokens);
  if (kind != DOC_KIND_DOCKERFILE) return;
  FormatEditArray edits;
  array_init(&edits);
  analysis_format(ws, id, 0, SIZE_MAX, &edits);
  digest_number(&d->edits, edits.len);
  for (size_t i = 0; i < edits.len; i++) {
    digest_number(&d->edits, edits.items[i].start);
    digest_number(&d->edits, edits.items[i].end);
    digest_bytes(&d->edits, edits.items[i].text, strlen(edits.items[i].text) + 1);
  }
  analysis_format_edits_free(&edits);
}

static int name_order(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The digests of every file of corpus/<folder>, in file-name order;
 * skips the test when the folder is absent.  Returns the file count. */
static size_t digest_corpus(const char *folder, DocKind kind, Digests *d) {
  char *dir = path_append(test_source_dir(), folder);
  if (fs_kind(dir, true, NULL) != FS_KIND_DIR) {
    xfree(dir);
    cr_skip_test("%s is not present; the editing-results corpus test is skipped", folder);
  }
  StrArray names;
  array_init(&names);
  char *err = NULL;
  cr_assert(fs_list_dir(dir, &names, &err), "cannot list %s: %s", dir, err);
  if (names.len > 1) qsort(names.items, names.len, sizeof *names.items, name_order);
  uint64_t offset_basis = UINT64_C(14695981039346656037);
  *d = (Digests){offset_basis, offset_basis, offset_basis};
  size_t files = 0;
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    Workspace *ws = ws_new(NULL);
    FileId id;
    if (fs_kind(path, true, NULL) == FS_KIND_FILE && ws_load_file(ws, path, kind, &id, &err)) {
      files++;
      digest_bytes(&d->folds, names.items[i], strlen(names.items[i]) + 1);
      digest_bytes(&d->tokens, names.items[i], strlen(names.items[i]) + 1);
      digest_bytes(&d->edits, names.items[i], strlen(names.items[i]) + 1);
      digest_file(ws, id, kind, d);
    }
    xfree(err);
    err = NULL;
    ws_delete(ws);
    xfree(path);
  }
  strarray_delete(&names);
  xfree(dir);
  cr_log_info("%s: %zu files, folds %016" PRIx64 ", tokens %016" PRIx64 ", edits %016" PRIx64, folder, files,
              d->folds, d->tokens, d->edits);
  return files;
}

Test(editing_corpus, dockerfile_results_unchanged) {
  Digests d;
  size_t files = digest_corpus("../shared/corpus/dockerfiles", DOC_KIND_DOCKERFILE, &d);
  cr_expect_gt(files, 100, "the corpus should hold many Dockerfiles, found %zu", files);
  cr_expect_eq(d.folds, UINT64_C(0xd03672ff6c4ddd4e), "folding ranges changed: %016" PRIx64, d.folds);
  cr_expect_eq(d.tokens, UINT64_C(0xc7c5b4e668b7f295), "semantic tokens changed: %016" PRIx64, d.tokens);
  cr_expect_eq(d.edits, UINT64_C(0xb1e7335bac54a073), "formatting edits changed: %016" PRIx64, d.edits);
}

Test(editing_corpus, compose_results_unchanged) {
  Digests d;
  size_t files = digest_corpus("../shared/corpus/compose", DOC_KIND_COMPOSE, &d);
  cr_expect_gt(files, 100, "the corpus should hold many compose files, found %zu", files);
  cr_expect_eq(d.folds, UINT64_C(0x1a872428cb025c48), "folding ranges changed: %016" PRIx64, d.folds);
  cr_expect_eq(d.tokens, UINT64_C(0x120845ce00b5cfde), "semantic tokens changed: %016" PRIx64, d.tokens);
}
