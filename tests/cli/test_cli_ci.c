/* `dockls check` as CI pipelines call it (issue 15): the formats GitLab,
 * GitHub, Jenkins and editors read, with their required properties; stdin;
 * --exclude; rule levels on the command line; the exit-code options; -o;
 * -q; --fix-dry-run; and the input problems that must be errors rather
 * than a green run.  The real binary runs in a fresh copy of
 * tests/cli/project (cli_fixture.c). */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "cli_fixture.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"

TestSuite(cli_ci, .init = setup_project, .fini = teardown_project);

static const cJSON *get(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

static void golden_of(const char *format, const char *golden) {
  char args[128];
  snprintf(args, sizeof args, "check --format %s project", format);
  Run r = run(args);
  cr_assert_eq(r.code, 1, "%s: stderr %s", format, r.err);
  cr_assert_str_eq(r.err, "", "%s wrote to stderr", format);
  check_golden(golden, r.out);
  run_free(&r);
}

Test(cli_ci, codeclimate_golden) { golden_of("codeclimate", "codeclimate.json"); }
Test(cli_ci, checkstyle_golden) { golden_of("checkstyle", "checkstyle.xml"); }
Test(cli_ci, junit_golden) { golden_of("junit", "junit.xml"); }
Test(cli_ci, github_golden) { golden_of("github", "github.txt"); }
Test(cli_ci, gnu_golden) { golden_of("gnu", "gnu.txt"); }

/* GitLab's Code Quality report: every issue has description, check_name,
 * a unique fingerprint, one of the five severities, a relative path and
 * a begin line. */
static cJSON *codeclimate_issues(const char *args) {
  Run r = run(args);
  cJSON *doc = cJSON_Parse(r.out);
  cr_assert(cJSON_IsArray(doc), "not a JSON array: %s", r.out);
  run_free(&r);
  return doc;
}

Test(cli_ci, codeclimate_required_properties) {
  static const char text[] = "FROM node\nRUN apt-get install -y curl\nRUN apt-get install -y curl\n";
  cr_assert(test_write_file(work, "app/Dockerfile", text, sizeof text - 1));
  cJSON *doc = codeclimate_issues("check --format codeclimate --fail-on hint project app");
  cr_assert_gt(cJSON_GetArraySize(doc), 4);
  const cJSON *issue;
  cJSON_ArrayForEach(issue, doc) {
    cr_assert(cJSON_IsString(get(issue, "description")) && *get(issue, "description")->valuestring);
    cr_assert(cJSON_IsString(get(issue, "check_name")));
    const char *sev = get(issue, "severity")->valuestring;
    cr_assert(strstr(" info minor major critical blocker ", sev) != NULL, "severity %s", sev);
    const cJSON *loc = get(issue, "location");
    cr_assert(get(loc, "path")->valuestring[0] != '/', "path must be repository-relative");
    cr_assert_geq(get(get(loc, "lines"), "begin")->valueint, 1);
    const char *fp = get(issue, "fingerprint")->valuestring;
    cr_assert_eq(strlen(fp), 32);
    /* Two identical findings (the two RUN lines) still differ. */
    const cJSON *other;
    cJSON_ArrayForEach(other, doc) {
      if (other != issue) cr_assert_str_neq(fp, get(other, "fingerprint")->valuestring);
    }
  }
  cJSON_Delete(doc);
}

/* A finding keeps its fingerprint when lines are added above it, so
 * GitLab does not show it as new in the merge request. */
Test(cli_ci, codeclimate_fingerprint_survives_a_shift) {
  static const char before[] = "FROM node\nRUN apt-get install -y curl\n";
  static const char after[] = "# a comment\n\nFROM node\nRUN apt-get install -y curl\n";
  cr_assert(test_write_file(work, "app/Dockerfile", before, sizeof before - 1));
  cJSON *a = codeclimate_issues("check --format codeclimate app/Dockerfile");
  cr_assert(test_write_file(work, "app/Dockerfile", after, sizeof after - 1));
  cJSON *b = codeclimate_issues("check --format codeclimate app/Dockerfile");
  cr_assert_eq(cJSON_GetArraySize(a), cJSON_GetArraySize(b));
  for (int i = 0; i < cJSON_GetArraySize(a); i++) {
    const cJSON *x = cJSON_GetArrayItem(a, i), *y = cJSON_GetArrayItem(b, i);
    cr_assert_str_eq(get(x, "fingerprint")->valuestring, get(y, "fingerprint")->valuestring);
    cr_assert_eq(get(get(get(x, "location"), "lines"), "begin")->valueint + 2,
                 get(get(get(y, "location"), "lines"), "begin")->valueint);
  }
  cJSON_Delete(a);
  cJSON_Delete(b);
}

/* GitHub's upload resolves results against the checkout: relative URIs
 * with the %SRCROOT% base (also when the path was given absolute), and a
 * file:// URI for a file outside the working directory. */
Test(cli_ci, sarif_uris_for_github) {
  StrBuf args = STRBUF_INIT;
  strbuf_appendf(&args, "check --format sarif '%s/project/compose.yaml'", work);
  Run r = run(args.data);
  strbuf_destroy(&args);
  cJSON *doc = cJSON_Parse(r.out);
  const cJSON *one = cJSON_GetArrayItem(get(doc, "runs"), 0);
  const cJSON *base = get(get(one, "originalUriBaseIds"), "%SRCROOT%");
  char want[512];
  snprintf(want, sizeof want, "file://%s/", work);
  cr_assert_str_eq(get(base, "uri")->valuestring, want);
  const cJSON *loc = get(get(cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(one, "results"), 0), "locations"), 0),
                             "physicalLocation"),
                         "artifactLocation");
  cr_assert_str_eq(get(loc, "uri")->valuestring, "project/compose.yaml");
  cr_assert_str_eq(get(loc, "uriBaseId")->valuestring, "%SRCROOT%");
  /* No rule links into the build tree: the pages are not installed here. */
  cr_assert(strstr(r.out, "helpUri") == NULL && strstr(r.out, "docs/rules") == NULL);
  cJSON_Delete(doc);
  run_free(&r);
  r = run_in("project/sub", "check --format sarif ../compose.yaml");
  doc = cJSON_Parse(r.out);
  one = cJSON_GetArrayItem(get(doc, "runs"), 0);
  loc = get(cJSON_GetArrayItem(get(one, "artifacts"), 0), "location");
  snprintf(want, sizeof want, "file://%s/project/compose.yaml", work);
  cr_assert_str_eq(get(loc, "uri")->valuestring, want);
  cr_assert_null(get(loc, "uriBaseId"));
  cJSON_Delete(doc);
  run_free(&r);
}

