/* rules-parity section G, part 2: how RUN lines are written.  Each rule
 * reads the commands of the RUN's shell model, never its text. */
#include <string.h>

#include "dockerfile_rules.h"

/* --- run-sudo --- */

typedef enum { RUNS_AS_OTHER, RUNS_AS_ROOT_PROBABLY, RUNS_AS_ROOT } RunsAs;

/* Who runs instruction `index`: root when the last USER before it (in the
 * stage or the stages it is built from) is root, or when there is none and
 * the image table says the base image runs as root; probably root when
 * there is none and the base image is unknown (most images run as root,
 * but some, such as devcontainer images, switch to their own user). */
static RunsAs habits_runs_as(const DockerfileModel *m, size_t index) {
  const DfInstr *user = df__last_before(m, index, DF_USER);
  if (user) return df_paths(user)->len && df__root_user(df_paths(user)->items[0].text) ? RUNS_AS_ROOT : RUNS_AS_OTHER;
  ImageFacts facts;
  const DfStage *stage = &m->stages.items[m->instrs.items[index].stage];
  if (df__base_facts(m, stage, &facts) && facts.default_user)
    return df__root_user(facts.default_user) ? RUNS_AS_ROOT : RUNS_AS_OTHER;
  return RUNS_AS_ROOT_PROBABLY;
}

/* True for an option of sudo that only matters when a password or another
 * user is involved, so that the command means the same without sudo when
 * the build already runs as root: -E, -H, -n, -S bundled in any order,
 * their long names, and `-u root` (also `-u 0`, `-uroot`, `--user=root`). */
static bool habits_sudo_option(const ShellCommand *c, size_t *i) {
  const char *a = c->args.items[*i].value;
  if (strcmp(a, "--preserve-env") == 0 || strncmp(a, "--preserve-env=", 15) == 0 || strcmp(a, "--set-home") == 0 ||
      strcmp(a, "--non-interactive") == 0 || strcmp(a, "--stdin") == 0)
    return true;
  if (strncmp(a, "--user=", 7) == 0) return df__root_user(a + 7) && !strchr(a + 7, ':');
  if (strcmp(a, "-u") == 0 || strcmp(a, "--user") == 0) {
    if (*i + 1 >= c->args.len) return false;
    const char *who = c->args.items[*i + 1].value;
    if (!df__root_user(who) || strchr(who, ':')) return false;
    (*i)++;
    return true;
  }
  if (strncmp(a, "-u", 2) == 0) return df__root_user(a + 2) && !strchr(a + 2, ':');
  if (a[0] != '-' || a[1] == '\0' || a[1] == '-') return false;
  return strspn(a + 1, "EHnS") == strlen(a + 1);
}

/* The word sudo runs, when every option before it is one that
 * habits_sudo_option accepts; NULL otherwise (the fix then is none). */
static const ShellWord *habits_sudo_target(const ShellCommand *c) {
  for (size_t i = 0; i < c->args.len; i++) {
    const char *a = c->args.items[i].value;
    if (strcmp(a, "--") == 0) return i + 1 < c->args.len ? &c->args.items[i + 1] : NULL;
    if (a[0] != '-') return &c->args.items[i];
    if (!habits_sudo_option(c, &i)) return NULL;
  }
  return NULL;
}

/* Per instruction, reading the stage (its base image's user) and the
 * USERs before it (RULE_READS_BEFORE). */
void df__run_sudo(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = df__stage_run(m, ctx->instr);
  if (!in) return;
  for (size_t k = 0; k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    if (!shell_is(c, "sudo")) continue;
    /* Asked only here: the walk back to the last USER is per RUN. */
    rules__reads_before(ctx);
    RunsAs who = habits_runs_as(m, ctx->instr);
    bool root = who != RUNS_AS_OTHER;
    /* The message claims root only where the file or the image table
     * says so: an unknown base image may have switched to its own user
     * (devcontainer images do). */
    const char *message =
        who == RUNS_AS_ROOT ? "this RUN already runs as root: `sudo` adds nothing, and the build fails where "
                              "the image has no sudo (most have none)"
        : root ? "a build runs as root unless a USER (here or in the base image) says otherwise: there `sudo` "
                 "adds nothing, and the build fails where the image has no sudo (most have none)"
               : "most images have no `sudo`, and where one is set up it may ask for a password "
                 "the build cannot type: switch with USER instead";
    Diag *d = diag_add(ctx->out, RULE_RUN_SUDO, ctx->file, c->name.start, c->name.end, "%s", message);
    const ShellWord *target = root ? habits_sudo_target(c) : NULL;
    if (!target) continue;
    /* Applied by fix-all only when root is certain: under a base image
     * that switched to its own user, the command would lose its rights. */
    Fix *fix = rules__add_fix(ctx, d, "Remove sudo", who == RUNS_AS_ROOT);
    fix_add_edit(fix, ctx->file, c->name.start, target->start, "");
  }
}

