/* The results kept from one publish to the next for the checkers that
 * read more than their own instruction: those that read the instructions
 * before it (RULE_READS_BEFORE, kept per instruction under a digest of
 * the chain before it) and those that judge a stage as a whole
 * (RULE_PER_STAGE, kept per stage, stage_memo.c).  After every random
 * edit of a Dockerfile of several stages built on one another, what the
 * server publishes (an analysis without fixes, which takes unchanged
 * results from the memo) must be, as JSON, byte for byte what an analysis
 * that runs every checker publishes, and what the same text opened fresh
 * publishes (when tree-sitter's incremental tree is the fresh one).
 * The edits insert and delete whole lines that change what these
 * checkers read: a USER, an ENV a later RUN reads, a SHELL with
 * pipefail, a WORKDIR, a FROM that re-parents the stages after it, and
 * comments and blank lines that move the instructions of a stage
 * relative to its start. */
#include <criterion/criterion.h>
#include <string.h>

#include "casefile.h"
#include "random_edits.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/language.h"

static const char *const start_text =
    "ARG BAR=1\n"
    "FROM python:3.12-slim AS base\n"
    "WORKDIR app\n"
    "USER root\n"
    "RUN pip install flask\n"
    "\n"
    "# a comment inside the stage\n"
    "RUN curl -fsSL https://example.com/x | tar -x\n"
    "FROM base AS build\n"
    "ENV PIP_NO_CACHE_DIR=1 FOO=1\n"
    "ENV X=${BAR} Y=$FOX\n"
    "RUN pip install requests && echo $FOO ${BAR}\n"
    "COPY a.txt rel/\n"
    "RUN apt-get install -y vim\n"
    "RUN sudo make install\n"
    "FROM php:8.3-fpm-alpine AS php\n"
    "RUN pecl install xdebug\n"
    "RUN docker-php-ext-enable xdebug\n"
    "FROM build\n"
    "RUN echo $FOO | wc -l\n"
    "COPY b.txt dest/\n"
    "CMD [\"python\"]\n";

/* Lines typed at line starts; each changes what a later instruction or a
 * stage reads, or where its instructions are. */
static const char *const lines[] = {
    "USER root\n", "USER app\n", "ENV PIP_NO_CACHE_DIR=1\n", "ENV PIP_NO_CACHE_DIR=\n", "ENV FOO=1\n",
    "ARG BAR\n", "WORKDIR /srv\n", "WORKDIR rel\n", "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n",
    "SHELL [\"/bin/sh\", \"-c\"]\n", "RUN curl x | tar -x\n", "RUN pip install flask\n",
    "RUN apt-get install -y vim\n",
    "RUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/no\n", "FROM base AS final\n",
    "FROM build\n", "FROM python:3.12-slim AS base\n", "FROM scratch\n", "# comment\n", "\n",
    "RUN sudo make install\n", "COPY a.txt rel/\n", "RUN echo $FOO ${BAR}\n", "RUN pecl install xdebug\n",
    "RUN apk add linux-headers\n", "RUN apk add --virtual .build-deps gcc\n", "HEALTHCHECK CMD curl -f http://localhost/\n",
    "ENV X=${BAR}\n", "LABEL a=$FOX\n", "RUN apk add su-exec\n", "RUN gosu app true\n",
};

/* A random edit at line granularity: a line typed at the start of a line,
 * a line deleted, or (one time in eight) one byte typed or deleted
 * anywhere, which breaks and joins instructions. */
