"""The command line: ``nianbao check / extract / draft / template / schema``.

A thin face: reading, checking and rendering live in ``assistant``; this module parses arguments,
turns every :class:`AssistantError` into one line on stderr with exit status 2, and never shows a
traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from assistant.errors import AssistantError, InputError

if TYPE_CHECKING:
    from assistant.batch.jobs import JobStore
    from assistant.batch.runner import Outcome
    from assistant.drafting.request import DraftRequest
    from assistant.model import Flag, Report

EXIT_OK, EXIT_FLAGS, EXIT_INPUT = 0, 1, 2


def _print_json(data: object) -> None:
    # allow_nan=False: stdout is always valid JSON; a NaN that got this far is a bug, said in one line
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def _result_text(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``, made by orjson (≈ 0.1 ms less a report)."""
    import orjson

    # The result holds strings, ints, bools and None only (no float, whose exponent orjson writes otherwise):
    # byte for byte what json.dumps writes. What orjson refuses (an int beyond 64 bits) goes the slow way.
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        return json.dumps(data, ensure_ascii=False, indent=2)


def _expand(paths: Sequence[str]) -> list[Path]:
    """Files as given; folders expand to the reports inside them (sorted, recursively).

    A sub-folder that cannot be listed is named on stderr (one line each) and the rest is still checked.
    """
    from assistant.readers import REPORT_SUFFIXES, suffix_list

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(_reports_under(p, REPORT_SUFFIXES))
            if not found:
                raise InputError(
                    f"文件夹中没有可读取的报告（支持 {suffix_list(REPORT_SUFFIXES, ' ')}）。",
                    hint_en="no report files in this folder",
                    path=str(p),
                )
            out.extend(found)
        else:
            out.append(p)
    return out


def _reports_under(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """The report files under ``folder``; each folder that cannot be read is said on stderr, not skipped silently."""

    def unreadable(exc: OSError) -> None:
        skipped = InputError(
            "文件夹无法读取（无权限？），已跳过。", hint_en="cannot list this folder, skipped", path=exc.filename
        )
        sys.stderr.write(f"nianbao: {skipped.one_line()}\n")

    for root, _dirs, files in os.walk(folder, onerror=unreadable):
        yield from (Path(root, f) for f in files if Path(f).suffix.lower() in suffixes)


class _Stopped(Exception):
    """A worker stopped on a report as the run in one process would have stopped: its line for stderr."""


@dataclass(frozen=True)
class _Checked:
    """One report's outcome in the order of the reports: what it adds to stdout and stderr, and its status."""

    out: str = ""  # the text block, or the result as indented JSON
    err: str = ""  # the file could not be read: its line for stderr
    flagged: bool = False  # an error-severity flag
    stop: str = ""  # the run stops here (in a worker): the line main() would print
    name: str = ""  # --summary: the report's unit (else its file's stem)
    row: dict[str, Any] | None = None  # --summary: its row (flags, figures, link)


def _check_file(
    path: Path, last: Report | None, fmt: str, annotate: Path | None = None, summary: Path | None = None
) -> _Checked:
    from assistant.checks import check
    from assistant.readers import read_report
    from assistant.writers.check_report import format_text, result_json

    try:
        report = read_report(path)
    except AssistantError as exc:
        # Keep going through a folder; the bad file is named on stderr and sets exit status 2.
        failed = {"message": exc.one_line()} if summary is not None else None
        return _Checked(err=f"nianbao: {exc.one_line()}\n", name=path.stem, row=failed)
    if annotate is not None:
        from assistant.writers.annotate import refuse_if_too_long

        refuse_if_too_long(report)  # before checking: a refused copy costs no wait
    flags = check(report, last)
    row = None
    if summary is not None:
        from assistant.batch.overview import checked_row

        row = checked_row(report, flags, path, summary)
    if annotate is not None:
        _write_annotated(report, flags, annotate)
    out = _result_text(result_json(report, flags)) if fmt == "json" else format_text(report, flags) + "\n\n"
    flagged = any(f.severity == "error" for f in flags)
    return _Checked(out=out, flagged=flagged, name=report.meta.unit or path.stem, row=row)


def _check_in_worker(path: Path, last: Report | None, fmt: str, summary: Path | None = None) -> _Checked:
    """:func:`_check_file` in a worker process: what would stop the run comes back as its line, in order."""
    try:
        return _check_file(path, last, fmt, summary=summary)
    except Exception as exc:
        return _Checked(stop=_stop_line(exc))


def _cmd_check(args: argparse.Namespace) -> int:
    from assistant.parallel import ordered_map, workers_for
    from assistant.readers import read_report

    annotate = _annotate_target(args)  # before any reading: a bad option costs the user no wait
    summary = _summary_target(args)
    last = read_report(args.last_year) if args.last_year else None
    paths = _expand(args.reports)
    one = len(args.reports) == 1 and not Path(args.reports[0]).is_dir()
    kept: list[_Checked] = []
    if annotate is not None or workers_for(len(paths)) == 1:
        outcomes: Iterator[_Checked] = (_check_file(p, last, args.format, annotate, summary) for p in paths)
        status = _emit(_keeping(outcomes, kept, summary), args.format, one)
    else:
        import assistant.checks
        import assistant.writers.check_report  # noqa: F401  (imported once here, inherited by every worker)

        work = partial(_check_in_worker, last=last, fmt=args.format, summary=summary)
        with ordered_map(work, paths) as outcomes:
            status = _emit(_keeping(outcomes, kept, summary), args.format, one)
    if summary is not None:
        _check_summary(summary, kept, paths)
    return status


def _keeping(outcomes: Iterator[_Checked], kept: list[_Checked], summary: Path | None) -> Iterator[_Checked]:
    """The outcomes as they come; with a summary to write after the last, each also kept (without its text)."""
    if summary is None:
        yield from outcomes  # nothing to keep: a folder's results are not all held in memory
        return
    for outcome in outcomes:
        kept.append(replace(outcome, out=""))
        yield outcome


def _summary_target(args: argparse.Namespace) -> Path | None:
    """--summary's folder, made now (a folder that cannot be made stops the run before any reading)."""
    if not args.summary:
        return None
    out = Path(args.summary)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            "无法创建 --summary 文件夹。", hint_en="cannot make the summary folder", path=str(out)
        ) from exc
    return out


