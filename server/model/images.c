/* images_lookup (images.md §2.1): normalise the reference, pick the
 * family by repository, let the family read the OS token and variant
 * words of the tag into a row, then apply the version limits written in
 * the row's cells.  Every path that is not sure answers "unknown", which
 * keeps the rules that read these facts silent. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "images_internal.h"

/* Copies the row `id` into *out. */
static bool images_use(const char *id, ImageFacts *out) {
  const ImageFacts *row = images_row(id);
  if (!row) return false;
  *out = *row;
  return true;
}

/* A Debian tag without `slim`, or no OS token: the families whose
 * Debian images are only the full ones accept these. */
static bool images_debian_full(const ImgTag *t) {
  return (t->os == TAG_OS_DEBIAN && !t->slim) || t->os == TAG_OS_NONE;
}

/* --- php, wordpress, composer --- */

/* `pecl` ships up to PHP 8.5 and is gone from 8.6 on.  A tag without a
 * version is the current release (8.5 in the snapshot); a bare major 8
 * is the newest 8.x, also 8.5. */
static ImgFact images_php_pecl(TagVer ver, int major, int minor) {
  if (ver == TAG_VER_VAR) return IMG_UNKNOWN;
  if (ver == TAG_VER_NONE) return IMG_YES;
  if (major > 8 || (major == 8 && minor >= 6)) return IMG_NO;
  return IMG_YES;
}

static bool images_php(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) {
    /* There is no Alpine -apache variant. */
    if (images_tag_has(t, "apache")) return false;
    images_use("R1", out);
  } else if (images_debian_full(t)) {
    images_use("R2", out);
    if (images_tag_has(t, "apache")) out->dirs = images_php_apache_dirs;
  } else {
    return false;
  }
  out->pecl = images_php_pecl(t->ver, t->major, t->minor);
  return true;
}

/* wordpress names its PHP as a `php8.4` token; without one the image is
 * on the current PHP. */
static ImgFact images_wordpress_pecl(const ImgTag *t) {
  for (size_t i = 0; i < t->n; i++) {
    if (strncmp(t->tok[i], "php", 3) != 0) continue;
    if (t->tok_var[i]) return IMG_UNKNOWN;
    int major = -1, minor = -1, patch = -1;
    images_parse_version(t->tok[i] + 3, &major, &minor, &patch);
    return images_php_pecl(TAG_VER_KNOWN, major, minor);
  }
  return IMG_YES;
}

static bool images_wordpress(const ImgTag *t, ImageFacts *out) {
  bool fpm = images_tag_has(t, "fpm");
  if (images_tag_has(t, "cli")) {
    if (t->os != TAG_OS_ALPINE && t->os != TAG_OS_NONE) return false;
    images_use("R48", out);
  } else if (t->os == TAG_OS_ALPINE) {
    if (!fpm) return false;
    images_use("R47", out);
  } else if (images_debian_full(t)) {
    images_use("R46", out);
    if (fpm) out->dirs = images_php_dirs;
  } else {
    return false;
  }
  out->pecl = images_wordpress_pecl(t);
  return true;
}

static bool images_composer(const ImgTag *t, ImageFacts *out) {
  return t->os == TAG_OS_NONE && images_use("R49", out);
}

/* --- Language runtimes --- */

static bool images_node(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) return images_use("R3", out);
  if (t->os == TAG_OS_NONE || (t->os == TAG_OS_DEBIAN && !t->slim)) return images_use("R5", out);
  if (t->os != TAG_OS_DEBIAN) return false;
  images_use("R4", out);
  /* Slim images built before January 2020 kept curl and wget; every
   * major up to 13 had such builds, so a tag naming one is not sure. */
  if (t->ver == TAG_VER_VAR || (t->ver == TAG_VER_KNOWN && t->major <= 13)) {
    out->curl = IMG_UNKNOWN;
    out->wget = IMG_UNKNOWN;
    out->wget_busybox = IMG_UNKNOWN;
  }
  return true;
}

