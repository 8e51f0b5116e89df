"""Judging recorded traffic without sending a request: HAR files read as a stream, the passive
judges (the suite's own checks, applied to what the traffic shows), and the ``audit`` and
``verify`` commands (verify: the evidence's hashes and signature, then every requirement judged
again from the exchange log).
May import: the standard library, httpx, ijson, jsonschema, ``conformance.errors``,
``conformance.http``, ``conformance.checks``, ``conformance.judgements``, ``conformance.surface``,
``conformance.catalogue``, ``conformance.report``, ``conformance.evidence``,
``conformance.settings`` (the table of run settings, for the options an audit shares with a run)
and ``conformance.__version__``; never the suite, the plugin, the runner or the reference server.
"""

from __future__ import annotations

from conformance.audit.judging import Judgement, Verdicts, judge

__all__ = ["Judgement", "Verdicts", "judge"]
