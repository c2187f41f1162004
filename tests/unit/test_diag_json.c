/* Unit tests for server/lsp/diag_json.c, the diagnostics' wire text and
 * its per-document cache.
 *
 * Two promises are held here.  The text is what cJSON_PrintUnformatted
 * printed before the writer replaced it (strings escaped and numbers
 * spelled as cJSON does, and every written array a fixed point of a
 * cJSON parse and print).  And the cache never serves a stale text: after
 * every change below, the text written through a cache that saw the
 * previous diagnostics equals the text written through an empty one. */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "lsp/diag_json.h"
#include "lsp/lsp_internal.h"

/* What cJSON prints for one value, for comparison. */
static char *cjson_printed(cJSON *value) {
  char *text = cJSON_PrintUnformatted(value);
  cJSON_Delete(value);
  return text;
}

Test(json_text, strings_are_escaped_as_cjson_escapes_them) {
  /* Every byte from 1 to 255 once, then the short escapes again among
   * plain text and UTF-8. */
  char all[256];
  for (int i = 1; i < 256; i++) all[i - 1] = (char)i;
  all[255] = '\0';
  const char *samples[] = {"", all, "say \"hi\"\\n\tand\r\n\b\f leave", "caf\xc3\xa9 \xe2\x9c\x93 \x7f",
                           "\x01\x1f end"};
  for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
    StrBuf ours = STRBUF_INIT;
    json_text_string(&ours, samples[i]);
    char *theirs = cjson_printed(cJSON_CreateString(samples[i]));
    cr_assert_str_eq(strbuf_cstr(&ours), theirs, "sample %zu", i);
    cJSON_free(theirs);
    strbuf_destroy(&ours);
  }
}

Test(json_text, integers_are_spelled_as_cjson_spells_them) {
  /* The edges of cJSON's int fast path, of the plain 15-digit range and of
   * the doubles that hold every integer exactly (versions reach 2^53). */
  const int64_t samples[] = {0, 1, -1, 42, INT32_MAX, (int64_t)INT32_MAX + 1, INT32_MIN,
                             (int64_t)INT32_MIN - 1, UINT32_MAX, 999999999999999, -999999999999999,
                             1000000000000000, 1000000000000001, 2000000000000000, 1234567890123456,
                             -1000000000000000, 9007199254740991, -9007199254740991, 9007199254740992};
  for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
    StrBuf ours = STRBUF_INIT;
    json_text_int(&ours, samples[i]);
    char *theirs = cjson_printed(cJSON_CreateNumber((double)samples[i]));
    cr_assert_str_eq(strbuf_cstr(&ours), theirs, "%lld", (long long)samples[i]);
    cJSON_free(theirs);
    strbuf_destroy(&ours);
  }
}

/* A workspace with two documents: the one diagnosed and the one its
 * related locations point into. */
static Workspace *ws;
static FileId doc, other;
static DiagJsonCache cache;
static DiagList list;

static void setup(void) {
  ws = ws_new(NULL);
  char *err = NULL;
  const char *text = "FROM alpine:3.20\nRUN echo one\nRUN echo two\n";
  cr_assert(ws_open(ws, "file:///w/Dockerfile", DOC_KIND_DOCKERFILE, 1, text, strlen(text), &doc, &err));
  const char *pj = "{\"scripts\": {\"start\": \"node a.js\"}}\n";
  cr_assert(ws_open(ws, "file:///w/package.json", DOC_KIND_OTHER, 1, pj, strlen(pj), &other, &err));
  memset(&cache, 0, sizeof cache);
  array_init(&list);
}

static void teardown(void) {
  diaglist_destroy(&list);
  diag_json_cache_destroy(&cache);
  ws_delete(ws);
}

TestSuite(diag_json, .init = setup, .fini = teardown);

static void edit(FileId id, TextPos start, TextPos end, const char *text) {
  static int64_t version = 1;
  TextChange c = {false, start, end, text, strlen(text)};
  char *err = NULL;
  cr_assert(ws_change(ws, id, ++version, &c, 1, POS_ENC_UTF16, &err), "%s", err ? err : "");
}

