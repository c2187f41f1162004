/* Diagnostics as LSP JSON text, cached per document (see diag_json.h for
 * why).
 *
 * A diagnostic's text is its range, then the rest: severity, code, the
 * message and the related locations.  The rest is kept in a table keyed by
 * every input of it (rule, severity, message, and for each related
 * location its URI, range and message), so equal keys mean equal text and
 * a hit is confirmed by comparing the whole key, never by the hash alone.
 * The range is written each time from its four numbers, so a line
 * inserted above a diagnostic costs a few digits, not its text.
 *
 * The positions themselves are carried over from the last write when the
 * workspace can say how the text changed since (ws_text_since): a
 * diagnostic wholly before the changed bytes has the positions it had,
 * and one that starts on a line after the line where the unchanged end of
 * the text begins has the same character and a line moved by the change
 * in the line count.  The bytes that decide those positions (from the
 * line start to the offset, and the line breaks before it) are all in
 * unchanged text.  Everything else is worked out again.
 *
 * A diagnostic whose positions carried over unchanged has the very text
 * it had, so that text is copied from the buffer the last write went
 * into, which the caller hands over once it is sent (diag_json_keep):
 * neighbours that were neighbours then are copied in one stretch. */
#include "diag_json.h"

#include <float.h>
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/hash.h"

/* ------------------------------------------------------------ JSON text */

void json_text_string(StrBuf *out, const char *s) {
  strbuf_append_char(out, '"');
  const char *run = s;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    /* cJSON escapes the quote, the backslash and every byte below 0x20,
     * with the short forms where JSON has them and \u00xx (lower-case
     * hex) otherwise; every other byte, UTF-8 included, goes out as is. */
    if (*p >= 0x20 && *p != '"' && *p != '\\') continue;
    strbuf_append_n(out, run, (size_t)((const char *)p - run));
    run = (const char *)p + 1;
    switch (*p) {
      case '"': strbuf_append(out, "\\\""); break;
      case '\\': strbuf_append(out, "\\\\"); break;
      case '\b': strbuf_append(out, "\\b"); break;
      case '\f': strbuf_append(out, "\\f"); break;
      case '\n': strbuf_append(out, "\\n"); break;
      case '\r': strbuf_append(out, "\\r"); break;
      case '\t': strbuf_append(out, "\\t"); break;
      default: strbuf_appendf(out, "\\u%04x", *p); break;
    }
  }
  strbuf_append(out, run);
  strbuf_append_char(out, '"');
}

/* fabs without libm, which the server does not link for this alone. */
static double magnitude(double x) { return x < 0 ? -x : x; }

void json_text_int(StrBuf *out, int64_t value) {
  /* Below 10^15 in size cJSON's "%d" or "%1.15g" both print the plain
   * digits, which are written here without printf. */
  if (value > -1000000000000000 && value < 1000000000000000) {
    char digits[24];
    size_t n = 0;
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do {
      digits[n++] = (char)('0' + magnitude % 10);
      magnitude /= 10;
    } while (magnitude);
    if (value < 0) strbuf_append_char(out, '-');
    while (n > 0) strbuf_append_char(out, digits[--n]);
    return;
  }
  /* Larger numbers (a version beyond 10^15) follow cJSON's own steps: 15
   * significant digits when they read back as the same double, else 17,
   * which may give an exponent ("1e+15"). */
  double d = (double)value, back = 0;
  char text[32];
  snprintf(text, sizeof text, "%1.15g", d);
  bool read = sscanf(text, "%lg", &back) == 1;
  double size = magnitude(back) > magnitude(d) ? magnitude(back) : magnitude(d);
  if (!read || magnitude(back - d) > size * DBL_EPSILON)
    snprintf(text, sizeof text, "%1.17g", d);
  strbuf_append(out, text);
}

/* LSP's DiagnosticSeverity numbers, mapped explicitly: the analysis enum
 * is free to order or number its levels as it likes. */
static int lsp_severity(Severity severity) {
  switch (severity) {
    case SEV_ERROR: return 1;
    case SEV_WARNING: return 2;
    case SEV_INFO: return 3;
    case SEV_HINT: return 4;
  }
  return 4;
}

