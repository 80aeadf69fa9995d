//! The photo's quality: too small, too dark, blurry, or not a paper at all.

use crate::decode::Decoded;
use crate::prep::{lum, Gray, Work};
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
pub const BLURRY_SHARPNESS: f32 = 0.3;

pub struct Assessment {
    pub quality: Quality,
    /// Worth reading anyway (a dim but legible photo).
    pub usable: bool,
    /// The paper's box `[x, y, w, h]` in working pixels.
    pub paper: [u32; 4],
    pub sharpness: f32,
    pub paper_share: f32,
    pub ink_share: f32,
}

/// The paper: rows and columns mostly bright and colourless.
fn paper_box(rgb: &image::RgbImage) -> ([u32; 4], f32) {
    let (w, h) = rgb.dimensions();
    let mut rows = vec![0u32; h as usize];
    let mut cols = vec![0u32; w as usize];
    let mut n = 0u64;
    for (x, y, p) in rgb.enumerate_pixels() {
        let p = p.0;
        let l = lum(p);
        let spread = p.iter().max().unwrap_or(&0) - p.iter().min().unwrap_or(&0);
        if l >= 150 && spread < 50 {
            rows[y as usize] += 1;
            cols[x as usize] += 1;
            n += 1;
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
    for y in y0..y1 {
        for x in x0..x1 {
            let p = |x: u32, y: u32| g.get_pixel(x, y).0[0] as i32;
            let gx = (p(x + 1, y) - p(x - 1, y)).abs();
            let gy = (p(x, y + 1) - p(x, y - 1)).abs();
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

pub fn assess(photo: &Decoded, work: &Work, text: &Gray) -> Assessment {
    let (paper, paper_share) = paper_box(&work.rgb);
    let mut ink = 0u32;
    let mut total = 0u32;
    for y in paper[1]..(paper[1] + paper[3]).min(text.height()) {
        for x in paper[0]..(paper[0] + paper[2]).min(text.width()) {
            total += 1;
            ink += (text.get_pixel(x, y).0[0] < 120) as u32;
        }
    }
    let ink_share = ink as f32 / total.max(1) as f32;
    let sharp = sharpness(text, paper);
    let long = photo.width.max(photo.height);
    let short = photo.width.min(photo.height);
    let (quality, usable) = if long < MIN_LONG_SIDE || short < MIN_SHORT_SIDE {
        (Quality::Small, false)
    } else if work.paper_level < DARK_PAPER_LEVEL {
        (Quality::Dark, work.paper_level >= 25.0)
    } else if paper_share < 0.45 || ink_share < 0.002 {
        (Quality::NotADocument, false)
    } else if sharp < BLURRY_SHARPNESS {
        (Quality::Blurry, true)
    } else if ink_share > 0.3 {
        (Quality::NotADocument, false)
    } else {
        (Quality::Ok, true)
    };
    Assessment { quality, usable, paper, sharpness: sharp, paper_share, ink_share }
}
