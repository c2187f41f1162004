/* Facts about official images (from their published Dockerfiles), carried
 * as our own data: which tools, shell, users and directories an image has before
 * the user's RUN lines.  Unknown means silent: an image, tag or fact the
 * table does not know yields IMG_UNKNOWN, and rules that need it say
 * nothing. */
#ifndef DOCKLS_MODEL_IMAGES_H_
#define DOCKLS_MODEL_IMAGES_H_

#include <stdbool.h>

typedef enum { IMG_UNKNOWN = 0, IMG_NO, IMG_YES } ImgFact;

typedef enum {
  IMG_OS_UNKNOWN = 0,
  IMG_OS_ALPINE,
  IMG_OS_DEBIAN,
  IMG_OS_UBUNTU,
  IMG_OS_UBI,
  IMG_OS_ORACLE,
  IMG_OS_DISTROLESS, /* distroless, chiseled: no shell, no package manager */
  IMG_OS_NONE        /* scratch, busybox */
} ImgOs;

typedef enum { IMG_PKG_UNKNOWN = 0, IMG_PKG_NONE, IMG_PKG_APK, IMG_PKG_APT, IMG_PKG_MICRODNF } ImgPkg;

typedef struct {
  const char *row;          /* the row id of images.md ("R1"), for messages and tests */
  const char *family;       /* "php", "node", "nginx", ... */
  ImgOs os;
  ImgPkg pkg;
  ImgFact curl;
  ImgFact wget;             /* any wget (GNU or BusyBox) */
  ImgFact wget_busybox;     /* the wget is BusyBox's applet */
  ImgFact shell;            /* /bin/sh exists */
  const char *default_user; /* the user the image runs as ("root", "haproxy", "1654"); NULL unknown */
  const char *ready_user;   /* a non-root user that exists ("node", "www-data"); NULL none or unknown */
  ImgFact phpize_kept;      /* php family: PHPIZE_DEPS kept (YES, Debian) or removed (NO, Alpine) */
  ImgFact linux_headers;    /* kernel headers present (xdebug builds) */
  ImgFact pecl;             /* `pecl` present (php up to 8.5) */
  const char *const *dirs;  /* directories the image creates, NULL-terminated; may be NULL */
} ImageFacts;

/* Looks an image reference up (as written after FROM, with ARGs already
 * resolved where possible: "php:8.3-fpm-alpine", "docker.io/library/node",
 * "mcr.microsoft.com/dotnet/aspnet:8.0").  Returns false when the image is
 * unknown (unknown family or namespace, Windows tag, digest-only reference,
 * an unresolved variable that decides the row, a row marked unknown); then
 * *out is untouched.  `platform` is the FROM --platform value or NULL. */
bool images_lookup(const char *reference, const char *platform, ImageFacts *out);

/* The repositories of the table, for completion: the i-th, or NULL past
 * the last.  `*tags` receives the tag words the row knows ("latest",
 * "alpine" …, NULL-terminated; a word ending in '#' stands for a number). */
const char *images_repository(size_t i, const char *const **tags);

/* How to create a non-root user on this OS, for the user-root fix:
 * "addgroup -S app && adduser -S app -G app" on Alpine, the groupadd /
 * useradd form on Debian, Ubuntu and Oracle Linux; NULL where nothing can
 * run (distroless, scratch) or a package is needed first (UBI). */
const char *images_user_recipe(ImgOs os);

#endif
