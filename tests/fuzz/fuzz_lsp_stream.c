/* Fuzz target: the transport and the dispatcher.  The input is the
 * client's whole stream, headers and bodies, served by lsp_run in-process
 * (like clangd's fuzzer).  Whatever it holds, the server must end (at the
 * end of input at the latest), and every byte it writes must be a
 * well-formed frame around a JSON-RPC 2.0 object. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/lsp/server.h"
#include "dockls/lsp/transport.h"
#include "fuzz_support.h"

/* Every message the server wrote must read back as one frame of JSON with
 * "jsonrpc": "2.0", and nothing may follow the last one. */
static void check_output(char *bytes, size_t len) {
  if (len == 0) return;
  FILE *in = fmemopen(bytes, len, "r");
  fuzz_check(in != NULL, "fmemopen failed on the server's output");
  StrBuf body = STRBUF_INIT;
  for (;;) {
    char *err = NULL;
    FrameStatus st = transport_read(in, &body, &err);
    if (st == FRAME_EOF) break;
    fuzz_check(st == FRAME_OK, "the server wrote a bad frame: %s", err ? err : "");
    cJSON *message = cJSON_ParseWithLength(body.data, body.len);
    fuzz_check(message != NULL, "the server wrote a frame that is not JSON: %.*s", (int)body.len, body.data);
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(message, "jsonrpc");
    fuzz_check(cJSON_IsString(version) && strcmp(version->valuestring, "2.0") == 0,
               "the server wrote a message without \"jsonrpc\": \"2.0\": %.*s", (int)body.len, body.data);
    cJSON_Delete(message);
  }
  fuzz_check(ftell(in) == (long)len, "the server's output ends inside a frame");
  strbuf_destroy(&body);
  fclose(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  if (size == 0) return 0; /* fmemopen refuses an empty buffer */
  char *copy = malloc(size);
  memcpy(copy, data, size);
  FILE *in = fmemopen(copy, size, "r");
  char *out_bytes = NULL;
  size_t out_len = 0;
  FILE *out = open_memstream(&out_bytes, &out_len);
  fuzz_check(in != NULL && out != NULL, "cannot make the memory streams");
  /* The root is a folder that does not exist, so that no input makes the
   * server read the machine's files: a workspace reads nothing outside
   * its root. */
  LspOptions options = {"/nonexistent/dockls-fuzz-root", 0, true};
  int code = lsp_run(in, out, &options);
  fuzz_check(code == 0 || code == 1, "lsp_run returned %d", code);
  fclose(in);
  fclose(out);
  check_output(out_bytes, out_len);
  free(out_bytes); /* open_memstream's buffer comes from malloc */
  free(copy);
  return 0;
}
