/* Unit tests for server/base/uri.c.  Editors send file:// URIs with their
 * own percent-encoding habits, while diagnostics and the CLI need the real
 * path; a wrong decode means dockls reads (or fails to find) the wrong
 * neighbour file.  Each case asserts the exact string, and the helpers free
 * every result so the tests stay clean under the leak sanitizer. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/uri.h"

/* Converts a URI and compares the result with want (NULL: must fail). */
static void expect_path(const char *uri, const char *want) {
  char *path = uri_to_path(uri);
  /* Copied and freed before asserting: a failed assertion ends the test
   * at once, and the leak checker should report only real leaks. */
  char got[512];
  snprintf(got, sizeof got, "%s", path ? path : "");
  bool decoded = path != NULL;
  xfree(path);
  if (!want) {
    cr_assert_not(decoded, "`%s` decoded to `%s`, want a failure", uri, got);
    return;
  }
  cr_assert(decoded, "`%s` was rejected", uri);
  cr_assert_str_eq(got, want, "`%s` decoded to `%s`", uri, got);
}

static void expect_uri(const char *path, const char *want) {
  char *uri = uri_from_path(path);
  char got[512];
  snprintf(got, sizeof got, "%s", uri);
  xfree(uri);
  cr_assert_str_eq(got, want, "`%s` encoded as `%s`", path, got);
}

/* Path → URI → path must give the original bytes back. */
static void expect_round_trip(const char *path) {
  char *uri = uri_from_path(path);
  char *back = uri_to_path(uri);
  char via[512], got[512];
  snprintf(via, sizeof via, "%s", uri);
  snprintf(got, sizeof got, "%s", back ? back : "(rejected)");
  bool decoded = back != NULL;
  xfree(back);
  xfree(uri);
  cr_assert(decoded, "`%s` (from `%s`) was rejected", via, path);
  cr_assert_str_eq(got, path, "`%s` came back as `%s` via `%s`", path, got, via);
}

Test(uri_to_path, plain_paths) {
  expect_path("file:///home/user/Dockerfile", "/home/user/Dockerfile");
  expect_path("file:///", "/");
  expect_path("file:///w/compose.yaml", "/w/compose.yaml");
}

Test(uri_to_path, percent_decoding) {
  expect_path("file:///home/my%20project/compose.yaml", "/home/my project/compose.yaml");
  /* Hex digits may be upper or lower case. */
  expect_path("file:///caf%C3%A9/x", "/caf\xC3\xA9/x");
  expect_path("file:///caf%c3%a9/x", "/caf\xC3\xA9/x");
  expect_path("file:///a%25b", "/a%b");
  /* VS Code encodes the drive colon and other clients do not; both must
   * name the same file. */
  expect_path("file:///c%3A/src/Dockerfile", "/c:/src/Dockerfile");
  expect_path("file:///c:/src/Dockerfile", "/c:/src/Dockerfile");
}

Test(uri_to_path, nul_escape_is_rejected) {
  /* A NUL in a path would truncate it silently in every libc call. */
  expect_path("file:///etc/passwd%00.yaml", NULL);
  expect_path("file:///%00", NULL);
}

Test(uri_to_path, broken_escapes_are_rejected) {
  expect_path("file:///a%zz", NULL);
  expect_path("file:///a%2", NULL);
  expect_path("file:///a%", NULL);
  expect_path("file:///a%g1", NULL);
}

Test(uri_to_path, other_schemes_are_not_files) {
  expect_path("untitled:Untitled-1", NULL);
  expect_path("https://example.com/Dockerfile", NULL);
  expect_path("vscode-notebook-cell:/x", NULL);
  /* A relative-looking file URI has no absolute path. */
  expect_path("file:relative/path", NULL);
  expect_path("", NULL);
}

Test(uri_to_path, hosts) {
  /* localhost is the same machine; any other host is not reachable as a
   * local path. */
  expect_path("file://localhost/etc/hosts", "/etc/hosts");
  expect_path("file://otherhost/etc/hosts", NULL);
}

Test(uri_from_path, encoding) {
  expect_uri("/home/user/Dockerfile", "file:///home/user/Dockerfile");
  expect_uri("/my project/compose.yaml", "file:///my%20project/compose.yaml");
  /* Unreserved characters stay; reserved ones are escaped with upper-case
   * hex so that URIs compare equal to what VS Code sends. */
  expect_uri("/a-b_c.d~e", "file:///a-b_c.d~e");
  expect_uri("/a+b#c%d?e", "file:///a%2Bb%23c%25d%3Fe");
  expect_uri("/c:/x", "file:///c%3A/x");
  expect_uri("/\xC3\xBC.yaml", "file:///%C3%BC.yaml");
}

Test(uri_from_path, round_trips) {
  expect_round_trip("/home/user/Dockerfile");
  expect_round_trip("/tmp/my project/docker-compose.override.yml");
  expect_round_trip("/tmp/100% sure/a+b#c?d&e=f/[x]/Dockerfile");
  expect_round_trip("/srv/\xC3\xA9t\xC3\xA9/\xF0\x9F\x98\x80/compose.yaml");
  expect_round_trip("/");
}

Test(uri_encode_path, relative_paths) {
  char *s = uri_encode_path("backend/my Dockerfile");
  cr_assert_str_eq(s, "backend/my%20Dockerfile");
  xfree(s);
  s = uri_encode_path("");
  cr_assert_str_eq(s, "");
  xfree(s);
}
