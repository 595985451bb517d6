"""The Gradio web UI (Chinese): 智能问答 (chat with cited sources), 报告管理 (search, upload and
delete reports) and 数据对比 (one metric across places).

Callbacks are thin: they call the ReportService and hand the result to the renderers in
app/ui_html.py and the shaping in app/ui_data.py. Report text is untrusted and is escaped there
before it reaches any component (the chat renders our own, already escaped HTML).

The conversation lives in the browser (gr.BrowserState, localStorage), so a reload keeps it.
"""
from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import gradio as gr
from gradio.utils import get_upload_folder

from ingest.errors import ReportQAError

from app.report_page import FONTS, report_url
from app.service import NoReportsError
from app.ui_data import (GROUPS, ORDERS, SEARCHED, SORTS, answer_metric, doc_label, error_zh,
                         fact_view, find_docs, follow_ups, group_of_doc, metric_choices,
                         metric_label, page_of, reason_zh, searched_group)
from app.ui_html import (bar_chart_html, cite_links, esc_html, esc_md, highlight, sources_html,
                         table_html)

if TYPE_CHECKING:
    from app.service import ReportService

__all__ = ["build_ui", "esc_html", "esc_md", "sources_html", "highlight", "EXAMPLES", "THEME",
           "CSS", "HEAD", "EARLY_HEAD"]

log = logging.getLogger(__name__)

EXAMPLES = ["盐田区2020年人民调解成功率是多少？",
            "盐田、沙坪坝、罗湖的人民调解成功率分别是多少？哪个最高？",
            "罗湖区2020年办理法律援助案件多少宗？"]
