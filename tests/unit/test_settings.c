/* Where a rule's level comes from.  Three places can set it and the
 * nearest to the person wins: the editor's override (initializationOptions
 * or workspace/didChangeConfiguration), then the nearest .dockls.yaml, then
 * the rule's default.  The first tests drive the workspace API directly;
 * the last runs a whole LSP session over a real folder, so the override
 * travels the way an editor sends it.  compose-version-obsolete (default
 * info) is the rule under test because compose files need only the YAML
 * grammar, which is always built. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"
#include "diag_count.h"
#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/workspace/config.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "lsp_client.h"

static char dir[64];

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/dockls-settings-XXXXXX");
  cr_assert_not_null(mkdtemp(dir));
  static const char compose[] = "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n";
  cr_assert(test_write_file(dir, "compose.yaml", compose, sizeof compose - 1));
}

static void teardown(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(settings, .init = setup, .fini = teardown);

static void write_config(const char *text) {
  cr_assert(test_write_file(dir, ".dockls.yaml", text, strlen(text)));
}

/* The severity compose-version-obsolete gets in compose.yaml with the
 * editor overrides (rule, value) given, or 0 when it is not reported. */
static int level_with_overrides(const ConfigRule *rules, size_t count) {
  Workspace *ws = ws_new(dir);
  if (count) ws_set_overrides(ws, rules, count);
  char *path = path_append(dir, "compose.yaml"), *err = NULL;
  FileId id;
  cr_assert(ws_load_file(ws, path, DOC_KIND_COMPOSE, &id, &err), "%s", err);
  int level = test_rule_severity(ws, id, RULE_COMPOSE_VERSION_OBSOLETE);
  xfree(path);
  ws_delete(ws);
  return level;
}

/* The same with one override of compose-version-obsolete (NULL: none). */
static int level_with(const char *override) {
  ConfigRule rule = {.rule = "compose-version-obsolete", .value = (char *)override};
  return level_with_overrides(&rule, override ? 1 : 0);
}

Test(settings, default_applies_without_config_or_override) {
  cr_assert_eq(level_with(NULL), SEV_INFO);
}

Test(settings, config_file_sets_the_level) {
  write_config("rules:\n  compose-version-obsolete: error\n");
  cr_assert_eq(level_with(NULL), SEV_ERROR);
  write_config("rules:\n  compose-version-obsolete: off\n");
  cr_assert_eq(level_with(NULL), 0);
}

/* An override for another rule leaves this one to the file. */
Test(settings, editor_override_beats_config_file) {
  write_config("rules:\n  compose-version-obsolete: off\n");
  cr_assert_eq(level_with("warning"), SEV_WARNING);
  write_config("rules:\n  compose-version-obsolete: error\n");
  cr_assert_eq(level_with("off"), 0);
  cr_assert_eq(level_with("hint"), SEV_HINT);
  ConfigRule other = {.rule = "compose-no-limits", .value = "error"};
  cr_assert_eq(level_with_overrides(&other, 1), SEV_ERROR,
               "the file's `error` must still apply when the override names another rule");
}

/* An invalid override value is ignored rather than switching the rule off. */
Test(settings, invalid_override_falls_back_to_config_file) {
  write_config("rules:\n  compose-version-obsolete: error\n");
  cr_assert_eq(level_with("loud"), SEV_ERROR);
}

/* The severity of compose-version-obsolete in the session's last publish,
 * or 0 when it is absent. */
static int published_level(const LspResult *r) {
  int level = 0;
  for (size_t i = 0; i < r->messages.len; i++) {
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(r->messages.items[i], "params");
    const cJSON *diags = cJSON_GetObjectItemCaseSensitive(params, "diagnostics");
    if (!cJSON_IsArray(diags)) continue;
    level = 0;
    const cJSON *d;
    cJSON_ArrayForEach(d, diags) {
      const cJSON *code = cJSON_GetObjectItemCaseSensitive(d, "code");
      if (cJSON_IsString(code) && strcmp(code->valuestring, "compose-version-obsolete") == 0)
        level = cJSON_GetObjectItemCaseSensitive(d, "severity")->valueint;
    }
  }
  return level;
}

static int session_level(const char *init_options) {
  char buf[1024];
  LspScript s = {STRBUF_INIT};
  snprintf(buf, sizeof buf,
           "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"rootUri\":\"file://%s\","
           "\"initializationOptions\":%s,\"capabilities\":{}}}",
           dir, init_options);
  lsp_script_send(&s, buf);
  snprintf(buf, sizeof buf,
           "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":"
           "\"file://%s/compose.yaml\",\"languageId\":\"dockercompose\",\"version\":1,\"text\":"
           "\"version: \\\"3.8\\\"\\nservices:\\n  web:\\n    image: nginx:1.27\\n\"}}}",
           dir);
  lsp_script_send(&s, buf);
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  LspResult r;
  lsp_script_run(&s, &r);
  int level = published_level(&r);
  lsp_result_destroy(&r);
  lsp_script_destroy(&s);
  return level;
}

Test(settings, lsp_initialization_options_beat_config_file) {
  write_config("rules:\n  compose-version-obsolete: off\n");
  cr_assert_eq(session_level("{}"), 0, "the file turns the rule off");
  cr_assert_eq(session_level("{\"rules\":{\"compose-version-obsolete\":\"warning\"}}"), SEV_WARNING,
               "initializationOptions must win over .dockls.yaml");
}

/* The configuration found for a document is kept from one analysis to the
 * next (ws_config): edits of the document keep it, and still record the
 * edge to the configuration file, so that an edit there re-publishes the
 * document; a configuration written or changed on disk, which the server
 * hears of (ws_refresh and ws_forget_disk), is seen at once.  The compose
 * file sits a folder below the configuration, so that the edge to its own
 * folder (its rules read neighbours there) does not stand in for that one. */
Test(settings, a_kept_configuration_keeps_its_edges_and_follows_the_disk) {
  static const char compose[] = "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n";
  cr_assert(test_write_file(dir, "proj/compose.yaml", compose, sizeof compose - 1));
  Workspace *ws = ws_new(dir);
  char *path = path_append(dir, "proj/compose.yaml"), *config = path_append(dir, ".dockls.yaml"), *err = NULL;
  FileId id;
  cr_assert(ws_load_file(ws, path, DOC_KIND_COMPOSE, &id, &err), "%s", err);
  cr_assert_eq(test_rule_severity(ws, id, RULE_COMPOSE_VERSION_OBSOLETE), SEV_INFO);
  write_config("rules:\n  compose-version-obsolete: error\n");
  ws_refresh(ws, config);
  ws_forget_disk(ws, config);
  cr_assert_eq(test_rule_severity(ws, id, RULE_COMPOSE_VERSION_OBSOLETE), SEV_ERROR, "the new file");
  for (int i = 0; i < 3; i++) {
    TextReplacement r = {0, 0, "# typed\n"};
    cr_assert(ws_apply_replacements(ws, id, &r, 1, &err), "%s", err);
    cr_assert_eq(test_rule_severity(ws, id, RULE_COMPOSE_VERSION_OBSOLETE), SEV_ERROR, "after edit %d", i);
    cr_assert(test_depends_on(ws, id, config), "the edge to the configuration after edit %d", i);
  }
  write_config("rules:\n  compose-version-obsolete: off\n");
  ws_refresh(ws, config);
  ws_forget_disk(ws, config);
  cr_assert_eq(test_rule_severity(ws, id, RULE_COMPOSE_VERSION_OBSOLETE), 0, "the changed file");
  xfree(path);
  xfree(config);
  ws_delete(ws);
}
