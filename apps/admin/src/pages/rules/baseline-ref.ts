// How the rules name the national baseline version they extend ("national:pp-30-2019@2"), read in the page
// (to check the rules on top of that version) and in the baseline tab.
type Content = Record<string, unknown>;

/** The national baseline version `content` extends, as written: "national:pp-30-2019@2". */
export function extendedRef(content: Content | null): string | null {
  const value = content?.extends;
  return typeof value === "string" && value.startsWith("national:") ? value : null;
}

export function parseRef(ref: string | null): { baselineId: string; version: number } | null {
  const match = ref ? /^national:([a-z0-9][a-z0-9-]*)@([1-9][0-9]*)$/.exec(ref) : null;
  return match ? { baselineId: match[1]!, version: Number(match[2]) } : null;
}
