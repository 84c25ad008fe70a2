# The two commands of the README: `make run` and `make test`. Each installs what it needs, once.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install check-python browser

run: $(VENV)/.installed node_modules/.installed
	EIG_EMBEDDED=1 $(BIN)/eig-wizard db upgrade
	EIG_EMBEDDED=1 EIG_PUBLIC_URL=http://$(HOST):$(PORT) $(BIN)/flask --app wizard run --host $(HOST) --port $(PORT)

test: $(VENV)/.installed node_modules/.installed browser
	$(BIN)/eig-wizard check
	$(BIN)/pytest -q

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est requis.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# compat mode: the package is found from any working directory (tests, gunicorn, alembic)
	$(BIN)/pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $@

# The DSFR's terms of use are accepted in .dsfr.yml (see docs/adr/001-dsfr-from-npm.md).
node_modules/.installed: package.json package-lock.json .dsfr.yml
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's Chromium; install it when we can (root with apt-get), else they skip and say why.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@[ -x /usr/bin/chromium ] || echo "Chromium introuvable : les tests dans un navigateur seront ignorés (apt-get install -y chromium)."
