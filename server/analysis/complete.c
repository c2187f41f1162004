/* Completion (complete.h), and its Dockerfile half.  The context is read
 * from the text around the cursor rather than from the tree: while a word
 * is being typed the line usually does not parse, and the tree's error
 * recovery says little about what the user meant.  The models and the
 * symbol index supply the names (stages, variables in scope). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "complete_internal.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/model/dockerfile_spec.h"
#include "dockls/model/images.h"
#include "index.h"

/* The snippet text with every tab stop replaced by its default and the
 * escapes resolved: what a client without snippets inserts. */
static char *snippet_to_plain(const char *text) {
  StrBuf out = STRBUF_INIT;
  for (const char *p = text; *p; p++) {
    if (*p == '\\' && p[1]) {
      strbuf_append_n(&out, ++p, 1);
    } else if (*p == '$' && p[1] == '{' && isdigit((unsigned char)p[2])) {
      const char *colon = strchr(p, ':'), *close = strchr(p, '}');
      if (colon && close && colon < close) strbuf_append_n(&out, colon + 1, (size_t)(close - colon - 1));
      p = close ? close : p + strlen(p) - 1;
    } else if (*p == '$' && isdigit((unsigned char)p[1])) {
      p++;
    } else {
      strbuf_append_n(&out, p, 1);
    }
  }
  return strbuf_take(&out);
}

CompletionItem *complete__add(CompletionList *list, bool snippets, CompletionKind kind, const char *label,
                              const char *detail, const char *text) {
  for (size_t i = 0; i < list->items.len; i++)
    if (strcmp(list->items.items[i].label, label) == 0) return NULL;
  bool has_stops = text && strchr(text, '$') != NULL;
  CompletionItem item = {xstrdup(label), detail ? xstrdup(detail) : NULL, NULL,
                         text ? (snippets || !has_stops ? xstrdup(text) : snippet_to_plain(text)) : xstrdup(label),
                         snippets && has_stops, kind};
  array_push(&list->items, item);
  return &list->items.items[list->items.len - 1];
}

bool complete__rest_blank(const char *text, size_t len, size_t from) {
  while (from < len && (text[from] == ' ' || text[from] == '\t')) from++;
  return from >= len || text[from] == '\n' || text[from] == '\r';
}

void complete__item_free(CompletionItem *item) {
  xfree(item->label);
  xfree(item->detail);
  xfree(item->doc);
  xfree(item->text);
}

void completion_list_free(CompletionList *list) {
  for (size_t i = 0; i < list->items.len; i++) complete__item_free(&list->items.items[i]);
  array_delete(&list->items);
}

/* ------------------------------------------------------------ Dockerfile */

/* Instructions with the snippet each expands to; every tab stop has a
 * default under which the line parses. */
static const struct {
  const char *name, *snippet;
} df_keywords[] = {
    {"FROM", "FROM ${1:alpine}"},
    {"RUN", "RUN ${1:command}"},
    {"CMD", "CMD [\"${1:executable}\"]"},
    {"LABEL", "LABEL ${1:key}=\"${2:value}\""},
    {"EXPOSE", "EXPOSE ${1:8080}"},
    {"ENV", "ENV ${1:NAME}=${2:value}"},
    {"ADD", "ADD ${1:source} ${2:destination}"},
    {"COPY", "COPY ${1:source} ${2:destination}"},
    {"ENTRYPOINT", "ENTRYPOINT [\"${1:executable}\"]"},
    {"VOLUME", "VOLUME ${1:/data}"},
    {"USER", "USER ${1:app}"},
    {"WORKDIR", "WORKDIR ${1:/app}"},
    {"ARG", "ARG ${1:NAME}"},
    {"ONBUILD", "ONBUILD ${1:RUN command}"},
    {"STOPSIGNAL", "STOPSIGNAL ${1:SIGTERM}"},
    {"HEALTHCHECK", "HEALTHCHECK ${1:CMD wget -qO- http://127.0.0.1/ || exit 1}"},
    {"SHELL", "SHELL [\"${1:/bin/sh}\", \"${2:-c}\"]"},
};

static const char *const directives[] = {"syntax=docker/dockerfile:1", "check=skip=${1:rule};error=true", NULL};

