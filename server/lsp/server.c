/* The LSP session: the lifecycle state machine, the method table and the
 * main loop.  Everything runs on one thread, one message at a time, with
 * no debounce: a didChange is applied, analysed and published before the
 * next message is read.  The loop ends only on `exit` or end of input;
 * every other problem becomes an error response (requests) or a logged
 * message shown to the user (notifications, which get no response).  The
 * wire format is protocol.c's: this file sees messages only as envelopes
 * and hands their params on untouched. */
#include "dockls/lsp/server.h"

#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "dockls/base/alloc.h"
#include "dockls/base/log.h"
#include "dockls/base/strbuf.h"
#include "dockls/lsp/transport.h"
#include "jsonrpc.h"

typedef enum { METHOD_REQUEST, METHOD_NOTIFICATION } MethodKind;

enum { ANY_STATE = SESSION_WAIT_INIT | SESSION_RUNNING | SESSION_SHUTDOWN };

typedef struct {
  const char *name;
  LspMethodCall call;
  MethodKind kind;
  unsigned states;          /* SessionState bits in which the method is allowed */
  LspCapability capability; /* what the initialize result advertises for it */
} Method;

/* The method table: dispatch, "unknown method", the lifecycle checks and
 * the advertised capabilities all read it, so a method exists (and is
 * announced) exactly when it is listed here. */
static const Method methods[] = {
    {"initialize", proto_call_initialize, METHOD_REQUEST, SESSION_WAIT_INIT, LSP_CAP_NONE},
    {"initialized", proto_call_initialized, METHOD_NOTIFICATION, SESSION_RUNNING, LSP_CAP_NONE},
    {"shutdown", proto_call_shutdown, METHOD_REQUEST, SESSION_RUNNING, LSP_CAP_NONE},
    {"exit", proto_call_exit, METHOD_NOTIFICATION, ANY_STATE, LSP_CAP_NONE},
    {"textDocument/didOpen", proto_call_did_open, METHOD_NOTIFICATION, SESSION_RUNNING, LSP_CAP_SYNC},
    {"textDocument/didChange", proto_call_did_change, METHOD_NOTIFICATION, SESSION_RUNNING, LSP_CAP_SYNC},
    {"textDocument/didClose", proto_call_did_close, METHOD_NOTIFICATION, SESSION_RUNNING, LSP_CAP_SYNC},
    {"textDocument/didSave", proto_call_did_save, METHOD_NOTIFICATION, SESSION_RUNNING, LSP_CAP_SYNC},
    {"textDocument/codeAction", proto_call_code_action, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_CODE_ACTION},
    {"textDocument/hover", proto_call_hover, METHOD_REQUEST, SESSION_RUNNING, LSP_CAP_HOVER},
    {"textDocument/definition", proto_call_definition, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_DEFINITION},
    {"textDocument/references", proto_call_references, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_REFERENCES},
    {"textDocument/documentHighlight", proto_call_highlight, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_HIGHLIGHT},
    {"textDocument/completion", proto_call_completion, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_COMPLETION},
    {"textDocument/prepareRename", proto_call_prepare_rename, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_RENAME},
    {"textDocument/rename", proto_call_rename, METHOD_REQUEST, SESSION_RUNNING, LSP_CAP_RENAME},
    {"textDocument/documentLink", proto_call_document_link, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_DOCUMENT_LINK},
    {"textDocument/diagnostic", proto_call_pull_diagnostics, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_DIAGNOSTIC},
    {"textDocument/documentSymbol", proto_call_document_symbol, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_DOCUMENT_SYMBOL},
    {"textDocument/foldingRange", proto_call_folding_range, METHOD_REQUEST, SESSION_RUNNING, LSP_CAP_FOLDING},
    {"textDocument/semanticTokens/full", proto_call_semantic_tokens_full, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_SEMANTIC_TOKENS},
    {"textDocument/semanticTokens/full/delta", proto_call_semantic_tokens_delta, METHOD_REQUEST,
     SESSION_RUNNING, LSP_CAP_SEMANTIC_TOKENS},
    {"textDocument/selectionRange", proto_call_selection_range, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_SELECTION_RANGE},
    {"textDocument/formatting", proto_call_formatting, METHOD_REQUEST, SESSION_RUNNING, LSP_CAP_FORMATTING},
    {"textDocument/rangeFormatting", proto_call_range_formatting, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_RANGE_FORMATTING},
    {"textDocument/onTypeFormatting", proto_call_on_type_formatting, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_ON_TYPE_FORMATTING},
    {"workspace/executeCommand", proto_call_execute_command, METHOD_REQUEST, SESSION_RUNNING,
     LSP_CAP_EXECUTE_COMMAND},
    {"workspace/didChangeWatchedFiles", proto_call_did_change_watched, METHOD_NOTIFICATION,
     SESSION_RUNNING, LSP_CAP_NONE},
    {"workspace/didChangeConfiguration", proto_call_did_change_config, METHOD_NOTIFICATION,
     SESSION_RUNNING, LSP_CAP_NONE},
    {"$/cancelRequest", proto_call_ignore, METHOD_NOTIFICATION, SESSION_RUNNING, LSP_CAP_NONE},
    {"$/setTrace", proto_call_ignore, METHOD_NOTIFICATION, SESSION_RUNNING, LSP_CAP_NONE},
};

static const Method *lsp_find_method(const char *name) {
  for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
    if (strcmp(methods[i].name, name) == 0) return &methods[i];
  return NULL;
}

