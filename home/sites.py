"""The default Site follows Toto's configured address (`WAGTAILADMIN_BASE_URL`).

Wagtail builds a page's own URLs (the built-in rendering, previews, links when no app is
configured) from the Site record's host and port; the data migration that made the record
could not know where Toto would run. After every `migrate` (which `make run`, the image's
`RUN_MIGRATIONS` and release steps all run) the record is brought in step.
"""

from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(base_url: str) -> tuple[str, int]:
    """`("toto.example.com", 443)` for `https://toto.example.com/`."""
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def site_sync(site_model, *, base_url: str) -> bool:
    """Give the default site `base_url`'s host and port; True if it changed."""
    hostname, port = site_address(base_url)
    site = site_model.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


def site_sync_after_migrate(sender, apps=None, **kwargs) -> None:
    # `migrate` passes the migrated state's apps; `flush` (tests) sends none: the models then.
    if apps is None:
        from django.apps import apps
    try:
        site_model = apps.get_model("wagtailcore", "Site")
    except LookupError:  # wagtailcore's tables are not there (migrated back to zero)
        return
    if site_sync(site_model, base_url=settings.WAGTAILADMIN_BASE_URL):
        # Wagtail caches the site root paths; a stale entry would keep the old host.
        from wagtail.models import Site

        Site.clear_site_root_paths_cache()
