/* images_lookup over every FROM line of the real Dockerfiles in
 * ../shared/corpus: it must never crash on what people write, and the
 * docker-library official images there must mostly resolve.  The FROM
 * lines are read with a plain line scan (no parser), which is enough for
 * the image word and its --platform flag. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "casefile.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/model/images.h"
#include "dockls/base/path.h"

/* Measured on the corpus when this test was written: 229 docker-library
 * files with 249 FROM lines naming an image (not an earlier stage), of
 * which 212 resolve; the other 37 are Windows bases (the
 * mcr.microsoft.com/windows images) and docker:29-*, which has no row.
 * Over the whole corpus 1143 of 2259 FROM lines resolve (the rest are
 * stage names, variables in the repository, unofficial namespaces and
 * images without a row).  A lower count is a regression. */
#define OFFICIAL_FROM_MIN 249
#define OFFICIAL_RESOLVED_MIN 212
#define ALL_RESOLVED_MIN 1143

typedef struct {
  char name[128];
} Stage;

/* Copies the next blank-separated word of `*p` into `out` (cut to
 * `cap`), advancing *p; false at the end of the line. */
static bool next_word(const char **p, char *out, size_t cap) {
  while (**p == ' ' || **p == '\t') (*p)++;
  if (**p == '\0' || **p == '\n' || **p == '\r') return false;
  size_t n = 0;
  while (**p && !isspace((unsigned char)**p)) {
    if (n + 1 < cap) out[n++] = **p;
    (*p)++;
  }
  out[n] = '\0';
  return true;
}

typedef struct {
  size_t lines, official, resolved;
} Counts;

static void scan_file(const char *name, const char *src, Counts *all, Counts *lib) {
  bool official = strncmp(name, "docker-library__", 16) == 0;
  Stage stages[64];
  size_t nstages = 0;
  for (const char *line = src; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    const char *p = line;
    while (*p == ' ' || *p == '\t') p++;
    if (strncasecmp(p, "FROM", 4) != 0 || (p[4] != ' ' && p[4] != '\t')) continue;
    p += 4;
    char word[512], platform[512] = "", image[512] = "";
    bool has_platform = false;
    while (next_word(&p, word, sizeof word)) {
      if (strncmp(word, "--", 2) != 0) {
        snprintf(image, sizeof image, "%s", word);
        break;
      }
      if (strncmp(word, "--platform=", 11) == 0) {
        snprintf(platform, sizeof platform, "%s", word + 11);
        has_platform = true;
      }
    }
    if (!image[0]) continue;
    bool earlier_stage = false;
    for (size_t i = 0; i < nstages; i++)
      if (strcasecmp(stages[i].name, image) == 0) earlier_stage = true;
    char as[16], stage[128];
    if (next_word(&p, as, sizeof as) && strcasecmp(as, "AS") == 0 && next_word(&p, stage, sizeof stage) &&
        nstages < 64)
      snprintf(stages[nstages++].name, sizeof stages[0].name, "%s", stage);
    ImageFacts f;
    memset(&f, 0, sizeof f);
    bool ok = images_lookup(image, has_platform ? platform : NULL, &f);
    if (ok) cr_assert(f.row && f.family, "%s: %s resolved without a row", name, image);
    all->lines++;
    if (ok) all->resolved++;
    if (!official || earlier_stage) continue;
    lib->official++;
    if (ok) lib->resolved++;
    else cr_log_info("unknown official FROM %s in %s", image, name);
  }
}

Test(images_corpus, every_from_line) {
  char *dir = path_append(test_source_dir(), "../shared/corpus/dockerfiles");
  if (fs_kind(dir, true, NULL) != FS_KIND_DIR) {
    xfree(dir);
    cr_skip_test("../shared/corpus/dockerfiles is not present; the real-file test is skipped");
  }
  StrArray names;
  array_init(&names);
  char *err = NULL;
  cr_assert(fs_list_dir(dir, &names, &err));
  Counts all = {0}, lib = {0};
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    size_t len = 0;
    char *src = test_read_file(path, &len);
    cr_assert_not_null(src, "%s", path);
    scan_file(names.items[i], src, &all, &lib);
    xfree(src);
    xfree(path);
  }
  cr_log_info("corpus: %zu FROM lines, %zu resolved; docker-library: %zu image FROM lines, %zu resolved",
              all.lines, all.resolved, lib.official, lib.resolved);
  cr_expect_geq(lib.official, OFFICIAL_FROM_MIN, "docker-library FROM lines: %zu", lib.official);
  cr_expect_geq(lib.resolved, OFFICIAL_RESOLVED_MIN, "docker-library FROM lines resolved: %zu of %zu",
                lib.resolved, lib.official);
  cr_expect_geq(all.resolved, ALL_RESOLVED_MIN, "corpus FROM lines resolved: %zu of %zu", all.resolved,
                all.lines);
  strarray_delete(&names);
  xfree(dir);
}
