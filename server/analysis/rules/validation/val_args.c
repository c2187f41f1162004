/* What the global ARGs (those before the first FROM) give a FROM line
 * when the build passes no --build-arg: the builder expands FROM with
 * them only, and an ARG without a default is unset there. */
#include <string.h>

#include "dockls/base/strbuf.h"
#include "validation_rules.h"

const DfPair *val__global_arg(const DockerfileModel *m, const char *name, size_t len) {
  const DfPair *found = NULL;
  for (size_t i = 0; i < m->instrs.len && m->instrs.items[i].stage < 0; i++) {
    const DfInstr *in = &m->instrs.items[i];
    for (size_t p = 0; in->kind == DF_ARG && p < df_pairs(in)->len; p++) {
      const DfPair *pair = &df_pairs(in)->items[p];
      if (strlen(pair->key.text) == len && strncmp(pair->key.text, name, len) == 0) found = pair;
    }
  }
  return found;
}

bool val__predefined_arg(const char *name, size_t len) {
  for (size_t i = 0; dockerfile_predefined_args[i]; i++)
    if (strlen(dockerfile_predefined_args[i]) == len && strncmp(dockerfile_predefined_args[i], name, len) == 0)
      return true;
  return false;
}

/* The default of an ARG as the builder stores it: one pair of matching
 * quotes removed.  False when the default is not a plain literal (it
 * holds a variable, an escape or inner quotes), since then its value
 * here would be a guess. */
static bool val__arg_default(const DfPair *pair, StrBuf *out) {
  const char *v = pair->value.text;
  if (!v) return true; /* unset: expands to nothing */
  size_t n = strlen(v);
  if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
    v++;
    n -= 2;
  }
  if (memchr(v, '$', n) || memchr(v, '\\', n) || memchr(v, '"', n) || memchr(v, '\'', n)) return false;
  strbuf_append_n(out, v, n);
  return true;
}

static bool val__name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

char *val__expand_global(const DockerfileModel *m, const char *text) {
  StrBuf out = STRBUF_INIT;
  for (size_t i = 0; text[i];) {
    if (text[i] == '\\' || text[i] == '\'' || text[i] == '"') goto unknown;
    if (text[i] != '$') {
      strbuf_append_char(&out, text[i++]);
      continue;
    }
    bool braced = text[i + 1] == '{';
    size_t name = i + 1 + braced, end = name;
    while (val__name_char(text[end])) end++;
    if (end == name) goto unknown;
    const char *word = NULL;
    size_t word_len = 0;
    bool colon = false;
    size_t after = end;
    if (braced) {
      const char *close = strchr(text + end, '}');
      if (!close) goto unknown;
      if (text[end] == ':' && text[end + 1] == '-') {
        colon = true;
        word = text + end + 2;
      } else if (text[end] == '-') {
        word = text + end + 1;
      } else if (text[end] != '}') {
        goto unknown; /* another operator: its value here would be a guess */
      }
      if (word) {
        word_len = (size_t)(close - word);
        if (memchr(word, '$', word_len)) goto unknown;
      }
      after = (size_t)(close - text) + 1;
    }
    if (val__predefined_arg(text + name, end - name)) goto unknown;
    const DfPair *arg = val__global_arg(m, text + name, end - name);
    /* An undeclared name without a default word is from-arg-undeclared's
     * finding; judging the reference it empties would report one mistake
     * twice. */
    if (!arg && (!word || word_len == 0)) goto unknown;
    bool set = arg && arg->value.text;
    StrBuf value = STRBUF_INIT;
    if (arg && !val__arg_default(arg, &value)) {
      strbuf_destroy(&value);
      goto unknown;
    }
    if (word && (!set || (colon && value.len == 0))) strbuf_append_n(&out, word, word_len);
    else strbuf_append(&out, strbuf_cstr(&value));
    strbuf_destroy(&value);
    i = after;
  }
  return strbuf_take(&out);
unknown:
  strbuf_destroy(&out);
  return NULL;
}
