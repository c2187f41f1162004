/* File-kind detection.  Content sniffing only looks at the first lines
 * that are neither blank nor comments, because that is where both a
 * Dockerfile's first instruction and (almost always) a compose file's
 * top-level keys are; it is used only for files named on the command line
 * whose names do not tell. */
#include "dockls/workspace/doc_kind.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "dockls/base/fs.h"
#include "dockls/model/dockerfile.h"
#include "dockls/base/path.h"

static bool contains_nocase(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = hay; *p; p++)
    if (strncasecmp(p, needle, n) == 0) return true;
  return false;
}

static bool ends_with_nocase(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

DocKind doc_kind_from_name(const char *path) {
  if (!path) return DOC_KIND_OTHER;
  const char *name = path_basename(path);
  if (strcmp(name, ".dockls.yaml") == 0 || strcmp(name, ".dockls.yml") == 0) return DOC_KIND_CONFIG;
  /* A YAML extension with "compose" in the name wins over "dockerfile" in
   * the name: `dockerfiles-compose.yml` is a compose file. */
  /* Templates that generators copy into projects (Laravel Sail's
   * `stubs/docker-compose.stub`) are compose files under another
   * extension; `Dockerfile.stub` is caught below like any Dockerfile.*. */
  bool yaml_like = ends_with_nocase(name, ".yml") || ends_with_nocase(name, ".yaml") ||
                   ends_with_nocase(name, ".stub");
  if (yaml_like && contains_nocase(name, "compose")) return DOC_KIND_COMPOSE;
  if ((contains_nocase(name, "dockerfile") || contains_nocase(name, "containerfile")) &&
      !ends_with_nocase(name, ".dockerignore"))
    return DOC_KIND_DOCKERFILE;
  return DOC_KIND_OTHER;
}

static bool starts_with_nocase(const char *s, const char *prefix) {
  return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* The kind a name states beyond doubt, or DOC_KIND_OTHER when it only
 * hints (a name merely containing "dockerfile" or "compose"). */
static DocKind doc_kind_plain_name(const char *path) {
  if (!path) return DOC_KIND_OTHER;
  const char *name = path_basename(path);
  if (strcasecmp(name, "Dockerfile") == 0 || strcasecmp(name, "Containerfile") == 0 ||
      ends_with_nocase(name, ".dockerfile") || ends_with_nocase(name, ".containerfile") ||
      starts_with_nocase(name, "Dockerfile.") || starts_with_nocase(name, "Containerfile."))
    return DOC_KIND_DOCKERFILE;
  bool yaml = ends_with_nocase(name, ".yml") || ends_with_nocase(name, ".yaml");
  if (strcasecmp(name, "compose.yaml") == 0 || strcasecmp(name, "compose.yml") == 0 ||
      (yaml && starts_with_nocase(name, "docker-compose")))
    return DOC_KIND_COMPOSE;
  return DOC_KIND_OTHER;
}

DocKind doc_kind_from_language(const char *language_id, const char *name, DocKindReason *why) {
  DocKindReason reason = DOC_KIND_BY_LANGUAGE;
  DocKind kind;
  if (language_id && strcmp(language_id, "dockerfile") == 0) {
    kind = DOC_KIND_DOCKERFILE;
  } else if (language_id && strcmp(language_id, "dockercompose") == 0) {
    kind = DOC_KIND_COMPOSE;
  } else {
    kind = doc_kind_from_name(name);
    reason = DOC_KIND_BY_NAME;
  }
  DocKind plain = doc_kind_plain_name(name);
  if (reason == DOC_KIND_BY_LANGUAGE && plain != DOC_KIND_OTHER && plain != kind) {
    kind = plain;
    reason = DOC_KIND_BY_NAME_OVER_LANGUAGE;
  }
  if (why) *why = reason;
  return kind;
}

static bool word_is_instruction(const char *w, size_t n) {
  return dockerfile_kind_of_keyword(w, n) != DF_OTHER;
}

DocKind doc_kind_from_content(const char *bytes, size_t len) {
  size_t at = 0;
  if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) at = 3;
  bool first_meaningful = true;
  while (at < len) {
    size_t end = at;
    while (end < len && bytes[end] != '\n') end++;
    const char *line = bytes + at;
    size_t n = end - at;
    if (n > 0 && line[n - 1] == '\r') n--;
    if (strncmp(line, "services:", n < 9 ? n : 9) == 0 && n >= 9) return DOC_KIND_COMPOSE;
    size_t i = 0;
    while (i < n && (line[i] == ' ' || line[i] == '\t')) i++;
    if (first_meaningful && i < n) {
      if (line[i] == '#') {
        /* A parser directive is `# name = value` (blanks allowed around
         * both) before any instruction. */
        size_t d = i + 1;
        while (d < n && (line[d] == ' ' || line[d] == '\t')) d++;
        size_t w = d;
        while (w < n && isalpha((unsigned char)line[w])) w++;
        size_t eq = w;
        while (eq < n && (line[eq] == ' ' || line[eq] == '\t')) eq++;
        bool known = (w - d == 6 && (strncasecmp(line + d, "syntax", 6) == 0 ||
                                     strncasecmp(line + d, "escape", 6) == 0)) ||
                     (w - d == 5 && strncasecmp(line + d, "check", 5) == 0);
        if (known && eq < n && line[eq] == '=') return DOC_KIND_DOCKERFILE;
      } else {
        size_t w = i;
        while (w < n && isalpha((unsigned char)line[w])) w++;
        if (w > i && (w == n || line[w] == ' ' || line[w] == '\t') &&
            word_is_instruction(line + i, w - i))
          return DOC_KIND_DOCKERFILE;
        first_meaningful = false;
      }
    }
    at = end + 1;
  }
  return DOC_KIND_OTHER;
}

const char *doc_kind_name(DocKind kind) {
  switch (kind) {
    case DOC_KIND_DOCKERFILE:
      return "dockerfile";
    case DOC_KIND_COMPOSE:
      return "compose";
    case DOC_KIND_CONFIG:
      return "config";
    case DOC_KIND_OTHER:
      break;
  }
  return "other";
}
