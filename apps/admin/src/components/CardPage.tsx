// The frame of the screens shown outside the portal (sign-in, activation, a forgotten password, a temporary
// password to change): one card in the middle of a pale page, its title and a line under it, the language
// switch above it and, at the switch's left, `aside` (e.g. signing out).
import { Box, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./LanguageSwitch";

export function CardPage(props: { title: ReactNode; intro: ReactNode; aside?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={props.width ?? 460}>
        <Group justify={props.aside ? "space-between" : "flex-end"} mb="xs">
          {props.aside}
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack>
            <div>
              <Title order={1} size="h2" c="blue.8">
                {props.title}
              </Title>
              <Text c="dimmed" size="sm">
                {props.intro}
              </Text>
            </div>
            {props.children}
          </Stack>
        </Paper>
      </Box>
    </Center>
  );
}
