/* Builds DockerfileModel from the Dockerfile tree (see dockerfile.h).
 * Instructions are read with a tree cursor because field names are only
 * reliable that way in the tree-sitter 0.20 runtime.  Stages are formed
 * at each FROM; the base reference is resolved against the global ARGs
 * (those before the first FROM), which is what `FROM node:${NODE}-alpine`
 * sees.  Per-stage facts (packages, directories) are derived in
 * dockerfile_facts.c once all instructions are known. */
#include "dockls/model/dockerfile.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dockls/base/strbuf.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "model_internal.h"

/* What one dockerfile_model_build call carries to every instruction. */
typedef struct {
  DockerfileModel *prev;  /* the model before the edit, or NULL */
  SyntaxParsers *parsers; /* parse the shell of RUN, CMD, ENTRYPOINT, ... */
} BuildState;

const char *dockerfile_kind_name(DfKind kind) {
  static const char *const names[] = {"FROM",  "RUN",  "CMD",        "ENTRYPOINT", "SHELL",
                                      "HEALTHCHECK", "LABEL", "ENV", "ARG", "MAINTAINER",
                                      "EXPOSE", "ADD", "COPY", "VOLUME", "USER", "WORKDIR",
                                      "STOPSIGNAL", "ONBUILD", "?"};
  return names[kind];
}

DfKind dockerfile_kind_of_keyword(const char *text, size_t len) {
  for (DfKind k = DF_FROM; k < DF_OTHER; k++) {
    const char *name = dockerfile_kind_name(k);
    if (strlen(name) == len && strncasecmp(text, name, len) == 0) return k;
  }
  return DF_OTHER;
}

/* Kinds by grammar symbol, filled on first use (grammars are static data,
 * as symbols.c says).  Every editing request asks this of each instruction
 * and of many of their children, and building the list of eighteen pairs
 * on each call showed in their profiles. */
enum { DF_KIND_TABLE_SIZE = 512 };

DfKind dockerfile_node_kind(TSNode node) {
  static unsigned char table[DF_KIND_TABLE_SIZE];
  static bool ready;
  if (!ready) {
    const DockerfileSymbols *y = dockerfile_symbols();
    const struct {
      TSSymbol symbol;
      DfKind kind;
    } kinds[] = {
        {y->from_instruction, DF_FROM},       {y->run_instruction, DF_RUN},
        {y->cmd_instruction, DF_CMD},         {y->entrypoint_instruction, DF_ENTRYPOINT},
        {y->shell_instruction, DF_SHELL},     {y->healthcheck_instruction, DF_HEALTHCHECK},
        {y->label_instruction, DF_LABEL},     {y->env_instruction, DF_ENV},
        {y->arg_instruction, DF_ARG},         {y->maintainer_instruction, DF_MAINTAINER},
        {y->expose_instruction, DF_EXPOSE},   {y->add_instruction, DF_ADD},
        {y->copy_instruction, DF_COPY},       {y->volume_instruction, DF_VOLUME},
        {y->user_instruction, DF_USER},       {y->workdir_instruction, DF_WORKDIR},
        {y->stopsignal_instruction, DF_STOPSIGNAL}, {y->onbuild_instruction, DF_ONBUILD},
    };
    memset(table, DF_OTHER, sizeof table);
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
      assert(kinds[i].symbol < DF_KIND_TABLE_SIZE && "the Dockerfile grammar outgrew the kind table");
      table[kinds[i].symbol] = (unsigned char)kinds[i].kind;
    }
    ready = true;
  }
  TSSymbol symbol = ts_node_symbol(node);
  return symbol < DF_KIND_TABLE_SIZE ? (DfKind)table[symbol] : DF_OTHER;
}

/* Text of a node with one level of matching quotes removed. */
static DfText dockerfile_text(TSNode node, const char *src) {
  DfText t = {NULL, ts_node_start_byte(node), ts_node_end_byte(node)};
  size_t s = t.start, e = t.end;
  if (e - s >= 2 && (src[s] == '"' || src[s] == '\'') && src[e - 1] == src[s]) s++, e--;
  t.text = xstrndup(src + s, e - s);
  return t;
}

static void dockerfile_json_paths(TSNode array, const char *src, DfTextArray *out) {
  uint32_t n = ts_node_named_child_count(array);
  for (uint32_t i = 0; i < n; i++) {
    TSNode s = ts_node_named_child(array, i);
    if (node_has(s, dockerfile_symbols()->json_string)) array_push(out, dockerfile_text(s, src));
  }
}

