"""Reduce compliance.html to a stable outline: elements with an id, class or heading role,
their data attributes and the start of their own text, indented by nesting."""

from __future__ import annotations

from html.parser import HTMLParser

_VOID = frozenset({"meta", "input", "br", "img", "link", "hr"})
_ALWAYS = frozenset({"h1", "h2", "h4", "h5", "h6", "summary", "option", "th", "dt", "dd", "li"})
_DATA = (
    "data-status",
    "data-level",
    "data-area",
    "data-id",
    "data-verdict",
    "data-waived",
    "data-ok",
    "data-outcome",
)
_TEXT_LIMIT = 60


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.texts: list[str] = []
        self.stack: list[int | None] = []  # line index of each open element, None if unlisted

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        listed = tag in _ALWAYS or "id" in values or "class" in values or tag in {"style", "script"}
        index: int | None = None
        if listed:
            label = tag
            if values.get("id"):
                label += f"#{values['id']}"
            for cls in (values.get("class") or "").split():
                label += f".{cls}"
            for name in _DATA:
                if name in values:
                    label += f"[{name}={values[name]}]"
            depth = sum(1 for entry in self.stack if entry is not None)
            self.lines.append("  " * depth + label)
            self.texts.append("")
            index = len(self.lines) - 1
        if tag not in _VOID:
            self.stack.append(index)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        owner = next((entry for entry in reversed(self.stack) if entry is not None), None)
        if owner is None or self.lines[owner].lstrip().startswith(("style", "script")):
            return
        words = " ".join(data.split())
        if words:
            self.texts[owner] = f"{self.texts[owner]} {words}".strip()


def outline(page: str) -> str:
    """One line per notable element: ``tag#id.class[data-x=y] | its own text (cut)``."""
    parser = _Outline()
    parser.feed(page)
    parser.close()
    lines = []
    for line, text in zip(parser.lines, parser.texts, strict=True):
        if len(text) > _TEXT_LIMIT:
            text = text[:_TEXT_LIMIT] + "…"
        lines.append(f"{line} | {text}" if text else line)
    return "\n".join(lines) + "\n"
