import { VN_CALENDAR_DAYS } from "../../src/domain/calendar-data/index.js";
import { createWorkingCalendar } from "../../src/domain/working-days.js";
import { loadUnitsFile, type UnitsFile } from "../../src/sample/units-data.js";

export const UNITS_FILE = "samples/hanoi/units.json";
export const calendar = createWorkingCalendar(VN_CALENDAR_DAYS);

let cached: Promise<UnitsFile> | undefined;
export function unitsFile(): Promise<UnitsFile> {
  cached ??= loadUnitsFile(UNITS_FILE);
  return cached;
}
