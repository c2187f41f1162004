/* Helpers the validation rules share: what counts as a variable word,
 * where a model text starts in the file, and the close name a fix may
 * offer (rules-parity, shared definitions). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "validation_rules.h"

bool val__variable_word(const DockerfileModel *m, const char *text) {
  for (const char *p = text; *p; p++) {
    if (*p == m->escape && p[1]) {
      p++; /* the escaped character is literal, `$` included */
      continue;
    }
    if (*p == '$') return true;
  }
  return false;
}

size_t val__text_start(const DfText *t) {
  size_t n = strlen(t->text);
  return t->end - t->start == n + 2 ? t->start + 1 : t->start;
}

/* Optimal string alignment distance (Damerau-Levenshtein where each
 * substring is edited once), case-insensitive.  Names compared here are
 * stage names, keywords and variable names, so a bound of 64 characters loses nothing:
 * longer words are simply never close. */
size_t val__name_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return (size_t)-1;
  size_t d[65][65];
  for (size_t i = 0; i <= la; i++) d[i][0] = i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      size_t cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
      size_t best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < best) best = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
          tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) && d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[la][lb];
}

const char *val__close_name(const char *word, const char *const *names, size_t count) {
  size_t limit = strlen(word) <= 4 ? 1 : 2;
  const char *found = NULL;
  for (size_t i = 0; i < count; i++) {
    size_t d = val__name_distance(word, names[i]);
    if (d == 0 || d > limit) continue;
    /* Two different candidates leave the intended one open; the same
     * name twice (a duplicated stage name) is still one candidate. */
    if (found && strcasecmp(found, names[i]) != 0) return NULL;
    found = names[i];
  }
  return found;
}

static bool val_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t val__split_words(const RuleCtx *ctx, char escape, size_t from, size_t to, ValWord *out, size_t max) {
  const char *t = ctx->text->bytes;
  size_t n = 0;
  for (size_t i = from; i < to;) {
    bool blank = val_blank(t[i]);
    if (t[i] == escape) { /* an escaped line break joins two lines with a blank */
      size_t j = i + 1;
      while (j < to && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r')) j++;
      blank = j >= to || t[j] == '\n';
    }
    if (blank) {
      i++;
      continue;
    }
    size_t start = i;
    while (i < to && !val_blank(t[i])) i++;
    if (n < max) out[n] = (ValWord){start, i};
    n++;
  }
  return n;
}
