// Telegram's limits, defined once: every message, caption, button and download the bot makes
// is kept within them here, and the local sandbox enforces the same numbers.

/** Longest message text, in UTF-16 code units after entities are parsed. */
export const MAX_MESSAGE_TEXT = 4096;
/** Longest caption of a photo or document. */
export const MAX_CAPTION = 1024;
/** Longest callback data of an inline button, in bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;
/** Largest file a bot may upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Largest file getFile lets a bot download. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/**
 * What we allow ourselves for one message's text: below Telegram's limit, because HTML tags
 * count toward our string but not toward Telegram's (which counts the parsed text), and an
 * entity expanded by Telegram (`&amp;` becomes one character) only ever makes it shorter.
 */
export const MESSAGE_TEXT_BUDGET = 4000;

/**
 * Joins lines into as few messages as possible, each within `limit`; a line never splits
 * across two messages (so HTML tags stay balanced), and a single line over the limit is cut.
 */
export function splitIntoMessages(lines: readonly string[], limit = MESSAGE_TEXT_BUDGET): string[] {
  const messages: string[] = [];
  let current = "";
  for (const line of lines) {
    const piece = line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
    const joined = current === "" ? piece : `${current}\n${piece}`;
    if (joined.length <= limit) {
      current = joined;
      continue;
    }
    messages.push(current);
    current = piece;
  }
  if (current !== "") messages.push(current);
  return messages;
}

/**
 * Keeps the first lines that fit in one message and, when some had to go, ends with `ellipsis`
 * (itself counted within the limit).
 */
export function fitOneMessage(
  lines: readonly string[],
  ellipsis: string,
  limit = MESSAGE_TEXT_BUDGET,
): string {
  const whole = lines.join("\n");
  if (whole.length <= limit) return whole;
  const kept: string[] = [];
  let length = ellipsis.length;
  for (const line of lines) {
    if (length + line.length + 1 > limit) break;
    kept.push(line);
    length += line.length + 1;
  }
  return [...kept, ellipsis].join("\n");
}

/**
 * A message's HTML as plain text, for where Telegram (button alerts) or a terminal shows tags
 * literally: tags dropped, the entities Telegram's HTML knows turned back into characters.
 */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
