/* rules-parity section G, versions of installed packages:
 * os-package-unpinned and lang-package-unpinned.  Each package word of an
 * install command is judged on its own; words that are option values,
 * variables, paths or files are never package names to pin. */
#include <ctype.h>
#include <string.h>

#include "dockerfile_rules.h"

/* The package tools and how each writes a version into a package word. */
typedef enum { OS_APT, OS_APK, OS_RPM, OS_ZYPPER, OS__NONE } OsTool;

/* Options whose value is the next word, per tool (values given with `=`
 * are one word and are skipped with the option). */
static const char *const apt_valued[] = {"-o", "--option", "-t", "--target-release", "--default-release",
                                         "-c", "--config-file", NULL};
static const char *const apk_valued[] = {"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch",
                                         "--keys-dir", "--repositories-file", "--cache-dir", NULL};
static const char *const rpm_valued[] = {"-x", "--exclude", "-c", "--config", "--releasever", "--installroot",
                                         "--repo", "--repoid", "--enablerepo", "--disablerepo", "--setopt",
                                         "--forcearch", NULL};
static const char *const zypper_valued[] = {"-r", "--repo", "--from", "-t", "--type", "--root", NULL};

static bool in_list(const char *word, const char *const *list) {
  for (size_t i = 0; list[i]; i++)
    if (strcmp(word, list[i]) == 0) return true;
  return false;
}

/* The tool whose install `c` is, with the index of the verb. */
static OsTool os_install(const ShellCommand *c, size_t *verb_at) {
  const ShellWord *verb = shell_operand(c, 0);
  if (!verb) return OS__NONE;
  *verb_at = (size_t)(verb - c->args.items);
  const char *v = verb->value;
  if (shell_is(c, "apt-get") && strcmp(v, "install") == 0) return OS_APT;
  if (shell_is(c, "apk") && strcmp(v, "add") == 0) return OS_APK;
  if ((shell_is(c, "yum") || shell_is(c, "dnf") || shell_is(c, "microdnf")) && strcmp(v, "install") == 0)
    return OS_RPM;
  if (shell_is(c, "zypper") && (strcmp(v, "install") == 0 || strcmp(v, "in") == 0)) return OS_ZYPPER;
  return OS__NONE;
}

static bool valued_option(OsTool tool, const char *word) {
  switch (tool) {
    case OS_APT: return in_list(word, apt_valued);
    case OS_APK: return in_list(word, apk_valued);
    case OS_RPM: return in_list(word, rpm_valued);
    default: return in_list(word, zypper_valued);
  }
}

/* True when the package word names a version the way its tool reads one:
 * apt `pkg=1.2`, apk `pkg=1.2`/`pkg~1.2`/`pkg>1.2`/`pkg<2`, zypper
 * `pkg=1.2`/`pkg>1`/`pkg<2`, yum/dnf `pkg-1.2…` (a `-` then a digit). */
static bool pinned(OsTool tool, const char *word) {
  switch (tool) {
    case OS_APT: return strchr(word, '=') != NULL;
    case OS_APK: return strpbrk(word, "=~<>") != NULL;
    case OS_ZYPPER: return strpbrk(word, "=<>") != NULL;
    default:
      for (const char *p = strchr(word, '-'); p; p = strchr(p + 1, '-'))
        if (isdigit((unsigned char)p[1])) return true;
      return false;
  }
}

/* Words that are not a package of the archive: files and paths
 * (`./x.deb`, `/tmp/x.rpm`, `pkg/bookworm-backports`), globs, and yum
 * groups (`@core`). */
static bool not_a_package(const char *word) {
  if (strpbrk(word, "/*?[") || word[0] == '@') return true;
  size_t n = strlen(word);
  static const char *const files[] = {".deb", ".apk", ".rpm", NULL};
  for (size_t i = 0; files[i]; i++) {
    size_t k = strlen(files[i]);
    if (n > k && strcmp(word + n - k, files[i]) == 0) return true;
  }
  return false;
}

void df__os_package_unpinned(RuleCtx *ctx) {
  const DockerfileModel *m;
  DfCommandWalk walk = df__commands_of(ctx, &m);
  if (!m) return;
  for (const ShellCommand *c; (c = df__next_command(m, &walk)) != NULL;) {
    size_t verb_at = 0;
    OsTool tool = os_install(c, &verb_at);
    if (tool == OS__NONE) continue;
    for (size_t i = verb_at + 1; i < c->args.len; i++) {
      const ShellWord *w = &c->args.items[i];
      if (w->value[0] == '-') {
        if (valued_option(tool, w->value)) i++;
        continue;
      }
      if (w->has_expansion || !w->value[0] || not_a_package(w->value) || pinned(tool, w->value)) continue;
      diag_add(ctx->out, RULE_OS_PACKAGE_UNPINNED, ctx->file, w->start, w->end,
               "`%s` gets whatever version the archive holds on the day of the build, so two builds can differ",
               w->value);
    }
  }
}

/* --- lang-package-unpinned --- */

typedef enum { LANG_PIP, LANG_NPM, LANG_GEM, LANG_GO, LANG__NONE } LangTool;

static const char *const pip_valued[] = {
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
    "-t", "--target", "-f", "--find-links", "--prefix", "--root", "--src", "--trusted-host", "--platform",
    "--python-version", "--implementation", "--abi", "--upgrade-strategy", "--progress-bar", "--cache-dir",
    "--log", "--proxy", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert",
    "--global-option", "--config-settings", "-C", "--report", "--only-binary", "--no-binary", NULL};
