// Raster PoE pages: a photographed or scanned acknowledgement form, drawn with pureimage in a
// slightly grey, speckled look and encoded as PNG or JPEG. Latin text only (the raster fonts are Latin).
import { PassThrough } from 'node:stream';
import * as PImage from 'pureimage';
import { latinFontFiles } from './fonts';
import type { PoeSpec } from './poe-content';
import type { Rng } from './rng';

let fontsLoaded: Promise<void> | null = null;
function loadFonts(): Promise<void> {
  fontsLoaded ??= (async () => {
    const f = latinFontFiles();
    await PImage.registerFont(f.regular, 'PoeSans').load();
    await PImage.registerFont(f.bold, 'PoeSansBold').load();
  })();
  return fontsLoaded;
}

async function encode(img: ReturnType<typeof PImage.make>, format: 'png' | 'jpeg'): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  if (format === 'png') await PImage.encodePNGToStream(img, sink);
  else await PImage.encodeJPEGToStream(img, sink, 72);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The printed lines of an acknowledgement form for the spec (ASCII only). */
function formLines(spec: PoeSpec): { text: string; bold?: boolean; size: number; gap?: number }[] {
  const ascii = (s: string) =>
    s
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const lines: { text: string; bold?: boolean; size: number; gap?: number }[] = [
    { text: 'Proof of Execution - Customer Acknowledgement', bold: true, size: 19, gap: 14 },
    { text: `Partner: ${ascii(spec.partner.name)} (MPN ID ${spec.partner.mpnId})`, size: 13 },
    { text: `Customer: ${ascii(spec.customer.name)}`, size: 13 },
    { text: `Domain: ${spec.customer.domain}`, size: 13 },
    { text: `Tenant ID: ${spec.customer.tenantId}`, size: 13, gap: 12 },
    { text: 'Engagement', bold: true, size: 14 },
  ];
  for (const p of spec.engagement.map(ascii).filter(Boolean)) {
    const words = p.split(' ');
    let line = '';
    for (const w of words) {
      if ((line + ' ' + w).length > 62) {
        lines.push({ text: line, size: 12 });
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    if (line) lines.push({ text: line, size: 12 });
  }
  lines.push({ text: 'Products by activity type', bold: true, size: 14, gap: 0 });
  for (const p of spec.products) lines.push({ text: `- ${spec.activity}: ${p.name} (${p.workload})`, size: 12 });
  if (spec.products.length === 0) lines.push({ text: '- (none listed)', size: 12 });
  lines.push({ text: 'Customer acknowledgement', bold: true, size: 14, gap: 0 });
  lines.push({ text: `We confirm the engagement described above was delivered.`, size: 12 });
  lines.push({
    text: `Name: ${spec.signer ? ascii(spec.signer.name) : '____________________'}   Title: ${spec.signer ? ascii(spec.signer.title) || 'Manager' : '__________'}`,
    size: 12,
  });
  lines.push({ text: `Date: ${spec.date ?? '____________'}`, size: 12 });
  lines.push({ text: 'Signature:', size: 12 });
  return lines;
}

/** Draws the form on a grey, speckled page; returns it encoded. */
export async function rasterPoe(rng: Rng, spec: PoeSpec, format: 'png' | 'jpeg', width = 560, height = 760): Promise<Uint8Array> {
  await loadFonts();
  const img = PImage.make(width, height);
  const ctx = img.getContext('2d');
  const paper = 226 + rng.int(0, 16);
  ctx.fillStyle = `rgb(${paper},${paper - 2},${paper - 8})`;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = 'rgb(150,150,150)';
  for (let i = 0; i < 500; i++) ctx.fillRect(rng.int(0, width - 2), rng.int(0, height - 2), rng.int(1, 2), 1);
  let y = 48;
  for (const l of formLines(spec)) {
    if (l.gap !== undefined) y += 10;
    ctx.fillStyle = 'rgb(35,35,40)';
    ctx.font = `${l.size}px ${l.bold ? 'PoeSansBold' : 'PoeSans'}`;
    ctx.fillText(l.text, 34, y);
    y += Math.round(l.size * 1.55) + (l.gap ?? 0);
    if (y > height - 60) break;
  }
  if (spec.signer) {
    // A hand-drawn looking signature: a few joined strokes in blue ink.
    ctx.strokeStyle = 'rgb(30,50,140)';
    ctx.lineWidth = 2;
    ctx.beginPath();
    let x = 120;
    const base = Math.min(y, height - 40) - 6;
    ctx.moveTo(x, base);
    for (let i = 0; i < 9; i++) {
      x += rng.int(8, 18);
      ctx.lineTo(x, base - rng.int(-10, 16));
    }
    ctx.stroke();
  }
  return encode(img, format);
}
