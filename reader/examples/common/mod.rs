//! What the diagnostic examples share.
use image::imageops::FilterType;
use mantetong_read::{decode, Decoded};

/// The photo `bytes` as `decode` reads it; with `long`, as a phone would
/// send it at `long` px (the whole photo brought down by a Triangle
/// resize, then the paper framed in it as `decode` does).
pub fn photo_at(bytes: &[u8], long: Option<u32>) -> Decoded {
    let photo = decode(bytes).unwrap();
    let Some(px) = long else { return photo };
    let full = image::load_from_memory(bytes).unwrap().into_rgb8();
    let (w, h) = full.dimensions();
    if w.max(h) <= px {
        return photo;
    }
    let k = px as f32 / w.max(h) as f32;
    Decoded::photo(image::imageops::resize(&full, (w as f32 * k) as u32, (h as f32 * k) as u32, FilterType::Triangle))
}
