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
 * neighbours that were neighbours then are copied in one stretch.
 *
 * A keystroke in a long file changes a few diagnostics of thousands, and
 * the rest come from caches of results as copies whose messages are the
 * texts the last write's records hold.  So the records are walked beside
 * the diagnostics, and a run of diagnostics that repeat the next records
 * exactly is taken over in one loop (carry_run): the records are copied
 * as a block with the holds and entry uses they carry, and the texts as
 * one stretch.  The rest goes the general way (carry_over, then a new
 * record).  An entry counts the records that use it and is freed when
 * none does once the write is done. */
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

static void cache_reindex(DiagJsonCache *cache) {
  memset(cache->slots, 0, cache->slot_count * sizeof *cache->slots);
  for (size_t i = 0; i < cache->entries.len; i++)
    if (cache->entries.items[i].key) cache_index(cache, i);
}

/* Takes an entry out of the slots.  The slots after it that probed past
 * its slot move back into the hole, so that every entry stays reachable
 * from its home slot without tombstones. */
static void cache_unindex(DiagJsonCache *cache, size_t entry) {
  size_t mask = cache->slot_count - 1;
  size_t hole = (size_t)cache->entries.items[entry].hash & mask;
  while (cache->slots[hole] != entry + 1) hole = (hole + 1) & mask;
  for (size_t j = (hole + 1) & mask; cache->slots[j]; j = (j + 1) & mask) {
    size_t home = (size_t)cache->entries.items[cache->slots[j] - 1].hash & mask;
    /* The entry at j may fill the hole when its home is not in (hole, j]. */
    if (((j - home) & mask) >= ((j - hole) & mask)) {
      cache->slots[hole] = cache->slots[j];
      hole = j;
    }
  }
  cache->slots[hole] = 0;
}

/* Makes room for one more entry, keeping the table at most half full. */
static void cache_grow(DiagJsonCache *cache) {
  size_t live = cache->entries.len - cache->free_entries.len;
  if (cache->slot_count >= 2 * (live + 1)) return;
  size_t count = cache->slot_count ? cache->slot_count : 64;
  while (count < 2 * (live + 1)) count *= 2;
  xfree(cache->slots);
  cache->slots = xcalloc(count, sizeof *cache->slots);
  cache->slot_count = count;
  cache_reindex(cache);
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
  size_t at = cache->free_entries.len ? array_pop(&cache->free_entries) : cache->entries.len;
  if (at == cache->entries.len) array_push(&cache->entries, e);
  else cache->entries.items[at] = e;
  cache_index(cache, at);
  return at;
}

/* One record fewer uses the entry.  It is freed only once the write is
 * done (cache_free_unused): a later diagnostic of the same write may
 * still find it. */
static void entry_unref(DiagJsonCache *cache, uint32_t entry) {
  if (--cache->entries.items[entry].refs == 0) array_push(&cache->unused, entry);
}

/* Frees the entries no record of the write just finished uses (the
 * diagnostics the document no longer has); their indices are reused. */
static void cache_free_unused(DiagJsonCache *cache) {
  for (size_t i = 0; i < cache->unused.len; i++) {
    uint32_t at = cache->unused.items[i];
    DiagJsonEntry *e = &cache->entries.items[at];
    /* An entry may be listed twice (its count fell to 0, rose and fell
     * again), or be in use again. */
    if (!e->key || e->refs) continue;
    cache_unindex(cache, at);
    xfree(e->key);
    e->key = NULL;
    array_push(&cache->free_entries, at);
  }
  array_clear(&cache->unused);
}

/* When most entries are free (a document that once had many more
 * diagnostics), the live ones are moved to the front and the records
 * renumbered, so that the cache does not keep the largest publish's size
 * for ever. */
