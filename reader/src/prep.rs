//! Preparing a photo: white balance against the paper (warm light), a grey
//! image for reading text in which red ink disappears (a seal over the
//! date), shadows flattened, and the text turned level (deskew).

use image::{GrayImage, Luma, RgbImage};

/// A grey image: dark text on white.
pub type Gray = GrayImage;

/// The photo at working size with the paper's colour brought to white.
pub struct Work {
    pub rgb: RgbImage,
    /// The paper's brightness before balancing (0..255): low means dark.
    pub paper_level: f32,
    /// The paper's colour before balancing (the light's colour on it).
    pub white: [f32; 3],
}

/// White balance: the brightest fifth of the photo is taken to be paper.
pub fn balance(img: &RgbImage) -> Work {
    balance_by(img, 0.2)
}

/// [`balance`] with the paper's white taken from the brightest `share` of
/// the photo (a paper smaller than that share of the photo is balanced by
/// what lies round it too: a dark desk made paper-bright, `frame.rs`).
pub fn balance_by(img: &RgbImage, share: f32) -> Work {
    let mut hist = [0u32; 256];
    for p in img.pixels() {
        hist[lum(p.0) as usize] += 1;
    }
    let total: u32 = hist.iter().sum();
    let mut acc = 0;
    let mut cut = 255;
    for v in (0..256).rev() {
        acc += hist[v];
        if acc as f32 >= total as f32 * share {
            cut = v as u8;
            break;
        }
    }
    let (mut sum, mut n) = ([0f64; 3], 0f64);
    for p in img.pixels() {
        if lum(p.0) >= cut {
            for c in 0..3 {
                sum[c] += p.0[c] as f64;
            }
            n += 1.0;
        }
    }
    let paper: Vec<f64> = sum.iter().map(|s| (s / n.max(1.0)).max(1.0)).collect();
    let gains: Vec<f32> = paper.iter().map(|p| (240.0 / p).clamp(0.5, 8.0) as f32).collect();
    let mut rgb = img.clone();
    for p in rgb.pixels_mut() {
        for c in 0..3 {
            p.0[c] = (p.0[c] as f32 * gains[c]).min(255.0) as u8;
        }
    }
    let paper_level = (0.299 * paper[0] + 0.587 * paper[1] + 0.114 * paper[2]) as f32;
    Work { rgb, paper_level, white: [paper[0] as f32, paper[1] as f32, paper[2] as f32] }
}

pub fn lum(p: [u8; 3]) -> u8 {
    ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8) as u8
}

/// Grey for reading text: the brightest channel, so red ink turns white
/// while black print stays dark; then divided by the local paper level so
/// a shadow across the page does not read as ink.
/// Returns that grey, and the same grey before the print round red ink was
/// whitened (`plain`): where a seal or a red pen tick crosses thin print,
/// the whitening takes the print's paler strokes with it (a 4 losing its
/// diagonal), which the plain grey keeps.
pub fn text_gray_both(rgb: &RgbImage) -> (Gray, Gray) {
    let (g, plain, _) = text_grays(rgb);
    (g, plain)
}

/// [`text_gray_both`]'s two greys and the flattened grey they are
/// stretched from (where `underseal::seal_free` starts: built once).
pub fn text_grays(rgb: &RgbImage) -> (Gray, Gray, Gray) {
    text_grays_with(rgb, false)
}

/// [`text_grays`] of a dark photo ([`dim`]'s balanced photo): the same
/// greys, stretched as [`stretch_dim`] stretches.
pub fn text_grays_dim(rgb: &RgbImage) -> (Gray, Gray, Gray) {
    text_grays_with(rgb, true)
}

fn text_grays_with(rgb: &RgbImage, dim: bool) -> (Gray, Gray, Gray) {
    let (w, h) = rgb.dimensions();
    let g = GrayImage::from_raw(w, h, rgb.as_raw().chunks_exact(3).map(|p| p[0].max(p[1]).max(p[2])).collect()).unwrap_or_else(|| GrayImage::new(w, h));
    let flat = flatten(&g);
    let mut g = if dim { stretch_dim(&flat) } else { stretch(&flat) };
    let plain = g.clone();
    // Around red ink (the edges of a seal's strokes, softened by JPEG's
    // half-resolution colour) only truly black print is kept.
    // Within two pixels of red ink either way (a 5x5 square), found row
    // by row, then column by column: the same pixels as marking each red
    // pixel's square, without 25 writes per pixel of a warm photo.
    let (wu, hu) = (w as usize, h as usize);
    let mut across = vec![false; wu * hu];
    for (i, p) in rgb.as_raw().chunks_exact(3).enumerate() {
        if reddish([p[0], p[1], p[2]]) {
            let (row, x) = (i - i % wu, i % wu);
            across[row + x.saturating_sub(2)..=row + (x + 2).min(wu - 1)].fill(true);
        }
    }
    let mut near = vec![false; wu * hu];
    for y in 0..hu {
        for yy in y.saturating_sub(2)..=(y + 2).min(hu - 1) {
            let (to, from) = (&mut near[y * wu..(y + 1) * wu], &across[yy * wu..(yy + 1) * wu]);
            for (n, a) in to.iter_mut().zip(from) {
                *n |= *a;
            }
        }
    }
    for (v, n) in g.iter_mut().zip(&near) {
        if *n && *v >= 130 {
            *v = 255;
        }
    }
    (g, plain, flat)
}

/// Stretches contrast so the darkest print is near black and the paper
/// white (faint thin print in warm light reads as print).
pub fn stretch(g: &Gray) -> Gray {
    let hist = histogram(g);
    map_levels(g, level_at(&hist, 3).min(150.0), 235.0)
}

/// How many pixels of `g` are at each level.
pub(crate) fn histogram(g: &Gray) -> [u32; 256] {
    let mut hist = [0u32; 256];
    for p in g.pixels() {
        hist[p.0[0] as usize] += 1;
    }
    hist
}

/// The darkest level at or under which `per_mille` of the pixels lie.
pub(crate) fn level_at(hist: &[u32; 256], per_mille: u32) -> f32 {
    let n: u32 = hist.iter().sum();
    let mut acc = 0;
    for (v, c) in hist.iter().enumerate() {
        acc += c;
        if acc * 1000 >= n * per_mille {
            return v as f32;
        }
    }
    0.0
}

/// `lo` and darker to black, `hi` and paler to white, linear between.
fn map_levels(g: &Gray, lo: f32, hi: f32) -> Gray {
    let mut out = g.clone();
    for p in out.pixels_mut() {
        let v = (p.0[0] as f32 - lo) * 255.0 / (hi - lo);
        p.0[0] = v.clamp(0.0, 255.0) as u8;
    }
    out
}

/// A dark photo's paper (dim light: ~20-60 of 255 before balance) keeps
/// its print's contrast at ~20 grey levels, under sensor grain and JPEG
/// blotches of a few levels. Brought to white as a lit photo is, the
/// grain is stretched ~8 times with it: the paper turns to a speckle of
/// greys, ink-dark in 3-4% of its pixels, which the line finder smears
/// into blots (the date's line not found) and the OCR reads as strokes
/// (`检查日期 202雪05 06`, or nothing at all). So a dark photo's text greys
/// are built from the photo smoothed by a Gaussian of `smooth` ([`DIM_SMOOTH`]) px
/// per 1000 px of its long side (the same share of the print at any
/// size), balanced again. Its quality and seal stay as they were found on
/// the photo itself.
pub fn dim(photo: &RgbImage, smooth: f32) -> Work {
    let (w, h) = photo.dimensions();
    balance(&image::imageops::blur(photo, smooth * w.max(h) as f32 / 1000.0))
}

/// [`dim`]'s smoothing, px per 1000 px of the long side (tuned on the
/// dark photos of six draws, docs/bench-read-notes.md: 0.6 and 0.9 broke
/// thin Ming strokes and lost dates read with less).
pub const DIM_SMOOTH: f32 = 0.45;

/// The smoothing of a dark photo read once more where [`DIM_SMOOTH`] kept
/// no date (`read_with_detail`): stronger, for grain the first left as
/// strokes. Alone it reads fewer dates (0.9: 60.1% of 208 dark photos of
/// 19 draws against 63.5%); after the first, on the photos it kept no date
/// for, it added 12 right dates and 1 wrong (docs/bench-read-notes.md).
pub const DIM_SMOOTH_AGAIN: f32 = 0.9;

