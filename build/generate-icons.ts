/**
 * Renders build/icons/icon.svg into the files electron-builder packages: PNGs for Linux
 * (build/icons/png/NxN.png), icon.png (512), icon.ico (Windows, PNG-compressed entries) and
 * icon.icns (macOS, PNG entries). Run with `npx tsx build/generate-icons.ts`; the outputs
 * are committed so packaging needs no browser.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const iconsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icons');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

async function renderPngs(svg: string): Promise<Map<number, Buffer>> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const pngs = new Map<number, Buffer>();
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const sized = svg.replace(/width="512" height="512"/, `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** ICO with PNG-compressed images (supported since Windows Vista). */
export function buildIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
export function buildIcns(images: { type: string; png: Buffer }[]): Buffer {
  const chunks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function main(): Promise<void> {
  const svg = readFileSync(path.join(iconsDir, 'icon.svg'), 'utf8');
  const pngs = await renderPngs(svg);
  const png = (size: number): Buffer => {
    const image = pngs.get(size);
    if (!image) throw new Error(`no ${size}px render`);
    return image;
  };
  const linuxDir = path.join(iconsDir, 'png');
  mkdirSync(linuxDir, { recursive: true });
  for (const size of SIZES) if (size <= 512) writeFileSync(path.join(linuxDir, `${size}x${size}.png`), png(size));
  writeFileSync(path.join(iconsDir, 'icon.png'), png(512));
  writeFileSync(path.join(iconsDir, 'icon.ico'), buildIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: png(size) }))));
  writeFileSync(
    path.join(iconsDir, 'icon.icns'),
    buildIcns([
      { type: 'ic07', png: png(128) },
      { type: 'ic08', png: png(256) },
      { type: 'ic09', png: png(512) },
      { type: 'ic10', png: png(1024) },
    ]),
  );
  console.log(`Wrote icons to ${path.relative(process.cwd(), iconsDir)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  void main();
}
