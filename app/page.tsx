import { connection } from "next/server";
import { getRoadmapOverview } from "@/lib/roadmaps";
import { MilestoneStatus } from "@/lib/generated/prisma/enums";

const statusLabels: Record<MilestoneStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  completed: "Completed",
  delayed: "Delayed",
  at_risk: "At risk",
  cancelled: "Cancelled",
};

export default async function OverviewPage() {
  await connection(); // read at request time: the build never touches a database
  const roadmap = await getRoadmapOverview(null);
  if (!roadmap) {
    return <main className="mx-auto max-w-4xl p-8">The Road Map has not been loaded yet.</main>;
  }
  return (
    <main className="mx-auto max-w-4xl p-8">
      <h1 className="text-2xl font-semibold">{roadmap.title.en}</h1>
      <p className="mt-2 text-slate-700">
        {roadmap.partyA.en} and {roadmap.partyB.en}, adopted {roadmap.adoptedOn.toISOString().slice(0, 10)}, {roadmap.firstYear}–{roadmap.lastYear}
      </p>
      <h2 className="mt-8 text-xl font-semibold">Pillars</h2>
      <ol className="mt-4 space-y-4">
        {roadmap.pillars.map((pillar) => (
          <li key={pillar.slug} className="rounded border border-slate-300 p-4">
            <h3 className="font-semibold">
              {pillar.position}. {pillar.name.en}
            </h3>
            <p className="text-sm text-slate-700">{pillar.total} milestones</p>
            <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {Object.values(MilestoneStatus).map((status) => (
                <div key={status} className="flex gap-1">
                  <dt>{statusLabels[status]}:</dt>
                  <dd className="font-medium">{pillar.counts[status]}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </main>
  );
}
