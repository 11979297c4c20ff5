// /units for Center admins: list, search, hierarchy, add, rename, deactivate. Units come from
// data (imports, `npm run cli -- units import`), never from code.
import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { AppContext } from "../../app/context.js";
import { addUnit } from "../../app/units/add-unit.js";
import { renameUnit } from "../../app/units/rename-unit.js";
import { setUnitActive } from "../../app/units/set-unit-active.js";
import { normalizeName } from "../../domain/names.js";
import { type Actor, can } from "../../domain/policy.js";
import { UNIT_KINDS } from "../../domain/unit-kind.js";
import { unitName } from "../../render/names.js";
import {
  CHILDREN_SHOWN,
  unitButtonLabel,
  unitCardText,
  unitChangedText,
  unitListText,
} from "../../render/units.js";
import type { UnitDetail, UnitSummary, UnitsRepository } from "../../repositories/units.js";
import { memberListData } from "../callback-data/members.js";
import { unitActiveData, unitCardData, unitPageData, unitSettingsData } from "../callback-data/units.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { type MenuDeps, refreshMenuOf } from "../helpers/menus.js";
import { editCard, refuse } from "../helpers/replies.js";

const PAGE_SIZE = 10;
const SEARCH_LIMIT = 10;

const field = z.string().trim();
/** A name must keep letters or digits once accents and punctuation go: that is how units are found. */
const unitNameField = field
  .min(2)
  .max(200)
  .refine((name) => normalizeName(name).length >= 2);
const addSchema = z.tuple([
  field.regex(/^[A-Za-z0-9._-]{1,40}$/),
  unitNameField,
  field
    .transform((kind) => kind.toUpperCase())
    .pipe(z.enum([...UNIT_KINDS, "-"]))
    .optional(),
  field.max(40).optional(),
]);
const renameSchema = z.tuple([field.min(1).max(40), unitNameField]);

export interface UnitsDeps extends MenuDeps {
  app: AppContext;
  units: UnitsRepository;
  timeZone: string;
}

export function unitsFeature(deps: UnitsDeps) {
  const feature = new Composer<BotContext>();

  feature.chatType("private").command("units", async (ctx) => {
    const actor = actorOf(ctx);
    if (!actor || !can(actor, "unit.list")) return void (await refuse(ctx, "units.notAllowed"));
    const mayManage = can(actor, "unit.manage", { unitId: null });
    const text = ctx.match.trim();
    const verb = text.split(/\s+/)[0] ?? "";
    const argument = text.slice(verb.length).trim();
    if (verb === "add" || verb === "rename") {
      if (!mayManage) return void (await refuse(ctx, "units.notAllowed"));
      const change = verb === "add" ? addCommand : renameCommand;
      return void (await change(ctx, deps, actor, argument));
    }
    if (text) return void (await searchUnits(ctx, deps, text));
    const page = await pageMessage(ctx, deps, 0);
    await ctx.reply(page.text, { parse_mode: "HTML", reply_markup: page.keyboard });
  });

  feature.chatType("private").callbackQuery(unitPageData.filter, async (ctx) => {
    const request = unitPageData.unpack(ctx.callbackQuery.data);
    if (!request || !can(actorOf(ctx), "unit.list")) return void (await refuse(ctx, "units.notAllowed"));
    const page = await pageMessage(ctx, deps, request.page);
    await ctx.answerCallbackQuery();
    await editCard(ctx, page.text, page.keyboard);
  });

  feature.chatType("private").callbackQuery(unitCardData.filter, async (ctx) => {
    const request = unitCardData.unpack(ctx.callbackQuery.data);
    const unit = request ? await deps.units.findDetail(request.id) : null;
    if (!unit || !can(actorOf(ctx), "unit.manage", { unitId: unit.id }))
      return void (await refuse(ctx, "units.notAllowed"));
    await ctx.answerCallbackQuery();
    await editCard(ctx, cardText(ctx, deps, unit), cardKeyboard(ctx, unit));
  });

  feature.chatType("private").callbackQuery(unitActiveData.filter, async (ctx) => {
    const request = unitActiveData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!request || !actor) return void (await refuse(ctx, "units.notAllowed"));
    const outcome = await setUnitActive(deps.app, {
      actor,
      unitId: request.id,
      active: request.active === "1",
    });
    if (outcome.kind === "forbidden" || outcome.kind === "gone")
      return void (await refuse(ctx, "units.notAllowed"));
    const detail = await deps.units.findDetail(request.id);
    await ctx.answerCallbackQuery({
      text: ctx.t(request.active === "1" ? "units.reactivated" : "units.deactivated"),
    });
    if (detail) await editCard(ctx, cardText(ctx, deps, detail), cardKeyboard(ctx, detail));
    // Its people's menus gain or lose what the unit's memberships allow.
    if (outcome.kind === "done") await refreshMenus(ctx, deps, outcome.menusToRefresh);
  });

  return feature;
}

/** A few at a time: each is one Bot API call, and the admin's chat waits for them all. */
const MENUS_AT_ONCE = 4;

async function refreshMenus(ctx: BotContext, deps: UnitsDeps, telegramUserIds: readonly number[]) {
  for (let start = 0; start < telegramUserIds.length; start += MENUS_AT_ONCE) {
    await Promise.all(
      telegramUserIds
        .slice(start, start + MENUS_AT_ONCE)
        .map((telegramUserId) => refreshMenuOf(ctx.api, deps, telegramUserId)),
    );
  }
}

