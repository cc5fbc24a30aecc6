from django.urls import path

from . import views

app_name = "follows"

urlpatterns = [
    path(
        "dossiers/<slug:slug>/volgen/",
        views.follow,
        {"kind": "dossier"},
        name="follow_dossier",
    ),
    path(
        "dossiers/<slug:slug>/volgen/aangevraagd/",
        views.requested,
        {"kind": "dossier"},
        name="requested_dossier",
    ),
    path(
        "themas/<slug:slug>/volgen/",
        views.follow,
        {"kind": "theme"},
        name="follow_theme",
    ),
    path(
        "themas/<slug:slug>/volgen/aangevraagd/",
        views.requested,
        {"kind": "theme"},
        name="requested_theme",
    ),
    path("volgen/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("volgen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
