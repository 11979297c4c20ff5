// The apology record, step by step (number, date, signer, form, new return date, an optional
// photo or scan), each answer checked with zod against the dossier's own dates and asked
// again with the reason; Cancel at any step; a summary to confirm. Whoever types fast sends
// the one-line form at the first step instead. Only the confirmed summary is recorded.
import type { Context } from "grammy";
import { z } from "zod";
import { recordApology } from "../../app/dossiers/record-apology.js";
import {
  APOLOGY_FORMS,
  type ApologyDraft,
  type ApologyForm,
  MAX_LETTER_NUMBER,
  MAX_SIGNER,
  parseApologyForm,
  parseApologyLine,
  parseDayFirstDate,
  parseSigner,
} from "../../domain/apology.js";
import type { ApologyInput, ApologyScan } from "../../domain/dossier-answers.js";
import { sha256Hex } from "../../domain/sha256.js";
import { compareIsoDates, type IsoDate } from "../../domain/working-days.js";
import { formatDate, formatNumber } from "../../i18n/format.js";
import type { TFunction } from "../../i18n/index.js";
import { MAX_DOWNLOAD_BYTES } from "../../render/telegram-limits.js";
import { actorOf } from "../helpers/actor.js";
import { apologyFormKeyboard, confirmKeyboard, formKeyboard } from "../keyboards/dossier-actions.js";
import {
  type CardRef,
  type DossierFormDeps,
  type FormStart,
  finishForm,
  formStart,
} from "./dossier-form-deps.js";
import { ask, type FormAnswer, type FormConversation } from "./form-input.js";

export const APOLOGY_FORM = "dossierApology";

const CANCELLED = Symbol("cancelled");

/** A step's reading of an answer: the value, or the key of why it is refused. */
type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };

function fromZod<T>(result: z.ZodSafeParseResult<T>): Reading<T> {
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, reason: result.error.issues[0]?.message ?? "missing" };
}

const textOf = (answer: FormAnswer) => (answer.kind === "text" ? answer.text : "");

function dateSchema(rules: (date: IsoDate) => string | null) {
  return z.string().transform((text, ctx) => {
    const date = parseDayFirstDate(text);
    const problem = date ? rules(date) : "invalidDate";
    if (problem || !date) {
      ctx.addIssue({ code: "custom", message: problem ?? "invalidDate" });
      return z.NEVER;
    }
    return date;
  });
}

/** The checks of each step, with the dossier's dates (the same the use-case applies again). */
function stepSchemas(start: FormStart) {
  return {
    letterNumber: z.string().trim().min(1, "missing").max(MAX_LETTER_NUMBER, "tooLong"),
    issuedOn: dateSchema((date) =>
      compareIsoDates(date, start.today) > 0
        ? "issuedInFuture"
        : compareIsoDates(date, start.receivedOn) < 0
          ? "issuedBeforeReceived"
          : null,
    ),
    signer: z
      .string()
      .trim()
      .min(1, "missing")
      .max(MAX_SIGNER, "tooLong")
      .transform((text, ctx) => {
        const signer = parseSigner(text);
        if (!signer) ctx.addIssue({ code: "custom", message: "missing" });
        return signer ?? z.NEVER;
      }),
    newAppointmentOn: dateSchema((date) =>
      compareIsoDates(date, start.dueOn) > 0 ? null : "appointmentNotAfterDue",
    ),
  };
}

function readForm(answer: FormAnswer): Reading<ApologyForm> {
  const form =
    answer.kind === "choice"
      ? APOLOGY_FORMS.find((value) => value === answer.value)
      : parseApologyForm(textOf(answer));
  return form ? { ok: true, value: form } : { ok: false, reason: "unknownForm" };
}

const SCAN_TYPES = /^(image\/|application\/pdf$)/;

function readScan(answer: FormAnswer): Reading<Extract<FormAnswer, { kind: "file" }> | null> {
  if (answer.kind === "skip") return { ok: true, value: null };
  if (answer.kind !== "file" || !SCAN_TYPES.test(answer.mimeType ?? ""))
    return { ok: false, reason: "notAScan" };
  if ((answer.scan.sizeBytes ?? 0) > MAX_DOWNLOAD_BYTES) return { ok: false, reason: "scanTooBig" };
  return { ok: true, value: answer };
}

/** The one-line form, its dates checked as the steps check them. */
function readLine(text: string, start: FormStart, t: TFunction): Reading<ApologyDraft> {
  const parsed = parseApologyLine(text);
  const fieldProblem = (field: string, reason: string): Reading<ApologyDraft> => ({
    ok: false,
    reason: t("dossierActions.apology.lineField", {
      field: t(`dossierActions.apology.fields.${field}`),
      reason: errorText(t, reason, start),
    }),
  });
  if (!parsed.ok) return fieldProblem(parsed.field, parsed.reason);
  const schemas = stepSchemas(start);
  const issued = schemas.issuedOn.safeParse(text.split(";")[1]?.trim() ?? "");
  if (!issued.success) return fieldProblem("issuedOn", issued.error.issues[0]?.message ?? "invalidDate");
  const appointment = schemas.newAppointmentOn.safeParse(text.split(";")[4]?.trim() ?? "");
  if (!appointment.success)
    return fieldProblem("newAppointmentOn", appointment.error.issues[0]?.message ?? "invalidDate");
  return { ok: true, value: parsed.draft };
}

