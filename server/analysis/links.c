/* documentLink: the places of a file that name something a user may want
 * to open.  In a compose file these are paths (build.dockerfile,
 * env_file, extends.file, include, the `file:` of configs and secrets,
 * bind-mount sources), linked only when the path exists inside the
 * workspace root: a link to nothing, or to a file the server may not
 * read, would only mislead.  In a Dockerfile they are base images, linked
 * to their page on the registries whose page addresses are known. */
#include <string.h>

#include "dockls/analysis/navigation.h"
#include "dockls/base/alloc.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "dockls/workspace/files.h"
#include "compose_paths.h"

static void link_add(DocLinkArray *out, size_t start, size_t end, char *path, char *url) {
  DocLink link = {start, end, path, url};
  array_push(out, link);
}

/* ------------------------------------------------------------ Dockerfile */

/* The page of an image on its registry, or NULL for a registry whose
 * pages dockls does not know.  The tag and digest are left out: the pages
 * are per repository. */
static char *image_page(const char *image) {
  size_t len = strcspn(image, "@");
  const char *slash_last = NULL;
  for (const char *p = image; p < image + len; p++)
    if (*p == '/') slash_last = p;
  /* The tag's colon is the one after the last slash (a registry port has
   * a colon too, before it). */
  const char *name = slash_last ? slash_last : image;
  const char *colon = memchr(name, ':', len - (size_t)(name - image));
  if (colon) len = (size_t)(colon - image);
  char *repo = xstrndup(image, len);
  const char *first_slash = strchr(repo, '/');
  size_t host_len = first_slash ? (size_t)(first_slash - repo) : 0;
  bool has_host = first_slash && (memchr(repo, '.', host_len) || memchr(repo, ':', host_len) ||
                                  strncmp(repo, "localhost/", 10) == 0);
  const char *path = has_host ? first_slash + 1 : repo;
  StrBuf url = STRBUF_INIT;
  bool known = true;
  if (!has_host || strncmp(repo, "docker.io/", 10) == 0 || strncmp(repo, "index.docker.io/", 16) == 0) {
    /* Docker Hub: official images under /_/, the others under /r/. */
    if (strncmp(path, "library/", 8) == 0) path += 8;
    if (strchr(path, '/')) strbuf_appendf(&url, "https://hub.docker.com/r/%s", path);
    else strbuf_appendf(&url, "https://hub.docker.com/_/%s", path);
  } else if (strncmp(repo, "ghcr.io/", 8) == 0) {
    strbuf_appendf(&url, "https://ghcr.io/%s", path);
  } else if (strncmp(repo, "quay.io/", 8) == 0) {
    strbuf_appendf(&url, "https://quay.io/repository/%s", path);
  } else if (strncmp(repo, "mcr.microsoft.com/", 18) == 0) {
    strbuf_appendf(&url, "https://mcr.microsoft.com/artifact/mar/%s", path);
  } else {
    known = false;
  }
  char *out = known && *path ? xstrdup(strbuf_cstr(&url)) : NULL;
  strbuf_destroy(&url);
  xfree(repo);
  return out;
}

static void links_dockerfile(Workspace *ws, FileId id, DocLinkArray *out) {
  const DockerfileModel *m = ws_dockerfile(ws, id);
  for (size_t s = 0; m && s < m->stages.len; s++) {
    const DfStage *st = &m->stages.items[s];
    /* A stage built FROM another stage, an image named through a variable
     * (its value is the builder's to choose) and `scratch` have no page. */
    if (!st->image_raw || st->parent >= 0 || strchr(st->image_raw, '$') || strcmp(st->image_raw, "scratch") == 0 ||
        st->image_end - st->image_start != strlen(st->image_raw))
      continue;
    char *url = image_page(st->image_raw);
    if (url) link_add(out, st->image_start, st->image_end, NULL, url);
  }
}

/* --------------------------------------------------------------- compose */

typedef struct {
  Workspace *ws;
  FileId id;
  DocLinkArray *out;
} LinkWalk;

/* A path is linked when it exists inside the workspace root. */
static void link_path(void *ctx, size_t start, size_t end, const char *path) {
  LinkWalk *w = ctx;
  WsPathKind kind = ws_stat(w->ws, w->id, path);
  if (kind == WS_PATH_FILE || kind == WS_PATH_DIR) link_add(w->out, start, end, xstrdup(path), NULL);
}

static void links_compose(Workspace *ws, FileId id, DocLinkArray *out) {
  LinkWalk w = {ws, id, out};
  analysis__compose_paths(ws, id, link_path, &w);
}

void analysis_document_links(Workspace *ws, FileId id, DocLinkArray *out) {
  if (ws_kind(ws, id) == DOC_KIND_DOCKERFILE) links_dockerfile(ws, id, out);
  else if (ws_kind(ws, id) == DOC_KIND_COMPOSE) links_compose(ws, id, out);
}

void doclinks_free(DocLinkArray *links) {
  for (size_t i = 0; i < links->len; i++) {
    xfree(links->items[i].path);
    xfree(links->items[i].url);
  }
  array_delete(links);
}
