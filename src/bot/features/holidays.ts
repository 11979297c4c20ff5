// /holidays [year]: the working-day table's holidays and swapped working days of a year (this
// year by default, in the configured zone), for anyone who holds a membership.
import { Composer } from "grammy";
import { readCalendarYear } from "../../app/calendar/calendar-year.js";
import type { AppContext } from "../../app/context.js";
import { localDateOf } from "../../domain/working-days.js";
import { holidaysText } from "../../render/holidays.js";
import type { BotContext } from "../context.js";
import { actorOf } from "../helpers/actor.js";
import { refuse } from "../helpers/replies.js";

export interface HolidaysDeps {
  app: AppContext;
  timeZone: string;
}

const YEAR = /^\d{4}$/;

export function holidaysFeature(deps: HolidaysDeps) {
  const feature = new Composer<BotContext>();

  feature.command("holidays", async (ctx) => {
    const argument = ctx.match.trim();
    if (argument !== "" && !YEAR.test(argument)) return refuse(ctx, "holidays.usage");
    const year = Number(argument || localDateOf(deps.app.now(), deps.timeZone).slice(0, 4));
    const outcome = await readCalendarYear(deps.app, { actor: actorOf(ctx), year });
    if (outcome.kind === "forbidden") return refuse(ctx, "holidays.membersOnly");
    await ctx.reply(holidaysText(ctx.t, ctx.locale, deps.timeZone, outcome), { parse_mode: "HTML" });
  });

  return feature;
}
