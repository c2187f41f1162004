/* `--format sarif`: SARIF 2.1.0 with one run.  tool.driver.rules lists
 * every rule of rules.def with its documentation as help text, so code
 * scanning UIs can explain a finding without dockls installed; results
 * point at their rule by id and index, and quick-fixes become SARIF fixes
 * (artifactChanges with replacements).  Columns are UTF-16 units, SARIF's
 * default columnKind, which is also what we state explicitly. */
#include <cjson/cJSON.h>

#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/uri.h"
#include "cli_internal.h"

/* SARIF has no info or hint level: both are notes. */
static const char *sarif_level(Severity sev) {
  return sev == SEV_ERROR || sev == SEV_WARNING ? severity_name(sev) : "note";
}

static cJSON *sarif_text(const char *text) {
  cJSON *obj = cJSON_CreateObject();
  cJSON_AddStringToObject(obj, "text", text);
  return obj;
}

static cJSON *sarif_region(const CheckRun *run, FileId file, size_t start, size_t end) {
  static const char *const names[4] = {"startLine", "startColumn", "endLine", "endColumn"};
  cJSON *region = cJSON_CreateObject();
  cli_add_range(run, region, file, start, end, names);
  return region;
}

/* GitHub's upload resolves a result's file against the repository: a
 * relative URI with the base id %SRCROOT% (the working directory, which
 * is the checkout in CI), or, for a file outside it, an absolute file://
 * URI.  A bare absolute path is neither and is dropped by the upload. */
static cJSON *sarif_artifact(const CheckRun *run, FileId file) {
  cJSON *loc = cJSON_CreateObject();
  char *path = cli_repo_path(run, file);
  char *uri = path[0] == '/' ? uri_from_path(path) : uri_encode_path(path);
  cJSON_AddStringToObject(loc, "uri", uri);
  if (path[0] != '/') cJSON_AddStringToObject(loc, "uriBaseId", "%SRCROOT%");
  xfree(uri);
  xfree(path);
  return loc;
}

/* originalUriBaseIds: where %SRCROOT% is, as a folder URI ending in `/`. */
static cJSON *sarif_base_ids(const CheckRun *run) {
  cJSON *ids = cJSON_CreateObject();
  char *uri = uri_from_path(run->cwd);
  size_t n = strlen(uri);
  char *folder = xmalloc(n + 2);
  memcpy(folder, uri, n);
  folder[n] = '/';
  folder[n + 1] = '\0';
  if (n && uri[n - 1] == '/') folder[n] = '\0';
  cJSON_AddStringToObject(cJSON_AddObjectToObject(ids, "%SRCROOT%"), "uri", folder);
  xfree(folder);
  xfree(uri);
  return ids;
}

static cJSON *sarif_rules(void) {
  cJSON *rules = cJSON_CreateArray();
  for (int r = 0; r < RULE__COUNT; r++) {
    const RuleInfo *info = rule_info((RuleId)r);
    cJSON *rule = cJSON_CreateObject();
    cJSON_AddStringToObject(rule, "id", info->id);
    cJSON_AddItemToObject(rule, "shortDescription", sarif_text(info->summary));
    const char *doc = rule_doc((RuleId)r);
    cJSON *help = sarif_text(doc ? doc : info->summary);
    if (doc) cJSON_AddStringToObject(help, "markdown", doc);
    cJSON_AddItemToObject(rule, "help", help);
    char *url = rule_doc_url((RuleId)r);
    if (url) cJSON_AddStringToObject(rule, "helpUri", url);
    xfree(url);
    cJSON *config = cJSON_AddObjectToObject(rule, "defaultConfiguration");
    cJSON_AddStringToObject(config, "level", sarif_level((Severity)info->default_severity));
    cJSON *props = cJSON_AddObjectToObject(rule, "properties");
    cJSON_AddStringToObject(props, "category", info->section);
    cJSON_AddItemToArray(rules, rule);
  }
  return rules;
}

