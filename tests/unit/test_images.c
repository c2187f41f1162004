/* The official-image facts (../shared/spec/images.md): each family's tag
 * examples of §4.2 land on the right row with the facts the rules read,
 * the version limits written in the cells apply, and everything the table
 * does not know is unknown. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/model/images.h"
#include "images_checks.h"






static bool dir_of(const char *ref, const char *dir) {
  ImageFacts f = look(ref);
  return has_dir(&f, dir);
}


Test(images, php) {
  const char *alpine[] = {"php:8.4-fpm-alpine3.23", "php:8.4-zts-alpine", "php:8-alpine", "php:8.3-alpine",
                          "php:alpine", NULL};
  for (size_t i = 0; alpine[i]; i++) row_is(alpine[i], "R1");
  const char *debian[] = {"php:8.4", "php:8.4-cli", "php:8.4-apache-trixie", "php", "php:fpm", "php:apache",
                          "php:8.4-fpm-bullseye", "php:8.2-zts-bookworm", "php:8.6-rc", NULL};
  for (size_t i = 0; debian[i]; i++) row_is(debian[i], "R2");

  ImageFacts f = look("php:8.4-fpm-alpine3.23");
  cr_expect_eq(f.os, IMG_OS_ALPINE);
  cr_expect_eq(f.pkg, IMG_PKG_APK);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_YES);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  cr_expect_eq(f.phpize_kept, IMG_NO);
  cr_expect_eq(f.linux_headers, IMG_NO);
  cr_expect_eq(f.pecl, IMG_YES);
  cr_expect_str_eq(f.family, "php");
  user_is(f.default_user, "root", "php alpine user");
  user_is(f.ready_user, "www-data", "php alpine ready user");
  cr_expect(has_dir(&f, "/var/www/html"));
  cr_expect(has_dir(&f, "/usr/local/etc/php/conf.d"));
  cr_expect_not(has_dir(&f, "/var/run/apache2"));

  f = look("php:8.4-apache");
  cr_expect_eq(f.os, IMG_OS_DEBIAN);
  cr_expect_eq(f.pkg, IMG_PKG_APT);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_NO);
  cr_expect_eq(f.phpize_kept, IMG_YES);
  cr_expect_eq(f.linux_headers, IMG_YES);
  cr_expect(has_dir(&f, "/var/run/apache2"));
  cr_expect(has_dir(&f, "/var/lock/apache2"));
  cr_expect(has_dir(&f, "/var/log/apache2"));
  cr_expect_not(dir_of("php:8.4-fpm", "/var/run/apache2"));

  /* pecl ships up to 8.5 and is gone from 8.6 on. */
  cr_expect_eq(look("php:8.5-fpm").pecl, IMG_YES);
  cr_expect_eq(look("php:8.6-rc-fpm-alpine").pecl, IMG_NO);
  cr_expect_eq(look("php:8.6.0-cli").pecl, IMG_NO);
  cr_expect_eq(look("php:7.4-fpm").pecl, IMG_YES);
  cr_expect_eq(look("php:latest").pecl, IMG_YES);

  unknown("php:8.4-apache-alpine"); /* no Alpine -apache variant */
  unknown("php:8.4-fpm-noble");
  unknown("php:8.4-fpm-windowsservercore-ltsc2022");
  unknown("php:8.4-frobnicate");
}

