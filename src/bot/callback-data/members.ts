import { z } from "zod";
import { ROLES } from "../../domain/roles.js";
import { defineCallbackData } from "./codec.js";

const id = z.coerce.number().int().positive();

/** A unit's member list (0: the whole city's admins and viewers), one page. */
export const memberListData = defineCallbackData("mbl", {
  unit: z.coerce.number().int().nonnegative(),
  page: z.coerce.number().int().nonnegative().max(999),
});
export const memberCardData = defineCallbackData("mbr", { id });
export const memberRoleData = defineCallbackData("mbs", { id, role: z.enum(ROLES) });
export const memberRemoveAskData = defineCallbackData("mbd", { id });
export const memberRemoveData = defineCallbackData("mby", { id });

/** Which membership to act as, or to leave. */
export const activateMembershipData = defineCallbackData("act", { id });
export const leaveAskData = defineCallbackData("lva", { id });
export const leaveData = defineCallbackData("lvy", { id });
export const leaveCancelData = defineCallbackData("lvn", {});
