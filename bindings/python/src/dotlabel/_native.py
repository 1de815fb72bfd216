"""The C API of libdotlabel (include/dotlabel/dotlabel.h) declared for ctypes.

Private: the public functions are in the package itself. ctypes releases the GIL during every
foreign call, so threads render in parallel.
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Optional

# The shared library's major version: its soname is libdotlabel.so.<major>.
ABI_MAJOR = 0

OK = 0
INPUT_ERROR = 1

FORMATS = {"png": 0, "pbm": 1, "svg": 2, "png-base64": 3}
MSTCHING_MODES = {"items": 0, "image": 1}
PRINTER_LANGUAGES = {"tspl": 0, "escpos": 1}
TSPL_MODES = {"raster": 0, "native": 1}
SEVERITIES = {0: "note", 1: "warning", 2: "error"}


class Diagnostic(ctypes.Structure):
    _fields_ = [
        ("file", ctypes.c_char_p),
        ("line", ctypes.c_int),
        ("column", ctypes.c_int),
        ("severity", ctypes.c_int),
        ("code", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("hint", ctypes.c_char_p),
    ]


class CheckOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("file_name", ctypes.c_char_p)]


class RenderOptions(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("file_name", ctypes.c_char_p),
        ("format", ctypes.c_int),
        ("as_fed", ctypes.c_int),
        ("logo", ctypes.c_void_p),
        ("logo_size", ctypes.c_size_t),
    ]


class MstchingOptions(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("file_name", ctypes.c_char_p),
        ("mode", ctypes.c_int),
        ("paper_width", ctypes.c_int),
        ("as_fed", ctypes.c_int),
        ("logo", ctypes.c_void_p),
        ("logo_size", ctypes.c_size_t),
    ]


class PrinterOptions(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("file_name", ctypes.c_char_p),
        ("language", ctypes.c_int),
        ("tspl_mode", ctypes.c_int),
        ("paper_width", ctypes.c_int),
        ("scale_to_paper", ctypes.c_int),
        ("logo", ctypes.c_void_p),
        ("logo_size", ctypes.c_size_t),
    ]


def _candidates() -> list[str]:
    """Where the library is looked for: $DOTLABEL_LIBRARY alone when set, else the loader's
    search path (LD_LIBRARY_PATH, the ld.so cache, ...) by soname."""
    explicit = os.environ.get("DOTLABEL_LIBRARY")
    if explicit:
        return [explicit]
    if sys.platform == "darwin":
        return [f"libdotlabel.{ABI_MAJOR}.dylib", "libdotlabel.dylib"]
    if sys.platform == "win32":
        return ["dotlabel.dll"]
    return [f"libdotlabel.so.{ABI_MAJOR}"]


def _load() -> ctypes.CDLL:
    errors = []
    for name in _candidates():
        try:
            return ctypes.CDLL(name)
        except OSError as error:
            errors.append(f"{name}: {error}")
    raise ImportError(
        "dotlabel: cannot load libdotlabel ("
        + "; ".join(errors)
        + "); install it, or set DOTLABEL_LIBRARY to the path of libdotlabel.so."
        + str(ABI_MAJOR)
    )


def _declare(lib: ctypes.CDLL) -> None:
    result_p = ctypes.c_void_p
    size_t = ctypes.c_size_t
    lib.dotlabel_version.restype = ctypes.c_char_p
    lib.dotlabel_version.argtypes = []
    lib.dotlabel_status_string.restype = ctypes.c_char_p
    lib.dotlabel_status_string.argtypes = [ctypes.c_int]
    lib.dotlabel_result_status.restype = ctypes.c_int
    lib.dotlabel_result_status.argtypes = [result_p]
    lib.dotlabel_result_message.restype = ctypes.c_char_p
    lib.dotlabel_result_message.argtypes = [result_p]
    lib.dotlabel_result_diagnostic_count.restype = size_t
    lib.dotlabel_result_diagnostic_count.argtypes = [result_p]
    lib.dotlabel_result_diagnostic.restype = ctypes.POINTER(Diagnostic)
    lib.dotlabel_result_diagnostic.argtypes = [result_p, size_t]
    lib.dotlabel_result_diagnostics_json.restype = ctypes.c_char_p
    lib.dotlabel_result_diagnostics_json.argtypes = [result_p]
    lib.dotlabel_result_output_count.restype = size_t
    lib.dotlabel_result_output_count.argtypes = [result_p]
    lib.dotlabel_result_output.restype = ctypes.c_void_p
    lib.dotlabel_result_output.argtypes = [result_p, size_t, ctypes.POINTER(size_t)]
    lib.dotlabel_result_output_label_id.restype = ctypes.c_int64
    lib.dotlabel_result_output_label_id.argtypes = [result_p, size_t]
    lib.dotlabel_result_free.restype = None
    lib.dotlabel_result_free.argtypes = [result_p]
    markup = [ctypes.c_char_p, size_t]
    out = [ctypes.POINTER(result_p)]
    lib.dotlabel_check.restype = ctypes.c_int
    lib.dotlabel_check.argtypes = markup + [ctypes.POINTER(CheckOptions)] + out
    lib.dotlabel_render.restype = ctypes.c_int
    lib.dotlabel_render.argtypes = [ctypes.c_void_p] + markup + [ctypes.POINTER(RenderOptions)] + out
    lib.dotlabel_mstching.restype = ctypes.c_int
    lib.dotlabel_mstching.argtypes = (
        [ctypes.c_void_p] + markup + [ctypes.POINTER(MstchingOptions)] + out
    )
    lib.dotlabel_printer_job.restype = ctypes.c_int
    lib.dotlabel_printer_job.argtypes = (
        [ctypes.c_void_p] + markup + [ctypes.POINTER(PrinterOptions)] + out
    )


lib = _load()
_declare(lib)


class Result:
    """Owns one dotlabel_result; read it, then close() it (or use `with`)."""

    def __init__(self, handle: Optional[int]) -> None:
        self.handle = handle

    def __enter__(self) -> "Result":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.handle:
            lib.dotlabel_result_free(self.handle)
            self.handle = None

    def message(self) -> str:
        return lib.dotlabel_result_message(self.handle).decode("utf-8", "replace")

    def diagnostics(self) -> list[Diagnostic]:
        count = lib.dotlabel_result_diagnostic_count(self.handle)
        return [lib.dotlabel_result_diagnostic(self.handle, i).contents for i in range(count)]

    def outputs(self) -> list[bytes]:
        size = ctypes.c_size_t()
        outputs = []
        for i in range(lib.dotlabel_result_output_count(self.handle)):
            pointer = lib.dotlabel_result_output(self.handle, i, ctypes.byref(size))
            outputs.append(ctypes.string_at(pointer, size.value))
        return outputs
