/* Editing-feature latency on one file: definition, references,
 * documentHighlight, hover, completion, prepareRename and rename at a
 * symbol near the middle of the file (completion there lists the names
 * that may stand in its place: the variables in scope, the stages, the
 * services), the refactors (refactor.rewrite code actions) on the last
 * line, then the whole-file documentLink and fix-all
 * (`source.fixAll.dockls`), and for a compose file, path completion in
 * the file's folder, with the models already built (as in the
 * server, where the didOpen analysis built them).  Prints the median and
 * 95th percentile of each; figures, not a pass/fail test.  Fix-all
 * analyses the file again in every round of fixes, so it takes a
 * twentieth of the rounds (at least five).
 * Usage: bench_features FILE dockerfile|compose [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../bench_clock.h"
#include "dockls/analysis/analysis.h"
#include "dockls/analysis/complete.h"
#include "dockls/analysis/navigation.h"
#include "dockls/base/path.h"
#include "dockls/base/uri.h"



typedef enum {
  REQ_DEFINITION, REQ_REFERENCES, REQ_HIGHLIGHT, REQ_HOVER, REQ_COMPLETION, REQ_PREPARE_RENAME, REQ_RENAME,
  REQ_REFACTORS, REQ_LINKS, REQ_FIX_ALL, REQ__COUNT
} Request;
static const char *const request_names[] = {"definition", "references",    "documentHighlight", "hover",
                                            "completion", "prepareRename", "rename",            "refactors",
                                            "documentLink", "fixAll"};

/* Runs one request and returns its time in microseconds. */
static double run(Workspace *ws, FileId id, size_t offset, Request req, const DiagList *diags) {
  NavSpanArray spans;
  array_init(&spans);
  Hover hover = {0};
  CompletionList completions = {0};
  DocLinkArray links;
  array_init(&links);
  NavSpan range;
  char *placeholder = NULL, *why = NULL;
  FixEdit whole = {0};
  FixArray refactors;
  array_init(&refactors);
  double t0 = bench_now_us();
  switch (req) {
    case REQ_DEFINITION: analysis_definition(ws, id, offset, &spans); break;
    case REQ_REFERENCES: analysis_references(ws, id, offset, true, &spans); break;
    case REQ_HIGHLIGHT: analysis_highlights(ws, id, offset, &spans); break;
    case REQ_HOVER:
      if (analysis_hover(ws, id, diags, offset, &hover)) xfree(hover.markdown);
      break;
    case REQ_COMPLETION: analysis_completion(ws, id, offset, true, &completions); break;
    case REQ_PREPARE_RENAME: analysis_prepare_rename(ws, id, offset, &range, &placeholder, &why); break;
    /* A name every kind of symbol may take (stage, variable, service). */
    case REQ_RENAME: analysis_rename(ws, id, offset, "renamed_1", &spans, &why); break;
    case REQ_LINKS: analysis_document_links(ws, id, &links); break;
    case REQ_FIX_ALL: analysis_fix_all_edit(ws, id, &whole); break;
    case REQ_REFACTORS: analysis_refactors(ws, id, offset, offset, &refactors); break;
    case REQ__COUNT: break;
  }
  double t = bench_now_us() - t0;
  xfree(placeholder);
  xfree(why);
  xfree(whole.text);
  doclinks_free(&links);
  array_delete(&spans);
  completion_list_free(&completions);
  fixarray_destroy(&refactors);
  return t;
}

/* Path completion after `env_file: ./` in a compose document opened next
 * to FILE, so that the folder listed is FILE's own on the real disk: the
 * first request lists it and asks what each entry is, the later ones are
 * answered by the workspace's disk cache. */
