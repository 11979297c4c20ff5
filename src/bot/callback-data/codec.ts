import { z } from "zod";

/** Telegram rejects callback_data over 64 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

export interface CallbackData<T extends Record<string, string | number>> {
  readonly prefix: string;
  /** Matches any callback data of this kind (valid or not: unpack decides). */
  readonly filter: RegExp;
  pack(value: T): string;
  /** The parsed value, or null when the data is malformed or forged. */
  unpack(data: string): T | null;
}

/**
 * Typed callback data `prefix:field1:field2`, validated with zod on the way in and checked
 * against Telegram's 64-byte limit on the way out. Field values may not contain ":".
 */
export function defineCallbackData<Shape extends z.ZodRawShape>(
  prefix: string,
  shape: Shape,
): CallbackData<z.infer<z.ZodObject<Shape>> & Record<string, string | number>> {
  type Value = z.infer<z.ZodObject<Shape>> & Record<string, string | number>;
  const schema = z.strictObject(shape);
  const fields = Object.keys(shape);
  return {
    prefix,
    filter: new RegExp(`^${prefix}(:|$)`),
    pack(value: Value) {
      const parts = fields.map((field) => String(value[field]));
      if (parts.some((part) => part.includes(":")))
        throw new Error(`callback data field contains ":" (${prefix})`);
      const data = [prefix, ...parts].join(":");
      if (Buffer.byteLength(data, "utf8") > CALLBACK_DATA_MAX_BYTES) {
        throw new Error(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${data}`);
      }
      return data;
    },
    unpack(data: string) {
      const [head, ...parts] = data.split(":");
      if (head !== prefix || parts.length !== fields.length) return null;
      const parsed = schema.safeParse(
        Object.fromEntries(fields.map((field, index) => [field, parts[index]])),
      );
      return parsed.success ? (parsed.data as Value) : null;
    },
  };
}
