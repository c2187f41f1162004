/* Unit tests for the CLI's text helpers: the unified diff of
 * --fix-dry-run (server/cli/diff.c) and XML escaping for the checkstyle
 * and junit reports (server/cli/emit_xml.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_internal.h"

static char *diff_of(const char *before, const char *after, bool *changed) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  *changed = cli_write_diff(out, "f", before, strlen(before), after, strlen(after));
  fclose(out);
  return buf;
}

static void expect_diff(const char *before, const char *after, const char *want) {
  bool changed;
  char *got = diff_of(before, after, &changed);
  cr_assert(changed);
  cr_assert_str_eq(got, want);
  free(got);
}

Test(cli_diff, equal_texts_print_nothing) {
  bool changed;
  char *got = diff_of("a\nb\n", "a\nb\n", &changed);
  cr_assert_not(changed);
  cr_assert_str_eq(got, "");
  free(got);
}

Test(cli_diff, one_line_changed_in_the_middle) {
  expect_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n",
              "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n");
}

Test(cli_diff, insertion_at_the_start_and_deletion_at_the_end) {
  expect_diff("a\nb\n", "new\na\nb\n", "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n+new\n a\n b\n");
  expect_diff("", "new\n", "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+new\n");
  expect_diff("a\nb\nc\n", "a\nb\n", "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n b\n-c\n");
}

/* Changes more than six unchanged lines apart get hunks of their own;
 * closer ones share one. */
Test(cli_diff, distant_changes_make_two_hunks) {
  expect_diff("x\n1\n2\n3\n4\n5\n6\n7\n8\ny\n", "X\n1\n2\n3\n4\n5\n6\n7\n8\nY\n",
              "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-x\n+X\n 1\n 2\n 3\n@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-y\n+Y\n");
  expect_diff("x\n1\n2\n3\n4\n5\n6\ny\n", "X\n1\n2\n3\n4\n5\n6\nY\n",
              "--- a/f\n+++ b/f\n@@ -1,8 +1,8 @@\n-x\n+X\n 1\n 2\n 3\n 4\n 5\n 6\n-y\n+Y\n");
}

Test(cli_diff, missing_final_newline_is_marked) {
  expect_diff("a\nb", "a\nc", "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
                              "\\ No newline at end of file\n");
}

/* Myers finds the shortest script: a moved block is one removal and one
 * addition, not a rewrite of everything between. */
Test(cli_diff, shortest_script) {
  expect_diff("a\nb\nc\nd\n", "b\nc\nd\na\n", "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n b\n c\n d\n+a\n");
}

static char *escaped(const char *text) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  xml_write_escaped(out, text);
  fclose(out);
  return buf;
}

Test(cli_xml, escapes_markup_and_drops_what_xml_cannot_carry) {
  char *got = escaped("a<b & \"c\" 'd'>\x01\tok \xC3\xA9 \xFF!");
  cr_assert_str_eq(got, "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\xEF\xBF\xBD\tok \xC3\xA9 \xEF\xBF\xBD!");
  free(got);
}
