"""SVG images made safe: rebuilt from an allowlist of drawing elements and attributes, nothing active or fetched.

An SVG is a document, not a picture: it can hold scripts, event handlers, links, external entities and
references to any address. Every writer embeds the result of sanitise(), never the file as it was. What
survives: shapes, paths, text, gradients, patterns, clipping, masks, markers and filters, with their
presentation attributes; references only to the image's own elements (`#id`), embedded raster images
only as checked data: URLs. Everything else (script, foreignObject, animation, external `href`s, `url()`s
that leave the image, style sheets with at-rules, DOCTYPEs and entities) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from convert import langtag
from convert.limits import MAX_DEPTH, MAX_SVG_ELEMENTS

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = frozenset(
    str.split(
        "svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textPath title desc"
        " linearGradient radialGradient stop clipPath mask pattern marker image style switch view"
        " filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting"
        " feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR"
        " feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting"
        " feSpotLight feTile feTurbulence"
    )
)
"""Drawing elements kept; any other element is dropped with everything inside it."""
UNWRAPPED = frozenset({"a"})
"""Elements replaced by a group, so their drawing stays and their link goes."""
ATTRIBUTES = frozenset(
    str.split(
        "id class style x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points transform viewBox"
        " preserveAspectRatio version baseProfile fill fill-opacity fill-rule stroke stroke-width"
        " stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset"
        " opacity color display visibility overflow font-family font-size font-size-adjust font-weight"
        " font-style font-variant font-stretch text-anchor dominant-baseline alignment-baseline baseline-shift"
        " letter-spacing word-spacing text-decoration writing-mode direction unicode-bidi dx dy rotate"
        " textLength lengthAdjust startOffset method spacing side offset stop-color stop-opacity gradientUnits"
        " gradientTransform spreadMethod patternUnits patternContentUnits patternTransform clipPathUnits"
        " maskUnits maskContentUnits clip-path clip-rule mask filter filterUnits primitiveUnits marker-start"
        " marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient in in2 result"
        " stdDeviation mode type values operator k1 k2 k3 k4 flood-color flood-opacity lighting-color order"
        " kernelMatrix divisor bias targetX targetY edgeMode preserveAlpha surfaceScale specularConstant"
        " specularExponent diffuseConstant kernelUnitLength scale xChannelSelector yChannelSelector radius"
        " baseFrequency numOctaves seed stitchTiles tableValues slope intercept amplitude exponent azimuth"
        " elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle shape-rendering text-rendering"
        " image-rendering color-interpolation color-interpolation-filters paint-order vector-effect pathLength"
        " mix-blend-mode isolation transform-origin role aria-label aria-labelledby aria-describedby"
        " aria-hidden focusable lang media"
    )
)
"""Attributes kept (in no namespace); href, xlink:href, xml:lang and xml:space are checked apart."""
# CSS functions a value may call; url() only towards the image's own elements.
_FUNCTIONS = frozenset(
    {"url", "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "calc", "min", "max", "clamp"}
    | {"translate", "translatex", "translatey", "rotate", "scale", "scalex", "scaley", "matrix"}
    | {"skewx", "skewy", "var", "blur", "drop-shadow", "brightness", "contrast", "grayscale", "opacity"}
)
_CALL = re.compile(r"([a-zA-Z_-][\w-]*)\s*\(")
# An address of any kind has no business in a drawing's style, even where nothing would fetch it.
_ADDRESS = re.compile(r"://|\b(?:java|vb)script\s*:|\bdata\s*:", re.IGNORECASE)
_LOCAL_URL = re.compile(r"url\(\s*(['\"]?)#[\w.:-]+\1\s*\)", re.IGNORECASE)

ImageCheck = Callable[[str], str | None]
"""Given an embedded image's data: URL, the URL to keep (checked to be a raster image) or None."""


class UnsafeSVG(ValueError):
    """The bytes are not an SVG image that can be made safe (not XML, not SVG at its root)."""


def safe_css(value: str) -> bool:
    """True when a style value or sheet fetches nothing and runs nothing: no at-rules, escapes or outside url()s."""
    if "@" in value or "\\" in value or "<" in value or _ADDRESS.search(value):
        return False
    if not all(name.lower() in _FUNCTIONS for name in _CALL.findall(value)):
        return False
    # Every url( must be a reference to the image's own elements.
    return value.lower().count("url(") == len(_LOCAL_URL.findall(value))


