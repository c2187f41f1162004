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
      for (size_t k = 0; k < df_pairs(in)->len; k++) {
        const DfPair *p = &df_pairs(in)->items[k];
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
  /* Most words name no variable: a copy, without the character walk. */
  if (!strchr(text, '$')) return xstrdup(text);
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

static void dockerfile_text_free(DfText *t) { xfree(t->text); }

void model__instr_free(DfInstr *in) {
  for (size_t k = 0; k < in->parts.flags.len; k++) {
    dockerfile_text_free(&in->parts.flags.items[k].name);
    dockerfile_text_free(&in->parts.flags.items[k].value);
  }
  array_delete(&in->parts.flags);
  for (size_t k = 0; k < in->parts.pairs.len; k++) {
    dockerfile_text_free(&in->parts.pairs.items[k].key);
    dockerfile_text_free(&in->parts.pairs.items[k].value);
  }
  array_delete(&in->parts.pairs);
  for (size_t k = 0; k < in->parts.paths.len; k++) dockerfile_text_free(&in->parts.paths.items[k]);
  array_delete(&in->parts.paths);
  array_delete(&in->parts.heredoc_bodies);
  shell_script_delete(in->parts.shell);
  model__free_run_packages(in);
  xfree(in->source);
}

void dockerfile_model_delete(DockerfileModel *self) {
  if (!self) return;
  for (size_t i = 0; i < self->instrs.len; i++) model__instr_free(&self->instrs.items[i]);
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
  for (size_t k = 0; k < DF_INDEX_SLOTS; k++) array_delete(&self->of_kind[k]);
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
  for (size_t i = 0; i < df_flags(in)->len; i++)
    if (strcmp(df_flags(in)->items[i].name.text, "from") == 0) from = df_flags(in)->items[i].value.text;
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

size_t dockerfile_instr_keywords(const DfInstr *in, DfRange out[2]) {
  if (in->kind == DF_OTHER || in->keyword_end <= in->keyword_start) return 0;
  out[0] = (DfRange){in->keyword_start, in->keyword_end};
  if (in->kind != DF_ONBUILD || in->trigger == DF_OTHER || in->trigger_end <= in->trigger_start) return 1;
  out[1] = (DfRange){in->trigger_start, in->trigger_end};
  return 2;
}

DfCase dockerfile_word_case(const char *text, size_t start, size_t end) {
  /* Plain comparisons: <ctype.h>'s calls cost a call per letter, on every
   * keystroke. */
  bool upper = false, lower = false;
  for (size_t i = start; i < end; i++) {
    upper |= text[i] >= 'A' && text[i] <= 'Z';
    lower |= text[i] >= 'a' && text[i] <= 'z';
  }
  return upper && lower ? DF_CASE_MIXED : lower ? DF_CASE_LOWER : DF_CASE_UPPER;
}

const DfInstr *dockerfile_last(const DockerfileModel *self, const DfStage *stage, DfKind kind,
                               bool inherit) {
  while (stage) {
    if (kind < DF_OTHER && stage->last_of[kind] != DF_NONE) return &self->instrs.items[stage->last_of[kind]];
    if (!inherit || stage->parent < 0) break;
    stage = &self->stages.items[stage->parent];
  }
  return NULL;
}

void dockerfile_start_scripts(const DockerfileModel *self, const DfStage *stage,
                              const ShellScript *out[2]) {
  const DfInstr *entry = dockerfile_last(self, stage, DF_ENTRYPOINT, true);
  const DfInstr *cmd = dockerfile_last(self, stage, DF_CMD, true);
  out[0] = entry ? df_shell(entry) : NULL;
  out[1] = cmd ? df_shell(cmd) : NULL;
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