/* Writes `list` for document `id` through the cache `warm` and through an
 * empty one: the two must agree, and the text must be a fixed point of
 * cJSON.  The written buffer is then handed to `warm`, as a publish does,
 * so the next write copies unchanged diagnostics from it.  Returns the
 * text (caller frees). */
static char *written_by(DiagJsonCache *warm, FileId id, PosEncoding enc) {
  StrBuf cached = STRBUF_INIT, fresh = STRBUF_INIT;
  DiagJsonCache empty;
  memset(&empty, 0, sizeof empty);
  diag_json_array(warm, ws, enc, id, &list, &cached);
  diag_json_array(&empty, ws, enc, id, &list, &fresh);
  diag_json_cache_destroy(&empty);
  cr_assert_str_eq(strbuf_cstr(&cached), strbuf_cstr(&fresh), "the cache served a stale text");
  cJSON *parsed = cJSON_Parse(strbuf_cstr(&cached));
  cr_assert_not_null(parsed, "%s", strbuf_cstr(&cached));
  char *reprinted = cjson_printed(parsed);
  cr_assert_str_eq(strbuf_cstr(&cached), reprinted);
  cJSON_free(reprinted);
  strbuf_destroy(&fresh);
  char *text = xstrdup(strbuf_cstr(&cached));
  diag_json_keep(warm, &cached);
  strbuf_destroy(&cached);
  return text;
}

static char *written(PosEncoding enc) { return written_by(&cache, doc, enc); }

/* The first finding's bytes moved by an edit before it, as the analysis
 * of the new text would report it. */
static void move_first(size_t by) {
  list.items[0].start += by;
  list.items[0].end += by;
}

static void expect_changed(char **previous, PosEncoding enc) {
  char *now = written(enc);
  cr_assert_str_neq(now, *previous, "the change should have changed the text");
  xfree(*previous);
  *previous = now;
}

/* Offsets of "echo one" and "echo two" in the original text. */
#define ONE 21
#define TWO 34

Test(diag_json, same_message_at_another_range_is_written_anew) {
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "same words");
  char *text = written(POS_ENC_UTF16);
  list.items[0].start = TWO;
  list.items[0].end = TWO + 4;
  expect_changed(&text, POS_ENC_UTF16);
  /* Two equal messages at once, then the first one gone. */
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "same words");
  expect_changed(&text, POS_ENC_UTF16);
  diaglist_clear(&list);
  diag_add(&list, RULE_SYNTAX_ERROR, doc, TWO, TWO + 4, "same words");
  expect_changed(&text, POS_ENC_UTF16);
  xfree(text);
}

Test(diag_json, a_line_inserted_above_moves_the_range) {
  diag_add(&list, RULE_SYNTAX_ERROR, doc, TWO, TWO + 4, "at two");
  char *text = written(POS_ENC_UTF16);
  /* The analysis of the new text reports the same finding, its bytes
   * shifted by the inserted line. */
  edit(doc, (TextPos){1, 0}, (TextPos){1, 0}, "# note\n");
  move_first(7);
  expect_changed(&text, POS_ENC_UTF16);
  cr_assert(strstr(text, "\"line\":3") != NULL, "%s", text);
  xfree(text);
}

Test(diag_json, equal_offsets_on_other_lines_are_written_anew) {
  /* Joining two lines and adding a byte on the second keeps every offset
   * after it but moves it to another line and column. */
  diag_add(&list, RULE_SYNTAX_ERROR, doc, TWO, TWO + 4, "at two");
  char *text = written(POS_ENC_UTF16);
  edit(doc, (TextPos){0, 16}, (TextPos){1, 0}, " ");
  expect_changed(&text, POS_ENC_UTF16);
  xfree(text);
}

