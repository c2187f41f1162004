/* The Dockerfile formatter (analysis_format): what it changes, what it
 * must never change (heredoc bodies, comments, whitespace Docker keeps),
 * and, over the real Dockerfiles of ../shared/corpus, that it preserves
 * the parse (the tree after formatting equals the tree before, modulo
 * whitespace and keyword case) and is idempotent. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "casefile.h"
#include "dockls/base/path.h"
#include "dockls/analysis/format.h"
#include "dockls/cli/cli.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/parse.h"
#include "dockls/text/edit.h"

static FileId open_text(Workspace *ws, const char *uri, DocKind kind, const char *text) {
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, uri, kind, 1, text, strlen(text), &id, &err), "cannot open: %s", err);
  return id;
}

/* Formats `text` once (or only [start, end) of it) and returns the result
 * (caller frees); *changes gets the number of edits. */
static char *format_range(const char *text, size_t start, size_t end, size_t *changes) {
  Workspace *ws = ws_new(NULL);
  FileId id = open_text(ws, "file:///t/Dockerfile", DOC_KIND_DOCKERFILE, text);
  char *err = NULL;
  FormatEditArray edits;
  array_init(&edits);
  analysis_format(ws, id, start, end, &edits);
  Array(TextReplacement) repls;
  array_init(&repls);
  for (size_t i = 0; i < edits.len; i++) {
    TextReplacement r = {edits.items[i].start, edits.items[i].end, edits.items[i].text};
    array_push(&repls, r);
  }
  cr_assert(ws_apply_replacements(ws, id, repls.items, repls.len, &err), "edits do not apply: %s", err);
  char *out = xstrdup(ws_text(ws, id)->bytes);
  if (changes) *changes = edits.len;
  array_delete(&repls);
  analysis_format_edits_free(&edits);
  ws_delete(ws);
  return out;
}

static char *format_text(const char *text, size_t *changes) { return format_range(text, 0, SIZE_MAX, changes); }

static void expect_formats(const char *in, const char *want) {
  char *got = format_text(in, NULL);
  cr_expect_str_eq(got, want);
  size_t again;
  char *twice = format_text(got, &again);
  cr_expect_eq(again, 0, "formatting twice changed %s", got);
  xfree(twice);
  xfree(got);
}

Test(format, keywords_upper_case_and_one_space) {
  expect_formats("from  alpine:3.20 as build\nrun\techo hi\nhealthcheck cmd true\n",
                 "FROM alpine:3.20 AS build\nRUN echo hi\nHEALTHCHECK CMD true\n");
}

Test(format, onbuild_inner_instruction) {
  expect_formats("onbuild   copy . /app\n", "ONBUILD COPY . /app\n");
}

Test(format, json_arrays_normalised) {
  expect_formats("CMD [ \"a\",\"b\" ,  \"c\"]\nSHELL [\"/bin/sh\",\"-c\"]\n",
                 "CMD [\"a\", \"b\", \"c\"]\nSHELL [\"/bin/sh\", \"-c\"]\n");
}

Test(format, continuation_lines_indented) {
  expect_formats("RUN apk add curl \\\n  && echo a \\\n\t\t&& echo b\n",
                 "RUN apk add curl \\\n    && echo a \\\n    && echo b\n");
}

/* Docker keeps the blanks that start a continued line: inside quotes they
 * are part of the string, and with no blank on either side of the join
 * they glue two halves of a word. */
Test(format, whitespace_docker_keeps_is_left) {
  const char *text = "RUN echo \"a \\\n  b\" \\\n  && x\\\nyz\nENV A='p \\\n q'\n";
  char *got = format_text(text, NULL);
  cr_expect_str_eq(got, "RUN echo \"a \\\n  b\" \\\n    && x\\\nyz\nENV A='p \\\n q'\n");
  xfree(got);
}

Test(format, heredocs_and_comments_untouched) {
  expect_formats("#  comment  kept\nrun <<EOF\n  indented  body\n\tx\nEOF\nRUN a \\\n  # inner comment\n  b\n",
                 "#  comment  kept\nRUN <<EOF\n  indented  body\n\tx\nEOF\nRUN a \\\n  # inner comment\n    b\n");
}

Test(format, escape_directive_backtick) {
  expect_formats("# escape=`\nFROM x\nrun a `\n  b\n", "# escape=`\nFROM x\nRUN a `\n    b\n");
}

Test(format, crlf_lines) {
  expect_formats("run a \\\r\n  b\r\n", "RUN a \\\r\n    b\r\n");
}

Test(format, range_formats_only_overlapping_instructions) {
  const char *text = "run a\nrun b\nrun c\n";
  char *got = format_range(text, 6, 9, NULL);
  cr_expect_str_eq(got, "run a\nRUN b\nrun c\n");
  xfree(got);
}

Test(format, compose_is_not_formatted) {
  Workspace *ws = ws_new(NULL);
  FileId id = open_text(ws, "file:///t/compose.yaml", DOC_KIND_COMPOSE, "services:\n    a:   {}\n");
  FormatEditArray edits;
  array_init(&edits);
  analysis_format(ws, id, 0, SIZE_MAX, &edits);
  cr_expect_eq(edits.len, 0);
  analysis_format_edits_free(&edits);
  ws_delete(ws);
}

