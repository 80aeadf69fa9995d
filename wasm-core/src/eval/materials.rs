//! Materials: the checklist for this applicant and the pre-review of each
//! paper (window, seal, signature, stage, hospital, the project's file rule).

use super::*;
use crate::text::{cat, digits};



/// A problem: its own words, then (when there is more to say) what was
/// found, from pieces (see [`cat`]): "已超过有效期：出具于 …".
fn problem(lang: Lang, code: ProblemCode, extra_zh: &[&str], extra_en: &[&str], doc: Option<usize>, source: Option<&Str>) -> MaterialProblem {
    let message = |head: &'static str, sep: &'static str, extra: &[&str]| -> Str {
        if extra.iter().all(|p| p.is_empty()) {
            head.into()
        } else {
            cat(&[&[head, sep], extra].concat())
        }
    };
    let (zh, en) = code.text();
    let (zh, en) = (message(zh, "：", extra_zh), message(en, ": ", extra_en));
    MaterialProblem { code, message: lang.pick(&zh, &en).clone(), message_zh: zh, message_en: en, document: doc, source: source.cloned(), cite: None }
}

fn seal_name(k: SealKind) -> (&'static str, &'static str) {
    match k {
        SealKind::Hospital => ("医院公章", "the hospital's official seal (医院公章)"),
        SealKind::Department => ("医院科室的印章（如检验科、影像科、门诊或诊断证明专用章）", "a seal of one of the hospital's departments (lab, imaging, outpatients, diagnosis-certificate seal)"),
        SealKind::MedicalRecordsRoom => ("医院病案室专用章", "the medical-records room's seal (病案室专用章)"),
        SealKind::Other => ("其他印章", "another seal"),
    }
}

/// "医院公章或科室印章" / "the hospital's official seal or a department's seal".
fn seals_needed(kinds: &[SealKind]) -> (Str, Str) {
    if kinds.contains(&SealKind::Hospital) && kinds.contains(&SealKind::Department) {
        if kinds.contains(&SealKind::MedicalRecordsRoom) {
            return (
                "医院的印章（医院公章、科室的印章或病案室专用章均可）".into(),
                "a seal of the hospital (its official seal, a department's or the medical-records room's)".into(),
            );
        }
        return ("医院的印章（医院公章或其科室的印章均可）".into(), "a seal of the hospital (its official seal or one of its departments')".into());
    }
    if let [k] = kinds {
        let (zh, en) = seal_name(*k);
        return (zh.into(), en.into());
    }
    let zh: Vec<&str> = kinds.iter().map(|k| seal_name(*k).0).collect();
    let en: Vec<&str> = kinds.iter().map(|k| seal_name(*k).1).collect();
    (zh.join("或").into(), en.join(" or ").into())
}

/// The project's own file rule, the same in every region (CONTRACT v1.1):
/// an image (JPEG, PNG, WebP, HEIC) or a PDF, at most 20 MB as added.
pub const APP_FILE_TYPES: [&str; 7] = ["image/jpeg", "image/jpg", "image/png", "image/webp", "image/heic", "image/heif", "application/pdf"];
/// File-name endings the project's file rule accepts.
pub const APP_FILE_EXTENSIONS: [&str; 9] = ["jpg", "jpeg", "jpe", "jfif", "png", "webp", "heic", "heif", "pdf"];
/// The largest file accepted as added (before the app downscales it): 20 MB.
pub const APP_MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Where the project's file rule comes from.
pub const APP_FILE_SOURCE: &str = "CONTRACT.md §Version 1.1 (a rule of the project, not of any policy: an image (JPEG, PNG, WebP, HEIC) or a PDF, at most 20 MB as added)";

/// Where `future_date` comes from: a paper cannot be dated after the day
/// of evaluation and submission.
const FUTURE_DATE_SOURCE: &str = "CONTRACT.md §Result (output) (materials[].problems[].code future_date: a paper dated after as_of, the day of evaluation and submission)";

