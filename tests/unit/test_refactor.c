/* The refactors (analysis_refactors): shell form ↔ exec form and the
 * split of a RUN `&&` chain.  Every refactor applied here must give the
 * expected text, a file that still parses without error nodes, and the
 * same command words (the shell model read before and after); and each
 * must stay away from the places where the rewrite would change what
 * runs.  The last test applies every refactor offered on every
 * instruction of the shared corpus of real Dockerfiles. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "casefile.h"
#include "dockls/analysis/analysis.h"
#include "dockls/analysis/format.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/parse.h"

/* The command words of every instruction with a script, one line per
 * command: what the rewrite must keep. */
static char *words_of(Workspace *ws, FileId id) {
  const DockerfileModel *m = ws_dockerfile(ws, id);
  StrBuf b = STRBUF_INIT;
  for (size_t i = 0; i < m->instrs.len; i++) {
    const ShellScript *sh = df_shell(&m->instrs.items[i]);
    if (!sh) continue;
    for (size_t c = 0; c < sh->commands.len; c++) {
      const ShellCommand *cmd = &sh->commands.items[c];
      strbuf_appendf(&b, "%zu:%d:[%s]", i, (int)cmd->join, cmd->name.value);
      for (size_t a = 0; a < cmd->args.len; a++) strbuf_appendf(&b, " [%s]", cmd->args.items[a].value);
      strbuf_append_char(&b, '\n');
    }
  }
  return strbuf_take(&b);
}

/* A workspace holding `text` as its one Dockerfile. */
static Workspace *open_dockerfile(const char *text, size_t len, FileId *id) {
  Workspace *ws = ws_new(NULL);
  char *err = NULL;
  cr_assert(ws_open(ws, "file:///t/Dockerfile", DOC_KIND_DOCKERFILE, 1, text, len, id, &err), "%s", err ? err : "");
  return ws;
}

static bool parses_cleanly(Workspace *ws, FileId id) { return !syntax_has_error(ws_syntax(ws, id)); }

/* The text after the edits of `fix` (sorted, apart). */
static char *applied(const char *text, const Fix *fix) {
  StrBuf b = STRBUF_INIT;
  size_t at = 0;
  for (size_t i = 0; i < fix->edits.len; i++) {
    const FixEdit *e = &fix->edits.items[i];
    cr_assert_geq(e->start, at, "edits out of order");
    strbuf_append_n(&b, text + at, e->start - at);
    strbuf_append(&b, e->text);
    at = e->end;
  }
  strbuf_append(&b, text + at);
  return strbuf_take(&b);
}

typedef struct {
  bool offered;
  char *text;       /* after the edit (owned), NULL when not offered */
  bool parses;      /* the result has no error node */
  bool same_words;  /* the shell model reads the same words */
  bool formatted;   /* the formatter would leave the rewritten instruction as it is */
} Outcome;

/* Applies the refactor whose title starts with `title` among those
 * offered over the whole text. */
static Outcome refactor(const char *text, const char *title) {
  Outcome o = {false, NULL, false, false, false};
  FileId id;
  Workspace *ws = open_dockerfile(text, strlen(text), &id);
  FixArray fixes;
  array_init(&fixes);
  analysis_refactors(ws, id, 0, strlen(text), &fixes);
  for (size_t i = 0; i < fixes.len && !o.offered; i++) {
    if (strncmp(fixes.items[i].title, title, strlen(title)) != 0) continue;
    cr_assert(!fixes.items[i].preferred, "a refactor is never a preferred fix");
    o.offered = true;
    o.text = applied(text, &fixes.items[i]);
  }
  fixarray_destroy(&fixes);
  if (o.offered) {
    FileId id2;
    Workspace *after = open_dockerfile(o.text, strlen(o.text), &id2);
    o.parses = parses_cleanly(after, id2);
    char *w1 = words_of(ws, id), *w2 = words_of(after, id2);
    o.same_words = strcmp(w1, w2) == 0;
    FormatEditArray edits;
    array_init(&edits);
    analysis_format(after, id2, 0, SIZE_MAX, &edits);
    o.formatted = edits.len == 0;
    analysis_format_edits_free(&edits);
    if (!o.same_words) cr_log_error("words before:\n%s\nafter:\n%s", w1, w2);
    xfree(w1);
    xfree(w2);
    ws_delete(after);
  }
  ws_delete(ws);
  return o;
}

