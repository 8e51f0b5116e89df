"""A transcript file: the server it was recorded from and its entries, one JSON object a line
(so a re-recording's diff shows the exchanges that changed and nothing else)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import ConfigError
from conformance.transcripts.entries import Entry

FORMAT = 1


@dataclass(frozen=True, slots=True)
class Transcript:
    server: str  # what was recorded, in words: "makeplane/plane 4ca6d6c"
    entries: tuple[Entry, ...]

    def by_name(self) -> dict[str, Entry]:
        return {each.name: each for each in self.entries}


def dumps(transcript: Transcript) -> str:
    lines = [json.dumps(each.to_json(), ensure_ascii=False) for each in transcript.entries]
    head = json.dumps({"format": FORMAT, "server": transcript.server, "exchanges": len(lines)})
    return head[:-1] + ', "entries": [\n' + ",\n".join(lines) + "\n]}\n"


def write(transcript: Transcript, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(transcript), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the transcript {path}: {exc.strerror or exc}") from None


def read(path: Path) -> Transcript:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ConfigError(f"{path}: not a transcript of format {FORMAT}")
        return Transcript(data["server"], tuple(Entry.from_json(e) for e in data["entries"]))
    except OSError as exc:
        raise ConfigError(f"cannot read the transcript {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path} is not a transcript: {exc}") from None


def of(server: str, entries: Sequence[Entry]) -> Transcript:
    return Transcript(server, tuple(entries))
