"""dotlabel: compile, check and render Xpyun label markup as a 203-dpi printer prints it.

A thin layer over libdotlabel's C API (loaded with ctypes from the loader's path, or from
$DOTLABEL_LIBRARY): the dots, bytes and diagnostics are those of the `dotlabel` command.
Every function may be called from several threads at once; the GIL is released while the
library works, so threads render in parallel.
"""

from __future__ import annotations

import ctypes
import json
import warnings
from dataclasses import dataclass
from typing import Any, Union

from . import _native

__version__ = "0.1.0"
__all__ = [
    "Diagnostic",
    "DotlabelError",
    "DotlabelWarning",
    "base64",
    "check",
    "library_version",
    "mstching",
    "printer_job",
    "render",
]

Markup = Union[str, bytes]


@dataclass(frozen=True)
class Diagnostic:
    """One diagnostic, as `dotlabel check` reports it."""

    severity: str  # "error", "warning" or "note"
    code: str  # stable, "DL" + digits (docs/diagnostics.md)
    line: int  # 1-based; 0 with column 0 means the whole input
    column: int  # 1-based, in characters
    message: str
    hint: str  # "" when there is none
    file: str  # the file_name given

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"
        return text + (f"\n  hint: {self.hint}" if self.hint else "")


class DotlabelError(Exception):
    """The markup has errors (see .diagnostics), or the library could not do the work."""

    def __init__(self, message: str, diagnostics: list[Diagnostic], status: str) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics
        self.status = status  # "input error", "invalid argument", "out of memory", ...

    def __str__(self) -> str:
        errors = [str(d) for d in self.diagnostics if d.severity == "error"]
        return "\n".join([super().__str__()] + errors)


class DotlabelWarning(UserWarning):
    """A warning diagnostic of markup that still rendered (e.g. an element over the edge)."""


def library_version() -> str:
    """The version of the loaded libdotlabel, "MAJOR.MINOR.PATCH"."""
    return _native.lib.dotlabel_version().decode()


def _bytes(markup: Markup) -> bytes:
    if isinstance(markup, str):
        return markup.encode("utf-8")
    if isinstance(markup, (bytes, bytearray, memoryview)):
        return bytes(markup)
    raise TypeError(f"markup must be str or bytes, not {type(markup).__name__}")


def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def _diagnostics(result: _native.Result) -> list[Diagnostic]:
    return [
        Diagnostic(
            severity=_native.SEVERITIES.get(d.severity, "error"),
            code=_text(d.code),
            line=d.line,
            column=d.column,
            message=_text(d.message),
            hint=_text(d.hint),
            file=_text(d.file),
        )
        for d in result.diagnostics()
    ]


def _call(function: Any, *args: Any) -> tuple[list[bytes], list[Diagnostic]]:
    """Calls a C operation; returns its outputs and diagnostics or raises DotlabelError.
    Warnings of a successful call become DotlabelWarning warnings."""
    handle = ctypes.c_void_p()
    status = function(*args, ctypes.byref(handle))
    with _native.Result(handle.value) as result:
        if not handle.value:
            name = _native.lib.dotlabel_status_string(status).decode()
            if status == 3:
                raise MemoryError("dotlabel: out of memory")
            raise DotlabelError(f"dotlabel: {name}", [], name)
        diagnostics = _diagnostics(result)
        if status != _native.OK:
            name = _native.lib.dotlabel_status_string(status).decode()
            raise DotlabelError(result.message(), diagnostics, name)
        return result.outputs(), diagnostics


