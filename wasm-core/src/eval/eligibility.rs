//! Eligibility: the three-valued rules, the checks, and the interview
//! (the next question, phrased for a proxy).

use super::*;
use crate::pack::DISEASE_ID;
use crate::text::cat;


pub(super) fn fact_matches(f: FactValue<'_>, v: &Value) -> bool {
    match (f, v) {
        (FactValue::Bool(a), Value::Bool(b)) => a == *b,
        (FactValue::Int(a), Value::Number(n)) => n.as_i64() == Some(a),
        (FactValue::Str(a), Value::String(b)) => a == b,
        _ => false,
    }
}

pub(super) fn push_missing(m: &mut Vec<Str>, f: &Str) {
    if !m.iter().any(|x| x == f) {
        m.push(f.clone());
    }
}

pub(super) struct Ctx<'a> {
    pub(super) pack: &'a Pack,
    pub(super) facts: &'a Facts,
    pub(super) disease: Option<&'a DiseaseDef>,
}

impl Ctx<'_> {
    fn disease_given(&self) -> bool {
        self.facts.disease.id.is_some() || self.facts.disease.code.is_some()
    }

    pub(super) fn rule(&self, r: &Rule, missing: &mut Vec<Str>) -> Tri {
        let simple = |fact: &Str, missing: &mut Vec<Str>, test: &dyn Fn(FactValue<'_>) -> bool| {
            let f = self.facts.get(fact);
            if f == FactValue::Unknown {
                push_missing(missing, fact);
                Tri::Unknown
            } else if test(f) {
                Tri::Pass
            } else {
                Tri::Fail
            }
        };
        match r {
            Rule::Eq { fact, value } => simple(fact, missing, &|f| fact_matches(f, value)),
            Rule::In { fact, values } => simple(fact, missing, &|f| values.iter().any(|v| fact_matches(f, v))),
            Rule::AtLeast { fact, value } => simple(fact, missing, &|f| matches!(f, FactValue::Int(n) if n >= *value)),
            Rule::Prefix { fact, values } => {
                simple(fact, missing, &|f| matches!(f, FactValue::Str(s) if values.iter().any(|p| s.starts_with(p.as_str()))))
            }
            Rule::Any(rs) => {
                let mut local = Vec::new();
                let mut all_fail = true;
                for r in rs {
                    match self.rule(r, &mut local) {
                        Tri::Pass => return Tri::Pass,
                        Tri::Fail => {}
                        Tri::Unknown => all_fail = false,
                    }
                }
                if all_fail {
                    Tri::Fail
                } else {
                    local.iter().for_each(|f| push_missing(missing, f));
                    Tri::Unknown
                }
            }
            Rule::All(rs) => {
                // In order: once a part is unknown, the facts of the parts
                // after it are not asked yet (they matter only once it is
                // settled), though any of them failing still fails the whole.
                let mut local = Vec::new();
                let mut all_pass = true;
                for r in rs {
                    let mut mine = Vec::new();
                    match self.rule(r, &mut mine) {
                        Tri::Fail => return Tri::Fail,
                        Tri::Pass => {}
                        Tri::Unknown => {
                            if all_pass {
                                local.extend(mine);
                            }
                            all_pass = false
                        }
                    }
                }
                if all_pass {
                    Tri::Pass
                } else {
                    local.iter().for_each(|f| push_missing(missing, f));
                    Tri::Unknown
                }
            }
            Rule::DiseaseListed {} => {
                if !self.disease_given() {
                    push_missing(missing, &DISEASE_ID);
                    Tri::Unknown
                } else if self.disease.is_some() {
                    Tri::Pass
                } else if self.pack.catalogue.partial {
                    Tri::Unknown
                } else {
                    Tri::Fail
                }
            }
            Rule::DiseaseQualifier {} => {
                if !self.disease_given() {
                    push_missing(missing, &DISEASE_ID);
                    return Tri::Unknown;
                }
                match self.disease {
                    None => Tri::Unknown,
                    Some(d) => match &d.qualifier {
                        None => Tri::Pass,
                        Some(q) => self.rule(q, missing),
                    },
                }
            }
            Rule::Not(r) => match self.rule(r, missing) {
                Tri::Pass => Tri::Fail,
                Tri::Fail => Tri::Pass,
                Tri::Unknown => Tri::Unknown,
            },
            Rule::PolicyUnknown {} => Tri::Unknown,
            Rule::Given { fact, then, otherwise } => {
                if self.facts.get(fact) == FactValue::Unknown {
                    self.rule(otherwise, missing)
                } else {
                    self.rule(then, missing)
                }
            }
        }
    }

    pub(super) fn applies(&self, diseases: &Option<Vec<String>>) -> Option<bool> {
        match diseases {
            None => Some(true),
            Some(list) => match self.disease {
                Some(d) => Some(list.iter().any(|x| x == "*" || *x == d.id)),
                None if self.disease_given() => Some(false),
                None => None,
            },
        }
    }
}

pub(super) fn rule_fact_paths(r: &Rule, out: &mut Vec<Str>) {
    r.walk_facts(&mut |f| push_missing(out, f));
}

