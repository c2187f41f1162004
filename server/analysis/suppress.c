/* Inline suppressions.  Comments are found by scanning lines (they are
 * comments in both Dockerfiles and YAML, so one scanner serves both), and
 * the region a `dockls-ignore` covers is the construct that starts on the
 * next line that is neither blank nor a comment: the instruction (with
 * its continuation lines) in a Dockerfile, the key with everything
 * indented below it in YAML. */
#include "suppress.h"

#include <ctype.h>
#include <string.h>

#include "dockls/model/dockerfile.h"

typedef struct {
  bool all;                      /* no ids given: every rule */
  bool rules[RULE__COUNT];
  size_t start, end;             /* region; the whole file for -file */
} Suppression;

static const struct {
  const char *code;
  RuleId rule;
} hadolint_map[] = {
    {"DL3006", RULE_IMAGE_UNPINNED},  {"DL3007", RULE_IMAGE_UNPINNED},
    {"DL3009", RULE_APT_GET_LISTS},   {"DL3014", RULE_APT_GET_NO_YES},
    {"DL3019", RULE_APK_NO_CACHE},    {"DL3025", RULE_SHELL_FORM_CMD},
    /* Section F, part 2 (rules-parity 1.5). */
    {"DL3011", RULE_EXPOSE_INVALID},      {"DL3022", RULE_COPY_FROM_UNKNOWN_STAGE},
    {"DL3023", RULE_COPY_FROM_INVALID},   {"DL3024", RULE_STAGE_NAME_DUPLICATE},
    {"DL3063", RULE_STAGE_NAME_RESERVED}, {"DL3012", RULE_MULTIPLE_INSTRUCTIONS},
    {"DL4003", RULE_MULTIPLE_INSTRUCTIONS}, {"DL4004", RULE_MULTIPLE_INSTRUCTIONS},
    {"DL3061", RULE_FIRST_INSTRUCTION_NOT_FROM}, {"DL3043", RULE_ONBUILD_TRIGGER_INVALID},
    /* Section F, exec-form-invalid-json … copy-ignored-file. */
    {"DL3021", RULE_COPY_DEST_NOT_DIR},  {"DL3044", RULE_ENV_SAME_STATEMENT_REF},
    /* Section G. */
    {"DL4000", RULE_MAINTAINER_DEPRECATED}, {"DL3065", RULE_REDUNDANT_TARGET_PLATFORM},
    /* Section G, part 3. */
    {"DL3029", RULE_FROM_PLATFORM_CONSTANT},
    {"DL3064", RULE_SECRET_ARG_ENV_NAME},   {"DL3064", RULE_SECRET_IN_IMAGE},
    /* Section G, part 2. */
    {"DL3020", RULE_ADD_INSTEAD_OF_COPY}, {"DL3004", RULE_RUN_SUDO},
    {"DL3003", RULE_RUN_CD},            {"DL3046", RULE_USERADD_NO_LOG_INIT},
    {"DL3066", RULE_USER_NON_NUMERIC},    {"DL3000", RULE_WORKDIR_RELATIVE},
    {"DL3045", RULE_COPY_RELATIVE_DEST},  {"DL4006", RULE_RUN_PIPEFAIL},
    /* Section G, package managers (rpm-install-no-yes …). */
    {"DL3030", RULE_RPM_INSTALL_NO_YES}, {"DL3034", RULE_RPM_INSTALL_NO_YES}, {"DL3038", RULE_RPM_INSTALL_NO_YES},
    {"DL3027", RULE_APT_NOT_APT_GET}, {"DL3015", RULE_APT_GET_NO_RECOMMENDS},
    {"DL3042", RULE_PIP_NO_CACHE_DIR},
    {"DL3032", RULE_PACKAGE_CACHE_NOT_CLEANED}, {"DL3036", RULE_PACKAGE_CACHE_NOT_CLEANED},
    {"DL3040", RULE_PACKAGE_CACHE_NOT_CLEANED}, {"DL3060", RULE_PACKAGE_CACHE_NOT_CLEANED},
    {"DL3008", RULE_OS_PACKAGE_UNPINNED}, {"DL3018", RULE_OS_PACKAGE_UNPINNED}, {"DL3033", RULE_OS_PACKAGE_UNPINNED},
    {"DL3037", RULE_OS_PACKAGE_UNPINNED}, {"DL3041", RULE_OS_PACKAGE_UNPINNED},
    {"DL3013", RULE_LANG_PACKAGE_UNPINNED}, {"DL3016", RULE_LANG_PACKAGE_UNPINNED},
    {"DL3028", RULE_LANG_PACKAGE_UNPINNED}, {"DL3062", RULE_LANG_PACKAGE_UNPINNED},
};

