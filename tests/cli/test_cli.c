/* `dockls check` and friends, run as the real binary the way CI would:
 * goldens for the three output formats (UPDATE_GOLDEN=1 rewrites them),
 * the SARIF 2.1.0 properties that code-scanning requires, exit codes, the
 * folder walk's skip rules, and --fix.  Each test works in a fresh copy of
 * tests/cli/project so relative paths in the output are stable and the
 * source tree is never modified. */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casefile.h"
#include "cli_fixture.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"

TestSuite(cli, .init = setup_project, .fini = teardown_project);

Test(cli, text_format_golden) {
  Run r = run("check project");
  cr_assert_eq(r.code, 1, "stderr: %s", r.err);
  check_golden("text.txt", r.out);
  cr_assert(strstr(r.out, "node_modules") == NULL && strstr(r.out, "vendor") == NULL &&
            strstr(r.out, ".git") == NULL, "skipped folders were walked: %s", r.out);
  run_free(&r);
}

Test(cli, json_format_golden) {
  Run r = run("check --format json project");
  cr_assert_eq(r.code, 1);
  check_golden("json.json", r.out);
  cJSON *doc = cJSON_Parse(r.out);
  cr_assert_not_null(doc);
  cr_assert_eq(cJSON_GetObjectItemCaseSensitive(doc, "version")->valueint, 1);
  cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "files")), 6);
  /* The document is written a finding at a time, yet reads as cJSON
   * prints the whole: the same bytes, and a line break. */
  char *printed = cJSON_Print(doc);
  cr_assert(strlen(r.out) == strlen(printed) + 1 && strncmp(r.out, printed, strlen(printed)) == 0,
            "not cJSON's text:\n%s", r.out);
  cJSON_free(printed);
  cJSON_Delete(doc);
  run_free(&r);
}

Test(cli, sarif_format_golden) {
  Run r = run("check --format sarif project");
  cr_assert_eq(r.code, 1);
  check_golden("sarif.json", r.out);
  run_free(&r);
}

