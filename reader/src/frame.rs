//! The paper in the photo. People photograph a paper where it lies, on a
//! table or a bed, often with the paper a third of the frame or less and
//! things beside it. Everything after (quality, seal, lines, date) was made
//! for a paper that fills most of the photo: a paper small in the frame
//! read `not_a_document` (its share of the photo too small) and its print
//! was read at the photo's working size, not its own. So where the paper
//! is a part of the photo it is found here and the reading is given the
//! paper alone (with a margin), cut from the photo at its own resolution
//! (`decode.rs`); a photo that is all paper, or shows none, is read whole.

use crate::prep::{balance_by, lum};
use image::RgbImage;

/// A pixel of paper in the balanced photo: colourless, and bright or in
/// a soft shadow (the quality step's paper share counts the same pixels,
/// `quality::SHADED_PAPER_LUM`). Lit paper alone (150 and up, the quality
/// step's paper box) left a shadowed part of a paper outside the frame,
/// its seal with it (h91 031).
fn paperish(p: [u8; 3]) -> bool {
    paperish_from(p, crate::quality::SHADED_PAPER_LUM)
}

/// Paper's colour: colourless, from the brightness `least` up (the
/// quality step's paper share and box count the same pixels).
pub(crate) fn paperish_from(p: [u8; 3], least: u8) -> bool {
    let spread = p[0].max(p[1]).max(p[2]) - p[0].min(p[1]).min(p[2]);
    lum(p) >= least && spread < 50
}

/// Lit paper, balanced: a paper on a light, colourless table (a white or
/// grey desk, a sheet) is one bright area with it at [`paperish`]'s
/// level; the paper itself is brighter than this.
const LIT_PAPER_LUM: u8 = 225;
/// A light table holds no print: the cells outside a lit paper (past its
/// shadow, [`LIT_CLEAR_CELLS`] cells) that hold print (a dark mark under
/// [`INK_LEVEL`] of the cell's brightest, or a 20th of the cell coloured)
/// are at most this share of the bright area outside it. Where the rest of the bright area holds print
/// it is the same paper in shade, not a table (a page lit unevenly), and
/// the paper is read whole.
const LIT_OUTSIDE_PRINT: f32 = 0.01;
/// Cells round a lit paper left out of that count: its shadow's edge.
const LIT_CLEAR_CELLS: u32 = 5;
/// A lit paper ([`lit_paper`]) is framed where its box past its shadow is
/// at most this share of the photo: more than [`FRAME_MAX_BOX_SHARE`], as a
/// paper turned on a table fills its box less (991221 047: a paper a fifth
/// of the photo, turned 12 degrees on a tan cloth, its box past its shadow
/// 0.54 of the photo). Read whole, the seal step measured its seal against
/// the photo's width, too small to be one (`absent`), and its date, under
/// that seal, was misread (2024 for 2023); framed, both are right.
const LIT_MAX_BOX_SHARE: f32 = 0.65;

/// The paper's white is the brightest this share of the photo (less than
/// [`FRAME_MIN_SHARE`]: the reading's own balance takes a fifth, and a
/// paper less than that of the photo lit its dark desk up as paper).
const WHITE_SHARE: f32 = 0.04;
/// The photo's long side in cells: a cell is paper where half its pixels are.
const CELLS_LONG: u32 = 240;
/// The paper is framed where it covers at least this share of the photo
/// (less is no paper to read: a scene, or a paper too far to read)...
pub const FRAME_MIN_SHARE: f32 = 0.05;
/// ...its box at most this share (more: the photo is the paper, read
/// whole, as the reading was tuned on: framing a paper half the photo or
/// more gains no resolution worth having, and moved the seal step's
/// measures near their bounds on three of 680 such photos)...
pub const FRAME_MAX_BOX_SHARE: f32 = 0.5;
/// ...and it fills at least this share of its box: a paper, turned a
/// little or seen in perspective, is a quadrilateral (turned 12 degrees a
/// page still fills ~0.75 of its box); a bright cloth's folds or a light
/// wall's patches fill theirs less...
pub const FRAME_MIN_FILL: f32 = 0.6;
/// ...and it holds print: dark pixels ([`INK_LEVEL`], inside its edge)
/// make at least this share of it. A bright patch of a scene out of focus
/// (a wall, a lamp) holds none: framed, it read `blurry`. Measured on the
/// tuning draws: 44 scenes (blurred shapes) of eleven draws under 0.00005
/// each; papers 0.0026 and up (the least: a paper on a light desk, the
/// two one bright area), papers that are part of the photo 0.0075 and up.
pub const FRAME_MIN_INK: f32 = 0.001;
/// Print is darker than this share of its paper's level (thin print in
/// dim light, brought down to the working size, is no darker than 0.5:
/// a dim report on a dark red cloth measured 0.0004 at 0.5).
const INK_LEVEL: f32 = 0.7;
/// Print on a lit paper where the first look found a bright area with no
/// print (a paper on a grey table in dim light, the two one area): 991221
/// 010's print is 0.7-0.8 of its paper's level, 0.0003 of it under 0.7.
const DIM_INK_LEVEL: f32 = 0.8;
/// The margin round the paper's box, as a share of its width and height
/// (the seal and lines steps look just outside the paper's edge).
const MARGIN: f32 = 0.05;

