#!/usr/bin/env node
// Makes sure Playwright has a Chromium to drive. Our machines cannot download Playwright's
// browser builds, but Debian's chromium works (playwright.config.ts uses it when present).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (command, args, env = process.env) => {
  console.log(`$ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
};

if (["/usr/bin/chromium", "/usr/bin/chromium-browser"].some((file) => existsSync(file))) process.exit(0);

let ok;
if (process.getuid?.() === 0) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  ok = run("apt-get", ["update"], env) && run("apt-get", ["install", "-y", "chromium"], env);
} else {
  ok = run("npx", ["playwright", "install", "chromium"]);
}
if (!ok) {
  console.error("Could not install a Chromium for Playwright.");
  process.exit(1);
}