static TextChange line_change(const TextDoc *t, size_t limit, bool own_bytes, char *scratch) {
  size_t a = test_rng(limit + 1);
  while (a > 0 && t->bytes[a - 1] != '\n') a--;
  size_t b = a;
  const char *piece = lines[test_rng(sizeof lines / sizeof *lines)];
  size_t kind = test_rng(8);
  if (kind == 0) {
    /* The byte goes between characters, and is ASCII: an editor sends
     * valid UTF-8, and the workspace refuses anything else. */
    a = b = test_rng(limit + 1);
    while (a > 0 && a < t->len && ((unsigned char)t->bytes[a] & 0xC0) == 0x80) a = b = a - 1;
    scratch[0] = own_bytes && t->len ? t->bytes[test_rng(t->len)] : "x$ \\\n#"[test_rng(6)];
    if ((unsigned char)scratch[0] >= 0x80) scratch[0] = 'x';
    scratch[1] = '\0';
    piece = scratch;
  } else if (kind < 4) {
    while (b < limit && t->bytes[b] != '\n') b++;
    if (b < limit) b++;
    piece = "";
  }
  TextPos sp = text_pos_of(t, a, POS_ENC_UTF8), ep = text_pos_of(t, b, POS_ENC_UTF8);
  return (TextChange){false, sp, ep, piece, strlen(piece)};
}

static char *publish_of(Workspace *ws, FileId id) { return test_published_json(ws, id, false); }

/* Steps where tree-sitter's incremental tree differed from a fresh parse. */
static size_t tree_differs;

static void expect_same_publish(Workspace *ws, FileId id, const char *what, size_t step) {
  const TextDoc *t = ws_text(ws, id);
  char *publish = test_published_json(ws, id, false), *rerun = test_published_json(ws, id, true);
  test_expect_same_text(publish, rerun, "the JSON of an analysis that runs every checker", what, step, t);
  char *fresh = test_fresh_summary(ws, id, publish_of);
  if (fresh) test_expect_same_text(publish, fresh, "the publish of the same text opened fresh", what, step, t);
  else tree_differs++;
  xfree(fresh);
  xfree(rerun);
  xfree(publish);
}

/* The first publish fills the memo; an edit not analysed makes the memo
 * meet several edits at once. */
static void edit_and_compare(Workspace *ws, FileId id, size_t steps, bool own_bytes, const char *what) {
  xfree(test_published_json(ws, id, false));
  test_edit_steps(ws, id, steps, line_change, own_bytes, 4, expect_same_publish, what);
}

Test(stage_memo, random_line_edits_publish_what_every_checker_finds) {
  syntax_install_allocator();
  static const uint64_t seeds[] = {0xA0761D6478BD642Fu, 0xE7037ED1A0B428DBu};
  for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
    FileId id;
    Workspace *ws = test_open_dockerfile(start_text, &id);
    test_rng_state = seeds[i];
    edit_and_compare(ws, id, 1500, false, "generated text");
    ws_delete(ws);
  }
  cr_log_info("%zu steps where the incremental tree differed from a fresh parse", tree_differs);
}

/* Real files: every 12th Dockerfile of the corpus, 20 line edits each. */
static void edit_corpus_file(Workspace *ws, FileId id, const char *name, void *ctx) {
  (void)ctx;
  edit_and_compare(ws, id, 20, true, name);
}

Test(stage_memo, random_line_edits_of_corpus_files_publish_what_every_checker_finds) {
  syntax_install_allocator();
  test_rng_state = 0x8EBC6AF09C88C6E3u;
  long edited = test_corpus_open_every("dockerfiles", 12, DOC_KIND_DOCKERFILE, "file:///w/Dockerfile",
                                       edit_corpus_file, NULL);
  if (edited < 0) cr_skip_test("../shared/corpus/dockerfiles is not present; the real-file test is skipped");
  cr_assert_gt(edited, 50, "only %ld corpus files were edited", edited);
  cr_log_info("%zu steps where the incremental tree differed from a fresh parse", tree_differs);
}

/* Opens `text` and returns its workspace, with the first publish in
 * *before, which fills the memo. */
static Workspace *open_published(const char *text, FileId *id, char **before) {
  syntax_install_allocator();
  Workspace *ws = test_open_dockerfile(text, id);
  *before = test_published_json(ws, *id, false);
  return ws;
}

/* Applies one change as version 2 and returns the publish that follows,
 * after requiring it to be what an analysis that runs every checker
 * publishes (`what` names the case in the message). */
