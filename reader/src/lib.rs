//! Reads a photo or scan of a paper: the red seal (found / absent / unsure,
//! with its box), the paper's own date (chosen by its label) and the photo's
//! quality. What `mantetong read` prints, see "Reading a photo" in the
//! contract (v1.1).
//!
//! The crate is pure: bytes and today's date in, a [`Reading`] out. Text is
//! read through the [`Ocr`] trait; the `tesseract` feature provides
//! [`Tesseract`] (libtesseract with the `chi_sim` data, both from Debian).

mod choices;
mod date;
mod decode;
mod lines;
mod prep;
mod quality;
mod seal;
#[cfg(feature = "tesseract")]
mod tess;
mod underseal;

pub use choices::{best_text, dates_spelled, parse_hocr, Spelled, Symbol};
pub use date::{choose_date, parse_dates, DateFound, DateTrace};
pub use decode::{decode, Decoded, ReadError};
pub use prep::Gray;
pub use quality::Quality;
pub use seal::{SealFinding, SealVerdict};
#[cfg(feature = "tesseract")]
pub use tess::Tesseract;

use serde::Serialize;

/// An OCR engine: reads lines of text from a grey image (dark text on white).
/// Only line crops are read (the lines are found without OCR, `lines.rs`):
/// a whole-page read never gave a right date and cost ~2000 kpx.
pub trait Ocr {
    /// One line of text (the image is a crop around a single line).
    fn line(&mut self, img: &Gray) -> Result<String, String>;
    /// One line read with only the characters of `whitelist` allowed
    /// (Tesseract's `tessedit_char_whitelist`, which its LSTM honours), so
    /// a `]` or an `l` in a date comes out a digit. An engine without it
    /// reads the line as [`Ocr::line`] does.
    fn line_with(&mut self, img: &Gray, whitelist: &str) -> Result<String, String> {
        let _ = whitelist;
        self.line(img)
    }
}

/// What `mantetong read` prints (contract v1.1, "Reading a photo").
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reading {
    pub seal: SealVerdict,
    pub seal_box: Option<[u32; 4]>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub date_label: Option<String>,
    pub quality: Quality,
}

/// Today's date as (year, month, day): a date after it is a misreading.
pub type Today = (i32, u32, u32);

/// Reads one photo. `today` comes from the caller (the crate reads no clock).
pub fn read(bytes: &[u8], today: Today, ocr: &mut dyn Ocr) -> Result<Reading, ReadError> {
    let photo = decode(bytes)?;
    Ok(read_decoded(&photo, today, ocr))
}

/// Reads an already decoded photo.
pub fn read_decoded(photo: &Decoded, today: Today, ocr: &mut dyn Ocr) -> Reading {
    read_with_detail(photo, today, ocr).0
}

/// The seal and the photo's quality, without any OCR: what the reading
/// decides before it reads text (and what `examples/sealeval` measures).
pub struct Look {
    pub reading: Reading,
    pub detail: String,
    text: Gray,
    /// `text` before the print round red ink was whitened (the date's
    /// second look at a line a seal or a pen crosses).
    plain: Gray,
    /// The balanced working photo (the date's colour look under a seal).
    rgb: image::RgbImage,
    /// The flattened grey `text` and `plain` were stretched from (the
    /// seal-free grey's start).
    flat: Gray,
    q: quality::Assessment,
    /// The seal step's own finding (its candidates, for the report).
    pub seal: SealFinding,
    /// Wall time of the seal step (zero in wasm, which has no clock here).
    pub seal_time: std::time::Duration,
}

/// The paper level (of 255) from which a blurry paper counts as lit (see `look`).
const LIT_PAPER: f32 = 150.0;

/// Looks at a photo: balance, quality, skew, seal (no OCR).
pub fn look(photo: &Decoded) -> Look {
    let work = prep::balance(&photo.work);
    // A dark photo's text greys from the photo with its grain smoothed
    // away (`prep::dim`); its quality and seal as the photo itself gives.
    let dim = (work.paper_level < quality::DARK_PAPER_LEVEL).then(|| prep::dim(&photo.work));
    let (text, plain, flat) = match &dim {
        Some(d) => prep::text_grays_dim(&d.rgb),
        None => prep::text_grays(&work.rgb),
    };
    let q = quality::assess(photo, &work, &text);
    let mut detail = q.detail(work.paper_level);
    let mut reading = Reading {
        seal: SealVerdict::Absent,
        seal_box: None,
        date: None,
        date_text: None,
        date_label: None,
        quality: q.quality,
    };
    let angle = prep::skew_angle(&text);
    #[cfg(not(target_arch = "wasm32"))]
    let t0 = std::time::Instant::now();
    // No paper: only a seal found at the strict level matters (below).
    let s = if q.quality == Quality::NotADocument {
        seal::find_plain(&work.rgb, q.paper, angle)
    } else if q.quality == Quality::Small {
        seal::find_enlarged(&work.rgb, q.paper, angle)
    } else {
        seal::find(&work.rgb, q.paper, angle, q.quality == Quality::Ok)
    };
    #[cfg(not(target_arch = "wasm32"))]
    let seal_time = t0.elapsed();
    #[cfg(target_arch = "wasm32")]
    let seal_time = std::time::Duration::ZERO;
    detail += &format!(" angle={angle:.1} seal[{}]", s.detail);
    reading.seal = s.verdict;
    reading.seal_box = s.bbox.map(|b| photo.to_original(b));
    if q.quality == Quality::NotADocument {
        // No paper: nothing to doubt. A seal plainly there makes a doubt,
        // not a finding (the photo may be a paper seen too close; or a
        // scene whose red shapes only look like one: tuning 886001 019).
        if reading.seal == SealVerdict::Found {
            reading.seal = SealVerdict::Unsure;
        } else {
            reading.seal = SealVerdict::Absent;
            reading.seal_box = None;
        }
    } else if q.quality != Quality::Ok
        && reading.seal == SealVerdict::Absent
        && (match q.quality {
            Quality::Dark => s.ring_seen,
            Quality::Small => s.body_red,
            _ => (if work.paper_level >= LIT_PAPER { s.round_body } else { s.roundish }) || s.body_red,
        })
    {
        // A blurry, dark or tiny photo can hide a seal's star: a round red
        // shape of a seal's size there is "unsure". Nothing round and red
        // at all stays absent (blur and dim light do not take a seal's red
        // away, nor its round shape). A dark photo is still sharp: red
        // there that shows no ring (a pen tick, a letterhead) is no doubt;
        // blur can smear a ring into a blot. A tiny photo may show a seal
        // as a few red pixels: any red below the letterhead is a doubt. On a blurry photo
        // red in the paper's body (below the letterhead) is a doubt too: a
        // faded seal blurred may leave no round shape. A round shape of an
        // emblem's size in the letterhead is a blurred emblem, no doubt,
        // where the paper is lit: in dim light a faded seal's red can fall
        // below every level of red, and the emblem is then the only round
        // red shape left (tuning 990182 017, paper level 128, a faded seal
        // blurred read `absent`; the lit blurry papers of the tuning draws
        // are at 171-233, the dim ones at 94-135).
        reading.seal = SealVerdict::Unsure;
    }
    let rgb = dim.map_or(work.rgb, |d| d.rgb);
    Look { reading, detail, text, plain, rgb, flat, q, seal: s, seal_time }
}

