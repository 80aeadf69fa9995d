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
    } else if paper_share < 0.45 || ink_share < 0.002 || (paper_share < SCENE_PAPER_SHARE && ink_share < SCENE_INK_SHARE) {
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

#[cfg(test)]
mod tests {
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
