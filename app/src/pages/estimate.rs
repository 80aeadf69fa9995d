use leptos::prelude::*;
use crate::fresh::dom::{attr, dom, Dom, B};
use mantetong_core::pack::RatioKind;
use mantetong_core::{evaluate, Facts};
use serde_json::Value;

use crate::i18n::Text;
use crate::session::{today, use_session, Session};
use crate::use_ui;
use crate::widgets::{error_summary, page_title};

const KINDS: [&str; 5] = ["drugs", "exams", "treatment", "targeted_drugs", "inpatient"];

fn kind_label(t: &Text, kind: &str) -> &'static str {
    match kind {
        "drugs" => t.exp_drugs,
        "exams" => t.exp_exams,
        "treatment" => t.exp_treatment,
        "targeted_drugs" => t.exp_targeted_drugs,
        _ => t.exp_inpatient,
    }
}

/// Yuan with thousands separators, from integer fen.
pub fn yuan(fen: i64) -> String {
    let (sign, fen) = if fen < 0 { ("-", -fen) } else { ("", fen) };
    let whole = (fen / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", fen % 100)
}

/// `v` with one decimal ("123.4"), from whole tenths: the chart's
/// coordinates. Not `format!("{:.1}")`: f64 formatting is ~13 KB of the
/// module (code and tables) for nothing but these numbers (docs/size.md).
fn tenths(v: f64) -> String {
    let n = (v * 10.0).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    format!("{sign}{}.{}", n / 10, n % 10)
}

/// A ratio as whole percent ("70"), rounded as `{:.0}` rounds (ties to even).
fn percent(r: f64) -> String {
    ((r * 100.0).round_ties_even() as i64).to_string()
}

/// Payout at `points` levels of total spending, keeping the person's mix of
/// spending kinds (or medicines only when none is given). The core computes
/// every point; the app only samples it.
fn curve(session: &Session, points: usize) -> Option<(Vec<(f64, f64)>, Option<f64>, bool)> {
    let pack = session.loaded_pack()?;
    let cal = session.calendar.get()?.ok()?;
    let base = session.draft.with(|d| d.facts.clone());
    let given: Vec<(String, f64)> = KINDS
        .iter()
        .filter_map(|k| base.pointer(&format!("/expenses/{k}")).and_then(Value::as_f64).map(|v| (k.to_string(), v)))
        .filter(|(_, v)| *v > 0.0)
        .collect();
    let total: f64 = given.iter().map(|(_, v)| v).sum();
    let mix: Vec<(String, f64)> =
        if total > 0.0 { given.iter().map(|(k, v)| (k.clone(), v / total)).collect() } else { vec![("drugs".into(), 1.0)] };
    let at = |spend: f64| -> Option<(Option<f64>, Option<f64>, bool)> {
        let mut facts = base.clone();
        let mut exp = serde_json::Map::new();
        for (k, share) in &mix {
            exp.insert(k.clone(), Value::from((spend * share * 100.0).round() / 100.0));
        }
        facts["expenses"] = Value::Object(exp);
        let facts = Facts::from_value(&facts).ok()?;
        let est = evaluate(&pack, &cal, &facts, today()).estimate?;
        Some((est.reimbursed.map(|y| y.0 as f64 / 100.0), est.annual_cap.map(|y| y.0 as f64 / 100.0), est.exact))
    };
    let (_, cap, exact) = at(total.max(1.0))?;
    let x_max = [total * 1.5, cap.map(|c| c * 2.5).unwrap_or(0.0), 10_000.0].into_iter().fold(0.0, f64::max);
    let pts = (0..=points)
        .filter_map(|i| {
            let x = x_max * i as f64 / points as f64;
            at(x).and_then(|(r, _, _)| r.map(|r| (x, r)))
        })
        .collect();
    Some((pts, cap, exact))
}

/// The payout curve, in a region of its own (it is computed apart from
/// the estimate).
fn chart(session: Session) -> Dom {
    let ui = use_ui();
    dom(move |b| {
        let Some((pts, cap, exact)) = curve(&session, 24).filter(|(pts, _, _)| pts.len() > 1) else { return };
        let t = ui.t();
        // Chart size 360 × 220, 44 of it for the axes' labels (the
        // constants in the attributes below).
        let (w, h, pad) = (360.0, 220.0, 44.0);
        let x_max = pts.last().map(|p| p.0).unwrap_or(1.0).max(1.0);
        let y_max = pts.iter().map(|p| p.1).chain(cap).fold(1.0, f64::max) * 1.15;
        let sx = move |x: f64| pad + x / x_max * (w - pad - 8.0);
        let sy = move |y: f64| h - pad + 8.0 - y / y_max * (h - pad - 8.0);
        let line = pts.iter().map(|(x, y)| format!("{},{}", tenths(sx(*x)), tenths(sy(*y)))).collect::<Vec<_>>().join(" ");
        let desc = pts
            .iter()
            .step_by(6)
            .map(|(x, y)| format!("{} → {}", yuan((*x * 100.0) as i64), yuan((*y * 100.0) as i64)))
            .collect::<Vec<_>>()
            .join("; ");
        let figure = b.root("figure", "mtt-chart");
        let svg = b.svg(&figure, "svg", "");
        B::attrs(&svg, &[("viewBox", "0 0 360 220"), ("role", "img"), ("aria-labelledby", "mtt-chart-title mtt-chart-desc")]);
        let title = b.svg(&svg, "title", "");
        attr(&title, "id", "mtt-chart-title");
        b.text(&title, t.est_chart_title);
        let d = b.svg(&svg, "desc", "");
        attr(&d, "id", "mtt-chart-desc");
        b.text(&d, &desc);
        let l = b.svg(&svg, "line", "mtt-axis");
        B::attrs(&l, &[("x1", "44"), ("y1", "184"), ("x2", "352"), ("y2", "184")]);
        let l = b.svg(&svg, "line", "mtt-axis");
        B::attrs(&l, &[("x1", "44"), ("y1", "8"), ("x2", "44"), ("y2", "184")]);
        if let Some(c) = cap {
            let y = tenths(sy(c));
            let l = b.svg(&svg, "line", "mtt-cap");
            B::attrs(&l, &[("x1", "44"), ("y1", &y), ("x2", "352"), ("y2", &y)]);
            let label = b.svg(&svg, "text", "mtt-chart-label");
            B::attrs(&label, &[("x", "48"), ("y", &tenths(sy(c) - 4.0))]);
            b.text(&label, &format!("{} {}", t.est_cap, yuan((c * 100.0) as i64)));
        }
        let p = b.svg(&svg, "polyline", if exact { "mtt-curve" } else { "mtt-curve mtt-curve-floor" });
        attr(&p, "points", &line);
        for (x, y, anchor, text) in [("44", "208", "", t.est_chart_x.to_string()), ("4", "16", "", t.est_chart_y.to_string()), ("352", "200", "end", yuan((x_max * 100.0) as i64))] {
            let label = b.svg(&svg, "text", "mtt-chart-label");
            B::attrs(&label, &[("x", x), ("y", y)]);
            if !anchor.is_empty() {
                attr(&label, "text-anchor", anchor);
            }
            b.text(&label, &text);
        }
        let caption = b.leaf(&figure, "figcaption", "", t.est_chart_title);
        if !exact {
            b.text(&caption, &format!("（{}）", t.est_ratio_floor));
        }
    })
}

/// Step 6: expected spending in, the core's estimate out, with a chart.
#[component]
pub fn EstimatePage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    page_title(move || ui.t().estimate_doc_title.to_string(), error.into());
    let inputs: Vec<(&'static str, RwSignal<String>)> = KINDS
        .iter()
        .map(|k| {
            let v = session.draft.with_untracked(|d| d.get(&format!("expenses.{k}")).map(|v| v.to_string()));
            (*k, RwSignal::new(v.unwrap_or_default()))
        })
        .collect();
    let estimate = move || session.outcome().map(|o| o.estimate.clone());
    // Every keystroke is saved (nothing typed is lost); a bad value is
    // reported by field and kept out of the facts until it is a number.
    let on_input = move |kind: &'static str, value: String| {
        let v = value.trim();
        let parsed = mantetong_core::num::parse_f64(v).filter(|n| n.is_finite() && *n >= 0.0 && (n * 100.0).fract().abs() < 1e-6);
        if v.is_empty() || parsed.is_some() {
            error.set(None);
            session.update(|d| d.set(&format!("expenses.{kind}"), parsed.map(Value::from).unwrap_or(Value::Null)));
        } else {
            error.set(Some(format!("{}：{}", kind_label(ui.t(), kind), ui.t().error_enter_number)));
        }
    };
    // The page is built once: its texts follow the language in place, and
    // the inputs are never rebuilt under the person's typing (their values
    // are kept in `inputs`); the estimate below is a region of its own.
    dom(move |b| {
        let h1 = b.root("h1", "mtt-h1");
        b.tr(&h1, |t| t.estimate_title);
        let lead = b.root("p", "mtt-lead");
        b.tr(&lead, |t| t.estimate_lead);
        b.root_region(error_summary(error.into(), "exp-drugs"));
        let form = b.root("form", "mtt-form mtt-expenses");
        attr(&form, "novalidate", "");
        b.on(&form, "submit", Box::new(|ev| ev.prevent_default()));
        for &(kind, sig) in &inputs {
            let id = format!("exp-{kind}");
            let div = b.add(&form, "div", "mtt-field");
            let label = b.add(&div, "label", "mtt-label");
            attr(&label, "for", &id);
            b.bind_text(&label, Box::new(move || {
                let t = ui.t();
                format!("{} ({})", kind_label(t, kind), t.yuan)
            }));
            let input = b.add(&div, "input", "mtt-input");
            B::attrs(&input, &[("id", &id), ("name", kind), ("type", "text"), ("inputmode", "decimal"), ("autocomplete", "off")]);
            b.bind_value(&input, Box::new(move || sig.get()));
            b.on(&input, "input", Box::new(move |ev| {
                let v = event_target_value(&ev);
                sig.set(v.clone());
                on_input(kind, v);
            }));
        }
        b.root_region(dom(move |b| {
            let Some(est) = estimate() else { return };
            let t = ui.t();
            let Some(e) = est else {
                b.root_leaf("p", "mtt-status mtt-status-unknown", t.est_none);
                return;
            };
            let floor = e.ratio_kind == RatioKind::Floor;
            let en = ui.prefs.get().lang == crate::prefs::Lang::En;
            let money = |y: Option<mantetong_core::eval::Yuan>| y.map(|y| format!("{} {}", yuan(y.0), t.yuan)).unwrap_or_else(|| t.est_cap_unknown.into());
            let dl = b.root("dl", "mtt-summary mtt-estimate");
            attr(&dl, "data-exact", if e.exact { "true" } else { "false" });
            for (term, key, figure) in [
                (if e.exact { t.est_reimbursed } else { t.est_reimbursed_floor }, "reimbursed", money(e.reimbursed)),
                (if e.exact { t.est_out_of_pocket } else { t.est_out_of_pocket_bound }, "out_of_pocket", money(e.out_of_pocket)),
                (t.est_cap, "annual_cap", money(e.annual_cap)),
                (t.est_ratio, "ratio", e.ratio.map(|r| format!("{}{}%", if floor { t.est_ratio_floor } else { "" }, percent(r))).unwrap_or_else(|| t.est_cap_unknown.into())),
            ] {
                let row = b.add(&dl, "div", "");
                b.leaf(&row, "dt", "", term);
                attr(&b.leaf(&row, "dd", "", &figure), "data-figure", key);
            }
            if !e.exact || !e.notes.is_empty() {
                let notes = b.root("div", "mtt-notes");
                if !e.exact {
                    let p = b.add(&notes, "p", "");
                    b.leaf(&p, "strong", "", t.est_bound_note);
                }
                let ul = b.add(&notes, "ul", "");
                for n in &e.notes {
                    let li = b.leaf(&ul, "li", "", if en { &n.message_en } else { &n.message_zh });
                    if let Some(c) = &n.cite {
                        b.leaf(&li, "span", "mtt-source", &crate::widgets::cite_text(t, en, Some(c)));
                    }
                }
            }
            b.root_region(chart(session));
        }));
        let p = b.root("p", "");
        let next = b.add(&p, "a", "mtt-button");
        attr(&next, "href", "/apply/timeline");
        b.tr(&next, |t| t.next_timeline);
    })
}
