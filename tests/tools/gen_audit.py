"""Writes tests/golden/audit/*.json: an independent audit (issue 11) of the
rules against CONTRACT.md v1.1 and the three policy texts, written from the
contract and the texts (not from our own examples). The JSON files are the
source of truth; this script only saves typing. Every date was counted by
hand on the FACTS.md calendar (the working is in each case's name)."""
import json, os
from golden_common import L, R, Y, deep
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'golden', 'audit')
LT = "2025年山西临汾特殊病种线上办理：覆盖64种病种，5个工作日内完成审核"
# The contract's own example facts (its proxy's "..." ID replaced by a valid one).
LBASE = {"region": "shanxi-linfen", "as_of": "2025-09-30",
  "applicant": {"id_number": "141002195501011232", "scheme": "employee", "contribution": "normal", "arrears": False,
                "insured_in": "shanxi-linfen", "hukou_local": True, "resides_locally": True, "remote_registered": False},
  "disease": {"id": "hypertension", "grade": 3, "complications": False},
  "diagnosis": {"hospital_level": 3, "hospital_public": True, "hospital_designated": True, "date": "2025-08-20", "specialist": False},
  "expenses": {"drugs": 6000, "exams": 1200, "treatment": 0, "targeted_drugs": 0, "inpatient": 0}}
RBASE = {"region": "shandong-rizhao", "as_of": "2025-09-30",
  "applicant": {"scheme": "resident", "contribution": "normal", "insured_in": "shandong-rizhao"},
  "disease": {"id": "malignant-tumor"},
  "diagnosis": {"hospital_level": 3, "hospital_designated": True},
  "expenses": {"drugs": 10000, "exams": 2000}}
YBASE = {"region": "jilin-liaoyuan", "as_of": "2025-09-30", "applicant": {"insured_in": "jilin-liaoyuan"}, "disease": {"id": "diabetes"}}
def case(name, src, base, patch, expect=None, **kw):
    c = {"name": name, "source": src, "facts": deep(base, patch)}
    if expect is not None: c["expect"] = expect
    c.update(kw); return c
def mat(id, **kw): return {"materials": [dict(id=id, **kw)]}
PRESENT = "$present"
files = {}

# ---- cite on every figure (CONTRACT v1.1 Output: "every check, material and figure also carries cite")
cv = files.setdefault('cite.json', [])
cv.append(case("a future-dated paper's problem carries a cite too (future_date is the contract's rule, not a policy's)",
  "CONTRACT.md §Version 1.1 Output (cite); §Result (future_date)", LBASE,
  {"documents": [{"kind": "exam_reports", "issued": "2025-10-01", "seal": "hospital"}]},
  mat("exam_reports", status="problem", problems=[{"code": "future_date", "cite": {"title": "慢特通自身的规则（不是医保政策）", "section": PRESENT}}])))
cv.append(case("the estimate's figures carry a cite: the estimate (its ratio and cap) and each pool",
  L + " §三 报销比例与限额 (高血压/糖尿病 4000元 70%)", LBASE, {},
  {"estimate": {"reimbursed": 4000, "exact": True,
                "cite": {"title": LT, "section": "§三 报销比例与限额 (高血压/糖尿病 4000元 70%)"},
                "pools": [{"id": "hypertension-diabetes", "reimbursed": 4000, "capped": True,
                           "cite": {"title": LT, "section": "§三 报销比例与限额 (高血压/糖尿病 4000元 70%)"}}]}}))
cv.append(case("inpatient spending outside the outpatient estimate cites 住院费用不计入年度限额",
  L + " §三 报销比例与限额 (住院叠加政策: 住院费用不计入年度限额)", LBASE, {"expenses": {"inpatient": 10000}},
  {"estimate": {"reimbursed": 4000, "exact": True,
                "outside": [{"expense": "inpatient", "spending": 10000,
                             "cite": {"title": LT, "section": "§三 报销比例与限额 (住院叠加政策: 住院费用不计入年度限额)"}}]}}))
cv.append(case("the timeline's dates carry a cite: the track's timing rule (1 + 5 working days, 次日生效)",
  L + " §二 审核与反馈", LBASE, {},
  {"timeline": {"decision_by": "2025-10-14", "cite": {"title": LT, "section": PRESENT}}}))
cv.append(case("Liaoyuan gives no dates: the timeline cites the section that says so",
  Y + " §一 受理环节; §一 审核与办结环节", YBASE, {},
  {"timeline": {"decision_by": "$absent", "cite": {"title": PRESENT, "section": "§一 受理环节; §一 审核与办结环节"}}}))
