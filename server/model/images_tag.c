/* Reading an image reference (images.md §4): the repository normalised to
 * the family's name, the tag split on '-' into tokens, the OS token and
 * the version.  Nothing here knows a family; images.c decides the row. */
#include <ctype.h>
#include <string.h>

#include "images_internal.h"

/* --- Scanning outside ${...} --- */

/* The position of the first `c` at or after `from` that is not inside a
 * ${...} expansion, or `len`.  An unresolved `${V:-8.3}` holds ':' and
 * '-' that are not the tag separator nor a token boundary. */
static size_t images_find(const char *s, size_t from, size_t len, char c) {
  int depth = 0;
  for (size_t i = from; i < len; i++) {
    if (s[i] == '$' && i + 1 < len && s[i + 1] == '{') {
      depth++;
      i++;
    } else if (s[i] == '}' && depth > 0) {
      depth--;
    } else if (s[i] == c && depth == 0) {
      return i;
    }
  }
  return len;
}

static size_t images_find_last(const char *s, size_t len, char c) {
  size_t last = len;
  for (size_t i = images_find(s, 0, len, c); i < len; i = images_find(s, i + 1, len, c)) last = i;
  return last;
}

static bool images_starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether `rest` is only digits and dots, optionally ending in the '$'
 * that stands for a variable (see images_tokenize). */
static bool images_numeric_tail(const char *rest) {
  for (; *rest; rest++) {
    if (*rest == '$') return rest[1] == '\0';
    if (!isdigit((unsigned char)*rest) && *rest != '.') return false;
  }
  return true;
}

static bool images_prefix_num(const char *tok, const char *prefix) {
  return images_starts(tok, prefix) && images_numeric_tail(tok + strlen(prefix));
}

/* --- OS tokens (§4.2) --- */

static const char *const debian_suites[] = {"trixie", "bookworm", "bullseye", "buster", "stretch",
                                            "jessie", "wheezy",   "forky",    "sid",    NULL};
/* Newest first: the entries before "kinetic" (22.10) ship the `ubuntu`
 * user, which exists from 23.04 lunar on. */
static const char *const ubuntu_suites[] = {"resolute", "questing", "plucky", "oracular", "noble",
                                            "mantic",   "lunar",    "kinetic", "jammy",  "impish",
                                            "hirsute",  "groovy",   "focal",  "eoan",    "disco",
                                            "cosmic",   "bionic",   "xenial", "trusty",  NULL};

static bool images_in(const char *tok, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (strcmp(tok, list[i]) == 0) return true;
  return false;
}

bool images_ubuntu_has_user(const char *suite) {
  if (!suite) return false;
  for (size_t i = 0; ubuntu_suites[i]; i++) {
    if (strcmp(ubuntu_suites[i], "kinetic") == 0) return false;
    if (strcmp(suite, ubuntu_suites[i]) == 0) return true;
  }
  return false;
}

static bool images_windows_token(const char *tok) {
  return images_starts(tok, "windowsservercore") || images_starts(tok, "nanoserver") ||
         images_starts(tok, "ltsc") || images_starts(tok, "windows") ||
         images_starts(tok, "servercore") || strcmp(tok, "1809") == 0;
}

static TagOs images_token_os(const char *tok) {
  if (images_prefix_num(tok, "alpine")) return TAG_OS_ALPINE;
  if (images_prefix_num(tok, "ubi")) return TAG_OS_UBI;
  if (strcmp(tok, "oracle") == 0 || images_prefix_num(tok, "oraclelinux")) return TAG_OS_ORACLE;
  if (strcmp(tok, "chiseled") == 0 || strcmp(tok, "distroless") == 0) return TAG_OS_DISTROLESS;
  if (images_starts(tok, "azurelinux") || strcmp(tok, "cbl") == 0 || images_starts(tok, "mariner") ||
      images_starts(tok, "centos") || images_starts(tok, "amazonlinux") ||
      images_starts(tok, "fedora") || images_starts(tok, "rockylinux") ||
      images_starts(tok, "almalinux") || images_starts(tok, "opensuse"))
    return TAG_OS_OTHER;
  if (images_in(tok, debian_suites) || images_prefix_num(tok, "debian")) return TAG_OS_DEBIAN;
  if (images_in(tok, ubuntu_suites) || images_prefix_num(tok, "ubuntu")) return TAG_OS_UBUNTU;
  return TAG_OS_NONE;
}

/* --- Versions --- */

