// The demo's story, as people would live it on Telegram: a newcomer, the Center importing the
// month, a ward head invited and binding her group, the monthly push and what she does with it.
// `npm run demo` prints it; the end-to-end test plays it and checks what arrived.
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { InlineKeyboardMarkup } from "grammy/types";
import { VN_CALENDAR_DAYS } from "../domain/calendar-data/index.js";
import { createWorkingCalendar } from "../domain/working-days.js";
import { generateSampleMonth, type SampleMonth } from "../sample/generate.js";
import { loadUnitsFile } from "../sample/units-data.js";
import { writeSampleMonth } from "../sample/write.js";
import type { BotApiSandbox } from "./bot-api-sandbox.js";
import type { Transcript } from "./transcript.js";
import type { SandboxMessage, SandboxUser } from "./types.js";

export const DEMO_CENTER_ADMIN = { id: 900_001, first_name: "Hà", language_code: "vi" };
export const DEMO_NEWCOMER = { id: 900_002, first_name: "Lan", language_code: "vi" };
const VISITOR = { id: 900_003, first_name: "John", language_code: "en" };

/** Who the story leaves where: the end-to-end test reads their chats. */
export interface DemoCast {
  admin: SandboxUser;
  lan: SandboxUser;
  group: { id: number; title: string; ward: { code: string } };
}

export async function playDemoStory(
  sandbox: BotApiSandbox,
  transcript: Transcript,
  sampleDir: string,
): Promise<DemoCast> {
  const admin = sandbox.addUser(DEMO_CENTER_ADMIN);
  const lan = sandbox.addUser(DEMO_NEWCOMER);
  const john = sandbox.addUser(VISITOR);

  await transcript.exchange("Lan (new civil servant, Vietnamese app)", "/start", lan.chatId, () =>
    lan.sendText("/start"),
  );
  await transcript.exchange("Lan", "/help", lan.chatId, () => lan.sendText("/help"));
  await transcript.exchange("Lan", "xin chào", lan.chatId, () => lan.sendText("xin chào"));
  await transcript.exchange("Lan", "/lang", lan.chatId, () => lan.sendText("/lang"));
  const menu = lan.messages().at(-1);
  if (!menu) throw new Error("the language menu did not arrive");
  await transcript.exchange("Lan", "taps [ 🇬🇧 English ]", lan.chatId, () =>
    lan.pressButton(menu.messageId, "lang:en"),
  );
  await transcript.exchange("Lan", "/start", lan.chatId, () => lan.sendText("/start"));
  await transcript.exchange("John (English app)", "/report", john.chatId, () => john.sendText("/report"));
  await transcript.exchange("Hà (Center admin from CENTER_ADMIN_IDS)", "/start", admin.chatId, () =>
    admin.sendText("/start"),
  );
  const month = await importSampleMonth(transcript, admin, lan, sampleDir);
  const february = await sampleMonth("2025-02", "2025-03-11T11:00");
  const group = await inviteUnitHead(transcript, sandbox, admin, lan, month, february);
  await pushTheMonth(transcript, admin, lan, group);
  await escalateRepeatedDelays(transcript, admin, lan, february, group.ward, sampleDir);
  return { admin, lan, group };
}

/**
 * The Center pushes the month: a preview, Confirm, the messages going out through the outbox
 * (one progress message, then the report); Lan's card and her group's message arrive, and she
 * pages her list, filters it, opens a dossier and downloads the list as a spreadsheet.
 */
