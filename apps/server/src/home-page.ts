// The page at / when the admin app has not been built: what the server offers and how to sign in.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

const ROLE_LABELS: Record<string, string> = {
  operator: "Operator nasional",
  admin: "Admin BKPSDM",
  assessor: "Pejabat penilai",
  employee: "Pegawai",
};

export async function homePage(db: Kysely<Database>, demoPassword: string | null): Promise<string> {
  const accounts = await db
    .selectFrom("user")
    .leftJoin("regions", "regions.id", "user.region_id")
    .select(["user.role", "user.email", "user.username", "user.name", "regions.name as region"])
    .orderBy("regions.name")
    .orderBy("user.role")
    .limit(50)
    .execute();
  const rows = accounts
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.region ?? "Nasional")}</td><td>${escapeHtml(ROLE_LABELS[a.role] ?? a.role)}</td>` +
        `<td>${escapeHtml(a.name)}</td><td><code>${escapeHtml(a.username ?? a.email)}</code></td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>Kinerja: penilaian kinerja ASN</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .25rem}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}</style>
</head>
<body>
<h1>Kinerja</h1>
<p>Server penilaian kinerja ASN berjalan. Aplikasi admin belum dibangun (<code>apps/admin/dist</code> tidak ada);
jalankan <code>pnpm --filter @kinerja/admin build</code> lalu mulai ulang server. <em>(The admin app is not built yet.)</em></p>
<h2>API</h2>
<ul>
<li><code>POST /api/auth/sign-in/email</code> — masuk dengan e-mail dan kata sandi (operator, admin): <code>{"email","password"}</code></li>
<li><code>POST /api/auth/sign-in/username</code> — masuk dengan NIP dan kata sandi (pejabat penilai, pegawai): <code>{"username": NIP, "password"}</code></li>
<li><code>GET /api/auth/get-session</code>, <code>POST /api/auth/sign-out</code></li>
<li><code>/trpc/&lt;prosedur&gt;</code> — API tRPC: <code>region</code>, <code>unit</code>, <code>employee</code>, <code>ruleSet</code>, <code>cycle</code>, <code>assessment</code>, <code>result</code>, <code>audit</code></li>
<li><code>GET /export/cycles/&lt;id&gt;/results.xlsx</code> dan <code>.csv</code> — unduh hasil penilaian</li>
<li><code>GET /health</code> — pemeriksaan kesehatan (termasuk basis data)</li>
</ul>
<h2>Akun</h2>
${demoPassword ? `<p>Kata sandi akun demo: <code>${escapeHtml(demoPassword)}</code> — ganti sebelum dipakai sungguhan.</p>` : ""}
<table><tr><th>Wilayah</th><th>Peran</th><th>Nama</th><th>Masuk dengan</th></tr>
${rows}
</table>
</body>
</html>
`;
}