static const cJSON *get(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

static void check_region(const cJSON *region) {
  cr_assert(cJSON_IsObject(region));
  cr_assert(cJSON_IsNumber(get(region, "startLine")) && get(region, "startLine")->valueint >= 1);
  cr_assert(get(region, "startColumn")->valueint >= 1);
  cr_assert(get(region, "endLine")->valueint >= get(region, "startLine")->valueint);
}

/* The properties SARIF 2.1.0 marks as required (and the ones GitHub code
 * scanning reads), checked on real output. */
Test(cli, sarif_has_required_properties) {
  Run r = run("check --format sarif project");
  cJSON *doc = cJSON_Parse(r.out);
  cr_assert_not_null(doc);
  cr_assert_str_eq(get(doc, "version")->valuestring, "2.1.0");
  cr_assert(cJSON_IsString(get(doc, "$schema")));
  const cJSON *runs = get(doc, "runs");
  cr_assert(cJSON_IsArray(runs) && cJSON_GetArraySize(runs) == 1);
  const cJSON *run0 = cJSON_GetArrayItem(runs, 0);
  const cJSON *driver = get(get(run0, "tool"), "driver");
  cr_assert_str_eq(get(driver, "name")->valuestring, "dockls");
  const cJSON *rules = get(driver, "rules");
  cr_assert(cJSON_IsArray(rules) && cJSON_GetArraySize(rules) >= 2);
  const cJSON *rule;
  cJSON_ArrayForEach(rule, rules) {
    cr_assert(cJSON_IsString(get(rule, "id")));
    cr_assert(cJSON_IsString(get(get(rule, "shortDescription"), "text")));
    cr_assert(cJSON_IsString(get(get(rule, "help"), "text")));
  }
  const cJSON *results = get(run0, "results");
  cr_assert(cJSON_IsArray(results) && cJSON_GetArraySize(results) > 0);
  const cJSON *res;
  static const char *const levels[] = {"none", "note", "warning", "error"};
  cJSON_ArrayForEach(res, results) {
    cr_assert(cJSON_IsString(get(get(res, "message"), "text")));
    const char *rule_id = get(res, "ruleId")->valuestring;
    int index = get(res, "ruleIndex")->valueint;
    cr_assert_str_eq(get(cJSON_GetArrayItem(rules, index), "id")->valuestring, rule_id);
    bool level_ok = false;
    for (int i = 0; i < 4; i++) level_ok |= strcmp(get(res, "level")->valuestring, levels[i]) == 0;
    cr_assert(level_ok);
    const cJSON *loc = cJSON_GetArrayItem(get(res, "locations"), 0);
    const cJSON *phys = get(loc, "physicalLocation");
    cr_assert(cJSON_IsString(get(get(phys, "artifactLocation"), "uri")));
    check_region(get(phys, "region"));
    const cJSON *fix;
    cJSON_ArrayForEach(fix, get(res, "fixes")) {
      const cJSON *change = cJSON_GetArrayItem(get(fix, "artifactChanges"), 0);
      cr_assert_not_null(change, "a SARIF fix needs artifactChanges");
      cr_assert(cJSON_IsString(get(get(change, "artifactLocation"), "uri")));
      const cJSON *repl = cJSON_GetArrayItem(get(change, "replacements"), 0);
      cr_assert_not_null(repl);
      check_region(get(repl, "deletedRegion"));
    }
  }
  cJSON_Delete(doc);
  run_free(&r);
}

Test(cli, fail_on_threshold) {
  Run r = run("check --fail-on error project/compose.yaml");
  cr_assert_eq(r.code, 0, "only infos: below --fail-on error");
  run_free(&r);
  r = run("check --fail-on info project/compose.yaml");
  cr_assert_eq(r.code, 1);
  run_free(&r);
  r = run("check project/Dockerfile");
  cr_assert_eq(r.code, 0);
  cr_assert_str_eq(r.out, "1 files, 0 errors, 0 warnings, 0 infos\n");
  run_free(&r);
}

Test(cli, usage_and_input_errors_exit_2) {
  Run r = run("check project/missing.yaml");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "project/missing.yaml: No such file or directory"), "%s", r.err);
  run_free(&r);
  r = run("check --format xml project");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "unknown format xml"), "%s", r.err);
  run_free(&r);
  r = run("check --bogus project");
  cr_assert_eq(r.code, 2);
  run_free(&r);
  r = run("check");
  cr_assert_eq(r.code, 2);
  run_free(&r);
  r = run("check project/sub/notes.yaml");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "project/sub/notes.yaml: cannot tell"), "%s", r.err);
  run_free(&r);
  r = run("check --kind compose project/sub/notes.yaml");
  cr_assert_eq(r.code, 0, "%s", r.err);
  run_free(&r);
}

Test(cli, symlink_loops_and_special_files) {
  StrBuf cmd = STRBUF_INIT;
  strbuf_appendf(&cmd, "cd '%s' && ln -s loop loop && mkfifo project/compose.fifo.yaml && "
                       "ln -s .. project/sub/up",
                 work);
  cr_assert_eq(system(cmd.data), 0);
  strbuf_destroy(&cmd);
  Run r = run("check loop");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "loop: Too many levels of symbolic links"), "%s", r.err);
  run_free(&r);
  /* The walk neither follows the link back up nor blocks on the FIFO. */
  r = run("check project/sub");
  cr_assert_eq(r.code, 0, "%s", r.err);
  cr_assert_str_eq(r.out, "1 files, 0 errors, 0 warnings, 0 infos\n");
  run_free(&r);
  r = run("check project/compose.fifo.yaml");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "not a regular file"), "%s", r.err);
  run_free(&r);
}

Test(cli, fix_applies_preferred_fixes_in_place) {
  Run r = run("check --fix --fail-on info project/compose.yaml");
  cr_assert_eq(r.code, 0, "after --fix nothing is left: %s", r.out);
  run_free(&r);
  char path[512];
  size_t len;
  snprintf(path, sizeof path, "%s/project/compose.yaml", work);
  char *fixed = test_read_file(path, &len);
  cr_assert(strstr(fixed, "version: \"3.8\"") == NULL, "%s", fixed);
  cr_assert(strstr(fixed, "services:\n") == fixed, "%s", fixed);
  xfree(fixed);
  r = run("check --fail-on info project/compose.yaml");
  cr_assert_eq(r.code, 0);
  run_free(&r);
}

