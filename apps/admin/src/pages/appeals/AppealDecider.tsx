// Who decides an appeal, why it is not the assessor's superior when it is not, and by when the superior
// must decide: one block shared by the appeals inbox and the employee's own result.
import { Stack, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import type { RouterOutputs } from "../../lib/trpc";

type Decider = RouterOutputs["appeal"]["inbox"][number]["decider"];

/** The decider as the sentence names them, with the reason the fallback decides where it does. */
export function deciderName(decider: Decider, t: TFunction): string {
  const who =
    decider.kind === "atasan"
      ? t("appeals.who.atasan", { name: decider.nama ?? decider.nip ?? "", nip: decider.nip ?? "" })
      : decider.kind === "panel"
        ? t("appeals.who.panel", { name: decider.nama ?? "" })
        : t("appeals.who.admin");
  return decider.reason === "superior" ? who : `${who} (${t(`appeals.because.${decider.reason}`, { days: decider.afterDays })})`;
}

export function AppealDecider(props: { decider: Decider; pending: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { decider } = props;
  const date = formatDateTime(decider.deadline, lang);
  return (
    <Stack gap={2}>
      <Text size="sm" data-testid="appeal-decider">{t("appeals.decidedBy", { who: deciderName(decider, t) })}</Text>
      {props.pending && (
        <Text size="sm" c={decider.overdue ? "red.9" : "dimmed"} fw={decider.overdue ? 600 : undefined} data-testid="appeal-deadline">
          {decider.overdue ? t("appeals.deadlinePassed", { date }) : t("appeals.deadline", { date })}
        </Text>
      )}
    </Stack>
  );
}
