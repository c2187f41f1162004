/* The lexical path helpers every layer shares. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/path.h"

static void expect_join(const char *dir, const char *rel, const char *want) {
  char *got = path_join(dir, rel);
  cr_assert_str_eq(got, want, "path_join(%s, %s)", dir, rel);
  xfree(got);
}

Test(path, join_folds_dot_segments) {
  expect_join("/w/app", "./docker/../Dockerfile", "/w/app/Dockerfile");
  expect_join("/w", "../../etc", "/etc");
  expect_join("app", "../../x", "../x");
  expect_join("/w", "/abs/./p", "/abs/p");
  expect_join(".", ".", ".");
  /* The edges of the one-pass fold, each as the segment-list version it
   * replaced answered (compared with it on two million random joins). */
  expect_join("", "x", "/x");
  expect_join("a/b", "../../..", "..");
  expect_join("/a", "../../b", "/b");
  expect_join("a", "./b/./c/..", "a/b");
  expect_join("./", ".", ".");
  expect_join("a//b/", "/c//d/", "/c/d");
  expect_join("..", "../x", "../../x");
  expect_join("a/..", "..", "..");
  expect_join("/", "..", "/");
  expect_join("a/b", "", "a/b");
}

Test(path, append_keeps_what_it_is_given) {
  char *a = path_append("./", "Dockerfile"), *b = path_append("sub", "compose.yaml");
  cr_assert_str_eq(a, "./Dockerfile");
  cr_assert_str_eq(b, "sub/compose.yaml");
  xfree(a);
  xfree(b);
}

Test(path, dirname_and_basename) {
  char *a = path_dirname("/w/app/Dockerfile"), *b = path_dirname("Dockerfile"), *c = path_dirname("/x");
  cr_assert_str_eq(a, "/w/app");
  cr_assert_str_eq(b, ".");
  cr_assert_str_eq(c, "/");
  cr_assert_str_eq(path_basename("/w/app/Dockerfile"), "Dockerfile");
  xfree(a);
  xfree(b);
  xfree(c);
}

Test(path, under_is_by_component) {
  cr_assert(path_is_under("/a/b", "/a/b"));
  cr_assert(path_is_under("/a/b/c", "/a/b"));
  cr_assert(path_is_under("/a/b/c", "/a/b/"));
  cr_assert_not(path_is_under("/a/bc", "/a/b"));
  cr_assert_not(path_is_under("/a", "/a/b"));
  cr_assert(path_is_under("/anything", "/"));
  cr_assert_not(path_is_under("relative", "/"));
}
