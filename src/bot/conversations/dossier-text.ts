// The one-answer forms of a dossier card: the detail of a cause (optional, required for
// "other"), what the applicant is awaited for, an admin's new return date; and the detail of
// one cause for many dossiers. Each answer is checked with zod and asked again with the
// reason; Cancel leaves; the use-case judges the rest and the card is edited in place.
import type { Context } from "grammy";
import { z } from "zod";
import { changeAppointment } from "../../app/dossiers/change-appointment.js";
import { giveCause } from "../../app/dossiers/give-cause.js";
import { type CauseTargets, giveCauseToMany } from "../../app/dossiers/give-cause-to-many.js";
import { startPause } from "../../app/dossiers/start-pause.js";
import { parseDayFirstDate } from "../../domain/apology.js";
import {
  awaitingSchema,
  causeDetailSchema,
  MAX_AWAITING,
  MAX_CAUSE_DETAIL,
} from "../../domain/dossier-answers.js";
import type { CauseCategory } from "../../domain/dossier-life.js";
import { compareIsoDates, type IsoDate } from "../../domain/working-days.js";
import { formatDate } from "../../i18n/format.js";
import type { TFunction } from "../../i18n/index.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { formKeyboard } from "../keyboards/dossier-actions.js";
import {
  type CardRef,
  type DossierFormDeps,
  type FormStart,
  finishForm,
  formStart,
} from "./dossier-form-deps.js";
import { ask, type FormConversation } from "./form-input.js";

export const DOSSIER_TEXT_FORM = "dossierText";

export type DossierTextRequest =
  | { purpose: "cause"; card: CardRef; category: CauseCategory }
  | { purpose: "pause"; card: CardRef }
  | { purpose: "date"; card: CardRef }
  | {
      purpose: "bulkCause";
      category: CauseCategory;
      targets: CauseTargets;
      target: string;
    };

/** The question, whether it may be skipped, and how its answer reads. */
interface TextQuestion {
  prompt: string;
  skip: boolean;
  schema: z.ZodType<string | null, string>;
}

const day = (locale: FormStart["locale"], date: IsoDate) =>
  formatDate(locale, new Date(`${date}T00:00:00Z`), "UTC");

function questionFor(request: DossierTextRequest, start: FormStart | null, t: TFunction): TextQuestion {
  const code = start?.code ?? "";
  switch (request.purpose) {
    case "cause":
    case "bulkCause": {
      const required = request.category === "OTHER";
      const cause = t(`overdue.causes.${request.category}`);
      const prompt =
        request.purpose === "cause"
          ? t(required ? "dossierActions.causeDetailRequired" : "dossierActions.causeDetail", {
              code,
              cause,
              max: MAX_CAUSE_DETAIL,
            })
          : t(required ? "dossierActions.select.detailRequired" : "dossierActions.select.detail", {
              target: request.target,
              cause,
            });
      const detail = causeDetailSchema.refine((text) => !required || text !== null, "detailRequired");
      return { prompt, skip: !required, schema: z.string().pipe(detail) as z.ZodType<string | null, string> };
    }
    case "pause":
      return {
        prompt: t("dossierActions.pausePrompt", { code, max: MAX_AWAITING }),
        skip: false,
        schema: z.string().trim().min(1, "awaitingRequired").pipe(awaitingSchema),
      };
    case "date": {
      const dueOn = start?.dueOn ?? "1970-01-01";
      return {
        prompt: t("dossierActions.datePrompt", {
          code,
          due: day(start?.locale ?? "vi", dueOn),
          current: start?.appointmentOn ? day(start.locale, start.appointmentOn) : "—",
        }),
        skip: false,
        schema: z.string().transform((text, ctx) => {
          const date = parseDayFirstDate(text);
          if (!date) ctx.addIssue({ code: "custom", message: "invalidDate" });
          else if (compareIsoDates(date, dueOn) <= 0)
            ctx.addIssue({ code: "custom", message: "appointmentNotAfterDue" });
          return date ?? z.NEVER;
        }),
      };
    }
  }
}

/** The reason a text was refused, in words: a form error or a use-case refusal. */
function reasonText(t: TFunction, key: string): string {
  return key === "invalidDate"
    ? t("dossierActions.apology.errors.invalidDate")
    : key === "too_big"
      ? t("dossierActions.refused.detailTooLong")
      : t(`dossierActions.refused.${key}`, { defaultValue: t("dossierActions.apology.errors.missing") });
}

export function dossierTextConversation(deps: DossierFormDeps) {
  return async function dossierText(
    conversation: FormConversation,
    ctx: Context,
    request: DossierTextRequest,
  ) {
    const found =
      request.purpose === "bulkCause"
        ? null
        : await conversation.external((outer) => formStart(outer, deps, request.card.dossierId));
    if (request.purpose !== "bulkCause" && !found) return;
    const locale = found?.locale ?? (await conversation.external((outer) => outer.locale));
    const t = deps.translator.forLocale(locale);
    const question = questionFor(request, found, t);
    let text = question.prompt;
    let value: string | null = null;
    for (;;) {
      const answer = await ask(conversation, ctx, text, formKeyboard(t, { skip: question.skip }));
      if (answer.kind === "cancel") return void (await ctx.reply(t("dossierActions.cancelled")));
      if (answer.kind === "skip" && question.skip) break;
      const parsed = question.schema.safeParse(answer.kind === "text" ? answer.text : "");
      if (parsed.success) {
        value = parsed.data;
        break;
      }
      const issue = parsed.error.issues[0];
      const key = issue?.code === "too_big" ? "too_big" : (issue?.message ?? "missing");
      text = `${t("dossierActions.apology.again", { reason: reasonText(t, key) })}\n${question.prompt}`;
    }
    await conversation.external((outer) => answer(outer, deps, request, value));
  };
}

/** Runs the use-case the form was for and says how it went. */
async function answer(
  ctx: BotContext,
  deps: DossierFormDeps,
  request: DossierTextRequest,
  value: string | null,
): Promise<void> {
  const actor = actorOf(ctx);
  if (!actor) return;
  const base = { actor, timeZone: deps.timeZone };
  switch (request.purpose) {
    case "cause": {
      const input = { ...base, dossierId: request.card.dossierId, category: request.category, detail: value };
      return finishForm(ctx, deps, request.card, await giveCause(deps.app, input), "causeGiven");
    }
    case "pause": {
      const input = { ...base, dossierId: request.card.dossierId, awaiting: value ?? "" };
      return finishForm(ctx, deps, request.card, await startPause(deps.app, input), "pauseStarted");
    }
    case "date": {
      const input = { ...base, dossierId: request.card.dossierId, newAppointmentOn: value ?? "" };
      return finishForm(ctx, deps, request.card, await changeAppointment(deps.app, input), "dateChanged");
    }
    case "bulkCause": {
      const outcome = await giveCauseToMany(deps.app, {
        ...base,
        category: request.category,
        detail: value,
        targets: request.targets,
      });
      const said =
        outcome.kind === "done"
          ? ctx.t("dossierActions.select.done", { given: outcome.given, unchanged: outcome.unchanged })
          : outcome.kind === "empty"
            ? ctx.t("dossierActions.select.empty")
            : outcome.kind === "forbidden"
              ? ctx.t("dossierActions.forbidden")
              : ctx.t(`dossierActions.refused.${outcome.reason}`);
      if (outcome.kind === "done") ctx.session.dossierMarks = undefined;
      await ctx.reply(said, { parse_mode: "HTML" });
      return;
    }
  }
}
