"""``plane-conformance verify``: an untouched report verifies; every edit of a status, an
exchange or an artifact makes it exit 1 and name what changed; a signed report verifies only
with its public key; what cannot be read is exit 2."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.reference import ServerConfig
from conformance.report import MANIFEST_SCHEMA, schema_errors
from tests.runner.conftest import run_cli
from tests.shared_folder import shared_folder
from tests.suite_runs import MATRIX_TICK, shared_run


def write_keys(directory: Path, name: str) -> tuple[Path, Path]:
    key = Ed25519PrivateKey.generate()
    private = directory / f"{name}.pem"
    public = directory / f"{name}.pub.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


# A run against a server that answers an invalid key 403 (AUTH-02 fails): the fault matrix's run
INVALID_KEY_403 = ServerConfig(faults=frozenset({"invalid-key-403"}))


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A signing key and its public key, and another public key: the same in every worker, as
    the signed run is."""

    def make(folder: Path) -> None:
        write_keys(folder, "signing")
        write_keys(folder, "other")

    folder = shared_folder(tmp_path_factory, "verify-keys", make)
    return {
        "private": folder / "signing.pem",
        "public": folder / "signing.pub.pem",
        "other": folder / "other.pub.pem",
    }


@pytest.fixture(scope="module")
def signed_report(tmp_path_factory: pytest.TempPathFactory, keys: dict[str, Path]) -> Path:
    """That run, signed."""
    signing = ("--plane-sign-key", str(keys["private"]))
    return shared_run(tmp_path_factory, INVALID_KEY_403, *signing, sample=True) / "report"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_run(tmp_path_factory, INVALID_KEY_403, sample=True, tick=MATRIX_TICK) / "report"


def copy(report: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(report, tmp_path / "copy"))


def edit_json(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document, indent=2))


def set_status(rid: str, status: str) -> Callable[[dict[str, object]], None]:
    def change(document: dict[str, object]) -> None:
        for requirement in document["requirements"]:  # type: ignore[attr-defined]
            if requirement["id"] == rid:
                requirement["status"] = status

    return change


def rehash(directory: Path, *names: str) -> None:
    """What a forger without the signing key does: make the manifest match the edited files."""

    def change(manifest: dict[str, object]) -> None:
        for name in names:
            digest = hashlib.sha256((directory / name).read_bytes()).hexdigest()
            manifest["artifacts"][name] = digest  # type: ignore[index]

    edit_json(directory / "manifest.json", change)


def exchange_lines(directory: Path) -> list[str]:
    return (directory / "exchanges.jsonl").read_text().splitlines()


def test_an_untouched_report_verifies(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "verify", str(report))
    assert result.code == 0, result.out
    assert result.out.splitlines()[-1].startswith("verified: 5 files and ")
    assert "not signed" in result.out
    assert "changed:" not in result.out


def test_the_manifest_states_the_run(report: Path) -> None:
    manifest = json.loads((report / "manifest.json").read_text())
    document = json.loads((report / "compliance.json").read_text())
    assert manifest["tool"] == document["tool"]
    assert manifest["seed"] == 1
    assert manifest["target"] == document["target"]
    assert manifest["server_version"] == {"header": "Server", "value": "uvicorn"}
    read = (report.parent / "sampled.openapi.json").read_bytes()  # the run's --openapi FILE
    assert manifest["description_sha256"] == hashlib.sha256(read).hexdigest()
    assert manifest["exchanges"]["count"] == len(exchange_lines(report)) - 1
    assert manifest["rejudged"]["AUTH-02"] == "fail" == manifest["requirements"]["AUTH-02"]
    assert set(manifest["artifacts"]) == {
        "compliance.json", "compliance.html", "junit.xml", "badge.svg", "exchanges.jsonl",
    }  # fmt: skip
    assert schema_errors(manifest, MANIFEST_SCHEMA) == []


def _edit_status(directory: Path) -> None:
    edit_json(directory / "compliance.json", set_status("AUTH-02", "pass"))


def _alter_exchange(directory: Path) -> None:
    """Exchange #5 (line 6: the first line is the log's header) answered otherwise."""
    lines = exchange_lines(directory)
    assert '"seq":5,' in lines[5]
    lines[5] = lines[5].replace('"status":', '"status":2', 1)
    (directory / "exchanges.jsonl").write_text("\n".join(lines) + "\n")


