/* Unit tests for server/workspace/doc_kind.c: which files dockls treats as
 * Dockerfiles or compose files, by name (interface.md, "File kinds"), by
 * LSP languageId, and by content for files named on the command line.
 * The name cases are the examples of the specification itself, so a
 * change of rule shows up here as a disagreement with the spec. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/workspace/doc_kind.h"

#define NAME_IS(name, kind) \
  cr_assert_eq(doc_kind_from_name(name), (kind), "`%s` is %s", (name), \
               doc_kind_name(doc_kind_from_name(name)))

Test(doc_kind_from_name, dockerfiles_from_the_spec) {
  NAME_IS("Dockerfile", DOC_KIND_DOCKERFILE);
  NAME_IS("Dockerfile.prod", DOC_KIND_DOCKERFILE);
  NAME_IS("api.dockerfile", DOC_KIND_DOCKERFILE);
  NAME_IS("x__Containerfile", DOC_KIND_DOCKERFILE);
  /* "in any case" */
  NAME_IS("DOCKERFILE", DOC_KIND_DOCKERFILE);
  NAME_IS("containerfile", DOC_KIND_DOCKERFILE);
  NAME_IS("dev.Dockerfile.j2", DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_name, dockerignore_is_excluded) {
  NAME_IS("Dockerfile.dockerignore", DOC_KIND_OTHER);
  NAME_IS("api.Dockerfile.DOCKERIGNORE", DOC_KIND_OTHER);
  NAME_IS(".dockerignore", DOC_KIND_OTHER);
  /* Only the ending counts: a name that merely contains the word is
   * still a Dockerfile. */
  NAME_IS("Dockerfile.dockerignore.bak", DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_name, compose_files_from_the_spec) {
  NAME_IS("compose.yaml", DOC_KIND_COMPOSE);
  NAME_IS("docker-compose.override.yml", DOC_KIND_COMPOSE);
  NAME_IS("compose.ci.yaml", DOC_KIND_COMPOSE);
  NAME_IS("docker-compose.yml", DOC_KIND_COMPOSE);
  NAME_IS("Docker-Compose.YAML", DOC_KIND_COMPOSE);
}

/* The names issue 15 lists for the CLI (docs/cli.md, "File kinds"). */
Test(doc_kind_from_name, names_ci_users_have) {
  NAME_IS("docker-compose.stub", DOC_KIND_COMPOSE);
  NAME_IS("stubs/compose.stub", DOC_KIND_COMPOSE);
  NAME_IS("Dockerfile.stub", DOC_KIND_DOCKERFILE);
  NAME_IS("mysql.stub", DOC_KIND_OTHER);
  NAME_IS("compose.prod.yaml", DOC_KIND_COMPOSE);
  NAME_IS("docker-compose.override.yml", DOC_KIND_COMPOSE);
  NAME_IS("build.Dockerfile", DOC_KIND_DOCKERFILE);
  NAME_IS("Dockerfile.alpine", DOC_KIND_DOCKERFILE);
  NAME_IS("Containerfile.fedora", DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_name, other_files) {
  NAME_IS("not-compose.json", DOC_KIND_OTHER);
  NAME_IS("compose.yaml.bak", DOC_KIND_OTHER);
  NAME_IS("values.yaml", DOC_KIND_OTHER);
  NAME_IS("package.json", DOC_KIND_OTHER);
  NAME_IS("docker.md", DOC_KIND_OTHER);
  NAME_IS("", DOC_KIND_OTHER);
  cr_assert_eq(doc_kind_from_name(NULL), DOC_KIND_OTHER);
}

Test(doc_kind_from_name, only_the_last_component_counts) {
  NAME_IS("/srv/Dockerfiles/app/values.yaml", DOC_KIND_OTHER);
  NAME_IS("/srv/compose/app/main.yml", DOC_KIND_OTHER);
  NAME_IS("/srv/app/Dockerfile", DOC_KIND_DOCKERFILE);
  NAME_IS("file:///srv/my%20app/compose.yaml", DOC_KIND_COMPOSE);
  NAME_IS("docker/compose.yaml", DOC_KIND_COMPOSE);
}

Test(doc_kind_from_language, language_id_decides_alone) {
  /* An explicit languageId wins over a name that does not plainly say
   * what the file is. */
  cr_assert_eq(doc_kind_from_language("dockerfile", "file:///w/notes.txt", NULL), DOC_KIND_DOCKERFILE);
  cr_assert_eq(doc_kind_from_language("dockercompose", "file:///w/stack.yml", NULL), DOC_KIND_COMPOSE);
  cr_assert_eq(doc_kind_from_language("dockerfile", NULL, NULL), DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_language, a_plain_name_wins_over_a_contradicting_id) {
  DocKindReason why;
  cr_assert_eq(doc_kind_from_language("dockercompose", "file:///w/Dockerfile", &why), DOC_KIND_DOCKERFILE);
  cr_assert_eq(why, DOC_KIND_BY_NAME_OVER_LANGUAGE);
  cr_assert_eq(doc_kind_from_language("dockercompose", "file:///w/api.dockerfile", NULL),
               DOC_KIND_DOCKERFILE);
  cr_assert_eq(doc_kind_from_language("dockerfile", "file:///w/compose.yml", &why), DOC_KIND_COMPOSE);
  cr_assert_eq(why, DOC_KIND_BY_NAME_OVER_LANGUAGE);
  cr_assert_eq(doc_kind_from_language("dockerfile", "file:///w/docker-compose.prod.yaml", NULL),
               DOC_KIND_COMPOSE);
  /* Names that only hint do not overrule the id. */
  cr_assert_eq(doc_kind_from_language("dockerfile", "file:///w/dockerfiles-compose.yml", &why),
               DOC_KIND_DOCKERFILE);
  cr_assert_eq(why, DOC_KIND_BY_LANGUAGE);
  cr_assert_eq(doc_kind_from_language("yaml", "file:///w/Dockerfile", &why), DOC_KIND_DOCKERFILE);
  cr_assert_eq(why, DOC_KIND_BY_NAME);
}

Test(doc_kind_from_language, generic_ids_defer_to_the_name) {
  cr_assert_eq(doc_kind_from_language("yaml", "file:///w/compose.yaml", NULL), DOC_KIND_COMPOSE);
  cr_assert_eq(doc_kind_from_language("yaml", "file:///w/docker-compose.override.yml", NULL),
               DOC_KIND_COMPOSE);
  cr_assert_eq(doc_kind_from_language("yaml", "file:///w/.github/workflows/ci.yaml", NULL),
               DOC_KIND_OTHER);
  cr_assert_eq(doc_kind_from_language("plaintext", "file:///w/Dockerfile.dev", NULL),
               DOC_KIND_DOCKERFILE);
  cr_assert_eq(doc_kind_from_language(NULL, "file:///w/compose.yml", NULL), DOC_KIND_COMPOSE);
  cr_assert_eq(doc_kind_from_language("json", "file:///w/package.json", NULL), DOC_KIND_OTHER);
}

#define CONTENT_IS(lit, kind) \
  cr_assert_eq(doc_kind_from_content((lit), sizeof(lit) - 1), (kind), "content `%s`", (lit))

Test(doc_kind_from_content, compose_by_services_key) {
  CONTENT_IS("services:\n  web:\n    image: nginx\n", DOC_KIND_COMPOSE);
  CONTENT_IS("name: shop\nversion: '3.8'\nservices:\n  db: {}\n", DOC_KIND_COMPOSE);
  CONTENT_IS("# stack\n\nservices:\r\n  web:\r\n", DOC_KIND_COMPOSE);
  CONTENT_IS("services: {}", DOC_KIND_COMPOSE);
  CONTENT_IS("---\nservices:\n", DOC_KIND_COMPOSE);
}

Test(doc_kind_from_content, nested_services_is_not_top_level) {
  CONTENT_IS("x:\n  services:\n    web: {}\n", DOC_KIND_OTHER);
}

Test(doc_kind_from_content, dockerfile_by_first_instruction) {
  CONTENT_IS("FROM alpine:3.19\nRUN true\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("ARG BASE=alpine\nFROM $BASE\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("from alpine\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("FROM\talpine", DOC_KIND_DOCKERFILE);
  CONTENT_IS("\n\n   FROM alpine\r\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("\xEF\xBB\xBF" "FROM alpine\n", DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_content, dockerfile_by_parser_directive) {
  CONTENT_IS("# syntax=docker/dockerfile:1\nFROM alpine\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("# syntax=docker/dockerfile:1.7\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("#escape=`\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("# check=skip=all\n", DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_content, parser_directive_with_whitespace) {
  /* Docker's reference: "Non line-breaking whitespace is permitted in a
   * parser directive", so `#directive=value`, `# directive =value`,
   * `#\tdirective= value` and `# directive = value` are all the same
   * directive.  FIXME: doc_kind_from_content only accepts spaces between
   * '#' and the name and none around '='. */
  CONTENT_IS("# syntax = docker/dockerfile:1\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("# escape =`\n", DOC_KIND_DOCKERFILE);
  CONTENT_IS("#\tsyntax= docker/dockerfile:1\n", DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_content, comment_then_from) {
  CONTENT_IS("# Build the API image.\n# Maintained by ops.\n\nFROM node:20\n", DOC_KIND_DOCKERFILE);
}

Test(doc_kind_from_content, other_content) {
  CONTENT_IS("", DOC_KIND_OTHER);
  CONTENT_IS("hello world\n", DOC_KIND_OTHER);
  CONTENT_IS("# just a comment\n", DOC_KIND_OTHER);
  /* A word that starts like an instruction is not one. */
  CONTENT_IS("FROMAGE\n", DOC_KIND_OTHER);
  CONTENT_IS("RUNNER: x\n", DOC_KIND_OTHER);
  /* The instruction must come first: prose mentioning FROM later is not a
   * Dockerfile. */
  CONTENT_IS("Notes about the build\nFROM alpine\n", DOC_KIND_OTHER);
  CONTENT_IS("servicesx:\n", DOC_KIND_OTHER);
  CONTENT_IS("{\"services\": {}}\n", DOC_KIND_OTHER);
}

Test(doc_kind_from_content, length_bounds_the_scan) {
  /* Bytes past len must not be looked at. */
  const char *s = "notes\nservices:\n";
  cr_assert_eq(doc_kind_from_content(s, 6), DOC_KIND_OTHER);
  cr_assert_eq(doc_kind_from_content(s, strlen(s)), DOC_KIND_COMPOSE);
  const char *t = "FROM alpine";
  cr_assert_eq(doc_kind_from_content(t, 2), DOC_KIND_OTHER);
}

Test(doc_kind_name, names) {
  cr_assert_str_eq(doc_kind_name(DOC_KIND_DOCKERFILE), "dockerfile");
  cr_assert_str_eq(doc_kind_name(DOC_KIND_COMPOSE), "compose");
  cr_assert_str_eq(doc_kind_name(DOC_KIND_OTHER), "other");
}
