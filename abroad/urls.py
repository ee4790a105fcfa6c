"""Study-abroad endpoints under /api/v1/abroad/: institutions, programs, homestays."""

urlpatterns: list = []
