// The model of turbo's hashing that cache.e2e.test.ts predicts re-runs with (`changedTasks`), on
// small dry-run summaries. The end-to-end test holds the model to turbo itself: the real build
// after an edit runs exactly the tasks it predicts.
import { describe, expect, it } from "vitest";
import { changedTasks, type TaskSummary } from "../src/turbo.js";

function task(
  taskId: string,
  options: {
    command?: string;
    hash?: string | null;
    inputs?: Record<string, string>;
    dependencies?: string[];
  } = {},
): TaskSummary {
  const [pkg = "", name = ""] = taskId.split("#");
  return {
    taskId,
    task: name,
    package: pkg,
    hash: options.hash === undefined ? null : options.hash,
    command: options.command ?? `run ${name}`,
    directory: pkg,
    dependencies: options.dependencies ?? [],
    inputs: options.inputs ?? {},
    cache: { status: "MISS", local: false, remote: false },
  };
}

const graph = (...tasks: TaskSummary[]) => new Map(tasks.map((entry) => [entry.taskId, entry]));

describe("changedTasks", () => {
  // types#build builds the client too; client#build has no command; client#test depends on it.
  const before = graph(
    task("types#build", { inputs: { "spec.yaml": "1" } }),
    task("client#build", { command: "<NONEXISTENT>", dependencies: ["types#build"] }),
    task("client#test", { inputs: { "test.ts": "1" }, dependencies: ["client#build"] }),
    task("other#test", { inputs: { "test.ts": "1" } }),
  );

  it("passes a change through a task without a command, and lists only tasks that run one", () => {
    const after = graph(
      task("types#build", { inputs: { "spec.yaml": "2" } }),
      ...[...before.values()].filter((entry) => entry.taskId !== "types#build"),
    );
    expect(changedTasks(before, after)).toEqual(["client#test", "types#build"]);
  });

  it("counts a task changed when its own inputs change, and no other", () => {
    const after = graph(
      ...[...before.values()].filter((entry) => entry.taskId !== "client#test"),
      task("client#test", { inputs: { "test.ts": "2" }, dependencies: ["client#build"] }),
    );
    expect(changedTasks(before, after)).toEqual(["client#test"]);
    expect(changedTasks(before, before)).toEqual([]);
  });

  it("uses turbo's hashes when the dry run has them", () => {
    const hashed = (hash: string) => graph(task("a#build", { hash, inputs: { "a.ts": "same" } }));
    expect(changedTasks(hashed("x"), hashed("y"))).toEqual(["a#build"]);
    expect(changedTasks(hashed("x"), hashed("x"))).toEqual([]);
  });
});
