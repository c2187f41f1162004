/*
 * This header is private to scanner.c: the token types, the scanner state
 * and the lexing primitives for words, image references, shell fragments
 * and JSON arrays.  It is a header (not a second .c file) so that the
 * grammar stays the usual parser.c + scanner.c pair for any build.
 *
 * Conventions: every function that reads a token calls mark_end after each
 * character that belongs to the token, so reading ahead past the token's end
 * (to find a line continuation, say) never changes where the token ends.
 */
#ifndef DOCKLS_GRAMMAR_DOCKERFILE_SCANNER_LEX_H_
#define DOCKLS_GRAMMAR_DOCKERFILE_SCANNER_LEX_H_

#include "tree_sitter/parser.h"

/* In the order of `externals` in grammar.js. */
typedef enum {
  KW_FROM, KW_RUN, KW_CMD, KW_LABEL, KW_MAINTAINER, KW_EXPOSE, KW_ENV, KW_ADD, KW_COPY,
  KW_ENTRYPOINT, KW_VOLUME, KW_USER, KW_WORKDIR, KW_ARG, KW_ONBUILD, KW_STOPSIGNAL,
  KW_HEALTHCHECK, KW_SHELL, KW_AS, KW_NONE,
  NEWLINE, COMMENT, LINE_CONTINUATION,
  DIRECTIVE_START, DIRECTIVE_NAME, DIRECTIVE_EQUALS, DIRECTIVE_VALUE,
  DASH_DASH, FLAG_NAME, EQUALS, FLAG_VALUE,
  LBRACKET, RBRACKET, COMMA, JSON_STRING,
  SHELL_FRAGMENT, HEREDOC_MARKER, HEREDOC_BODY, HEREDOC_END,
  IMAGE_NAME, COLON, IMAGE_TAG, AT, IMAGE_DIGEST, IMAGE_ALIAS,
  VARIABLE_NAME, LABEL_KEY, VALUE, VALUE_REST, WORD, WORD_UNTIL_COLON, REST,
  ERROR_SENTINEL,
} TokenType;

#define MAX_HEREDOCS 10
#define MAX_DELIMITER 64

typedef struct {
  bool strip_tabs;  /* `<<-`: the terminator may be indented with tabs */
  uint8_t length;
  char delimiter[MAX_DELIMITER];
} Heredoc;

typedef struct {
  uint8_t flags;
  uint8_t escape;   /* `\` or the backtick chosen by `# escape=` */
  uint8_t heredoc_count;
  Heredoc heredocs[MAX_HEREDOCS]; /* opened on the current line, not yet closed */
} Scanner;

/* --- Characters --- */

