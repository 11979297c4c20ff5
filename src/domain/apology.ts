// The apology record (DOMAIN.md 2): what the one-stop software issued, as a unit records it
// in the bot, step by step or in one line for those who type fast:
//   12/PXL; 05/04/2025; Nguyễn Văn A - Giám đốc; giấy; 20/04/2025
// Pure parsing; the dates' rules against the dossier are `decideStep`'s.
import { z } from "zod";
import { normalizeName } from "./names.js";
import { formatIsoDate, type IsoDate, parseIsoDate } from "./working-days.js";

export const APOLOGY_FORMS = ["PAPER", "EMAIL", "SMS", "IN_PERSON", "PORTAL"] as const;
export type ApologyForm = (typeof APOLOGY_FORMS)[number];

export type SignerCapacity = "HEAD" | "DEPUTY";

export interface ApologyDraft {
  letterNumber: string;
  issuedOn: IsoDate;
  signerName: string;
  signerTitle: string | null;
  signerCapacity: SignerCapacity;
  form: ApologyForm;
  newAppointmentOn: IsoDate;
}

/** Words people write for each form, accents and case folded. */
const FORM_WORDS: Record<string, ApologyForm> = {
  giay: "PAPER",
  "van ban giay": "PAPER",
  paper: "PAPER",
  email: "EMAIL",
  "thu dien tu": "EMAIL",
  sms: "SMS",
  "tin nhan": "SMS",
  "truc tiep": "IN_PERSON",
  "in person": "IN_PERSON",
  cong: "PORTAL",
  "cong dich vu cong": "PORTAL",
  portal: "PORTAL",
};

export const MAX_LETTER_NUMBER = 50;
export const MAX_SIGNER = 120;

export type ApologyField = "letterNumber" | "issuedOn" | "signer" | "form" | "newAppointmentOn";

export type ApologyParse =
  | { ok: true; draft: ApologyDraft }
  | {
      ok: false;
      field: ApologyField | "shape";
      reason: "missing" | "tooLong" | "invalidDate" | "unknownForm" | "fieldCount";
    };

/** "05/04/2025" or "5/4/2025" (day first, always) to an ISO date; null when not a real date. */
export function parseDayFirstDate(text: string): IsoDate | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const candidate = formatIsoDate({ year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) });
  return parseIsoDate(candidate) ? candidate : null;
}

export function parseApologyForm(text: string): ApologyForm | null {
  return FORM_WORDS[normalizeName(text)] ?? null;
}

/**
 * "Nguyễn Văn A - Giám đốc" or "KT. Giám đốc - Phó Giám đốc Trần B": a name and a title; "KT."
 * anywhere marks a deputy signing for the head.
 */
export function parseSigner(
  text: string,
): { name: string; title: string | null; capacity: SignerCapacity } | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const capacity: SignerCapacity = /(^|\s)KT\.?(\s|$)/i.test(trimmed) ? "DEPUTY" : "HEAD";
  const withoutKt = trimmed.replace(/(^|\s)KT\.?(?=\s|$)/i, " ").trim();
  const [name = "", ...titleParts] = withoutKt.split(/\s+[-–—]\s+/);
  const title = titleParts.join(" - ").trim();
  return name.trim() ? { name: name.trim(), title: title || null, capacity } : null;
}

const lineSchema = z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]);

export function parseApologyLine(text: string): ApologyParse {
  const parts = lineSchema.safeParse(text.split(";").map((part) => part.trim()));
  if (!parts.success) return { ok: false, field: "shape", reason: "fieldCount" };
  const [letterNumber, issued, signerText, formText, appointment] = parts.data;
  if (!letterNumber) return { ok: false, field: "letterNumber", reason: "missing" };
  if (letterNumber.length > MAX_LETTER_NUMBER) return { ok: false, field: "letterNumber", reason: "tooLong" };
  const issuedOn = parseDayFirstDate(issued);
  if (!issuedOn) return { ok: false, field: "issuedOn", reason: "invalidDate" };
  const signer = parseSigner(signerText);
  if (!signer) return { ok: false, field: "signer", reason: "missing" };
  if (signerText.length > MAX_SIGNER) return { ok: false, field: "signer", reason: "tooLong" };
  const form = parseApologyForm(formText);
  if (!form) return { ok: false, field: "form", reason: "unknownForm" };
  const newAppointmentOn = parseDayFirstDate(appointment);
  if (!newAppointmentOn) return { ok: false, field: "newAppointmentOn", reason: "invalidDate" };
  return {
    ok: true,
    draft: {
      letterNumber,
      issuedOn,
      signerName: signer.name,
      signerTitle: signer.title,
      signerCapacity: signer.capacity,
      form,
      newAppointmentOn,
    },
  };
}