def _remove_exchange(directory: Path) -> None:
    lines = exchange_lines(directory)
    del lines[7]
    (directory / "exchanges.jsonl").write_text("\n".join(lines) + "\n")


def _edit_artifact(directory: Path) -> None:
    with (directory / "junit.xml").open("a") as stream:
        stream.write("<!-- edited -->\n")


def _delete_badge(directory: Path) -> None:
    (directory / "badge.svg").unlink()


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (_edit_status, ["compliance.json was changed", "AUTH-02: compliance.json says pass"]),
        (_alter_exchange, ["exchange #5 was changed", "exchanges.jsonl was changed"]),
        (_remove_exchange, ["exchange #7 was removed"]),
        (_edit_artifact, ["junit.xml was changed"]),
        (_delete_badge, ["badge.svg is missing"]),
    ],
    ids=["status", "exchange-altered", "exchange-removed", "artifact-edited", "artifact-deleted"],
)
def test_an_edit_is_named(
    report: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[Path], None],
    named: list[str],
) -> None:
    directory = copy(report, tmp_path)
    edit(directory)
    result = run_cli(capsys, "verify", str(directory))
    assert result.code == 1, result.out
    for words in named:
        assert any(words in line for line in result.out.splitlines()), (words, result.out)
    assert result.out.splitlines()[-1].startswith("tampered: ")


def _add_a_file(directory: Path) -> None:
    (directory / "pytest-report.html").write_text("<p>all passed</p>")


def _unlist(name: str) -> Callable[[dict[str, object]], None]:
    def change(manifest: dict[str, object]) -> None:
        del manifest["artifacts"][name]  # type: ignore[attr-defined]

    return change


def _set(key: str, value: object) -> Callable[[dict[str, object]], None]:
    def change(manifest: dict[str, object]) -> None:
        manifest[key] = value

    return change


def _no_hashes(manifest: dict[str, object]) -> None:
    manifest["exchanges"]["sha256"] = 5  # type: ignore[index]


def test_a_file_added_after_the_seal_is_named(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = copy(report, tmp_path)
    _add_a_file(directory)
    result = run_cli(capsys, "verify", str(directory))
    assert result.code == 1, result.out
    assert "changed: pytest-report.html is not in the manifest: added after the seal" in (
        result.out
    )


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_unlist("junit.xml"), "artifacts: 'junit.xml' is a required property"),
        (_set("artifacts", {}), "artifacts: 'compliance.json' is a required property"),
        (_set("artifacts", "x"), "artifacts: 'x' is not of type 'object'"),
        (_no_hashes, "exchanges/sha256: 5 is not of type 'array'"),
        (_set("requirements", [1]), "requirements: [1] is not of type 'object'"),
        (_set("rejudged", None), "rejudged: None is not of type 'object'"),
        (_set("signature", "abc"), "signature: 'abc' is not valid under any of the given"),
    ],
    ids=["file-unlisted", "no-files", "files-not-a-map", "exchange-hashes-not-a-list",
         "statuses-not-a-map", "no-rejudged", "signature-not-a-map"],
)  # fmt: skip
def test_a_manifest_edited_out_of_its_schema_is_tampered(
    report: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, object]], None],
    named: str,
) -> None:
    """Nothing else in such a manifest can be relied on: verify names how it breaks the schema
    (one line, no traceback) and exits 1."""
    directory = copy(report, tmp_path)
    edit_json(directory / "manifest.json", change)
    result = run_cli(capsys, "verify", str(directory))
    assert result.code == 1, result.out + result.err
    assert f"changed: manifest.json does not follow specs/manifest.schema.json: {named}" in (
        result.out
    ), result.out
    assert result.err == ""


