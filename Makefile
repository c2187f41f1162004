# The front door: every command a person or CI needs.  The real build is
# CMake (CMakeLists.txt); this file only sequences set-up, build and runs.
#
#   make deps    install the Debian packages (as root; else prints the sudo line)
#                and the pinned npm grammars
#   make         build (Release-ish, into build/)
#   make demo    deps + build + lint the bundled example project, showing fixes
#   make test    deps + build + every test (ctest)
#   make bench   deps + build + the benchmarks (figures, not pass/fail)
#   make install deps + build + install under PREFIX (default /usr/local;
#                DESTDIR is honoured): binary, man page, rule pages
#   make mutate  deps + the mutation check (tests/mutation/run.py; slow,
#                not part of make test); MUTANTS="id pattern..." runs a subset
#   make sanitize  every test again on an AddressSanitizer + UBSan build
#                (in build-sanitize/; CI runs it after make test)
#   make fuzz-smoke  clang + the fuzz build + about a minute per fuzz target
#   make fuzz    the same, ten minutes per target
#   make soak    the differential soak: 100,000 edits over ../shared/corpus

BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
DEB_PACKAGES = gcc libc6-dev cmake make pkg-config diffutils ca-certificates \
               libtree-sitter-dev libcjson-dev libyaml-dev libcriterion-dev
GRAMMARS_STAMP = grammars/node_modules/.package-lock.json

.PHONY: all build deps deps-apt deps-npm demo test bench mutate grammar clean install sanitize

all: build

deps: deps-apt deps-npm

# Installs only what is missing, so a second run needs no network.
deps-apt:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "Missing packages:$$missing"; \
	  echo "Run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	fi

deps-npm: $(GRAMMARS_STAMP)

# npm ci with --ignore-scripts: the grammars' install scripts only build
# Node bindings, which dockls does not use.
$(GRAMMARS_STAMP): grammars/package.json grammars/package-lock.json
	cd grammars && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(BUILD)/CMakeCache.txt: $(GRAMMARS_STAMP)
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

PREFIX ?= /usr/local

# cmake --install reads DESTDIR from the environment, as packagers expect.
install: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target dockls
	cmake --install $(BUILD) --prefix $(PREFIX)

# The demo needs only the binary, not the test suite.
demo: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target dockls
	@sh examples/demo.sh "$(CURDIR)/$(BUILD)/dockls"

# The editor tests drive a real Neovim, Emacs with eglot, and VS Code
# (code-server in chromium); only the test run installs them (a
# target-specific value also reaches the deps prerequisites).  The
# packages after chromium build code-server's native modules, and
# ripgrep stands in for the rg it would download.  debhelper builds the
# Debian package that the package_deb test installs and runs.  Emacs 30 and Neovim
# 0.10, which Debian 12 lacks, are not installed: their tests unpack them
# into the build folder (tests/editors/run_unpacked.sh).
test: DEB_PACKAGES += neovim emacs-nox elpa-eglot elpa-dockerfile-mode elpa-yaml-mode \
                      chromium ripgrep build-essential python3 libkrb5-dev libx11-dev \
                      libxkbfile-dev libsecret-1-dev debhelper
# valgrind runs lsp_valgrind, memcheck over one session of the server.
test: DEB_PACKAGES += valgrind
test: deps
	@$(MAKE) --no-print-directory build
	@sh tests/editors/vscode/install_tools.sh $(BUILD)/vscode-tools || \
	  echo "VS Code test tools not installed (see the line above); the editor_vscode test will be skipped"
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# --- Sanitizers (docs/reliability.md, "Sanitizers and asserts") ---
# The whole suite again on a build with AddressSanitizer and UBSan, in a
# folder of its own; -fno-sanitize-recover (CMakeLists.txt) makes every
# finding end its process, so the test fails.  The editors that `make test`
# unpacked and the VS Code tools it installed are linked in rather than
# fetched again.  lsp_valgrind is not registered in this build: valgrind
# cannot run a binary built with AddressSanitizer.
SAN_BUILD ?= build-sanitize
sanitize: DEB_PACKAGES += neovim emacs-nox elpa-eglot elpa-dockerfile-mode elpa-yaml-mode chromium
sanitize: deps
	cmake -S . -B $(SAN_BUILD) -DDOCKLS_SANITIZE=address,undefined $(CMAKE_FLAGS)
	cmake --build $(SAN_BUILD) -j $(JOBS)
	@for d in nvim010 emacs30 vscode-tools; do \
	  if [ -e $(BUILD)/$$d ] && [ ! -e $(SAN_BUILD)/$$d ]; then ln -s "$(CURDIR)/$(BUILD)/$$d" $(SAN_BUILD)/$$d; fi; \
	done
	cd $(SAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# The mutation check builds and tests a private copy of the tree under
# $(BUILD)/mutation, so it needs the same packages as the test run plus
# python3, which a minimal Debian 12 does not have.
MUTANTS ?=
mutate: DEB_PACKAGES += neovim emacs-nox elpa-eglot python3
mutate: deps
	python3 tests/mutation/run.py --jobs $(JOBS) --work $(BUILD)/mutation $(MUTANTS)

bench: deps
	@$(MAKE) --no-print-directory build
	@sh bench/run.sh $(BUILD)

grammar: deps
	@$(MAKE) --no-print-directory build
	cmake --build $(BUILD) --target grammar

# --- Fuzzing and the differential soak (docs/reliability.md) -------------
# The fuzz build is a build folder of its own: clang with libFuzzer, ASan
# and UBSan, no test suite.  Seeds come from tests/ and, when present,
# $(CORPUS), read where it is.
FUZZ_BUILD ?= build-fuzz
FUZZ_TARGETS ?= lsp_stream dockerfile compose edits config tablegen
FUZZ_SECONDS ?= 60
CORPUS ?= ../shared/corpus
SOAK_EDITS ?= 100000

.PHONY: fuzz-deps fuzz-build fuzz-smoke fuzz soak

fuzz-deps: DEB_PACKAGES += clang libclang-rt-14-dev python3
fuzz-deps: deps

fuzz-build: fuzz-deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DDOCKLS_FUZZ=ON -DDOCKLS_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS)

fuzz-smoke: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) "$(CORPUS)" -- $(FUZZ_TARGETS)

fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_BUILD) 600 "$(CORPUS)" -- $(FUZZ_TARGETS)

soak: DEB_PACKAGES += python3
soak: deps
	@$(MAKE) --no-print-directory build
	python3 tests/soak/soak.py --server $(BUILD)/dockls --edits $(SOAK_EDITS) --corpus "$(CORPUS)" \
	  --out $(BUILD)/soak
# --- end of fuzzing and soak ----------------------------------------------

clean:
	rm -rf $(BUILD)
