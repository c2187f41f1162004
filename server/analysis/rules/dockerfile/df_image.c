/* Catalog section D, Dockerfile side: image-unpinned, user-root,
 * secret-in-image, shell-form-cmd. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "dockls/base/strbuf.h"
#include "dockls/workspace/files.h"
#include "dockls/base/path.h"
#include "dockerfile_rules.h"

/* --- image-unpinned --- */

void df__image_unpinned(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    /* A stage name, `scratch`, and a reference whose repository comes
     * from an ARG are not images we can judge. */
    if (st->parent >= 0 || !st->image_raw || !st->image_raw[0] || st->image_raw[0] == '$' || !st->image) continue;
    char *repo, *tag, *digest;
    dockerfile_split_image(st->image, &repo, &tag, &digest);
    bool scratch = strcmp(repo, "scratch") == 0;
    bool unpinned = !digest && (!tag || strcmp(tag, "latest") == 0);
    if (!scratch && unpinned && !strchr(repo, '$')) {
      diag_add(ctx->out, RULE_IMAGE_UNPINNED, ctx->file, st->image_start, st->image_end,
               tag ? "`%s:latest` changes under you: pin a version tag (or a digest)"
                   : "`%s` has no tag, so it means `latest`, which changes under you: pin a version tag (or a digest)",
               repo);
    }
    xfree(repo);
    xfree(tag);
    xfree(digest);
  }
}

/* --- image-floating-tag --- */

/* A FROM whose tag is moved to each new release (`node:lts`,
 * `alpine:edge`): like `latest`, the same Dockerfile builds on another
 * base next month.  Stage names and references holding an ARG are not
 * judged (the value is unknown offline); no tag and `latest` are
 * image-unpinned's. */
void df__image_floating_tag(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  for (size_t s = 0; s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    if (st->parent >= 0 || !st->image_raw) continue;
    const char *tag = rules__floating_tag(st->image_raw);
    if (!tag) continue;
    diag_add(ctx->out, RULE_IMAGE_FLOATING_TAG, ctx->file, st->image_start, st->image_end,
             "`%s` uses the moving `%s` tag, which follows new releases like `latest`: pin a version "
             "tag (or a digest)",
             st->image_raw, tag);
  }
}

/* --- user-root --- */

/* Database images start as root on purpose and drop privileges in their
 * entrypoint (gosu, su-exec); a USER line there is a choice. */
static bool steps_down_itself(const char *family) {
  static const char *const families[] = {"postgres", "mysql", "mariadb", "mongo", "redis", "rabbitmq", NULL};
  for (size_t i = 0; families[i]; i++)
    if (strcmp(family, families[i]) == 0) return true;
  return false;
}

/* The tools an entrypoint steps down to another user with. */
static const char *const step_down_tools[] = {"gosu", "su-exec", "setpriv", NULL};

/* DF_FACT_STEPS_DOWN: a RUN that installs or runs one of those tools. */
uint32_t rules__instr_facts(const DockerfileModel *m, size_t i) {
  const DfInstr *in = &m->instrs.items[i];
  uint32_t facts = DF_FACT_KNOWN;
  for (size_t p = 0; p < df_run_packages(in)->len; p++)
    for (size_t t = 0; step_down_tools[t]; t++)
      if (df_run_packages(in)->items[p].add && strcmp(df_run_packages(in)->items[p].name, step_down_tools[t]) == 0)
        facts |= DF_FACT_STEPS_DOWN;
  for (size_t k = 0; in->kind == DF_RUN && df_shell(in) && k < df_shell(in)->commands.len; k++)
    for (size_t t = 0; step_down_tools[t]; t++)
      if (shell_is(&df_shell(in)->commands.items[k], step_down_tools[t])) facts |= DF_FACT_STEPS_DOWN;
  return facts;
}

/* True when the image is built to drop privileges at start: a stage of
 * the chain installs or runs gosu, su-exec or setpriv (the entrypoint
 * steps down, as the official database images do).  Folded from each
 * instruction's facts, which a keystroke works out for the edited
 * instructions only. */
static bool installs_step_down(const RuleCtx *ctx, const DfStage *final) {
  for (const DfStage *s = final; s; s = df__parent(ctx->model, s))
    for (size_t i = s->first; i < s->last; i++)
      if (rules__facts_of(ctx, i) & DF_FACT_STEPS_DOWN) return true;
  return false;
}

/* Where a USER line goes in the final stage: before its first trailing
 * CMD/ENTRYPOINT (so build steps still run as root), else at its end. */