static char *publish_after(Workspace *ws, FileId id, TextChange change, const char *what) {
  char *err = NULL;
  cr_assert(ws_change(ws, id, 2, &change, 1, POS_ENC_UTF8, &err), "%s", err ? err : "");
  char *publish = test_published_json(ws, id, false), *rerun = test_published_json(ws, id, true);
  cr_assert_str_eq(publish, rerun, "%s: the publish after the edit", what);
  xfree(rerun);
  return publish;
}

/* instruction-casing's results are kept per instruction under the case
 * most keywords of the file are in: when one edit turns the majority,
 * every kept result of the rule must go, also those of instructions the
 * edit did not touch. */
Test(stage_memo, a_turned_keyword_majority_reaches_kept_results) {
  static const char text[] = "FROM alpine\nRUN true\nRUN true\nrun true\nrun true\n";
  FileId id;
  char *before;
  Workspace *ws = open_published(text, &id, &before);
  cr_assert(strstr(before, "lower case while"), "the lower-case keywords are reported: %s", before);
  /* `RUN` on line 3 becomes `run`: now three keywords of five are lower case. */
  char *publish = publish_after(ws, id, (TextChange){false, {2, 0}, {2, 3}, "run", 3}, "instruction-casing");
  cr_assert(strstr(publish, "upper case while"), "the upper-case keywords are reported now: %s", publish);
  xfree(before);
  xfree(publish);
  ws_delete(ws);
}

/* An instruction the model takes over unchanged (before the edit, or
 * after it, moved) gets its kept results without a lookup only in the
 * context they were worked out in.  Here the edit takes the build stage
 * out of the final image, so apk-no-cache, which reports only in stages
 * that end in it, must drop its finding on the untouched RUN: once with
 * the RUN before the edit, once after it. */
Test(stage_memo, a_record_taken_over_in_another_context_runs_again) {
  static const struct {
    const char *what, *text;
    TextChange change;
  } cases[] = {
      {"the RUN before the edit", "FROM alpine:3.19 AS build\nRUN apk add curl\nFROM build\n",
       {false, {2, 5}, {2, 10}, "alpine:3.19", 11}},
      {"the RUN after the edit", "FROM alpine:3.19 AS build\nRUN apk add curl\nFROM build\n",
       {false, {0, 20}, {0, 25}, "base", 4}},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    FileId id;
    char *before;
    Workspace *ws = open_published(cases[i].text, &id, &before);
    cr_assert(strstr(before, "apk-no-cache"), "%s: apk-no-cache is reported before the edit: %s", cases[i].what,
              before);
    char *publish = publish_after(ws, id, cases[i].change, cases[i].what);
    cr_expect(!strstr(publish, "apk-no-cache"), "%s: the stage no longer ends in the final image: %s",
              cases[i].what, publish);
    xfree(before);
    xfree(publish);
    ws_delete(ws);
  }
}

/* A RULE_READS_BEFORE checker's run that read nothing before its
 * instruction is kept under the instruction's own digest, which an edit
 * above it leaves alone.  For each such checker, a line typed above an
 * instruction it reports must reach that kept result: each checker says
 * when it reads the instructions before (rules__reads_before), and one
 * that did not would publish its old finding here. */
