"""DrawingML lock attributes: PowerPoint honours them (Impress ignores them; see docs/dev/locking.md).

Every locked shape gets every lock its element type allows, so a shape cannot be selected,
moved, resized, rotated, regrouped or retyped in PowerPoint.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

# element tag -> (non-visual properties path, lock element, lock attributes)
_LOCKS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "p:sp": (
        "p:nvSpPr/p:cNvSpPr",
        "a:spLocks",
        (
            "noGrp",
            "noSelect",
            "noRot",
            "noChangeAspect",
            "noMove",
            "noResize",
            "noEditPoints",
            "noAdjustHandles",
            "noChangeArrowheads",
            "noChangeShapeType",
            "noTextEdit",
        ),
    ),
    "p:pic": (
        "p:nvPicPr/p:cNvPicPr",
        "a:picLocks",
        (
            "noGrp",
            "noSelect",
            "noRot",
            "noChangeAspect",
            "noMove",
            "noResize",
            "noEditPoints",
            "noAdjustHandles",
            "noChangeArrowheads",
            "noChangeShapeType",
            "noCrop",
        ),
    ),
    "p:graphicFrame": (
        "p:nvGraphicFramePr/p:cNvGraphicFramePr",
        "a:graphicFrameLocks",
        ("noGrp", "noDrilldown", "noSelect", "noChangeAspect", "noMove", "noResize"),
    ),
    "p:grpSp": (
        "p:nvGrpSpPr/p:cNvGrpSpPr",
        "a:grpSpLocks",
        ("noGrp", "noUngrp", "noSelect", "noRot", "noChangeAspect", "noMove", "noResize"),
    ),
    "p:cxnSp": (
        "p:nvCxnSpPr/p:cNvCxnSpPr",
        "a:cxnSpLocks",
        (
            "noGrp",
            "noSelect",
            "noRot",
            "noChangeAspect",
            "noMove",
            "noResize",
            "noEditPoints",
            "noAdjustHandles",
            "noChangeArrowheads",
            "noChangeShapeType",
        ),
    ),
}

LOCKED_TAGS = tuple(qn(tag) for tag in _LOCKS)


def lock_element(element: etree._Element) -> None:
    """Set every lock attribute on one shape element (sp, pic, graphicFrame, grpSp, cxnSp)."""
    for tag, (path, lock_tag, attributes) in _LOCKS.items():
        if element.tag != qn(tag):
            continue
        holder = element.find("/".join(qn(step) for step in path.split("/")))
        if holder is None:
            return
        locks = holder.find(qn(lock_tag))
        if locks is None:
            locks = etree.Element(qn(lock_tag))
            holder.insert(0, locks)
        for name in attributes:
            locks.set(name, "1")
        if tag == "p:grpSp":
            for member in element:
                lock_element(member)
        return


def lock_shape(shape) -> None:
    """Lock a python-pptx shape (any kind) completely."""
    lock_element(shape._element)


def lock_tree(sp_tree: etree._Element) -> None:
    """Lock every shape in a shape tree (a slide's or a layout's)."""
    for element in sp_tree:
        if element.tag in LOCKED_TAGS:
            lock_element(element)


def lock_attributes(tag: str) -> tuple[str, str, tuple[str, ...]]:
    """For tests: the lock element and attributes expected on a shape element `tag`."""
    return _LOCKS[tag]


def hide_shape(shape) -> None:
    """Hide a shape (it stays in the file for screen readers and the outline)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("hidden", "1")