static inline bool is_blank(int32_t c) { return c == ' ' || c == '\t'; }
static inline bool is_ascii_letter(int32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool is_ascii_digit(int32_t c) { return c >= '0' && c <= '9'; }
static inline bool is_ascii_alnum(int32_t c) { return is_ascii_letter(c) || is_ascii_digit(c); }
static inline bool is_line_end(const TSLexer *lx) { return lx->lookahead == '\n' || lx->eof(lx); }
static inline bool is_space(int32_t c) { return is_blank(c) || c == '\r'; }

/* At the escape character inside a token: consumes it and any blanks after
 * it.  Returns true when that was a line continuation (the token ends before
 * it; the newline is not consumed).  Otherwise the escaped character, if no
 * blanks were skipped, is consumed as well and stored in *escaped (0 if
 * none); the caller then marks the end.
 *
 * BuildKit's continuation pattern, ([^\\]\\[ \t]*$|^\\[ \t]*$) for
 * the default escape, needs a character other than the escape before the
 * final escape, so `C:\\dir\\` at the end of a line does not continue it.
 * `after_escape` says whether the previous character was the escape. */
static inline bool lex_escape_ends_token(TSLexer *lx, bool after_escape, int32_t *escaped) {
  lx->advance(lx, false);
  *escaped = 0;
  bool skipped = false;
  while (is_space(lx->lookahead)) {
    lx->advance(lx, false);
    skipped = true;
  }
  if (is_line_end(lx)) return !after_escape;
  if (!skipped) {
    *escaped = lx->lookahead;
    lx->advance(lx, false);
  }
  return false;
}

/* After a continuation's newline: Docker drops empty lines and comment
 * lines before the line that continues the instruction. */
static inline void skip_dropped_lines(TSLexer *lx) {
  for (;;) {
    while (is_space(lx->lookahead)) lx->advance(lx, false);
    if (lx->lookahead == '\n') {
      lx->advance(lx, false);
    } else if (lx->lookahead == '#') {
      while (!is_line_end(lx)) lx->advance(lx, false);
    } else {
      return;
    }
  }
}

/* --- Words --- */

#define STOP_AT_EQUALS 1
#define STOP_AT_COLON 2

/* A word: unquoted text, "..." and '...' segments and escaped characters,
 * up to unquoted whitespace (or `=` / `:` outside `${...}` when asked).
 * A line continuation inside quotes joins the lines, as in Docker. */
static inline bool lex_word(const Scanner *s, TSLexer *lx, unsigned stop, bool started) {
  bool any = started;
  int32_t quote = 0, escaped = 0;
  int braces = 0;
  bool after_dollar = false, after_escape = false;
  while (!lx->eof(lx) && lx->lookahead != '\n') {
    int32_t c = lx->lookahead;
    if (c == s->escape) {
      if (lex_escape_ends_token(lx, after_escape, &escaped)) {
        if (!quote || lx->eof(lx)) break;
        lx->advance(lx, false);
        skip_dropped_lines(lx);
        after_escape = false;
        continue;
      }
      lx->mark_end(lx);
      any = true;
      after_dollar = false;
      after_escape = escaped == s->escape;
      continue;
    }
    after_escape = false;
    if (quote) {
      if (c == quote) quote = 0;
    } else if (is_space(c)) {
      break;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '{' && after_dollar) {
      braces++;
    } else if (c == '}' && braces > 0) {
      braces--;
    } else if (braces == 0 && (((stop & STOP_AT_EQUALS) && c == '=') || ((stop & STOP_AT_COLON) && c == ':'))) {
      break;
    }
    after_dollar = c == '$';
    lx->advance(lx, false);
    lx->mark_end(lx);
    any = true;
  }
  return any;
}

/* The rest of the instruction, without trailing blanks.  Continuations are
 * part of the token: these values (WORKDIR, legacy ENV) are plain text. */
static inline bool lex_rest(const Scanner *s, TSLexer *lx, bool started) {
  bool any = started, after_escape = false;
  int32_t escaped = 0;
  while (!lx->eof(lx) && lx->lookahead != '\n') {
    int32_t c = lx->lookahead;
    if (c == s->escape) {
      if (lex_escape_ends_token(lx, after_escape, &escaped)) {
        if (lx->eof(lx)) break;
        lx->advance(lx, false);
        skip_dropped_lines(lx);
        after_escape = false;
        continue;
      }
      lx->mark_end(lx);
      any = true;
      after_escape = escaped == s->escape;
      continue;
    }
    after_escape = false;
    lx->advance(lx, false);
    if (!is_space(c)) {
      lx->mark_end(lx);
      any = true;
    }
  }
  return any;
}

/* The rest of one physical line, without trailing blanks. */
static inline bool lex_line(TSLexer *lx) {
  bool any = false;
  while (!is_line_end(lx)) {
    bool space = is_space(lx->lookahead);
    lx->advance(lx, false);
    if (!space) {
      lx->mark_end(lx);
      any = true;
    }
  }
  return any;
}

/* --- Image references --- */

/* The name part of `name[:tag][@digest]`.  A colon only starts the tag when
 * no `/` follows it (`localhost:5000/app` has a port, not a tag), so the end
 * is marked before each colon and moved past it again if a `/` turns up.
 * Colons and slashes inside `${...}` do not count. */
static inline bool lex_image_name(const Scanner *s, TSLexer *lx, bool started) {
  bool any = started, colon_pending = false, after_dollar = false, after_escape = false;
  int braces = 0;
  int32_t escaped = 0;
  while (!is_line_end(lx) && !is_space(lx->lookahead)) {
    int32_t c = lx->lookahead;
    if (c == s->escape) {
      if (lex_escape_ends_token(lx, after_escape, &escaped)) break;
      if (!colon_pending) lx->mark_end(lx);
      any = true;
      after_escape = escaped == s->escape;
      continue;
    }
    after_escape = false;
    if (braces == 0 && c == '@') break;
    if (braces == 0 && c == ':') colon_pending = true;
    else if (braces == 0 && c == '/') colon_pending = false;
    else if (c == '{' && after_dollar) braces++;
    else if (c == '}' && braces > 0) braces--;
    after_dollar = c == '$';
    lx->advance(lx, false);
    if (!colon_pending) {
      lx->mark_end(lx);
      any = true;
    }
  }
  return any;
}

/* An image tag: up to `@` (outside `${...}`) or whitespace. */
static inline bool lex_image_tag(TSLexer *lx) {
  bool any = false, after_dollar = false;
  int braces = 0;
  while (!is_line_end(lx) && !is_space(lx->lookahead)) {
    int32_t c = lx->lookahead;
    if (braces == 0 && c == '@') break;
    if (c == '{' && after_dollar) braces++;
    else if (c == '}' && braces > 0) braces--;
    after_dollar = c == '$';
    lx->advance(lx, false);
    lx->mark_end(lx);
    any = true;
  }
  return any;
}

/* --- Shell fragments --- */

/* Shell text up to the end of the line or a line continuation, without
 * trailing blanks.  When RUN may open heredocs, the fragment also stops
 * before a shell word that opens one (`cat <<EOF`, `5<<EOF`), so that the
 * opener becomes its own heredoc_marker token; quotes are tracked only for
 * that purpose. */
static inline bool lex_shell_fragment(const Scanner *s, TSLexer *lx, bool heredocs, bool started) {
  bool any = started, word_start = !started, after_escape = false;
  int32_t quote = 0, escaped = 0;
  while (!is_line_end(lx)) {
    int32_t c = lx->lookahead;
    if (c == s->escape) {
      if (lex_escape_ends_token(lx, after_escape, &escaped)) break;
      lx->mark_end(lx);
      any = true;
      word_start = false;
      after_escape = escaped == s->escape;
      continue;
    }
    after_escape = false;
    if (is_space(c)) {
      lx->advance(lx, false);
      if (!quote) word_start = true;
      continue;
    }
    if (word_start && !quote && heredocs && any && (c == '<' || is_ascii_digit(c))) {
      while (is_ascii_digit(lx->lookahead)) lx->advance(lx, false);
      if (lx->lookahead == '<') {
        lx->advance(lx, false);
        if (lx->lookahead == '<') {
          lx->advance(lx, false);
          if (lx->lookahead == '-') lx->advance(lx, false);
          int32_t d = lx->lookahead;
          if (!is_line_end(lx) && !is_space(d) && d != '<') return true;
        }
      }
      lx->mark_end(lx);
      word_start = false;
      continue;
    }
    word_start = false;
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    }
    lx->advance(lx, false);
    lx->mark_end(lx);
    any = true;
  }
  return any;
}

