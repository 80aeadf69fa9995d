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
use crate::seal;
use image::RgbImage;

/// A pixel's redness: the share of its red that green and blue lack
/// (0 for grey, ~0.8 for a seal's full ink), from the 3x3 mean colour
/// round it (sensor noise in dim light is per pixel, in colour too).
fn redness(rgb: &RgbImage, x: u32, y: u32) -> f32 {
    let (w, h) = rgb.dimensions();
    let mut s = [0i32; 3];
    let mut n = 0;
    for yy in y.saturating_sub(1)..=(y + 1).min(h - 1) {
        for xx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
            let p = rgb.get_pixel(xx, yy).0;
            for c in 0..3 {
                s[c] += p[c] as i32;
            }
            n += 1;
        }
    }
    // The mean colour's redness is the sums' (both scale alike).
    let (d, r) = seal::redness(s);
    if r < 24 * n {
        return 0.0;
    }
    (d as f32 / r as f32).max(0.0)
}

/// The seal ink's full redness and its red transmission (0..1), measured
/// on the strongly red pixels inside `area` (the seal's box): None when
/// there are too few of them to say.
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

/// The levelled page's text grey with the seal's red ink divided out
/// rather than whitened (see the module's text), where a line that
/// crosses the seal lies: only such lines are read on it
/// (`date::read_date`), so only the rows of the seal's box and half its
/// height above and below are worked (a line is at most ~2.4 print heights
/// tall, a seal 6 or more); the rest of the page is `level`'s.
///
/// `rgb`: the balanced working photo; `flat`: its flattened grey
/// (`prep::text_grays`); `seal`: the seal's box in their pixels, where the
/// ink's colour is measured; `level`: the text grey turned by `angle`
/// (`prep::rotate`), which the result matches pixel for pixel in
/// geometry. None when the seal shows too little red to measure an ink by.
pub fn seal_free(rgb: &RgbImage, flat: &Gray, seal: [u32; 4], angle: f32, level: &Gray) -> Option<Gray> {
    let (full, t) = ink(rgb, flat, seal)?;
    let (w, h) = rgb.dimensions();
    let s = prep::turn_box(seal, -angle, w, h);
    let margin = s[3] / 2 + 4;
    let (y0, y1) = (s[1].saturating_sub(margin), (s[1] + s[3] + margin).min(h));
    let band = [0, y0, w, y1 - y0];
    let level_only = angle.abs() < 0.05;
    // The band's source in the photo (what prep::rotate samples for it),
    // with the bilinear's next pixel.
    let area = if level_only { band } else { grow(prep::turn_box(band, angle, w, h), 2, w, h) };
    // Stretched as the whole page (its darkest print sets the black).
    let mut page = flat.clone();
    let part = divided(rgb, flat, area, full, t);
    for (x, y, p) in part.enumerate_pixels() {
        page.put_pixel(area[0] + x, area[1] + y, *p);
    }
    let free = prep::stretch(&page);
    let mut out = level.clone();
    if level_only {
        for y in y0..y1 {
            for x in 0..w {
                out.put_pixel(x, y, *free.get_pixel(x, y));
            }
        }
        return Some(out);
    }
    // As prep::rotate turns the page, for the band's rows only.
    let (sn, cs) = angle.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let at = |x: u32, y: u32| free.get_pixel(x, y).0[0] as f32;
    for y in y0..y1 {
        for x in 0..w {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            let (sx, sy) = (cs * dx - sn * dy + cx, sn * dx + cs * dy + cy);
            let v = if sx < 0.0 || sy < 0.0 || sx > (w - 1) as f32 || sy > (h - 1) as f32 {
                255
            } else {
                let (x0, y0) = (sx.floor() as u32, sy.floor() as u32);
                let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
                let (tx, ty) = (sx - x0 as f32, sy - y0 as f32);
                let v = at(x0, y0) * (1.0 - tx) * (1.0 - ty) + at(x1, y0) * tx * (1.0 - ty) + at(x0, y1) * (1.0 - tx) * ty + at(x1, y1) * tx * ty;
                v.round() as u8
            };
            out.put_pixel(x, y, image::Luma([v]));
        }
    }
    Some(out)
}

/// A box grown by `by` pixels on every side, within a `w` x `h` image.
fn grow(b: [u32; 4], by: u32, w: u32, h: u32) -> [u32; 4] {
    let (x0, y0) = (b[0].saturating_sub(by), b[1].saturating_sub(by));
    let (x1, y1) = ((b[0] + b[2] + by).min(w), (b[1] + b[3] + by).min(h));
    [x0, y0, x1 - x0, y1 - y0]
}

