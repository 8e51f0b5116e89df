"""The README's quick start is what CI runs, and the CLI it documents exists."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_quick_start_is_two_commands() -> None:
    main_job, tests = quick_start()
    assert main_job == "pip install . && plane-conformance run"
    assert tests.startswith('pip install -e ".[test]" && ')


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = quick_start()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = tests.split(" && ")
    assert 'pip install --quiet -e ".[test]"' in ci  # the first step, quietly
    for step in steps[1:]:
        assert re.search(rf"^{re.escape(step)}$", ci, re.M), f"{step!r} is not a line of .ci/run"


def _yaml_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_ci_example_lints_to_sarif_and_uploads_it() -> None:
    """The README's workflow is valid YAML and runs the lint command as the CLI parses it."""
    import shlex

    import yaml

    from conformance.cli import build_parser

    [workflow] = [yaml.safe_load(block) for block in _yaml_blocks() if "upload-sarif" in block]
    steps = workflow["jobs"]["lint"]["steps"]
    [lint] = [step["run"] for step in steps if str(step.get("run", "")).startswith("plane-")]
    arguments = shlex.split(lint)[1:]
    parsed = build_parser("lint").parse_args(arguments)
    assert (parsed.format, str(parsed.output)) == ("sarif", "lint.sarif")
    [upload] = [step for step in steps if "upload-sarif" in str(step.get("uses", ""))]
    assert upload["with"]["sarif_file"] == "lint.sarif"


def test_pre_commit_example_names_the_hook_the_repository_provides() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [config] = [yaml.safe_load(block) for block in _yaml_blocks() if "hooks:" in block]
    assert [hook["id"] for hook in config["repos"][0]["hooks"]] == [hooks[0]["id"]]


# A stem of every one-line TLS, proxy and client-key failure (conformance/http/failures.py,
# proxy.py, tls.py; conformance/report/baseline.py): each has its row in the README.
NETWORK_LINES = (
    "is issued by a CA this machine does not trust",
    "is not valid for that name",
    "has expired; renew it on the target",
    "is not valid yet; check the clocks",
    "requires a client certificate; present one with --client-cert FILE --client-key FILE",
    "ended the handshake (handshake failure): it may require a client certificate",
    "closed the connection right after the TLS handshake, without an answer",
    "refused the client certificate of --client-cert",
    "does not speak TLS (wrong version number)",
    "TLS: the handshake with HOST:PORT failed",
    "is unreachable ([Errno 111] Connection refused); check SOURCE",
    "wants credentials (407 Proxy Authentication Required)",
    "refused its credentials (407",
    "refused the tunnel to HOST:PORT",
    "would see every request to the http target, API key included, in clear text",
    "comes from a run that did not verify TLS (--insecure)",
    "is encrypted and PLANE_CLIENT_KEY_PASSPHRASE is not set or empty",
    "could not be decrypted with the passphrase",
    "(key values mismatch)",
    "holds no PEM certificate",
    "SSL_CERT_FILE names",
    "SSL_CERT_DIR names",
    "a socks5 proxy is not supported",
)


def test_every_network_failure_has_its_row() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = "\n".join(line for line in text.splitlines() if line.startswith("| `"))
    missing = [stem for stem in NETWORK_LINES if stem not in rows]
    assert missing == [], "README rows missing for these messages"


