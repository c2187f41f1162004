/* After an edit the compose model takes the services the edit did not
 * touch over from the previous model (compose_reuse.c).  Whatever the
 * edits, the model must equal one built from nothing out of the same tree,
 * and the model and the diagnostics (with their fixes, written as JSON)
 * must equal those of the same text opened fresh, whenever tree-sitter's
 * incremental tree is the one a fresh parse gives.  The edits are those
 * that change how other text reads: anchors, aliases and merge keys,
 * `extends`, duplicate keys, lines that break the YAML and lines that
 * mend it again, services added and removed, several changes in one
 * didChange and several didChanges before the next analysis.  A publish
 * takes the results of unchanged services from the previous analysis
 * (service_memo.c), so the comparison includes the dependency edges a
 * publish leaves, and one test changes the disk and an open `.env`
 * between the steps. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdlib.h>
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "diag_count.h"
#include "random_edits.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/compose.h"
#include "dockls/syntax/language.h"
#include "dockls/workspace/files.h"
#include "casefile.h"
#include "memfs.h"
#include "analysis/service_memo.h"
#include "syntax/syntax_internal.h"

static const char *const start_text =
    "x-common: &common\n"
    "  restart: always\n"
    "  environment:\n"
    "    PASSWORD: hunter2\n"
    "services:\n"
    "  base:\n"
    "    image: example/base:1.0\n"
    "    ports:\n"
    "      - \"8001:80\"\n"
    "  web:\n"
    "    <<: *common\n"
    "    image: nginx\n"
    "    ports:\n"
    "      - \"8001:80\"\n"
    "    container_name: app\n"
    "  api:\n"
    "    extends: base\n"
    "    container_name: app\n"
    "    environment:\n"
    "      SECRET_KEY: abc\n"
    "    volumes:\n"
    "      - ./data:/data\n"
    "    depends_on: [db, missing]\n"
    "  db: &db\n"
    "    image: postgres:latest\n"
    "    healthcheck:\n"
    "      test: curl -f http://localhost/\n"
    "  replica: *db\n"
    "  worker:\n"
    "    image: example/worker\n"
    "    image: example/worker2\n"
    "    command: sh -c 'a && b'\n"
    "volumes:\n"
    "  data: {}\n";

/* What is typed: pieces that break the YAML and mend it, anchors,
 * aliases, merges, extends, duplicated keys and whole services. */
static const char *const pieces[] = {
    "x", "1", " ", "\n", "  ", ":", "- ", "\"", "'", "[", "]", "{", "}", "#", "\t", "&a ", "*a", "*common",
    "&common ", "<<: *common\n    ", "<<: *db\n    ", "extends: web\n    ", "extends:\n      service: db\n    ",
    "image: dup\n    ", "container_name: app\n    ", "ports:\n      - \"8001:80\"\n    ",
    "  new:\n    image: n\n", "services:\n", "!reset ", "!override ", "PASSWORD: x\n      ", "é",
    "volumes:\n      - ./data/b:/b\n    ", "env_file: .env\n    ", "TOKEN: ${TOKEN}\n      ",
};

/* The pieces random_change types; a test may give its own. */
static const char *const *piece_set = pieces;
static size_t piece_count = sizeof pieces / sizeof *pieces;

/* --- What is compared ---------------------------------------------------- */

/* The model as text: every node reached from the root, aliases followed
 * (a file's expansion is bounded by COMPOSE_EXPANSION_CAP). */
static void node_summary(const ComposeNode *n, StrBuf *out, int depth) {
  strbuf_appendf(out, "%*s%d/%d/%d/%d/%d %zu-%zu w%zu v%d", depth, "", (int)n->kind, (int)n->type, (int)n->style,
                 (int)n->tag, (int)n->flow, n->start, n->end, n->weight, (int)n->verbatim);
  if (n->text) strbuf_appendf(out, " [%s]", n->text);
  strbuf_append(out, "\n");
  for (size_t i = 0; i < n->npairs; i++) {
    const ComposePair *p = &n->pairs[i];
    strbuf_appendf(out, "%*s%s %zu-%zu %zu-%zu%s\n", depth, "", p->key, p->key_start, p->key_end, p->pair_start,
                   p->pair_end, p->merged ? " merged" : "");
    node_summary(p->value, out, depth + 1);
  }
  for (size_t i = 0; i < n->nitems; i++) node_summary(n->items[i], out, depth + 1);
}

static void model_summary(const ComposeModel *m, StrBuf *out) {
  strbuf_appendf(out, "legacy %d capped %d partial %d services %d\n", (int)m->legacy_v1, (int)m->capped,
                 (int)m->partial, m->services != NULL);
  for (size_t i = 0; i < m->top.len; i++)
    strbuf_appendf(out, "top %s %zu-%zu %zu-%zu\n", m->top.items[i].key, m->top.items[i].key_start,
                   m->top.items[i].key_end, m->top.items[i].pair_start, m->top.items[i].pair_end);
  for (size_t i = 0; i < m->problems.len; i++)
    strbuf_appendf(out, "problem %zu-%zu %s\n", m->problems.items[i].start, m->problems.items[i].end,
                   m->problems.items[i].message);
  if (m->root) node_summary(m->root, out, 0);
}

static cJSON *range_json(size_t start, size_t end) {
  cJSON *r = cJSON_CreateArray();
  cJSON_AddItemToArray(r, cJSON_CreateNumber((double)start));
  cJSON_AddItemToArray(r, cJSON_CreateNumber((double)end));
  return r;
}

