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
mod frame;
mod lines;
mod prep;
mod quality;
pub mod rec;
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
    /// A second engine's read of a levelled line crop ([`rec::Rec`]:
    /// PaddleOCR's line recogniser), asked only where the first engine's
    /// reads kept no date (`date::second_opinion`); `None` where there is
    /// no second engine (then the reading is the first engine's alone).
    fn second(&mut self, img: &Gray) -> Option<String> {
        let _ = img;
        None
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
    /// The paper's box grown over its shadowed ends on `rgb` ([`prep::text_box`]).
    grown: [u32; 4],
    /// The seal step's own finding (its candidates, for the report).
    pub seal: SealFinding,
    /// Wall time of the seal step (zero in wasm, which has no clock here).
    pub seal_time: std::time::Duration,
}

/// Diagnostic (the `maskdump` example): the balanced photo's red masks as
/// one picture, red the strict level, green the faint, blue the trace.
#[doc(hidden)]
pub fn red_mask_picture(photo: &Decoded) -> image::RgbImage {
    let work = prep::balance(&photo.work);
    let (w, h) = work.rgb.dimensions();
    let m = seal::red_masks(&work.rgb, [0, 0, w, h]);
    image::RgbImage::from_fn(w, h, |x, y| image::Rgb([m.strict.get_pixel(x, y).0[0], m.faint.get_pixel(x, y).0[0], m.trace.get_pixel(x, y).0[0]]))
}

/// The paper level (of 255) from which a blurry paper counts as lit (see `look`).
const LIT_PAPER: f32 = 150.0;

/// Looks at a photo: balance, quality, skew, seal (no OCR).
pub fn look(photo: &Decoded) -> Look {
    look_smoothed(photo, prep::DIM_SMOOTH)
}

/// [`look`], a dark photo's grain smoothed by `smooth` ([`prep::dim`]).
fn look_smoothed(photo: &Decoded, smooth: f32) -> Look {
    let work = prep::balance(&photo.work);
    // A dark photo's text greys from the photo with its grain smoothed
    // away (`prep::dim`); its quality and seal as the photo itself gives.
    let dim = (work.paper_level < quality::DARK_PAPER_LEVEL).then(|| prep::dim(&photo.work, smooth));
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
    // The paper grown over its shadowed ends (`prep::text_box`) on the grey
    // the date is read from: where its lines are looked for (`Level`).
    let grown = prep::text_box(dim.as_ref().map_or(&work.rgb, |d| &d.rgb), q.paper);
    let angle = prep::skew_angle(&text);
    #[cfg(not(target_arch = "wasm32"))]
    let t0 = std::time::Instant::now();
    // No paper: only a seal found at the strict level matters (below).
    let s = if q.quality == Quality::NotADocument {
        seal::find_plain(&work.rgb, q.paper, angle)
    } else if q.quality == Quality::Small {
        seal::find_enlarged(&work.rgb, q.paper, angle)
    } else {
        // The paper's box grown over its shadowed ends (`prep::text_box`):
        // a shadow across the top of a dim photo left the quality step's box
        // below a seal there, and the red cut at its edge went with the
        // surround (991121 044, 991111 065: `absent`).
        // (A dark photo's seal is looked for on the photo itself, so on its box.)
        let seal_paper = if dim.is_some() { prep::text_box(&work.rgb, q.paper) } else { grown };
        // An ok photo read whole: the paper may be a part of it the frame
        // did not find, its seal under the least width measured against
        // the photo (`seal::find_or_small`).
        let s = if q.quality == Quality::Ok && !matches!(photo.paper, frame::Paper::Part(_)) {
            seal::find_or_small(&work.rgb, seal_paper, angle)
        } else {
            seal::find(&work.rgb, seal_paper, angle, q.quality == Quality::Ok)
        };
        if s.verdict == SealVerdict::Unsure && q.quality == Quality::Ok {
            seal_second_look(s, &work.rgb, seal_paper, angle)
        } else {
            s
        }
    };
    #[cfg(not(target_arch = "wasm32"))]
    let seal_time = t0.elapsed();
    #[cfg(target_arch = "wasm32")]
    let seal_time = std::time::Duration::ZERO;
    // A blurry photo's blurred discs (`seal::blur_discs`).
    let mut s = s;
    let discs = (q.quality == Quality::Blurry).then(|| seal::blur_discs(&work.rgb, q.paper));
    if let Some((body, head)) = discs {
        for (k, d) in [("body", body), ("head", head)] {
            if let Some(d) = d {
                s.candidates.push(format!(
                    "disc {k} score={} rim={} middle={} rel={:.2} header={} {:?}",
                    d.score(),
                    d.rim,
                    d.middle,
                    d.rel,
                    d.in_header,
                    d.b
                ));
            }
        }
    }
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
    if let Some((body, head)) = discs {
        let doubt = reading.seal == SealVerdict::Unsure && s.verdict == SealVerdict::Absent;
        let v = seal::blurry_verdict(s.verdict, s.bbox, s.star, s.empty_ring, doubt, body, head, work.paper_level >= LIT_PAPER);
        if v != reading.seal {
            detail += &format!(" blurry:{:?}->{:?}", reading.seal, v);
        }
        reading.seal = v;
        if v == SealVerdict::Absent {
            reading.seal_box = None;
        } else if v == SealVerdict::Found && reading.seal_box.is_none() {
            // Found by its disc alone: the disc is the seal's box.
            reading.seal_box = body.map(|d| photo.to_original([d.b[0], d.b[1], d.b[2] - d.b[0] + 1, d.b[3] - d.b[1] + 1]));
        }
    }
    // A seal found at the photo's own edge must lie on paper
    // ([`seal::EDGE_SEAL_PAPER_SHARE`]).
    if let (SealVerdict::Found, Some(b), Some(ob)) = (reading.seal, s.bbox, reading.seal_box) {
        let [pw, ph] = photo.whole;
        let m = pw.max(ph) / 100;
        let at_edge = ob[0] <= m || ob[1] <= m || ob[0] + ob[2] + m >= pw || ob[1] + ob[3] + m >= ph;
        if at_edge {
            let share = seal::paper_share_in(&work.rgb, b);
            detail += &format!(" edge_paper={share:.2}");
            if share < seal::EDGE_SEAL_PAPER_SHARE {
                reading.seal = SealVerdict::Unsure;
            }
        }
    }
    if q.quality != Quality::Ok && q.quality != Quality::NotADocument && reading.seal == SealVerdict::Absent && s.star_seen {
        // A clear star in part of a ring, at any level, on a blurry, dark
        // or tiny photo: a seal too faint or small for the seal step's
        // finding is still no `absent` (--poor 992001 015, a tiny photo's
        // faded seal over the date).
        reading.seal = SealVerdict::Unsure;
    }
    let rgb = dim.map_or(work.rgb, |d| d.rgb);
    Look { reading, detail, text, plain, rgb, flat, q, grown, seal: s, seal_time }
}

