// Running a cycle's evaluation: starts the job, then polls its progress until it succeeds or fails.
// A job already running when the page opens is picked up and followed the same way.
import { Alert, Button, Group, Progress, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Modal } from "../../components/LazyModal";
import { currentLanguage } from "../../i18n";
import type { Cycle } from "../../lib/cycles";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

const POLL_MS = 500;

export function RunPanel(props: { cycle: Cycle }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const lang = currentLanguage();
  const { cycle } = props;
  const [jobId, setJobId] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const latest = useQuery(trpc.cycle.runStatus.queryOptions({ regionId, cycleId: cycle.id }));
  const following = jobId ?? (latest.data && (latest.data.status === "queued" || latest.data.status === "running") ? latest.data.jobId : null);
  const status = useQuery({
    ...trpc.cycle.runStatus.queryOptions({ regionId, jobId: following ?? "" }),
    enabled: following !== null,
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === "succeeded" || s === "failed" ? false : POLL_MS;
    },
  });
  const run = useMutation(trpc.cycle.run.mutationOptions());
  const job = following ? status.data : null;
  const finished = job?.status === "succeeded" || job?.status === "failed";

  useEffect(() => {
    if (!job || !finished) return;
    void queryClient.invalidateQueries({ queryKey: trpc.cycle.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.result.pathKey() });
    if (job.status === "succeeded") notifications.show({ color: "teal", message: t("run.succeeded", { count: job.total }) });
  }, [job, finished, queryClient, trpc, t]);

  const start = async (withReason?: string) => {
    try {
      const started = await run.mutateAsync({ regionId, id: cycle.id, ...(withReason ? { reason: withReason } : {}) });
      setJobId(started.jobId);
      setAsking(false);
      setReason("");
    } catch (error) {
      notifyError({ title: t("run.failedToStart"), message: errorMessage(error, t) });
    }
  };

  const running = job !== null && job !== undefined && !finished;
  const percent = job && job.total > 0 ? (job.done / job.total) * 100 : 0;
  return (
    <Stack gap="xs">
      <Group>
        {cycle.status !== "draft" && (
          <Button
            onClick={() => (cycle.status === "finalised" ? setAsking(true) : void start())}
            loading={run.isPending}
            disabled={running}
            variant={cycle.status === "finalised" ? "default" : "filled"}
          >
            {cycle.status === "finalised" ? t("run.rerun") : cycle.currentRunId ? t("run.again") : t("run.start")}
          </Button>
        )}
      </Group>
      {job && (
        <div aria-live="polite" data-testid="run-progress">
          <Group justify="space-between" mb={4}>
            <Text size="sm">
              {job.status === "failed"
                ? t("run.failed")
                : job.status === "succeeded"
                  ? t("run.done", { done: formatCount(job.done, lang) })
                  : t("run.progress", { done: formatCount(job.done, lang), total: formatCount(job.total, lang) })}
            </Text>
            <Text size="sm" className="tabular">
              {Math.round(percent)}%
            </Text>
          </Group>
          <Progress
            value={percent}
            color={job.status === "failed" ? "red" : job.status === "succeeded" ? "teal" : "blue"}
            animated={running}
            aria-label={t("run.progressLabel")}
          />
          {job.error && (
            <Alert color="red" mt="xs">
              {job.error}
            </Alert>
          )}
        </div>
      )}
      <Modal opened={asking} onClose={() => setAsking(false)} title={t("run.rerunTitle")}>
        <Stack>
          <Text size="sm">{t("run.rerunHelp")}</Text>
          <Textarea label={t("run.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required minRows={2} autosize />
          <Group justify="flex-end">
            <Button disabled={!reason.trim()} loading={run.isPending} onClick={() => void start(reason.trim())}>
              {t("run.rerun")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
