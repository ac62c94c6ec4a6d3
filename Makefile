# PartnerPath: `make demo` to try it, `make test` to check it. Only Python 3.11 and pip needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_HOST := 127.0.0.1
DEMO_PORT := 8000
# Plain HTTP on localhost: the production settings' HTTPS-only switches are turned off here only.
DEMO_ENV := SECRET_KEY_FILE=var/secret_key DEBUG=false \
	SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false \
	SECURE_HSTS_SECONDS=0

.PHONY: help venv demo test

help:
	@echo "make demo   create .venv, migrate var/partnerpath.sqlite3, load the demo programme and"
	@echo "            serve it with the worker on http://$(DEMO_HOST):$(DEMO_PORT)/ (login demo / demo)"
	@echo "make test   ruff, mypy, Django checks, pytest on SQLite and PostgreSQL, browser tests"

venv: $(STAMP)

# Re-installs whenever the lock or the project metadata change.
$(STAMP): requirements/dev.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 is needed (python3.11 not found)." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.lock || { \
	  echo "Installing the locked packages failed. PyICU (used by the screening engine's" >&2; \
	  echo "transliteration) builds from source: it needs ICU's headers and pkg-config, e.g." >&2; \
	  echo "  apt-get install libicu-dev pkg-config   (Debian/Ubuntu)" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

var/secret_key: | $(STAMP)
	mkdir -p var
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

demo: venv var/secret_key
	mkdir -p var
	@echo "Applying database migrations..."
	$(DEMO_ENV) $(BIN)/partnerpath manage migrate --no-input --verbosity 0
	$(DEMO_ENV) $(BIN)/partnerpath demo load
	@echo ""
	@echo "  PartnerPath demo: http://$(DEMO_HOST):$(DEMO_PORT)/"
	@echo "  Log in as user 'demo' with password 'demo'. Press Ctrl+C to stop."
	@echo ""
	$(DEMO_ENV) $(BIN)/partnerpath serve --host $(DEMO_HOST) --port $(DEMO_PORT)

test: venv
	scripts/test.sh
