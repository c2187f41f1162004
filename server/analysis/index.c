/* The symbol index (index.h).  It is built per request from the models,
 * not kept: the models are already cached per document version, and one
 * pass over them costs far less than keeping a second cache coherent with
 * every edit of every linked file.
 *
 * Dockerfile variables are resolved the way the builder scopes them: a
 * global ARG (before the first FROM) is seen by FROM lines and by stages
 * that declare it again with a bare `ARG NAME`; an ARG or ENV in a stage
 * is seen by the later instructions of that stage, and an ENV also by the
 * stages built FROM it.  A variable's identity is therefore its name and
 * the FROM chain it lives in (its root stage), or the global scope when
 * the chain re-declares a global ARG: renaming it must rename all those
 * places together.  References that resolve to nothing (shell variables,
 * the predefined TARGETPLATFORM …) are not indexed. */
#include "index.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dockls/base/path.h"
#include "dockls/base/alloc.h"
#include "dockls/model/compose.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/parse.h"
#include "dockls/syntax/symbols.h"
#include "dockls/workspace/files.h"
#include "rules/internal.h"

static const char *const sym_kind_names[] = {"stage", "variable", "service", "network",
                                             "volume", "secret", "config", "heredoc delimiter"};

const char *sym_kind_name(SymKind kind) { return sym_kind_names[kind]; }

static void index_add(SymIndex *ix, SymKind kind, FileId scope, int group, const char *name,
                      size_t name_len, FileId file, size_t start, bool declaration, int stage) {
  SymOcc o = {kind, scope, group, xstrndup(name, name_len), file, start, start + name_len,
              declaration, stage};
  array_push(&ix->occs, o);
}

bool sym_same(const SymOcc *a, const SymOcc *b) {
  if (a->kind != b->kind || a->scope != b->scope || a->group != b->group) return false;
  /* The builder matches stage names case-insensitively. */
  return a->kind == SYM_STAGE ? strcasecmp(a->name, b->name) == 0 : strcmp(a->name, b->name) == 0;
}

/* ------------------------------------------------------------ Dockerfile */

/* One ARG or ENV key, for resolving references by name. */
typedef struct {
  const char *name;
  int stage;
  size_t instr;
  bool arg, has_value;
} VarDef;

typedef struct {
  const DockerfileModel *m;
  Array(VarDef) defs; /* sorted by name, then instruction */
} VarScope;

static int vardef_cmp(const void *a, const void *b) {
  const VarDef *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  if (c) return c;
  return x->instr < y->instr ? -1 : x->instr > y->instr;
}

/* The first definition of `name` (len bytes) in the sorted list, or NULL. */
static const VarDef *vars_first(const VarScope *vs, const char *name, size_t len, size_t *count) {
  size_t lo = 0, hi = vs->defs.len;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *n = vs->defs.items[mid].name;
    int c = strncmp(n, name, len);
    if (c == 0 && n[len] != '\0') c = 1;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  size_t end = lo;
  while (end < vs->defs.len && strncmp(vs->defs.items[end].name, name, len) == 0 &&
         vs->defs.items[end].name[len] == '\0')
    end++;
  *count = end - lo;
  return *count ? &vs->defs.items[lo] : NULL;
}

static int stage_root(const DockerfileModel *m, int stage) {
  while (stage >= 0 && m->stages.items[stage].parent >= 0) stage = m->stages.items[stage].parent;
  return stage;
}

static bool stage_in_chain(const DockerfileModel *m, int chain_of, int stage) {
  for (int s = chain_of; s >= 0; s = m->stages.items[s].parent)
    if (s == stage) return true;
  return false;
}

/* The group of variable `name` as seen from `stage`: the global scope
 * when the stage's chain re-declares a global ARG of that name, else the
 * chain's root stage. */
static int var_group(const VarScope *vs, const VarDef *defs, size_t n, int stage) {
  if (stage < 0) return -1;
  bool global = false, redeclared = false;
  for (size_t i = 0; i < n; i++) {
    if (defs[i].stage < 0) global = true;
    else if (defs[i].arg && !defs[i].has_value && stage_in_chain(vs->m, stage, defs[i].stage))
      redeclared = true;
  }
  return global && redeclared ? -1 : stage_root(vs->m, stage);
}

