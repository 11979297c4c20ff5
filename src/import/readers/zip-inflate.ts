// What an xlsx inflates to, counted before any of it is parsed: a zip's directory may state
// sizes that are not true, so the entries are inflated here, their output counted and thrown
// away, and the count stops at the limit. A legitimate month (5 MB of zip, 39 MB of XML) costs
// a tenth of a second; a bomb is refused after the limit's worth of inflating, in flat memory.
import { createInflateRaw } from "node:zlib";
import { FileLimitError, megabytes, READ_LIMITS } from "./limits.js";
import { localEntries } from "./zip-order.js";

const STORED = 0;
const DEFLATED = 8;

/**
 * Throws FileLimitError("inflatesTooMuch") when the zip's entries inflate to more than `max`
 * bytes together. A zip whose directory cannot be read is left to the workbook reader, whose
 * sheet stream is capped on its own (see sheet-xml.ts).
 */
export async function checkInflatedSize(bytes: Buffer, max: number = READ_LIMITS.maxInflatedBytes) {
  const found = localEntries(bytes);
  if (!found) return;
  const { entries, directoryOffset } = found;
  let total = 0;
  for (const [index, entry] of entries.entries()) {
    const end = entries[index + 1]?.offset ?? directoryOffset;
    const method = bytes.readUInt16LE(entry.offset + 8);
    const start =
      entry.offset + 30 + bytes.readUInt16LE(entry.offset + 26) + bytes.readUInt16LE(entry.offset + 28);
    // Everything up to the next entry: what a streaming unzip may read for this one.
    const data = bytes.subarray(Math.min(start, end), end);
    if (method === DEFLATED) total += await inflatedLength(data, max - total);
    else if (method === STORED) total += data.length;
    if (total > max) throw new FileLimitError("inflatesTooMuch", megabytes(max));
  }
}

/** The length `data` inflates to, counted up to just past `budget`; a broken stream counts what came out. */
function inflatedLength(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let length = 0;
    const done = () => {
      inflate.removeAllListeners();
      inflate.on("error", () => {});
      inflate.destroy();
      resolve(length);
    };
    inflate.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > budget) done();
    });
    inflate.on("end", done);
    inflate.on("error", done);
    inflate.end(data);
  });
}
