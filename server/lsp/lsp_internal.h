/* This header is private to the LSP adapter: the session state and the
 * helpers its files share.  Nothing here knows JSON: messages arrive as
 * the typed structs of protocol.h and leave through the proto_* writers,
 * both implemented in protocol.c. */
#ifndef DOCKLS_LSP_LSP_INTERNAL_H_
#define DOCKLS_LSP_LSP_INTERNAL_H_

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "dockls/analysis/analysis.h"
#include "dockls/text/text.h"
#include "dockls/lsp/transport.h"
#include "dockls/workspace/workspace.h"
#include "diag_json.h"
#include "protocol.h"

/* JSON-RPC and LSP error codes, with the phrase used when a handler gives
 * no message of its own. */
#define LSP_ERRORS(X)                                        \
  X(PARSE_ERROR, -32700, "Parse error")                      \
  X(INVALID_REQUEST, -32600, "Invalid request")              \
  X(METHOD_NOT_FOUND, -32601, "Method not found")            \
  X(INVALID_PARAMS, -32602, "Invalid params")                \
  X(INTERNAL_ERROR, -32603, "Internal error")                \
  X(SERVER_NOT_INITIALIZED, -32002, "Server not initialized") \
  X(REQUEST_FAILED, -32803, "Request failed")

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
  bool valid;
  int64_t version;
  uint64_t generation;
  DiagList diags;
  /* The loan `diags` holds for the borrowed copies in it
   * (analysis_file_borrowing), let go once they are cleared. */
  DiagLoan *loan;
  /* Which of `diags` carry their fixes.  A publish analyses without them
   * (a keystroke needs none); a code action runs the rules of the
   * diagnostics in its range again, building only those diagnostics'
   * fixes, and moves them onto the cached ones. */
  Array(bool) fixed;
  /* The semantic tokens last sent for the document and their resultId,
   * which a full/delta request names to get only the difference. */
  U32Array tokens;
  char tokens_id[32];
  /* The wire text of the diagnostics last sent for the document, kept
   * only for the few documents published last (see sync_publish). */
  DiagJsonCache json;
  uint64_t json_publish; /* the publish that last used `json` */
} DiagCache;

/* Lifecycle states, as bits so that the method table can list the states
 * in which a method is allowed. */
typedef enum {
  SESSION_WAIT_INIT = 1u << 0,
  SESSION_RUNNING = 1u << 1,
  SESSION_SHUTDOWN = 1u << 2
} SessionState;

/* A request of the client whose answer waits for the client's answer to
 * a request of ours (workspace/executeCommand waits for the
 * workspace/applyEdit it sent).  Our requests are numbered by the
 * session's own counter, apart from the ids the client chooses. */
typedef struct {
  long id;                  /* our request */
  struct cJSON *reply_to;   /* owned copy of the waiting request's id */
  char *title;              /* owned: what was asked, for the messages */
} LspPending;

typedef struct LspSession {
  TransportOut out;
  Workspace *ws;
  SessionState state;
  bool exit_requested;
  ClientCaps caps;
  PosEncoding enc;
  Array(DiagCache) cache; /* indexed by FileId */
  uint64_t generation;    /* bumped on every analysis, for pull resultIds */
  uint64_t tokens_generation; /* bumped on every semantic tokens answer, for their resultIds */
  uint64_t publishes;         /* diagnostics pushed so far, to age the JSON caches */
  long next_request_id;
  const char *root_override;
  bool ignore_process_id;     /* LspOptions.ignore_process_id */
  /* Diagnostics are pulled by this client (it declared
   * textDocument.diagnostic), so none are pushed: VS Code would list a
   * pushed and a pulled copy of each. */
  bool pull_mode;
  /* In pull mode, a dependency edge fired while handling the current
   * message: the client must pull again (workspace/diagnostic/refresh). */
  bool refresh_wanted;
  /* URIs whose file name overruled their languageId, logged once each. */
  StrArray kind_notes;
  /* The text of the last publishDiagnostics, kept so that the buffer of
   * a large message is not grown from nothing on every keystroke. */
  StrBuf wire;
  /* Requests of the client answered when the client answers ours. */
  Array(LspPending) pending;
  /* Set by a handler that sent a request of ours and wants the current
   * request answered only once that one is answered (0: answer now);
   * the dispatcher moves it into `pending` with the request's id. */
  long defer_to;
  char *defer_title;
} LspSession;

