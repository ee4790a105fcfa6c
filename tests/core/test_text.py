"""core.text.plain_text: what members write is stored as plain text, never as markup."""

import nh3
import pytest

from core.text import plain_text

ATTACKS = [
    "<img src=x onerror=alert(1)//",
    "<svg/onload=alert(1)>",
    "<svg/onload=alert(1)",
    "<script>alert(1)</script>",
    "<a href='javascript:alert(1)'>x</a>",
    "<iframe src=//evil.example>",
    "&lt;img src=x onerror=alert(1)&gt;",
    "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
    "<<script>script>alert(1)<</script>/script>",
    "<div style='background:url(javascript:alert(1))'>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_markup_survives_even_unclosed_or_escaped(attack):
    cleaned = plain_text(f"Nice lesson {attack} thanks")
    assert "<" not in cleaned.replace("<3", "")
    assert "onerror" not in cleaned and "onload" not in cleaned
    assert "javascript:" not in cleaned
    # Stable: cleaning again (or a client decoding entities) finds nothing more to remove.
    assert plain_text(cleaned) == cleaned
    assert nh3.clean(cleaned, tags=set()) == nh3.clean(cleaned, tags=set())


@pytest.mark.parametrize(
    "text",
    [
        "I <3 English & 2 < 3",
        "5 > 3 and 3 < 5, so 3 <= 5",
        'Tom & Jerry\'s "quotes" stay',
        "café, naïve, 日本語, emoji 👍",
        "a < b",
    ],
)
def test_text_that_is_not_markup_is_kept_as_typed(text):
    assert plain_text(text) == text


def test_tags_go_and_their_text_stays_scripts_go_with_their_content():
    assert plain_text("<b>Very</b> <i>clear</i>") == "Very clear"
    assert plain_text("before<script>alert(1)</script>after") == "beforeafter"
    assert plain_text("x<style>p {}</style>y") == "xy"


def test_whitespace_and_control_characters_are_tidied():
    assert plain_text("  one \x00\x07 two\r\n\r\n\r\n\r\nthree  ") == "one two\n\nthree"
    assert plain_text("Ana\n  Maria\t", multiline=False) == "Ana Maria"
