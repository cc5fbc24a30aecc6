# The two commands a newcomer needs: `make run` and `make test`.
# Both install the locked dependencies with uv and start an embedded
# PostgreSQL when DATABASE_URL is unset (see movisie_site/devdb.py).

SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
UV ?= $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := $(UV) run --frozen
PORT ?= 8000
export PORT

VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: system-packages system-packages-run system-packages-serve manage run serve test docs docs-serve lint format messages install node_modules screenshots lighthouse clean-data bench faults loadtest backup restore

# uv itself comes from PyPI when it is not on the machine yet.
.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

# The system packages (scripts/system-packages.txt): installed when missing
# as root on Debian; elsewhere make stops here with the command to run.
system-packages:
	@scripts/system-packages --for test
system-packages-run:
	@scripts/system-packages --for run
system-packages-serve:
	@scripts/system-packages --for serve

# Quiet: a fresh install lists about a hundred packages; errors still show.
install: $(UV)
	@$(UV) sync --frozen --all-groups --quiet

# The Nu Html Checker the tests validate pages with, pinned in package-lock.json.
# npm ci runs again only when the lock file changes.
node_modules: $(VNU_JAR)
$(VNU_JAR): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: install
	@$(PY) python manage.py compilemessages --ignore=.venv --ignore=.tools -v 0

run: system-packages-run install messages
	@$(PY) python -m movisie_site.devdb run

# The site as production runs it: gunicorn (production settings) behind the
# caching proxy (Varnish with the xkey vmod) on PORT, with make run's
# database; Ctrl-C stops it all. See docs/operators/caching-proxy.md.
serve: system-packages-serve install messages
	@$(PY) python -m scripts.serve

# A management command against the database `make run` uses, e.g.
# make manage ARGS="createsuperuser". Reuses a running embedded PostgreSQL and
# leaves it running; starts (and afterwards stops) one when none runs.
manage: install messages
	$(PY) python -m movisie_site.devdb exec -- python manage.py $(ARGS)

# Fails, never skips, when a tool is missing; SKIP_BROWSER=1 make test leaves
# the browser tests out (and needs no Chromium).
test: system-packages install messages lint docs node_modules
	$(PY) pytest

# The documentation site (mkdocs.yml, docs/) into .data/docs-site; --strict
# turns every warning (a broken link or anchor) into a failure. Material for
# MkDocs prints a notice about its successor on every build; it is silenced.
# Its output shows only on failure (--quiet would also hide, and so not count,
# the warnings --strict fails on).
docs: install
	@out=$$(NO_MKDOCS_2_WARNING=1 $(PY) mkdocs build --strict 2>&1) || { echo "$$out"; exit 1; }

docs-serve: install
	NO_MKDOCS_2_WARNING=1 $(PY) mkdocs serve --dev-addr 127.0.0.1:8001

# PNGs of every page type (desktop and phone width) in artifacts/screenshots/.
screenshots: install messages
	$(PY) pytest tests/browser -m screenshots -q

# Lighthouse's four scores (performance, accessibility, best practices, SEO)
# of home, dossier, version, comparison, article, search and theme pages of a
# running site: `make run` in one terminal, `make lighthouse` in another
# (LIGHTHOUSE_URL, LIGHTHOUSE_PRESET=desktop; see scripts/lighthouse.py).
# Not part of `make test`.
lighthouse: install node_modules
	$(PY) python -m scripts.lighthouse

lint: install
	$(PY) ruff check .
	$(PY) ruff format --check .

format: install
	$(PY) ruff check --fix .
	$(PY) ruff format .

# Collect the translatable strings of code and templates into locale/nl.
makemessages: install
	$(PY) python manage.py makemessages -l nl --extension=html,txt,py,xsl --ignore=.venv --ignore=.tools --ignore=staticfiles --no-obsolete

# Throughput of an article page with 200 reactions next to a trivial view,
# on gunicorn with the production settings (see scripts/bench.py); searches
# at size; the Drupal import; a version diff; a dossier version's first PDF
# and a cached download (scripts/bench_pdf.py).
bench: install messages
	@status=0; \
	$(PY) python -m scripts.bench || status=1; \
	$(PY) python -m scripts.bench_search || status=1; \
	$(PY) python -m scripts.bench_drupal || status=1; \
	$(PY) python -m scripts.bench_diff || status=1; \
	$(PY) python -m scripts.bench_pdf || status=1; \
	exit $$status

clean-data:
	$(PY) python -m movisie_site.devdb reset

# Server time of searches with 10,000 articles and 200 dossiers (production settings).
# Fault injection: PostgreSQL stopped and made read-only under reader load.
faults: install messages
	$(PY) python -m scripts.faults

# Mixed traffic for LOAD_SECONDS (60) with locust against gunicorn (production settings).
loadtest: install messages
	$(PY) python -m scripts.loadtest

# A backup of the database and the uploads into BACKUP_DIR (default .data/backups),
# and its restore into an empty database (see README "Backups"). With
# DATABASE_URL unset they use make run's embedded PostgreSQL.
BACKUP_DIR ?= .data/backups
backup: install
	$(PY) python -m movisie_site.devdb exec -- $(PY) python manage.py backup_site $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=.data/backups/movisie-..."; exit 2; }
	$(PY) python -m movisie_site.devdb exec -- $(PY) python manage.py restore_site $(BACKUP)
