"""One HTTP layer: nothing but ``build_client`` constructs an ``httpx.Client``."""

from __future__ import annotations

import conformance.http as http_layer


def test_only_build_client_constructs_a_client() -> None:
    """One HTTP layer (``conformance.http``'s docstring): grep the package for ``httpx.Client(``;
    only client.py may hold one."""
    from pathlib import Path

    root = Path(http_layer.__file__).parent.parent
    makers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "httpx.Client(" in path.read_text(encoding="utf-8")
    )
    assert makers == ["http/client.py"]