def _check_summary(out: Path, checked: Sequence[_Checked], paths: Sequence[Path]) -> None:
    """summary.csv and summary.html for the checked reports (one row a report, unreadable ones included)."""
    from assistant.batch.jobs import DONE, FAILED
    from assistant.batch.overview import lines_for, unique_names, write_summary
    from assistant.batch.runner import Outcome
    from assistant.batch.summary import CHECKED_CN

    names = unique_names([(c.name, p) for c, p in zip(checked, paths, strict=True)])
    outcomes = [Outcome(n, FAILED if c.err else DONE, c.row or {}) for n, c in zip(names, checked, strict=True)]
    write_summary(out, lines_for(outcomes), "年报核对汇总", _atomic_write, CHECKED_CN)
    sys.stderr.write(f"汇总：{out / 'summary.html'}\n")


def _emit(outcomes: Iterator[_Checked], fmt: str, one: bool) -> int:
    """Write each report's outcome as it comes (text) or all at the end (JSON); the exit status."""
    results: list[str] = []
    status = EXIT_OK
    for c in outcomes:
        if c.stop:
            raise _Stopped(c.stop)
        if c.err:
            sys.stderr.write(c.err)
            status = EXIT_INPUT
            continue
        if status != EXIT_INPUT and c.flagged:
            status = EXIT_FLAGS
        if fmt == "json":
            results.append(c.out)
        else:
            sys.stdout.write(c.out)
    if fmt == "json":
        if one:
            if results:  # an unusable single file has said so on stderr; stdout stays empty
                sys.stdout.write(results[0] + "\n")
        else:
            sys.stdout.write(_json_list(results) + "\n")
    return status


def _json_list(items: list[str]) -> str:
    """``json.dumps(list, indent=2)`` from its items each already dumped with ``indent=2``."""
    if not items:
        return "[]"
    # JSON strings hold no raw newline, so indenting every line nests an item exactly as json.dumps would.
    return "[\n" + ",\n".join("  " + item.replace("\n", "\n  ") for item in items) + "\n]"