Test(diag_json, message_severity_and_rule_are_part_of_the_key) {
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "first words");
  char *text = written(POS_ENC_UTF16);
  xfree(list.items[0].message);
  list.items[0].message = xstrdup("other words");
  expect_changed(&text, POS_ENC_UTF16);
  list.items[0].severity = SEV_HINT;
  expect_changed(&text, POS_ENC_UTF16);
  list.items[0].rule = RULE_CONFIG_INVALID;
  expect_changed(&text, POS_ENC_UTF16);
  xfree(text);
}

Test(diag_json, related_locations_are_part_of_the_key) {
  Diag *d = diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "see there");
  diag_add_related(d, other, 13, 20, "the script");
  char *text = written(POS_ENC_UTF16);
  /* The other file changes and the related location moves within it,
   * while the diagnostic itself stays where it was. */
  edit(other, (TextPos){0, 0}, (TextPos){0, 0}, "\n");
  list.items[0].related.items[0].start++;
  list.items[0].related.items[0].end++;
  expect_changed(&text, POS_ENC_UTF16);
  xfree(list.items[0].related.items[0].message);
  list.items[0].related.items[0].message = xstrdup("the other script");
  expect_changed(&text, POS_ENC_UTF16);
  diag_add_related(&list.items[0], other, 0, 1, "more");
  expect_changed(&text, POS_ENC_UTF16);
  xfree(text);
}

Test(diag_json, the_encoding_is_part_of_the_key) {
  /* A two-byte character before the range: its column is one UTF-16
   * unit, or two UTF-8 bytes. */
  edit(doc, (TextPos){1, 4}, (TextPos){1, 4}, "\xc3\xa9");
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE + 2, ONE + 6, "after the accent");
  char *text = written(POS_ENC_UTF16);
  expect_changed(&text, POS_ENC_UTF8);
  xfree(text);
}

Test(diag_json, a_dropped_diagnostic_comes_back_correct) {
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "comes and goes");
  char *first = written(POS_ENC_UTF16);
  diaglist_clear(&list);
  char *none = written(POS_ENC_UTF16);
  cr_assert_str_eq(none, "[]");
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "comes and goes");
  char *again = written(POS_ENC_UTF16);
  cr_assert_str_eq(again, first);
  /* Only diagnostics of the document are written. */
  diag_add(&list, RULE_SYNTAX_ERROR, other, 0, 1, "elsewhere");
  char *mixed = written(POS_ENC_UTF16);
  cr_assert_str_eq(mixed, first);
  xfree(first);
  xfree(none);
  xfree(again);
  xfree(mixed);
}

/* Only the documents published last keep their text: the caches that
 * went longest without a publish are emptied first, one at a time, and a
 * cache kept is left as it was. */
Test(diag_json, only_the_caches_used_last_are_kept) {
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "kept or not");
  DiagCache caches[6];
  memset(caches, 0, sizeof caches);
  /* Published in the order 3, 0, 5, 1, 4, 2 (json_publish 1..6). */
  const uint64_t order[6] = {2, 4, 6, 1, 5, 3};
  for (size_t i = 0; i < 6; i++) {
    StrBuf out = STRBUF_INIT;
    diag_json_array(&caches[i].json, ws, POS_ENC_UTF16, doc, &list, &out);
    strbuf_destroy(&out);
    caches[i].json_publish = order[i];
  }
  lsp_json_caches_age(caches, 6, 6);
  for (size_t i = 0; i < 6; i++) cr_assert_eq(caches[i].json.entries.len, 1, "nothing is over the limit");
  lsp_json_caches_age(caches, 6, 4);
  for (size_t i = 0; i < 6; i++) {
    bool kept = order[i] > 2;
    cr_assert_eq(caches[i].json.entries.len, kept ? 1u : 0u, "cache %zu (publish %llu)", i,
                 (unsigned long long)order[i]);
  }
  /* An emptied cache does not count, so nothing more goes at the limit. */
  lsp_json_caches_age(caches, 6, 4);
  cr_assert_eq(caches[2].json.entries.len, 1);
  for (size_t i = 0; i < 6; i++) diag_json_cache_destroy(&caches[i].json);
}

