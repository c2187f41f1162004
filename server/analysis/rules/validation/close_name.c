/* The "close name" of the rules catalog (rules-parity, preface): the one
 * candidate a mistyped word most likely meant, for fixes that rename. */
#include <ctype.h>
#include <string.h>

#include "validation_rules.h"

/* Longest word worth comparing; longer ones are never a typo of a keyword
 * or flag name, and the fixed-size rows keep this allocation-free. */
#define CLOSE_MAX 64

/* Damerau-Levenshtein distance (optimal string alignment: a swap of two
 * neighbours costs one, as `RNU` for `RUN` is one slip of the fingers),
 * compared case-insensitively. */
static size_t close_distance(const char *a, size_t na, const char *b, size_t nb) {
  size_t rows[3][CLOSE_MAX + 1];
  size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
  for (size_t j = 0; j <= nb; j++) prev[j] = j;
  for (size_t i = 1; i <= na; i++) {
    cur[0] = i;
    for (size_t j = 1; j <= nb; j++) {
      int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
      size_t best = prev[j - 1] + (ca != cb);
      if (prev[j] + 1 < best) best = prev[j] + 1;
      if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) && tolower((unsigned char)a[i - 2]) == cb &&
          prev2[j - 2] + 1 < best)
        best = prev2[j - 2] + 1;
      cur[j] = best;
    }
    size_t *t = prev2;
    prev2 = prev, prev = cur, cur = t;
  }
  return prev[nb];
}

const char *validation__close_name(const char *word, size_t len, const char *const *candidates) {
  if (len == 0 || len > CLOSE_MAX) return NULL;
  size_t limit = len <= 4 ? 1 : 2;
  const char *found = NULL;
  for (size_t i = 0; candidates[i]; i++) {
    size_t n = strlen(candidates[i]);
    if (n > CLOSE_MAX || close_distance(word, len, candidates[i], n) > limit) continue;
    if (found) return NULL; /* two candidates: guessing would be a coin toss */
    found = candidates[i];
  }
  return found;
}
