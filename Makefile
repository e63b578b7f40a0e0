# The two commands of the README: `make run` and `make test`. Both install what they need.
# `python` is the interpreter that .python-version selects (3.12 on these machines).
PYTHON ?= python
UV := $(PYTHON) -m uv
RUN := $(UV) run --frozen
UV_VERSION := 0.13.8

.PHONY: install run test system browser checker lint audit messages

install: system
	@$(PYTHON) -m uv --version 2>/dev/null | grep -q "$(UV_VERSION)" || \
		$(PYTHON) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(UV) sync --frozen --quiet
	$(RUN) manage.py compilemessages --ignore=.venv --verbosity 0

## Install, migrate, create demo data and serve the portal at http://127.0.0.1:8000
run: install
	$(RUN) manage.py migrate --noinput --verbosity 0
	$(RUN) manage.py demo_data
	$(RUN) manage.py runserver 127.0.0.1:8000

## Install everything (Chromium for the browser tests too) and run the whole test suite,
## in two pytest-xdist workers (one per core here: each has its own test database and
## page-cache Redis database); `pytest -n 0` runs it in one process
test: install browser checker
	$(RUN) pytest -n 2

## Debian packages: Voikko (Finnish base forms for finding similar work) for the portal
system:
	@dpkg -s libvoikko1 voikko-fi >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libvoikko1 voikko-fi >/dev/null; }

## Chromium for the browser tests
browser:
	@command -v chromium >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## The Nu HTML checker for tests/test_valid_html.py: vnu.jar from npm's vnu-jar, the version
## pinned in package-lock.json (installed once; run by the system's Java 17, so the package's
## own Java download is skipped)
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
checker: $(VNU_JAR)
	@command -v java >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }

$(VNU_JAR): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	npm ci --silent --ignore-scripts --no-audit --no-fund
	@touch $@

lint:
	$(RUN) ruff check .
	$(RUN) bandit -q -c pyproject.toml -r network governance preparation communications
	$(RUN) ruff format --check .
	$(RUN) mypy
	$(RUN) manage.py makemigrations --check --dry-run

## Known vulnerabilities in the locked packages (needs PyPI's vulnerability API, which
## these machines cannot reach; run it where the network allows)
audit:
	$(UV) export --frozen --no-hashes --quiet > .audit-requirements.txt
	$(UV) tool run pip-audit --strict --requirement .audit-requirements.txt; \
		status=$$?; rm -f .audit-requirements.txt; exit $$status

## Refresh the message catalogs after changing interface strings
messages:
	$(RUN) manage.py makemessages -l fi -l sv -l en --ignore=.venv --ignore=tests --ignore=staticfiles --ignore=node_modules --no-obsolete
