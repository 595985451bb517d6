"""The extractive answerer (the default; no LLM): pick the sentence(s) of the retrieved passages
that answer the question, state the figure, quote the sentence with [n] citations.

Every answer, from this answerer or the LLM one, passes ``verify_numbers``: a figure that is not in
a cited passage never reaches the user."""
from __future__ import annotations

import functools
import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from ingest import Chunk, name_forms, tokenize
from ingest.chunk import heading_of
from ingest.chunk import split_sentences as _report_sentences
from ingest.facts import PERIOD_WORDS, object_of, phrase_before, verb_only
from ingest.figures import (LINK_BEFORE_FIGURE, MEASURE_NOUNS, PERCENT_UNITS, RATE_HEAD, RATE_WORDS, UNIT_WORDS,
                            answers_kind, base_unit, case_outcomes, rate_forms, same_unit, unit_kind)
from ingest.regions import OWN_GOVERNMENT, SCOPE_WORDS
from ingest.tokenize import is_predicate, is_verb, straddling_words, token_tag, words

from app.query import COMPARED_YEAR, QUOTED_NAME, WHEN_ASKED, QueryAnalysis, asked_phrase

__all__ = ["Evidence", "Draft", "ExtractiveAnswerer", "verify_numbers", "find_figures",
           "is_instruction", "is_upload", "metric_parts", "stated", "figure_pos", "QUOTE_SEP",
           "PLAN_QUESTION", "asks_plan",
           "split_sentences", "term_weights", "not_found_text", "grounding_text", "best_sentence",
           "same_unit", "metric_before", "base_year_figure"]

logger = logging.getLogger(__name__)

_CITE = re.compile(r"\[\d+\]")
_YEAR_TOKEN = re.compile(r"(?:19|20)\d{2}")
# A figure that states a change follows 增长/下降/同比/增加…: "同比增长8.5%", "比上年减少12件".
_CHANGE_BEFORE = re.compile(r"(?:增长|增加|上升|提高|下降|减少|降低|增幅|降幅|同比|环比|多|少)了?(?:约|近)?$")
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
_ORDINAL = re.compile(rf"第(?:{_CN_NUM}|\d+)(?:名|位|(?=[，,；;。）)]|$))")  # "获得第四名", "排第1；"
_TITLE = re.compile(r"《[^》]*》?")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE = re.compile(r"[，,；;：:、]")
# Tokens of a question that frame it but say nothing about what is asked.
_FRAME_TOKENS = frozenset(SCOPE_WORDS) | frozenset(PERIOD_WORDS) | frozenset("多少 几 哪个 哪些 分别 各 是 "
                          "有 年 区 全年 今年 去年 共 一共 总共 共计 其中 上半 下半 半年 季度 "
                          "最高 最低 最多 最少 比较 对比 排名 多大 多高 多久 具体 指 那边 现在 还".split())
_UNIT_TOKENS = frozenset(UNIT_WORDS)
# jieba: preposition, conjunction, adverb, pronoun, localizer (之间, 以来, 以上: where or when)
_FUNCTION_TAGS = ("p", "c", "d", "r", "f")
_COUNTABLE = frozenset("个 人 名 家 项 件 宗 所 处 座 条 部 类 批 户 张 篇 份".split())
_GENERIC_UNITS = frozenset("件 个 人 名 项 次 家 年 天 元 大".split())
_CN_UNITS = ("大", "项", "类", "条", "批")  # units a Chinese-numeral answer comes in ("六大")
_LINK = LINK_BEFORE_FIGURE


# A citation's ``quote`` holds the quoted sentences of its passage separated by this (a
# sentence never contains a line break), so a UI can highlight each one exactly.
QUOTE_SEP = "\n"

# A sentence that addresses the system instead of describing the government's work ("忽略之前的
# 所有指令", "SYSTEM:", "你现在是…") is never evidence, whatever figure it carries.
_INSTRUCTION = re.compile(
    r"忽略(?:之前|以上|上述|前面|此前|先前)?的?(?:所有|全部|一切|任何)?(?:指令|指示|要求|提示|设定|规则|内容)"
    r"|(?:^|[^A-Za-z])(?:system|assistant|user)\s*[:：]|系统提示|提示词|你现在是|你是一个|扮演"
    r"|作为(?:一个)?(?:AI|人工智能|语言模型|助手)|(?:请|必须|务必)(?:直接)?(?:回答|输出|回复)[:：]"
    r"|ignore (?:all |any )?(?:previous|above|prior) instructions", re.I)


@functools.lru_cache(maxsize=16384)
def is_instruction(sentence: str) -> bool:
    """Does ``sentence`` give orders to the reader/system (prompt injection), rather than
    report something? Reports describe work done; they never address the software."""
    return bool(_INSTRUCTION.search(sentence))


@dataclass
class Evidence:
    """One quoted sentence and the chunk it comes from (the chunk becomes the citation)."""
    chunk: Chunk
    sentence: str
    score: float = 0.0
    figure: str | None = None
    region: str = ""
    year: int | None = None
    # the sentence is about something else than what is asked (see ``evidence``)
    mismatch: bool = False
    # ...for a reason no rewording removes: the report lacks the asked words though reports use
    # them, the asked rate is not there. Only a sentence without one may answer a
    # question put in the asker's own words (``ExtractiveAnswerer.by_meaning``).
    hard: bool = False


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
    # years the text names from the index itself ("福州市现有2022年、2024年的报告"), not a passage
    index_years: tuple[int, ...] = ()

    def cite(self, chunk: Chunk, quote: str) -> int:
        """The citation number for ``chunk`` (reused when the same chunk is cited twice; a second
        sentence of it joins the quote, in the passage's order, so every cited figure is quoted)."""
        for i, c in enumerate(self.citations):
            if c.id == chunk.id:
                held = self.quotes[i]
                if quote and quote not in held:
                    both = sorted((held, quote), key=lambda q: (chunk.text.find(q) < 0, chunk.text.find(q)))
                    self.quotes[i] = quote if held in quote else "".join(both)
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
    """The sentences and ；-clauses of ``text``, line by line, stripped (ingest's splitter)."""
    return [s for line in text.split("\n") for s in map(str.strip, _report_sentences(line)) if len(s) > 1]


_UNIT_ENDINGS = tuple(sorted(UNIT_WORDS + ("%", "％", "万人次", "万件", "万余件", "大"), key=len, reverse=True))


@functools.lru_cache(maxsize=8192)
def _unit_of(fig: str) -> str:
    return next((u for u in _UNIT_ENDINGS if fig.endswith(u)), "")


def figure_pos(sentence: str, figure: str) -> int:
    """Where ``figure`` stands in ``sentence`` as a figure of its own: "6件" in "受理46件，纠错6件"
    is the second one, not the tail of 46件. -1 when absent."""
    if not figure:
        return -1
    m = re.search(r"(?<![\d.,])" + re.escape(figure), sentence)
    return m.start() if m else sentence.find(figure)


def find_figures(sentence: str, exclude: Iterable[str] = ()) -> list[tuple[int, str]]:
    """(position, figure) for each quantity in ``sentence``; years, dates, ordinals and numbers
    the question itself contains (e.g. "81890" in "81890服务平台") are not answers, nor figures
    in ``exclude`` whole (another part took "学法6次": "法律顾问6人" stays)."""
    return list(_figures(sentence, tuple(sorted(set(exclude)))))