/* Positions carried over from the last write equal positions worked out
 * afresh, over random edits of a text with CRLF and LF lines and
 * characters of two, three and four bytes: letters, line breaks and
 * multi-byte characters typed, lines joined, ranges across lines removed.
 * The findings are found in the text after each edit, as an analysis
 * would find them, so they move with it. */
static void find_words(DiagList *out, FileId id) {
  diaglist_clear(out);
  const TextDoc *t = ws_text(ws, id);
  for (const char *p = t->bytes; (p = strstr(p, "echo")) != NULL; p += 4) {
    size_t at = (size_t)(p - t->bytes);
    diag_add(out, at % 3 ? RULE_SYNTAX_ERROR : RULE_RUN_CD, id, at, at + 4, "word %zu", at % 5);
  }
  /* One at the very end, where nothing is carried over. */
  diag_add(out, RULE_SYNTAX_ERROR, id, t->len, t->len, "at the end");
}

/* 600 random edits of a text with CRLF and LF lines and multi-byte
 * characters, each text's findings (put into `list` by `fill`) written
 * through a warm cache and checked against a fresh write (written_by). */
static void random_edits(unsigned seed, void (*fill)(FileId id)) {
  StrBuf b = STRBUF_INIT;
  for (int i = 0; i < 120; i++)
    strbuf_appendf(&b, "RUN echo %d \xc3\xa9\xe2\x82\xac\xf0\x9f\x90\xb3 echo%s", i, i % 3 ? "\n" : "\r\n");
  FileId big;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/big/Dockerfile", DOC_KIND_DOCKERFILE, 1, b.data, b.len, &big, &err));
  strbuf_destroy(&b);
  DiagJsonCache warm;
  memset(&warm, 0, sizeof warm);
  static const char *const typed[] = {"x", "\n", "\r\n", "\xc3\xa9", "\xf0\x9f\x90\xb3", "echo ", ""};
  unsigned r = seed;
  for (int step = 0; step < 600; step++) {
    fill(big);
    xfree(written_by(&warm, big, POS_ENC_UTF16));
    /* An edit inside the ASCII start of a line ("RUN echo "), or from
     * there to the start of a later line. */
    uint32_t lines = (uint32_t)ws_text(ws, big)->line_starts.len;
    r = r * 1103515245u + 12345u;
    uint32_t line = (r >> 8) % lines, col = (r >> 4) % 4;
    TextPos from = {line, col}, to = from;
    if ((r >> 20) % 5 == 0) to = (TextPos){line, col + (r >> 12) % 3};
    if ((r >> 20) % 7 == 1 && line + 2 < lines) to = (TextPos){line + 1 + (r >> 14) % 2, 0};
    const char *text = typed[(r >> 16) % 7];
    TextChange c = {false, from, to, text, strlen(text)};
    int64_t version = ws_version(ws, big) + 1;
    /* A position past a short line's end is refused, and then nothing
     * changed: the next round writes the same text again. */
    if (!ws_change(ws, big, version, &c, 1, POS_ENC_UTF16, &err)) xfree(err);
    err = NULL;
  }
  diag_json_cache_destroy(&warm);
}

static void fill_found(FileId id) { find_words(&list, id); }

Test(diag_json, carried_positions_equal_fresh_ones_over_random_edits) { random_edits(2024, fill_found); }

/* Two caches writing the same document in turn: each mark replaces the
 * other's, and neither carries positions over a text it did not see. */
Test(diag_json, a_cache_marked_over_by_another_works_afresh) {
  DiagJsonCache other_cache;
  memset(&other_cache, 0, sizeof other_cache);
  diag_add(&list, RULE_SYNTAX_ERROR, doc, TWO, TWO + 4, "at two");
  char *text = written(POS_ENC_UTF16);
  for (int i = 0; i < 3; i++) {
    edit(doc, (TextPos){0, 0}, (TextPos){0, 0}, "#\n");
    move_first(2);
    StrBuf out = STRBUF_INIT;
    diag_json_array(&other_cache, ws, POS_ENC_UTF16, doc, &list, &out);
    strbuf_destroy(&out);
    edit(doc, (TextPos){0, 0}, (TextPos){0, 0}, "#\n");
    move_first(2);
    expect_changed(&text, POS_ENC_UTF16);
  }
  cr_assert(strstr(text, "\"line\":8") != NULL, "%s", text);
  xfree(text);
  diag_json_cache_destroy(&other_cache);
}

