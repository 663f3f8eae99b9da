// Organisation and people: the unit tree, the employees with their assessors, and sheet imports.
import { Stack, Tabs, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/States";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { EmployeesPanel } from "./EmployeesPanel";

// The units and import tabs load when first opened.
const ImportPanel = lazy(() => import("./ImportPanel").then((module) => ({ default: module.ImportPanel })));
const HistoryImportPanel = lazy(() => import("./HistoryImportPanel").then((module) => ({ default: module.HistoryImportPanel })));
const UnitTree = lazy(() => import("./UnitTree").then((module) => ({ default: module.UnitTree })));

export default function OrganisationPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const tree = useQuery(trpc.unit.tree.queryOptions({ regionId }));
  const [tab, setTab] = useState<string | null>("employees");
  // Tabs opened so far stay mounted once drawn.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set(["employees"]));
  const openTab = (value: string | null) => {
    setTab(value);
    if (value && !opened.has(value)) setOpened(new Set([...opened, value]));
  };
  const [unitId, setUnitId] = useState<string | null>(null);
  return (
    <Stack>
      <Title order={2}>{t("organisation.title")}</Title>
      <Tabs value={tab} onChange={openTab}>
        <Tabs.List>
          <Tabs.Tab value="employees">{t("organisation.tabs.employees")}</Tabs.Tab>
          <Tabs.Tab value="units">{t("organisation.tabs.units")}</Tabs.Tab>
          <Tabs.Tab value="import">{t("organisation.tabs.import")}</Tabs.Tab>
          <Tabs.Tab value="history">{t("organisation.tabs.history")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="employees" pt="md">
          {tree.error && <ErrorState error={tree.error} />}
          {tree.isPending ? <Loading rows={8} /> : <EmployeesPanel units={tree.data ?? []} unitId={unitId} onUnitChange={setUnitId} />}
        </Tabs.Panel>
        <Tabs.Panel value="units" pt="md">
          {tree.error && <ErrorState error={tree.error} />}
          {tree.isPending ? (
            <Loading rows={8} />
          ) : (
            opened.has("units") && (
              <Suspense fallback={<Loading rows={8} />}>
                <UnitTree
                  units={tree.data ?? []}
                  onShowEmployees={(id) => {
                    setUnitId(id);
                    openTab("employees");
                  }}
                />
              </Suspense>
            )
          )}
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          {opened.has("import") && (
            <Suspense fallback={<Loading rows={4} />}>
              <ImportPanel />
            </Suspense>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          {opened.has("history") && (
            <Suspense fallback={<Loading rows={4} />}>
              <HistoryImportPanel />
            </Suspense>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
