// Integrations for systems outside Kinerja: the public API's tokens, and webhooks (endpoints, events,
// signed deliveries with retries, the delivery log). Events call `emitEvent` inside their transaction; the
// server runs one `WebhookSender`. Which token may call what is decided in access/api-tokens.ts.
// The only door into this folder: routers and other folders import from here.
export * from "./tokens.js";
export * from "./webhooks.js";
export * from "./signature.js";
export { WebhookSender, type WebhookSenderOptions } from "./webhook-sender.js";
