/* The catalog's "close name" (rules-parity.md, shared definitions): the
 * one candidate within Damerau-Levenshtein distance 2 of a word (1 for
 * words of up to 4 characters), compared case-insensitively.  A typo fix
 * is offered only when exactly one candidate is that close, so it never
 * guesses between two. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "validation_rules.h"

/* Optimal string alignment distance (adjacent transpositions count 1) of
 * a[0, n) and b[0, m), both short. */
static size_t val__distance(const char *a, size_t n, const char *b, size_t m) {
  enum { MAX = 64 };
  if (n >= MAX || m >= MAX) return (size_t)-1;
  size_t d[MAX][MAX];
  for (size_t i = 0; i <= n; i++) d[i][0] = i;
  for (size_t j = 0; j <= m; j++) d[0][j] = j;
  for (size_t i = 1; i <= n; i++)
    for (size_t j = 1; j <= m; j++) {
      size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
      size_t best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < best) best = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
          tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) && d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[n][m];
}

const char *val__close_name(const char *word, size_t len, const char *const *candidates, size_t count) {
  size_t limit = len <= 4 ? 1 : 2;
  const char *found = NULL;
  for (size_t i = 0; i < count; i++) {
    size_t d = val__distance(word, len, candidates[i], strlen(candidates[i]));
    if (d > limit) continue;
    if (found && strcasecmp(found, candidates[i]) != 0) return NULL; /* two candidates: no guess */
    found = candidates[i];
  }
  return found;
}