/* python, ruby and rust share one shape: Alpine, slim Debian, full
 * Debian. */
static bool images_three(const ImgTag *t, ImageFacts *out, const char *alpine, const char *slim,
                         const char *full) {
  if (t->os == TAG_OS_ALPINE) return images_use(alpine, out);
  if (t->os == TAG_OS_DEBIAN && t->slim) return images_use(slim, out);
  if (images_debian_full(t)) return images_use(full, out);
  return false;
}

static bool images_python(const ImgTag *t, ImageFacts *out) { return images_three(t, out, "R6", "R7", "R8"); }
static bool images_ruby(const ImgTag *t, ImageFacts *out) { return images_three(t, out, "R11", "R12", "R13"); }
static bool images_rust(const ImgTag *t, ImageFacts *out) { return images_three(t, out, "R14", "R15", "R16"); }

static bool images_golang(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) return images_use("R9", out);
  if (images_debian_full(t)) return images_use("R10", out);
  return false;
}

/* eclipse-temurin on Ubuntu: the Java major decides curl and wget (curl
 * below 22, wget below 25), so a variable major leaves the row open. */
static bool images_temurin(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) return images_use("R17", out);
  if (t->os == TAG_OS_UBI) return images_use("R20", out);
  if (t->os != TAG_OS_UBUNTU && t->os != TAG_OS_NONE) return false;
  if (t->ver == TAG_VER_VAR) return false;
  if (t->ver == TAG_VER_KNOWN && t->major < 22) {
    images_use("R18", out);
  } else {
    images_use("R19", out);
    if (t->ver == TAG_VER_KNOWN && t->major <= 24) {
      out->wget = IMG_YES;
      out->wget_busybox = IMG_NO;
    }
  }
  /* Without a suite the image is on the default base, Ubuntu resolute. */
  out->ready_user = (!t->suite || images_ubuntu_has_user(t->suite)) ? "ubuntu" : NULL;
  return true;
}

static bool images_openjdk(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ORACLE) return images_use("R23", out);
  if (t->os == TAG_OS_DEBIAN) return images_use(t->slim ? "R22" : "R21", out);
  if (t->os != TAG_OS_NONE) return false;
  /* Bare tags are Oracle Linux for the early-access majors and the GA
   * majors from 17 on; the older bare 8 and 11 tags were Debian. */
  if (images_tag_has(t, "ea") || t->ver == TAG_VER_NONE || (t->ver == TAG_VER_KNOWN && t->major >= 17))
    return images_use("R23", out);
  return false;
}

/* --- Web servers --- */

/* nginx has shipped curl since 1.17.10 (mainline) and 1.18.0 (stable).
 * `1.17` alone could be any 1.17.x build, so it is not sure. */
static ImgFact images_nginx_curl(const ImgTag *t, ImgFact current) {
  if (t->ver == TAG_VER_VAR) return IMG_UNKNOWN;
  if (t->ver == TAG_VER_NONE || t->major > 1 || t->minor < 0) return current;
  if (t->major < 1 || t->minor < 17) return IMG_NO;
  if (t->minor > 17) return current;
  if (t->patch < 0) return IMG_UNKNOWN;
  return t->patch >= 10 ? current : IMG_NO;
}

static bool images_nginx(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) {
    images_use(t->slim ? "R26" : "R25", out);
  } else if (images_debian_full(t)) {
    images_use("R24", out);
  } else {
    return false;
  }
  out->curl = images_nginx_curl(t, out->curl);
  return true;
}

/* R27 is the matching nginx row run as uid 101 with its paths under
 * /tmp. */
static bool images_nginx_unprivileged(const ImgTag *t, ImageFacts *out) {
  ImageFacts base;
  if (!images_nginx(t, &base)) return false;
  const ImageFacts *r27 = images_row("R27");
  *out = base;
  out->row = r27->row;
  out->family = r27->family;
  out->default_user = r27->default_user;
  out->ready_user = r27->ready_user;
  out->dirs = r27->dirs;
  return true;
}