unsigned lsp_advertised_capabilities(void) {
  unsigned caps = 0;
  for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) caps |= methods[i].capability;
  return caps;
}

void lsp_show_error(LspSession *s, const char *fmt, ...) {
  StrBuf msg = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  strbuf_vappendf(&msg, fmt, ap);
  va_end(ap);
  log_error("%s", strbuf_cstr(&msg));
  StrBuf shown = STRBUF_INIT;
  strbuf_appendf(&shown, "dockls: %s", strbuf_cstr(&msg));
  proto_show_error(s, strbuf_cstr(&shown));
  strbuf_destroy(&shown);
  strbuf_destroy(&msg);
}

/* Decides whether the lifecycle allows this message now (unknown methods
 * are judged as if allowed while running); for a request that it does
 * not, fills *err with the reason the state gives. */
static bool lsp_allowed(const LspSession *s, const Envelope *env, const Method *m, LspError *err) {
  unsigned states = m ? m->states : SESSION_RUNNING;
  if (states & s->state) return true;
  if (env->kind != ENVELOPE_REQUEST) return false;
  if (s->state == SESSION_WAIT_INIT)
    lsp_fail(err, LSP_ERR_SERVER_NOT_INITIALIZED, "%s: the server is not initialized yet", env->method);
  else if (s->state == SESSION_SHUTDOWN)
    lsp_fail(err, LSP_ERR_INVALID_REQUEST, "%s: the server is shutting down", env->method);
  else
    lsp_fail(err, LSP_ERR_INVALID_REQUEST, "%s: the server is already initialized", env->method);
  return false;
}

static void lsp_dispatch(LspSession *s, const Envelope *env) {
  const Method *m = lsp_find_method(env->method);
  LspError err = {0, NULL};
  struct cJSON *result = NULL;
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
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ok = m->call(s, env->params, &result, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    log_debug("%s %s: %.3f ms%s", env->kind == ENVELOPE_REQUEST ? "request" : "notification",
              env->method, (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
              ok ? "" : " (failed)");
    lsp_flush_refresh(s);
  }
  if (env->kind == ENVELOPE_REQUEST && ok && s->defer_to) {
    /* The handler sent a request of its own; this one is answered when
     * the client answers it (lsp_client_reply). */
    LspPending pending = {s->defer_to, proto_copy_id(env->id), s->defer_title};
    array_push(&s->pending, pending);
    s->defer_title = NULL; /* the pending entry owns it now */
    proto_discard(result);
  } else if (env->kind == ENVELOPE_REQUEST) {
    if (ok) proto_respond(s, env->id, result);
    else proto_respond_error(s, env->id, err.code, err.message);
  } else {
    proto_discard(result);
    if (!ok && err.message) lsp_show_error(s, "%s (%d)", err.message, err.code);
  }
  /* A handler that sent a request of its own while serving a notification
   * (executeCommand sent without an id) leaves a title nobody waits for. */
  s->defer_to = 0;
  xfree(s->defer_title);
  s->defer_title = NULL;
  xfree(err.message);
}

static void lsp_handle_body(LspSession *s, const char *body, size_t len) {
  struct cJSON *root, *error_id;
  Envelope env;
  LspError err = {0, NULL};
  if (!jsonrpc_parse(body, len, &root, &env, &err, &error_id)) {
    log_warn("%s", err.message);
    proto_respond_error(s, error_id, err.code, err.message);
    jsonrpc_free(error_id);
    xfree(err.message);
    return;
  }
  jsonrpc_free(error_id);
  if (env.kind == ENVELOPE_RESPONSE) {
    ClientReply reply;
    proto_read_reply(env.id, env.reply, env.is_error, &reply);
    lsp_client_reply(s, &reply);
  } else {
    lsp_dispatch(s, &env);
  }
  jsonrpc_free(root);
}

int lsp_run(FILE *in, FILE *out, const LspOptions *options) {
  proto_init();
  LspSession s;
  memset(&s, 0, sizeof s);
  transport_out_init(&s.out, out);
  s.ws = ws_new(NULL);
  s.enc = POS_ENC_UTF16;
  s.state = SESSION_WAIT_INIT;
  s.root_override = options ? options->root_override : NULL;
  s.ignore_process_id = options && options->ignore_process_id;
  array_init(&s.kind_notes);
  array_init(&s.pending);
  if (options && options->client_pid > 0) lsp_watch_client_process(options->client_pid);
  StrBuf body = STRBUF_INIT;
  while (!s.exit_requested) {
    char *err = NULL;
    FrameStatus st = transport_read(in, &body, &err);
    if (st == FRAME_EOF) break;
    if (st == FRAME_BAD) {
      log_warn("%s", err);
      proto_respond_error(&s, NULL, LSP_ERR_PARSE_ERROR, err);
      xfree(err);
      continue;
    }
    lsp_handle_body(&s, body.data, body.len);
  }
  strbuf_destroy(&body);
  for (size_t i = 0; i < s.cache.len; i++) {
    diaglist_destroy(&s.cache.items[i].diags);
    diag_loan_end(s.cache.items[i].loan);
    array_delete(&s.cache.items[i].fixed);
    array_delete(&s.cache.items[i].tokens);
    diag_json_cache_destroy(&s.cache.items[i].json);
  }
  strbuf_destroy(&s.wire);
  transport_out_destroy(&s.out);
  array_delete(&s.cache);
  lsp_pending_destroy(&s);
  strarray_delete(&s.kind_notes);
  ws_delete(s.ws);
  return s.state == SESSION_SHUTDOWN ? 0 : 1;
}