/// What the photo shows of a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// No paper-like area holding print (a scene, or a paper too small a
    /// part of the photo to read): the quality step decides from its own
    /// measures.
    None,
    /// A paper (with print) that is most of the photo: read whole.
    Whole,
    /// A bright, colourless area a paper's size and shape, with no print
    /// on it: a wall, a window, a lamp's light (or print blurred away).
    Blank,
    /// A paper that is a part of the photo: its box `[x, y, w, h]` in the
    /// working pixels, with a margin.
    Part([u32; 4]),
}

/// Where the paper is in the working photo `work` ([`Paper`]).
pub fn paper_frame(work: &RgbImage) -> Paper {
    // (Balanced once for every look below.)
    let balanced = balance_by(work, WHITE_SHARE);
    let lit = balanced.paper_level >= crate::quality::DARK_PAPER_LEVEL;
    let bal = balanced.rgb;
    match found(&bal, crate::quality::SHADED_PAPER_LUM, INK_LEVEL, FRAME_MAX_BOX_SHARE) {
        Found::Nothing => Paper::None,
        // A bright area with no print may be a paper on a grey table in dim
        // light, the two one area at this level, the print a small part of
        // it (991221 010: a paper a fifth of the photo read
        // `not_a_document`): the lit paper alone, as below, its pale print
        // counted to `DIM_INK_LEVEL`, opened (its date was read only so).
        Found::Blank => lit_paper(&bal, DIM_INK_LEVEL, 0.0).map_or(Paper::Blank, Paper::Part),
        // The bright area is most of the photo: the paper, or a paper on a
        // light table (independent set h93: papers a third of the photo on
        // a white desk, read at the photo's working size, their print too
        // small to find).
        // A paper opened off a checked cloth it lay on (see `CLOTH_MAX_BOX_SHARE`).
        Found::Print(b, share, true) if lit && share <= CLOTH_MAX_BOX_SHARE => Paper::Part(b),
        Found::Print(_, share, _) if share > FRAME_MAX_BOX_SHARE => lit_paper(&bal, INK_LEVEL, NEVER_OPEN).map_or(Paper::Whole, Paper::Part),
        Found::Print(b, ..) => Paper::Part(b),
    }
}

/// The lit paper alone (balanced [`LIT_PAPER_LUM`] and up), holding print
/// (darker than `ink_level` of its level), where it is at most
/// [`LIT_MAX_BOX_SHARE`] of the photo and the rest of the bright area
/// holds no print: its box past its shadow. Opened as [`found`] says
/// (`open_over`).
fn lit_paper(bal: &RgbImage, ink_level: f32, open_over: f32) -> Option<[u32; 4]> {
    let Found::Print(b, ..) = found(bal, LIT_PAPER_LUM, ink_level, open_over) else { return None };
    let b = past_shadow(bal, b);
    let (w, h) = bal.dimensions();
    let share = (b[2] as f32 * b[3] as f32) / (w as f32 * h as f32);
    (share <= LIT_MAX_BOX_SHARE && table_is_bare(bal, b)).then_some(b)
}

