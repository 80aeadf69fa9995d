//! A second opinion on a line's text: PaddleOCR's PP-OCRv4 line recogniser
//! (Apache-2.0; from the PyPI wheel `rapidocr-onnxruntime` 1.4.4, written
//! into a compact program by scripts/rec-model.py: batch norms folded,
//! int8 weights with a scale per output channel, the last layer cut to the
//! characters the reader's rules use).
//!
//! Invariant (browser = CLI): plain f32 arithmetic in one fixed order for
//! every output (loops vectorise across outputs only, never reassociate a
//! sum), no fused multiply-add, and our own `exp`, so a line reads the same
//! natively and in wasm, bit for bit.

use crate::Gray;

/// Height the recogniser reads at, and the least width (its training shape).
const H: usize = 48;
const MIN_W: usize = 320;
/// Widest input read (a 33:1 line); wider crops are squeezed.
const MAX_W: usize = 1600;

/// The program built into the native doors (the CLI and the intake):
/// reader/model/rec.bin, written by scripts/setup.sh with
/// scripts/rec-model.py (build.rs says so when it is missing). The browser
/// fetches the same file and loads it with [`Rec::load`].
#[cfg(feature = "tesseract")]
pub fn embedded() -> Option<&'static Rec> {
    static REC: std::sync::OnceLock<Option<Rec>> = std::sync::OnceLock::new();
    REC.get_or_init(|| Rec::load(include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/model/rec.bin"))).ok()).as_ref()
}

#[derive(Debug)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "second-opinion model: {}", self.0)
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Act {
    None,
    HardSwish,
    Swish,
    Relu,
    HardSigmoid,
}

struct Conv {
    oc: usize,
    icg: usize,
    kh: usize,
    kw: usize,
    sh: usize,
    sw: usize,
    ph: usize,
    pw: usize,
    group: usize,
    act: Act,
    /// After the activation: x * post.0 + post.1.
    post: (f32, f32),
    w: Vec<f32>,
    b: Vec<f32>,
}

/// `w` is stored input-major ([in][out]) so a row of outputs is one axpy per input.
struct Linear {
    inp: usize,
    out: usize,
    act: Act,
    w: Vec<f32>,
    b: Vec<f32>,
}

struct Norm {
    w: Vec<f32>,
    b: Vec<f32>,
}

struct Block {
    heads: usize,
    ln1: Norm,
    qkv: Linear,
    proj: Linear,
    ln2: Norm,
    fc1: Linear,
    fc2: Linear,
}

enum Op {
    Conv(Conv),
    Se(Conv, Conv),
    Pool(usize, usize),
    Push,
    ToSeq,
    FromSeq,
    Block(Box<Block>),
    Norm(Norm),
    Linear(Linear),
    ConcatPop,
}

/// The recogniser: its program and the characters of its classes (class 0 is CTC's blank).
pub struct Rec {
    ops: Vec<Op>,
    chars: Vec<String>,
}

struct Bytes<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| ModelError(format!("truncated at byte {} (wanted {n} more)", self.at)))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<usize, ModelError> {
        Ok(self.take(1)?[0] as usize)
    }
    fn u16(&mut self) -> Result<usize, ModelError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]) as usize)
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let s = self.take(4)?;
        Ok(f32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, ModelError> {
        (0..n).map(|_| self.f32()).collect()
    }
    fn act(&mut self) -> Result<Act, ModelError> {
        Ok(match self.u8()? {
            0 => Act::None,
            1 => Act::HardSwish,
            2 => Act::Swish,
            3 => Act::Relu,
            4 => Act::HardSigmoid,
            k => return Err(ModelError(format!("unknown activation {k} at byte {}", self.at - 1))),
        })
    }
    /// Rows of weights and a bias: (weights as f32 row-major, bias). Stored
    /// as f32 (flag 0) or as int8 with a scale per row (flag 1).
    fn rows(&mut self, rows: usize, cols: usize) -> Result<(Vec<f32>, Vec<f32>), ModelError> {
        if self.u8()? == 0 {
            let b = self.f32s(rows)?;
            return Ok((self.f32s(rows * cols)?, b));
        }
        let sc = self.f32s(rows)?;
        let b = self.f32s(rows)?;
        let q = self.take(rows * cols)?;
        let w = q.iter().enumerate().map(|(i, &v)| v as i8 as f32 * sc[i / cols.max(1)]).collect();
        Ok((w, b))
    }
    fn kind(&mut self, want: usize) -> Result<(), ModelError> {
        let k = self.u8()?;
        if k != want {
            return Err(ModelError(format!("record {k} at byte {} where {want} belongs", self.at - 1)));
        }
        Ok(())
    }
    fn conv(&mut self) -> Result<Conv, ModelError> {
        self.kind(1)?;
        self.conv_body()
    }
    fn conv_body(&mut self) -> Result<Conv, ModelError> {
        let (oc, icg) = (self.u16()?, self.u16()?);
        let (kh, kw, sh, sw, ph, pw) = (self.u8()?, self.u8()?, self.u8()?, self.u8()?, self.u8()?, self.u8()?);
        let group = self.u16()?;
        let act = self.act()?;
        let post = (self.f32()?, self.f32()?);
        if oc == 0 || icg == 0 || kh == 0 || kw == 0 || sh == 0 || sw == 0 || group == 0 || oc % group != 0 {
            return Err(ModelError(format!("bad convolution {oc}x{icg}x{kh}x{kw} group {group}")));
        }
        let (w, b) = self.rows(oc, icg * kh * kw)?;
        Ok(Conv { oc, icg, kh, kw, sh, sw, ph, pw, group, act, post, w, b })
    }
    fn linear(&mut self) -> Result<Linear, ModelError> {
        self.kind(6)?;
        self.linear_body()
    }
    fn linear_body(&mut self) -> Result<Linear, ModelError> {
        let (inp, out) = (self.u16()?, self.u16()?);
        let act = self.act()?;
        let (w_oi, b) = self.rows(out, inp)?;
        let mut w = vec![0.0; inp * out];
        for o in 0..out {
            for i in 0..inp {
                w[i * out + o] = w_oi[o * inp + i];
            }
        }
        Ok(Linear { inp, out, act, w, b })
    }
    fn norm(&mut self) -> Result<Norm, ModelError> {
        self.kind(5)?;
        self.norm_body()
    }
    fn norm_body(&mut self) -> Result<Norm, ModelError> {
        let n = self.u16()?;
        Ok(Norm { w: self.f32s(n)?, b: self.f32s(n)? })
    }
}

