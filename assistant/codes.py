"""The flag codes (shared/spec/checks.md): the public contract's vocabulary. Add codes; never rename one.

It lives beside the model, not in the checker, so that writers and faces can name a flag without
loading the checker.
"""

from __future__ import annotations

from assistant.model import Severity

# code -> (severity, short Chinese name shown in lists and summaries)
CODES: dict[str, tuple[Severity, str]] = {
    "T-ROW-TOTAL": ("error", "行总计不符"),
    "T-RESULT-TOTAL": ("error", "办理结果总计不符"),
    "T-BALANCE": ("error", "收结不平衡"),
    "T-APPEAL-TOTAL": ("error", "复议诉讼总计不符"),
    "T-VALUE": ("error", "数值不合法"),
    "T-LEVEL": ("warning", "与单位层级不符"),
    "T-BLANK": ("warning", "表格留空"),
    "Y-CARRY-OVER": ("error", "上年结转不衔接"),
    "Y-VALID-DOCS": ("warning", "现行有效件数不衔接"),
    "Y-JUMP": ("warning", "数据大幅波动"),
    "N-MISMATCH": ("error", "正文与表格不符"),
    "D-YEAR": ("error", "年份错误"),
    "D-MALFORMED": ("error", "日期格式错误"),
    "S-SECTION-MISSING": ("error", "缺少部分"),
    "S-SECTION-ORDER": ("error", "部分顺序错误"),
    "S-NUMBERING": ("warning", "标题序号错误"),
    "S-PARTS-COUNT": ("warning", "部分数量不符"),
    "S-OLD-FORMAT": ("warning", "使用旧版表格"),
    "S-TITLE": ("warning", "标题不完整"),
    # Added: a section 二/三/四 with no readable table (often an image): nothing can be cross-checked.
    "S-TABLE-MISSING": ("warning", "未读到表格"),
    "C-FEES-MISSING": ("warning", "未说明信息处理费"),
    "C-SUBPARTS": ("warning", "总体情况缺少方面"),
    "C-LAST-PROBLEMS": ("warning", "未说明上年问题整改"),
    "C-COPIED": ("warning", "与上年雷同"),
    "C-OTHER-UNIT": ("warning", "出现其他单位名称"),
    # Added: a template blank left in the text ("＿＿＿＿", "XX镇"): the report is not finished.
    "C-UNFILLED": ("warning", "内容未填写"),
    # Added: a whole report whose preamble never states the 统计期限, where it is published, or the contact.
    "C-PREAMBLE": ("warning", "前言要素不全"),
    "P-MOBILE": ("error", "含个人手机号"),
    "P-ID": ("error", "含身份证号"),
}

SEVERITY_CN: dict[str, str] = {"error": "错误", "warning": "警告"}


def short_name(code: str) -> str:
    """The code's short Chinese name, e.g. 行总计不符; empty for a code the contract does not know."""
    entry = CODES.get(code)
    return entry[1] if entry else ""