/* A pair's key or a flag's name (`name` true) and its value: the text of
 * the child named `field`; when the child is missing, an empty name at the
 * node's start or an absent value (NULL text) at its end, so that every
 * reader can take the range without checking. */
static DfText dockerfile_field(TSNode node, const char *field, bool name, const char *src) {
  TSNode child = ts_node_child_by_field_name(node, field, (uint32_t)strlen(field));
  if (!ts_node_is_null(child)) return dockerfile_text(child, src);
  size_t at = name ? ts_node_start_byte(node) : ts_node_end_byte(node);
  return (DfText){name ? xstrdup("") : NULL, at, at};
}

static void dockerfile_read_pair(TSNode pair, const char *src, DfInstr *in) {
  DfPair p = {.key = dockerfile_field(pair, "key", true, src), .value = dockerfile_field(pair, "value", false, src),
              .start = ts_node_start_byte(pair), .end = ts_node_end_byte(pair)};
  array_push(&in->pairs, p);
}

static void dockerfile_read_flag(TSNode flag, const char *src, DfInstr *in) {
  DfFlag f = {.name = dockerfile_field(flag, "name", true, src), .value = dockerfile_field(flag, "value", false, src),
              .start = ts_node_start_byte(flag), .end = ts_node_end_byte(flag)};
  array_push(&in->flags, f);
}

/* Reads one instruction node (ONBUILD's wrapped instruction is read as
 * its own kind but kept under DF_ONBUILD so rules do not mistake it for
 * a step of this image). */
static void dockerfile_shift_text(DfText *t, ptrdiff_t d) {
  t->start = (size_t)((ptrdiff_t)t->start + d);
  t->end = (size_t)((ptrdiff_t)t->end + d);
}

/* Moves every offset of an instruction by `d` bytes. */
static void dockerfile_shift(DfInstr *in, ptrdiff_t d) {
  if (d == 0) return;
  in->start = (size_t)((ptrdiff_t)in->start + d);
  in->end = (size_t)((ptrdiff_t)in->end + d);
  in->keyword_start = (size_t)((ptrdiff_t)in->keyword_start + d);
  in->keyword_end = (size_t)((ptrdiff_t)in->keyword_end + d);
  for (size_t i = 0; i < in->flags.len; i++) {
    DfFlag *f = &in->flags.items[i];
    f->start = (size_t)((ptrdiff_t)f->start + d);
    f->end = (size_t)((ptrdiff_t)f->end + d);
    dockerfile_shift_text(&f->name, d);
    dockerfile_shift_text(&f->value, d);
  }
  for (size_t i = 0; i < in->pairs.len; i++) {
    DfPair *p = &in->pairs.items[i];
    p->start = (size_t)((ptrdiff_t)p->start + d);
    p->end = (size_t)((ptrdiff_t)p->end + d);
    dockerfile_shift_text(&p->key, d);
    dockerfile_shift_text(&p->value, d);
  }
  for (size_t i = 0; i < in->paths.len; i++) dockerfile_shift_text(&in->paths.items[i], d);
  for (size_t i = 0; i < in->heredoc_bodies.len; i++) {
    DfRange *r = &in->heredoc_bodies.items[i];
    r->start = (size_t)((ptrdiff_t)r->start + d);
    r->end = (size_t)((ptrdiff_t)r->end + d);
  }
  if (in->shell) shell_script_shift(in->shell, d);
}

/* Takes from the previous model an instruction with the same kind, text
 * and shell situation found near the same index (an edit adds or removes
 * few instructions), moved to where it is now.  Everything an instruction
 * holds derives from its own text, so an unchanged one is reused whole:
 * on a keystroke only the edited instruction is read again. */
static bool dockerfile_reuse(BuildState *r, size_t index, TSNode node, const char *src, bool posix,
                             DfInstr *out) {
  if (!r->prev) return false;
  DfKind kind = dockerfile_node_kind(node);
  size_t start = ts_node_start_byte(node), n = ts_node_end_byte(node) - start;
  size_t from = index > 8 ? index - 8 : 0, to = index + 8;
  for (size_t k = from; k < r->prev->instrs.len && k < to; k++) {
    DfInstr *old = &r->prev->instrs.items[k];
    if (old->kind != kind || !old->source || old->posix != posix || strlen(old->source) != n ||
        memcmp(old->source, src + start, n) != 0)
      continue;
    *out = *old;
    memset(old, 0, sizeof *old); /* the previous model no longer owns it */
    old->kind = DF_OTHER;
    dockerfile_shift(out, (ptrdiff_t)start - (ptrdiff_t)out->start);
    return true;
  }
  return false;
}

