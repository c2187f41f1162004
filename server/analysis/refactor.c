/* The refactors of a Dockerfile instruction (code action kind
 * refactor.rewrite): shell form ↔ exec form for RUN, CMD, ENTRYPOINT and
 * HEALTHCHECK CMD, and an `a && b && c` RUN chain split one command per
 * continuation line.  Each is offered only where the rewritten
 * instruction provably runs the same words: the shell model says whether
 * a script is one command of literal words or a chain joined by `&&`
 * only, and everything it does not vouch for (variables, globs,
 * redirections, heredocs, comment lines inside the instruction, a syntax
 * error) means the refactor is not offered at all. */
#include <stdio.h>
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "editing_internal.h"

/* True when every byte of the instruction's command text that the
 * stitched script left out is part of a line continuation (the escape
 * character, a line break or a blank): a comment line inside the
 * instruction would be lost by a rewrite built from the script's words. */
static bool refactor_only_breaks_dropped(const char *doc, const ShellScript *sh, char escape) {
  size_t at = sh->start;
  for (size_t i = 0; i <= sh->map.len; i++) {
    size_t upto = i < sh->map.len ? sh->map.items[i].start : sh->end;
    for (size_t p = at; p < upto; p++)
      if (!doc[p] || (!strchr(" \t\r\n", doc[p]) && doc[p] != escape)) return false;
    if (i < sh->map.len && sh->map.items[i].start + sh->map.items[i].len > at)
      at = sh->map.items[i].start + sh->map.items[i].len;
  }
  return true;
}

/* A JSON string for a word, escaped as RFC 8259 asks. */
static void refactor_json_string(StrBuf *out, const char *value) {
  strbuf_append_char(out, '"');
  for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
    switch (*p) {
      case '"': strbuf_append(out, "\\\""); break;
      case '\\': strbuf_append(out, "\\\\"); break;
      case '\n': strbuf_append(out, "\\n"); break;
      case '\t': strbuf_append(out, "\\t"); break;
      case '\r': strbuf_append(out, "\\r"); break;
      default:
        if (*p < 0x20) strbuf_appendf(out, "\\u%04x", *p);
        else strbuf_append_char(out, (char)*p);
    }
  }
  strbuf_append_char(out, '"');
}

static void refactor_offer(FixArray *out, const char *title, FileId file, size_t start, size_t end,
                           const char *text) {
  Fix fix;
  memset(&fix, 0, sizeof fix);
  fix.title = xstrdup(title);
  fix_add_edit(&fix, file, start, end, text);
  array_push(out, fix);
}

/* Shell form → `["word", …]`: for a script that is one command of literal
 * words, whose exec form passes the same argv without a shell. */
static void refactor_to_exec(const char *doc, const DfInstr *in, char escape, FileId file, FixArray *out) {
  const ShellScript *sh = df_shell(in);
  if (!sh->plain || !refactor_only_breaks_dropped(doc, sh, escape)) return;
  const ShellCommand *cmd = &sh->commands.items[0];
  StrBuf b = STRBUF_INIT;
  strbuf_append_char(&b, '[');
  refactor_json_string(&b, cmd->name.value);
  for (size_t i = 0; i < cmd->args.len; i++) {
    strbuf_append(&b, ", ");
    refactor_json_string(&b, cmd->args.items[i].value);
  }
  strbuf_append_char(&b, ']');
  char title[64];
  snprintf(title, sizeof title, "Convert %s to exec form", dockerfile_kind_name(in->kind));
  refactor_offer(out, title, file, sh->start, sh->end, strbuf_cstr(&b));
  strbuf_destroy(&b);
}

/* Words the shell reads as part of its grammar when they come first. */
static bool refactor_reserved(const char *word) {
  static const char *const reserved[] = {"if", "then", "else", "elif", "fi", "do", "done", "case", "esac",
                                         "while", "until", "for", "in", "function", "select", "time"};
  for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
    if (strcmp(word, reserved[i]) == 0) return true;
  return false;
}

/* One exec-form word as a shell word that the shell reads back unchanged:
 * as it is when it is a literal word (for the command name, also neither
 * an assignment nor a reserved word), else in single quotes (which keep
 * everything literal) unless it holds a quote or a line break.  False
 * when neither works. */
