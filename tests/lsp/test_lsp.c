/* LSP tests at the protocol boundary.  Transcripts (tests/lsp/NAME.lsp) are
 * data: `>>>` lines are sent by the client, `>>>raw` lines are sent as
 * bytes exactly (C escapes \r \n \\ \" \xHH), `<<<` lines are the server's
 * messages in order (subset match: "<any>" matches any value and
 * "<contains:TEXT>" any string containing TEXT, "<starts:TEXT>" any
 * string beginning with TEXT), and `=== exit N` is the
 * exit code.  `@SOURCE@` stands for the repository's folder, for the
 * transcripts that need real files (tests/lsp/paths).  The number of server messages must equal the number of `<<<`
 * lines, so a response to a notification is caught too.  The C tests
 * below cover what a transcript cannot express: typing fifty edits, every
 * publish of an edited session against a fresh open, leak
 * counting, the real binary over pipes and a change of the real disk
 * during a session. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casefile.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "lsp_client.h"

/* Decodes the C escapes of a >>>raw line into bytes. */
static void unescape(const char *s, StrBuf *out) {
  for (; *s; s++) {
    if (*s != '\\' || !s[1]) {
      strbuf_append_char(out, *s);
      continue;
    }
    s++;
    switch (*s) {
      case 'r': strbuf_append_char(out, '\r'); break;
      case 'n': strbuf_append_char(out, '\n'); break;
      case 'x': {
        unsigned v = 0;
        sscanf(s + 1, "%2x", &v);
        strbuf_append_char(out, (char)v);
        s += 2;
        break;
      }
      default: strbuf_append_char(out, *s);
    }
  }
}

/* "<contains:TEXT>" and "<starts:TEXT>" expectations are rewritten to
 * "<any>" after checking the string here, so json_subset stays a plain
 * structural match. */
static bool check_contains(cJSON *expected, const cJSON *actual, StrBuf *why) {
  bool contains = cJSON_IsString(expected) && strncmp(expected->valuestring, "<contains:", 10) == 0;
  bool starts = cJSON_IsString(expected) && strncmp(expected->valuestring, "<starts:", 8) == 0;
  if (contains || starts) {
    char *want = xstrdup(expected->valuestring + (contains ? 10 : 8));
    want[strlen(want) - 1] = '\0'; /* drop the closing '>' */
    const char *at = cJSON_IsString(actual) ? strstr(actual->valuestring, want) : NULL;
    bool found = at && (contains || at == actual->valuestring);
    if (!found) strbuf_appendf(why, "expected a string %s %s", contains ? "containing" : "starting with", want);
    xfree(want);
    if (!found) return false;
    cJSON_SetValuestring(expected, "<any>");
    return true;
  }
  cJSON *child;
  int i = 0;
  cJSON_ArrayForEach(child, expected) {
    const cJSON *a = cJSON_IsObject(expected) ? cJSON_GetObjectItemCaseSensitive(actual, child->string)
                                              : cJSON_GetArrayItem(actual, i);
    i++;
    if (a && !check_contains(child, a, why)) return false;
  }
  return true;
}

/* The transcript with every `@SOURCE@` replaced by the repository's
 * folder (caller owns). */
static char *with_source_dir(const char *text) {
  static const char mark[] = "@SOURCE@";
  StrBuf out = STRBUF_INIT;
  for (const char *at; (at = strstr(text, mark)) != NULL; text = at + sizeof mark - 1) {
    strbuf_append_n(&out, text, (size_t)(at - text));
    strbuf_append(&out, test_source_dir());
  }
  strbuf_append(&out, text);
  return strbuf_take(&out);
}

