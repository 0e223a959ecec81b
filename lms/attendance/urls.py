from django.urls import path

from lms.attendance import views

app_name = "attendance"

urlpatterns = [
    path("mon-espace/", views.trainee_home, name="trainee_home"),
    path("mon-espace/presences/", views.my_attendance, name="my_attendance"),
    path("emargement/", views.index, name="index"),
    path("emargement/creneaux/<int:slot_id>/signer/", views.sign_slot, name="sign"),
    path("emargement/seances/<int:session_id>/", views.session_attendance, name="session"),
    path("emargement/seances/<int:session_id>/action/", views.session_action, name="session_action"),
    path(
        "emargement/seances/<int:session_id>/creneaux/<int:slot_id>/stagiaires/<int:trainee_id>/",
        views.session_cell,
        name="cell",
    ),
    path("emargement/seances/<int:session_id>/feuille.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("emargement/signatures/<int:signature_id>/image/", views.signature_image, name="signature_image"),
    path("rattrapage/<int:catch_up_id>/", views.catch_up_detail, name="catch_up"),
    path("rattrapage/<int:catch_up_id>/<slug:item_key>/", views.catch_up_item, name="catch_up_item"),
    path("rattrapage/supports/<int:material_id>/fichier/", views.material_file, name="material_file"),
]