def _annotate_target(args: argparse.Namespace) -> Path | None:
    if not args.annotate:
        return None
    out = Path(args.annotate)
    if out.suffix.lower() != ".docx":
        raise InputError("--annotate 的输出文件须以 .docx 结尾。", hint_en="--annotate must end in .docx")
    if len(args.reports) != 1 or Path(args.reports[0]).is_dir():
        raise InputError("--annotate 一次只能用于一份报告。", hint_en="--annotate takes exactly one REPORT")
    if out.resolve() == Path(args.reports[0]).resolve():  # the reviewer's original must never be overwritten
        raise InputError("--annotate 不能与被核对的报告是同一个文件。", hint_en="--annotate would overwrite REPORT")
    if not out.parent.is_dir():
        raise InputError("--annotate 所在文件夹不存在。", hint_en="output folder does not exist", path=str(out.parent))
    return out


def _write_annotated(report: Report, flags: list[Flag], out: Path) -> None:
    import io

    from assistant.writers.annotate import annotate_docx

    buffer = io.BytesIO()
    stats = annotate_docx(report, flags, buffer)
    _atomic_write(out, buffer.getvalue())
    # stderr: stdout carries the check output (text or JSON) exactly as without --annotate
    sys.stderr.write(f"已写入批注版 {out}（{stats.comments} 条批注）\n")


def _cmd_extract(args: argparse.Namespace) -> int:
    from assistant.readers import read_report

    report = read_report(args.report)
    _print_json(report.figures.model_dump(mode="json"))
    for notice in report.notices:
        sys.stderr.write(f"注意：{notice}\n")
    return EXIT_OK


def _atomic_write(path: Path, data: bytes) -> None:
    """Write beside, then rename: a crash or a second writer never leaves half a file where a whole one is expected.

    The temporary name is unique (two ``draft --out`` at once each write their own), the bytes reach the disk
    before the rename, and the rename is atomic: the file is one writer's whole output, never a mix.
    """
    import os
    import tempfile

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)  # mkstemp makes 0600; a written report gets the mode any new file would get
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:  # no write permission, a full disk: the output named, not the temporary file
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(
            f"无法写入输出文件（{exc.strerror or exc}），请检查所在文件夹是否可写、磁盘是否已满。",
            hint_en="cannot write the output file",
            path=str(path),
        ) from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def _draft_request(args: argparse.Namespace) -> DraftRequest:
    from assistant.drafting.sources import read_notes, request_from_files

    notes = ""
    if args.notes:
        notes = _stdin_notes() if args.notes == "-" else read_notes(Path(args.notes))
    return request_from_files(
        Path(args.figures),
        last_year=Path(args.last_year) if args.last_year else None,
        notes=notes,
        unit_file=Path(args.unit_file) if args.unit_file else None,
        year=args.year,
        unit=args.unit,
        date=_signing_date(args.date),
    )


def _stdin_notes() -> str:
    """``--notes -``: standard input, bounded like a notes file (``yes | nianbao draft --notes -`` must not hang)."""
    from assistant.drafting.sources import MAX_NOTES_BYTES
    from assistant.readers.sniff import decode_text

    data = sys.stdin.buffer.read(MAX_NOTES_BYTES + 1)
    if len(data) > MAX_NOTES_BYTES:
        raise InputError(f"备注过大（上限 {MAX_NOTES_BYTES // 1000} KB）。", hint_en="notes too large", path="<stdin>")
    return decode_text(data, "<stdin>") if data else ""