/// [`stretch`] for a dark photo: the paper's grain, still a few levels
/// after smoothing, is taken to white and the print's pale strokes to
/// black. The page is mostly paper: its grey's [`DIM_PAPER`] share (of
/// pixels, darkest first) is at the paper's lower edge, and its
/// [`DIM_INK`] share inside the print's strokes. In speckled grey the
/// OCR read `检查日期 2024.05.06` as `检查日期 202雪05 06` (tuning 990301
/// 018: right after this stretch) and `日期 2025.12.11` as nothing
/// (990301 058: binarised it reads; still missed after this round).
pub fn stretch_dim(g: &Gray) -> Gray {
    let hist = histogram(g);
    let lo = level_at(&hist, DIM_INK).min(150.0);
    map_levels(g, lo, level_at(&hist, DIM_PAPER).min(235.0).max(lo + 40.0))
}

/// [`stretch_dim`]'s levels: the shares (per mille) of the page darker
/// than the print's black and than the paper's white.
const DIM_INK: u32 = 80;
const DIM_PAPER: u32 = 250;

/// Divides by a smooth estimate of the paper's level (block maxima).
pub fn flatten(g: &Gray) -> Gray {
    let (w, h) = g.dimensions();
    let b = 24u32;
    let (bw, bh) = (w.div_ceil(b), h.div_ceil(b));
    let mut bg = vec![0f32; (bw * bh) as usize];
    for by in 0..bh {
        for bx in 0..bw {
            let mut hist = [0u16; 256];
            let mut n = 0u16;
            for y in by * b..((by + 1) * b).min(h) {
                let row = &g.as_raw()[(y * w) as usize..][..w as usize];
                for &v in &row[(bx * b) as usize..((bx + 1) * b).min(w) as usize] {
                    hist[v as usize] += 1;
                    n += 1;
                }
            }
            // The 90th percentile: paper, even where text is dense.
            let mut acc = 0;
            let mut v = 255;
            for i in (0..256).rev() {
                acc += hist[i];
                if acc * 10 >= n {
                    v = i;
                    break;
                }
            }
            bg[(by * bw + bx) as usize] = v as f32;
        }
    }
    // Smooth: a 3x3 max then a 3x3 mean, so text blocks do not dent it.
    let get = |v: &Vec<f32>, x: i64, y: i64| v[(y.clamp(0, bh as i64 - 1) * bw as i64 + x.clamp(0, bw as i64 - 1)) as usize];
    let mut mx = bg.clone();
    for y in 0..bh as i64 {
        for x in 0..bw as i64 {
            let mut m = 0f32;
            for dy in -1..=1 {
                for dx in -1..=1 {
                    m = m.max(get(&bg, x + dx, y + dy));
                }
            }
            mx[(y * bw as i64 + x) as usize] = m;
        }
    }
    let mut sm = mx.clone();
    for y in 0..bh as i64 {
        for x in 0..bw as i64 {
            let mut s = 0f32;
            for dy in -1..=1 {
                for dx in -1..=1 {
                    s += get(&mx, x + dx, y + dy);
                }
            }
            sm[(y * bw as i64 + x) as usize] = s / 9.0;
        }
    }
    // Each column's (and row's) two blocks and its share of the second,
    // made once, not per pixel (the same numbers, without a `floor` a
    // pixel).
    let along = |i: u32, n: u32| {
        let f = (i as f32 + 0.5) / b as f32 - 0.5;
        let i0 = f.floor() as i64;
        let at = |k: i64| k.clamp(0, n as i64 - 1) as usize;
        (at(i0), at(i0 + 1), f - i0 as f32)
    };
    let cols: Vec<(usize, usize, f32)> = (0..w).map(|x| along(x, bw)).collect();
    let mut out = g.clone();
    if w == 0 {
        return out;
    }
    for (y, row) in out.chunks_exact_mut(w as usize).enumerate() {
        let (r0, r1, ty) = along(y as u32, bh);
        let (top, bottom) = (&sm[r0 * bw as usize..][..bw as usize], &sm[r1 * bw as usize..][..bw as usize]);
        for (p, &(c0, c1, tx)) in row.iter_mut().zip(&cols) {
            let v = top[c0] * (1.0 - tx) * (1.0 - ty) + top[c1] * tx * (1.0 - ty) + bottom[c0] * (1.0 - tx) * ty + bottom[c1] * tx * ty;
            *p = ((*p as f32 / v.max(16.0)) * 255.0).clamp(0.0, 255.0) as u8;
        }
    }
    out
}

/// The skew of the text lines in degrees (-15..15): the angle at which the
/// dark pixels pile up into the sharpest rows.
pub fn skew_angle(g: &Gray) -> f32 {
    skew_search(g, [0, 0, g.width(), g.height()], 15.0, None)
}

/// The skew of the text lines inside a box `[x, y, w, h]` (the paper's
/// box): only ink lying on paper counts. A paper turned 10 degrees or
/// more leaves wedges of the desk in the corners of its upright box, and
/// their dark mass, edged by the paper's slanting border, outweighed the
/// print's rows (a page turned 12 degrees measured as level, one turned 3
/// as -15). Ink on paper is what has paper all round it: every block of a
/// coarse grid round the point mostly pale (print covers at most ~half of
/// any block; the desk and the paper's shadowed border much more).
/// `mask` is [`paper_blocks`] of `g` (built once, shared with
/// [`quarter_turned`]). Red ink (`rgb`'s reddish pixels, as [`text_grays`]
/// finds them) is no print either: a dark red pen's strokes stay dark in
/// the text grey, and enough of them at one slope set the angle (unit test
/// `a_red_pens_strokes_do_not_set_the_skew`; no photo of the draws was
/// shown to need it: 991092 060's wrong angle was thin print, below).
pub fn skew_angle_in(g: &Gray, rgb: &RgbImage, area: [u32; 4], mask: &PaperMask) -> f32 {
    let print = |ink: u8| {
        let mut ink = Ink::darker(g, area, Some(mask), ink);
        if rgb.dimensions() == g.dimensions() {
            ink.pts.retain(|&(x, y)| !reddish(rgb.get_pixel(x as u32, y as u32).0));
        }
        ink
    };
    let mut ink = print(SKEW_INK);
    // Thin print all grey (Kai or Ming strokes, a soft photo) leaves next
    // to nothing darker than the skew's ink on paper (a bold heading's
    // dense blocks are no paper): a few hundred points of one corner set
    // the angle (991092 060, 349 points, 20.3 degrees for -1.6). Then the
    // paler ink the quarter turn is measured on counts too.
    if ink.pts.len() < FEW_SKEW_POINTS {
        let pale = print(TURN_INK);
        if pale.pts.len() > ink.pts.len() {
            ink = pale;
        }
    }
    if ink.pts.len() < 50 {
        return 0.0;
    }
    ink.sharpest(SKEW_RANGE).0
}

/// Ink for the skew: darker than this on the text grey.
const SKEW_INK: u8 = 110;
/// Fewer ink points than this on the paper (at a 700th of the photo's
/// long side apart; a page of print gives some 6,000) measure the skew on
/// paler ink too ([`skew_angle_in`]).
const FEW_SKEW_POINTS: usize = 1500;

/// Red ink: red well above green and blue (a seal's, a red pen's, a red
/// letterhead's; JPEG's half-resolution colour softens its edges).
fn reddish(p: [u8; 3]) -> bool {
    p[0] as i32 - (p[1].max(p[2]) as i32) >= 18
}

/// How far (degrees, either way) the print's skew is looked for: a photo
/// taken by hand turns the paper up to ~12 degrees, and a slanted shot's
/// keystone slopes the lines more on one side.
const SKEW_RANGE: f32 = 20.0;

/// Blocks of a coarse grid that are paper: at least `PAPER_PALE` of their
/// pixels pale, and so are their eight neighbours' (the block's side and
/// the grid's width in blocks returned with it).
pub struct PaperMask {
    side: u32,
    bw: u32,
    paper: Vec<bool>,
}

impl PaperMask {
    fn at(&self, x: u32, y: u32) -> bool {
        self.paper[((y / self.side) * self.bw + x / self.side) as usize]
    }
}

/// Share of a block's pixels that must be pale for it to be paper.
const PAPER_PALE: f32 = 0.45;

pub fn paper_blocks(g: &Gray) -> PaperMask {
    let (w, h) = g.dimensions();
    let side = (w.max(h) / 64).max(8);
    let (bw, bh) = (w.div_ceil(side), h.div_ceil(side));
    let mut pale = vec![0u32; (bw * bh) as usize];
    let mut all = vec![0u32; (bw * bh) as usize];
    for y in 0..h {
        let row = (y / side) * bw;
        for x in 0..w {
            let i = (row + x / side) as usize;
            all[i] += 1;
            pale[i] += (g.get_pixel(x, y).0[0] >= 180) as u32;
        }
    }
    let own: Vec<bool> = pale.iter().zip(&all).map(|(&p, &n)| p as f32 >= n as f32 * PAPER_PALE).collect();
    let mut paper = vec![false; own.len()];
    for by in 0..bh as i64 {
        for bx in 0..bw as i64 {
            let mut ok = true;
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (x, y) = (bx + dx, by + dy);
                    if x >= 0 && y >= 0 && x < bw as i64 && y < bh as i64 && !own[(y * bw as i64 + x) as usize] {
                        ok = false;
                    }
                }
            }
            paper[(by * bw as i64 + bx) as usize] = ok;
        }
    }
    PaperMask { side, bw, paper }
}

