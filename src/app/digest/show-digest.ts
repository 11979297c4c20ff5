// /digest on demand and the exports (/export, `npm run cli -- export`): the same figures and
// workbook as the weekly digest, for a Center admin (the Center's version) or a People's
// Committee viewer (theirs); the command line acts for the Center.
import type { Writable } from "node:stream";
import { type Digest, type DigestAudience, digestAudienceOf, weekKeyOf } from "../../domain/digest.js";
import type { Locale } from "../../domain/locale.js";
import { type PeriodMonth, periodKey } from "../../domain/period.js";
import type { Actor } from "../../domain/policy.js";
import { appendAudit } from "../../repositories/audit.js";
import { type DigestDeps, loadDigest, streamDigestWorkbook } from "./digest-report.js";

export type ShowDigestOutcome =
  | { kind: "forbidden" }
  | { kind: "done"; digest: Digest; audience: DigestAudience; weekKey: string };

export async function showDigest(
  deps: DigestDeps,
  input: { actor: Actor | null },
): Promise<ShowDigestOutcome> {
  const audience = digestAudienceOf(input.actor);
  if (!audience) return { kind: "forbidden" };
  const at = deps.app.now();
  const digest = await loadDigest(deps.app.db, { at, timeZone: deps.timeZone });
  return { kind: "done", digest, audience, weekKey: weekKeyOf(at, deps.timeZone) };
}

export type ExportOutcome =
  | { kind: "forbidden" }
  | { kind: "noData"; period: PeriodMonth | null }
  | { kind: "done"; digest: Digest; fileName: string; audience: DigestAudience };

/** Who exports: a person in the bot, or the command line (the Center's own operator). */
export type ExportActor = { actor: Actor | null } | { actorLabel: string };

/**
 * Streams the workbook of a period (the latest list when absent) into `stream`; nothing is
 * written to it when the actor may not export or the period has no overdue list.
 */
export async function exportDigestWorkbook(
  deps: DigestDeps,
  input: { by: ExportActor; period?: PeriodMonth; locale: Locale },
  stream: Writable,
): Promise<ExportOutcome> {
  const audience = "actor" in input.by ? digestAudienceOf(input.by.actor) : "center";
  if (!audience) return { kind: "forbidden" };
  const at = deps.app.now();
  const period = input.period ? { period: input.period } : {};
  const digest = await loadDigest(deps.app.db, { at, timeZone: deps.timeZone, ...period });
  if (!digest.list) return { kind: "noData", period: input.period ?? null };
  const { fileName } = await streamDigestWorkbook(
    { ...deps, db: deps.app.db },
    { at, locale: input.locale, audience, ...period },
    stream,
    digest,
  );
  await appendAudit(deps.app.db, {
    ...("actor" in input.by
      ? { actorId: input.by.actor?.personId ?? null }
      : { actorLabel: input.by.actorLabel }),
    action: "digest.exported",
    entityType: "Digest",
    entityId: periodKey(digest.list.period),
    after: { audience, at: at.toISOString(), listSnapshotId: digest.list.snapshotId },
  });
  return { kind: "done", digest, fileName, audience };
}
