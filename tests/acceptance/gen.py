#!/usr/bin/env python3
"""Generator for the independent acceptance cases (tests/acceptance/<region>/*.json).

Written from the policy texts (/work/shared/policy), CONTRACT.md and FACTS.md only,
without reading the core's implementation. Run `python3 tests/acceptance/gen.py` to
regenerate every case file; the JSON files are what `mantetong test` reads.

Boundary convention used for validity windows: a report issued exactly one year
(Linfen "近一年内"), six calendar months (Rizhao "近半年内") or two years (Liaoyuan
"近两年") before as_of is still INSIDE the window: Civil Code art. 1259
("民法所称的'以上'、'以下'、'以内'、'届满',包括本数") counts the boundary itself.
One day older is expired.
"""
import copy
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
L = "000_07b534b3317dd747.txt"
R = "001_ccfbe507711f7c12.txt"
Y = "002_3754f55f70f4ee16.txt"

PDF = lambda n, s=300000: {"name": n, "type": "application/pdf", "size": s}
JPG = lambda n, s=250000: {"name": n, "type": "image/jpeg", "size": s}


def doc(kind, issued, sealed=True, states_stage=None, file=None, signed=None, seal=None, period_end=None):
    d = {"kind": kind, "issued": issued, "sealed": sealed}
    if seal is not None:
        d["seal"] = seal
    if period_end is not None:
        d["period_end"] = period_end
    if states_stage is not None:
        d["states_stage"] = states_stage
    if signed is not None:
        d["signed"] = signed
    d["file"] = file or PDF(kind + ".pdf")
    return d


# ---------------------------------------------------------------- Linfen
LINFEN = {
    "region": "shanxi-linfen",
    "as_of": "2025-09-30",
    "applicant": {
        "id_number": "141002195501011232",
        "scheme": "employee",
        "contribution": "normal",
        "arrears": False,
        "insured_in": "shanxi-linfen",
        "hukou_local": True,
        "resides_locally": True,
        "remote_registered": False,
    },
    "disease": {"id": "hypertension", "grade": 3, "complications": False},
    "diagnosis": {
        "hospital_level": 3,
        "hospital_public": True,
        "hospital_designated": True,
        "date": "2025-08-20",
        "specialist": False,
    },
    "documents": [
        doc("id_card", "2020-01-01", file=JPG("sfz.jpg")),
        doc("diagnosis_certificate", "2025-08-20", sealed=True, states_stage=True, file=PDF("zhenduan.pdf", 482113)),
        doc("exam_reports", "2025-08-20", sealed=True),
        # v1.1: the form is "由主治医师签字确认"; signed unknown is unchecked.
        doc("application_form", "2025-09-29", sealed=True, signed=True),
    ],
    "expenses": {"drugs": 6000, "exams": 1200, "treatment": 0, "targeted_drugs": 0, "inpatient": 0},
}

# ---------------------------------------------------------------- Rizhao
RIZHAO = {
    "region": "shandong-rizhao",
    "as_of": "2025-09-30",
    "applicant": {
        "id_number": "371102196005153015",
        "scheme": "resident",
        "contribution": "normal",
        "insured_in": "shandong-rizhao",
    },
    "disease": {"id": "malignant-tumor"},
    # v1.1: "符合病种诊断标准" is an asked check (diagnosis.meets_criteria).
    "diagnosis": {"hospital_level": 2, "hospital_designated": True, "date": "2025-08-01", "meets_criteria": True},
    "documents": [
        doc("id_card", "2020-01-01", file=JPG("sfz.jpg")),
        doc("insurance_card", "2020-01-01", file=JPG("ybk.jpg")),
        doc("diagnosis_certificate", "2025-08-01"),
        doc("medical_records", "2025-08-01"),
        doc("exam_reports", "2025-07-20"),
    ],
    "expenses": {"drugs": 10000, "exams": 0, "treatment": 0, "targeted_drugs": 0, "inpatient": 0},
}

# ---------------------------------------------------------------- Liaoyuan
LIAOYUAN = {
    "region": "jilin-liaoyuan",
    "as_of": "2025-09-30",
    "applicant": {
        "id_number": "220402195207204026",
        "scheme": "employee",
        "contribution": "normal",
        "arrears": False,
        "insured_in": "jilin-liaoyuan",
        "hukou_local": True,
        "resides_locally": True,
    },
    "disease": {"id": "hypertension", "grade": 3},
    "diagnosis": {"hospital_level": 3, "hospital_public": True, "hospital_designated": True, "date": "2025-06-01"},
    "documents": [
        # v1.1: the two years count from the stay (period_end, the discharge
        # date), not from the copy; the seal must be the 病案室专用章.
        doc("inpatient_records", "2025-09-01", sealed=True, seal="medical_records_room", period_end="2024-11-10"),
        doc("exam_reports", "2025-06-01", sealed=True),
    ],
    "expenses": {"drugs": 5000, "exams": 500, "treatment": 0, "targeted_drugs": 0, "inpatient": 0},
}

CASES = []  # (region_dir, file_stem, case)


def case(region_dir, stem, name, source, base, patch=None, expect=None, note=None, drop=()):
    facts = copy.deepcopy(base)
    for path in drop:
        cur = facts
        parts = path.split(".")
        for p in parts[:-1]:
            cur = cur[p]
        cur.pop(parts[-1], None)
    if patch:
        patch(facts)
    c = {"name": name, "source": source, "facts": facts, "expect": expect or {}}
    if note:
        c["note"] = note
    CASES.append((region_dir, stem, c))


def set_(path, value):
    def f(facts):
        cur = facts
        parts = path.split(".")
        for p in parts[:-1]:
            cur = cur.setdefault(p, {})
        cur[parts[-1]] = value
    return f


def seq(*fs):
    def f(facts):
        for g in fs:
            g(facts)
    return f


def docs_replace(kind, **kw):
    """Change the first document of `kind`."""
    def f(facts):
        for d in facts["documents"]:
            if d["kind"] == kind:
                d.update(kw)
                return
        raise KeyError(kind)
    return f


def docs_remove(kind):
    def f(facts):
        facts["documents"] = [d for d in facts["documents"] if d["kind"] != kind]
    return f


def docs_add(d):
    def f(facts):
        facts["documents"].append(d)
    return f


def expenses(**kw):
    def f(facts):
        e = {"drugs": 0, "exams": 0, "treatment": 0, "targeted_drugs": 0, "inpatient": 0}
        e.update(kw)
        facts["expenses"] = e
    return f


def as_of(date, exam=None, diag=None):
    """Move as_of and keep the documents inside their windows (unless overridden)."""
    def f(facts):
        facts["as_of"] = date
        for d in facts.get("documents", []):
            if d["kind"] in ("exam_reports", "diagnosis_certificate", "medical_records") and (exam or diag):
                d["issued"] = diag if d["kind"] == "diagnosis_certificate" else exam
            if d["kind"] == "application_form":
                d["issued"] = date
        if diag:
            facts.setdefault("diagnosis", {})["date"] = diag
    return f


LSRC_ELIG = L + " §一 准入标准"
LSRC_PEOPLE = L + " §一 适用人群"
LSRC_MAT = L + " §二 材料清单"
LSRC_REVIEW = L + " §二 审核与反馈"
LSRC_PAY = L + " §三 报销比例与限额"
LSRC_RENEW = L + " §四 复审与续期"
LSRC_PROXY = L + " §四 特殊人群代办"

# ======================================================================= Linfen
LD = "shanxi-linfen"
FULL_TL = {"submitted": "2025-09-30", "pre_review_by": "2025-10-09", "decision_by": "2025-10-14",
           "effective_from": "2025-10-15", "renewal_due": "2028-10-15"}

case(LD, "l01-contract-example-eligible", "Linfen hypertension grade III, everything in order (contract example with a valid ID number)",
     LSRC_PAY, LINFEN,
     expect={"region": "shanxi-linfen",
             "eligibility": {"status": "eligible", "missing": []},
             "track": "expert_review",
             "estimate": {"reimbursed": 4000.00, "out_of_pocket": 3200.00, "annual_cap": 4000.00, "ratio": 0.70, "exact": True},
             "timeline": FULL_TL},
     note="Contract example. NB the contract's own id_number 141002195501011234 has a wrong check digit "
          "(weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 give S mod 11 = 10 -> '2'), so this case uses 141002195501011232. "
          "Estimate: (6000+1200)*0.70 = 5040 > cap 4000 -> 4000 paid, 7200-4000 = 3200 own. "
          "Timeline: submitted Tue 2025-09-30; Oct 1-8 holiday; first working day after = Thu Oct 9 (pre-review, 1 wd); "
          "wd1 Oct 9, wd2 Fri Oct 10, wd3 Sat Oct 11 (make-up), wd4 Mon Oct 13, wd5 Tue Oct 14 = decision_by; "
          "effective = next calendar day Oct 15; renewal 3 years (§四 '每3年自动续期') -> 2028-10-15.")

# --- eligibility: contribution / arrears / scheme / insured_in
case(LD, "l02-resident-scheme", "Linfen: resident scheme (城乡居民医保) is as eligible as employee", LSRC_ELIG, LINFEN,
     patch=set_("applicant.scheme", "resident"), expect={"eligibility": {"status": "eligible"}},
     note="'申请人需为山西省职工医保或城乡居民医保正常缴费人员'")
case(LD, "l03-contribution-suspended", "Linfen: suspended contribution fails", LSRC_ELIG, LINFEN,
     patch=set_("applicant.contribution", "suspended"), expect={"eligibility": {"status": "ineligible"}},
     note="'正常缴费人员' — suspended (暂停) is not normal.")
case(LD, "l04-contribution-lapsed", "Linfen: lapsed contribution fails", LSRC_ELIG, LINFEN,
     patch=set_("applicant.contribution", "lapsed"), expect={"eligibility": {"status": "ineligible"}},
     note="'正常缴费人员' — lapsed (中断) is not normal.")
case(LD, "l05-contribution-unknown", "Linfen: contribution unknown -> undetermined", LSRC_ELIG, LINFEN,
     drop=["applicant.contribution"],
     expect={"eligibility": {"status": "undetermined", "missing": ["applicant.contribution"]}},
     note="Every other fact is known and passes, so the only missing path is applicant.contribution.")
