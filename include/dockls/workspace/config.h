/* Configuration from `.dockls.yaml`, found upward from a file and
 * stopping at the workspace root (or one file named for the whole
 * workspace, see ws_use_config):
 *
 *   rules:
 *     apk-no-cache: off          # off | error | warning | info | hint
 *   ignore_paths:
 *     - legacy/old.Dockerfile
 *
 * plus overrides from the editor (initializationOptions,
 * workspace/didChangeConfiguration), which win over the file.  This layer
 * reads the YAML and records problems with positions; the analysis layer
 * knows the rule ids, validates them and applies the result. */
#ifndef DOCKLS_WORKSPACE_CONFIG_H_
#define DOCKLS_WORKSPACE_CONFIG_H_

#include <stdbool.h>

#include "dockls/base/array.h"
#include "dockls/workspace/workspace.h"

typedef struct {
  char *rule;                  /* as written */
  char *value;                 /* as written */
  size_t start, end;           /* the key, in the config file */
  size_t value_start, value_end;
} ConfigRule;
typedef Array(ConfigRule) ConfigRuleArray;

typedef struct {
  size_t start, end;
  char *message;
} ConfigProblem;

typedef struct Config {
  FileId file;                  /* the .dockls.yaml document */
  bool hadolint;                /* read from a .hadolint.yaml: `rules` name hadolint codes (DL3008) */
  bool hadolint_no_pragmas;     /* that file says `disable-ignore-pragma: true` */
  char *dir;                    /* its folder: ignore_paths are relative to it */
  ConfigRuleArray rules;
  StrArray ignore_paths;
  Array(ConfigProblem) problems; /* YAML errors and wrong shapes, in file order */
} Config;

/* The configuration that applies to `file`: the nearest .dockls.yaml in
 * its folder or above, up to the workspace root (or the file's own folder
 * when there is no root); when there is none, the nearest .hadolint.yaml
 * the same way, of which its `ignored:` list (codes turned off) and
 * `override:` levels are read, so a project configured for hadolint is
 * quiet under dockls for the same rules.  NULL when there is neither.  The lookup records
 * dependencies, so creating or editing a config re-publishes `file`.
 * Borrowed; valid until the config document changes. */
const Config *ws_config(Workspace *ws, FileId file);

/* From now on every file of the workspace uses the configuration in
 * `config_file` (a loaded document, read as .dockls.yaml whatever its
 * name), and no .dockls.yaml is searched for: `dockls check --config`. */
void ws_use_config(Workspace *ws, FileId config_file);

/* The configuration parsed from a .dockls.yaml document itself (for
 * reporting its problems).  Borrowed. */
const Config *ws_config_of(Workspace *ws, FileId config_file);

/* Editor overrides: replaces the list (copied). */
void ws_set_overrides(Workspace *ws, const ConfigRule *rules, size_t count);
const ConfigRuleArray *ws_overrides(const Workspace *ws);

/* Frees a Config (used by the workspace's cache). */
void config_delete(Config *config);

#endif
