// Runs Verdaccio (a local npm registry) for the publish test: storage, users and config all in
// the folder given as argv[2], listening on 127.0.0.1 on a free port, which it prints as
// `LISTENING <port>`. No uplinks: it serves only what is published to it. Stops on SIGTERM.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runServer } from "verdaccio";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node verdaccio.mjs <dir>");
mkdirSync(join(dir, "storage"), { recursive: true });

const app = await runServer({
  self_path: join(dir, "config.yaml"),
  storage: join(dir, "storage"),
  auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: 10 } },
  uplinks: {},
  packages: {
    "@*/*": { access: "$all", publish: "$authenticated" },
    "**": { access: "$all", publish: "$authenticated" },
  },
  max_body_size: "100mb",
  log: { type: "stdout", format: "pretty", level: "warn" },
  web: { enable: false },
});
app.listen(0, "127.0.0.1", () => {
  console.log(`LISTENING ${app.address().port}`);
});
const stop = () => app.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