EMPTY_MSG = "索引中还没有报告。请先在「报告管理」页上传报告，或运行 `reportqa ingest data/reports`。"
ALL = "全部"
PAGE_SIZE = 20
PICK_LIMIT = 50          # the delete picker lists at most this many matches of the search
N_SUGGEST = 3
THEME = gr.themes.Default(font=[f.strip().strip('"') for f in FONTS.split(",")])
DOC_COLUMNS = ["标题", "地区", "年份", "发布单位", "发布日期", "类型", "段落数"]
FACT_COLUMNS = ["地区 年份", "数值", "原句", "报告"]
CSS = f"""
body, gradio-app, .gradio-container {{font-family:{FONTS};}}
.rq-src {{border:1px solid #d0d7de; border-radius:8px; padding:8px 12px; margin:8px 0;
  scroll-margin-top:12px; transition:box-shadow .3s;}}
.rq-src.rq-flash {{box-shadow:0 0 0 3px #f0b429;}}
.rq-src .rq-head {{font-weight:600;}}
.rq-src .rq-meta {{color:#57606a; font-size:0.9em; margin:2px 0 6px;}}
.rq-src .rq-text {{line-height:1.6;}}
.rq-src mark, .rq-text mark {{background:#fff3a3; padding:0 2px;}}
a.rq-cite {{position:relative; text-decoration:none; font-weight:600; color:#0969da;
  cursor:pointer;}}
a.rq-cite .rq-card {{display:none; position:absolute; z-index:50; left:0; top:1.4em;
  width:min(22rem, 70vw); padding:8px 10px; background:#fff; color:#1f2328; font-weight:400;
  border:1px solid #d0d7de; border-radius:8px; box-shadow:0 4px 14px rgba(0,0,0,.15);
  line-height:1.5; white-space:normal;}}
a.rq-cite:hover .rq-card, a.rq-cite:focus .rq-card {{display:block;}}
details.rq-inline {{display:none; margin-top:8px;}}
details.rq-inline > summary {{cursor:pointer; color:#0969da;}}
.rq-table-wrap {{overflow-x:auto; max-width:100%; -webkit-overflow-scrolling:touch;}}
.rq-table {{border-collapse:collapse; min-width:640px; width:100%; font-size:.92em;}}
.rq-table th, .rq-table td {{border-bottom:1px solid #e5e7eb; padding:4px 8px; text-align:left;
  vertical-align:top;}}
.rq-table td {{min-width:4em;}}
.rq-table tr.rq-group th {{background:#f6f8fa; color:#24292f;}}
/* 数据对比: place-year and figure stay on one line ("1103宗", not "1103" over "宗") */
#rq-facts .rq-table td:nth-child(-n+2) {{white-space:nowrap;}}
.rq-chart {{display:flex; flex-direction:column; gap:6px; padding:4px 0;}}
.rq-chart-title {{font-weight:600;}}
.rq-chart-group {{margin-top:8px; font-weight:600; color:#57606a;
  border-bottom:1px solid #e5e7eb;}}
.rq-bar {{display:grid; grid-template-columns:minmax(6rem, 12rem) 1fr; gap:8px;
  align-items:center;}}
.rq-bar-label {{overflow:hidden; text-overflow:ellipsis; white-space:nowrap;}}
.rq-bar-track {{position:relative; display:flex; align-items:center; gap:6px; min-width:0;}}
.rq-bar-fill {{height:18px; background:#4c8bf5; border-radius:3px; flex:none;
  max-width:calc(100% - 5.5rem);}}
.rq-bar-value {{white-space:nowrap; font-variant-numeric:tabular-nums;}}
#rq-suggest button {{white-space:normal;}}
/* a dropdown's list shows only while its own box has focus: tabbing through the filters must not
   leave every list open */
.block:not(:focus-within) > * ul.option-list, .block:not(:focus-within) ul.option-list
  {{display:none !important;}}
@media (max-width: 768px) {{
  #rq-side {{display:none !important;}}
  details.rq-inline {{display:block;}}
  #rq-docs .rq-table th:first-child {{width:45%;}}  /* the next columns show: the table scrolls */
  .rq-bar {{grid-template-columns:1fr;}}
}}
"""
# EARLY_HEAD goes into the page's <head> before Gradio's own scripts (the server rewrites the
# page, see app/server.py): Gradio picks its language from the browser once, at start, so the
# page (and Gradio's texts: "拖放文件到此处", not "Drop File Here") is Chinese whatever the
# browser's language. HEAD (Gradio's head= hook, run once the app is up): [n] in an answer
# scrolls to its source card (the side panel on wide screens, the answer's own block on phones).
EARLY_HEAD = """<script>
try {
  Object.defineProperty(navigator, 'language', {get: () => 'zh-CN'});
  Object.defineProperty(navigator, 'languages', {get: () => ['zh-CN', 'zh']});
} catch (e) {}
</script>"""
HEAD = """<script>
(() => {
  document.documentElement.lang = 'zh-CN';
  new MutationObserver(() => {
    if (document.documentElement.lang !== 'zh-CN') document.documentElement.lang = 'zh-CN';
  }).observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
  // a dropdown's list closes when keyboard focus leaves it (Tab through the filters opens one
  // list at a time, not all of them)
  document.addEventListener('focusin', (e) => {
    document.querySelectorAll('input[role=combobox][aria-expanded=true]').forEach((box) => {
      if (box !== e.target) {
        box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
        box.dispatchEvent(new FocusEvent('blur'));
      }
    });
  });
  // a new answer is read from its start: when a question is added, the chat scrolls so that
  // the question sits at its top and the answer follows below it (Gradio's own autoscroll,
  // off here, would show the end of a long answer)
  let asked = 0;
  new MutationObserver(() => {
    const qs = document.querySelectorAll('#rq-chat .user-row');
    if (qs.length === asked) return;
    asked = qs.length;
    const last = qs[qs.length - 1];
    const box = last && last.closest('.bubble-wrap');
    if (box) box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
  }).observe(document.body, {subtree: true, childList: true});
  const flash = (card) => {
    card.scrollIntoView({behavior: 'smooth', block: 'center'});
    card.classList.add('rq-flash');
    setTimeout(() => card.classList.remove('rq-flash'), 1800);
  };
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a.rq-cite');
    if (!a) return;
    e.preventDefault(); e.stopPropagation();
    const n = a.dataset.n, turn = a.dataset.turn;
    const panel = document.querySelector('#rq-sources .rq-sources-root');
    const side = document.querySelector('#rq-side');
    if (panel && side && side.offsetParent !== null && panel.dataset.turn === turn) {
      const card = panel.querySelector('.rq-src[data-n="' + n + '"]');
      if (card) return flash(card);
    }
    const block = document.querySelector('details.rq-inline[data-turn="' + turn + '"]');
    if (block) {
      block.open = true;
      const card = block.querySelector('.rq-src[data-n="' + n + '"]');
      if (card) flash(card);
    }
  }, true);
})();
</script>"""


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
            chat = _chat_tab(svc, demo)
        with gr.Tab("报告管理", id="manage"):
            manage = _manage_tab(svc)
        with gr.Tab("数据对比", id="facts"):
            facts = _facts_tab(svc)

        def on_load():
            d = docs()
            return (gr.update(value=EMPTY_MSG if not d else "", visible=not d),
                    *chat["refresh"](d), *manage["refresh"](d), *facts["refresh"]())

        outputs = [banner, *chat["refresh_outputs"], *manage["refresh_outputs"],
                   *facts["refresh_outputs"]]
        demo.load(on_load, None, outputs, api_visibility="private")
        # after an upload or delete, every tab's choices follow the index
        for ev in manage["changed"]:
            ev.then(on_load, None, outputs, api_visibility="private")
    demo.queue(default_concurrency_limit=4)
    return demo