/// The box `b` grown by [`LIT_CLEAR_CELLS`] cells each way (within the
/// photo): a lit paper's box holds its shadow's edge, and a part of the
/// paper in a soft shade beside it (a seal there, h93 019).
fn past_shadow(bal: &RgbImage, b: [u32; 4]) -> [u32; 4] {
    let (w, h) = bal.dimensions();
    let clear = LIT_CLEAR_CELLS * w.max(h).div_ceil(CELLS_LONG).max(2);
    let (x0, y0) = (b[0].saturating_sub(clear), b[1].saturating_sub(clear));
    let (x1, y1) = ((b[0] + b[2] + clear).min(w), (b[1] + b[3] + clear).min(h));
    [x0, y0, x1 - x0, y1 - y0]
}

/// Whether the bright area outside the box `b` holds no marks: no print
/// ([`LIT_OUTSIDE_PRINT`]) and no colour (a seal's red on paper in shade),
/// on the balanced photo `bal`.
fn table_is_bare(bal: &RgbImage, b: [u32; 4]) -> bool {
    let (w, h) = bal.dimensions();
    let c = w.max(h).div_ceil(CELLS_LONG).max(2);
    let (x0, y0, x1, y1) = (b[0], b[1], b[0] + b[2], b[1] + b[3]);
    let (mut bright, mut print) = (0u32, 0u32);
    for cy in 0..h.div_ceil(c) {
        for cx in 0..w.div_ceil(c) {
            let (px, py) = (cx * c, cy * c);
            if px + c > x0 && px < x1 && py + c > y0 && py < y1 {
                continue;
            }
            let (mut lo, mut hi, mut pale, mut coloured) = (255u8, 0u8, 0u32, 0u32);
            let mut n = 0u32;
            for y in py..(py + c).min(h) {
                for x in px..(px + c).min(w) {
                    let p = bal.get_pixel(x, y).0;
                    let l = lum(p);
                    (lo, hi, n) = (lo.min(l), hi.max(l), n + 1);
                    pale += paperish(p) as u32;
                    coloured += (p.iter().max().unwrap_or(&0) - p.iter().min().unwrap_or(&0) >= 60) as u32;
                }
            }
            if pale * 2 < n {
                continue;
            }
            bright += 1;
            print += ((lo as f32) < hi as f32 * INK_LEVEL || coloured * 20 >= n) as u32;
        }
    }
    bright == 0 || (print as f32) <= LIT_OUTSIDE_PRINT * bright as f32
}

enum Found {
    Nothing,
    /// A paper-like area with no print.
    Blank,
    /// A paper-like area holding print: its box with a margin, its box's
    /// (no margin) share of the photo, and whether it was opened off a
    /// checked cloth ([`CLOTH_CUT`]).
    Print([u32; 4], f32, bool),
}