/* Workflow-command properties end at `,` and `:`: a path holding them is
 * escaped so the annotation lands on the right file. */
Test(cli_ci, github_escapes_properties) {
  static const char text[] = "FROM node\n";
  cr_assert(test_write_file(work, "we,ird:dir/Dockerfile", text, sizeof text - 1));
  Run r = run("check --format github 'we,ird:dir'");
  cr_assert_eq(r.code, 1);
  cr_assert(strstr(r.out, "::warning file=we%2Cird%3Adir/Dockerfile,line=1,col=6,"), "%s", r.out);
  run_free(&r);
}

Test(cli_ci, stdin_with_and_without_a_name) {
  static const char text[] = "FROM node\nRUN apt-get install -y curl\n";
  cr_assert(test_write_file(work, "in.txt", text, sizeof text - 1));
  Run r = run("check --format gnu --stdin-filename app/Dockerfile - < in.txt");
  cr_assert_eq(r.code, 1, "%s", r.err);
  cr_assert(strstr(r.out, "app/Dockerfile:1:6: warning:"), "%s", r.out);
  run_free(&r);
  /* Without a name the kind comes from the content. */
  r = run("check --format gnu - < in.txt");
  cr_assert_eq(r.code, 1, "%s", r.err);
  cr_assert(strstr(r.out, "<stdin>:2:5: info:"), "%s", r.out);
  run_free(&r);
  /* The name gives neighbours too: the fixture's .dockls.yaml turns
   * compose-writable-root off for project/compose.yaml's stdin twin. */
  r = run("check --fail-on hint --stdin-filename project/other-compose.yaml - < project/compose.yaml");
  cr_assert_eq(r.code, 1);
  cr_assert(strstr(r.out, "compose-writable-root") == NULL && strstr(r.out, "compose-version-obsolete"), "%s",
            r.out);
  run_free(&r);
}

