import json, os
# Writes tests/golden/**.json. The JSON files are the source of truth that
# cargo test and `mantetong test` read; this script only saves typing.
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'golden')
from golden_common import L, R, Y, deep
LBASE={"region":"shanxi-linfen","as_of":"2025-09-30",
 "applicant":{"id_number":"11010519491231002X","scheme":"employee","contribution":"normal","arrears":False,"insured_in":"shanxi-linfen","hukou_local":True,"resides_locally":True,"remote_registered":False},
 "disease":{"id":"hypertension","grade":3,"complications":False},
 "diagnosis":{"hospital_level":2,"hospital_public":True,"hospital_designated":True,"date":"2025-08-20"},
 "expenses":{"drugs":6000,"exams":1200,"treatment":0,"targeted_drugs":0,"inpatient":0}}
RBASE={"region":"shandong-rizhao","as_of":"2025-09-30",
 "applicant":{"scheme":"resident","contribution":"normal","arrears":False,"insured_in":"shandong-rizhao"},
 "disease":{"id":"malignant-tumor"},
 "diagnosis":{"hospital_level":3,"hospital_designated":True,"meets_criteria":True},
 "expenses":{"drugs":10000,"exams":2000}}
YBASE={"region":"jilin-liaoyuan","as_of":"2025-09-30","applicant":{"insured_in":"jilin-liaoyuan","contribution":"normal"},"disease":{"id":"diabetes"}}
def case(name, src, base, patch, expect=None, **kw):
    c={"name":name,"source":src,"facts":deep(base,patch)}
    if expect is not None: c["expect"]=expect
    c.update(kw); return c
def chk(id,outcome): return {"id":id,"outcome":outcome}
files={}
# ---------------- Linfen
lf=files.setdefault('shanxi-linfen/eligibility.json',[])
lf.append(case("hypertension grade III, level-2 public, normal contributions: eligible", f"{L} §一 准入标准", LBASE, {},
  {"region":"shanxi-linfen","pack":{"id":"shanxi-linfen","policy_year":2025},"track":"expert_review",
   "eligibility":{"status":"eligible","missing":[],"checks":[chk("insured-in-linfen","pass"),chk("contribution-normal","pass"),chk("no-arrears","pass"),chk("disease-listed","pass"),chk("disease-qualifier","pass"),chk("local-connection","pass"),chk("diagnosis-hospital-level","pass"),chk("diagnosis-hospital-public","pass")]}}))
for g in [1,2]:
  lf.append(case(f"hypertension grade {g} does not qualify (only Ⅲ级)", f"{L} §一 准入标准 (病种范围: 高血压(Ⅲ级))", LBASE, {"disease":{"grade":g}},
    {"eligibility":{"status":"ineligible","checks":[chk("disease-qualifier","fail")]}}))
lf.append(case("catalogue: 64 diseases published, only some named (partial); channel 山西医保", f"{L} §导语 (64种病种); §二 渠道选择", LBASE, {},
  {"pack":{"catalogue":{"published_total":64,"listed":5,"partial":True},"coverage":"full"},"channel":{"kind":"official_app","name":"“山西医保”微信公众号","endpoint":None}}))
lf.append(case("hypertension grade as roman numeral Ⅲ", f"{L} §一 准入标准", LBASE, {"disease":{"grade":"Ⅲ"}},{"eligibility":{"status":"eligible"}}))
lf.append(case("diabetes with complications qualifies", f"{L} §一 准入标准 (病种范围: 糖尿病(合并并发症))", LBASE, {"disease":{"id":"diabetes","grade":None,"complications":True}},
  {"eligibility":{"status":"eligible","checks":[chk("disease-qualifier","pass")]}}))
lf.append(case("diabetes without complications does not qualify", f"{L} §一 准入标准 (病种范围: 糖尿病(合并并发症))", LBASE, {"disease":{"id":"diabetes","grade":None,"complications":False}},
  {"eligibility":{"status":"ineligible","checks":[chk("disease-qualifier","fail")]}}))
lf.append(case("diabetes, complications unknown: undetermined, asks for complications", f"{L} §一 准入标准", LBASE, {"disease":{"id":"diabetes","grade":None,"complications":None}},
  {"eligibility":{"status":"undetermined","missing":["disease.complications"]}}, expect_question="disease.complications"))
for d in ["malignant-tumor-radiochemo","organ-transplant-antirejection","malignant-tumor"]:
  lf.append(case(f"{d} is in the catalogue", f"{L} §一 准入标准 (病种范围); §导语", LBASE, {"disease":{"id":d,"grade":None}},
    {"eligibility":{"status":"eligible","checks":[chk("disease-listed","pass")]},"disease":{"id":d,"listed":True}}))
lf.append(case("a disease the text does not name: undetermined (catalogue of 64 is partial)", f"{L} §导语 (64种病种)", LBASE, {"disease":{"id":"parkinsons","grade":None}},
  {"eligibility":{"status":"undetermined","missing":[],"checks":[chk("disease-listed","unknown")]},"disease":None}, expect_question=None))
lf.append(case("M00504 (恶性肿瘤（非放化疗）) resolves to malignant-tumor", "reference/FACTS.md M-codes (unverified)", LBASE, {"disease":{"id":None,"grade":None,"code":"M00504"}},
  {"disease":{"id":"malignant-tumor"},"eligibility":{"status":"eligible"},"timeline":{"renewal_due":"2026-10-15"}}))
lf.append(case("disease given by M-code M03900 = hypertension", "reference/FACTS.md M-codes (unverified)", LBASE, {"disease":{"id":None,"code":"M03900"}},
  {"disease":{"id":"hypertension","m_code":"M03900","m_code_verified":False},"eligibility":{"status":"eligible"}}))
lf.append(case("insured in a Linfen district id, remote-registered: passes", f"{L} §一 适用人群 (异地备案人员)", LBASE, {"applicant":{"insured_in":"shanxi-linfen-yaodu","hukou_local":False,"resides_locally":False,"remote_registered":True}},
  {"eligibility":{"status":"eligible"}}))
lf.append(case("hospital level given as 2.0 is read as 2", "CONTRACT.md diagnosis.hospital_level", LBASE, {"diagnosis":{"hospital_level":2.0}}, {"eligibility":{"status":"eligible"}}))
lf.append(case("Shaanxi (陕西) is not Shanxi (山西)", f"{L} §一 准入标准 (山西省)", LBASE, {"applicant":{"insured_in":"shaanxi-xian"}}, {"eligibility":{"status":"ineligible","checks":[chk("insured-in-linfen","fail")]}}))
lf.append(case("insured in another province: ineligible", f"{L} §一 准入标准 (山西省职工医保或城乡居民医保)", LBASE, {"applicant":{"insured_in":"shandong-rizhao"}},
  {"eligibility":{"status":"ineligible","checks":[chk("insured-in-linfen","fail")]}}))
lf.append(case("insured elsewhere in Shanxi (Taiyuan), living in Linfen: the text does not say, so unknown (was: fail)", f"{L} §一 准入标准 (山西省职工医保或城乡居民医保); §一 适用人群 (户籍或长期居住于临汾的医保参保者)", LBASE, {"applicant":{"insured_in":"shanxi-taiyuan","hukou_local":False,"resides_locally":True}},
  {"eligibility":{"status":"undetermined","checks":[chk("insured-in-linfen","unknown"),chk("local-connection","pass")],"missing":[]}}))
for c in ["suspended","lapsed"]:
  lf.append(case(f"contribution {c}: ineligible", f"{L} §一 准入标准 (正常缴费人员)", LBASE, {"applicant":{"contribution":c}},
    {"eligibility":{"status":"ineligible","checks":[chk("contribution-normal","fail")],"missing":[]}}))
lf.append(case("arrears on record: ineligible", f"{L} §一 准入标准 (无欠费记录)", LBASE, {"applicant":{"arrears":True}},
  {"eligibility":{"status":"ineligible","checks":[chk("no-arrears","fail")]}}))
lf.append(case("non-local hukou but long-term resident: eligible, residence permit required", f"{L} §一 适用人群; §二 材料清单 (非临汾户籍需附加居住证)", LBASE, {"applicant":{"hukou_local":False,"resides_locally":True}},
  {"eligibility":{"status":"eligible"},"materials":[{"id":"residence_permit","required":True,"requirement":"required","status":"missing"}]}))
lf.append(case("local hukou: no residence permit", f"{L} §二 材料清单", LBASE, {},
  {"materials":[{"id":"residence_permit","$absent":True},{"id":"id_card","required":True},{"id":"diagnosis_certificate","required":True},{"id":"exam_reports","required":True,"window_months":12},{"id":"application_form","required":True}]}))
lf.append(case("remote-registered Linfen insured living elsewhere: eligible", f"{L} §一 适用人群 (异地备案人员)", LBASE, {"applicant":{"hukou_local":False,"resides_locally":False,"remote_registered":True}},
  {"eligibility":{"status":"eligible","checks":[chk("local-connection","pass")]}}))
