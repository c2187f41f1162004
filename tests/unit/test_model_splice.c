/* After an edit the Dockerfile model is spliced from the previous one: the
 * instructions before and after the changed bytes are moved over without
 * visiting the tree.  Whatever the edits, the spliced model must equal a
 * model read from nothing out of the same tree, and the model and the
 * diagnostics must equal those of the same text opened fresh (when
 * tree-sitter's incremental tree is the fresh one, see expect_fresh).
 * What the server publishes after each edit (an analysis without fixes,
 * which takes unchanged instructions' results from the previous one,
 * instr_memo.c) must be, as JSON, byte for byte what an analysis that
 * runs every checker again publishes for the same document, and what the
 * same text opened fresh publishes.
 * The edits here are the ones that change how other text reads: FROM and
 * ARG lines, the escape directive, SHELL, heredocs opened and closed, line
 * continuations, CRLF line ends, several changes in one didChange, and
 * several didChanges before the next analysis. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "casefile.h"
#include "random_edits.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/language.h"

static const char *const start_text =
    "# escape=\\\n"
    "ARG NODE=20\n"
    "FROM node:${NODE}-alpine AS build\n"
    "WORKDIR /app\n"
    "RUN apk add curl && npm ci\n"
    "COPY . .\n"
    "RUN <<EOF\n"
    "apt-get install git\n"
    "EOF\n"
    "FROM build AS test\n"
    "RUN mkdir -p /srv/data \\\n"
    "  && apk del curl\n"
    "FROM php:8.3-fpm-alpine\r\n"
    "ENV DB_PASSWORD=x API_TOKEN=y\r\n"
    "COPY --from=build /app/dist /srv/\r\n"
    "RUN pecl install redis && docker-php-ext-enable redis\n"
    "HEALTHCHECK --timeout=10s CMD curl -f http://localhost:9000/ || exit 1\n"
    "CMD php-fpm\n";

/* Pieces typed at random places: whole instructions, parts of them, and
 * the characters that join, split or open things. */
static const char *const pieces[] = {
    "FROM alpine:3.20\n", "FROM build\n", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n",
    " AS build", "ARG NODE=22\n", "ARG V\n", "ENV A=$NODE\n", "ENV B=1 C=$B\n", "SHELL [\"pwsh\", \"-c\"]\n",
    "SHELL [\"/bin/sh\", \"-c\"]\n", "WORKDIR sub\n", "USER root\n", "USER app\n",
    "RUN apt-get install -y vim\n", "RUN <<EOF\n", "<<EOF", "EOF\n", "echo in heredoc\n",
    "COPY --from=test /srv /srv\n", "\\\n", "`\n", "\\", "`", "\n", "\r\n", "\r", " ", "x", "#",
    "# escape=`\n", "$NODE", "\"", "[", "]", "localhost", "--no-cache ", "apk add gcc ",
};

/* A small xorshift generator: the same seed gives the same edits on every
 * libc. */

static void text_item(StrBuf *out, const DfText *t) {
  strbuf_appendf(out, "[%zu-%zu %s]", t->start, t->end, t->text ? t->text : "(null)");
}

