/* Builds DockerfileModel from the Dockerfile tree (see dockerfile.h):
 * reads the instructions, forms a stage at each FROM, and after an edit
 * takes everything the edit did not touch from the previous model.
 *
 * Instructions are read with a tree cursor because field names are only
 * reliable that way in the tree-sitter 0.20 runtime.  The base reference
 * of a stage is resolved against the global ARGs (those before the first
 * FROM), which is what `FROM node:${NODE}-alpine` sees.  Per-stage facts
 * (packages, directories) are derived in dockerfile_facts.c once all
 * instructions are known. */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "dockls/model/dockerfile.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"
#include "model_internal.h"

/* What one dockerfile_model_build call carries to every instruction. */
typedef struct {
  DockerfileModel *prev;  /* the model before the edit, or NULL */
  SyntaxParsers *parsers; /* parse the shell of RUN, CMD, ENTRYPOINT, ... */
  const TextDoc *text;
  const Syntax *syntax;
  DfInstr *reuse;         /* records of prev an instruction may be taken from by its
                             text: all of them, or in a splice those the edit replaced */
  size_t reuse_len;
  size_t reuse_base;      /* the index in prev of reuse[0] */
  char escape;            /* the escape character of the text being read */
  int stage;              /* the stage being filled; -1 before the first FROM */
  bool posix;             /* that stage's RUN lines run under a POSIX shell */
  bool tail_read;         /* a splice read a tail record again from the tree (or dropped it)
                             instead of taking it as it was */
  size_t linked_from;     /* from here on the records are a splice's tail at the indices
                             they had, linked to their WORKDIRs as they were; SIZE_MAX: none */
  DfTailFacts tail_facts; /* what a splice keeps of its open stage for the tail */
} BuildState;

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
  array_push(&in->parts.pairs, p);
}

static void dockerfile_read_flag(TSNode flag, const char *src, DfInstr *in) {
  DfFlag f = {.name = dockerfile_field(flag, "name", true, src), .value = dockerfile_field(flag, "value", false, src),
              .start = ts_node_start_byte(flag), .end = ts_node_end_byte(flag)};
  array_push(&in->parts.flags, f);
}

/* Moves a byte range by `d` bytes. */
static void dockerfile_shift_range(size_t *start, size_t *end, ptrdiff_t d) {
  *start = (size_t)((ptrdiff_t)*start + d);
  *end = (size_t)((ptrdiff_t)*end + d);
}

static void dockerfile_shift_text(DfText *t, ptrdiff_t d) { dockerfile_shift_range(&t->start, &t->end, d); }

/* Moves a record by `d` bytes: its extent and keywords now, its parts
 * when they are first read (DfParts). */
static void dockerfile_shift(DfInstr *in, ptrdiff_t d) {
  if (d == 0) return;
  dockerfile_shift_range(&in->start, &in->end, d);
  dockerfile_shift_range(&in->keyword_start, &in->keyword_end, d);
  if (in->kind == DF_ONBUILD) dockerfile_shift_range(&in->trigger_start, &in->trigger_end, d);
  in->parts_lag += d;
}

void dockerfile__settle(DfInstr *in) {
  ptrdiff_t d = in->parts_lag;
  DfParts *parts = &in->parts;
  in->parts_lag = 0;
  for (size_t i = 0; i < parts->flags.len; i++) {
    DfFlag *f = &parts->flags.items[i];
    dockerfile_shift_range(&f->start, &f->end, d);
    dockerfile_shift_text(&f->name, d);
    dockerfile_shift_text(&f->value, d);
  }
  for (size_t i = 0; i < parts->pairs.len; i++) {
    DfPair *p = &parts->pairs.items[i];
    dockerfile_shift_range(&p->start, &p->end, d);
    dockerfile_shift_text(&p->key, d);
    dockerfile_shift_text(&p->value, d);
  }
  for (size_t i = 0; i < parts->paths.len; i++) dockerfile_shift_text(&parts->paths.items[i], d);
  for (size_t i = 0; i < parts->heredoc_bodies.len; i++)
    dockerfile_shift_range(&parts->heredoc_bodies.items[i].start, &parts->heredoc_bodies.items[i].end, d);
  if (parts->shell) shell_script_shift(parts->shell, d);
  for (size_t i = 0; i < parts->run_packages.len; i++) {
    PkgEvent *e = &parts->run_packages.items[i];
    /* A group's own event has no word (0, 0); no word of a RUN is at 0,
     * where at the least its keyword is. */
    if (e->start != 0 || e->end != 0) dockerfile_shift_range(&e->start, &e->end, d);
  }
}

