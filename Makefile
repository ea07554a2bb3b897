# edgecore: `make run` runs the main job, `make test` runs every test.
# Both start from a fresh machine: they install what they need themselves.

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: run demo test fmt clippy rust-test examples bench
.PHONY: python-wheel python-test bench-python node-build node-test bench-node
.PHONY: server-deps server-test server-test-pg bench-server
.PHONY: python-compat bench-dask

# Root runs apt-get itself; anyone else goes through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

## Main job: the reference server on the embedded SQLite database (./data/) and the web
## dashboard on it (examples/dashboard, production build). Without EDGECORE_ODDS_API_KEY the
## server replays the bundled recorded odds as if they were live, with a season of settled
## demo bets; reads are open for this demonstration, writes need a token (the dashboard gets
## its own). Prints both addresses; Ctrl-C stops both. See the dashboard section below.
run: server-release dashboard-build
	examples/dashboard/scripts/run.sh

## The Rust example of a betting day (prices -> fair odds -> stake -> settlement -> CLV -> stats).
demo:
	$(CARGO) run --release -p edgecore-suite --example betting_day

## Every test: formatting, lints, unit/property/vector/doc tests, runnable examples, the
## Python and Node packages, the server's suite on SQLite and PostgreSQL, the dashboard, the
## API docs, and the packages of `make dist` installed and used in clean places.
test: fmt clippy rust-test examples python-test node-test server-test-pg dashboard-test doc dist-test

fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Every Rust test, the server's on SQLite among them. Cargo calls of `make test` select the
## whole workspace, so that dependencies are built once with one set of features; then the
## core also without its default `parallel` feature (no rayon: every batch runs on the
## caller's thread), as users of `default-features = false` build it.
rust-test: server-deps
	$(CARGO) test --workspace
	$(CARGO) clippy -p edgecore --no-default-features --all-targets -- -D warnings
	$(CARGO) test -p edgecore --no-default-features --lib

## PostgreSQL (throwaway clusters for the storage tests), promtool (alert rules), amtool and
## Alertmanager (alert routing and inhibition).
server-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1 \
		|| ! command -v amtool >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql prometheus prometheus-alertmanager >/dev/null; \
	fi

## The server's tests on SQLite, then (server-test-pg) the storage, collector, API and kill
## tests, the track record and the replicas (three `serve` processes, the leader killed) on
## PostgreSQL. `make test` runs the SQLite part within rust-test.
server-test: server-deps
	$(CARGO) test -p edgecore-server
	$(MAKE) server-test-pg

server-test-pg: server-deps
	server/tests/with-postgres.sh $(CARGO) test --workspace --test storage --test collector --test api --test kill $(SERVER_PG_TESTS) $(SERVER_REPLICA_PG_TESTS)

examples:
	$(CARGO) run --example betting_day > /dev/null
	$(CARGO) run --example stake_cap

## Criterion benchmarks (figures in README.md).
bench:
	$(CARGO) bench -p edgecore-suite --benches

## The Node package (bindings-node): install the pinned tools (npm ci, re-run when the lock
## file changes), build the addon and its declarations, type-check the TypeScript usage file,
## run the binding tests (with a bounded fuzz run of 5000 calls, about a minute) and the
## Node example's tests.
NPM ?= npm
NODE ?= node
NODE_DIR := bindings-node
NODE_STAMP := $(NODE_DIR)/node_modules/.installed

$(NODE_STAMP): $(NODE_DIR)/package-lock.json $(NODE_DIR)/package.json
	cd $(NODE_DIR) && $(NPM) ci --no-audit --no-fund
	touch $@

node-build: $(NODE_STAMP)
	cd $(NODE_DIR) && $(NPM) run --silent build

