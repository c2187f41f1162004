/* The wire format of the structure requests (documentSymbol, foldingRange,
 * semanticTokens, selectionRange) and of their server capabilities.  Split
 * from protocol.c by group of requests; the reading and writing helpers
 * are protocol.c's (protocol_wire.h). */
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/uri.h"
#include "protocol_wire.h"

static const char *const token_types[] = {
#define X(name, text) text,
    SEMANTIC_TOKEN_TYPES(X)
#undef X
};
static const char *const token_modifiers[] = {
#define X(name, text) text,
    SEMANTIC_TOKEN_MODIFIERS(X)
#undef X
};

void proto_structure_capabilities(cJSON *cap, unsigned advertised) {
  if (advertised & LSP_CAP_DOCUMENT_SYMBOL) cJSON_AddBoolToObject(cap, "documentSymbolProvider", true);
  if (advertised & LSP_CAP_FOLDING) cJSON_AddBoolToObject(cap, "foldingRangeProvider", true);
  if (advertised & LSP_CAP_DOCUMENT_LINK)
    cJSON_AddBoolToObject(cJSON_AddObjectToObject(cap, "documentLinkProvider"), "resolveProvider", false);
  if (advertised & LSP_CAP_SELECTION_RANGE) cJSON_AddBoolToObject(cap, "selectionRangeProvider", true);
  if (advertised & LSP_CAP_FORMATTING) cJSON_AddBoolToObject(cap, "documentFormattingProvider", true);
  if (advertised & LSP_CAP_RANGE_FORMATTING) cJSON_AddBoolToObject(cap, "documentRangeFormattingProvider", true);
  if (advertised & LSP_CAP_ON_TYPE_FORMATTING) {
    cJSON *on_type = cJSON_AddObjectToObject(cap, "documentOnTypeFormattingProvider");
    cJSON_AddStringToObject(on_type, "firstTriggerCharacter", "\n");
  }
  if (advertised & LSP_CAP_SEMANTIC_TOKENS) {
    cJSON *provider = cJSON_AddObjectToObject(cap, "semanticTokensProvider");
    cJSON *legend = cJSON_AddObjectToObject(provider, "legend");
    cJSON_AddItemToObject(legend, "tokenTypes",
                          cJSON_CreateStringArray(token_types, sizeof token_types / sizeof *token_types));
    cJSON_AddItemToObject(legend, "tokenModifiers",
                          cJSON_CreateStringArray(token_modifiers, sizeof token_modifiers / sizeof *token_modifiers));
    cJSON *full = cJSON_AddObjectToObject(provider, "full");
    cJSON_AddBoolToObject(full, "delta", true);
  }
}

/* LSP SymbolKind numbers for the outline's kinds. */
static int proto_symbol_kind(OutlineKind kind) {
  switch (kind) {
    case OUTLINE_STAGE: return 2;       /* Module */
    case OUTLINE_INSTRUCTION: return 24; /* Event: Docker runs it, it is not data */
    case OUTLINE_ARG: return 13;        /* Variable */
    case OUTLINE_SECTION: return 3;     /* Namespace */
    case OUTLINE_SERVICE: return 5;     /* Class */
    case OUTLINE_RESOURCE: return 19;   /* Object */
    case OUTLINE_KEY: return 7;         /* Property */
  }
  return 7;
}

/* Hierarchical DocumentSymbols: the outline is a preorder list with parent
 * indices, so each entry's JSON is added to its parent's `children`. */
static cJSON *proto_symbols_tree(LspSession *s, const OutlineResult *r) {
  cJSON *top = cJSON_CreateArray();
  cJSON **made = xcalloc(r->outline.len ? r->outline.len : 1, sizeof *made);
  for (size_t i = 0; i < r->outline.len; i++) {
    const OutlineEntry *e = &r->outline.items[i];
    cJSON *json = cJSON_CreateObject();
    cJSON_AddStringToObject(json, "name", e->name[0] ? e->name : "(empty)");
    if (e->detail) cJSON_AddStringToObject(json, "detail", e->detail);
    cJSON_AddNumberToObject(json, "kind", proto_symbol_kind(e->kind));
    cJSON_AddItemToObject(json, "range", proto_range(s, r->file, e->start, e->end));
    cJSON_AddItemToObject(json, "selectionRange", proto_range(s, r->file, e->name_start, e->name_end));
    made[i] = json;
    if (e->parent < 0) {
      cJSON_AddItemToArray(top, json);
    } else {
      cJSON *parent = made[e->parent];
      cJSON *children = cJSON_GetObjectItemCaseSensitive(parent, "children");
      if (!children) children = cJSON_AddArrayToObject(parent, "children");
      cJSON_AddItemToArray(children, json);
    }
  }
  xfree(made);
  return top;
}

