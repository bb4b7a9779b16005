import { describe, expect, it } from "vitest";
import { withoutScripts } from "@/lib/public/page-cache.js";

describe("pages kept in the public page cache", () => {
  const page = [
    "<!DOCTYPE html><html><head>",
    '<link rel="stylesheet" href="/_next/static/chunks/a.css"/>',
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
    '<link rel="modulepreload" href="/_next/static/chunks/c.js"/>',
    '<script src="/_next/static/chunks/b.js" async=""></script>',
    '<script type="application/ld+json">{"@type":"GovernmentService"}</script>',
    "</head><body><main><h1>Road Map</h1><p>a &lt;script&gt; in text stays</p></main>",
    '<script>self.__next_f.push([1,"\\u003cdiv\\u003e"])</script>',
    '<script>self.__next_f.push([1,"more"])\n</script></body></html>',
  ].join("");

  it("lose Next's scripts and script preloads, and keep everything a visitor reads", () => {
    expect(withoutScripts(page)).toBe(
      "<!DOCTYPE html><html><head>" +
        '<link rel="stylesheet" href="/_next/static/chunks/a.css"/>' +
        '<script type="application/ld+json">{"@type":"GovernmentService"}</script>' +
        "</head><body><main><h1>Road Map</h1><p>a &lt;script&gt; in text stays</p></main></body></html>",
    );
  });

  it("keep their scripts when these carry a nonce, as staff pages' do", () => {
    const staffPage = '<html><body><form></form><script nonce="abc">self.__next_f.push([1])</script></body></html>';
    expect(withoutScripts(staffPage)).toBe(staffPage);
  });
});
