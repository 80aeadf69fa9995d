//! Attached papers: type sniffing from the bytes, on-device downscaling of
//! photos (which also drops EXIF, location included, since the canvas
//! re-encode carries no metadata), and storage in IndexedDB so a reload or a
//! crash loses nothing. Nothing here sends anything anywhere.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlCanvasElement, IdbDatabase, IdbRequest, IdbTransactionMode};

/// Photos are brought under this size on the device before anything else.
pub const TARGET_BYTES: u32 = 400 * 1024;

/// The real type of a file from its first bytes; `None` for anything the
/// app does not accept (whatever the file name or the browser claims).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("image/png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        [b'%', b'P', b'D', b'F', b'-', ..] => Some("application/pdf"),
        _ => None,
    }
}

/// A HEIC/HEIF photo (iPhones' own format) by its first bytes: most
/// browsers cannot open it, so it gets its own advice.
pub fn is_heic(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && [b"heic", b"heix", b"hevc", b"heim", b"heis", b"hevx", b"mif1", b"msf1"].iter().any(|b| &bytes[8..12] == *b)
}

/// Why a file could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Not a photo or PDF by its bytes.
    Refused,
    /// The browser could not decode or re-encode it.
    Failed,
    /// A HEIC photo this browser cannot open.
    Heic,
    /// The photo's file is cut short or damaged (the reader found it so).
    Damaged,
}

/// A file ready to keep: its real type, the bytes to store, and its name.
pub struct Prepared {
    pub name: String,
    pub mime: &'static str,
    pub blob: Blob,
    pub size: u32,
    /// A photo's own size in pixels (upright), before it was brought down.
    pub pixels: Option<(u32, u32)>,
}

async fn bytes_of(blob: &Blob) -> Result<Vec<u8>, FileError> {
    let buf = JsFuture::from(blob.array_buffer()).await.map_err(|_| FileError::Failed)?;
    Ok(Uint8Array::new(&buf).to_vec())
}

/// Reads a chosen file, refuses what is not a photo or PDF, and brings
/// photos down to about [`TARGET_BYTES`] as JPEG without metadata.
pub async fn prepare(file: File) -> Result<Prepared, FileError> {
    let head = bytes_of(&file.slice_with_i32_and_i32(0, 16).map_err(|_| FileError::Failed)?).await?;
    let heic = is_heic(&head);
    // A HEIC photo is tried all the same: a browser that opens it (Safari)
    // turns it into a JPEG like any other photo.
    let mime = match sniff(&head) {
        Some(m) => m,
        None if heic => "image/heic",
        None => return Err(FileError::Refused),
    };
    let name = file.name();
    if mime == "application/pdf" {
        let size = file.size() as u32;
        return Ok(Prepared { name, mime, blob: file.into(), size, pixels: None });
    }
    let (blob, pixels) = downscale(&file).await.map_err(|e| if heic { FileError::Heic } else { e })?;
    let size = blob.size() as u32;
    let name = match name.rsplit_once('.') {
        Some((stem, _)) => format!("{stem}.jpg"),
        None => format!("{name}.jpg"),
    };
    Ok(Prepared { name, mime: "image/jpeg", blob, size, pixels: Some(pixels) })
}

/// The bytes of a file or blob (the photo as chosen, for the reader).
pub async fn all_bytes(blob: &Blob) -> Result<Vec<u8>, FileError> {
    bytes_of(blob).await
}

async fn downscale(file: &File) -> Result<(Blob, (u32, u32)), FileError> {
    let window = web_sys::window().ok_or(FileError::Failed)?;
    let bitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).map_err(|_| FileError::Failed)?)
        .await
        .map_err(|_| FileError::Failed)?;
    let bitmap: web_sys::ImageBitmap = bitmap.unchecked_into();
    let (w, h) = (bitmap.width() as f64, bitmap.height() as f64);
    let canvas: HtmlCanvasElement = window
        .document()
        .ok_or(FileError::Failed)?
        .create_element("canvas")
        .map_err(|_| FileError::Failed)?
        .unchecked_into();
    let mut best = None;
    // Smaller sides and lower quality until the photo fits; text on a paper
    // stays legible at 1000 px on the long side.
    for (long_side, quality) in [(1600.0, 0.85), (1600.0, 0.7), (1280.0, 0.7), (1000.0, 0.6), (800.0, 0.5)] {
        let scale = (long_side / w.max(h)).min(1.0);
        let (cw, ch) = ((w * scale).round().max(1.0), (h * scale).round().max(1.0));
        canvas.set_width(cw as u32);
        canvas.set_height(ch as u32);
        let ctx: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .ok_or(FileError::Failed)?
            .unchecked_into();
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, cw, ch);
        ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, cw, ch).map_err(|_| FileError::Failed)?;
        let blob = to_jpeg(&canvas, quality).await?;
        let fits = blob.size() <= TARGET_BYTES as f64;
        best = Some(blob);
        if fits {
            break;
        }
    }
    bitmap.close();
    Ok((best.ok_or(FileError::Failed)?, (w as u32, h as u32)))
}

