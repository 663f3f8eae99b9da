// Headers every response carries, so a browser runs only the portal's own code, never inside another
// site's frame, never guessing a file's type, and (behind https) only over https.
//
// The Content-Security-Policy fits the built portal (apps/admin/dist): its scripts and stylesheets are
// files of its own, with no inline script and nothing that compiles code at run time, so there is no
// 'unsafe-eval'. Styles do need 'unsafe-inline': Mantine and CodeMirror insert <style> elements as
// they render (and the fallback home page has one). Images may be data: or blob: URLs (CodeMirror's
// icons, downloaded files).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(publicUrl: string | undefined): Record<string, string> {
  return {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // Only when the server is known to be reached over https: sent over plain http it would lock a
    // browser out of a server that has no certificate.
    ...(publicUrl?.startsWith("https://") ? { "strict-transport-security": "max-age=31536000" } : {}),
  };
}
