"""Only live, public pages are ever served anonymously, whichever way they are asked for.

One tree holds a page in every state an editor can leave it in; each state gets a word found
nowhere else, so a search for it proves the page (or its draft) is hidden, and a search for the
public lesson's word proves that search itself works (the index is updated on publish).

The tree takes seconds to build, so it is built once for the module inside a transaction that
is rolled back after the last test; each test still runs in its own savepoint.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction, Site

from lessons.models import CategoryPage, LessonPage, SubcategoryPage
from tests.lessons import builders

pytestmark = pytest.mark.django_db


def draft_child(parent: Page, page: Page) -> Page:
    """A page an editor created and saved as a draft, never published."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    page.refresh_from_db()
    return page


def html_path(page: Page) -> str:
    return page.get_url()


@dataclass
class Tree:
    visible: dict[str, Page]
    hidden: dict[str, Page]
    # the search word of every hidden page (or hidden draft) by the name used in `hidden`
    hidden_words: dict[str, str]


@pytest.fixture(scope="module")
def tree(module_db) -> Tree:
    home_page = Site.objects.get(is_default_site=True).root_page.specific
    grammar, tenses = builders.lesson_tree(home_page)
    public = builders.lesson(tenses, "Present simple", intro="A lesson about the quokka.")

    # Published once, then changed in a draft that is not published: the draft must not leak.
    changed = builders.lesson(tenses, "Present perfect", intro="A lesson about the wombat.")
    changed.title = "Xylophone perfect"
    changed.intro = "A draft about the xylophone."
    changed.slug = "xylophone-perfect"
    changed.save_revision()

    never_published = draft_child(
        tenses, LessonPage(title="Zeppelin lesson", intro="About the zeppelin.")
    )
    unpublished = builders.lesson(tenses, "Marmalade lesson", intro="About the marmalade.")
    unpublished.unpublish()

    login_only = builders.subcategory(grammar, "Members corner")
    PageViewRestriction.objects.create(page=login_only, restriction_type=PageViewRestriction.LOGIN)
    login_lesson = builders.lesson(login_only, "Kumquat lesson", intro="About the kumquat.")

    teachers_only = builders.subcategory(grammar, "Teachers room")
    restriction = PageViewRestriction.objects.create(
        page=teachers_only, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Privacy test editors"))
    teachers_lesson = builders.lesson(teachers_only, "Pangolin lesson", intro="The pangolin.")

    # A whole section saved as a draft, whose subpages were published by mistake.
    draft_category = draft_child(home_page, CategoryPage(title="Walrus drafts", intro="Walrus."))
    draft_section = builders.subcategory(draft_category, "Narwhal section")
    draft_section_lesson = builders.lesson(draft_section, "Narwhal lesson", intro="Narwhal.")

    # A published section taken offline (its subpages left live).
    offline_category = builders.category(home_page, "Capybara corner")
    offline_section = builders.subcategory(offline_category, "Capybara section")
    offline_lesson = builders.lesson(offline_section, "Capybara lesson", intro="Capybara.")
    offline_category.unpublish()

    return Tree(
        visible={
            "home": home_page,
            "grammar": grammar,
            "tenses": tenses,
            "public": public,
            "changed": changed,
        },
        hidden={
            "never_published": never_published,
            "unpublished": unpublished,
            "login_only": login_only,
            "login_lesson": login_lesson,
            "teachers_only": teachers_only,
            "teachers_lesson": teachers_lesson,
            "draft_category": draft_category,
            "draft_section": draft_section,
            "draft_section_lesson": draft_section_lesson,
            "offline_category": offline_category,
            "offline_section": offline_section,
            "offline_lesson": offline_lesson,
        },
        hidden_words={
            "changed": "xylophone",
            "never_published": "zeppelin",
            "unpublished": "marmalade",
            "login_lesson": "kumquat",
            "teachers_lesson": "pangolin",
            "draft_category": "walrus",
            "draft_section_lesson": "narwhal",
            "offline_lesson": "capybara",
        },
    )


def listed_ids(api_client, query: str = "") -> set[int]:
    response = api_client.get(f"/api/v2/pages/?limit=100&{query}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] == len(data["items"])
    return {item["id"] for item in data["items"]}


def ids(pages) -> set[int]:
    return {page.pk for page in pages}


# --- listings ----------------------------------------------------------------------------------


def test_the_listing_holds_exactly_the_live_public_pages(api_client, tree):
    assert listed_ids(api_client) == ids(tree.visible.values())


def test_the_lesson_listing_holds_only_live_public_lessons(api_client, tree):
    expected = {tree.visible["public"].pk, tree.visible["changed"].pk}
    assert listed_ids(api_client, "type=lessons.LessonPage") == expected
    assert listed_ids(api_client, "type=lessons.LessonPage&fields=*") == expected


def test_the_section_listings_hold_only_live_public_sections(api_client, tree):
    assert listed_ids(api_client, "type=lessons.CategoryPage") == {tree.visible["grammar"].pk}
    assert listed_ids(api_client, "type=lessons.SubcategoryPage") == {tree.visible["tenses"].pk}


def test_children_listings_hold_only_live_public_children(api_client, tree):
    home, grammar, tenses = (tree.visible[name] for name in ("home", "grammar", "tenses"))
    assert listed_ids(api_client, f"child_of={home.pk}") == {grammar.pk}
    assert listed_ids(api_client, f"child_of={grammar.pk}") == {tenses.pk}
    assert listed_ids(api_client, f"child_of={tenses.pk}") == {
        tree.visible["public"].pk,
        tree.visible["changed"].pk,
    }


def test_descendant_listings_hold_only_live_public_pages(api_client, tree):
    expected = ids(tree.visible.values()) - {tree.visible["home"].pk}
    assert listed_ids(api_client, f"descendant_of={tree.visible['home'].pk}") == expected


@pytest.mark.parametrize("name", ["login_only", "teachers_only", "draft_category"])
@pytest.mark.parametrize("filter_name", ["child_of", "descendant_of"])
def test_the_contents_of_a_hidden_section_cannot_be_listed(api_client, tree, name, filter_name):
    response = api_client.get(f"/api/v2/pages/?{filter_name}={tree.hidden[name].pk}")
    assert response.status_code == 400
    assert "doesn't exist" in response.json()["detail"]


# --- detail and find ---------------------------------------------------------------------------


def test_every_hidden_page_is_not_found_in_detail(api_client, tree):
    for name, page in tree.hidden.items():
        response = api_client.get(f"/api/v2/pages/{page.pk}/")
        assert response.status_code == 404, name
        assert "Xylophone" not in response.content.decode()


def test_every_visible_page_is_found_in_detail(api_client, tree):
    for name, page in tree.visible.items():
        assert api_client.get(f"/api/v2/pages/{page.pk}/").status_code == 200, name


def test_every_hidden_page_is_not_found_by_its_path(api_client, tree):
    for name, page in tree.hidden.items():
        response = api_client.get("/api/v2/pages/find/", {"html_path": html_path(page)})
        assert response.status_code == 404, (name, html_path(page))


def test_every_visible_page_is_found_by_its_path(api_client, tree):
    for name, page in tree.visible.items():
        response = api_client.get("/api/v2/pages/find/", {"html_path": html_path(page)})
        assert response.status_code == 302, name
        assert response["Location"].startswith(f"http://testserver/api/v2/pages/{page.pk}/")


# --- a live page with an unpublished draft -----------------------------------------------------


def test_a_page_with_a_pending_draft_is_served_as_published(api_client, tree):
    changed = tree.visible["changed"]
    assert LessonPage.objects.get(pk=changed.pk).has_unpublished_changes

    detail = api_client.get(f"/api/v2/pages/{changed.pk}/").json()
    assert detail["title"] == "Present perfect"
    assert detail["intro"] == "A lesson about the wombat."
    assert detail["meta"]["slug"] == "present-perfect"

    listing = api_client.get(f"/api/v2/pages/?type=lessons.LessonPage&fields=*&id={changed.pk}")
    assert [item["title"] for item in listing.json()["items"]] == ["Present perfect"]


def test_the_draft_title_of_a_page_never_appears_anywhere(api_client, tree):
    changed = tree.visible["changed"]
    urls = [
        "/api/v2/pages/?fields=*&limit=100",
        "/api/v2/pages/?type=lessons.LessonPage&fields=*",
        f"/api/v2/pages/?child_of={tree.visible['tenses'].pk}&fields=*",
        f"/api/v2/pages/{changed.pk}/",
        "/api/v2/pages/?search=wombat&fields=*",
    ]
    for url in urls:
        response = api_client.get(url)
        assert response.status_code == 200, url
        assert "ylophone" not in response.content.decode(), url


def test_a_pending_draft_slug_does_not_find_the_page(api_client, tree):
    response = api_client.get(
        "/api/v2/pages/find/", {"html_path": "/grammar/tenses/xylophone-perfect/"}
    )
    assert response.status_code == 404
    response = api_client.get(
        "/api/v2/pages/find/", {"html_path": "/grammar/tenses/present-perfect/"}
    )
    assert response.status_code == 302


# --- search ------------------------------------------------------------------------------------


def search_ids(api_client, word: str, query: str = "") -> set[int]:
    response = api_client.get(f"/api/v2/pages/?search={word}&{query}")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_published_lessons_are_found_by_search_right_after_publishing(api_client, tree):
    # The index is updated by the publish signal: no update_index run is needed.
    assert search_ids(api_client, "quokka") == {tree.visible["public"].pk}
    assert search_ids(api_client, "wombat") == {tree.visible["changed"].pk}
    assert search_ids(api_client, "quokka", "type=lessons.LessonPage") == {
        tree.visible["public"].pk
    }


def test_a_lesson_published_later_is_found_once_published(api_client, tree):
    lesson = draft_child(tree.visible["tenses"], LessonPage(title="Okapi", intro="The okapi."))
    assert search_ids(api_client, "okapi") == set()
    lesson.get_latest_revision().publish()
    assert search_ids(api_client, "okapi") == {lesson.pk}


@pytest.mark.parametrize(
    "name",
    [
        "changed",
        "never_published",
        "unpublished",
        "login_lesson",
        "teachers_lesson",
        "draft_category",
        "draft_section_lesson",
        "offline_lesson",
    ],
)
@pytest.mark.parametrize("query", ["", "type=lessons.LessonPage", "search_operator=or"])
def test_hidden_pages_and_drafts_are_never_found_by_search(api_client, tree, name, query):
    assert search_ids(api_client, tree.hidden_words[name], query) == set()


def test_searching_hidden_words_alongside_a_public_one_finds_only_the_public_page(api_client, tree):
    words = " ".join(["quokka", *tree.hidden_words.values()])
    found = search_ids(api_client, words, "search_operator=or")
    assert found == {tree.visible["public"].pk}


def test_the_pages_are_really_in_the_search_index(tree):
    # Guards the search tests above: hidden pages are filtered out by the API, not merely
    # missing from the index.
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert backend.search("kumquat", LessonPage).count() == 1
    assert backend.search("zeppelin", LessonPage).count() == 1


def test_restricted_pages_are_hidden_from_the_subcategory_models_too(api_client, tree):
    hidden_sections = {tree.hidden["login_only"].pk, tree.hidden["teachers_only"].pk}
    found = listed_ids(api_client, "type=lessons.SubcategoryPage")
    assert not found & hidden_sections
    assert SubcategoryPage.objects.filter(pk__in=hidden_sections, live=True).count() == 2
