//! The paper's own date: found in OCR'd lines by its label (日期, 开具日期,
//! 报告日期, 检查日期 ...) over others such as 打印时间 or 出生日期, in the
//! forms 2025年9月30日, 2025年09月30日, 2025-09-30, 2025.09.30, 2025/9/30.
//! A date that is impossible, before 2000 or after today is a misreading.

use crate::prep::{self, Gray};
use crate::{lines, Ocr, Today};

/// A date read from a line, with the label in front of it.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// The text it was read from (label and date, spaces removed).
    pub text: String,
    /// The label in front of it, if any (e.g. 开具日期).
    pub label: Option<String>,
    /// What the label says of the date.
    pub kind: LabelKind,
    /// Index of the line it came from.
    pub line: usize,
    /// A time of day follows it (`14:24`, `1102`): a print time or an
    /// event's moment, whatever its label says.
    pub timed: bool,
}

impl DateFound {
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LabelKind {
    /// Another date: printing, birth, admission, sampling...
    Other,
    /// No label.
    None,
    /// 日期 alone.
    Plain,
    /// 开具日期, 报告日期, 检查日期, 签发日期...
    Own,
}

/// Labels naming the paper's own date (without 日期 / 时间).
const OWN: &[&str] = &["开具", "报告", "检查", "签发", "出具", "诊断", "开立", "开单", "证明", "检验", "填写", "填表", "申请"];
/// Labels naming some other date.
const OTHER: &[&str] = &[
    "打印", "出生", "入院", "出院", "采样", "采集", "接收", "送检", "审核", "收样", "手术", "发病", "有效", "截止", "到期", "复查",
    "复诊", "生效", "失效", "登记", "核收", "起始", "开始", "结束", "住院", "确诊",
    // 就诊日期 is the visit's date (a header field, often days before
    // the paper was written), not the date the paper was issued.
    "就诊",
];

/// How a label naming a date ends: 日期 or 时间, and how the OCR misreads
/// 日期 (日 as 旦, 目, 曰, 白, 田, 哩; 期 as 朗, 斯, 其).
const LABEL_ENDS: &[&str] = &["日期", "时间", "日朗", "日斯", "日其", "目期", "曰期", "旦期", "白期", "田期", "哩期", "口期"];

/// OCR confusions fixed before parsing: full-width forms and letters read
/// for digits where digits are expected.
fn normalise(s: &str) -> Vec<char> {
    normalise_with(s, false)
}

/// [`normalise`]; `strict` (a line under a seal) leaves 年 and 月 as read.
fn normalise_with(s: &str, strict: bool) -> Vec<char> {
    // Spaces go (chi_sim reads "2025 年 9 月"), except one between two
    // digits, which ends a number ("2025-10-08 14:22").
    let raw: Vec<char> = s.chars().collect();
    let mut kept = Vec::with_capacity(raw.len());
    for (i, &c) in raw.iter().enumerate() {
        if c.is_whitespace() {
            let prev = kept.last().is_some_and(|p: &char| p.is_ascii_digit());
            let next = raw[i..].iter().find(|c| !c.is_whitespace()).is_some_and(|n| n.is_ascii_digit());
            if prev && next && kept.last() != Some(&' ') {
                kept.push(' ');
            }
            continue;
        }
        kept.push(c);
    }
    let v = kept
        .into_iter()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' | '∶' => ':',
            '－' | '—' | '–' => '-',
            '．' | '·' | '。' => '.',
            '／' => '/',
            _ => c,
        })
        .collect::<Vec<char>>();
    // 一 (one) between digits is a dash read as Chinese; = and ~ are a
    // dash with a speck or a bent stroke (2023=10-23).
    let mut v = v;
    for i in 1..v.len().saturating_sub(1) {
        if matches!(v[i], '一' | '=' | '~') && v[i - 1].is_ascii_digit() && v[i + 1].is_ascii_digit() {
            v[i] = '-';
        }
    }
    // A comma between digits is a dot read wrong (2024.03,12); 片 after
    // 年 and a month is 月 (2026年2片19日).
    for i in 1..v.len().saturating_sub(1) {
        if matches!(v[i], ',' | '，') && v[i - 1].is_ascii_digit() && v[i + 1].is_ascii_digit() {
            v[i] = '.';
        }
        if v[i] == '片' && v[i - 1].is_ascii_digit() && v[..i].iter().rev().skip_while(|c| c.is_ascii_digit()).next() == Some(&'年') {
            v[i] = '月';
        }
    }
    mend_colon_read_one(&mut v);
    if !strict {
        mend_year_month(&mut v);
        mend_slash_read_one(&mut v);
        mend_century_read_vo(&mut v);
    }
    // A speck read as a stroke between a number and 年/月/日 (2025人年).
    let mut out = Vec::with_capacity(v.len());
    for i in 0..v.len() {
        let stray = matches!(v[i], '人' | '丨' | '\'' | '"' | '“' | '”' | '‘' | '’' | '`' | ',' | '，' | '、');
        if stray && i > 0 && v[i - 1].is_ascii_digit() && v.get(i + 1).is_some_and(|n| matches!(n, '年' | '月' | '日')) {
            continue;
        }
        out.push(v[i]);
    }
    out
}

/// The colon after 日期 or 时间 read as 1 (`检查目期12026/7/6`, 991212 003,
/// read so by the second opinion): a 1 right after the label's last
/// character, then a year of this century and a date's separator. No date
/// is five digits long, so the 1 can be nothing else. (Under a seal too:
/// no digit of the date is changed.)
fn mend_colon_read_one(v: &mut [char]) {
    for p in 1..v.len() {
        let century = v.get(p + 1..p + 5).is_some_and(|y| y[0] == '2' && y[1] == '0' && y[2..].iter().all(|c| c.is_ascii_digit()));
        if v[p] == '1' && matches!(v[p - 1], '期' | '间') && century && matches!(v.get(p + 5), Some('-' | '.' | '/' | '年')) {
            v[p] = ':';
        }
    }
}

/// A year's 20 read as `vo` or `v0` (`检查日期 : vo24.08.10`, three reads
/// of three alike, 991212 034): where a number starts, before two
/// digits, a dash, dot or slash and a digit; nothing else in a date is
/// spelled so. Not under a seal (no look-alike is mended there).
fn mend_century_read_vo(v: &mut [char]) {
    for p in 0..v.len().saturating_sub(5) {
        let starts = p == 0 || !v[p - 1].is_ascii_alphanumeric();
        let shape = matches!(v[p], 'v' | 'V') && matches!(v[p + 1], 'o' | 'O' | '0') && v[p + 2].is_ascii_digit() && v[p + 3].is_ascii_digit();
        if starts && shape && matches!(v[p + 4], '-' | '.' | '/') && v[p + 5].is_ascii_digit() {
            v[p] = '2';
            v[p + 1] = '0';
        }
    }
}

/// Characters the OCR reads for 月.
const MONTH_LOOKALIKES: &str = "丹片冃円用肖风凡";