@functools.lru_cache(maxsize=16384)  # the same passages' sentences come back question after question
def _figures(sentence: str, exclude: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    excluded = set(exclude)
    # a quoted name holds words, not counts: "推出“高效办成一件事”事项166个", "“1小时城市圈”"
    names = [q.span() for q in QUOTED_NAME.finditer(sentence)]
    out = []
    for m in _FIGURE.finditer(sentence):
        fig = m.group(0).strip()
        if not fig or _NOT_FIGURE_AFTER.match(sentence[m.end():]):
            continue
        if any(a < m.start() and m.end() < b and _CJK_CHAR.search(
                sentence[a + 1:m.start()] + sentence[m.end():b - 1]) for a, b in names):
            continue
        digits = _NUMBER.findall(fig)
        if fig in excluded or (digits and digits[0] in excluded):
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
    return tuple(out)


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


@functools.lru_cache(maxsize=8192)  # a passage's sentences, read again for every question it is retrieved for
def _passage_sentences(text: str) -> tuple[str, ...]:
    return tuple(split_sentences(text))


@functools.lru_cache(maxsize=16384)
def _clauses_before(text: str, clause: str) -> str:
    """The ；-clauses of the same sentence before ``clause``, which name its subject: "区政府收到
    行政复议申请298件…；审结256件，…纠错率12.1%" — the 纠错率 is 行政复议's."""
    pos = text.find(clause)
    if pos <= 0:
        return ""
    start = max(text.rfind(c, 0, pos) for c in "。！？\n") + 1
    return text[start:pos]


class ExtractiveAnswerer:
    """Scores each sentence of the retrieved chunks against the analysed question."""

    # Share of chunks above which a word is part of the reports' common vocabulary: when such a
    # word is asked about and a report never uses it, that report cannot answer (公证 in 海曙区).
    COMMON_SHARE = 0.03
    # Share of chunks below which a word is specific enough to say what is counted (公证, 持证);
    # 行政, 案件, 工作 are in a fifth of all passages or more and name nothing in particular.
    SPECIFIC_SHARE = 0.15
    DOC_CACHE_SIZE = 256

    # A report states a figure next to the name of what it counts, and describes a measure under
    # words that name it. So a sentence answers only when it holds most of the asked metric's
    # words, weighted by how rare they are in the reports: at least half of that weight. Below
    # it the figure counts something else (行政执法案件 asked as 行政复议案件), and the honest
    # answer is "not found" with the closest passages.
    MIN_HEAD_COVERAGE = 0.5
    # ``by_meaning``: the passages (in retrieval order) whose figures it weighs, and how much
    # closer in meaning (cosine) the chosen figure's phrase must be than any other figure's.
    MEANING_PASSAGES = 4
    MEANING_MARGIN = 0.02

    def __init__(self, weights: dict[str, float] | None = None,
                 min_head_coverage: float = MIN_HEAD_COVERAGE,
                 max_sentences: int = 4, doc_text: Callable[[str], str] | None = None,
                 shares: dict[str, float] | None = None,
                 doc_chunks: Callable[[str], list[Chunk]] | None = None,
                 similarity: Callable[[str, list[str]], Sequence[float] | None] | None = None,
                 meaning_margin: float = MEANING_MARGIN):
        self.weights = weights or {}
        # (asked phrase, figure phrases) -> cosine similarities; None: words alone decide
        self.similarity = similarity
        self.meaning_margin = meaning_margin
        self.doc_chunks = doc_chunks      # doc_id -> the report's chunks in reading order
        self.shares = shares or {}
        self.unseen_weight = 1.0
        self.doc_text = doc_text          # doc_id -> the report's full text
        self._doc_cache: dict[str, str] = {}
        self.min_head_coverage = min_head_coverage
        self.max_sentences = max_sentences

    # -- scoring ---------------------------------------------------------------------------
    def _terms(self, a: QueryAnalysis) -> dict[str, float]:
        """Content words of the question with their weights. Region names, years, frame words
        and single characters (件, 起, 当) say nothing about what is asked. A word no report
        uses (老百姓, 官司) gets a low weight: it is the asker's vocabulary, not the reports'."""
        skip = {n for r in a.regions for level in ("province", "city", "district")
                for n in name_forms(r.get(level, "")) if n}
        skip |= set(a.unknown_regions)
        skip |= {t for n in list(skip) for t in tokenize(n)}
        skip |= _own_government_words(a.effective_question)
        terms = {}
        # a year's 年 is no part of a word after it: "2020年市本级" holds no 年市
        question = WHEN_ASKED.sub("，", a.effective_question)
        for t in tokenize(question):
            # a measure word says how the thing is counted, not what it is (多少人次); a
            # preposition, conjunction, adverb or pronoun says how or who (经过, 亲自, 自己)
            if t in skip or t in _FRAME_TOKENS or t in _UNIT_TOKENS or _YEAR_TOKEN.fullmatch(t) \
                    or token_tag(t)[:1] in _FUNCTION_TAGS \
                    or any(t in n for n in skip if len(n) >= 3):
                continue
            if len(t) >= 2:
                terms[t] = self.weights.get(t, self.unseen_weight)
        return self._reports_reading(question, terms)

    def _reports_reading(self, question: str, terms: dict[str, float]) -> dict[str, float]:
        """Read the question the way the reports write: where jieba's cut hides a word the
        reports use more often than every cut word it straddles, that word is the one meant
        ("集体学法学了几次" is cut 学/法学/了; the reports say 学法 far more often than 法学). A
        straddling word the reports rarely use (法案 of 执法案卷, 人参 of 人参观) changes nothing."""
        for word, crossed in straddling_words(question):
            share = self.shares.get(word, 0.0)
            # a cut that reads a function word (一共 of 一共有) is grammar, not a misreading
            if word in self.weights and word not in terms \
                    and not any(token_tag(c)[:1] in _FUNCTION_TAGS for c in crossed) \
                    and all(share > self.shares.get(c, 0.0) for c in crossed):
                terms[word] = self.weights[word]
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

    def _head_words(self, a: QueryAnalysis, phrase: str) -> dict[str, float]:
        """The words of ``phrase`` (what is counted) that the reports use, with their weights;
        not the words of 区政府 (who acted), nor those saying how, who or where (亲自, 之间)."""
        own_government = _own_government_words(a.effective_question)
        return {t: self.weights[t] for t in tokenize(phrase)
                if len(t) >= 2 and t in self.weights and t not in own_government
                and t not in MEASURE_NOUNS and token_tag(t)[:1] not in _FUNCTION_TAGS}

    def _report_counts(self, a: QueryAnalysis, terms: dict[str, float], doc: str) -> bool:
        """Can this report count what part ``a`` of a several-part question counts? Not when a
        word of its counted noun that the reports commonly use is one this report never uses
        (行政处罚 asked of a 司法局 summary without it: its "行政案件4件" is no answer), as
        ``evidence`` judges a whole question."""
        # who acted is not what is counted: 民政 of 区人民政府, 部门 of 执法部门 (a specific office
        # the report never names is judged apart: ``_offices_named``)
        acted = _own_government_words(a.effective_question)
        return not any(_absent(t, terms, doc) for t in tokenize(a.head or "")
                       if len(t) >= 2 and t not in acted and not _is_office(t)
                       and self.shares.get(t, 0.0) >= self.COMMON_SHARE and not is_verb(t))

    def evidence(self, a: QueryAnalysis, chunks: Sequence[Chunk]) -> list[Evidence]:
        """Every sentence of ``chunks`` (in retrieval order), scored, best first."""
        terms = self._terms(a)
        total = sum(terms.values()) or 1.0
        common = {t: w for t, w in terms.items() if self.shares.get(t, 0.0) >= self.COMMON_SHARE}
        rate_heads = {h for m in a.metrics for h in RATE_HEAD.findall(m)}
        rate_names = {f for m in a.metrics for f in rate_forms(m)}
        # the counted thing's words that the reports commonly use (公证, 矫正): a figure for it
        # must come from a sentence that names it, not from one about 专家 or 诉讼案件
        # its most specific such word near the end, where Chinese puts the counted noun:
        # 援助 of 法律援助案件 (not 案件, every report has cases), 成员 of …联合体首批成员单位
        # (a verb there is the action, not the counted thing: 处理 of "…经调解组织处理了多少件")
        tail = [t for t in tokenize((a.head or "")[-4:]) if len(t) >= 2 and t in common and not is_verb(t)]
        # the most specific word of what is counted, among those the reports use: 复议 of
        # 行政复议案件 (not 案件), 援助 of 法律援助案件; the figure's own words must hold it
        several = bool(_sub_questions(a) or metric_parts(a))  # each part checks its own
        # a rate asked as "比例/占比" is named by what it is the rate of: "一把手上法庭应诉的比例"
        # (of the clause that asks: "行政机关被起诉后，领导出庭的比例" is the rate of 出庭)
        phrase = _rate_of_phrase(a) if a.wants_rate and RATE_WORDS.fullmatch(a.head or "") else a.head or ""
        rate_words = _rate_words_asked(a)
        head = {} if several else self._head_words(a, phrase)
        specific = {t for t in head if self.shares.get(t, 0.0) < self.SPECIFIC_SHARE}
        # the head's most weighted word is one the reports seldom use (亲自, 法庭): the asker's
        top_head = max(head, key=head.get) if head else None
        asker_words = bool(head) and self.shares.get(top_head, 0.0) < self.COMMON_SHARE
        head_words = set(tail) if a.head else set(common)
        # a noun that says which office is meant, right before the word for an office it narrows:
        # 公证 of 公证机构 (Chinese puts the specific noun first); a figure named by the general
        # word alone, in a report that never uses the specific one, is another office's (法律援助机构)
        q = a.effective_question
        pairs = [(t, u) for t in head for u in head if t != u and t + u in q and _is_noun(t) and _is_office(u)
                 and self.shares.get(u, 0.0) < self.SPECIFIC_SHARE]
        # ...and so does one no report uses at all (仲裁 of 仲裁机构, 信访 of 信访部门): every
        # report lacks it, and "法律援助机构受理…" or "行政复议机关受理…" is another office's figure
        unknown = {t for t in tokenize(phrase) if len(t) >= 2 and t not in self.weights and _is_noun(t)}
        pairs += [(t, u) for t in unknown for u in head
                  if t + u in q and _is_office(u) and self.shares.get(u, 0.0) < self.SPECIFIC_SHARE]
        offices = _offices_named(q)
        kinds, counted = ((), None) if several else _kind_words(a.head, q)
        rare_kinds = [t for t in kinds if self.shares.get(t, 0.0) < self.COMMON_SHARE]
        q_numbers = [n for n in _numbers(q) if int(float(n)) not in a.years]
        quoted = quoted_names(q)
        named = q_numbers + list(quoted)  # numbers and names asked
        action = asked_action(a, terms) if a.wants_number else None
        part_terms = _part_terms(a, terms)
        part_only = set(part_terms) if part_terms is not terms else set()
        # the words of what a rate is a rate of: 行政执法案卷评查 of "…案卷评查的合格率"
        rate_of = {t for m in a.metrics if not RATE_HEAD.search(m) for t in tokenize(m) if t in terms} \
            if rate_heads else set()
        # a name the question quotes is the report's own name for one thing ("办不成事"反映窗):
        # where a retrieved passage has it, the figures are that passage's, not those of a
        # sentence that merely shares the asked verb (收到行政复议申请197件)
        quoted_found = [n for n in quoted if any(n in c.text for c in chunks)]
        out = []
        per_doc: dict[str, tuple[float, set[str], bool, list[str], bool]] = {}
        asks_target = bool(_ASKS_TARGET.search(a.effective_question))
        for rank, chunk in enumerate(chunks):
            context = f"{chunk.meta.get('title', '')} {chunk.section} {chunk.text}"
            ctx_cov = sum(w for t, w in terms.items() if t in context) / total
            doc = self._doc_text(chunk)
            if doc not in per_doc:  # once per report, not per passage (a search of its whole text)
                # A word the reports use but this report never does ("公证" asked of 海曙区, whose
                # report has no 公证) is strong evidence this report cannot answer.
                # only a word of the counted thing, not one cut from a longer one ("办法援案子": 办法
                # is 办 + 法援; its absence says nothing)
                per_doc[doc] = (
                    sum(w for t, w in common.items() if t in head_words and _absent(t, terms, doc)) / total,
                    # ...and a modifying noun that other reports use, if seldom, and this one never
                    # does (公证 of 公证机构, in 1 of 60 passages of a small index)
                    {t for t in head if t not in doc and not _crosses(t, terms, doc, q) and (
                        self.shares.get(t, 0.0) >= self.COMMON_SHARE
                        or (any(t == m for m, _ in pairs) and t in self.shares and _is_noun(t)))} | unknown,
                    # "行政应诉案件中败诉的有多少件": the part asked (败诉) is a word the reports use;
                    # a report that never uses it does not count that part, only the whole
                    any(t in self.shares and _absent(t, terms, doc) for t in part_only)
                    # the office the question scopes the figure to ("税务部门办理了多少件行政处罚")
                    # is one this report never names: its totals are every office's, not that one's
                    or any(t not in doc for o in offices for t in o),
                    # ...or uses its field's word, but never for an office (教育 of 法治教育, asked
                    # "教育局检查了多少所学校"): only a figure said of that field may answer
                    [o[0] for o in offices if not _names_office(doc, o)],
                    # a word narrowing the counted noun to one kind (物业费 of 物业费纠纷) it never uses
                    any(not _holds(doc, t) for t in kinds))
            absent, lacks, part_missing, unnamed, kind_absent = per_doc[doc]
            aim = not asks_target and _in_plan(chunk, a)  # the chunk's figures are next year's aims
            for sent in _passage_sentences(chunk.text):
                if is_instruction(sent):
                    continue
                cov = sum(w for t, w in terms.items() if t in sent) / total
                score = 0.6 * cov + 0.25 * ctx_cov + 0.15 / (1 + rank)
                score += 0.15 * max((len(m) / 8 for m in a.metrics if m in sent), default=0)
                if any(n in sent for n in named):
                    score += 0.3  # "81890热线" asked, "81890服务平台" in the sentence; “首违不罚”
                elif quoted_found and not any(n in chunk.text for n in quoted_found):
                    score *= 0.5
                fig = None
                # Each mismatch is a reason the sentence cannot answer; it also lowers the score
                # so that sentences without one rank first.
                hard = absent >= 0.5 or part_missing or any(
                    lead not in sent and lead not in chunk.section for lead in unnamed)
                mismatch = hard or (cov == 0 and ctx_cov == 0)
                if a.wants_number:
                    fig, bonus, exact = self._pick_figure(a, sent, q_numbers, part_terms, total, action)
                    score = score + bonus if fig else score * 0.4
                    mismatch |= fig is None or _counts_other_things(a, fig)
                    if rate_heads and not any(f in sent for f in rate_names):
                        score *= 0.2  # "纠错率" asked, the sentence has no 纠错率
                        mismatch, hard = True, hard or not several  # …another part may be asked of it
                    elif rate_of and not any(t in sent or t in chunk.section or t in chunk.meta.get("title", "")
                                             or t in _clauses_before(chunk.text, sent) for t in rate_of):
                        score *= 0.2  # 案卷评查的合格率 asked: not the 学法考试's "合格率均为100%"
                        mismatch = True
                    # a rate is named by its …率 word, the rest only qualifies it
                    if rate_words and fig:  # 按时办完 of 按时办结率, not of 网上可办率
                        score += 0.3 * _shared_pairs(rate_words, _rate_name(sent, figure_pos(sent, fig)))
                    if fig and aim:
                        score *= 0.2  # "推动…出庭应诉率年底前达到100%" is next year's aim
                        mismatch = True
                    if a.wants_change and fig and not several and not _is_change(sent, fig):
                        score *= 0.3  # "比上年增长了多少": the level (1642件) is no answer
                        mismatch = True
                    other_kind = fig and kinds and _other_kind(sent, fig, counted, kind_absent, rare_kinds)
                    if other_kind:  # 物业费纠纷 asked: "调解矛盾纠纷846件" counts every kind together
                        score *= 0.2
                        mismatch, hard = True, hard or other_kind == "never"
                    if fig and not several and not _names_outcomes(a, sent, fig):
                        score *= 0.2  # 败诉 asked: "行政诉讼案件71件" is the total, not the lost
                        mismatch = True
                    if action and fig and not _in_clause(sent, figure_pos(sent, fig), action):
                        score *= 0.5  # "受理了多少": a figure of another action ranks after
                    # a number the question quotes (a hotline: "打12348电话") names the figure
                    # of its clause as surely as a word: "“12348”热线解答咨询11.2万人次"
                    # ...and, when the head is in the asker's words, so does the action asked in the
                    # figure's own clause: "机关领导亲自上法庭应诉了多少回" of "…负责人出庭应诉371件次";
                    # not when the head's word is one the reports use, if seldom, and the sentence
                    # shares nothing else with the question: "信访部门受理了多少件" is not "…行政
                    # 复议申请683件，依法受理621件" (another office's figure, the action alone in common)
                    if head and not exact and not rate_heads \
                            and not any(_in_clause(sent, figure_pos(sent, fig), n) for n in named) \
                            and not (action and asker_words and _in_clause(sent, figure_pos(sent, fig), action)
                                     and not (top_head in self.shares and _action_only(sent, terms, action))) \
                            and not _names_head(head, _own_words(sent, fig), sent, lacks, specific, pairs):
                        score *= 0.2  # 公证 asked, "行政诉讼案件477件" is no answer
                        mismatch = True
                score *= (1 - absent) ** 2
                out.append(Evidence(chunk, sent, score, fig, chunk.meta.get("region", ""),
                                    sentence_year(sent, chunk.meta.get("year")), mismatch, hard))
        out.sort(key=lambda e: -e.score)
        return out

    def _pick_figure(self, a: QueryAnalysis, sent: str, q_numbers: list[str],
                     terms: dict[str, float], total: float,
                     action: str | None = None) -> tuple[str | None, float, bool]:
        """The figure the question asks for: the right unit (% for 率, 宗 for 多少宗), and the
        words just before it matching the question ("全年新收案件86件" for 收案数, not the
        "20余项制度" earlier in the sentence). ``action``: the verb the question asks
        (``asked_action``), worked out once per question by the caller."""
        figs = find_figures(sent, q_numbers)
        if _ORDINAL_ASK.search(a.question):  # "第几名" asks for a rank: "获得第四名"
            figs = sorted(figs + [(m.start(), m.group(0)) for m in _ORDINAL.finditer(sent)])
        if not figs:
            return None, 0.0, False
        grams = {m[i:i + 2] for m in a.metrics for i in range(len(m) - 1)}
        counted = counted_noun(a.effective_question)
        rate_words = _rate_words_asked(a)
        # a name the question quotes is the report's own name for one thing ("首违不罚"): it
        # picks the figure of its clause out of a sentence that counts several
        quoted = quoted_names(a.effective_question)
        best, best_key, best_rank, best_window = None, None, None, ""
        shares_asked = a.wants_rate and not a.wants_change and not _CHANGE_WORD.search(a.effective_question)
        people = a.asked_unit == "个" and bool(_PEOPLE_COUNTED.search(a.effective_question))
        for (pos, fig), window in zip(figs, _figure_windows(sent, tuple(figs))):
            unit = _unit_of(fig)
            if not _unit_allowed(a, fig) or (shares_asked and _is_change(sent, fig)):
                continue  # a share ("占比多少") is no change: not "较2021年的341件增长22.3%"
            unit_ok = 2 if (a.wants_rate and unit in ("%", "％")) or base_unit(unit) == a.asked_unit else \
                1 if a.asked_unit and (same_unit(unit, a.asked_unit) or  # 几次: 出庭应诉17件次 counts times
                                       (a.asked_unit == "次" and unit.endswith("次"))) else 0
            if a.asked_unit == "个" and not a.unit_implied:
                # "有执法证的人总共多少个": 个 counts people and things alike, not years or money;
                # "多少个懂法的带头人": a noun for people (…人, …员) is counted in people
                unit_ok = 2 if unit == ("人" if people else "个") or (people and same_unit(unit, "人")) \
                    else 1 if people and unit == "个" else 0 if unit in _COUNTABLE else -1
            unit_bad = (a.wants_rate and unit not in ("%", "％", "个百分点")) or \
                       (not a.wants_rate and not a.wants_change and unit in ("%", "％")) or \
                       (bool(a.asked_unit) and not unit)
            named = self._naming_weight(terms, sent, pos)
            ctx = sum(w for t, w in terms.items() if t in window) / total
            ctx += 0.5 * (sum(g in window for g in grams) / len(grams) if grams else 0.0)
            key = (unit_ok, not unit_bad, named, round(ctx, 3), -pos)
            # how well the figure's own phrase names what is asked decides, the unit helps:
            # "起草审查了多少份合同协议" -> "审查合同和协议379个", not "诉讼案件198件"
            # ...except that a rare question word right before the figure picks it out of a list
            # whose noun is said once: "在册社区矫正对象" -> "…对象2278人,解除矫正1974人,在册304人"
            # "比上年多了多少" asks for the change ("同比增长8.5%"), not the level ("1024件")
            change = bool(_CHANGE_BEFORE.search(sent[max(0, pos - 6):pos]))
            # the asked action in the figure's own clause (、 joins the objects of one clause)
            acts = bool(action) and (_in_clause(sent, pos, action) or _total_before_successes(sent, pos, fig, action)
                                     or (action not in sent and _outcome_of_asked(action, terms, _clause_before(sent, pos)))) \
                and not _counts_successes(sent, pos, action, a.effective_question)
            # "多少个行政执法单位…" is answered by "31个行政执法单位", the noun right after both
            # (in the asked measure word: "多少件公证事项" is not "2家公证机构")
            # ...and "调解组织一共有多少个" by "3286个人民调解组织": the noun said before the ask
            noun = _noun_of(_noun_after(sent, fig)) if same_unit(unit, a.asked_unit or "") else ""
            names = bool(noun) and ((bool(counted) and noun.startswith(counted)) or
                                    (len(a.head or "") >= 2 and noun.endswith(a.head or "")))
            # ...or right before it, the other place a count names its noun: "调解了多少件纠纷" ->
            # "调解各类纠纷1386件", not "人民调解组织312个" (another measure word, another thing)
            names |= bool(counted) and same_unit(unit, a.asked_unit or "") and \
                _just_before(sent, pos).endswith(counted)
            shared = round(_shared_pairs(rate_words, _rate_name(sent, pos)), 2) if rate_words else 0.0
            stock = bool(_STOCK_ASKED.search(a.question)) and _stock_clause(sent, pos)
            # ...before the figure or right after its measure word: "上线46项“秒批秒办”事项"
            quoted_here = any(_in_clause(sent, pos, n) or sent[pos + len(fig):].startswith(("“" + n, n))
                              for n in quoted)
            rank = (change == a.wants_change, quoted_here, _change_end(a.question, sent, pos), stock, acts, names,
                    shared, self._distinct_naming(terms, sent, pos), _of_years_asked(a, sent, pos),
                    round(ctx + 0.5 * named / total + 0.25 * max(unit_ok, 0) - 0.5 * (unit_ok < 0)
                          - 0.3 * unit_bad, 3), -pos)
            if best_rank is None or rank > best_rank:
                best, best_key, best_rank, best_window = fig, key, rank, window
        if best_key is None:
            return None, 0.0, False
        named_well = best_key[3] >= 0.3  # the phrase names the asked thing in the report's words
        if named_well and action and best_key[0] <= 0:
            # ...by more than the asked action: "新增全国民主法治示范社区1个" shares only 新增 with
            # "新增市场主体多少户"; a figure in another measure word counts another thing
            named_well = any(t in best_window for t in terms if t not in action and action not in t)
        if named_well and best_key[0] <= 0 and (noun := _noun_head(a)):
            # ...and by the asked noun itself: a Chinese noun phrase ends in its head ("政府信息公开
            # 申请" is a kind of 申请), so "收到多少件政府信息公开申请" is not answered by "公开征求
            # 意见…收到意见建议384条", which shares 公开 and 收到 but counts 意见建议 in 条
            named_well = _holds(best_window, noun)
        bonus = 0.1 + 0.1 * best_key[0] - 0.15 * (not best_key[1]) + 0.2 * min(best_key[3], 1.0)
        bonus += 0.1 * (best_key[2] > 0)
        # "多少个部门" and "75个部门": the asked noun counted in the asked measure word answers more
        # surely than any overlap of words (a Chinese count names its noun right after the measure)
        bonus += 0.3 * bool(best_rank[5])
        if a.asked_unit and not a.unit_implied and not a.wants_change and best_key[0] <= 0 \
                and a.asked_unit != "个" and not named_well:
            return None, 0.0, False  # "多少张" asked, the sentence counts 份 of something else
        # a distinctive unit asked and found ("多少张" -> 519张) names the counted thing even
        # in other words (律师费抵扣凭证 = 法律服务现金券); 件/个/人 are too common to
        exact = bool(a.asked_unit) and not a.unit_implied and best_key[0] == 2 and \
            a.asked_unit not in _GENERIC_UNITS
        # "第几名" asks for a rank, and only a rank ("获得第四名") answers it
        exact |= bool(_ORDINAL_ASK.search(a.question)) and best.startswith("第")
        # "多少项行政检查执法事项" of "3980项行政检查执法事项": the figure counts the asked noun
        exact |= bool(best_rank[5])
        return best, bonus, exact

    def _distinct_naming(self, terms: dict[str, float], sent: str, pos: int) -> float:
        """The weight of a rare question word (in few passages) that ends right before the
        figure; common words (人员, 案件) name too many figures to pick one out."""
        before = _just_before(sent, pos)
        return max((w for t, w in terms.items() if before.endswith(t)
                    and self.shares.get(t, 0.0) < self.COMMON_SHARE), default=0.0)

    def _naming_weight(self, terms: dict[str, float], sent: str, pos: int) -> float:
        """How specifically the word right before a figure names what was asked: the weight of
        the question word it ends with. "在册社区矫正对象有多少人" in "接收社区矫正对象2278人,
        解除矫正1974人,在册304人": 在册 (rare) beats 对象 (common) -> 304人."""
        before = _just_before(sent, pos)
        return max((w for t, w in terms.items() if before.endswith(t)), default=0.0)

    def answers(self, a: QueryAnalysis, e: Evidence) -> bool:
        """Does evidence ``e`` answer ``a``? A quantity question needs a figure from a sentence
        with no mismatch (``evidence``: the asked rate, the counted thing, a word the reports
        use but this report never does, a unit that counts other things). Any other question
        needs no mismatch, or at least ``min_head_coverage`` of the asked words' weight in the
        sentence or the heading above it."""
        if e.score <= 0 or (a.wants_number and not e.figure):
            return False
        if not e.mismatch:
            return True
        if a.wants_number:  # a mismatched figure never answers; no need to weigh words
            return False
        asked = self._metric_terms(a)
        total = sum(asked.values())
        where = f"{e.sentence} {e.chunk.section}"
        return bool(total) and \
            sum(w for t, w in asked.items() if t in where) / total >= self.min_head_coverage

    def _metric_terms(self, a: QueryAnalysis) -> dict[str, float]:
        """The weighted words of what is asked: the head ("维持原决定" of "其中维持原决定的有
        多少件") when there is one, else every content word; words no report uses weigh little."""
        terms = self._terms(a)
        phrase = a.head if a.wants_number and a.head else "".join(a.metrics)
        own = {t: w for t, w in terms.items() if t in phrase}
        return own or terms

    # -- composing -------------------------------------------------------------------------
    def answer(self, a: QueryAnalysis, chunks: Sequence[Chunk],
               years: Sequence[int] | None = None) -> Draft:
        """A quantity question gets the figure and its sentence; a how-question the matching
        section's key sentences; a summary the report's parts. ``years``: only evidence whose
        own year is one of them. When the best sentence does not
        name what is asked (``answers``) -> not found, the closest passages kept apart."""
        if not a.wants_number and chunks and (a.regions or a.years):
            if SUMMARY.search(a.question) and self.doc_chunks and \
                    not _topic(a, chunks[0].meta.get("title", "")):
                return self._summary(a, chunks[0])  # the report itself is the answer
            plan = self._plan(a, chunks) if asks_plan(a.question) and self.doc_chunks else None
            if plan is not None:
                return plan
            if asks_plan(a.question) and any(
                    PLAN_HEADING.search(b.heading) for b in _blocks(chunks[0]) + [
                        b for c in chunks[1:] if c.doc_id == chunks[0].doc_id for b in _blocks(c)]):
                return self._descriptive(a, [], [c for c in chunks if c.doc_id == chunks[0].doc_id])
        ev = self.evidence(a, chunks)
        if years:  # only sentences whose figures are of these years ("2021年，…" in a 2022 report)
            ev = [e for e in ev if e.year in years]
        if a.wants_number:  # the best sentence that can answer, the others after it
            ev = sorted(ev, key=lambda e: not self.answers(a, e))
        # without an encoder (``similarity``) or the reports' vocabulary, words alone decide
        meaning = a.wants_number and self.similarity is not None and bool(self.shares)
        asker = meaning and self._asker_words_only(a)
        level = self._level_by_meaning(a, ev) if meaning and ev else None
        if level is not None:  # "新开的公司和个体户有多少户？比前一年多了多少？"
            return self._parts(a, level[1], [level[0][0]] + ev, found=level[0])
        if meaning and ev and (asker or self._head_unnamed(a) or not self.answers(a, ev[0])):
            meant = self.by_meaning(a, ev, ev[0] if asker and self.answers(a, ev[0]) else None)
            if meant is not None:  # the asker's own words for what a report counts
                return self._numeric(a, [meant] + ev)
            if asker:  # words cannot tell its figures apart, and meaning did not either
                return Draft(not_found_text(), False, closest=list(chunks[:3]))
        if not ev or not self.answers(a, ev[0]):
            return Draft(not_found_text(), False, closest=list(chunks[:3]))
        if a.wants_number:
            return self._numeric(a, ev)
        return self._descriptive(a, ev, chunks)

    def _level_by_meaning(self, a: QueryAnalysis,
                          ev: list[Evidence]) -> tuple[list[Evidence | None], list[QueryAnalysis]] | None:
        """"新开的公司和个体户有多少户？比前一年多了多少？": a level in the asker's words and its
        change. Meaning finds the level (``by_meaning`` of that part: 新登记经营主体4.12万户), and
        only if its sentence states the change right after it ("同比增长9.8%"), as reports do.
        Returns the two figures and the two parts (the level's clause as one: 公司和个体户)."""
        if not a.wants_change:
            return None  # (asked of every quantity question: the parts are analysed only here)
        parts = _sub_questions(a)
        changes = [p for p in parts if p.wants_change]
        levels = [p for p in parts if not p.wants_change]  # one clause: "公司和个体户有多少户"
        if len(changes) != 1 or not levels or len({p.question for p in levels}) != 1 \
                or list(changes[0].metrics) not in ([], ["比上年增减"]):
            return None
        # the clause as a whole says how it is counted ("公司和个体户": 户, not 个 of 公司 alone)
        from app.query import analyze_query  # same package; kept local to show it is a re-analysis
        clause = analyze_query(levels[0].question, a.regions, a.years)
        level = replace(levels[0], regions=levels[0].regions or a.regions, years=levels[0].years or a.years,
                        asked_unit=clause.asked_unit, unit_implied=clause.unit_implied)
        meant = self.by_meaning(level, ev, changed=True)
        if meant is None:
            return None
        whole = "和".join(p.metrics[0] for p in levels if p.metrics)
        change = _next_figure(meant, [meant.figure or ""], lambda f: True)
        return [meant, change], [replace(level, metrics=[whole], head=whole), changes[0]]

    def _head_unnamed(self, a: QueryAnalysis) -> bool:
        """Is the counted noun one no report uses ("…被人告上法院的官司有多少件": 官司)? Then the
        words before it may still say what it is (县政府, 法院), but meaning is asked first."""
        head = [t for t in tokenize(a.head or "") if len(t) >= 2]
        return bool(head) and not any(t in self.shares for t in head)

    def _asker_words_only(self, a: QueryAnalysis) -> bool:
        """Is the question put only in the asker's words: words no report uses, and words so
        common in the reports that they name nothing ("老百姓告政府告赢了的有多少件": 老百姓, 告赢;
        政府)? Then words cannot tell the report's figures apart; meaning decides, and without a
        clear choice the answer is "not found", never a figure of the same sentence."""
        terms = self._terms(a)
        return any(t not in self.shares for t in terms) and \
            not any(self.shares[t] < self.SPECIFIC_SHARE for t in terms if t in self.shares)

    def by_meaning(self, a: QueryAnalysis, ev: list[Evidence],
                   words_pick: Evidence | None = None, changed: bool = False) -> Evidence | None:
        """The figure a question in the asker's own words asks for: "政府被人告上法院的官司有多少件"
        means 行政诉讼案件, "免费帮打工的人讨要工钱的官司" 农民工讨薪案件. No figure's phrase holds
        such words, so the word-based choice finds none; then the encoder's similarity between
        the asked phrase and each figure's own phrase decides. Only among the figures nothing
        else rules out (``Evidence.hard``, ``_unit_fits``), and only when one figure's phrase
        is clearly the closest (``meaning_margin`` over every other figure's), or is the one
        the words picked too (``words_pick``): meaning is weaker evidence than words, so a near
        tie that nothing else settles is "not found", never a guess."""
        terms = self._terms(a)
        if self.similarity is None or not a.regions or _sub_questions(a) or metric_parts(a) \
                or not (any(t not in self.shares for t in terms) or self._head_unnamed(a)):
            return None  # every asked word is one the reports use: they would have used it here
        if any(len(t) >= 4 and t not in self.shares and _INSTITUTION.search(t) and not t.endswith("人员")
               for t in terms):
            # an office's or a post's name (人民陪审员, 环保部门, 监察部门; not a kind of staff,
            # 公职人员) is its formal name, not the asker's everyday word: no report in the index
            # names it, so none counts it, however close another figure's phrase comes in meaning
            return None
        if any(len(t) >= 3 and t not in self.shares and t.endswith(("人", "工")) and _common_noun(t)
               for t in terms):
            return None  # ...nor does a group of people named by a word of its own (未成年人, 农民工)
        kinds, counted = _kind_words(a.head, a.effective_question)  # counted: 纠纷 of 邻里纠纷
        if any(t not in self.shares for t in kinds):
            return None  # ...nor does a kind no report names (物业费 of 物业费纠纷, ``_kind_words``)
        passages = list(dict.fromkeys(e.chunk.id for e in ev))[:self.MEANING_PASSAGES]
        phrase = asked_phrase(a)
        # "清理县政府文件后，还能接着用的有多少件": the earlier clause's words found the sentence;
        # the asking clause, in the asker's words, picks among that sentence's figures
        focus = ev[0].sentence if phrase != asked_phrase(a, whole=True) and self.answers(a, ev[0]) else None
        cands: dict[tuple[str, str, str], tuple[Evidence, str]] = {}  # (window, own phrase, figure)
        for e in ev:
            if e.hard or e.chunk.id not in passages or focus not in (None, e.sentence):
                continue
            figs = tuple(find_figures(e.sentence))
            for (pos, fig), window in zip(figs, _figure_windows(e.sentence, figs)):
                if _unit_fits(a, e.sentence, fig) and _names_outcomes(a, e.sentence, fig) and (
                        not changed or _change_after(e, fig)) and not _counts_bodies(e.sentence, fig, counted):
                    # (``changed``: a level whose change is asked; no body counts the asked noun;
                    # a list's later clause has its first words)
                    own = _TITLE.sub(" ", _own_phrase(e.sentence, figs, pos, fig)).strip("，,；; ")
                    cands.setdefault((window, own, fig), (e, fig))
        if not cands:
            return None
        # the words around the figure, and its own phrase with what a list's first clause names
        sims = self.similarity(phrase, [k[0] for k in cands] + [k[1] for k in cands])
        if sims is None:  # no encoder at hand
            return None
        sims = (np.asarray(sims[:len(cands)]) + np.asarray(sims[len(cands):])) / 2
        rate_words = _rate_words_asked(a)
        if rate_words:  # "考得优秀的比例": 优秀率, whose characters the asker kept, before 参考率
            sims = sims + 0.1 * np.asarray([_shared_pairs(rate_words, _rate_name(x.sentence, figure_pos(x.sentence, f)))
                                            for x, f in cands.values()])
        ranked = sorted(zip(sims, cands.values()), key=lambda x: -x[0])
        top, (e, fig) = ranked[0]
        rival, (re_, rfig) = next(((s, c) for s, c in ranked[1:] if _numbers(c[1]) != _numbers(fig)),
                                  (-1.0, (e, fig)))
        logger.debug("by meaning: %s %.3f (next %.3f) for %r", fig, top, rival, phrase)
        agreed = words_pick is not None and (words_pick.sentence, words_pick.figure) == (e.sentence, fig)
        # two stages of one list ("调处…1576件，调解成功1551件") are one thing's counts: the
        # list answers, each stage by its verb (``_numeric``), rather than a guess between them
        staged = re_.sentence == e.sentence and {fig, rfig} <= {f for _, f in _stages(e.sentence, fig)}
        # within the one sentence the words found, meaning only orders its figures: the closest
        # answers ("…行政复议申请里，最后被撤掉的有几件" -> 撤销5件 of "其中维持24件、撤销5件")
        if top - rival < self.meaning_margin and not agreed and not staged and focus is None:
            return None
        return replace(e, figure=fig, mismatch=False, score=e.score + 1.0)

    def _numeric(self, a: QueryAnalysis, ev: list[Evidence]) -> Draft:
        best = ev[0]
        parts = _counted_together(_sub_questions(a) or metric_parts(a), ev)
        a = parts[0] if len(parts) == 1 else a  # "多少名律师和法学专家": one group, one figure
        span = _from_to(a.question, best.sentence)
        # both ends of a change asked in two clauses ("现在要多久？以前要多久？") are one span
        if len(parts) >= 2 and not span:
            return self._parts(a, parts, ev)
        # one end of a change is said with the other: "办理时限由20个工作日缩短为3个工作日"
        span = span or _change_span(best.sentence, figure_pos(best.sentence, best.figure or ""))
        other = self._disagreeing(a, ev)
        if other is not None:
            return _disagreement(a, best, other)
        d = Draft("", True)
        quote = _trim(best.sentence, best.figure or "")
        n = d.cite(best.chunk, quote)
        if span:  # "从多少项精简到了多少项": both ends, as the report words them
            d.text = f"{_lead(best.chunk)}，{_where(best)}{span}：“{quote}”[{n}]"
            return d
        stages = _stages(best.sentence, best.figure or "")
        asking = asked_phrase(a)  # "清理…文件后，还能接着用的…": the asking clause names the stage
        standing = bool(_STOCK_ASKED.search(a.question)) and _stock_clause(best.sentence, figure_pos(
            best.sentence, best.figure or ""))  # "到年底还有多少": the standing count alone
        if len(stages) >= 2 and stages[-1][1] in quote and not _names_stage(asking, stages) and not standing:
            said = "，".join(f"{w}{stated(best.sentence, f)}" for w, f in stages)
            d.text = f"{_lead(best.chunk)}，{_where(best)}{said}：“{quote}”[{n}]"
            return d
        named = _named_stage(asking, stages) if len(stages) >= 2 else None
        if named and named != best.figure:  # "经调解说和了的" -> 调解成功, after what it counts
            said = "，".join(f"{w}{stated(best.sentence, f)}"
                             for w, f in stages[:1] + [x for x in stages[1:] if x[1] == named])
            d.text = f"{_lead(best.chunk)}，{_where(best)}{said}：“{quote}”[{n}]"
            return d
        now, change = _change_said(best.sentence, best.figure or "") if a.wants_change else ("", "")
        said = f"{_subject(a, replace(best, figure=now))}为{change}" if now else \
            f"{_where(best)}{change}" if change else (_figure_with_noun(a, best) or \
            f"{_subject(a, best)}为{stated(best.sentence, best.figure or '')}") + (
            _share_after(best) or _rate_and_count(best))
        d.text = f"{_lead(best.chunk)}，{said}：“{quote}”[{n}]"
        return d

    def _parts(self, a: QueryAnalysis, parts: list[QueryAnalysis], ev: list[Evidence],
               found: list[Evidence | None] | None = None) -> Draft:
        """"受理了多少件，审结多少件？": each part's figure, from the best sentence or, failing
        that, the best other sentence of the same report; a part no sentence gives is named as
        absent. Each figure with its own noun: "受理为59件，审结为56件". ``found``: the parts'
        figures, already known (``_level_by_meaning``)."""
        best, d, said = ev[0], Draft("", True), []
        found = found if found is not None else self._parts_found(a, parts, ev)
        absent = []  # said after the figures, so the place and year lead the answer
        for k, (sub, part) in enumerate(zip(parts, found)):
            if part is None:
                absent.append(f"报告未给出{sub.metrics[0] if sub.metrics else '该项'}的数字")
                continue
            if any(p is not None and (p.sentence, p.figure) == (part.sentence, part.figure) for p in found[:k]):
                continue  # "广场和长廊各1处": said once for both
            n = d.cite(part.chunk, part.sentence)
            prefix = _where(part) if not said else ""
            said.append(f"{prefix}{_short_subject(sub, part)}"
                            f"{_share_after(part, found) or _rate_and_count(part, found)}[{n}]")
        if not d.citations:
            return Draft(not_found_text(), False)
        if len(d.citations) == 1:  # one sentence holds every part: cite it once, after the quote
            said = [p.replace("[1]", "") for p in said]
        said += absent
        quotes = "".join(f"“{q}”[{i + 1}]" for i, q in enumerate(d.quotes))
        d.text = f"{_lead(best.chunk)}，{'，'.join(said)}：{quotes}"
        return d

    def _parts_found(self, a: QueryAnalysis, parts: list[QueryAnalysis],
                     ev: list[Evidence]) -> list[Evidence | None]:
        """Each part's figure (``_parts``), None for a part no sentence gives."""
        best = ev[0]
        used: set[tuple[str, str]] = set()
        found: list[Evidence | None] = []
        weak: list[bool] = []
        for sub in parts:
            # parts joined in one clause ("受理、审结各多少件") are told apart by their own metric
            joined = sum(p.effective_question == sub.effective_question for p in parts) > 1
            part, unsure = self._part_figure(a, sub, ev, used, joined)
            found.append(part)
            weak.append(unsure)
            if part is not None:
                used.add((part.sentence, part.figure))
        # a part the words found only weakly stands when a surely found part shares its
        # sentence: a report states one matter's figures together ("承办…4318件，受援群众4702人")
        for i, part in enumerate(found):
            if weak[i] and part is not None and not any(
                    not weak[j] and f is not None and f.sentence == part.sentence
                    for j, f in enumerate(found) if j != i):
                used.discard((part.sentence, part.figure))
                found[i] = None
        found = self._level_with_its_change(parts, found)
        found = self._count_of_its_share(parts, found)
        for i, sub in enumerate(parts):  # the parts named took theirs: one left is the other's
            if found[i] is None and any(x == best.sentence for x, _ in used):
                left = _only_figure_in_unit(sub, best, used, listed=True)
                # a list asked and a list stated keep one order ("国家级、自治区级…各有几个" of
                # "全国…2个、自治区级…11个"): a part between the others' figures in the wrong
                # order shows the others' picks are in doubt, and nothing is said for it
                at = figure_pos(best.sentence, left.figure) if left else -1
                if left and all((i < j) == (at < figure_pos(best.sentence, f.figure))
                                for j, f in enumerate(found) if f is not None and f.sentence == best.sentence):
                    found[i] = left
                    used.add((left.sentence, left.figure))
        return found

    def _level_with_its_change(self, parts: list[QueryAnalysis],
                               found: list[Evidence | None]) -> list[Evidence | None]:
        """A change asked with a level ("检查了多少回？和前一年比少了多少？") is that level's
        change, and a report says both in one sentence ("全年涉企检查1927户次，较2022年的2654户次
        下降27.4%"): when the change was found in another sentence than the level (or the level
        in none), the level is taken from the change's sentence if the part's words name a figure
        there about as well."""
        changes = [i for i, p in enumerate(parts) if p.wants_change]
        levels = [i for i, p in enumerate(parts) if not p.wants_change]
        if len(changes) != 1 or len(levels) != 1:
            return found
        change, level = found[changes[0]], found[levels[0]]
        if change is None or (level is not None and change.sentence == level.sentence):
            return found
        sub = parts[levels[0]]
        terms = self._terms(sub)
        here = sum(w for t, w in terms.items() if t in change.sentence)
        there = sum(w for t, w in terms.items() if t in level.sentence) if level is not None else 0.0
        fig, _, _ = self._pick_figure(sub, change.sentence, _numbers(change.figure or ""), terms,
                                      sum(terms.values()) or 1.0, asked_action(sub, terms))
        if not fig and here > there:
            # the level the change is of, however the asker counts it ("有多少人…申请了复议？比前一
            # 年多了多少？" of "收到行政复议申请63件，较2020年的44件增长43.2%"): the part's words
            # are the change's sentence's, not the other sentence's (参考1863人)
            fig = _changed_level(change.sentence, change.figure or "")
        if not fig or not here or _is_change(change.sentence, fig) or here < 0.5 * there:
            return found
        return [replace(change, figure=fig) if i == levels[0] else f for i, f in enumerate(found)]

    def _count_of_its_share(self, parts: list[QueryAnalysis],
                            found: list[Evidence | None]) -> list[Evidence | None]:
        """A share asked after a count and naming nothing itself ("有多少件被…纠正过来？占比多
        少？") is that count's share; a report states a rate right after its own count ("纠错21件，
        纠错率12.9%"), so when the count part's figure is not named by its words (the asker's:
        "做错了给纠正过来") the rate's own count is the part's."""
        shares = [i for i, p in enumerate(parts) if p.wants_rate and not _own_ask_words(p)]
        counts = [i for i, p in enumerate(parts) if not p.wants_rate and not p.wants_change]
        if len(shares) != 1 or len(counts) != 1 or found[shares[0]] is None or found[counts[0]] is None:
            return found
        share, count, sub = found[shares[0]], found[counts[0]], parts[counts[0]]
        terms = self._terms(sub)
        own_words = _own_words(count.sentence, count.figure)  # 政府 of 区政府 names nothing in particular
        if share.sentence != count.sentence or self._names_specifically(terms, own_words):
            return found
        own = [f for _, f in find_figures(_rate_and_count_of(share))]
        if not own or own[-1] == count.figure or not same_unit(_unit_of(own[-1]), sub.asked_unit or ""):
            return found
        return [replace(share, figure=own[-1]) if i == counts[0] else f for i, f in enumerate(found)]

    def _part_figure(self, a: QueryAnalysis, sub: QueryAnalysis, ev: list[Evidence],
                     used: set[tuple[str, str]], joined: bool = False) -> tuple[Evidence | None, bool]:
        """One part's figure: from the best sentence or the best other sentence of its report
        that names the part, never one an earlier part took; and whether it is only weakly
        named (the part in the asker's words, the sentence sharing only common words with it,
        and meaning no help: ``_part_by_meaning``)."""
        best = ev[0]
        own = sub.effective_question != a.effective_question and not joined
        terms = self._terms(sub) if own else \
            {t: self.weights.get(t, self.unseen_weight) for t in tokenize(sub.metrics[0]) if len(t) >= 2}
        # a joined part is its own action: "维持、撤销、终止的分别是多少件" -> 维持, 撤销, 终止
        last = words(sub.metrics[0])[-1:] if not own and sub.metrics else []
        action = asked_action(sub, terms) if own else \
            (last[0] if last and is_predicate(last[0]) else None)
        home = next((e for e in ev if any(e.sentence == x for x, _ in used)), best)  # an earlier part's
        if own and (other := _same_things_other_measure(sub, home, used)) is not None:
            return other, False
        # a sentence that opens with another year ("2020年，直接纠错84件") is not the part's
        years = sub.years or a.years
        aims = bool(_ASKS_TARGET.search(a.effective_question))  # a plan's figures are aims, not results
        others = [e for e in ev[1:] if e.chunk.doc_id == best.chunk.doc_id and not e.hard
                  and (aims or not _in_plan(e.chunk, a))]
        # a name the question quotes ("办不成") fixes the thing every part is about: its sentence
        # answers the parts in the asker's words ("收到多少件" of "受理反映事项286件"), and no
        # other sentence that merely shares a verb does
        quoted = [n for n in quoted_names(a.effective_question) if n in best.sentence]
        if quoted:
            others = [e for e in others if any(n in e.chunk.text for n in quoted)]
        if own:  # after the best, the sentences the part's own words fit best: each part is judged
            others.sort(key=lambda e: -sum(w for t, w in terms.items() if t in e.sentence))  # by its own
        else:  # things joined in one ask ("受理和审结各多少件") are one matter's, stated together:
            # in a sentence an earlier part used, or in the ；-clause that goes on from it ("收到
            # 行政复议申请417件…；受理389件，审结372件"), before any other ("受理政府信息公开申请342件")
            others.sort(key=lambda e: (all(e.sentence != x for x, _ in used),
                                       not (used and e.chunk.id == home.chunk.id and home.sentence in
                                            _clauses_before(e.chunk.text, e.sentence))))
        cands = [best] + others
        counted = self._head_words(sub, sub.head or "") if own and not sub.wants_change else {}
        full = [e for e in others if all(_holds(e.sentence, t) for t in counted)] if counted else []
        if full and not all(_holds(best.sentence, t) for t in counted):
            # the best sentence of the whole question is no part's by right: the parts' words
            # together may find one that names this part in part ("申请行政复议的有多少件？比上
            # 一年增长了多少？" -> "受理依申请公开412件", 申请 alone); a sentence with every word
            # of the part's counted thing comes first ("收到行政复议申请623件")
            cands = full[:1] + [best] + [e for e in others if e is not full[0]]
        elif sub.wants_change and home is not best:
            # a change asked after a level is that level's: its sentence first
            cands = [home] + [e for e in cands if e is not home]
        for e in (x for x in cands if not _opens_with_other_year(x.sentence, years)):
            # by earlier parts; a figure said of each ("广场和长廊各1处") is every part's
            mine = {(x, f) for x, f in used if x == e.sentence and not _of_each(x, f)}
            # the figures taken, whole: "学法6次" taken leaves "法律顾问6人" to the next part
            taken = [f for _, f in mine]
            fig, _, _ = self._pick_figure(sub, e.sentence, taken, terms, sum(terms.values()) or 1.0, action)
            # a change asked of the part before ("比上一年增长了多少") is answered by a change
            # ("同比增长13.2%"), never by a level or a rate the sentence states (出庭应诉率100%);
            # one that names its own thing ("减少了多少次入企检查") is a count of it
            if fig and (e.sentence, fig) not in mine and _names_outcomes(sub, e.sentence, fig) and (
                    (_is_change(e.sentence, fig) or list(sub.metrics) != ["比上年增减"]) if sub.wants_change else (
                    (self._names_part(terms, e.sentence, fig) or bool(quoted) and e is best)
                    and (not own or self._report_counts(sub, terms, self._doc_text(e.chunk))))):
                if own and self._head_unnamed(sub) and not self._names_specifically(terms, e.sentence) \
                        and not _rank_asked(sub.question, fig):
                    meant = self._part_by_meaning(a, sub, ev, used)
                    return (meant, False) if meant is not None else (replace(e, figure=fig), True)
                return replace(e, figure=fig), False
        return _only_figure_in_unit(sub, best, used), False

    def _names_specifically(self, terms: dict[str, float], sentence: str) -> bool:
        """Does ``sentence`` hold a word of ``terms`` that the reports use, but not everywhere
        (被告, 出庭; not 政府, which names a figure of any kind)?"""
        return any(t in sentence for t in terms if self.shares.get(t, 0.0) < self.SPECIFIC_SHARE)

    def _part_by_meaning(self, a: QueryAnalysis, sub: QueryAnalysis, ev: list[Evidence],
                         used: set[tuple[str, str]]) -> Evidence | None:
        """A part whose counted thing is in the asker's words ("政府当被告的官司有多少起") and
        whose found sentence shares only common words with it: meaning picks among the report's
        figures (``by_meaning``); None when it cannot tell."""
        doc = ev[0].chunk.doc_id
        meant = self.by_meaning(replace(sub, regions=sub.regions or a.regions, years=sub.years or a.years),
                                [e for e in ev if e.chunk.doc_id == doc])
        return meant if meant is not None and (meant.sentence, meant.figure) not in used else None

    def _names_part(self, terms: dict[str, float], sentence: str, fig: str) -> bool:
        """The part's own words appear in the sentence (so its figure is not another part's); a
        rank asked ("在全省排第几") is named by the rank itself ("排第1")."""
        return not terms or any(t in sentence for t in terms) or ("第几" in terms and _rank_asked("第几", fig))

    def _disagreeing(self, a: QueryAnalysis, ev: list[Evidence]) -> Evidence | None:
        """Another report (an upload, say) for the same place and year that states a different
        figure for the same thing, nearly as well matched as the best sentence."""
        best = ev[0]
        for e in ev[1:]:
            if e.score < 0.8 * best.score:
                return None
            if (e.chunk.doc_id != best.chunk.doc_id and not e.mismatch and e.figure
                    and e.region == best.region and e.year == best.year
                    and _numbers(e.figure) != _numbers(best.figure or "")
                    and _unit_of(e.figure) == _unit_of(best.figure or "")):
                return e
        return None

    def _descriptive(self, a: QueryAnalysis, ev: list[Evidence], chunks: Sequence[Chunk]) -> Draft:
        """"X区是如何推进…的？": the section whose heading (or text) best matches the question,
        quoted by its 2–4 most informative sentences in report order, one citation per passage.
        Reports answer a how-question under a heading that names the measure ("（三）推进诉源
        治理"), so the heading decides which sentences belong together."""
        terms = self._terms(a)
        doc_id = ev[0].chunk.doc_id if ev else chunks[0].doc_id
        blocks = [b for c in chunks if c.doc_id == doc_id for b in _blocks(c) + _section_block(c)]
        plans = [b for b in blocks if PLAN_HEADING.search(b.heading) and b.sentences]
        limit = self.max_sentences
        # the report's other sections: the one a question names may not be among the passages
        # retrieved (a short section of shortcomings, a heading in other words than its text)
        whole = [b for c in self.doc_chunks(doc_id) for b in _blocks(c) + _section_block(c)] \
            if self.doc_chunks else []
        problems = [b for b in blocks if PROBLEM_HEADING.search(b.heading) and b.sentences] or \
            [b for b in whole if PROBLEM_HEADING.search(b.heading) and b.sentences]
        if PLAN_QUESTION.search(a.question) and plans:
            blocks = plans  # "明年有什么打算": the report's closing plan section answers it
            limit = 8       # a plan is a list ("一是…五是"): every item of it
        elif PROBLEM_QUESTION.search(a.question) and problems:
            blocks = problems  # "存在哪些不足": the section of shortcomings, however it is worded
        if not blocks:
            return Draft(not_found_text(), False, closest=list(chunks[:3]))
        best = max(blocks, key=lambda b: (self._block_score(terms, b), -b.order))
        if self._block_score(terms, best) <= 0 and ev:
            best = next((b for b in blocks if ev[0].sentence in b.sentences), best)
        named = max(whole, key=lambda b: (_heading_cover(terms, b), self._block_score(terms, b), -b.order),
                    default=None) if blocks is not plans and blocks is not problems else None
        if named is not None and named.sentences and \
                _heading_cover(terms, named) >= max(self.min_head_coverage, _heading_cover(terms, best) + 1e-9):
            best = named  # the heading that names what is asked answers it, retrieved or not
        names = quoted_names(a.question)
        intro = next((b for b in blocks + whole if any(_introduces(x, n) for x in b.sentences for n in names)),
                     None) if names and blocks is not plans and blocks is not problems else None
        best = intro or best  # a named measure is answered where the report says what it is
        picked = _named_item(a, best, limit) or self._topic_paragraph(terms, best, limit) or \
            _informative(best.sentences, terms, limit)
        d = Draft("", True)
        n = d.cite(best.chunk, QUOTE_SEP.join(picked))
        where = _where(Evidence(best.chunk, picked[0], region=best.chunk.meta.get("region", "")))
        topic = _HEADING_NUMBER.sub("", best.heading).rstrip("。.：:")
        body = "".join(f"“{q}”" for q in picked)
        if PLAN_HEADING.search(topic):  # "2021年工作打算": the plan, as the report words it
            d.text = f"{_lead(best.chunk)}，{topic}：{body}[{n}]"
            return d
        if blocks is problems:  # shortcomings are no 主要做法: named as the report names them
            d.text = f"{_lead(best.chunk)}，{where}{topic}：{body}[{n}]"
            return d
        # a numbered line that states results in clauses ("1.持续推进…建设，…提档升级，实现“一个
        # 窗口对外”", "…评查案卷480卷") is an item of the list, not a heading naming its topic
        heading_like = topic.count("，") < 2 and not any(_unit_of(f) for _, f in find_figures(topic))
        named_topic = topic and heading_like and topic not in best.chunk.meta.get("title", "")
        topic = f"在“{topic}”方面" if named_topic else ""
        d.text = f"{_lead(best.chunk)}，{where}{topic}的主要做法：{body}[{n}]"
        return d

    def _plan(self, a: QueryAnalysis, chunks: Sequence[Chunk]) -> Draft | None:
        """"江南区2022年有什么工作打算？": the plan for 2022, which the report on 2021 sets out
        ("三、2022年工作打算"); a report on 2022 closes with the plan for 2023. Among the
        retrieved reports: the one whose plan names an asked year, else the one on the year
        before, else the first with a plan. None when no retrieved report has one."""
        plans = {}
        for c in chunks:
            if c.doc_id not in plans:
                plans[c.doc_id] = (c, *_plan_items(self.doc_chunks(c.doc_id), a.years))
        found = [(c, h, items) for c, h, items in plans.values() if items]
        if not found:
            return None

        def rank(entry: tuple[Chunk, str, list]) -> tuple[bool, bool]:
            c, heading, items = entry
            named = any(str(y) in unicodedata.normalize("NFKC", heading) for y in a.years)
            return named, c.meta.get("year") in {y - 1 for y in a.years}
        chunk, heading, items = max(found, key=rank)  # max keeps the first of equals
        items = self._plan_item_asked(a, items, f"{chunk.meta.get('title', '')} {heading}") or items
        d, body = Draft("", True), ""
        for cid in dict.fromkeys(c.id for c, _ in items[:8]):  # one citation per passage
            group = [(c, s) for c, s in items[:8] if c.id == cid]
            n = d.cite(group[0][0], QUOTE_SEP.join(s for _, s in group))
            body += "".join(f"“{s}”" for _, s in group) + f"[{n}]"
        topic = _HEADING_NUMBER.sub("", heading).rstrip("。.：:") or "工作打算"
        d.text = f"{_lead(chunk)}，{topic}：{body}"
        return d

    def _plan_item_asked(self, a: QueryAnalysis, items: list[tuple[Chunk, str]],
                         whole: str) -> list[tuple[Chunk, str]]:
        """"2024年打算怎样夯实基层基础？" asks one item of the plan: the one item whose lead names
        most of what is asked (half the question's weight, as ``_topic_paragraph``), with the
        sentences that carry it out when the lead is a short heading ("（四）夯实基层基础。加强
        司法所规范化建设…"). Words of the report's title or the plan's heading (``whole``:
        法治政府建设), or of the question's asking for a plan (要重点做好), name the whole plan,
        not an item. [] when no one item is named so."""
        plan_words = whole + "".join(m.group(0) for m in PLAN_QUESTION.finditer(a.question))  # 要重点做好
        terms = {t: w for t, w in self._terms(a).items() if not PLAN_QUESTION.search(t) and t not in plan_words}
        total = sum(terms.values())
        if not total or not items:
            return []
        cover = [sum(w for t, w in terms.items() if t in x) / total for _, x in items]
        i = max(range(len(items)), key=lambda k: (cover[k], -k))
        if cover[i] < 0.5 or cover.count(cover[i]) > 1:
            return []
        picked = [items[i]]
        for c, x in items[i + 1:i + 4] if _is_item_lead(items[i][1]) else []:
            if _is_item_lead(x):
                break
            picked.append((c, x))
        return picked

    def _topic_paragraph(self, terms: dict[str, float], block: "_Block", limit: int) -> list[str]:
        """When the section's heading does not name what is asked (a section "依法化解矛盾纠纷"
        asked how 枫桥经验 was practised), the paragraph that does is the answer: reports give
        one measure a paragraph, its sentence naming it first and the details after ("坚持
        “枫桥经验”，推进三级综治中心…；在农区设立农牧业纠纷调解室…"). [] when the heading
        names it or no paragraph does."""
        total = sum(terms.values()) or 1.0
        cover = [sum(w for t, w in terms.items() if t in s) / total for s in block.sentences]
        if not cover or sum(w for t, w in terms.items() if t in block.heading) / total >= 0.5 \
                or max(cover) < 0.5 or len(set(block.paragraphs)) < 2:
            return []
        para = block.paragraph(max(range(len(cover)), key=lambda i: (cover[i], -i)))
        return [] if len(para) < 2 else _informative(para, terms, limit)

    def _block_score(self, terms: dict[str, float], block: "_Block") -> float:
        total = sum(terms.values()) or 1.0
        body = sum(w for t, w in terms.items() if t in "".join(block.sentences)) / total
        return 1.0 * _heading_cover(terms, block) + 0.5 * body if block.sentences else 0.0

    def _summary(self, a: QueryAnalysis, chunk: Chunk) -> Draft:
        """"请总结一下X区2020年的主要工作": the report's first-level headings in order, each with
        its most informative sentence (with fewer than three, the parts of the largest one)."""
        doc_chunks = self.doc_chunks(chunk.doc_id)
        tops = _sections(doc_chunks, 0)
        groups = {h: [s for c in cs for b in _blocks(c) for s in ((c, x) for x in b.sentences)]
                  for h, cs in tops.items()}
        if len(groups) < 3 and tops:
            blocks = [b for c in max(tops.values(), key=len) for b in _blocks(c)]
            levels = [lv[0] for b in blocks if (lv := heading_of(b.heading)) and lv[0] >= 2]
            parts: dict[str, list[tuple[Chunk, str]]] = {}
            current = None
            for b in blocks:  # deeper headings ("1. …") belong to the part above them
                lv = heading_of(b.heading)
                if lv and levels and lv[0] == min(levels):
                    current = None if NOT_WORK_HEADING.search(b.heading) else b.heading
                if current:
                    parts.setdefault(current, []).extend((b.chunk, x) for x in b.sentences)
            groups = parts if len(parts) >= 2 else groups
        if len(groups) < 2:
            return self._descriptive(a, self.evidence(a, doc_chunks), doc_chunks)
        d = Draft("", True)
        terms = self._terms(a)
        lines = []
        for heading, sents in groups.items():
            if sents:
                c, s = max(sents, key=lambda cs_: _informativeness(cs_[1], terms))
                lines.append(f"{heading}：“{s}”[{d.cite(c, s)}]")
        title = chunk.meta.get("title", "")
        d.text = (f"《{title}》" if title else "该报告") + "的主要工作：\n" + "\n".join(lines)
        return d


@functools.lru_cache(maxsize=16384)  # question-independent: worked out once per passage sentence
def _figure_windows(sent: str, figs: tuple[tuple[int, str], ...]) -> tuple[str, ...]:
    """The words naming each of ``figs`` in ``sent`` (``_pick_figure``)."""
    windows, prev_end, prev_window, prev_kind = [], 0, "", ""
    nexts = [p for p, _ in figs[1:]] + [len(sent)]
    for (pos, fig), nxt in zip(figs, nexts):
        # the figure's own phrase starts after the previous figure or clause mark:
        # "在册304人" of "…对象2278人,解除矫正1974人,在册304人", "审查合同和协议379个"
        clause = max((m.end() for m in _CLAUSE.finditer(sent, 0, pos)), default=0)
        if "等" in sent[clause:pos]:  # a 、 list closed by 等 names one figure: "撤销、变更、确认违法等纠错27件"
            clause = min(clause, re.search(r"[^，,；;。：:\d]*$", sent[:pos]).start())
        # the items of a 、 list share the words before the first: "公布县级行政权力清单
        # 3126项、责任清单4870项" -> 4870项 counts 公布县级…责任清单 too
        listed = sent[prev_end:pos].startswith("、") and unit_kind(_unit_of(fig)) == prev_kind
        shared = prev_window if listed else ""
        start, prev_end = max(prev_end, clause, pos - 20), pos + len(fig)
        prev_kind = unit_kind(_unit_of(fig))
        # the words around a figure name it: "新收案件86件", "342名行政执法人员", "六大专项行动"
        # ...and runs on to the next clause mark or figure: "21个部门347项事项" -> 部门
        rest = re.split(r"[，,；;。：:、]", sent[pos + len(fig):])[0]
        after = _noun_of(rest[:min(16, nxt - pos - len(fig))])
        if len(rest) <= nxt - pos - len(fig) and unit_kind(_unit_of(fig)) == "person":
            # ...and, with no figure of its own, the predicate says what the people counted did:
            # "全县6000余名领导干部和政府工作人员参加宪法法律知识考试" counts those who took it
            after = rest[:24]
        window = shared + sent[start:pos] + " " + after  # naming words lie after the previous figure
        # a title names a document, not what is counted: "《…行政复议…办法》等20余项制度"
        windows.append(_TITLE.sub(" ", window))
        prev_window = shared + sent[start:pos]
    return tuple(windows)


_COUNTED = re.compile(r"(?:多少|几)(?:" + "|".join(UNIT_WORDS) + r")([\u4e00-\u9fff]{2,})")


@functools.lru_cache(maxsize=4096)  # once per question, not once per candidate sentence
def counted_noun(question: str) -> str:
    """The first word of the noun right after "多少+measure word" ("有多少个行政执法单位通过…"
    -> 行政执法), or "": a Chinese count puts what it counts right after its measure word, in
    the question as in the report ("31个行政执法单位")."""
    m = _COUNTED.search(question)
    first = words(m.group(1))[0] if m else ""
    return first if len(first) >= 2 and token_tag(first)[:1] in ("n", "v", "b", "a") else ""


@functools.lru_cache(maxsize=32768)  # asked of each figure of each candidate sentence
def _noun_of(after: str) -> str:
    """The noun a figure counts, from the words after it: up to an adverb or conjunction.
    "468个村（居）调委会共调处矛盾纠纷3960件": 468个 counts 村（居）调委会; 共调处矛盾纠纷 names the
    next figure, 3960件. (A verb does not end it: 执法 of 行政执法部门 is inside the noun.)"""
    out = []
    for w in words(after):
        if token_tag(w)[:1] in ("d", "c", "p") or w in "、，,；;":  # 共, 和, 通过: the next phrase
            break
        out.append(w)
    return "".join(out)


@functools.lru_cache(maxsize=32768)
def _just_before(sent: str, pos: int) -> str:
    """The words right before the figure at ``pos`` (linking words dropped)."""
    return _LINK.sub("", sent[max(0, pos - 24):pos])


_SENT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*[—\-–~至到]|\d)")