async fn to_jpeg(canvas: &HtmlCanvasElement, quality: f64) -> Result<Blob, FileError> {
    let canvas = canvas.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let cb = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if canvas
            .to_blob_with_type_and_encoder_options(cb.unchecked_ref(), "image/jpeg", &JsValue::from_f64(quality))
            .is_err()
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    let blob = JsFuture::from(promise).await.map_err(|_| FileError::Failed)?;
    blob.dyn_into::<Blob>().map_err(|_| FileError::Failed)
}

// ------------------------------------------------------------ IndexedDB

const DB: &str = "mantetong";
const STORE: &str = "files";

/// Waits for an IndexedDB request and gives its result.
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let req2 = req.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok_req = req2.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok_req.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        req2.set_onsuccess(Some(ok.unchecked_ref()));
        req2.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window().ok_or(JsValue::NULL)?.indexed_db()?.ok_or(JsValue::NULL)?;
    let req = factory.open_with_u32(DB, 1)?;
    let upgrade = Closure::once_into_js({
        let req = req.clone();
        move || {
            if let Ok(db) = req.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    Ok(done(&req).await?.unchecked_into())
}

/// The key of a draft's file for one material.
pub fn key(draft: &str, material: &str) -> String {
    format!("{draft}/{material}")
}

/// Stores a file's bytes under `key` (replacing any earlier one).
pub async fn put(key: &str, blob: &Blob) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    done(&tx.object_store(STORE)?.put_with_key(blob, &JsValue::from_str(key))?).await?;
    Ok(())
}

/// The stored file under `key`, if any.
pub async fn get(key: &str) -> Result<Option<Blob>, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE)?;
    let v = done(&tx.object_store(STORE)?.get(&JsValue::from_str(key))?).await?;
    Ok(v.dyn_into::<Blob>().ok())
}

pub async fn remove(key: &str) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    done(&tx.object_store(STORE)?.delete(&JsValue::from_str(key))?).await?;
    Ok(())
}

/// Removes every stored file ("delete all my data").
pub async fn clear() -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)?;
    done(&tx.object_store(STORE)?.clear()?).await?;
    Ok(())
}

/// Offers `bytes` to the person as a file download named `name` (stays on
/// the device: an object URL, no request).
/// In WeChat and other in-app browsers, which do not save downloads, what
/// works there is offered instead (app/src/inapp.rs).
///
/// That offer is in the third module (app/src/views.rs), fetched here when
/// needed: only in such a browser, so the timeline's reminder, in the
/// flow, downloads without it elsewhere. If it cannot be fetched the
/// download is tried as anywhere else.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    if crate::inapp::detect().is_none() {
        return save(name, mime, bytes);
    }
    if let Some(v) = crate::views::loaded() {
        if !(v.offer)(name, mime, bytes) {
            save(name, mime, bytes);
        }
        return;
    }
    let (name, mime, bytes) = (name.to_string(), mime.to_string(), bytes.to_vec());
    leptos::task::spawn_local(async move {
        if !crate::views::load().await.is_ok_and(|v| (v.offer)(&name, &mime, &bytes)) {
            save(&name, &mime, &bytes);
        }
    });
}

/// The download itself: an object URL on a link, clicked.
fn save(name: &str, mime: &str, bytes: &[u8]) {
    let Ok(blob) = blob_from(bytes, mime) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A blob from bytes with a type (used by tests and draft import).
pub fn blob_from(bytes: &[u8], mime: &str) -> Result<Blob, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_bytes_not_names() {
        let cases: [(&[u8], Option<&str>); 7] = [
            (&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0], Some("image/jpeg")),
            (b"\x89PNG\r\n\x1a\n....", Some("image/png")),
            (b"RIFF\x10\0\0\0WEBPVP8 ", Some("image/webp")),
            (b"%PDF-1.7\n", Some("application/pdf")),
            (b"GIF89a", None),
            (b"PK\x03\x04", None),
            (b"", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), want, "{bytes:?}");
        }
        assert!(is_heic(b"\0\0\0\x18ftypheic\0\0\0\0"));
        assert!(!is_heic(b"\0\0\0\x18ftypavif\0\0\0\0"));
        assert!(!is_heic(b"\xFF\xD8\xFF\xE0"));
    }
}
