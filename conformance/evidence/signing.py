"""Ed25519 signatures of a manifest, with the ``cryptography`` package (the ``sign`` extra).

The private key is read from a PEM file (PKCS#8, as ``openssl genpkey -algorithm ed25519``
writes it), its passphrase, if any, from ``$PLANE_SIGN_KEY_PASSPHRASE``; neither is ever
written anywhere or quoted in a message. The report keeps only the signature and the SHA-256 of
the public key, so a reader can tell which key to ask for.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conformance.errors import ConfigError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

PASSPHRASE_ENV = "PLANE_SIGN_KEY_PASSPHRASE"
ALGORITHM = "Ed25519"
MISSING = "signing needs the cryptography package: pip install 'plane-conformance[sign]'"


def _serialization() -> Any:
    try:
        from cryptography.hazmat.primitives import serialization
    except ImportError:
        raise ConfigError(MISSING) from None
    return serialization


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the {what} {path}: {exc.strerror or exc}") from None


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw public key: names the key without being it."""
    serialization = _serialization()
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True, slots=True)
class Signer:
    """Signs manifests with one private key (``repr`` does not show it)."""

    _key: Ed25519PrivateKey

    def __repr__(self) -> str:
        return "Signer(Ed25519)"

    @property
    def key_id(self) -> str:
        return fingerprint(self._key.public_key())

    def sign(self, data: bytes) -> str:
        return base64.b64encode(self._key.sign(data)).decode("ascii")


def load_signer(path: Path, environ: Mapping[str, str]) -> Signer:
    """The signer of the private key in ``path``; ConfigError (one line, no key material)."""
    serialization = _serialization()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = _read(path, "signing key")
    passphrase = environ.get(PASSPHRASE_ENV)
    try:
        key = serialization.load_pem_private_key(
            data, password=passphrase.encode() if passphrase else None
        )
    except TypeError:
        raise ConfigError(
            f"the signing key {path} is encrypted: put its passphrase in ${PASSPHRASE_ENV}"
        ) from None
    except ValueError:
        raise ConfigError(
            f"the signing key {path} is not a PEM private key (or the passphrase is wrong)"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"the signing key {path} is not an Ed25519 key")
    return Signer(key)


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The Ed25519 public key in ``path`` (PEM); ConfigError otherwise."""
    serialization = _serialization()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(_read(path, "public key"))
    except ValueError:
        raise ConfigError(f"the public key {path} is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigError(f"the public key {path} is not an Ed25519 key")
    return key


def signature_holds(public_key: Ed25519PublicKey, data: bytes, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(base64.b64decode(signature, validate=True), data)
    except (InvalidSignature, ValueError):
        return False
    return True