/* Whether a reference to the variable in instruction `instr` of `stage`
 * sees one of its definitions (FROM lines see only global ARGs). */
static bool var_visible(const VarScope *vs, const VarDef *defs, size_t n, int stage, size_t instr,
                        bool in_from) {
  for (size_t i = 0; i < n; i++) {
    const VarDef *d = &defs[i];
    if (d->instr >= instr) continue;
    if (d->stage < 0) {
      if (in_from) return true;
      continue;
    }
    if (in_from) continue;
    if (d->stage == stage) return true;
    if (!d->arg && stage_in_chain(vs->m, stage, d->stage)) return true;
  }
  /* A global ARG is seen in a stage only through its re-declaration,
   * which the loop above found when present. */
  return false;
}

static bool name_start(char c) { return isalpha((unsigned char)c) || c == '_'; }
static bool name_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* Indexes the $NAME and ${NAME…} references of text[from, to) that
 * resolve to an ARG or ENV. */
static void index_var_refs(SymIndex *ix, const VarScope *vs, FileId id, const char *text, size_t from,
                           size_t to, int stage, size_t instr, bool in_from) {
  for (size_t p = from; p < to; p++) {
    if (text[p] == vs->m->escape && p + 1 < to) {
      p++;
      continue;
    }
    if (text[p] != '$' || p + 1 >= to) continue;
    size_t s = p + 1 + (text[p + 1] == '{');
    if (s >= to || !name_start(text[s])) continue;
    size_t e = s;
    while (e < to && name_char(text[e])) e++;
    size_t n;
    const VarDef *defs = vars_first(vs, text + s, e - s, &n);
    p = e - 1;
    if (!defs || !var_visible(vs, defs, n, stage, instr, in_from)) continue;
    int group = in_from ? -1 : var_group(vs, defs, n, stage);
    index_add(ix, SYM_VARIABLE, id, group, text + s, e - s, id, s, false, stage);
  }
}

/* The stage named `name` (len bytes) among the stages before `before`;
 * -1 when none.  Stage numbers (`--from=0`) are not names and never
 * match, so rename cannot touch them. */
static int stage_by_name(const DockerfileModel *m, const char *name, size_t len, int before) {
  for (int i = 0; i < before && i < (int)m->stages.len; i++) {
    const char *alias = m->stages.items[i].alias;
    if (alias && strlen(alias) == len && strncasecmp(alias, name, len) == 0) return i;
  }
  return -1;
}

/* `--from=stage` of COPY/ADD and the `from=stage` keys of RUN --mount. */
static void index_stage_flags(SymIndex *ix, const DockerfileModel *m, FileId id, const DfInstr *in) {
  for (size_t f = 0; f < df_flags(in)->len; f++) {
    const DfFlag *flag = &df_flags(in)->items[f];
    const char *v = flag->value.text;
    if (!v) continue;
    if ((in->kind == DF_COPY || in->kind == DF_ADD) && strcmp(flag->name.text, "from") == 0) {
      int s = stage_by_name(m, v, strlen(v), in->stage);
      if (s >= 0 && flag->value.end - flag->value.start == strlen(v))
        index_add(ix, SYM_STAGE, id, 0, v, strlen(v), id, flag->value.start, false, in->stage);
    } else if (in->kind == DF_RUN && strcmp(flag->name.text, "mount") == 0 &&
               flag->value.end - flag->value.start == strlen(v)) {
      for (const char *p = v; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len > 5 && strncmp(p, "from=", 5) == 0 && stage_by_name(m, p + 5, len - 5, in->stage) >= 0)
          index_add(ix, SYM_STAGE, id, 0, p + 5, len - 5, id, flag->value.start + (size_t)(p + 5 - v),
                    false, in->stage);
        p += len + (comma != NULL);
      }
    }
  }
}