/* Every field of every diagnostic, fixes included, as JSON text. */
static char *diagnostics_json(const DiagList *list) {
  cJSON *all = cJSON_CreateArray();
  for (size_t i = 0; i < list->len; i++) {
    const Diag *d = &list->items[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rule", rule_info(d->rule)->id);
    cJSON_AddNumberToObject(o, "severity", d->severity);
    cJSON_AddItemToObject(o, "range", range_json(d->start, d->end));
    cJSON_AddStringToObject(o, "message", d->message);
    cJSON *related = cJSON_AddArrayToObject(o, "related");
    for (size_t k = 0; k < d->related.len; k++) {
      cJSON *r = range_json(d->related.items[k].start, d->related.items[k].end);
      cJSON_AddItemToArray(r, cJSON_CreateString(d->related.items[k].message));
      cJSON_AddItemToArray(related, r);
    }
    cJSON *fixes = cJSON_AddArrayToObject(o, "fixes");
    for (size_t f = 0; f < d->fixes.len; f++) {
      const Fix *fix = &d->fixes.items[f];
      cJSON *fo = cJSON_CreateObject();
      cJSON_AddStringToObject(fo, "title", fix->title);
      cJSON_AddBoolToObject(fo, "preferred", fix->preferred);
      cJSON *edits = cJSON_AddArrayToObject(fo, "edits");
      for (size_t e = 0; e < fix->edits.len; e++) {
        cJSON *r = range_json(fix->edits.items[e].start, fix->edits.items[e].end);
        cJSON_AddItemToArray(r, cJSON_CreateString(fix->edits.items[e].text));
        cJSON_AddItemToArray(edits, r);
      }
      cJSON_AddItemToArray(fixes, fo);
    }
    cJSON_AddItemToArray(all, o);
  }
  char *text = cJSON_PrintUnformatted(all);
  cJSON_Delete(all);
  return text;
}

/* Paths whose dependency edges are compared: the files and folders the
 * test texts name (`/w/…` for the generated text, `/p/…` for the one on
 * an in-memory disk, whose compose file is in /p/c: compose-unknown-service
 * lists the compose file's folder, an edge that covers every path below
 * it, so a path only one service reads is outside that folder). */
static const char *const watched[] = {"/w/data",     "/w/data/x",           "/w/.env",           "/p/c/data/a",
                                      "/p/c/data/b", "/p/c/data/b/inner",   "/p/c/.env",         "/p/c/base.yml",
                                      "/p/only/c",   "/p/c/app/Dockerfile", "/p/only/elsewhere"};

/* Whether the last analysis of `id` read `path`, as ws_dependents says. */
static bool reads_path(Workspace *ws, FileId id, const char *path) { return test_depends_on(ws, id, path); }

/* Whether the last analysis of `id` read each watched path. */
static void dependencies_summary(Workspace *ws, FileId id, StrBuf *out) {
  strbuf_append(out, "reads");
  for (size_t i = 0; i < sizeof watched / sizeof *watched; i++)
    strbuf_appendf(out, " %d", (int)reads_path(ws, id, watched[i]));
  strbuf_append(out, "\n");
}

/* The analysis a publish runs, then the one a code action runs.  The
 * publish borrows the kept findings (analysis_file_borrowing, as the
 * server's does) every other time, and takes counted copies otherwise,
 * so that the memo serves both kinds after the other. */
static char *analysis_summary(Workspace *ws, FileId id) {
  static unsigned calls;
  StrBuf out = STRBUF_INIT;
  DiagList diags;
  array_init(&diags);
  DiagLoan *loan = NULL;
  if (calls++ % 2) analysis_file_borrowing(ws, id, &diags, &loan);
  else analysis_file_without_fixes(ws, id, &diags);
  char *json = diagnostics_json(&diags);
  strbuf_appendf(&out, "%s\n", json);
  cJSON_free(json);
  /* The edges the publish left, which decide what is published again
   * when one of those files changes. */
  dependencies_summary(ws, id, &out);
  diaglist_clear(&diags);
  diag_loan_end(loan);
  analysis_file(ws, id, &diags);
  json = diagnostics_json(&diags);
  strbuf_appendf(&out, "%s\n", json);
  cJSON_free(json);
  diaglist_destroy(&diags);
  return strbuf_take(&out);
}

/* Steps where tree-sitter's incremental tree differed from a fresh parse
 * (its error recovery can choose differently after an edit), steps
 * compared with a fresh analysis, and those of them whose text was valid
 * YAML (only then are services taken over). */
static size_t tree_differs, compared, valid;
/* Steps read as a split document (runs of services, parse_yaml.c). */
static size_t split;

/* How the text is opened fresh: in a workspace of its own by default; the
 * test on an in-memory disk opens it over the same disk. */
static char *(*fresh_summary)(Workspace *ws, FileId id, SummaryFn summarise) = test_fresh_summary;
/* What changes outside the document before each step (NULL: nothing). */
static void (*between_steps)(Workspace *ws) = NULL;

static void expect_fresh(Workspace *ws, FileId id, const char *what, size_t step) {
  const TextDoc *t = ws_text(ws, id);
  /* The model as the workspace built it, from the previous one. */
  StrBuf reused = STRBUF_INIT, whole = STRBUF_INIT;
  const ComposeModel *m = ws_compose(ws, id);
  if (m) model_summary(m, &reused);
  char *incremental = analysis_summary(ws, id);
  /* The kept per-service results are found again: a lookup that misses
   * costs only a run, which no comparison of diagnostics notices. */
  const void *kept = ws_analysis_cache(ws, id);
  cr_assert(!kept || service_memo__all_found(kept), "%s, step %zu: a kept service result is not found", what, step);
  /* The same tree read from nothing. */
  SyntaxParsers *parsers = syntax_parsers_new();
  YamlChunks *chunks = yaml_chunks_new();
  ComposeRecovery *memo = compose_recovery_new();
  ComposeModel *fresh_model = compose_model_build_recovering(parsers, chunks, memo, ws_syntax(ws, id), t);
  model_summary(fresh_model, &whole);
  test_expect_same_text(strbuf_cstr(&reused), strbuf_cstr(&whole), "a model built from nothing", what, step, t);
  compose_model_delete(fresh_model);
  if (syntax_tree_count(ws_syntax(ws, id)) > 1) {
    /* Read split into runs of services: the model must be the one a
     * single tree of the text gives. */
    YamlCutRule was = yaml_cut_rule_set((YamlCutRule){SIZE_MAX, 1});
    Syntax *one = syntax_parse(parsers, LANG_YAML, t->bytes, t->len);
    yaml_cut_rule_set(was);
    StrBuf single = STRBUF_INIT;
    ComposeModel *one_model = compose_model_build(one, t);
    model_summary(one_model, &single);
    test_expect_same_text(strbuf_cstr(&whole), strbuf_cstr(&single), "a model of one tree", what, step, t);
    compose_model_delete(one_model);
    syntax_delete(one);
    strbuf_destroy(&single);
  }
  compose_recovery_delete(memo);
  yaml_chunks_delete(chunks);
  syntax_parsers_delete(parsers);
  strbuf_destroy(&reused);
  strbuf_destroy(&whole);
  /* The same text opened fresh. */
  char *expected = fresh_summary(ws, id, analysis_summary);
  if (expected) {
    test_expect_same_text(incremental, expected, "a fresh analysis", what, step, t);
    compared++;
    valid += !ts_node_has_error(syntax_root(ws_syntax(ws, id)));
    split += syntax_tree_count(ws_syntax(ws, id)) > 1;
  } else {
    tree_differs++;
  }
  xfree(expected);
  xfree(incremental);
}

/* --- Edits ----------------------------------------------------------------- */

/* Typed at the end of a line, these keep most texts valid: the keystrokes
 * of a user typing a value. */
static const char *const typing[] = {"x", "1", "-a", ":9", "/p"};

static TextChange random_change(const TextDoc *t, size_t limit, bool own_bytes, char *scratch) {
  size_t a = test_rng(limit + 1);
  if (test_rng(2) == 0) {
    while (a < limit && t->bytes[a] != '\n') a++;
    const char *piece = typing[test_rng(sizeof typing / sizeof *typing)];
    TextPos at = text_pos_of(t, a, POS_ENC_UTF8);
    if (test_rng(3) == 0 && a > 0 && t->bytes[a - 1] != '\n') {
      /* The line's last character retyped as another: a change that
       * leaves every length as it was. */
      TextPos before = text_pos_of(t, a - 1, POS_ENC_UTF8);
      return (TextChange){false, before, at, t->bytes[a - 1] == 'x' ? "y" : "x", 1};
    }
    return (TextChange){false, at, at, piece, strlen(piece)};
  }
  /* Most edits start a line or end one, where keys and values begin. */
  if (test_rng(2) == 0) {
    while (a > 0 && t->bytes[a - 1] != '\n') a--;
    if (test_rng(2) == 0)
      while (a < limit && t->bytes[a] != '\n') a++;
  }
  size_t b = a;
  if (test_rng(4) == 0) b = a + 1 + test_rng(t->len > 4000 ? 200 : 24);
  if (b > limit) b = limit;
  const char *piece = piece_set[test_rng(piece_count)];
  if (own_bytes && t->len && test_rng(2) == 0) {
    scratch[0] = t->bytes[test_rng(t->len)];
    scratch[1] = '\0';
    piece = scratch;
  }
  if (test_rng(5) == 0) piece = "";
  TextPos sp = text_pos_of(t, a, POS_ENC_UTF8), ep = text_pos_of(t, b, POS_ENC_UTF8);
  return (TextChange){false, sp, ep, piece, strlen(piece)};
}

/* Applies `steps` random edits, each undone again with probability three
 * quarters, and compares with a fresh analysis after most of them.  Every
 * 16th step puts the original text back (as one edit of the whole text),
 * so that most steps edit text that is valid YAML or nearly so. */
static void edit_and_compare(Workspace *ws, FileId id, size_t steps, bool own_bytes, const char *what) {
  char *err = NULL;
  int64_t version = 2;
  const TextDoc *t0 = ws_text(ws, id);
  char *original = xstrndup(t0->bytes, t0->len);
  size_t original_len = t0->len;
  for (size_t step = 0; step < steps; step++) {
    const TextDoc *t = ws_text(ws, id);
    if (step % 16 == 15) {
      TextChange back = {false, text_pos_of(t, 0, POS_ENC_UTF8), text_pos_of(t, t->len, POS_ENC_UTF8), original,
                         original_len};
      cr_assert(ws_change(ws, id, version++, &back, 1, POS_ENC_UTF8, &err), "%s", err);
      t = ws_text(ws, id);
    }
    if (between_steps) between_steps(ws);
    char *before = xstrndup(t->bytes, t->len);
    size_t before_len = t->len;
    test_random_did_change(ws, id, version++, random_change, own_bytes);
    /* Every third edit is not analysed: the next model is then taken
     * over across several edits at once. */
    if (test_rng(3) != 0) expect_fresh(ws, id, what, step);
    if (test_rng(4) != 0) {
      /* Undo by replacing the changed span with what it held. */
      const TextDoc *now = ws_text(ws, id);
      size_t p = 0, s = 0;
      while (p < now->len && p < before_len && now->bytes[p] == before[p]) p++;
      while (s < now->len - p && s < before_len - p && now->bytes[now->len - 1 - s] == before[before_len - 1 - s])
        s++;
      /* Whole characters only: a common prefix or suffix may end inside
       * a multi-byte character, and the workspace refuses text that is
       * not UTF-8. */
      while (p > 0 && ((unsigned char)before[p] & 0xC0) == 0x80) p--;
      while (s > 0 && ((unsigned char)before[before_len - s] & 0xC0) == 0x80) s--;
      TextChange undo = {false, text_pos_of(now, p, POS_ENC_UTF8), text_pos_of(now, now->len - s, POS_ENC_UTF8),
                         before + p, before_len - s - p};
      cr_assert(ws_change(ws, id, version++, &undo, 1, POS_ENC_UTF8, &err), "%s", err);
      if (test_rng(3) != 0) expect_fresh(ws, id, what, step);
    }
    xfree(before);
  }
  expect_fresh(ws, id, what, steps);
  xfree(original);
}

Test(compose_incremental, random_edits_match_fresh_analysis) {
  /* ts_node_string's buffers then come from xmalloc, freed with xfree. */
  syntax_install_allocator();
  static const uint64_t seeds[] = {0x9E3779B97F4A7C15u, 0x2545F4914F6CDD1Du, 0x1234567u};
  for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
    Workspace *ws = ws_new(NULL);
    FileId id;
    char *err = NULL;
    cr_assert(ws_open(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, start_text, strlen(start_text), &id, &err));
    test_rng_state = seeds[i];
    xfree(analysis_summary(ws, id));
    edit_and_compare(ws, id, 1000, false, "generated text");
    ws_delete(ws);
  }
  cr_log_info("%zu steps compared (%zu on valid YAML), %zu where the incremental tree differed from a fresh parse",
              compared, valid, tree_differs);
  cr_assert_gt(valid, 1000);
}

