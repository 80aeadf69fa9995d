//! Tesseract (Apache-2.0) through its small C API, linked from Debian's
//! libtesseract (`libtesseract-dev`) with the `chi_sim` data from Debian's
//! `tesseract-ocr-chi-sim`. Bound by hand: nine functions.

use crate::{Gray, Ocr, TextLine};
use std::ffi::{c_char, c_float, c_int, c_uchar, c_void, CStr, CString};

#[link(name = "tesseract")]
extern "C" {
    fn TessBaseAPICreate() -> *mut c_void;
    fn TessBaseAPIDelete(h: *mut c_void);
    fn TessBaseAPIInit3(h: *mut c_void, datapath: *const c_char, language: *const c_char) -> c_int;
    fn TessBaseAPISetPageSegMode(h: *mut c_void, mode: c_int);
    fn TessBaseAPISetVariable(h: *mut c_void, name: *const c_char, value: *const c_char) -> c_int;
    fn TessBaseAPISetImage(h: *mut c_void, data: *const c_uchar, w: c_int, h_: c_int, bpp: c_int, bpl: c_int);
    fn TessBaseAPISetSourceResolution(h: *mut c_void, ppi: c_int);
    fn TessBaseAPIRecognize(h: *mut c_void, monitor: *mut c_void) -> c_int;
    fn TessBaseAPIGetUTF8Text(h: *mut c_void) -> *mut c_char;
    fn TessBaseAPIGetIterator(h: *mut c_void) -> *mut c_void;
    fn TessBaseAPIClear(h: *mut c_void);
    fn TessResultIteratorDelete(it: *mut c_void);
    fn TessResultIteratorGetPageIterator(it: *mut c_void) -> *mut c_void;
    fn TessResultIteratorGetUTF8Text(it: *const c_void, level: c_int) -> *mut c_char;
    fn TessResultIteratorConfidence(it: *const c_void, level: c_int) -> c_float;
    fn TessResultIteratorNext(it: *mut c_void, level: c_int) -> c_int;
    fn TessPageIteratorBoundingBox(it: *const c_void, level: c_int, l: *mut c_int, t: *mut c_int, r: *mut c_int, b: *mut c_int) -> c_int;
    fn TessDeleteText(text: *const c_char);
}

const PSM_AUTO: c_int = 3;
const PSM_SINGLE_LINE: c_int = 7;
const RIL_TEXTLINE: c_int = 2;

/// One Tesseract engine with the simplified Chinese data (and its digits).
pub struct Tesseract {
    h: *mut c_void,
}

// The handle is used by one thread at a time (`&mut self`).
unsafe impl Send for Tesseract {}

impl Tesseract {
    /// Starts the engine; `TESSDATA_PREFIX` overrides where the data is.
    pub fn new() -> Result<Tesseract, String> {
        Self::with_language("chi_sim")
    }

    pub fn with_language(lang: &str) -> Result<Tesseract, String> {
        let lang_c = CString::new(lang).map_err(|_| "bad language".to_string())?;
        unsafe {
            let h = TessBaseAPICreate();
            if h.is_null() {
                return Err("tesseract: cannot start".into());
            }
            if TessBaseAPIInit3(h, std::ptr::null(), lang_c.as_ptr()) != 0 {
                TessBaseAPIDelete(h);
                return Err(format!(
                    "tesseract: no \"{lang}\" data (install tesseract-ocr-chi-sim, or set TESSDATA_PREFIX)"
                ));
            }
            let t = Tesseract { h };
            t.set("debug_file", "/dev/null");
            Ok(t)
        }
    }

    fn set(&self, name: &str, value: &str) {
        if let (Ok(n), Ok(v)) = (CString::new(name), CString::new(value)) {
            unsafe {
                TessBaseAPISetVariable(self.h, n.as_ptr(), v.as_ptr());
            }
        }
    }

    fn set_image(&mut self, img: &Gray, psm: c_int) {
        unsafe {
            TessBaseAPIClear(self.h);
            TessBaseAPISetPageSegMode(self.h, psm);
            TessBaseAPISetImage(self.h, img.as_raw().as_ptr(), img.width() as c_int, img.height() as c_int, 1, img.width() as c_int);
            TessBaseAPISetSourceResolution(self.h, 200);
        }
    }
}

unsafe fn take_text(p: *mut c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    let s = CStr::from_ptr(p).to_string_lossy().into_owned();
    TessDeleteText(p);
    s
}

impl Ocr for Tesseract {
    fn page(&mut self, img: &Gray) -> Result<Vec<TextLine>, String> {
        if img.width() < 8 || img.height() < 8 {
            return Ok(vec![]);
        }
        self.set_image(img, PSM_AUTO);
        let mut out = Vec::new();
        unsafe {
            if TessBaseAPIRecognize(self.h, std::ptr::null_mut()) != 0 {
                return Err("tesseract: recognition failed".into());
            }
            let it = TessBaseAPIGetIterator(self.h);
            if it.is_null() {
                return Ok(out);
            }
            loop {
                let text = take_text(TessResultIteratorGetUTF8Text(it, RIL_TEXTLINE));
                let conf = TessResultIteratorConfidence(it, RIL_TEXTLINE);
                let (mut l, mut t, mut r, mut b) = (0, 0, 0, 0);
                let pit = TessResultIteratorGetPageIterator(it);
                if TessPageIteratorBoundingBox(pit, RIL_TEXTLINE, &mut l, &mut t, &mut r, &mut b) != 0 && !text.trim().is_empty() {
                    out.push(TextLine {
                        text: text.trim().to_string(),
                        bbox: [l.max(0) as u32, t.max(0) as u32, (r - l).max(1) as u32, (b - t).max(1) as u32],
                        confidence: conf,
                    });
                }
                if TessResultIteratorNext(it, RIL_TEXTLINE) == 0 {
                    break;
                }
            }
            TessResultIteratorDelete(it);
        }
        Ok(out)
    }

    fn line(&mut self, img: &Gray) -> Result<String, String> {
        if img.width() < 8 || img.height() < 8 {
            return Ok(String::new());
        }
        self.set_image(img, PSM_SINGLE_LINE);
        unsafe { Ok(take_text(TessBaseAPIGetUTF8Text(self.h)).trim().to_string()) }
    }

    fn line_with(&mut self, img: &Gray, whitelist: &str) -> Result<String, String> {
        self.set("tessedit_char_whitelist", whitelist);
        let r = self.line(img);
        self.set("tessedit_char_whitelist", "");
        r
    }
}

impl Drop for Tesseract {
    fn drop(&mut self) {
        unsafe { TessBaseAPIDelete(self.h) }
    }
}