/* Runs one transcript; returns NULL on success or a description. */
static char *run_transcript(const char *path) {
  /* Every block the session allocated (ours, tree-sitter's, cJSON's,
   * libyaml's: all go through the counting hooks) must be freed by the
   * time it ends, as in the sanitizer build, but in every build. */
  long live_before = alloc_live_blocks();
  size_t len;
  char *raw_text = test_read_file(path, &len);
  if (!raw_text) return xstrdup("cannot read transcript");
  char *text = with_source_dir(raw_text);
  xfree(raw_text);
  LspScript script = {STRBUF_INIT};
  JsonArray expected;
  array_init(&expected);
  int want_exit = -1;
  StrBuf why = STRBUF_INIT;
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    if (strncmp(line, ">>>raw ", 7) == 0) {
      StrBuf raw = STRBUF_INIT;
      unescape(line + 7, &raw);
      lsp_script_raw(&script, raw.data, raw.len);
      strbuf_destroy(&raw);
    } else if (strncmp(line, ">>> ", 4) == 0) {
      lsp_script_send(&script, line + 4);
    } else if (strncmp(line, "<<< ", 4) == 0) {
      cJSON *e = cJSON_Parse(line + 4);
      if (!e) strbuf_appendf(&why, "bad expectation JSON: %s; ", line + 4);
      else array_push(&expected, e);
    } else if (strncmp(line, "=== exit ", 9) == 0) {
      want_exit = atoi(line + 9);
    }
  }
  LspResult result;
  lsp_script_run(&script, &result);
  for (size_t i = 0; i < expected.len && why.len == 0; i++) {
    if (i >= result.messages.len) {
      strbuf_appendf(&why, "message %zu: the server sent only %zu messages", i + 1, result.messages.len);
      break;
    }
    StrBuf diff = STRBUF_INIT;
    if (!check_contains(expected.items[i], result.messages.items[i], &diff) ||
        !json_subset(expected.items[i], result.messages.items[i], &diff)) {
      char *got = cJSON_PrintUnformatted(result.messages.items[i]);
      strbuf_appendf(&why, "message %zu: %s\n  got: %.600s", i + 1, strbuf_cstr(&diff), got);
      cJSON_free(got);
    }
    strbuf_destroy(&diff);
  }
  if (why.len == 0 && result.messages.len != expected.len) {
    char *extra = result.messages.len > expected.len
                      ? cJSON_PrintUnformatted(result.messages.items[expected.len])
                      : NULL;
    strbuf_appendf(&why, "expected %zu messages, the server sent %zu; first extra: %.300s",
                   expected.len, result.messages.len, extra ? extra : "-");
    cJSON_free(extra);
  }
  if (why.len == 0 && want_exit >= 0 && result.exit_code != want_exit)
    strbuf_appendf(&why, "exit code %d, expected %d", result.exit_code, want_exit);
  for (size_t i = 0; i < expected.len; i++) cJSON_Delete(expected.items[i]);
  array_delete(&expected);
  lsp_result_destroy(&result);
  lsp_script_destroy(&script);
  xfree(text);
  long live_after = alloc_live_blocks() - (long)(why.len ? 1 : 0); /* the message itself, if any */
  /* Fewer live blocks than before is no leak: the first session frees
   * blocks that were counted before the allocation hooks were installed. */
  if (live_after > live_before)
    strbuf_appendf(&why, "%ld blocks allocated during the session are still live at its end", live_after - live_before);
  return why.len ? strbuf_take(&why) : (strbuf_destroy(&why), NULL);
}

Test(lsp, transcripts) {
  char *dir = path_append(test_source_dir(), "tests/lsp");
  StrArray names;
  array_init(&names);
  char *err = NULL;
  cr_assert(fs_list_dir(dir, &names, &err), "%s", err ? err : "");
  size_t run = 0, failed = 0;
  /* DOCKLS_CASE=fix_all runs only the transcripts whose name contains it. */
  const char *only = getenv("DOCKLS_CASE");
  for (size_t i = 0; i < names.len; i++) {
    size_t n = strlen(names.items[i]);
    if (n < 4 || strcmp(names.items[i] + n - 4, ".lsp") != 0) continue;
    if (only && !strstr(names.items[i], only)) continue;
    char *path = path_append(dir, names.items[i]);
    char *problem = run_transcript(path);
    run++;
    if (problem) {
      failed++;
      cr_log_error("%s: %s", names.items[i], problem);
      xfree(problem);
    }
    xfree(path);
  }
  strarray_delete(&names);
  xfree(dir);
  cr_assert_gt(run, only ? 0 : 10, "expected the transcript folder to hold the protocol cases");
  cr_assert_eq(failed, 0, "%zu of %zu transcripts failed (see the log above)", failed, run);
}