static void dockerfile_read(DockerfileModel *m, TSNode node, const char *src, size_t len, int stage,
                            bool posix, BuildState *build) {
  const DockerfileSymbols *y = dockerfile_symbols();
  DfInstr in;
  memset(&in, 0, sizeof in);
  if (dockerfile_reuse(build, m->instrs.len, node, src, posix, &in)) {
    in.stage = stage;
    array_push(&m->instrs, in);
    return;
  }
  in.kind = dockerfile_node_kind(node);
  in.stage = stage;
  in.start = ts_node_start_byte(node);
  in.end = ts_node_end_byte(node);
  TSNode keyword = ts_node_child(node, 0);
  in.keyword_start = ts_node_start_byte(keyword);
  in.keyword_end = ts_node_end_byte(keyword);
  TSNode command = {{0}, NULL, NULL};
  bool has_command = false;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode c = ts_tree_cursor_current_node(&cursor);
      const char *field = ts_tree_cursor_current_field_name(&cursor);
      if (!ts_node_is_named(c)) {
        if (in.kind == DF_HEALTHCHECK && strcasecmp(ts_node_type(c), "NONE") == 0) in.healthcheck_none = true;
        continue;
      }
      if (node_has(c, y->flag)) dockerfile_read_flag(c, src, &in);
      else if (node_has(c, y->env_pair) || node_has(c, y->arg_pair) || node_has(c, y->label_pair))
        dockerfile_read_pair(c, src, &in);
      else if (node_has(c, y->heredoc_block)) {
        in.heredoc = true;
        DfRange body = {ts_node_start_byte(c), ts_node_end_byte(c)};
        array_push(&in.heredoc_bodies, body);
      } else if (node_has(c, y->heredoc_marker))
        in.heredoc = true;
      else if (field && strcmp(field, "command") == 0) {
        command = c;
        has_command = true;
        in.has_command = true;
        in.exec_form = node_has(c, y->json_string_array);
      } else if (field && strcmp(field, "paths") == 0) {
        dockerfile_json_paths(c, src, &in.paths);
      } else if (node_has(c, y->path) || node_has(c, y->expose_port) || node_has(c, y->user_name) ||
                 node_has(c, y->group_name) || node_has(c, y->image_spec)) {
        array_push(&in.paths, dockerfile_text(c, src));
      }
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  if (has_command && node_has(command, y->shell_command)) {
    uint32_t n = ts_node_named_child_count(command);
    for (uint32_t i = 0; i < n; i++) in.heredoc |= node_has(ts_node_named_child(command, i), y->heredoc_marker);
  }
  bool shell_kind = in.kind == DF_RUN || in.kind == DF_CMD || in.kind == DF_ENTRYPOINT ||
                    in.kind == DF_HEALTHCHECK || in.kind == DF_SHELL;
  /* Exec form runs no shell, so it is modelled whatever the stage's shell.
   * So is a HEALTHCHECK under cmd or PowerShell (`posix` stays false): the
   * health-check rules read only its command names and arguments (a URL,
   * the string after `powershell -Command`), which those shells split at
   * blanks and double quotes just as a POSIX shell does. */
  in.posix = posix;
  in.source = xstrndup(src + in.start, in.end - in.start);
  bool modelled = posix || in.exec_form || in.kind == DF_HEALTHCHECK;
  if (shell_kind && has_command && modelled) in.shell = shell_script_build(build->parsers, node, command, src, len);
  array_push(&m->instrs, in);
}

/* --- Variables --- */

/* Looks a variable up in the pairs of ENV/ARG instructions [first, last)
 * (the later definition wins), then in the global ARGs. */
static const char *dockerfile_lookup(const DockerfileModel *m, size_t first, size_t last,
                                     const char *name, size_t name_len, bool *found) {
  const char *value = NULL;
  *found = false;
  for (size_t pass = 0; pass < 2 && !*found; pass++) {
    size_t from = pass == 0 ? first : 0, to = pass == 0 ? last : m->instrs.len;
    for (size_t i = from; i < to; i++) {
      const DfInstr *in = &m->instrs.items[i];
      if (pass == 1 && in->stage != -1) break;
      if (in->kind != DF_ENV && in->kind != DF_ARG) continue;
      for (size_t k = 0; k < in->pairs.len; k++) {
        const DfPair *p = &in->pairs.items[k];
        if (strlen(p->key.text) == name_len && strncmp(p->key.text, name, name_len) == 0) {
          /* `ARG X` without a default keeps an earlier value (a global
           * ARG re-declared in a stage). */
          if (p->value.text || in->kind == DF_ENV) {
            value = p->value.text ? p->value.text : "";
            *found = true;
          } else if (pass == 0) {
            continue;
          }
        }
      }
    }
  }
  return value;
}