def _signing_date(text: str | None) -> dt.date | None:
    """--date as a date (None: the day of drafting)."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(
            f"--date 的日期格式不对：{text[:20]}（应为 2025-01-20）。", hint_en="--date must be YYYY-MM-DD"
        ) from exc


def _render(report: Report, out: Path) -> bytes:
    from assistant.appkit.export import docx_bytes, markdown_bytes
    from assistant.writers.markdown import render_text

    suffix = out.suffix.lower()
    if suffix == ".docx":
        return docx_bytes(report)
    if suffix == ".md":
        return markdown_bytes(report)
    return render_text(report).encode("utf-8")


def _cmd_draft(args: argparse.Namespace) -> int:
    from assistant.batch.outputs import flags_json
    from assistant.drafting.pipeline import draft
    from assistant.drafting.preflight import table_errors, table_warning
    from assistant.drafting.summary import draft_summary
    from assistant.settings import Settings

    out = Path(args.out)
    if out.suffix.lower() not in (".md", ".docx", ".txt"):
        raise InputError("--out 只支持 .md、.docx、.txt。", hint_en="--out must end in .md, .docx or .txt")
    if not out.parent.is_dir():
        raise InputError("--out 所在文件夹不存在。", hint_en="output folder does not exist", path=str(out.parent))
    req = _draft_request(args)
    sys.stderr.writelines(f"{line}\n" for line in table_warning(table_errors(req)))
    settings = Settings()  # the environment, read once for this run
    model_settings = settings.model_settings(model=args.model, offline=args.offline)
    client = None
    if model_settings.configured:
        from assistant.drafting.client import ModelClient

        client = ModelClient(model_settings)
    sys.stderr.write(f"{model_settings.describe()}\n")

    journal_path = out.with_name(f"{out.stem}.journal.jsonl")

    def journal(entry: dict[str, object]) -> None:
        # Every model reply lands on disk as it arrives: a crash later loses nothing the model wrote.
        with journal_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    result = draft(req, client=client, journal=journal, prompts=settings.prompts_dir)
    _atomic_write(out, _render(result.report, out))
    flags_path = out.with_name(f"{out.stem}.flags.json")
    _atomic_write(flags_path, flags_json(result, str(out)))
    journal_path.unlink(missing_ok=True)  # the draft itself now holds what the journal kept

    lines = [
        f"已写入 {out}（问题清单：{flags_path.name}）",
        *draft_summary(req, result, last_year_hint="（--last-year）"),
    ]
    sys.stderr.write("\n".join(lines) + "\n")
    return EXIT_FLAGS if result.errors else EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from assistant.batch.jobs import DONE, FAILED, WAITING, JobStore
    from assistant.batch.progress import progress
    from assistant.batch.runner import Plan, finished, run_batch
    from assistant.drafting.sources import load_units
    from assistant.settings import Settings

    units = load_units(Path(args.units))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    model_settings = settings.model_settings(model=args.model, offline=args.offline)
    defer = bool(args.export_requests or args.import_results)
    if defer and (args.offline or not model_settings.model):
        raise InputError(
            "请求文件需要模型名称：请用 --model 或 NIANBAO_MODEL 指定，且不要同时用 --offline。",
            hint_en="--export-requests/--import-results need a model name",
        )
    model = model_settings if (model_settings.configured or defer) else None
    sys.stderr.write(f"{len(units)} 个单位；{model_settings.describe()}\n")
    formats = tuple(dict.fromkeys(f.strip() for f in args.formats.split(",") if f.strip()))
    if not formats or not set(formats) <= {"docx", "md"}:
        raise InputError("--formats 只能是 docx、md 或 docx,md。", hint_en="--formats takes docx and/or md")
    plan = Plan(out, model, settings.prompts_dir, args.concurrency, args.rpm, args.tpm, defer, formats)
    with JobStore(out) as store:
        if args.import_results:
            _import_results(Path(args.import_results), store)
        skipped = len(finished(units, store))
        if skipped:
            sys.stderr.write(f"跳过 {skipped} 个上次已完成的单位\n")
        with progress(len(units) - skipped) as on_done:
            outcomes = run_batch(units, plan, store, on_done)
    waiting = {key: body for o in outcomes for key, body in o.deferred.items()}
    if waiting:
        _export_requests(args.export_requests, waiting)
    _batch_summary(out, outcomes, "年报批量起草汇总")
    states = [o.state for o in outcomes]
    earlier = f"（其中 {skipped} 个上次已完成，本次跳过）" if skipped else ""
    sys.stderr.write(
        f"已完成 {states.count(DONE)}{earlier}，失败 {states.count(FAILED)}，待导入结果 {states.count(WAITING)}；"
        f"汇总：{out / 'summary.html'}\n"
    )
    if FAILED in states:
        return EXIT_INPUT
    flagged = any(key.startswith("error:") for o in outcomes for key in o.row.get("codes", {}))
    return EXIT_FLAGS if flagged else EXIT_OK


def _import_results(path: Path, store: JobStore) -> None:
    from assistant.batch.requests_file import import_results

    imported = import_results(path, store)
    sys.stderr.writelines(f"结果文件 {path.name} {line}\n" for line in imported.errors)
    sys.stderr.write(f"已导入 {imported.stored} 条模型回答（{len(imported.errors)} 行无法使用）\n")


def _export_requests(target: str | None, waiting: dict[str, dict[str, object]]) -> None:
    from assistant.batch.requests_file import request_lines

    if not target:
        sys.stderr.write(f"还有 {len(waiting)} 个模型请求待回答：请用 --export-requests 写出请求文件。\n")
        return
    _atomic_write(Path(target), request_lines(waiting))
    sys.stderr.write(f"已写出 {len(waiting)} 个模型请求：{target}（批量接口的结果用 --import-results 导入）\n")


def _batch_summary(out: Path, outcomes: Sequence[Outcome], title: str) -> None:
    from assistant.batch.overview import lines_for, write_summary

    write_summary(out, lines_for(outcomes), title, _atomic_write)


def _say_drafting(name: str) -> None:
    sys.stderr.write(f"起草 {name}…\n")


def _cmd_eval(args: argparse.Namespace) -> int:
    from assistant.drafting import evaluate
    from assistant.drafting.client import ModelClient
    from assistant.drafting.sources import load_units
    from assistant.settings import Settings

    units = Path(args.units)
    if not units.exists():
        raise InputError(
            "找不到单位清单。请用 --units 指定清单（.toml）或单位文件夹。", hint_en="--units not found", path=str(units)
        )
    settings = Settings()
    model_settings = settings.model_settings(model=args.model)
    if not model_settings.configured:
        raise InputError(
            "eval 需要模型：请设置 OPENAI_BASE_URL 和 NIANBAO_MODEL（或用 --model）。", hint_en="no model configured"
        )
    cases = [(u.name, u.request()) for u in load_units(units)]  # every input read before the first call
    with ModelClient(model_settings) as client:
        scores = evaluate.evaluate(cases, client, prompts=settings.prompts_dir, progress=_say_drafting)
    labels = {
        "model": model_settings.model or "",
        "endpoint": model_settings.display_url,
        "prompts": evaluate.prompts_version(settings.prompts_dir),
    }
    if args.format == "json":
        _print_json(evaluate.as_json(scores, **labels))
    else:
        sys.stdout.write(evaluate.as_text(scores, **labels) + "\n")
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:
    from assistant.writers.workbook import write_figures_template

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise InputError("模板文件名须以 .xlsx 结尾。", hint_en="template must end in .xlsx")
    figures = None
    if args.from_report:
        from assistant.readers import read_report

        figures = read_report(args.from_report).figures
    write_figures_template(out, figures)
    sys.stderr.write(f"已写入 {out}\n")
    return EXIT_OK


def _cmd_schema() -> int:
    from assistant.model import Figures

    _print_json(Figures.model_json_schema())
    return EXIT_OK


def _build_parser() -> argparse.ArgumentParser:
    from assistant.readers import REPORT_SUFFIXES, suffix_list  # the help names what is really accepted

    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="年报助手：核对、提取政府信息公开工作年度报告 / check and extract annual disclosure reports",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="核对报告（表格勾稽、正文与表格、年份、结构等）")
    p.add_argument("reports", nargs="+", metavar="REPORT", help=f"{suffix_list(REPORT_SUFFIXES, '/')} 文件或文件夹")
    p.add_argument("--last-year", metavar="LAST", help="上年度报告，用于跨年核对")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--annotate", metavar="OUT.docx", help="另存一份带批注的 .docx：每个问题作为批注标在原文处（仅限一份报告）"
    )
    p.add_argument(
        "--summary", metavar="OUT", help="另在文件夹 OUT 中写出汇总 summary.csv 与 summary.html（每份报告一行）"
    )
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("extract", help="以 JSON 输出报告中的三张表格数字")
    p.add_argument("report", metavar="REPORT")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("draft", help="起草年度报告（有模型时由模型写正文，数字由表格填入并核对）")
    p.add_argument("--figures", required=True, help="本年度数字：figures.json、.xlsx 或含表格的报告")
    p.add_argument("--last-year", metavar="LAST", help=f"上年度报告（{suffix_list(REPORT_SUFFIXES, '/')}）")
    p.add_argument("--notes", help="工作人员备注文件（- 表示从标准输入读取）")
    p.add_argument("--year", type=int, help="报告年度（无法从输入推断时必填）")
    p.add_argument("--unit", help="单位名称（无法从输入推断时必填）")
    p.add_argument(
        "--unit-file", metavar="UNIT.toml", help="单位信息文件（.toml 或 .json：全称、地址、办公电话、公开专栏等）"
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="落款日期（默认为起草当日）")
    p.add_argument("--out", required=True, help="输出文件：.md、.docx 或 .txt")
    p.add_argument("--offline", action="store_true", help="不调用模型，用模板起草")
    p.add_argument("--model", help="模型名称（默认取 NIANBAO_MODEL）")
    p.set_defaults(func=_cmd_draft)

    p = sub.add_parser("batch", help="批量起草：一个文件夹（每个单位一个子文件夹）或清单中的所有单位")
    p.add_argument(
        "units", metavar="UNITS", help="单位文件夹（每个单位一个子文件夹，内含 figures.*）或清单（.toml/.csv）"
    )
    p.add_argument("--out", required=True, metavar="OUT", help="输出文件夹：每个单位一个子文件夹，另有汇总")
    p.add_argument("--offline", action="store_true", help="不调用模型，用模板起草")
    p.add_argument("--model", help="模型名称（默认取 NIANBAO_MODEL）")
    p.add_argument("--concurrency", type=_positive, default=4, metavar="K", help="同时向模型请求的单位数（默认 4）")
    p.add_argument("--rpm", type=_positive, metavar="N", help="每分钟请求数上限")
    p.add_argument("--tpm", type=_positive, metavar="N", help="每分钟 tokens 上限")
    p.add_argument("--export-requests", metavar="REQUESTS.jsonl", help="不调用模型，把模型请求写成批量接口的请求文件")
    p.add_argument("--import-results", metavar="RESULTS.jsonl", help="导入批量接口的结果文件，完成起草")
    p.add_argument("--formats", default="docx,md", help="草稿格式：docx,md（默认两种都写）")
    p.set_defaults(func=_cmd_batch)

    p = sub.add_parser("eval", help="衡量模型：用所配模型起草一组单位，按部分统计回退、缺项、数字和用量")
    p.add_argument(
        "--units", default="fixtures/eval.toml", help="单位清单（.toml）或单位文件夹（默认 fixtures/eval.toml）"
    )
    p.add_argument("--model", help="模型名称（默认取 NIANBAO_MODEL）")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("template", help="生成按标准表格排好的 .xlsx 填报模板")
    p.add_argument("out", metavar="OUT.xlsx")
    p.add_argument("--from-report", metavar="REPORT", help="以某份报告的数字预填（如上年报告）")
    p.set_defaults(func=_cmd_template)

    p = sub.add_parser("schema", help="输出表格数字的 JSON Schema")
    p.set_defaults(func=lambda _: _cmd_schema())  # the one command that reads no arguments

    from assistant import accounts_cli

    accounts_cli.add_parser(sub)
    return parser


def _positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}")
    return value


def _as_user_error(exc: OSError | ValidationError) -> AssistantError:
    """What the user can fix, said in one line: a file that cannot be read or written, a value out of range."""
    if isinstance(exc, OSError):  # permissions, a full disk, a folder that vanished
        where = str(exc.filename) if exc.filename else None
        return InputError(f"无法读写文件（{exc.strerror or exc}）。", hint_en="file error", path=where)
    errors = exc.errors(include_url=False)
    fields = "、".join(sorted({".".join(str(p) for p in e["loc"]) for e in errors})) or "输入"
    return InputError(f"输入的值不合要求：{fields}。", hint_en=f"invalid value: {errors[0]['msg'] if errors else ''}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit status 0 clean, 1 errors flagged, 2 stopped (bad input, or a bug: one line, no trace)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        sys.stderr.write("nianbao: 已中断 / interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        sys.stderr.write(f"nianbao: {_stop_line(exc)}\n")
        return EXIT_INPUT


def _stop_line(exc: Exception) -> str:
    """What stops a run, said in one line (never a traceback)."""
    if isinstance(exc, _Stopped):
        return str(exc)
    if isinstance(exc, AssistantError):
        return exc.one_line()
    if isinstance(exc, OSError | ValidationError):
        return _as_user_error(exc).one_line()
    # a bug, but the user still gets one line, not a traceback
    return f"内部错误（{type(exc).__name__}: {exc}），请将此文件反馈给开发者 / internal error"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
