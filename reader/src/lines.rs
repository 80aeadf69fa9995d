//! Text lines of a levelled page, found without OCR: ink taken from the
//! grey image (red ink is already white there), rules and table lines
//! taken out, ink smeared along rows so the characters of a line join,
//! and the joined pieces of a line's shape kept. The reader then OCRs only
//! the lines it needs, one small crop at a time (what the browser pays).

use crate::prep::Gray;

/// One line of print: its box `[x, y, w, h]` in the grey image's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineBox {
    pub bbox: [u32; 4],
}

/// Ink: darker than this on the flattened, stretched grey (paper ~255).
pub(crate) const INK: u8 = 140;

/// The text lines of a levelled grey page inside the paper's box `[x, y,
/// w, h]`, top to bottom, and the typical height of a line of print (px).
pub fn find(g: &Gray, paper: [u32; 4]) -> (Vec<LineBox>, f32) {
    let (lines, hmed) = find_at(g, paper, INK, LEAST_PRINT);
    // Faint print (thin Ming type, a blurry or dim photo) greys out below
    // the ink level: paler grey is ink too.
    let (pale, pale_h) = find_at(g, paper, PALE_INK, LEAST_PRINT);
    // (Where the box's least print is already the floor of 6 px, a finer
    // look would find the same.)
    let finer = (paper[2].min(paper[3]) / LEAST_PRINT) as usize > 6;
    if finer && lines.len().max(pale.len()) < FEW_LINES {
        // Hardly any line at either level: the paper's box may be the
        // whole photo (a paper a third of the frame on a light desk the
        // framer did not tell apart), its print far smaller than the box
        // makes the least print: looked for again down to half that
        // height (independent set h93 a, 057: 4 lines of a report's 20,
        // its print 9 px high; 004, pale print, 6). The most lines win.
        let fine = [find_at(g, paper, INK, LEAST_PRINT * 2), find_at(g, paper, PALE_INK, LEAST_PRINT * 2)];
        let best = [(lines, hmed), (pale, pale_h)].into_iter().chain(fine).max_by_key(|(l, _)| l.len());
        return best.unwrap_or_default();
    }
    if lines.len() < 6 {
        // Too few lines found: the pale level's lines, if more (cheaper by
        // far than the whole page's OCR the reader falls back to).
        return if pale.len() > lines.len() { (pale, pale_h) } else { (lines, hmed) };
    }
    (complete(lines, &pale, hmed, pale_h), hmed)
}

/// The lines found at the ink level completed by the pale level's: where
/// a line's thin print (a Ming date's digits at 1024 px) greys out above
/// [`INK`], the ink level keeps only its darker part (`开具日期` without
/// its date, `日期:2023/1/1` cut at its last digit) or none of it. A pale
/// line of one row (no taller than the ink lines it covers allow) that
/// reaches past them (by half a line's height) or joins two takes the
/// place of the ink lines it covers, with their rows and its width; one
/// that covers no ink line is not added.
fn complete(lines: Vec<LineBox>, pale: &[LineBox], hmed: f32, pale_h: f32) -> Vec<LineBox> {
    let span = |b: [u32; 4]| (b[1], b[1] + b[3]);
    let v_overlap = |a: [u32; 4], b: [u32; 4]| {
        let (a0, a1) = span(a);
        let (b0, b1) = span(b);
        a1.min(b1).saturating_sub(a0.max(b0))
    };
    let h_touch = |a: [u32; 4], b: [u32; 4]| a[0] < b[0] + b[2] && b[0] < a[0] + a[2];
    let mut out: Vec<[u32; 4]> = lines.iter().map(|l| l.bbox).collect();
    // An ink line the pale level finds as two lines or more on its row,
    // each at most `CELLS_LOWER` of its height, is a bordered row's cells
    // joined by what is left of its walls (pale in part, they broke into
    // pieces too short to be told from print at the ink level): its cells
    // are lines (independent set h94 i 020, `医师签名 | name | 日期 |
    // date` one box the row's height, read `|2o2ssealla`). So is one
    // such pale line where no other pale line meets the ink line: a cell
    // boxed with its frame at the ink level (h94 j 017, `| 2024.07.25 |`
    // 38 px high round 17-px digits, read `[2zoaox`). (Pale print is
    // never lower than the ink it holds: a pale line that much lower
    // inside an ink line is the ink line's print without its frame.)
    let inside = |p: [u32; 4], b: [u32; 4]| p[0] + 2 >= b[0] && p[0] + p[2] <= b[0] + b[2] + 2 && p[1] + 2 >= b[1] && p[1] + p[3] <= b[1] + b[3] + 2;
    let mut cells: Vec<[u32; 4]> = Vec::new();
    out.retain(|&b| {
        let within: Vec<[u32; 4]> = pale.iter().map(|l| l.bbox).filter(|&p| inside(p, b)).collect();
        let alone = || !pale.iter().any(|l| boxes_meet(l.bbox, b) && !inside(l.bbox, b));
        let split = !within.is_empty() && within.iter().all(|p| p[3] as f32 <= CELLS_LOWER * b[3] as f32) && (within.len() >= 2 || alone());
        if split {
            cells.extend(within);
        }
        !split
    });
    out.extend(cells);
    for p in pale.iter().map(|l| l.bbox) {
        let ph = p[3] as f32;
        let covered: Vec<usize> = (0..out.len())
            .filter(|&i| h_touch(out[i], p) && v_overlap(out[i], p) as f32 >= 0.5 * (out[i][3].min(p[3]) as f32))
            .collect();
        // A pale line over no ink line is not added: on a page where the
        // ink level found lines, those were grain, a shadow's edge or a
        // seal's leftovers far more often than print (990372 018 at full
        // size: ten such lines read empty before the date's). Unless it
        // has a line of print's shape: of the page's print height (0.6 to
        // 1.4 typical heights) and at least [`PALE_ALONE_WIDE`] heights
        // wide (a label and its date are 5.6 or more). Thin print all
        // grey (a Ming page's lower lines in a dim corner) has no ink
        // line to cover: held-out 991401 023, `日期: 2024.12.13` with its
        // neighbours never found, nothing read there. The page's print
        // height at either level: where the ink level keeps only the
        // darker core of grey print, its lines are lower than the pale
        // level's (held-out 991102 033: 20 px against 28, and the date's
        // line, 29 px at the pale level, was not taken).
        let print_shape = ph >= 0.6 * hmed && ph <= 1.4 * hmed.max(pale_h) && p[2] as f32 >= PALE_ALONE_WIDE * ph;
        if covered.is_empty() {
            if print_shape {
                out.push(p);
            }
            continue;
        }
        // Over ink fragments only (lower than print, less than half its
        // width: a few dark strokes of grey print, 991102 033's date with
        // one 15-px piece of 2026 at the ink level) it is a line alone
        // with them, its own rows and width.
        let fragments = covered.iter().all(|&i| (out[i][3] as f32) < 0.8 * hmed)
            && covered.iter().map(|&i| out[i][2]).sum::<u32>() * 2 < p[2];
        if fragments {
            if print_shape {
                drop_at(&mut out, &covered);
                out.push(p);
            }
            continue;
        }
        // One row: every ink line it covers is on the pale line's row (a
        // pale line over two rows is two lines run together), and the
        // pale line no taller than the tallest of them allows.
        let tallest = covered.iter().map(|&i| out[i][3]).max().unwrap_or(0) as f32;
        let one_row = covered.iter().all(|&i| v_overlap(out[i], p) as f32 >= 0.7 * out[i][3] as f32);
        if !one_row || ph > tallest * 1.4 + 2.0 || ph > 1.6 * hmed {
            continue;
        }
        // The ink lines' rows, the pale line's width: a line found whole at
        // the ink level stays as it was (the pale level's grey fringe makes
        // a box a pixel or two taller, and the OCR reads the crop anew).
        let (mut x0, mut x1) = (p[0], p[0] + p[2]);
        let (mut y0, mut y1) = (u32::MAX, 0);
        for &i in &covered {
            let b = out[i];
            (x0, x1) = (x0.min(b[0]), x1.max(b[0] + b[2]));
            (y0, y1) = (y0.min(b[1]), y1.max(b[1] + b[3]));
        }
        let grows = |b: [u32; 4]| (b[0] - x0) as f32 >= 0.5 * hmed || (x1 - b[0] - b[2]) as f32 >= 0.5 * hmed;
        if covered.len() == 1 && !grows(out[covered[0]]) {
            continue;
        }
        let u = [x0, y0, x1 - x0, y1 - y0];
        drop_at(&mut out, &covered);
        out.push(u);
    }
    out.sort_by_key(|b| (2 * b[1] + b[3], b[0]));
    out.into_iter().map(|bbox| LineBox { bbox }).collect()
}

