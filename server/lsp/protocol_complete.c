/* The wire format of textDocument/completion and of its capability.
 * Split from protocol.c by request; the helpers are protocol.c's
 * (protocol_wire.h). */
#include <string.h>

#include "protocol_wire.h"

/* The characters after which an editor asks again without the user
 * pressing a key: flags (`-`, `=`), variables (`$`, `{`), compose values
 * (`:`, ` `), `,` between --mount keys, `#` for parser directives and
 * `/` for the next folder of a compose path. */
static const char *const trigger_characters[] = {"-", "=", "$", "{", ":", " ", ",", "#", "/"};

void proto_completion_capabilities(cJSON *cap, unsigned advertised) {
  if (!(advertised & LSP_CAP_COMPLETION)) return;
  cJSON *provider = cJSON_AddObjectToObject(cap, "completionProvider");
  cJSON_AddItemToObject(provider, "triggerCharacters",
                        cJSON_CreateStringArray(trigger_characters,
                                                sizeof trigger_characters / sizeof *trigger_characters));
}

/* LSP CompletionItemKind numbers, by the analysis kinds. */
static const int completion_item_kinds[] = {
    [COMPLETE_KEYWORD] = 14,   /* Keyword */
    [COMPLETE_DIRECTIVE] = 14, /* Keyword: the builder reads it */
    [COMPLETE_FLAG] = 10,      /* Property */
    [COMPLETE_VALUE] = 20,     /* EnumMember */
    [COMPLETE_STAGE] = 9,      /* Module */
    [COMPLETE_VARIABLE] = 6,   /* Variable */
    [COMPLETE_IMAGE] = 7,      /* Class */
    [COMPLETE_KEY] = 10,       /* Property */
    [COMPLETE_REFERENCE] = 18, /* Reference */
    [COMPLETE_FILE] = 17,      /* File */
    [COMPLETE_FOLDER] = 19,    /* Folder */
};

bool proto_call_completion(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  PositionParams p;
  CompletionResult r;
  memset(&r, 0, sizeof r);
  array_init(&r.list.items);
  bool ok = proto_read_position_params(params, &p, err) && lsp_completion(s, &p, &r, err);
  if (ok) {
    cJSON *json = cJSON_CreateObject();
    cJSON_AddBoolToObject(json, "isIncomplete", r.list.incomplete);
    cJSON *items = cJSON_AddArrayToObject(json, "items");
    for (size_t i = 0; i < r.list.items.len; i++) {
      const CompletionItem *it = &r.list.items.items[i];
      cJSON *item = cJSON_CreateObject();
      cJSON_AddStringToObject(item, "label", it->label);
      cJSON_AddNumberToObject(item, "kind", completion_item_kinds[it->kind]);
      if (it->detail) cJSON_AddStringToObject(item, "detail", it->detail);
      if (it->doc) {
        /* Markdown, as hover sends it: the descriptions quote keys and values in backticks. */
        cJSON *doc = cJSON_AddObjectToObject(item, "documentation");
        cJSON_AddStringToObject(doc, "kind", "markdown");
        cJSON_AddStringToObject(doc, "value", it->doc);
      }
      cJSON_AddNumberToObject(item, "insertTextFormat", it->snippet ? 2 : 1);
      cJSON *edit = cJSON_AddObjectToObject(item, "textEdit");
      cJSON_AddItemToObject(edit, "range", proto_range(s, r.file, r.list.start, r.list.end));
      cJSON_AddStringToObject(edit, "newText", it->text);
      cJSON_AddItemToArray(items, item);
    }
    *result = json;
  }
  completion_list_free(&r.list);
  return ok;
}