cv.append(case("the published catalogue size (64种) carries a cite",
  L + " §导语 (覆盖…64种病种)", LBASE, {},
  {"pack": {"catalogue": {"published_total": 64, "partial": True, "cite": {"title": LT, "section": PRESENT}}}}))

cv.append(case("a working-day date cites the policy section and the State Council notice, and no file name (reference/FACTS.md is for rule authors)",
  L + " §二 审核与反馈; 国务院办公厅关于2025年部分节假日安排的通知", LBASE, {},
  {"timeline": {"trace": {"$contains": [{"figure": "timeline.pre_review_by", "value": "2025-10-09",
     "source": PRESENT,
     "cite": {"title": LT, "section": "§二 审核与反馈 (智能预审 1个工作日; 专家复核 5个工作日; 审核通过后次日生效); §四 材料驳回处理 (需在3个工作日内重新提交); 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12)"}}]}}}))

cv.append(case("Rizhao hypertension: the text does not say instant or centralized, so no decision date; the timeline cites 分类管理, where it says which are which",
  R + " §一 适用对象与病种范围 (分类管理)", RBASE, {"disease": {"id": "hypertension"}},
  {"track": "$absent", "timeline": {"decision_by": "$absent", "decision_by_latest": "2025-11-28",
   "cite": {"title": PRESENT, "section": "§一 适用对象与病种范围 (分类管理)"}}}))

# ---- seal kinds (CONTRACT v1.1 seal; Linfen 检查报告 需医院盖章)
sv = files.setdefault('seals.json', [])
sv.append(case("Linfen exam report with the medical-records room's seal: 需医院盖章 is any seal of the hospital, and 病案室 is the hospital's own office → ok",
  L + " §二 材料清单 (检查报告: 需医院盖章)", LBASE,
  {"documents": [{"kind": "exam_reports", "issued": "2025-08-20", "sealed": True, "seal": "medical_records_room"}]},
  mat("exam_reports", status="ok", problems=[])))
sv.append(case("Linfen diagnosis certificate with the medical-records room's seal: 加盖医院公章 needs the official seal → unsealed, naming it",
  L + " §二 材料清单 (诊断证明: 加盖医院公章)", LBASE,
  {"documents": [{"kind": "diagnosis_certificate", "issued": "2025-08-20", "seal": "medical_records_room", "states_stage": True}]},
  mat("diagnosis_certificate", status="problem", problems=[{"code": "unsealed", "message_zh": "未加盖所需印章：盖的是医院病案室专用章，须为医院公章"}])))
sv.append(case("Liaoyuan inpatient records with the hospital's official seal: 需加盖医院病案室专用章 → unsealed",
  Y + " §一 申请环节 (需加盖医院病案室专用章)", YBASE,
  {"documents": [{"kind": "inpatient_records", "issued": "2025-09-01", "seal": "hospital", "period_end": "2025-01-10"}]},
  mat("inpatient_records", status="problem", problems=[{"code": "unsealed", "message_zh": "未加盖所需印章：盖的是医院公章，须为医院病案室专用章"}])))

# ---- boundaries a grader writes: windows, calendar, ages
bv = files.setdefault('boundaries.json', [])
bv.append(case("近一年内 on a leap day: as_of 2028-02-29, a report of 2027-02-28 is exactly one year old → ok",
  L + " §一 准入标准 (近一年内的检查报告)", LBASE,
  {"as_of": "2028-02-29", "documents": [{"kind": "exam_reports", "issued": "2027-02-28", "seal": "hospital"}]},
  mat("exam_reports", status="ok")))
bv.append(case("近一年内 on a leap day: as_of 2028-02-29, a report of 2027-02-27 → expired",
  L + " §一 准入标准 (近一年内的检查报告)", LBASE,
  {"as_of": "2028-02-29", "documents": [{"kind": "exam_reports", "issued": "2027-02-27", "seal": "hospital"}]},
  mat("exam_reports", status="problem", problems=[{"code": "expired"}])))
bv.append(case("近两年的住院病历 across a leap day: discharged 2024-02-29, as_of 2026-02-28 → within two years",
  Y + " §一 申请环节 (近两年的住院病历复印件)", YBASE,
  {"as_of": "2026-02-28", "documents": [{"kind": "inpatient_records", "issued": "2025-09-01", "seal": "medical_records_room", "period_end": "2024-02-29"}]},
  mat("inpatient_records", status="ok")))
bv.append(case("submitted on a make-up working day (Sat 2026-02-14): pre-review counts from the next working day, 2026-02-24 after 春节; 24,25,26,27,28(Sat, make-up) → decision 2026-02-28",
  L + " §二 审核与反馈; 国务院办公厅关于2026年部分节假日安排的通知", LBASE, {"as_of": "2026-02-14"},
  {"timeline": {"submitted": "2026-02-14", "pre_review_by": "2026-02-24", "decision_by": "2026-02-28", "effective_from": "2026-03-01", "renewal_due": "2029-03-01"}}))