def _names_head(head: dict[str, float], own: str, sentence: str, report_lacks: set[str],
                specific: set[str], pairs: Sequence[tuple[str, str]] = ()) -> bool:
    """Do a figure's own words name what is asked? They hold the head's most specific word
    (复议 of 行政复议案件). When the sentence has that word elsewhere, the figure is another
    one ("办结行政执法案件1988宗,…,行政复议率0%"); when the report never uses that word though
    reports commonly do (``report_lacks``: 公证 in a report without 公证), and when the figure
    holds only the noun the lacking one narrows (``pairs``: 公证, 机构 of 公证机构);
    otherwise (a paraphrase in the asker's words) one of the head's specific words will do:
    one in fewer than about one passage in seven (``specific``: 公证, 持证, not 行政 or 案件,
    which nearly every passage has). An abbreviation counts as the word (律所 for 律师事务所), and a
    verb of the same outcome stands for a verb the report lacks (讨回 for 追回: ``_same_outcome``)."""
    if any(t in report_lacks and _holds(own, u) for t, u in pairs):
        return False  # 公证机构 asked of a report without 公证: not "法律援助机构…办理…5128件"
    top = max(head, key=head.get)
    if _holds(own, top):
        return True
    return not _holds(sentence, top) and (top not in report_lacks or _same_outcome(top, own)) and \
        any(_holds(own, t) for t in head if t in specific)


