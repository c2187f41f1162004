/* The fixture of the CLI tests: a fresh copy of tests/cli/project per
 * test, the real binary run in it with its output captured, and goldens
 * under tests/cli/expected (UPDATE_GOLDEN=1 rewrites them). */
#include "cli_fixture.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "casefile.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"

char work[256];

/* Copies the fixture project into a fresh folder and adds the folders the
 * walk must skip (they cannot live in git: .git is refused and
 * node_modules is ignored). */
void setup_project(void) {
  snprintf(work, sizeof work, "/tmp/dockls-cli-XXXXXX");
  cr_assert_not_null(mkdtemp(work));
  StrBuf cmd = STRBUF_INIT;
  strbuf_appendf(&cmd,
                 "cp -r '%s/tests/cli/project' '%s/project' && cd '%s/project/sub' && "
                 "mkdir -p node_modules .git vendor && printf 'version: 1\\n' > node_modules/compose.yaml && "
                 "printf 'version: 1\\n' > .git/compose.yaml && printf 'version: 1\\n' > vendor/compose.yaml",
                 test_source_dir(), work, work);
  cr_assert_eq(system(cmd.data), 0);
  strbuf_destroy(&cmd);
}

void teardown_project(void) {
  StrBuf cmd = STRBUF_INIT;
  strbuf_appendf(&cmd, "rm -rf '%s'", work);
  cr_assert_eq(system(cmd.data), 0);
  strbuf_destroy(&cmd);
}

/* Runs `dockls ARGS` inside the work folder. */
Run run(const char *args) { return run_in(".", args); }

Run run_in(const char *dir, const char *args) {
  StrBuf cmd = STRBUF_INIT;
  strbuf_appendf(&cmd, "cd '%s' && cd '%s' && '%s' %s > '%s/out.txt' 2> '%s/err.txt'", work, dir,
                 getenv("DOCKLS_BINARY"), args, work, work);
  int status = system(cmd.data);
  strbuf_destroy(&cmd);
  Run r = {WIFEXITED(status) ? WEXITSTATUS(status) : -1, NULL, NULL};
  char path[512];
  size_t len;
  snprintf(path, sizeof path, "%s/out.txt", work);
  r.out = test_read_file(path, &len);
  snprintf(path, sizeof path, "%s/err.txt", work);
  r.err = test_read_file(path, &len);
  return r;
}

void run_free(Run *r) {
  xfree(r->out);
  xfree(r->err);
}

/* Replaces the work folder (SARIF's %SRCROOT% names it) with <work>, so
 * goldens do not depend on where the test ran. */
char *normalise(const char *text) {
  StrBuf out = STRBUF_INIT;
  size_t n = strlen(work);
  for (const char *p = text; *p;) {
    if (strncmp(p, work, n) == 0) {
      strbuf_append(&out, "<work>");
      p += n;
    } else {
      strbuf_append_char(&out, *p++);
    }
  }
  return strbuf_take(&out);
}

void check_golden(const char *name, const char *raw) {
  char *actual = normalise(raw);
  char path[512];
  snprintf(path, sizeof path, "%s/tests/cli/expected/%s", test_source_dir(), name);
  if (getenv("UPDATE_GOLDEN")) {
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(actual, f);
    fclose(f);
    xfree(actual);
    return;
  }
  size_t len;
  char *want = test_read_file(path, &len);
  cr_assert_not_null(want, "missing golden %s (run with UPDATE_GOLDEN=1)", path);
  cr_assert_str_eq(actual, want, "output differs from %s", path);
  xfree(want);
  xfree(actual);
}

