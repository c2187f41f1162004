/* This header is private to the wire format of the LSP adapter: the JSON
 * reading and writing helpers of protocol.c that the other protocol_*.c
 * files (the wire format of one group of requests each, so that no file
 * grows past a reader's patience) share.  Only protocol*.c include it. */
#ifndef DOCKLS_LSP_PROTOCOL_WIRE_H_
#define DOCKLS_LSP_PROTOCOL_WIRE_H_

#include <cjson/cJSON.h>

#include "lsp_internal.h"

/* Readers: each fails with a -32602 message naming the field. */
bool proto_get_object(const cJSON *parent, const char *key, const cJSON **out, LspError *err);
bool proto_get_string(const cJSON *parent, const char *key, const char **out, LspError *err);
bool proto_get_int(const cJSON *parent, const char *key, int64_t *out, LspError *err);
/* params.textDocument.uri. */
bool proto_document_uri(const cJSON *params, const char **uri, LspError *err);
bool proto_position(const cJSON *json, const char *what, TextPos *pos, LspError *err);
/* The value at a path of keys (NULL-terminated), or NULL. */
const cJSON *proto_path(const cJSON *root, const char *const *keys);
bool proto_flag(const cJSON *root, const char *const *keys);

/* Sends a request of ours to the client (params NULL: none) and returns
 * its id, from the session's own counter. */
long proto_request(LspSession *s, const char *method, cJSON *params);

/* textDocument/codeAction params (protocol.c); `only` is an owned array. */
bool proto_read_code_action(const cJSON *params, CodeActionParams *p, LspError *err);

/* The Command standing for action `index` of the answer to code action
 * request `p`, for a client without CodeAction literals
 * (protocol_command.c). */
cJSON *proto_command_for(LspSession *s, const CodeActionParams *p, size_t index, const char *title);

/* A position as sent, in the client's encoding. */
cJSON *proto_pos(TextPos p);

/* A range of a document in the negotiated encoding. */
cJSON *proto_range(LspSession *s, FileId id, size_t start, size_t end);

/* Adds the server capabilities of the structure requests that the method
 * table advertises (protocol_structure.c). */
void proto_structure_capabilities(cJSON *capabilities, unsigned advertised);

/* textDocument/position params (protocol.c). */
bool proto_read_position_params(const cJSON *params, PositionParams *p, LspError *err);

/* Adds completionProvider when the method table advertises it
 * (protocol_complete.c). */
void proto_completion_capabilities(cJSON *capabilities, unsigned advertised);

/* The edits of several fixes grouped by file, as a WorkspaceEdit in the
 * shape the client accepts (protocol.c). */
cJSON *proto_workspace_edit(LspSession *s, const Fix *const *fixes, size_t count);

/* Adds renameProvider when the method table advertises it
 * (protocol_rename.c). */
void proto_rename_capabilities(LspSession *s, cJSON *capabilities, unsigned advertised);

#endif