const APP_LIMIT_ZH: &str = "这是慢特通自己的限制，不是医保政策的规定";
const APP_LIMIT_EN: &str = "this is mantetong's own limit, not a rule of the insurance policy";

/// The project's file rule on one file: problems, and whether the type
/// could not be told (no type and no file-name ending).
fn app_file_rule(f: &crate::facts::FileInfo, di: usize, lang: Lang) -> (Vec<MaterialProblem>, bool) {
    let mut ps = Vec::new();
    let ext = f.name.as_deref().and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase()).filter(|e| !e.is_empty() && e.len() <= 8);
    let mime = f.mime.as_deref().filter(|t| !t.is_empty() && *t != "application/octet-stream");
    let kinds_zh = "JPEG、PNG、WebP、HEIC 图片或 PDF";
    let kinds_en = "a JPEG, PNG, WebP or HEIC image, or a PDF";
    let bad_type = match (mime, &ext) {
        (Some(t), _) if !APP_FILE_TYPES.contains(&t) => Some((format!("文件类型为 {t}"), format!("the file is {t}"))),
        (_, Some(e)) if !APP_FILE_EXTENSIONS.contains(&e.as_str()) => Some((format!("文件名以 .{e} 结尾"), format!("the file name ends in .{e}"))),
        _ => None,
    };
    let unknown_type = mime.is_none() && ext.is_none();
    if let Some((zh, en)) = bad_type {
        ps.push(problem(
            lang,
            ProblemCode::FileType,
            &[&zh, "；只接受 ", kinds_zh, "（", APP_LIMIT_ZH, "）"],
            &[&en, "; only ", kinds_en, " is accepted (", APP_LIMIT_EN, ")"],
            Some(di),
            Some(&Str::lit(APP_FILE_SOURCE)),
        ));
    }
    if let Some(sz) = f.size {
        if sz > APP_MAX_FILE_BYTES {
            let mb = mib_tenths(sz);
            ps.push(problem(
                lang,
                ProblemCode::FileTooLarge,
                &[&format!("{mb} MB（{sz} 字节），上限 20 MB（{APP_MAX_FILE_BYTES} 字节）；{APP_LIMIT_ZH}")],
                &[&format!("{mb} MB ({sz} bytes); the limit is 20 MB ({APP_MAX_FILE_BYTES} bytes): {APP_LIMIT_EN}")],
                Some(di),
                Some(&Str::lit(APP_FILE_SOURCE)),
            ));
        }
    }
    (ps, unknown_type)
}

