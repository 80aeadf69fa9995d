//! Tesseract (Apache-2.0) through its small C API, linked from Debian's
//! libtesseract (`libtesseract-dev`), with the `chi_sim` data of Debian's
//! `tesseract-ocr-chi-sim` built in (without its word list). Bound by hand.

use crate::{Gray, Ocr};
use std::ffi::{c_char, c_int, c_uchar, c_void, CStr, CString};

#[link(name = "tesseract")]
extern "C" {
    fn TessBaseAPICreate() -> *mut c_void;
    fn TessBaseAPIDelete(h: *mut c_void);
    fn TessBaseAPIInit5(
        h: *mut c_void,
        data: *const c_char,
        data_size: c_int,
        language: *const c_char,
        mode: c_int,
        configs: *mut *mut c_char,
        configs_size: c_int,
        vars_vec: *mut *mut c_char,
        vars_values: *mut *mut c_char,
        vars_vec_size: usize,
        set_only_non_debug_params: c_int,
    ) -> c_int;
    fn TessBaseAPISetPageSegMode(h: *mut c_void, mode: c_int);
    fn TessBaseAPISetVariable(h: *mut c_void, name: *const c_char, value: *const c_char) -> c_int;
    fn TessBaseAPISetImage(h: *mut c_void, data: *const c_uchar, w: c_int, h_: c_int, bpp: c_int, bpl: c_int);
    fn TessBaseAPISetSourceResolution(h: *mut c_void, ppi: c_int);
    fn TessBaseAPIGetUTF8Text(h: *mut c_void) -> *mut c_char;
    fn TessBaseAPIGetHOCRText(h: *mut c_void, page_number: c_int) -> *mut c_char;
    fn TessBaseAPIClear(h: *mut c_void);
    fn TessDeleteText(text: *const c_char);
}

const PSM_SINGLE_LINE: c_int = 7;
const OEM_DEFAULT: c_int = 3;

/// The data both doors read (reader/model/chi_sim.traineddata, written by
/// scripts/setup.sh with scripts/tessdata-strip.py): Debian's chi_sim
/// without its word list. The browser fetches the same file.
const CHI_SIM: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/model/chi_sim.traineddata"));

/// One Tesseract engine with the simplified Chinese data (and its digits).
pub struct Tesseract {
    h: *mut c_void,
}

// The handle is used by one thread at a time (`&mut self`).
unsafe impl Send for Tesseract {}

impl Tesseract {
    /// Starts the engine with the data built in ([`CHI_SIM`]: the same as
    /// the browser's); where `MTT_TESSDATA` names a traineddata file (as it
    /// does for scripts/build-reader.mjs), with that file instead, so both
    /// doors can be tried on other data alike.
    pub fn new() -> Result<Tesseract, String> {
        match std::env::var_os("MTT_TESSDATA") {
            Some(path) => {
                let data = std::fs::read(&path).map_err(|e| format!("tesseract: MTT_TESSDATA {}: {e}", path.to_string_lossy()))?;
                Self::with_data(&data)
            }
            None => Self::with_data(CHI_SIM),
        }
    }

    /// Starts the engine on simplified Chinese data held in memory.
    pub fn with_data(data: &[u8]) -> Result<Tesseract, String> {
        let size = c_int::try_from(data.len()).map_err(|_| format!("tesseract: data of {} bytes is too large", data.len()))?;
        unsafe {
            let h = TessBaseAPICreate();
            if h.is_null() {
                return Err("tesseract: cannot start".into());
            }
            let null = std::ptr::null_mut();
            if TessBaseAPIInit5(h, data.as_ptr() as *const c_char, size, c"chi_sim".as_ptr(), OEM_DEFAULT, null, 0, null, null, 0, 0) != 0 {
                TessBaseAPIDelete(h);
                return Err("tesseract: the chi_sim data did not load (run scripts/setup.sh again)".into());
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

impl Tesseract {
    /// One line's text and its hOCR with the LSTM's alternatives for each
    /// symbol (`lstm_choice_mode` 2: `ocr_symbol` spans of timesteps, each
    /// with its `ocrx_cinfo` choices and their confidences), from one
    /// recognition.
    pub fn line_hocr(&mut self, img: &Gray) -> Result<(String, String), String> {
        if img.width() < 8 || img.height() < 8 {
            return Ok((String::new(), String::new()));
        }
        self.set("lstm_choice_mode", "2");
        self.set_image(img, PSM_SINGLE_LINE);
        let r = unsafe {
            let hocr = take_text(TessBaseAPIGetHOCRText(self.h, 0));
            let text = take_text(TessBaseAPIGetUTF8Text(self.h)).trim().to_string();
            (text, hocr)
        };
        self.set("lstm_choice_mode", "0");
        Ok(r)
    }
}

impl Ocr for Tesseract {

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

    fn second(&mut self, img: &Gray) -> Option<String> {
        crate::rec::embedded().and_then(|r| r.read(img).ok())
    }
}

impl Drop for Tesseract {
    fn drop(&mut self) {
        unsafe { TessBaseAPIDelete(self.h) }
    }
}
