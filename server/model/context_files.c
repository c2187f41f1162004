/* package.json and its lockfile, read for the npm rules.
 *
 * This is the one place in the model layer that includes cJSON: an
 * approved exception to the "cJSON only in lsp/ and cli/" convention
 * (architecture.md, convention 4), because the npm rules need JSON's
 * meaning (escapes, duplicate-free objects, numbers and nesting) and
 * writing a second full JSON parser would only add bugs.  cJSON gives the
 * meaning; a small scanner of our own gives byte positions, which cJSON
 * does not keep, so that fixes can insert into "devDependencies" without
 * rewriting the file.  A file is `valid` only when both agree that it is
 * a JSON object.  cJSON allocates through whatever hooks the adapter
 * installed (cJSON_InitHooks), so the tests' leak counting covers it.
 *
 * Script splitting (npm's `sh -c` command lines) also lives here; the
 * INI, dotenv, Laravel and nginx readers are in context_files_text.c. */
#include "dockls/model/context_files.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <string.h>

#include "dockls/base/strbuf.h"

/* --- Position scanner --------------------------------------------------- */

/* A cursor over JSON text.  Every function leaves `ok` false on a syntax
 * error; callers then give up on positions. */
typedef struct {
  const char *s;
  size_t len, pos;
  bool ok;
} JScan;

enum { JSCAN_MAX_DEPTH = 64 };

static void jscan_ws(JScan *j) {
  while (j->pos < j->len && (j->s[j->pos] == ' ' || j->s[j->pos] == '\t' || j->s[j->pos] == '\n' ||
                             j->s[j->pos] == '\r'))
    j->pos++;
}

/* Reads a string at the cursor; *out (optional, caller owns) receives it
 * decoded.  \u escapes are decoded for the Basic Multilingual Plane,
 * which is all that package names and scripts use in practice. */
