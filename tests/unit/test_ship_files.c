/* The files that wire dockls into other tools (issue 15): the GitHub
 * Action (action.yml), the pre-commit hooks (.pre-commit-hooks.yaml) and
 * the CI examples under docs/ci.  Each is parsed with libyaml and its
 * required keys checked; the hooks' file pattern is compared with the
 * kinds dockls itself recognises by name, so the two cannot drift. */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "casefile.h"
#include "dockls/base/alloc.h"
#include "dockls/workspace/doc_kind.h"

typedef struct {
  yaml_document_t doc;
  bool loaded;
} Yaml;

static Yaml *load(const char *rel) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", test_source_dir(), rel);
  size_t len;
  char *text = test_read_file(path, &len);
  cr_assert_not_null(text, "%s is missing", rel);
  Yaml *y = xcalloc(1, sizeof *y);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  y->loaded = yaml_parser_load(&parser, &y->doc) != 0;
  cr_assert(y->loaded, "%s: YAML error: %s (line %zu)", rel, parser.problem ? parser.problem : "?",
            parser.problem_mark.line + 1);
  yaml_parser_delete(&parser);
  xfree(text);
  return y;
}

static void unload(Yaml *y) {
  yaml_document_delete(&y->doc);
  xfree(y);
}

static yaml_node_t *root(Yaml *y) { return yaml_document_get_root_node(&y->doc); }

/* The value of `key` in a mapping node, or NULL. */
static yaml_node_t *get(Yaml *y, yaml_node_t *map, const char *key) {
  if (!map || map->type != YAML_MAPPING_NODE) return NULL;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = yaml_document_get_node(&y->doc, p->key);
    if (k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0)
      return yaml_document_get_node(&y->doc, p->value);
  }
  return NULL;
}

static const char *scalar(yaml_node_t *n) {
  return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

Test(ship_files, github_action) {
  Yaml *y = load("action.yml");
  yaml_node_t *top = root(y);
  cr_assert(scalar(get(y, top, "name")) && scalar(get(y, top, "description")), "name and description");
  yaml_node_t *runs = get(y, top, "runs");
  cr_assert_str_eq(scalar(get(y, runs, "using")), "composite");
  yaml_node_t *steps = get(y, runs, "steps");
  cr_assert(steps && steps->type == YAML_SEQUENCE_NODE && steps->data.sequence.items.top > steps->data.sequence.items.start);
  bool runs_check = false;
  for (yaml_node_item_t *i = steps->data.sequence.items.start; i < steps->data.sequence.items.top; i++) {
    yaml_node_t *step = yaml_document_get_node(&y->doc, *i);
    /* A composite step that runs a command must name its shell. */
    cr_assert(scalar(get(y, step, "shell")) && scalar(get(y, step, "run")), "each step has shell and run");
    runs_check |= strstr(scalar(get(y, step, "run")), "dockls\" check --format") != NULL;
  }
  cr_assert(runs_check, "no step runs dockls check");
  yaml_node_t *inputs = get(y, top, "inputs");
  static const char *const wanted[] = {"paths", "fail-on", "output", "format"};
  for (size_t i = 0; i < sizeof wanted / sizeof *wanted; i++) {
    yaml_node_t *in = get(y, inputs, wanted[i]);
    cr_assert(in && scalar(get(y, in, "description")), "input %s with a description", wanted[i]);
  }
  /* Every ${{ inputs.X }} the action uses is declared. */
  char path[512];
  snprintf(path, sizeof path, "%s/action.yml", test_source_dir());
  size_t len;
  char *text = test_read_file(path, &len);
  for (const char *p = text; (p = strstr(p, "inputs.")) != NULL; p += 7) {
    const char *end = p + 7;
    while ((*end >= 'a' && *end <= 'z') || *end == '-') end++;
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(end - p - 7), p + 7);
    cr_assert(get(y, inputs, name), "action.yml uses undeclared input %s", name);
  }
  xfree(text);
  unload(y);
}

/* The names every matcher must agree on: what dockls checks by name and
 * what it leaves alone. */
