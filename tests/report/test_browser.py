"""compliance.html in headless Chromium: the script runs offline from disk, filters and opens.

The page reads its URL hash (#status=fail&open=PAG-04), so ``--dump-dom`` after a virtual time
budget shows the state a person would see; no driver library is needed.
"""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conformance.report import write_reports
from tests.report.samples import rich_document

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=3000",
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"
)


class _Elements(HTMLParser):
    """Every element's attributes, plus the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open_ids: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.elements.append((tag, values))
        if tag not in {"meta", "input", "br", "img", "link"}:
            self._open_ids.append(values.get("id"))
            if values.get("id"):
                self.text.setdefault(str(values["id"]), "")

    def handle_endtag(self, tag: str) -> None:
        if self._open_ids:
            self._open_ids.pop()

    def handle_data(self, data: str) -> None:
        for element_id in self._open_ids:
            if element_id:
                self.text[element_id] += data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("browser")
    write_reports(rich_document(), where)
    return where / "compliance.html"


def chromium(page: Path, profile: Path, *arguments: str, fragment: str = "") -> str:
    command = [
        str(CHROMIUM),
        *FLAGS,
        f"--user-data-dir={profile}",
        *arguments,
        f"{page.as_uri()}{fragment}",
    ]
    # The timeout only stops a hung browser; nothing here measures time.
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dom(page: Path, tmp_path: Path, fragment: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(chromium(page, tmp_path / "profile", "--dump-dom", fragment=fragment))
    return parsed


def rows(parsed: _Elements) -> list[tuple[str, bool]]:
    """Matrix rows in page order: (requirement ID, visible)."""
    return [
        (str(attrs["data-id"]), "hidden" not in attrs)
        for tag, attrs in parsed.elements
        if tag == "tr" and "req-row" in (attrs.get("class") or "")
    ]


def test_verdict_is_shown_and_failure_filter_and_deep_link_work(page: Path, tmp_path: Path) -> None:
    parsed = dom(page, tmp_path, "#status=fail&open=PAG-04")
    html_attrs = next(attrs for tag, attrs in parsed.elements if tag == "html")
    assert html_attrs.get("data-ready") == "true", "the page's script did not run"
    assert "Not conformant" in parsed.text["verdict"]
    assert rows(parsed) == [
        ("AUTH-01", False),
        ("AUTH-04", True),
        ("HTTP-07", False),
        ("PAG-02", False),
        ("PAG-04", True),
        ("PAG-07", False),
        ("RATE-07", False),
    ]
    assert parsed.text["matrix-count"] == "2 of 7 shown"
    details = {
        attrs["id"]: "open" in attrs
        for tag, attrs in parsed.elements
        if tag == "details" and attrs.get("id")
    }
    assert details == {"failure-AUTH-04": False, "failure-HTTP-07": False, "failure-PAG-04": True}
    assert "curl -X GET -H 'X-API-Key: $PLANE_API_KEY'" in parsed.text["failure-PAG-04"]


def test_level_and_area_filters_combine_and_sorting_reorders(page: Path, tmp_path: Path) -> None:
    parsed = dom(page, tmp_path, "#level=MUST&area=PAG&sort=status")
    # status order: fail, error, skip, untested, pass (ties keep catalogue order); hidden rows
    # are sorted too.
    assert rows(parsed) == [
        ("AUTH-04", False),
        ("PAG-04", True),
        ("HTTP-07", False),
        ("PAG-02", True),
        ("RATE-07", False),
        ("AUTH-01", False),
        ("PAG-07", False),
    ]
    assert parsed.text["matrix-count"] == "2 of 7 shown"


def test_screenshot_renders(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "compliance.png"
    chromium(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1600")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a blank page compresses to far less
