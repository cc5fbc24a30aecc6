# TEMPORARY (reactions branch); the content branch's version replaces this file.
from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
]