# --- 智能问答 ------------------------------------------------------------------------------------
def _link_fn(svc: "ReportService"):
    key = svc.settings.api_key
    return lambda doc_id, c: report_url(doc_id, c, key) if doc_id else None


def _slim(answer: dict[str, Any]) -> dict[str, Any]:
    """What the browser keeps of an answer to show it again after a reload."""
    keep = ("n", "doc_id", "title", "source", "region", "year", "section", "text", "quote",
            "chunk_id")
    return {"question": answer.get("question", ""), "answer": answer.get("answer", ""),
            "citations": [{k: c.get(k) for k in keep} for c in answer.get("citations") or []]}


def _assistant_html(answer: dict[str, Any], turn: int, link) -> str:
    """An answer for the chat: escaped Markdown, [n] as links with hover cards, and its sources
    in a collapsible block (shown on narrow screens, where there is no side panel)."""
    cites = answer.get("citations") or []
    text = cite_links(esc_md(answer.get("answer", "")), cites)
    text = text.replace("class='rq-cite' ", f"class='rq-cite' data-turn='{turn}' ")
    if not cites:
        return text
    cards = sources_html(answer, link, prefix=f"rq-m{turn}")
    return (f"{text}\n\n<details class='rq-inline' data-turn='{turn}'><summary>引用来源"
            f"（{len(cites)}）</summary>{cards}</details>")


def _display(history: list[dict[str, Any]], link) -> list[dict[str, str]]:
    out = []
    for i, m in enumerate(history):
        if m.get("role") == "assistant" and m.get("answer"):
            out.append({"role": "assistant", "content": _assistant_html(m["answer"], i, link)})
        else:
            out.append({"role": m.get("role", "user"), "content": esc_md(m.get("content", ""))})
    return out


def _side_sources(history: list[dict[str, Any]], link) -> str:
    for i in range(len(history) - 1, -1, -1):
        if history[i].get("answer"):
            return (f"<div class='rq-sources-root' data-turn='{i}'>"
                    f"{sources_html(history[i]['answer'], link)}</div>")
    return "<div class='rq-src'>提问后，这里显示答案引用的报告原文段落。点击答案中的 [1] 可跳到对应段落。</div>"


