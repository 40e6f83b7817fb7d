// The Cloudflare Worker that workerd serves: `GET /?emulator=<URL>` answers with the report.
import { runCoreFlow } from "../core-flow.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const emulatorUrl = new URL(request.url).searchParams.get("emulator");
    if (!emulatorUrl) return new Response("missing ?emulator=", { status: 400 });
    try {
      return Response.json(await runCoreFlow(emulatorUrl));
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
};
