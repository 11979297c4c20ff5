// The digest's files as outbox attachments: the weekly digest queues `{kind, params}` and the
// sender asks these renderers at send time. The params carry the moment the message reported,
// so the files show the figures the message showed.
import { z } from "zod";
import type { Db } from "../../db/prisma.js";
import { SUPPORTED_LOCALES } from "../../domain/locale.js";
import type { OutboxAttachment } from "../../domain/outbox.js";
import type { PeriodMonth } from "../../domain/period.js";
import {
  type DigestDeps,
  type DigestFileRequest,
  digestChartFile,
  digestWorkbookFile,
} from "./digest-report.js";

export const DIGEST_WORKBOOK = "digestWorkbook";
export const DIGEST_CHART = "digestChart";

const paramsSchema = z.object({
  at: z.iso.datetime(),
  locale: z.enum(SUPPORTED_LOCALES),
  audience: z.enum(["center", "peoplesCommittee"]),
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});

export function digestAttachment(
  kind: typeof DIGEST_WORKBOOK | typeof DIGEST_CHART,
  request: DigestFileRequest,
): OutboxAttachment {
  const period = request.period;
  return {
    kind,
    params: {
      at: request.at.toISOString(),
      locale: request.locale,
      audience: request.audience,
      ...(period ? { period: `${period.year}-${String(period.month).padStart(2, "0")}` } : {}),
    },
  };
}

function requestOf(params: OutboxAttachment["params"]): DigestFileRequest {
  const parsed = paramsSchema.parse(params);
  const [year, month] = (parsed.period ?? "").split("-").map(Number);
  const period: PeriodMonth | undefined = parsed.period ? { year: year ?? 0, month: month ?? 0 } : undefined;
  return {
    at: new Date(parsed.at),
    locale: parsed.locale,
    audience: parsed.audience,
    ...(period ? { period } : {}),
  };
}

/** The renderers `createOutboxSender` is given for the digest's attachments. */
export function digestAttachmentRenderers(deps: Omit<DigestDeps, "app"> & { db: Db }) {
  return {
    [DIGEST_WORKBOOK]: async (params: OutboxAttachment["params"]) => {
      const { data, fileName } = await digestWorkbookFile(deps, requestOf(params));
      return { data, fileName };
    },
    [DIGEST_CHART]: (params: OutboxAttachment["params"]) => digestChartFile(deps, requestOf(params)),
  };
}