char *model__expand(const DockerfileModel *m, size_t first, size_t last, const char *text) {
  StrBuf out = STRBUF_INIT;
  for (const char *p = text; *p;) {
    if (*p == '\\' && p[1] == '$') {
      strbuf_append_char(&out, '$');
      p += 2;
      continue;
    }
    if (*p != '$') {
      strbuf_append_char(&out, *p++);
      continue;
    }
    const char *name = p + 1, *end;
    const char *fallback = NULL;
    size_t fallback_len = 0;
    bool braced = *name == '{', colon = false;
    if (braced) name++;
    end = name;
    while (isalnum((unsigned char)*end) || *end == '_') end++;
    if (end == name) { /* a lone '$' */
      strbuf_append_char(&out, *p++);
      continue;
    }
    const char *after = end;
    if (braced) {
      const char *close = strchr(end, '}');
      if (!close) {
        strbuf_destroy(&out);
        return NULL;
      }
      if (*end == ':' && (end[1] == '-' || end[1] == '+')) colon = true;
      if ((colon && end[1] == '-') || *end == '-') {
        fallback = end + (colon ? 2 : 1);
        fallback_len = (size_t)(close - fallback);
      } else if (end != close) {
        /* ${X:+y}, ${X?err} and the like: not worth modelling. */
        strbuf_destroy(&out);
        return NULL;
      }
      after = close + 1;
    }
    bool found;
    const char *value = dockerfile_lookup(m, first, last, name, (size_t)(end - name), &found);
    if (found && !(colon && value && !*value)) {
      strbuf_append(&out, value ? value : "");
    } else if (fallback) {
      strbuf_append_n(&out, fallback, fallback_len);
    } else {
      strbuf_destroy(&out);
      return NULL;
    }
    p = after;
  }
  return strbuf_take(&out);
}

char *dockerfile_expand(const DockerfileModel *self, const DfStage *stage, size_t before,
                        const char *text) {
  size_t first = stage ? stage->first : 0;
  if (before > self->instrs.len) before = self->instrs.len;
  return model__expand(self, first, before, text);
}

/* --- Stages --- */

static bool dockerfile_windows_image(const char *image) {
  if (!image) return false;
  return strstr(image, "windows") || strstr(image, "nanoserver") || strstr(image, "servercore") ||
         strstr(image, "ltsc20");
}

/* A SHELL instruction whose program is not a POSIX shell (PowerShell,
 * cmd) makes the following RUN lines foreign to the shell model. */
static bool dockerfile_shell_is_posix(const DfInstr *shell) {
  if (!shell->shell || shell->shell->commands.len == 0) return true;
  const char *prog = shell->shell->commands.items[0].name.value;
  const char *base = strrchr(prog, '/');
  base = base ? base + 1 : prog;
  return strcmp(base, "sh") == 0 || strcmp(base, "bash") == 0 || strcmp(base, "ash") == 0 ||
         strcmp(base, "dash") == 0 || strcmp(base, "zsh") == 0;
}

/* Takes ownership of alias. */
static void dockerfile_open_stage(DockerfileModel *m, size_t from_index, char *alias) {
  DfStage st;
  memset(&st, 0, sizeof st);
  st.index = m->stages.len;
  st.from_instr = from_index;
  st.first = from_index;
  st.parent = -1;
  const DfInstr *from = &m->instrs.items[from_index];
  st.alias = alias;
  if (from->paths.len > 0) {
    const DfText *img = &from->paths.items[0];
    st.image_raw = xstrdup(img->text);
    st.image_start = img->start;
    st.image_end = img->end;
    st.image = model__expand(m, 0, 0, img->text);
  }
  if (st.image) {
    for (size_t i = 0; i < m->stages.len; i++) {
      const char *earlier = m->stages.items[i].alias;
      if (earlier && strcasecmp(earlier, st.image) == 0) st.parent = (int)i;
    }
  }
  st.posix_shell = st.parent >= 0 ? m->stages.items[st.parent].posix_shell
                                  : !dockerfile_windows_image(st.image ? st.image : st.image_raw);
  /* The facts are looked up once per stage here, not by every rule. */
  if (st.parent >= 0) {
    st.base_known = m->stages.items[st.parent].base_known;
    st.base_facts = m->stages.items[st.parent].base_facts;
  } else if (st.image) {
    const char *platform = NULL;
    for (size_t i = 0; i < from->flags.len; i++)
      if (strcmp(from->flags.items[i].name.text, "platform") == 0) platform = from->flags.items[i].value.text;
    st.base_known = images_lookup(st.image, platform, &st.base_facts);
  }
  array_push(&m->stages, st);
}

