import { describe, expect, it } from "vitest";
import { Output, wantsColor } from "./output.js";

const stream = (isTTY: boolean) => {
  const s = {
    text: "",
    isTTY,
    columns: 60,
    write: (chunk: string) => {
      s.text += chunk;
    },
  };
  return s;
};

describe("wantsColor", () => {
  it("follows NO_COLOR, --no-color, TERM=dumb, FORCE_COLOR and the terminal", () => {
    expect(wantsColor(stream(true), {})).toBe(true);
    expect(wantsColor(stream(false), {})).toBe(false);
    expect(wantsColor(stream(true), { NO_COLOR: "1" })).toBe(false);
    expect(wantsColor(stream(true), { NO_COLOR: "" })).toBe(true);
    expect(wantsColor(stream(true), { TERM: "dumb" })).toBe(false);
    expect(wantsColor(stream(true), {}, false)).toBe(false);
    expect(wantsColor(stream(false), { FORCE_COLOR: "1" })).toBe(true);
    expect(wantsColor(stream(false), { FORCE_COLOR: "0" })).toBe(false);
  });
});

describe("Output", () => {
  it("sends results to stdout and notes to stderr; --json keeps stdout for the document", () => {
    const [stdout, stderr] = [stream(false), stream(false)];
    const human = new Output(stdout, stderr);
    human.result("done");
    human.data({ ok: true });
    human.note("fyi");
    expect(stdout.text).toBe("done\n");
    expect(stderr.text).toBe("fyi\n");

    const [jsonOut, jsonErr] = [stream(false), stream(false)];
    const json = new Output(jsonOut, jsonErr, { json: true });
    json.result("done");
    json.data({ ok: true });
    json.note("fyi");
    expect(JSON.parse(jsonOut.text)).toEqual({ ok: true });
    expect(jsonErr.text).toBe("fyi\n");
  });

  it("draws a live block only on a terminal and keeps notes above it", () => {
    const [stdout, pipe] = [stream(false), stream(false)];
    const piped = new Output(stdout, pipe);
    piped.setLive(["spinner"]);
    expect(pipe.text).toBe("");

    const tty = stream(true);
    const live = new Output(stream(true), tty);
    live.setLive(["one", "two"]);
    live.note("note");
    live.setLive(["three"]);
    live.clearLive();
    expect(tty.text).toBe(
      "one\ntwo\n" + "\x1b[2F\x1b[0Jnote\none\ntwo\n" + "\x1b[2F\x1b[0Jthree\n" + "\x1b[1F\x1b[0J",
    );
  });

  it("cuts live lines to the terminal width", () => {
    const tty = stream(true);
    new Output(stream(true), tty).setLive(["x".repeat(200)]);
    expect(tty.text).toBe(`${"x".repeat(58)}…\n`);
  });

  it("masks secrets in everything it writes", () => {
    const [stdout, stderr] = [stream(false), stream(false)];
    const out = new Output(stdout, stderr);
    out.redactor.add("secret-value-123");
    out.result("a secret-value-123");
    out.error("Bearer ya29.abcdef");
    expect(stdout.text).toBe("a [redacted]\n");
    expect(stderr.text).toBe("error: Bearer [redacted]\n");
  });
});