Test(cli, fix_reports_the_fixed_text) {
  /* The report of --fix is the one a plain check of the fixed files gives:
   * compose.yaml's fixable finding is gone from it, the others stay. */
  Run fixed = run("check --fix --fail-on info project");
  cr_assert_eq(fixed.code, 1, "%s", fixed.err);
  cr_assert(strstr(fixed.out, "project/compose.yaml") == NULL, "%s", fixed.out);
  cr_assert(strstr(fixed.out, "project/compose.flow.yaml"), "%s", fixed.out);
  Run again = run("check --fail-on info project");
  cr_assert_str_eq(fixed.out, again.out);
  run_free(&fixed);
  run_free(&again);
}

Test(cli, same_finding_in_two_files_is_reported_in_both) {
  /* Two compose files with the same text have findings at the same byte
   * ranges: each file gets its own, however many files one run checks. */
  StrBuf cmd = STRBUF_INIT;
  strbuf_appendf(&cmd,
                 "mkdir -p '%s/twins/a' '%s/twins/b' && "
                 "printf 'services:\n  web:\n    image: nginx\n' > '%s/twins/a/compose.yaml' && "
                 "cp '%s/twins/a/compose.yaml' '%s/twins/b/compose.yaml'",
                 work, work, work, work, work);
  cr_assert_eq(system(cmd.data), 0);
  strbuf_destroy(&cmd);
  Run one = run("check --fail-on hint twins/b");
  Run both = run("check --fail-on hint twins");
  cr_assert(strstr(one.out, "twins/b/compose.yaml:3:12: warning:"), "%s", one.out);
  cr_assert(strstr(both.out, "twins/a/compose.yaml:3:12: warning:"), "%s", both.out);
  cr_assert(strstr(both.out, "twins/b/compose.yaml:3:12: warning:"), "%s", both.out);
  run_free(&one);
  run_free(&both);
}

/* Runs `dockls ARGS`, expecting exit code 2, no report, and `message` in
 * the errors. */
static void expect_usage_error(const char *args, const char *message) {
  Run r = run(args);
  cr_assert_eq(r.code, 2, "dockls %s", args);
  cr_assert(strstr(r.err, message), "dockls %s: %s", args, r.err);
  cr_assert_str_eq(r.out, "", "dockls %s", args);
  run_free(&r);
}

Test(cli, config_option_replaces_the_upward_search) {
  StrBuf cmd = STRBUF_INIT;
  strbuf_appendf(&cmd, "printf 'rules:\\n  compose-version-obsolete: off\\n' > '%s/elsewhere.yaml'",
                 work);
  cr_assert_eq(system(cmd.data), 0);
  strbuf_destroy(&cmd);
  Run r = run("check --fail-on hint --config elsewhere.yaml project/compose.yaml");
  cr_assert_eq(r.code, 1, "%s", r.err);
  /* The named file turns the rule off ... */
  cr_assert(strstr(r.out, "compose-version-obsolete") == NULL, "%s", r.out);
  /* ... and project/.dockls.yaml, which turns these two off, is not read. */
  cr_assert(strstr(r.out, "[compose-no-limits]"), "%s", r.out);
  cr_assert(strstr(r.out, "[compose-writable-root]"), "%s", r.out);
  run_free(&r);
  r = run("check --fail-on hint project/compose.yaml");
  cr_assert(strstr(r.out, "compose-version-obsolete"), "%s", r.out);
  cr_assert(strstr(r.out, "compose-no-limits") == NULL, "%s", r.out);
  run_free(&r);
  /* Nothing is checked with a configuration that cannot be read. */
  expect_usage_error("check --config missing.yaml project",
                     "--config missing.yaml: No such file or directory");
  expect_usage_error("check --config project project", "--config project: is a folder");
  expect_usage_error("check --config", "--config needs a value");
}

