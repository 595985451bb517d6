"""The extractive answerer (the default; no LLM): pick the sentence(s) of the retrieved passages
that answer the question, state the figure, quote the sentence with [n] citations.

Every answer, from this answerer or the LLM one, passes ``verify_numbers``: a figure that is not in
a cited passage never reaches the user."""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ingest import Chunk, tokenize

from app.query import UNIT_WORDS, QueryAnalysis, region_names

__all__ = ["Evidence", "Draft", "ExtractiveAnswerer", "verify_numbers", "find_figures",
           "split_sentences", "term_weights", "not_found_text", "grounding_text", "best_sentence",
           "same_unit", "metric_before"]

_CITE = re.compile(r"\[\d+\]")
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_NUM = r"[一二三四五六七八九十两百千]+"
_UNITS = "|".join(sorted(UNIT_WORDS + ("%", "％", "万人次", "万件", "万余件", "平方米", "公里"),
                         key=len, reverse=True))
# A figure as written: "1700余宗", "2.5万余件", "99%", "5至7个", "六大". Chinese numerals only
# count with a unit or 大 after them, or every 一 in 一是/一流 would be a figure.
_FIGURE = re.compile(
    rf"(?:{_NUM}(?:\s*(?:至|-|~|—|－)\s*{_NUM})?(?:余|多)?(?:万|亿)?(?:余|多)?(?:{_UNITS})?"
    rf"|{_CN_NUM}(?:余|多)?(?:大|{_UNITS}))")
_NOT_FIGURE_AFTER = re.compile(r"^\s*(?:年(?!以上|以内|内|后|来)|月|日|号|时|届|次会议|中全会|五规划|—|-)")
_ORDINAL_ASK = re.compile(r"第几")
_ORDINAL = re.compile(rf"第(?:{_CN_NUM}|\d+)(?:名|位)")
_TITLE = re.compile(r"《[^》]*》?")
_CLAUSE = re.compile(r"[，,；;：:、]")
_SENT_END = re.compile(r"(?<=[。！？；!?;])|\n+")
_UNIT_GROUPS = [{"件", "宗", "起", "件次", "份", "万件", "万余件"}, {"人", "名", "人次", "万人次"},
                {"元", "万元", "亿元"}, {"个", "家", "所", "处", "座"}, {"场", "场次", "次", "期"},
                {"%", "％", "个百分点"}, {"张", "票"}]
# Tokens of a question that frame it but say nothing about what is asked.
_FRAME_TOKENS = frozenset("多少 几 哪个 哪些 分别 各 是 有 年 区 全区 全年 今年 去年 共 一共 总共 共计 "
                          "最高 最低 最多 最少 比较 对比 排名 多大 多高 多久 具体 指 那边 现在 还".split())
_COUNTABLE = frozenset("个 人 名 家 项 件 宗 所 处 座 条 部 类 批 户 张 篇 份".split())
_GENERIC_UNITS = frozenset("件 个 人 名 项 次 家 年 天 元 大".split())
_CN_UNITS = ("大", "项", "类", "条", "批")  # units a Chinese-numeral answer comes in ("六大")
_RATE_HEAD = re.compile(r"[\u4e00-\u9fff]{2}率(?![先领队])")
# What may stand between a metric and its figure: "调解成功率达99%", "受理复议59件", "共计2906人次"
_LINK = re.compile(r"(?:达到|达|为|是|共计|共|累计|约|近|超过|逾|了|仅|均达|分别为|高达)?$")


@dataclass
class Evidence:
    """One quoted sentence and the chunk it comes from (the chunk becomes the citation)."""
    chunk: Chunk
    sentence: str
    score: float = 0.0
    figure: str | None = None
    region: str = ""
    year: int | None = None