async function pushTheMonth(
  transcript: Transcript,
  admin: SandboxUser,
  lan: SandboxUser,
  group: { id: number; title: string },
) {
  await transcript.exchange("Hà", "/push", admin.chatId, () => admin.sendText("/push"));
  const preview = admin.messages().at(-1);
  const confirm = buttons(preview).find((button) => button.callback_data.startsWith("pshc:"));
  if (!preview || !confirm) throw new Error("the push preview has no Confirm button");
  await transcript.exchange(
    "Hà",
    `taps [ ${confirm.text} ]`,
    admin.chatId,
    () => admin.pressButton(preview.messageId, confirm.callback_data),
    { until: (message) => message.text?.includes("Đã gửi xong") ?? false, settleMs: 300 },
  );
  await transcript.arrivals("Lan's private chat (the unit head's card)", lan.chatId, (message) =>
    buttons(message).some((button) => button.callback_data.startsWith("ovx:")),
  );
  await transcript.arrivals(`the group “${group.title}” (its unit's one message)`, group.id, (message) =>
    buttons(message).some(
      (button) => button.callback_data.startsWith("ovs:") || button.callback_data.startsWith("ovl:"),
    ),
  );
  const card = lan
    .messages()
    .findLast((message) => buttons(message).some((b) => b.callback_data.startsWith("ovx:")));
  if (!card) throw new Error("Lan's pushed card did not arrive");
  const press = async (message: SandboxMessage, pick: (data: string) => boolean, what: string) => {
    const button = buttons(message).find((candidate) => pick(candidate.callback_data));
    if (!button) throw new Error(`no button for ${what}`);
    await transcript.exchange("Lan", `taps [ ${button.text} ]`, lan.chatId, () =>
      lan.pressButton(message.messageId, button.callback_data),
    );
  };
  await press(card, (data) => data.startsWith("ovl:") && data.endsWith(":all:0"), "the list");
  const list = lan.messages().find((message) => message.messageId === card.messageId) ?? card;
  const listMessage = lan.messages().at(-1) ?? list;
  await press(listMessage, (data) => data.startsWith("ovl:") && data.includes(":missingCause:"), "a filter");
  const filtered = lan.messages().at(-1) ?? listMessage;
  await press(filtered, (data) => data.startsWith("ovd:"), "a dossier");
  const dossierCard = lan.messages().at(-1) ?? filtered;
  await press(dossierCard, (data) => data.startsWith("ovl:"), "back to the list");
  await transcript.exchange("Lan", "/overdue", lan.chatId, () => lan.sendText("/overdue"));
  const summary = lan.messages().at(-1);
  if (!summary) throw new Error("/overdue did not answer");
  const xlsx = buttons(summary).find((button) => button.callback_data.startsWith("ovx:"));
  if (!xlsx) throw new Error("the summary has no spreadsheet button");
  await transcript.exchange(
    "Lan",
    `taps [ ${xlsx.text} ]`,
    lan.chatId,
    () => lan.pressButton(summary.messageId, xlsx.callback_data),
    { until: (message) => message.document !== undefined },
  );
}

/** A generated month of the Hanoi sample (`npm run sample`), for a given period. */
async function sampleMonth(period: string, asOf: string): Promise<SampleMonth> {
  const units = await loadUnitsFile("samples/hanoi/units.json");
  return generateSampleMonth(
    { ...units, reference: { ...units.reference, period, asOf } },
    createWorkingCalendar(VN_CALENDAR_DAYS),
    { dossiers: 400, seed: `demo-${period}` },
  );
}

