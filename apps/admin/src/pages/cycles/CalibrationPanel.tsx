// The evaluation forum (calibration): each unit's predikat distribution against the curve for its
// predikat organisasi, which the forum sets here; broken bounds are named. Finalising is refused while a
// blocking curve is broken. A chosen unit shows its forum (meetings, flagged raters); beside the curves,
// the region's rater-quality table (admins) and every predikat adjustment of the cycle. Where units break
// the curve of an evaluated cycle, an admin opens "Usulan penyesuaian" for them all or for one unit.
import { Alert, Box, Button, Card, Grid, Group, List, Stack, Table, Tabs, Text, Title, UnstyledButton } from "@mantine/core";
import type { OrganisationPredikat } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DistributionChart } from "../../components/LazyDistributionChart";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { unitDocument } from "../../lib/downloads";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatCount } from "../../lib/format";
import { NATIONAL_PREDIKAT, nationalInitials, nationalLabel, ORGANISATION_PREDIKAT, organisationLabel, totalNational } from "../../lib/predikat";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import type { UnitNode } from "../../lib/units";
import { AdjustmentsPanel } from "./AdjustmentsPanel";
import { CalibrationProposals } from "./CalibrationProposals";
import { ForumUnitPanel } from "./ForumUnitPanel";
import { RaterQualityPanel } from "./RaterQualityPanel";
import { Select } from "../../components/LazySelect";