static bool refactor_shell_word(StrBuf *out, const char *value, bool is_name) {
  bool bare = shell_word_is_literal(value) && !(is_name && (strchr(value, '=') || refactor_reserved(value)));
  if (bare) {
    strbuf_append(out, value);
    return true;
  }
  if (strpbrk(value, "'\n\r")) return false;
  strbuf_appendf(out, "'%s'", value);
  return true;
}

/* `["word", …]` → shell form, for arrays whose strings the model decoded
 * exactly (no escape beyond \" \\ \/) and whose words all survive
 * shell quoting. */
static void refactor_to_shell(const char *doc, const DfInstr *in, char escape, FileId file, FixArray *out) {
  const ShellScript *sh = df_shell(in);
  const ShellCommand *cmd = &sh->commands.items[0];
  if (cmd->name.value[0] == '\0') return;
  StrBuf b = STRBUF_INIT;
  bool ok = true;
  /* Between the strings only the array's punctuation may stand: anything
   * else (a number) is an element the model does not list as a word. */
  size_t at = sh->start;
  for (size_t i = 0; ok && i <= cmd->args.len + 1; i++) {
    const ShellWord *w = i == 0 ? &cmd->name : i <= cmd->args.len ? &cmd->args.items[i - 1] : NULL;
    size_t upto = w ? w->start : sh->end;
    for (size_t p = at; ok && p < upto; p++) ok = doc[p] && (strchr("[], \t\r\n", doc[p]) || doc[p] == escape);
    if (w) at = w->end;
  }
  for (size_t i = 0; ok && i <= cmd->args.len; i++) {
    const ShellWord *w = i == 0 ? &cmd->name : &cmd->args.items[i - 1];
    for (size_t p = w->start; ok && p + 1 < w->end; p++)
      if (doc[p] == '\\') ok = strchr("\"\\/", doc[++p]) != NULL;
    if (i) strbuf_append_char(&b, ' ');
    ok = ok && refactor_shell_word(&b, w->value, i == 0);
  }
  if (ok) {
    char title[64];
    snprintf(title, sizeof title, "Convert %s to shell form", dockerfile_kind_name(in->kind));
    refactor_offer(out, title, file, sh->start, sh->end, strbuf_cstr(&b));
  }
  strbuf_destroy(&b);
}

/* The document's line break, judged by the first line of the
 * instruction. */
