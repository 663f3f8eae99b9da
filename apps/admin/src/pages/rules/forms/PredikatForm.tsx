// The predikat bands: which score gives which predikat.
import { Button, Group, Stack, Table, TextInput } from "@mantine/core";
import { NATIONAL_PREDIKAT, type RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n";
import { nationalLabel } from "../../../lib/predikat";
import { RemoveButton, type Update } from "./shared";
import { Select } from "../../../components/LazySelect";

export function Predikat(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const list = props.file.predikat ?? [];
  return (
    <Stack>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("rules.form.predikatId")}</Table.Th>
            <Table.Th>{t("rules.form.predikatLabel")}</Table.Th>
            <Table.Th>{t("rules.form.national")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((p, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                <TextInput aria-label={t("rules.form.predikatId")} value={p.id} onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const x = d.predikat?.[i]; if (x) x.id = v; }); }} />
              </Table.Td>
              <Table.Td>
                <TextInput aria-label={t("rules.form.predikatLabel")} value={p.label} onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const x = d.predikat?.[i]; if (x) x.label = v; }); }} />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t("rules.form.national")}
                  data={NATIONAL_PREDIKAT.map((n) => ({ value: n, label: nationalLabel(n, lang) }))}
                  value={p.national ?? null}
                  clearable
                  onChange={(v) => props.update((d) => { const x = d.predikat?.[i]; if (!x) return; if (v) x.national = v as typeof x.national; else delete x.national; })}
                />
              </Table.Td>
              <Table.Td>
                <RemoveButton label={t("rules.form.removePredikat", { label: p.label })} onClick={() => props.update((d) => { d.predikat?.splice(i, 1); })} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="light" size="xs" onClick={() => props.update((d) => { d.predikat = [...(d.predikat ?? []), { id: "predikat_baru", label: t("rules.form.newPredikat") }]; })}>
          {t("rules.form.addPredikat")}
        </Button>
      </Group>
    </Stack>
  );
}
