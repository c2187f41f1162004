/* The lifecycle handlers: initialize keeps what the client can do (read by
 * protocol.c into ClientCaps), picks the position encoding and the
 * workspace root; initialized registers the file watchers; shutdown and
 * exit move the state machine.  The capabilities dockls answers with are
 * derived from the method table in server.c, so they cannot drift from
 * what is served. */
#include "dockls/base/alloc.h"
#include "dockls/base/log.h"
#include "dockls/base/strbuf.h"
#include "lsp_internal.h"

void lsp_apply_settings(LspSession *s, const LspSettings *settings) {
  if (!settings->present) return;
  StrBuf levels = STRBUF_INIT;
  for (size_t i = 0; i < settings->rules.len; i++)
    strbuf_appendf(&levels, "%s%s=%s", i ? ", " : "", settings->rules.items[i].rule,
                   settings->rules.items[i].value);
  log_info("settings: rule levels %s", settings->rules.len ? strbuf_cstr(&levels) : "(none)");
  strbuf_destroy(&levels);
  ws_set_overrides(s->ws, settings->rules.items, settings->rules.len);
}

bool lsp_initialize(LspSession *s, const InitializeParams *params, LspError *err) {
  (void)err;
  s->caps = params->caps;
  s->enc = s->caps.utf8 ? POS_ENC_UTF8 : POS_ENC_UTF16;
  ws_set_root(s->ws, s->root_override ? s->root_override : params->root);
  s->pull_mode = s->caps.pull_diagnostics;
  log_info("dockls %s: position encoding %s, workspace root %s, diagnostics %s", DOCKLS_VERSION,
           s->enc == POS_ENC_UTF8 ? "utf-8" : "utf-16", ws_root(s->ws) ? ws_root(s->ws) : "(none)",
           s->pull_mode ? "pulled by the client (it supports textDocument/diagnostic)"
                        : "pushed (publishDiagnostics)");
  if (params->has_process_id && !s->ignore_process_id) lsp_watch_client_process((long)params->process_id);
  lsp_apply_settings(s, &params->settings);
  s->state = SESSION_RUNNING;
  return true;
}

void lsp_initialized(LspSession *s) {
  if (!s->caps.watched_files_dynamic) return;
  /* Files that open documents depend on (neighbour Dockerfiles, package
   * manifests, env and config files) are watched through the client, so
   * changes made outside the editor still re-publish diagnostics. */
  static const char *const globs[] = {"**/*[Dd]ockerfile*", "**/*[Cc]ontainerfile*",
                                      "**/*compose*.{yml,yaml}", "**/package.json",
                                      "**/package-lock.json", "**/npm-shrinkwrap.json",
                                      "**/supervisord.conf", "**/.env", "**/.env.example",
                                      "**/.dockls.yaml"};
  proto_register_watchers(s, globs, sizeof globs / sizeof *globs);
}

void lsp_shutdown(LspSession *s) { s->state = SESSION_SHUTDOWN; }

void lsp_exit(LspSession *s) { s->exit_requested = true; }