static void cache_compact(DiagJsonCache *cache) {
  size_t free_count = cache->free_entries.len;
  if (free_count < 64 || 2 * free_count < cache->entries.len) return;
  uint32_t *moved = xmalloc((cache->entries.len + 1) * sizeof *moved);
  size_t kept = 0;
  for (size_t i = 0; i < cache->entries.len; i++) {
    moved[i] = (uint32_t)kept;
    if (cache->entries.items[i].key) cache->entries.items[kept++] = cache->entries.items[i];
  }
  for (size_t i = 0; i < cache->sent.len; i++) cache->sent.items[i].entry = moved[cache->sent.items[i].entry];
  xfree(moved);
  cache->entries.len = kept;
  array_clear(&cache->free_entries);
  cache_reindex(cache);
}

/* ------------------------------------------------------------ a write */

/* What the last write knew and how the text changed since, for carrying
 * positions over (see the top), and the walk over the last write's
 * records, which both writes go through in the order of the text. */
typedef struct {
  bool known;
  size_t before;      /* a diagnostic ending this many bytes before it kept its positions */
  size_t after;       /* one starting here or later moved by `shift` bytes... */
  ptrdiff_t shift;
  int64_t line_shift; /* ...and this many lines */
  size_t next;        /* the first record of the last write neither taken nor dropped */
  size_t next_at;     /* where its text starts in the last write, counted from the '[' */
} CarryOver;