def _chat_tab(svc: "ReportService", demo: gr.Blocks) -> dict[str, Any]:
    link = _link_fn(svc)
    with gr.Row():
        province = gr.Dropdown([ALL], value=ALL, label="省", scale=1, min_width=120,
                               filterable=False, elem_id="rq-f-province")
        city = gr.Dropdown([ALL], value=ALL, label="市", scale=1, min_width=120, filterable=False,
                           elem_id="rq-f-city")
        district = gr.Dropdown([ALL], value=ALL, label="区/县", scale=1, min_width=120,
                               filterable=False, elem_id="rq-f-district")
        year = gr.Dropdown([ALL], value=ALL, label="年份", scale=1, min_width=120,
                           filterable=False, elem_id="rq-f-year")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            chatbot = gr.Chatbot(label="问答", height=520, elem_id="rq-chat", sanitize_html=False,
                                 autoscroll=False,  # HEAD scrolls to the new question instead
                                 latex_delimiters=[], feedback_options=None,
                                 buttons=["copy"], placeholder="请输入关于法治政府建设报告的问题")
            msg = gr.Textbox(placeholder="例如：盐田区2020年人民调解成功率是多少？", show_label=False,
                             elem_id="rq-question", submit_btn="提问")
            with gr.Row(elem_id="rq-suggest"):
                suggest = [gr.Button(visible=False, size="sm", variant="secondary",
                                     elem_classes=["rq-suggestion"]) for _ in range(N_SUGGEST)]
            with gr.Row():
                new_chat = gr.Button("新对话", size="sm", elem_id="rq-new-chat")
            gr.Examples([[q] for q in EXAMPLES], inputs=[msg], label="示例问题")
        with gr.Column(scale=2, min_width=280, elem_id="rq-side"):
            gr.Markdown("### 引用来源")
            sources = gr.HTML(_side_sources([], link), elem_id="rq-sources")
    state = gr.BrowserState([], storage_key="reportqa-chat",
                            secret=_state_secret(svc))

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

    def suggestions_for(answer: dict[str, Any] | None) -> list[Any]:
        qs: list[str] = []
        qa = svc.current()
        if qa is not None and answer and answer.get("found", True) and answer.get("citations"):
            cited = {c.get("doc_id") for c in answer["citations"]}
            doc_facts = [f.to_dict() for c in answer["citations"][:3]
                         for f in qa.facts(region=c.get("region") or None, year=c.get("year"))
                         if f.doc_id in cited]
            asked = ((answer.get("analysis") or {}).get("metrics") or [""])[0]
            metric, facts = None, []
            # the metric of the stated figure, else the asked one as the index names it
            for name in (answer_metric(answer, doc_facts), asked or None):
                found = [f.to_dict() for f in qa.facts(metric=name)] if name else []
                if len({f["region"] for f in found}) >= 2:  # facts() matches by meaning
                    metric, facts = name, found
                    break
            qs = follow_ups(answer, regions_all(), metric, facts, N_SUGGEST)
        return [gr.update(value=q, visible=True) for q in qs] + \
               [gr.update(value="", visible=False)] * (N_SUGGEST - len(qs))

    def respond(message: str, history: list[dict], p: str, c: str, d: str, y: str) -> Iterator:
        history = [m for m in (history or []) if isinstance(m, dict)]
        message = (message or "").strip()
        if not message:
            yield _display(history, link), gr.skip(), "", history, *[gr.skip()] * N_SUGGEST
            return
        past = [{"role": m["role"], "content": m.get("content", "")} for m in history]
        turn = history + [{"role": "user", "content": message},
                          {"role": "assistant", "content": ""}]
        hidden = [gr.update(visible=False)] * N_SUGGEST
        try:
            text = ""
            for item in svc.qa().ask_stream(message, history=past or None,
                                            filters=_filters(p, c, d, y)):
                if isinstance(item, str):
                    text += item
                    turn[-1]["content"] = text
                    yield _display(turn, link), gr.skip(), "", gr.skip(), *hidden
                    continue
                answer = item.to_dict()
                turn[-1] = {"role": "assistant", "content": answer.get("answer", text),
                            "answer": _slim(answer)}
                yield (_display(turn, link), _side_sources(turn, link), "", turn,
                       *suggestions_for(answer))
        except NoReportsError:
            turn[-1]["content"] = EMPTY_MSG
            yield _display(turn, link), gr.skip(), "", turn, *hidden
        except ReportQAError as err:
            log.info("question not answered: %s", err)
            turn[-1]["content"] = f"无法回答：{error_zh(err)}"
            yield _display(turn, link), gr.skip(), "", turn, *hidden

    inputs = [msg, state, province, city, district, year]
    outs = [chatbot, sources, msg, state, *suggest]
    msg.submit(respond, inputs, outs, api_name="chat")
    for b in suggest:
        b.click(lambda q: q, [b], [msg], api_visibility="private").then(
            respond, inputs, outs, api_visibility="private")
    def fresh():
        return [], _side_sources([], link), [], "", *[gr.update(visible=False)] * N_SUGGEST

    new_chat.click(fresh, None, [chatbot, sources, state, msg, *suggest],
                   api_visibility="private")
    chatbot.clear(fresh, None, [chatbot, sources, state, msg, *suggest],
                  api_visibility="private")

    def restore(history):
        history = [m for m in (history or []) if isinstance(m, dict)]
        return _display(history, link), _side_sources(history, link)

    demo.load(restore, [state], [chatbot, sources], api_visibility="private")

    def refresh(d: list[dict]):
        rs = regions_all()
        return (gr.update(choices=_choices(r.get("province") for r in rs)),
                gr.update(choices=_choices(r.get("city") for r in rs)),
                gr.update(choices=_choices(r.get("district") for r in rs)),
                gr.update(choices=_choices(x.get("year") for x in d)))

    return {"refresh": refresh, "refresh_outputs": [province, city, district, year]}


