// One employee's result in a cycle with the explanation of every step; printable (save as PDF).
import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import type { Explanation } from "@kinerja/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ExplanationView } from "../../components/ExplanationView";
import { ErrorState, Loading } from "../../components/States";
import { employeeDocument } from "../../lib/downloads";
import { useRegionId, useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

export default function ResultPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const { cycleId = "", employeeId = "" } = useParams();
  const result = useQuery(trpc.result.get.queryOptions({ regionId, cycleId, employeeId }));
  const back = user.role === "employee" ? "/me" : `/cycles/${cycleId}`;
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
                {t("result.run", { version: result.data.runVersion, hash: result.data.ruleSetHash.slice(0, 12) })}
              </Text>
            </div>
            <Group className="no-print" gap="xs">
              <Button component="a" href={employeeDocument(cycleId, result.data.nip, regionId)} variant="default" download>
                {t("result.pdf")}
              </Button>
              <Button variant="default" onClick={() => window.print()}>
                {t("result.print")}
              </Button>
            </Group>
          </Group>
          <ExplanationView explanation={result.data.explanation as Explanation} />
        </>
      )}
    </Stack>
  );
}