/* Takes from the previous model an instruction with the same kind, text
 * and shell situation found near the same index (an edit adds or removes
 * few instructions), moved to where it is now.  Everything an instruction
 * holds derives from its own text, so an unchanged one is reused whole:
 * on a keystroke only the edited instruction is read again. */
static bool dockerfile_reuse(BuildState *r, size_t index, TSNode node, const char *src, bool posix,
                             DfInstr *out) {
  /* The escape character decides where a RUN's lines join, so the same
   * text under another escape directive is another script. */
  if (!r->prev || r->prev->escape != r->escape || ts_node_has_error(node)) return false;
  DfKind kind = dockerfile_node_kind(node);
  size_t start = ts_node_start_byte(node), n = ts_node_end_byte(node) - start;
  size_t from = index > 8 ? index - 8 : 0, to = index + 8;
  if (from < r->reuse_base) from = r->reuse_base;
  if (to > r->reuse_base + r->reuse_len) to = r->reuse_base + r->reuse_len;
  for (size_t k = from; k < to; k++) {
    DfInstr *old = &r->reuse[k - r->reuse_base];
    /* The source is a C string, cut at a NUL byte the text may hold, so
     * its length alone does not say the texts are equal: the old extent
     * must be the new one's length too (an instruction "FROM do<NUL>x"
     * must not stand in for "FROM do"). */
    if (old->kind != kind || !old->source || old->syntax_error || old->posix != posix || old->end - old->start != n ||
        strlen(old->source) != n || memcmp(old->source, src + start, n) != 0)
      continue;
    *out = *old;
    memset(old, 0, sizeof *old); /* the previous model no longer owns it */
    old->kind = DF_OTHER;
    dockerfile_shift(out, (ptrdiff_t)start - (ptrdiff_t)out->start);
    return true;
  }
  return false;
}

/* The id the next record read gets (DfInstr.id).  One counter for the
 * process rather than one per model: a model read from nothing (a document
 * opened again) must not give out the ids of records a reader may still
 * remember.  The server runs on one thread. */
static uint64_t dockerfile_last_id;

/* The serial the next model gets (DockerfileModel.serial), counted as
 * the ids are and for the same reason. */
static uint64_t dockerfile_last_serial;

/* Reads one instruction node into *out, or takes it from the previous
 * model when an unchanged copy is there (ONBUILD's wrapped instruction is
 * read as its own kind but kept under DF_ONBUILD so rules do not mistake
 * it for a step of this image).  `index` is where it will go. */
