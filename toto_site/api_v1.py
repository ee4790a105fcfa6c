"""Everything under /api/v1/: one include per app that serves learners."""

from django.urls import include, path

urlpatterns = [
    path("", include("members.urls")),
    path("", include("lessons.urls")),
    path("abroad/", include("abroad.urls")),
]
