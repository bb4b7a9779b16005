import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routing } from "@/i18n/routing";

const root = path.resolve(import.meta.dirname, "../..");

function libModules(directory = path.join(root, "lib")): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : libModules(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe("the data layer's modules", () => {
  it("each say where they run: server-only, or a first line saying it runs anywhere", () => {
    const unmarked = libModules().filter((file) => {
      const first = readFileSync(file, "utf8").split("\n", 1)[0]!;
      return first !== 'import "server-only";' && !first.startsWith("// Runs anywhere");
    });
    expect(unmarked.map((file) => path.relative(root, file))).toEqual([]);
  });

  it("that run anywhere import nothing server-only", () => {
    for (const file of libModules()) {
      const text = readFileSync(file, "utf8");
      if (!text.startsWith("// Runs anywhere")) continue;
      const imports = [...text.matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((match) => path.resolve(path.dirname(file), match[1]!));
      for (const imported of imports) {
        const candidates = [imported, `${imported}.ts`, `${imported}.js`].filter((candidate) => {
          try {
            return readFileSync(candidate, "utf8").length >= 0;
          } catch {
            return false;
          }
        });
        for (const candidate of candidates) {
          expect(
            readFileSync(candidate, "utf8").startsWith('import "server-only"'),
            `${path.relative(root, file)} imports ${path.relative(root, candidate)}`,
          ).toBe(false);
        }
      }
    }
  });
});

describe("the proxy", () => {
  it("names exactly the tracker's languages in its matcher", () => {
    // Read as text: the proxy module itself runs only inside Next.
    const matcher = /matcher: \[([^\]]*)\]/.exec(readFileSync(path.join(root, "proxy.ts"), "utf8"))![1]!;
    const named = [...matcher.matchAll(/\(\?:([a-z|]+)\)/g)].flatMap((match) => match[1]!.split("|"));
    expect(named.sort()).toEqual([...routing.locales].sort());
  });
});