DockerfileModel *dockerfile_model_build(SyntaxParsers *parsers, const Syntax *syntax,
                                        const TextDoc *text, DockerfileModel *previous) {
  DockerfileModel *m = xcalloc(1, sizeof *m);
  BuildState build = {previous, parsers};
  m->escape = '\\';
  int stage = -1;
  bool posix = true;
  /* The root's children as the parse gathered them; ts_node_named_child(i)
   * rescans from the first child, which made long files quadratic. */
  size_t count;
  const TSNode *top = syntax_top_nodes(syntax, &count);
  for (size_t i = 0; i < count; i++) {
    TSNode node = top[i];
    if (!ts_node_is_named(node)) continue;
    if (node_has(node, dockerfile_symbols()->parser_directive)) {
      TSNode name = ts_node_child_by_field_name(node, "name", 4);
      TSNode value = ts_node_child_by_field_name(node, "value", 5);
      if (!ts_node_is_null(name) && !ts_node_is_null(value)) {
        DfDirective d = {{node_text(name, text->bytes), ts_node_start_byte(name), ts_node_end_byte(name)},
                         {node_text(value, text->bytes), ts_node_start_byte(value), ts_node_end_byte(value)},
                         ts_node_start_byte(node), ts_node_end_byte(node)};
        array_push(&m->directives, d);
      }
      if (!ts_node_is_null(name) && !ts_node_is_null(value) &&
          ts_node_end_byte(name) - ts_node_start_byte(name) == 6 &&
          strncasecmp(text->bytes + ts_node_start_byte(name), "escape", 6) == 0 &&
          text->bytes[ts_node_start_byte(value)] == '`')
        m->escape = '`';
      continue;
    }
    DfKind kind = dockerfile_node_kind(node);
    if (kind == DF_OTHER) continue;
    if (kind == DF_FROM) {
      if (stage >= 0) m->stages.items[stage].last = m->instrs.len;
      stage = (int)m->stages.len;
      dockerfile_read(m, node, text->bytes, text->len, stage, true, &build);
      TSNode alias = ts_node_child_by_field_name(node, "alias", 5);
      dockerfile_open_stage(m, m->instrs.len - 1,
                            ts_node_is_null(alias) ? NULL : node_text(alias, text->bytes));
      if (!ts_node_is_null(alias)) {
        array_last(&m->stages)->alias_start = ts_node_start_byte(alias);
        array_last(&m->stages)->alias_end = ts_node_end_byte(alias);
      }
      posix = array_last(&m->stages)->posix_shell;
      continue;
    }
    dockerfile_read(m, node, text->bytes, text->len, stage, posix, &build);
    DfInstr *in = array_last(&m->instrs);
    if (kind == DF_SHELL && stage >= 0) {
      posix = dockerfile_shell_is_posix(in);
      m->stages.items[stage].posix_shell = posix;
    }
  }
  if (stage >= 0) m->stages.items[stage].last = m->instrs.len;
  model__derive_facts(m);
  return m;
}

static void dockerfile_text_free(DfText *t) { xfree(t->text); }

void dockerfile_model_delete(DockerfileModel *self) {
  if (!self) return;
  for (size_t i = 0; i < self->instrs.len; i++) {
    DfInstr *in = &self->instrs.items[i];
    for (size_t k = 0; k < in->flags.len; k++) {
      dockerfile_text_free(&in->flags.items[k].name);
      dockerfile_text_free(&in->flags.items[k].value);
    }
    array_delete(&in->flags);
    for (size_t k = 0; k < in->pairs.len; k++) {
      dockerfile_text_free(&in->pairs.items[k].key);
      dockerfile_text_free(&in->pairs.items[k].value);
    }
    array_delete(&in->pairs);
    for (size_t k = 0; k < in->paths.len; k++) dockerfile_text_free(&in->paths.items[k]);
    array_delete(&in->paths);
    array_delete(&in->heredoc_bodies);
    shell_script_delete(in->shell);
    xfree(in->source);
  }
  array_delete(&self->instrs);
  for (size_t i = 0; i < self->directives.len; i++) {
    dockerfile_text_free(&self->directives.items[i].name);
    dockerfile_text_free(&self->directives.items[i].value);
  }
  array_delete(&self->directives);
  for (size_t i = 0; i < self->stages.len; i++) {
    DfStage *st = &self->stages.items[i];
    xfree(st->alias);
    xfree(st->image);
    xfree(st->image_raw);
    model__free_facts(st);
  }
  array_delete(&self->stages);
  xfree(self);
}

