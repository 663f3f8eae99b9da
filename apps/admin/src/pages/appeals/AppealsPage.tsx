// The appeals inbox (keberatan): appeals against final results, decided one level up from the assessor; the
// BKD admin sees every appeal of the region but decides only where the assessor has no superior. Each
// appeal says who decides it, and offers the decision only to that person (appeal.canDecide). An appeal is
// rejected with a reason, or upheld with a new predikat, which re-evaluates the employee as a new result
// version.
import { Alert, Badge, Button, Card, Grid, Group, NavLink, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { predikatChoices, type RuleFile } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatDateTime } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type Appeal = RouterOutputs["appeal"]["inbox"][number];
export const APPEAL_COLORS = { submitted: "blue", rejected: "gray", upheld: "teal" } as const;

function Decide(props: { appeal: Appeal }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const { appeal } = props;
  const cycle = useQuery(trpc.cycle.get.queryOptions({ regionId, id: appeal.cycleId }));
  const rules = useQuery({ ...trpc.ruleSet.get.queryOptions({ regionId, id: cycle.data?.ruleSetVersionId ?? "" }), enabled: Boolean(cycle.data) });
  const predikat = predikatChoices((rules.data?.content ?? {}) as RuleFile);
  const [reason, setReason] = useState("");
  const [newPredikat, setNewPredikat] = useState<string | null>(null);
  const decide = useMutation(trpc.appeal.decide.mutationOptions());
  const run = async (decision: "reject" | "uphold") => {
    try {
      if (decision === "reject") await decide.mutateAsync({ regionId, appealId: appeal.id, decision, reason: reason.trim() });
      else await decide.mutateAsync({ regionId, appealId: appeal.id, decision, reason: reason.trim(), predikat: newPredikat ?? "" });
      await queryClient.invalidateQueries({ queryKey: trpc.appeal.pathKey() });
      notifications.show({ color: "teal", message: t(`appeals.decided.${decision}`, { name: appeal.employee.nama }) });
    } catch (error) {
      notifyError({ message: errorMessage(error, t) });
    }
  };
  return (
    <Stack>
      <Textarea label={t("appeals.decisionReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} required />
      <Select
        label={t("appeals.newPredikat")}
        description={t("appeals.newPredikatHelp")}
        data={predikat.map((p) => ({ value: p.id, label: p.label }))}
        value={newPredikat}
        onChange={setNewPredikat}
        clearable
      />
      <Group justify="flex-end">
        <Button color="red" variant="light" disabled={!reason.trim()} loading={decide.isPending} onClick={() => void run("reject")}>
          {t("appeals.reject")}
        </Button>
        <Button color="teal" disabled={!reason.trim() || !newPredikat} loading={decide.isPending} onClick={() => void run("uphold")}>
          {t("appeals.uphold")}
        </Button>
      </Group>
    </Stack>
  );
}

export default function AppealsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const [status, setStatus] = useState<string>("submitted");
  const inbox = useQuery(trpc.appeal.inbox.queryOptions({ regionId, ...(status !== "all" ? { status: status as "submitted" } : {}) }));
  const [selected, setSelected] = useState<string | null>(null);
  const appeal = inbox.data?.find((a) => a.id === selected) ?? null;
  return (
    <Stack>
      <Title order={2}>{t("appeals.title")}</Title>
      <Text c="dimmed">{t("appeals.intro")}</Text>
      <Select
        aria-label={t("appeals.status")}
        w={240}
        data={["submitted", "upheld", "rejected", "all"].map((s) => ({ value: s, label: s === "all" ? t("results.all") : t(`appeals.state.${s}`) }))}
        value={status}
        onChange={(v) => v && setStatus(v)}
        allowDeselect={false}
      />
      {inbox.isPending && <Loading rows={5} />}
      {inbox.error && <ErrorState error={inbox.error} />}
      {inbox.data?.length === 0 && <EmptyState title={t("appeals.none")}>{t("appeals.noneHelp")}</EmptyState>}
      {inbox.data && inbox.data.length > 0 && (
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <nav aria-label={t("appeals.title")}>
              {inbox.data.map((a) => (
                <NavLink
                  key={a.id}
                  label={a.employee.nama}
                  description={`${a.cycleName} · ${formatDateTime(a.submittedAt, lang)}`}
                  active={a.id === selected}
                  onClick={() => setSelected(a.id)}
                  rightSection={<Badge size="xs" color={APPEAL_COLORS[a.status]}>{t(`appeals.state.${a.status}`)}</Badge>}
                />
              ))}
            </nav>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            {appeal ? (
              <Card withBorder padding="lg">
                <Stack>
                  <Group justify="space-between" align="flex-start">
                    <div>
                      <Title order={3} size="h4">{appeal.employee.nama}</Title>
                      <Text size="sm" c="dimmed"><span className="mono">{appeal.employee.nip}</span> · {appeal.employee.jabatan}</Text>
                    </div>
                    <Badge color={APPEAL_COLORS[appeal.status]}>{t(`appeals.state.${appeal.status}`)}</Badge>
                  </Group>
                  <Text size="sm">{t("appeals.against", { predikat: appeal.predikatLabel, cycle: appeal.cycleName })}</Text>
                  <Alert color="blue" title={t("appeals.reason")}>{appeal.reason}</Alert>
                  <Button component={Link} to={`/cycles/${appeal.cycleId}/employees/${appeal.employee.id}`} variant="subtle" size="xs" w="fit-content">
                    {t("appeals.openResult")}
                  </Button>
                  <Text size="sm" data-testid="appeal-decider">
                    {appeal.decider ? t("appeals.decidedBySuperior", { name: appeal.decider.nama, nip: appeal.decider.nip }) : t("appeals.decidedByAdmin")}
                  </Text>
                  {appeal.status === "submitted" && appeal.canDecide && <Decide key={appeal.id} appeal={appeal} />}
                  {appeal.status === "submitted" && !appeal.canDecide && (
                    <Alert color="gray" title={t("appeals.state.submitted")} data-testid="appeal-not-yours">
                      {appeal.decider ? t("appeals.notYoursSuperior", { name: appeal.decider.nama }) : t("appeals.notYoursAdmin")}
                    </Alert>
                  )}
                  {appeal.status !== "submitted" && (
                    <Alert color={appeal.status === "upheld" ? "teal" : "gray"} title={t(`appeals.state.${appeal.status}`)}>
                      {appeal.decisionReason}
                      {appeal.newPredikatLabel ? ` → ${appeal.newPredikatLabel}` : ""}
                    </Alert>
                  )}
                </Stack>
              </Card>
            ) : (
              <EmptyState title={t("appeals.pick")} />
            )}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
