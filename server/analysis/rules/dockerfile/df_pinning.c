/* rules-parity section G, versions of installed packages:
 * os-package-unpinned.  Each package word of an install command is
 * judged on its own; words that are option values, variables, paths or
 * files are never package names to pin. */
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
  const DockerfileModel *m = ws_dockerfile(ctx->ws, ctx->file);
  if (!m) return;
  size_t next = 0;
  for (const DfInstr *in; (in = df__next_run(m, &next)) != NULL;) {
    for (size_t k = 0; k < in->shell->commands.len; k++) {
      const ShellCommand *c = &in->shell->commands.items[k];
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
}
