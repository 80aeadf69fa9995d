//! Bytes to pixels, bounded: the size is checked before decoding, the photo
//! is turned upright (EXIF orientation) and brought down to the working size.

pub use crate::frame::Paper;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use std::fmt;
use std::io::Cursor;

/// The longest side the reading works at (a 12 MP photo comes down to this).
pub const WORK_LONG_SIDE: u32 = 1800;
/// Larger photos are refused before decoding (memory stays bounded).
pub const MAX_PIXELS: u64 = 80_000_000;
/// The longest side read (a 40000 x 2000 strip is no photo of a paper).
pub const MAX_SIDE: u32 = 40_000;
/// The most bytes a photo may take decoded: 80 megapixels of 8-bit RGB
/// (a camera's JPEG); a PNG with alpha or 16-bit colour must be smaller.
pub const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 3;

/// A photo that cannot be read at all (the CLI exits 2 with this line).
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    Empty,
    NotAnImage,
    Pdf,
    Heic,
    Unsupported(String),
    TooLarge { width: u32, height: u32 },
    Damaged(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => write!(f, "the file is empty: choose a photo (JPEG, PNG or WebP)"),
            ReadError::NotAnImage => write!(f, "not an image: choose a photo (JPEG, PNG or WebP)"),
            ReadError::Pdf => write!(f, "a PDF, not a photo: take a photo of the paper (JPEG, PNG or WebP)"),
            ReadError::Heic => write!(
                f,
                "a HEIC/HEIF photo cannot be read here: set the camera to \"Most Compatible\" (JPEG) or send a screenshot"
            ),
            ReadError::Unsupported(fmt) => write!(f, "a {fmt} image cannot be read: use JPEG, PNG or WebP"),
            ReadError::TooLarge { width, height } => {
                write!(f, "the image is too large to read ({width}x{height} pixels): send a photo of at most 80 megapixels, as a JPEG from the camera")
            }
            ReadError::Damaged(why) => write!(f, "the image is damaged or cut short ({why}): take the photo again"),
        }
    }
}

impl std::error::Error for ReadError {}

/// A decoded photo at working size, with how to map back to its own pixels.
/// Where the paper is a part of the photo (`frame.rs`), `work` is the
/// paper alone, cut from the photo at its own resolution.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Upright, longest side at most [`WORK_LONG_SIDE`]: the photo, or the
    /// part of it that is the paper.
    pub work: RgbImage,
    /// The size of what `work` shows, in the upright photo's own pixels.
    pub width: u32,
    pub height: u32,
    /// Where that is in the upright photo: its top left corner...
    pub at: [u32; 2],
    /// ...and the upright photo's own size (`[width, height]` unframed).
    pub whole: [u32; 2],
    /// What the photo shows of a paper (`frame.rs`), cut from it or not.
    pub paper: Paper,
}

impl Decoded {
    /// A box `[x, y, w, h]` in working pixels to the photo's own pixels.
    pub fn to_original(&self, b: [u32; 4]) -> [u32; 4] {
        let k = self.width as f64 / self.work.width().max(1) as f64;
        let m = |v: u32| (v as f64 * k).round() as u32;
        let (x, y) = (self.at[0] + m(b[0]), self.at[1] + m(b[1]));
        [x, y, m(b[2]).min(self.whole[0].saturating_sub(x)), m(b[3]).min(self.whole[1].saturating_sub(y))]
    }

    /// Whether `work` is the paper cut from a larger photo.
    pub fn framed(&self) -> bool {
        [self.width, self.height] != self.whole
    }

    /// The working photo turned clockwise by `quarters` quarter turns (a
    /// page photographed sideways or upside down, read upright). Its own
    /// size is the turned working size: boxes found on it are not the
    /// photo's (the seal's box always comes from the photo as it is).
    pub fn turned(&self, quarters: u8) -> Decoded {
        let work = match quarters % 4 {
            1 => image::imageops::rotate90(&self.work),
            2 => image::imageops::rotate180(&self.work),
            3 => image::imageops::rotate270(&self.work),
            _ => self.work.clone(),
        };
        let (width, height) = work.dimensions();
        Decoded { work, width, height, at: [0, 0], whole: [width, height], paper: self.paper }
    }