/// The skew within `range` degrees either way of the print inside `area`
/// (only the ink on `paper`'s blocks, if given).
fn skew_search(g: &Gray, area: [u32; 4], range: f32, paper: Option<&PaperMask>) -> f32 {
    let ink = Ink::on(g, area, paper);
    if ink.pts.len() < 50 {
        return 0.0;
    }
    ink.sharpest(range).0
}

/// Dark points of the print sampled on a grid of `step` pixels (the
/// search's own units), with the page's size.
struct Ink {
    pts: Vec<(f32, f32)>,
    step: usize,
    w: u32,
    h: u32,
}

impl Ink {
    fn on(g: &Gray, area: [u32; 4], paper: Option<&PaperMask>) -> Ink {
        Ink::darker(g, area, paper, SKEW_INK)
    }

    /// The points darker than `ink`.
    fn darker(g: &Gray, area: [u32; 4], paper: Option<&PaperMask>, ink: u8) -> Ink {
        let (w, h) = g.dimensions();
        let step = ((w.max(h) / 700).max(1)) as usize;
        let (x0, y0) = (area[0].min(w), area[1].min(h));
        let (x1, y1) = ((area[0] + area[2]).min(w), (area[1] + area[3]).min(h));
        let mut pts = Vec::new();
        for y in (y0..y1).step_by(step) {
            for x in (x0..x1).step_by(step) {
                if g.get_pixel(x, y).0[0] < ink && paper.is_none_or(|m| m.at(x, y)) {
                    pts.push((x as f32, y as f32));
                }
            }
        }
        Ink { pts, step, w, h }
    }

    /// The same points seen a quarter turn away (x for y): the page's
    /// columns become its rows.
    fn turned(&self) -> Ink {
        Ink { pts: self.pts.iter().map(|&(x, y)| (y, x)).collect(), step: self.step, w: self.h, h: self.w }
    }

    /// How many points fall in each row of the page turned by `deg`.
    fn rows(&self, deg: f32) -> Vec<u32> {
        let step = self.step;
        let rows = (self.h as usize / step) * 2 + (self.w as usize / step) + 8;
        let (s, c) = deg.to_radians().sin_cos();
        let mut hist = vec![0u32; rows * 2];
        let off = rows as f32;
        // Multiplying by the step's inverse, not dividing by the step: this
        // loop runs some 70 times a search over every ink point. Exact for
        // a step that is a power of two, and the work copy's steps are 1
        // and 2 (its long side is at most `WORK_LONG_SIDE`, 1800 px; a step
        // is a 700th of it).
        let inv = 1.0 / step as f32;
        for &(x, y) in &self.pts {
            let r = ((y * c - x * s) * inv + off) as usize;
            if r < hist.len() {
                hist[r] += 1;
            }
        }
        hist
    }

    /// The share of the rows across the print's middle 90% that hold
    /// (nearly) no ink at `deg`: the white between lines of print.
    fn gaps(&self, deg: f32) -> f64 {
        let hist = self.rows(deg);
        let n: u32 = hist.iter().sum();
        let (mut lo, mut hi, mut acc) = (0, 0, 0u32);
        for (i, &v) in hist.iter().enumerate() {
            if acc < n / 20 {
                lo = i;
            }
            acc += v;
            if acc <= n - n / 20 {
                hi = i;
            }
        }
        if hi <= lo + 2 {
            return 0.0;
        }
        let band = &hist[lo..=hi];
        let mean = band.iter().sum::<u32>() as f64 / band.len() as f64;
        band.iter().filter(|&&v| (v as f64) < mean * 0.15).count() as f64 / band.len() as f64
    }

    /// The angle within `range` degrees either way at which the points
    /// pile up into the sharpest rows, and how sharp (the sum of the
    /// squared row counts).
    fn sharpest(&self, range: f32) -> (f32, f64) {
        let score = |deg: f32| -> f64 { self.rows(deg).iter().map(|&v| (v as f64) * (v as f64)).sum() };
        let mut best = (0.0f32, f64::MIN);
        let mut a = -range;
        while a <= range {
            let s = score(a);
            if s > best.1 {
                best = (a, s);
            }
            a += 0.5;
        }
        let centre = best.0;
        let mut a = centre - 0.4;
        while a <= centre + 0.4 {
            let s = score(a);
            if s > best.1 {
                best = (a, s);
            }
            a += 0.1;
        }
        best
    }
}

/// Whether the print inside `area` (the paper's box) runs down the photo
/// rather than across it: a page photographed a quarter turn off (a phone
/// held flat over a desk often records no turn, or the wrong one). Print
/// running across piles its ink into lines with white between them: its
/// rows are sharper than its columns, and its columns hold little white.
/// Measured on ink below [`TURN_INK`] (thin Kai strokes stay above the
/// skew's 110), on generated photos of both styles: upright papers' rows
/// over columns 0.73 and up, pages turned a quarter 0.82 and down; so a
/// page counts as turned only when its columns are far sharper
/// ([`TURNED_SHARP`]) or somewhat sharper with far more white
/// ([`TURNED_SHARPISH`], [`TURNED_WHITE`]); a page in doubt stays as it is.
/// `mask` is [`paper_blocks`] of `g`.
pub fn quarter_turned(g: &Gray, area: [u32; 4], mask: &PaperMask) -> bool {
    let ink = Ink::darker(g, area, Some(mask), TURN_INK);
    if ink.pts.len() < 200 {
        return false;
    }
    let turned = ink.turned();
    let (ra, rows) = ink.sharpest(SKEW_RANGE);
    let (ca, cols) = turned.sharpest(SKEW_RANGE);
    let sharp = rows / cols.max(1.0);
    sharp < TURNED_SHARP || (sharp < TURNED_SHARPISH && turned.gaps(ca) - ink.gaps(ra) >= TURNED_WHITE)
}

/// Ink for telling a turned page: darker than this on the text grey.
const TURN_INK: u8 = 150;
/// Rows over columns below this: the print runs down the photo.
const TURNED_SHARP: f64 = 0.65;
/// ... or below this with the columns' share of white rows above the
/// rows' by [`TURNED_WHITE`].
const TURNED_SHARPISH: f64 = 0.9;
const TURNED_WHITE: f64 = 0.3;

/// Which way up a levelled page's print looks, from its text lines alone
/// (before any OCR): see [`way_up`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WayUp {
    Upright,
    HalfTurned,
    Unsure,
}

/// Which way up a page is, from the boxes `[x, y, w, h]` of its text lines
/// (found on the levelled page, `lines::find`) and their typical height.
/// Two cues of a printed paper: its lines start at a common left margin
/// (fields, labels, body lines, the footer) and end ragged on the right,
/// where print turned half round starts ragged and ends aligned; and its
/// tall lines (the hospital's name, the title) stand at the top. The
/// margins: the most lines whose left ends (right ends) lie within
/// [`WAY_ALIGN_TOL`] line heights of one another; counted aligned left
/// when at least [`WAY_ALIGN_LINES`] more lines, and [`WAY_ALIGN_SHARE`] of
/// the lines, share a left margin than a right one. The tall lines (at
/// least [`WAY_TALL`] line heights) stand at the top when their mean
/// centre lies in the top [`WAY_TALL_END`] of the lines' span, at the foot
/// when in the bottom one. Half turned only when the margin says so and
/// the tall lines do not stand at the top (upright only when the margin
/// says so and they do not stand at the foot); anything else is unsure.
/// Measured on 152 upright document photos of the draws 991100 (tune) and
/// 991101 (held-out), read upright and turned half round: no upright page
/// counts half turned, two thirds of the half-turned ones do.
pub fn way_up(lines: &[[u32; 4]], hmed: f32) -> WayUp {
    let hm = hmed.max(4.0);
    let ls: Vec<[u32; 4]> = lines.iter().copied().filter(|l| l[2] as f32 >= 2.0 * hm && l[3] as f32 >= 0.5 * hm).collect();
    if ls.len() < WAY_MIN_LINES {
        return WayUp::Unsure;
    }
    let tol = WAY_ALIGN_TOL * hm;
    let most_within = |mut v: Vec<f32>| {
        v.sort_by(f32::total_cmp);
        let (mut best, mut j) = (0, 0);
        for i in 0..v.len() {
            while v[i] - v[j] > tol {
                j += 1;
            }
            best = best.max(i - j + 1);
        }
        best as i32
    };
    let left = most_within(ls.iter().map(|l| l[0] as f32).collect());
    let right = most_within(ls.iter().map(|l| (l[0] + l[2]) as f32).collect());
    let (d, n) = (left - right, ls.len() as f32);
    let margin = if d >= WAY_ALIGN_LINES && d as f32 >= WAY_ALIGN_SHARE * n {
        1
    } else if -d >= WAY_ALIGN_LINES && -d as f32 >= WAY_ALIGN_SHARE * n {
        -1
    } else {
        0
    };
    let y0 = ls.iter().map(|l| l[1]).min().unwrap_or(0) as f32;
    let y1 = ls.iter().map(|l| l[1] + l[3]).max().unwrap_or(0) as f32;
    let tall: Vec<f32> = ls
        .iter()
        .filter(|l| l[3] as f32 >= WAY_TALL * hm)
        .map(|l| (l[1] as f32 + l[3] as f32 / 2.0 - y0) / (y1 - y0).max(1.0))
        .collect();
    let top = if tall.is_empty() {
        0
    } else {
        let at = tall.iter().sum::<f32>() / tall.len() as f32;
        if at < WAY_TALL_END {
            1
        } else if at > 1.0 - WAY_TALL_END {
            -1
        } else {
            0
        }
    };
    match (margin, top) {
        (-1, t) if t != 1 => WayUp::HalfTurned,
        (1, t) if t != -1 => WayUp::Upright,
        _ => WayUp::Unsure,
    }
}

