/* Requests about a document's structure: documentSymbol, foldingRange,
 * semanticTokens (full and full/delta) and selectionRange.  The analysis
 * layer computes them in byte offsets; here they become what the protocol
 * counts in, and semantic tokens are encoded (relative lines and columns in
 * the negotiated encoding, one token per line) and diffed against the data
 * last sent for the document. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "lsp_internal.h"

bool lsp_document_symbols(LspSession *s, const DocumentRequestParams *params, OutlineResult *result,
                          LspError *err) {
  if (!lsp_document(s, params->uri, &result->file, err)) return false;
  analysis_outline(s->ws, result->file, &result->outline);
  return true;
}

bool lsp_folding_ranges(LspSession *s, const DocumentRequestParams *params, FoldingResult *result,
                        LspError *err) {
  if (!lsp_document(s, params->uri, &result->file, err)) return false;
  analysis_folding(s->ws, result->file, &result->folds);
  return true;
}

/* Appends one token to the wire data: five numbers, the line and start
 * relative to the previous token (*line, *character), then the length, the
 * type and the modifier bits. */
static void structure_encode(U32Array *data, TextPos from, uint32_t length, uint32_t type,
                             uint32_t modifiers, TextPos *previous) {
  uint32_t delta_line = from.line - previous->line;
  uint32_t delta_start = delta_line ? from.character : from.character - previous->character;
  uint32_t entry[5] = {delta_line, delta_start, length, type, modifiers};
  for (size_t i = 0; i < 5; i++) array_push(data, entry[i]);
  *previous = from;
}

/* Encodes the tokens; one that spans lines is sent as one token per line,
 * since most clients cannot take multi-line tokens. */
static void structure_encode_all(LspSession *s, FileId id, const SemanticTokenArray *tokens,
                                 U32Array *data) {
  const TextDoc *text = ws_text(s->ws, id);
  TextPos previous = {0, 0};
  for (size_t i = 0; i < tokens->len; i++) {
    const SemanticToken *t = &tokens->items[i];
    TextPos a = text_pos_of(text, t->start, s->enc), b = text_pos_of(text, t->end, s->enc);
    for (uint32_t line = a.line; line <= b.line; line++) {
      TextPos from = line == a.line ? a : (TextPos){line, 0};
      uint32_t to = line == b.line ? b.character
                                   : text_pos_of(text, text_line_end(text, line), s->enc).character;
      if (to > from.character) structure_encode(data, from, to - from.character, t->type, t->modifiers, &previous);
    }
  }
}

bool lsp_semantic_tokens(LspSession *s, const SemanticTokensParams *params, SemanticTokensResult *result,
                         LspError *err) {
  FileId id;
  if (!lsp_document(s, params->uri, &id, err)) return false;
  SemanticTokenArray tokens;
  array_init(&tokens);
  analysis_semantic_tokens(s->ws, id, &tokens);
  U32Array data;
  array_init(&data);
  structure_encode_all(s, id, &tokens, &data);
  array_delete(&tokens);
  DiagCache *cache = lsp_cache_slot(s, id);
  snprintf(result->result_id, sizeof result->result_id, "%llu", (unsigned long long)++s->tokens_generation);
  result->delta = params->previous_result_id && cache->tokens_id[0] &&
                  strcmp(params->previous_result_id, cache->tokens_id) == 0;
  array_init(&result->data);
  if (result->delta) {
    /* One edit: what lies between the common prefix and the common
     * suffix of the old and the new data. */
    size_t old_len = cache->tokens.len, new_len = data.len, prefix = 0, suffix = 0;
    while (prefix < old_len && prefix < new_len && cache->tokens.items[prefix] == data.items[prefix]) prefix++;
    while (suffix < old_len - prefix && suffix < new_len - prefix &&
           cache->tokens.items[old_len - 1 - suffix] == data.items[new_len - 1 - suffix])
      suffix++;
    result->edit_start = prefix;
    result->edit_delete = old_len - prefix - suffix;
    for (size_t i = prefix; i < new_len - suffix; i++) array_push(&result->data, data.items[i]);
    array_delete(&cache->tokens);
    cache->tokens = data;
  } else {
    array_delete(&cache->tokens);
    cache->tokens = data;
    for (size_t i = 0; i < data.len; i++) array_push(&result->data, data.items[i]);
  }
  memcpy(cache->tokens_id, result->result_id, sizeof cache->tokens_id);
  return true;
}

bool lsp_selection_ranges(LspSession *s, const SelectionRangeParams *params, SelectionRangeResult *result,
                          LspError *err) {
  if (!lsp_document(s, params->uri, &result->file, err)) return false;
  for (size_t i = 0; i < params->positions.len; i++) {
    size_t offset;
    if (!lsp_offset(s, result->file, params->positions.items[i], "position", &offset, err)) return false;
    ByteRangeArray chain;
    array_init(&chain);
    analysis_selection(s->ws, result->file, offset, &chain);
    array_push(&result->chains, chain);
  }
  return true;
}

bool lsp_formatting(LspSession *s, const FormattingParams *params, FormattingResult *result, LspError *err) {
  size_t start = 0, end = SIZE_MAX;
  if (!lsp_document(s, params->uri, &result->file, err)) return false;
  if ((params->has_range || params->on_type) &&
      !lsp_offset(s, result->file, params->start, params->on_type ? "position" : "range.start", &start, err))
    return false;
  if (params->has_range && !lsp_offset(s, result->file, params->end, "range.end", &end, err)) return false;
  if (start > end) return lsp_fail(err, LSP_ERR_INVALID_PARAMS, "range start is after range end");
  if (params->on_type) {
    /* Only the newline is registered as a trigger; another character
     * formats nothing rather than surprising the user. */
    if (strcmp(params->ch, "\n") == 0) analysis_format_on_type(s->ws, result->file, start, &result->edits);
  } else {
    analysis_format(s->ws, result->file, start, end, &result->edits);
  }
  return true;
}
