"""The admins' Content-Security-Policy: which inline scripts core.csp allows by hash."""

import pytest

from core.csp import wagtail_widget_script_hashes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "script",
    [
        'new ImageChooser("id_cover_image", {"modalUrl": "/admin/images/chooser/"});',
        'initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 0, "format": "Y-m-d H:i"});',
    ],
)
def test_wagtails_widget_initialisers_are_allowed_by_their_hash(script):
    assert len(wagtail_widget_script_hashes(f"<p>x</p><script>{script}</script>")) == 1


@pytest.mark.parametrize(
    "script",
    [
        "alert(1)",
        'new ImageChooser("id_x", {}); alert(1);',
        'new ImageChooser("id_x", {}); fetch("//evil.example", {});',
        'initDateTimeChooser("id_x", alert(1));',
        'new ImageChooser("id_x" + alert(1), {});',
        'window.location = "//evil.example"; initDateTimeChooser("id_x", {});',
    ],
)
def test_any_other_inline_script_gets_no_hash(script):
    assert wagtail_widget_script_hashes(f"<script>{script}</script>") == []


def test_the_policy_is_sent_on_the_admins_only(client):
    admin = client.get("/admin/login/")
    assert "script-src 'self'" in admin["Content-Security-Policy"]
    assert "object-src 'none'" in admin["Content-Security-Policy"]
    assert "Content-Security-Policy" in client.get("/django-admin/login/")
    assert "Content-Security-Policy" not in client.get("/api/v2/pages/")
