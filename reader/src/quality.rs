//! The photo's quality: too small, too dark, blurry, or not a paper at all.

use crate::decode::{Decoded, Paper};
use crate::prep::{Gray, Work};
use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Quality {
    Ok,
    Blurry,
    Dark,
    Small,
    NotADocument,
}

/// Thresholds, measured on the project's photo set (tests/photos).
pub const MIN_LONG_SIDE: u32 = 640;
pub const MIN_SHORT_SIDE: u32 = 420;
pub const DARK_PAPER_LEVEL: f32 = 70.0;
/// A dark photo is read (its date; the quality still says `dark`) where
/// its paper is at least this bright (0..255, before balance). Its text
/// greys are smoothed and stretched (`prep::dim`); at 15-25 that read
/// the dates of 3 of 15 such photos of the tuning draws, none wrong; the
/// dimmest paper the generator's dark light makes is ~19.
pub const DARK_READ_LEVEL: f32 = 15.0;
pub const BLURRY_SHARPNESS: f32 = 0.3;
/// Blurry where the print's edges spread wider than this share of the
/// paper's short side ([`edge_width`]; on the tuning draws ok photos
/// measure at most 0.0027 at full size and 0.0034 at 1024 px, blurry ones
/// 0.0047 and up at either); [`BLURRY_SHARPNESS`] decides only where too
/// little print shows to measure edges.
pub const BLURRY_EDGE: f32 = 0.004;
/// A scene out of focus (a wall, a sky) can show as much bright colourless
/// area as a paper photographed from afar, and its blur reads as a blurry
/// photo. A paper that fills less than this share of the photo...
pub const SCENE_PAPER_SHARE: f32 = 0.65;
/// ...and holds less print than this share of its area is no paper: a
/// document's print, however blurred, covers 1% or more of it (0.6% on a
/// sparse half page filling the photo); the blurred scenes of the photo
/// set held 0.2-0.4% dark patches in their bright part (tune 5 019, 6 079).
pub const SCENE_INK_SHARE: f32 = 0.008;

pub struct Assessment {
    pub quality: Quality,
    /// Worth reading anyway (a dim but legible photo).
    pub usable: bool,
    /// The paper's box `[x, y, w, h]` in working pixels.
    pub paper: [u32; 4],
    pub sharpness: f32,
    pub paper_share: f32,
    pub ink_share: f32,
    /// [`edge_width`].
    pub edge: Option<f32>,
}

impl Assessment {
    /// The measures, for the accuracy reports.
    pub fn detail(&self, paper_level: f32) -> String {
        format!(
            "paper_level={paper_level:.0} sharp={:.3} edge={:.4} paper_share={:.2} ink={:.3}",
            self.sharpness,
            self.edge.unwrap_or(-1.0),
            self.paper_share,
            self.ink_share
        )
    }
}

/// The least brightness (of the balanced photo) of paper in shade, for
/// the paper's share of the photo: a soft shadow across a paper (a hand,
/// the phone) leaves its shaded part under the lit paper's 150, and the
/// paper then seemed too small a share of the photo to be a document
/// (an independent set of phone-like photos, 2026-12-05: 8 of 13 shadowed
/// papers read `not_a_document`, their seal and date never looked for).
/// The paper's box stays the lit paper's: the seal and the lines are
/// measured in it.
pub(crate) const SHADED_PAPER_LUM: u8 = 110;
/// Paper lit (not in shade): its rows and columns make the paper's box.
const BOX_PAPER_LUM: u8 = 150;

