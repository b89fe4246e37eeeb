"""Last year's report, digested for the drafters: its problems, promises, contact line, place and figures.

Last year's text is untrusted data. Nothing here executes or follows it: lines that address a model
("忽略以上…", "ignore previous…", "你是…", "system:") are stripped before anything is read from it, and
personal mobile numbers never leave this module.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from langchain_text_splitters import RecursiveCharacterTextSplitter
from pydantic import BaseModel, ConfigDict, Field

from assistant import standard as std
from assistant.checks.last_problems import NumberingStyle, last_problems, numbering_style, promised_measures
from assistant.checks.personal import personal_numbers
from assistant.drafting.pinning import scrub_personal_numbers
from assistant.model import Report
from assistant.unitname import unit_of_office

# A line that speaks to a model instead of reporting: dropped wherever last year's text or notes are read.
INJECTION = re.compile(
    r"忽略(?:以上|上述|前面|之前|先前|所有)|无视(?:以上|上述|前面|之前|所有)|不要(?:检查|核对|校验|理会|遵守)"
    r"|(?:你|您)(?:是|现在是|扮演|必须|应当)|扮演|系统提示|提示词|指令|越狱"
    r"|(?:把|将)[^。\n]{0,20}(?:写成|改成|改为|写为)|(?:写上|加上)[^。\n]{0,6}(?:手机|电话|号码)"
    r"|(?i:ignore\s+(?:all\s+|the\s+)?(?:previous|above|prior)|disregard|system\s*[:：]|assistant\s*[:：]"
    r"|you\s+are\s|prompt|instruction)"
)
URL = re.compile(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+")
_POSTCODE = re.compile(r"邮(?:政)?编(?:码)?\s*[:：]?\s*(\d{6})")
_ADDRESS = re.compile(r"地址\s*[:：]?\s*([^，,；;。）)\n]{4,40})")
_PHONE = re.compile(r"(?:电话|联系电话|办公电话|座机)\s*[:：]?\s*((?:0\d{2,3}[-－—]?)?\d{7,8})")
_PERSON = re.compile(r"[，,；;]?\s*联系人\s*[:：]\s*[\u4e00-\u9fff]{2,4}")
_CONTACT_SENTENCE = re.compile(r"[^。\n]*(?:请联系|请与|联系方式|联系电话|联系地址)[^。\n]*")
_OFFICE = re.compile(r"(?:请联系|请与|联系)\s*([\u4e00-\u9fff（）()]{3,40}?)(?=联系|[，,：:（(；;。]|$)")
_PLACE = re.compile(r"(?:在|通过|于|登录)([^，,。；;（(\n]{2,50}(?:专栏|栏目|版块|专区))")
_PLACE_SITE = re.compile(r"(?:在|通过|于|登录)([^，,。；;（(\n]{2,50}?网站)")


class Contact(BaseModel):
    """Where last year's report told the public to get in touch; never a personal mobile number."""

    model_config = ConfigDict(extra="forbid")

    office: str | None = None  # 云岫县松禾街道办事处党政办公室
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None  # an office landline only; a mobile is never kept
    line: str | None = None  # the contact sentence with any mobile removed


class LastYearDigest(BaseModel):
    """What the drafters reuse from last year's report, read once by :func:`digest_last_year`."""

    model_config = ConfigDict(extra="forbid")

    unit: str | None = None
    full_name: str | None = None
    year: int | None = None
    problems: list[str] = Field(default_factory=list)
    measures: list[str] = Field(default_factory=list)
    contact: Contact = Field(default_factory=Contact)
    website: str | None = None  # URL of the publication place
    column: str | None = None  # 云岫县人民政府门户网站松禾街道政府信息公开专栏
    carried_out: dict[str, int | float | None] = Field(default_factory=dict)  # 表三 四、结转下年度, by column
    in_force: dict[str, int | float | None] = Field(default_factory=dict)  # 表二 现行有效件数: rules, normative_docs
    problems_numbering: NumberingStyle = "none"  # how last year's 五 numbered its items


# ---------------------------------------------------------------------------------------------------
def strip_injection(text: str) -> str:
    """The text without lines that address a model; the rest is kept as data, untouched."""
    return "\n".join(line for line in text.split("\n") if not INJECTION.search(line))


def scrub_personal(text: str) -> str:
    """Drop personal mobile numbers and resident ID numbers (and the label right before them)."""
    return scrub_personal_numbers(text)[0]


