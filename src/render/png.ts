// SVG to PNG on the server with resvg (a prebuilt binary inside its npm package) and the DejaVu
// fonts shipped in an npm package: never the machine's own fonts, which a fresh server may lack
// (Vietnamese then turns into boxes). Measured against @napi-rs/canvas for a 1200x800 chart with
// Vietnamese labels: resvg 60 ms and 117 MB RSS, canvas 31 ms and 160 MB, and canvas ships
// 35 MB against 4 MB; a chart a week (or a button press) needs no more speed, and an SVG string
// is a pure function that tests can read.
import { createRequire } from "node:module";
import type { Resvg as ResvgClass } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);

/** The one font family charts use; both faces come from the `dejavu-fonts-ttf` package. */
export const CHART_FONT_FAMILY = "DejaVu Sans";

/**
 * The renderer and the fonts are loaded on the first picture, not when the module is imported:
 * the command line (whose bundle includes this module) and the bot's start-up do not pay for a
 * native module they may never use.
 */
let loaded: { Resvg: typeof ResvgClass; fontFiles: string[] } | null = null;

function renderer() {
  loaded ??= {
    Resvg: (require("@resvg/resvg-js") as { Resvg: typeof ResvgClass }).Resvg,
    fontFiles: [
      require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
      require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
    ],
  };
  return loaded;
}

export function svgToPng(svg: string): Buffer {
  const { Resvg, fontFiles } = renderer();
  const resvg = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    background: "#ffffff",
  });
  return resvg.render().asPng();
}

/** Text for an SVG element or attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * A label cut to fit a width, by an estimate of DejaVu Sans' advance (about 0.6 em a letter):
 * resvg lays text out but does not report its width, and a chart label never needs more.
 */
export function fitLabel(text: string, widthPx: number, fontSizePx: number): string {
  const max = Math.max(4, Math.floor(widthPx / (fontSizePx * 0.6)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