static cJSON *sarif_fix(const CheckRun *run, const Fix *fix) {
  cJSON *fj = cJSON_CreateObject();
  cJSON_AddItemToObject(fj, "description", sarif_text(fix->title));
  cJSON *changes = cJSON_AddArrayToObject(fj, "artifactChanges");
  for (size_t e = 0; e < fix->edits.len; e++) {
    const FixEdit *edit = &fix->edits.items[e];
    cJSON *change = cJSON_CreateObject();
    cJSON_AddItemToObject(change, "artifactLocation", sarif_artifact(run, edit->file));
    cJSON *repls = cJSON_AddArrayToObject(change, "replacements");
    cJSON *repl = cJSON_CreateObject();
    cJSON_AddItemToObject(repl, "deletedRegion", sarif_region(run, edit->file, edit->start, edit->end));
    cJSON_AddItemToObject(repl, "insertedContent", sarif_text(edit->text));
    cJSON_AddItemToArray(repls, repl);
    cJSON_AddItemToArray(changes, change);
  }
  return fj;
}

void emit_sarif(const CheckRun *run, FILE *out) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "$schema",
                          "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  cJSON_AddStringToObject(root, "version", "2.1.0");
  cJSON *runs = cJSON_AddArrayToObject(root, "runs");
  cJSON *one = cJSON_CreateObject();
  cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(one, "tool"), "driver");
  cJSON_AddStringToObject(driver, "name", "dockls");
  cJSON_AddStringToObject(driver, "version", DOCKLS_VERSION);
  cJSON_AddStringToObject(driver, "semanticVersion", DOCKLS_VERSION);
  cJSON_AddItemToObject(driver, "rules", sarif_rules());
  cJSON_AddItemToObject(one, "originalUriBaseIds", sarif_base_ids(run));
  cJSON *artifacts = cJSON_AddArrayToObject(one, "artifacts");
  for (size_t i = 0; i < run->files.len; i++) {
    cJSON *artifact = cJSON_CreateObject();
    cJSON_AddItemToObject(artifact, "location", sarif_artifact(run, run->files.items[i]));
    cJSON_AddItemToArray(artifacts, artifact);
  }
  cJSON *results = cJSON_AddArrayToObject(one, "results");
  for (size_t i = 0; i < run->diags.len; i++) {
    const Diag *d = &run->diags.items[i];
    cJSON *res = cJSON_CreateObject();
    cJSON_AddStringToObject(res, "ruleId", rule_info(d->rule)->id);
    cJSON_AddNumberToObject(res, "ruleIndex", d->rule);
    cJSON_AddStringToObject(res, "level", sarif_level(d->severity));
    cJSON_AddItemToObject(res, "message", sarif_text(d->message));
    cJSON *locs = cJSON_AddArrayToObject(res, "locations");
    cJSON *loc = cJSON_CreateObject();
    cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
    cJSON_AddItemToObject(phys, "artifactLocation", sarif_artifact(run, d->file));
    cJSON_AddItemToObject(phys, "region", sarif_region(run, d->file, d->start, d->end));
    cJSON_AddItemToArray(locs, loc);
    if (d->related.len) {
      cJSON *rel = cJSON_AddArrayToObject(res, "relatedLocations");
      for (size_t r = 0; r < d->related.len; r++) {
        cJSON *rl = cJSON_CreateObject();
        cJSON_AddNumberToObject(rl, "id", (double)r);
        cJSON *rp = cJSON_AddObjectToObject(rl, "physicalLocation");
        cJSON_AddItemToObject(rp, "artifactLocation", sarif_artifact(run, d->related.items[r].file));
        cJSON_AddItemToObject(rp, "region", sarif_region(run, d->related.items[r].file,
                                                         d->related.items[r].start, d->related.items[r].end));
        cJSON_AddItemToObject(rl, "message", sarif_text(d->related.items[r].message));
        cJSON_AddItemToArray(rel, rl);
      }
    }
    if (d->fixes.len) {
      cJSON *fixes = cJSON_AddArrayToObject(res, "fixes");
      for (size_t f = 0; f < d->fixes.len; f++) cJSON_AddItemToArray(fixes, sarif_fix(run, &d->fixes.items[f]));
    }
    cJSON_AddItemToArray(results, res);
  }
  cJSON_AddStringToObject(one, "columnKind", "utf16CodeUnits");
  cJSON_AddItemToArray(runs, one);
  char *text = cJSON_Print(root);
  fputs(text, out);
  fputc('\n', out);
  cJSON_free(text);
  cJSON_Delete(root);
}