/* --- the method table (server.c) --- */
/* The capabilities the methods of the table advertise (LspCapability bits). */
unsigned lsp_advertised_capabilities(void);
/* Logs at error level and shows the message to the user. */
void lsp_show_error(LspSession *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Ends the process (exit code 1) once the process `pid` is gone: the LSP
 * client that started us, which will not send `exit` if it crashed.
 * Checked twice a second by a timer, so that a server blocked reading its
 * input still notices.  Only the first call has an effect (watch.c). */
void lsp_watch_client_process(long pid);

/* --- lifecycle and capabilities (caps.c) --- */
bool lsp_initialize(LspSession *s, const InitializeParams *params, LspError *err);
void lsp_initialized(LspSession *s);
void lsp_shutdown(LspSession *s);
void lsp_exit(LspSession *s);
/* Rule levels from initializationOptions or didChangeConfiguration. */
void lsp_apply_settings(LspSession *s, const LspSettings *settings);

/* --- document sync (sync.c) --- */
bool lsp_did_open(LspSession *s, const DidOpenParams *params, LspError *err);
bool lsp_did_change(LspSession *s, const DidChangeParams *params, LspError *err);
bool lsp_did_close(LspSession *s, const DocumentParams *params, LspError *err);
bool lsp_did_save(LspSession *s, const DocumentParams *params, LspError *err);
void lsp_did_change_watched(LspSession *s, const WatchedFilesParams *params);
void lsp_did_change_config(LspSession *s, const ConfigurationParams *params);
/* Sends workspace/diagnostic/refresh when a dependency edge fired during
 * the message just handled and the client supports it. */
void lsp_flush_refresh(LspSession *s);
/* The diagnostics of a document for its current version (cached), with
 * or without their fixes. */
const DiagList *lsp_diagnostics(LspSession *s, FileId id, uint64_t *generation);
/* The same diagnostics with their fixes, built now if the cached ones
 * have none: what code actions offer. */
/* The cached diagnostics of `id`, those touching [start, end] with their
 * fixes. */
const DiagList *lsp_diagnostics_with_fixes(LspSession *s, FileId id, size_t start, size_t end);
/* The cache entry of a document (made on first use). */
DiagCache *lsp_cache_slot(LspSession *s, FileId id);

/* Empties the JSON caches that went longest without a publish (by
 * json_publish) until at most `keep` of `caches` hold any text. */
void lsp_json_caches_age(DiagCache *caches, size_t count, size_t keep);
void lsp_forget(LspSession *s, FileId id);

/* --- requests on documents (features.c) --- */
bool lsp_code_action(LspSession *s, const CodeActionParams *params, CodeActionResult *result,
                     LspError *err);
bool lsp_hover(LspSession *s, const HoverParams *params, HoverResult *result, LspError *err);
bool lsp_pull_diagnostics(LspSession *s, const PullDiagnosticsParams *params,
                          PullDiagnosticsResult *result, LspError *err);

/* The actions of a code action answer, in the order they are listed. */
size_t lsp_code_action_count(const CodeActionResult *r);
CodeActionItem lsp_code_action_item(const CodeActionResult *r, size_t index);
void lsp_code_action_result_init(CodeActionResult *r);
void lsp_code_action_result_destroy(CodeActionResult *r);

/* --- commands (commands.c) --- */
/* workspace/executeCommand: applies a code action by sending
 * workspace/applyEdit to the client; answered when the client answers. */
bool lsp_execute_command(LspSession *s, const ExecuteCommandParams *params, LspError *err);
/* An answer of the client to a request of ours. */
void lsp_client_reply(LspSession *s, const ClientReply *reply);
/* Frees the pending requests (the session ends without their answers). */
void lsp_pending_destroy(LspSession *s);

/* --- structure requests (structure.c) --- */
bool lsp_document_symbols(LspSession *s, const DocumentRequestParams *params, OutlineResult *result,
                          LspError *err);
bool lsp_folding_ranges(LspSession *s, const DocumentRequestParams *params, FoldingResult *result,
                        LspError *err);
bool lsp_semantic_tokens(LspSession *s, const SemanticTokensParams *params, SemanticTokensResult *result,
                         LspError *err);
bool lsp_selection_ranges(LspSession *s, const SelectionRangeParams *params, SelectionRangeResult *result,
                          LspError *err);

bool lsp_formatting(LspSession *s, const FormattingParams *params, FormattingResult *result, LspError *err);

/* --- navigation (navigate.c) --- */
bool lsp_definition(LspSession *s, const PositionParams *params, NavResult *result, LspError *err);
bool lsp_references(LspSession *s, const PositionParams *params, NavResult *result, LspError *err);
bool lsp_highlight(LspSession *s, const PositionParams *params, NavResult *result, LspError *err);
bool lsp_completion(LspSession *s, const PositionParams *params, CompletionResult *result, LspError *err);
bool lsp_prepare_rename(LspSession *s, const PositionParams *params, PrepareRenameResult *result,
                        LspError *err);
bool lsp_rename(LspSession *s, const RenameParams *params, RenameResult *result, LspError *err);
bool lsp_document_links(LspSession *s, const DocumentRequestParams *params, LinksResult *result,
                        LspError *err);

/* --- helpers of the handlers (features.c) --- */
/* The open document with this URI. */
bool lsp_document(LspSession *s, const char *uri, FileId *id, LspError *err);
/* A position of the client (in the negotiated encoding) as a byte offset;
 * `what` names the field in the error message.  For the read-only requests
 * that use it, a character past the end of its line is clamped to the
 * line's end as LSP asks; a line past the end is still an error. */
bool lsp_offset(LspSession *s, FileId id, TextPos pos, const char *what, size_t *offset,
                LspError *err);

/* --- the wire format (protocol.c) --- */
/* The glue the method table points at: reads the params into their
 * struct, calls the handler, writes its result.  `params` and `result`
 * are cJSON values, opaque outside protocol.c. */
struct cJSON;
typedef bool (*LspMethodCall)(LspSession *s, const struct cJSON *params, struct cJSON **result,
                              LspError *err);
#define LSP_METHOD_CALLS(X)                                                          \
  X(initialize) X(initialized) X(shutdown) X(exit) X(ignore) X(did_open)            \
  X(did_change) X(did_close) X(did_save) X(did_change_watched) X(did_change_config) \
  X(code_action) X(hover) X(pull_diagnostics) X(document_symbol) X(folding_range)    \
  X(semantic_tokens_full) X(semantic_tokens_delta) X(selection_range) X(formatting)   \
  X(range_formatting) X(on_type_formatting) X(definition) X(references) X(highlight) \
  X(completion) X(prepare_rename) X(rename) X(document_link) X(execute_command)
#define X(name) bool proto_call_##name(LspSession *s, const struct cJSON *params, \
                                       struct cJSON **result, LspError *err);
