"""The Gradio web UI (Chinese): 智能问答 (chat with sources), 报告管理 (upload/delete reports) and
数据对比 (figures across regions).

Report text is untrusted: everything taken from a report is escaped before it reaches an HTML or
Markdown component (``esc_html`` / ``esc_md``), so a report containing ``<script>`` or Markdown is
shown as text. Full report text is shown in a plain Textbox.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import gradio as gr
import pandas as pd
from gradio.utils import get_upload_folder

from ingest.errors import ReportQAError

from app.service import NoReportsError

if TYPE_CHECKING:
    from app.service import ReportService

__all__ = ["build_ui", "esc_html", "esc_md", "sources_html", "highlight", "EXAMPLES", "THEME",
           "CSS"]


EXAMPLES = ["盐田区2020年人民调解成功率是多少？",
            "盐田、沙坪坝、罗湖的人民调解成功率分别是多少？哪个最高？",
            "罗湖区2020年办理法律援助案件多少宗？"]
EMPTY_MSG = "索引中还没有报告。请先在「报告管理」页上传报告，或运行 `reportqa ingest data/reports`。"
ALL = "全部"
THEME = gr.themes.Default(font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "system-ui",
                                "sans-serif"])
CSS = """
.rq-src {border:1px solid #d0d7de; border-radius:8px; padding:8px 12px; margin:8px 0;}
.rq-src .rq-head {font-weight:600;}
.rq-src .rq-meta {color:#57606a; font-size:0.9em; margin:2px 0 6px;}
.rq-src .rq-text {white-space:pre-wrap; line-height:1.6;}
.rq-src mark {background:#fff3a3; padding:0 2px;}
"""
DOC_COLUMNS = ["标题", "地区", "年份", "发布单位", "发布日期", "类型", "段落数", "doc_id"]
FACT_COLUMNS = ["条", "地区", "年份", "指标", "数值", "原句", "报告"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")
# Sentence ends in Chinese reports: 。！？； and line breaks (the passage keeps its paragraphs).
_SENT_SPLIT = re.compile(r"(?<=[。！？；!?;\n])")
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?")
_MARKER = re.compile(r"\[(\d+)\]")
_YEAR = re.compile(r"^(19|20)\d\d$")


# --- escaping and rendering (pure functions) -------------------------------------------------
def esc_html(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def esc_md(text: Any) -> str:
    """Text for a Markdown component shown literally: HTML escaped, Markdown syntax backslashed
    ("[1]" still reads "[1]", "<script>" reads "<script>", "# x" is not a heading)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape("" if text is None else str(text), quote=False))


def _claims(answer: str, n: int) -> str:
    """The answer sentences that cite [n] (all of the answer when none does)."""
    sents = [s for s in _SENT_SPLIT.split(answer) if f"[{n}]" in s]
    return _MARKER.sub("", " ".join(sents) if sents else answer)


def _figures(claim: str) -> list[str]:
    figs = set(_FIGURE.findall(claim))
    non_years = {f for f in figs if not _YEAR.match(f)}
    return sorted(non_years or figs, key=len, reverse=True)


def _has_figure(sentence: str, fig: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(fig)}(?![\d])", sentence) is not None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def highlight(passage: str, answer: str, n: int, quote: str | None = None) -> str:
    """The passage as escaped HTML with the sentences that support citation [n] in <mark>.

    A passage sentence supports the claim when it holds the quoted sentence, or a figure the
    answer states for [n] (e.g. "99%"); failing both, the sentence sharing most character
    bigrams with the claim (Chinese has no spaces, so bigrams stand in for words).
    """
    sents = [s for s in _SENT_SPLIT.split(passage) if s]
    claim = _claims(answer, n)
    figs = _figures(claim)
    marked = [bool(quote and quote.strip() and quote.strip() in s) or
              any(_has_figure(s, f) for f in figs) for s in sents]
    if not any(marked) and sents:
        cb = _bigrams(claim)
        scores = [len(cb & _bigrams(s)) / (len(_bigrams(s)) or 1) for s in sents]
        best = max(range(len(sents)), key=scores.__getitem__)
        marked[best] = scores[best] >= 0.2
    return "".join(f"<mark>{esc_html(s)}</mark>" if m else esc_html(s)
                   for s, m in zip(sents, marked))


def sources_html(answer: dict[str, Any], link_text: bool = True) -> str:
    """The sources panel: one card per citation (report, region, year, section, passage)."""
    cites = answer.get("citations") or []
    if not cites:
        return "<div class='rq-src'>没有可引用的段落。</div>"
    cards = []
    for c in cites:
        n = int(c.get("n", 0))
        meta = " · ".join(esc_html(v) for v in (c.get("region"), c.get("year"), c.get("section"))
                          if v not in (None, ""))
        link = (f" <a href='api/documents/{esc_html(c.get('doc_id', ''))}/text' target='_blank' "
                "rel='noopener noreferrer'>全文</a>") if link_text else ""
        body = highlight(c.get("text", ""), answer.get("answer", ""), n,
                         c.get("quote") or c.get("sentence"))
        cards.append(f"<div class='rq-src' data-n='{n}'><div class='rq-head'>[{n}] "
                     f"{esc_html(c.get('title') or c.get('source'))}{link}</div>"
                     f"<div class='rq-meta'>{meta}</div><div class='rq-text'>{body}</div></div>")
    return "".join(cards)


# --- data shaping -----------------------------------------------------------------------------
def _region_filter(province: str | None, city: str | None, district: str | None) -> str | None:
    for value in (district, city, province):
        if value and value != ALL:
            return value
    return None


def _filters(province, city, district, year) -> dict[str, Any] | None:
    f: dict[str, Any] = {}
    region = _region_filter(province, city, district)
    if region:
        f["region"] = region
    if year and year != ALL:
        f["year"] = int(year)
    return f or None


def _choices(values: Any) -> list[str]:
    return [ALL] + sorted({str(v) for v in values if v not in (None, "")})


def _doc_rows(docs: list[dict]) -> list[list[Any]]:
    return [[d.get("title", ""), d.get("region", ""), d.get("year") or "", d.get("issuer", ""),
             d.get("publish_date", ""), d.get("kind", ""), d.get("n_chunks", ""), d.get("doc_id")]
            for d in docs]


def _doc_choices(docs: list[dict]) -> list[tuple[str, str]]:
    return [(f"{d.get('title') or d.get('source')}（{d.get('region', '')} {d.get('year') or ''}）",
             d["doc_id"]) for d in docs]


def _fact_frame(facts: list[dict], titles: dict[str, str]) -> pd.DataFrame:
    rows, seen = [], {}
    for f in facts:
        label = f"{f.get('region') or '?'} {f.get('year') or ''}".strip()
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # two figures for one region-year (e.g. two reports): keep both bars
            label = f"{label} #{seen[label]}"
        rows.append({"条": label, "地区": f.get("region", ""), "年份": f.get("year") or "",
                     "指标": f.get("metric", ""), "数值": f.get("value_text") or f.get("value"),
                     "value": float(f.get("value") or 0), "单位": f.get("unit", ""),
                     "原句": f.get("sentence", ""), "报告": titles.get(f.get("doc_id", ""), "")})
    return pd.DataFrame(rows, columns=FACT_COLUMNS + ["value", "单位"])


# --- the app ----------------------------------------------------------------------------------
def build_ui(qa_provider: "ReportService") -> gr.Blocks:
    """The web UI over a ReportService (which hands out the current ReportQA)."""
    svc = qa_provider

    def docs() -> list[dict]:
        qa = svc.current()
        return qa.documents() if qa else []

    with gr.Blocks(title="法治报告智能问答 reportqa", analytics_enabled=False) as demo:
        gr.Markdown("## 法治政府建设报告 · 智能问答")
        banner = gr.Markdown(visible=False, elem_id="rq-banner")
        with gr.Tab("智能问答", id="chat"):
            chat = _chat_tab(svc)
        with gr.Tab("报告管理", id="manage"):
            manage = _manage_tab(svc)
        with gr.Tab("数据对比", id="facts"):
            facts = _facts_tab(svc)

        def on_load():
            d = docs()
            return (gr.update(value=EMPTY_MSG if not d else "", visible=not d),
                    *chat["refresh"](d), *manage["refresh"](d), *facts["refresh"]())

        demo.load(on_load, None, [banner, *chat["refresh_outputs"], *manage["refresh_outputs"],
                                  *facts["refresh_outputs"]], api_visibility="private")
        # after an upload or delete, every tab's choices follow the index
        for ev in manage["changed"]:
            ev.then(on_load, None, [banner, *chat["refresh_outputs"], *manage["refresh_outputs"],
                                    *facts["refresh_outputs"]], api_visibility="private")
    demo.queue(default_concurrency_limit=4)
    return demo


def _chat_tab(svc: "ReportService") -> dict[str, Any]:
    with gr.Row():
        province = gr.Dropdown([ALL], value=ALL, label="省", scale=1, allow_custom_value=True)
        city = gr.Dropdown([ALL], value=ALL, label="市", scale=1, allow_custom_value=True)
        district = gr.Dropdown([ALL], value=ALL, label="区/县", scale=1,
                               allow_custom_value=True)
        year = gr.Dropdown([ALL], value=ALL, label="年份", scale=1, allow_custom_value=True)
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="问答", height=460, elem_id="rq-chat", sanitize_html=True,
                                 latex_delimiters=[], feedback_options=None,
                                 buttons=["copy"], placeholder="请输入关于法治政府建设报告的问题")
            with gr.Row():
                msg = gr.Textbox(placeholder="例如：盐田区2020年人民调解成功率是多少？", show_label=False,
                                 scale=5, elem_id="rq-question", submit_btn="提问")
                clear = gr.Button("清空对话", scale=1)
            gr.Examples([[q] for q in EXAMPLES], inputs=[msg], label="示例问题")
        with gr.Column(scale=2):
            gr.Markdown("### 引用来源")
            sources = gr.HTML("<div class='rq-src'>提问后，这里显示答案引用的报告原文段落。</div>",
                              elem_id="rq-sources", js_on_load=None)
            doc_pick = gr.Dropdown([], label="查看引用报告全文", elem_id="rq-doc-pick",
                                   allow_custom_value=True)
            doc_text = gr.Textbox(label="报告全文", lines=12, max_lines=24, interactive=False,
                                  elem_id="rq-doc-text")
    state = gr.State([])

    def regions_all() -> list[dict]:
        qa = svc.current()
        return qa.regions() if qa else []

    def cities(p):
        rs = [r for r in regions_all() if p in (None, ALL) or r.get("province") == p]
        return gr.update(choices=_choices(r.get("city") for r in rs), value=ALL), gr.update(
            choices=_choices(r.get("district") for r in rs), value=ALL)

    def districts(p, c):
        rs = [r for r in regions_all() if (p in (None, ALL) or r.get("province") == p)
              and (c in (None, ALL) or r.get("city") == c)]
        return gr.update(choices=_choices(r.get("district") for r in rs), value=ALL)

    province.change(cities, [province], [city, district], api_visibility="private")
    city.change(districts, [province, city], [district], api_visibility="private")

    def respond(message: str, history: list[dict], p: str, c: str, d: str, y: str) -> Iterator:
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            yield _shown(history), gr.skip(), "", history, gr.skip()
            return
        turn = history + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        try:
            qa = svc.qa()
            text = ""
            for item in qa.ask_stream(message, history=history or None,
                                      filters=_filters(p, c, d, y)):
                if isinstance(item, str):
                    text += item
                    turn[-1]["content"] = text
                    yield _shown(turn), gr.skip(), "", turn, gr.skip()
                    continue
                answer = item.to_dict()
                turn[-1]["content"] = answer.get("answer", text)
                cited = {c["doc_id"]: c.get("title") or c["doc_id"] for c in answer["citations"]}
                pick = gr.update(choices=[(t, i) for i, t in cited.items()], value=None)
                yield _shown(turn), sources_html(answer), "", turn, pick
        except NoReportsError:
            turn[-1]["content"] = EMPTY_MSG
            yield _shown(turn), "", "", turn, gr.skip()
        except ReportQAError as err:
            turn[-1]["content"] = f"无法回答：{err}"
            yield _shown(turn), "", "", turn, gr.skip()

    outs = [chatbot, sources, msg, state, doc_pick]
    msg.submit(respond, [msg, state, province, city, district, year], outs, api_name="chat")
    clear.click(lambda: ([], "", [], gr.update(choices=[], value=None), ""), None,
                [chatbot, sources, state, doc_pick, doc_text], api_visibility="private")

    def show_text(doc_id):
        if not doc_id:
            return ""
        try:
            return svc.qa().document_text(doc_id)
        except ReportQAError as err:
            return str(err)

    doc_pick.change(show_text, [doc_pick], [doc_text], api_name="document_text")

    def refresh(d: list[dict]):
        rs = regions_all()
        return (gr.update(choices=_choices(r.get("province") for r in rs)),
                gr.update(choices=_choices(r.get("city") for r in rs)),
                gr.update(choices=_choices(r.get("district") for r in rs)),
                gr.update(choices=_choices(x.get("year") for x in d)))

    return {"refresh": refresh, "refresh_outputs": [province, city, district, year]}


def _shown(messages: list[dict]) -> list[dict]:
    """Chat messages for display: report text escaped so that it shows as text."""
    return [{"role": m["role"], "content": esc_md(m["content"])} for m in messages]


def _manage_tab(svc: "ReportService") -> dict[str, Any]:
    from app.uploads import supported_extensions

    exts = list(supported_extensions())
    table = gr.Dataframe(pd.DataFrame(columns=DOC_COLUMNS), interactive=False, label="已入库报告",
                         wrap=True, elem_id="rq-docs", latex_delimiters=[],
                         column_widths=["34%", "9%", "7%", "12%", "10%", "8%", "7%", "13%"])
    with gr.Row():
        with gr.Column():
            files = gr.File(file_count="multiple", file_types=exts, type="filepath",
                            label=f"上传报告（{' '.join(exts)}）", elem_id="rq-upload")
            upload_btn = gr.Button("上传并建立索引", variant="primary")
        with gr.Column():
            pick = gr.Dropdown([], label="选择要删除的报告", elem_id="rq-delete-pick",
                               allow_custom_value=True)
            delete_btn = gr.Button("删除报告", variant="stop")
    status = gr.Markdown(elem_id="rq-manage-status")

    def upload(paths: list[str] | None, progress=gr.Progress()) -> str:
        if not paths:
            return "请先选择文件。"
        progress(0.05, desc="保存文件")
        try:
            stored = [svc.uploads.store_path(Path(p).name, Path(p), within=get_upload_folder())
                      for p in paths]
            progress(0.2, desc=f"建立索引（{len(stored)} 个文件：分词、向量编码）")
            report = svc.ingest_stored(stored)
        except ReportQAError as err:
            return f"上传失败：{esc_md(err)}"
        progress(1.0, desc="完成")
        return _report_md(report)

    def delete(doc_id: str | None) -> str:
        if not doc_id:
            return "请先选择报告。"
        try:
            report = svc.delete(doc_id)
        except ReportQAError as err:
            return f"删除失败：{esc_md(err)}"
        return f"已删除 {len(report.get('removed', []))} 份报告：{esc_md(', '.join(report.get('removed', [])))}"

    up = upload_btn.click(upload, [files], [status], api_name="upload")
    de = delete_btn.click(delete, [pick], [status], api_name="delete_report")

    def refresh(d: list[dict]):
        return (gr.update(value=pd.DataFrame(_doc_rows(d), columns=DOC_COLUMNS)),
                gr.update(choices=_doc_choices(d), value=None))

    return {"refresh": refresh, "refresh_outputs": [table, pick], "changed": [up, de]}


def _report_md(report: dict[str, Any]) -> str:
    lines = [f"入库 {len(report.get('ingested', []))} 份，跳过（内容未变）{len(report.get('skipped', []))} 份，"
             f"失败 {len(report.get('failed', []))} 份。现在即可提问。"]
    for d in report.get("ingested", []):
        lines.append(f"- 已入库：{esc_md(d.get('title') or d.get('source', ''))}（{esc_md(d.get('region', ''))} "
                     f"{esc_md(d.get('year') or '')}，{esc_md(d.get('n_chunks', ''))} 段）")
    for f in report.get("failed", []):
        lines.append(f"- 失败：{esc_md(Path(str(f.get('source', ''))).name)}：{esc_md(f.get('reason', ''))}")
    return "\n".join(lines)


def _facts_tab(svc: "ReportService") -> dict[str, Any]:
    with gr.Row():
        metric = gr.Dropdown([], label="指标", elem_id="rq-metric", scale=2,
                             allow_custom_value=True)
        region = gr.Dropdown([ALL], value=ALL, label="地区", scale=1, allow_custom_value=True)
    plot = gr.BarPlot(x="条", y="value", title="各地区对比", x_title="地区 年份", y_title="数值",
                      tooltip=["条", "数值", "原句"], height=320, sort=None, x_label_angle=-30,
                      y_lim=[0, None])
    table = gr.Dataframe(pd.DataFrame(columns=FACT_COLUMNS), interactive=False, wrap=True,
                         label="数据明细（每条柱对应一句原文）", elem_id="rq-facts", latex_delimiters=[],
                         column_widths=["12%", "8%", "6%", "12%", "8%", "34%", "20%"])
    detail = gr.Markdown()

    def all_facts(m: str | None = None, r: str | None = None) -> tuple[list[dict], dict]:
        qa = svc.current()
        docs = qa.documents() if qa else []
        if not docs:
            return [], {}
        rows = [f.to_dict() for f in qa.facts(metric=m or None,
                                              region=None if r in (None, ALL) else r)]
        return rows, {d["doc_id"]: d.get("title", "") for d in docs}

    def show(m: str | None, r: str | None):
        if not m:
            return gr.update(value=None), pd.DataFrame(columns=FACT_COLUMNS), ""
        rows, titles = all_facts(m, r)
        units = pd.Series([f.get("unit", "") for f in rows]).value_counts()
        if len(units):  # one unit per chart: mixing % with 件 would mislead
            rows = [f for f in rows if f.get("unit", "") == units.index[0]]
        frame = _fact_frame(rows, titles).sort_values("value", ascending=False, kind="stable")
        unit = units.index[0] if len(units) else ""
        return (gr.update(value=frame, y_title=f"{m}（{unit}）" if unit else m),
                frame[FACT_COLUMNS], "")

    def pick(evt: gr.SelectData, data):
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        try:
            r = list(data.iloc[row]) if hasattr(data, "iloc") else list(data[row])
            return (f"**{esc_md(r[0])}**：{esc_md(r[4])}　\n原句：{esc_md(r[5])}　\n"
                    f"报告：{esc_md(r[6])}")
        except (IndexError, KeyError, TypeError):
            return ""

    metric.change(show, [metric, region], [plot, table, detail], api_name="facts")
    region.change(show, [metric, region], [plot, table, detail], api_visibility="private")
    table.select(pick, [table], [detail], api_visibility="private")

    def refresh():
        rows, _ = all_facts()
        counts = pd.Series([f.get("metric", "") for f in rows]).value_counts()
        metrics = [str(m) for m in counts.index if m]
        regions = _choices(f.get("region") for f in rows)
        return (gr.update(choices=metrics, value=metrics[0] if metrics else None),
                gr.update(choices=regions, value=ALL))

    return {"refresh": refresh, "refresh_outputs": [metric, region]}
