from django.urls import path

from lms.certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificats/", views.home, name="home"),
    path("certificats/groupes/<int:pk>/", views.group_certificates, name="group"),
    path("certificats/groupes/<int:pk>/delivrer/", views.issue_group, name="issue"),
    path("certificats/lots/<int:pk>/progression/", views.batch_progress, name="batch_progress"),
    path("certificats/<int:pk>/revoquer/", views.revoke, name="revoke"),
    path("certificats/<int:pk>/<str:kind>/", views.download, name="download"),
    path("certificats/organismes/<int:pk>/signataire/", views.signatory, name="signatory"),
    path("certificats/verifier/", views.verify_form, name="verify_form"),
    path("certificats/verifier/<str:code>/", views.verify, name="verify"),
    path("certificats/openbadges/emetteur.json", views.ob_issuer, name="ob_issuer"),
    path("certificats/openbadges/jwks.json", views.ob_jwks, name="ob_jwks"),
    path("certificats/openbadges/formations/<str:audience>.json", views.ob_achievement, name="ob_achievement"),
]
