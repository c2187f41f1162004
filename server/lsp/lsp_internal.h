/* This header is private to the LSP adapter: the session state and the
 * helpers its files share. */
#ifndef DOCKLS_LSP_LSP_INTERNAL_H_
#define DOCKLS_LSP_LSP_INTERNAL_H_

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "dockls/analysis/analysis.h"
#include "dockls/text/text.h"
#include "dockls/workspace/workspace.h"

/* JSON-RPC and LSP error codes, with the phrase used when a handler gives
 * no message of its own. */
#define LSP_ERRORS(X)                                        \
  X(PARSE_ERROR, -32700, "Parse error")                      \
  X(INVALID_REQUEST, -32600, "Invalid request")              \
  X(METHOD_NOT_FOUND, -32601, "Method not found")            \
  X(INVALID_PARAMS, -32602, "Invalid params")                \
  X(INTERNAL_ERROR, -32603, "Internal error")                \
  X(SERVER_NOT_INITIALIZED, -32002, "Server not initialized")

typedef enum {
#define X(name, code, text) LSP_ERR_##name = code,
  LSP_ERRORS(X)
#undef X
} LspErrorCode;

const char *lsp_error_text(LspErrorCode code);

/* A handler's failure: the code and a message (owned). */
typedef struct {
  LspErrorCode code;
  char *message;
} LspError;

/* Sets *err from a printf format; returns false for `return lsp_fail(...)`. */
bool lsp_fail(LspError *err, LspErrorCode code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

typedef struct {
  bool publish_version;        /* publishDiagnostics.versionSupport */
  bool document_changes;       /* workspaceEdit.documentChanges */
  bool create_files;           /* resourceOperations contains "create" */
  bool watched_files_dynamic;  /* didChangeWatchedFiles.dynamicRegistration */
  bool utf8;                   /* "utf-8" among general.positionEncodings */
} ClientCaps;

typedef struct {
  bool valid;
  int64_t version;
  uint64_t generation;
  DiagList diags;
} DiagCache;

typedef enum { SESSION_WAIT_INIT, SESSION_RUNNING, SESSION_SHUTDOWN } SessionState;

typedef struct LspSession {
  FILE *out;
  Workspace *ws;
  SessionState state;
  bool exit_requested;
  ClientCaps caps;
  PosEncoding enc;
  Array(DiagCache) cache; /* indexed by FileId */
  uint64_t generation;    /* bumped on every analysis, for pull resultIds */
  long next_request_id;
  const char *root_override;
} LspSession;

typedef bool (*LspHandler)(LspSession *s, const cJSON *params, cJSON **result, LspError *err);

/* --- transport of JSON (server.c) --- */
void lsp_send(LspSession *s, cJSON *message); /* takes ownership */
void lsp_notify(LspSession *s, const char *method, cJSON *params); /* takes params */
void lsp_show_error(LspSession *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- lifecycle and capabilities (caps.c) --- */
bool lsp_initialize(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_initialized(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
/* Rule levels from initializationOptions or didChangeConfiguration
 * settings: {"rules": {"rule-id": "off"}} or the same under "dockls". */
void lsp_apply_settings(LspSession *s, const cJSON *settings);

/* --- document sync (sync.c) --- */
bool lsp_did_open(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_did_change(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_did_close(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_did_save(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_did_change_watched(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_did_change_config(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
/* The diagnostics of a document for its current version (cached). */
const DiagList *lsp_diagnostics(LspSession *s, FileId id, uint64_t *generation);
void lsp_forget(LspSession *s, FileId id);

/* --- requests on documents (features.c) --- */
bool lsp_code_action(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_hover(LspSession *s, const cJSON *params, cJSON **result, LspError *err);
bool lsp_pull_diagnostics(LspSession *s, const cJSON *params, cJSON **result, LspError *err);

/* --- conversions (convert.c): the only code that knows the encoding --- */
bool conv_get_object(const cJSON *parent, const char *key, const cJSON **out, LspError *err);
bool conv_get_string(const cJSON *parent, const char *key, const char **out, LspError *err);
bool conv_get_int(const cJSON *parent, const char *key, int64_t *out, LspError *err);
/* The open document named by params.textDocument.uri. */
bool conv_document(LspSession *s, const cJSON *params, FileId *id, LspError *err);
bool conv_position(const cJSON *json, const char *what, TextPos *pos, LspError *err);
bool conv_offset(LspSession *s, FileId id, const cJSON *json, const char *what, size_t *offset,
                 LspError *err);
cJSON *conv_range(LspSession *s, FileId id, size_t start, size_t end);
cJSON *conv_diagnostic(LspSession *s, const Diag *d);
cJSON *conv_code_action(LspSession *s, const Diag *d, const Fix *fix);
cJSON *conv_workspace_edit(LspSession *s, const Fix *const *fixes, size_t count);

#endif