node-test: node-build
	cd $(NODE_DIR) && npx tsc --noEmit -p tsconfig.json
	cd $(NODE_DIR) && $(NODE) --test --test-reporter=spec test/*.test.js
	$(NODE) --test --test-reporter=spec examples/node/*.test.js

## Node benchmark against financial and loanjs (installed in bindings-node/bench only).
bench-node: node-build
	cd $(NODE_DIR)/bench && $(NPM) ci --no-audit --no-fund
	cd $(NODE_DIR)/bench && $(NODE) --expose-gc bench.js

## Load benchmark of the server over loopback (ingest, board rebuild after a collection and
## its memory, /opportunities, /health, and with 100,000 stored bets: POST /bets, /stats after
## a write and cached), then two replicas on PostgreSQL (/opportunities through both, takeover
## time after the leader is killed).
bench-server: server-deps
	$(CARGO) bench -p edgecore-server --bench load
	server/tests/with-postgres.sh $(CARGO) bench -p edgecore-server --bench replicas

## Python package: a virtual environment of its own (made once), the release wheel built by
## maturin and installed alone, then the pytest suites (bindings, vectors, stubtest, examples).
PYTHON_VENV := .venv
PY := $(PYTHON_VENV)/bin/python
PY_STAMP := $(PYTHON_VENV)/.edgecore-dev-installed

$(PY_STAMP): bindings-python/requirements-dev.txt
	test -x $(PY) || python3 -m venv $(PYTHON_VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r bindings-python/requirements-dev.txt
	touch $@

python-wheel: $(PY_STAMP)
	rm -rf target/wheels
	$(PY) -m maturin build --release -m bindings-python/Cargo.toml -o target/wheels --interpreter $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/edgecore-*.whl

python-test: python-wheel
	$(PY) -m pytest -q -p no:cacheprovider bindings-python/tests examples/python
	$(PY) -m mypy.stubtest edgecore
	$(MAKE) python-compat

## Python benchmarks against the libraries in use today (installed into the venv for the
## benchmark only; never a dependency of the package).
bench-python: python-wheel
	$(PY) -m pip install --quiet --disable-pip-version-check penaltyblog shin numpy-financial pyxirr
	$(PY) bindings-python/bench/bench.py

## Python in production: the fork and pickling tests on the oldest and the newest supported
## Python (pyenv's), each in a venv of its own (.venv-<version>) with the abi3 wheel that
## `make python-wheel` built (`make python-test` runs them);
## and the Dask measurement (10M subscribers, figures in README.md), never part of `make test`.
PY_COMPAT_VERSIONS ?= 3.9 3.13
PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)

python-compat:
	@ls target/wheels/edgecore-*.whl >/dev/null || { echo "build the wheel first: make python-wheel"; exit 1; }
	@for v in $(PY_COMPAT_VERSIONS); do \
		interp=$$(ls -d $(PYENV_ROOT)/versions/$$v.*/bin/python3 2>/dev/null | sort -V | tail -1); \
		test -n "$$interp" || { echo "Python $$v not found under $(PYENV_ROOT)/versions"; exit 1; }; \
		test -x .venv-$$v/bin/python || $$interp -m venv .venv-$$v || exit 1; \
		.venv-$$v/bin/python -m pip install --quiet --disable-pip-version-check numpy pytest || exit 1; \
		.venv-$$v/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/edgecore-*.whl || exit 1; \
		echo "Python $$v:"; \
		.venv-$$v/bin/python -m pytest -q -p no:cacheprovider bindings-python/tests/test_fork.py bindings-python/tests/test_pickle.py || exit 1; \
	done

## 10M subscribers scored on one process, then on a 2-worker LocalCluster, and Dask's
## per-task overhead (figures in README.md; a few minutes on 2 cores).
bench-dask: python-wheel
	$(PY) examples/python/dask_cluster.py --bench --subscribers 10000000 --workers 2

## ---- Server hardening ------------------------------------------------------------------
## The server's suites that touch storage, run again on PostgreSQL by `server-test`.
SERVER_PG_TESTS := --test bets --test prices --test startup --test feed --test fuzz

## Seeded fuzzing of the odds feed parser and the bet body over the HTTP API (invariant: no
## panic, no 5xx, no stored record a later read cannot use). `make test` runs a bounded
## number of cases; this runs FUZZ_CASES per target (on SQLite).
## Then the Node package's fuzzer (bindings-node/test/fuzz): NODE_FUZZ_CASES calls spread over
## every exported function and every constructor, static function and method of the exported
## classes, with hostile arguments, in child processes, from a new seed
## (printed; FUZZ_SEED=... reproduces a run). Invariant: no crash, abort or hang, no NaN or
## infinity out, every error carries one of the package's codes.
## Then the Python package's fuzzer (bindings-python/tests/fuzz: every callable of the stubs
## with hostile values, in child processes; invariant: no crash, abort or hang, no NaN or
## infinity out, every error typed): 10 x FUZZ_CASES calls from a random first seed
## (printed; `make python-test` runs 4,000 calls from seed 0).
FUZZ_CASES ?= 3000
NODE_FUZZ_CASES ?= 100000
.PHONY: fuzz fuzz-python
fuzz: node-build fuzz-python
	PROPTEST_CASES=$(FUZZ_CASES) $(CARGO) test -p edgecore-server --test fuzz --test prices
	cd $(NODE_DIR) && FUZZ_CASES=$(NODE_FUZZ_CASES) $(NODE) test/fuzz/run.js

fuzz-python: python-wheel
	@seed=$$(od -An -N2 -tu2 /dev/urandom | tr -d ' '); echo "Python fuzzer: first seed $$seed"; \
	PY_FUZZ_CASES=$$(( $(FUZZ_CASES) * 10 )) PY_FUZZ_SEED=$$seed \
		$(PY) -m pytest -q -p no:cacheprovider bindings-python/tests/test_fuzz.py

