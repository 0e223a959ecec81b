"""Error pages in the site's layout and the visitor's language: 403 and 404 use Django's handlers
with templates/403.html and templates/404.html; the CSRF failure and the 500 page are ours.

The 500 page must show whatever broke (the database, a context processor): it renders a template
that extends nothing and runs no context processor.
"""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

# Shown if even the minimal template cannot render (e.g. a broken template loader).
FALLBACK_500 = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Erreur — EPoP formations</title></head>'
    "<body><main><h1>Une erreur est survenue</h1><p>Réessayez dans quelques minutes.</p>"
    '<p><a href="/">Retour à l\'accueil</a></p></main></body></html>'
)


def csrf_failure(request, reason=""):
    """A form sent without (or with an outdated) security token, e.g. after a long pause."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    try:
        body = loader.get_template(template_name).render({})
    except Exception:  # noqa: BLE001 — the last resort must answer
        body = FALLBACK_500
    return HttpResponseServerError(body)