Test(cli_ci, stdin_misuse_is_a_usage_error) {
  Run r = run("check --stdin-filename x/Dockerfile project < /dev/null");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "--stdin-filename is for -"), "%s", r.err);
  run_free(&r);
  r = run("check - - < /dev/null");
  cr_assert_eq(r.code, 2);
  run_free(&r);
  r = run("check --fix --stdin-filename Dockerfile - < /dev/null");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "--fix cannot write back to stdin"), "%s", r.err);
  run_free(&r);
  r = run("check - < /dev/null");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "stdin: cannot tell whether"), "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(cli_ci, exclude_skips_files_and_folders) {
  Run r = run("check --format gnu --exclude 'compose.*' --exclude sub project");
  cr_assert_eq(r.code, 1, "%s", r.err);
  cr_assert(strstr(r.out, "compose.yaml") == NULL && strstr(r.out, "compose.flow.yaml") == NULL, "%s", r.out);
  cr_assert(strstr(r.out, "docker-compose.broken.yml"), "%s", r.out);
  run_free(&r);
  r = run("check --format json --exclude 'project/sub' project");
  cJSON *doc = cJSON_Parse(r.out);
  cr_assert_eq(cJSON_GetArraySize(get(doc, "files")), 5, "%s", r.out);
  cJSON_Delete(doc);
  run_free(&r);
  /* Excluding what was named leaves nothing: that is an error, not a pass. */
  r = run("check --exclude '*' project");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "no Dockerfile or compose file found under project"), "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(cli_ci, rule_levels_on_the_command_line) {
  /* compose-writable-root is off in the fixture's .dockls.yaml; the
   * command line wins over the file. */
  Run r = run("check --format gnu --rule compose-writable-root=error --disable compose-version-obsolete "
              "project/compose.yaml");
  cr_assert_eq(r.code, 1);
  cr_assert(strstr(r.out, ": error: ") && strstr(r.out, "[compose-writable-root]"), "%s", r.out);
  cr_assert(strstr(r.out, "compose-version-obsolete") == NULL, "%s", r.out);
  run_free(&r);
  r = run("check --rule=compose-version-obsolete=off --fail-on hint project/compose.yaml");
  cr_assert_eq(r.code, 0, "%s", r.out);
  run_free(&r);
  r = run("check --rule no-such-rule=off project");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "unknown rule no-such-rule"), "%s", r.err);
  run_free(&r);
  r = run("check --rule compose-schema=loud project");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "unknown level loud"), "%s", r.err);
  run_free(&r);
  r = run("check --rule compose-schema project");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "--rule needs ID=LEVEL"), "%s", r.err);
  run_free(&r);
}

Test(cli_ci, exit_code_options) {
  /* The fixture has one error: --no-fail keeps the report and exits 0. */
  Run r = run("check --no-fail project");
  cr_assert_eq(r.code, 0);
  cr_assert(strstr(r.out, "[syntax-error]"), "%s", r.out);
  run_free(&r);
  /* ...but not over an input problem. */
  r = run("check --no-fail project/missing.yaml");
  cr_assert_eq(r.code, 2);
  run_free(&r);
  static const char text[] = "FROM node\nRUN echo hi\n"; /* two warnings: image-unpinned, user-root */
  cr_assert(test_write_file(work, "app/Dockerfile", text, sizeof text - 1));
  r = run("check --max-warnings 2 app");
  cr_assert_eq(r.code, 0, "two warnings are within 2: %s", r.out);
  run_free(&r);
  r = run("check --max-warnings 1 app");
  cr_assert_eq(r.code, 1);
  run_free(&r);
  r = run("check --max-warnings 1 --fail-on error app");
  cr_assert_eq(r.code, 1, "more warnings than allowed fail even below --fail-on");
  run_free(&r);
  r = run("check --max-warnings -1 app");
  cr_assert_eq(r.code, 2);
  run_free(&r);
}

Test(cli_ci, output_file_and_quiet) {
  Run r = run("check --format json -o report.json project");
  cr_assert_eq(r.code, 1);
  cr_assert_str_eq(r.out, "");
  size_t len;
  char path[512];
  snprintf(path, sizeof path, "%s/report.json", work);
  char *report = test_read_file(path, &len);
  cJSON *doc = cJSON_Parse(report);
  cr_assert_eq(cJSON_GetArraySize(get(doc, "diagnostics")), 3);
  cJSON_Delete(doc);
  xfree(report);
  run_free(&r);
  r = run("check -o no/such/folder/report.txt project");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "-o no/such/folder/report.txt"), "%s", r.err);
  run_free(&r);
  /* An input problem writes no report file at all. */
  r = run("check -o late.txt project/missing.yaml");
  cr_assert_eq(r.code, 2);
  snprintf(path, sizeof path, "%s/late.txt", work);
  cr_assert_null(test_read_file(path, &len));
  run_free(&r);
  r = run("check -q --fail-on info project");
  cr_assert_eq(r.code, 1);
  cr_assert(strstr(r.out, "[syntax-error]") && strstr(r.out, "compose-version-obsolete") == NULL, "%s", r.out);
  run_free(&r);
  r = run("check -q --fail-on info project/compose.yaml");
  cr_assert_eq(r.code, 0, "-q counts errors only: %s", r.out);
  run_free(&r);
}

