/* Test-only LSP client: builds the client's side of a session as framed
 * bytes, runs lsp_run() in-process over memory streams, and splits the
 * server's output back into JSON messages. */
#ifndef DOCKLS_TESTS_LSP_CLIENT_H_
#define DOCKLS_TESTS_LSP_CLIENT_H_

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "dockls/base/array.h"
#include "dockls/base/strbuf.h"

typedef struct {
  StrBuf input;
} LspScript;

typedef Array(cJSON *) JsonArray;

typedef struct {
  int exit_code;
  JsonArray messages; /* owned */
} LspResult;

/* Appends one message, framed with Content-Length. */
void lsp_script_send(LspScript *s, const char *json);
/* Appends a textDocument/didOpen of `text` (any bytes up to its NUL,
 * escaped as JSON) at `version`. */
void lsp_script_open(LspScript *s, const char *uri, const char *lang, int version, const char *text);
/* Appends bytes exactly as given (for malformed frames). */
void lsp_script_raw(LspScript *s, const char *bytes, size_t len);
/* Runs the server over the script; the result owns the parsed messages. */
void lsp_script_run(LspScript *s, LspResult *r);
void lsp_script_destroy(LspScript *s);
void lsp_result_destroy(LspResult *r);

/* True when every member of `expected` is present in `actual` with a
 * matching value (objects recursively, arrays element by element with
 * equal length, the string "<any>" matching any value).  On mismatch
 * *why gets the path of the first difference. */
bool json_subset(const cJSON *expected, const cJSON *actual, StrBuf *why);

/* Messages of a result whose "method" is `method` (borrowed). */
size_t lsp_result_count(const LspResult *r, const char *method);

#endif