static size_t user_insert_at(const DockerfileModel *m, const DfStage *final, bool *at_end) {
  size_t at = final->last;
  for (size_t i = final->last; i-- > final->first + 1;) {
    DfKind k = m->instrs.items[i].kind;
    if (k == DF_CMD || k == DF_ENTRYPOINT) at = i;
    else if (k != DF_HEALTHCHECK && k != DF_EXPOSE && k != DF_LABEL && k != DF_STOPSIGNAL) break;
  }
  *at_end = at == final->last;
  return at;
}

static void user_fix(RuleCtx *ctx, const DockerfileModel *m, const DfStage *final, Diag *d,
                     const char *title, bool preferred, const char *run_line, const char *user) {
  bool at_end;
  size_t at = user_insert_at(m, final, &at_end);
  Fix *fix = rules__add_fix(ctx, d, title, preferred);
  StrBuf text = STRBUF_INIT;
  const char *eol = rules__eol(ctx->text);
  if (at_end) {
    size_t end = ctx->text->len;
    bool newline = end > 0 && ctx->text->bytes[end - 1] == '\n';
    if (!newline) strbuf_append(&text, eol);
    if (run_line) strbuf_appendf(&text, "%s%s", run_line, eol);
    strbuf_appendf(&text, "USER %s%s", user, eol);
    fix_add_edit(fix, ctx->file, end, end, strbuf_cstr(&text));
  } else {
    size_t start = m->instrs.items[at].start;
    if (run_line) rules__insert_line_before(fix, ctx->file, ctx->text, start, run_line);
    strbuf_appendf(&text, "USER %s", user);
    rules__insert_line_before(fix, ctx->file, ctx->text, start, strbuf_cstr(&text));
  }
  strbuf_destroy(&text);
}

/* Per stage: the final one, read with the stages it is built from. */
void df__user_root(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfStage *final = dockerfile_final_stage(m);
  if (!final || final->index != ctx->stage || !final->posix_shell) return;
  const DfInstr *user = dockerfile_last(m, final, DF_USER, true);
  ImageFacts f;
  bool known = df__base_facts(m, final, &f);
  if (user) {
    if (!df_paths(user)->len || !df__root_user(df_paths(user)->items[0].text)) return;
    /* `USER root` at the end of a stage built on an image that steps
     * down by itself is the same choice as no USER at all. */
    if (known && steps_down_itself(f.family)) return;
    Diag *d = diag_add(ctx->out, RULE_USER_ROOT, ctx->file, user->start, df_paths(user)->items[0].end,
                       "the final stage runs as root: a process that is broken into owns the container");
    if (known && f.ready_user) user_fix(ctx, m, final, d, "Run as the image's non-root user", false, NULL, f.ready_user);
    return;
  }
  /* No USER: the base image decides, and an unknown one stays silent
   * (many non-official images already run as a non-root user). */
  if (!known || !f.default_user || !df__root_user(f.default_user) || steps_down_itself(f.family)) return;
  if (installs_step_down(ctx, final)) return;
  Diag *d = diag_add(ctx->out, RULE_USER_ROOT, ctx->file, final->image_start, final->image_end,
                     "the final stage runs as root (no USER, and %s runs as root): a process that is broken "
                     "into owns the container",
                     f.family);
  if (f.ready_user) {
    StrBuf title = STRBUF_INIT;
    strbuf_appendf(&title, "Run as `%s`, the image's non-root user", f.ready_user);
    /* Not preferred: files the earlier instructions wrote belong to root,
     * so an app that writes to them (uploads, caches, logs, a pid file)
     * stops working as another user; a person has to look. */
    user_fix(ctx, m, final, d, strbuf_cstr(&title), false, NULL, f.ready_user);
    strbuf_destroy(&title);
  } else if (images_user_recipe(f.os)) {
    StrBuf run = STRBUF_INIT;
    strbuf_appendf(&run, "RUN %s", images_user_recipe(f.os));
    /* Not preferred: files created earlier belong to root, so the app may
     * need a chown first; a person should look. */
    user_fix(ctx, m, final, d, "Create an `app` user and run as it", false, strbuf_cstr(&run), "app");
    strbuf_destroy(&run);
  }
}

/* --- secret-in-image --- */

static bool memmem_ascii(const char *hay, size_t len, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(hay + i, needle, n) == 0) return true;
  return false;
}

