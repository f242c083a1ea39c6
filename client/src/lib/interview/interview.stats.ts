/**
 * Sums what the browser reports about received media, so the UI (and the
 * browser test) can tell that audio and video really arrive.
 */

export interface ReceiveStats {
  videoFramesDecoded: number;
  videoPacketsReceived: number;
  audioPacketsReceived: number;
}

/** Minimal stats report: a browser RTCStatsReport satisfies it. */
export interface StatsReportLike {
  forEach(callback: (stat: Record<string, unknown>) => void): void;
}

export function emptyStats(): ReceiveStats {
  return { videoFramesDecoded: 0, videoPacketsReceived: 0, audioPacketsReceived: 0 };
}

export function addInboundStats(total: ReceiveStats, report: StatsReportLike): ReceiveStats {
  const next = { ...total };
  report.forEach((stat) => {
    if (stat.type !== "inbound-rtp") return;
    const kind = stat.kind ?? stat.mediaType;
    const packets = typeof stat.packetsReceived === "number" ? stat.packetsReceived : 0;
    if (kind === "video") {
      next.videoPacketsReceived += packets;
      next.videoFramesDecoded += typeof stat.framesDecoded === "number" ? stat.framesDecoded : 0;
    } else if (kind === "audio") {
      next.audioPacketsReceived += packets;
    }
  });
  return next;
}
