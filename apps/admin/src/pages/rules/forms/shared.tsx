// Pieces every rule-file form section uses: the section frame, a remove button, number input parsing.
import { Accordion, ActionIcon, Group, Text } from "@mantine/core";
import type { RuleFile } from "@kinerja/core";
import type { ReactNode } from "react";

export type Update = (change: (draft: RuleFile) => void) => void;

export function RemoveButton(props: { label: string; onClick(): void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={props.label} title={props.label} onClick={props.onClick}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

export function num(value: string | number): number {
  return typeof value === "number" ? value : Number(value) || 0;
}

export function Section(props: { value: string; title: string; badge?: ReactNode; children: ReactNode }) {
  return (
    <Accordion.Item value={props.value}>
      <Accordion.Control>
        <Group gap="sm">
          <Text fw={600}>{props.title}</Text>
          {props.badge}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>{props.children}</Accordion.Panel>
    </Accordion.Item>
  );
}
