import { z } from "zod";
import { SUPPORTED_LOCALES } from "../../config.js";
import { defineCallbackData } from "./codec.js";

export const chooseLanguageData = defineCallbackData("lang", { locale: z.enum(SUPPORTED_LOCALES) });
