// Vite build and dev server for the Svelte client. In development the API and
// Socket.io are proxied to the Fastify server so the browser sees one origin,
// exactly as in production where the server serves client/dist itself.
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

const serverOrigin = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [svelte()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: serverOrigin, changeOrigin: true },
      "/socket.io": { target: serverOrigin, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's sources carry `@__PURE__` comments in places Rollup cannot use;
        // harmless, and repeated on every build.
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("/zod/")) return;
        warn(warning);
      },
    },
  },
});