lf.append(case("remote registration does not help someone insured outside Linfen", f"{L} §一 适用人群", LBASE, {"applicant":{"insured_in":"shanxi-taiyuan","hukou_local":False,"resides_locally":False,"remote_registered":True}},
  {"eligibility":{"status":"ineligible","checks":[chk("insured-in-linfen","fail")]}}))
lf.append(case("neither hukou, residence nor remote registration: ineligible", f"{L} §一 适用人群", LBASE, {"applicant":{"hukou_local":False,"resides_locally":False,"remote_registered":False}},
  {"eligibility":{"status":"ineligible","checks":[chk("local-connection","fail")]}}))
lf.append(case("diagnosed at a level-1 hospital: ineligible", f"{L} §一 准入标准 (二级及以上公立医院)", LBASE, {"diagnosis":{"hospital_level":1}},
  {"eligibility":{"status":"ineligible","checks":[chk("diagnosis-hospital-level","fail")]}}))
lf.append(case("diagnosed at a level-3 hospital: passes", f"{L} §一 准入标准", LBASE, {"diagnosis":{"hospital_level":3}},
  {"eligibility":{"status":"eligible","checks":[chk("diagnosis-hospital-level","pass")]}}))
lf.append(case("diagnosed at a private hospital: ineligible", f"{L} §一 准入标准 (公立医院)", LBASE, {"diagnosis":{"hospital_public":False}},
  {"eligibility":{"status":"ineligible","checks":[chk("diagnosis-hospital-public","fail")]}}))
lf.append(case("scheme resident is covered like employee", f"{L} §一 准入标准 (职工医保或城乡居民医保)", LBASE, {"applicant":{"scheme":"resident"}},{"eligibility":{"status":"eligible"}}))
lf.append(case("nothing known: undetermined, most decisive fact first", f"{L} §一", {"region":"shanxi-linfen","as_of":"2025-09-30"}, {},
  {"eligibility":{"status":"undetermined","missing":["applicant.insured_in","applicant.contribution","applicant.arrears","disease.id","applicant.hukou_local","applicant.resides_locally","applicant.remote_registered","diagnosis.hospital_level","diagnosis.hospital_public"]},"estimate":None,"track":"expert_review"},
  expect_question="applicant.insured_in"))
lf.append(case("hypertension known, grade unknown: asks the grade", f"{L} §一 准入标准", LBASE, {"disease":{"grade":None}},
  {"eligibility":{"status":"undetermined","missing":["disease.grade"]}}, expect_question="disease.grade"))
lf.append(case("settled eligibility asks nothing more", f"{L} §一", LBASE, {"applicant":{"arrears":True,"hukou_local":None}},
  {"eligibility":{"status":"ineligible","missing":[]}}, expect_question=None))
# estimate
le=files.setdefault('shanxi-linfen/estimate.json',[])
E=lambda **k: {"estimate":k}
le.append(case("hypertension: 6000 drugs + 1200 exams → 70% = 5040, capped at 4000", f"{L} §三 报销比例与限额 (高血压/糖尿病 4000元 70%)", LBASE, {},
  E(reimbursed=4000, out_of_pocket=3200, annual_cap=4000, ratio=0.7, exact=True)))
le.append(case("hypertension below the cap: 3000 × 70% = 2100", f"{L} §三 报销比例与限额", LBASE, {"expenses":{"drugs":2500,"exams":500}},
  E(reimbursed=2100, out_of_pocket=900, annual_cap=4000, ratio=0.7, exact=True)))
le.append(case("hypertension exactly at the cap edge: 5714.29 × 70% = 4000.00", f"{L} §三 报销比例与限额", LBASE, {"expenses":{"drugs":5714.29,"exams":0}},
  E(reimbursed=4000, exact=True)))
le.append(case("diabetes: same pool, 4000 at 70%", f"{L} §三 报销比例与限额 (高血压/糖尿病)", LBASE, {"disease":{"id":"diabetes","grade":None,"complications":True},"expenses":{"drugs":1000.5,"exams":0.01}},
  E(reimbursed=700.36, out_of_pocket=300.15, annual_cap=4000, ratio=0.7, exact=True)))
le.append(case("hypertension: inpatient costs are outside the annual cap", f"{L} §三 报销比例与限额 (住院费用不计入年度限额)", LBASE, {"expenses":{"drugs":1000,"exams":0,"inpatient":50000}},
  E(reimbursed=700, out_of_pocket=300, annual_cap=4000, exact=True)))
le.append(case("tumour radio/chemotherapy: 85% up to 20000", f"{L} §三 报销比例与限额 (恶性肿瘤放化疗 20000元 85%)", LBASE, {"disease":{"id":"malignant-tumor-radiochemo","grade":None},"expenses":{"drugs":20000,"exams":5000}},
  E(reimbursed=20000, out_of_pocket=5000, annual_cap=20000, ratio=0.85, exact=True)))
le.append(case("tumour radio/chemotherapy below the cap: 10000 × 85% = 8500", f"{L} §三 报销比例与限额", LBASE, {"disease":{"id":"malignant-tumor-radiochemo","grade":None},"expenses":{"drugs":8000,"exams":2000}},
  E(reimbursed=8500, out_of_pocket=1500, annual_cap=20000, ratio=0.85, exact=True)))
le.append(case("tumour targeted drugs: separate pool, figures unpublished → not exact", f"{L} §三 报销比例与限额 (靶向药费用单独计算)", LBASE, {"disease":{"id":"malignant-tumor-radiochemo","grade":None},"expenses":{"drugs":8000,"exams":2000,"targeted_drugs":30000}},
  {"estimate":{"reimbursed":8500,"annual_cap":20000,"ratio":0.85,"exact":False,"pools":[{"id":"tumor-radiochemo","reimbursed":8500},{"id":"tumor-targeted-drugs","spending":30000,"reimbursed":None}]}}))
le.append(case("organ transplant: exams and drugs pooled, 90% up to 30000", f"{L} §三 报销比例与限额 (器官移植抗排异 30000元 90%; 检查费与药费合并计算)", LBASE, {"disease":{"id":"organ-transplant-antirejection","grade":None},"expenses":{"drugs":30000,"exams":5000}},
  E(reimbursed=30000, out_of_pocket=5000, annual_cap=30000, ratio=0.9, exact=True)))
le.append(case("organ transplant below the cap: 12000 × 90% = 10800", f"{L} §三 报销比例与限额", LBASE, {"disease":{"id":"organ-transplant-antirejection","grade":None},"expenses":{"drugs":10000,"exams":2000}},
  E(reimbursed=10800, out_of_pocket=1200, exact=True)))
le.append(case("malignant tumour without radio/chemotherapy: no published figures → estimate null", f"{L} §三 报销比例与限额 (no row)", LBASE, {"disease":{"id":"malignant-tumor","grade":None}},
  {"estimate":None}))
le.append(case("no expenses given: ratio and cap only", f"{L} §三 报销比例与限额", LBASE, {"expenses":None},
  E(reimbursed=None, out_of_pocket=None, annual_cap=4000, ratio=0.7)))
le.append(case("zero spending: nothing paid", f"{L} §三", LBASE, {"expenses":{"drugs":0,"exams":0}}, E(reimbursed=0, out_of_pocket=0, exact=True)))
# timeline
lt=files.setdefault('shanxi-linfen/timeline.json',[])
T=lambda **k: {"timeline":k}
lt.append(case("submitted 2025-09-30 before the National Day holiday (Oct 1-8)", f"{L} §二 审核与反馈 (1个工作日; 5个工作日; 次日生效); §四 复审与续期 (每3年)", LBASE, {},
  T(submitted="2025-09-30", pre_review_by="2025-10-09", decision_by="2025-10-14", effective_from="2025-10-15", renewal_due="2028-10-15", resubmit_within_working_days=3)))
lt.append(case("submitted before Spring Festival 2025; Feb 8 (Sat) is a make-up working day", f"{L} §二 审核与反馈; reference/FACTS.md calendar 2025", LBASE, {"as_of":"2025-01-27"},
  T(pre_review_by="2025-02-05", decision_by="2025-02-10", effective_from="2025-02-11", renewal_due="2028-02-11")))
lt.append(case("submitted on a Saturday counts from Monday", f"{L} §二 审核与反馈", LBASE, {"as_of":"2025-06-07"},
  T(pre_review_by="2025-06-09", decision_by="2025-06-13", effective_from="2025-06-14")))
lt.append(case("diabetes renews every 3 years", f"{L} §四 复审与续期", LBASE, {"disease":{"id":"diabetes","complications":True}, "as_of":"2026-03-02"},
  T(pre_review_by="2026-03-03", decision_by="2026-03-09", effective_from="2026-03-10", renewal_due="2029-03-10")))
lt.append(case("tumour: yearly renewal with new exam reports", f"{L} §四 复审与续期 (恶性肿瘤等需每年提交最新检查报告)", LBASE, {"disease":{"id":"malignant-tumor-radiochemo"}},
  T(effective_from="2025-10-15", renewal_due="2026-10-15")))