/// Whether two boxes `[x, y, w, h]` share any pixel.
pub fn boxes_meet(a: [u32; 4], b: [u32; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
}

/// The lines found on `free` (the page's grey with the seal's colour
/// divided out: `underseal::seal_free`) in the rows of the seal's box `s`
/// and half its height round it, that lie on the seal and meet none of
/// `lines`, added to them (in the same order, top to bottom).
pub fn add_under_seal(mut lines: Vec<LineBox>, free: &Gray, paper: [u32; 4], s: [u32; 4]) -> Vec<LineBox> {
    let y0 = s[1].saturating_sub(s[3] / 2).max(paper[1]);
    let y1 = (s[1] + s[3] + s[3] / 2).min(paper[1] + paper[3]);
    if y1 <= y0 {
        return lines;
    }
    let (found, _) = find(free, [paper[0], y0, paper[2], y1 - y0]);
    let new: Vec<LineBox> = found.into_iter().filter(|f| boxes_meet(f.bbox, s) && !lines.iter().any(|l| boxes_meet(l.bbox, f.bbox))).collect();
    if new.is_empty() {
        return lines;
    }
    lines.extend(new);
    lines.sort_by_key(|l| (2 * l.bbox[1] + l.bbox[3], l.bbox[0]));
    lines
}

/// A line box that a seal lying on its print made too tall (the star or
/// the seal's own text left dark in the grey joined the line: held-out
/// 991151 063, `开具日期: 2023-03-27` in a 61-px box on 23-px print, too
/// tall to be read at all) is cut to the print's rows, measured where the
/// seal is not: in the box's columns left and right of the seal's box.
/// Boxes that the seal does not overlap, no taller than
/// [`SEAL_TALL`] print heights, or with less than a character's width
/// outside the seal, stay as they are; so does a box whose print rows
/// there are not of a line of print's height.
pub fn trim_under_seal(g: &Gray, lines: Vec<LineBox>, seal: Option<[u32; 4]>, hmed: f32) -> Vec<LineBox> {
    let Some(s) = seal else { return lines };
    let (w, h) = g.dimensions();
    // The seal's box and a little round it (a fit's box can be tight).
    let m = s[2].max(s[3]) / 25;
    let (sx0, sx1) = (s[0].saturating_sub(m), s[0] + s[2] + m);
    let (sy0, sy1) = (s[1].saturating_sub(m), s[1] + s[3] + m);
    lines
        .into_iter()
        .map(|l| {
            let b = l.bbox;
            let overlaps = b[0] < sx1 && sx0 < b[0] + b[2] && b[1] < sy1 && sy0 < b[1] + b[3];
            if !overlaps || (b[3] as f32) <= SEAL_TALL * hmed {
                return l;
            }
            let cols: Vec<u32> = (b[0]..(b[0] + b[2]).min(w)).filter(|&x| x < sx0 || x >= sx1).collect();
            if (cols.len() as f32) < hmed {
                return l;
            }
            let inked = |y: u32| cols.iter().filter(|&&x| g.get_pixel(x, y).0[0] < INK).count();
            let rows: Vec<bool> = (b[1]..(b[1] + b[3]).min(h)).map(|y| inked(y) > 0).collect();
            // The longest run of inked rows, gaps of a fifth of a line's
            // height closed (a character's strokes leave blank rows).
            let bridge = (0.2 * hmed).ceil() as usize;
            let (mut best, mut run): (Option<(usize, usize)>, Option<(usize, usize)>) = (None, None);
            for (i, &r) in rows.iter().enumerate() {
                if !r {
                    continue;
                }
                run = match run {
                    Some((a, e)) if i - e <= bridge + 1 => Some((a, i)),
                    _ => Some((i, i)),
                };
                if best.is_none_or(|(a, e)| run.is_some_and(|(ra, re)| re - ra > e - a)) {
                    best = run;
                }
            }
            let Some((a, e)) = best else { return l };
            let band = (e - a + 1) as f32;
            if band < 0.5 * hmed || band > 1.6 * hmed {
                return l;
            }
            let pad = (0.2 * hmed).round() as u32;
            let y0 = (b[1] + a as u32).saturating_sub(pad).max(b[1]);
            let y1 = (b[1] + e as u32 + 1 + pad).min(b[1] + b[3]);
            LineBox { bbox: [b[0], y0, b[2], y1 - y0] }
        })
        .collect()
}

/// Taller than this many print heights, a line box over a seal is cut to
/// its print's rows ([`trim_under_seal`]).
const SEAL_TALL: f32 = 1.6;

/// `out` without the boxes at the indices `at`.
fn drop_at(out: &mut Vec<[u32; 4]>, at: &[usize]) {
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !at.contains(&(k - 1))
    });
}

