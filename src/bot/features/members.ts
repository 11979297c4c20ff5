// /members: a unit head sees and manages the civil servants of their unit; a Center admin,
// anyone's. Every button re-reads the membership and the presser's rights from the database.
import { Composer, InlineKeyboard } from "grammy";
import type { AppContext } from "../../app/context.js";
import { changeMemberRole } from "../../app/members/change-member-role.js";
import { endMembership } from "../../app/members/end-membership.js";
import { type Actor, can, canOnAnyUnit } from "../../domain/policy.js";
import { isUnitRole, type Role } from "../../domain/roles.js";
import { memberCardText, memberListText, memberPage, memberRemoveQuestion } from "../../render/members.js";
import type { MembershipsRepository, MemberView } from "../../repositories/memberships.js";
import type { UnitsRepository } from "../../repositories/units.js";
import {
  memberCardData,
  memberListData,
  memberRemoveAskData,
  memberRemoveData,
  memberRoleData,
} from "../callback-data/members.js";
import type { BotContext } from "../context.js";
import { actorOf, ownUnitsInFocus } from "../helpers/actor.js";
import { personName, unitName } from "../helpers/display.js";
import { type MenuDeps, refreshMenuOf } from "../helpers/menus.js";
import { editCard, refuse } from "../helpers/replies.js";

const SEARCH_LIMIT = 8;

export interface MembersDeps extends MenuDeps {
  app: AppContext;
  memberships: MembershipsRepository;
  units: UnitsRepository;
  timeZone: string;
}

export function membersFeature(deps: MembersDeps) {
  const feature = new Composer<BotContext>();

  feature.chatType("private").command("members", async (ctx) => {
    const actor = actorOf(ctx);
    const query = ctx.match.trim();
    if (canOnAnyUnit(actor, "member.list") && query) {
      const units = await deps.units.search(query, SEARCH_LIMIT);
      if (units.length === 0) return void (await ctx.reply(ctx.t("members.noUnit"), { parse_mode: "HTML" }));
      if (units.length > 1) {
        const keyboard = new InlineKeyboard();
        for (const unit of units)
          keyboard.text(unitName(unit, ctx.locale), memberListData.pack({ unit: unit.id, page: 0 })).row();
        return void (await ctx.reply(ctx.t("members.pickUnit"), { reply_markup: keyboard }));
      }
    }
    const unitId = await defaultUnit(ctx, actor, deps, query);
    if (unitId === undefined) return void (await refuse(ctx, "members.notAllowed"));
    const list = await listMessage(ctx, deps, actor, unitId, 0);
    await ctx.reply(list.text, { parse_mode: "HTML", reply_markup: list.keyboard });
  });

  feature.chatType("private").callbackQuery(memberListData.filter, async (ctx) => {
    const request = memberListData.unpack(ctx.callbackQuery.data);
    // The unit is read from the database: an unknown id is refused, not listed as empty.
    const unit = request && request.unit > 0 ? await deps.units.findSummary(request.unit) : null;
    const unitId = unit?.id ?? null;
    const actor = actorOf(ctx);
    if (!request || (request.unit > 0 && !unit) || !can(actor, "member.list", { unitId }))
      return void (await refuse(ctx, "members.notAllowed"));
    const list = await listMessage(ctx, deps, actor, unitId, request.page);
    await ctx.answerCallbackQuery();
    await editCard(ctx, list.text, list.keyboard);
  });

  feature.chatType("private").callbackQuery(memberCardData.filter, async (ctx) => {
    const member = await memberFromButton(ctx, deps, memberCardData.unpack(ctx.callbackQuery.data)?.id);
    if (!member) return;
    await ctx.answerCallbackQuery();
    await editCard(ctx, cardText(ctx, deps, member), cardKeyboard(ctx, actorOf(ctx), member));
  });

  feature.chatType("private").callbackQuery(memberRoleData.filter, async (ctx) => {
    const request = memberRoleData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const actor = actorOf(ctx);
    const change = await changeMemberRole(deps.app, { actor, membershipId: request.id, role: request.role });
    if (change.kind !== "done") return void (await refuse(ctx, REFUSALS[change.kind]));
    await refreshMenuOf(ctx.api, deps, change.member.person.telegramUserId);
    await ctx.answerCallbackQuery({ text: ctx.t("members.roleChanged") });
    await editCard(ctx, cardText(ctx, deps, change.member), cardKeyboard(ctx, actor, change.member));
  });

  feature.chatType("private").callbackQuery(memberRemoveAskData.filter, async (ctx) => {
    const member = await memberFromButton(ctx, deps, memberRemoveAskData.unpack(ctx.callbackQuery.data)?.id);
    if (!member) return;
    await ctx.answerCallbackQuery();
    await editCard(
      ctx,
      memberRemoveQuestion(ctx.t, member),
      new InlineKeyboard()
        .text(ctx.t("members.removeYes"), memberRemoveData.pack({ id: member.membershipId }))
        .text(ctx.t("members.back"), memberCardData.pack({ id: member.membershipId })),
    );
  });

  feature.chatType("private").callbackQuery(memberRemoveData.filter, async (ctx) => {
    const request = memberRemoveData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "errors.staleButton"));
    const actor = actorOf(ctx);
    const ended = await endMembership(deps.app, { actor, membershipId: request.id, how: "removed" });
    if (ended.kind !== "done") return void (await refuse(ctx, REFUSALS[ended.kind]));
    await refreshMenuOf(ctx.api, deps, ended.member.person.telegramUserId);
    await ctx.answerCallbackQuery({ text: ctx.t("members.removed") });
    const list = await listMessage(ctx, deps, actor, ended.member.unitId, 0);
    await editCard(ctx, list.text, list.keyboard);
  });

  return feature;
}