/* The name followed by `suffix`, owned. */
static char *joined(const char *name, const char *suffix) {
  StrBuf b = STRBUF_INIT;
  strbuf_appendf(&b, "%s%s", name, suffix);
  return strbuf_take(&b);
}

static bool is_name_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

typedef struct {
  Workspace *ws;
  FileId id;
  const char *text;
  size_t len, offset;
  bool snippets;
  const DockerfileModel *m;
  CompletionList *out;
} DfCtx;

static void add_values(DfCtx *c, CompletionKind kind, const char *const *values, const char *detail) {
  for (size_t i = 0; values[i]; i++) complete__add(c->out, c->snippets, kind, values[i], detail, NULL);
}

/* The range the items replace: [start, offset) extended over the rest of
 * the word after the cursor (chars accepted by `in_word`). */
static void set_range(DfCtx *c, size_t start, bool (*in_word)(char)) {
  size_t end = c->offset;
  while (end < c->len && in_word(c->text[end])) end++;
  c->out->start = start;
  c->out->end = end;
}

static bool is_alpha(char c) { return isalpha((unsigned char)c) != 0; }
static bool not_space(char c) { return c && !isspace((unsigned char)c); }
static bool value_char(char c) { return c && !isspace((unsigned char)c) && c != ','; }

/* The stages named before the instruction at the offset, without the
 * stage the offset is in (a stage cannot copy from itself; on a FROM line
 * that stage is the one being declared, left out by the same test). */
static void add_stages(DfCtx *c) {
  for (size_t i = 0; c->m && i < c->m->stages.len; i++) {
    const DfStage *st = &c->m->stages.items[i];
    bool current = i + 1 == c->m->stages.len ||
                   c->m->instrs.items[c->m->stages.items[i + 1].from_instr].start >= c->offset;
    if (st->alias && c->m->instrs.items[st->from_instr].end < c->offset && !current)
      complete__add(c->out, c->snippets, COMPLETE_STAGE, st->alias, "stage", NULL);
  }
}

static void add_variables(DfCtx *c, bool braced) {
  StrArray names;
  array_init(&names);
  sym_visible_variables(c->ws, c->id, c->offset, &names);
  bool closed = c->offset < c->len && c->text[c->offset] == '}';
  for (size_t i = 0; i < names.len; i++) {
    /* An opened brace is closed by the item, unless it already is. */
    char *text = joined(names.items[i], braced && !closed ? "}" : "");
    complete__add(c->out, false, COMPLETE_VARIABLE, names.items[i], "ARG/ENV", text);
    xfree(text);
  }
  strarray_delete(&names);
  for (size_t i = 0; dockerfile_predefined_args[i]; i++) {
    const char *name = dockerfile_predefined_args[i];
    char *text = joined(name, braced && !closed ? "}" : "");
    complete__add(c->out, false, COMPLETE_VARIABLE, name, "predefined build argument", text);
    xfree(text);
  }
}

/* A word `--…` of a flag position: the flag names, or the value of the
 * flag whose `=` is already written. */
