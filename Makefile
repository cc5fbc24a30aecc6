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

.PHONY: run test lint format messages install clean-data bench check-deploy

# uv itself comes from PyPI when it is not on the machine yet.
.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen --all-groups

messages: install
	$(PY) python manage.py compilemessages --ignore=.venv --ignore=.tools -v 0

run: install messages
	$(PY) python -m movisie_site.devdb run

test: install messages lint
	$(PY) pytest

lint: install
	$(PY) ruff check .
	$(PY) ruff format --check .

format: install
	$(PY) ruff check --fix .
	$(PY) ruff format .

# Collect the translatable strings of code and templates into locale/nl.
makemessages: install
	$(PY) python manage.py makemessages -l nl --ignore=.venv --ignore=.tools --ignore=staticfiles --no-obsolete

# Throughput of an article page with 200 reactions next to a trivial view,
# on gunicorn with the production settings (see scripts/bench.py).
bench: install
	$(PY) python scripts/bench.py

clean-data:
	$(PY) python -m movisie_site.devdb reset
