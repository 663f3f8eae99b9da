// Reads what the server stored, through its tRPC API with the page's own session cookie: a browser test
// checks the row a person's click wrote, not only the notice the portal showed.
import type { Page } from "playwright-core";
import type { RouterInputs, RouterOutputs } from "../src/lib/trpc";

type Queries = {
  "cycle.list": [RouterInputs["cycle"]["list"], RouterOutputs["cycle"]["list"]];
  "ruleSet.list": [RouterInputs["ruleSet"]["list"], RouterOutputs["ruleSet"]["list"]];
  "ruleSet.get": [RouterInputs["ruleSet"]["get"], RouterOutputs["ruleSet"]["get"]];
  "result.list": [RouterInputs["result"]["list"], RouterOutputs["result"]["list"]];
  "result.get": [RouterInputs["result"]["get"], RouterOutputs["result"]["get"]];
  "appeal.inbox": [RouterInputs["appeal"]["inbox"], RouterOutputs["appeal"]["inbox"]];
  "account.list": [RouterInputs["account"]["list"], RouterOutputs["account"]["list"]];
  "account.bulkStatus": [RouterInputs["account"]["bulkStatus"], RouterOutputs["account"]["bulkStatus"]];
  "account.sessions": [RouterInputs["account"]["sessions"], RouterOutputs["account"]["sessions"]];
  "assessment.tasks": [RouterInputs["assessment"]["tasks"], RouterOutputs["assessment"]["tasks"]];
  "assessment.form": [RouterInputs["assessment"]["form"], RouterOutputs["assessment"]["form"]];
  "notification.unreadCount": [RouterInputs["notification"]["unreadCount"], RouterOutputs["notification"]["unreadCount"]];
  "notification.inbox": [RouterInputs["notification"]["inbox"], RouterOutputs["notification"]["inbox"]];
  "notification.preference": [RouterInputs["notification"]["preference"], RouterOutputs["notification"]["preference"]];
  "notification.templates": [RouterInputs["notification"]["templates"], RouterOutputs["notification"]["templates"]];
  "notification.schedule": [RouterInputs["notification"]["schedule"], RouterOutputs["notification"]["schedule"]];
  "notification.outbox": [RouterInputs["notification"]["outbox"], RouterOutputs["notification"]["outbox"]];
  "identityProvider.list": [RouterInputs["identityProvider"]["list"], RouterOutputs["identityProvider"]["list"]];
  "region.guidedStart": [RouterInputs["region"]["guidedStart"], RouterOutputs["region"]["guidedStart"]];
  "unit.tree": [RouterInputs["unit"]["tree"], RouterOutputs["unit"]["tree"]];
  "employee.list": [RouterInputs["employee"]["list"], RouterOutputs["employee"]["list"]];
  "employee.importedHistory": [RouterInputs["employee"]["importedHistory"], RouterOutputs["employee"]["importedHistory"]];
  "result.distribution": [RouterInputs["result"]["distribution"], RouterOutputs["result"]["distribution"]];
  "forum.proposals": [RouterInputs["forum"]["proposals"], RouterOutputs["forum"]["proposals"]];
  "forum.calibrations": [RouterInputs["forum"]["calibrations"], RouterOutputs["forum"]["calibrations"]];
  "ruleSet.baselineStatus": [RouterInputs["ruleSet"]["baselineStatus"], RouterOutputs["ruleSet"]["baselineStatus"]];
  "baseline.list": [RouterInputs["baseline"]["list"], RouterOutputs["baseline"]["list"]];
  "baseline.get": [RouterInputs["baseline"]["get"], RouterOutputs["baseline"]["get"]];
  "integration.tokens": [RouterInputs["integration"]["tokens"], RouterOutputs["integration"]["tokens"]];
  "connector.list": [RouterInputs["connector"]["list"], RouterOutputs["connector"]["list"]];
  "connector.runs": [RouterInputs["connector"]["runs"], RouterOutputs["connector"]["runs"]];
  "connector.schedules": [RouterInputs["connector"]["schedules"], RouterOutputs["connector"]["schedules"]];
  "connector.holidays": [RouterInputs["connector"]["holidays"], RouterOutputs["connector"]["holidays"]];
  "connector.attendance": [RouterInputs["connector"]["attendance"], RouterOutputs["connector"]["attendance"]];
  "connector.siasnSubmissions": [RouterInputs["connector"]["siasnSubmissions"], RouterOutputs["connector"]["siasnSubmissions"]];
  "baseline.audit": [RouterInputs["baseline"]["audit"], RouterOutputs["baseline"]["audit"]];
  "workEntry.list": [RouterInputs["workEntry"]["list"], RouterOutputs["workEntry"]["list"]];
  "forum.memberSessions": [RouterInputs["forum"]["memberSessions"], RouterOutputs["forum"]["memberSessions"]];
  "forum.session": [RouterInputs["forum"]["session"], RouterOutputs["forum"]["session"]];
};

export async function query<P extends keyof Queries>(page: Page, path: P, input: Queries[P][0]): Promise<Queries[P][1]> {
  // A procedure without input is called without one, as the portal's client does.
  const url = input === undefined ? `/trpc/${path}` : `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await page.request.get(url).catch((error: Error) => {
    // A kept-alive connection the server closed (its keep-alive timeout) just as this GET went out on it: the
    // browser sends such a GET again on a new connection, and so does this.
    if (!/ECONNRESET/.test(error.message)) throw error;
    return page.request.get(url);
  });
  const body = (await response.json()) as { result?: { data: Queries[P][1] }; error?: unknown };
  if (!response.ok() || !body.result) throw new Error(`${path} answered ${response.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data;
}

/** The region's open cycle, as the signed-in person sees it. */
export async function openCycleId(page: Page): Promise<string> {
  const open = (await query(page, "cycle.list", {})).find((c) => c.status === "open");
  if (!open) throw new Error("no open cycle");
  return open.id;
}

type Mutations = {
  "assessment.reopen": [RouterInputs["assessment"]["reopen"], RouterOutputs["assessment"]["reopen"]];
  "region.create": [RouterInputs["region"]["create"], RouterOutputs["region"]["create"]];
  "cycle.close": [RouterInputs["cycle"]["close"], RouterOutputs["cycle"]["close"]];
  "ruleSet.whatIf": [RouterInputs["ruleSet"]["whatIf"], RouterOutputs["ruleSet"]["whatIf"]];
  "plan.create": [RouterInputs["plan"]["create"], RouterOutputs["plan"]["create"]];
  "plan.save": [RouterInputs["plan"]["save"], RouterOutputs["plan"]["save"]];
  "plan.submit": [RouterInputs["plan"]["submit"], RouterOutputs["plan"]["submit"]];
  "plan.approve": [RouterInputs["plan"]["approve"], RouterOutputs["plan"]["approve"]];
  "forum.record": [RouterInputs["forum"]["record"], RouterOutputs["forum"]["record"]];
};

export async function mutate<P extends keyof Mutations>(page: Page, path: P, input: Mutations[P][0]): Promise<Mutations[P][1]> {
  // Sent as the page's own, as the portal's fetch would be.
  const response = await page.request.post(`/trpc/${path}`, { data: input, headers: { origin: new URL(page.url()).origin } });
  const body = (await response.json()) as { result?: { data: Mutations[P][1] }; error?: unknown };
  if (!response.ok() || !body.result) throw new Error(`${path} answered ${response.status()}: ${JSON.stringify(body.error ?? body)}`);
  return body.result.data;
}
