// Invite-only linking: a Center admin (any unit, any role) or a unit head (officers of their
// own unit) creates an invite link with a QR code; the person it is for opens it, sees the
// unit and role, and is linked once they confirm.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import QRCode from "qrcode";
import {
  allowedUses,
  DEFAULT_GUESSING_POLICY,
  guessingLockoutMinutes,
  inviteCodeOfPayload,
  inviteExpiry,
  inviteLink,
} from "../../domain/invites.js";
import { type Actor, can, canOnAnyUnit, ownUnitsFor } from "../../domain/policy.js";
import { isUnitRole, type Role } from "../../domain/roles.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { type InvitesRepository, type InviteView, refusalFor } from "../../repositories/invites.js";
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
import { placeName, unitName } from "../helpers/display.js";
import { editCard, refuse } from "../helpers/replies.js";
import { refreshPersonalMenu, type StartPayloadHandler } from "./start.js";

const UNIT_CHOICES = 8;
const TEAM_INVITE_USES = 10;

export interface InvitesDeps {
  invites: InvitesRepository;
  units: UnitsRepository;
  people: PeopleRepository;
  translator: Translator;
  logger: Logger;
  timeZone: string;
  inviteTtlDays: number;
  botUsername: () => string;
  now?: () => Date;
}

export function invitesFeature(deps: InvitesDeps) {
  const now = deps.now ?? (() => new Date());
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType("private");

  privateChats.command("invite", async (ctx) => {
    const actor = actorOf(ctx);
    const query = ctx.match.trim();
    if (canOnAnyUnit(actor, "invite.create")) {
      if (!query)
        return void (await ctx.reply(cityWidePrompt(ctx), {
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
    const open = (await deps.invites.listOpen(scope, now())).filter((invite) =>
      can(actor, "invite.revoke", { unitId: invite.unit?.id ?? null, roles: [invite.role] }),
    );
    if (open.length === 0) return void (await ctx.reply(ctx.t("invites.listEmpty"), { parse_mode: "HTML" }));
    const keyboard = new InlineKeyboard();
    const lines = open.map((invite, index) => {
      keyboard.text(
        ctx.t("invites.revokeNumber", { number: index + 1 }),
        inviteRevokeData.pack({ id: invite.id }),
      );
      if (index % 4 === 3) keyboard.row();
      return ctx.t("invites.listLine", {
        number: index + 1,
        role: ctx.t(`roles.${invite.role}`),
        unit: inviteUnitName(ctx, invite),
        used: invite.usedCount,
        uses: invite.maxUses,
        expires: formatDateTime(ctx.locale, invite.expiresAt, deps.timeZone),
      });
    });
    await ctx.reply([ctx.t("invites.listTitle"), ...lines].join("\n"), {
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
    await editCard(ctx, unitPrompt(ctx, unit), roleKeyboard(ctx, actor, unit));
  });

  feature.chatType("private").callbackQuery(inviteCreateData.filter, async (ctx) => {
    const request = inviteCreateData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!request || !actor) return void (await refuse(ctx, "invites.notAllowed"));
    const unit = request.unit > 0 ? await deps.units.findSummary(request.unit) : null;
    const unitId = unit?.id ?? null;
    const uses = allowedUses(request.role, request.uses);
    const unitOk =
      request.unit === 0 ? !isUnitRole(request.role) : unit?.active === true && isUnitRole(request.role);
    if (!uses || !unitOk || !can(actor, "invite.create", { unitId, roles: [request.role] }))
      return void (await refuse(ctx, "invites.notAllowed"));
    const { invite, code } = await deps.invites.create({
      role: request.role,
      unitId,
      createdById: actor.personId,
      maxUses: uses,
      expiresAt: inviteExpiry(now(), deps.inviteTtlDays),
    });
    await ctx.answerCallbackQuery();
    const link = inviteLink(deps.botUsername(), code);
    await editCard(
      ctx,
      inviteCard(ctx, deps, invite, link),
      new InlineKeyboard().text(ctx.t("invites.revoke"), inviteRevokeData.pack({ id: invite.id })),
    );
    const qr = await QRCode.toBuffer(link, { type: "png", width: 480, margin: 2, errorCorrectionLevel: "M" });
    await ctx.replyWithPhoto(new InputFile(qr, "invite.png"), {
      caption: ctx.t("invites.qrCaption", {
        unit: inviteUnitName(ctx, invite),
        role: ctx.t(`roles.${invite.role}`),
      }),
      parse_mode: "HTML",
    });
  });

  feature.chatType("private").callbackQuery(inviteRevokeData.filter, async (ctx) => {
    const request = inviteRevokeData.unpack(ctx.callbackQuery.data);
    const invite = request ? await deps.invites.findById(request.id) : null;
    const actor = actorOf(ctx);
    if (
      !invite ||
      !actor ||
      !can(actor, "invite.revoke", { unitId: invite.unit?.id ?? null, roles: [invite.role] })
    )
      return void (await refuse(ctx, "invites.notAllowed"));
    const revoked = await deps.invites.revoke(invite.id, actor.personId, now());
    await ctx.answerCallbackQuery({
      text: ctx.t(revoked ? "invites.revokedToast" : "invites.alreadyRevoked"),
    });
    await editCard(
      ctx,
      ctx.t("invites.revokedCard", {
        unit: inviteUnitName(ctx, invite),
        role: ctx.t(`roles.${invite.role}`),
      }),
    );
  });

  feature.chatType("private").callbackQuery(inviteAcceptData.filter, async (ctx) => {
    const data = inviteAcceptData.unpack(ctx.callbackQuery.data);
    const person = ctx.person;
    if (!person || ctx.chat?.type !== "private") return void (await refuse(ctx, "errors.staleButton"));
    const lockout = await lockoutMinutes(deps, ctx.from.id, now());
    if (lockout > 0) return void (await refuse(ctx, "invites.tooManyAttempts", { minutes: lockout }));
    if (!data) {
      await deps.invites.recordAttempt(ctx.from.id, person.id, false, now());
      return void (await refuse(ctx, "invites.status.unknown"));
    }
    const outcome = await deps.invites.accept(data.code, person.id, now());
    await deps.invites.recordAttempt(ctx.from.id, person.id, outcome.kind !== "refused", now());
    await ctx.answerCallbackQuery();
    if (outcome.kind === "refused")
      return void (await editCard(ctx, ctx.t(`invites.status.${outcome.status}`)));
    const place = { unit: inviteUnitName(ctx, outcome.invite), role: ctx.t(`roles.${outcome.invite.role}`) };
    if (outcome.kind === "alreadyMember")
      return void (await editCard(ctx, ctx.t("invites.alreadyMember", place)));
    ctx.person = await deps.people.findByTelegramId(ctx.from.id);
    await editCard(ctx, [ctx.t("invites.linked", place), "", ctx.t("start.seeHelp")].join("\n"));
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
  const now = deps.now ?? (() => new Date());
  return async (ctx, payload) => {
    const code = inviteCodeOfPayload(payload);
    if (code === null || !ctx.from) return false;
    const lockout = await lockoutMinutes(deps, ctx.from.id, now());
    if (lockout > 0) {
      await ctx.reply(ctx.t("invites.tooManyAttempts", { minutes: lockout }), { parse_mode: "HTML" });
      return true;
    }
    const invite = await deps.invites.findByCode(code);
    const refusal = refusalFor(invite, ctx.person?.id ?? null, now());
    if (!invite || refusal) {
      await deps.invites.recordAttempt(ctx.from.id, ctx.person?.id ?? null, false, now());
      await ctx.reply(ctx.t(`invites.status.${refusal ?? "unknown"}`), { parse_mode: "HTML" });
      return true;
    }
    const place = { unit: inviteUnitName(ctx, invite), role: ctx.t(`roles.${invite.role}`) };
    await ctx.reply(
      ctx.t("invites.offer", {
        ...place,
        expires: formatDateTime(ctx.locale, invite.expiresAt, deps.timeZone),
      }),
      {
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard()
          .text(ctx.t("invites.accept"), inviteAcceptData.pack({ code }))
          .text(ctx.t("invites.decline"), inviteDeclineData.pack({})),
      },
    );
    return true;
  };
}

async function lockoutMinutes(deps: InvitesDeps, telegramUserId: number, at: Date): Promise<number> {
  const since = new Date(at.getTime() - DEFAULT_GUESSING_POLICY.windowMinutes * 60_000);
  return guessingLockoutMinutes(await deps.invites.failuresSince(telegramUserId, since), at);
}

async function offerUnits(ctx: BotContext, actor: Actor | null, units: UnitSummary[]) {
  const usable = units.filter((unit) => unit.active).slice(0, UNIT_CHOICES);
  if (usable.length === 0) return void (await ctx.reply(ctx.t("invites.noUnit"), { parse_mode: "HTML" }));
  const [only] = usable;
  if (usable.length === 1 && only)
    return void (await ctx.reply(unitPrompt(ctx, only), {
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

function cityWidePrompt(ctx: BotContext): string {
  return [ctx.t("invites.cityWidePrompt"), ctx.t("invites.unitHint")].join("\n\n");
}

function unitPrompt(ctx: BotContext, unit: UnitSummary): string {
  return ctx.t("invites.unitPrompt", { unit: unitName(unit, ctx.locale) });
}

function inviteUnitName(ctx: BotContext, invite: InviteView): string {
  return placeName(invite.unit, ctx.t, ctx.locale);
}

function inviteCard(ctx: BotContext, deps: InvitesDeps, invite: InviteView, link: string): string {
  return [
    ctx.t("invites.createdTitle"),
    ctx.t("invites.createdFor", { unit: inviteUnitName(ctx, invite), role: ctx.t(`roles.${invite.role}`) }),
    ctx.t("invites.createdUses", { count: invite.maxUses }),
    ctx.t("invites.createdExpires", { expires: formatDateTime(ctx.locale, invite.expiresAt, deps.timeZone) }),
    "",
    ctx.t("invites.createdLink", { link }),
  ].join("\n");
}
