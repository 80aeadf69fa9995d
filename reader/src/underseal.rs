//! The print under a red seal, from the photo's colour.
//!
//! Ink is multiplied onto paper: where a seal's red lies over black print,
//! the pixel is paper × seal × print. A seal passes most of the red light
//! (its red channel is ~0.7-0.9 of the paper's) and takes green and blue;
//! print takes all three alike. So the red channel is the print with the
//! seal as a pale grey over it, and how red a pixel is (its chroma,
//! `(r - max(g, b)) / r`, the same whatever the print's darkness, since
//! print scales all three channels alike) says how much seal ink lies on
//! it. Dividing the red channel by the seal's own red transmission, as
//! much of it as the chroma says is there, turns seal-only pixels white
//! and leaves print under the seal as dark as print beside it.
//!
//! The text grey (`prep::text_gray_both`) instead whitens every pale pixel
//! near red ink: in dim light (noise, a soft focus) a thin stroke of the
//! print under a seal is pale too and goes with it (2025 read 2023, a 0
//! broken open). This grey keeps it: no threshold, only a division by at
//! most the seal's transmission (a print stroke is lightened by ~1/0.8 at
//! worst, never removed).

use crate::prep::{self, Gray};
use image::RgbImage;

/// A pixel's redness: the share of its red that green and blue lack
/// (0 for grey, ~0.8 for a seal's full ink), from the 3x3 mean colour
/// round it (sensor noise in dim light is per pixel, in colour too).
fn redness(rgb: &RgbImage, x: u32, y: u32) -> f32 {
    let (w, h) = rgb.dimensions();
    let mut s = [0u32; 3];
    let mut n = 0;
    for yy in y.saturating_sub(1)..=(y + 1).min(h - 1) {
        for xx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
            let p = rgb.get_pixel(xx, yy).0;
            for c in 0..3 {
                s[c] += p[c] as u32;
            }
            n += 1;
        }
    }
    let r = s[0] as f32 / n as f32;
    let gb = s[1].max(s[2]) as f32 / n as f32;
    if r < 24.0 {
        return 0.0;
    }
    ((r - gb) / r).max(0.0)
}

/// The seal ink's full redness and its red transmission (0..1), measured
/// on the strongly red pixels inside `area` (the seal's box, or the whole
/// photo): None when there are too few of them to say.
fn ink(rgb: &RgbImage, flat: &Gray, area: [u32; 4]) -> Option<(f32, f32)> {
    let (w, h) = rgb.dimensions();
    let (x0, y0) = (area[0].min(w), area[1].min(h));
    let (x1, y1) = ((area[0] + area[2]).min(w), (area[1] + area[3]).min(h));
    let step = (((x1 - x0) * (y1 - y0)) as f32 / 200_000.0).sqrt().max(1.0) as usize;
    let mut qs: Vec<(f32, u8)> = Vec::new();
    for y in (y0..y1).step_by(step) {
        for x in (x0..x1).step_by(step) {
            let q = redness(rgb, x, y);
            if q >= 0.25 {
                qs.push((q, flat.get_pixel(x, y).0[0]));
            }
        }
    }
    if qs.len() < 40 {
        return None;
    }
    let mut q_only: Vec<f32> = qs.iter().map(|p| p.0).collect();
    q_only.sort_by(f32::total_cmp);
    // The seal's full ink: the 80th percentile of the red pixels' redness.
    let full = q_only[q_only.len() * 4 / 5];
    // Its red transmission: the red (flattened, paper 255) of the pixels
    // of full ink, the upper part (print lies on some of them).
    let mut levels: Vec<u8> = qs.iter().filter(|p| p.0 >= 0.8 * full).map(|p| p.1).collect();
    levels.sort_unstable();
    let t = levels[levels.len() * 3 / 4] as f32 / 255.0;
    Some((full, t.clamp(0.5, 1.0)))
}