/// The largest paper-like area (pixels `least` and up) of the balanced
/// photo `bal`, opened ([`OPEN_CELLS`]) where its box is more than
/// `open_over` of the photo, and whether it holds print (pixels darker
/// than `ink_level` of its level).
fn found(bal: &RgbImage, least: u8, ink_level: f32, open_over: f32) -> Found {
    let (w, h) = bal.dimensions();
    let c = w.max(h).div_ceil(CELLS_LONG).max(2);
    let (gw, gh) = (w.div_ceil(c), h.div_ceil(c));
    if gw < 8 || gh < 8 {
        return Found::Nothing;
    }
    let mut count = vec![0u32; (gw * gh) as usize];
    // Row by row, a cell's run of pixels at a time (not two divisions a
    // pixel to find its cell).
    for (y, row) in bal.as_raw().chunks_exact(3 * w as usize).enumerate() {
        let cells = &mut count[(y as u32 / c * gw) as usize..][..gw as usize];
        for (n, px) in cells.iter_mut().zip(row.chunks(3 * c as usize)) {
            *n += px.chunks_exact(3).filter(|p| paperish_from([p[0], p[1], p[2]], least)).count() as u32;
        }
    }
    let cell_px = |gx: u32, gy: u32| ((c).min(w - gx * c) * (c).min(h - gy * c)).max(1);
    let paper: Vec<bool> = (0..gw * gh).map(|i| count[i as usize] * 2 >= cell_px(i % gw, i / gw)).collect();
    // Closed (grown then shrunk by a cell): print's dark cells inside the
    // paper join it.
    let grown = morph(&paper, gw, gh, true);
    let closed = morph(&grown, gw, gh, false);
    let Some(area) = largest(&closed, gw, gh) else { return Found::Nothing };
    let total = (gw * gh) as f32;
    // (A box of cells, inclusive: its count of cells.)
    let box_cells_of = |b: [u32; 4]| ((b[2] - b[0] + 1) * (b[3] - b[1] + 1)) as f32;
    // An area more than `open_over` of the photo may be a paper and the
    // light squares of the cloth it lies on: opened, the paper alone
    // (elsewhere the area is kept as it is: opening moved a blurry photo's
    // frame and its seal's measures, 991204 037).
    let (area, cloth) = if box_cells_of(area.1) > open_over * total {
        let opened = largest(&open(&closed, gw, gh, OPEN_CELLS), gw, gh);
        let cloth = opened.as_ref().is_some_and(|o| box_cells_of(o.1) <= CLOTH_CUT * box_cells_of(area.1));
        (opened.unwrap_or(area), cloth)
    } else {
        (area, false)
    };
    let (cells, [x0, y0, x1, y1], part) = area;
    let box_cells = box_cells_of([x0, y0, x1, y1]);
    if (cells as f32) < FRAME_MIN_SHARE * total || (cells as f32) < FRAME_MIN_FILL * box_cells {
        return Found::Nothing;
    }
    // Its print: pixels under half its paper's own level, in its own cells
    // that are mostly paper (print is thin marks on paper; not the box's
    // corners, the desk beside a paper turned a little). A scene's shape
    // of mid grey passes for paper in shade: a darker shape lying over it
    // is no print.
    // (Inside its edge: the cells on it hold the desk beside it.)
    let inner = morph(&part, gw, gh, false);
    let cells_px = |f: &mut dyn FnMut([u8; 3])| {
        let (xa, xb) = (x0 * c, ((x1 + 1) * c).min(w));
        for y in y0 * c..((y1 + 1) * c).min(h) {
            let row = &bal.as_raw()[(3 * (y * w + xa)) as usize..(3 * (y * w + xb)) as usize];
            let gy = y / c;
            for (k, px) in row.chunks(3 * c as usize).enumerate() {
                let i = (gy * gw + x0 + k as u32) as usize;
                if inner[i] && paper[i] {
                    px.chunks_exact(3).for_each(|p| f([p[0], p[1], p[2]]));
                }
            }
        }
    };
    let (mut sum, mut n) = (0u64, 0u64);
    cells_px(&mut |p| {
        if paperish_from(p, least) {
            sum += lum(p) as u64;
            n += 1;
        }
    });
    let dark = (sum / n.max(1)) as f32 * ink_level;
    let (mut ink, mut px) = (0u32, 0u32);
    cells_px(&mut |p| {
        px += 1;
        ink += ((lum(p) as f32) < dark) as u32;
    });
    if (ink as f32) < FRAME_MIN_INK * px.max(1) as f32 {
        return Found::Blank;
    }
    let (bw, bh) = ((x1 - x0 + 1) * c, (y1 - y0 + 1) * c);
    let (mx, my) = ((bw as f32 * MARGIN) as u32 + c, (bh as f32 * MARGIN) as u32 + c);
    let (px0, py0) = ((x0 * c).saturating_sub(mx), (y0 * c).saturating_sub(my));
    let (px1, py1) = (((x1 + 1) * c + mx).min(w), ((y1 + 1) * c + my).min(h));
    Found::Print([px0, py0, px1 - px0, py1 - py0], box_cells / total, cloth)
}