/* The same on real files: every 8th compose file of the corpus, 12 edits
 * each, typing the file's own characters as well as the pieces above. */
static void edit_corpus_file(Workspace *ws, FileId id, const char *name, void *ctx) {
  (void)ctx;
  xfree(analysis_summary(ws, id));
  edit_and_compare(ws, id, 12, true, name);
}

Test(compose_incremental, random_edits_of_corpus_files_match_fresh_analysis) {
  syntax_install_allocator();
  test_rng_state = 0xD1B54A32D192ED03u;
  long edited = test_corpus_open_every("compose", 8, DOC_KIND_COMPOSE, "file:///w/compose.yaml", edit_corpus_file,
                                       NULL);
  if (edited < 0) cr_skip_test("../shared/corpus/compose is not present; the real-file test is skipped");
  cr_assert_gt(edited, 40, "only %ld corpus files were edited", edited);
  cr_log_info("%zu steps compared (%zu on valid YAML), %zu where the incremental tree differed from a fresh parse",
              compared, valid, tree_differs);
}

/* The same on documents split into runs of services at nearly every
 * service (parse_yaml.c): the model then reads the services of several
 * trees, and takes those of unchanged runs over. */
Test(compose_incremental, random_edits_of_split_documents_match_fresh_analysis) {
  syntax_install_allocator();
  yaml_cut_rule_set((YamlCutRule){64, 1});
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, start_text, strlen(start_text), &id, &err));
  test_rng_state = 0x51u;
  xfree(analysis_summary(ws, id));
  edit_and_compare(ws, id, 1000, false, "generated text, split");
  ws_delete(ws);
  size_t generated = split;
  test_rng_state = 0xD1B54A32D192ED04u;
  long edited = test_corpus_open_every("compose", 4, DOC_KIND_COMPOSE, "file:///w/compose.yaml", edit_corpus_file,
                                       NULL);
  yaml_cut_rule_set((YamlCutRule){YAML_CUT_MIN_BYTES, YAML_CUT_SPREAD});
  cr_log_info("%zu steps compared (%zu on valid YAML, %zu read split: %zu of the generated text)", compared, valid,
              split, generated);
  cr_assert_gt(generated, 300, "the generated text is read split often enough (%zu)", generated);
  if (edited >= 0) cr_assert_gt(split, generated + 100, "corpus files are read split often enough (%zu)", split);
}

