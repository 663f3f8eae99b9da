// Connector runs over plain HTTP with the same session, role and region checks as the tRPC API
// (`?regionId=` for operators):
//   POST /connectors/:name/run.:format[?period=2025-01]  a source's file as the raw body → 202 JSON, the run's status
//   GET  /connectors/:name/export/:cycleId.{xlsx,csv,json} a sink's file for a cycle (the TPP payroll sheet, the SIASN bodies)
//   GET  /connectors/:name/template.{xlsx,csv}           a file source's template, laid out by the region's mapping
// Follow a source's run with the tRPC query connector.runs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { connectorTemplate, runSink, startSourceRun, type SinkFormat } from "../services/connectors/index.js";
import type { JobRunner } from "../services/cycles/index.js";
import type { ExportFormat } from "../services/documents/index.js";
import { DomainError } from "../services/lib/index.js";
import { IMPORT_BODY_LIMIT, readBody, sendJson } from "./imports.js";
import { signedIn, type HttpDeps } from "./session.js";

const SOURCE_RUN = /^\/connectors\/([a-z0-9_-]+)\/run\.([a-z0-9]+)$/;
const SINK_EXPORT = /^\/connectors\/([a-z0-9_-]+)\/export\/([^/]+)\.(xlsx|csv|json)$/;
const TEMPLATE = /^\/connectors\/([a-z0-9_-]+)\/template\.(xlsx|csv)$/;

/** Handles the request when it is a connector route; false when it is not one. */
export async function handleConnectors(req: IncomingMessage, res: ServerResponse, deps: HttpDeps & { jobs: JobRunner }): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const source = SOURCE_RUN.exec(url.pathname);
  const sink = SINK_EXPORT.exec(url.pathname);
  const template = TEMPLATE.exec(url.pathname);
  if (!source && !sink && !template) return false;
  try {
    if (source) {
      if (req.method !== "POST") {
        sendJson(res, 405, { error: "Gunakan POST untuk mengunggah berkas (use POST to upload a file)" });
        return true;
      }
      const scope = await signedIn(req, url, deps);
      const period = url.searchParams.get("period") ?? "";
      const body = await readBody(req, IMPORT_BODY_LIMIT);
      if (!body) {
        sendJson(res, 413, { error: `Berkas ditolak: lebih dari ${IMPORT_BODY_LIMIT / (1024 * 1024)} MB; bagi per periode atau per mesin (file over the limit)` });
        return true;
      }
      if (body.length === 0) throw new DomainError({ code: "BAD_REQUEST", message: "Berkas kosong: kirim isi berkas sebagai badan permintaan (empty file)" });
      sendJson(res, 202, await startSourceRun(scope, deps.jobs, { name: source[1]!, format: source[2]!, period, bytes: body }));
      return true;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendJson(res, 405, { error: "Gunakan GET" });
      return true;
    }
    const scope = await signedIn(req, url, deps);
    const file = template
      ? await connectorTemplate(scope, { name: template[1]!, format: template[2] as ExportFormat })
      : await runSink(scope, { name: sink![1]!, cycleId: decodeURIComponent(sink![2]!), format: sink![3] as SinkFormat });
    res.writeHead(200, {
      "content-type": file.contentType,
      "content-length": file.body.length,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : file.body);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (!req.readableEnded) req.resume();
    sendJson(res, error.httpStatus, { error: error.message });
  }
  return true;
}