@dataclass
class Draft:
    """An answer before it becomes an ``Answer``: text with [n] markers, where [n] cites
    ``citations[n-1]``; ``quotes[n-1]`` is the sentence quoted from it."""
    text: str
    found: bool
    citations: list[Chunk] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    note: str | None = None
    closest: list[Chunk] = field(default_factory=list)

    def cite(self, chunk: Chunk, quote: str) -> int:
        """The citation number for ``chunk`` (reused when the same chunk is cited twice)."""
        for i, c in enumerate(self.citations):
            if c.id == chunk.id:
                return i + 1
        self.citations.append(chunk)
        self.quotes.append(quote)
        return len(self.citations)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _numbers(text: str) -> list[str]:
    return [n.replace(",", "") for n in _NUMBER.findall(_norm(_CITE.sub(" ", text)))]


def verify_numbers(answer_text: str, cited_texts: Iterable[str], allowed: Iterable[str] = ()) -> list[str]:
    """The figures in ``answer_text`` that appear in none of ``cited_texts`` (nor in ``allowed``,
    e.g. the question itself for a refusal that repeats its year). Empty list == verified.
    [n] citation markers are not figures; "1,103" and "1103" are the same figure."""
    known = {n for t in cited_texts for n in _numbers(t)} | {n for t in allowed for n in _numbers(t)}
    known |= {_canon(n) for n in known}
    return [n for n in _numbers(answer_text) if n not in known and _canon(n) not in known]


def _canon(n: str) -> str:
    try:
        return repr(float(n))
    except ValueError:
        return n


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT_END.split(text) if s and len(s.strip()) > 1]


def _unit_of(fig: str) -> str:
    for u in sorted(UNIT_WORDS + ("%", "％", "万人次", "万件", "万余件", "大"), key=len, reverse=True):
        if fig.endswith(u):
            return u
    return ""


def find_figures(sentence: str, exclude: Iterable[str] = ()) -> list[tuple[int, str]]:
    """(position, figure) for each quantity in ``sentence``; years, dates, ordinals and numbers
    the question itself contains (e.g. "81890" in "81890服务平台") are not answers."""
    excluded = set(exclude)
    out = []
    for m in _FIGURE.finditer(sentence):
        fig = m.group(0).strip()
        if not fig or _NOT_FIGURE_AFTER.match(sentence[m.end():]):
            continue
        digits = _NUMBER.findall(fig)
        if digits and digits[0] in excluded:
            continue
        if digits and _unit_of(fig) in ("", "年") and len(digits[0]) == 4 and digits[0][:2] in ("19", "20"):
            continue  # a year ("2020", "2020年")
        if m.start() > 0 and sentence[m.start() - 1] in "第（(":
            continue
        if not sentence[:m.start()].strip() and re.match(r"[.．、)）]", sentence[m.end():]):
            continue  # a list number: "27. 完善社区矫正、法律援助工作机制。"
        if not digits and not re.search(r"大|个|项|类|部|条|名|家|件", fig[-1:]):
            continue
        out.append((m.start(), fig))
    return out


def same_unit(a: str, b: str) -> bool:
    """Units that count the same kind of thing: 件 and 宗 (cases), 人 and 名 (people)."""
    return a == b or any(a in g and b in g for g in _UNIT_GROUPS)


def term_weights(chunks: Sequence[Chunk]) -> tuple[dict[str, float], dict[str, float]]:
    """(IDF, share of chunks containing it) for each token over the index's chunks: rare words
    ("公证", "矫正") weigh more than words every report has ("法治", "建设")."""
    df: Counter[str] = Counter()
    for c in chunks:
        df.update(set(tokenize(c.context_text)))
    n = max(len(chunks), 1)
    return ({t: math.log(1 + n / (1 + d)) for t, d in df.items()},
            {t: d / n for t, d in df.items()})


def grounding_text(chunk: Chunk) -> str:
    """What a figure in an answer may be checked against: the cited passage and the labels shown
    with it (title, heading path, year)."""
    m = chunk.meta
    return f"{m.get('title', '')}\n{chunk.section}\n{m.get('year') or ''}\n{chunk.text}"


def best_sentence(chunk: Chunk, text: str) -> str:
    """The sentence of ``chunk`` sharing most character bigrams with ``text`` (for highlighting
    what an LLM answer drew on)."""
    grams = {text[i:i + 2] for i in range(len(text) - 1)}
    sents = split_sentences(chunk.text) or [chunk.text]
    return max(sents, key=lambda s: sum(s[i:i + 2] in grams for i in range(len(s) - 1)))


