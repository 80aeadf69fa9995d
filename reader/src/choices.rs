//! The LSTM's alternatives for each symbol of a line read, from Tesseract's
//! hOCR with `lstm_choice_mode` 2 (the same format from Debian's libtesseract
//! and from tesseract-wasm, but not the same alternatives: see
//! docs/bench-read-notes.md, 2026-12-02), and the dates they can spell.
//! A measuring tool (`eval --choices`): the reading does not use it; the
//! oracle found the true date among the first 3 choices on 17% of misses.
//!
//! Re-reading a crop gives the same best path: where a date's digits are
//! misread alike in every read, the second choice of a symbol is what the
//! engine itself doubted. [`dates_spelled`] lists the dates a line can spell
//! by taking, at each symbol, one of its first `k` choices, in one of the
//! printed forms (2025年9月30日, 2025-09-30, 2025.09.30, 2025/9/30).

use crate::date::days_in_month;
use crate::Today;

/// One symbol of the line: its choices, the most confident first, each
/// with the engine's confidence in 0..=1.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub choices: Vec<(char, f32)>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The symbols of a line's hOCR: each `lstm_choices_*` span one symbol,
/// its `choice_*` spans the alternatives (`x_confs` in percent). An hOCR
/// without choices (another `lstm_choice_mode`) gives no symbols.
pub fn parse_hocr(hocr: &str) -> Vec<Symbol> {
    let mut out: Vec<Symbol> = Vec::new();
    for part in hocr.split("<span ").skip(1) {
        let Some(close) = part.find('>') else { continue };
        let (attrs, rest) = (&part[..close], &part[close + 1..]);
        let id = attrs.split("id='").nth(1).and_then(|s| s.split('\'').next()).unwrap_or("");
        if id.starts_with("lstm_choices_") {
            out.push(Symbol { choices: Vec::new() });
        } else if id.starts_with("choice_") {
            let conf = attrs
                .split("x_confs ")
                .nth(1)
                .and_then(|s| s.split(['\'', ';']).next())
                .and_then(|s| s.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            let text = unescape(rest.split('<').next().unwrap_or(""));
            let mut cs = text.chars();
            if let (Some(c), None, Some(sym)) = (cs.next(), cs.next(), out.last_mut()) {
                sym.choices.push((c, (conf / 100.0).clamp(0.0, 1.0)));
            }
        }
    }
    for s in &mut out {
        s.choices.sort_by(|a, b| b.1.total_cmp(&a.1));
    }
    out
}

/// The best path: each symbol's first choice.
pub fn best_text(symbols: &[Symbol]) -> String {
    symbols.iter().filter_map(|s| s.choices.first().map(|c| c.0)).collect()
}

/// A date a line can spell, with the product of its symbols' confidences.
#[derive(Debug, Clone, PartialEq)]
pub struct Spelled {
    pub date: (i32, u32, u32),
    pub p: f32,
    /// The symbols it spans, and its text.
    pub start: usize,
    pub text: String,
}

/// A confidence under this counts as this (a choice listed at 0 is not impossible).
const FLOOR: f32 = 0.01;

#[derive(Clone, Copy)]
enum Slot {
    Digit,
    Lit(char),
}

fn templates() -> Vec<Vec<Slot>> {
    let mut out = Vec::new();
    let (d, y) = (Slot::Digit, [Slot::Digit; 4]);
    for (s1, s2, end) in [('年', '月', Some('日')), ('-', '-', None), ('.', '.', None), ('/', '/', None)] {
        for m in 1..=2 {
            for dd in 1..=2 {
                let mut t: Vec<Slot> = y.to_vec();
                t.push(Slot::Lit(s1));
                t.resize(t.len() + m, d);
                t.push(Slot::Lit(s2));
                t.resize(t.len() + dd, d);
                if let Some(e) = end {
                    t.push(Slot::Lit(e));
                }
                out.push(t);
            }
        }
    }
    out
}

fn top(s: &Symbol, k: usize) -> impl Iterator<Item = &(char, f32)> {
    s.choices.iter().take(k)
}

fn digit_first(s: Option<&Symbol>) -> bool {
    s.and_then(|s| s.choices.first()).is_some_and(|c| c.0.is_ascii_digit())
}

/// Every real date in 2000..=today that the symbols spell with one of each
/// symbol's first `k` choices, in a printed form, with its best spelling's
/// confidence; the most confident first, one entry per date. A date must
/// stand whole: no digit read first just before it or after it, and a
/// day of one digit not at the line's end (a box cut in a day of two).
pub fn dates_spelled(symbols: &[Symbol], k: usize, today: Today) -> Vec<Spelled> {
    let mut found: Vec<Spelled> = Vec::new();
    for t in templates() {
        if t.len() > symbols.len() {
            continue;
        }
        for start in 0..=symbols.len() - t.len() {
            let end = start + t.len();
            if (start > 0 && digit_first(symbols.get(start - 1))) || digit_first(symbols.get(end)) {
                continue;
            }
            let one_digit_day = matches!(t[t.len() - 2], Slot::Lit(_)) && matches!(t[t.len() - 1], Slot::Digit);
            if one_digit_day && end == symbols.len() {
                continue;
            }
            spell(&symbols[start..end], &t, k, today, start, &mut String::new(), 1.0, &mut found);
        }
    }
    found.sort_by(|a, b| b.p.total_cmp(&a.p));
    let mut seen = Vec::new();
    found.retain(|s| {
        let new = !seen.contains(&s.date);
        seen.push(s.date);
        new
    });
    found
}

#[allow(clippy::too_many_arguments)]
fn spell(syms: &[Symbol], t: &[Slot], k: usize, today: Today, start: usize, text: &mut String, p: f32, out: &mut Vec<Spelled>) {
    let i = text.chars().count();
    if i == t.len() {
        let nums: Vec<u32> = text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
        if let [y, m, d] = nums[..] {
            let (y, m, d) = (y as i32, m, d);
            let real = y >= 2000 && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) && (y, m, d) <= today;
            if real {
                out.push(Spelled { date: (y, m, d), p, start, text: text.clone() });
            }
        }
        return;
    }
    for &(c, cp) in top(&syms[i], k) {
        let fits = match t[i] {
            Slot::Digit => c.is_ascii_digit(),
            Slot::Lit(l) => c == l,
        };
        if fits {
            text.push(c);
            spell(syms, t, k, today, start, text, p * cp.max(FLOOR), out);
            text.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Today = (2026, 11, 30);

    /// A symbol per group: `"5"` one sure choice, `"6:0.6 0:0.3"` choices with confidences.
    fn line(spec: &[&str]) -> Vec<Symbol> {
        spec.iter()
            .map(|g| Symbol {
                choices: g
                    .split(' ')
                    .map(|c| match c.split_once(':') {
                        Some((ch, p)) => (ch.chars().next().unwrap(), p.parse().unwrap()),
                        None => (c.chars().next().unwrap(), 0.95),
                    })
                    .collect(),
            })
            .collect()
    }

    // The shape of Tesseract 5.3's hOCR with lstm_choice_mode 2 (cut from a
    // real read of a date line): a word of two symbols, then one of one.
    const HOCR: &str = "<span class='ocrx_word' id='word_1_4' title='bbox 1 2 3 4; x_wconf 96'>20
       <span class='ocrx_cinfo' id='lstm_choices_1_4_1'>
        <span class='ocrx_cinfo' id='choice_1_4_1' title='x_confs 94.98143'>2</span>
        <span class='ocrx_cinfo' id='choice_1_4_2' title='x_confs 0'>Z</span></span>
       <span class='ocrx_cinfo' id='lstm_choices_1_4_2'>
        <span class='ocrx_cinfo' id='choice_1_4_3' title='x_confs 64.45'>0</span>
        <span class='ocrx_cinfo' id='choice_1_4_4' title='x_confs 70.31'>&amp;</span></span>
      </span>
      <span class='ocrx_word' id='word_1_5' title='bbox 5 6 7 8; x_wconf 93'>年
       <span class='ocrx_cinfo' id='lstm_choices_1_5_1'>
        <span class='ocrx_cinfo' id='choice_1_5_1' title='x_confs 89.2'>年</span></span></span>";

    #[test]
    fn hocr_symbols_and_their_choices() {
        let cases: [(&str, &str, usize, Option<(char, u32)>); 3] = [
            // hOCR, best path, symbols, the second symbol's second choice
            (HOCR, "2&年", 3, Some(('0', 6445))),
            // without lstm_choice_mode there are no choice spans
            ("<span class='ocrx_word' id='word_1_1' title='bbox 0 0 9 9; x_wconf 90'>2025年</span>", "", 0, None),
            ("", "", 0, None),
        ];
        for (hocr, best, n, second) in cases {
            let s = parse_hocr(hocr);
            assert_eq!(best_text(&s), best);
            assert_eq!(s.len(), n);
            let got = s.get(1).and_then(|s| s.choices.get(1)).map(|&(c, p)| (c, (p * 1e4).round() as u32));
            assert_eq!(got, second);
        }
        // the choices are sorted, the most confident first
        assert_eq!(parse_hocr(HOCR)[1].choices[0].0, '&');
    }

    #[test]
    fn dates_spelled_by_the_choices() {
        type Case = (&'static [&'static str], usize, Option<(i32, u32, u32)>);
        let cases: [Case; 9] = [
            // the best path itself
            (&["2", "0", "2", "5", "年", "9", "月", "3", "0", "日"], 1, Some((2025, 9, 30))),
            // `2024/1672日` for 2024/10/2: a 0 and a slash second, reached at k = 2 only
            (&["2", "0", "2", "4", "/", "1", "6:0.6 0:0.3", "7:0.5 /:0.4", "2", "日"], 1, None),
            (&["2", "0", "2", "4", "/", "1", "6:0.6 0:0.3", "7:0.5 /:0.4", "2", "日"], 2, Some((2024, 10, 2))),
            // the choice needed is third: not at k = 2
            (&["2", "0", "2", "4", "-", "0", "5", "-", "2:0.5 Z:0.4 1:0.1", "8", "。"], 2, Some((2024, 5, 28))),
            (&["2", "0", "2", "4", "-", "0", "5", "-", "Z:0.5 Z:0.4 1:0.1", "8", "。"], 2, None),
            // a day of one digit at the line's end may be a box cut in a day of two
            (&["2", "0", "2", "5", "/", "9", "/", "3"], 3, None),
            // a digit read right after the day: the date does not stand whole
            (&["2", "0", "2", "5", "-", "0", "9", "-", "3", "0", "1"], 3, None),
            // after today: a misreading
            (&["2", "0", "2", "7", ".", "0", "1", ".", "0", "5", "。"], 3, None),
            // no real day: 2025-02-30
            (&["2", "0", "2", "5", "-", "0", "2", "-", "3", "0", "日"], 3, None),
        ];
        for (spec, k, want) in cases {
            let got = dates_spelled(&line(spec), k, TODAY);
            assert_eq!(got.first().map(|s| s.date), want, "{spec:?} at k = {k}");
        }
    }

    #[test]
    fn the_most_confident_spelling_comes_first() {
        // 2023年5月8日 or 2023年8月8日: the engine's own doubt, both listed
        let s = line(&["2", "0", "2", "3", "年", "5:0.55 8:0.45", "月", "8", "日"]);
        let got: Vec<(i32, u32, u32)> = dates_spelled(&s, 2, TODAY).iter().map(|s| s.date).collect();
        assert_eq!(got, [(2023, 5, 8), (2023, 8, 8)]);
    }
}