static void jscan_string(JScan *j, char **out) {
  StrBuf b = STRBUF_INIT;
  strbuf_append(&b, "");
  if (j->pos >= j->len || j->s[j->pos] != '"') {
    j->ok = false;
  } else {
    j->pos++;
    while (j->ok) {
      if (j->pos >= j->len) {
        j->ok = false;
        break;
      }
      char c = j->s[j->pos++];
      if (c == '"') break;
      if (c != '\\') {
        strbuf_append_char(&b, c);
        continue;
      }
      if (j->pos >= j->len) {
        j->ok = false;
        break;
      }
      char e = j->s[j->pos++];
      static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
      const char *k = strchr(from, e);
      if (e && k) {
        strbuf_append_char(&b, to[k - from]);
      } else if (e == 'u' && j->pos + 4 <= j->len) {
        unsigned v = 0;
        for (int i = 0; i < 4; i++) {
          char h = j->s[j->pos++];
          v = v * 16 + (unsigned)(isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
        }
        if (v < 0x80) {
          strbuf_append_char(&b, (char)v);
        } else if (v < 0x800) {
          strbuf_append_char(&b, (char)(0xC0 | (v >> 6)));
          strbuf_append_char(&b, (char)(0x80 | (v & 0x3F)));
        } else {
          strbuf_append_char(&b, (char)(0xE0 | (v >> 12)));
          strbuf_append_char(&b, (char)(0x80 | ((v >> 6) & 0x3F)));
          strbuf_append_char(&b, (char)(0x80 | (v & 0x3F)));
        }
      } else {
        j->ok = false;
      }
    }
  }
  if (out) *out = strbuf_take(&b);
  else strbuf_destroy(&b);
}

static void jscan_value(JScan *j, int depth);

/* Reads an object at the cursor; when `members` is given, records each
 * member's key and ranges (values are filled in from cJSON later). */
static void jscan_object(JScan *j, int depth, PkgEntryArray *members) {
  if (depth > JSCAN_MAX_DEPTH || j->pos >= j->len || j->s[j->pos] != '{') {
    j->ok = false;
    return;
  }
  j->pos++;
  jscan_ws(j);
  if (j->pos < j->len && j->s[j->pos] == '}') {
    j->pos++;
    return;
  }
  while (j->ok) {
    jscan_ws(j);
    PkgEntry e;
    memset(&e, 0, sizeof e);
    e.key_start = j->pos;
    jscan_string(j, members ? &e.key : NULL);
    e.key_end = j->pos;
    jscan_ws(j);
    if (!j->ok || j->pos >= j->len || j->s[j->pos] != ':') {
      j->ok = false;
      xfree(e.key);
      return;
    }
    j->pos++;
    jscan_ws(j);
    e.value_start = j->pos;
    jscan_value(j, depth + 1);
    e.value_end = j->pos;
    if (members) array_push(members, e);
    jscan_ws(j);
    if (j->pos < j->len && j->s[j->pos] == ',') {
      j->pos++;
      continue;
    }
    if (j->pos < j->len && j->s[j->pos] == '}') {
      j->pos++;
      return;
    }
    j->ok = false;
  }
}

static void jscan_value(JScan *j, int depth) {
  if (depth > JSCAN_MAX_DEPTH || j->pos >= j->len) {
    j->ok = false;
    return;
  }
  char c = j->s[j->pos];
  if (c == '{') {
    jscan_object(j, depth, NULL);
  } else if (c == '[') {
    j->pos++;
    jscan_ws(j);
    if (j->pos < j->len && j->s[j->pos] == ']') {
      j->pos++;
      return;
    }
    while (j->ok) {
      jscan_ws(j);
      jscan_value(j, depth + 1);
      jscan_ws(j);
      if (j->pos < j->len && j->s[j->pos] == ',') {
        j->pos++;
      } else if (j->pos < j->len && j->s[j->pos] == ']') {
        j->pos++;
        return;
      } else {
        j->ok = false;
      }
    }
  } else if (c == '"') {
    jscan_string(j, NULL);
  } else {
    /* Numbers, true, false, null: cJSON has checked them already. */
    while (j->pos < j->len && (isalnum((unsigned char)j->s[j->pos]) || j->s[j->pos] == '-' ||
                               j->s[j->pos] == '+' || j->s[j->pos] == '.'))
      j->pos++;
  }
}

/* --- package.json ------------------------------------------------------- */

static const char *const deps_keys[PKG_DEPS__COUNT] = {"dependencies", "devDependencies",
                                                       "optionalDependencies", "peerDependencies"};

const char *package_json_deps_key(PkgDepKind kind) { return deps_keys[kind]; }

static void entries_free(PkgEntryArray *a) {
  for (size_t i = 0; i < a->len; i++) {
    xfree(a->items[i].key);
    xfree(a->items[i].value);
  }
  array_delete(a);
}

/* Fills the string values of scanned entries from cJSON's object. */
static void entries_fill(PkgEntryArray *a, const cJSON *obj) {
  for (size_t i = 0; i < a->len; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, a->items[i].key);
    if (cJSON_IsString(v) && v->valuestring) a->items[i].value = xstrdup(v->valuestring);
  }
}

static void section_read(PackageJson *p, const char *src, size_t len, const cJSON *root,
                         const char *key, PkgSection *out) {
  const PkgEntry *m = package_json_find(&(PkgSection){true, 0, 0, 0, p->members}, key);
  const cJSON *obj = cJSON_GetObjectItemCaseSensitive(root, key);
  if (!m || !cJSON_IsObject(obj) || src[m->value_start] != '{') return;
  JScan j = {src, len, m->value_start, true};
  jscan_object(&j, 1, &out->entries);
  if (!j.ok) {
    entries_free(&out->entries);
    return;
  }
  out->present = true;
  out->key_start = m->key_start;
  out->open = m->value_start;
  out->close = m->value_end - 1;
  entries_fill(&out->entries, obj);
}

/* Blanks between the start of the line holding `offset` and `offset`, or
 * NULL when something else precedes it on that line. */
static char *line_indent(const char *src, size_t offset) {
  size_t s = offset;
  while (s > 0 && src[s - 1] != '\n') s--;
  for (size_t i = s; i < offset; i++)
    if (src[i] != ' ' && src[i] != '\t') return NULL;
  return xstrndup(src + s, offset - s);
}

