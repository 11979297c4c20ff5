// /settings: where a unit's pushes go (its group, its people privately, or both) and whether
// its group is internal (may see applicants' names). Heads set their own unit's; admins any.
import { Composer, InlineKeyboard } from "grammy";
import { type Actor, can, canOnAnyUnit } from "../../domain/policy.js";
import type { PushTarget } from "../../generated/prisma/client.js";
import type { UnitDetail, UnitsRepository } from "../../repositories/units.js";
import {
  unitCardData,
  unitInternalData,
  unitPushTargetData,
  unitSettingsData,
} from "../callback-data/units.js";
import type { BotContext } from "../context.js";
import { actorOf, ownUnitsInFocus } from "../helpers/actor.js";
import { unitName } from "../helpers/display.js";
import { editCard, refuse } from "../helpers/replies.js";

const PUSH_TARGETS: readonly PushTarget[] = ["GROUP", "PRIVATE", "BOTH"];

export function unitSettingsFeature(deps: { units: UnitsRepository }) {
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
    await ctx.reply(settingsText(ctx, unit), {
      parse_mode: "HTML",
      reply_markup: settingsKeyboard(ctx, actor, unit),
    });
  });

  feature.chatType("private").callbackQuery(unitSettingsData.filter, async (ctx) => {
    const unit = await configurableUnit(ctx, deps, unitSettingsData.unpack(ctx.callbackQuery.data)?.id);
    if (!unit) return;
    await ctx.answerCallbackQuery();
    await editCard(ctx, settingsText(ctx, unit), settingsKeyboard(ctx, actorOf(ctx), unit));
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

async function configurableUnit(
  ctx: BotContext,
  deps: { units: UnitsRepository },
  unitId: number | undefined,
) {
  const unit = unitId ? await deps.units.findDetail(unitId) : null;
  if (!unit || !can(actorOf(ctx), "unit.configure", { unitId: unit.id })) {
    await refuse(ctx, "settings.notAllowed");
    return null;
  }
  return unit;
}

async function applySetting(
  ctx: BotContext,
  deps: { units: UnitsRepository },
  unitId: number | undefined,
  setting: { pushTarget?: PushTarget; groupIsInternal?: boolean } | null,
) {
  const unit = await configurableUnit(ctx, deps, unitId);
  const actor = actorOf(ctx);
  if (!unit || !setting || !actor) return;
  await deps.units.configure(unit.id, setting, actor.personId);
  const updated = await deps.units.findDetail(unit.id);
  await ctx.answerCallbackQuery({ text: ctx.t("settings.saved") });
  if (updated) await editCard(ctx, settingsText(ctx, updated), settingsKeyboard(ctx, actor, updated));
}

export function settingsText(ctx: BotContext, unit: UnitDetail): string {
  const groups = unit.groups.map((group) => group.title ?? String(group.chatId)).join(", ");
  return [
    ctx.t("settings.title", { unit: unitName(unit, ctx.locale) }),
    ctx.t("settings.pushTarget", { target: ctx.t(`settings.target.${unit.pushTarget}`) }),
    ctx.t(unit.groupIsInternal ? "settings.internalOn" : "settings.internalOff"),
    groups ? ctx.t("settings.groups", { groups }) : ctx.t("settings.noGroup"),
  ].join("\n");
}

export function settingsKeyboard(ctx: BotContext, actor: Actor | null, unit: UnitDetail): InlineKeyboard {
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