/* --- JSON (exec form) --- */

/* JSON whitespace inside an exec form, which may span line continuations.
 * Returns false at an escape character that does not continue the line. */
static inline bool json_skip_space(const Scanner *s, TSLexer *lx) {
  for (;;) {
    int32_t c = lx->lookahead;
    if (is_space(c)) {
      lx->advance(lx, false);
    } else if (c == s->escape) {
      lx->advance(lx, false);
      while (is_space(lx->lookahead)) lx->advance(lx, false);
      if (lx->eof(lx)) return true;
      if (lx->lookahead != '\n') return false;
      lx->advance(lx, false);
      skip_dropped_lines(lx);
    } else {
      return true;
    }
  }
}

static inline bool is_hex(int32_t c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Reads one JSON string (at its opening quote) and says whether it is valid
 * JSON, as Go's encoding/json would, apart from continuations inside it,
 * which Docker has already removed by the time it parses the JSON. */
static inline bool lex_json_string(const Scanner *s, TSLexer *lx) {
  lx->advance(lx, false);
  for (;;) {
    if (is_line_end(lx)) return false;
    int32_t c = lx->lookahead;
    if (c == '"') {
      lx->advance(lx, false);
      return true;
    }
    if (c == s->escape) {
      lx->advance(lx, false);
      bool skipped = false;
      while (is_space(lx->lookahead)) {
        lx->advance(lx, false);
        skipped = true;
      }
      if (lx->lookahead == '\n') {
        lx->advance(lx, false);
        skip_dropped_lines(lx);
        continue;
      }
      if (c != '\\') continue; /* a literal backtick */
      if (skipped) return false;
      c = lx->lookahead;
      if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
        lx->advance(lx, false);
      } else if (c == 'u') {
        lx->advance(lx, false);
        for (int i = 0; i < 4; i++) {
          if (!is_hex(lx->lookahead)) return false;
          lx->advance(lx, false);
        }
      } else {
        return false;
      }
      continue;
    }
    if (c == '\\') {
      /* With the backtick escape, a backslash is an ordinary JSON escape. */
      lx->advance(lx, false);
      c = lx->lookahead;
      if (c == 'u') {
        lx->advance(lx, false);
        for (int i = 0; i < 4; i++) {
          if (!is_hex(lx->lookahead)) return false;
          lx->advance(lx, false);
        }
      } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
        lx->advance(lx, false);
      } else {
        return false;
      }
      continue;
    }
    if (c < 0x20) return false;
    lx->advance(lx, false);
  }
}

/* From just after `[`: whether the rest of the instruction is a JSON array
 * of strings.  Docker parses exactly that and falls back to the shell form
 * otherwise.  `blank_seen` tells whether the scan crossed whitespace, and
 * `inline_failure` whether it failed at a character on the first line
 * that the caller may still use to continue a word. */
static inline bool json_array_follows(const Scanner *s, TSLexer *lx, bool *inline_failure) {
  *inline_failure = false;
  int32_t first = lx->lookahead;
  if (!json_skip_space(s, lx)) return false;
  bool expect_value = false;
  if (lx->lookahead == ']') {
    lx->advance(lx, false);
  } else {
    for (;;) {
      if (lx->lookahead != '"') {
        *inline_failure = !expect_value && first == lx->lookahead && !is_line_end(lx);
        return false;
      }
      if (!lex_json_string(s, lx)) return false;
      if (!json_skip_space(s, lx)) return false;
      if (lx->lookahead == ']') {
        lx->advance(lx, false);
        break;
      }
      if (lx->lookahead != ',') return false;
      lx->advance(lx, false);
      expect_value = true;
      if (!json_skip_space(s, lx)) return false;
    }
  }
  if (!json_skip_space(s, lx)) return false;
  return is_line_end(lx);
}

#endif /* DOCKLS_GRAMMAR_DOCKERFILE_SCANNER_LEX_H_ */
