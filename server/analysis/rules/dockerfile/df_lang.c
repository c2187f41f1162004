/* rules-parity section G, language package managers: pip-no-cache-dir.
 * The commands are read from each RUN's shell model. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "dockerfile_rules.h"

/* True when the command's name (without its folder) is `base` followed
 * only by a version: pip, pip3, pip3.12; python, python3, python3.12. */
static bool versioned_name(const ShellCommand *c, const char *base) {
  const char *v = c->name.value;
  const char *slash = strrchr(v, '/');
  if (slash) v = slash + 1;
  size_t n = strlen(base);
  if (strncmp(v, base, n) != 0) return false;
  for (v += n; *v; v++)
    if (!isdigit((unsigned char)*v) && *v != '.') return false;
  return true;
}

const ShellWord *df__pip_install_verb(const ShellCommand *c, size_t *args_from) {
  size_t from = 0;
  if (versioned_name(c, "python")) {
    /* `python -m pip install`: the module must be pip itself (`-m
     * pipx` or `-m venv` are other programs). */
    size_t i = 0;
    while (i + 1 < c->args.len && strcmp(c->args.items[i].value, "-m") != 0) i++;
    if (i + 1 >= c->args.len || strcmp(c->args.items[i + 1].value, "pip") != 0) return NULL;
    from = i + 2;
  } else if (!versioned_name(c, "pip")) {
    return NULL;
  }
  for (size_t i = from; i < c->args.len; i++) {
    const ShellWord *w = &c->args.items[i];
    if (w->value[0] == '-') continue;
    if (strcmp(w->value, "install") != 0) return NULL;
    if (args_from) *args_from = i + 1;
    return w;
  }
  return NULL;
}

/* True when PIP_NO_CACHE_DIR=`v` turns pip's cache off: any word pip
 * reads as a boolean does, false ones too.  pip kept an old behaviour for
 * compatibility (cmdoptions.py, _handle_no_cache_dir: "always set it to
 * False if the option is provided in some (valid) form"), and images
 * rely on it (Tecnativa/doodba sets PIP_NO_CACHE_DIR=0). */
static bool disables_cache(const char *v) {
  static const char *const words[] = {"y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0", NULL};
  for (size_t i = 0; words[i]; i++)
    if (strcasecmp(v, words[i]) == 0) return true;
  return false;
}

/* True when an ENV before instruction `at`, in its stage or a stage it
 * is built from, sets PIP_NO_CACHE_DIR so that the cache is off.  The
 * last such ENV wins, as it does in the image. */
static bool env_disables_pip_cache(const DockerfileModel *m, size_t at) {
  DfChainWalk walk = {0};
  bool off = false;
  for (const DfInstr *in; (in = df__next_before(m, at, &walk)) != NULL;) {
    for (size_t p = 0; in->kind == DF_ENV && p < df_pairs(in)->len; p++) {
      const DfPair *pair = &df_pairs(in)->items[p];
      if (strcmp(pair->key.text, "PIP_NO_CACHE_DIR") == 0) off = pair->value.text && disables_cache(pair->value.text);
    }
  }
  return off;
}

/* `PIP_NO_CACHE_DIR=1 pip install …`: the setting in the command's own
 * environment. */
static bool assigns_disable_pip_cache(const ShellCommand *c) {
  static const char key[] = "PIP_NO_CACHE_DIR=";
  for (size_t i = 0; i < c->assigns.len; i++) {
    const char *a = c->assigns.items[i].value;
    if (strncmp(a, key, sizeof key - 1) == 0 && disables_cache(a + sizeof key - 1)) return true;
  }
  return false;
}

/* A RUN with a cache or tmpfs mount whose target holds `.cache/pip` keeps
 * pip's cache out of the layer, so it is not reported (hadolint#497, #983).
 * Per instruction, reading the stage (whether it ends in the final
 * image) and the ENVs before it (RULE_READS_BEFORE). */
void df__pip_no_cache_dir(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = df__stage_run(m, ctx->instr);
  if (!in || !df__in_final_image(m, &m->stages.items[in->stage]) || df__run_mounts_part(in, ".cache/pip")) return;
  int env_off = -1; /* the ENVs are read once, when the RUN has a pip install */
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    const ShellWord *verb = df__pip_install_verb(c, NULL);
    if (!verb || shell_has_arg(c, "--no-cache-dir") || assigns_disable_pip_cache(c)) continue;
    if (env_off < 0) {
      rules__reads_before(ctx);
      env_off = env_disables_pip_cache(m, ctx->instr);
    }
    if (env_off) break;
    Diag *d = diag_add(ctx->out, RULE_PIP_NO_CACHE_DIR, ctx->file, c->name.start, verb->end,
                       "`pip install` keeps the downloaded packages in its cache, which stays in the image "
                       "layer: add --no-cache-dir");
    Fix *fix = rules__add_fix(ctx, d, "Add --no-cache-dir", true);
    fix_add_edit(fix, ctx->file, verb->end, verb->end, " --no-cache-dir");
  }
}
