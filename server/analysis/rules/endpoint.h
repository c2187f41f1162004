/* This header is private to the analysis layer: healthcheck-endpoint's
 * decision, shared by the Dockerfile and compose sides. */
#ifndef DOCKLS_ANALYSIS_RULES_ENDPOINT_H_
#define DOCKLS_ANALYSIS_RULES_ENDPOINT_H_

#include "dockls/model/dockerfile.h"
#include "dockls/model/shell.h"
#include "internal.h"

/* The path of the first http(s) URL in text[0, len): *start and *end are the
 * path's offsets in the text (the path runs to a quote, blank, '?', '#'
 * or the end).  False when there is no URL with a path. */
bool endpoint_find_path(const char *text, size_t len, size_t *start, size_t *end);

typedef struct {
  char *message;     /* owned; NULL when the path is served or nothing is known */
  char *replacement; /* owned; the path to probe instead, or NULL (no fix) */
} EndpointVerdict;

/* Decides whether `path` is served by the app of a build context:
 *  - a Laravel app whose bootstrap/app.php declares `health: '/up'`
 *    serves that path only;
 *  - a Vite dev server (the command runs `vite`, or an npm/yarn/pnpm
 *    script that runs it) serves no health route, but does serve `/`;
 *  - an Express/Fastify/Koa/NestJS/Flask/FastAPI app serves the paths its
 *    sources name (a bounded scan of the context).
 * `commands` are the scripts that start the app (CMD/ENTRYPOINT or the
 * compose `command`).  Unknown apps give no verdict. */
void endpoint_judge(const RuleCtx *ctx, const char *context_dir, const char *path,
                    const ShellScript *const *commands, size_t ncommands, EndpointVerdict *out);

void endpoint_verdict_free(EndpointVerdict *v);

/* The folder of the app an image runs, in its build context: the
 * context itself when it holds an app manifest (package.json,
 * requirements.txt, pyproject.toml, Pipfile, bootstrap/app.php); else,
 * in a monorepo built with `context: ..`, the folder a COPY/ADD of the
 * stage chain takes a manifest from (`COPY backend/package.json ./`) or
 * copies whole when it holds one (`COPY backend/ .`).  The context when
 * nothing says otherwise.  Caller owns. */
char *endpoint_app_dir(const RuleCtx *ctx, const DockerfileModel *m, const DfStage *stage, const char *context_dir);

#endif