async function addCommand(ctx: BotContext, deps: UnitsDeps, actor: Actor, argument: string) {
  const parsed = addSchema.safeParse(splitFields(argument));
  if (!parsed.success)
    return void (await ctx.reply(ctx.t("units.addUsage", { kinds: UNIT_KINDS.join(", ") }), {
      parse_mode: "HTML",
    }));
  const [code, nameVi, kind, parentCode] = parsed.data;
  const outcome = await addUnit(deps.app, {
    actor,
    code,
    nameVi,
    kind: !kind || kind === "-" ? null : kind,
    parentCode: parentCode ?? null,
  });
  if (outcome.kind === "forbidden") return void (await refuse(ctx, "units.notAllowed"));
  if (outcome.kind === "unknownParent")
    return void (await ctx.reply(ctx.t("units.unknownParent", { code: outcome.code }), {
      parse_mode: "HTML",
    }));
  if (outcome.kind === "duplicate")
    return void (await ctx.reply(ctx.t("units.duplicate"), { parse_mode: "HTML" }));
  await replyWithCard(ctx, deps, outcome.unit.id, "units.added");
}

async function renameCommand(ctx: BotContext, deps: UnitsDeps, actor: Actor, argument: string) {
  const parsed = renameSchema.safeParse(splitFields(argument));
  if (!parsed.success) return void (await ctx.reply(ctx.t("units.renameUsage"), { parse_mode: "HTML" }));
  const [code, nameVi] = parsed.data;
  const outcome = await renameUnit(deps.app, { actor, code, nameVi });
  if (outcome.kind === "forbidden") return void (await refuse(ctx, "units.notAllowed"));
  if (outcome.kind === "unknownCode")
    return void (await ctx.reply(ctx.t("units.unknownCode", { code }), { parse_mode: "HTML" }));
  if (outcome.kind === "duplicate" || outcome.kind === "gone")
    return void (await ctx.reply(ctx.t("units.duplicate"), { parse_mode: "HTML" }));
  await replyWithCard(ctx, deps, outcome.unit.id, "units.renamed");
}

async function replyWithCard(
  ctx: BotContext,
  deps: UnitsDeps,
  unitId: number,
  key: "units.added" | "units.renamed",
) {
  const detail = await deps.units.findDetail(unitId);
  if (!detail) return;
  await ctx.reply(unitChangedText(ctx.t, ctx.locale, deps.timeZone, { key, unit: detail }), {
    parse_mode: "HTML",
    reply_markup: cardKeyboard(ctx, detail),
  });
}

async function searchUnits(ctx: BotContext, deps: { units: UnitsRepository }, query: string) {
  const units = await deps.units.search(query, SEARCH_LIMIT);
  if (units.length === 0) return void (await ctx.reply(ctx.t("units.noMatch"), { parse_mode: "HTML" }));
  await ctx.reply(ctx.t("units.searchTitle", { count: units.length }), {
    parse_mode: "HTML",
    reply_markup: unitButtons(ctx, units),
  });
}

/** "A | B | | D" -> ["A", "B", undefined, "D"]: a field left empty is a field left out. */
function splitFields(argument: string): Array<string | undefined> {
  return argument.split("|").map((part) => part.trim() || undefined);
}

async function pageMessage(ctx: BotContext, deps: UnitsDeps, page: number) {
  const total = await deps.units.count();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const units = await deps.units.list(current * PAGE_SIZE, PAGE_SIZE);
  const text = unitListText(ctx.t, ctx.locale, deps.timeZone, { total, page: current, pages });
  const keyboard = unitButtons(ctx, units);
  if (current > 0) keyboard.text("◀️", unitPageData.pack({ page: current - 1 }));
  if (current < pages - 1) keyboard.text("▶️", unitPageData.pack({ page: current + 1 }));
  return { text, keyboard };
}

function unitButtons(ctx: BotContext, units: readonly UnitSummary[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const unit of units) {
    keyboard.text(unitButtonLabel(ctx.locale, unit), unitCardData.pack({ id: unit.id })).row();
  }
  return keyboard;
}

function cardText(ctx: BotContext, deps: { timeZone: string }, unit: UnitDetail): string {
  return unitCardText(ctx.t, ctx.locale, deps.timeZone, unit);
}

function cardKeyboard(ctx: BotContext, unit: UnitDetail): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("units.membersButton"), memberListData.pack({ unit: unit.id, page: 0 }))
    .text(ctx.t("units.settingsButton"), unitSettingsData.pack({ id: unit.id }))
    .row()
    .text(
      ctx.t(unit.active ? "units.deactivate" : "units.reactivate"),
      unitActiveData.pack({ id: unit.id, active: unit.active ? "0" : "1" }),
    )
    .row();
  if (unit.parent)
    keyboard.text(`⬆️ ${unitName(unit.parent, ctx.locale)}`, unitCardData.pack({ id: unit.parent.id })).row();
  for (const child of unit.children.slice(0, CHILDREN_SHOWN))
    keyboard.text(`↳ ${unitName(child, ctx.locale)}`, unitCardData.pack({ id: child.id })).row();
  keyboard.text(ctx.t("units.backToList"), unitPageData.pack({ page: 0 }));
  return keyboard;
}