/* ------------------------------------------------------------ the key */

/* The fixed-size part of a key. */
typedef struct {
  uint32_t rule, severity, related;
} KeyHead;

/* A key in three parts, never copied into one buffer unless it is added
 * to the table: a publish looks up thousands of keys and finds nearly all
 * of them.  The bytes of a key are the head, the message with its NUL,
 * then for each related location its URI and message with their NULs and
 * its range (the NULs keep "ab"+"c" apart from "a"+"bc"). */
typedef struct {
  KeyHead head;
  const char *message;
  size_t message_len;    /* with the NUL */
  const StrBuf *related; /* the related locations' part; empty when none */
} DiagKey;

static void related_range(const Workspace *ws, PosEncoding enc, const Related *r, TextPos range[2]) {
  const TextDoc *text = ws_text(ws, r->file);
  range[0] = text_pos_of(text, r->start, enc);
  range[1] = text_pos_of(text, r->end, enc);
}

static void key_append_str(StrBuf *key, const char *s) { strbuf_append_n(key, s, strlen(s) + 1); }

static KeyHead key_head(const Diag *d) {
  KeyHead head;
  /* Zeroed first so that padding, if a compiler ever adds some, hashes
   * and compares the same every time. */
  memset(&head, 0, sizeof head);
  head.rule = (uint32_t)d->rule;
  head.severity = (uint32_t)d->severity;
  head.related = (uint32_t)d->related.len;
  return head;
}

/* Fills *key for d; `related` is the caller's buffer for the related part. */
static void diag_key(const Workspace *ws, PosEncoding enc, const Diag *d, DiagKey *key, StrBuf *related) {
  key->head = key_head(d);
  key->message = d->message;
  key->message_len = strlen(d->message) + 1;
  strbuf_clear(related);
  for (size_t i = 0; i < d->related.len; i++) {
    const Related *r = &d->related.items[i];
    TextPos range[2];
    related_range(ws, enc, r, range);
    key_append_str(related, ws_uri(ws, r->file));
    strbuf_append_n(related, (const char *)range, sizeof range);
    key_append_str(related, r->message);
  }
  key->related = related;
}

static size_t key_len(const DiagKey *key) { return sizeof key->head + key->message_len + key->related->len; }

/* The keys are short and the table only needs a spread; each part is
 * hashed where it lies. */
static uint64_t key_hash(const DiagKey *key) {
  uint64_t h = hash_words(HASH_FNV1A_BASIS, &key->head, sizeof key->head);
  h = hash_words(h, key->message, key->message_len);
  return key->related->len ? hash_words(h, key->related->data, key->related->len) : h;
}

static bool key_equals(const DiagKey *key, const char *bytes, size_t len) {
  if (len != key_len(key)) return false;
  if (memcmp(bytes, &key->head, sizeof key->head) != 0) return false;
  bytes += sizeof key->head;
  if (memcmp(bytes, key->message, key->message_len) != 0) return false;
  return !key->related->len || memcmp(bytes + key->message_len, key->related->data, key->related->len) == 0;
}

/* Whether an entry is of d's rule and severity and has as many related
 * locations: its message is known equal some other way. */
static bool entry_head_is_of(const DiagJsonEntry *e, const Diag *d) {
  KeyHead head = key_head(d);
  return e->key_len > sizeof head && memcmp(e->key, &head, sizeof head) == 0;
}

/* Whether an entry holds the text of d, which has no related locations
 * (the carried-over path takes no others): without building d's key. */
static bool entry_is_of(const DiagJsonEntry *e, const Diag *d) {
  if (!entry_head_is_of(e, d)) return false;
  /* The entry's message ends with its NUL at the end of its key. */
  return strcmp(e->key + sizeof(KeyHead), d->message) == 0 &&
         strlen(d->message) + 1 + sizeof(KeyHead) == e->key_len;
}

/* ------------------------------------------------------------ the text */

/* The range, written without the general writer's steps: a publish writes
 * one for every diagnostic.  Each literal is copied with its length known
 * at compile time, and each number is written at its final place once its
 * digits are counted. */
