// What every way of getting the digest shares: its figures as of a moment (the Center's
// settings say how long an L3 escalation may stay unacknowledged), its chart and its workbook.
// Reads only, and without a transaction: every count is "as of" a moment, so answers recorded
// while a workbook of 100,000 rows streams out do not change it, and the one connection of
// PGlite is not held for seconds.
import { PassThrough, type Writable } from "node:stream";
import type { DbClient } from "../../db/prisma.js";
import {
  buildDigest,
  DEFAULT_DIGEST_SETTINGS,
  DIGEST_SETTINGS_KEY,
  type Digest,
  type DigestAudience,
  type DigestSettings,
  digestSettingsSchema,
  WEEK_MS,
  weekKeyOf,
} from "../../domain/digest.js";
import type { Locale } from "../../domain/locale.js";
import type { PeriodMonth } from "../../domain/period.js";
import { instantOfWallClock } from "../../domain/time-zone.js";
import { addDays, localDateOf } from "../../domain/working-days.js";
import type { Translator } from "../../i18n/index.js";
import { digestChartPng } from "../../render/digest-chart.js";
import { digestWorkbookFileName, writeDigestWorkbook } from "../../render/digest-workbook.js";
import { DigestRepository } from "../../repositories/digest.js";
import { SettingsRepository } from "../../repositories/settings.js";
import type { AppContext } from "../context.js";

export interface DigestDeps {
  app: AppContext;
  translator: Translator;
  timeZone: string;
  defaultLocale: Locale;
}

export function readDigestSettings(db: DbClient): Promise<DigestSettings> {
  return new SettingsRepository(db).read(DIGEST_SETTINGS_KEY, digestSettingsSchema, DEFAULT_DIGEST_SETTINGS);
}

/** The digest as of `at` (the period's list and score sheet, else the latest of each). */
export async function loadDigest(
  db: DbClient,
  input: { at: Date; timeZone: string; period?: PeriodMonth },
): Promise<Digest> {
  const settings = await readDigestSettings(db);
  const counts = await new DigestRepository(db).counts({
    at: input.at,
    weekAgo: new Date(input.at.getTime() - WEEK_MS),
    timeZone: input.timeZone,
    acknowledgementDays: settings.acknowledgementDays,
    ...(input.period ? { period: input.period } : {}),
  });
  return buildDigest(counts);
}

export interface DigestFileRequest {
  at: Date;
  locale: Locale;
  audience: DigestAudience;
  period?: PeriodMonth;
}

/**
 * The workbook, streamed into `stream`. Escalations and inspections are those of the period's
 * month (or of the week before `at`), inspections up to a week ahead.
 */
export async function streamDigestWorkbook(
  deps: Omit<DigestDeps, "app"> & { db: DbClient },
  request: DigestFileRequest,
  stream: Writable,
  /** The digest of this request, when the caller has it already. */
  loaded?: Digest,
): Promise<{ digest: Digest; fileName: string }> {
  const digest =
    loaded ??
    (await loadDigest(deps.db, {
      at: request.at,
      timeZone: deps.timeZone,
      ...(request.period ? { period: request.period } : {}),
    }));
  const repository = new DigestRepository(deps.db);
  const { from, to } = windowOf(request, deps.timeZone);
  const [escalations, inspections] = await Promise.all([
    repository.escalationRows(from, to),
    repository.inspectionRows(localDateOf(from, deps.timeZone), addDays(localDateOf(to, deps.timeZone), 7)),
  ]);
  const t = deps.translator.forLocale(request.locale);
  await writeDigestWorkbook(
    t,
    request.locale,
    deps.timeZone,
    {
      digest,
      audience: request.audience,
      dossiers: digest.list ? repository.dossierRows(digest.list.snapshotId, request.at) : noRows(),
      escalations,
      inspections,
    },
    stream,
  );
  return { digest, fileName: digestWorkbookFileName(t, digest) };
}

async function* noRows(): AsyncGenerator<never[]> {}

function windowOf(request: DigestFileRequest, timeZone: string): { from: Date; to: Date } {
  if (!request.period) return { from: new Date(request.at.getTime() - WEEK_MS), to: request.at };
  const { year, month } = request.period;
  const from = instantOfWallClock(timeZone, year, month, 1);
  const next = instantOfWallClock(timeZone, month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1);
  return { from, to: next < request.at ? next : request.at };
}

/** The workbook as one buffer (to send it to Telegram). */
export async function digestWorkbookFile(
  deps: Omit<DigestDeps, "app"> & { db: DbClient },
  request: DigestFileRequest,
): Promise<{ data: Buffer; fileName: string; digest: Digest }> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const { digest, fileName } = await streamDigestWorkbook(deps, request, stream);
  await ended;
  return { data: Buffer.concat(chunks), fileName, digest };
}

export async function digestChartFile(
  deps: Omit<DigestDeps, "app"> & { db: DbClient },
  request: Omit<DigestFileRequest, "audience">,
): Promise<{ data: Buffer; fileName: string }> {
  const digest = await loadDigest(deps.db, {
    at: request.at,
    timeZone: deps.timeZone,
    ...(request.period ? { period: request.period } : {}),
  });
  const weekKey = weekKeyOf(request.at, deps.timeZone);
  const t = deps.translator.forLocale(request.locale);
  return {
    data: digestChartPng(t, request.locale, deps.timeZone, { digest, weekKey }),
    fileName: `digest-${weekKey}.png`,
  };
}
