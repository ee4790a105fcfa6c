"""`make bench` only (`toto_site.settings.bench`): Toto's URLs, plus

- `/stock/v2/pages/`: Wagtail's stock `PagesAPIViewSet` on the same database, the comparison;
- `/api/bench/trivial/`: the cheapest Django view behind the same middleware, the ceiling.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import path
from rest_framework.permissions import AllowAny
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from core.api import PagesAPIViewSet as TotoPagesAPIViewSet
from toto_site.urls import handler500  # noqa: F401 - the same error pages
from toto_site.urls import urlpatterns as toto_urlpatterns


class StockPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's own queries, filters, serializers and errors. Only what a project has to set
    anyway differs from the class as shipped: public access (the project's default permission is
    IsAuthenticated), the project's authentication (the JWT row), and the same listing fields as
    Toto (a lesson body in detail only, else `fields=*` would also send 5 KB bodies)."""

    permission_classes = [AllowAny]
    detail_only_fields = TotoPagesAPIViewSet.detail_only_fields


def trivial(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})


stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", StockPagesAPIViewSet)

urlpatterns = [
    path("api/bench/trivial/", trivial, name="bench-trivial"),
    path("stock/v2/", stock_router.urls),
    *toto_urlpatterns,
]