/* --- The disk and other documents ------------------------------------------ */

/* A project on an in-memory disk: bind mounts, an env_file, a build
 * context, a service extending one in another file, a secret's file. */
static const char *const disk_text =
    "services:\n"
    "  web:\n"
    "    image: nginx\n"
    "    volumes:\n"
    "      - ./data/a:/a\n"
    "      - ./data/b:/b\n"
    "    env_file: .env\n"
    "    environment:\n"
    "      PASSWORD: hunter2\n"
    "      TOKEN: ${TOKEN}\n"
    "  api:\n"
    "    extends:\n"
    "      file: base.yml\n"
    "      service: base\n"
    "    volumes:\n"
    "      - ./data/b:/b\n"
    "  worker:\n"
    "    build: ./app\n"
    "    image: example/worker:latest\n"
    "    ports:\n"
    "      - \"8080:80\"\n"
    "  cache:\n"
    "    image: redis:7\n"
    "    volumes:\n"
    "      - ../only/c:/c\n"
    "  db:\n"
    "    image: postgres\n"
    "    env_file:\n"
    "      - path: .env\n"
    "        required: false\n"
    "secrets:\n"
    "  s:\n"
    "    file: ./data/a\n";

/* The project around the edited compose file, on an in-memory disk: the
 * files that are written or removed between steps, what may be written,
 * and the `.env` beside the compose file that the editor may open. */
typedef struct {
  MemFs *disk;
  const char *root;
  const char *env_uri;
  const char *const *paths;
  size_t npaths;
  const char *const *contents;
  size_t ncontents;
  char *open_env; /* the open `.env` document's text, or NULL */
} World;
static World world;
/* One step in this many changes the world. */
static size_t world_change_odds = 3;

static const char *const disk_files[] = {"/p/c/data/a", "/p/c/data/b/inner", "/p/c/.env", "/p/c/base.yml",
                                         "/p/c/app/Dockerfile", "/p/only/c"};
static const char *const disk_contents[] = {"TOKEN=abc\n", "", "services:\n  base:\n    image: b\n    read_only: true\n",
                                            "services:\n  base:\n    image: b:latest\n    mem_limit: 1g\n",
                                            "FROM alpine\nHEALTHCHECK CMD true\n"};

static Workspace *world_workspace(void) {
  Workspace *ws = ws_new_with_fs(world.root, memfs_fs(world.disk));
  if (world.open_env) {
    FileId env;
    char *err = NULL;
    cr_assert(ws_open(ws, world.env_uri, DOC_KIND_OTHER, 1, world.open_env, strlen(world.open_env), &env, &err),
              "%s", err);
  }
  return ws;
}