/** The Center imports a generated month (`npm run sample`) by sending the two files to the bot. */
async function importSampleMonth(
  transcript: Transcript,
  admin: SandboxUser,
  lan: SandboxUser,
  sampleDir: string,
): Promise<SampleMonth> {
  const month = await sampleMonth("2025-03", "2025-04-11T11:00");
  const written = await writeSampleMonth(month, sampleDir, "xlsx");
  const [scores, dossiers] = await Promise.all(
    written.map(async (file) => ({ fileName: basename(file.path), content: await readFile(file.path) })),
  );
  if (!scores || !dossiers) throw new Error("the sample month was not written");

  await transcript.exchange("Lan", `sends ${dossiers.fileName}`, lan.chatId, () =>
    lan.uploadDocument(dossiers),
  );
  for (const file of [scores, dossiers]) {
    await transcript.exchange(
      "Hà",
      `sends ${file.fileName}`,
      admin.chatId,
      () => admin.uploadDocument(file),
      {
        until: (message) => message.replyMarkup !== undefined,
      },
    );
    const preview = admin.messages().at(-1);
    const confirm = (preview?.replyMarkup as InlineKeyboardMarkup | undefined)?.inline_keyboard[0]?.[0];
    if (!preview || !confirm || !("callback_data" in confirm))
      throw new Error("the preview has no Confirm button");
    await transcript.exchange(
      "Hà",
      `taps [ ${confirm.text} ]`,
      admin.chatId,
      () => admin.pressButton(preview.messageId, confirm.callback_data),
      { until: (message) => message.messageId === preview.messageId && message.text !== preview.text },
    );
  }
  return month;
}

/**
 * The Center invites Lan to head a ward: a link and a QR code; Lan opens it, confirms, sees her
 * unit's members, binds the ward's group and looks up a dossier there (applicant masked).
 */
async function inviteUnitHead(
  transcript: Transcript,
  sandbox: BotApiSandbox,
  admin: SandboxUser,
  lan: SandboxUser,
  month: SampleMonth,
  alsoOverdueIn?: SampleMonth,
) {
  const ward =
    month.units.find(
      (unit) =>
        unit.kind === "COMMUNE" &&
        (alsoOverdueIn?.dossiers.some((dossier) => dossier.unitCode === unit.code) ?? true) &&
        month.dossiers.some((dossier) => dossier.unitCode === unit.code),
    ) ?? month.units.find((unit) => unit.kind === "COMMUNE");
  const dossier = month.dossiers.find((candidate) => candidate.unitCode === ward?.code);
  if (!ward || !dossier) throw new Error("the sample month has no ward with overdue dossiers");
  await transcript.exchange("Hà", `/invite ${ward.nameVi}`, admin.chatId, () =>
    admin.sendText(`/invite ${ward.nameVi}`),
  );
  const menu = admin.messages().at(-1);
  const headButton = buttons(menu).find((button) => button.callback_data.includes(":UNIT_HEAD:"));
  if (!menu || !headButton) throw new Error("the invite menu has no button for a unit head");
  await transcript.exchange(
    "Hà",
    `taps [ ${headButton.text} ]`,
    admin.chatId,
    () => admin.pressButton(menu.messageId, headButton.callback_data),
    { until: (message) => message.photo !== undefined },
  );
  const link = admin
    .messages()
    .map((message) => message.text?.match(/https:\/\/t\.me\/\S+/)?.[0])
    .findLast(Boolean);
  if (!link) throw new Error("the invite card has no link");
  const payload = new URL(link).searchParams.get("start") ?? "";
  await transcript.exchange(
    "Lan",
    "opens the invite link (Telegram sends /start with its code)",
    lan.chatId,
    () => lan.sendText(`/start ${payload}`),
  );
  const offer = lan.messages().at(-1);
  const join = buttons(offer)[0];
  if (!offer || !join) throw new Error("the invite offer has no Join button");
  await transcript.exchange("Lan", `taps [ ${join.text} ]`, lan.chatId, () =>
    lan.pressButton(offer.messageId, join.callback_data),
  );
  await transcript.exchange("Lan", "/members", lan.chatId, () => lan.sendText("/members"));

  const group = { id: -1_001_234_567_890, title: `${ward.nameVi} — cán bộ` };
  sandbox.addGroup(group, [
    { userId: lan.id, status: "creator" },
    { userId: sandbox.botInfo.id, status: "member" },
  ]);
  const bind = `/bind@${sandbox.botInfo.username}`;
  await transcript.exchange(`Lan (in the group “${group.title}”)`, bind, group.id, () =>
    lan.sendText(bind, { chatId: group.id }),
  );
  const history = `/history@${sandbox.botInfo.username} ${dossier.code}`;
  await transcript.exchange("Lan (in the group)", history, group.id, () =>
    lan.sendText(history, { chatId: group.id }),
  );
  return { ...group, ward: { code: ward.code } };
}

