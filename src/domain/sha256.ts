import { createHash } from "node:crypto";

/** The SHA-256 of the bytes or text, as 64 lower-case hex digits (file fingerprints, invite codes). */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}
