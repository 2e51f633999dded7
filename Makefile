# Signaal — one entry point. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
RASA := .venv/rasa/bin
WEB := .venv/web/bin
MANAGE := cd intake && ../$(WEB)/python manage.py

.PHONY: help install generate build train run test test-unit test-rasa test-web test-e2e validate \
        test-stories test-scale run-scale bench-load nlu-report supervisor trainer class officer enrolment-code bench bench-queue bench-relay profile pocket-card clean \
        outbox outbox-retry screenshots

help:
	@echo "make run            install, build, train if needed, start everything on 127.0.0.1"
	@echo "make test           install what is needed and run the whole test suite"
	@echo "make test-scale     tests of the scale-out configuration (nginx, PostgreSQL, Redis; faults under load)"
	@echo "make run-scale      the scale-out layout on one machine (SCALE_PORT_BASE=25000: ports printed)"
	@echo "make bench-load USERS=20,50,100   Locust load, whole checks, one Rasa server vs two (docs/scaling.md)"
	@echo "make supervisor NAME=<name> | make trainer NAME=<name> | make officer NAME=<name> | make enrolment-code"
	@echo "make class NAME=<name>  a trainers' class and its join code (trainees type: klas <code>)"
	@echo "make outbox         signals not (yet) at the intake; make outbox-retry ID=<id> after fixing the cause"
	@echo "make bench          Signaal and Rasa's starter bot under the same load; make profile: where a turn's time goes"
	@echo "make nlu-report     understanding on held-out sets and by cross-validation (NLU_SKIP_CV=1: quicker)"
	@echo "make bench-queue    queue and dashboard page times at 10,000 signals, SQLite and PostgreSQL (prints figures)"
	@echo "make pocket-card    the printable pocket card: build/pocket_card.pdf (A6, two sides) and docs/pocket_card.png"

install:
	@scripts/install.sh

# Domain and NLU fragments generated from the catalogue (committed; a test fails on drift).
generate: install
	@$(RASA)/python scripts/generate_rasa.py

# Our Dutch spaCy pipeline, rebuilt when the catalogue or its builder changes.
build/spacy/nl_signaal/meta.json: catalogue/indicators.yml scripts/build_spacy_pipeline.py signaal/ruler_patterns.py signaal/catalogue.py requirements/rasa.lock pyproject.toml
	@scripts/install.sh
	@echo "==> building the Dutch spaCy pipeline"
	@$(RASA)/python scripts/build_spacy_pipeline.py 2>&1 | grep -v -E "tensorflow|cuda|TensorRT|oneDNN|AVX|rebuild TensorFlow" || true
	@test -f $@

