import { describe, expect, it } from "vitest";
import { EntityParseError, parseTelegramHtml } from "../../src/sandbox/telegram-html.js";

describe("parseTelegramHtml", () => {
  it("turns every supported tag into its entity", () => {
    const html =
      "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>" +
      '<tg-spoiler>p</tg-spoiler><span class="tg-spoiler">q</span><a href="https://x.org/?a=1&b=2">l</a>' +
      '<code>c</code><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>';
    const { text, entities } = parseTelegramHtml(html);
    expect(text).toBe("bsieunskdpqlc👍");
    expect(entities.map((e) => e.type)).toEqual([
      "bold",
      "bold",
      "italic",
      "italic",
      "underline",
      "underline",
      "strikethrough",
      "strikethrough",
      "strikethrough",
      "spoiler",
      "spoiler",
      "text_link",
      "code",
      "custom_emoji",
    ]);
    expect(entities[11]).toEqual({ type: "text_link", offset: 11, length: 1, url: "https://x.org/?a=1&b=2" });
    expect(entities[13]).toEqual({
      type: "custom_emoji",
      offset: 13,
      length: 2,
      custom_emoji_id: "5368324170671202286",
    });
  });

  it("merges pre with a nested language code block and keeps nesting offsets in UTF-16", () => {
    const { text, entities } = parseTelegramHtml(
      '😀<pre><code class="language-ts">let x</code></pre><b>a<i>b</i></b>',
    );
    expect(text).toBe("😀let xab");
    expect(entities).toEqual([
      { type: "pre", offset: 2, length: 5, language: "ts" },
      { type: "bold", offset: 7, length: 2 },
      { type: "italic", offset: 8, length: 1 },
    ]);
  });

  it("supports blockquote, expandable blockquote and plain pre", () => {
    expect(parseTelegramHtml("<blockquote expandable>q</blockquote><pre>p</pre>").entities).toEqual([
      { type: "expandable_blockquote", offset: 0, length: 1 },
      { type: "pre", offset: 1, length: 1 },
    ]);
  });

  it("decodes named and numeric entities, with or without the semicolon", () => {
    expect(parseTelegramHtml("&lt;a&gt; &amp; &quot;x&quot; &#128512; &#x41;&#66").text).toBe(
      '<a> & "x" 😀 AB',
    );
  });

  it("reports byte offsets in UTF-8, as Telegram does", () => {
    expect(() => parseTelegramHtml("ééé<x>")).toThrow(
      new EntityParseError('Unsupported start tag "x" at byte offset 6'),
    );
    expect(() => parseTelegramHtml("<b")).toThrow(
      new EntityParseError("Unclosed start tag at byte offset 0"),
    );
    expect(() => parseTelegramHtml("&nbsp;")).toThrow(new EntityParseError('Unescaped "&" at byte offset 0'));
  });
});
