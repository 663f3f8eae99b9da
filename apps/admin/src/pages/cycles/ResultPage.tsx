// One employee's result in a cycle, explained in plain sentences (the technical trace for admins), with the
// performance dialogues held as evidence; printable (save as PDF).
import "./strings";
import { Anchor, Button, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { Explanation, RuleFile } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ExplanationView } from "../../components/ExplanationView";
import { PeriodsUsed } from "../../components/PeriodsUsed";
import { YearJudgement } from "../../components/YearJudgement";
import { ErrorState, Loading } from "../../components/States";
import { employeeDocument } from "../../lib/downloads";
import { DialogueEvidence } from "../dialogues/DialoguesPanel";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { hasRole, useRegionId, useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { Select } from "../../components/LazySelect";
import { Modal } from "../../components/LazyModal";
import { CaseViews, viewsByCase } from "./ForumCaseViews";

/**
 * The evaluation forum moves one employee's predikat, with a written reason: only to the predikat the
 * rules allow from what they gave (the unit's forum view says which).
 */
function ForumAdjust(props: { cycleId: string; employeeId: string; unitId: string; nama: string; current: string | null }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const cycle = useQuery(trpc.cycle.get.queryOptions({ regionId, id: props.cycleId }));
  const rules = useQuery({ ...trpc.ruleSet.get.queryOptions({ regionId, id: cycle.data?.ruleSetVersionId ?? "" }), enabled: Boolean(cycle.data) });
  const adjust = useMutation(trpc.forum.adjust.mutationOptions());
  const [open, setOpen] = useState(false);
  const [predikat, setPredikat] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const forum = useQuery({ ...trpc.forum.view.queryOptions({ regionId, cycleId: props.cycleId, unitId: props.unitId }), enabled: open });
  if (cycle.data?.status !== "evaluated") return null;
  const allowed = forum.data?.employees.find((e) => e.employeeId === props.employeeId)?.allowedPredikat ?? null;
  const options = (((rules.data?.content ?? null) as RuleFile | null)?.predikat ?? []).filter((p) => p.id !== props.current && (allowed === null || allowed.includes(p.id)));
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>{t("forum.adjust")}</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("forum.adjustTitle", { name: props.nama })}>
        <Stack>
          <Text size="sm">{t("forum.adjustHelp")}</Text>
          {(() => {
            const views = forum.data ? viewsByCase(forum.data.sessions).get(props.employeeId) : undefined;
            return views ? (
              <div data-testid="adjust-member-views">
                <Text size="sm" fw={600} mb={4}>{t("forumView.caseViews")}</Text>
                <CaseViews views={views} />
              </div>
            ) : null;
          })()}
          <Select
            label={t("forum.newPredikat")}
            description={forum.data ? t("forum.allowedHelp", { count: forum.data.forum.maxLevels }) : undefined}
            data={options.map((p) => ({ value: p.id, label: p.label }))}
            value={predikat}
            onChange={setPredikat}
            disabled={forum.isFetching}
          />
          <Textarea label={t("forum.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={3} required />
          <Group justify="flex-end">
            <Button
              disabled={!predikat || !reason.trim()}
              loading={adjust.isPending}
              onClick={async () => {
                if (!predikat) return;
                try {
                  await adjust.mutateAsync({ regionId, cycleId: props.cycleId, employeeId: props.employeeId, predikat, reason: reason.trim() });
                  setOpen(false);
                  await queryClient.invalidateQueries({ queryKey: trpc.result.pathKey() });
                  await queryClient.invalidateQueries({ queryKey: trpc.cycle.pathKey() });
                  notifications.show({ color: "teal", message: t("forum.adjusted") });
                } catch (error) {
                  notifyError({ message: errorMessage(error, t) });
                }
              }}
            >
              {t("forum.save")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export default function ResultPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const { cycleId = "", employeeId = "" } = useParams();
  const result = useQuery(trpc.result.get.queryOptions({ regionId, cycleId, employeeId }));
  const back = user.role === "employee" ? "/me" : `/cycles/${cycleId}`;
  const judging = user.role !== "employee" && Boolean(result.data?.judgement);
  const cycle = useQuery({ ...trpc.cycle.get.queryOptions({ regionId, id: cycleId }), enabled: judging });
  // The rule set's hash and the technical trace are for those who maintain the rules.
  const technical = hasRole(user, "admin", "operator");
  return (
    <Stack>
      <Anchor component={Link} to={back} size="sm" className="no-print">
        ← {t("result.back")}
      </Anchor>
      {result.isPending && <Loading rows={10} />}
      {result.error && <ErrorState error={result.error} onRetry={() => void result.refetch()} />}
      {result.data && (
        <>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2}>{result.data.nama}</Title>
              <Text size="sm" c="dimmed">
                NIP <span className="mono">{result.data.nip}</span> · {result.data.jabatan}
              </Text>
              <Text size="xs" c="dimmed">
                {technical ? t("result.run", { version: result.data.runVersion, hash: result.data.ruleSetHash.slice(0, 12) }) : t("result.version", { version: result.data.runVersion })}
              </Text>
            </div>
            <Group className="no-print" gap="xs">
              {user.role !== "employee" && <ForumAdjust cycleId={cycleId} employeeId={employeeId} unitId={result.data.unitId} nama={result.data.nama} current={result.data.predikat} />}
              <Button component="a" href={employeeDocument(cycleId, result.data.nip, regionId)} variant="default" download>
                {t("result.pdf")}
              </Button>
              <Button variant="default" onClick={() => window.print()}>
                {t("result.print")}
              </Button>
            </Group>
          </Group>
          {result.data.rollup && <PeriodsUsed rollup={result.data.rollup} employeeId={employeeId} />}
          {result.data.judgement && (
            <YearJudgement cycleId={cycleId} employeeId={employeeId} judgement={result.data.judgement} canJudge={judging && cycle.data?.status === "evaluated"} />
          )}
          <DialogueEvidence cycleId={cycleId} employeeId={employeeId} />
          <ExplanationView explanation={result.data.explanation as Explanation} sentences={result.data.sentences} technical={technical} />
        </>
      )}
    </Stack>
  );
}