/* --- run-cd --- */

/* True when a command changes the shell's directory. */
static bool habits_changes_dir(const ShellCommand *c) {
  return shell_is(c, "cd") || shell_is(c, "pushd") || shell_is(c, "popd");
}

/* The `cd <absolute literal path>` that opens the RUN's top-level `&&`
 * chain, when the script never changes directory again: then the whole
 * RUN works in that folder, which is what WORKDIR says.  A later `cd`
 * (build, then `cd / && rm -rf /src`) or a `cd` inside a subshell is a
 * deliberate move for part of the line, and is left alone.  The chain's
 * first command is the script's first, since commands are in order. */
static const ShellCommand *habits_leading_cd(const ShellScript *s) {
  /* A broken script can hold a chain and no command at all. */
  if (s->chain.len < 2 || s->commands.len == 0) return NULL;
  const ShellCommand *cd = &s->commands.items[0];
  if (!shell_is(cd, "cd") || cd->start != s->chain.items[0].start || cd->end != s->chain.items[0].end ||
      cd->args.len != 1 || cd->assigns.len)
    return NULL;
  const ShellWord *dir = &cd->args.items[0];
  if (dir->value[0] != '/' || dir->has_expansion) return NULL;
  for (size_t k = 1; k < s->commands.len; k++)
    if (habits_changes_dir(&s->commands.items[k])) return NULL;
  return cd;
}

/* Per instruction. */
void df__run_cd(RuleCtx *ctx) {
  const DfInstr *in = df__stage_run(ctx->model, ctx->instr);
  const ShellCommand *cd = in ? habits_leading_cd(df_shell(in)) : NULL;
  if (!cd) return;
  const char *dir = cd->args.items[0].value;
  /* A folder the RUN mounts (a cache, a tmpfs) exists for this RUN
   * only: a WORKDIR there would leave an empty folder in the image. */
  if (df__run_mounts(in, dir)) return;
  diag_add(ctx->out, RULE_RUN_CD, ctx->file, cd->start, cd->end,
           "`cd %s` lasts for this RUN only, and the whole RUN works there: `WORKDIR %s` before it says so, "
           "for the instructions after it too", dir, dir);
}

/* --- useradd-no-log-init --- */

/* How useradd reads its arguments: the short options that take a value
 * (attached, `-u1000`, or as the next word), and the long ones that take
 * the next word when written without `=`.  Reading the list this way keeps
 * a value such as `-c "-l"` from passing for an option. */
static const char habits_useradd_short_values[] = "bcdefgGkKpPRsuZ";
static const char *const habits_useradd_long_values[] = {
    "--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid",   "--groups",
    "--skel",     "--key",     "--password", "--root",       "--prefix",   "--shell", "--uid",
    "--selinux-user", NULL};

typedef struct {
  bool no_log_init;         /* -l or --no-log-init */
  const ShellWord *uid;     /* the -u/--uid value word, NULL when absent */
  size_t uid_offset;        /* where the value starts inside that word (`-u1000`, `--uid=1000`) */
} UseraddArgs;

static bool habits_long_takes_value(const char *a) {
  for (size_t i = 0; habits_useradd_long_values[i]; i++)
    if (strcmp(a, habits_useradd_long_values[i]) == 0) return true;
  return false;
}

