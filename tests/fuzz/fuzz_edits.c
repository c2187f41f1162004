/* Fuzz target: sequences of incremental edits.  The input is decoded into
 * a first text and a list of didChanges (see decode below); after each
 * change the workspace's incremental tree is compared with a fresh parse
 * of the same text and, when they are equal, the diagnostics with those of
 * the text opened fresh.  A change the workspace refuses must leave text
 * and version as they were.  When tree-sitter's error recovery gives a
 * compose file an incremental tree that differs from the fresh one (it may,
 * see test_model_splice.c), the diagnostics cannot be expected to agree and
 * that step is not compared; a Dockerfile's trees must always agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/syntax/parse.h"
#include "fuzz_support.h"

/* What is typed: the pieces that change how neighbouring text reads in
 * either language, and multi-byte characters. */
static const char *const pieces[] = {
    "FROM alpine:3.20\n", "FROM build AS test\n", " AS build", "ARG V=1\n", "ENV A=$V\n", "RUN <<EOF\n", "<<EOF",
    "<<-EOT\n", "EOF\n", "EOT\n", "RUN apt-get install -y curl\n", "COPY --from=build /a /b\n", "SHELL [\"pwsh\"]\n",
    "# escape=`\n", "\\\n", "`\n", "\\", "\n", "\r\n", "\r", " ", "\t", "#", "\"", "'", "[", "]", "{", "}", "$", "é",
    "日本", "😀", "services:\n", "  web:\n", "    image: nginx\n", "    build: .\n", "    ports:\n",
    "      - \"80:80\"\n", "    environment:\n", "      - A=b\n", "x-base: &base\n", "    <<: *base\n", ": ", "- ",
    "|\n", ">-\n", "---\n", "...\n", "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n", "USER root\n",
    "EXPOSE 80/tcp\n", "CMD [\"a\", \"b\"]\n", "WORKDIR /app\n", "&& ", "; ", "|| ",
};
#define PIECE_COUNT (sizeof pieces / sizeof *pieces)
#define MAX_STEPS 48

typedef struct {
  const uint8_t *data;
  size_t size, at;
} Reader;

static unsigned next_byte(Reader *r) { return r->at < r->size ? r->data[r->at++] : 0; }
static bool more(const Reader *r) { return r->at < r->size; }

/* An offset of the text from two input bytes, moved back to the start of
 * the character it falls in. */
static size_t pick_offset(Reader *r, const TextDoc *t) {
  size_t raw = next_byte(r) << 8;
  raw |= next_byte(r);
  size_t off = t->len ? raw % (t->len + 1) : 0;
  while (off > 0 && off < t->len && ((unsigned char)t->bytes[off] & 0xC0) == 0x80) off--;
  return off;
}

/* Every node of every tree with its byte range, in a walk of each whole
 * tree: ts_node_string alone leaves the ranges out, and two trees of one
 * shape over different ranges read differently. */
static char *tree_string(Workspace *ws, FileId id) {
  const Syntax *syn = ws_syntax(ws, id);
  StrBuf out = STRBUF_INIT;
  if (!syn) return strbuf_take(&out);
  for (size_t i = 0; i < syntax_tree_count(syn); i++) {
    TSTreeCursor cursor = ts_tree_cursor_new(syntax_root_at(syn, i));
    for (;;) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      strbuf_appendf(&out, "%s%s %u-%u\n", ts_node_is_missing(node) ? "MISSING " : "", ts_node_type(node),
                     ts_node_start_byte(node), ts_node_end_byte(node));
      if (ts_tree_cursor_goto_first_child(&cursor) || ts_tree_cursor_goto_next_sibling(&cursor)) continue;
      bool more_nodes = false;
      while (ts_tree_cursor_goto_parent(&cursor)) {
        if (ts_tree_cursor_goto_next_sibling(&cursor)) {
          more_nodes = true;
          break;
        }
      }
      if (!more_nodes) break;
    }
    ts_tree_cursor_delete(&cursor);
  }
  return strbuf_take(&out);
}

