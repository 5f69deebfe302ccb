// Serves the hello page for the bench's Lighthouse yardstick (scripts/bench.mjs): Express with
// the same compression and asset caching as the app's server.mjs, nothing else.
// Run from bench/hello: `PORT=… HOST=127.0.0.1 node server.mjs`.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const here = path.dirname(new URL(import.meta.url).pathname);
const build = await import(pathToFileURL(path.join(here, "build/index.js")).href);
const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static(path.join(here, "public/build"), { immutable: true, maxAge: "1y" }));
app.all("*", createRequestHandler({ build, mode: "production" }));
app.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? "127.0.0.1");