static void expect_refactor(const char *in, const char *title, const char *want) {
  Outcome o = refactor(in, title);
  cr_assert(o.offered, "\"%s\" is not offered for %s", title, in);
  cr_expect_str_eq(o.text, want);
  cr_expect(o.parses, "the result does not parse: %s", o.text);
  cr_expect(o.same_words, "the result runs other words: %s", o.text);
  cr_expect(o.formatted, "the formatter would rewrite the result: %s", o.text);
  xfree(o.text);
}

static void expect_not_offered(const char *in, const char *title) {
  Outcome o = refactor(in, title);
  cr_expect(!o.offered, "\"%s\" is offered for %s: %s", title, in, o.text ? o.text : "");
  xfree(o.text);
}

Test(refactor, shell_to_exec) {
  expect_refactor("FROM alpine\nCMD nginx -g 'daemon off;'\n", "Convert CMD to exec form",
                  "FROM alpine\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n");
  expect_refactor("FROM alpine\nENTRYPOINT /usr/bin/tini --\n", "Convert ENTRYPOINT to exec form",
                  "FROM alpine\nENTRYPOINT [\"/usr/bin/tini\", \"--\"]\n");
  expect_refactor("FROM alpine\nRUN --network=none echo \"a b\" c=d\n", "Convert RUN to exec form",
                  "FROM alpine\nRUN --network=none [\"echo\", \"a b\", \"c=d\"]\n");
  expect_refactor("FROM alpine\nHEALTHCHECK --interval=5s CMD wget -q -O- http://127.0.0.1/\n",
                  "Convert HEALTHCHECK to exec form",
                  "FROM alpine\nHEALTHCHECK --interval=5s CMD [\"wget\", \"-q\", \"-O-\", \"http://127.0.0.1/\"]\n");
}

Test(refactor, shell_to_exec_escapes_json) {
  expect_refactor("FROM alpine\nCMD printf 'say \"hi\" \\\\ \t'\n", "Convert CMD to exec form",
                  "FROM alpine\nCMD [\"printf\", \"say \\\"hi\\\" \\\\\\\\ \\t\"]\n");
}

Test(refactor, shell_to_exec_across_continuations) {
  expect_refactor("FROM alpine\nCMD python3 \\\n    -m http.server \\\n    8000\n", "Convert CMD to exec form",
                  "FROM alpine\nCMD [\"python3\", \"-m\", \"http.server\", \"8000\"]\n");
}

Test(refactor, shell_to_exec_not_offered_for_shell_features) {
  const char *cases[] = {
      "FROM alpine\nCMD echo $HOME\n",               /* a variable */
      "FROM alpine\nCMD echo \"${A:-x}\"\n",         /* an expansion in quotes */
      "FROM alpine\nCMD ls *.txt\n",                 /* a glob */
      "FROM alpine\nCMD echo a > /tmp/x\n",          /* a redirection */
      "FROM alpine\nCMD a && b\n",                   /* a list */
      "FROM alpine\nCMD a | b\n",                    /* a pipe */
      "FROM alpine\nCMD a; b\n",                     /* two commands */
      "FROM alpine\nCMD A=1 run\n",                  /* an assignment */
      "FROM alpine\nCMD echo ~/x\n",                 /* a tilde */
      "FROM alpine\nCMD echo {a,b}\n",               /* braces */
      "FROM alpine\nCMD echo a\\ b\n",               /* an escape */
      "FROM alpine\nCMD echo \"a\\\"b\"\n",          /* an escape in quotes */
      "FROM alpine\nCMD echo $(date)\n",             /* a substitution */
      "FROM alpine\nCMD run # note\n",               /* a comment */
      "FROM alpine\nRUN echo a \\\n# note\n    b\n",  /* a comment line in the instruction */
      "FROM alpine\nRUN <<EOF\necho hi\nEOF\n",      /* a heredoc */
      "FROM alpine\nRUN cat <<EOF\nhi\nEOF\n",       /* a heredoc as input */
      "FROM alpine\nCMD echo 'unclosed\n",           /* a shell syntax error */
      "FROM mcr.microsoft.com/windows/servercore\nSHELL [\"powershell\", \"-Command\"]\nCMD echo hi\n",
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    Outcome o = refactor(cases[i], "Convert");
    cr_expect(!o.offered, "a conversion is offered for %s: %s", cases[i], o.text ? o.text : "");
    xfree(o.text);
  }
}

