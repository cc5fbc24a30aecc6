// Manual check: do the admin's rich-text editor and the public pages work
// under the site's CSP in a real browser? Not part of `make test` (needs
// Chromium and Node >= 20).
//
//   PORT=8765 make run     # in another terminal (demo content, admin/admin)
//   node --experimental-websocket scripts/csp_browser_check.mjs \
//       /admin/articles/article/1/change/ /dossiers/wat-werkt-bij-sociale-innovatie/
//
// Logs in as the demo admin over the Chrome DevTools Protocol, opens each
// path and prints how many prose editors initialised plus every console
// message (CSP violations show up as "[log error] ... Content Security Policy").
import { spawn } from "node:child_process";
const port = 9333;
const base = `http://127.0.0.1:${process.env.PORT ?? 8765}`;
const chrome = spawn("chromium", ["--headless=new", "--no-sandbox", `--remote-debugging-port=${port}`, "--user-data-dir=/tmp/csp-browser-check-profile", "about:blank"], { stdio: "ignore" });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await sleep(2500);
const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
const page = targets.find((t) => t.type === "page");
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener("open", r));
let id = 0; const pending = new Map(); const logs = [];
ws.addEventListener("message", (ev) => {
  const msg = JSON.parse(ev.data);
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
  if (msg.method === "Log.entryAdded") logs.push(`[log ${msg.params.entry.level}] ${msg.params.entry.text}`);
  if (msg.method === "Runtime.consoleAPICalled") logs.push(`[console ${msg.params.type}] ${msg.params.args.map((a) => a.value ?? a.description).join(" ")}`);
  if (msg.method === "Runtime.exceptionThrown") logs.push(`[exception] ${msg.params.exceptionDetails.exception?.description}`);
});
const send = (method, params = {}) => new Promise((r) => { const i = ++id; pending.set(i, r); ws.send(JSON.stringify({ id: i, method, params })); });
await send("Log.enable"); await send("Runtime.enable"); await send("Page.enable");
const evaluate = async (expr) => (await send("Runtime.evaluate", { expression: expr, returnByValue: true })).result.value;
await send("Page.navigate", { url: `${base}/admin/login/?next=/admin/` }); await sleep(2000);
await evaluate(`document.querySelector('#id_username').value='admin'; document.querySelector('#id_password').value='admin'; document.querySelector('#login-form').submit(); 1`);
await sleep(2000);
for (const path of process.argv.slice(2)) {
  logs.length = 0;
  await send("Page.navigate", { url: base + path }); await sleep(4000);
  const info = await evaluate(`JSON.stringify({url: location.pathname, editors: document.querySelectorAll('.prose-editor').length, textareas: document.querySelectorAll('[data-django-prose-editor-configurable]').length, menubuttons: document.querySelectorAll('.prose-menubar button, .prose-menubar__button').length})`);
  console.log(path, info);
  for (const l of logs) console.log("   ", l.slice(0, 300));
}
ws.close(); chrome.kill();
