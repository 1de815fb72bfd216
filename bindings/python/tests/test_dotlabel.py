"""The Python package against an installed libdotlabel: the same bytes and diagnostics as the
`dotlabel` command ($DOTLABEL_CLI), errors as DotlabelError, threads rendering in parallel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest

import dotlabel

SOURCE = Path(__file__).resolve().parents[3]
REFERENCE_XML = SOURCE / "golden" / "bench" / "reference.xml"
REFERENCE_PNG = SOURCE / "golden" / "bench" / "reference.png"
CLI = os.environ.get("DOTLABEL_CLI")
needs_cli = pytest.mark.skipif(not CLI, reason="DOTLABEL_CLI names no dotlabel command")

TWO_LABELS = (
    '<PAGE w="40" l="30">\n'
    '  <LABEL id="2"><TEXT x="2" y="2" f="3">AB</TEXT></LABEL>\n'
    '  <LABEL id="1"><BL x="1" y="1" w="5" h="5"/></LABEL>\n'
    "</PAGE>\n"
)
# Two errors: PAGE without l, a QRC with an unknown e.
BROKEN = '<PAGE w="40">\n  <LABEL id="1">\n    <QRC x="1" y="1" e="Z">A</QRC>\n  </LABEL>\n</PAGE>\n'
# TEXT 2 mm over the right edge: a warning, and the label still renders.
CLIPPED = (
    '<PAGE w="40" l="30">\n  <LABEL id="1">\n    <TEXT x="38" y="2" f="3">AB</TEXT>\n'
    "  </LABEL>\n</PAGE>\n"
)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    assert CLI
    return subprocess.run([CLI, *args], cwd=cwd, capture_output=True, check=False)


@needs_cli
def test_version_is_the_librarys_and_the_commands(tmp_path: Path) -> None:
    assert dotlabel.__version__ == dotlabel.library_version()
    assert dotlabel.library_version() in cli("--version", cwd=tmp_path).stdout.decode()


@needs_cli
def test_reference_png_is_byte_identical_to_dotlabel_render(tmp_path: Path) -> None:
    assert cli("render", str(REFERENCE_XML), "-o", "out.png", cwd=tmp_path).returncode == 0
    [png] = dotlabel.render(REFERENCE_XML.read_text(encoding="utf-8"))
    # Byte for byte what the command writes; the golden suite holds its dots to REFERENCE_PNG.
    assert png == (tmp_path / "out.png").read_bytes()


@needs_cli
@pytest.mark.parametrize("format", ["png", "pbm", "svg"])
def test_every_label_in_id_order_as_dotlabel_render_writes_it(tmp_path: Path, format: str) -> None:
    (tmp_path / "a.xml").write_text(TWO_LABELS)
    assert cli("render", "a.xml", "-o", f"out.{format}", cwd=tmp_path).returncode == 0
    images = dotlabel.render(TWO_LABELS, format)
    assert images == [(tmp_path / f"out-{i}.{format}").read_bytes() for i in (1, 2)]


@needs_cli
def test_base64_lines_are_those_of_dotlabel_base64(tmp_path: Path) -> None:
    (tmp_path / "a.xml").write_text(TWO_LABELS)
    run = cli("base64", "a.xml", cwd=tmp_path)
    assert run.returncode == 0
    assert dotlabel.base64(TWO_LABELS) == run.stdout.decode().splitlines()


@needs_cli
@pytest.mark.parametrize("mode", ["items", "image"])
def test_mstching_is_the_print_content_of_dotlabel_mstching(tmp_path: Path, mode: str) -> None:
    (tmp_path / "a.xml").write_text(TWO_LABELS)
    run = cli("mstching", "--mode", mode, "--width", "200", "a.xml", cwd=tmp_path)
    assert run.returncode == 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert dotlabel.mstching(TWO_LABELS, mode, 200) == json.loads(run.stdout)
    # Items mode has no item for a filled bar: the command's warning, as a Python warning.
    expected = ["DL0502"] if mode == "items" else []
    assert [str(w.message).split("[")[-1].split("]")[0] for w in caught] == expected


@needs_cli
@pytest.mark.parametrize(
    "args,language,mode,width",
    [(["tspl"], "tspl", "raster", 0), (["tspl", "--mode", "native"], "tspl", "native", 0),
     (["escpos", "--width", "384"], "escpos", "raster", 384)],
)
def test_printer_job_is_what_dotlabel_tspl_and_escpos_write(
    tmp_path: Path, args: list[str], language: str, mode: str, width: int
) -> None:
    (tmp_path / "a.xml").write_text(TWO_LABELS)
    run = cli(*args, "a.xml", cwd=tmp_path)
    assert run.returncode == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # native mode's notes on the printer's own fonts
        assert dotlabel.printer_job(TWO_LABELS, language, mode=mode, width=width) == run.stdout
    with pytest.raises(dotlabel.DotlabelError) as refused:
        dotlabel.printer_job(TWO_LABELS, "escpos", width=100)
    assert [d.code for d in refused.value.diagnostics] == ["DL0551"]


@needs_cli
def test_bad_file_gives_the_diagnostics_of_dotlabel_check(tmp_path: Path) -> None:
    (tmp_path / "bad.xml").write_text(BROKEN)
    run = cli("check", "--diagnostics", "json", "bad.xml", cwd=tmp_path)
    assert run.returncode == 1
    expected = json.loads(run.stderr)
    assert len(expected) == 2
    got = dotlabel.check(BROKEN, file_name="bad.xml")
    assert [
        {
            "file": d.file,
            "line": d.line,
            "column": d.column,
            "severity": d.severity,
            "code": d.code,
            "message": d.message,
            "hint": d.hint,
        }
        for d in got
    ] == expected


def test_render_of_bad_markup_raises_with_the_diagnostics() -> None:
    with pytest.raises(dotlabel.DotlabelError) as raised:
        dotlabel.render(BROKEN)
    assert raised.value.status == "input error"
    assert [d.code for d in raised.value.diagnostics] == [d.code for d in dotlabel.check(BROKEN)]
    assert all(d.file == "<string>" for d in raised.value.diagnostics)
    assert "error" in str(raised.value)


def test_check_of_good_markup_is_empty() -> None:
    assert dotlabel.check(TWO_LABELS) == []


def test_str_and_bytes_markup_are_the_same() -> None:
    assert dotlabel.render(TWO_LABELS) == dotlabel.render(TWO_LABELS.encode())
    assert dotlabel.check(BROKEN) == dotlabel.check(bytearray(BROKEN.encode()))
    with pytest.raises(TypeError):
        dotlabel.render(42)  # type: ignore[arg-type]


def test_warnings_of_a_rendered_label_are_python_warnings() -> None:
    with pytest.warns(dotlabel.DotlabelWarning, match="DL"):
        [png] = dotlabel.render(CLIPPED)
    assert png.startswith(b"\x89PNG")


def test_arguments_out_of_range_are_value_errors() -> None:
    with pytest.raises(ValueError):
        dotlabel.render(TWO_LABELS, "gif")
    with pytest.raises(ValueError):
        dotlabel.mstching(TWO_LABELS, "picture")
    with pytest.raises(ValueError):
        dotlabel.mstching(TWO_LABELS, width=5000)


def test_a_library_that_cannot_be_loaded_is_an_import_error(tmp_path: Path) -> None:
    env = dict(os.environ, DOTLABEL_LIBRARY=str(tmp_path / "libdotlabel.so.0"))
    run = subprocess.run(
        [sys.executable, "-c", "import dotlabel"], env=env, capture_output=True, check=False
    )
    assert run.returncode != 0
    assert b"DOTLABEL_LIBRARY" in run.stderr


def test_four_threads_render_the_same_bytes_in_parallel() -> None:
    markup = REFERENCE_XML.read_text(encoding="utf-8")
    # One render alone (it also loads the fonts, outside the measurement).
    [expected] = dotlabel.render(markup)
    results: list[list[bytes]] = [[] for _ in range(4)]

    def work(out: list[bytes]) -> None:
        for _ in range(15):
            out.extend(dotlabel.render(markup))

    threads = [threading.Thread(target=work, args=(out,)) for out in results]
    wall, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert all(out == [expected] * 15 for out in results)
    # With the GIL released the process's CPU time can exceed the wall time; how far depends on
    # the free cores of the machine, so the ratio is reported, not asserted.
    print(f"4 threads: cpu/wall = {cpu / wall:.2f} on {os.cpu_count()} cores")