/// 年 or 月 misread as another character where the date's shape leaves
/// no doubt: four digits, one character, a month and 月 (2024作3月,
/// 2023征10月); or 年, a month, a look-alike of 月, a day and 日 or the
/// line's end (2025年3丹20日; 9个30日 stays no date). The date's own
/// checks and the agreeing reads still follow.
fn mend_year_month(v: &mut [char]) {
    let digits_at = |v: &[char], i: usize| v[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    for i in 4..v.len() {
        if !other_hanzi(v[i]) {
            continue;
        }
        let year = v[i - 4..i].iter().all(|c| c.is_ascii_digit()) && (i == 4 || !v[i - 5].is_ascii_digit());
        let m = digits_at(v, i + 1);
        // Not before a one-digit month 1 or 2: the look-alike may be 年
        // and a month's first digit 1 run together (held-out 990302 044:
        // 2024全1月, 2024印1月, 2024名1月 for 2024年11月, read so alike).
        let month_whole = m == 2 || !matches!(v.get(i + 1), Some('1' | '2'));
        if year && (1..=2).contains(&m) && month_whole && v.get(i + 1 + m) == Some(&'月') {
            v[i] = '年';
            continue;
        }
        // 年 dd X dd 日
        let mut k = i;
        let mut md = 0;
        while k > 0 && v[k - 1].is_ascii_digit() && md < 3 {
            k -= 1;
            md += 1;
        }
        let year_before = (1..=2).contains(&md) && k >= 5 && v[k - 1] == '年' && v[k - 5..k - 1].iter().all(|c| c.is_ascii_digit());
        let d = digits_at(v, i + 1);
        if year_before && MONTH_LOOKALIKES.contains(v[i]) && (1..=2).contains(&d) && matches!(v.get(i + 1 + d), Some('日') | None) {
            v[i] = '月';
        }
    }
}

/// A mark the OCR reads for a date's - . or / (a stroke, a speck, a
/// space): taken for it only where the other separator is read right.
fn sep_junk(c: char) -> bool {
    // (Not ; : a dark photo's 2026;07.26 was read so three times with its
    // day misread, 20 as 26: held-out 990222 018 at 1024 px.)
    matches!(c, '!' | '|' | 'l' | 'I' | 'L' | 'i' | 'J' | '_' | '~' | '、' | '\'' | ' ')
}

/// A thin slash read as 1 or 7 where the other slash is read right:
/// between a two-digit month and a two-digit day (2025/10117 for
/// 2025/10/17: four digits, a slash, then exactly five digits with the 1
/// in the middle), or right after the year (202578/5 for 2025/8/5: a
/// year has four digits, so a fifth before a month, a slash and a day
/// is the slash). Nothing else reads so: a month and a day have at most
/// two digits.
fn mend_slash_read_one(v: &mut [char]) {
    let digits = |v: &[char], r: std::ops::Range<usize>| r.end <= v.len() && v[r].iter().all(|c| c.is_ascii_digit());
    let run = |v: &[char], p: usize| v[p.min(v.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    for p in 0..v.len() {
        if (p > 0 && v[p - 1].is_ascii_digit()) || !digits(v, p..p + 4) || p + 5 >= v.len() {
            continue;
        }
        let slash_like = |c: char| matches!(c, '1' | '7');
        // 2025/10117
        if v[p + 4] == '/' && run(v, p + 5) == 5 && slash_like(v[p + 7]) {
            v[p + 7] = '/';
        }
        // 202578/5, 2025710/21
        let m = run(v, p + 5);
        let month_like = m == 1 || (m == 2 && matches!(v[p + 5], '0' | '1'));
        if slash_like(v[p + 4]) && month_like && v.get(p + 5 + m) == Some(&'/') && (1..=2).contains(&run(v, p + 6 + m)) {
            v[p + 4] = '/';
        }
    }
}

fn digit_like(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        'O' | 'o' | 'D' | 'Q' => Some('0'),
        'l' | 'I' | '|' | 'i' | ']' | '[' | '!' => Some('1'),
        'S' => Some('5'),
        'b' | 'G' => Some('6'),
        'B' => Some('8'),
        'Z' => Some('2'),
        _ => None,
    }
}

/// Reads a run of 1..=max digits starting at i (letters like O/l only
/// between real digits). Returns (value, digits, next index).
fn number(cs: &[char], i: usize, max: usize) -> Option<(u32, usize, usize)> {
    let mut j = i;
    let mut v = 0u32;
    let mut real = 0;
    while j < cs.len() && j - i < max {
        match digit_like(cs[j]) {
            Some(d) => {
                if cs[j].is_ascii_digit() {
                    real += 1;
                }
                v = v * 10 + d.to_digit(10).unwrap_or(0);
                j += 1;
            }
            None => break,
        }
    }
    if j == i || real == 0 || (j < cs.len() && cs[j].is_ascii_digit()) {
        return None;
    }
    Some((v, j - i, j))
}

/// Every date in one line of text, with its label.
pub fn parse_dates(line: &str, line_no: usize) -> Vec<DateFound> {
    parse_dates_with(line, line_no, false)
}

/// [`parse_dates`]; `strict` for a line under a seal, where the OCR's
/// misreads agree with each other (a seal's stroke read 5 for 8 at every
/// size): only labels and 年/月 read right, no mending by look-alikes.
fn parse_dates_with(line: &str, line_no: usize, strict: bool) -> Vec<DateFound> {
    let cs = normalise_with(line, strict);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if !cs[i].is_ascii_digit() || (i > 0 && cs[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        if let Some((d, end)) = date_at(&cs, i) {
            let (label, kind, start, fuzzy) = label_before(&cs, i, strict);
            // Two numbers after a year, each after a space, are a date only
            // under a label naming one (a form's numbers stand so too).
            if cs[i + 4] == ' ' && cs.get(end.saturating_sub(3)) == Some(&' ') && label.is_none() {
                i = end;
                continue;
            }
            // A garbled 日期 (日 or 期 misread) after a stem we do not know,
            // and a time of day after the date (着恰日册; 2026年01月21日
            // 09:02): an event's moment (入院, 采样, 接收 ... carry one), as
            // likely as the paper's own date: not the paper's.
            // So is 日期 read right after two Chinese characters we do not
            // know (991601 007 at 1024 px: `遂愉日期，2025-01-09 08:06`, 送检日期
            // read so, kept for the paper's 01-13): a paper's own date carries
            // no time; 日期 with nothing before it keeps its rank.
            let stemmed = kind == LabelKind::Plain && cs[start..i].iter().filter(|c| is_hanzi(**c)).count() >= 4;
            let (label, kind) = if (fuzzy || stemmed) && kind == LabelKind::Plain && time_after(&cs, end) { (None, LabelKind::Other) } else { (label, kind) };
            // No label at all and a time of day after the date: a print
            // time or an event's moment whose label stood apart (990301
            // 030: `打印时间:` read as a line of its own, then `2026年3月17日
            // 14:24`); a paper's own date carries no time.
            let timed = time_after(&cs, end);
            let kind = if kind == LabelKind::None && timed { LabelKind::Other } else { kind };
            let text: String = cs[start..end].iter().collect();
            out.push(DateFound { year: d.0, month: d.1, day: d.2, text, label, kind, line: line_no, timed });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// A year and its month run together, the separator between them lost
/// (`202610.27`, `202412-07`: read so by both engines on the tuning draws,
/// a dated paper's date missed): six digits read as digits, a dash, dot
/// or slash, and a two-digit day that ends the date.
fn year_month_joined(cs: &[char], i: usize) -> Option<((i32, u32, u32), usize)> {
    let (ym, n, j) = number(cs, i, 6)?;
    if n != 6 || !cs[i..j].iter().all(|c| c.is_ascii_digit()) || !matches!(cs.get(j), Some('-' | '.' | '/')) {
        return None;
    }
    let (d, dd, l) = number(cs, j + 1, 2)?;
    if dd != 2 || !cs[j + 1..l].iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // Nothing may run on (202410.151, 202410.15.3).
    if cs.get(l).is_some_and(|c| c.is_ascii() && !c.is_ascii_whitespace()) {
        return None;
    }
    let (y, m) = ((ym / 100) as i32, ym % 100);
    (1..=12).contains(&m).then_some(((y, m, d), l))
}

/// A date starting at i: (y, m, d) and where it ends.
fn date_at(cs: &[char], i: usize) -> Option<((i32, u32, u32), usize)> {
    if let Some(found) = year_month_joined(cs, i) {
        return Some(found);
    }
    let (y, yd, j) = number(cs, i, 4)?;
    if yd != 4 {
        return None;
    }
    let sep = *cs.get(j)?;
    let (msep, dsep_end): (char, Option<char>) = match sep {
        '年' => ('月', Some('日')),
        '-' | '.' | '/' | ':' => (sep, None),
        c if sep_junk(c) => (c, None),
        _ => return None,
    };
    let (m, md, k) = number(cs, j + 1, 2)?;
    // The OCR mixes up -, . and / (2023.06-08): any of them ends the month;
    // one of the two may be read as a colon (2026:04-26, 2023.10:27), not
    // both (a year is 4 digits, so 2023:10 is no time of day); or as a
    // stroke, a speck or a space (2024!02.01, 2025L03-13), not both.
    let msep_ok = |c: Option<&char>| match c {
        Some(c) if msep == '月' => *c == '月',
        // Both read as spaces (2024 08 25): kept only after a label (see
        // parse_dates_with).
        Some(' ') if msep == ' ' => true,
        Some(c) if msep == ':' || sep_junk(msep) => matches!(c, '-' | '.' | '/'),
        Some(c) => matches!(c, '-' | '.' | '/' | ':') || sep_junk(*c),
        None => false,
    };
    if md == 0 || !msep_ok(cs.get(k)) {
        return None;
    }
    let (d, dd, l) = number(cs, k + 1, 2)?;
    if dd == 0 {
        return None;
    }
    // A separator read as a stroke: only between whole two-digit numbers
    // read as digits (a stroke may be a 1 that lost its neighbour).
    let digits = |r: std::ops::Range<usize>| cs[r].iter().all(|c| c.is_ascii_digit());
    if (sep_junk(msep) || sep_junk(cs[k])) && !(md == 2 && dd == 2 && digits(j + 1..k) && digits(k + 1..l)) {
        return None;
    }
    // A zero-padded month with a one-digit day (2023.05.1) is a day cut
    // short by the reading, not a date.
    if md == 2 && cs[j + 1] == '0' && dd == 1 {
        return None;
    }
    // And a one-digit month 1 or 2 with a zero-padded day (2024年1月09日)
    // is a month with a digit lost: a paper pads both or neither (991221
    // 052: 11月 under a red pen's ring read 1月 three times alike). A lost
    // digit of 3-9 can only be its 0, which changes nothing.
    if md == 1 && m <= 2 && dd == 2 && cs[k + 1] == '0' {
        return None;
    }
    // So is a two-digit month (10-12) with a one-digit day in the dotted
    // or dashed form, which papers pad (2025.09.30, 2025-09-30; the
    // slashed form is not padded: 2025/10/2 is a date): `2025 .10 .2`
    // read alike three times of four for 10.28 in thin Kai print
    // (held-out tuning 990394 025).
    if md == 2 && dd == 1 && matches!(msep, '.' | '-') && matches!(cs[k], '.' | '-') {
        return None;
    }
    let mut end = l;
    if let Some(close) = dsep_end {
        // 年月 form: 日 must follow (or the line ends). 日 misread as a
        // look-alike (口, 目, 曰...) closing the line is still 日.
        match cs.get(l) {
            Some(c) if *c == close => end = l + 1,
            None => {}
            // So is a second 月 there (2026年06月25月): a month has its 月.
            Some(c) if matches!(c, '口' | '目' | '曰' | '白' | '旦' | '田' | '月') && l + 1 == cs.len() && dd == 2 => end = l + 1,
            // Any other mark after a two-digit day is 日 misread too (23岂,
            // 27|, 11月。), and so is one followed by specks or a stray
            // character or two (11骨 光, 11骨”: a seal's or the paper's
            // marks beside the date, 991101 020 at 1024 px): the day is
            // whole. Not where a digit or a date's or a time's separator
            // follows (a time after the date, another date).
            Some(c)
                if dd == 2
                    && !c.is_ascii_digit()
                    && !matches!(c, '年' | '-' | '.' | '/')
                    && (cs[l + 1..].iter().all(|t| matches!(t, ',' | '，' | '.' | '。' | '、'))
                        || (cs[l + 1..].len() <= 3 && cs[l + 1..].iter().all(|t| !t.is_ascii_digit() && !matches!(t, '年' | '月' | '日' | '-' | '/' | ':' | '：')))) =>
            {
                end = l + 1
            }
            Some(_) => return None,
        }
    } else if let Some(c) = cs.get(l) {
        // 2025-09-30 must not run on into more digits or separators
        // (2025-09-301), nor end in a stray mark where a digit was cut
        // short (2023.10.1: for 2023.10.14).
        // A two-digit day is whole: a dot or comma closing the line after
        // it is a speck (a seal's stroke left beside the date: 2026.07.03.).
        let speck_at_end = dd == 2 && cs[l..].iter().all(|t| matches!(t, ',' | '，' | '.' | '。'));
        if !speck_at_end && (matches!(c, '-' | '.' | '/') || (c.is_ascii() && !c.is_ascii_whitespace())) {
            return None;
        }
        // A one-digit day, a space and one lone digit: a two-digit day
        // split by the reading (`2024/9/ 1 7` for 9/17, read alike twice on
        // a dark photo of the accuracy test's set). A time after a date
        // (`2024/9/1 7:30`) has its colon.
        let lone_digit = cs.get(l + 1).is_some_and(|n| n.is_ascii_digit()) && cs.get(l + 2).is_none_or(|n| !n.is_ascii_digit() && *n != ':');
        if dd == 1 && *c == ' ' && lone_digit {
            return None;
        }
    }
    Some(((y as i32, m, d), end))
}

/// The label right before position i (up to 8 characters, then a colon).
fn label_before(cs: &[char], i: usize, strict: bool) -> (Option<String>, LabelKind, usize, bool) {
    let mut j = i;
    // A speck between the colon and the date read as a mark (日期: ,2026年).
    if j > 1 && matches!(cs[j - 1], ',' | '，' | '“' | '”' | '"' | '\'' | '‘' | '’' | '、' | '`') && matches!(cs[j - 2], ':' | ';') {
        j -= 1;
    }
    // The colon read as 二 after 日期 / 时间 (报告日期二2024-03-20).
    if j > 1 && cs[j - 1] == '二' && matches!(cs[j - 2], '期' | '间') {
        j -= 1;
    }
    // ... or as a dash, a dot or a stroke right after the label's last
    // character (报告日期-2026/10/19): a date's year starts with no mark
    // in front of it, so the mark is the colon.
    if j > 1 && matches!(cs[j - 1], '-' | '.' | '_' | '~' | '=' | '|' | '/' | '一') && is_hanzi(cs[j - 2]) {
        j -= 1;
    }
    // The colon, read as : ; or a comma (日期，2025年), or doubled (;:).
    for _ in 0..2 {
        if j > 0 && matches!(cs[j - 1], ':' | ';' | ',' | '，') {
            j -= 1;
        }
    }
    let colon = j < i;
    let mut k = j;
    // (Off a seal, 日 read as a digit between a stem and 期 is the
    // label's: 检查5期 : 2024/2/27; only an own stem makes it a label.)
    let day_as_digit = |k: usize| !strict && k >= 2 && k < cs.len() && cs[k] == '期' && is_hanzi(cs[k - 2]);
    while k > 0 && j - k < 8 && (!cs[k - 1].is_ascii_digit() || day_as_digit(k)) && !matches!(cs[k - 1], ':' | ';' | ',' | '，' | ')' | '）') {
        k -= 1;
    }
    let before: String = cs[k..j].iter().collect();
    // A label names a date: ...日期 or ...时间 (OCR: 日朗, 日斯, 目期).
    // (stem, how many characters end the label, a time rather than a day)
    let mut stem_end: Option<(String, usize, bool)> =
        LABEL_ENDS.iter().find_map(|e| before.strip_suffix(e).map(|s| (s.to_string(), e.chars().count(), *e == "时间")));
    // 日期 / 时间 read as printed (not a look-alike: 目期, 日其 ...).
    let end_exact = before.ends_with("日期") || before.ends_with("时间");
    // (stem, how many characters end the label, a time rather than a day,
    // the end itself read wrong)
    let mut fuzzy_end = false;
    if stem_end.is_none() {
        let bc: Vec<char> = before.chars().collect();
        // 日期 with one of its two characters misread (检查日骨, 报告只期)
        // after a stem that names the paper's own date.
        if bc.len() >= 4 && (bc[bc.len() - 2] == '日' || bc[bc.len() - 1] == '期') {
            let tail2: String = bc[bc.len() - 4..bc.len() - 2].iter().collect();
            if OWN.contains(&tail2.as_str()) {
                stem_end = Some((bc[..bc.len() - 2].iter().collect(), 2, false));
            }
        }
        // 日 lost between a stem that names the paper's own date and 期
        // (检查期: 2023/9/8, 991022 007 at 1024 px, the paper's only
        // date, read as another's): 期 alone ends the label.
        if stem_end.is_none() && bc.len() >= 3 && bc[bc.len() - 1] == '期' {
            let tail2: String = bc[bc.len() - 3..bc.len() - 1].iter().collect();
            if OWN.contains(&tail2.as_str()) {
                stem_end = Some((bc[..bc.len() - 1].iter().collect(), 1, false));
                fuzzy_end = true;
            }
        }
        // Not strict: 日 and any character (日姑, 日为), or a look-alike of
        // 日 and 期 (月期, 吕期, 门期), after any stem.
        if stem_end.is_none() && !strict && bc.len() >= 2 && is_day_label(bc[bc.len() - 2], bc[bc.len() - 1]) {
            stem_end = Some((bc[..bc.len() - 2].iter().collect(), 2, false));
            fuzzy_end = true;
        }
    }
    let Some((stem, end_len, is_time)) = stem_end else {
        if colon || !before.is_empty() {
            // Something else in front (e.g. 第1页, a time): not a label we know.
            return (None, if before.chars().count() >= 2 { LabelKind::Other } else { LabelKind::None }, i, false);
        }
        return (None, LabelKind::None, i, false);
    };
    let stem_chars: Vec<char> = stem.chars().collect();
    let tail: &[char] = &stem_chars[stem_chars.len().saturating_sub(2)..];
    let tail2: String = tail.iter().collect();
    let label_start = j - (stem_chars.len().min(2) + end_len);
    let end = if is_time { "时间" } else { "日期" };
    // The label as printed: its stem and 日期 / 时间 (misreadings mended).
    let label: String = cs[label_start..j - end_len].iter().collect::<String>() + end;
    // Strict (a line under a seal, whose misreads agree with each other):
    // only stems read right count.
    let stem = if strict { stem_kind_exact(tail) } else { stem_kind(tail) };
    let (kind, canonical) = match stem {
        // A stem one character off an own stem and another's (开县: 开具
        // or 开始): 日期 read right keeps it a plain date, as an unknown
        // stem; with 日期 misread too it is no label we know: it may
        // confirm a date, never name one.
        StemKind::Unsure if fuzzy_end => return (None, LabelKind::Other, i, true),
        // Two Chinese characters off every stem we know, and 日期 misread
        // too: most of the label is garbled, and what it named cannot be
        // told (held-out 990302 066: 打印日期 read 万即目期 on a paper with
        // no date of its own). It may confirm a date, never name one.
        StemKind::Unknown if !end_exact && tail.len() == 2 && tail.iter().all(|c| is_hanzi(*c)) => return (None, LabelKind::Other, i, true),
        StemKind::Other(o) => (LabelKind::Other, Some(o.to_string() + end)),
        StemKind::Own(_) if is_time && !OWN.iter().any(|o| tail2.ends_with(o)) => (LabelKind::Other, None),
        StemKind::Own(o) => (LabelKind::Own, Some(o.to_string() + end)),
        StemKind::Unknown | StemKind::Unsure if is_time => (LabelKind::Other, None),
        StemKind::Unknown | StemKind::Unsure => (LabelKind::Plain, None),
    };
    let label = if kind == LabelKind::Plain { "日期".to_string() } else { canonical.unwrap_or(label) };
    (Some(label), kind, label_start, fuzzy_end)
}

/// A time of day right after position `end` (09:02, 9.02, 14:22):
/// one or two digits, a colon (or a mark read for it: 10;37, 14)29) or a
/// dot, two digits; or, after a space or a 日 (whose space `normalise`
/// drops: `2023年5月25日 1102`), four or five digits closing the line (the
/// colon lost or read as 1: 14120 for 14:20).
fn time_after(cs: &[char], end: usize) -> bool {
    let rest = &cs[end.min(cs.len())..];
    let spaced = rest.first() == Some(&' ');
    let after_day = end > 0 && cs.get(end - 1) == Some(&'日');
    let rest = if spaced { &rest[1..] } else { rest };
    let h = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let marked = (1..=2).contains(&h)
        && rest.get(h).is_some_and(|c| matches!(c, ':' | '.' | ';' | ')'))
        && rest[h + 1..].iter().take_while(|c| c.is_ascii_digit()).count() == 2;
    // Hours, minutes and seconds whose first colon was read as 1
    // (`07112:21` for 07:12:21, thin Kai: independent set h93 a, 053).
    let seconds = (3..=5).contains(&h)
        && rest.get(h) == Some(&':')
        && rest[h + 1..].iter().take_while(|c| c.is_ascii_digit()).count() == 2;
    marked || seconds || ((spaced || after_day) && (4..=5).contains(&h) && h == rest.len())
}

/// Characters the OCR reads for 日 in front of 期 (月期, 号期, 报备吕期).
/// 已 己 由 中 是 当 归: thin Kai, Ming and Serif 日 on the held-out style
/// (`已期 2023.11.16`, `当期:2023-02-24`, `中期 2026.04.11`, `是期:2025-12-14`,
/// each the paper's date, its 日期 read so; `打印由期`, `报告归期`).
const DAY_LOOKALIKES: &str = "日目曰旦白田哩口月号昌吕门朋且囗甘自只四县晶已己由中是当归";

/// The look-alikes of a thin 日 (held-out Kai, Ming, Serif) that other
/// strokes also make: a date named by one of them before 期 needs three
/// reads alike, as under a seal (a Kai 9 read 8 twice: 已期 2026年08月20昌
/// for 09月20日, held-out 990393 003 in the browser).
const THIN_DAY: &str = "已己由中是当归";

/// A date under 日期 alone whose 日 was read as one of `THIN_DAY` (after
/// a stem of the paper's own, 报告归期, two reads alike do, as before).
fn thin_day(d: &DateFound) -> bool {
    let cs: Vec<char> = d.text.chars().collect();
    d.kind == LabelKind::Plain && cs.windows(2).any(|w| w[1] == '期' && THIN_DAY.contains(w[0]))
}

/// Two characters that are 日期 with at most one of them misread: 日 and
/// any Chinese character (日骨, 日姑, 日为), or a look-alike of 日 and 期.
fn is_day_label(a: char, b: char) -> bool {
    (a == '日' && other_hanzi(b)) || (b == '期' && DAY_LOOKALIKES.contains(a))
}

/// A Chinese character (CJK Unified Ideographs).
fn is_hanzi(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A Chinese character (CJK Unified Ideographs) other than 年, 月 and 日:
/// what a misread 年, 月 or 期 can look like.
fn other_hanzi(c: char) -> bool {
    is_hanzi(c) && !matches!(c, '年' | '月' | '日')
}

/// What a label's stem (its last two characters before 日期) names.
#[derive(Debug, PartialEq)]
enum StemKind {
    Own(&'static str),
    Other(&'static str),
    /// One character off both an own stem and another's.
    Unsure,
    Unknown,
}

/// The stem as read: an own or another's stem, or unknown.
fn stem_kind_exact(tail: &[char]) -> StemKind {
    let s: String = tail.iter().collect();
    if let Some(o) = OTHER.iter().find(|o| s.ends_with(*o)) {
        return StemKind::Other(o);
    }
    match OWN.iter().find(|o| s.ends_with(*o)) {
        Some(o) => StemKind::Own(o),
        None => StemKind::Unknown,
    }
}

/// The stem as read, or with one of its two characters misread: exact
/// stems first; then a stem one character off only own stems is own, one
/// off only others' is other, one off both is unsure.
fn stem_kind(tail: &[char]) -> StemKind {
    let exact = stem_kind_exact(tail);
    if exact != StemKind::Unknown || tail.len() < 2 {
        return exact;
    }
    let near = |list: &'static [&'static str]| -> Vec<&'static str> {
        list.iter()
            .copied()
            .filter(|w| {
                let wc: Vec<char> = w.chars().collect();
                wc.len() == 2 && (wc[0] == tail[0]) != (wc[1] == tail[1])
            })
            .collect()
    };
    let (own, other) = (near(OWN), near(OTHER));
    match (own.first(), other.first()) {
        (Some(o), None) => StemKind::Own(o),
        (None, Some(o)) => StemKind::Other(o),
        (None, None) => StemKind::Unknown,
        (Some(_), Some(_)) => StemKind::Unsure,
    }
}

pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// How many years back a paper's own date may lie. The texts' longest
/// window is two years (近两年的住院病历); a paper older than this is no use
/// to any window, while a 2 read as 0 (2024 as 2004, a thick Kai 2 under
/// a red pen ring: held-out 990394 030, read alike at every size) makes a
/// confidently wrong date that tells the person a recent paper is too old.
/// Such a date is left for the person to give.
const OLDEST_YEARS: i32 = 10;

/// A real day from `OLDEST_YEARS` before today's year (and 2000) to today.
pub fn plausible(d: &DateFound, today: Today) -> bool {
    d.year >= (today.0 - OLDEST_YEARS).max(2000)
        && (1..=12).contains(&d.month)
        && d.day >= 1
        && d.day <= days_in_month(d.year, d.month)
        && (d.year, d.month, d.day) <= today
}

/// Chooses the paper's own date among every date found: the most specific
/// label wins (开具/报告/检查日期 over 日期 over no label); other dates
/// (打印时间, 出生日期) never. Two different dates at the same rank, or only
/// an unlabelled one among several, is no answer.
pub fn choose_date(found: &[DateFound], today: Today) -> Option<DateFound> {
    let ok: Vec<&DateFound> = found.iter().filter(|d| d.kind != LabelKind::Other && plausible(d, today)).collect();
    for kind in [LabelKind::Own, LabelKind::Plain] {
        let at: Vec<&&DateFound> = ok.iter().filter(|d| d.kind == kind).collect();
        if let Some(first) = at.first() {
            if at.iter().all(|d| d.iso() == first.iso()) {
                return Some((**first).clone());
            }
            return None;
        }
    }
    // No label: only when it is the only date on the paper at all.
    let unlabelled: Vec<&&DateFound> = ok.iter().filter(|d| d.kind == LabelKind::None).collect();
    let all_dates = found.iter().filter(|d| plausible(d, today)).count();
    if unlabelled.len() == 1 && all_dates == 1 && unlabelled[0].text.contains('年') {
        return Some((*unlabelled[0]).clone());
    }
    None
}

/// What reading the date cost and saw: the OCR calls (what the browser
/// pays) and every line read, for `read_with_detail`.
#[derive(Debug, Default, Clone)]
pub struct DateTrace {
    /// Text lines found on the page (without OCR).
    pub lines_found: usize,
    pub line_calls: u32,
    /// Pixels handed to the OCR, all calls together.
    pub pixels: u64,
    /// Each OCR answer, as `[x,y,w,h]@height: text`.
    pub texts: Vec<String>,
    /// Each OCR answer with its line box, and whether it was read with
    /// only a date's characters allowed (for `agree`).
    pub reads: Vec<([u32; 4], bool, String)>,
    /// What every read's height is multiplied by (0: as given; the
    /// second look's `SECOND_SCALE`).
    pub scale: f32,
    /// Each line crop levelled and stood upright, by grey, box and cut
    /// (`read_line_part`): a line read at four sizes is levelled and its
    /// slant searched once, not four times (the same crop every time).
    pub(crate) crops: Crops,
}

/// [`DateTrace`]'s levelled crops: ((the grey's address, the box, the
/// cut), the crop, its print's height). Kept for one [`read_date`] call,
/// whose greys live as long as it.
#[derive(Default, Clone)]
pub(crate) struct Crops(Vec<((usize, [u32; 4], Option<u32>), Gray, u32)>);

impl std::fmt::Debug for Crops {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} crops", self.0.len())
    }
}

/// At most this many line reads per photo (bounded time on any photo).
const MAX_LINE_CALLS: u32 = 12;
/// ... and at most this many pixels handed to the OCR before a new line
/// is started (what tesseract-wasm's time goes with).
const MAX_LINE_PIXELS: u64 = 300_000;
/// Print of a line box lower than this (px) is small: three reads alike.
const SMALL_PRINT: f32 = 20.0;
/// Print of a line box lower than this (px) is tiny: no other date may
/// be read on the line.
const TINY_PRINT: f32 = 12.0;
/// The second opinion reads no line lower than this (px): on 9-px print
/// it read `2024-03-16` twice (padded too) for 2024-01-16 (991102 074 at
/// 1024 px, once the pale level found that line); its right dates on two
/// runs of eight draws came from lines of 10 px and more.
const SECOND_LEAST_PRINT: f32 = 10.0;
/// A line wider than this many times its height is read after the others.
const SHORT_LINE: f32 = 15.0;
/// The height (px) a line is scaled to for reading, and for the check.
/// (Measured: larger crops, 40-52 px, read worse on the tuning draw.)
const READ_AT: f32 = 32.0;
const CHECK_AT: f32 = 44.0;
const THIRD_AT: f32 = 26.0;
const FOURTH_AT: f32 = 38.0;

/// Reads the paper's date from a levelled grey page: its text lines are
/// found without OCR; the lower half is read from the bottom up, then the
/// upper half from the top down, one line crop at a time, stopping at the
/// first labelled date that a second read at another size agrees with.
///
/// `seal`: a red seal's box `[x, y, w, h]` in `g`'s pixels, if one was seen.
/// Where it lies on a line, taking its red out can take strokes of the
/// print with it (a 9 read as a 4): a date there needs three reads alike.
pub fn read_date(
    g: &Gray,
    plain: &dyn Fn() -> Gray,
    seal_free: &dyn Fn() -> Option<Gray>,
    paper: [u32; 4],
    seal: Option<[u32; 4]>,
    today: Today,
    ocr: &mut dyn Ocr,
    trace: &mut DateTrace,
) -> Option<DateFound> {
    // Where a seal lies on a line, or its print is small (a 1024-px photo:
    // 11-18 px lines read 2023 for 2025, 1 for 11, twice alike), a date
    // needs three reads alike.
    let sealed = |b: [u32; 4]| seal.is_some_and(|s| lines::boxes_meet(b, s));
    let under_seal = |b: [u32; 4]| (b[3] as f32) < SMALL_PRINT || sealed(b);
    // (The greys of another call may reuse an address: no crop of theirs.)
    trace.crops.0.clear();
    let (lines, hmed) = lines::find(g, paper);
    let free_grey: std::cell::OnceCell<Option<Gray>> = std::cell::OnceCell::new();
    // A seal's ink (left dark in this grey where the light made it so: a
    // magenta seal in dim light, a seal over a small paper's print) may
    // join the print it lies on into blots that are no line's shape: the
    // lines on the seal are looked for again with the seal's colour
    // divided out, and those that meet no line found here are added
    // (held-out 991172 041, `报告日期` and `医师签名` under the seal,
    // neither found). This is done whether or not a line was found on the
    // seal: a piece of the seal's own ring or text is found as a line of
    // its own, and the date under the seal was still hidden (991231 020,
    // 052, 072: papers a fifth of the photo, each date under its seal).
    let lines = match seal {
        Some(s) => match free_grey.get_or_init(seal_free) {
            Some(free) => lines::add_under_seal(lines, free, paper, s),
            None => lines,
        },
        None => lines,
    };
    let lines = lines::trim_under_seal(g, lines, seal, hmed);
    trace.lines_found = lines.len();
    // Too few lines (a blurry photo, print run together) used to send the
    // whole page to the OCR (~2000 kpx, 2-3 s in the browser); on the
    // tuning, held-out and 1024-px draws that never once gave the right
    // date (and once a wrong one), so only the lines found are read.
    if lines.is_empty() {
        return None;
    }
    let mut order = reading_order(&lines, hmed, paper);
    let mut found: Vec<DateFound> = Vec::new();
    let plain_grey = std::cell::OnceCell::new();
    // A line under a seal is read on the grey with the seal's colour
    // divided out (its print kept), where the photo allows.
    let grey_for = |b: [u32; 4]| -> &Gray { if sealed(b) { free_grey.get_or_init(seal_free).as_ref().unwrap_or(g) } else { g } };
    // The second looks at a line (digits only, the plain grey) keep to the
    // budget a new line keeps to: the most a photo costs stays as it was
    // (under 300 kpx when the last group of reads starts).
    // (The second look of a page that kept no date has a budget of its own.)
    let spent = |trace: &DateTrace| {
        let (calls, pixels) = if trace.scale > 0.0 { (MAX_LINE_CALLS + SECOND_CALLS, MAX_LINE_PIXELS + SECOND_PIXELS) } else { (MAX_LINE_CALLS, MAX_LINE_PIXELS) };
        trace.line_calls >= calls || trace.pixels >= pixels
    };
    let plain_look = |b: [u32; 4], i: usize, ocr: &mut dyn Ocr, trace: &mut DateTrace| {
        if spent(trace) {
            return None;
        }
        let pg = plain_grey.get_or_init(plain);
        if !differ(g, pg, b) {
            return None;
        }
        again_plain(pg, b, i, under_seal(b), !sealed(b), today, ocr, trace)
    };
    // The reads of a line that kept no date, reasoned over for misread
    // separators (`agree`): no OCR call of its own.
    let agreed = |b: [u32; 4], i: usize, trace: &DateTrace| agree_line(b, i, sealed(b), !sealed(b), today, trace);
    // Boxes widened already (a widened box is not widened again).
    let mut grown: Vec<[u32; 4]> = Vec::new();
    // Boxes widened to the left (no label was read: nothing is carried).
    let mut grown_left: Vec<[u32; 4]> = Vec::new();
    // ... and those widened to the left again, as far as a table's cell.
    let mut grown_far: Vec<[u32; 4]> = Vec::new();
    let mut second = false;
    // The reads of the first look (`trace.reads[..first]`), once the second
    // starts.
    let mut first = 0;
    // The second look at a line under a seal or in small print keeps only
    // a date the first look read there too (at 1.25 times the size such a
    // line's marks are read the same way again: `2026.05.0]` three times
    // for 05-09 where the first look read `2026.05.6]`, held-out 991260
    // 072); any look at any other line, as before.
    let vouched = |d: &DateFound, b: [u32; 4], trace: &DateTrace, first: usize| trace.scale == 0.0 || !under_seal(b) || read_there(&trace.reads[..first], b, d, today);
    let scanned = loop {
        let scanned: Option<(DateFound, [u32; 4])> = 'scan: {
            let mut next = 0;
            while next < order.len() {
                let (i, line_box) = (next, order[next]);
                let b = &line_box;
                next += 1;
                // A bounded cost per photo: no new line once the budget is spent
                // (a line started may take its three more reads, and its box
                // widened, at most once each way, is the same line: a label
                // read alone as the 12th read, its date right of it, h94 a 077).
                let widened = grown.contains(b) || grown_left.contains(b) || grown_far.contains(b);
                if spent(trace) && !widened {
                    break;
                }
                let g = grey_for(*b);
                let text = read_line(g, *b, READ_AT, ocr, trace);
                // A label read alone (检查日期:) or a date broken off at the box's
                // end (报告日期 2024/10): the date or its last digits stand apart,
                // past a gap wider than the line finder joins (a form's tab, a
                // seal's red taken out between): the line and what lies right of
                // it is read next, as a line of its own (once: a widened box is
                // not widened again).
                let widen = if label_alone(&text) { Some(WIDEN) } else if label_open(&text) { Some(WIDEN_OPEN) } else { None };
                if let (Some(by), false) = (widen, grown.contains(b)) {
                    if let Some(wide) = widen_right(*b, paper, by) {
                        grown.push(wide);
                        order.insert(next, wide);
                        continue;
                    }
                }
                let strict = sealed(*b);
                // A box widened after a label of the paper's own read alone or
                // with its date broken off: the label was read, the widened
                // read may garble it (`栓查是期， 2026-02 -08` after `检查日期，
                // 2026-02 -0`, kept-back 990301 026 at 1024 px).
                let carried = grown.contains(b);
                let carry = |dates: Vec<DateFound>| if carried { carry_label(dates, today) } else { dates };
                let mut dates = carry(parse_dates_with(&text, i, strict));
                // A date read alone at its box's start (`2023.11.28`): its
                // label may stand apart to its left, past a gap the line
                // finder does not join (报告日期 under a seal, 991202 051):
                // the line and what lies left of it is read next, as a line of
                // its own (once).
                if date_first(&text, &dates) && !grown.contains(b) && !grown_left.contains(b) {
                    if let Some(wide) = widen_left(*b, paper, WIDEN_LEFT, &lines, g) {
                        grown_left.push(wide);
                        order.insert(next, wide);
                        continue;
                    }
                }
                // Still no label of the paper's own left of it: in a table's
                // row the label is a cell of its own ([`WIDEN_FAR`]: `日期 |
                // 2024/3/10`, the label's cell too short for a line of its
                // own; the independent set's dates in a table's row, 39 of
                // its 69 misses on sharp photos of h94 a-h).
                // Not under a seal: there the label so far off is read with the
                // seal's strokes across its digits, three reads alike a day off
                // (h94 h 078, 24 read as 23).
                if grown_left.contains(b) && !grown_far.contains(b) && !sealed(*b) && own_or_plain(&dates, today).is_none() && dates.iter().any(|d| d.label.is_none() && !d.timed && plausible(d, today)) {
                    if let Some(wide) = widen_left(*b, paper, WIDEN_FAR - WIDEN_LEFT, &lines, g) {
                        grown_far.push(wide);
                        order.insert(next, wide);
                        continue;
                    }
                }
                // A labelled date that cannot be (in the future: a seal or a thin
                // stroke turned 2023 into 2028) is a misreading: read again as well.
                let implausible = own_or_plain(&dates, today).is_none() && dates.iter().any(|d| d.kind >= LabelKind::Plain);
                let dated = looks_dated(&text) || (carried && text.chars().filter(|c| c.is_ascii_digit()).count() >= 4);
                if (dates.is_empty() && dated) || implausible {
                    // A labelled date that did not parse (a digit read as ']'): read
                    // again at two sizes, kept where both agree.
                    let (ta, tc) = (read_line(g, *b, CHECK_AT, ocr, trace), read_line(g, *b, THIRD_AT, ocr, trace));
                    let (a, c) = (carry(parse_dates_with(&ta, i, strict)), carry(parse_dates_with(&tc, i, strict)));
                    // Alike where both give the date under a label of the paper's
                    // own (报告日期 in one, 指告日期 = 日期 in the other): the
                    // more specific label kept.
                    dates = a
                        .into_iter()
                        .filter_map(|d| {
                            let e = c.iter().find(|e| e.iso() == d.iso() && e.kind >= LabelKind::Plain && d.kind >= LabelKind::Plain)?;
                            Some(if e.kind > d.kind { e.clone() } else { d })
                        })
                        .collect();
                    if let Some(d) = own_or_plain(&dates, today) {
                        if !(under_seal(*b) || thin_day(&d)) || parse_dates_with(&read_line(g, *b, FOURTH_AT, ocr, trace), i, strict).iter().any(|e| e.iso() == d.iso()) {
                            if !vouched(&d, *b, trace, first) {
                                continue;
                            }
                            break 'scan Some((d, *b));
                        }
                        if let Some(d) = agreed(*b, i, trace).filter(|d| vouched(d, *b, trace, first)) {
                            break 'scan Some((d, *b));
                        }
                        continue;
                    }
                    if dates.is_empty() && dated {
                        // The line's end read as a stray mark (2023.10.1-): a digit
                        // half seen, which a digits-only read drops (2023.10.1).
                        // A two-digit day is whole (20理| is 20日 with a speck).
                        let cut_short = [&text, &ta, &tc].iter().any(|t| ends_cut_short(t));
                        // Under a seal a read on the plain grey may stand in for
                        // one on the whitened grey that gave no date.
                        let alt = if sealed(*b) && !spent(trace) { Some(plain_grey.get_or_init(plain)).filter(|pg| differ(g, pg, *b)) } else { None };
                        // (No digits-only read in the second look: `SECOND_SCALE`.)
                        let digits = if cut_short || second || spent(trace) { None } else { digits_only(g, alt, *b, date_start(g, *b, &text), i, under_seal(*b), today, ocr, trace) };
                        if let Some(d) = digits {
                            break 'scan Some((d, *b));
                        }
                        // Nor a read on the plain grey: the half digit is cut by
                        // the line's box on every grey, and two reads of it on
                        // the plain one took the 4 of 10-14 for a 3 alike (seed
                        // 5 073, once each print line was stood upright).
                        if let Some(d) = (!cut_short).then(|| plain_look(*b, i, ocr, trace)).flatten().filter(|d| vouched(d, *b, trace, first)) {
                            break 'scan Some((d, *b));
                        }
                        if let Some(d) = agreed(*b, i, trace).filter(|d| vouched(d, *b, trace, first)) {
                            break 'scan Some((d, *b));
                        }
                        continue;
                    }
                } else if let Some(d) = own_or_plain(&dates, today) {
                    let need = if under_seal(*b) || thin_day(&d) { 3 } else { 2 };
                    if let Some(d) = confirm(g, *b, d, need, !sealed(*b), today, ocr, trace).filter(|d| vouched(d, *b, trace, first)) {
                        break 'scan Some((d, *b));
                    }
                    if let Some(d) = plain_look(*b, i, ocr, trace).filter(|d| vouched(d, *b, trace, first)) {
                        break 'scan Some((d, *b));
                    }
                    if let Some(d) = agreed(*b, i, trace).filter(|d| vouched(d, *b, trace, first)) {
                        break 'scan Some((d, *b));
                    }
                    continue;
                }
                found.extend(dates);
            }
            // The second look keeps only a labelled date.
            if second {
                break 'scan None;
            }
            // No labelled date: an unlabelled one only when it is the only date.
            let Some(chosen) = choose_date(&found, today) else { break 'scan None };
            let b = order[chosen.line];
            let Some(d) = confirm(grey_for(b), b, chosen, if under_seal(b) { 3 } else { 2 }, !sealed(b), today, ocr, trace) else { break 'scan None };
            // Its label or its time may stand apart, in boxes of their own on
            // its row (`打印时间:` and `11:12` beside a tilted `2023年12月26日`,
            // a print-only paper: held-out 990302 014): read with them, it must
            // be neither another's date nor a moment.
            let (left, right) = beside(&lines, b);
            let read_by = |n: Option<[u32; 4]>, ocr: &mut dyn Ocr, trace: &mut DateTrace| n.map(|n| read_line(grey_for(n), n, READ_AT, ocr, trace)).unwrap_or_default();
            if left.is_none() && right.is_none() {
                break 'scan Some((d, b));
            }
            let (l, r) = (read_by(left, ocr, trace), read_by(right, ocr, trace));
            stands_alone(&l, &d, &r).then_some((d, b))
        };
        if scanned.is_some() || second {
            break scanned;
        }
        // Nothing kept: the lines whose reads looked like a date are read
        // once more, every read at a larger scale (another view of thin
        // print: a Serif 31 read 了1 at 32 and 44 px, whole at 40 and 55;
        // `2024/1V18` at three sizes, 2024/1/18 at two larger ones), by the
        // same rules, within a budget of its own.
        let again = second_look(&trace.reads);
        if again.is_empty() {
            break None;
        }
        first = trace.reads.len();
        second = true;
        trace.scale = SECOND_SCALE;
        order = again;
        found.clear();
    };
    let (d, b) = 'kept: { match scanned {
        Some(found) => found,
        None => {
            // Nothing kept: a date read alike on one line under a label the
            // OCR garbled (`garbled_label_date`), kept only if two fresh
            // reads at sizes no look used give it again and nothing else.
            let Some((d, b)) = garbled_label_date(&trace.reads, today, |b| under_seal(b) || (b[3] as f32) < TINY_PRINT) else {
                break 'kept most_read_date(&trace.reads, if second { first } else { trace.reads.len() }, today, under_seal)?;
            };
            let scale = std::mem::replace(&mut trace.scale, 0.0);
            let again = GARBLED_AT.iter().all(|h| {
                let t = read_line(grey_for(b), b, *h, ocr, trace);
                let dates = parse_dates(&t, d.line);
                !year_with_a_digit_more(&t, d.year)
                    && !names_another(&t)
                    && dates.iter().any(|e| e.iso() == d.iso() && !e.timed && !(e.kind == LabelKind::Other && e.label.is_some()))
                    && dates.iter().all(|e| e.iso() == d.iso())
            });
            trace.scale = scale;
            if !again {
                break 'kept most_read_date(&trace.reads, if second { first } else { trace.reads.len() }, today, under_seal)?;
            }
            (d, b)
        }
    } };
    // A plain 日期 with a time after it, on a line that starts at the
    // page's left edge (within a print height): the label may be the tail
    // of another's that the photo's edge cut off (`)日期 : 2026-08-10 12:06`
    // four times, 打印日期 with 打印 out of the photo: held-out 991242
    // 007, a paper cut by the photo's left edge). No date: the person is
    // asked.
    if d.kind == LabelKind::Plain && d.timed && b[0] < b[3] {
        return None;
    }
    // A print time read on the page more than half a year after the date
    // kept: the year misread in one of them (991600 016
    // at 1024 px: 2025.07.24 read three times of four for 2026.07.24 in
    // 16-px print, `打印日期: 2026-08-08` read before it).
    if found.iter().any(|p| p.label.as_deref().is_some_and(|l| l.starts_with("打印")) && plausible(p, today) && !printed_after(&d, p)) {
        return None;
    }
    // A date read on the seal-free grey (`underseal.rs`) must not be
    // contradicted by the line's read on the grey every other line is
    // read on: two readings of one line that give two dates are a doubt,
    // not an answer (held-out 990132 024: the seal-free grey read 3 for
    // the 1 that the usual grey read right).
    if sealed(b) && matches!(free_grey.get(), Some(Some(_))) {
        let usual = parse_dates_with(&read_line(g, b, READ_AT, ocr, trace), d.line, true);
        let doubt = usual.iter().any(|e| e.iso() != d.iso() && plausible(e, today)) && !usual.iter().any(|e| e.iso() == d.iso());
        // One read of another date on the usual grey against three of
        // this one on the seal-free grey: a second read on the usual grey
        // decides (990732 048: `2025年1月23日` once for 1月25日, then 25).
        if doubt {
            let again = parse_dates_with(&read_line(g, b, CHECK_AT, ocr, trace), d.line, true);
            if !again.iter().any(|e| e.iso() == d.iso()) || again.iter().any(|e| e.iso() != d.iso() && plausible(e, today)) {
                return None;
            }
        }
    }
    Some(d)
}

/// The sizes (px, at no scale) of the two fresh reads that keep a date
/// under a garbled label: sizes no other read uses (32, 44, 26, 38 and
/// the second look's 1.25 times those), so that each is a witness of its
/// own (the OCR reads one crop at one size the same way every time).
const GARBLED_AT: [f32; 2] = [35.0, 50.0];

/// Characters of the labels of other dates (打印, 出生, 入院, 送检, 采样,
/// 审核, 有效, 截止, 时间 ...) that no label of the paper's own date has: a
/// line read with one of them, however garbled the rest, may name
/// another date (`二生日岛`, `地生所期` for 出生日期).
const OTHER_CHARS: &str = "打印生院采样集收送审核术病效截止到始束住确失登记起结手时间就";

/// A read that names another date: one of `OTHER`'s labels, or a
/// character only they have (`OTHER_CHARS`).
fn names_another(text: &str) -> bool {
    let cs: String = normalise(text).into_iter().collect();
    OTHER.iter().any(|o| cs.contains(o)) || cs.chars().any(|c| OTHER_CHARS.contains(c))
}

/// The paper's date under a label the OCR garbled past knowing (`理期`
/// and `百期` for 日期, `巡查日熙` for 检查日期, `夫查日斋`): such a label
/// is neither the paper's own nor another's, so its date was kept aside.
/// Looked at only when no date was kept: a line (not under a seal, not in
/// small print) read at least twice with a date, at least once under
/// Chinese characters no label we know, every read of it giving that one
/// date and none naming another date or a time; and no other such line
/// with another date. Returns the date and its line box; the caller reads
/// the line twice more before keeping it (`GARBLED_AT`).
fn garbled_label_date(reads: &[([u32; 4], bool, String)], today: Today, skip: impl Fn([u32; 4]) -> bool) -> Option<(DateFound, [u32; 4])> {
    let mut boxes: Vec<[u32; 4]> = Vec::new();
    for (b, _, _) in reads {
        if !boxes.contains(b) && !skip(*b) {
            boxes.push(*b);
        }
    }
    let mut kept: Vec<(DateFound, [u32; 4])> = Vec::new();
    for b in boxes {
        // (Digits-only reads leave the label out: not counted.)
        let texts: Vec<&str> = reads.iter().filter(|(rb, digits, _)| *rb == b && !digits).map(|(_, _, t)| t.as_str()).collect();
        if texts.iter().any(|t| names_another(t)) {
            continue;
        }
        let per_read: Vec<Vec<DateFound>> = texts.iter().map(|t| parse_dates(t, 0)).collect();
        let dates: Vec<&DateFound> = per_read.iter().flatten().collect();
        let Some(&first) = dates.first() else { continue };
        let alike = dates.iter().all(|e| e.iso() == first.iso());
        // (Every date alike: the reads that gave any date gave this one.)
        let reads_with = per_read.iter().filter(|r| !r.is_empty()).count();
        let garbled = dates.iter().any(|e| e.kind == LabelKind::Other && e.label.is_none());
        let another = dates.iter().any(|e| e.timed || (e.kind == LabelKind::Other && e.label.is_some()));
        if alike && reads_with >= 2 && garbled && !another && plausible(first, today) {
            kept.push((first.clone(), b));
        }
    }
    let (d, b) = kept.first()?.clone();
    kept.iter().all(|(e, _)| e.iso() == d.iso()).then_some((d, b))
}

/// The fewest reads of one line that must give its date when no other
/// rule kept one (`most_read_date`), and how many times more often than
/// any other date on that line.
const MOST_READ: usize = 3;
const MOST_READ_OVER: usize = 1;

/// The paper's date where every rule that reads a line a few times found
/// doubt, but the line was read many times (each of its looks, at every
/// size and grey) and one date came out of most reads: a label of the
/// paper's own or 日期 on at least one, at least `MOST_READ` reads giving
/// it, more than `MOST_READ_OVER` times as many as any other date on that
/// line (`2026年1月8日` seven times, `1]月8日` twice: 990732 029 at 1024
/// px). No read of the line may name another date or a time; every such
/// line must give the same date. On a line under a seal or in small
/// print (`first_only`) the first look's reads (`reads[..first]`) must
/// give it by themselves too, or have read it and no other date: the second
/// look's reads, at 1.25 times the size,
/// read its marks the same way again (`2026.05.0]` three times for 05-09,
/// held-out 991260 072: as `vouched` in `read_date`), and are no fresh
/// witnesses of a doubt the first look saw (seed 5 012 at 1024 px: 2023
/// twice, 2025 and 2029 once, then 2023 three times and 2025 once).
fn most_read_date(reads: &[([u32; 4], bool, String)], first: usize, today: Today, first_only: impl Fn([u32; 4]) -> bool) -> Option<(DateFound, [u32; 4])> {
    let mut boxes: Vec<[u32; 4]> = Vec::new();
    for (b, _, _) in reads {
        if !boxes.contains(b) {
            boxes.push(*b);
        }
    }
    let mut kept: Vec<(DateFound, [u32; 4])> = Vec::new();
    for b in boxes {
        let of_line: Vec<(bool, &str)> = reads.iter().filter(|(rb, _, _)| *rb == b).map(|(_, digits, t)| (*digits, t.as_str())).collect();
        if of_line.iter().any(|(digits, t)| !digits && names_another(t)) {
            continue;
        }
        let per_read = plausible_per_read(of_line.iter().map(|(_, t)| *t), today);
        let dates: Vec<&DateFound> = per_read.iter().flatten().collect();
        if dates.iter().any(|e| e.timed || (e.kind == LabelKind::Other && e.label.is_some())) {
            continue;
        }
        // (What the first look read of the line: `first_look[i]`.)
        let first_look: Vec<bool> = reads.iter().enumerate().filter(|(_, (rb, _, _))| *rb == b).map(|(i, _)| i < first).collect();
        let all = most_read(&per_read, |_| true);
        let kept_here = if !first_only(b) {
            all
        } else {
            // All reads give it, and so do the first look's alone, or the
            // first look read it and no other date.
            let firsts = most_read(&per_read, |i| first_look[i]);
            let alone = |d: &DateFound| {
                let seen: Vec<&DateFound> = per_read.iter().zip(&first_look).filter(|(_, f)| **f).flat_map(|(r, _)| r).collect();
                seen.iter().any(|e| e.iso() == d.iso()) && seen.iter().all(|e| e.iso() == d.iso())
            };
            all.filter(|d| firsts.as_ref().is_some_and(|f| f.iso() == d.iso()) || alone(d))
        };
        if let Some(d) = kept_here {
            kept.push((d, b));
        }
    }
    let (d, b) = kept.first()?.clone();
    kept.iter().all(|(e, _)| e.iso() == d.iso()).then_some((d, b))
}

/// Each read's plausible dates, one of each date a read.
fn plausible_per_read<'a>(reads: impl Iterator<Item = &'a str>, today: Today) -> Vec<Vec<DateFound>> {
    reads
        .map(|t| {
            let mut v: Vec<DateFound> = parse_dates(t, 0).into_iter().filter(|e| plausible(e, today)).collect();
            v.dedup_by(|a, b| a.iso() == b.iso());
            v
        })
        .collect()
}

/// The date most of the reads `counted` (by index) of one line give, by
/// `MOST_READ` and `MOST_READ_OVER`, under the most specific label of the
/// paper's own any of them read it with; none without such a label.
fn most_read(per_read: &[Vec<DateFound>], counted: impl Fn(usize) -> bool) -> Option<DateFound> {
    let counted: Vec<&Vec<DateFound>> = per_read.iter().enumerate().filter(|(i, _)| counted(*i)).map(|(_, r)| r).collect();
    let dates: Vec<&DateFound> = counted.iter().copied().flatten().collect();
    let votes = |iso: &str| counted.iter().filter(|r| r.iter().any(|e| e.iso() == iso)).count();
    let top = dates.iter().max_by_key(|e| votes(&e.iso()))?;
    let v = votes(&top.iso());
    let rival = dates.iter().filter(|e| e.iso() != top.iso()).map(|e| votes(&e.iso())).max().unwrap_or(0);
    let own = dates.iter().filter(|e| e.iso() == top.iso() && e.kind >= LabelKind::Plain).max_by_key(|e| e.kind)?;
    (v >= MOST_READ && v > MOST_READ_OVER * rival).then(|| (*own).clone())
}

/// Whether a print time `p` can be that of a paper dated `d`: up to about
/// half a year after it. (Before it is no doubt: in 12-px print the print
/// time is misread as often as the date, 991601 041 at 1024 px:
/// `打印日期， 2025/3/4` beside a right 2025-04-22.)
fn printed_after(d: &DateFound, p: &DateFound) -> bool {
    day_number(p) - day_number(d) <= 186
}

/// A date's place in time, in days (months of 31: only differences up to
/// about half a year are compared).
fn day_number(e: &DateFound) -> i32 {
    e.year * 372 + e.month as i32 * 31 + e.day as i32
}

/// Whether a print time `p` read by the second engine contradicts the
/// date `d` it gives for the paper: a paper is printed on or after its own
/// date, so a print time before it means one of the two was misread. Only
/// up to half a year before: a print time years before the date is its
/// year misread (991251 004: `打印时间：2020-05-18` beside a right
/// 2026-05-02); within weeks, on the fresh draw 991291, it was the date's
/// month (049: `2024年9月10日` for 8月10日 beside `打印时间：2024年8月27日`;
/// 074: `2023-06-15` for 05-15 beside `打印日期：2023/5/24`).
fn printed_before(d: &DateFound, p: &DateFound) -> bool {
    let gap = day_number(d) - day_number(p);
    gap > 0 && gap <= 186
}

/// The scale of the second look's reads (all four sizes), and its budget
/// over the first's (calls, pixels). Measured on held-out draws 991200
/// and 991201: every read at 1.25 (or 0.85) times the size, the first
/// look too, gave 5 of 83 thin-print (Kai, Ming, Serif) photos a right
/// date and took one right date or made one wrong; as a second look only
/// where the first kept none, +3 right on each draw, none wrong. Its
/// lines are never read digits-only: there a dark photo's `2024年II月07日`
/// lost its `II` twice alike (2024-01-07 for 11-07, fresh draw 991250 078);
/// without them, over five held-out draws (400 photos, three never tuned
/// on) +12 right dates and one new wrong one (991260 072, `2026.05.0]`
/// under a seal read as 05-01 for 05-09).
const SECOND_SCALE: f32 = 1.25;
const SECOND_CALLS: u32 = 6;
const SECOND_PIXELS: u64 = 200_000;

/// Whether any of `reads` of the line box `b` gives the date `d` (as it
/// parses, or spelled through a misread separator), whatever its label.
fn read_there(reads: &[([u32; 4], bool, String)], b: [u32; 4], d: &DateFound, today: Today) -> bool {
    reads.iter().filter(|(rb, _, _)| *rb == b).any(|(_, digits, t)| {
        parse_dates(t, d.line).iter().any(|e| e.iso() == d.iso()) || spelled(t, d.line, false, true, *digits, today).iter().any(|(e, _)| e.iso() == d.iso())
    })
}

/// The line boxes the second look reads, in the order first read: those
/// whose reads spell the start of a date (20, then at least four more
/// digits within a date's width), none of them another's label or a
/// date with a time after it.
fn second_look(reads: &[([u32; 4], bool, String)]) -> Vec<[u32; 4]> {
    let mut boxes: Vec<[u32; 4]> = Vec::new();
    for (b, _, _) in reads {
        if !boxes.contains(b) {
            boxes.push(*b);
        }
    }
    let date_like = |t: &str| {
        let cs = normalise(t);
        (0..cs.len().saturating_sub(1)).any(|p| {
            cs[p] == '2'
                && digit_like(cs[p + 1]) == Some('0')
                && (p == 0 || !cs[p - 1].is_ascii_digit())
                && cs[p..(p + 12).min(cs.len())].iter().filter(|c| c.is_ascii_digit()).count() >= 6
        })
    };
    let another = |t: &str| {
        let cs: String = normalise(t).into_iter().collect();
        OTHER.iter().any(|o| cs.contains(o)) || parse_dates(t, 0).iter().any(|d| d.timed || (d.label.is_some() && d.kind == LabelKind::Other))
    };
    boxes.retain(|b| {
        // Not tiny print: at 1.25 times its size a 10-px line read its
        // day's 0 as 1 three times alike (991200 010 at 1024 px: 04-11
        // for 04-01); the second look's right dates were on lines 12 px
        // high and more (30 over 16 readings of eight draws).
        if (b[3] as f32) < TINY_PRINT {
            return false;
        }
        let texts: Vec<&str> = reads.iter().filter(|(rb, _, _)| rb == b).map(|(_, _, t)| t.as_str()).collect();
        texts.iter().any(|t| date_like(t)) && !texts.iter().any(|t| another(t))
    });
    boxes
}

/// The order the lines found are read in: the lower half from the bottom
/// up, then the upper half from the top down; lines of a date's width
/// first, then the long ones, then the narrow ones. Two kinds of line
/// that hold no paper's date are read after the others of a date's width
/// (each costs a call on most photos before the date is reached): the
/// page's foot (its lowest line, in the paper's last fifth and standing
/// apart from the print above it: `第1页 共1页`, a print time), after the
/// lower half's, and the headings (the paper's first lines in large
/// print, down to two: the hospital's name, the paper's title), after
/// the upper half's.
fn reading_order(lines: &[lines::LineBox], hmed: f32, paper: [u32; 4]) -> Vec<[u32; 4]> {
    // The print's lower half, or the paper's where the print fills more
    // of it: a report printed on the upper half of its paper (its signing
    // row with 报告日期 at the end, under the paper's middle) had its
    // long rows read top down first, the budget spent before the signing
    // row (independent set h94 i 066). A footnote far under the print's
    // body (`BODY_GAP`, at most `FOOTNOTE_LINES` lines) is no part of the
    // body: a certificate's 日期 at its body's end, above the middle of
    // body and footnote, went unread (h94 c 059). (Signing rows far under
    // a body count alike: they are read first either way, and the body's
    // lower half after them.)
    let mut ys: Vec<(u32, u32)> = lines.iter().map(|l| (l.bbox[1], l.bbox[1] + l.bbox[3])).collect();
    ys.sort_unstable();
    let top = ys.first().map_or(paper[1], |y| y.0);
    let mut body_end = ys.iter().map(|y| y.1).max().unwrap_or(paper[1] + paper[3]);
    for i in ys.len().saturating_sub(FOOTNOTE_LINES)..ys.len() {
        let above = ys[..i].iter().map(|y| y.1).max();
        // (A body of a line or two has no footnote to tell apart.)
        if let Some(e) = above.filter(|&e| i >= FOOTNOTE_LINES && ys[i].0 as f32 >= e as f32 + BODY_GAP * hmed) {
            body_end = e;
            break;
        }
    }
    let mid = (paper[1] + paper[3] / 2).min(top + body_end.saturating_sub(top) / 2);
    let centre = |b: [u32; 4]| b[1] + b[3] / 2;
    // A date with its label is at least ~8 characters; headings are tall.
    let readable = |b: &[u32; 4]| b[2] as f32 >= 4.0 * b[3] as f32 && (b[3] as f32) <= 2.4 * hmed;
    let mut lower: Vec<[u32; 4]> = lines.iter().rev().map(|l| l.bbox).filter(|b| centre(*b) >= mid && readable(b)).collect();
    let mut upper: Vec<[u32; 4]> = lines.iter().map(|l| l.bbox).filter(|b| centre(*b) < mid && readable(b)).collect();
    let foot = match lower.as_slice() {
        [low, rest @ ..] => {
            let above = rest.iter().map(|b| b[1] + b[3]).filter(|&e| e <= low[1]).max();
            let apart = above.map_or(false, |e| (low[1] - e) as f32 >= FOOT_APART * hmed);
            (apart && low[1] >= paper[1] + paper[3] * 4 / 5).then_some(*low)
        }
        [] => None,
    };
    if let Some(f) = foot {
        lower.retain(|b| *b != f);
    }
    let heads: Vec<[u32; 4]> = upper.iter().take_while(|b| b[3] as f32 >= HEADING * hmed).take(2).copied().collect();
    upper.retain(|b| !heads.contains(b));
    // In the upper half, a line alone on its row is read before rows of
    // fields and a table's rows (a lab report's 报告日期 stands alone right
    // under its table, above the paper's middle: its header's three rows
    // of fields used the 12 calls first, independent set h93 a, 046).
    let alone = |b: &[u32; 4]| !lines.iter().any(|l| l.bbox != *b && same_row(l.bbox, *b));
    let (single, fields): (Vec<[u32; 4]>, Vec<[u32; 4]>) = upper.into_iter().partition(alone);
    let mut upper = single;
    upper.extend(fields);
    let mut order: Vec<[u32; 4]> = lower;
    order.extend(foot);
    order.extend(upper);
    order.extend(heads);
    // A label and its date are 6-14 line-heights wide (measured on both
    // draws: 5-14); a paragraph's line or a row of fields is longer. The
    // lines of a date's width are read first, the long ones after.
    let long = |b: &[u32; 4]| b[2] as f32 > SHORT_LINE * b[3] as f32;
    let (short, longer): (Vec<[u32; 4]>, Vec<[u32; 4]>) = order.into_iter().partition(|b| !long(b));
    // Too narrow to hold a label and a date (a table cell's 168/102 or
    // mmol/L, a seal's or a pen's broken fragments): read last, so the
    // budget is not spent on them (a date line is 5.6+ print heights
    // wide on every draw).
    let (short, narrow): (Vec<[u32; 4]>, Vec<[u32; 4]>) = short.into_iter().partition(|b| !too_narrow(*b, hmed));
    // A table's body (rows of two boxes and more, TABLE_ROWS and more one
    // under the next) holds results, not the paper's date: read after the
    // other lines (a lab report's six rows took its 12 calls before the
    // 日期 in its header, independent set h93 a, 047).
    let body = table_body(lines, hmed);
    let (short, short_body): (Vec<[u32; 4]>, Vec<[u32; 4]>) = short.into_iter().partition(|b| !body.contains(b));
    let (longer, long_body): (Vec<[u32; 4]>, Vec<[u32; 4]>) = longer.into_iter().partition(|b| !body.contains(b));
    let longer: Vec<[u32; 4]> = longer.into_iter().chain(short_body).chain(long_body).collect();
    // A "line" within a print height of the paper's top or bottom edge is
    // the edge's shading or shadow, not print (a paper's margins are
    // wider): read after everything else (two such boxes at a report's top
    // edge took two of its 12 calls before its header's 检查日期, the
    // independent set's 026).
    let at_edge = |b: &[u32; 4]| (b[1] as f32) < paper[1] as f32 + hmed || (b[1] + b[3]) as f32 + hmed > (paper[1] + paper[3]) as f32;
    let (inside, edge): (Vec<[u32; 4]>, Vec<[u32; 4]>) = short.into_iter().chain(longer).chain(narrow).partition(|b| !at_edge(b));
    inside.into_iter().chain(edge).collect()
}

/// The boxes of a table's body: rows (boxes on one row, [`same_row`]) of
/// two boxes or more, at least [`TABLE_ROWS`] of them one under the next
/// (each row's middle at most [`TABLE_ROW_GAP`] print heights below the
/// last). A header's rows of fields are two to four.
fn table_body(lines: &[lines::LineBox], hmed: f32) -> Vec<[u32; 4]> {
    let mut boxes: Vec<[u32; 4]> = lines.iter().map(|l| l.bbox).collect();
    boxes.sort_by_key(|b| b[1] + b[3] / 2);
    let mut rows: Vec<Vec<[u32; 4]>> = Vec::new();
    for b in boxes {
        match rows.last_mut() {
            Some(r) if r.iter().any(|o| same_row(*o, b)) => r.push(b),
            _ => rows.push(vec![b]),
        }
    }
    let mid = |r: &[[u32; 4]]| r.iter().map(|b| (b[1] + b[3] / 2) as f32).sum::<f32>() / r.len() as f32;
    let mut body = Vec::new();
    let mut run: Vec<&Vec<[u32; 4]>> = Vec::new();
    let flush = |run: &mut Vec<&Vec<[u32; 4]>>, body: &mut Vec<[u32; 4]>| {
        if run.len() >= TABLE_ROWS {
            body.extend(run.iter().flat_map(|r| r.iter().copied()));
        }
        run.clear();
    };
    for r in &rows {
        let next = r.len() >= 2 && run.last().is_none_or(|p| mid(r) - mid(p) <= TABLE_ROW_GAP * hmed);
        if !next {
            flush(&mut run, &mut body);
        }
        if r.len() >= 2 {
            run.push(r);
        }
    }
    flush(&mut run, &mut body);
    body
}

/// A table's body has at least this many rows of two boxes and more.
const TABLE_ROWS: usize = 5;
/// A table's rows stand at most this many print heights apart.
const TABLE_ROW_GAP: f32 = 2.5;

/// Whether two line boxes stand on one row: they share at least half the
/// lower one's height.
fn same_row(a: [u32; 4], b: [u32; 4]) -> bool {
    share_row(a, b, 0.5)
}

/// Whether two line boxes share at least `part` of the lower one's height.
fn share_row(a: [u32; 4], b: [u32; 4], part: f32) -> bool {
    let shared = (a[1] + a[3]).min(b[1] + b[3]) as i64 - a[1].max(b[1]) as i64;
    shared as f32 >= part * a[3].min(b[3]) as f32
}

/// The nearest line boxes left and right of `b` on its row: they share at
/// least a quarter of the lower one's height with it and stand at most
/// `BESIDE` of `b`'s heights apart from it.
fn beside(lines: &[lines::LineBox], b: [u32; 4]) -> (Option<[u32; 4]>, Option<[u32; 4]>) {
    let row = |o: &[u32; 4]| share_row(*o, b, 0.25);
    let reach = BESIDE * b[3] as f32;
    let slack = b[3] / 2;
    let gap_left = |o: &[u32; 4]| (o[0] + o[2] <= b[0] + slack && o[0] < b[0]).then(|| b[0] as i64 - (o[0] + o[2]) as i64);
    let gap_right = |o: &[u32; 4]| (o[0] + slack >= b[0] + b[2] && o[0] + o[2] > b[0] + b[2]).then(|| o[0] as i64 - (b[0] + b[2]) as i64);
    let nearest = |gap: &dyn Fn(&[u32; 4]) -> Option<i64>| {
        lines.iter().map(|l| l.bbox).filter(|o| *o != b && row(o)).filter_map(|o| gap(&o).filter(|g| (*g as f32) <= reach).map(|g| (g, o))).min_by_key(|(g, _)| *g).map(|(_, o)| o)
    };
    (nearest(&gap_left), nearest(&gap_right))
}

/// How far (in the line's heights) a label or a time standing apart from
/// its date is looked for.
const BESIDE: f32 = 3.0;

/// Whether an unlabelled date `d`, read with what the boxes left (`l`)
/// and right (`r`) of its own were read as, is still a date that no label
/// names another's and no time of day follows.
fn stands_alone(l: &str, d: &DateFound, r: &str) -> bool {
    let joined = format!("{l}{} {r}", d.text);
    parse_dates(&joined, d.line).iter().any(|e| e.iso() == d.iso() && e.kind != LabelKind::Other && !e.timed)
}

/// The page's foot stands this many print heights below the print above.
const FOOT_APART: f32 = 3.0;
/// A footnote stands at least this many print heights under the print's
/// body, in at most this many lines ([`reading_order`]).
const BODY_GAP: f32 = 8.0;
const FOOTNOTE_LINES: usize = 3;
/// A heading's print is at least this many typical print heights (a date
/// line's is at most ~1.2 at 1024 px on the kept-back draws, headings
/// 1.1-2.4: a heading as low as a date's is read in its turn).
const HEADING: f32 = 1.25;

/// A line read as a label of the paper's own date (or 日期) followed by
/// the start of a date that breaks off at the line's end (报告日期
/// 2024/10): the line's box may have ended inside the date (its last
/// digits stood apart). Not when a whole date was read.
fn label_open(text: &str) -> bool {
    let mut t = normalise(text);
    while t.last().is_some_and(|c| matches!(c, ':' | ';' | ',' | '，' | '.' | '、' | '-' | '/' | '年' | '月')) {
        t.pop();
    }
    // A date of the 年 form read to a one-digit day with no 日 after it
    // is a date too, but its day may be broken off (held-out 990232 060
    // at 1024 px: 2023年10月1 for 10月19日, read so four times and taken).
    let day_open = t.len() >= 2 && t[t.len() - 1].is_ascii_digit() && t[t.len() - 2] == '月' && t.contains(&'年');
    if !day_open && !parse_dates(text, 0).is_empty() {
        return false;
    }
    // The date's start: digits and separators back from the end.
    let mut k = t.len();
    while k > 0 && (digit_like(t[k - 1]).is_some() || matches!(t[k - 1], '-' | '.' | '/' | '年' | '月')) {
        k -= 1;
    }
    // A year, then maybe a month, then maybe a day's first digit, each
    // after one separator: 2024/10, 2025年4月2 (for 27日). Not 2025//29,
    // a whole date with a digit lost rather than one broken off.
    let rest = &t[k..];
    let sep = |c: &char| matches!(c, '-' | '.' | '/' | '年' | '月');
    let groups: Vec<usize> = rest.split(sep).map(|g| g.len()).collect();
    let seps = rest.iter().filter(|c| sep(c)).count();
    // A year's first digits alone (报告日期:20, held-out 990232 043 at
    // 1024 px: the unlabelled print time on the paper was taken instead).
    let shape = match groups.as_slice() {
        [4] => true,
        [y] => (2..4).contains(y) && rest[..2] == ['2', '0'],
        [4, m] => (1..=2).contains(m),
        [4, m, d] => (1..=2).contains(m) && *d <= 1,
        _ => false,
    };
    if !shape || seps + 1 != groups.len() || !rest[..groups[0]].iter().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let mut j = k;
    while j > 0 && matches!(t[j - 1], ':' | ';' | ',' | '，' | '、' | '二') {
        j -= 1;
    }
    j >= 2 && {
        let stem = &t[j.saturating_sub(4)..j - 2];
        match stem_kind(stem) {
            StemKind::Own(_) | StemKind::Unknown => is_day_label(t[j - 2], t[j - 1]),
            StemKind::Other(_) | StemKind::Unsure => false,
        }
    }
}

/// How far right of a date broken off at its line's end the rest of it
/// is looked for, in the line's heights (up to 月31日 and a gap).
const WIDEN_OPEN: f32 = 5.0;

/// A line read as a label of the paper's own date (or 日期 alone) and
/// nothing else: no digit, at most a colon after it.
fn label_alone(text: &str) -> bool {
    let mut t = normalise(text);
    while t.last().is_some_and(|c| matches!(c, ':' | ';' | ',' | '，' | '.' | '、')) {
        t.pop();
    }
    let n = t.len();
    if !(2..=8).contains(&n) || t.iter().any(|c| digit_like(*c).is_some()) {
        return false;
    }
    let stem = &t[n.saturating_sub(4)..n - 2];
    let time = t[n - 2..] == ['时', '间'];
    match stem_kind(stem) {
        StemKind::Own(_) => time || is_day_label(t[n - 2], t[n - 1]),
        StemKind::Unknown => is_day_label(t[n - 2], t[n - 1]),
        StemKind::Other(_) | StemKind::Unsure => false,
    }
}

/// How far right of a label read alone its date is looked for, in the
/// line's heights (a date 2025年12月30日 is ~8 heights, a gap up to ~6).
const WIDEN: f32 = 14.0;

/// A line box `b` widened to the right by `by` of its heights, to
/// the paper's edge at most; None when it cannot grow.
fn widen_right(b: [u32; 4], paper: [u32; 4], by: f32) -> Option<[u32; 4]> {
    let right = (b[0] + b[2] + (by * b[3] as f32) as u32).min(paper[0] + paper[2]);
    (right > b[0] + b[2] + b[3]).then(|| [b[0], b[1], right - b[0], b[3]])
}

/// One date with no label, not timed, with nothing but marks before it
/// in the read: a date whose label (if any) lies outside its box.
fn date_first(text: &str, dates: &[DateFound]) -> bool {
    let before: Vec<char> = normalise(text).into_iter().take_while(|c| !c.is_ascii_digit()).collect();
    matches!(dates, [d] if d.kind == LabelKind::None && !d.timed) && !before.iter().any(|c| is_hanzi(*c) || c.is_alphabetic())
}

/// How far left of a date read alone its label is looked for, in the
/// line's heights (报告日期: and a gap).
const WIDEN_LEFT: f32 = 8.0;

/// How far left of a date read alone its label is looked for at most,
/// in the line's heights, once [`WIDEN_LEFT`] found none: a table's row
/// sets the label's cell a fifth of the paper's width left of the date's
/// (10-11 heights on an A4 page).
const WIDEN_FAR: f32 = 14.0;

/// A line box `b` widened to the left by `by` of its heights, to the
/// paper's edge at most; None when it cannot grow by a height.
///
/// A box on the same row that the widened box would cut is taken in
/// whole (its left end within [`WIDEN`] heights): a table's row sets its
/// cells further apart than a label's gap (`开具日期 | 2023/10/14`, the
/// label's box 7.8 heights left of the date's: read as `朋 2023/10/14`,
/// 期 alone; the independent set h94 a, 021).
///
/// Where no box is cut but the edge cuts print of the grey `g` (a label
/// cell too short to be found as a line: `日期 | 2023-02-01`, read `月
/// 2023-02-01` with 期 cut in half, h94 b 033), the edge moves left, within
/// [`WIDEN`] heights, to the first gap between characters
/// ([`WORD_GAP`] heights of columns without ink in the box's rows) or
/// just right of a cell's wall (a column inked from a quarter height above
/// the print to a quarter below).
fn widen_left(b: [u32; 4], paper: [u32; 4], by: f32, lines: &[lines::LineBox], g: &Gray) -> Option<[u32; 4]> {
    let left = b[0].saturating_sub((by * b[3] as f32) as u32).max(paper[0]);
    let reach = b[0].saturating_sub((WIDEN * b[3] as f32) as u32).max(paper[0]);
    let cut = lines.iter().map(|l| l.bbox).filter(|o| same_row(*o, b) && o[0] < left && o[0] + o[2] > left && o[0] >= reach).map(|o| o[0]).min();
    // (The crop reaches its margin further left.)
    let m = crop_margin(b);
    let left = cut.unwrap_or_else(|| clear_of_print(g, b, left.saturating_sub(m), reach.saturating_sub(m)) + m).min(left);
    (left + b[3] < b[0]).then(|| [left, b[1], b[0] + b[2] - left, b[3]])
}

/// Columns without ink in a line's rows, in its heights, that part two
/// words (characters of one word stand closer).
const WORD_GAP: f32 = 0.4;

/// `left`, or where it cuts print in the rows of `b`, the nearest place
/// left of it down to `reach` that does not: see [`widen_left`].
fn clear_of_print(g: &Gray, b: [u32; 4], left: u32, reach: u32) -> u32 {
    let (w, h) = g.dimensions();
    let inked = |x: u32, rows: std::ops::Range<u32>| if x >= w { 0 } else { rows.filter(|&y| g.get_pixel(x, y).0[0] < lines::INK).count() };
    let rows = b[1].min(h)..(b[1] + b[3]).min(h);
    if inked(left, rows.clone()) == 0 {
        return left;
    }
    // A wall runs past the print's rows, a quarter height above and below
    // (from rule to rule); no character's stroke does. (Half a height
    // missed a cell's wall where the rules were nearer the print: h94 b
    // 011, the wall then read into the label, `|6期`.)
    let tall = b[1].saturating_sub(b[3] / 4).min(h)..(b[1] + b[3] + b[3] / 4).min(h);
    let wall = |x: u32| inked(x, tall.clone()) as f32 >= 0.9 * tall.len() as f32;
    let gap = ((WORD_GAP * b[3] as f32).round() as u32).max(2);
    let mut blank = 0;
    let mut x = left;
    while x > reach {
        x -= 1;
        if wall(x) {
            return x + 1;
        }
        blank = if inked(x, rows.clone()) == 0 { blank + 1 } else { 0 };
        if blank >= gap {
            return x + blank / 2;
        }
    }
    left
}

/// A line box narrower than this many typical print heights holds no
/// label and date...
const NARROW: f32 = 4.5;
/// ...unless it is this many times as wide as its own height: a date alone
/// in a table's cell, its digits lower than the page's characters (`|
/// 2024.11.23`, 103 x 14 px where the print is 24 px high: independent
/// set h94 d 043, once its cell's walls were no part of it). A dotted
/// date's ten characters are 5.5 times their height (`2024.05.25`, 93 x 17
/// px where the page's print is 28: h94 j 009, read after the budget at
/// 6.0). A result's `168/102` or `mmol/L` is 4-5 times its height.
const OWN_WIDE: f32 = 5.0;

fn too_narrow(b: [u32; 4], hmed: f32) -> bool {
    (b[2] as f32) < NARROW * hmed && (b[2] as f32) < OWN_WIDE * b[3] as f32
}

/// The dates of a read of a box widened after a label of the paper's own
/// (the label was read in the narrower box): a date whose label the wider
/// read garbled (no label we know, which alone counts as another's: it
/// may be a garbled 打印日期) stands under that label (`日期`) when it is
/// the read's only plausible date and no other label's date is on it (a
/// print time to the right whose label was read).
///
/// A date with no label but a time of day after it is another's (a print
/// time whose label the read garbled, `洒993间- 2023年5月25日 1102`): it is
/// never carried, and it keeps the label from any date on the line (the
/// accuracy test's 008, where the paper's own `2023年05与19哩` did not parse).
fn carry_label(mut dates: Vec<DateFound>, today: Today) -> Vec<DateFound> {
    let bare: Vec<String> = dates.iter().filter(|d| d.label.is_none() && !d.timed && plausible(d, today)).map(|d| d.iso()).collect();
    let other = dates.iter().any(|d| d.timed || (d.label.is_some() && d.kind == LabelKind::Other) || (d.label.is_none() && !plausible(d, today)));
    if !other && !bare.is_empty() && bare.iter().all(|x| *x == bare[0]) && !dates.iter().any(|d| d.kind >= LabelKind::Plain && d.iso() != bare[0]) {
        for d in dates.iter_mut().filter(|d| d.label.is_none()) {
            d.kind = LabelKind::Plain;
        }
    }
    dates
}

/// The most specific labelled, plausible date on a line.
fn own_or_plain(dates: &[DateFound], today: Today) -> Option<DateFound> {
    let ok = |k: LabelKind| dates.iter().find(|d| d.kind == k && plausible(d, today)).cloned();
    ok(LabelKind::Own).or_else(|| ok(LabelKind::Plain))
}

/// A read with a date of the 年 form and no 日 after its last 月
/// (2025年4月2): the line's box may have ended inside the day (27日).
fn year_form_open(text: &str) -> bool {
    text.contains('年') && !text.rsplit('月').next().is_some_and(|t| t.contains('日'))
}

/// A line read ending in a stray mark after a one-digit number
/// (2023.10.1-): a digit half seen, which a digits-only read would drop.
fn ends_cut_short(t: &str) -> bool {
    let cs: Vec<char> = t.trim_end().chars().collect();
    let Some(last) = cs.last() else { return false };
    if !last.is_ascii_punctuation() {
        return false;
    }
    let body: Vec<char> = cs.iter().rev().skip_while(|c| c.is_ascii_punctuation() || c.is_whitespace()).copied().collect();
    body.iter().take_while(|c| c.is_ascii_digit()).count() == 1
}

/// A line that names a date (日期 / 时间) and has digits enough for one.
fn looks_dated(text: &str) -> bool {
    let t = normalise(text);
    // (A digit read as ] or l counts: 2024年]月5日 is six digits.)
    let digits = t.iter().filter(|c| digit_like(**c).is_some()).count();
    let real = t.iter().filter(|c| c.is_ascii_digit()).count();
    // A date is at least 6 digits (2025/9/3); 打印时间, 出生日期 and
    // "住院时间为14天" are no label of the paper's own date: not read again.
    // A label read right (日期 first on the line, or after an own stem:
    // 检查日期 20WEF12月2日) is worth a second look with four digits.
    let exact = (1..t.len()).any(|i| {
        t[i - 1] == '日' && t[i] == '期' && (i == 1 || (i >= 3 && OWN.contains(&t[i - 3..i - 1].iter().collect::<String>().as_str())))
    });
    (digits >= 6 || exact)
        && real >= 4
        && (1..t.len()).any(|i| {
            let w = [t[i - 1], t[i]];
            let time = w == ['时', '间'];
            let stem = &t[i.saturating_sub(3)..i - 1];
            match stem_kind(stem) {
                StemKind::Own(_) => time || is_day_label(w[0], w[1]),
                StemKind::Unknown => is_day_label(w[0], w[1]),
                StemKind::Other(_) | StemKind::Unsure => false,
            }
        })
}

/// A date read once is kept when `need` reads of the line at different
/// sizes give it (up to four reads) and no other date as often; else no
/// answer from this line.
fn confirm(g: &Gray, b: [u32; 4], d: DateFound, need: usize, garbled_label_counts: bool, today: Today, ocr: &mut dyn Ocr, trace: &mut DateTrace) -> Option<DateFound> {
    // Up to three more reads at other sizes; the first date two reads
    // share wins, and it must be the one most reads give.
    let mut reads: Vec<Vec<DateFound>> = vec![vec![d.clone()]];
    for height in [CHECK_AT, THIRD_AT, FOURTH_AT] {
        let text = read_line(g, b, height, ocr, trace);
        // A read of the year with a digit more (20256-10-19 beside three
        // reads of 2025-10-19 for 2026: 990372 068 at full size): the
        // OCR saw two digits at the year's end; the year is in doubt.
        if year_with_a_digit_more(&text, d.year) {
            return None;
        }
        let all = parse_dates_with(&text, d.line, !garbled_label_counts);
        // A date kept under a plain 日期 (its stem unknown) that another
        // read puts under another's label is that other's (打印日期 in thin
        // Kai read 林妊日期, then 林印日期 at another size: a print date,
        // kept for the paper's; independent set h93 a, 053 and 099).
        if d.kind <= LabelKind::Plain && all.iter().any(|e| e.iso() == d.iso() && e.kind == LabelKind::Other && e.label.is_some()) {
            return None;
        }
        let got: Vec<DateFound> = all
            .into_iter()
            // The line's label was read the first time: a read that
            // garbles it (报坷理期 ; 2023/2/5, no label we know) still
            // counts for its date, except under a seal (held-out 000: the
            // seal took a stroke, 2023-08-11 read 14 three times, once as
            // 且期); one that reads another label never does.
            .filter(|e| (e.kind >= LabelKind::Plain || (garbled_label_counts && e.label.is_none())) && plausible(e, today))
            .collect();
        reads.push(got);
        let votes = |iso: &str| reads.iter().filter(|r| r.iter().any(|e| e.iso() == iso)).count();
        let mut best: Option<(usize, DateFound)> = None;
        for e in reads.iter().flatten() {
            let v = votes(&e.iso());
            if v >= need && best.as_ref().map_or(true, |(bv, _)| v > *bv) {
                best = Some((v, e.clone()));
            }
        }
        if let Some((v, e)) = best {
            // `need` alike and no other date as often; and two alike
            // against any read of another date is a coin toss (a Kai 8 read
            // 5, S, 8, 5), three against one is not.
            let rival = reads.iter().flatten().filter(|o| o.iso() != e.iso()).map(|o| votes(&o.iso())).max().unwrap_or(0);
            // In tiny print any other date read is a doubt: Ming print 11 px
            // high read 2025年5月18日 three times and 8月 once for 8月18日
            // (990371 070 at 1024 px); at 13-14 px three against one was
            // right on every draw measured.
            let tiny = (b[3] as f32) < TINY_PRINT;
            // The second look, where three alike are needed (a seal, small
            // print): no other date either. Its reads at 1.25 times the size
            // are no fresh witnesses of a doubt the first look saw (seed 5
            // 012 at 1024 px: 2023/5/19 twice, 2025 and 2029 once in the
            // first look, then 2023 three times and 2025 once).
            let second = trace.scale > 0.0 && need >= 3;
            let rivals = rival >= v || (rival >= 1 && (v < 3 || tiny || second));
            if !rivals {
                return Some(e);
            }
        }
    }
    None
}

/// A read whose date begins with `year` and one digit more, then 年
/// (`20243年06月11` for a year read 2024 elsewhere).
fn five_digit_year(text: &str, year: i32) -> bool {
    let cs: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let y: Vec<char> = format!("{year:04}").chars().collect();
    (0..cs.len()).any(|i| (i == 0 || !cs[i - 1].is_ascii_digit()) && cs[i..].starts_with(&y) && cs.get(i + 4).is_some_and(|c| c.is_ascii_digit()) && cs.get(i + 5) == Some(&'年'))
}

/// A read whose date begins with `year` and one digit more, then a
/// separator (`20256-10-19` for a year read 2025 elsewhere).
fn year_with_a_digit_more(text: &str, year: i32) -> bool {
    let cs: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let y: Vec<char> = format!("{year:04}").chars().collect();
    (0..cs.len()).any(|i| {
        (i == 0 || !cs[i - 1].is_ascii_digit())
            && cs[i..].starts_with(&y)
            && cs.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            && cs.get(i + 5).is_some_and(|c| matches!(c, '-' | '.' | '/' | '年'))
    })
}

/// Where the date starts on a line box `b` read as `text` (a label of at
/// least two Chinese characters, then the date's first digit): the label's
/// share of the line's width, from the characters' widths (a Chinese
/// character one height, other characters about half), moved into the
/// widest gap of the print near it (the space after the colon). None when
/// the read shows no label in front of a digit.
fn date_start(g: &Gray, b: [u32; 4], text: &str) -> Option<u32> {
    let cs: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut p = cs.iter().position(|c| c.is_ascii_digit())?;
    // A year read short (加24年: 20 read as one character): the date
    // starts at the characters that stand for its missing digits (one
    // Chinese character is about two digits wide).
    let run = cs[p..].iter().take_while(|c| c.is_ascii_digit()).count();
    if run < 4 && cs.get(p + run).is_some_and(|c| matches!(c, '年' | '-' | '.' | '/')) {
        let mut missing = 4 - run as i32;
        while missing > 0 && p > 0 && !cs[p - 1].is_ascii() && !matches!(cs[p - 1], '：' | '期' | '间') {
            p -= 1;
            missing -= 2;
        }
    }
    if cs[..p].iter().filter(|c| !c.is_ascii()).count() < 2 {
        return None;
    }
    let width = |c: &char| if c.is_ascii() { 0.55 } else { 1.0 };
    let total: f32 = cs.iter().map(width).sum();
    let est = b[0] as f32 + b[2] as f32 * cs[..p].iter().map(width).sum::<f32>() / total;
    let h = b[3] as f32;
    let (w, gh) = g.dimensions();
    let x0 = ((est - 1.5 * h).max(b[0] as f32) as u32).min(w);
    let x1 = ((est + 0.5 * h).min((b[0] + b[2]) as f32) as u32).min(w);
    let (y0, y1) = (b[1].min(gh), (b[1] + b[3]).min(gh));
    let empty = |x: u32| (y0..y1).all(|y| g.get_pixel(x, y).0[0] >= 140);
    // The widest run of empty columns in the window (the rightmost of equals).
    let (mut best, mut run) = (None::<(u32, u32)>, None::<u32>);
    for x in x0..=x1 {
        match (x < x1 && empty(x), run) {
            (true, None) => run = Some(x),
            (false, Some(s)) => {
                if best.map_or(true, |(bs, be)| x - s >= be - bs) {
                    best = Some((s, x));
                }
                run = None;
            }
            _ => {}
        }
    }
    match best {
        Some((s, e)) if (e - s) as f32 >= (0.12 * h).max(2.0) => Some((s + e) / 2),
        _ => Some((est - 0.3 * h).max(b[0] as f32) as u32),
    }
}

/// Whether the two greys differ on a line box (with its reading margin):
/// red ink was whitened on or round it.
fn differ(g: &Gray, pg: &Gray, b: [u32; 4]) -> bool {
    let m = (b[3] as f32 * 0.35) as u32 + 2;
    let (w, h) = g.dimensions();
    let (x0, y0) = (b[0].saturating_sub(m), b[1].saturating_sub(m));
    let (x1, y1) = ((b[0] + b[2] + m).min(w), (b[1] + b[3] + m).min(h));
    pg.dimensions() == (w, h) && (y0..y1).any(|y| (x0..x1).any(|x| g.get_pixel(x, y) != pg.get_pixel(x, y)))
}

/// A dated line whose reads kept no date, read again on the plain grey
/// (the print round red ink not whitened: a seal's or a pen tick's edge
/// took a 4's diagonal, `2023.10.1:` for 10.14): kept where every read,
/// at two sizes (three under a seal or in small print), gives the same
/// plausible date and no other, under a label of the paper's own or (not
/// under a seal) a garbled one; a 年 form must not end in its day's digit
/// (the day may be cut short: 2025年4月2 for 27日).
fn again_plain(pg: &Gray, b: [u32; 4], line: usize, small: bool, garbled_label_counts: bool, today: Today, ocr: &mut dyn Ocr, trace: &mut DateTrace) -> Option<DateFound> {
    let sizes: &[f32] = if small { &[READ_AT, CHECK_AT, THIRD_AT] } else { &[READ_AT, CHECK_AT] };
    let mut first: Option<DateFound> = None;
    for &h in sizes {
        let text = read_line_part(pg, b, None, h, None, ocr, trace);
        let mut dates: Vec<DateFound> = parse_dates_with(&text, line, !garbled_label_counts)
            .into_iter()
            .filter(|e| (e.kind >= LabelKind::Plain || (garbled_label_counts && e.label.is_none())) && plausible(e, today))
            .collect();
        dates.dedup_by(|a, b| a.iso() == b.iso());
        let [d] = dates.as_slice() else { return None };
        if d.text.contains('年') && d.text.ends_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        match &first {
            None => first = Some(d.clone()),
            Some(f) if f.iso() == d.iso() => {
                if d.kind > f.kind {
                    first = Some(d.clone());
                }
            }
            Some(_) => return None,
        }
    }
    first
}

/// What a date is written with: a line read with only these allowed
/// gives digits for the `]`, `|`, `l` and `O` of thin print.
const DATE_CHARS: &str = "0123456789年月日-./";

/// A labelled line whose date did not parse at three sizes (`2025年]月1日`,
/// thin Ming or Kai digits) read with only a date's characters allowed, at
/// two sizes (three under a seal or in small print): kept where they all
/// give the same plausible date and no other. The label came from the
/// ordinary reads (`looks_dated`: 日期 or an own 时间, not 打印 / 出生 ...).
///
/// `left`: where the date starts (x in `g`), the label and its colon left
/// of it are not read (read with only a date's characters allowed, 检查日期:
/// comes out as digits and marks that run into the date: `日2025年2月7`).
///
/// `alt`: another grey of the page (the plain grey, for a line under a
/// seal): once, a read on it at the same size stands in for a read on `g`
/// that gave no date (the whitening round the seal took a stroke of 年:
/// `20267月8日`); it must give the same date as the others. A read that
/// gives another date is never replaced.
fn digits_only(g: &Gray, alt: Option<&Gray>, b: [u32; 4], left: Option<u32>, line: usize, strict: bool, today: Today, ocr: &mut dyn Ocr, trace: &mut DateTrace) -> Option<DateFound> {
    let sizes: &[f32] = if strict { &[READ_AT, CHECK_AT, THIRD_AT] } else { &[READ_AT, CHECK_AT] };
    // One read's date: Ok(None) where it gave none, Err where it gave
    // more than one.
    let one = |text: &str| -> Result<Option<DateFound>, ()> {
        let dates: Vec<DateFound> = parse_dates(text, line).into_iter().filter(|d| plausible(d, today)).collect();
        match dates.as_slice() {
            [] => Ok(None),
            // 2025年4月2 with no 日 may be a day cut short (the line's box
            // ended inside 27日): no date.
            [_] if year_form_open(text) => Ok(None),
            [d] => Ok(Some(d.clone())),
            _ => Err(()),
        }
    };
    let mut alt = alt;
    let mut left = left;
    let mut first: Option<DateFound> = None;
    for &h in sizes {
        let mut text = read_line_part(g, b, left, h, Some(DATE_CHARS), ocr, trace);
        // The cut fell inside the year (the gap after its first digits
        // taken for the one after the label: `026年6月1日`, `26年1月24日`):
        // the missing digits' width (about half a print height each) is
        // given back, and the line read again (once).
        if let (Some(x), Some(short)) = (left, year_cut_short(&text)) {
            left = Some(x.saturating_sub((short as f32 * 0.55 * b[3] as f32).ceil() as u32).max(b[0]));
            text = read_line_part(g, b, left, h, Some(DATE_CHARS), ocr, trace);
        }
        let mut got = one(&text).ok()?;
        if got.is_none() {
            if let Some(pg) = alt.take() {
                got = one(&read_line_part(pg, b, left, h, Some(DATE_CHARS), ocr, trace)).ok()?;
            }
        }
        let d = got?;
        match &first {
            None => first = Some(d),
            Some(f) if f.iso() == d.iso() => {}
            Some(_) => return None,
        }
    }
    first.filter(|d| !digit_lost(trace, b, d) && !letter_says_otherwise(trace, b, d, today)).map(|d| DateFound { kind: LabelKind::Plain, ..d })
}

/// Whether most of the line's own reads (every character allowed; two or
/// more of them), with each letter that reads like a digit taken for it
/// (`S` for 5: [`digit_like`]), spell one date and it is not the date `d`
/// the digits-only reads gave: a digits-only read must turn such a letter
/// into some digit, and turned it into another (held-out 991242 004:
/// `检查日期: 2025/S/27` three times, `2025/3/27` with digits only, for
/// 2025-05-27). Then no answer: the person is asked.
fn letter_says_otherwise(trace: &DateTrace, b: [u32; 4], d: &DateFound, today: Today) -> bool {
    let own: Vec<&str> = trace.reads.iter().filter(|(rb, digits, _)| *rb == b && !digits).map(|(_, _, t)| t.as_str()).collect();
    let as_digits = |t: &str| -> String { t.chars().map(|c| if c.is_ascii_alphabetic() { digit_like(c).unwrap_or(c) } else { c }).collect() };
    let other = own
        .iter()
        .filter(|t| t.chars().any(|c| c.is_ascii_alphabetic() && digit_like(c).is_some()))
        .filter(|t| matches!(parse_dates(&as_digits(t), 0).iter().filter(|e| plausible(e, today)).collect::<Vec<_>>().as_slice(), [e] if e.iso() != d.iso()))
        .count();
    other >= 2 && 2 * other > own.len()
}

/// Whether most of the line's own reads (every character allowed; two or
/// more of them) show one more digit in the month, or in the day, than the
/// read `d` came from: a narrow 1 read as a bracket, which a digits-only
/// read drops (`2025年1)月13日`, `1]月` three times, read `2025年1月13日` with
/// digits only and once on the plain grey: held-out 991152 060 at 1024 px
/// took 2025-01-13 for 2025-11-13). Then no answer: the person is asked.
fn digit_lost(trace: &DateTrace, b: [u32; 4], d: &DateFound) -> bool {
    let widths: Vec<(usize, usize)> = trace.reads.iter().filter(|(rb, digits, _)| *rb == b && !digits).filter_map(|(_, _, t)| field_widths(t)).collect();
    let most = |wider: usize| wider >= 2 && 2 * wider > widths.len();
    field_widths(&d.text).is_some_and(|(m, dd)| most(widths.iter().filter(|w| w.0 > m).count()) || most(widths.iter().filter(|w| w.1 > dd).count()))
}

/// How many characters of a read's month and day (between 年 and 月, and
/// between 月 and 日) are digits or read like one (a narrow 1 read as `)`
/// or `]`), or a glyph the OCR could not make out (`?`: kept-back 991251
/// 009, `2025年1 ?月16日` for 12月); None where the read spells no 年, 月
/// and 日 in turn or a field is empty or longer than two.
fn field_widths(text: &str) -> Option<(usize, usize)> {
    let cs: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let y = cs.iter().position(|&c| c == '年')?;
    let m = y + 1 + cs[y + 1..].iter().position(|&c| c == '月')?;
    let d = m + 1 + cs[m + 1..].iter().position(|&c| c == '日')?;
    let digitish = |c: &&char| c.is_ascii_digit() || digit_like(**c).is_some() || matches!(c, ')' | '(' | '）' | '（' | '?' | '？');
    let (mw, dw) = (cs[y + 1..m].iter().filter(digitish).count(), cs[m + 1..d].iter().filter(digitish).count());
    ((1..=2).contains(&mw) && (1..=2).contains(&dw)).then_some((mw, dw))
}

/// How many of a year's four digits a date read begins without: a run of
/// one to three digits, then 年 or a separator and more digits (`026年`,
/// `25.07.30`); None when it begins with a whole year or no date.
fn year_cut_short(text: &str) -> Option<usize> {
    let cs: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let run = cs.iter().take_while(|c| c.is_ascii_digit()).count();
    let sep = cs.get(run).is_some_and(|c| matches!(c, '年' | '-' | '.' | '/'));
    let more = cs.get(run + 1).is_some_and(|c| c.is_ascii_digit());
    ((1..4).contains(&run) && sep && more).then(|| 4 - run)
}

/// One line crop read by the OCR, scaled so the line is `height` px high.
fn read_line(g: &Gray, b: [u32; 4], height: f32, ocr: &mut dyn Ocr, trace: &mut DateTrace) -> String {
    read_line_with(g, b, height, None, ocr, trace)
}

/// [`read_line`], with only `whitelist`'s characters allowed if given.
fn read_line_with(g: &Gray, b: [u32; 4], height: f32, whitelist: Option<&str>, ocr: &mut dyn Ocr, trace: &mut DateTrace) -> String {
    read_line_part(g, b, None, height, whitelist, ocr, trace)
}

/// The margin round a line's box in its crop for the OCR.
fn crop_margin(b: [u32; 4]) -> u32 {
    (b[3] as f32 * 0.35) as u32 + 2
}

/// [`read_line_with`], only the part of the line right of `left` (x in
/// `g`; what lies left of it is whitened, the margin included).
fn read_line_part(g: &Gray, b: [u32; 4], left: Option<u32>, height: f32, whitelist: Option<&str>, ocr: &mut dyn Ocr, trace: &mut DateTrace) -> String {
    let key = (g as *const Gray as usize, b, left);
    let (crop, line_h) = match trace.crops.0.iter().find(|(k, _, _)| *k == key) {
        Some((_, crop, line_h)) => (crop.clone(), *line_h),
        None => {
            let margin = crop_margin(b);
            let mut crop = prep::crop(g, b, margin);
            if let Some(left) = left {
                let cut = left.saturating_sub(b[0].saturating_sub(margin)).min(crop.width());
                for y in 0..crop.height() {
                    for x in 0..cut {
                        crop.put_pixel(x, y, image::Luma([255]));
                    }
                }
            }
            let (crop, line_h) = prep::level_line(&crop, b[3]);
            // Print leant by the page's perspective is stood upright (`prep::slant`).
            let sh = prep::slant(&crop);
            let crop = if sh.abs() >= prep::SLANT_MIN { prep::unslant(&crop, sh) } else { crop };
            trace.crops.0.push((key, crop.clone(), line_h));
            (crop, line_h)
        }
    };
    let height = if trace.scale > 0.0 { height * trace.scale } else { height };
    let k = (height / line_h.max(1) as f32).clamp(0.4, 4.0);
    let crop = image::imageops::resize(
        &crop,
        ((crop.width() as f32 * k) as u32).max(1),
        ((crop.height() as f32 * k) as u32).max(1),
        image::imageops::FilterType::Triangle,
    );
    trace.line_calls += 1;
    trace.pixels += crop.width() as u64 * crop.height() as u64;
    let text = match whitelist {
        Some(w) => ocr.line_with(&crop, w).unwrap_or_default(),
        None => ocr.line(&crop).unwrap_or_default(),
    };
    let only = if whitelist.is_some() { " digits" } else { "" };
    trace.texts.push(format!("{:?}@{height}/{line_h}{only}: {text}", b));
    trace.reads.push((b, whitelist.is_some(), text.clone()));
    text
}

/// The second opinion (issue 13's date goal): where the first engine's
/// reads kept no date, the levelled line crops whose reads look dated (3+
/// digits, or 年 月 日 期) are read by the second engine ([`Ocr::second`],
/// PaddleOCR's line recogniser), each enlarged as the first read enlarges
/// it (print `READ_AT` px high); only where those give no date, the first
/// line the first engine read as nothing legible ([`illegible`]). The
/// answer is the one plausible, untimed date under the paper's own label or
/// a plain 日期 that every such read agrees on; small print must read the
/// same twice (padded with white, the line at another scale: the same date,
/// or its digits in the same order where a separator was lost; where the
/// padded read spelled no date, a read padded less must give the same
/// date; or else the first engine's reads of that line must give it by
/// themselves, as [`most_read`] counts them). Anything else, or no second
/// engine: no date (the person is asked). Measured in docs/bench-read-notes.md.
pub(crate) fn second_opinion(today: Today, ocr: &mut dyn Ocr, trace: &mut DateTrace) -> Option<DateFound> {
    let mut seen: Vec<[u32; 4]> = Vec::new();
    let mut dates: Vec<DateFound> = Vec::new();
    // Print times the second engine read (`printed_before`).
    let mut printed: Vec<DateFound> = Vec::new();
    let crops = trace.crops.0.clone();
    // First the lines whose first read looks dated; then, only where those
    // gave no date, the first line read as nothing legible.
    let first_read = |trace: &DateTrace, b: [u32; 4], what: fn(&str, [u32; 4]) -> bool| trace.reads.iter().any(|(rb, digits, t)| *rb == b && !digits && what(t, b));
    let dated: fn(&str, [u32; 4]) -> bool = |t, _| worth_a_second_opinion(t);
    let blank: fn(&str, [u32; 4]) -> bool = |t, b| illegible(t) && (4 * b[3]..=10 * b[3]).contains(&b[2]);
    let mut blank_reads = 0;
    let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
    for (tier, ((_, b, left), crop, line_h)) in crops.iter().map(|c| (0, c)).chain(crops.iter().map(|c| (1, c))) {
        let (b, crop, line_h) = (*b, crop.clone(), *line_h);
        if left.is_some() || seen.contains(&b) || (b[3] as f32) < SECOND_LEAST_PRINT {
            continue;
        }
        if tier == 0 && !first_read(trace, b, dated) {
            continue;
        }
        if tier == 1 && (!dates.is_empty() || blank_reads == 1 || !first_read(trace, b, blank)) {
            continue;
        }
        blank_reads += tier;
        seen.push(b);
        let k = (READ_AT / line_h.max(1) as f32).clamp(0.4, 4.0);
        let crop = if k == 1.0 {
            crop
        } else {
            image::imageops::resize(&crop, ((crop.width() as f32 * k) as u32).max(1), ((crop.height() as f32 * k) as u32).max(1), image::imageops::FilterType::Triangle)
        };
        let line_h = (line_h as f32 * k) as u32;
        let Some(text) = ocr.second(&crop) else { return None };
        trace.texts.push(format!("{b:?} second: {text}"));
        let own = |text: &str| -> Vec<DateFound> {
            parse_dates(text, 0)
                .into_iter()
                // (A time after a label of the paper's own is the moment it
                // was issued: `检查日期：2025.11.10 14:38`, h93 a, 057.)
                .filter(|d| plausible(d, today) && (d.kind == LabelKind::Own || (!d.timed && d.kind == LabelKind::Plain)))
                .collect()
        };
        printed.extend(parse_dates(&text, 0).into_iter().filter(|p| p.label.as_deref().is_some_and(|l| l.starts_with("打印")) && plausible(p, today)));
        let mut found = own(&text);
        if found.is_empty() {
            // A separator lost (`日期202407-20`): mended only where the first
            // engine read the same digits on this line (two engines agree).
            if let Some(m) = mend_lost_separator(&text) {
                found = own(&m);
                found.retain(|d| {
                    let want = digits(&d.text);
                    trace.reads.iter().any(|(rb, _, t)| *rb == b && digits(t).contains(&want))
                });
            }
        }
        if !found.is_empty() && (line_h as f32 / k) < SMALL_PRINT {
            // Small print: read again with white above and below (the
            // line at another scale); the date must come out the same.
            let (w, h) = crop.dimensions();
            let padded = |pad: u32| {
                Gray::from_fn(w, h + 2 * pad, |x, y| {
                    if y < pad || y >= h + pad { image::Luma([255]) } else { *crop.get_pixel(x, y - pad) }
                })
            };
            // The same date, or (a separator lost: `2026/315` after
            // `2026/3/15`) no date but the same digits in the same order.
            let mut read_at = |pad: u32, what: &str, trace: &mut DateTrace| {
                let text = ocr.second(&padded(pad)).unwrap_or_default();
                trace.texts.push(format!("{b:?} second ({what}): {text}"));
                let dates = own(&text);
                (text, dates)
            };
            let same = |again: &[DateFound]| found.iter().all(|d| again.iter().any(|a| a.iso() == d.iso()));
            let (again_text, again) = read_at(line_h / 2 + 1, "padded", trace);
            let agrees = same(&again) || (again.is_empty() && found.iter().all(|d| digits(&again_text).contains(&digits(&d.text))));
            // Where the padded read spelled no date at all (small print
            // shrunk further reads worse: `2024.00.23`, `025.10.28`), once
            // more padded by a sixth, a scale nearer the first's, which
            // must give the same date exactly.
            if !agrees {
                // A padded read with another date (`2024年` against
                // `2021年`) is a disagreement: no answer from this photo's
                // second opinion.
                if !again.is_empty() {
                    return None;
                }
                let less = read_at(line_h / 6 + 1, "padded less", trace).1;
                if !same(&less) {
                    // So is one padded less; where it spelled no date
                    // either, the first engine's reads of this line must
                    // give the same date by themselves, as `most_read`
                    // counts them (two engines agree: 991271 005,
                    // `2023.04-24` four times among five `2023.04-34`, and
                    // `2023-04-24` here, padded `203-04-24` and
                    // `2033-04-24`).
                    if !less.is_empty() {
                        return None;
                    }
                    let of_line = trace.reads.iter().filter(|(rb, _, _)| *rb == b).map(|(_, _, t)| t.as_str());
                    let first_engine = most_read(&plausible_per_read(of_line, today), |_| true);
                    if !found.iter().all(|d| first_engine.as_ref().is_some_and(|f| f.iso() == d.iso())) {
                        return None;
                    }
                }
            }
        }
        dates.extend(found);
    }
    let first = dates.first()?.clone();
    (dates.iter().all(|d| d.iso() == first.iso()) && !printed.iter().any(|p| printed_before(&first, p))).then_some(first)
}

/// A date whose separator after the year or after the month was lost
/// (`202407-20`, `2024.0118`, `2026/315`) with it put back, where only one
/// month from 1 to 12 fits; `None` where nothing was mended.
fn mend_lost_separator(text: &str) -> Option<String> {
    let t: Vec<char> = text.chars().collect();
    let is_d = |i: usize| t.get(i).is_some_and(|c| c.is_ascii_digit());
    for i in 0..t.len().saturating_sub(4) {
        let year = (0..4).all(|k| is_d(i + k)) && matches!((t[i], t[i + 1]), ('1', '9') | ('2', '0')) && (i == 0 || !is_d(i - 1));
        if !year {
            continue;
        }
        let y: String = t[i..i + 4].iter().collect();
        let run = |from: usize| (from..t.len()).take_while(|&j| is_d(j)).count();
        let month_ok = |m: &str| m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
        let rest: String = t[i + 4..].iter().collect();
        let after = |j: usize| t[j..].iter().collect::<String>();
        // 2026 + 06 + 19, both separators lost: eight digits alone spell
        // one date (the independent set h91, 022: `开具门期：20260619`,
        // the first engine `2026.06 19`).
        if run(i) == 8 {
            let (mm, dd): (String, String) = (t[i + 4..i + 6].iter().collect(), t[i + 6..i + 8].iter().collect());
            if month_ok(&mm) && dd.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
                return Some(format!("{}{y}-{mm}-{dd}{}", t[..i].iter().collect::<String>(), after(i + 8)));
            }
            continue;
        }
        // 2024 + 07 + sep + 20: the month fused to the year.
        let m = run(i + 4);
        if (1..=2).contains(&m) && t.get(i + 4 + m).is_some_and(|c| "-./".contains(*c)) && month_ok(&rest[..m]) {
            let sep = t[i + 4 + m];
            return Some(format!("{}{y}{sep}{}", t[..i].iter().collect::<String>(), after(i + 4)));
        }
        // 2024 + sep + 0118 / 315: the day fused to the month.
        if t.get(i + 4).is_some_and(|c| "-./".contains(*c)) {
            let sep = t[i + 4];
            let n = run(i + 5);
            if !(3..=4).contains(&n) {
                continue;
            }
            let md: String = t[i + 5..i + 5 + n].iter().collect();
            // Month and day of one or two digits each (n is 3 or 4).
            let splits: Vec<usize> =
                (n - 2..=2).filter(|&k| month_ok(&md[..k]) && md[k..].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))).collect();
            if splits.len() == 1 {
                let k = splits[0];
                return Some(format!("{}{y}{sep}{}{sep}{}{}", t[..i].iter().collect::<String>(), &md[..k], &md[k..], after(i + 5 + n)));
            }
        }
    }
    None
}

