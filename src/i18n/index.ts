import i18next, { type TFunction } from "i18next";
import { type Locale, SUPPORTED_LOCALES } from "../config.js";
import { type LocaleResources, loadLocaleResources } from "./locales.js";

export type { TFunction };

export interface Translator {
  /** A translate function bound to one language. */
  forLocale(locale: Locale): TFunction;
  readonly defaultLocale: Locale;
}

export function createTranslator(
  defaultLocale: Locale,
  resources: LocaleResources = loadLocaleResources(),
): Translator {
  const instance = i18next.createInstance();
  instance.init({
    initAsync: false,
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    supportedLngs: [...SUPPORTED_LOCALES],
    resources: Object.fromEntries(
      SUPPORTED_LOCALES.map((locale) => [locale, { translation: resources[locale] }]),
    ),
    // Messages are sent with parse_mode HTML: interpolated values are escaped the way
    // Telegram's HTML parser expects (it knows only &lt; &gt; &amp; &quot; and numeric entities).
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
  });
  const bound = new Map(SUPPORTED_LOCALES.map((locale) => [locale, instance.getFixedT(locale)]));
  return {
    defaultLocale,
    forLocale: (locale) => bound.get(locale) ?? instance.getFixedT(defaultLocale),
  };
}

/**
 * The language a user sees: the one they chose (stored on their record), else Telegram's
 * `language_code` (Vietnamese gives vi, anything else en), else the configured default.
 */
export function resolveLocale(
  chosen: string | null | undefined,
  telegramLanguageCode: string | undefined,
  defaultLocale: Locale,
): Locale {
  if (chosen && isLocale(chosen)) return chosen;
  if (telegramLanguageCode) return telegramLanguageCode.toLowerCase().startsWith("vi") ? "vi" : "en";
  return defaultLocale;
}

export function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
