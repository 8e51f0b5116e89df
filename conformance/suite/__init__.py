"""The conformance suite: one test module per requirement area, run by ``plane-conformance run``
or by plain pytest (``pytest --pyargs conformance.suite --plane-target URL ...``).

Every test names its requirement IDs with ``@pytest.mark.req`` and restates the requirement in its
first docstring line. Tests use the plugin's fixtures (``plane``, ``subject``, ``check``) and
send every request through ``plane`` (the one HTTP layer). May import: pytest, hypothesis,
``conformance.checks``, ``conformance.plugin``, ``conformance.surface``; never the reference
server.
"""