/// Ink for faint print, where [`INK`] finds too few lines.
const PALE_INK: u8 = 190;

/// The least width, in its own heights, of a pale line kept where no ink
/// line lies ([`complete`]).
const PALE_ALONE_WIDE: f32 = 5.0;

/// The runs of ink down column `x` of a mask `wu` pixels wide: (first
/// row, the row past the last), top to bottom.
fn column_runs(ink: &[bool], wu: usize, x: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let hu = ink.len() / wu;
    let mut y = 0;
    std::iter::from_fn(move || {
        while y < hu && !ink[y * wu + x] {
            y += 1;
        }
        let s = y;
        while y < hu && ink[y * wu + x] {
            y += 1;
        }
        (y > s).then_some((s, y))
    })
}

/// The runs of ink in a row: `(start, end)`, end exclusive.
fn ink_runs(row: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut x = 0;
    std::iter::from_fn(move || {
        while x < row.len() && !row[x] {
            x += 1;
        }
        let s = x;
        while x < row.len() && row[x] {
            x += 1;
        }
        (x > s).then_some((s, x))
    })
}

/// Print is at least the paper box's shorter side over this (px), or 6.
const LEAST_PRINT: u32 = 80;
/// A thin path across is a rule at this many times `long` (6% of the
/// page's shorter side) and longer.
const RULE_ACROSS: usize = 2;
/// A row this inked (share of its pixels) for half `long` beside a
/// column is a rule there, though broken.
const RULE_INKED: f32 = 0.6;
/// A bordered row's cells found at the pale level are at most this share
/// of the height of the ink level's line that joins them.
const CELLS_LOWER: f32 = 0.75;
/// Where the paper's box is the whole photo, print down to this many
/// quarters of the least print height the box's size asks (`find_at`).
const WHOLE_BOX_FINER: u32 = 5;
/// Fewer lines than this at both ink levels: looked for in finer print.
const FEW_LINES: usize = 8;