/* Every ARG and ENV key of the model, sorted by name. */
static void var_scope_build(const DockerfileModel *m, VarScope *vs) {
  vs->m = m;
  array_init(&vs->defs);
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->kind != DF_ARG && in->kind != DF_ENV) continue;
    for (size_t k = 0; k < df_pairs(in)->len; k++) {
      VarDef d = {df_pairs(in)->items[k].key.text, in->stage, i, in->kind == DF_ARG,
                  df_pairs(in)->items[k].value.text != NULL};
      array_push(&vs->defs, d);
    }
  }
  if (vs->defs.len) qsort(vs->defs.items, vs->defs.len, sizeof *vs->defs.items, vardef_cmp);
}

void sym_visible_variables(Workspace *ws, FileId id, size_t offset, StrArray *out) {
  const DockerfileModel *m = ws_kind(ws, id) == DOC_KIND_DOCKERFILE ? ws_dockerfile(ws, id) : NULL;
  if (!m) return;
  /* The instruction the offset is in, or the one that would be written
   * there: the later ones do not exist yet for the builder. */
  size_t instr = 0;
  while (instr < m->instrs.len && m->instrs.items[instr].end < offset) instr++;
  bool inside = instr < m->instrs.len && m->instrs.items[instr].start <= offset;
  int stage = instr > 0 ? m->instrs.items[instr - 1].stage : -1;
  bool in_from = false;
  if (inside) {
    stage = m->instrs.items[instr].stage;
    in_from = m->instrs.items[instr].kind == DF_FROM;
  }
  VarScope vs;
  var_scope_build(m, &vs);
  for (size_t i = 0; i < vs.defs.len;) {
    size_t n;
    const VarDef *defs = vars_first(&vs, vs.defs.items[i].name, strlen(vs.defs.items[i].name), &n);
    if (var_visible(&vs, defs, n, stage, instr, in_from)) array_push(out, xstrdup(defs->name));
    i += n;
  }
  array_delete(&vs.defs);
}

/* The delimiter word inside text[start, end): after `<<`, an optional `-`
 * and an optional quote, up to the closing quote; the closing line's word
 * without the tabs `<<-` allows before it. */
static bool heredoc_word(const char *text, size_t start, size_t end, bool opener, size_t *s, size_t *e) {
  size_t p = start;
  if (opener) {
    if (end - p < 3 || text[p] != '<' || text[p + 1] != '<') return false;
    p += 2;
    if (p < end && text[p] == '-') p++;
    if (p < end && (text[p] == '"' || text[p] == '\'')) {
      char q = text[p++];
      const char *close = memchr(text + p, q, end - p);
      if (!close) return false;
      end = (size_t)(close - text);
    }
  }
  while (p < end && (text[p] == ' ' || text[p] == '\t')) p++;
  while (end > p && (text[end - 1] == '\r' || text[end - 1] == '\n' || text[end - 1] == ' ')) end--;
  *s = p;
  *e = end;
  return end > p;
}

/* Collects an instruction's heredoc openers and closing words in order:
 * the i-th opener is closed by the i-th closing word. */
static void heredoc_nodes(TSNode node, TSNode *markers, size_t *nm, TSNode *ends, size_t *ne, size_t cap) {
  TSTreeCursor c = ts_tree_cursor_new(node);
  bool more = ts_tree_cursor_goto_first_child(&c);
  while (more) {
    TSNode n = ts_tree_cursor_current_node(&c);
    TSSymbol sym = ts_node_symbol(n);
    if (sym == dockerfile_symbols()->heredoc_marker && *nm < cap) {
      markers[(*nm)++] = n;
    } else if (sym == dockerfile_symbols()->heredoc_end && *ne < cap) {
      ends[(*ne)++] = n;
    } else if (ts_node_child_count(n) > 0) {
      heredoc_nodes(n, markers, nm, ends, ne, cap);
    }
    more = ts_tree_cursor_goto_next_sibling(&c);
  }
  ts_tree_cursor_delete(&c);
}

/* Heredoc delimiters: the opener's word declares, the closing word uses.
 * The group is the instruction's offset, so the EOF of one RUN is not the
 * EOF of the next. */
