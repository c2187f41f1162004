/* Compose's variable interpolation syntax, as compose-go's template
 * package reads it: `$$` is a literal dollar, `$NAME` and `${NAME}` are
 * references, and `${NAME:-default}`, `${NAME-default}`, `${NAME:?err}`,
 * `${NAME?err}`, `${NAME:+alt}`, `${NAME+alt}` carry an argument that may
 * itself hold references (`${A:-${B}}`).  Only positions are computed
 * here; what a variable is set to is the rules' business (.env files).
 * This file includes no YAML header: it works on any decoded value. */
#include <string.h>

#include "compose_internal.h"

static bool name_start(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

/* Scans text[from, to) and appends references; returns false on a
 * malformed `${`. */
static bool interp_scan_range(const char *text, size_t from, size_t to, ComposeVarArray *out,
                              int depth) {
  size_t i = from;
  while (i < to) {
    if (text[i] != '$') {
      i++;
      continue;
    }
    if (i + 1 < to && text[i + 1] == '$') {
      i += 2;
      continue;
    }
    if (i + 1 < to && name_start(text[i + 1])) {
      size_t e = i + 1;
      while (e < to && name_char(text[e])) e++;
      ComposeVar v = {.start = i, .end = e, .name_start = i + 1, .name_end = e,
                      .arg_start = e, .arg_end = e, .op = COMPOSE_VAR_PLAIN};
      array_push(out, v);
      i = e;
      continue;
    }
    if (!(i + 1 < to && text[i + 1] == '{')) {
      i++; /* a lone `$` (before a blank, a digit, the end) is kept literally */
      continue;
    }
    size_t n = i + 2, ne = n;
    if (ne >= to || !name_start(text[ne])) return false;
    while (ne < to && name_char(text[ne])) ne++;
    ComposeVar v = {.start = i, .name_start = n, .name_end = ne, .braced = true,
                    .op = COMPOSE_VAR_PLAIN};
    size_t p = ne;
    if (p < to && text[p] == '}') {
      v.arg_start = v.arg_end = p;
      v.end = p + 1;
      array_push(out, v);
      i = p + 1;
      continue;
    }
    bool colon = p < to && text[p] == ':';
    if (colon) p++;
    if (p >= to) return false;
    switch (text[p]) {
      case '-': v.op = colon ? COMPOSE_VAR_DEFAULT : COMPOSE_VAR_DEFAULT_UNSET; break;
      case '?': v.op = colon ? COMPOSE_VAR_REQUIRED : COMPOSE_VAR_REQUIRED_UNSET; break;
      case '+': v.op = colon ? COMPOSE_VAR_ALT : COMPOSE_VAR_ALT_UNSET; break;
      default: return false;
    }
    p++;
    /* The argument runs to the matching `}`; nested `${` open new levels. */
    size_t level = 1, a = p;
    while (p < to) {
      if (text[p] == '$' && p + 1 < to && text[p + 1] == '$') {
        p += 2;
        continue;
      }
      if (text[p] == '$' && p + 1 < to && text[p + 1] == '{') {
        level++;
        p += 2;
        continue;
      }
      if (text[p] == '}' && --level == 0) break;
      p++;
    }
    if (p >= to) return false;
    v.arg_start = a;
    v.arg_end = p;
    v.end = p + 1;
    array_push(out, v);
    if (depth < 8 && !interp_scan_range(text, a, p, out, depth + 1)) return false;
    i = p + 1;
  }
  return true;
}

bool compose_interp_scan(const char *text, size_t len, ComposeVarArray *out) {
  return interp_scan_range(text, 0, len, out, 0);
}

bool compose_interp_has_ref(const char *text, size_t len) {
  for (size_t i = 0; i + 1 < len; i++) {
    if (text[i] != '$') continue;
    if (text[i + 1] == '$') {
      i++;
      continue;
    }
    if (text[i + 1] == '{' || name_start(text[i + 1])) return true;
  }
  return false;
}