pub(super) fn check_result(ctx: &Ctx<'_>, c: &CheckDef, lang: Lang, missing: &mut Vec<Str>) -> CheckResult {
    let mut local = Vec::new();
    let outcome = ctx.rule(&c.rule, &mut local);
    if outcome == Tri::Unknown {
        local.iter().for_each(|f| push_missing(missing, f));
    }
    let t = match outcome {
        Tri::Pass => &c.pass,
        Tri::Fail => &c.fail,
        // Unknown with nothing to ask: the text is silent, say so.
        Tri::Unknown if local.is_empty() => c.silent.as_ref().unwrap_or(&c.unknown),
        Tri::Unknown => &c.unknown,
    };
    let (mut zh, mut en) = (t.zh.clone(), t.en.clone());
    if let (Rule::DiseaseQualifier {}, Some(d)) = (&c.rule, ctx.disease) {
        if let Some(q) = &d.qualifier_text {
            zh = cat(&[&zh, "（", &d.name.zh, "：", &q.zh, "）"]);
            en = cat(&[&en, " (", &d.name.en, ": ", &q.en, ")"]);
        }
    }
    let mut facts = Vec::new();
    rule_fact_paths(&c.rule, &mut facts);
    if let (Rule::DiseaseQualifier {}, Some(Some(q))) = (&c.rule, ctx.disease.map(|d| &d.qualifier)) {
        rule_fact_paths(q, &mut facts);
    }
    CheckResult {
        id: c.id.clone(),
        outcome,
        message: lang.pick(&zh, &en).clone(),
        message_zh: zh,
        message_en: en,
        source: c.source.clone(),
        cite: None,
        fact: facts.first().cloned(),
        facts,
    }
}

/// Eligibility alone (no calendar, no `as_of` needed).
pub fn eligibility(pack: &Pack, facts: &Facts, lang: Lang) -> Eligibility {
    let ctx = Ctx { pack, facts, disease: pack.disease(facts.disease.id.as_deref(), facts.disease.code.as_deref()) };
    let mut missing = Vec::new();
    let mut checks = Vec::with_capacity(pack.checks.len());
    for c in &pack.checks {
        if ctx.applies(&c.diseases) != Some(true) {
            continue;
        }
        checks.push(check_result(&ctx, c, lang, &mut missing));
    }
    let status = if checks.iter().any(|c| c.outcome == Tri::Fail) {
        Status::Ineligible
    } else if checks.is_empty() || checks.iter().any(|c| c.outcome == Tri::Unknown) {
        Status::Undetermined
    } else {
        Status::Eligible
    };
    if status == Status::Ineligible {
        // Nothing more is needed to decide.
        missing.clear();
    }
    Eligibility { status, checks, missing }
}

/// The most decisive missing fact's question; then, once nothing missing
/// can be asked and nothing has failed, a fact a check lets the person
/// state outright (a `given` rule's fact, still unknown); `None` when
/// eligibility is settled that way or nothing a person can answer would
/// settle it.
pub fn next_question(pack: &Pack, facts: &Facts) -> Option<Question> {
    let el = eligibility(pack, facts, Lang::Zh);
    if el.status == Status::Ineligible {
        return None;
    }
    let ctx = Ctx { pack, facts, disease: pack.disease(facts.disease.id.as_deref(), facts.disease.code.as_deref()) };
    // Facts to state, from the checks that apply, in pack order.
    let mut stated: Vec<&str> = Vec::new();
    for c in pack.checks.iter().filter(|c| ctx.applies(&c.diseases) == Some(true)) {
        c.rule.walk_stated(&mut |f| {
            if facts.get(f) == FactValue::Unknown && !stated.contains(&f) {
                stated.push(f);
            }
        });
    }
    let asked = el.missing.iter().map(|m| (m.as_str(), false)).chain(stated.iter().map(|f| (*f, true)));
    for (m, is_stated) in asked {
        if let Some(q) = pack.question_for(m) {
            let check = el
                .checks
                .iter()
                .find(|c| (is_stated || c.outcome == Tri::Unknown) && c.facts.iter().any(|f| f == m))
                .map(|c| c.id.to_string())
                .unwrap_or_default();
            let (text, why, options, proxy) = phrase(q, facts);
            return Some(Question {
                id: q.id.clone(),
                facts: q.facts.clone(),
                kind: q.kind,
                text,
                why,
                source: q.source.clone(),
                cite: pack.cite(&q.source),
                options,
                check,
                proxy,
            });
        }
    }
    None
}

/// What the proxy is to the applicant, as `proxy.relationship` says it:
/// a child (of the applicant), a parent, a spouse.
const KIN: [&[&str]; 3] = [
    &["child", "son", "daughter", "子女", "儿子", "女儿"],
    &["parent", "father", "mother", "父母", "父亲", "母亲"],
    &["spouse", "husband", "wife", "配偶", "丈夫", "妻子"],
];

