import { z } from "zod";
import { isInviteCode } from "../../domain/invites.js";
import { ROLES } from "../../domain/roles.js";
import { defineCallbackData } from "./codec.js";

const id = z.coerce.number().int().positive();
/** 0 stands for "no unit": the whole city (Center admins, People's Committee viewers). */
const unitRef = z.coerce.number().int().nonnegative();

/** An admin picked the unit to invite someone to. */
export const inviteUnitData = defineCallbackData("invu", { unit: unitRef });
/** Create an invite: unit, role, number of uses (all re-checked against the presser). */
export const inviteCreateData = defineCallbackData("invn", {
  unit: unitRef,
  role: z.enum(ROLES),
  uses: z.coerce.number().int().positive().max(999),
});
export const inviteRevokeData = defineCallbackData("invx", { id });
/** Join with the invite: the code itself, so a forged button is a guess like any other. */
export const inviteAcceptData = defineCallbackData("inva", { code: z.string().refine(isInviteCode) });
export const inviteDeclineData = defineCallbackData("invd", {});
