// Draws the app icon (resources/icon.png, 1024×1024) without any image tool: a blue rounded square,
// a white PoE page with a folded corner and text lines, and a green check badge. Run: tsx resources/make-icon.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 1024;
const SAMPLES = 4;
type RGBA = [number, number, number, number];

const BLUE: RGBA = [31, 95, 173, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const FOLD: RGBA = [205, 220, 240, 255];
const LINE: RGBA = [150, 172, 205, 255];
const GREEN: RGBA = [36, 161, 72, 255];

const inRoundRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const distToSegment = (px: number, py: number, ax: number, ay: number, bx: number, by: number): number => {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
};

/** The colour at a point (unit square coordinates), painter's order. */
function shade(x: number, y: number): RGBA | null {
  let c: RGBA | null = null;
  if (inRoundRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18)) c = BLUE;
  const page = x >= 0.25 && x <= 0.71 && y >= 0.17 && y <= 0.81 && !(x + (0.81 - y) > 0.71 + (0.81 - 0.17) - 0.13 && y < 0.3);
  if (page) c = WHITE;
  if (x >= 0.58 && y <= 0.3 && y >= 0.17 && x - 0.58 >= y - 0.17 && x <= 0.71) c = FOLD;
  for (const ly of [0.36, 0.45, 0.54, 0.63]) if (x >= 0.32 && x <= (ly === 0.63 ? 0.52 : 0.64) && Math.abs(y - ly) <= 0.018) c = LINE;
  if ((x - 0.7) ** 2 + (y - 0.72) ** 2 <= 0.16 ** 2) c = GREEN;
  if (
    (x - 0.7) ** 2 + (y - 0.72) ** 2 <= 0.16 ** 2 &&
    (distToSegment(x, y, 0.62, 0.72, 0.68, 0.79) <= 0.028 || distToSegment(x, y, 0.68, 0.79, 0.79, 0.65) <= 0.028)
  )
    c = WHITE;
  return c;
}

function png(width: number, height: number, rgba: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const pixels = new Uint8Array(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = shade((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
        if (!c) continue;
        for (let i = 0; i < 3; i++) acc[i]! += c[i]! * c[3];
        acc[3]! += c[3];
      }
    }
    const n = SAMPLES * SAMPLES;
    const o = (py * SIZE + px) * 4;
    const alpha = acc[3]! / n;
    pixels.set(
      alpha === 0 ? [0, 0, 0, 0] : [Math.round(acc[0]! / acc[3]!), Math.round(acc[1]! / acc[3]!), Math.round(acc[2]! / acc[3]!), Math.round(alpha)],
      o,
    );
  }
}
writeFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png'), png(SIZE, SIZE, pixels));