lt.append(case("malignant tumour (other): yearly renewal", f"{L} §四 复审与续期", LBASE, {"disease":{"id":"malignant-tumor"}}, T(renewal_due="2026-10-15")))
lt.append(case("organ transplant: renewal not stated → null", f"{L} §四 复审与续期", LBASE, {"disease":{"id":"organ-transplant-antirejection"}}, T(effective_from="2025-10-15", renewal_due=None)))
lt.append(case("2026 New Year and make-up Sunday Jan 4", f"{L} §二; reference/FACTS.md calendar 2026", LBASE, {"as_of":"2025-12-31"},
  T(pre_review_by="2026-01-04", decision_by="2026-01-08", effective_from="2026-01-09")))
lt.append(case("beyond the calendar (2027 not published): decision and start null, said in a note", "reference/FACTS.md (a date outside the calendar is reported, not guessed)", LBASE, {"as_of":"2026-12-28"},
  T(submitted="2026-12-28", pre_review_by="2026-12-29", decision_by=None, effective_from=None, renewal_due=None)))
lt.append(case("2026 National Day: Oct 10 (Sat) is a working day", f"{L} §二; reference/FACTS.md calendar 2026", LBASE, {"as_of":"2026-09-30"},
  T(pre_review_by="2026-10-08", decision_by="2026-10-13", effective_from="2026-10-14")))
# materials
lm=files.setdefault('shanxi-linfen/materials.json',[])
def docs(*d): return {"documents":list(d)}
GOODCERT={"kind":"diagnosis_certificate","issued":"2025-08-20","sealed":True,"seal":"hospital","states_stage":True}
GOODEXAM={"kind":"exam_reports","issued":"2025-08-20","sealed":True}
M=lambda *m: {"materials":list(m)}
lm.append(case("sealed certificate stating the stage, fresh sealed exam reports: ok", f"{L} §二 材料清单", LBASE, docs(GOODCERT,GOODEXAM,{"kind":"id_card"},{"kind":"application_form","signed":True}),
  M({"id":"diagnosis_certificate","status":"ok","problems":[]},{"id":"exam_reports","status":"ok","problems":[]},{"id":"id_card","status":"ok"},{"id":"application_form","status":"ok"})))
lm.append(case("certificate without the hospital seal (35% of rejections)", f"{L} §二 材料清单 (加盖医院公章); §四 材料驳回处理", LBASE, docs(dict(GOODCERT,sealed=False,seal=None)),
  M({"id":"diagnosis_certificate","status":"problem","problems":[{"code":"unsealed"}]})))
lm.append(case("certificate not stating the stage or type", f"{L} §二 材料清单 (注明疾病分期或分型)", LBASE, docs(dict(GOODCERT,states_stage=False)),
  M({"id":"diagnosis_certificate","status":"problem","problems":[{"code":"stage_missing"}]})))
lm.append(case("certificate from a level-1 hospital", f"{L} §一 准入标准 (二级及以上公立医院出具的诊断证明)", LBASE, docs(dict(GOODCERT,hospital_level=1)),
  M({"id":"diagnosis_certificate","status":"problem","problems":[{"code":"hospital_level"}]})))
lm.append(case("certificate from a private hospital", f"{L} §一 准入标准 (公立医院)", LBASE, docs(dict(GOODCERT,hospital_public=False)),
  M({"id":"diagnosis_certificate","status":"problem","problems":[{"code":"hospital_level"}]})))
lm.append(case("certificate dated in the future", "CONTRACT.md future_date", LBASE, docs(dict(GOODCERT,issued="2025-10-01")),
  M({"id":"diagnosis_certificate","status":"problem","problems":[{"code":"future_date"}]})))
lm.append(case("exam report one day older than a year: expired (28% of rejections)", f"{L} §一 准入标准 (近一年内的检查报告); §四 材料驳回处理", LBASE, docs(dict(GOODEXAM,issued="2024-09-29")),
  M({"id":"exam_reports","status":"problem","problems":[{"code":"expired"}]})))
lm.append(case("exam report exactly a year old: still within the window", f"{L} §一 准入标准 (近一年内)", LBASE, docs(dict(GOODEXAM,issued="2024-09-30")),
  M({"id":"exam_reports","status":"ok"})))
lm.append(case("exam report without the hospital seal", f"{L} §二 材料清单 (检查报告: 需医院盖章)", LBASE, docs(dict(GOODEXAM,sealed=False)),
  M({"id":"exam_reports","status":"problem","problems":[{"code":"unsealed"}]})))
lm.append(case("one expired and one fresh exam report: the old paper is still flagged", f"{L} §一 准入标准", LBASE, docs(dict(GOODEXAM,issued="2023-01-01"),GOODEXAM),
  M({"id":"exam_reports","status":"problem","problems":[{"code":"expired","document":0}]})))
lm.append(case("sealed? unknown: unchecked", "CONTRACT.md status unchecked", LBASE, docs({"kind":"exam_reports","issued":"2025-08-20"}),
  M({"id":"exam_reports","status":"unchecked","problems":[]})))
lm.append(case("proxy filing: proxy ID card and authorisation letter required", f"{L} §四 特殊人群代办 (需上传代办人身份证及授权委托书)", LBASE, {"proxy":{"name":"张三","relationship":"child","phone":"13800000000","id_number":"34052419800101001X"}},
  M({"id":"proxy_id_card","required":True,"status":"missing","problems":[{"code":"missing"}]},{"id":"authorization_letter","required":True,"status":"missing"})))
lm.append(case("self filing: no proxy papers", f"{L} §四 特殊人群代办", LBASE, {}, M({"id":"proxy_id_card","$absent":True},{"id":"authorization_letter","$absent":True})))
lm.append(case("hukou unknown: residence permit is conditional", f"{L} §二 材料清单 (非临汾户籍需附加居住证)", LBASE, {"applicant":{"hukou_local":None}},
  M({"id":"residence_permit","required":False,"requirement":"conditional"})))
lm.append(case("Linfen publishes no file rules, but the project's own rule applies in every region: a Word file of 99 MB is file_type and file_too_large", "CONTRACT.md §Version 1.1 (a rule of the project)", LBASE, docs(dict(GOODCERT,file={"name":"x.doc","type":"application/msword","size":99999999})),
  M({"id":"diagnosis_certificate","status":"problem","problems":[{"code":"file_type"},{"code":"file_too_large"}]})))
# errors
lx=files.setdefault('shanxi-linfen/errors.json',[])
lx.append(case("ID number with a wrong check digit", "reference/FACTS.md GB 11643", LBASE, {"applicant":{"id_number":"110105194912310021"}}, expect_errors=["applicant.id_number: check digit should be X"]))
lx.append(case("lower-case x is accepted", "reference/FACTS.md GB 11643", LBASE, {"applicant":{"id_number":"11010519491231002x"}}, {"eligibility":{"status":"eligible"}}))
lx.append(case("proxy ID number is checked too", "reference/FACTS.md", LBASE, {"proxy":{"id_number":"340524198001010011"}}, expect_errors=["proxy.id_number: check digit should be X"]))
lx.append(case("malformed as_of", "CONTRACT.md", LBASE, {"as_of":"2025-13-01"}, expect_errors=['as_of: "2025-13-01" is not a date (YYYY-MM-DD)']))
lx.append(case("negative amount", "CONTRACT.md", LBASE, {"expenses":{"drugs":-5}}, expect_errors=["expenses.drugs: -5 is negative"]))
lx.append(case("three decimals", "CONTRACT.md", LBASE, {"expenses":{"exams":1.005}}, expect_errors=["expenses.exams: 1.005 has more than 2 decimals"]))
lx.append(case("float noise 0.1+0.2 has more than 2 decimals", "CONTRACT.md (at most 2 decimals)", LBASE, {"expenses":{"treatment":0.30000000000000004}}, expect_errors=["expenses.treatment: 0.30000000000000004 has more than 2 decimals"]))
lx.append(case("0.30 is fine", "CONTRACT.md", LBASE, {"expenses":{"treatment":0.30}}, {"estimate":{"reimbursed":4000}}))
lx.append(case("unknown region", "CONTRACT.md", LBASE, {"region":"xx"}, expect_errors=['region: unknown region "xx"']))
lx.append(case("bad scheme and bad level, both reported", "CONTRACT.md", LBASE, {"applicant":{"scheme":"private"},"diagnosis":{"hospital_level":5}}, expect_errors=["applicant.scheme:","diagnosis.hospital_level:"]))
lx.append(case("unknown document kind", "CONTRACT.md material ids", LBASE, docs({"kind":"passport"}), expect_errors=["documents[0].kind:"]))
lx.append(case("boolean given as string", "CONTRACT.md", LBASE, {"applicant":{"arrears":"no"}}, expect_errors=["applicant.arrears: expected true or false"]))
lx.append(case("English messages", f"{L} §一", LBASE, {"applicant":{"arrears":True}}, {"eligibility":{"checks":[{"id":"no-arrears","message":"There are arrears; the applicant must have none"}]}}, lang="en"))
# ---------------- Rizhao
rf=files.setdefault('shandong-rizhao/rizhao.json',[])
rf.append(case("malignant tumour: eligible, instant — decided the same day, benefits next day", f"{R} §一 适用对象与病种范围 (即时申请病种: 如恶性肿瘤); §二 提交与审核", RBASE, {},
  {"eligibility":{"status":"eligible","checks":[chk("insured-in-rizhao","pass"),chk("contribution-normal","pass"),chk("disease-listed","pass"),chk("diagnosis-hospital-level","pass"),chk("diagnosis-hospital-designated","pass"),chk("meets-diagnostic-criteria","pass")]},
   "track":"instant","timeline":{"submitted":"2025-09-30","pre_review_by":None,"decision_by":"2025-09-30","effective_from":"2025-10-01","renewal_due":None}}))
