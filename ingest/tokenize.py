"""The one tokenizer: jieba, used by ingest, BM25 and eval alike."""
from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable

import jieba

__all__ = ["tokenize", "add_words", "added_words", "is_verb", "is_predicate", "token_tag", "words",
           "straddling_words", "STOPWORDS"]

jieba.setLogLevel(logging.WARNING)
_lock = threading.Lock()
_added: set[str] = set()
_generation = 0  # bumped whenever jieba learns words; part of the key of remembered cuts

# Function words and report boilerplate that carry no retrieval signal. Domain words such as
# 调解 / 成功率 / 法律援助 must never be here.
STOPWORDS = frozenset(
    "的 了 和 与 及 或 在 是 为 对 等 将 把 被 由 以 于 其 之 也 并 而 从 向 中 上 下 个 有 无 不 "
    "这 那 此 该 各 每 所 都 就 又 还 但 如 则 即 至 已 让 给 着 过 来 去 我 我们 你 他 它 "
    "什么 多少 哪个 哪些 怎么 怎样 如何 是否 吗 呢 吧 啊 请问 请 一下 一个 一些 情况 方面 "
    "进行 开展 工作 有关 相关 关于".split()
)
_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)


def add_words(words: Iterable[str]) -> None:
    """Teach jieba whole words it would otherwise split (region names such as 沙坪坝区, 海曙)."""
    global _generation
    with _lock:
        taught = False
        for w in words:
            if w and len(w) > 1:
                jieba.add_word(w, freq=100000)
                _added.add(w)
                taught = True
        if taught:  # a text may be cut differently now: cuts remembered before no longer hold
            _generation += 1
            _short_tokens.cache_clear()


def added_words() -> frozenset[str]:
    """Words taught with :func:`add_words`. Their jieba frequency is ours, not the dictionary's,
    so code judging "is this a common word?" must not read it."""
    return frozenset(_added)


# A question is cut several times while it is answered (BM25, the answerer's terms, the asked
# metric's words); short texts are cut once and remembered. Passages (long) are not kept.
_CACHED_MAX_CHARS = 200


def tokenize(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Search-mode jieba tokens, lower-cased, punctuation dropped. Search mode also emits the
    parts of long words (人民调解 -> 人民, 调解, 人民调解), so "调解成功率" in a question still
    matches "人民调解成功率" in a report."""
    if len(text) <= _CACHED_MAX_CHARS:
        # the generation is read before cutting: a cut made while words were being taught is
        # filed under the old generation and never read again
        return list(_short_tokens(text, keep_stopwords, _generation))
    return _tokens(text, keep_stopwords)


@functools.lru_cache(maxsize=8192)
def _short_tokens(text: str, keep_stopwords: bool, generation: int) -> tuple[str, ...]:
    return tuple(_tokens(text, keep_stopwords))


def _tokens(text: str, keep_stopwords: bool) -> list[str]:
    tokens = []
    for tok in jieba.cut_for_search(text):
        tok = tok.strip().lower()
        if not tok or _PUNCT.match(tok):
            continue
        if not keep_stopwords and tok in STOPWORDS:
            continue
        tokens.append(tok)
    return tokens


def words(text: str) -> list[str]:
    """The words of ``text`` as jieba's precise mode cuts them, none overlapping and nothing
    dropped: "".join(words(t)) == t. For reading a phrase's structure, not for matching."""
    return jieba.lcut(text)


@functools.lru_cache(maxsize=4096)
def straddling_words(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Dictionary words of ``text`` that jieba's cut splits, each with the cut's words it
    straddles: "集体学法学了" is cut 集体/学/法学/了, which hides 学法 (straddling 学, 法学).
    Which reading the asker meant is for the caller to judge (by what the reports say)."""
    cut = list(jieba.tokenize(text))  # (word, start, end), precise mode
    out = []
    for word in dict.fromkeys(w for w in jieba.cut(text, cut_all=True) if len(w) >= 2):
        for start in (m.start() for m in re.finditer(re.escape(word), text)):
            end = start + len(word)
            if any(s <= start and end <= e for _, s, e in cut):
                continue  # a part of one cut word (县政 of 县政府): search mode has those
            if any(start <= s and e <= end and w in STOPWORDS for w, s, e in cut):
                continue  # it swallows a function word the cut read as such (共有 of 一共/有)
            crossed = tuple(w for w, s, e in cut if s < end and e > start and not (start <= s and e <= end))
            if crossed:
                out.append((word.lower(), tuple(w.lower() for w in crossed)))
                break
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    import jieba.posseg  # its tag table loads once (about half a second)
    return jieba.posseg.dt.word_tag_tab


def token_tag(word: str) -> str:
    """jieba's dictionary part-of-speech tag of ``word`` ("" when it has none)."""
    return _word_tags().get(word, "")


def is_verb(word: str) -> bool:
    """jieba's dictionary tags ``word`` as a verb (v, vn, vd): 受理, 审结, 调处, 在册 — the
    action a report's figure counts, as against the thing counted (案件, 成功率)."""
    return _word_tags().get(word, "").startswith("v")


def is_predicate(word: str) -> bool:
    """A verb, or an adjective used as one: reports count outcomes by them as by actions
    ("调解纠纷8428件，成功8175件"; "人民调解成功了多少件" asks for 成功)."""
    return is_verb(word) or _word_tags().get(word, "") == "a"
