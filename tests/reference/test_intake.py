"""The intake: proposed work items wait in triage, out of the project's list, until accepted."""

from __future__ import annotations

import uuid

from tests.reference.conftest import Api
from tests.reference.endpoints import WORKSPACE


def _project(own: Api, **views: bool) -> str:
    tag = uuid.uuid4().hex[:8].upper()
    body = {"name": f"Intake {tag}", "identifier": tag, **views}
    return (
        f"{WORKSPACE}/projects/{own.client.post(f'{WORKSPACE}/projects/', json=body).json()['id']}"
    )


def test_an_item_waits_in_triage_until_accepted(own: Api) -> None:
    project = _project(own, intake_view=True)
    made = own.client.post(f"{project}/intake-issues/", json={"issue": {"name": "idea"}})
    assert made.status_code == 201
    item = made.json()
    assert (item["status"], item["source"]) == (-2, "IN_APP")
    assert item["issue_detail"]["state"]["group"] == "triage"
    listed = {i["id"] for i in own.client.get(f"{project}/issues/").json()["results"]}
    assert item["issue"] not in listed
    accepted = own.client.patch(f"{project}/intake-issues/{item['issue']}/", json={"status": 1})
    assert accepted.json()["status"] == 1
    assert accepted.json()["issue_detail"]["state"]["group"] == "backlog"
    listed = {i["id"] for i in own.client.get(f"{project}/issues/").json()["results"]}
    assert item["issue"] in listed


def test_withdrawing_a_pending_item_deletes_its_work_item(own: Api) -> None:
    project = _project(own, intake_view=True)
    item = own.client.post(f"{project}/intake-issues/", json={"issue": {"name": "x"}}).json()
    assert own.client.delete(f"{project}/intake-issues/{item['issue']}/").status_code == 204
    assert own.client.get(f"{project}/issues/{item['issue']}/").status_code == 404


def test_intake_must_be_switched_on_and_needs_a_name(own: Api) -> None:
    off = _project(own)
    refused = own.client.post(f"{off}/intake-issues/", json={"issue": {"name": "x"}})
    assert refused.status_code == 400
    assert "not enabled" in refused.json()["error"]
    # reads answer either way, as on the real server
    assert own.client.get(f"{off}/intake-issues/").status_code == 200
    on = _project(own, intake_view=True)
    nameless = own.client.post(f"{on}/intake-issues/", json={"issue": {}})
    assert (nameless.status_code, nameless.json()["field"]) == (400, "issue")