function errorText(t: TFunction, reason: string, start: FormStart): string {
  return t(`dossierActions.apology.errors.${reason}`, {
    received: formatIsoDay(t, start.receivedOn, start.locale),
    due: formatIsoDay(t, start.dueOn, start.locale),
    defaultValue: reason,
  });
}

function formatIsoDay(_t: TFunction, date: IsoDate, locale: FormStart["locale"]): string {
  return formatDate(locale, new Date(`${date}T00:00:00Z`), "UTC");
}

export function apologyFormConversation(deps: DossierFormDeps) {
  return async function dossierApology(conversation: FormConversation, ctx: Context, card: CardRef) {
    const found = await conversation.external((outer) => formStart(outer, deps, card.dossierId));
    if (!found) return;
    const start: FormStart = found;
    const t = deps.translator.forLocale(start.locale);
    const schemas = stepSchemas(start);
    const day = (date: IsoDate) => formatIsoDay(t, date, start.locale);

    /** Asks until the answer reads well; CANCELLED when the user cancels. */
    async function step<T>(
      prompt: string,
      keyboard: ReturnType<typeof formKeyboard>,
      read: (answer: FormAnswer) => Reading<T>,
    ): Promise<T | typeof CANCELLED> {
      let text = prompt;
      for (;;) {
        const answer = await ask(conversation, ctx, text, keyboard);
        if (answer.kind === "cancel") return CANCELLED;
        const reading = read(answer);
        if (reading.ok) return reading.value;
        const reason = reading.reason.includes(" ") ? reading.reason : errorText(t, reading.reason, start);
        text = `${t("dossierActions.apology.again", { reason })}\n${prompt}`;
      }
    }
    const cancelled = () => ctx.reply(t("dossierActions.cancelled"));

    await ctx.reply(t("dossierActions.apology.intro", { code: start.code }), { parse_mode: "HTML" });
    // The first step also takes the one-line form: then the letter is complete at once.
    const first = await step<ApologyDraft | string>(
      t("dossierActions.apology.letterNumber"),
      formKeyboard(t),
      (answer) =>
        textOf(answer).includes(";")
          ? readLine(textOf(answer), start, t)
          : fromZod(schemas.letterNumber.safeParse(textOf(answer))),
    );
    if (first === CANCELLED) return void (await cancelled());
    let letter: ApologyDraft;
    if (typeof first !== "string") letter = first;
    else {
      const issuedOn = await step(t("dossierActions.apology.issuedOn"), formKeyboard(t), (answer) =>
        fromZod(schemas.issuedOn.safeParse(textOf(answer))),
      );
      if (issuedOn === CANCELLED) return void (await cancelled());
      const signer = await step(t("dossierActions.apology.signer"), formKeyboard(t), (answer) =>
        fromZod(schemas.signer.safeParse(textOf(answer))),
      );
      if (signer === CANCELLED) return void (await cancelled());
      const form = await step(t("dossierActions.apology.form"), apologyFormKeyboard(t), readForm);
      if (form === CANCELLED) return void (await cancelled());
      const newAppointmentOn = await step(
        t("dossierActions.apology.newAppointmentOn", { due: day(start.dueOn) }),
        formKeyboard(t),
        (answer) => fromZod(schemas.newAppointmentOn.safeParse(textOf(answer))),
      );
      if (newAppointmentOn === CANCELLED) return void (await cancelled());
      letter = {
        letterNumber: first,
        issuedOn,
        signerName: signer.name,
        signerTitle: signer.title,
        signerCapacity: signer.capacity,
        form,
        newAppointmentOn,
      };
    }
    const scanned = await step(t("dossierActions.apology.scan"), formKeyboard(t, { skip: true }), readScan);
    if (scanned === CANCELLED) return void (await cancelled());

    const signer = [letter.signerName, letter.signerTitle].filter(Boolean).join(" - ");
    const summary = t("dossierActions.apology.summary", {
      code: start.code,
      letterNumber: letter.letterNumber,
      issuedOn: day(letter.issuedOn),
      signer:
        letter.signerCapacity === "DEPUTY" ? t("dossierActions.apology.signerDeputy", { signer }) : signer,
      form: t(`dossierActions.forms.${letter.form}`),
      newAppointmentOn: day(letter.newAppointmentOn),
      scan: !scanned
        ? t("dossierActions.apology.scanNone")
        : scanned.scan.kind === "PHOTO"
          ? t("dossierActions.apology.scanPhoto")
          : t("dossierActions.apology.scanDocument", {
              size: `${formatNumber(start.locale, Math.ceil((scanned.scan.sizeBytes ?? 0) / 1024))} KB`,
            }),
    });
    const confirmed = await step(
      summary,
      confirmKeyboard(t),
      (answer): Reading<true> =>
        answer.kind === "confirm" ? { ok: true, value: true } : { ok: false, reason: "unknownForm" },
    );
    if (confirmed === CANCELLED) return void (await cancelled());

    await conversation.external(async (outer) => {
      const actor = actorOf(outer);
      if (!actor) return;
      const scan: ApologyScan | null = scanned && {
        ...scanned.scan,
        sha256: deps.download ? sha256Hex(await deps.download(outer, scanned.scan.telegramFileId)) : null,
      };
      const apology: ApologyInput = { ...letter, scan };
      const outcome = await recordApology(deps.app, {
        actor,
        dossierId: card.dossierId,
        timeZone: deps.timeZone,
        apology,
      });
      await finishForm(outer, deps, card, outcome, "apologyRecorded");
    });
  };
}