def not_found_text() -> str:
    return "现有报告中没有找到能回答这个问题的内容。"


class ExtractiveAnswerer:
    """Scores each sentence of the retrieved chunks against the analysed question."""

    # Share of chunks above which a word is part of the reports' common vocabulary: when such a
    # word is asked about and a report never uses it, that report cannot answer (公证 in 海曙区).
    COMMON_SHARE = 0.03
    DOC_CACHE_SIZE = 256

    # Calibrated on eval/sets/sample.jsonl: the best sentence of an unanswerable question scores
    # at most 0.21, of an answerable one at least 0.50 (paraphrases are the lowest).
    THRESHOLD = 0.3

    def __init__(self, weights: dict[str, float] | None = None, threshold: float = THRESHOLD,
                 max_sentences: int = 3, doc_text: Callable[[str], str] | None = None,
                 shares: dict[str, float] | None = None):
        self.weights = weights or {}
        self.shares = shares or {}
        self.unseen_weight = 1.0
        self.doc_text = doc_text          # doc_id -> the report's full text
        self._doc_cache: dict[str, str] = {}
        self.threshold = threshold
        self.max_sentences = max_sentences

    # -- scoring ---------------------------------------------------------------------------
    def _terms(self, a: QueryAnalysis) -> dict[str, float]:
        """Content words of the question with their weights. Region names, years, frame words
        and single characters (件, 起, 当) say nothing about what is asked. A word no report
        uses (老百姓, 官司) gets a low weight: it is the asker's vocabulary, not the reports'."""
        skip = {n for r in a.regions for n in region_names(r)} | set(a.unknown_regions)
        skip |= {t for n in list(skip) for t in tokenize(n)}
        skip |= {str(y) for y in a.years}
        terms = {}
        for t in tokenize(a.effective_question):
            if t in skip or t in _FRAME_TOKENS or len(t) < 2:
                continue
            terms[t] = self.weights.get(t, self.unseen_weight)
        return terms

    def _doc_text(self, chunk: Chunk) -> str:
        if self.doc_text is None:
            return chunk.text
        doc_id = chunk.doc_id
        if doc_id not in self._doc_cache:
            if len(self._doc_cache) >= self.DOC_CACHE_SIZE:
                self._doc_cache.clear()
            self._doc_cache[doc_id] = self.doc_text(doc_id)
        return self._doc_cache[doc_id]

    def evidence(self, a: QueryAnalysis, chunks: Sequence[Chunk]) -> list[Evidence]:
        """Every sentence of ``chunks`` (in retrieval order), scored, best first."""
        terms = self._terms(a)
        total = sum(terms.values()) or 1.0
        common = {t: w for t, w in terms.items() if self.shares.get(t, 0.0) >= self.COMMON_SHARE}
        rate_heads = {h for m in a.metrics for h in _RATE_HEAD.findall(m)}
        # the counted thing's words that the reports commonly use (公证, 矫正): a figure for it
        # must come from a sentence that names it, not from one about 专家 or 诉讼案件
        # its most specific such word near the end, where Chinese puts the counted noun:
        # 援助 of 法律援助案件 (not 案件, every report has cases), 成员 of …联合体首批成员单位
        tail = [t for t in tokenize((a.head or "")[-4:]) if len(t) >= 2 and t in common]
        head = sorted(tail, key=lambda t: -self.weights.get(t, 0.0))[:1]
        head_words = set(tail) if a.head else set(common)
        q_numbers = [n for n in _numbers(a.effective_question) if int(float(n)) not in a.years]
        out = []
        for rank, chunk in enumerate(chunks):
            context = f"{chunk.meta.get('title', '')} {chunk.section} {chunk.text}"
            ctx_cov = sum(w for t, w in terms.items() if t in context) / total
            doc = self._doc_text(chunk)
            # A word the reports use but this report never does ("公证" asked of 海曙区, whose
            # report has no 公证) is strong evidence this report cannot answer.
            # only a word of the counted thing, not one cut from a longer one ("办法援案子": 办法
            # is 办 + 法援; its absence says nothing)
            absent = sum(w for t, w in common.items() if t in head_words and _absent(t, terms, doc)) / total
            for sent in split_sentences(chunk.text):
                cov = sum(w for t, w in terms.items() if t in sent) / total
                score = 0.6 * cov + 0.25 * ctx_cov + 0.15 / (1 + rank)
                score += 0.15 * max((len(m) / 8 for m in a.metrics if m in sent), default=0)
                if any(n in sent for n in q_numbers):
                    score += 0.3  # "81890热线" asked, "81890服务平台" in the sentence
                fig = None
                if a.wants_number:
                    fig, bonus, exact = self._pick_figure(a, sent, q_numbers, terms, total)
                    score = score + bonus if fig else score * 0.4
                    if rate_heads and not any(h in sent for h in rate_heads):
                        score *= 0.2  # "纠错率" asked, the sentence has no 纠错率
                    if head and not exact and not any(t in sent for t in head):
                        score *= 0.2  # 公证 asked, "行政诉讼案件477件" is no answer
                score *= (1 - absent) ** 2
                out.append(Evidence(chunk, sent, score, fig, chunk.meta.get("region", ""),
                                    chunk.meta.get("year")))
        out.sort(key=lambda e: -e.score)
        return out

    def _pick_figure(self, a: QueryAnalysis, sent: str, q_numbers: list[str],
                     terms: dict[str, float], total: float) -> tuple[str | None, float, bool]:
        """The figure the question asks for: the right unit (% for 率, 宗 for 多少宗), and the
        words just before it matching the question ("全年新收案件86件" for 收案数, not the
        "20余项制度" earlier in the sentence)."""
        figs = find_figures(sent, q_numbers)
        if _ORDINAL_ASK.search(a.question):  # "第几名" asks for a rank: "获得第四名"
            figs = sorted(figs + [(m.start(), m.group(0)) for m in _ORDINAL.finditer(sent)])
        if not figs:
            return None, 0.0, False
        grams = {m[i:i + 2] for m in a.metrics for i in range(len(m) - 1)}
        best, best_key, best_rank = None, None, None
        prev_end = 0
        nexts = [p for p, _ in figs[1:]] + [len(sent)]
        for (pos, fig), nxt in zip(figs, nexts):
            # the figure's own phrase starts after the previous figure or clause mark:
            # "在册304人" of "…对象2278人,解除矫正1974人,在册304人", "审查合同和协议379个"
            clause = max((m.end() for m in _CLAUSE.finditer(sent, 0, pos)), default=0)
            start, prev_end = max(prev_end, clause, pos - 20), pos + len(fig)
            unit = _unit_of(fig)
            if not fig[0].isdigit() and not fig.startswith("第") and \
                    not (unit == a.asked_unit and unit in _CN_UNITS):
                continue  # a Chinese numeral only when asked for ("几大" -> 六大), not 统一部/一个
            unit_ok = 2 if (a.wants_rate and unit in ("%", "％")) or unit == a.asked_unit else \
                1 if a.asked_unit and same_unit(unit, a.asked_unit) else 0
            if a.asked_unit == "个" and not a.unit_implied:
                # "有执法证的人总共多少个": 个 counts people and things alike, not years or money
                unit_ok = 0 if unit in _COUNTABLE else -1
            unit_bad = (a.wants_rate and unit not in ("%", "％", "个百分点")) or \
                       (not a.wants_rate and unit in ("%", "％")) or (bool(a.asked_unit) and not unit)
            named = self._naming_weight(terms, sent, pos)
            # the words around a figure name it: "新收案件86件", "342名行政执法人员", "六大专项行动"
            # ...and runs on to the next clause mark or figure: "21个部门347项事项" -> 部门
            after = re.split(r"[，,；;。：:、]", sent[pos + len(fig):min(pos + len(fig) + 16, nxt)])[0]
            window = sent[start:pos] + " " + after  # naming words lie after the previous figure
            # a title names a document, not what is counted: "《…行政复议…办法》等20余项制度"
            window = _TITLE.sub(" ", window)
            ctx = sum(w for t, w in terms.items() if t in window) / total
            ctx += 0.5 * (sum(g in window for g in grams) / len(grams) if grams else 0.0)
            key = (unit_ok, not unit_bad, named, round(ctx, 3), -pos)
            # how well the figure's own phrase names what is asked decides, the unit helps:
            # "起草审查了多少份合同协议" -> "审查合同和协议379个", not "诉讼案件198件"
            # ...except that a rare question word right before the figure picks it out of a list
            # whose noun is said once: "在册社区矫正对象" -> "…对象2278人,解除矫正1974人,在册304人"
            rank = (self._distinct_naming(terms, sent, pos),
                    round(ctx + 0.5 * named / total + 0.25 * max(unit_ok, 0) - 0.5 * (unit_ok < 0)
                          - 0.3 * unit_bad, 3), -pos)
            if best_rank is None or rank > best_rank:
                best, best_key, best_rank = fig, key, rank
        if best_key is None:
            return None, 0.0, False
        named_well = best_key[3] >= 0.3  # the phrase names the asked thing in the report's words
        bonus = 0.1 + 0.1 * best_key[0] - 0.15 * (not best_key[1]) + 0.2 * min(best_key[3], 1.0)
        bonus += 0.1 * (best_key[2] > 0)
        if a.asked_unit and not a.unit_implied and (best_key[0] < 0 or (
                best_key[0] == 0 and a.asked_unit != "个" and not named_well)):
            return None, 0.0, False  # "多少张" asked, the sentence only counts 名 / 家
        # a distinctive unit asked and found ("多少张" -> 519张) names the counted thing even
        # in other words (律师费抵扣凭证 = 法律服务现金券); 件/个/人 are too common to
        exact = bool(a.asked_unit) and not a.unit_implied and best_key[0] == 2 and \
            a.asked_unit not in _GENERIC_UNITS
        return best, bonus, exact

    def _distinct_naming(self, terms: dict[str, float], sent: str, pos: int) -> float:
        """The weight of a rare question word (in few passages) that ends right before the
        figure; common words (人员, 案件) name too many figures to pick one out."""
        before = _LINK.sub("", sent[max(0, pos - 24):pos])
        return max((w for t, w in terms.items() if before.endswith(t)
                    and self.shares.get(t, 0.0) < self.COMMON_SHARE), default=0.0)

    def _naming_weight(self, terms: dict[str, float], sent: str, pos: int) -> float:
        """How specifically the word right before a figure names what was asked: the weight of
        the question word it ends with. "在册社区矫正对象有多少人" in "接收社区矫正对象2278人,
        解除矫正1974人,在册304人": 在册 (rare) beats 对象 (common) -> 304人."""
        before = _LINK.sub("", sent[max(0, pos - 24):pos])
        return max((w for t, w in terms.items() if before.endswith(t)), default=0.0)

    # -- composing -------------------------------------------------------------------------
    def answer(self, a: QueryAnalysis, chunks: Sequence[Chunk]) -> Draft:
        """A quantity question gets the figure and its sentence; any other question the 1-3 best
        sentences. Nothing scoring ``threshold`` (calibrated on the eval set's unanswerable
        questions) -> not found, the closest passages kept apart from the answer text."""
        ev = self.evidence(a, chunks)
        if not ev or ev[0].score < self.threshold or (a.wants_number and not ev[0].figure):
            return Draft(not_found_text(), False, closest=list(chunks[:3]))
        if a.wants_number:
            return self._numeric(a, ev[0])
        return self._descriptive(ev)

    def _numeric(self, a: QueryAnalysis, best: Evidence) -> Draft:
        d = Draft("", True)
        stated = [(a, best)]
        # "办结多少宗？被诉率是多少？" or "受理和审结的…各有多少件": one figure per part
        parts = _sub_questions(a) or _conjunct_questions(a)
        for sub in parts:
            terms = self._terms(sub) if sub.effective_question != a.effective_question else \
                {t: self.weights.get(t, self.unseen_weight) for t in tokenize(sub.metrics[0]) if len(t) >= 2}
            fig, _, _ = self._pick_figure(sub, best.sentence, [], terms, sum(terms.values()) or 1.0)
            if fig and all(fig != e.figure for _, e in stated[1:]):
                stated.append((sub, Evidence(best.chunk, best.sentence, best.score, fig, best.region,
                                             best.year)))
        if len(stated) == len(parts) + 1 and len(parts) >= 2:
            stated = stated[1:]  # the parts, each with its figure, replace the whole question
        else:
            stated = stated[:1]
        quote = _trim(best.sentence, stated[0][1].figure or "")
        if any(e.figure not in quote for _, e in stated):
            quote = best.sentence
        n = d.cite(best.chunk, quote)
        if len(stated) > 1:  # each figure with its own noun: "受理为59件，审结为56件"
            said = [f"{_where(best)}{_short_subject(s, e)}为{e.figure}" if i == 0 else
                    f"{_short_subject(s, e)}为{e.figure}" for i, (s, e) in enumerate(stated)]
        else:
            said = [f"{_subject(stated[0][0], stated[0][1])}为{stated[0][1].figure}"]
        d.text = f"{_lead(best.chunk)}，{'，'.join(said)}：“{quote}”[{n}]"
        return d

    def _descriptive(self, ev: list[Evidence]) -> Draft:
        best = ev[0].score
        picked = [e for e in ev if e.score >= 0.8 * best and len(e.sentence) >= 8]
        picked = _dedupe(picked)[: self.max_sentences]
        d = Draft("", True)
        parts = []
        quotes: list[str] = []
        for e in picked:
            quote = _with_next(e.chunk.text, e.sentence)
            if any(quote in q or q in quote for q in quotes):
                continue
            quotes.append(quote)
            parts.append(f"“{quote}”[{d.cite(e.chunk, quote)}]")
        docs = {c.doc_id for c in d.citations}
        lead = _lead(picked[0].chunk) if len(docs) == 1 else "根据现有报告"
        d.text = f"{lead}：" + "".join(parts)
        return d