static void complete_flag(DfCtx *c, const char *keyword, size_t word) {
  const char *w = c->text + word;
  size_t wlen = c->offset - word;
  const char *eq = memchr(w, '=', wlen);
  if (!eq) {
    set_range(c, word, not_space);
    DfKind kind = dockerfile_kind_of_keyword(keyword, strlen(keyword));
    size_t count;
    const DfFlagSpec *specs = dockerfile_flag_specs(&count);
    for (size_t i = 0; i < count; i++) {
      if (specs[i].kind != kind) continue;
      char *label = joined("--", specs[i].name);
      char *text = joined(label, specs[i].snippet ? specs[i].snippet : "");
      complete__add(c->out, c->snippets, COMPLETE_FLAG, label, keyword, text);
      xfree(text);
      xfree(label);
    }
    return;
  }
  size_t name_len = (size_t)(eq - w);
  size_t value = word + name_len + 1;
  if (name_len == 6 && strncmp(w, "--from", 6) == 0) {
    set_range(c, value, not_space);
    add_stages(c);
  } else if (name_len == 9 && strncmp(w, "--network", 9) == 0) {
    set_range(c, value, not_space);
    add_values(c, COMPLETE_VALUE, dockerfile_flag_spec(DF_RUN, "network")->choices, "network");
  } else if (name_len == 10 && strncmp(w, "--security", 10) == 0) {
    set_range(c, value, not_space);
    add_values(c, COMPLETE_VALUE, dockerfile_flag_spec(DF_RUN, "security")->choices, "security");
  } else if (name_len == 7 && strncmp(w, "--mount", 7) == 0) {
    /* The key=value pair being typed: after the last comma. */
    size_t pair = c->offset;
    while (pair > value && c->text[pair - 1] != ',') pair--;
    const char *p = c->text + pair;
    const char *peq = memchr(p, '=', c->offset - pair);
    if (!peq) {
      set_range(c, pair, value_char);
      for (size_t i = 0; dockerfile_mount_keys[i]; i++) {
        const char *key = dockerfile_mount_keys[i];
        char *text = joined(key, "=");
        /* `readonly` is the one key that stands alone. */
        complete__add(c->out, false, COMPLETE_FLAG, key, "--mount key", strcmp(key, "readonly") == 0 ? key : text);
        xfree(text);
      }
    } else if (peq - p == 4 && strncmp(p, "type", 4) == 0) {
      set_range(c, pair + 5, value_char);
      add_values(c, COMPLETE_VALUE, dockerfile_mount_types, "mount type");
    } else if (peq - p == 4 && strncmp(p, "from", 4) == 0) {
      set_range(c, pair + 5, value_char);
      add_stages(c);
    }
  }
}

/* FROM's image position: the stages before it and the table's images;
 * after `image:`, the tag words the table knows for that image (a word
 * that stands for a number, `php#`, is no tag by itself). */
static void complete_image(DfCtx *c, size_t word) {
  const char *colon = memchr(c->text + word, ':', c->offset - word);
  const char *const *tags;
  if (colon) {
    size_t repo_len = (size_t)(colon - (c->text + word));
    set_range(c, (size_t)(colon - c->text) + 1, not_space);
    for (size_t i = 0; images_repository(i, &tags); i++) {
      const char *repo = images_repository(i, &tags);
      if (strlen(repo) != repo_len || strncmp(repo, c->text + word, repo_len) != 0) continue;
      for (size_t t = 0; tags[t]; t++)
        if (!strchr(tags[t], '#')) complete__add(c->out, c->snippets, COMPLETE_VALUE, tags[t], "tag", NULL);
    }
    return;
  }
  set_range(c, word, not_space);
  /* Before the image already written, a name would make two. */
  if (c->out->start == c->out->end && !complete__rest_blank(c->text, c->len, c->out->end)) return;
  add_stages(c);
  for (size_t i = 0; images_repository(i, &tags); i++)
    complete__add(c->out, c->snippets, COMPLETE_IMAGE, images_repository(i, &tags), "official image", NULL);
}

/* HEALTHCHECK's command position: a check that uses a tool the stage's
 * base image has (per the image table), against 127.0.0.1 because
 * `localhost` may resolve to an IPv6 address the server does not listen
 * on; and NONE. */
static void complete_healthcheck(DfCtx *c, size_t word) {
  set_range(c, word, not_space);
  const DfStage *stage = NULL;
  for (size_t i = 0; i < c->m->stages.len; i++)
    if (c->m->instrs.items[c->m->stages.items[i].from_instr].start < c->offset) stage = &c->m->stages.items[i];
  if (stage && stage->base_known && stage->base_facts.curl == IMG_YES)
    complete__add(c->out, c->snippets, COMPLETE_VALUE, "CMD curl", "the image has curl",
                  "CMD curl -fsS http://127.0.0.1:${1:80}/ || exit 1");
  if (stage && stage->base_known && stage->base_facts.wget == IMG_YES)
    complete__add(c->out, c->snippets, COMPLETE_VALUE, "CMD wget", "the image has wget",
                  "CMD wget -qO- http://127.0.0.1:${1:80}/ || exit 1");
  complete__add(c->out, c->snippets, COMPLETE_VALUE, "CMD", "a check command", "CMD ${1:true}");
  complete__add(c->out, c->snippets, COMPLETE_VALUE, "NONE", "disable the base image's check", NULL);
}

/* STOPSIGNAL's argument: the signal names the builder accepts, from the
 * table stopsignal-invalid checks against, written with their SIG prefix
 * as Docker's documentation writes them. */
