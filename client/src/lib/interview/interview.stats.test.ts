import { describe, expect, it } from "vitest";
import { addInboundStats, emptyStats, type StatsReportLike } from "./interview.stats.js";

const report = (...stats: Record<string, unknown>[]): StatsReportLike => ({
  forEach: (callback) => stats.forEach(callback),
});

describe("addInboundStats", () => {
  it("sums decoded frames and packets of inbound streams only", () => {
    const first = addInboundStats(
      emptyStats(),
      report(
        { type: "inbound-rtp", kind: "video", framesDecoded: 30, packetsReceived: 90 },
        { type: "outbound-rtp", kind: "video", framesEncoded: 500 },
        { type: "codec", mimeType: "video/VP8" },
      ),
    );
    const total = addInboundStats(
      first,
      report({ type: "inbound-rtp", mediaType: "audio", packetsReceived: 50 }),
    );
    expect(total).toEqual({
      videoFramesDecoded: 30,
      videoPacketsReceived: 90,
      audioPacketsReceived: 50,
    });
  });
});