Test(cli_ci, fix_dry_run_prints_the_diff_and_writes_nothing) {
  Run r = run("check --fix-dry-run project/compose.yaml");
  cr_assert_eq(r.code, 1, "something to fix: %s", r.err);
  cr_assert_str_eq(r.out,
                   "--- a/project/compose.yaml\n+++ b/project/compose.yaml\n@@ -1,4 +1,3 @@\n"
                   "-version: \"3.8\"\n services:\n"
                   "   # café ☕ and an emoji 😀 before the problem keep UTF-16 columns honest\n"
                   "   web: {image: \"nginx:1.27\", labels: {x: \"😀\"}}\n");
  run_free(&r);
  size_t len;
  char path[512];
  snprintf(path, sizeof path, "%s/project/compose.yaml", work);
  char *text = test_read_file(path, &len);
  cr_assert(strncmp(text, "version: \"3.8\"\n", 15) == 0, "the file was changed");
  xfree(text);
  r = run("check --fix-dry-run project/Dockerfile");
  cr_assert_eq(r.code, 0);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
  r = run("check --fix --fix-dry-run project");
  cr_assert_eq(r.code, 2);
  run_free(&r);
}

Test(cli_ci, binary_files_and_empty_folders) {
  cr_assert(test_write_file(work, "bin/Dockerfile", "\x7f" "ELF\x02\x01\x01\0\0\0", 10));
  static const char text[] = "FROM alpine:3.20\nUSER 65534\n";
  cr_assert(test_write_file(work, "bin/sub/Dockerfile", text, sizeof text - 1));
  Run r = run("check bin/Dockerfile");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "bin/Dockerfile: binary file, not checked"), "%s", r.err);
  cr_assert(strstr(r.err, "unexpected") == NULL && strcmp(r.out, "") == 0, "%s", r.out);
  run_free(&r);
  /* In a walk it is mentioned and skipped; the rest is checked. */
  r = run("check bin");
  cr_assert_eq(r.code, 0, "%s", r.err);
  cr_assert(strstr(r.err, "bin/Dockerfile: binary file, not checked"), "%s", r.err);
  cr_assert_str_eq(r.out, "1 files, 0 errors, 0 warnings, 0 infos\n");
  run_free(&r);
  cr_assert(test_write_file(work, "empty/notes.txt", "x", 1));
  r = run("check empty");
  cr_assert_eq(r.code, 2);
  cr_assert(strstr(r.err, "no Dockerfile or compose file found under empty"), "%s", r.err);
  cr_assert_str_eq(r.out, "");
  run_free(&r);
}

Test(cli_ci, help_lists_every_option) {
  Run r = run("check --help");
  cr_assert_eq(r.code, 0);
  static const char *const options[] = {"--format", "codeclimate", "checkstyle", "junit", "github", "gnu",
                                        "--output", "--fail-on", "--max-warnings", "--no-fail", "--quiet",
                                        "--rule", "--disable", "--exclude", "--kind", "--stdin-filename",
                                        "--config", "--fix-dry-run", "--fix"};
  for (size_t i = 0; i < sizeof options / sizeof *options; i++)
    cr_assert(strstr(r.out, options[i]), "check --help does not mention %s", options[i]);
  run_free(&r);
}

/* The manual page (docs/dockls.1, installed as dockls(1)) names every
 * option that `check --help` lists, in roff's escaped spelling. */
Test(cli_ci, man_page_names_every_option) {
  Run r = run("check --help");
  char path[512];
  snprintf(path, sizeof path, "%s/docs/dockls.1", test_source_dir());
  size_t len;
  char *man = test_read_file(path, &len);
  cr_assert_not_null(man);
  size_t seen = 0;
  for (const char *p = r.out; (p = strstr(p, "--")) != NULL;) {
    const char *end = p + 2;
    while ((*end >= 'a' && *end <= 'z') || *end == '-') end++;
    StrBuf roff = STRBUF_INIT;
    for (const char *c = p; c < end; c++) strbuf_append(&roff, *c == '-' ? "\\-" : (char[]){*c, 0});
    cr_assert(strstr(man, roff.data), "docs/dockls.1 does not name %.*s", (int)(end - p), p);
    strbuf_destroy(&roff);
    seen++;
    p = end;
  }
  cr_assert_geq(seen, 15);
  xfree(man);
  run_free(&r);
}