def test_the_test_double_example_runs_against_the_reference_server(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The README's five lines with Plane's SDK work against `serve --api-key plane_api_test`."""
    from conformance.reference import ServerConfig, running_server

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The reference server as a test double", 1)[1].split("\n## ", 1)[0]
    [example] = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len([line for line in example.splitlines() if line]) == 5
    config = ServerConfig(port=0, api_keys=("plane_api_test",))
    with running_server(config) as server:
        origin = server.base_url.removesuffix("/api/v1")
        exec(example.replace("http://127.0.0.1:8000", origin), {})
    assert capsys.readouterr().out == "REF 120\n"


def test_quick_start_figures_are_the_benchmarks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's cost in the quick start is what benchmarks/suite/result.json measured, in the
    words benchmarks/table.py gives it (regenerate both with ``python benchmarks/table.py
    --measure``)."""
    import importlib.util
    import json

    name = "benchmarks_table"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "table.py")
    assert spec is not None
    assert spec.loader is not None
    table = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, table)  # its dataclasses look their module up
    spec.loader.exec_module(table)
    results = json.loads((ROOT / "benchmarks" / "suite" / "result.json").read_text())
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = " ".join(text.split("## Quick start", 1)[1].split("\n## ", 1)[0].split())
    for profile in ("full", "smoke"):
        figures = table.quick_start_figures(results, profile)
        assert figures in section, f"the quick start should say, for {profile}: {figures}"


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_quick_start_names_every_report_a_run_writes() -> None:
    from conformance.runner.invocation import REPORT_FILES

    text = " ".join(_readme().split("## Quick start", 1)[1].split("\n## ", 1)[0].split())
    for name in REPORT_FILES:
        assert f"`{name}`" in text or f"reports/{name}" in text, name


def test_the_run_synopsis_shows_only_true_defaults() -> None:
    """``[--rate-limit 60]``: a number in the synopsis is the setting's default; a setting whose
    default is not a fixed number shows its metavar (``[--max-wait S]``)."""
    from conformance.settings import SETTINGS

    synopsis = _readme().split("plane-conformance run [--target", 1)[1].split("```", 1)[0]
    shown = dict(re.findall(r"\[(--[a-z-]+) (\d+(?:\.\d+)?)\]", synopsis))
    assert shown, synopsis
    for setting in SETTINGS:
        if setting.flag in shown:
            assert float(shown[setting.flag]) == setting.default, setting.flag


def test_every_no_form_of_run_is_documented() -> None:
    from conformance.settings import SETTINGS

    text = _readme()
    for setting in SETTINGS:
        if setting.kind is bool:
            assert f"`--no-{setting.flag.removeprefix('--')}`" in text, setting.flag


def test_the_scratch_project_name_is_shown_as_the_run_makes_it() -> None:
    """``pc`` and six hex digits, as ``conformance/plugin/subject.py`` names it."""
    made = (ROOT / "conformance" / "plugin" / "subject.py").read_text(encoding="utf-8")
    assert 'prefix = "pc" + secrets.token_hex(3)' in made
    assert "pc-xxxxxx" not in _readme()
    assert re.findall(r"\bpc[0-9a-f]{6}\b", _readme())


def test_the_own_description_lints_clean_with_the_suppressions_the_readme_counts() -> None:
    from conformance.lint.engine import lint_path
    from conformance.lint.findings import Severity

    spec = ROOT / "specs" / "plane.openapi.yaml"
    assert not lint_path(spec).at_or_above(Severity("info"))
    strict = lint_path(spec, strict=True).findings
    errors = sum(1 for f in strict if f.severity is Severity("error"))
    warnings = sum(1 for f in strict if f.severity is Severity("warning"))
    stated = f"on purpose) silence {len(strict)} findings"
    assert stated in " ".join(_readme().split())
    assert f"`--strict` shows them: {errors} errors, {warnings} warnings" in " ".join(
        _readme().split()
    )


def test_read_only_needs_a_project_only_against_a_target() -> None:
    text = " ".join(_readme().split())
    assert (
        "`--read-only` sends only GET requests (against a `--target` it needs `--project`" in text
    )


def test_the_quick_start_quotes_the_measured_figures() -> None:
    """The run's cost the quick start states is the one ``benchmarks/table.md`` measured."""
    table = (ROOT / "benchmarks" / "table.md").read_text(encoding="utf-8")
    quoted = table.split("The README's quick start quotes: ", 1)[1].split("\n", 1)[0].rstrip(".")
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1]
    section = " ".join(section.split("\n## ", 1)[0].split())
    for part in quoted.split("; "):
        figures = part.split(", ", 1)[1]
        assert figures in section, figures


def test_the_report_sizes_are_the_measured_ones() -> None:
    """What the README says a full run's evidence weighs is what ``benchmarks/table.md``
    measured."""
    table = (ROOT / "benchmarks" / "table.md").read_text(encoding="utf-8")
    sizes = table.split("The README's report sizes: ", 1)[1].split("\n", 1)[0].rstrip(".")
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert sizes in text, sizes