def sanitise(data: bytes, image_check: ImageCheck | None = None) -> bytes:
    """The SVG image in data rebuilt safely; UnsafeSVG when data is not an SVG document."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True,
        huge_tree=False,
    )  # fmt: skip
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise UnsafeSVG(f"not readable as SVG ({error})") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise UnsafeSVG("not an SVG image (its root element is not <svg>)")
    clean = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS, "xlink": XLINK_NS})
    _copy_attributes(root, clean, image_check)
    # An explicit stack, not recursion: (source element, copy to fill, depth).
    stack = [(root, clean, 1)]
    while stack:
        source, copy, depth = stack.pop()
        last: etree._Element | None = None
        if source.text and _keeps_text(copy):
            copy.text = source.text
        for child in source:
            kept = _child(child, copy, depth, image_check)
            if kept is not None:
                last = kept
                stack.append((child, kept, depth + 1))
            # The text after a dropped element (or an entity reference, never expanded) stays with what precedes it.
            tail = child.tail if _keeps_text(copy) else None
            if tail:
                if last is not None:
                    last.tail = (last.tail or "") + tail
                else:
                    copy.text = (copy.text or "") + tail
    for style in list(clean.iter(f"{{{SVG_NS}}}style")):
        if not safe_css(style.text or ""):
            style.getparent().remove(style)
    drawn = _drawn_elements(clean)
    if drawn > MAX_SVG_ELEMENTS:
        raise UnsafeSVG(f"draws more than {MAX_SVG_ELEMENTS:,} elements once its <use> references are followed")
    return etree.tostring(clean, encoding="utf-8", xml_declaration=True)


def _drawn_elements(root: etree._Element) -> int:
    """How many elements drawing the image takes, each <use> counting the elements it repeats.

    Nested <use> references multiply ("a thousand of a thousand of ..."), and a reference to an ancestor
    never ends: both count as more than any limit, so such images are refused before a renderer meets them.
    """
    by_id = {element.get("id"): element for element in root.iter() if element.get("id")}
    sizes: dict[int, int] = {}
    # Depth-first over elements, children before parents, following <use> to its target; in progress = cycle.
    in_progress: set[int] = set()
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        element, expanded = stack.pop()
        key = id(element)
        if expanded:
            in_progress.discard(key)
            inner = [*element, *_used(element, by_id)]
            sizes[key] = min(1 + sum(sizes.get(id(child), 0) for child in inner), MAX_SVG_ELEMENTS + 1)
            continue
        if key in sizes:
            continue
        if key in in_progress:
            return MAX_SVG_ELEMENTS + 1
        in_progress.add(key)
        stack.append((element, True))
        for child in (*element, *_used(element, by_id)):
            if id(child) in in_progress:
                return MAX_SVG_ELEMENTS + 1
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def _used(element: etree._Element, by_id: dict[str, etree._Element]) -> list[etree._Element]:
    if etree.QName(element).localname != "use":
        return []
    target = by_id.get((element.get("href") or "").removeprefix("#"))
    return [target] if target is not None else []


def _keeps_text(element: etree._Element) -> bool:
    return etree.QName(element).localname in ("text", "tspan", "textPath", "title", "desc", "style")


def _child(
    child: etree._Element, parent: etree._Element, depth: int, image_check: ImageCheck | None
) -> etree._Element | None:
    """The safe copy of child appended to parent, or None when child is dropped."""
    if not isinstance(child.tag, str) or depth >= MAX_DEPTH:
        return None
    name = etree.QName(child)
    if name.namespace != SVG_NS:
        return None
    if name.localname in UNWRAPPED:
        copy = etree.SubElement(parent, f"{{{SVG_NS}}}g")
    elif name.localname in ELEMENTS:
        copy = etree.SubElement(parent, child.tag)
    else:
        return None
    _copy_attributes(child, copy, image_check)
    if name.localname in UNWRAPPED:
        for attribute in ("href", f"{{{XLINK_NS}}}href"):
            copy.attrib.pop(attribute, None)
    if name.localname in ("image", "use") and copy.get("href") is None:
        # A reference that lost its target (remote, another file, not a raster image) draws nothing.
        parent.remove(copy)
        return None
    return copy


def _copy_attributes(source: etree._Element, copy: etree._Element, image_check: ImageCheck | None) -> None:
    is_image = etree.QName(source).localname == "image"
    for key, value in source.attrib.items():
        name = etree.QName(key)
        if name.namespace is None and name.localname in ATTRIBUTES:
            if name.localname == "lang":
                tag = langtag.normalise(value)
                if tag is not None:
                    copy.set("lang", tag)
            elif safe_css(value) if name.localname == "style" else _safe_value(value):
                copy.set(key, value)
        elif name.localname == "href" and name.namespace in (None, XLINK_NS):
            href = _safe_href(value.strip(), is_image, image_check)
            if href is not None:
                copy.set("href", href)  # SVG 2 href, understood everywhere xlink:href is
        elif name.namespace == XML_NS and name.localname == "space" and value in ("default", "preserve"):
            copy.set(key, value)
        elif name.namespace == XML_NS and name.localname == "lang" and langtag.normalise(value):
            copy.set(key, str(langtag.normalise(value)))


def _safe_value(value: str) -> bool:
    lowered = value.lower()
    if "(" in lowered or ":" in lowered or "@" in lowered or "\\" in lowered:
        return safe_css(value) and "script" not in lowered
    return True


def _safe_href(href: str, is_image: bool, image_check: ImageCheck | None) -> str | None:
    """A reference kept: to one of the image's own elements, or (for <image>) a checked raster data: URL."""
    if re.fullmatch(r"#[\w.:-]+", href):
        return href
    if is_image and image_check is not None and href[:5].lower() == "data:":
        return image_check(href)
    return None