def _state_secret(svc: "ReportService") -> str | None:
    """The key that encrypts the browser-kept conversation: derived from the API key when one is
    set (so it survives a restart), else Gradio's per-process random one."""
    key = svc.settings.api_key
    if not key:
        return None
    import hashlib
    return hashlib.sha256(f"reportqa-browser-state:{key}".encode()).hexdigest()


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


# --- 报告管理 ------------------------------------------------------------------------------------
def _doc_row(d: dict[str, Any]) -> list[Any]:
    return [d.get("title", ""), d.get("region", ""), d.get("year") or "", d.get("issuer", ""),
            d.get("publish_date", ""), d.get("kind", ""), d.get("n_chunks", "")]


def _manage_tab(svc: "ReportService") -> dict[str, Any]:
    from app.uploads import supported_extensions

    exts = list(supported_extensions())
    with gr.Row():
        find = gr.Textbox(label="搜索报告（地区、标题、发布单位或年份）", elem_id="rq-doc-search",
                          scale=3, min_width=200, placeholder="例如：盐田 或 深圳市 2020")
        sort = gr.Dropdown(list(SORTS), value=SORTS[0], label="排序", scale=1, min_width=120,
                           filterable=False, elem_id="rq-doc-sort")
        group = gr.Radio(list(GROUPS), value=GROUPS[0], label="分组", scale=1, min_width=200,
                         elem_id="rq-doc-group")
    table = gr.HTML(elem_id="rq-docs")
    with gr.Row():
        prev_btn = gr.Button("上一页", size="sm", elem_id="rq-prev")
        page_info = gr.Markdown(elem_id="rq-page-info")
        next_btn = gr.Button("下一页", size="sm", elem_id="rq-next")
    page = gr.State(1)
    with gr.Row():
        with gr.Column():
            files = gr.File(file_count="multiple", file_types=exts, type="filepath",
                            label=f"上传报告（{' '.join(exts)}）", elem_id="rq-upload")
            upload_btn = gr.Button("上传并建立索引", variant="primary", elem_id="rq-upload-btn")
        with gr.Column():
            pick = gr.Dropdown([], label="要删除的报告（先在上方搜索）", elem_id="rq-delete-pick",
                               filterable=False)
            delete_btn = gr.Button("删除报告", variant="stop", elem_id="rq-delete-btn")
            with gr.Group(visible=False) as confirm_box:
                confirm_text = gr.Markdown(elem_id="rq-delete-confirm")
                with gr.Row():
                    confirm_btn = gr.Button("确认删除", variant="stop", elem_id="rq-confirm-yes")
                    cancel_btn = gr.Button("取消", elem_id="rq-confirm-no")
    status = gr.Markdown(elem_id="rq-manage-status")

    def all_docs() -> list[dict]:
        qa = svc.current()
        return qa.documents() if qa else []

    def show(query: str, sort_by: str, grp: str, pg: int, d: list[dict] | None = None):
        hits = find_docs(all_docs() if d is None else d, query, sort_by, grp)
        rows, pg, pages = page_of(hits, pg, PAGE_SIZE)
        groups = [group_of_doc(x, grp) for x in rows] if grp != GROUPS[0] else None
        html = table_html(DOC_COLUMNS, [_doc_row(x) for x in rows], groups=groups)
        info = f"共 {len(hits)} 份报告 · 第 {pg}/{pages} 页"
        choices = [(doc_label(x), x["doc_id"]) for x in hits[:PICK_LIMIT]]
        return html, info, pg, gr.update(choices=choices, value=choices[0][1] if
                                         len(choices) == 1 else None)

    view_in = [find, sort, group, page]
    view_out = [table, page_info, page, pick]
    for comp in (find, sort, group):
        comp.change(lambda q, s, g: show(q, s, g, 1), [find, sort, group], view_out,
                    api_visibility="private")
    prev_btn.click(lambda q, s, g, p: show(q, s, g, p - 1), view_in, view_out,
                   api_visibility="private")
    next_btn.click(lambda q, s, g, p: show(q, s, g, p + 1), view_in, view_out,
                   api_visibility="private")

    def upload(paths: list[str] | None) -> Iterator:
        on, off = gr.update(interactive=True), gr.update(interactive=False)
        if not paths:
            yield "请先选择文件。", on, gr.skip()
            return
        yield f"正在保存 {len(paths)} 个文件…", off, gr.skip()
        try:
            for p in paths:
                svc.uploads.check_name(Path(p).name)
            stored = [svc.uploads.store_path(Path(p).name, Path(p), within=get_upload_folder())
                      for p in paths]
        except ReportQAError as err:
            yield f"上传失败：{esc_md(error_zh(err))}", on, gr.skip()
            return
        report = None
        for item in _ingest_with_progress(svc, stored):
            if isinstance(item, str):
                yield item, off, gr.skip()
            else:
                report = item
        if isinstance(report, BaseException):
            failed = getattr(report, "report", None)
            msg = _report_md(failed) if failed else f"上传失败：{esc_md(error_zh(report))}"
            yield msg, on, gr.skip()
            return
        yield _report_md(report), on, gr.update(value=None)

    def ask_delete(doc_id: str | None):
        d = next((x for x in all_docs() if x.get("doc_id") == doc_id), None)
        if d is None:
            return gr.update(visible=False), "", "请先在上方搜索，再从列表中选择要删除的报告。"
        return (gr.update(visible=True),
                f"确定删除《{esc_md(d.get('title') or '')}》（{esc_md(d.get('region') or '')} "
                f"{esc_md(d.get('year') or '')}）吗？删除后无法用它回答问题。", "")

    def delete(doc_id: str | None) -> tuple[Any, str]:
        d = next((x for x in all_docs() if x.get("doc_id") == doc_id), None)
        if d is None:
            return gr.update(visible=False), "请先选择报告。"
        try:
            svc.delete(d["doc_id"])
        except ReportQAError as err:
            return gr.update(visible=False), f"删除失败：{esc_md(error_zh(err))}"
        return gr.update(visible=False), f"已删除 1 份报告：{esc_md(doc_label(d))}"

    up = upload_btn.click(upload, [files], [status, upload_btn, files], api_name="upload",
                          concurrency_limit=1)
    delete_btn.click(ask_delete, [pick], [confirm_box, confirm_text, status],
                     api_visibility="private")
    cancel_btn.click(lambda: (gr.update(visible=False), "已取消删除。"), None,
                     [confirm_box, status], api_visibility="private")
    de = confirm_btn.click(delete, [pick], [confirm_box, status], api_name="delete_report")

    def refresh(d: list[dict]):
        return show("", SORTS[0], GROUPS[0], 1, d) + ("", SORTS[0], GROUPS[0])

    return {"refresh": refresh, "refresh_outputs": [*view_out, find, sort, group],
            "changed": [up, de]}