static void habits_useradd_read(const ShellCommand *c, UseraddArgs *out) {
  memset(out, 0, sizeof *out);
  for (size_t i = 0; i < c->args.len; i++) {
    const ShellWord *w = &c->args.items[i];
    const char *a = w->value;
    const ShellWord *next = i + 1 < c->args.len ? &c->args.items[i + 1] : NULL;
    if (strcmp(a, "--no-log-init") == 0) {
      out->no_log_init = true;
    } else if (strncmp(a, "--uid=", 6) == 0) {
      out->uid = w, out->uid_offset = 6;
    } else if (a[0] == '-' && a[1] == '-') {
      if (habits_long_takes_value(a) && next) {
        if (strcmp(a, "--uid") == 0) out->uid = next, out->uid_offset = 0;
        i++;
      }
    } else if (a[0] == '-') {
      for (size_t j = 1; a[j]; j++) {
        if (a[j] == 'l') out->no_log_init = true;
        if (!strchr(habits_useradd_short_values, a[j])) continue;
        bool attached = a[j + 1] != '\0';
        if (a[j] == 'u' && attached) out->uid = w, out->uid_offset = j + 1;
        if (a[j] == 'u' && !attached && next) out->uid = next, out->uid_offset = 0;
        if (!attached) i++;
        break;
      }
    }
  }
}

/* Per instruction. */
void df__useradd_no_log_init(RuleCtx *ctx) {
  const DfInstr *in = df__stage_run(ctx->model, ctx->instr);
  for (size_t k = 0; in && k < df_shell(in)->commands.len; k++) {
    const ShellCommand *c = &df_shell(in)->commands.items[k];
    if (!shell_is(c, "useradd")) continue;
    UseraddArgs args;
    habits_useradd_read(c, &args);
    if (args.no_log_init || !args.uid) continue;
    /* Digits only: a UID from a variable (`-u $UID`) is never judged. */
    const char *uid = args.uid->value + args.uid_offset;
    size_t digits = strspn(uid, "0123456789");
    if (digits < 6 || uid[digits] != '\0') continue;
    Diag *d = diag_add(ctx->out, RULE_USERADD_NO_LOG_INIT, ctx->file, args.uid->start, args.uid->end,
                       "useradd writes UID %s's entry into /var/log/lastlog and faillog at an offset that "
                       "large: sparse on disk, but the image layer stores them in full (-l skips that)",
                       uid);
    Fix *fix = rules__add_fix(ctx, d, "Add -l (--no-log-init)", true);
    fix_add_edit(fix, ctx->file, c->name.end, c->name.end, " -l");
  }
}

/* --- run-pipefail --- */

/* True when the command turns pipefail on: `set -o pipefail`, or a bundle
 * ending in o (`set -eo pipefail`, `set -euxo pipefail`); a SHELL's words
 * (`/bin/bash -o pipefail -c`) are read the same way. */
static bool habits_pipefail_option(const ShellCommand *c) {
  for (size_t i = 1; i < c->args.len; i++) {
    const char *opt = c->args.items[i - 1].value;
    size_t n = strlen(opt);
    if (strcmp(c->args.items[i].value, "pipefail") == 0 && n >= 2 && opt[0] == '-' && opt[1] != '-' &&
        opt[n - 1] == 'o')
      return true;
  }
  return false;
}

/* The command that writes into the pipe read by command `k`: the one
 * before it, or the command that holds it when that one is nested in a
 * substitution (`echo "$(date)" | tee f`: nested commands follow the
 * command that holds them). */
static size_t habits_pipe_writer(const ShellScript *s, size_t k) {
  size_t j = k - 1;
  for (size_t i = j; i-- > 0;) {
    const ShellCommand *outer = &s->commands.items[i], *inner = &s->commands.items[j];
    if (outer->start <= inner->start && outer->end >= inner->end) j = i;
  }
  return j;
}

/* The first command that reads a pipe whose writer's failure would go
 * unseen, when no `set -o pipefail` before it covers the RUN; 0 when
 * there is none.  `||` is no pipe (SHELL_JOIN_OR).  A pipe written by
 * `echo` or `printf` is left alone: they print their arguments and do not
 * fail, except when the reader stops early, which pipefail would turn
 * into a failed build (`echo "$sum *f" | sha256sum -c -` is the common
 * case). */
static size_t habits_unguarded_pipe(const ShellScript *s, size_t *writer) {
  for (size_t k = 0; k < s->commands.len; k++) {
    const ShellCommand *c = &s->commands.items[k];
    if (shell_is(c, "set") && habits_pipefail_option(c)) return 0;
    if (c->join != SHELL_JOIN_PIPE || k == 0) continue;
    *writer = habits_pipe_writer(s, k);
    const ShellCommand *w = &s->commands.items[*writer];
    if (!shell_is(w, "echo") && !shell_is(w, "printf")) return k;
  }
  return 0;
}

/* The SHELL line the fix inserts for the family of the stage's base
 * image: bash on Debian and Ubuntu, BusyBox ash on Alpine; NULL when the
 * family is unknown (no shell that takes `-o pipefail` is certain). */
