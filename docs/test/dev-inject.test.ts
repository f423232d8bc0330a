import { describe, expect, it } from "vitest";
import { EVENTS_PATH, injectReload } from "../src/dev.js";

describe("injectReload", () => {
  it("adds the reload script before the page's own </body>, not one inside a script", () => {
    const html = '<body><script>const s = "</body>";</script>\n</body>\n</html>';
    const injected = injectReload(html);
    expect(injected.startsWith('<body><script>const s = "</body>";</script>\n<script>')).toBe(true);
    expect(injected).toContain(`new EventSource("${EVENTS_PATH}")`);
    expect(injected.endsWith("</script>\n</body>\n</html>")).toBe(true);
  });
});