def _with_next(text: str, sentence: str, short: int = 40) -> str:
    """A short sentence that only names a thing ("探索“12345”普法工作法。") quoted together with
    the sentence after it, which says what it is."""
    if len(sentence) >= short:
        return sentence
    pos = text.find(sentence)
    if pos < 0:
        return sentence
    rest = split_sentences(text[pos + len(sentence):])
    return text[pos:text.find(rest[0], pos + len(sentence)) + len(rest[0])] if rest else sentence


_PART = re.compile(r"[，,？?；;。、]")


def _sub_questions(a: QueryAnalysis) -> list[QueryAnalysis]:
    """The parts of a question that asks for several figures, each analysed on its own:
    "海曙区2020年行政复议新收案件多少件，办结多少件？" -> [..新收案件多少件, 办结多少件]."""
    from app.query import analyze_query  # same package; kept local to show it is a re-analysis
    parts = [p for p in _PART.split(a.question) if p.strip()]
    if len(parts) < 2:
        return []
    subs = [analyze_query(p, a.regions, a.years) for p in parts]
    subs = [s for s in subs if s.wants_number and s.metrics]
    return subs if len(subs) >= 2 else []


_CONJ = ("和", "及", "与", "、", "以及")
_EACH = re.compile(r"各|分别")
_PAREN = re.compile(r"（[^）]*）|\([^)]*\)")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff、]+")
_ASK_WORD = re.compile(r"多少|几")


