"""The one check for every redirect to a URL the request names (`next`): only a path of this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str, *, param: str = "next") -> str:
    """The `next` parameter (POST first, then GET) if it is a local path of this site, else `fallback`.

    Refuses other hosts, scheme-relative URLs (`//evil.example`), backslashes (`/\\evil.example`,
    read as `//` by browsers), any scheme (`javascript:`, `https:`) and control characters.
    """
    target = request.POST.get(param) or request.GET.get(param) or ""
    if is_local_path(target, request):
        return target
    return fallback


def is_local_path(target: str, request=None) -> bool:
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(character) < 32 or ord(character) == 127 for character in target):
        return False
    hosts = {request.get_host()} if request is not None else set()
    return url_has_allowed_host_and_scheme(target, allowed_hosts=hosts, require_https=False)
