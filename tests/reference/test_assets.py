"""Files as upload tickets: an attachment, a workspace asset and a user's image are created
with where to upload the bytes, and shown once marked uploaded."""

from __future__ import annotations

import httpx

from conformance.reference.seed import seed_id
from tests.reference.conftest import Api
from tests.reference.endpoints import PROJECT, WORKSPACE

FILE = {"name": "notes.txt", "type": "text/plain", "size": 5}


def test_an_attachment_is_listed_once_uploaded(own: Api) -> None:
    base = f"{PROJECT}/work-items/{seed_id('issue-3')}/attachments/"
    made = own.client.post(base, json=FILE)
    assert made.status_code == 201
    ticket = made.json()
    # the attachment itself (what Plane's SDK reads), and the real server's ticket beside it
    assert ticket["id"] == ticket["asset_id"] == ticket["attachment"]["id"]
    assert ticket["attributes"] == FILE
    assert ticket["upload_data"]["fields"]["key"] == ticket["asset"]
    assert own.client.get(base).json() == []
    assert own.client.get(f"{base}{ticket['id']}/").status_code == 400
    upload = httpx.post(ticket["upload_data"]["url"], data=ticket["upload_data"]["fields"])
    assert upload.status_code == 204
    marked = own.client.patch(f"{base}{ticket['id']}/", json={"is_uploaded": True})
    assert marked.json()["is_uploaded"] is True
    assert [a["id"] for a in own.client.get(base).json()] == [ticket["id"]]
    old_path = f"{PROJECT}/issues/{seed_id('issue-3')}/issue-attachments/{ticket['id']}/"
    assert own.client.get(old_path).json()["id"] == ticket["id"]
    assert own.client.delete(f"{base}{ticket['id']}/").status_code == 204
    assert own.client.get(base).json() == []


def test_bad_files_are_400(api: Api) -> None:
    base = f"{PROJECT}/work-items/{seed_id('issue-3')}/attachments/"
    for field, value in (("name", ""), ("type", "text"), ("size", 0)):
        response = api.client.post(base, json={**FILE, field: value})
        assert (response.status_code, response.json()["field"]) == (400, field)


def test_a_workspace_asset_tells_where_to_download_it(own: Api) -> None:
    body = {**FILE, "external_source": "sync", "external_id": "n-1"}
    asset = own.client.post(f"{WORKSPACE}/assets/", json=body).json()
    path = f"{WORKSPACE}/assets/{asset['asset_id']}/"
    assert own.client.get(path).status_code == 400
    own.client.patch(path, json={"is_uploaded": True})
    download = own.client.get(path).json()
    assert (download["asset_id"], download["asset_name"]) == (asset["asset_id"], "notes.txt")
    assert own.client.post(f"{WORKSPACE}/assets/", json=body).status_code == 409


def test_a_users_image_must_be_an_image(own: Api) -> None:
    avatar = {"name": "me.png", "type": "image/png", "size": 10, "entity_type": "USER_AVATAR"}
    made = own.client.post("/assets/user-assets/", json=avatar)
    assert made.status_code == 201
    path = f"/assets/user-assets/{made.json()['asset_id']}/"
    assert own.client.patch(path, json={"is_uploaded": True}).json()["is_uploaded"] is True
    assert own.client.delete(path).status_code == 204
    text = own.client.post("/assets/user-assets/", json={**avatar, "type": "text/plain"})
    assert text.status_code == 400
