// The region's rules: edit the newest version (or any other) as forms or raw JSON, see every problem and
// the embedded cases' results as you type (checked in the browser with @kinerja/core), try the change on
// a past cycle, save it as a draft, publish it, and compare versions.
import "./strings";
import { Alert, Badge, Box, Button, FileButton, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import type { RuleFile } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import type { RuleValidation } from "../../lib/rule-validation";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { isConflict } from "./conflict";
import { extendedRef, parseRef } from "./baseline-ref";
import type { JsonEditorHandle } from "./JsonEditor";
import { RuleForms, type CaseAcceptance, type Update } from "./RuleForms";
import { IssueLines, ValidationPanel, ValidationSummary } from "./ValidationPanel";

// The code editor (CodeMirror) loads when the JSON tab is first opened, what-if and the versions when
// their tabs are, and the publish and conflict dialogs when needed: the forms are what the page opens on.
const JsonEditor = lazy(() => import("./JsonEditor").then((module) => ({ default: module.JsonEditor })));
const WhatIfPanel = lazy(() => import("./WhatIfPanel").then((module) => ({ default: module.WhatIfPanel })));
const VersionsPanel = lazy(() => import("./VersionsPanel").then((module) => ({ default: module.VersionsPanel })));
const PublishDialog = lazy(() => import("./PublishDialog").then((module) => ({ default: module.PublishDialog })));
const DraftConflict = lazy(() => import("./DraftConflict").then((module) => ({ default: module.DraftConflict })));
const BaselinePanel = lazy(() => import("./BaselinePanel").then((module) => ({ default: module.BaselinePanel })));

type Version = RouterOutputs["ruleSet"]["get"];
type VersionSummary = RouterOutputs["ruleSet"]["list"][number];

type Validate = (text: string, file: string, baselines: ReadonlyMap<string, unknown>) => RuleValidation;

/**
 * The checks the server runs before it publishes (schema, static checks, compilation, the file's cases),
 * from @kinerja/core: loaded after the page is drawn, and until then the file counts as being checked.
 */
function useValidator(): Validate | null {
  const [validate, setValidate] = useState<Validate | null>(null);
  useEffect(() => {
    let live = true;
    void import("../../lib/rule-validation").then((module) => {
      if (live) setValidate(() => module.validateRuleText);
    });
    return () => {
      live = false;
    };
  }, []);
  return validate;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function emptyRuleFile(regionId: string, name: string): string {
  return `${JSON.stringify({ id: regionId.replace(/[^a-z0-9_]/g, "_"), name, indicatorSets: [], predikat: [], decisions: [], outcomes: [], tests: [] }, null, 2)}\n`;
}

function RuleEditor(props: { version: Version | null; versions: VersionSummary[]; initialText: string; onOpen(id: string): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const regionId = useRegionId();
  const { version } = props;
  const [text, setText] = useState(props.initialText);
  const [savedText, setSavedText] = useState(version ? props.initialText : "");
  const [draftId, setDraftId] = useState<string | null>(version?.status === "draft" ? version.id : null);
  // The draft's revision the text was loaded or last saved at: a save names it, so that a save someone
  // else made in between is refused (CONFLICT) instead of being replaced.
  const [revision, setRevision] = useState<number | undefined>(version?.status === "draft" ? version.revision : undefined);
  const [conflict, setConflict] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [tab, setTab] = useState<string | null>("form");
  // Tabs opened so far: their panels stay mounted (the editor keeps its cursor and scroll) once drawn.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set(["form"]));
  const openTab = (value: string | null) => {
    setTab(value);
    if (value && !opened.has(value)) setOpened(new Set([...opened, value]));
  };
  const editor = useRef<JsonEditorHandle>(null);
  // An issue to show once the editor has loaded, when it is asked for before.
  const pendingReveal = useRef<number | null>(null);
  const [checked] = useDebouncedValue(text, 300);
  const validate = useValidator();
  const parsed = useMemo(() => parseObject(text), [text]);
  // The national baseline version the rules extend: checked on top of it, as the server checks them.
  const ref = extendedRef(parsed);
  const named = parseRef(ref);
  const baseline = useQuery({ ...trpc.baseline.get.queryOptions(named ?? { baselineId: "", version: 1 }), enabled: named !== null, staleTime: Infinity });
  const baselineContent = named && baseline.data ? baseline.data.content : null;
  const baselines = useMemo(() => new Map<string, unknown>(ref && baselineContent ? [[ref, baselineContent]] : []), [ref, baselineContent]);
  const validation = useMemo<RuleValidation>(
    () =>
      validate
        ? validate(checked, `${regionId}/${t("rules.edited")}`, baselines)
        : { content: parseObject(checked), ruleSet: null, issues: [], tests: null, actual: null, ok: false },
    [validate, checked, regionId, t, baselines],
  );
  const lastGood = useRef<Record<string, unknown> | null>(parsed);
  if (parsed) lastGood.current = parsed;
  const dirty = text !== savedText;
  const checking = text !== checked || validate === null || (named !== null && baseline.isPending);

  const update: Update = (change) => {
    const base = parsed ?? lastGood.current;
    if (!base) return;
    const next = structuredClone(base) as RuleFile;
    change(next);
    setText(`${JSON.stringify(next, null, 2)}\n`);
  };

  const remember = (summary: VersionSummary, content: Record<string, unknown>) => {
    queryClient.setQueryData(trpc.ruleSet.get.queryKey({ regionId, id: summary.id }), { ...summary, content });
    void queryClient.invalidateQueries({ queryKey: trpc.ruleSet.list.queryKey({ regionId }) });
  };

  const saveDraft = useMutation(trpc.ruleSet.saveDraft.mutationOptions());
  const publish = useMutation(trpc.ruleSet.publish.mutationOptions());

  async function save(baseRevision = revision, content = parsed, contentText = text): Promise<VersionSummary | null> {
    if (!content) return null;
    const saved = await saveDraft.mutateAsync({ regionId, ...(draftId ? { id: draftId, baseRevision } : {}), content });
    setSavedText(contentText);
    setDraftId(saved.version.id);
    setRevision(saved.version.revision);
    remember(saved.version, content);
    return saved.version;
  }

  async function onSave(baseRevision = revision, content = parsed, contentText = text) {
    try {
      const saved = await save(baseRevision, content, contentText);
      if (saved) {
        notifications.show({ color: "teal", message: t("rules.saved", { version: saved.version }) });
        props.onOpen(saved.id);
      }
    } catch (error) {
      if (isConflict(error)) {
        setConflict(errorMessage(error, t));
        return;
      }
      notifyError({ title: t("rules.saveFailed"), message: errorMessage(error, t) });
    }
  }

  async function onPublish() {
    try {
      // The revision this person saw (just saved, or loaded): a draft saved by someone else since is refused (CONFLICT).
      const draft = dirty || !draftId ? await save() : revision === undefined ? null : { id: draftId, revision };
      if (!draft || !parsed) return;
      const published = await publish.mutateAsync({ regionId, id: draft.id, revision: draft.revision });
      // Published, the version is no draft to save over: the next save makes a new draft.
      setDraftId(null);
      setRevision(undefined);
      remember(published, parsed);
      // The baseline the published rules extend may have changed (a move to a newer version).
      void queryClient.invalidateQueries({ queryKey: trpc.ruleSet.baselineStatus.queryKey({ regionId }) });
      notifications.show({ color: "teal", message: t("rules.published", { version: published.version }) });
      props.onOpen(published.id);
    } catch (error) {
      if (isConflict(error)) {
        setConflict(errorMessage(error, t));
        return;
      }
      notifyError({ title: t("rules.publishFailed"), message: errorMessage(error, t) });
    }
  }

  /** Drops this person's changes for the draft as it is stored now. */
  async function reload() {
    if (!draftId) return;
    const stored = await queryClient.fetchQuery({ ...trpc.ruleSet.get.queryOptions({ regionId, id: draftId }), staleTime: 0 });
    const storedText = `${JSON.stringify(stored.content, null, 2)}\n`;
    setText(storedText);
    setSavedText(storedText);
    setRevision(stored.revision);
    setConflict(null);
    void queryClient.invalidateQueries({ queryKey: trpc.ruleSet.list.queryKey({ regionId }) });
  }

  /** Makes the given failing cases expect what the rules now give, and saves the draft as any edit is saved. */
  async function acceptCases(indices: number[]) {
    const actual = validation.actual;
    if (!parsed || !actual) return;
    const next = structuredClone(parsed) as RuleFile;
    for (const i of indices) {
      const test = next.tests?.[i];
      const expect = actual[i];
      if (test && expect) test.expect = expect;
    }
    const nextText = `${JSON.stringify(next, null, 2)}\n`;
    setText(nextText);
    notifications.show({ color: "teal", message: t("rules.cases.accepted", { count: indices.length }) });
    await onSave(revision, next, nextText);
  }

  const reveal = (offset: number) => {
    openTab("json");
    if (editor.current) requestAnimationFrame(() => editor.current?.reveal(offset));
    else pendingReveal.current = offset;
  };
  const editorReady = () => {
    if (pendingReveal.current === null) return;
    const offset = pendingReveal.current;
    pendingReveal.current = null;
    requestAnimationFrame(() => editor.current?.reveal(offset));
  };

  const busy = saveDraft.isPending || publish.isPending;
  const canPublish = validation.ok && !checking && parsed !== null && (dirty || draftId !== null);
  const acceptance: CaseAcceptance | null =
    validation.ruleSet && validation.actual ? { ruleSet: validation.ruleSet, actual: validation.actual, disabled: checking || busy, accept: (indices) => void acceptCases(indices) } : null;

  return (
    <Stack>
      <Box pos="sticky" top={60} py="xs" bg="var(--mantine-color-body)" style={{ zIndex: 5, borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
        <Group justify="space-between" align="flex-start">
          <Box style={{ flex: "1 1 0", minWidth: 260 }}>
            <Title order={2}>{t("rules.title")}</Title>
            <Group gap="xs" mt={4}>
              {version ? (
                <>
                  <Text size="sm">{t("rules.editing", { version: version.version, name: version.name })}</Text>
                  <Badge color={version.status === "published" ? "teal" : "gray"} data-testid="open-version-status">
                    {t(`rules.status.${version.status}`)}
                  </Badge>
                </>
              ) : (
                <Text size="sm">{t("rules.newFile")}</Text>
              )}
              {dirty && (
                <Badge color="orange" variant="light">
                  {t("rules.unsaved")}
                </Badge>
              )}
            </Group>
          </Box>
          <Group gap="xs" wrap="wrap">
            <FileButton accept="application/json,.json" onChange={(file) => void file?.text().then(setText)}>
              {(buttonProps) => (
                <Button variant="default" {...buttonProps}>
                  {t("rules.upload")}
                </Button>
              )}
            </FileButton>
            <Button variant="default" disabled={!dirty || busy} onClick={() => setText(savedText || props.initialText)}>
              {t("rules.discard")}
            </Button>
            <Button variant="light" disabled={!dirty || !parsed || busy} loading={saveDraft.isPending} onClick={() => void onSave()}>
              {t("rules.saveDraft")}
            </Button>
            <Button disabled={!canPublish || busy} loading={publish.isPending} onClick={() => setConfirming(true)}>
              {t("rules.publish")}
            </Button>
          </Group>
        </Group>
        <Group gap="sm" mt="xs" mih={28}>
          {/* Until the checks have loaded there is nothing to report but that they are coming. */}
          <ValidationSummary validation={validate ? validation : null} checking={checking} />
          {!validation.ok && !checking && (
            <Text size="sm" c="dimmed">
              {t("rules.publishBlocked")}
            </Text>
          )}
        </Group>
      </Box>
      <Tabs value={tab} onChange={openTab} keepMounted>
        <Tabs.List>
          <Tabs.Tab value="form">{t("rules.tabs.form")}</Tabs.Tab>
          <Tabs.Tab value="json">{t("rules.tabs.json")}</Tabs.Tab>
          <Tabs.Tab value="check">{t("rules.tabs.check")}</Tabs.Tab>
          <Tabs.Tab value="whatif">{t("rules.tabs.whatIf")}</Tabs.Tab>
          <Tabs.Tab value="baseline">{t("rules.tabs.baseline")}</Tabs.Tab>
          <Tabs.Tab value="versions">{t("rules.tabs.versions")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="form" pt="md">
          {parsed ? (
            <RuleForms file={parsed as RuleFile} update={update} results={validation.tests} acceptance={acceptance} />
          ) : (
            <Alert color="yellow" title={t("rules.form.jsonBroken")}>
              {t("rules.form.jsonBrokenHelp")}
            </Alert>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="json" pt="md">
          <Stack gap="xs">
            <IssueLines validation={validation} onReveal={reveal} />
            {opened.has("json") && (
              <Suspense fallback={<Loading rows={10} />}>
                <JsonEditor ref={editor} value={text} onChange={setText} issues={validation.issues} onReady={editorReady} />
              </Suspense>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="check" pt="md">
          <ValidationPanel validation={validation} onReveal={reveal} />
        </Tabs.Panel>
        <Tabs.Panel value="whatif" pt="md">
          {opened.has("whatif") && (
            <Suspense fallback={<Loading rows={4} />}>
              <WhatIfPanel content={validation.content} valid={validation.issues.every((i) => i.severity !== "error")} />
            </Suspense>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="baseline" pt="md">
          {opened.has("baseline") && (
            <Suspense fallback={<Loading rows={4} />}>
              <BaselinePanel
                content={parsed}
                baseline={baselineContent}
                onChange={(next) => setText(`${JSON.stringify(next, null, 2)}\n`)}
                onOpen={props.onOpen}
              />
            </Suspense>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          {opened.has("versions") && (
            <Suspense fallback={<Loading rows={4} />}>
              <VersionsPanel versions={props.versions} openId={version?.id ?? null} onOpen={props.onOpen} />
            </Suspense>
          )}
        </Tabs.Panel>
      </Tabs>
      {confirming && (
        <Suspense fallback={null}>
          <PublishDialog
            opened={confirming}
            version={version?.status === "draft" ? version.version : null}
            content={confirming ? validation.content : null}
            ruleSet={validation.ruleSet}
            tests={validation.tests}
            published={props.versions.find((v) => v.status === "published") ?? null}
            publishing={busy}
            onConfirm={() => void onPublish().finally(() => setConfirming(false))}
            onClose={() => setConfirming(false)}
          />
        </Suspense>
      )}
      {conflict !== null && (
        <Suspense fallback={null}>
          <DraftConflict
            message={conflict}
            draftId={draftId}
            mine={parsed}
            onReload={reload}
            onOverwrite={async (storedRevision) => {
              setConflict(null);
              await onSave(storedRevision);
            }}
            onClose={() => setConflict(null)}
          />
        </Suspense>
      )}
    </Stack>
  );
}

export default function RulesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const versions = useQuery(trpc.ruleSet.list.queryOptions({ regionId }));
  const [openId, setOpenId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const id = openId ?? versions.data?.[0]?.id ?? null;
  const version = useQuery({ ...trpc.ruleSet.get.queryOptions({ regionId, id: id ?? "" }), enabled: id !== null });

  if (versions.error) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  if (version.error) return <ErrorState error={version.error} onRetry={() => void version.refetch()} />;
  if (versions.isPending || (id !== null && version.isPending)) return <Loading rows={8} />;
  if (!id && !starting) {
    return (
      <Stack>
        <Title order={2}>{t("rules.title")}</Title>
        <EmptyState title={t("rules.none")} action={<Button onClick={() => setStarting(true)}>{t("rules.start")}</Button>}>
          {t("rules.noneHelp")}
        </EmptyState>
      </Stack>
    );
  }
  const data = version.data ?? null;
  const initialText = data ? `${JSON.stringify(data.content, null, 2)}\n` : emptyRuleFile(regionId, t("rules.newName"));
  return <RuleEditor key={data?.id ?? "new"} version={data} versions={versions.data} initialText={initialText} onOpen={setOpenId} />;
}
