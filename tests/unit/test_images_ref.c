/* The official-image facts (../shared/spec/images.md), second half: the
 * base images (alpine, debian, ubuntu, buildpack-deps, busybox, scratch,
 * UBI, Oracle Linux, distroless), .NET, and the reading of references
 * (§4.1): registry and namespace spellings, digests, ARG leftovers,
 * Windows, and the user-creation recipes of §3.2. */
#include <criterion/criterion.h>
#include <string.h>

#include "dockls/model/images.h"
#include "images_checks.h"


Test(images_ref, dotnet) {
  row_is("mcr.microsoft.com/dotnet/aspnet:8.0", "R50");
  row_is("mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim", "R50");
  row_is("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble", "R50");
  row_is("mcr.microsoft.com/dotnet/aspnet:9.0-alpine", "R51");
  row_is("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", "R52");
  row_is("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra", "R52");
  row_is("mcr.microsoft.com/dotnet/aspnet:9.0-azurelinux3.0-distroless", "R52");
  row_is("mcr.microsoft.com/dotnet/sdk:8.0", "R53");
  row_is("mcr.microsoft.com/dotnet/sdk:10.0-alpine", "R53");

  ImageFacts f = look("mcr.microsoft.com/dotnet/aspnet:8.0");
  cr_expect_eq(f.os, IMG_OS_DEBIAN);
  cr_expect_eq(f.curl, IMG_NO);
  user_is(f.ready_user, "app", "aspnet");
  cr_expect_eq(look("mcr.microsoft.com/dotnet/aspnet:10.0").os, IMG_OS_UBUNTU);
  cr_expect_eq(look("mcr.microsoft.com/dotnet/aspnet:latest").os, IMG_OS_UBUNTU);
  f = look("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled");
  cr_expect_eq(f.shell, IMG_NO);
  cr_expect_eq(f.os, IMG_OS_DISTROLESS);
  user_is(f.default_user, "1654", "chiseled");
  f = look("mcr.microsoft.com/dotnet/sdk:10.0-alpine");
  cr_expect_eq(f.os, IMG_OS_ALPINE);
  cr_expect_eq(f.pkg, IMG_PKG_APK);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  f = look("mcr.microsoft.com/dotnet/sdk:8.0");
  cr_expect_eq(f.wget, IMG_YES);
  cr_expect_eq(f.wget_busybox, IMG_NO);

  unknown("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-1809");
  unknown("mcr.microsoft.com/dotnet/aspnet:8.0-windowsservercore-ltsc2022");
  unknown("mcr.microsoft.com/dotnet/aspnet:8.0-cbl-mariner2.0");
  unknown("mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0");
  unknown("mcr.microsoft.com/dotnet/sdk:10.0-noble-chiseled");
  unknown("mcr.microsoft.com/dotnet/framework/aspnet:4.8");
  unknown("mcr.microsoft.com/windows/servercore:ltsc2022");
}