/// Pre-reviews one paper; returns (problems, unchecked?, hints).
fn review_doc(pack: &Pack, m: &MaterialDef, d: &Document, di: usize, facts: &Facts, as_of: Date, lang: Lang) -> (Vec<MaterialProblem>, bool, Vec<Message>) {
    let mut ps = Vec::new();
    let mut hints = Vec::new();
    let mut unchecked = false;
    for (date, zh, en) in [(d.issued, "出具日期", "issued"), (d.period_end, "所记录期间的截止日期（出院日期）", "the end of the period it records (discharge)")] {
        if let Some(x) = date.filter(|x| *x > as_of) {
            let (x, today) = (x.text(), as_of.text());
            ps.push(problem(lang, ProblemCode::FutureDate, &[zh, " ", &x, " 晚于 ", &today], &[en, " ", &x, " is after ", &today], Some(di), Some(&Str::lit(FUTURE_DATE_SOURCE))));
        }
    }
    let future = !ps.is_empty();
    if let (Some(w), false) = (&m.window, future) {
        let earliest = as_of.add_months(-(w.months as i32));
        let (from, months) = (earliest.text(), digits(w.months.into()));
        match (w.counts_from, d.issued, d.period_end) {
            (WindowFrom::Issued, Some(iss), _) if iss < earliest => ps.push(problem(
                lang,
                ProblemCode::Expired,
                &["出具于 ", &iss.text(), "，须在 ", &from, " 或之后（", &months, " 个月内）"],
                &["issued ", &iss.text(), "; must be on or after ", &from, " (within ", &months, " months)"],
                Some(di),
                Some(&w.source),
            )),
            (WindowFrom::Issued, Some(_), _) => {}
            (WindowFrom::Issued, None, _) => unchecked = true,
            (WindowFrom::PeriodEnd, _, Some(pe)) if pe < earliest => ps.push(problem(
                lang,
                ProblemCode::Expired,
                &["所记录的住院于 ", &pe.text(), " 结束，须在 ", &from, " 或之后（近 ", &months, " 个月内，从出院之日算起，不是复印之日）"],
                &["the stay it records ended ", &pe.text(), "; it must end on or after ", &from, " (within ", &months, " months, counted from discharge, not from the day of the copy)"],
                Some(di),
                Some(&w.source),
            )),
            (WindowFrom::PeriodEnd, _, Some(_)) => {}
            // The copy is older than the window: the stay, which ended
            // before it was copied, is older still.
            (WindowFrom::PeriodEnd, Some(iss), None) if iss < earliest => ps.push(problem(
                lang,
                ProblemCode::Expired,
                &["复印于 ", &iss.text(), "，所记录的住院更早，不在 ", &from, " 之后（近 ", &months, " 个月内）"],
                &["copied ", &iss.text(), ", so the stay it records ended earlier, before ", &from, " (within ", &months, " months)"],
                Some(di),
                Some(&w.source),
            )),
            (WindowFrom::PeriodEnd, _, None) => {
                unchecked = true;
                hints.push(Message::new(
                    lang,
                    cat(&["请填写出院日期：“近", &months, "个月”从住院结束之日算起，不是复印之日"]),
                    cat(&["Give the discharge date: the ", &months, " months count from the end of the stay, not from the day of the copy"]),
                    Some(&w.source),
                ));
            }
        }
    }
    if let Some(s) = &m.seal {
        let accepted = s.accepted();
        let (need_zh, need_en) = seals_needed(&accepted);
        match (d.sealed, d.seal) {
            (Some(false), _) => ps.push(problem(lang, ProblemCode::Unsealed, &["须加盖", &need_zh], &["needs ", &need_en], Some(di), Some(&s.source))),
            (_, Some(k)) if !accepted.contains(&k) => {
                let (has_zh, has_en) = seal_name(k);
                ps.push(problem(lang, ProblemCode::Unsealed, &["盖的是", has_zh, "，须为", &need_zh], &["it carries ", has_en, "; it needs ", &need_en], Some(di), Some(&s.source)))
            }
            (_, Some(_)) => {}
            // `sealed: true` without `seal`: a seal of the issuing hospital,
            // kind not known (CONTRACT v1.1). Where the text asks for the
            // hospital's seal (医院公章 / 医院盖章) that is what it reads as
            // (v1's meaning, kept); the hint asks to make sure it is not a
            // department's where only the official seal will do. Where the
            // text asks for a special seal (病案室专用章), a hospital's seal
            // does not show it: unchecked until the kind is given.
            (Some(true), None) if accepted.contains(&SealKind::Hospital) => {
                if !accepted.contains(&SealKind::Department) {
                    hints.push(Message::new(
                        lang,
                        "请确认盖的是医院公章，而不是科室的印章（如检验科章、诊断证明专用章）",
                        "Make sure it is the hospital's official seal (医院公章), not a department's (such as the lab's or the diagnosis-certificate seal)",
                        Some(&s.source),
                    ));
                }
            }
            (Some(true), None) => {
                unchecked = true;
                hints.push(Message::new(
                    lang,
                    cat(&["已盖章，但未说明是哪种章：须为", &need_zh]),
                    cat(&["Sealed, but which seal is not said: it needs ", &need_en]),
                    Some(&s.source),
                ));
            }
            (None, None) => unchecked = true,
        }
    }
    if let Some(s) = &m.signed {
        let (by_zh, by_en) = s.by.as_ref().map_or(("", ""), |t| (t.zh.as_str(), t.en.as_str()));
        let (who_zh, who_en) = (["须由", by_zh, "签字"], ["it must be signed by ", by_en]);
        match d.signed {
            Some(false) => ps.push(problem(
                lang,
                ProblemCode::Unsigned,
                if by_zh.is_empty() { &[] } else { &who_zh },
                if by_en.is_empty() { &[] } else { &who_en },
                Some(di),
                Some(&s.source),
            )),
            None => unchecked = true,
            _ => {}
        }
    }
    if let Some(s) = &m.states_stage {
        match d.states_stage {
            Some(false) => ps.push(problem(lang, ProblemCode::StageMissing, &[], &[], Some(di), Some(&s.source))),
            None => unchecked = true,
            _ => {}
        }
    }
    if let Some(h) = &m.hospital {
        let level = d.hospital_level.or(facts.diagnosis.hospital_level);
        let public = d.hospital_public.or(facts.diagnosis.hospital_public);
        let designated = d.hospital_designated.or(facts.diagnosis.hospital_designated);
        match level {
            Some(l) if l < h.min_level => ps.push(problem(
                lang,
                ProblemCode::HospitalLevel,
                &[&digits(l.into()), "级医院，须为", &digits(h.min_level.into()), "级及以上"],
                &["a level-", &digits(l.into()), " hospital; level ", &digits(h.min_level.into()), " or above is required"],
                Some(di),
                Some(&h.source),
            )),
            None => unchecked = true,
            _ => {}
        }
        if h.public {
            match public {
                Some(false) => ps.push(problem(lang, ProblemCode::HospitalLevel, &["须为公立医院"], &["must be a public hospital"], Some(di), Some(&h.source))),
                None => unchecked = true,
                _ => {}
            }
        }
        if h.designated {
            match designated {
                Some(false) => {
                    ps.push(problem(lang, ProblemCode::HospitalLevel, &["须为定点医疗机构"], &["must be a designated (定点) institution"], Some(di), Some(&h.source)))
                }
                None => unchecked = true,
                _ => {}
            }
        }
    }
    if let Some(f) = &d.file {
        let (fps, unknown_type) = app_file_rule(f, di, lang);
        unchecked |= unknown_type;
        ps.extend(fps);
        // The pack's own upload rule (a text's), where it says more.
        if let Some(u) = &pack.upload {
            if let Some(t) = &f.mime {
                let ok = u.types.iter().any(|a| a == t || (a.ends_with("/*") && t.starts_with(&a[..a.len() - 1])));
                if !ok && !ps.iter().any(|p| p.code == ProblemCode::FileType) {
                    ps.push(problem(lang, ProblemCode::FileType, &[t, "；可接受：", &u.types.join("、")], &[t, "; accepted: ", &u.types.join(", ")], Some(di), Some(&u.source)));
                }
            }
            if let (Some(max), Some(sz)) = (u.max_bytes, f.size) {
                if sz > max && !ps.iter().any(|p| p.code == ProblemCode::FileTooLarge) {
                    ps.push(problem(lang, ProblemCode::FileTooLarge, &[&digits(sz), " 字节，上限 ", &digits(max)], &[&digits(sz), " bytes; limit ", &digits(max)], Some(di), Some(&u.source)));
                }
            }
        }
    }
    (ps, unchecked, hints)
}

