/* Rule metadata from rules.def, and the embedded documentation that
 * cmake/embed_docs.cmake generates from docs/rules/<id>.md. */
#include "dockls/analysis/rules.h"

#include <stdio.h>
#include <string.h>

#include "dockls/analysis/diag.h"
#include "dockls/base/alloc.h"
#include "dockls/base/fs.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/base/uri.h"

static const RuleInfo rule_table[RULE__COUNT] = {
#define RULE(name, id, sev, section, summary) {id, sev, section, summary},
#include "dockls/analysis/rules.def"
#undef RULE
};

typedef struct {
  const char *id;
  const char *markdown;
} RuleDocEntry;
extern const RuleDocEntry rule_doc_entries[];

const RuleInfo *rule_info(RuleId rule) { return &rule_table[rule]; }

bool rule_from_id(const char *id, RuleId *out) {
  for (int i = 0; i < RULE__COUNT; i++) {
    if (strcmp(rule_table[i].id, id) == 0) {
      *out = (RuleId)i;
      return true;
    }
  }
  return false;
}

const char *rule_doc(RuleId rule) {
  for (const RuleDocEntry *e = rule_doc_entries; e->id; e++)
    if (strcmp(e->id, rule_table[rule].id) == 0) return e->markdown;
  return NULL;
}

/* Where the rule pages are: the address set at configure time, else the
 * installed pages next to the binary (`<prefix>/share/doc/dockls/rules`,
 * found from the binary's own location so a moved prefix still works),
 * else nowhere: a binary run from its build tree links to nothing rather
 * than to a checkout that the reader may not have.  Looked up once. */
static const char *rule_docs_base(void) {
  /* A static buffer, not an allocation: the address lives as long as the
   * process, and the sessions' leak checks count blocks. */
  static bool looked;
  static char base[4096];
  if (looked) return base[0] ? base : NULL;
  looked = true;
  if (DOCKLS_RULE_DOCS_URL[0]) {
    snprintf(base, sizeof base, "%s", DOCKLS_RULE_DOCS_URL);
    return base;
  }
  char *exe_dir = fs_executable_dir();
  if (!exe_dir) return NULL;
  char *dir = path_join(exe_dir, DOCKLS_DOCS_FROM_BIN);
  if (fs_kind(dir, true, NULL) == FS_KIND_DIR) {
    char *uri = uri_from_path(dir);
    if (strlen(uri) + 2 <= sizeof base) snprintf(base, sizeof base, "%s/", uri);
    xfree(uri);
  }
  xfree(dir);
  xfree(exe_dir);
  return base[0] ? base : NULL;
}

char *rule_doc_url(RuleId rule) {
  const char *base = rule_docs_base();
  if (!base) return NULL;
  StrBuf url = STRBUF_INIT;
  strbuf_appendf(&url, "%s%s.md", base, rule_table[rule].id);
  return strbuf_take(&url);
}
