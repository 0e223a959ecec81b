"""Serves the curriculum's audio, video and caption documents with HTTP range requests, so that
viewers can seek in a video and the LSF video can follow it (Wagtail's document view cannot)."""

import mimetypes
import re

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.documents import get_document_model

from lms.private_files import harden_file_response

# A 206 answer carries at most this much; the browser asks for the rest.
MAX_RANGE_BYTES = 4 * 1024 * 1024
MEDIA_TYPES = ("video/", "audio/", "text/vtt")
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@require_safe
def serve_media(request, document_id: int, document_filename: str):
    """A media document, honouring Wagtail's document privacy hooks and `Range` headers."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    content_type = mimetypes.guess_type(document.filename)[0] or ""
    if document.filename != document_filename or not content_type.startswith(MEDIA_TYPES):
        raise Http404
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result
    try:
        document.file.path  # noqa: B018 - remote storages have no local path
    except NotImplementedError:
        # Remote storages (S3…) support ranges themselves.
        return redirect(document.file.url)
    size = document.file.size
    match = _RANGE.match(request.headers.get("Range", "").strip())
    if not match or not any(match.groups()):
        response = FileResponse(document.file.open("rb"), content_type=content_type)
        response["Accept-Ranges"] = "bytes"
        return harden_file_response(response, private=False)
    first, last = match.groups()
    if first:
        start = int(first)
        end = min(int(last) if last else size - 1, size - 1, start + MAX_RANGE_BYTES - 1)
    else:
        start, end = max(size - int(last), 0), size - 1
    if start >= size or start > end:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    with document.file.open("rb") as handle:
        handle.seek(start)
        data = handle.read(end - start + 1)
    response = HttpResponse(data, status=206, content_type=content_type)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return harden_file_response(response, private=False)
