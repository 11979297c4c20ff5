// What the import use-case tests build on: people as the policy sees them, a small dossier
// list, and the settings every import reads with.

import type { Actor } from "../../../src/domain/policy.js";
import type { PrismaClient } from "../../../src/generated/prisma/client.js";

export const zone = "Asia/Ho_Chi_Minh";
export const settings = { timeZone: zone, provinceName: "Thành phố Hà Nội" };

let nextTelegramId = 7_000;

/** A new person holding one membership (an officer of `unitId`, or a Center admin). */
export async function personWith(
  db: PrismaClient,
  role: "CENTER_ADMIN" | "OFFICER",
  unitId: number | null = null,
): Promise<Actor> {
  nextTelegramId += 1;
  const person = await db.person.create({ data: { telegramUserId: nextTelegramId } });
  const membership = await db.membership.create({ data: { personId: person.id, role, unitId } });
  return { personId: person.id, memberships: [{ id: membership.id, role, unitId }] };
}

/** The unit the dossier lists below name, and an officer of it. */
export async function unitAndOfficer(db: PrismaClient): Promise<Actor> {
  const unit = await db.unit.upsert({
    where: { code: "H26.01" },
    create: { code: "H26.01", nameVi: "Sở Tư pháp", normalizedName: "so tu phap" },
    update: {},
  });
  return personWith(db, "OFFICER", unit.id);
}

const DOSSIER_HEADER =
  "STT,Mã hồ sơ,Tên thủ tục,Lĩnh vực,Chủ hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Ngày kết thúc,Số ngày quá hạn,Đơn vị xử lý";

/** An overdue-dossier list of March 2025 naming the unit H26.01; `code` makes its dossier unique. */
export function dossierList(code: string, fileName = `${code}.csv`, dueAt = "10/03/2025") {
  const text = [
    "DANH SÁCH HỒ SƠ QUÁ HẠN THÁNG 3/2025",
    "Tính đến 11 giờ 00 ngày 11/04/2025",
    DOSSIER_HEADER,
    `1,${code},Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,Nguyễn Văn An,03/03/2025,${dueAt},,,H26.01`,
  ].join("\r\n");
  return { fileName, bytes: Buffer.from(text, "utf8") };
}
