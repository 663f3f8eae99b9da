// Who may tell the raters of an employee apart. Subordinates rate their leader anonymously: only the
// region's admin sees each subordinate's sheet; the leader, the leader's assessor and that assessor's
// superior see the subordinates' ratings only as their mean. The rated employee also reads peers',
// subordinates' and public respondents' written feedback without their names.
import type { RaterSource } from "@kinerja/core";
import type { Relation } from "./relation.js";

/** Sources several people rate as: their names are hidden from the rated employee. */
const MANY: ReadonlySet<RaterSource> = new Set<RaterSource>(["peer", "subordinate", "public"]);

/** Whether a viewer with this relation to the rated employee sees each rating of the source on its own (not only their mean). */
export function seesEachRating(relation: Relation | null, source: RaterSource): boolean {
  return relation === "admin" || source !== "subordinate";
}

/** Whether a viewer with this relation to the rated employee sees who wrote a sheet or feedback of the source. */
export function seesRaterOf(relation: Relation | null, source: RaterSource): boolean {
  if (!seesEachRating(relation, source)) return false;
  return relation !== "self" || !MANY.has(source);
}
