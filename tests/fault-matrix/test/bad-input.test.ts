import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BadInputContext, createBadInputContext } from "../src/bad-input-context.js";
import { type BadInputRow, settle } from "../src/bad-input-row.js";
import { CORE_BAD_INPUT } from "../src/core-bad-input.js";
import { NODE_BAD_INPUT } from "../src/node-bad-input.js";
import { record } from "../src/scenario-meta.js";

const server = setupServer();
let requests = 0;
server.events.on("request:start", () => {
  requests++;
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

function table(title: string, rows: BadInputRow<BadInputContext>[]) {
  describe(title, () => {
    for (const row of rows) {
      const gap = row.knownGap ? ` [known gap: ${row.knownGap.defect}]` : "";
      it(`${row.fn}: ${row.input}${gap}`, async ({ task }) => {
        const context = await createBadInputContext(server);
        try {
          const before = requests;
          const result = await settle(() => row.call(context));
          const sent = requests - before;
          record(task.meta, {
            kind: "bad-input",
            bytesLost: 0,
            bytesVerified: 0,
            requestsSent: row.fromServer ? 0 : sent,
            knownGap: row.knownGap !== undefined,
          });
          const verify = async () => {
            if (!row.fromServer) expect(sent, "requests sent for input that was ours").toBe(0);
            if ("error" in result) {
              expect(String((result.error as Error).message)).not.toContain(context.accessToken);
            }
            expect(await context.finalFiles(), "final files written").toEqual([]);
            row.check(result);
          };
          const failure = await verify().then(
            () => undefined,
            (error: unknown) => error as Error,
          );
          if (!row.knownGap) {
            if (failure) throw failure;
            return;
          }
          expect(failure, `fixed? "${row.knownGap.defect}" no longer shows`).toBeDefined();
          expect(failure?.name).toBe("AssertionError");
          expect(failure?.message).toMatch(row.knownGap.symptom);
        } finally {
          await context.close();
        }
      });
    }
  });
}

table("@dataportability/core", CORE_BAD_INPUT);
table("@dataportability/node", NODE_BAD_INPUT);
