"""Writes the reader's Tesseract data: Debian's chi_sim.traineddata
(tesseract-ocr-chi-sim, tessdata_fast, Apache-2.0) without its word list
(the `lstm-word-dawg` entry, TESSDATA_LSTM_SYSTEM_DAWG: 577 KB raw, 200 KB
of the browser's brotli download). The reader reads dates and a few labels,
not words: on 640 generated photos the same dates but 5 (3 better, 2 worse;
docs/bench-read-notes.md). Every other entry is kept byte for byte.

Both doors read this one file: the native reader builds it in
(reader/src/tess.rs) and the browser fetches it (scripts/build-reader.mjs).

A traineddata file is a count of entries (int32), then each entry's offset
(int64, -1 where absent), then the entries in order.

usage: python3 tessdata-strip.py IN.traineddata OUT.traineddata
"""
import struct
import sys

LSTM_SYSTEM_DAWG = 19

src, out = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
(n,) = struct.unpack_from("<i", data, 0)
if not 0 < n <= 64 or len(data) < 4 + 8 * n:
    sys.exit(f"tessdata-strip: {src} is not a traineddata file ({n} entries)")
offsets = struct.unpack_from(f"<{n}q", data, 4)
present = sorted((o, i) for i, o in enumerate(offsets) if o >= 0)
ends = [o for o, _ in present[1:]] + [len(data)]
parts = {i: data[o:e] for (o, i), e in zip(present, ends)}
if LSTM_SYSTEM_DAWG not in parts:
    sys.exit(f"tessdata-strip: {src} has no word list to take out")
del parts[LSTM_SYSTEM_DAWG]
new, at, body = [-1] * n, 4 + 8 * n, b""
for i in sorted(parts):
    new[i], at, body = at, at + len(parts[i]), body + parts[i]
open(out, "wb").write(struct.pack(f"<i{n}q", n, *new) + body)
print(f"{src}: {len(data)} bytes; without the word list {4 + 8 * n + len(body)} bytes")
