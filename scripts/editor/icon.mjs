// Draws the extension's icon (images/icon.png, 128×128): an ASE subnet box with an
// allowed (green) arrow coming in and a blocked (red, broken) arrow going out, on an
// Azure-blue tile. Plain pixels and node:zlib, so no image tool is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const px = new Uint8Array(size * size * 4);

function set(x, y, [r, g, b, a = 255]) {
  if (x < 0 || y < 0 || x >= size || y >= size) return;
  px.set([r, g, b, a], (y * size + x) * 4);
}
function rect(x0, y0, x1, y1, color) {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, color);
}
/** A rounded tile: corners cut on a circle of radius r. */
function roundedTile(r, color) {
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const cx = x < r ? r : x >= size - r ? size - r - 1 : x;
      const cy = y < r ? r : y >= size - r ? size - r - 1 : y;
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, color);
    }
}
function arrowRight(x0, x1, y, t, color, gap) {
  for (let x = x0; x < x1 - 10; x++) if (!gap || x < gap[0] || x > gap[1]) rect(x, y - t, x + 1, y + t, color);
  for (let i = 0; i < 12; i++) rect(x1 - 12 + i, y - 12 + i, x1 - 11 + i, y + 12 - i, color);
}

const blue = [0, 120, 212];
const white = [255, 255, 255];
const green = [87, 217, 120];
const red = [255, 92, 92];
roundedTile(20, blue);
rect(44, 22, 84, 106, white); // the subnet
rect(50, 28, 78, 100, blue);
rect(56, 40, 72, 44, white); // address lines inside the subnet
rect(56, 52, 72, 56, white);
rect(56, 64, 72, 68, white);
rect(56, 76, 72, 80, white);
rect(56, 88, 72, 92, white);
arrowRight(6, 46, 44, 3, green);
arrowRight(82, 122, 84, 3, red, [96, 104]);

// PNG: signature, IHDR, IDAT (each row prefixed by filter 0), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) Buffer.from(px.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync('images', { recursive: true });
writeFileSync('images/icon.png', png);
