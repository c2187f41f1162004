/* Fuzz target: the `.dockls.yaml` loader.  The input is the configuration
 * of a small project.  It is read twice: as an editor buffer and as the
 * file on disk; the Dockerfile and the compose file beside it must get the
 * same diagnostics either way, and every problem and diagnostic of the
 * configuration must lie inside it. */
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/workspace/config.h"
#include "fuzz_support.h"
#include "memfs.h"

/* The diagnostics of the Dockerfile and the compose file beside the
 * configuration, loaded as `dockls check` loads them. */
static char *neighbours_summary(Workspace *ws) {
  static const char *const paths[] = {"/w/Dockerfile", "/w/compose.yaml"};
  static const DocKind kinds[] = {DOC_KIND_DOCKERFILE, DOC_KIND_COMPOSE};
  DiagList diags;
  array_init(&diags);
  for (size_t i = 0; i < 2; i++) {
    FileId id;
    char *err = NULL;
    bool loaded = ws_load_file(ws, paths[i], kinds[i], &id, &err);
    fuzz_check(loaded, "the project's own file does not load: %s", err);
    analysis_file_without_fixes(ws, id, &diags);
  }
  char *summary = fuzz_diag_summary(ws, &diags);
  diaglist_destroy(&diags);
  return summary;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  FuzzProject open = fuzz_project_new();
  FileId buffer;
  char *err = NULL;
  if (!ws_open(open.ws, "file:///w/.dockls.yaml", DOC_KIND_CONFIG, 1, (const char *)data, size, &buffer, &err)) {
    fuzz_check(err != NULL, "a refused open gave no reason");
    xfree(err);
    fuzz_project_delete(&open);
    return 0;
  }
  const Config *config = ws_config_of(open.ws, buffer);
  fuzz_check(config != NULL, "a configuration document has no configuration");
  for (size_t i = 0; i < config->problems.len; i++)
    fuzz_check(config->problems.items[i].start <= config->problems.items[i].end &&
                   config->problems.items[i].end <= size,
               "a configuration problem lies outside the file");
  DiagList own;
  array_init(&own);
  analysis_file(open.ws, buffer, &own);
  for (size_t i = 0; i < own.len; i++)
    fuzz_check(own.items[i].start <= own.items[i].end && own.items[i].end <= size,
               "a diagnostic of the configuration lies outside it");
  diaglist_destroy(&own);
  char *from_buffer = neighbours_summary(open.ws);
  fuzz_project_delete(&open);

  /* The same configuration as the file on disk, found by the lookup. */
  FuzzProject disk = fuzz_project_new();
  memfs_add(disk.fs, "/w/.dockls.yaml", (const char *)data, size);
  char *from_disk = neighbours_summary(disk.ws);
  fuzz_project_delete(&disk);
  fuzz_check(strcmp(from_buffer, from_disk) == 0,
             "the configuration as a buffer and as a file give different diagnostics\n%s---\n%s", from_buffer,
             from_disk);
  xfree(from_buffer);
  xfree(from_disk);
  return 0;
}