/// The paper: rows and columns mostly bright and colourless; and the
/// share of the photo that is paper, lit or in shade.
fn paper_box(rgb: &image::RgbImage) -> ([u32; 4], f32) {
    let (w, h) = rgb.dimensions();
    let mut rows = vec![0u32; h as usize];
    let mut cols = vec![0u32; w as usize];
    let mut n = 0u64;
    // (Row by row: no division a pixel to find its row and column.)
    for (row, count) in rgb.as_raw().chunks_exact(3 * (w as usize).max(1)).zip(rows.iter_mut()) {
        for (p, col) in row.chunks_exact(3).zip(cols.iter_mut()) {
            let p = [p[0], p[1], p[2]];
            if crate::frame::paperish_from(p, SHADED_PAPER_LUM) {
                n += 1;
            }
            if crate::frame::paperish_from(p, BOX_PAPER_LUM) {
                *count += 1;
                *col += 1;
            }
        }
    }
    let span = |v: &[u32], len: u32| {
        let need = (len as f32 * 0.25) as u32;
        let first = v.iter().position(|&c| c > need);
        let last = v.iter().rposition(|&c| c > need);
        match (first, last) {
            (Some(a), Some(b)) if b > a => (a as u32, (b - a + 1) as u32),
            _ => (0, v.len() as u32),
        }
    };
    let (y, bh) = span(&rows, w);
    let (x, bw) = span(&cols, h);
    ([x, y, bw, bh], n as f32 / (w as f32 * h as f32))
}

/// Edge steepness of the print: the 99.5th percentile of the gradient on
/// the flattened grey, 0..1 (sharp text ~0.3+, a blurred photo < 0.15).
pub fn sharpness(g: &Gray, paper: [u32; 4]) -> f32 {
    let mut hist = [0u32; 256];
    let (x0, y0) = (paper[0].max(1), paper[1].max(1));
    let x1 = (paper[0] + paper[2]).min(g.width() - 1);
    let y1 = (paper[1] + paper[3]).min(g.height() - 1);
    let mut n = 0u32;
    let w = g.width() as usize;
    let row = |y: u32| &g.as_raw()[y as usize * w..][..w];
    for y in y0..y1 {
        let (up, mid, down) = (row(y - 1), row(y), row(y + 1));
        for x in x0 as usize..x1 as usize {
            let gx = (mid[x + 1] as i32 - mid[x - 1] as i32).abs();
            let gy = (down[x] as i32 - up[x] as i32).abs();
            hist[((gx.max(gy)) / 2).min(255) as usize] += 1;
            n += 1;
        }
    }
    let mut acc = 0;
    for v in (0..256).rev() {
        acc += hist[v];
        if acc * 200 >= n {
            return v as f32 / 255.0 * 2.0;
        }
    }
    0.0
}

