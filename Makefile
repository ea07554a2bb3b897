# edgecore: `make run` runs the main job, `make test` runs every test.
# Both start from a fresh machine: they install what they need themselves.

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: run demo test fmt clippy rust-test examples bench

## Main job: one day of the betting platform walked through the core.
run: demo

## The Rust example of a betting day (prices -> fair odds -> stake -> settlement -> CLV -> stats).
demo:
	$(CARGO) run --release -p edgecore --example betting_day

## Every test: formatting, lints, unit/property/vector/doc tests, runnable examples.
test: fmt clippy rust-test examples

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
	$(CARGO) bench -p edgecore
