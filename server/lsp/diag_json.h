/* This header is private to the LSP adapter: diagnostics written as LSP
 * JSON text directly, each diagnostic's text kept from one publish of a
 * document to the next.
 *
 * Why not cJSON: a publish of a compose file with a thousand findings
 * used to build a thousand cJSON trees, print every number through
 * "%1.15g" and sscanf, and free it all again, on every keystroke,
 * although a keystroke changes few diagnostics.  Here a diagnostic's
 * wire text after its range is looked up by everything it is made of
 * (rule, severity, message, related locations), and the positions of an
 * unchanged diagnostic are carried over from the last write, so it costs
 * a comparison with what was sent and a copy.
 * The text is byte for byte what cJSON_PrintUnformatted wrote for the
 * same diagnostic; tests/unit/test_diag_json.c holds it to that. */
#ifndef DOCKLS_LSP_DIAG_JSON_H_
#define DOCKLS_LSP_DIAG_JSON_H_

#include <stdint.h>

#include "dockls/analysis/diag.h"
#include "dockls/base/strbuf.h"
#include "dockls/text/text.h"
#include "dockls/workspace/workspace.h"

/* One diagnostic's wire text and the key it was made from.  An entry
 * with a NULL key is free, and its index is on the cache's free list. */
typedef struct {
  uint64_t hash;
  char *key; /* owned; key_len bytes, then the JSON text (one allocation) */
  size_t key_len, json_len;
  uint32_t refs; /* how many records of the last write use it */
} DiagJsonEntry;

/* One diagnostic of the last write: where it was and what it was sent as.
 * Its text follows the text of the record before it and a comma in the
 * last write (the first one follows the '['), so where it lies is counted
 * while the records are walked, not stored. */
typedef struct {
  size_t start, end;   /* byte offsets */
  TextPos range[2];    /* its positions then */
  const char *message; /* its message, held (diag_message_hold), or NULL */
  uint32_t entry;      /* the entry holding the rest of its text */
  uint32_t json_len;   /* its whole text in the last write's `written` */
  /* Its rule, severity and whether it had related locations, in one
   * word (diag_json.c's record_kind) so that the comparison a publish
   * makes for every diagnostic is one, and during a write whether a
   * record of the new write took it over (diag_json.c's RECORD_TAKEN). */
  uint64_t kind;
} DiagJsonSent;
typedef Array(DiagJsonSent) DiagJsonSentArray;

/* The texts of one document's last written diagnostics.  An entry lives
 * while a record of the last write uses it, so the cache holds at most
 * one publish's worth. */
typedef struct {
  Array(DiagJsonEntry) entries;
  uint32_t *slots;   /* open addressing over entries: index + 1, 0 when free */
  size_t slot_count; /* a power of two, at least twice the entries */
  Array(uint32_t) free_entries; /* indices of entries with a NULL key */
  Array(uint32_t) unused;       /* during a write: entries whose count fell to 0 */
  DiagJsonSentArray sent;   /* the last write's diagnostics, in order */
  DiagJsonSentArray spare;  /* the records before that, emptied, for the next write */
  uint64_t text_gen;        /* the text it was written for (ws_text_generation) */
  size_t sent_lines;        /* how many lines that text had */
  PosEncoding sent_enc;     /* the encoding of the positions sent */
  /* The text the last write went into (handed over by diag_json_keep),
   * which the next write copies unchanged diagnostics from, and where
   * the array starts in it; `written_ok` is false until it is handed
   * over, and then no text is copied. */
  StrBuf written;
  size_t written_base, next_base;
  bool written_ok;
} DiagJsonCache;

/* Appends the LSP Diagnostic[] of the diagnostics of `id` in `diags`
 * (analysis of one file may report on others), with positions in `enc`. */
void diag_json_array(DiagJsonCache *cache, Workspace *ws, PosEncoding enc, FileId id,
                     const DiagList *diags, StrBuf *out);
/* Hands the buffer the last diag_json_array wrote into over to the cache,
 * once it has been sent: the next write copies the unchanged diagnostics'
 * text from it.  `out` gets the cache's previous buffer with its length
 * set to 0 but its bytes untouched (they may still be in the output pipe),
 * for the next user to empty properly (strbuf_clear, or
 * transport_out_frame_begin).  Without this call the next write builds
 * every text from the entries. */
void diag_json_keep(DiagJsonCache *cache, StrBuf *out);

/* Appends one diagnostic's LSP Diagnostic, bypassing any cache: the
 * diagnostics a code action is about. */
void diag_json_one(const Workspace *ws, PosEncoding enc, const Diag *diag, StrBuf *out);

void diag_json_cache_destroy(DiagJsonCache *cache);

/* A JSON string and a JSON integer, written as cJSON_PrintUnformatted
 * writes them, so that messages assembled from text and messages printed
 * by cJSON cannot be told apart. */
void json_text_string(StrBuf *out, const char *s);
void json_text_int(StrBuf *out, int64_t value);

#endif