static CarryOver carry_over_begin(const DiagJsonCache *cache, Workspace *ws, PosEncoding enc, FileId id) {
  CarryOver c = {.next_at = 1};
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

/* A record's kind (DiagJsonSent.kind): the rule in the low half, the
 * severity above it, and bits that keep a record from ever equalling
 * what a diagnostic looks for (kind_wanted) when it must not be taken
 * over: RECORD_RELATED on the record of a diagnostic with related
 * locations (the carried-over paths do not compare those), RECORD_TAKEN
 * on a record of the last write that the new write took over out of
 * order, and WANT_RELATED in what a diagnostic with related locations
 * looks for. */
#define RECORD_RELATED (UINT64_C(1) << 40)
#define RECORD_TAKEN (UINT64_C(1) << 41)
#define WANT_RELATED (UINT64_C(1) << 42)
/* The rule and the severity whole, as they lie side by side in a Diag,
 * so that the two are read as one word (a severity is 1 to 4 and never
 * reaches the bits above it). */
static inline uint64_t kind_of(const Diag *d) {
  return (uint64_t)(uint32_t)d->rule | (uint64_t)(uint32_t)d->severity << 32;
}
static inline uint64_t record_kind(const Diag *d) { return kind_of(d) | (d->related.len ? RECORD_RELATED : 0); }
static inline uint64_t kind_wanted(const Diag *d) { return kind_of(d) | (d->related.len ? WANT_RELATED : 0); }

/* A record of the last write that no record of this one took over: its
 * message and its entry are given back. */
static void record_drop(DiagJsonCache *cache, const DiagJsonSent *was) {
  diag_message_drop(was->message);
  entry_unref(cache, was->entry);
}

/* Drops the records not taken that start before `start` (all of them
 * with SIZE_MAX), counting where the next one's text starts. */
static void carry_over_pass(DiagJsonCache *cache, CarryOver *c, size_t start) {
  DiagJsonSent *was = cache->sent.items;
  for (; c->next < cache->sent.len && was[c->next].start < start; c->next++) {
    if (!(was[c->next].kind & RECORD_TAKEN)) record_drop(cache, &was[c->next]);
    c->next_at += was[c->next].json_len + 1;
  }
}

/* Whether a record sent last time, not taken yet, is of d's rule,
 * severity and message and has no related locations, which the
 * carried-over path takes only. */
static bool record_is_of(const DiagJsonCache *cache, const DiagJsonSent *was, const Diag *d) {
  if (was->kind != kind_wanted(d)) return false;
  /* A message held since the last write is the same text when it is the
   * same pointer; else the entry's copy, NUL-terminated after its key's
   * head, is compared. */
  if (was->message && was->message == d->message) return true;
  return strcmp(cache->entries.items[was->entry].key + sizeof(KeyHead), d->message) == 0;
}

/* Takes over the record of the last write that d repeats, when d's
 * positions carry over: *now gets it with d's offsets and the positions
 * moved to the text now, *was_at where its text lay in the last write,
 * and *same whether its text is the same too (its line did not move).
 * The record's message hold and its use of the entry pass to *now. */
static bool carry_over(DiagJsonCache *cache, CarryOver *c, const Diag *d, DiagJsonSent *now, size_t *was_at,
                       bool *same) {
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
  carry_over_pass(cache, c, start);
  DiagJsonSent *was = cache->sent.items;
  size_t at = c->next_at;
  for (size_t k = c->next; k < cache->sent.len && was[k].start == start; at += was[k].json_len + 1, k++) {
    if (was[k].end != end || !record_is_of(cache, &was[k], d)) continue;
    *now = was[k];
    now->start = d->start;
    now->end = d->end;
    if (now->message != d->message) {
      diag_message_drop(now->message);
      now->message = diag_message_hold(d);
    }
    if (moved)
      for (size_t i = 0; i < 2; i++) now->range[i].line = (uint32_t)((int64_t)now->range[i].line + c->line_shift);
    /* The first record not passed yet (nearly always) is passed; one
     * further on is marked, and passed over later without a drop. */
    if (k == c->next) {
      c->next++;
      c->next_at = at + was[k].json_len + 1;
    } else {
      was[k].kind |= RECORD_TAKEN;
    }
    *was_at = at;
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

/* Appends the text at [at, at + len) of the last write, a diagnostic's. */
static void copy_run_add(const DiagJsonCache *cache, CopyRun *run, size_t at, size_t len, bool first,
                         StrBuf *out) {
  if (run->to > run->from && run->to + 1 == at) {
    /* It followed the run's last diagnostic then too: the comma between
     * them is in the run. */
    run->to = at + len;
    return;
  }
  copy_run_flush(cache, run, out);
  if (!first) strbuf_append_char(out, ',');
  run->from = at;
  run->to = at + len;
}

/* How many of ds[0, n) repeat was[0, n) exactly, text included: the same
 * offsets (moved by `shift`), held message, rule and severity, no related
 * locations, in the part of the text where nothing moved (before the
 * edit) or, with `moved`, where everything did (after it, from ds[0] on).  *at goes past
 * their texts.  Called with a constant `moved`, so that each case is a
 * loop of its own; the tests are folded into one branch, since nearly
 * every diagnostic of a keystroke in a long file passes them all. */
static inline size_t run_length(const Diag *ds, const DiagJsonSent *was, size_t n, FileId id, bool moved,
                                const CarryOver *c, size_t shift, size_t *at) {
  size_t before = c->before, text_at = *at, k = 0;
  for (; k < n; k++) {
    const Diag *d = &ds[k];
    const DiagJsonSent *w = &was[k];
    /* An equal message pointer is an equal message while the record
     * holds it; a diagnostic's message is never NULL, so a record
     * without a held message never passes.  Neither does a diagnostic
     * with related locations (its length is in the test), nor a record
     * marked with any bit above the rule and severity. */
    uint64_t differ = ((w->start + shift) ^ d->start) | ((w->end + shift) ^ d->end) |
                      ((uintptr_t)w->message ^ (uintptr_t)d->message) | (w->kind ^ kind_of(d)) | d->related.len |
                      (uint64_t)(d->file ^ id);
    /* After the edit, the first diagnostic starting past the unchanged
     * tail's first line (carry_run checks it) is followed by later ones
     * only: the diagnostics come in the order of the text. */
    if (differ || (!moved && d->end + 4 > before)) break;
    text_at += w->json_len + 1;
  }
  *at = text_at;
  return k;
}

/* Writes a record's text, its range then the rest from its entry, after
 * a comma unless it is the first, and sets its length. */
static void record_write(const DiagJsonCache *cache, DiagJsonSent *rec, bool comma, StrBuf *out) {
  const DiagJsonEntry *e = &cache->entries.items[rec->entry];
  /* The comma, the range and the rest in one reservation: a publish
   * appends these three for thousands of diagnostics. */
  char *start = strbuf_room(out, 1 + RANGE_TEXT_MOST + e->json_len), *at = start;
  if (comma) *at++ = ',';
  char *text = at;
  at = range_text_at(at, rec->range, true);
  memcpy(at, e->key + e->key_len, e->json_len);
  at += e->json_len;
  strbuf_wrote(out, (size_t)(at - start));
  rec->json_len = (uint32_t)(at - text);
}

/* Writes the texts of records taken over whose lines moved (a line
 * break typed or removed before them): each range is written again with
 * its lines moved, and the rest copied from the record's entry. */
static void write_moved_lines(const DiagJsonCache *cache, DiagJsonSent *now, size_t count, int64_t line_shift,
                              bool first, StrBuf *out) {
  for (size_t j = 0; j < count; j++) {
    for (size_t i = 0; i < 2; i++) now[j].range[i].line = (uint32_t)((int64_t)now[j].range[i].line + line_shift);
    record_write(cache, &now[j], !first || j > 0, out);
  }
}

/* Takes over, from the first record not passed on, the records that the
 * diagnostics from diags[i] on repeat exactly (run_length): nearly every
 * diagnostic of a keystroke in a long file.  Their records are copied in
 * one block and their texts appended as one stretch, or, after a change
 * of the line count, written again from their entries with the lines
 * moved; the first diagnostic that differs in any way goes the general
 * way (carry_over).  Returns how many diagnostics it took. */
static size_t carry_run(DiagJsonCache *cache, CarryOver *c, const DiagList *diags, size_t i, FileId id,
                        DiagJsonSentArray *sent, CopyRun *run, StrBuf *out) {
  if (!c->known) return 0;
  const Diag *d = &diags->items[i];
  /* Before the edit nothing moved; after it, the text is the same unless
   * the line count changed, and then every later one changed. */
  bool moved;
  if (d->end + 4 <= c->before) moved = false;
  else if (d->start >= c->after) moved = true;
  else return 0;
  bool relined = moved && c->line_shift != 0;
  /* Without the last write's text only the records with their lines
   * moved, whose texts are written again, are taken here. */
  if (!relined && !cache->written_ok) return 0;
  size_t shift = moved ? (size_t)c->shift : 0;
  carry_over_pass(cache, c, d->start - shift);
  /* No record left to repeat (and maybe no storage to point into). */
  if (c->next >= cache->sent.len) return 0;
  const DiagJsonSent *was = cache->sent.items + c->next;
  size_t n = diags->len - i < cache->sent.len - c->next ? diags->len - i : cache->sent.len - c->next;
  size_t at = c->next_at;
  size_t count = moved ? run_length(d, was, n, id, true, c, shift, &at) : run_length(d, was, n, id, false, c, 0, &at);
  if (!count) return 0;
  /* The records go over as they were (their message holds and their
   * uses of the entries with them), moved by the shift; the new records
   * were reserved for every diagnostic. */
  DiagJsonSent *now = sent->items + sent->len;
  memcpy(now, was, count * sizeof *now);
  if (shift)
    for (size_t j = 0; j < count; j++) {
      now[j].start += shift;
      now[j].end += shift;
    }
  bool first = sent->len == 0;
  sent->len += count;
  if (relined) {
    copy_run_flush(cache, run, out);
    write_moved_lines(cache, now, count, c->line_shift, first, out);
  } else {
    /* The texts of records next to each other lay next to each other, a
     * comma apart. */
    copy_run_add(cache, run, c->next_at, at - 1 - c->next_at, first, out);
  }
  c->next += count;
  c->next_at = at;
  return count;
}

/* The record of a diagnostic whose positions did not carry over: its
 * positions counted, its entry found or made. */
static DiagJsonSent record_new(DiagJsonCache *cache, Workspace *ws, PosEncoding enc, const Diag *d,
                               TextPosCursor *positions, StrBuf *related, StrBuf *rest) {
  DiagJsonSent now = {.start = d->start, .end = d->end, .message = diag_message_hold(d),
                      .kind = record_kind(d)};
  now.range[0] = text_pos_cursor_at(positions, d->start);
  now.range[1] = text_pos_cursor_at(positions, d->end);
  DiagKey key;
  diag_key(ws, enc, d, &key, related);
  uint64_t hash = key_hash(&key);
  size_t entry = cache_find(cache, hash, &key);
  if (entry == SIZE_MAX) {
    strbuf_clear(rest);
    diag_text_rest(ws, enc, d, rest);
    entry = cache_add(cache, hash, &key, rest);
  }
  now.entry = (uint32_t)entry;
  cache->entries.items[entry].refs++;
  return now;
}

void diag_json_array(DiagJsonCache *cache, Workspace *ws, PosEncoding enc, FileId id, const DiagList *diags,
                     StrBuf *out) {
  CarryOver carry = carry_over_begin(cache, ws, enc, id);
  /* The findings come in the order of the text, so one cursor converts
   * the offsets of those not carried over without searching the lines. */
  TextPosCursor positions;
  text_pos_cursor_init(&positions, ws_text(ws, id), enc);
  StrBuf related = STRBUF_INIT, rest = STRBUF_INIT;
  DiagJsonSentArray sent = cache->spare;
  array_clear(&sent);
  array_reserve(&sent, diags->len);
  size_t base = out->len;
  CopyRun run = {0};
  strbuf_append_char(out, '[');
  for (size_t i = 0; i < diags->len; i++) {
    const Diag *d = &diags->items[i];
    if (d->file != id) continue;
    size_t taken = carry_run(cache, &carry, diags, i, id, &sent, &run, out);
    if (taken) {
      i += taken - 1;
      continue;
    }
    DiagJsonSent now;
    size_t was_at;
    bool same;
    if (carry_over(cache, &carry, d, &now, &was_at, &same)) {
      if (same) {
        copy_run_add(cache, &run, was_at, now.json_len, sent.len == 0, out);
        array_push(&sent, now);
        continue;
      }
    } else {
      now = record_new(cache, ws, enc, d, &positions, &related, &rest);
    }
    copy_run_flush(cache, &run, out);
    record_write(cache, &now, sent.len > 0, out);
    array_push(&sent, now);
  }
  copy_run_flush(cache, &run, out);
  strbuf_append_char(out, ']');
  strbuf_destroy(&related);
  strbuf_destroy(&rest);
  text_pos_cursor_destroy(&positions);
  carry_over_pass(cache, &carry, SIZE_MAX);
  cache->spare = cache->sent;
  cache->sent = sent;
  cache_free_unused(cache);
  cache_compact(cache);
  cache->next_base = base;
  cache->written_ok = false;
  ws_text_mark(ws, id);
  cache->text_gen = ws_text_generation(ws, id);
  cache->sent_lines = ws_text(ws, id)->line_starts.len;
  cache->sent_enc = enc;
}

void diag_json_keep(DiagJsonCache *cache, StrBuf *out) {
  StrBuf kept = cache->written;
  /* The buffers go round between documents, so a large one handed to a
   * document with few diagnostics is cut to size rather than kept whole. */
  if (out->cap > 2 * out->len + 4096) strbuf_shrink(out);
  cache->written = *out;
  cache->written_base = cache->next_base;
  cache->written_ok = true;
  /* Emptied without a write: the pages of a frame sent by reference may
   * still be in the pipe (transport_out_frame_begin), and its next user
   * starts by emptying it properly. */
  *out = kept;
  out->len = 0;
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
  for (size_t i = 0; i < cache->sent.len; i++) diag_message_drop(cache->sent.items[i].message);
  array_delete(&cache->sent);
  array_delete(&cache->spare);
  array_delete(&cache->free_entries);
  array_delete(&cache->unused);
  strbuf_destroy(&cache->written);
  xfree(cache->slots);
  memset(cache, 0, sizeof *cache);
}
