/* The builder's Dockerfile vocabulary as data (dockerfile_spec.h). */
#include "dockls/model/dockerfile_spec.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

const char *const dockerfile_keywords[] = {"ADD",     "ARG",        "CMD",   "COPY",  "ENTRYPOINT",  "ENV",
                                           "EXPOSE",  "FROM",       "HEALTHCHECK", "LABEL", "MAINTAINER",
                                           "ONBUILD", "RUN",        "SHELL", "STOPSIGNAL", "USER", "VOLUME",
                                           "WORKDIR", NULL};

static const char *const network_values[] = {"default", "none", "host", NULL};
static const char *const security_values[] = {"sandbox", "insecure", NULL};

static const DfFlagSpec flag_specs[] = {
    {DF_FROM, "platform", DF_VALUE_STRING, false, NULL, "=${1:linux/amd64}",
     "The platform of the base image (`linux/amd64`, `$BUILDPLATFORM`)."},
    {DF_COPY, "from", DF_VALUE_STRING, false, NULL, "=${1:stage}",
     "Copy from an earlier stage (by name or number) or an image instead of the context."},
    {DF_COPY, "chown", DF_VALUE_STRING, false, NULL, "=${1:app}",
     "Owner of the copied files (`user:group`); without it they belong to root."},
    {DF_COPY, "chmod", DF_VALUE_STRING, false, NULL, "=${1:644}", "Mode of the copied files (`0755`)."},
    {DF_COPY, "link", DF_VALUE_BOOL, false, NULL, NULL,
     "Copy into an independent layer, so a change of the base does not invalidate it."},
    {DF_COPY, "parents", DF_VALUE_BOOL, false, NULL, NULL, "Keep the parent directories of the sources."},
    {DF_COPY, "exclude", DF_VALUE_STRING, true, NULL, "=${1:pattern}", "A pattern of sources to leave out."},
    {DF_ADD, "chown", DF_VALUE_STRING, false, NULL, "=${1:app}", "Owner of the added files (`user:group`)."},
    {DF_ADD, "chmod", DF_VALUE_STRING, false, NULL, "=${1:644}", "Mode of the added files."},
    {DF_ADD, "link", DF_VALUE_BOOL, false, NULL, NULL, "Add into an independent layer."},
    {DF_ADD, "keep-git-dir", DF_VALUE_BOOL, false, NULL, NULL, "Keep the `.git` directory of a git source."},
    {DF_ADD, "checksum", DF_VALUE_STRING, false, NULL, "=${1:sha256:}",
     "The expected checksum of a remote source (`sha256:…`)."},
    {DF_ADD, "unpack", DF_VALUE_BOOL, false, NULL, NULL,
     "Whether a remote archive is unpacked (local archives always are)."},
    {DF_ADD, "exclude", DF_VALUE_STRING, true, NULL, "=${1:pattern}", "A pattern of sources to leave out."},
    {DF_RUN, "mount", DF_VALUE_MOUNT, true, NULL, "=type=${1:cache},target=${2:/root/.cache}",
     "A mount for this command only: `type=cache|secret|bind|ssh|tmpfs`, with `target=`, `from=`, `id=`, "
     "`source=`, `sharing=`, `required=`. Caches and secrets never enter the layer."},
    {DF_RUN, "network", DF_VALUE_CHOICE, false, network_values, "=${1:none}",
     "The network of this command: `default`, `none` or `host`."},
    {DF_RUN, "security", DF_VALUE_CHOICE, false, security_values, "=${1:sandbox}",
     "`insecure` runs the command with elevated privileges (needs an entitlement)."},
    {DF_RUN, "device", DF_VALUE_STRING, true, NULL, "=${1:name}",
     "A CDI device made available to this command (needs an entitlement)."},
    {DF_HEALTHCHECK, "interval", DF_VALUE_DURATION, false, NULL, "=${1:30s}", "Time between checks (default 30s)."},
    {DF_HEALTHCHECK, "timeout", DF_VALUE_DURATION, false, NULL, "=${1:5s}",
     "Time after which a check counts as failed (default 30s)."},
    {DF_HEALTHCHECK, "start-period", DF_VALUE_DURATION, false, NULL, "=${1:10s}",
     "Grace period after start in which failures do not count (default 0s)."},
    {DF_HEALTHCHECK, "start-interval", DF_VALUE_DURATION, false, NULL, "=${1:2s}",
     "Time between checks during the start period (default 5s)."},
    {DF_HEALTHCHECK, "retries", DF_VALUE_INT, false, NULL, "=${1:3}",
     "Consecutive failures before the container is unhealthy (default 3)."},
};