static void index_heredocs(Workspace *ws, FileId id, const DockerfileModel *m, SymIndex *ix) {
  const Syntax *syntax = ws_syntax(ws, id);
  if (!syntax) return;
  const char *text = ws_text(ws, id)->bytes;
  size_t count;
  const TSNode *top = syntax_top_nodes(syntax, &count);
  size_t k = 0;
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (!in->heredoc) continue;
    while (k < count && ts_node_start_byte(top[k]) < in->start) k++;
    if (k == count || ts_node_start_byte(top[k]) != in->start) continue;
    enum { MAX_HEREDOCS = 16 };
    TSNode markers[MAX_HEREDOCS], ends[MAX_HEREDOCS];
    size_t nm = 0, ne = 0;
    heredoc_nodes(top[k], markers, &nm, ends, &ne, MAX_HEREDOCS);
    for (size_t h = 0; h < nm; h++) {
      size_t s, e, es, ee;
      if (!heredoc_word(text, ts_node_start_byte(markers[h]), ts_node_end_byte(markers[h]), true, &s, &e)) continue;
      int group = (int)in->start;
      index_add(ix, SYM_HEREDOC, id, group, text + s, e - s, id, s, true, in->stage);
      if (h < ne && heredoc_word(text, ts_node_start_byte(ends[h]), ts_node_end_byte(ends[h]), false, &es, &ee) &&
          ee - es == e - s && memcmp(text + es, text + s, e - s) == 0)
        index_add(ix, SYM_HEREDOC, id, group, text + es, ee - es, id, es, false, in->stage);
    }
  }
}

static void index_dockerfile(Workspace *ws, FileId id, SymIndex *ix) {
  const DockerfileModel *m = ws_dockerfile(ws, id);
  if (!m) return;
  const char *text = ws_text(ws, id)->bytes;
  VarScope vs;
  var_scope_build(m, &vs);
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    if (st->alias && st->alias_end > st->alias_start)
      index_add(ix, SYM_STAGE, id, 0, st->alias, strlen(st->alias), id, st->alias_start, true, (int)s);
    if (st->parent >= 0 && st->image_raw &&
        strcasecmp(st->image_raw, m->stages.items[st->parent].alias) == 0)
      index_add(ix, SYM_STAGE, id, 0, st->image_raw, strlen(st->image_raw), id, st->image_start, false,
                (int)s);
  }
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    index_stage_flags(ix, m, id, in);
    for (size_t k = 0; (in->kind == DF_ARG || in->kind == DF_ENV) && k < df_pairs(in)->len; k++) {
      const DfPair *p = &df_pairs(in)->items[k];
      size_t n;
      const VarDef *defs = vars_first(&vs, p->key.text, strlen(p->key.text), &n);
      int group = var_group(&vs, defs, n, in->stage);
      index_add(ix, SYM_VARIABLE, id, group, p->key.text, strlen(p->key.text), id, p->key.start, true,
                in->stage);
    }
    /* The builder does not expand variables in the exec form. */
    bool exec = in->exec_form && (in->kind == DF_RUN || in->kind == DF_CMD || in->kind == DF_ENTRYPOINT);
    if (!exec && vs.defs.len)
      index_var_refs(ix, &vs, id, text, in->keyword_end, in->end, in->stage, i, in->kind == DF_FROM);
  }
  array_delete(&vs.defs);
  index_heredocs(ws, id, m, ix);
}

/* --------------------------------------------------------------- compose */

/* A reference to text[off, off+len) of a scalar, when the scalar is a
 * verbatim copy of its source (else its offsets are unknown). */
static void index_scalar(SymIndex *ix, SymKind kind, FileId scope, FileId file, const ComposeNode *node,
                         size_t off, size_t len) {
  size_t start;
  if (!compose_is_scalar(node) || !node->text || len == 0 || !compose_text_offset(node, off, &start)) return;
  index_add(ix, kind, scope, 0, node->text + off, len, file, start, false, -1);
}

/* The part of a scalar before the first ':' ("db:alias", "vol:ro"). */
static size_t before_colon(const ComposeNode *node) {
  if (!compose_is_scalar(node) || !node->text) return 0;
  const char *colon = strchr(node->text, ':');
  return colon ? (size_t)(colon - node->text) : strlen(node->text);
}

/* Items that are names, or `{source: name}` mappings (secrets, configs),
 * or a mapping keyed by the names (networks). */