impl Rec {
    /// Loads the program scripts/rec-model.py writes.
    pub fn load(bytes: &[u8]) -> Result<Rec, ModelError> {
        let mut r = Bytes { b: bytes, at: 0 };
        if r.take(8)? != b"MTTREC1\n" {
            return Err(ModelError("not a recogniser program (no MTTREC1 header)".into()));
        }
        let n = r.take(4)?;
        let n = u32::from_le_bytes([n[0], n[1], n[2], n[3]]) as usize;
        let names = std::str::from_utf8(r.take(n)?).map_err(|_| ModelError("class names are not UTF-8".into()))?;
        let mut chars = vec![String::new()];
        chars.extend(names.split('\n').map(str::to_string));
        let mut ops = Vec::new();
        loop {
            let at = r.at;
            match r.u8()? {
                0 => break,
                1 => ops.push(Op::Conv(r.conv_body()?)),
                5 => ops.push(Op::Norm(r.norm_body()?)),
                6 => ops.push(Op::Linear(r.linear_body()?)),
                2 => ops.push(Op::Se(r.conv()?, r.conv()?)),
                3 => ops.push(Op::Pool(r.u8()?.max(1), r.u8()?.max(1))),
                4 => ops.push(Op::Push),
                7 => ops.push(Op::ToSeq),
                8 => ops.push(Op::FromSeq),
                9 => {
                    let heads = r.u8()?.max(1);
                    let (ln1, qkv, proj, ln2, fc1, fc2) = (r.norm()?, r.linear()?, r.linear()?, r.norm()?, r.linear()?, r.linear()?);
                    let d = qkv.inp;
                    // Every part of the block fits the sequence's width, so
                    // `Block::run` meets no shape it cannot use.
                    let fits = qkv.out == 3 * d
                        && d % heads == 0
                        && ln1.w.len() == d
                        && ln2.w.len() == d
                        && (proj.inp, proj.out) == (d, d)
                        && fc1.inp == d
                        && (fc2.inp, fc2.out) == (fc1.out, d);
                    if !fits {
                        return Err(ModelError(format!("attention block at byte {at} of width {d} with {heads} heads: its parts do not fit")));
                    }
                    ops.push(Op::Block(Box::new(Block { heads, ln1, qkv, proj, ln2, fc1, fc2 })));
                }
                10 => ops.push(Op::ConcatPop),
                k => return Err(ModelError(format!("unknown record {k} at byte {at}"))),
            }
        }
        match ops.last() {
            Some(Op::Linear(l)) if l.out == chars.len() => Ok(Rec { ops, chars }),
            _ => Err(ModelError(format!("the program does not end in a layer of {} classes", chars.len()))),
        }
    }