    /// A box `[x, y, w, h]` found on this photo turned by `quarters`
    /// ([`Decoded::turned`]) back to this photo's working pixels.
    pub fn from_turned(&self, quarters: u8, b: [u32; 4]) -> [u32; 4] {
        let (w, h) = self.work.dimensions();
        let [x, y, bw, bh] = b;
        match quarters % 4 {
            1 => [y, h.saturating_sub(x + bw), bh, bw],
            2 => [w.saturating_sub(x + bw), h.saturating_sub(y + bh), bw, bh],
            3 => [w.saturating_sub(y + bh), x, bh, bw],
            _ => b,
        }
    }

    /// Wraps pixels already in memory, whole (tests, a photo enlarged).
    pub fn from_rgb(img: RgbImage) -> Decoded {
        let (width, height) = img.dimensions();
        Decoded { work: shrink(img), width, height, at: [0, 0], whole: [width, height], paper: Paper::None }
    }

    /// A photo's pixels already in memory (upright), as [`decode`] gives
    /// them: the paper framed where it is a part of the photo.
    pub fn photo(img: RgbImage) -> Decoded {
        framed(img, None)
    }
}

/// The photo at working size, turned upright by `orientation`: where the
/// paper is a part of it ([`crate::frame::paper_frame`], found on the
/// working size), the paper alone cut from `img` at up to the working
/// size. The cut is made on the photo as stored and turned after, as the
/// working photo is: a full-size turn is a second full-size copy.
fn framed(img: RgbImage, orientation: Option<image::metadata::Orientation>) -> Decoded {
    use image::metadata::Orientation::*;
    let (w, h) = img.dimensions();
    let turn = |small: RgbImage| {
        let mut d = DynamicImage::ImageRgb8(small);
        if let Some(o) = orientation {
            d.apply_orientation(o);
        }
        d.into_rgb8()
    };
    let swapped = matches!(orientation, Some(Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH));
    let (uw, uh) = if swapped { (h, w) } else { (w, h) };
    let mut whole = Decoded { work: turn(shrink_part(&img, [0, 0, w, h])), width: uw, height: uh, at: [0, 0], whole: [uw, uh], paper: Paper::None };
    // (A photo too small to read is read whole: its quality says so.)
    if uw.max(uh) < crate::quality::MIN_LONG_SIDE {
        return whole;
    }
    whole.paper = crate::frame::paper_frame(&whole.work);
    let Paper::Part(b) = whole.paper else { return whole };
    let up = whole.to_original(b);
    let [x, y, cw, ch] = stored_box(orientation, up, (w, h));
    if cw < 2 || ch < 2 {
        return whole;
    }
    let cut = shrink_part(&img, [x, y, cw, ch]);
    Decoded { work: turn(cut), width: up[2], height: up[3], at: [up[0], up[1]], whole: [uw, uh], paper: whole.paper }
}

/// A box in the upright photo's pixels to the same box in the photo as
/// stored (`size`, before `orientation` turns it upright).
fn stored_box(orientation: Option<image::metadata::Orientation>, b: [u32; 4], size: (u32, u32)) -> [u32; 4] {
    use image::metadata::Orientation::*;
    let (w, h) = size;
    let [x, y, bw, bh] = b;
    let (x1, y1) = (x + bw, y + bh);
    match orientation {
        None | Some(NoTransforms) => [x, y, bw, bh],
        // Upright (ux, uy) from stored (sx, sy) for each turn, undone.
        Some(Rotate90) => [y, h.saturating_sub(x1), bh, bw],
        Some(Rotate180) => [w.saturating_sub(x1), h.saturating_sub(y1), bw, bh],
        Some(Rotate270) => [w.saturating_sub(y1), x, bh, bw],
        Some(FlipHorizontal) => [w.saturating_sub(x1), y, bw, bh],
        Some(FlipVertical) => [x, h.saturating_sub(y1), bw, bh],
        Some(Rotate90FlipH) => [y, x, bh, bw],
        Some(Rotate270FlipH) => [w.saturating_sub(y1), h.saturating_sub(x1), bh, bw],
    }
}

