// Invite-only linking: a Center admin (any unit, any role) or a unit head (officers of their
// own unit) creates an invite link with a QR code; the person it is for opens it, sees the
// unit and role, and is linked once they confirm.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import QRCode from "qrcode";
import type { AppContext } from "../../app/context.js";
import { acceptInvite } from "../../app/invites/accept-invite.js";
import { createInvite } from "../../app/invites/create-invite.js";
import { openInvite } from "../../app/invites/open-invite.js";
import { revokeInvite } from "../../app/invites/revoke-invite.js";
import { inviteCodeOfPayload, inviteLink } from "../../domain/invites.js";
import { type Actor, can, canOnAnyUnit, ownUnitsFor } from "../../domain/policy.js";
import type { Role } from "../../domain/roles.js";
import type { Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import {
  cityWidePrompt,
  inviteCardText,
  inviteLinkedText,
  inviteListText,
  inviteOfferText,
  invitePlace,
  unitPrompt,
} from "../../render/invites.js";
import type { InvitesRepository } from "../../repositories/invites.js";
import type { PeopleRepository } from "../../repositories/people.js";
import type { UnitSummary, UnitsRepository } from "../../repositories/units.js";
import {
  inviteAcceptData,
  inviteCreateData,
  inviteDeclineData,
  inviteRevokeData,
  inviteUnitData,
} from "../callback-data/invites.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { unitName } from "../helpers/display.js";
import { refreshPersonalMenu } from "../helpers/menus.js";
import { editCard, refuse } from "../helpers/replies.js";
import type { StartPayloadHandler } from "../helpers/start-payload.js";

const UNIT_CHOICES = 8;
const TEAM_INVITE_USES = 10;

export interface InvitesDeps {
  app: AppContext;
  invites: InvitesRepository;
  units: UnitsRepository;
  people: PeopleRepository;
  translator: Translator;
  logger: Logger;
  timeZone: string;
  inviteTtlDays: number;
  botUsername: () => string;
}

export function invitesFeature(deps: InvitesDeps) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.command("invite", async (ctx) => {
    const actor = actorOf(ctx);
    const query = ctx.match.trim();
    if (canOnAnyUnit(actor, "invite.create")) {
      if (!query)
        return void (await ctx.reply(cityWidePrompt(ctx.t), {
          parse_mode: "HTML",
          reply_markup: roleKeyboard(ctx, actor, null),
        }));
      return void (await offerUnits(ctx, actor, await deps.units.search(query, UNIT_CHOICES + 1)));
    }
    const own = ownUnitsFor(actor, "invite.create", ["OFFICER"]);
    if (own.length === 0) return void (await refuse(ctx, "invites.notAllowed"));
    await offerUnits(ctx, actor, await deps.units.findSummaries(own));
  });

  privateChats.command("invites", async (ctx) => {
    const actor = actorOf(ctx);
    const scope = canOnAnyUnit(actor, "invite.revoke")
      ? "all"
      : ownUnitsFor(actor, "invite.revoke", ["OFFICER"]);
    if (scope !== "all" && scope.length === 0) return void (await refuse(ctx, "invites.notAllowed"));
    const open = (await deps.invites.listOpen(scope, deps.app.now())).filter((invite) =>
      can(actor, "invite.revoke", { unitId: invite.unit?.id ?? null, roles: [invite.role] }),
    );
    if (open.length === 0) return void (await ctx.reply(ctx.t("invites.listEmpty"), { parse_mode: "HTML" }));
    const keyboard = new InlineKeyboard();
    open.forEach((invite, index) => {
      keyboard.text(
        ctx.t("invites.revokeNumber", { number: index + 1 }),
        inviteRevokeData.pack({ id: invite.id }),
      );
      if (index % 4 === 3) keyboard.row();
    });
    await ctx.reply(inviteListText(ctx.t, ctx.locale, deps.timeZone, open), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  });

  feature.chatType("private").callbackQuery(inviteUnitData.filter, async (ctx) => {
    const choice = inviteUnitData.unpack(ctx.callbackQuery.data);
    const unit = choice && choice.unit > 0 ? await deps.units.findSummary(choice.unit) : null;
    const actor = actorOf(ctx);
    if (!unit?.active || !can(actor, "invite.create", { unitId: unit.id, roles: ["OFFICER"] }))
      return void (await refuse(ctx, "invites.notAllowed"));
    await ctx.answerCallbackQuery();
    await editCard(ctx, unitPrompt(ctx.t, ctx.locale, unit), roleKeyboard(ctx, actor, unit));
  });

  feature.chatType("private").callbackQuery(inviteCreateData.filter, async (ctx) => {
    const request = inviteCreateData.unpack(ctx.callbackQuery.data);
    if (!request) return void (await refuse(ctx, "invites.notAllowed"));
    const created = await createInvite(deps.app, {
      actor: actorOf(ctx),
      role: request.role,
      unitId: request.unit === 0 ? null : request.unit,
      requestedUses: request.uses,
      ttlDays: deps.inviteTtlDays,
    });
    if (created.kind === "forbidden") return void (await refuse(ctx, "invites.notAllowed"));
    const { invite, code } = created;
    await ctx.answerCallbackQuery();
    const link = inviteLink(deps.botUsername(), code);
    await editCard(
      ctx,
      inviteCardText(ctx.t, ctx.locale, deps.timeZone, { invite, link }),
      new InlineKeyboard().text(ctx.t("invites.revoke"), inviteRevokeData.pack({ id: invite.id })),
    );
    const qr = await QRCode.toBuffer(link, { type: "png", width: 480, margin: 2, errorCorrectionLevel: "M" });
    await ctx.replyWithPhoto(new InputFile(qr, "invite.png"), {
      caption: ctx.t("invites.qrCaption", invitePlace(ctx.t, ctx.locale, invite)),
      parse_mode: "HTML",
    });
  });

  feature.chatType("private").callbackQuery(inviteRevokeData.filter, async (ctx) => {
    const request = inviteRevokeData.unpack(ctx.callbackQuery.data);
    const outcome = request
      ? await revokeInvite(deps.app, { actor: actorOf(ctx), inviteId: request.id })
      : null;
    if (!outcome || outcome.kind === "gone" || outcome.kind === "forbidden")
      return void (await refuse(ctx, "invites.notAllowed"));
    await ctx.answerCallbackQuery({
      text: ctx.t(outcome.kind === "done" ? "invites.revokedToast" : "invites.alreadyRevoked"),
    });
    await editCard(ctx, ctx.t("invites.revokedCard", invitePlace(ctx.t, ctx.locale, outcome.invite)));
  });

  feature.chatType("private").callbackQuery(inviteAcceptData.filter, async (ctx) => {
    const data = inviteAcceptData.unpack(ctx.callbackQuery.data);
    const person = ctx.person;
    if (!person || ctx.chat?.type !== "private") return void (await refuse(ctx, "errors.staleButton"));
    const outcome = await acceptInvite(deps.app, {
      telegramUserId: ctx.from.id,
      personId: person.id,
      code: data?.code ?? null,
    });
    if (outcome.kind === "lockedOut")
      return void (await refuse(ctx, "invites.tooManyAttempts", { minutes: outcome.minutes }));
    if (!data) return void (await refuse(ctx, "invites.status.unknown"));
    await ctx.answerCallbackQuery();
    if (outcome.kind === "refused")
      return void (await editCard(ctx, ctx.t(`invites.status.${outcome.status}`)));
    if (outcome.kind === "alreadyMember")
      return void (await editCard(
        ctx,
        ctx.t("invites.alreadyMember", invitePlace(ctx.t, ctx.locale, outcome.invite)),
      ));
    ctx.person = await deps.people.findByTelegramId(ctx.from.id);
    await editCard(ctx, inviteLinkedText(ctx.t, ctx.locale, outcome.invite));
    await refreshPersonalMenu(ctx, deps);
  });

  feature.chatType("private").callbackQuery(inviteDeclineData.filter, async (ctx) => {
    await ctx.answerCallbackQuery();
    await editCard(ctx, ctx.t("invites.declined"));
  });

  return feature;
}

/** `/start inv_<code>`: shows what the invite is for and asks to confirm; changes nothing yet. */
export function inviteStartHandler(deps: InvitesDeps): StartPayloadHandler {
  return async (ctx, payload) => {
    const code = inviteCodeOfPayload(payload);
    if (code === null || !ctx.from) return false;
    const outcome = await openInvite(deps.app, {
      telegramUserId: ctx.from.id,
      personId: ctx.person?.id ?? null,
      code,
    });
    const text =
      outcome.kind === "lockedOut"
        ? ctx.t("invites.tooManyAttempts", { minutes: outcome.minutes })
        : outcome.kind === "refused"
          ? ctx.t(`invites.status.${outcome.status}`)
          : inviteOfferText(ctx.t, ctx.locale, deps.timeZone, outcome.invite);
    const keyboard =
      outcome.kind === "offer"
        ? new InlineKeyboard()
            .text(ctx.t("invites.accept"), inviteAcceptData.pack({ code }))
            .text(ctx.t("invites.decline"), inviteDeclineData.pack({}))
        : undefined;
    await ctx.reply(text, { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) });
    return true;
  };
}

