// The whole page waiting: for the session on a first visit, and for the portal's script after sign-in.
import { Center, Group, Loader, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" aria-busy="true">
      <Group>
        <Loader size="sm" />
        <Text>{t("common.loading")}</Text>
      </Group>
    </Center>
  );
}