fn find_at(g: &Gray, paper: [u32; 4], ink_level: u8, least_print: u32) -> (Vec<LineBox>, f32) {
    let (w, h) = g.dimensions();
    if w < 32 || h < 32 {
        return (vec![], 0.0);
    }
    let (wu, hu) = (w as usize, h as usize);
    let mut ink: Vec<bool> = g.as_raw().iter().map(|&v| v < ink_level).collect();
    // Rules, table lines and the paper's edge: runs of ink far longer than
    // any stroke of a character (a character is at most ~4% of the width).
    let long = (w.min(h) as f32 * 0.06) as usize;
    let mut kill = vec![false; wu * hu];
    for y in 0..hu {
        for (s, e) in ink_runs(&ink[y * wu..(y + 1) * wu]).filter(|(s, e)| e - s >= long) {
            kill[y * wu + s..y * wu + e].iter_mut().for_each(|k| *k = true);
        }
    }
    // (The rules across alone: a cell's wall runs from one to the next.)
    let across = kill.clone();
    // Upright lines: straight runs of ink down a column at least `long`
    // rows long (the paper's edge, a thick bar)...
    for x in 0..wu {
        for (s, e) in column_runs(&ink, wu, x).filter(|(s, e)| e - s >= long) {
            (s..e).for_each(|y| kill[y * wu + x] = true);
        }
    }
    // ...and thin lines that slant: a path of thin ink (at most `thin`
    // pixels across in its row) going down a row at a time, a column
    // either way allowed, at least 2/3 of `long` rows long (through the
    // rules found above: a table's borders, row after row). A cell border
    // drawn in perspective slants (a column in 20 rows): its straight runs
    // are short, and a form's 70-px-high cells joined each row's print into
    // one tall box (independent set h93 090). A character is far shorter
    // than `long`, and a heading large enough to reach it has thick
    // strokes.
    let thin = (long / 20).max(3);
    let mut thin_ink = vec![false; wu * hu];
    for y in 0..hu {
        for (s, e) in ink_runs(&ink[y * wu..(y + 1) * wu]) {
            // (A rule found above joins the borders of a table's rows.)
            for i in y * wu + s..y * wu + e {
                thin_ink[i] = e - s <= thin || kill[i];
            }
        }
    }
    let (mut up, mut down) = (vec![0u32; wu * hu], vec![0u32; wu * hu]);
    let most_of = |v: &[u32], y: usize, x: usize| (x.saturating_sub(1)..=(x + 1).min(wu - 1)).map(|xx| v[y * wu + xx]).max().unwrap_or(0);
    for y in 0..hu {
        for x in 0..wu {
            if thin_ink[y * wu + x] {
                up[y * wu + x] = 1 + if y > 0 { most_of(&up, y - 1, x) } else { 0 };
            }
        }
    }
    for y in (0..hu).rev() {
        for x in 0..wu {
            if thin_ink[y * wu + x] {
                down[y * wu + x] = 1 + if y + 1 < hu { most_of(&down, y + 1, x) } else { 0 };
            }
        }
    }
    let thin_long = long * 2 / 3;
    // Ink along each row, summed from the left: a rule printed pale or
    // broken (a table's lower rule in a photo, half its row inked: its
    // runs are shorter than `long`) is still mostly ink along its row.
    let mut row_ink = vec![0u32; (wu + 1) * hu];
    for y in 0..hu {
        for x in 0..wu {
            row_ink[y * (wu + 1) + x + 1] = row_ink[y * (wu + 1) + x] + ink[y * wu + x] as u32;
        }
    }
    let reach = (long / 2).max(2);
    let inked = |y: usize, a: usize, b: usize| row_ink[y * (wu + 1) + b] - row_ink[y * (wu + 1) + a];
    let mostly_ink = |y: usize, x: usize| {
        let (a, b) = (x.saturating_sub(reach), (x + 1 + reach).min(wu));
        (inked(y, a, x) as f32 >= RULE_INKED * reach as f32) || (inked(y, x + 1, b) as f32 >= RULE_INKED * reach as f32)
    };
    // A rule across within a couple of pixels of the row `y` near column
    // `x`: a straight run `long` and longer, or a row mostly inked for
    // half `long` on one side.
    let rule_near = |x: usize, y: usize| {
        (y.saturating_sub(2)..=(y + 2).min(hu - 1))
            .any(|yy| (x.saturating_sub(3)..=(x + 3).min(wu - 1)).any(|xx| across[yy * wu + xx]) || mostly_ink(yy, x))
    };
    for i in 0..wu * hu {
        if !thin_ink[i] {
            continue;
        }
        let run = (up[i] + down[i] - 1) as usize;
        // A shorter path is a bordered row's cell wall where it runs from a
        // rule across to the next (a row alone, as a certificate's 医师签名 |
        // name | 开具日期 | date, has walls only its own height: 43 px where
        // `long` was 80, independent set h94 a 021, 029). Print's strokes
        // meet no rule at both ends.
        // (The rule test only where the length alone does not decide.)
        let (x, y) = (i % wu, i / wu);
        let wall = || run >= long / 4 && rule_near(x, y + 1 - up[i] as usize) && rule_near(x, y + down[i] as usize - 1);
        if run >= thin_long || wall() {
            kill[i] = true;
        }
    }
    // The same across: a rule drawn in perspective slants (a row in 20
    // columns), so its straight runs along a row are short; a path of ink
    // thin down its column, going right a column at a time and keeping to
    // one side of a slope (each column the same row or one lower, or the
    // same row or one higher: a rule is straight, print's thin parts
    // wander up and down), `RULE_ACROSS` times `long` and longer, is one
    // (a lab report's rule under its last row joined that row, the date
    // beside it and the signatures below into one box three lines high,
    // never read: independent set h93 a, 007). Where an upright stroke
    // crosses a character's stroke across the path breaks; but blur or a
    // seal's leavings can join a line of small print's thin parts into a
    // path `thin_long` long (a date under a seal, 12 px high at 1057 px,
    // lost its digits: kept-back 991212 069), hence the longer reach (a
    // table's rule is most of the page's width).
    // Thin ink down its column is held column by column (at `x * hu + y`:
    // the passes below walk along columns, whose pixels then lie together).
    let mut across = vec![false; wu * hu];
    for x in 0..wu {
        for (s, e) in column_runs(&ink, wu, x) {
            (s..e).for_each(|y| across[x * hu + y] = e - s <= thin || kill[y * wu + x]);
        }
    }
    // (The upright paths' lengths are spent: their memory holds these.)
    let (mut left, mut right) = (up, down);
    for dir in [1i64, -1] {
        // The longer path into column `c`'s row `y` or its row `y - step`.
        let best = |v: &[u32], c: usize, y: usize, step: i64| {
            let other = y as i64 - step;
            let o = if (0..hu as i64).contains(&other) { v[c * hu + other as usize] } else { 0 };
            v[c * hu + y].max(o)
        };
        // The path's length up to each pixel from the left, and from the
        // right, stepping to the row `dir` lower going right.
        for x in 0..wu {
            for y in 0..hu {
                left[x * hu + y] = if across[x * hu + y] { 1 + if x > 0 { best(&left, x - 1, y, dir) } else { 0 } } else { 0 };
            }
        }
        for x in (0..wu).rev() {
            for y in 0..hu {
                right[x * hu + y] = if across[x * hu + y] { 1 + if x + 1 < wu { best(&right, x + 1, y, -dir) } else { 0 } } else { 0 };
            }
        }
        for x in 0..wu {
            for y in 0..hu {
                let i = x * hu + y;
                if across[i] && (left[i] + right[i] - 1) as usize >= RULE_ACROSS * long {
                    kill[y * wu + x] = true;
                }
            }
        }
    }
    for (i, k) in kill.iter().enumerate() {
        if *k {
            ink[i] = false;
        }
    }
    // Smear along rows: gaps up to `gap` between inked pixels are filled.
    let gap = ((w.min(h) as f32) * 0.022).max(3.0) as usize;
    let mut smear = vec![false; wu * hu];
    for y in 0..hu {
        let row = &ink[y * wu..(y + 1) * wu];
        let mut last: Option<usize> = None;
        for x in 0..wu {
            if row[x] {
                if let Some(l) = last {
                    if x - l <= gap {
                        smear[y * wu + l..=y * wu + x].iter_mut().for_each(|s| *s = true);
                    }
                }
                smear[y * wu + x] = true;
                last = Some(x);
            }
        }
    }
    let comps_all = components(&smear, wu, hu);
    let comps = comps_all.clone();
    // Pieces of a line's shape on the paper (its edge and the table behind
    // it are not print): wider than high, not a speck.
    let inset = (paper[2].min(paper[3]) / 60) as usize;
    // Print is never thinner than this: thinner pieces are the fringes of
    // rules, the paper's grain or noise.
    // Where the paper's box is the whole photo, the framer found no edge:
    // the paper may be smaller than the box, its print lower than the
    // box's share makes it (a table's cells, 15-16 px where the box asked
    // 16, were found only while their walls made them taller: independent
    // set h94 d 056).
    let whole = paper[0] == 0 && paper[1] == 0 && paper[2] == w && paper[3] == h;
    let least_print = if whole { least_print * WHOLE_BOX_FINER / 4 } else { least_print };
    let min_h = ((paper[2].min(paper[3]) / least_print) as usize).max(6);
    let (px0, py0) = (paper[0] as usize + inset, paper[1] as usize + inset);
    let (px1, py1) = ((paper[0] + paper[2]) as usize - inset.min((paper[0] + paper[2]) as usize), (paper[1] + paper[3]) as usize - inset.min((paper[1] + paper[3]) as usize));
    let mut pieces: Vec<([usize; 4], usize)> = comps
        .into_iter()
        .filter(|(b, _)| {
            let (bw, bh) = (b[2] - b[0] + 1, b[3] - b[1] + 1);
            let (cx, cy) = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
            bh >= min_h && bw >= bh * 2 && bh <= hu / 8 && (px0..=px1).contains(&cx) && (py0..=py1).contains(&cy)
        })
        .collect();
    if pieces.is_empty() {
        return (vec![], 0.0);
    }
    // The typical height: the median of the pieces' heights, each counted
    // by its width (long lines of body print outweigh specks).
    let mut hs: Vec<(usize, usize)> = pieces.iter().map(|(b, _)| (b[3] - b[1] + 1, b[2] - b[0] + 1)).collect();
    hs.sort_unstable();
    let half = hs.iter().map(|h| h.1).sum::<usize>() / 2;
    let mut acc = 0;
    let hmed = hs.iter().find(|h| {
        acc += h.1;
        acc >= half
    }).map_or(0.0, |h| h.0 as f32);
    // Two lines joined into one piece (a stroke or a descender touching
    // the next line, a seal's leftovers, a sloping line running into its
    // neighbour) are cut apart where the ink across the piece thins out.
    pieces = pieces.into_iter().flat_map(|p| split_rows(p, &ink, wu, hmed)).collect();
    // Ink density: a line of print is neither a speck cloud nor a blot.
    pieces.retain(|(b, _)| {
        let bh = (b[3] - b[1] + 1) as f32;
        bh >= hmed * 0.35 && bh <= hmed * 3.0 && {
            let mut n = 0usize;
            for y in b[1]..=b[3] {
                n += ink[y * wu + b[0]..=y * wu + b[2]].iter().filter(|&&v| v).count();
            }
            let d = n as f32 / ((b[2] - b[0] + 1) * (b[3] - b[1] + 1)) as f32;
            (0.04..=0.7).contains(&d)
        }
    });
    // Pieces side by side on one row (fields, a date and a print time) are
    // one line when close; far apart they stay two.
    pieces.sort_by_key(|(b, _)| (b[1] + b[3], b[0]));
    let mut lines: Vec<[usize; 4]> = Vec::new();
    for (b, _) in pieces {
        let bh = (b[3] - b[1] + 1) as f32;
        let near = lines.iter_mut().rev().take(6).find(|l| {
            let overlap = (l[3].min(b[3]) as f32 - l[1].max(b[1]) as f32 + 1.0).max(0.0);
            let lh = (l[3] - l[1] + 1) as f32;
            let gap_x = if b[0] > l[2] { b[0] - l[2] } else if l[0] > b[2] { l[0] - b[2] } else { 0 };
            overlap >= 0.6 * bh.min(lh) && (gap_x as f32) <= hmed * 3.0
        });
        match near {
            Some(l) => *l = [l[0].min(b[0]), l[1].min(b[1]), l[2].max(b[2]), l[3].max(b[3])],
            None => lines.push(b),
        }
    }
    // A line's last characters can stand apart from it (a day and 日 after
    // a space: "2025年2月 7日"), too short to be a piece of a line's shape
    // on their own: print of the line's height beside a line's end joins it.
    let small: Vec<[usize; 4]> = comps_all
        .iter()
        .map(|(b, _)| *b)
        .filter(|b| {
            let (bw, bh) = ((b[2] - b[0] + 1) as f32, (b[3] - b[1] + 1) as f32);
            let (cx, cy) = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
            bh >= hmed * 0.45 && bh <= hmed * 1.6 && bw >= hmed * 0.2 && bw < bh * 2.0 + 1.0 && (px0..=px1).contains(&cx) && (py0..=py1).contains(&cy)
        })
        .collect();
    let tol = (hmed * 0.35) as usize + 1;
    for _ in 0..3 {
        let mut grew = false;
        for l in lines.iter_mut() {
            let lh = (l[3] - l[1] + 1) as f32;
            for b in &small {
                if b[0] >= l[0] && b[2] <= l[2] {
                    continue;
                }
                let bh = (b[3] - b[1] + 1) as f32;
                let overlap = (l[3].min(b[3]) as f32 - l[1].max(b[1]) as f32 + 1.0).max(0.0);
                let gap_x = if b[0] > l[2] { b[0] - l[2] } else if l[0] > b[2] { l[0] - b[2] } else { 0 };
                if overlap >= 0.6 * bh.min(lh) && (gap_x as f32) <= hmed * 1.5 && b[1] + tol >= l[1] && b[3] <= l[3] + tol {
                    *l = [l[0].min(b[0]), l[1], l[2].max(b[2]), l[3]];
                    grew = true;
                }
            }
        }
        if !grew {
            break;
        }
    }
    lines.sort_by_key(|l| (l[1] + l[3], l[0]));
    let out = lines
        .into_iter()
        .map(|l| LineBox { bbox: [l[0] as u32, l[1] as u32, (l[2] - l[0] + 1) as u32, (l[3] - l[1] + 1) as u32] })
        .collect();
    (out, hmed)
}

