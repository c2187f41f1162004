/* The outline (documentSymbol): Dockerfile stages with their instructions
 * nested under them, global ARGs at the top; compose top-level sections
 * with services and declared resources under them and every key of those
 * nested in turn.  Compose is read from the YAML tree rather than from the
 * resolved model, because the outline is about what is written where: a
 * merged (`<<: *a`) key lives in its anchor's place and is listed there. */
#include <ctype.h>
#include <string.h>

#include "dockls/analysis/structure.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/node.h"
#include "dockls/syntax/symbols.h"

/* Nested compose keys deeper than this are left out: an outline is for
 * finding one's way, and a deep tree only makes the list longer. */
enum { OUTLINE_MAX_DEPTH = 6, OUTLINE_NAME_MAX = 60 };

/* The end of a range without the line break and blanks that trail it, so
 * that an entry ends on its own last line. */
static size_t outline_trim_end(const char *bytes, size_t start, size_t end) {
  while (end > start && isspace((unsigned char)bytes[end - 1])) end--;
  return end;
}

static size_t outline_push(OutlineArray *out, char *name, char *detail, OutlineKind kind, size_t start,
                           size_t end, size_t name_start, size_t name_end, ptrdiff_t parent) {
  OutlineEntry e = {name, detail, kind, start, end, name_start, name_end, parent};
  array_push(out, e);
  return out->len - 1;
}

/* An instruction's name: its first line from the keyword on, with the
 * keyword upper-cased, the continuation character dropped and cut at
 * OUTLINE_NAME_MAX bytes (on a UTF-8 boundary). */
static char *outline_instruction_name(const char *bytes, const DfInstr *in, char escape) {
  size_t end = in->keyword_start;
  while (end < in->end && bytes[end] != '\n' && bytes[end] != '\r') end++;
  end = outline_trim_end(bytes, in->keyword_start, end);
  if (end > in->keyword_start && bytes[end - 1] == escape)
    end = outline_trim_end(bytes, in->keyword_start, end - 1);
  bool cut = false;
  if (end - in->keyword_start > OUTLINE_NAME_MAX) {
    end = in->keyword_start + OUTLINE_NAME_MAX;
    while (end > in->keyword_start && ((unsigned char)bytes[end] & 0xC0) == 0x80) end--;
    cut = true;
  }
  StrBuf name = STRBUF_INIT;
  for (size_t i = in->keyword_start; i < end; i++)
    strbuf_append_char(&name, i < in->keyword_end ? (char)toupper((unsigned char)bytes[i]) : bytes[i]);
  if (cut) strbuf_append(&name, "…");
  return strbuf_take(&name);
}

static void outline_dockerfile(Workspace *ws, FileId id, OutlineArray *out) {
  const DockerfileModel *m = ws_dockerfile(ws, id);
  const char *bytes = ws_text(ws, id)->bytes;
  ptrdiff_t parent = -1;
  int current = -1;
  for (size_t i = 0; i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->kind == DF_FROM && in->stage >= 0) {
      const DfStage *st = &m->stages.items[in->stage];
      const DfInstr *last = &m->instrs.items[st->last > st->first ? st->last - 1 : i];
      size_t end = outline_trim_end(bytes, in->start, last->end > in->end ? last->end : in->end);
      char *name = NULL, *detail = NULL;
      StrBuf b = STRBUF_INIT;
      if (st->alias) {
        name = xstrdup(st->alias);
        if (st->image_raw) detail = xstrdup(st->image_raw);
      } else {
        strbuf_appendf(&b, "stage %zu", st->index);
        name = strbuf_take(&b);
        if (st->image_raw) detail = xstrdup(st->image_raw);
      }
      size_t name_start = st->image_start < st->image_end ? st->image_start : in->keyword_start;
      size_t name_end = st->image_start < st->image_end ? st->image_end : in->keyword_end;
      parent = (ptrdiff_t)outline_push(out, name, detail, OUTLINE_STAGE, in->start, end, name_start,
                                       name_end, -1);
      current = in->stage;
    }
    OutlineKind kind = in->stage < 0 && in->kind == DF_ARG ? OUTLINE_ARG : OUTLINE_INSTRUCTION;
    size_t end = outline_trim_end(bytes, in->start, in->end);
    outline_push(out, outline_instruction_name(bytes, in, m->escape), NULL, kind, in->start, end,
                 in->keyword_start, in->keyword_end, in->stage >= 0 && in->stage == current ? parent : -1);
  }
}

