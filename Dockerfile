# dockls in a container: `docker build -t dockls .`, then
#   docker run --rm -v "$PWD:/work:ro" dockls check .
# The build stage compiles dockls with the pinned npm grammars; the final
# stage holds the binary, its manual page and rule pages, and the three
# shared libraries it links, and runs as an unprivileged user.

FROM debian:12.8-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       gcc libc6-dev cmake make pkg-config libtree-sitter-dev libcjson-dev libyaml-dev \
       nodejs npm ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN npm ci --prefix grammars --ignore-scripts --no-audit --no-fund \
    && cmake -S . -B /tmp/build -DCMAKE_BUILD_TYPE=Release -DDOCKLS_TESTS=OFF \
    && cmake --build /tmp/build -j "$(nproc)" --target dockls \
    && cmake --install /tmp/build --prefix /opt/dockls

FROM debian:12.8-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libtree-sitter0 libcjson1 libyaml-0-2 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/dockls /usr/local
WORKDIR /work
USER 65534:65534
ENTRYPOINT ["dockls"]
CMD ["check", "."]