/// The smaller scales a doubt about the seal is looked at again at
/// ([`seal_second_look`]), as parts of the photo's working size.
const SEAL_SECOND_SCALES: [f32; 2] = [0.8, 0.65];

/// A doubt about the seal on an ok photo, looked at again on the photo
/// made smaller at each of [`SEAL_SECOND_SCALES`]: where every smaller
/// look gives the same answer that is no doubt (found, with its box, or
/// absent with no stamp-like ring seen), that answer is taken; anything
/// else leaves the doubt. The seal step's measures sit near their bounds
/// on such a photo, and a photo's scale moves them (the same photo read
/// `unsure` at one size and `found` at three others). A pen's thin line
/// fades as the photo shrinks, a stamp's band does not: a faded seal
/// read `absent` at both smaller sizes still showed its ring there (draw
/// 991182 009), red pen writing did not (991184 026, 044). One look alone
/// at another size was sometimes wrong (a seal `absent` at one of them);
/// measured in docs/bench-read-notes.md.
fn seal_second_look(first: seal::SealFinding, rgb: &image::RgbImage, paper: seal::Paper, angle: f32) -> seal::SealFinding {
    let (w, h) = rgb.dimensions();
    let mut agreed: Option<(f32, seal::SealFinding)> = None;
    for k in SEAL_SECOND_SCALES {
        let (sw, sh) = (((w as f32 * k) as u32).max(1), ((h as f32 * k) as u32).max(1));
        let small = image::imageops::resize(rgb, sw, sh, image::imageops::FilterType::Triangle);
        let f = seal::find(&small, paper.map(|v| (v as f32 * k) as u32), angle, true);
        let ringed_absent = f.verdict == SealVerdict::Absent && f.ring_seen;
        if f.verdict == SealVerdict::Unsure || ringed_absent || agreed.as_ref().is_some_and(|(_, a)| a.verdict != f.verdict) {
            return first;
        }
        agreed.get_or_insert((k, f));
    }
    let Some((k, mut f)) = agreed else { return first };
    f.bbox = f.bbox.map(|b| b.map(|v| (v as f32 / k).round() as u32));
    f.detail = format!("second look x{k} star_seen={} ring_seen={} roundish={} {} (first: {})", f.star_seen, f.ring_seen, f.roundish, f.detail, first.detail);
    f.candidates.extend(first.candidates);
    f
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
///
/// The date is read from the page turned upright: a page whose print runs
/// down the photo ([`prep::quarter_turned`]) is turned a quarter first;
/// and when the lines read show no words of a paper at all
/// ([`reads_upright`]: the print was upside down), no date was found and
/// the photo is clear, the page is read once more turned half round.
/// Which way is read first comes from the picture ([`prep::way_up`]: lines
/// on a common left margin, tall lines at the top): a page that looks half
/// turned is read half turned first (sideways: the other quarter first),
/// and read the other way too when that shows no paper word, whatever its
/// quality; a page the cue is unsure of is read as before. The
/// quality is always the photo's own, as it is; so is the seal, unless the
/// date was found on a turned page (then the seal as seen upright).
///
/// A dark photo whose reading kept no date is read once more with its
/// grain smoothed more ([`prep::DIM_SMOOTH_AGAIN`]); only its date is
/// taken (the seal and quality stay the first reading's: the smoothing
/// moves the skew the seal step is given).
pub fn read_with_detail(photo: &Decoded, today: Today, ocr: &mut dyn Ocr) -> (Reading, String) {
    let (mut reading, mut detail) = read_smoothed(photo, today, ocr, prep::DIM_SMOOTH);
    if reading.quality != Quality::Dark || reading.date.is_some() {
        return (reading, detail);
    }
    let (again, more) = read_smoothed(photo, today, ocr, prep::DIM_SMOOTH_AGAIN);
    detail += &format!("\n  smoothed more: {more}");
    if again.date.is_some() {
        (reading.date, reading.date_text, reading.date_label) = (again.date, again.date_text, again.date_label);
    }
    (reading, detail)
}

/// [`read_with_detail`]'s one reading, a dark photo smoothed by `smooth`.
fn read_smoothed(photo: &Decoded, today: Today, ocr: &mut dyn Ocr, smooth: f32) -> (Reading, String) {
    let first = look_smoothed(photo, smooth);
    let (mut reading, mut detail) = (first.reading.clone(), first.detail.clone());
    // A small photo's date is read from the photo enlarged (its quality
    // and seal stay as found on the photo itself; it is not turned).
    let big = (first.q.quality == Quality::Small).then(|| enlarged(photo)).flatten().map(|big| look_smoothed(&big, smooth));
    if let Some(l) = &big {
        detail += &format!(" enlarged[{}]", l.detail.lines().next().unwrap_or(""));
    }
    let upright = big.as_ref().unwrap_or(&first);
    if !upright.q.usable {
        return (reading, detail);
    }
    // The upright page levelled once: its paper blocks serve the skew and
    // the quarter-turn test, its lines the way-up cue.
    let mask = prep::paper_blocks(&upright.text);
    let level0 = Level::of(upright, &mask);
    let sideways = big.is_none() && prep::quarter_turned(&first.text, first.q.paper, &mask);
    // Which way up, from the picture (`prep::way_up`): a page whose print
    // looks half turned is read that way first. Sideways, the page turned
    // a quarter clockwise is judged alike: looking half turned, it is
    // read the other quarter first.
    let mut pages: Vec<(u8, Option<(Look, Level)>)> = if sideways {
        let q1 = look_smoothed(&photo.turned(1), smooth);
        let l1 = Level::of(&q1, &prep::paper_blocks(&q1.text));
        let up = l1.way_up();
        detail += &format!(" way_up[turned 90]={up:?}");
        if up == prep::WayUp::HalfTurned {
            vec![(3, None), (1, Some((q1, l1)))]
        } else {
            vec![(1, Some((q1, l1))), (3, None)]
        }
    } else if big.is_none() {
        let up = level0.way_up();
        detail += &format!(" way_up={up:?}");
        if up == prep::WayUp::HalfTurned {
            vec![(2, None), (0, None)]
        } else {
            vec![(0, None), (2, None)]
        }
    } else {
        // (A small photo read enlarged is never turned.)
        vec![(0, None)]
    };
    // The first way read was chosen from the picture, not the photo as
    // it was taken: if its reads show no paper word, the other way is
    // read too, whatever the photo's quality (the cue may be wrong).
    let cue_first = pages[0].0 != if sideways { 1 } else { 0 };
    // A blurry or dark photo's reads are garbled whichever way up (the
    // second read cost twice the calls there and found nothing on four
    // draws): only a clear photo is read the other way too, unless the
    // first way was the cue's.
    let both = pages.len() == 2 && (first.q.quality == Quality::Ok || cue_first);
    // The quarter-turn test can be wrong too: an upright page of small
    // print on a bed sheet's dots was judged sideways, and its upright
    // way was never read (independent set h94 a 074, 071, d 093: eleven
    // upright pages on six sets, none of their dates read). Where both
    // ways the test chose are probed and show no paper word, the other
    // two ways are probed as well (on a clear photo only: a blurry
    // one's reads are garbled every way). Only where the test said
    // sideways: each way more costs a look of its own (2-5 s at 4x CPU in
    // Chromium), and a page taken as upright and garbled both ways (the
    // golden `edge-065.jpg`) went from 11 to 25 s probed four ways; of the
    // dates the four ways gave, one was on a page taken as upright (h94 a
    // 066).
    if both && first.q.quality == Quality::Ok && sideways {
        pages.extend([(0, None), (2, None)]);
    }
    // Each way's look, made once (the upright one is `upright`).
    let mut looks: Vec<Option<(Look, Level)>> = pages.iter_mut().map(|p| p.1.take()).collect();
    let mut levels: Vec<Option<Level>> = (0..pages.len()).map(|_| None).collect();
    if let Some(i0) = pages.iter().position(|p| p.0 == 0) {
        levels[i0] = Some(level0);
    }
    // Where both ways may be read, each is first only probed (`Probe`):
    // read on while its first reads show print the right way up, stopped
    // after [`PROBE_READS`] that show none. A page upside down whose cue
    // was unsure cost its wrong way's whole budget (12-18 calls) before
    // the right way was read (20-29 calls a photo). Stopped both ways,
    // the first way is read again in full (its reads so far replayed, not
    // made again): a page garbled both ways is read as it was before.
    let mut probed: Vec<Option<Vec<Past>>> = vec![None; pages.len()];
    let order: Vec<(usize, bool)> = if both {
        (0..pages.len()).map(|i| (i, true)).chain([(0, false)]).collect()
    } else {
        vec![(0, false)]
    };
    let mut k = 0;
    while k < order.len() {
        let (i, probe) = order[k];
        k += 1;
        let t = pages[i].0;
        if t != 0 && looks[i].is_none() {
            let own = look_smoothed(&photo.turned(t), smooth);
            let v = Level::of(&own, &prep::paper_blocks(&own.text));
            looks[i] = Some((own, v));
        }
        let (page, lvl) = match (&looks[i], &levels[i]) {
            (Some((l, v)), _) => (l, v),
            (None, Some(v)) => (upright, v),
            (None, None) => unreachable!("each way's look is made above"),
        };
        if t != 0 {
            detail += &format!(
                "\n  turned {} degrees{}",
                90 * t as u32,
                if probe { " (probed)" } else { "" }
            );
        } else if probe {
            detail += "\n  probed";
        }
        let mut trace = DateTrace::default();
        let past = probed[i].take().unwrap_or_default();
        let mut gate = Probe {
            ocr: &mut *ocr,
            on: probe,
            reads: 0,
            upright: false,
            until: past.len(),
            past,
            replay: 0,
        };
        let found = read_page(page, lvl, today, &mut gate, &mut trace, &mut detail);
        let stopped = !gate.open();
        probed[i] = Some(std::mem::take(&mut gate.past));
        // The page's up is known where its date was found this way, or its
        // reads showed paper words the right way up: the seal as seen
        // upright (a red letterhead or emblem at the photo's foot or side is
        // no longer taken for a seal below the letterhead). (Before, only
        // with a date: a sideways page whose date was not read kept its
        // emblem `found`, h94 b 011.)
        let upright_here = found.is_some() || (!stopped && reads_upright(&trace));
        if t != 0 && upright_here {
            reading.seal = page.reading.seal;
            // (The turned photo is at working size: its boxes are in the
            // turned working pixels.)
            reading.seal_box = page
                .reading
                .seal_box
                .map(|b| photo.to_original(photo.from_turned(t, b)));
        }
        if let Some(found) = found {
            reading.date = Some(found.iso());
            reading.date_text = Some(found.text);
            reading.date_label = found.label;
            break;
        }
        // A way read in full (not stopped) whose reads showed print the
        // right way up is the page's way: nothing more to read.
        if !stopped && (reads_upright(&trace) || !probe) {
            break;
        }
    }
    (reading, detail)
}

/// A small photo (quality `small`) whose long side is at least
/// [`SMALL_READ_FROM`] px, enlarged to [`SMALL_READ_LONG`] px for the
/// date's reading (Catmull-Rom); `None` for any other photo. At 300-420 px
/// a full page's print is 4-6 px high, beyond reading; a half page's, or
/// large print, is 7-9 px, and enlarged reads (the dated line then 21 px
/// high, as a 1024-px photo's). Measured on the 57 small photos of the
/// `--poor` draws 990333 and 990334 and the draws 990421 and 990422
/// (docs/bench-read-notes.md, i13-dim): 2 dates read right, none wrong.
/// A photo smaller than that was never measured: not read.
fn enlarged(photo: &Decoded) -> Option<Decoded> {
    let (w, h) = photo.work.dimensions();
    let long = w.max(h);
    if !(SMALL_READ_FROM..quality::MIN_LONG_SIDE).contains(&long) {
        return None;
    }
    let k = SMALL_READ_LONG as f32 / long as f32;
    let (bw, bh) = ((w as f32 * k) as u32, (h as f32 * k) as u32);
    Some(Decoded::from_rgb(image::imageops::resize(&photo.work, bw, bh, image::imageops::FilterType::CatmullRom)))
}

/// [`enlarged`]'s bounds: the least long side read, and the long side read at.
const SMALL_READ_FROM: u32 = 300;
const SMALL_READ_LONG: u32 = 1000;

/// The date on one look of the page (the OCR's answers added to `detail`).
fn read_page(page: &Look, lvl: &Level, today: Today, ocr: &mut dyn Ocr, trace: &mut DateTrace, detail: &mut String) -> Option<DateFound> {
    let Level { angle, ref level, lines_box: paper } = *lvl;
    *detail += &format!(" text_angle={angle:.1}");
    let s = &page.seal;
    let seal_here = s.bbox.map(|b| prep::turn_box(b, -angle, level.width(), level.height()));
    // The plain grey levelled alike, only if a line needs it.
    let plain = || prep::rotate(&page.plain, angle);
    // The red ink divided out by its colour, only if a line under a seal
    // is read, and only along the seal's rows (`underseal.rs`).
    let seal_free = || s.bbox.and_then(|b| underseal::seal_free(&page.rgb, &page.flat, b, angle, &level));
    let mut found = date::read_date(&level, &plain, &seal_free, paper, seal_here, today, ocr, trace);
    if found.is_none() {
        found = date::second_opinion(today, ocr, trace);
    }
    *detail += &format!(" lines={} ocr_line_calls={} ocr_kpx={}", trace.lines_found, trace.line_calls, trace.pixels / 1000);
    for c in &s.candidates {
        *detail += "\n  seal candidate ";
        *detail += c;
    }
    for t in &trace.texts {
        *detail += "\n  ocr ";
        *detail += t;
    }
    found
}

/// Words nearly every paper prints (its kind, its fields, its labels):
/// a page read upright shows at least one in the lines read; print read
/// upside down comes out as characters that never make one.
const PAPER_WORDS: &[&str] = &[
    "医院", "姓名", "性别", "年龄", "日期", "诊断", "科室", "检查", "报告", "证明", "医师", "医生", "门诊", "住院",
    "病历", "签名", "时间", "打印", "出生", "结果", "意见", "治疗", "疾病", "患者", "病情", "建议",
    // A lab report's (检验者, 检验项目, 审核者, 参考区间: its probe read
    // three of these and stopped, independent set h93 a, 039).
    "检验", "审核", "项目", "参考",
];

/// Whether any line read in full (not digits only) shows a word of a paper.
fn reads_upright(trace: &DateTrace) -> bool {
    trace
        .reads
        .iter()
        .any(|(_, digits, text)| !digits && shows_upright(text))
}

/// Whether one full read shows print the right way up: a word of a paper,
/// or a year of this century with more digits after it (`202502 20`: a
/// date whose label was garbled). Upside down, digits read as letters
/// (`ZE6ZZL`, `0SZ0`), and 20 with two digits and more never came out.
fn shows_upright(text: &str) -> bool {
    let text: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let s: String = text.iter().collect();
    if PAPER_WORDS.iter().any(|w| s.contains(w)) {
        return true;
    }
    // 20dd, then at most one other character, then a digit.
    text.windows(6).any(|w| {
        w[0] == '2'
            && w[1] == '0'
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
            && (w[4].is_ascii_digit() || w[5].is_ascii_digit())
    })
}

/// The reads a page read the other way gets before it must show print
/// the right way up (a paper's foot, its print time or signature, read
/// first from the bottom, carry a paper word).
const PROBE_READS: u32 = 4;

/// One call the engine answered: the image, the whitelist, the text.
type Past = (Gray, Option<String>, String);

/// The engine as one way of a page is read through: when probing (`on`),
/// it stops reading (answers an error, the engine not called) once
/// [`PROBE_READS`] full reads showed no print the right way up; the calls
/// it made are kept (`past`), and a way read again in full gets them
/// replayed in order while its calls are the same ones (the reading is
/// deterministic), so no line is read twice.
struct Probe<'a> {
    ocr: &'a mut dyn Ocr,
    on: bool,
    reads: u32,
    upright: bool,
    past: Vec<Past>,
    /// The next past call to replay (`usize::MAX` once a call differed).
    replay: usize,
    /// How many of `past` were there to replay (the calls made before).
    until: usize,
}

