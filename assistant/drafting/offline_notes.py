"""Staff notes as facts: untrusted free text, split into sentences, filtered, sorted into report places.

A note is data, never an instruction. Lines that address a model or try to change the rules are
dropped; personal mobiles and ID numbers are cut out with their clause; only sentences that state work
done are kept. Whether a kept sentence's numbers agree with the tables is decided later, by the checker,
on the assembled draft (see :mod:`assistant.drafting.offline`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.checks.personal import personal_numbers
from assistant.drafting.lastyear import INJECTION
from assistant.model import Report

# Instructions about the draft itself, beyond the model-directed INJECTION patterns.
_RULE_CHANGE = re.compile(
    r"不要|不得|不用|无需检查|请(?:把|将|在|务必|直接)|务必|必须写|一律写|改成|改为|写成|替换|删除(?:以上|上述)|跳过"
)
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_CLAUSE = re.compile(r"[^，,]+[，,]?")
# A sentence that reports work done has one of these verbs.
_WORK = re.compile(
    r"开展|组织|发布|公开|公示|建立|完成|办理|办结|召开|印发|培训|推送|更新|承办|设置|制定|落实|收到|答复|修订"
    r"|举办|设立|开通|上线|试点|推行|实现|整理|梳理|清理|编制|解读|走访|征集|收集|接待|增设|新增|改版|张贴"
)
_QUESTION = re.compile(r"[?？]|吗$|是否")

Bucket = str  # "proactive" | "requests" | "management" | "platforms" | "oversight" | "proposals" |
# "key_points" | "innovation" | "fees" | "problem" | "general"

_BUCKETS: tuple[tuple[Bucket, re.Pattern[str]], ...] = (
    ("fees", re.compile(r"信息处理费|处理费")),
    ("proposals", re.compile(r"人大代表|政协|建议|提案")),
    ("key_points", re.compile(r"工作要点|要点")),
    ("problem", re.compile(r"不足|不够|有待|薄弱|滞后|欠缺|问题")),
    ("innovation", re.compile(r"创新|试点|首次|探索|新推出")),
    ("requests", re.compile(r"申请|依申请|答复|复议|诉讼")),
    ("proactive", re.compile(r"主动公开|解读|回应关切")),
    ("management", re.compile(r"审核|保密|公开属性|去标识|档案|规范性文件|清理")),
    ("platforms", re.compile(r"网站|专栏|栏目|公众号|微信|新媒体|公开栏|查阅点|平台|显示屏|二维码")),
    ("oversight", re.compile(r"培训|考核|领导小组|督查|评议|追责|问责|监督")),
    ("proactive", re.compile(r"发布|公示|推送|回应")),
)


@dataclass(frozen=True)
class Note:
    """One sentence of the clerk's notes and the bucket (the part of the report) it belongs in."""

    text: str  # one sentence, ending in 。
    bucket: Bucket
    index: int  # position in the notes, for a stable order
    line: int = 0  # the notes line it came from (index into :func:`note_lines`)


def _scrub(sentence: str) -> str:
    """The sentence without clauses that carry a personal mobile or ID number."""
    if not personal_numbers(sentence):
        return sentence
    kept = [c for c in _CLAUSE.findall(sentence) if not personal_numbers(c)]
    return "".join(kept).strip("，, ")


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_BULLET = re.compile(r"^[\s\-*•·#>]*(?:\d{1,2}[.．、)]|[（(]\d{1,2}[)）])?\s*")
_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SHOWN = 60  # characters of an unused line repeated in the summary
_RUN = 8  # as the copying check: a shared 8-character run is what makes passages read alike


def notes_as_facts(notes: str, year: int | None = None) -> list[Note]:
    """The note sentences that state work done. With ``year``, a sentence dated another year is dropped:
    a note about last year's work would put a stale year into this year's report."""
    out: list[Note] = []
    seen: set[str] = set()
    for number, line in enumerate(note_lines(notes)):
        if INJECTION.search(line) or _RULE_CHANGE.search(line):
            continue  # the whole line: an instruction's other sentences are not facts either
        for m in _SENTENCE.finditer(line):
            sentence = _scrub(m.group(0).strip())
            body = sentence.rstrip("。！？；!?;，, ")
            if len(body) < 6 or _QUESTION.search(sentence) or not _WORK.search(body):
                continue
            if INJECTION.search(body) or _RULE_CHANGE.search(body):
                continue
            if year is not None and any(int(y) != year for y in _YEAR.findall(body)):
                continue
            text = body + "。"
            if text in seen:
                continue
            seen.add(text)
            bucket = next((name for name, pattern in _BUCKETS if pattern.search(body)), "general")
            out.append(Note(text, bucket, len(out), number))
    return out


def note_lines(notes: str) -> list[str]:
    """The notes' lines that say anything, without list bullets and numbering ("1." "（2）" "-")."""
    lines = (_BULLET.sub("", line).strip() for line in notes.replace("\r", "\n").split("\n"))
    return [line for line in lines if _WORDY.search(line)]


def unused_note_lines(notes: str, report: Report, year: int | None = None) -> list[str]:
    """The notes lines none of whose facts stands in ``report``: what the clerk wrote that the draft left out.

    A fact placed by the offline drafter stands verbatim; one a model reworded counts when every number of
    it and at least half of its 8-character runs are in the text.
    """
    text = re.sub(r"\s+", "", "\n".join(s.text for s in report.sections))
    used = {n.line for n in notes_as_facts(notes, year) if _stands_in(n.text, text)}
    return [_shown(line) for number, line in enumerate(note_lines(notes)) if number not in used]


def _shown(line: str) -> str:
    """A notes line as the summary repeats it: personal numbers masked, long lines cut."""
    for found in reversed(personal_numbers(line)):
        line = line[: found.start] + found.masked + line[found.end :]
    return line if len(line) <= _SHOWN else line[: _SHOWN - 1] + "…"


def _stands_in(sentence: str, text: str) -> bool:
    body = re.sub(r"\s+", "", sentence.rstrip("。"))
    if body in text:
        return True
    # Reworded: most of its wording, and every one of its numbers (a note whose figure the checker
    # refused shares wording with the template's sentence, but not that figure).
    if any(not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d.])", text) for n in _NUMBER.findall(body)):
        return False
    runs = {body[i : i + _RUN] for i in range(len(body) - _RUN + 1)}
    return bool(runs) and 2 * sum(1 for r in runs if r in text) >= len(runs)