rf.append(case("instant on a holiday: still the same day", f"{R} §一 (随时申办、即时办结)", RBASE, {"as_of":"2025-10-03"}, {"timeline":{"decision_by":"2025-10-03","effective_from":"2025-10-04"}}))
rf.append(case("instant even beyond the calendar", f"{R} §一", RBASE, {"as_of":"2027-03-01"}, {"timeline":{"decision_by":"2027-03-01","effective_from":"2027-03-02"}}))
rf.append(case("radio/chemotherapy is a malignant tumour: instant", f"{R} §一 (即时申请病种: 如恶性肿瘤)", RBASE, {"disease":{"id":"malignant-tumor-radiochemo"}}, {"track":"instant"}))
rf.append(case("estimate: 65% is a floor, no cap published → exact false", f"{R} §三 2025年医保政策亮点 (支付比例不低于65%)", RBASE, {},
  {"estimate":{"reimbursed":7800,"out_of_pocket":4200,"annual_cap":None,"ratio":0.65,"ratio_kind":"floor","exact":False}}))
rf.append(case("estimate for hypertension too (same floor)", f"{R} §三", RBASE, {"disease":{"id":"hypertension"},"expenses":{"drugs":1000,"exams":0}},
  {"estimate":{"reimbursed":650,"ratio":0.65,"exact":False,"annual_cap":None}}))
rf.append(case("hypertension: the text does not say instant or centralized → track and dates null", f"{R} §一 分类管理 (集中申请病种: 如部分慢性病)", RBASE, {"disease":{"id":"hypertension"}},
  {"eligibility":{"status":"eligible"},"track":None,"timeline":{"submitted":"2025-09-30","decision_by":None,"effective_from":None}}))
rf.append(case("hypertension: latest possible decision is the centralized bound (20 working days)", f"{R} §一 分类管理; §三 常见问题与注意事项 (办理时限)", RBASE, {"disease":{"id":"hypertension"}},
  {"timeline":{"decision_by":None,"decision_by_latest":"2025-11-28"}}))
rf.append(case("a Rizhao district id counts as Rizhao (全市通办)", f"{R} §一 适用人群; §三 全市通办", RBASE, {"applicant":{"insured_in":"shandong-rizhao-donggang"}}, {"eligibility":{"status":"eligible"}}))
rf.append(case("insured outside Rizhao: ineligible", f"{R} §一 适用对象与病种范围 (日照市职工医保与城乡居民医保参保人)", RBASE, {"applicant":{"insured_in":"shanxi-linfen"}},
  {"eligibility":{"status":"ineligible","checks":[chk("insured-in-rizhao","fail")]}}))
for c in ["suspended","lapsed"]:
  rf.append(case(f"contribution {c}: ineligible", f"{R} §一 基本条件与材料要求 (参保状态正常)", RBASE, {"applicant":{"contribution":c}},
    {"eligibility":{"status":"ineligible","checks":[chk("contribution-normal","fail")]}}))
rf.append(case("level-1 diagnosis: ineligible", f"{R} §一 办理条件表 (二级及以上定点医疗机构)", RBASE, {"diagnosis":{"hospital_level":1}},
  {"eligibility":{"status":"ineligible","checks":[chk("diagnosis-hospital-level","fail")]}}))
rf.append(case("non-designated institution: ineligible", f"{R} §一 办理条件表 (定点医疗机构)", RBASE, {"diagnosis":{"hospital_designated":False}},
  {"eligibility":{"status":"ineligible","checks":[chk("diagnosis-hospital-designated","fail")]}}))
rf.append(case("private hospital is fine if designated (Rizhao does not require public)", f"{R} §一 办理条件表", RBASE, {"diagnosis":{"hospital_public":False}},
  {"eligibility":{"status":"eligible","checks":[{"id":"diagnosis-hospital-public","$absent":True}]}}))
rf.append(case("Rizhao states no arrears rule", f"{R} §一", RBASE, {"applicant":{"arrears":True}}, {"eligibility":{"status":"eligible","checks":[{"id":"no-arrears","$absent":True}]}}))
rf.append(case("unlisted disease: undetermined, catalogue of 75 is partial; estimate still the 65% floor", f"{R} §一 (75种)", RBASE, {"disease":{"id":"parkinsons"}},
  {"eligibility":{"status":"undetermined","checks":[chk("disease-listed","unknown")]},"track":None,"estimate":{"ratio":0.65,"exact":False}}))
rf.append(case("nothing known: asks where insured", f"{R} §一", {"region":"shandong-rizhao","as_of":"2025-09-30"}, {},
  {"eligibility":{"status":"undetermined","missing":["applicant.insured_in","applicant.contribution","disease.id","diagnosis.hospital_level","diagnosis.hospital_designated","diagnosis.meets_criteria"]}}, expect_question="applicant.insured_in"))
rf.append(case("materials: id card, insurance card, diagnosis, records, reports required; photo and form may be required", f"{R} §一 基本条件与材料要求", RBASE, {},
  M({"id":"id_card","required":True},{"id":"insurance_card","required":True},{"id":"diagnosis_certificate","required":True},{"id":"medical_records","required":True},{"id":"exam_reports","required":True,"window_months":6},
    {"id":"photo_1inch","required":False,"requirement":"may_be_required"},{"id":"application_form","required":False,"requirement":"may_be_required"},
    {"id":"specialist_diagnosis","required":False,"requirement":"may_be_required"},{"id":"medication_records","required":False,"requirement":"may_be_required"},{"id":"residence_permit","$absent":True},{"id":"proxy_id_card","$absent":True})))
rf.append(case("exam report exactly six months old: ok", f"{R} §二 办理环节表 (检查报告需近半年内)", RBASE, docs({"kind":"exam_reports","issued":"2025-03-30"}), M({"id":"exam_reports","status":"ok"})))
rf.append(case("exam report older than six months: expired", f"{R} §二 办理环节表 (检查报告需近半年内)", RBASE, docs({"kind":"exam_reports","issued":"2025-03-29"}), M({"id":"exam_reports","status":"problem","problems":[{"code":"expired"}]})))
rf.append(case("uploads: images and PDF accepted", f"{R} §二 业务申请与信息填写 (图片或PDF)", RBASE, docs({"kind":"medical_records","file":{"name":"a.jpg","type":"image/jpeg","size":300000}},{"kind":"exam_reports","issued":"2025-09-01","file":{"name":"b.pdf","type":"application/pdf","size":10}}),
  M({"id":"medical_records","status":"ok"},{"id":"exam_reports","status":"ok"})))
rf.append(case("uploads: a Word file is not accepted", f"{R} §二 业务申请与信息填写 (图片或PDF)", RBASE, docs({"kind":"medical_records","file":{"name":"a.docx","type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","size":1000}}),
  M({"id":"medical_records","status":"problem","problems":[{"code":"file_type"}]})))
rf.append(case("diagnosis certificate from a non-designated institution", f"{R} §一 办理条件表", RBASE, docs({"kind":"diagnosis_certificate","hospital_designated":False,"hospital_level":3}),
  M({"id":"diagnosis_certificate","status":"problem","problems":[{"code":"hospital_level"}]})))
rf.append(case("catalogue: 75 diseases published, partial", f"{R} §一 适用对象与病种范围 (75种)", RBASE, {}, {"pack":{"catalogue":{"published_total":75,"partial":True}}}))
rf.append(case("channel: 日照医保 mini program", f"{R} §一 官方办理平台", RBASE, {}, {"channel":{"kind":"official_app","name_en":"日照医保 (Rizhao Medical Insurance) WeChat mini program"}}))
# ---------------- Liaoyuan
yf=files.setdefault('jilin-liaoyuan/liaoyuan.json',[])
yf.append(case("Liaoyuan: paper track, no estimate, no published time limits", f"{Y} §一 受理环节; §导语", YBASE, {},
  {"track":"offline","estimate":None,"eligibility":{"status":"undetermined","checks":[chk("insured-in-liaoyuan","pass"),chk("disease-listed","unknown")],"missing":[]},
   "timeline":{"submitted":"2025-09-30","pre_review_by":None,"decision_by":None,"effective_from":None,"renewal_due":None},"channel":{"kind":"paper"}}, expect_question=None))
yf.append(case("Liaoyuan on a Sunday: papers are accepted on working days", f"{Y} §一 受理环节 (在工作日)", YBASE, {"as_of":"2025-10-12"},
  {"timeline":{"submitted":"2025-10-12","decision_by":None}}))
