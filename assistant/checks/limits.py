"""At most :data:`PER_CODE` flags of one code per report, then one flag saying how many more were left out.

A reviewer gains nothing from thousands of flags of one kind (a generated or pasted-together file), and
every one costs time in the CLI, the review page and the annotated .docx. Real reports stay far below.
"""

from __future__ import annotations

from collections import Counter

from assistant.checks.codes import make_flag
from assistant.model import Flag

PER_CODE = 200
MORE = "另有{n}处同类问题未逐条列出（同类问题只列前{cap}处），请先修改以上各处后重新检查。"


def capped(flags: list[Flag], cap: int = PER_CODE) -> list[Flag]:
    """The first ``cap`` flags of each code in the given order, and for each code over it one closing flag."""
    seen: Counter[str] = Counter()
    kept: list[Flag] = []
    for flag in flags:
        seen[flag.code] += 1
        if seen[flag.code] <= cap:
            kept.append(flag)
    kept += [make_flag(code, MORE.format(n=n - cap, cap=cap)) for code, n in seen.items() if n > cap]
    return kept