static int images_number(const char **p) {
  if (!isdigit((unsigned char)**p)) return -1;
  long v = 0;
  while (isdigit((unsigned char)**p)) {
    if (v < 100000) v = v * 10 + (**p - '0');
    (*p)++;
  }
  return (int)v;
}

void images_parse_version(const char *text, int *major, int *minor, int *patch) {
  const char *p = text;
  *major = images_number(&p);
  *minor = -1;
  *patch = -1;
  if (*major < 0 || *p != '.') return;
  p++;
  *minor = images_number(&p);
  if (*minor < 0 || *p != '.') return;
  p++;
  *patch = images_number(&p);
}

/* --- Tokens --- */

/* Splits `tag` (already lower-cased) into tokens.  A token holding a
 * variable keeps its literal prefix followed by a single '$', so that
 * `alpine${ALPINE}` still reads as Alpine and `php${PHP}` as wordpress's
 * php word; a variable with no literal prefix after the first token hides
 * a variant and makes the tag unknown. */
static bool images_tokenize(ImgTag *t, const char *tag, size_t len) {
  memset(t, 0, sizeof *t);
  t->major = t->minor = t->patch = -1;
  if (len == 0) {
    tag = "latest";
    len = strlen(tag);
  }
  if (len >= sizeof t->text) return false;
  memcpy(t->text, tag, len);
  t->text[len] = '\0';
  size_t start = 0;
  while (start <= len) {
    size_t end = images_find(t->text, start, len, '-');
    if (t->n == IMG_TOK_MAX || end == start) return false;
    t->text[end] = '\0';
    char *tok = t->text + start;
    char *dollar = strchr(tok, '$');
    if (dollar) {
      /* After `slim` the variable is the Debian suite of `slim-<suite>`
       * (python:${V}-slim-${DEBIAN}); anywhere else it could be a variant. */
      if (t->n > 0 && dollar == tok && strcmp(t->tok[t->n - 1], "slim") != 0) return false;
      dollar[0] = '$';
      dollar[1] = '\0';
      t->tok_var[t->n] = true;
    }
    t->tok[t->n++] = tok;
    start = end + 1;
  }
  return true;
}

static bool images_read_tag(ImgTag *t, const char *tag, size_t len) {
  if (!images_tokenize(t, tag, len)) return false;
  bool alpine = false, ubi = false, oracle = false, distroless = false, other = false;
  bool debian = false, ubuntu = false;
  for (size_t i = 0; i < t->n; i++) {
    const char *tok = t->tok[i];
    if (images_windows_token(tok)) return false;
    if (strcmp(tok, "slim") == 0) t->slim = true;
    switch (images_token_os(tok)) {
    case TAG_OS_ALPINE: alpine = true; break;
    case TAG_OS_UBI: ubi = true; break;
    case TAG_OS_ORACLE: oracle = true; break;
    case TAG_OS_DISTROLESS: distroless = true; break;
    case TAG_OS_OTHER: other = true; break;
    case TAG_OS_DEBIAN:
      debian = true;
      if (images_in(tok, debian_suites)) t->suite = tok;
      break;
    case TAG_OS_UBUNTU:
      ubuntu = true;
      if (images_in(tok, ubuntu_suites)) t->suite = tok;
      break;
    case TAG_OS_NONE: break;
    }
  }
  /* §4.2 checks the tokens in this order, so `alpine-slim` is Alpine and
   * `noble-chiseled` is distroless. */
  t->os = alpine       ? TAG_OS_ALPINE
          : ubi        ? TAG_OS_UBI
          : oracle     ? TAG_OS_ORACLE
          : distroless ? TAG_OS_DISTROLESS
          : other      ? TAG_OS_OTHER
          : (t->slim || debian) ? TAG_OS_DEBIAN
          : ubuntu     ? TAG_OS_UBUNTU
                       : TAG_OS_NONE;
  if (t->tok_var[0]) {
    t->ver = TAG_VER_VAR;
  } else if (isdigit((unsigned char)t->tok[0][0])) {
    t->ver = TAG_VER_KNOWN;
    images_parse_version(t->tok[0], &t->major, &t->minor, &t->patch);
  }
  return true;
}

bool images_word_in(const char *tok, const char *const *words) {
  for (size_t i = 0; words && words[i]; i++) {
    size_t wl = strlen(words[i]);
    if (wl > 0 && words[i][wl - 1] == '#') {
      if (strncmp(tok, words[i], wl - 1) == 0 && tok[wl - 1] != '\0' &&
          images_numeric_tail(tok + wl - 1))
        return true;
    } else if (strcmp(tok, words[i]) == 0) {
      return true;
    }
  }
  return false;
}

