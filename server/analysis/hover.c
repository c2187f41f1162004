/* Hover text: what is under the cursor (an instruction keyword, a flag,
 * a base image, a stage, variable or compose name, a compose key), then
 * the documentation of every rule whose diagnostic covers the position.  The instruction texts are our own short
 * summaries of Docker's behaviour, with the pitfalls dockls checks. */
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"
#include "hover_parts.h"

static const char *const instruction_docs[] = {
    [DF_FROM] = "**FROM** `[--platform=<p>] <image>[:<tag>|@<digest>] [AS <name>]`\n\n"
                "Starts a build stage from a base image or an earlier stage. `ARG`s declared before the "
                "first `FROM` can be used in it. Pin a tag or digest: without one the image is `latest`, "
                "which changes under you.",
    [DF_RUN] = "**RUN** `<command>` | `[\"exe\", \"arg\"]` | `<<EOF`\n\n"
               "Runs a command in a new layer. Shell form runs under `/bin/sh -c` (or the stage's `SHELL`). "
               "Flags: `--mount=type=cache|secret|bind|ssh|tmpfs`, `--network`, `--security`. Clean package "
               "caches in the same `RUN`: a later one cannot shrink the layer.",
    [DF_CMD] = "**CMD** `[\"exe\", \"arg\"]` | `command`\n\n"
               "The default command (or the default arguments of `ENTRYPOINT`). Prefer the exec form: in shell "
               "form `/bin/sh` is PID 1 and `docker stop` signals never reach the program. Only the last `CMD` "
               "counts.",
    [DF_ENTRYPOINT] = "**ENTRYPOINT** `[\"exe\", \"arg\"]` | `command`\n\n"
                      "The program the container runs; `CMD` supplies its default arguments. Prefer the exec "
                      "form so the program receives signals.",
    [DF_SHELL] = "**SHELL** `[\"exe\", \"arg\"]`\n\nThe shell used by the shell form of later `RUN`, `CMD` and "
                 "`ENTRYPOINT` (default `[\"/bin/sh\", \"-c\"]` on Linux, `cmd /S /C` on Windows).",
    [DF_HEALTHCHECK] = "**HEALTHCHECK** `[--interval=30s] [--timeout=30s] [--start-period=0s] [--retries=3] CMD <command>` | `NONE`\n\n"
                       "How the engine tells a container is healthy. The check runs inside the container: the "
                       "tool it calls must exist in the image, and `localhost` may resolve to `::1` while the "
                       "app listens on IPv4 (use `127.0.0.1`). A compose `healthcheck:` replaces it.",
    [DF_LABEL] = "**LABEL** `<key>=<value> ...`\n\nMetadata on the image (e.g. `org.opencontainers.image.source`).",
    [DF_ENV] = "**ENV** `<key>=<value> ...`\n\nAn environment variable for later instructions and for the running "
               "container. Values are stored in the image: never put secrets here.",
    [DF_ARG] = "**ARG** `<name>[=<default>]`\n\nA build argument (`--build-arg`). Before the first `FROM` it can be "
               "used in `FROM`; inside a stage it must be declared again. Defaults appear in the image history.",
    [DF_MAINTAINER] = "**MAINTAINER** `<name>`\n\nDeprecated: use `LABEL org.opencontainers.image.authors=...`.",
    [DF_EXPOSE] = "**EXPOSE** `<port>[/<protocol>] ...`\n\nDocuments the ports the app listens on; it publishes "
                  "nothing by itself (`-p` / compose `ports:` do).",
    [DF_ADD] = "**ADD** `[--chown] [--chmod] [--checksum] <src>... <dest>`\n\nLike `COPY`, but also fetches URLs and "
               "git repositories and unpacks local archives. Prefer `COPY` unless you need that.",
    [DF_COPY] = "**COPY** `[--from=<stage|image>] [--chown] [--chmod] [--link] [--parents] [--exclude] <src>... <dest>`\n\n"
                "Copies files from the build context (or another stage) into the image. Keep secrets out of "
                "the context or use `.dockerignore`.",
    [DF_VOLUME] = "**VOLUME** `<path> ...`\n\nDeclares a mount point; changes to it after this line are discarded "
                  "during the build.",
    [DF_USER] = "**USER** `<user>[:<group>]`\n\nThe user for later instructions and the running container. The final "
                "stage should not run as root.",
    [DF_WORKDIR] = "**WORKDIR** `<path>`\n\nSets (and creates) the working directory for later instructions.",
    [DF_STOPSIGNAL] = "**STOPSIGNAL** `<signal>`\n\nThe signal `docker stop` sends (default SIGTERM).",
    [DF_ONBUILD] = "**ONBUILD** `<instruction>`\n\nAn instruction that runs when another image is built `FROM` this "
                   "one.",
};

/* The reference of the instruction whose keyword is at `offset`. */
static bool hover_instruction(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start,
                              size_t *end) {
  const DockerfileModel *m = ws_kind(ws, id) == DOC_KIND_DOCKERFILE ? ws_dockerfile(ws, id) : NULL;
  for (size_t i = 0; m && i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (offset < in->keyword_start || offset > in->keyword_end || in->kind == DF_OTHER) continue;
    strbuf_append(md, instruction_docs[in->kind]);
    *start = in->keyword_start;
    *end = in->keyword_end;
    return true;
  }
  return false;
}

typedef bool (*HoverPart)(Workspace *ws, FileId id, size_t offset, StrBuf *md, size_t *start, size_t *end);

bool analysis_hover(Workspace *ws, FileId id, const DiagList *diags, size_t offset, Hover *hover) {
  StrBuf md = STRBUF_INIT;
  bool found = false;
  /* The page of every diagnostic covering the position comes first: a
   * problem matters more than a reference.  Editors show the messages
   * right above the hover, so each page adds what its message does not
   * say (the rule's title, why it matters, the fix). */
  for (size_t i = 0; i < diags->len; i++) {
    const Diag *d = &diags->items[i];
    if (d->file != id || offset < d->start || offset > d->end) continue;
    if (md.len) strbuf_append(&md, "\n\n---\n\n");
    const char *doc = rule_doc(d->rule);
    if (doc) strbuf_append(&md, doc);
    else strbuf_appendf(&md, "**%s**: %s", rule_info(d->rule)->id, rule_info(d->rule)->summary);
    if (!found) {
      hover->start = d->start;
      hover->end = d->end;
      found = true;
    }
  }
  /* Then what is under the cursor (at most one of these applies). */
  static const HoverPart parts[] = {hover_instruction, hover__flag, hover__image, hover__symbol,
                                    hover__compose_path, hover__compose_key};
  StrBuf part = STRBUF_INIT;
  size_t start = 0, end = 0;
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    if (!parts[i](ws, id, offset, &part, &start, &end)) continue;
    if (md.len) strbuf_append(&md, "\n\n---\n\n");
    strbuf_append(&md, strbuf_cstr(&part));
    if (!found) {
      hover->start = start;
      hover->end = end;
      found = true;
    }
    break;
  }
  strbuf_destroy(&part);
  if (!found) {
    strbuf_destroy(&md);
    return false;
  }
  hover->markdown = strbuf_take(&md);
  return true;
}