enum { HADOLINT_MAP_LEN = sizeof hadolint_map / sizeof *hadolint_map };

/* Whether row i of the map is for hadolint code[0, len). */
static bool suppress_hadolint_row(size_t i, const char *code, size_t len) {
  return strlen(hadolint_map[i].code) == len && strncmp(hadolint_map[i].code, code, len) == 0;
}

bool suppress_hadolint_maps(const char *code, size_t len, RuleId rule) {
  for (size_t i = 0; i < HADOLINT_MAP_LEN; i++)
    if (hadolint_map[i].rule == rule && suppress_hadolint_row(i, code, len)) return true;
  return false;
}

/* Marks in s every rule hadolint code[0, len) maps to (DL3064 names two);
 * false when it maps to none. */
static bool suppress_hadolint_mark(const char *code, size_t len, Suppression *s) {
  bool any = false;
  for (size_t i = 0; i < HADOLINT_MAP_LEN; i++)
    if (suppress_hadolint_row(i, code, len)) {
      s->rules[hadolint_map[i].rule] = true;
      any = true;
    }
  return any;
}

/* Reads a comma- or space-separated list of rule ids (or hadolint codes)
 * from [p, end) into s; returns whether any was named. */
static bool suppress_read_ids(const char *p, const char *end, bool hadolint, Suppression *s) {
  bool any = false;
  while (p < end) {
    while (p < end && (*p == ',' || *p == ' ' || *p == '\t')) p++;
    const char *w = p;
    while (p < end && *p != ',' && *p != ' ' && *p != '\t') p++;
    if (p == w) break;
    RuleId r;
    char id[64];
    size_t n = (size_t)(p - w) < sizeof id - 1 ? (size_t)(p - w) : sizeof id - 1;
    memcpy(id, w, n);
    id[n] = '\0';
    if (hadolint) {
      any |= suppress_hadolint_mark(id, n, s);
    } else if (rule_from_id(id, &r)) {
      s->rules[r] = true;
      any = true;
    } else {
      any = true; /* an unknown id still counts as "some ids given" */
    }
  }
  return any;
}

/* Line [start, end) without its line break; returns the next line start. */
static size_t suppress_line(const TextDoc *t, size_t at, size_t *end) {
  size_t e = at;
  while (e < t->len && t->bytes[e] != '\n' && t->bytes[e] != '\r') e++;
  *end = e;
  if (e < t->len && t->bytes[e] == '\r') e++;
  if (e < t->len && t->bytes[e] == '\n') e++;
  return e;
}

static size_t suppress_indent(const TextDoc *t, size_t at, size_t end) {
  size_t i = at;
  while (i < end && (t->bytes[i] == ' ' || t->bytes[i] == '\t')) i++;
  return i - at;
}

