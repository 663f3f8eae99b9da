// How the status of a plan and of a work entry is shown.
export const PLAN_COLORS = { draft: "gray", submitted: "blue", revision: "orange", rejected: "red", approved: "teal" } as const;
export const EDITABLE = new Set(["draft", "revision", "rejected"]);
export const ENTRY_COLORS = { submitted: "blue", confirmed: "teal", returned: "orange" } as const;
