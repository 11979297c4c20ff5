// /settings: where a unit's pushes go (its group, its people privately, or both) and whether
// its group is internal (may see applicants' names). Heads set their own unit's; admins any.
import { Composer, InlineKeyboard } from "grammy";
import type { AppContext } from "../../app/context.js";
import { updateUnitSettings } from "../../app/units/update-unit-settings.js";
import { type Actor, can, canOnAnyUnit } from "../../domain/policy.js";
import type { PushTarget } from "../../generated/prisma/client.js";
import { unitSettingsText } from "../../render/units.js";
import type { UnitDetail, UnitsRepository } from "../../repositories/units.js";
import {
  unitCardData,
  unitInternalData,
  unitPushTargetData,
  unitSettingsData,
} from "../callback-data/units.js";
import type { BotContext } from "../context.js";
import { actorOf, ownUnitsInFocus } from "../helpers/actor.js";
import { editCard, refuse } from "../helpers/replies.js";

const PUSH_TARGETS: readonly PushTarget[] = ["GROUP", "PRIVATE", "BOTH"];

export interface UnitSettingsDeps {
  app: AppContext;
  units: UnitsRepository;
  timeZone: string;
}

export function unitSettingsFeature(deps: UnitSettingsDeps) {
  const feature = new Composer<BotContext>();

  feature.chatType("private").command("settings", async (ctx) => {
    const actor = actorOf(ctx);
    const query = ctx.match.trim();
    const unitId =
      canOnAnyUnit(actor, "unit.configure") && query
        ? (await deps.units.search(query, 1))[0]?.id
        : ownUnitsInFocus(ctx, "unit.configure")[0];
    const unit = unitId ? await deps.units.findDetail(unitId) : null;
    if (!unit || !can(actor, "unit.configure", { unitId: unit.id }))
      return void (await refuse(
        ctx,
        canOnAnyUnit(actor, "unit.configure") ? "settings.adminNeedsUnit" : "settings.notAllowed",
      ));
    await ctx.reply(settingsText(ctx, deps, unit), {
      parse_mode: "HTML",
      reply_markup: settingsKeyboard(ctx, actor, unit),
    });
  });

  feature.chatType("private").callbackQuery(unitSettingsData.filter, async (ctx) => {
    const unit = await configurableUnit(ctx, deps, unitSettingsData.unpack(ctx.callbackQuery.data)?.id);
    if (!unit) return;
    await ctx.answerCallbackQuery();
    await editCard(ctx, settingsText(ctx, deps, unit), settingsKeyboard(ctx, actorOf(ctx), unit));
  });

  feature.chatType("private").callbackQuery(unitPushTargetData.filter, async (ctx) => {
    const request = unitPushTargetData.unpack(ctx.callbackQuery.data);
    await applySetting(ctx, deps, request?.id, request ? { pushTarget: request.target } : null);
  });

  feature.chatType("private").callbackQuery(unitInternalData.filter, async (ctx) => {
    const request = unitInternalData.unpack(ctx.callbackQuery.data);
    await applySetting(
      ctx,
      deps,
      request?.id,
      request ? { groupIsInternal: request.internal === "1" } : null,
    );
  });

  return feature;
}

async function configurableUnit(ctx: BotContext, deps: UnitSettingsDeps, unitId: number | undefined) {
  const unit = unitId ? await deps.units.findDetail(unitId) : null;
  if (!unit || !can(actorOf(ctx), "unit.configure", { unitId: unit.id })) {
    await refuse(ctx, "settings.notAllowed");
    return null;
  }
  return unit;
}

async function applySetting(
  ctx: BotContext,
  deps: UnitSettingsDeps,
  unitId: number | undefined,
  settings: { pushTarget?: PushTarget; groupIsInternal?: boolean } | null,
) {
  const actor = actorOf(ctx);
  if (!unitId || !settings || !actor) return void (await refuse(ctx, "settings.notAllowed"));
  const outcome = await updateUnitSettings(deps.app, { actor, unitId, settings });
  if (outcome.kind === "forbidden" || outcome.kind === "gone")
    return void (await refuse(ctx, "settings.notAllowed"));
  const updated = await deps.units.findDetail(unitId);
  await ctx.answerCallbackQuery({ text: ctx.t("settings.saved") });
  if (updated) await editCard(ctx, settingsText(ctx, deps, updated), settingsKeyboard(ctx, actor, updated));
}

function settingsText(ctx: BotContext, deps: { timeZone: string }, unit: UnitDetail): string {
  return unitSettingsText(ctx.t, ctx.locale, deps.timeZone, unit);
}

function settingsKeyboard(ctx: BotContext, actor: Actor | null, unit: UnitDetail): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const target of PUSH_TARGETS) {
    const mark = unit.pushTarget === target ? "✅ " : "";
    keyboard.text(
      mark + ctx.t(`settings.target.${target}`),
      unitPushTargetData.pack({ id: unit.id, target }),
    );
  }
  keyboard.row();
  keyboard.text(
    ctx.t(unit.groupIsInternal ? "settings.makeMasked" : "settings.makeInternal"),
    unitInternalData.pack({ id: unit.id, internal: unit.groupIsInternal ? "0" : "1" }),
  );
  if (can(actor, "unit.manage", { unitId: unit.id }))
    keyboard.row().text(ctx.t("units.backToCard"), unitCardData.pack({ id: unit.id }));
  return keyboard;
}
