import { afterEach, describe, expect, it, vi } from "vitest";

const revalidateTag = vi.fn();
vi.mock("next/cache", () => ({ revalidateTag, unstable_cache: (read: unknown) => read }));

const { publicPageTags, refreshPublicPages } = await import("@/lib/public/cached-reads");

afterEach(() => {
  revalidateTag.mockClear();
  delete process.env.NEXT_RUNTIME;
});

describe("refreshing public pages after an editor's change", () => {
  it("expires at once the lists and the pages of exactly the changed milestones", () => {
    process.env.NEXT_RUNTIME = "nodejs";
    refreshPublicPages(["a-milestone", "another-one"]);
    expect(revalidateTag.mock.calls).toEqual([
      [publicPageTags.lists, { expire: 0 }],
      ["public:milestone:a-milestone", { expire: 0 }],
      ["public:milestone:another-one", { expire: 0 }],
    ]);
  });

  it("does nothing outside the Next server, where there is no page cache", () => {
    refreshPublicPages(["a-milestone"]);
    expect(revalidateTag).not.toHaveBeenCalled();
  });
});