Test(cli, check_help) {
  Run r = run("check --help");
  cr_assert_eq(r.code, 0, "%s", r.err);
  cr_assert(strncmp(r.out, "usage: dockls check", 19) == 0, "%s", r.out);
  cr_assert(strstr(r.out, "--config FILE") && strstr(r.out, "--fix"), "%s", r.out);
  run_free(&r);
  r = run("check -h project");
  cr_assert_eq(r.code, 0, "%s", r.err);
  cr_assert(strncmp(r.out, "usage: dockls check", 19) == 0, "%s", r.out);
  run_free(&r);
}

Test(cli, rules_explain_version_help) {
  Run r = run("rules");
  cr_assert_eq(r.code, 0);
  cr_assert(strstr(r.out, "syntax-error") && strstr(r.out, "compose-version-obsolete"));
  run_free(&r);
  r = run("explain compose-version-obsolete");
  cr_assert_eq(r.code, 0);
  cr_assert(strncmp(r.out, "# compose-version-obsolete\n", 27) == 0, "%s", r.out);
  run_free(&r);
  r = run("explain no-such-rule");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "unknown rule no-such-rule"));
  run_free(&r);
  r = run("--version");
  cr_assert_eq(r.code, 0);
  cr_assert(strncmp(r.out, "dockls ", 7) == 0);
  run_free(&r);
  r = run("--help");
  cr_assert_eq(r.code, 0);
  cr_assert(strstr(r.out, "dockls check"));
  /* The summary sends readers to check's own help, which lists every
   * option (cli_ci::help_lists_every_option). */
  cr_assert(strstr(r.out, "dockls check --help"), "%s", r.out);
  run_free(&r);
}

/* The peer tables: one marker block per tool, and a row that names a
 * replacing rule links its page.  Another format is a usage error, with
 * nothing on stdout. */
Test(cli, rules_peers_markdown) {
  Run r = run("rules --peers markdown");
  cr_assert_eq(r.code, 0, "%s", r.err);
  static const char *const keys[] = {"buildkit", "dockerfile-utils", "hadolint", "dclint"};
  for (size_t i = 0; i < 4; i++) {
    char open[64], close[64];
    snprintf(open, sizeof open, "<!-- peers:%s -->\n", keys[i]);
    snprintf(close, sizeof close, "<!-- /peers:%s -->\n", keys[i]);
    const char *a = strstr(r.out, open), *b = strstr(r.out, close);
    cr_assert(a && b && a < b, "no %s block in:\n%s", keys[i], r.out);
  }
  cr_assert(strstr(r.out, "| `DL3019` | apk add without `--no-cache` | [`apk-no-cache`](rules/apk-no-cache.md) |"),
            "%s", r.out);
  cr_assert(strstr(r.out, "| `DL3059` | consecutive RUN instructions | none | "), "%s", r.out);
  run_free(&r);
  r = run("rules --peers html");
  cr_assert_eq(r.code, 2);
  cr_assert_str_eq(r.out, "");
  cr_assert(strstr(r.err, "usage: dockls rules [--peers markdown]"), "%s", r.err);
  run_free(&r);
}

/* An input that cannot be read must fail the run even when other inputs
 * have findings: CI would otherwise read exit 1 as "lint ran, fix the
 * findings" and never learn that a file was not checked at all.  The
 * findings of the readable file are still printed. */
/* A CI job must not read a partial report as the verdict: on exit 2 every
 * input problem is on stderr and stdout stays empty. */
Test(cli, input_error_wins_over_findings) {
  Run r = run("check --fail-on info project/missing.yaml project/compose.yaml project/gone.yaml");
  cr_assert_eq(r.code, 2, "stdout: %s", r.out);
  cr_assert(strstr(r.err, "project/missing.yaml") && strstr(r.err, "project/gone.yaml"), "%s", r.err);
  cr_assert_str_eq(r.out, "", "nothing but the errors, and those on stderr");
  run_free(&r);
  r = run("check --fail-on info project/compose.yaml project/sub/notes.yaml");
  cr_assert_eq(r.code, 2, "stdout: %s", r.out);
  run_free(&r);
}