impl Probe<'_> {
    fn open(&self) -> bool {
        !self.on || self.upright || self.reads < PROBE_READS
    }

    fn call(&mut self, img: &Gray, whitelist: Option<&str>) -> Result<String, String> {
        if let Some((pi, pw, pt)) = self
            .past
            .get(self.replay)
            .filter(|_| self.replay < self.until)
        {
            if pw.as_deref() == whitelist
                && pi.dimensions() == img.dimensions()
                && pi.as_raw() == img.as_raw()
            {
                let text = pt.clone();
                self.replay += 1;
                self.note(whitelist, &text);
                return Ok(text);
            }
            self.replay = usize::MAX;
        }
        if !self.open() {
            return Err("not the way up: stopped".into());
        }
        let text = match whitelist {
            Some(w) => self.ocr.line_with(img, w)?,
            None => self.ocr.line(img)?,
        };
        if self.on {
            self.past
                .push((img.clone(), whitelist.map(str::to_string), text.clone()));
        }
        self.note(whitelist, &text);
        Ok(text)
    }

    fn note(&mut self, whitelist: Option<&str>, text: &str) {
        if whitelist.is_none() {
            self.reads += 1;
            self.upright |= shows_upright(text);
        }
    }
}

impl Ocr for Probe<'_> {
    fn line(&mut self, img: &Gray) -> Result<String, String> {
        self.call(img, None)
    }

    fn line_with(&mut self, img: &Gray, whitelist: &str) -> Result<String, String> {
        self.call(img, Some(whitelist))
    }

    fn second(&mut self, img: &Gray) -> Option<String> {
        self.ocr.second(img)
    }
}

