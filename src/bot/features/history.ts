// /history <dossier code>: a dossier's listings (which months it was overdue in, as of when)
// and its recorded events, for those who may see the dossier, in a chat that may see it.
import { Composer } from "grammy";
import { type Audience, applicantShown, audienceMaySee, maskName } from "../../domain/disclosure.js";
import { can } from "../../domain/policy.js";
import { formatDate, formatDateTime, formatMonth } from "../../i18n/format.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { DossierHistory, DossiersRepository } from "../../repositories/dossiers.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { personName, unitName } from "../helpers/display.js";

export interface HistoryDeps {
  dossiers: DossiersRepository;
  chatBindings: ChatBindingsRepository;
  timeZone: string;
}

const DOSSIER_CODE = /^[\p{L}\p{N}._/-]{3,64}$/u;

export function historyFeature(deps: HistoryDeps) {
  const feature = new Composer<BotContext>();

  feature.command("history", async (ctx) => {
    const code = ctx.match.trim();
    if (!DOSSIER_CODE.test(code))
      return void (await ctx.reply(ctx.t("history.usage"), { parse_mode: "HTML" }));
    const audience = await audienceOf(ctx, deps);
    const dossier = await deps.dossiers.history(code);
    const actor = actorOf(ctx);
    // One answer for "no such dossier" and "not yours": existence is not disclosed either.
    const visible =
      dossier !== null &&
      can(actor, "dossier.view", { unitId: dossier.unit.id }) &&
      audienceMaySee(audience, dossier.unit.id);
    if (!dossier || !visible)
      return void (await ctx.reply(ctx.t("history.notFound", { code }), { parse_mode: "HTML" }));
    const unitId = dossier.unit.id;
    const showApplicant = applicantShown(audience, can(actor, "dossier.viewApplicant", { unitId }));
    await ctx.reply(historyText(ctx, deps.timeZone, dossier, showApplicant), { parse_mode: "HTML" });
  });

  return feature;
}

async function audienceOf(ctx: BotContext, deps: HistoryDeps): Promise<Audience> {
  if (ctx.chat?.type === "private") return { kind: "private" };
  const binding = ctx.chat ? await deps.chatBindings.findActive(ctx.chat.id) : null;
  return {
    kind: "group",
    boundUnitId: binding?.unit.id ?? null,
    internal: binding?.unit.groupIsInternal ?? false,
  };
}

function historyText(
  ctx: BotContext,
  timeZone: string,
  dossier: DossierHistory,
  showApplicant: boolean,
): string {
  const applicant = dossier.applicantName
    ? showApplicant
      ? dossier.applicantName
      : maskName(dossier.applicantName)
    : "—";
  const lines = [
    ctx.t("history.title", { code: dossier.code }),
    ctx.t("history.procedure", { procedure: dossier.procedureName }),
    ctx.t("history.unit", { unit: unitName(dossier.unit, ctx.locale) }),
    ctx.t("history.applicant", { applicant }),
    ctx.t("history.dates", {
      received: formatDate(ctx.locale, dossier.receivedAt, timeZone),
      due: formatDate(ctx.locale, dossier.dueAt, timeZone),
    }),
    ctx.t("history.state", { state: ctx.t(`history.states.${dossier.state}`) }),
    "",
    ctx.t("history.listingsTitle"),
    ...dossier.listings.map((listing) =>
      ctx.t("history.listing", {
        month: formatMonth(ctx.locale, listing.year, listing.month),
        asOf: formatDateTime(ctx.locale, listing.asOf, timeZone),
        days: listing.daysOverdue ?? "—",
      }),
    ),
    "",
    ctx.t("history.eventsTitle"),
  ];
  if (dossier.events.length === 0) lines.push(ctx.t("history.noEvents"));
  for (const event of dossier.events) {
    lines.push(
      ctx.t("history.event", {
        at: formatDateTime(ctx.locale, event.at, timeZone),
        who: event.actor ? personName(event.actor) : (event.actorLabel ?? "—"),
        what: ctx.t(`history.actions.${event.action}`, { defaultValue: event.action }),
      }),
    );
  }
  return withinMessageLimit(lines, ctx.t("history.truncated"));
}

/** Telegram refuses messages over 4096 characters: drop the oldest lines shown last, and say so. */
function withinMessageLimit(lines: string[], ellipsis: string, limit = 4000): string {
  const kept = [...lines];
  while (kept.length > 1 && kept.join("\n").length + ellipsis.length + 1 > limit) kept.pop();
  return kept.length === lines.length ? kept.join("\n") : [...kept, ellipsis].join("\n");
}