## ---- Web dashboard (examples/dashboard) -------------------------------------------------
## A Next.js app on the npm package (server code only) and the server's API. `make dashboard`
## runs it alone against EDGECORE_API_URL (default http://127.0.0.1:8080; tokens in
## EDGECORE_API_TOKEN / EDGECORE_ADMIN_TOKEN). `dashboard-test`: `next build` (type check),
## ESLint, then the end-to-end tests in Debian's Chromium (installed when missing; nothing
## downloads a browser) against a real server on a temporary database, under a time limit.
.PHONY: server-release dashboard-browser dashboard-deps dashboard-build dashboard dashboard-test bench-dashboard

DASH_DIR := examples/dashboard
DASH_STAMP := $(DASH_DIR)/node_modules/.installed
NODE_ADDON := $(NODE_DIR)/edgecore.linux-x64-gnu.node
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export NEXT_TELEMETRY_DISABLED := 1

server-release:
	$(CARGO) build --release -p edgecore-server

dashboard-browser:
	@command -v chromium >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# npm ci again when the lock file or the addon changes (the package is installed as a copy).
$(DASH_STAMP): $(DASH_DIR)/package-lock.json $(DASH_DIR)/package.json $(NODE_ADDON)
	cd $(DASH_DIR) && $(NPM) ci --no-audit --no-fund
	touch $@

dashboard-deps: node-build
	$(MAKE) --no-print-directory $(DASH_STAMP)

dashboard-build: dashboard-deps
	cd $(DASH_DIR) && npx next build

dashboard: dashboard-build
	cd $(DASH_DIR) && EDGECORE_API_URL=$${EDGECORE_API_URL:-http://127.0.0.1:8080} \
		npx next start -H $${DASHBOARD_HOST:-127.0.0.1} -p $${DASHBOARD_PORT:-3000}

dashboard-test: server-release dashboard-browser dashboard-build
	cd $(DASH_DIR) && npx eslint . --max-warnings=0
	cd $(DASH_DIR) && timeout 600 $(NODE) --test --test-concurrency=1 --test-timeout=300000 \
		--test-reporter=spec e2e/

## Server render time of each page (p50/p95 over 50 loads) and JavaScript sent per page.
bench-dashboard: server-release dashboard-browser dashboard-build
	cd $(DASH_DIR) && timeout 900 $(NODE) bench/bench.mjs

## ---- Server replicas and track record -------------------------------------------------
## The track record, the replay demonstration's record and the replicas (three `serve`
## processes on one PostgreSQL database, the leader killed during a collection), run on
## PostgreSQL by `server-test`.
SERVER_REPLICA_PG_TESTS := --test track_record --test demo --test replicas

## ---- Packages -------------------------------------------------------------------------
## `make dist`: everything people install, in dist/ with SHA256SUMS (one version for all,
## the workspace's): the abi3 wheel and the sdist, the npm packages the napi-rs way (the
## JavaScript package and this platform's binary package), the crate, and the server's
## release tarball. The wheel, the addon and the server are the release builds of
## python-wheel, node-build and server-release, made once for the other tests too. The crate is packaged without cargo's
## verification build: dist-test builds the unpacked crate in a fresh project and runs the
## README's quickstart, which checks more.
## `make dist-test`: each artefact installed in a clean place and used as its README says
## (packaging/test_packages.py), the release workflow checked by actionlint (with shellcheck
## on its scripts; Debian's package).
## `make doc`: the API documentation, warnings as errors.
.PHONY: dist dist-test doc
DIST := dist
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
HOST := $(shell rustc -vV | sed -n 's/^host: //p')
SERVER_PKG := edgecore-server-$(VERSION)-$(HOST)
DIST_TOOLS := $(PYTHON_VENV)/.edgecore-dist-tools

$(DIST_TOOLS): $(PY_STAMP) packaging/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r packaging/requirements.txt
	command -v shellcheck >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; }
	touch $@

dist: python-wheel node-build server-release
	rm -rf $(DIST) target/dist && mkdir -p $(DIST) target/dist/$(SERVER_PKG)
	cp target/wheels/edgecore-$(VERSION)-*.whl $(DIST)/
	$(PY) -m maturin sdist -m bindings-python/Cargo.toml -o $(DIST)
	$(NODE) $(NODE_DIR)/scripts/pack.js $(DIST)
	$(CARGO) package -p edgecore --no-verify --allow-dirty
	cp target/package/edgecore-$(VERSION).crate $(DIST)/
	cp target/release/edgecore-server server/README.md server/edgecore.example.toml \
		LICENSE-MIT LICENSE-APACHE CHANGELOG.md target/dist/$(SERVER_PKG)/
	cp -r server/deploy/. target/dist/$(SERVER_PKG)/
	tar -C target/dist --sort=name --owner=0 --group=0 --numeric-owner \
		-czf $(DIST)/$(SERVER_PKG).tar.gz $(SERVER_PKG)
	cd $(DIST) && sha256sum -- * > SHA256SUMS

dist-test: dist $(DIST_TOOLS)
	$(PY) -m pytest -q -p no:cacheprovider packaging

doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --workspace --no-deps --features edgecore/proptest
