#!/usr/bin/python3
"""Generates phone-like photos of papers with known answers for `mantetong read`.

Usage: tests/photos/gen.py OUT_DIR [--count N] [--seed S] [--long-side PX]
                                   [--variant tune|heldout] [--case emblem_touch]
                                   [--poor] [--scene]

Writes OUT_DIR/NNN.jpg and OUT_DIR/manifest.json, one entry per photo:
  {"file", "seal": "found"|"absent", "date": "YYYY-MM-DD"|null,
   "quality": "ok"|"blurry"|"dark"|"small"|"not_a_document", "tags": [...]}
Deterministic for a given seed, variant (and Pillow version). Needs Debian's
python3-pil and python3-numpy, fonts-noto-cjk, and for more typefaces
fonts-arphic-uming, fonts-arphic-ukai and fonts-wqy-zenhei (scripts/setup.sh;
a missing typeface falls back to Noto).

--variant: `tune` (default) is the draw the reader is developed against;
`heldout` draws its parameters from other ranges (typefaces the tune draw
never uses, larger and smaller seals, stronger perspective, more blur and
noise, other photo sizes) and is only ever measured, never tuned on.
--case emblem_touch: every paper (drawn as without it otherwise) gets a red
letterhead with a faint round emblem touching the hospital's red name (the
two run together in a red mask); the default draws are unchanged by it.
--poor: every photo is a poor one, drawn as the default draw's 16th, 17th or
18th of every 20 (small, blurry, dark in turn; a 16th is always small),
to measure the seal and quality on many poor photos; default draws unchanged.
--scene: every paper (drawn as without it) is photographed as people do at
home: smaller in the frame (a quarter to two thirds of it), anywhere in it,
on wood, cloth, a gingham tablecloth, a dark or light desk or a bedsheet,
with things beside it (a pen, a phone, a cup, glasses, another paper's
edge), in a phone's own photo size (1600-4000 px); tagged bg_*, clutter_*,
share<percent of the photo that is paper, before perspective>. Its photos
of no paper (one in 20) are of a room, a brick wall, a lawn or a carpet
(tagged home_*), not blurred shapes.

The papers: several layouts (an A4 report with the date in the fields under
the title or at the foot, a half-page certificate with the date at the
right, a lab report with a result table), a hospital header (sometimes a red
letterhead, red rules and a round red emblem, a logo ring with text round
it), fields (sometimes a birth date, a sampling time), body lines, sometimes
a table (black or red rules), the paper's own date behind one of its labels
in one of five forms, sometimes a print time beside, above or below it; a
red seal (ring + star + text along the ring; round or oval; several sizes,
strengths, partly faded, over text or over the date) or none; red pen (a
ring drawn round a line, a circle, a tick and underline, red handwriting).
Then the photo: a table behind the paper, rotation, perspective, warm, dim
or cool light, uneven light and a soft shadow, blur (focus or motion),
sensor noise, downscaling and JPEG (sometimes twice).
"""
import datetime
import json
import math
import os
import random
import sys

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