_OUTCOME = re.compile(r"[\u4e00-\u9fff]([回结])")


def _same_outcome(verb: str, text: str) -> bool:
    """Does ``text`` hold a verb of the same outcome as ``verb``? A Chinese verb of result names
    how with its first character and the outcome with its second, the result complement: 回
    (got back: 追回, 讨回, 要回 欠薪), 结 (concluded: 办结, 审结 案件). Reports of different places
    pick different first characters for one outcome ("讨回欠薪926万元" where another says 追回)."""
    m = _OUTCOME.fullmatch(verb)
    return m is not None and re.search(rf"[\u4e00-\u9fff]{m.group(1)}", text) is not None


def _noun_head(a: QueryAnalysis) -> str:
    """The last word of the asked noun phrase (``a.head``), its head: 申请 of 政府信息公开申请,
    协议 of 合同协议 (a word that is a verb elsewhere, 申请, heads a noun phrase as a noun); ""
    when the head is a single character or the question names no noun."""
    last = words(a.head)[-1:] if a.head else []
    return last[0] if last and len(last[0]) >= 2 else ""


def _outcome_of_asked(verb: str, terms: dict[str, float], clause: str) -> bool:
    """The clause gets the asked outcome (``_same_outcome``) of a thing the question names:
    an outcome is of its object, and one sentence often gets it for two ("为受援人挽回经济损失
    518万元，其中为农民工追讨欠薪163万元"): "为农民工要回了多少工钱" is not answered by the 挽回
    of 受援人's 经济损失, which shares only the complement 回 with it."""
    return _same_outcome(verb, clause) and any(t in clause for t in terms if t != verb)


@functools.lru_cache(maxsize=65536)  # the same figure phrases are checked question after question
def _holds(text: str, word: str) -> bool:
    """``word`` or its abbreviation is in ``text``, or ``word`` abbreviates a longer form in
    ``text``. Chinese abbreviations keep the first character and a later, not adjacent one:
    律师事务所 -> 律所, 法律援助 -> 法援 (律师, a word of its own at the start of 律师事务所, is not
    its abbreviation); or drop the characters after the first: 州人民政府 -> 州政府."""
    if word in text:
        return True
    if len(word) < 3:
        return False
    return any(word[0] + c in text for c in word[2:]) or \
        re.search(re.escape(word[0]) + r"[\u4e00-\u9fff]{1,3}" + re.escape(word[1:]), text) is not None


def _noun_after(sentence: str, fig: str) -> str:
    """The words right after a figure, to the next clause mark or figure ("42家律所、…" -> 律所)."""
    return _own_words(sentence, fig).rsplit(" ", 1)[-1].strip()


