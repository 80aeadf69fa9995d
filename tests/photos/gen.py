#!/usr/bin/python3
"""Generates phone-like photos of papers with known answers for `mantetong read`.

Usage: tests/photos/gen.py OUT_DIR [--count N] [--seed S] [--long-side PX]

Writes OUT_DIR/NNN.jpg and OUT_DIR/manifest.json, one entry per photo:
  {"file", "seal": "found"|"absent", "date": "YYYY-MM-DD"|null,
   "quality": "ok"|"blurry"|"dark"|"small"|"not_a_document", "tags": [...]}
Deterministic for a given seed (and Pillow version). Needs Debian's
python3-pil and python3-numpy and fonts-noto-cjk (scripts/setup.sh).

The papers: a hospital header (sometimes a red letterhead, a red rule and a
round red emblem), a title, fields (sometimes a birth date), body lines,
sometimes a table (black or red rules), the paper's own date behind one of
its labels in one of five forms, sometimes a print time beside or below it,
and sometimes a red seal (ring + star + text along the ring) of several
sizes and strengths, sometimes lying over the date; or red pen (a ring drawn
around a line, a tick, an underline) and no seal. Then the photo: a table
behind the paper, rotation, perspective, warm or dim light, a shadow, blur,
sensor noise and JPEG.
"""
import datetime
import json
import math
import os
import random
import sys

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SC = 2  # index of the SC face in the Noto CJK collections

_fonts = {}


def font(path, size):
    key = (path, size)
    if key not in _fonts:
        idx = SC
        try:
            _fonts[key] = ImageFont.truetype(path, size, index=idx)
        except OSError:
            _fonts[key] = ImageFont.truetype(SANS, size, index=SC)
    return _fonts[key]


HOSPITALS = ["临汾市人民医院", "临汾市中心医院", "临汾市第四人民医院", "尧都区人民医院",
             "山西医科大学第一医院", "临汾市中医医院", "侯马市人民医院", "洪洞县人民医院",
             "太原市中心医院", "山西省人民医院"]
TITLES = ["诊断证明书", "检查报告单", "医学影像检查报告", "检验报告单", "出院记录", "门诊病历", "疾病诊断证明"]
NAMES = ["张秀英", "王建国", "李桂兰", "刘长生", "陈玉珍", "杨志强", "赵淑芬", "黄德明"]
DIAG = ["2型糖尿病伴多个并发症", "原发性高血压3级（极高危）", "慢性阻塞性肺疾病", "冠状动脉粥样硬化性心脏病",
        "慢性肾脏病5期", "脑梗死后遗症", "类风湿关节炎", "帕金森病"]
BODY = ["患者于门诊就诊，经检查明确诊断，建议长期规律服药并定期复查。",
        "空腹血糖明显升高，糖化血红蛋白偏高，需继续药物治疗。",
        "心电图示窦性心律，ST段改变，建议低盐低脂饮食。",
        "双肺纹理增多，未见明显实变影，心影大小正常。",
        "肾功能检查示肌酐升高，建议门诊随访，规律透析治疗。",
        "以上诊断仅供办理慢性病门诊待遇使用，复印无效。",
        "病情稳定，建议继续原方案治疗，每三个月复查一次。",
        "既往史：否认肝炎结核病史，否认药物过敏史。"]
LABELS = ["日期", "开具日期", "报告日期", "检查日期"]
FORMS = ["ymd_cn", "ymd_cn0", "dash", "dot", "slash"]
INK = (25, 25, 30)


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


