"""The public surface of conformance.http is exactly its ``__all__``."""

from __future__ import annotations

import conformance.http as http_layer


def test_all_names_the_public_members() -> None:
    # "@py_builtins" and "@pytest_ar" appear when pytest rewrites the package (it is a plugin).
    public = {name for name in vars(http_layer) if not name.startswith(("_", "@"))}
    modules = {
        "auth",
        "client",
        "clock",
        "curl",
        "pacing",
        "recording",
        "redaction",
        "settings",
        "stats",
        "waiting",
    }
    assert set(http_layer.__all__) == public - modules - {"annotations"}
    assert len(http_layer.__all__) == len(set(http_layer.__all__))


def test_only_build_client_constructs_a_client() -> None:
    """STYLE habit 4: grep the package for ``httpx.Client(``; only client.py may hold one."""
    from pathlib import Path

    root = Path(http_layer.__file__).parent.parent
    makers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "httpx.Client(" in path.read_text(encoding="utf-8")
    )
    assert makers == ["http/client.py"]
