import type { MessageEntity } from "grammy/types";

/**
 * Telegram's HTML parse mode, following TDLib's parser (same tags, same error texts and byte
 * offsets), except that a bare "&" that starts no entity is an error here: TDLib keeps it
 * literally, but the Bot API documentation requires escaping it, and a bot that forgets to
 * escape user input is exactly what tests should catch.
 */
export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

/** Message without the "Bad Request: can't parse entities: " prefix. */
export class EntityParseError extends Error {
  override name = "EntityParseError";
}

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "code",
  "pre",
  "tg-spoiler",
  "span",
  "blockquote",
  "tg-emoji",
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  name: string;
  argument: string;
  /** UTF-16 offset in the parsed text. */
  offset: number;
}

/** An entity before `pre` has had the chance to absorb a `code class="language-x"` inside it. */
interface DraftEntity {
  entity: MessageEntity;
  language?: string;
}

export function parseTelegramHtml(html: string): ParsedText {
  const parser = new HtmlParser(html);
  return parser.parse();
}

const isSpace = (c: string | undefined): boolean =>
  c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
const isAlpha = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);
const isNameTokenChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9.-]/.test(c);

class HtmlParser {
  private out = "";
  private readonly open: OpenTag[] = [];
  private readonly drafts: DraftEntity[] = [];
  private i = 0;

  constructor(private readonly html: string) {}

  parse(): ParsedText {
    while (this.i < this.html.length) {
      const c = this.html[this.i];
      if (c === "&") this.readTextEntity();
      else if (c === "<" && this.html[this.i + 1] === "/") this.readEndTag();
      else if (c === "<") this.readStartTag();
      else {
        this.out += c;
        this.i++;
      }
    }
    const unclosed = this.open.at(-1);
    if (unclosed)
      throw new EntityParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    return { text: this.out, entities: finishEntities(this.drafts) };
  }

  private byteOffset(index: number): number {
    return Buffer.byteLength(this.html.slice(0, index), "utf8");
  }

  private readTextEntity(): void {
    const decoded = decodeHtmlEntity(this.html, this.i);
    if (decoded === undefined) {
      throw new EntityParseError(`Unescaped "&" at byte offset ${this.byteOffset(this.i)}`);
    }
    this.out += decoded.value;
    this.i = decoded.end;
  }

  private readStartTag(): void {
    const begin = this.i;
    const html = this.html;
    let i = begin + 1;
    while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    if (i >= html.length)
      throw new EntityParseError(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    const name = html.slice(begin + 1, i).toLowerCase();
    if (!SUPPORTED_TAGS.has(name)) {
      throw new EntityParseError(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(begin)}`);
    }
    this.i = i;
    const argument = this.readAttributes(name, begin);
    if (name === "span" && argument !== "spoiler") {
      throw new EntityParseError(
        `Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(begin)}`,
      );
    }
    this.open.push({ name, argument, offset: this.out.length });
  }

  /** Reads up to and including ">" and returns the one attribute value the tag cares about. */
  private readAttributes(tag: string, begin: number): string {
    const html = this.html;
    let argument = "";
    for (;;) {
      while (isSpace(html[this.i])) this.i++;
      if (this.i >= html.length) {
        throw new EntityParseError(`Unclosed start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
      }
      if (html[this.i] === ">") break;
      const nameStart = this.i;
      while (this.i < html.length && !isSpace(html[this.i]) && html[this.i] !== "=" && html[this.i] !== ">") {
        this.i++;
      }
      const attribute = html.slice(nameStart, this.i);
      while (isSpace(html[this.i])) this.i++;
      if (html[this.i] !== "=") {
        if (tag === "blockquote" && attribute === "expandable") {
          argument = "expandable";
          continue;
        }
        throw new EntityParseError(
          `Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${this.byteOffset(begin)}`,
        );
      }
      this.i++;
      const value = this.readAttributeValue(tag, begin);
      argument = attributeArgument(tag, attribute, value) ?? argument;
    }
    this.i++;
    return argument;
  }

  private readAttributeValue(tag: string, begin: number): string {
    const html = this.html;
    while (isSpace(html[this.i])) this.i++;
    if (this.i >= html.length) {
      throw new EntityParseError(`Unclosed start tag "${tag}" at byte offset ${this.byteOffset(begin)}`);
    }
    const quote = html[this.i];
    if (quote !== '"' && quote !== "'") {
      const start = this.i;
      while (isNameTokenChar(html[this.i])) this.i++;
      if (!isSpace(html[this.i]) && html[this.i] !== ">") {
        throw new EntityParseError(`Unexpected end of name token at byte offset ${this.byteOffset(start)}`);
      }
      return html.slice(start, this.i).toLowerCase();
    }
    this.i++;
    let value = "";
    while (this.i < html.length && html[this.i] !== quote) {
      // Inside attribute values TDLib keeps an undecodable "&" as it is; URLs rely on that.
      const decoded = html[this.i] === "&" ? decodeHtmlEntity(html, this.i) : undefined;
      if (decoded) {
        value += decoded.value;
        this.i = decoded.end;
      } else {
        value += html[this.i];
        this.i++;
      }
    }
    if (this.i >= html.length) {
      throw new EntityParseError(`Unclosed start tag at byte offset ${this.byteOffset(begin)}`);
    }
    this.i++;
    return value;
  }

  private readEndTag(): void {
    const begin = this.i;
    const html = this.html;
    const top = this.open.pop();
    if (top === undefined)
      throw new EntityParseError(`Unexpected end tag at byte offset ${this.byteOffset(begin)}`);
    let i = begin + 2;
    while (i < html.length && !isSpace(html[i]) && html[i] !== ">") i++;
    const endName = html.slice(begin + 2, i).toLowerCase();
    while (isSpace(html[i])) i++;
    if (html[i] !== ">")
      throw new EntityParseError(`Unclosed end tag at byte offset ${this.byteOffset(begin)}`);
    if (endName !== "" && endName !== top.name) {
      throw new EntityParseError(
        `Unmatched end tag at byte offset ${this.byteOffset(begin)}, expected "</${top.name}>", found "</${endName}>"`,
      );
    }
    this.i = i + 1;
    this.closeEntity(top);
  }

  private closeEntity(tag: OpenTag): void {
    const length = this.out.length - tag.offset;
    if (length === 0) return;
    const { offset } = tag;
    if (tag.name === "pre") {
      this.drafts.push(preEntity(this.drafts, offset, length));
      return;
    }
    const draft = draftFor(tag, offset, length);
    if (draft) this.drafts.push(draft);
  }
}