/// How far (cells) a paper-like area is opened: shrunk, then grown back
/// as far. A checked cloth's light squares and stripes join a paper lying
/// on it into one area (991221 007, 021: the photo read whole, the
/// cloth's pattern taken for lines); each square narrower than twice this
/// is taken away, the paper (tens of cells across) keeps its shape.
const OPEN_CELLS: u32 = 4;
/// An area whose box opening ([`OPEN_CELLS`]) cut to at most this share
/// of the box it had was a paper joined to the light squares of a checked
/// cloth round it: the opened area is the paper.
const CLOTH_CUT: f32 = 0.8;
/// A paper opened off a checked cloth is framed where its box is at most
/// this share of the photo (a paper alone is framed to
/// [`FRAME_MAX_BOX_SHARE`]): read whole, the cloth's squares round it are
/// taken for lines of print and for the paper's edge (991272 048, 051: a
/// paper 0.53 and 0.69 of the photo on a gingham cloth, 9 and 44 "lines"
/// across the cloth, the date never read; framed, 048's date is read,
/// 051's, in dim light, still not). Not on a dark photo (its paper,
/// balanced by the brightest [`WHITE_SHARE`] as the frame is, under
/// `quality::DARK_PAPER_LEVEL`): framed so, two dark papers
/// on gingham (--poor 994101 008, 017) read a date confidently wrong
/// (2023-03-25 for 08-25) where read whole they read none.
const CLOTH_MAX_BOX_SHARE: f32 = 0.8;
/// The lit paper on a light desk is not opened: opened, a part of it in a
/// soft shade (a seal there) was cut off (h93 019, 099).
const NEVER_OPEN: f32 = f32::INFINITY;

/// The mask `m` opened by `r` cells: shrunk `r` times, then grown as
/// often (an opening adds no cell outside `m`).
fn open(m: &[bool], gw: u32, gh: u32, r: u32) -> Vec<bool> {
    let mut o = m.to_vec();
    for grow in [false, true] {
        for _ in 0..r {
            o = morph(&o, gw, gh, grow);
        }
    }
    o
}

/// One step of growing (`grow`) or shrinking a cell mask by its 8 neighbours.
fn morph(m: &[bool], gw: u32, gh: u32, grow: bool) -> Vec<bool> {
    let at = |x: i64, y: i64| {
        if x < 0 || y < 0 || x >= gw as i64 || y >= gh as i64 {
            // Outside the photo: neither grows paper in nor eats it away.
            !grow
        } else {
            m[(y as u32 * gw + x as u32) as usize]
        }
    };
    (0..gw * gh)
        .map(|i| {
            let (x, y) = ((i % gw) as i64, (i / gw) as i64);
            let mut any = false;
            let mut all = true;
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let v = at(x + dx, y + dy);
                    any |= v;
                    all &= v;
                }
            }
            if grow {
                any
            } else {
                all
            }
        })
        .collect()
}

