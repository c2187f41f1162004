/* The rows of images.md §2, one record per row, as our own data.  Each
 * record holds the facts of the image as the row describes it today; the
 * version limits written inside a cell (nginx curl, haproxy USER, node
 * slim tools, php pecl, temurin by Java major, the Ubuntu user) depend on
 * the tag and are applied in images.c on a copy. */
#include <string.h>

#include "images_internal.h"

#define Y IMG_YES
#define N IMG_NO
#define U IMG_UNKNOWN

/* Directories the rows' notes say the image creates.  Where the base OS
 * links /var/run to /run, both spellings are listed so that a rule can
 * compare paths as written. */
const char *const images_php_dirs[] = {"/var/www/html", "/usr/local/etc/php", "/usr/local/etc/php/conf.d",
                                       NULL};
const char *const images_php_apache_dirs[] = {"/var/www/html",     "/usr/local/etc/php",
                                              "/usr/local/etc/php/conf.d", "/var/run/apache2",
                                              "/var/lock/apache2", "/var/log/apache2",
                                              "/run/apache2",      NULL};
static const char *const node_dirs[] = {"/home/node", NULL};
static const char *const golang_dirs[] = {"/go", "/go/src", "/go/bin", NULL};
static const char *const ruby_dirs[] = {"/usr/local/bundle", NULL};
/* R54: /run/nginx is deliberately absent; the image writes its pid to
 * /var/run/nginx.pid. */
static const char *const nginx_dirs[] = {"/var/log/nginx", "/var/cache/nginx", "/etc/nginx",
                                         "/etc/nginx/conf.d", "/docker-entrypoint.d", NULL};
static const char *const nginx_unprivileged_dirs[] = {"/var/log/nginx",    "/var/cache/nginx",
                                                      "/etc/nginx",        "/etc/nginx/conf.d",
                                                      "/docker-entrypoint.d", "/tmp", NULL};
static const char *const httpd_dirs[] = {"/usr/local/apache2", "/usr/local/apache2/conf",
                                         "/usr/local/apache2/htdocs", "/usr/local/apache2/logs", NULL};
static const char *const haproxy_dirs[] = {"/var/lib/haproxy", NULL};
static const char *const postgres_dirs[] = {"/var/run/postgresql", "/run/postgresql", "/var/lib/postgresql",
                                            NULL};
/* The mysql and mongo Dockerfiles create their data and socket
 * directories (`mkdir -p /var/lib/mysql /var/run/mysqld`, `mkdir -p
 * /data/db /data/configdb`); the table's notes do not list them, but
 * listing a directory only ever silences a rule. */
static const char *const mysql_dirs[] = {"/var/lib/mysql", "/var/run/mysqld", "/run/mysqld", NULL};
static const char *const mariadb_dirs[] = {"/run/mysqld", "/var/run/mysqld", "/var/lib/mysql", NULL};
static const char *const mariadb_ubi_dirs[] = {"/run/mariadb", "/var/run/mariadb", "/var/lib/mysql", NULL};
static const char *const mongo_dirs[] = {"/data/db", "/data/configdb", NULL};
static const char *const alpine_dirs[] = {"/run", "/var/run", NULL};
static const char *const distroless_dirs[] = {"/tmp", "/home/nonroot", NULL};

/* Field order: row, family, os, pkg, curl, wget, wget_busybox, shell,
 * default_user, ready_user, phpize_kept, linux_headers, pecl, dirs.
 * PHPIZE_DEPS, kernel headers and pecl are php facts: other families
 * leave them unknown. */