Test(refactor, exec_to_shell) {
  expect_refactor("FROM alpine\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n", "Convert CMD to shell form",
                  "FROM alpine\nCMD nginx -g 'daemon off;'\n");
  expect_refactor("FROM alpine\nRUN [\"echo\", \"$HOME\", \"a\\\"b\", \"\"]\n", "Convert RUN to shell form",
                  "FROM alpine\nRUN echo '$HOME' 'a\"b' ''\n");
  expect_refactor("FROM alpine\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://127.0.0.1/\"]\n",
                  "Convert HEALTHCHECK to shell form",
                  "FROM alpine\nHEALTHCHECK CMD curl -f http://127.0.0.1/\n");
  /* A first word the shell would read as an assignment or a keyword is
   * quoted. */
  expect_refactor("FROM alpine\nCMD [\"A=1\", \"x\"]\n", "Convert CMD to shell form",
                  "FROM alpine\nCMD 'A=1' x\n");
  expect_refactor("FROM alpine\nCMD [\"time\", \"x\"]\n", "Convert CMD to shell form",
                  "FROM alpine\nCMD 'time' x\n");
}

Test(refactor, exec_to_shell_not_offered_where_quoting_fails) {
  expect_not_offered("FROM alpine\nCMD [\"echo\", \"it's\"]\n", "Convert");         /* a quote */
  expect_not_offered("FROM alpine\nCMD [\"printf\", \"a\\nb\"]\n", "Convert");      /* a line break */
  expect_not_offered("FROM alpine\nCMD [\"echo\", \"\\u0041\"]\n", "Convert");      /* an escape the model keeps */
  expect_not_offered("FROM alpine\nCMD []\n", "Convert");                           /* nothing to run */
  expect_not_offered("FROM alpine\nSHELL [\"pwsh\", \"-c\"]\nCMD [\"echo\", \"a\"]\n", "Convert");
  /* Images without /bin/sh run exec form only. */
  expect_not_offered("FROM scratch\nCOPY app /app\nCMD [\"/app\"]\n", "Convert");
  expect_not_offered("FROM gcr.io/distroless/static-debian12\nCMD [\"/app\"]\n", "Convert");
}

/* The start command of the container must stay what it was: a shell-form
 * ENTRYPOINT drops CMD and the run arguments, and a CMD under an
 * ENTRYPOINT is its arguments. */
Test(refactor, start_command_kept) {
  expect_not_offered("FROM alpine\nENTRYPOINT [\"/entry.sh\", \"--fast\"]\n", "Convert ENTRYPOINT to shell form");
  expect_not_offered("FROM alpine\nENTRYPOINT /entry.sh\nCMD [\"run\"]\n", "Convert ENTRYPOINT to exec form");
  expect_not_offered("FROM alpine\nCMD run\nENTRYPOINT /entry.sh\n", "Convert ENTRYPOINT to exec form");
  expect_not_offered("FROM alpine\nENTRYPOINT [\"/entry.sh\"]\nCMD [\"run\"]\n", "Convert CMD");
  expect_not_offered("FROM alpine\nENTRYPOINT [\"/entry.sh\"]\nCMD run\n", "Convert CMD");
  /* Inherited from a stage of the same file. */
  expect_not_offered("FROM alpine AS base\nENTRYPOINT [\"/entry.sh\"]\nFROM base\nCMD run\n", "Convert CMD");
  /* A CMD of an earlier stage is reset by the ENTRYPOINT of a later one. */
  expect_refactor("FROM alpine AS base\nCMD [\"run\"]\nFROM base\nENTRYPOINT /entry.sh\n",
                  "Convert ENTRYPOINT to exec form",
                  "FROM alpine AS base\nCMD [\"run\"]\nFROM base\nENTRYPOINT [\"/entry.sh\"]\n");
}

Test(refactor, round_trip) {
  const char *text = "FROM alpine\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n";
  Outcome there = refactor(text, "Convert CMD to shell form");
  cr_assert(there.offered);
  Outcome back = refactor(there.text, "Convert CMD to exec form");
  cr_assert(back.offered);
  cr_expect_str_eq(back.text, text);
  xfree(there.text);
  xfree(back.text);
}