Test(images, node) {
  const char *r3[] = {"node:24-alpine3.23", "node:lts-alpine", "node:alpine", "node:20.11.1-alpine3.19", NULL};
  const char *r4[] = {"node:24-bookworm-slim", "node:24-slim", "node:current-slim", "node:20-trixie-slim",
                      "node:slim", NULL};
  const char *r5[] = {"node:24", "node", "node:lts", "node:current", "node:latest", "node:jod", "node:krypton",
                      "node:22-bookworm", "node:24-trixie", NULL};
  for (size_t i = 0; r3[i]; i++) row_is(r3[i], "R3");
  for (size_t i = 0; r4[i]; i++) row_is(r4[i], "R4");
  for (size_t i = 0; r5[i]; i++) row_is(r5[i], "R5");

  ImageFacts f = look("node:24-alpine");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  cr_expect_eq(f.shell, IMG_YES);
  user_is(f.ready_user, "node", "node alpine");
  cr_expect(has_dir(&f, "/home/node"));
  f = look("node:24-slim");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget, IMG_NO);
  f = look("node:24");
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_YES);
  cr_expect_eq(f.wget_busybox, IMG_NO);

  /* Slim images built before 2020 kept curl and wget. */
  f = look("node:12.14.0-slim");
  cr_expect_str_eq(f.row, "R4");
  cr_expect_eq(f.curl, IMG_UNKNOWN);
  cr_expect_eq(f.wget, IMG_UNKNOWN);
  cr_expect_eq(look("node:13-slim").curl, IMG_UNKNOWN);
  cr_expect_eq(look("node:14-slim").curl, IMG_NO);

  unknown("node:24-noble");
  unknown("node:24-nanoserver");
}

Test(images, python_ruby_rust_golang) {
  row_is("python:3.14-alpine3.23", "R6");
  row_is("python:3.14-slim", "R7");
  row_is("python:3.14-slim-trixie", "R7");
  row_is("python:3.14", "R8");
  row_is("python:3.4-trixie", "R8");
  row_is("python:latest", "R8");
  ImageFacts f = look("python:3.12-alpine");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget, IMG_YES);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  cr_expect_null(f.ready_user);
  cr_expect_eq(look("python:3.12-slim").wget, IMG_NO);
  cr_expect_eq(look("python:3.12-bookworm").curl, IMG_YES);
  unknown("python:3.12-windowsservercore-ltsc2022");

  row_is("ruby:3.4-alpine3.23", "R11");
  row_is("ruby:3.4-slim-trixie", "R12");
  row_is("ruby:3.4-trixie", "R13");
  cr_expect(dir_of("ruby:3.4", "/usr/local/bundle"));

  row_is("rust:1-alpine3.23", "R14");
  row_is("rust:1-slim-trixie", "R15");
  row_is("rust:1", "R16");
  row_is("rust:1.85-bookworm", "R16");
  cr_expect_eq(look("rust:1-slim").wget, IMG_NO);

  row_is("golang:1.26-alpine", "R9");
  row_is("golang:1.26", "R10");
  row_is("golang:1.26-trixie", "R10");
  row_is("golang:1.22rc1-bookworm", "R10");
  f = look("golang:1.26-alpine3.23");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  cr_expect(has_dir(&f, "/go"));
  cr_expect_eq(look("golang:1.26").curl, IMG_YES);
  unknown("golang:1.26-slim");
  unknown("golang:1.26-windowsservercore");
}

