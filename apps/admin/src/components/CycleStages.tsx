// A cycle's stage: draft → open for assessments → evaluated → final.
import { Stepper } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { stageIndex, STAGES, type Stage } from "../lib/cycles";

export function CycleStages(props: { status: Stage }) {
  const { t } = useTranslation();
  const wide = useMediaQuery("(min-width: 62em)", true);
  const active = props.status === "finalised" ? STAGES.length : stageIndex(props.status) + 1;
  return (
    <Stepper active={active} size="sm" allowNextStepsSelect={false} aria-label={t("cycle.stageLabel")}>
      {STAGES.map((stage) => (
        <Stepper.Step key={stage} label={t(`cycle.status.${stage}`)} description={wide ? t(`cycle.stageHelp.${stage}`) : undefined} />
      ))}
    </Stepper>
  );
}