Test(refactor, split_chain) {
  expect_refactor("FROM alpine\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n", "Split",
                  "FROM alpine\nRUN apk update \\\n    && apk add curl \\\n    && rm -rf /var/cache/apk/*\n");
  /* Commands that span lines are kept as they are; a pipe inside an
   * operand stays whole. */
  expect_refactor("FROM alpine\nRUN a x \\\n    y && b | c\n", "Split",
                  "FROM alpine\nRUN a x \\\n    y \\\n    && b | c\n");
  /* The other continuation style is rewritten to the one style. */
  expect_refactor("FROM alpine\nRUN a && \\\n  b && c\n", "Split",
                  "FROM alpine\nRUN a \\\n    && b \\\n    && c\n");
}

Test(refactor, split_chain_keeps_crlf_and_escape) {
  expect_refactor("FROM alpine\r\nRUN a && b\r\n", "Split", "FROM alpine\r\nRUN a \\\r\n    && b\r\n");
  expect_refactor("# escape=`\nFROM alpine\nRUN a && b\n", "Split", "# escape=`\nFROM alpine\nRUN a `\n    && b\n");
}

Test(refactor, split_chain_not_offered) {
  expect_not_offered("FROM alpine\nRUN a\n", "Split");                              /* no chain */
  expect_not_offered("FROM alpine\nRUN a \\\n    && b\n", "Split");                /* already split */
  expect_not_offered("FROM alpine\nRUN a || b && c\n", "Split");                    /* not only && */
  expect_not_offered("FROM alpine\nRUN a && b; c\n", "Split");                      /* more than the chain */
  expect_not_offered("FROM alpine\nRUN a && \\\n# why\n    b\n", "Split");         /* a comment between */
  expect_not_offered("FROM alpine\nCMD a && b\n", "Split");                         /* RUN only */
  expect_not_offered("FROM alpine\nRUN [\"a\", \"&&\", \"b\"]\n", "Split");          /* exec form */
  expect_not_offered("FROM alpine\nRUN a && cat <<EOF\nx\nEOF\n", "Split");          /* a heredoc */
  expect_not_offered("FROM alpine\nRUN (a && b)\n", "Split");                       /* inside a subshell */
}

Test(refactor, only_instructions_in_range) {
  const char *text = "FROM alpine\nCMD a b\n";
  FileId id;
  Workspace *ws = open_dockerfile(text, strlen(text), &id);
  FixArray fixes;
  array_init(&fixes);
  analysis_refactors(ws, id, 0, 4, &fixes); /* the FROM line */
  cr_expect_eq(fixes.len, 0);
  analysis_refactors(ws, id, 14, 14, &fixes); /* inside the CMD */
  cr_expect_eq(fixes.len, 1);
  fixarray_destroy(&fixes);
  ws_delete(ws);
}

/* Over the shared corpus: every refactor offered anywhere, applied, leaves
 * a file that parses without error nodes (when the original did) and runs
 * the same words. */
typedef struct {
  size_t offered, failures;
} RefactorCorpus;

static void refactor_corpus_file(const char *name, const char *text, size_t len, void *ctx) {
  RefactorCorpus *c = ctx;
  FileId id;
  Workspace *ws = open_dockerfile(text, len, &id);
  bool clean = parses_cleanly(ws, id);
  char *words = words_of(ws, id);
  FixArray fixes;
  array_init(&fixes);
  analysis_refactors(ws, id, 0, len, &fixes);
  for (size_t f = 0; f < fixes.len; f++) {
    c->offered++;
    char *out = applied(text, &fixes.items[f]);
    FileId id2;
    Workspace *after = open_dockerfile(out, strlen(out), &id2);
    bool parses = !clean || parses_cleanly(after, id2);
    char *words2 = words_of(after, id2);
    if (!parses || strcmp(words, words2) != 0) {
      c->failures++;
      cr_log_error("%s: \"%s\" %s", name, fixes.items[f].title,
                   parses ? "changes the command words" : "adds a syntax error");
    }
    xfree(words2);
    ws_delete(after);
    xfree(out);
  }
  fixarray_destroy(&fixes);
  xfree(words);
  ws_delete(ws);
}

Test(refactor_corpus, every_refactor_keeps_parse_and_words) {
  RefactorCorpus c = {0, 0};
  long files = test_corpus_each("dockerfiles", refactor_corpus_file, &c);
  if (files < 0) cr_skip_test("../shared/corpus/dockerfiles is not present; the refactor corpus test is skipped");
  cr_log_info("refactor corpus: %ld files, %zu refactors applied", files, c.offered);
  cr_expect_gt(c.offered, 100, "the corpus should offer many refactors, found %zu", c.offered);
  cr_expect_eq(c.failures, 0, "%zu refactors broke their file", c.failures);
}