/// `flat` within `area`, each pixel divided by the red transmission of the
/// ink on it (`full`: the ink's full redness; `t`: its transmission).
fn divided(rgb: &RgbImage, flat: &Gray, area: [u32; 4], full: f32, t: f32) -> Gray {
    let (w, h) = rgb.dimensions();
    // How much of the ink lies on each pixel (0..255), then its largest
    // within two pixels: a photo's colour is at half resolution (JPEG),
    // so a seal stroke's edge shows less red than it has, and its red
    // left there would read as a stroke of its own. Measured SPREAD
    // pixels round `area` too, so its edge sees what the spread reaches.
    let round = grow(area, SPREAD as u32, w, h);
    let (rw, rh) = (round[2] as usize, round[3] as usize);
    let mut amount = vec![0u8; rw * rh];
    for y in 0..round[3] {
        for x in 0..round[2] {
            let (px, py) = (round[0] + x, round[1] + y);
            // Cheap test first: a grey pixel has no ink on it.
            let p = rgb.get_pixel(px, py).0.map(i32::from);
            if seal::redness(p).0 >= 6 {
                amount[y as usize * rw + x as usize] = ((redness(rgb, px, py) / full).min(1.0) * 255.0) as u8;
            }
        }
    }
    let amount = spread(&amount, rw, rh, SPREAD);
    let (ox, oy) = ((area[0] - round[0]) as usize, (area[1] - round[1]) as usize);
    Gray::from_fn(area[2], area[3], |x, y| {
        let v = flat.get_pixel(area[0] + x, area[1] + y).0[0];
        let a = amount[(oy + y as usize) * rw + ox + x as usize];
        if a == 0 {
            return image::Luma([v]);
        }
        let s = 1.0 - (a as f32 / 255.0) * (1.0 - t);
        image::Luma([(v as f32 / s).min(255.0) as u8])
    })
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

    /// A page with black print, a seal's red multiplied over part of it
    /// (the seal's box: `SEAL`), the print's rows far below as well.
    fn page() -> RgbImage {
        let mut img = RgbImage::from_pixel(200, 300, Rgb([235, 235, 235]));
        for y in 0..300 {
            for x in 0..200 {
                let print = ((50..60).contains(&y) || (250..260).contains(&y)) && x % 12 < 3;
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

    const SEAL: [u32; 4] = [20, 30, 90, 70];

    /// The page's text grey turned by `angle` and its seal-free grey.
    fn greys(img: &RgbImage, angle: f32) -> (Gray, Option<Gray>) {
        let (text, _, flat) = prep::text_grays(img);
        let level = prep::rotate(&text, angle);
        let free = seal_free(img, &flat, SEAL, angle, &level);
        (level, free)
    }

    #[test]
    fn seal_goes_white_and_print_under_it_stays_dark() {
        let img = page();
        let g = greys(&img, 0.0).1.expect("red enough to measure");
        // Seal-only pixels: as white as the paper round them.
        let seal_only = g.get_pixel(40, 40).0[0];
        assert!(seal_only >= 240, "seal only {seal_only}");
        // Print under the seal and print beside it: both dark.
        let (under, beside) = (g.get_pixel(49, 55).0[0], g.get_pixel(181, 55).0[0]);
        assert!(under < 90 && beside < 90, "under {under} beside {beside}");
    }

    #[test]
    fn only_the_seals_rows_are_worked_and_they_are_the_whole_pages_turned() {
        let img = page();
        let (w, h) = img.dimensions();
        // The whole page divided, stretched and turned, as the seal-free
        // grey was built before it kept to the seal's rows.
        let flat = prep::text_grays(&img).2;
        let (full, t) = ink(&img, &flat, SEAL).unwrap();
        for angle in [0.0f32, 3.0, -7.5] {
            let (level, free) = greys(&img, angle);
            let free = free.unwrap();
            let whole = prep::rotate(&prep::stretch(&divided(&img, &flat, [0, 0, w, h], full, t)), angle);
            let s = prep::turn_box(SEAL, -angle, w, h);
            let (y0, y1) = (s[1].saturating_sub(s[3] / 2 + 4), s[1] + s[3] + s[3] / 2 + 4);
            for y in 0..h {
                for x in 0..w {
                    let want = if (y0..y1).contains(&y) { whole.get_pixel(x, y) } else { level.get_pixel(x, y) };
                    assert_eq!(free.get_pixel(x, y), want, "angle {angle} at ({x}, {y})");
                }
            }
        }
    }

    #[test]
    fn a_page_without_red_gives_nothing() {
        let img = RgbImage::from_pixel(100, 100, Rgb([230, 230, 230]));
        let flat = prep::text_grays(&img).2;
        assert!(seal_free(&img, &flat, [10, 10, 50, 50], 0.0, &flat).is_none());
    }
}