def _conjunct_questions(a: QueryAnalysis) -> list[QueryAnalysis]:
    """"答复了多少件人大代表建议和政协提案" -> one analysis per joined metric (人大代表建议,
    政协提案), in the order asked; the reports list figures the same way."""
    # a parenthetical only qualifies a noun: "村（社区）公共法律服务工作室"
    q = _PAREN.sub("", a.question)
    spans = sorted((q.find(m), m) for m in a.metrics if m in q)
    # "、" also strings clauses together ("不用再交证明、写个承诺就行"): it joins two asked
    # figures only with 各/分别 or an ask word per part
    conj = _CONJ if _EACH.search(q) or len(_ASK_WORD.findall(q)) >= 2 else _CONJ[:3] + _CONJ[4:]
    joined: list[str] = []
    for (p1, m1), (p2, m2) in zip(spans, spans[1:]):
        gap = q[p1 + len(m1):p2]
        # a conjunction, maybe with a short modifier of the next noun: "工作站和村公共法律服务工作室"
        if any(gap == c or (gap.startswith(c) and len(gap) <= len(c) + 2 and _CJK_ONLY.fullmatch(gap))
               for c in conj):
            joined += [m for m in (m1, m2) if m not in joined]
    if len(joined) < 2:
        return []
    return [replace(a, metrics=[m], head=m) for m in joined]