case(LD, "l06-arrears", "Linfen: arrears fail (且无欠费记录)", LSRC_ELIG, LINFEN,
     patch=set_("applicant.arrears", True), expect={"eligibility": {"status": "ineligible"}},
     note="'且无欠费记录'")
case(LD, "l07-arrears-unknown", "Linfen: arrears unknown -> undetermined, applicant.arrears missing", LSRC_ELIG, LINFEN,
     drop=["applicant.arrears"],
     expect={"eligibility": {"status": "undetermined", "missing": ["applicant.arrears"]}})
case(LD, "l08-insured-elsewhere", "Linfen: insured in Rizhao -> ineligible", LSRC_ELIG, LINFEN,
     patch=set_("applicant.insured_in", "shandong-rizhao"), expect={"eligibility": {"status": "ineligible"}},
     note="'山西省职工医保或城乡居民医保' and '临汾参保人'; a Rizhao-insured person cannot be recognised in Linfen.")
case(LD, "l09-insured-unknown-id-hint", "Linfen: insured_in unknown is NOT inferred from a 1426xx ID number", LSRC_ELIG, LINFEN,
     seq(lambda f: f["applicant"].pop("insured_in"), set_("applicant.id_number", "142602194803122025")),
     expect={"eligibility": {"status": "undetermined", "missing": ["applicant.insured_in"]}},
     note="FACTS.md: the address code never tells where someone is insured. ID 142602194803122025 is valid (old 临汾地区 code 1426).")

# --- eligibility: residence / hukou / remote registration
case(LD, "l10-nonlocal-hukou-resident", "Linfen: non-local hukou but lives in Linfen -> eligible, residence permit required", LSRC_PEOPLE, LINFEN,
     set_("applicant.hukou_local", False),
     expect={"eligibility": {"status": "eligible"},
             "materials": [{"id": "residence_permit", "required": True, "status": "missing"}]},
     note="§一 '户籍或长期居住于临汾的医保参保者'; §二 材料清单 '身份证正反面照片(非临汾户籍需附加居住证)'. No residence_permit document given -> missing.")
case(LD, "l11-nonlocal-hukou-permit-given", "Linfen: non-local hukou with a residence permit uploaded -> ok", LSRC_MAT, LINFEN,
     seq(set_("applicant.hukou_local", False), docs_add(doc("residence_permit", "2024-05-01", file=JPG("jzz.jpg")))),
     expect={"eligibility": {"status": "eligible"},
             "materials": [{"id": "residence_permit", "required": True, "status": "ok", "problems": []}]})
case(LD, "l12-remote-registered", "Linfen: neither hukou nor residence but 异地备案 -> eligible", LSRC_PEOPLE, LINFEN,
     seq(set_("applicant.hukou_local", False), set_("applicant.resides_locally", False), set_("applicant.remote_registered", True)),
     expect={"eligibility": {"status": "eligible"}},
     note="'异地备案人员:已办理医保异地就医备案的临汾参保人,可通过线上渠道同步申请。'")
case(LD, "l13-no-local-link", "Linfen: no hukou, not resident, not remote-registered -> ineligible", LSRC_PEOPLE, LINFEN,
     seq(set_("applicant.hukou_local", False), set_("applicant.resides_locally", False), set_("applicant.remote_registered", False)),
     expect={"eligibility": {"status": "ineligible"}},
     note="适用人群 lists only 本地参保人员 (户籍或长期居住) and 异地备案人员; this person is neither.")
case(LD, "l14-residence-unknown", "Linfen: non-local hukou, residence and remote registration unknown -> undetermined", LSRC_PEOPLE, LINFEN,
     seq(set_("applicant.hukou_local", False), lambda f: f["applicant"].pop("resides_locally"), lambda f: f["applicant"].pop("remote_registered")),
     expect={"eligibility": {"status": "undetermined"}},
     note="missing should name applicant.resides_locally (and/or applicant.remote_registered); checked by eye, order not asserted.")
case(LD, "l15-hukou-local-residence-unknown", "Linfen: local hukou alone satisfies 适用人群 (户籍或长期居住)", LSRC_PEOPLE, LINFEN,
     seq(lambda f: f["applicant"].pop("resides_locally"), lambda f: f["applicant"].pop("remote_registered")),
     expect={"eligibility": {"status": "eligible", "missing": []}},
     note="'户籍或长期居住于临汾' is an OR: hukou_local=true decides it; residence/remote registration must not be asked.")

# --- eligibility: disease qualifiers
case(LD, "l16-hypertension-grade2", "Linfen: hypertension grade II is not covered (高血压(Ⅲ级))", LSRC_ELIG, LINFEN,
     set_("disease.grade", 2), expect={"eligibility": {"status": "ineligible"}}, note="'包括高血压(Ⅲ级)'")
case(LD, "l17-hypertension-grade-unknown", "Linfen: hypertension grade unknown -> undetermined, disease.grade missing", LSRC_ELIG, LINFEN,
     lambda f: f["disease"].pop("grade"),
     expect={"eligibility": {"status": "undetermined", "missing": ["disease.grade"]}})
case(LD, "l18-diabetes-complications", "Linfen: diabetes with complications -> eligible, renewal 3 years", LSRC_ELIG, LINFEN,
     set_("disease", {"id": "diabetes", "complications": True}),
     expect={"eligibility": {"status": "eligible"},
             "estimate": {"annual_cap": 4000.00, "ratio": 0.70, "reimbursed": 4000.00, "out_of_pocket": 3200.00},
             "timeline": {"renewal_due": "2028-10-15"}},
     note="'糖尿病(合并并发症)'; §三 '高血压/糖尿病 4000 70%'; §四 '如高血压、糖尿病,每3年自动续期'.")
case(LD, "l19-diabetes-no-complications", "Linfen: diabetes without complications is not covered", LSRC_ELIG, LINFEN,
     set_("disease", {"id": "diabetes", "complications": False}), expect={"eligibility": {"status": "ineligible"}})
case(LD, "l20-diabetes-complications-unknown", "Linfen: diabetes, complications unknown -> undetermined", LSRC_ELIG, LINFEN,
     set_("disease", {"id": "diabetes"}),
     expect={"eligibility": {"status": "undetermined", "missing": ["disease.complications"]}})
case(LD, "l21-disease-code-m03900", "Linfen: disease given as M-code M03900 (高血压病) behaves like hypertension", LSRC_PAY, LINFEN,
     set_("disease", {"code": "M03900", "grade": 3}),
     expect={"eligibility": {"status": "eligible"}, "estimate": {"annual_cap": 4000.00, "ratio": 0.70}},
     note="CONTRACT: 'disease.code (a national M-code such as M03900) may be given instead.'")
case(LD, "l22b-code-m00504", "Linfen: M00504 (恶性肿瘤（非放化疗）) resolves to malignant-tumor", LSRC_RENEW, LINFEN,
     set_("disease", {"code": "M00504"}),
     expect={"eligibility": {"status": "eligible"}, "estimate": None, "timeline": {"renewal_due": "2026-10-15"}},
     note="Same as l61 (id malignant-tumor) but by M-code: listed (§导语 '恶性肿瘤等64种'), no published figures, yearly renewal (§四).")
case(LD, "l22-disease-unknown", "Linfen: no disease given -> undetermined with disease.id missing", LSRC_ELIG, LINFEN,
     lambda f: f.pop("disease"),
     expect={"eligibility": {"status": "undetermined"}, "track": "expert_review"},
     note="missing should contain disease.id (checked by eye).")

# --- eligibility: hospital
case(LD, "l23-hospital-level1", "Linfen: diagnosis by a level-1 hospital -> ineligible, certificate has hospital_level problem", LSRC_ELIG, LINFEN,
     set_("diagnosis.hospital_level", 1),
     expect={"eligibility": {"status": "ineligible"},
             "materials": [{"id": "diagnosis_certificate", "status": "problem", "problems": [{"code": "hospital_level"}]}]},
     note="'需提供二级及以上公立医院出具的诊断证明'")
case(LD, "l24-hospital-level2-public", "Linfen: level-2 public hospital is enough (二级及以上)", LSRC_ELIG, LINFEN,
     set_("diagnosis.hospital_level", 2),
     expect={"eligibility": {"status": "eligible"},
             "materials": [{"id": "diagnosis_certificate", "status": "ok", "problems": []}]})
case(LD, "l25-hospital-private", "Linfen: private (non-public) hospital -> ineligible", LSRC_ELIG, LINFEN,
     set_("diagnosis.hospital_public", False), expect={"eligibility": {"status": "ineligible"}},
     note="'二级及以上公立医院'")
case(LD, "l26-hospital-public-unknown", "Linfen: public/private unknown -> undetermined", LSRC_ELIG, LINFEN,
     lambda f: f["diagnosis"].pop("hospital_public"),
     expect={"eligibility": {"status": "undetermined", "missing": ["diagnosis.hospital_public"]}})
case(LD, "l27-not-designated-irrelevant", "Linfen: 'designated' is not a Linfen diagnosis condition", LSRC_ELIG, LINFEN,
     lambda f: f["diagnosis"].pop("hospital_designated"),
     expect={"eligibility": {"status": "eligible", "missing": []}},
     note="Linfen asks for 二级及以上公立医院; 定点 is only about where to settle later (§三 定点机构), not who diagnoses.")

case(LD, "l28-insured-other-shanxi-city", "Linfen: insured in another Shanxi city (Taiyuan) is not a Linfen applicant", LSRC_PEOPLE, LINFEN,
     set_("applicant.insured_in", "shanxi-taiyuan"),
     expect={"eligibility": {"status": "undetermined", "checks": [{"id": "insured-in-linfen", "outcome": "unknown"}]}},
     note="Revised for v1.1 (issue 11): §一 准入标准 admits '山西省职工医保或城乡居民医保' members, and §一 适用人群 covers "
          "'户籍或长期居住于临汾的医保参保者' without saying where they must be insured. The text does not state that a "
          "Taiyuan-insured person living in Linfen fails: unknown (never eligible), with a note to ask their own city's 医保.")
case(LD, "l29-remote-registered-residence-unknown", "Linfen: 异地备案 decides it even when residence is unknown", LSRC_PEOPLE, LINFEN,
     seq(set_("applicant.hukou_local", False), lambda f: f["applicant"].pop("resides_locally"), set_("applicant.remote_registered", True)),
     expect={"eligibility": {"status": "eligible", "missing": []}})