Test(format, on_type_indents_the_new_continuation_line) {
  Workspace *ws = ws_new(NULL);
  FileId id = open_text(ws, "file:///t/Dockerfile", DOC_KIND_DOCKERFILE, "run apk add \\\n\nRUN b\n");
  FormatEditArray edits;
  array_init(&edits);
  analysis_format_on_type(ws, id, 14, &edits);
  cr_assert_eq(edits.len, 2);
  cr_expect_str_eq(edits.items[0].text, "RUN");
  cr_expect_eq(edits.items[1].start, 14);
  cr_expect_str_eq(edits.items[1].text, "    ");
  analysis_format_edits_free(&edits);
  ws_delete(ws);
}

/* The tree as a string: every node's type in preorder, with each leaf's
 * text without whitespace (keywords upper-cased, as their case is not
 * part of the parse). */
static void tree_signature(TSNode root, const char *bytes, StrBuf *out) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    strbuf_appendf(out, "(%s", ts_node_type(n));
    if (ts_node_child_count(n) == 0) {
      strbuf_append_char(out, ' ');
      for (uint32_t i = ts_node_start_byte(n); i < ts_node_end_byte(n); i++)
        if (!isspace((unsigned char)bytes[i]))
          strbuf_append_char(out, ts_node_is_named(n) ? bytes[i] : (char)toupper((unsigned char)bytes[i]));
    }
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    strbuf_append_char(out, ')');
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) {
        ts_tree_cursor_delete(&c);
        return;
      }
      strbuf_append_char(out, ')');
    }
  }
}

static char *signature_of(SyntaxParsers *parsers, const char *text) {
  Syntax *syntax = syntax_parse(parsers, LANG_DOCKERFILE, text, strlen(text));
  StrBuf sig = STRBUF_INIT;
  /* The top-level nodes, not the roots: formatting may move where the
   * text is cut into chunks without changing a node. */
  size_t count;
  const TSNode *top = syntax_top_nodes(syntax, &count);
  for (size_t i = 0; i < count; i++) tree_signature(top[i], text, &sig);
  syntax_delete(syntax);
  return strbuf_take(&sig);
}

typedef struct {
  SyntaxParsers *parsers;
  size_t changed, failures;
} FormatCorpus;

static void format_corpus_file(const char *name, const char *text, size_t len, void *ctx) {
  FormatCorpus *c = ctx;
  (void)len;
  size_t changes, again;
  char *once = format_text(text, &changes);
  char *twice = format_text(once, &again);
  c->changed += changes > 0;
  char *before = signature_of(c->parsers, text), *after = signature_of(c->parsers, once);
  if (strcmp(before, after) != 0 || again != 0 || strcmp(once, twice) != 0) {
    c->failures++;
    cr_log_error("%s: %s", name, again ? "formatting again changes it" : "the tree changed");
  }
  xfree(before);
  xfree(after);
  xfree(once);
  xfree(twice);
}

Test(format_corpus, parse_preserving_and_idempotent) {
  FormatCorpus c = {syntax_parsers_new(), 0, 0};
  long files = test_corpus_each("dockerfiles", format_corpus_file, &c);
  syntax_parsers_delete(c.parsers);
  if (files < 0) cr_skip_test("../shared/corpus/dockerfiles is not present; the formatting corpus test is skipped");
  cr_log_info("format corpus: %ld files, %zu changed by formatting", files, c.changed);
  cr_expect_gt(files, 100, "the corpus should hold many Dockerfiles, found %ld", files);
  cr_expect_gt(c.changed, 0, "formatting changed no file of the corpus: the test would prove nothing");
  cr_expect_eq(c.failures, 0, "%zu files were not preserved or not idempotent", c.failures);
}

/* `dockls format`: --check reports and exits 1 without writing, a plain run
 * rewrites the file and exits 0, after which --check is satisfied; usage
 * errors and unreadable files exit 2. */
Test(format_cli, check_then_write) {
  char dir[] = "/tmp/dockls-format-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  const char *text = "from alpine\nrun  echo hi\n";
  cr_assert(test_write_file(dir, "Dockerfile", text, strlen(text)));
  char *path = path_append(dir, "Dockerfile");
  FILE *out = tmpfile(), *err = tmpfile();
  char *check_args[] = {"--check", path};
  cr_expect_eq(cli_format(2, check_args, out, err), 1);
  size_t len;
  char *unchanged = test_read_file(path, &len);
  cr_expect_str_eq(unchanged, text);
  char *write_args[] = {path};
  cr_expect_eq(cli_format(1, write_args, out, err), 0);
  char *written = test_read_file(path, &len);
  cr_expect_str_eq(written, "FROM alpine\nRUN echo hi\n");
  cr_expect_eq(cli_format(2, check_args, out, err), 0);
  char *missing[] = {"/nonexistent/Dockerfile"};
  cr_expect_eq(cli_format(1, missing, out, err), 2);
  cr_expect_eq(cli_format(0, NULL, out, err), 2);
  char *bad_option[] = {"--bogus", path};
  cr_expect_eq(cli_format(2, bad_option, out, err), 2);
  fclose(out);
  fclose(err);
  xfree(unchanged);
  xfree(written);
  unlink(path);
  rmdir(dir);
  xfree(path);
}