bv.append(case("across the year end: 2025-12-31 → first working day after is Sun 2026-01-04 (make-up); 4,5,6,7,8 → decision 2026-01-08",
  L + " §二 审核与反馈; 国务院办公厅关于2026年部分节假日安排的通知", LBASE, {"as_of": "2025-12-31"},
  {"timeline": {"pre_review_by": "2026-01-04", "decision_by": "2026-01-08", "effective_from": "2026-01-09"}}))
bv.append(case("before 中秋 2026: Fri 2026-09-18 → Sun 09-20 is a make-up day (1); 20,21,22,23,24 → decision 2026-09-24",
  L + " §二 审核与反馈; 国务院办公厅关于2026年部分节假日安排的通知", LBASE, {"as_of": "2026-09-18"},
  {"timeline": {"pre_review_by": "2026-09-20", "decision_by": "2026-09-24", "effective_from": "2026-09-25"}}))
bv.append(case("a decision that needs 2027's calendar is null, with a note; never weekends only",
  L + " §二 审核与反馈; reference/FACTS.md (a date outside the calendar must not be treated as weekends only)", LBASE, {"as_of": "2026-12-30"},
  {"timeline": {"pre_review_by": "2026-12-31", "decision_by": "$absent", "effective_from": "$absent", "renewal_due": "$absent"}}))
bv.append(case("Rizhao monthly batch across the new year and 春节: 2025-12-15 → batch by 2026-01-31, + 20 working days (Feb 2-13 = 10, Sat 14 = 11, 24-27 = 15, Sat 28 = 16, Mar 2-5 = 20) → 2026-03-05",
  R + " §一 适用对象与病种范围 (集中申请病种: 每月集中审核一次，20个工作日内完成)", RBASE,
  {"as_of": "2025-12-15", "disease": {"id": "hypertension"}},
  {"track": "$absent", "timeline": {"decision_by": "$absent", "decision_by_latest": "2026-03-05"}}))
PX = {"name": "张三", "id_number": "11010519491231002X", "relationship": "child", "phone": "13800000000"}
PROXY_NOTE = {"message_zh": "代办：文本写明老年人、残疾人可由家属通过“为他人申请”功能代办，需上传代办人身份证及授权委托书；为其他成年人代办，文本没有说明是否可以，请向“山西医保”确认"}
bv.append(case("老年人 on the 60th birthday (born 1965-09-30, as_of 2025-09-30): elderly, so no proxy note (the four notes of any Linfen hypertension filing, no fifth)",
  L + " §四 特殊人群代办 (老年人/残疾人); 老年人权益保障法 第二条 (六十周岁以上)", LBASE,
  {"applicant": {"id_number": "141002196509301239"}, "proxy": PX},
  {"notes": [{}, {}, {}, {"message_zh": "慢性病处方最长可开12周药量，复诊无需重复提交材料"}], "materials": [{"id": "proxy_id_card", "required": True}, {"id": "authorization_letter", "required": True}]}))
bv.append(case("a day short of 60 (born 1965-10-01, as_of 2025-09-30): the proxy note says what the text says",
  L + " §四 特殊人群代办 (老年人/残疾人); 老年人权益保障法 第二条 (六十周岁以上)", LBASE,
  {"applicant": {"id_number": "141002196510011239"}, "proxy": PX},
  {"notes": {"$contains": [PROXY_NOTE]}}))

ev = files.setdefault('estimate.json', [])
ev.append(case("expenses: {} gives no spending: the amounts are unknown (null), not 0.00 — a missing fact is never assumed",
  "CONTRACT.md §Facts (every field is optional; a missing fact is unknown, never assumed)", LBASE,
  {"expenses": None},
  {"estimate": {"reimbursed": "$absent", "out_of_pocket": "$absent", "annual_cap": 4000, "ratio": 0.7}}))
ev[-1]["facts"]["expenses"] = {}
ev.append(case("organ transplant: 检查费与药费合并计算 — 20000 drugs + 20000 exams in one pool, 90% = 36000, capped at 30000",
  L + " §三 报销比例与限额 (器官移植抗排异 30000元 90%; 检查费与药费合并计算)", LBASE,
  {"disease": {"id": "organ-transplant-antirejection"}, "expenses": {"drugs": 20000, "exams": 20000}},
  {"estimate": {"reimbursed": 30000, "out_of_pocket": 10000, "annual_cap": 30000, "ratio": 0.9, "exact": True}}))
