/* Inline suppressions.  Comments are found by scanning lines (they are
 * comments in both Dockerfiles and YAML, so one scanner serves both), and
 * the region a `dockls-ignore` covers is the construct that starts on the
 * next line that is neither blank nor a comment: the instruction (with
 * its continuation lines) in a Dockerfile, the key with everything
 * indented below it in YAML.  The other tools' pragmas (hadolint, dclint,
 * BuildKit's `check` directive) are read here too, by the parsers of
 * suppress_peers.c, and become suppressions of the same shape. */
#include "suppress.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "dockls/analysis/peers.h"
#include "dockls/model/dockerfile.h"
#include "dockls/workspace/config.h"

typedef struct {
  bool all;                      /* no ids given: every rule */
  bool rules[RULE__COUNT];
  size_t start, end;             /* region; the whole file for -file */
} Suppression;
typedef Array(Suppression) SuppressionArray;

/* Reads a comma- or space-separated list of rule ids from [p, end) into s;
 * returns whether any was named. */
static bool suppress_read_ids(const char *p, const char *end, Suppression *s) {
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
    if (rule_from_id(id, &r)) s->rules[r] = true;
    any = true; /* an unknown id still counts as "some ids given" */
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

static bool suppress_starts(const char *p, const char *end, const char *word) {
  size_t n = strlen(word);
  return (size_t)(end - p) >= n && memcmp(p, word, n) == 0;
}

/* Whether some comment may hold a suppression: a `#`, blanks, then a
 * pragma's first word.  Most files suppress nothing, and one memchr pass
 * over the `#`s decides that before the line-by-line scan. */
static bool suppress_any_pragma(const TextDoc *t, bool compose) {
  const char *p = t->bytes, *end = t->bytes + t->len;
  while ((p = memchr(p, '#', (size_t)(end - p))) != NULL) {
    p++;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (suppress_starts(p, end, "dockls-ignore") || suppress_starts(p, end, "hadolint") ||
        (compose && suppress_starts(p, end, "dclint")))
      return true;
  }
  return false;
}

/* The file-wide suppression of BuildKit's `# check=skip=…` directive, and
 * in *raise the checks that `error=true` turns into build failures. */
static void suppress_check_directive(Workspace *ws, FileId file, SuppressionArray *sups, bool raise[RULE__COUNT]) {
  const DockerfileModel *m = ws_dockerfile(ws, file);
  for (size_t i = 0; m && i < m->directives.len; i++) {
    const DfDirective *d = &m->directives.items[i];
    if (!d->name.text || strcasecmp(d->name.text, "check") != 0) continue;
    Suppression s;
    memset(&s, 0, sizeof s);
    bool error = false;
    if (d->value.text && suppress__check_directive(d->value.text, strlen(d->value.text), s.rules, &error)) {
      s.end = ws_text(ws, file)->len;
      array_push(sups, s);
      if (error) peer_mark_tool(PEER_BUILDKIT, raise);
    }
    /* Only the first counts, as BuildKit's linter reads it; a second one
     * fails the build anyway (escape-directive-invalid reports it). */
    return;
  }
}

/* A `# dclint disable-line` after the value on a compose line: dclint
 * reads it anywhere a YAML comment may start (`#` after a blank). */
static bool suppress_dclint_trailing(const char *p, const char *e, Suppression *s) {
  for (const char *h = p + 1; h < e; h++) {
    if (*h != '#' || (h[-1] != ' ' && h[-1] != '\t')) continue;
    const char *c = h + 1;
    while (c < e && (*c == ' ' || *c == '\t')) c++;
    if (suppress__dclint(c, e, s->rules) == DCLINT_LINE) return true;
    memset(s->rules, 0, sizeof s->rules);
  }
  return false;
}

/* Whether `# hadolint` pragmas count for the file: not when the
 * .hadolint.yaml that configures it says `disable-ignore-pragma: true`.
 * Looked up once per analysis (in *cache, -1 before), and only for files
 * that hold such a pragma, since finding the configuration reads folders. */
static bool suppress_hadolint_pragmas(Workspace *ws, FileId file, int *cache) {
  if (*cache < 0) {
    const Config *cfg = ws_config(ws, file);
    *cache = !(cfg && cfg->hadolint && cfg->hadolint_no_pragmas);
  }
  return *cache;
}

void suppress_apply(Workspace *ws, FileId file, DiagList *list, size_t first) {
  const TextDoc *t = ws_text(ws, file);
  if (first == list->len) return;
  SuppressionArray sups;
  array_init(&sups);
  bool raise[RULE__COUNT] = {false};
  bool compose = ws_kind(ws, file) == DOC_KIND_COMPOSE;
  if (ws_kind(ws, file) == DOC_KIND_DOCKERFILE) suppress_check_directive(ws, file, &sups, raise);
  bool scan = suppress_any_pragma(t, compose);
  size_t pending_start = 0;
  bool pending = false, first_line = true;
  int pragmas = -1; /* whether hadolint pragmas count here: not asked yet */
  Suppression current;
  for (size_t at = 0; scan && at < t->len;) {
    size_t end, next = suppress_line(t, at, &end);
    size_t ind = suppress_indent(t, at, end);
    const char *p = t->bytes + at + ind, *e = t->bytes + end;
    bool blank = p == e, comment = !blank && *p == '#';
    /* dclint reads file-wide comments on the first line that is neither
     * blank nor a `---` document start. */
    bool document_start = e - p >= 3 && memcmp(p, "---", 3) == 0 && at + ind + 3 + suppress_indent(t, at + ind + 3, end) == end;
    bool leading = first_line && !blank && !document_start;
    if (leading) first_line = false;
    memset(&current, 0, sizeof current);
    if (comment) {
      const char *c = p + 1;
      while (c < e && (*c == ' ' || *c == '\t')) c++;
      size_t rest = (size_t)(e - c);
      bool global = false;
      SuppressDclint kind = DCLINT_NONE;
      if (rest >= 18 && strncmp(c, "dockls-ignore-file", 18) == 0 && (rest == 18 || isspace((unsigned char)c[18]))) {
        current.all = !suppress_read_ids(c + 18, e, &current);
        current.start = 0;
        current.end = t->len;
        array_push(&sups, current);
      } else if (rest >= 13 && strncmp(c, "dockls-ignore", 13) == 0 && (rest == 13 || isspace((unsigned char)c[13]))) {
        current.all = !suppress_read_ids(c + 13, e, &current);
        if (!pending) pending_start = sups.len;
        pending = true;
        array_push(&sups, current);
      } else if (suppress__hadolint(c, e, &global, current.rules) && suppress_hadolint_pragmas(ws, file, &pragmas)) {
        if (global) {
          current.end = t->len;
        } else {
          if (!pending) pending_start = sups.len;
          pending = true;
        }
        array_push(&sups, current);
      } else if (compose && (kind = suppress__dclint(c, e, current.rules)) != DCLINT_NONE) {
        /* disable-line covers the line after the comment, whatever it
         * holds; the file-wide kinds count on the leading line only. */
        if (kind == DCLINT_LINE) {
          current.start = next;
          suppress_line(t, next, &current.end);
          array_push(&sups, current);
        } else if (leading) {
          current.end = t->len;
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
    if (compose && !blank && !comment && suppress_dclint_trailing(p, e, &current)) {
      current.start = at;
      current.end = end;
      array_push(&sups, current);
    }
    at = next;
  }
  /* With no suppression and no check raised to an error every finding
   * stays as it is, and a publish's thousands are not looked at. */
  bool raised = false;
  for (size_t r = 0; r < RULE__COUNT && !raised; r++) raised = raise[r];
  if (!sups.len && !raised) {
    array_delete(&sups);
    return;
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
      if (d->file == file && raise[d->rule]) d->severity = SEV_ERROR;
      list->items[keep++] = *d;
    }
  }
  list->len = keep;
  array_delete(&sups);
}
