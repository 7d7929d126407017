"""A built deck as named parts, and the transplanting of one slide's parts into another deck.

Used to render what every municipality shares once: a slide that differs is rendered in a
small deck of its own and its parts (slide, layout, notes, media) are moved into the shared
deck under the right numbers. See docs/dev/incremental.md.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache

from .xml import xml_safe_part

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DOS_TIME = (FIXED_ZIP_TIME[3] << 11) | (FIXED_ZIP_TIME[4] << 5) | (FIXED_ZIP_TIME[5] // 2)
_DOS_DATE = ((FIXED_ZIP_TIME[0] - 1980) << 9) | (FIXED_ZIP_TIME[1] << 5) | FIXED_ZIP_TIME[2]


@lru_cache(maxsize=8192)
def _deflated(data: bytes) -> tuple[int, bytes, int]:
    """CRC-32, raw deflate (level 6) and size of one part; bytes hash once, so shared parts hit."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush(), len(data)


@lru_cache(maxsize=8192)
def _entry(name: str, data: bytes) -> tuple[bytes, bytes, bytes]:
    """One part's local record (header, name, deflated data), its central-directory record up to
    the offset, and its encoded name. A part shared by many decks (the same name and bytes) is
    sanitised, compressed and packed once; the bytes written are the same as packing it anew."""
    if name.endswith((".xml", ".rels")):
        data = xml_safe_part(data)
    crc, packed, size = _deflated(data)
    encoded = name.encode("utf-8")
    flags = 0x800 if not encoded.isascii() else 0
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, _DOS_TIME, _DOS_DATE, crc, len(packed), size, len(encoded), 0
    )
    head = struct.pack(
        "<IHHHHHHIIIHHHHHI",
        0x02014B50,
        20,
        20,
        flags,
        8,
        _DOS_TIME,
        _DOS_DATE,
        crc,
        len(packed),
        size,
        len(encoded),
        0,
        0,
        0,
        0,
        0o644 << 16,
    )
    return local + encoded + packed, head, encoded


_REL_TARGET = re.compile(r'Target="([^"]+)"')
_MEDIA = re.compile(r"\.\./media/([^\"]+)")


@dataclass
class Package:
    """Part names in archive order, and their bytes."""

    order: list[str]
    parts: dict[str, bytes]

    @classmethod
    def of_presentation(cls, prs) -> Package:
        """The parts of a python-pptx presentation, named and ordered as `prs.save` writes them,
        without zipping and unzipping them (python-pptx's own writer, step by step)."""
        from pptx.opc.oxml import serialize_part_xml
        from pptx.opc.serialized import _ContentTypesItem

        package = prs.part.package
        parts = tuple(package.iter_parts())
        out = cls([], {})
        out.put("[Content_Types].xml", serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        out.put("_rels/.rels", package._rels.xml)
        for part in parts:
            out.put(part.partname.membername, part.blob)
            if part._rels:
                out.put(part.partname.rels_uri.membername, part.rels.xml)
        return out

    @classmethod
    def read(cls, data: bytes) -> Package:
        archive = zipfile.ZipFile(io.BytesIO(data))
        order = [info.filename for info in archive.infolist()]
        return cls(order, {name: archive.read(name) for name in order})

    def copy(self) -> Package:
        return Package(list(self.order), dict(self.parts))

    def write(self) -> bytes:
        """The package as a zip with fixed timestamps; parts shared between decks are compressed once."""
        # Media last and sorted by (content-hash) name: the order must not depend on how the
        # deck was put together.
        media = sorted(n for n in self.order if n.startswith("ppt/media/"))
        order = [n for n in self.order if not n.startswith("ppt/media/")] + media
        pieces: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for name in order:
            local, head, encoded = _entry(name, self.parts[name])
            pieces.append(local)
            central.append(head + struct.pack("<I", offset) + encoded)
            offset += len(local)
        size = sum(map(len, central))
        end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, offset, 0)
        return b"".join(pieces) + b"".join(central) + end

    def put(self, name: str, data: bytes, before: str | None = None) -> None:
        if name not in self.parts:
            index = self.order.index(before) if before in self.order else len(self.order)
            self.order.insert(index, name)
        self.parts[name] = data

    def drop(self, name: str) -> None:
        if name in self.parts:
            del self.parts[name]
            self.order.remove(name)


