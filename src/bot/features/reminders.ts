// "Remind me next working day" under a unit's reminder. The unit comes from the button; who may
// postpone it (the unit's own heads and officers) is asked of the policy with the presser's
// memberships read from the database.
import { Composer } from "grammy";
import type { AppContext } from "../../app/context.js";
import { snoozeReminders } from "../../app/reminders/snooze-reminders.js";
import { snoozedText, snoozedThisWeekText } from "../../render/reminders.js";
import { periodOfKey } from "../callback-data/overdue.js";
import { snoozeReminderData } from "../callback-data/reminders.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { refuse } from "../helpers/replies.js";

export interface RemindersFeatureDeps {
  app: AppContext;
  timeZone: string;
}

export function remindersFeature(deps: RemindersFeatureDeps) {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(snoozeReminderData.filter, async (ctx) => {
    const data = snoozeReminderData.unpack(ctx.callbackQuery.data);
    const actor = actorOf(ctx);
    if (!data || !actor) return refuse(ctx, "reminders.forbidden");
    const outcome = await snoozeReminders(deps.app, {
      actor,
      unitId: data.unit,
      period: periodOfKey(data.period),
      timeZone: deps.timeZone,
    });
    switch (outcome.kind) {
      case "forbidden":
        return refuse(ctx, "reminders.forbidden");
      case "unknownPeriod":
        return refuse(ctx, "reminders.unknownPeriod");
      case "snoozedThisWeek":
        return void (await ctx.answerCallbackQuery({
          text: snoozedThisWeekText(ctx.t, ctx.locale, deps.timeZone, outcome.allowedFrom),
          show_alert: true,
        }));
      case "snoozed":
        return void (await ctx.answerCallbackQuery({
          text: snoozedText(ctx.t, ctx.locale, deps.timeZone, outcome.until),
          show_alert: true,
        }));
    }
  });

  return feature;
}
