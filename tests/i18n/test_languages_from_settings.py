"""The content languages come from settings (CONTENT_LANGUAGES); each has its Locale, created
on migrate; page URLs carry its prefix; Toto's catalogs compile without GNU gettext."""

from pathlib import Path

import polib
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale

from core.locales import LanguageMiddleware, language_prefix_split, locales_ensure
from core.management.commands.compile_catalogs import catalog_compile, toto_catalogs
from toto_site.settings.base import WAGTAILADMIN_PERMITTED_LANGUAGES, _content_languages


def test_the_default_languages_are_english_and_the_learners():
    assert [
        code for code, _ in _content_languages(["es", "pt", "fr", "ja", "vi", "ko", "zh-hans"])
    ] == ["en", "es", "pt", "fr", "ja", "vi", "ko", "zh-hans"]


def test_english_stays_first_and_duplicates_go():
    assert _content_languages([" VI", "en", "vi", ""]) == [("en", "English"), ("vi", "Vietnamese")]


@pytest.mark.parametrize("code", ["zh-cn", "xx", "vietnamese"])
def test_an_unknown_language_code_refuses_to_start(code):
    with pytest.raises(ImproperlyConfigured, match=code):
        _content_languages(["es", code])


def test_editors_pick_the_admin_language_by_its_own_name():
    names = dict(WAGTAILADMIN_PERMITTED_LANGUAGES)
    assert (names["es"], names["vi"], names["zh-hans"]) == ("Español", "Tiếng Việt", "简体中文")


@pytest.mark.django_db
def test_migrate_created_a_locale_per_language():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {
        "en",
        "es",
        "pt",
        "fr",
        "ja",
        "vi",
        "ko",
        "zh-hans",
    }


@pytest.mark.django_db
def test_a_language_added_to_the_settings_gets_its_locale(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("th", "Thai")]

    assert locales_ensure() == ["th"]
    assert locales_ensure() == []
    assert Locale.objects.filter(language_code="th").exists()


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/vi/ngu-phap/", ("vi", "/ngu-phap/")),
        ("/zh-hans/", ("zh-hans", "/")),
        ("/en/grammar/", ("en", "/grammar/")),
        ("/grammar/tenses/", (None, "/grammar/tenses/")),
        ("/video-lessons/", (None, "/video-lessons/")),
        ("/", (None, "/")),
    ],
)
def test_a_page_paths_language_prefix(path, expected):
    assert language_prefix_split(path) == expected


@pytest.mark.parametrize(
    "path, header, expected",
    [
        ("/api/v1/me/", "vi,en;q=0.5", "vi"),
        ("/_allauth/app/v1/auth/signup", "es-MX,es;q=0.9", "es"),
        ("/api/v2/pages/", "zh-CN,zh;q=0.9", "zh-hans"),
        ("/api/v2/pages/", "de", "en"),
        ("/grammar/", "vi", "en"),  # a page URL without prefix is the English page
        ("/vi/ngu-phap/", "es", "vi"),
        ("/admin/", "es", "es"),  # the admin follows the browser (or the editor's setting)
        ("/", "vi", "vi"),
    ],
)
def test_the_request_language(path, header, expected):
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=header)
    try:
        LanguageMiddleware(lambda request: None).process_request(request)
        chosen = request.LANGUAGE_CODE
        assert chosen == expected
    finally:
        translation.deactivate()


def test_catalogs_compile_without_gettext_and_only_when_changed(tmp_path):
    po_path = tmp_path / "django.po"
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "vi"}
    po.append(polib.POEntry(msgid="Hello", msgstr="Xin chào"))
    po.append(polib.POEntry(msgid="Untranslated", msgstr=""))
    po.append(polib.POEntry(msgid="Unsure", msgstr="Chưa chắc", flags=["fuzzy"]))
    po.save(str(po_path))

    assert catalog_compile(po_path) is True
    assert catalog_compile(po_path) is False
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    assert {entry.msgid: entry.msgstr for entry in compiled} == {"Hello": "Xin chào"}


def test_totos_catalogs_are_found_and_the_packages_are_not():
    catalogs = toto_catalogs()
    names = {str(path.relative_to(Path.cwd())) for path in catalogs}
    assert {
        "members/locale/vi/LC_MESSAGES/django.po",
        "members/locale/es/LC_MESSAGES/django.po",
        "core/locale/vi/LC_MESSAGES/django.po",
        "core/locale/es/LC_MESSAGES/django.po",
    } <= names
    assert not any(".venv" in name or "site-packages" in name for name in names)
    call_command("compile_catalogs", verbosity=0)
    assert all(path.with_suffix(".mo").exists() for path in catalogs)


@pytest.mark.parametrize("path", [str(path) for path in toto_catalogs()])
def test_every_catalog_keeps_the_placeholders_of_its_messages(path):
    for entry in polib.pofile(path).translated_entries():
        for placeholder in ("%(email)s", "%(name)s", "%(max)d", "%(n)d", "%(timestamp)s"):
            texts = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
            for text in texts:
                assert (placeholder in entry.msgid) == (placeholder in text), (path, entry.msgid)