static void bench_path_completion(Workspace *ws, const char *file, double *times, size_t rounds) {
  static const char text[] = "services:\n  app:\n    image: nginx:1.27\n    env_file: ./\n";
  char *abs = path_absolute(file), *dir = path_dirname(abs), *path = path_join(dir, "bench-paths.yaml");
  char *uri = uri_from_path(path), *err = NULL;
  FileId id;
  if (!ws_open(ws, uri, DOC_KIND_COMPOSE, 1, text, sizeof text - 1, &id, &err)) {
    fprintf(stderr, "%s\n", err);
    exit(2);
  }
  size_t items = 0;
  for (size_t r = 0; r < rounds; r++) {
    CompletionList list = {0};
    double t0 = bench_now_us();
    analysis_completion(ws, id, sizeof text - 2, true, &list);
    times[r] = bench_now_us() - t0;
    items = list.items.len;
    completion_list_free(&list);
  }
  printf(", path completion (%zu entries) first %.0f us, then median %.0f us", items, times[0],
         bench_median(times + 1, rounds - 1));
  xfree(uri);
  xfree(path);
  xfree(dir);
  xfree(abs);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench_features FILE dockerfile|compose [ROUNDS]\n");
    return 2;
  }
  DocKind kind = strcmp(argv[2], "compose") == 0 ? DOC_KIND_COMPOSE : DOC_KIND_DOCKERFILE;
  size_t rounds = argc > 3 ? (size_t)atoi(argv[3]) : 200;
  Workspace *ws = ws_new(NULL);
  FileId id;
  char *err = NULL;
  if (!ws_load_file(ws, argv[1], kind, &id, &err)) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  DiagList diags;
  array_init(&diags);
  analysis_file(ws, id, &diags);
  /* The first symbol from the middle of the file on. */
  const TextDoc *text = ws_text(ws, id);
  size_t offset = text->len / 2;
  NavSpanArray probe;
  array_init(&probe);
  while (offset < text->len && !analysis_highlights(ws, id, offset, &probe)) offset++;
  size_t places = probe.len;
  array_delete(&probe);
  /* Completion is measured where it does the most: in a Dockerfile after
   * a `$` written on a new line before the symbol's (every variable in
   * scope is resolved there), in a compose file at the symbol (a service
   * reference, for which the symbol index is built).  The Dockerfile
   * with that line is a second document of the workspace. */
  FileId complete_id = id;
  size_t complete_at = offset;
  if (kind == DOC_KIND_DOCKERFILE) {
    static const char line[] = "RUN echo $\n";
    size_t line_start = offset;
    while (line_start > 0 && text->bytes[line_start - 1] != '\n') line_start--;
    char *edited = malloc(text->len + sizeof line);
    memcpy(edited, text->bytes, line_start);
    memcpy(edited + line_start, line, sizeof line - 1);
    memcpy(edited + line_start + sizeof line - 1, text->bytes + line_start, text->len - line_start);
    if (!ws_open(ws, "file:///bench/Dockerfile", DOC_KIND_DOCKERFILE, 1, edited, text->len + sizeof line - 1,
                 &complete_id, &err)) {
      fprintf(stderr, "%s\n", err);
      return 2;
    }
    free(edited);
    complete_at = line_start + sizeof line - 2;
  }
  /* The refactors are asked for on the last line, the farthest the walk
   * over the instructions goes. */
  size_t refactor_at = text->len > 1 ? text->len - 2 : 0;
  while (refactor_at > 0 && text->bytes[refactor_at - 1] != '\n') refactor_at--;
  size_t lines = 0;
  for (size_t i = 0; i < text->len; i++) lines += text->bytes[i] == '\n';
  double *times = calloc(rounds > 5 ? rounds : 5, sizeof *times);
  printf("features on %s (%zu lines, symbol at byte %zu with %zu places in the file, %zu rounds):", argv[1], lines,
         offset, places, rounds);
  for (int req = 0; req < REQ__COUNT; req++) {
    bool completion = req == REQ_COMPLETION;
    size_t n = req == REQ_FIX_ALL ? (rounds / 20 > 5 ? rounds / 20 : 5) : rounds;
    size_t at = completion ? complete_at : req == REQ_REFACTORS ? refactor_at : offset;
    for (size_t r = 0; r < n; r++) times[r] = run(ws, completion ? complete_id : id, at, (Request)req, &diags);
    double median = bench_median(times, n);
    printf("%s %s median %.0f us (p95 %.0f)", req ? "," : "", request_names[req], median, bench_p95_sorted(times, n));
  }
  if (kind == DOC_KIND_COMPOSE) bench_path_completion(ws, argv[1], times, rounds);
  printf("\n");
  free(times);
  diaglist_destroy(&diags);
  ws_delete(ws);
  return 0;
}
