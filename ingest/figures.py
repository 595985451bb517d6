"""The domain vocabulary of figures, in one place: how Chinese government reports write digits,
units and rates. ``ingest.facts`` (facts at ingest), ``app.answer`` (figures in sentences),
``app.compare`` and ``app.query`` (what a question asks for) all read it from here.

Principles (true of Chinese official reports in general, not of one report):
* Digits may be full-width (２０２０年, ９８．５％) in texts typeset for print; they are the
  same figures as the half-width ones.
* A count is followed by a measure word (a plan's outline counts in 方面, with or without 个:
  "明确5个方面43项工作任务", "部署9方面33条具体举措") that says what kind of thing is counted: 件/宗/起 count
  cases, 人/名/人次 people, 个/家/所 bodies, 场/次/期 events, 元/万元 money, 分 points of a score,
  % rates. Two figures
  are comparable only within one such group.
* A rate is a noun ending in 率 (成功率, 纠错率, 败诉率); 率 in 率先/表率/效率 is not a rate head.
"""
from __future__ import annotations

import re

from ingest.tokenize import words

__all__ = ["normalize_digits", "UNIT_WORDS", "UNIT_GROUPS", "same_unit", "base_unit", "unit_group", "unit_kind",
           "answers_kind", "RATE_WORDS", "RATE_HEAD", "PERCENT_UNITS", "LINK_WORDS", "LINK_BEFORE_FIGURE",
           "rate_forms", "CASE_OUTCOMES", "case_outcomes"]

_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%"})
_FW_POINT = re.compile(r"(?<=\d)[．·](?=\d)")
_FW_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def normalize_digits(text: str) -> str:
    """Full-width digits, percent signs and decimal points to ASCII; other full-width
    punctuation (，。：) is left alone. "２０２０年调解成功率９８．５％" -> "2020年调解成功率98.5%"."""
    text = text.translate(_FULLWIDTH)
    return _FW_COMMA.sub(",", _FW_POINT.sub(".", text))


# Measure words a count can carry, longest first where one is the start of another.
UNIT_WORDS = ("个方面", "人次", "件次", "户次", "场次", "家次", "批次", "个工作日", "工作日", "个月", "小时", "分钟",
              "万元", "亿元", "个百分点", "元", "件", "宗", "人",
              "名", "位", "个", "家", "场", "项", "条", "篇", "次", "张", "部", "份", "起", "户", "所",
              "天", "年", "批", "类", "期", "册", "座", "处", "票", "卷", "支", "套", "分", "方面")
PERCENT_UNITS = ("%", "％", "个百分点")
UNIT_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"件", "宗", "起", "件次", "份", "卷", "万件", "万余件"}),
    frozenset({"人", "名", "位", "人次", "万人次"}),
    frozenset({"元", "万元", "亿元"}),
    frozenset({"个", "家", "所", "处", "座"}),
    frozenset({"场", "场次", "次", "期"}),
    frozenset({"%", "％", "个百分点"}),
    frozenset({"张", "票"}),
    frozenset({"户", "户次"}),
    frozenset({"家", "家次"}),
    frozenset({"批", "批次"}),
    frozenset({"天", "个工作日", "工作日"}),
    frozenset({"方面", "个方面"}),
)


# Nouns that name how a thing is measured, not the thing: "检查的次数", "调解的纠纷数量",
# "参加的人数", "罚没款金额". A report puts the measure word on the figure instead ("检查1260户次",
# "罚没款2316万元"), so a figure's words need not hold them.
MEASURE_NOUNS = frozenset({"数量", "数目", "总数", "总量", "次数", "人数", "件数", "户数", "个数", "场数", "笔数", "金额"})


# Broader than the groups: what kind of quantity a measure word counts. A question's measure
# word is loose within a kind ("多少份合同" is answered by "合同379个") but never crosses kinds
# ("多少件" is not answered by "2位个人", nor "多少人" by "80万元").
_KINDS = {
    "thing": "件 宗 起 件次 份 卷 万件 万余件 个 家 家次 所 处 座 项 条 部 篇 张 票 批 批次 类 册 户 户次 支 套 方面 个方面",
    "person": "人 名 位 人次 万人次",
    "money": "元 万元 亿元",
    "event": "场 场次 次 期",
    "percent": "% ％ 个百分点",
    "time": "天 年 个工作日 工作日 个月 小时 分钟",
    "score": "分",  # 平均成绩93.6分, 考核中占4分
}
_KIND_OF = {u: k for k, units in _KINDS.items() for u in units.split()}