static const char *INIT =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}";

static void send_insert(LspScript *s, const char *uri, int version, int line, int ch, const char *text) {
  char buf[1024];
  char *escaped = NULL;
  cJSON *str = cJSON_CreateString(text);
  escaped = cJSON_PrintUnformatted(str);
  snprintf(buf, sizeof buf,
           "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":"
           "{\"uri\":\"%s\",\"version\":%d},\"contentChanges\":[{\"range\":{\"start\":{\"line\":%d,"
           "\"character\":%d},\"end\":{\"line\":%d,\"character\":%d}},\"text\":%s}]}}",
           uri, version, line, ch, line, ch, escaped);
  lsp_script_send(s, buf);
  cJSON_free(escaped);
  cJSON_Delete(str);
}

/* The last publishDiagnostics of a run, without its version, printed. */
static char *last_publish(const LspResult *r, int *version) {
  for (size_t i = r->messages.len; i-- > 0;) {
    const cJSON *m = r->messages.items[i];
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(m, "method");
    if (!cJSON_IsString(method) || strcmp(method->valuestring, "textDocument/publishDiagnostics")) continue;
    cJSON *params = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(m, "params"), true);
    *version = cJSON_GetObjectItemCaseSensitive(params, "version")->valueint;
    cJSON_DeleteItemFromObjectCaseSensitive(params, "version");
    char *out = cJSON_PrintUnformatted(params);
    cJSON_Delete(params);
    return out;
  }
  return NULL;
}

/* Typing fifty characters one edit at a time must leave the server with
 * the same diagnostics as opening the final text fresh, and every edit
 * must be answered by a publish carrying its version. */
Test(lsp, fifty_incremental_edits_equal_fresh_open) {
  const char *uri = "file:///w/compose.yaml";
  const char *start = "services:\n  web:\n    image: nginx:1.27\n";
  /* Typed at the start of line 0: a version key, then a stray quote that
   * breaks the YAML until the closing quote arrives. */
  const char *typed = "version: \"3.9\"\nx-note: \"half typed\"\nx-more: 'abc'\n";
  size_t n = strlen(typed);
  cr_assert_eq(n, 50);
  LspScript inc = {STRBUF_INIT};
  lsp_script_send(&inc, INIT);
  lsp_script_open(&inc, uri, "dockercompose", 1, start);
  int line = 0, ch = 0;
  for (size_t i = 0; i < n; i++) {
    char one[2] = {typed[i], 0};
    send_insert(&inc, uri, (int)i + 2, line, ch, one);
    if (typed[i] == '\n') line++, ch = 0;
    else ch++;
  }
  LspResult r1;
  lsp_script_run(&inc, &r1);
  cr_assert_eq(lsp_result_count(&r1, "textDocument/publishDiagnostics"), 51);
  int v1 = 0;
  char *final_inc = last_publish(&r1, &v1);
  cr_assert_eq(v1, 51);

  StrBuf final_text = STRBUF_INIT;
  strbuf_append(&final_text, typed);
  strbuf_append(&final_text, start);
  LspScript fresh = {STRBUF_INIT};
  lsp_script_send(&fresh, INIT);
  lsp_script_open(&fresh, uri, "dockercompose", 1, final_text.data);
  LspResult r2;
  lsp_script_run(&fresh, &r2);
  int v2 = 0;
  char *final_fresh = last_publish(&r2, &v2);
  cr_assert_str_eq(final_inc, final_fresh);
  cr_assert(strstr(final_inc, "compose-version-obsolete") != NULL, "%s", final_inc);
  cJSON_free(final_inc);
  cJSON_free(final_fresh);
  strbuf_destroy(&final_text);
  lsp_result_destroy(&r1);
  lsp_result_destroy(&r2);
  lsp_script_destroy(&inc);
  lsp_script_destroy(&fresh);
}