#define PUT_LITERAL(at, lit) (memcpy((at), (lit), sizeof(lit) - 1), (at) + sizeof(lit) - 1)

/* Every two-digit number, so that a number is written two digits at a
 * time. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static char *put_u32(char *at, uint32_t v) {
  size_t n = v < 10u ? 1 : v < 100u ? 2 : v < 1000u ? 3 : v < 10000u ? 4 : v < 100000u ? 5
           : v < 1000000u ? 6 : v < 10000000u ? 7 : v < 100000000u ? 8 : v < 1000000000u ? 9 : 10;
  char *end = at + n;
  for (; v >= 100; v /= 100) {
    end -= 2;
    memcpy(end, digit_pairs + 2 * (v % 100), 2);
  }
  if (v >= 10) memcpy(end - 2, digit_pairs + 2 * v, 2);
  else end[-1] = (char)('0' + v);
  return at + n;
}

/* The longest range object: four numbers of ten digits and the names. */
#define RANGE_TEXT_MOST 120

/* Writes `{"range":` (for a diagnostic) or nothing (for a related
 * location) and then the range object at `at`; returns where it ended. */
static char *range_text_at(char *at, const TextPos range[2], bool member) {
  if (member) at = PUT_LITERAL(at, "{\"range\":");
  at = PUT_LITERAL(at, "{\"start\":{\"line\":");
  at = put_u32(at, range[0].line);
  at = PUT_LITERAL(at, ",\"character\":");
  at = put_u32(at, range[0].character);
  at = PUT_LITERAL(at, "},\"end\":{\"line\":");
  at = put_u32(at, range[1].line);
  at = PUT_LITERAL(at, ",\"character\":");
  at = put_u32(at, range[1].character);
  return PUT_LITERAL(at, "}}");
}

static void range_text_after(StrBuf *out, const TextPos range[2], bool member) {
  char *start = strbuf_room(out, RANGE_TEXT_MOST);
  strbuf_wrote(out, (size_t)(range_text_at(start, range, member) - start));
}

static void range_text(StrBuf *out, const TextPos range[2]) { range_text_after(out, range, false); }

/* Everything after the range, the members in the order the cJSON writer
 * added them. */
static void diag_text_rest(const Workspace *ws, PosEncoding enc, const Diag *d, StrBuf *out) {
  strbuf_append(out, ",\"severity\":");
  json_text_int(out, lsp_severity(d->severity));
  strbuf_append(out, ",\"code\":");
  json_text_string(out, rule_info(d->rule)->id);
  char *href = rule_doc_url(d->rule);
  if (href) {
    strbuf_append(out, ",\"codeDescription\":{\"href\":");
    json_text_string(out, href);
    strbuf_append_char(out, '}');
    xfree(href);
  }
  strbuf_append(out, ",\"source\":\"dockls\",\"message\":");
  json_text_string(out, d->message);
  if (d->related.len > 0) {
    strbuf_append(out, ",\"relatedInformation\":[");
    for (size_t i = 0; i < d->related.len; i++) {
      const Related *r = &d->related.items[i];
      TextPos range[2];
      related_range(ws, enc, r, range);
      if (i > 0) strbuf_append_char(out, ',');
      strbuf_append(out, "{\"location\":{\"uri\":");
      json_text_string(out, ws_uri(ws, r->file));
      strbuf_append(out, ",\"range\":");
      range_text(out, range);
      strbuf_append(out, "},\"message\":");
      json_text_string(out, r->message);
      strbuf_append_char(out, '}');
    }
    strbuf_append_char(out, ']');
  }
  strbuf_append_char(out, '}');
}

/* ------------------------------------------------------------ the table */

static void cache_index(DiagJsonCache *cache, size_t entry) {
  size_t mask = cache->slot_count - 1;
  size_t slot = (size_t)cache->entries.items[entry].hash & mask;
  while (cache->slots[slot]) slot = (slot + 1) & mask;
  cache->slots[slot] = (uint32_t)(entry + 1);
}