PackageJson *package_json_parse(const char *text, size_t len) {
  PackageJson *p = xcalloc(1, sizeof *p);
  const char *nl = memchr(text, '\n', len);
  p->eol = nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
  p->indent = xstrdup("");
  cJSON *root = cJSON_ParseWithLength(text, len);
  if (!cJSON_IsObject(root)) {
    cJSON_Delete(root);
    return p;
  }
  JScan j = {text, len, 0, true};
  /* A UTF-8 byte order mark is tolerated by npm; skip it. */
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) j.pos = 3;
  jscan_ws(&j);
  p->open = j.pos;
  jscan_object(&j, 0, &p->members);
  if (!j.ok) {
    entries_free(&p->members);
    cJSON_Delete(root);
    return p;
  }
  p->close = j.pos - 1;
  entries_fill(&p->members, root);
  section_read(p, text, len, root, "scripts", &p->scripts);
  for (int k = 0; k < PKG_DEPS__COUNT; k++) section_read(p, text, len, root, deps_keys[k], &p->deps[k]);
  /* The indentation step is that of the first top-level member when it
   * sits on its own line; a one-line file has none. */
  if (p->members.len) {
    char *ind = line_indent(text, p->members.items[0].key_start);
    if (ind) {
      xfree(p->indent);
      p->indent = ind;
    }
  }
  p->valid = true;
  cJSON_Delete(root);
  return p;
}

void package_json_delete(PackageJson *self) {
  if (!self) return;
  entries_free(&self->members);
  entries_free(&self->scripts.entries);
  for (int k = 0; k < PKG_DEPS__COUNT; k++) entries_free(&self->deps[k].entries);
  xfree(self->indent);
  xfree(self);
}

const PkgEntry *package_json_find(const PkgSection *section, const char *key) {
  for (size_t i = 0; i < section->entries.len; i++)
    if (strcmp(section->entries.items[i].key, key) == 0) return &section->entries.items[i];
  return NULL;
}

bool package_json_declares(const PackageJson *self, const char *name) {
  for (int k = 0; k < PKG_DEPS__COUNT; k++)
    if (package_json_find(&self->deps[k], name)) return true;
  return false;
}

/* The text between an entry's key and its value (": " in most files). */
static char *entry_colon(const char *src, const PkgEntry *e) {
  return xstrndup(src + e->key_end, e->value_start - e->key_end);
}

static void append_member(StrBuf *b, const char *colon, const char *name, const char *spec) {
  strbuf_appendf(b, "\"%s\"%s\"%s\"", name, colon, spec);
}

bool package_json_add_dep_edit(const PackageJson *self, const char *src, PkgDepKind kind,
                               const char *name, const char *spec, size_t *start, size_t *end,
                               char **text) {
  if (!self->valid) return false;
  const PkgSection *sec = &self->deps[kind];
  bool one_line = self->indent[0] == '\0';
  StrBuf b = STRBUF_INIT;
  if (sec->present && sec->entries.len > 0) {
    const PkgEntryArray *es = &sec->entries;
    char *colon = entry_colon(src, &es->items[0]);
    char *ind = line_indent(src, es->items[0].key_start);
    /* The separator between two entries: a line break and the entries'
     * indentation, or a blank when they share a line. */
    StrBuf sep = STRBUF_INIT;
    if (ind) strbuf_appendf(&sep, "%s%s", self->eol, ind);
    else strbuf_append(&sep, " ");
    bool sorted = true;
    for (size_t i = 1; i < es->len; i++) sorted &= strcmp(es->items[i - 1].key, es->items[i].key) <= 0;
    size_t at = es->len;
    if (sorted)
      for (size_t i = 0; i < es->len && at == es->len; i++)
        if (strcmp(es->items[i].key, name) > 0) at = i;
    if (at < es->len) {
      append_member(&b, colon, name, spec);
      strbuf_append(&b, ",");
      strbuf_append(&b, strbuf_cstr(&sep));
      *start = *end = es->items[at].key_start;
    } else {
      strbuf_append(&b, ",");
      strbuf_append(&b, strbuf_cstr(&sep));
      append_member(&b, colon, name, spec);
      *start = *end = es->items[es->len - 1].value_end;
    }
    strbuf_destroy(&sep);
    xfree(colon);
    xfree(ind);
  } else if (sec->present) {
    /* An empty object: open it up like npm would write it. */
    char *ind = line_indent(src, sec->key_start);
    if (one_line || !ind) {
      strbuf_append(&b, "{");
      append_member(&b, ": ", name, spec);
      strbuf_append(&b, "}");
    } else {
      strbuf_appendf(&b, "{%s%s%s", self->eol, ind, self->indent);
      append_member(&b, ": ", name, spec);
      strbuf_appendf(&b, "%s%s}", self->eol, ind);
    }
    xfree(ind);
    *start = sec->open;
    *end = sec->close + 1;
  } else {
    /* No such section: add it after "dependencies" (where npm puts
     * devDependencies), else as the last member of the root object. */
    const PkgEntry *after = NULL;
    if (kind != PKG_DEPS_PROD && self->deps[PKG_DEPS_PROD].present)
      after = package_json_find(&(PkgSection){true, 0, 0, 0, self->members}, "dependencies");
    if (!after && self->members.len) after = array_last(&self->members);
    if (!after) return false;
    char *ind = line_indent(src, after->key_start);
    if (one_line || !ind) {
      strbuf_appendf(&b, ", \"%s\": {", deps_keys[kind]);
      append_member(&b, ": ", name, spec);
      strbuf_append(&b, "}");
    } else {
      strbuf_appendf(&b, ",%s%s\"%s\": {%s%s%s", self->eol, ind, deps_keys[kind], self->eol, ind,
                     self->indent);
      append_member(&b, ": ", name, spec);
      strbuf_appendf(&b, "%s%s}", self->eol, ind);
    }
    xfree(ind);
    *start = *end = after->value_end;
  }
  *text = strbuf_take(&b);
  return true;
}