static const char *habits_pipefail_shell(const DockerfileModel *m, const DfStage *stage) {
  ImageFacts facts;
  if (!df__base_facts(m, stage, &facts)) return NULL;
  if (facts.os == IMG_OS_DEBIAN || facts.os == IMG_OS_UBUNTU) return "[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]";
  if (facts.os == IMG_OS_ALPINE) return "[\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]";
  return NULL;
}

/* Inserts the SHELL line before instruction `at`, on a line of its own
 * with the instruction's indentation, the keyword in the RUN's case. */
static void habits_insert_shell(RuleCtx *ctx, Fix *fix, const DfInstr *at, const char *words) {
  const char *src = ctx->text->bytes;
  size_t line = at->keyword_start;
  while (line > 0 && src[line - 1] != '\n') line--;
  bool crlf = memchr(src, '\r', ctx->text->len) != NULL;
  bool lower = src[at->keyword_start] == 'r';
  StrBuf text = STRBUF_INIT;
  strbuf_append_n(&text, src + line, at->keyword_start - line);
  strbuf_appendf(&text, "%s %s%s", lower ? "shell" : "SHELL", words, crlf ? "\r\n" : "\n");
  fix_add_edit(fix, ctx->file, line, line, text.data);
  strbuf_destroy(&text);
}

/* The RUN instruction `i` when run-pipefail reports it: a shell-form RUN,
 * not a heredoc (its pipes may be data, and its script may name its own
 * shell), with a pipe whose writer's failure is lost (its commands in
 * *writer and *reader), and no SHELL with pipefail before it in its stage
 * or the stages it is built from (*shell: the SHELL before it, or NULL).
 * Looking for that SHELL is a read of the instructions before, which it
 * tells ctx of (rules__reads_before). */
static const DfInstr *habits_pipefail_report(RuleCtx *ctx, size_t i, size_t *writer, size_t *reader,
                                             const DfInstr **shell) {
  const DockerfileModel *m = ctx->model;
  const DfInstr *in = df__stage_run(m, i);
  if (!in || in->heredoc) return NULL;
  *writer = 0;
  *reader = habits_unguarded_pipe(df_shell(in), writer);
  if (*reader == 0) return NULL;
  rules__reads_before(ctx);
  *shell = df__last_before(m, i, DF_SHELL);
  const DfInstr *sh = *shell;
  if (sh && df_shell(sh) && df_shell(sh)->commands.len && habits_pipefail_option(&df_shell(sh)->commands.items[0]))
    return NULL;
  return in;
}

/* Per instruction, reading the SHELL before it (RULE_READS_BEFORE).  The
 * fix goes on the stage's first report only, so building it reads the
 * RUNs before it in the stage; a publish builds no fix. */
void df__run_pipefail(RuleCtx *ctx) {
  const DockerfileModel *m = ctx->model;
  size_t writer, k;
  const DfInstr *shell;
  const DfInstr *in = habits_pipefail_report(ctx, ctx->instr, &writer, &k, &shell);
  if (!in) return;
  const ShellCommand *producer = &df_shell(in)->commands.items[writer], *reader = &df_shell(in)->commands.items[k];
  Diag *d = diag_add(ctx->out, RULE_RUN_PIPEFAIL, ctx->file, producer->start, reader->end,
                     "without pipefail the shell reports only `%s`'s status: if `%s` fails, the build goes on "
                     "with what it did not produce",
                     reader->name.value, producer->name.value);
  if (!rules__wants_fix(ctx, d)) return;
  /* The fix goes on the stage's first such RUN: the SHELL it inserts
   * covers the later ones, so they get none (fixes applied together
   * would insert it twice). */
  const DfStage *st = &m->stages.items[in->stage];
  for (size_t i = st->first; i < ctx->instr; i++) {
    size_t w, r;
    const DfInstr *sh;
    if (habits_pipefail_report(ctx, i, &w, &r, &sh)) return;
  }
  const char *words = shell ? NULL : habits_pipefail_shell(m, st);
  if (!words) return;
  /* Not preferred: every later RUN of the stage then runs under bash
   * (or ash) with pipefail, which can change what they do. */
  Fix *fix = rules__add_fix(ctx, d, "Set a SHELL with pipefail for the stage", false);
  habits_insert_shell(ctx, fix, in, words);
}