static const char *const npm_valued[] = {"--prefix", "--registry", "--cache", "-w", "--workspace", "--omit",
                                         "--include", "--tag", "--install-strategy", "--loglevel", NULL};
static const char *const gem_valued[] = {"-i", "--install-dir", "-n", "--bindir", "--source", "-s", "-P",
                                         "--trust-policy", "--platform", "-g", "--file", "--document", NULL};
static const char *const go_valued[] = {"-ldflags", "-gcflags", "-asmflags", "-tags", "-o", "-mod", "-modfile",
                                        "-p", "-pkgdir", "-toolexec", "-buildmode", "-compiler", "-overlay",
                                        "-pgo", "-C", NULL};

/* The language tool whose install `c` is; *from is the first argument
 * after its subcommand. */
static LangTool lang_install(const ShellCommand *c, size_t *from) {
  if (df__pip_install_verb(c, from)) return LANG_PIP;
  const ShellWord *verb = shell_operand(c, 0);
  if (!verb) return LANG__NONE;
  *from = (size_t)(verb - c->args.items) + 1;
  const char *v = verb->value;
  if (shell_is(c, "npm") && (strcmp(v, "install") == 0 || strcmp(v, "i") == 0)) return LANG_NPM;
  if (shell_is(c, "gem") && strcmp(v, "install") == 0) return LANG_GEM;
  if (shell_is(c, "go") && (strcmp(v, "install") == 0 || strcmp(v, "get") == 0)) return LANG_GO;
  return LANG__NONE;
}

static const char *const *lang_valued(LangTool tool) {
  switch (tool) {
    case LANG_PIP: return pip_valued;
    case LANG_NPM: return npm_valued;
    case LANG_GEM: return gem_valued;
    default: return go_valued;
  }
}

static bool ends_with(const char *word, const char *suffix) {
  size_t n = strlen(word), k = strlen(suffix);
  return n >= k && strcmp(word + n - k, suffix) == 0;
}

/* Local paths, archives and URLs (VCS ones with their @ref or #ref
 * included): what they install is fixed by the file or the ref, not by a
 * version on the command line. */
static bool lang_not_a_package(LangTool tool, const char *w) {
  if (w[0] == '.' || w[0] == '/' || w[0] == '~' || strstr(w, "://") || strncmp(w, "git+", 4) == 0) return true;
  if (ends_with(w, ".whl") || ends_with(w, ".tar.gz") || ends_with(w, ".zip") || ends_with(w, ".tgz") ||
      ends_with(w, ".gem"))
    return true;
  /* npm: `user/repo` is a GitHub shorthand; a scope (`@types/node`) is a name. */
  if (tool == LANG_NPM && strchr(w, '/') && w[0] != '@') return true;
  if (tool == LANG_PIP && strchr(w, '/')) return true;
  /* go: a path whose first element has no dot is not a remote module: the
   * standard library, a package of the main module, or a pattern such as
   * `tool` (Go 1.24: the tools go.mod pins) or `all`; go.mod decides. */
  if (tool == LANG_GO) {
    size_t first = strcspn(w, "/@");
    if (!memchr(w, '.', first)) return true;
  }
  return false;
}

/* True when the word carries the version its tool reads. */
static bool lang_pinned(LangTool tool, const char *w) {
  switch (tool) {
    case LANG_PIP: return strpbrk(w, "=<>!~") != NULL;
    case LANG_NPM: return strchr(w + (w[0] == '@'), '@') != NULL; /* after the scope's own @ */
    case LANG_GEM: return strchr(w, ':') != NULL;
    default: {
      const char *at = strchr(w, '@');
      return at && strcmp(at + 1, "latest") != 0 && strcmp(at + 1, "none") != 0;
    }
  }
}

static const char *const lang_advice[LANG__NONE] = {
    [LANG_PIP] = "pin it with `==`", [LANG_NPM] = "pin it with `@<version>`",
    [LANG_GEM] = "pin it with `-v` or `:<version>`", [LANG_GO] = "pin it with `@<version>`"};

void df__lang_package_unpinned(RuleCtx *ctx) {
  const DockerfileModel *m;
  DfCommandWalk walk = df__commands_of(ctx, &m);
  if (!m) return;
  for (const ShellCommand *c; (c = df__next_command(m, &walk)) != NULL;) {
    size_t from = 0;
    LangTool tool = lang_install(c, &from);
    if (tool == LANG__NONE) continue;
    /* gem's -v applies to every gem of the command. */
    if (tool == LANG_GEM && (shell_has_arg(c, "-v") || shell_has_arg(c, "--version"))) continue;
    for (size_t i = from; i < c->args.len; i++) {
      const ShellWord *w = &c->args.items[i];
      if (w->value[0] == '-') {
        if (in_list(w->value, lang_valued(tool))) i++;
        continue;
      }
      if (w->has_expansion || !w->value[0] || lang_not_a_package(tool, w->value) || lang_pinned(tool, w->value))
        continue;
      diag_add(ctx->out, RULE_LANG_PACKAGE_UNPINNED, ctx->file, w->start, w->end,
               "`%s` installs whatever version is newest on the day of the build: %s", w->value, lang_advice[tool]);
    }
  }
}
