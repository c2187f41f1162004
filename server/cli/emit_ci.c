/* The line formats CI systems and editors read without a plug-in:
 *
 * `--format github`: GitHub Actions workflow commands, one per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`),
 * which the runner turns into annotations on the pull request.  Paths are
 * repository-relative, as the runner resolves them.
 *
 * `--format gnu`: `file:line:column: severity: message [rule]`, the GNU
 * coding standards' form that Emacs' compilation mode, Vim's quickfix and
 * most problem matchers read.  Hints print as `note` because those
 * readers know error, warning, info and note only. */
#include "dockls/base/alloc.h"
#include "cli_internal.h"

/* Workflow commands end a value at a line break and their properties at
 * `,` or `:`; the runner decodes these percent escapes. */
static void github_escape(FILE *out, const char *s, bool property) {
  for (; *s; s++) {
    switch (*s) {
    case '%': fputs("%25", out); break;
    case '\r': fputs("%0D", out); break;
    case '\n': fputs("%0A", out); break;
    case ':': fputs(property ? "%3A" : ":", out); break;
    case ',': fputs(property ? "%2C" : ",", out); break;
    default: fputc(*s, out);
    }
  }
}

static const char *github_level(Severity sev) {
  return sev == SEV_ERROR ? "error" : sev == SEV_WARNING ? "warning" : "notice";
}

void emit_github(const CheckRun *run, FILE *out) {
  for (size_t i = 0; i < run->diags.len; i++) {
    const Diag *d = &run->diags.items[i];
    unsigned line, column, end_line, end_column;
    cli_position(run, d->file, d->start, &line, &column);
    cli_position(run, d->file, d->end, &end_line, &end_column);
    char *path = cli_repo_path(run, d->file);
    fprintf(out, "::%s file=", github_level(d->severity));
    github_escape(out, path, true);
    fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", line, column, end_line, end_column);
    github_escape(out, rule_info(d->rule)->id, true);
    fputs("::", out);
    github_escape(out, d->message, false);
    fputc('\n', out);
    xfree(path);
  }
}

void emit_gnu(const CheckRun *run, FILE *out) {
  for (size_t i = 0; i < run->diags.len; i++) {
    const Diag *d = &run->diags.items[i];
    unsigned line, column;
    cli_position(run, d->file, d->start, &line, &column);
    const char *sev = d->severity == SEV_HINT ? "note" : severity_name(d->severity);
    fprintf(out, "%s:%u:%u: %s: %s [%s]\n", cli_path(run, d->file), line, column, sev, d->message,
            rule_info(d->rule)->id);
  }
}
