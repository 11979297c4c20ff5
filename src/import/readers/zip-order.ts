// exceljs's streaming reader walks the zip's entries as they come, and two things about the
// walk go wrong with some files:
// - a sheet that comes before the shared strings (as Excel writes them) is parked in a temp
//   file and read after the whole zip, with a second pass over the disk;
// - unzipper announces the end of the zip as soon as its input is used up, and exceljs then
//   stops at once: small entries parsed ahead of a busy reader (an uncompressed zip, a tiny
//   sheet) are silently skipped, shared strings and styles among them.
// So the local entries are handed on in a better order, workbook parts first and sheets
// after, and followed by a padding entry larger than the stream buffers: the end cannot be
// reached before the reader has taken every real entry.

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

/** Read first, in this order: what the sheets' cells refer to. */
const WORKBOOK_PARTS = [
  "xl/_rels/workbook.xml.rels",
  "xl/workbook.xml",
  "xl/sharedStrings.xml",
  "xl/styles.xml",
];

/** Larger than the buffers between unzipper's parser and the entry's reader (3 streams of 2 x 16 KiB). */
const PADDING_BYTES = 512 * 1024;
const PADDING_NAME = "dondoc-padding.bin";

export interface LocalEntry {
  name: string;
  offset: number;
}

function findEndOfDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at -= 1) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/** The zip's entries from its central directory, by where they sit; null when it cannot be read. */
export function localEntries(bytes: Buffer): { entries: LocalEntry[]; directoryOffset: number } | null {
  const end = findEndOfDirectory(bytes);
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  // ZIP64 (over 65,535 entries or 4 GiB) is beyond any export: leave such a file as it is.
  if (count === 0xffff || directoryOffset === 0xffffffff || directoryOffset > end) return null;
  const entries: LocalEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    if (offset + 30 > directoryOffset || bytes.readUInt32LE(offset) !== LOCAL_ENTRY) return null;
    entries.push({ name, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries: entries.sort((a, b) => a.offset - b.offset), directoryOffset };
}

function paddingEntry(): Buffer {
  const name = Buffer.from(PADDING_NAME, "ascii");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(LOCAL_ENTRY, 0);
  header.writeUInt16LE(10, 4); // version needed
  header.writeUInt16LE(0x21, 12); // 1 January 1980
  // Stored, crc left 0: nobody checks it, the reader only drains this entry.
  header.writeUInt32LE(PADDING_BYTES, 18);
  header.writeUInt32LE(PADDING_BYTES, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, Buffer.alloc(PADDING_BYTES)]);
}

function emptyEndOfDirectory(): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  return end;
}

/**
 * The zip's local entries (views into `bytes`, not copies) in the order exceljs reads best,
 * then the padding entry and an end record. Null when the zip's directory cannot be read:
 * the bytes are then handed on as they are.
 */
export function arrangeXlsxZip(bytes: Buffer): Buffer[] | null {
  const found = localEntries(bytes);
  if (!found || found.entries.length === 0) return null;
  const { entries, directoryOffset } = found;
  const parts = entries.map((entry, index) => ({
    name: entry.name,
    bytes: bytes.subarray(entry.offset, entries[index + 1]?.offset ?? directoryOffset),
  }));
  const rank = (name: string) => {
    const index = WORKBOOK_PARTS.indexOf(name);
    return index < 0 ? WORKBOOK_PARTS.length : index;
  };
  const ordered = parts
    .map((part, index) => ({ ...part, index }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.index - b.index);
  return [...ordered.map((part) => part.bytes), paddingEntry(), emptyEndOfDirectory()];
}
