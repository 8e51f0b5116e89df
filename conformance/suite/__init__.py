"""The conformance suite: one test module per requirement area, run by ``plane-conformance run``
or by plain pytest (``pytest --pyargs conformance.suite --plane-target URL ...``).

Every test names its requirement IDs with ``@pytest.mark.req`` and restates the requirement in its
first docstring line. Tests use the plugin's fixtures (``plane``, ``subject``, ``coverage``,
``check``) and send every request through ``plane`` (the one HTTP layer); ``test_operations``
has one test per GET operation the target's description declares, ``test_writes`` one per
POST, PATCH and DELETE.
May import: pytest, hypothesis, the standard library, ``conformance.checks``,
``conformance.judgements``, ``conformance.plugin``, ``conformance.surface``,
``conformance.http`` (types and auths), ``conformance.errors``, ``conformance.discovery`` and
``conformance.openapi_ops``; never the reference server.
"""
