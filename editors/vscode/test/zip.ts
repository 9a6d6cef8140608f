// Reading a zip file (a .vsix) with Node alone: the central directory, then
// each entry's data (stored or deflated).
import * as zlib from 'zlib';

export interface ZipEntry {
  name: string;
  size: number;
  /** The Unix mode the archiver recorded (0 when made on a system without one). */
  mode: number;
  read(): Buffer;
}

export function readZip(zip: Buffer): ZipEntry[] {
  const minimum = 22;
  let end = -1;
  for (let i = zip.length - minimum; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const madeBy = zip.readUInt16LE(offset + 4) >> 8; // 3: Unix
    const externalAttributes = zip.readUInt32LE(offset + 38);
    const local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({
      name,
      size,
      mode: madeBy === 3 ? externalAttributes >>> 16 : 0,
      read: () => {
        const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(dataStart, dataStart + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return zlib.inflateRawSync(data);
        throw new Error(`unsupported compression ${method} for ${name}`);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