/* The server keeps each diagnostic's JSON from one publish to the next
 * (diag_json.c).  After every edit of a session whose findings share
 * their messages and move (a line inserted above them, a column shift, a
 * second equal finding), the publish must equal that of opening the
 * edited text fresh, where nothing is cached. */
typedef struct {
  int line, ch;
  const char *text;
} Insert;

/* Applies an insert at a line and column of ASCII text. */
static void apply_insert(StrBuf *text, const Insert *ins) {
  size_t at = 0;
  for (int line = 0; line < ins->line; at++)
    if (text->data[at] == '\n') line++;
  at += (size_t)ins->ch;
  StrBuf out = STRBUF_INIT;
  strbuf_append_n(&out, text->data, at);
  strbuf_append(&out, ins->text);
  strbuf_append(&out, text->data + at);
  strbuf_destroy(text);
  *text = out;
}

Test(lsp, every_publish_equals_a_fresh_open) {
  const char *uri = "file:///w/Dockerfile";
  const char *start = "FROM alpine:3.20\nRUN apk add curl\nRUN apk add curl\n";
  const Insert edits[] = {
      {0, 0, "\n"},                  /* every finding one line down */
      {2, 0, "RUN apk add wget\n"}, /* a third finding with the same message */
      {3, 0, " "},                   /* one finding a column to the right */
      {5, 0, "# note\n"},            /* the last finding alone moves down */
  };
  size_t n = sizeof edits / sizeof *edits;
  StrBuf text = STRBUF_INIT;
  strbuf_append(&text, start);
  for (size_t k = 1; k <= n; k++) {
    apply_insert(&text, &edits[k - 1]);
    LspScript inc = {STRBUF_INIT};
    lsp_script_send(&inc, INIT);
    lsp_script_open(&inc, uri, "dockerfile", 1, start);
    for (size_t i = 0; i < k; i++)
      send_insert(&inc, uri, (int)i + 2, edits[i].line, edits[i].ch, edits[i].text);
    LspResult r1;
    lsp_script_run(&inc, &r1);
    LspScript fresh = {STRBUF_INIT};
    lsp_script_send(&fresh, INIT);
    lsp_script_open(&fresh, uri, "dockerfile", 1, text.data);
    LspResult r2;
    lsp_script_run(&fresh, &r2);
    int v1 = 0, v2 = 0;
    char *typed = last_publish(&r1, &v1);
    char *opened = last_publish(&r2, &v2);
    cr_assert_eq(v1, (int)k + 1);
    cr_assert_str_eq(typed, opened, "after edit %zu", k);
    cr_assert(strstr(typed, "apk-no-cache") != NULL, "%s", typed);
    cJSON_free(typed);
    cJSON_free(opened);
    lsp_result_destroy(&r1);
    lsp_result_destroy(&r2);
    lsp_script_destroy(&inc);
    lsp_script_destroy(&fresh);
  }
  strbuf_destroy(&text);
}

/* Every block the server allocates (ours, tree-sitter's and cJSON's) is
 * freed by the end of a session, bad input included. */
Test(lsp, session_frees_everything) {
  long before = alloc_live_blocks();
  LspScript s = {STRBUF_INIT};
  lsp_script_send(&s, INIT);
  lsp_script_open(&s, "file:///w/compose.yaml", "dockercompose", 1, "version: '3'\nservices:\n  a: {\n");
  send_insert(&s, "file:///w/compose.yaml", 2, 99, 0, "x");
  lsp_script_send(&s, "{not json");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/codeAction\",\"params\":"
                      "{\"textDocument\":{\"uri\":\"file:///w/compose.yaml\"},\"range\":{\"start\":{"
                      "\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":3}},\"context\":"
                      "{\"diagnostics\":[]}}}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  LspResult r;
  lsp_script_run(&s, &r);
  cr_assert_eq(r.exit_code, 0);
  lsp_result_destroy(&r);
  lsp_script_destroy(&s);
  cr_assert_eq(alloc_live_blocks(), before, "live blocks: %ld before, %ld after", before,
               alloc_live_blocks());
}

