// The region's settings, for its admin (and the national operator in that region): sign-in through the
// region's identity provider, the words of its notifications, when raters are reminded, and mail that
// failed. The tabs after the first load when first opened.
import "./strings";
import { Stack, Tabs, Title } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../components/States";
import { IdentityProviders } from "./IdentityProviders";

const NotificationTemplates = lazy(() => import("./NotificationTemplates"));
const ReminderSchedule = lazy(() => import("./ReminderSchedule"));
const FailedMail = lazy(() => import("./FailedMail"));

export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t("settings.title")}</Title>
      <Tabs defaultValue="sso" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sso">{t("settings.tabs.sso")}</Tabs.Tab>
          <Tabs.Tab value="templates">{t("settings.tabs.templates")}</Tabs.Tab>
          <Tabs.Tab value="schedule">{t("settings.tabs.schedule")}</Tabs.Tab>
          <Tabs.Tab value="mail">{t("settings.tabs.mail")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sso" pt="md">
          <IdentityProviders />
        </Tabs.Panel>
        <Suspense fallback={<Loading rows={4} />}>
          <Tabs.Panel value="templates" pt="md">
            <NotificationTemplates />
          </Tabs.Panel>
          <Tabs.Panel value="schedule" pt="md">
            <ReminderSchedule />
          </Tabs.Panel>
          <Tabs.Panel value="mail" pt="md">
            <FailedMail />
          </Tabs.Panel>
        </Suspense>
      </Tabs>
    </Stack>
  );
}
