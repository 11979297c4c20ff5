// A digest's counts as plain data (what the repository would return), for render tests.
import type { DigestCounts, DigestUnitCounts } from "../../src/domain/digest.js";

function unit(unitId: number, nameVi: string, counts: Partial<DigestUnitCounts>): DigestUnitCounts {
  return {
    unitId,
    code: `U${unitId}`,
    nameVi,
    nameEn: null,
    kind: "COMMUNE",
    overdue: 10,
    withCause: 0,
    withApology: 0,
    resolved: 0,
    unanswered: 10,
    weekAgo: { withCause: 0, withApology: 0, resolved: 0 },
    score: null,
    ...counts,
  };
}

export const SAMPLE_COUNTS: DigestCounts = {
  at: new Date("2031-04-14T01:00:00Z"),
  weekAgo: new Date("2031-04-07T01:00:00Z"),
  list: { snapshotId: 7, period: { year: 2031, month: 3 }, asOf: new Date("2031-04-11T04:00:00Z") },
  units: [
    unit(1, "Phường Hoàn Kiếm", {
      overdue: 40,
      withCause: 30,
      withApology: 20,
      resolved: 10,
      unanswered: 8,
      weekAgo: { withCause: 20, withApology: 10, resolved: 5 },
      score: "71.25",
    }),
    unit(2, "Phường Đống Đa", { overdue: 25, unanswered: 25 }),
    unit(3, "Sở Tài nguyên và Môi trường", {
      kind: "DEPARTMENT",
      overdue: 120,
      withCause: 60,
      withApology: 12,
      resolved: 30,
      unanswered: 50,
    }),
    unit(4, "Xã Sóc Sơn", {
      overdue: 6,
      withCause: 6,
      withApology: 6,
      resolved: 6,
      unanswered: 0,
      weekAgo: { withCause: 6, withApology: 6, resolved: 6 },
    }),
    unit(5, "Phường Hai Bà Trưng", { overdue: 3, unanswered: 3 }),
  ],
  causes: [
    { category: "SYNC_ERROR", count: 48 },
    { category: "WAITING_FOR_OTHER_AGENCY", count: 30 },
    { category: "WORKLOAD", count: 12 },
    { category: "WAITING_FOR_APPLICANT", count: 6 },
  ],
  escalations: [
    { level: "L3_PEOPLES_COMMITTEE", open: 2, newThisWeek: 1, acknowledged: 0, acknowledgementOverdue: 1 },
  ],
  inspectionsDue: [
    { inspectionId: 1, unitId: 2, nameVi: "Phường Đống Đa", nameEn: null, plannedOn: "2031-04-16" },
  ],
  city: {
    period: { year: 2031, month: 3 },
    asOf: new Date("2031-04-11T04:00:00Z"),
    total: "58.30",
    rank: 60,
    rankOutOf: 63,
    previous: { period: { year: 2031, month: 2 }, total: "61.50" },
  },
};