case(LD, "l62-fail-beats-unknown", "Linfen: a failed check makes it ineligible even while other facts are unknown", LSRC_ELIG, LINFEN,
     seq(set_("disease.grade", 2), lambda f: f["applicant"].pop("arrears")),
     expect={"eligibility": {"status": "ineligible"}},
     note="CONTRACT: 'ineligible (some check failed)', 'undetermined (nothing failed, but some fact is unknown)'.")

# --- materials
case(LD, "l30-materials-all-ok", "Linfen: the four required materials, all fine", LSRC_MAT, LINFEN,
     expect={"materials": [
         {"id": "id_card", "required": True, "status": "ok", "problems": []},
         {"id": "diagnosis_certificate", "required": True, "status": "ok", "problems": []},
         {"id": "exam_reports", "required": True, "status": "ok", "problems": []},
         {"id": "application_form", "required": True, "status": "ok", "problems": []},
         {"id": "residence_permit", "$absent": True},
         {"id": "proxy_id_card", "$absent": True},
         {"id": "authorization_letter", "$absent": True},
         {"id": "insurance_card", "$absent": True}]},
     note="材料清单: 身份证明 / 诊断证明 / 检查报告 / 申请表. Local hukou -> no 居住证; no proxy -> no proxy papers; "
          "000 never asks for a 医保卡 (that is Rizhao's list).")
case(LD, "l31-certificate-unsealed", "Linfen: diagnosis certificate without hospital seal", LSRC_MAT, LINFEN,
     docs_replace("diagnosis_certificate", sealed=False),
     expect={"materials": [{"id": "diagnosis_certificate", "status": "problem", "problems": [{"code": "unsealed"}]}]},
     note="'加盖医院公章的疾病诊断书'; §四 '诊断证明未盖章(占比35%)'")
case(LD, "l32-certificate-no-stage", "Linfen: diagnosis certificate does not state the stage/type", LSRC_MAT, LINFEN,
     docs_replace("diagnosis_certificate", states_stage=False),
     expect={"materials": [{"id": "diagnosis_certificate", "status": "problem", "problems": [{"code": "stage_missing"}]}]},
     note="'注明疾病分期或分型'")
case(LD, "l33-exam-unsealed", "Linfen: exam report without hospital seal", LSRC_MAT, LINFEN,
     docs_replace("exam_reports", sealed=False),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "unsealed"}]}]},
     note="'与病种相关的病理、血液、影像学等报告(需医院盖章)'")
case(LD, "l34-exam-exactly-one-year", "Linfen: exam report issued exactly one year before as_of is still valid", LSRC_ELIG, LINFEN,
     docs_replace("exam_reports", issued="2024-09-30"),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]},
     note="'近一年内的检查报告'. as_of 2025-09-30, issued 2024-09-30 = exactly one year. Boundary taken as inside: "
          "Civil Code art. 1259 '以内…包括本数'.")
case(LD, "l35-exam-one-year-and-a-day", "Linfen: exam report one year and one day old is expired", LSRC_ELIG, LINFEN,
     docs_replace("exam_reports", issued="2024-09-29"),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "expired"}]}]},
     note="'近一年内' + §四 '检查报告超过有效期(占比28%)'. 2024-09-29 is 366 days before 2025-09-30.")
case(LD, "l36-exam-11-months", "Linfen: exam report 11 months old is fine (would be expired under Rizhao's half year)", LSRC_ELIG, LINFEN,
     docs_replace("exam_reports", issued="2024-10-30"),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]})
case(LD, "l37-exam-future", "Linfen: exam report dated after as_of", LSRC_MAT, LINFEN,
     docs_replace("exam_reports", issued="2025-10-05"),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "future_date"}]}]},
     note="A report cannot be issued after the day of submission (contract problem code future_date).")
case(LD, "l37b-exam-issued-today", "Linfen: exam report issued on as_of itself is fine (not future)", LSRC_MAT, LINFEN,
     docs_replace("exam_reports", issued="2025-09-30"),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]})
case(LD, "l37c-exam-issued-tomorrow", "Linfen: exam report issued the day after as_of is future_date", LSRC_MAT, LINFEN,
     docs_replace("exam_reports", issued="2025-10-01"),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "future_date"}]}]})
case(LD, "l38-certificate-old-no-window", "Linfen: an old diagnosis certificate is not 'expired' (the one-year window is for exam reports)", LSRC_ELIG, LINFEN,
     seq(docs_replace("diagnosis_certificate", issued="2023-03-01"), set_("diagnosis.date", "2023-03-01")),
     expect={"materials": [{"id": "diagnosis_certificate", "status": "ok", "problems": []}]},
     note="'诊断证明及近一年内的检查报告' — 近一年内 qualifies 检查报告 only. JUDGEMENT: lower confidence.")
case(LD, "l39-exam-missing", "Linfen: no exam report uploaded", LSRC_MAT, LINFEN,
     docs_remove("exam_reports"),
     expect={"materials": [{"id": "exam_reports", "required": True, "status": "missing"}]})
case(LD, "l40-no-documents", "Linfen: nothing uploaded -> all four required materials missing", LSRC_MAT, LINFEN,
     lambda f: f.pop("documents"),
     expect={"materials": [
         {"id": "id_card", "required": True, "status": "missing"},
         {"id": "diagnosis_certificate", "required": True, "status": "missing"},
         {"id": "exam_reports", "required": True, "status": "missing"},
         {"id": "application_form", "required": True, "status": "missing"}]})
case(LD, "l41-proxy-without-papers", "Linfen: filing for a parent without the proxy's ID card and the power of attorney", LSRC_PROXY, LINFEN,
     set_("proxy", {"name": "张三", "id_number": "141002199001010055", "relationship": "child", "phone": "13800000000"}),
     expect={"materials": [
         {"id": "proxy_id_card", "required": True, "status": "missing"},
         {"id": "authorization_letter", "required": True, "status": "missing"}]},
     note="'可由家属通过“为他人申请”功能代办,需上传代办人身份证及授权委托书。'")
case(LD, "l42-proxy-with-papers", "Linfen: proxy papers uploaded -> ok", LSRC_PROXY, LINFEN,
     seq(set_("proxy", {"name": "张三", "id_number": "141002199001010055", "relationship": "child", "phone": "13800000000"}),
         docs_add(doc("proxy_id_card", "2019-06-01", file=JPG("daiban.jpg"))),
         docs_add(doc("authorization_letter", "2025-09-28", file=PDF("weituo.pdf")))),
     expect={"materials": [
         {"id": "proxy_id_card", "required": True, "status": "ok", "problems": []},
         {"id": "authorization_letter", "required": True, "status": "ok", "problems": []}]})

case(LD, "l43-two-exam-reports-one-expired", "Linfen: of two exam reports uploaded, the old one is flagged", LSRC_MAT, LINFEN,
     docs_add(doc("exam_reports", "2023-01-01", sealed=True)),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "expired"}]}]},
     note="DESIGN: pre-review is 'a check of each paper they have'; §四 '检查报告超过有效期(占比28%)' is a rejection reason, so an uploaded "
          "expired report must be flagged even if another report is fresh. JUDGEMENT (one could say the material is satisfied), "
          "but silently passing a paper that will get the filing rejected is the failure the tool exists to prevent.")
case(LD, "l44-two-certificates-one-unsealed", "Linfen: of two diagnosis certificates, the unsealed one is flagged", LSRC_MAT, LINFEN,
     docs_add(doc("diagnosis_certificate", "2025-08-01", sealed=False, states_stage=True)),
     expect={"materials": [{"id": "diagnosis_certificate", "status": "problem", "problems": [{"code": "unsealed"}]}]},
     note="§四 '诊断证明未盖章(占比35%)' — same reasoning as l43.")
case(LD, "l45-leap-day-inside", "Linfen: report of 2024-02-29 is inside one year on 2025-02-28", LSRC_ELIG, LINFEN,
     seq(set_("as_of", "2025-02-28"), docs_replace("exam_reports", issued="2024-02-29"), docs_replace("diagnosis_certificate", issued="2024-12-01"),
         docs_replace("application_form", issued="2025-02-27"), set_("diagnosis.date", "2024-12-01")),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]},
     note="2025-02-28 minus one year = 2024-02-28; 2024-02-29 is after it -> inside.")
case(LD, "l46-leap-day-outside", "Linfen: report of 2024-02-29 is expired on 2025-03-01", LSRC_ELIG, LINFEN,
     seq(set_("as_of", "2025-03-01"), docs_replace("exam_reports", issued="2024-02-29"), docs_replace("diagnosis_certificate", issued="2024-12-01"),
         docs_replace("application_form", issued="2025-02-27"), set_("diagnosis.date", "2024-12-01")),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "expired"}]}]},
     note="2025-03-01 minus one year = 2024-03-01; 2024-02-29 is before it -> expired.")
case(LD, "l47-exam-no-date", "Linfen: exam report without an issue date cannot be checked against the window", LSRC_ELIG, LINFEN,
     lambda f: [d.pop("issued") for d in f["documents"] if d["kind"] == "exam_reports"],
     expect={"materials": [{"id": "exam_reports", "status": "unchecked"}]},
     note="Unknown is not false: neither ok nor expired.")

# --- estimate
case(LD, "l50-htn-below-cap", "Linfen hypertension: spending below the cap", LSRC_PAY, LINFEN,
     expenses(drugs=3000, exams=1000),
     expect={"estimate": {"reimbursed": 2800.00, "out_of_pocket": 1200.00, "annual_cap": 4000.00, "ratio": 0.70, "exact": True}},
     note="4000*0.70 = 2800 < 4000 cap; own 1200.")
case(LD, "l51-htn-just-above-cap", "Linfen hypertension: 70% just above the cap", LSRC_PAY, LINFEN,
     expenses(drugs=5000, exams=800),
     expect={"estimate": {"reimbursed": 4000.00, "out_of_pocket": 1800.00, "annual_cap": 4000.00, "ratio": 0.70, "exact": True}},
     note="5800*0.70 = 4060 > 4000 -> 4000; own 5800-4000 = 1800.")
