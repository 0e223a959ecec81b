"""Adds the security headers Django does not set itself: Content-Security-Policy and
Permissions-Policy (Referrer-Policy, nosniff, framing and COOP come from Django's settings)."""

import functools

from lms.security.csp import policy_for

# Nothing on the platform uses these browser features; H5P content may go full screen.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), fullscreen=(self)"
)
# Pages where people record an answer or a feedback in the browser: microphone and camera, own origin only.
RECORDING_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace("camera=()", "camera=(self)").replace(
    "microphone=()", "microphone=(self)"
)


def allow_recording(view):
    """Lets the page of `view` use the microphone and camera (the browser still asks the person)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Permissions-Policy"] = RECORDING_PERMISSIONS_POLICY
        return response

    return wrapped


class SecurityHeadersMiddleware:
    """Sets Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            is_html = response.get("Content-Type", "").startswith("text/html")
            body = response.content if is_html and not response.streaming else None
            response["Content-Security-Policy"] = policy_for(request.path, body)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