static char *fresh_in_world(Workspace *ws, FileId id, SummaryFn summarise) {
  Workspace *fresh = world_workspace();
  char *summary = test_fresh_summary_in(fresh, ws, id, summarise);
  ws_delete(fresh);
  return summary;
}

/* One change in three (world_change_odds): a file of the project written or removed (the
 * server then forgets what it knew of that path and drops its copy), or
 * `.env` opened in the editor with other content, or closed. */
static void change_world(Workspace *ws) {
  if (test_rng(world_change_odds) != 0 || world.npaths == 0) return;
  const char *path = world.paths[test_rng(world.npaths)];
  char *err = NULL;
  switch (test_rng(4)) {
    case 0:
      memfs_remove(world.disk, path);
      break;
    case 1: {
      const char *content = world.contents[test_rng(world.ncontents)];
      memfs_add(world.disk, path, content, strlen(content));
      break;
    }
    case 2: {
      xfree(world.open_env);
      world.open_env = xstrdup(test_rng(2) ? "TOKEN=abc\nPASSWORD=x\n" : "OTHER=1\n");
      FileId env;
      cr_assert(ws_open(ws, world.env_uri, DOC_KIND_OTHER, 1, world.open_env, strlen(world.open_env), &env, &err),
                "%s", err);
      return;
    }
    default: {
      FileId env;
      if (ws_find(ws, world.env_uri, &env) && world.open_env) ws_close(ws, env);
      xfree(world.open_env);
      world.open_env = NULL;
      return;
    }
  }
  ws_forget_disk(ws, path);
  ws_refresh(ws, path);
}

/* Opens `text` as `uri` in the world's workspace and edits it `steps`
 * times, the world changing between steps. */
static void edit_in_world(const char *uri, const char *text, size_t len, size_t steps, bool own_bytes,
                          const char *what) {
  fresh_summary = fresh_in_world;
  between_steps = change_world;
  Workspace *ws = world_workspace();
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, uri, DOC_KIND_COMPOSE, 1, text, len, &id, &err), "%s", err);
  xfree(analysis_summary(ws, id));
  edit_and_compare(ws, id, steps, own_bytes, what);
  ws_delete(ws);
  xfree(world.open_env);
  world.open_env = NULL;
  fresh_summary = test_fresh_summary;
  between_steps = NULL;
}

/* A world under /p whose editor may open /p/c/.env: path i starts with
 * contents[i % first_kinds]. */
static void world_start(const char *const *paths, size_t npaths, const char *const *contents, size_t ncontents,
                        size_t first_kinds) {
  world = (World){.disk = memfs_new(),
                  .root = "/p",
                  .env_uri = "file:///p/c/.env",
                  .paths = paths,
                  .npaths = npaths,
                  .contents = contents,
                  .ncontents = ncontents};
  for (size_t i = 0; i < npaths; i++)
    memfs_add(world.disk, paths[i], contents[i % first_kinds], strlen(contents[i % first_kinds]));
}

Test(compose_incremental, random_edits_with_disk_and_env_changes_match_fresh_analysis) {
  syntax_install_allocator();
  world_start(disk_files, sizeof disk_files / sizeof *disk_files, disk_contents,
              sizeof disk_contents / sizeof *disk_contents, 4);
  test_rng_state = 0x5851F42D4C957F2Du;
  edit_in_world("file:///p/c/compose.yaml", disk_text, strlen(disk_text), 2000, false, "text on an in-memory disk");
  memfs_delete(world.disk);
  cr_log_info("%zu steps compared (%zu on valid YAML), %zu where the incremental tree differed from a fresh parse",
              compared, valid, tree_differs);
  cr_assert_gt(valid, 150);
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The same on the rule cases that hold a compose.yaml: each case's files
 * on the in-memory disk beside it (its .env, Dockerfiles, package.json,
 * other compose files), written, emptied or removed between steps. */
static long edit_rule_case(const char *path) {
  CaseFile cf;
  char *err = NULL;
  cr_assert(casefile_load(path, &cf, &err), "%s: %s", path, err);
  const CaseSection *compose = casefile_section(&cf, "compose.yaml");
  /* A NUL byte, which no editor sends, cannot be typed again by an undo. */
  if (!compose || memchr(compose->content, '\0', compose->len)) {
    casefile_destroy(&cf);
    return 0;
  }
  StrArray paths;
  Array(const char *) contents;
  array_init(&paths);
  array_init(&contents);
  array_push(&contents, "");
  world = (World){.disk = memfs_new(), .root = "/case", .env_uri = "file:///case/.env"};
  for (size_t i = 0; i < cf.sections.len; i++) {
    const CaseSection *sec = &cf.sections.items[i];
    if (sec == compose || sec->name[0] == '@') continue;
    char *file = path_append("/case", sec->name);
    memfs_add(world.disk, file, sec->content, sec->len);
    array_push(&paths, file);
    array_push(&contents, sec->content);
  }
  world.paths = (const char *const *)paths.items;
  world.npaths = paths.len;
  world.contents = contents.items;
  world.ncontents = contents.len;
  edit_in_world("file:///case/compose.yaml", compose->content, compose->len, 24, true, path);
  memfs_delete(world.disk);
  strarray_delete(&paths);
  array_delete(&contents);
  casefile_destroy(&cf);
  return 1;
}

Test(compose_incremental, random_edits_of_rule_cases_with_their_files_match_fresh_analysis) {
  syntax_install_allocator();
  test_rng_state = 0x27BB2EE687B0B0FDu;
  char *rules = path_append(test_source_dir(), "tests/rules");
  DIR *top = opendir(rules);
  cr_assert(top, "%s cannot be listed", rules);
  StrArray cases;
  array_init(&cases);
  for (struct dirent *d; (d = readdir(top)) != NULL;) {
    if (d->d_name[0] == '.') continue;
    char *dir = path_append(rules, d->d_name);
    DIR *inner = opendir(dir);
    for (struct dirent *e; inner && (e = readdir(inner)) != NULL;) {
      size_t n = strlen(e->d_name);
      if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) array_push(&cases, path_append(dir, e->d_name));
    }
    if (inner) closedir(inner);
    xfree(dir);
  }
  closedir(top);
  /* readdir's order is the file system's: sorted, so that the seeded
   * edits meet the cases in the same order everywhere. */
  qsort(cases.items, cases.len, sizeof *cases.items, compare_names);
  long edited = 0;
  for (size_t i = 0; i < cases.len; i++) edited += edit_rule_case(cases.items[i]);
  strarray_delete(&cases);
  xfree(rules);
  cr_log_info("%ld rule cases edited; %zu steps compared (%zu on valid YAML)", edited, compared, valid);
  cr_assert_gt(edited, 50);
}

