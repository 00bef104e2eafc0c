# cfntool: `make run` runs the main job on templates/, `make test` runs the tests.
SWIFT   ?= swift
RELEASE := .build/release/cfntool
DEBUG   := .build/debug/cfntool
CORPUS  ?= ../shared/corpus
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
VERSION := $(shell sed -n 's/.*static let version = "\(.*\)".*/\1/p' Sources/CFNModel/Release.swift)
ARCH    := $(shell uname -m)
DIST    := cfntool-$(VERSION)-linux-$(ARCH)
# The tests of the parallel paths: bulk lint with --jobs, diff's parallel decode, the split verifier.
TSAN_TESTS ?= RuleLanesTests|LintCommandTests|DiffCommandTests|SplitCommandTests|DeterminismTests|KillLoopTests|CFNSplitTests

.PHONY: bench-instructions bench-check asan tsan dist fuzz fuzz-build conformance conformance-injected run test deps pydeps build release bench format lint-format check-convert check-conditions check-readme-package check-fix check-sam verify-split verify-split-sam check-split-previous check-deploy clean

# libyaml's headers (Debian: libyaml-dev) are the one system dependency.
deps:
	@pkg-config --exists yaml-0.1 2>/dev/null || { \
	  echo "installing libyaml-dev"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libyaml-dev pkg-config; }

build: deps
	$(SWIFT) build

# The release binary links the Swift runtime in, as the one that ships (make dist): no dynamic
# relocations at start-up. Every release build uses the same flags (bench.sh too), so the
# build folder is never rebuilt for a change of flags.
RELEASE_FLAGS := -c release --static-swift-stdlib

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product cfntool