def draw_seal(size, r, name, strength):
    """A round seal as an 'L' mask (255 = full ink), ring + star + arc text."""
    img = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(img)
    c = size / 2
    ring = max(4, int(size * r.uniform(0.028, 0.045)))
    d.ellipse([ring / 2, ring / 2, size - ring / 2, size - ring / 2], outline=255, width=ring)
    # star
    sr = size * r.uniform(0.14, 0.19)
    pts = []
    for i in range(10):
        rad = sr if i % 2 == 0 else sr * 0.38
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((c + rad * math.cos(a), c + rad * math.sin(a)))
    d.polygon(pts, fill=255)
    # text along the upper arc
    chars = list(name)
    fsz = int(size * r.uniform(0.10, 0.13))
    f = font(SANS_BOLD if r.random() < 0.6 else SERIF_BOLD, fsz)
    span = math.radians(r.uniform(200, 250))
    rad_t = size / 2 - ring - fsz * 0.75
    for i, ch in enumerate(chars):
        a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(chars)
        tile = Image.new("L", (fsz * 2, fsz * 2), 0)
        ImageDraw.Draw(tile).text((fsz * 0.5, fsz * 0.35), ch, fill=255, font=f)
        tile = tile.rotate(-math.degrees(a + math.pi / 2), resample=Image.BICUBIC)
        x = c + rad_t * math.cos(a) - fsz
        y = c + rad_t * math.sin(a) - fsz
        img.paste(255, (int(x), int(y)), tile)
    if r.random() < 0.7:
        lab = r.choice(["诊断专用章", "门诊专用章", "医务科", "检验专用章"])
        f2 = font(SANS_BOLD, int(size * 0.085))
        w = d.textlength(lab, font=f2)
        d.text((c - w / 2, c + size * 0.2), lab, fill=255, font=f2)
    img = img.rotate(r.uniform(-30, 30), resample=Image.BICUBIC)
    # ink: uneven pressure and fading
    noise = np.array(Image.effect_noise((max(4, size // 24), max(4, size // 24)), 60).resize((size, size), Image.BICUBIC), dtype=np.float32)
    noise = (noise - noise.mean()) / 255.0
    m = np.array(img, dtype=np.float32) / 255.0
    m = np.clip(m * (strength + noise * (1.6 - strength)), 0, 1)
    speck = np.random.default_rng(r.randrange(1 << 30)).random(m.shape) < (0.15 * (1 - strength))
    m[speck] = 0
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
    turns = r.uniform(1.05, 1.25)
    n = 80
    for i in range(n + 1):
        a = start + 2 * math.pi * turns * i / n
        k = 1 + 0.05 * math.sin(3 * a + start) + r.uniform(-0.01, 0.01)
        pts.append((cx + rx * k * math.cos(a), cy + ry * k * math.sin(a)))
    d.line(pts, fill=color, width=width, joint="curve")


def emblem(size, r):
    """A round red hospital emblem: ring, a cross or a letter inside, never a star."""
    img = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(img)
    w = max(3, size // 14)
    d.ellipse([w, w, size - w, size - w], outline=255, width=w)
    kind = r.choice(["cross", "cross", "text", "double"])
    c = size / 2
    if kind in ("cross", "double"):
        a, b = size * 0.28, size * 0.09
        d.rectangle([c - b, c - a, c + b, c + a], fill=255)
        d.rectangle([c - a, c - b, c + a, c + b], fill=255)
        if kind == "double":
            d.ellipse([size * 0.16, size * 0.16, size * 0.84, size * 0.84], outline=255, width=max(2, w // 2))
    else:
        f = font(SANS_BOLD, int(size * 0.4))
        t = r.choice(["医", "HOSP"[:1], "LF"])
        tw = d.textlength(t, font=f)
        d.text((c - tw / 2, c - size * 0.28), t, fill=255, font=f)
    return img


def make_paper(r, spec):
    W, H = 1240, 1754
    page = Image.new("RGB", (W, H), tuple(r.randint(240, 252) for _ in range(3)))
    d = ImageDraw.Draw(page)
    tags = []
    hosp = r.choice(HOSPITALS)
    red = (r.randint(190, 225), r.randint(20, 60), r.randint(30, 60))
    serif = r.random() < 0.6
    body_f = font(SERIF if serif else SANS, r.randint(28, 34))
    lh = int(body_f.size * r.uniform(1.6, 2.0))
    mx = r.randint(90, 140)
    y = r.randint(90, 140)
    # header
    hf = font(SERIF_BOLD if serif else SANS_BOLD, r.randint(48, 60))
    hw = d.textlength(hosp, font=hf)
    hx = (W - hw) / 2
    header_red = spec.get("red_letterhead")
    d.text((hx, y), hosp, fill=red if header_red else INK, font=hf)
    if spec.get("emblem"):
        es = r.randint(80, 150)
        em = emblem(es, r)
        stamp(page, em, (hx - es - 20, y + hf.size / 2 - es / 2 + 8), red)
        tags.append("red_emblem")
    y += int(hf.size * 1.5)
    if header_red:
        d.line([(mx, y), (W - mx, y)], fill=red, width=5)
        d.line([(mx, y + 10), (W - mx, y + 10)], fill=red, width=2)
        tags.append("red_letterhead")
        y += 30
    title = r.choice(TITLES)
    tf = font(SERIF_BOLD if serif else SANS_BOLD, r.randint(44, 54))
    tw = d.textlength(title, font=tf)
    d.text(((W - tw) / 2, y), title, fill=INK, font=tf)
    y += int(tf.size * 1.8)
    # fields
    name = r.choice(NAMES)
    fields = f"姓名：{name}    性别：{r.choice('男女')}    年龄：{r.randint(45, 88)}岁"
    d.text((mx, y), fields, fill=INK, font=body_f)
    y += lh
    if r.random() < 0.4:
        b = datetime.date(r.randint(1938, 1978), r.randint(1, 12), r.randint(1, 28))
        d.text((mx, y), f"出生日期：{fmt_date(b, r.choice(FORMS))}    门诊号：{r.randint(100000, 999999)}", fill=INK, font=body_f)
        tags.append("birth_date")
        y += lh
    else:
        d.text((mx, y), f"科别：{r.choice(['内分泌科', '心内科', '肾内科', '神经内科', '呼吸科'])}    门诊号：{r.randint(100000, 999999)}", fill=INK, font=body_f)
        y += lh
    d.line([(mx, y), (W - mx, y)], fill=INK, width=2)
    y += lh // 2
    d.text((mx, y), "诊断：" + r.choice(DIAG), fill=INK, font=body_f)
    pen_targets = [y]
    y += lh
    for _ in range(r.randint(2, 5)):
        d.text((mx, y), r.choice(BODY), fill=INK, font=body_f)
        pen_targets.append(y)
        y += lh
    # table
    if r.random() < 0.4 or spec.get("red_table"):
        tc = red if spec.get("red_table") else INK
        rows, cols = r.randint(3, 5), 4
        cw = (W - 2 * mx) / cols
        for i in range(rows + 1):
            d.line([(mx, y + i * lh), (W - mx, y + i * lh)], fill=tc, width=2)
        for j in range(cols + 1):
            d.line([(mx + j * cw, y), (mx + j * cw, y + rows * lh)], fill=tc, width=2)
        items = ["项目", "结果", "单位", "参考值", "血糖", "9.8", "mmol/L", "3.9-6.1", "肌酐", "356", "μmol/L", "57-111",
                 "血压", "168/102", "mmHg", "<140/90", "HbA1c", "8.2", "%", "4-6"]
        sf = font(SANS, int(body_f.size * 0.85))
        for i in range(rows):
            for j in range(cols):
                d.text((mx + j * cw + 10, y + i * lh + lh * 0.2), items[(i * cols + j) % len(items)], fill=INK, font=sf)
        if spec.get("red_table"):
            tags.append("red_table")
        y += rows * lh + lh // 2
    if spec.get("red_rules"):
        for yy in range(y, H - 120, lh):
            d.line([(mx, yy + lh - 6), (W - mx, yy + lh - 6)], fill=(red[0], red[1] + 60, red[2] + 60), width=2)
        tags.append("red_rules")
    y = max(y + lh, int(H * r.uniform(0.6, 0.72)))
    d.text((mx, y), "医师签名：" + r.choice(["李明", "王芳", "赵刚", "孙丽"]), fill=INK, font=body_f)
    y += int(lh * 1.6)
    # the date line
    date = rand_date(r) if not spec.get("no_date") else None
    date_box = None
    form = r.choice(FORMS)
    label = r.choice(LABELS)
    colon = r.choice(["：", ":"])
    print_where = r.choice(["none", "beside", "below", "above"]) if date else "none"
    pdate = None
    if date:
        pdate = date + datetime.timedelta(days=r.randint(0, 20))
        ptxt = f"打印时间：{pdate.year}-{pdate.month:02d}-{pdate.day:02d} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}"
        if print_where == "above":
            d.text((mx, y), ptxt, fill=INK, font=body_f)
            y += lh
        txt = f"{label}{colon}{fmt_date(date, form)}"
        dx = r.choice([mx, W - mx - d.textlength(txt, font=body_f) - r.randint(0, 200)])
        if print_where == "beside":
            dx = mx
        d.text((dx, y), txt, fill=INK, font=body_f)
        date_box = (dx, y, dx + d.textlength(txt, font=body_f), y + body_f.size * 1.2)
        if print_where == "beside":
            d.text((W - mx - d.textlength(ptxt, font=body_f), y), ptxt, fill=INK, font=body_f)
        y += lh
        if print_where == "below":
            d.text((mx, y), ptxt, fill=INK, font=body_f)
            y += lh
        tags += [f"form_{form}", f"label_{label}", f"print_{print_where}"]
    else:
        tags.append("no_date")
    d.text((mx, H - 100), f"第1页 共1页    {hosp}", fill=(90, 90, 90), font=font(SANS, 22))
    # red pen (no seal)
    if spec.get("red_pen"):
        pen = (r.randint(180, 230), r.randint(10, 50), r.randint(30, 70))
        kind = spec["red_pen"]
        ty = r.choice(pen_targets)
        if kind == "ring":
            wobbly_ellipse(d, (mx - 30, ty - 25, mx + r.randint(500, 900), ty + body_f.size + 30), r, pen, r.randint(3, 6))
        elif kind == "round":
            cx, cy, rr = mx + r.randint(100, 600), ty + body_f.size / 2, r.randint(70, 140)
            wobbly_ellipse(d, (cx - rr, cy - rr, cx + rr, cy + rr), r, pen, r.randint(3, 6))
        elif kind == "tick":
            x0 = W - mx - r.randint(50, 300)
            d.line([(x0, ty + 10), (x0 + 25, ty + 40), (x0 + 80, ty - 30)], fill=pen, width=5)
            d.line([(mx, ty + body_f.size + 8), (mx + r.randint(300, 700), ty + body_f.size + 12)], fill=pen, width=4)
        tags.append(f"red_pen_{kind}")
    if spec.get("seal"):
        size = int(r.uniform(190, 290))
        strength = spec.get("strength", 1.0)
        mask = draw_seal(size, r, hosp, strength)
        if spec.get("over_date") and date_box:
            cx = (date_box[0] + date_box[2]) / 2 + r.uniform(-60, 60)
            cy = (date_box[1] + date_box[3]) / 2 + r.uniform(-30, 30)
            tags.append("seal_over_date")
        else:
            cx = W - mx - size / 2 - r.uniform(0, 250)
            cy = y - lh * r.uniform(1.5, 4)
        cx = min(max(cx, size / 2 + 5), W - size / 2 - 5)
        cy = min(max(cy, size / 2 + 5), H - size / 2 - 5)
        stamp(page, mask, (cx - size / 2, cy - size / 2), red)
        tags.append(f"seal_{size}px_s{strength:.2f}")
    return page, date, tags


def photograph(r, page, spec):
    W, H = page.size
    bg_col = r.choice([(120, 90, 60), (150, 140, 130), (60, 60, 65), (180, 170, 150), (95, 110, 120)])
    scale = r.uniform(1.1, 1.35)
    BW, BH = int(W * scale), int(H * scale)
    bg = Image.new("RGB", (BW, BH), bg_col)
    bg = Image.blend(bg, Image.effect_noise((BW, BH), 30).convert("RGB"), 0.12)
    ox, oy = (BW - W) // 2, (BH - H) // 2
    rot = r.uniform(-spec.get("rot", 6), spec.get("rot", 6))
    pg = page.convert("RGBA").rotate(rot, resample=Image.BICUBIC, expand=True)
    bg.paste(pg, (ox - (pg.width - W) // 2, oy - (pg.height - H) // 2), pg)
    # perspective: the four corners move in
    j = spec.get("persp", 0.05)
    src = [(r.uniform(0, j) * BW, r.uniform(0, j) * BH), (BW - r.uniform(0, j) * BW, r.uniform(0, j) * BH),
           (BW - r.uniform(0, j) * BW, BH - r.uniform(0, j) * BH), (r.uniform(0, j) * BW, BH - r.uniform(0, j) * BH)]
    dst = [(0, 0), (BW, 0), (BW, BH), (0, BH)]
    coeffs = perspective_coeffs(dst, src)
    img = bg.transform((BW, BH), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    a = np.array(img, dtype=np.float32)
    # light: colour, level and a soft shadow
    light = spec.get("light", "day")
    if light == "warm":
        a *= np.array([1.0, r.uniform(0.8, 0.9), r.uniform(0.55, 0.72)])
    elif light == "dim":
        a *= r.uniform(0.45, 0.65)
    elif light == "dark":
        a *= r.uniform(0.08, 0.16)
    elif light == "cool":
        a *= np.array([r.uniform(0.85, 0.93), r.uniform(0.95, 1.0), 1.0])
    yy, xx = np.mgrid[0:BH, 0:BW].astype(np.float32)
    gx, gy = r.uniform(-1, 1), r.uniform(-1, 1)
    shade = 1 - r.uniform(0.0, 0.3) * np.clip((xx / BW - 0.5) * gx + (yy / BH - 0.5) * gy + 0.5, 0, 1)
    a *= shade[..., None]
    a += np.random.default_rng(r.randrange(1 << 30)).normal(0, r.uniform(2, 7), a.shape)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    blur = spec.get("blur", r.uniform(0, 1.0))
    long_side = spec.get("long_side", 1600)
    k = long_side / max(img.size)
    img = img.resize((int(img.width * k), int(img.height * k)), Image.LANCZOS)
    if blur > 0:
        img = img.filter(ImageFilter.GaussianBlur(blur * k * 1.6))
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


def make_spec(r, i, long_side):
    """The mix: half sealed; hard negatives; light, blur and bad photos."""
    s = {"long_side": long_side}
    kind = i % 20
    if kind == 19:
        return {"not_a_document": True, "long_side": long_side}
    s["seal"] = r.random() < 0.5
    if s["seal"]:
        s["strength"] = r.choice([1.0, 0.9, 0.75, 0.6, 0.5])
        s["over_date"] = r.random() < 0.35
    else:
        s["red_pen"] = r.choice([None, "ring", "round", "tick"])
    s["red_letterhead"] = r.random() < 0.35
    s["emblem"] = r.random() < 0.35
    s["red_rules"] = r.random() < 0.12
    s["red_table"] = r.random() < 0.12
    if s["seal"] and r.random() < 0.3:
        s["red_pen"] = r.choice(["ring", "tick"])
    s["no_date"] = r.random() < 0.05
    s["light"] = r.choice(["day", "day", "warm", "warm", "dim", "cool"])
    s["rot"] = r.choice([2, 5, 10])
    s["persp"] = r.choice([0.02, 0.05, 0.08])
    if kind == 17:
        s["blur"] = r.uniform(4.0, 6.0)
        s["bad"] = "blurry"
    elif kind == 18:
        s["light"] = "dark"
        s["bad"] = "dark"
    elif kind == 16 and r.random() < 0.5:
        s["long_side"] = r.randint(300, 420)
        s["bad"] = "small"
    return s


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    count, seed, long_side = 40, 13, 1600
    for k, v in zip(args[1::2], args[2::2]):
        if k == "--count":
            count = int(v)
        elif k == "--seed":
            seed = int(v)
        elif k == "--long-side":
            long_side = int(v)
    os.makedirs(out, exist_ok=True)
    manifest = []
    for i in range(count):
        r = random.Random(seed * 100003 + i)
        spec = make_spec(r, i, long_side)
        name = f"{i:03d}.jpg"
        if spec.get("not_a_document"):
            img = not_a_document(r, long_side)
            entry = {"file": name, "seal": "absent", "date": None, "quality": "not_a_document", "tags": ["scene"]}
        else:
            page, date, tags = make_paper(r, spec)
            img = photograph(r, page, spec)
            quality = spec.get("bad", "ok")
            tags += [f"light_{spec['light']}", f"rot{spec['rot']}", f"persp{spec['persp']}"]
            entry = {"file": name, "seal": "found" if spec["seal"] else "absent",
                     "date": date.isoformat() if date else None, "quality": quality, "tags": tags}
        img.save(os.path.join(out, name), quality=r.randint(70, 92))
        manifest.append(entry)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