case(LD, "l52-htn-just-below-cap", "Linfen hypertension: 70% just below the cap", LSRC_PAY, LINFEN,
     expenses(drugs=5000, exams=700),
     expect={"estimate": {"reimbursed": 3990.00, "out_of_pocket": 1710.00, "annual_cap": 4000.00, "ratio": 0.70}},
     note="5700*0.70 = 3990 < 4000.")
case(LD, "l53-htn-inpatient-outside-cap", "Linfen hypertension: inpatient spending does not consume the 4000 cap", LSRC_PAY, LINFEN,
     expenses(drugs=5000, inpatient=20000),
     expect={"estimate": {"reimbursed": 3500.00, "annual_cap": 4000.00, "ratio": 0.70}},
     note="'住院叠加政策: 住院费用不计入年度限额'. Outpatient 5000*0.70 = 3500, cap untouched by the 20000 inpatient. "
          "A core that pools inpatient would print 4000. How inpatient is paid is NOT published in 000 (only that it is outside the cap), "
          "so the 20000 inpatient sits in a pool whose rules are not published -> CONTRACT: 'exact is false wherever a figure is a bound "
          "(..., a pool whose rules are not published)'. OPEN QUESTION, not asserted: exact is not asserted because the estimate is of the "
          "OUTPATIENT benefit (CONTRACT: expenses = 'expected yearly outpatient spending') and inpatient is a different benefit; the core says so in a note.")
case(LD, "l54-htn-inpatient-only", "Linfen hypertension: only inpatient spending -> outpatient reimbursement 0, cap untouched", LSRC_PAY, LINFEN,
     expenses(inpatient=8000),
     expect={"estimate": {"reimbursed": 0.00, "annual_cap": 4000.00, "ratio": 0.70}},
     note="Outpatient pool 0 -> reimbursed 0 from the capped pool (must not be 4000 = min(8000*0.7, cap)). The 8000 inpatient is paid "
          "under unpublished inpatient rules (a different benefit); exact not asserted (see l53).")
case(LD, "l55-radiochemo-below-cap", "Linfen radio/chemotherapy: below the 20000 cap at 85%", LSRC_PAY, LINFEN,
     seq(set_("disease", {"id": "malignant-tumor-radiochemo"}), expenses(drugs=10000, treatment=10000)),
     expect={"eligibility": {"status": "eligible"},
             "estimate": {"reimbursed": 17000.00, "out_of_pocket": 3000.00, "annual_cap": 20000.00, "ratio": 0.85}},
     note="'恶性肿瘤放化疗 20000 85%'. 20000*0.85 = 17000.")
case(LD, "l56-radiochemo-above-cap", "Linfen radio/chemotherapy: above the cap", LSRC_PAY, LINFEN,
     seq(set_("disease", {"id": "malignant-tumor-radiochemo"}), expenses(treatment=30000)),
     expect={"estimate": {"reimbursed": 20000.00, "out_of_pocket": 10000.00, "annual_cap": 20000.00, "ratio": 0.85}},
     note="30000*0.85 = 25500 > 20000 -> 20000; own 10000.")
case(LD, "l57-radiochemo-targeted-separate", "Linfen radio/chemotherapy: targeted drugs are a separate, unpublished pool -> exact false", LSRC_PAY, LINFEN,
     seq(set_("disease", {"id": "malignant-tumor-radiochemo"}), expenses(treatment=10000, targeted_drugs=50000)),
     expect={"estimate": {"reimbursed": 8500.00, "annual_cap": 20000.00, "ratio": 0.85, "exact": False}},
     note="'靶向药费用单独计算' — the separate rules are not published. The 20000 cap must not be consumed by targeted drugs: "
          "the capped pool pays 10000*0.85 = 8500 (checked by eye: reimbursed must not be 20000 as if pooled); notes must say the targeted pool is unpublished.")
case(LD, "l63-radiochemo-inpatient-not-exact", "Linfen radio/chemotherapy with inpatient spending: inpatient kept out of the 20000 pool", LSRC_PAY, LINFEN,
     seq(set_("disease", {"id": "malignant-tumor-radiochemo"}), expenses(treatment=10000, inpatient=5000)),
     expect={"estimate": {"reimbursed": 8500.00, "annual_cap": 20000.00}},
     note="10000*0.85 = 8500; the 5000 inpatient must not enter the capped outpatient pool. (Exact not asserted; see l53.)")
case(LD, "l58-transplant-pooled", "Linfen organ transplant anti-rejection: exams and drugs pooled, 90%, below cap", LSRC_PAY, LINFEN,
     seq(set_("disease", {"id": "organ-transplant-antirejection"}), expenses(drugs=20000, exams=10000)),
     expect={"eligibility": {"status": "eligible"},
             "estimate": {"reimbursed": 27000.00, "out_of_pocket": 3000.00, "annual_cap": 30000.00, "ratio": 0.90, "exact": True}},
     note="'器官移植抗排异 30000 90% 检查费与药费合并计算'. (20000+10000)*0.9 = 27000.")
case(LD, "l59-transplant-above-cap", "Linfen organ transplant: pooled exams+drugs above the 30000 cap", LSRC_PAY, LINFEN,
     seq(set_("disease", {"id": "organ-transplant-antirejection"}), expenses(drugs=30000, exams=10000)),
     expect={"estimate": {"reimbursed": 30000.00, "out_of_pocket": 10000.00, "annual_cap": 30000.00, "ratio": 0.90}},
     note="40000*0.9 = 36000 > 30000 -> 30000; own 10000. Pooling means exams share the one cap (not 30000 each).")
case(LD, "l60-fen-rounding", "Linfen hypertension: amounts with fen", LSRC_PAY, LINFEN,
     expenses(drugs=1234.56, exams=0.01),
     expect={"estimate": {"reimbursed": 864.20, "out_of_pocket": 370.37, "annual_cap": 4000.00}},
     note="1234.57 yuan = 123457 fen; *0.70 = 86419.9 fen. Round half-up to the fen -> 86420 = 864.20; own 123457-86420 = 37037 = 370.37. "
          "(If the core truncates it prints 864.19/370.38 — rounding rule is not published; JUDGEMENT.)")

case(LD, "l61-generic-tumour", "Linfen: malignant tumour without radio/chemo — listed, no published figures, yearly renewal", LSRC_RENEW, LINFEN,
     set_("disease", {"id": "malignant-tumor"}),
     expect={"estimate": None, "timeline": {"effective_from": "2025-10-15", "renewal_due": "2026-10-15"}},
     note="§导语 '覆盖高血压、糖尿病、恶性肿瘤等64种病种'; §三 gives figures only for 恶性肿瘤放化疗 -> estimate null; §四 '恶性肿瘤等需每年提交最新检查报告'.")

# --- timeline (Linfen: 1 wd pre-review, 5 wd decision, effective next day)
def tl(stem, name, date, exp, note, disease=None, exam=None):
    p = [as_of(date, exam=exam or date, diag=exam or date)]
    if disease:
        p.append(set_("disease", disease))
    case(LD, stem, name, LSRC_REVIEW, LINFEN, seq(*p), expect={"timeline": exp}, note=note)

tl("l70-tl-2025-12-31", "Linfen timeline across New Year 2026 (Sunday make-up day Jan 4)", "2025-12-31",
   {"submitted": "2025-12-31", "pre_review_by": "2026-01-04", "decision_by": "2026-01-08", "effective_from": "2026-01-09", "renewal_due": "2029-01-09"},
   "2026 Jan 1-3 off; Sun Jan 4 make-up = wd1 (pre-review); Jan 5 wd2, Jan 6 wd3, Jan 7 wd4, Jan 8 wd5 = decision; effective Jan 9; +3y = 2029-01-09.")
tl("l71-tl-2026-02-13", "Linfen timeline across Spring Festival 2026", "2026-02-13",
   {"submitted": "2026-02-13", "pre_review_by": "2026-02-14", "decision_by": "2026-02-27", "effective_from": "2026-02-28", "renewal_due": "2029-02-28"},
   "Fri Feb 13; Sat Feb 14 make-up = wd1 (pre-review); Feb 15-23 off; Tue Feb 24 wd2, Feb 25 wd3, Feb 26 wd4, Fri Feb 27 wd5 = decision; "
   "effective Sat Feb 28 (calendar day, even though Feb 28 is a make-up working day it is simply the next day); +3y = 2029-02-28.")
tl("l72-tl-2025-10-11-makeup-saturday", "Linfen timeline submitted on a make-up Saturday", "2025-10-11",
   {"submitted": "2025-10-11", "pre_review_by": "2025-10-13", "decision_by": "2025-10-17", "effective_from": "2025-10-18", "renewal_due": "2028-10-18"},
   "Counting starts at the first working day AFTER submitted: Mon Oct 13 wd1, 14 wd2, 15 wd3, 16 wd4, Fri Oct 17 wd5.")
tl("l73-tl-2025-10-04-holiday", "Linfen timeline submitted on a public holiday", "2025-10-04",
   {"submitted": "2025-10-04", "pre_review_by": "2025-10-09", "decision_by": "2025-10-14", "effective_from": "2025-10-15", "renewal_due": "2028-10-15"},
   "Oct 4 is inside the Oct 1-8 holiday; wd1 Oct 9, wd2 Oct 10, wd3 Sat Oct 11 (make-up), wd4 Oct 13, wd5 Oct 14.")
tl("l74-tl-2025-09-26", "Linfen timeline with the Sunday make-up day Sep 28 2025", "2025-09-26",
   {"submitted": "2025-09-26", "pre_review_by": "2025-09-28", "decision_by": "2025-10-10", "effective_from": "2025-10-11", "renewal_due": "2028-10-11"},
   "Fri Sep 26; Sat 27 off; Sun Sep 28 make-up = wd1; Mon 29 wd2; Tue 30 wd3; Oct 1-8 off; Thu Oct 9 wd4; Fri Oct 10 wd5.")
tl("l75-tl-2025-01-24", "Linfen timeline across Spring Festival 2025", "2025-01-24",
   {"submitted": "2025-01-24", "pre_review_by": "2025-01-26", "decision_by": "2025-02-07", "effective_from": "2025-02-08", "renewal_due": "2028-02-08"},
   "Fri Jan 24; Sun Jan 26 make-up = wd1; Mon Jan 27 wd2; Jan 28-Feb 4 off; Wed Feb 5 wd3, Thu Feb 6 wd4, Fri Feb 7 wd5.",
   exam="2025-01-10")