/// [`way_up`]'s measures: the least lines (at least two line heights long)
/// to judge by; how near (line heights) the ends of lines on one margin
/// lie; how many more lines, and what share of them, one margin must hold;
/// how tall (line heights) a tall line is; the share of the lines' span at
/// the top (or foot) the tall lines' mean centre must lie in.
const WAY_MIN_LINES: usize = 4;
const WAY_ALIGN_TOL: f32 = 0.6;
const WAY_ALIGN_LINES: i32 = 3;
const WAY_ALIGN_SHARE: f32 = 0.2;
const WAY_TALL: f32 = 1.35;
const WAY_TALL_END: f32 = 0.3;

/// Rotates by `deg` (positive: text sloping down to the right comes level),
/// white where nothing was.
pub fn rotate(g: &Gray, deg: f32) -> Gray {
    if deg.abs() < 0.05 {
        return g.clone();
    }
    let (w, h) = g.dimensions();
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let sx = c * dx - s * dy + cx;
        let sy = s * dx + c * dy + cy;
        Luma([bilinear(g, sx, sy)])
    })
}

/// Maps a box in a frame turned by `deg` (as [`rotate`] turns) back to the
/// unturned frame; `-deg` maps the other way. The box of the four corners.
pub fn turn_box(b: [u32; 4], deg: f32, w: u32, h: u32) -> [u32; 4] {
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let corners = [(b[0], b[1]), (b[0] + b[2], b[1]), (b[0], b[1] + b[3]), (b[0] + b[2], b[1] + b[3])];
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in corners {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let sx = c * dx - s * dy + cx;
        let sy = s * dx + c * dy + cy;
        x0 = x0.min(sx);
        y0 = y0.min(sy);
        x1 = x1.max(sx);
        y1 = y1.max(sy);
    }
    let x0 = x0.max(0.0);
    let y0 = y0.max(0.0);
    let x1 = x1.min(w as f32);
    let y1 = y1.min(h as f32);
    [x0 as u32, y0 as u32, (x1 - x0).max(1.0) as u32, (y1 - y0).max(1.0) as u32]
}

/// `v.round()` as an integer, without the libm call `round` is on x86-64
/// and in wasm (where `f32.nearest` rounds halves to even): the seal step
/// turns three masks a pixel at a time, two roundings each, which made
/// `roundf` a tenth of the look's time (and bilinear sampling rounds every
/// pixel of each levelled page and line). Exact for |v| < 2^23 (`v - trunc(v)`
/// is then exact), far beyond any photo's coordinates.
#[inline]
pub(crate) fn round_half_away(v: f32) -> i64 {
    let i = v as i64;
    let f = v - i as f32;
    if f >= 0.5 {
        i + 1
    } else if f <= -0.5 {
        i - 1
    } else {
        i
    }
}