yf.append(case("Liaoyuan publishes no catalogue", f"{Y} §一", YBASE, {}, {"pack":{"catalogue":{"published_total":None,"listed":0,"partial":True}}}))
yf.append(case("insured elsewhere: ineligible", f"{Y} §一 审核与办结环节", YBASE, {"applicant":{"insured_in":"shanxi-linfen"}}, {"eligibility":{"status":"ineligible"}}))
yf.append(case("nothing known: asks where insured, then the disease", f"{Y} §一", {"region":"jilin-liaoyuan"}, {}, {"eligibility":{"missing":["applicant.insured_in","disease.id"]}}, expect_question="applicant.insured_in"))
yf.append(case("inpatient records within two years, sealed by the medical-records room: ok", f"{Y} §一 申请环节 (近两年的住院病历复印件, 需加盖医院病案室专用章)", YBASE, docs({"kind":"inpatient_records","issued":"2025-09-01","period_end":"2023-09-30","sealed":True,"seal":"medical_records_room"}),
  M({"id":"inpatient_records","required":True,"requirement":"usually_required","status":"ok","window_months":24,"window_from":"period_end"})))
yf.append(case("inpatient records older than two years: expired", f"{Y} §一 申请环节 (近两年)", YBASE, docs({"kind":"inpatient_records","issued":"2023-09-29","period_end":"2023-09-29","sealed":True,"seal":"medical_records_room"}),
  M({"id":"inpatient_records","status":"problem","problems":[{"code":"expired"}]})))
yf.append(case("inpatient records with the hospital's general seal, not the records room's", f"{Y} §一 申请环节 (病案室专用章)", YBASE, docs({"kind":"inpatient_records","issued":"2025-01-01","sealed":True,"seal":"hospital"}),
  M({"id":"inpatient_records","status":"problem","problems":[{"code":"unsealed"}]})))
yf.append(case("inpatient records unsealed", f"{Y} §一 申请环节", YBASE, docs({"kind":"inpatient_records","issued":"2025-01-01","sealed":False}),
  M({"id":"inpatient_records","status":"problem","problems":[{"code":"unsealed"}]})))
yf.append(case("sealed, seal kind not said: a hospital's seal does not show it is the 病案室专用章 → unchecked, and a hint names the seal (was: ok)", f"{Y} §一 申请环节 (需加盖医院病案室专用章); CONTRACT.md §Version 1.1 (seal)", YBASE, docs({"kind":"inpatient_records","issued":"2025-01-01","period_end":"2024-12-20","sealed":True}),
  M({"id":"inpatient_records","status":"unchecked","problems":[],"hints":[{"message_zh":"已盖章，但未说明是哪种章：须为医院病案室专用章"}]})))
yf.append(case("exam reports usually needed; no validity window published", f"{Y} §一 申请环节 (相关的检查报告、化验单等)", YBASE, docs({"kind":"exam_reports","issued":"2019-01-01"}),
  M({"id":"exam_reports","required":True,"status":"ok","window_months":None},{"id":"id_card","$absent":True})))
yf.append(case("any disease, e.g. malignant tumour: still no estimate", f"{Y} §一 审核与办结环节", YBASE, {"disease":{"id":"malignant-tumor"},"expenses":{"drugs":1000}}, {"estimate":None,"track":"offline"}))
# ---------------- Fuzhou / Yunnan
ff=files.setdefault('partial/channels.json',[])
ff.append(case("Fuzhou: channel only (e福州)", f"{Y} §三 对比表", {"region":"fujian-fuzhou","as_of":"2025-09-30"}, {},
  {"pack":{"id":"fujian-fuzhou","coverage":"partial"},"channel":{"kind":"official_app","name_en":"e福州 (e-Fuzhou) app"},"eligibility":{"status":"undetermined","checks":[]},"estimate":None,"track":None,"materials":[]}, expect_question=None))
ff.append(case("Yunnan: channel only (云南医保 mini program)", f"{Y} §三 对比表", {"region":"yunnan","as_of":"2025-09-30"}, {"disease":{"id":"hypertension"}},
  {"pack":{"id":"yunnan","coverage":"partial"},"channel":{"kind":"official_app","name_en":"云南医保 (Yunnan Medical Insurance) mini program"},"eligibility":{"status":"undetermined"},"estimate":None}))

# ---------------- notes and channels (statements that only inform)
C=lambda *xs: {"$contains":list(xs)}
ln=files.setdefault('shanxi-linfen/notes-channels.json',[])
ln.append(case("channels: 山西医保 WeChat (服务大厅 → 慢性病申报) first, then the website", f"{L} §二 渠道选择", LBASE, {},
  {"channels":[{"kind":"official_app","instructions_en":"$present"},{"kind":"official_app"}],"channel":{"instructions":"关注“山西医保”公众号 → 服务大厅 → 慢性病申报 → 按提示填写信息并上传材料；代办用“为他人申请”"}}))
ln.append(case("notes: direct settlement at designated hospitals/pharmacies; 12-week prescriptions", f"{L} §二 审核与反馈 (待遇生效); §三 用药与诊疗规范", LBASE, {},
  {"notes":C({"source":f"{L} §二 审核与反馈 (待遇生效); §三 用药与诊疗规范 (定点机构)"},{"message_en":"Chronic-disease prescriptions cover up to 12 weeks; follow-up visits need no new materials"},{"source":f"{L} §导语; §一 准入标准 (病种范围)"})}))
ln.append(case("timeline notes: SMS decision; resubmit within 3 working days after a rejection", f"{L} §二 审核与反馈; §四 材料驳回处理", LBASE, {},
  {"timeline":{"notes":C({"source":f"{L} §二 审核与反馈"},{"source":f"{L} §四 材料驳回处理"},{"source":f"{L} §四 复审与续期 (每3年自动续期)"})}}))
ln.append(case("targeted drugs note says the pool is unpublished", f"{L} §三 报销比例与限额 (靶向药费用单独计算)", LBASE, {"disease":{"id":"malignant-tumor-radiochemo"}},
  {"estimate":{"notes":C({"source":f"{L} §三 报销比例与限额 (靶向药费用单独计算)"})}}))
ln.append(case("inpatient note: not counted in the annual cap", f"{L} §三 报销比例与限额 (住院费用不计入年度限额)", LBASE, {"expenses":{"inpatient":100}},
  {"estimate":{"notes":C({"message_en":"Inpatient costs do not count against the annual cap: they are paid under inpatient rules, outside this outpatient estimate (the text does not publish those rules)"})}}))
ln.append(case("trace names the figures used", f"{L} §三 报销比例与限额", LBASE, {},
  {"estimate":{"trace":[{"figure":"pools.hypertension-diabetes.ratio","value":0.7},{"figure":"pools.hypertension-diabetes.annual_cap","value":4000}]}}))
ln.append(case("a 2026 evaluation notes the pack follows the 2025 policy", f"{L} §导语 (2025年)", LBASE, {"as_of":"2026-03-02"},
  {"notes":C({"message_en":"this pack follows the 2025 policy; 2026 rules may have changed"})}))
rn=files.setdefault('shandong-rizhao/notes-channels.json',[])
rn.append(case("channels: 日照医保 mini program, 日照通 APP, 日照智慧医保, and the service desks at level-2+ designated hospitals", f"{R} §一 官方办理平台; §三 线上线下融合服务", RBASE, {},
  {"channels":[{"kind":"official_app","name":"“日照医保”微信小程序"},{"kind":"official_app","name":"“日照通”APP"},{"kind":"official_app","name":"“日照智慧医保”微信小程序"},{"kind":"paper"}]}))
rn.append(case("the mini program path: 办事大厅 → 我要办事 → 门诊慢特病医疗资格申请, face recognition first", f"{R} §二 注册与登录; §二 业务申请与信息填写", RBASE, {},
  {"channel":{"instructions_en":"Open the 日照医保 mini program in WeChat (real-name check and face recognition on first use) → 办事大厅 → 我要办事 → 门诊慢特病医疗资格申请 → choose self or proxy (他人代办) → 立即申请 → choose the disease and designated hospital, upload the papers → submit"}}))
rn.append(case("notes: proxy real-name checks; chosen designated hospital; renewal on the platform (the diagnostic criteria are a check now)", f"{R} §二 注册与登录; §三 常见问题与注意事项", RBASE, {},
  {"notes":C({"source":f"{R} §二 注册与登录"},{"source":f"{R} §三 常见问题与注意事项 (待遇享受); §三 线上线下融合服务 (全市通办)"},{"source":f"{R} §三 常见问题与注意事项 (变更与续期)"})}))
rn.append(case("estimate notes: floor, no cap, within policy scope", f"{R} §三 2025年医保政策亮点", RBASE, {},
  {"estimate":{"notes":C({"message_en":"no annual cap is published"},{"message_en":"only a floor of the ratio is published: the estimate is the least that is paid"},{"message_en":"65% is the floor of the share paid within the policy scope; the estimate assumes all spending given is within scope"})}}))
