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
  /* Go's time.ParseDuration, which both the builder and Compose use: an
   * optional sign, then numbers (digits, an optional fraction) each with
   * a unit; "0" alone needs none.  strtod would also take exponents, hex
   * and blanks, which Go refuses. */
  static const struct {
    const char *name;
    double ms;
  } units[] = {{"ns", 0.000001}, {"us", 0.001}, {"\xc2\xb5s", 0.001}, {"\xce\xbcs", 0.001},
               {"ms", 1},        {"s", 1000},   {"m", 60000},          {"h", 3600000}};
  double sign = 1, total = 0;
  if (*s == '-' || *s == '+') sign = *s++ == '-' ? -1 : 1;
  if (strcmp(s, "0") == 0) {
    *ms = 0;
    return true;
  }
  if (!*s) return false;
  while (*s) {
    double v = 0, scale = 1;
    bool digits = false;
    for (; isdigit((unsigned char)*s); s++, digits = true) v = v * 10 + (*s - '0');
    if (*s == '.')
      for (s++; isdigit((unsigned char)*s); s++, digits = true) v += (*s - '0') * (scale /= 10);
    if (!digits) return false;
    size_t n = 0;
    while (s[n] && s[n] != '.' && !isdigit((unsigned char)s[n])) n++;
    double unit = -1;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
      if (strlen(units[i].name) == n && strncmp(s, units[i].name, n) == 0) unit = units[i].ms;
    if (unit < 0) return false;
    total += v * unit;
    s += n;
  }
  *ms = sign * total;
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
