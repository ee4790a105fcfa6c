"""`/` is a landing page, and the default Site follows Toto's configured address."""

import pytest
from django.test import override_settings
from wagtail.models import Site

from home.sites import site_address, site_sync

pytestmark = pytest.mark.django_db


@override_settings(APP_URL="")
def test_the_landing_page_links_the_admin_the_api_docs_and_health(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for href in ('href="/admin/"', 'href="/api/docs/"', 'href="/readyz"', 'href="/api/v2/pages/"'):
        assert href in html
    assert "Open the learner app" not in html


@override_settings(APP_URL="https://app.toto.example")
def test_with_an_app_the_landing_page_links_it(client):
    html = client.get("/").content.decode()
    assert 'href="https://app.toto.example/"' in html


@override_settings(APP_URL="")
def test_the_landing_page_uses_no_outside_assets(client):
    html = client.get("/").content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://toto.example.com", ("toto.example.com", 443)),
        ("http://toto.example.com/", ("toto.example.com", 80)),
        ("https://toto.example.com:8443/admin", ("toto.example.com", 8443)),
    ],
)
def test_site_address_from_the_base_url(base_url, address):
    assert site_address(base_url) == address


def test_migrate_brought_the_site_to_the_configured_address():
    # WAGTAILADMIN_BASE_URL is http://testserver in the test settings.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)


def test_site_sync_follows_a_new_address_once():
    assert site_sync(Site, base_url="https://toto.example.com") is True
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://toto.example.com"
    assert site_sync(Site, base_url="https://toto.example.com") is False