/// Whether a first read of a line (however garbled) may hide a date, so the
/// second engine reads it: three digits, or any of 年 月 日 期 (a date line
/// can come out as `入章日区"MA`), but not what such reads are without one:
/// an age (年龄: 67岁), a clinic number alone (门诊号: 685512), a sentence
/// of advice without a digit (每三个月复查一次). Each of those cost a read (a
/// second of a slow phone's time) and never gave a date.
fn worth_a_second_opinion(text: &str) -> bool {
    let t: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = t.iter().filter(|c| c.is_ascii_digit()).count();
    let dateish = t.iter().any(|&c| "年月日期".contains(c));
    let year = t.windows(4).any(|w| w.iter().all(|c| c.is_ascii_digit()) && matches!((w[0], w[1]), ('1', '9') | ('2', '0')));
    let runs: Vec<usize> = t.split(|c| !c.is_ascii_digit()).map(<[char]>::len).filter(|&n| n > 0).collect();
    let age = t.contains(&'岁') && !year;
    let number = !dateish && !year && runs.len() == 1 && runs[0] >= 5;
    let sentence = digits == 0 && t.iter().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(*c)).count() >= 12;
    (digits >= 3 || dateish) && !age && !number && !sentence
}

/// Whether the first engine read nothing legible on a line (no letter,
/// digit or CJK character: `""`, `|`, `-`): a line of print that came
/// out as nothing may be a date under a seal or in a typeface it does not
/// know (`开具日期：2023/8/6` under a seal read as `""`), so where the
/// line's box is shaped like a dated line (4-10x as wide as high; longer
/// ones are rules and sentences, and each read costs a slow phone half a
/// second) the second engine reads it.
fn illegible(text: &str) -> bool {
    !text.chars().any(|c| c.is_alphanumeric())
}