    /// The text of one line (any height; read at 48 px high).
    pub fn read(&self, img: &Gray) -> Result<String, ModelError> {
        let (iw, ih) = img.dimensions();
        if iw == 0 || ih == 0 {
            return Ok(String::new());
        }
        let rw = ((H as f32 * iw as f32 / ih as f32).ceil() as usize).clamp(1, MAX_W);
        let r = image::imageops::resize(img, rw as u32, H as u32, image::imageops::FilterType::Triangle);
        let w = rw.max(MIN_W).div_ceil(8) * 8;
        let mut x = Planes { c: 3, h: H, w, d: vec![0.0; 3 * H * w] };
        for y in 0..H {
            for xx in 0..rw {
                let v = r.get_pixel(xx as u32, y as u32).0[0] as f32 / 255.0 * 2.0 - 1.0;
                for c in 0..3 {
                    x.d[(c * H + y) * w + xx] = v;
                }
            }
        }
        let logits = self.run(x)?;
        Ok(self.decode(&logits))
    }

    fn run(&self, mut x: Planes) -> Result<Seq, ModelError> {
        let mut stack: Vec<Planes> = Vec::new();
        let mut seq: Option<Seq> = None;
        let shape = |what: &str| ModelError(format!("{what}: the program's shapes do not fit"));
        for op in &self.ops {
            match op {
                Op::Conv(c) => x = c.run(&x).ok_or_else(|| shape("convolution"))?,
                Op::Se(a, b) => {
                    let n = (x.h * x.w) as f32;
                    let mean: Vec<f32> = x.d.chunks(x.h * x.w).map(|p| p.iter().fold(0.0, |s, &v| s + v) / n).collect();
                    let g = a.run(&Planes { c: x.c, h: 1, w: 1, d: mean }).ok_or_else(|| shape("squeeze"))?;
                    let g = b.run(&g).ok_or_else(|| shape("excite"))?;
                    if g.c != x.c {
                        return Err(shape("excite"));
                    }
                    let hw = x.h * x.w;
                    for (c, p) in x.d.chunks_mut(hw).enumerate() {
                        p.iter_mut().for_each(|v| *v *= g.d[c]);
                    }
                }
                Op::Pool(kh, kw) => x = x.pool(*kh, *kw).ok_or_else(|| shape("pool"))?,
                Op::Push => stack.push(x.clone()),
                Op::ToSeq => seq = Some(x.to_seq().ok_or_else(|| shape("to sequence"))?),
                Op::FromSeq => x = seq.take().ok_or_else(|| shape("from sequence"))?.to_planes(),
                Op::Block(b) => b.run(seq.as_mut().ok_or_else(|| shape("attention"))?).ok_or_else(|| shape("attention"))?,
                Op::Norm(n) => n.run(seq.as_mut().ok_or_else(|| shape("norm"))?).ok_or_else(|| shape("norm"))?,
                Op::Linear(l) => {
                    let s = seq.as_ref().ok_or_else(|| shape("linear"))?;
                    seq = Some(l.run(s).ok_or_else(|| shape("linear"))?);
                }
                Op::ConcatPop => {
                    let mut a = stack.pop().ok_or_else(|| shape("concat"))?;
                    if a.h != x.h || a.w != x.w {
                        return Err(shape("concat"));
                    }
                    a.c += x.c;
                    a.d.extend_from_slice(&x.d);
                    x = a;
                }
            }
        }
        seq.ok_or_else(|| shape("output"))
    }

    /// CTC: the best class at each step, repeats merged, blanks dropped.
    fn decode(&self, s: &Seq) -> String {
        let mut out = String::new();
        let mut last = 0;
        for row in s.d.chunks(s.dim) {
            let mut best = 0;
            for (k, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = k;
                }
            }
            if best != 0 && best != last {
                out += &self.chars[best];
            }
            last = best;
        }
        out
    }
}

#[derive(Clone)]
struct Planes {
    c: usize,
    h: usize,
    w: usize,
    d: Vec<f32>,
}

