/* `--format json`: one document with the files checked and every finding
 * with its fixes, positions 1-based with UTF-16 columns (as LSP and SARIF
 * count).  Built with cJSON so escaping is never hand-rolled. */
#include <cjson/cJSON.h>
#include <string.h>

#include "cli_internal.h"

void cli_add_range(const CheckRun *run, cJSON *obj, FileId file, size_t start, size_t end,
                   const char *const names[4]) {
  unsigned line, column;
  cli_position(run, file, start, &line, &column);
  cJSON_AddNumberToObject(obj, names[0], line);
  cJSON_AddNumberToObject(obj, names[1], column);
  cli_position(run, file, end, &line, &column);
  cJSON_AddNumberToObject(obj, names[2], line);
  cJSON_AddNumberToObject(obj, names[3], column);
}

static void emit_json_range(const CheckRun *run, cJSON *obj, FileId file, size_t start, size_t end) {
  static const char *const names[4] = {"line", "column", "endLine", "endColumn"};
  cli_add_range(run, obj, file, start, end, names);
}

/* One finding as the JSON object the document holds. */
static cJSON *json_diag(const CheckRun *run, const Diag *d) {
  cJSON *item = cJSON_CreateObject();
  cJSON_AddStringToObject(item, "file", cli_path(run, d->file));
  cJSON_AddStringToObject(item, "rule", rule_info(d->rule)->id);
  cJSON_AddStringToObject(item, "severity", severity_name(d->severity));
  cJSON_AddStringToObject(item, "message", d->message);
  emit_json_range(run, item, d->file, d->start, d->end);
  if (d->related.len) {
    cJSON *related = cJSON_AddArrayToObject(item, "related");
    for (size_t r = 0; r < d->related.len; r++) {
      cJSON *rel = cJSON_CreateObject();
      cJSON_AddStringToObject(rel, "file", cli_path(run, d->related.items[r].file));
      emit_json_range(run, rel, d->related.items[r].file, d->related.items[r].start, d->related.items[r].end);
      cJSON_AddStringToObject(rel, "message", d->related.items[r].message);
      cJSON_AddItemToArray(related, rel);
    }
  }
  cJSON *fixes = cJSON_AddArrayToObject(item, "fixes");
  for (size_t f = 0; f < d->fixes.len; f++) {
    const Fix *fix = &d->fixes.items[f];
    cJSON *fj = cJSON_CreateObject();
    cJSON_AddStringToObject(fj, "title", fix->title);
    cJSON_AddBoolToObject(fj, "preferred", fix->preferred);
    cJSON *edits = cJSON_AddArrayToObject(fj, "edits");
    for (size_t e = 0; e < fix->edits.len; e++) {
      const FixEdit *edit = &fix->edits.items[e];
      cJSON *ej = cJSON_CreateObject();
      cJSON_AddStringToObject(ej, "file", cli_path(run, edit->file));
      emit_json_range(run, ej, edit->file, edit->start, edit->end);
      cJSON_AddStringToObject(ej, "newText", edit->text);
      cJSON_AddItemToArray(edits, ej);
    }
    if (fix->creates.len) {
      cJSON *creates = cJSON_AddArrayToObject(fj, "creates");
      for (size_t c = 0; c < fix->creates.len; c++) {
        cJSON *cj = cJSON_CreateObject();
        cJSON_AddStringToObject(cj, "file", fix->creates.items[c].path);
        cJSON_AddStringToObject(cj, "newText", fix->creates.items[c].text);
        cJSON_AddItemToArray(creates, cj);
      }
    }
    cJSON_AddItemToArray(fixes, fj);
  }
  return item;
}

/* Writes cJSON's formatted text of a finding printed alone as it stands
 * in the document, where cJSON indents it two levels deeper: two tabs
 * after every line break.  The text holds no other line breaks, since
 * cJSON writes those inside strings as \n. */
static void put_deeper(const char *text, FILE *out) {
  for (const char *line = text;;) {
    const char *nl = strchr(line, '\n');
    if (!nl) {
      fputs(line, out);
      return;
    }
    fwrite(line, 1, (size_t)(nl - line) + 1, out);
    fputs("\t\t", out);
    line = nl + 1;
  }
}

/* The document as cJSON_Print writes it, one finding at a time: a corpus
 * run holds tens of thousands, and the whole tree and its text cost three
 * times the memory of the check itself.  The head (version, files and an
 * empty list) comes from cJSON; each finding is printed alone and set two
 * levels deeper, and the items are joined as cJSON joins them. */
void emit_json(const CheckRun *run, FILE *out) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddNumberToObject(root, "version", 1);
  cJSON *files = cJSON_AddArrayToObject(root, "files");
  for (size_t i = 0; i < run->files.len; i++)
    cJSON_AddItemToArray(files, cJSON_CreateString(cli_path(run, run->files.items[i])));
  cJSON_AddArrayToObject(root, "diagnostics");
  char *head = cJSON_Print(root);
  cJSON_Delete(root);
  /* The head ends with the empty list and the closing brace: "[]\n}". */
  size_t len = strlen(head);
  fwrite(head, 1, len - 4, out);
  cJSON_free(head);
  fputc('[', out);
  for (size_t i = 0; i < run->diags.len; i++) {
    cJSON *item = json_diag(run, &run->diags.items[i]);
    char *text = cJSON_Print(item);
    if (i > 0) fputs(", ", out);
    put_deeper(text, out);
    cJSON_free(text);
    cJSON_Delete(item);
  }
  fputs("]\n}\n", out);
}
