/* `dockls format [--check] PATH...`: formats Dockerfiles in place, or with
 * --check lists the files that formatting would change and fails, for CI.
 * Folders are not walked: formatting rewrites files, so it touches only the
 * ones named.  Compose files are reported and left alone (docs/cli.md says
 * why). */
#include <stdint.h>
#include <string.h>

#include "cli_internal.h"
#include "dockls/analysis/format.h"
#include "dockls/base/alloc.h"
#include "dockls/text/edit.h"
#include "dockls/workspace/doc_kind.h"

/* Formats one file; returns 0 (unchanged or rewritten), 1 (--check and it
 * would change) or 2 (unreadable, not a Dockerfile, or not writable). */
static int format_file(Workspace *ws, const char *path, bool check, FILE *out, FILE *err) {
  DocKind kind = doc_kind_from_name(path);
  if (kind == DOC_KIND_COMPOSE) {
    fprintf(err, "dockls format: %s: compose files are not formatted\n", path);
    return 0;
  }
  FileId id;
  char *why = NULL;
  if (!ws_load_file(ws, path, DOC_KIND_DOCKERFILE, &id, &why)) {
    fprintf(err, "dockls format: %s\n", why);
    xfree(why);
    return 2;
  }
  FormatEditArray edits;
  array_init(&edits);
  analysis_format(ws, id, 0, SIZE_MAX, &edits);
  int status = 0;
  if (edits.len && check) {
    fprintf(out, "%s: would be reformatted (%zu change%s)\n", path, edits.len, edits.len == 1 ? "" : "s");
    status = 1;
  } else if (edits.len) {
    Array(TextReplacement) repls;
    array_init(&repls);
    for (size_t i = 0; i < edits.len; i++) {
      TextReplacement r = {edits.items[i].start, edits.items[i].end, edits.items[i].text};
      array_push(&repls, r);
    }
    if (!ws_apply_replacements(ws, id, repls.items, repls.len, &why)) {
      fprintf(err, "dockls format: %s: %s\n", path, why);
      xfree(why);
      status = 2;
    } else if (!cli_write_text("format", path, ws_text(ws, id), err)) {
      status = 2;
    }
    array_delete(&repls);
  }
  analysis_format_edits_free(&edits);
  ws_compact(ws, id);
  return status;
}

int cli_format(int argc, char **argv, FILE *out, FILE *err) {
  bool check = false;
  int first = 0;
  for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
    if (strcmp(argv[first], "--check") == 0) {
      check = true;
    } else if (strcmp(argv[first], "--") == 0) {
      first++;
      break;
    } else {
      fprintf(err, "dockls format: unknown option %s\nusage: dockls format [--check] PATH...\n", argv[first]);
      return 2;
    }
  }
  if (first >= argc) {
    fprintf(err, "usage: dockls format [--check] PATH...\n");
    return 2;
  }
  Workspace *ws = ws_new(NULL);
  int status = 0;
  for (int i = first; i < argc; i++) {
    int s = format_file(ws, argv[i], check, out, err);
    if (s > status) status = s;
  }
  ws_delete(ws);
  return status;
}