def _ingest_with_progress(svc: "ReportService", stored: list) -> Iterator[Any]:
    """Ingest in a worker thread; yields progress Markdown (each file: 解析, then n/N passages
    embedded) and finally the ingest report, or the exception it raised."""
    events: queue.Queue = queue.Queue()
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["report"] = svc.ingest_stored(stored, on_progress=lambda *a: events.put(a))
        except BaseException as err:  # handed to the UI thread, which words it
            result["report"] = err
        finally:
            events.put(None)

    threading.Thread(target=work, daemon=True, name="ui-ingest").start()
    names = [s.path.name for s in stored]
    progress = {"file": 0, "embed": None}
    while True:
        ev = events.get()
        if ev is None:
            break
        stage, done, total, _ = ev
        progress[stage] = (done, total) if stage == "embed" else done
        while not events.empty():  # coalesce a burst of batches into one update
            nxt = events.get()
            if nxt is None:
                events.put(None)
                break
            progress[nxt[0]] = (nxt[1], nxt[2]) if nxt[0] == "embed" else nxt[1]
        yield _progress_md(names, progress)
    yield result.get("report")


def _progress_md(names: list[str], progress: dict[str, Any]) -> str:
    embed = progress.get("embed")
    lines = ["**正在建立索引，请稍候…**"]
    for i, name in enumerate(names, 1):
        if embed is not None or i < progress["file"]:
            state = "已解析"
        elif i == progress["file"]:
            state = "正在解析"
        else:
            state = "等待中"
        lines.append(f"- {esc_md(name)}：{state}")
    if embed is not None:
        lines.append(f"- 向量编码：已完成 {embed[0]}/{embed[1]} 段")
    return "\n".join(lines)