bool images_tag_has(const ImgTag *t, const char *word) {
  for (size_t i = 0; i < t->n; i++)
    if (strcmp(t->tok[i], word) == 0) return true;
  return false;
}

bool images_tag_only(const ImgTag *t, const char *const *words) {
  for (size_t i = 0; i < t->n; i++) {
    const char *tok = t->tok[i];
    if (i == 0 && t->ver != TAG_VER_NONE) continue;
    if (isdigit((unsigned char)tok[0]) && !t->tok_var[i]) continue; /* `alpine-3.22`, dated suites */
    if (strcmp(tok, "$") == 0) continue; /* the suite after `slim`, see images_tokenize */
    if (strcmp(tok, "slim") == 0 || images_token_os(tok) != TAG_OS_NONE) continue;
    if (strcmp(tok, "minimal") == 0 && t->os == TAG_OS_UBI) continue;
    if (!images_word_in(tok, words)) return false;
  }
  return true;
}

/* --- Repository --- */

/* Removes the Docker Hub spellings of an official image (§4.1 point 2):
 * the registry names, then `library/`; and the two public mirrors.  A
 * name that still has a namespace is left for the caller to match. */
static void images_normalise_repo(char *repo) {
  static const char *const hubs[] = {"docker.io/", "index.docker.io/", "registry-1.docker.io/", NULL};
  static const char *const mirrors[] = {"public.ecr.aws/docker/library/", "mirror.gcr.io/library/",
                                        NULL};
  for (size_t i = 0; hubs[i]; i++) {
    if (images_starts(repo, hubs[i])) {
      memmove(repo, repo + strlen(hubs[i]), strlen(repo) - strlen(hubs[i]) + 1);
      break;
    }
  }
  for (size_t i = 0; mirrors[i]; i++) {
    if (images_starts(repo, mirrors[i])) {
      memmove(repo, repo + strlen(mirrors[i]), strlen(repo) - strlen(mirrors[i]) + 1);
      return;
    }
  }
  /* mirror.gcr.io also serves the official images without `library/`
   * (`mirror.gcr.io/busybox`), but only for a name with no namespace. */
  if (images_starts(repo, "mirror.gcr.io/") && !strchr(repo + strlen("mirror.gcr.io/"), '/')) {
    memmove(repo, repo + strlen("mirror.gcr.io/"), strlen(repo) - strlen("mirror.gcr.io/") + 1);
    return;
  }
  if (images_starts(repo, "library/") && !strchr(repo + strlen("library/"), '/'))
    memmove(repo, repo + strlen("library/"), strlen(repo) - strlen("library/") + 1);
}

bool images_parse_ref(const char *reference, ImgRef *out) {
  if (!reference) return false;
  while (isspace((unsigned char)*reference)) reference++;
  size_t len = strlen(reference);
  while (len > 0 && isspace((unsigned char)reference[len - 1])) len--;
  if (len == 0 || len >= IMG_REF_MAX) return false;
  /* BuildKit reads the FROM word with shell quoting, so quotes are not
   * part of the name (`alpine:"${ALPINE_TAG}"`). */
  char buf[IMG_REF_MAX];
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (reference[i] != '"' && reference[i] != '\'') buf[n++] = reference[i];
  buf[n] = '\0';
  len = n;
  if (len == 0) return false;
  /* A digest pins the content; only a tag beside it still tells the
   * variant (§4.1 point 1). */
  size_t at = images_find(buf, 0, len, '@');
  bool digest = at < len;
  len = at;
  buf[len] = '\0';
  size_t slash = images_find_last(buf, len, '/');
  size_t colon = images_find(buf, slash < len ? slash + 1 : 0, len, ':');
  if (colon == len && digest) return false;
  if (colon < len && colon + 1 == len) return false;
  if (colon == 0) return false;
  memcpy(out->repo, buf, colon);
  out->repo[colon] = '\0';
  /* Docker refuses an upper-case repository name, so no image has one;
   * tags may have capitals (`8.6.0RC1`) and are compared lower-cased. */
  for (const char *p = out->repo; *p; p++)
    if (*p == '$' || isupper((unsigned char)*p)) return false;
  for (size_t i = colon; i < len; i++) buf[i] = (char)tolower((unsigned char)buf[i]);
  images_normalise_repo(out->repo);
  size_t tag_len = colon < len ? len - colon - 1 : 0;
  return images_read_tag(&out->tag, colon < len ? buf + colon + 1 : "", tag_len);
}