/** What a presser is told when a change to a member was refused. */
const REFUSALS = {
  gone: "members.gone",
  yourself: "members.notYourself",
  forbidden: "members.notAllowed",
} as const;

/** The unit /members opens on: the admin's search hit or the city, else the head's active unit. */
async function defaultUnit(
  ctx: BotContext,
  actor: Actor | null,
  deps: MembersDeps,
  query: string,
): Promise<number | null | undefined> {
  if (canOnAnyUnit(actor, "member.list")) {
    if (!query) return null;
    const [unit] = await deps.units.search(query, 1);
    return unit?.id ?? null;
  }
  return ownUnitsInFocus(ctx, "member.list")[0];
}

/**
 * The member behind a button, when it is still active and the presser may manage it (with the
 * given new roles); otherwise the presser is told and null returned.
 */
async function memberFromButton(
  ctx: BotContext,
  deps: MembersDeps,
  membershipId: number | undefined,
  newRoles: readonly Role[] = [],
): Promise<MemberView | null> {
  const member = membershipId ? await deps.memberships.findActive(membershipId) : null;
  const actor = actorOf(ctx);
  if (!member) {
    await refuse(ctx, membershipId ? "members.gone" : "errors.staleButton");
    return null;
  }
  if (member.person.id === actor?.personId) {
    await refuse(ctx, "members.notYourself");
    return null;
  }
  if (!can(actor, "member.manage", { unitId: member.unitId, roles: [member.role, ...newRoles] })) {
    await refuse(ctx, "members.notAllowed");
    return null;
  }
  return member;
}

async function listMessage(
  ctx: BotContext,
  deps: MembersDeps,
  actor: Actor | null,
  unitId: number | null,
  page: number,
) {
  const unit = unitId === null ? null : await deps.units.findSummary(unitId);
  const members = await deps.memberships.listMembers(unitId);
  const { shown, page: current, pages } = memberPage(members, page);
  const text = memberListText(ctx.t, ctx.locale, deps.timeZone, {
    unit,
    total: members.length,
    shown,
    unitHint: canOnAnyUnit(actor, "member.list") && unitId === null,
  });
  const keyboard = new InlineKeyboard();
  for (const member of shown) {
    if (member.person.id === actor?.personId) continue;
    if (!can(actor, "member.manage", { unitId, roles: [member.role] })) continue;
    keyboard.text(`👤 ${personName(member.person)}`, memberCardData.pack({ id: member.membershipId })).row();
  }
  if (current > 0) keyboard.text("◀️", memberListData.pack({ unit: unitId ?? 0, page: current - 1 }));
  if (current < pages - 1) keyboard.text("▶️", memberListData.pack({ unit: unitId ?? 0, page: current + 1 }));
  return { text, keyboard };
}

function cardText(ctx: BotContext, deps: MembersDeps, member: MemberView): string {
  return memberCardText(ctx.t, ctx.locale, deps.timeZone, member);
}

function cardKeyboard(ctx: BotContext, actor: Actor | null, member: MemberView): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  const other: Role = member.role === "UNIT_HEAD" ? "OFFICER" : "UNIT_HEAD";
  if (
    member.unitId !== null &&
    isUnitRole(member.role) &&
    can(actor, "member.manage", { unitId: member.unitId, roles: [member.role, other] })
  )
    keyboard
      .text(
        ctx.t("members.makeRole", { role: ctx.t(`roles.${other}`) }),
        memberRoleData.pack({ id: member.membershipId, role: other }),
      )
      .row();
  keyboard.text(ctx.t("members.remove"), memberRemoveAskData.pack({ id: member.membershipId })).row();
  keyboard.text(ctx.t("members.back"), memberListData.pack({ unit: member.unitId ?? 0, page: 0 }));
  return keyboard;
}
