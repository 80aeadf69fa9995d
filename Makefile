# mantetong: `make run` and `make test` work on a fresh machine; both install
# what is missing first (scripts/setup.sh, idempotent).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/e2e/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

WASM := scripts/wasm.sh
PORT ?= 8080

INTAKE := target/release/mantetong-intake

.PHONY: setup build intake run test test-size test-native test-wasm-core test-wasm test-e2e test-npm test-hostile npm size bench clean

setup:
	scripts/setup.sh

## build: the release app in dist/, with brotli/gzip copies and a size report
build: setup
	$(WASM) node scripts/build-app.mjs
	$(WASM) node scripts/build-reader.mjs dist
	node scripts/region-index.mjs dist
	node scripts/paper-pages.mjs dist
	node scripts/service-worker.mjs dist
	node scripts/size-report.mjs dist --write

## intake: the reference submission endpoint (protocol v1), which also serves the app
intake:
	cargo build --release -p mantetong-intake

## run: build, then serve the app with the reference intake server as its
## endpoint on http://127.0.0.1:$(PORT) (applications kept in .data/intake)
run: build intake
	$(INTAKE) --listen 127.0.0.1:$(PORT) --data .data/intake --static dist

## test: every test there is, native, wasm in Chromium, e2e with axe, sizes
test: setup test-native test-wasm-core test-wasm test-npm build test-size intake test-hostile test-e2e
	@echo "make test: all suites passed"

test-native:
	cargo test --workspace

# The core must stay free of IO and native-only crates: it ships in the app.
test-wasm-core:
	$(WASM) cargo check -p mantetong-core --lib --target wasm32-unknown-unknown

test-wasm:
	$(WASM) cargo test -p mantetong-app --target wasm32-unknown-unknown

## test-size: the first load within its 120 KB brotli budget (issue 7)
test-size:
	node scripts/size-report.mjs dist --check --out target/size-check.md

test-e2e:
	cd e2e && playwright test

## test-hostile: the intake against a hostile internet (issue 14): the
## generated hostile-package corpus (three ZIP readers agree on all it
## stores; bounded time and memory), then schemathesis against
## docs/openapi.yaml in bounded time (tests/hostile/)
test-hostile: intake
	python3 tests/hostile/hostile_packages.py --intake $(INTAKE) --port $${MTT_HOSTILE_PORT:-8133} --out target/hostile
	MTT_INTAKE=$(INTAKE) tests/hostile/schemathesis.sh

## test-scale: the intake on real PostgreSQL (Debian's) and S3 (moto's server,
## PyPI) behind several replicas, on loopback (issue 17; scripts/test-scale.sh)
.PHONY: test-scale
test-scale: setup
	scripts/test-scale.sh

## bench-scale: only the intake-at-scale part of make bench (docs/bench-scale.md)
.PHONY: bench-scale
bench-scale: intake
	BENCH_SKIP_BUILD=1 scripts/bench-intake-scale.sh

## npm: the npm package @mantetong/core in target/npm/ (and target/mantetong-core-VERSION.tgz)
npm: setup
	scripts/npm-package.sh

## test-npm: the JS API gives what the CLI gives, on every golden and acceptance case
test-npm: npm
	cargo build --release --bin mantetong
	node npm/test.mjs

size:
	node scripts/size-report.mjs dist

bench:
	scripts/bench.sh

clean:
	rm -rf dist target e2e/test-results e2e/screenshots