Test(images, temurin_and_openjdk) {
  const char *r18[] = {"eclipse-temurin:21", "eclipse-temurin:21-jre", "eclipse-temurin:21-jdk-noble",
                       "eclipse-temurin:21.0.5_11-jdk-noble", "eclipse-temurin:8u482-b08-jre-jammy",
                       "eclipse-temurin:17-focal", "eclipse-temurin:11-jdk-resolute", NULL};
  for (size_t i = 0; r18[i]; i++) row_is(r18[i], "R18");
  row_is("eclipse-temurin:25", "R19");
  row_is("eclipse-temurin:latest", "R19");
  row_is("eclipse-temurin:25-jre-noble", "R19");
  row_is("eclipse-temurin:21-jre-alpine", "R17");
  row_is("eclipse-temurin:21-alpine-3.22", "R17");
  row_is("eclipse-temurin:21-jdk-ubi9-minimal", "R20");
  row_is("eclipse-temurin:25-jdk-ubi10-minimal", "R20");

  ImageFacts f = look("eclipse-temurin:21-jdk-noble");
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_YES);
  cr_expect_eq(f.os, IMG_OS_UBUNTU);
  user_is(f.ready_user, "ubuntu", "temurin noble");
  user_is(look("eclipse-temurin:21-jdk-jammy").ready_user, NULL, "temurin jammy");
  f = look("eclipse-temurin:25");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget, IMG_NO);
  /* Majors 22 to 24 kept wget but not curl. */
  f = look("eclipse-temurin:23-jdk");
  cr_expect_str_eq(f.row, "R19");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget, IMG_YES);
  cr_expect_eq(look("eclipse-temurin:8u482-b08-jre-jammy").curl, IMG_YES);
  f = look("eclipse-temurin:21-jdk-ubi9-minimal");
  cr_expect_eq(f.os, IMG_OS_UBI);
  cr_expect_eq(f.pkg, IMG_PKG_MICRODNF);
  cr_expect_eq(f.curl, IMG_YES);
  unknown("eclipse-temurin:21-jdk-centos7");
  unknown("eclipse-temurin:21-jdk-windowsservercore-ltsc2022");
  unknown("eclipse-temurin:${JAVA}-jre"); /* the major decides curl and wget */

  row_is("openjdk:27-ea-trixie", "R21");
  row_is("openjdk:27-ea-jdk-bookworm", "R21");
  row_is("openjdk:27-ea-slim-trixie", "R22");
  row_is("openjdk:27-ea-slim", "R22");
  row_is("openjdk:11-jre-slim", "R22");
  row_is("openjdk:27-ea-oraclelinux9", "R23");
  row_is("openjdk:27-ea-oracle", "R23");
  row_is("openjdk:27-ea", "R23");
  row_is("openjdk:27-ea-jdk", "R23");
  row_is("openjdk:17", "R23");
  f = look("openjdk:27-ea");
  cr_expect_eq(f.os, IMG_OS_ORACLE);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_UNKNOWN);
  unknown("openjdk:8-jdk-alpine");
  unknown("openjdk:8"); /* bare GA 8 and 11 were Debian, not verified */
  unknown("openjdk:27-ea-nanoserver");
}

Test(images, nginx) {
  const char *r24[] = {"nginx", "nginx:latest", "nginx:mainline", "nginx:stable", "nginx:1", "nginx:1.27",
                       "nginx:1.27.4", "nginx:bookworm", "nginx:1.27-perl", "nginx:otel", "nginx:stable-perl", NULL};
  const char *r25[] = {"nginx:alpine", "nginx:1.27-alpine3.21", "nginx:stable-alpine-perl", "nginx:alpine-otel",
                       NULL};
  const char *r26[] = {"nginx:alpine-slim", "nginx:1.27-alpine-slim", "nginx:1.27-alpine3.21-slim", NULL};
  for (size_t i = 0; r24[i]; i++) row_is(r24[i], "R24");
  for (size_t i = 0; r25[i]; i++) row_is(r25[i], "R25");
  for (size_t i = 0; r26[i]; i++) row_is(r26[i], "R26");

  ImageFacts f = look("nginx:1.27");
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_NO);
  user_is(f.default_user, "root", "nginx");
  user_is(f.ready_user, "nginx", "nginx");
  cr_expect(has_dir(&f, "/var/log/nginx"));
  cr_expect(has_dir(&f, "/var/cache/nginx"));
  cr_expect(has_dir(&f, "/etc/nginx/conf.d"));
  cr_expect(has_dir(&f, "/docker-entrypoint.d"));
  cr_expect_not(has_dir(&f, "/run/nginx"), "R24: /run/nginx is not created");
  f = look("nginx:alpine");
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  cr_expect_not(has_dir(&f, "/run/nginx"));
  cr_expect_eq(look("nginx:alpine-slim").curl, IMG_NO);

  /* curl came with 1.17.10 and 1.18.0. */
  cr_expect_eq(look("nginx:1.16").curl, IMG_NO);
  cr_expect_eq(look("nginx:1.17.9").curl, IMG_NO);
  cr_expect_eq(look("nginx:1.17.10").curl, IMG_YES);
  cr_expect_eq(look("nginx:1.17").curl, IMG_UNKNOWN);
  cr_expect_eq(look("nginx:1.18.0-alpine").curl, IMG_YES);
  cr_expect_eq(look("nginx:1.15-alpine").curl, IMG_NO);

  f = look("nginxinc/nginx-unprivileged:1.27-alpine");
  cr_expect_str_eq(f.row, "R27");
  cr_expect_eq(f.os, IMG_OS_ALPINE);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  user_is(f.default_user, "101", "unprivileged");
  cr_expect(has_dir(&f, "/var/cache/nginx"));
  f = look("docker.io/nginxinc/nginx-unprivileged:alpine-slim");
  cr_expect_str_eq(f.row, "R27");
  cr_expect_eq(f.curl, IMG_NO);
  f = look("nginxinc/nginx-unprivileged");
  cr_expect_eq(f.os, IMG_OS_DEBIAN);
  cr_expect_eq(f.curl, IMG_YES);

  unknown("nginx:1.27-slim"); /* slim exists for Alpine only */
  unknown("nginx:1.27-noble");
}

