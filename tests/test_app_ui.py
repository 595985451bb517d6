"""The web UI: escaping and the sources panel (unit), and the Gradio API through gradio_client
against a real server (integration)."""
from __future__ import annotations

import pytest

from app.ui import esc_html, esc_md, highlight, sources_html
from app.uploads import safe_filename

PASSAGE = ("全年共调解各类矛盾纠纷1700余宗，人民调解成功率达99%。"
           "<script>window.__pwned=1</script>开展普法活动200场。")


@pytest.mark.unit
def test_esc_md_keeps_text_literal():
    out = esc_md("# 标题 <img src=x onerror=alert(1)> **粗** [1](javascript:x)")
    assert "<img" not in out and "&lt;img" in out
    assert out.startswith("\\#") and "\\*\\*" in out and "\\[1\\]" in out


@pytest.mark.unit
def test_highlight_marks_the_sentence_with_the_answer_figure():
    out = highlight(PASSAGE, "盐田区2020年人民调解成功率为99%[1]。", 1)
    assert "<mark>全年共调解各类矛盾纠纷1700余宗，人民调解成功率达99%。</mark>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.count("<mark>") == 1


@pytest.mark.unit
def test_highlight_uses_quote_and_ignores_years():
    out = highlight("2020年开展普法活动200场。2020年调解成功率99%。", "2020年调解成功率99%[1]", 1)
    assert out == "2020年开展普法活动200场。<mark>2020年调解成功率99%。</mark>"
    quoted = highlight("甲。乙丙丁。", "无数字[1]", 1, quote="乙丙丁")
    assert quoted == "甲。<mark>乙丙丁。</mark>"


@pytest.mark.unit
def test_sources_html_escapes_every_field():
    answer = {"answer": "成功率99%[1]", "citations": [{
        "n": 1, "doc_id": "d'><b>", "title": "<b>报告</b>", "source": "x.txt",
        "region": "<i>盐田区</i>", "year": 2020, "section": "一、<u>概述</u>", "text": PASSAGE}]}
    out = sources_html(answer)
    for raw in ("<b>", "<i>", "<u>", "<script>", "d'><b>"):
        assert raw not in out
    assert "&lt;b&gt;报告&lt;/b&gt;" in out and "[1]" in out and "<mark>" in out
    assert esc_html("a'b\"c") == "a&#x27;b&quot;c"


@pytest.mark.unit
@pytest.mark.parametrize("name, expected", [
    ("../../evil.txt", "evil.txt"), ("..\\..\\win.TXT", "win.txt"), ("/etc/passwd.md", "passwd.md"),
    ("报告\u202e.txt", "报告.txt"), ("a\x00b\n.txt", "ab.txt"), ("..", "upload"),
    ("...txt", "txt"), ("a<b>:c.pdf", "a_b__c.pdf")])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


@pytest.mark.integration
def test_gradio_client_chat(qa, sample_index_dir, tmp_path):
    from gradio_client import Client

    from app.server import create_app
    from app_live import LiveServer
    from ingest.settings import Settings

    app = create_app(qa, Settings(index_dir=sample_index_dir, corpus_dir=tmp_path))
    with LiveServer(app) as live:
        client = Client(live.url + "/", verbose=False, download_files=False)
        try:
            chat, sources, *_ = client.predict("盐田区2020年人民调解成功率是多少？", "全部",
                                               "全部", "全部", "全部", api_name="/chat")
            doc_id = qa.documents()[0]["doc_id"]
            doc_text = client.predict(doc_id, api_name="/document_text")
        finally:
            client.close()
        assert chat[0]["role"] == "user" and chat[-1]["role"] == "assistant"
        content = chat[-1]["content"]  # gradio 6: a list of {"type": "text", "text": ...} parts
        reply = "".join(p["text"] for p in content) if isinstance(content, list) else content
        assert "99%" in reply and "\\[1\\]" in reply
        assert "盐田" in sources and "<mark>" in sources
        assert doc_text == qa.document_text(doc_id)