export function CalibrationPanel(props: {
  cycleId: string;
  /** May set units' predikat organisasi (admins, before the cycle is final). */
  editable: boolean;
  /** May record a forum meeting (the cycle is evaluated). */
  canRecord: boolean;
  /** Sees the region's rater-quality table (admins). */
  manager: boolean;
  units: UnitNode[];
  predikatLabel(id: string | null): string;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const lang = currentLanguage();
  const distribution = useQuery(trpc.result.distribution.queryOptions({ regionId, cycleId: props.cycleId }));
  const setPredikat = useMutation(trpc.cycle.setUnitPredikat.mutationOptions());
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>("curve");
  /** The units whose proposals are open: every unit outside the curve ("all"), or one. */
  const [proposing, setProposing] = useState<"all" | string | null>(null);
  /** The units of the proposals last opened, kept while they are closed. */
  const [scope, setScope] = useState<"all" | string | null>(null);
  const propose = (units: "all" | string) => {
    setScope(units);
    setProposing(units);
  };

  if (distribution.isPending) return <Loading rows={8} />;
  if (distribution.error) return <ErrorState error={distribution.error} onRetry={() => void distribution.refetch()} />;
  const { units, enforcement } = distribution.data;
  if (units.length === 0) return <EmptyState title={t("calibration.none")}>{t("calibration.noneHelp")}</EmptyState>;
  const unit = units.find((u) => u.unitId === selected) ?? null;
  const broken = units.filter((u) => u.broken > 0).length;
  // The title says where the units stand; how the region's rules treat a breach is the line under it.
  const canCalibrate = props.editable && props.canRecord;
  const curve =
    enforcement === "off" ? { state: "off", color: "gray" } : broken === 0 ? { state: "within", color: "teal" } : { state: enforcement, color: enforcement === "block" ? "red" : "yellow" };

  return (
    <Tabs value={tab} onChange={setTab} variant="pills">
      <Tabs.List mb="md">
        <Tabs.Tab value="curve">{t("calibration.tabs.curve")}</Tabs.Tab>
        {props.manager && <Tabs.Tab value="raters">{t("calibration.tabs.raters")}</Tabs.Tab>}
        <Tabs.Tab value="adjustments">{t("calibration.tabs.adjustments")}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="curve">
        <Stack>
          <Alert color={curve.color} title={t(`calibration.curveTitle.${curve.state}`)} data-testid="curve-state">
            <Text size="sm">{broken === 0 ? t("calibration.allWithin") : t("calibration.broken", { count: broken })}</Text>
            <Text size="xs" c="dimmed" mt={4}>{t(`calibration.enforcement.${enforcement}`)}</Text>
            {canCalibrate && broken > 0 && (
              <Button size="xs" mt="sm" onClick={() => propose("all")}>
                {t("calibration.proposals.open")}
              </Button>
            )}
          </Alert>
          <Grid>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Table.ScrollContainer minWidth={620}>
                <Table highlightOnHover data-testid="calibration-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("results.unit")}</Table.Th>
                      <Table.Th>{t("calibration.organisation")}</Table.Th>
                      {NATIONAL_PREDIKAT.map((p) => (
                        <Table.Th key={p} ta="right" title={nationalLabel(p, lang)}>
                          {nationalInitials(p, lang)}
                        </Table.Th>
                      ))}
                      <Table.Th>{t("calibration.curve")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {units.map((u) => (
                      <Table.Tr key={u.unitId} bg={u.unitId === selected ? "blue.0" : undefined}>
                        <Table.Td>
                          <UnstyledButton onClick={() => setSelected(u.unitId)} td="underline" fz="sm">
                            {u.unitName}
                          </UnstyledButton>
                          <Text size="xs" c="dimmed">{t("calibration.employees", { count: u.total })}</Text>
                        </Table.Td>
                        <Table.Td>
                          {organisationLabel(u.organisationPredikat, lang)}
                          {!u.organisationPredikatSet && <Text size="xs" c="dimmed">{t("calibration.assumed")}</Text>}
                        </Table.Td>
                        {NATIONAL_PREDIKAT.map((p) => (
                          <Table.Td key={p} ta="right" className="tabular">{formatCount(u.national[p], lang)}</Table.Td>
                        ))}
                        <Table.Td>
                          {u.broken > 0 ? (
                            <Text size="sm" fw={700} c="red.9">✗ {t("calibration.brokenCount", { count: u.broken })}</Text>
                          ) : (
                            <Text size="sm" c="teal.9">✓ {t("calibration.ok")}</Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Card withBorder padding="md">
                {unit ? (
                  <Stack>
                    <Group justify="space-between" wrap="nowrap">
                      <Title order={3} size="h5">{unit.unitName}</Title>
                      <Button component="a" size="xs" variant="default" href={unitDocument(props.cycleId, unit.unitId, regionId)} download style={{ flexShrink: 0 }}>
                        {t("calibration.unitPdf")}
                      </Button>
                    </Group>
                    <Select
                      label={t("calibration.organisation")}
                      description={t("calibration.organisationHelp")}
                      data={ORGANISATION_PREDIKAT.map((p) => ({ value: p, label: organisationLabel(p, lang) }))}
                      value={unit.organisationPredikat}
                      allowDeselect={false}
                      disabled={!props.editable || setPredikat.isPending}
                      onChange={async (value) => {
                        if (!value) return;
                        try {
                          await setPredikat.mutateAsync({ regionId, cycleId: props.cycleId, unitId: unit.unitId, predikat: value as OrganisationPredikat });
                          await queryClient.invalidateQueries({ queryKey: trpc.result.distribution.queryKey({ regionId, cycleId: props.cycleId }) });
                        } catch (error) {
                          notifyError({ message: errorMessage(error, t) });
                        }
                      }}
                    />
                    <DistributionChart counts={unit.national} organisation={unit.organisationPredikat} height={220} compact />
                    <List spacing={4} size="sm">
                      {unit.checks.map((check, i) => (
                        <List.Item key={i} c={check.broken ? "red.8" : undefined}>
                          {check.broken ? "✗ " : "✓ "}
                          {check.message[lang]}
                        </List.Item>
                      ))}
                    </List>
                    {canCalibrate && unit.broken > 0 && (
                      <Button size="xs" variant="light" w="fit-content" onClick={() => propose(unit.unitId)}>
                        {t("calibration.proposals.openUnit")}
                      </Button>
                    )}
                    {Object.keys(unit.unmapped).length > 0 && (
                      <Text size="xs" c="dimmed">{t("calibration.unmapped", { list: Object.entries(unit.unmapped).map(([k, v]) => `${k} (${v})`).join(", ") })}</Text>
                    )}
                  </Stack>
                ) : (
                  <Stack>
                    <Group justify="space-between">
                      <Title order={3} size="h5">{t("calibration.region")}</Title>
                    </Group>
                    <DistributionChart counts={totalNational(units)} organisation="baik" height={220} compact />
                    <Text size="sm" c="dimmed">{t("calibration.pickUnit")}</Text>
                  </Stack>
                )}
              </Card>
            </Grid.Col>
          </Grid>
          {scope && (
            // Hidden rather than removed when closed: taking the open proposals out of the page left them
            // standing in Chromium; opening them again starts a new session.
            <Box hidden={!proposing}>
              <CalibrationProposals
                cycleId={props.cycleId}
                opened={Boolean(proposing)}
                {...(scope === "all" ? {} : { unitIds: [scope] })}
                onClose={() => setProposing(null)}
              />
            </Box>
          )}
          {unit && <ForumUnitPanel key={unit.unitId} cycleId={props.cycleId} unitId={unit.unitId} canRecord={props.canRecord} />}
        </Stack>
      </Tabs.Panel>
      {props.manager && <Tabs.Panel value="raters">{tab === "raters" && <RaterQualityPanel cycleId={props.cycleId} units={props.units} />}</Tabs.Panel>}
      <Tabs.Panel value="adjustments">{tab === "adjustments" && <AdjustmentsPanel cycleId={props.cycleId} predikatLabel={props.predikatLabel} />}</Tabs.Panel>
    </Tabs>
  );
}