LSP_METHOD_CALLS(X)
#undef X

/* Installs the allocator hooks of the JSON library (once per process). */
void proto_init(void);
/* Sends a response to the request with this id (a cJSON value; NULL:
 * null), taking ownership of result (NULL: null). */
void proto_respond(LspSession *s, const struct cJSON *id, struct cJSON *result);
void proto_respond_error(LspSession *s, const struct cJSON *id, LspErrorCode code,
                         const char *message);
/* Frees a result that will not be sent (a notification's). */
void proto_discard(struct cJSON *result);
void proto_publish_diagnostics(LspSession *s, FileId id, const DiagList *diags);
/* An empty publishDiagnostics, for a document that was closed. */
void proto_publish_cleared(LspSession *s, const char *uri);
/* window/showMessage of type Error. */
void proto_show_error(LspSession *s, const char *message);
/* Sends workspace/applyEdit with the edits of `fixes` under `label`;
 * returns the id of the request. */
long proto_request_apply_edit(LspSession *s, const char *label, const Fix *const *fixes, size_t count);
/* Reads the client's answer to a request of ours; `id` and `reply` are
 * the envelope's (the result, or the error when is_error). */
void proto_read_reply(const struct cJSON *id, const struct cJSON *reply, bool is_error, ClientReply *out);
/* An owned copy of a request id, for an answer sent later. */
struct cJSON *proto_copy_id(const struct cJSON *id);
/* workspace/diagnostic/refresh (a request without params). */
void proto_request_diagnostic_refresh(LspSession *s);
/* client/registerCapability for workspace/didChangeWatchedFiles. */
void proto_register_watchers(LspSession *s, const char *const *globs, size_t count);
void proto_settings_destroy(LspSettings *settings);

#endif
