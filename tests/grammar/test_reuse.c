/*
 * Reuse after a one-line edit: how much of the old tree the runtime takes
 * over must not depend on the file's length.
 *
 * The measure is the runtime's own account, read from its logger: the
 * number of reduce actions of one incremental reparse.  It is exact and
 * repeatable, unlike a time.  Files of 300 and 5,000 lines are made by
 * repeating a block of instructions written below (every instruction kind,
 * flags, continuations with comment lines, a heredoc, exec and shell
 * forms), so the test needs nothing outside the repository.
 *
 * Checked, for an edit inside a word on the last line:
 *  - the reparse reduces no more at 5,000 lines than at 300, and only a
 *    handful of times (the old `repeat()` list reduced once per
 *    instruction);
 *  - no candidate subtree is refused as fragile.
 * And for edits at the end and in the middle of the 5,000-line file, the
 * incremental tree equals a fresh parse of the same text (the random-edit
 * test only edits corpus files, which are short).
 *
 * Usage: test_reuse
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar_support.h"

/* The block repeated to make long files: 24 lines, 13 instructions. */
static const char BLOCK[] =
    "FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build\n"
    "ARG VERSION=dev\n"
    "ENV CGO_ENABLED=0 \\\n"
    "    GOOS=linux\n"
    "WORKDIR /src\n"
    "COPY --chown=app:app go.mod go.sum ./\n"
    "RUN --mount=type=cache,target=/go/pkg/mod \\\n"
    "    # fetch modules first\n"
    "    go mod download && \\\n"
    "    go build -o /out/app ./cmd/app\n"
    "RUN <<EOF\n"
    "set -e\n"
    "echo built\n"
    "EOF\n"
    "LABEL org.opencontainers.image.title=\"app\" version=$VERSION\n"
    "EXPOSE 8080/tcp\n"
    "USER 65532:65532\n"
    "# the entry point is exec form\n"
    "ENTRYPOINT [\"/out/app\", \"serve\"]\n"
    "CMD --help\n"
    "HEALTHCHECK --interval=30s CMD [\"/out/app\", \"ping\"]\n"
    "ONBUILD RUN echo child\n"
    "VOLUME [\"/data\"]\n"
    "STOPSIGNAL SIGTERM\n";

static int failures;

static void check(int ok, const char *what) {
  if (!ok) {
    printf("FAIL: %s\n", what);
    failures++;
  }
}

/* BLOCK repeated until the text has at least `lines` lines. */
static char *repeated(unsigned lines, size_t *len) {
  size_t block = strlen(BLOCK), copies = lines / 24 + 1;
  char *text = malloc(copies * block + 2);
  for (size_t i = 0; i < copies; i++) memcpy(text + i * block, BLOCK, block);
  *len = copies * block;
  text[*len] = 0;
  return text;
}

/* The offset of the last lowercase letter of the text. */
static uint32_t last_letter(const char *text, size_t len) {
  uint32_t at = (uint32_t)len;
  while (at > 0 && !(text[at - 1] >= 'a' && text[at - 1] <= 'z')) at--;
  return at - 1;
}

/* Inserts a letter at `at` in a parsed copy of the text and reparses with
 * the logger on; checks the new tree against a fresh parse. */
static SupportParseCounts edit_and_count(TSParser *parser, const char *original, size_t original_len, uint32_t at,
                                         const char *label) {
  size_t len = original_len;
  char *text = malloc(len + 2);
  memcpy(text, original, len + 1);
  TSTree *tree = support_parse(parser, text, len);
  check(support_count_errors(ts_tree_root_node(tree), NULL) == 0, "the generated file parses without errors");
  support_edit_byte(tree, text, &len, at, true, 'x');
  SupportParseCounts counts;
  TSTree *incremental = support_parse_counted(parser, tree, text, len, &counts);
  TSTree *fresh = support_parse(parser, text, len);
  char *a = ts_node_string(ts_tree_root_node(incremental)), *b = ts_node_string(ts_tree_root_node(fresh));
  if (strcmp(a, b) != 0) printf("FAIL: %s: the incremental tree differs from a fresh parse\n", label), failures++;
  printf("%s: %u reductions, %u subtrees reused, %u refused as fragile\n", label, counts.reductions, counts.reused,
         counts.fragile);
  free(a);
  free(b);
  ts_tree_delete(fresh);
  ts_tree_delete(incremental);
  ts_tree_delete(tree);
  free(text);
  return counts;
}

/* A heredoc that no terminator closes: its body runs to the end of the
 * text, and the parse takes a handful of reductions whatever the length of
 * its last line.  The body used to end at the start of the last line, which
 * was then scanned again as a body of no length from every position error
 * recovery tried: 400 bytes on that line took the parser more than a
 * minute (found by the Dockerfile fuzzer).  The parser gets a time limit
 * here only so that such a regression fails instead of hanging the run. */
static void unterminated_heredoc(TSParser *parser) {
  static const char head[] = "FROM alpine:3.20\nRUN <<F\nx \\\n";
  size_t len = strlen(head) + 2000;
  char *text = malloc(len + 1);
  memcpy(text, head, strlen(head));
  memset(text + strlen(head), 'a', 2000);
  text[len] = 0;
  ts_parser_set_timeout_micros(parser, 5 * 1000 * 1000);
  SupportParseCounts counts;
  TSTree *tree = support_parse_counted(parser, NULL, text, len, &counts);
  ts_parser_set_timeout_micros(parser, 0);
  check(tree != NULL, "an unterminated heredoc parses (within five seconds)");
  if (tree) {
    TSNode root = ts_tree_root_node(tree);
    TSNode body = ts_node_descendant_for_byte_range(root, (uint32_t)len - 1, (uint32_t)len - 1);
    check(strcmp(ts_node_type(body), "heredoc_body") == 0 && ts_node_end_byte(body) == len,
          "an unterminated heredoc's body runs to the end of the text");
    printf("unterminated heredoc, 2,000 bytes on its last line: %u reductions\n", counts.reductions);
    check(counts.reductions <= 32, "an unterminated heredoc needs at most 32 reductions");
    ts_tree_delete(tree);
  }
  ts_parser_reset(parser);
  free(text);
}

int main(void) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_dockerfile());
  size_t short_len, long_len;
  char *short_text = repeated(300, &short_len), *long_text = repeated(5000, &long_len);

  SupportParseCounts short_end =
      edit_and_count(parser, short_text, short_len, last_letter(short_text, short_len), "300 lines, end edit");
  SupportParseCounts long_end =
      edit_and_count(parser, long_text, long_len, last_letter(long_text, long_len), "5,000 lines, end edit");
  check(long_end.reductions <= short_end.reductions, "an end edit reduces no more at 5,000 lines than at 300");
  check(long_end.reductions <= 16, "an end edit needs at most 16 reductions");
  check(long_end.fragile == 0 && short_end.fragile == 0, "no subtree is refused as fragile after an end edit");

  /* A mid-file edit reparses the instructions after it (each is reused,
   * but the list above them is rebuilt), so only its tree is checked. */
  uint32_t mid = (uint32_t)long_len / 2;
  while (!(long_text[mid] >= 'a' && long_text[mid] <= 'z')) mid++;
  edit_and_count(parser, long_text, long_len, mid, "5,000 lines, mid edit");

  unterminated_heredoc(parser);

  free(short_text);
  free(long_text);
  ts_parser_delete(parser);
  printf("%s\n", failures ? "reuse checks failed" : "reuse checks passed");
  return failures ? 1 : 0;
}