static void index_name_list(SymIndex *ix, SymKind kind, FileId id, const ComposeNode *list) {
  if (!list) return;
  if (list->kind == COMPOSE_NODE_MAP) {
    for (size_t i = 0; i < list->npairs; i++) {
      const ComposePair *p = &list->pairs[i];
      if (!p->merged) index_add(ix, kind, id, 0, p->key, strlen(p->key), id, p->key_start, false, -1);
    }
    return;
  }
  for (size_t i = 0; list->kind == COMPOSE_NODE_SEQ && i < list->nitems; i++) {
    const ComposeNode *item = list->items[i];
    if (item->kind == COMPOSE_NODE_MAP) item = compose_get(item, "source");
    if (item && compose_is_scalar(item) && item->text) index_scalar(ix, kind, id, id, item, 0, strlen(item->text));
  }
}

static void index_declarations(SymIndex *ix, SymKind kind, FileId id, const ComposeNode *map) {
  for (size_t i = 0; map && map->kind == COMPOSE_NODE_MAP && i < map->npairs; i++) {
    const ComposePair *p = &map->pairs[i];
    if (!p->merged && strncmp(p->key, "x-", 2) != 0)
      index_add(ix, kind, id, 0, p->key, strlen(p->key), id, p->key_start, true, -1);
  }
}

/* `build.target` as a reference to a stage of the Dockerfile the service
 * builds, when that stage exists. */
static void index_target(Workspace *ws, SymIndex *ix, FileId id, const char *dir, const ComposeNode *svc,
                         FileId only_dockerfile, bool restrict_to) {
  char *ctx_dir, *df;
  const char *target;
  if (!dir || !rules__service_build(svc, dir, &ctx_dir, &df, &target)) return;
  FileId dfid;
  const ComposeNode *node = compose_get(compose_get(svc, "build"), "target");
  if (target && node && ws_read_as(ws, id, df, DOC_KIND_DOCKERFILE, &dfid) &&
      (!restrict_to || dfid == only_dockerfile)) {
    const DockerfileModel *m = ws_dockerfile(ws, dfid);
    if (m && stage_by_name(m, target, strlen(target), (int)m->stages.len) >= 0)
      index_scalar(ix, SYM_STAGE, dfid, id, node, 0, strlen(target));
  }
  xfree(ctx_dir);
  xfree(df);
}

/* `extends: {file: F, service: NAME}`: a reference to service NAME of
 * compose file F (relative to this file's folder), when F declares it.
 * F is read through files.h, so an open buffer of F is the one indexed. */
static void index_extends_file(Workspace *ws, SymIndex *ix, FileId id, const char *dir, const ComposeNode *svc) {
  const ComposeNode *extends = compose_get(svc, "extends");
  const ComposeNode *file = compose_get(extends, "file"), *name = compose_get(extends, "service");
  if (!file || !compose_is_scalar(file) || !file->text || !compose_is_scalar(name) || !name->text ||
      strchr(file->text, '$'))
    return;
  char *path = path_join(dir, file->text);
  FileId ext;
  if (ws_read_as(ws, id, path, DOC_KIND_COMPOSE, &ext)) {
    const ComposeModel *m = ws_compose(ws, ext);
    if (m && m->services && compose_get(m->services, name->text))
      index_scalar(ix, SYM_SERVICE, ext, id, name, 0, strlen(name->text));
  }
  xfree(path);
}

/* The absolute folder of a document (NULL when it has no path). */
static char *doc_dir(const Workspace *ws, FileId id) {
  const char *path = ws_path(ws, id);
  if (!path) return NULL;
  char *abs = path_absolute(path), *dir = path_dirname(abs);
  xfree(abs);
  return dir;
}

