"""Images for every writer: the one path that finds, reads, checks and makes safe each image a document uses.

An image comes from a data: URL (decoded once, checked to be an image) or from a file beside the source
document (the local-only policy of convert.local_files: never the network, never outside the source's folder;
never more than MAX_IMAGE_BYTES). Its bytes must be a PNG, JPEG, GIF, WebP or AVIF picture of at most MAX_IMAGE_PIXELS,
or an SVG image, which is always sanitised (convert.svg) before any writer sees it. What a writer cannot
use is refused with one warning naming the image, and every writer shows a refused image the same way:
its description as text, marked as a missing image (missing_image_text).
"""

from __future__ import annotations

import base64
import hashlib
import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote_to_bytes

from convert.errors import ConvertWarning, InputError, shown
from convert.labels import label
from convert.limits import MAX_DOCUMENT_IMAGE_BYTES, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, size
from convert.local_files import Refused, local_file, reason
from convert.model import Figure
from convert.source import read_limited

SVG = "image/svg+xml"
RASTER_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"})
IMAGE_TYPES = RASTER_TYPES | {SVG}
"""Every kind of image a document may use; each writer may accept fewer."""
EXTENSIONS = {
    "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp", "image/avif": ".avif",
    SVG: ".svg",
}  # fmt: skip
_PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
_PILLOW_FORMATS["image/avif"] = "AVIF"
_BASE64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_SPACES = b"\t\n\f\r "


@dataclass(frozen=True, slots=True)
class Image:
    """An image checked and ready for a writer: its bytes (sanitised, for SVG) and what they are."""

    data: bytes
    """The image file's bytes."""
    media_type: str
    """Its type, told from the bytes themselves: "image/png", "image/svg+xml"..."""
    name: str
    """A file name for it: the source file's, or "image" with the type's extension for a data: URL."""
    width: int = 0
    """Width in pixels (0 for SVG, which scales)."""
    height: int = 0
    """Height in pixels (0 for SVG)."""

    @property
    def digest(self) -> str:
        """The SHA-256 of the bytes, in hexadecimal: the same picture always has the same one."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def extension(self) -> str:
        """The file extension of its type, with the dot."""
        return EXTENSIONS[self.media_type]

    def data_url(self) -> str:
        """The image as a data: URL."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def is_data_url(src: str) -> bool:
    """True when src is a data: URL, in any case ("DATA:image/png;...") and with leading space."""
    return src[:64].lstrip()[:5].lower() == "data:"  # a slice first: src may be megabytes long


def describe(src: str) -> str:
    """src for a message: a data: URL by its type and size (never its whole content), anything else quoted."""
    if is_data_url(src):
        header = src[:200].lstrip()[5:].split(",", 1)[0][:60]
        kind = header.split(";")[0].strip() or "text/plain"
        return f"embedded {shown(kind, 40)} ({size(len(src))})"
    return shown(src, 100)


def sniff(data: bytes) -> str | None:
    """The image type the bytes are, from their first bytes; None when they are no image we read."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "image/avif"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return SVG
    return None


def decode_data_url(src: str, limit: int = MAX_IMAGE_BYTES) -> tuple[str, bytes]:
    """(declared type, bytes) of a data: URL, decoded as browsers do (forgiving base64); Refused if it cannot be."""
    body = src.lstrip()[5:]
    header, comma, payload = body.partition(",")
    if not comma:
        raise Refused("it is not a well-formed data: URL (no comma)")
    parameters = [part.strip().lower() for part in header.split(";")]
    declared = parameters[0] or "text/plain"
    too_large = Refused(f"it is larger than {size(limit)}, the largest image used")
    if "base64" in parameters[1:]:
        # Four characters for three bytes, and line breaks perhaps: judged by length before any decoding.
        if len(payload) > limit * 4 // 3 * 11 // 10 + 16:
            raise too_large
        data = _forgiving_base64(payload.encode("ascii", "replace"), limit)
    else:
        if len(payload) > limit * 3 + 16:  # at most three characters ("%89") for a byte
            raise too_large
        data = unquote_to_bytes(payload)
    if len(data) > limit:
        raise Refused(f"it is larger than {size(limit)}, the largest image used")
    return declared, data


def _forgiving_base64(payload: bytes, limit: int) -> bytes:
    """Base64 as the WHATWG URL standard reads it: spaces ignored, padding optional, anything else an error."""
    payload = payload.translate(None, _SPACES)  # bytes.translate: C speed, where a regex crawls over megabytes
    if len(payload) > (limit + 2) // 3 * 4:
        raise Refused(f"it is larger than {size(limit)}, the largest image used")
    if len(payload) % 4 == 0:
        payload = payload.removesuffix(b"==") if payload.endswith(b"==") else payload.removesuffix(b"=")
    if len(payload) % 4 == 1 or payload.translate(None, _BASE64):
        raise Refused("its base64 data is damaged (characters or padding that base64 cannot hold)")
    return base64.b64decode(payload + b"=" * (-len(payload) % 4))


def check(data: bytes, name: str) -> Image:
    """The Image the bytes are (an SVG sanitised); Refused when they are not a usable image."""
    kind = sniff(data)
    if kind is None:
        raise Refused("it is not an image of a kind every format can show (PNG, JPEG, GIF, WebP, AVIF or SVG)")
    stem = Path(name).stem or "image"
    if kind == SVG:
        from convert.svg import UnsafeSVG, sanitise

        try:
            return Image(sanitise(data, _embedded_raster), SVG, stem + EXTENSIONS[SVG])
        except UnsafeSVG as error:
            raise Refused(str(error)) from None
    width, height = _raster_size(data, kind)
    return Image(data, kind, stem + EXTENSIONS[kind], width, height)


def _raster_size(data: bytes, kind: str) -> tuple[int, int]:
    """Width and height from the image's header (nothing is decoded), after checking its structure."""
    import PIL.Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # our own limit, below Pillow's, decides
            with PIL.Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[kind]]) as picture:
                width, height = picture.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise Refused(
                        f"it is {width:,} × {height:,} pixels; the largest image used has {MAX_IMAGE_PIXELS:,}"
                    )
                picture.verify()
    except Refused:
        raise
    except Exception as error:  # Pillow signals damage with many types (SyntaxError, OSError, struct.error...)
        raise Refused(f"it cannot be decoded as {kind} ({reason(error)})") from None
    return width, height