/// Rows of `dim` features, one per step along the line.
struct Seq {
    n: usize,
    dim: usize,
    d: Vec<f32>,
}

impl Planes {
    fn pool(&self, kh: usize, kw: usize) -> Option<Planes> {
        let (h, w) = (self.h / kh, self.w / kw);
        if h == 0 || w == 0 {
            return None;
        }
        let mut d = vec![0.0; self.c * h * w];
        let n = (kh * kw) as f32;
        for c in 0..self.c {
            for y in 0..h {
                for x in 0..w {
                    let mut s = 0.0;
                    for dy in 0..kh {
                        for dx in 0..kw {
                            s += self.d[(c * self.h + y * kh + dy) * self.w + x * kw + dx];
                        }
                    }
                    d[(c * h + y) * w + x] = s / n;
                }
            }
        }
        Some(Planes { c: self.c, h, w, d })
    }

    fn to_seq(&self) -> Option<Seq> {
        if self.h != 1 {
            return None;
        }
        let (n, dim) = (self.w, self.c);
        let mut d = vec![0.0; n * dim];
        for c in 0..dim {
            for t in 0..n {
                d[t * dim + c] = self.d[c * n + t];
            }
        }
        Some(Seq { n, dim, d })
    }
}

impl Seq {
    fn to_planes(&self) -> Planes {
        let mut d = vec![0.0; self.n * self.dim];
        for t in 0..self.n {
            for c in 0..self.dim {
                d[c * self.n + t] = self.d[t * self.dim + c];
            }
        }
        Planes { c: self.dim, h: 1, w: self.n, d }
    }
}

impl Act {
    fn apply(self, v: &mut [f32], post: (f32, f32)) {
        match self {
            Act::None => {}
            Act::HardSwish => v.iter_mut().for_each(|x| *x = *x * (*x + 3.0).clamp(0.0, 6.0) / 6.0),
            Act::Swish => v.iter_mut().for_each(|x| *x = *x * sigmoid(*x)),
            Act::Relu => v.iter_mut().for_each(|x| *x = x.max(0.0)),
            Act::HardSigmoid => v.iter_mut().for_each(|x| *x = (*x * (1.0 / 6.0) + 0.5).clamp(0.0, 1.0)),
        }
        if post != (1.0, 0.0) {
            v.iter_mut().for_each(|x| *x = *x * post.0 + post.1);
        }
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

/// e^x in plain f32 steps (the same bits on every target): 2^n * e^r with
/// |r| <= ln2/2, e^r by its Taylor polynomial to degree 7 (error < 1 ulp-ish).
fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let n = (x * std::f32::consts::LOG2_E + 0.5).floor();
    let r = x - n * 0.693_145_75 - n * 1.428_606_8e-6;
    let mut p = 1.0 / 5040.0;
    for c in [1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0] {
        p = p * r + c;
    }
    p * f32::from_bits(((n as i32 + 127) as u32) << 23)
}

/// y += a * x over a run (vectorises across y; one multiply and one add each).
#[inline(always)]
fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += a * *x;
    }
}

impl Conv {
    fn run(&self, x: &Planes) -> Option<Planes> {
        let ic = self.icg * self.group;
        if x.c != ic || x.h + 2 * self.ph < self.kh || x.w + 2 * self.pw < self.kw {
            return None;
        }
        let oh = (x.h + 2 * self.ph - self.kh) / self.sh + 1;
        let ow = (x.w + 2 * self.pw - self.kw) / self.sw + 1;
        let mut out = Planes { c: self.oc, h: oh, w: ow, d: vec![0.0; self.oc * oh * ow] };
        let opg = self.oc / self.group;
        let taps = self.icg * self.kh * self.kw;
        if self.kh == 1 && self.kw == 1 && self.sh == 1 && self.sw == 1 && self.group == 1 {
            self.pointwise(x, &mut out);
        } else {
            for (o, plane) in out.d.chunks_mut(oh * ow).enumerate() {
                plane.iter_mut().for_each(|v| *v = self.b[o]);
                let g = o / opg;
                for i in 0..self.icg {
                    let src = &x.d[(g * self.icg + i) * x.h * x.w..][..x.h * x.w];
                    for ky in 0..self.kh {
                        for kx in 0..self.kw {
                            let wv = self.w[o * taps + (i * self.kh + ky) * self.kw + kx];
                            self.tap(src, x.w, x.h, plane, oh, ow, ky, kx, wv);
                        }
                    }
                }
            }
        }
        self.act.apply(&mut out.d, self.post);
        Some(out)
    }

