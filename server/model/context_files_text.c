/* The line-oriented build-context files: supervisord's INI, dotenv files,
 * and the two single facts read from Laravel's bootstrap/app.php and an
 * nginx main config.  Each reader follows the consuming program's own
 * syntax as far as the rules need it (supervisord's ConfigParser for the
 * INI, Compose's dotenv for .env) and keeps byte offsets of what it
 * returns.  See context_files.h for the contracts. */
#include <ctype.h>
#include <string.h>

#include "dockls/base/strbuf.h"
#include "dockls/model/context_files.h"

/* [*s, *e) trimmed of blanks and carriage returns on both sides. */
static void trim(const char *t, size_t *s, size_t *e) {
  while (*s < *e && (t[*s] == ' ' || t[*s] == '\t' || t[*s] == '\r')) (*s)++;
  while (*e > *s && (t[*e - 1] == ' ' || t[*e - 1] == '\t' || t[*e - 1] == '\r')) (*e)--;
}

/* The next line of text[*at, len): [*s, *e) is the line without its
 * line break, and *at moves past the break.  False at the end. */
static bool next_line(const char *text, size_t len, size_t *at, size_t *s, size_t *e) {
  if (*at >= len) return false;
  size_t end = *at;
  while (end < len && text[end] != '\n') end++;
  *s = *at;
  *e = end;
  *at = end + 1;
  return true;
}

/* --- INI -------------------------------------------------------------------- */

IniFile *ini_file_parse(const char *text, size_t len) {
  IniFile *f = xcalloc(1, sizeof *f);
  char *section = NULL;
  IniEntry *last = NULL; /* the entry an indented line continues */
  size_t i = 0, s, end;
  while (next_line(text, len, &i, &s, &end)) {
    bool indented = s < end && (text[s] == ' ' || text[s] == '\t');
    trim(text, &s, &end);
    if (s == end || text[s] == ';' || text[s] == '#') continue;
    if (indented && last) {
      /* A continuation line: supervisord joins it to the value with a
       * newline; the rules only need to know the value goes on. */
      char *joined = xstrndup(text + s, end - s);
      StrBuf b = STRBUF_INIT;
      strbuf_appendf(&b, "%s\n%s", last->value, joined);
      xfree(joined);
      xfree(last->value);
      last->value = strbuf_take(&b);
      last->value_end = end;
      continue;
    }
    last = NULL;
    if (text[s] == '[') {
      size_t close = s + 1;
      while (close < end && text[close] != ']') close++;
      xfree(section);
      size_t a = s + 1, b = close;
      trim(text, &a, &b);
      section = xstrndup(text + a, b - a);
      array_push(&f->sections, xstrdup(section));
      continue;
    }
    if (!section) continue;
    size_t sep = s;
    while (sep < end && text[sep] != '=' && text[sep] != ':') sep++;
    if (sep == end) continue;
    size_t ks = s, ke = sep, vs = sep + 1, ve = end;
    trim(text, &ks, &ke);
    /* Inline comments need a blank before the ';' (supervisord's rule:
     * "a=b ;comment", not "a=b;comment"). */
    for (size_t k = vs; k < ve; k++)
      if (text[k] == ';' && k > vs && (text[k - 1] == ' ' || text[k - 1] == '\t')) {
        ve = k;
        break;
      }
    trim(text, &vs, &ve);
    IniEntry en = {xstrdup(section), xstrndup(text + ks, ke - ks), xstrndup(text + vs, ve - vs), ks,
                   vs, ve};
    for (char *p = en.key; *p; p++) *p = (char)tolower((unsigned char)*p);
    array_push(&f->entries, en);
    last = array_last(&f->entries);
  }
  xfree(section);
  return f;
}

void ini_file_delete(IniFile *self) {
  if (!self) return;
  for (size_t i = 0; i < self->entries.len; i++) {
    xfree(self->entries.items[i].section);
    xfree(self->entries.items[i].key);
    xfree(self->entries.items[i].value);
  }
  array_delete(&self->entries);
  strarray_delete(&self->sections);
  xfree(self);
}

bool ini_file_has_section(const IniFile *self, const char *section) {
  for (size_t i = 0; i < self->sections.len; i++)
    if (strcmp(self->sections.items[i], section) == 0) return true;
  return false;
}

/* True when a log value names a file whose directory the image must
 * provide.  Special values and device paths need nothing; a relative path
 * depends on supervisord's working directory, which we do not model, and
 * an expansion in the directory part cannot be resolved statically. */
static bool supervisor_needs_dir(const char *v, bool is_dir) {
  if (v[0] != '/') return false;
  if (strncmp(v, "/dev/", 5) == 0 || strncmp(v, "/proc/", 6) == 0) return false;
  const char *slash = strrchr(v, '/');
  size_t dir_len = is_dir ? strlen(v) : (size_t)(slash - v);
  for (size_t i = 0; i + 1 < dir_len; i++)
    if (v[i] == '%' && v[i + 1] == '(') return false;
  return dir_len > 0;
}

void supervisor_log_paths(const IniFile *self, SupervisorLogArray *out) {
  for (size_t i = 0; i < self->entries.len; i++) {
    const IniEntry *e = &self->entries.items[i];
    bool main = strcmp(e->section, "supervisord") == 0;
    bool program = strncmp(e->section, "program:", 8) == 0 ||
                   strncmp(e->section, "eventlistener:", 14) == 0;
    bool is_dir = false;
    if (main && strcmp(e->key, "logfile") == 0) {
    } else if (main && strcmp(e->key, "childlogdir") == 0) {
      is_dir = true;
    } else if (program && (strcmp(e->key, "stdout_logfile") == 0 || strcmp(e->key, "stderr_logfile") == 0)) {
    } else {
      continue;
    }
    if (supervisor_needs_dir(e->value, is_dir)) array_push(out, ((SupervisorLog){e, is_dir}));
  }
}