# The indicator model, retrained when the catalogue, its voices (also one removed: the folder) or the recogniser change.
build/recogniser/indicators.pkl: build/spacy/nl_signaal/meta.json catalogue/indicators.yml catalogue/voices $(wildcard catalogue/voices/*.yml) $(wildcard signaal/recognition/*.py) scripts/build_recogniser.py
	@echo "==> training the indicator model"
	@$(RASA)/python scripts/build_recogniser.py 2>&1 | grep -v -E "tensorflow|cuda|TensorRT|oneDNN|AVX|rebuild TensorFlow" || true
	@test -f $@

build: install build/spacy/nl_signaal/meta.json build/recogniser/indicators.pkl

train: build
	@scripts/train_if_needed.sh

run: train
	@$(WEB)/python -m stack.run

validate: build
	@$(RASA)/python scripts/generate_rasa.py --check
	@$(RASA)/rasa data validate --config config.yml --domain domain.yml --data data --fail-on-warnings --quiet

test-unit: build
	@echo "==> unit tests (Python 3.10 side)"
	@$(RASA)/python -m pytest -q tests/unit tests/actions
	@echo "==> unit tests (Python 3.12 side)"
	@$(WEB)/python -m pytest -q tests/unit

test-stories: train
	@echo "==> test stories (--fail-on-prediction-errors)"
	@$(RASA)/python -m stack.rasa_entry test core --model "$$($(RASA)/python -m stack.model_key --path)" --stories tests/stories \
	  --fail-on-prediction-errors --out build/results/core --quiet

test-web: install
	@scripts/ensure_chromium.sh
	@scripts/ensure_poppler.sh
	@echo "==> web application and bot tests"
	@$(WEB)/python -m pytest -q tests/web tests/bot

# The screenshots in docs/screenshots/, made by the accessibility browser test.
screenshots: install
	@scripts/ensure_chromium.sh
	@SIGNAAL_UPDATE_SCREENSHOTS=1 $(WEB)/python -m pytest -q tests/web/test_accessibility.py

test-e2e: train
	@scripts/ensure_chromium.sh
	@echo "==> end-to-end tests (real Rasa, action server, web application over HTTP)"
	@$(WEB)/python -m pytest -q tests/e2e

test: validate test-unit test-stories test-web test-e2e
	@echo "==> all tests passed"

# SCALE_PORT_BASE (default 25000) moves every port of the scale layout (stack/scale.py).
test-scale: train
	@scripts/ensure_nginx.sh
	@$(RASA)/python -m pytest -q tests/scale_actions
	@$(WEB)/python -m pytest -q -s -p no:cacheprovider tests/scale

run-scale: train
	@scripts/ensure_nginx.sh
	@$(WEB)/python -m stack.run_scale

# Locust lives in its own environment (.venv/bench, requirements/bench.lock), made here only.
BENCH := .venv/bench/bin
$(BENCH)/.installed: requirements/bench.lock pyproject.toml
	@test -x $(BENCH)/python || python3.12 -m venv .venv/bench
	@$(BENCH)/python -m pip install --quiet --upgrade "pip<25" >/dev/null
	@$(BENCH)/python -m pip install --quiet -r requirements/bench.lock
	@$(BENCH)/python -m pip install --quiet --no-deps -e .  # the locustfile imports stack.officer by name
	@touch $@

bench-load: train $(BENCH)/.installed
	@scripts/ensure_nginx.sh
	@$(WEB)/python -m scripts.bench_load --users "$(or $(USERS),20,50,100)"

# Benchmarks print figures; they are never assertions and never run in `make test`.
bench: train
	@$(WEB)/python -m scripts.bench_stack

bench-queue: install
	@$(WEB)/python -m scripts.bench_queue

bench-relay: install
	@$(WEB)/python -m scripts.bench_relay

# Where one checklist turn's time goes under load (docs/performance.md); py-spy from requirements/tools.lock.
build/tools/.installed: requirements/tools.lock
	@python3 -m venv build/tools
	@build/tools/bin/python -m pip install --quiet -r requirements/tools.lock
	@touch $@

profile: train build/tools/.installed
	@$(WEB)/python -m scripts.profile_turn

nlu-report: train
	@$(RASA)/python scripts/nlu_report.py

supervisor: install
	@test -n "$(NAME)" || { echo "usage: make supervisor NAME=<name>" >&2; exit 2; }
	@$(MANAGE) migrate --noinput >/dev/null
	@$(MANAGE) create_account --role supervisor --name "$(NAME)"

trainer: install
	@test -n "$(NAME)" || { echo "usage: make trainer NAME=<name>" >&2; exit 2; }
	@$(MANAGE) migrate --noinput >/dev/null
	@$(MANAGE) create_account --role trainer --name "$(NAME)"

class: install
	@test -n "$(NAME)" || { echo "usage: make class NAME=<name>" >&2; exit 2; }
	@$(MANAGE) migrate --noinput >/dev/null
	@$(MANAGE) create_class --name "$(NAME)"

officer: install
	@test -n "$(NAME)" || { echo "usage: make officer NAME=<name>" >&2; exit 2; }
	@$(MANAGE) migrate --noinput >/dev/null
	@$(MANAGE) create_account --role officer --name "$(NAME)"

enrolment-code: install
	@$(MANAGE) migrate --noinput >/dev/null
	@$(MANAGE) enrolment_code

# The pocket card from the catalogue (SIGNAAL_BOT_LINK: the bot's t.me link for the QR code).
pocket-card: install
	@scripts/ensure_poppler.sh
	@$(WEB)/python -m scripts.pocket_card --out build/pocket_card.pdf --png docs/pocket_card.png

clean:
	rm -rf build models

# The action side's outbox, for an administrator: pending and refused entries (never their content).
outbox: install
	@$(RASA)/python -m actions.delivery.admin list

outbox-retry: install
	@test -n "$(ID)" || { echo "usage: make outbox-retry ID=<outbox id>"; exit 2; }
	@$(RASA)/python -m actions.delivery.admin retry "$(ID)"
