from django.urls import path

from lms.reporting import views

app_name = "reporting"

urlpatterns = [
    path("indicateurs/", views.dashboard, name="dashboard"),
    path("indicateurs/groupes/", views.groups, name="groups"),
    path("indicateurs/groupes/<int:pk>/", views.group_detail, name="group"),
    path("indicateurs/definitions/", views.catalogue, name="catalogue"),
    path("indicateurs/exports/", views.export_start, name="export_start"),
    path("indicateurs/exports/<int:pk>/", views.export_detail, name="export_detail"),
    path("indicateurs/exports/<int:pk>/fichier/", views.export_download, name="export_download"),
]
urlpatterns += [
    path("indicateurs/resultats/", views.results_index, name="results_index"),
    path("indicateurs/resultats/<int:pk>/", views.results, name="results"),
]
urlpatterns += [
    path("indicateurs/rapports/", views.reports, name="reports"),
    path("indicateurs/rapports/<int:pk>/", views.report_detail, name="report"),
    path("indicateurs/rapports/<int:pk>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("indicateurs/rapports/<int:pk>/rapport.xlsx", views.report_xlsx, name="report_xlsx"),
]
urlpatterns += [
    path("indicateurs/bpf/<int:pk>/", views.bpf, name="bpf"),
    path("indicateurs/bpf/<int:pk>/bpf.xlsx", views.bpf_download, name="bpf_xlsx"),
]
