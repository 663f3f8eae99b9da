// When someone else saved the draft being edited first: the server refuses the save (CONFLICT) rather
// than replace their work, and the person chooses: load the stored draft (dropping their own changes), or
// compare the two and then keep editing or save theirs over it knowingly.
import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DiffTable } from "./DiffTable";

export function DraftConflict(props: {
  /** The server's message. */
  message: string;
  draftId: string | null;
  mine: Record<string, unknown> | null;
  onReload(): Promise<void>;
  /** Saves the person's content over the stored draft, at the revision they compared it with. */
  onOverwrite(revision: number): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const compare = useMutation(trpc.ruleSet.diffContent.mutationOptions());
  const compared = compare.data;
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    compare.reset();
    setFailure(null);
    props.onClose();
  };
  const choose = async (action: () => Promise<void>) => {
    try {
      await action();
      compare.reset();
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error, t));
    }
  };

  return (
    <Modal opened onClose={close} title={t("rules.conflict.title")} size="xl">
      <Stack>
        <Alert color="orange">{props.message}</Alert>
        <Text size="sm">{t("rules.conflict.help")}</Text>
        {(failure ?? compare.error) && <Alert color="red">{failure ?? errorMessage(compare.error, t)}</Alert>}
        {compared &&
          (compared.changes.length > 0 ? (
            <DiffTable changes={compared.changes} before={t("rules.conflict.theirs")} after={t("rules.conflict.mine")} testId="conflict-diff" />
          ) : (
            <Text size="sm">{t("rules.conflict.same")}</Text>
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("rules.conflict.keepEditing")}
          </Button>
          {compared ? (
            <Button variant="light" color="orange" onClick={() => void choose(() => props.onOverwrite(compared.version.revision))}>
              {t("rules.conflict.overwrite")}
            </Button>
          ) : (
            <Button
              variant="light"
              loading={compare.isPending}
              disabled={!props.draftId || !props.mine}
              onClick={() => props.draftId && props.mine && compare.mutate({ regionId, id: props.draftId, content: props.mine })}
            >
              {t("rules.conflict.compare")}
            </Button>
          )}
          <Button onClick={() => void choose(props.onReload)}>{t("rules.conflict.reload")}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
