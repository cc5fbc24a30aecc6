"""Site-wide middleware: headers Django has no setting for, and a calm 503."""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.middleware import csp
from django.template.loader import render_to_string
from django.utils.csp import CSP, build_policy

logger = logging.getLogger(__name__)


class SecurityHeadersMiddleware:
    """Adds a ``Permissions-Policy`` header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's, with the policy of a response that used no nonce built once.

    Django builds the header from ``SECURE_CSP`` on every response (a tenth
    of a millisecond, a sixth of the whole middleware stack of /healthz,
    measured with ``python -m scripts.profile_requests``); without a nonce
    (every public page, see settings) it is the same text each time. A view's
    own policy (``@csp_override``) or a used nonce goes through Django's code.
    """

    _built: tuple = (None, None, ())

    def process_response(self, request, response):
        if (
            csp.get_nonce(request)
            or hasattr(response, "_csp_config")
            or hasattr(response, "_csp_ro_config")
        ):
            return super().process_response(request, response)
        enforce, report_only = settings.SECURE_CSP, settings.SECURE_CSP_REPORT_ONLY
        built_enforce, built_report_only, headers = self._built
        # Compared by identity, kept referenced: settings overridden in a
        # test are new objects, so they are built again.
        if built_enforce is not enforce or built_report_only is not report_only:
            headers = tuple(
                (str(header), build_policy(config))
                for header, config in (
                    (CSP.HEADER_ENFORCE, enforce),
                    (CSP.HEADER_REPORT_ONLY, report_only),
                )
                if config
            )
            self._built = (enforce, report_only, headers)
        for header, policy in headers:
            if policy and header not in response:
                response.headers[header] = policy
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
