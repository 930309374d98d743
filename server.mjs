// Production HTTP server: Express in front of the Remix build. We own this (instead of
// remix-serve) to pass the client's address to rate limits, trusting X-Forwarded-For only when
// TRUST_PROXY says a proxy is in front, and to set cache headers for built assets.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const build = await import("./build/server/index.js");

const app = express();
app.disable("x-powered-by");
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) {
  // "true", a hop count ("1") or a list of addresses/subnets, as Express understands it.
  app.set("trust proxy", trustProxy === "true" ? true : /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
}
app.use(compression());
// Fingerprinted build output never changes under the same name.
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
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
}
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
