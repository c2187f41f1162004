/* Shared assertions of the official-image tests (test_images.c and
 * test_images_ref.c); test-only, included by those two files. */
#ifndef DOCKLS_TESTS_IMAGES_CHECKS_H_
#define DOCKLS_TESTS_IMAGES_CHECKS_H_

#include <criterion/criterion.h>
#include <string.h>

#include "dockls/model/images.h"

static inline ImageFacts look_on(const char *ref, const char *platform) {
  ImageFacts f;
  memset(&f, 0, sizeof f);
  cr_assert(images_lookup(ref, platform, &f), "%s should resolve", ref);
  cr_assert_not_null(f.row, "%s", ref);
  return f;
}

static inline ImageFacts look(const char *ref) { return look_on(ref, NULL); }

static inline void row_is(const char *ref, const char *id) {
  ImageFacts f = look(ref);
  cr_expect_str_eq(f.row, id, "%s: row %s, expected %s", ref, f.row, id);
}

static inline void unknown(const char *ref) {
  ImageFacts f;
  memset(&f, 0x5a, sizeof f);
  cr_expect_not(images_lookup(ref, NULL, &f), "%s should be unknown", ref);
  /* The contract leaves *out untouched on an unknown image. */
  cr_expect_eq(((unsigned char *)&f)[0], 0x5a, "%s: out was written", ref);
}

static inline bool has_dir(const ImageFacts *f, const char *dir) {
  for (size_t i = 0; f->dirs && f->dirs[i]; i++)
    if (strcmp(f->dirs[i], dir) == 0) return true;
  return false;
}

static inline void user_is(const char *got, const char *want, const char *what) {
  if (!want) cr_expect_null(got, "%s: %s", what, got ? got : "");
  else cr_expect(got && strcmp(got, want) == 0, "%s: %s, expected %s", what, got ? got : "NULL", want);
}

#endif
