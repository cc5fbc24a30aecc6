# syntax=docker/dockerfile:1
# Multi-stage build: dependencies and build steps in "build", a slim
# non-root runtime in "runtime". Run with DATABASE_URL, DJANGO_SECRET_KEY and SITE_URL.

FROM python:3.13-slim AS build
ENV UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/venv
# System packages: the one list in scripts/system-packages.txt.
COPY scripts/system-packages scripts/system-packages.txt /tmp/packages/
# uv pinned (hadolint DL3013): the release uv.lock was last written with.
RUN /tmp/packages/system-packages --for build --clean \
 && pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# Build-time steps need settings but no database and no real secret: the
# production settings (manifest storage) with a key used for this step only.
RUN DJANGO_SETTINGS_MODULE=movisie_site.settings.dev \
    /venv/bin/python manage.py compilemessages --ignore=.venv -v 0 \
 && DJANGO_SETTINGS_MODULE=movisie_site.settings.production \
    DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    SITE_URL=https://build.invalid DJANGO_SERVE_MEDIA=true \
    /venv/bin/python manage.py collectstatic --no-input -v 0

FROM python:3.13-slim AS runtime
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=movisie_site.settings.production PORT=8000
# Dossier PDFs (WeasyPrint, dossiers/pdf.py): Pango, HarfBuzz and a font,
# the packages scripts/system-packages.txt lists for the image.
COPY scripts/system-packages scripts/system-packages.txt /tmp/packages/
RUN /tmp/packages/system-packages --for image --clean && rm -rf /tmp/packages
# A numeric user, so the runtime can tell it is not root (hadolint DL3066).
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app \
    --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=10001:10001 /app /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request, sys; sys.exit(0 if urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz\", timeout=4).status == 200 else 1)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "movisie_site.wsgi"]
