import { describe, expect, it } from "vitest";
import { cachedListViewPath, listViewQuery } from "@/lib/public/list-view";

const path = (address: string) => {
  const url = new URL(address, "http://tracker.test");
  return cachedListViewPath(url.pathname, url.searchParams);
};

describe("list views served from the page cache", () => {
  it("names one cached page per view, whatever the order of the filters or empty form fields", () => {
    expect(path("/es/milestones")).toBe("/es/milestone-list/all");
    expect(path("/en/milestones?status=completed&pillar=economic&q=&agency=")).toBe("/en/milestone-list/pillar%3Deconomic%26status%3Dcompleted");
    expect(path("/en/milestones?pillar=economic&status=completed")).toBe(path("/en/milestones?status=completed&pillar=economic"));
    expect(path("/ja/milestones?year=2027&page=2&sort=title")).toBe("/ja/milestone-list/year%3D2027%26sort%3Dtitle%26page%3D2");
  });

  it("leaves free text, unknown values and other addresses to the page rendered per request", () => {
    for (const address of [
      "/en/milestones?q=copper",
      "/en/milestones?agency=MOFA",
      "/en/milestones?status=finished",
      "/en/milestones?year=soon",
      "/en/milestones?status=completed&status=planned",
      "/en/milestones?colour=red",
      "/fr/milestones",
      "/en/milestones/road-map-adoption-2024",
    ]) {
      expect(path(address), address).toBeNull();
    }
  });

  it("serves only canonical view names, so visitors cannot fill the cache with variants", () => {
    expect(listViewQuery("pillar=economic&status=completed")?.get("status")).toBe("completed");
    expect(listViewQuery("all")?.toString()).toBe("");
    expect(listViewQuery("status=completed&pillar=economic")).toBeNull();
    expect(listViewQuery("q=copper")).toBeNull();
  });
});