static bool images_httpd(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) return images_use("R29", out);
  if (images_debian_full(t)) return images_use("R28", out);
  return false;
}

/* haproxy runs as `haproxy` from 2.4 on and as root up to 2.3; the user
 * itself was added in November 2020, after the 1.x lines had ended. */
static bool images_haproxy(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) images_use("R31", out);
  else if (images_debian_full(t)) images_use("R30", out);
  else return false;
  if (t->ver == TAG_VER_VAR) {
    out->default_user = NULL;
  } else if (t->ver == TAG_VER_KNOWN && t->major < 2) {
    out->default_user = "root";
    out->ready_user = NULL;
  } else if (t->ver == TAG_VER_KNOWN && t->major == 2 && t->minor >= 0 && t->minor <= 3) {
    out->default_user = "root";
  }
  return true;
}

/* --- Databases and services --- */

/* redis 8 and later land on R34 (unknown); `latest` and a bare variant
 * are redis 8 now. */
static bool images_redis(const ImgTag *t, ImageFacts *out) {
  if (t->ver != TAG_VER_KNOWN || t->major >= 8) return images_use("R34", out);
  if (t->os == TAG_OS_ALPINE) return images_use("R33", out);
  if (images_debian_full(t)) return images_use("R32", out);
  return false;
}

static bool images_postgres(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) return images_use("R36", out);
  if (images_debian_full(t)) return images_use("R35", out);
  return false;
}

/* Bare mysql tags are Oracle Linux since June 2022.  The 5.7 and 8.0
 * releases built only before then (up to 5.7.37 and 8.0.28) are Debian,
 * so are the older 5.x lines; 5.7.38 and 8.0.29 straddle the switch. */
static const char *images_mysql_bare(const ImgTag *t) {
  if (t->ver == TAG_VER_VAR) return NULL;
  if (t->ver == TAG_VER_NONE) return "R37";
  if (t->major < 5 || (t->major == 5 && t->minor >= 0 && t->minor < 7)) return "R38";
  if (t->patch < 0) return "R37";
  if (t->major == 5 && t->minor == 7) return t->patch <= 37 ? "R38" : t->patch == 38 ? NULL : "R37";
  if (t->major == 8 && t->minor == 0) return t->patch <= 28 ? "R38" : t->patch == 29 ? NULL : "R37";
  return "R37";
}

static bool images_mysql(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ORACLE) return images_use("R37", out);
  if (t->os == TAG_OS_DEBIAN && !t->slim) return images_use("R38", out);
  if (t->os != TAG_OS_NONE) return false;
  const char *row = images_mysql_bare(t);
  return row && images_use(row, out);
}

static bool images_mariadb(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_UBI) return images_use("R40", out);
  if (t->os == TAG_OS_UBUNTU || t->os == TAG_OS_NONE) return images_use("R39", out);
  return false;
}

static bool images_mongo(const ImgTag *t, ImageFacts *out) {
  return (t->os == TAG_OS_UBUNTU || t->os == TAG_OS_NONE) && images_use("R41", out);
}

static bool images_rabbitmq(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) return images_use("R43", out);
  if (t->os == TAG_OS_UBUNTU || t->os == TAG_OS_NONE) return images_use("R42", out);
  return false;
}

static bool images_memcached(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_ALPINE) return images_use("R45", out);
  if (images_debian_full(t)) return images_use("R44", out);
  return false;
}

/* --- .NET --- */

/* Which OS a dotnet tag without an OS token is on: 8.0 and 9.0 (and the
 * older releases) on Debian bookworm-slim, 10.0 and latest on Ubuntu
 * noble; a later major is not known yet. */
static TagOs images_dotnet_default(const ImgTag *t) {
  if (t->ver == TAG_VER_NONE) return TAG_OS_UBUNTU;
  if (t->ver == TAG_VER_VAR || t->major > 10) return TAG_OS_NONE;
  return t->major == 10 ? TAG_OS_UBUNTU : TAG_OS_DEBIAN;
}

