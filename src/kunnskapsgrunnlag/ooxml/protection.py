"""Opt-in write protection: `p:modifyVerifier` in presentation.xml (ECMA-376 Part 1, 19.2.1.19).

PowerPoint asks for the password to edit (or offers read-only); LibreOffice opens the file
read-only. Read-only also blocks reordering slides, so this is off by default: a deterrent,
not a security boundary.
"""

from __future__ import annotations

import base64
import hashlib

from lxml import etree
from pptx.oxml.ns import qn
from pptx.presentation import Presentation

SPIN_COUNT = 100_000

# presentation.xml children that must come after p:modifyVerifier (CT_Presentation sequence)
_AFTER = ("p:extLst",)


def password_hash(password: str, salt: bytes, spin_count: int = SPIN_COUNT) -> bytes:
    """The ISO/IEC 29500 agile hash: H0 = SHA512(salt + UTF-16LE password), then spun."""
    digest = hashlib.sha512(salt + password.encode("utf-16-le")).digest()
    for i in range(spin_count):
        digest = hashlib.sha512(digest + i.to_bytes(4, "little")).digest()
    return digest


def add_modify_verifier(prs: Presentation, password: str, salt: bytes, spin_count: int = SPIN_COUNT) -> None:
    """Write-protect with `password`. `salt` is passed in so builds stay deterministic."""
    root = prs.part._element
    for old in root.findall(qn("p:modifyVerifier")):
        root.remove(old)
    verifier = etree.Element(qn("p:modifyVerifier"))
    verifier.set("algorithmName", "SHA-512")
    verifier.set("hashValue", base64.b64encode(password_hash(password, salt, spin_count)).decode())
    verifier.set("saltValue", base64.b64encode(salt).decode())
    verifier.set("spinValue", str(spin_count))
    successor = next((root.find(qn(tag)) for tag in _AFTER if root.find(qn(tag)) is not None), None)
    if successor is not None:
        successor.addprevious(verifier)
    else:
        root.append(verifier)
