/* `--format text`: one line per finding, `path:line:column: severity:
 * message [rule-id]`, then a summary line.  The format is what compilers
 * print, so editors' and CI's problem matchers pick it up unchanged. */
#include "cli_internal.h"

void emit_text(const CheckRun *run, FILE *out) {
  size_t counts[5] = {0};
  for (size_t i = 0; i < run->diags.len; i++) {
    const Diag *d = &run->diags.items[i];
    unsigned line, column;
    cli_position(run, d->file, d->start, &line, &column);
    fprintf(out, "%s:%u:%u: %s: %s [%s]\n", cli_path(run, d->file), line, column,
            severity_name(d->severity), d->message, rule_info(d->rule)->id);
    counts[d->severity]++;
  }
  fprintf(out, "%zu files, %zu errors, %zu warnings, %zu infos", run->files.len, counts[SEV_ERROR],
          counts[SEV_WARNING], counts[SEV_INFO]);
  /* Hints are style notes; the summary names them only when there are any
   * so the common summary keeps the documented four fields. */
  if (counts[SEV_HINT]) fprintf(out, ", %zu hints", counts[SEV_HINT]);
  fputc('\n', out);
}