bool package_json_remove_dep_edit(const PackageJson *self, const char *src, PkgDepKind kind,
                                  const char *name, size_t *start, size_t *end) {
  (void)src;
  if (!self->valid) return false;
  const PkgEntryArray *es = &self->deps[kind].entries;
  for (size_t i = 0; i < es->len; i++) {
    if (strcmp(es->items[i].key, name) != 0) continue;
    if (es->len == 1) {
      *start = self->deps[kind].open + 1;
      *end = self->deps[kind].close;
    } else if (i + 1 < es->len) {
      /* `"a": "1",<break><indent>` up to the next key. */
      *start = es->items[i].key_start;
      *end = es->items[i + 1].key_start;
    } else {
      /* The last entry: take the comma after the one before it. */
      *start = es->items[i - 1].value_end;
      *end = es->items[i].value_end;
    }
    return true;
  }
  return false;
}

/* --- Scripts -------------------------------------------------------------- */

static bool script_is_assignment(const char *w) {
  if (!(isalpha((unsigned char)w[0]) || w[0] == '_')) return false;
  for (const char *p = w; *p; p++) {
    if (*p == '=') return true;
    if (!(isalnum((unsigned char)*p) || *p == '_')) return false;
  }
  return false;
}

static bool script_is_redirect(const char *w) {
  const char *p = w;
  while (isdigit((unsigned char)*p)) p++;
  return *p == '>' || *p == '<' || (*p == '&' && p[1] == '>');
}

/* Turns the words of one simple command into a ScriptCommand. */
static void script_finish(StrArray *words, ScriptCommandArray *out) {
  static const char *const prefix_words[] = {"if", "then", "else", "elif", "do", "while", "until",
                                             "!", "{", "time", "exec", NULL};
  StrArray w; /* borrowed from *words */
  array_init(&w);
  /* Drop redirections (and the file they name). */
  for (size_t i = 0; i < words->len; i++) {
    char *x = words->items[i];
    if (script_is_redirect(x)) {
      size_t n = strlen(x);
      if (n > 0 && (x[n - 1] == '>' || x[n - 1] == '<')) i++;
      continue;
    }
    array_push(&w, x);
  }
  size_t k = 0;
  for (;;) {
    while (k < w.len && script_is_assignment(w.items[k])) k++;
    bool again = false;
    for (size_t p = 0; prefix_words[p] && k < w.len; p++)
      if (strcmp(w.items[k], prefix_words[p]) == 0) {
        k++;
        again = true;
        break;
      }
    if (k < w.len && (strcmp(w.items[k], "cross-env") == 0 || strcmp(w.items[k], "env") == 0)) {
      k++;
      while (k < w.len && w.items[k][0] == '-') k++;
      again = true;
    }
    if (!again) break;
  }
  static const char *const closers[] = {"fi", "done", "esac", "}", NULL};
  bool closer = false;
  for (size_t p = 0; closers[p] && k < w.len; p++) closer |= strcmp(w.items[k], closers[p]) == 0;
  if (k < w.len && !closer) {
    ScriptCommand c = {xstrdup(w.items[k]), k + 1 < w.len ? xstrdup(w.items[k + 1]) : NULL,
                       k + 2 < w.len ? xstrdup(w.items[k + 2]) : NULL};
    array_push(out, c);
  }
  array_delete(&w);
  for (size_t i = 0; i < words->len; i++) xfree(words->items[i]);
  array_clear(words);
}