/* The decoded text of a YAML key (a flow_node holding a scalar). */
static char *outline_key_text(TSNode key, const char *bytes) {
  TSNode scalar = ts_node_named_child_count(key) ? ts_node_named_child(key, 0) : key;
  return node_scalar_text(scalar, bytes);
}

static OutlineKind outline_compose_kind(int depth, const char *section) {
  if (depth == 0) return OUTLINE_SECTION;
  if (depth == 1 && section) {
    if (strcmp(section, "services") == 0) return OUTLINE_SERVICE;
    if (strcmp(section, "networks") == 0 || strcmp(section, "volumes") == 0 ||
        strcmp(section, "secrets") == 0 || strcmp(section, "configs") == 0)
      return OUTLINE_RESOURCE;
  }
  return OUTLINE_KEY;
}

/* The mapping a block_node or flow_node holds (after an anchor or tag), or
 * a null node. */
static TSNode outline_mapping_of(TSNode value) {
  const YamlSymbols *y = yaml_symbols();
  if (node_has(value, y->block_mapping) || node_has(value, y->flow_mapping)) return value;
  if (!node_has(value, y->block_node) && !node_has(value, y->flow_node)) return (TSNode){0};
  TSNode m = node_child_of_type(value, y->block_mapping);
  return ts_node_is_null(m) ? node_child_of_type(value, y->flow_mapping) : m;
}

/* The entries of a mapping's pairs, read through the syntax layer's walk:
 * a split document's `services:` mapping has its services in several
 * trees. */
static void outline_compose_map(const Syntax *syntax, TSNode map, const char *bytes, int depth, const char *section,
                                ptrdiff_t parent, OutlineArray *out) {
  const YamlSymbols *y = yaml_symbols();
  SyntaxChildren c;
  for (bool more = syntax_children_first(&c, syntax, map); more; more = syntax_children_next(&c)) {
    TSNode pair = syntax_children_node(&c);
    if (!node_has(pair, y->block_mapping_pair) && !node_has(pair, y->flow_pair)) continue;
    TSNode key = ts_node_child_by_field_name(pair, "key", 3);
    if (ts_node_is_null(key)) continue;
    char *name = outline_key_text(key, bytes);
    size_t start = ts_node_start_byte(pair), end = outline_trim_end(bytes, start, ts_node_end_byte(pair));
    size_t index = outline_push(out, name, NULL, outline_compose_kind(depth, section), start, end,
                                ts_node_start_byte(key), ts_node_end_byte(key), parent);
    TSNode inner = outline_mapping_of(ts_node_child_by_field_name(pair, "value", 5));
    if (!ts_node_is_null(inner) && depth + 1 < OUTLINE_MAX_DEPTH)
      outline_compose_map(syntax, inner, bytes, depth + 1, depth == 0 ? out->items[index].name : section,
                          (ptrdiff_t)index, out);
  }
  syntax_children_end(&c);
}

static void outline_compose(Workspace *ws, FileId id, OutlineArray *out) {
  const Syntax *syntax = ws_syntax(ws, id);
  if (!syntax) return;
  const YamlSymbols *y = yaml_symbols();
  TSNode root = syntax_root_at(syntax, 0);
  TSNode doc = node_child_of_type(root, y->document);
  if (ts_node_is_null(doc)) return;
  TSNode top = outline_mapping_of(node_child_of_type(doc, y->block_node));
  if (ts_node_is_null(top)) top = outline_mapping_of(node_child_of_type(doc, y->flow_node));
  if (!ts_node_is_null(top)) outline_compose_map(syntax, top, ws_text(ws, id)->bytes, 0, NULL, -1, out);
}

void analysis_outline(Workspace *ws, FileId id, OutlineArray *out) {
  switch (ws_kind(ws, id)) {
    case DOC_KIND_DOCKERFILE: outline_dockerfile(ws, id, out); break;
    case DOC_KIND_COMPOSE: outline_compose(ws, id, out); break;
    default: break;
  }
}

void analysis_outline_free(OutlineArray *outline) {
  for (size_t i = 0; i < outline->len; i++) {
    xfree(outline->items[i].name);
    xfree(outline->items[i].detail);
  }
  array_delete(outline);
}