def slide_part_names(number: int, layout_number: int) -> dict[str, str]:
    return {
        "slide": f"ppt/slides/slide{number}.xml",
        "slide_rels": f"ppt/slides/_rels/slide{number}.xml.rels",
        "layout": f"ppt/slideLayouts/slideLayout{layout_number}.xml",
        "layout_rels": f"ppt/slideLayouts/_rels/slideLayout{layout_number}.xml.rels",
        "notes": f"ppt/notesSlides/notesSlide{number}.xml",
        "notes_rels": f"ppt/notesSlides/_rels/notesSlide{number}.xml.rels",
    }


def transplant_slide(
    source: Package, target: Package, source_number: int, target_number: int, layout_offset: int, layout_name: str
) -> None:
    """Move slide `source_number` of `source` into `target` as slide `target_number`.

    Layouts are numbered slide number + `layout_offset` in both decks. Media get names from
    their content hash, so two decks never disagree about what `imageN.png` is.
    """
    src = slide_part_names(source_number, source_number + layout_offset)
    dst = slide_part_names(target_number, target_number + layout_offset)
    source_layout, target_layout = source_number + layout_offset, target_number + layout_offset
    renames = {
        f"../slideLayouts/slideLayout{source_layout}.xml": f"../slideLayouts/slideLayout{target_layout}.xml",
        f"../notesSlides/notesSlide{source_number}.xml": f"../notesSlides/notesSlide{target_number}.xml",
        f"../slides/slide{source_number}.xml": f"../slides/slide{target_number}.xml",
    }
    for kind in ("slide", "layout", "notes"):
        target.put(dst[kind], source.parts[src[kind]])
    layout = target.parts[dst["layout"]].decode("utf-8")
    layout = re.sub(
        r'(<p:cSld name=")[^"]*(")', lambda m: f"{m.group(1)}{_xml_attr(layout_name)}{m.group(2)}", layout, count=1
    )
    target.put(dst["layout"], layout.encode("utf-8"))
    for kind in ("slide_rels", "layout_rels", "notes_rels"):
        rels = source.parts[src[kind]].decode("utf-8")
        rels = _REL_TARGET.sub(lambda m: f'Target="{renames.get(m.group(1), m.group(1))}"', rels)
        rels = _MEDIA.sub(lambda m: "../media/" + _copy_media(source, target, m.group(1)), rels)
        target.put(dst[kind], rels.encode("utf-8"))


def _copy_media(source: Package, target: Package, name: str) -> str:
    data = source.parts[f"ppt/media/{name}"]
    hashed = content_name(name, data)
    target.put(f"ppt/media/{hashed}", data)
    return hashed


def content_name(name: str, data: bytes) -> str:
    """A media part's name from its content: the same picture has the same name in every deck."""
    return f"kg-{hashlib.sha1(data).hexdigest()[:16]}.{name.rpartition('.')[2]}"


def name_media_by_content(package: Package) -> None:
    """Rename every media part after its content hash (and rewrite the references)."""
    renames: dict[str, str] = {}
    for name in [n for n in package.order if n.startswith("ppt/media/")]:
        old = name.removeprefix("ppt/media/")
        if old.startswith("kg-"):
            continue
        data = package.parts[name]
        new = content_name(old, data)
        renames[old] = new
        index = package.order.index(name)
        package.drop(name)
        if f"ppt/media/{new}" not in package.parts:
            package.order.insert(index, f"ppt/media/{new}")
            package.parts[f"ppt/media/{new}"] = data
    if not renames:
        return
    for name in [n for n in package.order if n.endswith(".rels")]:
        text = package.parts[name].decode("utf-8")
        if "../media/" in text:
            package.parts[name] = _MEDIA.sub(lambda m: "../media/" + renames.get(m.group(1), m.group(1)), text).encode(
                "utf-8"
            )


def drop_unreferenced_media(package: Package) -> None:
    referenced: set[str] = set()
    for name, data in package.parts.items():
        if name.endswith(".rels"):
            referenced.update(_MEDIA.findall(data.decode("utf-8")))
    for name in [n for n in package.order if n.startswith("ppt/media/")]:
        if name.removeprefix("ppt/media/") not in referenced:
            package.drop(name)


_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}


def ensure_media_defaults(package: Package) -> None:
    """Every media extension in the package is declared in [Content_Types].xml (e.g. png)."""
    name = "[Content_Types].xml"
    xml = package.parts[name].decode("utf-8")
    for part in package.order:
        if part.startswith("ppt/media/"):
            extension = part.rpartition(".")[2]
            if f'Extension="{extension}"' not in xml:
                declared = f'<Default Extension="{extension}" ContentType="{_MEDIA_TYPES[extension.lower()]}"/>'
                xml = xml.replace("<Default ", declared + "<Default ", 1)
    package.parts[name] = xml.encode("utf-8")


def _xml_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