static const char *uri_of(DocKind kind) {
  return kind == DOC_KIND_COMPOSE ? "file:///w/compose.yaml" : "file:///w/Dockerfile";
}

/* The incremental state against the same text opened fresh. */
static void compare_with_fresh(Workspace *ws, FileId id, DocKind kind, size_t step) {
  const TextDoc *t = ws_text(ws, id);
  FuzzProject fresh = fuzz_project_new();
  FileId fid;
  char *err = NULL;
  bool opened = ws_open(fresh.ws, uri_of(kind), kind, 1, t->bytes, t->len, &fid, &err);
  fuzz_check(opened, "step %zu: the edited text does not open fresh: %s", step, err);
  char *tree = tree_string(ws, id), *fresh_tree = tree_string(fresh.ws, fid);
  /* A Dockerfile chunk with an error is parsed afresh after an edit, so
   * its trees never depend on the edit history. */
  fuzz_check(kind != DOC_KIND_DOCKERFILE || strcmp(tree, fresh_tree) == 0,
             "step %zu: the edited Dockerfile's trees differ from a fresh parse\ntext:\n%s", step, t->bytes);
  if (strcmp(tree, fresh_tree) == 0) {
    DiagList a, b;
    array_init(&a);
    array_init(&b);
    analysis_file_without_fixes(ws, id, &a);
    analysis_file_without_fixes(fresh.ws, fid, &b);
    char *got = fuzz_diag_summary(ws, &a), *want = fuzz_diag_summary(fresh.ws, &b);
    fuzz_check(strcmp(got, want) == 0, "step %zu: diagnostics after edits differ from a fresh analysis\n%s---\n%s\ntext:\n%s",
               step, got, want, t->bytes);
    xfree(got);
    xfree(want);
    diaglist_destroy(&a);
    diaglist_destroy(&b);
  }
  else if (getenv("DOCKLS_FUZZ_TRACE"))
    fprintf(stderr, "step %zu: the incremental tree differs from a fresh parse, diagnostics not compared\n", step);
  xfree(tree);
  xfree(fresh_tree);
  fuzz_project_delete(&fresh);
}

/* One didChange decoded from the input: an operation byte, then its
 * operands.  Operations: type a piece, delete a range, replace a range by
 * a piece, type raw input bytes (which may not be UTF-8), send a position
 * made of raw numbers (which may lie past the end), or two changes in one
 * didChange. */
static size_t decode_change(Reader *r, const TextDoc *t, PosEncoding enc, TextChange *changes, char *raw) {
  unsigned op = next_byte(r) % 6;
  size_t a = pick_offset(r, t);
  size_t b = a + next_byte(r) % 24;
  if (b > t->len) b = t->len;
  while (b > a && b < t->len && ((unsigned char)t->bytes[b] & 0xC0) == 0x80) b--;
  const char *piece = pieces[next_byte(r) % PIECE_COUNT];
  TextChange c = {false, text_pos_of(t, a, enc), text_pos_of(t, a, enc), piece, strlen(piece)};
  switch (op) {
    case 0: break;
    case 1: c.end = text_pos_of(t, b, enc), c.text = "", c.len = 0; break;
    case 2: c.end = text_pos_of(t, b, enc); break;
    case 3: {
      size_t n = next_byte(r) % 8;
      for (size_t i = 0; i < n; i++) raw[i] = (char)next_byte(r);
      c.text = raw;
      c.len = n;
      break;
    }
    case 4:
      c.start.line = next_byte(r), c.start.character = next_byte(r);
      c.end = c.start;
      c.end.character += next_byte(r) % 4;
      break;
    case 5: {
      /* The second change's positions are in the text the first leaves;
       * up to the first change's start that is the old text. */
      changes[0] = c;
      size_t first = pick_offset(r, t) % (a + 1);
      while (first > 0 && ((unsigned char)t->bytes[first] & 0xC0) == 0x80) first--;
      const char *second = pieces[next_byte(r) % PIECE_COUNT];
      TextPos at = text_pos_of(t, first, enc);
      changes[1] = (TextChange){false, at, at, second, strlen(second)};
      return 2;
    }
  }
  changes[0] = c;
  return 1;
}

