"""Click animations: PresentationML timing (`p:timing`) that PowerPoint and Impress both play.

Each step is one click; every shape of the step fades in together (entrance effect "Fade",
presetID 10). See docs/dev/animations.md for the XML and the spec sections.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

FADE_MS = 500


class _Ids:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> str:
        self.value += 1
        return str(self.value)


def _ctn(parent: etree._Element, ids: _Ids, **attrs: str) -> etree._Element:
    ctn = etree.SubElement(parent, qn("p:cTn"), id=ids.next(), **attrs)
    return ctn


def _cond_list(parent: etree._Element, tag: str, delay: str) -> None:
    conds = etree.SubElement(parent, qn(tag))
    etree.SubElement(conds, qn("p:cond"), delay=delay)


def _target(parent: etree._Element, shape_id: int) -> None:
    tgt = etree.SubElement(parent, qn("p:tgtEl"))
    etree.SubElement(tgt, qn("p:spTgt"), spid=str(shape_id))


def _fade_in(parent_list: etree._Element, ids: _Ids, shape_id: int, node_type: str) -> None:
    par = etree.SubElement(parent_list, qn("p:par"))
    ctn = _ctn(
        par, ids, presetID="10", presetClass="entr", presetSubtype="0", fill="hold", grpId="0", nodeType=node_type
    )
    _cond_list(ctn, "p:stCondLst", "0")
    children = etree.SubElement(ctn, qn("p:childTnLst"))
    # Make the shape visible, then fade it in.
    set_ = etree.SubElement(children, qn("p:set"))
    bhvr = etree.SubElement(set_, qn("p:cBhvr"))
    inner = _ctn(bhvr, ids, dur="1", fill="hold")
    _cond_list(inner, "p:stCondLst", "0")
    _target(bhvr, shape_id)
    names = etree.SubElement(bhvr, qn("p:attrNameLst"))
    etree.SubElement(names, qn("p:attrName")).text = "style.visibility"
    to = etree.SubElement(set_, qn("p:to"))
    etree.SubElement(to, qn("p:strVal"), val="visible")
    effect = etree.SubElement(children, qn("p:animEffect"), transition="in", filter="fade")
    bhvr = etree.SubElement(effect, qn("p:cBhvr"))
    _ctn(bhvr, ids, dur=str(FADE_MS))
    _target(bhvr, shape_id)


def add_click_sequence(slide, steps: list[list[int]]) -> None:
    """Make the shapes (by shape id) of each step appear at one click each, in order."""
    steps = [step for step in steps if step]
    if not steps:
        return
    sld = slide._element
    for old in sld.findall(qn("p:timing")):
        sld.remove(old)
    ids = _Ids()
    timing = etree.Element(qn("p:timing"))
    tn_list = etree.SubElement(timing, qn("p:tnLst"))
    root_par = etree.SubElement(tn_list, qn("p:par"))
    root = _ctn(root_par, ids, dur="indefinite", restart="never", nodeType="tmRoot")
    root_children = etree.SubElement(root, qn("p:childTnLst"))
    seq = etree.SubElement(root_children, qn("p:seq"), concurrent="1", nextAc="seek")
    main = _ctn(seq, ids, dur="indefinite", nodeType="mainSeq")
    clicks = etree.SubElement(main, qn("p:childTnLst"))
    for shape_ids in steps:
        click_par = etree.SubElement(clicks, qn("p:par"))
        click = _ctn(click_par, ids, fill="hold")
        _cond_list(click, "p:stCondLst", "indefinite")
        click_children = etree.SubElement(click, qn("p:childTnLst"))
        group_par = etree.SubElement(click_children, qn("p:par"))
        group = _ctn(group_par, ids, fill="hold")
        _cond_list(group, "p:stCondLst", "0")
        effects = etree.SubElement(group, qn("p:childTnLst"))
        for i, shape_id in enumerate(shape_ids):
            _fade_in(effects, ids, shape_id, "clickEffect" if i == 0 else "withEffect")
    prev = etree.SubElement(seq, qn("p:prevCondLst"))
    cond = etree.SubElement(prev, qn("p:cond"), evt="onPrev", delay="0")
    etree.SubElement(etree.SubElement(cond, qn("p:tgtEl")), qn("p:sldTgt"))
    nxt = etree.SubElement(seq, qn("p:nextCondLst"))
    cond = etree.SubElement(nxt, qn("p:cond"), evt="onNext", delay="0")
    etree.SubElement(etree.SubElement(cond, qn("p:tgtEl")), qn("p:sldTgt"))
    # No p:bldLst: the targets are groups, which take no paragraph build (bldP is for text shapes).
    # CT_Slide sequence: cSld, clrMapOvr, transition, timing, extLst.
    ext = sld.find(qn("p:extLst"))
    if ext is not None:
        ext.addprevious(timing)
    else:
        sld.append(timing)


def click_sequence(slide) -> list[list[int]]:
    """The shape ids of each click step, read back from a slide's timing (for tests and tools)."""
    steps = []
    for click in slide._element.iterfind(
        ".//" + qn("p:cTn") + "[@nodeType='mainSeq']/" + qn("p:childTnLst") + "/" + qn("p:par")
    ):
        targets = [int(t.get("spid")) for t in click.iterfind(".//" + qn("p:animEffect") + "//" + qn("p:spTgt"))]
        steps.append(targets)
    return steps
