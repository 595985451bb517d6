"""Quantitative statements: (metric, value, unit, region, year) with the sentence they are in.

"今年来全区人民调解组织共受理矛盾纠纷案件1700余宗,调解成功率达99%" gives
    (受理矛盾纠纷案件, 1700, 宗) and (人民调解成功率, 99, %).
The metric is the noun phrase in front of the number within its clause, after scope and time
words (全年, 全区, 共, 累计 …) and before linking verbs (达, 为 …), worded as the report words it.
A bare "成功率" keeps its sentence, which says what it is the rate of ("全年共调解纠纷8428件,
成功8175件,成功率97%"); comparisons read it there.
"""
from __future__ import annotations

import re

from ingest.chunk import split_sentences
from ingest.figures import LINK_WORDS, RATE_WORDS, UNIT_WORDS, unit_kind
from ingest.tokenize import is_predicate, is_verb, token_tag, tokenize, words
from ingest.types import Chunk, Document, Fact

__all__ = ["extract_facts", "find_quantities", "phrase_before", "verb_only", "object_of", "UNITS"]

# The measure words of ingest.figures, longest first so 人次 wins over 人 and 万元 over 元;
# 年 is left out: "2020年" is a date, not a quantity.
UNITS = tuple(sorted({*UNIT_WORDS, "%", "％"} - {"年"}, key=len, reverse=True))
_QUANTITY = re.compile(
    r"(?P<pre>近|约|超过|逾|超)?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"(?P<approx1>余|多)?(?P<mult>万|亿|千)?(?P<approx2>余|多)?"
    r"(?P<unit>" + "|".join(map(re.escape, UNITS)) + ")")
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, None: 1.0}
_QUOTED_END = re.compile(r"[“\"]([^“”\"]{1,20})[”\"]$")
_CLAUSE_BREAK = re.compile(r"[,，;；:：、()（）“”\"]")
# Scope/time words and quantifiers the metric phrase starts after (the last one found).
_LEAD = re.compile(r".*(?:今年以来|我区|我局|辖区内|拥有|已有|共有|现有|今年来|全年|全区|全市|全县|本年度|年内|累计|共计|合计|总计|共|"
                   r"其中|先后|分别|已|目前|截至\d+月\d+日)")
# Link words, repeated ("共计达"), and words for "the number of" ("案件总数为…") are not part of
# a metric's name.
_TRAIL = re.compile("(?:" + "|".join(("总数", "总量", "数量", *LINK_WORDS, "超", "均")) + ")+$")
_MAX_METRIC = 16
_AFTER_LAST_FIGURE = re.compile(r"\d[\d.,]*(?:余|多)?(?:万|亿|千)?(?:余|多)?(?:" + "|".join(map(re.escape, UNITS)) + ")?")


def extract_facts(chunks: list[Chunk], doc: Document) -> list[Fact]:
    """Every number-with-unit in every sentence of the chunks, as a Fact."""
    facts: list[Fact] = []
    for chunk in chunks:
        context = chunk.section
        for line in chunk.text.split("\n"):
            for sentence in split_sentences(line):
                sentence = sentence.strip()
                for metric, value, unit, text in find_quantities(sentence, context):
                    facts.append(Fact(metric=metric, value=value, unit=unit, region=doc.region,
                                      year=doc.year, doc_id=doc.doc_id, chunk_id=chunk.id,
                                      sentence=sentence, value_text=text))
    return facts


def find_quantities(sentence: str, context: str = "") -> list[tuple[str, float, str, str]]:
    """[(metric, value, unit, value as written)] for one sentence."""
    out = []
    prev_end = 0
    named: list[tuple[str, str]] = []  # (phrase, unit kind) of the sentence's earlier quantities
    for m in _QUANTITY.finditer(sentence):
        start = m.start("num") if m.group("pre") is None else m.start()
        if _is_not_a_quantity(sentence, m):
            prev_end = m.end()
            continue
        phrase = _phrase(sentence[prev_end:start])
        prev_end = m.end()
        value, unit = _value(m)
        metric = phrase + _listed_object(phrase, unit_kind(m.group("unit")), named)
        named.append((phrase, unit_kind(m.group("unit"))))
        if not metric:
            continue
        out.append((metric, value, unit, sentence[start:m.end()]))
    return out


# Words that say when, not what: a part of the year or the span a count covers ("全年新接收",
# "上半年受理"). One list for the reports' clauses and for questions.
PERIOD_WORDS = ("今年以来", "全年", "今年", "本年度", "本年", "上半年", "下半年", "前三季度", "第一季度",
                "第二季度", "第三季度", "第四季度", "一季度", "二季度", "三季度", "四季度", "年内", "当年",
                "同期", "期间")
_WHEN = re.compile("^(?:" + "|".join(PERIOD_WORDS) + ")")


