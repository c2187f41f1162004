/* secret-arg-env-name (rules-parity section G): an ARG or ENV whose name
 * says it holds a secret.  The value of a build argument is recorded in
 * the image history and an ENV value is stored in the image itself, so a
 * secret passed that way ships with the image whatever the Dockerfile
 * says about it.  secret-in-image reports the keys that already hold a
 * literal secret; this rule reports the rest, so one key never gets two
 * findings. */
#include <string.h>

#include "dockerfile_rules.h"

/* Whether word[0, len) is one of the NULL-ended `words`. */
static bool sn_word_in(const char *word, size_t len, const char *const *words) {
  for (size_t i = 0; words[i]; i++)
    if (strlen(words[i]) == len && strncmp(words[i], word, len) == 0) return true;
  return false;
}

/* The rule's test on a lower-cased key: a first or last `_`-word that
 * names a secret, or a secret name anywhere in it, unless some `_`-word
 * says the value is public, a file holding the secret, or a version
 * (`SESSION_SECRET_FILE`, `AUTH_MODULE_VERSION`).  `gpg` is such a word
 * too: `GPG_KEY` holds the fingerprint of the public key that verifies a
 * download (the official python and wordpress images set it). */
static bool sn_secret_name(const char *key) {
  static const char *const edge_words[] = {"apikey", "auth", "credential", "credentials", "key", "password",
                                           "pword", "passwd", "secret", "token", NULL};
  static const char *const inner[] = {"api_key", "client_key", "password", "secret", "token", NULL};
  static const char *const harmless[] = {"public", "file", "version", "gpg", NULL};
  size_t first_len = 0, last_start = 0;
  bool first = true;
  for (const char *p = key;; p++) {
    if (*p != '_' && *p) continue;
    const char *word = key + last_start;
    size_t len = (size_t)(p - word);
    if (sn_word_in(word, len, harmless)) return false;
    if (first) first_len = len;
    first = false;
    if (!*p) break;
    last_start = (size_t)(p - key) + 1;
  }
  const char *last = key + last_start;
  if (sn_word_in(key, first_len, edge_words) || sn_word_in(last, strlen(last), edge_words)) return true;
  for (size_t i = 0; inner[i]; i++)
    if (strstr(key, inner[i])) return true;
  return false;
}

static bool sn_reported(const DfInstr *in, const DfPair *pair) {
  /* The name first, in a lower-case copy on the stack: this runs for
   * every ARG and ENV key on every keystroke, and most are not secret. */
  char lower[128];
  size_t n = strlen(pair->key.text);
  if (n >= sizeof lower) return false; /* no secret is named with 128 characters */
  for (size_t i = 0; i <= n; i++) {
    char c = pair->key.text[i];
    lower[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (!sn_secret_name(lower)) return false;
  if (df__secret_literal(pair) || df__secret_switch(pair)) return false; /* secret-in-image's, or a switch */
  /* `ENV DB_PASSWORD=/run/secrets/db` says where the secret is read from;
   * `ENV DB_PASSWORD=""` stores nothing and documents a variable the
   * container is given when it starts, which is where a secret belongs.
   * An ARG differs: the value a build passes is what the history keeps. */
  const char *value = pair->value.text;
  return in->kind != DF_ENV || (value && value[0] != '/' && value[0]);
}

/* Per instruction: the ARG or ENV ctx->instr. */
void df__secret_arg_env_name(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_ARG && in->kind != DF_ENV) return;
  for (size_t k = 0; k < df_pairs(in)->len; k++) {
    const DfPair *p = &df_pairs(in)->items[k];
    if (!sn_reported(in, p)) continue;
    const char *key = p->key.text;
    if (in->kind == DF_ARG)
      diag_add(ctx->out, RULE_SECRET_ARG_ENV_NAME, ctx->file, p->key.start, p->key.end,
               "build argument `%s` looks like a secret: the value a build passes for it is recorded in "
               "the image history; read it in the RUN that needs it with "
               "`RUN --mount=type=secret,id=%s,env=%s`",
               key, key, key);
    else
      diag_add(ctx->out, RULE_SECRET_ARG_ENV_NAME, ctx->file, p->key.start, p->key.end,
               "`%s` looks like a secret: an ENV value is stored in the image and seen by every container "
               "of it; read it in the RUN that needs it with `RUN --mount=type=secret,id=%s,env=%s`, or "
               "set it when the container starts",
               key, key, key);
  }
}