/* The region a line-level suppression before `next` covers. */
static void suppress_region(Workspace *ws, FileId file, size_t next, size_t *start, size_t *end) {
  const TextDoc *t = ws_text(ws, file);
  *start = next;
  *end = next;
  if (ws_kind(ws, file) == DOC_KIND_DOCKERFILE) {
    const DockerfileModel *m = ws_dockerfile(ws, file);
    for (size_t i = 0; m && i < m->instrs.len; i++)
      if (m->instrs.items[i].start <= next + suppress_indent(t, next, t->len) &&
          next < m->instrs.items[i].end) {
        *end = m->instrs.items[i].end;
        return;
      }
    size_t e;
    suppress_line(t, next, &e);
    *end = e;
    return;
  }
  /* YAML: the key's line and every following line indented deeper (blank
   * and comment lines do not end the block). */
  size_t line_end, at = suppress_line(t, next, &line_end);
  size_t base = suppress_indent(t, next, line_end);
  *end = line_end;
  while (at < t->len) {
    size_t e, following = suppress_line(t, at, &e);
    size_t ind = suppress_indent(t, at, e);
    bool blank = at + ind == e, comment = !blank && t->bytes[at + ind] == '#';
    if (!blank && !comment) {
      /* A sequence item at the key's own indentation still belongs to it. */
      bool item = ind == base && t->bytes[at + ind] == '-';
      if (ind <= base && !item) break;
      *end = e;
    }
    at = following;
  }
}

static bool suppress_mentions(const TextDoc *t, const char *word) {
  size_t n = strlen(word);
  for (const char *p = t->bytes; (p = memchr(p, word[0], t->len - (size_t)(p - t->bytes))) != NULL; p++)
    if ((size_t)(t->bytes + t->len - p) >= n && memcmp(p, word, n) == 0) return true;
  return false;
}

void suppress_apply(Workspace *ws, FileId file, DiagList *list, size_t first) {
  const TextDoc *t = ws_text(ws, file);
  /* Most files suppress nothing: one memchr-driven pass decides that
   * before the line-by-line scan. */
  if (first == list->len || (!suppress_mentions(t, "dockls-ignore") && !suppress_mentions(t, "hadolint")))
    return;
  Array(Suppression) sups;
  array_init(&sups);
  size_t pending_start = 0;
  bool pending = false;
  Suppression current;
  for (size_t at = 0; at < t->len;) {
    size_t end, next = suppress_line(t, at, &end);
    size_t ind = suppress_indent(t, at, end);
    const char *p = t->bytes + at + ind, *e = t->bytes + end;
    bool blank = p == e, comment = !blank && *p == '#';
    if (comment) {
      const char *c = p + 1;
      while (c < e && (*c == ' ' || *c == '\t')) c++;
      size_t rest = (size_t)(e - c);
      memset(&current, 0, sizeof current);
      if (rest >= 18 && strncmp(c, "dockls-ignore-file", 18) == 0 && (rest == 18 || isspace((unsigned char)c[18]))) {
        current.all = !suppress_read_ids(c + 18, e, false, &current);
        current.start = 0;
        current.end = t->len;
        array_push(&sups, current);
      } else if (rest >= 13 && strncmp(c, "dockls-ignore", 13) == 0 && (rest == 13 || isspace((unsigned char)c[13]))) {
        current.all = !suppress_read_ids(c + 13, e, false, &current);
        if (!pending) pending_start = sups.len;
        pending = true;
        array_push(&sups, current);
      } else if (rest >= 16 && strncmp(c, "hadolint ignore=", 16) == 0) {
        if (suppress_read_ids(c + 16, e, true, &current)) {
          if (!pending) pending_start = sups.len;
          pending = true;
          array_push(&sups, current);
        }
      }
    } else if (!blank && pending) {
      /* The first construct after the comment(s): every pending
       * suppression since the last construct covers it. */
      for (size_t i = pending_start; i < sups.len; i++)
        if (sups.items[i].end == 0) suppress_region(ws, file, at, &sups.items[i].start, &sups.items[i].end);
      pending = false;
    }
    at = next;
  }
  size_t keep = first;
  for (size_t i = first; i < list->len; i++) {
    Diag *d = &list->items[i];
    bool drop = false;
    for (size_t k = 0; k < sups.len && !drop; k++) {
      const Suppression *s = &sups.items[k];
      if (d->file != file || s->end == 0 || d->start < s->start || d->start > s->end) continue;
      drop = s->all || s->rules[d->rule];
    }
    if (drop) {
      DiagList one = {d, 1, 1};
      diaglist_clear(&one);
    } else {
      list->items[keep++] = *d;
    }
  }
  list->len = keep;
  array_delete(&sups);
}