/* --- dotenv ------------------------------------------------------------------- */

void dotenv_parse(const char *text, size_t len, DotenvEntryArray *out) {
  size_t i = 0, s, end;
  while (next_line(text, len, &i, &s, &end)) {
    trim(text, &s, &end);
    if (s == end || text[s] == '#') continue;
    if (end - s > 7 && memcmp(text + s, "export ", 7) == 0) {
      s += 7;
      trim(text, &s, &end);
    }
    size_t eq = s;
    while (eq < end && text[eq] != '=') eq++;
    size_t ks = s, ke = eq;
    trim(text, &ks, &ke);
    if (ks == ke) continue;
    size_t vs = eq < end ? eq + 1 : end, ve = end;
    trim(text, &vs, &ve);
    size_t us = vs, ue = ve;
    if (ve - vs >= 2 && (text[vs] == '"' || text[vs] == '\'') && text[ve - 1] == text[vs]) {
      us++;
      ue--;
    } else {
      /* An unquoted value ends at a " #" comment. */
      for (size_t k = vs; k < ve; k++)
        if (text[k] == '#' && k > vs && (text[k - 1] == ' ' || text[k - 1] == '\t')) {
          ue = k;
          trim(text, &us, &ue);
          break;
        }
    }
    DotenvEntry en = {xstrndup(text + ks, ke - ks), xstrndup(text + us, ue - us), ks, ke, vs, ve};
    array_push(out, en);
  }
}

void dotenv_clear(DotenvEntryArray *entries) {
  for (size_t i = 0; i < entries->len; i++) {
    xfree(entries->items[i].key);
    xfree(entries->items[i].value);
  }
  array_delete(entries);
}

const DotenvEntry *dotenv_find(const DotenvEntryArray *entries, const char *key) {
  for (size_t i = entries->len; i-- > 0;)
    if (strcmp(entries->items[i].key, key) == 0) return &entries->items[i];
  return NULL;
}

/* --- Laravel -------------------------------------------------------------------- */

char *laravel_health_path(const char *t, size_t len, size_t *start, size_t *end) {
  /* A small PHP scan: skip comments and strings, and look for the named
   * argument `health:` followed by a quoted string. */
  for (size_t i = 0; i < len; i++) {
    char c = t[i];
    if (c == '/' && i + 1 < len && t[i + 1] == '/') {
      while (i < len && t[i] != '\n') i++;
    } else if (c == '#') {
      while (i < len && t[i] != '\n') i++;
    } else if (c == '/' && i + 1 < len && t[i + 1] == '*') {
      for (i += 2; i + 1 < len && !(t[i] == '*' && t[i + 1] == '/'); i++) {
      }
      i++;
    } else if (c == '\'' || c == '"') {
      for (i++; i < len && t[i] != c; i++)
        if (t[i] == '\\') i++;
    } else if (c == 'h' && i + 7 <= len && memcmp(t + i, "health", 6) == 0 &&
               (i == 0 || !(isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_' || t[i - 1] == '$'))) {
      size_t k = i + 6;
      while (k < len && (t[k] == ' ' || t[k] == '\t')) k++;
      if (k >= len || t[k] != ':' || (k + 1 < len && t[k + 1] == ':')) continue;
      k++;
      while (k < len && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r')) k++;
      if (k >= len || (t[k] != '\'' && t[k] != '"')) continue;
      char q = t[k];
      size_t vs = k + 1, ve = vs;
      while (ve < len && t[ve] != q && t[ve] != '\n') ve++;
      if (ve >= len || t[ve] != q) continue;
      *start = vs;
      *end = ve;
      return xstrndup(t + vs, ve - vs);
    }
  }
  return NULL;
}

/* --- nginx ------------------------------------------------------------------------ */

char *nginx_conf_pid(const char *t, size_t len) {
  /* Statements end with ';' or open a block with '{'; only top-level
   * statements (depth 0) can set the pid file. */
  int depth = 0;
  bool at_statement = true;
  for (size_t i = 0; i < len; i++) {
    char c = t[i];
    if (c == '#') {
      while (i < len && t[i] != '\n') i++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '{') {
      depth++;
      at_statement = true;
      continue;
    }
    if (c == '}') {
      depth = depth > 0 ? depth - 1 : 0;
      at_statement = true;
      continue;
    }
    if (c == ';') {
      at_statement = true;
      continue;
    }
    if (c == '\'' || c == '"') {
      for (i++; i < len && t[i] != c; i++)
        if (t[i] == '\\') i++;
      at_statement = false;
      continue;
    }
    size_t ws = i;
    while (i < len && !strchr(" \t\r\n;{}#", t[i])) i++;
    bool is_pid = at_statement && depth == 0 && i - ws == 3 && memcmp(t + ws, "pid", 3) == 0;
    at_statement = false;
    i--;
    if (!is_pid) continue;
    size_t vs = i + 1;
    while (vs < len && (t[vs] == ' ' || t[vs] == '\t')) vs++;
    size_t ve = vs;
    char q = vs < len && (t[vs] == '"' || t[vs] == '\'') ? t[vs] : 0;
    if (q) {
      for (ve = ++vs; ve < len && t[ve] != q; ve++) {
      }
    } else {
      while (ve < len && !strchr(" \t\r\n;", t[ve])) ve++;
    }
    if (ve > vs) return xstrndup(t + vs, ve - vs);
  }
  return NULL;
}