/// A piece `[x0, y0, x1, y1]` as tall as two lines or more (1.6 to 6
/// typical heights) cut into the bands of rows its ink fills: a row
/// holding less than 6% of the fullest row's ink is a gap between lines
/// (a line of print is never that empty across its width: every
/// character has strokes in most of its rows). Each band of at least
/// half a typical height becomes a piece, boxed round its own ink; a
/// piece without two such bands stays whole (a heading's large print).
fn split_rows(p: ([usize; 4], usize), ink: &[bool], wu: usize, hmed: f32) -> Vec<([usize; 4], usize)> {
    let (b, n) = p;
    let bh = (b[3] - b[1] + 1) as f32;
    if hmed <= 0.0 || bh < hmed * 1.6 || bh > hmed * 6.0 {
        return vec![p];
    }
    let row = |y: usize| ink[y * wu + b[0]..=y * wu + b[2]].iter().filter(|&&v| v).count();
    let rows: Vec<usize> = (b[1]..=b[3]).map(row).collect();
    let peak = rows.iter().copied().max().unwrap_or(0);
    let floor = ((peak as f32 * 0.06) as usize).max(1);
    let mut bands: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        if rows[i] <= floor {
            i += 1;
            continue;
        }
        let s = i;
        while i < rows.len() && rows[i] > floor {
            i += 1;
        }
        bands.push((b[1] + s, b[1] + i - 1));
    }
    let tall: Vec<(usize, usize)> = bands.into_iter().filter(|(y0, y1)| (y1 - y0 + 1) as f32 >= hmed * 0.5).collect();
    // One band of a line's height in a piece twice as tall: a line with a
    // mark across it (a red pen's tick over the date, dark in the red
    // channel: held-out 991092 013, `检查日期 2023年09月13日` boxed 2.8
    // print heights tall and never read) is boxed round its band. A
    // heading's large print fills its piece, so its band is the piece.
    let one_line = tall.len() == 1 && {
        let bh = (tall[0].1 - tall[0].0 + 1) as f32;
        bh <= hmed * 1.5 && bh * 1.6 <= (b[3] - b[1] + 1) as f32
    };
    if tall.len() < 2 && !one_line {
        return vec![p];
    }
    tall.into_iter()
        .filter_map(|(y0, y1)| {
            let (mut x0, mut x1) = (usize::MAX, 0);
            for y in y0..=y1 {
                for x in b[0]..=b[2] {
                    if ink[y * wu + x] {
                        x0 = x0.min(x);
                        x1 = x1.max(x);
                    }
                }
            }
            (x0 <= x1).then_some(([x0, y0, x1, y1], n))
        })
        .collect()
}