static const char *refactor_line_break(const TextDoc *text, size_t from) {
  const char *nl = memchr(text->bytes + from, '\n', text->len - from);
  return nl && nl > text->bytes && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* `RUN a && b && c` → one command per line, each continuation line
 * indented as the formatter indents it and starting with `&&`.  Between
 * two commands only the operator, blanks and continuations may stand (a
 * comment line there would be lost); the commands themselves are kept
 * byte for byte.  Not offered when the chain is already written so. */
static void refactor_split_chain(const TextDoc *text, const DfInstr *in, char escape, FileId file,
                                 FixArray *out) {
  const ShellScript *sh = df_shell(in);
  const char *doc = text->bytes;
  StrBuf sep = STRBUF_INIT;
  strbuf_appendf(&sep, " %c%s" EDITING_INDENT "&& ", escape, refactor_line_break(text, in->start));
  Fix fix;
  memset(&fix, 0, sizeof fix);
  bool ok = true, changes = false;
  for (size_t i = 1; ok && i < sh->chain.len; i++) {
    size_t from = sh->chain.items[i - 1].end, to = sh->chain.items[i].start;
    size_t ops = 0;
    for (size_t p = from; ok && p < to; p++) {
      if (doc[p] == '&' && p + 1 < to && doc[p + 1] == '&') ops++, p++;
      else ok = doc[p] && (strchr(" \t\r\n", doc[p]) || doc[p] == escape);
    }
    ok = ok && ops == 1;
    if (ok && (to - from != sep.len || memcmp(doc + from, sep.data, sep.len) != 0)) {
      fix_add_edit(&fix, file, from, to, strbuf_cstr(&sep));
      changes = true;
    }
  }
  if (ok && changes) {
    fix.title = xstrdup("Split the && chain: one command per line");
    array_push(out, fix);
  } else {
    for (size_t i = 0; i < fix.edits.len; i++) xfree(fix.edits.items[i].text);
    array_delete(&fix.edits);
  }
  strbuf_destroy(&sep);
}

/* CMD and ENTRYPOINT together make the container's argv, and the form of
 * each decides how: a shell-form ENTRYPOINT drops CMD (and the arguments
 * of `docker run`), and a CMD under an ENTRYPOINT is its arguments, so
 * `/bin/sh -c …` or the words themselves.  A conversion is offered only
 * where the stage's start command stays the same: never ENTRYPOINT to
 * shell form; ENTRYPOINT to exec form only in a stage with no CMD (an
 * ENTRYPOINT resets the CMD of the image it builds on, so only the
 * stage's own counts); CMD only when no ENTRYPOINT is set in the stage
 * or the stages of this file it builds on.  An ENTRYPOINT of a base
 * image from a registry is not known and not judged. */
static bool refactor_keeps_start(const DockerfileModel *m, const DfInstr *in, bool to_shell) {
  if (in->stage < 0 || (size_t)in->stage >= m->stages.len) return in->kind != DF_CMD && in->kind != DF_ENTRYPOINT;
  const DfStage *stage = &m->stages.items[in->stage];
  if (in->kind == DF_ENTRYPOINT) return !to_shell && !dockerfile_last(m, stage, DF_CMD, false);
  if (in->kind == DF_CMD) return !dockerfile_last(m, stage, DF_ENTRYPOINT, true);
  return true;
}

/* Shell form needs /bin/sh in the image; exec form does not.  A stage
 * whose base image the table knows to have none (scratch, distroless)
 * gets no conversion to shell form. */
static bool refactor_stage_may_have_shell(const DockerfileModel *m, const DfInstr *in) {
  if (in->stage < 0 || (size_t)in->stage >= m->stages.len) return true;
  const DfStage *stage = &m->stages.items[in->stage];
  return !(stage->base_known && stage->base_facts.shell == IMG_NO);
}

static bool refactor_has_shell(DfKind kind) {
  return kind == DF_RUN || kind == DF_CMD || kind == DF_ENTRYPOINT || kind == DF_HEALTHCHECK;
}

void analysis_refactors(Workspace *ws, FileId id, size_t start, size_t end, FixArray *out) {
  if (ws_kind(ws, id) != DOC_KIND_DOCKERFILE) return;
  const Syntax *syntax = ws_syntax(ws, id);
  const DockerfileModel *m = ws_dockerfile(ws, id);
  if (!syntax || !m) return;
  const TextDoc *text = ws_text(ws, id);
  size_t k = 0;
  /* The top-level nodes from the range on; the model's instructions are
   * in the same order, so one index follows along. */
  SyntaxTopWalk walk;
  for (bool more = syntax_top_walk_from(&walk, syntax, start ? start - 1 : 0); more; more = syntax_top_walk_next(&walk)) {
    TSNode node = syntax_top_walk_node(&walk);
    size_t ns = ts_node_start_byte(node);
    if (ns > end) break;
    if (ts_node_end_byte(node) < start || ts_node_has_error(node)) continue;
    while (k < m->instrs.len && m->instrs.items[k].start < ns) k++;
    if (k == m->instrs.len) break;
    const DfInstr *in = &m->instrs.items[k];
    if (in->start != ns || !refactor_has_shell(in->kind) || !df_shell(in) || in->heredoc || !in->posix) continue;
    if (df_shell(in)->exec_form) {
      if (refactor_keeps_start(m, in, true) && refactor_stage_may_have_shell(m, in))
        refactor_to_shell(text->bytes, in, m->escape, id, out);
    } else if (!df_shell(in)->parse_error) {
      if (refactor_keeps_start(m, in, false)) refactor_to_exec(text->bytes, in, m->escape, id, out);
      if (in->kind == DF_RUN) refactor_split_chain(text, in, m->escape, id, out);
    }
  }
  syntax_top_walk_end(&walk);
}
