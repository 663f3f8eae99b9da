// The admin portal's build: a static app in dist/ that apps/server serves at /. In development, vite
// serves it and forwards the API to the server on :3000, presenting the server's own origin so
// better-auth's origin check accepts the requests.
import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";

const SERVER = process.env.KINERJA_SERVER ?? "http://localhost:3000";

const toServer: ProxyOptions = {
  target: SERVER,
  changeOrigin: true,
  configure: (proxy) => proxy.on("proxyReq", (request) => request.setHeader("origin", SERVER)),
};

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/trpc": toServer, "/api": toServer, "/export": toServer, "/documents": toServer, "/evidence": toServer } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    rollupOptions: {
      // zod's sources carry comments rollup reports and drops; nothing to act on here.
      onwarn(warning, warn) {
        if (warning.code !== "INVALID_ANNOTATION") warn(warning);
      },
    },
  },
});
