"""A style sheet of the user's own (--css FILE): added after the theme, its url()s under the local-only rules.

A theme is a name from styles/, never a path; a user who wants other CSS names the file. Its rules reach the
page, the PDF and the EPUB, so what they may fetch is decided here, once: a url() naming an image (or a font
file) beside the style sheet is embedded as a checked data: URL through the one image path; anything else
(the network, other folders, @import, what is not an image or font) is left out with a warning. The sheet is
parsed as CSS (tinycss2), so escapes ("\\75 rl(") and comments cannot hide a url().
"""

from __future__ import annotations

import base64
import warnings
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from convert.errors import ConvertWarning, InputError, UsageError
from convert.images import Loader, describe
from convert.local_files import Refused, local_file
from convert.source import read_limited

MAX_CSS_BYTES = 1_000_000
"""The largest style sheet read."""
MAX_FONT_BYTES = 10_000_000
"""The largest font file a style sheet may embed."""
FONT_SUFFIXES = frozenset({".woff2", ".woff", ".ttf", ".otf"})
# Font files a style sheet may embed, by their first bytes.
FONT_SIGNATURES = {b"wOF2": "font/woff2", b"wOFF": "font/woff", b"\x00\x01\x00\x00": "font/ttf", b"OTTO": "font/otf"}
_URL_LISTS = frozenset({"image-set", "-webkit-image-set"})


def load(path: Path) -> str:
    """The user's style sheet at path, made safe: every url() embedded or removed, @import left out."""
    try:
        data = read_limited(path, MAX_CSS_BYTES, "style sheet")
        text = data.decode("utf-8-sig")
    except InputError as error:
        raise UsageError(f"--css {path}: {error.message}") from None
    except OSError as error:
        raise UsageError(f"--css {path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise UsageError(f"--css {path}: not UTF-8 text") from None
    return safe(text, Path(path).resolve().parent)


def safe(css: str, base: Path) -> str:
    """css with each url() resolved under base (embedded, or replaced by none) and every @import removed."""
    import tinycss2

    images = Loader(base)
    rules = tinycss2.parse_stylesheet(css, skip_comments=True)
    kept = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword in ("import", "namespace"):
            warnings.warn(f"--css: @{rule.lower_at_keyword} left out: style sheets are read whole, from one file",
                          ConvertWarning, stacklevel=2)  # fmt: skip
            continue
        for part in ("prelude", "content"):
            tokens = getattr(rule, part, None)
            if tokens:
                _replace_urls(tokens, images, base)
        kept.append(rule)
    # Inside an HTML <style>, "</" could close the element: CSS reads "<\/" the same.
    return tinycss2.serialize(kept).replace("</", "<\\/")


def _replace_urls(tokens: list, images: Loader, base: Path) -> None:
    """Put embedded data: URLs (or none) in place of every url() in tokens, nested blocks included."""
    import tinycss2.ast as ast

    stack = [tokens]
    while stack:
        current = stack.pop()
        for index, token in enumerate(current):
            if token.type == "url":
                current[index] = _url_token(token.value, images, base, token)
            elif token.type == "function" and token.lower_name == "url":
                strings = [t for t in token.arguments if t.type == "string"]
                current[index] = _url_token(strings[0].value if strings else "", images, base, token)
            elif token.type == "function" and token.lower_name in _URL_LISTS:
                for number, argument in enumerate(token.arguments):
                    if argument.type == "string":
                        found = _embedded(argument.value, images, base)
                        token.arguments[number] = ast.StringToken(
                            argument.source_line, argument.source_column, found or "", f'"{found or ""}"'
                        )
                stack.append(token.arguments)
            elif token.type == "function":
                stack.append(token.arguments)
            elif token.type in ("() block", "[] block", "{} block"):
                stack.append(token.content)


def _url_token(src: str, images: Loader, base: Path, token: object) -> object:
    import tinycss2.ast as ast

    found = _embedded(src, images, base)
    line, column = token.source_line, token.source_column  # type: ignore[attr-defined]
    if found is None:
        return ast.IdentToken(line, column, "none")
    return ast.URLToken(line, column, found, f'url("{found}")')


def _embedded(src: str, images: Loader, base: Path) -> str | None:
    """The data: URL for a url() of the style sheet: a checked image, or a font file; None (reported) otherwise."""
    src = src.strip()
    if not src or src.startswith("#"):
        return None
    if PurePosixPath(urlsplit(src).path).suffix.lower() not in FONT_SUFFIXES:
        image = images.load(src)
        return image.data_url() if image is not None else None
    try:
        data = read_limited(local_file(src, base), MAX_FONT_BYTES, "font")
    except (Refused, InputError, OSError) as error:
        warnings.warn(f"--css: font {describe(src)} left out: {error}", ConvertWarning, stacklevel=2)
        return None
    kind = FONT_SIGNATURES.get(data[:4])
    if kind is None:
        warnings.warn(f"--css: font {describe(src)} left out: it is not a font file", ConvertWarning, stacklevel=2)
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