const DfFlagSpec *dockerfile_flag_specs(size_t *count) {
  *count = sizeof flag_specs / sizeof *flag_specs;
  return flag_specs;
}

const DfFlagSpec *dockerfile_flag_spec(DfKind kind, const char *name) {
  for (size_t i = 0; i < sizeof flag_specs / sizeof *flag_specs; i++)
    if (flag_specs[i].kind == kind && strcmp(flag_specs[i].name, name) == 0) return &flag_specs[i];
  return NULL;
}

const char *const dockerfile_mount_types[] = {"bind", "cache", "tmpfs", "secret", "ssh", NULL};
const char *const dockerfile_mount_keys[] = {"type", "target", "source", "from",     "id",  "sharing",
                                             "mode", "uid",    "gid",    "required", "env", "readonly", NULL};

bool dockerfile_mount_key_known(const char *key, size_t len) {
  static const char *const aliases[] = {"src", "dst", "destination", "ro", "rw", "readwrite", "size", NULL};
  for (const char *const *list = dockerfile_mount_keys; list; list = list == dockerfile_mount_keys ? aliases : NULL)
    for (size_t i = 0; list[i]; i++)
      if (strlen(list[i]) == len && strncasecmp(list[i], key, len) == 0) return true;
  return false;
}

const char *const dockerfile_predefined_args[] = {"TARGETPLATFORM", "TARGETOS",  "TARGETARCH",
                                                  "TARGETVARIANT",  "BUILDPLATFORM", "BUILDOS",
                                                  "BUILDARCH",      "BUILDVARIANT", NULL};

const char *const dockerfile_proxy_args[] = {"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY",
                                             "ALL_PROXY", NULL};

const char *const dockerfile_signals[] = {"HUP",  "INT",  "QUIT", "ILL",  "TRAP",   "ABRT", "IOT",    "BUS",
                                          "FPE",  "KILL", "USR1", "SEGV", "USR2",   "PIPE", "ALRM",   "TERM",
                                          "STKFLT", "CHLD", "CLD", "CONT", "STOP",  "TSTP", "TTIN",   "TTOU",
                                          "URG",  "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO",    "POLL",
                                          "PWR",  "SYS",  "RTMIN", "RTMAX", NULL};

static bool all_digits(const char *s, size_t len) {
  if (len == 0) return false;
  for (size_t i = 0; i < len; i++)
    if (!isdigit((unsigned char)s[i])) return false;
  return true;
}

bool dockerfile_signal_valid(const char *text, size_t len) {
  if (all_digits(text, len)) {
    for (size_t i = 0; i < len; i++)
      if (text[i] != '0') return true;
    return false; /* signal 0 only probes; the builder refuses it */
  }
  if (len >= 3 && strncasecmp(text, "SIG", 3) == 0) text += 3, len -= 3;
  /* RTMIN+n and RTMAX-n name the real-time signals. */
  for (size_t i = 0; i < len; i++)
    if (text[i] == '+' || text[i] == '-') {
      bool rt = (i == 5 && strncasecmp(text, "RTMIN", 5) == 0 && text[i] == '+') ||
                (i == 5 && strncasecmp(text, "RTMAX", 5) == 0 && text[i] == '-');
      return rt && all_digits(text + i + 1, len - i - 1);
    }
  for (size_t i = 0; dockerfile_signals[i]; i++)
    if (strlen(dockerfile_signals[i]) == len && strncasecmp(dockerfile_signals[i], text, len) == 0) return true;
  return false;
}

bool dockerfile_custom_frontend(const DockerfileModel *self) {
  for (size_t i = 0; i < self->directives.len; i++) {
    const DfDirective *d = &self->directives.items[i];
    if (strcasecmp(d->name.text, "syntax") != 0) continue;
    const char *v = d->value.text;
    if (strncmp(v, "docker.io/", 10) == 0) v += 10;
    /* Docker's own frontends, with an optional tag or digest. */
    static const char *const own[] = {"docker/dockerfile-upstream", "docker/dockerfile", NULL};
    for (size_t k = 0; own[k]; k++) {
      size_t n = strlen(own[k]);
      if (strncmp(v, own[k], n) == 0 && (v[n] == '\0' || v[n] == ':' || v[n] == '@')) return false;
    }
    return true;
  }
  return false;
}