static void dockerfile_read(BuildState *build, size_t index, TSNode node, bool posix, DfInstr *out) {
  const DockerfileSymbols *y = dockerfile_symbols();
  const char *src = build->text->bytes;
  DfInstr in;
  memset(&in, 0, sizeof in);
  if (dockerfile_reuse(build, index, node, src, posix, out)) return;
  in.id = ++dockerfile_last_id;
  in.kind = dockerfile_node_kind(node);
  in.syntax_error = ts_node_has_error(node);
  in.start = ts_node_start_byte(node);
  in.end = ts_node_end_byte(node);
  TSNode keyword = ts_node_child(node, 0);
  in.keyword_start = ts_node_start_byte(keyword);
  in.keyword_end = ts_node_end_byte(keyword);
  in.trigger = DF_OTHER;
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
        array_push(&in.parts.heredoc_bodies, body);
      } else if (node_has(c, y->heredoc_marker))
        in.heredoc = true;
      else if (field && strcmp(field, "command") == 0) {
        command = c;
        has_command = true;
        in.has_command = true;
        in.exec_form = node_has(c, y->json_string_array);
      } else if (in.kind == DF_ONBUILD && field && strcmp(field, "instruction") == 0) {
        in.trigger = dockerfile_node_kind(c);
        in.trigger_start = ts_node_start_byte(ts_node_child(c, 0));
        in.trigger_end = ts_node_end_byte(ts_node_child(c, 0));
      } else if (field && strcmp(field, "paths") == 0) {
        dockerfile_json_paths(c, src, &in.parts.paths);
      } else if (node_has(c, y->path) || node_has(c, y->expose_port) || node_has(c, y->user_name) ||
                 node_has(c, y->group_name) || node_has(c, y->image_spec) || node_has(c, y->signal)) {
        array_push(&in.parts.paths, dockerfile_text(c, src));
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
  in.names_supervisor = strstr(in.source, "supervisor") != NULL;
  /* A JSON-form path may spell its `$` as an escape. */
  in.names_variable = strpbrk(in.source, "$\\") != NULL;
  if ((in.kind == DF_COPY || in.kind == DF_ADD) && in.parts.paths.len >= 2) {
    const char *dest = array_last(&in.parts.paths)->text;
    in.dest_may_be_config = dest[0] != '/' || (in.names_variable && strchr(dest, '$')) ||
                            (in.names_supervisor && strstr(dest, "supervisor"));
  }
  bool modelled = posix || in.exec_form || in.kind == DF_HEALTHCHECK;
  if (shell_kind && has_command && modelled)
    in.parts.shell = shell_script_build(build->parsers, node, command, src, build->text->len);
  model__run_packages(&in);
  DfRange kw[2];
  for (size_t k = dockerfile_instr_keywords(&in, kw); k-- > 0;) {
    DfCase c = dockerfile_word_case(src, kw[k].start, kw[k].end);
    in.keywords_upper += c == DF_CASE_UPPER;
    in.keywords_lower += c == DF_CASE_LOWER;
  }
  *out = in;
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
  if (!df_shell(shell) || df_shell(shell)->commands.len == 0) return true;
  const char *prog = df_shell(shell)->commands.items[0].name.value;
  const char *base = strrchr(prog, '/');
  base = base ? base + 1 : prog;
  return strcmp(base, "sh") == 0 || strcmp(base, "bash") == 0 || strcmp(base, "ash") == 0 ||
         strcmp(base, "dash") == 0 || strcmp(base, "zsh") == 0;
}

/* Whether a stage's RUN lines run under a POSIX shell before a SHELL of
 * its own: as in its parent, else unless its base is a Windows image. */
