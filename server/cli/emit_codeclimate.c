/* `--format codeclimate`: the Code Climate issue list that GitLab's Code
 * Quality widget reads (a JSON array; GitLab needs description,
 * check_name, fingerprint, severity, location.path and
 * location.lines.begin).  Paths are repository-relative.  The fingerprint
 * must stay the same while a finding stays, so that GitLab can tell new
 * findings from old ones in a merge request: it hashes the path, the rule,
 * the message and the text flagged, never the line number, and counts
 * repeats of the same finding in a file. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/hash.h"
#include "cli_internal.h"

/* Two bases give two independent 64-bit halves of the fingerprint. */
static uint64_t hash_finding(uint64_t h, const char *path, const Diag *d, const TextDoc *text, size_t repeat) {
  const char *rule = rule_info(d->rule)->id;
  h = hash_fnv1a(h, path, strlen(path) + 1);
  h = hash_fnv1a(h, rule, strlen(rule) + 1);
  h = hash_fnv1a(h, d->message, strlen(d->message) + 1);
  if (d->end <= text->len && d->start <= d->end) h = hash_fnv1a(h, text->bytes + d->start, d->end - d->start);
  return hash_fnv1a(h, &repeat, sizeof repeat);
}

/* Code Climate's severities, from least to most: info, minor, major,
 * critical, blocker.  An error breaks the build or the container. */
static const char *codeclimate_severity(Severity sev) {
  switch (sev) {
  case SEV_ERROR: return "critical";
  case SEV_WARNING: return "major";
  case SEV_INFO: return "minor";
  default: return "info";
  }
}

/* One of Code Climate's fixed categories. */
static const char *codeclimate_category(const Diag *d) {
  const char *id = rule_info(d->rule)->id;
  if (strstr(id, "secret") || strcmp(id, "user-root") == 0 || strcmp(id, "compose-writable-root") == 0)
    return "Security";
  if (d->severity == SEV_HINT || strcmp(rule_info(d->rule)->section, "practices") == 0) return "Style";
  return "Bug Risk";
}

/* How many earlier findings of the run are the same finding (same file,
 * rule, message and flagged text): the findings are sorted by file, so
 * only the ones just before can be. */
static size_t repeats_before(const CheckRun *run, size_t i) {
  const Diag *d = &run->diags.items[i];
  const TextDoc *text = ws_text(run->ws, d->file);
  size_t n = 0;
  for (size_t k = i; k-- > 0;) {
    const Diag *e = &run->diags.items[k];
    if (e->file != d->file) break;
    if (e->rule == d->rule && strcmp(e->message, d->message) == 0 && e->end - e->start == d->end - d->start &&
        memcmp(text->bytes + e->start, text->bytes + d->start, d->end - d->start) == 0)
      n++;
  }
  return n;
}

void emit_codeclimate(const CheckRun *run, FILE *out) {
  cJSON *list = cJSON_CreateArray();
  for (size_t i = 0; i < run->diags.len; i++) {
    const Diag *d = &run->diags.items[i];
    char *path = cli_repo_path(run, d->file);
    cJSON *issue = cJSON_CreateObject();
    cJSON_AddStringToObject(issue, "type", "issue");
    cJSON_AddStringToObject(issue, "check_name", rule_info(d->rule)->id);
    cJSON_AddStringToObject(issue, "description", d->message);
    cJSON *categories = cJSON_AddArrayToObject(issue, "categories");
    cJSON_AddItemToArray(categories, cJSON_CreateString(codeclimate_category(d)));
    cJSON_AddStringToObject(issue, "severity", codeclimate_severity(d->severity));
    size_t repeat = repeats_before(run, i);
    const TextDoc *text = ws_text(run->ws, d->file);
    char fingerprint[33];
    snprintf(fingerprint, sizeof fingerprint, "%016llx%016llx",
             (unsigned long long)hash_finding(HASH_FNV1A_BASIS, path, d, text, repeat),
             (unsigned long long)hash_finding(0x84222325cbf29ce4ULL, path, d, text, repeat));
    cJSON_AddStringToObject(issue, "fingerprint", fingerprint);
    cJSON *location = cJSON_AddObjectToObject(issue, "location");
    cJSON_AddStringToObject(location, "path", path);
    unsigned line, column, end_line, end_column;
    cli_position(run, d->file, d->start, &line, &column);
    cli_position(run, d->file, d->end, &end_line, &end_column);
    cJSON *lines = cJSON_AddObjectToObject(location, "lines");
    cJSON_AddNumberToObject(lines, "begin", line);
    cJSON_AddNumberToObject(lines, "end", end_line);
    cJSON_AddItemToArray(list, issue);
    xfree(path);
  }
  char *json = cJSON_Print(list);
  fputs(json, out);
  fputc('\n', out);
  cJSON_free(json);
  cJSON_Delete(list);
}
