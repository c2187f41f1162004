/*
 * External scanner for the dockls Dockerfile grammar.
 *
 * Every terminal of the grammar is produced here.  The parser passes the set
 * of tokens that are valid in its current state, and that set is the context
 * the scanner lexes by: the same text is a path after COPY, a shell fragment
 * after RUN and an image name after FROM.  Docker's own line handling is
 * reproduced here rather than in the grammar: the escape character (`\`, or
 * the backtick set by `# escape=`) joins lines, comment lines and empty lines
 * inside such continuations are dropped, and heredoc bodies follow the line
 * that opened them.
 *
 * The state kept between tokens is tiny and is serialized with every token,
 * because the runtime only reuses a subtree when the scanner state before it
 * matches: a few flags, the escape character and the queue of open heredoc
 * delimiters.  Tokens never depend on anything else that came before.
 *
 * When the parser is recovering from an error every token is valid at once,
 * which we detect through the ERROR_SENTINEL token that no rule uses.  The
 * token is then chosen from the text alone (see scan_recovering) so that a
 * later valid instruction is still found.
 */
#include "tree_sitter/parser.h"

#include <string.h>

#include "scanner_lex.h"

/* --- State --- */

/* The last token ended at the start of a line. */
#define FLAG_LINE_START 1
/* We are inside a line continuation: blank and comment lines are dropped. */
#define FLAG_CONTINUATION 2
/* Parser directives are only recognised before anything else. */
#define FLAG_PROLOGUE_DONE 4
/* The last token ended a line that needs no NEWLINE token: a comment, a
 * parser directive or a heredoc terminator.  The newline after it belongs
 * to no instruction. */
#define FLAG_LINE_DONE 8

static void scanner_reset(Scanner *s) {
  s->flags = FLAG_LINE_START;
  s->escape = '\\';
  s->heredoc_count = 0;
}

void *tree_sitter_dockerfile_external_scanner_create(void) {
  Scanner *s = calloc(1, sizeof(Scanner));
  if (s) scanner_reset(s);
  return s;
}

void tree_sitter_dockerfile_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_dockerfile_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *s = payload;
  unsigned n = 0;
  buffer[n++] = (char)s->flags;
  buffer[n++] = (char)s->escape;
  buffer[n++] = (char)s->heredoc_count;
  for (unsigned i = 0; i < s->heredoc_count; i++) {
    const Heredoc *h = &s->heredocs[i];
    buffer[n++] = (char)h->strip_tabs;
    buffer[n++] = (char)h->length;
    memcpy(buffer + n, h->delimiter, h->length);
    n += h->length;
  }
  return n;
}

void tree_sitter_dockerfile_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  Scanner *s = payload;
  scanner_reset(s);
  if (length < 3) return;
  unsigned n = 0;
  s->flags = (uint8_t)buffer[n++];
  s->escape = (uint8_t)buffer[n++];
  uint8_t count = (uint8_t)buffer[n++];
  for (unsigned i = 0; i < count && i < MAX_HEREDOCS && n + 2 <= length; i++) {
    Heredoc *h = &s->heredocs[i];
    h->strip_tabs = buffer[n++] != 0;
    h->length = (uint8_t)buffer[n++];
    if (h->length > MAX_DELIMITER || n + h->length > length) break;
    memcpy(h->delimiter, buffer + n, h->length);
    n += h->length;
    s->heredoc_count = (uint8_t)(i + 1);
  }
}

/* Sets the token and the flags that describe where it ended. */
static bool emit(Scanner *s, TSLexer *lx, TokenType type, uint8_t flags) {
  lx->result_symbol = type;
  s->flags = (uint8_t)((s->flags & FLAG_PROLOGUE_DONE) | flags);
  return true;
}

/* --- Keywords --- */