fn sniff(bytes: &[u8]) -> Option<ReadError> {
    if bytes.is_empty() {
        return Some(ReadError::Empty);
    }
    if bytes.starts_with(b"%PDF") {
        return Some(ReadError::Pdf);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [b"heic", b"heix", b"hevc", b"heim", b"heis", b"hevx", b"mif1", b"msf1"].iter().any(|b| brand == *b) {
            return Some(ReadError::Heic);
        }
        if brand == b"avif" {
            return Some(ReadError::Unsupported("AVIF".into()));
        }
    }
    None
}

/// Decodes JPEG, PNG or WebP bytes; never panics, never holds more than one
/// full-size copy (at most [`MAX_PIXELS`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if let Some(e) = sniff(bytes) {
        return Err(e);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| ReadError::NotAnImage)?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        Some(other) => return Err(ReadError::Unsupported(format!("{other:?}").to_uppercase())),
        None => return Err(ReadError::NotAnImage),
    }
    if reader.format() == Some(ImageFormat::Jpeg) && jpeg_cut_short(bytes) {
        return Err(ReadError::Damaged("the JPEG ends before its last picture data".into()));
    }
    // The size from the header alone, before any limit: a photo over the
    // limits is said to be too large (it was "damaged or cut short" when
    // the decoder's own limit refused it first: 50000x50000).
    let dims = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok().and_then(|r| r.into_dimensions().ok());
    if let Some((w, h)) = dims {
        if w > MAX_SIDE || h > MAX_SIDE || w as u64 * h as u64 > MAX_PIXELS {
            return Err(ReadError::TooLarge { width: w, height: h });
        }
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| ReadError::Damaged(short(&e)))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(ReadError::Damaged("no pixels".into()));
    }
    // Pixels and their bytes: an 80-megapixel PNG of 16-bit RGBA is 640 MB
    // decoded (and was turned and converted in further full-size copies:
    // 1.29 GB for one photo, a hostile package in the intake's tests).
    if w as u64 * h as u64 > MAX_PIXELS || decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(ReadError::TooLarge { width: w, height: h });
    }
    let orientation = decoder.orientation().ok();
    let img = DynamicImage::from_decoder(decoder).map_err(|e| ReadError::Damaged(short(&e)))?;
    // Brought down to the working size first, then turned upright: the
    // turn of a full-size photo was another full-size copy.
    Ok(framed(img.into_rgb8(), orientation))
}

/// A JPEG whose last scan (FF DA) is not followed by its end (FF D9): the
/// file was cut short (decoders would fill the rest with grey).
fn jpeg_cut_short(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    match last_scan {
        None => true,
        Some(i) => !bytes[i..].windows(2).any(|w| w == [0xFF, 0xD9]),
    }
}

fn shrink(img: RgbImage) -> RgbImage {
    if img.width().max(img.height()) <= WORK_LONG_SIDE {
        return img;
    }
    shrink_view(&img)
}

/// The part `[x, y, w, h]` of a photo at most [`WORK_LONG_SIDE`] long: a
/// part already that small is copied row by row (it was copied a pixel at
/// a time through a view).
fn shrink_part(img: &RgbImage, [x, y, w, h]: [u32; 4]) -> RgbImage {
    // (Clamped to the photo as `crop_imm` clamps it.)
    let (x, y) = (x.min(img.width()), y.min(img.height()));
    let (w, h) = (w.min(img.width() - x), h.min(img.height() - y));
    if w.max(h) > WORK_LONG_SIDE {
        return if [x, y, w, h] == [0, 0, img.width(), img.height()] {
            shrink_view(img)
        } else {
            shrink_view(&*image::imageops::crop_imm(img, x, y, w, h))
        };
    }
    if w == 0 || h == 0 {
        return RgbImage::new(w, h);
    }
    let (x, y, w, h) = (x as usize, y as usize, w as usize, h as usize);
    let stride = 3 * img.width() as usize;
    let mut out = Vec::with_capacity(3 * w * h);
    for row in img.as_raw().chunks_exact(stride).skip(y).take(h) {
        out.extend_from_slice(&row[3 * x..3 * (x + w)]);
    }
    RgbImage::from_raw(w as u32, h as u32, out).unwrap_or_default()
}

