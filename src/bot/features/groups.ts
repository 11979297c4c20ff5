// A unit's group chat: its head adds the bot and sends /bind; the bot checks that the sender
// heads the unit and is an admin of the group. Removing the bot from the group unbinds it; a
// group upgraded to a supergroup keeps its binding under its new chat id.
import { Composer, InlineKeyboard } from "grammy";
import type { Chat } from "grammy/types";
import type { AppContext } from "../../app/context.js";
import { bindGroup } from "../../app/groups/bind-group.js";
import { moveGroup } from "../../app/groups/move-group.js";
import { unbindGroup } from "../../app/groups/unbind-group.js";
import { can, canOnAnyUnit } from "../../domain/policy.js";
import { groupBindingText } from "../../render/groups.js";
import { unitName } from "../../render/names.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { UnitSummary, UnitsRepository } from "../../repositories/units.js";
import { bindUnitData } from "../callback-data/units.js";
import type { BotContext } from "../context.js";
import { actorOf, ownUnitsInFocus } from "../helpers/actor.js";
import { editCard, refuse } from "../helpers/replies.js";

export interface GroupsDeps {
  app: AppContext;
  chatBindings: ChatBindingsRepository;
  units: UnitsRepository;
  timeZone: string;
}

const GROUP_ADMIN_STATUSES = new Set(["creator", "administrator"]);

export function groupsFeature(deps: GroupsDeps) {
  const feature = new Composer<BotContext>();
  const groups = feature.chatType(["group", "supergroup"]);

  groups.command("bind", async (ctx) => {
    const actor = actorOf(ctx);
    const query = ctx.match.trim();
    const candidates =
      canOnAnyUnit(actor, "group.bind") && query
        ? await deps.units.search(query, 6)
        : await deps.units.findSummaries(ownUnitsInFocus(ctx, "group.bind"));
    const usable = candidates.filter((unit) => unit.active && can(actor, "group.bind", { unitId: unit.id }));
    if (usable.length === 0)
      return void (await refuse(
        ctx,
        canOnAnyUnit(actor, "group.bind") ? "groups.adminNeedsUnit" : "groups.notHead",
      ));
    if (!(await isGroupAdmin(ctx))) return void (await refuse(ctx, "groups.notGroupAdmin"));
    const [only] = usable;
    if (usable.length === 1 && only) return void (await bind(ctx, deps, only));
    const keyboard = new InlineKeyboard();
    for (const unit of usable)
      keyboard.text(unitName(unit, ctx.locale), bindUnitData.pack({ unit: unit.id })).row();
    await ctx.reply(ctx.t("groups.pickUnit"), { reply_markup: keyboard });
  });

  feature.callbackQuery(bindUnitData.filter, async (ctx) => {
    const choice = bindUnitData.unpack(ctx.callbackQuery.data);
    const unit = choice ? await deps.units.findSummary(choice.unit) : null;
    const chat = ctx.chat;
    if (
      !unit?.active ||
      !chat ||
      chat.type === "private" ||
      !can(actorOf(ctx), "group.bind", { unitId: unit.id })
    )
      return void (await refuse(ctx, "groups.notHead"));
    if (!(await isGroupAdmin(ctx))) return void (await refuse(ctx, "groups.notGroupAdmin"));
    await ctx.answerCallbackQuery();
    await bind(ctx, deps, unit, true);
  });

  groups.command("unbind", async (ctx) => {
    const binding = await deps.chatBindings.findActive(ctx.chat.id);
    if (!binding) return void (await ctx.reply(ctx.t("groups.notBound"), { parse_mode: "HTML" }));
    const actor = actorOf(ctx);
    if (!actor || !can(actor, "group.bind", { unitId: binding.unit.id }))
      return void (await refuse(ctx, "groups.notHead"));
    if (!(await isGroupAdmin(ctx))) return void (await refuse(ctx, "groups.notGroupAdmin"));
    const outcome = await unbindGroup(deps.app, { by: { actor }, chatId: ctx.chat.id });
    if (outcome.kind === "forbidden") return void (await refuse(ctx, "groups.notHead"));
    if (outcome.kind === "gone")
      return void (await ctx.reply(ctx.t("groups.notBound"), { parse_mode: "HTML" }));
    const text = groupBindingText(ctx.t, ctx.locale, deps.timeZone, { kind: "unbound", unit: binding.unit });
    await ctx.reply(text, { parse_mode: "HTML" });
  });

  // A group upgraded to a supergroup gets a new chat id; Telegram says so in both chats.
  feature.on("message:migrate_to_chat_id", async (ctx) => {
    await moveGroup(deps.app, { fromChatId: ctx.chat.id, toChatId: ctx.message.migrate_to_chat_id });
  });
  feature.on("message:migrate_from_chat_id", async (ctx) => {
    await moveGroup(deps.app, { fromChatId: ctx.message.migrate_from_chat_id, toChatId: ctx.chat.id });
  });

  feature.on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "left" || status === "kicked")
      await unbindGroup(deps.app, {
        by: { actorLabel: "telegram:bot-removed" },
        chatId: ctx.myChatMember.chat.id,
      });
  });

  return feature;
}

async function isGroupAdmin(ctx: BotContext): Promise<boolean> {
  if (!ctx.from || !ctx.chat) return false;
  const member = await ctx.api.getChatMember(ctx.chat.id, ctx.from.id);
  return GROUP_ADMIN_STATUSES.has(member.status);
}

async function bind(ctx: BotContext, deps: GroupsDeps, unit: UnitSummary, edit = false) {
  const chat = ctx.chat as Chat.GroupChat | Chat.SupergroupChat;
  const actor = actorOf(ctx);
  if (!actor) return;
  const outcome = await bindGroup(deps.app, { actor, chatId: chat.id, title: chat.title, unitId: unit.id });
  // The unit was deactivated, or the head removed, since the checks before: a button was answered already.
  if (outcome.kind === "forbidden" || outcome.kind === "gone")
    return void (await (edit ? editCard(ctx, ctx.t("groups.notHead")) : refuse(ctx, "groups.notHead")));
  const text = groupBindingText(ctx.t, ctx.locale, deps.timeZone, {
    kind: outcome.kind,
    unit: outcome.kind === "bound" ? unit : outcome.binding.unit,
  });
  if (edit) await editCard(ctx, text);
  else await ctx.reply(text, { parse_mode: "HTML" });
}