static bool images_dotnet(const char *repo, const ImgTag *t, ImageFacts *out) {
  bool sdk = strcmp(repo, "sdk") == 0;
  if (!sdk && strcmp(repo, "runtime-deps") != 0 && strcmp(repo, "runtime") != 0 &&
      strcmp(repo, "aspnet") != 0)
    return false;
  TagOs os = t->os == TAG_OS_NONE ? images_dotnet_default(t) : t->os;
  if (os == TAG_OS_DISTROLESS) {
    if (sdk) return false;
    images_use("R52", out);
  } else if (os == TAG_OS_ALPINE) {
    images_use(sdk ? "R53" : "R51", out);
    out->os = IMG_OS_ALPINE;
    out->pkg = IMG_PKG_APK;
    if (sdk) out->wget_busybox = IMG_YES;
  } else if (os == TAG_OS_DEBIAN || os == TAG_OS_UBUNTU) {
    images_use(sdk ? "R53" : "R50", out);
    out->os = os == TAG_OS_UBUNTU ? IMG_OS_UBUNTU : IMG_OS_DEBIAN;
  } else {
    return false;
  }
  /* The `app` user (APP_UID 1654) came with .NET 8. */
  if (t->ver == TAG_VER_KNOWN && t->major < 8) {
    out->ready_user = NULL;
    if (os == TAG_OS_DISTROLESS) out->default_user = NULL;
  } else if (t->ver == TAG_VER_VAR) {
    out->ready_user = NULL;
  }
  return true;
}

/* --- Base images --- */

static bool images_alpine(const ImgTag *t, ImageFacts *out) {
  return t->os == TAG_OS_NONE && images_use("R54", out);
}

static bool images_debian(const ImgTag *t, ImageFacts *out) {
  return (t->os == TAG_OS_DEBIAN || t->os == TAG_OS_NONE) && images_use("R55", out);
}

/* The `ubuntu` user exists from 23.04 on; `latest`, `rolling` and
 * `devel` are all newer. */
static bool images_ubuntu(const ImgTag *t, ImageFacts *out) {
  if (t->os != TAG_OS_UBUNTU && t->os != TAG_OS_NONE) return false;
  images_use("R56", out);
  bool user = false;
  if (t->suite) user = images_ubuntu_has_user(t->suite);
  else if (t->ver == TAG_VER_NONE) user = true;
  else if (t->ver == TAG_VER_KNOWN) user = t->major > 23 || (t->major == 23 && t->minor >= 4);
  out->ready_user = user ? "ubuntu" : NULL;
  return true;
}

static bool images_buildpack_deps(const ImgTag *t, ImageFacts *out) {
  if (t->os == TAG_OS_UBUNTU) {
    images_use("R57", out);
    out->os = IMG_OS_UBUNTU;
    out->ready_user = images_ubuntu_has_user(t->suite) ? "ubuntu" : NULL;
    return true;
  }
  /* The Ubuntu suites are also tagged by number (`22.04-curl`); Debian
   * ones only by codename. */
  if (t->os == TAG_OS_NONE && t->ver == TAG_VER_KNOWN) {
    if (t->major < 12 || (t->minor != 4 && t->minor != 10)) return false;
    images_use("R57", out);
    out->os = IMG_OS_UBUNTU;
    out->ready_user = t->major > 23 || (t->major == 23 && t->minor >= 4) ? "ubuntu" : NULL;
    return true;
  }
  if (t->ver == TAG_VER_VAR) return false;
  return images_debian_full(t) && images_use("R57", out);
}

static bool images_busybox(const ImgTag *t, ImageFacts *out) {
  return t->os == TAG_OS_NONE && images_use("R58", out);
}

static bool images_scratch(const ImgTag *t, ImageFacts *out) {
  return t->n == 1 && strcmp(t->tok[0], "latest") == 0 && images_use("R62", out);
}

static bool images_ubi(const ImgTag *t, ImageFacts *out) {
  return t->os == TAG_OS_NONE && images_use("R63", out);
}