static void complete_signal(DfCtx *c, size_t word) {
  set_range(c, word, not_space);
  for (size_t i = 0; dockerfile_signals[i]; i++) {
    char *name = joined("SIG", dockerfile_signals[i]);
    complete__add(c->out, false, COMPLETE_VALUE, name, "signal", NULL);
    xfree(name);
  }
}

/* The start of the logical line holding `offset`: continuation lines
 * (the line before ends with the escape character) belong to it. */
static size_t logical_line_start(const DfCtx *c, size_t offset) {
  char escape = c->m ? c->m->escape : '\\';
  size_t ls = offset;
  while (ls > 0 && c->text[ls - 1] != '\n') ls--;
  /* The builder drops comment and empty lines inside a continued
   * instruction, so the line that continues may be further up. */
  for (size_t above = ls; above > 0;) {
    size_t e = above - 1; /* the previous line's newline */
    size_t start = e;
    while (start > 0 && c->text[start - 1] != '\n') start--;
    size_t first = start;
    while (first < e && (c->text[first] == ' ' || c->text[first] == '\t')) first++;
    if (first == e || c->text[first] == '\r' || c->text[first] == '#') {
      above = start;
      continue;
    }
    while (e > start && (c->text[e - 1] == ' ' || c->text[e - 1] == '\t' || c->text[e - 1] == '\r')) e--;
    if (e == start || c->text[e - 1] != escape) break;
    ls = above = start;
  }
  return ls;
}

/* True inside a heredoc body, where nothing is Dockerfile syntax. */
static bool in_heredoc(const DfCtx *c) {
  for (size_t i = 0; c->m && i < c->m->instrs.len; i++) {
    const DfInstr *in = &c->m->instrs.items[i];
    if (!in->heredoc || c->offset <= in->start || c->offset > in->end) continue;
    const char *nl = memchr(c->text + in->start, '\n', c->offset - in->start);
    if (nl) return true;
  }
  return false;
}

/* Instruction keywords for the word at `word`; with `in_onbuild`, those
 * ONBUILD may trigger (not ONBUILD itself, nor FROM).  On a line that has
 * arguments already, only the keyword is replaced. */
static void add_keywords(DfCtx *c, size_t word, bool in_onbuild) {
  set_range(c, word, is_name_char);
  bool has_arguments = !complete__rest_blank(c->text, c->len, c->out->end);
  /* In the blanks before a line's text, a keyword would run into it. */
  if (has_arguments && c->out->start == c->out->end) return;
  for (size_t i = 0; i < sizeof df_keywords / sizeof *df_keywords; i++) {
    const char *name = df_keywords[i].name;
    if (in_onbuild && (!strcmp(name, "ONBUILD") || !strcmp(name, "FROM"))) continue;
    complete__add(c->out, c->snippets, COMPLETE_KEYWORD, name, "instruction",
                  has_arguments ? name : df_keywords[i].snippet);
  }
}

/* Parser directives are read only on the comment lines that open the
 * file, before any instruction or blank line. */
static void complete_directive(DfCtx *c, size_t line) {
  for (size_t p = 0; p < line; p++)
    if (c->text[p] != '#' && (p == 0 || c->text[p - 1] == '\n')) return;
  size_t word = line;
  while (word < c->offset && (c->text[word] == '#' || c->text[word] == ' ')) word++;
  for (size_t p = word; p < c->offset; p++)
    if (!isalpha((unsigned char)c->text[p])) return;
  /* A directive already written (`escape=`…) is not replaced by another. */
  set_range(c, word, is_alpha);
  if (!complete__rest_blank(c->text, c->len, c->out->end)) return;
  for (size_t i = 0; directives[i]; i++) {
    char *label = xstrndup(directives[i], strcspn(directives[i], "=") + 1);
    complete__add(c->out, c->snippets, COMPLETE_DIRECTIVE, label, "parser directive", directives[i]);
    xfree(label);
  }
  /* The other escape character, unless a line already continues with the
   * current one: that line would stop continuing. */
  char escape = c->m->escape;
  for (size_t p = 0; p + 1 < c->len; p++)
    if (c->text[p] == escape && (c->text[p + 1] == '\n' || (c->text[p + 1] == '\r' && p + 2 < c->len)))
      return;
  complete__add(c->out, false, COMPLETE_DIRECTIVE, "escape=", "parser directive", escape == '`' ? "escape=\\" : "escape=`");
}