/* Line numbers of every length are written right (the range has its own
 * digit writer). */
Test(diag_json, ranges_on_far_lines_are_spelled_right) {
  StrBuf b = STRBUF_INIT;
  for (int i = 0; i < 100010; i++) strbuf_append(&b, "\n");
  FileId tall;
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///w/tall/Dockerfile", DOC_KIND_DOCKERFILE, 1, b.data, b.len, &tall, &err));
  strbuf_destroy(&b);
  const size_t lines[] = {0, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 100009};
  for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
    Diag d = {.rule = RULE_SYNTAX_ERROR, .severity = SEV_ERROR, .file = tall, .start = lines[i],
              .end = lines[i], .message = (char *)"m"};
    StrBuf out = STRBUF_INIT;
    diag_json_one(ws, POS_ENC_UTF16, &d, &out);
    char want[96];
    snprintf(want, sizeof want, "{\"start\":{\"line\":%zu,\"character\":0},\"end\":{\"line\":%zu,", lines[i],
             lines[i]);
    cr_assert(strstr(strbuf_cstr(&out), want) != NULL, "%s", strbuf_cstr(&out));
    strbuf_destroy(&out);
  }
}

/* A finding kept with the same bytes while an edit changes what its end
 * falls in: "cd" replaced by "é" (two bytes for two) puts the end inside
 * a character, so its column is not the one sent before. */
Test(diag_json, an_end_inside_the_edited_bytes_is_worked_out_again) {
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 3, "ech");
  char *text = written(POS_ENC_UTF16);
  edit(doc, (TextPos){1, 6}, (TextPos){1, 8}, "\xc3\xa9");
  expect_changed(&text, POS_ENC_UTF16);
  xfree(text);
}

/* A write whose buffer the caller kept (no diag_json_keep) leaves the
 * cache without a text to copy from: the next write builds every
 * diagnostic's text again rather than copying from an older buffer at
 * the newer write's offsets. */
Test(diag_json, a_write_not_handed_over_is_not_copied_from) {
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "a");
  xfree(written(POS_ENC_UTF16));
  diaglist_clear(&list);
  diag_add(&list, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "a much longer message than before");
  diag_add(&list, RULE_SYNTAX_ERROR, doc, TWO, TWO + 4, "a second one");
  StrBuf kept_by_caller = STRBUF_INIT;
  diag_json_array(&cache, ws, POS_ENC_UTF16, doc, &list, &kept_by_caller);
  char *again = written(POS_ENC_UTF16);
  cr_assert_str_eq(again, strbuf_cstr(&kept_by_caller));
  xfree(again);
  strbuf_destroy(&kept_by_caller);
}

/* The diagnostics a publish of a long file is made of: copies given out
 * by a cache of results, whose messages are shared texts held by the
 * records of the last write, so that the same pointer means the same
 * message.  `list` is emptied and filled with such copies of `kept`'s
 * findings, which stay alive (and so keep their texts) across writes. */
static void give_out(const DiagList *kept) {
  diaglist_clear(&list);
  for (size_t i = 0; i < kept->len; i++) array_push(&list, diag_copy_moved(&kept->items[i], 0));
}

/* A held message makes a diagnostic's text the same only with the same
 * rule, severity, offsets and no related locations: a copy whose
 * severity a level changed, whose rule is another's or which gained a
 * related location keeps its message pointer, and must not be copied
 * from the last write. */
