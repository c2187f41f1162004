/* Helpers shared by the compose rules: YAML insertions that keep the
 * sibling keys' indentation and the file's line endings, de-duplication of
 * diagnostics on anchored values, the edit distance behind rename fixes,
 * and the compose file's folder. */
#include <string.h>
#include <strings.h>

#include "compose_rules.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"

const char *compose__newline(const TextDoc *text) {
  const char *nl = memchr(text->bytes, '\n', text->len);
  return nl && nl > text->bytes && nl[-1] == '\r' ? "\r\n" : "\n";
}

size_t compose__column(const TextDoc *text, size_t offset) {
  size_t s = offset;
  while (s > 0 && text->bytes[s - 1] != '\n' && text->bytes[s - 1] != '\r') s--;
  return offset - s;
}

size_t compose__indent_step(const ComposeModel *model, const TextDoc *text) {
  const ComposeNode *services = model->services;
  if (!services || services->flow) return 2;
  for (size_t i = 0; i < services->npairs; i++) {
    const ComposePair *p = &services->pairs[i];
    const ComposeNode *v = p->value;
    if (p->merged || v->kind != COMPOSE_NODE_MAP || v->flow || v->npairs == 0 || v->pairs[0].merged)
      continue;
    size_t outer = compose__column(text, p->key_start);
    size_t inner = compose__column(text, v->pairs[0].key_start);
    if (inner > outer && inner - outer <= 8) return inner - outer;
  }
  return 2;
}

bool compose__owns_lines(const TextDoc *text, size_t start, size_t end) {
  for (size_t i = start; i > 0 && text->bytes[i - 1] != '\n'; i--)
    if (text->bytes[i - 1] != ' ' && text->bytes[i - 1] != '\t') return false;
  for (size_t i = end; i < text->len && text->bytes[i] != '\n' && text->bytes[i] != '\r'; i++) {
    if (text->bytes[i] == '#') return true;
    if (text->bytes[i] != ' ' && text->bytes[i] != '\t') return false;
  }
  return true;
}

bool compose__insert_keys(const RuleCtx *ctx, Fix *fix, const ComposeNode *map,
                          const char *const *lines, size_t count) {
  if (!fix || !map || map->kind != COMPOSE_NODE_MAP || map->flow) return false;
  const ComposePair *first = NULL, *last = NULL;
  for (size_t i = 0; i < map->npairs; i++) {
    if (map->pairs[i].merged) continue;
    if (!first) first = &map->pairs[i];
    if (!last || map->pairs[i].pair_end > last->pair_end) last = &map->pairs[i];
  }
  if (!first) return false;
  const TextDoc *text = ctx->text;
  /* The keys must start their lines, after the `- ` of the sequence item
   * the mapping may be (`- published: 80`): its later keys, and so the
   * new ones, line up with the first key's column. */
  for (size_t i = first->key_start; i > 0 && text->bytes[i - 1] != '\n'; i--)
    if (text->bytes[i - 1] != ' ' && !(text->bytes[i - 1] == '-' && text->bytes[i] == ' ')) return false;
  size_t column = compose__column(text, first->key_start);
  const char *nl = compose__newline(text);
  size_t at = last->pair_end;
  StrBuf ins = STRBUF_INIT;
  if (at > 0 && text->bytes[at - 1] == '\n') {
    /* A block scalar's range ends after its last line break. */
  } else {
    size_t from;
    rules__line_span(text, last->pair_end, last->pair_end, &from, &at);
    if (at == text->len && (at == 0 || text->bytes[at - 1] != '\n')) strbuf_append(&ins, nl);
  }
  for (size_t i = 0; i < count; i++) {
    for (size_t c = 0; c < column; c++) strbuf_append_char(&ins, ' ');
    strbuf_append(&ins, lines[i]);
    strbuf_append(&ins, nl);
    /* Lines that start unindented are keys of `map` itself; fix
     * selection keeps two fixes from adding the same one. */
    const char *colon = lines[i][0] != ' ' ? strchr(lines[i], ':') : NULL;
    if (colon) {
      char *key = xstrndup(lines[i], (size_t)(colon - lines[i]));
      fix_add_key(fix, map->start, key);
      xfree(key);
    }
  }
  fix_add_edit(fix, ctx->file, at, at, strbuf_cstr(&ins));
  strbuf_destroy(&ins);
  return true;
}

/* The findings of ctx->file in ctx->out by rule and range, hashed: a
 * scan of the list per question made a file with a thousand findings
 * quadratic.  Diagnostics are only appended while the checkers run, so
 * the index catches up with the list's new items on each question. */
typedef struct {
  RuleId rule;
  size_t start, end;
  bool used;
} ReportedSlot;

struct ReportedIndex {
  ReportedSlot *slots;
  size_t cap, count; /* cap is a power of two */
  size_t indexed;    /* items of ctx->out seen so far */
};

static size_t reported_hash(RuleId rule, size_t start, size_t end) {
  size_t h = (size_t)rule * 0x9E3779B97F4A7C15u;
  h ^= start + 0x7F4A7C15u + (h << 6) + (h >> 2);
  h ^= end + 0x9E3779B9u + (h << 6) + (h >> 2);
  return h;
}