def _own_words(sentence: str, fig: str | None) -> str:
    """The words that name a figure: from the previous figure (or the sentence start) to it,
    and after it up to the next clause mark or figure ("明确了24项重大举措"). "…办结行政执法
    案件1988宗,被诉率仅0.1%,行政复议率0%" -> 1988宗 is named by 行政执法案件, not 行政复议."""
    pos = figure_pos(sentence, fig or "")
    if pos < 0:
        return sentence
    return _own_phrase(sentence, tuple(find_figures(sentence)), pos, fig or "")


@functools.lru_cache(maxsize=32768)
def _own_phrase(sentence: str, figs: tuple[tuple[int, str], ...], pos: int, fig: str) -> str:
    """``_own_words`` of the figure ``fig`` at ``pos`` among ``figs``."""
    end = pos + len(fig)
    after = min((p for p, _ in figs if p >= end), default=len(sentence))
    tail = re.split(r"[，,；;。：:]", sentence[end:after])[0]  # 、 joins one figure's predicates
    return _words_before(sentence, list(figs), pos, _unit_of(fig)) + " " + tail


def _words_before(sentence: str, figs: list[tuple[int, str]], pos: int, unit: str) -> str:
    """The words from the previous figure to the one at ``pos``. A list of clauses counting one
    thing names it once, each later clause only by its verb: in "收到行政复议申请2317件，受理1986件，
    审结1902件" 1986件 counts 行政复议申请 too. So a clause of a bare verb (at most four
    characters with a verb: 受理, 依法受理, 调解成功) also has the previous same-kind figure's words."""
    prev = [(p, f) for p, f in figs if p + len(f) <= pos]
    before = prev[-1][0] + len(prev[-1][1]) if prev else 0
    if _CHANGE_BEFORE.search(sentence[max(0, pos - 6):pos]):
        return sentence[:pos]  # "受理法律援助案件1024件，同比增长8.5%": a change belongs to what came before
    own = sentence[before:pos]
    # "其中…" counts a part of what came before: "新收行政复议案件1642件，…，其中在受理前通过
    # 调解化解213件" -> 213件 are 行政复议案件 too
    if own.lstrip("，,、；; ").startswith("其中"):  # …its last same-kind figure, past a rate
        same = [(p, f) for p, f in prev if unit_kind(unit) and unit_kind(_unit_of(f)) == unit_kind(unit)]
        return _words_before(sentence, same, same[-1][0], unit) + own if same else own
    if prev and verb_only(own) and unit_kind(unit) and unit_kind(_unit_of(prev[-1][1])) == unit_kind(unit):
        return _words_before(sentence, prev, prev[-1][0], unit) + own
    if prev and _TO.fullmatch(own.strip()) and _FROM_TO.search(sentence[max(0, prev[-1][0] - 6):prev[-1][0]]):
        # "由374个精简为24个": the later end of a change is named by the words before the first
        return _words_before(sentence, prev, prev[-1][0], unit) + own
    return own


def _stages(sentence: str, fig: str) -> list[tuple[str, str]]:
    """The list of one thing's counts that ``fig`` belongs to, each with its words: "收到行政复议
    申请312件，受理287件，审结265件" -> [(收到行政复议申请, 312件), (受理, 287件), (审结, 265件)].
    Reports count one thing at each stage it passes (received, accepted, closed); a question
    that names the thing but no stage ("行政复议案件有多少") is answered with every stage, each
    by its own verb, rather than one stage chosen for the asker. [] when ``fig`` is in no list."""
    figs = find_figures(sentence)
    at = next((i for i, (p, f) in enumerate(figs) if f == fig and p == figure_pos(sentence, fig)), None)
    if at is None:
        return []

    def member(i: int) -> bool:  # a later clause of the list: a bare verb, the same kind of count
        (p0, f0), (p1, f1) = figs[i - 1], figs[i]
        kind = unit_kind(_unit_of(f1))
        words_ = sentence[p0 + len(f0):p1]  # "其中…" opens a breakdown of a stage, not a stage
        return bool(kind) and kind == unit_kind(_unit_of(f0)) and verb_only(words_) and "其中" not in words_

    first = at
    while first > 0 and member(first):
        first -= 1
    last = at
    while last + 1 < len(figs) and member(last + 1):
        last += 1
    if last == first:
        return []
    parts = words(phrase_before(sentence, figs[first][0]))  # from its verb: not "县政府受理…"
    verb = next((i for i, w in enumerate(parts) if is_verb(w)), 0)
    head = "".join(parts[verb:])
    if not head or verb_only(head):
        return []
    return [(head, figs[first][1])] + [
        (re.sub(r"^[，,；;、\s]+|(?:达到|达|为|共计|共|累计|了)$", "", sentence[p0 + len(f0):p1]), f1)
        for (p0, f0), (p1, f1) in zip(figs[first:last], figs[first + 1:last + 1])]


# both ends asked: "从多少项精简到了多少项", "精简前后各有多少个", "现在要多久？以前要多久？"
_ASKS_FROM_TO = re.compile(r"[从由](?:原来的?)?(?:多少|几)[^，,？?]*?(?:到|为|至)了?(?:多少|几)"
                           r"|(?:前后|之前和之后)各?(?:有|是|为)?(?:多少|几|多久)"
                           r"|(?:以前|原来|过去)[^？?]{0,16}?(?:多少|几|多久)[^。]*?(?:现在|如今|目前)"
                           r"|(?:现在|如今|目前)[^？?]{0,16}?(?:多少|几|多久)[^。]*?(?:以前|原来|过去)")
_FROM_TO = re.compile(r"[从由](?:(?:19|20)\d{2}年(?:底|末)?|原来|上年|去年|以前|改革前)?的?\s*$")
_TO = re.compile(r"(?:精简|压缩|减少|缩短|提高|提升|增加|下降|降低|减)?(?:为|至|到)了?\s*$")


def _from_to(question: str, sentence: str) -> str:
    """"县级行政审批事项从多少项精简到了多少项？" asks for both ends of a change, which reports
    write "由原来的412项精简为268项" / "从30天压缩至5天": the change as written ("" otherwise)."""
    return _change_span(sentence) if _ASKS_FROM_TO.search(question) else ""


@functools.lru_cache(maxsize=16384)  # asked of each figure of a sentence, question after question
def _change_ends(sentence: str) -> tuple[tuple[int, int, int, str], ...]:
    """The changes "由X压缩至Y" a sentence states: (where "由" starts, X's position, Y's
    position, Y) each."""
    figs = find_figures(sentence)
    out = []
    for (p0, f0), (p1, f1) in zip(figs, figs[1:]):
        start = _FROM_TO.search(sentence[max(0, p0 - 10):p0])
        if start and _TO.search(sentence[p0 + len(f0):p1]):
            out.append((p0 - len(start.group(0)), p0, p1, f1))
    return tuple(out)


def _change_span(sentence: str, pos: int | None = None) -> str:
    """The first change of ``sentence`` (the one with an end at ``pos``), as the report words
    it: "办理时限由15个工作日压缩至3个工作日"; "" when there is none."""
    for start, p0, p1, f1 in _change_ends(sentence):
        if pos is None or pos in (p0, p1):
            return f"{phrase_before(sentence, start)}{sentence[start:p1 + len(f1)]}"
    return ""


# the time a question asks about, when a report states a change from one level to another
_ASKS_NOW = re.compile(r"现在|如今|目前|眼下|现行")
_ASKS_BEFORE = re.compile(r"以前|原来|过去|之前|改革前")


def _change_end(question: str, sentence: str, pos: int) -> int:
    """Which end of a change "由X压缩至Y" the figure at ``pos`` is, as the question asks it:
    1 the end asked (Y for "现在一般几天能办下来", X for "以前要多久"), -1 the other end, 0 when
    the figure is no end of a change or the question names no time. A report states the
    present as the level a change reached: "办理时限由15个工作日压缩至3个工作日"."""
    now, before = bool(_ASKS_NOW.search(question)), bool(_ASKS_BEFORE.search(question))
    if now == before:
        return 0
    for _start, p0, p1, _f1 in _change_ends(sentence):
        if pos in (p0, p1):
            return 1 if (pos == p1) == now else -1
    return 0


def _changed_level(sentence: str, change: str) -> str | None:
    """The figure a change is of: the last one before it that is neither a base it is counted
    from ("较2020年的44件") nor another change: 63件 of "收到申请63件，较2020年的44件增长43.2%"."""
    pos = figure_pos(sentence, change)
    before = [(p, f) for p, f in find_figures(sentence) if p < pos]
    for p, f in reversed(before):
        if not _is_base(sentence, p) and not _is_change(sentence, f) and _unit_of(f) not in PERCENT_UNITS:
            return f
    return None


# "多少个调解员", "几个懂法的带头人": the noun counted after 个 names people
_PEOPLE_COUNTED = re.compile(r"(?:多少|几)个[^，,；;？?。！!]*?[人员](?=[？?。，,；;！!]|$)")

# a rate that is itself a change: 增长率, 增幅, 下降了百分之几
_CHANGE_WORD = re.compile(r"增长|增幅|增加|下降|降幅|减少|上升|提高|提升|降低|变化|比上年|同比")


def _is_change(sentence: str, fig: str) -> bool:
    """``fig`` states a change against another year: "同比增长27.7%", "较上年减少12件"."""
    pos = figure_pos(sentence, fig)
    # a sign may stand between: "调解纠纷同比-4.5%"
    return pos >= 0 and bool(_CHANGE_BEFORE.search(sentence[max(0, pos - 7):pos].rstrip("+-－−")))


_SHARE_AFTER = re.compile(r"[，,]?\s*(占[^，,；;。]{0,16}?\d+(?:\.\d+)?[%％])")


_RATE_LINK = r"(?:达到?|为|是|提高到|保持在)?\s*"  # between a rate's name and its figure
_RATE_CLAUSE = re.compile(r"[，,]\s*([^，,；;。]{0,12}?)率" + _RATE_LINK + r"\d+(?:\.\d+)?[%％]")
_RATE_BEFORE = re.compile(r"[，,]\s*([^，,；;。]{0,12}?)率" + _RATE_LINK + "$")
_COUNT_CLAUSE = re.compile(r"(?:^|[，,；;：:])\s*(?:其中)?([^，,；;：:。]{1,24}?\d+(?:\.\d+)?(?:万|亿)?[件宗起人名次项个])$")


def _rate_and_count(e: Evidence, found: Sequence[Evidence | None] = ()) -> str:
    """A count and the rate of the same action stand side by side in these reports, the rate
    right after its count: "调解纠纷2.42万件，调解成功率98.6%", "其中…纠错7件，纠错率14.3%",
    "败诉9件，败诉率4.8%". Either is said with the other: the count's rate after it, the rate's
    count in brackets. The two belong together only when the rate's head repeats a word of the
    count's own phrase (调解 … 调解成功率); "受理59件，纠错率11%" are two different things.
    "" when another part of the question took the other figure."""
    said = _rate_and_count_of(e)
    if any(f is not None and f is not e and f.figure and f.figure in said for f in found):
        return ""
    return said


def _rate_and_count_of(e: Evidence) -> str:
    fig = e.figure or ""
    pos = figure_pos(e.sentence, fig) if fig else -1
    if pos < 0:
        return ""
    if _unit_of(fig) in PERCENT_UNITS:
        rate = _RATE_BEFORE.search(e.sentence[:pos])
        count = _COUNT_CLAUSE.search(e.sentence[:rate.start()]) if rate else None
        if count and _same_action(rate.group(1), count.group(1)):
            return f"（{count.group(1).strip()}）"
        return ""
    rate = _RATE_CLAUSE.match(e.sentence, pos + len(fig))
    clause = _clause_before(e.sentence, pos)
    return f"，{rate.group(0).lstrip('，, ')}" if rate and _same_action(rate.group(1), clause) else ""


def _same_action(head: str, phrase: str) -> bool:
    """Does a rate's head (调解成功 of 调解成功率) repeat two characters of a count's phrase
    (人民调解组织调解纠纷)? Characters, not words: the tokenizer keeps 调解纠纷 whole."""
    pairs = {head[i:i + 2] for i in range(len(head) - 1)} - _FRAME_TOKENS
    return any(all(_CJK_CHAR.match(c) for c in p) and p in phrase for p in pairs)


def _share_after(e: Evidence, found: Sequence[Evidence | None] = ()) -> str:
    """The share a report states right after a figure, which says how much of the whole it is:
    "通过调解、和解方式结案58件，占审结案件的23.1%" -> "，占审结案件的23.1%"; "" when there is
    none, or when another part of the question took that rate."""
    pos = figure_pos(e.sentence, e.figure or "") if e.figure else -1
    m = _SHARE_AFTER.match(e.sentence, pos + len(e.figure or "")) if pos >= 0 else None
    if not m or any(f is not None and f.sentence == e.sentence and f.figure and f.figure in m.group(1)
                    for f in found):
        return ""
    return f"，{m.group(1)}"


def _change_said(sentence: str, fig: str) -> tuple[str, str]:
    """A change said as the report compares: the figure it changed to, and the clause from the
    base to the change ("比2020年多了多少？" -> "8915件", "8915件，较2020年的7632件增长16.8%"),
    since the change alone ("增长16.8%") hides what it is of. ("", "") when ``fig`` is no change;
    no figure changed to when the clause does not start from a comparison (较, 比, 同比)."""
    if not fig or not _is_change(sentence, fig):
        return "", ""
    pos = figure_pos(sentence, fig)
    start = max(sentence.rfind(c, 0, pos) for c in "，,；;：:") + 1
    clause = sentence[start:pos] + stated(sentence, fig)
    before = find_figures(sentence[:start]) if start > 0 else ()
    if not before or not re.match(r"\s*(?:较|比|同比|环比|与)", clause):
        return "", clause
    now = before[-1][1]
    return now, f"{stated(sentence, now)}，{clause}"


def _stages_named(question: str, stages: list[tuple[str, str]]) -> list[str]:
    """The figures of the stages the question names by a word of the stage's verb ("受理的…分别
    是多少", "调解成功的有多少", "在册…多少人"). The counted thing's own words (行政复议申请 of
    收到行政复议申请) do not name a stage."""
    head = stages[0][0]
    obj = object_of(head)
    thing = set(tokenize(obj)) if obj else {t for t in tokenize(head) if not is_verb(t)}
    return [f for w, f in stages if any(t in question for t in tokenize(w) if len(t) >= 2 and t not in thing)]


def _names_stage(question: str, stages: list[tuple[str, str]]) -> bool:
    """The question names one of the stages, so it asks for that stage alone."""
    return bool(_stages_named(question, stages))


_OF_EACH = re.compile(r"(?:各|均)(?:为|有|达|是)?$")


def _of_each(sentence: str, fig: str) -> bool:
    """Is ``fig`` said of each of the things before it ("建成法治文化广场和法治文化长廊各1处")?"""
    pos = figure_pos(sentence, fig)
    return pos > 0 and bool(_OF_EACH.search(sentence[:pos]))


def _only_figure_in_unit(part: QueryAnalysis, best: Evidence, used: set,
                         listed: bool = False) -> Evidence | None:
    """A part of a several-part question that names its thing in other words than the report
    ("办了几期培训班，一共多少人次参加" of "举办…培训班6期，参训1240人次") but asks an explicit
    measure word that only one figure of the best sentence not yet used has: the parts of one
    question are about one thing, which reports state in one sentence. ``listed``: another part
    was answered from that sentence, so it is the parts' list ("国家级、自治区级示范村各有几个"
    of "新增全国示范村2个、自治区级示范村11个"), and even a common measure word (个, 件, 人)
    left to one figure is this part's, and so is one the asked noun implies ("一共办了多少案子，
    挽回了多少钱" of "办理法律援助案件486件，为受援群众挽回经济损失1260万元"). The measure word
    counts within its group: attendance asked in people ("有多少人参加") is stated in person-times
    ("覆盖群众42万人次"). A rate asked so is the one percentage left, or the one whose name
    shares a character with the asker's word for it."""
    if part.wants_rate and listed:  # "…多少人参加，及格的比例是多少" of "参考1863人，合格率99.4%"
        figs = [f for _, f in find_figures(best.sentence)
                if _unit_of(f) in ("%", "％") and (best.sentence, f) not in used]
        own = _own_ask_words(part)
        if len(figs) > 1 and own:  # 参考率100%，合格率99.6%: the asker keeps a character (及格 ~ 合格率)
            figs = [f for f in figs if set(own) & set(_rate_name(best.sentence, figure_pos(best.sentence, f))[:-1])]
        return replace(best, figure=figs[0]) if len(figs) == 1 else None
    if not part.asked_unit or (not listed and (part.unit_implied or part.asked_unit in _GENERIC_UNITS)):
        return None
    figs = [f for _, f in find_figures(best.sentence)
            if same_unit(base_unit(_unit_of(f)), part.asked_unit) and (best.sentence, f) not in used]
    return replace(best, figure=figs[0]) if len(figs) == 1 else None


def _rank_asked(question: str, fig: str) -> bool:
    """"在全省排第几" is answered by a rank ("排第1"), and only by one."""
    return fig.startswith("第") and bool(_ORDINAL_ASK.search(question))


def _change_after(e: Evidence, fig: str) -> bool:
    """Does ``e``'s sentence state a change right after ``fig``, before the next level ("新增市场
    主体3.12万户，同比增长8.6%")?"""
    if _is_base(e.sentence, figure_pos(e.sentence, fig)):
        return False  # "较2023年的4120户次下降30.5%": the base, not the level
    nxt = _next_figure(replace(e, figure=fig), [fig], lambda f: True)
    return nxt is not None and _is_change(e.sentence, nxt.figure or "")


def _is_base(sentence: str, pos: int) -> bool:
    """Is the figure at ``pos`` the base a change is counted from ("较2020年的44件")?"""
    return bool(COMPARED_YEAR.search(sentence[max(0, pos - 12):pos]))


def _next_figure(e: Evidence, taken: Sequence[str], keep: Callable[[str], bool]) -> Evidence | None:
    """The first figure of ``e``'s sentence after those ``taken`` that ``keep`` accepts: the rate or
    the change a report states right after the count it is of."""
    after = max(figure_pos(e.sentence, f) for f in taken)
    fig = next((f for p, f in find_figures(e.sentence) if p > after and keep(f)), None)
    return replace(e, figure=fig) if fig else None


_BARE_ASK = re.compile(r"占|多大|多高|多少|几|是|有")  # "占多大比例" asks a share and names nothing


def _own_ask_words(part: QueryAnalysis) -> str:
    """What a part's first metric says besides the ask and any word for a rate: 及格 of "及格的
    比例是多少", 通过 of "通过的比例", "" of "占多大比例" (a share that names nothing)."""
    return _BARE_ASK.sub("", RATE_WORDS.sub("", part.metrics[0] if part.metrics else ""))


