"""Certificates for the tests' TLS targets, made fresh by trustme: none is committed.

``make_tls_files(directory)`` writes a private CA, a server certificate for the loopback names
(127.0.0.1, ::1, localhost), a second CA for client certificates, a client certificate with its
key in the clear and encrypted with ``PASSPHRASE``, and certificates that fail in the ways the
suite names: another CA's, another name's, an expired one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import trustme
from cryptography.hazmat.primitives import serialization

# A canary: any of these bytes in an output is a leak.
PASSPHRASE = "pass-" + "7e3a9c1f" * 3
LOOPBACK_NAMES = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True, slots=True)
class TlsFiles:
    ca: Path  # the private CA that issued ``server``
    server: Path  # certificate and key in one PEM file
    client_ca: Path  # the CA a target requires client certificates from (mTLS)
    client_cert: Path
    client_key: Path
    client_key_encrypted: Path  # the same key, encrypted with PASSPHRASE
    stranger_cert: Path  # a client certificate from a CA the target does not trust
    stranger_key: Path
    wrong_name: Path  # issued by ``ca`` for another host
    expired: Path  # issued by ``ca``, valid only in 2020


def make_tls_files(directory: Path) -> TlsFiles:
    directory.mkdir(parents=True, exist_ok=True)
    ca, client_ca, stranger_ca = trustme.CA(), trustme.CA(), trustme.CA()

    def write(name: str, *blobs: trustme.Blob) -> Path:
        path = directory / name
        path.write_bytes(b"".join(blob.bytes() for blob in blobs))
        return path

    def leaf(name: str, cert: trustme.LeafCert) -> Path:
        return write(name, cert.private_key_pem, *cert.cert_chain_pems)

    client = client_ca.issue_cert("client.plane-conformance.test")
    stranger = stranger_ca.issue_cert("client.plane-conformance.test")
    key = serialization.load_pem_private_key(client.private_key_pem.bytes(), password=None)
    encrypted = directory / "client-key-encrypted.pem"
    encrypted.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(PASSPHRASE.encode()),
        )
    )
    return TlsFiles(
        ca=write("ca.pem", ca.cert_pem),
        server=leaf("server.pem", ca.issue_cert(*LOOPBACK_NAMES)),
        client_ca=write("client-ca.pem", client_ca.cert_pem),
        client_cert=write("client-cert.pem", *client.cert_chain_pems),
        client_key=write("client-key.pem", client.private_key_pem),
        client_key_encrypted=encrypted,
        stranger_cert=write("stranger-cert.pem", *stranger.cert_chain_pems),
        stranger_key=write("stranger-key.pem", stranger.private_key_pem),
        wrong_name=leaf("wrong-name.pem", ca.issue_cert("elsewhere.plane-conformance.test")),
        expired=leaf(
            "expired.pem",
            ca.issue_cert(
                *LOOPBACK_NAMES,
                not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                not_after=dt.datetime(2020, 12, 31, tzinfo=dt.UTC),
            ),
        ),
    )