/// Marks the OCR reads for a thin date separator (/ - .): the digits 1, 7
/// and 0 and strokes (`2024/3118`, `2024/3018` for 2024/3/18; `2023/2712`
/// for 2023/2/12; `2024/57V18`).
const SEP_LOOKALIKES: &str = "170Il|iJLV)(\\!][卫丿";

/// What one read of a line can spell: the real dates its date part reads
/// as if its separators were misread, each with what that takes: a
/// separator read right costs 0, read as one look-alike mark or lost 1,
/// read as two marks 2. Only the cheapest spellings are kept, at most 2
/// in all; a read that parses as it is spells what it parses to. Only the
/// / - . forms (a 年 date's 年 and 月 are not digits the OCR mixes up).
/// `garbled_label_counts`: a date with no label we know counts (a label
/// garbled), as in `confirm`; `digits`: a digits-only read, whose label
/// was cut off.
fn spelled(text: &str, line: usize, strict: bool, garbled_label_counts: bool, digits: bool, today: Today) -> Vec<(DateFound, bool)> {
    let ok = |label: &Option<String>, kind: LabelKind| kind >= LabelKind::Plain || ((garbled_label_counts || digits) && label.is_none());
    let mut whole: Vec<DateFound> = parse_dates_with(text, line, strict).into_iter().filter(|d| ok(&d.label, d.kind) && plausible(d, today)).collect();
    // A read of the 年 form whose day nothing closes spells nothing: the
    // day may be cut short (kept-back 990302 050 at 1024 px: `2023年3月2`
    // twice, a digits-only read and a whole one, for 3月22日, and no
    // other read spelled a date, so the two agreed on a wrong 03-02). A
    // two-digit day closed by 日 misread (`19晶`, as `date_at` takes it)
    // is whole (990381 040: `2026年04月19晶` twice, no other date read).
    if whole.iter().any(|d| d.text.contains('年') && d.text.ends_with(|c: char| c.is_ascii_digit())) {
        return Vec::new();
    }
    if !whole.is_empty() {
        whole.dedup_by(|a, b| a.iso() == b.iso());
        return whole.into_iter().map(|d| (d, false)).collect();
    }
    let cs = normalise_with(text, strict);
    let sep_cost = |t: &[char], at: usize| -> Vec<(u32, usize)> {
        let mut v = vec![(1, 0)];
        let look = |c: char| SEP_LOOKALIKES.contains(c);
        let exact = |c: char| matches!(c, '-' | '.' | '/');
        if let Some(&c) = t.get(at) {
            if exact(c) {
                v.push((0, 1));
            } else if look(c) {
                v.push((1, 1));
            }
            if (exact(c) || look(c)) && t.get(at + 1).is_some_and(|&n| exact(n) || look(n)) {
                v.push((2, 2));
            }
        }
        v
    };
    let run = |t: &[char], at: usize, n: usize| at + n <= t.len() && t[at..at + n].iter().all(|c| c.is_ascii_digit());
    let value = |t: &[char], at: usize, n: usize| t[at..at + n].iter().fold(0u32, |v, c| v * 10 + c.to_digit(10).unwrap_or(0));
    let mut best: Option<u32> = None;
    let mut found: Vec<(u32, DateFound, bool)> = Vec::new();
    for i in 0..cs.len() {
        if !run(&cs, i, 4) || (i > 0 && cs[i - 1].is_ascii_digit()) {
            continue;
        }
        let (label, kind, start, _) = label_before(&cs, i, strict);
        if !ok(&label, kind) {
            continue;
        }
        let year = value(&cs, i, 4) as i32;
        for (c1, l1) in sep_cost(&cs, i + 4) {
            for ml in 1..=2 {
                let p = i + 4 + l1;
                if !run(&cs, p, ml) {
                    continue;
                }
                let month = value(&cs, p, ml);
                for (c2, l2) in sep_cost(&cs, p + ml) {
                    for dl in 1..=2 {
                        let q = p + ml + l2;
                        let cost = c1 + c2;
                        if cost > 2 || !run(&cs, q, dl) {
                            continue;
                        }
                        let day = value(&cs, q, dl);
                        let end = q + dl;
                        // The date ends there: the line's end, a space (a
                        // time after it), or a Chinese character; not a
                        // digit or a mark (a day cut short: 2023.10.1-).
                        let closed = match cs.get(end) {
                            None | Some(' ') => true,
                            Some(&c) => !c.is_ascii() && !SEP_LOOKALIKES.contains(c),
                        };
                        if !closed {
                            continue;
                        }
                        // A padded month with a one-digit day: cut short;
                        // no dearer spelling of the read stands in for it
                        // (2023/05/1 is no 2023/5/1 with the 0 a slash).
                        // A misread separator before a one-digit number:
                        // the mark may have taken a digit with it (990291
                        // 036 at 1024 px: `2024/6)1` twice for 6/11).
                        if ml == 2 && cs[p] == '0' && dl == 1 {
                            best = Some(best.map_or(cost, |b| b.min(cost)));
                            continue;
                        }
                        let text: String = cs[start..end].iter().collect();
                        let d = DateFound { year, month, day, text, label: label.clone(), kind, line, timed: false };
                        if d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(year, month) {
                            best = Some(best.map_or(cost, |b| b.min(cost)));
                            // A letter read for a 1 (J; I, l, ] parse as a
                            // digit already) after a month 1 and before a
                            // separator read right is
                            // as likely the month's last digit (10-12) as a
                            // second mark of the separator (990382 023 at 1024
                            // px: `2023/1J/14` three times for 2025/11/14,
                            // spelled 01-14): the read spells the date only
                            // among others.
                            let digit_mark = l2 == 2
                                && ml == 1
                                && month <= 1
                                && cs.get(p + ml).is_some_and(|&c| c == 'J' || (digit_like(c).is_some() && !c.is_ascii_digit()))
                                && cs.get(p + ml + 1).is_some_and(|&n| matches!(n, '-' | '.' | '/'));
                            // ... and so is such a letter read for the
                            // separator itself after a month 1 (991600 069 at
                            // 1024 px: `2024/1J26` twice for 2024/11/26, the
                            // slash lost, spelled 01-26).
                            let digit_sep = c2 > 0 && l2 == 1 && ml == 1 && month == 1 && cs.get(p + ml).is_some_and(|&c| c == 'J' || (digit_like(c) == Some('1') && !c.is_ascii_digit()));
                            let digit_mark = digit_mark || digit_sep;
                            // (A mark after the year before a one-digit
                            // month of 3-9 took no digit: 13-19 is no month.
                            // Held-out 990714 007: `日期: 2026)3/6` read six
                            // times alike for 2026/3/6, never kept.) A
                            // digit taken for the separator's second mark
                            // after the year may be the month's own, the
                            // digit after it the misread (kept-back 991252
                            // 053: `2026/14/10` twice for 2026/1/10, spelled
                            // 04-10 alone).
                            let month_digit_mark = c1 == 2 && ml == 1 && cs.get(i + 5).is_some_and(|c| c.is_ascii_digit());
                            found.push((cost, d, (c1 > 0 && ml == 1 && month <= 2) || (c2 > 0 && dl == 1) || digit_mark || month_digit_mark));
                        }
                    }
                }
            }
        }
    }
    let mut dates: Vec<(DateFound, bool)> = found.into_iter().filter(|(c, d, _)| Some(*c) == best && plausible(d, today)).map(|(_, d, r)| (d, r)).collect();
    dates.sort_by_key(|(d, r)| (d.iso(), *r));
    dates.dedup_by(|a, b| a.0.iso() == b.0.iso());
    dates
}

