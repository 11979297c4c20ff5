import { detectCsvDelimiter, readCsvSheets } from "./csv.js";
import { FileLimitError, megabytes, READ_LIMITS } from "./limits.js";
import { NotTextError, textChunks, textStart } from "./text-chunks.js";
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
/** Where the format and the CSV delimiter are told from. */
const SAMPLE_BYTES = 64 * 1024;

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte);
}

/** SheetJS reads a workbook whole: past the limit it is refused before it is parsed. */
function checkXlsSize(bytes: Buffer): void {
  if (bytes.length > READ_LIMITS.maxXlsBytes) {
    throw new FileLimitError("xlsTooLarge", megabytes(READ_LIMITS.maxXlsBytes));
  }
}

/** The whole text (for SheetJS's HTML tables, within the .xls limit), composed (NFC). */
function wholeText(bytes: Buffer): string {
  let text = "";
  for (const chunk of textChunks(bytes)) text += chunk;
  return text.normalize("NFC");
}

/**
 * The file's sheets, the format told by the content (zip = xlsx, OLE2 = xls, else text),
 * never by the name alone. `csvHeaderScore` rates candidate header rows to pick the CSV
 * delimiter. Throws UnreadableFileError for anything else, FileLimitError (one) for a file
 * past `READ_LIMITS`.
 */
export async function openSheets(
  bytes: Buffer,
  csvHeaderScore: (rows: readonly SheetRow[]) => number,
): Promise<OpenedFile> {
  if (bytes.length === 0) throw new UnreadableFileError("the file is empty");
  if (startsWith(bytes, ZIP_MAGIC)) return { format: "xlsx", sheets: readXlsxSheets(bytes) };
  if (startsWith(bytes, OLE2_MAGIC)) {
    checkXlsSize(bytes);
    return { format: "xls", sheets: readXlsSheets(bytes) };
  }
  let sample: string;
  try {
    sample = textStart(bytes, SAMPLE_BYTES);
  } catch (error) {
    if (error instanceof NotTextError) throw new UnreadableFileError("neither a workbook nor UTF-8 text");
    throw error;
  }
  // Some portals save an HTML or SpreadsheetML table under an .xls name.
  if (/^\s*</.test(sample)) {
    checkXlsSize(bytes);
    try {
      return { format: "html", sheets: readXlsSheets(wholeText(bytes)) };
    } catch (error) {
      if (error instanceof NotTextError) throw new UnreadableFileError("neither a workbook nor UTF-8 text");
      throw error;
    }
  }
  const delimiter = await detectCsvDelimiter(sample, csvHeaderScore);
  return { format: "csv", sheets: readCsvSheets(bytes, delimiter) };
}
