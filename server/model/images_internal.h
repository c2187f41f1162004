/* This header is private to images*.c: the row table, the parsed image
 * reference and the parsed tag that the family handlers read. */
#ifndef DOCKLS_MODEL_IMAGES_INTERNAL_H_
#define DOCKLS_MODEL_IMAGES_INTERNAL_H_

#include <stddef.h>

#include "dockls/model/images.h"

/* The longest reference we read; anything longer is unknown rather than
 * cut, because a cut tag could name another variant. */
#define IMG_REF_MAX 256
#define IMG_TOK_MAX 16

/* The row of images.md §2 with that id ("R24"), or NULL.  The record is
 * the row as written; version limits and per-tag adjustments are applied
 * by the caller on a copy. */
const ImageFacts *images_row(const char *id);

/* The php image's directories, and those of its -apache variant, which
 * the php and wordpress rows choose between by variant word. */
extern const char *const images_php_dirs[];
extern const char *const images_php_apache_dirs[];

/* The OS a tag names (§4.2), in the order the tokens are checked. */
typedef enum {
  TAG_OS_NONE = 0, /* no OS token: the family default */
  TAG_OS_ALPINE,
  TAG_OS_UBI,
  TAG_OS_ORACLE,
  TAG_OS_DISTROLESS,
  TAG_OS_OTHER, /* azurelinux, cbl-mariner, centos, amazonlinux: unknown */
  TAG_OS_DEBIAN,
  TAG_OS_UBUNTU
} TagOs;

/* Whether the tag names a version: none (an alias such as `latest`, or
 * no version part at all: the current image), a literal one, or an
 * unresolved variable in the version position. */
typedef enum { TAG_VER_NONE = 0, TAG_VER_KNOWN, TAG_VER_VAR } TagVer;

typedef struct {
  char text[IMG_REF_MAX]; /* the tag, lower-cased, split in place */
  const char *tok[IMG_TOK_MAX];
  bool tok_var[IMG_TOK_MAX]; /* the token had a variable after its literal prefix */
  size_t n;
  TagOs os;
  bool slim;             /* a `slim` token (Debian slim, or nginx alpine-slim) */
  const char *suite;     /* the Debian or Ubuntu codename token, if any */
  TagVer ver;
  int major, minor, patch; /* -1 where the version does not say */
} ImgTag;

typedef struct {
  char repo[IMG_REF_MAX]; /* normalised: "php", "nginxinc/nginx-unprivileged",
                             "mcr.microsoft.com/dotnet/aspnet", ... */
  ImgTag tag;
} ImgRef;

/* Normalises `reference` (§4.1) into *out.  False when it is unknown
 * whatever the family: a digest without a tag, a variable in the
 * repository, a Windows tag, a variable deciding the whole tag, a
 * reference too long to read. */
bool images_parse_ref(const char *reference, ImgRef *out);

/* Splits a version text ("1.27.4", "8u482", "21.0.5_11") into numbers;
 * -1 for parts not given. */
void images_parse_version(const char *text, int *major, int *minor, int *patch);

/* Whether a token equals a word of `words` (NULL-terminated).  A word
 * ending in '#' matches its prefix followed by digits and dots only
 * ("php#" matches "php8.4"), or followed by a variable. */
bool images_word_in(const char *tok, const char *const *words);

/* Whether every token is a version piece, an OS token, or one of the
 * family's words; a family accepts nothing else, so an unexpected
 * variant stays unknown rather than falling to the default row. */
bool images_tag_only(const ImgTag *t, const char *const *words);

/* Whether the tag has the token `word`. */
bool images_tag_has(const ImgTag *t, const char *word);

/* Whether the Ubuntu codename or version names a release that ships the
 * `ubuntu` user (23.04 lunar and later). */
bool images_ubuntu_has_user(const char *suite);

#endif
