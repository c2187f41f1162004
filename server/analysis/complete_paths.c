/* Completion of file and folder names in a path being typed.  Folders are
 * read through the workspace (files.h), so the answers come from its disk
 * cache, nothing outside the workspace root is listed, and an entry whose
 * link leads out of the root is not offered: completion must not become a
 * way to look around the rest of the machine. */
#include <string.h>

#include "complete_internal.h"
#include "dockls/base/alloc.h"
#include "dockls/base/path.h"
#include "dockls/base/strbuf.h"
#include "dockls/workspace/files.h"

/* A folder with more matching entries than this is not one a user picks
 * from by scrolling; the first ones (in byte order) are offered and typing
 * more of the name narrows the list on the next request. */
enum { PATH_ITEMS_MAX = 500 };

void complete__path(Workspace *ws, FileId id, const char *base, const char *text, size_t start, size_t offset,
                    size_t end, bool dirs_only, CompletionList *out) {
  size_t typed_len = offset - start;
  const char *typed = text + start;
  /* A variable or the home folder is resolved by Compose at run time:
   * where they lead is not known here. */
  if (!base || memchr(typed, '$', typed_len) || (typed_len && typed[0] == '~')) return;
  size_t seg = typed_len;
  while (seg > 0 && typed[seg - 1] != '/') seg--;
  char *dir_part = xstrndup(typed, seg);
  char *folder = seg ? path_join(base, dir_part) : xstrdup(base);
  const char *prefix = typed + seg;
  size_t prefix_len = typed_len - seg;
  const StrArray *names = ws_list(ws, id, folder);
  size_t added = 0, i = 0;
  for (; names && i < names->len && added < PATH_ITEMS_MAX; i++) {
    const char *name = names->items[i];
    /* Hidden entries only when the user asks for them by typing the dot. */
    if (name[0] == '.' && (prefix_len == 0 || prefix[0] != '.')) continue;
    if (strncmp(name, prefix, prefix_len) != 0) continue;
    char *full = path_join(folder, name);
    WsPathKind kind = ws_stat_listed(ws, id, full);
    xfree(full);
    if (kind == WS_PATH_DIR) {
      /* The slash is part of the item, so that the next segment can be
       * typed (and completed) at once. */
      StrBuf label = STRBUF_INIT;
      strbuf_appendf(&label, "%s/", name);
      if (complete__add(out, false, COMPLETE_FOLDER, strbuf_cstr(&label), "folder", NULL)) added++;
      strbuf_destroy(&label);
    } else if (kind == WS_PATH_FILE && !dirs_only) {
      if (complete__add(out, false, COMPLETE_FILE, name, "file", NULL)) added++;
    }
  }
  /* Entries left unvisited may match: typing more must bring them. */
  if (names && i < names->len) out->incomplete = true;
  out->start = start + seg;
  out->end = end;
  xfree(dir_part);
  xfree(folder);
}