def metric_before(a: QueryAnalysis, sent: str, pos: int) -> str:
    """The longest tail of a question metric that names the figure at ``pos``: it ends right
    before it, give or take a linking word. 人民调解成功率 asked, "调解成功率达99%" -> 调解成功率."""
    before = _LINK.sub("", sent[max(0, pos - 24):pos])
    best = ""
    for m in list(a.metrics) + [h for m in a.metrics for h in _RATE_HEAD.findall(m)]:
        for i in range(len(m) - 1):
            tail = m[i:]
            if len(tail) > len(best) and before.endswith(tail):
                best = tail
                break
    return best


def _absent(term: str, terms: dict[str, float], doc: str) -> bool:
    """Is ``term`` missing from ``doc`` in a way that matters? Search-mode parts of a longer
    question word (委会 of 调委会) do not count, nor a compound whose parts are all there
    (化解矛盾 when the report writes 矛盾纠纷化解)."""
    if term in doc or any(term in t and term != t for t in terms):
        return False
    parts = [t for t in terms if t != term and t in term]
    return not parts or any(p not in doc for p in parts)


def _dedupe(ev: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in ev:
        if e.sentence not in seen:
            seen.add(e.sentence)
            out.append(e)
    return out


def _lead(chunk: Chunk) -> str:
    title = chunk.meta.get("title", "")
    return f"根据《{title}》" if title else "根据现有报告"


def _subject(a: QueryAnalysis, e: Evidence) -> str:
    """"盐田区2020年调解成功率": the metric as the quoted sentence names it right before the
    figure, the year only when the cited passage states it (no figure may come from elsewhere)."""
    chunk = e.chunk
    year = chunk.meta.get("year")
    cited = f"{chunk.meta.get('title', '')}{chunk.section}{chunk.text}"
    year_txt = f"{year}年" if year and str(year) in cited else ""
    pos = e.sentence.find(e.figure or "")
    metric = metric_before(a, e.sentence, pos) if pos >= 0 else ""
    if len(metric) < 3:
        return f"{e.region}{year_txt}的相关数字"
    return f"{e.region}{year_txt}{metric}"


def _where(e: Evidence) -> str:
    """"盐田区2020年": the region, and the year only when the cited passage states it."""
    chunk = e.chunk
    year = chunk.meta.get("year")
    cited = f"{chunk.meta.get('title', '')}{chunk.section}{chunk.text}"
    return f"{e.region}{year}年" if year and str(year) in cited else e.region


def _short_subject(a: QueryAnalysis, e: Evidence) -> str:
    """One part of a several-figure answer: the metric only ("办结为79件"); the part as asked
    when the sentence names it after the figure ("7个镇街公共法律服务工作站")."""
    pos = e.sentence.find(e.figure or "")
    found = metric_before(a, e.sentence, pos)
    return found if len(found) >= 2 else (a.metrics[0] if a.metrics else "另一数字")


def _trim(sentence: str, figure: str, limit: int = 120) -> str:
    """A long sentence cut to the clauses around the figure (still a substring of the chunk,
    so the UI can highlight it)."""
    if len(sentence) <= limit:
        return sentence
    pos = max(sentence.find(figure), 0)
    clauses = [m.end() for m in re.finditer(r"[，,；;：:]", sentence)]
    start = max((c for c in clauses if c <= pos and pos - c <= limit // 2), default=max(pos - limit // 2, 0))
    end = min((c for c in clauses if c > pos + len(figure) and c - start <= limit), default=start + limit)
    return sentence[start:end].rstrip("，,；;：:")
