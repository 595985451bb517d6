"""Query analysis: which regions, years and metric a question asks about, whether it wants a
number, a comparison or a maximum, and what an elliptical follow-up ("那罗湖区呢？") inherits
from the conversation."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from ingest import gazetteer, name_forms
from ingest.facts import PERIOD_WORDS
from ingest.figures import RATE_WORDS, UNIT_WORDS
from ingest.tokenize import token_tag, words
from .vocabulary import report_terms

__all__ = ["QueryAnalysis", "analyze_query", "asked_phrase", "region_names", "region_key", "RATE_WORDS",
           "INHERITABLE", "COMPARED_YEAR"]

log = logging.getLogger(__name__)

# A year written as the base of a comparison is not the year a sentence or question is about:
# "较2021年的341件增长…", "比2020年多了多少？" (asked of the report's year).
BASE_YEAR = re.compile(r"(?:较|比|与|同|相较于?|对比|低于|高于|超过|少于|多于)\s*(?:19|20)\d{2}\s*年")
# ...and in a report's sentence a year in parentheses is the base too ("受理287件（2021年为241件）"),
# while in a question it says which year is meant ("去年（2024年）")
COMPARED_YEAR = re.compile(BASE_YEAR.pattern + r"|[（(][^（）()]*?(?:19|20)\d{2}\s*年[^（）()]*[）)]")
# A year the question is about: "2020年", "2020年度". A year inside a span ("2021—2025年") names a
# plan period, not the year a report covers, so it is not a filter.
_YEAR = re.compile(r"(?<![\d—\-–~到])(?<!(?<!截)至)((?:19|20)\d{2})(?=\s*年)(?!\s*年?\s*[—\-–~至到]\s*\d)")
_WANTS_NUMBER = re.compile(RATE_WORDS.pattern + r"|多少|几|数量|数目|总数|金额|规模|人次|多大|多高|"
                           r"多久|多长|多少钱")
_COMPARISON = re.compile(r"分别|各是|各有|各为|各自|各区|哪个|哪一个|哪些区|哪家|最高|最低|最多|最少|"
                         r"最大|最小|比较|对比|相比|排名|排序|高于|低于|多于|少于|哪.{0,3}更")
_MAX = re.compile(r"最高|最多|最大|最好|哪个多|哪个高|更多|更高|谁多|谁高")
_MIN = re.compile(r"最低|最少|最小|最差|哪个少|哪个低|更少|更低|谁少|谁低")
# "几个方面": 个方面. "有多少次是只教育不罚款的" asks how many of the things were so, in
# whatever they are counted in (不予处罚1264件): a measure word followed by 是 states no unit.
_ASKED_UNIT = re.compile(r"(?:多少|几)(" + "|".join(UNIT_WORDS) + "|大|回|趟|遍)(?!是)")
# Spoken measure words for a number of times; reports write 次: "去了多少回" = 多少次.
_SPOKEN_UNITS = {"回": "次", "趟": "次", "遍": "次"}
# "多少钱" asks for an amount of money as plainly as "多少万元" does.
_ASKS_MONEY = re.compile(r"(?:多少|几)(?:的)?钱|的钱(?=[^，,？?。]*(?:多少|几))")  # "…的钱一共有多少"
_MONEY_UNIT = "元"
# Words that frame a question but name no metric; what is left after removing them (and the
# regions and years) is the metric phrase: "盐田区2020年人民调解成功率是多少？" -> 人民调解成功率.
_FRAME = re.compile(
    r"有?(?:多少|几)(?:" + "|".join(UNIT_WORDS) + r"|大)?|各区|各地|分别|各是|各有|各为|各自|是什么|是多少|"
    r"有多高|有多大|有多少|哪个区|哪些区|哪个|哪一个|哪些|什么|怎样|如何|怎么样|怎么|情况|请问|"
    + "|".join(PERIOD_WORDS) + "|" +  # "今年以来" before "今年": the first alternative wins
    r"最高|最低|最多|最少|最大|最小|更高|更低|更多|更少|更大|更小|较高|较低|较多|较少|比较|对比|相比|排名|排序|一共|总共|共计|全年|今年|去年|"
    # the scope of a place (全市: the whole city) and a pointer back (这些调解组织) name no metric
    r"全(?:市|区|县|省|旗|州|盟)|这些|那些|这个|那个|上述|"
    r"(?:增加|增长|减少|下降|上升|提高|降低|占)了?(?=(?:百分之)?(?:多少|几))|百分之(?=多少|几)|一下|看看|其中|同一年|同年|当年|该年|这一年|那一年|比(?:上|去|前)一?年|较(?:上|去)年|同比|环比|多了|少了|那么|那|呢|吗|吧|啊|了|的|是|有|和|与|及|或|以及|还有|具体|截至|截止|"
    r"[\s\d，。？！、：；,.?!:;（）()“”\"'《》<>【】\[\]—\-~～]+")
_PART_OF = re.compile(r"^(这)?其中")
WHEN_ASKED = re.compile(r"(?:19|20)\d{2}\s*年度?(?:" + "|".join(PERIOD_WORDS) + ")?")
_DURATION = re.compile(r"多久|多长时间|多长期限")
# A question that names its own scope as every place ("各区", "各地", "哪个区最高").
_ALL_PLACES = re.compile(r"各(?:区|县|市|地|区县|县区|地区)|所有(?:区|县|市|地区)|哪(?:个|些)(?:区|县|市|地)")
# A question about a change against another year, not about a level.
_CHANGE = re.compile(r"比(?:上|去|前)一?年|较(?:上|去)年|同比|环比|(?:增长|增加|下降|减少|提高|提升|上升|降低)了?(?:百分之)?(?:多少|几)|"
                     r"(?:多|少)了(?:多少|几)|增幅|降幅|(?:比|较)\s*(?:19|20)\d{2}\s*年")
# A follow-up's year said relative to the year just asked ("上一年是多少件？", "第二年呢？");
# after 比/较 it is a comparison base instead ("比上一年多了多少").
_YEAR_BEFORE = re.compile(r"(?<![比较同])(?:上一年|前一年|上年度?|头一年)")
_YEAR_AFTER = re.compile(r"(?<![比较同])(?:下一年|后一年|次年|第二年)")
_ELLIPTICAL_HINT = re.compile(r"^(那|那么|还有|再看|换成|改成)|呢[？?。!！]*$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# The unit a count is kept in when the question does not say ("纠纷数量" -> 件, not 1580人次).
_IMPLIED_UNITS = ((re.compile(r"次数"), "次"),  # "检查的次数": 户次, 人次, 件次 all count times
                  (re.compile(r"纠纷|案件|案子|官司|事项|收案|案卷|文件|诉讼|复议"), "件"),
                  # an amount of money is only ever a money figure ("要回了多少欠的工钱")
                  (re.compile(r"钱|金额|资金|经费|款项|工资|薪酬|损失|罚没款|补贴|补助|奖补|奖金|费用"), "元"),
                  (re.compile(r"人员|律师|干部|对象|人数|群众|专家"), "人"),
                  # firms and traders together are counted in 户 (新登记市场主体3.12万户)
                  (re.compile(r"个体户|市场主体|经营主体"), "户"),
                  (re.compile(r"组织|委员会|调委会|机构|平台|单位|站|室|企业|公司|商户"), "个"))


# "…的人有多少": 的人 makes the clause before it the people counted ("在社区里服刑接受管理的人",
# "参加考试的人"), however the clause is worded.
_PEOPLE_ASKED = re.compile(r"的人(?:数|员)?(?:有|是|都|共|一共|总共|共有|大概|大约)*(?:多少|几)")


INHERITABLE = ("region", "year", "metric")


@dataclass(frozen=True)
class QueryAnalysis:
    """What a question asks, as an immutable value passed from stage to stage; a stage that
    narrows it (a caller's filter, a plan year) returns a new one with ``dataclasses.replace``."""
    question: str                     # as asked
    effective_question: str           # rewritten with what a follow-up inherits (for retrieval)
    regions: tuple[dict, ...] = ()    # resolved, covered by the index
    unknown_regions: tuple[str, ...] = ()  # named but not in the index
    years: tuple[int, ...] = ()
    metrics: tuple[str, ...] = ()     # metric phrases, longest first
    head: str | None = None           # what is counted: "公证" in "办理了多少件公证"
    asked_unit: str | None = None     # "宗" in "多少宗"
    unit_implied: bool = False        # asked_unit guessed from the metric ("纠纷数量" -> 件)
    wants_number: bool = False
    wants_rate: bool = False
    comparison: bool = False
    superlative: str | None = None    # "max" | "min" | None
    wants_change: bool = False        # "比上年多了多少", "同比增长多少": a change, not a level
    inherited: frozenset[str] = frozenset()  # of INHERITABLE: taken from the conversation

    def inherits(self, what: str) -> bool:
        return what in self.inherited

    @property
    def districts(self) -> list[str]:
        return [r.get("district") or r.get("city") or r.get("province", "") for r in self.regions]

    def to_dict(self) -> dict[str, Any]:
        # what asdict gives (copies of the region dicts, tuples as lists) without its deep copy
        # of every value (~0.25 ms an answer)
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d.update({k: [dict(x) if isinstance(x, dict) else x for x in v]
                  for k, v in d.items() if isinstance(v, tuple)})
        d["inherited"] = {k: k in self.inherited for k in INHERITABLE}
        return d


def region_names(region: dict) -> list[str]:
    """Full and short forms of the most specific level: 沙坪坝区 -> [沙坪坝区, 沙坪坝];
    深圳市 -> [深圳市, 深圳]; 浦东新区 -> [浦东新区, 浦东]; 黔西南布依族苗族自治州 -> [.., 黔西南州, 黔西南]."""
    return name_forms(region_key(region))


def region_key(region: dict) -> str:
    """The most specific level's name: district, else city, else province."""
    return region.get("district") or region.get("city") or region.get("province") or ""


def _gazetteer_regions(text: str) -> list[dict]:
    try:
        return list(gazetteer().find_in_text(text))
    except Exception as err:  # a broken gazetteer must not stop answering about indexed regions
        log.warning("region gazetteer unavailable (%s); matching indexed regions only", err)
        return []


def _find_regions(text: str, regions_in_index: list[dict]) -> tuple[list[dict], list[str], list[str]]:
    """Regions in ``text``: (covered regions in order of mention, unknown names, mention strings)."""
    found: list[tuple[int, dict]] = []
    mentions: list[str] = []
    for reg in regions_in_index:
        for name in region_names(reg):
            pos = text.find(name)
            if pos >= 0:
                found.append((pos, reg))
                mentions.append(name)
                break
    covered_keys = {region_key(r) for _, r in found}
    covered_mentions = list(mentions)
    unknown: list[str] = []
    for reg in _gazetteer_regions(text):
        key = region_key(reg)
        if not key or key in covered_keys:
            continue
        # one name, two places: "黄山" is 黄山市 and its district 黄山区. The same characters
        # cannot name both, and the asker means the place a report covers.
        said = [n for n in region_names(reg) if n in text]
        if said and all(any(n in m for m in covered_mentions) for n in said):
            continue
        if reg.get("district"):
            matches = [r for r in regions_in_index if r.get("district") == reg["district"]
                       and (not reg.get("city") or r.get("city") in ("", reg.get("city")))]
        else:
            level = "city" if reg.get("city") else "province"
            if any(r.get(level) == reg.get(level) for _, r in found):
                continue  # "深圳市盐田区": the city only qualifies the district already found
            # "深圳各区…" asks for every covered district inside; "昆明市…是多少" asks for the
            # city as a whole, which a district's figure does not answer
            matches = [r for r in regions_in_index if r.get(level) == reg.get(level)
                       and _ALL_PLACES.search(text)]
        if not matches and reg.get("district"):
            # "渭南市华州区…": a place written right after the one it lies in is the place asked;
            # the covered city only says where it is, and its figures are not the district's
            found = [(p, r) for p, r in found if not (
                r.get("city") == reg.get("city") and not r.get("district")
                and any(n + d in text for n in region_names(r) for d in region_names(reg)))]
        if matches:
            for m in matches:
                if region_key(m) not in covered_keys:
                    found.append((text.find(region_names(reg)[-1]), m))
                    covered_keys.add(region_key(m))
        elif key not in unknown:
            unknown.append(key)
        mentions.extend(n for n in region_names(reg) if n in text)
    found.sort(key=lambda t: t[0])
    # the parents that qualify a found place ("上海市普陀区") are part of naming it, not a metric
    parents = {p for _, r in found for p in (r.get("province", ""), r.get("city", "")) if p}
    mentions.extend(n for p in parents for n in name_forms(p) if n in text)
    return [r for _, r in found], unknown, mentions


# Places an action was done together with: "跟上海、浙江邻县一起调解的纠纷", "会同周边县联合执法".
# ...or the other side of a relation between places: "跟重庆、宜宾这些地方之间…通办的事项"
_PARTNERS = re.compile(r"(?:跟|与|同|会同)([^，,。？?]{2,16}?)(?:一起|一道|共同|协同|合作|联手|联合|"
                       r"(?:这些|等)?(?:地方|地区|城市|区县)?之间)")


def _without_partners(q: str, regions: list[dict], unknown: list[str]) -> tuple[list[dict], list[str]]:
    """``regions`` and ``unknown`` without the places named only as partners of the action
    (after 跟/与/同, before 一起/共同/联合…): "吴江跟上海、浙江邻县一起调解的跨地区纠纷有多少件"
    asks about 吴江 alone, so it is neither a comparison nor a question about 上海. Only when
    another place is left to be the subject, and never in a question that compares ("泸州与宜宾
    之间哪个多")."""
    spans = [] if _COMPARISON.search(q) else [m.span(1) for m in _PARTNERS.finditer(q)]

    def partner(names: list[str]) -> bool:
        at = [m.start() for n in names for m in re.finditer(re.escape(n), q)]
        return bool(at) and all(any(s <= p < e for s, e in spans) for p in at)

    kept = [r for r in regions if not partner(region_names(r))]
    kept_unknown = [u for u in unknown if not partner(name_forms(u))]
    if not spans or not kept and not kept_unknown:
        return regions, unknown
    return kept, kept_unknown


# One-character frame words (和, 及, 的, 有, 了 …) frame only as words of their own: 及 in 涉及,
# 了 in 了结 ("调解了结的有多少件") and 有 in 所有 are parts of content words.
_ONE_CHAR_FRAMES = frozenset("和与及或的是有了那呢吗吧啊")


def _guard_words(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with each content word (a verb, noun or adjective: 涉及, 了结, 和解; not 那年, 还是)
    that holds a one-character frame word replaced by a
    private-use character (restored after splitting), so that _FRAME does not cut it."""
    kept: dict[str, str] = {}
    out = []
    for w in words(text):
        if len(w) >= 2 and _ONE_CHAR_FRAMES & set(w) and token_tag(w)[:1] in ("v", "n", "a") \
                and not _FRAME.fullmatch(w) and len(kept) < 6000:
            key = chr(0xE000 + len(kept))
            kept[key] = w
            w = key
        out.append(w)
    return "".join(out), kept


def _metric_phrases(text: str, mentions: list[str]) -> list[str]:
    for name in sorted(set(mentions), key=len, reverse=True):
        text = text.replace(name, " ")
    text = WHEN_ASKED.sub(" ", text)
    text, kept = _guard_words(text)
    parts = ["".join(kept.get(c, c) for c in p.strip()) for p in _FRAME.split(text)]
    # 各 distributes the ask over the things named: "各部门的…", "受理和审结各多少件" -> 受理, 审结
    parts = [p[1:] if p.startswith("各") else p for p in parts]
    parts = [p[:-1] if p.endswith("各") else p for p in parts]
    phrases = [p for p in parts if len(p) >= 2 and _CJK.search(p)]
    return sorted(dict.fromkeys(phrases), key=len, reverse=True)


_ASK = re.compile(r"多少|几")


def _head(q: str, metrics: list[str]) -> str | None:
    """The metric phrase next to the ask: the noun phrase right after it ("办理了多少件公证案件"
    -> 公证案件, "多少老百姓的求助" -> 老百姓求助), else right before it ("人民调解成功率是多少" ->
    人民调解成功率)."""
    ask = _ASK.search(q)
    if not ask or not metrics:
        return None
    # a phrase written on both sides counts where it follows the ask ("公证机构办理了多少件公证")
    spans = sorted((max(q.find(m, ask.end()), q.find(m)), m) for m in metrics if m in q)
    after = [m for pos, m in spans if pos >= ask.end()]
    before = [m for pos, m in spans if pos < ask.start()]
    return "".join(after) if after else before[-1] if before else None


def _implied_unit(metrics: list[str], head: str | None = None) -> str | None:
    """The measure word the asked thing implies; the phrase next to the ask decides first
    ("法律援助案件挽回损失多少" asks for money, "讨要工钱的官司有多少" for cases)."""
    for text in (head or "", "".join(metrics)):
        if RATE_WORDS.search(text):
            return None
        for pattern, unit in _IMPLIED_UNITS:
            if pattern.search(text):
                return unit
    return None


def _last_user_turn(history: list[dict] | None) -> tuple[str, list[dict]]:
    turns = [h for h in (history or []) if h.get("role") == "user" and str(h.get("content", "")).strip()]
    if not turns:
        return "", []
    idx = max(i for i, h in enumerate(history or []) if h is turns[-1])
    return str(turns[-1]["content"]).strip(), list((history or [])[:idx])


_SEVERAL = re.compile(r"几(?:" + "|".join(UNIT_WORDS) + r")(?=([^，,。？?；;、和及与]*))")
_LATER_ASK = re.compile(r"多少|多大|多高|几")


def several_not_asked(question: str) -> str:
    """几 is also "several": in "几个执法部门一起上门检查搞了多少户次" or "几个部门一起去企业检查，
    占了多大比例" the 几个 is not asked: its clause goes on from the counted noun to a verb phrase
    and the question asks elsewhere. Two things asked together stand side by side or are joined
    ("几个方面、多少条"), and a 几 that ends its clause asks ("受理了几件，审结了多少件"). Such a
    几 and its measure word are dropped ("执法部门一起上门检查搞了多少户次")."""
    def repl(m: re.Match) -> str:
        clause = [token_tag(w) for w in words(m.group(1))]
        noun = next((i for i, t in enumerate(clause) if t.startswith("n")), None)  # 部门 of 执法部门
        verb_after = noun is not None and "v" in clause[noun + 1:]
        return "" if verb_after and _LATER_ASK.search(question, m.end()) else m.group(0)
    return _SEVERAL.sub(repl, question)


# A name a question quotes (“四个百分百”工作法, “一次办好”) is the report's own name for one thing:
# its characters say nothing of what kind of answer is asked (百分 there asks no rate).
QUOTED_NAME = re.compile(r"“[^“”]{2,30}”")


def analyze_query(question: str, regions_in_index: list[dict], years_in_index: list[int],
                  history: list[dict] | None = None) -> QueryAnalysis:
    """Analyse ``question``; with ``history`` (OpenAI-style turns) an elliptical follow-up
    inherits the previous user turn's metric, and a question naming no region/year inherits those."""
    q = several_not_asked(report_terms(question.strip()))
    regions, unknown, mentions = _find_regions(q, regions_in_index)
    regions, unknown = _without_partners(q, regions, unknown)
    years = [int(y) for y in dict.fromkeys(_YEAR.findall(BASE_YEAR.sub("", q)))]
    metrics = _metric_phrases(_YEAR_AFTER.sub(" ", _YEAR_BEFORE.sub(" ", q)), mentions)
    unit, head, money = _ASKED_UNIT.search(q), _head(q, metrics), bool(_ASKS_MONEY.search(q))
    asks = QUOTED_NAME.sub("“”", q)  # what kind of answer is asked, the quoted names left out
    # "实施满多久" asks for a time, "…的事项占多少" for a share: neither is counted in 件
    implied = None if _DURATION.search(q) or RATE_WORDS.search(asks) else \
        "人" if _PEOPLE_ASKED.search(q) else _implied_unit(metrics, head)
    a = QueryAnalysis(
        question=q, effective_question=q, regions=tuple(regions), unknown_regions=tuple(unknown),
        years=tuple(years), metrics=tuple(metrics), head=head,
        asked_unit=_MONEY_UNIT if money else _SPOKEN_UNITS.get(unit.group(1), unit.group(1)) if unit else implied,
        unit_implied=not unit and implied is not None and not money,
        wants_number=bool(_WANTS_NUMBER.search(asks)), wants_rate=bool(RATE_WORDS.search(asks)),
        # two places in a how-question are where a thing was done ("湛江在吴川试点的…是怎么做的"),
        # not two sides of a comparison of figures
        comparison=bool(_COMPARISON.search(q)) or (len(regions) + len(unknown) >= 2
                                                   and bool(_WANTS_NUMBER.search(q))),
        superlative="max" if _MAX.search(q) else "min" if _MIN.search(q) else None,
        wants_change=bool(_CHANGE.search(q)))
    prev_q, prev_hist = _last_user_turn(history)
    if prev_q:
        a = _inherit(a, analyze_query(prev_q, regions_in_index, years_in_index, prev_hist))
    return a


def _inherit(a: QueryAnalysis, prev: QueryAnalysis) -> QueryAnalysis:
    """Fill what the follow-up leaves out from the previous question.
    "那罗湖区呢？" after "盐田区2020年人民调解成功率是多少？" -> 罗湖区 + 2020 + 人民调解成功率;
    "挽回了多少直接经济损失？" after a 盐田区 question -> its own metric, 盐田区's region and year."""
    # a question that names nothing to count yet asks a number ("比上年增长了多少？") can only
    # be about the previous question's thing
    elliptical = not a.metrics and (bool(_ELLIPTICAL_HINT.search(a.question)) or a.wants_number or
                                    bool(a.regions or a.years or a.unknown_regions))
    if not elliptical and (a.regions or a.unknown_regions):
        return a  # a new, complete question about a named region
    if _ALL_PLACES.search(a.question):
        return a  # "各区的人民调解成功率对比一下": its own scope, every place; nothing inherited
    if _ELLIPTICAL_HINT.search(a.question) and not a.wants_number:
        # "法治观测点呢？" after "…基层立法联系点有多少个？": the same kind of question, new metric
        a = replace(a, wants_number=prev.wants_number, wants_rate=a.wants_rate or prev.wants_rate,
                    asked_unit=a.asked_unit or prev.asked_unit)
    if not a.regions and not a.unknown_regions and prev.regions:
        a = replace(a, regions=prev.regions, inherited=a.inherited | {"region"})
    step = -1 if _YEAR_BEFORE.search(a.question) else 1 if _YEAR_AFTER.search(a.question) else 0
    if not a.years and len(prev.years) == 1 and step:
        a = replace(a, years=(prev.years[0] + step,))
    elif not a.years and prev.years:
        a = replace(a, years=prev.years, inherited=a.inherited | {"year"})
    if elliptical:
        a = replace(a, metrics=prev.metrics, inherited=a.inherited | {"metric"}, head=prev.head,
                    wants_number=a.wants_number or prev.wants_number,
                    wants_rate=a.wants_rate or prev.wants_rate,
                    asked_unit=a.asked_unit or prev.asked_unit,
                    unit_implied=a.unit_implied if a.asked_unit else prev.unit_implied,
                    comparison=a.comparison or (prev.comparison and len(a.regions) != 1),
                    superlative=a.superlative or prev.superlative)
        return replace(a, effective_question=_rewrite(prev, a))
    prefix = "".join(r.get("district") or region_key(r) for r in a.regions) if a.inherits("region") else ""
    years = "".join(f"{y}年" for y in a.years) if a.inherits("year") else ""
    # "其中维持原决定的有多少件？" is a part of the previous total (行政复议): keep its topic
    topic = prev.metrics[0] if _PART_OF.match(a.question) and prev.metrics else ""
    return replace(a, effective_question=f"{prefix}{years}{topic}{a.question}")


def _rewrite(prev: QueryAnalysis, a: QueryAnalysis) -> str:
    """The previous question with its regions/years swapped for the follow-up's."""
    text = prev.effective_question
    new_regions = "、".join(region_key(r) for r in a.regions) or "、".join(a.unknown_regions)
    old_names = sorted({n for r in prev.regions for n in region_names(r)} | set(prev.unknown_regions),
                       key=len, reverse=True)
    if new_regions and not a.inherits("region"):
        placed = False
        for name in old_names:
            if name in text:
                text = text.replace(name, "" if placed else new_regions)
                placed = True
        if not placed:
            text = new_regions + text
    if a.years and not a.inherits("year"):
        new_years = "、".join(str(y) for y in a.years)
        if prev.years and str(prev.years[0]) in text:
            text = text.replace(str(prev.years[0]), new_years, 1)
        else:
            text = f"{new_years}年{text}"
    return text


def asked_phrase(a: QueryAnalysis, whole: bool = False) -> str:
    """The question without its place and year, which say where to look, not what is asked:
    "安溪县2015年县政府被人告上法院的官司有多少件？" -> "县政府被人告上法院的官司有多少件？".
    Of several clauses, the one that asks (``whole``: all of them)."""
    text = a.effective_question
    names = {n for r in a.regions for level in ("province", "city", "district")
             for n in name_forms(r.get(level, "")) if n} | set(a.unknown_regions)
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, "")
    text = WHEN_ASKED.sub("", text).strip("，, ")
    # "清理县政府文件后，还能接着用的有多少件": an earlier clause says where in the report to
    # look; the clause that asks, with the counted thing in it, says what is counted
    last = re.split(r"[，,；;]", text)[-1]
    return last if not whole and a.head and a.head in last and _ASK.search(last) else text
