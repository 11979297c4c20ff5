import { detectCsvDelimiter, normaliseLineEndings, readCsvSheets } from "./csv.js";
import { type SheetRow, type SheetSource, UnreadableFileError } from "./types.js";
import { readXlsSheets } from "./xls.js";
import { readXlsxSheets } from "./xlsx.js";

export type FileFormat = "xlsx" | "xls" | "html" | "csv";

export interface OpenedFile {
  format: FileFormat;
  sheets: AsyncIterable<SheetSource>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

/**
 * Text in UTF-8 (with or without BOM) or, as Excel's "Unicode text" saves it, UTF-16 with
 * a BOM; null for anything else (binary, a legacy 8-bit code page).
 */
export function decodeText(bytes: Buffer): string | null {
  let encoding = "utf-8";
  if (startsWith(bytes, [0xff, 0xfe])) encoding = "utf-16le";
  else if (startsWith(bytes, [0xfe, 0xff])) encoding = "utf-16be";
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return hasBinaryControls(text) ? null : text.normalize("NFC");
}

/** NUL and the other C0 controls (tab, line breaks and form feed aside) never occur in text files. */
function hasBinaryControls(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && (code < 0x09 || code > 0x0d)) return true;
  }
  return false;
}

/**
 * The file's sheets, the format told by the content (zip = xlsx, OLE2 = xls, else text),
 * never by the name alone. `csvHeaderScore` rates candidate header rows to pick the CSV
 * delimiter. Throws UnreadableFileError for anything else.
 */
export async function openSheets(
  bytes: Buffer,
  csvHeaderScore: (rows: readonly SheetRow[]) => number,
): Promise<OpenedFile> {
  if (bytes.length === 0) throw new UnreadableFileError("the file is empty");
  if (startsWith(bytes, ZIP_MAGIC)) return { format: "xlsx", sheets: readXlsxSheets(bytes) };
  if (startsWith(bytes, OLE2_MAGIC)) return { format: "xls", sheets: readXlsSheets(bytes) };
  const text = decodeText(bytes);
  if (text === null) throw new UnreadableFileError("neither a workbook nor UTF-8 text");
  const body = text.replace(/^\ufeff/, "");
  // Some portals save an HTML or SpreadsheetML table under an .xls name.
  if (/^\s*</.test(body)) return { format: "html", sheets: readXlsSheets(body) };
  const normalised = normaliseLineEndings(body);
  const delimiter = await detectCsvDelimiter(normalised, csvHeaderScore);
  return { format: "csv", sheets: readCsvSheets(normalised, delimiter) };
}