/* Makes room for one more entry, keeping the table at most half full. */
static void cache_grow(DiagJsonCache *cache) {
  if (cache->slot_count >= 2 * (cache->entries.len + 1)) return;
  size_t count = cache->slot_count ? cache->slot_count : 64;
  while (count < 2 * (cache->entries.len + 1)) count *= 2;
  xfree(cache->slots);
  cache->slots = xcalloc(count, sizeof *cache->slots);
  cache->slot_count = count;
  for (size_t i = 0; i < cache->entries.len; i++) cache_index(cache, i);
}

static size_t cache_find(const DiagJsonCache *cache, uint64_t hash, const DiagKey *key) {
  if (!cache->slot_count) return SIZE_MAX;
  size_t mask = cache->slot_count - 1;
  for (size_t slot = (size_t)hash & mask; cache->slots[slot]; slot = (slot + 1) & mask) {
    const DiagJsonEntry *e = &cache->entries.items[cache->slots[slot] - 1];
    if (e->hash == hash && key_equals(key, e->key, e->key_len)) return cache->slots[slot] - 1;
  }
  return SIZE_MAX;
}

static size_t cache_add(DiagJsonCache *cache, uint64_t hash, const DiagKey *key, const StrBuf *json) {
  cache_grow(cache);
  size_t len = key_len(key);
  DiagJsonEntry e = {.hash = hash, .key_len = len, .json_len = json->len};
  e.key = xmalloc(len + json->len);
  memcpy(e.key, &key->head, sizeof key->head);
  memcpy(e.key + sizeof key->head, key->message, key->message_len);
  /* An empty related part may have no buffer at all, which memcpy must
   * not be given. */
  if (key->related->len) memcpy(e.key + sizeof key->head + key->message_len, key->related->data, key->related->len);
  memcpy(e.key + len, json->data, json->len);
  array_push(&cache->entries, e);
  cache_index(cache, cache->entries.len - 1);
  return cache->entries.len - 1;
}

/* Drops what the write just finished did not use (the diagnostics the
 * document no longer has) and points the sent records at where the kept
 * entries moved. */
static void cache_drop_unused(DiagJsonCache *cache) {
  size_t kept = 0;
  uint32_t *moved = xmalloc((cache->entries.len + 1) * sizeof *moved);
  for (size_t i = 0; i < cache->entries.len; i++) {
    DiagJsonEntry *e = &cache->entries.items[i];
    moved[i] = (uint32_t)kept;
    if (e->stamp == cache->stamp) cache->entries.items[kept++] = *e;
    else xfree(e->key);
  }
  if (kept != cache->entries.len) {
    for (size_t i = 0; i < cache->sent.len; i++) cache->sent.items[i].entry = moved[cache->sent.items[i].entry];
    cache->entries.len = kept;
    memset(cache->slots, 0, cache->slot_count * sizeof *cache->slots);
    for (size_t i = 0; i < kept; i++) cache_index(cache, i);
  }
  xfree(moved);
}

/* ------------------------------------------------------------ a write */

/* What the last write knew and how the text changed since, for carrying
 * positions over (see the top). */
typedef struct {
  bool known;
  size_t before;      /* a diagnostic ending this many bytes before it kept its positions */
  size_t after;       /* one starting here or later moved by `shift` bytes... */
  ptrdiff_t shift;
  int64_t line_shift; /* ...and this many lines */
  size_t next;        /* the sent record to look at next */
} CarryOver;

static CarryOver carry_over_begin(const DiagJsonCache *cache, Workspace *ws, PosEncoding enc, FileId id) {
  CarryOver c = {0};
  TextDelta delta;
  if (!cache->sent.len || cache->sent_enc != enc || !ws_text_since(ws, id, cache->text_gen, &delta)) return c;
  const TextDoc *text = ws_text(ws, id);
  c.known = true;
  /* Counting a position may decode a character of up to four bytes that
   * starts before the offset, so four bytes of room are left. */
  c.before = delta.prefix;
  /* The first line start after the line where the unchanged end begins:
   * from there on, line starts and columns depend on unchanged bytes only. */
  c.after = SIZE_MAX;
  if (delta.suffix > 0 && delta.suffix <= text->len) {
    size_t line = text_line_of(text, text->len - delta.suffix);
    if (line + 1 < text->line_starts.len) c.after = text->line_starts.items[line + 1];
  }
  c.shift = (ptrdiff_t)text->len - (ptrdiff_t)delta.old_len;
  c.line_shift = (int64_t)text->line_starts.len - (int64_t)cache->sent_lines;
  return c;
}

