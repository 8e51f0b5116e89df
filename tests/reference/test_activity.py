"""A work item's activity: its creation, each field a PATCH changed, each comment."""

from __future__ import annotations

from tests.reference.conftest import Api
from tests.reference.endpoints import PROJECT


def test_activity_records_creation_changes_and_comments(own: Api) -> None:
    item = own.client.post(f"{PROJECT}/issues/", json={"name": "tracked"}).json()
    base = f"{PROJECT}/work-items/{item['id']}"
    own.client.patch(f"{base}/", json={"priority": "high", "name": "tracked"})
    own.client.post(f"{base}/comments/", json={"comment_html": "<p>hi</p>"})
    entries = own.client.get(f"{base}/activities/").json()["results"]
    assert [(e["verb"], e["field"]) for e in entries] == [
        ("created", None),
        ("updated", "priority"),
        ("created", "comment"),
    ]
    assert (entries[1]["old_value"], entries[1]["new_value"]) == ("none", "high")
    one = own.client.get(f"{base}/activities/{entries[1]['id']}/").json()
    assert one == entries[1]