#define OTHER U, U, U
static const ImageFacts rows[] = {
    {"R1", "php", IMG_OS_ALPINE, IMG_PKG_APK, Y, Y, Y, Y, "root", "www-data", N, N, Y, images_php_dirs},
    {"R2", "php", IMG_OS_DEBIAN, IMG_PKG_APT, Y, N, N, Y, "root", "www-data", Y, Y, Y, images_php_dirs},
    {"R3", "node", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", "node", OTHER, node_dirs},
    {"R4", "node", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", "node", OTHER, node_dirs},
    {"R5", "node", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", "node", OTHER, node_dirs},
    {"R6", "python", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", NULL, OTHER, NULL},
    {"R7", "python", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", NULL, OTHER, NULL},
    {"R8", "python", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", NULL, OTHER, NULL},
    {"R9", "golang", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", NULL, OTHER, golang_dirs},
    {"R10", "golang", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", NULL, OTHER, golang_dirs},
    {"R11", "ruby", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", NULL, OTHER, ruby_dirs},
    {"R12", "ruby", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", NULL, OTHER, ruby_dirs},
    {"R13", "ruby", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", NULL, OTHER, ruby_dirs},
    {"R14", "rust", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", NULL, OTHER, NULL},
    {"R15", "rust", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", NULL, OTHER, NULL},
    {"R16", "rust", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", NULL, OTHER, NULL},
    {"R17", "eclipse-temurin", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", NULL, OTHER, NULL},
    /* R18/R19: the `ubuntu` user exists only on noble and later bases;
     * images.c sets it from the suite. */
    {"R18", "eclipse-temurin", IMG_OS_UBUNTU, IMG_PKG_APT, Y, Y, N, Y, "root", NULL, OTHER, NULL},
    {"R19", "eclipse-temurin", IMG_OS_UBUNTU, IMG_PKG_APT, N, N, N, Y, "root", NULL, OTHER, NULL},
    {"R20", "eclipse-temurin", IMG_OS_UBI, IMG_PKG_MICRODNF, Y, Y, N, Y, "root", NULL, OTHER, NULL},
    {"R21", "openjdk", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", NULL, OTHER, NULL},
    {"R22", "openjdk", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", NULL, OTHER, NULL},
    {"R23", "openjdk", IMG_OS_ORACLE, IMG_PKG_MICRODNF, Y, U, U, Y, "root", NULL, OTHER, NULL},
    {"R24", "nginx", IMG_OS_DEBIAN, IMG_PKG_APT, Y, N, N, Y, "root", "nginx", OTHER, nginx_dirs},
    {"R25", "nginx", IMG_OS_ALPINE, IMG_PKG_APK, Y, Y, Y, Y, "root", "nginx", OTHER, nginx_dirs},
    {"R26", "nginx", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", "nginx", OTHER, nginx_dirs},
    /* R27 takes OS, tools and shell from the matching R24–R26 row; only
     * the fields it changes are meaningful here. */
    {"R27", "nginx-unprivileged", IMG_OS_UNKNOWN, IMG_PKG_UNKNOWN, U, U, U, U, "101", NULL, OTHER,
     nginx_unprivileged_dirs},
    {"R28", "httpd", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", "www-data", OTHER, httpd_dirs},
    {"R29", "httpd", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", "www-data", OTHER, httpd_dirs},
    {"R30", "haproxy", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "haproxy", "haproxy", OTHER, haproxy_dirs},
    {"R31", "haproxy", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "haproxy", "haproxy", OTHER, haproxy_dirs},
    {"R32", "redis", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", "redis", OTHER, NULL},
    {"R33", "redis", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", "redis", OTHER, NULL},
    /* R34: redis 8 was not verified; every cell is unknown, so a lookup
     * that lands here answers "unknown image". */
    {"R34", "redis", IMG_OS_UNKNOWN, IMG_PKG_UNKNOWN, U, U, U, U, NULL, NULL, OTHER, NULL},
    {"R35", "postgres", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", "postgres", OTHER, postgres_dirs},
    {"R36", "postgres", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", "postgres", OTHER, postgres_dirs},
    {"R37", "mysql", IMG_OS_ORACLE, IMG_PKG_MICRODNF, Y, U, U, Y, "root", "mysql", OTHER, mysql_dirs},
    {"R38", "mysql", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", "mysql", OTHER, mysql_dirs},
    {"R39", "mariadb", IMG_OS_UBUNTU, IMG_PKG_APT, N, N, N, Y, "root", "mysql", OTHER, mariadb_dirs},
    {"R40", "mariadb", IMG_OS_UBI, IMG_PKG_MICRODNF, Y, N, N, Y, "mysql", "mysql", OTHER, mariadb_ubi_dirs},
    {"R41", "mongo", IMG_OS_UBUNTU, IMG_PKG_APT, U, U, U, Y, "root", "mongodb", OTHER, mongo_dirs},
    {"R42", "rabbitmq", IMG_OS_UBUNTU, IMG_PKG_APT, N, N, N, Y, "root", "rabbitmq", OTHER, NULL},
    {"R43", "rabbitmq", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", "rabbitmq", OTHER, NULL},
    {"R44", "memcached", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "memcache", "memcache", OTHER, NULL},
    {"R45", "memcached", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "memcache", "memcache", OTHER, NULL},
    {"R46", "wordpress", IMG_OS_DEBIAN, IMG_PKG_APT, Y, N, N, Y, "root", "www-data", Y, Y, Y, images_php_apache_dirs},
    {"R47", "wordpress", IMG_OS_ALPINE, IMG_PKG_APK, Y, Y, Y, Y, "root", "www-data", N, N, Y, images_php_dirs},
    {"R48", "wordpress", IMG_OS_ALPINE, IMG_PKG_APK, Y, Y, Y, Y, "www-data", "www-data", N, N, Y, images_php_dirs},
    {"R49", "composer", IMG_OS_ALPINE, IMG_PKG_APK, Y, Y, Y, Y, "root", "www-data", N, N, Y, images_php_dirs},
    /* R50/R53 are Debian or Ubuntu by tag; images.c sets the OS. */
    {"R50", "dotnet", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", "app", OTHER, NULL},
    {"R51", "dotnet", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", "app", OTHER, NULL},
    {"R52", "dotnet", IMG_OS_DISTROLESS, IMG_PKG_NONE, N, N, N, N, "1654", "app", OTHER, NULL},
    {"R53", "dotnet", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", "app", OTHER, NULL},
    {"R54", "alpine", IMG_OS_ALPINE, IMG_PKG_APK, N, Y, Y, Y, "root", NULL, OTHER, alpine_dirs},
    {"R55", "debian", IMG_OS_DEBIAN, IMG_PKG_APT, N, N, N, Y, "root", NULL, OTHER, NULL},
    {"R56", "ubuntu", IMG_OS_UBUNTU, IMG_PKG_APT, N, N, N, Y, "root", NULL, OTHER, NULL},
    {"R57", "buildpack-deps", IMG_OS_DEBIAN, IMG_PKG_APT, Y, Y, N, Y, "root", NULL, OTHER, NULL},
    {"R58", "busybox", IMG_OS_NONE, IMG_PKG_NONE, N, Y, Y, Y, "root", NULL, OTHER, NULL},
    {"R59", "distroless", IMG_OS_DISTROLESS, IMG_PKG_NONE, N, N, N, N, "root", "nonroot", OTHER,
     distroless_dirs},
    {"R60", "distroless", IMG_OS_DISTROLESS, IMG_PKG_NONE, N, N, N, N, "65532", "nonroot", OTHER,
     distroless_dirs},
    /* R61: BusyBox under /busybox, but no /bin/sh, so `shell` is no. */
    {"R61", "distroless", IMG_OS_DISTROLESS, IMG_PKG_NONE, N, Y, Y, N, "root", "nonroot", OTHER,
     distroless_dirs},
    {"R62", "scratch", IMG_OS_NONE, IMG_PKG_NONE, N, N, N, N, "root", NULL, OTHER, NULL},
    {"R63", "ubi", IMG_OS_UBI, IMG_PKG_MICRODNF, Y, N, N, Y, "root", NULL, OTHER, NULL},
    {"R64", "oraclelinux", IMG_OS_ORACLE, IMG_PKG_MICRODNF, Y, U, U, Y, "root", NULL, OTHER, NULL},
};

const ImageFacts *images_row(const char *id) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    if (strcmp(rows[i].row, id) == 0) return &rows[i];
  return NULL;
}

const char *images_user_recipe(ImgOs os) {
  switch (os) {
  case IMG_OS_ALPINE: return "addgroup -S app && adduser -S app -G app";
  case IMG_OS_DEBIAN:
  case IMG_OS_UBUNTU:
  case IMG_OS_ORACLE: return "groupadd --system app && useradd --system --gid app --no-create-home app";
  /* UBI minimal has no useradd until shadow-utils is installed; the
   * distroless images, scratch and busybox-only images run nothing. */
  case IMG_OS_UBI:
  case IMG_OS_DISTROLESS:
  case IMG_OS_NONE:
  case IMG_OS_UNKNOWN: break;
  }
  return NULL;
}