def _report_md(report: dict[str, Any]) -> str:
    ingested, skipped, failed = (report.get(k, []) for k in ("ingested", "skipped", "failed"))
    lines = [f"入库 {len(ingested)} 份，跳过（内容未变）{len(skipped)} 份，失败 {len(failed)} 份。"
             + ("现在即可提问。" if ingested or skipped else "索引未改变。")]
    for d in ingested:
        lines.append(f"- 已入库：{esc_md(doc_label(d))}，{esc_md(d.get('n_chunks', ''))} 段")
    for f in failed:
        lines.append(f"- 失败：{esc_md(Path(str(f.get('source', ''))).name)}：{esc_md(reason_zh(f))}")
    return "\n".join(lines)


# --- 数据对比 ------------------------------------------------------------------------------------
def _facts_tab(svc: "ReportService") -> dict[str, Any]:
    with gr.Row():
        metric = gr.Dropdown([], label="指标（按含义归类，至少两份报告都有；也可直接输入搜索）",
                             elem_id="rq-metric", scale=3, min_width=220,
                             allow_custom_value=True)
        region = gr.Textbox(label="地区（省、市或区，可留空）", elem_id="rq-fact-region", scale=2,
                            min_width=160)
        year = gr.Dropdown([ALL], value=ALL, label="年份", scale=1, min_width=100,
                           filterable=False, elem_id="rq-fact-year")
    with gr.Row():
        order = gr.Radio(list(ORDERS), value=ORDERS[0], label="排序", min_width=200,
                         elem_id="rq-fact-order")
        top_n = gr.Slider(5, 100, value=20, step=5, label="显示前 N 条", min_width=200,
                          elem_id="rq-fact-top")
        group = gr.Radio(list(GROUPS), value=GROUPS[0], label="分组", min_width=220,
                         elem_id="rq-fact-group")
    note = gr.Markdown(elem_id="rq-fact-note")
    chart = gr.HTML(elem_id="rq-chart")
    table = gr.HTML(elem_id="rq-facts")
    searched = gr.State([])  # the metrics this user typed: the list shows them too
    listed = _ListedMetrics(svc)

    def show(m: str | None, r: str | None, y: str | None, o: str, n: float, g: str):
        qa = svc.current()
        if not m or qa is None or not qa.documents():
            return "", bar_chart_html([], "", ""), table_html(FACT_COLUMNS, [])
        docs = {d["doc_id"]: d for d in qa.documents()}
        facts = [f.to_dict() for f in qa.facts(metric=m, region=(r or "").strip() or None,
                                               year=int(y) if y and y != ALL else None)]
        # every report's figure for this metric, however it words it (qa.facts matches by
        # meaning: 办理/受理援助案件); the table shows each report's own sentence
        view = fact_view(facts, docs, o, int(n), g)
        units = "、".join(dict.fromkeys(x["unit"] for x in view.rows if x["unit"]))
        title = f"{m}（{units}）" if units else m  # 件/宗/起 compare: all are named
        bars = [x for _, members in view.groups for x in members] if view.groups else view.rows
        rows = [[x["label"], x["text"], x["sentence"], x["title"]] for x in bars]
        groups = [x["group"] for x in bars] if view.groups else None
        return (_fact_note(m, view), bar_chart_html(view.rows, title, view.unit, view.groups),
                table_html(FACT_COLUMNS, rows, groups=groups))

    def remember(m: str | None, mine: list[str]):
        """A typed metric joins the list (under 已搜索) when reports state it."""
        m = (m or "").strip()
        if not m or m in mine or m in listed.names() or not listed.states(m):
            return gr.skip(), gr.skip()
        mine = [*mine, m]
        return gr.update(choices=listed.choices(mine)), mine

    inputs = [metric, region, year, order, top_n, group]
    outputs = [note, chart, table]
    metric.change(show, inputs, outputs, api_name="facts")
    metric.change(remember, [metric, searched], [metric, searched], api_visibility="private")
    for comp in (year, order, group):
        comp.change(show, inputs, outputs, api_visibility="private")
    region.submit(show, inputs, outputs, api_visibility="private")
    top_n.release(show, inputs, outputs, api_visibility="private")

    def refresh():
        choices = listed.choices()
        years = _choices(f.get("year") for f in listed.facts())
        return (gr.update(choices=choices, value=choices[0][1] if choices else None),
                gr.update(choices=years, value=ALL), [])

    return {"refresh": refresh, "refresh_outputs": [metric, year, searched]}


