"""The asker's everyday words for the reports' legal terms.

Chinese government reports name their figures in the fixed vocabulary of the laws they report
on (行政诉讼法, 人民调解法, 行政复议法, 行政处罚法, 法律援助法, 信访条例) and of the state's
service halls: 行政诉讼案件, 败诉, 纠错, 撤销, 调解成功, 负责人出庭应诉, 行政处罚案件, 法律援助,
刑满释放人员, 信访, 政务服务中心, 事项. Officials and
citizens ask in everyday words: "政府当被告的官司", "输了几件", "被纠正的比例", "调成了多少件",
"罚了多少起案子", "办事大厅办了多少件事", "免费帮老百姓打官司的案子", "出狱的人", "上访". The everyday words never occur in a report, so neither BM25 nor the term checks
of the answerer can find the figure, and meaning alone (a small encoder) confuses "政府当被告的
官司" with any sentence about 政府. Each entry below is one such fixed correspondence of the
legal vocabulary, true of every report of this kind, not of one report or question; a phrase a
report itself uses (作为被告的行政诉讼案件, 调解成功率) is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["report_terms"]

_LEVEL = r"((?:一审|二审|一二审|行政)*)"
_EVERYDAY: tuple[tuple[re.Pattern[str], str], ...] = (
    # a lawsuit with the government as defendant is 行政诉讼 ("民告官"):
    # "政府当被告的一审官司" -> "政府当被告的一审行政诉讼案件"
    (re.compile(r"被告(?:的|打)?" + _LEVEL + r"(?:官司|案子)"), r"被告的\1行政诉讼案件"),
    (re.compile(r"被(?:[^，,？?。被]{0,8}?(?:告(?:上|到|进)法(?:院|庭)|起诉)|(?:人|群众|老百姓|百姓|企业)告)"
                r"(?:后)?的?" + _LEVEL + r"(?:官司|案子|案件)?"), r"被告的\1行政诉讼案件"),
    # "老百姓把政府部门告上法庭的官司" -> "政府部门被告的行政诉讼案件"
    (re.compile(r"(?:老百姓|群众|百姓|企业|市民|村民|有人)?把([^，,？?。把]{1,8}?)告(?:上|到|进)法(?:院|庭)的?"
                + _LEVEL + r"(?:官司|案子|案件)?"), r"\1被告的\2行政诉讼案件"),
    (re.compile(r"民告官的?" + _LEVEL + r"(?:官司|案子|案件)?"), r"\1行政诉讼案件"),
    # a suit is counted in 件, however the asker counts it: "输了几场官司" -> "输了几件官司"
    (re.compile(r"(多少|几)场(官司|诉讼)"), r"\1件\2"),
    # losing such a suit is 败诉: "输了几件", "一审输掉的比例"; not 运输, 传输, 输送, 输入 …
    (re.compile(r"(?<![运传灌])(?:打)?输(?:掉|了)*(?![送入出液血电油水])"), "败诉"),
    # asking the government to review its own decision is 行政复议; a decision set aside is 撤销:
    # "不服申请复查，被撤掉原决定的有几件" -> "不服申请行政复议，被撤销原决定的有几件"
    (re.compile(r"申请复查"), "申请行政复议"),
    (re.compile(r"复查申请"), "行政复议申请"),
    (re.compile(r"撤(?:掉|了)"), "撤销"),
    # ...and a decision changed on review is 变更: "被撤销或改掉了" -> "被撤销或变更了"
    (re.compile(r"(?<![整修更篡])改(?:掉|过来)"), "变更"),
    # a decision set right on review is 纠错: "复议案子里被纠正的比例" -> 纠错的比例
    (re.compile(r"被(?:纠正|改正|改过来|纠错)(?:了|过)?"), "纠错"),
    # a dispute settled by mediation is 调解成功: "调成了的比例", "调解好了多少件"
    (re.compile(r"(?<![协强空单声色])调(?:解)?(?:成功|成了|好了|成|好)(?![本绩果立])"), "调解成功"),
    # a quarrel between people is a 矛盾纠纷: "老百姓之间闹矛盾" -> "老百姓矛盾纠纷"
    (re.compile(r"(?:之间)?闹(?:矛盾|纠纷|别扭)"), "矛盾纠纷"),
    # a matter done for a citizen or firm is a 事项 (办理…事项), the hall a 政务服务中心:
    # "到窗口办事，一年办了多少件事" -> "到窗口办理事项，一年办理多少件事项"
    (re.compile(r"办(?:事|公)大厅|政务大厅"), "政务服务中心"),
    (re.compile(r"办了?(多少|几)件事(?:情|儿)?"), r"办理\1件事项"),
    (re.compile(r"办的事(?!项)(?:情|儿)?"), "办理的事项"),
    (re.compile(r"(?<=[窗口厅上])办事(?![不效])"), "办理事项"),
    # a matter handled online from start to finish is 全程网办 (网上可办 is only a part online):
    # "有多大比例能从头到尾在网上办完" -> "有多大比例能全程网办"
    (re.compile(r"(?:从头到尾|全程|全部|整个流程)(?:都)?(?:在|通过)?网上(?:就能|就可以|都能)?(?:办完|办结|办理完|办)"),
     "全程网办"),
    # a matter a citizen can handle away from home is 跨省通办 (another province) or 异地通办
    # (another place), the State Council's names: "在外省直接办，不用跑回来" -> 跨省通办
    (re.compile(r"(?:在|到|去)?(?:外省|省外)(?:也|就)?(?:能|可以|可)?(?:直接|就)?(?:办理?|办事)"), "跨省通办"),
    (re.compile(r"(?:在|到|去)?(?:外地|异地)(?:也|就)?(?:能|可以|可)?(?:直接|就)?(?:办理?|办事)"), "异地通办"),
    # officials examined on the law sit the 学法(用法)考试: "公职人员考法律知识" -> 学法考试
    (re.compile(r"(?:参加)?(?<![参思备])(?:考|测)(?:了|过)?(?:法律|法规|法治)(?:知识)?(?:考试)?|法律知识(?:考试|测试)"),
     "学法考试"),
    # a case fined is a 行政处罚案件, a fine written a 罚单, the money fined 罚没款:
    # "一共罚了多少起案子" -> "一共办理行政处罚案件多少起", "罚了多少钱" -> "罚没款多少钱"
    (re.compile(r"罚了?的?(多少|几)(起|件)?(?:案子|案件)"), r"办理行政处罚案件\1\2"),
    (re.compile(r"开(?:了|出)?(多少|几)张罚单"), r"办理行政处罚案件\1件"),
    # a fine let off or cut is 减免罚款: "一共少罚了多少钱" -> "一共减免罚款多少"
    (re.compile(r"少罚了?(?:多少|几)(?:的)?钱"), "减免罚款多少"),
    (re.compile(r"罚了?(?=(?:多少|几)(?:的)?钱)"), "罚没款"),
    # 罚没 is 罚款 and 没收 together: "罚款和没收的钱一共多少" -> "罚没款一共多少"
    (re.compile(r"罚款(?:和|与|及|加|、)没收(?:的)?(?:钱|款|财物|金额)?"), "罚没款"),
    # a first minor offence let off is 首违不罚 (轻微免罚): "头一回犯小错、改了之后就没被罚"
    (re.compile(r"(?:头一回|头一次|第一次|初次)(?:犯|违)了?(?:个)?(?:小)?(?:错|法|规)"), "首违"),
    (re.compile(r"(?:没|不|没有)(?:被|挨)?罚(?![没款金单])"), "不罚"),
    # ...otherwise a first time is 首次 and a firm's minor fault a 轻微违法行为:
    # "对小企业头一回犯的轻微错误不罚款" -> "对小企业首次犯的轻微违法行为不罚款"
    (re.compile(r"头一(?:回|次)"), "首次"),
    (re.compile(r"轻微(?:的)?(?:错误|过错|小错)"), "轻微违法行为"),
    # a lawsuit fought for free for someone who cannot pay is 法律援助: "免费帮老百姓打官司的案子"
    # ...also "免费给困难群众派律师打官司", "免费打了多少官司" (the ask kept: 法律援助案件多少)
    (re.compile(r"免费(?:帮|给|为|替)?[^，,？?。]{0,10}?打(?:了)?((?:多少|几)(?:场|起|件|个)?)?官司的?(?:案子|案件)?"),
     r"法律援助案件\1"),
    (re.compile(r"免费(?:请|找|派|提供)的?律师"), "法律援助律师"),
    # ...and so is a lawyer the state pays for, or one given to someone who cannot pay:
    # "政府出钱给老百姓请律师打的案子", "给请不起律师的老百姓免费代理了多少案子"
    (re.compile(r"(?:政府|国家|财政)(?:出钱|掏钱|花钱|买单|付钱|出资)[^，,？?。]{0,10}?(?:请|找|派|配)的?律师"
                r"(?:打|代理|辩护)?了?((?:多少|几)(?:场|起|件|个)?)?的?(?:官司|案子|案件)?"), r"法律援助案件\1"),
    (re.compile(r"(?:给|为|帮|替)?(?:请不起|请不到|找不起|付不起|没钱请)律师(?:费)?的?[^，,？?。]{0,8}?"
                r"(?:免费)?(?:代理|辩护|打官司|帮忙)了?((?:多少|几)(?:个|件|起|场)?)(?:案子|案件|官司)"),
     r"办理法律援助案件\1"),
    # someone out of prison is a 刑满释放人员 (安置帮教), a petition is 信访:
    # "接收出狱的人有多少" -> "接收刑满释放人员有多少", "老百姓上访的事" -> "老百姓信访的事"
    (re.compile(r"(?:从监狱(?:里)?(?:出来|放出来)|出狱|刑满(?:出狱|回来))(?:的|后的)?(?:人员|人)"), "刑满释放人员"),
    (re.compile(r"上访"), "信访"),
    # a villager trained to know and explain the law is a 法律明白人 (the reports' fixed name):
    # "村里懂法、能帮乡亲讲法的带头人" -> "村里法律明白人"
    (re.compile(r"懂法[^，,？?。]{0,12}?的?(?:带头人|明白人|骨干|能人|人)"), "法律明白人"),
    # someone newly placed under community correction or resettlement is 新接收 (入矫):
    # "社区矫正新来了多少人" -> "社区矫正新接收多少人"
    (re.compile(r"((?:矫正|帮教|服刑|刑满释放)[^，,？?。]{0,10}?)新(?:来|进来|报到)了?"), r"\1新接收"),
    (re.compile(r"新(?:来|进来|报到)的(?=[^，,？?。]{0,8}(?:矫正|帮教|服刑|刑满释放))"), "新接收的"),
    # a decision found wrong on review is 纠错: "最后政府那边被判做错的有多少件" -> 纠错的
    (re.compile(r"被(?:判|认定|认为|查出)?(?:做错|错了|有错|判错)(?:了)?"), "纠错"),
    # a minor offence let off with a warning is 不予处罚: "只教育不罚款的" -> 教育不予处罚的
    (re.compile(r"(?:只|仅)?(?:批评|说服|说理式?)?教育(?:而)?(?:没有?|不)(?:被)?(?:罚款|处罚)"), "教育不予处罚"),
    # wages recovered for workers are 追回 (追回工资/欠薪): "帮农民工要回了多少工钱" -> 追回, but not
    # any money ("挽回的损失和要回的钱": 挽回); 讨回 is the reports' own word too ("讨回欠薪926万元")
    (re.compile(r"要回(?=(?:了|来)?[^，,？?。]{0,8}(?:工钱|工资|欠薪|薪水|欠款))"), "追回"),
    (re.compile(r"(?:被)?拖欠的?工(?:钱|资)"), "欠薪"),
    (re.compile(r"工钱"), "工资"),
    # an inspection is 检查: "执法人员到企业查了多少回" -> 检查多少回; not 调查/审查/排查/抽查…
    # (only when the question names no inspection of its own: "抽查一共查了多少次" is 抽查's)
    (re.compile(r"(?<![检调审排核督抽巡复普侦清自备盘])查了?(?=(?:多少|几)(?:回|次|趟|家|户))"),
     lambda m: m.group(0) if re.search(r"[检调审排核督抽巡复普侦清]查", m.string) else "检查"),
    # serving a sentence in the community under supervision is 社区矫正 (社区矫正法), the people
    # 社区矫正对象: "在社区里服刑接受监管的人" -> "社区矫正对象"
    (re.compile(r"在社区(?:里|中|内)?(?:服刑|改造|矫正)(?:[、，,]?并?接受(?:监管|管理|监督|矫正))?的?(?:人员|人)?"),
     "社区矫正对象"),
    # passing an examination is 通过 (通过率): "考过的比例", "考试过了的有多少人" -> 通过
    (re.compile(r"(?<![参思备])考(?:试)?(?:过|过了|通过)(?:了)?(?=的|[多几])"), "通过"),
    # dropped after an evaluation (律师遴选, 考核) is 淘汰: "把多少个不合格的律师刷掉了" -> 淘汰了
    (re.compile(r"刷(?:掉|下来|下去|下)"), "淘汰"),
    # an agency's 一把手 is its 主要负责人; its head in court is 负责人出庭(应诉):
    # "一把手亲自出庭" -> "主要负责人出庭", "单位/机关领导亲自上法庭" -> "行政机关负责人出庭"
    (re.compile(r"一把手"), "主要负责人"),
    (re.compile(r"(?<!行政)(?:单位|部门|机关)的?(?=(?:领导|头头|负责人)(?:们)?(?:亲自)?(?:出庭|上法庭|到庭))"),
     "行政机关"),
    (re.compile(r"(?:领导|头头|负责人)(?:们)?(?:亲自)?(?:出庭|上法庭|到庭)"), "负责人出庭"),
)


def report_terms(question: str) -> str:
    """``question`` with the asker's everyday words put in the reports' legal terms:
    "牡丹江2022年政府当被告的官司输了几起？" -> "牡丹江2022年政府当被告的行政诉讼案件败诉几起？"."""
    for pattern, term in _EVERYDAY:
        question = pattern.sub(term, question)
    return question