/* Flat SymbolInformation for clients without hierarchy support: the
 * parent's name becomes the containerName. */
static cJSON *proto_symbols_flat(LspSession *s, const OutlineResult *r) {
  cJSON *list = cJSON_CreateArray();
  for (size_t i = 0; i < r->outline.len; i++) {
    const OutlineEntry *e = &r->outline.items[i];
    cJSON *json = cJSON_CreateObject();
    cJSON_AddStringToObject(json, "name", e->name[0] ? e->name : "(empty)");
    cJSON_AddNumberToObject(json, "kind", proto_symbol_kind(e->kind));
    cJSON *loc = cJSON_AddObjectToObject(json, "location");
    cJSON_AddStringToObject(loc, "uri", ws_uri(s->ws, r->file));
    cJSON_AddItemToObject(loc, "range", proto_range(s, r->file, e->start, e->end));
    if (e->parent >= 0) cJSON_AddStringToObject(json, "containerName", r->outline.items[e->parent].name);
    cJSON_AddItemToArray(list, json);
  }
  return list;
}

bool proto_call_document_symbol(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  DocumentRequestParams p;
  OutlineResult r;
  array_init(&r.outline);
  if (!proto_document_uri(params, &p.uri, err) || !lsp_document_symbols(s, &p, &r, err)) return false;
  *result = s->caps.hierarchical_symbols ? proto_symbols_tree(s, &r) : proto_symbols_flat(s, &r);
  analysis_outline_free(&r.outline);
  return true;
}

bool proto_call_folding_range(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  DocumentRequestParams p;
  FoldingResult r;
  array_init(&r.folds);
  if (!proto_document_uri(params, &p.uri, err) || !lsp_folding_ranges(s, &p, &r, err)) return false;
  const TextDoc *text = ws_text(s->ws, r.file);
  cJSON *list = cJSON_CreateArray();
  for (size_t i = 0; i < r.folds.len; i++) {
    const FoldRange *f = &r.folds.items[i];
    TextPos a = text_pos_of(text, f->start, s->enc), b = text_pos_of(text, f->end, s->enc);
    cJSON *json = cJSON_CreateObject();
    cJSON_AddNumberToObject(json, "startLine", a.line);
    cJSON_AddNumberToObject(json, "endLine", b.line);
    /* A client that folds whole lines only ignores characters anyway;
     * leaving them out keeps its answer exactly what it asked for. */
    if (!s->caps.line_folding_only) {
      cJSON_AddNumberToObject(json, "startCharacter", a.character);
      cJSON_AddNumberToObject(json, "endCharacter", b.character);
    }
    if (f->kind == FOLD_COMMENT) cJSON_AddStringToObject(json, "kind", "comment");
    else cJSON_AddStringToObject(json, "kind", "region");
    cJSON_AddItemToArray(list, json);
  }
  array_delete(&r.folds);
  *result = list;
  return true;
}

static cJSON *proto_u32_array(const U32Array *data) {
  cJSON *array = cJSON_CreateArray();
  for (size_t i = 0; i < data->len; i++) cJSON_AddItemToArray(array, cJSON_CreateNumber(data->items[i]));
  return array;
}

static bool proto_semantic_tokens(LspSession *s, const cJSON *params, cJSON **result, LspError *err,
                                  bool delta) {
  SemanticTokensParams p = {NULL, NULL};
  SemanticTokensResult r;
  memset(&r, 0, sizeof r);
  if (!proto_document_uri(params, &p.uri, err)) return false;
  if (delta && !proto_get_string(params, "previousResultId", &p.previous_result_id, err)) return false;
  if (!lsp_semantic_tokens(s, &p, &r, err)) return false;
  cJSON *json = cJSON_CreateObject();
  cJSON_AddStringToObject(json, "resultId", r.result_id);
  if (r.delta) {
    cJSON *edit = cJSON_CreateObject();
    cJSON_AddNumberToObject(edit, "start", (double)r.edit_start);
    cJSON_AddNumberToObject(edit, "deleteCount", (double)r.edit_delete);
    if (r.data.len) cJSON_AddItemToObject(edit, "data", proto_u32_array(&r.data));
    cJSON *edits = cJSON_AddArrayToObject(json, "edits");
    if (r.edit_delete || r.data.len) cJSON_AddItemToArray(edits, edit);
    else cJSON_Delete(edit);
  } else {
    cJSON_AddItemToObject(json, "data", proto_u32_array(&r.data));
  }
  array_delete(&r.data);
  *result = json;
  return true;
}

bool proto_call_semantic_tokens_full(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  return proto_semantic_tokens(s, params, result, err, false);
}

bool proto_call_semantic_tokens_delta(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  return proto_semantic_tokens(s, params, result, err, true);
}

