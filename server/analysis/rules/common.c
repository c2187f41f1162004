/* Small helpers that rules of several areas share. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool name_char(char c) { return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.'; }

size_t rules__find_localhost(const char *text, size_t len, size_t from) {
  for (size_t i = from; i + 9 <= len; i++) {
    if (memcmp(text + i, "localhost", 9) != 0) continue;
    if (i > 0 && name_char(text[i - 1])) continue;
    char after = i + 9 < len ? text[i + 9] : '\0';
    if (after == '.' && i + 10 < len && isalnum((unsigned char)text[i + 10])) continue;
    if (after != '.' && name_char(after)) continue;
    return i;
  }
  return len;
}

bool rules__duration_ms(const char *s, double *ms) {
  double total = 0;
  if (!*s) return false;
  while (*s) {
    char *end = NULL;
    double v = strtod(s, &end);
    if (end == s) return false;
    s = end;
    double unit;
    if (strncmp(s, "ms", 2) == 0) unit = 1, s += 2;
    else if (strncmp(s, "us", 2) == 0) unit = 0.001, s += 2;
    else if (strncmp(s, "ns", 2) == 0) unit = 0.000001, s += 2;
    else if (*s == 's') unit = 1000, s++;
    else if (*s == 'm') unit = 60000, s++;
    else if (*s == 'h') unit = 3600000, s++;
    else return false;
    total += v * unit;
  }
  *ms = total;
  return true;
}

void rules__append_shell_word(StrBuf *out, const char *value) {
  bool plain = *value != '\0';
  for (const char *p = value; *p && plain; p++)
    plain = isalnum((unsigned char)*p) || strchr("_./:@%+,=-", *p) != NULL;
  if (plain) {
    strbuf_append(out, value);
    return;
  }
  strbuf_append_char(out, '\'');
  for (const char *p = value; *p; p++) {
    if (*p == '\'') strbuf_append(out, "'\\''");
    else strbuf_append_char(out, *p);
  }
  strbuf_append_char(out, '\'');
}

bool rules__is_identifier(const char *name) {
  if (!(isalpha((unsigned char)name[0]) || name[0] == '_')) return false;
  for (const char *p = name + 1; *p; p++)
    if (!(isalnum((unsigned char)*p) || *p == '_')) return false;
  return true;
}

const char *rules__floating_tag(const char *ref) {
  static const char *const moving[] = {"stable", "edge", "lts", "nightly", "dev", "beta", "canary", "test"};
  if (strchr(ref, '$') || strchr(ref, '@')) return NULL;
  /* The tag follows the last `:` after the last `/`; a `:` before it is a
   * registry's port. */
  const char *slash = strrchr(ref, '/');
  const char *colon = strrchr(slash ? slash : ref, ':');
  if (!colon) return NULL;
  for (size_t i = 0; i < sizeof moving / sizeof *moving; i++)
    if (strcmp(colon + 1, moving[i]) == 0) return moving[i];
  return NULL;
}