/* Everything the rules read from the model, offsets included. */
static void model_summary(const DockerfileModel *m, StrBuf *out) {
  strbuf_appendf(out, "escape %c keywords %zu upper %zu lower\n", m->escape, m->keywords_upper, m->keywords_lower);
  /* The index by kind, as the rules walk it. */
  for (unsigned k = 0; k < DF_INDEX_SLOTS; k++) {
    const char *slot = k == DF_INDEX_FLAGGED ? "flagged" : k == DF_INDEX_ENV_PAIRS ? "env-pairs" : NULL;
    strbuf_appendf(out, "%s:", slot ? slot : dockerfile_kind_name((DfKind)k));
    DfKindWalk walk;
    dockerfile_kind_walk(&walk, m, k, k, 0, SIZE_MAX);
    for (size_t i; dockerfile_kind_next(&walk, &i);) strbuf_appendf(out, " %zu", i);
    strbuf_append(out, "\n");
  }
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    strbuf_appendf(out, "%zu %s %zu-%zu kw %zu-%zu stage %d posix %d exec %d cmd %d hc %d heredoc %d error %d wd %zu",
                   i, dockerfile_kind_name(in->kind), in->start, in->end, in->keyword_start,
                   in->keyword_end, in->stage, in->posix, in->exec_form, in->has_command,
                   in->healthcheck_none, in->heredoc, in->syntax_error, in->prev_workdir);
    for (size_t k = 0; k < df_flags(in)->len; k++) {
      text_item(out, &df_flags(in)->items[k].name);
      text_item(out, &df_flags(in)->items[k].value);
    }
    for (size_t k = 0; k < df_pairs(in)->len; k++) {
      text_item(out, &df_pairs(in)->items[k].key);
      text_item(out, &df_pairs(in)->items[k].value);
    }
    for (size_t k = 0; k < df_paths(in)->len; k++) text_item(out, &df_paths(in)->items[k]);
    if (df_shell(in)) {
      strbuf_appendf(out, " shell end %zu error %d map", df_shell(in)->end, df_shell(in)->parse_error);
      for (size_t k = 0; k < df_shell(in)->map.len; k++)
        strbuf_appendf(out, " %zu@%zu+%zu", df_shell(in)->map.items[k].sstart, df_shell(in)->map.items[k].start,
                       df_shell(in)->map.items[k].len);
      for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
        const ShellCommand *c = &df_shell(in)->commands.items[k];
        strbuf_appendf(out, " (%s %zu-%zu cmd %zu-%zu", c->name.value, c->name.start, c->name.end, c->start, c->end);
        for (size_t w = 0; w < c->args.len; w++)
          strbuf_appendf(out, " %s@%zu-%zu", c->args.items[w].value, c->args.items[w].start, c->args.items[w].end);
        strbuf_append(out, ")");
      }
    }
    strbuf_append(out, "\n");
  }
  for (size_t i = 0; i < m->stages.len; i++) {
    const DfStage *st = &m->stages.items[i];
    strbuf_appendf(out, "stage %zu from %zu [%zu,%zu) alias %s %zu-%zu image %s parent %d posix %d known %d pkgs %zu dirs %zu\n",
                   st->index, st->from_instr, st->first, st->last, st->alias ? st->alias : "-",
                   st->alias_start, st->alias_end, st->image ? st->image : "-", st->parent,
                   st->posix_shell, st->base_known, st->packages.len, dockerfile_stage_dirs(m, st)->len);
    strbuf_append(out, "  last of");
    for (size_t k = 0; k < DF_OTHER; k++) strbuf_appendf(out, " %zu", st->last_of[k]);
    strbuf_append(out, "\n");
    for (size_t k = 0; k < st->packages.len; k++) {
      const PkgEvent *e = &st->packages.items[k];
      strbuf_appendf(out, "  pkg %c %d %s group %s instr %zu cmd %zu %zu-%zu\n", e->add ? '+' : '-', (int)e->manager,
                     e->name, e->group ? e->group : "-", e->instr, e->command, e->start, e->end);
    }
    for (size_t k = 0; k < st->dirs.len; k++)
      strbuf_appendf(out, "  dir %s instr %zu\n", st->dirs.items[k].path, st->dirs.items[k].instr);
  }
}

static char *summary(Workspace *ws, FileId id) {
  StrBuf out = STRBUF_INIT;
  const DockerfileModel *m = ws_dockerfile(ws, id);
  if (m) model_summary(m, &out);
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  for (size_t i = 0; i < diags.len; i++)
    strbuf_appendf(&out, "%s %zu-%zu %s\n", rule_info(diags.items[i].rule)->id, diags.items[i].start,
                   diags.items[i].end, diags.items[i].message);
  diaglist_destroy(&diags);
  return strbuf_take(&out);
}

/* The summary and the published JSON together, so that one fresh
 * comparison covers both (test_fresh_summary takes one summary). */
static char *summary_and_publish(Workspace *ws, FileId id) {
  char *sum = summary(ws, id), *pub = test_published_json(ws, id, false);
  StrBuf out = STRBUF_INIT;
  strbuf_appendf(&out, "%s--- published ---\n%s", sum, pub);
  xfree(sum);
  xfree(pub);
  return strbuf_take(&out);
}

/* Steps where tree-sitter's incremental tree differed from a fresh parse
 * of the same text (its error recovery can choose differently after an
 * edit); the model cannot read what the tree does not say. */
static size_t tree_differs;

/* The spliced model must equal a model read from nothing out of the same
 * tree; and when that tree is the one a fresh parse gives, the model and
 * the diagnostics must equal those of the same text opened fresh. */
