# Ensemble: `make run` serves the demo, `make test` runs every check. Both set themselves up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
LOCALES := fr en es ar
export FLASK_APP := feedback_app

.PHONY: run test lint audit lock format install install-test system-packages-run system-packages-test i18n-extract i18n-update i18n-compile bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every install takes the versions locked in constraints.txt (refresh them with `make lock`).
$(VENV)/.installed: $(BIN)/python setup.cfg constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

i18n-compile: install
	$(BIN)/pybabel compile --statistics -d translations 2>&1 | grep -v "^compiling" || true
	@$(BIN)/pybabel compile -d translations >/dev/null

run: install i18n-compile system-packages-run
	@mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	@echo ""
	@echo "Ensemble is running on http://$(HOST):$(PORT)/"
	@echo "Demo staff logins (password: $${DEMO_PASSWORD:-ensemble-demo-2026}):"
	@echo "  admin@example.org   facilitator@example.org   analyst@example.org"
	@echo "Sign in at http://$(HOST):$(PORT)/login  (Ctrl+C stops the server)"
	@echo ""
	$(BIN)/gunicorn --config python:feedback_app.gunicorn_config --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} 'feedback_app:create_app()'

system-packages-run:
	@$(PYTHON) tools/system_packages.py run

system-packages-test:
	@$(PYTHON) tools/system_packages.py test

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Known vulnerabilities in the locked versions; says so loudly when it cannot reach the data
# (tools/audit_dependencies.py explains what passes and what fails).
audit: install-test
	$(BIN)/python tools/audit_dependencies.py

# The newest versions setup.cfg allows, resolved in a fresh environment, become the lock.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/pip install --quiet -e '.[dev,postgres]'
	{ sed -n '/^#/p' constraints.txt; .venv-lock/bin/pip freeze --all --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf .venv-lock
	@echo "constraints.txt refreshed: review the diff (git diff constraints.txt), run make test, commit."

test: install-test i18n-compile system-packages-test lint audit
	$(BIN)/python -m pytest -n auto --dist loadfile --ignore=tests/browser
	@# Browser tests in a run of their own: Playwright's sync API refuses a process where an
	@# earlier test (schemathesis, anyio) left an asyncio loop behind.
	$(BIN)/python -m pytest -n auto --dist loadfile tests/browser

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

i18n-extract: install-test
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --sort-by-file --no-wrap -o translations/messages.pot --project Ensemble --copyright-holder "Ensemble contributors" .

i18n-update: i18n-extract
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(BIN)/python tools/fill_english_catalogue.py

bench: install-test
	$(BIN)/python bench/analysis_bench.py
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/load.py --residents 20 --duration 10 --faults
	$(BIN)/python bench/insights_scale.py --responses 10000

clean:
	rm -rf $(VENV) .venv-lock instance/ensemble.db* .pytest_cache .ruff_cache
