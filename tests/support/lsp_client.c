/* In-process LSP sessions for tests.  The input is assembled in memory
 * and handed to lsp_run() through fmemopen; the output is collected with
 * open_memstream and re-read with the server's own frame reader, which
 * therefore gets exercised from both sides. */
#include "lsp_client.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/lsp/server.h"
#include "dockls/lsp/transport.h"

void lsp_script_send(LspScript *s, const char *json) {
  strbuf_appendf(&s->input, "Content-Length: %zu\r\n\r\n", strlen(json));
  strbuf_append(&s->input, json);
}

void lsp_script_open(LspScript *s, const char *uri, const char *lang, int version, const char *text) {
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  cJSON_AddStringToObject(msg, "method", "textDocument/didOpen");
  cJSON *doc = cJSON_AddObjectToObject(cJSON_AddObjectToObject(msg, "params"), "textDocument");
  cJSON_AddStringToObject(doc, "uri", uri);
  cJSON_AddStringToObject(doc, "languageId", lang);
  cJSON_AddNumberToObject(doc, "version", version);
  cJSON_AddStringToObject(doc, "text", text);
  char *json = cJSON_PrintUnformatted(msg);
  lsp_script_send(s, json);
  cJSON_free(json);
  cJSON_Delete(msg);
}

void lsp_script_raw(LspScript *s, const char *bytes, size_t len) {
  strbuf_append_n(&s->input, bytes, len);
}

void lsp_script_run(LspScript *s, LspResult *r) {
  memset(r, 0, sizeof *r);
  /* fmemopen rejects a zero-sized buffer, so an empty script gets one
   * byte of whitespace, which the reader skips as an empty stream. */
  if (s->input.len == 0) strbuf_append(&s->input, "\n");
  FILE *in = fmemopen(s->input.data, s->input.len, "r");
  char *out_buf = NULL;
  size_t out_len = 0;
  FILE *out = open_memstream(&out_buf, &out_len);
  r->exit_code = lsp_run(in, out, NULL);
  fclose(in);
  fclose(out);
  if (out_len > 0) {
    FILE *replay = fmemopen(out_buf, out_len, "r");
    StrBuf body = STRBUF_INIT;
    char *err = NULL;
    while (transport_read(replay, &body, &err) == FRAME_OK) {
      cJSON *msg = cJSON_ParseWithLength(body.data, body.len);
      if (msg) array_push(&r->messages, msg);
    }
    xfree(err);
    strbuf_destroy(&body);
    fclose(replay);
  }
  free(out_buf); /* allocated by open_memstream, not by base/alloc */
}

void lsp_script_destroy(LspScript *s) { strbuf_destroy(&s->input); }

void lsp_result_destroy(LspResult *r) {
  for (size_t i = 0; i < r->messages.len; i++) cJSON_Delete(r->messages.items[i]);
  array_delete(&r->messages);
}

static bool json_subset_at(const cJSON *e, const cJSON *a, StrBuf *path, StrBuf *why) {
  if (cJSON_IsString(e) && strcmp(e->valuestring, "<any>") == 0) {
    if (a) return true;
  }
  if (!a) {
    strbuf_appendf(why, "%s: missing", strbuf_cstr(path));
    return false;
  }
  if (cJSON_IsObject(e)) {
    if (!cJSON_IsObject(a)) {
      strbuf_appendf(why, "%s: expected an object", strbuf_cstr(path));
      return false;
    }
    const cJSON *child;
    cJSON_ArrayForEach(child, e) {
      size_t keep = path->len;
      strbuf_appendf(path, ".%s", child->string);
      bool ok = json_subset_at(child, cJSON_GetObjectItemCaseSensitive(a, child->string), path, why);
      path->len = keep;
      path->data[keep] = '\0';
      if (!ok) return false;
    }
    return true;
  }
  if (cJSON_IsArray(e)) {
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != cJSON_GetArraySize(e)) {
      strbuf_appendf(why, "%s: expected an array of %d items, got %d", strbuf_cstr(path),
                     cJSON_GetArraySize(e), cJSON_IsArray(a) ? cJSON_GetArraySize(a) : -1);
      return false;
    }
    for (int i = 0; i < cJSON_GetArraySize(e); i++) {
      size_t keep = path->len;
      strbuf_appendf(path, "[%d]", i);
      bool ok = json_subset_at(cJSON_GetArrayItem(e, i), cJSON_GetArrayItem(a, i), path, why);
      path->len = keep;
      path->data[keep] = '\0';
      if (!ok) return false;
    }
    return true;
  }
  if (cJSON_IsString(e)) {
    if (cJSON_IsString(a) && strcmp(e->valuestring, a->valuestring) == 0) return true;
  } else if (cJSON_IsNumber(e)) {
    if (cJSON_IsNumber(a) && fabs(e->valuedouble - a->valuedouble) < 1e-9) return true;
  } else if (cJSON_IsBool(e)) {
    if (cJSON_IsBool(a) && cJSON_IsTrue(e) == cJSON_IsTrue(a)) return true;
  } else if (cJSON_IsNull(e)) {
    if (cJSON_IsNull(a)) return true;
  }
  char *got = cJSON_PrintUnformatted(a);
  strbuf_appendf(why, "%s: got %s", strbuf_cstr(path), got);
  cJSON_free(got);
  return false;
}

bool json_subset(const cJSON *expected, const cJSON *actual, StrBuf *why) {
  StrBuf path = STRBUF_INIT;
  strbuf_append(&path, "$");
  bool ok = json_subset_at(expected, actual, &path, why);
  strbuf_destroy(&path);
  return ok;
}

size_t lsp_result_count(const LspResult *r, const char *method) {
  size_t n = 0;
  for (size_t i = 0; i < r->messages.len; i++) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(r->messages.items[i], "method");
    if (cJSON_IsString(m) && strcmp(m->valuestring, method) == 0) n++;
  }
  return n;
}