static void expect_fresh(Workspace *ws, FileId id, const char *what, size_t step) {
  char *incremental = summary_and_publish(ws, id);
  const TextDoc *t = ws_text(ws, id);
  /* The publish must not depend on what the memo kept, whatever the tree. */
  char *publish = test_published_json(ws, id, false), *rerun = test_published_json(ws, id, true);
  test_expect_same_text(publish, rerun, "the JSON of an analysis that runs every checker", what, step, t);
  xfree(publish);
  xfree(rerun);
  SyntaxParsers *parsers = syntax_parsers_new();
  DockerfileModel *whole = dockerfile_model_build(parsers, ws_syntax(ws, id), t, NULL, NULL);
  StrBuf read = STRBUF_INIT, spliced = STRBUF_INIT;
  model_summary(whole, &read);
  model_summary(ws_dockerfile(ws, id), &spliced);
  test_expect_same_text(strbuf_cstr(&spliced), strbuf_cstr(&read), "a model read from nothing", what, step, t);
  strbuf_destroy(&read);
  strbuf_destroy(&spliced);
  dockerfile_model_delete(whole);
  syntax_parsers_delete(parsers);
  char *expected = test_fresh_summary(ws, id, summary_and_publish);
  if (expected) test_expect_same_text(incremental, expected, "a fresh analysis and its publish", what, step, t);
  else tree_differs++;
  xfree(expected);
  xfree(incremental);
}

/* One random change of the current text within bytes [0, limit]: a piece
 * typed, a range deleted or replaced, or (for real files) one of the
 * file's own bytes typed. */
static TextChange random_change(const TextDoc *t, size_t limit, bool own_bytes, char *scratch) {
  size_t a = test_rng(limit + 1);
  /* Some edits go to the very start, where the directives are. */
  if (test_rng(20) == 0) a = 0;
  size_t b = a;
  if (test_rng(3) == 0) b = a + 1 + test_rng(t->len > 4000 ? 400 : 16);
  if (b > limit) b = limit;
  const char *piece = pieces[test_rng(sizeof pieces / sizeof *pieces)];
  if (own_bytes && t->len && test_rng(2) == 0) {
    scratch[0] = t->bytes[test_rng(t->len)];
    scratch[1] = '\0';
    piece = scratch;
  }
  if (test_rng(4) == 0 || t->len > 4000) piece = "";
  TextPos sp = text_pos_of(t, a, POS_ENC_UTF8), ep = text_pos_of(t, b, POS_ENC_UTF8);
  return (TextChange){false, sp, ep, piece, strlen(piece)};
}

/* Applies `steps` random edits to the open document and compares with a
 * fresh analysis after each analysed edit: every third edit is not
 * analysed, so the next model is spliced over several edits at once. */
static void edit_and_compare(Workspace *ws, FileId id, size_t steps, bool own_bytes, const char *what) {
  test_edit_steps(ws, id, steps, random_change, own_bytes, 3, expect_fresh, what);
}

/* Two seeds, 4,000 edits each.  Each seed once caught a reuse mistake the
 * other did not: a changed escape directive (0x9E37...), and bash parses
 * that depended on the script parsed before (0x1234567). */
Test(model_splice, thousands_of_random_edits_match_fresh_analysis) {
  /* ts_node_string's buffers then come from xmalloc, freed with xfree. */
  syntax_install_allocator();
  static const uint64_t seeds[] = {0x9E3779B97F4A7C15u, 0x1234567u};
  for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
    FileId id;
    Workspace *ws = test_open_dockerfile(start_text, &id);
    test_rng_state = seeds[i];
    xfree(summary(ws, id));
    edit_and_compare(ws, id, 4000, false, "generated text");
    ws_delete(ws);
  }
  cr_log_info("%zu steps where the incremental tree differed from a fresh parse", tree_differs);
}

/* A splice keeps the facts of the stage it edits for the instructions
 * before the edit (each stage's last instruction of each kind, its
 * packages) and reads the rest.  When the edit removes a stage's last
 * instruction of a kind, the one before the edit must stand in for it:
 * edits the random ones above seldom make. */