/* A workspace/executeCommand still waiting for the client's answer to its
 * workspace/applyEdit when the session ends is freed with it (the copy of
 * its id and its title), as is a stray answer nothing waits for. */
Test(lsp, pending_command_freed_at_exit) {
  long before = alloc_live_blocks();
  LspScript s = {STRBUF_INIT};
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":"
                      "{\"workspace\":{\"applyEdit\":true}}}}");
  lsp_script_open(&s, "file:///w/Dockerfile", "dockerfile", 1, "FROM alpine\nCMD a b\n");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"workspace/executeCommand\",\"params\":{"
                      "\"command\":\"dockls.applyCodeAction\",\"arguments\":[{\"textDocument\":{\"uri\":"
                      "\"file:///w/Dockerfile\",\"version\":1},\"range\":{\"start\":{\"line\":1,\"character\":4},"
                      "\"end\":{\"line\":1,\"character\":4}},\"context\":{\"only\":[\"refactor\"]},\"index\":0,"
                      "\"title\":\"Convert CMD to exec form\"}]}}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":{\"applied\":true}}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  LspResult r;
  lsp_script_run(&s, &r);
  cr_assert_eq(r.exit_code, 0);
  bool asked = false;
  for (size_t i = 0; i < r.messages.len; i++) {
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(r.messages.items[i], "method");
    asked |= cJSON_IsString(method) && strcmp(method->valuestring, "workspace/applyEdit") == 0;
  }
  cr_assert(asked, "the command did not send workspace/applyEdit, so nothing was pending");
  lsp_result_destroy(&r);
  lsp_script_destroy(&s);
  cr_assert_eq(alloc_live_blocks(), before, "live blocks: %ld before, %ld after", before,
               alloc_live_blocks());
}

/* Reads one framed message from a pipe into a parsed JSON object. */
static cJSON *read_frame(FILE *in) {
  size_t length = 0;
  char line[256];
  while (fgets(line, sizeof line, in)) {
    if (strcmp(line, "\r\n") == 0) break;
    sscanf(line, "Content-Length: %zu", &length);
  }
  if (length == 0) return NULL;
  char *body = xmalloc(length + 1);
  size_t got = fread(body, 1, length, in);
  body[got] = 0;
  cJSON *json = cJSON_Parse(body);
  xfree(body);
  return json;
}

/* Starts the built binary as an editor does, talking over two pipes:
 * *w writes to its stdin, *r reads its stdout. */
static pid_t spawn_server(FILE **w, FILE **r) {
  const char *bin = getenv("DOCKLS_BINARY");
  cr_assert(bin && access(bin, X_OK) == 0, "DOCKLS_BINARY must name the built dockls");
  int to_server[2], from_server[2];
  cr_assert_eq(pipe(to_server), 0);
  cr_assert_eq(pipe(from_server), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(to_server[0], 0);
    dup2(from_server[1], 1);
    close(to_server[1]);
    close(from_server[0]);
    execl(bin, bin, "--stdio", (char *)NULL);
    _exit(127);
  }
  close(to_server[0]);
  close(from_server[1]);
  *w = fdopen(to_server[1], "w");
  *r = fdopen(from_server[0], "r");
  return pid;
}

