"""The command line: ``nianbao check / extract / schema``.

A thin face: reading, checking and rendering live in ``assistant``; this module parses arguments,
turns every :class:`AssistantError` into one line on stderr with exit status 2, and never shows a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import AssistantError, InputError

EXIT_OK, EXIT_FLAGS, EXIT_INPUT = 0, 1, 2


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _expand(paths: Sequence[str]) -> list[Path]:
    """Files as given; folders expand to the reports inside them (sorted, recursively)."""
    from assistant.readers import SUPPORTED_SUFFIXES

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not found:
                raise InputError(
                    "文件夹中没有可读取的报告（支持 .docx .html .htm .txt .md）。",
                    hint_en="no report files in this folder",
                    path=str(p),
                )
            out.extend(found)
        else:
            out.append(p)
    return out


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.checks import check
    from assistant.readers import read_report
    from assistant.report_output import format_text, result_json

    last = read_report(args.last_year) if args.last_year else None
    results = []
    status = EXIT_OK
    for path in _expand(args.reports):
        try:
            report = read_report(path)
        except AssistantError as exc:
            # Keep going through a folder; the bad file is named on stderr and sets exit status 2.
            sys.stderr.write(f"nianbao: {exc.one_line()}\n")
            status = EXIT_INPUT
            continue
        flags = check(report, last)
        if status != EXIT_INPUT and any(f.severity == "error" for f in flags):
            status = EXIT_FLAGS
        if args.format == "json":
            results.append(result_json(report, flags))
        else:
            sys.stdout.write(format_text(report, flags) + "\n\n")
    if args.format == "json":
        if len(args.reports) == 1 and not Path(args.reports[0]).is_dir():
            if results:  # an unusable single file has said so on stderr; stdout stays empty
                _print_json(results[0])
        else:
            _print_json(results)
    return status


def cmd_extract(args: argparse.Namespace) -> int:
    from assistant.readers import read_report

    report = read_report(args.report)
    _print_json(report.figures.model_dump(mode="json"))
    for notice in report.notices:
        sys.stderr.write(f"注意：{notice}\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from assistant.model import Figures

    _print_json(Figures.model_json_schema())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="年报助手：核对、提取政府信息公开工作年度报告 / check and extract annual disclosure reports",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="核对报告（表格勾稽、正文与表格、年份、结构等）")
    p.add_argument("reports", nargs="+", metavar="REPORT", help=".docx/.html/.txt/.md 文件或文件夹")
    p.add_argument("--last-year", metavar="LAST", help="上年度报告，用于跨年核对")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("extract", help="以 JSON 输出报告中的三张表格数字")
    p.add_argument("report", metavar="REPORT")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("schema", help="输出表格数字的 JSON Schema")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except AssistantError as exc:
        sys.stderr.write(f"nianbao: {exc.one_line()}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("nianbao: 已中断 / interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug, but the user still gets one line, not a traceback
        sys.stderr.write(
            f"nianbao: 内部错误（{type(exc).__name__}: {exc}），请将此文件反馈给开发者 / internal error\n"
        )
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
