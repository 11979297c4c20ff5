import { Readable } from "node:stream";
import * as XLSX from "@e965/xlsx";
import ExcelJS from "exceljs";
import { cleanText, composed } from "../text.js";
import { wallClockFromUtcFields } from "../wall-clock.js";
import { checkedCellText, FileLimitError } from "./limits.js";
import { type SheetContext, streamSheetRows, TextPool } from "./sheet-xml.js";
import { type CellValue, type SheetRow, type SheetSource, UnreadableFileError } from "./types.js";
import { checkInflatedSize } from "./zip-inflate.js";
import { arrangeXlsxZip } from "./zip-order.js";

// What of exceljs's streaming reader is used beyond its typings: the zip walk (the workbook's
// parts parsed, its shared strings and styles among them, then each sheet handed on as it
// streams past; see zip-order.ts) and each worksheet's raw XML stream.
interface WorkbookReaderState {
  sharedStrings?: unknown[];
  styles?: { getStyleModel(id: number): { numFmt?: string } | null };
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets: unknown[] };
}

interface WorksheetReaderState {
  name?: string;
  iterator?: AsyncIterable<Buffer | string>;
}

/**
 * The sheets of an .xlsx workbook, one after another, their rows streamed: a sheet of
 * 60,000 rows is never held in memory as a whole. Sheets come in the order the zip holds
 * them (the order Excel wrote them, in practice).
 */
export async function* readXlsxSheets(bytes: Buffer): AsyncGenerator<SheetSource> {
  await checkInflatedSize(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(arrangeXlsxZip(bytes) ?? [bytes]), {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles tell date cells from plain numbers.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const workbook = reader as unknown as WorkbookReaderState;
  // exceljs reads a sheet as it streams past once it holds the shared strings (none, for a
  // workbook of inline strings) and the workbook's relations; it then looks the sheet's name
  // up in xl/workbook.xml, which a zip left in its own order may hold later: it threw.
  workbook.sharedStrings = [];
  workbook.model = { sheets: [] };
  let sheets = 0;
  try {
    for await (const worksheet of reader) {
      sheets += 1;
      const state = worksheet as unknown as WorksheetReaderState;
      if (!state.iterator) throw new Error("exceljs no longer exposes a worksheet's XML stream");
      const context = sheetContext(workbook);
      yield {
        name: state.name ?? `Sheet${sheets}`,
        date1904: context.date1904,
        rows: drained(state.iterator, context),
      };
    }
  } catch (error) {
    if (error instanceof FileLimitError) throw error;
    throw new UnreadableFileError(`not a readable xlsx workbook: ${String(error)}`);
  }
  if (sheets === 0) throw new UnreadableFileError("the zip holds no worksheet");
}

/**
 * The rows of one sheet; whatever the reader leaves unread is read through, so that the
 * zip walk can go on to the next sheet (and a parked temp file is not left open).
 */
async function* drained(
  xml: AsyncIterable<Buffer | string>,
  context: SheetContext,
): AsyncGenerator<SheetRow[]> {
  const chunks = xml[Symbol.asyncIterator]();
  const source: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => chunks };
  let overLimit = false;
  try {
    yield* streamSheetRows(source, context);
  } catch (error) {
    if (error instanceof FileLimitError) {
      overLimit = true;
      throw error;
    }
    throw new UnreadableFileError(`not a readable xlsx worksheet: ${String(error)}`);
  } finally {
    // A sheet past a limit is not read through: that would spend the time the limit saves.
    try {
      if (overLimit) await chunks.return?.();
      else
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
          // read through
        }
    } catch {
      // A broken stream has already been reported, or will be by the zip walk.
    }
  }
}

function sheetContext(workbook: WorkbookReaderState): SheetContext {
  // Composed once per distinct string: the rows then share them rather than each hold a copy.
  const shared = (workbook.sharedStrings ?? []).map((value) => {
    const cell = toCellValue(value);
    return typeof cell === "string" ? composed(checkedCellText(cell, null)) : cell;
  });
  const dateStyles = new Map<number, boolean>();
  return {
    texts: new TextPool(),
    sharedString: (index) => shared[index] ?? null,
    isDateStyle: (styleId) => {
      const known = dateStyles.get(styleId);
      if (known !== undefined) return known;
      let format: string | undefined;
      try {
        format = workbook.styles?.getStyleModel(styleId)?.numFmt;
      } catch {
        // The styles come after this sheet in the zip: its dates read as serial numbers.
        return false;
      }
      const isDate = typeof format === "string" && XLSX.SSF.is_date(format);
      dateStyles.set(styleId, isDate);
      return isDate;
    },
    date1904: Boolean(workbook.properties?.model?.date1904),
  };
}

/** exceljs values (shared strings: text or rich text; also dates, formulas, errors) as plain cells. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return wallClockFromUtcFields(value);
  if (typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) {
      return object.richText.map((run: { text?: unknown }) => String(run?.text ?? "")).join("");
    }
    if ("result" in object) return toCellValue(object.result);
    if ("formula" in object || "sharedFormula" in object) return null;
    if ("text" in object) return toCellValue(object.text);
    if ("error" in object) return cleanText(String(object.error));
  }
  return String(value);
}