/// Pixels (a photo, or a part of one) at most [`WORK_LONG_SIDE`] long.
fn shrink_view<I: image::GenericImageView<Pixel = image::Rgb<u8>>>(img: &I) -> RgbImage {
    let (w, h) = img.dimensions();
    let long = w.max(h);
    if long <= WORK_LONG_SIDE {
        let mut out = RgbImage::new(w, h);
        for (x, y, p) in img.pixels() {
            out.put_pixel(x, y, p);
        }
        return out;
    }
    let k = WORK_LONG_SIDE as f64 / long as f64;
    let (nw, nh) = (((w as f64 * k).round() as u32).max(1), ((h as f64 * k).round() as u32).max(1));
    image::imageops::thumbnail(img, nw, nh)
}

fn short(e: &image::ImageError) -> String {
    let s = e.to_string();
    let s = s.lines().next().unwrap_or("").trim();
    s.chars().take(120).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 60 x 40 photo with a black mark at [30, 10, 8, 5] on white.
    fn marked() -> ([u32; 4], RgbImage) {
        let mark = [30u32, 10, 8, 5];
        let img = RgbImage::from_fn(60, 40, |x, y| {
            let inside = x >= mark[0] && x < mark[0] + mark[2] && y >= mark[1] && y < mark[1] + mark[3];
            image::Rgb(if inside { [0, 0, 0] } else { [255, 255, 255] })
        });
        (mark, img)
    }

    /// The box of the black pixels.
    fn dark_box(img: &RgbImage) -> [u32; 4] {
        let dark: Vec<(u32, u32)> = img.enumerate_pixels().filter(|p| p.2 .0[0] == 0).map(|p| (p.0, p.1)).collect();
        let (x0, y0) = (dark.iter().map(|p| p.0).min().unwrap(), dark.iter().map(|p| p.1).min().unwrap());
        let (x1, y1) = (dark.iter().map(|p| p.0).max().unwrap(), dark.iter().map(|p| p.1).max().unwrap());
        [x0, y0, x1 - x0 + 1, y1 - y0 + 1]
    }

    #[test]
    fn a_box_found_on_the_turned_photo_maps_back() {
        // A mark at [30, 10, 8, 5] on a 60 x 40 photo, found again on the
        // photo turned by each number of quarters and mapped back.
        let (mark, img) = marked();
        let photo = Decoded::from_rgb(img);
        for quarters in 0..4u8 {
            let turned = photo.turned(quarters);
            let found = dark_box(&turned.work);
            assert_eq!(photo.from_turned(quarters, found), mark, "{quarters} quarters, found at {found:?}");
        }
    }

    #[test]
    fn a_box_in_the_upright_photo_maps_to_the_stored_photo_for_every_orientation() {
        use image::metadata::Orientation::*;
        // A mark at [30, 10, 8, 5] on a 60 x 40 photo as stored; turned
        // upright by each EXIF orientation, found there and mapped back.
        let (mark, img) = marked();
        for o in [NoTransforms, Rotate90, Rotate180, Rotate270, FlipHorizontal, FlipVertical, Rotate90FlipH, Rotate270FlipH] {
            let mut up = DynamicImage::ImageRgb8(img.clone());
            up.apply_orientation(o);
            let up = up.into_rgb8();
            let found = dark_box(&up);
            assert_eq!(stored_box(Some(o), found, (60, 40)), mark, "{o:?}: found upright at {found:?}");
        }
    }

    #[test]
    fn a_paper_small_in_the_photo_is_cut_from_it_at_its_own_resolution() {
        // A 4000 x 3000 photo of a dark desk with a page of print on a
        // quarter of it: the working photo is the page (with a margin) at
        // up to the working size, not the whole photo brought down to it;
        // its boxes map back into the photo.
        let page = [1400u32, 700, 1300, 1800];
        let img = RgbImage::from_fn(4000, 3000, |x, y| {
            let inside = x >= page[0] && x < page[0] + page[2] && y >= page[1] && y < page[1] + page[3];
            let print = inside && (y - page[1]) % 60 < 12 && (x - page[0]) % 9 < 5;
            image::Rgb(if print { [30, 30, 30] } else if inside { [238, 236, 230] } else { [45, 40, 40] })
        });
        let d = Decoded::photo(img);
        assert!(d.framed());
        assert_eq!(d.whole, [4000, 3000]);
        assert!(d.work.height() > 1500, "the page at {:?} px, not at a 1800-px photo's 1350", d.work.dimensions());
        let back = d.to_original([0, 0, d.work.width(), d.work.height()]);
        assert!(back[0] <= page[0] && back[1] <= page[1] && back[0] + back[2] >= page[0] + page[2] && back[1] + back[3] >= page[1] + page[3], "{back:?}");
        // A photo that is all paper is read whole.
        let all = Decoded::photo(RgbImage::from_pixel(1600, 1200, image::Rgb([238, 236, 230])));
        assert!(!all.framed());
    }

    #[test]
    fn refuses_what_is_not_a_photo() {
        assert_eq!(decode(b"").unwrap_err(), ReadError::Empty);
        assert_eq!(decode(b"%PDF-1.7\n...").unwrap_err(), ReadError::Pdf);
        assert_eq!(decode(b"hello, this is text").unwrap_err(), ReadError::NotAnImage);
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(decode(heic).unwrap_err(), ReadError::Heic);
    }

    #[test]
    fn a_truncated_jpeg_is_damaged_not_a_panic() {
        let img = RgbImage::from_fn(64, 48, |x, y| image::Rgb([(x * 4) as u8, (y * 5) as u8, 128]));
        let mut buf = Vec::new();
        DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut buf), ImageFormat::Jpeg).unwrap();
        for cut in [3, 20, buf.len() / 3, buf.len() / 2] {
            // Either an error naming the damage or a (partly grey) image: never a panic.
            let _ = decode(&buf[..cut]);
        }
        assert!(decode(&buf[..20]).is_err());
        assert!(matches!(decode(&buf[..buf.len() - 10]), Err(ReadError::Damaged(_))));
        assert!(decode(&buf).is_ok());
    }

    #[test]
    fn a_huge_image_is_refused_before_decoding() {
        // (width, height, bit depth, PNG colour type): too many pixels, a
        // side too long (the decoder's own limit said "damaged"), or
        // under 80 megapixels but too many bytes decoded (alpha, 16 bits).
        for (w, h, depth, colour) in [
            (20000u32, 20000u32, 8u8, 2u8),
            (50000, 50000, 8, 2),
            (65500, 1200, 8, 2),
            (8944, 8944, 8, 6),
            (8944, 8944, 16, 6),
            (8000, 8000, 16, 2),
        ] {
            assert_eq!(decode(&png_header(w, h, depth, colour)).unwrap_err(), ReadError::TooLarge { width: w, height: h }, "{w}x{h} {depth}-bit type {colour}");
        }
    }

    /// A PNG header claiming `w` x `h` pixels, with no pixel data.
    fn png_header(w: u32, h: u32, depth: u8, colour: u8) -> Vec<u8> {
        let mut png = Vec::new();
        png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(b"IHDR");
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[depth, colour, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(&ihdr);
        png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
        for (name, data) in [(&b"IDAT"[..], &[0x78u8, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01][..]), (&b"IEND"[..], &[][..])] {
            let mut chunk = name.to_vec();
            chunk.extend_from_slice(data);
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            png.extend_from_slice(&chunk);
            png.extend_from_slice(&crc32(&chunk).to_be_bytes());
        }
        png
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in data {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn shrinks_to_the_working_size() {
        let d = Decoded::from_rgb(RgbImage::new(3600, 2400));
        assert_eq!(d.work.dimensions(), (1800, 1200));
        assert_eq!(d.to_original([10, 20, 30, 40]), [20, 40, 60, 80]);
    }
}
