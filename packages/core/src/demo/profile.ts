// A region's organisation as demo data sees it: units, posts and who fills them. Profiles are data
// (rules/demo/<region>.json); the generator reads any region's profile the same way.
import { z } from "zod";

const unitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    parent: z.string().nullable().default(null),
    /** Relative head count. */
    size: z.number().positive().default(1),
  })
  .strict();

const postSchema = z
  .object({
    jabatan: z.string(),
    jenisJabatan: z.enum(["struktural", "fungsional", "pelaksana"]),
    jenjang: z.string().optional(),
    golongan: z.array(z.string()).min(1),
    /** Unit types where the post exists; empty means everywhere. */
    unitTypes: z.array(z.string()).default([]),
    /** Relative frequency. */
    share: z.number().positive().default(1),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

/** A region's demo profile (rules/demo/*.json): its units and posts. */
export const demoProfileSchema = z
  .object({
    region: z.object({ id: z.string(), name: z.string() }).strict(),
    units: z.array(unitSchema).min(1),
    posts: z.array(postSchema).min(1),
  })
  .strict();

/** A region's demo profile. */
export type DemoProfile = z.infer<typeof demoProfileSchema>;
export type DemoUnit = DemoProfile["units"][number];
export type DemoPost = DemoProfile["posts"][number];