Test(model_splice, a_removed_last_of_its_kind_leaves_the_one_before) {
  syntax_install_allocator();
  static const struct {
    const char *text;
    TextChange change;
  } cases[] = {
      /* the last WORKDIR, with a RUN after it */
      {"FROM alpine\nWORKDIR /x\nRUN apk add a\nWORKDIR /y\nRUN true\n", {false, {3, 0}, {4, 0}, "", 0}},
      /* the last RUN, whose package goes too */
      {"FROM alpine\nRUN apk add a\nRUN apk add b\nUSER x\n", {false, {2, 0}, {3, 0}, "", 0}},
      /* a USER commented out */
      {"FROM alpine\nUSER a\nRUN true\nUSER b\nRUN true\n", {false, {3, 0}, {3, 0}, "# ", 2}},
      /* the only CMD of a stage another stage is built on */
      {"FROM alpine AS a\nRUN apk add x\nCMD a\nFROM a\nCMD b\n", {false, {2, 0}, {3, 0}, "", 0}},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    FileId id;
    char *err = NULL;
    Workspace *ws = test_open_dockerfile(cases[i].text, &id);
    xfree(summary(ws, id));
    cr_assert(ws_change(ws, id, 2, &cases[i].change, 1, POS_ENC_UTF8, &err), "%s", err ? err : "");
    expect_fresh(ws, id, "a removed last of its kind", i);
    ws_delete(ws);
  }
}

/* One edit of a text, and what it does. */
typedef struct {
  TextChange change;
  const char *what;
} EditCase;

/* Opens `text` afresh for each case, applies its change and compares the
 * spliced model with one read from nothing out of the same tree. */
static void expect_each_edit_fresh(const char *text, const EditCase *cases, size_t count) {
  for (size_t i = 0; i < count; i++) {
    FileId id;
    char *err = NULL;
    Workspace *ws = test_open_dockerfile(text, &id);
    xfree(summary(ws, id));
    cr_assert(ws_change(ws, id, 2, &cases[i].change, 1, POS_ENC_UTF8, &err), "%s", err ? err : "");
    expect_fresh(ws, id, cases[i].what, i);
    ws_delete(ws);
  }
}

/* The index by kind (DockerfileModel.of_kind) after a splice: an edit
 * that changes an instruction's kind or flags in place, and edits that add
 * or remove instructions before a tail holding every kind, so that the
 * tail's entries are renumbered.  Each model is compared with one read
 * from nothing, whose summary lists each slot of the index. */
Test(model_splice, the_index_by_kind_follows_the_edit) {
  syntax_install_allocator();
  static const char text[] = "FROM alpine AS a\nRUN true\nCOPY a /a\nCOPY --from=a /b /b\n"
                             "FROM alpine\nCOPY --from=a /c /c\nRUN --mount=type=cache,target=/x true\n"
                             "HEALTHCHECK CMD true\nENV A=1\nCMD x\n";
  static const EditCase cases[] = {
      {{false, {2, 0}, {2, 4}, "RUN", 3}, "a COPY becomes a RUN"},
      {{false, {1, 4}, {1, 4}, "--network=none ", 15}, "a RUN gets a flag"},
      {{false, {3, 5}, {3, 13}, "", 0}, "a COPY loses its flag"},
      {{false, {2, 0}, {2, 0}, "ADD x /x\nUSER a\n", 16}, "two instructions added before the tail"},
      {{false, {2, 0}, {4, 0}, "", 0}, "two instructions removed, one of them flagged"},
  };
  expect_each_edit_fresh(text, cases, sizeof cases / sizeof *cases);
}

/* The WORKDIR links (DfInstr.prev_workdir) after an edit that keeps the
 * number of instructions: the tail after it keeps its links unless the
 * edit made or unmade a WORKDIR before it in its stage, or moved a stage's
 * start, which each case does; the splice links the tail again then, and
 * stops at its first record only when that one is linked as it was. */
Test(model_splice, a_workdir_made_in_place_relinks_the_tail) {
  syntax_install_allocator();
  static const char text[] = "FROM alpine\nRUN true\nCOPY a b\nRUN x\nWORKDIR /y\nCOPY c d\n";
  static const EditCase cases[] = {
      {{false, {1, 0}, {1, 8}, "WORKDIR /w", 10}, "a RUN becomes a WORKDIR"},
      {{false, {4, 0}, {4, 10}, "RUN true", 8}, "the WORKDIR becomes a RUN"},
      {{false, {3, 0}, {3, 5}, "FROM alpine", 11}, "a RUN becomes a FROM"},
      {{false, {1, 4}, {1, 8}, "false", 5}, "a RUN changes its text only"},
  };
  expect_each_edit_fresh(text, cases, sizeof cases / sizeof *cases);
}