function attributeArgument(tag: string, attribute: string, value: string): string | undefined {
  if (tag === "a" && attribute === "href") return value;
  if (tag === "code" && attribute === "class" && value.startsWith("language-")) return value.slice(9);
  if (tag === "span" && attribute === "class" && value.startsWith("tg-")) return value.slice(3);
  if (tag === "tg-emoji" && attribute === "emoji-id") return value;
  return undefined;
}

function draftFor(tag: OpenTag, offset: number, length: number): DraftEntity | undefined {
  const simple = SIMPLE_ENTITY_TYPES[tag.name];
  if (simple) return { entity: { type: simple, offset, length } };
  switch (tag.name) {
    case "a":
      return tag.argument === ""
        ? undefined
        : { entity: { type: "text_link", offset, length, url: tag.argument } };
    case "code":
      return { entity: { type: "code", offset, length }, language: tag.argument || undefined };
    case "blockquote":
      return {
        entity: {
          type: tag.argument === "expandable" ? "expandable_blockquote" : "blockquote",
          offset,
          length,
        },
      };
    case "tg-emoji":
      return { entity: { type: "custom_emoji", offset, length, custom_emoji_id: tag.argument } };
    default:
      return undefined;
  }
}

const SIMPLE_ENTITY_TYPES: Readonly<Record<string, MessageEntity.CommonMessageEntity["type"]>> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
};

/** `<pre><code class="language-x">...</code></pre>` becomes one pre entity with that language. */
function preEntity(drafts: DraftEntity[], offset: number, length: number): DraftEntity {
  const last = drafts.at(-1);
  const sameRange = last?.entity.offset === offset && last.entity.length === length;
  if (last && sameRange && last.entity.type === "code") {
    drafts.pop();
    if (last.language) return { entity: { type: "pre", offset, length, language: last.language } };
  }
  return { entity: { type: "pre", offset, length } };
}

function finishEntities(drafts: readonly DraftEntity[]): MessageEntity[] {
  return drafts.map((d) => d.entity).sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** Decodes `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric references (the ";" is optional, as in TDLib). */
export function decodeHtmlEntity(text: string, start: number): { value: string; end: number } | undefined {
  let end = start + 1;
  let codePoint: number | undefined;
  if (text[end] === "#") {
    end++;
    const hex = text[end] === "x" || text[end] === "X";
    if (hex) end++;
    const digitsStart = end;
    while (end < text.length && (hex ? /[0-9A-Fa-f]/ : /[0-9]/).test(text[end] ?? "")) end++;
    const digits = text.slice(digitsStart, end);
    if (digits === "" || digits.length > 7) return undefined;
    codePoint = Number.parseInt(digits, hex ? 16 : 10);
    if (codePoint === 0 || codePoint >= 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return undefined;
  } else {
    while (isAlpha(text[end])) end++;
    const named = NAMED_ENTITIES[text.slice(start + 1, end)];
    if (named === undefined) return undefined;
    codePoint = named.codePointAt(0);
  }
  if (codePoint === undefined) return undefined;
  if (text[end] === ";") end++;
  return { value: String.fromCodePoint(codePoint), end };
}

/** Escapes text for HTML parse mode; handy for tests building expected messages. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