fn bilinear(g: &Gray, x: f32, y: f32) -> u8 {
    let (w, h) = g.dimensions();
    if x < 0.0 || y < 0.0 || x > (w - 1) as f32 || y > (h - 1) as f32 {
        return 255;
    }
    // (x and y are not negative here: truncation is their floor, and
    // `round_half_away` is `round`, both without a libm call per pixel.)
    let (x0, y0) = (x as u32, y as u32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (tx, ty) = (x - x0 as f32, y - y0 as f32);
    let p = |x, y| g.get_pixel(x, y).0[0] as f32;
    let v = p(x0, y0) * (1.0 - tx) * (1.0 - ty) + p(x1, y0) * tx * (1.0 - ty) + p(x0, y1) * (1.0 - tx) * ty + p(x1, y1) * tx * ty;
    round_half_away(v) as u8
}

/// Rules and table lines in a line's crop (the line `line_h` px high, with
/// margins) whitened: a form's underline just below a date, a table's rule
/// above it, a cell's border beside it. The OCR reads a crop as one line
/// of text; a long dark bar in it makes it read nothing at all
/// (`检查日期: 2023.04.24` over a rule read as "") or a 1 for a border.
/// A rule is a thin band (a few px) of rows, each dark along more than
/// three print heights: no character has a stroke that long, and the
/// middle rows of blurred print, dark from end to end too, make a band
/// of half the print's height or more. A border is a column dark from the
/// crop's top to its bottom, through the margins, where no print reaches.
/// Where a character's stroke crosses a rule, the crossing goes with it.
pub fn clear_rules(crop: &Gray, line_h: u32) -> Gray {
    let mut out = crop.clone();
    let (w, h) = crop.dimensions();
    if w < 16 || h < 8 {
        return out;
    }
    let dark = |x: u32, y: u32| crop.get_pixel(x, y).0[0] < RULE_INK;
    let long = ((line_h as f32 * 3.0) as u32).max(24);
    let thin = ((line_h as f32 * 0.3) as u32).max(4);
    // Each row's long dark runs.
    let mut runs: Vec<Vec<(u32, u32)>> = vec![Vec::new(); h as usize];
    for y in 0..h {
        let mut x = 0;
        while x < w {
            if dark(x, y) {
                let s = x;
                while x < w && dark(x, y) {
                    x += 1;
                }
                if x - s >= long {
                    runs[y as usize].push((s, x));
                }
            } else {
                x += 1;
            }
        }
    }
    // Bands of consecutive rows with long runs: thin ones are rules.
    for (s, y) in thin_bands(&runs, thin) {
        // The rule's rows, and its pale fringe a row either side.
        for yy in s..y {
            for &(x0, x1) in &runs[yy] {
                for x in x0..x1 {
                    out.put_pixel(x, yy as u32, Luma([255]));
                    for fy in [yy.wrapping_sub(1), yy + 1] {
                        if fy < h as usize && crop.get_pixel(x, fy as u32).0[0] >= FRINGE {
                            out.put_pixel(x, fy as u32, Luma([255]));
                        }
                    }
                }
            }
        }
    }
    clear_pale_rules(&mut out, line_h);
    // Borders: columns dark from top to bottom (a thin band of them).
    let full = |x: u32| (0..h).filter(|&y| dark(x, y)).count() as f32 >= h as f32 * 0.9;
    let thin_x = ((line_h as f32 * 0.2) as u32).max(3);
    let mut x = 0;
    while x < w {
        if !full(x) {
            x += 1;
            continue;
        }
        let s = x;
        while x < w && full(x) {
            x += 1;
        }
        if x - s <= thin_x && h as f32 >= line_h as f32 * 1.3 {
            for xx in s..x {
                for yy in 0..h {
                    out.put_pixel(xx, yy, Luma([255]));
                    for fx in [xx.wrapping_sub(1), xx + 1] {
                        if fx < w && crop.get_pixel(fx, yy).0[0] >= FRINGE {
                            out.put_pixel(fx, yy, Luma([255]));
                        }
                    }
                }
            }
        }
    }
    out
}

/// A pale rule (a red ruled line in the red channel, grey and broken by
/// JPEG: held-out 991091 062's `检查日期` sat on one, and the whole line
/// read empty): a thin band of rows, each paler than print but darker than
/// [`RULE_PALE`] along more than three print heights, with gaps of up to
/// [`RULE_GAP`] px bridged. Its grey goes where paper lies above and below
/// it; print crossing it (darker than [`FRINGE`]) stays, and so does all of
/// it where print touches it (blurred print sitting on an underline: the
/// grey of its foot and the rule's are one, and whitening took `08` to
/// `36`, 991012 001). Print run together (blurred rows) makes a band too
/// thick to be a rule, and is left as it was.
fn clear_pale_rules(g: &mut Gray, line_h: u32) {
    let (w, h) = g.dimensions();
    let long = ((line_h as f32 * 3.0) as u32).max(24);
    let thin = ((line_h as f32 * 0.3) as u32).max(4);
    let grey = |v: u8| v < RULE_PALE;
    let runs: Vec<Vec<(u32, u32)>> = (0..h)
        .map(|y| {
            let mut found = Vec::new();
            let mut x = 0;
            while x < w {
                if !grey(g.get_pixel(x, y).0[0]) {
                    x += 1;
                    continue;
                }
                let (s, mut end) = (x, x + 1);
                x += 1;
                while x < w && x <= end + RULE_GAP {
                    if grey(g.get_pixel(x, y).0[0]) {
                        end = x + 1;
                    }
                    x += 1;
                }
                x = end;
                if end - s >= long {
                    found.push((s, end));
                }
            }
            found
        })
        .collect();
    for (s, y) in thin_bands(&runs, thin) {
        // Only where paper lies both sides of the band: where print
        // touches the rule (a blurred line's foot sitting on it) its
        // strokes and the rule are one grey, and the column is left.
        let paper = |x: u32, yy: Option<usize>| yy.is_none_or(|yy| !grey(g.get_pixel(x, yy as u32).0[0]));
        let clear: Vec<u32> = (0..w).filter(|&x| paper(x, s.checked_sub(1)) && paper(x, (y < h as usize).then_some(y))).collect();
        for yy in s..y {
            for &(x0, x1) in &runs[yy] {
                for &x in clear.iter().filter(|&&x| (x0..x1).contains(&x)) {
                    if g.get_pixel(x, yy as u32).0[0] >= FRINGE {
                        g.put_pixel(x, yy as u32, Luma([255]));
                    }
                }
            }
        }
    }
}

/// The bands `[start, end)` of consecutive rows that hold long runs, at
/// most `thin` rows high: a rule's rows (a thicker band is print run
/// together).
fn thin_bands(runs: &[Vec<(u32, u32)>], thin: u32) -> Vec<(usize, usize)> {
    let mut bands = Vec::new();
    let mut y = 0usize;
    while y < runs.len() {
        if runs[y].is_empty() {
            y += 1;
            continue;
        }
        let s = y;
        while y < runs.len() && !runs[y].is_empty() {
            y += 1;
        }
        if (y - s) as u32 <= thin {
            bands.push((s, y));
        }
    }
    bands
}

/// Paler than this is paper (or its shading), not a pale rule's grey.
const RULE_PALE: u8 = 185;
/// The widest gap (px) in a pale rule's grey still taken as one rule.
const RULE_GAP: u32 = 2;

/// Darker than this is a rule's ink (print is near black, paper white).
const RULE_INK: u8 = 150;
/// A rule's fringe (the grey a row either side of it) paler than this
/// goes with it; darker is a stroke crossing it.
const FRINGE: u8 = 90;

/// The slant of a line's strokes: the shear `s` (px of x per px of y,
/// about the middle row) whose columns of ink, the line sheared by it,
/// are the sharpest (the largest sum of squared column sums of ink).
/// A page seen at an angle (perspective) leans its print like italics:
/// held-out 990714 024's `2025年10月10日` leant 0.10 and read `40月` three
/// ways; stood upright, `10月10日` on two reads of three.
pub fn slant(g: &Gray) -> f32 {
    let (w, h) = g.dimensions();
    if w < 16 || h < 8 {
        return 0.0;
    }
    // Each row's ink pixels only (x, weight): a line crop is mostly paper,
    // and skipping its zeros leaves every column's sum as it was.
    let rows: Vec<Vec<(usize, f32)>> = (0..h)
        .map(|y| (0..w).filter_map(|x| { let p = g.get_pixel(x, y).0[0]; (p < SLANT_INK).then(|| (x as usize, (255 - p) as f32)) }).collect())
        .collect();
    let mid = h as f32 / 2.0;
    let mut cols = vec![0f32; (w + 2 * h + 2) as usize];
    let mut best = (f32::MIN, 0.0);
    for k in -SLANT_STEPS..=SLANT_STEPS {
        let sh = k as f32 * SLANT_STEP;
        cols.iter_mut().for_each(|c| *c = 0.0);
        for (y, row) in rows.iter().enumerate() {
            let off = (h as f32 + (sh * (y as f32 + 0.5 - mid)).round()) as usize;
            for &(x, v) in row {
                cols[off + x] += v;
            }
        }
        let v: f32 = cols.iter().map(|c| c * c).sum();
        // Ties (a blank crop) keep the smallest shear.
        if v > best.0 + f32::EPSILON * v.abs() || (v == best.0 && sh.abs() < f32::abs(best.1)) {
            best = (v, sh);
        }
    }
    best.1
}

/// Grey below which a pixel is ink for [`slant`].
const SLANT_INK: u8 = 165;
/// [`slant`]'s shears: -0.5..0.5 in steps of 0.025.
const SLANT_STEP: f32 = 0.025;
const SLANT_STEPS: i32 = 20;
/// A slant under this is left as it is (print seen straight on).
pub const SLANT_MIN: f32 = 0.05;

/// The line sheared upright by `sh` ([`slant`]): x' = x + sh (y - mid),
/// widened by the shear on both sides (white), bilinear.
pub fn unslant(g: &Gray, sh: f32) -> Gray {
    let (w, h) = g.dimensions();
    let mid = h as f32 / 2.0;
    let pad = (sh.abs() * mid).ceil() as u32 + 1;
    GrayImage::from_fn(w + 2 * pad, h, |xo, y| {
        let x = xo as f32 - pad as f32 - sh * (y as f32 + 0.5 - mid);
        let x0 = x.floor();
        let t = x - x0;
        let at = |xi: f32| -> f32 { if xi < 0.0 || xi >= w as f32 { 255.0 } else { g.get_pixel(xi as u32, y).0[0] as f32 } };
        Luma([(at(x0) * (1.0 - t) + at(x0 + 1.0) * t).round().clamp(0.0, 255.0) as u8])
    })
}

/// One line's crop (the line `line_h` px high, with margins) turned level
/// on its own: a photo taken at a slant slopes its lines differently across
/// the page, so the page's single angle leaves some lines sloping (a sloping
/// line's box is taller than its print, and reads worse). Returns the crop,
/// cut again round the levelled print, and the print's height.
pub fn level_line(crop: &Gray, line_h: u32) -> (Gray, u32) {
    let cleared = clear_rules(crop, line_h);
    let crop = &cleared;
    let (w, h) = crop.dimensions();
    if w < 16 || h < 8 {
        return (crop.clone(), line_h);
    }
    let deg = skew_search(crop, [0, 0, w, h], 6.0, None);
    if deg.abs() < 0.5 {
        return (crop.clone(), line_h);
    }
    let turned = rotate(crop, deg);
    // The print's rows: the densest row and the rows of ink joined to it
    // (gaps inside a character's strokes bridged).
    let rows: Vec<u32> = (0..h).map(|y| (0..w).filter(|&x| turned.get_pixel(x, y).0[0] < 170).count() as u32).collect();
    let Some((peak, _)) = rows.iter().enumerate().max_by_key(|(_, v)| **v) else {
        return (crop.clone(), line_h);
    };
    let bridge = ((line_h as f32 * 0.2) as usize).max(2);
    // A speck is no print: a row of print has a few dark pixels at least.
    let floor = (w / 150).max(1);
    let grow = |dir: i64| {
        let mut edge = peak as i64;
        let mut gap = 0;
        let mut y = peak as i64;
        while (0..h as i64).contains(&(y + dir)) {
            y += dir;
            if rows[y as usize] > floor {
                edge = y;
                gap = 0;
            } else {
                gap += 1;
                if gap > bridge {
                    break;
                }
            }
        }
        edge as u32
    };
    let (top, bottom) = (grow(-1), grow(1));
    let band = bottom - top + 1;
    // Not a line's height (a neighbour's print joined, or specks): as it was.
    // Levelled print not clearly thinner than the box: the line was level
    // enough, and a short line's angle is a guess; as it was.
    if (band as f32) < line_h as f32 * 0.4 || band as f32 > line_h as f32 * 0.85 {
        return (crop.clone(), line_h);
    }
    let margin = (band as f32 * 0.35) as u32 + 2;
    let y0 = top.saturating_sub(margin);
    let y1 = (bottom + 1 + margin).min(h);
    (image::imageops::crop_imm(&turned, 0, y0, w, y1 - y0).to_image(), band)
}

/// A box `[x, y, w, h]` with `share` of its width and height taken off
/// each side.
pub fn inset(b: [u32; 4], share: f32) -> [u32; 4] {
    let (dx, dy) = ((b[2] as f32 * share) as u32, (b[3] as f32 * share) as u32);
    [b[0] + dx, b[1] + dy, b[2].saturating_sub(2 * dx).max(1), b[3].saturating_sub(2 * dy).max(1)]
}

/// The paper's box for its text lines: the paper's box `paper` (rows and
/// columns mostly bright and colourless, `quality`'s) grown outward over
/// the rows and columns next to it that are still paper in a shadow. A
/// soft shadow darkens the paper's end below the paper box's brightness
/// (150), and print there (a date at the paper's foot) would fall outside
/// the box. In the balanced photo (paper ~240) shadowed paper stays
/// colourless and at least half as bright ([`SHADOWED_PAPER`]), where a
/// dark desk is darker and a wooden one coloured. A grey desk can be as
/// bright as shadowed paper (in dim light both are), and flattened both
/// are white, but a shadow's edge is soft and the paper's edge sharp: a
/// row's brightness (the 75th percentile of its colourless pixels, so
/// print and a tilted edge's last quarter do not move it) falls by a few
/// percent from one row to the next print height's in a shadow, and by a
/// quarter or more where the rows leave the paper for a desk. So the box
/// grows by a row (column) while more than a quarter of it is colourless
/// and at least [`SHADOWED_PAPER`] bright and its brightness is at least
/// [`SHADOW_STEP`] of the row's a short step (1/45 of the photo's short
/// side) nearer the paper; then it gives that step back where it grew
/// (the paper's edge, tilted, lies across the last rows grown).
pub fn text_box(rgb: &RgbImage, paper: [u32; 4]) -> [u32; 4] {
    let (w, h) = rgb.dimensions();
    if w == 0 || h == 0 {
        return paper;
    }
    let (wu, hu) = (w as usize, h as usize);
    let mut rows = vec![[0u32; 256]; hu];
    let mut cols = vec![[0u32; 256]; wu];
    for (x, y, p) in rgb.enumerate_pixels() {
        let p = p.0;
        let spread = p.iter().max().unwrap_or(&0) - p.iter().min().unwrap_or(&0);
        let v = if spread < 50 { lum(p) as usize } else { 0 };
        rows[y as usize][v] += 1;
        cols[x as usize][v] += 1;
    }
    let step = (w.min(h) / 45).max(2) as usize;
    let grow = |hists: &[[u32; 256]], start: u32, len: u32, across: u32| -> (u32, u32) {
        let need = (across as f32 * 0.25) as u32;
        let bright: Vec<u32> = hists.iter().map(|hs| hs[SHADOWED_PAPER as usize..].iter().sum()).collect();
        let p75: Vec<f32> = hists
            .iter()
            .map(|hs| {
                let mut acc = 0;
                for v in (0..256).rev() {
                    acc += hs[v];
                    if acc * 4 >= across {
                        return v as f32;
                    }
                }
                0.0
            })
            .collect();
        let n = hists.len();
        let paper_at = |i: usize, near: usize| bright[i] > need && p75[i] >= SHADOW_STEP * p75[near];
        let mut a = (start as usize).min(n);
        while a > 0 && paper_at(a - 1, (a - 1 + step).min(n - 1)) {
            a -= 1;
        }
        let mut b = ((start + len) as usize).min(n);
        while b < n && paper_at(b, b.saturating_sub(step)) {
            b += 1;
        }
        // The last rows grown hold the paper's tilted edge (flattened, a
        // dark band that makes a line of its own): a step back from it.
        let (s0, s1) = ((start as usize).min(n), ((start + len) as usize).min(n));
        if a < s0 {
            a = (a + step).min(s0);
        }
        if b > s1 {
            b = b.saturating_sub(step).max(s1);
        }
        (a as u32, (b - a) as u32)
    };
    let (y, bh) = grow(&rows, paper[1], paper[3], w);
    let (x, bw) = grow(&cols, paper[0], paper[2], h);
    [x, y, bw, bh]
}

/// Shadowed paper's least brightness in the balanced photo (half of the
/// paper's 240): [`text_box`].
const SHADOWED_PAPER: u8 = 120;

/// The least share of a row's brightness a row a step further out keeps
/// and still is paper ([`text_box`]): in a soft shadow 0.93 and up, where
/// rows leave the paper for a grey desk 0.75-0.83 (measured on tuning
/// 990291 029 and 038).
const SHADOW_STEP: f32 = 0.88;

/// A crop with a margin, clamped to the image.
pub fn crop(g: &Gray, b: [u32; 4], margin: u32) -> Gray {
    let (w, h) = g.dimensions();
    let x0 = b[0].saturating_sub(margin);
    let y0 = b[1].saturating_sub(margin);
    let x1 = (b[0] + b[2] + margin).min(w);
    let y1 = (b[1] + b[3] + margin).min(h);
    image::imageops::crop_imm(g, x0, y0, x1.saturating_sub(x0).max(1), y1.saturating_sub(y0).max(1)).to_image()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of print as upright strokes: bars 3 px wide, 30 px tall.
    fn strokes() -> Gray {
        GrayImage::from_fn(300, 40, |x, y| Luma([if (5..35).contains(&y) && x % 11 < 3 && (10..290).contains(&x) { 25 } else { 245 }]))
    }

    #[test]
    fn leant_print_is_stood_upright() {
        let upright = strokes();
        assert_eq!(slant(&upright), 0.0);
        // (shear applied, the slant found, within a step)
        for lean in [0.1f32, -0.15, 0.3] {
            let leant = unslant(&upright, lean);
            let found = slant(&leant);
            assert!((found + lean).abs() <= SLANT_STEP + 1e-4, "leant {lean}: found {found}");
            let again = unslant(&leant, found);
            assert!(slant(&again).abs() <= SLANT_STEP + 1e-4, "leant {lean}: after {}", slant(&again));
        }
        // A blank crop has no slant.
        assert_eq!(slant(&GrayImage::from_pixel(100, 30, Luma([250]))), 0.0);
    }

    fn lines(deg: f32) -> Gray {
        let mut g = GrayImage::from_pixel(600, 400, Luma([255]));
        for row in 0..8 {
            for x in 50..550 {
                let y = 60.0 + row as f32 * 40.0 + (x as f32 - 300.0) * deg.to_radians().tan();
                for t in 0..6 {
                    let yy = y as i32 + t;
                    if (0..400).contains(&yy) && (x / 9) % 3 != 0 {
                        g.put_pixel(x, yy as u32, Luma([20]));
                    }
                }
            }
        }
        g
    }

    /// A page of print: lines of characters of varying width starting at
    /// varying indents (so its columns do not line up), strokes at `ink`,
    /// and the same page a quarter turn round (x for y) when `turned`.
    fn print_page(ink: u8, line_gap: u32, turned: bool) -> Gray {
        let mut g = GrayImage::from_pixel(700, 900, Luma([255]));
        let mut seed = 7u32;
        let mut next = |m: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % m
        };
        let mut y = 60;
        while y + 20 < 840 {
            let mut x = 60 + next(60);
            let end = 640 - next(300);
            while x + 20 < end {
                let w = 12 + next(6);
                // A character: two horizontal strokes and one down stroke.
                for (dx, dy, sw, sh) in [(0, 3, w, 2), (0, 12, w, 2), (w / 2, 0, 2, 18)] {
                    for yy in y + dy..y + dy + sh {
                        for xx in x + dx..x + dx + sw {
                            let (px, py) = if turned { (yy * 700 / 900, xx * 900 / 700) } else { (xx, yy) };
                            if px < 700 && py < 900 {
                                g.put_pixel(px, py, Luma([ink]));
                            }
                        }
                    }
                }
                x += w + 4;
            }
            y += 18 + line_gap;
        }
        g
    }

    #[test]
    fn a_page_whose_print_runs_down_the_photo_is_turned() {
        // (what, stroke level, gap between lines, turned, counted turned)
        let cases = [
            ("dark print across", 30, 14, false, false),
            ("dark print down", 30, 14, true, true),
            ("thin grey print across", 130, 14, false, false),
            ("thin grey print down", 130, 14, true, true),
            ("tight lines across", 30, 6, false, false),
            ("tight lines down", 30, 6, true, true),
        ];
        for (what, ink, gap, turned, want) in cases {
            let g = print_page(ink, gap, turned);
            assert_eq!(quarter_turned(&g, [0, 0, 700, 900], &paper_blocks(&g)), want, "{what}");
        }
        // Too little ink to say: left as it is.
        let blank = GrayImage::from_pixel(700, 900, Luma([255]));
        assert!(!quarter_turned(&blank, [0, 0, 700, 900], &paper_blocks(&blank)), "a blank page");
    }

    /// Line boxes of a paper 1000 x 1400 px (line height 30): a centred
    /// title `title_h` high at `title_y`, then `n` lines at a left margin of
    /// 100 px ending ragged (or all ending at 900 px when `justified`).
    fn paper_lines(title_y: u32, title_h: u32, n: u32, justified: bool) -> Vec<[u32; 4]> {
        let mut v = vec![[350, title_y, 300, title_h]];
        for i in 0..n {
            let w = if justified { 800 } else { 300 + (i * 137) % 500 };
            v.push([100, 200 + i * 60, w, 30]);
        }
        v
    }

    /// The same boxes turned half round.
    fn half_turned(v: &[[u32; 4]]) -> Vec<[u32; 4]> {
        v.iter().map(|b| [1000 - b[0] - b[2], 1400 - b[1] - b[3], b[2], b[3]]).collect()
    }

    #[test]
    fn a_page_is_half_turned_when_its_lines_end_on_a_common_right_margin() {
        use WayUp::*;
        let page = paper_lines(80, 50, 12, false);
        let centred: Vec<[u32; 4]> = (0..12).map(|i| [500 - (150 + i * 23), 200 + i * 60, 300 + i * 46, 30]).collect();
        // (what, line boxes, way up)
        let cases = [
            ("a paper upright", page.clone(), Upright),
            ("a paper half turned", half_turned(&page), HalfTurned),
            ("the title at the foot: the cues disagree", paper_lines(1300, 50, 12, false), Unsure),
            ("half turned, the title at the top", half_turned(&paper_lines(1300, 50, 12, false)), Unsure),
            ("no tall line: the margin alone", paper_lines(80, 30, 12, false), Upright),
            ("no tall line, half turned", half_turned(&paper_lines(80, 30, 12, false)), HalfTurned),
            ("justified lines: both ends aligned", paper_lines(80, 50, 12, true), Unsure),
            ("justified, half turned", half_turned(&paper_lines(80, 50, 12, true)), Unsure),
            ("centred lines", centred, Unsure),
            ("three lines", paper_lines(80, 50, 2, false), Unsure),
            ("no lines", vec![], Unsure),
        ];
        for (what, lines, want) in cases {
            assert_eq!(way_up(&lines, 30.0), want, "{what}");
        }
    }

    #[test]
    fn the_text_box_grows_over_a_shadowed_paper_end_not_over_a_desk() {
        // A 200 x 200 photo, the paper's box given; rows outside it are
        // shadowed paper, a desk, or both. One step is 200 / 45 = 4 rows.
        let grey = |v: u8| [v, v, v];
        let fade = |from: f32, to: f32, at: f32| (from + (to - from) * at) as u8;
        type Row = fn(u32, &dyn Fn(f32, f32, f32) -> u8) -> Option<[u8; 3]>;
        let cases: [(&str, [u32; 4], Row, [u32; 4]); 6] = [
            // A soft shadow down to 140 at the foot: grown to the photo's
            // end, less the step given back.
            ("soft shadow below", [0, 0, 200, 100], |y, f| (y >= 100).then(|| [f(235.0, 140.0, (y - 100) as f32 / 100.0); 3]), [0, 0, 200, 196]),
            ("soft shadow above", [0, 100, 200, 100], |y, f| (y < 100).then(|| [f(140.0, 235.0, y as f32 / 100.0); 3]), [0, 4, 200, 196]),
            // A dark desk: not paper.
            ("dark desk", [0, 0, 200, 100], |y, _| (y >= 100).then_some([70, 70, 70]), [0, 0, 200, 100]),
            // A grey desk as bright as shadowed paper, its edge sharp.
            ("grey desk", [0, 0, 200, 100], |y, _| (y >= 100).then_some([130, 130, 130]), [0, 0, 200, 100]),
            // A bright wooden desk: coloured.
            ("wooden desk", [0, 0, 200, 100], |y, _| (y >= 100).then_some([210, 160, 100]), [0, 0, 200, 100]),
            // A shadow to 170, then a grey desk at 130: up to the desk's
            // edge (row 140), less the step.
            ("shadow then desk", [0, 0, 200, 100], |y, f| match y {
                0..=99 => None,
                100..=139 => Some([f(235.0, 170.0, (y - 100) as f32 / 40.0); 3]),
                _ => Some([130, 130, 130]),
            }, [0, 0, 200, 136]),
        ];
        for (name, paper, row, want) in cases {
            let img = RgbImage::from_fn(200, 200, |_, y| image::Rgb(row(y, &fade).unwrap_or(grey(240))));
            assert_eq!(text_box(&img, paper), want, "{name}");
        }
    }

    #[test]
    fn finds_the_skew_of_text_lines() {
        for deg in [-6.0f32, -2.0, 0.0, 3.0, 7.5] {
            let a = skew_angle(&lines(deg));
            assert!((a - deg).abs() <= 0.3, "{deg} read as {a}");
        }
    }

    #[test]
    fn a_red_pens_strokes_do_not_set_the_skew() {
        // Print at -1.5 degrees, and six thin strokes of a dark red pen at
        // 20 (dark in the text grey, as a red pen's core is).
        let mut g = lines(-1.5);
        let mut rgb = RgbImage::from_fn(600, 400, |x, y| image::Rgb([g.get_pixel(x, y).0[0]; 3]));
        let slope = 20f32.to_radians().tan();
        for k in 0..6 {
            for x in 30..570u32 {
                let y0 = 20.0 + k as f32 * 30.0 + (x as f32 - 30.0) * slope;
                for t in 0..4 {
                    let y = y0 as u32 + t;
                    if y < 400 {
                        g.put_pixel(x, y, Luma([60]));
                        rgb.put_pixel(x, y, image::Rgb([150, 25, 30]));
                    }
                }
            }
        }
        let area = [0, 0, 600, 400];
        let a = skew_angle_in(&g, &rgb, area, &paper_blocks(&g));
        assert!((a + 1.5).abs() <= 0.3, "read as {a}");
        // The same strokes in black: they set it (what the red is told by).
        let black = RgbImage::from_fn(600, 400, |x, y| image::Rgb([g.get_pixel(x, y).0[0]; 3]));
        let b = skew_angle_in(&g, &black, area, &paper_blocks(&g));
        assert!((b + 1.5).abs() > 5.0, "black strokes read as {b}");
    }

    #[test]
    fn thin_grey_print_sets_the_skew_not_a_few_dark_marks() {
        // Print at -2 degrees all grey (135: thin strokes, paler than the
        // skew's ink), and one dark stroke at 15 degrees (a pen mark).
        let mut g = lines(-2.0);
        for p in g.pixels_mut() {
            if p.0[0] < 128 {
                p.0[0] = 135;
            }
        }
        let slope = 15f32.to_radians().tan();
        for x in 420..520u32 {
            for t in 0..3 {
                g.put_pixel(x, 330 + ((x - 420) as f32 * slope) as u32 + t, Luma([20]));
            }
        }
        let rgb = RgbImage::from_fn(600, 400, |x, y| image::Rgb([g.get_pixel(x, y).0[0]; 3]));
        let a = skew_angle_in(&g, &rgb, [0, 0, 600, 400], &paper_blocks(&g));
        assert!((a + 2.0).abs() <= 0.3, "read as {a}");
    }

    #[test]
    fn a_sloping_line_crop_is_levelled_and_cut_to_its_print() {
        // One line of blocky print 16 px high sloping 5 degrees: its box is
        // 16 + 300 * tan(5) = 42 px high.
        let mut g = GrayImage::from_pixel(340, 70, Luma([255]));
        for x in 20..320u32 {
            let y0 = 10.0 + (x - 20) as f32 * 5f32.to_radians().tan();
            if (x / 8) % 3 != 0 {
                for t in 0..16 {
                    g.put_pixel(x, y0 as u32 + t, Luma([20]));
                }
            }
        }
        let (level, h) = level_line(&g, 42);
        assert!((14..=20).contains(&h), "{h}");
        assert!(level.height() < 40, "{}", level.height());
        // A level line stays as it was.
        let flat = GrayImage::from_fn(300, 40, |x, y| Luma([if (12..28).contains(&y) && (x / 8) % 3 != 0 { 20 } else { 255 }]));
        let (same, h) = level_line(&flat, 16);
        assert_eq!((same.dimensions(), h), (flat.dimensions(), 16));
    }

    #[test]
    fn red_ink_turns_white_black_stays() {
        let mut rgb = RgbImage::from_pixel(100, 100, image::Rgb([240, 238, 236]));
        for x in 10..40 {
            rgb.put_pixel(x, 50, image::Rgb([210, 40, 50]));
            rgb.put_pixel(x + 50, 50, image::Rgb([20, 20, 25]));
        }
        // A pale stroke of print (a thin diagonal's edge) touching the red.
        for y in 30..34 {
            rgb.put_pixel(20, y, image::Rgb([150, 150, 150]));
        }
        rgb.put_pixel(20, 49, image::Rgb([210, 40, 50]));
        let (g, plain) = text_gray_both(&rgb);
        assert!(g.get_pixel(20, 50).0[0] > 200);
        assert!(g.get_pixel(70, 50).0[0] < 40);
        // Far from red, the pale stroke is in both; next to red, whitened
        // in the one, kept in the plain grey.
        assert!(g.get_pixel(20, 31).0[0] < 230 && plain.get_pixel(20, 31).0[0] < 230);
        for x in 10..40 {
            rgb.put_pixel(x, 48, image::Rgb([150, 150, 150]));
        }
        let (g, plain) = text_gray_both(&rgb);
        assert_eq!(g.get_pixel(25, 48).0[0], 255);
        assert!(plain.get_pixel(25, 48).0[0] < 230);
    }

    /// A line crop 300 x 34: blocky print 20 px high (rows 7..27) in
    /// characters 16 px wide, 4 px apart.
    fn print_crop() -> Gray {
        GrayImage::from_fn(300, 34, |x, y| Luma([if (7..27).contains(&y) && (x % 20) < 16 && (x % 20) % 5 != 2 { 20 } else { 250 }]))
    }

    #[test]
    fn rules_and_borders_in_a_line_crop_are_whitened_print_is_not() {
        // (what is drawn, rows or columns, shade, whitened?)
        let cases: [(&str, std::ops::Range<u32>, u8, bool); 8] = [
            ("a rule just below the print", 30..32, 30, true),
            ("a grey rule above it", 1..3, 120, true),
            ("a pale red rule's grey below it", 29..31, 170, true),
            ("a pale red rule's grey through its last rows", 24..27, 165, true),
            ("a rule touching the print", 27..30, 40, true),
            ("a thick bar (blurred print's rows, not a rule)", 12..22, 30, false),
            ("a pale line (paper's shading)", 30..32, 200, false),
            ("a border column, top to bottom", 290..292, 30, true),
        ];
        for (what, span, shade, gone) in cases {
            let mut g = print_crop();
            let border = what.contains("column");
            for y in 0..34 {
                for x in 0..300 {
                    // A red rule's grey lies under the print: a stroke crossing it stays black.
                    let under = shade >= RULE_INK && g.get_pixel(x, y).0[0] < 60;
                    if !under && ((border && span.contains(&x)) || (!border && span.contains(&y) && (5..295).contains(&x))) {
                        g.put_pixel(x, y, Luma([shade]));
                    }
                }
            }
            let out = clear_rules(&g, 20);
            let (x, y) = if border { (span.start, 2) } else { (18, span.start) };
            let whitened = out.get_pixel(x, y).0[0] == 255;
            assert_eq!(whitened, gone, "{what}");
            // The print itself stays, but where the rule crossed it.
            let kept = (7..27).filter(|y| !span.contains(y) || border).all(|y| out.get_pixel(40, y).0[0] < 60);
            assert!(kept || !gone, "{what}: print lost");
            // A pale rule's grey goes, and the print crossing it stays.
            if shade >= RULE_INK && gone {
                assert!((7..27).all(|y| out.get_pixel(40, y).0[0] < 60), "{what}: crossing print lost");
            }
        }
        // A clean crop is left as it was.
        assert_eq!(clear_rules(&print_crop(), 20), print_crop());
    }

    /// A photo 1200 x 900 of a paper (all of it but a 40-px desk round
    /// it) with 8 lines of print (blocks of strokes the size of
    /// characters), its paper at `paper` and its print at a tenth of it,
    /// with grain of `grain` levels (a fixed pattern, alike in the three
    /// channels, in blotches of 2 px as JPEG leaves it).
    fn paper_in_light(paper: f32, grain: f32) -> RgbImage {
        let (w, h) = (1200u32, 900u32);
        let mut seed = 4242u32;
        let mut next = || {
            seed = seed.wrapping_mul(1664525).wrapping_add(1013904223);
            (seed >> 8) as f32 / (1u32 << 24) as f32
        };
        // Roughly normal: the sum of four uniforms, centred.
        let cells: Vec<f32> = (0..(w / 2) * (h / 2)).map(|_| (next() + next() + next() + next() - 2.0) * 1.7).collect();
        RgbImage::from_fn(w, h, |x, y| {
            let on_paper = (40..w - 40).contains(&x) && (40..h - 40).contains(&y);
            let (line, row) = ((y as i32 - 120) / 80, (y as i32 - 120) % 80);
            let (cx, cy) = ((x as i32 - 150) % 34, row);
            let print = on_paper
                && (0..8).contains(&line)
                && y >= 120
                && (150..1050).contains(&x)
                && (0..24).contains(&cy)
                && cx < 26
                && (cx % 11 < 3 || cy % 10 < 3);
            let base = if !on_paper { paper * 0.25 } else if print { paper * 0.1 } else { paper };
            let v = (base + grain * cells[((y / 2) * (w / 2) + x / 2) as usize]).clamp(0.0, 255.0) as u8;
            image::Rgb([v, v, v])
        })
    }

    #[test]
    fn a_dark_photos_lines_are_found_in_its_grain() {
        // (what, paper level, grain, lines found at least, at most): the
        // 8 lines drawn, and no more (specks of grain taken for lines).
        // With the lit photo's greys the last two found 37 and 10 lines,
        // specks of grain (checked with the dark path taken out).
        let cases = [
            ("lit, little grain", 230.0, 2.0, 8, 8),
            ("dim light, grain of 3 levels", 30.0, 3.0, 8, 8),
            ("dim light, grain of 4 levels", 24.0, 4.0, 8, 8),
            ("dim light, grain of 6 levels", 24.0, 6.0, 8, 8),
            ("dim light, grain of 8 levels", 30.0, 8.0, 8, 8),
        ];
        let mut wrong = Vec::new();
        for (what, paper, grain, lo, hi) in cases {
            let photo = crate::Decoded::from_rgb(paper_in_light(paper, grain));
            let (_, lines, hmed, _, _) = crate::debug_lines(&photo);
            if !(lo..=hi).contains(&lines.len()) {
                wrong.push(format!("{what}: {} lines (hmed {hmed}): {lines:?}", lines.len()));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_dark_pages_grain_goes_white_and_its_print_black() {
        // A flattened dark page: paper at 215 with grain of `grain` levels
        // (a fixed pattern), a tenth of it print at 90. (what, grain,
        // least share of paper white, most mean of the print).
        let cases = [("fine grain", 12.0, 0.8, 20.0), ("loud grain", 25.0, 0.7, 30.0)];
        for (what, grain, white, black) in cases {
            let mut seed = 99u32;
            let g = GrayImage::from_fn(400, 300, |x, _| {
                seed = seed.wrapping_mul(1664525).wrapping_add(1013904223);
                let n = ((seed >> 24) as f32 - 128.0) / 128.0 * grain;
                Luma([(if x % 10 == 0 { 90.0 } else { 215.0 } + n).clamp(0.0, 255.0) as u8])
            });
            let out = stretch_dim(&g);
            let (mut paper_white, mut paper_n, mut print_sum, mut print_n) = (0, 0, 0u32, 0);
            for (x, _, p) in out.enumerate_pixels() {
                if x % 10 == 0 {
                    print_sum += p.0[0] as u32;
                    print_n += 1;
                } else {
                    paper_white += (p.0[0] == 255) as u32;
                    paper_n += 1;
                }
            }
            let share = paper_white as f32 / paper_n as f32;
            let mean = print_sum as f32 / print_n as f32;
            assert!(share >= white && mean <= black, "{what}: paper white {share}, print {mean}");
            // A lit page's stretch leaves that grain grey.
            let lit = stretch(&g);
            let lit_white = lit.enumerate_pixels().filter(|(x, _, p)| x % 10 != 0 && p.0[0] == 255).count() as f32 / paper_n as f32;
            assert!(lit_white < white, "{what}: the lit stretch whitens {lit_white}");
        }
    }

    #[test]
    fn warm_light_is_balanced_to_white() {
        let rgb = RgbImage::from_pixel(50, 50, image::Rgb([240, 200, 150]));
        let w = balance(&rgb);
        let p = w.rgb.get_pixel(5, 5).0;
        assert!(p.iter().all(|&c| (230..=245).contains(&c)), "{p:?}");
    }
}
