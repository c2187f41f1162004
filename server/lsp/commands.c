/* workspace/executeCommand for clients without CodeAction literals.  Such
 * a client is sent each code action as a Command naming it (its request,
 * document version, place and title); executing it computes the answer
 * again for that version from the cached analysis, so the edit applied is
 * the one the server made and never one the client echoes back, and sends
 * it to the client with workspace/applyEdit.  The executeCommand request
 * is answered only once the client has answered the applyEdit: LSP's
 * order, which lets the client know the edit is in when the command
 * returns. */
#include <string.h>

#include "dockls/base/alloc.h"
#include "dockls/base/log.h"
#include "lsp_internal.h"

bool lsp_execute_command(LspSession *s, const ExecuteCommandParams *p, LspError *err) {
  FileId id;
  if (!lsp_document(s, p->action.uri, &id, err)) return false;
  int64_t now = ws_version(s->ws, id);
  if (p->version != now)
    return lsp_fail(err, LSP_ERR_REQUEST_FAILED,
                    "\"%s\" was computed for version %lld of %s, which is now at version %lld: ask for code "
                    "actions again",
                    p->title, (long long)p->version, p->action.uri, (long long)now);
  if (!s->caps.apply_edit)
    return lsp_fail(err, LSP_ERR_REQUEST_FAILED,
                    "the client does not declare workspace.applyEdit, so dockls cannot apply \"%s\"", p->title);
  CodeActionResult r;
  lsp_code_action_result_init(&r);
  bool ok = lsp_code_action(s, &p->action, &r, err);
  size_t count = ok ? lsp_code_action_count(&r) : 0;
  if (ok && (p->index < 0 || (uint64_t)p->index >= count)) {
    ok = lsp_fail(err, LSP_ERR_REQUEST_FAILED,
                  "\"%s\" is no longer offered there (the answer now has %zu actions): ask for code actions again",
                  p->title, count);
  } else if (ok) {
    CodeActionItem item = lsp_code_action_item(&r, (size_t)p->index);
    if (strcmp(item.title, p->title) != 0) {
      ok = lsp_fail(err, LSP_ERR_REQUEST_FAILED,
                    "\"%s\" is no longer offered there (action %lld is now \"%s\"): ask for code actions again",
                    p->title, (long long)p->index, item.title);
    } else {
      s->defer_to = proto_request_apply_edit(s, item.title, item.fixes, item.count);
      s->defer_title = xstrdup(item.title);
    }
  }
  lsp_code_action_result_destroy(&r);
  return ok;
}

static void lsp_pending_free(LspPending *pending) {
  proto_discard(pending->reply_to);
  xfree(pending->title);
}

void lsp_client_reply(LspSession *s, const ClientReply *reply) {
  size_t i = 0;
  while (i < s->pending.len && !(reply->ours && s->pending.items[i].id == reply->id)) i++;
  if (i == s->pending.len) {
    /* Answers to requests nothing waits for (client/registerCapability,
     * workspace/diagnostic/refresh) need no action; a failure is worth a
     * log line. */
    if (reply->is_error) log_info("client answered a request with an error: %s", reply->message ? reply->message : "-");
    return;
  }
  LspPending pending = s->pending.items[i];
  memmove(&s->pending.items[i], &s->pending.items[i + 1], (s->pending.len - i - 1) * sizeof *s->pending.items);
  s->pending.len--;
  LspError err = {0, NULL};
  if (reply->is_error)
    lsp_fail(&err, LSP_ERR_REQUEST_FAILED, "the client refused to apply \"%s\": %s (%lld)", pending.title,
             reply->message ? reply->message : "no message", (long long)reply->code);
  else if (!reply->applied)
    lsp_fail(&err, LSP_ERR_REQUEST_FAILED, "the client did not apply \"%s\": %s", pending.title,
             reply->failure_reason ? reply->failure_reason : "it gave no reason");
  if (err.message) proto_respond_error(s, pending.reply_to, err.code, err.message);
  else proto_respond(s, pending.reply_to, NULL);
  xfree(err.message);
  lsp_pending_free(&pending);
}

void lsp_pending_destroy(LspSession *s) {
  for (size_t i = 0; i < s->pending.len; i++) lsp_pending_free(&s->pending.items[i]);
  array_delete(&s->pending);
  xfree(s->defer_title);
  s->defer_title = NULL;
}