/* oraclelinux: only the -slim images (microdnf) have a row. */
static bool images_oraclelinux(const ImgTag *t, ImageFacts *out) {
  return t->os == TAG_OS_DEBIAN && t->slim && !t->suite && images_use("R64", out);
}

/* gcr.io/distroless/<name>[-debianNN]: the tag says root or nonroot and
 * whether the BusyBox debug layer is there. */
static bool images_distroless(const char *name, const ImgTag *t, ImageFacts *out) {
  static const char *const names[] = {"static", "base", "base-nossl", "cc", "java-base", "python3",
                                      "java#",  "nodejs#", NULL};
  char base[IMG_REF_MAX];
  size_t len = strlen(name);
  const char *dash = strstr(name, "-debian");
  if (dash && isdigit((unsigned char)dash[7])) len = (size_t)(dash - name);
  memcpy(base, name, len);
  base[len] = '\0';
  if (!images_word_in(base, names) || t->os != TAG_OS_NONE || t->ver != TAG_VER_NONE) return false;
  bool nonroot = images_tag_has(t, "nonroot");
  if (images_tag_has(t, "debug")) {
    images_use("R61", out);
    if (nonroot) out->default_user = "65532";
    return true;
  }
  return images_use(nonroot ? "R60" : "R59", out);
}

/* --- Families --- */

typedef bool (*ImagesPick)(const ImgTag *t, ImageFacts *out);

typedef struct {
  const char *repo;
  ImagesPick pick;
  /* One row whatever the tag says, so a tag that is a single variable
   * (`alpine:${ALPINE_VERSION}`) still decides it. */
  bool any_tag;
  const char *const words[20];
} ImagesFamily;

#define NODE_NAMES "argon", "boron", "carbon", "dubnium", "erbium", "fermium", "gallium", "hydrogen", "iron", "jod", "krypton"

static const ImagesFamily families[] = {
    {"php", images_php, false, {"latest", "cli", "fpm", "apache", "zts", "rc", NULL}},
    {"wordpress", images_wordpress, false, {"latest", "apache", "fpm", "cli", "php#", "beta", NULL}},
    {"composer", images_composer, true, {"latest", NULL}},
    {"node", images_node, false, {"latest", "lts", "current", "slim", NODE_NAMES}},
    {"python", images_python, false, {"latest", "slim", "rc", NULL}},
    {"ruby", images_ruby, false, {"latest", "slim", "rc", NULL}},
    {"rust", images_rust, false, {"latest", "slim", NULL}},
    {"golang", images_golang, false, {"latest", "rc", NULL}},
    {"eclipse-temurin", images_temurin, false, {"latest", "jdk", "jre", "b#", NULL}},
    {"openjdk", images_openjdk, false, {"latest", "ea", "jdk", "jre", "slim", NULL}},
    {"nginx", images_nginx, false, {"latest", "mainline", "stable", "perl", "otel", NULL}},
    {"nginxinc/nginx-unprivileged", images_nginx_unprivileged, false,
     {"latest", "mainline", "stable", "perl", "otel", NULL}},
    {"httpd", images_httpd, false, {"latest", NULL}},
    {"haproxy", images_haproxy, false, {"latest", "lts", NULL}},
    {"redis", images_redis, false, {"latest", NULL}},
    {"postgres", images_postgres, false, {"latest", NULL}},
    {"mysql", images_mysql, false, {"latest", "lts", "innovation", NULL}},
    {"mariadb", images_mariadb, false, {"latest", "lts", "rc", NULL}},
    {"mongo", images_mongo, false, {"latest", NULL}},
    {"rabbitmq", images_rabbitmq, false, {"latest", "management", NULL}},
    {"memcached", images_memcached, false, {"latest", NULL}},
    {"alpine", images_alpine, true, {"latest", "edge", NULL}},
    {"debian", images_debian, true,
     {"latest", "stable", "testing", "unstable", "oldstable", "oldoldstable", "experimental", "rc", "buggy", NULL}},
    {"ubuntu", images_ubuntu, true, {"latest", "rolling", "devel", NULL}},
    {"buildpack-deps", images_buildpack_deps, false, {"latest", "curl", "scm", NULL}},
    {"busybox", images_busybox, true, {"latest", "musl", "glibc", "uclibc", "stable", "unstable", NULL}},
    {"scratch", images_scratch, false, {"latest", NULL}},
    {"oraclelinux", images_oraclelinux, false, {"latest", "fips", NULL}},
};