class _ListedMetrics:
    """The 指标 list of the index being served (metric_choices), worked out once per index
    version: grouping by meaning compares wordings, which is too slow to redo per page load
    at a thousand reports."""

    def __init__(self, svc: "ReportService"):
        self.svc = svc
        self._key: Any = None
        self._facts: list[dict[str, Any]] = []
        self._base: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def _load(self) -> None:
        qa = self.svc.current()
        key = (id(qa), getattr(qa.index, "version", None)) if qa is not None else None
        with self._lock:
            if key == self._key:
                return
            facts = [f.to_dict() for f in qa.facts()] if qa is not None and qa.documents() else []
            self._facts, self._base, self._key = facts, metric_choices(facts), key

    def choices(self, searched: list[str] | None = None) -> list[tuple[str, str]]:
        """The list, with the metrics a user typed first (已搜索)."""
        self._load()
        mine = [g for m in searched or () for g in [searched_group(m, self._facts)] if g]
        return [(metric_label(g, SEARCHED), g.metric) for g in mine] + self._base

    def facts(self) -> list[dict[str, Any]]:
        self._load()
        return self._facts

    def names(self) -> set[str]:
        self._load()
        return {m for _, m in self._base}

    def states(self, metric: str) -> bool:
        self._load()
        return searched_group(metric, self._facts) is not None


def _fact_note(metric: str, view) -> str:
    shown = len(view.rows)
    text = (f"{esc_md(metric)}：共 {view.total} 条可比数据（单位：{esc_md(view.unit)}），"
            f"显示{'全部' if shown == view.total else f'前 {shown} 条'}。")
    if view.other_units:
        others = "、".join(f"{k} 条以“{esc_md(u)}”为单位" for u, k in view.other_units.items())
        text += f" 另有 {others}，单位不同，未画入图中。"
    return text