yn=files.setdefault('jilin-liaoyuan/notes-channels.json',[])
yn.append(case("channels: the designated hospital (working days), then the service centre hall", f"{Y} §一 受理环节", YBASE, {},
  {"channels":[{"kind":"paper","name":"所患疾病后续长期治疗的定点医院"},{"kind":"paper","name":"辽源市医保经办中心服务大厅"}]}))
yn.append(case("notes: not fully online; information platforms; coverage gaps", f"{Y} §导语; §二", YBASE, {},
  {"notes":C({"source":f"{Y} §导语; §二 线上办理的可能性与渠道"},{"source":f"{Y} §二 信息查询与政策了解"},{"message_en":"No ratio or annual cap is published: no estimate is possible"})}))
# Unlisted diseases are named (shared table wasm-core/data/diseases.json) and the note says what the text publishes.
yn.append(case("unlisted hypertension in Liaoyuan: named 高血压, and the text publishes no catalogue and no total (never '共 ? 种' or a raw id)", f"{Y} §一 申请环节 (no catalogue is given); CONTRACT.md disease.id", YBASE, {"disease":{"id":"hypertension"}},
  {"disease":{"id":"hypertension","name":"高血压","name_en":"hypertension","listed":False},
   "notes":C({"message_zh":"政策文本没有公布本地区的病种目录，也没有公布病种总数，无法判断“高血压”是否纳入，请通过官方渠道确认",
              "message_en":"the policy texts publish no disease catalogue and no total for this region, so whether \"hypertension\" is covered cannot be told: confirm through the official channel",
              "source":f"{Y} §一 申请环节 (与申请病种相关的完整医学证明材料); no catalogue is given"})}))
yn.append(case("unlisted hypertension in Liaoyuan, English: the name, not the id", f"{Y} §一; CONTRACT.md disease.id", YBASE, {"disease":{"id":"hypertension"}},
  {"disease":{"name":"hypertension","listed":False},
   "notes":C({"message":"the policy texts publish no disease catalogue and no total for this region, so whether \"hypertension\" is covered cannot be told: confirm through the official channel"})}, lang="en"))
ln.append(case("a disease given by M-code the pack does not list (M02300 帕金森病): named, 64 published, 5 listed", f"{L} §导语 (64种病种); reference/FACTS.md M-codes (unverified)", LBASE, {"disease":{"id":None,"grade":None,"code":"M02300"}},
  {"disease":None,"notes":C({"message_zh":"“帕金森病”不在本规则包列出的病种中；公布的病种共 64 种，本包只列出文本点名的 5 种，请通过官方渠道确认"})}))
ln.append(case("a disease id neither the pack nor the contract knows: shown as given, 64 published", f"{L} §导语 (64种病种)", LBASE, {"disease":{"id":"parkinsons","grade":None}},
  {"disease":None,"notes":C({"message_zh":"所填病种（parkinsons）不在本规则包列出的病种中；公布的病种共 64 种，本包只列出文本点名的 5 种，请通过官方渠道确认"})}))
# One rule for spending the estimate does not pay (wasm-core/PACKS.md "The estimate"):
# inpatient (and any pack `outside` kind) is outside the outpatient estimate: in neither reimbursed nor out_of_pocket, never a
# reason for exact:false, listed in estimate.outside with a note; outpatient spending whose rules are unpublished stays in
# out_of_pocket (an upper bound), makes exact false, and is summed in estimate.unestimated with a note.
LIN_OUT=f"{L} §三 报销比例与限额 (住院叠加政策: 住院费用不计入年度限额)"
LIN_OUT_ZH="住院费用不计入年度限额：按住院政策另行报销，不在本门诊估算内（文本未公布住院报销办法）"
le.append(case("hypertension 5000 drugs + 20000 inpatient: outpatient estimate exact (3500), inpatient outside it, with a note that inpatient rules are not published", LIN_OUT, LBASE, {"expenses":{"drugs":5000,"exams":0,"inpatient":20000}},
  {"estimate":{"reimbursed":3500,"out_of_pocket":1500,"exact":True,"unestimated":0,"outside":[{"expense":"inpatient","spending":20000,"source":LIN_OUT}],
   "notes":C({"message_zh":LIN_OUT_ZH,"source":LIN_OUT})}}))
le.append(case("hypertension, inpatient only: nothing outpatient to pay, exact, inpatient outside", LIN_OUT, LBASE, {"expenses":{"drugs":0,"exams":0,"inpatient":8000}},
  {"estimate":{"reimbursed":0,"out_of_pocket":0,"exact":True,"outside":[{"expense":"inpatient","spending":8000}]}}))
le.append(case("hypertension + inpatient in English: the note says inpatient rules are not published", LIN_OUT, LBASE, {"expenses":{"drugs":5000,"exams":0,"inpatient":20000}},
  {"estimate":{"notes":C({"message":"Inpatient costs do not count against the annual cap: they are paid under inpatient rules, outside this outpatient estimate (the text does not publish those rules)"})}}, lang="en"))
le.append(case("radio/chemotherapy 10000 + inpatient 5000: inpatient outside (text silent on it), outpatient exact", f"{L} §三 报销比例与限额 (住院叠加政策 column)", LBASE, {"disease":{"id":"malignant-tumor-radiochemo","grade":None},"expenses":{"drugs":0,"exams":0,"treatment":10000,"inpatient":5000}},
  {"estimate":{"reimbursed":8500,"out_of_pocket":1500,"exact":True,"unestimated":0,"outside":[{"expense":"inpatient","spending":5000,"source":f"{L} §三 报销比例与限额 (住院叠加政策 column)"}],
   "notes":C({"message_zh":"文本未说明该病种住院费用与门诊限额的关系；住院费用按住院政策报销，不在本门诊估算内（文本未公布住院报销办法）"})}}))
le.append(case("radio/chemotherapy 10000 + targeted 50000: targeted is outpatient spending with unpublished rules → in out_of_pocket (upper bound), exact false", f"{L} §三 报销比例与限额 (靶向药费用单独计算)", LBASE, {"disease":{"id":"malignant-tumor-radiochemo","grade":None},"expenses":{"drugs":0,"exams":0,"treatment":10000,"targeted_drugs":50000}},
  {"estimate":{"reimbursed":8500,"out_of_pocket":51500,"exact":False,"unestimated":50000,"outside":[],
   "notes":C({"message_zh":"有 50000 元门诊费用的报销办法未公布，按全部自付计入自付金额：报销金额为下限，自付金额为上限","source":f"{L} §三 报销比例与限额 (恶性肿瘤放化疗: 靶向药费用单独计算)"})}}))
le.append(case("organ transplant: treatment is in no published pool (only exams and drugs) → unestimated, exact false", f"{L} §三 报销比例与限额 (器官移植抗排异: 检查费与药费合并计算)", LBASE, {"disease":{"id":"organ-transplant-antirejection","grade":None},"expenses":{"drugs":10000,"exams":0,"treatment":1000.5}},
  {"estimate":{"reimbursed":9000,"out_of_pocket":2000.5,"exact":False,"unestimated":1000.5,
   "notes":C({"message_zh":"政策未说明该病种的诊疗费用（expenses.treatment）如何报销，未计入报销估算"},{"message_zh":"有 1000.50 元门诊费用的报销办法未公布，按全部自付计入自付金额：报销金额为下限，自付金额为上限"})}}))
re_=files.setdefault('shandong-rizhao/rizhao.json',[])
re_.append(case("Rizhao tumour 12000 outpatient + 30000 inpatient: inpatient outside the estimate; exact false only for the 65% floor", f"{R} §三 2025年医保政策亮点 (支付比例不低于65%)", RBASE, {"expenses":{"inpatient":30000}},
  {"estimate":{"reimbursed":7800,"out_of_pocket":4200,"exact":False,"unestimated":0,"outside":[{"expense":"inpatient","spending":30000}],
   "notes":C({"message_zh":"住院费用不属于门诊慢特病待遇：按住院政策另行报销，不在本门诊估算内（文本未公布住院报销办法）"})}}))
# Every date cites its source (timeline.trace), and a date outside the calendar is said, not guessed.
LTRACK=f"{L} §二 审核与反馈 (智能预审 1个工作日; 专家复核 5个工作日; 审核通过后次日生效); §四 材料驳回处理 (需在3个工作日内重新提交)"
CAL25="国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12); reference/FACTS.md"
CAL26="国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04); reference/FACTS.md"
CALSRC="reference/FACTS.md §Official working-day calendar (a date outside the years it covers must not be treated as weekends only)"
lt=files.setdefault('shanxi-linfen/timeline.json',[])
lt.append(case("timeline.trace: each date cites the pack's timing rule and the holiday notice of the years it counts through", f"{L} §二 审核与反馈; §四; reference/FACTS.md calendar 2025", LBASE, {},
  {"timeline":{"trace":[{"figure":"timeline.resubmit_within_working_days","value":3,"source":LTRACK},
                        {"figure":"timeline.pre_review_by","value":"2025-10-09","source":f"{LTRACK}; {CAL25}"},
                        {"figure":"timeline.decision_by","value":"2025-10-14","source":f"{LTRACK}; {CAL25}"},
                        {"figure":"timeline.effective_from","value":"2025-10-15","source":LTRACK},
                        {"figure":"timeline.renewal_due","value":"2028-10-15","source":f"{L} §四 复审与续期 (每3年自动续期)"}]}}))