tl("l76-tl-2026-04-30", "Linfen timeline across Labour Day 2026 (Saturday make-up May 9)", "2026-04-30",
   {"submitted": "2026-04-30", "pre_review_by": "2026-05-06", "decision_by": "2026-05-11", "effective_from": "2026-05-12", "renewal_due": "2029-05-12"},
   "Thu Apr 30; May 1-5 off; Wed May 6 wd1; Thu 7 wd2; Fri 8 wd3; Sat May 9 make-up wd4; Mon May 11 wd5.")
tl("l77-tl-2026-09-24", "Linfen timeline across Mid-Autumn + National Day 2026", "2026-09-24",
   {"submitted": "2026-09-24", "pre_review_by": "2026-09-28", "decision_by": "2026-10-09", "effective_from": "2026-10-10", "renewal_due": "2029-10-10"},
   "Thu Sep 24; Sep 25-27 off; Mon Sep 28 wd1; 29 wd2; 30 wd3; Oct 1-7 off; Thu Oct 8 wd4; Fri Oct 9 wd5.")
tl("l78-tl-2025-05-30", "Linfen timeline across Dragon Boat 2025", "2025-05-30",
   {"submitted": "2025-05-30", "pre_review_by": "2025-06-03", "decision_by": "2025-06-09", "effective_from": "2025-06-10", "renewal_due": "2028-06-10"},
   "Fri May 30; May 31-Jun 2 off; Tue Jun 3 wd1; Jun 4 wd2; Jun 5 wd3; Jun 6 wd4; Mon Jun 9 wd5.")
tl("l79-tl-2026-12-24-effective-2027", "Linfen timeline ending on Dec 31 2026; effective_from is simply the next calendar day", "2026-12-24",
   {"submitted": "2026-12-24", "pre_review_by": "2026-12-25", "decision_by": "2026-12-31", "effective_from": "2027-01-01", "renewal_due": "2030-01-01"},
   "Thu Dec 24; Fri Dec 25 wd1; Mon 28 wd2; 29 wd3; 30 wd4; Thu Dec 31 wd5; effective = calendar day after = 2027-01-01 (no working-day "
   "lookup needed, so the 2027 gap in the calendar does not matter).")
tl("l80-tl-2026-12-28-runs-off-calendar", "Linfen timeline that runs past the end of the calendar: not guessed", "2026-12-28",
   {"submitted": "2026-12-28", "pre_review_by": "2026-12-29", "decision_by": None, "effective_from": None, "renewal_due": None},
   "Mon Dec 28; wd1 Dec 29 (pre-review); wd2 30; wd3 31; wd4/wd5 fall in 2027, which the calendar does not cover "
   "(FACTS.md: 'must not be silently treated as weekends only'). A weekends-only guess would print 2027-01-04 (and 2027-01-01 is a holiday anyway).")
tl("l81-tl-2024-outside-calendar", "Linfen timeline for a 2024 submission: calendar does not cover it", "2024-06-10",
   {"submitted": "2024-06-10", "pre_review_by": None, "decision_by": None, "effective_from": None, "renewal_due": None},
   "2024 is outside the 2025-2026 calendar (2024 Dragon Boat Jun 10 was actually a holiday — a weekends-only guess would be wrong).")
tl("l85-tl-2025-09-28-makeup-sunday", "Linfen timeline submitted on the make-up Sunday Sep 28 2025", "2025-09-28",
   {"submitted": "2025-09-28", "pre_review_by": "2025-09-29", "decision_by": "2025-10-11", "effective_from": "2025-10-12", "renewal_due": "2028-10-12"},
   "Sun Sep 28 is itself a working day but counting starts the first working day AFTER it: Mon 29 wd1, Tue 30 wd2, Oct 1-8 off, Thu Oct 9 wd3, "
   "Fri 10 wd4, Sat Oct 11 (make-up) wd5.")
tl("l86-tl-2026-02-28-makeup-saturday", "Linfen timeline submitted on the make-up Saturday Feb 28 2026", "2026-02-28",
   {"submitted": "2026-02-28", "pre_review_by": "2026-03-02", "decision_by": "2026-03-06", "effective_from": "2026-03-07", "renewal_due": "2029-03-07"},
   "Sat Feb 28 (make-up); Mon Mar 2 wd1 ... Fri Mar 6 wd5.")
tl("l87-tl-2026-10-10-makeup-saturday", "Linfen timeline submitted on the make-up Saturday Oct 10 2026", "2026-10-10",
   {"submitted": "2026-10-10", "pre_review_by": "2026-10-12", "decision_by": "2026-10-16", "effective_from": "2026-10-17", "renewal_due": "2029-10-17"},
   "Sat Oct 10 (make-up); Mon Oct 12 wd1 ... Fri Oct 16 wd5.")
tl("l88-tl-2026-06-18-dragon-boat", "Linfen timeline across Dragon Boat 2026 (Fri Jun 19 off)", "2026-06-18",
   {"submitted": "2026-06-18", "pre_review_by": "2026-06-22", "decision_by": "2026-06-26", "effective_from": "2026-06-27", "renewal_due": "2029-06-27"},
   "Thu Jun 18; Jun 19-21 off; Mon Jun 22 wd1; 23 wd2; 24 wd3; 25 wd4; Fri Jun 26 wd5.")
tl("l89-tl-2025-04-03-qingming", "Linfen timeline across Qingming 2025 (Fri Apr 4 off)", "2025-04-03",
   {"submitted": "2025-04-03", "pre_review_by": "2025-04-07", "decision_by": "2025-04-11", "effective_from": "2025-04-12", "renewal_due": "2028-04-12"},
   "Thu Apr 3; Apr 4-6 off; Mon Apr 7 wd1 ... Fri Apr 11 wd5.")
tl("l90-tl-2025-04-25-labour-makeup", "Linfen timeline with the Sunday make-up Apr 27 2025 and Labour Day", "2025-04-25",
   {"submitted": "2025-04-25", "pre_review_by": "2025-04-27", "decision_by": "2025-05-06", "effective_from": "2025-05-07", "renewal_due": "2028-05-07"},
   "Fri Apr 25; Sun Apr 27 make-up wd1; Mon 28 wd2; Tue 29 wd3; Wed 30 wd4; May 1-5 off; Tue May 6 wd5.", exam="2025-04-01")
tl("l82-tl-radiochemo-yearly", "Linfen radio/chemotherapy: renewal every year", "2025-09-30",
   {"submitted": "2025-09-30", "pre_review_by": "2025-10-09", "decision_by": "2025-10-14", "effective_from": "2025-10-15", "renewal_due": "2026-10-15"},
   "§四 '恶性肿瘤等需每年提交最新检查报告' -> effective 2025-10-15 + 1 year.",
   disease={"id": "malignant-tumor-radiochemo"}, exam="2025-08-20")
tl("l83-tl-2026-09-18-radiochemo", "Linfen radio/chemotherapy 2026 with the Sunday make-up Sep 20", "2026-09-18",
   {"submitted": "2026-09-18", "pre_review_by": "2026-09-20", "decision_by": "2026-09-24", "effective_from": "2026-09-25", "renewal_due": "2027-09-25"},
   "Fri Sep 18; Sun Sep 20 make-up wd1; Mon 21 wd2; 22 wd3; 23 wd4; Thu Sep 24 wd5; effective Sep 25; yearly -> 2027-09-25.",
   disease={"id": "malignant-tumor-radiochemo"})
tl("l84-tl-transplant-renewal-unknown", "Linfen organ transplant: renewal period not given -> null", "2025-09-30",
   {"decision_by": "2025-10-14", "effective_from": "2025-10-15", "renewal_due": None},
   "§四 names 3-year renewal for 高血压、糖尿病 and yearly for 恶性肿瘤等; organ transplant is in neither -> not given -> null. "
   "JUDGEMENT: '恶性肿瘤等' could be read to include other severe diseases; the text does not say so.",
   disease={"id": "organ-transplant-antirejection"}, exam="2025-08-20")

# ======================================================================= Rizhao
RD = "shandong-rizhao"
RSRC_WHO = R + " §一 适用对象与病种范围"
RSRC_COND = R + " §一 基本条件与材料要求"
RSRC_FLOW = R + " §二 提交与审核"
RSRC_TABLE = R + " §二 办理环节"
RSRC_PAY = R + " §三 2025年医保政策亮点"

case(RD, "r01-tumor-instant", "Rizhao malignant tumour: eligible, instant, decided today, effective tomorrow, ratio floor 65%", RSRC_WHO, RIZHAO,
     expect={"region": "shandong-rizhao",
             "eligibility": {"status": "eligible", "missing": []},
             "track": "instant",
             "estimate": {"reimbursed": 6500.00, "ratio": 0.65, "annual_cap": None, "exact": False},
             "timeline": {"submitted": "2025-09-30", "pre_review_by": None, "decision_by": "2025-09-30", "effective_from": "2025-10-01", "renewal_due": None}},
     note="'即时申请病种:如恶性肿瘤,可随时申办、即时办结,次日享受待遇'; '支付比例不低于65%' (floor -> exact false; no cap published -> null); "
          "10000*0.65 = 6500 as the lower bound. No renewal period published ('续期待遇,可通过同一平台在线申请') -> null. "
          "Also: arrears/hukou/residence/hospital_public/grade are NOT Rizhao conditions, so leaving them out must not make it undetermined.")
case(RD, "r02-employee", "Rizhao: employee scheme eligible", RSRC_WHO, RIZHAO,
     set_("applicant.scheme", "employee"), expect={"eligibility": {"status": "eligible"}},
     note="'日照市职工医保与城乡居民医保参保人'")
case(RD, "r03-suspended", "Rizhao: suspended contribution -> ineligible", RSRC_COND, RIZHAO,
     set_("applicant.contribution", "suspended"), expect={"eligibility": {"status": "ineligible"}},
     note="'参保状态正常'; table '职工医保或城乡居民医保正常参保缴费'")