/// How to name the applicant to the person filing for them: (`{who}` zh,
/// `{whose}` zh, `{who}` en, `{whose}` en). `proxy.relationship` is what
/// the proxy is to the applicant (contract: the agent's relationship to
/// the principal): a `child` files for a parent, so the applicant is
/// 您父亲 / 您母亲 by the sex in the applicant's ID number. Unknown: TA.
pub fn proxy_names(facts: &Facts) -> [String; 4] {
    use crate::idcard::Sex;
    let sex = facts.applicant.id_number.as_ref().map(|n| n.sex);
    // ASCII lowercasing: for these words it is the same as Unicode's
    // `to_lowercase` (tested over every char below) and keeps Unicode's
    // case tables (~25 KB raw) out of the app's wasm.
    let rel = facts.proxy.as_ref().and_then(|p| p.relationship.as_deref()).unwrap_or("").trim().to_ascii_lowercase();
    let kin = KIN.iter().position(|words| words.contains(&rel.as_str()));
    let (zh, en): (&str, &str) = match (kin, sex) {
        (Some(0), Some(Sex::Male)) => ("您父亲", "your father"),
        (Some(0), Some(Sex::Female)) => ("您母亲", "your mother"),
        (Some(0), None) => ("您的父母", "your parent"),
        (Some(1), Some(Sex::Male)) => ("您儿子", "your son"),
        (Some(1), Some(Sex::Female)) => ("您女儿", "your daughter"),
        (Some(1), None) => ("您的孩子", "your child"),
        (Some(_), Some(Sex::Male)) => ("您丈夫", "your husband"),
        (Some(_), Some(Sex::Female)) => ("您妻子", "your wife"),
        (Some(_), None) => ("您的配偶", "your spouse"),
        _ => ("TA", "the person you are filing for"),
    };
    let whose_en = if en.starts_with("your ") { format!("{en}'s") } else { "their".to_string() };
    [zh.to_string(), format!("{zh}的"), en.to_string(), whose_en]
}

fn fill(t: &Text, names: &[String; 4]) -> Text {
    let en = t.en.replace("{whose}", &names[3]).replace("{who}", &names[2]);
    // A sentence that starts with the template starts with a capital.
    let en = match en.strip_prefix("your ").or_else(|| en.strip_prefix("the ")).or_else(|| en.strip_prefix("their ")) {
        Some(_) => {
            let mut c = en.chars();
            // `f` is the y or t of the prefix: ASCII uppercasing is Unicode's.
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        }
        None => en,
    };
    Text { zh: t.zh.replace("{whose}", &names[1]).replace("{who}", &names[0]).into(), en: en.into() }
}

/// A question as the person answering reads it: in a proxy filing (the
/// facts carry `proxy`), the pack's proxy form with the person named;
/// otherwise as written. Returns (text, why, options, proxy?).
pub fn phrase(q: &crate::pack::QuestionDef, facts: &Facts) -> (Text, Text, Vec<AnswerOption>, bool) {
    match (&q.proxy, &facts.proxy) {
        (Some(pf), Some(_)) => {
            let names = proxy_names(facts);
            let options = q
                .options
                .iter()
                .map(|o| AnswerOption { label: pf.labels.get(&o.id).map_or_else(|| o.label.clone(), |l| fill(l, &names)), ..o.clone() })
                .collect();
            (fill(&pf.text, &names), pf.why.as_ref().map_or_else(|| q.why.clone(), |w| fill(w, &names)), options, true)
        }
        _ => (q.text.clone(), q.why.clone(), q.options.clone(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::KIN;

    /// `proxy_names` lowercases with `to_ascii_lowercase`; it must match
    /// exactly the strings Unicode's `to_lowercase` would. A char whose
    /// Unicode lowercase differs from its ASCII one is not in the words and
    /// lowercases to at least one char that is not either, and the words'
    /// non-ASCII chars have no case, so a string matches a word under one
    /// lowercasing iff under the other.
    #[test]
    fn ascii_lowercase_matches_the_kin_words_as_unicode_lowercase_does() {
        let word_chars: Vec<char> = KIN.iter().flat_map(|w| w.iter()).flat_map(|w| w.chars()).collect();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let uni: String = c.to_lowercase().collect();
            if uni != c.to_ascii_lowercase().to_string() {
                // Never part of a word under either lowercasing.
                assert!(!word_chars.contains(&c), "{c:?}");
                assert!(!uni.chars().all(|l| word_chars.contains(&l)), "{c:?} lowercases to {uni:?}");
            }
        }
        for &w in KIN.iter().flat_map(|w| w.iter()) {
            assert_eq!(w.to_lowercase(), w.to_ascii_lowercase());
            assert_eq!(w.to_uppercase().to_lowercase(), w.to_uppercase().to_ascii_lowercase(), "{w}");
        }
        // And on some strings, the two lowercasings pick the same word.
        for s in ["CHILD", "Son", "dAUGHTER", "ＣＨＩＬＤ", "\u{212A}id", "İ", "子女", "Σ", "WIFE", "wiFe "] {
            let pick = |l: String| KIN.iter().position(|w| w.contains(&l.as_str()));
            assert_eq!(pick(s.to_lowercase()), pick(s.to_ascii_lowercase()), "{s}");
        }
    }
}
