// Production HTTP server: Express in front of the Remix build. We own this (instead of
// remix-serve) to pass the client's address to rate limits, trusting X-Forwarded-For only when
// TRUST_PROXY says a proxy is in front, to set cache headers for built assets, and to run the
// job worker (mail, notifications) in this process with a clean stop on SIGTERM.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";

// BUILD_DIR: where `remix vite:build` wrote (vite.config.ts); "build" unless told otherwise.
const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");
const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
// Exported by app/entry.server.tsx, so the worker is the same bundled code the routes use.
const { startJobWorker, stopJobWorker } = build.entry.module;
if (typeof startJobWorker !== "function" || typeof stopJobWorker !== "function") {
  throw new Error("The server build does not export startJobWorker/stopJobWorker (app/entry.server.tsx)");
}

const app = express();
app.disable("x-powered-by");
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) {
  // "true", a hop count ("1") or a list of addresses/subnets, as Express understands it.
  app.set("trust proxy", trustProxy === "true" ? true : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
}
app.use(compression());
// Fingerprinted build output never changes under the same name.
app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV ?? "production",
    getLoadContext: (request) => ({ clientAddress: request.ip ?? "unknown" }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const server = host ? app.listen(port, host, ready) : app.listen(port, ready);
function ready() {
  console.log(`Buurt Bestuurt draait op http://${host ?? "localhost"}:${port}`);
  // Polls every JOB_POLL_MS; several app servers may each run one (jobs are claimed atomically).
  startJobWorker();
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Stop claiming jobs and let the one in progress finish (a job cut off halfway would wait
    // for its lock to go stale, 5 minutes), while open requests finish too.
    const worker = stopJobWorker().catch((error) => console.error("[jobs] stopping the worker failed", error));
    server.close(() => void worker.then(() => process.exit(0)));
  });
}
