// Confirming that a cycle is finalised: first the distribution curve (result.distribution) — each unit that
// breaks a bound of its predikat organisasi, with the predikat and the count against the limit. Where the
// region's rules make the curve binding (curve.enforcement "block") the cycle cannot be finalised until every
// unit fits, and the button says so; the server refuses it too (cycle.close). Otherwise it only warns.
import { Alert, Button, Group, List, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Modal } from "../../components/LazyModal";
import { ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import type { Cycle } from "../../lib/cycles";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { organisationLabel } from "../../lib/predikat";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

export function FinaliseDialog(props: { cycle: Cycle; opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const { cycle } = props;
  const curve = useQuery({ ...trpc.result.distribution.queryOptions({ regionId, cycleId: cycle.id }), enabled: props.opened });
  const close = useMutation(trpc.cycle.close.mutationOptions());
  const enforcement = curve.data?.enforcement ?? "off";
  const broken = enforcement === "off" ? [] : (curve.data?.units ?? []).filter((u) => u.broken > 0);
  const blocked = enforcement === "block" && broken.length > 0;

  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t("cycle.finaliseTitle")} size="lg">
      <Stack>
        <Text size="sm">{t("cycle.finaliseHelp")}</Text>
        {curve.error && <ErrorState error={curve.error} onRetry={() => void curve.refetch()} />}
        {curve.isPending && <Loading rows={2} />}
        {curve.data && enforcement !== "off" && broken.length === 0 && (
          <Text size="sm" c="teal.8" data-testid="curve-fits">
            {t("finalise.curveFits")}
          </Text>
        )}
        {broken.length > 0 && (
          <Alert
            color={blocked ? "red" : "yellow"}
            title={t(blocked ? "finalise.blocked" : "finalise.warned", { count: broken.length })}
            data-testid="curve-broken"
          >
            <Stack gap="xs">
              <Text size="sm">{t(blocked ? "finalise.blockedHelp" : "finalise.warnedHelp")}</Text>
              <List size="sm" spacing={4}>
                {broken.map((u) => (
                  <List.Item key={u.unitId} data-testid="curve-unit">
                    <Text size="sm" fw={600} component="span">
                      {u.unitName}
                    </Text>{" "}
                    <Text size="sm" component="span" c="dimmed">
                      ({t("finalise.organisation", { predikat: organisationLabel(u.organisationPredikat, lang) })})
                    </Text>
                    <List size="sm" withPadding>
                      {u.checks
                        .filter((c) => c.broken)
                        .map((c) => (
                          <List.Item key={c.label.id} style={{ overflowWrap: "anywhere" }}>
                            {c.message[lang]}
                          </List.Item>
                        ))}
                    </List>
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="teal"
            disabled={!curve.data || blocked}
            loading={close.isPending}
            onClick={async () => {
              try {
                await close.mutateAsync({ regionId, id: cycle.id });
                await queryClient.invalidateQueries({ queryKey: trpc.cycle.pathKey() });
                props.onClose();
                notifications.show({ color: "teal", message: t("cycle.finalised") });
              } catch (error) {
                notifyError({ title: t("cycle.finaliseFailed"), message: errorMessage(error, t) });
              }
            }}
          >
            {t("cycle.finalise")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