/* An anchor on a service's key is registered while the key is read: a
 * service taken over with its key must still register it, or a later
 * alias to it reads as unknown.  Random edits seldom write an anchored
 * key and an alias to it, so this is spelled out. */
/* A workspace with `text` open as /w/compose.yaml and published once. */
static Workspace *open_published(const char *text, FileId *id) {
  Workspace *ws = ws_new(NULL);
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/compose.yaml", DOC_KIND_COMPOSE, 1, text, strlen(text), id, &err), "%s", err);
  xfree(analysis_summary(ws, *id));
  return ws;
}

Test(compose_incremental, anchored_key_taken_over_still_defines_its_anchor) {
  syntax_install_allocator();
  static const char *const text = "services:\n"
                                  "  &k web:\n"
                                  "    image: nginx:1\n"
                                  "  other:\n"
                                  "    image: *k\n"
                                  "  third:\n"
                                  "    image: redis:7\n";
  FileId id;
  char *err = NULL;
  Workspace *ws = open_published(text, &id);
  /* Typed at the end of `redis:7`, the last line: every service before it
   * is taken over. */
  const TextDoc *t = ws_text(ws, id);
  TextPos at = text_pos_of(t, t->len - 1, POS_ENC_UTF8);
  for (int64_t version = 2; version < 6; version++) {
    TextChange c = {false, at, at, "x", 1};
    cr_assert(ws_change(ws, id, version, &c, 1, POS_ENC_UTF8, &err), "%s", err);
    at.character++;
    expect_fresh(ws, id, "an anchored key", (size_t)version);
  }
  ws_delete(ws);
}

/* A key typed into one service so that it repeats the key of a service
 * after it: the later one, taken over unchanged, is now the repeat, a
 * loader problem and no pair of the mapping.  Typed the other way round
 * the earlier one keeps its key.  Random edits seldom type a whole
 * service name, so this is spelled out. */
Test(compose_incremental, a_key_typed_to_repeat_a_later_service_makes_that_one_the_repeat) {
  syntax_install_allocator();
  static const char *const text =
      "services:\n  web: {image: nginx:1}\n  cach: {image: redis:7}\n  db: {image: postgres:16}\n"
      "  cache: {image: redis:6}\n  tail: {image: busybox:1}\n";
  FileId id;
  char *err = NULL;
  Workspace *ws = open_published(text, &id);
  /* `cach` becomes `cache`, then `cach` again. */
  TextPos at = {2, 6};
  TextChange typed = {false, at, at, "e", 1};
  cr_assert(ws_change(ws, id, 2, &typed, 1, POS_ENC_UTF8, &err), "%s", err);
  expect_fresh(ws, id, "a repeated key typed", 2);
  cr_assert_eq(ws_compose(ws, id)->services->npairs, 4, "the later `cache` is the repeat");
  TextChange removed = {false, at, (TextPos){2, 7}, "", 0};
  cr_assert(ws_change(ws, id, 3, &removed, 1, POS_ENC_UTF8, &err), "%s", err);
  expect_fresh(ws, id, "a repeated key removed", 3);
  cr_assert_eq(ws_compose(ws, id)->services->npairs, 5);
  ws_delete(ws);
}

/* --- The checkers that compare services ------------------------------------ */

/* Self-contained services (so that they line up with the kept ones) that
 * the checkers comparing services have something to say about: clashing
 * ports, ranges, protocols and addresses, container names (one read
 * through `.env`), profiles that keep services apart, health checks
 * waited for (from the compose file, a Dockerfile on the disk, an
 * official image), routed services, and references of every kind to
 * services here, in an included file and nowhere. */
static const char *const compared_text =
    "include:\n"
    "  - other.yaml\n"
    "services:\n"
    "  web:\n"
    "    image: nginx:1.25\n"
    "    ports:\n"
    "      - \"8001:80\"\n"
    "      - \"9000-9002:9000-9002\"\n"
    "    container_name: app-${NAME}\n"
    "    profiles: [front]\n"
    "    labels:\n"
    "      traefik.enable: \"true\"\n"
    "  api:\n"
    "    image: example/api:1.0\n"
    "    ports:\n"
    "      - \"127.0.0.1:8001:80\"\n"
    "    container_name: app-x\n"
    "    profiles:\n"
    "      - backx\n"
    "    depends_on:\n"
    "      db:\n"
    "        condition: service_healthy\n"
    "      cache:\n"
    "        condition: service_healthy\n"
    "        required: false\n"
    "      worker:\n"
    "        condition: service_healthy\n"
    "      mq:\n"
    "        condition: service_healthy\n"
    "    links: [db:database, nowhere, extra]\n"
    "  mq:\n"
    "    image: example/mq:1\n"
    "    healthcheck:\n"
    "      disable: true\n"
    "  db:\n"
    "    image: postgres:16\n"
    "    ports: [\"8001:80/udp\", \"9001:9001\", \"8001:80\"]\n"
    "    container_name: app-x\n"
    "    profiles:\n"
    "      - back\n"
    "  cache:\n"
    "    image: redis:7\n"
    "    healthcheck:\n"
    "      test: [\"CMD\", \"redis-cli\", \"ping\"]\n"
    "    network_mode: service:web\n"
    "    volumes_from: [web:ro, container:abc, ghost]\n"
    "  worker:\n"
    "    build: ./app\n"
    "    depends_on: [db, missing]\n"
    "    labels: [\"traefik.http.routers.w.rule=Host(`w`)\"]\n"
    "  proxy:\n"
    "    image: library/caddy\n"
    "    labels:\n"
    "      caddy: w.example\n"
    "    container_name: app-${NAME}\n"
    "    ports:\n"
    "      - 9001:9001\n";

