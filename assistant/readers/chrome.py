"""Page furniture around a report saved from a web page: breadcrumbs, the article's metadata line, font
size / print / share buttons, navigation and the site footer.

Only whole lines are cut, and only outside the report body: before the first part heading (where the
breadcrumb and "发布日期 … 来源 …" sit) and after the heading of 六 (where the footer sits). Every
pattern names a line that is furniture from start to end, so report text is never cut.
"""

from __future__ import annotations

import re

from assistant.readers.sections import match_heading

MAX_CHROME_CHARS = 120  # furniture lines are short; a long line is report text
_NO_SPACE = re.compile(r"\s+")
# "当前位置：首页 > 政务公开 > 年度报告", "您现在的位置: 首页 > …".
_BREADCRUMB = re.compile(r"^(?:当前位置|您现在的位置|您当前所在的位置|您的位置|您所在的位置|所在位置|当前所在位置)")
_CRUMB_SEPARATORS = re.compile(r"[>＞»›→]")
# "发布日期：2024-01-10", "来源:珠江街发布日期:2021-01-22", "索引号: | …" — a label and colon.
_META_WORDS = """发布日期 发布时间 发文日期 成文日期 生成日期 更新时间 归档时间 来源 信息来源 文章来源 作者 编辑
责任编辑 浏览次数 浏览量 阅读次数 阅读量 点击数 点击量 点击率 访问量 索引号 文号 发文字号 发布机构 发文机关 发布单位
所属机构 主题分类 体裁分类 公开方式 公开范围 公开时限 公开日期 有效性 关键词 关键字 信息名称 内容分类 时间"""
# Buttons and switches: a line made of nothing else ("字号：大 中 小", "【打印】【关闭】", "分享到：").
_CONTROL_WORDS = """字号 字体 浏览字号 打印本页 打印此页 打印 关闭窗口 关闭本页 关闭 分享到 分享 扫一扫在手机打开当前页
扫一扫在手机上查看当前页面 扫一扫 手机扫码 收藏 朗读 语音播报 阅读模式 返回顶部 返回 默认 无障碍浏览 无障碍 长者助手
长者模式 关怀版 English 简体版 繁体版 简体 繁体 登录 注册 网站支持IPv6 微信 微博 QQ空间 视力保护色 放大 缩小 大 中 小
本页 页面 当前页"""


def _either(words: str) -> str:
    """A regex alternation of space-separated words, longest first so that "打印本页" wins over "打印"."""
    return "(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")"


_META_LABEL = _either(_META_WORDS)
_META_LINE = re.compile(rf"^[【\[]?{_META_LABEL}[】\]]?[:：]")
_META_ANY = re.compile(rf"{_META_LABEL}[:：]")
_CONTROL_LINE = re.compile(rf"^(?:{_either(_CONTROL_WORDS)}|[-:：|/·•【】\[\]（）()])+$", re.I)
# The site footer: once one of these opens a line after 六, the rest is the footer.
_FOOTER = re.compile(
    r"^(?:版权所有|Copyright|©|主办单位|主办[:：]|承办单位|承办[:：]|协办单位|运维单位|技术支持[:：]|网站标识码|"
    r"[\u4e00-\u9fff]?ICP备|[\u4e00-\u9fff]公网安备|网站地图|联系我们|关于我们|相关链接|上一篇|下一篇)",
    re.I,
)
# A site's name standing alone above the report ("云岫县人民政府门户网站").
_SITE_NAME = re.compile(r"(?:门户网站|政府网|人民政府网站|政务网|信息公开网)$")


def is_chrome(line: str) -> bool:
    """True when the whole line is page furniture (breadcrumb, metadata, buttons, site name, footer)."""
    compact = _NO_SPACE.sub("", line)
    if not compact or len(compact) > MAX_CHROME_CHARS:
        return False
    if _BREADCRUMB.match(compact) or (len(_CRUMB_SEPARATORS.findall(compact)) >= 2 and "首页" in compact):
        return True
    # "首页/ 政府信息公开 / 年报 / 正文": a slash trail counts only from 首页 (slashes also stand in dates).
    if compact.startswith("首页") and compact.count("/") >= 2:
        return True
    if _META_LINE.match(compact) or len(_META_ANY.findall(compact)) >= 2:
        return True
    if _CONTROL_LINE.match(compact) or _FOOTER.match(compact):
        return True
    return bool(_SITE_NAME.search(compact)) and "报告" not in compact


def is_navigation(line: str) -> bool:
    """A row of menu items: "首页 | 政务公开 | 政务服务 | 互动交流" (no sentence, no figures)."""
    items = [i.strip() for i in line.split("|")]
    filled = [i for i in items if i]
    return (
        len(filled) >= 3
        and all(len(i) <= 8 and not any(ch.isdigit() for ch in i) for i in filled)
        and not any(p in line for p in "。，；")
    )


def sole_cell(line: str) -> str:
    """A title printed in a layout table row ("某街道2023年…年度报告 | ||||"): the one filled cell."""
    if "|" not in line:
        return line
    cells = [c.strip() for c in line.split("|") if c.strip()]
    if not cells:
        return ""  # a row of empty layout cells
    return cells[0] if len(cells) == 1 else line


class ChromeFilter:
    """Feed the lines of a page in order; :meth:`keep` says which belong to the report."""

    def __init__(self) -> None:
        self.in_body = False  # a part heading was seen: from here on nothing is cut …
        self.in_last = False  # … until the heading of 六, after which the footer may follow
        self.in_footer = False

    def keep(self, line: str) -> bool:
        """False for furniture before the first heading or after 六's heading."""
        stripped = line.strip()
        if not stripped:
            return True
        if self.in_footer:
            return False
        if not self.in_last and self._heading(stripped):
            return True
        if self.in_body and not self.in_last:
            return True
        if self.in_last and _FOOTER.match(_NO_SPACE.sub("", stripped)):
            self.in_footer = True
            return False
        return not (is_chrome(stripped) or (not self.in_body and is_navigation(stripped)))

    def _heading(self, line: str) -> bool:
        """Note a part heading; cheap tests first, since most lines are none."""
        if self.in_body:
            opening = line[:24]
            if "六" not in opening and "其他" not in opening and "其它" not in opening:
                return False
        if len(line) > 40 and line[0] not in "一二三四五六123456#*":
            return False
        head = match_heading(line)
        if head is None:
            return False
        self.in_body = True
        self.in_last = head.number == 6
        return True