static void index_service(SymIndex *ix, FileId id, const ComposeNode *svc) {
  const ComposeNode *deps = compose_get(svc, "depends_on");
  if (deps && deps->kind == COMPOSE_NODE_MAP) {
    index_name_list(ix, SYM_SERVICE, id, deps);
  } else if (deps && deps->kind == COMPOSE_NODE_SEQ) {
    for (size_t i = 0; i < deps->nitems; i++)
      index_scalar(ix, SYM_SERVICE, id, id, deps->items[i], 0, before_colon(deps->items[i]));
  }
  const ComposeNode *links = compose_get(svc, "links");
  for (size_t i = 0; links && links->kind == COMPOSE_NODE_SEQ && i < links->nitems; i++)
    index_scalar(ix, SYM_SERVICE, id, id, links->items[i], 0, before_colon(links->items[i]));
  const ComposeNode *from = compose_get(svc, "volumes_from");
  for (size_t i = 0; from && from->kind == COMPOSE_NODE_SEQ && i < from->nitems; i++) {
    const ComposeNode *item = from->items[i];
    if (compose_is_scalar(item) && item->text && strncmp(item->text, "container:", 10) != 0)
      index_scalar(ix, SYM_SERVICE, id, id, item, 0, before_colon(item));
  }
  const ComposeNode *extends = compose_get(svc, "extends");
  /* `extends: web`, or `extends: {service: web}` without a `file`
   * (with one, the service is in that other file: index_extends_file). */
  if (extends && compose_is_scalar(extends) && extends->text) {
    index_scalar(ix, SYM_SERVICE, id, id, extends, 0, strlen(extends->text));
  } else if (extends && !compose_get(extends, "file")) {
    const ComposeNode *name = compose_get(extends, "service");
    if (name && compose_is_scalar(name) && name->text)
      index_scalar(ix, SYM_SERVICE, id, id, name, 0, strlen(name->text));
  }
  const ComposeNode *mode = compose_get(svc, "network_mode");
  if (mode && compose_is_scalar(mode) && mode->text && strncmp(mode->text, "service:", 8) == 0)
    index_scalar(ix, SYM_SERVICE, id, id, mode, 8, strlen(mode->text) - 8);
  index_name_list(ix, SYM_NETWORK, id, compose_get(svc, "networks"));
  index_name_list(ix, SYM_SECRET, id, compose_get(svc, "secrets"));
  index_name_list(ix, SYM_CONFIG, id, compose_get(svc, "configs"));
  index_name_list(ix, SYM_SECRET, id, compose_get(compose_get(svc, "build"), "secrets"));
  const ComposeNode *volumes = compose_get(svc, "volumes");
  for (size_t i = 0; volumes && volumes->kind == COMPOSE_NODE_SEQ && i < volumes->nitems; i++) {
    ComposeMount mount;
    if (compose_mount_parse(volumes->items[i], &mount) && mount.kind == COMPOSE_MOUNT_VOLUME && mount.source)
      index_scalar(ix, SYM_VOLUME, id, id, mount.source, mount.source_off, mount.source_len);
  }
}

/* What index_compose follows into other files, as bits. */
enum { LINK_TARGETS = 1, LINK_EXTENDS = 2 };

/* Indexes compose file `id`; with LINK_TARGETS, its `build.target`s too
 * (all of them, or with `restrict_to` only those into `dockerfile`); with
 * LINK_EXTENDS, the services it extends from other files. */
static void index_compose(Workspace *ws, FileId id, SymIndex *ix, unsigned links, FileId dockerfile,
                          bool restrict_to) {
  const ComposeModel *m = ws_compose(ws, id);
  if (!m || !m->root || m->legacy_v1) return;
  index_declarations(ix, SYM_SERVICE, id, m->services);
  index_declarations(ix, SYM_NETWORK, id, compose_get(m->root, "networks"));
  index_declarations(ix, SYM_VOLUME, id, compose_get(m->root, "volumes"));
  index_declarations(ix, SYM_SECRET, id, compose_get(m->root, "secrets"));
  index_declarations(ix, SYM_CONFIG, id, compose_get(m->root, "configs"));
  char *dir = links ? doc_dir(ws, id) : NULL;
  for (size_t i = 0; m->services && m->services->kind == COMPOSE_NODE_MAP && i < m->services->npairs; i++) {
    const ComposeNode *svc = m->services->pairs[i].value;
    index_service(ix, id, svc);
    if (dir && (links & LINK_TARGETS)) index_target(ws, ix, id, dir, svc, dockerfile, restrict_to);
    if (dir && (links & LINK_EXTENDS)) index_extends_file(ws, ix, id, dir, svc);
  }
  xfree(dir);
}

/* ------------------------------------------------------------ cross-file */