def _warn(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        if d.severity == "warning":
            warnings.warn(str(d), DotlabelWarning, stacklevel=3)


def check(markup: Markup, file_name: str = "<string>") -> list[Diagnostic]:
    """Validates the markup; returns every diagnostic (errors included, none raised for them).
    `file_name` is what the diagnostics call the input."""
    data = _bytes(markup)
    options = _native.CheckOptions(ctypes.sizeof(_native.CheckOptions), file_name.encode())
    try:
        return _call(_native.lib.dotlabel_check, data, len(data), ctypes.byref(options))[1]
    except DotlabelError as error:
        if error.status == "input error":
            return error.diagnostics
        raise


def _render(markup: Markup, format: str, file_name: str, as_fed: bool, logo: bytes) -> list[bytes]:
    if format not in _native.FORMATS:
        raise ValueError(f"format must be one of {sorted(_native.FORMATS)}, not {format!r}")
    data = _bytes(markup)
    logo_buffer = ctypes.create_string_buffer(bytes(logo), len(logo))  # alive through the call
    options = _native.RenderOptions(
        ctypes.sizeof(_native.RenderOptions),
        file_name.encode(),
        _native.FORMATS[format],
        int(as_fed),
        ctypes.addressof(logo_buffer),
        len(logo),
    )
    outputs, diagnostics = _call(
        _native.lib.dotlabel_render, None, data, len(data), ctypes.byref(options)
    )
    _warn(diagnostics)
    return outputs


def render(
    markup: Markup,
    format: str = "png",
    *,
    file_name: str = "<string>",
    as_fed: bool = False,
    logo: bytes = b"",
) -> list[bytes]:
    """Renders every label, in id order: one image each, as `dotlabel render` writes it.

    format: "png" (1-bit, 203 dpi), "pbm" (P4) or "svg" (UTF-8 text as bytes).
    as_fed: apply LABEL d (d=0 turns the label 180 degrees).
    logo: an image (PNG/JPEG/BMP) printed for a <BMP/> without content.
    Raises DotlabelError (with .diagnostics) on any error; warnings become DotlabelWarning.
    """
    if format not in ("png", "pbm", "svg"):
        raise ValueError(f"format must be 'png', 'pbm' or 'svg', not {format!r}")
    return _render(markup, format, file_name, as_fed, logo)


def base64(
    markup: Markup, *, file_name: str = "<string>", as_fed: bool = False, logo: bytes = b""
) -> list[str]:
    """Each label's PNG in base64, in id order: the Xpyun printImage payloads, as
    `dotlabel base64` prints them."""
    return [_text(line) for line in _render(markup, "png-base64", file_name, as_fed, logo)]


def mstching(
    markup: Markup,
    mode: str = "items",
    width: int = 384,
    *,
    file_name: str = "<string>",
    as_fed: bool = False,
    logo: bytes = b"",
) -> list[dict[str, Any]]:
    """The Mstching (对对机) PrintContent, parsed: the JSON array of items that
    `dotlabel mstching` prints, [{"Alignment", "BaseText", "Bold", "FontSize", "PrintType"}].

    mode: "items" (each element as a native item) or "image" (one picture per printed label).
    width: the paper width in dots, 1..4096 (384 = 48 mm).
    """
    if mode not in _native.MSTCHING_MODES:
        raise ValueError(f"mode must be 'items' or 'image', not {mode!r}")
    if not 1 <= width <= 4096:
        raise ValueError(f"width must be in 1..4096 dots, not {width}")
    data = _bytes(markup)
    logo_buffer = ctypes.create_string_buffer(bytes(logo), len(logo))  # alive through the call
    options = _native.MstchingOptions(
        ctypes.sizeof(_native.MstchingOptions),
        file_name.encode(),
        _native.MSTCHING_MODES[mode],
        width,
        int(as_fed),
        ctypes.addressof(logo_buffer),
        len(logo),
    )
    outputs, diagnostics = _call(
        _native.lib.dotlabel_mstching, None, data, len(data), ctypes.byref(options)
    )
    _warn(diagnostics)
    result: list[dict[str, Any]] = json.loads(outputs[0])
    return result


def printer_job(
    markup: Markup,
    language: str = "tspl",
    *,
    mode: str = "raster",
    width: int = 0,
    scale: bool = False,
    file_name: str = "<string>",
    logo: bytes = b"",
) -> bytes:
    """The print job of every label, as `dotlabel tspl` or `dotlabel escpos` writes it: bytes
    to send to a label printer (TSPL) or a receipt printer (ESC/POS) over USB or TCP port 9100.

    language: "tspl" or "escpos".
    mode: TSPL only, "raster" (exactly the preview's dots) or "native" (the printer's commands).
    width: ESC/POS only, the paper width in dots (384 for 58 mm, 576 for 80 mm); 0 = no limit.
    scale: ESC/POS only, scale a label wider than the paper down to it instead of refusing.
    """
    if language not in _native.PRINTER_LANGUAGES:
        raise ValueError(f"language must be 'tspl' or 'escpos', not {language!r}")
    if mode not in _native.TSPL_MODES:
        raise ValueError(f"mode must be 'raster' or 'native', not {mode!r}")
    if not 0 <= width <= 4096:
        raise ValueError(f"width must be in 0..4096 dots, not {width}")
    data = _bytes(markup)
    logo_buffer = ctypes.create_string_buffer(bytes(logo), len(logo))  # alive through the call
    options = _native.PrinterOptions(
        ctypes.sizeof(_native.PrinterOptions),
        file_name.encode(),
        _native.PRINTER_LANGUAGES[language],
        _native.TSPL_MODES[mode],
        width,
        int(scale),
        ctypes.addressof(logo_buffer),
        len(logo),
    )
    outputs, diagnostics = _call(
        _native.lib.dotlabel_printer_job, None, data, len(data), ctypes.byref(options)
    )
    _warn(diagnostics)
    return outputs[0]