static const char *const KEYWORDS[] = {
  [KW_FROM] = "FROM",       [KW_RUN] = "RUN",
  [KW_CMD] = "CMD",         [KW_LABEL] = "LABEL",
  [KW_MAINTAINER] = "MAINTAINER", [KW_EXPOSE] = "EXPOSE",
  [KW_ENV] = "ENV",         [KW_ADD] = "ADD",
  [KW_COPY] = "COPY",       [KW_ENTRYPOINT] = "ENTRYPOINT",
  [KW_VOLUME] = "VOLUME",   [KW_USER] = "USER",
  [KW_WORKDIR] = "WORKDIR", [KW_ARG] = "ARG",
  [KW_ONBUILD] = "ONBUILD", [KW_STOPSIGNAL] = "STOPSIGNAL",
  [KW_HEALTHCHECK] = "HEALTHCHECK", [KW_SHELL] = "SHELL",
  [KW_AS] = "AS",           [KW_NONE] = "NONE",
};

static bool any_keyword_valid(const bool *valid) {
  for (int k = KW_FROM; k <= KW_NONE; k++) {
    if (valid[k]) return true;
  }
  return false;
}

/* Reads a word of letters and matches it, case-insensitively, against the
 * keywords that are valid.  Returns the keyword or -1; letters are consumed
 * either way. */
static int scan_keyword(Scanner *s, TSLexer *lx, const bool *valid) {
  char word[16];
  unsigned len = 0;
  while (is_ascii_letter(lx->lookahead) && len < sizeof word - 1) {
    word[len++] = (char)(lx->lookahead & ~0x20);
    lx->advance(lx, false);
  }
  word[len] = 0;
  if (len == 0 || is_ascii_letter(lx->lookahead)) return -1;
  int32_t c = lx->lookahead;
  if (!(is_space(c) || c == '\n' || lx->eof(lx) || c == s->escape)) return -1;
  for (int k = KW_FROM; k <= KW_NONE; k++) {
    if (valid[k] && strcmp(KEYWORDS[k], word) == 0) {
      lx->mark_end(lx);
      return k;
    }
  }
  return -1;
}

/* --- Comments and parser directives --- */

static bool is_known_directive(const char *name) {
  return strcmp(name, "syntax") == 0 || strcmp(name, "escape") == 0 || strcmp(name, "check") == 0;
}

/* At a `#` that starts a line: a parser directive (`# escape=``) while
 * they are still allowed, otherwise a comment.  A directive token is just
 * the `#`, so its end is marked first; if the line turns out to be a
 * comment, the end is moved on to the end of the line.  A comment keeps its
 * trailing blanks (only a final carriage return is left out), which lets the
 * end move forward from wherever the directive check stopped. */
static bool scan_comment_or_directive(Scanner *s, TSLexer *lx, const bool *valid) {
  bool directive_ok = valid[DIRECTIVE_START] && !(s->flags & FLAG_PROLOGUE_DONE);
  lx->advance(lx, false);
  lx->mark_end(lx);
  if (directive_ok) {
    while (is_blank(lx->lookahead)) lx->advance(lx, false);
    char name[16];
    unsigned len = 0;
    while (is_ascii_alnum(lx->lookahead) && len < sizeof name - 1) {
      name[len++] = (char)(lx->lookahead | 0x20);
      lx->advance(lx, false);
    }
    name[len] = 0;
    while (is_blank(lx->lookahead)) lx->advance(lx, false);
    if (len > 0 && is_ascii_letter(name[0]) && is_known_directive(name) && lx->lookahead == '=') {
      lx->advance(lx, false);
      while (is_blank(lx->lookahead)) lx->advance(lx, false);
      int32_t first = lx->lookahead;
      if (!is_line_end(lx) && !is_space(first)) {
        /* Only `\` and the backtick are valid escape characters; Docker
         * rejects anything else, and we keep the default then. */
        if (strcmp(name, "escape") == 0 && (first == '\\' || first == '`')) s->escape = (uint8_t)first;
        return emit(s, lx, DIRECTIVE_START, 0);
      }
    }
    lx->mark_end(lx);
  }
  while (!is_line_end(lx)) {
    bool cr = lx->lookahead == '\r';
    lx->advance(lx, false);
    if (!cr) lx->mark_end(lx);
  }
  s->flags |= FLAG_PROLOGUE_DONE;
  return emit(s, lx, COMMENT, (s->flags & FLAG_CONTINUATION) | FLAG_LINE_DONE);
}

/* --- Heredocs --- */