static bool dockerfile_stage_posix_at_start(const DockerfileModel *m, const DfStage *st) {
  return st->parent >= 0 ? m->stages.items[st->parent].posix_shell
                         : !dockerfile_windows_image(st->image ? st->image : st->image_raw);
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
  if (df_paths(from)->len > 0) {
    const DfText *img = &df_paths(from)->items[0];
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
  st.posix_shell = dockerfile_stage_posix_at_start(m, &st);
  /* The facts are looked up once per stage here, not by every rule. */
  if (st.parent >= 0) {
    st.base_known = m->stages.items[st.parent].base_known;
    st.base_facts = m->stages.items[st.parent].base_facts;
  } else if (st.image) {
    const char *platform = NULL;
    for (size_t i = 0; i < df_flags(from)->len; i++)
      if (strcmp(df_flags(from)->items[i].name.text, "platform") == 0) platform = df_flags(from)->items[i].value.text;
    st.base_known = images_lookup(st.image, platform, &st.base_facts);
  }
  array_push(&m->stages, st);
}

/* Points every instruction from `from` on at the nearest WORKDIR before
 * it in its stage, so that the working directory at an instruction costs
 * one step per WORKDIR rather than one per instruction of the stage (rules
 * ask for it at every COPY, which made a long stage quadratic).  Those
 * before `from` are linked already (a splice keeps them in place).  From
 * `linked_from` on, the records are a splice's tail at the indices they
 * had, with the links they had: once the first of them is linked as it
 * was, the walk from there would link the rest as it did (same kinds, same
 * stages, same indices), so it stops there instead of visiting every
 * instruction after a mid-file edit. */
static void dockerfile_link_workdirs(DockerfileModel *m, size_t from, size_t linked_from) {
  size_t last = DF_NONE;
  int stage = -2;
  if (from > 0) {
    const DfInstr *before = &m->instrs.items[from - 1];
    stage = before->stage;
    last = before->kind == DF_WORKDIR ? from - 1 : before->prev_workdir;
  }
  for (size_t i = from; i < m->instrs.len; i++) {
    DfInstr *in = &m->instrs.items[i];
    if (in->stage != stage) last = DF_NONE;
    stage = in->stage;
    if (i == linked_from && in->prev_workdir == last) return;
    in->prev_workdir = last;
    if (in->kind == DF_WORKDIR) last = i;
  }
}

/* --- Assembly --- */

/* Appends *in, which may already lie where it goes (a splice's tail
 * record taken where it is): then only the length grows, and the record
 * is not copied twice. */
static void dockerfile_push(DockerfileModel *m, const DfInstr *in) {
  if (m->instrs.len < m->instrs.cap && in == &m->instrs.items[m->instrs.len]) m->instrs.len++;
  else array_push(&m->instrs, *in);
}

/* Appends an instruction and keeps the stage bookkeeping: a FROM closes
 * the current stage and opens the next (`alias`, owned, is its `AS` name
 * at [alias_start, alias_end)), a SHELL decides whether the following RUN
 * lines run under a POSIX shell. */
static void dockerfile_append(DockerfileModel *m, BuildState *b, DfInstr *in, char *alias,
                              size_t alias_start, size_t alias_end) {
  m->keywords_upper += in->keywords_upper;
  m->keywords_lower += in->keywords_lower;
  if (in->kind != DF_FROM) {
    in->stage = b->stage;
    /* Asked before the record is copied into the array: reading its
     * script settles the record's move (df_shell), which the copy kept
     * must carry. */
    bool shell_posix = in->kind == DF_SHELL && dockerfile_shell_is_posix(in);
    dockerfile_push(m, in);
    if (in->kind == DF_SHELL && b->stage >= 0) {
      b->posix = shell_posix;
      m->stages.items[b->stage].posix_shell = b->posix;
    }
    return;
  }
  if (b->stage >= 0) m->stages.items[b->stage].last = m->instrs.len;
  b->stage = (int)m->stages.len;
  in->stage = b->stage;
  dockerfile_push(m, in);
  dockerfile_open_stage(m, m->instrs.len - 1, alias);
  DfStage *st = array_last(&m->stages);
  if (alias) {
    st->alias_start = alias_start;
    st->alias_end = alias_end;
  }
  b->posix = st->posix_shell;
}

/* Reads an instruction node of the current tree and appends it. */
static void dockerfile_take_node(DockerfileModel *m, BuildState *b, TSNode node) {
  DfKind kind = dockerfile_node_kind(node);
  DfInstr in;
  /* FROM runs nothing; every other instruction sees its stage's shell. */
  dockerfile_read(b, m->instrs.len, node, kind == DF_FROM || b->posix, &in);
  TSNode alias = {{0}, NULL, NULL};
  if (kind == DF_FROM) alias = ts_node_child_by_field_name(node, "alias", 5);
  bool named = kind == DF_FROM && !ts_node_is_null(alias);
  dockerfile_append(m, b, &in, named ? node_text(alias, b->text->bytes) : NULL,
                    named ? ts_node_start_byte(alias) : 0, named ? ts_node_end_byte(alias) : 0);
}

/* Appends `old`, a record of the previous model that the edit did not
 * touch, `d` bytes further on (a FROM keeps the alias its stage had).
 * False, with `old` left as it was, when it cannot be taken as it is: it
 * holds a syntax error, or its shell was modelled under another stage
 * shell than the one it runs under now (a SHELL or FROM above it
 * changed). */
static bool dockerfile_take_old(DockerfileModel *m, BuildState *b, DfInstr *old, ptrdiff_t d) {
  if (!old->source || old->syntax_error || (old->kind != DF_FROM && old->posix != b->posix)) return false;
  char *alias = NULL;
  size_t alias_start = 0, alias_end = 0;
  if (old->kind == DF_FROM && old->stage >= 0 && (size_t)old->stage < b->prev->stages.len) {
    const DfStage *st = &b->prev->stages.items[old->stage];
    if (st->alias) {
      alias = xstrdup(st->alias);
      alias_start = (size_t)((ptrdiff_t)st->alias_start + d);
      alias_end = (size_t)((ptrdiff_t)st->alias_end + d);
    }
  }
  dockerfile_shift(old, d);
  dockerfile_append(m, b, old, alias, alias_start, alias_end);
  return true;
}

/* The first instruction of the previous model that starts at or after
 * byte `at` (binary search: instructions are in text order). */
static size_t dockerfile_old_at(const DockerfileModel *prev, size_t at) {
  size_t lo = 0, hi = prev->instrs.len;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (prev->instrs.items[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Appends the tail record at index r of the new model's array, or reads
 * its node again when it cannot be moved.  r is at or after the end of
 * the array, and the slots between are free (set aside or taken), so the
 * record is moved down to the end once and taken where it then lies. */
static void dockerfile_take_tail(DockerfileModel *m, BuildState *b, size_t r, ptrdiff_t d) {
  DfInstr *old = &m->instrs.items[m->instrs.len];
  if (r != m->instrs.len) *old = m->instrs.items[r];
  /* Most tail records are neither a FROM nor a SHELL (which change the
   * stage or its shell) and were read under the shell they run under now:
   * such a record is only moved and given its stage, which is what
   * dockerfile_take_old and dockerfile_append would do with it, without
   * taking its keywords out of the sums and adding them back.  This loop
   * runs for every instruction after a mid-file edit. */
  if (old->kind != DF_FROM && old->kind != DF_SHELL && old->source && !old->syntax_error && old->posix == b->posix) {
    dockerfile_shift(old, d);
    old->stage = b->stage;
    m->instrs.len++; /* the slot lies within the array: r, at or after it, was a record */
    return;
  }
  m->keywords_upper -= old->keywords_upper;
  m->keywords_lower -= old->keywords_lower;
  if (dockerfile_take_old(m, b, old, d)) return;
  b->tail_read = true;
  size_t at = (size_t)((ptrdiff_t)old->start + d);
  model__instr_free(old);
  TSNode node = syntax_top_node_at(b->syntax, at);
  /* What stands there now may be no instruction (an ERROR leaf, say),
   * which a fresh read passes over too. */
  if (!ts_node_is_null(node) && dockerfile_node_kind(node) != DF_OTHER) dockerfile_take_node(m, b, node);
}

/* Gives the new model the previous one's records in place, so that a
 * keystroke does not move every record into a new array: the head (the
 * first `head` records) stays where it is with the stages that open in
 * it, and the records the edit replaced ([head, tail)) go to `aside`,
 * where the `fresh` nodes read next may take them by their text.  The
 * tail stays where it is when those fit before it (they are appended in
 * front of it, and a tail record is appended at or before its place), and
 * moves up to just after them only when they do not: moving the records
 * costs about as much as taking them, and a keystroke seldom adds an
 * instruction.  *tail_at is where the tail now starts.  The build continues
 * as if it had appended the head itself: the stage it is in and whether
 * that stage's shell is a POSIX one at that point (which a SHELL or FROM
 * at the end of the head decides, else the shell its last instruction
 * was read under).  Returns the stage from which the stage facts must be
 * derived again: the one the head ends in, whose facts are kept for its
 * instructions in the head and read again for the rest, or the first. */
static size_t dockerfile_adopt(DockerfileModel *m, BuildState *b, size_t head, size_t tail, size_t fresh,
                               DfInstrArray *aside, size_t *tail_at) {
  DockerfileModel *prev = b->prev;
  size_t old_n = prev->instrs.len;
  array_init(aside);
  array_reserve(aside, tail - head + 1);
  memcpy(aside->items, prev->instrs.items + head, (tail - head) * sizeof(DfInstr));
  aside->len = tail - head;
  *tail_at = tail;
  if (head + fresh > tail) {
    array_reserve(&prev->instrs, head + fresh + (old_n - tail));
    memmove(prev->instrs.items + head + fresh, prev->instrs.items + tail, (old_n - tail) * sizeof(DfInstr));
    *tail_at = head + fresh;
  }
  m->instrs = prev->instrs;
  m->instrs.len = head;
  array_init(&prev->instrs);
  b->reuse = aside->items;
  b->reuse_len = aside->len;
  b->reuse_base = head;
  /* The tail's keywords are taken off as its records are taken, since
   * appending them adds them again. */
  m->keywords_upper = prev->keywords_upper;
  m->keywords_lower = prev->keywords_lower;
  for (size_t k = 0; k < aside->len; k++) {
    m->keywords_upper -= aside->items[k].keywords_upper;
    m->keywords_lower -= aside->items[k].keywords_lower;
  }
  size_t keep = 0;
  while (keep < prev->stages.len && prev->stages.items[keep].from_instr < head) keep++;
  array_reserve(&m->stages, prev->stages.len + 1);
  for (size_t k = 0; k < keep; k++) {
    array_push(&m->stages, prev->stages.items[k]);
    memset(&prev->stages.items[k], 0, sizeof prev->stages.items[k]); /* now the new model's */
  }
  b->stage = (int)keep - 1;
  b->posix = true;
  if (head > 0) {
    const DfInstr *last = &m->instrs.items[head - 1];
    if (last->kind == DF_FROM) b->posix = dockerfile_stage_posix_at_start(m, &m->stages.items[b->stage]);
    else if (last->kind == DF_SHELL && b->stage >= 0) b->posix = dockerfile_shell_is_posix(last);
    else b->posix = last->posix;
  }
  if (b->stage < 0) return 0;
  DfStage *open = &m->stages.items[b->stage];
  open->posix_shell = b->posix;
  b->tail_facts.from = tail;
  model__keep_facts_before(open, head, &b->tail_facts);
  return (size_t)b->stage;
}

/* Builds the model of an edited text from the previous one without
 * visiting what the edit left alone: the instructions that end before the
 * first changed byte stay as they are (the head); the tree is read from
 * there until it reaches an instruction that starts in the unchanged end
 * of the text where the previous model has the same instruction, and from
 * that one on everything is moved over shifted by the change in length
 * (the tail).  The tail is sound because at the start of a top-level
 * instruction the parser is in the same state whatever came before: no
 * heredoc is open (a heredoc belongs to the instruction that opened it)
 * and the escape character comes from the directives above the first
 * instruction, which the splice never touches.  An edit that changes how
 * later text parses (a heredoc opened, a line continuation, error recovery
 * that swallows the next lines) makes the following nodes differ from the
 * previous instructions, so the tail starts after them.  tree-sitter's
 * changed ranges would say the same but cost a walk over every
 * instruction of the nested list.  Sets *first_stage to the first stage
 * whose facts must be derived (dockerfile_adopt) and *kept to how many
 * records stayed in place.  False, with nothing taken from `prev`, when a
 * splice is not possible (the instruction before the change is no longer
 * where it was: error recovery joined it to the edited text). */
static bool dockerfile_splice(DockerfileModel *m, BuildState *b, const TextDelta *change, size_t *first_stage,
                              size_t *kept) {
  DockerfileModel *prev = b->prev;
  size_t len = b->text->len, p = change->prefix, s = change->suffix;
  if (prev->instrs.len == 0 || p > len || s > len || p > change->old_len || s > change->old_len ||
      p <= prev->instrs.items[0].start)
    return false;
  ptrdiff_t d = (ptrdiff_t)len - (ptrdiff_t)change->old_len;
  /* The head ends before the first node that held a syntax error: error
   * recovery is not local, so an edit further down can make the parser
   * read that text differently (a FROM missing its image became an ERROR
   * node once a heredoc opened below it, and an ERROR before the first
   * instruction became a FROM, as a fresh parse of the new text reads
   * them too), and it is read again from the tree. */
  size_t head = 0, hi = prev->instrs.len;
  /* Binary search: the records' ends grow with their index, so the
   * records that end before both bounds are a prefix. */
  while (head < hi) {
    size_t mid = head + (hi - head) / 2;
    if (prev->instrs.items[mid].end < p && prev->instrs.items[mid].end <= prev->first_error) head = mid + 1;
    else hi = mid;
  }
  size_t from = head ? prev->instrs.items[head - 1].end : prev->instrs.items[0].start;
  if (!head && prev->first_error < from) from = prev->first_error;
  /* The head's last instruction must still be the node that ends at
   * `from`, without error: recovery that wrapped it into an ERROR node
   * would have changed that node. */
  if (head) {
    const DfInstr *last = &prev->instrs.items[head - 1];
    TSNode node = syntax_top_node_at(b->syntax, last->start);
    if (ts_node_is_null(node) || ts_node_end_byte(node) != from || ts_node_has_error(node) ||
        dockerfile_node_kind(node) != last->kind)
      return false;
  }
  SyntaxTopWalk walk;
  bool more = syntax_top_walk_from(&walk, b->syntax, from);
  /* A node across `from` means the head's last instruction is no longer
   * where it was. */
  if (more && ts_node_start_byte(syntax_top_walk_node(&walk)) < from) {
    syntax_top_walk_end(&walk);
    return false;
  }
  m->escape = b->escape = prev->escape;
  /* The directives sit above the first instruction, before any change. */
  m->directives = prev->directives;
  array_init(&prev->directives);
  /* The instruction nodes between head and tail, found before any record
   * moves, so that the records can be moved once. */
  Array(TSNode) fresh;
  array_init(&fresh);
  size_t tail = prev->instrs.len;
  for (; more; more = syntax_top_walk_next(&walk)) {
    TSNode node = syntax_top_walk_node(&walk);
    size_t start = ts_node_start_byte(node);
    if (start < m->first_error && ts_node_has_error(node)) m->first_error = start;
    DfKind kind = dockerfile_node_kind(node);
    if (kind == DF_OTHER) continue;
    if (start >= len - s) {
      size_t j = dockerfile_old_at(prev, (size_t)((ptrdiff_t)start - d));
      const DfInstr *old = j < prev->instrs.len ? &prev->instrs.items[j] : NULL;
      if (old && old->source && !old->syntax_error && !ts_node_has_error(node) && old->kind == kind &&
          (ptrdiff_t)old->start + d == (ptrdiff_t)start &&
          (ptrdiff_t)old->end + d == (ptrdiff_t)ts_node_end_byte(node)) {
        tail = j;
        break;
      }
    }
    array_push(&fresh, node);
  }
  syntax_top_walk_end(&walk);
  /* The tail's first error, shifted: the previous model's first error when
   * it lies in the tail; when it lay before, the tail's own first error is
   * not known, and its start stands in for it (an offset too early only
   * makes the next splice read more). */
  if (tail < prev->instrs.len) {
    size_t tail_start = prev->instrs.items[tail].start;
    size_t old_error = prev->first_error >= tail_start ? prev->first_error : tail_start;
    if (old_error != SIZE_MAX && (size_t)((ptrdiff_t)old_error + d) < m->first_error)
      m->first_error = (size_t)((ptrdiff_t)old_error + d);
  }
  size_t tail_len = prev->instrs.len - tail, tail_at;
  DfInstrArray aside;
  *first_stage = dockerfile_adopt(m, b, head, tail, fresh.len, &aside, &tail_at);
  *kept = head;
  for (size_t k = 0; k < fresh.len; k++) dockerfile_take_node(m, b, fresh.items[k]);
  array_delete(&fresh);
  size_t new_tail = m->instrs.len;
  for (size_t r = tail_at; r < tail_at + tail_len; r++) dockerfile_take_tail(m, b, r, d);
  if (!b->tail_read && new_tail == tail && tail_len) b->linked_from = new_tail;
  b->tail_facts.delta = d;
  b->tail_facts.valid = !b->tail_read && new_tail == tail;
  /* The index by kind follows the records: unless a tail record was read
   * again, the tail holds the previous tail's records one for one. */
  if (b->tail_read) model__index_kinds(m);
  else model__index_splice(m, prev->of_kind, head, tail, new_tail);
  /* A tail record read again from the tree is new, and the records after
   * it were appended behind it under the state it left: none of the tail
   * is then said to be taken over as it was. */
  m->splice = (DfSplice){prev->serial, head, b->tail_read ? 0 : tail_len, d};
  /* What the fresh nodes did not take by its text goes with the edit. */
  for (size_t k = 0; k < aside.len; k++) model__instr_free(&aside.items[k]);
  array_delete(&aside);
  return true;
}

/* Reads every instruction of the tree (taking unchanged ones from the
 * previous model by their text). */
static void dockerfile_read_all(DockerfileModel *m, BuildState *b) {
  /* A walk visits the instructions in O(1) each; ts_node_named_child(i)
   * rescans from the first child, which made long files quadratic. */
  SyntaxTopWalk walk;
  for (bool more = syntax_top_walk_first(&walk, b->syntax); more; more = syntax_top_walk_next(&walk)) {
    TSNode node = syntax_top_walk_node(&walk);
    if (ts_node_start_byte(node) < m->first_error && ts_node_has_error(node)) m->first_error = ts_node_start_byte(node);
    if (!ts_node_is_named(node)) continue;
    if (node_has(node, dockerfile_symbols()->parser_directive)) {
      TSNode name = ts_node_child_by_field_name(node, "name", 4);
      TSNode value = ts_node_child_by_field_name(node, "value", 5);
      const char *src = b->text->bytes;
      if (!ts_node_is_null(name) && !ts_node_is_null(value)) {
        DfDirective d = {{node_text(name, src), ts_node_start_byte(name), ts_node_end_byte(name)},
                         {node_text(value, src), ts_node_start_byte(value), ts_node_end_byte(value)},
                         ts_node_start_byte(node), ts_node_end_byte(node)};
        array_push(&m->directives, d);
      }
      if (!ts_node_is_null(name) && !ts_node_is_null(value) &&
          ts_node_end_byte(name) - ts_node_start_byte(name) == 6 &&
          strncasecmp(src + ts_node_start_byte(name), "escape", 6) == 0 && src[ts_node_start_byte(value)] == '`')
        m->escape = b->escape = '`';
      continue;
    }
    if (dockerfile_node_kind(node) != DF_OTHER) dockerfile_take_node(m, b, node);
  }
  syntax_top_walk_end(&walk);
}

DockerfileModel *dockerfile_model_build(SyntaxParsers *parsers, const Syntax *syntax,
                                        const TextDoc *text, DockerfileModel *previous,
                                        const TextDelta *change) {
  DockerfileModel *m = xcalloc(1, sizeof *m);
  m->serial = ++dockerfile_last_serial;
  m->escape = '\\';
  m->first_error = SIZE_MAX;
  BuildState b = {previous, parsers, text, syntax, NULL, 0, 0, '\\', -1, true, false, SIZE_MAX, {{NULL, 0, 0}, 0, 0, 0, false}};
  /* A splice keeps the first `kept` records in place, linked already, and
   * the stages before `first_stage` with their facts. */
  size_t first_stage = 0, kept = 0;
  if (!previous || !change || !dockerfile_splice(m, &b, change, &first_stage, &kept)) {
    if (previous) {
      b.reuse = previous->instrs.items;
      b.reuse_len = previous->instrs.len;
    }
    dockerfile_read_all(m, &b);
    model__index_kinds(m);
  }
  if (b.stage >= 0) m->stages.items[b.stage].last = m->instrs.len;
  dockerfile_link_workdirs(m, kept, b.linked_from);
  model__derive_facts(m, first_stage, kept, &b.tail_facts);
  array_delete(&b.tail_facts.events);
  return m;
}