static void add_unique(FileIdArray *ids, FileId id) {
  for (size_t i = 0; i < ids->len; i++)
    if (ids->items[i] == id) return;
  array_push(ids, id);
}

/* The compose files that may build Dockerfile `id`, or extend compose
 * file `id`: those the build-context rules look at (the standard names in
 * its folder and the two above, and the open compose documents). */
static void compose_candidates(Workspace *ws, FileId id, FileIdArray *out) {
  char *dir = doc_dir(ws, id);
  FileIdArray near;
  array_init(&near);
  if (dir) rules__standard_composes(ws, id, dir, &near);
  for (size_t i = 0; i < near.len; i++) add_unique(out, near.items[i]);
  array_delete(&near);
  xfree(dir);
  for (FileId c = 0; c < ws_id_limit(ws); c++)
    if (ws_is_live(ws, c) && ws_is_open(ws, c) && ws_kind(ws, c) == DOC_KIND_COMPOSE) add_unique(out, c);
}

static int occ_cmp(const void *a, const void *b) {
  const SymOcc *x = a, *y = b;
  if (x->file != y->file) return x->file < y->file ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

void sym_index_build(Workspace *ws, FileId id, bool cross_file, SymIndex *out) {
  array_init(&out->occs);
  if (ws_kind(ws, id) == DOC_KIND_DOCKERFILE) {
    index_dockerfile(ws, id, out);
    if (cross_file) {
      FileIdArray composes;
      array_init(&composes);
      compose_candidates(ws, id, &composes);
      for (size_t i = 0; i < composes.len; i++) index_compose(ws, composes.items[i], out, LINK_TARGETS, id, true);
      array_delete(&composes);
    }
  } else if (ws_kind(ws, id) == DOC_KIND_COMPOSE) {
    index_compose(ws, id, out, cross_file ? LINK_TARGETS | LINK_EXTENDS : 0, 0, false);
    if (cross_file) {
      /* The compose files linked through `extends.file`: those this one
       * extends from (their own references to the service count too), and
       * those near it or open that may extend it, or the same files. */
      FileIdArray composes;
      array_init(&composes);
      for (size_t i = 0; i < out->occs.len; i++)
        if (out->occs.items[i].kind == SYM_SERVICE && out->occs.items[i].scope != id)
          add_unique(&composes, out->occs.items[i].scope);
      compose_candidates(ws, id, &composes);
      for (size_t i = 0; i < composes.len; i++)
        if (composes.items[i] != id) index_compose(ws, composes.items[i], out, LINK_EXTENDS, 0, false);
      array_delete(&composes);
      /* The Dockerfiles named by the targets found: their stages are the
       * declarations the targets refer to. */
      FileIdArray dockerfiles;
      array_init(&dockerfiles);
      for (size_t i = 0; i < out->occs.len; i++)
        if (out->occs.items[i].kind == SYM_STAGE) add_unique(&dockerfiles, out->occs.items[i].scope);
      for (size_t i = 0; i < dockerfiles.len; i++) index_dockerfile(ws, dockerfiles.items[i], out);
      array_delete(&dockerfiles);
    }
  }
  /* Merge keys make one anchored node appear under several services:
   * keep each place once. */
  if (out->occs.len) qsort(out->occs.items, out->occs.len, sizeof *out->occs.items, occ_cmp);
  size_t kept = 0;
  for (size_t i = 0; i < out->occs.len; i++) {
    SymOcc *o = &out->occs.items[i];
    if (kept && out->occs.items[kept - 1].file == o->file && out->occs.items[kept - 1].start == o->start) {
      xfree(o->name);
      continue;
    }
    out->occs.items[kept++] = *o;
  }
  out->occs.len = kept;
}

void sym_index_free(SymIndex *self) {
  for (size_t i = 0; i < self->occs.len; i++) xfree(self->occs.items[i].name);
  array_delete(&self->occs);
}

const SymOcc *sym_index_at(const SymIndex *self, FileId file, size_t offset) {
  for (size_t i = 0; i < self->occs.len; i++) {
    const SymOcc *o = &self->occs.items[i];
    if (o->file == file && o->start <= offset && offset <= o->end) return o;
  }
  return NULL;
}
