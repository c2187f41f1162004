/* This header is private to the LSP adapter: the JSON-RPC 2.0 envelope. */
#ifndef DOCKLS_LSP_JSONRPC_H_
#define DOCKLS_LSP_JSONRPC_H_

#include "lsp_internal.h"

/* The JSON values are opaque here: only jsonrpc.c and protocol.c read
 * them. */
struct cJSON;

typedef enum {
  ENVELOPE_REQUEST,      /* method and id */
  ENVELOPE_NOTIFICATION, /* method, no id */
  ENVELOPE_RESPONSE      /* id with result or error: an answer to our request */
} EnvelopeKind;

typedef struct {
  EnvelopeKind kind;
  const char *method;   /* borrowed from the parsed root */
  const struct cJSON *id;      /* borrowed; NULL for notifications */
  const struct cJSON *params;  /* borrowed; NULL when absent */
  bool has_nul;         /* the body escapes a NUL character (\u0000) */
  bool is_error;        /* a response that carries an error */
  const struct cJSON *reply;   /* a response's "error" (is_error) or "result"; borrowed */
} Envelope;

/* Parses and classifies one message body.  On success *root (caller owns,
 * cJSON_Delete) holds the message.  On failure returns false with *err set
 * (-32700 for bytes that are not UTF-8 JSON, -32600 for JSON that is not a
 * request) and *error_id set to the id to answer with (a copy the caller
 * owns, or NULL for a null id). */
bool jsonrpc_parse(const char *body, size_t len, struct cJSON **root, Envelope *env, LspError *err,
                   struct cJSON **error_id);

/* Builds a response; takes ownership of result (NULL means JSON null). */
struct cJSON *jsonrpc_result(const struct cJSON *id, struct cJSON *result);
/* Builds an error response; id NULL means JSON null. */
struct cJSON *jsonrpc_error(const struct cJSON *id, LspErrorCode code, const char *message);

/* Frees what jsonrpc_parse handed out (NULL is allowed). */
void jsonrpc_free(struct cJSON *json);

#endif