def _same_things_other_measure(part: QueryAnalysis, best: Evidence, used: set) -> Evidence | None:
    """"搞了多少场普法活动，有多少人参加？": a part that names only an action (参加, 来听) and asks
    another kind of measure than the figures the earlier parts took from ``best`` (their sentence) asks
    for the same thing's other measure (the people at the events, the money of the cases), which
    reports state in that sentence: "开展普法宣传活动460场次，受众12万人次". Another sentence
    that merely shares the verb ("组织执法人员参加培训…持证执法人员1320人") is about something
    else. A part asking the same measure ("受理多少件，审结多少件") is another stage, not this.
    A share asked alone ("占多大比例") is the rate the sentence states after that figure:
    "通过调解、和解方式结案412件，调解和解率22.8%", and a share of an action alone ("通过的比例")
    that action's rate there ("参加执法资格考试213名，通过率92.5%"); a change asked alone ("比前一年少了多少")
    the change: "检查2863户次，较2023年的4120户次下降30.5%"."""
    taken = [f for x, f in used if x == best.sentence]
    if part.wants_change and taken and list(part.metrics) in ([], ["比上年增减"]):
        # "…一共多少，比前一年少了多少": the change the sentence states after that figure
        return _next_figure(best, taken, lambda f: _is_change(best.sentence, f))
    bare = _own_ask_words(part)
    # a share that names nothing ("占多大比例") is the next rate; one that names only an action
    # ("有多少人参加考试，通过的比例是多少") is the next rate of that action (通过率92.5%)
    if part.wants_rate and taken and not any(_unit_of(f) in PERCENT_UNITS for f in taken):
        return _next_figure(best, taken, lambda f: _unit_of(f) in PERCENT_UNITS and (
            not bare or bare in _rate_name(best.sentence, figure_pos(best.sentence, f)))
            and not _is_change(best.sentence, f))  # "较2022年的142件增长31.0%" is no share
    if not all(is_predicate(w) for w in words(bare)):
        return None
    if not part.metrics or not part.asked_unit or not taken or \
            any(same_unit(base_unit(_unit_of(f)), part.asked_unit) for f in taken):
        return None
    return _only_figure_in_unit(part, best, used, listed=True)


def _named_stage(question: str, stages: list[tuple[str, str]]) -> str | None:
    """The figure of the only stage the question names (``_stages_named``): "邻里之间闹矛盾，
    经调解说和了的有多少件" of "受理各类矛盾纠纷3182件，调解成功3127件" -> 3127件 (调解 names
    that stage alone). None when no stage or several stages are named."""
    named = _stages_named(question, stages)
    return named[0] if len(named) == 1 else None


@functools.lru_cache(maxsize=1024)  # asked once per question, read for every sentence scored
def quoted_names(question: str) -> tuple[str, ...]:
    """The names a question quotes (“首违不罚”, “12348”): the report's own name for one thing."""
    return tuple(m.group(0)[1:-1] for m in QUOTED_NAME.finditer(question))


def _names_outcomes(a: QueryAnalysis, sentence: str, fig: str) -> bool:
    """Does the clause of ``fig`` name every case outcome the question asks (败诉 of "行政诉讼
    案件败诉了多少件")? A total ("作为被告的行政诉讼案件71件") never answers for one outcome
    (``ingest.figures.CASE_OUTCOMES``); "其中维持24件、撤销3件" names both of its figures, and the
    clause before a change names what changed."""
    outcomes = case_outcomes("".join(a.metrics))
    if not outcomes:
        return True
    pos = figure_pos(sentence, fig)
    marks = [m.end() for m in _OUTCOME_CLAUSE.finditer(sentence, 0, max(pos, 0))]
    # a change is of the figure of the clause before ("败诉率5.3%，较2023年的7.1%下降1.8个百分点")
    back = 2 if _is_change(sentence, fig) else 1
    start = marks[-back] if len(marks) >= back else 0
    end = next((m.start() for m in _OUTCOME_CLAUSE.finditer(sentence, pos + len(fig))), len(sentence))
    return all(o in sentence[start:end] for o in outcomes)


_OUTCOME_CLAUSE = re.compile(r"[，,；;：:。]")


# A standing count (how many there are at a date) is asked with 到…底/截至/还有/现有 and
# stated after 截至…/在册/现有: "截至12月31日，全市在册社区矫正对象893人", not the year's flows
# "新接收486人，解除矫正512人" of the same sentence.
_STOCK_ASKED = re.compile(r"(?:到|截至|截止)[^，,？?。]{0,8}?(?:底|末|止)|(?:还|现|目前|如今)有(?:多少|几)|在册|在押")
_STOCK_SAID = re.compile(r"截至|截止|在册|现有|目前有|年底有|年末有")


def _stock_clause(sentence: str, pos: int) -> bool:
    """The figure at ``pos`` is a standing count: its clause or the one before it says when
    ("截至12月31日，…在册…893人")."""
    return bool(_STOCK_SAID.search("，".join(re.split(r"[，,；;：:]", sentence[:pos])[-2:])))


def _in_clause(sentence: str, pos: int, word: str) -> bool:
    """``word`` is in the clause that ends at ``pos`` (、 joins the objects of one clause)."""
    return word in _clause_before(sentence, pos)


def _clause_before(sentence: str, pos: int) -> str:
    """The clause of ``sentence`` that ends at ``pos``."""
    return re.split(r"[，,；;：:]", sentence[:pos])[-1]


def _counts_successes(sentence: str, pos: int, action: str, question: str) -> bool:
    """Does the figure at ``pos`` count the successes of ``action`` ("调解成功6205件"), which a
    question asking the action alone ("调解了多少起纠纷") does not ask? Reports write the total
    and the successes of one action side by side ("调处矛盾纠纷6318件，调解成功6205件")."""
    return _in_clause(sentence, pos, action + "成功") and "成功" not in question


def _total_before_successes(sentence: str, pos: int, fig: str, action: str) -> bool:
    """Is the figure at ``pos`` the total whose successes the next clause counts ("调处各类矛盾纠纷
    1576件，调解成功1551件")? Then it is the total of that action, whatever verb it is said with."""
    after = sentence[pos + len(fig):]
    nxt = re.search(r"\d", after)
    return action + "成功" in (after[:nxt.start()] if nxt else after)


_ASK_TAIL = re.compile(r"(?:了|的|有|是|都|共|一共|总共|共计|累计|达到?|为|分别|各自?)*(?:多少|几)")


def asked_action(a: QueryAnalysis, terms: Iterable[str]) -> str | None:
    """The verb right before the ask: the action asked about, 受理 of "受理了多少件行政复议申请"
    and of "行政复议受理了多少件", 审结 of "审结多少件" (not 案件 of "案件多少件": a noun names
    the counted thing). Reports list one thing's figures by action ("收到…2317件，受理1986件，
    审结1902件"), so the figure's own clause must say it."""
    m = _ASK_TAIL.search(a.effective_question)
    if not m:
        return None
    before = a.effective_question[:m.start()]
    word = max((t for t in terms if before.endswith(t)), key=len, default=None)
    # "调解组织一共有多少个": before 有 is the thing there is (组织 a noun here), not an action;
    # "受理的有多少件" (的 makes the accepted ones) and "成功了多少件" still ask an action
    tail = m.group(0)
    if "有" in tail and "的" not in tail:
        return None
    if word and is_predicate(word):
        return word
    return _governing_verb(before, terms)


@functools.lru_cache(maxsize=4096)
def _own_government_words(question: str) -> frozenset[str]:
    """The words of "区政府", "县人民政府" in ``question`` (not 政府 alone: 政府信息公开):
    who acted, not what was counted (``ingest.regions.OWN_GOVERNMENT``)."""
    return frozenset(t for m in OWN_GOVERNMENT.finditer(question) for t in tokenize(m.group(0)) if t != "政府")


def _governing_verb(before: str, terms: Iterable[str]) -> str | None:
    """The verb of "verb + object + 多少": 受理 of "区政府受理行政复议案件多少件" (the object
    follows the verb in Chinese, so a question may put the counted noun between the action and
    the ask). The verb right before the nouns that end the clause, when it is a term; not
    考试 of "干部学法考试的优秀率是多少" (的 ends the object) nor 复议 of "申请复议的案子…收了几件"."""
    ws = words(re.split(r"[，,；;。？?！!]", before)[-1])
    i = len(ws)
    while i > 1 and token_tag(ws[i - 1]).startswith("n") and not is_predicate(ws[i - 1]):
        i -= 1
    verb = ws[i - 1] if 1 < i < len(ws) else ""
    return verb if is_predicate(verb) and verb in terms else None


def is_upload(chunk: Chunk) -> bool:
    """A report a user uploaded (stored under ``<corpus>/uploads``), not one of the corpus."""
    return "uploads" in re.split(r"[\\/]", str(chunk.meta.get("source", "")))


def _source_name(chunk: Chunk) -> str:
    title = chunk.meta.get("title", "") or "未命名材料"
    return f"上传材料《{title}》" if is_upload(chunk) else f"《{title}》"


def _disagreement(a: QueryAnalysis, best: Evidence, other: Evidence) -> Draft:
    """"两份材料对X区2020年人民调解成功率的说法不一致：《…》为99%[1]，上传材料《…》为12%[2]。"
    Both are shown, each with its source; neither is chosen for the user."""
    d = Draft("", True)
    n1 = d.cite(best.chunk, best.sentence)
    n2 = d.cite(other.chunk, other.sentence)
    metric = _subject(a, best)[len(_where(best)):]
    d.text = (f"两份材料对{_where(best)}{metric}的说法不一致：{_source_name(best.chunk)}为"
              f"{best.figure}[{n1}]，{_source_name(other.chunk)}为{other.figure}[{n2}]。"
              f"“{best.sentence}”[{n1}]“{other.sentence}”[{n2}]")
    d.note = "sources disagree"
    return d


def _unit_allowed(a: QueryAnalysis, fig: str) -> bool:
    """Can ``fig`` answer ``a`` by its measure word? "败诉率" asked: not "败诉2件"; "多少件"
    asked: not "2位个人". A Chinese numeral only when asked for ("几大" -> 六大), not 统一部/一个."""
    unit = _unit_of(fig)
    if a.asked_unit and unit in PERCENT_UNITS and not (a.wants_rate or a.wants_change):
        return False  # "各有几个" asks for a count, never a rate ("参考率达到99%")
    allowed = [unit in PERCENT_UNITS] if a.wants_rate or a.wants_change else []
    # 个 is the general classifier: "有执法证的人总共多少个" counts people
    if a.asked_unit and not a.unit_implied and unit_kind(a.asked_unit) and a.asked_unit != "个":
        allowed.append(not unit or answers_kind(unit, a.asked_unit))
    if allowed and not any(allowed):
        return False
    return fig[0].isdigit() or fig.startswith("第") or (unit == a.asked_unit and unit in _CN_UNITS)


def _unit_fits(a: QueryAnalysis, sentence: str, fig: str) -> bool:
    """``_unit_allowed``, and nothing about the figure's kind contradicts the question: a rate
    for a rate, a count for a count (not a share), the asked measure word's kind, a change for
    a change. What the words of a question put in the asker's own terms may still match."""
    unit = _unit_of(fig)
    if not _unit_allowed(a, fig) or _counts_other_things(a, fig) or not fig[0].isdigit():
        return False
    if a.wants_change:
        return _is_change(sentence, fig)
    if a.wants_rate != (unit in PERCENT_UNITS):
        return False
    return not a.asked_unit or (bool(unit) and (a.unit_implied or a.asked_unit == "个"
                                                 or answers_kind(unit, a.asked_unit)))


def _counts_other_things(a: QueryAnalysis, fig: str) -> bool:
    """A figure whose measure word counts another kind of thing than the question implies:
    "律师帮助的案子有多少" (cases, 件) is not answered by "执业律师5732名" (people)."""
    unit = _unit_of(fig)
    if a.wants_change and unit in PERCENT_UNITS:
        return False  # "比上年多了多少" is answered by a growth rate too
    return bool(a.unit_implied and a.asked_unit and unit_kind(unit)
                and not answers_kind(unit, a.asked_unit))


def _of_years_asked(a: QueryAnalysis, sentence: str, pos: int) -> bool:
    """Is the figure at ``pos`` one of the asked years'? A sentence that states figures of
    several years gives each the year written last before it: "完成2023年度全市473名…述法和
    2024年度全市471名…述法" -> 471名 is 2024's. A sentence naming one year or none says nothing."""
    named = [(m.end(), int(m.group(1))) for m in _SENT_YEAR.finditer(sentence)]
    if not a.years or len({y for _, y in named}) < 2:
        return True
    own = [y for end, y in named if end <= pos]
    return not own or own[-1] in a.years


# the start of a span that runs to the report's year: "对2012年以来的规范性文件进行集中清理"
_SPAN_START = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?(?:以来|来|起至今|至今)")
# A year in a document's name dates the document, not the sentence's figures: "公开2020年度法治
# 政府建设年度报告" in a 2021 report, "《2021年普法工作要点》".
_DOCUMENT_YEAR = re.compile(r"《[^》]*》|(?:19|20)\d{2}\s*年度?[\u4e00-\u9fff]{0,12}?"
                            r"(?:报告|要点|计划|方案|规划|清单|目录|白皮书)")
_OPENING_YEAR = re.compile(r"\s*((?:19|20)\d{2})\s*年度?[，,：:]")


def _opens_with_other_year(sentence: str, years: Sequence[int]) -> bool:
    """Does the sentence open with a year not asked ("2020年，直接纠错84件" when 2021 is asked)?
    A year at the head of a sentence, set off by a comma, dates all its figures; a year inside
    it may date only an event ("2004年撤县设市，…常住人口117.5万") or start a span ("2012年以来")."""
    m = _OPENING_YEAR.match(sentence)
    return bool(years) and m is not None and int(m.group(1)) not in years


def _compared_with(year: int) -> str:
    """The words that compare with an earlier ``year``'s figure: "较2020年的", "比2021年同期"."""
    return rf"(?:较|比|与|相较于?|同比)\s*{year}\s*年(?:同期|全年)?的?\s*"


def base_year_figure(sentence: str, stated: str, year: int) -> str | None:
    """The figure ``sentence`` gives for an earlier ``year`` as the base of ``stated``, the report's
    own figure. A report compares its year with an earlier one in the clause of the figure itself,
    and the base is then the same metric's figure for that year: "办理行政诉讼案件187件，较2020年
    的142件增长31.7%" and "受理287件（2021年为241件）" state 2020's 142件 and 2021's 241件. A later
    clause may name the metric again first ("排查调处矛盾纠纷1286件，…，调处数量较2020年的1103件
    增长16.6%"): its words must then be among the words before ``stated``. Bases listed after a
    list of figures pair with them ("1735件，罚没款1126万元，较2020年的1480件、963万元
    分别增长…"; only the first figure's base is read, the others' order is not checked). The base is
    in the unit group of ``stated``; "较上年" names no year."""
    pos = figure_pos(sentence, stated)
    if pos < 0:
        return None
    compared = _compared_with(year)
    when = rf"{compared}({_FIGURE.pattern})"
    after = sentence[pos + len(stated):]
    m = re.match(rf"[，,]?\s*{when}|\s*[（(]\s*{year}\s*年(?:同期|全年)?(?:为|是|：|:)?\s*({_FIGURE.pattern})", after)
    if not m:  # "1735件，罚没款1126万元，较2020年的1480件、963万元分别增长…": the first base is the first figure's
        listed = re.search(rf"{compared}((?:{_FIGURE.pattern})(?:、(?:{_FIGURE.pattern}))+)", after)
        if listed:
            before = [f for _, f in find_figures(after[:listed.start()])]
            bases = listed.group(1).split("、")
            if len(bases) == len(before) + 1 and same_unit(_unit_of(bases[0]), _unit_of(stated)):
                return bases[0]
            return None
    if not m:  # "…，调处数量较2020年的1103件": the clause's own words name the metric
        m = re.search(rf"[，,；;]([^，,；;。]{{1,10}}?){when}", after)
        own = set(words(re.sub(r"(?:数量|总量|数|量)$", "", m.group(1)))) if m else set()
        if not own or not all(w in sentence[:pos] for w in own):  # 纠纷 of 矛盾纠纷 counts
            return None
    base = (m.group(m.lastindex) or "").strip() if m and m.lastindex else ""  # the figure, the last group
    return base if base and same_unit(_unit_of(base), _unit_of(stated)) else None


def base_change(sentence: str, base: str, year: int) -> str | None:
    """The report's own words for the change from ``base``, the figure it gives for the earlier
    ``year`` (``base_year_figure``): "较2022年的871件增长29.3%" of "收到申请1126件，较2022年的
    871件增长29.3%" — a change is said right after the base it is counted from."""
    m = re.search(rf"{_compared_with(year)}{re.escape(base)}[^，,；;。（(\d]{{0,6}}?({_FIGURE.pattern})", sentence)
    return m.group(0) if m and _is_change(sentence[:m.end()], m.group(1)) else None


# the start of a change is its base: "执法单位由2020年的58个减少到21个"
_FROM_YEAR = re.compile(r"[由从](?:19|20)\d{2}\s*年(?:底|末)?的")


@functools.lru_cache(maxsize=16384)
def sentence_year(sentence: str, report_year: int | None) -> int | None:
    """The year a sentence's figures belong to: the one earlier year it names itself (a 2022
    report's "2021年，全区受理…"), else the report's year. Later years name plans, not figures,
    and a year a figure is compared with names only the base ("收到申请417件，较2021年的341件
    增长22.3%", "受理287件（2021年为241件）"), and so does the start of a span ("2012年以来")
    and a document's name ("公开2020年度法治政府建设年度报告"): the sentence's own figures are
    the report's year's."""
    named = {int(y) for y in _SENT_YEAR.findall(_FROM_YEAR.sub("",
        _DOCUMENT_YEAR.sub("", _SPAN_START.sub("", COMPARED_YEAR.sub("", sentence)))))}
    earlier = [y for y in named if report_year and y < report_year]
    return earlier[0] if len(named) == 1 and earlier else report_year


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


# "请总结一下…主要工作", "概括…", "主要做了哪些工作": a summary of the whole report.
SUMMARY = re.compile(r"总结|概括|概述|归纳|主要工作|主要做了|做了哪些(方面|工作)|哪几个方面|主要成效|主要内容"
                     r"|主要(?:有)?哪些(?:举措|措施|做法|成效|工作)")
# Words by which reports and askers name "the year's work" itself, not a topic of it: 主要举措,
# 重点工作, 举措和成效, 特色亮点 (a section "一、主要举措和成效" is the whole report's work).
_SUMMARY_WORDS = re.compile(SUMMARY.pattern + r"|工作|主要|做了?|哪些|方面|情况|一下|请|的"
                            r"|举措|措施|做法|成效|成绩|重点|亮点|特色|和|及")


def _topic(a: QueryAnalysis, title: str) -> str:
    """What a "做了哪些工作" question is about besides the report as a whole: "沙坪坝区2019年普法
    做了哪些工作？" asks about 普法 (its section answers), "请总结一下…法治政府建设的主要工作"
    about nothing but the report's own subject, which its title names (the report's parts answer)."""
    rest = [r for m in a.metrics if len(r := _SUMMARY_WORDS.sub("", m)) >= 2 and r not in title]
    return max(rest, key=len, default="")


# A section about next year's work ("2021年工作打算", "下一步工作计划") or about shortcomings
# ("存在的问题和不足"): reports close with these; they are not the year's work.
PLAN_HEADING = re.compile(r"打算|计划|安排|思路|下一步|展望|明年")
# a question about an aim, not a result: "…的目标是多少", "计划新建多少个"
_ASKS_TARGET = re.compile(PLAN_HEADING.pattern + r"|目标|力争|预计|争取|将要|要达到")


def _rate_of_phrase(a: QueryAnalysis) -> str:
    """What a rate asked as 比例/占比 is the rate of: the other metric phrases, those of the
    clause that asks when it names any ("被起诉后，单位领导上法庭的比例": 领导上法庭, not 被起诉)."""
    others = [m for m in a.metrics if m != a.head]
    clause = asked_phrase(a)
    return "".join([m for m in others if m in clause] or others)


def _in_plan(chunk: Chunk, a: QueryAnalysis) -> bool:
    """Is ``chunk`` in the part of a report that plans the next year ("八、2021年工作打算")? Its
    figures are aims ("推动出庭应诉率年底前达到100%"), not the report year's results, unless the
    year asked is after the report's (the plans for 2021 sit in the 2020 report)."""
    top = (chunk.section or "").split(" > ")[0]
    year = chunk.meta.get("year")
    later = bool(year) and any(y > year for y in a.years)
    return bool(PLAN_HEADING.search(top)) and not later
