import { describe, expect, it } from "vitest";
import { type CommandSpec, commandsAvailable, isKnownCommand } from "../../src/domain/commands.js";

const catalog: CommandSpec[] = [
  { name: "help", audience: "everyone", chats: ["private", "group"] },
  { name: "import", audience: ["CENTER_ADMIN"], chats: ["private"] },
  { name: "bind", audience: ["UNIT_HEAD"], chats: ["group"] },
];

describe("commandsAvailable", () => {
  it("shows each person only the commands their roles allow, where they are", () => {
    const names = (specs: CommandSpec[]) => specs.map((spec) => spec.name);
    expect(names(commandsAvailable([], "private", catalog))).toEqual(["help"]);
    expect(names(commandsAvailable(["CENTER_ADMIN"], "private", catalog))).toEqual(["help", "import"]);
    expect(names(commandsAvailable(["UNIT_HEAD"], "private", catalog))).toEqual(["help"]);
    expect(names(commandsAvailable(["UNIT_HEAD"], "group", catalog))).toEqual(["help", "bind"]);
  });

  it("knows its commands regardless of case", () => {
    expect(isKnownCommand("HELP", catalog)).toBe(true);
    expect(isKnownCommand("frobnicate", catalog)).toBe(false);
  });
});
