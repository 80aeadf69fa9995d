#!/usr/bin/python3
"""h94: independent generator of phone-like photos of Chinese medical papers.

gen.py OUTDIR --count N --seed S  ->  OUTDIR/NNN.jpg + OUTDIR/manifest.json
"""
import argparse, datetime, json, math, os, random, sys
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter, ImageChops

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import content as C

NOTO = "/usr/share/fonts/opentype/noto/"
FONTS = {
    "sans": (NOTO + "NotoSansCJK-Regular.ttc", 2), "sansb": (NOTO + "NotoSansCJK-Bold.ttc", 2),
    "serif": (NOTO + "NotoSerifCJK-Regular.ttc", 2), "serifb": (NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "ming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0), "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
}
_FC = {}


def font(key, px):
    px = max(6, int(round(px)))
    k = (key, px)
    if k not in _FC:
        path, idx = FONTS[key]
        _FC[k] = ImageFont.truetype(path, px, index=idx)
    return _FC[k]


# ---------------------------------------------------------------- helpers
def lowfreq(rng, h, w, g=5, lo=0.0, hi=1.0):
    """smooth random field in [lo,hi] of shape (h,w)"""
    a = rng.random((g, max(2, int(g * w / max(h, 1)) or 2))).astype(np.float32)
    im = Image.fromarray(a, "F").resize((w, h), Image.BICUBIC)
    a = np.asarray(im)
    a = (a - a.min()) / (a.max() - a.min() + 1e-6)
    return lo + (hi - lo) * a


def fblur(a, r):
    """gaussian blur of a float 2-D array via 8-bit PIL (range-normalised)"""
    lo, hi = float(a.min()), float(a.max())
    if hi - lo < 1e-9:
        return a.copy()
    u = ((a - lo) / (hi - lo) * 255).astype(np.uint8)
    b = np.asarray(Image.fromarray(u, "L").filter(ImageFilter.GaussianBlur(r))).astype(np.float32)
    return lo + b / 255 * (hi - lo)


def fmt_date(d, style):
    y, m, dd = d.year, d.month, d.day
    return {"cn": f"{y}年{m}月{dd}日", "cn0": f"{y}年{m:02d}月{dd:02d}日", "iso": f"{y}-{m:02d}-{dd:02d}",
            "dot": f"{y}.{m:02d}.{dd:02d}", "slash": f"{y}/{m}/{dd}"}[style]


def fmt_time(d, R, style=None):
    style = style or R.choice(["iso", "iso", "slash", "cn0"])
    t = f"{R.randint(7, 21):02d}:{R.randint(0, 59):02d}"
    if R.random() < 0.6:
        t += f":{R.randint(0, 59):02d}"
    return fmt_date(d, style) + " " + t


def rand_name(R):
    return R.choice(C.SURN) + "".join(R.choice(C.GIVEN) for _ in range(R.choice([1, 2, 2])))


def rand_hosp(R):
    city = R.choice(C.CITIES)
    r = R.random()
    if r < 0.2:
        return city[:-1] + R.choice(C.UNI)
    if r < 0.35:
        return city + R.choice(C.DISTRICTS) + R.choice(["人民医院", "中医医院", "妇幼保健院", "社区卫生服务中心"])
    return city + R.choice(C.SUFFIX)


# ---------------------------------------------------------------- page
class Page:
    def __init__(self, wmm, hmm, s, col):
        self.w, self.h, self.s = wmm, hmm, s
        self.img = Image.new("RGB", (int(round(wmm * s)), int(round(hmm * s))), col)
        self.d = ImageDraw.Draw(self.img)
        self.lines = []  # bboxes (mm) of text lines, for pen marks

    def px(self, v):
        return int(round(v * self.s))

    def tw(self, t, size, fk):
        return font(fk, size * self.s).getlength(t) / self.s

    def text(self, x, y, t, size, fk, col, anchor="ls", record=True):
        f = font(fk, size * self.s)
        xy = (x * self.s, y * self.s)
        self.d.text(xy, t, font=f, fill=col, anchor=anchor)
        bb = self.d.textbbox(xy, t, font=f, anchor=anchor)
        bb = tuple(v / self.s for v in bb)
        if record:
            self.lines.append(bb)
        return bb

    def spaced(self, cx, y, t, size, fk, col, gap):
        """centred text with extra letter spacing (titles)"""
        f = font(fk, size * self.s)
        ws = [f.getlength(ch) / self.s for ch in t]
        tot = sum(ws) + gap * (len(t) - 1)
        x = cx - tot / 2
        x0 = x
        for ch, wd in zip(t, ws):
            self.d.text((x * self.s, y * self.s), ch, font=f, fill=col, anchor="ls")
            x += wd + gap
        return (x0, y - size * 0.9, x0 + tot, y + size * 0.15)

    def line(self, x0, y0, x1, y1, wmm, col):
        self.d.line([(x0 * self.s, y0 * self.s), (x1 * self.s, y1 * self.s)], fill=col, width=max(1, self.px(wmm)))

    def para(self, x, y, wmm, t, size, fk, col, lh, ymax, indent=0.0):
        f = font(fk, size * self.s)
        line, lines, first = "", [], True
        for ch in t:
            lim = wmm - (indent if first else 0)
            if f.getlength(line + ch) / self.s > lim and line:
                lines.append((line, first))
                line, first = ch, False
            else:
                line += ch
        if line:
            lines.append((line, first))
        for ln, fst in lines:
            if y > ymax:
                break
            self.text(x + (indent if fst else 0), y, ln, size, fk, col)
            y += lh
        return y


def ink_apply(arr, alpha, col, x0, y0):
    """multiply-blend an ink patch (alpha HxW float) onto arr (H,W,3 float) at x0,y0"""
    H, W = arr.shape[:2]
    h, w = alpha.shape
    ax0, ay0 = max(0, -x0), max(0, -y0)
    bx0, by0 = max(0, x0), max(0, y0)
    bx1, by1 = min(W, x0 + w), min(H, y0 + h)
    if bx1 <= bx0 or by1 <= by0:
        return
    a = alpha[ay0:ay0 + (by1 - by0), ax0:ax0 + (bx1 - bx0)][..., None]
    c = np.array(col, np.float32) / 255.0
    arr[by0:by1, bx0:bx1] *= (1 - a * (1 - c))


# ---------------------------------------------------------------- seals / emblems
def arc_chars(im, txt, fk, cs, cx, cy, rx, ry, span, squeeze, start=None):
    """draw characters along the top of an ellipse, upright facing outwards."""
    n = len(txt)
    f = font(fk, cs)
    for i, ch in enumerate(txt):
        t = math.radians(-span / 2 + span * (i + 0.5) / n)
        x, y = cx + rx * math.sin(t), cy - ry * math.cos(t)
        nx, ny = math.sin(t) / max(rx, 1), -math.cos(t) / max(ry, 1)
        phi = math.degrees(math.atan2(nx, -ny))
        sz = int(cs * 1.6)
        g = Image.new("L", (sz, sz), 0)
        ImageDraw.Draw(g).text((sz / 2, sz / 2), ch, font=f, fill=255, anchor="mm")
        if squeeze != 1.0:
            g = g.resize((max(2, int(sz * squeeze)), sz), Image.BICUBIC)
            g2 = Image.new("L", (sz, sz), 0)
            g2.paste(g, ((sz - g.width) // 2, 0))
            g = g2
        g = g.rotate(-phi, resample=Image.BICUBIC, expand=True)
        im.paste(255, (int(x - g.width / 2), int(y - g.height / 2)), g)


def star(d, cx, cy, r, fill=255):
    pts = []
    for k in range(10):
        a = math.radians(-90 + 36 * k)
        rr = r if k % 2 == 0 else r * 0.382
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=fill)


def seal_round(R, s, hosp, bottom, diam, double=False, center="star"):
    D = diam * s
    size = int(D * 1.12) + 4
    c = size / 2
    im = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(im)
    ring = R.uniform(0.9, 1.4) * s
    Rr = D / 2
    d.ellipse([c - Rr, c - Rr, c + Rr, c + Rr], outline=255, width=max(2, int(ring)))
    inner = Rr - ring
    if double:
        g = R.uniform(0.8, 1.3) * s
        d.ellipse([c - inner + g, c - inner + g, c + inner - g, c + inner - g], outline=255, width=max(1, int(0.35 * s)))
        inner -= g + 0.35 * s
    fk = R.choice(["serifb", "sansb", "ming", "hei", "serifb"])
    cs = D * R.uniform(0.12, 0.145) * (1.0 if len(hosp) <= 12 else 12 / len(hosp) + 0.1)
    span = min(260, max(180, 17.0 * len(hosp)))
    rt = inner - cs * 0.62
    arc_chars(im, hosp, fk, cs, c, c, rt, rt, span, R.uniform(0.7, 0.9))
    if center == "star":
        star(d, c, c - D * 0.02, D * R.uniform(0.16, 0.19))
    elif center == "cross":
        a = D * 0.14; b = D * 0.045
        d.rectangle([c - a, c - b, c + a, c + b], fill=255); d.rectangle([c - b, c - a, c + b, c + a], fill=255)
    if bottom:
        bs = D * R.uniform(0.085, 0.105)
        f = font(fk, bs)
        d.text((c, c + D * 0.27), bottom, font=f, fill=255, anchor="mm")
    return np.asarray(im).astype(np.float32) / 255.0


def seal_oval(R, s, hosp, mid, w, h):
    W, H = w * s, h * s
    size = (int(W * 1.1) + 4, int(H * 1.1) + 4)
    cx, cy = size[0] / 2, size[1] / 2
    im = Image.new("L", size, 0)
    d = ImageDraw.Draw(im)
    ring = R.uniform(0.8, 1.2) * s
    d.ellipse([cx - W / 2, cy - H / 2, cx + W / 2, cy + H / 2], outline=255, width=max(2, int(ring)))
    fk = R.choice(["serifb", "sansb", "hei"])
    cs = H * 0.16
    arc_chars(im, hosp, fk, cs, cx, cy, W / 2 - ring - cs * 0.7, H / 2 - ring - cs * 0.7,
              min(250, max(170, 16 * len(hosp))), R.uniform(0.7, 0.85))
    if R.random() < 0.5:
        star(d, cx, cy - H * 0.02, H * 0.12)
        d.text((cx, cy + H * 0.2), mid, font=font(fk, H * 0.13), fill=255, anchor="mm")
    else:
        d.text((cx, cy + H * 0.08), mid, font=font(fk, H * 0.15), fill=255, anchor="mm")
        d.text((cx, cy + H * 0.3), "".join(str(R.randint(0, 9)) for _ in range(13)), font=font("sans", H * 0.07),
               fill=255, anchor="mm")
    return np.asarray(im).astype(np.float32) / 255.0


def rect_stamp(R, s, txt):
    fs = R.uniform(5, 7) * s
    f = font(R.choice(["sansb", "serifb", "hei"]), fs)
    tw = f.getlength(txt)
    W, H = int(tw + fs * 1.4), int(fs * 2.0)
    im = Image.new("L", (W + 6, H + 6), 0)
    d = ImageDraw.Draw(im)
    d.rectangle([3, 3, W + 2, H + 2], outline=255, width=max(2, int(0.7 * s)))
    d.text(((W + 6) / 2, (H + 6) / 2), txt, font=f, fill=255, anchor="mm")
    return np.asarray(im).astype(np.float32) / 255.0


def ink_effects(R, nrng, a, s, tags, allow_faint=True):
    """stamp-ink look: rotation, strength, uneven / partial inking, speckle, smear"""
    im = Image.fromarray((a * 255).astype(np.uint8), "L")
    im = im.rotate(R.uniform(-25, 25), resample=Image.BICUBIC, expand=True)
    a = np.asarray(im).astype(np.float32) / 255.0
    h, w = a.shape
    r = R.random()
    if r < 0.35:
        st = R.uniform(0.85, 1.0); tags.append("ink_crisp")
    elif r < 0.6 and allow_faint:
        st = R.uniform(0.35, 0.55); tags.append("ink_faded")
    else:
        st = R.uniform(0.6, 0.85)
    field = lowfreq(nrng, h, w, 4, R.uniform(0.45, 0.8), 1.1)
    a = a * st * field
    if R.random() < 0.3:
        ang = R.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        p = ((xx - w / 2) * math.cos(ang) + (yy - h / 2) * math.sin(ang)) / (w / 2)
        t = R.uniform(-0.2, 0.4)
        a *= np.clip(0.15 + (t - p) * 2.5, 0.15, 1.0)
        tags.append("ink_partial")
    grain = nrng.normal(0, 1, (h, w)).astype(np.float32)
    grain = fblur(grain, max(0.6, 0.08 * s))
    grain = grain / (grain.std() + 1e-6)
    a *= np.clip(0.85 + 0.25 * grain, 0.2, 1.1)
    if R.random() < 0.2:
        sh = max(1, int(R.uniform(0.3, 0.8) * s))
        b = np.zeros_like(a)
        b[:, sh:] = a[:, :-sh] * 0.55
        a = np.maximum(a, b)
        tags.append("ink_smear")
    blur = max(0.5, 0.06 * s)
    a = fblur(a, blur)
    return np.clip(a, 0, 1)


def seal_color(R):
    return (R.randint(190, 230), R.randint(20, 60), R.randint(30, 70)) if R.random() < 0.85 else \
        (R.randint(170, 200), R.randint(30, 50), R.randint(70, 100))


def emblem(pg, R, x, y, dmm, hosp, kind, col):
    """printed red emblem in the header (not a seal)."""
    s = pg.s
    if kind == "ring":
        eng = R.choice(["HOSPITAL", "PEOPLE'S HOSPITAL", "MEDICAL CENTER", hosp[:min(len(hosp), 10)]])
        a = seal_round(R, s, eng, "", dmm, double=R.random() < 0.5, center=R.choice(["cross", "cross", "star"]))
    else:
        size = int(dmm * s)
        im = Image.new("L", (size + 4, size + 4), 0)
        d = ImageDraw.Draw(im)
        c = (size + 4) / 2
        if kind == "cross":
            d.ellipse([2, 2, size + 1, size + 1], fill=255)
            aa, bb = size * 0.32, size * 0.1
            d.rectangle([c - aa, c - bb, c + aa, c + bb], fill=0); d.rectangle([c - bb, c - aa, c + bb, c + aa], fill=0)
        else:  # stylised logo: crescent + small cross + leaf arcs
            d.ellipse([2, 2, size + 1, size + 1], outline=255, width=max(2, int(size * 0.08)))
            d.arc([size * 0.15, size * 0.2, size * 0.95, size * 0.9], 100, 300, fill=255, width=max(2, int(size * 0.1)))
            aa, bb = size * 0.16, size * 0.05
            d.rectangle([c - aa, c - bb, c + aa, c + bb], fill=255); d.rectangle([c - bb, c - aa, c + bb, c + aa], fill=255)
        a = np.asarray(im).astype(np.float32) / 255.0
    rgb = Image.new("RGB", (a.shape[1], a.shape[0]), col)
    pg.img.paste(rgb, (int(x * s - a.shape[1] / 2), int(y * s - a.shape[0] / 2)),
                 Image.fromarray((a * 255).astype(np.uint8), "L"))


def pen_stroke(pts, s, wmm, R, shape):
    """draw a wobbly polyline into an alpha patch covering the page"""
    im = Image.new("L", shape, 0)
    d = ImageDraw.Draw(im)
    q = [(x * s + R.uniform(-0.2, 0.2) * s, y * s + R.uniform(-0.2, 0.2) * s) for x, y in pts]
    d.line(q, fill=255, width=max(2, int(wmm * s)), joint="curve")
    return im


# ---------------------------------------------------------------- paper layout
DOCS = ["diag", "diag", "record", "lab", "lab", "imaging", "patho"]
TITLES = {"diag": ["诊断证明书", "疾病诊断证明书", "诊断证明", "医疗诊断证明书"], "record": ["门诊病历", "门诊病历记录", "门(急)诊病历"],
          "lab": ["检验报告单", "临床检验报告单", "检验科报告单"], "imaging": ["影像检查报告", "{m}检查报告单", "医学影像诊断报告"],
          "patho": ["病理报告", "病理诊断报告书", "病理检查报告单"]}
OWN_LABEL = {"diag": ["日期", "日期", "开具日期"], "record": ["日期", "日期"], "lab": ["报告日期", "报告日期", "日期"],
             "imaging": ["报告日期", "检查日期", "报告日期", "日期"], "patho": ["报告日期", "报告日期", "日期"]}


def choose_spec(R):
    doc = R.choice(DOCS)
    r = R.random()
    if r < 0.5:
        size = ("A4", 210, 297)
    elif r < 0.78:
        size = ("A5", 148, 210)
    else:
        size = ("half", R.choice([210, 200, 190]), R.choice([140, 130, 120]))
    return {"doc": doc, "size": size[0], "w": size[1], "h": size[2]}


def render_paper(spec, s, R, nrng, tags, want_seal):
    W, H = spec["w"], spec["h"]
    doc = spec["doc"]
    small = spec["size"] != "A4"
    pcol = (R.randint(238, 252), R.randint(238, 250), R.randint(232, 248))
    pg = Page(W, H, s, pcol)
    k = R.randint(15, 45)
    ink = (k, k, k + R.randint(0, 8))
    m = R.uniform(9, 13) if small else R.uniform(14, 20)
    xr = W - m
    body_fk = R.choice(["serif", "ming", "sans", "hei", "serif"])
    fs = R.uniform(3.3, 3.8) if small else R.uniform(3.6, 4.3)
    lh = fs * R.uniform(1.55, 1.9)
    red = (R.randint(195, 225), R.randint(20, 50), R.randint(25, 55))
    hosp = rand_hosp(R)
    reds = []

    # ---- dates
    d0 = datetime.date(2023, 1, 1) + datetime.timedelta(days=R.randint(0, (datetime.date(2026, 11, 30) - datetime.date(2023, 1, 1)).days))
    style = R.choice(["cn", "cn0", "iso", "dot", "slash"])
    has_date = R.random() > 0.1
    label = R.choice(OWN_LABEL[doc])
    sep = R.choice(["：", "：", ":", " "])
    own_text = f"{label}{sep}{fmt_date(d0, style)}" if has_date else None
    pos = R.choice(["bottom_right", "under_sign", "top_right", "table_row", "footer_inline"]) if has_date else "none"
    if doc == "lab" and has_date and R.random() < 0.5:
        pos = "footer_inline"
    lim = datetime.date(2026, 12, 5)
    dprint = min(lim, d0 + datetime.timedelta(days=R.choice([0, 0, 1, 2, 5, 12, 30])))
    dvisit = d0 - datetime.timedelta(days=R.choice([0, 1, 2, 3, 7]))
    dsample = d0 - datetime.timedelta(days=R.choice([0, 1, 1, 2]))
    dbirth = datetime.date(R.randint(1940, 2020), R.randint(1, 12), R.randint(1, 28))
    use_print = R.random() < (0.55 if has_date else 0.0)
    use_birth = R.random() < 0.35 or not has_date and R.random() < 0.5
    use_visit = doc in ("record", "diag", "imaging") and R.random() < (0.5 if has_date else 0.0)
    if use_print: tags.append("d_print")
    if use_birth: tags.append("d_birth")
    if use_visit: tags.append("d_visit")
    boxes = {}

    # ---- header
    y = m + R.uniform(2, 6)
    name_red = R.random() < 0.3
    hs = (R.uniform(5.5, 7.0) if small else R.uniform(6.5, 8.5))
    hf = R.choice(["serifb", "sansb", "hei", "serifb"])
    emb = R.random() < 0.25
    hw = pg.tw(hosp, hs, hf)
    if emb:
        kind = R.choice(["ring", "ring", "cross", "logo"])
        dmm = R.uniform(11, 17) if kind == "ring" else R.uniform(9, 14)
        ex = W / 2 - hw / 2 - dmm * 0.75
        if ex - dmm / 2 < m * 0.6:
            ex = m * 0.6 + dmm / 2
        emblem(pg, R, ex, y + hs * 0.45 - hs * 0.35, dmm, hosp, kind, red if R.random() < 0.8 else (40, 90, 160))
        tags.append("red_emblem_" + kind)
    pg.text(W / 2, y + hs * 0.8, hosp, hs, hf, red if name_red else ink, anchor="ms")
    if name_red:
        tags.append("red_hosp_name")
    y += hs * 1.25
    if R.random() < 0.3:
        pg.text(W / 2, y + 2.5, "".join(R.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(R.randint(6, 12))) + " HOSPITAL",
                2.6, "sans", ink, anchor="ms")
        y += 4
    mod = R.choice(C.IMAGING)
    title = R.choice(TITLES[doc]).replace("{m}", mod[0])
    if doc == "lab":
        kindlab = R.choice(C.LAB_KINDS)
        if R.random() < 0.5:
            title = kindlab[0] + "检验报告单"
    ts = hs * R.uniform(0.75, 0.95)
    y += ts * 1.1
    pg.spaced(W / 2, y, title, ts, R.choice(["serifb", "sansb", "hei"]), ink, R.choice([0, 0.5, 1.5, 3]))
    y += ts * 0.6
    r = R.random()
    if r < 0.35:
        pg.line(m, y, xr, y, 0.8, red); tags.append("red_header_line")
        if R.random() < 0.5:
            pg.line(m, y + 1.0, xr, y + 1.0, 0.25, red)
    elif r < 0.75:
        pg.line(m, y, xr, y, R.choice([0.3, 0.5, 0.8]), ink)
    y += lh * 0.9

    def own_date_at(x, yy, anchor="ls", size=None):
        bb = pg.text(x, yy, own_text, size or fs, body_fk, ink, anchor=anchor)
        boxes["date"] = bb
        return bb

    # top-right own date line
    if pos == "top_right":
        left = None
        if use_visit and R.random() < 0.6:
            left = f"就诊日期：{fmt_date(dvisit, style)}"; tags.append("distractor_adjacent"); use_visit_done = True
        elif use_print and R.random() < 0.4:
            left = f"打印时间：{fmt_time(dprint, R)}"; tags.append("distractor_adjacent")
        else:
            left = R.choice(["No.", "编号：", "门诊号：", "条码号："]) + str(R.randint(10 ** 6, 10 ** 9))
        pg.text(m, y, left, fs * 0.95, body_fk, ink)
        own_date_at(xr, y, anchor="rs")
        y += lh

    # ---- patient fields
    sex = R.choice(["男", "女"])
    fields = [("姓名", rand_name(R)), ("性别", sex), ("年龄", f"{R.randint(1, 88)}岁")]
    fields.append((R.choice(["门诊号", "病历号", "ID号", "就诊卡号"]), str(R.randint(10 ** 6, 10 ** 10))))
    fields.append((R.choice(["科别", "科室", "就诊科室"]), R.choice(C.DEPTS)))
    if use_birth:
        fields.insert(3, ("出生日期", fmt_date(dbirth, R.choice(["cn", "iso", "dot", "cn0"]))))
    if use_visit and pos != "top_right":
        fields.append(("就诊日期", fmt_date(dvisit, R.choice([style, "iso", "cn"]))))
    if doc == "lab":
        fields += [("标本类型", kindlab[1]), ("送检医生", rand_name(R))]
        if R.random() < 0.6:
            fields.append(("采样时间", fmt_time(dsample, R))); tags.append("d_sample")
        if R.random() < 0.4:
            fields.append(("接收时间", fmt_time(dsample, R))); tags.append("d_recv")
    if doc == "imaging":
        fields += [("检查号", str(R.randint(10 ** 5, 10 ** 8))), ("检查部位", mod[1][:-2] if mod[1].endswith("平扫") else mod[1])]
    if doc == "patho":
        fields += [("病理号", f"P{R.randint(2023, 2026)}-{R.randint(100, 9999)}"), ("送检材料", R.choice(C.PATHO)[0])]
        if R.random() < 0.5:
            fields.append(("接收时间", fmt_time(dsample, R))); tags.append("d_recv")
    fsz = fs * R.uniform(0.92, 1.0)
    x = m
    underline = R.random() < 0.3
    for lab_, val in fields:
        t = f"{lab_}：{val}"
        wd = pg.tw(t, fsz, body_fk)
        cw = max(wd + 4, (xr - m) / (3 if small else 4) if len(t) < 12 else wd + 4)
        if x + wd > xr:
            x = m; y += lh
        bb = pg.text(x, y, t, fsz, body_fk, ink)
        if underline:
            lx = x + pg.tw(lab_ + "：", fsz, body_fk)
            pg.line(lx, y + 0.8, x + wd + 1, y + 0.8, 0.2, ink)
        if lab_ == "出生日期":
            boxes["birth"] = bb
        x += cw
    y += lh * 0.6
    if R.random() < 0.6:
        pg.line(m, y, xr, y, 0.3, red if R.random() < 0.15 else ink)
    y += lh

    # ---- body
    foot_res = (22 if pos in ("bottom_right", "under_sign", "table_row", "footer_inline") else 16) + (6 if use_print else 0)
    ymax = H - m - foot_res
    if doc == "diag":
        y = pg.para(m, y, xr - m, "诊断：" + "；".join(R.sample(C.DIAG, R.randint(1, 3))) + "。", fs, body_fk, ink, lh, ymax)
        y += lh * 0.3
        y = pg.para(m, y, xr - m, R.choice(["处理意见：", "医嘱：", "建议："]) + R.choice(C.ADVICE), fs, body_fk, ink, lh, ymax)
        if not small and R.random() < 0.6:
            y += lh * 0.3
            y = pg.para(m, y, xr - m, "病情摘要：" + R.choice(C.CHIEF) + R.choice(C.HPI).format(n=R.randint(2, 9)),
                        fs, body_fk, ink, lh, ymax)
    elif doc == "record":
        parts = [("主诉", R.choice(C.CHIEF)), ("现病史", R.choice(C.HPI).format(n=R.randint(2, 9))), ("既往史", R.choice(C.PAST)),
                 ("体格检查", R.choice(C.EXAM)), ("初步诊断", "；".join(R.sample(C.DIAG, R.randint(1, 2)))), ("处理", R.choice(C.PLAN))]
        if small:
            parts = [parts[0], parts[3], parts[4], parts[5]]
        for a, b in parts:
            y = pg.para(m, y, xr - m, f"{a}：{b}", fs, body_fk, ink, lh, ymax)
    elif doc == "lab":
        items = list(kindlab[2])
        avail = int((ymax - y - lh) / (lh * 0.92))
        n = max(3, min(len(items), avail))
        items = items[:n]
        style_t = R.choice(["grid", "three", "none", "rows"])
        tcol = red if R.random() < 0.2 and style_t != "none" else ink
        if tcol == red:
            tags.append("red_table")
        tags.append("table_" + style_t)
        cols = ["序号", "项目名称", "结果", "", "单位", "参考区间"] if not small or R.random() < 0.5 else ["项目", "结果", "", "单位", "参考范围"]
        wts = [0.08, 0.34, 0.14, 0.05, 0.16, 0.23] if len(cols) == 6 else [0.36, 0.16, 0.06, 0.18, 0.24]
        xs = [m]
        for wv in wts:
            xs.append(xs[-1] + wv * (xr - m))
        rh = lh * 0.92
        ts_ = fs * 0.92
        top = y - rh * 0.75
        rows = [cols]
        for i, it in enumerate(items):
            nm, ab, un, lo, hi, dec = it
            v = R.uniform(lo * 0.7, hi * 1.25) if R.random() < 0.3 else R.uniform(lo, hi)
            flag = "↑" if v > hi else ("↓" if v < lo else "")
            vs = f"{v:.{dec}f}"
            ref = f"{lo}--{hi}" if R.random() < 0.5 else f"{lo}-{hi}"
            row = [str(i + 1), nm, vs, flag, un, ref] if len(cols) == 6 else [nm, vs, flag, un, ref]
            rows.append(row)
        for ri, row in enumerate(rows):
            yy = y + ri * rh
            for ci, cell in enumerate(row):
                if cell:
                    pg.text(xs[ci] + 1.2, yy, cell, ts_, "sansb" if ri == 0 and body_fk.startswith("sans") else body_fk, ink)
        bot = y + (len(rows) - 1) * rh + rh * 0.35
        lw = 0.25
        if style_t == "grid":
            for ri in range(len(rows) + 1):
                yy = top + ri * rh
                pg.line(xs[0], yy, xs[-1], yy, lw, tcol)
            for xv in xs:
                pg.line(xv, top, xv, top + len(rows) * rh, lw, tcol)
        elif style_t == "three":
            pg.line(xs[0], top, xs[-1], top, 0.5, tcol); pg.line(xs[0], top + rh, xs[-1], top + rh, 0.25, tcol)
            pg.line(xs[0], top + len(rows) * rh, xs[-1], top + len(rows) * rh, 0.5, tcol)
        elif style_t == "rows":
            for ri in range(len(rows) + 1):
                pg.line(xs[0], top + ri * rh, xs[-1], top + ri * rh, 0.2, tcol)
        y = top + len(rows) * rh + lh
    elif doc == "imaging":
        y = pg.para(m, y, xr - m, "检查项目：" + mod[1], fs, body_fk, ink, lh, ymax)
        pg.text(m, y, R.choice(["检查所见：", "影像所见：", "超声所见："]), fs, "sansb" if R.random() < 0.5 else body_fk, ink)
        y += lh
        y = pg.para(m, y, xr - m, mod[2], fs, body_fk, ink, lh, ymax, indent=fs * 2)
        y += lh * 0.3
        pg.text(m, y, R.choice(["诊断意见：", "影像诊断：", "检查提示："]), fs, "sansb" if R.random() < 0.5 else body_fk, ink)
        y += lh
        y = pg.para(m, y, xr - m, mod[3], fs, body_fk, ink, lh, ymax, indent=fs * 2)
    else:
        p = R.choice(C.PATHO)
        for a, b in [("肉眼所见", p[1]), ("镜下所见", p[2]), ("病理诊断", p[3])]:
            y = pg.para(m, y, xr - m, f"{a}：{b}", fs, body_fk, ink, lh, ymax)
            y += lh * 0.2

    # ---- signature / own date block
    y = max(y + lh * 0.6, min(ymax - lh * 0.5, y + lh * R.uniform(0.6, 3.0)))
    y = min(y, H - m - foot_res + lh)
    sign_label = {"diag": "医师签名", "record": "医师签名", "lab": R.choice(["检验者", "检验医师"]),
                  "imaging": R.choice(["报告医师", "诊断医师"]), "patho": "报告医师"}[doc]
    sig = rand_name(R)
    sx = xr - R.uniform(55, 75) if not small else xr - R.uniform(48, 60)
    if pos == "footer_inline":
        items = [f"{sign_label}：{sig}", f"审核者：{rand_name(R)}" if doc in ("lab", "imaging", "patho") else None]
        items = [i for i in items if i]
        seq = items + ["@own"]
        if use_print and R.random() < 0.6:
            seq.insert(R.choice([len(seq) - 1, len(seq)]), "@print"); tags.append("distractor_adjacent")
            use_print_done = True
        else:
            use_print_done = False
        x = m
        fsz2 = fs * 0.95
        gap = 4
        tot = sum(pg.tw(own_text if t == "@own" else (f"打印时间：{fmt_time(dprint, R)}" if t == "@print" else t), fsz2, body_fk) for t in seq)
        while tot + gap * len(seq) > xr - m and fsz2 > 2.8:
            fsz2 *= 0.93
            tot = sum(pg.tw(own_text if t == "@own" else (t if not t.startswith("@") else "打印时间：2025-10-01 10:10:10"), fsz2, body_fk) for t in seq)
        gap = max(2, (xr - m - tot) / max(1, len(seq) - 1))
        for t in seq:
            if t == "@own":
                bb = pg.text(x, y, own_text, max(fsz2, 3.0), body_fk, ink); boxes["date"] = bb
            elif t == "@print":
                bb = pg.text(x, y, f"打印时间：{fmt_time(dprint, R)}", fsz2, body_fk, ink)
            else:
                bb = pg.text(x, y, t, fsz2, body_fk, ink)
                if t.startswith(sign_label):
                    boxes["sign"] = bb
            x = bb[2] + gap
        y += lh
    elif pos == "table_row":
        cells = [sign_label, "", label, fmt_date(d0, style)]
        cw = [(xr - m) * f for f in (0.2, 0.3, 0.2, 0.3)]
        top = y - lh * 0.75
        tcol = ink
        x = m
        pg.line(m, top, xr, top, 0.25, tcol); pg.line(m, top + lh, xr, top + lh, 0.25, tcol)
        for i, (c, w_) in enumerate(zip(cells, cw)):
            pg.line(x, top, x, top + lh, 0.25, tcol)
            if i == 3:
                bb = pg.text(x + 1.5, y, c, fs, body_fk, ink); boxes["date"] = bb
            elif c:
                pg.text(x + 1.5, y, c, fs, body_fk, ink)
            if i == 1:
                bb = pg.text(x + 3, y + 0.3, sig, fs * 1.35, "kai", (35, 40, 85)); boxes["sign"] = bb
            x += w_
        pg.line(xr, top, xr, top + lh, 0.25, tcol)
        own_text = f"{label} {fmt_date(d0, style)}"
        y += lh * 1.3
        use_print_done = False
    else:
        # signature line
        t = f"{sign_label}："
        bb0 = pg.text(sx, y, t, fs, body_fk, ink)
        hand = R.random() < 0.7
        if hand:
            bb = pg.text(bb0[2] + 1, y + 0.5, sig, fs * R.uniform(1.3, 1.7), "kai", (35, 40, 85) if R.random() < 0.6 else (30, 30, 30))
        else:
            bb = pg.text(bb0[2] + 1, y, sig, fs, body_fk, ink)
        boxes["sign"] = (bb0[0], min(bb0[1], bb[1]), bb[2], max(bb0[3], bb[3]))
        if doc in ("lab", "imaging", "patho") and R.random() < 0.6:
            pg.text(m, y, f"审核医师：{rand_name(R)}", fs, body_fk, ink)
        y += lh * 1.2
        if pos == "under_sign":
            own_date_at(sx, y)
            y += lh
        elif pos == "bottom_right":
            y += lh * R.uniform(0, 0.8)
            own_date_at(xr - R.uniform(0, 6), y, anchor="rs")
            y += lh
        use_print_done = False
    # ---- footer
    fy = H - m * 0.6
    if use_print and not use_print_done:
        ftxt = f"打印时间：{fmt_time(dprint, R)}"
        if R.random() < 0.5:
            pg.text(m, fy, ftxt, fs * 0.8, body_fk, ink)
            pg.text(xr, fy, "第1页/共1页", fs * 0.8, body_fk, ink, anchor="rs")
        else:
            pg.text(xr, fy, ftxt, fs * 0.8, body_fk, ink, anchor="rs")
    elif R.random() < 0.6:
        pg.text(m, fy, R.choice(C.NOTES), fs * 0.8, body_fk, ink)
    tags.append("pos_" + pos)
    if has_date:
        tags.append("fmt_" + style); tags.append("lab_" + label)

    # ---- convert to array for inks
    arr = np.asarray(pg.img).astype(np.float32)
    # printed toner variation
    arr = np.clip(arr + nrng.normal(0, 2.0, arr.shape[:2])[..., None], 0, 255).astype(np.float32)
    Hp, Wp = arr.shape[:2]

    # ---- red pen marks / rect stamps (non-seal red)
    lines = [b for b in pg.lines if b[1] > 30 and b[3] < H - 15]
    if R.random() < 0.3 and lines:
        kind = R.choice(["tick", "underline", "circle", "circle", "write"])
        b = R.choice(lines)
        pc = (R.randint(180, 225), R.randint(20, 60), R.randint(30, 70))
        wmm = R.uniform(0.35, 0.6)
        shape = (Wp, Hp)
        if kind == "tick":
            pts_all = []
            for bb_ in R.sample(lines, min(3, len(lines))):
                x0, y0 = bb_[0] - 4, (bb_[1] + bb_[3]) / 2
                pts_all.append([(x0 - 2, y0 - 0.5), (x0 - 0.8, y0 + 1.5), (x0 + 2.5, y0 - 3)])
            im = Image.new("L", shape, 0)
            for p in pts_all:
                im = ImageChops.lighter(im, pen_stroke(p, s, wmm, R, shape))
        elif kind == "underline":
            n = 12
            pts = [(b[0] + (b[2] - b[0]) * i / n, b[3] + 0.8 + R.uniform(-0.4, 0.4)) for i in range(n + 1)]
            im = pen_stroke(pts, s, wmm, R, shape)
        elif kind == "circle":
            cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
            rx, ry = (b[2] - b[0]) / 2 + R.uniform(2, 6), (b[3] - b[1]) / 2 + R.uniform(2, 4)
            rx = min(rx, 45)
            a0 = R.uniform(0, 6.28)
            pts = [(cx + rx * (1 + 0.04 * math.sin(3 * t)) * math.cos(a0 + t), cy + ry * (1 + 0.05 * math.sin(2 * t)) * math.sin(a0 + t))
                   for t in np.linspace(0, 2 * math.pi * R.uniform(1.03, 1.15), 60)]
            im = pen_stroke(pts, s, wmm, R, shape)
        else:
            txt = R.choice(["已阅", "复查", "请复诊", "遵医嘱", "√已核对"])
            im = Image.new("L", shape, 0)
            x0, y0 = b[2] + 3, b[3]
            if x0 > W - 25:
                x0, y0 = b[0], b[3] + 6
            ImageDraw.Draw(im).text((x0 * s, y0 * s), txt, font=font("kai", 6 * s), fill=255, anchor="ls")
        a = np.asarray(im).astype(np.float32) / 255.0 * R.uniform(0.75, 0.95)
        ink_apply(arr, a, pc, 0, 0)
        tags.append("red_pen_" + kind)
    if R.random() < 0.12:
        txt = R.choice(["已缴费", "复印件", "已收费", "与原件相符", "急"])
        a = ink_effects(R, nrng, rect_stamp(R, s, txt), s, [], allow_faint=False)
        xx = R.uniform(m, W - m - a.shape[1] / s)
        yy = R.uniform(H * 0.15, H * 0.5)
        ink_apply(arr, a, seal_color(R), int(xx * s), int(yy * s))
        tags.append("red_rect_stamp")

    # ---- official seal
    if want_seal:
        r = R.random()
        seal_tags = []
        if r < 0.72:
            diam = R.uniform(38, 45)
            bottom = R.choice(["", "", "诊断证明专用章", "医务科", "门诊部", "检验科专用章" if doc == "lab" else "医疗专用章", "病理科" if doc == "patho" else "医务部"])
            a = seal_round(R, s, hosp, bottom, diam)
            seal_tags.append("seal_round")
            ext = diam
        elif r < 0.85:
            diam = R.uniform(40, 45)
            a = seal_round(R, s, hosp, R.choice(["", "医务科", "诊断证明专用章"]), diam, double=True)
            seal_tags.append("seal_double")
            ext = diam
        else:
            ow, oh = R.uniform(40, 46), R.uniform(28, 32)
            a = seal_oval(R, s, hosp, R.choice(["财务专用章", "门诊收费专用章", "检验专用章", "报告专用章"]), ow, oh)
            seal_tags.append("seal_oval")
            ext = ow
        a = ink_effects(R, nrng, a, s, seal_tags)
        tgt = R.random()
        if "date" in boxes and tgt < 0.45:
            b = boxes["date"]; seal_tags.append("seal_over_date")
        elif "sign" in boxes and tgt < 0.75:
            b = boxes["sign"]; seal_tags.append("seal_over_sign")
        elif tgt < 0.9 and lines:
            b = R.choice(lines[-6:]); seal_tags.append("seal_over_text")
        else:
            b = (W * 0.55, H * 0.7, W * 0.75, H * 0.8); seal_tags.append("seal_free")
        cx = (b[0] + b[2]) / 2 + R.uniform(-0.25, 0.25) * ext
        cy = (b[1] + b[3]) / 2 + R.uniform(-0.25, 0.25) * ext
        cx = min(max(cx, ext / 2 + 2), W - ext / 2 - 2)
        cy = min(max(cy, ext / 2 + 2), H - ext / 2 - 2)
        ink_apply(arr, a, seal_color(R), int(cx * s - a.shape[1] / 2), int(cy * s - a.shape[0] / 2))
        tags += seal_tags
    # paper shading / fold
    if R.random() < 0.3:
        yy = np.linspace(0, 1, Hp, dtype=np.float32)[:, None]
        f = R.uniform(0.3, 0.7)
        shade = 1 - R.uniform(0.03, 0.08) * (yy > f) - 0.05 * np.exp(-((yy - f) * Hp / (1.2 * s)) ** 2)
        arr *= shade[..., None]
        tags.append("fold")
    return np.clip(arr, 0, 255).astype(np.uint8), (d0.isoformat() if has_date else None), own_text


# ---------------------------------------------------------------- photo scene
PHOTO_SIZES = [(3024, 4032), (3024, 4032), (2448, 3264), (1920, 2560), (1536, 2048), (1200, 1600), (1080, 1440),
               (2160, 2880), (1440, 1920)]


def background(R, nrng, W, H, tags, kind=None):
    kind = kind or R.choice(["wood", "wood", "plain", "plain", "cloth", "dark", "bed", "red"] if R.random() < 0.97 else ["red"])
    if kind == "red" and R.random() < 0.7:
        kind = "cloth"
    h, w = H // 2, W // 2
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        vertical = R.random() < 0.5
        if vertical:
            xx, yy = yy, xx
        base = np.array([R.randint(120, 200), R.randint(80, 135), R.randint(45, 90)], np.float32)
        warp = lowfreq(nrng, h, w, 4) * R.uniform(20, 60)
        period = R.uniform(8, 30)
        ring = np.sin((yy + warp + 0.02 * xx) * 2 * math.pi / period)
        streak = nrng.normal(0, 1, (h, max(2, w // 40)) if not vertical else (max(2, h // 40), w)).astype(np.float32)
        streak = np.asarray(Image.fromarray(streak, "F").resize((w, h), Image.BILINEAR))
        plank = R.uniform(150, 400)
        seam = (np.abs(((yy + 0.0) % plank)) < 2).astype(np.float32)
        v = 0.88 + 0.06 * ring + 0.04 * streak + lowfreq(nrng, h, w, 3, -0.06, 0.06) - 0.25 * seam
        img = base[None, None, :] * v[..., None]
    elif kind in ("plain", "dark"):
        base = np.array(R.choice([(225, 225, 220), (200, 200, 205), (215, 205, 185), (185, 200, 215), (150, 150, 150),
                                  (235, 232, 225)]) if kind == "plain" else
                        R.choice([(35, 35, 38), (50, 40, 35), (30, 35, 45), (55, 55, 55)]), np.float32)
        v = 1 + lowfreq(nrng, h, w, 3, -0.05, 0.05) + nrng.normal(0, 0.015, (h, w)).astype(np.float32)
        img = base[None, None, :] * v[..., None]
    else:
        if kind == "red":
            c0 = np.array([R.randint(150, 200), R.randint(20, 50), R.randint(30, 60)], np.float32)
            c1 = c0 * 0.7 + np.array([60, 60, 60], np.float32)
        elif kind == "bed":
            c0 = np.array(R.choice([(230, 230, 235), (220, 225, 240), (240, 220, 225), (225, 235, 220)]), np.float32)
            c1 = c0 - np.array([R.randint(10, 50), R.randint(10, 50), R.randint(10, 50)], np.float32)
        else:
            c0 = np.array([R.randint(60, 220) for _ in range(3)], np.float32)
            c1 = np.array([R.randint(40, 220) for _ in range(3)], np.float32)
        ang = R.uniform(0, math.pi)
        xr_ = xx * math.cos(ang) + yy * math.sin(ang)
        yr_ = -xx * math.sin(ang) + yy * math.cos(ang)
        p = R.uniform(15, 60)
        pat = R.choice(["check", "stripe", "dots"])
        if pat == "check":
            m_ = (((xr_ // p) % 2) + ((yr_ // p) % 2)) / 2
        elif pat == "stripe":
            m_ = ((xr_ // p) % 2).astype(np.float32)
        else:
            m_ = (((xr_ % p) - p / 2) ** 2 + ((yr_ % p) - p / 2) ** 2 < (p * 0.25) ** 2).astype(np.float32)
        weave = 0.03 * np.sin(xr_ * 2.2) * np.sin(yr_ * 2.2)
        img = (c0[None, None] * (1 - m_[..., None]) + c1[None, None] * m_[..., None]) * (1 + weave[..., None] +
               lowfreq(nrng, h, w, 4, -0.08, 0.05)[..., None])
        kind = kind if kind != "cloth" else "cloth_" + pat
    tags.append("bg_" + kind)
    img = np.clip(img, 0, 255).astype(np.uint8)
    return Image.fromarray(img).resize((W, H), Image.BILINEAR)


def draw_object(R, ppm, kind):
    """returns RGBA image of an object (upright), physical scale ppm"""
    if kind == "pen":
        L, Wd = R.uniform(130, 150) * ppm, R.uniform(8, 11) * ppm
        im = Image.new("RGBA", (int(L) + 4, int(Wd) + 4), (0, 0, 0, 0))
        d = ImageDraw.Draw(im)
        col = R.choice([(20, 40, 120), (20, 20, 25), (200, 30, 40), (230, 230, 230), (40, 120, 60)])
        d.rounded_rectangle([2, 2, L * 0.85, Wd], radius=Wd / 2, fill=col + (255,))
        d.polygon([(L * 0.85, 2 + Wd * 0.15), (L, Wd / 2 + 2), (L * 0.85, Wd - Wd * 0.15)], fill=(180, 180, 170, 255))
        d.rectangle([L * 0.1, 2 + Wd * 0.3, L * 0.7, 2 + Wd * 0.45], fill=tuple(min(255, c + 70) for c in col) + (255,))
        d.rectangle([L * 0.05, 0, L * 0.35, Wd * 0.25], fill=(150, 150, 155, 255))
        return im
    if kind == "phone":
        w, h = R.uniform(70, 78) * ppm, R.uniform(145, 160) * ppm
        im = Image.new("RGBA", (int(w) + 4, int(h) + 4), (0, 0, 0, 0))
        d = ImageDraw.Draw(im)
        body = R.choice([(20, 20, 22), (200, 200, 205), (60, 70, 90), (180, 160, 140)])
        d.rounded_rectangle([2, 2, w, h], radius=9 * ppm, fill=body + (255,))
        if R.random() < 0.6:
            d.rounded_rectangle([2 + 3 * ppm, 2 + 3 * ppm, w - 3 * ppm, h - 3 * ppm], radius=7 * ppm, fill=(12, 12, 15, 255))
        else:
            d.rounded_rectangle([6 * ppm, 6 * ppm, 30 * ppm, 40 * ppm], radius=5 * ppm, fill=(40, 40, 45, 255))
            for cx_, cy_ in ((13, 15), (23, 15), (13, 30)):
                d.ellipse([(cx_ - 4) * ppm, (cy_ - 4) * ppm, (cx_ + 4) * ppm, (cy_ + 4) * ppm], fill=(5, 5, 8, 255))
        return im
    if kind == "cup":
        D = R.uniform(75, 90) * ppm
        im = Image.new("RGBA", (int(D * 1.45) + 4, int(D) + 4), (0, 0, 0, 0))
        d = ImageDraw.Draw(im)
        col = R.choice([(240, 240, 238), (200, 60, 50), (60, 90, 160), (230, 200, 90), (90, 90, 90)])
        d.rounded_rectangle([D * 0.85, D * 0.38, D * 1.4, D * 0.62], radius=D * 0.1, fill=col + (255,))
        d.ellipse([2, 2, D, D], fill=col + (255,))
        liq = R.choice([(90, 55, 30), (150, 110, 60), (200, 190, 150), (60, 35, 20)])
        d.ellipse([D * 0.09, D * 0.09, D * 0.91, D * 0.91], fill=liq + (255,))
        d.ellipse([D * 0.25, D * 0.2, D * 0.4, D * 0.32], fill=tuple(min(255, c + 60) for c in liq) + (255,))
        return im
    # card
    w, h = 85.6 * ppm, 54 * ppm
    im = Image.new("RGBA", (int(w) + 4, int(h) + 4), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    col = R.choice([(30, 90, 170), (40, 140, 90), (220, 220, 225), (180, 40, 40)])
    d.rounded_rectangle([2, 2, w, h], radius=3 * ppm, fill=col + (255,))
    d.rectangle([8 * ppm, 20 * ppm, 20 * ppm, 30 * ppm], fill=(210, 180, 90, 255))
    return im


def place_objects(R, bg, ppm, tags, avoid=None, n=None):
    W, H = bg.size
    n = n if n is not None else (R.choice([0, 0, 0, 1, 1, 2]))
    shadow = Image.new("L", bg.size, 0)
    layer = Image.new("RGBA", bg.size, (0, 0, 0, 0))
    for _ in range(n):
        kind = R.choice(["pen", "pen", "phone", "cup", "card"])
        ob = draw_object(R, ppm, kind).rotate(R.uniform(0, 360), resample=Image.BICUBIC, expand=True)
        for _try in range(20):
            x = R.uniform(-ob.width * 0.3, W - ob.width * 0.7)
            y = R.uniform(-ob.height * 0.3, H - ob.height * 0.7)
            cx, cy = x + ob.width / 2, y + ob.height / 2
            if avoid is None or not (avoid[0] < cx < avoid[2] and avoid[1] < cy < avoid[3]):
                break
        al = ob.split()[3]
        off = int(ppm * 3)
        shadow.paste(255, (int(x) + off, int(y) + off), al)
        layer.alpha_composite(ob, (max(0, int(x)), max(0, int(y))), (max(0, -int(x)), max(0, -int(y))))
        tags.append("obj_" + kind)
    shadow = shadow.filter(ImageFilter.GaussianBlur(max(2, ppm * 3)))
    bga = np.asarray(bg).astype(np.float32) * (1 - 0.4 * np.asarray(shadow, np.float32)[..., None] / 255)
    bg = Image.fromarray(np.clip(bga, 0, 255).astype(np.uint8)).convert("RGBA")
    bg.alpha_composite(layer)
    return bg.convert("RGB")


def persp_coeffs(dst, src):
    A, B = [], []
    for (x, y), (u, v) in zip(dst, src):
        A.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); B.append(u)
        A.append([0, 0, 0, x, y, 1, -v * x, -v * y]); B.append(v)
    return np.linalg.solve(np.array(A, float), np.array(B, float)).tolist()


def plan_pose(R, wmm, hmm, quality, tags):
    for attempt in range(200):
        Wf, Hf = R.choice(PHOTO_SIZES)
        land = R.random() < 0.2
        if land:
            Wf, Hf = Hf, Wf
        r = R.random()
        base = 0
        if r < 0.04:
            base = R.choice([90, -90])
        elif r < 0.065:
            base = 180
        ang = base + max(-15, min(15, R.gauss(0, 5.5)))
        cov = R.uniform(0.3, 0.95) if R.random() < 0.4 else R.uniform(0.5, 0.85)
        ppm = math.sqrt(cov * Wf * Hf / (wmm * hmm))
        k1, k2 = R.uniform(-0.07, 0.07), R.uniform(-0.05, 0.05)
        loc = []
        for (u, v) in [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)]:
            sx = 1 - k1 * (2 * v) * 1.0
            sy = 1 - k2 * (2 * u)
            x, y = u * wmm * sx, v * hmm * sy
            x += R.uniform(-0.01, 0.01) * wmm; y += R.uniform(-0.01, 0.01) * hmm
            loc.append((x, y))
        ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
        rot = [(x * ca - y * sa, x * sa + y * ca) for x, y in loc]
        bw = max(p[0] for p in rot) - min(p[0] for p in rot)
        bh = max(p[1] for p in rot) - min(p[1] for p in rot)
        ppm = min(ppm, 0.97 * Wf / bw, 0.97 * Hf / bh)
        cov2 = wmm * hmm * ppm * ppm / (Wf * Hf)
        if cov2 < 0.28:
            continue
        if quality != "small" and ppm < 4.7 and attempt < 190:
            continue
        if ppm * max(wmm, hmm) > 5000:
            continue
        pts = [(x * ppm, y * ppm) for x, y in rot]
        minx, maxx = min(p[0] for p in pts), max(p[0] for p in pts)
        miny, maxy = min(p[1] for p in pts), max(p[1] for p in pts)
        mx, my = 0.015 * Wf, 0.015 * Hf
        cx = R.uniform(mx - minx, Wf - mx - maxx) if Wf - mx - maxx > mx - minx else Wf / 2
        cy = R.uniform(my - miny, Hf - my - maxy) if Hf - my - maxy > my - miny else Hf / 2
        quad = [(cx + x, cy + y) for x, y in pts]
        if base in (90, -90):
            tags.append("sideways")
        elif base == 180:
            tags.append("upside_down")
        elif abs(ang) > 9:
            tags.append("tilt>9")
        if land:
            tags.append("landscape")
        tags.append(f"cov{int(cov2 * 10) * 10}")
        return (Wf, Hf), quad, ppm
    raise RuntimeError("no pose")


def lighting(R, nrng, img, tags, quality, ppm):
    H, W = img.shape[:2]
    # illumination field
    L = lowfreq(nrng, H // 8, W // 8, 3, R.uniform(0.72, 0.9), 1.0)
    yy, xx = np.mgrid[0:H // 8, 0:W // 8].astype(np.float32)
    g_ang = R.uniform(0, 2 * math.pi)
    grad = (xx / (W / 8) - 0.5) * math.cos(g_ang) + (yy / (H / 8) - 0.5) * math.sin(g_ang)
    L = L * (1 + R.uniform(0.0, 0.25) * grad)
    if R.random() < 0.5:
        vig = R.uniform(0.15, 0.4)
        rr = ((xx / (W / 8) - 0.5) ** 2 + (yy / (H / 8) - 0.5) ** 2) / 0.5
        L = L * (1 - vig * rr)
        tags.append("vignette")
    # hand / phone shadow
    if R.random() < 0.25:
        sh = Image.new("L", (W // 8, H // 8), 0)
        d = ImageDraw.Draw(sh)
        w8, h8 = W // 8, H // 8
        side = R.choice(["b", "r", "l", "t"])
        if R.random() < 0.6:  # hand
            px_, py_ = {"b": (R.uniform(0.3, 0.7) * w8, h8 * 1.05), "t": (R.uniform(0.3, 0.7) * w8, -h8 * 0.05),
                        "l": (-w8 * 0.05, R.uniform(0.4, 0.8) * h8), "r": (w8 * 1.05, R.uniform(0.4, 0.8) * h8)}[side]
            rr_ = min(w8, h8) * R.uniform(0.25, 0.4)
            d.ellipse([px_ - rr_, py_ - rr_, px_ + rr_, py_ + rr_], fill=255)
            dirx, diry = {"b": (0, -1), "t": (0, 1), "l": (1, 0), "r": (-1, 0)}[side]
            for f in range(4):
                off = (f - 1.5) * rr_ * 0.45
                fx, fy = px_ + dirx * rr_ * 0.6 + diry * off, py_ + diry * rr_ * 0.6 + dirx * off
                ln = rr_ * R.uniform(0.9, 1.4)
                d.line([(fx, fy), (fx + dirx * ln, fy + diry * ln)], fill=255, width=int(rr_ * 0.3))
            tags.append("hand_shadow")
        else:
            x0 = R.uniform(-0.2, 0.6) * w8; y0 = R.uniform(0.5, 0.9) * h8
            d.polygon([(x0, y0), (x0 + w8 * 0.5, y0 - h8 * 0.05), (x0 + w8 * 0.6, h8 * 1.1), (x0, h8 * 1.1)], fill=255)
            tags.append("phone_shadow")
        sh = sh.filter(ImageFilter.GaussianBlur(min(W, H) / 8 * R.uniform(0.035, 0.07)))
        L = L * (1 - R.uniform(0.3, 0.5) * np.asarray(sh, np.float32) / 255)
    Lf = np.asarray(Image.fromarray(L.astype(np.float32), "F").resize((W, H), Image.BILINEAR))
    t = R.random()
    if t < 0.35:
        cast = np.array([1.06, 0.98, 0.82]) * R.uniform(0.97, 1.03); tags.append("warm")
    elif t < 0.55:
        cast = np.array([0.92, 0.99, 1.08]); tags.append("cool")
    else:
        cast = np.array([1.0, 1.0, 0.97])
    gain = R.uniform(0.95, 1.12)
    if quality == "dark":
        gain = R.uniform(0.1, 0.2)
    img = img * (Lf[..., None] * gain) * cast[None, None, :].astype(np.float32)
    return img


def motion_blur(img, length, ang):
    n = max(3, min(31, int(length)))
    acc = np.zeros_like(img)
    for i in range(n):
        t = (i / (n - 1) - 0.5) * length
        dx, dy = int(round(t * math.cos(ang))), int(round(t * math.sin(ang)))
        acc += np.roll(np.roll(img, dy, axis=0), dx, axis=1)
    return acc / n


def pil_blur(arr, r):
    im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(r))
    return np.asarray(im).astype(np.float32)


def make_photo(i, seed, quality):
    R = random.Random(seed * 100003 + i * 7919)
    nrng = np.random.default_rng(seed * 100003 + i * 7919)
    tags = []
    rec = {"file": f"{i:03d}.jpg", "seal": "absent", "date": None, "quality": quality, "tags": tags}
    if quality == "not_a_document":
        Wf, Hf = R.choice(PHOTO_SIZES)
        if R.random() < 0.25:
            Wf, Hf = Hf, Wf
        ppm = min(Wf, Hf) / R.uniform(200, 420)
        bg = background(R, nrng, Wf, Hf, tags)
        bg = place_objects(R, bg, ppm, tags, n=R.choice([1, 1, 2, 3]))
        img = np.asarray(bg).astype(np.float32)
        img = lighting(R, nrng, img, tags, "ok", ppm)
    else:
        spec = choose_spec(R)
        tags += ["doc_" + spec["doc"], "size_" + spec["size"]]
        want_seal = R.random() < 0.6
        (Wf, Hf), quad, ppm = plan_pose(R, spec["w"], spec["h"], quality, tags)
        rs = min(13.0, max(6.0, ppm * 1.25))
        paper, date, own_text = render_paper(spec, rs, R, nrng, tags, want_seal)
        rec["seal"] = "found" if want_seal else "absent"
        rec["date"] = date
        rec["date_text"] = own_text
        pim = Image.fromarray(paper).filter(ImageFilter.GaussianBlur(0.35 * rs / ppm))
        src = [(0, 0), (pim.width, 0), (pim.width, pim.height), (0, pim.height)]
        co = persp_coeffs(quad, src)
        bg = background(R, nrng, Wf, Hf, tags)
        xs_ = [p[0] for p in quad]; ys_ = [p[1] for p in quad]
        bg = place_objects(R, bg, ppm, tags, avoid=(min(xs_), min(ys_), max(xs_), max(ys_)))
        warped = pim.transform((Wf, Hf), Image.PERSPECTIVE, co, Image.BICUBIC)
        mask = Image.new("L", pim.size, 255).transform((Wf, Hf), Image.PERSPECTIVE, co, Image.BILINEAR)
        # paper casts a soft shadow
        shm = mask.filter(ImageFilter.GaussianBlur(max(2, ppm * 1.5)))
        shm = ImageChops.offset(shm, int(ppm * 1.2), int(ppm * 1.5))
        bga = np.asarray(bg).astype(np.float32) * (1 - 0.35 * np.asarray(shm, np.float32)[..., None] / 255)
        mk = np.asarray(mask, np.float32)[..., None] / 255
        img = bga * (1 - mk) + np.asarray(warped).astype(np.float32) * mk
        img = lighting(R, nrng, img, tags, quality, ppm)
    H, W = img.shape[:2]
    if quality == "blurry":
        em = 3.8 * ppm
        if R.random() < 0.6:
            img = pil_blur(img, em * R.uniform(0.38, 0.6)); tags.append("defocus")
        else:
            img = motion_blur(img, em * R.uniform(1.4, 2.2), R.uniform(0, math.pi))
            img = pil_blur(img, em * 0.12); tags.append("motion")
    else:
        img = pil_blur(img, R.uniform(0.3, 0.8) * max(1.0, min(W, H) / 2000))
    # sensor noise (luma + chroma), stronger in dark shots
    sig = R.uniform(1.5, 4.0) if quality != "dark" else R.uniform(2.5, 5.0)
    noise = nrng.normal(0, sig, (H, W, 1)).astype(np.float32) + nrng.normal(0, sig * 0.4, (H, W, 3)).astype(np.float32)
    img = np.clip(img + noise, 0, 255).astype(np.uint8)
    out = Image.fromarray(img)
    if quality not in ("blurry", "dark") and R.random() < 0.5:
        out = out.filter(ImageFilter.UnsharpMask(radius=2, percent=R.randint(40, 90), threshold=2))
    if quality == "small":
        ls = R.randint(220, 470)
        sc = ls / max(W, H)
        out = out.resize((max(1, int(W * sc)), max(1, int(H * sc))), Image.LANCZOS)
    tags.append(f"{out.width}x{out.height}")
    return out, rec, R.randint(72, 93)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", type=int, default=None, help="regenerate only this index (debug)")
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    N = a.count
    nb, nd, ns, nn = round(0.07 * N), round(0.07 * N), round(0.05 * N), round(0.05 * N)
    qs = ["blurry"] * nb + ["dark"] * nd + ["small"] * ns + ["not_a_document"] * nn
    qs += ["ok"] * (N - len(qs))
    random.Random(a.seed).shuffle(qs)
    man = []
    for i in range(1, N + 1):
        if a.only is not None and i != a.only:
            continue
        img, rec, q = make_photo(i, a.seed, qs[i - 1])
        img.save(os.path.join(a.outdir, rec["file"]), "JPEG", quality=q)
        man.append(rec)
        print(rec["file"], rec["quality"], rec["seal"], rec["date"], " ".join(rec["tags"]), flush=True)
    if a.only is None:
        with open(os.path.join(a.outdir, "manifest.json"), "w") as f:
            json.dump(man, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
