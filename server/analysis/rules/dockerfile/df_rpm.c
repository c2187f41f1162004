/* rules-parity section G, the RPM package managers: rpm-install-no-yes.
 * yum, dnf and zypper ask for confirmation before they change
 * anything; a build has no terminal, so the question is answered "no" and
 * the RUN fails.  Commands are read from the RUN's shell model. */
#include <string.h>

#include "dockerfile_rules.h"

/* The subcommands of yum/dnf/microdnf that install packages and ask. */
static bool yum_asks(const char *verb) {
  static const char *const verbs[] = {"install", "groupinstall", "localinstall", NULL};
  for (size_t i = 0; verbs[i]; i++)
    if (strcmp(verb, verbs[i]) == 0) return true;
  return false;
}

/* The zypper subcommands that ask, with their short aliases (`in` is
 * `install`: the same command, the same question). */
static bool zypper_asks(const char *verb) {
  static const char *const verbs[] = {"install", "in", "remove", "rm", "update", "up", NULL};
  for (size_t i = 0; verbs[i]; i++)
    if (strcmp(verb, verbs[i]) == 0) return true;
  return false;
}

/* True when a short-option word (`-y`, `-yq`, `-qy`) holds `letter`.
 * A `--long` option never counts: `--nobest` holds no `-y`. */
static bool short_bundle_has(const char *arg, char letter) {
  return arg[0] == '-' && arg[1] != '-' && arg[1] && strchr(arg + 1, letter);
}

/* -y or --assumeyes anywhere: yum and dnf take them before or after the
 * subcommand.  `-q` only silences output, so it is no answer. */
static bool yum_assumes_yes(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (strcmp(a, "--assumeyes") == 0 || short_bundle_has(a, 'y')) return true;
  }
  return false;
}

/* zypper's global -n/--non-interactive or the subcommand's -y/--no-confirm. */
static bool zypper_assumes_yes(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (strcmp(a, "--non-interactive") == 0 || strcmp(a, "--no-confirm") == 0 || short_bundle_has(a, 'n') ||
        short_bundle_has(a, 'y'))
      return true;
  }
  return false;
}

/* The subcommand word of a command that would stop at a prompt, or NULL.
 * microdnf is left out: it assumes yes unless dnf.conf sets assumeyes=0
 * (rpm-software-management/microdnf PR #94 kept that default so existing
 * images kept building), and docker-library's Oracle Linux images run
 * `microdnf install` without -y. */
static const ShellWord *rpm_prompting_verb(const ShellCommand *c) {
  bool yum = shell_is(c, "yum") || shell_is(c, "dnf");
  bool zypper = shell_is(c, "zypper");
  const ShellWord *verb = yum || zypper ? shell_operand(c, 0) : NULL;
  if (!verb) return NULL;
  if (yum) return yum_asks(verb->value) && !yum_assumes_yes(c) ? verb : NULL;
  return zypper_asks(verb->value) && !zypper_assumes_yes(c) ? verb : NULL;
}

void df__rpm_install_no_yes(RuleCtx *ctx) {
  const DockerfileModel *m;
  DfCommandWalk walk = df__commands_of(ctx, &m);
  if (!m) return;
  for (const ShellCommand *c; (c = df__next_command(m, &walk)) != NULL;) {
    const ShellWord *verb = rpm_prompting_verb(c);
    if (!verb || df__yes_piped_in(walk.run, walk.command)) continue;
    Diag *d = diag_add(ctx->out, RULE_RPM_INSTALL_NO_YES, ctx->file, c->name.start, verb->end,
                       "`%s %s` without -y asks for confirmation; the build has no terminal to answer, so "
                       "the RUN fails",
                       c->name.value, verb->value);
    Fix *fix = rules__add_fix(ctx, d, "Add -y", true);
    fix_add_edit(fix, ctx->file, verb->end, verb->end, " -y");
  }
}
