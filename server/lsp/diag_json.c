/* Diagnostics as LSP JSON text, cached per document by content and
 * position (see diag_json.h for why).
 *
 * The key of a diagnostic is every input of its text: rule, severity, the
 * four numbers of its range in the client's encoding, the message, and
 * for each related location its URI, range and message.  Positions, not
 * byte offsets, go into the key: typing on a line above a diagnostic moves
 * its bytes but not what the client is sent, so its text is reused, while
 * a line inserted above it changes its line number and so its text.  Equal
 * keys therefore mean equal text, and a
 * hit is confirmed by comparing the whole key, never by the hash alone. */
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

static void json_text_pos(StrBuf *out, TextPos p) {
  strbuf_append(out, "{\"line\":");
  json_text_int(out, p.line);
  strbuf_append(out, ",\"character\":");
  json_text_int(out, p.character);
  strbuf_append_char(out, '}');
}

static void json_text_range(StrBuf *out, const TextPos range[2]) {
  strbuf_append(out, "{\"start\":");
  json_text_pos(out, range[0]);
  strbuf_append(out, ",\"end\":");
  json_text_pos(out, range[1]);
  strbuf_append_char(out, '}');
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

/* What a diagnostic's text is made of, with its positions worked out
 * once: the key is built from it, and so is the text on a miss. */
typedef struct {
  const Diag *diag;
  TextPos range[2];
} DiagView;

/* The fixed-size part of a key. */
typedef struct {
  uint32_t rule, severity;
  TextPos range[2];
  uint32_t related;
} KeyHead;

/* A key in three parts, never copied into one buffer unless it is added
 * to the table: a publish looks up thousands of keys and finds nearly all
 * of them.  The bytes of a key are the head, the message with its NUL,
 * then for each related location its URI and message with their NULs and
 * its range (the NULs keep "ab"+"c" apart from "a"+"bc"). */
typedef struct {
  KeyHead head;
  const char *message;
  size_t message_len; /* with the NUL */
  const StrBuf *related; /* the related locations' part; empty when none */
} DiagKey;

static void related_range(const Workspace *ws, PosEncoding enc, const Related *r, TextPos range[2]) {
  const TextDoc *text = ws_text(ws, r->file);
  range[0] = text_pos_of(text, r->start, enc);
  range[1] = text_pos_of(text, r->end, enc);
}

static void key_append_str(StrBuf *key, const char *s) { strbuf_append_n(key, s, strlen(s) + 1); }

/* Fills *key for v; `related` is the caller's buffer for the related part. */
static void diag_key(const Workspace *ws, PosEncoding enc, const DiagView *v, DiagKey *key, StrBuf *related) {
  const Diag *d = v->diag;
  /* Zeroed first so that padding, if a compiler ever adds some, hashes
   * and compares the same every time. */
  memset(&key->head, 0, sizeof key->head);
  key->head.rule = (uint32_t)d->rule;
  key->head.severity = (uint32_t)d->severity;
  key->head.range[0] = v->range[0];
  key->head.range[1] = v->range[1];
  key->head.related = (uint32_t)d->related.len;
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
  return memcmp(bytes + key->message_len, key->related->data, key->related->len) == 0;
}

/* ------------------------------------------------------------ the text */

/* The members in the order the cJSON writer added them. */
static void diag_text(const Workspace *ws, PosEncoding enc, const DiagView *v, StrBuf *out) {
  const Diag *d = v->diag;
  strbuf_append(out, "{\"range\":");
  json_text_range(out, v->range);
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
      json_text_range(out, range);
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

static DiagJsonEntry *cache_find(DiagJsonCache *cache, uint64_t hash, const DiagKey *key) {
  if (!cache->slot_count) return NULL;
  size_t mask = cache->slot_count - 1;
  for (size_t slot = (size_t)hash & mask; cache->slots[slot]; slot = (slot + 1) & mask) {
    DiagJsonEntry *e = &cache->entries.items[cache->slots[slot] - 1];
    if (e->hash == hash && key_equals(key, e->key, e->key_len)) return e;
  }
  return NULL;
}

static DiagJsonEntry *cache_add(DiagJsonCache *cache, uint64_t hash, const DiagKey *key, const StrBuf *json) {
  cache_grow(cache);
  size_t len = key_len(key);
  DiagJsonEntry e = {.hash = hash, .key_len = len, .json_len = json->len};
  e.key = xmalloc(len + json->len);
  memcpy(e.key, &key->head, sizeof key->head);
  memcpy(e.key + sizeof key->head, key->message, key->message_len);
  memcpy(e.key + sizeof key->head + key->message_len, key->related->data, key->related->len);
  memcpy(e.key + len, json->data, json->len);
  array_push(&cache->entries, e);
  cache_index(cache, cache->entries.len - 1);
  return array_last(&cache->entries);
}

/* Drops what the write just finished did not use: the diagnostics the
 * document no longer has. */
static void cache_drop_unused(DiagJsonCache *cache) {
  size_t kept = 0;
  for (size_t i = 0; i < cache->entries.len; i++) {
    DiagJsonEntry *e = &cache->entries.items[i];
    if (e->stamp == cache->stamp) cache->entries.items[kept++] = *e;
    else xfree(e->key);
  }
  if (kept == cache->entries.len) return;
  cache->entries.len = kept;
  memset(cache->slots, 0, cache->slot_count * sizeof *cache->slots);
  for (size_t i = 0; i < kept; i++) cache_index(cache, i);
}

void diag_json_array(DiagJsonCache *cache, const Workspace *ws, PosEncoding enc, FileId id,
                     const DiagList *diags, StrBuf *out) {
  cache->stamp++;
  /* The findings come in the order of the text, so one cursor converts
   * their offsets without searching the lines each time. */
  TextPosCursor positions;
  text_pos_cursor_init(&positions, ws_text(ws, id), enc);
  StrBuf related = STRBUF_INIT, json = STRBUF_INIT;
  bool first = true;
  strbuf_append_char(out, '[');
  for (size_t i = 0; i < diags->len; i++) {
    const Diag *d = &diags->items[i];
    if (d->file != id) continue;
    DiagView v = {d, {text_pos_cursor_at(&positions, d->start), text_pos_cursor_at(&positions, d->end)}};
    DiagKey key;
    diag_key(ws, enc, &v, &key, &related);
    uint64_t hash = key_hash(&key);
    DiagJsonEntry *e = cache_find(cache, hash, &key);
    if (!e) {
      strbuf_clear(&json);
      diag_text(ws, enc, &v, &json);
      e = cache_add(cache, hash, &key, &json);
    }
    e->stamp = cache->stamp;
    if (!first) strbuf_append_char(out, ',');
    first = false;
    strbuf_append_n(out, e->key + e->key_len, e->json_len);
  }
  strbuf_append_char(out, ']');
  strbuf_destroy(&related);
  strbuf_destroy(&json);
  text_pos_cursor_destroy(&positions);
  cache_drop_unused(cache);
}

void diag_json_one(const Workspace *ws, PosEncoding enc, const Diag *diag, StrBuf *out) {
  const TextDoc *text = ws_text(ws, diag->file);
  DiagView v = {diag, {text_pos_of(text, diag->start, enc), text_pos_of(text, diag->end, enc)}};
  diag_text(ws, enc, &v, out);
}

void diag_json_cache_destroy(DiagJsonCache *cache) {
  for (size_t i = 0; i < cache->entries.len; i++) xfree(cache->entries.items[i].key);
  array_delete(&cache->entries);
  xfree(cache->slots);
  memset(cache, 0, sizeof *cache);
}
