/* The wire format of textDocument/prepareRename and textDocument/rename
 * and of their capability.  Split from protocol.c by request; the helpers
 * are protocol.c's (protocol_wire.h). */
#include <string.h>

#include "dockls/base/alloc.h"
#include "protocol_wire.h"

/* renameProvider: `{prepareProvider: true}` only for a client that said
 * it sends prepareRename, since LSP allows the options object only then. */
void proto_rename_capabilities(LspSession *s, cJSON *cap, unsigned advertised) {
  if (!(advertised & LSP_CAP_RENAME)) return;
  if (s->caps.prepare_rename)
    cJSON_AddBoolToObject(cJSON_AddObjectToObject(cap, "renameProvider"), "prepareProvider", true);
  else
    cJSON_AddBoolToObject(cap, "renameProvider", true);
}

bool proto_call_prepare_rename(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  PositionParams p;
  PrepareRenameResult r;
  memset(&r, 0, sizeof r);
  if (!proto_read_position_params(params, &p, err) || !lsp_prepare_rename(s, &p, &r, err)) return false;
  cJSON *json = cJSON_CreateObject();
  cJSON_AddItemToObject(json, "range", proto_range(s, r.file, r.start, r.end));
  cJSON_AddStringToObject(json, "placeholder", r.placeholder);
  xfree(r.placeholder);
  *result = json;
  return true;
}

bool proto_call_rename(LspSession *s, const cJSON *params, cJSON **result, LspError *err) {
  RenameParams p;
  RenameResult r;
  memset(&r, 0, sizeof r);
  if (!proto_read_position_params(params, &p.at, err) || !proto_get_string(params, "newName", &p.new_name, err))
    return false;
  bool ok = lsp_rename(s, &p, &r, err);
  if (ok) {
    const Fix *fix = &r.edit;
    *result = proto_workspace_edit(s, &fix, 1);
  }
  for (size_t i = 0; i < r.edit.edits.len; i++) xfree(r.edit.edits.items[i].text);
  array_delete(&r.edit.edits);
  return ok;
}