lt.append(case("submitted 2026-12-28: pre-review in 2026 is given; the decision would fall in 2027, which the calendar does not cover: null, and a note says so with its source", f"{L} §二 审核与反馈; reference/FACTS.md calendar", LBASE, {"as_of":"2026-12-28"},
  {"timeline":{"pre_review_by":"2026-12-29","decision_by":None,"effective_from":None,"renewal_due":None,
   "trace":[{"figure":"timeline.resubmit_within_working_days"},{"figure":"timeline.pre_review_by","source":f"{LTRACK}; {CAL26}"}],
   "notes":C({"message_zh":"工作日历只覆盖 2025、2026 年，未覆盖 2027 年：无法推算工作日日期，不作猜测","source":CALSRC})}}))
yn.append(case("Liaoyuan papers on a 2027 Saturday: the calendar does not cover 2027, so it says it cannot tell (no weekend guess)", f"{Y} §一 受理环节 (在工作日); reference/FACTS.md calendar", YBASE, {"as_of":"2027-03-06"},
  {"timeline":{"decision_by":None,"trace":[],"notes":C({"message_en":"the working-day calendar covers 2025, 2026 only, not 2027: dates that count working days cannot be computed and are not guessed","source":CALSRC})}}))
yn.append(case("Liaoyuan papers on Sunday 2025-10-12: not a working day, citing the text's working-day rule and the 2025 holiday notice", f"{Y} §一 受理环节 (在工作日); reference/FACTS.md calendar 2025", YBASE, {"as_of":"2025-10-12"},
  {"timeline":{"notes":C({"message_zh":"2025-10-12 不是工作日：材料须在工作日报送","source":"002_3754f55f70f4ee16.txt §一 受理环节; §一 审核与办结环节; "+CAL25})}}))
files.setdefault("shanxi-linfen/materials.json",[]).append(case("exam reports' 12-month window cites its own source", f"{L} §一 准入标准 (医学证明: 近一年内的检查报告)", LBASE, {},
  {"materials":[{"id":"exam_reports","window_months":12,"window_source":f"{L} §一 准入标准 (医学证明: 近一年内的检查报告); §四 材料驳回处理 (检查报告超过有效期占28%)"},{"id":"id_card","window_months":None,"window_source":None}]}))
le.append(case("malignant tumour without radio/chemotherapy: no estimate, and the note says only radio/chemotherapy figures are published (with its source)", f"{L} §三 报销比例与限额 (no row)", LBASE, {"disease":{"id":"malignant-tumor","grade":None}},
  {"estimate":None,"notes":C({"message_zh":"文本只公布了恶性肿瘤放化疗的待遇标准，其他恶性肿瘤的比例和限额未公布","source":f"{L} §三 报销比例与限额"})}))
# ---------------- contract v1.1 and issue 11: the texts read right (each fails on the v1 core)
LT="2025年山西临汾特殊病种线上办理：覆盖64种病种，5个工作日内完成审核"
RT="2025年山东日照门诊特殊病种手机办理：65%、75种病种、全市通办、即时办结"
YT="2025年吉林辽源门诊特殊病种待遇认定：可以，但主要流程可能仍需线下完成"
APP="慢特通自己的限制"
lv=files.setdefault('shanxi-linfen/v1_1.json',[])
FORM={"kind":"application_form","issued":"2025-09-29"}
lv.append(case("application form not signed by the attending physician: unsigned", f"{L} §二 材料清单 (申请表: 由主治医师签字确认)", LBASE, docs(dict(FORM,signed=False)),
  M({"id":"application_form","status":"problem","must_be_signed":True,"problems":[{"code":"unsigned","message_zh":"缺少所需签字：须由主治医师签字","cite":{"title":LT,"section":"§二 材料清单 (申请表: 由主治医师签字确认)"}}]})))
lv.append(case("application form, signature not known: unchecked", f"{L} §二 材料清单 (申请表: 由主治医师签字确认)", LBASE, docs(FORM),
  M({"id":"application_form","status":"unchecked","problems":[]})))
lv.append(case("application form signed: ok", f"{L} §二 材料清单", LBASE, docs(dict(FORM,signed=True)), M({"id":"application_form","status":"ok","problems":[]})))
lv.append(case("exam report with the lab's (a department's) seal: 需医院盖章 is any seal of the hospital → ok", f"{L} §二 材料清单 (检查报告: 需医院盖章)", LBASE, docs(dict(GOODEXAM,seal="department")),
  M({"id":"exam_reports","status":"ok","problems":[],"seal_accepts":["hospital","department"]})))
lv.append(case("exam report with some other seal: unsealed, naming the seal it needs", f"{L} §二 材料清单 (检查报告: 需医院盖章)", LBASE, docs(dict(GOODEXAM,seal="other")),
  M({"id":"exam_reports","status":"problem","problems":[{"code":"unsealed","message_zh":"未加盖所需印章：盖的是其他印章，须为医院的印章（医院公章或其科室的印章均可）"}]})))
lv.append(case("diagnosis certificate with only a department's seal (诊断证明专用章): the text asks for 医院公章 → unsealed", f"{L} §二 材料清单 (诊断证明: 加盖医院公章)", LBASE, docs(dict(GOODCERT,seal="department")),
  M({"id":"diagnosis_certificate","status":"problem","seal_accepts":["hospital"],"problems":[{"code":"unsealed","message_en":"does not carry the required seal: it carries a seal of one of the hospital's departments (lab, imaging, outpatients, diagnosis-certificate seal); it needs the hospital's official seal (医院公章)"}]})))
lv.append(case("diagnosis certificate sealed, kind not said: read as the hospital's seal (v1 meaning), with a hint to make sure it is the 公章", f"{L} §二 材料清单 (诊断证明: 加盖医院公章); CONTRACT.md §Version 1.1 (seal)", LBASE, docs(dict(GOODCERT,seal=None)),
  M({"id":"diagnosis_certificate","status":"ok","problems":[],"hints":[{"message_zh":"请确认盖的是医院公章，而不是科室的印章（如检验科章、诊断证明专用章）"}]})))
TY={"applicant":{"insured_in":"shanxi-taiyuan","hukou_local":False,"resides_locally":True,"remote_registered":False}}
lv.append(case("insured in Taiyuan, living in Linfen: unknown, and the message says to ask their own city's 医保 (not a fail the text states)", f"{L} §一 准入标准; §一 适用人群", LBASE, TY,
  {"eligibility":{"status":"undetermined","missing":[],"checks":[{"id":"insured-in-linfen","outcome":"unknown","message_en":"Insured elsewhere in Shanxi, with hukou or long-term residence in Linfen: the text admits people in Shanxi's employee or resident schemes and covers \"insured people with hukou or long-term residence in Linfen\", but does not say whether someone insured in another Shanxi city may apply in Linfen. Ask the medical insurance office of the city where the applicant is insured first"}]}}, expect_question=None))
lv.append(case("'elsewhere in Shanxi' as the interview records it (shanxi), hukou in Linfen: unknown too", f"{L} §一 适用人群", LBASE, {"applicant":{"insured_in":"shanxi","hukou_local":True}},
  {"eligibility":{"status":"undetermined","checks":[chk("insured-in-linfen","unknown")]}}))
lv.append(case("insured in Taiyuan, neither hukou nor residence in Linfen, not remote-registered: not in either group → ineligible", f"{L} §一 适用人群", LBASE, {"applicant":{"insured_in":"shanxi-taiyuan","hukou_local":False,"resides_locally":False,"remote_registered":False}},
  {"eligibility":{"status":"ineligible","checks":[chk("insured-in-linfen","fail")]}}))
lv.append(case("insured in Taiyuan, residence not known yet: asks where they live next", f"{L} §一 适用人群", {"region":"shanxi-linfen","as_of":"2025-09-30"}, {"applicant":{"insured_in":"shanxi-taiyuan"}},
  {"eligibility":{"status":"undetermined","checks":[chk("insured-in-linfen","unknown")],"missing":["applicant.hukou_local","applicant.resides_locally","applicant.contribution","applicant.arrears","disease.id","applicant.remote_registered","diagnosis.hospital_level","diagnosis.hospital_public"]}}, expect_question="applicant.hukou_local"))
EXE={"name":"jiancha.exe","type":"application/x-msdownload","size":120000}
lv.append(case("an .exe named as an exam report: file_type, and the message says it is the app's own limit", "CONTRACT.md §Version 1.1 (a rule of the project, not of any policy)", LBASE, docs(dict(GOODEXAM,file=EXE)),
  M({"id":"exam_reports","status":"problem","problems":[{"code":"file_type","message_zh":f"文件类型不被接受：文件类型为 application/x-msdownload；只接受 JPEG、PNG、WebP、HEIC 图片或 PDF（这是{APP}，不是医保政策的规定）","cite":{"title":"慢特通自身的规则（不是医保政策）"}}]})))
