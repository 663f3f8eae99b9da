// Right after signing in with a temporary password an admin set: nothing else of the portal until the
// person has chosen their own (the API refuses every other call meanwhile).
import { Alert, Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CardPage } from "../../components/CardPage";
import { ChangePasswordForm } from "./ChangePasswordForm";

export function ChangePasswordScreen(props: { name: string; onChanged(): void; onSignOut(): void }) {
  const { t } = useTranslation();
  return (
    <CardPage
      title={t("myAccount.changeTitle")}
      intro={props.name}
      aside={
        <Button variant="subtle" size="xs" onClick={props.onSignOut}>
          {t("layout.signOut")}
        </Button>
      }
    >
      <Alert color="yellow">{t("myAccount.temporaryHelp")}</Alert>
      <ChangePasswordForm onChanged={props.onChanged} />
    </CardPage>
  );
}

export default ChangePasswordScreen;