/* With DOCKLS_FUZZ_TRACE set, each accepted change and the text it leaves
 * go to stderr, so that a failing input can be read step by step when it
 * is replayed (the fuzzer itself runs without it: it would only slow it). */
static void trace_step(size_t step, const TextChange *changes, size_t count, const TextDoc *t) {
  static int tracing = -1;
  if (tracing < 0) tracing = getenv("DOCKLS_FUZZ_TRACE") != NULL;
  if (!tracing) return;
  for (size_t i = 0; i < count; i++)
    fprintf(stderr, "step %zu: %u:%u-%u:%u <- \"%.*s\"\n", step, changes[i].start.line, changes[i].start.character,
            changes[i].end.line, changes[i].end.character, (int)changes[i].len, changes[i].text);
  fputs("text:\n", stderr);
  fwrite(t->bytes, 1, t->len, stderr); /* the text may hold NUL bytes */
  fputs("\n-----\n", stderr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_init();
  if (size == 0) return 0;
  Reader r = {data, size, 1};
  DocKind kind = data[0] & 1 ? DOC_KIND_COMPOSE : DOC_KIND_DOCKERFILE;
  PosEncoding enc = data[0] & 2 ? POS_ENC_UTF16 : POS_ENC_UTF8;
  /* The first text runs up to the first 0xFF byte, which UTF-8 never
   * holds; the changes follow it. */
  const uint8_t *end = memchr(data + 1, 0xFF, size - 1);
  size_t text_len = end ? (size_t)(end - data) - 1 : size - 1;
  r.at = 1 + text_len + (end != NULL);
  FuzzProject p = fuzz_project_new();
  FileId id;
  char *err = NULL;
  if (!ws_open(p.ws, uri_of(kind), kind, 1, (const char *)data + 1, text_len, &id, &err)) {
    xfree(err);
    fuzz_project_delete(&p);
    return 0;
  }
  compare_with_fresh(p.ws, id, kind, 0);
  for (size_t step = 1; step <= MAX_STEPS && more(&r); step++) {
    const TextDoc *t = ws_text(p.ws, id);
    /* A copy of every byte: the text may hold NUL bytes. */
    char *before = xmalloc(t->len + 1);
    memcpy(before, t->bytes, t->len);
    size_t before_len = t->len;
    int64_t version = ws_version(p.ws, id);
    TextChange changes[2];
    char raw[8];
    size_t count = decode_change(&r, t, enc, changes, raw);
    if (ws_change(p.ws, id, version + 1, changes, count, enc, &err)) {
      trace_step(step, changes, count, ws_text(p.ws, id));
      fuzz_check(ws_version(p.ws, id) == version + 1, "step %zu: the version did not move", step);
      /* Every other step is analysed, so that some analyses follow
       * several changes at once. */
      if (step % 2 == 0 || !more(&r)) compare_with_fresh(p.ws, id, kind, step);
    } else {
      t = ws_text(p.ws, id);
      fuzz_check(err != NULL, "step %zu: a refused change gave no reason", step);
      fuzz_check(t->len == before_len && memcmp(t->bytes, before, before_len) == 0 &&
                     ws_version(p.ws, id) == version,
                 "step %zu: a refused change (%s) changed the document", step, err);
      xfree(err);
      err = NULL;
    }
    xfree(before);
  }
  compare_with_fresh(p.ws, id, kind, MAX_STEPS + 1);
  fuzz_project_delete(&p);
  return 0;
}