static bool ends_nocase(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* Keys that look secret (the catalog's patterns), minus the ones that
 * name where a secret lives or how it is shaped rather than the secret
 * itself (`DB_PASSWORD_FILE=/run/secrets/db`, `TOKEN_URL`). */
bool df__secret_key(const char *key) {
  static const char *const patterns[] = {"PASSWORD", "SECRET", "TOKEN", "API_KEY", "APIKEY",
                                         "PRIVATE_KEY", "ACCESS_KEY", "PASSWD", NULL};
  static const char *const not_secret[] = {"FILE", "PATH", "DIR", "URL", "URI", "HOST", "PORT",
                                           "NAME", "USER", "USERNAME", "LENGTH", "ENDPOINT",
                                           "EXPIRY", "TTL", "TYPE", "HEADER", "_ID", NULL};
  static const char *const switches[] = {"ALLOW_", "ENABLE_", "DISABLE_", "USE_", "REQUIRE_", NULL};
  /* One upper-case copy, then plain substring tests: this runs for every
   * ENV and ARG key on every keystroke. */
  char upper[128];
  size_t n = strlen(key);
  if (n >= sizeof upper) return false;
  for (size_t i = 0; i <= n; i++) upper[i] = (char)toupper((unsigned char)key[i]);
  bool secret = false;
  for (size_t i = 0; patterns[i] && !secret; i++) secret = strstr(upper, patterns[i]) != NULL;
  if (!secret) return false;
  for (size_t i = 0; not_secret[i]; i++) {
    size_t m = strlen(not_secret[i]);
    if (n >= m && strcmp(upper + n - m, not_secret[i]) == 0) return false;
  }
  /* ALLOW_EMPTY_PASSWORD, ENABLE_TOKEN_AUTH: switches, not secrets. */
  for (size_t i = 0; switches[i]; i++)
    if (strncmp(upper, switches[i], strlen(switches[i])) == 0) return false;
  return true;
}

/* Values that configure rather than authenticate. */
static bool switch_value(const char *v) {
  static const char *const words[] = {"yes", "no", "true", "false", "on", "off", "0", "1", NULL};
  for (size_t i = 0; words[i]; i++)
    if (strcasecmp(v, words[i]) == 0) return true;
  return false;
}

/* A literal value: not empty and not just a variable reference (which
 * takes the value from the build arguments at build time). */
static bool literal_value(const char *v) {
  if (!v || !*v) return false;
  if (v[0] == '$') {
    const char *p = v + 1;
    if (*p == '{') {
      const char *close = strchr(p, '}');
      return !close || close[1] != '\0';
    }
    while (isalnum((unsigned char)*p) || *p == '_') p++;
    return *p != '\0';
  }
  return true;
}

/* A copied source that is a secret: `.env` and SSH private keys by name;
 * `*.pem` and `*.key` only when the file in the build context holds a
 * private key, because certificates and the GPG keys that verify package
 * repositories are public and are copied on purpose.  Reading that file
 * is a read outside the instruction (rules__looked_outside). */
static bool secret_file(RuleCtx *ctx, const char *path) {
  if (strstr(path, "://")) return false; /* ADD of a URL */
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strcmp(base, ".env") == 0 || strcmp(base, "id_rsa") == 0 || strcmp(base, "id_ed25519") == 0 ||
      strcmp(base, "id_ecdsa") == 0 || strcmp(base, "id_dsa") == 0)
    return true;
  if (!ends_nocase(base, ".pem") && !ends_nocase(base, ".key")) return false;
  const char *own = ws_path(ctx->ws, ctx->file);
  if (!own || strpbrk(path, "*?[$")) return false;
  rules__looked_outside(ctx);
  char *context_dir = path_dirname(own);
  char *full = path_join(context_dir, path);
  FileId id;
  bool secret = false;
  if (ws_read(ctx->ws, ctx->file, full, &id)) {
    const TextDoc *t = ws_text(ctx->ws, id);
    secret = memmem_ascii(t->bytes, t->len, "PRIVATE KEY-----");
  }
  xfree(full);
  xfree(context_dir);
  return secret;
}

bool df__secret_literal(const DfPair *pair) {
  return df__secret_key(pair->key.text) && literal_value(pair->value.text) && !df__secret_switch(pair);
}

bool df__secret_switch(const DfPair *pair) { return pair->value.text && switch_value(pair->value.text); }

void df__secret_in_image(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if (in->kind != DF_ENV && in->kind != DF_ARG) return;
  for (size_t k = 0; k < df_pairs(in)->len; k++) {
    const DfPair *p = &df_pairs(in)->items[k];
    if (!df__secret_literal(p)) continue;
    if (in->kind == DF_ARG) {
      Diag *d = diag_add(ctx->out, RULE_SECRET_IN_IMAGE, ctx->file, p->key.start, p->value.end,
                         "the default of build argument `%s` is a literal secret: it is stored in the "
                         "image history; pass it with --build-arg or a secret mount instead",
                         p->key.text);
      /* Not preferred: a RUN or an ENV that reads the argument gets an
       * empty value until the build passes one. */
      Fix *fix = rules__add_fix(ctx, d, "Drop the default value", false);
      fix_add_edit(fix, ctx->file, p->key.end, p->value.end, "");
    } else {
      diag_add(ctx->out, RULE_SECRET_IN_IMAGE, ctx->file, p->key.start, p->value.end,
               "`%s` is a literal secret baked into every layer after it: use "
               "`RUN --mount=type=secret,id=...` at build time or set it at run time",
               p->key.text);
    }
  }
}

/* Per instruction: a COPY or ADD from the build context; a `*.pem` or
 * `*.key` source is read from the context, and then the instruction's
 * results are worked out on every analysis. */
void df__secret_files_in_image(RuleCtx *ctx) {
  const DfInstr *in = &ctx->model->instrs.items[ctx->instr];
  if ((in->kind != DF_COPY && in->kind != DF_ADD) || df_paths(in)->len < 2) return;
  for (size_t k = 0; k < df_flags(in)->len; k++)
    if (strcmp(df_flags(in)->items[k].name.text, "from") == 0) return;
  for (size_t k = 0; k + 1 < df_paths(in)->len; k++) {
    const DfText *src = &df_paths(in)->items[k];
    if (secret_file(ctx, src->text))
      diag_add(ctx->out, RULE_SECRET_IN_IMAGE, ctx->file, src->start, src->end,
               "`%s` is a secret file copied into the image: mount it at build time "
               "(`RUN --mount=type=secret`) or provide it at run time",
               src->text);
  }
}

/* --- shell-form-cmd --- */

/* True when the words can be written as a JSON array with the same
 * meaning: no expansions, operators, redirections or globbing, and every
 * word as written is its value (no quotes to interpret). */
static bool plain_words(const DfInstr *in, const TextDoc *text) {
  const ShellScript *s = df_shell(in);
  if (s->parse_error || s->commands.len != 1) return false;
  const ShellCommand *c = &s->commands.items[0];
  if (c->assigns.len) return false;
  size_t words = 1 + c->args.len;
  for (size_t i = 0; i < words; i++) {
    const ShellWord *w = i == 0 ? &c->name : &c->args.items[i - 1];
    if (w->has_expansion || strpbrk(w->value, "*?[]~\"\\") || w->end - w->start != strlen(w->value))
      return false;
    if (memcmp(text->bytes + w->start, w->value, strlen(w->value)) != 0) return false;
  }
  /* Nothing but blanks between the words: no operators or redirections. */
  return c->start == c->name.start && strlen(s->text) ==
         (size_t)(c->args.len ? c->args.items[c->args.len - 1].send : c->name.send);
}

void df__shell_form_cmd(RuleCtx *ctx) {
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  DfKindWalk walk;
  dockerfile_kind_walk(&walk, m, DF_CMD, DF_ENTRYPOINT, 0, m->instrs.len);
  for (size_t i; dockerfile_kind_next(&walk, &i);) {
    const DfInstr *in = &m->instrs.items[i];
    if (in->exec_form || !df_shell(in) || df_shell(in)->commands.len == 0) continue;
    /* A stage that sets SHELL chose the shell its shell-form lines run
     * under (hadolint DL3025 parity): its CMD is written for that shell,
     * often on purpose (`bash -lc` wrappers, PowerShell). */
    if (df__last_before(m, i, DF_SHELL)) continue;
    /* `exec` replaces the shell with the program, so signals do reach
     * it; a shell as the program (`CMD /bin/bash`) is the point. */
    const ShellCommand *first = &df_shell(in)->commands.items[0];
    if (shell_is(first, "exec") || shell_is(first, "sh") || shell_is(first, "bash") ||
        shell_is(first, "ash") || shell_is(first, "zsh"))
      continue;
    const ShellCommand *c = &df_shell(in)->commands.items[0];
    Diag *d = diag_add(ctx->out, RULE_SHELL_FORM_CMD, ctx->file, in->keyword_start, df_shell(in)->end,
                       "%s in shell form runs under /bin/sh -c: `docker stop` signals go to the shell, "
                       "not to `%s`, which is killed after the timeout",
                       dockerfile_kind_name(in->kind), c->name.value);
    if (!plain_words(in, ctx->text)) continue;
    StrBuf json = STRBUF_INIT;
    strbuf_append_char(&json, '[');
    for (size_t k = 0; k <= c->args.len; k++) {
      const ShellWord *w = k == 0 ? &c->name : &c->args.items[k - 1];
      strbuf_appendf(&json, "%s\"%s\"", k ? ", " : "", w->value);
    }
    strbuf_append_char(&json, ']');
    Fix *fix = rules__add_fix(ctx, d, "Rewrite in exec form (JSON array)", true);
    fix_add_edit(fix, ctx->file, c->name.start, df_shell(in)->end, strbuf_cstr(&json));
    strbuf_destroy(&json);
  }
}