const DfStage *dockerfile_final_stage(const DockerfileModel *self) {
  return self->stages.len ? array_last(&self->stages) : NULL;
}

const DfStage *dockerfile_stage_named(const DockerfileModel *self, const char *name) {
  for (size_t i = 0; i < self->stages.len; i++)
    if (self->stages.items[i].alias && strcasecmp(self->stages.items[i].alias, name) == 0)
      return &self->stages.items[i];
  return NULL;
}

const DfStage *dockerfile_copy_source(const DockerfileModel *self, size_t instr) {
  if (instr >= self->instrs.len) return NULL;
  const DfInstr *in = &self->instrs.items[instr];
  if (in->stage < 0 || (size_t)in->stage >= self->stages.len) return NULL;
  const char *from = NULL;
  for (size_t i = 0; i < in->flags.len; i++)
    if (strcmp(in->flags.items[i].name.text, "from") == 0) from = in->flags.items[i].value.text;
  if (!from) return NULL;
  /* The builder does not expand variables in --from, so neither do we. */
  const DfStage *src = NULL;
  size_t len = strlen(from), digits = strspn(from, "0123456789");
  if (len > 0 && digits == len && len < 10) {
    size_t index = (size_t)strtoul(from, NULL, 10);
    if (index < (size_t)in->stage) src = &self->stages.items[index];
  } else {
    for (size_t i = 0; i < (size_t)in->stage && !src; i++)
      if (self->stages.items[i].alias && strcasecmp(self->stages.items[i].alias, from) == 0)
        src = &self->stages.items[i];
  }
  return src;
}

const DfInstr *dockerfile_last(const DockerfileModel *self, const DfStage *stage, DfKind kind,
                               bool inherit) {
  while (stage) {
    for (size_t i = stage->last; i-- > stage->first;)
      if (self->instrs.items[i].kind == kind) return &self->instrs.items[i];
    if (!inherit || stage->parent < 0) break;
    stage = &self->stages.items[stage->parent];
  }
  return NULL;
}

void dockerfile_start_scripts(const DockerfileModel *self, const DfStage *stage,
                              const ShellScript *out[2]) {
  const DfInstr *entry = dockerfile_last(self, stage, DF_ENTRYPOINT, true);
  const DfInstr *cmd = dockerfile_last(self, stage, DF_CMD, true);
  out[0] = entry ? entry->shell : NULL;
  out[1] = cmd ? cmd->shell : NULL;
}

void dockerfile_start_walk(const DockerfileModel *self, const DfStage *stage, DfStartWalk *walk) {
  dockerfile_start_scripts(self, stage, walk->scripts);
  walk->script = walk->command = 0;
}

const ShellCommand *dockerfile_start_next(DfStartWalk *walk) {
  for (; walk->script < 2; walk->script++, walk->command = 0) {
    const ShellScript *s = walk->scripts[walk->script];
    if (s && walk->command < s->commands.len) return &s->commands.items[walk->command++];
  }
  return NULL;
}

void dockerfile_split_image(const char *ref, char **repo, char **tag, char **digest) {
  const char *at = strchr(ref, '@');
  size_t name_len = at ? (size_t)(at - ref) : strlen(ref);
  *digest = at ? xstrdup(at + 1) : NULL;
  const char *slash = NULL, *colon = NULL;
  for (size_t i = 0; i < name_len; i++) {
    if (ref[i] == '/') slash = ref + i;
    if (ref[i] == ':') colon = ref + i;
  }
  if (colon && (!slash || colon > slash)) {
    *tag = xstrndup(colon + 1, name_len - (size_t)(colon + 1 - ref));
    name_len = (size_t)(colon - ref);
  } else {
    *tag = NULL;
  }
  *repo = xstrndup(ref, name_len);
  for (char *p = *repo; *p; p++) *p = (char)tolower((unsigned char)*p);
}