/* The positions d had in the last write, moved to the text now, when they
 * carry over; *was is then its record in the last write, and *same tells
 * whether its text is the same too (its line did not move). */
static bool carry_over(const DiagJsonCache *cache, CarryOver *c, const Diag *d, TextPos range[2],
                       const DiagJsonSent **was_out, bool *same) {
  if (!c->known || d->related.len) return false;
  size_t start, end;
  bool moved;
  if (d->end + 4 <= c->before) {
    start = d->start;
    end = d->end;
    moved = false;
  } else if (d->start >= c->after) {
    start = (size_t)((ptrdiff_t)d->start - c->shift);
    end = (size_t)((ptrdiff_t)d->end - c->shift);
    moved = true;
  } else {
    return false;
  }
  /* Both writes go through the diagnostics in the order of the text, so
   * the records are looked through once. */
  while (c->next < cache->sent.len && cache->sent.items[c->next].start < start) c->next++;
  for (size_t k = c->next; k < cache->sent.len && cache->sent.items[k].start == start; k++) {
    const DiagJsonSent *was = &cache->sent.items[k];
    /* A message held since the last write is the same text when it is the
     * same pointer; the rule, the severity and the count of related
     * locations are compared either way. */
    const DiagJsonEntry *e = &cache->entries.items[was->entry];
    bool same_message = was->message && was->message == d->message;
    if (was->end != end || !(same_message ? entry_head_is_of(e, d) : entry_is_of(e, d))) continue;
    for (size_t i = 0; i < 2; i++) {
      range[i] = was->range[i];
      if (moved) range[i].line = (uint32_t)((int64_t)range[i].line + c->line_shift);
    }
    *was_out = was;
    *same = cache->written_ok && (!moved || c->line_shift == 0);
    return true;
  }
  return false;
}

/* A stretch of the last write's text that this write repeats, not yet
 * appended: the texts of neighbouring diagnostics that kept their
 * positions (with the commas between them) are copied in one go, so
 * typing in a long file costs a comparison per unchanged diagnostic. */
typedef struct {
  size_t from, to; /* in the last write's text */
} CopyRun;

static void copy_run_flush(const DiagJsonCache *cache, CopyRun *run, StrBuf *out) {
  if (run->to > run->from)
    strbuf_append_n(out, cache->written.data + cache->written_base + run->from, run->to - run->from);
  run->from = run->to = 0;
}

/* Appends the text of a diagnostic that repeats `was` and returns where
 * it starts, counted from `base` as if the pending run had been written. */
static size_t copy_run_add(const DiagJsonCache *cache, CopyRun *run, const DiagJsonSent *was, bool first,
                           StrBuf *out, size_t base) {
  if (run->to > run->from && run->to + 1 == was->json_at) {
    /* It followed the run's last diagnostic then too: the comma between
     * them is in the run. */
    size_t at = out->len - base + (run->to - run->from) + 1;
    run->to = was->json_at + was->json_len;
    return at;
  }
  copy_run_flush(cache, run, out);
  if (!first) strbuf_append_char(out, ',');
  run->from = was->json_at;
  run->to = was->json_at + was->json_len;
  return out->len - base;
}

/* Gives back the messages the records hold, and frees them. */
static void sent_drop(DiagJsonSentArray *sent) {
  for (size_t i = 0; i < sent->len; i++) diag_message_drop(sent->items[i].message);
  array_delete(sent);
}