/**
 * February's overdue list arrives late. The sweep after the import finds Lan's ward overdue two
 * months running (L2): she and the Center are told. The Center escalates it to the People's
 * Committee by hand (L3) and schedules a sample inspection; Lan acknowledges.
 */
async function escalateRepeatedDelays(
  transcript: Transcript,
  admin: SandboxUser,
  lan: SandboxUser,
  february: SampleMonth,
  ward: { code: string },
  sampleDir: string,
) {
  const [, written] = await writeSampleMonth(february, join(sampleDir, "february"), "xlsx");
  const file = { fileName: basename(written.path), content: await readFile(written.path) };
  await transcript.exchange(
    "Hà",
    `sends ${file.fileName} (February, imported late)`,
    admin.chatId,
    () => admin.uploadDocument(file),
    {
      until: (message) => message.replyMarkup !== undefined,
    },
  );
  const preview = admin.messages().at(-1);
  const confirm = buttons(preview).find((button) => button.callback_data.startsWith("imp:"));
  if (!preview || !confirm) throw new Error("the February preview has no Confirm button");
  const isSummary = (message: SandboxMessage) => message.text?.includes("Cảnh báo thay đổi") ?? false;
  await transcript.exchange(
    "Hà",
    `taps [ ${confirm.text} ]`,
    admin.chatId,
    () => admin.pressButton(preview.messageId, confirm.callback_data),
    { until: isSummary, settleMs: 500 },
  );
  await transcript.arrivals("Lan's private chat (the escalation notice)", lan.chatId, (message) =>
    buttons(message).some((button) => button.callback_data.startsWith("esca:")),
  );
  await transcript.exchange("Hà", `/escalation ${ward.code}`, admin.chatId, () =>
    admin.sendText(`/escalation ${ward.code}`),
  );
  const timeline = admin.messages().at(-1);
  const escalate = buttons(timeline).find((button) => button.callback_data.startsWith("esce:"));
  const inspect = buttons(timeline).find((button) => button.callback_data.startsWith("insp:"));
  if (!timeline || !escalate || !inspect) throw new Error("the timeline has no Escalate or Inspect button");
  await transcript.exchange("Hà", `taps [ ${inspect.text} ]`, admin.chatId, () =>
    admin.pressButton(timeline.messageId, inspect.callback_data),
  );
  admin.pressButton(timeline.messageId, escalate.callback_data);
  await transcript.arrivals(
    `Lan's private chat (after Hà taps [ ${escalate.text} ])`,
    lan.chatId,
    (message) => message.text?.includes("People's Committee") ?? false,
  );
  const l3 = lan.messages().findLast((message) => message.text?.includes("People's Committee") ?? false);
  const acknowledge = buttons(l3).find((button) => button.callback_data.startsWith("esca:"));
  if (!l3 || !acknowledge) throw new Error("the L3 notice has no Acknowledge button");
  // Acknowledging answers on the button itself; her list then shows it acknowledged.
  lan.pressButton(l3.messageId, acknowledge.callback_data);
  await new Promise((resolve) => setTimeout(resolve, 500));
  await transcript.exchange("Lan", `taps [ ${acknowledge.text} ], then /escalations`, lan.chatId, () =>
    lan.sendText("/escalations"),
  );
  await transcript.exchange("Hà", "/escalations", admin.chatId, () => admin.sendText("/escalations"));
}

function buttons(message: SandboxMessage | undefined): Array<{ text: string; callback_data: string }> {
  const markup = message?.replyMarkup as InlineKeyboardMarkup | undefined;
  return (markup?.inline_keyboard.flat() ?? []).filter(
    (button): button is { text: string; callback_data: string } => "callback_data" in button,
  );
}