Test(diag_json, a_held_message_carries_over_only_its_own_text) {
  DiagList kept;
  array_init(&kept);
  diag_add(&kept, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "held words");
  diag_add(&kept, RULE_SYNTAX_ERROR, doc, TWO, TWO + 4, "second held words");
  give_out(&kept);
  DiagList shared;
  array_init(&shared);
  for (size_t i = 0; i < list.len; i++) array_push(&shared, diag_copy_moved(&list.items[i], 0));
  give_out(&shared);
  char *text = written(POS_ENC_UTF16);
  /* Nothing changed: the same text, copied. */
  char *again = written(POS_ENC_UTF16);
  cr_assert_str_eq(again, text);
  xfree(again);
  give_out(&shared);
  list.items[0].severity = SEV_HINT;
  expect_changed(&text, POS_ENC_UTF16);
  give_out(&shared);
  list.items[1].rule = RULE_CONFIG_INVALID;
  expect_changed(&text, POS_ENC_UTF16);
  /* A related location beside the same held message.  A copy's related
   * messages are shared texts as its message is, so they are taken from
   * a copy of a finding that has one. */
  give_out(&shared);
  DiagList with;
  array_init(&with);
  diag_add_related(diag_add(&with, RULE_SYNTAX_ERROR, doc, ONE, ONE + 4, "with"), other, 13, 20, "the script");
  Diag moved = diag_copy_moved(&with.items[0], 0);
  list.items[0].related = moved.related;
  array_init(&moved.related);
  diag_destroy(&moved);
  diaglist_destroy(&with);
  expect_changed(&text, POS_ENC_UTF16);
  /* An end moved while the start and the message stay. */
  give_out(&shared);
  list.items[1].end++;
  expect_changed(&text, POS_ENC_UTF16);
  /* A diagnostic of another file with the same pointer in between. */
  give_out(&shared);
  array_push(&list, diag_copy_moved(&shared.items[1], 0));
  list.items[2].file = other;
  xfree(written(POS_ENC_UTF16));
  /* A write whose buffer the caller kept: the next one must not copy
   * from the buffer before it at this write's offsets. */
  give_out(&shared);
  list.items[0].severity = SEV_HINT;
  StrBuf kept_by_caller = STRBUF_INIT;
  diag_json_array(&cache, ws, POS_ENC_UTF16, doc, &list, &kept_by_caller);
  xfree(text);
  text = written(POS_ENC_UTF16);
  cr_assert_str_eq(text, strbuf_cstr(&kept_by_caller));
  strbuf_destroy(&kept_by_caller);
  diaglist_destroy(&shared);
  diaglist_destroy(&kept);
  xfree(text);
}

/* The random edits again, with the findings given out as copies of kept
 * ones, as the caches of results give them: their messages are the same
 * pointers from one write to the next, so the records are taken over in
 * runs, and the text each run copies must be the text a fresh write
 * makes.  One kept finding per rule and message, at offset 0, is moved to
 * where each word is found. */
static DiagList kept_words;

static void fill_given_out(FileId id) {
  DiagList found;
  array_init(&found);
  find_words(&found, id);
  diaglist_clear(&list);
  for (size_t i = 0; i < found.len; i++) {
    const Diag *f = &found.items[i];
    size_t v = i + 1 == found.len ? 10 : 2 * (f->start % 5) + (f->rule == RULE_SYNTAX_ERROR);
    Diag copy = diag_copy_moved(&kept_words.items[v], (ptrdiff_t)f->start);
    copy.file = id;
    array_push(&list, copy);
  }
  diaglist_destroy(&found);
}

Test(diag_json, runs_carried_over_equal_fresh_ones_over_random_edits) {
  DiagList made;
  array_init(&made);
  array_init(&kept_words);
  for (size_t v = 0; v < 10; v++) diag_add(&made, v % 2 ? RULE_SYNTAX_ERROR : RULE_RUN_CD, doc, 0, 4, "word %zu", v / 2);
  diag_add(&made, RULE_SYNTAX_ERROR, doc, 0, 0, "at the end");
  for (size_t i = 0; i < made.len; i++) array_push(&kept_words, diag_copy_moved(&made.items[i], 0));
  random_edits(77, fill_given_out);
  diaglist_destroy(&kept_words);
  diaglist_destroy(&made);
}