void diag_json_array(DiagJsonCache *cache, Workspace *ws, PosEncoding enc, FileId id, const DiagList *diags,
                     StrBuf *out) {
  cache->stamp++;
  CarryOver carry = carry_over_begin(cache, ws, enc, id);
  /* The findings come in the order of the text, so one cursor converts
   * the offsets of those not carried over without searching the lines. */
  TextPosCursor positions;
  text_pos_cursor_init(&positions, ws_text(ws, id), enc);
  StrBuf related = STRBUF_INIT, rest = STRBUF_INIT;
  Array(DiagJsonSent) sent;
  array_init(&sent);
  array_reserve(&sent, diags->len);
  size_t base = out->len;
  CopyRun run = {0};
  strbuf_append_char(out, '[');
  for (size_t i = 0; i < diags->len; i++) {
    const Diag *d = &diags->items[i];
    if (d->file != id) continue;
    DiagJsonSent now = {.start = d->start, .end = d->end, .message = diag_message_hold(d)};
    const DiagJsonSent *was = NULL;
    bool same = false;
    if (carry_over(cache, &carry, d, now.range, &was, &same)) {
      now.entry = was->entry;
      if (same) {
        now.json_at = copy_run_add(cache, &run, was, sent.len == 0, out, base);
        now.json_len = was->json_len;
        cache->entries.items[now.entry].stamp = cache->stamp;
        array_push(&sent, now);
        continue;
      }
    } else {
      now.range[0] = text_pos_cursor_at(&positions, d->start);
      now.range[1] = text_pos_cursor_at(&positions, d->end);
      DiagKey key;
      diag_key(ws, enc, d, &key, &related);
      uint64_t hash = key_hash(&key);
      size_t entry = cache_find(cache, hash, &key);
      if (entry == SIZE_MAX) {
        strbuf_clear(&rest);
        diag_text_rest(ws, enc, d, &rest);
        entry = cache_add(cache, hash, &key, &rest);
      }
      now.entry = (uint32_t)entry;
    }
    copy_run_flush(cache, &run, out);
    DiagJsonEntry *e = &cache->entries.items[now.entry];
    e->stamp = cache->stamp;
    /* The comma, the range and the rest in one reservation: a publish
     * appends these three for thousands of diagnostics. */
    char *start = strbuf_room(out, 1 + RANGE_TEXT_MOST + e->json_len), *at = start;
    if (sent.len > 0) *at++ = ',';
    now.json_at = out->len - base + (size_t)(at - start);
    at = range_text_at(at, now.range, true);
    memcpy(at, e->key + e->key_len, e->json_len);
    strbuf_wrote(out, (size_t)(at - start) + e->json_len);
    now.json_len = (uint32_t)(out->len - base - now.json_at);
    array_push(&sent, now);
  }
  copy_run_flush(cache, &run, out);
  strbuf_append_char(out, ']');
  strbuf_destroy(&related);
  strbuf_destroy(&rest);
  text_pos_cursor_destroy(&positions);
  sent_drop(&cache->sent);
  cache->sent.items = sent.items;
  cache->sent.len = sent.len;
  cache->sent.cap = sent.cap;
  cache->next_base = base;
  cache->written_ok = false;
  cache_drop_unused(cache);
  ws_text_mark(ws, id);
  cache->text_gen = ws_text_generation(ws, id);
  cache->sent_lines = ws_text(ws, id)->line_starts.len;
  cache->sent_enc = enc;
}

void diag_json_keep(DiagJsonCache *cache, StrBuf *out) {
  StrBuf kept = cache->written;
  /* The buffers go round between documents, so a large one handed to a
   * document with few diagnostics is cut to size rather than kept whole. */
  if (out->cap > 2 * out->len + 4096) {
    out->data = xrealloc(out->data, out->len + 1);
    out->cap = out->len + 1;
  }
  cache->written = *out;
  cache->written_base = cache->next_base;
  cache->written_ok = true;
  *out = kept;
  strbuf_clear(out);
}

void diag_json_one(const Workspace *ws, PosEncoding enc, const Diag *diag, StrBuf *out) {
  const TextDoc *text = ws_text(ws, diag->file);
  TextPos range[2] = {text_pos_of(text, diag->start, enc), text_pos_of(text, diag->end, enc)};
  range_text_after(out, range, true);
  diag_text_rest(ws, enc, diag, out);
}

void diag_json_cache_destroy(DiagJsonCache *cache) {
  for (size_t i = 0; i < cache->entries.len; i++) xfree(cache->entries.items[i].key);
  array_delete(&cache->entries);
  sent_drop(&cache->sent);
  strbuf_destroy(&cache->written);
  xfree(cache->slots);
  memset(cache, 0, sizeof *cache);
}