/* The slot holding (rule, start, end), or the empty slot where it goes. */
static ReportedSlot *reported_slot(const struct ReportedIndex *ix, RuleId rule, size_t start, size_t end) {
  size_t i = reported_hash(rule, start, end) & (ix->cap - 1);
  while (ix->slots[i].used &&
         (ix->slots[i].rule != rule || ix->slots[i].start != start || ix->slots[i].end != end))
    i = (i + 1) & (ix->cap - 1);
  return &ix->slots[i];
}

static void reported_insert(struct ReportedIndex *ix, RuleId rule, size_t start, size_t end) {
  if (2 * (ix->count + 1) > ix->cap) {
    struct ReportedIndex bigger = {.cap = ix->cap ? 2 * ix->cap : 64};
    bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
    for (size_t i = 0; i < ix->cap; i++) {
      const ReportedSlot *old = &ix->slots[i];
      if (old->used) *reported_slot(&bigger, old->rule, old->start, old->end) = *old;
    }
    xfree(ix->slots);
    ix->slots = bigger.slots;
    ix->cap = bigger.cap;
  }
  ReportedSlot *slot = reported_slot(ix, rule, start, end);
  if (slot->used) return;
  *slot = (ReportedSlot){rule, start, end, true};
  ix->count++;
}

bool compose__reported(RuleCtx *ctx, RuleId rule, size_t start, size_t end) {
  if (!ctx->reported) ctx->reported = xcalloc(1, sizeof *ctx->reported);
  struct ReportedIndex *ix = ctx->reported;
  /* The list may hold other files' findings too (the CLI gathers every
   * file's into one), so only this file's are indexed. */
  const DiagList *out = ctx->out;
  for (; ix->indexed < out->len; ix->indexed++) {
    const Diag *d = &out->items[ix->indexed];
    if (d->file == ctx->file) reported_insert(ix, d->rule, d->start, d->end);
  }
  return ix->cap && reported_slot(ix, rule, start, end)->used;
}

struct ReportedIndex *rules__reported_from(size_t first) {
  struct ReportedIndex *ix = xcalloc(1, sizeof *ix);
  ix->indexed = first;
  return ix;
}

void rules__reported_free(struct ReportedIndex *index) {
  if (!index) return;
  xfree(index->slots);
  xfree(index);
}

size_t compose__distance(const char *a, const char *b, size_t limit) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return limit + 1;
  if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
  size_t row[65];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0], best = row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      char x = a[i - 1] == '-' ? '_' : a[i - 1], y = b[j - 1] == '-' ? '_' : b[j - 1];
      size_t sub = diag + (x != y);
      size_t del = row[j] + 1, ins = row[j - 1] + 1;
      diag = row[j];
      row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
      if (row[j] < best) best = row[j];
    }
    if (best > limit) return limit + 1;
  }
  return row[lb];
}

char *compose__dir(const RuleCtx *ctx) {
  const char *path = ws_path(ctx->ws, ctx->file);
  return path ? path_dirname(path) : NULL;
}

/* True when `value` reads back as the same string when written plain
 * anywhere, a flow sequence included: no indicator at the start, no flow
 * punctuation, no `: ` or ` #`, nothing YAML would take for a number, a
 * boolean or null. */
static bool plain_safe(const char *value) {
  if (!*value || strchr("-?:,[]{}#&*!|>'\"%@` \t", value[0])) return false;
  size_t n = strlen(value);
  if (value[n - 1] == ' ' || value[n - 1] == ':' || value[n - 1] == '\t') return false;
  for (const char *p = value; *p; p++) {
    if ((unsigned char)*p < 0x20 || *p == 0x7f || strchr(",[]{}", *p)) return false;
    if ((p[0] == ':' && p[1] == ' ') || (p[0] == ' ' && p[1] == '#')) return false;
  }
  static const char *const typed[] = {"true", "false", "yes", "no", "on", "off", "null", "~", NULL};
  for (size_t i = 0; typed[i]; i++)
    if (strcasecmp(value, typed[i]) == 0) return false;
  return strspn(value, "0123456789.+-eE") != n;
}

/* Appends `value` escaped for the inside of a `quote`-quoted scalar:
 * double quotes escape `"` and `\` with a backslash, single quotes double
 * the `'`. */
static void append_quoted_body(StrBuf *out, const char *value, char quote) {
  for (const char *p = value; *p; p++) {
    if (quote == '"' && (*p == '"' || *p == '\\')) strbuf_append_char(out, '\\');
    if (quote == '\'' && *p == '\'') strbuf_append_char(out, '\'');
    strbuf_append_char(out, *p);
  }
}

char *compose__scalar_text(const ComposeNode *node, size_t start, size_t end, const char *value) {
  for (const char *p = value; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f) return NULL;
  StrBuf out = STRBUF_INIT;
  switch (node->style) {
    case COMPOSE_STYLE_PLAIN:
      if (plain_safe(value)) return xstrdup(value);
      /* Quotes can only go round the whole scalar. */
      if (start != node->start || end != node->end) return NULL;
      strbuf_append_char(&out, '"');
      append_quoted_body(&out, value, '"');
      strbuf_append_char(&out, '"');
      return strbuf_take(&out);
    case COMPOSE_STYLE_DOUBLE:
      append_quoted_body(&out, value, '"');
      return strbuf_take(&out);
    case COMPOSE_STYLE_SINGLE:
      append_quoted_body(&out, value, '\'');
      return strbuf_take(&out);
    default:
      return NULL; /* block scalars are not names */
  }
}
