"""The interactive API docs are served by Toto itself and load nothing from the internet."""

import re

import pytest

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def local_assets(html: str) -> list[str]:
    """Every URL the page loads or links to; each must be on this server, under /static/ or
    the page's own script."""
    urls = ASSET.findall(html)
    assert urls, "the page references no asset"
    return urls


def assert_browser_kept_local(response) -> None:
    """The page's policy lets the browser load and fetch from this server only (Redoc's footer
    logo sits on a CDN; Swagger UI would call an online validator on a public host)."""
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    for directive in ("default-src", "script-src", "connect-src"):
        assert policy[directive] == "'self'", directive
    assert policy["img-src"] == "'self' data:"
    assert "http" not in response["Content-Security-Policy"]


def assert_served_from_here(client, html: str, *allowed_prefixes: str) -> None:
    for url in local_assets(html):
        assert url.startswith(("/static/", *allowed_prefixes)), url
        if url.startswith("/static/"):
            asset = client.get(url)
            assert asset.status_code == 200, url
            asset.close()
    assert not re.search(r"https?://|//[a-z]", re.sub(r"<!--.*?-->", "", html)), html


def test_swagger_ui_shows_both_documents_from_local_assets(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert_served_from_here(client, html, "/api/docs/?")
    assert "swagger-ui-bundle.js" in html
    assert "<script>" not in html  # no inline script: the page works under a strict CSP
    assert_browser_kept_local(page)

    script_url = next(url for url in local_assets(html) if url.startswith("/api/docs/?"))
    script = client.get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    body = script.content.decode()
    assert '"url": "/api/schema/"' in body and '"url": "/api/schema/content/"' in body
    assert "SwaggerUIStandalonePreset" in body  # the top bar that switches between them
    assert "http://" not in body and "https://" not in body

    content_first = client.get(script_url.replace("&amp;", "&") + "&schema=content")
    assert '"urls.primaryName": "Content API (/api/v2/)"' in content_first.content.decode()
    assert '"validatorUrl": null' in body


@pytest.mark.parametrize(
    ("page", "document"),
    [("/api/redoc/", "/api/schema/"), ("/api/redoc/content/", "/api/schema/content/")],
)
def test_redoc_pages_load_their_document_from_local_assets(client, page, document):
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert_served_from_here(client, html)
    assert_browser_kept_local(response)
    assert f'spec-url="{document}"' in html
    assert "redoc.standalone.js" in html


@pytest.mark.parametrize("url", ["/api/schema/", "/api/schema/content/"])
def test_both_documents_are_public_json_with_a_yaml_variant(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response.json()["openapi"].startswith("3.")
    as_yaml = client.get(url + "?format=yaml")
    assert as_yaml.status_code == 200
    assert as_yaml.content.startswith(b"openapi:")