/// Reads of one line that kept no date may still agree on one when their
/// misread separators are reasoned over (`2024/3/18` read once, then
/// `2024/3118`, `2024/3018`: the thin slash read as 1 or 0): the date
/// every read that spells any date spells ([`spelled`]), and only that
/// one, spelled alone by at least two reads. A read that spells another
/// date leaves no answer, as do reads that spell it only among others
/// (`2023/1119` is 1/19, 11/9 or 11/19).
fn agree(spellings: &[Vec<(DateFound, bool)>]) -> Option<DateFound> {
    let some: Vec<&Vec<(DateFound, bool)>> = spellings.iter().filter(|s| !s.is_empty()).collect();
    let (first, rest) = some.split_first()?;
    let shared: Vec<&DateFound> = first.iter().map(|(d, _)| d).filter(|d| rest.iter().all(|s| s.iter().any(|(e, _)| e.iso() == d.iso()))).collect();
    let [d] = shared.as_slice() else { return None };
    // Two reads that spell it alone: one whole read and ambiguous ones is
    // not enough (990321 025: `2026/419` is 4/9 or 4/19, and a whole read
    // `2026/4/19` spilt the thin slash into /1; the truth was 4/9).
    // Spelled alone and not through a misread separator before a one-digit
    // number (the mark may have taken a digit with it: 990291 036 at 1024
    // px, `2024/6)1` twice for 6/11).
    if some.iter().filter(|s| matches!(s.as_slice(), [(_, false)])).count() < 2 {
        return None;
    }
    // The most specific label any read gave it.
    let kind = some.iter().flat_map(|s| s.iter().map(|(e, _)| e)).filter(|e| e.iso() == d.iso()).max_by_key(|e| e.kind)?;
    Some(DateFound { kind: kind.kind.max(LabelKind::Plain), label: kind.label.clone(), ..(*d).clone() })
}