/// The largest 4-connected set of cells: its size, box (cells, inclusive)
/// and its cells.
fn largest(m: &[bool], gw: u32, gh: u32) -> Option<(u32, [u32; 4], Vec<bool>)> {
    let mut label = vec![0u32; m.len()];
    let mut best: Option<(u32, [u32; 4], u32)> = None;
    let mut next = 0u32;
    let mut stack = Vec::new();
    for start in 0..m.len() {
        if !m[start] || label[start] != 0 {
            continue;
        }
        next += 1;
        label[start] = next;
        stack.push(start as u32);
        let (mut n, mut b) = (0u32, [u32::MAX, u32::MAX, 0, 0]);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % gw, i / gw);
            n += 1;
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            let mut visit = |j: u32| {
                if m[j as usize] && label[j as usize] == 0 {
                    label[j as usize] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < gw {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - gw);
            }
            if y + 1 < gh {
                visit(i + gw);
            }
        }
        if best.is_none_or(|(bn, _, _)| n > bn) {
            best = Some((n, b, next));
        }
    }
    best.map(|(n, b, l)| (n, b, label.iter().map(|&v| v == l).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// A photo `w` x `h` of `ground`, with a page (bright, with lines of
    /// print) at `page` = [x, y, w, h].
    fn scene(w: u32, h: u32, ground: impl Fn(u32, u32) -> [u8; 3], page: Option<[u32; 4]>) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            if let Some([px, py, pw, ph]) = page {
                if x >= px && x < px + pw && y >= py && y < py + ph {
                    let (lx, ly) = (x - px, y - py);
                    let print = ly % 40 < 8 && lx > pw / 10 && lx < pw * 9 / 10 && (lx / 6) % 3 != 0;
                    return Rgb(if print { [30, 30, 35] } else { [238, 236, 230] });
                }
            }
            Rgb(ground(x, y))
        })
    }

    /// [`scene`] with a bright patch where the page would be, no print on it.
    fn blank(w: u32, h: u32, ground: impl Fn(u32, u32) -> [u8; 3], patch: [u32; 4]) -> RgbImage {
        let [px, py, pw, ph] = patch;
        RgbImage::from_fn(w, h, |x, y| Rgb(if x >= px && x < px + pw && y >= py && y < py + ph { [238, 236, 230] } else { ground(x, y) }))
    }

    /// A paper a fifth of the photo on a grey table in dim light: the
    /// table half the paper's level, the print pale (0.75 of the paper's).
    fn dim_grey_table() -> RgbImage {
        let page = scene(1600, 1200, |_, _| [119, 118, 115], Some([900, 200, 560, 460]));
        RgbImage::from_fn(1600, 1200, |x, y| {
            let p = page.get_pixel(x, y).0;
            Rgb(if p == [30, 30, 35] { [179, 177, 173] } else { p })
        })
    }

    /// `img` as a photo taken in the dark shows it (an eighth of its light).
    fn darkened(img: RgbImage) -> RgbImage {
        RgbImage::from_fn(img.width(), img.height(), |x, y| Rgb(img.get_pixel(x, y).0.map(|v| v / 8)))
    }

    /// A scene: a dark ground, a mid-grey shape, a darker grey one lying
    /// over half of it (balanced, the darker one is grey enough to pass
    /// for paper in shade, and dark beside the other).
    fn shapes() -> RgbImage {
        RgbImage::from_fn(1600, 1200, |x, y| {
            let over = x >= 780 && x < 1200 && y >= 300 && y < 1060;
            let shape = x >= 500 && x < 1060 && y >= 300 && y < 1060;
            Rgb(if over { [70, 70, 72] } else if shape { [125, 125, 125] } else { [20, 20, 24] })
        })
    }

    /// A photo all paper, lines of print all over it, its left 5/8 in a
    /// shade (balanced: 190 against 238).
    fn shaded_page() -> RgbImage {
        let page = scene(1600, 1200, |_, _| [0, 0, 0], Some([0, 0, 1600, 1200]));
        RgbImage::from_fn(1600, 1200, |x, y| {
            let p = page.get_pixel(x, y).0;
            Rgb(if x < 1000 { p.map(|v| (v as u32 * 190 / 238) as u8) } else { p })
        })
    }

    #[test]
    fn a_paper_part_of_the_photo_is_framed_and_a_photo_all_paper_is_not() {
        let wood = |x: u32, y: u32| {
            let v = ((y as f32 * 0.05 + (x as f32 * 0.01).sin() * 3.0).sin() * 20.0) as i32;
            [(150 + v) as u8, (100 + v) as u8, (60 + v / 2) as u8]
        };
        let dark = |_: u32, _: u32| [40, 40, 45];
        let gingham = |x: u32, y: u32| if (x / 40 + y / 40) % 2 == 0 { [240, 238, 232] } else { [40, 70, 160] };
        // A black and white gingham: light squares joined by grey ones
        // into a grid of stripes as bright as paper in shade.
        let black_white = |x: u32, y: u32| match (x / 40 % 2, y / 40 % 2) {
            (0, 0) => [236, 235, 232],
            (1, 1) => [30, 30, 32],
            _ => [140, 140, 142],
        };
        // A tan cloth woven in faint diagonal stripes: balanced, paper in
        // shade at the first look, with no print.
        let tan_cloth = |x: u32, y: u32| if (x + y) % 12 < 3 { [160, 149, 126] } else { [174, 162, 138] };
        let light_desk = |x: u32, _: u32| {
            let v = (180 + x / 40) as u8;
            [v, v, v.saturating_sub(4)]
        };
        // (what, photo, what it shows (for a part: where the paper is))
        let cases: Vec<(&str, RgbImage, Paper)> = vec![
            ("a third of the photo, on wood", scene(1600, 1200, wood, Some([500, 300, 560, 760])), Paper::Part([500, 300, 560, 760])),
            ("a quarter, in a corner of a dark desk", scene(1600, 1200, dark, Some([40, 500, 480, 680])), Paper::Part([40, 500, 480, 680])),
            ("on a checked cloth", scene(1600, 1200, gingham, Some([600, 200, 600, 800])), Paper::Part([600, 200, 600, 800])),
            ("on a black and white checked cloth", scene(1600, 1200, black_white, Some([600, 200, 600, 800])), Paper::Part([600, 200, 600, 800])),
            ("filling the photo", scene(1600, 1200, dark, Some([60, 40, 1480, 1120])), Paper::Whole),
            // (Balanced against its own brightest grain, wood passes for
            // a blank paper: no print, so no document either way.)
            ("no paper: wood alone", scene(1600, 1200, wood, None), Paper::Blank),
            // (Under the brightest 4%, the label no longer sets the white:
            // the desk, lit up, is the blank area. Not framed either way.)
            ("too small a part: a label", scene(1600, 1200, dark, Some([700, 500, 200, 160])), Paper::Blank),
            ("half the photo or more: read whole", scene(1600, 1200, dark, Some([200, 80, 1100, 1050])), Paper::Whole),
            // A light grey desk is paper in shade at the first look; the lit
            // paper on it is framed, the desk holding no print.
            ("a third of the photo, on a light grey desk", scene(1600, 1200, light_desk, Some([500, 300, 560, 760])), Paper::Part([500, 300, 560, 760])),
            // A paper on a cloth whose box, with its margin and past its
            // shadow, is 0.54 of the photo (as 991221 047's, turned on a
            // tan cloth): over the first look's bound, within the lit one.
            ("a paper's box over half the photo, on a tan cloth", scene(1600, 1200, tan_cloth, Some([300, 150, 900, 820])), Paper::Part([300, 150, 900, 820])),
            // A page lit unevenly: its shaded part holds print too, so the
            // lit part alone is not framed.
            ("all paper, most of it in shade", shaded_page(), Paper::Whole),
            // A grey table in dim light is paper in shade at the first look,
            // the pale print too little of that area: the lit paper is
            // framed (991221 010, read `not_a_document` before).
            ("a fifth of the photo, on a grey table in dim light", dim_grey_table(), Paper::Part([900, 200, 560, 460])),
            // Over half the photo on a checked cloth: opened off the
            // cloth's squares, the paper is framed (991272 048: read whole,
            // the cloth's squares were taken for lines of print); on a
            // dark photo it is read whole, as before.
            ("over half the photo, on a checked cloth", scene(1600, 1200, black_white, Some([250, 100, 1100, 1000])), Paper::Part([250, 100, 1100, 1000])),
            ("over half the photo, on a checked cloth, in the dark", darkened(scene(1600, 1200, black_white, Some([250, 100, 1100, 1000]))), Paper::Whole),
            ("a bright patch with no print (a lamp, a wall)", blank(1600, 1200, dark, [500, 300, 560, 760]), Paper::Blank),
            ("a grey shape, a darker one over half of it (a scene)", shapes(), Paper::Blank),
        ];
        for (what, img, want) in cases {
            let got = paper_frame(&img);
            match (want, got) {
                (Paper::Part(p), Paper::Part(f)) => {
                    // The frame holds the whole paper, and not much more.
                    assert!(f[0] <= p[0] && f[1] <= p[1] && f[0] + f[2] >= p[0] + p[2] && f[1] + f[3] >= p[1] + p[3], "{what}: {f:?} cuts {p:?}");
                    let (fa, pa) = (f[2] as f32 * f[3] as f32, p[2] as f32 * p[3] as f32);
                    // (A bright square of a checked cloth touching the paper may join it.)
                    assert!(fa < pa * 1.7, "{what}: {f:?} is far larger than {p:?}");
                }
                (w, g) => assert_eq!(w, g, "{what}"),
            }
        }
    }
}
