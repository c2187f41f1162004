/* Hover text: the documentation of a rule whose diagnostic covers the
 * position, else the reference of the Dockerfile instruction whose
 * keyword is under the cursor.  The instruction texts are our own short
 * summaries of Docker's behaviour, with the pitfalls dockls checks. */
#include <string.h>

#include "dockls/analysis/analysis.h"
#include "dockls/base/strbuf.h"
#include "dockls/model/dockerfile.h"

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

bool analysis_hover(Workspace *ws, FileId id, const DiagList *diags, size_t offset, Hover *hover) {
  for (size_t i = 0; i < diags->len; i++) {
    const Diag *d = &diags->items[i];
    if (d->file != id || offset < d->start || offset > d->end) continue;
    /* Editors show the diagnostic's message right above the hover, so
     * the hover starts with what the message does not say: the rule's
     * page (its title, why it matters, the fix). */
    const char *doc = rule_doc(d->rule);
    StrBuf md = STRBUF_INIT;
    if (doc) strbuf_append(&md, doc);
    else strbuf_appendf(&md, "**%s**: %s", rule_info(d->rule)->id, rule_info(d->rule)->summary);
    hover->markdown = strbuf_take(&md);
    hover->start = d->start;
    hover->end = d->end;
    return true;
  }
  const DockerfileModel *m = ws_kind(ws, id) == DOC_KIND_DOCKERFILE ? ws_dockerfile(ws, id) : NULL;
  for (size_t i = 0; m && i < m->instrs.len; i++) {
    const DfInstr *in = &m->instrs.items[i];
    if (offset < in->keyword_start || offset > in->keyword_end || in->kind == DF_OTHER) continue;
    hover->markdown = xstrdup(instruction_docs[in->kind]);
    hover->start = in->keyword_start;
    hover->end = in->keyword_end;
    return true;
  }
  return false;
}