def unit_kind(unit: str) -> str:
    """"thing", "person", "money", "event", "percent", "time", "score", or "" for an unknown word."""
    return _KIND_OF.get(unit, "")


def answers_kind(unit: str, asked: str) -> bool:
    """A figure in ``unit`` can answer a question asking in ``asked``: the same kind, or an
    occurrence count asked by 次 ("出庭了几次" is answered by "出庭应诉21件次"; 人次, 场次 and
    件次 all count times)."""
    return unit_kind(unit) == unit_kind(asked) or (asked == "次" and unit.endswith("次"))


def unit_group(unit: str) -> frozenset[str]:
    """The group of measure words that count the same kind of thing as ``unit``."""
    return next((g for g in UNIT_GROUPS if unit in g), frozenset({unit}))


def base_unit(unit: str) -> str:
    """The measure word under a scale: 万人次 -> 人次, 万余件 -> 件 (1.5万人次 counts 人次)."""
    return re.sub(r"^(?:万|亿)余?(?=.)", "", unit)


def same_unit(a: str, b: str) -> bool:
    """Units that count the same kind of thing: 件 and 宗 (cases), 人 and 名 (people)."""
    return a == b or b in unit_group(a)


# Verbs and adverbs that join a metric to its figure and belong to neither: "调解成功率达99%",
# "受理复议59件", "共计2906人次", "出庭率稳定在98%以上", "分别为12件、8件". Longest first.
LINK_WORDS = ("分别为", "达到", "共计", "累计", "超过", "均达", "高达", "保持在", "稳定在", "控制在",
               "达", "为", "是", "共", "约", "近", "逾", "了", "仅", "在")
LINK_BEFORE_FIGURE = re.compile("(?:" + "|".join(LINK_WORDS) + ")?$")


# How a case count is broken down. A report states a caseload as a total, then its parts by the
# outcomes the law defines: 行政复议 decisions (行政复议法: 维持, 撤销, 变更, 确认违法, 责令履行,
# 驳回, 终止; together 纠错), 行政诉讼 judgments (胜诉, 败诉, 撤诉), 社区矫正 endings (解除, 收监),
# and 不予受理 of an application. "行政诉讼案件71件" is the total, never the number lost: a
# question naming an outcome is answered only by a figure whose own clause names it.
CASE_OUTCOMES = ("确认违法", "责令履行", "不予受理", "维持", "撤销", "变更", "驳回", "终止", "纠错",
                 "胜诉", "败诉", "撤诉", "解除", "收监")


def case_outcomes(phrase: str) -> tuple[str, ...]:
    """The case outcomes (``CASE_OUTCOMES``) ``phrase`` names: 败诉 of "行政诉讼案件败诉"."""
    return tuple(o for o in CASE_OUTCOMES if o in phrase)


# 率 as in 成功率, not 率先 / 表率 / 坦率 / 草率 / 轻率 / 直率 / 效率
_RATE = r"(?<![表坦草轻直效])率(?![先领队])"
# "…的占多少？" asks for a share as plainly as 占比 does ("办事能当场办完的占多少").
# A degree (满意度99.2%) and a compression ratio (承诺时限压缩比83.36%) are percentages too.
_DEGREE = r"(?:满意|知晓|认可|参与|信任)度|压缩比"
RATE_WORDS = re.compile(_RATE + r"|" + _DEGREE + r"|比例|比重|占比|百分|几成|占了?多少(?=[？?。，,！!]|$)")
RATE_HEAD = re.compile(r"[\u4e00-\u9fff]{2}" + _RATE)


def rate_forms(phrase: str) -> set[str]:
    """The names a rate asked in ``phrase`` goes by in a report: its …率 word (成功率 of
    人民调解成功率), and that word's abbreviation by the first character of each word before 率,
    as Chinese shortens names (调解成功率 -> 调成率, like 法律援助 -> 法援, 综合治理 -> 综治)."""
    forms = set()
    for m in RATE_HEAD.finditer(phrase):
        forms.add(m.group(0)[-3:])
        parts = words(phrase[max(0, m.start() - 2):m.end() - 1])
        if len(parts) >= 2:
            forms.add("".join(w[0] for w in parts) + "率")
    return forms