Test(stage_memo, a_line_typed_above_reaches_results_kept_without_the_chain) {
  syntax_install_allocator();
  static const struct {
    const char *rule, *text, *typed; /* `typed` goes at the start of the text's second line */
  } cases[] = {
      /* alpine, not a PHP image: pecl-phpize-deps reads nothing before here. */
      {"pecl-xdebug-headers", "FROM alpine:3.19\nRUN pecl install xdebug\n", "RUN apk add linux-headers\n"},
      {"pecl-phpize-deps", "FROM php:8.3-fpm-alpine\nRUN pecl install redis\n", "RUN apk add autoconf build-base\n"},
      {"pip-no-cache-dir", "FROM python:3.12-slim\nRUN pip install flask\n", "ENV PIP_NO_CACHE_DIR=1\n"},
      {"apt-get-no-recommends", "FROM debian:12\nRUN apt-get install -y vim\n",
       "RUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/no\n"},
      {"run-sudo", "FROM debian:12\nRUN sudo make install\n", "USER app\n"},
      {"run-pipefail", "FROM debian:12\nRUN curl x | tar -x\n", "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"},
      {"workdir-relative", "FROM debian:12\nWORKDIR rel\n", "WORKDIR /srv\n"},
      {"copy-relative-dest", "FROM debian:12\nCOPY a.txt rel/\n", "WORKDIR /srv\n"},
      {"undefined-var", "FROM scratch\nCOPY a.txt $DEST/\n", "ENV DEST=/x\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    FileId id;
    char *before;
    Workspace *ws = open_published(cases[i].text, &id, &before);
    cr_assert(strstr(before, cases[i].rule), "%s is reported before the edit: %s", cases[i].rule, before);
    TextChange change = {false, {1, 0}, {1, 0}, cases[i].typed, strlen(cases[i].typed)};
    char *publish = publish_after(ws, id, change, cases[i].rule);
    cr_expect_str_neq(publish, before, "%s: the edit changes what is reported", cases[i].rule);
    xfree(before);
    xfree(publish);
    ws_delete(ws);
  }
}

/* user-root folds the facts of each instruction of the final chain (does
 * a RUN install or run gosu), kept with the instruction's results.  An
 * edit after the RUN that installs gosu runs user-root again, and the
 * kept facts of that unchanged RUN must say it still does. */
Test(stage_memo, kept_instruction_facts_reach_the_per_stage_fold) {
  static const char text[] = "FROM debian:12\nRUN apt-get install -y gosu\nRUN true\n";
  FileId id;
  char *before;
  Workspace *ws = open_published(text, &id, &before);
  cr_assert(!strstr(before, "user-root"), "an image that installs gosu steps down by itself: %s", before);
  /* `RUN true` on line 3 becomes `RUN false`. */
  char *publish = publish_after(ws, id, (TextChange){false, {2, 4}, {2, 8}, "false", 5}, "user-root");
  cr_assert(!strstr(publish, "user-root"), "still no user-root: %s", publish);
  xfree(before);
  xfree(publish);
  ws_delete(ws);
}

/* A publish takes the findings of the instructions an edit did not touch
 * from the last one, where the model took their records over: those
 * before the edit as they were, those after it moved by the change in
 * length (also when the edit removed an instruction, so that nothing is
 * left between the two), and those of an instruction whose checkers
 * looked outside it (here yarn's version, which a `yarn set version`
 * above says) worked out again wherever it is.  Each case fails when a
 * finding is carried over stale: in the wrong place, or no longer true. */
Test(stage_memo, findings_taken_over_follow_the_edit) {
  static const struct {
    const char *what, *text;
    TextChange change;
    const char *gone; /* a rule reported before the edit and not after it, or NULL */
  } cases[] = {
      {"a letter typed before the findings", "FROM debian:12\nENV A=1\nMAINTAINER me\nEXPOSE 80000\nADD a.txt /a\n",
       {false, {1, 7}, {1, 7}, "2", 1}, NULL},
      /* The blank line keeps the edit off the instruction before it
       * (an instruction's node ends after its line break), so that the
       * records before the edit and those after it meet. */
      {"a line deleted between two findings",
       "FROM debian:12\nMAINTAINER me\n\nENV A=1\nMAINTAINER you\nMAINTAINER us\n",
       {false, {3, 0}, {4, 0}, "", 0}, NULL},
      {"a line joined to the one before",
       "FROM debian:12\nMAINTAINER me\nENV A=1\nENV B=2\nEXPOSE 80000\nADD a.txt /a\n",
       {false, {2, 7}, {3, 0}, " ", 1}, NULL},
      {"a yarn install after the edit", "FROM node:20\nRUN true\nRUN yarn install\n",
       {false, {1, 4}, {1, 8}, "yarn set version berry", 22}, "package-cache-not-cleaned"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    FileId id;
    char *before;
    Workspace *ws = open_published(cases[i].text, &id, &before);
    if (cases[i].gone)
      cr_assert(strstr(before, cases[i].gone), "%s: %s is reported before the edit: %s", cases[i].what,
                cases[i].gone, before);
    char *publish = publish_after(ws, id, cases[i].change, cases[i].what);
    /* The letter moves the findings after it by a byte, not by a line,
     * so the JSON (lines and characters) is the same; the others move
     * lines or drop a finding. */
    if (i == 0) cr_expect_str_eq(publish, before, "%s: nothing moves to another line", cases[i].what);
    else cr_expect_str_neq(publish, before, "%s: the edit moves or changes what is reported", cases[i].what);
    if (cases[i].gone)
      cr_expect(!strstr(publish, cases[i].gone), "%s: %s is no longer reported: %s", cases[i].what, cases[i].gone,
                publish);
    xfree(before);
    xfree(publish);
    ws_delete(ws);
  }
}

/* A per-stage checker's results are kept relative to the stage's start,
 * under a key that says where each instruction starts: the gaps between
 * them, of which an analysis works out only those from the edit on and
 * takes the others over.  The gaps taken over must count: here the blank
 * line after FROM goes between two edits of the same RUN, so the text
 * comes back to what it was but for that gap, and user-root's finding on
 * the USER line must follow the line up. */
Test(stage_memo, a_stage_key_keeps_the_gaps_before_the_edit) {
  static const char text[] = "FROM debian:12\n\nRUN a\nRUN b\nUSER root\n";
  static const TextChange steps[] = {
      {false, {3, 4}, {3, 5}, "c", 1}, /* RUN b -> RUN c: user-root kept with the blank line */
      {false, {1, 0}, {2, 0}, "", 0},  /* the blank line goes */
      {false, {2, 4}, {2, 5}, "d", 1}, /* RUN c -> RUN d */
      {false, {2, 4}, {2, 5}, "c", 1}, /* and back: the text of the first step but for the gap */
  };
  FileId id;
  char *before;
  Workspace *ws = open_published(text, &id, &before);
  cr_assert(strstr(before, "user-root"), "user-root is reported: %s", before);
  for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
    char *err = NULL;
    cr_assert(ws_change(ws, id, (int)i + 2, &steps[i], 1, POS_ENC_UTF8, &err), "%s", err ? err : "");
    char *publish = test_published_json(ws, id, false), *rerun = test_published_json(ws, id, true);
    cr_assert_str_eq(publish, rerun, "step %zu: the publish after the edit", i);
    xfree(rerun);
    xfree(publish);
  }
  xfree(before);
  ws_delete(ws);
}

/* A stage whose last instructions are no longer records (a typo makes the
 * USER line unreadable, and the model reads no instruction there) ends
 * where the records the edit left before it end: its key must be worked
 * out again, not taken from the last analysis, where the stage went on.
 * user-root then reports the stage that runs as root now.  The same for a
 * stage followed by another, and for two lines gone at once. */
Test(stage_memo, a_stage_that_ends_earlier_is_keyed_again) {
  static const struct {
    const char *what, *text;
    TextChange change;
  } cases[] = {
      {"the last line unreadable", "FROM python:3.12\nUSER nobody\n", {false, {1, 1}, {1, 1}, "}", 1}},
      {"before a stage", "FROM alpine:3.20 AS a\nRUN true\nFROM python:3.12\nUSER nobody\n",
       {false, {3, 1}, {3, 1}, "}", 1}},
      {"two lines", "FROM python:3.12\nRUN true\nUSER nobody\n", {false, {1, 1}, {2, 1}, "}", 1}},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    FileId id;
    char *before;
    Workspace *ws = open_published(cases[i].text, &id, &before);
    cr_assert_not(strstr(before, "user-root"), "%s: the stage runs as nobody: %s", cases[i].what, before);
    char *publish = publish_after(ws, id, cases[i].change, cases[i].what);
    cr_assert(strstr(publish, "user-root"), "%s: the stage runs as root now: %s", cases[i].what, publish);
    xfree(before);
    xfree(publish);
    ws_delete(ws);
  }
}
