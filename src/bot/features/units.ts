// /units for Center admins: list, search, hierarchy, add, rename, deactivate. Units come from
// data (imports, `npm run cli -- units import`), never from code.
import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { normalizeName } from "../../domain/names.js";
import { can } from "../../domain/policy.js";
import { guessUnitKind, UNIT_KINDS, type UnitKind } from "../../domain/unit-kind.js";
import type { MembershipsRepository } from "../../repositories/memberships.js";
import type { UnitDetail, UnitSummary, UnitsRepository } from "../../repositories/units.js";
import { memberListData } from "../callback-data/members.js";
import { unitActiveData, unitCardData, unitPageData, unitSettingsData } from "../callback-data/units.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { unitName } from "../helpers/display.js";
import { type MenuDeps, refreshMenuOf } from "../helpers/menus.js";
import { editCard, refuse } from "../helpers/replies.js";

const PAGE_SIZE = 10;
const SEARCH_LIMIT = 10;
const CHILDREN_SHOWN = 6;

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
  units: UnitsRepository;
  memberships: MembershipsRepository;
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
      const change = verb === "add" ? addUnit : renameUnit;
      return void (await change(ctx, deps, actor.personId, argument));
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
    await editCard(ctx, cardText(ctx, unit), cardKeyboard(ctx, unit));
  });

  feature.chatType("private").callbackQuery(unitActiveData.filter, async (ctx) => {
    const request = unitActiveData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    const unit = request ? await deps.units.findSummary(request.id) : null;
    if (!request || !unit || !actor || !can(actor, "unit.manage", { unitId: unit.id }))
      return void (await refuse(ctx, "units.notAllowed"));
    const written = await deps.units.setActive(unit.id, request.active === "1", actor.personId);
    const detail = await deps.units.findDetail(unit.id);
    await ctx.answerCallbackQuery({
      text: ctx.t(request.active === "1" ? "units.reactivated" : "units.deactivated"),
    });
    if (detail) await editCard(ctx, cardText(ctx, detail), cardKeyboard(ctx, detail));
    // Its people's menus gain or lose what the unit's memberships allow.
    if (written.kind === "done") await refreshMenusOfMembers(ctx, deps, unit.id);
  });

  return feature;
}

/** A few at a time: each is one Bot API call, and the admin's chat waits for them all. */
const MENUS_AT_ONCE = 4;

async function refreshMenusOfMembers(ctx: BotContext, deps: UnitsDeps, unitId: number): Promise<void> {
  const members = await deps.memberships.listMembers(unitId);
  for (let start = 0; start < members.length; start += MENUS_AT_ONCE) {
    await Promise.all(
      members
        .slice(start, start + MENUS_AT_ONCE)
        .map((member) => refreshMenuOf(ctx.api, deps, member.person.telegramUserId)),
    );
  }
}

async function addUnit(ctx: BotContext, deps: { units: UnitsRepository }, actorId: number, argument: string) {
  const parsed = addSchema.safeParse(splitFields(argument));
  if (!parsed.success)
    return void (await ctx.reply(ctx.t("units.addUsage", { kinds: UNIT_KINDS.join(", ") }), {
      parse_mode: "HTML",
    }));
  const [code, nameVi, kindInput, parentCode] = parsed.data;
  const parent = parentCode ? await deps.units.findByCode(parentCode) : null;
  if (parentCode && !parent)
    return void (await ctx.reply(ctx.t("units.unknownParent", { code: parentCode }), { parse_mode: "HTML" }));
  const kind: UnitKind = !kindInput || kindInput === "-" ? guessUnitKind(nameVi) : kindInput;
  const written = await deps.units.add({ code, nameVi, kind, parentId: parent?.id ?? null }, actorId);
  if (written.kind !== "done")
    return void (await ctx.reply(ctx.t("units.duplicate"), { parse_mode: "HTML" }));
  await replyWithCard(ctx, deps, written.unit.id, "units.added");
}

async function renameUnit(
  ctx: BotContext,
  deps: { units: UnitsRepository },
  actorId: number,
  argument: string,
) {
  const parsed = renameSchema.safeParse(splitFields(argument));
  if (!parsed.success) return void (await ctx.reply(ctx.t("units.renameUsage"), { parse_mode: "HTML" }));
  const [code, name] = parsed.data;
  const unit = await deps.units.findByCode(code);
  if (!unit) return void (await ctx.reply(ctx.t("units.unknownCode", { code }), { parse_mode: "HTML" }));
  const written = await deps.units.rename(unit.id, name, actorId);
  if (written.kind === "duplicate" || written.kind === "gone")
    return void (await ctx.reply(ctx.t("units.duplicate"), { parse_mode: "HTML" }));
  await replyWithCard(ctx, deps, unit.id, "units.renamed");
}

async function replyWithCard(ctx: BotContext, deps: { units: UnitsRepository }, unitId: number, key: string) {
  const detail = await deps.units.findDetail(unitId);
  if (!detail) return;
  await ctx.reply([ctx.t(key), "", cardText(ctx, detail)].join("\n"), {
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

async function pageMessage(ctx: BotContext, deps: { units: UnitsRepository }, page: number) {
  const total = await deps.units.count();
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const units = await deps.units.list(current * PAGE_SIZE, PAGE_SIZE);
  const text = [ctx.t("units.title", { count: total, page: current + 1, pages }), ctx.t("units.howTo")].join(
    "\n\n",
  );
  const keyboard = unitButtons(ctx, units);
  if (current > 0) keyboard.text("◀️", unitPageData.pack({ page: current - 1 }));
  if (current < pages - 1) keyboard.text("▶️", unitPageData.pack({ page: current + 1 }));
  return { text, keyboard };
}

function unitButtons(ctx: BotContext, units: readonly UnitSummary[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const unit of units) {
    const label = `${unit.active ? "" : "⛔ "}${unitName(unit, ctx.locale)}${unit.code ? ` (${unit.code})` : ""}`;
    keyboard.text(label, unitCardData.pack({ id: unit.id })).row();
  }
  return keyboard;
}

function cardText(ctx: BotContext, unit: UnitDetail): string {
  const children = unit.children.slice(0, CHILDREN_SHOWN).map((child) => unitName(child, ctx.locale));
  return [
    ctx.t("units.cardTitle", { unit: unitName(unit, ctx.locale) }),
    ctx.t("units.code", { code: unit.code ?? "—" }),
    ctx.t("units.kind", { kind: ctx.t(`units.kinds.${unit.kind}`) }),
    ctx.t(unit.active ? "units.active" : "units.inactive"),
    ctx.t("units.parent", { parent: unit.parent ? unitName(unit.parent, ctx.locale) : "—" }),
    ctx.t("units.children", { count: unit.children.length, names: children.join(", ") || "—" }),
    ctx.t("units.members", { count: unit.memberCount }),
    ctx.t("units.groups", { count: unit.groups.length }),
  ].join("\n");
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
