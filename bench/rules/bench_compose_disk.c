/* Compose keystroke cost, disk included: opens a compose file through its
 * real path (so relative volumes, `.env` and build contexts are looked up
 * on disk beside it, as the server does), runs the full rule set once as a
 * publish, then types one character into the `image:` value nearest the
 * middle of the file and deletes it again, analysing after each keystroke as the server
 * does for a publish (without building quick-fixes, which a code action
 * builds when asked).
 * Run it under `strace -c -f` with ROUNDS 0 and ROUNDS N and subtract to
 * count the system calls of N keystrokes (docs/performance.md).
 * Usage: bench_compose_disk FILE [ROUNDS] [ROOT]
 * Without ROOT the workspace has none, as with an editor that sends none.
 * With BENCH_COMPOSE_AT=end in the environment the character goes into the
 * last `image:` value instead, to measure a keystroke at the end of the
 * file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bench_clock.h"
#include "bench_input.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/base/uri.h"

/* The byte just after the `image:` value on the line nearest `from` (or
 * the last one before it), where typing keeps the YAML valid. */
static size_t image_value_end(const char *bytes, size_t len, size_t from) {
  const char *hit = NULL;
  for (const char *p = bytes; (p = strstr(p, "image: ")) != NULL; p++) {
    hit = p;
    if ((size_t)(p - bytes) >= from) break;
  }
  if (!hit) return len / 2;
  const char *eol = strchr(hit, '\n');
  return eol ? (size_t)(eol - bytes) : len;
}

int main(int argc, char **argv) {
  size_t len, rounds;
  char *bytes = bench_read_input(argc, argv, "bench_compose_disk FILE [ROUNDS] [ROOT]", &len, &rounds);
  if (!bytes) return 2;
  char *err = NULL;
  char *abs = path_absolute(argv[1]);
  char *uri = uri_from_path(abs);
  Workspace *ws = ws_new(argc > 3 ? argv[3] : NULL);
  FileId id;
  if (!ws_open(ws, uri, DOC_KIND_COMPOSE, 1, bytes, len, &id, &err)) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  DiagList list;
  array_init(&list);
  /* A publish, as the server's didOpen runs: the keystrokes then take the
   * results it kept for the services they leave alone. */
  analysis_file_without_fixes(ws, id, &list);
  size_t diags = list.len;
  const char *place = getenv("BENCH_COMPOSE_AT");
  size_t from = place && strcmp(place, "end") == 0 ? len : len / 2;
  TextPos at = text_pos_of(ws_text(ws, id), image_value_end(bytes, len, from), POS_ENC_UTF8);
  TextPos after = at;
  after.character++;
  double *samples = calloc(rounds ? rounds : 1, sizeof *samples);
  for (size_t r = 0; r < rounds; r++) {
    /* Even rounds type an "x", odd rounds delete it: the text returns to
     * the original every two keystrokes. */
    TextChange c = r % 2 ? (TextChange){false, at, after, "", 0} : (TextChange){false, at, at, "x", 1};
    diaglist_clear(&list);
    double t = bench_now_us();
    ws_change(ws, id, (int64_t)r + 2, &c, 1, POS_ENC_UTF8, &err);
    analysis_file_without_fixes(ws, id, &list);
    samples[r] = bench_now_us() - t;
  }
  printf("compose keystroke on %s (%zu diagnostics, %zu keystrokes, root %s): median %.0f us\n", argv[1],
         diags, rounds, argc > 3 ? argv[3] : "none", rounds ? bench_median(samples, rounds) : 0.0);
  free(samples);
  diaglist_destroy(&list);
  ws_delete(ws);
  xfree(uri);
  xfree(abs);
  xfree(bytes);
  return 0;
}
