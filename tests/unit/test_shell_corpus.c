/* Every shell-form RUN, CMD, ENTRYPOINT and HEALTHCHECK of the real
 * Dockerfiles in ../shared/corpus stitches into a script that
 * tree-sitter-bash parses without error.  The Dockerfile model decides
 * which instructions run under a POSIX shell: stages on Windows images
 * (cmd) or after a SHELL naming PowerShell or cmd have no shell model,
 * and the test counts them separately so that a model that wrongly
 * dropped every script would still fail. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "casefile.h"
#include "dockls/base/fs.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/syntax/parse.h"
#include "dockls/base/path.h"

/* BuildKit's parser tests for invalid JSON: `CMD ["echo", "look ma, no
 * quote!]` falls back to shell form as Docker does, and the shell text has
 * an unterminated quote that sh itself rejects, so bash must not parse it. */
static bool allowed(const char *name) {
  return strstr(name, "jeztah-invalid-json-unterminated-bracket") ||
         strstr(name, "jeztah-invalid-json-unterminated-string");
}

Test(shell_corpus, every_shell_form_parses_with_bash) {
  char *dir = path_append(test_source_dir(), "../shared/corpus/dockerfiles");
  if (fs_kind(dir, true, NULL) != FS_KIND_DIR) {
    xfree(dir);
    cr_skip_test("../shared/corpus/dockerfiles is not present; the real-file test is skipped");
  }
  StrArray names;
  array_init(&names);
  char *err = NULL;
  cr_assert(fs_list_dir(dir, &names, &err));
  size_t scripts = 0, foreign = 0, failures = 0;
  StrBuf report = STRBUF_INIT;
  SyntaxParsers *parsers = syntax_parsers_new();
  for (size_t i = 0; i < names.len; i++) {
    char *path = path_append(dir, names.items[i]);
    size_t len;
    char *src = test_read_file(path, &len);
    cr_assert_not_null(src, "%s", path);
    TextDoc text;
    text_init(&text, src, len);
    Syntax *tree = syntax_parse(parsers, LANG_DOCKERFILE, src, len);
    DockerfileModel *m = dockerfile_model_build(parsers, tree, &text, NULL, NULL);
    for (size_t k = 0; k < m->instrs.len; k++) {
      const DfInstr *in = &m->instrs.items[k];
      bool shell_kind = in->kind == DF_RUN || in->kind == DF_CMD || in->kind == DF_ENTRYPOINT ||
                        (in->kind == DF_HEALTHCHECK && !in->healthcheck_none);
      if (!shell_kind || in->exec_form) continue;
      /* `RUN` or `HEALTHCHECK CMD` alone (BuildKit's parser tests have
       * them) name no command and have nothing to parse. */
      if (!in->has_command) continue;
      if (!df_shell(in)) {
        const DfStage *st = in->stage >= 0 ? &m->stages.items[in->stage] : NULL;
        if (st && !st->posix_shell) foreign++;
        else {
          failures++;
          strbuf_appendf(&report, "%s:%zu: no shell model in a POSIX stage\n", names.items[i],
                         (size_t)text_pos_of(&text, in->start, POS_ENC_UTF8).line + 1);
        }
        continue;
      }
      scripts++;
      if (df_shell(in)->parse_error && !allowed(names.items[i])) {
        failures++;
        if (failures <= 20)
          strbuf_appendf(&report, "%s:%zu: %.200s\n", names.items[i],
                         (size_t)text_pos_of(&text, in->start, POS_ENC_UTF8).line + 1, df_shell(in)->text);
      }
    }
    dockerfile_model_delete(m);
    syntax_delete(tree);
    text_destroy(&text);
    xfree(src);
    xfree(path);
  }
  syntax_parsers_delete(parsers);
  strarray_delete(&names);
  xfree(dir);
  cr_log_info("%zu shell scripts parsed, %zu under a non-POSIX shell", scripts, foreign);
  cr_assert_gt(scripts, 4000, "only %zu scripts found", scripts);
  cr_assert_lt(foreign, 300, "%zu scripts were taken as non-POSIX", foreign);
  cr_assert_eq(failures, 0, "%zu of %zu scripts do not parse:\n%s", failures, scripts, strbuf_cstr(&report));
  strbuf_destroy(&report);
}