bool proto_call_selection_range(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  SelectionRangeParams p;
  SelectionRangeResult r;
  array_init(&p.positions);
  array_init(&r.chains);
  const cJSON *positions = params ? cJSON_GetObjectItemCaseSensitive(params, "positions") : NULL;
  bool ok = proto_document_uri(params, &p.uri, err);
  if (ok && !cJSON_IsArray(positions))
    ok = lsp_fail(err, LSP_ERR_INVALID_PARAMS, "\"positions\" must be an array");
  const cJSON *item;
  if (ok) cJSON_ArrayForEach(item, positions) {
      TextPos pos;
      if (!(ok = proto_position(item, "positions[]", &pos, err))) break;
      array_push(&p.positions, pos);
    }
  ok = ok && lsp_selection_ranges(s, &p, &r, err);
  if (ok) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < r.chains.len; i++) {
      /* Built from the outermost range in, each wrapping the next as its
       * parent. */
      const ByteRangeArray *chain = &r.chains.items[i];
      cJSON *node = NULL;
      for (size_t k = chain->len; k-- > 0;) {
        cJSON *json = cJSON_CreateObject();
        cJSON_AddItemToObject(json, "range", proto_range(s, r.file, chain->items[k].start, chain->items[k].end));
        if (node) cJSON_AddItemToObject(json, "parent", node);
        node = json;
      }
      cJSON_AddItemToArray(list, node ? node : cJSON_CreateNull());
    }
    *result = list;
  }
  for (size_t i = 0; i < r.chains.len; i++) array_delete(&r.chains.items[i]);
  array_delete(&r.chains);
  array_delete(&p.positions);
  return ok;
}

/* The three formatting requests: params read by shape, edits written as
 * TextEdits.  Their `options` (tab size, spaces) are not read: a Dockerfile
 * continuation indent is four spaces whatever the editor's settings. */
static bool proto_formatting(LspSession *s, const cJSON *params, cJSON **result, LspError *err,
                             FormattingParams *p) {
  FormattingResult r;
  array_init(&r.edits);
  const cJSON *range = NULL;
  if (!proto_document_uri(params, &p->uri, err)) return false;
  if (p->has_range && (!proto_get_object(params, "range", &range, err) ||
                       !proto_position(cJSON_GetObjectItemCaseSensitive(range, "start"), "range.start", &p->start, err) ||
                       !proto_position(cJSON_GetObjectItemCaseSensitive(range, "end"), "range.end", &p->end, err)))
    return false;
  if (p->on_type && (!proto_position(cJSON_GetObjectItemCaseSensitive(params, "position"), "position", &p->start, err) ||
                     !proto_get_string(params, "ch", &p->ch, err)))
    return false;
  if (!lsp_formatting(s, p, &r, err)) return false;
  cJSON *list = cJSON_CreateArray();
  for (size_t i = 0; i < r.edits.len; i++) {
    cJSON *edit = cJSON_CreateObject();
    cJSON_AddItemToObject(edit, "range", proto_range(s, r.file, r.edits.items[i].start, r.edits.items[i].end));
    cJSON_AddStringToObject(edit, "newText", r.edits.items[i].text);
    cJSON_AddItemToArray(list, edit);
  }
  analysis_format_edits_free(&r.edits);
  *result = list;
  return true;
}

bool proto_call_formatting(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  FormattingParams p = {NULL, false, false, {0, 0}, {0, 0}, NULL};
  return proto_formatting(s, params, result, err, &p);
}

bool proto_call_range_formatting(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  FormattingParams p = {NULL, true, false, {0, 0}, {0, 0}, NULL};
  return proto_formatting(s, params, result, err, &p);
}

bool proto_call_on_type_formatting(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  FormattingParams p = {NULL, false, true, {0, 0}, {0, 0}, NULL};
  return proto_formatting(s, params, result, err, &p);
}

/* documentLink: each link's range and target, a file: URI for a path and
 * the page's address for an image; nothing is left to resolve later. */
bool proto_call_document_link(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  DocumentRequestParams p;
  LinksResult r;
  array_init(&r.links);
  if (!proto_document_uri(params, &p.uri, err) || !lsp_document_links(s, &p, &r, err)) return false;
  cJSON *list = cJSON_CreateArray();
  for (size_t i = 0; i < r.links.len; i++) {
    const DocLink *link = &r.links.items[i];
    cJSON *json = cJSON_CreateObject();
    cJSON_AddItemToObject(json, "range", proto_range(s, r.file, link->start, link->end));
    char *uri = link->path ? uri_from_path(link->path) : NULL;
    cJSON_AddStringToObject(json, "target", uri ? uri : link->url);
    xfree(uri);
    cJSON_AddItemToArray(list, json);
  }
  doclinks_free(&r.links);
  *result = list;
  return true;
}
