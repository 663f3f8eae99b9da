// The region's organisation units as an indented tree, with a form to add a unit or rename / move one.
import { ActionIcon, Badge, Box, Button, Card, Group, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { flattenUnits, type UnitNode } from "../../lib/units";
import { Select } from "../../components/LazySelect";
import { Modal } from "../../components/LazyModal";


function UnitForm(props: { units: UnitNode[]; editing: UnitNode | null; onDone(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.unit.save.mutationOptions());
  const flat = flattenUnits(props.units);
  const form = useForm({
    initialValues: {
      id: props.editing?.id ?? "",
      name: props.editing?.name ?? "",
      type: props.editing?.type ?? "",
      parentId: props.editing?.parentId ?? null,
    },
    validate: {
      id: (v) => (/^[a-z0-9][a-z0-9._-]{0,63}$/.test(v) ? null : t("organisation.unitIdInvalid")),
      name: (v) => (v.trim() ? null : t("organisation.unitNameRequired")),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit(async (values) => {
        try {
          await save.mutateAsync({ regionId, id: values.id, name: values.name, type: values.type.trim() || null, parentId: values.parentId });
          await queryClient.invalidateQueries({ queryKey: trpc.unit.tree.queryKey({ regionId }) });
          notifications.show({ color: "teal", message: t("organisation.unitSaved", { name: values.name }) });
          props.onDone();
        } catch (error) {
          notifyError({ message: errorMessage(error, t) });
        }
      })}
    >
      <Stack>
        <TextInput label={t("organisation.unitId")} description={t("organisation.unitIdHelp")} disabled={props.editing !== null} required {...form.getInputProps("id")} />
        <TextInput label={t("organisation.unitName")} required {...form.getInputProps("name")} />
        <TextInput label={t("organisation.unitType")} description={t("organisation.unitTypeHelp")} {...form.getInputProps("type")} />
        <Select
          label={t("organisation.parent")}
          placeholder={t("organisation.noParent")}
          clearable
          searchable
          data={flat.filter((u) => u.id !== props.editing?.id).map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
          {...form.getInputProps("parentId")}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function UnitTree(props: { units: UnitNode[]; onShowEmployees(unitId: string): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [editing, setEditing] = useState<UnitNode | null | "new">(null);
  const flat = flattenUnits(props.units);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("organisation.unitCount", { count: flat.length })}
        </Text>
        <Button size="xs" onClick={() => setEditing("new")}>
          {t("organisation.addUnit")}
        </Button>
      </Group>
      <Card withBorder padding={0}>
        <Box component="ul" role="tree" aria-label={t("organisation.units")} m={0} p={0} style={{ listStyle: "none" }}>
          {flat.map((unit) => (
            <Box
              component="li"
              role="treeitem"
              aria-level={unit.depth + 1}
              key={unit.id}
              px="sm"
              py={6}
              style={{ borderBottom: "1px solid var(--mantine-color-gray-2)", paddingLeft: `calc(var(--mantine-spacing-sm) + ${unit.depth * 1.5}rem)` }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={unit.depth === 0 ? 600 : 400}>
                    {unit.name}
                  </Text>
                  {unit.type && <Badge variant="light" size="sm">{unit.type}</Badge>}
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Button variant="subtle" size="compact-xs" onClick={() => props.onShowEmployees(unit.id)}>
                    {t("organisation.employeesIn", { count: unit.employees, formatted: formatCount(unit.employees, lang) })}
                  </Button>
                  <ActionIcon variant="subtle" aria-label={t("organisation.editUnit", { name: unit.name })} onClick={() => setEditing(unit)}>
                    <span aria-hidden="true">✎</span>
                  </ActionIcon>
                </Group>
              </Group>
            </Box>
          ))}
        </Box>
      </Card>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === "new" ? t("organisation.addUnit") : t("organisation.editUnitTitle")}>
        {editing !== null && <UnitForm units={props.units} editing={editing === "new" ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}
