/**
 * A multipart/form-data reader. Node's own (`Response#formData`) rejects what grammY sends:
 * headers without a space after the colon and an unquoted `filename=` running to the end of
 * the line. This one accepts those as well as the RFC 7578 form browsers and undici send.
 */
export interface MultipartPart {
  name: string;
  /** Present for file parts. */
  fileName?: string;
  contentType?: string;
  content: Buffer;
}

export class MultipartError extends Error {
  override name = "MultipartError";
}

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const first = body.indexOf(delimiter);
  if (first === -1) throw new MultipartError("multipart boundary not found");
  const parts: MultipartPart[] = [];
  let pos = first + delimiter.length;
  for (;;) {
    if (body.subarray(pos, pos + 2).toString() === "--") return parts;
    if (body.subarray(pos, pos + 2).equals(CRLF)) pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd === -1) return parts;
    const contentStart = headerEnd + HEADER_END.length;
    const contentEnd = body.indexOf(nextDelimiter, contentStart);
    if (contentEnd === -1) throw new MultipartError("multipart body ends inside a part");
    const part = partFrom(body.toString("utf8", pos, headerEnd), body.subarray(contentStart, contentEnd));
    if (part) parts.push(part);
    pos = contentEnd + nextDelimiter.length;
  }
}

function partFrom(headerBlock: string, content: Buffer): MultipartPart | undefined {
  const headers = new Map<string, string>();
  for (const line of headerBlock.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition");
  if (disposition === undefined) return undefined;
  const name = dispositionParam(disposition, "name");
  if (name === undefined) return undefined;
  const fileName = dispositionFileName(disposition);
  return { name, fileName, contentType: headers.get("content-type"), content };
}

function dispositionFileName(disposition: string): string | undefined {
  const extended = dispositionParam(disposition, "filename*");
  if (extended !== undefined) {
    const encoded = extended.replace(/^[^']*'[^']*'/, "");
    try {
      return decodeURIComponent(encoded);
    } catch {
      return encoded;
    }
  }
  return dispositionParam(disposition, "filename");
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const escapedKey = key.replace(/[*]/g, "\\*");
  const match = new RegExp(`;\\s*${escapedKey}=("((?:[^"\\\\]|\\\\.)*)"|(.*))`, "i").exec(disposition);
  if (!match) return undefined;
  // Browsers and undici percent-encode these three in quoted names (WHATWG form encoding).
  if (match[2] !== undefined) return decodeFormQuotes(match[2].replace(/\\(.)/g, "$1"));
  const bare = match[3] ?? "";
  // An unquoted filename runs to the end of the header (grammY writes it last, unescaped).
  return key === "filename" ? bare.trim() : (bare.split(";")[0] ?? "").trim();
}

const decodeFormQuotes = (value: string): string =>
  value.replace(/%22/gi, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
