"""The one text policy for what members write and other members read: plain text, no markup.

Comments, report notes, role-request notes and names reach other people (as `display_name`,
in the apps, in the admin). The apps show them as text, but a client that ever renders one as
HTML must find nothing to run, so markup is removed when it is written, by a maintained HTML
parser and sanitiser (nh3, the Python binding of ammonia) with no tag allowed at all:

- a tag goes, its text stays (`<b>hi</b>` → `hi`); `<script>`/`<style>` go with their content;
- an unclosed tag goes to the end of the text, as a browser would read it
  (`<img src=x onerror=alert(1)//`, `<svg/onload=...`);
- what is not markup stays readable: `I <3 English & 2 < 3` is kept as typed (nh3 escapes it,
  the text is unescaped again afterwards);
- escaped markup (`&lt;img onerror=…&gt;`) is unescaped and cleaned again, until nothing
  changes, so no stored text turns into markup when a client decodes its entities.

Whitespace is tidied too: control characters dropped, spaces collapsed, at most one empty line
in a row (or a single line, for names).
"""

from __future__ import annotations

import html
import re

import nh3

# Passes of clean + unescape; real text is stable after one or two. Text still changing after
# these (nested escapes meant to outlast the cleaner) loses every "<" instead.
MAX_PASSES = 5
_BLANK_LINES = re.compile(r"\n{3,}")


def _strip_markup_once(text: str) -> str:
    cleaned = nh3.clean(
        text,
        tags=set(),
        attributes={},
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )
    return html.unescape(cleaned)


def markup_free(text: str) -> str:
    """`text` without any HTML markup, entities decoded, readable characters kept."""
    for _ in range(MAX_PASSES):
        cleaned = _strip_markup_once(text)
        if cleaned == text:
            return cleaned
        text = cleaned
    return text.replace("<", "")


def plain_text(value: str, *, multiline: bool = True) -> str:
    """What a member wrote, as plain text other members can be shown: markup removed (see the
    module's docstring), control characters dropped, whitespace tidied. Single-line text
    (`multiline=False`, e.g. names) has every run of whitespace made one space."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = markup_free(text)
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    if not multiline:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines).strip())