    /// out[o] = b[o] + sum over inputs in order of w[o][i] * x[i], one
    /// output plane at a time (a 4x8 register tile gave the same bits but
    /// was slower in V8: second-028 at 1024 px, main thread at 4x CPU,
    /// 9.60 / 9.96 s tiled against 8.25 / 6.80 s untiled, 2026-12-04).
    fn pointwise(&self, x: &Planes, out: &mut Planes) {
        let hw = x.h * x.w;
        let ic = self.icg;
        let src = &x.d[..ic * hw];
        for (o, row) in out.d.chunks_mut(hw).enumerate() {
            row.iter_mut().for_each(|v| *v = self.b[o]);
            for (i, xi) in src.chunks(hw).enumerate() {
                axpy(row, self.w[o * ic + i], xi);
            }
        }
    }

    /// One kernel tap of one input plane added into one output plane.
    #[allow(clippy::too_many_arguments)]
    fn tap(&self, src: &[f32], iw: usize, ih: usize, plane: &mut [f32], oh: usize, ow: usize, ky: usize, kx: usize, wv: f32) {
        // output columns whose input column ox*sw + kx - pw lies inside
        let lo = self.pw.saturating_sub(kx).div_ceil(self.sw);
        let hi = ((iw + self.pw).saturating_sub(kx)).div_ceil(self.sw).min(ow);
        if lo >= hi {
            return;
        }
        for oy in 0..oh {
            let iy = oy * self.sh + ky;
            if iy < self.ph || iy - self.ph >= ih {
                continue;
            }
            let srow = &src[(iy - self.ph) * iw..][..iw];
            let orow = &mut plane[oy * ow..][..ow];
            if self.sw == 1 {
                let x0 = lo + kx - self.pw;
                axpy(&mut orow[lo..hi], wv, &srow[x0..x0 + (hi - lo)]);
            } else {
                for ox in lo..hi {
                    orow[ox] += wv * srow[ox * self.sw + kx - self.pw];
                }
            }
        }
    }
}

impl Linear {
    fn run(&self, x: &Seq) -> Option<Seq> {
        if x.dim != self.inp {
            return None;
        }
        let mut d = vec![0.0; x.n * self.out];
        for (row, xr) in d.chunks_mut(self.out).zip(x.d.chunks(self.inp)) {
            row.copy_from_slice(&self.b);
            for (i, &xv) in xr.iter().enumerate() {
                axpy(row, xv, &self.w[i * self.out..(i + 1) * self.out]);
            }
            self.act.apply(row, (1.0, 0.0));
        }
        Some(Seq { n: x.n, dim: self.out, d })
    }
}

impl Norm {
    /// Layer norm over each row (eps 1e-5, as the graph's); `None` where
    /// the rows are not the norm's width.
    fn run(&self, s: &mut Seq) -> Option<()> {
        if s.dim != self.w.len() {
            return None;
        }
        let n = s.dim as f32;
        for row in s.d.chunks_mut(s.dim) {
            let mean = row.iter().fold(0.0, |a, &v| a + v) / n;
            let var = row.iter().fold(0.0, |a, &v| a + (v - mean) * (v - mean)) / n;
            let sd = (var + 1e-5).sqrt();
            for (k, v) in row.iter_mut().enumerate() {
                *v = (*v - mean) / sd * self.w[k] + self.b[k];
            }
        }
        Some(())
    }

    fn applied(&self, s: &Seq) -> Option<Seq> {
        let mut t = Seq { n: s.n, dim: s.dim, d: s.d.clone() };
        self.run(&mut t)?;
        Some(t)
    }
}

