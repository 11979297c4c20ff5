import { InlineKeyboard } from "grammy";
import { SUPPORTED_LOCALES } from "../../config.js";
import type { TFunction } from "../../i18n/index.js";
import { chooseLanguageData } from "../callback-data/language.js";

export function languageKeyboard(t: TFunction): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of SUPPORTED_LOCALES) {
    keyboard.text(t(`language.name.${locale}`), chooseLanguageData.pack({ locale }));
  }
  return keyboard;
}
