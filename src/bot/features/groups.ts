// A unit's group chat: its head adds the bot and sends /bind; the bot checks that the sender
// heads the unit and is an admin of the group. Removing the bot from the group unbinds it; a
// group upgraded to a supergroup keeps its binding under its new chat id.
import { Composer, InlineKeyboard } from "grammy";
import type { Chat } from "grammy/types";
import { can, canOnAnyUnit } from "../../domain/policy.js";
import type { ChatBindingsRepository } from "../../repositories/chat-bindings.js";
import type { UnitSummary, UnitsRepository } from "../../repositories/units.js";
import { bindUnitData } from "../callback-data/units.js";
import type { BotContext } from "../context.js";
import { actorOf, ownUnitsInFocus } from "../helpers/actor.js";
import { unitName } from "../helpers/display.js";
import { editCard, refuse } from "../helpers/replies.js";

export interface GroupsDeps {
  chatBindings: ChatBindingsRepository;
  units: UnitsRepository;
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
    await deps.chatBindings.unbind(ctx.chat.id, { actorId: actor.personId });
    await ctx.reply(ctx.t("groups.unbound", { unit: unitName(binding.unit, ctx.locale) }), {
      parse_mode: "HTML",
    });
  });

  // A group upgraded to a supergroup gets a new chat id; Telegram says so in both chats.
  feature.on("message:migrate_to_chat_id", async (ctx) => {
    await deps.chatBindings.moveChat(ctx.chat.id, ctx.message.migrate_to_chat_id);
  });
  feature.on("message:migrate_from_chat_id", async (ctx) => {
    await deps.chatBindings.moveChat(ctx.message.migrate_from_chat_id, ctx.chat.id);
  });

  feature.on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "left" || status === "kicked")
      await deps.chatBindings.unbind(ctx.myChatMember.chat.id, { actorLabel: "telegram:bot-removed" });
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
  const person = ctx.person;
  if (!person) return;
  const outcome = await deps.chatBindings.bind(chat.id, chat.title, unit.id, person.id);
  const text =
    outcome.kind === "bound"
      ? ctx.t("groups.bound", { unit: unitName(unit, ctx.locale) })
      : ctx.t("groups.alreadyBound", { unit: unitName(outcome.binding.unit, ctx.locale) });
  if (edit) await editCard(ctx, text);
  else await ctx.reply(text, { parse_mode: "HTML" });
}