Test(images, httpd_haproxy) {
  row_is("httpd:2.4", "R28");
  row_is("httpd:2.4-trixie", "R28");
  row_is("httpd:2.4-alpine", "R29");
  ImageFacts f = look("httpd:2.4");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget, IMG_NO);
  user_is(f.ready_user, "www-data", "httpd");
  cr_expect(has_dir(&f, "/usr/local/apache2"));
  cr_expect_eq(look("httpd:alpine").wget_busybox, IMG_YES);

  row_is("haproxy:3.2", "R30");
  row_is("haproxy:lts", "R30");
  row_is("haproxy:3.2-trixie", "R30");
  row_is("haproxy:3.2-alpine", "R31");
  user_is(look("haproxy:3.2").default_user, "haproxy", "haproxy 3.2");
  user_is(look("haproxy:2.4").default_user, "haproxy", "haproxy 2.4");
  user_is(look("haproxy:2.3").default_user, "root", "haproxy 2.3");
  user_is(look("haproxy:2.3-alpine").default_user, "root", "haproxy 2.3 alpine");
  user_is(look("haproxy:1.8").default_user, "root", "haproxy 1.8");
  user_is(look("haproxy:lts").default_user, "haproxy", "haproxy lts");
  user_is(look("haproxy:${HAPROXY}-alpine").default_user, NULL, "haproxy variable");
  f = look("haproxy:2.3");
  user_is(f.ready_user, "haproxy", "haproxy 2.3 ready");
  cr_expect(has_dir(&f, "/var/lib/haproxy"));
}

Test(images, redis_postgres_mysql_mariadb_mongo) {
  row_is("redis:7.4", "R32");
  row_is("redis:7.4-bookworm", "R32");
  row_is("redis:7.4-alpine", "R33");
  row_is("redis:6.2", "R32");
  ImageFacts f = look("redis:7.2-alpine");
  cr_expect_eq(f.wget_busybox, IMG_YES);
  user_is(f.ready_user, "redis", "redis");
  unknown("redis:8.2");
  unknown("redis:8-alpine");
  unknown("redis"); /* latest is redis 8 */
  unknown("redis:alpine");

  row_is("postgres:18", "R35");
  row_is("postgres:18-trixie", "R35");
  row_is("postgres:17-bookworm", "R35");
  row_is("postgres:18-alpine3.23", "R36");
  f = look("postgres:16");
  cr_expect(has_dir(&f, "/var/run/postgresql"));
  user_is(f.ready_user, "postgres", "postgres");
  user_is(f.default_user, "root", "postgres");
  cr_expect_eq(look("postgres:16-alpine").shell, IMG_YES);

  const char *r37[] = {"mysql:8.4", "mysql:lts", "mysql:innovation", "mysql", "mysql:9.7-oracle",
                       "mysql:8.4-oraclelinux9", "mysql:8.0", "mysql:5.7", "mysql:8.0.40", NULL};
  for (size_t i = 0; r37[i]; i++) row_is(r37[i], "R37");
  row_is("mysql:8.0-debian", "R38");
  row_is("mysql:8.0-bookworm", "R38");
  row_is("mysql:8.0.28", "R38");
  row_is("mysql:5.7.36", "R38");
  row_is("mysql:5.6", "R38");
  unknown("mysql:8.0.29"); /* built across the June 2022 switch */
  f = look("mysql:8.4");
  cr_expect_eq(f.os, IMG_OS_ORACLE);
  cr_expect_eq(f.pkg, IMG_PKG_MICRODNF);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_UNKNOWN);
  user_is(f.ready_user, "mysql", "mysql");
  cr_expect_eq(look("mysql:8.0-debian").curl, IMG_NO);

  row_is("mariadb:11.8", "R39");
  row_is("mariadb:lts", "R39");
  row_is("mariadb:11.8-noble", "R39");
  row_is("mariadb:10.11-jammy", "R39");
  row_is("mariadb:11.8-ubi", "R40");
  row_is("mariadb:11.8-ubi9", "R40");
  row_is("mariadb:lts-ubi", "R40");
  f = look("mariadb:11.8");
  cr_expect(has_dir(&f, "/run/mysqld"));
  cr_expect_eq(f.os, IMG_OS_UBUNTU);
  f = look("mariadb:11.8-ubi");
  user_is(f.default_user, "mysql", "mariadb ubi");
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect(has_dir(&f, "/run/mariadb"));

  row_is("mongo:8.0", "R41");
  row_is("mongo:8.0-noble", "R41");
  row_is("mongo:7.0-jammy", "R41");
  f = look("mongo:8.0");
  cr_expect_eq(f.curl, IMG_UNKNOWN);
  cr_expect_eq(f.wget, IMG_UNKNOWN);
  cr_expect_eq(f.shell, IMG_YES);
  user_is(f.ready_user, "mongodb", "mongo");
  unknown("mongo:8.0-windowsservercore-ltsc2022");
}