/// The text levelled by the print's own skew, measured on the paper alone
/// (the photo's dark surround pulls the whole-photo angle the seal finder
/// uses): the angle, the levelled grey page and the box of its text on it
/// (`grown`, the paper's box grown over its shadowed ends, [`Look`]'s;
/// the skew is measured on the paper's box, red ink in `rgb` left out).
fn level_text(text: &Gray, rgb: &image::RgbImage, paper: [u32; 4], grown: [u32; 4], mask: &prep::PaperMask) -> (f32, Gray, [u32; 4]) {
    let angle = prep::skew_angle_in(text, rgb, prep::inset(paper, 0.04), mask);
    let level = prep::rotate(text, angle);
    let lines_box = prep::turn_box(grown, -angle, level.width(), level.height());
    (angle, level, lines_box)
}

/// A page levelled for reading ([`level_text`]).
struct Level {
    angle: f32,
    level: Gray,
    lines_box: [u32; 4],
}

impl Level {
    fn of(page: &Look, mask: &prep::PaperMask) -> Level {
        let (angle, level, lines_box) = level_text(&page.text, &page.rgb, page.q.paper, page.grown, mask);
        Level { angle, level, lines_box }
    }

    /// Which way up its print looks, from its lines ([`prep::way_up`]).
    fn way_up(&self) -> prep::WayUp {
        let (lines, hmed) = lines::find(&self.level, self.lines_box);
        let boxes: Vec<[u32; 4]> = lines.iter().map(|l| l.bbox).collect();
        prep::way_up(&boxes, hmed)
    }
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
    let Look { text, rgb, q, grown, .. } = look(photo);
    let (angle, level, lines_box) = level_text(&text, &rgb, q.paper, grown, &prep::paper_blocks(&text));
    let (lines, hmed) = lines::find(&level, lines_box);
    let paper = prep::turn_box(q.paper, -angle, level.width(), level.height());
    (level, lines.into_iter().map(|l| l.bbox).collect(), hmed, angle, [paper, lines_box])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An OCR that counts the lines it is given and reads nothing.
    struct Count(u32);
    impl Ocr for Count {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            self.0 += 1;
            Ok(String::new())
        }
    }

    #[test]
    fn a_small_photos_date_is_read_enlarged_from_300_px_and_its_quality_stays_small() {
        // (long side, enlarged to that long side, lines read). Under 300 px
        // never measured: not read; 640 px and up is no small photo (read
        // as it is). A page of eight lines of print.
        let cases = [(250, None, false), (299, None, false), (300, Some(1000), true), (420, Some(1000), true), (1024, None, true)];
        for (long, size, read) in cases {
            let photo = Decoded::from_rgb(quality::tests::paper_photo(8, 0.0, 0, (long as f32 + 0.5) / 1640.0));
            assert_eq!(photo.work.width().max(photo.work.height()), long);
            let got = enlarged(&photo).map(|d| d.work.width().max(d.work.height()));
            assert_eq!(got, size, "{long} px");
            let mut ocr = Count(0);
            let (r, detail) = read_with_detail(&photo, (2026, 11, 30), &mut ocr);
            let want = if long < quality::MIN_LONG_SIDE { Quality::Small } else { Quality::Ok };
            assert_eq!(r.quality, want, "{long} px: {detail}");
            assert_eq!(ocr.0 > 0, read, "{long} px: {} lines read: {detail}", ocr.0);
        }
    }

    #[test]
    fn a_seal_in_a_shadow_over_the_papers_top_is_found() {
        // A page of print whose top is in a soft shadow (down to 0.45 of
        // the light at the paper's edge), a seal in it: the quality step's
        // paper starts below the seal's top, the seal's paper does not.
        let mut img = quality::tests::paper_photo(10, 0.0, 0, 1.0);
        red_seal(&mut img, (1000, 200));
        for (_, y, p) in img.enumerate_pixels_mut() {
            let f = if y < 500 { 0.45 + 0.55 * y as f32 / 500.0 } else { 1.0 };
            p.0 = p.0.map(|c| (c as f32 * f) as u8);
        }
        let seen = look(&Decoded::from_rgb(img));
        assert!(seen.q.paper[1] > 110, "the quality step's paper starts at {:?}", seen.q.paper);
        assert_eq!(seen.reading.seal, SealVerdict::Found, "{}", seen.detail);
    }

    /// A seal of radius 110 px at `(cx, cy)`: a ring and a five-pointed
    /// star (its edge by angle).
    fn red_seal(img: &mut image::RgbImage, (cx, cy): (u32, u32)) {
        for y in cy - 130..cy + 130 {
            for x in cx - 110..cx + 110 {
                let (dx, dy) = (x as f32 - cx as f32, y as f32 - cy as f32);
                let rho = (dx * dx + dy * dy).sqrt();
                let a = dy.atan2(dx) + std::f32::consts::FRAC_PI_2;
                let k = (a * 5.0 / std::f32::consts::TAU).rem_euclid(1.0);
                let star_r = 40.0 * (0.4 + 0.6 * (1.0 - 2.0 * (k - 0.5).abs()));
                if (rho <= 110.0 && rho >= 100.0) || rho <= star_r {
                    img.put_pixel(x, y, image::Rgb([205, 40, 50]));
                }
            }
        }
    }

    #[test]
    fn a_seal_doubt_is_settled_only_where_the_smaller_looks_agree() {
        let doubt = || seal::SealFinding {
            verdict: SealVerdict::Unsure,
            bbox: None,
            detail: String::new(),
            roundish: true,
            round_body: true,
            ring_seen: true,
            body_red: true,
            star: 0.0,
            empty_ring: false,
            star_seen: false,
            candidates: Vec::new(),
        };
        let plain = quality::tests::paper_photo(10, 0.0, 0, 1.0);
        let mut sealed = plain.clone();
        red_seal(&mut sealed, (900, 1450));
        // A red ring alone, a seal's size, nothing inside (a pen's circle
        // round a line): no stamp's make at the smaller sizes.
        let mut ring = plain.clone();
        for (x, y, p) in ring.enumerate_pixels_mut() {
            let (dx, dy) = (x as f32 - 900.0, y as f32 - 1450.0);
            if (100.0..=110.0).contains(&(dx * dx + dy * dy).sqrt()) {
                *p = image::Rgb([205, 40, 50]);
            }
        }
        let paper = [60, 60, 1120, 1520];
        // (photo, the answer); the first look's doubt is the same for each
        // (a ring seen): only the smaller looks decide.
        let cases = [(&sealed, SealVerdict::Found), (&plain, SealVerdict::Absent), (&ring, SealVerdict::Absent)];
        for (photo, want) in cases {
            let got = seal_second_look(doubt(), photo, paper, 0.0);
            assert_eq!(got.verdict, want, "{}", got.detail);
            if want == SealVerdict::Found {
                // The box in the photo's own pixels, round the seal.
                let b = got.bbox.expect("a box");
                assert!(b[0] <= 800 && b[0] + b[2] >= 1000 && b[1] <= 1350 && b[1] + b[3] >= 1550, "{b:?}");
            }
        }
    }

    /// An OCR that answers its script in turn (then nothing).
    struct Said(Vec<&'static str>, usize);
    impl Ocr for Said {
        fn line(&mut self, _: &Gray) -> Result<String, String> {
            self.1 += 1;
            Ok(self.0.get(self.1 - 1).copied().unwrap_or("").to_string())
        }
    }

    #[test]
    fn the_other_way_is_read_only_while_it_shows_print_the_right_way_up() {
        // (what, the engine's answers, lines asked for, reads the engine made)
        let garbled = vec!["晤 乂 阜", "dIL 盅", "SZ0Z", "汪壮"];
        let cases = [
            ("garbled: stops after four", garbled.clone(), 10, 4),
            (
                "a paper word in the fourth: reads on",
                vec!["晤", "dIL", "SZ0Z", "第1页 共1页 临汾市人民医院"],
                10,
                10,
            ),
            (
                "a date's digits in the first: reads on",
                vec!["开县日其2024-08-18"],
                10,
                10,
            ),
            ("fewer lines than the probe", garbled, 3, 3),
        ];
        let img = Gray::new(8, 8);
        for (what, script, asked, made) in cases {
            let mut engine = Said(script, 0);
            let mut probe = Probe {
                ocr: &mut engine,
                on: true,
                reads: 0,
                upright: false,
                past: Vec::new(),
                replay: 0,
                until: 0,
            };
            let answered = (0..asked).filter(|_| probe.line(&img).is_ok()).count();
            assert_eq!(engine.1, made, "{what}");
            assert_eq!(answered, made, "{what}");
        }
    }

    #[test]
    fn a_way_read_again_in_full_gets_its_probed_reads_replayed_not_made_again() {
        let lines: Vec<Gray> = (0..6u8)
            .map(|k| Gray::from_pixel(8, 8, image::Luma([k * 40])))
            .collect();
        let mut engine = Said(
            vec!["晤", "dIL", "SZ0Z", "汪壮", "姓名", "日期 2025年9月30日"],
            0,
        );
        let mut probe = Probe {
            ocr: &mut engine,
            on: true,
            reads: 0,
            upright: false,
            past: Vec::new(),
            replay: 0,
            until: 0,
        };
        let first: Vec<bool> = lines.iter().map(|l| probe.line(l).is_ok()).collect();
        assert_eq!(
            first,
            [true, true, true, true, false, false],
            "stopped after four garbled reads"
        );
        let past = std::mem::take(&mut probe.past);
        // Read again in full, the same lines in the same order: the four
        // answers come back from the past, two more from the engine.
        let mut again = Probe {
            ocr: &mut engine,
            on: false,
            reads: 0,
            upright: false,
            until: past.len(),
            past,
            replay: 0,
        };
        let texts: Vec<String> = lines.iter().map(|l| again.line(l).unwrap()).collect();
        assert_eq!(
            texts,
            ["晤", "dIL", "SZ0Z", "汪壮", "姓名", "日期 2025年9月30日"]
        );
        assert_eq!(engine.1, 6, "no line read twice");
        // A different line where the past had another: no replay after it.
        let mut engine = Said(vec!["a", "b", "c"], 0);
        let mut probe = Probe {
            ocr: &mut engine,
            on: true,
            reads: 0,
            upright: false,
            past: Vec::new(),
            replay: 0,
            until: 0,
        };
        probe.line(&lines[0]).unwrap();
        let past = std::mem::take(&mut probe.past);
        let mut again = Probe {
            ocr: &mut engine,
            on: false,
            reads: 0,
            upright: false,
            until: past.len(),
            past,
            replay: 0,
        };
        assert_eq!(again.line(&lines[1]).unwrap(), "b");
        assert_eq!(again.line(&lines[0]).unwrap(), "c");
    }

    #[test]
    fn a_page_reads_upright_when_a_full_read_shows_a_paper_word() {
        // (what, reads as (digits only, text), upright)
        let cases: [(&str, &[(bool, &str)], bool); 11] = [
            ("a label", &[(false, "开 具 日期: 2025年9月30日")], true),
            ("a lab report's signature", &[(false, "检验者 : 袁新林")], true),
            ("a field", &[(false, "姓名:张三   性别:男")], true),
            ("the hospital", &[(false, "临汾市人民医院")], true),
            ("upside-down print", &[(false, "dIL 盅 汪壮 \u{301c}"), (false, "晤 乂 阜 斤")], false),
            ("digits only", &[(true, "日期2025年9月30日")], false),
            (
                "a date under a garbled label",
                &[(false, "及音日隐202502 20")],
                true,
            ),
            ("a dashed date", &[(false, "只内 2024-08-\\&")], true),
            ("a year alone", &[(false, "2024 年度")], false),
            (
                "upside-down digits",
                &[
                    (false, "AC 7I0SZ07硬日束遇"),
                    (false, "ZE6ZZL - 所分L RS 放"),
                ],
                false,
            ),
            ("nothing read", &[], false),
        ];
        for (what, reads, want) in cases {
            let trace = DateTrace { reads: reads.iter().map(|&(d, t)| ([0, 0, 0, 0], d, t.to_string())).collect(), ..Default::default() };
            assert_eq!(reads_upright(&trace), want, "{what}");
        }
    }
}
