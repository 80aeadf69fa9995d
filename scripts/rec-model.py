"""Writes the date reader's second opinion: PaddleOCR's PP-OCRv4 line
recogniser (`ch_PP-OCRv4_rec_infer.onnx`, Apache-2.0, inside the PyPI wheel
`rapidocr-onnxruntime` 1.4.4; no model hub) as the compact program that
reader/src/rec.rs runs.

What it does to the graph, all exact algebra but the last step:
- batch norms and the learnable affine after each convolution are folded into
  that convolution's weights and bias;
- the last layer keeps only the classes the reader's rules can use (KEEP_CJK
  below, digits, separators and the space) plus CTC's blank;
- weights of convolutions and linear layers are rounded to int8 with one f32
  scale per output channel (measured on the project's photos: same reads).

usage: python rec-model.py ONNX_OR_WHEEL OUT.bin
"""
import struct, sys, zipfile
import numpy as np
import onnx
from onnx import numpy_helper

src, out = sys.argv[1], sys.argv[2]
if src.endswith(".whl"):
    with zipfile.ZipFile(src) as z:
        m = onnx.load_from_string(z.read("rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx"))
else:
    m = onnx.load(src)

const = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
nodes = []
for n in m.graph.node:
    if n.op_type == "Constant":
        const[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    else:
        nodes.append(n)
users = {}
for i, n in enumerate(nodes):
    for x in n.input:
        users.setdefault(x, []).append(i)
attrs = lambda n: {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
done = set()


def one_user(name, op=None):
    u = users.get(name, [])
    if len(u) != 1:
        return None
    n = nodes[u[0]]
    return n if op is None or n.op_type == op else None


def other(n, name):
    xs = [x for x in n.input if x != name]
    return xs[0] if len(xs) == 1 else None


def scalar(name):
    a = const.get(name)
    return None if a is None or a.size != 1 else float(a.reshape(()))


def take(n):
    done.add(id(n))
    return n.output[0]


def affine_after(y):
    """x*a + c with constant scalars a, c right after y: (a, c, output) or None."""
    mul = one_user(y, "Mul")
    if mul is None or scalar(other(mul, y)) is None:
        return None
    add = one_user(mul.output[0], "Add")
    if add is None or scalar(other(add, mul.output[0])) is None:
        return None
    return scalar(other(mul, y)), scalar(other(add, mul.output[0])), add


def conv_record(n):
    """A convolution with what follows it folded: the record's bytes and the output name."""
    a = attrs(n)
    w = const[n.input[1]].astype(np.float64)
    b = const[n.input[2]].astype(np.float64) if len(n.input) > 2 else np.zeros(w.shape[0])
    y = take(n)
    bn = one_user(y, "BatchNormalization")
    if bn is not None:
        g, beta, mean, var = (const[x].astype(np.float64) for x in bn.input[1:])
        s = g / np.sqrt(var + attrs(bn)["epsilon"])
        w, b = w * s[:, None, None, None], (b - mean) * s + beta
        y = take(bn)
    lab = affine_after(y)
    if lab is not None and "mobile_one_block" in (other(one_user(y), y) or ""):
        sa, sc, add = lab
        w, b = w * sa, b * sa + sc
        take(one_user(y))
        y = take(add)
    act, pa, pc = 0, 1.0, 0.0
    u = users.get(y, [])
    # hard swish: x * clip(x + 3, 0, 6) / 6
    adds = [nodes[i] for i in u if nodes[i].op_type == "Add" and scalar(other(nodes[i], y)) == 3.0]
    if len(u) == 2 and adds:
        clip = one_user(adds[0].output[0], "Clip")
        mul = one_user(clip.output[0], "Mul")
        div = one_user(mul.output[0], "Div")
        assert scalar(clip.input[1]) == 0.0 and scalar(clip.input[2]) == 6.0 and scalar(div.input[1]) == 6.0
        for k in (adds[0], clip, mul):
            take(k)
        y, act = take(div), 1
        post = affine_after(y)
        if post is not None:
            pa, pc, add = post
            take(one_user(y))
            y = take(add)
    elif len(u) == 2 and any(nodes[i].op_type == "Mul" and scalar(other(nodes[i], y)) == 1.0 for i in u):
        mul1 = [nodes[i] for i in u if nodes[i].op_type == "Mul" and scalar(other(nodes[i], y)) == 1.0][0]
        sig = one_user(mul1.output[0], "Sigmoid")
        mul2 = one_user(sig.output[0], "Mul")
        take(mul1), take(sig)
        y, act = take(mul2), 2
    elif one_user(y, "Relu") is not None:
        y, act = take(one_user(y)), 3
    elif one_user(y, "HardSigmoid") is not None:
        hs = one_user(y)
        assert abs(attrs(hs)["alpha"] - 1 / 6) < 1e-6 and attrs(hs)["beta"] == 0.5
        y, act = take(hs), 4
    oc, icg, kh, kw = w.shape
    sh, sw = a["strides"]
    ph, pw = a["pads"][0], a["pads"][1]
    assert a["pads"][2] == ph and a["pads"][3] == pw and a.get("dilations", [1, 1]) == [1, 1]
    head = struct.pack("<BHHBBBBBBHBff", 1, oc, icg, kh, kw, sh, sw, ph, pw, a["group"], act, pa, pc)
    return head + quant(w.reshape(oc, -1), b), y


def quant(w, b):
    """Rows are output channels: a flag, then f32 bias and f32 weights (small
    layers: depthwise and squeeze-excite convolutions, whose few taps int8
    would blur) or f32 scales, f32 bias and int8 weights."""
    if w.size < 1000:
        return b"\0" + b.astype("<f4").tobytes() + w.astype("<f4").tobytes()
    amax = np.abs(w).max(axis=1)
    sc = np.where(amax > 0, amax / 127, 1.0)
    q = np.clip(np.round(w / sc[:, None]), -127, 127).astype(np.int8)
    return b"\1" + sc.astype("<f4").tobytes() + b.astype("<f4").tobytes() + q.tobytes()


def linear(wname, bname, act=0):
    w = const[wname].astype(np.float64).T  # (out, in)
    b = const[bname].astype(np.float64)
    return struct.pack("<BHHB", 6, w.shape[1], w.shape[0], act) + quant(w, b)


def ln(i):
    w, b = const[f"layer_norm_{i}.w_0"], const[f"layer_norm_{i}.b_0"]
    return struct.pack("<BH", 5, w.size) + w.astype("<f4").tobytes() + b.astype("<f4").tobytes()


# The classes kept: what the reader's date rules read (reader/src/date.rs:
# digits, separators, 年月日期, the labels 日期 开具日期 报告日期 检查日期 采样时间
# 打印时间 出生日期 ..., the look-alikes its rules mend such as 曰 旦 晶; lib.rs's
# PAPER_WORDS), fixed here so the model does not change with the code.
KEEP_CJK = "且中为住入其具写出到单印县发口只号吕告和哩囗四填复天失始审就己已年开归当截手打报接收效断斯日旦时昌明是晶曰月有朋朗期术束查样核检止甘生田由申病登白目确立签结自表记证诊请起送采门间院集验"
keep = set("0123456789") | set("-./:：;；,，、()（）[]|年月日期 ") | set(KEEP_CJK)
meta = {p.key: p.value for p in m.metadata_props}
chars = ["<blank>"] + meta["character"].split("\n") + [" "]
nclass = const["linear_85.w_0"].shape[1]
assert len(chars) >= nclass, (len(chars), nclass)
idx = [0] + [i for i in range(1, nclass) if chars[i] in keep]

conv_of = {n.input[1]: n for n in nodes if n.op_type == "Conv"}
prog = bytearray()
# The backbone, in graph order, up to its pool.
for n in nodes:
    if id(n) in done:
        continue
    if n.op_type == "Conv":
        prog += conv_record(n)[0]
    elif n.op_type == "GlobalAveragePool":
        # squeeze-excite: x * hardsigmoid(conv(relu(conv(mean over the plane)))); its two convolutions follow
        prog += struct.pack("<B", 2)
        take(n)
        gate = [nodes[i] for i in users[n.input[0]] if nodes[i].op_type == "Mul"]
        assert len(gate) == 1
        done.add(id(gate[0]))
    elif n.op_type == "AveragePool":
        a = attrs(n)
        assert a["kernel_shape"] == a["strides"] and a.get("count_include_pad", 0) == 0 and a["pads"] == [0, 0, 0, 0]
        prog += struct.pack("<BBB", 3, *a["kernel_shape"])
        break
    else:
        raise SystemExit(f"unexpected {n.op_type} {n.name} in the backbone")

# The neck (SVTR), by its weights' names; the shortcut is the pool's output.
assert const["fill_constant_5.tmp_0"].item() == 8 and const["fill_constant_7.tmp_0"].item() == 15
prog += struct.pack("<B", 4)
prog += conv_record(conv_of["conv2d_142.w_0"])[0] + conv_record(conv_of["conv2d_143.w_0"])[0]
prog += struct.pack("<B", 7)
for l1, l2, q, p, f1, f2 in [(43, 44, 77, 78, 79, 80), (45, 46, 81, 82, 83, 84)]:
    prog += struct.pack("<BB", 9, 8) + ln(l1) + linear(f"linear_{q}.w_0", f"linear_{q}.b_0")
    prog += linear(f"linear_{p}.w_0", f"linear_{p}.b_0") + ln(l2)
    prog += linear(f"linear_{f1}.w_0", f"linear_{f1}.b_0", 2) + linear(f"linear_{f2}.w_0", f"linear_{f2}.b_0")
prog += ln(47) + struct.pack("<B", 8)
prog += conv_record(conv_of["conv2d_144.w_0"])[0] + struct.pack("<B", 10)
prog += conv_record(conv_of["conv2d_145.w_0"])[0] + conv_record(conv_of["conv2d_146.w_0"])[0]
prog += struct.pack("<B", 7)
# the head: logits of the kept classes (argmax needs no softmax)
w = const["linear_85.w_0"][:, idx].astype(np.float64).T
b = const["linear_85.b_0"][idx].astype(np.float64)
prog += struct.pack("<BHHB", 6, w.shape[1], w.shape[0], 0) + quant(w, b) + struct.pack("<B", 0)

names = "\n".join(chars[i] for i in idx[1:]).encode()
blob = b"MTTREC1\n" + struct.pack("<I", len(names)) + names + bytes(prog)
open(out, "wb").write(blob)
print(f"{len(idx)} classes, {len(blob)} bytes")