async function offerUnits(ctx: BotContext, actor: Actor | null, units: UnitSummary[]) {
  const usable = units.filter((unit) => unit.active).slice(0, UNIT_CHOICES);
  if (usable.length === 0) return void (await ctx.reply(ctx.t("invites.noUnit"), { parse_mode: "HTML" }));
  const [only] = usable;
  if (usable.length === 1 && only)
    return void (await ctx.reply(unitPrompt(ctx.t, ctx.locale, only), {
      parse_mode: "HTML",
      reply_markup: roleKeyboard(ctx, actor, only),
    }));
  const keyboard = new InlineKeyboard();
  for (const unit of usable)
    keyboard.text(unitName(unit, ctx.locale), inviteUnitData.pack({ unit: unit.id })).row();
  const more = units.length > UNIT_CHOICES ? `\n${ctx.t("invites.refineSearch")}` : "";
  await ctx.reply(ctx.t("invites.pickUnit") + more, { parse_mode: "HTML", reply_markup: keyboard });
}

/** The invites this actor may create here, one button each. */
function roleKeyboard(ctx: BotContext, actor: Actor | null, unit: UnitSummary | null): InlineKeyboard {
  const unitId = unit?.id ?? null;
  const options: Array<[Role, number]> = unit
    ? [
        ["UNIT_HEAD", 1],
        ["OFFICER", 1],
        ["OFFICER", TEAM_INVITE_USES],
      ]
    : [
        ["CENTER_ADMIN", 1],
        ["PC_VIEWER", 1],
      ];
  const keyboard = new InlineKeyboard();
  for (const [role, uses] of options) {
    if (!can(actor, "invite.create", { unitId, roles: [role] })) continue;
    const label = ctx.t(uses > 1 ? "invites.roleButtonTeam" : "invites.roleButton", {
      role: ctx.t(`roles.${role}`),
      count: uses,
    });
    keyboard.text(label, inviteCreateData.pack({ unit: unitId ?? 0, role, uses })).row();
  }
  return keyboard;
}
