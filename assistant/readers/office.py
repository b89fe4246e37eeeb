"""Old Word (.doc) and WPS (.wps): converted to .docx by LibreOffice when it is installed, then read as .docx.

Each conversion runs in its own temporary folder with its own LibreOffice profile (parallel runs never
share one) and under a time limit; without LibreOffice the user is asked to save the file as .docx.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from assistant.errors import InputError
from assistant.model import Report
from assistant.readers.sniff import word_kind

CONVERT_SECONDS = 60  # LibreOffice converts a report in 2–5 s; a file that takes longer is not one
_SAVE_AS = "请另存为 .docx 后再上传"
_SAVE_AS_EN = "save as .docx and upload again"


def soffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_word(data: bytes, source: str, suffix: str) -> Report:
    """Read a .doc or .wps upload: a renamed .docx directly, an old binary or RTF file through LibreOffice."""
    from assistant.readers.docx import read_docx

    kind = word_kind(data)
    if kind == "docx":
        return read_docx(data, source)
    if kind is None:
        raise InputError(
            f"该文件不是 Word/WPS 文档，无法读取；{_SAVE_AS}。",
            hint_en=f"not a Word or WPS document; {_SAVE_AS_EN}",
            path=source,
        )
    return read_docx(convert(data, suffix, source), source)


def convert(data: bytes, suffix: str, source: str, to: str = "docx", timeout: float = CONVERT_SECONDS) -> bytes:
    """The file (``to``: "docx", "pdf", "doc" …) LibreOffice makes of ``data``, a file with ``suffix``.

    Raises :class:`InputError` when LibreOffice is missing, fails or runs past ``timeout`` seconds.
    """
    program = soffice()
    if program is None:
        raise InputError(
            f"本机未安装 LibreOffice，无法读取 {suffix} 文件；{_SAVE_AS}。",
            hint_en=f"LibreOffice (soffice) is not installed; {_SAVE_AS_EN}",
            path=source,
        )
    with tempfile.TemporaryDirectory(prefix="nianbao-office-") as tmp:
        folder = Path(tmp)
        src = folder / f"report{suffix}"
        src.write_bytes(data)
        out = folder / "out"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(src),
        ]
        _run(command, timeout, source)
        result = out / f"report.{to}"
        if not result.is_file():
            raise InputError(
                f"LibreOffice 无法转换该文件（可能已损坏）；{_SAVE_AS}。",
                hint_en=f"LibreOffice could not convert the file; {_SAVE_AS_EN}",
                path=source,
            )
        return result.read_bytes()


def _run(command: list[str], timeout: float, source: str) -> None:
    """Run LibreOffice in its own process group, so a timeout ends its helper processes too."""
    with subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    ) as proc:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise InputError(
                f"LibreOffice 转换超时（{timeout:.0f} 秒）；{_SAVE_AS}。",
                hint_en=f"LibreOffice conversion timed out; {_SAVE_AS_EN}",
                path=source,
            ) from exc