Test(images, rabbitmq_memcached) {
  row_is("rabbitmq:4.2", "R42");
  row_is("rabbitmq:4.2-management", "R42");
  row_is("rabbitmq:4.2-alpine", "R43");
  row_is("rabbitmq:4.2-management-alpine", "R43");
  ImageFacts f = look("rabbitmq:4.2-management-alpine");
  cr_expect_eq(f.wget_busybox, IMG_YES);
  user_is(f.ready_user, "rabbitmq", "rabbitmq");
  cr_expect_eq(look("rabbitmq:4.2").curl, IMG_NO);

  row_is("memcached:1.6", "R44");
  row_is("memcached:1.6-trixie", "R44");
  row_is("memcached:1.6-alpine", "R45");
  f = look("memcached:1.6");
  user_is(f.default_user, "memcache", "memcached");
  user_is(f.ready_user, "memcache", "memcached");
}

Test(images, wordpress_composer) {
  const char *r46[] = {"wordpress", "wordpress:6", "wordpress:latest", "wordpress:6-php8.3-apache",
                       "wordpress:php8.4-fpm", "wordpress:apache", NULL};
  for (size_t i = 0; r46[i]; i++) row_is(r46[i], "R46");
  row_is("wordpress:fpm-alpine", "R47");
  row_is("wordpress:6-php8.3-fpm-alpine", "R47");
  row_is("wordpress:cli", "R48");
  row_is("wordpress:cli-php8.4", "R48");
  ImageFacts f = look("wordpress:6-php8.3-apache");
  cr_expect_eq(f.phpize_kept, IMG_YES);
  cr_expect_eq(f.linux_headers, IMG_YES);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.pecl, IMG_YES);
  cr_expect(has_dir(&f, "/var/run/apache2"));
  cr_expect_not(dir_of("wordpress:php8.4-fpm", "/var/run/apache2"));
  f = look("wordpress:fpm-alpine");
  cr_expect_eq(f.phpize_kept, IMG_NO);
  cr_expect_eq(f.linux_headers, IMG_NO);
  f = look("wordpress:cli");
  user_is(f.default_user, "www-data", "wordpress cli");
  cr_expect_eq(look("wordpress:php8.6-fpm").pecl, IMG_NO);
  cr_expect_eq(look("wordpress:6-php${PHP}-fpm").pecl, IMG_UNKNOWN);
  unknown("wordpress:alpine");

  row_is("composer", "R49");
  row_is("composer:2", "R49");
  row_is("composer:2.9", "R49");
  row_is("composer:1.10", "R49");
  f = look("composer:2");
  cr_expect_eq(f.os, IMG_OS_ALPINE);
  cr_expect_eq(f.phpize_kept, IMG_NO);
  cr_expect_eq(f.curl, IMG_YES);
}