def test_a_status_turned_round_with_the_manifest_rewritten_is_caught_by_the_exchanges(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = copy(report, tmp_path)
    _edit_status(directory)
    edit_json(directory / "manifest.json", lambda m: m["requirements"].update({"AUTH-02": "pass"}))  # type: ignore[attr-defined]
    rehash(directory, "compliance.json")
    result = run_cli(capsys, "verify", str(directory))
    assert result.code == 1
    assert "changed: AUTH-02: compliance.json says pass, but its exchanges show fail" in result.out


def test_a_quoted_exchange_must_be_the_logs(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = copy(report, tmp_path)

    def soften(document: dict[str, object]) -> None:
        for requirement in document["requirements"]:  # type: ignore[attr-defined]
            for evidence in requirement["evidence"]:
                for exchange in evidence["exchanges"]:
                    exchange["status"] = 401

    edit_json(directory / "compliance.json", soften)
    rehash(directory, "compliance.json")
    result = run_cli(capsys, "verify", str(directory))
    assert result.code == 1
    assert "AUTH-02: its evidence shows exchange #" in result.out
    assert "with another status than the log (401, the log 403)" in result.out


@pytest.mark.slow  # the signed run: a second whole run
def test_a_signed_report_verifies_with_its_public_key_only(
    signed_report: Path, keys: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good = run_cli(capsys, "verify", str(signed_report), "--public-key", str(keys["public"]))
    assert good.code == 0, good.out
    assert good.out.splitlines()[-1].endswith("; the signature holds")
    wrong = run_cli(capsys, "verify", str(signed_report), "--public-key", str(keys["other"]))
    assert wrong.code == 1
    assert "manifest.sig does not verify with the public key" in wrong.out
    unchecked = run_cli(capsys, "verify", str(signed_report))
    assert unchecked.code == 0
    assert "the signature was not checked: give --public-key" in unchecked.out
    assert unchecked.out.splitlines()[-1].endswith("; signed, the signature not checked")


@pytest.mark.slow  # the signed run: a second whole run
def test_a_signed_manifest_cannot_be_rewritten(
    signed_report: Path, keys: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = copy(signed_report, tmp_path)
    _edit_status(directory)
    rehash(directory, "compliance.json")
    result = run_cli(capsys, "verify", str(directory), "--public-key", str(keys["public"]))
    assert result.code == 1
    assert "manifest.sig does not verify" in result.out


@pytest.mark.slow  # the signed run: a second whole run
def test_keys_are_never_written_into_the_report(signed_report: Path, keys: dict[str, Path]) -> None:
    private = keys["private"].read_bytes()
    body = b"".join(private.splitlines()[1:-1])
    for path in signed_report.iterdir():
        assert body not in path.read_bytes().replace(b"\n", b"")
    assert (signed_report / "manifest.sig").is_file()


def test_an_unsigned_report_with_a_public_key_does_not_verify(
    report: Path, keys: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "verify", str(report), "--public-key", str(keys["public"]))
    assert result.code == 1
    assert "the report is not signed (no manifest.sig), but a public key was given" in result.out


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: None, "has no manifest.json: not a report directory"),
        (lambda d: (d / "manifest.json").write_text("{"), "manifest.json is not JSON"),
        (lambda d: (d / "manifest.json").write_text("[]"), "is not a manifest of plane-"),
        (
            lambda d: (d / "manifest.json").write_text(
                '{"manifest": "plane-conformance manifest", "version": 2}'
            ),
            "manifest.json is a manifest of version 2; this plane-conformance reads version 1",
        ),
    ],
    ids=["no-manifest", "manifest-not-json", "manifest-a-list", "manifest-of-a-later-version"],
)
def test_what_cannot_be_read_is_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setup: Callable[[Path], object],
    message: str,
) -> None:
    setup(tmp_path)
    result = run_cli(capsys, "verify", str(tmp_path))
    assert result.code == 2
    assert message in result.err
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err


def test_a_missing_public_key_file_is_exit_2(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "verify", str(report), "--public-key", str(tmp_path / "no.pem"))
    assert result.code == 2
    assert "cannot read the public key" in result.err


def test_without_the_sign_extra_signing_is_one_line(
    report: Path,
    keys: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives", None)
    result = run_cli(capsys, "verify", str(report), "--public-key", str(keys["public"]))
    assert result.code == 2
    assert result.err == (
        "plane-conformance verify: error: signing needs the cryptography package: "
        "pip install 'plane-conformance[sign]'\n"
    )
