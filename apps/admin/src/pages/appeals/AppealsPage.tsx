// The appeals inbox (keberatan): appeals against final results, decided by the assessor's superior while
// they hold an account and have time, otherwise by the rules' fallback (the BKD admin or an appeals
// panel). Each appeal says who decides it, why, and by when; the decision form is offered only where the
// signed-in person may decide (the appeal's actions), and anyone else reads whom it waits for. An appeal
// is rejected with a reason, or upheld with a new predikat, which re-evaluates the employee as a new
// result version.
import { Alert, Badge, Button, Card, Grid, Group, NavLink, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { predikatChoices, type RuleFile } from "@kinerja/core";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatDateTime } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { Select } from "../../components/LazySelect";
import { AppealDecider, deciderName } from "./AppealDecider";

type Appeal = RouterOutputs["appeal"]["inbox"][number];
export const APPEAL_COLORS = { submitted: "blue", rejected: "gray", upheld: "teal" } as const;
type AppealStatus = keyof typeof APPEAL_COLORS;
const APPEAL_STATUSES: AppealStatus[] = ["submitted", "upheld", "rejected"];

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
  // The inbox answers one status at a time (pending by default): "all" reads each and lists them newest first.
  const inbox = useQueries({
    queries: (status === "all" ? APPEAL_STATUSES : [status as AppealStatus]).map((s) => trpc.appeal.inbox.queryOptions({ regionId, status: s })),
    combine: (answers) => ({
      data: answers.every((a) => a.data) ? answers.flatMap((a) => a.data ?? []).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)) : undefined,
      isPending: answers.some((a) => a.isPending),
      error: answers.find((a) => a.error)?.error ?? null,
    }),
  });
  // The chosen appeal is in the address (?id=…), so a notification or mail opens it directly.
  const [params, setParams] = useSearchParams();
  const selected = params.get("id");
  const setSelected = (id: string) => setParams({ id }, { replace: true });
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
                  // Mantine's pale blue under the chosen (and hovered) item leaves its own text colours short of 4.5:1.
                  label={<Text span size="sm" c="dark.7">{a.employee.nama}</Text>}
                  description={
                    <Text span size="xs" c="gray.8">
                      {a.cycleName} · {formatDateTime(a.submittedAt, lang)}
                    </Text>
                  }
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
                  <AppealDecider decider={appeal.decider} pending={appeal.status === "submitted"} />
                  {appeal.status === "submitted" && appeal.actions.includes("decide") && <Decide key={appeal.id} appeal={appeal} />}
                  {appeal.status === "submitted" && !appeal.actions.includes("decide") && (
                    <Alert color="gray" title={t("appeals.state.submitted")} data-testid="appeal-not-yours">
                      {t("appeals.waitingFor", { who: deciderName(appeal.decider, t) })}
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
