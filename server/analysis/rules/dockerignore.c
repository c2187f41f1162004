/* A build context's .dockerignore, read and matched as Docker's pattern
 * matcher does (moby/patternmatcher): each line a pattern, `#` lines and
 * blank lines skipped, `!` re-includes, later lines win; a pattern is
 * cleaned like a path (no leading `/` or `./`, no trailing `/`); `*` and
 * `?` stay inside one path segment, `**` crosses segments, `[...]` is a
 * class, `\` escapes; and a pattern that matches a folder excludes
 * everything inside it. */
#include <string.h>

#include "dockls/base/path.h"
#include "internal.h"

/* One line's pattern, cleaned; `text` is owned. */
static char *dockerignore_clean(const char *line, size_t n, bool *negate) {
  while (n > 0 && (*line == ' ' || *line == '\t')) line++, n--;
  while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r')) n--;
  *negate = n > 0 && line[0] == '!';
  if (*negate) line++, n--;
  char *p = xstrndup(line, n);
  /* filepath.Clean, as far as patterns need it: `./` parts, repeated and
   * leading or trailing slashes. */
  char *w = p;
  for (const char *r = p; *r;) {
    if (r[0] == '.' && (r[1] == '/' || r[1] == '\0') && (r == p || r[-1] == '/')) {
      r += r[1] ? 2 : 1;
      continue;
    }
    if (*r == '/' && (w == p || w[-1] == '/')) {
      r++;
      continue;
    }
    *w++ = *r++;
  }
  while (w > p && w[-1] == '/') w--;
  *w = '\0';
  return p;
}

void rules__dockerignore_parse(const char *text, size_t len, DockerIgnore *out) {
  array_init(&out->patterns);
  out->reincludes = false;
  for (size_t i = 0; i < len;) {
    size_t e = i;
    while (e < len && text[e] != '\n') e++;
    size_t s = i;
    while (s < e && (text[s] == ' ' || text[s] == '\t')) s++;
    if (s < e && text[s] != '#') {
      bool negate;
      char *p = dockerignore_clean(text + i, e - i, &negate);
      if (*p) {
        DockerIgnorePattern pat = {.text = p, .negate = negate, .line = 0};
        size_t line = 1;
        for (size_t k = 0; k < i; k++) line += text[k] == '\n';
        pat.line = line;
        array_push(&out->patterns, pat);
        out->reincludes |= negate;
      } else {
        xfree(p);
      }
    }
    i = e + 1;
  }
}

void rules__dockerignore_destroy(DockerIgnore *ig) {
  for (size_t i = 0; i < ig->patterns.len; i++) xfree(ig->patterns.items[i].text);
  array_delete(&ig->patterns);
}

/* A `[...]` class at p against c; *after is set past the class.  False
 * for a class that is not closed (it then matches nothing, as Go's
 * filepath.Match reports an error). */
static bool dockerignore_class(const char *p, char c, const char **after) {
  const char *q = p + 1;
  bool negate = *q == '^' || *q == '!';
  if (negate) q++;
  bool hit = false, first = true;
  while (*q && (*q != ']' || first)) {
    first = false;
    char lo = *q == '\\' && q[1] ? *++q : *q;
    q++;
    char hi = lo;
    if (*q == '-' && q[1] && q[1] != ']') {
      q++;
      hi = *q == '\\' && q[1] ? *++q : *q;
      q++;
    }
    if (lo <= c && c <= hi) hit = true;
  }
  if (*q != ']') {
    *after = NULL;
    return false;
  }
  *after = q + 1;
  return hit != negate;
}

static bool dockerignore_glob(const char *p, const char *s) {
  while (*p) {
    if (p[0] == '*' && p[1] == '*') {
      while (*p == '*') p++;
      if (*p == '\0') return true;
      if (*p == '/') {
        /* `**` then `/`: zero or more whole segments. */
        if (dockerignore_glob(p + 1, s)) return true;
        for (const char *q = s; *q; q++)
          if (*q == '/' && dockerignore_glob(p + 1, q + 1)) return true;
        return false;
      }
      for (const char *q = s;; q++) {
        if (dockerignore_glob(p, q)) return true;
        if (!*q) return false;
      }
    }
    if (*p == '*') {
      for (const char *q = s;; q++) {
        if (dockerignore_glob(p + 1, q)) return true;
        if (!*q || *q == '/') return false;
      }
    }
    if (!*s) return false;
    if (*p == '?') {
      if (*s == '/') return false;
    } else if (*p == '[') {
      const char *after;
      if (*s == '/' || !dockerignore_class(p, *s, &after)) return false;
      p = after;
      s++;
      continue;
    } else {
      if (*p == '\\' && p[1]) p++;
      if (*p != *s) return false;
    }
    p++;
    s++;
  }
  return *s == '\0';
}

const DockerIgnorePattern *rules__dockerignore_match(const DockerIgnore *ig, const char *rel) {
  const DockerIgnorePattern *last = NULL;
  bool excluded = false;
  char *path = xstrdup(rel);
  for (size_t i = 0; i < ig->patterns.len; i++) {
    const DockerIgnorePattern *pat = &ig->patterns.items[i];
    /* The path itself or any folder above it. */
    bool match = dockerignore_glob(pat->text, path);
    for (char *slash = strchr(path, '/'); !match && slash; slash = strchr(slash + 1, '/')) {
      *slash = '\0';
      match = dockerignore_glob(pat->text, path);
      *slash = '/';
    }
    if (match) {
      excluded = !pat->negate;
      last = pat;
    }
  }
  xfree(path);
  return excluded ? last : NULL;
}

bool rules__dockerignore_read(const RuleCtx *ctx, const char *context_dir, DockerIgnore *out) {
  char *path = path_join(context_dir, ".dockerignore");
  FileId id;
  bool have = ws_read(ctx->ws, ctx->file, path, &id);
  xfree(path);
  if (!have) return false;
  const TextDoc *t = ws_text(ctx->ws, id);
  rules__dockerignore_parse(t->bytes, t->len, out);
  return true;
}
