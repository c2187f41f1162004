/* The "Ignore <rule>" code actions: edits that write the comments
 * suppress.c reads, so that a user can silence one diagnostic where it is
 * (`# dockls-ignore rule` above its instruction or YAML key) or in the
 * whole file (`# dockls-ignore-file rule`).  A comment of the same form
 * already in place gets the rule appended instead of a second comment. */
#include <ctype.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/compose.h"
#include "dockls/model/dockerfile.h"

#define NO_PLACE ((size_t)-1) /* no line for the comment */

static size_t line_start_of(const char *text, size_t at) {
  while (at > 0 && text[at - 1] != '\n') at--;
  return at;
}

/* The end of the line at `at`, before its "\r\n" or "\n". */
static size_t line_end_of(const TextDoc *t, size_t at) {
  while (at < t->len && t->bytes[at] != '\n') at++;
  if (at > 0 && at <= t->len && t->bytes[at - 1] == '\r') at--;
  return at;
}

/* The line break the file uses, so that an inserted line matches. */
static const char *line_break(const TextDoc *t) {
  const char *nl = memchr(t->bytes, '\n', t->len);
  return nl && nl > t->bytes && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Whether the line [start, end) is the comment `# <form> ids…` (with at
 * least one id, since a bare form already covers every rule). */
static bool is_ignore_comment(const char *text, size_t start, size_t end, const char *form) {
  while (start < end && (text[start] == ' ' || text[start] == '\t')) start++;
  if (start >= end || text[start] != '#') return false;
  start++;
  while (start < end && text[start] == ' ') start++;
  size_t n = strlen(form);
  if (end - start <= n + 1 || strncmp(text + start, form, n) != 0 || text[start + n] != ' ') return false;
  for (size_t p = start + n; p < end; p++)
    if (text[p] != ' ' && text[p] != '\t') return true;
  return false;
}

static void add_fix(FixArray *out, FileId file, const char *title, size_t at, const char *text) {
  Fix fix;
  memset(&fix, 0, sizeof fix);
  fix.title = xstrdup(title);
  fix_add_edit(&fix, file, at, at, text);
  array_push(out, fix);
}

/* `,rule` at the end of an ignore comment that names other rules. */
static void append_rule(FixArray *out, FileId file, const char *title, size_t at, const char *rule) {
  StrBuf text = STRBUF_INIT;
  strbuf_appendf(&text, ",%s", rule);
  add_fix(out, file, title, at, strbuf_cstr(&text));
  strbuf_destroy(&text);
}

/* The comment `# <form> rule` above the line at `line` (indented as that
 * line is), or the rule appended to such a comment right above it. */
static void ignore_above(const TextDoc *t, FileId file, size_t line, const char *form, const char *rule,
                         const char *title, FixArray *out) {
  StrBuf text = STRBUF_INIT;
  if (line > 0) {
    size_t above = line_start_of(t->bytes, line - 1), above_end = line_end_of(t, above);
    if (is_ignore_comment(t->bytes, above, above_end, form)) {
      append_rule(out, file, title, above_end, rule);
      return;
    }
  }
  size_t indent = line;
  while (indent < t->len && (t->bytes[indent] == ' ' || t->bytes[indent] == '\t')) indent++;
  strbuf_append_n(&text, t->bytes + line, indent - line);
  strbuf_appendf(&text, "# %s %s%s", form, rule, line_break(t));
  add_fix(out, file, title, line, strbuf_cstr(&text));
  strbuf_destroy(&text);
}

/* The start of the line of the innermost YAML key or sequence item that
 * holds `offset`: the construct a `dockls-ignore` above it covers.  Block
 * scalars are not entered, so a comment never lands inside one. */
static size_t compose_place(const ComposeNode *n, size_t offset, size_t best, int depth) {
  if (!n || depth > 64) return best;
  if (n->kind == COMPOSE_NODE_MAP) {
    for (size_t i = 0; i < n->npairs; i++) {
      const ComposePair *p = &n->pairs[i];
      if (!p->merged && offset >= p->pair_start && offset <= p->pair_end)
        return compose_place(p->value, offset, p->key_start, depth + 1);
    }
  } else if (n->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < n->nitems; i++)
      if (offset >= n->items[i]->start && offset <= n->items[i]->end)
        return compose_place(n->items[i], offset, n->items[i]->start, depth + 1);
  }
  return best;
}

