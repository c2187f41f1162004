/* Hovers on names and images: what a stage builds from, the value(s) a
 * variable may have where it is used, what a service runs (image or
 * build, ports, and the health check that applies — its own, or the one
 * it inherits from the Dockerfile it builds), and the facts the
 * official-image table holds about a base image, which are the facts the
 * rules act on. */
#include <string.h>
#include <strings.h>

#include "dockls/base/path.h"
#include "dockls/model/compose.h"
#include "dockls/model/dockerfile.h"
#include "dockls/model/dockerfile_spec.h"
#include "dockls/workspace/files.h"
#include "hover_parts.h"
#include "index.h"
#include "rules/internal.h"

static const char *fact_text(ImgFact f) { return f == IMG_YES ? "yes" : f == IMG_NO ? "no" : "unknown"; }

static const char *pkg_text(ImgPkg p) {
  switch (p) {
    case IMG_PKG_APK: return "apk";
    case IMG_PKG_APT: return "apt-get";
    case IMG_PKG_MICRODNF: return "microdnf";
    case IMG_PKG_NONE: return "none";
    case IMG_PKG_UNKNOWN: break;
  }
  return "unknown";
}

bool hover__image(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end) {
  const DockerfileModel *m = ws_kind(ws, id) == DOC_KIND_DOCKERFILE ? ws_dockerfile(ws, id) : NULL;
  for (size_t i = 0; m && i < m->stages.len; i++) {
    const DfStage *st = &m->stages.items[i];
    if (!st->image_raw || offset < st->image_start || offset > st->image_end || st->parent >= 0) continue;
    strbuf_appendf(md, "**%s**", st->image ? st->image : st->image_raw);
    if (!st->base_known) {
      strbuf_append(md, "\n\nNot in dockls's table of official images: rules that need its contents stay silent.");
    } else {
      const ImageFacts *f = &st->base_facts;
      strbuf_appendf(md, " (official image, table row %s)\n\n", f->row);
      strbuf_appendf(md, "- shell `/bin/sh`: %s\n- package manager: %s\n- curl: %s\n- wget: %s%s\n",
                     fact_text(f->shell), pkg_text(f->pkg), fact_text(f->curl), fact_text(f->wget),
                     f->wget_busybox == IMG_YES ? " (BusyBox)" : "");
      strbuf_appendf(md, "- default user: %s\n", f->default_user ? f->default_user : "unknown");
      if (f->ready_user) strbuf_appendf(md, "- non-root user available: `%s`\n", f->ready_user);
      if (f->family && strcmp(f->family, "php") == 0)
        strbuf_appendf(md, "- `PHPIZE_DEPS` kept after build: %s\n", fact_text(f->phpize_kept));
    }
    *start = st->image_start;
    *end = st->image_end;
    return true;
  }
  return false;
}

bool hover__flag(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end) {
  const DockerfileModel *m = ws_kind(ws, id) == DOC_KIND_DOCKERFILE ? ws_dockerfile(ws, id) : NULL;
  for (size_t i = 0; m && i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (offset < in->start || offset > in->end) continue;
    for (size_t f = 0; f < df_flags(in)->len; f++) {
      const DfFlag *flag = &df_flags(in)->items[f];
      if (offset < flag->start || offset > flag->name.end) continue;
      const DfFlagSpec *spec = dockerfile_flag_spec(in->kind, flag->name.text);
      if (spec) {
        strbuf_appendf(md, "**%s --%s**\n\n%s", dockerfile_kind_name(in->kind), flag->name.text, spec->doc);
        *start = flag->start;
        *end = flag->name.end;
        return true;
      }
    }
  }
  return false;
}

/* The lines of a variable's declarations, with their values. */
static void hover_variable(Workspace *ws, const SymIndex *ix, const SymOcc *at, StrBuf *md) {
  strbuf_appendf(md, "**$%s**%s\n", at->name, at->group < 0 ? " (global ARG)" : "");
  for (size_t i = 0; i < ix->occs.len; i++) {
    const SymOcc *o = &ix->occs.items[i];
    if (!o->declaration || !sym_same(o, at)) continue;
    const DockerfileModel *m = ws_dockerfile(ws, o->file);
    for (size_t k = 0; m && k < m->instrs.len; k++) {
      const DfInstr *in = &m->instrs.items[k];
      if (o->start < in->start || o->start >= in->end) continue;
      for (size_t p = 0; p < df_pairs(in)->len; p++)
        if (df_pairs(in)->items[p].key.start == o->start)
          strbuf_appendf(md, "\n- `%s %s%s%s` (line %u)", dockerfile_kind_name(in->kind), o->name,
                         df_pairs(in)->items[p].value.text ? "=" : "",
                         df_pairs(in)->items[p].value.text ? df_pairs(in)->items[p].value.text : "",
                         text_pos_of(ws_text(ws, o->file), o->start, POS_ENC_UTF8).line + 1);
      break;
    }
  }
}

