// Sign-in through a region's OpenID Connect providers: their configuration, and who a sign-in is.
// The only door into this folder: routers, the auth plugin and other folders import from here.
export * from "./providers.js";
export * from "./sign-in.js";
