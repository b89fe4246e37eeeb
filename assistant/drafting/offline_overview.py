"""The offline draft's 一、总体情况: the five sub-parts, with the figures of 表二 to 表四 in words."""

from __future__ import annotations

from assistant import standard as std
from assistant.drafting.offline_context import DraftContext, DraftText, join_clauses
from assistant.numfmt import plain_number as num


def _subpart_heading(key: str) -> str:
    """ "（二）依申请公开": the standard's sub-part title with its place among the five."""
    for i, part in enumerate(std.OVERVIEW_SUBPARTS, start=1):
        if part.key == key:
            return f"（{std.CN_NUMERALS[i]}）{part.title}"
    raise KeyError(key)


def overview(ctx: DraftContext) -> DraftText:
    """一、总体情况: a lead sentence, then the five sub-parts under their standard headings."""
    out = DraftText()
    out.add(ctx.w("overview.lead", year=ctx.req.year, subject=ctx.unit.subject, focus=ctx.focus()))
    out.notes(ctx.bucket("general"))
    out.line(_subpart_heading("proactive"))
    out.line(ctx.w("overview.proactive_general", column=ctx.column))
    out.add(_documents(ctx))
    out.add(_decisions(ctx))
    out.notes(ctx.bucket("proactive"))
    out.line(_subpart_heading("on_request"))
    out.line()
    for sentence in _requests(ctx):
        out.add(sentence)
    out.add(_appeals(ctx))
    out.notes(ctx.bucket("requests"))
    out.line(_subpart_heading("management"))
    out.line(ctx.w("overview.management_review"))
    out.add(ctx.w("overview.management_privacy"))
    out.add(ctx.w("overview.management_attributes"))
    issued = ctx.v("table2", "normative_docs", "issued")
    if issued:
        out.add(ctx.w("overview.management_docs"))
    out.notes(ctx.bucket("management"))
    out.line(_subpart_heading("platforms"))
    out.line(ctx.w("overview.platform_site", column=ctx.column, subject=ctx.unit.subject))
    out.add(ctx.w("overview.platform_boards", boards=ctx.w(f"phrases.boards_{ctx.unit.kind}")))
    out.notes(ctx.bucket("platforms"))
    out.line(_subpart_heading("oversight"))
    out.line(ctx.w("overview.oversight_lead", subject=ctx.unit.subject))
    out.add(ctx.w("overview.oversight_training"))
    # Governments report 考核、社会评议、责任追究 (条例第五十条第四项); a department its internal checks.
    internal = ctx.unit.kind == "department"
    out.add(ctx.w("overview.oversight_internal" if internal else "overview.oversight_assessment"))
    out.notes(ctx.bucket("oversight"))
    return out


def _documents(ctx: DraftContext) -> str:
    clauses: list[str] = []
    rules = {c: ctx.v("table2", "rules", c) for c in ("issued", "repealed", "in_force")}
    if ctx.unit.makes_rules or any(rules.values()):
        clauses += _counted(ctx, "rules", rules, ("issued", "repealed", "in_force"))
    docs = {c: ctx.v("table2", "normative_docs", c) for c in ("issued", "repealed", "in_force")}
    if docs["issued"] == 0 and docs["repealed"] == 0:
        clauses.append(ctx.w("overview.docs_none"))
    else:
        clauses += _counted(ctx, "docs", docs, ("issued", "repealed"))
    clauses += _counted(ctx, "docs", docs, ("in_force",))
    return join_clauses(*clauses)


def _counted(
    ctx: DraftContext, kind: str, values: dict[str, int | float | None], columns: tuple[str, ...]
) -> list[str]:
    """ "本年制发规范性文件3件": a clause for each of ``columns`` with a count, in that order."""
    return [ctx.w(f"overview.{kind}_{c}", n=num(values[c])) for c in columns if values[c]]


def _decisions(ctx: DraftContext) -> str:
    values = {r: ctx.v("table2", r, "decisions") for r in ("licensing", "penalty", "enforcement")}
    clauses: list[str] = []
    if all(x == 0 for x in values.values()):
        clauses.append(ctx.w("overview.decisions_none"))
    else:
        for row, value in values.items():
            if value is None:
                continue
            if value:
                clauses.append(ctx.w(f"overview.{row}_some", n=num(value)))
            else:
                clauses.append(ctx.w(f"overview.{row}_none"))
    fees = ctx.v("table2", "fees", "amount")
    if fees is not None:
        clauses.append(ctx.w("overview.fees_some", amount=num(fees)) if fees else ctx.w("overview.fees_none"))
    return join_clauses(*clauses)