/* What is typed there: ports, names, profiles, conditions, health checks,
 * references, labels, images and builds, whole services, the include. */
static const char *const compared_pieces[] = {
    "1", "x", ":9", "#", "8001", "/udp", "\"8001:80\"", "- \"8001:80\"\n      ", "[back]", "front",
    "profiles: [back]\n    ", "container_name: app-x\n    ", "app-${NAME}", "condition: service_healthy\n        ",
    "depends_on: [db]\n    ", "healthcheck:\n      test: [\"CMD\", \"true\"]\n    ", "disable: true",
    "image: postgres\n    ", "build: ./app\n    ", "library/", "links: [ghost]\n    ", "service:db",
    "traefik.enable: \"false\"\n      ", "  added:\n    image: a\n    ports: [\"8001:80\"]\n",
    "  - third.yaml\n", "&a ", "*a", "required: false\n        ", "db", "web", "ghost",
};

static const char *const compared_files[] = {"/p/c/.env", "/p/c/other.yaml", "/p/c/third.yaml", "/p/c/app/Dockerfile"};
static const char *const compared_contents[] = {"NAME=x\n", "services:\n  extra:\n    image: e\n",
                                                "FROM alpine\nHEALTHCHECK CMD true\n", "FROM alpine\n",
                                                "services:\n  ghost:\n    image: g\n"};

Test(compose_incremental, random_edits_of_compared_services_match_fresh_analysis) {
  syntax_install_allocator();
  size_t kinds = sizeof compared_contents / sizeof *compared_contents;
  world_start(compared_files, sizeof compared_files / sizeof *compared_files, compared_contents, kinds, kinds);
  piece_set = compared_pieces;
  piece_count = sizeof compared_pieces / sizeof *compared_pieces;
  /* The kept findings are given out only after a publish of a valid
   * text with nothing changed outside it, so the world changes less
   * often here. */
  world_change_odds = 10;
  test_rng_state = 0x2F0A4E1B3C5D6987u;
  size_t valid_before = valid;
  edit_in_world("file:///p/c/compose.yaml", compared_text, strlen(compared_text), 3000, false,
                "services compared on an in-memory disk");
  world_change_odds = 3;
  piece_set = pieces;
  piece_count = sizeof pieces / sizeof *pieces;
  memfs_delete(world.disk);
  cr_log_info("%zu steps compared (%zu on valid YAML), %zu where the incremental tree differed from a fresh parse",
              compared, valid, tree_differs);
  cr_assert_gt(valid - valid_before, 600);
}

Test(compose_incremental, kept_comparisons_follow_their_services_when_one_goes) {
  /* The first service merges an anchor, so its results are never kept;
   * the port conflict between the last two is.  When the first goes, the
   * kept services are as many as the services, all taken over, yet the
   * kept finding was filed under the indices of a file with one service
   * more: it must not be given out. */
  syntax_install_allocator();
  static const char *const text = "x-base: &base\n  image: a\nservices:\n  first:\n    <<: *base\n"
                                  "  b:\n    ports: [\"8001:80\"]\n  c:\n    ports: [\"8001:80\"]\n";
  FileId id;
  char *err = NULL;
  Workspace *ws = open_published(text, &id);
  TextChange gone = {false, {3, 0}, {5, 0}, "", 0};
  cr_assert(ws_change(ws, id, 2, &gone, 1, POS_ENC_UTF8, &err), "%s", err);
  expect_fresh(ws, id, "a service removed", 2);
  ws_delete(ws);
}

Test(compose_incremental, services_taken_as_a_run_keep_the_pairs_between_them) {
  /* Runs of services before and after an edit are taken over without
   * reading the tree; the pairs of `services:` that are not services (a
   * merge key, empty values) sit before, between and after them and must
   * still be read.  A letter is typed at the end of each service's image
   * in turn, and a fresh model and analysis compared after each; the
   * second text has nothing before the first service or after the last,
   * the third nothing but an empty value before the first. */
  syntax_install_allocator();
  /* An anchored block to merge, and services with a merge key and an
   * empty value between them. */
#define MERGED_BLOCK "x-more: &more\n  a:\n    image: m\nservices:\n"
#define SERVICES_WITH_GAPS                                                                                  \
  "  first:\n    image: f\n  <<: *more\n  b:\n    image: y\n  empty:\n  c:\n    image: z\n  d:\n    image: w\n" \
  "  e:\n    image: v\n"
  static const char *const texts[] = {
      MERGED_BLOCK "  lead:\n" SERVICES_WITH_GAPS "  tail:\n",
      MERGED_BLOCK SERVICES_WITH_GAPS,
      "services:\n  lead:\n  first:\n    image: f\n  b:\n    image: y\n  c:\n    image: z\n",
  };
#undef MERGED_BLOCK
#undef SERVICES_WITH_GAPS
  static const char *const names[] = {"pairs around services", "pairs between services", "an empty value first"};
  for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
    FileId id;
    char *err = NULL;
    Workspace *ws = open_published(texts[k], &id);
    int64_t version = 2;
    for (size_t round = 0; round < 2; round++)
      for (size_t line = 0; line < text_line_count(ws_text(ws, id)); line++) {
        const TextDoc *t = ws_text(ws, id);
        size_t at = t->line_starts.items[line];
        if (at + 10 > t->len || strncmp(t->bytes + at, "    image:", 10) != 0) continue;
        TextPos p = text_pos_of(t, text_line_end(t, line), POS_ENC_UTF8);
        TextChange c = {false, p, p, "x", 1};
        cr_assert(ws_change(ws, id, version, &c, 1, POS_ENC_UTF8, &err), "%s", err);
        expect_fresh(ws, id, names[k], (size_t)version++);
      }
    ws_delete(ws);
  }
}