void script_commands_parse(const char *script, ScriptCommandArray *out) {
  StrArray words;
  array_init(&words);
  StrBuf word = STRBUF_INIT;
  bool in_word = false;
  for (const char *p = script;; p++) {
    char c = *p;
    bool sep = c == '\0' || c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')';
    if (c == '&' && in_word && word.len > 0 && word.data[word.len - 1] == '>') sep = false; /* >& */
    if (sep || c == ' ' || c == '\t' || c == '\r') {
      if (in_word) {
        array_push(&words, strbuf_take(&word));
        in_word = false;
      }
      if (sep) script_finish(&words, out);
      if (c == '\0') break;
      continue;
    }
    in_word = true;
    if (c == '\'' || c == '"') {
      /* A quoted part of the word: keep its content, drop the quotes. */
      char q = c;
      for (p++; *p && *p != q; p++) {
        if (q == '"' && *p == '\\' && p[1]) p++;
        strbuf_append_char(&word, *p);
      }
      if (!*p) p--;
      strbuf_append(&word, "");
      continue;
    }
    if (c == '\\' && p[1]) p++;
    strbuf_append_char(&word, *p);
  }
  strbuf_destroy(&word);
  array_delete(&words);
}

void script_commands_clear(ScriptCommandArray *cmds) {
  for (size_t i = 0; i < cmds->len; i++) {
    xfree(cmds->items[i].name);
    xfree(cmds->items[i].arg1);
    xfree(cmds->items[i].arg2);
  }
  array_delete(cmds);
}

/* --- Lockfile --------------------------------------------------------------- */

struct NpmLock {
  cJSON *root;
  const cJSON *packages; /* lockfileVersion 2 and 3: "node_modules/x" → entry */
  const cJSON *deps_v1;  /* lockfileVersion 1: "x" → entry */
};

NpmLock *npm_lock_parse(const char *text, size_t len) {
  NpmLock *l = xcalloc(1, sizeof *l);
  l->root = cJSON_ParseWithLength(text, len);
  if (cJSON_IsObject(l->root)) {
    const cJSON *pk = cJSON_GetObjectItemCaseSensitive(l->root, "packages");
    const cJSON *dp = cJSON_GetObjectItemCaseSensitive(l->root, "dependencies");
    if (cJSON_IsObject(pk)) l->packages = pk;
    if (cJSON_IsObject(dp)) l->deps_v1 = dp;
  }
  return l;
}

void npm_lock_delete(NpmLock *self) {
  if (!self) return;
  cJSON_Delete(self->root);
  xfree(self);
}

bool npm_lock_has(const NpmLock *self, const char *name, bool *dev_only) {
  const cJSON *e = NULL;
  if (self->packages) {
    StrBuf key = STRBUF_INIT;
    strbuf_appendf(&key, "node_modules/%s", name);
    e = cJSON_GetObjectItemCaseSensitive(self->packages, strbuf_cstr(&key));
    strbuf_destroy(&key);
  }
  if (!e && self->deps_v1) e = cJSON_GetObjectItemCaseSensitive(self->deps_v1, name);
  if (!cJSON_IsObject(e)) return false;
  *dev_only = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "dev"));
  return true;
}

const char *npm_lock_bin_provider(const NpmLock *self, const char *bin) {
  if (!self->packages) return NULL;
  const cJSON *e;
  cJSON_ArrayForEach(e, self->packages) {
    const char *k = e->string;
    if (!k || strncmp(k, "node_modules/", 13) != 0 || strstr(k + 13, "/node_modules/")) continue;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "bin");
    if (cJSON_IsObject(b) && cJSON_GetObjectItemCaseSensitive(b, bin)) return k + 13;
  }
  return NULL;
}
