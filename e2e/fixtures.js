// Test files made on the fly: a large photo-like PNG (noise, so it does not
// compress away) carrying an eXIf chunk with GPS text, to prove photos are
// downscaled and stripped on the device.
import { deflateSync, crc32 } from 'node:zlib';

export function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

export function noisyPng(width = 2400, height = 1800, { exif = true } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width * 3; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      raw[row + 1 + x] = ((x / 3 + y) & 0xff) ^ (seed >> 24);
    }
  }
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (exif) parts.push(chunk('eXIf', Buffer.from('MM\0*\0\0\0\x08GPSLatitude 39.9042 GPSLongitude 116.4074', 'latin1')));
  parts.push(chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

export const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
export const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

/** Answers that make a Linfen applicant (insured there, grade III
 *  hypertension, level-3 public hospital) eligible, by question id. */
export const linfenEligible = {
  'applicant.insured_in': '临汾市',
  'applicant.contribution': '正常缴费',
  'applicant.arrears': '没有',
  'disease.id': '高血压',
  'disease.grade': 'Ⅲ级',
  'applicant.hukou_local': '户籍在临汾',
  'diagnosis.hospital_level': '三级公立医院',
};
