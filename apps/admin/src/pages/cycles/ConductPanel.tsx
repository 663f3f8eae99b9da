// Running a cycle's assessments: the deadline of each rater source, the peers who rate each employee, and
// who is late. The admin sets deadlines; the admin and assessors choose peers, while the cycle is a draft
// or open. Choosing someone in the list of those missing peers opens their peers. The admin also chooses
// peers for many at once: automatically by the rules (PeerTools) and by replacing one rater (PeerSwap).
import { Card, Grid, Stack } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Cycle } from "../../lib/cycles";
import { sourcesUsed } from "../../lib/rater-sources";
import { hasRole, MANAGERS, useSession } from "../../lib/session";
import { DeadlinesPanel } from "./DeadlinesPanel";
import { PeersPanel, type ChosenEmployee } from "./PeersPanel";
import { PeerSwap } from "./PeerSwap";
import { PeerTools } from "./PeerTools";
import { RemindersPanel } from "./RemindersPanel";

export function ConductPanel(props: { cycle: Cycle; ruleContent: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = hasRole(user, ...MANAGERS);
  const running = props.cycle.status === "draft" || props.cycle.status === "open";
  const sources = useMemo(() => (props.ruleContent ? sourcesUsed(props.ruleContent) : []), [props.ruleContent]);
  const [employee, setEmployee] = useState<ChosenEmployee | null>(null);
  const note = !running ? t("conduct.closedNote") : manager ? undefined : t("conduct.adminSetsDeadlines");
  return (
    <Stack>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="md" h="100%">
            <DeadlinesPanel cycleId={props.cycle.id} sources={sources} editable={manager && running} note={note} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <PeersPanel cycleId={props.cycle.id} editable={running} employee={employee} onEmployeeChange={setEmployee} />
        </Grid.Col>
      </Grid>
      {manager && running && (
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <PeerTools cycleId={props.cycle.id} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <PeerSwap cycleId={props.cycle.id} />
          </Grid.Col>
        </Grid>
      )}
      <Card withBorder padding="md">
        <RemindersPanel cycleId={props.cycle.id} onChoosePeers={running ? setEmployee : undefined} />
      </Card>
    </Stack>
  );
}
