"""Replace every occurrence of a secret by its placeholder, in any text that will be kept."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote, quote_plus


class Redactor:
    """Built from placeholder -> secret; ``redact`` also catches the URL-encoded forms."""

    def __init__(self, secrets: Mapping[str, str]) -> None:
        pairs: dict[str, str] = {}
        for placeholder, secret in secrets.items():
            if not secret:
                continue
            for form in (secret, quote(secret, safe=""), quote_plus(secret)):
                pairs.setdefault(form, placeholder)
        # Longest first, so a secret that contains another is replaced whole.
        self._pairs = tuple(sorted(pairs.items(), key=lambda pair: len(pair[0]), reverse=True))

    def __repr__(self) -> str:
        return f"Redactor({len(self._pairs)} forms)"

    def redact(self, text: str) -> str:
        for secret, placeholder in self._pairs:
            if secret in text:
                text = text.replace(secret, placeholder)
        return text
