"""HTTP caching for public pages.

Readers get ``Cache-Control: public, max-age=…`` and an ETag computed from
the rendered page, so a conditional GET is answered with 304. The ETag covers
everything on the page (including reactions added by other apps), so it can
never be stale. Staff may be looking at a preview: their responses are
private and never stored. ``Vary: Cookie`` keeps shared caches from handing a
staff preview to a reader or the other way round.

The views themselves must not touch the session for anonymous readers beyond
asking who the user is (no writes, no cookies, no CSRF token).
"""

from functools import wraps

from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
)
from django.views.decorators.http import conditional_page

READER_MAX_AGE = 300  # seconds: short, so corrections reach readers quickly


def cache_for_readers(view=None, *, max_age=READER_MAX_AGE):
    def decorator(view_func):
        @conditional_page
        @wraps(view_func)
        def wrapped(request, *args, **kwargs):
            response = view_func(request, *args, **kwargs)
            if request.user.is_authenticated:
                add_never_cache_headers(response)
                patch_cache_control(response, private=True)
            elif response.status_code == 200:
                patch_cache_control(response, public=True, max_age=max_age)
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapped

    return decorator(view) if view is not None else decorator
