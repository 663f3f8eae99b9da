// One assessment sheet: what the cycle's rules ask this rater (as this source) to fill in for the
// employee, from assessment.form: ratings on the region's scales, and for the assessor the objective
// values and declared facts; a written comment; saved as a draft or submitted (then locked until the
// assessor reopens it with a reason). The guidance for the indicator in focus stands beside the form.
import { Alert, Badge, Box, Button, Card, Grid, Group, Input, NumberInput, Stack, Switch, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { raterSourceTitle, scaleChoices, TARGET_ASPECTS, type IndicatorValue, type Scale } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { ChoiceScale } from "../../components/ChoiceScale";
import { RatingGuidance, type GuidanceTopic } from "../../components/RatingGuidance";
import { ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { Select } from "../../components/LazySelect";
import { Modal } from "../../components/LazyModal";

type Form = RouterOutputs["assessment"]["form"];
type Source = Form["source"];
type Objective = Form["objective"][number];
type Fact = Form["facts"][number];
type FactValue = string | number | boolean | null;
type TargetValue = { target: Record<string, number>; realisasi: Record<string, number> };

function numberOr(value: string | number): number | undefined {
  return value === "" ? undefined : Number(value);
}

function RatingField(props: { id: string; name: string; scale: Scale; value: number | undefined; disabled: boolean; onChange(value: number | undefined): void }) {
  const { t } = useTranslation();
  const choices = scaleChoices(props.scale);
  if (!choices) {
    return (
      <NumberInput label={props.name} min={props.scale.min} max={props.scale.max} value={props.value ?? ""} disabled={props.disabled} onChange={(v) => props.onChange(numberOr(v))} data-testid={`rating-${props.id}`} />
    );
  }
  return (
    <ChoiceScale
      label={props.name}
      description={props.value === undefined ? t("assess.pickValue") : (props.scale.labels?.[String(props.value)] ?? String(props.value))}
      choices={choices}
      titles={props.scale.labels}
      value={props.value}
      disabled={props.disabled}
      onChange={props.onChange}
      data-testid={`rating-${props.id}`}
    />
  );
}

function ObjectiveField(props: { indicator: Objective; value: IndicatorValue | undefined; disabled: boolean; onChange(value: IndicatorValue | undefined): void }) {
  const { t } = useTranslation();
  const { indicator, disabled } = props;
  const input = indicator.input;
  if (input.kind === "achievement") {
    const v = (props.value ?? {}) as { target?: number; realisasi?: number };
    return (
      <Input.Wrapper label={indicator.name} description={t("assess.achievementHelp")}>
        <Group grow>
          <NumberInput disabled={disabled} aria-label={`${indicator.name}: ${t("assess.target")}`} placeholder={t("assess.target")} value={v.target ?? ""} onChange={(x) => props.onChange({ target: numberOr(x) ?? 0, realisasi: v.realisasi ?? 0 })} />
          <NumberInput disabled={disabled} aria-label={`${indicator.name}: ${t("assess.realisasi")}`} placeholder={t("assess.realisasi")} value={v.realisasi ?? ""} onChange={(x) => props.onChange({ target: v.target ?? 0, realisasi: numberOr(x) ?? 0 })} />
        </Group>
      </Input.Wrapper>
    );
  }
  if (input.kind === "target") {
    const v = (props.value ?? { target: {}, realisasi: {} }) as TargetValue;
    return (
      <Input.Wrapper label={indicator.name}>
        <Stack gap={4}>
          {input.aspects.filter((a) => (TARGET_ASPECTS as readonly string[]).includes(a)).map((aspect) => (
            <Group key={aspect} grow>
              <NumberInput disabled={disabled} aria-label={`${indicator.name}, ${aspect}: ${t("assess.target")}`} placeholder={`${aspect}: ${t("assess.target")}`} value={v.target[aspect] ?? ""} onChange={(x) => props.onChange({ target: { ...v.target, [aspect]: numberOr(x) ?? 0 }, realisasi: v.realisasi })} />
              <NumberInput disabled={disabled} aria-label={`${indicator.name}, ${aspect}: ${t("assess.realisasi")}`} placeholder={`${aspect}: ${t("assess.realisasi")}`} value={v.realisasi[aspect] ?? ""} onChange={(x) => props.onChange({ target: v.target, realisasi: { ...v.realisasi, [aspect]: numberOr(x) ?? 0 } })} />
            </Group>
          ))}
        </Stack>
      </Input.Wrapper>
    );
  }
  if (input.kind === "attendance") {
    return <NumberInput disabled={disabled} label={indicator.name} description={t("assess.attendanceHelp")} min={0} value={typeof props.value === "number" ? props.value : ""} onChange={(x) => props.onChange(numberOr(x))} />;
  }
  if (input.kind === "yesno") {
    return <Switch disabled={disabled} label={indicator.name} checked={props.value === true} onChange={(e) => props.onChange(e.currentTarget.checked)} />;
  }
  const range = input.kind === "score" ? { min: input.min, max: input.max } : {};
  return <NumberInput disabled={disabled} label={indicator.name} {...range} value={typeof props.value === "number" ? props.value : ""} onChange={(x) => props.onChange(numberOr(x))} />;
}

function FactField(props: { fact: Fact; value: FactValue | undefined; disabled: boolean; onChange(value: FactValue | undefined): void }) {
  const { fact, disabled } = props;
  const description = fact.description ?? undefined;
  if (fact.type === "boolean") return <Switch disabled={disabled} label={fact.label} description={description} checked={props.value === true} onChange={(e) => props.onChange(e.currentTarget.checked)} />;
  if (fact.type === "number") {
    return <NumberInput disabled={disabled} label={fact.label} description={description} min={fact.min ?? undefined} max={fact.max ?? undefined} value={typeof props.value === "number" ? props.value : ""} onChange={(x) => props.onChange(numberOr(x))} />;
  }
  if (fact.values) {
    return <Select disabled={disabled} label={fact.label} description={description} data={fact.values} value={typeof props.value === "string" ? props.value : null} onChange={(v) => props.onChange(v ?? undefined)} clearable />;
  }
  return <TextInput disabled={disabled} label={fact.label} description={description} value={typeof props.value === "string" ? props.value : ""} onChange={(e) => props.onChange(e.currentTarget.value || undefined)} />;
}

function without<T>(record: Record<string, T>, key: string, value: T | undefined): Record<string, T> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function AssessmentForm(props: { cycleId: string; employeeId: string; source: Source; canReopen: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const key = { regionId, cycleId: props.cycleId, employeeId: props.employeeId, source: props.source };
  const form = useQuery(trpc.assessment.form.queryOptions(key));
  const [ratings, setRatings] = useState<Record<string, number> | null>(null);
  const [values, setValues] = useState<Record<string, IndicatorValue> | null>(null);
  const [facts, setFacts] = useState<Record<string, FactValue> | null>(null);
  const [comment, setComment] = useState<string | null>(null);
  const [topic, setTopic] = useState<GuidanceTopic | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState("");
  const save = useMutation(trpc.assessment.save.mutationOptions());
  const submit = useMutation(trpc.assessment.submit.mutationOptions());
  const reopen = useMutation(trpc.assessment.reopen.mutationOptions());

  if (form.isPending) return <Loading rows={6} />;
  if (form.error) return <ErrorState error={form.error} onRetry={() => void form.refetch()} />;
  const f = form.data;
  const sheet = f.sheet;
  const locked = sheet?.submittedAt !== null && sheet?.submittedAt !== undefined;
  const current = {
    ratings: ratings ?? sheet?.ratings ?? {},
    values: values ?? sheet?.values ?? {},
    facts: facts ?? sheet?.facts ?? {},
    comment: comment ?? sheet?.comment ?? "",
  };
  const refresh = async () => {
    setRatings(null);
    setValues(null);
    setFacts(null);
    setComment(null);
    await queryClient.invalidateQueries({ queryKey: trpc.assessment.pathKey() });
  };
  const send = async (final: boolean) => {
    // Only what this sheet asks for: a sheet written elsewhere (an import, the demo data) may carry more.
    const pick = <T,>(record: Record<string, T>, ids: string[]) => Object.fromEntries(Object.entries(record).filter(([id]) => ids.includes(id)));
    const input = {
      ...key,
      ratings: pick(current.ratings, f.indicators.map((i) => i.id)),
      values: pick(current.values, f.objective.map((i) => i.id)) as never,
      facts: pick(current.facts, f.facts.map((x) => x.name)),
      comment: current.comment,
    };
    try {
      await (final ? submit : save).mutateAsync(input);
      await refresh();
      notifications.show({ color: "teal", message: final ? t("assess.saved", { name: f.employee.nama }) : t("assess.draftSaved") });
    } catch (error) {
      notifyError({ title: t("assess.notSaved"), message: errorMessage(error, t) });
    }
  };

  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Card withBorder padding="lg">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void send(true);
            }}
          >
            <Stack>
              <Group justify="space-between" align="flex-start">
                <div>
                  <Title order={3} size="h4">{f.employee.nama}</Title>
                  <Text size="sm" c="dimmed">
                    <span className="mono">{f.employee.nip}</span> · {f.employee.jabatan}
                  </Text>
                  <Text size="sm">{t("assess.asSource", { source: raterSourceTitle(f.source, currentLanguage()), set: f.indicatorSet.name })}</Text>
                  {f.dueDate && <Text size="xs" c="dimmed">{t("assess.due", { date: f.dueDate })}</Text>}
                </div>
                <Badge color={locked ? "teal" : sheet ? "blue" : "gray"}>{locked ? t("assess.submitted") : sheet ? t("assess.draft") : t("assess.notSubmitted")}</Badge>
              </Group>
              {locked && (
                <Alert color="teal" title={t("assess.lockedTitle")}>
                  <Stack gap="xs">
                    <Text size="sm">{t("assess.locked")}</Text>
                    {props.canReopen && (
                      <Group>
                        <Button size="xs" variant="light" onClick={() => setReopening(true)}>{t("assess.reopen")}</Button>
                      </Group>
                    )}
                  </Stack>
                </Alert>
              )}
              {f.indicators.map((indicator) => (
                <Box key={indicator.id} onClickCapture={() => setTopic({ name: indicator.name, description: indicator.description, guidance: indicator.guidance, scale: indicator.scale })} onFocusCapture={() => setTopic({ name: indicator.name, description: indicator.description, guidance: indicator.guidance, scale: indicator.scale })}>
                  <RatingField
                    id={indicator.id}
                    name={`${indicator.name} (${t(`axes.${indicator.axis}`)})`}
                    scale={indicator.scale}
                    value={current.ratings[indicator.id]}
                    disabled={locked}
                    onChange={(v) => setRatings(without(current.ratings, indicator.id, v))}
                  />
                </Box>
              ))}
              {f.objective.length > 0 && <Title order={4} size="h5">{t("assess.objective")}</Title>}
              {f.objective.map((indicator) => (
                <Box key={indicator.id} onFocusCapture={() => setTopic({ name: indicator.name, description: indicator.description, guidance: null, scale: null })}>
                  <ObjectiveField indicator={indicator} value={current.values[indicator.id]} disabled={locked} onChange={(v) => setValues(without(current.values, indicator.id, v))} />
                </Box>
              ))}
              {f.facts.length > 0 && <Title order={4} size="h5">{t("assess.facts")}</Title>}
              {f.facts.map((fact) => (
                <FactField key={fact.name} fact={fact} value={current.facts[fact.name]} disabled={locked} onChange={(v) => setFacts(without(current.facts, fact.name, v))} />
              ))}
              <Textarea
                label={t("assess.comment")}
                description={f.source === "peer" ? t("assess.commentPeer") : t("assess.commentHelp")}
                autosize
                minRows={3}
                maxLength={4000}
                disabled={locked}
                value={current.comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                onFocus={() => setTopic(null)}
              />
              <Group justify="flex-end">
                <Button variant="default" disabled={locked} loading={save.isPending} onClick={() => void send(false)}>
                  {t("assess.saveDraft")}
                </Button>
                <Button type="submit" disabled={locked} loading={submit.isPending}>
                  {t("assess.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <div style={{ position: "sticky", top: 76 }}>
          <RatingGuidance topic={topic} />
        </div>
      </Grid.Col>
      <Modal opened={reopening} onClose={() => setReopening(false)} title={t("assess.reopenTitle")}>
        <Stack>
          <Textarea label={t("assess.reopenReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} required />
          <Group justify="flex-end">
            <Button
              disabled={!reason.trim() || !sheet}
              loading={reopen.isPending}
              onClick={async () => {
                if (!sheet) return;
                try {
                  await reopen.mutateAsync({ regionId, assessmentId: sheet.id, reason: reason.trim() });
                  setReopening(false);
                  setReason("");
                  await refresh();
                  notifications.show({ color: "teal", message: t("assess.reopened") });
                } catch (error) {
                  notifyError({ message: errorMessage(error, t) });
                }
              }}
            >
              {t("assess.reopen")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Grid>
  );
}