case(RD, "r04-lapsed", "Rizhao: lapsed contribution -> ineligible", RSRC_COND, RIZHAO,
     set_("applicant.contribution", "lapsed"), expect={"eligibility": {"status": "ineligible"}})
case(RD, "r05-contribution-unknown", "Rizhao: contribution unknown -> undetermined", RSRC_COND, RIZHAO,
     lambda f: f["applicant"].pop("contribution"),
     expect={"eligibility": {"status": "undetermined", "missing": ["applicant.contribution"]}})
case(RD, "r06-insured-linfen", "Rizhao: insured in Linfen -> ineligible", RSRC_WHO, RIZHAO,
     set_("applicant.insured_in", "shanxi-linfen"), expect={"eligibility": {"status": "ineligible"}},
     note="'适用人群:日照市职工医保与城乡居民医保参保人'. 全市通办 lifts limits inside the city only.")
case(RD, "r07-hospital-level1", "Rizhao: level-1 diagnosis -> ineligible", R + " §一 办理条件", RIZHAO,
     set_("diagnosis.hospital_level", 1),
     expect={"eligibility": {"status": "ineligible"},
             "materials": [{"id": "diagnosis_certificate", "status": "problem", "problems": [{"code": "hospital_level"}]}]},
     note="'病种诊断 | 由二级及以上定点医疗机构出具诊断证明及相关病历资料'")
case(RD, "r08-not-designated", "Rizhao: diagnosis by a non-designated hospital -> ineligible", R + " §一 办理条件", RIZHAO,
     set_("diagnosis.hospital_designated", False), expect={"eligibility": {"status": "ineligible"}},
     note="'二级及以上定点医疗机构'")
case(RD, "r09-designated-unknown", "Rizhao: designated unknown -> undetermined", R + " §一 办理条件", RIZHAO,
     lambda f: f["diagnosis"].pop("hospital_designated"),
     expect={"eligibility": {"status": "undetermined", "missing": ["diagnosis.hospital_designated"]}})
case(RD, "r10-private-designated-ok", "Rizhao: a private but designated level-2 hospital is fine (no 公立 requirement)", R + " §一 办理条件", RIZHAO,
     set_("diagnosis.hospital_public", False), expect={"eligibility": {"status": "eligible"}},
     note="Rizhao asks for 定点, not 公立 (that is Linfen).")
case(RD, "r11-hypertension-no-grade", "Rizhao hypertension: no grade requirement", RSRC_WHO, RIZHAO,
     set_("disease", {"id": "hypertension"}), expect={"eligibility": {"status": "eligible", "missing": []}},
     note="'75种,涵盖恶性肿瘤、高血压、糖尿病等'; the Ⅲ级 qualifier is Linfen's, not Rizhao's.")
case(RD, "r12-diabetes-no-complications", "Rizhao diabetes: no complications requirement", RSRC_WHO, RIZHAO,
     set_("disease", {"id": "diabetes", "complications": False}), expect={"eligibility": {"status": "eligible"}})
case(RD, "r13-hypertension-track-unknown", "Rizhao hypertension: the text does not say whether it is instant or centralized", RSRC_WHO, RIZHAO,
     set_("disease", {"id": "hypertension"}),
     expect={"track": None, "timeline": {"submitted": "2025-09-30", "decision_by": None, "effective_from": None}},
     note="'即时申请病种:如恶性肿瘤' / '集中申请病种:如部分慢性病' — only SOME chronic diseases are centralized, and none is named. "
          "JUDGEMENT: track unknown -> null. IF the pack does put hypertension in the centralized list, decision_by must be 20 working days: "
          "from 2025-09-30: Oct 9 wd1, 10 wd2, Sat 11 wd3, 13 wd4 ... (Oct 13-17 wd4-8, 20-24 wd9-13, 27-31 wd14-18), Nov 3 wd19, Tue Nov 4 wd20 -> "
          "decision_by 2025-11-04, effective_from 2025-11-05.")
case(RD, "r14-radiochemo-instant", "Rizhao radio/chemotherapy is a malignant tumour -> instant", RSRC_WHO, RIZHAO,
     set_("disease", {"id": "malignant-tumor-radiochemo"}),
     expect={"track": "instant", "timeline": {"decision_by": "2025-09-30", "effective_from": "2025-10-01"}})
case(RD, "r15-code-m00503-instant", "Rizhao: M00503 (恶性肿瘤放化疗) given as code -> instant", RSRC_WHO, RIZHAO,
     set_("disease", {"code": "M00503"}),
     expect={"eligibility": {"status": "eligible"}, "track": "instant"})
case(RD, "r34-code-m00504-instant", "Rizhao: M00504 (恶性肿瘤（非放化疗）) is a malignant tumour -> instant", RSRC_WHO, RIZHAO,
     set_("disease", {"code": "M00504"}),
     expect={"eligibility": {"status": "eligible"}, "track": "instant",
             "timeline": {"decision_by": "2025-09-30", "effective_from": "2025-10-01"}},
     note="FACTS.md M-codes: 'M00504 恶性肿瘤（非放化疗）'; CONTRACT: 'malignant-tumor (any malignant tumour)' and 'disease.code ... may be given instead'. "
          "001: '即时申请病种:如恶性肿瘤'. A non-radio/chemo malignant tumour is still a malignant tumour.")
case(RD, "r16-instant-on-holiday", "Rizhao instant on a public holiday: same day, effective next calendar day", RSRC_FLOW, RIZHAO,
     seq(set_("as_of", "2025-10-01")),
     expect={"track": "instant", "timeline": {"submitted": "2025-10-01", "decision_by": "2025-10-01", "effective_from": "2025-10-02"}},
     note="'可随时申办、即时办结,次日享受待遇' — 随时 = any time; no working days involved.")
case(RD, "r17-instant-outside-calendar", "Rizhao instant in 2027: no working-day lookup needed", RSRC_FLOW, RIZHAO,
     seq(set_("as_of", "2027-03-01"), docs_replace("exam_reports", issued="2027-01-20"), docs_replace("medical_records", issued="2027-02-01"),
         docs_replace("diagnosis_certificate", issued="2027-02-01"), set_("diagnosis.date", "2027-02-01")),
     expect={"timeline": {"submitted": "2027-03-01", "decision_by": "2027-03-01", "effective_from": "2027-03-02"}},
     note="Instant = same day; effective = next calendar day. Neither needs the holiday calendar. JUDGEMENT: a core that nulls "
          "every date outside 2025-2026 is over-cautious but not dangerous.")
case(RD, "r20-materials-all-ok", "Rizhao: required materials all present", RSRC_COND, RIZHAO,
     expect={"materials": [
         {"id": "id_card", "required": True, "status": "ok"},
         {"id": "insurance_card", "required": True, "status": "ok"},
         {"id": "diagnosis_certificate", "required": True, "status": "ok"},
         {"id": "medical_records", "required": True, "status": "ok"},
         {"id": "exam_reports", "required": True, "status": "ok"}]},
     note="'需准备本人身份证、医保卡(电子凭证)、近期病历、检查检验报告等'; table '必备材料 | 身份证、医保卡(电子凭证)、病历、检查检验报告'; "
          "'由二级及以上定点医疗机构出具诊断证明'.")
case(RD, "r21-no-documents", "Rizhao: nothing uploaded", RSRC_COND, RIZHAO,
     lambda f: f.pop("documents"),
     expect={"materials": [
         {"id": "id_card", "required": True, "status": "missing"},
         {"id": "insurance_card", "required": True, "status": "missing"},
         {"id": "medical_records", "required": True, "status": "missing"},
         {"id": "exam_reports", "required": True, "status": "missing"}]})
case(RD, "r22-exam-exactly-six-months", "Rizhao: exam report exactly six months old is still valid", RSRC_TABLE, RIZHAO,
     docs_replace("exam_reports", issued="2025-03-30"),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]},
     note="'检查报告需近半年内'. Half a year = 6 calendar months: 2025-09-30 - 6 months = 2025-03-30; inside (Civil Code art. 1259). "
          "A core using 182/183 days would wrongly call this expired.")
case(RD, "r23-exam-six-months-and-a-day", "Rizhao: exam report six months and one day old is expired", RSRC_TABLE, RIZHAO,
     docs_replace("exam_reports", issued="2025-03-29"),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "expired"}]}]})
case(RD, "r24-exam-eight-months", "Rizhao: exam report 8 months old is expired (would be fine in Linfen)", RSRC_TABLE, RIZHAO,
     docs_replace("exam_reports", issued="2025-01-30"),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "expired"}]}]})
case(RD, "r32-month-end-inside", "Rizhao: half a year back from Aug 31 is Feb 28 (no Feb 31) — inside", RSRC_TABLE, RIZHAO,
     seq(set_("as_of", "2025-08-31"), docs_replace("exam_reports", issued="2025-02-28")),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]},
     note="2025-08-31 minus 6 months -> 2025-02-31 does not exist -> month end 2025-02-28 (Civil Code art. 203 style); boundary inside.")
case(RD, "r33-month-end-outside", "Rizhao: Feb 27 is outside half a year on Aug 31", RSRC_TABLE, RIZHAO,
     seq(set_("as_of", "2025-08-31"), docs_replace("exam_reports", issued="2025-02-27")),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "expired"}]}]})
case(RD, "r25-exam-unsealed-ok", "Rizhao: no seal requirement for exam reports", RSRC_COND, RIZHAO,
     seq(docs_replace("exam_reports", sealed=False), docs_replace("diagnosis_certificate", sealed=False, states_stage=False)),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []},
                           {"id": "diagnosis_certificate", "status": "ok", "problems": []}]},
     note="Rizhao's text asks for no seal and no stage statement (those are Linfen's and Liaoyuan's rules). '病历资料需清晰完整' is not checkable from facts.")
case(RD, "r26-word-file", "Rizhao: a Word document is not an accepted upload type", RSRC_FLOW.replace("提交与审核", "业务申请与信息填写"), RIZHAO,
     docs_replace("medical_records", file={"name": "bingli.docx", "type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "size": 120000}),
     expect={"materials": [{"id": "medical_records", "status": "problem", "problems": [{"code": "file_type"}]}]},
     note="'上传所需材料(病历、检查报告等图片或PDF)'")
case(RD, "r27-png-ok", "Rizhao: a PNG photo of a report is accepted", RSRC_FLOW.replace("提交与审核", "业务申请与信息填写"), RIZHAO,
     docs_replace("exam_reports", file={"name": "jc.png", "type": "image/png", "size": 900000}),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]})
