"""Site-wide middleware: headers Django has no setting for, and a calm 503."""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class SecurityHeadersMiddleware:
    """Adds a ``Permissions-Policy`` header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def is_database_unavailable(exc: BaseException) -> bool:
    """True for errors that mean PostgreSQL cannot be reached or written to."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    # A read-only database (a replica in recovery, or
    # default_transaction_read_only) raises InternalError "read-only transaction".
    return isinstance(exc, DatabaseError) and "read-only" in str(exc)


def service_unavailable_response(request):
    from django.http import HttpResponse

    html = render_to_string("503.html", request=None)
    response = HttpResponse(html, status=503)
    response.headers["Retry-After"] = "30"
    response.headers["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 with a Dutch page when the database is down or read-only.

    The template renders without the database (no request context, so no
    session or user lookups), and no traceback reaches the visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s",
            request.method,
            request.path,
            str(exception).strip().splitlines()[0] if str(exception) else exception,
        )
        return service_unavailable_response(request)
