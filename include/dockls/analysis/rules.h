/* The rule ids and their metadata, generated from analysis/rules.def. */
#ifndef DOCKLS_ANALYSIS_RULES_H_
#define DOCKLS_ANALYSIS_RULES_H_

#include <stdbool.h>
#include <stddef.h>

typedef enum {
#define RULE(name, id, sev, section, summary) RULE_##name,
#include "dockls/analysis/rules.def"
#undef RULE
  RULE__COUNT
} RuleId;

typedef struct {
  const char *id;       /* kebab-case, stable: Diagnostic.code, config key */
  int default_severity; /* a Severity */
  const char *section;  /* catalog section */
  const char *summary;  /* one line */
} RuleInfo;

/* Metadata of a rule (borrowed, static). */
const RuleInfo *rule_info(RuleId rule);

/* Looks a rule up by its kebab-case id. */
bool rule_from_id(const char *id, RuleId *out);

/* The rule's documentation in Markdown (static), the text that hover,
 * `dockls explain` and the SARIF help show; NULL if it has none. */
const char *rule_doc(RuleId rule);

/* The documentation page's address, for LSP codeDescription.href and SARIF
 * helpUri (caller owns, xfree); NULL when the pages are neither published
 * at a configured address nor installed beside the binary. */
char *rule_doc_url(RuleId rule);

#endif