# The main job on the bundled templates: lint, canonical form, contents, quotas, and a split of the
# Serverless API (small, so split to 10 resources a stack to show the layout).
run: release
	@echo "== cfntool lint templates/"
	@$(RELEASE) lint templates/ && echo "no findings"
	@echo
	@echo "== cfntool fmt --check templates/*"
	@$(RELEASE) fmt --check templates/* && echo "all templates are in canonical form"
	@echo
	@echo "== cfntool info templates/*"
	@$(RELEASE) info templates/*
	@echo
	@echo "== cfntool count templates/*"
	@$(RELEASE) count templates/*
	@echo
	@echo "== cfntool split templates/serverless-api.yaml -o .build/run/serverless-api --max-resources 10"
	@rm -rf .build/run/serverless-api && mkdir -p .build/run
	@$(RELEASE) split templates/serverless-api.yaml -o .build/run/serverless-api --max-resources 10
	@$(RELEASE) count .build/run/serverless-api/manifest.json

# The tests compare with cfn-lint 1.51.0's decoder and aws-sam-translator 1.110.0's fixtures, and
# validate SARIF with sarif-pydantic.
pydeps:
	@python3 -c "import cfnlint" 2>/dev/null || pip install -q "cfn-lint==1.51.0"
	@python3 -c "import sarif_pydantic" 2>/dev/null || pip install -q "sarif-pydantic==0.6.2"
	@python3 -c "import importlib.metadata as m; assert m.version('aws-sam-translator') == '1.110.0'" 2>/dev/null || \
	  pip install -q "aws-sam-translator==1.110.0"

test: deps pydeps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 scripts/check-convert.py --cfntool $(DEBUG) --corpus $(CORPUS) --sample 120
	python3 scripts/schema-bundle.py check
	python3 scripts/check-sam.py --cfntool $(DEBUG) --sample 5 --min 0.95 --show 5
	python3 scripts/check-fix.py --cfntool $(DEBUG) --corpus $(CORPUS)/templates --corpus Tests/Fixtures/injected/templates --sample 10
	python3 scripts/sam-data.py check
	python3 scripts/iam-actions.py check
	python3 scripts/iam-policy-schemas.py check
	python3 scripts/step-functions-schema.py check
	python3 scripts/resource-attribute-schemas.py check
	python3 scripts/iam-resources.py check
	bash scripts/check-lsp-editor.sh nvim $(DEBUG)
	bash scripts/check-lsp-editor.sh emacs $(DEBUG)

# The test suite under AddressSanitizer (and LeakSanitizer), in its own build folder: the CLI
# tests run the sanitized binary beside the test bundle, so its reports fail them too. Every test
# is a Swift Testing test: the empty XCTest pass is skipped (XCTest's runner leaks at exit);
# scripts/lsan.supp names the one leak of the test process's own (Foundation's Process.run).
asan: deps pydeps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  $(SWIFT) test --skip-build --disable-xctest --sanitize=address --scratch-path .build-asan

# The tests of the parallel paths under ThreadSanitizer (all the tests: make tsan TSAN_TESTS=.).
tsan: deps pydeps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --disable-xctest --sanitize=thread --scratch-path .build-tsan --filter '$(TSAN_TESTS)'

# The release binary (the Swift runtime linked in) and the schema bundle beside it:
# dist/cfntool-VERSION-linux-ARCH.tar.gz, then checked unpacked outside the checkout.
dist: release
	rm -rf dist/$(DIST) dist/$(DIST).tar.gz
	mkdir -p dist/$(DIST)/bin dist/$(DIST)/share/cfntool
	cp $(RELEASE) dist/$(DIST)/bin/cfntool
	strip dist/$(DIST)/bin/cfntool
	cp -R Sources/CFNSchema/Data dist/$(DIST)/share/cfntool/schemas
	cp README.md CHANGELOG.md dist/$(DIST)/
	tar -C dist -czf dist/$(DIST).tar.gz $(DIST)
	rm -rf dist/$(DIST)
	bash scripts/check-dist.sh dist/$(DIST).tar.gz $(VERSION)

# Agreement with cfn-lint 1.51.0's saved findings on the shared corpus, per rule, each level
# separately: the plain CloudFormation templates, every SAM corpus file (most are translator
# inputs without the Transform line: E3006/E3038 on their SAM types), and the SAM templates that
# declare the transform (linted on the transform's output, as cfn-lint does).
conformance: release
	python3 ../shared/tools/conformance.py --cfntool $(RELEASE) --corpus $(CORPUS) --kind cfn --levels E
	python3 ../shared/tools/conformance.py --cfntool $(RELEASE) --corpus $(CORPUS) --kind cfn --levels W
	python3 ../shared/tools/conformance.py --cfntool $(RELEASE) --corpus $(CORPUS) --kind sam --levels E
	python3 ../shared/tools/conformance.py --cfntool $(RELEASE) --corpus $(CORPUS) --kind sam --levels W
	python3 ../shared/tools/conformance.py --cfntool $(RELEASE) --corpus $(CORPUS) --kind sam --with-transform --levels E
	python3 ../shared/tools/conformance.py --cfntool $(RELEASE) --corpus $(CORPUS) --kind sam --with-transform --levels W

# Agreement with cfn-lint 1.51.0 on templates with one injected resource-property error each
# (built by scripts/inject-errors.py; labels saved in Tests/Fixtures/injected/expected).
conformance-injected: release
	python3 ../shared/tools/conformance.py --cfntool $(RELEASE) --corpus Tests/Fixtures/injected --kind cfn --levels E

# Every corpus template: cfntool convert --to json equals cfn-lint's reading of it.
check-convert: release
	python3 scripts/check-convert.py --cfntool $(RELEASE) --corpus $(CORPUS)

# W8003, W1028 and W1001 against cfn-lint 1.51.0 on 200 made-up templates full of conditions.
check-conditions: release
	python3 scripts/check-conditions.py --cfntool $(RELEASE)

# The SAM transform against aws-sam-translator 1.110.0: every one of SAM's own fixtures (../shared/sam),
# the corpus templates that declare the transform, and our own test templates' expected outputs.
check-sam: deps
	$(SWIFT) build --product cfntool
	python3 scripts/check-sam.py --cfntool $(DEBUG) --min 0.95
	python3 scripts/check-sam-corpus.py --cfntool $(DEBUG) --corpus $(CORPUS)
	python3 scripts/sam-expected.py check

# The README's library example built as a user builds it: a new package depending on this one.
# lint --fix --unsafe-fixes (then --fix alone) over every corpus template and every injected-error
# template: the fixed files parse, lose no comment, change only inside the fixes' edits, show none
# of the fixed findings and nothing new, and a second --fix changes nothing.
check-fix: build
	python3 scripts/check-fix.py --cfntool $(DEBUG) --corpus $(CORPUS)/templates --corpus Tests/Fixtures/injected/templates
	python3 scripts/check-fix.py --cfntool $(DEBUG) --corpus $(CORPUS)/templates --corpus Tests/Fixtures/injected/templates --safe-only

check-readme-package: deps
	bash scripts/check-readme-package.sh

# Every split output of the 40- and 300-function templates passes cfn-lint as well as the input.
verify-split: release
	bash scripts/verify-split.sh

# SAM apps of 60, 150 and 300 functions (scripts/gen-sam-app.py), split with every strategy: each
# verifies, keeps every quota, merges back to the processed template, is identical on a rerun, and
# cfn-lint finds no error in the outputs that it does not find in the app.
verify-split-sam: release
	bash scripts/verify-split-sam.sh

# split --previous over Serverless apps growing 90 -> 95 -> 120 -> 300 functions, every strategy,
# at --max-resources 200 and 20: never more moves than a fresh split, no move of a named resource;
# the stack refactor files of a forced move checked against botocore's model of CreateStackRefactor;
# --max-resources 2, 5 and 20 on every corpus template (each template within N, or exit 2 and why).
check-split-previous: release
	python3 scripts/check-split-previous.py --cfntool $(RELEASE)

# The README's Serverless deploy recipe, run as written against moto (S3 and CloudFormation on a
# local port): a 100-function app split and deployed, then updated to 110 with --previous, and the
# deployed stacks checked against the split output. Installs moto[server] when it is missing.
check-deploy: release
	bash scripts/check-deploy.sh

bench: release
	bash scripts/bench.sh

# Instruction counts (callgrind) of the benchmark workloads, which do not drift on a busy
# machine: bench-instructions measures and writes scripts/bench/instructions.tsv (commit it);
# bench-check measures and fails when a workload costs more than 10% above the committed counts.
bench-instructions: release
	bash scripts/bench-instructions.sh

bench-check: release
	bash scripts/bench-instructions.sh --check

# libFuzzer targets (Fuzz/: yaml, json, lint, fmt, split, diff) with AddressSanitizer, built in a
# scratch path of their own so the main build never sees the sanitizer flags. `make fuzz` runs each
# target FUZZ_SECONDS and fails on any crash, leak, hang or round-trip mismatch (scripts/fuzz.sh).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= yaml json lint fmt split diff sam lsp fix
# One product at a time: a plain `swift build` there would also link cfntool's own executables
# with libFuzzer's main, which fails.
fuzz-build: deps
	for t in $(FUZZ_TARGETS); do \
	  SWIFT_BACKTRACE=enable=no $(SWIFT) build -c release --package-path Fuzz --scratch-path .build-fuzz \
	    -Xswiftc -sanitize=fuzzer,address --product fuzz-$$t || exit 1; \
	done

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" CORPUS=$(CORPUS) bash scripts/fuzz.sh

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Benchmarks

lint-format:
	$(SWIFT) format lint --recursive Sources Tests Benchmarks

clean:
	rm -rf .build .build-fuzz .build-asan .build-tsan dist