pub(super) fn materials(pack: &Pack, ctx: &Ctx<'_>, as_of: Date, lang: Lang) -> Vec<MaterialResult> {
    let mut out = Vec::with_capacity(pack.materials.len());
    for m in &pack.materials {
        let applies = ctx.applies(&m.diseases);
        if applies == Some(false) {
            continue;
        }
        let cond = match &m.when {
            None => Tri::Pass,
            Some(r) => ctx.rule(r, &mut Vec::new()),
        };
        if cond == Tri::Fail {
            continue;
        }
        let conditional = cond == Tri::Unknown || applies.is_none();
        let (required, requirement) = match (m.need, conditional) {
            (Need::MayBeRequired, _) => (false, Requirement::MayBeRequired),
            (_, true) => (false, Requirement::Conditional),
            (Need::Required, false) => (true, Requirement::Required),
            (Need::Usually, false) => (true, Requirement::UsuallyRequired),
        };
        let docs: Vec<(usize, &Document)> = ctx.facts.documents.iter().enumerate().filter(|(_, d)| d.kind == m.id).collect();
        let mut hints: Vec<Message> = Vec::new();
        let (status, problems) = if docs.is_empty() {
            if required {
                (MaterialStatus::Missing, vec![problem(lang, ProblemCode::Missing, &[], &[], None, Some(&m.source))])
            } else {
                (MaterialStatus::Missing, vec![])
            }
        } else {
            let reviews: Vec<(Vec<MaterialProblem>, bool, Vec<Message>)> =
                docs.iter().map(|(i, d)| review_doc(pack, m, d, *i, ctx.facts, as_of, lang)).collect();
            // Every paper is reviewed on its own: one bad paper among good
            // ones is still flagged (the person should replace or remove it).
            let mut all: Vec<MaterialProblem> = Vec::new();
            let mut unchecked = false;
            for (ps, u, hs) in reviews {
                unchecked |= u;
                for h in hs {
                    if !hints.iter().any(|x: &Message| x.message_en == h.message_en) {
                        hints.push(h);
                    }
                }
                for p in ps {
                    if !all.iter().any(|q| q.code == p.code && q.document == p.document) {
                        all.push(p);
                    }
                }
            }
            if !all.is_empty() {
                (MaterialStatus::Problem, all)
            } else if unchecked {
                (MaterialStatus::Unchecked, all)
            } else {
                (MaterialStatus::Ok, all)
            }
        };
        out.push(MaterialResult {
            id: m.id.clone(),
            name: lang.pick(&m.name.zh, &m.name.en).clone(),
            name_zh: m.name.zh.clone(),
            name_en: m.name.en.clone(),
            required,
            requirement,
            status,
            problems,
            detail: m.detail.as_ref().map(|t| Message::text(lang, t, &m.source)),
            window_months: m.window.as_ref().map(|w| w.months),
            window_source: m.window.as_ref().map(|w| w.source.clone()),
            window_from: m.window.as_ref().map(|w| w.counts_from),
            seal_accepts: m.seal.as_ref().map(|s| s.accepted()).unwrap_or_default(),
            must_be_signed: m.signed.is_some(),
            hints,
            source: m.source.clone(),
            cite: None,
        });
    }
    out
}