def digest_last_year(report: Report) -> LastYearDigest:
    """Last year's report as the drafters use it; its 五 read by :func:`last_problems` like the checker."""
    five = strip_injection(report.text_of(5))
    clean_five = scrub_personal(five)
    preamble = strip_injection(report.text_of(0))
    whole = strip_injection("\n".join(s.text for s in report.sections))
    contact = _contact(preamble) or _contact(whole) or Contact()
    website, column = _place(preamble or whole)
    figures = report.figures
    carried = {c.key: figures.value("table3", "carried_out", c.key) for c in std.APPLICANT_COLUMNS}
    in_force = {r: figures.value("table2", r, "in_force") for r in ("rules", "normative_docs")}
    return LastYearDigest(
        unit=report.meta.unit,
        full_name=_full_name(contact, report),
        year=report.meta.year,
        problems=last_problems(clean_five),
        measures=promised_measures(clean_five),
        contact=contact,
        website=website,
        column=column,
        carried_out=carried if figures.table3 is not None else {},
        in_force=in_force if figures.table2 is not None else {},
        problems_numbering=numbering_style(five),
    )


# ---------------------------------------------------------------------------------------------------
def _contact(text: str) -> Contact | None:
    m = _CONTACT_SENTENCE.search(text)
    if not m:
        return None
    sentence = m.group(0)
    office = _OFFICE.search(sentence)
    address = _ADDRESS.search(sentence)
    postcode = _POSTCODE.search(sentence)
    phone = _PHONE.search(sentence)
    landline = phone.group(1) if phone and not personal_numbers(phone.group(1)) else None
    line = _PERSON.sub("", scrub_personal(sentence)).strip()
    line = re.sub(r"[，,；;、]\s*(?=[，,；;。）)]|$)", "", line)  # a separator left dangling by a removed number
    return Contact(
        office=office.group(1) if office else None,
        address=address.group(1).strip() if address else None,
        postcode=postcode.group(1) if postcode else None,
        phone=landline,
        line=line + ("" if line.endswith("。") else "。"),
    )


def _full_name(contact: Contact, report: Report) -> str | None:
    if contact.office:
        return unit_of_office(contact.office)
    return report.meta.unit


def _place(text: str) -> tuple[str | None, str | None]:
    url = URL.search(text)
    website = url.group(0).rstrip("）)。，,；;") if url else None
    sentence_start = text.rfind("。", 0, url.start()) + 1 if url else 0
    sentence = text[sentence_start : url.start()] if url else text
    places = _PLACE.findall(sentence) or _PLACE_SITE.findall(sentence)
    column = places[-1].strip() if places else None
    if column:
        column = re.sub(r"^(?:本(?:报告|年报)(?:电子版)?)", "", column)
    return website, column


# ---------------------------------------------------------------------------------------------------
# Passages of last year's report for a prompt
# ---------------------------------------------------------------------------------------------------
_SEPARATORS = [
    r"\n(?=[一二三四五六七八九十]+[、.．])",  # section headings
    r"\n(?=[ \t\u3000]*[（(][一二三四五六七八九十]+[）)])",  # sub-part headings
    r"\n\n",
    r"\n",
    r"(?<=[。！？；])",  # after Chinese sentence punctuation: the sentence keeps its 。
    r"(?<=[，、：])",
    "",
]
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _bigrams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def _report_text(report: Report) -> str:
    parts: list[str] = []
    for s in report.sections:
        heading = s.heading or (std.SECTIONS_BY_NUMBER[s.number].heading if s.number else "")
        parts.append(f"{heading}\n{s.text}" if heading else s.text)
    return "\n".join(parts)


def relevant_passages(report: Report, query: str, budget_chars: int) -> str:
    """The chunks of ``report`` most relevant to ``query`` (character bigrams), at most ``budget_chars``.

    Chunks come back in document order, joined by blank lines (counted in the budget), so the model
    reads them as the report had them. Deterministic: ties go to the earlier chunk.
    """
    if budget_chars <= 0:
        return ""
    text = scrub_personal(strip_injection(_report_text(report)))
    chunk_size = max(50, min(600, budget_chars))
    splitter = RecursiveCharacterTextSplitter(
        separators=_SEPARATORS,
        is_separator_regex=True,
        keep_separator="end",  # a lookbehind split keeps 。 on its sentence; headings open the next chunk
        chunk_size=chunk_size,
        chunk_overlap=0,
        strip_whitespace=True,
    )
    chunks = [c for c in splitter.split_text(text) if c.strip()]
    want = _bigrams(query)
    scored: list[tuple[float, int]] = []
    for i, chunk in enumerate(chunks):
        grams = _bigrams(chunk)
        overlap = sum(min(n, grams[g]) for g, n in want.items())
        score = overlap / math.sqrt(sum(grams.values()) + 1)
        scored.append((score, i))
    scored.sort(key=lambda t: (-t[0], t[1]))
    chosen: list[int] = []
    used = 0
    for score, i in scored:
        if score <= 0 and chosen:
            break
        cost = len(chunks[i]) + (2 if chosen else 0)
        if used + cost > budget_chars:
            continue
        chosen.append(i)
        used += cost
    if not chosen and chunks:
        return chunks[scored[0][1]][:budget_chars]
    return "\n\n".join(chunks[i] for i in sorted(chosen))