def verb_only(phrase: str) -> bool:
    """A phrase of a bare verb, at most four characters (受理, 依法受理, 在册, 调解成功): in a
    list of clauses about one thing only the first names it ("收到行政复议申请2317件，受理1986件，
    审结1902件"); the later ones are told apart by their verb."""
    bare = re.sub(r"[，,；;：:\s]|^、+|(?:达到|达|为|是|共计|共|累计|了)$", "", phrase)
    # when, not what: "期末在册社区矫正对象486名，全年新接收213名" -> 新接收 is the clause's verb
    bare = _WHEN.sub("", bare)
    # verbs joined by 或/、 are one clause's alternatives: "维持37件，撤销或确认违法7件"
    parts = re.split(r"或者|或|、", bare)
    # a share is no verb: "事项占比87%" names its own thing
    return all(0 < len(p) <= 4 and any(is_predicate(w) for w in words(p))
               and not RATE_WORDS.search(p) for p in parts)


def object_of(phrase: str) -> str:
    """What a phrase's first verb acts on: "行政复议机关收到行政复议申请" -> 行政复议申请;
    without a known verb, its final noun ("新收案件" -> 案件); "" when there is none."""
    parts = words(phrase)
    if len(parts) == 1 and len(phrase) >= 4 and not is_verb(phrase):
        # an idiom jieba keeps whole (调解纠纷): its finer words (调解 / 纠纷)
        parts = [t for t in tokenize(phrase) if t != phrase and len(t) >= 2] or parts
    first = next((i for i, w in enumerate(parts) if is_verb(w)), None)
    if first is None:  # "新收案件": a verb jieba does not know; the noun at the end is the object
        return parts[-1] if parts and len(parts[-1]) >= 2 and token_tag(parts[-1]).startswith("n") else ""
    return "".join(parts[first + 1:])


def _listed_object(phrase: str, kind: str, earlier: list[tuple[str, str]]) -> str:
    """The object a bare verb counts, from the nearest earlier quantity of the same kind that
    names one: 受理 after "收到行政复议申请2317件" -> 行政复议申请 (see ``verb_only``)."""
    if not verb_only(phrase) or not kind:
        return ""
    for prev, prev_kind in reversed(earlier):
        if prev_kind != kind:
            return ""
        obj = object_of(prev)
        if len(obj) >= 2:
            return obj if len(obj) <= 12 and obj not in phrase else ""
    return ""


def _is_not_a_quantity(sentence: str, m: re.Match) -> bool:
    """Ordinals (第10), ranges (5至7个: the 5), codes next to letters (P2P) and numbers glued
    to more digits are not measurements."""
    before = sentence[max(0, m.start() - 1):m.start()]
    after = sentence[m.end():m.end() + 1]
    return before in ("第", "至", "到", "-", "—", "~", "～") or before.isascii() and \
        before.isalpha() or after == "至"


def phrase_before(sentence: str, pos: int) -> str:
    """The noun phrase naming the figure at ``pos`` of ``sentence`` ("" when none); it starts
    after the previous figure: "已有21个部门347项事项" -> 部门 for 347项, not 21个部门."""
    return _phrase(_AFTER_LAST_FIGURE.split(sentence[:pos])[-1])


def _phrase(segment: str) -> str:
    """The noun phrase right before the number: last clause, after scope words, without the
    linking verb. '今年来全区人民调解组织共受理矛盾纠纷案件' -> '受理矛盾纠纷案件'. Empty when
    there is none (the noun follows the number: 辖区内39家P2P; or the number is inside a
    title: 《…莫犯9宗罪》)."""
    # a quoted name right before the number names what it counts: 培育“法律明白人”1860名
    segment = _QUOTED_END.sub(r"\1", segment.rstrip())
    clause = _CLAUSE_BREAK.split(segment)[-1].strip()
    if "《" in clause.rsplit("》", 1)[-1]:
        return ""
    clause = clause.rsplit("》", 1)[-1]
    clause = _LEAD.sub("", clause)
    clause = _strip_leading_prepositions(clause)
    clause = _TRAIL.sub("", clause).strip().rstrip("等和的")
    clause = _last_words(clause, _MAX_METRIC)
    return clause if len(clause) >= 2 else ""


_LEADING_PREPOSITIONS = frozenset("等 对 在 将 把 向 以".split())


def _strip_leading_prepositions(clause: str) -> str:
    """A year and prepositions before the noun phrase go ("2020年对…", "在全区…"); a character
    that only starts a word stays (在 of 在册社区矫正对象, 对 of 对象)."""
    while True:
        year = re.match(r"\d{4}年度?", clause)
        if year:
            clause = clause[year.end():]
            continue
        ws = words(clause)
        if not ws or ws[0] not in _LEADING_PREPOSITIONS:
            return clause
        clause = clause[len(ws[0]):]


def _last_words(phrase: str, limit: int) -> str:
    """The tail of a long phrase, cut between words (jieba), not inside one."""
    if len(phrase) <= limit:
        return phrase
    import jieba

    words = list(jieba.cut(phrase))
    kept = ""
    while words and len(words[-1]) + len(kept) <= limit:
        kept = words.pop() + kept
    return kept


def _value(m: re.Match) -> tuple[float, str]:
    num = float(m.group("num").replace(",", ""))
    unit, mult = m.group("unit"), m.group("mult")
    if unit == "％":
        unit = "%"
    if mult and unit == "元":           # 2000余万元: the unit is 万元, the value stays 2000
        return num, mult + "元"
    value = num * _MULT[mult]
    return round(value, 6), unit
