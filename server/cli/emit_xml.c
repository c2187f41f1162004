/* The XML formats CI servers read:
 *
 * `--format checkstyle`: Checkstyle's report (`<checkstyle><file><error>`),
 * read by Jenkins' Warnings plug-in, reviewdog, SonarQube and many more.
 * Every file checked gets a <file>, so a clean file shows as clean.
 *
 * `--format junit`: one <testsuite> per file; each finding is a failed
 * <testcase>, and a clean file one passing test case, so GitLab's and
 * Jenkins' test reports show files as passed or failed. */
#include <stdlib.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/utf.h"
#include "cli_internal.h"

void xml_write_escaped(FILE *out, const char *text) {
  size_t len = strlen(text);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = utf8_decode(text + i, len - i, &cp);
    switch (cp) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&apos;", out); break;
    default:
      /* XML 1.0 cannot carry C0 controls other than tab and line breaks,
       * and a message that quotes a file's invalid UTF-8 decodes to
       * U+FFFD above, which is then written as a proper character. */
      if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF ||
          cp == 0xFFFD)
        fputs("\xEF\xBF\xBD", out);
      else
        fwrite(text + i, 1, n, out);
    }
    i += n;
  }
}

static const CheckRun *order_run;

static int compare_files(const void *a, const void *b) {
  return strcmp(cli_path(order_run, *(const FileId *)a), cli_path(order_run, *(const FileId *)b));
}

/* The files in the order of the findings (sorted by path), each with the
 * range of run->diags that belongs to it. */
typedef struct {
  FileId file;
  size_t first, count;
} FileFindings;

static FileFindings *files_with_findings(const CheckRun *run) {
  FileId *ids = xmalloc((run->files.len + 1) * sizeof *ids);
  if (run->files.len) memcpy(ids, run->files.items, run->files.len * sizeof *ids);
  order_run = run;
  qsort(ids, run->files.len, sizeof *ids, compare_files);
  FileFindings *out = xcalloc(run->files.len + 1, sizeof *out);
  size_t d = 0;
  for (size_t i = 0; i < run->files.len; i++) {
    out[i].file = ids[i];
    /* Findings are sorted by path, and a finding belongs to the file it
     * is in, so one pass pairs them up. */
    while (d < run->diags.len && strcmp(cli_path(run, run->diags.items[d].file), cli_path(run, ids[i])) < 0) d++;
    out[i].first = d;
    while (d < run->diags.len && run->diags.items[d].file == ids[i]) d++;
    out[i].count = d - out[i].first;
  }
  xfree(ids);
  return out;
}

static const char *checkstyle_severity(Severity sev) {
  return sev == SEV_ERROR ? "error" : sev == SEV_WARNING ? "warning" : "info";
}

void emit_checkstyle(const CheckRun *run, FILE *out) {
  FileFindings *files = files_with_findings(run);
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n", out);
  for (size_t i = 0; i < run->files.len; i++) {
    fputs("  <file name=\"", out);
    xml_write_escaped(out, cli_path(run, files[i].file));
    fputs("\">\n", out);
    for (size_t k = 0; k < files[i].count; k++) {
      const Diag *d = &run->diags.items[files[i].first + k];
      unsigned line, column;
      cli_position(run, d->file, d->start, &line, &column);
      fprintf(out, "    <error line=\"%u\" column=\"%u\" severity=\"%s\" message=\"", line, column,
              checkstyle_severity(d->severity));
      xml_write_escaped(out, d->message);
      fprintf(out, "\" source=\"dockls.%s\"/>\n", rule_info(d->rule)->id);
    }
    fputs("  </file>\n", out);
  }
  fputs("</checkstyle>\n", out);
  xfree(files);
}

static void junit_case(const CheckRun *run, const Diag *d, FILE *out) {
  unsigned line, column;
  cli_position(run, d->file, d->start, &line, &column);
  const char *path = cli_path(run, d->file);
  fprintf(out, "    <testcase name=\"%s %u:%u\" classname=\"", rule_info(d->rule)->id, line, column);
  xml_write_escaped(out, path);
  fputs("\" file=\"", out);
  xml_write_escaped(out, path);
  fprintf(out, "\" line=\"%u\">\n      <failure type=\"%s\" message=\"", line, severity_name(d->severity));
  xml_write_escaped(out, d->message);
  fputs("\">", out);
  xml_write_escaped(out, path);
  fprintf(out, ":%u:%u: %s: ", line, column, severity_name(d->severity));
  xml_write_escaped(out, d->message);
  fprintf(out, " [%s]</failure>\n    </testcase>\n", rule_info(d->rule)->id);
}

void emit_junit(const CheckRun *run, FILE *out) {
  FileFindings *files = files_with_findings(run);
  size_t tests = 0;
  for (size_t i = 0; i < run->files.len; i++) tests += files[i].count ? files[i].count : 1;
  fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dockls\" tests=\"%zu\" "
               "failures=\"%zu\" errors=\"0\">\n",
          tests, run->diags.len);
  for (size_t i = 0; i < run->files.len; i++) {
    const char *path = cli_path(run, files[i].file);
    size_t count = files[i].count;
    fputs("  <testsuite name=\"", out);
    xml_write_escaped(out, path);
    fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", count ? count : 1, count);
    if (count == 0) {
      fputs("    <testcase name=\"dockls\" classname=\"", out);
      xml_write_escaped(out, path);
      fputs("\"/>\n", out);
    }
    for (size_t k = 0; k < count; k++) junit_case(run, &run->diags.items[files[i].first + k], out);
    fputs("  </testsuite>\n", out);
  }
  fputs("</testsuites>\n", out);
  xfree(files);
}
