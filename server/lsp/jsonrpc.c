/* The JSON-RPC 2.0 envelope.  Everything that can be wrong with a message
 * before a handler sees it is decided here, in the order the specification
 * implies: bytes that are not UTF-8 or not JSON are parse errors (-32700,
 * answered with a null id); JSON that is not a single request object is
 * an invalid request (-32600, answered with its id when one can be read).
 * LSP does not use batches, so an array is an invalid request too. */
#include "jsonrpc.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/base/utf.h"

const char *lsp_error_text(LspErrorCode code) {
  switch (code) {
#define X(name, value, text) \
  case LSP_ERR_##name:       \
    return text;
    LSP_ERRORS(X)
#undef X
  }
  return "Error";
}

bool lsp_fail(LspError *err, LspErrorCode code, const char *fmt, ...) {
  StrBuf msg = STRBUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  strbuf_vappendf(&msg, fmt, ap);
  va_end(ap);
  err->code = code;
  xfree(err->message);
  err->message = strbuf_take(&msg);
  return false;
}

/* True when the raw body contains the escape \u0000 outside of an escaped
 * backslash.  cJSON stores strings NUL-terminated, so such text would be
 * cut short silently; the message is refused instead. */
static bool jsonrpc_has_nul_escape(const char *body, size_t len) {
  for (size_t i = 0; i + 5 < len; i++) {
    if (body[i] != '\\') continue;
    if (body[i + 1] == 'u' && memcmp(body + i + 2, "0000", 4) == 0) return true;
    i++; /* skip the escaped character, so "\\u0000" is not an escape */
  }
  return false;
}

/* cJSON is lenient where JSON is not: it skips every byte up to 0x20
 * between tokens and takes raw control characters inside strings (a raw
 * NUL then cuts the string short, silently losing text).  One pass over
 * the bytes enforces RFC 8259 here: between tokens only space, tab, CR and
 * LF; inside strings no byte below 0x20.  Returns the offset of the first
 * offending byte, or len when there is none. */
static size_t jsonrpc_bad_control(const char *body, size_t len, bool *in_string_out) {
  bool in_string = false;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)body[i];
    if (in_string) {
      if (c < 0x20) {
        *in_string_out = true;
        return i;
      }
      if (c == '\\') i++;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c < 0x20 && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      *in_string_out = false;
      return i;
    }
  }
  return len;
}

static bool jsonrpc_valid_id(const cJSON *id) {
  return cJSON_IsNumber(id) || cJSON_IsString(id) || cJSON_IsNull(id);
}

bool jsonrpc_parse(const char *body, size_t len, cJSON **root, Envelope *env, LspError *err,
                   cJSON **error_id) {
  *root = NULL;
  *error_id = NULL;
  size_t bad;
  if (!utf8_validate(body, len, &bad))
    return lsp_fail(err, LSP_ERR_PARSE_ERROR, "message is not valid UTF-8 (byte %zu)", bad);
  bool in_string;
  size_t control = jsonrpc_bad_control(body, len, &in_string);
  if (control < len)
    return lsp_fail(err, LSP_ERR_PARSE_ERROR,
                    in_string ? "message is not valid JSON: unescaped control character in a string (byte %zu)"
                              : "message is not valid JSON: control character between tokens (byte %zu)",
                    control);
  const char *end = NULL;
  cJSON *json = cJSON_ParseWithLengthOpts(body, len, &end, false);
  if (!json) {
    const char *where = cJSON_GetErrorPtr();
    size_t at = where && where >= body && where <= body + len ? (size_t)(where - body) : 0;
    return lsp_fail(err, LSP_ERR_PARSE_ERROR, "message is not valid JSON (byte %zu)", at);
  }
  /* Anything but whitespace after the value means the body was not one
   * JSON document. */
  for (const char *p = end; p < body + len; p++) {
    if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') {
      cJSON_Delete(json);
      return lsp_fail(err, LSP_ERR_PARSE_ERROR, "unexpected text after the JSON value (byte %zu)",
                      (size_t)(p - body));
    }
  }
  if (cJSON_IsArray(json)) {
    cJSON_Delete(json);
    return lsp_fail(err, LSP_ERR_INVALID_REQUEST, "batch messages are not supported by LSP");
  }
  if (!cJSON_IsObject(json)) {
    cJSON_Delete(json);
    return lsp_fail(err, LSP_ERR_INVALID_REQUEST, "a message must be a JSON object");
  }
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(json, "id");
  if (id && jsonrpc_valid_id(id)) *error_id = cJSON_Duplicate(id, true);
  const cJSON *version = cJSON_GetObjectItemCaseSensitive(json, "jsonrpc");
  if (!cJSON_IsString(version) || strcmp(version->valuestring, "2.0") != 0) {
    cJSON_Delete(json);
    return lsp_fail(err, LSP_ERR_INVALID_REQUEST, "\"jsonrpc\" must be \"2.0\"");
  }
  if (id && !jsonrpc_valid_id(id)) {
    cJSON_Delete(json);
    return lsp_fail(err, LSP_ERR_INVALID_REQUEST, "\"id\" must be a number, a string or null");
  }
  const cJSON *method = cJSON_GetObjectItemCaseSensitive(json, "method");
  if (!method) {
    if (id && (cJSON_GetObjectItemCaseSensitive(json, "result") ||
               cJSON_GetObjectItemCaseSensitive(json, "error"))) {
      *root = json;
      env->kind = ENVELOPE_RESPONSE;
      env->method = NULL;
      env->id = id;
      env->params = NULL;
      env->has_nul = false;
      env->is_error = cJSON_GetObjectItemCaseSensitive(json, "error") != NULL;
      env->reply = cJSON_GetObjectItemCaseSensitive(json, env->is_error ? "error" : "result");
      return true;
    }
    cJSON_Delete(json);
    return lsp_fail(err, LSP_ERR_INVALID_REQUEST, "a message needs a \"method\"");
  }
  if (!cJSON_IsString(method)) {
    cJSON_Delete(json);
    return lsp_fail(err, LSP_ERR_INVALID_REQUEST, "\"method\" must be a string");
  }
  const cJSON *params = cJSON_GetObjectItemCaseSensitive(json, "params");
  if (params && !cJSON_IsObject(params) && !cJSON_IsArray(params) && !cJSON_IsNull(params)) {
    cJSON_Delete(json);
    return lsp_fail(err, LSP_ERR_INVALID_REQUEST, "\"params\" must be an object or an array");
  }
  *root = json;
  env->kind = id ? ENVELOPE_REQUEST : ENVELOPE_NOTIFICATION;
  env->method = method->valuestring;
  env->id = id;
  env->params = cJSON_IsNull(params) ? NULL : params;
  env->has_nul = jsonrpc_has_nul_escape(body, len);
  env->is_error = false;
  env->reply = NULL;
  return true;
}

cJSON *jsonrpc_result(const cJSON *id, cJSON *result) {
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  cJSON_AddItemToObject(msg, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
  cJSON_AddItemToObject(msg, "result", result ? result : cJSON_CreateNull());
  return msg;
}

cJSON *jsonrpc_error(const cJSON *id, LspErrorCode code, const char *message) {
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  cJSON_AddItemToObject(msg, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
  cJSON *error = cJSON_AddObjectToObject(msg, "error");
  cJSON_AddNumberToObject(error, "code", code);
  cJSON_AddStringToObject(error, "message", message ? message : lsp_error_text(code));
  return msg;
}

void jsonrpc_free(cJSON *json) { cJSON_Delete(json); }
