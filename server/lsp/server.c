/* The LSP session: the lifecycle state machine, the method table and the
 * main loop.  Everything runs on one thread, one message at a time, with
 * no debounce: a didChange is applied, analysed and published before the
 * next message is read.  The loop ends only on `exit` or end of input;
 * every other problem becomes an error response (requests) or a logged
 * message shown to the user (notifications, which get no response). */
#include "dockls/lsp/server.h"

#include <stdarg.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/log.h"
#include "dockls/base/strbuf.h"
#include "dockls/lsp/transport.h"
#include "jsonrpc.h"

typedef enum { METHOD_REQUEST, METHOD_NOTIFICATION } MethodKind;

typedef struct {
  const char *name;
  LspHandler handler;
  MethodKind kind;
} Method;

static bool lsp_shutdown(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
static bool lsp_exit(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
static bool lsp_ignore(LspSession *s, const cJSON *params, cJSON **result, LspError *err);

/* The method table: dispatch, "unknown method" and the lifecycle checks
 * all read it, so a method exists exactly when it is listed here. */
static const Method methods[] = {
    {"initialize", lsp_initialize, METHOD_REQUEST},
    {"initialized", lsp_initialized, METHOD_NOTIFICATION},
    {"shutdown", lsp_shutdown, METHOD_REQUEST},
    {"exit", lsp_exit, METHOD_NOTIFICATION},
    {"textDocument/didOpen", lsp_did_open, METHOD_NOTIFICATION},
    {"textDocument/didChange", lsp_did_change, METHOD_NOTIFICATION},
    {"textDocument/didClose", lsp_did_close, METHOD_NOTIFICATION},
    {"textDocument/didSave", lsp_did_save, METHOD_NOTIFICATION},
    {"textDocument/codeAction", lsp_code_action, METHOD_REQUEST},
    {"textDocument/hover", lsp_hover, METHOD_REQUEST},
    {"textDocument/diagnostic", lsp_pull_diagnostics, METHOD_REQUEST},
    {"workspace/didChangeWatchedFiles", lsp_did_change_watched, METHOD_NOTIFICATION},
    {"workspace/didChangeConfiguration", lsp_did_change_config, METHOD_NOTIFICATION},
    {"$/cancelRequest", lsp_ignore, METHOD_NOTIFICATION},
    {"$/setTrace", lsp_ignore, METHOD_NOTIFICATION},
};

static const Method *lsp_find_method(const char *name) {
  for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
    if (strcmp(methods[i].name, name) == 0) return &methods[i];
  return NULL;
}

void lsp_send(LspSession *s, cJSON *message) {
  char *text = cJSON_PrintUnformatted(message);
  transport_write(s->out, text, strlen(text));
  cJSON_free(text);
  cJSON_Delete(message);
}

void lsp_notify(LspSession *s, const char *method, cJSON *params) {
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  cJSON_AddStringToObject(msg, "method", method);
  cJSON_AddItemToObject(msg, "params", params);
  lsp_send(s, msg);
}

void lsp_show_error(LspSession *s, const char *fmt, ...) {
  StrBuf msg = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  strbuf_vappendf(&msg, fmt, ap);
  va_end(ap);
  log_error("%s", strbuf_cstr(&msg));
  cJSON *params = cJSON_CreateObject();
  cJSON_AddNumberToObject(params, "type", 1);
  StrBuf shown = STRBUF_INIT;
  strbuf_appendf(&shown, "dockls: %s", strbuf_cstr(&msg));
  cJSON_AddStringToObject(params, "message", strbuf_cstr(&shown));
  strbuf_destroy(&shown);
  lsp_notify(s, "window/showMessage", params);
  strbuf_destroy(&msg);
}

static bool lsp_shutdown(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)params, (void)err;
  s->state = SESSION_SHUTDOWN;
  *result = NULL;
  return true;
}

static bool lsp_exit(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)params, (void)result, (void)err;
  s->exit_requested = true;
  return true;
}

static bool lsp_ignore(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  (void)s, (void)params, (void)result, (void)err;
  return true;
}

/* Decides whether the lifecycle allows this message now; for a request
 * that it does not, fills *err. */
