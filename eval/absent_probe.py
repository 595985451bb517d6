"""How often the answerer states a figure for a thing a report never mentions.

The most damaging answer is another thing's figure with a citation ("仲裁机构受理了多少件" answered
with "依法受理行政复议申请621件"). The question sets hold few such questions, so this probe asks,
of every report of an index, one question per office or thing in a list and labels each by the
report's own text: a thing whose key word the report never uses cannot be answered, and any
figure stated for it is wrong. Things the report does mention are counted apart (answered or
not; their figures are not checked here).

Seven lists: ``written`` holds the things the third session of 2026-11-27 wrote its rules from
(公证, 仲裁, 信访, 税务 …); ``held_out`` held others (市场监管局, 住建部门, 妇联 …) until that
session generalised its office rule on them; ``fresh`` (交通运输局, 教育局, 海关 …) was written
after those rules and looked at one by one only in the fourth session, which widened the rule on
it; ``fresh2`` (农业农村局, 网格员, 非法集资 …) and ``fresh3`` (水务局, 电信诈骗 …) were written in the
fourth session and reported before they were looked at; ``fresh4`` (邻里纠纷, 食品安全案件, 未成年人 …)
was written at the start of the fifth, reported (ad2726f: 111 of 783 absent things answered), then
looked at; ``fresh5`` (残疾人, 消防, 网约车 …) was written in the sixth, after its changes, and
reported on the code before and after them. A new list written before a change is the honest
measure.

    python -m eval.absent_probe --index /tmp/u4 --index /tmp/u6 --things fresh2
"""
from __future__ import annotations

import argparse
import json
import logging

from app import ReportQA

THINGS = {
    "written": [("公证", "公证机构办理了多少件公证？"), ("仲裁", "仲裁机构受理了多少件？"),
                ("信访", "信访部门受理了多少件信访事项？"), ("律师事务所", "有多少家律师事务所？"),
                ("消费者", "消费者投诉受理了多少件？"), ("劳动监察", "劳动监察部门追回工资多少万元？"),
                ("税务", "税务部门办理了多少件行政处罚？"), ("环保", "环保部门罚款多少万元？"),
                ("12345", "12345热线受理了多少件？"), ("人民陪审员", "选任了多少名人民陪审员？"),
                ("法律顾问", "聘请了多少名法律顾问？"), ("社区矫正", "社区矫正对象有多少人？")],
    "held_out": [("市场监管", "市场监管局查处了多少件案件？"), ("公安", "公安机关办理了多少起行政案件？"),
                 ("城管", "城管部门处罚了多少起违法行为？"), ("住建", "住建部门检查了多少个工地？"),
                 ("医保", "医保部门追回医保基金多少万元？"), ("民政", "民政部门登记了多少家社会组织？"),
                 ("妇联", "妇联调解了多少件家庭纠纷？"), ("工会", "工会帮职工讨回工资多少万元？"),
                 ("审批局", "行政审批局办结了多少件审批事项？"), ("检察", "检察院提出了多少件检察建议？"),
                 ("人民法院", "人民法院受理了多少件行政诉讼案件？"), ("信访局", "信访局接待群众多少人次？")],
    # written after the rules, never looked at one by one: the honest figure
    "fresh": [("交通运输", "交通运输局查处了多少起超限超载案件？"), ("教育局", "教育局检查了多少所学校？"),
              ("卫生健康", "卫生健康委员会监督检查了多少家医疗机构？"), ("应急管理", "应急管理局开展了多少次安全生产检查？"),
              ("自然资源", "自然资源部门查处了多少宗违法用地？"), ("生态环境", "生态环境局办理了多少件环境违法案件？"),
              ("文化", "文化和旅游局检查了多少家网吧？"), ("退役军人", "退役军人事务局接待了多少人次来访？"),
              ("统计", "统计局查处了多少件统计违法案件？"), ("消防", "消防救援机构检查了多少家单位？"),
              ("海关", "海关查获了多少起走私案件？"), ("残联", "残联为多少名残疾人提供了法律援助？")],
    # written at the start of the fourth session, before its changes, never looked at one by one
    "fresh2": [("农业农村", "农业农村局查处了多少起农资违法案件？"), ("林业", "林业部门办理了多少起林业行政案件？"),
               ("水利", "水利局查处了多少起河道违法案件？"), ("烟草", "烟草专卖局查处了多少起案件？"),
               ("气象", "气象局发布了多少次预警信息？"), ("档案", "档案馆接待了多少人次查阅档案？"),
               ("知识产权", "知识产权部门处理了多少件侵权纠纷？"), ("殡葬", "查处了多少起违规殡葬行为？"),
               ("物业", "调解了多少件物业纠纷？"), ("婚姻", "调解了多少件婚姻家庭纠纷？"),
               ("校园", "处理了多少起校园欺凌事件？"), ("网格员", "有多少名网格员？"),
               ("志愿者", "有多少名法治志愿者？"), ("非法集资", "处置了多少起非法集资案件？")],
    # written late in the fourth session, after fresh2 had been reported and was then looked at
    "fresh3": [("水务", "水务局查处了多少起违法取水案件？"), ("体育", "体育局检查了多少家健身场所？"),
               ("商务局", "商务局处理了多少件消费纠纷？"), ("机关事务", "机关事务管理局清理了多少处办公用房？"),
               ("宗教", "宗教事务部门登记了多少处宗教活动场所？"), ("电信诈骗", "破获了多少起电信诈骗案件？"),
               ("交通事故", "调解了多少起交通事故纠纷？"), ("医疗纠纷", "调解了多少件医疗纠纷？"),
               ("欠薪", "处理了多少件欠薪投诉？"), ("禁毒", "开展了多少场禁毒宣传？"),
               ("退休", "为多少名退休人员提供了法律服务？"), ("外卖", "检查了多少家外卖平台商户？"),
               ("养老", "检查了多少家养老机构？"), ("物业费", "调解了多少件物业费纠纷？")],
    # written at the start of the fifth session (2026-11-27), before its changes, while fresh3
    # was being looked at; reported at ad2726f (111 of 783), then looked at
    "fresh4": [("土地征收", "处理了多少件土地征收补偿纠纷？"), ("邻里", "调解了多少件邻里纠纷？"),
               ("食品安全", "查处了多少起食品安全案件？"), ("拆迁", "处理了多少件拆迁纠纷？"),
               ("黑恶", "打掉了多少个黑恶团伙？"), ("未成年人", "为多少名未成年人提供了法律援助？"),
               ("农民工", "为多少名农民工提供了法律援助？"), ("老年人", "为多少名老年人提供了法律服务？"),
               ("企业合规", "开展了多少次企业合规指导？"), ("旅游", "处理了多少件旅游投诉？"),
               ("药品", "查处了多少起药品违法案件？"), ("公积金", "住房公积金管理中心办理了多少件行政处罚？"),
               ("人防", "人防办检查了多少处人防工程？"), ("税款", "追缴税款多少万元？"),
               ("渔业", "查处了多少起非法捕捞案件？"), ("噪音", "处理了多少件噪音扰民投诉？")],
    # written in the sixth session (2026-11-27), after its changes and before any answer to it
    # was seen; reported on the code before and after them
    "fresh5": [("残疾人", "为多少名残疾人提供了法律援助？"), ("妇女", "为多少名妇女提供了法律援助？"),
               ("退役军人", "为多少名退役军人提供了法律服务？"), ("消防", "开展了多少次消防安全检查？"),
               ("安全生产", "查处了多少起安全生产违法行为？"), ("知识产权", "办理了多少件知识产权案件？"),
               ("劳动争议", "调解了多少件劳动争议？"), ("校外培训", "检查了多少家校外培训机构？"),
               ("燃气", "检查了多少家燃气经营企业？"), ("野生动物", "查处了多少起非法猎捕野生动物案件？"),
               ("河道", "清理了多少处河道违法建筑？"), ("占道", "查处了多少起占道经营？"),
               ("网约车", "查处了多少起非法网约车？"), ("价格违法", "查处了多少起价格违法案件？"),
               ("保健品", "查处了多少起保健品虚假宣传案件？"), ("充电", "查处了多少起电动车违规充电？")],
}