# A question about plans ("2021年有什么工作打算？", "下一步怎么安排"): answered by the report on the
# year before, whose closing section sets out the next year's work.
PLAN_QUESTION = re.compile(r"打算|计划|安排|下一步|明年|将要|部署|思路|重点工作|工作重点|要(?:重点)?(?:做|抓)好|今后")


def asks_plan(question: str) -> bool:
    """A question about plans, not a summary that names its "重点工作"."""
    return bool(PLAN_QUESTION.search(question)) and not SUMMARY.search(question)


_PLAN_SENTENCE = re.compile(r"将|要|拟|计划|继续|进一步")


def _is_item_lead(sentence: str) -> bool:
    """A plan item's own heading, a short sentence: "夯实基层基础。", "（二）深化“八五”普法。"."""
    return len(_HEADING_NUMBER.sub("", sentence)) <= 16


def _plan_items(chunks: Sequence[Chunk], years: Sequence[int]) -> tuple[str, list[tuple[Chunk, str]]]:
    """(the plan's heading, its items in order) of one report. A plan is the part under a
    first-level heading about plans ("三、2025年工作计划"), often a list of subheadings alone
    ("（一）持续开展领导干部学法用法，推动述法评议常态化。"); a report without one may still state
    next year's plans in a sentence that names the year ("2016年，县司法局将…")."""
    heading, items, in_plan = "", [], False
    for c in chunks:
        path = c.section.split(" > ") if c.section else []
        in_plan = bool(path) and bool(PLAN_HEADING.search(path[0]))
        heading = heading or (path[0] if in_plan else "")
        for line in c.text.split("\n"):
            h = heading_of(line.strip())
            if h and h[0] == 1:
                in_plan = bool(PLAN_HEADING.search(h[1]))
                heading = heading or (h[1] if in_plan else "")
                continue
            if in_plan:
                text = _HEADING_NUMBER.sub("", line.strip()) if h else line
                items += [(c, x) for x in split_sentences(text) if len(x) >= 6]
    if items:
        return heading, items
    named = [(c, x) for c in chunks for x in split_sentences(c.text) if _PLAN_SENTENCE.search(x)
             and any(f"{y}年" in x for y in years if y > (c.meta.get("year") or y))]
    return "", named


# A report closes its account of the year with its shortcomings, under a heading that names
# them ("三、存在的问题", "二、存在的不足和困难", "问题与不足"); their sentences are no measures.
# Asked with any of these words ("存在哪些不足？", "还有什么短板"), that section answers.
PROBLEM_HEADING = re.compile(r"存在的?(?:主要)?(?:问题|不足|困难|短板)|(?:问题|困难)(?:和|与|及)(?:不足|短板|差距)"
                             r"|不足|短板|差距")
PROBLEM_QUESTION = re.compile(r"(?:存在|还有|有)(?:哪些|什么|的)?(?:问题|不足|困难|短板|差距)"
                              r"|(?:不足|短板|差距|问题)(?:之处)?(?:有哪些|是什么|在哪)")
NOT_WORK_HEADING = re.compile(PLAN_HEADING.pattern + r"|不足|问题|短板|差距")
# the number of a heading ("一、", "（二）", "3."), not a year that starts one ("2021年工作计划")
_HEADING_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）][、．.]?|[一二三四五六七八九十\d]+[、．.])\s*")


def _sections(chunks: Sequence[Chunk], level: int) -> dict[str, list[Chunk]]:
    """Chunks grouped by their heading at ``level`` of the heading path (0 = 一、…), in order;
    sections about plans or shortcomings left out."""
    out: dict[str, list[Chunk]] = {}
    for c in chunks:
        path = c.section.split(" > ") if c.section else []
        if len(path) > level and heading_of(path[level]) and not NOT_WORK_HEADING.search(path[level]):
            out.setdefault(path[level], []).append(c)
    return out


@dataclass
class _Block:
    """A run of sentences under one heading inside a chunk: the chunk's own section, or a
    subsection heading that opens a line of its text ("（二）以制度夯实法治基础。构建…")."""
    chunk: Chunk
    heading: str
    sentences: list[str]
    order: int
    paragraphs: list[int] = field(default_factory=list)  # each sentence's paragraph (line) number

    def paragraph(self, i: int) -> list[str]:
        """The sentences of the paragraph that sentence ``i`` is in."""
        return [s for s, p in zip(self.sentences, self.paragraphs) if p == self.paragraphs[i]]


def _blocks(chunk: Chunk) -> list[_Block]:
    own = chunk.section.split(" > ")[-1] if chunk.section else ""
    out: list[_Block] = []
    heading, sents, paras = own, [], []
    for n, line in enumerate(chunk.text.split("\n")):
        h = heading_of(line.strip())
        if h:
            if sents or heading:
                out.append(_Block(chunk, heading, sents, chunk.meta.get("position", 0) * 100 + len(out), paras))
            heading = h[1]
            line = line.strip()[len(h[1]):].lstrip("。.：: ")
            sents, paras = [], []
        found = [x for x in split_sentences(line) if len(x) >= 8]
        sents, paras = sents + found, paras + [n] * len(found)
    if sents or heading:
        out.append(_Block(chunk, heading, sents, chunk.meta.get("position", 0) * 100 + len(out), paras))
    return [b for b in out if not is_instruction(" ".join(b.sentences))]


def _section_block(chunk: Chunk) -> list[_Block]:
    """The chunk's whole section as one block, when subsection headings split it: a how-question
    may name the section ("一、…，压实法治政府建设责任"), whose measures are its subsections'
    ("（一）健全工作机制…", "（二）落实报告制度…")."""
    parts = _blocks(chunk)
    if len(parts) < 2 or parts[0].sentences or not parts[0].heading:
        return []
    # a subsection that is only its heading says its point there ("（一）基层执法队伍专业力量
    # 不足，镇（街道）承接执法事项能力有待提升。"): a list of shortcomings or plans
    items = [(b.sentences, b.paragraphs) if b.sentences else ([_HEADING_NUMBER.sub("", b.heading)], [-b.order])
             for b in parts[1:]]
    return [_Block(chunk, parts[0].heading, [x for xs, _ in items for x in xs], parts[0].order,
                   [p for _, ps in items for p in ps])]


# the mark that opens an item of a list of measures: 一是, 其二, or a heading number (（三）, 4．)
_ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十])|" + _HEADING_NUMBER.pattern)


def _named_item(a: QueryAnalysis, block: "_Block", limit: int) -> list[str]:
    """A how-question quoting a measure's name ("“综合查一次”具体是怎么做的") is answered by the
    item of the list that names it, lead and details, up to the next item's mark: reports list
    measures "一是推行“综合查一次”。同一部门…合并进行…。全年开展联合检查1286次…。二是…".
    [] when no item's lead names it."""
    names = quoted_names(a.question)
    lead = next((i for i, s in enumerate(block.sentences)
                 if _ITEM_START.match(s) and any(n in s for n in names)), None)
    if lead is None:  # ...or by the sentence that says what the name stands for
        lead = next((i for i, s in enumerate(block.sentences) if any(_introduces(s, n) for n in names)), None)
    if lead is None:
        return []
    run = [block.sentences[lead]]
    for s in block.sentences[lead + 1:]:
        if _ITEM_START.match(s) or len(run) >= limit:
            break
        run.append(s)
    return run


def _introduces(sentence: str, name: str) -> bool:
    """Does ``sentence`` say what the quoted ``name`` stands for? Reports introduce a named
    measure by its name, a few words of its kind, then a colon or 即 and its content: "推行“四个
    百分百”工作法，即案中100%调解…", "全面推广“巴中跑团”帮办代办服务：由…抽调人员组成…"."""
    return re.search("“" + re.escape(name) + r"”[^，,。；;：:]{0,8}(?:[：:]|[，,]?即)", sentence) is not None


_MEASURE = re.compile(r"\d|“[^”]{2,20}”|一是|二是|三是|建立|制定|出台|开展|推行|实施|组建|设立|印发|创新|实现")


def _heading_cover(terms: dict[str, float], block: "_Block") -> float:
    """The share of the asked words' weight that a block's heading holds."""
    total = sum(terms.values()) or 1.0
    return sum(w for t, w in terms.items() if t in block.heading) / total


def _informativeness(sentence: str, terms: dict[str, float]) -> float:
    """How much a sentence says: concrete measures (figures, named schemes in quotes, verbs
    of doing: 建立/制定/开展…) and the question's words. "坚持以习近平法治思想为指导" says
    little; "组建由律师、公证员组成的法律服务团，提供咨询1200余次" says a lot."""
    total = sum(terms.values()) or 1.0
    cov = sum(w for t, w in terms.items() if t in sentence) / total
    return cov + 0.25 * min(len(_MEASURE.findall(sentence)), 4) + min(len(sentence), 80) / 400


def _sentence_of(clauses: list[str]) -> list[int]:
    """For each clause, the number of the full sentence (ended by 。！？) it belongs to: clauses
    split at ；are the items of one sentence ("分四批：第一批…；第二批…；第三批…。")."""
    out, n = [], 0
    for c in clauses:
        out.append(n)
        n += not c.rstrip("”’」』）)").endswith(("；", ";"))
    return out


# How much a descriptive answer quotes, at most: four full sentences of a typical report
# (60–120 characters each). A longer list sentence gives its most informative items.
_QUOTE_BUDGET = 480


def _informative(sentences: list[str], terms: dict[str, float], limit: int) -> list[str]:
    """The 2–``limit`` most informative full sentences (ended by 。), in report order, each with
    its clauses: a how-question is answered by several measures, and the items of one list
    ("一是…；二是…；三是…。", "第一批…；第二批…。") are one measure said whole. Within
    ``_QUOTE_BUDGET`` characters; a list too long for it gives its most informative items."""
    score = [_informativeness(s, terms) for s in sentences]
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(_sentence_of(sentences)):
        groups.setdefault(g, []).append(i)
    ranked = sorted(groups.values(), key=lambda idx: -max(score[i] for i in idx))
    want = max(2, min(limit, len(sentences)))
    if len(ranked) <= limit + 1 and sum(map(len, sentences)) <= _QUOTE_BUDGET:
        return list(sentences)  # a short section is said whole: each of its sentences is a measure
    keep: list[int] = []
    for idx in ranked[:want]:
        for i in sorted(idx, key=lambda i: -score[i]):
            if len(keep) < 2 or sum(len(sentences[k]) for k in keep) + len(sentences[i]) <= _QUOTE_BUDGET:
                keep.append(i)
    return [sentences[i] for i in sorted(keep)]


_PART = re.compile(r"[，,？?；;。]")


def _clauses(question: str) -> list[str]:
    """The question's clauses; "、" separates clauses only when each side asks ("收到多少件、
    受理多少件"): "受理、审结各多少件" is one clause joining two asked things (``metric_parts``)."""
    out: list[str] = []
    for clause in (c for c in _PART.split(question) if c.strip()):
        pieces = [x for x in clause.split("、") if x.strip()]
        pieces = pieces if all(_ASK_WORD.search(x) for x in pieces) else [clause]
        # a clause that asks without naming anything (no noun or verb, a measure word at most:
        # "现在一般几天能办下来") asks about the scene the clause before it sets ("企业想修复
        # 信用记录，…": 信用修复); one that names its own thing ("有多少被撤销了") keeps to it
        names = any(len(t) >= 2 and token_tag(t)[:1] in ("n", "v") and t not in UNIT_WORDS
                    for t in tokenize(pieces[0]))
        if out and not _ASK_WORD.search(out[-1]) and _ASK_WORD.search(pieces[0]) and not names:
            pieces[0] = f"{out[-1]}，{pieces[0]}"
        out += pieces
    return out


def _sub_questions(a: QueryAnalysis) -> list[QueryAnalysis]:
    """The parts of a question that asks for several figures, each analysed on its own:
    "海曙区2020年行政复议新收案件多少件，办结多少件？" -> [..新收案件多少件, 办结多少件]."""
    from app.query import analyze_query  # same package; kept local to show it is a re-analysis
    parts = [x for p in _clauses(a.question) for x in _asks_of(p)]
    if len(parts) < 2:
        return []
    subs = [analyze_query(p, a.regions, a.years) for p in parts]
    subs = [replace(s, metrics=s.metrics or ["比上年增减"]) if s.wants_change else s for s in subs]
    # "办了几期，来了多少人次": a clause that asks only a measure word asks the same thing's
    # other figure (来 names nothing; 人次 does)
    subs = [s for s in subs if s.wants_number and (s.metrics or (s.asked_unit and not s.unit_implied))]
    # a clause may itself join several asked things: "…收到多少件申请？受理和审结各多少件？"
    if len(subs) >= 2:
        subs = [p for s in subs for p in (metric_parts(s) or [s])]
    return subs if len(subs) >= 2 and (any(s.metrics for s in subs) or bool(a.metrics)) else []


def _asks_of(part: str) -> list[str]:
    """One clause with several asks, one per figure: "组织了多少个县级政府工作部门和多少个乡镇
    开展创建" -> [组织了多少个县级政府工作部门, 组织了多少个乡镇开展创建]; "一共有多少个方面多少
    项具体措施" -> [一共有多少个方面, 一共有多少项具体措施]. The words before the first ask (the
    verb) belong to every part. "从多少项精简到多少项" asks for the two ends of one change."""
    asks = [m.start() for m in _ASK_WORD.finditer(part)]
    if len(asks) < 2 or _ASKS_FROM_TO.search(part):
        return [part]
    ends = asks[1:] + [len(part)]
    pieces = [re.sub(r"(?:和|及|与|以及|、|还有)$", "", part[b:e]) for b, e in zip(asks, ends)]
    return [part[:asks[0]] + p for p in pieces]


_CONJ = ("和", "及", "与", "、", "以及")
_EACH = re.compile(r"各|分别")
_PAREN = re.compile(r"（[^）]*）|\([^)]*\)")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff、]+")
_ASK_WORD = re.compile(r"多少|几")


_NOUN_AFTER_DE = re.compile(r"的(?!有|是|都|共|一共|总共|各|分别|数|多少|几|呢|吗|吧|啊|了)[\u4e00-\u9fff]")


def _counted_together(parts: list[QueryAnalysis], ev: Sequence[Evidence]) -> list[QueryAnalysis]:
    """Two joined nouns a report counts as one group are one part: "覆盖几个国家和地区" is
    answered by "在31个国家和地区设立…", not by a figure for 国家 and another for 地区. Whether
    the pair is one group is the report's to say: a figure right before the whole pair."""
    out: list[QueryAnalysis] = []
    for part in parts:
        prev = out[-1] if out else None
        if prev is not None and prev.question == part.question and prev.metrics and part.metrics:
            pair = rf"{re.escape(prev.metrics[0])}(?:和|及|与|、){re.escape(part.metrics[0])}"
            if any(re.search(rf"\d+(?:余|多)?(?:{_UNITS})?{pair}", e.sentence) for e in ev[:5]):
                whole = re.search(pair, part.question)
                name = whole.group(0) if whole else prev.metrics[0]
                out[-1] = replace(prev, metrics=[name, *prev.metrics[1:]], head=name)
                continue
        out.append(part)
    return out


def metric_parts(a: QueryAnalysis) -> list[QueryAnalysis]:
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
        gap = gap[1:] if gap.startswith("的") and len(gap) > 1 else gap  # "民事的和刑事的": the civil ones
        # a conjunction, maybe with a short modifier of the next noun: "工作站和村公共法律服务工作室"
        if any(gap == c or (gap.startswith(c) and len(gap) <= len(c) + 2 and _CJK_ONLY.fullmatch(gap))
               for c in conj):
            joined += [m for m in (m1, m2) if m not in joined]
    if len(joined) < 2:
        return []
    # "建议和提案的满意率是多少": the joined nouns qualify one asked metric after 的, unless each
    # is asked for (各/分别)
    # ...also a one-character noun ("罚款和没收的钱一共有多少"), but not a bare ask ("的有多少")
    last = max(q.find(m) + len(m) for m in joined)
    if not _EACH.search(q) and q[last:].startswith("的") and (
            (a.head and a.head not in joined) or _NOUN_AFTER_DE.match(q[last:])):
        return []
    # each part is a rate or a count by its own words: "成功率和法律援助案件数各是多少"
    rate = [bool(RATE_WORDS.search(m)) for m in joined]
    # the asked action is every part's: "各受理了多少件法律援助案件和行政复议案件" (受理 of both)
    rest = [m for m in a.metrics if m not in joined]
    return [replace(a, metrics=[m, *rest], head=m,
                    wants_rate=r if any(rate) and not all(rate) else a.wants_rate)
            for m, r in zip(_shared_noun_split(joined), rate)]


_MODIFIER_END = ("级", "类", "性")


def _is_modifier(word: str) -> bool:
    """A word that only says which kind (国家级, 省级, 刑事, 国有): jieba's distinguishing-word
    tag, or a level or kind suffix."""
    return token_tag(word) == "b" or (len(word) >= 2 and word.endswith(_MODIFIER_END))


def _shared_noun_split(joined: list[str]) -> list[str]:
    """"国家级、自治区级民主法治示范村" lists kinds of one noun: each earlier conjunct is only a
    modifier, and the last says the noun once for all. Each part is then asked by its modifier
    (国家级, 自治区级), which tells the report's figures apart ("新增全国示范村2个、自治区级
    示范村11个"), not by the shared noun that only the last conjunct happens to carry."""
    if len(joined) < 2 or not all(_is_modifier(m) for m in joined[:-1]):
        return joined
    ws = words(joined[-1])
    for k in range(1, len(ws)):
        head = "".join(ws[:k])
        if _is_modifier(head) and len(head) < len(joined[-1]):
            return joined[:-1] + [head]
    return joined


def _word_starts(phrase: str) -> list[int]:
    """Where each jieba word of ``phrase`` starts, then ``len(phrase)`` (``metric_before``)."""
    starts = [0]
    for w in words(phrase):
        starts.append(starts[-1] + len(w))
    return starts


def metric_before(a: QueryAnalysis, sent: str, pos: int) -> str:
    """The longest tail of a question metric that names the figure at ``pos``: it ends right
    before it, give or take a linking word. 人民调解成功率 asked, "调解成功率达99%" -> 调解成功率."""
    before = _LINK.sub("", sent[max(0, pos - 24):pos])
    best = ""
    for m in list(a.metrics) + [h for m in a.metrics for h in RATE_HEAD.findall(m)]:
        # a tail starts where a word does: not 庭应诉 of 上法庭应诉 ("出庭应诉41件次")
        for i in _word_starts(m)[:-1]:
            tail = m[i:]
            if len(tail) < 2:  # a tail of two characters at least
                break
            if len(tail) > len(best) and before.endswith(tail):
                best = tail
                break
    return best


_AMONG = ("中", "当中")  # "…事项中，行政处罚有多少项": the whole, then the part asked
# (not 里: "行政官司里，领导亲自到庭的比例" asks in everyday words, which the whole's words must
# still help to find; measured: 1 wrong figure fewer, 7 right answers lost on the dev splits)


