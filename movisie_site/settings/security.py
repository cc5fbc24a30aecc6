"""Security headers in every environment: a strict Content-Security-Policy
(nothing from third parties, no inline script or style) and friends."""

from urllib.parse import urlsplit

from django.utils.csp import CSP

from .files import MEDIA_URL

# --- Security headers (every environment) -----------------------------------
_media = urlsplit(MEDIA_URL)
MEDIA_ORIGIN = [f"{_media.scheme}://{_media.netloc}"] if _media.netloc else []
# A strict policy: nothing from third parties, no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    # The nonce is only added to the header on pages that use it: the admin's
    # rich-text editor needs its inline <script type="importmap"> (rendered by
    # django-js-asset with {% csp_nonce_attr %}). Public pages never read the
    # nonce, so readers get plain "script-src 'self'".
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # Uploaded images come from the media origin when it is not this site.
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGIN],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "manifest-src": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
