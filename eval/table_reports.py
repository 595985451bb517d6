"""Small reports with tables, in the shapes they are published in (HTML, DOCX, PDF, Markdown,
XLSX), for the table tests and the question set in eval/sets/tables/.

    python -m eval.table_reports eval/sets/tables      # (re)write the fixture files

Each report is data (title, paragraphs, one table as a grid, caption); the writers lay it out.
The four reports differ on purpose: year columns (2020年/2021年), a unit only in the caption
("单位：件"), relative years (上年/本年), change columns (同比增长, 增减), a transposed table (years
as rows) and a unit in the row label ("（宗）").
"""
from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class TableReport:
    name: str                  # file name without extension
    title: str
    paragraphs: list[str]
    caption: str
    grid: list[list[str]]      # header row(s) first
    after: list[str]           # paragraphs after the table


FUTIAN = TableReport(
    name="futian_2021",
    title="深圳市福田区司法局2021年法治政府建设年度报告",
    paragraphs=[
        "2021年，福田区司法局在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想，全面推进法治政府建设，各项工作取得新成效。现将有关情况报告如下。",
        "一、主要业务数据",
        "全年公共法律服务体系进一步完善，法律援助、人民调解和公证等业务量稳中有升，主要业务数据与上年对比如下表。",
    ],
    caption="表1 主要业务数据与上年对比",
    grid=[["项目", "2020年", "2021年", "同比增长"],
          ["法律援助案件（宗）", "1000", "1103", "10.3%"],
          ["人民调解案件（件）", "5620", "6012", "7.0%"],
          ["办理公证（件）", "21450", "23877", "11.3%"],
          ["行政复议案件（件）", "312", "287", "-8.0%"],
          ["人民调解成功率", "98.2%", "98.9%", "0.7个百分点"]],
    after=[
        "二、存在的问题和下一步工作",
        "我局将继续深化法治政府建设，提升公共法律服务水平，推动各项工作再上新台阶。",
    ],
)

LONGGANG = TableReport(
    name="longgang_2022",
    title="深圳市龙岗区司法局2022年工作总结",
    paragraphs=[
        "2022年，龙岗区司法局坚持以习近平新时代中国特色社会主义思想为指导，统筹推进全面依法治区各项工作，现将全年工作总结如下。",
        "一、业务工作情况",
        "全年各项业务平稳开展，具体数据见下表。",
    ],
    caption="表1 2021年、2022年业务数据（单位：件）",
    grid=[["指标", "2021年", "2022年", "同比"],
          ["法律援助案件", "865", "942", "8.9%"],
          ["调解纠纷", "7310", "6984", "-4.5%"],
          ["行政诉讼案件", "143", "171", "19.6%"],
          ["人民调解案件", "428", "455", "6.3%"]],
    after=[
        "二、下一步工作计划",
        "2023年，我局将围绕法治龙岗建设目标，持续优化法律服务供给，切实维护社会和谐稳定。",
    ],
)

NANSHAN = TableReport(
    name="nanshan_2021",
    title="深圳市南山区司法局2021年法治政府建设情况报告",
    paragraphs=[
        "2021年，南山区司法局认真贯彻落实上级关于法治政府建设的部署要求，扎实推进各项重点工作，取得了积极成效。",
        "一、重点工作推进情况",
        "全区法律服务资源进一步充实，主要工作量较上年明显增加，详见下表。",
    ],
    caption="南山区司法行政主要工作量",
    grid=[["项目", "上年", "本年", "增减"],
          ["律师事务所（家）", "126", "139", "13"],
          ["法律顾问服务（场）", "2410", "2688", "278"],
          ["普法宣传活动（场）", "356", "402", "46"],
          ["村（社区）法律顾问覆盖率", "100%", "100%", "0"]],
    after=[
        "二、下一步工作打算",
        "我局将进一步健全依法决策机制，加强行政执法监督，不断提升法治政府建设水平。",
    ],
)