/// The page's text grey with red ink divided out rather than whitened
/// (see the module's text): the same geometry as `prep::text_gray_both`'s
/// greys, for `rgb` (the balanced working photo) and `flat` (its
/// flattened grey, `prep::text_grays`). `seal`: the seal's box,
/// where the ink's colour is measured (else on the whole photo). None
/// when the photo shows too little red to measure an ink by.
pub fn seal_free(rgb: &RgbImage, flat: &Gray, seal: Option<[u32; 4]>) -> Option<Gray> {
    let (w, h) = rgb.dimensions();
    let (full, t) = ink(rgb, flat, seal.unwrap_or([0, 0, w, h]))?;
    // How much of the ink lies on each pixel (0..255), then its largest
    // within two pixels: a photo's colour is at half resolution (JPEG),
    // so a seal stroke's edge shows less red than it has, and its red
    // left there would read as a stroke of its own.
    let mut amount = vec![0u8; (w * h) as usize];
    for y in 0..h {
        for x in 0..w {
            // Cheap test first: a grey pixel has no ink on it.
            let p = rgb.get_pixel(x, y).0;
            if (p[0] as i32) - (p[1].max(p[2]) as i32) >= 6 {
                amount[(y * w + x) as usize] = ((redness(rgb, x, y) / full).min(1.0) * 255.0) as u8;
            }
        }
    }
    let amount = spread(&amount, w as usize, h as usize, SPREAD);
    let mut out = flat.clone();
    for (p, a) in out.pixels_mut().zip(&amount) {
        if *a > 0 {
            let s = 1.0 - (*a as f32 / 255.0) * (1.0 - t);
            p.0[0] = (p.0[0] as f32 / s).min(255.0) as u8;
        }
    }
    Some(prep::stretch(&out))
}

/// How far (px) a pixel's ink amount reaches its neighbours.
const SPREAD: usize = 2;

/// The largest value within `r` pixels (a square), row then column.
fn spread(v: &[u8], w: usize, h: usize, r: usize) -> Vec<u8> {
    let mut rows = vec![0u8; v.len()];
    for y in 0..h {
        for x in 0..w {
            let (a, b) = (x.saturating_sub(r), (x + r).min(w - 1));
            rows[y * w + x] = v[y * w + a..=y * w + b].iter().copied().max().unwrap_or(0);
        }
    }
    let mut out = vec![0u8; v.len()];
    for y in 0..h {
        let (a, b) = (y.saturating_sub(r), (y + r).min(h - 1));
        for x in 0..w {
            out[y * w + x] = (a..=b).map(|yy| rows[yy * w + x]).max().unwrap_or(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    /// A page with black print, a seal's red multiplied over part of it.
    fn page() -> RgbImage {
        let mut img = RgbImage::from_pixel(200, 120, Rgb([235, 235, 235]));
        for y in 0..120 {
            for x in 0..200 {
                let print = (50..60).contains(&y) && x % 12 < 3;
                let seal = (20..110).contains(&x) && (30..100).contains(&y);
                let mut p = [235.0f32; 3];
                if seal {
                    p = [p[0] * 0.82, p[1] * 0.15, p[2] * 0.2];
                }
                if print {
                    for c in &mut p {
                        *c *= 0.25;
                    }
                }
                img.put_pixel(x, y, Rgb(p.map(|v| v as u8)));
            }
        }
        img
    }

    #[test]
    fn seal_goes_white_and_print_under_it_stays_dark() {
        let img = page();
        let g = seal_free(&img, &prep::text_grays(&img).2, None).expect("red enough to measure");
        // Seal-only pixels: as white as the paper round them.
        let seal_only = g.get_pixel(40, 40).0[0];
        assert!(seal_only >= 240, "seal only {seal_only}");
        // Print under the seal and print beside it: both dark.
        let (under, beside) = (g.get_pixel(49, 55).0[0], g.get_pixel(181, 55).0[0]);
        assert!(under < 90 && beside < 90, "under {under} beside {beside}");
    }

    #[test]
    fn a_page_without_red_gives_nothing() {
        let img = RgbImage::from_pixel(100, 100, Rgb([230, 230, 230]));
        assert!(seal_free(&img, &prep::text_grays(&img).2, None).is_none());
    }
}