case(RD, "r28-future-record", "Rizhao: medical record dated after as_of", RSRC_COND, RIZHAO,
     docs_replace("medical_records", issued="2025-10-10"),
     expect={"materials": [{"id": "medical_records", "status": "problem", "problems": [{"code": "future_date"}]}]})
case(RD, "r29-optional-photo-form", "Rizhao: photo and application form are only for some diseases -> not required", RSRC_COND, RIZHAO,
     expect={"materials": [{"id": "photo_1inch", "required": False}, {"id": "application_form", "required": False}]},
     note="'部分病种需1寸免冠照片及《日照市基本医疗保险门诊特殊疾病医疗证申请表》' — which diseases is not said, so at most 'may provide' (required false); "
          "certainly not status missing as a hard requirement. JUDGEMENT on presence vs absence.")
case(RD, "r30-proxy-no-letter", "Rizhao: proxy filing needs real-name verification of both, no power of attorney", R + " §二 注册与登录", RIZHAO,
     set_("proxy", {"name": "李四", "id_number": "37110219700101002X", "relationship": "child", "phone": "13900000000"}),
     expect={"eligibility": {"status": "eligible"},
             "materials": [{"id": "authorization_letter", "$absent": True}]},
     note="'如为他人代办,需填写代办人信息及被代办人信息,双方均需通过实名验证' — no 授权委托书 in Rizhao: "
          "authorization_letter must not be listed here. Proxy ID 37110219700101002X is valid (upper-case X).")
case(RD, "r31-estimate-floor", "Rizhao estimate: floor ratio, no cap, exact false", RSRC_PAY, RIZHAO,
     expenses(drugs=3000, exams=1000, treatment=1000),
     expect={"estimate": {"reimbursed": 3250.00, "ratio": 0.65, "annual_cap": None, "exact": False}},
     note="'门诊慢特病医保政策范围内支付比例不低于65%' — 5000*0.65 = 3250, a lower bound; notes must say the ratio is a floor and no cap is published.")

# ======================================================================= Liaoyuan
YD = "jilin-liaoyuan"
YSRC_APPLY = Y + " §一 申请环节"
YSRC_ACCEPT = Y + " §一 受理环节"

case(YD, "y01-offline-no-estimate-no-dates", "Liaoyuan: paper track, no published benefits, no published time limits", YSRC_ACCEPT, LIAOYUAN,
     expect={"region": "jilin-liaoyuan", "track": "offline", "estimate": None,
             "timeline": {"submitted": "2025-09-30", "pre_review_by": None, "decision_by": None, "effective_from": None, "renewal_due": None}},
     note="'报送至所患疾病后续长期治疗的定点医院,由该医院负责受理申请'; table '全流程网上办理 | 否,主要依赖线下'. No ratio, cap, "
          "deadline or renewal period appears anywhere in 002 -> estimate null and every date except submitted null.")
case(YD, "y02-inpatient-ok", "Liaoyuan: sealed inpatient records from within two years", YSRC_APPLY, LIAOYUAN,
     expect={"materials": [{"id": "inpatient_records", "required": True, "status": "ok", "problems": []}]},
     note="'近两年的住院病历复印件(需加盖医院病案室专用章)'")
case(YD, "y03-inpatient-unsealed", "Liaoyuan: inpatient records without the medical-records-room seal", YSRC_APPLY, LIAOYUAN,
     docs_replace("inpatient_records", sealed=False),
     expect={"materials": [{"id": "inpatient_records", "status": "problem", "problems": [{"code": "unsealed"}]}]})
case(YD, "y04-inpatient-exactly-two-years", "Liaoyuan: inpatient record exactly two years old is inside", YSRC_APPLY, LIAOYUAN,
     docs_replace("inpatient_records", period_end="2023-09-30"),
     expect={"materials": [{"id": "inpatient_records", "status": "ok", "problems": []}]},
     note="as_of 2025-09-30 - 2 years = 2023-09-30; boundary inside (Civil Code art. 1259).")
case(YD, "y05-inpatient-two-years-and-a-day", "Liaoyuan: inpatient record two years and one day old is expired", YSRC_APPLY, LIAOYUAN,
     docs_replace("inpatient_records", period_end="2023-09-29"),
     expect={"materials": [{"id": "inpatient_records", "status": "problem", "problems": [{"code": "expired"}]}]})
case(YD, "y06-inpatient-missing", "Liaoyuan: no inpatient records", YSRC_APPLY, LIAOYUAN,
     docs_remove("inpatient_records"),
     expect={"materials": [{"id": "inpatient_records", "required": True, "status": "missing"}]},
     note="'通常包括近两年的住院病历复印件' — JUDGEMENT: '通常' hedges; required true is the natural reading of the only listed document.")
case(YD, "y07-inpatient-future", "Liaoyuan: inpatient record dated after as_of", YSRC_APPLY, LIAOYUAN,
     docs_replace("inpatient_records", issued="2025-12-01"),
     expect={"materials": [{"id": "inpatient_records", "status": "problem", "problems": [{"code": "future_date"}]}]})
case(YD, "y08-estimate-null-with-spending", "Liaoyuan: big spending still gives no estimate", Y + " §一 审核与办结环节", LIAOYUAN,
     expenses(drugs=50000, exams=5000, treatment=5000),
     expect={"estimate": None},
     note="'按规定享受相应的门诊医疗费用报销待遇' — no figures published.")
case(YD, "y09-holiday-offline", "Liaoyuan: offline, as_of on a holiday — no dates promised", YSRC_ACCEPT, LIAOYUAN,
     set_("as_of", "2025-10-02"),
     expect={"track": "offline", "timeline": {"decision_by": None, "effective_from": None}},
     note="'申请人或其家属需在工作日,将准备好的申请材料报送' — hospitals take papers on working days only (next one: 2025-10-09); "
          "the text gives no deadline, so decision/effective stay null.")


# ======================================================================= contract v1.1, read again (issue 11)
# Written from the texts' words, one statement each: which seal, the
# signature, the project's own file rule, who decides 符合病种诊断标准,
# automatic renewal, partial coverage.
LSRC_V11 = L + " §二 材料清单"
case(LD, "l91-exam-department-seal-ok", "Linfen: an exam report with the lab's own seal is 需医院盖章 (any seal of the hospital)", LSRC_V11, LINFEN,
     docs_replace("exam_reports", seal="department"),
     expect={"materials": [{"id": "exam_reports", "status": "ok", "problems": []}]},
     note="'检查报告 ... (需医院盖章)': a seal of the hospital; the 检验科 / 影像科 seal is the hospital's. Only the 诊断证明 says 医院公章.")
case(LD, "l92-certificate-department-seal-unsealed", "Linfen: a diagnosis certificate with only a department seal lacks the 医院公章", LSRC_V11, LINFEN,
     docs_replace("diagnosis_certificate", seal="department"),
     expect={"materials": [{"id": "diagnosis_certificate", "status": "problem", "problems": [{"code": "unsealed"}]}]},
     note="'加盖医院公章的疾病诊断书': the hospital's official seal, not a department's.")
case(LD, "l93-form-unsigned", "Linfen: the application form not signed by the attending doctor", LSRC_V11, LINFEN,
     docs_replace("application_form", signed=False),
     expect={"materials": [{"id": "application_form", "status": "problem", "problems": [{"code": "unsigned"}]}]},
     note="'下载打印后由主治医师签字确认'.")
case(LD, "l94-form-signature-unknown", "Linfen: whether the form is signed is not known yet: unchecked, not ok", LSRC_V11, LINFEN,
     lambda f: [d.pop("signed") for d in f["documents"] if d["kind"] == "application_form"],
     expect={"materials": [{"id": "application_form", "status": "unchecked", "problems": []}]})
case(LD, "l95-exe-as-exam-report", "Linfen: a program named as an exam report is not a paper (the app's own file rule)", "CONTRACT.md §Version 1.1 (a rule of the project)", LINFEN,
     docs_replace("exam_reports", file={"name": "report.exe", "type": "application/x-msdownload", "size": 40000}),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "file_type"}]}]})
case(LD, "l96-exam-21mb", "Linfen: a 21 MB scan is over the app's 20 MB limit", "CONTRACT.md §Version 1.1 (a rule of the project)", LINFEN,
     docs_replace("exam_reports", file=PDF("report.pdf", 21 * 1024 * 1024)),
     expect={"materials": [{"id": "exam_reports", "status": "problem", "problems": [{"code": "file_too_large"}]}]})
case(LD, "l97-htn-renewal-automatic", "Linfen: hypertension renews by itself every 3 years (每3年自动续期)", L + " §四 复审与续期", LINFEN,
     expect={"timeline": {"renewal_kind": "automatic", "renewal_due": "2028-10-15"}},
     note="Effective 2025-10-15 (see l01); 3 years later. 自动续期: nothing to hand in, a reminder to check.")
RSRC_V11 = R + " §一 基本条件与材料要求"
case(RD, "r35-criteria-not-met", "Rizhao: the doctor says the criteria are not met: ineligible", RSRC_V11, RIZHAO,
     set_("diagnosis.meets_criteria", False),
     expect={"eligibility": {"status": "ineligible", "checks": [{"id": "meets-diagnostic-criteria", "outcome": "fail"}]}},
     note="'参保状态正常，符合病种诊断标准'.")
case(RD, "r36-criteria-not-stated-v1", "Rizhao: v1 input that does not state the criteria keeps its v1 answer (the 病种诊断 row stands for it)", RSRC_V11, RIZHAO,
     lambda f: f["diagnosis"].pop("meets_criteria"),
     expect={"eligibility": {"status": "eligible", "checks": [{"id": "meets-diagnostic-criteria", "outcome": "pass"}]}},
     note="The 办理条件 table's 病种诊断 row (二级及以上定点医疗机构出具诊断证明) is what the text gives as the evidence.")

case(YD, "y10-inpatient-hospital-seal", "Liaoyuan: inpatient records with the hospital's seal, not the 病案室专用章", Y + " §一 申请环节", LIAOYUAN,
     docs_replace("inpatient_records", seal="hospital"),
     expect={"materials": [{"id": "inpatient_records", "status": "problem", "problems": [{"code": "unsealed"}]}]},
     note="'近两年的住院病历复印件（需加盖医院病案室专用章）'.")