/* Where a line-level comment for the diagnostic goes: the start of the
 * line of its instruction or YAML key; NO_PLACE when it has none. */
static size_t local_place(Workspace *ws, const Diag *d) {
  const TextDoc *t = ws_text(ws, d->file);
  if (ws_kind(ws, d->file) == DOC_KIND_DOCKERFILE) {
    const DockerfileModel *m = ws_dockerfile(ws, d->file);
    for (size_t i = 0; m && i < m->instrs.len; i++)
      if (m->instrs.items[i].start <= d->start && d->start <= m->instrs.items[i].end)
        return line_start_of(t->bytes, m->instrs.items[i].start);
    return NO_PLACE;
  }
  const ComposeModel *m = ws_compose(ws, d->file);
  size_t at = m && m->root ? compose_place(m->root, d->start, NO_PLACE, 0) : NO_PLACE;
  return at == NO_PLACE ? NO_PLACE : line_start_of(t->bytes, at);
}

/* Whether the line [start, end) is a parser directive (`# key=value`). */
static bool is_directive(const char *text, size_t start, size_t end) {
  size_t p = start;
  if (p >= end || text[p] != '#') return false;
  for (p++; p < end && text[p] == ' '; p++) {}
  size_t word = p;
  while (p < end && isalpha((unsigned char)text[p])) p++;
  if (p == word) return false;
  while (p < end && text[p] == ' ') p++;
  return p < end && text[p] == '=';
}

/* Where `# dockls-ignore-file` goes: after a Dockerfile's parser
 * directives (a comment before them would turn them into plain comments),
 * else at the top; or the rule appended to such a comment already in the
 * file. */
static void ignore_in_file(Workspace *ws, const Diag *d, const char *rule, const char *title, FixArray *out) {
  const TextDoc *t = ws_text(ws, d->file);
  bool in_directives = ws_kind(ws, d->file) == DOC_KIND_DOCKERFILE;
  size_t insert = NO_PLACE;
  for (size_t line = 0, next; line < t->len; line = next) {
    size_t end = line_end_of(t, line);
    next = end < t->len ? end + (t->bytes[end] == '\r' ? 2 : 1) : t->len;
    if (is_ignore_comment(t->bytes, line, end, "dockls-ignore-file")) {
      append_rule(out, d->file, title, end, rule);
      return;
    }
    if (in_directives && is_directive(t->bytes, line, end)) continue;
    in_directives = false;
    if (insert == NO_PLACE) insert = line;
  }
  StrBuf text = STRBUF_INIT;
  if (insert == NO_PLACE) {
    /* Nothing but directives: the comment goes at the end, on a line of its own. */
    insert = t->len;
    if (t->len && t->bytes[t->len - 1] != '\n') strbuf_append(&text, line_break(t));
  }
  strbuf_appendf(&text, "# dockls-ignore-file %s%s", rule, line_break(t));
  add_fix(out, d->file, title, insert, strbuf_cstr(&text));
  strbuf_destroy(&text);
}

void analysis_ignore_fixes(Workspace *ws, const Diag *d, FixArray *out) {
  DocKind kind = ws_kind(ws, d->file);
  /* A comment cannot make a file that does not parse acceptable to
   * Docker, so syntax errors get no ignore action. */
  if ((kind != DOC_KIND_DOCKERFILE && kind != DOC_KIND_COMPOSE) || d->rule == RULE_SYNTAX_ERROR) return;
  const char *rule = rule_info(d->rule)->id;
  StrBuf title = STRBUF_INIT;
  size_t place = local_place(ws, d);
  if (place != NO_PLACE) {
    strbuf_appendf(&title, "Ignore %s for this %s", rule, kind == DOC_KIND_DOCKERFILE ? "instruction" : "key");
    ignore_above(ws_text(ws, d->file), d->file, place, "dockls-ignore", rule, strbuf_cstr(&title), out);
    strbuf_clear(&title);
  }
  strbuf_appendf(&title, "Ignore %s for this file", rule);
  ignore_in_file(ws, d, rule, strbuf_cstr(&title), out);
  strbuf_destroy(&title);
}