static bool lsp_allowed(const LspSession *s, const Envelope *env, const Method *m, LspError *err) {
  bool is_exit = m && m->handler == lsp_exit;
  if (is_exit) return true;
  if (s->state == SESSION_WAIT_INIT && !(m && m->handler == lsp_initialize)) {
    if (env->kind == ENVELOPE_REQUEST)
      lsp_fail(err, LSP_ERR_SERVER_NOT_INITIALIZED, "%s: the server is not initialized yet",
               env->method);
    return false;
  }
  if (s->state == SESSION_SHUTDOWN) {
    if (env->kind == ENVELOPE_REQUEST)
      lsp_fail(err, LSP_ERR_INVALID_REQUEST, "%s: the server is shutting down", env->method);
    return false;
  }
  if (s->state == SESSION_RUNNING && m && m->handler == lsp_initialize) {
    if (env->kind == ENVELOPE_REQUEST)
      lsp_fail(err, LSP_ERR_INVALID_REQUEST, "initialize: the server is already initialized");
    return false;
  }
  return true;
}

static void lsp_dispatch(LspSession *s, const Envelope *env) {
  const Method *m = lsp_find_method(env->method);
  LspError err = {0, NULL};
  cJSON *result = NULL;
  bool ok;
  if (!lsp_allowed(s, env, m, &err)) {
    ok = false;
  } else if (!m) {
    /* Unknown notifications (including "$/" ones) are ignored, as LSP asks. */
    if (env->kind == ENVELOPE_NOTIFICATION) return;
    ok = lsp_fail(&err, LSP_ERR_METHOD_NOT_FOUND, "unknown method %s", env->method);
  } else if (env->has_nul) {
    ok = lsp_fail(&err, LSP_ERR_INVALID_PARAMS,
                  "%s: the message contains a NUL character (\\u0000), which dockls does not accept",
                  env->method);
  } else {
    ok = m->handler(s, env->params, &result, &err);
  }
  if (env->kind == ENVELOPE_REQUEST) {
    lsp_send(s, ok ? jsonrpc_result(env->id, result)
                   : jsonrpc_error(env->id, err.code, err.message));
  } else {
    cJSON_Delete(result);
    if (!ok && err.message) lsp_show_error(s, "%s (%d)", err.message, err.code);
  }
  xfree(err.message);
}

static void lsp_handle_body(LspSession *s, const char *body, size_t len) {
  cJSON *root, *error_id;
  Envelope env;
  LspError err = {0, NULL};
  if (!jsonrpc_parse(body, len, &root, &env, &err, &error_id)) {
    log_warn("%s", err.message);
    lsp_send(s, jsonrpc_error(error_id, err.code, err.message));
    cJSON_Delete(error_id);
    xfree(err.message);
    return;
  }
  cJSON_Delete(error_id);
  if (env.kind == ENVELOPE_RESPONSE) {
    /* Answers to our own requests (client/registerCapability) need no
     * action; a failure is worth a log line. */
    if (cJSON_GetObjectItemCaseSensitive(root, "error")) log_info("client answered a request with an error");
  } else {
    lsp_dispatch(s, &env);
  }
  cJSON_Delete(root);
}

int lsp_run(FILE *in, FILE *out, const LspOptions *options) {
  static cJSON_Hooks hooks = {xmalloc, xfree};
  cJSON_InitHooks(&hooks);
  LspSession s;
  memset(&s, 0, sizeof s);
  s.out = out;
  s.ws = ws_new(NULL);
  s.enc = POS_ENC_UTF16;
  s.state = SESSION_WAIT_INIT;
  s.root_override = options ? options->root_override : NULL;
  StrBuf body = STRBUF_INIT;
  while (!s.exit_requested) {
    char *err = NULL;
    FrameStatus st = transport_read(in, &body, &err);
    if (st == FRAME_EOF) break;
    if (st == FRAME_BAD) {
      log_warn("%s", err);
      lsp_send(&s, jsonrpc_error(NULL, LSP_ERR_PARSE_ERROR, err));
      xfree(err);
      continue;
    }
    lsp_handle_body(&s, body.data, body.len);
  }
  strbuf_destroy(&body);
  for (size_t i = 0; i < s.cache.len; i++) diaglist_destroy(&s.cache.items[i].diags);
  array_delete(&s.cache);
  ws_delete(s.ws);
  return s.state == SESSION_SHUTDOWN ? 0 : 1;
}