case(YD, "y11-coverage-partial", "Liaoyuan: the text covers the process only in part: coverage partial", Y + " §一 基本流程", LIAOYUAN,
     expect={"pack": {"coverage": "partial"}, "estimate": None})


def main():
    for d in ("shanxi-linfen", "shandong-rizhao", "jilin-liaoyuan"):
        p = os.path.join(HERE, d)
        if os.path.isdir(p):
            shutil.rmtree(p)
        os.makedirs(p)
    seen = set()
    for region_dir, stem, c in CASES:
        assert stem not in seen, stem
        seen.add(stem)
        with open(os.path.join(HERE, region_dir, stem + ".json"), "w", encoding="utf-8") as f:
            json.dump(c, f, ensure_ascii=False, indent=2)
            f.write("\n")
    print(f"{len(CASES)} cases written")


if __name__ == "__main__":
    main()


# ======================================================================= bad input (tests/acceptance/bad/)
# Each entry: file name, facts (dict) or raw text, and the stderr regexes bad-input.sh expects (exit 2).
BAD = []


def bad(stem, facts=None, raw=None, paths=(), note=""):
    BAD.append((stem, facts, raw, list(paths), note))


def with_(base, *fs):
    f = copy.deepcopy(base)
    for g in fs:
        g(f)
    return f


CONTRACT_EXAMPLE = {
    "region": "shanxi-linfen", "as_of": "2025-09-30",
    "applicant": {"id_number": "141002195501011234", "scheme": "employee", "contribution": "normal", "arrears": False,
                  "insured_in": "shanxi-linfen", "hukou_local": True, "resides_locally": True, "remote_registered": False},
    "disease": {"id": "hypertension", "grade": 3, "complications": False},
    "diagnosis": {"hospital_level": 3, "hospital_public": True, "hospital_designated": True, "date": "2025-08-20", "specialist": False},
    "documents": [{"kind": "diagnosis_certificate", "issued": "2025-08-20", "sealed": True, "states_stage": True,
                   "file": {"name": "zhenduan.pdf", "type": "application/pdf", "size": 482113}}],
    "proxy": {"name": "张三", "id_number": "141002199001010056", "relationship": "child", "phone": "13800000000"},
    "expenses": {"drugs": 6000, "exams": 1200, "treatment": 0, "targeted_drugs": 0, "inpatient": 0},
}

bad("b01-contract-example-check-digit", with_(CONTRACT_EXAMPLE, lambda f: f.pop("proxy")),
    paths=[r"^applicant\.id_number: .*\b2\b"],
    note="The contract's own example ID 141002195501011234: check digit should be 2.")
bad("b02-id-too-short", with_(LINFEN, set_("applicant.id_number", "14100219550101123")), paths=[r"^applicant\.id_number:"])
bad("b03-id-letter-inside", with_(LINFEN, set_("applicant.id_number", "1410021955010A1232")), paths=[r"^applicant\.id_number:"])
bad("b04-proxy-id-check-digit", with_(LINFEN, set_("proxy", {"name": "张三", "id_number": "141002199001010056", "relationship": "child"})),
    paths=[r"^proxy\.id_number: .*\b5\b"], note="141002199001010056: check digit should be 5.")
bad("b05-as-of-slashes", with_(LINFEN, set_("as_of", "2025/09/30")), paths=[r"^as_of:"])
bad("b06-as-of-feb-29-2025", with_(LINFEN, set_("as_of", "2025-02-29")), paths=[r"^as_of:"])
bad("b07-as-of-no-padding", with_(LINFEN, set_("as_of", "2025-9-30")), paths=[r"^as_of:"])
bad("b08-document-issued-month-13", with_(LINFEN, docs_replace("exam_reports", issued="2025-13-01")),
    paths=[r"^documents(\[2\]|\.2|/2)\.?issued:"], note="exam_reports is documents[2] in the Linfen base facts.")
bad("b09-diagnosis-date-compact", with_(LINFEN, set_("diagnosis.date", "20250820")), paths=[r"^diagnosis\.date:"])
bad("b10-negative-amount", with_(LINFEN, set_("expenses.drugs", -100)), paths=[r"^expenses\.drugs:"])
bad("b11-three-decimals", with_(LINFEN, set_("expenses.exams", 12.345)), paths=[r"^expenses\.exams:"])
bad("b12-float-noise", with_(LINFEN, set_("expenses.treatment", 0.30000000000000004)), paths=[r"^expenses\.treatment:"],
    note="0.1+0.2 in binary floating point: more than 2 decimals.")
bad("b13-unknown-region", with_(LINFEN, set_("region", "beijing")), paths=[r"^region:"])
bad("b14-several-problems", with_(LINFEN, set_("as_of", "2025-02-30"), set_("expenses.inpatient", -1), set_("applicant.id_number", "141002195501011231")),
    paths=[r"^as_of:", r"^expenses\.inpatient:", r"^applicant\.id_number:"], note="One line per problem, all three reported.")
bad("b15-amount-as-string", with_(LINFEN, set_("expenses.drugs", "6000")), paths=[r"^expenses\.drugs:"])
bad("b16-unparseable", raw='{"region": "shanxi-linfen", "as_of": "2025-09-30",', paths=[r"."])
bad("b17-empty-file", raw="", paths=[r"."])
bad("b18-top-level-array", raw="[]", paths=[r"."])
bad("b19-id-impossible-birth-date", with_(LINFEN, set_("applicant.id_number", "141002195502301238")), paths=[r"^applicant\.id_number:"],
    note="Check digit 8 is right, but 1955-02-30 is not a date (GB 11643 birth date YYYYMMDD).")
bad("b20-huge-amount", with_(LINFEN, set_("expenses.drugs", 1e300)), paths=[r"^expenses\.drugs:"],
    note="Cannot be held as integer fen; must be rejected, not wrapped or saturated silently.")
bad("b21-deep-nesting", raw='{"region":"shanxi-linfen","applicant":' + "[" * 5000 + "]" * 5000 + "}", paths=[r"."],
    note="Never panics, whatever the input (stack overflow would be a crash).")
bad("b22-invalid-utf8", raw=b'{"region":"shanxi-linfen","proxy":{"name":"\xff\xfe"}}', paths=[r"."])
bad("b23-scheme-unknown", with_(LINFEN, set_("applicant.scheme", "commercial")), paths=[r"^applicant\.scheme:"])
bad("b24-hospital-level-4", with_(LINFEN, set_("diagnosis.hospital_level", 4)), paths=[r"^diagnosis\.hospital_level:"])
bad("b25-document-kind-unknown", with_(LINFEN, docs_add({"kind": "passport", "issued": "2020-01-01"})),
    paths=[r"^documents(\[4\]|\.4|/4)\.?kind:"], note="Material ids are a closed list in the contract.")

# Valid inputs that must NOT be rejected (exit 0).
GOOD = [
    ("g01-lowercase-x", with_(LINFEN, set_("applicant.id_number", "11010519491231002x")), "FACTS.md: accept lower-case x."),
    ("g02-two-decimals", with_(LINFEN, set_("expenses.drugs", 1234.56)), "2 decimals are fine."),
    ("g03-trailing-zero", with_(LINFEN, set_("expenses.drugs", 100.10)), "100.10 has 2 decimals."),
    ("g04-outside-calendar", with_(LINFEN, set_("as_of", "2030-01-02")), "A date outside the calendar is not bad input."),
    ("g05-empty-object-with-region", {"region": "shandong-rizhao"}, "Every field is optional."),
    ("g06-old-linfen-id", with_(LINFEN, set_("applicant.id_number", "142602194803122025")), "1426xx (临汾地区) numbers are valid."),
]


def write_bad():
    """bad/*.facts (JSON text; not *.json so `mantetong test` does not take them for cases), bad/expectations.tsv
    (file, exit code, note, stderr regexes...) for bad-input.sh, and errors/*.json golden cases with expect_errors
    so that `mantetong test tests/acceptance` checks the same bad inputs."""
    bdir = os.path.join(HERE, "bad")
    edir = os.path.join(HERE, "errors")
    for d in (bdir, edir):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    rows = []
    err_cases = []
    for stem, facts, raw, paths, note in BAD:
        p = os.path.join(bdir, stem + ".facts")
        if raw is not None:
            with open(p, "wb") as f:
                f.write(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
        else:
            with open(p, "w", encoding="utf-8") as f:
                json.dump(facts, f, ensure_ascii=False, indent=1)
            prefixes = []
            for rx in paths:
                lit = rx.lstrip("^").split(":")[0]
                lit = lit.replace("(\\[2\\]|\\.2|/2)\\.?", "[2].").replace("(\\[4\\]|\\.4|/4)\\.?", "[4].").replace("\\.", ".")
                if lit and all(ch not in lit for ch in "()|?*+\\"):
                    prefixes.append(lit + ":")
                else:
                    prefixes = None
                    break
            exact = {"b01-contract-example-check-digit": ["applicant.id_number: check digit should be 2"],
                     "b04-proxy-id-check-digit": ["proxy.id_number: check digit should be 5"]}
            prefixes = exact.get(stem, prefixes)
            if prefixes:
                err_cases.append({"name": stem, "source": "CONTRACT.md §The command-line tool (bad input exits 2)",
                                  "facts": facts, "expect_errors": prefixes, "note": note})
        rows.append("\t".join([stem + ".facts", "2", note.replace("\t", " ")] + paths))
    for stem, facts, note in GOOD:
        with open(os.path.join(bdir, stem + ".facts"), "w", encoding="utf-8") as f:
            json.dump(facts, f, ensure_ascii=False, indent=1)
        rows.append("\t".join([stem + ".facts", "0", note]))
    with open(os.path.join(bdir, "expectations.tsv"), "w", encoding="utf-8") as f:
        f.write("# file\texit\tnote\tstderr regex...\n" + "\n".join(rows) + "\n")
    with open(os.path.join(edir, "bad-input.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": err_cases}, f, ensure_ascii=False, indent=1)
    print(f"{len(rows)} bad/good input files written, {len(err_cases)} expect_errors cases")


write_bad()