static void complete_dockerfile(DfCtx *c) {
  if (in_heredoc(c)) return;
  /* Right after a line's continuation character nothing is being typed,
   * and a word replacing it would end the continuation. */
  if (c->offset > 0 && c->text[c->offset - 1] == c->m->escape && complete__rest_blank(c->text, c->len, c->offset))
    return;
  size_t line = logical_line_start(c, c->offset);
  size_t p = line;
  while (p < c->offset && (c->text[p] == ' ' || c->text[p] == '\t')) p++;
  if (p < c->offset && c->text[p] == '#') {
    complete_directive(c, line);
    return;
  }
  /* Variables first: `$` and `${` may appear in any argument. */
  size_t name = c->offset;
  while (name > p && is_name_char(c->text[name - 1])) name--;
  bool braced = name > p + 1 && c->text[name - 1] == '{' && c->text[name - 2] == '$';
  if (name > p && (c->text[name - 1] == '$' || braced)) {
    set_range(c, name, is_name_char);
    add_variables(c, braced);
    return;
  }
  size_t keyword_end = p;
  while (keyword_end < c->offset && isalpha((unsigned char)c->text[keyword_end])) keyword_end++;
  if (keyword_end == c->offset) {
    add_keywords(c, p, false);
    return;
  }
  if (!isspace((unsigned char)c->text[keyword_end])) return;
  char keyword[16] = "";
  if (keyword_end - p < sizeof keyword) memcpy(keyword, c->text + p, keyword_end - p);
  keyword[keyword_end - p < sizeof keyword ? keyword_end - p : 0] = '\0';
  /* The words before the cursor: flags only, so far, for a flag or
   * FROM's image to be what comes next. */
  size_t word = c->offset;
  while (word > keyword_end && !isspace((unsigned char)c->text[word - 1])) word--;
  bool only_flags = true;
  for (size_t q = keyword_end; q < word; q++) {
    bool starts_word = !isspace((unsigned char)c->text[q]) && isspace((unsigned char)c->text[q - 1]);
    bool continuation = c->text[q] == c->m->escape && q + 1 < word && isspace((unsigned char)c->text[q + 1]);
    if (starts_word && !continuation && c->text[q] != '-') only_flags = false;
  }
  /* ONBUILD's first argument is an instruction of its own. */
  if (strcasecmp(keyword, "ONBUILD") == 0 && word > keyword_end && only_flags && c->text[word] != '-') {
    for (size_t q = word; q < c->offset; q++)
      if (!isalpha((unsigned char)c->text[q])) return;
    add_keywords(c, word, true);
    return;
  }
  if (!only_flags) return;
  if (c->text[word] == '-') complete_flag(c, keyword, word);
  else if (strcasecmp(keyword, "FROM") == 0) complete_image(c, word);
  else if (strcasecmp(keyword, "HEALTHCHECK") == 0) complete_healthcheck(c, word);
  else if (strcasecmp(keyword, "STOPSIGNAL") == 0 && c->text[word] != '$') complete_signal(c, word);
}

/* A cursor at the start of a word the user has not begun to retype asks
 * for nothing: replacing that word would change what follows the cursor,
 * which the user did not touch. */
static void drop_before_a_word(CompletionList *out, size_t offset) {
  if (out->start != offset || out->end == offset) return;
  completion_list_free(out);
  out->end = offset;
}

void analysis_completion(Workspace *ws, FileId id, size_t offset, bool snippets, CompletionList *out) {
  const TextDoc *doc = ws_text(ws, id);
  if (!doc || offset > doc->len) return;
  out->start = out->end = offset;
  if (ws_kind(ws, id) == DOC_KIND_COMPOSE) {
    complete__compose(ws, id, offset, out);
    drop_before_a_word(out, offset);
    return;
  }
  if (ws_kind(ws, id) != DOC_KIND_DOCKERFILE) return;
  DfCtx c = {ws, id, doc->bytes, doc->len, offset, snippets, ws_dockerfile(ws, id), out};
  if (!c.m) return;
  complete_dockerfile(&c);
  drop_before_a_word(out, offset);
}
