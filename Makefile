# edgecore: `make run` runs the main job, `make test` runs every test.
# Both start from a fresh machine: they install what they need themselves.

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: run demo test fmt clippy rust-test examples bench
.PHONY: python-wheel python-test bench-python node-build node-test bench-node

## Main job: one day of the betting platform walked through the core.
run: demo

## The Rust example of a betting day (prices -> fair odds -> stake -> settlement -> CLV -> stats).
demo:
	$(CARGO) run --release -p edgecore --example betting_day

## Every test: formatting, lints, unit/property/vector/doc tests, runnable examples.
test: fmt clippy rust-test examples python-test node-test

fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) test --workspace

examples:
	$(CARGO) run -p edgecore --example betting_day > /dev/null

## Criterion benchmarks (figures in README.md).
bench:
	$(CARGO) bench -p edgecore --benches

## The Node package (bindings-node): install the pinned tools (npm ci, re-run when the lock
## file changes), build the addon and its declarations, type-check the TypeScript usage file,
## run the binding tests and the Node example's tests.
NPM ?= npm
NODE ?= node
NODE_DIR := bindings-node
NODE_STAMP := $(NODE_DIR)/node_modules/.installed

$(NODE_STAMP): $(NODE_DIR)/package-lock.json $(NODE_DIR)/package.json
	cd $(NODE_DIR) && $(NPM) ci --no-audit --no-fund
	touch $@

node-build: $(NODE_STAMP)
	cd $(NODE_DIR) && npx napi build --platform --release --js index.js --dts index.d.ts

node-test: node-build
	cd $(NODE_DIR) && npx tsc --noEmit -p tsconfig.json
	cd $(NODE_DIR) && $(NODE) --test --test-reporter=spec test/*.test.js
	$(NODE) --test --test-reporter=spec examples/node/*.test.js

## Node benchmark against financial and loanjs (installed in bindings-node/bench only).
bench-node: node-build
	cd $(NODE_DIR)/bench && $(NPM) ci --no-audit --no-fund
	cd $(NODE_DIR)/bench && $(NODE) bench.js

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

## Python benchmarks against the libraries in use today (installed into the venv for the
## benchmark only; never a dependency of the package).
bench-python: python-wheel
	$(PY) -m pip install --quiet --disable-pip-version-check penaltyblog shin numpy-financial pyxirr
	$(PY) bindings-python/bench/bench.py
