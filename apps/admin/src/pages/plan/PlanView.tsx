// One plan's header: status, the assessor's notes and decisions, and where it stands on cascading.
import { Alert, Badge, Group, List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import type { Plan } from "./planInput";
import { PLAN_COLORS } from "./planStatus";

export function PlanHeader(props: { plan: Plan }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { plan } = props;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <div>
          <Title order={3} size="h4">{t("plan.of", { name: plan.nama })}</Title>
          <Text size="sm" c="dimmed">
            <span className="mono">{plan.nip}</span> · {plan.jabatan}
          </Text>
        </div>
        <Badge color={PLAN_COLORS[plan.status]} size="lg" data-testid="plan-status">{t(`plan.status.${plan.status}`)}</Badge>
      </Group>
      {plan.reviewNote && (plan.status === "revision" || plan.status === "rejected") && (
        <Alert color={plan.status === "rejected" ? "red" : "orange"} title={t("plan.assessorNote")}>{plan.reviewNote}</Alert>
      )}
      {plan.cascade.required && plan.cascade.waitingForSuperior && (
        <Alert color="yellow">{t("plan.waitingForSuperior", { name: plan.cascade.superior?.nama ?? plan.cascade.superior?.nip ?? "" })}</Alert>
      )}
      {plan.cascade.required && !plan.cascade.waitingForSuperior && plan.cascade.unlinked > 0 && (
        <Alert color="yellow">{t("plan.unlinked", { count: plan.cascade.unlinked })}</Alert>
      )}
      {plan.reviews.length > 0 && (
        <List size="xs" c="dimmed" spacing={2}>
          {plan.reviews.map((r, i) => (
            <List.Item key={i}>
              {formatDateTime(r.at, lang)} · {r.actorName}: {t(`plan.action.${r.action}`, { defaultValue: r.action })}
              {r.note ? ` ("${r.note}")` : ""}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
