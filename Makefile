# The two commands of the README: `make run` and `make test`. Each installs what it needs, once.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install check-python browser

ASSETS := generated/manifest.json

run: $(VENV)/.installed node_modules/.installed $(ASSETS)
	EIG_EMBEDDED=1 $(BIN)/eig-wizard db upgrade
	EIG_EMBEDDED=1 EIG_PUBLIC_URL=http://$(HOST):$(PORT) $(BIN)/flask --app wizard run --host $(HOST) --port $(PORT)

test: $(VENV)/.installed node_modules/.installed $(ASSETS) browser
	$(BIN)/ruff check --quiet .
	$(BIN)/eig-wizard check
	# one worker per core (pytest-xdist)
	$(BIN)/pytest -q -n auto

install: $(VENV)/.installed node_modules/.installed $(ASSETS)

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est requis.")'
	$(PYTHON) -m venv $(VENV)
	# uv installs what pip would, from PyPI, in seconds instead of half a minute
	$(BIN)/pip install --quiet uv
	# compat mode: the package is found from any working directory (tests, gunicorn, alembic). Compiled now, as pip
	# does: where PYTHONDONTWRITEBYTECODE is set, each process would otherwise compile every dependency again.
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[test]' --config-settings editable_mode=compat
	touch $@

# The DSFR's terms of use are accepted in .dsfr.yml (see docs/adr/001-dsfr-from-npm.md).
node_modules/.installed: package.json package-lock.json .dsfr.yml
	npm ci --no-audit --no-fund
	touch $@

# The static files the pages load, built once (not on each request): only the DSFR they use, content-hashed
# names, brotli and gzip versions (wizard/web/asset_build.py). Rebuilt when a source changes.
# The DSFR's rules are cut to the classes the templates, the code and the rules name (wizard/web/css_pruning.py).
$(ASSETS): $(VENV)/.installed node_modules/.installed $(shell find static templates rules wizard -type f -not -name '*.pyc')
	$(BIN)/python -m wizard.web.asset_build

# Browser tests drive Debian's Chromium, the HTML check runs npm's vnu.jar on Debian's Java; install them when we
# can (root with apt-get), else those tests skip and say why.
browser:
	@if { [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null; } && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null; \
	fi
	@[ -x /usr/bin/chromium ] || echo "Chromium introuvable : les tests dans un navigateur seront ignorés (apt-get install -y chromium)."
	@command -v java >/dev/null || echo "Java introuvable : la validation HTML (vnu) sera ignorée (apt-get install -y default-jre-headless)."