/* The kept per-service results remember how many of their paths cover the
 * last path ws_dependents asked about, and an edited service's entry,
 * replaced in place, updates that count: asked again after each edit, the
 * answer follows the service that stops and starts reading the path. */
Test(compose_incremental, kept_reads_follow_the_edited_service) {
  MemFs *disk = memfs_new();
  memfs_add(disk, "/p/only/c", "", 0);
  Workspace *ws = ws_new_with_fs("/p", memfs_fs(disk));
  const char *reading = "services:\n  a:\n    image: x\n    volumes:\n      - ../only/c:/data\n  b:\n    image: y\n";
  FileId id;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///p/c/compose.yaml", DOC_KIND_COMPOSE, 1, reading, strlen(reading), &id, &err));
  DiagList diags;
  array_init(&diags);
  static const char *const edits[] = {"d", "c", "d", "c"};
  analysis_file_without_fixes(ws, id, &diags);
  cr_assert(reads_path(ws, id, "/p/only/c"), "the bind mount's source is read");
  for (size_t step = 0; step < sizeof edits / sizeof *edits; step++) {
    /* The last letter of `../only/c`, line 4, column 16. */
    TextChange change = {false, {4, 16}, {4, 17}, edits[step], 1};
    cr_assert(ws_change(ws, id, (int64_t)step + 2, &change, 1, POS_ENC_UTF16, &err), "%s", err);
    diaglist_clear(&diags);
    analysis_file_without_fixes(ws, id, &diags);
    bool reads = edits[step][0] == 'c';
    cr_assert_eq(reads_path(ws, id, "/p/only/c"), reads, "step %zu: %s", step, ws_text(ws, id)->bytes);
  }
  diaglist_destroy(&diags);
  ws_delete(ws);
  memfs_delete(disk);
}

/* The value of service `name` in the document's model. */
static const ComposeNode *service_value(Workspace *ws, FileId id, const char *name) {
  const ComposeModel *m = ws_compose(ws, id);
  cr_assert(m && m->services, "the model has no services");
  return compose_get(m->services, name);
}

/* Types `text` at the end of the line that starts with `line_start`. */
static void type_at_line_end(Workspace *ws, FileId id, const char *line_start, const char *text, int64_t version) {
  const TextDoc *t = ws_text(ws, id);
  const char *found = strstr(t->bytes, line_start);
  cr_assert_not_null(found, "no line starts with `%s`", line_start);
  size_t line = text_pos_of(t, (size_t)(found - t->bytes), POS_ENC_UTF8).line;
  TextPos p = text_pos_of(t, text_line_end(t, line), POS_ENC_UTF8);
  TextChange c = {false, p, p, text, strlen(text)};
  char *err = NULL;
  cr_assert(ws_change(ws, id, version, &c, 1, POS_ENC_UTF8, &err), "%s", err);
}

Test(compose_incremental, typing_around_a_damaged_service_takes_the_others_over) {
  /* While one service holds a line libyaml refuses, the model is built
   * from a repaired copy with that service blanked.  Keystrokes in the
   * damaged service, then in another one, then the one that mends the
   * damage: after each the model and the analysis are those of a fresh
   * build, and the services no keystroke touched are the same values as
   * before (taken over, not built again). */
  syntax_install_allocator();
  static const char *const text = "services:\n"
                                  "  a:\n    image: nginx:1\n    ports:\n      - \"8001:80\"\n"
                                  "  b:\n    image: redis:7\n    restart: always\n"
                                  "  c:\n    image: postgres:16\n    environment:\n      PASSWORD: hunter2\n"
                                  "  d:\n    image: example/d\n";
  FileId id;
  Workspace *ws = open_published(text, &id);
  int64_t version = 2;
  /* A new key being typed, without its `:` yet. */
  type_at_line_end(ws, id, "    restart: always", "\n    tt", version);
  expect_fresh(ws, id, "a damaged service", (size_t)version++);
  cr_assert(syntax_has_error(ws_syntax(ws, id)), "the edit did not damage the file");
  const ComposeNode *a = service_value(ws, id, "a"), *c = service_value(ws, id, "c"), *d = service_value(ws, id, "d");
  cr_assert(a && c && d);
  for (int i = 0; i < 3; i++) {
    type_at_line_end(ws, id, "    tt", "y", version);
    expect_fresh(ws, id, "typing in the damaged service", (size_t)version++);
    cr_assert_eq(service_value(ws, id, "a"), a, "service a was built again");
    cr_assert_eq(service_value(ws, id, "d"), d, "service d was built again");
  }
  type_at_line_end(ws, id, "    image: postgres:16", "x", version);
  expect_fresh(ws, id, "typing in another service", (size_t)version++);
  cr_assert_eq(service_value(ws, id, "a"), a, "service a was built again");
  cr_assert_neq(service_value(ws, id, "c"), c, "the edited service c was taken over");
  c = service_value(ws, id, "c");
  type_at_line_end(ws, id, "    tt", ": true", version);
  cr_assert_not(syntax_has_error(ws_syntax(ws, id)), "the edit did not mend the file");
  expect_fresh(ws, id, "the damage mended", (size_t)version++);
  cr_assert_eq(service_value(ws, id, "a"), a, "service a was built again");
  cr_assert_eq(service_value(ws, id, "c"), c, "service c was built again");
  ws_delete(ws);
}
