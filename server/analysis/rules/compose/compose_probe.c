/* The script a compose health check runs, in the same shell model as a
 * Dockerfile's HEALTHCHECK: a string or ["CMD-SHELL", "…"] is parsed as a
 * script, ["CMD", …] is one command run without a shell.  Offsets are
 * the compose file's own wherever the test is written verbatim. */
#include <string.h>

#include "compose_rules.h"

/* The document offset of text[0] of a verbatim scalar, or false. */
static bool probe_base(const ComposeNode *item, size_t *base) {
  size_t end;
  return compose_text_offset(item, 0, base) && compose_text_offset(item, strlen(item->text), &end);
}

/* The items of `seq` from `from` on as words run without a shell; NULL
 * when one is not a scalar. */
static ShellScript *probe_words(const ComposeNode *seq, size_t from, bool *exact) {
  ShellWordArray words;
  array_init(&words);
  *exact = true;
  for (size_t k = from; k < seq->nitems; k++) {
    const ComposeNode *item = seq->items[k];
    if (!compose_is_scalar(item)) {
      array_delete(&words);
      return NULL;
    }
    /* shell_script_exec copies the value; the word never owns it here. */
    ShellWord w = {.value = (char *)item->text, .start = item->start, .end = item->start};
    if (probe_base(item, &w.start)) w.end = w.start + strlen(item->text);
    else *exact = false;
    array_push(&words, w);
  }
  ShellScript *s = shell_script_exec(words.items, words.len);
  array_delete(&words);
  return s;
}

ShellScript *compose__health_script(const RuleCtx *ctx, const ComposeNode *test, bool *exact,
                                   const ComposeNode **source) {
  *exact = false;
  *source = test;
  if (!test) return NULL;
  if (compose_is_scalar(test)) {
    size_t base = test->start;
    *exact = probe_base(test, &base);
    return shell_script_parse(ws_parsers(ctx->ws), test->text, strlen(test->text), base);
  }
  if (test->kind != COMPOSE_NODE_SEQ || test->nitems < 2) return NULL;
  if (!compose_is_scalar(test->items[0]) || !compose_is_scalar(test->items[1])) return NULL;
  const char *form = test->items[0]->text;
  if (strcmp(form, "CMD-SHELL") == 0) {
    const ComposeNode *script = *source = test->items[1];
    size_t base = script->start;
    *exact = probe_base(script, &base);
    return shell_script_parse(ws_parsers(ctx->ws), script->text, strlen(script->text), base);
  }
  if (strcmp(form, "CMD") != 0) return NULL;
  return probe_words(test, 1, exact);
}

ShellScript *compose__command_script(const RuleCtx *ctx, const ComposeNode *node) {
  if (compose_is_scalar(node))
    return shell_script_parse(ws_parsers(ctx->ws), node->text, strlen(node->text), node->start);
  if (!node || node->kind != COMPOSE_NODE_SEQ || node->nitems == 0) return NULL;
  bool exact;
  return probe_words(node, 0, &exact);
}