impl Block {
    /// x += proj(attention(ln1(x))); x += fc2(fc1(ln2(x))).
    /// `None` where the sequence is not the block's width.
    fn run(&self, x: &mut Seq) -> Option<()> {
        let qkv = self.qkv.run(&self.ln1.applied(x)?)?;
        let (n, dim) = (x.n, x.dim);
        let hd = dim / self.heads;
        let scale = 1.0 / (hd as f32).sqrt();
        let mut att = Seq { n, dim, d: vec![0.0; n * dim] };
        let mut a = vec![0.0f32; n];
        for h in 0..self.heads {
            for t in 0..n {
                let q = &qkv.d[t * 3 * dim + h * hd..][..hd];
                for (u, au) in a.iter_mut().enumerate() {
                    let k = &qkv.d[u * 3 * dim + dim + h * hd..][..hd];
                    let mut s = 0.0;
                    for d in 0..hd {
                        s += q[d] * scale * k[d];
                    }
                    *au = s;
                }
                let m = a.iter().fold(f32::MIN, |m, &v| m.max(v));
                let mut sum = 0.0;
                for v in a.iter_mut() {
                    *v = exp(*v - m);
                    sum += *v;
                }
                let o = &mut att.d[t * dim + h * hd..][..hd];
                for (u, &au) in a.iter().enumerate() {
                    let v = &qkv.d[u * 3 * dim + 2 * dim + h * hd..][..hd];
                    axpy(o, au / sum, v);
                }
            }
        }
        let add = |x: &mut Seq, y: Seq| x.d.iter_mut().zip(&y.d).for_each(|(a, b)| *a += b);
        add(x, self.proj.run(&att)?);
        let m = self.fc1.run(&self.ln2.applied(x)?)?;
        add(x, self.fc2.run(&m)?);
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_close_to_the_library_one() {
        for &x in &[-20.0f32, -5.5, -1.0, -0.3, 0.0, 0.25, 1.0, 3.7, 10.0, 40.0] {
            let (a, b) = (exp(x), x.exp());
            assert!(((a - b) / b).abs() < 2e-6, "exp({x}) = {a}, library {b}");
        }
    }

    /// The recogniser built in (reader/model/rec.bin) on line crops of the
    /// project's generated photos: every date form's digits, separators and
    /// labels, the space before a time kept.
    #[cfg(feature = "tesseract")]
    #[test]
    fn reads_the_project_s_lines() {
        let rec = embedded().expect("reader/model/rec.bin loads");
        for (file, text) in [
            ("sampled.png", "采样时间：2023年7月9日10:17"),
            ("report-cjk.png", "报告日期：2026年6月30日"),
            ("report-dots.png", "报告日期2026.06.08"),
            ("birth-dashes.png", "出生日期：1944-05-03门诊号：148092"),
        ] {
            let path = format!("{}/tests/lines/{file}", env!("CARGO_MANIFEST_DIR"));
            let img = image::open(&path).expect(&path).to_luma8();
            assert_eq!(rec.read(&img).expect("reads"), text, "{file}");
        }
    }

    #[test]
    fn bad_programs_are_refused_with_where() {
        for (bytes, says) in [
            (&b"PNG"[..], "truncated"),
            (&b"MTTREC2\n\0\0\0\0"[..], "no MTTREC1 header"),
            (&b"MTTREC1\n\x01\0\0\0a\x63"[..], "unknown record 99"),
            (&b"MTTREC1\n\x01\0\0\0a\x00"[..], "does not end in a layer of 2 classes"),
            (&b"MTTREC1\n\x01\0\0\0a\x01\x02\x00"[..], "truncated"),
        ] {
            let e = Rec::load(bytes).err().expect("refused").to_string();
            assert!(e.contains(says), "{e:?} should say {says:?}");
        }
    }

    /// An attention block whose second norm is not the sequence's width is
    /// refused when loaded, not met while a line is read.
    #[test]
    fn a_block_whose_parts_do_not_fit_is_refused() {
        let norm = |n: u16| {
            let mut b = vec![5u8];
            b.extend(n.to_le_bytes());
            b.extend(vec![0u8; 8 * n as usize]);
            b
        };
        let linear = |inp: u16, out: u16| {
            let mut b = vec![6u8];
            b.extend(inp.to_le_bytes());
            b.extend(out.to_le_bytes());
            b.extend([0u8, 0u8]);
            b.extend(vec![0u8; 4 * out as usize * (inp as usize + 1)]);
            b
        };
        for (ln2, says) in [(2u16, None), (3, Some("its parts do not fit"))] {
            let mut bytes = b"MTTREC1\n\x01\0\0\0a\x09\x01".to_vec();
            for part in [norm(2), linear(2, 6), linear(2, 2), norm(ln2), linear(2, 4), linear(4, 2)] {
                bytes.extend(part);
            }
            bytes.extend(linear(2, 2));
            bytes.push(0);
            match (Rec::load(&bytes), says) {
                (Ok(_), None) => {}
                (Err(e), Some(says)) => assert!(e.to_string().contains(says), "{e}"),
                (r, _) => panic!("norm of {ln2}: {:?}", r.err().map(|e| e.to_string())),
            }
        }
    }
}