static const char *const names[] = {
    "Dockerfile", "app/Dockerfile", "Dockerfile.alpine", "build.Dockerfile", "x/api.dockerfile",
    "Containerfile", "Containerfile.fedora", "compose.yaml", "compose.yml", "docker-compose.yml",
    "docker-compose.override.yml", "compose.prod.yaml", "stubs/docker-compose.stub", "Dockerfile.stub",
    "values.yaml", "package.json", ".dockerignore", "Dockerfile.dockerignore", "compose/main.yml",
    "docs/compose.md", "mysql.stub", "README.md",
};

Test(ship_files, pre_commit_hooks_match_what_dockls_checks) {
  Yaml *y = load(".pre-commit-hooks.yaml");
  yaml_node_t *list = root(y);
  cr_assert(list && list->type == YAML_SEQUENCE_NODE, "a list of hooks");
  size_t hooks = 0;
  for (yaml_node_item_t *i = list->data.sequence.items.start; i < list->data.sequence.items.top; i++) {
    yaml_node_t *hook = yaml_document_get_node(&y->doc, *i);
    static const char *const keys[] = {"id", "name", "entry", "language", "files"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
      cr_assert(scalar(get(y, hook, keys[k])), "hook %zu lacks %s", hooks, keys[k]);
    cr_assert(strncmp(scalar(get(y, hook, "entry")), "dockls check", 12) == 0);
    /* pre-commit's patterns are Python regular expressions; these use
     * only what POSIX extended ones share, with (?i) as REG_ICASE. */
    const char *files = scalar(get(y, hook, "files"));
    const char *exclude = scalar(get(y, hook, "exclude"));
    cr_assert(strncmp(files, "(?i)", 4) == 0 && (!exclude || strncmp(exclude, "(?i)", 4) == 0));
    regex_t inc, exc;
    cr_assert_eq(regcomp(&inc, files + 4, REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
    if (exclude) cr_assert_eq(regcomp(&exc, exclude + 4, REG_EXTENDED | REG_ICASE | REG_NOSUB), 0);
    for (size_t n = 0; n < sizeof names / sizeof *names; n++) {
      bool hook_takes = regexec(&inc, names[n], 0, NULL, 0) == 0 &&
                        !(exclude && regexec(&exc, names[n], 0, NULL, 0) == 0);
      DocKind kind = doc_kind_from_name(names[n]);
      bool dockls_checks = kind == DOC_KIND_DOCKERFILE || kind == DOC_KIND_COMPOSE;
      cr_assert_eq(hook_takes, dockls_checks, "hook %s %s %s, dockls %s it", scalar(get(y, hook, "id")),
                   hook_takes ? "takes" : "skips", names[n], dockls_checks ? "checks" : "skips");
    }
    regfree(&inc);
    if (exclude) regfree(&exc);
    hooks++;
  }
  cr_assert_geq(hooks, 1);
  unload(y);
}

Test(ship_files, ci_examples) {
  Yaml *y = load("docs/ci/gitlab-ci.yml");
  yaml_node_t *job = get(y, root(y), "dockls");
  cr_assert_not_null(job);
  cr_assert_str_eq(scalar(get(y, get(y, get(y, job, "artifacts"), "reports"), "codequality")),
                   "gl-code-quality-report.json");
  yaml_node_t *script = get(y, job, "script");
  cr_assert(script && script->type == YAML_SEQUENCE_NODE);
  const char *line = scalar(yaml_document_get_node(&y->doc, *script->data.sequence.items.start));
  cr_assert(strstr(line, "--format codeclimate -o gl-code-quality-report.json"), "%s", line);
  unload(y);
  y = load("docs/ci/github-workflow.yml");
  yaml_node_t *steps = get(y, get(y, get(y, root(y), "jobs"), "dockls"), "steps");
  cr_assert(steps && steps->type == YAML_SEQUENCE_NODE);
  bool uploads = false;
  for (yaml_node_item_t *i = steps->data.sequence.items.start; i < steps->data.sequence.items.top; i++) {
    const char *uses = scalar(get(y, yaml_document_get_node(&y->doc, *i), "uses"));
    uploads |= uses && strncmp(uses, "github/codeql-action/upload-sarif@", 34) == 0;
  }
  cr_assert(uploads, "the workflow uploads the SARIF report");
  cr_assert_str_eq(scalar(get(y, get(y, root(y), "permissions"), "security-events")), "write");
  unload(y);
}