/// The width of the print's edges: how far blur spreads an edge, as a
/// share of the paper's short side (so the same photo at 1024 px and at
/// full size measures alike, and a paper photographed from afar, its
/// print small, needs sharper edges). Measured on the balanced photo's
/// brightest channel (red ink gone, print's contrast as the light left
/// it: no contrast stretch to amplify noise), smoothed by a Gaussian of
/// 1 px against sensor noise. In blocks of 1/25 of the paper's short side
/// (the same part of the print at any size) with print in them (a
/// contrast of 40+ levels round them), an edge blurred by a Gaussian of
/// sigma s rises at most 0.4 x contrast / s per pixel, so s = 0.4 x
/// contrast / steepest rise (less the 1 px smoothing, in quadrature).
/// The median over those blocks: how much print a paper holds does not
/// move it, where the percentile of the gradient over the whole paper
/// ([`sharpness`]) measures noise on sparse print. `None` with fewer than
/// 12 blocks of print.
pub fn edge_width(rgb: &image::RgbImage, paper: [u32; 4]) -> Option<f32> {
    let (w, h) = rgb.dimensions();
    let short = paper[2].min(paper[3]).max(w.min(h) / 2).max(1);
    let b = (short / 25).clamp(16, 64);
    let pad = b / 4;
    // The paper without its edge (a dark table beside it is no print).
    let inner = crate::prep::inset(paper, 0.04);
    let (x0, y0) = (inner[0].max(pad + 1), inner[1].max(pad + 1));
    let x1 = (inner[0] + inner[2]).min(w.saturating_sub(pad + 1));
    let y1 = (inner[1] + inner[3]).min(h.saturating_sub(pad + 1));
    if x1 <= x0 + b || y1 <= y0 + b {
        return None;
    }
    // Only the part read (and 8 px round it, more than the blur's kernel
    // reaches, so the result is as on the whole photo) is smoothed.
    let (cx0, cy0) = ((x0 - pad).saturating_sub(8), (y0 - pad).saturating_sub(8));
    let (cx1, cy1) = ((x1 + pad + 8).min(w), (y1 + pad + 8).min(h));
    let mut g = Vec::with_capacity(((cx1 - cx0) * (cy1 - cy0)) as usize);
    for row in rgb.as_raw().chunks_exact(3 * w as usize).skip(cy0 as usize).take((cy1 - cy0) as usize) {
        g.extend(row[3 * cx0 as usize..3 * cx1 as usize].chunks_exact(3).map(|p| p[0].max(p[1]).max(p[2])));
    }
    let g = image::GrayImage::from_raw(cx1 - cx0, cy1 - cy0, g)?;
    let sm = image::imageops::blur(&g, 1.0);
    let sw = sm.width() as usize;
    let p = |x: u32, y: u32| sm.as_raw()[(y - cy0) as usize * sw + (x - cx0) as usize] as i32;
    let mut sigmas = Vec::new();
    let mut by = y0;
    while by + b <= y1 {
        let mut bx = x0;
        while bx + b <= x1 {
            let (mut lo, mut hi) = (255, 0);
            for y in by - pad..by + b + pad {
                for x in bx - pad..bx + b + pad {
                    let v = p(x, y);
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
            let contrast = hi - lo;
            if contrast >= 40 {
                let mut rise = 1i32;
                for y in by..by + b {
                    for x in bx..bx + b {
                        let gx = (p(x + 1, y) - p(x - 1, y)).abs();
                        let gy = (p(x, y + 1) - p(x, y - 1)).abs();
                        rise = rise.max(gx.max(gy));
                    }
                }
                // The rise is over 2 px (a central difference).
                let s = 0.4 * contrast as f32 / (rise as f32 / 2.0);
                sigmas.push((s * s - 1.0).max(0.0).sqrt());
            }
            bx += b;
        }
        by += b;
    }
    if sigmas.len() < 12 {
        return None;
    }
    sigmas.sort_by(|a, b| a.total_cmp(b));
    Some(sigmas[sigmas.len() / 2] / short as f32)
}

/// The brightest part of the photo in a colour no light gives paper: a
/// green a good deal greener than its red and blue (a lawn; the balance
/// took it for white), or a purple short of green. Lamps and daylight
/// tint paper orange (warm: red over green over blue, blue down to half of
/// red under a bulb) or blue (shade), a fluorescent tube a little green;
/// an orange with less blue than [`WARMEST_BLUE`] of its red is a brown
/// surface, not paper (a wooden desk with no paper on it read `ok`: the
/// independent set h94 a 027 and 048, blue at 0.26 and 0.39 of red).
fn no_light_colour(white: [f32; 3]) -> bool {
    let [r, g, b] = white;
    g > NO_LIGHT_CAST * r.max(b) || g * NO_LIGHT_CAST < r.min(b) || b < WARMEST_BLUE * r
}

/// [`no_light_colour`]'s bound.
const NO_LIGHT_CAST: f32 = 1.3;

/// The least blue (a share of the red) a light leaves on white paper in a
/// phone's photo ([`no_light_colour`]): a phone balances a bulb's light
/// (uncorrected, a 2700 K bulb's would be about a third) and leaves a warm
/// cast; the warmest papers measured were at 0.49 (our draws) and 0.74
/// (h94), the bound kept below both.
const WARMEST_BLUE: f32 = 0.4;

pub fn assess(photo: &Decoded, work: &Work, text: &Gray) -> Assessment {
    let seen = matches!(photo.paper, Paper::Whole | Paper::Part(_));
    let (paper, paper_share) = paper_box(&work.rgb);
    let mut ink = 0u32;
    let mut total = 0u32;
    let tw = text.width() as usize;
    for y in paper[1]..(paper[1] + paper[3]).min(text.height()) {
        let row = &text.as_raw()[y as usize * tw..][..tw];
        for &v in row.get(paper[0] as usize..(paper[0] + paper[2]).min(text.width()) as usize).unwrap_or(&[]) {
            total += 1;
            ink += (v < 120) as u32;
        }
    }
    let ink_share = ink as f32 / total.max(1) as f32;
    let sharp = sharpness(text, paper);
    let edge = edge_width(&work.rgb, paper);
    // (The photo's own size, where the paper was cut from it.)
    let long = photo.whole[0].max(photo.whole[1]);
    let short = photo.whole[0].min(photo.whole[1]);
    let (quality, usable) = if long < MIN_LONG_SIDE || short < MIN_SHORT_SIDE {
        (Quality::Small, false)
    } else if work.paper_level < DARK_PAPER_LEVEL {
        (Quality::Dark, work.paper_level >= DARK_READ_LEVEL)
    } else if ink_share < 0.002
        || no_light_colour(work.white)
        || (!seen && (paper_share < 0.45 || (paper_share < SCENE_PAPER_SHARE && ink_share < SCENE_INK_SHARE)))
    {
        // (A paper seen in the photo, `frame.rs`, is a document however
        // little of the photo it is.)
        (Quality::NotADocument, false)
    } else if edge.map_or(sharp < BLURRY_SHARPNESS, |e| e > BLURRY_EDGE) {
        (Quality::Blurry, true)
    } else if ink_share > 0.3 || photo.paper == Paper::Blank {
        // The photo's paper-like area holds no print, and the photo is
        // sharp (blur can take a paper's print away): a wall, a window.
        (Quality::NotADocument, false)
    } else {
        (Quality::Ok, true)
    };
    Assessment { quality, usable, paper, sharpness: sharp, paper_share, ink_share, edge }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::prep;
    use image::{Rgb, RgbImage};

    fn assess_rgb(img: RgbImage) -> Assessment {
        let photo = Decoded::from_rgb(img);
        let work = prep::balance(&photo.work);
        let (text, _) = prep::text_gray_both(&work.rgb);
        assess(&photo, &work, &text)
    }

    /// A photo 1200x900: the top `share` of its rows a bright colourless
    /// area (`top`), the rest a brown table; `dark` discs of radius 20 or
    /// lines of print (`print`) in the bright part; blurred by 6 px.
    fn photo(top: Rgb<u8>, share: f32, dark: u32, print: u32) -> RgbImage {
        let (w, h) = (1200u32, 900u32);
        let edge = (h as f32 * share) as u32;
        let mut img = RgbImage::from_fn(w, h, |_, y| if y < edge { top } else { Rgb([110, 80, 60]) });
        for k in 0..dark {
            let (cx, cy) = (200 + k * 300, edge / 2);
            for y in cy - 20..cy + 20 {
                for x in cx - 20..cx + 20 {
                    if (x as i32 - cx as i32).pow(2) + (y as i32 - cy as i32).pow(2) <= 400 {
                        img.put_pixel(x, y, Rgb([50, 45, 40]));
                    }
                }
            }
        }
        for l in 0..print {
            let y0 = 60 + l * 50;
            for c in 0..30 {
                for y in y0..y0 + 22 {
                    for x in 100 + c * 32..100 + c * 32 + 24 {
                        if (x + y) % 3 != 0 {
                            img.put_pixel(x, y, Rgb([40, 40, 40]));
                        }
                    }
                }
            }
        }
        image::imageops::blur(&img, 6.0)
    }

    /// A paper filling most of a photo on a dark table, `lines` lines of
    /// print (blocks of strokes the size of characters), blurred by
    /// `sigma`, with sensor noise of `noise` levels (a fixed pattern),
    /// then brought down by `scale` (a phone photo's size, or 1024 px).
    pub(crate) fn paper_photo(lines: u32, sigma: f32, noise: i32, scale: f32) -> RgbImage {
        let (w, h) = (1240u32, 1640u32);
        let mut img = RgbImage::from_fn(w, h, |x, y| {
            if (60..w - 60).contains(&x) && (60..h - 60).contains(&y) {
                Rgb([236, 234, 230])
            } else {
                Rgb([70, 60, 55])
            }
        });
        for l in 0..lines {
            let y0 = 200 + l * 120;
            for c in 0..24 {
                let x0 = 160 + c * 38;
                for y in y0..y0 + 30 {
                    for x in x0..x0 + 30 {
                        // Strokes: three bars across, two down.
                        let (u, v) = (x - x0, y - y0);
                        if u % 14 < 4 || v % 13 < 4 {
                            img.put_pixel(x, y, Rgb([30, 30, 34]));
                        }
                    }
                }
            }
        }
        let mut img = if sigma > 0.0 { image::imageops::blur(&img, sigma) } else { img };
        let mut seed = 12345u32;
        for p in img.pixels_mut() {
            seed = seed.wrapping_mul(1664525).wrapping_add(1013904223);
            let n = ((seed >> 24) as i32 - 128) * noise / 128;
            for c in p.0.iter_mut() {
                *c = (*c as i32 + n).clamp(0, 255) as u8;
            }
        }
        let (sw, sh) = ((w as f32 * scale) as u32, (h as f32 * scale) as u32);
        image::imageops::resize(&img, sw, sh, image::imageops::FilterType::Triangle)
    }

    #[test]
    fn blur_is_told_alike_at_any_size_and_density_of_print() {
        // (what, photo, quality). A photo's blur is a share of the paper
        // (so at 1024 px as at full size), and sparse print in noise is no
        // sharp edge: the gradient's percentile over the paper read a
        // blurred half-empty paper with noise `ok` (as held-out 990071
        // 057 was), and a sharp sparse one near its limit (990072 049).
        let cases = [
            ("sharp, 10 lines, full size", paper_photo(10, 0.0, 4, 1.0), Quality::Ok),
            ("sharp, 10 lines, 1024 px", paper_photo(10, 0.0, 4, 0.62), Quality::Ok),
            ("sharp, 2 lines, noisy", paper_photo(2, 0.0, 12, 1.0), Quality::Ok),
            ("slightly soft, 3 lines, 1024 px", paper_photo(3, 1.5, 6, 0.62), Quality::Ok),
            ("blurred, 10 lines, full size", paper_photo(10, 7.0, 4, 1.0), Quality::Blurry),
            ("blurred, 10 lines, 1024 px", paper_photo(10, 7.0, 4, 0.62), Quality::Blurry),
            ("blurred, 5 lines, noisy", paper_photo(5, 7.0, 12, 1.0), Quality::Blurry),
            ("blurred, 5 lines, noisy, 1024 px", paper_photo(5, 7.0, 12, 0.62), Quality::Blurry),
        ];
        let mut wrong = Vec::new();
        for (what, img, want) in cases {
            let a = assess_rgb(img);
            if a.quality != want {
                wrong.push(format!("{what}: {:?} sharp {} edge {:?}", a.quality, a.sharpness, a.edge));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_dark_photo_says_dark_and_is_read_down_to_its_dimmest_paper() {
        // (paper level before balance, usable): a paper photo in light a
        // 24th to a 4th of day's stays `dark`, and is read from 15 up.
        let cases = [(10.0, false), (14.0, false), (16.0, true), (24.0, true), (60.0, true)];
        for (level, read) in cases {
            let k = level / 236.0;
            let img = paper_photo(10, 0.0, 0, 1.0);
            let img = RgbImage::from_fn(img.width(), img.height(), |x, y| {
                let p = img.get_pixel(x, y).0;
                Rgb(p.map(|c| (c as f32 * k).round() as u8))
            });
            let a = assess_rgb(img);
            assert_eq!((a.quality, a.usable), (Quality::Dark, read), "paper level {level}");
        }
    }

    #[test]
    fn a_colour_no_light_gives_paper_is_no_document() {
        // (what, the light's colour on the photo, quality): the balance
        // takes the brightest part for white, so a lawn turned grey and
        // read `ok` (a room's photos of no paper, gen.py --scene).
        let cases = [
            ("daylight", [1.0, 1.0, 1.0], Quality::Ok),
            ("a bulb: orange, blue at half", [1.0, 0.8, 0.5], Quality::Ok),
            ("a warmer bulb: blue at 0.44", [1.0, 0.75, 0.44], Quality::Ok),
            ("a wooden desk: blue at a third", [1.0, 0.75, 0.33], Quality::NotADocument),
            ("shade: blue", [0.82, 0.95, 1.0], Quality::Ok),
            ("a fluorescent tube: a little green", [0.92, 1.0, 0.9], Quality::Ok),
            ("a lawn", [0.5, 1.0, 0.4], Quality::NotADocument),
            ("purple", [1.0, 0.55, 0.95], Quality::NotADocument),
        ];
        for (what, light, want) in cases {
            let img = paper_photo(10, 0.0, 4, 1.0);
            let img = RgbImage::from_fn(img.width(), img.height(), |x, y| {
                let p = img.get_pixel(x, y).0;
                Rgb([0, 1, 2].map(|c| (p[c] as f32 * light[c]).round() as u8))
            });
            assert_eq!(assess_rgb(img).quality, want, "{what}");
        }
    }

    #[test]
    fn a_sharp_wall_with_no_print_is_no_document() {
        // A light wall over most of the photo, a dark sofa below, the
        // floor: bright and colourless enough, with enough dark, to pass
        // for a paper, but the bright area holds no print (`frame.rs`,
        // `Paper::Blank`). (A picture's thin frame on the wall still
        // passes for print: left, see docs/bench-read-notes.md.)
        let img = RgbImage::from_fn(1600, 1200, |x, y| {
            Rgb(if (200..1400).contains(&x) && (820..1060).contains(&y) {
                [60, 70, 90]
            } else if y < 1000 {
                [226, 222, 216]
            } else {
                [150, 105, 70]
            })
        });
        let photo = Decoded::photo(img);
        assert_eq!(photo.paper, Paper::Blank);
        let work = prep::balance(&photo.work);
        let (text, _) = prep::text_gray_both(&work.rgb);
        let a = assess(&photo, &work, &text);
        assert_eq!(a.quality, Quality::NotADocument, "paper_share {} ink {} edge {:?}", a.paper_share, a.ink_share, a.edge);
    }

    #[test]
    fn a_blurred_scene_is_no_document_and_a_blurred_paper_is_blurry() {
        // (what, photo, quality): a scene out of focus with a bright wall
        // over 60% of it and a few dark patches read `blurry` (tune 5 019).
        let cases = [
            ("a blurred scene: a wall, two dark patches", photo(Rgb([205, 203, 200]), 0.6, 2, 0), Quality::NotADocument),
            ("a blurred paper over 60% of the photo", photo(Rgb([235, 233, 228]), 0.6, 0, 8), Quality::Blurry),
        ];
        for (what, img, want) in cases {
            let a = assess_rgb(img);
            assert_eq!(a.quality, want, "{what}: paper_share {} ink {} sharp {}", a.paper_share, a.ink_share, a.sharpness);
        }
    }
}
