/* Rule metadata from rules.def, and the embedded documentation that
 * cmake/embed_docs.cmake generates from docs/rules/<id>.md. */
#include "dockls/analysis/rules.h"

#include <string.h>

#include "dockls/analysis/diag.h"
#include "dockls/base/strbuf.h"

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

char *rule_doc_url(RuleId rule) {
  StrBuf url = STRBUF_INIT;
  strbuf_appendf(&url, "%s%s.md", DOCKLS_DOCS_URL, rule_table[rule].id);
  return strbuf_take(&url);
}
