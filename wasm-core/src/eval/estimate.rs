//! The benefit estimate: pools, ratios and caps in integer fen, what is
//! outside the outpatient estimate, and what the texts do not publish.

use super::*;
use crate::text::cat;


fn bp(r: f64) -> i64 {
    (r * 10000.0).round() as i64
}

/// `spend × ratio`, rounded half up to the fen.
pub fn apply_ratio(spend: Fen, ratio: f64) -> Fen {
    let b = bp(ratio).clamp(0, 10000) as i128;
    ((spend as i128 * b + 5000) / 10000) as Fen
}

pub(super) fn estimate(pack: &Pack, ctx: &Ctx<'_>, lang: Lang) -> Option<Estimate> {
    let did = ctx.disease.map(|d| d.id.as_str());
    let in_list = |list: &[String]| list.iter().any(|x| x == "*" || Some(x.as_str()) == did);
    let pools: Vec<&crate::pack::Pool> = pack.pools.iter().filter(|p| in_list(&p.diseases)).collect();
    let main = pools.iter().find(|p| p.ratio.is_some())?;
    let mut notes: Vec<Message> = Vec::new();
    let mut trace = Vec::new();
    let mut exact = true;
    for p in &pools {
        for n in &p.notes {
            notes.push(Message::note(lang, n));
        }
    }
    // `expenses: {}` (or only kinds the core does not know) gives no
    // spending at all: unknown, like no `expenses`, never assumed zero.
    let ex = ctx.facts.expenses.as_ref().filter(|e| EXPENSE_KINDS.iter().any(|k| e.get(k).is_some()));
    let mut results = Vec::new();
    let mut reimbursed: Fen = 0;
    // Outpatient spending: every kind but inpatient, unless the pack puts it
    // outside the estimate for this disease.
    let mut outpatient: Fen = 0;
    let mut unestimated: Fen = 0;
    let mut unestimated_source: Option<&Str> = None;
    for p in &pools {
        let spend: Fen = p.covers.iter().filter_map(|k| ex.and_then(|e| e.get(k))).sum();
        let cap = p.annual_cap.map(|c| (c * 100.0).round() as Fen);
        outpatient += spend;
        let (r, capped) = match p.ratio {
            Some(ratio) => {
                trace.push(TraceStep { figure: cat(&["pools.", &p.id, ".ratio"]), value: serde_json::json!(ratio), source: p.source.clone(), cite: None });
                let raw = apply_ratio(spend, ratio);
                let got = cap.map_or(raw, |c| raw.min(c));
                if let Some(c) = p.annual_cap {
                    trace.push(TraceStep { figure: cat(&["pools.", &p.id, ".annual_cap"]), value: serde_json::json!(c), source: p.source.clone(), cite: None });
                }
                if p.ratio_kind != RatioKind::Exact {
                    exact = false;
                }
                if cap.is_none() && spend > 0 {
                    exact = false;
                }
                reimbursed += got;
                (Some(Yuan(got)), cap.is_some_and(|c| raw > c))
            }
            None => {
                if spend > 0 {
                    exact = false;
                    unestimated += spend;
                    unestimated_source.get_or_insert(&p.source);
                }
                (None, false)
            }
        };
        results.push(PoolResult { id: p.id.clone(), spending: Yuan(spend), reimbursed: r, annual_cap: cap.map(Yuan), ratio: p.ratio, capped, source: p.source.clone(), cite: None });
    }
    let mut outside = Vec::new();
    if let Some(e) = ex {
        for k in EXPENSE_KINDS {
            let amt = e.get(k).unwrap_or(0);
            if amt == 0 || pools.iter().any(|p| p.covers.iter().any(|c| c == k)) {
                continue;
            }
            if let Some(o) = pack.outside.iter().find(|o| o.expense == k && in_list(&o.diseases)) {
                notes.push(Message::text(lang, &o.note, &o.source));
                outside.push(OutsideSpending { expense: k.into(), spending: Yuan(amt), source: Some(o.source.clone()), cite: None });
            } else if k == "inpatient" {
                // Inpatient care is never outpatient spending (CONTRACT:
                // expenses are the expected yearly *outpatient* spending):
                // outside this estimate, whatever the pack.
                notes.push(Message::new(
                    lang,
                    "住院费用不属于门诊慢特病待遇：按住院政策另行报销，不在本门诊估算内（文本未公布住院报销办法）",
                    "Inpatient costs are not part of the outpatient benefit: they are paid under inpatient rules, outside this outpatient estimate (the text does not publish those rules)",
                    Some(&Str::lit(INPATIENT_SOURCE)),
                ));
                outside.push(OutsideSpending { expense: k.into(), spending: Yuan(amt), source: Some(INPATIENT_SOURCE.into()), cite: None });
            } else {
                exact = false;
                outpatient += amt;
                unestimated += amt;
                unestimated_source.get_or_insert(&main.source);
                let (zh, en) = match k {
                    "drugs" => ("药品", "drug"),
                    "exams" => ("检查", "examination"),
                    "treatment" => ("诊疗", "treatment"),
                    _ => ("靶向药", "targeted-drug"),
                };
                notes.push(Message::new(
                    lang,
                    cat(&["政策未说明该病种的", zh, "费用（expenses.", k, "）如何报销，未计入报销估算"]),
                    cat(&["the policy does not say how ", en, " spending (expenses.", k, ") is paid for this disease; not counted as reimbursed"]),
                    Some(&main.source),
                ));
            }
        }
        if unestimated > 0 {
            let y = Yuan(unestimated).to_string();
            notes.push(Message::new(
                lang,
                cat(&["有 ", &y, " 元门诊费用的报销办法未公布，按全部自付计入自付金额：报销金额为下限，自付金额为上限"]),
                cat(&[&y, " yuan of outpatient spending is paid under rules that are not published; it is counted as paid out of pocket, so the reimbursement is a lower bound and the out-of-pocket amount an upper bound"]),
                unestimated_source.or(Some(&main.source)),
            ));
        }
    } else {
        notes.push(Message::new(
            lang,
            "未提供预计费用，只给出比例和限额",
            "no expected spending given: only the ratio and cap are shown",
            Some(&Str::lit("CONTRACT.md §Facts (every field is optional: a missing fact is unknown, never assumed; expenses: the expected yearly outpatient spending)")),
        ));
    }
    if main.ratio_kind == RatioKind::Floor {
        notes.push(Message::new(
            lang,
            "报销比例只公布了下限，估算为最少可报金额",
            "only a floor of the ratio is published: the estimate is the least that is paid",
            Some(&main.source),
        ));
    }
    if main.annual_cap.is_none() {
        notes.push(Message::new(lang, "未公布年度限额", "no annual cap is published", Some(&main.source)));
    }
    Some(Estimate {
        reimbursed: ex.map(|_| Yuan(reimbursed)),
        out_of_pocket: ex.map(|_| Yuan((outpatient - reimbursed).max(0))),
        annual_cap: main.annual_cap.map(|c| Yuan((c * 100.0).round() as Fen)),
        ratio: main.ratio,
        ratio_kind: main.ratio_kind,
        exact,
        notes,
        pools: results,
        outside,
        unestimated: Yuan(unestimated),
        trace,
        source: main.source.clone(),
        cite: None,
    })
}
