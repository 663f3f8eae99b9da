// Links to the server's plain-HTTP downloads and uploads (same session; operators name the region).
function withRegion(path: string, regionId: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ regionId, ...extra });
  return `${path}?${query.toString()}`;
}

export function resultsExport(cycleId: string, regionId: string, format: "xlsx" | "csv"): string {
  return withRegion(`/export/cycles/${encodeURIComponent(cycleId)}/results.${format}`, regionId);
}

export function followUpExport(cycleId: string, type: string, regionId: string, format: "xlsx" | "csv", unitId?: string | null): string {
  return withRegion(`/export/cycles/${encodeURIComponent(cycleId)}/follow-up/${encodeURIComponent(type)}.${format}`, regionId, unitId ? { unitId } : {});
}

export function employeeDocument(cycleId: string, nip: string, regionId: string): string {
  return withRegion(`/documents/cycles/${encodeURIComponent(cycleId)}/employees/${encodeURIComponent(nip)}.pdf`, regionId);
}

export function unitDocument(cycleId: string, unitId: string, regionId: string): string {
  return withRegion(`/documents/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}.pdf`, regionId);
}

export function evidenceUpload(entryId: string, regionId: string): string {
  return withRegion(`/evidence/work-entries/${encodeURIComponent(entryId)}`, regionId);
}

export function evidenceFile(evidenceId: string, regionId: string): string {
  return withRegion(`/evidence/files/${encodeURIComponent(evidenceId)}`, regionId);
}

export function activationLetters(jobId: string, regionId: string): string {
  return withRegion(`/downloads/account-jobs/${encodeURIComponent(jobId)}/activation-letters.pdf`, regionId);
}

export function activationCodesCsv(jobId: string, regionId: string): string {
  return withRegion(`/downloads/account-jobs/${encodeURIComponent(jobId)}/activation-codes.csv`, regionId);
}

export function employeeImportUpload(format: "csv" | "xlsx", regionId: string): string {
  return withRegion(`/import/employees.${format}`, regionId);
}

export function connectorRunUpload(name: string, format: string, period: string, regionId: string): string {
  return withRegion(`/connectors/${encodeURIComponent(name)}/run.${encodeURIComponent(format)}`, regionId, { period });
}

export function connectorExport(name: string, cycleId: string, format: "xlsx" | "csv" | "json", regionId: string): string {
  return withRegion(`/connectors/${encodeURIComponent(name)}/export/${encodeURIComponent(cycleId)}.${format}`, regionId);
}

export function connectorTemplate(name: string, format: "xlsx" | "csv", regionId: string): string {
  return withRegion(`/connectors/${encodeURIComponent(name)}/template.${format}`, regionId);
}
