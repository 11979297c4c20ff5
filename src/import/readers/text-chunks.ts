// A text file's bytes as text, a slice at a time: never the whole file in one string (a
// 16 MB CSV is 32 MB as a JavaScript string, and each copy on the way, line endings made one,
// Unicode composed, cost as much again).

/** UTF-8 (with or without BOM) or, as Excel's "Unicode text" saves it, UTF-16 with a BOM. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be";

const SLICE_BYTES = 64 * 1024;

export function textEncodingOf(bytes: Buffer): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return "utf-8";
}

/** The text is not in the encoding it claims, or holds what no text file does (NUL, ...). */
export class NotTextError extends Error {
  override readonly name = "NotTextError";
}

/**
 * The text in slices, the BOM dropped, every line ending made "\n" (a "\r" at the end of a
 * slice waits for the next one). Throws NotTextError where the bytes stop being text.
 */
export function* textChunks(bytes: Buffer, maxBytes = bytes.length): Generator<string> {
  const decoder = new TextDecoder(textEncodingOf(bytes), { fatal: true, ignoreBOM: false });
  const end = Math.min(bytes.length, maxBytes);
  let carriageReturn = false;
  for (let start = 0; start < end; start += SLICE_BYTES) {
    const last = start + SLICE_BYTES >= end;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, Math.min(end, start + SLICE_BYTES)), {
        stream: !last || end < bytes.length,
      });
    } catch {
      throw new NotTextError("not text in its encoding");
    }
    if (hasBinaryControls(text)) throw new NotTextError("binary content");
    if (carriageReturn) text = `\r${text}`;
    carriageReturn = !last && text.endsWith("\r");
    if (carriageReturn) text = text.slice(0, -1);
    const normalised = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
    if (normalised !== "") yield normalised;
  }
  if (carriageReturn) yield "\n";
}

/** The first `maxBytes` as one string (to tell the format and the delimiter). */
export function textStart(bytes: Buffer, maxBytes: number): string {
  let text = "";
  for (const chunk of textChunks(bytes, maxBytes)) text += chunk;
  return text;
}

/** NUL and the other C0 controls (tab, line breaks and form feed aside) never occur in text files. */
function hasBinaryControls(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && (code < 0x09 || code > 0x0d)) return true;
  }
  return false;
}
