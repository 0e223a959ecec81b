"""Benchmark-only URLs: the two floors and the PDF renderers, in front of the platform's own URLs."""

import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template import engines
from django.urls import include, path

from benchmarks.certificates import document

BARE = engines["django"].from_string("<!doctype html><title>floor</title><p>{{ greeting }}</p>")


def bare_floor(request):
    """The framework's floor: one tiny template, no session, no database."""
    return HttpResponse(BARE.render({"greeting": "Bonjour"}, request))


@login_required
def auth_floor(request):
    """The "auth floor": the project's base page for a logged-in person (session, user, context processors)."""
    return render(request, "base.html", {})


@login_required
def certificate_pdf(request):
    """A certificat de réalisation with its QR code, rendered on each request like a batch does."""
    from lms.certificates.documents import render_realisation

    return HttpResponse(render_realisation(document(request.user.pk), with_qr=True), content_type="application/pdf")


@login_required
def reportlab_pdf(request):
    """The PDF floor: the same text drawn with reportlab's built-in Helvetica, no font embedding, no QR."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    data = document(request.user.pk)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    y = 800
    lines = [data.trainee_name, data.course_title, data.organisation_name, data.organisation_address, data.code]
    lines += [f"{code} {label}" for code, label in data.objectives]
    lines += [f"{code} {label} {result}" for code, label, result in data.results]
    for line in lines:
        pdf.drawString(50, y, line)
        y -= 16
        if y < 60:
            pdf.showPage()
            y = 800
    pdf.save()
    return HttpResponse(buffer.getvalue(), content_type="application/pdf")


urlpatterns = [
    path("__bench__/bare/", bare_floor),
    path("__bench__/auth/", auth_floor),
    path("__bench__/certificat.pdf", certificate_pdf),
    path("__bench__/reportlab.pdf", reportlab_pdf),
    path("", include("lms.urls")),
]
