from django.urls import path

from lms.tenders import views

app_name = "tenders"

urlpatterns = [
    path("appels-d-offres/", views.public_calls, name="public_calls"),
    path("appels-d-offres/<int:pk>/", views.public_call, name="public_call"),
    path("appels-d-offres/<int:pk>/ocds.json", views.public_call_ocds, name="public_call_ocds"),
    path("appels-d-offres/inscription/", views.register, name="register"),
    path("appels-d-offres/inscription/merci/", views.register_thanks, name="register_thanks"),
    path("appels-d-offres/cahier-des-charges/", views.specification, name="specification"),
    path("appels-d-offres/cahier-des-charges/publier/", views.specification_publish, name="specification_publish"),
    path("appels-d-offres/equipe/", views.team_calls, name="team_calls"),
    path("appels-d-offres/equipe/nouveau/", views.call_create, name="call_create"),
    path("appels-d-offres/equipe/<int:pk>/", views.call_manage, name="call_manage"),
    path("appels-d-offres/equipe/<int:pk>/rapport-d-analyse.pdf", views.call_report, name="call_report"),
    path("appels-d-offres/equipe/<int:pk>/publier/", views.call_publish, name="call_publish"),
    path("appels-d-offres/equipe/<int:pk>/sans-suite/", views.call_abandon, name="call_abandon"),
    path("appels-d-offres/equipe/<int:pk>/conformite/", views.call_compliance, name="call_compliance"),
    path("appels-d-offres/equipe/<int:pk>/declaration/", views.call_declare, name="call_declare"),
    path("appels-d-offres/equipe/<int:pk>/lots/<int:lot_pk>/attribuer/", views.lot_award, name="lot_award"),
    path("appels-d-offres/equipe/offres/<int:pk>/notation/", views.bid_score, name="bid_score"),
    path("appels-d-offres/equipe/offres/<int:pk>/consolidation/", views.bid_consolidate, name="bid_consolidate"),
    path(
        "appels-d-offres/equipe/<int:pk>/lots/<int:lot_pk>/sensibilite/", views.lot_sensitivity, name="lot_sensitivity"
    ),
    path(
        "appels-d-offres/equipe/inscriptions/<int:pk>/decision/",
        views.registration_decision,
        name="registration_decision",
    ),
    path("appels-d-offres/<int:pk>/questions/", views.ask_question, name="ask_question"),
    path("appels-d-offres/equipe/questions/<int:pk>/reponse/", views.answer_question, name="answer_question"),
    path("appels-d-offres/<int:pk>/lots/<int:lot_pk>/offre/", views.bid_form, name="bid_form"),
    path("appels-d-offres/mes-offres/", views.my_bids, name="my_bids"),
    path("appels-d-offres/mes-offres/<int:pk>/", views.my_bid, name="my_bid"),
    path("appels-d-offres/mes-offres/<int:pk>/retirer/", views.bid_withdraw, name="bid_withdraw"),
    path("appels-d-offres/offres/<int:pk>/lettre.pdf", views.bid_letter, name="bid_letter"),
    path(
        "appels-d-offres/offres/<int:pk>/lettre-sans-suite.pdf",
        views.bid_abandonment_letter,
        name="bid_abandonment_letter",
    ),
]
