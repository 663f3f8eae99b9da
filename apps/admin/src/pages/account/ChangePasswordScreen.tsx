// Right after signing in with a temporary password an admin set: nothing else of the portal until the
// person has chosen their own (the API refuses every other call meanwhile).
import { Alert, Box, Button, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { ChangePasswordForm } from "./ChangePasswordForm";

export function ChangePasswordScreen(props: { name: string; onChanged(): void; onSignOut(): void }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={460}>
        <Group justify="space-between" mb="xs">
          <Button variant="subtle" size="xs" onClick={props.onSignOut}>
            {t("layout.signOut")}
          </Button>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack>
            <div>
              <Title order={1} size="h2" c="blue.8">
                {t("myAccount.changeTitle")}
              </Title>
              <Text c="dimmed" size="sm">
                {props.name}
              </Text>
            </div>
            <Alert color="yellow">{t("myAccount.temporaryHelp")}</Alert>
            <ChangePasswordForm onChanged={props.onChanged} />
          </Stack>
        </Paper>
      </Box>
    </Center>
  );
}

export default ChangePasswordScreen;
