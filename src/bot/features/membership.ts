// A person's own memberships: /switch picks the one they act as (remembered), /leave ends one.
import { Composer, InlineKeyboard } from "grammy";
import type { AppContext } from "../../app/context.js";
import { endMembership } from "../../app/members/end-membership.js";
import { switchMembership } from "../../app/members/switch-membership.js";
import { membershipLabel } from "../../render/memberships.js";
import type { MembershipView } from "../../repositories/people.js";
import {
  activateMembershipData,
  leaveAskData,
  leaveCancelData,
  leaveData,
} from "../callback-data/members.js";
import type { BotContext } from "../context.js";
import { activeMembership, actorOf } from "../helpers/actor.js";
import { type MenuDeps, refreshMenuOf } from "../helpers/menus.js";
import { editCard, refuse } from "../helpers/replies.js";

export interface MembershipDeps extends MenuDeps {
  app: AppContext;
}

export function membershipFeature(deps: MembershipDeps) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.command("switch", async (ctx) => {
    const memberships = ctx.person?.memberships ?? [];
    if (memberships.length === 0) return void (await refuse(ctx, "auth.notMember"));
    const active = activeMembership(ctx.person);
    const keyboard = new InlineKeyboard();
    for (const membership of memberships) {
      const mark = membership.id === active?.id ? "✅ " : "";
      keyboard
        .text(mark + describe(ctx, membership), activateMembershipData.pack({ id: membership.id }))
        .row();
    }
    const key = memberships.length === 1 ? "membership.onlyOne" : "membership.choose";
    await ctx.reply(ctx.t(key, { current: active ? describe(ctx, active) : "" }), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  });

  feature.chatType("private").callbackQuery(activateMembershipData.filter, async (ctx) => {
    const choice = activateMembershipData.unpack(ctx.callbackQuery.data);
    const membership = ownMembership(ctx, choice?.id);
    if (!membership || !ctx.person) return void (await refuse(ctx, "membership.notYours"));
    const switched = await switchMembership(deps.app, {
      personId: ctx.person.id,
      membershipId: membership.id,
    });
    if (switched.kind === "gone") return void (await refuse(ctx, "membership.notYours"));
    await ctx.answerCallbackQuery();
    await editCard(ctx, ctx.t("membership.switched", { current: describe(ctx, membership) }));
  });

  privateChats.command("leave", async (ctx) => {
    const memberships = ctx.person?.memberships ?? [];
    if (memberships.length === 0) return void (await refuse(ctx, "auth.notMember"));
    const keyboard = new InlineKeyboard();
    for (const membership of memberships)
      keyboard.text(describe(ctx, membership), leaveAskData.pack({ id: membership.id })).row();
    keyboard.text(ctx.t("membership.cancel"), leaveCancelData.pack({}));
    await ctx.reply(ctx.t("membership.leaveChoose"), { parse_mode: "HTML", reply_markup: keyboard });
  });

  feature.chatType("private").callbackQuery(leaveAskData.filter, async (ctx) => {
    const membership = ownMembership(ctx, leaveAskData.unpack(ctx.callbackQuery.data)?.id);
    if (!membership) return void (await refuse(ctx, "membership.notYours"));
    await ctx.answerCallbackQuery();
    await editCard(
      ctx,
      ctx.t("membership.leaveConfirm", { membership: describe(ctx, membership) }),
      new InlineKeyboard()
        .text(ctx.t("membership.leaveYes"), leaveData.pack({ id: membership.id }))
        .text(ctx.t("membership.cancel"), leaveCancelData.pack({})),
    );
  });

  feature.chatType("private").callbackQuery(leaveData.filter, async (ctx) => {
    const membership = ownMembership(ctx, leaveData.unpack(ctx.callbackQuery.data)?.id);
    if (!membership || !ctx.person) return void (await refuse(ctx, "membership.notYours"));
    const ended = await endMembership(deps.app, {
      actor: actorOf(ctx),
      membershipId: membership.id,
      how: "left",
    });
    if (ended.kind !== "done")
      return void (await refuse(ctx, ended.kind === "gone" ? "members.gone" : "membership.notYours"));
    await refreshMenuOf(ctx.api, deps, ctx.from.id);
    await ctx.answerCallbackQuery();
    await editCard(ctx, ctx.t("membership.left", { membership: describe(ctx, membership) }));
  });

  feature.chatType("private").callbackQuery(leaveCancelData.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await editCard(ctx, ctx.t("membership.nothingChanged"));
  });

  return feature;
}

/** The presser's own active membership with this id (read fresh from the database by identify). */
function ownMembership(ctx: BotContext, id: number | undefined): MembershipView | null {
  return ctx.person?.memberships.find((membership) => membership.id === id) ?? null;
}

function describe(ctx: BotContext, membership: MembershipView): string {
  return membershipLabel(ctx.t, ctx.locale, membership);
}
