//! The photo reader in the browser: `mantetong read`'s own code
//! (mantetong-read, built without libtesseract), with its [`Ocr`] answered
//! by tesseract-wasm running beside it in the same Web Worker
//! (`reader-wasm/js/worker.js`). One engine, three doors: the app, the CLI
//! and the intake give the same reading for the same photo.
//!
//! The worker defines two synchronous functions on its global scope before
//! it calls into this module:
//! - `mttOcrLine(gray, width, height)`: the text of one line;
//! - `mttOcrLineWith(gray, width, height, whitelist)`: the same with only
//!   the characters of `whitelist` allowed (`tessedit_char_whitelist`).
//!
//! They run Tesseract with the settings of `reader/src/tess.rs` (page
//! segmentation 7, a single line; 200 dpi).
//!
//! The second opinion on a date ([`mantetong_read::rec`], PaddleOCR's line
//! recogniser, built into the native doors) is a file of its own here,
//! fetched only when a photo first needs it: [`read`] notes that it was
//! wanted ([`second_wanted`]), the worker fetches it, hands it to
//! [`load_second`] and reads the photo again, so the answer is the CLI's.
//! That second reading takes Tesseract's answers from the first (kept by
//! the exact pixels and whitelist of each line: the engine answers the same
//! pixels the same way), so it costs the look and the recogniser's reads,
//! not a second Tesseract pass.

use mantetong_read::{Decoded, Gray, Ocr, ReadError};
use serde::Serialize;
use mantetong_read::rec::Rec;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = mttOcrLine, catch)]
    fn ocr_line(gray: &[u8], width: u32, height: u32) -> Result<String, JsValue>;
    #[wasm_bindgen(js_name = mttOcrLineWith, catch)]
    fn ocr_line_with(gray: &[u8], width: u32, height: u32, whitelist: &str) -> Result<String, JsValue>;
}

/// The [`Ocr`] over the worker's tesseract-wasm engine.
pub struct WorkerOcr;

fn js_err(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| "tesseract-wasm failed".into())
}

impl Ocr for WorkerOcr {

    fn line(&mut self, img: &Gray) -> Result<String, String> {
        if img.width() < 8 || img.height() < 8 {
            return Ok(String::new());
        }
        remembered(img, "", || Ok(ocr_line(img.as_raw(), img.width(), img.height()).map_err(js_err)?.trim().to_string()))
    }

    fn line_with(&mut self, img: &Gray, whitelist: &str) -> Result<String, String> {
        if img.width() < 8 || img.height() < 8 {
            return Ok(String::new());
        }
        remembered(img, whitelist, || Ok(ocr_line_with(img.as_raw(), img.width(), img.height(), whitelist).map_err(js_err)?.trim().to_string()))
    }

    fn second(&mut self, img: &Gray) -> Option<String> {
        SECOND.with(|r| match r.borrow().as_ref() {
            Some(rec) => rec.read(img).ok(),
            None => {
                WANTED.with(|w| w.set(true));
                None
            }
        })
    }
}

/// A line's pixels and whitelist: what Tesseract's answer depends on.
type LineKey = (u32, u32, String, Vec<u8>);

/// Tesseract's answer for a line: the one kept from this photo's first
/// reading, or asked for (and kept while the recogniser is not loaded, for
/// the reading again once it is).
fn remembered(img: &Gray, whitelist: &str, ask: impl FnOnce() -> Result<String, String>) -> Result<String, String> {
    let key = (img.width(), img.height(), whitelist.to_string(), img.as_raw().clone());
    if let Some(hit) = MEMO.with(|m| m.borrow().get(&key).cloned()) {
        return Ok(hit);
    }
    let text = ask()?;
    if SECOND.with(|r| r.borrow().is_none()) {
        MEMO.with(|m| m.borrow_mut().insert(key, text.clone()));
    }
    Ok(text)
}

thread_local! {
    /// Tesseract's answers of the photo's first reading while the second
    /// opinion was not loaded, by line (see [`remembered`]); emptied when
    /// a photo is decoded and after any reading that will not be redone.
    static MEMO: RefCell<HashMap<LineKey, String>> = RefCell::new(HashMap::new());
    /// The photo decoded by [`decode`], waiting for [`read`].
    static PHOTO: RefCell<Option<Decoded>> = const { RefCell::new(None) };
    /// The second-opinion recogniser, once [`load_second`] has it.
    static SECOND: RefCell<Option<Rec>> = const { RefCell::new(None) };
    /// Whether the last [`read`] asked for the second opinion it did not have.
    static WANTED: Cell<bool> = const { Cell::new(false) };
}

/// Loads the second-opinion recogniser (the file `scripts/rec-model.py`
/// writes): `""`, or why it cannot be used.
#[wasm_bindgen]
pub fn load_second(bytes: &[u8]) -> String {
    match Rec::load(bytes) {
        Ok(rec) => {
            SECOND.with(|r| *r.borrow_mut() = Some(rec));
            String::new()
        }
        Err(e) => e.to_string(),
    }
}

/// Whether the last [`read`] wanted the second opinion before it was loaded
/// (read the photo again after [`load_second`] to get the CLI's answer).
#[wasm_bindgen]
pub fn second_wanted() -> bool {
    WANTED.with(|w| w.get())
}

/// What [`decode`] answers: the photo's size, or why it cannot be read.
#[derive(Serialize)]
struct Decode {
    ok: bool,
    width: u32,
    height: u32,
    /// `empty`, `not_an_image`, `pdf`, `heic`, `unsupported`, `too_large`, `damaged`.
    error: Option<&'static str>,
    /// The CLI's own line for the error (English).
    message: Option<String>,
}

fn error_code(e: &ReadError) -> &'static str {
    match e {
        ReadError::Empty => "empty",
        ReadError::NotAnImage => "not_an_image",
        ReadError::Pdf => "pdf",
        ReadError::Heic => "heic",
        ReadError::Unsupported(_) => "unsupported",
        ReadError::TooLarge { .. } => "too_large",
        ReadError::Damaged(_) => "damaged",
    }
}

/// Decodes a photo (bounded, as the CLI does) and keeps it for [`read`].
/// Cheap next to the reading: it needs no OCR, so a damaged or refused file
/// is told at once, before the OCR engine has even arrived.
#[wasm_bindgen]
pub fn decode(bytes: &[u8]) -> String {
    let answer = match mantetong_read::decode(bytes) {
        Ok(photo) => {
            MEMO.with(|m| m.borrow_mut().clear());
            let d = Decode { ok: true, width: photo.width, height: photo.height, error: None, message: None };
            PHOTO.with(|p| *p.borrow_mut() = Some(photo));
            d
        }
        Err(e) => {
            PHOTO.with(|p| *p.borrow_mut() = None);
            Decode { ok: false, width: 0, height: 0, error: Some(error_code(&e)), message: Some(e.to_string()) }
        }
    };
    serde_json::to_string(&answer).unwrap_or_default()
}

/// Reads the photo kept by [`decode`]: `mantetong read`'s JSON (contract
/// v1.1, "Reading a photo"), or `""` when no photo is kept. `today` is the
/// caller's date (a date after it is a misreading).
#[wasm_bindgen]
pub fn read(year: i32, month: u32, day: u32) -> String {
    WANTED.with(|w| w.set(false));
    let json = PHOTO.with(|p| match p.borrow().as_ref() {
        Some(photo) => mantetong_read::to_json(&mantetong_read::read_decoded(photo, (year, month, day), &mut WorkerOcr)),
        None => String::new(),
    });
    if !second_wanted() {
        MEMO.with(|m| m.borrow_mut().clear());
    }
    json
}