def _part_terms(a: QueryAnalysis, terms: dict[str, float]) -> dict[str, float]:
    """The words that name the figure of "A中(，)B有多少" or "A，其中B有多少": B's. A names the whole, whose
    sentence states it first and the part after ("共确认区级行政权力事项4127项，其中行政许可
    263项、行政处罚3108项" for "确认的区级行政权力事项中，行政处罚有多少项" -> 3108项), so A's
    words find the sentence but do not pick the figure."""
    whole: set[str] = set()
    for m in a.metrics:
        ws = words(m)
        among = next((w for w in ws[1:] if w in _AMONG), None)
        if among:  # 中 (当中) as a word of its own, after A: not 集中, 中心, 其中
            whole |= set(tokenize("".join(ws[:ws.index(among)])))
    # ...and of "A其中B有多少" (a follow-up "其中涉侨的纠纷有多少件？" after a question on A)
    before, of, _ = a.effective_question.partition("其中")
    if of and not _ASK_WORD.search(before):  # not "受理多少件？其中刑事案件多少件？": two asks
        whole |= set(tokenize(before))
    if a.head and not any(w in _AMONG for w in words(a.head)):
        whole -= set(tokenize(a.head))
    kept = {t: w for t, w in terms.items() if t not in whole}
    return kept if whole and kept else terms


def _rate_words_asked(a: QueryAnalysis) -> str:
    """The words of a rate asked by a word for any rate ("政务大厅的事项按时办完的比例" ->
    事项按时办完政务大厅), "" otherwise. Such a rate is named only by the report's own rate
    word (按时办结率 vs 网上可办率); the characters the two share tell which (``_shared_pairs``)."""
    if not (a.wants_rate and RATE_WORDS.fullmatch(a.head or "")):
        return ""
    return "".join(m for m in a.metrics if m != a.head)


_RATE_NAME = re.compile(r"([\u4e00-\u9fff]{2,4}(?:率|度|比))" + _LINK.pattern)


def _rate_name(sentence: str, pos: int) -> str:
    """The rate word right before a percentage: "按时办结率99.9%" -> 按时办结率 ("" if none)."""
    m = _RATE_NAME.search(sentence[max(0, pos - 12):pos]) if pos >= 0 else None
    return m.group(1) if m else ""


def _shared_pairs(asked: str, name: str) -> float:
    """The share of ``name``'s character pairs (its 率 left out) that ``asked`` holds. An asker's
    paraphrase keeps characters of the report's term: 按时办完 / 按时办结率 share 按时, 时办."""
    pairs = {name[i:i + 2] for i in range(len(name) - 2)}  # the last pair holds 率
    return sum(p in asked for p in pairs) / len(pairs) if pairs else 0.0


# Chinese names of offices and posts end in the kind of body or post they are: 税务部门, 公证处,
# 仲裁委员会, 法律援助中心, 消费者协会, 12345热线, 派出所; 人民陪审员
_OFFICE_SUFFIX = ("部门", "机构", "委员会", "中心", "协会", "热线", "办公室", "局", "所", "处", "站")
_INSTITUTION = re.compile("(?:员|法院|" + "|".join(_OFFICE_SUFFIX) + ")$")
# ...and the ends of one-word office names: 信访局, 检察院, 公安机关, 工会, 妇联
_OFFICE_END = ("委员会", "办公室", "机关", "部门", "机构", "中心", "协会", "法院", "局", "院", "所", "处", "站", "会",
               "联", "委")  # ...民政部门, 发改委
# kinds of department every government has, not one office: 有关部门, 职能部门, 业务部门;
_ANY_OFFICE = frozenset({"有关", "相关", "职能", "业务", "工作", "主管", "直属", "各级", "政府", "行政", "执法", "人民",
                         "居委", "村委", "党"})  # ...and every place: 居委会, 村委会, 党委


_LEVELS = frozenset("省市州盟县区旗镇乡村")  # 县委, 区政府: every place of its level has one


def _is_office(word: str) -> bool:
    """A word for an office or body: 机构, 部门, 中心, 委员会, 监管局."""
    return word.endswith(_OFFICE_SUFFIX + ("机关", "法院"))


def _names_kind(word: str, alone: bool = False) -> bool:
    """Can ``word`` name what an office deals with? jieba tags such words nouns (税务), verbs
    or verbal nouns (审批 of 行政审批局, 救援 of 消防救援机构, 应急 of 应急管理局), abbreviations
    (交通运输) or set phrases (自然资源, 生态环境, 退役军人); an office's own short name is often
    a two-character word jieba's dictionary lacks, found by its model (住建 of 住建部门: no tag) —
    only ``alone``, right before the bare word for an office (not 到区 of "到区法律援助中心")."""
    tag = token_tag(word)
    if tag == "ns":
        return False  # a place (镇宁, 自治县) says where the office is, not which (农村 is a field)
    return tag[:1] in ("n", "v") or tag in ("j", "l") or (alone and not tag and bool(_ABBREVIATION.fullmatch(word)))


_ABBREVIATION = re.compile(r"[\u4e00-\u9fff]{2}")  # 住建, 人社: two characters, one of each word


def _offices_named(question: str) -> list[tuple[str, ...]]:
    """The offices a question is about, each as the words that say which it is, the field's
    word first: (税务,) of "税务部门", (12345,) of "12345热线", (市场, 监管) of "市场监管局",
    (信访,) of "信访局", (工会,), (交通运输,) of "交通运输局", (消防, 救援) of "消防救援机构" —
    the words (or a number) right before the word for an office and a one-word office name's
    own part, in jieba's precise cut; not a kind every government has (有关部门, 职能部门)."""
    cut = words(WHEN_ASKED.sub("，", question))  # a year's 年 is no part of a name: 2022年县…
    out = []
    for i, w in enumerate(cut):
        end = "" if w in _OFFICE_SUFFIX else None if w in _ANY_OFFICE else next(
            (e for e in _OFFICE_END if w.endswith(e) and len(w) > len(e) and token_tag(w)[:1] in ("n", "j")), None)
        if end is None:
            continue
        stem = w[:-len(end)] if end else ""
        if stem in _ANY_OFFICE or stem in SCOPE_WORDS or stem in _LEVELS:
            continue  # 业务部门, 党委, 县委: a kind of office every government or place has
        office = [stem if len(stem) >= 2 else w] if stem else []
        for before in reversed(cut[max(0, i - 2):i]):  # 消防/救援/机构: both name it
            if len(before) < 2 or before in _ANY_OFFICE or before in SCOPE_WORDS \
                    or not (before.isdigit() or _names_kind(before, alone=not office)):
                break
            office.insert(0, before)
        if office:
            out.append(tuple(office))
    return out


# how a report names an office: the word of its field, then within a few characters the kind of
# body (教育局, 教育体育局, 市场监督管理局, 消防救援大队); the bare field word names none (法治教育)
_BODY_AFTER = re.compile("[\u4e00-\u9fff]{0,4}?(?:" + "|".join(_OFFICE_END + _OFFICE_SUFFIX)
                         + "|机关|系统|部|委|队|办|厅)")


def _names_office(text: str, office: tuple[str, ...]) -> bool:
    """Does ``text`` name ``office`` (one of :func:`_offices_named`) as an office? Its field's
    word followed closely by the kind of body; a number (12345) or a name that ends in one (工会,
    妇联) wherever it occurs."""
    lead = office[0]
    if lead.isdigit() or lead.endswith(_OFFICE_END):
        return lead in text
    return any(_BODY_AFTER.match(text, m.end()) for m in re.finditer(re.escape(lead), text))


def _action_only(sentence: str, terms: Iterable[str], action: str) -> bool:
    """Does a figure's sentence share nothing with the question but the asked action?
    ("…行政复议申请683件，依法受理621件…" for "信访部门受理了多少件")"""
    return not any(t != action and t not in action and t in sentence for t in terms)


@functools.lru_cache(maxsize=4096)  # asked of every passage's evidence and again by meaning
def _kind_words(head: str | None, question: str) -> tuple[tuple[str, ...], str | None]:
    """The words that narrow what is counted to one kind of it, and the counted noun. Chinese
    writes what narrows a noun right before it, with no 的 between: 物业费 of "多少件物业费纠纷",
    医疗 of "医疗纠纷", 食品安全 of "食品安全案件". A report that never uses such a word counts only
    every kind together ("调解矛盾纠纷846件"), which is no answer to the kind asked. Nouns, 区别词
    (jieba tag b: 非法 of 非法集资案件) and set phrases (l: 食品安全) narrow a noun; a verb does only
    in the noun phrase a count is asked of, right after 多少 and its measure word ("多少场禁毒宣传",
    "多少名退休人员"): elsewhere a verb makes the phrase the asker's clause ("找政府免费咨询法律问题"),
    whose words need not be the report's."""
    if not head:
        return (), None
    ws = [w for w in words(head) if w.strip()]
    # "为多少名退休人员提供了法律服务": the counted noun phrase ends where a verb follows a noun
    cut = next((i for i in range(1, len(ws)) if is_verb(ws[i]) and _common_noun(ws[i - 1])
                and not _is_noun(ws[i])), len(ws))
    if re.search(_COUNTED_AFTER + re.escape("".join(ws[:cut])), question):
        ws = ws[:cut]
    ws = ws[:-1] + _noun_compound(ws[-1]) if ws else ws
    phrase = "".join(ws)
    if not re.search(_MEASURED_AFTER + re.escape(phrase), question):
        return (), None  # only the phrase a measured count is asked of is surely the counted noun
    if len(ws) < 2 or not all(len(w) >= 2 and (_common_noun(w) or token_tag(w) in ("b", "l") or is_verb(w))
                              for w in ws[:-1]) \
            or not _common_noun(ws[-1]) or phrase + "的" in question \
            or len(ws[-1]) < 2 and not re.search(re.escape(phrase) + r"(?:[？?，,。；;！!]|$)", question) \
            or RATE_WORDS.search(ws[-1]):
        # (…的 makes the phrase narrow another noun: "拿到执法证的人"; a one-character noun ends
        # the phrase only where the clause ends: 员 of "多少名网格员？", not 时 of "事项办事时不用…";
        # a rate is named by its …率 word, the words before it say whose rate: 人民调解 of 人民调解成功率)
        return (), None
    acted = _own_government_words(question)
    kinds = tuple(w for w in ws[:-1] if w not in acted and not _is_office(w) and w not in MEASURE_NOUNS)
    return kinds, ws[-1]


# 多少 or 几 and a measure word of up to two characters (件, 人次): what follows is the counted noun
_COUNTED_AFTER = r"(?:多少|几)[\u4e00-\u9fff]{0,2}"
# ...with the measure word said: the phrase after it is the counted noun with what narrows it, a
# verb too ("多少场禁毒宣传"); after a bare 多少 it may be a clause ("多少公职人员学法考试": people
# who sat an exam, not a kind of 考试), and a phrase before the ask may be one ("常务会议上学法学了几次")
_MEASURED_AFTER = r"(?:多少|几)(?:" + "|".join(sorted(UNIT_WORDS, key=len, reverse=True)) + ")"


def _other_kind(sentence: str, fig: str, counted: str, kind_absent: bool,
                rare_kinds: Sequence[str]) -> str | None:
    """Why ``fig`` does not count the kind asked (``_kind_words``), or None when it may:
    "never" when the report never names the kind, so that none of its figures counts it (its
    total, "调解矛盾纠纷846件", counts every kind together; a sentence without 纠纷 counts another
    thing: "调解和解结案262件" of 行政复议); "bodies" for a count of the bodies that handle it
    ("在物业…等领域设立…调解委员会9个"); "total" for the total of a report that names the kind
    elsewhere ("调解矛盾纠纷9105件"; a word most reports use says the thing in general: 行政 of
    林业行政案件, so only the rarer kinds are checked here)."""
    own = _own_words(sentence, fig)
    if kind_absent and (_holds(own, counted) or not _holds(sentence, counted)):
        return "never"
    if _counts_bodies(sentence, fig, counted):
        return "bodies"
    if rare_kinds and _holds(own, counted) and not all(_holds(sentence, t) for t in rare_kinds):
        return "total"
    return None


def _counts_bodies(sentence: str, fig: str, counted: str | None) -> bool:
    """Does ``fig`` count bodies (委员会, 调解组织, 工作室) while the question counts another noun
    (纠纷)? A Chinese count names its noun right before or after the figure: "设立…调解委员会9个"."""
    if not counted or _is_office(counted) or counted.endswith("组织"):
        return False
    pos = figure_pos(sentence, fig)
    before = words(_just_before(sentence, pos).rstrip("”’\"'"))  # a quoted name's kind: “厝边调解室”45个
    after = words(_noun_of(_noun_after(sentence, fig)))  # "各培育1个特色调解工作室"
    nouns = [ws[-1] for ws in (before, after) if ws]
    return any(_is_office(n) or n.endswith(("组织", "室")) for n in nouns) and \
        not _holds(_own_words(sentence, fig), counted)


def _common_noun(word: str) -> bool:
    """A noun naming a kind of thing, not a place's or person's name (jieba's ns, nr: it tags
    上岗 ns and 经过培训 nr)."""
    return _is_noun(word) and token_tag(word) not in ("ns", "nr")


def _noun_compound(word: str) -> list[str]:
    """A dictionary word that is a noun narrowing a noun, cut in two: 医疗纠纷 -> 医疗, 纠纷
    (jieba keeps some such compounds whole, tagging them z); any other word as it is, and so a
    word jieba calls a noun of its own (公职人员: one class of staff, not a kind of 人员 that a
    report's 国家工作人员 would leave out)."""
    if token_tag(word) == "n":
        return [word]
    for part in tokenize(word):
        if part != word and word.endswith(part) and len(word) - len(part) >= 2 \
                and _is_noun(part) and _is_noun(word[:-len(part)]):
            return [word[:-len(part)], part]
    return [word]


def _is_noun(word: str) -> bool:
    """A thing's name, not an action: jieba tags it a noun (公证, 机构) or a verbal noun (仲裁)."""
    tag = token_tag(word)
    return tag[:1] == "n" or tag == "vn"


def _crosses(term: str, words_: Iterable[str], doc: str, question: str) -> bool:
    """Is ``term`` a cut across another asked word the report has? "办公证" is cut 办公 / 公证
    in search mode; 办公 is no word the asker said when the report says 公证."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(term), question)]

    def crossing(s: int, e: int, s2: int, e2: int) -> bool:  # overlapping, neither inside the other
        return s < e2 and s2 < e and not (s <= s2 and e2 <= e) and not (s2 <= s and e <= e2)

    return any(w != term and w in doc and any(crossing(s, e, m.start(), m.end()) for s, e in spans
                                              for m in re.finditer(re.escape(w), question))
               for w in words_)


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


_APPROX_BEFORE = re.compile(r"(?:将近|超过|不足|不到|近|约|逾)$")
_APPROX_AFTER = re.compile(r"^(?:以上|以下|左右|以内)")


def stated(sentence: str, fig: str) -> str:
    """``fig`` as the sentence qualifies it: "近8000次", "95%以上", "约30人". A figure said without
    its 近 or 以上 says more than the report does."""
    pos = figure_pos(sentence, fig) if fig else -1
    if pos < 0:
        return fig
    before = _APPROX_BEFORE.search(sentence[:pos])
    after = _APPROX_AFTER.match(sentence[pos + len(fig):])
    return f"{before.group(0) if before else ''}{fig}{after.group(0) if after else ''}"


def _figure_with_noun(a: QueryAnalysis, e: Evidence, where: bool = True) -> str:
    """The figure with the noun after it, when that noun is what is asked: "53个县级政府工作
    部门" of "组织53个县级政府工作部门和22个乡镇", as a Chinese count puts what it counts after
    its measure word; "" when the noun comes before the figure ("受理行政复议案件31件")."""
    fig = e.figure or ""
    after = _noun_of(_noun_after(e.sentence, fig))
    if len(after) < 2 or not any(w in after for w in words(a.head or "") if len(w) >= 2):
        return ""
    if a.head and _noun_after(e.sentence, fig).startswith(a.head):
        after = a.head  # a group counted as one ("31个国家和地区"), which _noun_of cuts at 和
    fig = stated(e.sentence, fig)
    return f"{_where(e)}有{fig}{after}" if where else f"{fig}{after}"


def _subject(a: QueryAnalysis, e: Evidence) -> str:
    """"盐田区2020年调解成功率": the metric as the quoted sentence names it right before the
    figure (else the noun phrase in front of the figure, else the question's own metric), the
    year only when the cited passage states it (no figure may come from elsewhere)."""
    pos = figure_pos(e.sentence, e.figure or "")
    metric = metric_before(a, e.sentence, pos) if pos >= 0 else ""
    after = _noun_after(e.sentence, e.figure or "")
    if len(metric) < 3 and after and any(_holds(after, m) or _holds(m, after) for m in a.metrics):
        metric = after  # "明确了24项重大举措": the noun after the figure names it
    elif len(metric) < 3 and pos >= 0:
        metric = phrase_before(e.sentence, pos) or metric
    if len(metric) < 2:
        metric = a.head or (a.metrics[0] if a.metrics else "该项数字")
    if pos >= 0:
        metric += _shared_object(e.sentence, pos, metric)
    return f"{_where(e)}{metric}"


def _shared_object(sentence: str, pos: int, metric: str) -> str:
    """What a bare verb counts, from the list's first clause: "收到行政复议申请186件，受理164件"
    -> 受理 + 行政复议申请 ("" when ``metric`` names its own object; see ``facts.verb_only``)."""
    if len(metric) > 4 or not verb_only(metric):
        return ""
    found = find_figures(sentence)
    figs = [(p, f) for p, f in found if p + len(f) <= pos]
    here = [f for p, f in found if p == pos]
    for p, f in reversed(figs):  # back along the list: 审结 <- 受理 <- 收到行政复议申请
        if not here or unit_kind(_unit_of(f)) != unit_kind(_unit_of(here[0])):
            return ""
        obj = object_of(phrase_before(sentence, p))
        if len(obj) >= 2:
            return obj if len(obj) <= 12 and obj not in metric else ""
    return ""


def _where(e: Evidence) -> str:
    """"盐田区2020年": the region, and the year of the evidence only when the cited passage
    states it."""
    chunk = e.chunk
    year = e.year or chunk.meta.get("year")
    cited = f"{chunk.meta.get('title', '')}{chunk.section}{chunk.text}"
    return f"{e.region}{year}年" if year and str(year) in cited else e.region


def _short_subject(a: QueryAnalysis, e: Evidence) -> str:
    """One part of a several-figure answer, worded as the report words it: the metric and its
    figure ("办结为79件"); the figure and its noun when the noun follows ("组织53个县级政府工作
    部门和22个乡镇": 53个县级政府工作部门, what a Chinese count puts after its measure word)."""
    fig = e.figure or ""
    pos = figure_pos(e.sentence, fig)
    with_noun = _figure_with_noun(a, e, where=False)
    if with_noun:
        return with_noun
    if span := _change_span(e.sentence, pos):  # one end of a change is said with the other
        return span
    if _of_each(e.sentence, fig):  # "法治文化广场和法治文化长廊各1处", as the report says it
        return f"{phrase_before(e.sentence, pos)}{stated(e.sentence, fig)}"
    found = metric_before(a, e.sentence, pos)
    if len(found) < 3 and pos >= 0:  # not 案件 alone of 行政应诉案件 asked, "一审行政诉讼案件63件"
        found = phrase_before(e.sentence, pos) or found
    name = found if len(found) >= 2 else (a.metrics[0] if a.metrics else "另一数字")
    return f"{name}为{stated(e.sentence, fig)}"


def _trim(sentence: str, figure: str, limit: int = 120) -> str:
    """A long sentence cut to the clauses around the figure (still a substring of the chunk,
    so the UI can highlight it)."""
    if len(sentence) <= limit:
        return sentence
    pos = max(figure_pos(sentence, figure), 0)
    clauses = [m.end() for m in re.finditer(r"[，,；;：:]", sentence)]
    start = max((c for c in clauses if c <= pos and pos - c <= limit // 2), default=max(pos - limit // 2, 0))
    end = min((c for c in clauses if c > pos + len(figure) and c - start <= limit), default=start + limit)
    return sentence[start:end].rstrip("，,；;：:")