static void hover_stage(Workspace *ws, const SymOcc *at, StrBuf *md) {
  const DockerfileModel *m = ws_dockerfile(ws, at->scope);
  const DfStage *st = m ? dockerfile_stage_named(m, at->name) : NULL;
  strbuf_appendf(md, "**stage %s**", at->name);
  if (!st) return;
  strbuf_appendf(md, " (stage %zu, line %u)\n\nBuilt from `%s`", st->index,
                 text_pos_of(ws_text(ws, at->scope), st->alias_start, POS_ENC_UTF8).line + 1,
                 st->image_raw ? st->image_raw : "?");
  if (st->parent >= 0) strbuf_append(md, " (an earlier stage)");
}

/* The length of a text without its trailing line break and blanks. */
static int trimmed_len(const char *text) {
  size_t n = strlen(text);
  while (n && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' ')) n--;
  return (int)n;
}

/* The health check a service ends up with: its own, else the
 * HEALTHCHECK of the stage it builds. */
static void hover_service_health(Workspace *ws, FileId id, const ComposeNode *svc, StrBuf *md) {
  const ComposeNode *hc = compose_get(svc, "healthcheck");
  if (hc) {
    const ComposeNode *test = compose_get(hc, "test");
    strbuf_appendf(md, "\n- health check: its own `healthcheck:`%s%s%s (it replaces any HEALTHCHECK of the image)",
                   test && compose_is_scalar(test) ? " `" : "", test && compose_is_scalar(test) ? test->text : "",
                   test && compose_is_scalar(test) ? "`" : "");
    return;
  }
  const char *path = ws_path(ws, id);
  char *ctx_dir = NULL, *df = NULL;
  const char *target = NULL;
  char *abs = path ? path_absolute(path) : NULL, *dir = abs ? path_dirname(abs) : NULL;
  FileId dfid;
  if (dir && rules__service_build(svc, dir, &ctx_dir, &df, &target) &&
      ws_read_as(ws, id, df, DOC_KIND_DOCKERFILE, &dfid)) {
    const DockerfileModel *m = ws_dockerfile(ws, dfid);
    const DfStage *st = m ? (target ? dockerfile_stage_named(m, target) : dockerfile_final_stage(m)) : NULL;
    const DfInstr *h = st ? dockerfile_last(m, st, DF_HEALTHCHECK, true) : NULL;
    if (h)
      strbuf_appendf(md, "\n- health check: inherited from the Dockerfile (line %u): `%.*s`",
                     text_pos_of(ws_text(ws, dfid), h->start, POS_ENC_UTF8).line + 1, trimmed_len(h->source),
                     h->source);
    else
      strbuf_append(md, "\n- health check: none (neither here nor in the Dockerfile)");
  } else {
    strbuf_append(md, "\n- health check: none here (the image's own, if it has one)");
  }
  xfree(ctx_dir);
  xfree(df);
  xfree(dir);
  xfree(abs);
}

static void hover_service(Workspace *ws, const SymOcc *at, StrBuf *md) {
  const ComposeModel *m = ws_compose(ws, at->scope);
  const ComposeNode *svc = m ? compose_get(m->services, at->name) : NULL;
  strbuf_appendf(md, "**service %s**\n", at->name);
  if (!svc) return;
  const char *image = compose_get_text(svc, "image");
  const ComposeNode *build = compose_get(svc, "build");
  if (image) strbuf_appendf(md, "\n- image: `%s`", image);
  if (build) {
    const char *context = compose_is_scalar(build) ? build->text : compose_get_text(build, "context");
    const char *file = compose_get_text(build, "dockerfile"), *target = compose_get_text(build, "target");
    strbuf_appendf(md, "\n- build: `%s`", context ? context : ".");
    if (file) strbuf_appendf(md, ", dockerfile `%s`", file);
    if (target) strbuf_appendf(md, ", target `%s`", target);
  }
  const ComposeNode *ports = compose_get(svc, "ports");
  for (size_t i = 0; ports && ports->kind == COMPOSE_NODE_SEQ && i < ports->nitems; i++)
    if (compose_is_scalar(ports->items[i])) strbuf_appendf(md, "%s`%s`", i ? ", " : "\n- ports: ", ports->items[i]->text);
  hover_service_health(ws, at->scope, svc, md);
}

bool hover__symbol(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end) {
  SymIndex ix;
  sym_index_build(ws, id, false, &ix);
  const SymOcc *at = sym_index_at(&ix, id, offset);
  if (at) {
    if (at->kind == SYM_VARIABLE) hover_variable(ws, &ix, at, md);
    else if (at->kind == SYM_STAGE) hover_stage(ws, at, md);
    else if (at->kind == SYM_SERVICE) hover_service(ws, at, md);
    else strbuf_appendf(md, "**%s %s**", sym_kind_name(at->kind), at->name);
    *start = at->start;
    *end = at->end;
  }
  sym_index_free(&ix);
  return at != NULL;
}
