"""Tables kept as tables: each format's tables give one fact per cell (metric, value, unit, year)
and self-explaining table chunks; the question set over them answers through ReportQA."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval.table_reports import (FUTIAN, LONGGANG, NANSHAN, REPORTS, WRITERS, YUEXIU, write_fixtures,
                           write_xlsx)

from ingest import load_report, process_file
from ingest.tables import from_grid, rows_from_html, table_facts

ROOT = Path(__file__).resolve().parents[1]
SET_DIR = ROOT / "eval" / "sets" / "tables"

# (report, [(metric, value, unit, year)]) - written from the tables by hand
EXPECTED = {
    FUTIAN.name: [("法律援助案件", 1103, "宗", 2021), ("法律援助案件", 1000, "宗", 2020),
                  ("法律援助案件同比增长", 10.3, "%", 2021), ("办理公证", 23877, "件", 2021),
                  ("行政复议案件同比增长", -8.0, "%", 2021), ("人民调解成功率", 98.2, "%", 2020),
                  ("人民调解成功率同比增长", 0.7, "个百分点", 2021)],
    # unit only in the caption ("单位：件"); a change column headed just "同比"
    LONGGANG.name: [("法律援助案件", 942, "件", 2022), ("法律援助案件", 865, "件", 2021),
                    ("调解纠纷同比", -4.5, "%", 2022), ("调解纠纷", 7310, "件", 2021)],
    # 上年/本年 resolved against the report's year (2021); 增减 in the row's unit
    NANSHAN.name: [("律师事务所", 126, "家", 2020), ("律师事务所", 139, "家", 2021),
                   ("律师事务所增减", 13, "家", 2021), ("普法宣传活动", 402, "场", 2021),
                   ("村（社区）法律顾问覆盖率", 100, "%", 2020)],
    # transposed: the years are rows, the metrics columns
    YUEXIU.name: [("法律援助案件", 587, "宗", 2021), ("调解纠纷", 3802, "件", 2022),
                  ("调解成功率", 97.1, "%", 2020)],  # each table's own wording
}
N_CELLS = {FUTIAN.name: 15, LONGGANG.name: 12, NANSHAN.name: 12, YUEXIU.name: 9}


def _cells(facts):
    return {(f.metric, f.value, f.unit, f.year) for f in facts if f.source_kind != "text"}


@pytest.mark.unit
@pytest.mark.parametrize("ext", sorted(WRITERS))
@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.name)
def test_every_format_gives_one_fact_per_cell(tmp_path, report, ext):
    doc, chunks, facts = process_file(WRITERS[ext](report, tmp_path / f"{report.name}{ext}"))
    cells = _cells(facts)
    assert len(cells) == N_CELLS[report.name], sorted(cells)
    for expected in EXPECTED[report.name]:
        assert expected in cells, (expected, sorted(cells))
    years = {int(c.strip("年")) for c in report.name.split("_")[1:]}
    assert doc.year in years and doc.region in report.title


@pytest.mark.unit
@pytest.mark.parametrize("ext", sorted(WRITERS))
def test_table_chunks_explain_every_row(tmp_path, ext):
    doc, chunks, facts = process_file(WRITERS[ext](FUTIAN, tmp_path / f"futian{ext}"))
    tables = [c for c in chunks if c.meta.get("table")]
    assert tables and all(c.section == "表：表1 主要业务数据与上年对比" for c in tables)
    row = next(c for c in tables if "1103" in c.text)
    assert "2021年，法律援助案件1103宗（表：表1 主要业务数据与上年对比，行：法律援助案件（宗），" \
           "列：2021年）。" in row.text
    # the figures are not also left in the running text as loose cells: the document's text
    # holds the table once, as its written-out rows, after the running text
    assert doc.text.count("1103") == 1 and row.text in doc.text
    assert not any("1103" in c.text for c in chunks if not c.meta.get("table"))
    assert doc.years_covered == [2020, 2021]
    assert all(c.meta["years_covered"] == [2020, 2021] for c in chunks)
    by_id = {c.id: c for c in chunks}
    for f in facts:
        assert f.sentence in by_id[f.chunk_id].text
        assert f.value_text in f.sentence


@pytest.mark.unit
def test_pdf_table_facts_and_chunks_carry_the_page(tmp_path):
    doc, chunks, facts = process_file(WRITERS[".pdf"](LONGGANG, tmp_path / "lg.pdf"))
    assert {c.meta.get("page") for c in chunks} == {1}
    assert all(f.page == 1 for f in facts if f.source_kind == "table")
    assert "— 1 —" not in doc.text                     # the page number is furniture


@pytest.mark.unit
def test_spreadsheet_sheets_are_tables(tmp_path):
    doc, chunks, facts = process_file(write_xlsx(NANSHAN, tmp_path / "ns.xlsx"))
    assert (doc.region, doc.year, doc.title) == ("南山区", 2021, NANSHAN.title)
    cells = _cells(facts)
    for expected in EXPECTED[NANSHAN.name]:
        assert expected in cells
    assert {f.source_kind for f in facts} == {"sheet"}
    doc, _, facts = process_file(write_xlsx(YUEXIU, tmp_path / "yx.xlsx"))
    assert ("法律援助案件", 587, "宗", 2021) in _cells(facts)


@pytest.mark.unit
def test_spanned_header_cells_qualify_the_metric():
    """Two header rows: a year spanning two columns over 受理/办结 -> 法律援助案件受理, 2021."""
    from bs4 import BeautifulSoup

    html = """<table><tr><th rowspan="2">项目</th><th colspan="2">2021年</th></tr>
    <tr><th>受理</th><th>办结</th></tr>
    <tr><td>法律援助案件（件）</td><td>1,250</td><td>1,198</td></tr>
    <tr><td>公证事项（件）</td><td>830</td><td>812</td></tr></table>"""
    table = from_grid(rows_from_html(BeautifulSoup(html, "html.parser").table), "表2 办案情况")
    assert table.columns == ["项目", "2021年 / 受理", "2021年 / 办结"]
    from ingest.types import Document
    doc = Document(doc_id="d", text="", source="s", file_hash="", district="某区", year=2021)
    facts = table_facts([table], [[]], doc)
    got = {(f.metric, f.value, f.unit, f.year) for f in facts}
    assert ("法律援助案件受理", 1250, "件", 2021) in got
    assert ("公证事项办结", 812, "件", 2021) in got


@pytest.mark.unit
def test_layout_and_metadata_tables_stay_text(tmp_path):
    """A portal's metadata box (发布机构/发布日期) is a <table> without figures: it stays in the
    page, so the publish date is still read; only the data table is taken out."""
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><title>深圳市福田区司法局2021年工作总结</title></head><body>"
        "<table><tr><td>发布机构:</td><td>福田区司法局</td><td>发布日期:</td><td>2022-01-10</td></tr>"
        "</table><h1>深圳市福田区司法局2021年工作总结</h1>"
        "<p>2021年，福田区司法局全面推进法治政府建设，各项工作取得新成效，现总结如下。</p>"
        "<p>表1 主要数据</p><table><tr><td>项目</td><td>2021年</td></tr>"
        "<tr><td>法律援助案件（宗）</td><td>1103</td></tr></table>"
        "<p>下一步，我局将继续推进各项工作，不断提升法治政府建设水平。</p></body></html>",
        encoding="utf-8")
    loaded = load_report(path, 10**7)
    assert len(loaded.tables) == 1 and loaded.tables[0].caption == "表1 主要数据"
    doc, _, facts = process_file(path)
    assert doc.publish_date == "2022-01-10"
    assert ("法律援助案件", 1103, "宗", 2021) in _cells(facts)


@pytest.mark.unit
def test_question_set_fixtures_are_the_built_reports(tmp_path):
    """eval/sets/tables holds what tests/table_reports.py writes, and every gold text is a
    passage of its report."""
    fresh = {p.name for p in write_fixtures(tmp_path)}
    assert fresh <= {p.name for p in SET_DIR.iterdir()}
    assert (SET_DIR / "futian_2021.html").read_text(encoding="utf-8") == \
        (tmp_path / "futian_2021.html").read_text(encoding="utf-8")
    questions = [json.loads(ln) for ln in (SET_DIR / "tables.jsonl").read_text(
        encoding="utf-8").splitlines()]
    assert len(questions) >= 30
    texts = {name: "\n".join(c.text for c in process_file(SET_DIR / name)[1]) for name in fresh}
    for q in questions:
        for gold in q["gold"]:
            assert gold["text"] in texts[gold["doc"]], q["id"]


# --- end to end ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def table_qa(tmp_path_factory, encoder):
    from app import ReportQA
    from index import build_index

    index_dir = tmp_path_factory.mktemp("tables") / "idx"
    report = build_index(sorted(p for p in SET_DIR.iterdir() if p.suffix != ".jsonl"),
                         index_dir, encoder=encoder, progress=False)
    assert not report.failed, report.failed
    return ReportQA.load(index_dir)


E2E = [
    ("福田区2021年法律援助案件多少宗？", "1103"),
    ("福田区2020年法律援助案件多少宗？", "1000"),          # the earlier year's column
    ("福田区2021年法律援助案件同比增长多少？", "10.3%"),    # a change column
    ("龙岗区2022年法律援助案件多少件？", "942"),           # unit only in the caption, PDF
    ("南山区2020年律师事务所有多少家？", "126"),           # 上年 -> 2020, DOCX
    ("越秀区2021年法律援助案件多少宗？", "587"),           # transposed, Markdown
    ("龙岗区2022年调解纠纷同比是多少？", "-4.5%"),  # 同比 asks for the change column
    ("南山区2021年普法宣传活动多少场？", "402"),   # words only the table uses (doc text)
]


@pytest.mark.integration
@pytest.mark.parametrize("question,figure", E2E)
def test_table_questions_answer_with_the_right_cell(table_qa, question, figure):
    answer = table_qa.ask(question)
    assert answer.found, answer.answer
    assert figure in answer.answer, answer.answer
    cited = answer.citations[0]
    assert cited.section.startswith("表：") and figure in cited.text


@pytest.mark.unit
def test_unit_only_in_a_column_header():
    """'数量（件）' / '2021年（人次）': the unit is the header's when neither cell nor row has one."""
    from ingest.types import Document

    table = from_grid([["类别", "2020年（人次）", "2021年（人次）"], ["法律咨询", "5,320", "6,104"],
                       ["法治讲座", "88", "97"]], caption="表3 法律服务情况")
    doc = Document(doc_id="d", text="", source="s", file_hash="", district="某区", year=2021)
    got = {(f.metric, f.value, f.unit, f.year) for f in table_facts([table], [[]], doc)}
    assert got == {("法律咨询", 5320, "人次", 2020), ("法律咨询", 6104, "人次", 2021),
                   ("法治讲座", 88, "人次", 2020), ("法治讲座", 97, "人次", 2021)}
