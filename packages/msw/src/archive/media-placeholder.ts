import { createCrc32 } from "./crc.js";

const encoder = new TextEncoder();

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

// A 1×1 grey baseline JPEG: one 8×8 block whose DC difference and AC run both use one-code
// Huffman tables, so its whole scan is one byte (0x3f: the two 0-bit codes, padded with ones).
const JPEG = new Uint8Array([
  ...[0xff, 0xd8], // SOI
  ...[0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0], // APP0 JFIF
  ...[0xff, 0xdb, 0, 67, 0, ...new Array<number>(64).fill(1)], // DQT: table 0, all ones
  ...[0xff, 0xc0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0], // SOF0: 1×1, one component
  ...[0xff, 0xc4, 0, 20, 0x00, 1, ...new Array<number>(15).fill(0), 0], // DHT DC 0: one code → 0
  ...[0xff, 0xc4, 0, 20, 0x10, 1, ...new Array<number>(15).fill(0), 0], // DHT AC 0: one code → EOB
  ...[0xff, 0xda, 0, 8, 1, 1, 0x00, 0, 63, 0], // SOS
  0x3f,
  ...[0xff, 0xd9], // EOI
]);

// A 1×1 grey PNG (IHDR, one zlib IDAT, IEND), a 1×1 GIF89a and a 1×1 lossless WebP.
const PNG = /* @__PURE__ */ fromBase64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==",
);
const GIF = /* @__PURE__ */ fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
const WEBP = /* @__PURE__ */ fromBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

// An ISO base media file (MP4, MOV, M4V): an `ftyp` box and an empty `mdat` box, no frames.
const MP4 = new Uint8Array([
  ...[0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70], // ftyp
  ...encoder.encode("isom"),
  ...[0, 0, 2, 0],
  ...encoder.encode("isommp41"),
  ...[0, 0, 0, 8, 0x6d, 0x64, 0x61, 0x74], // mdat
]);

// An MP3: an empty ID3v2.4 tag, then two silent MPEG-1 Layer III frames (mono, 128 kbit/s,
// 44.1 kHz, 417 bytes each: a 4-byte header, zeroed side information and data). Decoders such
// as Chromium's want two frames in a row to lock on.
const MP3_FRAME = [0xff, 0xfb, 0x90, 0xc0, ...new Array<number>(417 - 4).fill(0)];
const MP3 = new Uint8Array([
  ...[0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0],
  ...MP3_FRAME,
  ...MP3_FRAME,
]);

function kml(title: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
    `<name>${title}</name>`,
    "<Placemark><name>Pin</name><Point><coordinates>2.2945,48.8584,0</coordinates></Point></Placemark>",
    "</Document></kml>",
    "",
  ].join("\n");
}

// A KMZ is a zip whose first entry is `doc.kml`: one stored entry.
function kmz(title: string): Uint8Array {
  const name = encoder.encode("doc.kml");
  const data = encoder.encode(kml(title));
  const crc = createCrc32();
  crc.update(data);
  const sum = crc.digest();
  const out = new Uint8Array(30 + name.length + data.length + 46 + name.length + 22);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 10, true);
  view.setUint32(14, sum, true);
  view.setUint32(18, data.length, true);
  view.setUint32(22, data.length, true);
  view.setUint16(26, name.length, true);
  out.set(name, 30);
  out.set(data, 30 + name.length);
  const central = 30 + name.length + data.length;
  view.setUint32(central, 0x02014b50, true);
  view.setUint16(central + 4, 20, true);
  view.setUint16(central + 6, 10, true);
  view.setUint32(central + 16, sum, true);
  view.setUint32(central + 20, data.length, true);
  view.setUint32(central + 24, data.length, true);
  view.setUint16(central + 28, name.length, true);
  out.set(name, central + 46);
  const end = central + 46 + name.length;
  view.setUint32(end, 0x06054b50, true);
  view.setUint16(end + 8, 1, true);
  view.setUint16(end + 10, 1, true);
  view.setUint32(end + 12, 46 + name.length, true);
  view.setUint32(end + 16, central, true);
  return out;
}

/**
 * The bytes the emulator writes for a media file of a catalog object, by the file's extension:
 * the smallest valid file of the format it names (a 1×1 JPEG, PNG, GIF or WebP; an MP4 or MOV
 * of an `ftyp` and an empty `mdat` box; an MP3 of two silent frames; a KML or KMZ of one
 * placemark). Any other extension gets a line of text naming the object. Google documents the
 * formats, not their content: all of it is the emulator's choice.
 *
 * @example
 * ```ts
 * mediaPlaceholder("Portability/Maps/Photos and videos/reviews-001.jpg", "maps.photos_videos"); // JPEG bytes
 * ```
 */
export function mediaPlaceholder(fileName: string, objectKey: string): Uint8Array {
  const extension = fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
  switch (extension) {
    case "jpg":
    case "jpeg":
      return JPEG;
    case "png":
      return PNG;
    case "gif":
      return GIF;
    case "webp":
      return WEBP;
    case "mp4":
    case "m4v":
    case "mov":
      return MP4;
    case "mp3":
      return MP3;
    case "kml":
      return encoder.encode(kml(objectKey));
    case "kmz":
      return kmz(objectKey);
    default:
      return encoder.encode(`${objectKey}: placeholder written by the emulator\n`);
  }
}