static const char *const distroless_words[] = {"latest", "nonroot", "debug", "amd64", "arm64",
                                               "arm",    "s390x",   "ppc64le", NULL};
static const char *const dotnet_words[] = {"latest", "extra", "composite", "aot", "preview",
                                           "amd64",  "arm64v8", "arm32v7", NULL};
static const char *const ubi_words[] = {"latest", NULL};

/* UBI minimal under its Docker Hub and Red Hat names: `redhat/ubi9-minimal`,
 * `registry.access.redhat.com/ubi9-minimal` and the
 * `registry.access.redhat.com/ubi9/ubi-minimal` spelling that the row's
 * `ubi*-minimal` pattern also covers. */
static bool images_is_ubi_minimal(const char *repo) {
  static const char *const words[] = {"ubi#", NULL};
  const char *name = NULL;
  if (strncmp(repo, "redhat/", 7) == 0) name = repo + 7;
  else if (strncmp(repo, "registry.access.redhat.com/", 27) == 0) name = repo + 27;
  if (!name) return false;
  char head[IMG_REF_MAX];
  const char *end = strchr(name, '/');
  const char *suffix = end ? "/ubi-minimal" : "-minimal";
  if (!end) end = strstr(name, "-minimal");
  if (!end || strcmp(end, suffix) != 0) return false;
  memcpy(head, name, (size_t)(end - name));
  head[end - name] = '\0';
  return images_word_in(head, words) && strchr(head, '$') == NULL;
}

static bool images_whole_var(const ImgTag *t) { return t->n == 1 && t->ver == TAG_VER_VAR; }

static bool images_pick(const ImgRef *ref, ImageFacts *out) {
  const ImgTag *t = &ref->tag;
  static const char dotnet[] = "mcr.microsoft.com/dotnet/";
  static const char distroless[] = "gcr.io/distroless/";
  if (strncmp(ref->repo, dotnet, sizeof dotnet - 1) == 0) {
    if (images_whole_var(t) || !images_tag_only(t, dotnet_words)) return false;
    return images_dotnet(ref->repo + sizeof dotnet - 1, t, out);
  }
  if (strncmp(ref->repo, distroless, sizeof distroless - 1) == 0) {
    if (images_whole_var(t) || !images_tag_only(t, distroless_words)) return false;
    return images_distroless(ref->repo + sizeof distroless - 1, t, out);
  }
  if (images_is_ubi_minimal(ref->repo)) return images_tag_only(t, ubi_words) && images_ubi(t, out);
  for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
    const ImagesFamily *f = &families[i];
    if (strcmp(ref->repo, f->repo) != 0) continue;
    if (images_whole_var(t) && !f->any_tag) return false;
    return images_tag_only(t, f->words) && f->pick(t, out);
  }
  return false;
}

const char *images_repository(size_t i, const char *const **tags) {
  if (i >= sizeof families / sizeof families[0]) return NULL;
  *tags = families[i].words;
  return families[i].repo;
}

bool images_lookup(const char *reference, const char *platform, ImageFacts *out) {
  if (platform) {
    while (isspace((unsigned char)*platform)) platform++;
    if (strncasecmp(platform, "windows", 7) == 0) return false;
  }
  ImgRef ref;
  if (!images_parse_ref(reference, &ref)) return false;
  ImageFacts facts;
  memset(&facts, 0, sizeof facts);
  if (!images_pick(&ref, &facts)) return false;
  /* A row whose every cell is `?` (R34) says nothing at all. */
  if (facts.os == IMG_OS_UNKNOWN && facts.shell == IMG_UNKNOWN) return false;
  *out = facts;
  return true;
}