Test(images_ref, base_images) {
  row_is("alpine", "R54");
  row_is("alpine:3.23", "R54");
  row_is("alpine:edge", "R54");
  ImageFacts f = look("alpine:3.23");
  cr_expect_eq(f.curl, IMG_NO);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  cr_expect(has_dir(&f, "/run"));
  cr_expect_not(has_dir(&f, "/run/nginx"), "R54: Alpine does not create /run/nginx");
  cr_expect_null(f.ready_user);

  row_is("debian:trixie", "R55");
  row_is("debian:bookworm-slim", "R55");
  row_is("debian:13", "R55");
  row_is("debian:12-slim", "R55");
  row_is("debian:stable-slim", "R55");
  row_is("debian:bookworm-20240612-slim", "R55");
  cr_expect_eq(look("debian").wget, IMG_NO);

  row_is("ubuntu:24.04", "R56");
  row_is("ubuntu:jammy", "R56");
  user_is(look("ubuntu:24.04").ready_user, "ubuntu", "ubuntu 24.04");
  user_is(look("ubuntu:noble").ready_user, "ubuntu", "noble");
  user_is(look("ubuntu:resolute").ready_user, "ubuntu", "resolute");
  user_is(look("ubuntu:23.04").ready_user, "ubuntu", "23.04");
  user_is(look("ubuntu:latest").ready_user, "ubuntu", "latest");
  user_is(look("ubuntu:rolling").ready_user, "ubuntu", "rolling");
  user_is(look("ubuntu:22.04").ready_user, NULL, "22.04");
  user_is(look("ubuntu:jammy-20240125").ready_user, NULL, "jammy");
  user_is(look("ubuntu:focal").ready_user, NULL, "focal");
  user_is(look("ubuntu:${UBUNTU}").ready_user, NULL, "ubuntu variable");

  row_is("buildpack-deps:trixie", "R57");
  row_is("buildpack-deps:trixie-curl", "R57");
  row_is("buildpack-deps:noble-scm", "R57");
  f = look("buildpack-deps:noble-scm");
  cr_expect_eq(f.os, IMG_OS_UBUNTU);
  cr_expect_eq(f.curl, IMG_YES);
  user_is(f.ready_user, "ubuntu", "buildpack-deps noble");
  cr_expect_eq(look("buildpack-deps:bookworm").os, IMG_OS_DEBIAN);
  f = look("buildpack-deps:22.04-curl");
  cr_expect_eq(f.os, IMG_OS_UBUNTU);
  user_is(f.ready_user, NULL, "buildpack-deps 22.04");
  user_is(look("buildpack-deps:24.04-scm").ready_user, "ubuntu", "buildpack-deps 24.04");
  unknown("buildpack-deps:12-curl");

  row_is("busybox", "R58");
  row_is("busybox:1.36-musl", "R58");
  f = look("busybox:glibc");
  cr_expect_eq(f.wget_busybox, IMG_YES);
  cr_expect_eq(f.os, IMG_OS_NONE);

  row_is("scratch", "R62");
  f = look("scratch");
  cr_expect_eq(f.shell, IMG_NO);
  cr_expect_eq(f.pkg, IMG_PKG_NONE);

  row_is("redhat/ubi9-minimal", "R63");
  row_is("redhat/ubi10-minimal:latest", "R63");
  row_is("registry.access.redhat.com/ubi9-minimal:9.4", "R63");
  row_is("registry.access.redhat.com/ubi9/ubi-minimal:9.4-1227", "R63");
  f = look("redhat/ubi9-minimal");
  cr_expect_eq(f.pkg, IMG_PKG_MICRODNF);
  cr_expect_eq(f.curl, IMG_YES);
  cr_expect_eq(f.wget, IMG_NO);
  unknown("redhat/ubi9");
  unknown("registry.access.redhat.com/ubi8/ubi");

  row_is("oraclelinux:9-slim", "R64");
  row_is("oraclelinux:10-slim", "R64");
  f = look("oraclelinux:9-slim");
  cr_expect_eq(f.os, IMG_OS_ORACLE);
  cr_expect_eq(f.wget, IMG_UNKNOWN);
  unknown("oraclelinux:9");
}

Test(images_ref, distroless) {
  row_is("gcr.io/distroless/static-debian12", "R59");
  row_is("gcr.io/distroless/static", "R59");
  row_is("gcr.io/distroless/nodejs24-debian13:latest", "R59");
  row_is("gcr.io/distroless/base-debian13:nonroot", "R60");
  row_is("gcr.io/distroless/java21-debian13:debug-nonroot", "R61");
  row_is("gcr.io/distroless/cc-debian12:debug", "R61");
  row_is("gcr.io/distroless/static-debian12:nonroot-amd64", "R60");
  ImageFacts f = look("gcr.io/distroless/static-debian12");
  cr_expect_eq(f.shell, IMG_NO);
  cr_expect_eq(f.os, IMG_OS_DISTROLESS);
  user_is(f.default_user, "root", "distroless");
  user_is(f.ready_user, "nonroot", "distroless");
  cr_expect(has_dir(&f, "/tmp"));
  user_is(look("gcr.io/distroless/base-debian13:nonroot").default_user, "65532", "nonroot");
  f = look("gcr.io/distroless/java21-debian13:debug-nonroot");
  user_is(f.default_user, "65532", "debug-nonroot");
  cr_expect_eq(f.shell, IMG_NO);
  cr_expect_eq(f.wget_busybox, IMG_YES);
  user_is(look("gcr.io/distroless/cc-debian12:debug").default_user, "root", "debug");
  unknown("gcr.io/distroless/unknownthing-debian12");
  unknown("gcr.io/distroless/java:11");
}