lv.append(case("an .exe with no type given is told by its name", "CONTRACT.md §Version 1.1", LBASE, docs(dict(GOODEXAM,file={"name":"report.exe","size":1000})),
  M({"id":"exam_reports","status":"problem","problems":[{"code":"file_type"}]})))
lv.append(case("English: the file rule is the app's own limit", "CONTRACT.md §Version 1.1", LBASE, docs(dict(GOODEXAM,file=EXE)),
  M({"id":"exam_reports","problems":[{"code":"file_type","message":"file type not accepted: the file is application/x-msdownload; only a JPEG, PNG, WebP or HEIC image, or a PDF is accepted (this is mantetong's own limit, not a rule of the insurance policy)"}]}), lang="en"))
lv.append(case("a photo of exactly 20 MB as added: ok", "CONTRACT.md §Version 1.1 (at most 20 MB as added)", LBASE, docs(dict(GOODEXAM,file={"name":"IMG_0001.HEIC","type":"image/heic","size":20971520})),
  M({"id":"exam_reports","status":"ok","problems":[]})))
lv.append(case("a photo one byte over 20 MB: file_too_large, the app's own limit", "CONTRACT.md §Version 1.1 (at most 20 MB as added)", LBASE, docs(dict(GOODEXAM,file={"name":"IMG_0001.jpg","type":"image/jpeg","size":20971521})),
  M({"id":"exam_reports","status":"problem","problems":[{"code":"file_too_large","message_zh":f"文件过大：20.0 MB（20971521 字节），上限 20 MB（20971520 字节）；这是{APP}，不是医保政策的规定"}]})))
lv.append(case("WebP and PNG are images the app takes", "CONTRACT.md §Version 1.1", LBASE, docs(dict(GOODEXAM,file={"name":"a.webp","type":"image/webp","size":100}),dict(GOODCERT,file={"name":"b.png","type":"image/png","size":100})),
  M({"id":"exam_reports","status":"ok"},{"id":"diagnosis_certificate","status":"ok"})))
lv.append(case("hypertension renews automatically every 3 years: a date to check, not to act", f"{L} §四 复审与续期 (每3年自动续期)", LBASE, {},
  {"timeline":{"renewal_due":"2028-10-15","renewal_kind":"automatic","notes":C({"message_zh":"高血压、糖尿病每3年自动续期：无需重新申请；到期前后可在“山西医保”查询是否已续期"})}}))
lv.append(case("malignant tumour: yearly new exam reports, something to do", f"{L} §四 复审与续期 (恶性肿瘤等需每年提交最新检查报告)", LBASE, {"disease":{"id":"malignant-tumor-radiochemo"}},
  {"timeline":{"renewal_due":"2026-10-15","renewal_kind":"resubmit"}}))
PROXYNOTE="代办：文本写明老年人、残疾人可由家属通过“为他人申请”功能代办，需上传代办人身份证及授权委托书；为其他成年人代办，文本没有说明是否可以，请向“山西医保”确认"
lv.append(case("a family member filing for a 35-year-old who is not said to be disabled is told what the text says about proxies", f"{L} §四 特殊人群代办 (老年人/残疾人)", LBASE,
  {"applicant":{"id_number":"340524199001010022"},"proxy":{"name":"张三","relationship":"spouse","phone":"13800000000"}},
  {"eligibility":{"status":"eligible"},"notes":C({"message_zh":PROXYNOTE,"cite":{"title":LT}})}))
lv.append(case("every check carries a cite a citizen can read: the title and section, not the file name", f"{L} §一 准入标准", LBASE, {},
  {"eligibility":{"checks":[{"id":"contribution-normal","source":f"{L} §一 准入标准","cite":{"title":LT,"title_en":"Linfen (Shanxi) 2025: special diseases online — 64 diseases, review within 5 working days","section":"§一 准入标准"}}]},
   "materials":[{"id":"exam_reports","cite":{"title":LT,"section":"§二 材料清单 (检查报告)"}}],
   "estimate":{"trace":C({"figure":"pools.hypertension-diabetes.ratio","cite":{"title":LT,"section":"§三 报销比例与限额 (高血压/糖尿病 4000元 70%)"}})},
   "timeline":{"trace":C({"figure":"timeline.renewal_due","cite":{"title":LT,"section":"§四 复审与续期 (每3年自动续期)"}})}}))
rv=files.setdefault('shandong-rizhao/v1_1.json',[])
rv.append(case("符合病种诊断标准 is a check, asked: not known yet → undetermined, and it is the question asked", f"{R} §一 基本条件与材料要求 (符合病种诊断标准)", RBASE, {"diagnosis":{"meets_criteria":None}},
  {"eligibility":{"status":"undetermined","missing":["diagnosis.meets_criteria"],"checks":[chk("meets-diagnostic-criteria","unknown")]}}, expect_question="diagnosis.meets_criteria"))
rv.append(case("the doctor says the criteria are not met: ineligible", f"{R} §一 基本条件与材料要求 (符合病种诊断标准)", RBASE, {"diagnosis":{"meets_criteria":False}},
  {"eligibility":{"status":"ineligible","checks":[chk("meets-diagnostic-criteria","fail")]}}))
rv.append(case("每月集中审核一次，20个工作日内完成: the bound counts from the monthly review (day not published) — the later reading, with both in a note", f"{R} §一 分类管理 (集中申请病种); §三 常见问题与注意事项 (办理时限)", RBASE, {"disease":{"id":"diabetes"}},
  {"track":None,"timeline":{"decision_by":None,"decision_by_latest":"2025-11-28","notes":C({"message_zh":"每月集中审核一次，具体日期未公布：若从提交之日算起，20个工作日内即 2025-11-04 前；若从当月集中审核之日算起（最迟为下月底），最迟 2025-11-28 前。此处按较晚的日期估计","cite":{"title":RT}})}}))
rv.append(case("a GIF is an image, but not one the app takes (JPEG, PNG, WebP, HEIC or PDF)", "CONTRACT.md §Version 1.1", RBASE, docs({"kind":"medical_records","file":{"name":"a.gif","type":"image/gif","size":1000}}),
  M({"id":"medical_records","status":"problem","problems":[{"code":"file_type"}]})))
rv.append(case("checks cite the Rizhao text by title", f"{R} §一", RBASE, {},
  {"eligibility":{"checks":[{"id":"meets-diagnostic-criteria","cite":{"title":RT,"section":"§一 基本条件与材料要求 (参保状态正常，符合病种诊断标准)"}}]}}))
yv=files.setdefault('jilin-liaoyuan/v1_1.json',[])
yv.append(case("近两年的住院病历: a copy made last month of a stay three years ago is expired — the window counts from discharge (period_end), not the copy", f"{Y} §一 申请环节 (近两年的住院病历复印件)", YBASE, docs({"kind":"inpatient_records","issued":"2025-08-20","period_end":"2022-09-01","sealed":True,"seal":"medical_records_room"}),
  M({"id":"inpatient_records","status":"problem","problems":[{"code":"expired"}]})))
yv.append(case("a stay that ended 20 months ago, copied last month: ok", f"{Y} §一 申请环节 (近两年的住院病历复印件)", YBASE, docs({"kind":"inpatient_records","issued":"2025-08-20","period_end":"2024-01-30","sealed":True,"seal":"medical_records_room"}),
  M({"id":"inpatient_records","status":"ok","problems":[]})))
yv.append(case("copy date only: the stay may be older than the copy → unchecked, asking for the discharge date", f"{Y} §一 申请环节 (近两年的住院病历复印件)", YBASE, docs({"kind":"inpatient_records","issued":"2025-08-20","sealed":True,"seal":"medical_records_room"}),
  M({"id":"inpatient_records","status":"unchecked","problems":[],"hints":[{"message_en":"Give the discharge date: the 24 months count from the end of the stay, not from the day of the copy"}]})))
yv.append(case("copy itself older than two years: the stay is older still → expired", f"{Y} §一 申请环节 (近两年)", YBASE, docs({"kind":"inpatient_records","issued":"2023-09-01","sealed":True,"seal":"medical_records_room"}),
  M({"id":"inpatient_records","status":"problem","problems":[{"code":"expired"}]})))
yv.append(case("Liaoyuan's pack is partial: honest label", f"{Y} §导语", YBASE, {}, {"pack":{"coverage":"partial"}}))
yv.append(case("the hedges are kept: 大概率 in the note, 更可能 in the channel", f"{Y} §导语; §二 部分业务的线上尝试", YBASE, {},
  {"notes":C({"message_zh":"门诊特殊病种认定尚未完全实现全流程网上办理：线上平台多用于信息查询或部分材料预提交，关键材料和最终审核大概率仍需线下办理"}),
   "channel":{"instructions":"申请人或其家属在工作日将申请材料报送至定点医院，由医院受理；文本称最终“更可能”仍需线下核验原件","cite":{"title":YT}}}))
for path,cases in files.items():
    full=os.path.join(OUT,path); os.makedirs(os.path.dirname(full),exist_ok=True)
    with open(full,'w') as f: f.write(json.dumps({"cases":cases},ensure_ascii=False,indent=1)+"\n")
print(sum(len(c) for c in files.values()))