/* The real binary, over pipes, as an editor runs it. */
Test(lsp, real_binary_over_pipes) {
  FILE *w, *r;
  pid_t pid = spawn_server(&w, &r);
  LspScript s = {STRBUF_INIT};
  lsp_script_send(&s, INIT);
  lsp_script_open(&s, "file:///w/docker-compose.yml", "yaml", 1, "version: '2'\nservices: {}\n");
  fwrite(s.input.data, 1, s.input.len, w);
  fflush(w);
  cJSON *init = read_frame(r);
  cr_assert_not_null(init);
  cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(
                       cJSON_GetObjectItemCaseSensitive(
                           cJSON_GetObjectItemCaseSensitive(init, "result"), "serverInfo"), "name")
                       ->valuestring,
                   "dockls");
  cJSON *pub = read_frame(r);
  cr_assert_not_null(pub);
  cJSON *params = cJSON_GetObjectItemCaseSensitive(pub, "params");
  cr_assert_eq(cJSON_GetObjectItemCaseSensitive(params, "version")->valueint, 1);
  cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(params, "diagnostics")), 1);
  strbuf_clear(&s.input);
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  fwrite(s.input.data, 1, s.input.len, w);
  fclose(w);
  cJSON *bye = read_frame(r);
  cr_assert_not_null(bye);
  cr_assert_eq(cJSON_GetObjectItemCaseSensitive(bye, "id")->valueint, 9);
  int status = 0;
  waitpid(pid, &status, 0);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d", status);
  fclose(r);
  cJSON_Delete(init);
  cJSON_Delete(pub);
  cJSON_Delete(bye);
  lsp_script_destroy(&s);
}

/* Sends the script's messages so far and empties it. */
static void flush_script(LspScript *s, FILE *w) {
  fwrite(s->input.data, 1, s->input.len, w);
  fflush(w);
  strbuf_clear(&s->input);
}

/* How many compose-path-missing diagnostics the next publishDiagnostics
 * carries (other messages in between are skipped); -1 when the server
 * stops before publishing. */
static int next_path_missing(FILE *r) {
  for (cJSON *m; (m = read_frame(r)) != NULL; cJSON_Delete(m)) {
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(m, "method");
    if (!cJSON_IsString(method) || strcmp(method->valuestring, "textDocument/publishDiagnostics")) continue;
    int count = 0;
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(m, "params"), "diagnostics")) {
      const cJSON *code = cJSON_GetObjectItemCaseSensitive(d, "code");
      count += cJSON_IsString(code) && strcmp(code->valuestring, "compose-path-missing") == 0;
    }
    cJSON_Delete(m);
    return count;
  }
  return -1;
}

/* The server keeps what it learnt about the disk between keystrokes, so a
 * folder created behind its back is not seen on the next edit; the
 * didChangeWatchedFiles that announces it drops that knowledge, and the
 * compose file that mounts the folder is re-published without
 * compose-path-missing.  This runs the real binary on a real folder,
 * because the point is what the server does with the real file system. */
Test(lsp, created_folder_is_seen_after_did_change_watched_files) {
  char dir[] = "/tmp/dockls-watch-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char uri[128], data[128], msg[1024];
  snprintf(uri, sizeof uri, "file://%s/compose.yaml", dir);
  snprintf(data, sizeof data, "%s/data", dir);
  FILE *w, *r;
  pid_t pid = spawn_server(&w, &r);
  LspScript s = {STRBUF_INIT};
  snprintf(msg, sizeof msg,
           "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
           "\"rootUri\":\"file://%s\",\"capabilities\":{}}}",
           dir);
  lsp_script_send(&s, msg);
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
  lsp_script_open(&s, uri, "dockercompose", 1, "services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./data:/d\n");
  flush_script(&s, w);
  cr_assert_eq(next_path_missing(r), 1, "the mounted folder does not exist yet");
  cr_assert_eq(mkdir(data, 0755), 0);
  send_insert(&s, uri, 2, 2, 21, "-x");
  flush_script(&s, w);
  cr_assert_eq(next_path_missing(r), 1, "an unannounced change of the disk is not looked for");
  snprintf(msg, sizeof msg,
           "{\"jsonrpc\":\"2.0\",\"method\":\"workspace/didChangeWatchedFiles\",\"params\":{\"changes\":"
           "[{\"uri\":\"file://%s\",\"type\":1}]}}",
           data);
  lsp_script_send(&s, msg);
  flush_script(&s, w);
  cr_assert_eq(next_path_missing(r), 0, "the announced folder is seen");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}");
  lsp_script_send(&s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  flush_script(&s, w);
  fclose(w);
  int status = 0;
  waitpid(pid, &status, 0);
  fclose(r);
  lsp_script_destroy(&s);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d", status);
}