Test(images_ref, normalisation) {
  const char *php[] = {"php", "library/php", "docker.io/php", "docker.io/library/php", "index.docker.io/library/php",
                       "registry-1.docker.io/library/php", "public.ecr.aws/docker/library/php",
                       "mirror.gcr.io/library/php", NULL};
  for (size_t i = 0; php[i]; i++) {
    ImageFacts f = look(php[i]);
    cr_expect_str_eq(f.row, "R2", "%s", php[i]);
    cr_expect_str_eq(f.family, "php", "%s", php[i]);
  }
  row_is("docker.io/library/golang:1.26-alpine", "R9");
  row_is("mirror.gcr.io/busybox", "R58");
  row_is("  alpine:3.23  ", "R54");
  row_is("php:8.6.0RC1-cli", "R2");
  /* A tag next to a digest still names the variant; a digest alone
   * does not. */
  row_is("php:8.4-fpm-alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "R1");
  unknown("php@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  unknown("alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

  const char *others[] = {"bitnami/php-fpm:8.3", "bitnami/nginx", "cimg/node:20.11", "webdevops/php-nginx:8.3",
                          "serversideup/php:8.3-fpm-nginx", "cgr.dev/chainguard/node", "chainguard/nginx",
                          "ghcr.io/library/php:8.4", "quay.io/libpod/alpine", "amd64/alpine:3.23",
                          "localhost:5000/php:8.4", "myregistry.example.com/nginx:1.27", "docker:29-dind",
                          "maven:3-eclipse-temurin-21", "", "php:", ":8.4", "PHP:8.4", NULL};
  for (size_t i = 0; others[i]; i++) unknown(others[i]);
  cr_expect_not(images_lookup(NULL, NULL, &(ImageFacts){0}));
}

Test(images_ref, variables) {
  row_is("php:${PHP}-fpm-alpine", "R1");
  row_is("php:${PHP_VERSION:-8.3}-fpm-alpine", "R1");
  row_is("php:$PHP-fpm", "R2");
  cr_expect_eq(look("php:${PHP}-fpm-alpine").pecl, IMG_UNKNOWN);
  ImageFacts f = look("node:${NODE}-slim");
  cr_expect_str_eq(f.row, "R4");
  cr_expect_eq(f.curl, IMG_UNKNOWN, "the slim limit needs the major");
  row_is("golang:${GO_VERSION}-alpine${ALPINE_VERSION}", "R9");
  row_is("nginx:${NGINX}-alpine", "R25");
  cr_expect_eq(look("nginx:${NGINX}-alpine").curl, IMG_UNKNOWN);
  /* Single-row images: the repository alone decides. */
  row_is("alpine:${ALPINE_VERSION}", "R54");
  row_is("debian:${DEBIAN}", "R55");
  row_is("busybox:$BUSYBOX", "R58");
  row_is("alpine:\"${ALPINE_TAG}\"", "R54");
  row_is("python:${PYTHON_VERSION}-slim-${DEBIAN_BASE}", "R7");
  unknown("python:${PYTHON_VERSION}-${DEBIAN_BASE}");
  unknown("nginx:${NGINX}-alpine-${FLAVOUR}");
  /* A variable that could hold the variant, or any in the repository. */
  unknown("node:${NODE}");
  unknown("php:${PHP}");
  unknown("golang:$GO");
  unknown("node:20-${VARIANT}");
  unknown("${REGISTRY}/php:8.4");
  unknown("$BASE_IMAGE");
  unknown("${BASE_PREFIX}alpine:3.23");
  unknown("redis:${REDIS}-alpine"); /* redis 8 and later are unknown */
}

Test(images_ref, windows) {
  unknown("python:3.12-windowsservercore-ltsc2022");
  unknown("golang:1.26-nanoserver-ltsc2025");
  unknown("node:24-windowsservercore");
  unknown("mcr.microsoft.com/dotnet/sdk:8.0-ltsc2022");
  ImageFacts f;
  memset(&f, 0, sizeof f);
  cr_expect_not(images_lookup("openjdk:27-ea", "windows/amd64", &f));
  cr_expect_not(images_lookup("mongo:8.0", "WINDOWS/amd64", &f));
  cr_expect_str_eq(look_on("openjdk:27-ea", "linux/amd64").row, "R23");
  cr_expect_str_eq(look_on("alpine:3.23", "$BUILDPLATFORM").row, "R54");
}

Test(images_ref, user_recipe) {
  cr_expect_str_eq(images_user_recipe(IMG_OS_ALPINE), "addgroup -S app && adduser -S app -G app");
  const char *deb = "groupadd --system app && useradd --system --gid app --no-create-home app";
  cr_expect_str_eq(images_user_recipe(IMG_OS_DEBIAN), deb);
  cr_expect_str_eq(images_user_recipe(IMG_OS_UBUNTU), deb);
  cr_expect_str_eq(images_user_recipe(IMG_OS_ORACLE), deb);
  cr_expect_null(images_user_recipe(IMG_OS_UBI));
  cr_expect_null(images_user_recipe(IMG_OS_DISTROLESS));
  cr_expect_null(images_user_recipe(IMG_OS_NONE));
  cr_expect_null(images_user_recipe(IMG_OS_UNKNOWN));
  cr_expect_null(images_user_recipe(look("redhat/ubi9-minimal").os));
  cr_expect_not_null(images_user_recipe(look("mysql:8.4").os));
}
