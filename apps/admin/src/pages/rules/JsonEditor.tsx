// The raw rule file in CodeMirror, with every validation issue underlined where its JSON pointer points
// and listed in the gutter.
import { json } from "@codemirror/lang-json";
import { issueMessage } from "@kinerja/core";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import CodeMirror from "@uiw/react-codemirror";
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import type { PlacedIssue } from "../../lib/rule-validation";

export interface JsonEditorHandle {
  /** Moves the cursor to an offset, scrolls it into view and focuses the editor. */
  reveal(offset: number): void;
}

export function toDiagnostics(issues: PlacedIssue[], length: number): Diagnostic[] {
  return issues.map((issue) => {
    const from = Math.min(issue.from, length);
    return {
      from,
      to: Math.min(Math.max(issue.to, from), length),
      severity: issue.severity,
      message: `${issue.pointer || "/"}: ${issueMessage(issue, currentLanguage())}`,
    };
  });
}

export const JsonEditor = forwardRef<JsonEditorHandle, { value: string; onChange(value: string): void; issues: PlacedIssue[]; onReady?(): void }>(
  function JsonEditor(props, ref) {
    const { t } = useTranslation();
    const view = useRef<EditorView | null>(null);
    const extensions = useMemo(
      () => [json(), lintGutter(), EditorView.lineWrapping, EditorView.contentAttributes.of({ "aria-label": t("rules.json.label") })],
      [t],
    );

    useImperativeHandle(ref, () => ({
      reveal(offset: number) {
        const current = view.current;
        if (!current) return;
        const anchor = Math.min(offset, current.state.doc.length);
        current.dispatch({ selection: { anchor }, effects: EditorView.scrollIntoView(anchor, { y: "center" }) });
        current.focus();
      },
    }));

    useEffect(() => {
      const current = view.current;
      if (!current) return;
      current.dispatch(setDiagnostics(current.state, toDiagnostics(props.issues, current.state.doc.length)));
    }, [props.issues]);

    return (
      <CodeMirror
        value={props.value}
        onChange={props.onChange}
        extensions={extensions}
        height="65vh"
        basicSetup={{ foldGutter: true, highlightActiveLine: true }}
        onCreateEditor={(created) => {
          view.current = created;
          created.dispatch(setDiagnostics(created.state, toDiagnostics(props.issues, created.state.doc.length)));
          props.onReady?.();
        }}
      />
    );
  },
);