/* Reads a heredoc opener (`<<EOF`, `<<-"EOF"`, `5<<EOF`) at the current
 * position and queues its delimiter.  Returns false when the text is not
 * one; characters may have been consumed then. */
static bool scan_heredoc_marker(Scanner *s, TSLexer *lx) {
  while (is_ascii_digit(lx->lookahead)) lx->advance(lx, false);
  if (lx->lookahead != '<') return false;
  lx->advance(lx, false);
  if (lx->lookahead != '<') return false;
  lx->advance(lx, false);
  Heredoc h = {0};
  if (lx->lookahead == '-') {
    h.strip_tabs = true;
    lx->advance(lx, false);
  }
  /* The delimiter is one word with its quotes removed, as Docker's shell
   * lexer reads it. */
  int32_t quote = 0;
  while (!is_line_end(lx)) {
    int32_t c = lx->lookahead;
    if (quote) {
      if (c == quote) quote = 0;
      else if (h.length < MAX_DELIMITER) h.delimiter[h.length++] = (char)c;
      else return false;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (is_blank(c) || c == '<') {
      break;
    } else if (h.length < MAX_DELIMITER && c < 0x80) {
      h.delimiter[h.length++] = (char)c;
    } else {
      return false;
    }
    lx->advance(lx, false);
  }
  if (quote || h.length == 0 || s->heredoc_count >= MAX_HEREDOCS) return false;
  lx->mark_end(lx);
  s->heredocs[s->heredoc_count++] = h;
  return true;
}

/* Checks whether the line at the current position is the terminator of
 * heredoc `h`, consuming what it compares.  With `mark`, the token end is
 * set after the delimiter (a trailing carriage return stays outside). */
static bool heredoc_line_is_end(const Heredoc *h, TSLexer *lx, bool mark) {
  if (h->strip_tabs) {
    while (lx->lookahead == '\t') lx->advance(lx, false);
  }
  for (unsigned i = 0; i < h->length; i++) {
    if (lx->lookahead != (unsigned char)h->delimiter[i]) return false;
    lx->advance(lx, false);
  }
  if (mark) lx->mark_end(lx);
  if (lx->lookahead == '\r') lx->advance(lx, false);
  return lx->lookahead == '\n' || lx->eof(lx);
}

/* At the start of a line while heredocs are open: the body of the first
 * open heredoc (every line before its terminator) or the terminator. */
static bool scan_heredoc(Scanner *s, TSLexer *lx) {
  const Heredoc *h = &s->heredocs[0];
  bool first_line = true;
  for (;;) {
    if (lx->eof(lx)) {
      if (first_line) return false;
      /* A body that no terminator closes runs to the end of the text.
       * Ending it at the start of its last line instead left that line to
       * be scanned again as a body of no length, and error recovery then
       * rescanned it from every position: a few hundred bytes there took
       * the parser seconds (found by the Dockerfile fuzzer). */
      lx->mark_end(lx);
      return emit(s, lx, HEREDOC_BODY, FLAG_LINE_START);
    }
    lx->mark_end(lx);
    if (heredoc_line_is_end(h, lx, first_line)) {
      if (!first_line) return emit(s, lx, HEREDOC_BODY, FLAG_LINE_START);
      memmove(&s->heredocs[0], &s->heredocs[1], (s->heredoc_count - 1) * sizeof(Heredoc));
      s->heredoc_count--;
      return emit(s, lx, HEREDOC_END, FLAG_LINE_DONE);
    }
    while (lx->lookahead != '\n' && !lx->eof(lx)) lx->advance(lx, false);
    if (lx->lookahead == '\n') lx->advance(lx, false);
    first_line = false;
  }
}

/* --- Arguments --- */

/* The word-like tokens, in the order they are tried.  At most one of them is
 * valid in any parser state except where noted, so the order only matters
 * for the immediate tokens (which must touch the previous token). */
static bool scan_word_like(Scanner *s, TSLexer *lx, const bool *valid, bool had_space, bool started) {
  if (!had_space) {
    if (valid[FLAG_VALUE] && lex_word(s, lx, 0, started)) return emit(s, lx, FLAG_VALUE, 0);
    if (valid[VALUE] && lex_word(s, lx, 0, started)) return emit(s, lx, VALUE, 0);
    if (valid[IMAGE_DIGEST] && lex_word(s, lx, 0, started)) return emit(s, lx, IMAGE_DIGEST, 0);
  }
  if (valid[VALUE_REST] && (had_space || started) && lex_rest(s, lx, started)) return emit(s, lx, VALUE_REST, 0);
  if (valid[IMAGE_NAME] && lex_image_name(s, lx, started)) return emit(s, lx, IMAGE_NAME, 0);
  if (valid[IMAGE_ALIAS] && lex_word(s, lx, 0, started)) return emit(s, lx, IMAGE_ALIAS, 0);
  if (valid[VARIABLE_NAME] && lex_word(s, lx, STOP_AT_EQUALS, started)) return emit(s, lx, VARIABLE_NAME, 0);
  if (valid[LABEL_KEY] && lex_word(s, lx, STOP_AT_EQUALS, started)) return emit(s, lx, LABEL_KEY, 0);
  if (valid[WORD_UNTIL_COLON] && lex_word(s, lx, STOP_AT_COLON, started)) return emit(s, lx, WORD_UNTIL_COLON, 0);
  if (valid[WORD] && lex_word(s, lx, 0, started)) return emit(s, lx, WORD, 0);
  if (valid[REST] && lex_rest(s, lx, started)) return emit(s, lx, REST, 0);
  if (valid[SHELL_FRAGMENT] && lex_shell_fragment(s, lx, valid[HEREDOC_MARKER], started)) {
    return emit(s, lx, SHELL_FRAGMENT, 0);
  }
  if (valid[DIRECTIVE_VALUE] && !started && lex_line(lx)) return emit(s, lx, DIRECTIVE_VALUE, FLAG_LINE_DONE);
  return false;
}

static bool scan_argument(Scanner *s, TSLexer *lx, const bool *valid, bool had_space, bool started) {
  if (started) return scan_word_like(s, lx, valid, had_space, true);
  int32_t c = lx->lookahead;

  if (c == '-' && valid[DASH_DASH]) {
    lx->advance(lx, false);
    if (lx->lookahead == '-') {
      lx->advance(lx, false);
      if (is_ascii_letter(lx->lookahead)) {
        lx->mark_end(lx);
        return emit(s, lx, DASH_DASH, 0);
      }
    }
    /* Not a flag: the dashes begin an argument. */
    lx->mark_end(lx);
    return scan_word_like(s, lx, valid, had_space, true);
  }

  if (c == '[' && valid[LBRACKET]) {
    lx->advance(lx, false);
    lx->mark_end(lx);
    bool inline_failure;
    if (json_array_follows(s, lx, &inline_failure)) return emit(s, lx, LBRACKET, 0);
    /* Shell form after all.  When the check stopped right after the `[`,
     * the argument simply goes on; otherwise it is split after the `[`,
     * which keeps its text intact for anyone stitching fragments. */
    if (inline_failure) return scan_word_like(s, lx, valid, had_space, true);
    if (valid[SHELL_FRAGMENT]) return emit(s, lx, SHELL_FRAGMENT, 0);
    if (valid[WORD]) return emit(s, lx, WORD, 0);
    return false;
  }
  if (c == ']' && valid[RBRACKET]) {
    lx->advance(lx, false);
    lx->mark_end(lx);
    return emit(s, lx, RBRACKET, 0);
  }
  if (c == ',' && valid[COMMA]) {
    lx->advance(lx, false);
    lx->mark_end(lx);
    return emit(s, lx, COMMA, 0);
  }
  if (c == '"' && valid[JSON_STRING]) {
    if (!lex_json_string(s, lx)) return false;
    lx->mark_end(lx);
    return emit(s, lx, JSON_STRING, 0);
  }

  if ((c == '<' || is_ascii_digit(c)) && valid[HEREDOC_MARKER]) {
    if (scan_heredoc_marker(s, lx)) return emit(s, lx, HEREDOC_MARKER, 0);
    lx->mark_end(lx);
    return scan_word_like(s, lx, valid, had_space, true);
  }

  if (!had_space) {
    TokenType single = c == '=' && valid[EQUALS] ? EQUALS
                       : c == ':' && valid[COLON] ? COLON
                       : c == '@' && valid[AT]    ? AT
                                                  : ERROR_SENTINEL;
    if (single != ERROR_SENTINEL) {
      lx->advance(lx, false);
      lx->mark_end(lx);
      return emit(s, lx, single, 0);
    }
    if (valid[FLAG_NAME] && (is_ascii_alnum(c) || c == '_')) {
      while (is_ascii_alnum(lx->lookahead) || lx->lookahead == '-' || lx->lookahead == '_') {
        lx->advance(lx, false);
      }
      lx->mark_end(lx);
      return emit(s, lx, FLAG_NAME, 0);
    }
    if (valid[IMAGE_TAG] && lex_image_tag(lx)) return emit(s, lx, IMAGE_TAG, 0);
  }

  if (valid[DIRECTIVE_NAME] && is_ascii_letter(c)) {
    while (is_ascii_alnum(lx->lookahead)) lx->advance(lx, false);
    lx->mark_end(lx);
    return emit(s, lx, DIRECTIVE_NAME, 0);
  }
  if (c == '=' && valid[DIRECTIVE_EQUALS]) {
    lx->advance(lx, false);
    lx->mark_end(lx);
    return emit(s, lx, DIRECTIVE_EQUALS, 0);
  }
  /* `ARG a =b` and the like: Docker reads the `=` all the same. */
  if (c == '=' && valid[EQUALS] && !valid[VALUE_REST]) {
    lx->advance(lx, false);
    lx->mark_end(lx);
    return emit(s, lx, EQUALS, 0);
  }
  return scan_word_like(s, lx, valid, had_space, false);
}

/* --- Error recovery --- */

/* Every token is valid while the parser recovers, so the text alone decides:
 * newlines, continuations, comments and instruction keywords at the start of
 * a line let the parser resynchronise; anything else is one word of junk,
 * returned as the sentinel token, which no rule accepts. */
static bool scan_recovering(Scanner *s, TSLexer *lx, bool line_start) {
  if (lx->eof(lx)) return false;
  int32_t c = lx->lookahead;
  if (c == '\n') {
    lx->advance(lx, false);
    lx->mark_end(lx);
    return emit(s, lx, NEWLINE, FLAG_LINE_START);
  }
  int32_t escaped;
  if (c == s->escape) {
    if (lex_escape_ends_token(lx, false, &escaped)) {
      if (lx->lookahead == '\n') lx->advance(lx, false);
      lx->mark_end(lx);
      return emit(s, lx, LINE_CONTINUATION, FLAG_LINE_START | FLAG_CONTINUATION);
    }
  } else if (line_start && c == '#') {
    static const bool comment_only[ERROR_SENTINEL + 1] = {[COMMENT] = true};
    return scan_comment_or_directive(s, lx, comment_only);
  } else if (line_start && is_ascii_letter(c)) {
    static const bool instructions[ERROR_SENTINEL + 1] = {
      [KW_FROM] = true, [KW_RUN] = true, [KW_CMD] = true, [KW_LABEL] = true,
      [KW_MAINTAINER] = true, [KW_EXPOSE] = true, [KW_ENV] = true, [KW_ADD] = true,
      [KW_COPY] = true, [KW_ENTRYPOINT] = true, [KW_VOLUME] = true, [KW_USER] = true,
      [KW_WORKDIR] = true, [KW_ARG] = true, [KW_ONBUILD] = true, [KW_STOPSIGNAL] = true,
      [KW_HEALTHCHECK] = true, [KW_SHELL] = true,
    };
    int k = scan_keyword(s, lx, instructions);
    if (k >= 0) {
      s->flags |= FLAG_PROLOGUE_DONE;
      return emit(s, lx, (TokenType)k, 0);
    }
  }
  lx->mark_end(lx);
  while (!is_line_end(lx) && !is_space(lx->lookahead)) {
    if (lx->lookahead == s->escape) {
      if (lex_escape_ends_token(lx, false, &escaped)) break;
    } else {
      lx->advance(lx, false);
    }
    lx->mark_end(lx);
  }
  return emit(s, lx, ERROR_SENTINEL, 0);
}

/* --- Entry point --- */

bool tree_sitter_dockerfile_external_scanner_scan(void *payload, TSLexer *lx, const bool *valid) {
  Scanner *s = payload;
  bool recovering = valid[ERROR_SENTINEL];
  bool line_start = s->flags & FLAG_LINE_START;
  bool continuation = s->flags & FLAG_CONTINUATION;
  bool line_done = s->flags & FLAG_LINE_DONE;

  /* Heredoc bodies start right at a line start and keep their indentation. */
  if (s->heredoc_count && line_start && (valid[HEREDOC_BODY] || valid[HEREDOC_END] || recovering)) {
    return scan_heredoc(s, lx);
  }

  /* Skip whitespace.  Newlines are skipped too where they mean nothing: in
   * a continuation (an empty line there is dropped, as Docker does) and
   * between instructions. */
  bool had_space = continuation;
  for (;;) {
    int32_t c = lx->lookahead;
    if (is_blank(c) || c == '\r' || c == 0xFEFF) {
      lx->advance(lx, true);
      had_space = true;
    } else if (c == '\n' && (continuation || (!valid[NEWLINE] && (line_start || line_done || s->heredoc_count)))) {
      if (line_start) s->flags |= FLAG_PROLOGUE_DONE; /* an empty line */
      lx->advance(lx, true);
      line_start = had_space = true;
      /* The next heredoc body may start right after a terminator line. */
      if (s->heredoc_count && (valid[HEREDOC_BODY] || valid[HEREDOC_END] || recovering)) {
        return scan_heredoc(s, lx);
      }
    } else {
      break;
    }
  }

  if (recovering) return scan_recovering(s, lx, line_start);

  if (lx->eof(lx)) {
    /* A last instruction without a final newline still ends. */
    if (valid[NEWLINE]) {
      lx->mark_end(lx);
      return emit(s, lx, NEWLINE, FLAG_LINE_START);
    }
    return false;
  }
  int32_t c = lx->lookahead;
  /* An unescaped newline always ends an instruction, even one that still
   * lacks a required argument (`COPY` alone on its line).  Emitting it
   * there lets the parser report the gap on this line instead of taking
   * the next instruction's words as the missing arguments.  A line that
   * opened heredocs is the exception: their bodies follow the newline. */
  if (c == '\n' && (valid[NEWLINE] || (!line_start && !line_done && !s->heredoc_count))) {
    lx->advance(lx, false);
    lx->mark_end(lx);
    return emit(s, lx, NEWLINE, FLAG_LINE_START);
  }

  bool started = false;
  if (c == s->escape && !valid[DIRECTIVE_VALUE]) {
    lx->mark_end(lx);
    lx->advance(lx, false);
    while (is_blank(lx->lookahead) || lx->lookahead == '\r') lx->advance(lx, false);
    if (lx->lookahead == '\n' || lx->eof(lx)) {
      if (lx->lookahead == '\n') lx->advance(lx, false);
      lx->mark_end(lx);
      return emit(s, lx, LINE_CONTINUATION, FLAG_LINE_START | FLAG_CONTINUATION);
    }
    /* An escaped character starts a word or a shell fragment. */
    if (lx->lookahead != '\n' && !lx->eof(lx)) lx->advance(lx, false);
    lx->mark_end(lx);
    started = true;
  }

  if (!started && line_start && c == '#' && valid[COMMENT]) {
    return scan_comment_or_directive(s, lx, valid);
  }
  if (!started && is_ascii_letter(c) && any_keyword_valid(valid)) {
    int k = scan_keyword(s, lx, valid);
    if (k >= 0) {
      s->flags |= FLAG_PROLOGUE_DONE;
      return emit(s, lx, (TokenType)k, 0);
    }
    /* Only HEALTHCHECK also takes other words where a keyword may come
     * (`HEALTHCHECK CONNECT ...`); the letters read so far begin them. */
    lx->mark_end(lx);
    return scan_word_like(s, lx, valid, had_space, true);
  }
  return scan_argument(s, lx, valid, had_space, started);
}