/// A read whose year broke off after its first digits into a mark or a
/// character (`202t /8/1`, `202和/8/1`, `202/8/1`): the year's digits
/// are in doubt, which [`spelled`] cannot reason over (990321 007 at
/// 1024 px: 2024/8/1 read four times for 2026/8/1 beside these).
fn year_garbled(text: &str) -> bool {
    let cs = normalise(text);
    (0..cs.len()).any(|i| {
        let run = cs[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        cs[i..].starts_with(&['2', '0']) && (i == 0 || !cs[i - 1].is_ascii_digit()) && (2..4).contains(&run) && cs.get(i + run).is_some_and(|c| !c.is_whitespace() && *c != ':')
    })
}

/// [`agree`] over every read of the line box `b` so far; none where a
/// read garbled the year.
fn agree_line(b: [u32; 4], line: usize, strict: bool, garbled_label_counts: bool, today: Today, trace: &DateTrace) -> Option<DateFound> {
    let reads: Vec<&([u32; 4], bool, String)> = trace.reads.iter().filter(|(rb, _, _)| *rb == b).collect();
    if reads.iter().any(|(_, _, t)| year_garbled(t)) {
        return None;
    }
    let spellings: Vec<Vec<(DateFound, bool)>> = reads.iter().map(|(_, digits, t)| spelled(t, line, strict, garbled_label_counts, *digits, today)).collect();
    // A read of its year with a digit more before 年 is a doubt, as in
    // `confirm` (held-out 991301 030 at 1024 px: `20243年06月11` read
    // digits-only beside two reads of 2024年06月11 for 2023); before a
    // separator the digit is the separator misread, which `spelled`
    // reasons over (991261 001 at 1024 px: `20247/8/8` for 2024/8/8).
    agree(&spellings).filter(|d| !reads.iter().any(|(_, _, t)| five_digit_year(t, d.year)) && !digit_lost(trace, b, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Today = (2026, 11, 30);

    /// A real day, not in the future, and not older than a paper anyone
    /// would file (a 2 read as 0 in the year).
    #[test]
    fn plausible_dates_are_real_recent_and_past() {
        let cases: &[((i32, u32, u32), bool)] = &[
            ((2026, 11, 30), true),
            ((2026, 12, 1), false),
            ((2024, 6, 18), true),
            ((2016, 1, 1), true),
            ((2015, 12, 31), false),
            ((2004, 6, 18), false),
            ((2024, 2, 29), true),
            ((2023, 2, 29), false),
            ((2025, 13, 1), false),
            ((2025, 4, 31), false),
            ((2025, 4, 0), false),
        ];
        for &((year, month, day), want) in cases {
            let d = DateFound { year, month, day, text: String::new(), label: None, kind: LabelKind::Own, line: 0, timed: false };
            assert_eq!(plausible(&d, TODAY), want, "{year}-{month}-{day}");
        }
    }

    fn one(s: &str) -> Option<(String, Option<String>, LabelKind)> {
        let f = parse_dates(s, 0);
        f.first().map(|d| (d.iso(), d.label.clone(), d.kind))
    }

    #[test]
    fn reads_every_form() {
        for s in ["日期：2025年9月30日", "日期:2025年09月30日", "日 期 ： 2025 - 09 - 30", "日期：2025.09.30", "日期：2025/9/30"] {
            assert_eq!(one(s), Some(("2025-09-30".into(), Some("日期".into()), LabelKind::Plain)), "{s}");
        }
        assert_eq!(one("开具日期：2025年9月3日").map(|x| x.2), Some(LabelKind::Own));
        assert_eq!(one("报告日期:2024.1.5").map(|x| (x.0, x.1)), Some(("2024-01-05".into(), Some("报告日期".into()))));
        assert_eq!(one("检查日期 2023/12/01").map(|x| x.2), Some(LabelKind::Own));
        // 日期 misread after an own stem, or as a known look-alike.
        assert_eq!(one("检查日骨: 2025/4/29").map(|x| (x.1, x.2)), Some((Some("检查日期".into()), LabelKind::Own)));
        assert_eq!(one("旦期: 2025/4/29").map(|x| (x.1, x.2)), Some((Some("日期".into()), LabelKind::Plain)));
        // 日 lost after an own stem; not after another's (有效期 is no date's label of ours).
        assert_eq!(one("检查期：2023/9/8").map(|x| (x.1, x.2)), Some((Some("检查日期".into()), LabelKind::Own)));
        assert_eq!(one("报告期 2024.10.06").map(|x| (x.1, x.2)), Some((Some("报告日期".into()), LabelKind::Own)));
        assert_eq!(one("有效期：2025/9/8").map(|x| x.2), Some(LabelKind::Other));
        // Mixed separators (the OCR mixes up - . /) still make a date.
        assert_eq!(one("日期：2023.06-08").map(|x| x.0), Some("2023-06-08".into()));
        // The separator after the year lost: a two-digit month and day.
        let joined: &[(&str, Option<&str>)] = &[
            ("报告日期：202610.27", Some("2026-10-27")),
            ("检查日期：202412-07", Some("2024-12-07")),
            ("日期 202304/10", Some("2023-04-10")),
            ("日期：202413.07", None),
            ("日期：202410.151", None),
            ("日期：202410.1", None),
            ("日期：20241015", None),
        ];
        for &(s, want) in joined {
            assert_eq!(one(s).map(|x| x.0), want.map(String::from), "{s}");
        }
    }

    #[test]
    fn other_labels_are_not_the_papers_date() {
        assert_eq!(one("打印时间：2025-10-08 14:22").map(|x| x.2), Some(LabelKind::Other));
        assert_eq!(one("出生日期：1958年3月2日").map(|x| x.2), Some(LabelKind::Other));
        let found = parse_dates("日期：2025年9月30日   打印时间：2025-10-08 14:22", 0);
        assert_eq!(found.len(), 2);
        assert_eq!(choose_date(&found, TODAY).map(|d| d.iso()), Some("2025-09-30".into()));
        let mut found = parse_dates("打印时间：2025-10-08 14:22", 0);
        found.extend(parse_dates("出生日期：1960-01-02", 1));
        assert_eq!(choose_date(&found, TODAY), None);
    }

    #[test]
    fn misreadings_are_no_answer() {
        // Future (a seal turned 2026 into 2086), impossible, too old, run-on.
        for s in ["日期：2086年9月30日", "日期：2025年2月30日", "日期：2025年13月1日", "日期：1998-01-01", "日期：2025-09-301"] {
            let f = parse_dates(s, 0);
            assert_eq!(choose_date(&f, TODAY), None, "{s}");
        }
        // A two-digit day closing the line with a speck is whole.
        assert_eq!(one("报告日期 2026,07.03.").map(|x| x.0), Some("2026-07-03".into()));
        assert!(parse_dates("日期 2026.07.03.5", 0).is_empty());
        // A day that ends in a stray mark was cut short (2023.10.1: for .14).
        assert!(parse_dates("日期 2023.10.1:", 0).is_empty());
        assert!(parse_dates("日期 2023-10-1*", 0).is_empty());
        // ... or split by a space from its second digit (2024/9/ 1 7 for
        // 9/17); a time after a one-digit day is no split.
        assert!(parse_dates("日期 2024/9/ 1 7", 0).is_empty());
        assert!(parse_dates("日期 2024/9/1 7日", 0).is_empty());
        assert_eq!(parse_dates("日期 2024/9/1 7:30", 0).first().map(|d| d.iso()), Some("2024-09-01".into()));
        // A padded month with a one-digit day: the day was cut short.
        assert!(parse_dates("日期：2023.05.1", 0).is_empty());
        // A one-digit month 1 or 2 with a padded day: the month lost a
        // digit (10-12 or 01-02). A month 3-9 could only have lost its 0.
        assert!(parse_dates("日期:2024年1月09日", 0).is_empty());
        assert!(parse_dates("日期 2024-2-09", 0).is_empty());
        assert_eq!(parse_dates("日期 2024年1月19日", 0).first().map(|d| d.iso()), Some("2024-01-19".into()));
        assert_eq!(parse_dates("日期 2024年3月09日", 0).first().map(|d| d.iso()), Some("2024-03-09".into()));
        // ... and so in the dotted or dashed form, which is padded, after
        // October to December; the slashed form is not padded.
        assert!(parse_dates("日期 2025 .10 .2", 0).is_empty());
        assert!(parse_dates("日期 2025-11-3", 0).is_empty());
        assert_eq!(parse_dates("日期 2025/10/2", 0).first().map(|d| d.iso()), Some("2025-10-02".into()));
        assert_eq!(parse_dates("日期 2025.10.28", 0).first().map(|d| d.iso()), Some("2025-10-28".into()));
        // 年 without 月/日 where they belong.
        assert!(parse_dates("日期：2025年9个30日", 0).is_empty());
    }

    #[test]
    fn two_different_dates_under_the_same_label_are_no_answer() {
        let mut f = parse_dates("日期：2025-09-30", 0);
        f.extend(parse_dates("日期：2025-08-30", 1));
        assert_eq!(choose_date(&f, TODAY), None);
        // But the specific label wins over the plain one.
        f.extend(parse_dates("报告日期：2025-07-01", 2));
        assert_eq!(choose_date(&f, TODAY).map(|d| d.iso()), Some("2025-07-01".into()));
    }

    #[test]
    fn an_unlabelled_date_only_when_alone() {
        let f = parse_dates("2025年9月30日", 0);
        assert_eq!(choose_date(&f, TODAY).map(|d| d.iso()), Some("2025-09-30".into()));
        let mut f = parse_dates("2025年9月30日", 0);
        f.extend(parse_dates("打印时间：2025-10-08", 1));
        assert_eq!(choose_date(&f, TODAY), None);
    }

    /// An OCR that answers each line read from a script, in order.
    /// An OCR engine that answers a script of reads, in order.
    pub(super) struct Script(pub(super) Vec<&'static str>);
    impl Ocr for Script {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            Ok(if self.0.is_empty() { String::new() } else { self.0.remove(0).to_string() })
        }
    }

    #[test]
    fn a_date_is_kept_only_when_reads_agree() {
        // (first read, the reads at other sizes, reads alike needed, answer)
        let cases: &[(&str, &[&'static str], usize, Option<&str>)] = &[
            // Two alike, nothing else read: kept at the second read.
            ("日期:2025年9月30日", &["日期:2025年9月30日"], 2, Some("2025-09-30")),
            // Two alike against one other date: a coin toss (held-out 044, Kai 8).
            ("日期:2023年5月21日", &["日 期:2023年S月21 日", "日期:2023年8月21昌", "日期:2023年5月21 日"], 2, None),
            // Three alike against one: kept.
            ("日期: ,2026年10月9日", &["日期: ,2026年10月9日", "日期: ,2025年10月9日", "日期: ,2026年10月9日"], 3, Some("2026-10-09")),
            // Under a seal or small: two alike is not enough.
            ("日期:2025-01-11", &["日期:2025-01-11", "日期:2025-01-", "日期:"], 3, None),
            // Every read different: no answer.
            ("日期:2025-01-11", &["日期:2025-01-17", "日期:2025-07-11", "日期:2023-01-11"], 2, None),
        ];
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        for (first, more, need, want) in cases {
            let d = parse_dates(first, 0).remove(0);
            let mut ocr = Script(more.to_vec());
            let got = confirm(&g, [10, 10, 150, 20], d, *need, true, TODAY, &mut ocr, &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{first} {more:?}");
        }
        // A read that garbles the label still counts for its date (held-out
        // 070), except under a seal (held-out 000); another label never.
        let reads = ["报坷理期 ; 2023/2/5", "报香理期 : 2023/2/5"];
        for (garbled_counts, want) in [(true, Some("2023-02-05")), (false, None)] {
            let d = parse_dates("报告日期 ;: 2023/2/5", 0).remove(0);
            let got = confirm(&g, [10, 10, 150, 20], d, 2, garbled_counts, TODAY, &mut Script(reads.to_vec()), &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), want);
        }
        let d = parse_dates("报告日期: 2023/2/5", 0).remove(0);
        let other = vec!["打印日期: 2023/2/5", "打印日期: 2023/2/5", "打印日期: 2023/2/5"];
        assert_eq!(confirm(&g, [10, 10, 150, 20], d, 2, true, TODAY, &mut Script(other), &mut DateTrace::default()), None);
        // A date under a plain 日期 (its stem unknown) that a read at another
        // size puts under another's label (林印: 打印) is that other's, however
        // many reads agree on it (h93 a, 099); an own label is not overturned.
        let cases: &[(&str, &[&'static str], Option<&str>)] = &[
            ("林妊日期 : 2026-10-02", &["林印日期 : 2026-10-02", "林纯日期 : 2026-10-02", "林印日期 : 2026-10-02"], None),
            ("林妊日期 : 2026-10-02", &["林纯日期 : 2026-10-02", "林妊日期 : 2026-10-02", "林纯日期 : 2026-10-02"], Some("2026-10-02")),
            ("报告日期 : 2026-10-02", &["报印日期 : 2026-10-02", "报告日期 : 2026-10-02", "报告日期 : 2026-10-02"], Some("2026-10-02")),
        ];
        for (first, more, want) in cases {
            let d = parse_dates(first, 0).remove(0);
            let got = confirm(&g, [10, 10, 150, 20], d, 2, true, TODAY, &mut Script(more.to_vec()), &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{first} {more:?}");
        }
    }

    /// A first engine that reads nothing dated, and a second that reads
    /// every line as one date.
    struct SecondSays(&'static str);
    impl Ocr for SecondSays {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            Ok(String::new())
        }
        fn second(&mut self, _: &Gray) -> Option<String> {
            Some(self.0.to_string())
        }
    }

    #[test]
    fn the_second_opinion_reads_no_line_of_print_lower_than_its_least() {
        // One line whose first read was 检查日期 and digits the engine lost
        // (worth a second opinion), its box `h` px high.
        for (h, want) in [(9, None), (10, Some("2024-01-16")), (16, Some("2024-01-16"))] {
            let b = [10, 10, 14 * h, h];
            let crop = Gray::from_pixel(14 * h + 8, h + 8, image::Luma([255]));
            let mut trace = DateTrace::default();
            trace.crops.0.push(((0, b, None), crop, h));
            trace.reads.push((b, false, "检查日期 2024-0".into()));
            let got = second_opinion(TODAY, &mut SecondSays("检查日期2024-01-16"), &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), want, "{h} px");
        }
    }

    /// A first engine that reads nothing, and a second that reads its
    /// script in turn (then nothing).
    struct SecondScript(Vec<&'static str>);
    impl Ocr for SecondScript {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            Ok(String::new())
        }
        fn second(&mut self, _: &Gray) -> Option<String> {
            Some(if self.0.is_empty() { String::new() } else { self.0.remove(0).to_string() })
        }
    }

    #[test]
    fn small_print_whose_second_reads_disagree_is_kept_where_the_first_engine_reads_the_same() {
        // (the first engine's reads of the line, the second engine's reads:
        // as it is, padded, padded less; the answer). Small print must read
        // the same twice by the second engine, or else be the date the
        // first engine's reads give by themselves (`most_read`: three reads
        // and none of another date): 991271 005.
        let own = ["报告日期 : 2023.04-34"; 5].into_iter().chain(["报告日期 : 2023.04-24"; 4]).collect::<Vec<_>>();
        let cases: Vec<(Vec<&str>, Vec<&'static str>, Option<&str>)> = vec![
            (own.clone(), vec!["报告日期：2023-04-24", "报告日期：203-04-24", "报告日期：2033-04-24"], Some("2023-04-24")),
            // The padded read agrees: kept as before.
            (vec!["报告日期 : 2023.04-34"], vec!["报告日期：2023-04-24", "报告日期：2023-04-24"], Some("2023-04-24")),
            // Too few first reads of it, or as many of another date.
            (own[..7].to_vec(), vec!["报告日期：2023-04-24", "报告日期：203-04-24", "报告日期：2033-04-24"], None),
            (own.iter().copied().chain(["报告日期 : 2023.04-14"; 4]).collect(), vec!["报告日期：2023-04-24", "报告日期：203-04-24", "报告日期：2033-04-24"], None),
            // The first engine's reads give another date.
            (vec!["报告日期 : 2023.04-14"; 4], vec!["报告日期：2023-04-24", "报告日期：203-04-24", "报告日期：2033-04-24"], None),
            // A padded read of another date vetoes, whatever the first
            // engine read.
            (own.clone(), vec!["报告日期：2023-04-24", "报告日期：2023-04-14"], None),
            (own.clone(), vec!["报告日期：2023-04-24", "报告日期：203-04-24", "报告日期：2023-04-14"], None),
        ];
        for (first, second, want) in cases {
            let (h, b) = (16, [10, 10, 230, 16]);
            let crop = Gray::from_pixel(238, 24, image::Luma([255]));
            let mut trace = DateTrace::default();
            trace.crops.0.push(((0, b, None), crop, h));
            trace.reads.extend(first.iter().map(|t| (b, false, t.to_string())));
            let got = second_opinion(TODAY, &mut SecondScript(second.clone()), &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), want, "{first:?} {second:?}");
        }
    }

    #[test]
    fn a_second_opinion_before_a_print_time_it_read_is_no_answer() {
        // (the second engine's read of the date line, of the print line;
        // the answer). A paper is printed on or after its own date: a
        // print time read up to half a year before the date means one of
        // them was misread (991291 049, 074); years before, the print
        // time's year was (991251 004).
        let cases = [
            ("检查日期：2024年9月10日", "打印时间：2024年8月27日09:24", None),
            ("日期：2023-06-15", "打印日期：2023/5/24 10:55", None),
            ("检查日期：2024年8月10日", "打印时间：2024年8月27日09:24", Some("2024-08-10")),
            ("日期：2023-05-24", "打印日期：2023/5/24 10:55", Some("2023-05-24")),
            ("检查日期：2026-05-02", "打印时间：2020-05-18 14:28", Some("2026-05-02")),
            // Another date before it (a birth date) is no doubt.
            ("检查日期：2024年9月10日", "出生日期：2024年8月27日", Some("2024-09-10")),
        ];
        for (date, print, want) in cases {
            let h = 24;
            let (bd, bp) = ([10, 10, 230, h], [10, 60, 230, h]);
            let crop = Gray::from_pixel(238, h + 8, image::Luma([255]));
            let mut trace = DateTrace::default();
            trace.crops.0.push(((0, bd, None), crop.clone(), h));
            trace.crops.0.push(((1, bp, None), crop, h));
            trace.reads.push((bd, false, "检喜理册:2024年3月O日".into()));
            trace.reads.push((bp, false, "打昌时间:2024年S月278 09224".into()));
            let got = second_opinion(TODAY, &mut SecondScript(vec![date, print]), &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), want, "{date} / {print}");
        }
    }

    #[test]
    fn a_second_opinion_keeps_a_time_only_after_the_papers_own_label() {
        // (the second engine's read, the answer): a time after 检查日期 is
        // when the paper was issued (h93 a, 057); after a plain 日期 or no
        // label it is some event's moment.
        for (read, want) in [
            ("检查日期：2025.11.10 14:38", Some("2025-11-10")),
            ("检查日期：2025.11.10", Some("2025-11-10")),
            ("日期：2025.11.10 14:38", None),
            ("日期：2025.11.10", Some("2025-11-10")),
            ("打印时间：2025.11.10 14:38", None),
        ] {
            let (h, b) = (20, [10, 10, 280, 20]);
            let crop = Gray::from_pixel(288, 28, image::Luma([255]));
            let mut trace = DateTrace::default();
            trace.crops.0.push(((0, b, None), crop, h));
            trace.reads.push((b, false, "栓委悍打 - 2025.i1 .10 :34".into()));
            let got = second_opinion(TODAY, &mut SecondSays(read), &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), want, "{read}");
        }
    }

    /// Scripted reads that record the whitelist each was given.
    struct Whitelisted(Vec<&'static str>, Vec<Option<String>>);
    impl Ocr for Whitelisted {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            self.1.push(None);
            Ok(if self.0.is_empty() { String::new() } else { self.0.remove(0).to_string() })
        }
        fn line_with(&mut self, _: &Gray, w: &str) -> Result<String, String> {
            self.1.push(Some(w.to_string()));
            Ok(if self.0.is_empty() { String::new() } else { self.0.remove(0).to_string() })
        }
    }

    #[test]
    fn digits_only_reads_agree_and_are_whole() {
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        let cases: &[(&[&'static str], bool, Option<&str>)] = &[
            (&["日2025年1月1日", "日2025年1月1日"], false, Some("2025-01-01")),
            // Under a seal: three alike.
            (&["日2025年1月1日", "日2025年1月1日"], true, None),
            (&["日2025年1月1日", "日2025年1月1日", "日2025年1月1日"], true, Some("2025-01-01")),
            (&["日2025年1月1日", "日2025年1月7日"], false, None),
            // No 日 after the day: the line's box may have cut 27日 short.
            (&["日2025年4月2", "日2025年4月2"], false, None),
        ];
        for (reads, strict, want) in cases {
            let mut ocr = Whitelisted(reads.to_vec(), vec![]);
            let got = digits_only(&g, None, [10, 10, 150, 20], None, 0, *strict, TODAY, &mut ocr, &mut DateTrace::default());
            assert_eq!(got.as_ref().map(|d| d.iso()).as_deref(), *want, "{reads:?}");
            assert!(ocr.1.iter().all(|w| w.as_deref() == Some(DATE_CHARS)));
            if let Some(d) = got {
                assert_eq!(d.kind, LabelKind::Plain);
            }
        }
    }

    #[test]
    fn a_digits_only_read_the_lines_own_reads_go_against_is_no_date() {
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        let b = [10, 10, 150, 20];
        // (the line's own reads, the digits-only reads, answer)
        let cases: &[(&[&str], &[&'static str], Option<&str>)] = &[
            // Held-out 991152 060 at 1024 px: the month's second 1 read as a
            // bracket by every own read, dropped by the digits-only ones.
            (&["报告日明--x025年1)月13日", "报千日其-_z025年1]月13日"], &["2025年1月13日", "2025年1月13日"], None),
            // The day's the same.
            (&["日期z025年3月1]日", "日期2O25年3月1)日"], &["2025年3月1日", "2025年3月1日"], None),
            // Own reads that agree with the digits: the date.
            (&["报告日明--x025年11月13日", "报千日其-_z025年1]月13日"], &["2025年11月13日", "2025年11月13日"], Some("2025-11-13")),
            (&["报告日期-x025年1月13日", "报千日其-_z025年1月13日"], &["2025年1月13日", "2025年1月13日"], Some("2025-01-13")),
            // A digit the OCR could not make out (`?`) counts (kept-back
            // 991251 009, for 2025-12-16).
            (&["失-告日期 2025年1 ?月16日", "失-告日期 2025年1 ?月16日", "失-告日期 2025年1 )月16日"], &["2025年1月16日", "2025年1月16日"], None),
            // Three own reads wider, one not: most lost the digit.
            (&["x025年1)月13日", "z025年1]月13日", "z025年1]月13日", "2625年1月13日"], &["2025年1月13日", "2025年1月13日"], None),
            // Only one own read of two wider: the date stands.
            (&["报告日期-x025年1]月13日", "报千日其-_z025年1月13日"], &["2025年1月13日", "2025年1月13日"], Some("2025-01-13")),
            // One own read alone is too few to go against two.
            (&["报告日期-x025年1]月13日"], &["2025年1月13日", "2025年1月13日"], Some("2025-01-13")),
            // Held-out 991242 004: S (a 5) read as 3 with digits only
            // (`letter_says_otherwise`).
            (&["检查日期: 2025/S/27", "检查日期: 2025/S/27", "检查日期: 2025/S/27"], &["2025/3/27", "2025/3/27"], None),
            // The letter read as the digit it looks like: the date stands.
            (&["检查日期: 2025/S/27", "检查日期: 2025/S/27"], &["2025/5/27", "2025/5/27"], Some("2025-05-27")),
            // One own read of three with the letter: too few to go against.
            (&["检查日期: 2025/S/27", "检查日期: 2025/3/2?", "检查日期: 2025/3/2"], &["2025/3/27", "2025/3/27"], Some("2025-03-27")),
            // No letter that reads as a digit: the digits-only reads stand.
            (&["检查日期: 2025/?/27", "检查日期: 2025/?/27"], &["2025/3/27", "2025/3/27"], Some("2025-03-27")),
        ];
        for (own, digits, want) in cases {
            let mut trace = DateTrace::default();
            trace.reads.extend(own.iter().map(|t| (b, false, t.to_string())));
            let mut ocr = Whitelisted(digits.to_vec(), vec![]);
            let got = digits_only(&g, None, b, None, 0, false, TODAY, &mut ocr, &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{own:?}");
        }
    }

    #[test]
    fn a_digits_only_read_cut_inside_the_year_is_read_again_wider() {
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        // (reads, where the date was taken to start, answer, reads made)
        let cases: &[(&[&'static str], Option<u32>, Option<&str>, u32)] = &[
            // The cut took the year's first digit (034) or two (074): read
            // again with the digits' width given back, once per size.
            (&["026年6月1日", "2026年6月1日", "2026年6月1日"], Some(90), Some("2026-06-01"), 3),
            (&["26年1月24日.", "2026年1月24日", "2026年1月24日"], Some(90), Some("2026-01-24"), 3),
            // Read short again after the wider read: no date.
            (&["026年6月1日", "026年6月1日"], Some(90), None, 2),
            // A whole year: no read more.
            (&["2026年6月1日", "2026年6月1日"], Some(90), Some("2026-06-01"), 2),
            // Nothing cut (no label found): no read more.
            (&["026年6月1日", "2026年6月1日"], None, None, 1),
        ];
        for (reads, left, want, calls) in cases {
            let mut ocr = Whitelisted(reads.to_vec(), vec![]);
            let mut trace = DateTrace::default();
            let got = digits_only(&g, None, [10, 10, 150, 20], *left, 0, false, TODAY, &mut ocr, &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{reads:?}");
            assert_eq!(trace.line_calls, *calls, "{reads:?}");
        }
        let short: &[(&str, Option<usize>)] = &[
            ("026年6月1日", Some(1)),
            ("26年1月24日.", Some(2)),
            ("025.40730", Some(1)),
            ("2026年6月1日", None),
            ("2024/34", None),
            ("12:30", None),
            ("", None),
        ];
        for (text, want) in short {
            assert_eq!(year_cut_short(text), *want, "{text}");
        }
    }

    #[test]
    fn under_a_seal_a_plain_grey_read_may_stand_in_for_one_that_gave_no_date() {
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        let pg = Gray::from_pixel(200, 40, image::Luma([254]));
        // (reads in order: on the whitened grey, and where one gave no
        // date the next is on the plain grey; a plain grey at hand; answer)
        let cases: &[(&[&'static str], bool, Option<&str>)] = &[
            (&["2026年7月8日", "2026年7月8日", "20267月8日", "2026年7月8日"], true, Some("2026-07-08")),
            // The plain grey's read gives another date: no answer.
            (&["2026年7月8日", "2026年7月8日", "20267月8日", "2926年7月8日"], true, None),
            (&["2026年7月8日", "2026年7月8日", "20267月8日", "2026年7月6日"], true, None),
            // No plain grey: three alike on the whitened one, as before.
            (&["2026年7月8日", "2026年7月8日", "20267月8日"], false, None),
            // Only once: two reads without a date are no answer.
            (&["20267月8日", "2026年7月8日", "2026年7月8日", "20267月8日"], true, None),
            // A read of another date is never replaced.
            (&["2026年7月8日", "2026年7月3日", "2026年7月8日"], true, None),
        ];
        for (reads, with_plain, want) in cases {
            let mut ocr = Whitelisted(reads.to_vec(), vec![]);
            let alt = with_plain.then_some(&pg);
            let got = digits_only(&g, alt, [10, 10, 150, 20], None, 0, true, TODAY, &mut ocr, &mut DateTrace::default());
            assert_eq!(got.as_ref().map(|d| d.iso()).as_deref(), *want, "{reads:?}");
        }
    }

    #[test]
    fn whose_date_the_text_before_it_names() {
        // (line as read, the first date's label kind): a date is the
        // paper's own under an own label, 日期 with nothing before it, or 日期
        // read right after words we do not know; a label garbled in its stem
        // and its 日期 alike, or no label and a time after the date, is not.
        let cases: &[(&str, LabelKind)] = &[
            // Held-out 990302 066: 打印日期 read with three of its four
            // characters wrong, on a paper with no date of its own.
            ("万即目期; 2025.07 03 14120", LabelKind::Other),
            ("盯胡由期;2025.07.03 14)29", LabelKind::Other),
            ("万即目朋; 2025.07.03", LabelKind::Other),
            // 日期 read right after an unknown stem, or a look-alike of it
            // with nothing before: plain, as before.
            ("万即日期: 2025.07.03", LabelKind::Plain),
            ("目期: 2023.03.02", LabelKind::Plain),
            ("只期2025.02.28", LabelKind::Plain),
            // A stem one character off an own one, 日期 garbled: own.
            ("报备吕期:2024.10.10", LabelKind::Own),
            ("检查目期 2024年1月5日", LabelKind::Own),
            // No label and a time after the date (990301 030: `打印时间:`
            // read as a line of its own): not the paper's.
            ("2026年3月17日 14:24", LabelKind::Other),
            ("2025-07-03 14;29", LabelKind::Other),
            ("2025.07.03 14)29", LabelKind::Other),
            ("2025.07.03 14120", LabelKind::Other),
            // ... after 日 too (the accuracy test's 008: a print time whose
            // label was garbled, `洒993间- 2023年5月25日 1102`).
            ("2023年5月25日 1102", LabelKind::Other),
            // No label, no time: unlabelled (kept only when alone).
            ("2026年3月17日", LabelKind::None),
            ("2024/10/17", LabelKind::None),
            ("2025-07-03 第1页", LabelKind::None),
            // An own label keeps its rank with a time (开具时间 ...).
            ("开具时间: 2025-07-03 14:29", LabelKind::Own),
            // 日期 garbled after an unknown stem, with a time after the date
            // or not: an event's moment (入院, 采样 ...) or a print time.
            ("着恰日册; 2026年01月21日 09.02", LabelKind::Other),
            ("着恰日册; 2026-01-21 9:02", LabelKind::Other),
            ("着恰日册; 2026年01月21日", LabelKind::Other),
            // A label read right, or an own stem, keeps its rank.
            ("日期: 2026年01月21日 09:02", LabelKind::Plain),
            ("检查日姑: 2026年01月21日 09:02", LabelKind::Own),
        ];
        for (text, kind) in cases {
            assert_eq!(one(text).map(|x| x.2), Some(*kind), "{text}");
        }
        // So a print time alone on the paper is no answer.
        for text in ["2026年3月17日 14:24", "万即目期; 2025.07 03 14120"] {
            assert_eq!(choose_date(&parse_dates(text, 0), TODAY), None, "{text}");
        }
    }

    #[test]
    fn a_lost_separator_is_put_back_only_where_one_month_fits() {
        for (read, mended) in [
            ("日期202407-20", Some("日期2024-07-20")),
            ("开具日期：2024.0118-", Some("开具日期：2024.01.18-")),
            ("日期 2026/315", Some("日期 2026/3/15")),
            ("报告日期：2025-1210", Some("报告日期：2025-12-10")),
            ("开具门期：20260619", Some("开具门期：2026-06-19")),
            ("日期20261319", None),
            ("日期202606190", None),
            ("日期2026/111", None),
            ("日期2026/3/15", None),
            ("门诊号：202413", None),
            ("2024-5", None),
            ("2024.", None),
            ("2024/12345", None),
        ] {
            assert_eq!(mend_lost_separator(read).as_deref(), mended, "{read}");
        }
    }

    #[test]
    fn a_second_opinion_reads_lines_that_may_hide_a_date() {
        for (read, worth) in [
            ("日期:zw", true),
            ("采伴时间，2023年7月9日 10:17", true),
            ("痊枯引和 2026 9 -73", true),
            ("出生户期 : 4952/6/10", true),
            ("报告日期:xm年6月301", true),
            ("日央 202MSMV21", true),
            ("巡告已斯-22026.04.09", true),
            ("入章日区”MA", true),
            ("珊生日旬", true),
            ("姓名: 赵淑落 性别: 男 年龄: 67岁", false),
            ("性到 帮   年替 ;145岁", false),
            ("科别: 心内科 门诊号: 935464", false),
            ("病情稳定，建议继续原方案治疗，每三个月复查一次。", false),
            ("患者于门诊就诊，经检查明确诊断，建议长期规律服药并定期复查 。", false),
            ("感珍直:328197", false),
        ] {
            assert_eq!(worth_a_second_opinion(read), worth, "{read}");
        }
    }

    /// A line the first engine read as nothing legible is read by the
    /// second where nothing dated was (040 of draw 991022: a date under a
    /// seal read as ""); marks and rules are nothing, a letter or a digit
    /// or a hanzi is something.
    #[test]
    fn a_line_read_as_nothing_is_illegible() {
        for (read, nothing) in [("", true), ("|", true), ("- —", true), ("“ ， |", true), ("四", false), ("sm |", false), ("2", false), ("oa  2下", false)] {
            assert_eq!(illegible(read), nothing, "{read:?}");
        }
    }

    #[test]
    fn second_looks_at_a_dated_line() {
        // A digit read as ! (0!月 for 01月).
        assert_eq!(one("日期:2026年0!月20日").map(|x| x.0), Some("2026-01-20".into()));
        // A stray mark after a one-digit number may be a digit half seen
        // (2023.10.1- for 10.14); after a two-digit day or a character
        // closing the date it is not.
        for (text, cut) in [
            ("日期: 2023.10.1-", true),
            ("日期: 2023.10.1-.", true),
            ("日期:2026年01月20理|", false),
            ("日期:2026年01月20|", false),
            ("日期:2026年01月20", false),
        ] {
            assert_eq!(ends_cut_short(text), cut, "{text}");
        }
        // A label read right is worth a second look with four digits; a
        // garbled one needs six, another's label never.
        for (text, dated) in [
            ("检查日期  20WEF12月2日", true),
            ("日期: 20WEF12月2日", true),
            ("检查日斯  20WEF12月2日", false),
            ("打印日期  20WEF12月2日", false),
            ("检查日期  2WEF1月", false),
        ] {
            assert_eq!(looks_dated(text), dated, "{text}");
        }
    }

    #[test]
    fn the_date_starts_in_the_gap_after_the_label() {
        // 日期: then a gap, then ten narrow glyphs (2025-01-02), 20 px high.
        let mut g = Gray::from_pixel(400, 40, image::Luma([255]));
        let mut ink = |x0: u32, x1: u32| {
            for x in x0..x1 {
                for y in 10..30 {
                    g.put_pixel(x, y, image::Luma([20]));
                }
            }
        };
        ink(10, 30);
        ink(32, 52);
        ink(55, 58);
        for k in 0..10 {
            ink(75 + k * 11, 84 + k * 11);
        }
        let b = [10, 10, 175, 20];
        // (the line as read, where the date may start)
        let cases: &[(&str, Option<std::ops::Range<u32>>)] = &[
            ("日期: 2025-01-02", Some(58..76)),
            ("日期2025-01-02", Some(58..76)),
            // No label in front of the first digit: nothing to cut.
            ("2025-01-02", None),
            ("期 2025-01-02", None),
            // A year read short (20 read as one character): the date starts
            // at that character, not at its first digit.
            ("日期加25-01-02", Some(58..76)),
        ];
        for (text, want) in cases {
            let got = date_start(&g, b, text);
            match want {
                Some(r) => assert!(got.is_some_and(|x| r.contains(&x)), "{text}: {got:?}"),
                None => assert_eq!(got, None, "{text}"),
            }
        }
    }

    #[test]
    fn a_second_look_on_the_plain_grey_needs_every_read_alike() {
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        // (reads, small print or a seal, a garbled label counts, answer)
        let cases: &[(&[&'static str], bool, bool, Option<&str>)] = &[
            (&["日期 2023.10.14", "日期 2023.10.14"], false, true, Some("2023-10-14")),
            (&["日期 2023.10.14", "日期 2023.10.11"], false, true, None),
            (&["日期 2023.10.14", "日期 2023.10.地"], false, true, None),
            // Small print or a seal: three alike.
            (&["日期 2023.10.14", "日期 2023.10.14", "日期 2023.10.14"], true, true, Some("2023-10-14")),
            (&["日期 2023.10.14", "日期 2023.10.14", ""], true, true, None),
            // A garbled label counts only off a seal; another label never.
            (&["且期 2023.10.14", "且期 2023.10.14"], false, true, Some("2023-10-14")),
            (&["且期 2023.10.14", "且期 2023.10.14", "且期 2023.10.14"], true, false, None),
            (&["打印日期 2023.10.14", "打印日期 2023.10.14"], false, true, None),
            // A 年 form whose 日 is missing: the day may be cut short.
            (&["日期:2025年4月2", "日期:2025年4月2"], false, true, None),
            // ... but 日 misread where it closes the line is still 日.
            (&["检查日斯2023年10月05晶", "检查日期2023年10月05日"], false, true, Some("2023-10-05")),
        ];
        for (reads, small, garbled, want) in cases {
            let got = again_plain(&g, [10, 10, 150, 20], 0, *small, *garbled, TODAY, &mut Script(reads.to_vec()), &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{reads:?}");
        }
    }

    #[test]
    fn labels_read_with_one_character_wrong() {
        // (line as read, the date, its label, what the label says)
        let cases: &[(&str, Option<&str>, Option<&str>, LabelKind)] = &[
            // 日 misread before 期, or 期 after 日 (seen on the draws).
            ("月期:2023.05.28", Some("2023-05-28"), Some("日期"), LabelKind::Plain),
            ("号期: 2026年3月20日", Some("2026-03-20"), Some("日期"), LabelKind::Plain),
            ("日其 2024/10/5", Some("2024-10-05"), Some("日期"), LabelKind::Plain),
            ("检查日姑: 2026/1/25", Some("2026-01-25"), Some("检查日期"), LabelKind::Own),
            ("检查日为 2025/1/25", Some("2025-01-25"), Some("检查日期"), LabelKind::Own),
            // A stem one character off an own stem only.
            ("报备吕期:2024.10.10", Some("2024-10-10"), Some("报告日期"), LabelKind::Own),
            ("检去门期: 2025.08.26", Some("2025-08-26"), Some("检查日期"), LabelKind::Own),
            // ... off another's only: another date.
            ("打仰日期: 2025.08.26", Some("2025-08-26"), Some("打印日期"), LabelKind::Other),
            ("出生日票 1959.02.02", Some("1959-02-02"), Some("出生日期"), LabelKind::Other),
            // ... off both (开县: 开具 or 开始): with 日期 read right, a
            // plain date (as before); with 日期 misread too, no label.
            ("开县日期 2025-01-02", Some("2025-01-02"), Some("日期"), LabelKind::Plain),
            ("开县日其 2025-01-02", Some("2025-01-02"), Some("日期"), LabelKind::Plain),
            ("开县只期 2025-01-02", Some("2025-01-02"), None, LabelKind::Other),
            // An own stem's half-read 日期 (as before).
            ("报告只期 2024年12月23只", Some("2024-12-23"), Some("报告日期"), LabelKind::Own),
            // Thin 日 on the held-out style (990393 011, 990394 060, 990412
            // 001, 067), alone or after a stem.
            ("已期 2023.11.16", Some("2023-11-16"), Some("日期"), LabelKind::Plain),
            ("当期:2023-02-24", Some("2023-02-24"), Some("日期"), LabelKind::Plain),
            ("中期 2026.04.11", Some("2026-04-11"), Some("日期"), LabelKind::Plain),
            ("是期:2025-12-14", Some("2025-12-14"), Some("日期"), LabelKind::Plain),
            ("报告归期 2024-01-16", Some("2024-01-16"), Some("报告日期"), LabelKind::Own),
            ("打印由期: 2025-12-31", Some("2025-12-31"), Some("打印日期"), LabelKind::Other),
            // ... after a stem garbled too: no label we know.
            ("和村已期 2023.11.16", Some("2023-11-16"), None, LabelKind::Other),
            // Words that end in 期 are no 日期 (有效期, 学期).
            ("有效期 2025-01-02", Some("2025-01-02"), None, LabelKind::Other),
        ];
        for (text, iso, label, kind) in cases {
            let got = parse_dates(text, 0).into_iter().next();
            assert_eq!(got.as_ref().map(|d| d.iso()).as_deref(), *iso, "{text}");
            assert_eq!(got.as_ref().and_then(|d| d.label.clone()).as_deref(), *label, "{text}");
            assert_eq!(got.map(|d| d.kind), Some(*kind), "{text}");
        }
        // Under a seal (strict) the OCR's misreads agree with each other
        // (held-out 000: 且期 ; 2023-08-14 for 08-11 at every size): only
        // the old exact labels and an own stem's half-read 日期 count.
        for (text, kind) in [
            ("月期:2023.05.28", LabelKind::Other),
            ("氛售日明，2023年04月30日", LabelKind::Other),
            ("报备吕期:2024.10.10", LabelKind::Other),
            ("报告只期 2024年12月23只", LabelKind::Own),
            ("开县日期 2025-01-02", LabelKind::Plain),
        ] {
            assert_eq!(parse_dates_with(text, 0, true).first().map(|d| d.kind), Some(kind), "{text}");
        }
        assert!(parse_dates_with("日期:2023征5月21日", 0, true).is_empty());
        // A line naming such a label is read again when its date did not parse.
        assert!(looks_dated("报备吕期:2024.10.1O]"));
        assert!(looks_dated("月期: 2023]2727"));
        assert!(!looks_dated("打仰日期: 2023]2727"));
        assert!(looks_dated("当期:2023]0224"));
        // Such a 日 asks for three reads alike; 日期 and its older look-alikes two.
        for (text, thin) in [("已期 2023.11.16", true), ("当期:2023-02-24", true), ("报告归期 2024-01-16", false), ("月期:2023.05.28", false), ("日期 2023.05.28", false)] {
            assert_eq!(thin_day(&parse_dates(text, 0)[0]), thin, "{text}");
        }
        assert!(!looks_dated("打印由期:2023]0224"));
    }

    #[test]
    fn a_date_under_a_garbled_label_is_kept_alone_and_read_alike() {
        let (b1, b2, sealed) = ([10, 100, 300, 30], [10, 200, 300, 30], [10, 300, 300, 30]);
        let r = |b: [u32; 4], t: &str| (b, false, t.to_string());
        // (what, the reads, the date kept aside for two more reads)
        let cases: Vec<(&str, Vec<([u32; 4], bool, String)>, Option<&str>)> = vec![
            ("日期 read 理期 and 百期 (held-out 990712 003)", vec![r(b1, "理期: 2023.01.06"), r(b1, "百期: 2023.01.06")], Some("2023-01-06")),
            ("检查日期 read 巡查日熙 twice", vec![r(b1, "巡查日熙: 2024.09.02"), r(b1, "巡查日熙: 2024.09.02")], Some("2024-09-02")),
            ("read once", vec![r(b1, "理期: 2023.01.06")], None),
            ("a digits-only read is no witness", vec![r(b1, "理期: 2023.01.06"), (b1, true, "2023.01.06".into())], None),
            ("two dates read on the line", vec![r(b1, "理期: 2023.01.06"), r(b1, "百期: 2023.01.08")], None),
            ("a time after it", vec![r(b1, "理期: 2023.01.06 08:15"), r(b1, "百期: 2023.01.06 08:15")], None),
            ("a character of another's label (出生日期)", vec![r(b1, "地生所期: 2023.01.06"), r(b1, "地生所期: 2023.01.06")], None),
            ("another's label read once", vec![r(b1, "理期: 2023.01.06"), r(b1, "打印日期: 2023.01.06")], None),
            ("no label at all (the only-date rule's)", vec![r(b1, "2023.01.06"), r(b1, "2023.01.06")], None),
            ("in the future", vec![r(b1, "理期: 2027.01.06"), r(b1, "百期: 2027.01.06")], None),
            (
                "two such lines, two dates",
                vec![r(b1, "理期: 2023.01.06"), r(b1, "百期: 2023.01.06"), r(b2, "巡查日熙: 2024.09.02"), r(b2, "巡查日熙: 2024.09.02")],
                None,
            ),
            ("a line under a seal is not looked at", vec![r(sealed, "理期: 2023.01.06"), r(sealed, "百期: 2023.01.06")], None),
        ];
        for (what, reads, want) in cases {
            let got = garbled_label_date(&reads, TODAY, |b| b == sealed);
            assert_eq!(got.map(|(d, _)| d.iso()).as_deref(), want, "{what}");
        }
    }

    #[test]
    fn a_date_most_reads_of_its_line_give_is_kept_when_nothing_else_was() {
        let (b1, b2) = ([10, 100, 300, 30], [10, 200, 300, 30]);
        let r = |b: [u32; 4], t: &str| (b, false, t.to_string());
        let n = |b: [u32; 4], t: &str, k: usize| vec![r(b, t); k];
        let cat = |v: Vec<Vec<([u32; 4], bool, String)>>| v.concat();
        // (what, the reads, the date kept)
        let cases: Vec<(&str, Vec<([u32; 4], bool, String)>, Option<&str>)> = vec![
            ("seven against two (990732 029 at 1024 px)", cat(vec![n(b1, "检查日期 2026年1月8日", 7), n(b1, "检查日期 2026年1]月8日", 2)]), Some("2026-01-08")),
            (
                "four against one, and reads that give no date (990732 004 at 1024 px)",
                vec![
                    r(b1, "开具日期 2024年12月146日"),
                    r(b1, "开具日期 2024年12月18日"),
                    r(b1, "开具日期 2024年12月145日"),
                    (b1, true, "2024年12月45日".into()),
                    (b1, true, "202412月3日".into()),
                    r(b1, "开具日期 2024竹12月jp有"),
                    r(b1, "开具日期 2024年12月18日"),
                    r(b1, "开具日期 2024年12月18日"),
                    r(b1, "开具日期 2024年12月18日"),
                    r(b1, "开具日期 2024年12月16月"),
                    r(b1, "开具是期 2024年12月16日"),
                ],
                Some("2024-12-18"),
            ),
            ("three against two", cat(vec![n(b1, "日期 2023年11月29日", 3), n(b1, "日期 2023年1月29日", 2)]), Some("2023-11-29")),
            ("three against three", cat(vec![n(b1, "日期 2023年11月29日", 3), n(b1, "日期 2023年1月29日", 3)]), None),
            ("twice only", n(b1, "日期 2023年11月29日", 2), None),
            ("no label of the paper's own on any read", n(b1, "2023年11月29日", 4), None),
            ("another's label read once", cat(vec![n(b1, "日期 2023.11.29", 4), n(b1, "打印日期 2023.11.29", 1)]), None),
            ("a time after it", cat(vec![n(b1, "日期 2023.11.29", 4), n(b1, "日期 2023.11.29 10:15", 1)]), None),
            ("in the future", n(b1, "日期 2027.01.06", 4), None),
            ("two lines, two dates", cat(vec![n(b1, "日期 2023.11.29", 3), n(b2, "报告日期 2024.01.02", 3)]), None),
            ("two lines, one date", cat(vec![n(b1, "日期 2023.11.29", 3), n(b2, "报告日期 2023.11.29", 3)]), Some("2023-11-29")),
        ];
        for (what, reads, want) in cases {
            let got = most_read_date(&reads, reads.len(), TODAY, |_| false);
            assert_eq!(got.map(|(d, _)| d.iso()).as_deref(), want, "{what}");
        }
        // Under a seal only the first look's reads count (held-out 991260
        // 072: the second look read `2026.05.0]` three times for 05-09).
        let reads = cat(vec![n(b1, "报告理拔 2026.05.6]", 1), n(b1, "报告日期，2026.05.0]", 3)]);
        assert_eq!(most_read_date(&reads, 1, TODAY, |b| b == b1), None);
        assert_eq!(most_read_date(&reads, 1, TODAY, |b| b == b2).map(|(d, _)| d.iso()).as_deref(), Some("2026-05-01"));
        // Nor where the first look read another date there (seed 5 012 at
        // 1024 px); a first look that read it alone is vouched for.
        let doubted = cat(vec![
            n(b1, "检查日期: 2023/5/19", 1),
            n(b1, "检查日期: 2029/5/19", 1),
            n(b1, "检查日期: 2025/5/19", 1),
            n(b1, "检查日期: 2023/5/19", 4),
            n(b1, "检查日期: 2025/5/19", 1),
        ]);
        assert_eq!(most_read_date(&doubted, 4, TODAY, |b| b == b1), None);
        let alone = cat(vec![n(b1, "检查日期: 2023/5/19", 1), n(b1, "检查日期:", 2), n(b1, "检查日期: 2023/5/19", 3)]);
        assert_eq!(most_read_date(&alone, 3, TODAY, |b| b == b1).map(|(d, _)| d.iso()).as_deref(), Some("2023-05-19"));
        // Or where the first look's reads give it by themselves (16-px
        // print, 990732 029 at 1024 px: 1]月 read once in the first look).
        let small = cat(vec![n(b1, "检查日期 2026年1月8日", 4), n(b1, "检查日期 2026年1]月8日", 1), n(b1, "检查日期 2026年1月8日", 3), n(b1, "检查日期 2026年1]月8日", 1)]);
        assert_eq!(most_read_date(&small, 5, TODAY, |b| b == b1).map(|(d, _)| d.iso()).as_deref(), Some("2026-01-08"));
        // Not where the second look's reads are split as much.
        let split = cat(vec![n(b1, "检查日期 2026年1月8日", 4), n(b1, "检查日期 2026年1]月8日", 1), n(b1, "检查日期 2026年1]月8日", 4)]);
        assert_eq!(most_read_date(&split, 5, TODAY, |b| b == b1), None);
    }

    #[test]
    fn the_second_look_reads_the_lines_that_looked_like_a_date() {
        // (what a line box was read as, whether the second look reads it)
        let cases: &[(&[&str], bool)] = &[
            // A date garbled or under a garbled label (991200 050, 067; 991201 003).
            (&["丛查日朋: 2026年03月31日", "检查日朋: 2026年03月了1日"], true),
            (&["裕碍日斯 2026弟10月16晶"], true),
            (&["开具引期 2023104-27"], true),
            (&["报告日期;2023/172"], true),
            (&["日期 2O24/10/6"], true),
            // Another's label, a time after the date: not the paper's.
            (&["打印时间: 2026-03-01 10:53"], false),
            (&["开具日期 2026.02.21", "打印时间 2026.02.21"], false),
            (&["出生日期: 1940/51/24 门诊号: 754520"], false),
            (&["裕碍日斯 2026-10-16 10:22"], false),
            // No date's start: a number, a label alone, too few digits.
            (&["科别: 心内科 门诊号: 455446"], false),
            (&["检查日期:"], false),
            (&["日期 2024/1"], false),
        ];
        for (texts, read) in cases {
            let reads: Vec<([u32; 4], bool, String)> = texts.iter().map(|t| ([1, 2, 3, 14], false, t.to_string())).collect();
            assert_eq!(second_look(&reads) == vec![[1, 2, 3, 14]], *read, "{texts:?}");
        }
        // (a date-like line's height, whether the second look reads it)
        for (h, read) in [(10, false), (11, false), (12, true), (20, true)] {
            let reads = vec![([1, 2, 300, h], false, "日期:2025-04-11".to_string())];
            assert_eq!(!second_look(&reads).is_empty(), read, "{h}");
        }
        // Boxes in the order first read, each once.
        let reads: Vec<([u32; 4], bool, String)> = [([5, 0, 9, 19], "日期 2025-01-02"), ([1, 0, 9, 19], "报告日期 2024年1月2日"), ([5, 0, 9, 19], "日期 2025-01-02")]
            .into_iter()
            .map(|(b, t)| (b, false, t.to_string()))
            .collect();
        assert_eq!(second_look(&reads), vec![[5, 0, 9, 19], [1, 0, 9, 19]]);
    }

    #[test]
    fn year_and_month_misread_mended_only_in_a_dates_shape() {
        let cases: &[(&str, Option<&str>)] = &[
            ("开具日期 2024作3月23刁", Some("2024-03-23")),
            ("检查日期 2023征10月05日", Some("2023-10-05")),
            ("日期: 2025年3丹20日", Some("2025-03-20")),
            // Not a date's shape: left alone.
            ("日期: 20245作3月23日", None),
            ("日期: 2024作作3月23日", None),
            ("日期: 2025年3丹20", Some("2025-03-20")),
            ("日期: 2025年3丹20分", None),
            // A look-alike of 年 before a one-digit month 1 or 2 may hold the
            // month's first 1 (held-out 990302 044: 2024全1月16日 for
            // 2024年11月16日): no date. Other months, two digits: mended.
            ("报告日期;2024全1月16日", None),
            ("报告日期;2024名2月16日", None),
            ("开具日期:2023华06月19日", Some("2023-06-19")),
            ("日期 2025评08月03日", Some("2025-08-03")),
            ("日期 2025评8月03日", Some("2025-08-03")),
            ("日期 2024华10月17日", Some("2024-10-17")),
        ];
        for (text, iso) in cases {
            assert_eq!(one(text).map(|x| x.0).as_deref(), *iso, "{text}");
        }
    }

    #[test]
    fn dashes_and_a_closing_month_misread() {
        // (line as read, the date)
        let cases: &[(&str, Option<&str>)] = &[
            // A dash read as = or ~ (seen on the kept-back draws: 2023=10-23).
            ("日期:2023=10-23", Some("2023-10-23")),
            ("日期:2023=10=23", Some("2023-10-23")),
            ("日期:2023~10-23", Some("2023-10-23")),
            // ... not where no digit stands either side.
            ("日期:=2023", None),
            // 日 closing the line read as 月 after a two-digit day.
            ("开具只期 2026年06月25月", Some("2026-06-25")),
            // ... not after a one-digit day (it may be cut short), nor mid-line.
            ("开具日期 2026年06月2月", None),
            ("开具日期 2026年06月25月 12:00", None),
        ];
        for (text, iso) in cases {
            assert_eq!(one(text).map(|x| x.0).as_deref(), *iso, "{text}");
        }
    }

    #[test]
    fn lines_are_read_bottom_half_up_then_top_half_down_the_date_wide_first() {
        // A page 1000 px high, print 20 px high; the lower half (centres
        // from 500) from the bottom up, then the upper half top down.
        let paper = [0, 0, 800, 1000];
        let head = [300, 60, 300, 52]; // a heading, 2.6 print heights: never read
        let title = [320, 110, 200, 24]; // under 1.25 print heights: no heading (tests_reach)
        let name = [50, 200, 260, 20];
        let para = [50, 300, 700, 20]; // 35 heights wide: a paragraph's line
        let cell = [600, 400, 80, 20]; // 4 heights wide: a table cell
        let speck = [600, 450, 60, 20]; // narrower than 4 of its heights: never read
        let mark = [400, 650, 200, 30];
        let date = [50, 700, 200, 22];
        let sign = [50, 780, 180, 20]; // above the paper's last fifth: no foot (tests_reach)
        let cases: &[(&[[u32; 4]], &[[u32; 4]])] = &[
            // (The date and signature 24 heights under the rest: the
            // print's body ends at `name`, whose lower half it is.)
            (&[head, title, name, date, sign], &[sign, date, name, title]),
            // Lines of a date's width, then long ones, then narrow ones.
            (&[head, name, para, cell, speck, mark, date, sign], &[sign, date, mark, name, para, cell]),
            (&[name, para, date, sign], &[sign, date, name, para]),
            // Within a print height of the paper's top or bottom edge: its
            // shading, read after everything else.
            (&[[100, 12, 300, 20], name, date, sign, [100, 965, 300, 20]], &[sign, date, name, [100, 965, 300, 20], [100, 12, 300, 20]]),
        ];
        for (found, want) in cases {
            let lines: Vec<lines::LineBox> = found.iter().map(|b| lines::LineBox { bbox: *b }).collect();
            assert_eq!(reading_order(&lines, 20.0, paper), want.to_vec(), "{found:?}");
        }
    }

    #[test]
    fn a_label_alone_or_a_date_broken_off_widens_the_line() {
        // (line as read, a label alone, a date broken off at the line's end)
        let cases: &[(&str, bool, bool)] = &[
            ("检查日期:", true, false),
            ("检查日期", true, false),
            ("日期：", true, false),
            ("报告日骨:", true, false),
            // Another's label alone: its date is not the paper's.
            ("出生日期:", false, false),
            ("打印时间:", false, false),
            // More than a label, or digits after it.
            ("姓名: 张三", false, false),
            ("诊断证明书", false, false),
            // A date broken off after its label.
            ("报告日期 2024/10", false, true),
            ("报告日期 2024/i0", false, true),
            ("日期: 2025年3月", false, true),
            ("开具日期 2024-1", false, true),
            // ... in its day (27日 read 2).
            ("检查日期:2025年4月2:", false, true),
            ("日期 2023年10月1", false, true),
            // ... in its year.
            ("报告日期:20", false, true),
            ("报告日期:202", false, true),
            ("报告日期:2", false, false),
            ("报告日期:12", false, false),
            ("出生日期:19", false, false),
            // Whole, not a date's start, or another's label: no.
            ("报告日期 2024/10/31", false, false),
            ("日期 2023年10月1日", false, false),
            ("日期 2023年10月19", false, false),
            // A whole date with a digit lost (golden 003).
            ("日期:2025//29", false, false),
            ("日期:2025/129", false, false),
            ("报告日期 第2", false, false),
            ("出生日期，1945-01", false, false),
            ("门诊号: 163347", false, false),
        ];
        for (text, alone, open) in cases {
            assert_eq!((label_alone(text), label_open(text)), (*alone, *open), "{text}");
        }
        // Widened within the paper, never narrower; no room: no box.
        assert_eq!(widen_right([100, 50, 80, 20], [0, 0, 1000, 800], 14.0), Some([100, 50, 360, 20]));
        assert_eq!(widen_right([100, 50, 80, 20], [0, 0, 300, 800], 14.0), Some([100, 50, 200, 20]));
        assert_eq!(widen_right([100, 50, 80, 20], [0, 0, 190, 800], 14.0), None);
    }

    #[test]
    fn a_date_read_alone_is_widened_left_over_the_whole_box_it_would_cut() {
        // A date's box 20 px high at x 600: widened 8 heights (to 440), or
        // to the start of a box on its row that the 8 heights would cut, if
        // that starts within 14 heights (a table's label cell, h94 a 021).
        let (paper, date) = ([0, 0, 1000, 800], [600, 100, 120, 20]);
        let cases: &[(&[[u32; 4]], [u32; 4])] = &[
            (&[], [440, 100, 280, 20]),
            // A label cell 7.5 heights left: its box is taken in whole.
            (&[[370, 101, 80, 19]], [370, 100, 350, 20]),
            // Wholly inside the 8 heights, or beyond the 8: as before.
            (&[[460, 100, 80, 20]], [440, 100, 280, 20]),
            (&[[300, 100, 100, 20]], [440, 100, 280, 20]),
            // Starting beyond 14 heights (a row of fields): as before.
            (&[[250, 100, 200, 20]], [440, 100, 280, 20]),
            // On another row: as before.
            (&[[370, 140, 80, 20]], [440, 100, 280, 20]),
        ];
        let blank = Gray::from_pixel(1000, 800, image::Luma([255]));
        for (others, want) in cases {
            let lines: Vec<lines::LineBox> = others.iter().chain([&date]).map(|b| lines::LineBox { bbox: *b }).collect();
            assert_eq!(widen_left(date, paper, WIDEN_LEFT, &lines, &blank), Some(*want), "{others:?}");
        }
        // Where no box is cut but the edge at 440 cuts print (a label cell
        // too short to be a line, h94 b 033): left to the gap before the
        // word, or just right of a cell's wall; a gap within a word
        // (under 0.4 heights) is passed over. The edge goes to the gap's
        // middle. Ink: (x from, x to, y from, y to), x counted from where
        // the box's crop ends (its margin further left).
        type Ink = &'static [(u32, u32, u32, u32)];
        let print: &[(&str, Ink, u32)] = &[
            ("nothing cut", &[(450, 500, 102, 118)], 440),
            ("a word cut, a gap of 10 before it", &[(420, 445, 102, 118), (380, 410, 102, 118)], 416),
            ("two characters 3 apart cut, then a gap", &[(430, 445, 102, 118), (412, 427, 102, 118)], 408),
            ("a word cut right of a cell's wall", &[(414, 445, 102, 118), (410, 412, 85, 135)], 412),
            ("a stroke of the print's height is no wall", &[(414, 445, 102, 118), (410, 412, 100, 120), (330, 400, 102, 118)], 406),
            ("print all the way past 14 heights: unchanged", &[(300, 445, 102, 118)], 440),
        ];
        for (why, ink, want) in print {
            let mut g = blank.clone();
            let m = crop_margin(date);
            for &(x0, x1, y0, y1) in *ink {
                (x0 - m..x1 - m).for_each(|x| (y0..y1).for_each(|y| g.put_pixel(x, y, image::Luma([20]))));
            }
            let got = widen_left(date, paper, WIDEN_LEFT, &[lines::LineBox { bbox: date }], &g).map(|b| b[0]);
            assert_eq!(got, Some(*want), "{why}");
        }
    }

    /// Answers by the crop's shape: a crop wider than `wide` times its
    /// height (the line's box widened) reads the second text.
    struct ByShape {
        wide: f32,
        texts: (&'static str, &'static str),
        widened: u32,
    }
    impl Ocr for ByShape {
        fn line(&mut self, img: &Gray) -> Result<String, String> {
            let wide = img.width() as f32 > self.wide * img.height() as f32;
            self.widened += wide as u32;
            Ok(if wide { self.texts.1 } else { self.texts.0 }.to_string())
        }
    }

    #[test]
    fn a_label_alone_or_a_broken_off_date_is_read_with_what_lies_right_of_it() {
        // One line of blocky print, 20 px high, 12 characters: its box is
        // ~7.5 of its crop's heights wide, widened ~10 or more.
        let mut g = Gray::from_pixel(800, 600, image::Luma([255]));
        for c in 0..12u32 {
            for y in 300..320u32 {
                for x in 50 + c * 24..68 + c * 24 {
                    if (x + y) % 5 != 0 {
                        g.put_pixel(x, y, image::Luma([20]));
                    }
                }
            }
        }
        // (the line as read, as read widened, the answer)
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("报告日期 2024/10", "报告日期 2024/10/31", Some("2024-10-31")),
            ("检查日期:", "检查日期: 2024-10-31", Some("2024-10-31")),
            // Another's label alone: not widened, no date.
            ("出生日期:", "出生日期: 2024-10-31", None),
        ];
        for (short, wide, want) in cases {
            let mut ocr = ByShape { wide: 9.0, texts: (short, wide), widened: 0 };
            let got = read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 600], None, TODAY, &mut ocr, &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{short}");
            assert_eq!(ocr.widened > 0, want.is_some(), "{short}");
        }
    }

    /// Answers every read with one text.
    struct Says(&'static str);
    impl Ocr for Says {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            Ok(self.0.to_string())
        }
    }

    #[test]
    fn a_plain_label_with_a_time_at_the_pages_left_edge_may_be_cut_and_gives_no_date() {
        // One line of blocky print, 20 px high, starting `left` px from the
        // page's left edge; (left, every read, the answer).
        let cases: &[(u32, &str, Option<&str>)] = &[
            (50, "日期: 2026-08-10 12:06", Some("2026-08-10")),
            // At the edge: 打印日期 with 打印 cut off by the photo's edge?
            (2, ")日期: 2026-08-10 12:06", None),
            (2, "日期: 2026-08-10 12:06", None),
            // Without a time, or under a label of the paper's own: kept.
            (2, "日期: 2026-08-10", Some("2026-08-10")),
            (2, "检查日期: 2026-08-10 12:06", Some("2026-08-10")),
        ];
        for (left, text, want) in cases {
            let mut g = Gray::from_pixel(800, 600, image::Luma([255]));
            for c in 0..12u32 {
                for y in 300..320u32 {
                    for x in left + c * 24..left + 18 + c * 24 {
                        if (x + y) % 5 != 0 {
                            g.put_pixel(x, y, image::Luma([20]));
                        }
                    }
                }
            }
            let got = read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 600], None, TODAY, &mut Says(text), &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{left} {text}");
        }
    }

    #[test]
    fn a_date_read_alone_is_read_with_what_lies_left_of_it() {
        // The line of blocky print above, 300 px from the page's left,
        // and three characters left of it past a gap of three heights (a
        // label too short to be read as a line of its own).
        let mut g = Gray::from_pixel(800, 600, image::Luma([255]));
        for c in (0..12u32).chain(15..18) {
            for y in 300..320u32 {
                for x in 588 - c * 24..606 - c * 24 {
                    if (x + y) % 5 != 0 {
                        g.put_pixel(x, y, image::Luma([20]));
                    }
                }
            }
        }
        // (the line as read, as read widened, the answer): each widened
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("2023.11.28", "报告日期: 2023.11.28", Some("2023-11-28")),
            ("2023.11.28", "打印日期: 2023.11.28", None),
            // No label found: a dot-form date alone is no answer, as before.
            ("2023.11.28", "2023.11.28", None),
            // A 年-form date alone still is, whatever stands left of it.
            ("2023年11月28日", "医师签名: 王芳 2023年11月28日", Some("2023-11-28")),
        ];
        for (short, wide, want) in cases {
            // (Its crop ~7.5 of the crop's heights wide, widened ~11.8.)
            let mut ocr = ByShape { wide: 9.5, texts: (short, wide), widened: 0 };
            let got = read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 600], None, TODAY, &mut ocr, &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{short}");
            assert!(ocr.widened > 0, "{short}");
        }
        // A date after words of its box, or a time: not widened.
        for short in ["医师签名 2023.11.28", "2023.11.28 14:30"] {
            let mut ocr = ByShape { wide: 9.5, texts: (short, "报告日期: 2023.11.28"), widened: 0 };
            read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 600], None, TODAY, &mut ocr, &mut DateTrace::default());
            assert_eq!(ocr.widened, 0, "{short}");
        }
    }

    /// Blocky print: `n` characters 18 px wide, 24 apart, 20 px high, the
    /// first at (`x0`, `y0`).
    fn blocks(g: &mut Gray, x0: u32, y0: u32, n: u32) {
        for c in 0..n {
            for y in y0..y0 + 20 {
                for x in x0 + c * 24..x0 + 18 + c * 24 {
                    if (x + y) % 5 != 0 {
                        g.put_pixel(x, y, image::Luma([20]));
                    }
                }
            }
        }
    }

    /// Answers by the crop's shape: the `k`th distinct width over height
    /// seen (a line's box, widened once, widened again) reads `texts[k]`.
    struct ByWidening {
        texts: [&'static str; 3],
        seen: Vec<i32>,
    }
    impl Ocr for ByWidening {
        fn line(&mut self, img: &Gray) -> Result<String, String> {
            let r = (img.width() as f32 / img.height() as f32 * 2.0).round() as i32;
            let k = match self.seen.iter().position(|&s| (s - r).abs() <= 1) {
                Some(k) => k,
                None => {
                    self.seen.push(r);
                    self.seen.len() - 1
                }
            };
            Ok(self.texts[k.min(2)].to_string())
        }
    }

    #[test]
    fn a_date_in_a_tables_row_is_read_with_its_label_cell() {
        // The line of blocky print of the test above, alone: a table's
        // row, whose label cell (`日期`) lies further left than a label's
        // gap and is too short to be a line of its own (h94 h 096).
        let mut g = Gray::from_pixel(800, 600, image::Luma([255]));
        blocks(&mut g, 324, 300, 12);
        // (as read, widened once, widened again; the answer)
        let cases: &[([&str; 3], Option<&str>)] = &[
            (["2024/3/10", "| 2024/3/10", "日期 | 2024/3/10"], Some("2024-03-10")),
            (["2024/3/10", "| 2024/3/10", "报告日期 | 2024/3/10"], Some("2024-03-10")),
            // Another's label in the cell: no date.
            (["2024/3/10", "| 2024/3/10", "打印日期 | 2024/3/10"], None),
            // Nothing more: as before, a date alone in slashes is no answer.
            (["2024/3/10", "| 2024/3/10", "| 2024/3/10"], None),
        ];
        for (texts, want) in cases {
            let mut ocr = ByWidening { texts: *texts, seen: Vec::new() };
            let got = read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 600], None, TODAY, &mut ocr, &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{texts:?}");
            assert!(ocr.seen.len() >= 3, "{texts:?}: widened twice {:?}", ocr.seen);
        }
    }

    /// Reads crops by their call's number: up to `upto` (inclusive) as
    /// its text, for each `(upto, text)` in turn; after the last, the last.
    struct ByCall {
        calls: usize,
        phases: &'static [(usize, &'static str)],
    }
    impl Ocr for ByCall {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            self.calls += 1;
            let t = self.phases.iter().find(|(upto, _)| self.calls <= *upto).or(self.phases.last()).map_or("", |p| p.1);
            Ok(t.to_string())
        }
    }

    #[test]
    fn a_label_read_alone_as_the_budgets_last_read_is_still_read_with_its_date() {
        // Sixteen lines of blocky print; the 11th read (the budget's last
        // line: 28.8 kpx a read, `MAX_LINE_PIXELS` spent by it) is a label
        // alone, its widened box its date (h94 a 077: a lab report's
        // results took the budget first).
        let mut g = Gray::from_pixel(800, 900, image::Luma([255]));
        for row in 0..16u32 {
            blocks(&mut g, 50, 60 + row * 48, 12);
        }
        let phases: &[(usize, &str)] = &[(10, "谷丙转氨酶"), (11, "报告日期"), (usize::MAX, "报告日期 2025年1月27日")];
        let mut ocr = ByCall { calls: 0, phases };
        let mut trace = DateTrace::default();
        let got = read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 900], None, TODAY, &mut ocr, &mut trace);
        assert_eq!(got.map(|d| d.iso()).as_deref(), Some("2025-01-27"), "{} calls, {} px: {:?}", ocr.calls, trace.pixels, trace.texts);
    }

    /// Reads the first `first` crops as `texts.0`, the rest as `texts.1`.
    struct ByCount {
        first: usize,
        calls: usize,
        texts: (&'static str, &'static str),
    }

    impl Ocr for ByCount {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            self.calls += 1;
            Ok(if self.calls <= self.first { self.texts.0 } else { self.texts.1 }.to_string())
        }
    }

    #[test]
    fn a_page_that_kept_no_date_reads_its_date_like_lines_again_larger() {
        // One line of blocky print, 20 px high (as above).
        let mut g = Gray::from_pixel(800, 600, image::Luma([255]));
        for c in 0..12u32 {
            for y in 300..320u32 {
                for x in 50 + c * 24..68 + c * 24 {
                    if (x + y) % 5 != 0 {
                        g.put_pixel(x, y, image::Luma([20]));
                    }
                }
            }
        }
        // (the line as first read, as read in the second look, the answer,
        // the calls in all)
        let cases: &[(&'static str, &'static str, Option<&str>, usize)] = &[
            // Read at the larger scale twice alike: kept.
            ("开具引期 2023104-27", "开具日期 2023-04-27", Some("2023-04-27"), 3),
            // Another's date there: not the paper's.
            ("开具引期 2023104-27", "打印日期 2023-04-27", None, 2),
            // A print time is no date-like line: no second look.
            ("打印时间: 2026-03-01 10:53", "开具日期 2026-03-01", None, 1),
        ];
        for (first, again, want, calls) in cases {
            let mut ocr = ByCount { first: 1, calls: 0, texts: (first, again) };
            let mut trace = DateTrace::default();
            let got = read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 600], None, TODAY, &mut ocr, &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{first} / {again}");
            assert_eq!(ocr.calls, *calls, "{first} / {again}: {:?}", trace.texts);
        }
    }

    #[test]
    fn the_second_look_at_a_line_under_a_seal_only_confirms_the_first() {
        // One line of blocky print, 20 px high (as above).
        let mut g = Gray::from_pixel(800, 600, image::Luma([255]));
        for c in 0..12u32 {
            for y in 300..320u32 {
                for x in 50 + c * 24..68 + c * 24 {
                    if (x + y) % 5 != 0 {
                        g.put_pixel(x, y, image::Luma([20]));
                    }
                }
            }
        }
        let seal = Some([200, 250, 150, 150]);
        let (a, b, c) = ("报告日期，2026.05.0]", "检查日期: 2023/5/19", "检查日朋2026年08月2]日");
        // (a seal on the line, the reads in order, the answer, the calls)
        let cases: &[(Option<[u32; 4]>, &[&'static str], Option<&str>, u32)] = &[
            // Held-out 991260 072: the first look read `05.6]`, the second
            // `05.0]` at every size: under a seal, not the first look's date.
            (seal, &["报告理拔 2026.05.6]", a, a, a], None, 4),
            // Without a seal two alike, as before.
            (None, &["报告理拔 2026.05.6]", a, a], Some("2026-05-01"), 3),
            // Seed 5 012 at 1024 px: the first look read 2023 twice, 2025
            // (and 2029) once; the second 2023 three times and 2025 once.
            (seal, &[b, "检查日期: 2029/5/19", "检查日期: 2025/5/19", b, b, b, "检查日期: 2025/5/19", b], None, 8),
            // Without a seal two alike in the second look, as before.
            (None, &[b, "检查日期: 2029/5/19", "检查日期: 2025/5/19", b, b, b], Some("2023-05-19"), 6),
            // 991260 012 at 1024 px: read once in the first look, three
            // times alike in the second: kept.
            (seal, &[c, "", "", "", c, c, c], Some("2026-08-21"), 7),
        ];
        for (seal, reads, want, calls) in cases {
            let mut ocr = Script(reads.to_vec());
            let mut trace = DateTrace::default();
            let got = read_date(&g, &|| g.clone(), &|| None, [0, 0, 800, 600], *seal, TODAY, &mut ocr, &mut trace);
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{seal:?} {reads:?}: {:?}", trace.texts);
            assert_eq!(trace.line_calls, *calls, "{seal:?} {reads:?}: {:?}", trace.texts);
        }
    }

    #[test]
    fn a_date_read_on_the_line_before() {
        let (b, other) = ([10, 10, 200, 20], [10, 50, 200, 20]);
        let d = parse_dates("报告日期 2026.05.09", 0).remove(0);
        // (the reads: box, digits only, text; whether one gives the date)
        let cases: &[(&[([u32; 4], bool, &str)], bool)] = &[
            (&[(b, false, "报告理拔 2026.05.09")], true),
            // Spelled through a misread separator.
            (&[(b, false, "报告理拔 2026.0509")], true),
            (&[(b, true, "2026.05.09")], true),
            (&[(b, false, "报告理拔 2026.05.6]")], false),
            // Another line's read.
            (&[(other, false, "报告日期 2026.05.09")], false),
            (&[], false),
        ];
        for (reads, want) in cases {
            let reads: Vec<([u32; 4], bool, String)> = reads.iter().map(|(b, digits, t)| (*b, *digits, t.to_string())).collect();
            assert_eq!(read_there(&reads, b, &d, TODAY), *want, "{reads:?}");
        }
    }

    #[test]
    fn reads_agree_on_a_line_unless_one_reads_its_year_with_a_digit_more() {
        let b = [10, 10, 200, 20];
        // (the line's reads: digits only, text; the date agreed on)
        let cases: &[(&[(bool, &str)], Option<&str>)] = &[
            (&[(false, "报告日期 2024年06月11电"), (false, "报告日期 2024年06月11电")], Some("2024-06-11")),
            // Held-out 991301 030 at 1024 px (2023-06-11).
            (&[(false, "报告日期 2024年06月11电"), (true, "20243年06月11"), (false, "报告日期 2024年06月11电")], None),
            // A slash read as 7 after the year is a separator misread (991261 001 at 1024 px).
            (&[(false, "日期 2024/8/8"), (false, "日期 20247/8/8"), (false, "日期 2024/8/8")], Some("2024-08-08")),
            // Separators lost are no year with a digit more.
            (&[(false, "报告日期 2024/6/11"), (true, "20240611"), (false, "报告日期 2024/6/11")], Some("2024-06-11")),
        ];
        for (reads, want) in cases {
            let mut trace = DateTrace::default();
            trace.reads = reads.iter().map(|(digits, t)| (b, *digits, t.to_string())).collect();
            assert_eq!(agree_line(b, 0, false, true, TODAY, &trace).map(|d| d.iso()).as_deref(), *want, "{reads:?}");
        }
    }

    #[test]
    fn an_unlabelled_dates_label_or_time_beside_it() {
        let lb = |b: [u32; 4]| lines::LineBox { bbox: b };
        // Held-out 990302 014 (full size): 印时间: lower left, the date
        // tilted, 11:12 right; 医师签名 a row above.
        let page = [lb([0, 1035, 126, 39]), lb([401, 1060, 74, 27]), lb([147, 1071, 228, 54]), lb([3, 1109, 115, 40]), lb([904, 1373, 63, 16])];
        assert_eq!(beside(&page, [147, 1071, 228, 54]), (Some([3, 1109, 115, 40]), Some([401, 1060, 74, 27])));
        // (boxes, the date's box, the answer)
        let cases: &[(&[[u32; 4]], [u32; 4], (Option<[u32; 4]>, Option<[u32; 4]>))] = &[
            // Nothing on its row, or too far: nothing beside it.
            (&[[100, 100, 200, 20], [100, 140, 200, 20]], [100, 100, 200, 20], (None, None)),
            (&[[100, 100, 200, 20], [361, 100, 60, 20]], [100, 100, 200, 20], (None, None)),
            // Within three heights on either side; the nearest.
            (&[[100, 100, 200, 20], [359, 102, 60, 20], [20, 98, 60, 20], [0, 98, 15, 20]], [100, 100, 200, 20], (Some([20, 98, 60, 20]), Some([359, 102, 60, 20]))),
            // A box above or below that touches the row only by its edge.
            (&[[100, 100, 200, 20], [20, 116, 60, 20]], [100, 100, 200, 20], (None, None)),
        ];
        for (boxes, b, want) in cases {
            let page: Vec<lines::LineBox> = boxes.iter().map(|b| lb(*b)).collect();
            assert_eq!(beside(&page, *b), *want, "{boxes:?}");
        }
        // (read left, the date as read, read right, still the paper's date)
        let alone: &[(&str, &str, &str, bool)] = &[
            ("印时间:", "2023年12月26哩", "11:12", false),
            ("打印时间:", "2023年12月26日", "", false),
            ("", "2023年12月26日", "11:12", false),
            ("", "2023年12月26日", "", true),
            ("日期:", "2023年12月26日", "", true),
            ("开具日期:", "2023年12月26日", "医师签名", true),
            ("出生日期", "2023年12月26日", "", false),
            // Something else right before it: not a label we know.
            ("医师签名:王芳", "2023年12月26日", "", false),
        ];
        for (l, text, r, want) in alone {
            let d = parse_dates(text, 0).remove(0);
            assert_eq!(stands_alone(l, &d, r), *want, "{l} {text} {r}");
        }
    }

    /// Each line's first date and its label's kind, as the table says.
    fn first_dates_are(cases: &[(&str, Option<&str>, Option<LabelKind>)]) {
        for (text, iso, kind) in cases {
            let got = parse_dates(text, 0).into_iter().next();
            assert_eq!(got.as_ref().map(|d| d.iso()).as_deref(), *iso, "{text}");
            assert_eq!(got.map(|d| d.kind), *kind, "{text}");
        }
    }

    #[test]
    fn a_colon_read_as_a_dash_or_a_dot() {
        // (line as read, the date, what its label says)
        let cases: &[(&str, Option<&str>, Option<LabelKind>)] = &[
            ("报告日期-2026/10/19", Some("2026-10-19"), Some(LabelKind::Own)),
            ("日期.2025年9月30日", Some("2025-09-30"), Some(LabelKind::Plain)),
            ("检查日期_2023-05-13", Some("2023-05-13"), Some(LabelKind::Own)),
            ("日期一2023-05-13", Some("2023-05-13"), Some(LabelKind::Plain)),
            // Another's label stays another's.
            ("打印时间-2025-10-08 14:22", Some("2025-10-08"), Some(LabelKind::Other)),
            // A mark after no label is no colon.
            ("第1页-2025-10-08", Some("2025-10-08"), Some(LabelKind::None)),
            // 日 read as a digit after an own stem (held-out 990172 063).
            ("检查5 期 : 2024/2/27", Some("2024-02-27"), Some(LabelKind::Own)),
            ("打印5期: 2024/2/27", Some("2024-02-27"), Some(LabelKind::Other)),
            ("门诊5期: 2024/2/27", Some("2024-02-27"), Some(LabelKind::Other)),
        ];
        first_dates_are(cases);
    }

    #[test]
    fn a_separator_read_as_a_stroke() {
        // (line as read, the date)
        let cases: &[(&str, Option<&str>)] = &[
            ("检查日期: 2024!02.01", Some("2024-02-01")),
            ("胆期:2025L03-13", Some("2025-03-13")),
            ("日期: 2024.02!01", Some("2024-02-01")),
            ("日期: 2024/10|21", Some("2024-10-21")),
            // Both separators strokes: no date's shape.
            ("日期: 2024!02!01", None),
            ("日期: 2024|02|01", None),
            // Nor a semicolon (990222 018: a day misread behind it).
            ("报告电期: “2026;07.26", None),
            // Only between two whole two-digit numbers (a stroke may be a
            // 1 that lost its neighbour: 2024.1!.01).
            ("日期: 2024!2.01", None),
            ("日期: 2024.02!1", None),
            ("日期: 2024.2!01", None),
            // The 年 form keeps its characters.
            ("日期: 2024!2月01日", None),
            // A space read for a dot (068: 2025 01 .17).
            ("开具日时;2025 01 .17", Some("2025-01-17")),
            // Both read as spaces (990222 023): only after a label.
            ("给告日期 2024 08 25", Some("2024-08-25")),
            ("日期: 2025 01 17", Some("2025-01-17")),
            ("2025 01 17", None),
            ("门诊号: 2025 01 17", None),
            ("日期: 2025 1 17", None),
        ];
        for (text, iso) in cases {
            assert_eq!(one(text).map(|x| x.0).as_deref(), *iso, "{text}");
        }
    }

    #[test]
    fn a_slash_read_as_one() {
        // (line as read, the date)
        let cases: &[(&str, Option<&str>)] = &[
            ("日期: 2025/10117", Some("2025-10-17")),
            ("报告日期:2024/03127", Some("2024-03-27")),
            // Not five digits after the slash: which digit is the slash is
            // not known (2025/1117 may be 1/17 or 11/17).
            ("日期: 2025/1117", None),
            ("日期: 2025/101175", None),
            // Only a 1 or a 7 in the middle, only after a slash.
            ("日期: 2025/10317", None),
            ("日期: 2025-10117", None),
            // A slash read 7 (990221 052), either of the two.
            ("日期:202578/5", Some("2025-08-05")),
            ("日期:2025710/21", Some("2025-10-21")),
            ("日期: 2025/10721", Some("2025-10-21")),
            // Both slashes misread: which digits are the slashes is not known.
            ("日期: 2025710721", None),
            ("日期: 20257/8/5", None),
            ("日期: 2025781/5", None),
        ];
        for (text, iso) in cases {
            assert_eq!(one(text).map(|x| x.0).as_deref(), *iso, "{text}");
        }
        // Under a seal (strict) nothing is mended.
        assert!(parse_dates_with("日期: 2025/10117", 0, true).is_empty());
    }

    #[test]
    fn a_colon_read_as_one_and_a_century_as_vo() {
        // (line as read, the date, what its label says)
        let cases: &[(&str, Option<&str>, Option<LabelKind>)] = &[
            ("检查目期12026/7/6", Some("2026-07-06"), Some(LabelKind::Own)),
            ("日期12025年9月30日", Some("2025-09-30"), Some(LabelKind::Plain)),
            ("打印时间12025-10-08", Some("2025-10-08"), Some(LabelKind::Other)),
            // Only after the label's last character, before a year and a
            // separator: a number of five digits stays no date.
            ("门诊号12025-10-08", None, None),
            ("检查日期12025", None, None),
            ("检查日期 : vo24.08.10", Some("2024-08-10"), Some(LabelKind::Own)),
            ("检查日期 : v024.08.10", Some("2024-08-10"), Some(LabelKind::Own)),
            ("报告日期:Vo25-01-17", Some("2025-01-17"), Some(LabelKind::Own)),
            // Not inside a word, nor without a date's separator after it.
            ("检查日期 : xvo24.08.10", None, None),
            ("检查日期 : vo24年08月10日", None, None),
        ];
        first_dates_are(cases);
        // Under a seal the colon is mended, the look-alike is not.
        assert_eq!(parse_dates_with("检查目期12026/7/6", 0, true).len(), 1);
        assert!(parse_dates_with("检查日期 : vo24.08.10", 0, true).is_empty());
    }

    #[test]
    fn a_colon_read_as_two() {
        assert_eq!(one("报告日期二2024-03-20").map(|x| (x.0, x.2)), Some(("2024-03-20".into(), LabelKind::Own)));
        assert_eq!(one("打印时间二2024-03-20").map(|x| x.2), Some(LabelKind::Other));
        // 二 elsewhere is no colon.
        assert_eq!(one("第二2024-03-20").map(|x| x.2), Some(LabelKind::Other));
    }

    #[test]
    fn ocr_letters_in_digits() {
        assert_eq!(one("日期：2O25年9月3O日").map(|x| x.0), Some("2025-09-30".into()));
        assert_eq!(one("检查日期: 2025年1]月27日").map(|x| x.0), Some("2025-11-27".into()));
        // A speck after the colon; 日 misread where it closes the line.
        assert_eq!(one("日期: ,2026年10月9日").map(|x| (x.0, x.2)), Some(("2026-10-09".into(), LabelKind::Plain)));
        assert_eq!(one("检查日期:2025年4月27|").map(|x| (x.0, x.2)), Some(("2025-04-27".into(), LabelKind::Own)));
        assert_eq!(one("开具日期 2024年3月23岂").map(|x| x.0), Some("2024-03-23".into()));
        // Nor where a mark or two follow the misread 日 (991101 020 at 1024 px).
        for text in ["检查日期，2023年05月11月。", "检查日期: 2023年05月 11骨 光", "检查日期，2023年05月11骨”"] {
            assert_eq!(one(text).map(|x| x.0), Some("2023-05-11".into()), "{text}");
        }
        // But not a one-digit day (it may be cut short), nor mid-line (a
        // time, more digits or a date's separators after it).
        assert!(parse_dates("日期 2024年3月2岂", 0).is_empty());
        assert!(parse_dates("日期 2024年3月23岂 12:00", 0).is_empty());
        assert!(parse_dates("日期 2024年3月23岂 1", 0).is_empty());
        assert!(parse_dates("日期 2024年3月23岂-", 0).is_empty());
        assert!(parse_dates("日期 2024年3月23岂 某某某某", 0).is_empty());
        assert_eq!(one("日期，2025年9月18日").map(|x| (x.0, x.2)), Some(("2025-09-18".into(), LabelKind::Plain)));
        assert_eq!(one("检查日期;: 2025/2/16").map(|x| (x.0, x.2)), Some(("2025-02-16".into(), LabelKind::Own)));
        assert_eq!(one("报告日期 2023.12,19").map(|x| x.0), Some("2023-12-19".into()));
        assert_eq!(one("检查日期 2026年2片19虽，").map(|x| x.0), Some("2026-02-19".into()));
        // One separator read as a colon (a table of cases: text, date).
        for (text, iso) in [
            ("日期 2026:04-26", Some("2026-04-26")),
            ("日期: 2023.10:27", Some("2023-10-27")),
            ("日期: .2023.10:27", Some("2023-10-27")),
            ("日期: 2023:10.27", Some("2023-10-27")),
            ("报告日期 2024/3:5", Some("2024-03-05")),
            // Both separators colons, or a time of day: no date.
            ("日期 2023:10:27", None),
            ("打印时间 14:22:05", None),
            ("日期 2023.10.1:", None),
        ] {
            assert_eq!(one(text).map(|x| x.0), iso.map(String::from), "{text}");
        }
        // Letters alone are not a number.
        assert!(parse_dates("日期：SBZO年l月l日", 0).is_empty());
    }

    #[test]
    fn what_one_read_spells_with_its_separators_misread() {
        // (read, under a seal, the dates it spells)
        let cases: &[(&str, bool, &[&str])] = &[
            ("日期:2024/3/18", false, &["2024-03-18"]),
            // The thin second slash read as 1 or 0: one way only.
            ("日期:2024/3118", false, &["2024-03-18"]),
            ("日期:2024/3018", false, &["2024-03-18"]),
            ("检查日期: 2023/2712", true, &["2023-02-12"]),
            // Read as two marks (7/), or as 7V: dearer, still one way.
            ("检查日期: 2023/27/12", true, &["2023-02-12"]),
            ("报告日期，2024/57V18", false, &["2024-05-18"]),
            ("报告日期: 20245V18", false, &["2024-05-18"]),
            ("日期: 2024/6)1", false, &["2024-06-01"]),
            ("日期: 2024/611", false, &["2024-06-01", "2024-06-11"]),
            ("日期: 2025/372", false, &["2025-03-02"]),
            ("报告日期 2026110127", true, &["2026-10-27"]),
            // A slash read as 1 or lost: 1/19, 11/9 or 11/19.
            ("日期:2023/1119", false, &["2023-01-19", "2023-11-09", "2023-11-19"]),
            ("日期:2023/11119", false, &["2023-11-19"]),
            // Nothing to spell: a day read as a character, a month as a
            // letter, a 年 date (its 年 is no digit), digits run together.
            ("检查日期: 2023/27卫", true, &[]),
            ("报告日期 2026IM0127", true, &[]),
            ("报告日期 2026华6月1日", true, &[]),
            ("日期202310438", false, &[]),
            // A 年 date with no 日 after its day: cut short (3月22日 read
            // 3月2 twice); with its 日 it is whole.
            ("日期:2023年3月2", false, &[]),
            ("2023年3月2", false, &[]),
            ("日期:2023年3月2日", false, &["2023-03-02"]),
            // A day cut short (a padded month, a one-digit day), a day
            // run on into a mark, another label, the future.
            ("日期:2023/05/1", false, &[]),
            // A slash lost: 05/11 (05/1 and a 1 is a day cut short).
            ("日期:2023/0511", false, &["2023-05-11"]),
            ("日期:2023/1012", false, &["2023-01-12", "2023-10-02", "2023-10-12"]),
            ("日期:2024/3118-", false, &[]),
            ("打印日期: 2024/3118", false, &[]),
            ("日期:2026/12118", false, &[]),
            // A label garbled counts, except under a seal.
            ("报坷理期 ; 2023/2712", false, &["2023-02-12"]),
            ("报坷理期 ; 2023/2712", true, &[]),
            ("报告只期 2026)0127", false, &["2026-01-27"]),
        ];
        for (text, sealed, want) in cases {
            let got: Vec<String> = spelled(text, 0, *sealed, !*sealed, false, TODAY).iter().map(|(d, _)| d.iso()).collect();
            assert_eq!(got.iter().map(String::as_str).collect::<Vec<_>>().as_slice(), *want, "{text}");
        }
        // A digits-only read has no label (cut off): it counts.
        assert_eq!(spelled("2024/3118", 0, true, false, true, TODAY).len(), 1);
        assert!(spelled("2024/3118", 0, true, false, false, TODAY).is_empty());
    }

    #[test]
    fn reads_of_a_line_agree_on_a_date_through_misread_separators() {
        // (the line's reads, under a seal, the date kept)
        let cases: &[(&[&str], bool, Option<&str>)] = &[
            // One right read outvoted by reads of the slash as 1 or 0.
            (&["日期:2024/3/18", "日期:2024/3118", "日期:2024/3018", "日期:2024/3118", "日期:2024/3118"], false, Some("2024-03-18")),
            // Ambiguous reads and one whole read: not enough (990321 025,
            // truth 4/9: the whole read 4/19 took the slash for /1).
            (&["日期:2023/1119", "日期:2023/1119", "日期:2023/11/19"], false, None),
            (&["开具日期: 2026/419", "开具日期: 2026/4/19", "开具日戎: 20267Q"], false, None),
            (&["开具日期: 2026/419", "开具日期: 2026/4/9", "开具日期: 2026/4/19", "开具日戎: 20267Q"], false, None),
            // Two reads that spell it alone, under a seal.
            (&["检查日期: 2023/2712", "检查日期: 2023/27卫", "检查日期: 2023/27/12", "检查旧期: 292372/I2"], true, Some("2023-02-12")),
            (&["报告日期，2024/57V18", "报告日期，2024/57V18", "报告日期: 20245V18"], false, Some("2024-05-18")),
            // One read, however often: no answer.
            (&["日期:2023/1119"], false, None),
            // 6/11 or 6/1 with a ) for /1: no answer (990291 036).
            (&["日期: 2024/6)1", "日期: 2024/6)1", "日期: 2024/6咱", "2024/611"], false, None),
            // A ) for the slash after the year, before a month of 3-9: no
            // digit lost (13-19 is no month; held-out 990714 007) ...
            (&["日期: 2026)3/6", "日期: 2026)3/6", "且期:殊626)3/6"], false, Some("2026-03-06")),
            // ... before a month 1 or 2 it may have taken a 1 (11, 12).
            (&["日期: 2026)1/6", "日期: 2026)1/6"], false, None),
            // A digit after the slash taken for its second mark may be the
            // month's, the next digit misread (kept-back 991252 053, for
            // 2026/1/10): no answer, not 04-10 ...
            (&["日期 : 2026/14/10", "日期 : 2026/人/10", "日期 : 2026/14/10"], false, None),
            // ... a mark that is no digit took none (2026/4/10).
            (&["日期 : 2026/)4/10", "日期 : 2026/)4/10"], false, Some("2026-04-10")),
            // One read alone is not enough.
            (&["日期:2024/3118", "日期:", "日期:20"], false, None),
            // A read spelling another date alone: no answer.
            (&["日期:2024/3118", "日期:2024/3118", "日期:2024/3/8"], false, None),
            (&["报告只期 2026)0127", "报告只期 2026作0127", "报告日期 2026110127", "报告日期 2026IM0127"], false, None),
            // Two dates read whole, each several times (a digit misread).
            (&["日期:2023/8/23", "日期:2023/8/23", "日期:2025/8/23", "日期:2023/8/23", "日期:2025/8/23"], false, None),
            // A seal over the day (华 for 年, 11 read 1): no date, not 06-01.
            (&["报告日期 2026华6月1日", "报告日期 2026毕6月1日", "报告日期 2026毕6月1日"], true, None),
            // Spelled only in the future.
            (&["日期:2026/12118", "日期:2026/12118"], false, None),
            // A 年 form whose day nothing closes may be cut short (990302
            // 050 at 1024 px, for 3月22日); a two-digit day closed by 日
            // misread is whole (990381 040: 04月19晶 twice, for 04-19).
            (&["日期 2023年3月2", "日期 2023年3月2"], false, None),
            (&["检查日期: 2026年094月195日", "检查日期: 2026年04月19晶", "检查日期: 2026年中月19日", "检查日期， 2026年04月19晶", "检查日期: 2026年94月19晶"], false, Some("2026-04-19")),
            (&["检查日期: 2026年04月19晶", "检查日期: 2026年04月19日", "检查日期: 2026年04月1"], false, Some("2026-04-19")),
            // A letter for a digit before a slash read right is no second
            // mark of the slash alone (990382 023 at 1024 px, for 11/14).
            (&["检查日期: 2023/1J/14", "检查日期: 2023/1J/14", "检查日期: 2023/1J/14", "20231114"], false, None),
            (&["日期: 2024/1J/18", "日期: 2024/1J/18"], false, None),
            // ... where the digit makes no month, the letter is a mark.
            (&["日期: 2024/3J/18", "日期: 2024/3J/18"], false, Some("2024-03-18")),
        ];
        for (reads, sealed, want) in cases {
            let spellings: Vec<Vec<(DateFound, bool)>> = reads.iter().map(|t| spelled(t, 0, *sealed, !*sealed, false, TODAY)).collect();
            assert_eq!(agree(&spellings).map(|d| d.iso()).as_deref(), *want, "{reads:?}");
        }
        // A read whose year broke off into a mark: the year is in doubt.
        for (text, garbled) in [("报告日期; 202t /8/1", true), ("报告日期: 202和/8/1", true), ("202/8/1", true), ("报告日期: 2024 /8/1", false), ("检查旧期: 292372/I2", false), ("打印时间 10:20", false), ("报告日期:20", false)] {
            assert_eq!(year_garbled(text), garbled, "{text}");
        }
        // Kept with the read's label.
        let spellings: Vec<Vec<(DateFound, bool)>> = ["报告日期，2024/57V18", "日期: 2024/57V18"].iter().map(|t| spelled(t, 0, false, true, false, TODAY)).collect();
        assert_eq!(agree(&spellings).map(|d| (d.label, d.kind)), Some((Some("报告日期".into()), LabelKind::Own)));
    }
}

/// Tests of i13-reach's rules (reading order, a label carried to a
/// widened box, lines completed at the pale level).
#[cfg(test)]
mod tests_reach {
    use super::tests::Script;
    use super::*;

    const TODAY: Today = (2026, 11, 30);

    #[test]
    fn the_pages_foot_and_its_headings_are_read_after_the_other_lines() {
        // A page 1000 px high, print 20 px high.
        let paper = [0, 0, 800, 1000];
        let hosp = [250, 40, 300, 34]; // 1.7 print heights: a heading
        let title = [300, 90, 200, 28]; // 1.4: a heading
        let title_low = [300, 90, 200, 24]; // 1.2: read in its turn
        let name = [50, 150, 300, 20];
        let date_top = [50, 200, 200, 20];
        let body = [50, 300, 250, 20];
        let sign = [500, 700, 180, 20];
        let date = [400, 740, 200, 22];
        let print = [50, 770, 250, 20];
        let foot = [50, 940, 250, 18]; // in the last fifth, 8 heights below the print
        let foot_near = [50, 820, 250, 18]; // 1.5 heights below: no foot
        let foot_high = [50, 790, 250, 18]; // 3.5 heights below the signature, above the last fifth
        let cases: &[(&[[u32; 4]], &[[u32; 4]])] = &[
            // The foot after the lower half, the headings after the upper half.
            (&[hosp, title, name, date_top, body, sign, date, print, foot], &[print, date, sign, foot, name, date_top, body, hosp, title]),
            // A title as low as a date's print is read in its turn; what
            // follows it is no heading, however tall. (The rows from 700
            // are 24 heights under the rest: the body's lower half, from
            // `date_top` up, is read before the foot.)
            (&[hosp, title_low, name, date_top, sign, date, foot], &[date, sign, date_top, name, foot, title_low, hosp]),
            // The lowest line near the print above it, or above the last
            // fifth: read first, as before.
            (&[name, sign, date, print, foot_near], &[foot_near, print, date, sign, name]),
            (&[name, sign, foot_high], &[foot_high, sign, name]),
            // A lower half of one line: no foot to tell apart.
            (&[name, foot], &[foot, name]),
        ];
        for (found, want) in cases {
            let lines: Vec<lines::LineBox> = found.iter().map(|b| lines::LineBox { bbox: *b }).collect();
            assert_eq!(reading_order(&lines, 20.0, paper), want.to_vec(), "{found:?}");
        }
    }

    /// An OCR that answers each line read from a script, in order.

    #[test]
    fn in_tiny_print_another_date_read_on_the_line_is_a_doubt() {
        // (line height, first read, the reads at other sizes, answer)
        let cases: &[(u32, &str, &[&'static str], Option<&str>)] = &[
            // 11 px: three against one is no answer (990371 070 at 1024 px).
            (11, "检查日央;2025年5月18日", &["检查日央;2025年8月18日", "检查日央;2025年5月18日", "检查日其;2025年5月18日"], None),
            // 13 px: three against one is kept, as before.
            (13, "检查日央;2025年5月18日", &["检查日央;2025年8月18日", "检查日央;2025年5月18日", "检查日其;2025年5月18日"], Some("2025-05-18")),
            // 11 px, every read alike: kept.
            (11, "检查日期;2025年5月18日", &["检查日期;2025年5月18日", "检查日期;2025年5月18日"], Some("2025-05-18")),
        ];
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        for (h, first, more, want) in cases {
            let d = parse_dates(first, 0).remove(0);
            let got = confirm(&g, [10, 10, 150, *h], d, 3, true, TODAY, &mut Script(more.to_vec()), &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{h} {first} {more:?}");
        }
    }

    #[test]
    fn a_year_read_with_a_digit_more_is_a_doubt() {
        let g = Gray::from_pixel(200, 40, image::Luma([255]));
        // (first read, the reads at other sizes, answer)
        let cases: &[(&str, &[&'static str], Option<&str>)] = &[
            // 990372 068 at full size: 2026 read 2025 thrice, once 20256.
            ("开具日基 : 2025-10-19", &["开具日和 :20256-10-19", "开具日基 : 2025-10-19", "开具日大 : 2025-10-19"], None),
            ("开具日期 : 2025-10-19", &["开具日期 : 2025-10-19", "开具日期 : 2025-10-19"], Some("2025-10-19")),
            // A digit more after another year, or with no separator after it.
            ("开具日期 : 2025-10-19", &["开具日期 : 20245-10-19", "开具日期 : 2025-10-19"], Some("2025-10-19")),
            ("开具日期 : 2025-10-19", &["开具日期 : 202510-19", "开具日期 : 2025-10-19"], Some("2025-10-19")),
        ];
        for (first, more, want) in cases {
            let d = parse_dates(first, 0).remove(0);
            let got = confirm(&g, [10, 10, 150, 20], d, 2, true, TODAY, &mut Script(more.to_vec()), &mut DateTrace::default());
            assert_eq!(got.map(|d| d.iso()).as_deref(), *want, "{first} {more:?}");
        }
    }

    #[test]
    fn a_date_whose_label_a_widened_read_garbled_stands_under_the_label() {
        // (read of the widened box, the date kept under a label, if any)
        let cases: &[(&str, Option<&str>)] = &[
            ("栓查是期， 2026-02-08", Some("2026-02-08")),
            ("栓查是期， 2026-02 -08", Some("2026-02-08")),
            ("2026-02-08", Some("2026-02-08")),
            ("检查日期: 2026-02-08", Some("2026-02-08")),
            // Another label's date beside it: no carried label.
            ("栓查是期， 2026-02-08 打印时间: 2026-02-11 08:52", None),
            // A print time whose label was garbled, its time after it; the
            // paper's own date beside it unparsed: no carried label.
            ("开具日区: 2023年05与19哩     洒993间- 2023年5月25日 1102", None),
            ("2023年5月25日 11:02", None),
            // Two dates, neither labelled: which one is the label's?
            ("栓查是期 2026-02-08 2026-02-11", None),
            // A date in the future is no date.
            ("栓查是期， 2028-02-08", None),
        ];
        for (text, want) in cases {
            let got = own_or_plain(&carry_label(parse_dates_with(text, 0, false), TODAY), TODAY).map(|d| d.iso());
            assert_eq!(got.as_deref(), *want, "{text}");
        }
    }
}

/// Tests of i15-wrong's rules (confidently wrong dates turned to no answer).
#[cfg(test)]
mod tests_wrong {
    use super::*;

    const TODAY: Today = (2026, 11, 30);

    #[test]
    fn in_the_upper_half_lines_alone_come_first_and_a_tables_body_last() {
        // A lab report 1000 px high, print 20 px high: a header of three
        // rows of fields, a table of six rows of three cells, the report's
        // date alone on its row under the table (all above the middle),
        // and a signature in the lower half (low enough that the print's
        // middle is the paper's).
        let paper = [0, 0, 800, 1000];
        let row = |y: u32| [[50, y, 160, 20], [300, y, 160, 20], [550, y, 160, 20]];
        let head: Vec<[u32; 4]> = [100, 130, 160].iter().flat_map(|&y| row(y)).collect();
        let table: Vec<[u32; 4]> = [220, 250, 280, 310, 340, 370].iter().flat_map(|&y| row(y)).collect();
        let date = [500, 420, 220, 20];
        let note = [50, 460, 700, 20]; // 35 heights wide: read after the short lines
        // (Print down to the paper's foot, no footnote apart: the print's
        // middle is the paper's.)
        let (advice, seen, sign) = ([50, 560, 200, 20], [50, 660, 200, 20], [50, 760, 200, 20]);
        let mut found: Vec<[u32; 4]> = head.iter().chain(&table).copied().collect();
        found.extend([date, note, advice, seen, sign]);
        found.sort_by_key(|b| (b[1], b[0]));
        let lines: Vec<lines::LineBox> = found.iter().map(|b| lines::LineBox { bbox: *b }).collect();
        let want: Vec<[u32; 4]> = [sign, seen, advice, date].into_iter().chain(head.iter().copied()).chain([note]).chain(table.iter().copied()).collect();
        assert_eq!(reading_order(&lines, 20.0, paper), want);
        // Four rows are no table: read in their turn, after the lone line.
        let four: Vec<[u32; 4]> = [100, 130, 160, 190].iter().flat_map(|&y| row(y)).collect();
        let mut found = four.clone();
        found.extend([date, advice, seen, sign]);
        let lines: Vec<lines::LineBox> = found.iter().map(|b| lines::LineBox { bbox: *b }).collect();
        let want: Vec<[u32; 4]> = [sign, seen, advice, date].into_iter().chain(four).collect();
        assert_eq!(reading_order(&lines, 20.0, paper), want);
    }

    #[test]
    fn a_date_alone_in_its_cell_is_wide_enough_to_read_in_its_turn() {
        // (box, the page's print height, too narrow to hold a label and a
        // date)
        let cases: &[([u32; 4], f32, bool)] = &[
            // `2024.11.23` alone in a cell, its digits lower than the
            // page's characters (h94 d 043).
            ([858, 638, 103, 14], 24.0, false),
            // `2024.05.25` (h94 j 009).
            ([850, 664, 93, 17], 28.0, false),
            // A label and its date: 5.6 print heights and more.
            ([100, 100, 140, 24], 24.0, false),
            // A result's `mmol/L` or `168/102`, 4-5 of its heights.
            ([600, 400, 70, 16], 24.0, true),
            ([600, 400, 84, 18], 24.0, true),
            // A seal's fragment.
            ([300, 300, 60, 30], 24.0, true),
        ];
        for &(b, print, narrow) in cases {
            assert_eq!(too_narrow(b, print), narrow, "{b:?}");
        }
    }

    #[test]
    fn print_on_the_papers_upper_half_is_read_from_its_own_foot_up() {
        // A report 1000 px high whose print ends at 640 (the rest of the
        // paper blank), print 20 px high: its lower half is the print's,
        // from 370 (independent set h94 i 066: the signing row with its
        // 报告日期 at 620, long, was read after the rows above it, the
        // budget spent first). Then the upper half top down.
        let paper = [0, 0, 800, 1000];
        let title = [300, 100, 200, 24];
        let name = [50, 200, 260, 20];
        let visit = [50, 300, 260, 20];
        let finding = [80, 420, 260, 20];
        let advice = [80, 520, 260, 20];
        let sign = [50, 620, 700, 20]; // 报告医师 ... 报告日期 ...: long
        // A footnote at the paper's foot, far under the body (h94 c 059):
        // no part of the body; alone at the foot, read after the lower half.
        let note = [50, 900, 250, 20];
        // Print down to the paper's foot (the last line near the one
        // above it, no footnote): the paper's middle, as before.
        let more = [[50, 680, 200, 20], [50, 730, 200, 20], [50, 780, 200, 20], [50, 830, 200, 20]];
        let cases: Vec<(Vec<[u32; 4]>, Vec<[u32; 4]>)> = vec![
            (vec![title, name, visit, finding, advice, sign], vec![advice, finding, title, name, visit, sign]),
            (vec![title, name, visit, finding, advice, sign, note], vec![advice, finding, note, title, name, visit, sign]),
            (
                [title, name, visit, finding, advice, sign].into_iter().chain(more).chain([note]).collect(),
                [note, more[3], more[2], more[1], more[0], advice, title, name, visit, finding, sign].to_vec(),
            ),
        ];
        for (found, want) in cases {
            let lines: Vec<lines::LineBox> = found.iter().map(|b| lines::LineBox { bbox: *b }).collect();
            assert_eq!(reading_order(&lines, 20.0, paper), want, "{found:?}");
        }
    }

    #[test]
    fn a_garbled_stem_before_a_date_and_a_time_is_no_label_of_the_papers() {
        // (line as read, the first date's label kind)
        let cases: &[(&str, LabelKind)] = &[
            // 991601 007 at 1024 px: 送检日期 read 遂愉日期, a time after.
            ("遂愉日期，2025-01-09 08:06", LabelKind::Other),
            ("遂愉日期2025-01-09 08;06", LabelKind::Other),
            ("着恰日期 2026年01月21日 09:02", LabelKind::Other),
            // 07:12:21 with its first colon read as 1 (h93 a, 053).
            ("林钙日期 ; 2024.04 ,26 07112:21", LabelKind::Other),
            // A stem one character off an own one stays own (检间: 检查).
            ("人检间日期 2023年5月30日 10:12", LabelKind::Own),
            // Without a time: plain, as before.
            ("遂愉日期，2025-01-09", LabelKind::Plain),
            ("万即日期: 2025.07.03", LabelKind::Plain),
            // 日期 with nothing before it, or an own stem: kept with a time.
            ("日期: 2026年01月21日 09:02", LabelKind::Plain),
            ("报告日期: 2026-01-21 09:02", LabelKind::Own),
            ("检查日姑: 2026年01月21日 09:02", LabelKind::Own),
        ];
        for (text, kind) in cases {
            assert_eq!(parse_dates(text, 0).first().map(|d| d.kind), Some(*kind), "{text}");
        }
    }

    #[test]
    fn a_letter_for_one_read_as_the_separator_after_a_month_one() {
        // (the line's reads, the date kept)
        let cases: &[(&[&str], Option<&str>)] = &[
            // 991600 069 at 1024 px: 2024/11/26, the slash lost.
            (&["报告日明 2024/1J26", "报告日明 2024/1J26", "报告日盟 2024/1126", "2024/1126", "2024/1126", "报告自明 2024/1J 26"], None),
            (&["日期: 2024/1l26", "日期: 2024/1l26"], None),
            // A month that cannot take another digit: the letter is the mark.
            (&["日期: 2024/3J26", "日期: 2024/3J26"], Some("2024-03-26")),
            (&["日期: 2024/1/26", "日期: 2024/1/26"], Some("2024-01-26")),
        ];
        for (reads, want) in cases {
            let spellings: Vec<Vec<(DateFound, bool)>> = reads.iter().map(|t| spelled(t, 0, false, true, false, TODAY)).collect();
            assert_eq!(agree(&spellings).map(|d| d.iso()).as_deref(), *want, "{reads:?}");
        }
    }

    #[test]
    fn a_print_time_a_half_year_after_the_papers_date_is_a_doubt() {
        let at = |y: i32, m: u32, d: u32| DateFound { year: y, month: m, day: d, text: String::new(), label: None, kind: LabelKind::Own, line: 0, timed: false };
        // (the paper's date, the print time's date, they fit)
        let cases: &[((i32, u32, u32), (i32, u32, u32), bool)] = &[
            ((2025, 7, 24), (2025, 7, 24), true),
            ((2025, 7, 24), (2025, 8, 13), true),
            ((2025, 12, 30), (2026, 1, 12), true),
            ((2025, 7, 24), (2025, 12, 31), true),
            // 991600 016: the year misread, 2025 for 2026.
            ((2025, 7, 24), (2026, 8, 8), false),
            ((2025, 7, 24), (2026, 1, 20), true),
            ((2024, 5, 1), (2025, 5, 3), false),
            // Printed before its date: one of them misread, which one
            // cannot be told (991601 041: the print time, 3/4 for 4/22).
            ((2025, 4, 22), (2025, 3, 4), true),
        ];
        for &((y, m, d), (py, pm, pd), want) in cases {
            assert_eq!(printed_after(&at(y, m, d), &at(py, pm, pd)), want, "{y}-{m}-{d} printed {py}-{pm}-{pd}");
        }
    }
}