ev.append(case("radio/chemotherapy: 85% up to 20000; targeted drugs 单独计算 with no published figures → a lower bound",
  L + " §三 报销比例与限额 (恶性肿瘤放化疗 20000元 85%; 靶向药费用单独计算)", LBASE,
  {"disease": {"id": "malignant-tumor-radiochemo"}, "expenses": {"drugs": 10000, "exams": 0, "targeted_drugs": 5000}},
  {"estimate": {"reimbursed": 8500, "out_of_pocket": 6500, "annual_cap": 20000, "ratio": 0.85, "exact": False, "unestimated": 5000}}))
ev.append(case("Rizhao: 不低于65% is a floor, no cap published → 65% of 12000 = 7800 as a lower bound, exact false",
  R + " §三 2025年医保政策亮点 (支付比例不低于65%)", RBASE, {},
  {"estimate": {"reimbursed": 7800, "out_of_pocket": 4200, "annual_cap": "$absent", "ratio": 0.65, "exact": False}}))

pv = files.setdefault('proxy.json', [])
pv.append(case("a proxy filing: a check's message is about the applicant, not \"you\" (the person answering is the proxy)",
  L + " §四 特殊人群代办; issue 11 (questions that speak to the person answering)", LBASE,
  {"applicant": {"insured_in": None}, "proxy": PX},
  {"eligibility": {"status": "undetermined", "checks": [{"id": "insured-in-linfen", "outcome": "unknown",
     "message_en": "Where the applicant is insured is not known yet", "message_zh": "尚不清楚在哪里参保"}]}}, lang="en"))
pv.append(case("a proxy filing for someone insured in Taiyuan who lives in Linfen: unknown, and the note says to ask the applicant's own city",
  L + " §一 准入标准; §一 适用人群", LBASE,
  {"applicant": {"insured_in": "shanxi-taiyuan", "hukou_local": False}, "proxy": PX},
  {"eligibility": {"status": "undetermined", "checks": [{"id": "insured-in-linfen", "outcome": "unknown",
     "message_zh": "在山西省其他城市参保、户籍或长期居住在临汾：文本的准入标准是“山西省职工医保或城乡居民医保”，适用人群是“户籍或长期居住于临汾的医保参保者”，没有说明省内其他城市的参保人能否在临汾申请。请先向参保地所在城市的医保部门咨询"}]}}))

pv.append(case("a proxy filing for an 18-year-old (born 2007-09-30, as_of 2025-09-30) is for an adult who is neither elderly nor said to be disabled: the note says what the text says",
  L + " §四 特殊人群代办 (老年人/残疾人:可由家属代办)", LBASE,
  {"applicant": {"id_number": "141002200709301232"}, "proxy": PX},
  {"notes": {"$contains": [PROXY_NOTE]}}))
pv.append(case("a proxy filing for a 17-year-old (born 2007-10-01): the note about other adults does not apply to a child filed for by a guardian (four notes, no fifth)",
  L + " §四 特殊人群代办 (the note speaks of 其他成年人)", LBASE,
  {"applicant": {"id_number": "141002200710011232"}, "proxy": PX},
  {"notes": [{}, {}, {}, {"message_zh": "慢性病处方最长可开12周药量，复诊无需重复提交材料"}]}))

errs = files.setdefault('errors.json', [])
errs.append(case("an ID number whose birth date is not a date (1955-02-30) is bad input naming the field",
  "CONTRACT.md §The command-line tool (bad input exits 2, naming the field); reference/FACTS.md (GB 11643)", LBASE,
  {"applicant": {"id_number": "141002195502301234"}}, expect_errors=["applicant.id_number:"]))
errs.append(case("an unknown seal kind is bad input naming the field",
  "CONTRACT.md §Version 1.1 (seal: hospital, department, medical_records_room, other)", LBASE,
  {"documents": [{"kind": "exam_reports", "seal": "stamp"}]}, expect_errors=["documents[0].seal:"]))
errs.append(case("a period_end that is not YYYY-MM-DD is bad input naming the field",
  "CONTRACT.md §Version 1.1 (period_end); §Facts (dates are YYYY-MM-DD)", YBASE,
  {"documents": [{"kind": "inpatient_records", "period_end": "2025/01/01"}]}, expect_errors=["documents[0].period_end:"]))
errs.append(case("signed must be true or false",
  "CONTRACT.md §Version 1.1 (signed)", LBASE,
  {"documents": [{"kind": "application_form", "signed": "yes"}]}, expect_errors=["documents[0].signed:"]))

os.makedirs(OUT, exist_ok=True)
n = 0
for name, cases in files.items():
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump({"cases": cases}, f, ensure_ascii=False, indent=1); f.write('\n')
    n += len(cases)
print(n)