/* --fix applies preferred fixes only: user-root's fix for a Debian image
 * creates a user, which a person has to decide, so the file stays as it
 * is and the finding still fails the run. */
Test(cli, fix_leaves_fixes_that_are_not_preferred) {
  static const char text[] = "FROM debian:12\nRUN echo hi\n";
  cr_assert(test_write_file(work, "plain/Dockerfile", text, sizeof text - 1));
  Run r = run("check --fix plain/Dockerfile");
  cr_assert_eq(r.code, 1, "stdout: %s", r.out);
  cr_assert(strstr(r.out, "user-root"), "%s", r.out);
  run_free(&r);
  char path[600];
  size_t len;
  snprintf(path, sizeof path, "%s/plain/Dockerfile", work);
  char *after = test_read_file(path, &len);
  cr_assert_str_eq(after, text);
  xfree(after);
}

/* Findings come in file order: by line, then column, whatever order the
 * rules found them in, so CI logs and diffs between runs stay stable. */
Test(cli, findings_are_listed_in_position_order) {
  static const char text[] = "FROM alpine:3.20\nRUN apk add curl\nRUN apk add git\nUSER root\n";
  cr_assert(test_write_file(work, "multi/Dockerfile", text, sizeof text - 1));
  Run r = run("check --fail-on hint multi/Dockerfile");
  cr_assert_eq(r.code, 1, "stdout: %s", r.out);
  const char *a = strstr(r.out, "multi/Dockerfile:2:5:"), *b = strstr(r.out, "multi/Dockerfile:3:5:"),
             *c = strstr(r.out, "multi/Dockerfile:4:");
  cr_assert(a && b && c && a < b && b < c, "%s", r.out);
  run_free(&r);
}

/* One RUN line of 20,000 commands (generated here, not kept in the
 * repository): every finding on it must carry its own UTF-16 column, the
 * whale before them counting two.  Reports convert offsets to columns
 * with a cursor that remembers where it counted to on the line; counting
 * each column from the line start took seconds on this input (the speed
 * is measured in docs/performance.md, not here). */
Test(cli, columns_on_one_long_line) {
  enum { COMMANDS = 20000 };
  StrBuf text = STRBUF_INIT;
  strbuf_append(&text, "FROM debian:12\nRUN echo \xf0\x9f\x90\xb3");
  size_t line_start = strlen("FROM debian:12\n");
  size_t *columns = xmalloc(COMMANDS * sizeof *columns);
  for (int i = 0; i < COMMANDS; i++) {
    strbuf_append(&text, " && ");
    /* Bytes from the line start, less the two the whale has beyond its two
     * UTF-16 units, plus one for 1-based columns. */
    columns[i] = text.len - line_start - 2 + 1;
    /* Pinned and without recommends, so that apt-get-no-yes is the one
     * finding per command and the output stays within what the test
     * reads back (DOCKLS_MAX_FILE_BYTES). */
    strbuf_appendf(&text, "apt-get install --no-install-recommends p%d=1", i);
  }
  strbuf_append(&text, "\n");
  cr_assert(test_write_file(work, "long/Dockerfile", text.data, text.len));
  Run r = run("check long/Dockerfile");
  cr_assert_eq(r.code, 1, "stderr: %s", r.err);
  size_t seen = 0;
  for (const char *line = r.out, *eol; (eol = strchr(line, '\n')) != NULL; line = eol + 1) {
    const char *tag = strstr(line, "[apt-get-no-yes]");
    if (tag && tag < eol) {
      cr_assert_lt(seen, (size_t)COMMANDS);
      char want[64];
      snprintf(want, sizeof want, "long/Dockerfile:2:%zu: error:", columns[seen]);
      cr_assert(strncmp(line, want, strlen(want)) == 0, "finding %zu: want `%s`, got `%.60s`", seen,
                want, line);
      seen++;
    }
  }
  cr_assert_eq(seen, (size_t)COMMANDS, "want one apt-get-no-yes per command");
  xfree(columns);
  strbuf_destroy(&text);
  run_free(&r);
}