def _requests(ctx: DraftContext) -> list[str]:
    received = ctx.v("table3", "received")
    carried_in = ctx.v("table3", "carried_in")
    handled = ctx.v("table3", "handled_total")
    carried_out = ctx.v("table3", "carried_out")
    if received is None or carried_in is None:
        return [ctx.w("overview.requests_channel", column=ctx.column, subject=ctx.unit.subject)]
    if received == 0 and carried_in == 0:
        return [
            ctx.w("overview.requests_none"),
            ctx.w("overview.requests_channel", column=ctx.column, subject=ctx.unit.subject),
        ]
    out: list[str] = []
    if received == 0:
        out.append(
            join_clauses(ctx.w("overview.requests_none_new"), ctx.w("overview.carried_in_some", n=num(carried_in)))
        )
    else:
        out.append(join_clauses(ctx.w("overview.received", n=num(received)), _applicants(ctx, received)))
        if carried_in:
            out.append(join_clauses(ctx.w("overview.carried_in_some", n=num(carried_in))))
        else:
            out.append(join_clauses(ctx.w("overview.carried_in_none")))
    if handled is not None:
        if handled:
            outcomes = _outcomes(ctx) if _adds_up(ctx, std.RESULT_ROWS, handled) else []
            out.append(
                join_clauses(
                    ctx.w("overview.handled", n=num(handled)),
                    ctx.w("overview.outcomes", list="，".join(outcomes)) if outcomes else None,
                )
            )
        else:
            out.append(join_clauses(ctx.w("overview.handled_none")))
    if carried_out is not None:
        if carried_out:
            out.append(join_clauses(ctx.w("overview.carried_out_some", n=num(carried_out))))
        else:
            out.append(join_clauses(ctx.w("overview.carried_out_none")))
    return out


def _adds_up(ctx: DraftContext, rows: tuple[str, ...], total: int | float) -> bool:
    """Whether 表三 ``rows`` sum to ``total``: only then may a sentence list them after the total."""
    return ctx.group_sum(rows) == total


def _applicants(ctx: DraftContext, received: int | float) -> str | None:
    natural = ctx.v("table3", "received", "natural_person")
    cols = {c: ctx.v("table3", "received", c) for c in std.LEGAL_PERSON_COLUMNS}
    if natural is None or any(x is None for x in cols.values()):
        return None
    legal_sum = sum(x for x in cols.values() if x is not None)
    if natural + legal_sum != received:
        return None  # the parts disagree with the total: a breakdown would contradict the sentence it ends
    if natural == received and legal_sum == 0:
        return ctx.w("overview.all_natural")
    parts = [
        ctx.w("phrases.applicant_part", label=col.label, n=num(cols[col.key]))
        for col in std.APPLICANT_COLUMNS
        if cols.get(col.key)
    ]
    kinds = [col.label for col in std.APPLICANT_COLUMNS if cols.get(col.key)]
    if len(parts) > 1:
        detail = ctx.w("overview.split_detail", parts="、".join(parts))
    else:
        detail = ctx.w("overview.split_detail_one", label=kinds[0]) if kinds else ""
    if natural == 0:
        return ctx.w("overview.split_legal_only", legal=num(legal_sum), detail=detail)
    return ctx.w("overview.split", natural=num(natural), legal=num(legal_sum), detail=detail)


def _outcomes(ctx: DraftContext) -> list[str]:
    phrases: list[str] = []
    other_rows = std.RESULT_GROUPS[std.GROUP_OTHER]
    for row in std.RESULT_ROWS:
        if row in other_rows:
            continue
        value = ctx.v("table3", row)
        if value:
            phrases.append(ctx.w(f"phrases.out_{row}", n=num(value)))
    others = {r: ctx.v("table3", r) for r in other_rows}
    named = [r for r in ("other_no_correction", "other_unpaid_fee") if others.get(r)]
    total = sum(x for x in others.values() if x)
    if total and not others.get("other_other"):
        phrases.extend(ctx.w(f"phrases.out_{r}", n=num(others[r])) for r in named)
    elif total:
        detail = ""
        if named:
            listed = "、".join(ctx.w(f"phrases.out_{r}", n=num(others[r])) for r in named)
            detail = ctx.w("phrases.out_other_detail", list=listed)
        phrases.append(ctx.w("phrases.out_other_group", n=num(total)) + detail)
    return phrases


def _appeals(ctx: DraftContext) -> str:
    if ctx.fig.table4 is None:
        return ""
    review = ctx.appeal(("review",), "total")
    suits = ctx.appeal(std.SUIT_ROWS, "total")
    if review is None or suits is None:
        return ""
    if review == 0 and suits == 0:
        return ctx.w("overview.appeals_none")
    clauses: list[str] = []
    for rows, some, none in (
        (("review",), "overview.review_some", "overview.review_none"),
        (std.SUIT_ROWS, "overview.suit_some", "overview.suit_none"),
    ):
        total = ctx.appeal(rows, "total")
        if not total:
            clauses.append(ctx.w(none))
            continue
        state = _appeal_state(ctx, rows, total)
        clauses.append(ctx.w(some, n=num(total)) + (f"，{state}" if state else ""))
    return "；".join(clauses) + "。"


def _appeal_state(ctx: DraftContext, rows: tuple[str, ...], total: int | float) -> str:
    values = {c: ctx.appeal(rows, c) for c in std.APPEAL_SUM_COLUMNS}
    if any(x is None for x in values.values()) or sum(x for x in values.values() if x) != total:
        return ""  # the results disagree with the total: the total alone, never both
    nonzero = [c for c, x in values.items() if x]
    if len(nonzero) == 1 and values[nonzero[0]] == total:
        return ctx.w(f"overview.appeal_all_{nonzero[0]}")
    listed = "，".join(ctx.w(f"phrases.appeal_{c}", n=num(values[c])) for c in nonzero)
    return ctx.w("overview.appeal_parts", list=listed)