def probe(qa: ReportQA, things: list[tuple[str, str]], docs: slice = slice(None)) -> list[dict]:
    """One row per (report, thing): the question, whether the report mentions the thing, and
    whether an answer was stated."""
    index = qa.state.index
    rows = []
    for doc in index.documents()[docs]:
        place, year = doc.get("region"), doc.get("year")
        if not place or not year:
            continue
        text = index.document_text(doc["doc_id"])
        for key, ask in things:
            question = f"{place}{year}年{ask}"
            answer = qa.ask(question)
            rows.append({"question": question, "mentioned": key in text, "answered": answer.found,
                         "answer": answer.answer[:120]})
    return rows


def summary(rows: list[dict]) -> dict:
    absent = [r for r in rows if not r["mentioned"]]
    present = [r for r in rows if r["mentioned"]]
    return {"absent": len(absent), "absent_answered": sum(r["answered"] for r in absent),
            "present": len(present), "present_answered": sum(r["answered"] for r in present)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", action="append", required=True, help="an index folder (repeatable)")
    parser.add_argument("--things", choices=sorted(THINGS), default="fresh")
    parser.add_argument("--docs", default=":", help="which reports of each index, as a slice: 0:8")
    parser.add_argument("--show", action="store_true", help="print each answered absent thing")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    start, _, stop = args.docs.partition(":")
    docs = slice(int(start) if start else None, int(stop) if stop else None)
    rows = [r for path in args.index for r in probe(ReportQA.load(path), THINGS[args.things], docs)]
    if args.show:
        for r in rows:
            if r["answered"] and not r["mentioned"]:
                print(f"{r['question']}\t{r['answer']}")
    print(json.dumps(summary(rows), ensure_ascii=False))


if __name__ == "__main__":
    main()