/// `sz` bytes in MiB with one decimal, as `format!("{:.1}", sz as f64 /
/// 1048576.0)` writes it (the exact value of that f64, ties to even), in
/// integers: the f64 formatter is not in the app's wasm for one message.
fn mib_tenths(sz: u64) -> String {
    // The f64 of `sz` (exact below 2^53, as the formatter saw it above).
    let n = (sz as f64) as u128 * 10;
    let (mut q, r) = (n >> 20, n & 0xF_FFFF);
    if r > 0x8_0000 || (r == 0x8_0000 && q % 2 == 1) {
        q += 1;
    }
    // At most 10 * 2^44 (u64::MAX's f64 is 2^64): a u64, whose formatter
    // the module has anyway (u128's is 1 KB more).
    let q = q as u64;
    format!("{}.{}", q / 10, q % 10)
}

#[cfg(test)]
mod tests {
    use super::mib_tenths;

    #[test]
    fn mib_tenths_matches_the_f64_formatter() {
        let mut sizes = vec![0, 1, 20 * 1024 * 1024 + 1, 52_428, 52_429, 104_857, 104_858, 157_286, 262_144, 786_432, u64::MAX, 1 << 53, (1 << 53) + 1, u64::MAX - 1];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            sizes.push(seed >> (seed % 40));
            // ties: sz * 10 = k * 2^20 + 2^19
            sizes.push(((seed % 1_000_000) * 1_048_576 + 524_288) / 10);
        }
        for sz in sizes {
            assert_eq!(mib_tenths(sz), format!("{:.1}", sz as f64 / (1024.0 * 1024.0)), "{sz}");
        }
    }
}
