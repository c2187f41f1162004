/* The Dockerfile model reuses unchanged instructions of the previous
 * model after an edit.  Whatever the edits, the diagnostics of the edited
 * document must equal those of the same text opened fresh: offsets
 * shifted correctly, stages and shells recomputed, nothing stale. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/analysis/structure.h"
#include "dockls/base/strbuf.h"

static const char *const seed =
    "ARG NODE=20\n"
    "FROM node:${NODE}-alpine AS build\n"
    "RUN apk add curl && npm ci\n"
    "COPY . .\n"
    "RUN apt-get install git\n"
    "FROM php:8.3-fpm-alpine\n"
    "ENV DB_PASSWORD=x API_TOKEN=y\n"
    "RUN pecl install redis && docker-php-ext-enable redis\n"
    "HEALTHCHECK --timeout=10s CMD curl -f http://localhost:9000/ || exit 1\n"
    "CMD php-fpm\n"
    /* Ranges the validation rules read: an ONBUILD trigger's keyword, a
     * STOPSIGNAL value, an EXPOSE host part. */
    "ONBUILD FROM alpine\n"
    "STOPSIGNAL SIGFOO\n"
    "EXPOSE 8080:80\n";

static const char *const pieces[] = {"RUN apk add bash\n", "FROM alpine:3.20\n", "x", "\n", " ",
                                     "USER root\n", "localhost", "\\\n  ", "# c\n", "ENV A=1\n"};

static char *summary(Workspace *ws, FileId id) {
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; i < diags.len; i++)
    strbuf_appendf(&out, "%s %zu-%zu %s|", rule_info(diags.items[i].rule)->id, diags.items[i].start,
                   diags.items[i].end, diags.items[i].message);
  diaglist_destroy(&diags);
  return strbuf_take(&out);
}

Test(model_reuse, random_edits_match_fresh_analysis) {
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, seed, strlen(seed), &id, &err));
  cr_assert_not_null(ws_syntax(ws, id), "this build has no Dockerfile grammar");
  srand(12345);
  for (int step = 0; step < 300; step++) {
    xfree(summary(ws, id)); /* analyse so a model exists to be reused */
    const TextDoc *t = ws_text(ws, id);
    size_t a = t->len ? (size_t)rand() % (t->len + 1) : 0;
    size_t b = a + (rand() % 3 == 0 ? (size_t)rand() % 12 : 0);
    if (b > t->len) b = t->len;
    const char *piece = rand() % 4 == 0 ? "" : pieces[rand() % (sizeof pieces / sizeof *pieces)];
    TextPos sp = text_pos_of(t, a, POS_ENC_UTF8), ep = text_pos_of(t, b, POS_ENC_UTF8);
    TextChange c = {false, sp, ep, piece, strlen(piece)};
    cr_assert(ws_change(ws, id, step + 2, &c, 1, POS_ENC_UTF8, &err), "%s", err);
    char *incremental = summary(ws, id);
    Workspace *fresh = ws_new(NULL);
    FileId fid;
    t = ws_text(ws, id);
    cr_assert(ws_open(fresh, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, t->bytes, t->len, &fid, &err));
    char *expected = summary(fresh, fid);
    cr_assert_str_eq(incremental, expected, "step %d, text:\n%s", step, t->bytes);
    xfree(incremental);
    xfree(expected);
    ws_delete(fresh);
  }
  ws_delete(ws);
}

/* Folding reads the heredoc bodies from the model, so a reused RUN with a
 * heredoc must carry them to its new offsets: after an edit above it, its
 * folds equal those of the same text opened fresh. */
static char *folds_of(Workspace *ws, FileId id) {
  FoldArray folds;
  array_init(&folds);
  analysis_folding(ws, id, &folds);
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; i < folds.len; i++)
    strbuf_appendf(&out, "%zu-%zu/%d ", folds.items[i].start, folds.items[i].end, (int)folds.items[i].kind);
  array_delete(&folds);
  return strbuf_take(&out);
}

Test(model_reuse, heredoc_folds_move_with_a_reused_instruction) {
  static const char text[] = "FROM alpine\nRUN <<EOF\necho a\necho b\nEOF\nCOPY <<A <<B /x\n1\nA\n2\nB\n";
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, text, strlen(text), &id, &err));
  xfree(folds_of(ws, id)); /* the model the edit will reuse */
  TextChange c = {false, {1, 0}, {1, 0}, "ENV A=1\n", 8};
  cr_assert(ws_change(ws, id, 2, &c, 1, POS_ENC_UTF8, &err), "%s", err);
  char *incremental = folds_of(ws, id);
  Workspace *fresh = ws_new(NULL);
  FileId fid;
  const TextDoc *t = ws_text(ws, id);
  cr_assert(ws_open(fresh, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, t->bytes, t->len, &fid, &err));
  char *expected = folds_of(fresh, fid);
  cr_expect_str_eq(incremental, expected);
  cr_expect(strstr(expected, "/0 ") != NULL, "the text should fold: %s", expected);
  xfree(incremental);
  xfree(expected);
  ws_delete(fresh);
  ws_delete(ws);
}