def _embedded_raster(src: str) -> str | None:
    """For an <image> inside an SVG: the data: URL if it holds a raster image, else None (never a nested SVG)."""
    try:
        _, data = decode_data_url(src)
        image = check(data, "image")
    except Refused:
        return None
    return image.data_url() if image.media_type in RASTER_TYPES else None


def missing_image_text(node: Figure, lang: str) -> str:
    """What stands where an informative image could not be put: "Image not available: DESCRIPTION"."""
    return f"{label('missing-image', lang)}: {node.alt.strip() or label('no-description', lang)}"


@dataclass
class Loader:
    """One document's images for one writer: each source loaded and checked once, each refusal said once."""

    base: Path | None
    """The source document's folder, the only place image files come from."""
    accepts: frozenset[str] = IMAGE_TYPES
    """The image types the writer can use."""
    unsupported: str = "this format cannot show"
    """Why a type outside accepts is refused, as the end of a sentence: "Word cannot show"."""
    loaded: dict[str, Image | None] = field(default_factory=dict)
    """Each src asked for -> its Image, or None when refused."""
    total: int = 0
    """Bytes of the distinct images accepted so far."""
    _digests: set[str] = field(default_factory=set)

    def load(self, src: str) -> Image | None:
        """The checked Image src names, or None (with one warning naming src and the reason) when refused."""
        if not src.strip():
            # A figure without a picture (a chart, a picture in a format no writer shows): its reader said so.
            return None
        if src not in self.loaded:
            try:
                self.loaded[src] = self._accept(_load(src, self.base))
            except Refused as refusal:
                warnings.warn(f"image {describe(src)} left out: {refusal}", ConvertWarning, stacklevel=2)
                self.loaded[src] = None
        return self.loaded[src]

    def load_all(self, sources: Iterable[str]) -> None:
        """Load every src in order, so refusals are reported in reading order."""
        for src in sources:
            self.load(src)

    def _accept(self, image: Image) -> Image:
        if image.media_type not in self.accepts:
            raise Refused(f"it is {image.media_type}, which {self.unsupported}")
        if image.digest not in self._digests:
            if self.total + len(image.data) > MAX_DOCUMENT_IMAGE_BYTES:
                raise Refused(f"the document's images would pass {size(MAX_DOCUMENT_IMAGE_BYTES)} in all")
            self._digests.add(image.digest)
            self.total += len(image.data)
        return image


def _load(src: str, base: Path | None) -> Image:
    if is_data_url(src):
        declared, data = decode_data_url(src)
        if not declared.startswith("image/"):
            raise Refused(f"it is declared as {shown(declared, 40)}, not as an image")
        return check(data, "image")
    path = local_file(src, base)
    try:
        data = read_limited(path, MAX_IMAGE_BYTES, "image")
    except InputError as error:
        raise Refused(error.message) from None
    except OSError as error:
        raise Refused(f"it cannot be read ({reason(error)})") from None
    return check(data, path.name)