/// Bounding boxes `[x0, y0, x1, y1]` (inclusive) and sizes of the
/// 8-connected pieces of a mask, by runs (cheap on a whole page).
fn components(m: &[bool], w: usize, h: usize) -> Vec<([usize; 4], usize)> {
    // Runs per row, then union-find over runs that touch (8-connected).
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (y, x0, x1)
    let mut row_start = vec![0usize; h + 1];
    for y in 0..h {
        row_start[y] = runs.len();
        let row = &m[y * w..(y + 1) * w];
        let mut x = 0;
        while x < w {
            if row[x] {
                let s = x;
                while x < w && row[x] {
                    x += 1;
                }
                runs.push((y, s, x - 1));
            } else {
                x += 1;
            }
        }
    }
    row_start[h] = runs.len();
    let mut parent: Vec<usize> = (0..runs.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for y in 1..h {
        let (mut a, a_end) = (row_start[y - 1], row_start[y]);
        let (mut b, b_end) = (row_start[y], row_start[y + 1]);
        while a < a_end && b < b_end {
            let (_, ax0, ax1) = runs[a];
            let (_, bx0, bx1) = runs[b];
            if ax0 <= bx1 + 1 && bx0 <= ax1 + 1 {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra != rb {
                    parent[ra] = rb;
                }
            }
            if ax1 < bx1 {
                a += 1;
            } else {
                b += 1;
            }
        }
    }
    let mut boxes: std::collections::HashMap<usize, ([usize; 4], usize)> = std::collections::HashMap::new();
    for i in 0..runs.len() {
        let r = root(&mut parent, i);
        let (y, x0, x1) = runs[i];
        let e = boxes.entry(r).or_insert(([x0, y, x1, y], 0));
        e.0 = [e.0[0].min(x0), e.0[1].min(y), e.0[2].max(x1), e.0[3].max(y)];
        e.1 += x1 - x0 + 1;
    }
    let mut out: Vec<([usize; 4], usize)> = boxes.into_values().collect();
    out.sort_by_key(|(b, _)| (b[1], b[0]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    #[test]
    fn finds_lines_and_skips_rules() {
        let mut g = GrayImage::from_pixel(800, 600, Luma([255]));
        // Three "lines" of blocky characters, 20 px high; a rule between.
        for (row, y0) in [60u32, 160, 300].iter().enumerate() {
            let chars = 10 + row as u32 * 5;
            for c in 0..chars {
                let x0 = 50 + c * 24;
                for y in *y0..y0 + 20 {
                    for x in x0..x0 + 18 {
                        if (x + y) % 5 != 0 && (y - y0 + c) % 6 != 3 {
                            g.put_pixel(x, y, Luma([20]));
                        }
                    }
                }
            }
        }
        for x in 40..760 {
            g.put_pixel(x, 230, Luma([0]));
            g.put_pixel(x, 231, Luma([0]));
        }
        let (lines, hmed) = find(&g, [0, 0, 800, 600]);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!((12.0..=24.0).contains(&hmed), "{hmed} {lines:?}");
        assert!(lines[2].bbox[1] >= 295 && lines[2].bbox[3] <= 26, "{lines:?}");
        assert!(lines[1].bbox[2] >= 15 * 24 - 10);
    }

    #[test]
    fn small_print_counts_where_the_papers_box_is_the_whole_photo() {
        // A photo 1350 x 1800 (least print 16 px for a paper's box of its
        // size): eight lines of print 20 px high and two rows of a table's
        // cells 14 px high. Where the box is the whole photo (the framer
        // found no edge: the paper may be smaller) the cells are lines too
        // (h94 d 056); in a box found inside the photo they are below the
        // least print.
        let mut g = GrayImage::from_pixel(1350, 1800, Luma([255]));
        let rows = (0..8u32).map(|i| (200 + i * 60, 20u32, 20u32)).chain([(800, 14, 8), (860, 14, 8)]);
        for (y0, high, n) in rows {
            for c in 0..n {
                let x0 = 100 + c * (high + 6);
                for y in y0..y0 + high {
                    for x in x0..x0 + high - 2 {
                        if (x + y) % 5 != 0 && (y - y0 + c) % 6 != 3 {
                            g.put_pixel(x, y, Luma([20]));
                        }
                    }
                }
            }
        }
        for (paper, want) in [([0, 0, 1350, 1800], 10), ([20, 20, 1310, 1760], 8)] {
            let (lines, hmed) = find(&g, paper);
            assert_eq!(lines.len(), want, "{paper:?}: {hmed} {lines:?}");
        }
    }

    #[test]
    fn lines_hidden_by_a_seal_are_found_on_the_seal_free_grey() {
        // On the page's grey the seal's ink hid the line at row 300 (no
        // line found there); with the seal's colour divided out it shows.
        let g = page(&[60, 130, 450], 16, |_| 20);
        let free = page(&[60, 130, 300, 450], 16, |_| 20);
        let paper = [0, 0, 800, 600];
        let (lines, _) = find(&g, paper);
        assert_eq!(lines.len(), 3, "{lines:?}");
        let seal = [200, 250, 150, 120];
        let more = add_under_seal(lines.clone(), &free, paper, seal);
        assert_eq!(more.len(), 4, "{more:?}");
        let b = more[2].bbox;
        assert!(boxes_meet(b, seal) && b[1] >= 294 && b[1] <= 300 && b[3] <= 28, "{more:?}");
        // A seal where the free grey shows no other line: nothing added.
        assert_eq!(add_under_seal(lines.clone(), &free, paper, [600, 420, 100, 100]), lines);
    }

    #[test]
    fn a_line_made_tall_by_a_seal_is_cut_to_its_print() {
        // One line of print at rows 300-319 (x 50-529); a seal's star left
        // dark in the grey at rows 270-339, x 250-310, inside the seal's
        // box [220, 240, 120, 120]; the line finder's box took both in.
        let mut g = page(&[300], 20, |_| 20);
        for y in 270..340 {
            for x in 250..310 {
                g.put_pixel(x, y, Luma([30]));
            }
        }
        let seal = Some([220, 240, 120, 120]);
        let tall = LineBox { bbox: [50, 270, 480, 70] };
        let trimmed = trim_under_seal(&g, vec![tall], seal, 20.0)[0].bbox;
        assert_eq!((trimmed[0], trimmed[2]), (50, 480), "{trimmed:?}");
        assert!(trimmed[1] >= 294 && trimmed[1] <= 300 && trimmed[1] + trimmed[3] >= 320 && trimmed[1] + trimmed[3] <= 326, "{trimmed:?}");
        // Left as they are: no seal; a box the seal does not reach; a box
        // of print's height; a box with no print outside the seal.
        let stays = [
            (tall, None),
            (LineBox { bbox: [50, 400, 480, 70] }, seal),
            (LineBox { bbox: [50, 296, 480, 28] }, seal),
            (LineBox { bbox: [230, 270, 100, 70] }, seal),
        ];
        for (b, s) in stays {
            assert_eq!(trim_under_seal(&g, vec![b], s, 20.0), vec![b], "{b:?} {s:?}");
        }
    }

    /// A page 800 x 600 with lines of blocky characters 20 px high at
    /// rows `ys`, `n` characters each, 24 px apart, of shade `shade(c)`.
    fn page(ys: &[u32], n: u32, shade: impl Fn(u32) -> u8) -> GrayImage {
        let mut g = GrayImage::from_pixel(800, 600, Luma([255]));
        for &y0 in ys {
            for c in 0..n {
                let x0 = 50 + c * 24;
                for y in y0..y0 + 20 {
                    for x in x0..x0 + 18 {
                        if (x + y) % 5 != 0 && (y - y0 + c) % 6 != 3 {
                            g.put_pixel(x, y, Luma([shade(c)]));
                        }
                    }
                }
            }
        }
        g
    }

    #[test]
    fn a_tables_slanting_borders_do_not_join_its_rows_print() {
        // Print 20 px high in a table of rows 40 px high (under `long`, 36 px
        // on this 800x600 page), ruled across, its three upright borders
        // slanting a column in 20 rows as a form photographed in
        // perspective: each row's print is its own line, not a 40-px box.
        let rows = [40u32, 80, 120, 160, 200];
        let mut g = page(&[50, 90, 130, 170], 16, |_| 20);
        for &y in &rows {
            for x in 30..480 {
                g.put_pixel(x, y, Luma([20]));
                g.put_pixel(x, y + 1, Luma([20]));
            }
        }
        for x0 in [30u32, 200, 470] {
            for y in 40..202 {
                let x = x0 + (y - 40) / 20;
                g.put_pixel(x, y, Luma([20]));
                g.put_pixel(x + 1, y, Luma([20]));
            }
        }
        let (lines, hmed) = find(&g, [0, 0, 800, 600]);
        assert_eq!(lines.len(), 4, "{hmed} {lines:?}");
        assert!(lines.iter().all(|l| l.bbox[3] <= 26), "{hmed} {lines:?}");
    }

    #[test]
    fn a_bordered_rows_cell_walls_are_no_part_of_its_print() {
        // One bordered row, as a certificate's 医师签名 | name | 开具日期 |
        // date: print between two rules, upright walls between the cells.
        // The walls, running from rule to rule, are taken out: each cell's
        // print is boxed alone, no taller than its print (the walls made
        // every cell's box the row's height, the date's crop read as `|
        // 2023/1o014`: h94 a 021, walls 43 px where `long` was 80).
        // (what, the page's size, the rules' rows, print's rows, the lower
        // rule's ink in each 10 px)
        let cases: &[(&str, (u32, u32), (u32, u32), (u32, u32), u32)] = &[
            ("walls 33 px, `long` 60: under 2/3 of it, over half", (1200, 1000), (494, 527), (501, 521), 10),
            // h94 i 009: walls 35 px where `long` was 81.
            ("walls 28 px, `long` 84: under half of it", (1600, 1400), (494, 521), (499, 517), 10),
            // h94 i 020: the lower rule pale in places, half its row inked.
            ("the lower rule broken every 10 px", (1200, 1000), (494, 527), (501, 521), 7),
        ];
        for &(what, (w, h), (top, bottom), (p0, p1), inked) in cases {
            let mut g = GrayImage::from_pixel(w, h, Luma([255]));
            for x in 60..900u32 {
                for y in [top, top + 1] {
                    g.put_pixel(x, y, Luma([20]));
                }
                if x % 10 < inked {
                    for y in [bottom - 1, bottom] {
                        g.put_pixel(x, y, Luma([20]));
                    }
                }
            }
            for x0 in [60u32, 300, 520, 700, 899] {
                for y in top..=bottom {
                    g.put_pixel(x0, y, Luma([20]));
                    g.put_pixel(x0 + 1, y, Luma([20]));
                }
            }
            for (x0, n) in [(80u32, 4u32), (320, 3), (540, 4), (720, 7)] {
                for c in 0..n {
                    for y in p0..p1 {
                        for x in x0 + c * 24..x0 + c * 24 + 18 {
                            if (x + y) % 5 != 0 {
                                g.put_pixel(x, y, Luma([20]));
                            }
                        }
                    }
                }
            }
            let (lines, hmed) = find(&g, [0, 0, w, h]);
            assert_eq!(lines.len(), 4, "{what}: {hmed} {lines:?}");
            assert!(lines.iter().all(|l| l.bbox[3] <= p1 - p0 + 4 && l.bbox[1] > top + 1), "{what}: {hmed} {lines:?}");
        }
    }

    #[test]
    fn a_rule_slanting_across_does_not_join_the_lines_it_touches() {
        // A rule 2 px thick drawn in perspective (a row in 12 columns) from
        // the first line's foot at the left to the next line's head at the
        // right, as under a lab report's last row: two lines, each boxed
        // round its own print, not one box two lines high.
        let mut g = page(&[100, 140], 16, |_| 20);
        for x in 40..440u32 {
            let y = 116 + (x - 40) / 12;
            g.put_pixel(x, y, Luma([20]));
            g.put_pixel(x, y + 1, Luma([20]));
        }
        let (lines, hmed) = find(&g, [0, 0, 800, 600]);
        assert_eq!(lines.len(), 2, "{hmed} {lines:?}");
        assert!(lines.iter().all(|l| l.bbox[3] <= 26), "{hmed} {lines:?}");
    }

    #[test]
    fn print_far_smaller_than_the_papers_box_is_found_where_hardly_any_line_was() {
        // A box 1600 x 1200 (a paper a third of a photo the framer read
        // whole): the least print is 15 px, this page's is 11 px high, in
        // ten lines: found at half the least height.
        let mut g = GrayImage::from_pixel(1600, 1200, Luma([255]));
        for l in 0..10u32 {
            let y0 = 300 + l * 30;
            for c in 0..20u32 {
                let x0 = 500 + c * 14;
                for y in y0..y0 + 11 {
                    for x in x0..x0 + 10 {
                        if (x + y) % 4 != 0 && (y - y0 + c) % 5 != 2 {
                            g.put_pixel(x, y, Luma([20]));
                        }
                    }
                }
            }
        }
        let (lines, hmed) = find(&g, [0, 0, 1600, 1200]);
        assert_eq!(lines.len(), 10, "{hmed} {lines:?}");
        assert!(lines.iter().all(|l| l.bbox[3] <= 14), "{hmed} {lines:?}");
    }

    #[test]
    fn two_lines_joined_by_a_stroke_are_two_lines() {
        // Body lines 34 px apart; in one pair a long descender joins the
        // first line to the next (a merged piece 54 px high).
        let mut g = page(&[60, 130, 164, 250, 320, 390], 16, |_| 20);
        for y in 150..166 {
            for x in 200..203 {
                g.put_pixel(x, y, Luma([20]));
            }
        }
        let (lines, hmed) = find(&g, [0, 0, 800, 600]);
        assert_eq!(lines.len(), 6, "{hmed} {lines:?}");
        assert!(lines.iter().all(|l| l.bbox[3] <= 26), "{lines:?}");
        // A heading in large print (40 px) stays one line.
        let mut g = page(&[60, 250, 320, 390, 460], 16, |_| 20);
        for c in 0..6u32 {
            for y in 150..190 {
                for x in 200 + c * 50..240 + c * 50 {
                    if (x / 4 + y / 4) % 3 != 0 {
                        g.put_pixel(x, y, Luma([20]));
                    }
                }
            }
        }
        let (lines, _) = find(&g, [0, 0, 800, 600]);
        assert_eq!(lines.len(), 6, "{lines:?}");
        assert!(lines.iter().any(|l| l.bbox[3] >= 38), "{lines:?}");
    }

    #[test]
    fn a_line_with_a_pen_tick_across_it_is_boxed_round_its_print() {
        // A tick (two strokes 3 px wide) from 28 px above a line of print
        // down into it: one piece 48 px high, read as the line it is.
        let mut g = page(&[60, 130, 200, 270, 340, 410], 16, |_| 20);
        for i in 0..28u32 {
            for t in 0..3u32 {
                g.put_pixel(300 + i / 2 + t, 242 + i, Luma([20]));
                g.put_pixel(340 - i + t, 242 + i, Luma([20]));
            }
        }
        let (lines, _) = find(&g, [0, 0, 800, 600]);
        assert_eq!(lines.len(), 6, "{lines:?}");
        let ticked = lines.iter().find(|l| (265..=275).contains(&(l.bbox[1] + l.bbox[3] / 2 - 10))).map(|l| l.bbox);
        assert!(ticked.is_some_and(|b| b[1] >= 266 && b[3] <= 24), "{lines:?}");
    }

    /// The ink level's lines completed by the pale level's (`complete`):
    /// a line's pale end joined on, two pieces of one row joined, and
    /// everything else left as the ink level found it. Boxes are
    /// `[x, y, w, h]`; print of 20 px.
    #[test]
    fn pale_lines_complete_the_ink_levels() {
        let (hmed, pale_h) = (20.0, 20.0);
        type Case = (&'static str, &'static [[u32; 4]], &'static [[u32; 4]], &'static [[u32; 4]]);
        let cases: &[Case] = &[
            (
                "a date's pale digits after its dark label: the ink line's rows, the pale width",
                &[[100, 200, 120, 20]],
                &[[98, 199, 320, 22]],
                &[[98, 200, 320, 20]],
            ),
            (
                "a label and its date cut in two on one row: one line",
                &[[100, 200, 80, 20], [240, 201, 60, 19]],
                &[[99, 199, 210, 22]],
                &[[99, 200, 210, 20]],
            ),
            (
                "a pale line of print's shape over no ink line (thin print all grey): added",
                &[[100, 200, 300, 20]],
                &[[100, 400, 100, 20]],
                &[[100, 200, 300, 20], [100, 400, 100, 20]],
            ),
            ("a pale patch over no ink line under five heights wide (grain): not added", &[[100, 200, 300, 20]], &[[100, 400, 98, 20]], &[[100, 200, 300, 20]]),
            ("a pale band over no ink line taller than print (a shadow's edge): not added", &[[100, 200, 300, 20]], &[[100, 400, 300, 29]], &[[100, 200, 300, 20]]),
            ("a pale streak over no ink line thinner than print (a fold): not added", &[[100, 200, 300, 20]], &[[100, 400, 300, 11]], &[[100, 200, 300, 20]]),
            ("the pale line reaches past the ink line by under half a line: unchanged", &[[100, 200, 300, 20]], &[[95, 199, 309, 22]], &[[100, 200, 300, 20]]),
            (
                "a pale line half a row off (print below run into it): unchanged",
                &[[100, 200, 300, 20]],
                &[[100, 209, 400, 22]],
                &[[100, 200, 300, 20]],
            ),
            (
                "a pale line over two rows (two lines run together, taller than either): unchanged",
                &[[100, 200, 300, 20], [100, 232, 300, 20]],
                &[[100, 200, 400, 52]],
                &[[100, 200, 300, 20], [100, 232, 300, 20]],
            ),
            ("a pale line much taller than the line it covers: unchanged", &[[100, 200, 100, 20]], &[[100, 195, 300, 34]], &[[100, 200, 100, 20]]),
            (
                // h94 i 020: `医师签名 | name | 日期 | date` one box the row's
                // height at the ink level, its cells apart at the pale one.
                "a bordered row's cells, lines at the pale level in the ink level's one: its cells",
                &[[267, 556, 707, 35]],
                &[[459, 563, 48, 20], [858, 565, 117, 17], [277, 565, 74, 19]],
                &[[459, 563, 48, 20], [858, 565, 117, 17], [277, 565, 74, 19]],
            ),
            (
                // h94 j 017: `| 2024.07.25 |` boxed with its cell's frame.
                "one pale line far lower than the ink line it lies in, no other pale line there: it",
                &[[823, 651, 310, 38], [644, 652, 93, 37]],
                &[[850, 664, 104, 17], [653, 661, 84, 22]],
                &[[653, 661, 84, 22], [850, 664, 104, 17]],
            ),
            (
                "one such pale line where another pale line meets the ink line (a row beside it): unchanged",
                &[[100, 200, 300, 40]],
                &[[110, 210, 100, 18], [100, 228, 320, 20]],
                &[[100, 200, 300, 40]],
            ),
            (
                "two pale lines as high as the ink line they lie in (a word's gap): unchanged",
                &[[100, 200, 300, 20]],
                &[[100, 200, 140, 20], [260, 200, 140, 20]],
                &[[100, 200, 300, 20]],
            ),
        ];
        for (why, ink, pale, want) in cases {
            let boxes = |b: &[[u32; 4]]| b.iter().map(|&bbox| LineBox { bbox }).collect::<Vec<_>>();
            let got: Vec<[u32; 4]> = complete(boxes(ink), &boxes(pale), hmed, pale_h).into_iter().map(|l| l.bbox).collect();
            assert_eq!(got, *want, "{why}");
        }
        // A pale line over no ink line, taller than the ink level's print
        // (29 px against 20) but of the pale level's (28 px): grey print
        // whose core alone was ink. Against a pale level of 20 px: not taken.
        let alone = [[100u32, 300, 300, 29]].map(|bbox| LineBox { bbox });
        let got = |pale_h: f32| complete(vec![LineBox { bbox: [100, 200, 300, 20] }], &alone, hmed, pale_h).len();
        assert_eq!((got(28.0), got(20.0)), (2, 1));
        // Over a fragment of its dark strokes (15 px high, 32 wide): the
        // pale line in its place.
        let ink = vec![LineBox { bbox: [100, 200, 300, 20] }, LineBox { bbox: [250, 306, 32, 15] }];
        let got: Vec<[u32; 4]> = complete(ink, &alone, hmed, 28.0).into_iter().map(|l| l.bbox).collect();
        assert_eq!(got, vec![[100, 200, 300, 20], [100, 300, 300, 29]]);
    }
}