/// The photo's quality alone and its measures (examples/sealeval's
/// `--quality`: no seal step).
#[doc(hidden)]
pub fn look_quality(photo: &Decoded) -> (Quality, String) {
    let work = prep::balance(&photo.work);
    let (text, _) = prep::text_gray_both(&work.rgb);
    let q = quality::assess(photo, &work, &text);
    (q.quality, q.detail(work.paper_level))
}

/// The reading and the measurements behind it (for the accuracy report).
pub fn read_with_detail(photo: &Decoded, today: Today, ocr: &mut dyn Ocr) -> (Reading, String) {
    let Look { mut reading, mut detail, text, plain, rgb, flat, q, seal: s, .. } = look(photo);
    if !q.usable {
        return (reading, detail);
    }
    let (angle, level, paper) = level_text(&text, &rgb, q.paper);
    detail += &format!(" text_angle={angle:.1}");
    let mut trace = DateTrace::default();
    let seal_here = s.bbox.map(|b| prep::turn_box(b, -angle, level.width(), level.height()));
    // The plain grey levelled alike, only if a line needs it.
    let plain = || prep::rotate(&plain, angle);
    // The red ink divided out by its colour, only if a line under a seal
    // is read, and only along the seal's rows (`underseal.rs`).
    let seal_free = || s.bbox.and_then(|b| underseal::seal_free(&rgb, &flat, b, angle, &level));
    if let Some(found) = date::read_date(&level, &plain, &seal_free, paper, seal_here, today, ocr, &mut trace) {
        reading.date = Some(found.iso());
        reading.date_text = Some(found.text);
        reading.date_label = found.label;
    }
    detail += &format!(
        " lines={} ocr_line_calls={} ocr_kpx={}",
        trace.lines_found,
        trace.line_calls,
        trace.pixels / 1000
    );
    for c in &s.candidates {
        detail += "\n  seal candidate ";
        detail += c;
    }
    for t in &trace.texts {
        detail += "\n  ocr ";
        detail += t;
    }
    (reading, detail)
}

/// The text levelled by the print's own skew, measured on the paper alone
/// (the photo's dark surround pulls the whole-photo angle the seal finder
/// uses): the angle, the levelled grey page and the box of its text on it
/// (the paper's box grown over its shadowed ends, [`prep::text_box`], from
/// the balanced photo `rgb`; the skew is measured on the paper's box).
fn level_text(text: &Gray, rgb: &image::RgbImage, paper: [u32; 4]) -> (f32, Gray, [u32; 4]) {
    let angle = prep::skew_angle_in(text, prep::inset(paper, 0.04));
    let level = prep::rotate(text, angle);
    let lines_box = prep::turn_box(prep::text_box(rgb, paper), -angle, level.width(), level.height());
    (angle, level, lines_box)
}

/// `mantetong read`'s JSON for a reading.
pub fn to_json(r: &Reading) -> String {
    serde_json::to_string(r).unwrap_or_else(|_| "{}".into())
}

/// Diagnostic (reader/examples/linesdump.rs): the levelled grey page the
/// date is read from, the text lines found on it, their typical height,
/// the angle the page was turned by, and the paper's box and the box the
/// lines were looked for in (both on the levelled page).
#[doc(hidden)]
pub fn debug_lines(photo: &Decoded) -> (Gray, Vec<[u32; 4]>, f32, f32, [[u32; 4]; 2]) {
    let Look { text, rgb, q, .. } = look(photo);
    let (angle, level, lines_box) = level_text(&text, &rgb, q.paper);
    let (lines, hmed) = lines::find(&level, lines_box);
    let paper = prep::turn_box(q.paper, -angle, level.width(), level.height());
    (level, lines.into_iter().map(|l| l.bbox).collect(), hmed, angle, [paper, lines_box])
}