YUEXIU = TableReport(
    name="yuexiu_2022",
    title="广州市越秀区司法局2022年法治建设工作报告",
    paragraphs=[
        "2022年，越秀区司法局坚持依法行政，全力服务全区经济社会高质量发展，法治建设各项工作有序推进。",
        "一、近三年主要数据",
        "近三年法律援助和人民调解工作量如下。",
    ],
    caption="近三年法律援助和人民调解情况",
    grid=[["年份", "法律援助案件（宗）", "调解纠纷（件）", "调解成功率"],
          ["2020年", "512", "3120", "97.1%"],
          ["2021年", "587", "3456", "97.8%"],
          ["2022年", "634", "3802", "98.3%"]],
    after=[
        "二、工作中存在的不足",
        "我局将针对存在的不足，进一步加强队伍建设，提升依法行政能力和水平。",
    ],
)

REPORTS = (FUTIAN, LONGGANG, NANSHAN, YUEXIU)


def write_html(r: TableReport, path: Path) -> Path:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in r.paragraphs)
    after = "\n".join(f"<p>{html.escape(p)}</p>" for p in r.after)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in r.grid[0])
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                     for row in r.grid[1:])
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(r.title)}_政府在线</title></head>
<body><nav><a href="/">首页</a> &gt; <a href="/gk">政务公开</a></nav>
<article><h1>{html.escape(r.title)}</h1>
<div class="info">发布时间：{r.name[-4:]}-12-28</div>
{paras}
<p style="text-align:center">{html.escape(r.caption)}</p>
<table border="1"><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table>
{after}
</article>
<footer><p>版权所有 深圳市人民政府 粤ICP备00000000号</p></footer></body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


def write_docx(r: TableReport, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(r.title, level=1)
    for p in r.paragraphs:
        document.add_paragraph(p)
    document.add_paragraph(r.caption)
    table = document.add_table(rows=len(r.grid), cols=len(r.grid[0]))
    for row, cells in zip(table.rows, r.grid):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    for p in r.after:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def write_markdown(r: TableReport, path: Path) -> Path:
    lines = [f"# {r.title}", "", *[f"{p}\n" for p in r.paragraphs], f"**{r.caption}**", "",
             "| " + " | ".join(r.grid[0]) + " |", "|" + "---|" * len(r.grid[0])]
    lines += ["| " + " | ".join(row) + " |" for row in r.grid[1:]]
    lines += ["", *[f"{p}\n" for p in r.after]]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_pdf(r: TableReport, path: Path) -> Path:
    """A text PDF (reportlab, CID font STSong-Light) with a ruled table and page numbers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=10.5, leading=16,
                           wordWrap="CJK")
    head = ParagraphStyle("head", parent=style, fontSize=15, leading=22)
    story = [Paragraph(html.escape(r.title), head), Spacer(1, 8)]
    story += [Paragraph(html.escape(p), style) for p in r.paragraphs]
    story += [Spacer(1, 6), Paragraph(html.escape(r.caption), style)]
    table = Table(r.grid)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                               ("FONTSIZE", (0, 0), (-1, -1), 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [table, Spacer(1, 6)]
    story += [Paragraph(html.escape(p), style) for p in r.after]

    def page_number(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=page_number,
                                                    onLaterPages=page_number)
    return path


def write_xlsx(r: TableReport, path: Path) -> Path:
    """The table as a spreadsheet: title and caption rows above the grid (as annexes are)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = r.caption[:30].replace("/", "")
    sheet.append([r.title])
    sheet.append([r.caption])
    for row in r.grid:
        sheet.append([_number(c) for c in row])
    book.save(str(path))
    return path


def _number(cell: str):
    try:
        return int(cell)
    except ValueError:
        return cell


WRITERS = {".html": write_html, ".docx": write_docx, ".md": write_markdown, ".pdf": write_pdf}
# The question set's fixtures: each report in one format.
FIXTURES = ((FUTIAN, ".html"), (LONGGANG, ".pdf"), (NANSHAN, ".docx"), (YUEXIU, ".md"))


def write_fixtures(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [WRITERS[ext](r, folder / f"{r.name}{ext}") for r, ext in FIXTURES]


if __name__ == "__main__":
    print("\n".join(map(str, write_fixtures(Path(sys.argv[1])))))