NOTO = "/usr/share/fonts/opentype/noto/"
FONTS = {
    "serif": (NOTO + "NotoSerifCJK-Regular.ttc", 2),
    "serif_bold": (NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "sans": (NOTO + "NotoSansCJK-Regular.ttc", 2),
    "sans_bold": (NOTO + "NotoSansCJK-Bold.ttc", 2),
    "ming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "zenhei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
}
# Body and heading typefaces of each draw (heading: the bold face or itself).
FACES = {
    "tune": [("serif", "serif_bold"), ("sans", "sans_bold"), ("ming", "serif_bold")],
    "heldout": [("kai", "sans_bold"), ("zenhei", "zenhei"), ("serif", "serif_bold"), ("sans", "sans_bold"), ("ming", "ming")],
}

_fonts = {}


def font(face, size):
    key = (face, size)
    if key not in _fonts:
        path, idx = FONTS[face]
        try:
            _fonts[key] = ImageFont.truetype(path, size, index=idx)
        except OSError:
            _fonts[key] = ImageFont.truetype(FONTS["sans"][0], size, index=2)
    return _fonts[key]


HOSPITALS = ["临汾市人民医院", "临汾市中心医院", "临汾市第四人民医院", "尧都区人民医院",
             "山西医科大学第一医院", "临汾市中医医院", "侯马市人民医院", "洪洞县人民医院",
             "太原市中心医院", "山西省人民医院", "霍州市人民医院", "襄汾县中医院"]
TITLES = ["诊断证明书", "检查报告单", "医学影像检查报告", "检验报告单", "出院记录", "门诊病历", "疾病诊断证明",
          "慢性病诊断证明", "超声检查报告单"]
NAMES = ["张秀英", "王建国", "李桂兰", "刘长生", "陈玉珍", "杨志强", "赵淑芬", "黄德明", "郭振华", "马玉梅"]
DIAG = ["2型糖尿病伴多个并发症", "原发性高血压3级（极高危）", "慢性阻塞性肺疾病", "冠状动脉粥样硬化性心脏病",
        "慢性肾脏病5期", "脑梗死后遗症", "类风湿关节炎", "帕金森病", "慢性心力衰竭", "肺结核"]
BODY = ["患者于门诊就诊，经检查明确诊断，建议长期规律服药并定期复查。",
        "空腹血糖明显升高，糖化血红蛋白偏高，需继续药物治疗。",
        "心电图示窦性心律，ST段改变，建议低盐低脂饮食。",
        "双肺纹理增多，未见明显实变影，心影大小正常。",
        "肾功能检查示肌酐升高，建议门诊随访，规律透析治疗。",
        "以上诊断仅供办理慢性病门诊待遇使用，复印无效。",
        "病情稳定，建议继续原方案治疗，每三个月复查一次。",
        "既往史：否认肝炎结核病史，否认药物过敏史。",
        "肝胆胰脾未见明显异常，双肾大小形态正常。",
        "建议休息两周，避免劳累，如有不适随诊。",
        "共3次住院治疗，第2次住院时间为14天。"]
LABELS = ["日期", "开具日期", "报告日期", "检查日期"]
# Other dates a paper carries (never its own).
OTHER_DATES = ["打印时间", "打印日期", "采样时间", "接收时间", "入院日期", "送检日期"]
FORMS = ["ymd_cn", "ymd_cn0", "dash", "dot", "slash"]
INK = (25, 25, 30)

# Parameter ranges of each draw.
PARAMS = {
    "tune": dict(rot=[2, 5, 10], persp=[0.02, 0.05, 0.08], blur=(0.0, 1.0), seal=(170, 300),
                 strength=[1.0, 0.9, 0.75, 0.6, 0.5], body=(26, 34), long=(1300, 1700), jpeg=(70, 92),
                 twice=0.3, noise=(2, 7), oval=0.1, fade=0.25, motion=0.1, top_date=0.3, half=0.2),
    "heldout": dict(rot=[3, 7, 12], persp=[0.03, 0.07, 0.11], blur=(0.0, 1.3), seal=(150, 340),
                    strength=[1.0, 0.85, 0.7, 0.55, 0.45], body=(24, 38), long=(1024, 2000), jpeg=(60, 90),
                    twice=0.5, noise=(3, 9), oval=0.2, fade=0.35, motion=0.2, top_date=0.35, half=0.3),
}


def fmt_date(d, form):
    if form == "ymd_cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if form == "ymd_cn0":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if form == "dash":
        return f"{d.year}-{d.month:02d}-{d.day:02d}"
    if form == "dot":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    return f"{d.year}/{d.month}/{d.day}"


def rand_date(r):
    start = datetime.date(2023, 1, 1)
    end = datetime.date(2026, 10, 31)
    return start + datetime.timedelta(days=r.randrange((end - start).days))


def arc_text(img, text, c, rad, span, fsz, face, r, vertical_scale=1.0):
    """Characters along the upper arc of a ring, each turned to face out."""
    f = font(face, fsz)
    for i, ch in enumerate(text):
        a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(text)
        tile = Image.new("L", (fsz * 2, fsz * 2), 0)
        ImageDraw.Draw(tile).text((fsz * 0.5, fsz * 0.35), ch, fill=255, font=f)
        tile = tile.rotate(-math.degrees(a + math.pi / 2), resample=Image.BICUBIC)
        x = c[0] + rad * math.cos(a) - fsz
        y = c[1] + rad * vertical_scale * math.sin(a) - fsz
        img.paste(255, (int(x), int(y)), tile)


def star_points(cx, cy, sr, turn=0.0):
    pts = []
    for i in range(10):
        rad = sr if i % 2 == 0 else sr * 0.38
        a = -math.pi / 2 + i * math.pi / 5 + turn
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    return pts


def draw_seal(size, r, name, strength, P, tags):
    """A seal as an 'L' mask (255 = full ink): ring + star + arc text; round
    or oval; uneven pressure, sometimes one side faded away."""
    oval = r.random() < P["oval"]
    sw, sh = (size, int(size * r.uniform(0.68, 0.8))) if oval else (size, size)
    img = Image.new("L", (sw, sh), 0)
    d = ImageDraw.Draw(img)
    c = (sw / 2, sh / 2)
    ring = max(3, int(size * r.uniform(0.022, 0.048)))
    d.ellipse([ring / 2, ring / 2, sw - ring / 2, sh - ring / 2], outline=255, width=ring)
    if r.random() < 0.15:
        inner = ring + max(3, int(size * 0.02))
        d.ellipse([inner, inner, sw - inner, sh - inner], outline=255, width=max(2, ring // 3))
    sr = min(sw, sh) * r.uniform(0.13, 0.2)
    d.polygon(star_points(c[0], c[1] - (sh * 0.03 if oval else 0), sr), fill=255)
    fsz = int(min(sw, sh) * r.uniform(0.095, 0.13))
    face = r.choice(["sans_bold", "serif_bold", "ming", "zenhei"])
    span = math.radians(r.uniform(190, 260))
    rad_t = sw / 2 - ring - fsz * 0.75
    arc_text(img, name, c, rad_t, span, fsz, face, r, vertical_scale=(sh / sw))
    if r.random() < 0.75:
        lab = r.choice(["诊断专用章", "门诊专用章", "医务科", "检验专用章", "诊断证明专用章"])
        f2 = font("sans_bold", int(min(sw, sh) * r.uniform(0.075, 0.095)))
        w = d.textlength(lab, font=f2)
        d.text((c[0] - w / 2, c[1] + sh * 0.2), lab, fill=255, font=f2)
    img = img.rotate(r.uniform(-35, 35), resample=Image.BICUBIC, expand=True)
    W, H = img.size
    # ink: uneven pressure, a faded side, specks where the ink did not take
    n = max(4, max(W, H) // 24)
    noise = np.array(Image.effect_noise((n, n), 60).resize((W, H), Image.BICUBIC), dtype=np.float32)
    noise = (noise - noise.mean()) / 255.0
    m = np.array(img, dtype=np.float32) / 255.0
    gain = strength + noise * (1.6 - strength)
    if r.random() < P["fade"]:
        a = r.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        t = ((xx - W / 2) * math.cos(a) + (yy - H / 2) * math.sin(a)) / (max(W, H) / 2)
        gain = gain * np.clip(1.0 - r.uniform(0.5, 0.9) * np.clip(t, 0, 1), 0.1, 1)
        tags.append("seal_faded_side")
    m = np.clip(m * gain, 0, 1)
    speck = np.random.default_rng(r.randrange(1 << 30)).random(m.shape) < (0.18 * (1 - strength))
    m[speck] = 0
    if oval:
        tags.append("seal_oval")
    return Image.fromarray((m * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))


def ink_layer(mask, color):
    """A multiply layer: white where mask is 0, color where 255."""
    m = np.array(mask, dtype=np.float32)[..., None] / 255.0
    col = np.array(color, dtype=np.float32)[None, None, :]
    out = 255.0 * (1 - m) + col * m
    return Image.fromarray(out.astype(np.uint8), "RGB")


def stamp(page, mask, xy, color):
    """Multiplies ink onto the page (ink over print, as on a real paper)."""
    x, y = int(xy[0]), int(xy[1])
    w, h = mask.size
    region = page.crop((x, y, x + w, y + h))
    region = ImageChops.multiply(region, ink_layer(mask, color))
    page.paste(region, (x, y))


def wobbly_ellipse(d, box, r, color, width):
    x0, y0, x1, y1 = box
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    pts = []
    start = r.uniform(0, 2 * math.pi)
    turns = r.uniform(1.0, 1.25)
    n = 90
    for i in range(n + 1):
        a = start + 2 * math.pi * turns * i / n
        k = 1 + 0.05 * math.sin(3 * a + start) + r.uniform(-0.01, 0.01)
        pts.append((cx + rx * k * math.cos(a), cy + ry * k * math.sin(a)))
    d.line(pts, fill=color, width=width, joint="curve")


def emblem(size, r):
    """A round red hospital emblem: a ring with a cross, a letter, a second
    ring, or a logo ring with text round it; never a five-pointed star."""
    img = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(img)
    w = max(3, size // r.randint(10, 18))
    d.ellipse([w, w, size - w, size - w], outline=255, width=w)
    kind = r.choice(["cross", "cross", "text", "double", "logo"])
    c = size / 2
    if kind in ("cross", "double", "logo"):
        k = 0.28 if kind != "logo" else 0.17
        a, b = size * k, size * k * 0.32
        d.rectangle([c - b, c - a, c + b, c + a], fill=255)
        d.rectangle([c - a, c - b, c + a, c + b], fill=255)
        if kind == "double":
            d.ellipse([size * 0.16, size * 0.16, size * 0.84, size * 0.84], outline=255, width=max(2, w // 2))
        if kind == "logo":
            arc_text(img, r.choice(["人民医院", "中心医院", "HOSPITAL"]), (c, c), size / 2 - w - size * 0.09,
                     math.radians(200), max(8, int(size * 0.12)), "sans_bold", r)
    else:
        f = font("sans_bold", int(size * 0.4))
        t = r.choice(["医", "H", "LF"])
        tw = d.textlength(t, font=f)
        d.text((c - tw / 2, c - size * 0.28), t, fill=255, font=f)
    return img, kind


def red_handwriting(d, x, y, r, color, h):
    """A few red scrawled strokes (a doctor's note in red pen)."""
    for _ in range(r.randint(3, 7)):
        pts = [(x, y + r.uniform(0, h))]
        for _ in range(r.randint(3, 6)):
            px, py = pts[-1]
            pts.append((px + r.uniform(5, 30), y + r.uniform(0, h)))
        d.line(pts, fill=color, width=r.randint(2, 4), joint="curve")
        x = pts[-1][0] + r.uniform(8, 20)


def make_paper(r, spec, P):
    half = spec.get("half")
    W, H = (1240, r.randint(860, 1000)) if half else (1240, 1754)
    page = Image.new("RGB", (W, H), tuple(r.randint(236, 252) for _ in range(3)))
    d = ImageDraw.Draw(page)
    tags = ["half_page"] if half else []
    hosp = r.choice(HOSPITALS)
    red = (r.randint(185, 225), r.randint(15, 65), r.randint(25, 75))
    body_face, head_face = r.choice(FACES[spec["variant"]])
    tags.append(f"font_{body_face}")
    body_f = font(body_face, r.randint(*P["body"]) if not half else r.randint(P["body"][0], P["body"][0] + 6))
    lh = int(body_f.size * r.uniform(1.5, 2.0))
    mx = r.randint(80, 150)
    y = r.randint(60, 130)
    # header
    hf = font(head_face, r.randint(40, 60))
    hw = d.textlength(hosp, font=hf)
    hx = (W - hw) / 2
    header_red = spec.get("red_letterhead")
    d.text((hx, y), hosp, fill=red if header_red else INK, font=hf)
    if spec.get("emblem_touch"):
        # (--case emblem_touch only) a faint round emblem touching the
        # red name, left or right of it: the two join in the red mask.
        es = r.randint(80, 170)
        em, kind = emblem(es, r)
        faint = r.uniform(0.35, 0.65)
        pale = tuple(int(255 - (255 - c) * faint) for c in red)
        ex = hx - es + r.randint(0, 14) if r.random() < 0.5 else hx + hw - r.randint(0, 14)
        stamp(page, em, (max(5, ex), max(5, y + hf.size / 2 - es / 2 + 8)), pale)
        tags += [f"red_emblem_{kind}", f"emblem_touch_s{faint:.2f}"]
    elif spec.get("emblem"):
        es = r.randint(70, 170)
        em, kind = emblem(es, r)
        side = r.random() < 0.75
        ex = hx - es - 20 if side else W - mx - es
        stamp(page, em, (max(5, ex), max(5, y + hf.size / 2 - es / 2 + 8)), red)
        tags.append(f"red_emblem_{kind}")
    y += int(hf.size * 1.45)
    if header_red:
        d.line([(mx, y), (W - mx, y)], fill=red, width=r.randint(3, 6))
        if r.random() < 0.7:
            d.line([(mx, y + 10), (W - mx, y + 10)], fill=red, width=2)
        tags.append("red_letterhead")
        y += 28
    title = r.choice(TITLES)
    tf = font(head_face, r.randint(38, 54))
    tw = d.textlength(title, font=tf)
    d.text(((W - tw) / 2, y), title, fill=INK, font=tf)
    y += int(tf.size * 1.7)
    # the dates: the paper's own, a print time, other dates
    date = rand_date(r) if not spec.get("no_date") else None
    form = r.choice(FORMS)
    label = r.choice(LABELS)
    if r.random() < 0.1:
        label = " ".join(label) if len(label) == 2 else label
    colon = r.choice(["：", "：", ":", " "])
    date_txt = f"{label}{colon}{fmt_date(date, form)}" if date else None
    top_date = date and r.random() < P["top_date"] and not half
    print_where = r.choice(["none", "beside", "below", "above", "foot"]) if date else "none"
    pdate = date + datetime.timedelta(days=r.randint(0, 20)) if date else rand_date(r)
    plabel = r.choice(["打印时间", "打印时间", "打印日期"])
    ptxt = f"{plabel}：{fmt_date(pdate, r.choice(['dash', 'dash', 'slash', 'ymd_cn']))} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}"
    date_box = None
    text_lines = []  # (y, x0, x1) of body lines, for red pen and seals over text

    def put(x, yy, txt, f=body_f, fill=INK):
        d.text((x, yy), txt, fill=fill, font=f)
        box = (x, yy, x + d.textlength(txt, font=f), yy + f.size * 1.2)
        text_lines.append(box)
        return box

    # fields
    name = r.choice(NAMES)
    gap = "    " if r.random() < 0.7 else "  "
    put(mx, y, f"姓名：{name}{gap}性别：{r.choice('男女')}{gap}年龄：{r.randint(45, 88)}岁")
    y += lh
    if r.random() < 0.4:
        b = datetime.date(r.randint(1938, 1978), r.randint(1, 12), r.randint(1, 28))
        put(mx, y, f"出生日期：{fmt_date(b, r.choice(FORMS))}{gap}门诊号：{r.randint(100000, 999999)}")
        tags.append("birth_date")
    else:
        put(mx, y, f"科别：{r.choice(['内分泌科', '心内科', '肾内科', '神经内科', '呼吸科'])}{gap}门诊号：{r.randint(100000, 999999)}")
    y += lh
    if date and r.random() < 0.25:
        other = r.choice(OTHER_DATES[2:])
        od = date - datetime.timedelta(days=r.randint(0, 12))
        put(mx, y, f"{other}：{fmt_date(od, r.choice(FORMS))} {r.randint(7, 11):02d}:{r.randint(0, 59):02d}")
        tags.append("other_date")
        y += lh
    def beside(dx):
        """Where the print time goes beside a date at `dx`: right-aligned on
        the date's row if the two keep at least two characters apart, else
        on the row below (a printed paper never overprints its own date)."""
        px = W - mx - d.textlength(ptxt, font=body_f)
        return px if dx + d.textlength(date_txt, font=body_f) + 2 * body_f.size <= px else None

    below_too = False  # a print time meant beside its date put under it
    if top_date:
        dx = mx if r.random() < 0.6 else W // 2
        if print_where == "beside" and beside(dx) is None:
            dx = mx
        date_box = put(dx, y, date_txt)
        if print_where == "beside":
            px = beside(dx)
            if px is None:
                y += lh
                px, below_too = mx, True
            put(px, y, ptxt)
        y += lh
        tags.append("date_top")
    d.line([(mx, y), (W - mx, y)], fill=INK, width=2)
    y += lh // 2
    put(mx, y, "诊断：" + r.choice(DIAG))
    y += lh
    nbody = r.randint(1, 3) if half else r.randint(2, 6)
    for _ in range(nbody):
        put(mx, y, r.choice(BODY))
        y += lh
    # table
    if not half and (r.random() < 0.4 or spec.get("red_table")):
        tc = red if spec.get("red_table") else INK
        rows, cols = r.randint(3, 6), 4
        cw = (W - 2 * mx) / cols
        for i in range(rows + 1):
            d.line([(mx, y + i * lh), (W - mx, y + i * lh)], fill=tc, width=2)
        for j in range(cols + 1):
            d.line([(mx + j * cw, y), (mx + j * cw, y + rows * lh)], fill=tc, width=2)
        items = ["项目", "结果", "单位", "参考值", "血糖", "9.8", "mmol/L", "3.9-6.1", "肌酐", "356", "μmol/L", "57-111",
                 "血压", "168/102", "mmHg", "<140/90", "HbA1c", "8.2", "%", "4-6", "尿蛋白", "++", "", "阴性"]
        sf = font(body_face, int(body_f.size * 0.85))
        for i in range(rows):
            for j in range(cols):
                d.text((mx + j * cw + 10, y + i * lh + lh * 0.2), items[(i * cols + j) % len(items)], fill=INK, font=sf)
        tags.append("red_table" if spec.get("red_table") else "table")
        y += rows * lh + lh // 2
    if spec.get("red_rules"):
        for yy in range(y, H - 120, lh):
            d.line([(mx, yy + lh - 6), (W - mx, yy + lh - 6)], fill=(red[0], red[1] + 60, red[2] + 60), width=2)
        tags.append("red_rules")
    y = max(y + lh // 2, int(H * r.uniform(0.55, 0.7)) if not half else y + lh // 2)
    sig_right = r.random() < 0.5
    sig = "医师签名：" + r.choice(["李明", "王芳", "赵刚", "孙丽"])
    put(W - mx - d.textlength(sig, font=body_f) - 40 if sig_right else mx, y, sig)
    sig_y = y
    y += int(lh * 1.4)
    if date and not top_date:
        if print_where == "above":
            put(mx, y, ptxt)
            y += lh
        right = sig_right or half
        dx = W - mx - d.textlength(date_txt, font=body_f) - r.randint(0, 120) if right else mx
        if print_where == "beside":
            dx = mx
        date_box = put(dx, y, date_txt)
        if print_where == "beside":
            px = beside(dx)
            if px is None:
                y += lh
                px, below_too = mx, True
            put(px, y, ptxt)
        y += lh
        if print_where == "below":
            put(mx, y, ptxt)
            y += lh
    elif top_date and print_where in ("above", "below"):
        put(mx, y, ptxt)
        y += lh
    if date:
        tags += [f"form_{form}", f"label_{label.replace(' ', '')}", f"print_{'below' if below_too else print_where}"]
    else:
        tags.append("no_date")
        if r.random() < 0.5:
            put(mx, y, ptxt)
            tags.append("print_only")
    foot = f"第1页 共1页    {hosp}"
    if print_where == "foot":
        foot = f"{ptxt}    第1页 共1页"
    d.text((mx, H - r.randint(60, 100)), foot, fill=(90, 90, 90), font=font("sans", r.randint(20, 26)))
    # red pen
    if spec.get("red_pen"):
        pen = (r.randint(175, 230), r.randint(10, 55), r.randint(30, 80))
        kind = spec["red_pen"]
        t = r.choice(text_lines)
        th = t[3] - t[1]
        if kind == "ring":
            wobbly_ellipse(d, (t[0] - 30, t[1] - 20, min(W - 10, t[2] + 30), t[3] + 20), r, pen, r.randint(3, 6))
        elif kind == "round":
            cx, cy, rr = r.uniform(t[0] + 40, max(t[0] + 41, t[2] - 40)), (t[1] + t[3]) / 2, r.randint(60, 150)
            wobbly_ellipse(d, (cx - rr, cy - rr * r.uniform(0.8, 1.1), cx + rr, cy + rr), r, pen, r.randint(3, 6))
        elif kind == "tick":
            x0 = W - mx - r.randint(50, 300)
            d.line([(x0, t[1] + 10), (x0 + 25, t[1] + 40), (x0 + 80, t[1] - 30)], fill=pen, width=5)
            d.line([(t[0], t[3] + 4), (min(W - 20, t[0] + r.randint(300, 700)), t[3] + 8)], fill=pen, width=4)
        elif kind == "writing":
            red_handwriting(d, r.uniform(mx, W / 2), min(H - 150, sig_y + lh * r.uniform(-3, 1)), r, pen, th * 1.3)
        tags.append(f"red_pen_{kind}")
    if spec.get("seal"):
        size = int(r.uniform(*P["seal"]) * (0.85 if half else 1.0))
        strength = spec.get("strength", 1.0)
        mask = draw_seal(size, r, hosp, strength, P, tags)
        where = spec.get("where", "sign")
        if where == "date" and date_box:
            cx = (date_box[0] + date_box[2]) / 2 + r.uniform(-80, 80)
            cy = (date_box[1] + date_box[3]) / 2 + r.uniform(-40, 40)
            tags.append("seal_over_date")
        elif where == "text":
            t = r.choice(text_lines)
            cx, cy = r.uniform(t[0], t[2]), (t[1] + t[3]) / 2
            tags.append("seal_over_text")
        else:
            cx = W - mx - size / 2 - r.uniform(0, 250)
            cy = sig_y - lh * r.uniform(-0.5, 2.5)
        mw, mh = mask.size
        cx = min(max(cx, mw / 2 + 5), W - mw / 2 - 5)
        cy = min(max(cy, mh / 2 + 5), H - mh / 2 - 5)
        stamp(page, mask, (cx - mw / 2, cy - mh / 2), spec["seal_color"])
        tags.append(f"seal_{size}px_s{strength:.2f}")
    return page, date, tags


SCENE_BACKGROUNDS = ["wood", "wood", "cloth", "cloth", "gingham", "dark", "light", "sheet"]


def scene_background(r, BW, BH, tags):
    """(--scene) What a paper lies on at home or at a clinic's counter: a
    wood grain, a woven cloth, a gingham tablecloth (its white squares as
    bright and colourless as paper), a dark desk, a light desk, a white
    bedsheet in folds. Some are reddish (a red-brown wood, a red check)."""
    kind = r.choice(SCENE_BACKGROUNDS)
    tags.append(f"bg_{kind}")
    yy, xx = np.mgrid[0:BH, 0:BW].astype(np.float32)
    if kind == "wood":
        base = np.array(r.choice([(150, 100, 60), (185, 140, 95), (120, 70, 45), (165, 85, 60), (200, 170, 125)]), np.float32)
        f = r.uniform(0.02, 0.06)
        warp = 6 * np.sin(xx * r.uniform(0.002, 0.006) + r.uniform(0, 6)) + 2 * np.sin(xx * r.uniform(0.01, 0.03))
        grain = np.sin((yy + warp * r.uniform(2, 6)) * f) * 0.5 + 0.5
        fine = np.sin((yy + warp) * f * r.uniform(4, 7)) * 0.5 + 0.5
        a = base * (0.78 + 0.16 * grain[..., None] + 0.08 * fine[..., None])
    elif kind == "cloth":
        base = np.array(r.choice([(40, 60, 110), (110, 110, 115), (190, 175, 150), (50, 90, 70), (120, 40, 50), (70, 70, 80)]), np.float32)
        p = r.randint(3, 7)
        weave = (((xx // p).astype(int) + (yy // p).astype(int)) % 2).astype(np.float32)
        twill = (((xx + yy) // (p * 2)).astype(int) % 2).astype(np.float32)
        a = base * (0.85 + 0.12 * weave[..., None] * r.uniform(0.5, 1) + 0.06 * twill[..., None])
    elif kind == "gingham":
        col = np.array(r.choice([(40, 70, 160), (190, 40, 45), (40, 120, 70), (40, 40, 45)]), np.float32)
        c = r.randint(30, 90)
        bx = (((xx + r.randint(0, c)) // c).astype(int) % 2).astype(np.float32)
        by = (((yy + r.randint(0, c)) // c).astype(int) % 2).astype(np.float32)
        cover = (bx + by)[..., None] / 2  # 0 white, 0.5 one stripe, 1 both
        white = np.array([240, 238, 232], np.float32)
        a = white * (1 - cover) + col * cover
    elif kind == "dark":
        a = np.full((BH, BW, 3), r.choice([(35, 35, 40), (55, 45, 40), (25, 30, 35)]), np.float32)
    elif kind == "light":
        a = np.full((BH, BW, 3), r.choice([(200, 200, 195), (185, 180, 170), (210, 205, 200)]), np.float32)
    else:  # a white sheet in soft folds
        folds = 0.88 + 0.1 * np.sin(xx * r.uniform(0.004, 0.01) + 0.7 * np.sin(yy * r.uniform(0.003, 0.008)))
        a = np.array([235, 235, 232], np.float32) * folds[..., None]
    a += np.random.default_rng(r.randrange(1 << 30)).normal(0, 4, (BH, BW, 1))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def clutter(r, bg, page_box, tags):
    """(--scene) Things beside the paper, never over it: a pen (blue, black
    or red), a phone, a cup seen from above, glasses, the edge of another
    printed paper."""
    BW, BH = bg.size
    d = ImageDraw.Draw(bg)
    px0, py0, px1, py1 = page_box
    n = r.choice([0, 1, 1, 2, 3])
    for _ in range(n):
        what = r.choice(["pen", "pen", "phone", "cup", "glasses", "paper"])
        for _try in range(30):
            s = r.randint(min(BW, BH) // 12, min(BW, BH) // 4)
            x, y = r.randint(0, max(1, BW - s)), r.randint(0, max(1, BH - s))
            if x + s < px0 - 10 or x > px1 + 10 or y + s < py0 - 10 or y > py1 + 10:
                break
        else:
            continue
        tags.append(f"clutter_{what}")
        if what == "pen":
            col = r.choice([(30, 50, 150), (25, 25, 30), (200, 30, 40)])
            if col[0] == 200:
                tags.append("red_object")
            t = r.randint(10, 18)
            if r.random() < 0.5:
                d.rounded_rectangle([x, y + s // 2, x + s, y + s // 2 + t], radius=t // 2, fill=col)
            else:
                d.rounded_rectangle([x + s // 2, y, x + s // 2 + t, y + s], radius=t // 2, fill=col)
        elif what == "phone":
            d.rounded_rectangle([x, y, x + int(s * 0.5), y + s], radius=s // 12, fill=(20, 20, 24), outline=(90, 90, 95), width=4)
        elif what == "cup":
            col = r.choice([(235, 235, 230), (200, 60, 50), (60, 90, 160)])
            if col[0] == 200:
                tags.append("red_object")
            d.ellipse([x, y, x + s, y + s], fill=col)
            d.ellipse([x + s // 8, y + s // 8, x + s - s // 8, y + s - s // 8], fill=(90, 60, 40))
        elif what == "glasses":
            w = max(6, s // 25)
            d.ellipse([x, y + s // 4, x + s * 4 // 10, y + s * 3 // 4], outline=(30, 30, 30), width=w)
            d.ellipse([x + s * 6 // 10, y + s // 4, x + s, y + s * 3 // 4], outline=(30, 30, 30), width=w)
            d.line([x + s * 4 // 10, y + s // 2, x + s * 6 // 10, y + s // 2], fill=(30, 30, 30), width=w)
        else:
            d.rectangle([x, y, x + s, y + s], fill=(242, 240, 236))
            f = font("sans", r.randint(22, 30))
            for k in range(1, 6):
                d.text((x + 10, y + k * s // 6 - 10), r.choice(BODY)[:8], fill=INK, font=f)


def photograph(r, page, spec, P):
    W, H = page.size
    if spec.get("scene"):
        # (--scene) the paper smaller in the frame, anywhere in it, on
        # what it lies on, with things beside it.
        scale = r.uniform(1.25, 2.1)
        BW, BH = int(W * scale), int(H * scale)
        bg = scene_background(r, BW, BH, spec["scene_tags"])
        ox, oy = int(r.uniform(0.15, 0.85) * (BW - W)), int(r.uniform(0.15, 0.85) * (BH - H))
        clutter(r, bg, (ox, oy, ox + W, oy + H), spec["scene_tags"])
        spec["scene_tags"].append(f"share{int(100 / scale ** 2) // 10 * 10}")
    else:
        bg_col = r.choice([(120, 90, 60), (150, 140, 130), (60, 60, 65), (180, 170, 150), (95, 110, 120), (200, 195, 185)])
        scale = r.uniform(1.08, 1.35)
        BW, BH = int(W * scale), int(H * scale)
        bg = Image.new("RGB", (BW, BH), bg_col)
        bg = Image.blend(bg, Image.effect_noise((BW, BH), 30).convert("RGB"), 0.12)
        ox, oy = (BW - W) // 2, (BH - H) // 2
    rot = r.uniform(-spec["rot"], spec["rot"])
    pg = page.convert("RGBA").rotate(rot, resample=Image.BICUBIC, expand=True)
    bg.paste(pg, (ox - (pg.width - W) // 2, oy - (pg.height - H) // 2), pg)
    # perspective (keystone): the four corners move in, one side more
    j = spec["persp"]
    key = r.choice([0, 1, 2, 3])
    jj = [j * (1.6 if i == key else 1.0) for i in range(4)]
    src = [(r.uniform(0, jj[0]) * BW, r.uniform(0, jj[0]) * BH), (BW - r.uniform(0, jj[1]) * BW, r.uniform(0, jj[1]) * BH),
           (BW - r.uniform(0, jj[2]) * BW, BH - r.uniform(0, jj[2]) * BH), (r.uniform(0, jj[3]) * BW, BH - r.uniform(0, jj[3]) * BH)]
    dst = [(0, 0), (BW, 0), (BW, BH), (0, BH)]
    coeffs = perspective_coeffs(dst, src)
    img = bg.transform((BW, BH), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    # work at the photo's size from here on (cheaper, and noise is per pixel)
    long_side = spec["long_side"]
    k = long_side / max(img.size)
    img = img.resize((int(img.width * k), int(img.height * k)), Image.LANCZOS)
    w, h = img.size
    a = np.array(img, dtype=np.float32)
    # light: colour, level, uneven light and a soft shadow
    light = spec["light"]
    if light == "warm":
        a *= np.array([1.0, r.uniform(0.78, 0.9), r.uniform(0.5, 0.72)])
    elif light == "dim":
        a *= r.uniform(0.4, 0.65)
    elif light == "dim_warm":
        a *= r.uniform(0.45, 0.65) * np.array([1.0, r.uniform(0.8, 0.9), r.uniform(0.55, 0.7)])
    elif light == "dark":
        a *= r.uniform(0.08, 0.16)
    elif light == "cool":
        a *= np.array([r.uniform(0.82, 0.93), r.uniform(0.95, 1.0), 1.0])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = r.uniform(-1, 1), r.uniform(-1, 1)
    shade = 1 - r.uniform(0.0, 0.35) * np.clip((xx / w - 0.5) * gx + (yy / h - 0.5) * gy + 0.5, 0, 1)
    # vignetting
    rr = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2
    shade *= 1 - r.uniform(0.0, 0.25) * rr
    if spec.get("shadow"):
        # a soft-edged shadow (a hand or the phone) over part of the page
        sh = Image.new("L", (w, h), 0)
        sd = ImageDraw.Draw(sh)
        cx, cy = r.uniform(0, w), r.choice([r.uniform(-0.2, 0.15), r.uniform(0.85, 1.2)]) * h
        rx, ry = r.uniform(0.25, 0.6) * w, r.uniform(0.15, 0.35) * h
        sd.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=255)
        sh = np.array(sh.filter(ImageFilter.GaussianBlur(r.uniform(0.02, 0.06) * w)), dtype=np.float32) / 255
        shade *= 1 - r.uniform(0.25, 0.5) * sh
    a *= shade[..., None]
    # sensor noise: more in dim light; some of it in colour
    lvl = r.uniform(*P["noise"]) * (1.6 if light in ("dim", "dim_warm") else 1.0)
    rng = np.random.default_rng(r.randrange(1 << 30))
    a += rng.normal(0, lvl, (h, w, 1)) + rng.normal(0, lvl * 0.5, a.shape)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    blur = spec.get("blur", r.uniform(*P["blur"]))
    if blur > 0:
        img = img.filter(ImageFilter.GaussianBlur(blur * k * 1.6 * 1.2))
    if spec.get("motion"):
        # a little hand shake: a short straight streak
        n = r.choice([3, 5])
        horiz = r.random() < 0.5
        kern = [0.0] * (n * n)
        for i in range(n):
            kern[(n // 2) * n + i if horiz else i * n + n // 2] = 1.0 / n
        img = img.filter(ImageFilter.Kernel((n, n), kern, scale=1))
    return img


def perspective_coeffs(pa, pb):
    m = []
    for (x, y), (X, Y) in zip(pa, pb):
        m.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        m.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
    A = np.array(m, dtype=np.float64)
    B = np.array(pb, dtype=np.float64).reshape(8)
    return np.linalg.solve(A, B).tolist()


def not_a_document(r, long_side):
    w, h = long_side, int(long_side * 0.75)
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    top, bot = [r.randint(40, 200) for _ in range(3)], [r.randint(20, 160) for _ in range(3)]
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=tuple(int(top[i] * (1 - t) + bot[i] * t) for i in range(3)))
    for _ in range(r.randint(5, 25)):
        c = tuple(r.randint(0, 255) for _ in range(3))
        x, y, s = r.randint(0, w), r.randint(0, h), r.randint(20, w // 3)
        (d.ellipse if r.random() < 0.5 else d.rectangle)([x, y, x + s, y + s * r.uniform(0.3, 1.5)], fill=c)
    img = img.filter(ImageFilter.GaussianBlur(r.uniform(1, 4)))
    a = np.array(img, dtype=np.float32) + np.random.default_rng(r.randrange(1 << 30)).normal(0, 5, (h, w, 3))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def home_scene(r, long_side):
    """(--scene) A photo of no paper, as a phone takes one by mistake at
    home: a room (a light wall, a floor, a sofa, a window, a picture on the
    wall), a brick wall, a lawn, a patterned carpet."""
    w, h = long_side, int(long_side * 0.75)
    if r.random() < 0.5:
        w, h = h, w
    kind = r.choice(["room", "room", "brick", "grass", "carpet"])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    rng = np.random.default_rng(r.randrange(1 << 30))
    if kind == "room":
        wall = np.array(r.choice([(225, 222, 215), (235, 230, 218), (210, 215, 220)]), np.float32)
        floor = np.array(r.choice([(150, 105, 70), (120, 110, 100), (180, 150, 110)]), np.float32)
        horizon = r.uniform(0.55, 0.75) * h
        a = np.where((yy < horizon)[..., None], wall * (0.85 + 0.15 * (xx / w))[..., None], floor)
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        d = ImageDraw.Draw(img)
        # a window (bright, with its frame), a picture, a sofa
        wx, wy, ww, wh = r.uniform(0.05, 0.5) * w, r.uniform(0.05, 0.2) * h, r.uniform(0.2, 0.35) * w, r.uniform(0.2, 0.3) * h
        d.rectangle([wx, wy, wx + ww, wy + wh], fill=(250, 250, 250), outline=(90, 80, 70), width=max(4, w // 150))
        d.line([wx + ww / 2, wy, wx + ww / 2, wy + wh], fill=(90, 80, 70), width=max(4, w // 150))
        px, py = r.uniform(0.55, 0.8) * w, r.uniform(0.08, 0.25) * h
        d.rectangle([px, py, px + 0.15 * w, py + 0.12 * h], fill=tuple(r.randint(30, 200) for _ in range(3)), outline=(40, 30, 20), width=max(3, w // 200))
        sy = horizon - r.uniform(0.1, 0.2) * h
        d.rounded_rectangle([r.uniform(0.1, 0.4) * w, sy, r.uniform(0.6, 0.95) * w, horizon + 0.08 * h], radius=w // 40,
                            fill=r.choice([(60, 70, 90), (110, 80, 60), (150, 40, 45), (80, 80, 80)]))
        img = img.filter(ImageFilter.GaussianBlur(r.uniform(0.5, 2.5)))
    else:
        if kind == "brick":
            bh, bw = r.randint(40, 70), r.randint(110, 170)
            row = (yy // bh).astype(int)
            off = (row % 2) * (bw // 2)
            mortar = ((yy % bh) < 6) | (((xx + off) % bw) < 6)
            base = np.array(r.choice([(150, 70, 50), (170, 90, 60), (130, 60, 45)]), np.float32)
            a = np.where(mortar[..., None], np.array([170, 165, 160], np.float32), base * rng.uniform(0.85, 1.1, (h, w, 1)))
        elif kind == "grass":
            g = rng.normal(0, 1, (h // 4 + 1, w // 4 + 1))
            g = np.kron(g, np.ones((4, 4)))[:h, :w]
            a = np.stack([60 + 20 * g, 120 + 35 * g, 40 + 15 * g], -1)
        else:
            c1 = np.array(r.choice([(140, 40, 50), (50, 60, 120), (160, 130, 80)]), np.float32)
            c2 = np.array(r.choice([(220, 200, 160), (30, 30, 40), (90, 120, 90)]), np.float32)
            m = (np.sin(xx * r.uniform(0.02, 0.05)) * np.sin(yy * r.uniform(0.02, 0.05)) > 0.2)
            a = np.where(m[..., None], c1, c2) * rng.uniform(0.85, 1.05, (h, w, 1))
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(r.uniform(0.6, 2.0)))
    a = np.array(img, dtype=np.float32) + rng.normal(0, 4, (h, w, 3))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), kind


def make_spec(r, i, long_side, variant, case=None, poor=False):
    """The mix: half sealed; hard negatives; light, blur and bad photos.
    `case` (--case) adds one hard case to every paper after the draw, so
    the rest of each paper is drawn as without it."""
    P = PARAMS[variant]
    s = {"variant": variant, "long_side": long_side or r.randint(*P["long"])}
    kind = 16 + i % 3 if poor else i % 20
    if kind == 19:
        return {"not_a_document": True, "long_side": s["long_side"], "variant": variant}
    s["half"] = r.random() < P["half"]
    s["seal"] = r.random() < 0.5
    if s["seal"]:
        s["strength"] = r.choice(P["strength"])
        s["where"] = r.choice(["sign", "sign", "date", "date", "text"])
        s["seal_color"] = r.choice([(r.randint(190, 225), r.randint(20, 60), r.randint(30, 60)),
                                    (r.randint(200, 235), r.randint(50, 90), r.randint(40, 70)),
                                    (r.randint(170, 200), r.randint(20, 50), r.randint(70, 100))])
    else:
        s["red_pen"] = r.choice([None, "ring", "round", "tick", "writing"])
    s["red_letterhead"] = r.random() < 0.35
    s["emblem"] = r.random() < 0.35
    s["red_rules"] = r.random() < 0.12
    s["red_table"] = r.random() < 0.12
    if s["seal"] and r.random() < 0.3:
        s["red_pen"] = r.choice(["ring", "tick", "writing"])
    s["no_date"] = r.random() < 0.05
    s["light"] = r.choice(["day", "day", "warm", "warm", "dim", "dim_warm", "cool"])
    s["shadow"] = r.random() < 0.3
    s["rot"] = r.choice(P["rot"])
    s["persp"] = r.choice(P["persp"])
    s["motion"] = r.random() < P["motion"]
    if kind == 17:
        s["blur"] = r.uniform(4.0, 6.0)
        s["bad"] = "blurry"
    elif kind == 18:
        s["light"] = "dark"
        s["bad"] = "dark"
    elif kind == 16 and (r.random() < 0.5 or poor):
        s["long_side"] = r.randint(300, 420)
        s["bad"] = "small"
    if case == "emblem_touch":
        s["red_letterhead"] = True
        s["emblem_touch"] = True
    return s


def save_jpeg(r, img, path, P):
    """JPEG as a phone and a messenger make it: sometimes saved twice at
    two qualities with a resize between (a photo forwarded in a chat)."""
    if r.random() < P["twice"]:
        import io
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=r.randint(85, 95))
        buf.seek(0)
        img = Image.open(buf).convert("RGB")
        k = r.uniform(0.85, 1.0)
        img = img.resize((int(img.width * k), int(img.height * k)), Image.BILINEAR)
    img.save(path, quality=r.randint(*P["jpeg"]))


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    count, seed, long_side, variant, case = 40, 13, None, "tune", None
    poor = "--poor" in args
    scene = "--scene" in args
    args = [a for a in args if a not in ("--poor", "--scene")]
    for k, v in zip(args[1::2], args[2::2]):
        if k == "--count":
            count = int(v)
        elif k == "--seed":
            seed = int(v)
        elif k == "--long-side":
            long_side = int(v)
        elif k == "--variant":
            variant = v
        elif k == "--case":
            case = v
    if variant not in PARAMS:
        sys.exit(f"--variant: one of {', '.join(PARAMS)}")
    if case not in (None, "emblem_touch"):
        sys.exit("--case: emblem_touch")
    P = PARAMS[variant]
    os.makedirs(out, exist_ok=True)
    manifest = []
    for i in range(count):
        r = random.Random(seed * 100003 + i)
        spec = make_spec(r, i, long_side, variant, case, poor)
        if scene and not spec.get("bad") == "small":
            # a phone's own photo size (its own draw: the paper is as
            # the default draw's)
            spec["long_side"] = long_side or random.Random(seed * 7919 + i).randint(1600, 4000)
            spec["scene"], spec["scene_tags"] = True, []
        name = f"{i:03d}.jpg"
        if spec.get("not_a_document") and scene:
            img, kind = home_scene(r, long_side or random.Random(seed * 7919 + i).randint(1600, 4000))
            entry = {"file": name, "seal": "absent", "date": None, "quality": "not_a_document", "tags": ["scene", f"home_{kind}"]}
        elif spec.get("not_a_document"):
            img = not_a_document(r, spec["long_side"])
            entry = {"file": name, "seal": "absent", "date": None, "quality": "not_a_document", "tags": ["scene"]}
        else:
            page, date, tags = make_paper(r, spec, P)
            img = photograph(r, page, spec, P)
            quality = spec.get("bad", "ok")
            tags += [f"light_{spec['light']}", f"rot{spec['rot']}", f"persp{spec['persp']}", f"px{max(img.size)}"]
            if spec.get("shadow"):
                tags.append("shadow")
            if spec.get("motion"):
                tags.append("motion_blur")
            tags += spec.get("scene_tags", [])
            entry = {"file": name, "seal": "found" if spec["seal"] else "absent",
                     "date": date.isoformat() if date else None, "quality": quality, "tags": tags}
        save_jpeg(r, img, os.path.join(out, name), P)
        manifest.append(entry)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
