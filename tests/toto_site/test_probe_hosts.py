"""Probes answer whatever Host the orchestrator sends; everything else still checks it."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_for_hosts_outside_allowed_hosts(client, path):
    response = client.get(path, HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_other_paths_still_refuse_unknown_hosts(client):
    assert client.get("/api/v2/pages/", HTTP_HOST="evil.example").status_code == 400
