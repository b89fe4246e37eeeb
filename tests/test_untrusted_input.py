"""Untrusted input never crashes the product: mangled reports and hostile model replies.

Reports are mutated at random (deletions, insertions of table-ish and numeric characters, copied runs) and
must either read and check, or be refused with InputError. Model replies built from placeholders, numbers,
personal numbers, markdown and junk must come out of pinning with no personal number, no placeholder and no
brace left.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.checks import check
from assistant.checks.personal import personal_numbers
from assistant.drafting.pinning import pin
from assistant.drafting.placeholders import CATALOGUE
from assistant.errors import InputError
from assistant.readers import read_report, read_report_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SOURCES = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.md"))]
NOISE = [
    *"0123456789一二三四五六七八九十（）()、.。，|\t\n 年月日件条元万%",
    *"总计其他申请收到未无结转",
    *("\u3000", "\xa0", "—", "/"),
]


@st.composite
def mangled_report(draw: st.DrawFn) -> str:
    chars = list(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(1, 30))):
        i = draw(st.integers(0, max(0, len(chars) - 1)))
        op = draw(st.sampled_from(["delete", "insert", "copy"]))
        if op == "delete":
            del chars[i : i + draw(st.integers(1, 40))]
        elif op == "insert":
            chars[i:i] = draw(st.lists(st.sampled_from(NOISE), min_size=1, max_size=6))
        else:
            j = draw(st.integers(0, max(0, len(chars) - 1)))
            chars[i:i] = chars[j : j + draw(st.integers(1, 300))]
    return "".join(chars)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=mangled_report(), name=st.sampled_from(["r.txt", "r.md"]))
def test_mangled_reports_read_and_check_or_are_refused(text: str, name: str) -> None:
    try:
        report = read_report_bytes(text.encode("utf-8"), name)
    except InputError:
        return
    for flag in check(report):
        assert flag.message and flag.severity in ("error", "warning")
        if flag.span is None:
            continue
        # a span points at words the reviewer can be shown (the highlighter and the annotator rely on it).
        # A mangled report may repeat a section number; the flag does not say which of them it means.
        start, end = flag.span
        lengths = [len(s.text) for s in report.sections if s.number == flag.section]
        assert any(0 <= start <= end <= n for n in lengths), flag


REPLY_PIECES = [f"{{{{{n.key}}}}}" for n in CATALOGUE] + [
    "{{bad.key}}",
    "{{",
    "}}",
    "{received.total}}",
    "共收到政府信息公开申请",
    "件",
    "办结",
    "予以公开",
    "未收到",
    "13912345678",
    "139 1234 5678",
    "110101199003074514",
    "万元",
    "元",
    "%",
    "约",
    "余",
    "```",
    "## ",
    "**",
    "\x00",
    "\r\n",
    "一、总体情况\n",
    "。",
    "，",
    "15",
    "两",
    "一百零五",
    "0.5",
    "手机",
    "身份证",
]
SONGHE = read_report(FIXTURES / "songhe-2024.md").figures


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(REPLY_PIECES), min_size=1, max_size=120), section=st.sampled_from([0, 1, 5, 6]))
def test_hostile_model_replies_come_out_clean(pieces: list[str], section: int) -> None:
    text = pin("".join(pieces), section, SONGHE, 2024).text
    assert personal_numbers(text) == []
    assert "{" not in text and "}" not in text and "\x00" not in text