/* A splice that keeps the number of instructions takes the stage facts
 * of the records after the edit over (their package events moved by the
 * change in length, the stage's last instruction of each kind where it
 * lies in them) and reads only the edited records' facts again.  Each
 * case types inside an instruction of a stage with packages and last
 * instructions of several kinds after it. */
Test(model_splice, a_letter_typed_moves_the_facts_after_it) {
  syntax_install_allocator();
  static const char text[] = "FROM alpine\nENV A=1\nRUN apk add a\nUSER x\nRUN apk add --virtual .v b && apk del .v\n"
                             "WORKDIR /w\nRUN apk add c\nCMD run\n";
  static const EditCase cases[] = {
      {{false, {1, 7}, {1, 7}, "2", 1}, "a letter in the ENV before every package"},
      {{false, {2, 13}, {2, 13}, "x", 1}, "a package renamed"},
      {{false, {2, 12}, {2, 13}, "", 0}, "a package removed from its RUN"},
      {{false, {3, 5}, {3, 6}, "yz", 2}, "a USER changed between packages"},
      {{false, {6, 4}, {6, 4}, "apk del a && ", 13}, "the last RUN removes a package"},
  };
  expect_each_edit_fresh(text, cases, sizeof cases / sizeof *cases);
}

/* Whether `id` is among the ids of the model's records. */
static bool has_id(const DockerfileModel *m, uint64_t id) {
  for (size_t i = 0; i < m->instrs.len; i++)
    if (m->instrs.items[i].id == id) return true;
  return false;
}

/* The per-instruction memo takes a kept result for a record by its id
 * (DfInstr.id), without comparing the text: a record the splice takes
 * over keeps its id, and a record read again, in this model or in any
 * other, gets one no record had before. */
Test(model_splice, a_record_keeps_its_id_and_text_read_again_gets_a_new_one) {
  syntax_install_allocator();
  FileId id;
  char *err = NULL;
  Workspace *ws = test_open_dockerfile("FROM alpine\nRUN a\nRUN b\nRUN c\n", &id);
  const DockerfileModel *before = ws_dockerfile(ws, id);
  cr_assert_eq(before->instrs.len, 4);
  uint64_t ids[4];
  for (size_t i = 0; i < 4; i++) ids[i] = before->instrs.items[i].id;
  /* `RUN b` becomes `RUN x`. */
  TextChange change = {false, {2, 4}, {2, 5}, "x", 1};
  cr_assert(ws_change(ws, id, 2, &change, 1, POS_ENC_UTF8, &err), "%s", err ? err : "");
  const DockerfileModel *after = ws_dockerfile(ws, id);
  cr_assert_eq(after->instrs.len, 4);
  for (size_t i = 0; i < 4; i++)
    if (i != 2) cr_expect_eq(after->instrs.items[i].id, ids[i], "instruction %zu keeps its id", i);
  for (size_t i = 0; i < 4; i++)
    cr_expect_neq(after->instrs.items[2].id, ids[i], "the edited instruction has an id no record had");
  SyntaxParsers *parsers = syntax_parsers_new();
  DockerfileModel *fresh = dockerfile_model_build(parsers, ws_syntax(ws, id), ws_text(ws, id), NULL, NULL);
  for (size_t i = 0; i < fresh->instrs.len; i++)
    cr_expect(!has_id(after, fresh->instrs.items[i].id), "a model read from nothing gives new ids (%zu)", i);
  dockerfile_model_delete(fresh);
  syntax_parsers_delete(parsers);
  ws_delete(ws);
}

/* The same on real files: every 16th Dockerfile of the corpus, 25 edits
 * each, typing the file's own characters as well as the pieces above. */
static void edit_corpus_file(Workspace *ws, FileId id, const char *name, void *ctx) {
  (void)ctx;
  xfree(summary(ws, id));
  edit_and_compare(ws, id, 25, true, name);
}

Test(model_splice, random_edits_of_corpus_files_match_fresh_analysis) {
  syntax_install_allocator();
  test_rng_state = 0xD1B54A32D192ED03u;
  long edited = test_corpus_open_every("dockerfiles", 16, DOC_KIND_DOCKERFILE, "file:///w/Dockerfile",
                                       edit_corpus_file, NULL);
  if (edited < 0) cr_skip_test("../shared/corpus/dockerfiles is not present; the real-file test is skipped");
  cr_assert_gt(edited, 50, "only %ld corpus files were edited", edited);
  cr_log_info("%zu steps where the incremental tree differed from a fresh parse", tree_differs);
}
